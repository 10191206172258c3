/* Objects/dictobject.c: dict objects: insertion-ordered hash tables.
 *
 * Layout (as CPython 3.6+'s compact dict): one block per table (MiniDictKeys, dict_internal.h)
 * holding a small header, a power-of-two index table (-1 empty, -2 deleted) whose slots are 1, 2,
 * 4 or 8 bytes wide as the size requires, and the entries (hash, key, value) in insertion order.
 * The index table is probed with the "perturb" recurrence, so every bit of the hash takes part.
 * Deleting leaves a hole in the entries and a "deleted" mark in the index; a resize builds a new
 * block without the holes. At most 2/3 of the index slots are ever non-empty, so probing always
 * finds an empty slot. An empty dict has no block; the smallest blocks (8 slots, 5 entries, 160
 * bytes) are recycled through a free list in GIL mode, and dict objects themselves through the
 * allocator's small-block lists (object.c).
 *
 * Keys are compared with their type's __eq__, which may run arbitrary code; a lookup that sees
 * the dict change under it (the version counter moved) starts over, as CPython does.
 *
 * Python-level methods (get, pop, popitem, setdefault, update, copy, clear, fromkeys, keys/values/
 * items, the | operator) are here too, as are the iterators over keys, values and items (forward
 * and reversed) that the views of Objects/dictviews.c hand out.
 *
 * Thread safety (free-threaded mode): every read or write of a dict's table happens inside the
 * dict's critical section (mini/critical_section.h): the public functions take it around the
 * table work (keys are hashed before, outside it); the slots, methods and iterators likewise;
 * update and == take both dicts in one two-object section. Lookups still call __eq__ inside the
 * section, which is safe because sections are suspended, never deadlocked, if that code blocks
 * or takes other sections. The borrowed results (MiniDict_GetItem*, MiniDict_Next) may dangle
 * without the GIL; the *Ref functions (MiniDict_GetItemRef, MiniDict_SetDefaultRef, MiniDict_Pop,
 * ...) return new references taken under the section. The shared version counter is bumped
 * atomically and the small-table free list is bypassed while sections are on. The eval loop's
 * caches read tables WITHOUT the section (dict_internal.h: _MiniDict_HintValue, _MiniDict_StrIndex):
 * they load the block pointer once (acquire) and take size, index width and entries from that
 * block; a resize publishes a filled block (release) and frees the old one only after a grace
 * period (_MiniFT_FreeDelayed), and an insertion writes the entry before it counts it. */
#include "mini.h"
#include "ftmode_internal.h"
#include "critical_section_internal.h"
#include "formatter_internal.h"
#include "lib_internal.h"
#include "objimpl_internal.h"
#include "gc_internal.h"
#include "unicodeobject_internal.h"
#include "dict_internal.h"

#include <stdlib.h>
#include <string.h>

#define IX_EMPTY (-1)
#define IX_DUMMY (-2)
#define MIN_LOG2 3
#define MIN_SIZE (1 << MIN_LOG2)   /* 8 index slots, 5 entries */

typedef MiniDictEntry DictEntry;

/* Every mutation: a new version from the shared counter; a watched dict (a type's) also moves
 * the type epoch, invalidating cached type lookups (see dict_internal.h). */
uint64_t _MiniDict_VersionCounter;
uint64_t _MiniType_Epoch = 1;
#define BUMP_VERSION(d) do { __atomic_store_n(&(d)->version, _MiniDict_NextVersion(), __ATOMIC_RELAXED); \
        if (MINI_UNLIKELY(__atomic_load_n(&(d)->watched, __ATOMIC_RELAXED))) _MiniType_EpochBump(); } while (0)

#define DICT(op) ((MiniDictObject *)(op))

/* ----- table memory --------------------------------------------------------------------------------- */

/* One block per table (dict_internal.h: header, index table, entries). The index width follows
 * the size, as CPython 3.6+'s compact dicts: an 8-slot table's indices take 8 bytes, not 64. */
static int ix_width_log2(unsigned log2_size) {
    if (log2_size <= 7) return 0;     /* < 128 slots: entries < 86, fit int8 beside -1/-2 */
    if (log2_size <= 15) return 1;
    if (log2_size <= 31) return 2;
    return 3;
}

static inline void *ix_base(const MiniDictKeys *k) { return (char *)k + sizeof(MiniDictKeys); }

static inline void ix_set(MiniDictKeys *k, size_t i, Mini_ssize_t ix) {
    switch (k->log2_ix_bytes) {
    case 0: ((int8_t *)ix_base(k))[i] = (int8_t)ix; break;
    case 1: ((int16_t *)ix_base(k))[i] = (int16_t)ix; break;
    case 2: ((int32_t *)ix_base(k))[i] = (int32_t)ix; break;
    default: ((int64_t *)ix_base(k))[i] = (int64_t)ix; break;
    }
}

/* Freed MIN_SIZE blocks kept for reuse (GIL mode only; the GIL guards the list): most dicts
 * (instance __dict__s, keyword arguments) never outgrow them, and a program creating many
 * objects would otherwise make a malloc/free pair per dict. Plain memory, not objects. */
#define FREE_KEYS_MAX 256
static MiniDictKeys *free_keys[FREE_KEYS_MAX];
static int nfree_keys;

/* A table of 1 << log2_size empty index slots and no entries, or NULL (no exception set). */
static MiniDictKeys *keys_new(unsigned log2_size) {
    int lw = ix_width_log2(log2_size);
    size_t size = (size_t)1 << log2_size, capacity = size * 2 / 3;
    size_t ixbytes = size << lw;
    MiniDictKeys *k;
    if (log2_size == MIN_LOG2 && nfree_keys > 0 && !_Mini_FreeThreaded) k = free_keys[--nfree_keys];
    else k = malloc(sizeof(MiniDictKeys) + ixbytes + capacity * sizeof(DictEntry));
    if (k == NULL) return NULL;
    k->nentries = 0;
    k->capacity = (Mini_ssize_t)capacity;
    k->log2_size = (uint8_t)log2_size;
    k->log2_ix_bytes = (uint8_t)lw;
    k->entries = (DictEntry *)((char *)ix_base(k) + ixbytes);
    memset(ix_base(k), 0xff, ixbytes);   /* every slot IX_EMPTY (-1) at any width */
    return k;
}

static void keys_free(MiniDictKeys *k) {
    if (k == NULL) return;
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) {
        /* No shared free list without the GIL; readers may still be in the old block. */
        _MiniFT_FreeDelayed(k);
        return;
    }
    if (k->log2_size == MIN_LOG2 && nfree_keys < FREE_KEYS_MAX) { free_keys[nfree_keys++] = k; return; }
    free(k);
}

/* Publishes a new table (free-threaded readers load it with acquire: they see it filled). */
static inline void set_keys(MiniDictObject *d, MiniDictKeys *k) { __atomic_store_n(&d->keys, k, __ATOMIC_RELEASE); }

/* ----- the table -------------------------------------------------------------------------------------- */

/* Result of a lookup: the entry index (or -1) and the index-table slot holding it. */
typedef struct { Mini_ssize_t ix; Mini_ssize_t slot; } Found;

/* An index slot read with the width lw known at compile time (lookup's specialised loops). */
static inline __attribute__((always_inline)) Mini_ssize_t ix_at(const MiniDictKeys *k, size_t i, int lw) {
    switch (lw) {
    case 0: return ((const int8_t *)ix_base(k))[i];
    case 1: return ((const int16_t *)ix_base(k))[i];
    case 2: return ((const int32_t *)ix_base(k))[i];
    default: return (Mini_ssize_t)((const int64_t *)ix_base(k))[i];
    }
}

/* An index slot of any width (the rarer paths: insertion's free-slot search, resize). */
static inline Mini_ssize_t ix_get(const MiniDictKeys *k, size_t i) { return ix_at(k, i, k->log2_ix_bytes); }

#define LOOKUP_RESTART 1

/* The probe loop of lookup for one index width (lw, a constant after inlining, so each width
 * gets its own loop without a per-probe switch). 0 with *out filled, -1 on error, or
 * LOOKUP_RESTART when an __eq__ changed the dict. */
static inline __attribute__((always_inline)) int probe(MiniDictObject *d, MiniDictKeys *k, MiniObject *key,
                                                       Mini_hash_t hash, Found *out, int lw) {
    size_t mask = ((size_t)1 << k->log2_size) - 1, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    int key_is_str = MiniUnicode_CheckExact(key);
    for (;;) {
        Mini_ssize_t ix = ix_at(k, i, lw);
        if (ix == IX_EMPTY) return 0;
        if (ix >= 0) {
            DictEntry *e = &k->entries[ix];
            if (e->key == key) { out->ix = ix; out->slot = (Mini_ssize_t)i; return 0; }
            if (e->hash == hash) {
                int eq;
                if (key_is_str && MiniUnicode_CheckExact(e->key)) {
                    eq = _MiniUnicode_Eq(e->key, key);
                } else {
                    MiniObject *startkey = Mini_NewRef(e->key);
                    uint64_t version = d->version;
                    eq = MiniObject_RichCompareBool(startkey, key, Mini_EQ);
                    Mini_DECREF(startkey);
                    if (eq < 0) return -1;
                    if (d->version != version) return LOOKUP_RESTART;
                }
                if (eq) { out->ix = ix; out->slot = (Mini_ssize_t)i; return 0; }
            }
        }
        perturb >>= 5;
        i = (i * 5 + (size_t)perturb + 1) & mask;
    }
}

/* Finds key. 0 with *out filled (ix -1 when absent), or -1 with an exception from __eq__. */
static int lookup(MiniDictObject *d, MiniObject *key, Mini_hash_t hash, Found *out) {
    for (;;) {
        out->ix = -1;
        out->slot = -1;
        MiniDictKeys *k = _MiniDict_Keys((MiniObject *)d);
        if (k == NULL) return 0;
        int r;
        switch (k->log2_ix_bytes) {
        case 0: r = probe(d, k, key, hash, out, 0); break;
        case 1: r = probe(d, k, key, hash, out, 1); break;
        case 2: r = probe(d, k, key, hash, out, 2); break;
        default: r = probe(d, k, key, hash, out, 3); break;
        }
        if (r != LOOKUP_RESTART) return r;
    }
}

/* The first empty or deleted index slot on hash's probe sequence. */
static size_t find_free_slot(MiniDictKeys *k, Mini_hash_t hash) {
    size_t mask = ((size_t)1 << k->log2_size) - 1, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    while (ix_get(k, i) >= 0) {
        perturb >>= 5;
        i = (i * 5 + (size_t)perturb + 1) & mask;
    }
    return i;
}

/* Rebuilds the table with room for more than minused entries, compacting the holes away. */
static int dict_resize(MiniDictObject *d, Mini_ssize_t minused) {
    unsigned log2_size = MIN_LOG2;
    while (((Mini_ssize_t)1 << log2_size) * 2 / 3 <= minused) {
        if (log2_size >= 8 * sizeof(Mini_ssize_t) - 3) { MiniErr_NoMemory(); return -1; }
        log2_size++;
    }
    MiniDictKeys *k = keys_new(log2_size), *old = d->keys;
    if (k == NULL) { MiniErr_NoMemory(); return -1; }
    Mini_ssize_t n = 0;
    if (old != NULL) {
        for (Mini_ssize_t i = 0; i < old->nentries; i++)
            if (old->entries[i].key != NULL) k->entries[n++] = old->entries[i];
    }
    for (Mini_ssize_t i = 0; i < n; i++) ix_set(k, find_free_slot(k, k->entries[i].hash), i);
    k->nentries = n;
    set_keys(d, k);
    BUMP_VERSION(d);
    keys_free(old);
    return 0;
}

/* Inserts or replaces; takes new references to key and value. */
static int insert(MiniDictObject *d, MiniObject *key, Mini_hash_t hash, MiniObject *value) {
    Found f;
    if (lookup(d, key, hash, &f) < 0) return -1;
    if (f.ix >= 0) {
        DictEntry *e = &d->keys->entries[f.ix];
        MiniObject *old = e->value;
        e->value = Mini_NewRef(value);
        BUMP_VERSION(d);
        _Mini_DecRefShared(old);
        return 0;
    }
    MiniDictKeys *k = d->keys;
    if ((k == NULL || k->nentries >= k->capacity) &&
        dict_resize(d, d->used * 3 > MIN_SIZE ? d->used * 3 : d->used + 1) < 0)
        return -1;
    k = d->keys;
    size_t slot = find_free_slot(k, hash);
    DictEntry *e = &k->entries[k->nentries];
    e->hash = hash;
    e->key = Mini_NewRef(key);
    e->value = Mini_NewRef(value);
    ix_set(k, slot, k->nentries);
    __atomic_store_n(&k->nentries, k->nentries + 1, __ATOMIC_RELEASE);   /* the entry is written first */
    d->used++;
    BUMP_VERSION(d);
    return 0;
}

static Mini_hash_t hash_key(MiniObject *key) {
    if (MiniUnicode_CheckExact(key)) return _MiniUnicode_Hash(key);
    return MiniObject_Hash(key);
}

/* KeyError(key): always wrapped in a tuple so that a tuple key is not taken as the args. */
static void set_key_error(MiniObject *key) {
    MiniObject *args = MiniTuple_Pack(1, key);
    if (args == NULL) return;
    MiniErr_SetObject(MiniExc_KeyError, args);
    Mini_DECREF(args);
}

/* Empties the entry that lookup found (f), marking its slot deleted; its key and value move to
 * *k and *v. */
static void remove_found(MiniDictObject *d, const Found *f, MiniObject **k, MiniObject **v) {
    DictEntry *e = &d->keys->entries[f->ix];
    *k = e->key;
    *v = e->value;
    e->key = e->value = NULL;
    ix_set(d->keys, (size_t)f->slot, IX_DUMMY);
    d->used--;
    BUMP_VERSION(d);
}

static int del_item(MiniDictObject *d, MiniObject *key) {
    Mini_hash_t h = hash_key(key);
    if (h == -1) return -1;
    Found f;
    if (lookup(d, key, h, &f) < 0) return -1;
    if (f.ix < 0) { set_key_error(key); return -1; }
    MiniObject *k, *v;
    remove_found(d, &f, &k, &v);
    _Mini_DecRefShared(k);
    _Mini_DecRefShared(v);
    return 0;
}

static void dict_clear(MiniDictObject *d) {
    MiniDictKeys *k = d->keys;
    set_keys(d, NULL);
    d->used = 0;
    BUMP_VERSION(d);
    if (k == NULL) return;
    for (Mini_ssize_t i = 0; i < k->nentries; i++) {
        if (k->entries[i].key != NULL) {
            _Mini_DecRefShared(k->entries[i].key);
            _Mini_DecRefShared(k->entries[i].value);
        }
    }
    keys_free(k);
}

/* The live-entry range of d for loops: entries and their count (NULL and 0 when empty). */
static inline DictEntry *entries_of(MiniDictObject *d, Mini_ssize_t *n) {
    MiniDictKeys *k = d->keys;
    *n = k != NULL ? k->nentries : 0;
    return k != NULL ? k->entries : NULL;
}

/* ----- the C API ---------------------------------------------------------------------------------- */

#define LOCKED(op, type, call) __extension__ ({ type _r; Mini_BEGIN_CRITICAL_SECTION(op); \
                                               _r = (call); Mini_END_CRITICAL_SECTION(); _r; })

static int bad_dict(MiniObject *d, const char *func) {
    if (d != NULL && MiniDict_Check(d)) return 0;
    _MiniErr_BadInternalCall(func);
    return -1;
}

MiniObject *MiniDict_New(void) {
    MINI_CHECK_GIL("MiniDict_New");
    return MiniObject_New(&MiniDict_Type);
}

int MiniDict_SetItem(MiniObject *d, MiniObject *key, MiniObject *value) {
    MINI_GUARD2(d, key, "MiniDict_SetItem", -1);
    MINI_CHECK_OBJECT(value, "MiniDict_SetItem");
    if (bad_dict(d, "MiniDict_SetItem") < 0) return -1;
    if (value == NULL) { _MiniErr_BadInternalCall("MiniDict_SetItem"); return -1; }
    Mini_hash_t h = hash_key(key);
    if (h == -1) return -1;
    return LOCKED(d, int, insert(DICT(d), key, h, value));
}

int MiniDict_SetItemString(MiniObject *d, const char *key, MiniObject *value) {
    MINI_GUARD(d, "MiniDict_SetItemString", -1);
    if (key == NULL) { _MiniErr_BadInternalCall("MiniDict_SetItemString"); return -1; }
    MiniObject *k = MiniUnicode_FromString(key);
    if (k == NULL) return -1;
    int r = MiniDict_SetItem(d, k, value);
    Mini_DECREF(k);
    return r;
}

/* The value for key (hash h) in d, borrowed, or NULL (exception set only on error). Caller
 * holds d's section. */
static MiniObject *getitem_unlocked(MiniDictObject *d, MiniObject *key, Mini_hash_t h) {
    Found f;
    if (lookup(d, key, h, &f) < 0 || f.ix < 0) return NULL;
    return d->keys->entries[f.ix].value;
}

static MiniObject *getitem_ref_unlocked(MiniDictObject *d, MiniObject *key, Mini_hash_t h) {
    MiniObject *v = getitem_unlocked(d, key, h);
    return v != NULL ? Mini_NewRef(v) : NULL;
}

MiniObject *MiniDict_GetItemWithError(MiniObject *d, MiniObject *key) {
    MINI_GUARD2(d, key, "MiniDict_GetItemWithError", NULL);
    if (bad_dict(d, "MiniDict_GetItemWithError") < 0) return NULL;
    Mini_hash_t h = hash_key(key);
    if (h == -1) return NULL;
    return LOCKED(d, MiniObject *, getitem_unlocked(DICT(d), key, h));
}

int MiniDict_GetItemRef(MiniObject *d, MiniObject *key, MiniObject **result) {
    MINI_GUARD2(d, key, "MiniDict_GetItemRef", -1);
    *result = NULL;
    if (bad_dict(d, "MiniDict_GetItemRef") < 0) return -1;
    Mini_hash_t h = hash_key(key);
    if (h == -1) return -1;
    *result = LOCKED(d, MiniObject *, getitem_ref_unlocked(DICT(d), key, h));
    if (*result != NULL) return 1;
    return MiniErr_Occurred() ? -1 : 0;
}

int MiniDict_GetItemStringRef(MiniObject *d, const char *key, MiniObject **result) {
    MINI_GUARD(d, "MiniDict_GetItemStringRef", -1);
    *result = NULL;
    if (key == NULL) { _MiniErr_BadInternalCall("MiniDict_GetItemStringRef"); return -1; }
    MiniObject *k = MiniUnicode_FromString(key);
    if (k == NULL) return -1;
    int r = MiniDict_GetItemRef(d, k, result);
    Mini_DECREF(k);
    return r;
}

Mini_ssize_t _MiniDict_StrIndex(MiniObject *d, MiniObject *key) {
    Found f;
    if (lookup(DICT(d), key, _MiniUnicode_Hash(key), &f) < 0) { MiniErr_Clear(); return -1; }
    return f.ix;
}

void _MiniDict_ReplaceAt(MiniObject *op, Mini_ssize_t ix, MiniObject *value) {
    MiniDictObject *d = DICT(op);
    DictEntry *e = &d->keys->entries[ix];
    MiniObject *old = e->value;
    e->value = Mini_NewRef(value);
    BUMP_VERSION(d);
    _Mini_DecRefShared(old);
}

MiniObject *MiniDict_GetItem(MiniObject *d, MiniObject *key) {
    MINI_GUARD2(d, key, "MiniDict_GetItem", NULL);
    if (!MiniDict_Check(d)) return NULL;
    if (MiniUnicode_CheckExact(key)) return MiniDict_GetItemWithError(d, key);   /* cannot fail */
    /* Errors from hashing or comparing are swallowed, and an exception already set survives. */
    MiniObject *saved = MiniErr_GetRaisedException();
    MiniObject *res = MiniDict_GetItemWithError(d, key);
    if (res == NULL && MiniErr_Occurred()) MiniErr_Clear();
    if (saved != NULL) MiniErr_SetRaisedException(saved);
    return res;
}

MiniObject *MiniDict_GetItemString(MiniObject *d, const char *key) {
    MINI_GUARD(d, "MiniDict_GetItemString", NULL);
    if (key == NULL || !MiniDict_Check(d)) return NULL;
    MiniObject *k = MiniUnicode_FromString(key);
    if (k == NULL) { MiniErr_Clear(); return NULL; }
    MiniObject *res = MiniDict_GetItemWithError(d, k);
    Mini_DECREF(k);
    return res;
}

int MiniDict_DelItem(MiniObject *d, MiniObject *key) {
    MINI_GUARD2(d, key, "MiniDict_DelItem", -1);
    if (bad_dict(d, "MiniDict_DelItem") < 0) return -1;
    return LOCKED(d, int, del_item(DICT(d), key));
}

int MiniDict_DelItemString(MiniObject *d, const char *key) {
    MINI_GUARD(d, "MiniDict_DelItemString", -1);
    if (key == NULL) { _MiniErr_BadInternalCall("MiniDict_DelItemString"); return -1; }
    MiniObject *k = MiniUnicode_FromString(key);
    if (k == NULL) return -1;
    int r = MiniDict_DelItem(d, k);
    Mini_DECREF(k);
    return r;
}

/* pop(d, key) under d's section: 1 with *result the removed value (new reference), 0 if absent,
 * -1 on error. */
static int pop_unlocked(MiniDictObject *d, MiniObject *key, Mini_hash_t h, MiniObject **result) {
    Found f;
    if (lookup(d, key, h, &f) < 0) return -1;
    if (f.ix < 0) return 0;
    MiniObject *k;
    remove_found(d, &f, &k, result);   /* the entry's value reference moves to the caller */
    Mini_DECREF(k);
    return 1;
}

int MiniDict_Pop(MiniObject *d, MiniObject *key, MiniObject **result) {
    MiniObject *dummy;
    MiniObject **out = result != NULL ? result : &dummy;
    MINI_GUARD2(d, key, "MiniDict_Pop", -1);
    *out = NULL;
    if (bad_dict(d, "MiniDict_Pop") < 0) return -1;
    Mini_hash_t h = hash_key(key);
    if (h == -1) return -1;
    int r = LOCKED(d, int, pop_unlocked(DICT(d), key, h, out));
    if (result == NULL && r == 1) Mini_DECREF(dummy);
    return r;
}

int MiniDict_PopString(MiniObject *d, const char *key, MiniObject **result) {
    if (result != NULL) *result = NULL;
    if (key == NULL) { _MiniErr_BadInternalCall("MiniDict_PopString"); return -1; }
    MiniObject *k = MiniUnicode_FromString(key);
    if (k == NULL) return -1;
    int r = MiniDict_Pop(d, k, result);
    Mini_DECREF(k);
    return r;
}

/* setdefault under d's section: 1 (present) or 0 (inserted) with *result a new reference to the
 * value now in d; -1 on error. */
static int setdefault_unlocked(MiniDictObject *d, MiniObject *key, Mini_hash_t h, MiniObject *dflt,
                               MiniObject **result) {
    MiniObject *v = getitem_unlocked(d, key, h);
    if (v != NULL) { *result = Mini_NewRef(v); return 1; }
    if (MiniErr_Occurred() || insert(d, key, h, dflt) < 0) return -1;
    *result = Mini_NewRef(dflt);
    return 0;
}

int MiniDict_SetDefaultRef(MiniObject *d, MiniObject *key, MiniObject *default_value, MiniObject **result) {
    MiniObject *dummy;
    MiniObject **out = result != NULL ? result : &dummy;
    MINI_GUARD2(d, key, "MiniDict_SetDefaultRef", -1);
    *out = NULL;
    if (bad_dict(d, "MiniDict_SetDefaultRef") < 0) return -1;
    if (default_value == NULL) { _MiniErr_BadInternalCall("MiniDict_SetDefaultRef"); return -1; }
    Mini_hash_t h = hash_key(key);
    if (h == -1) return -1;
    int r = LOCKED(d, int, setdefault_unlocked(DICT(d), key, h, default_value, out));
    if (result == NULL && r >= 0) Mini_DECREF(dummy);
    return r;
}

static int contains_unlocked(MiniDictObject *d, MiniObject *key, Mini_hash_t h) {
    Found f;
    if (lookup(d, key, h, &f) < 0) return -1;
    return f.ix >= 0;
}

int MiniDict_Contains(MiniObject *d, MiniObject *key) {
    MINI_GUARD2(d, key, "MiniDict_Contains", -1);
    if (bad_dict(d, "MiniDict_Contains") < 0) return -1;
    Mini_hash_t h = hash_key(key);
    if (h == -1) return -1;
    return LOCKED(d, int, contains_unlocked(DICT(d), key, h));
}

Mini_ssize_t MiniDict_Size(MiniObject *d) {
    MINI_GUARD(d, "MiniDict_Size", -1);
    if (bad_dict(d, "MiniDict_Size") < 0) return -1;
    return LOCKED(d, Mini_ssize_t, DICT(d)->used);
}

static int clear_unlocked(MiniDictObject *d) { dict_clear(d); return 0; }

void MiniDict_Clear(MiniObject *d) {
    MINI_CHECK_GIL_OBJECT(d, "MiniDict_Clear");
    if (d == NULL || !MiniDict_Check(d)) return;
    (void)LOCKED(d, int, clear_unlocked(DICT(d)));
}

static int next_unlocked(MiniDictObject *dd, Mini_ssize_t *pos, MiniObject **key, MiniObject **value) {
    Mini_ssize_t i = *pos, n;
    DictEntry *entries = entries_of(dd, &n);
    if (i < 0) return 0;
    while (i < n && entries[i].key == NULL) i++;
    if (i >= n) { *pos = i; return 0; }
    *pos = i + 1;
    if (key != NULL) *key = entries[i].key;
    if (value != NULL) *value = entries[i].value;
    return 1;
}

int MiniDict_Next(MiniObject *d, Mini_ssize_t *pos, MiniObject **key, MiniObject **value) {
    MINI_CHECK_GIL_OBJECT(d, "MiniDict_Next");
    if (d == NULL || !MiniDict_Check(d) || pos == NULL) return 0;
    return LOCKED(d, int, next_unlocked(DICT(d), pos, key, value));
}

/* A list built from the live entries: what 0 keys, 1 values, 2 (key, value) pairs. Caller holds
 * d's section. */
static MiniObject *dict_list_unlocked(MiniDictObject *dd, int what) {
    MiniObject *list = MiniList_New(dd->used);
    if (list == NULL) return NULL;
    Mini_ssize_t n = 0, ne;
    DictEntry *entries = entries_of(dd, &ne);   /* no code runs in the loop: the table stays */
    for (Mini_ssize_t i = 0; i < ne && n < Mini_SIZE(list); i++) {
        DictEntry *e = &entries[i];
        if (e->key == NULL) continue;
        MiniObject *item;
        if (what == 0) item = Mini_NewRef(e->key);
        else if (what == 1) item = Mini_NewRef(e->value);
        else if ((item = MiniTuple_Pack(2, e->key, e->value)) == NULL) { Mini_DECREF(list); return NULL; }
        ((MiniListObject *)list)->ob_item[n++] = item;
    }
    return list;
}

static MiniObject *dict_list(MiniObject *d, int what, const char *func) {
    MINI_GUARD(d, func, NULL);
    if (bad_dict(d, func) < 0) return NULL;
    return LOCKED(d, MiniObject *, dict_list_unlocked(DICT(d), what));
}

MiniObject *MiniDict_Keys(MiniObject *d) { return dict_list(d, 0, "MiniDict_Keys"); }
MiniObject *MiniDict_Values(MiniObject *d) { return dict_list(d, 1, "MiniDict_Values"); }
MiniObject *MiniDict_Items(MiniObject *d) { return dict_list(d, 2, "MiniDict_Items"); }

/* Copies other's items into d; the caller holds both sections. */
static int update_unlocked(MiniDictObject *d, MiniDictObject *o) {
    /* other may change under a key's __eq__: re-check the bound on every step. */
    for (Mini_ssize_t i = 0; i < _MiniDict_NEntries((MiniObject *)o); i++) {
        DictEntry *e = &o->keys->entries[i];
        if (e->key == NULL) continue;
        MiniObject *k = Mini_NewRef(e->key), *v = Mini_NewRef(e->value);
        int r = insert(d, k, e->hash, v);
        Mini_DECREF(k);
        Mini_DECREF(v);
        if (r < 0) return -1;
    }
    return 0;
}

int MiniDict_Update(MiniObject *d, MiniObject *other) {
    MINI_GUARD2(d, other, "MiniDict_Update", -1);
    if (bad_dict(d, "MiniDict_Update") < 0) return -1;
    if (!MiniDict_Check(other)) {
        MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not a mapping", Mini_TYPE(other)->tp_name);
        return -1;
    }
    if (d == other) return 0;
    int rc;
    Mini_BEGIN_CRITICAL_SECTION2(d, other);
    rc = update_unlocked(DICT(d), DICT(other));
    Mini_END_CRITICAL_SECTION2();
    return rc;
}

MiniObject *MiniDict_Copy(MiniObject *d) {
    MINI_GUARD(d, "MiniDict_Copy", NULL);
    if (bad_dict(d, "MiniDict_Copy") < 0) return NULL;
    MiniObject *c = MiniDict_New();
    if (c != NULL && MiniDict_Update(c, d) < 0) Mini_CLEAR(c);
    return c;
}

/* ----- the type's slots ------------------------------------------------------------------------- */

static void dict_dealloc(MiniObject *self) {
    dict_clear(DICT(self));
    MiniObject_Free(self);
}

/* The cycle collector's slots: every key and value; clearing empties the dict. */
static int dict_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    MiniDictObject *d = DICT(self);
    Mini_ssize_t n;
    DictEntry *entries = entries_of(d, &n);
    for (Mini_ssize_t i = 0; i < n; i++) {
        if (entries[i].key == NULL) continue;
        Mini_VISIT(entries[i].key);
        Mini_VISIT(entries[i].value);
    }
    return 0;
}

static int dict_gc_clear(MiniObject *self) {
    dict_clear(DICT(self));
    return 0;
}

static MiniObject *dict_repr_unlocked(MiniObject *self) {
    MiniDictObject *d = DICT(self);
    if (d->used == 0) return MiniUnicode_FromString("{}");
    int r = Mini_ReprEnter(self);
    if (r != 0) return r > 0 ? MiniUnicode_FromString("{...}") : NULL;
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    _MiniStrBuf_AppendChar(&b, '{');
    int first = 1;
    for (Mini_ssize_t i = 0; i < _MiniDict_NEntries(self); i++) {   /* a repr may change d: re-read */
        DictEntry *e = &d->keys->entries[i];
        if (e->key == NULL) continue;
        MiniObject *k = Mini_NewRef(e->key), *v = Mini_NewRef(e->value);
        if (!first) _MiniStrBuf_AppendC(&b, ", ");
        first = 0;
        int rc = _MiniStrBuf_AppendRepr(&b, k);
        if (rc == 0) rc = _MiniStrBuf_AppendC(&b, ": ");
        if (rc == 0) rc = _MiniStrBuf_AppendRepr(&b, v);
        Mini_DECREF(k);
        Mini_DECREF(v);
        if (rc < 0) break;
    }
    _MiniStrBuf_AppendChar(&b, '}');
    Mini_ReprLeave(self);
    return _MiniStrBuf_Finish(&b);
}

/* 1 if a and b hold equal items, 0 if not, -1 on error. */
static int dict_equal(MiniDictObject *a, MiniDictObject *b) {
    if (a->used != b->used) return 0;
    for (Mini_ssize_t i = 0; i < _MiniDict_NEntries((MiniObject *)a); i++) {   /* __eq__ may change a */
        DictEntry *e = &a->keys->entries[i];
        if (e->key == NULL) continue;
        MiniObject *k = Mini_NewRef(e->key), *v = Mini_NewRef(e->value);
        Found f;
        int r = lookup(b, k, e->hash, &f);
        if (r == 0) {
            if (f.ix < 0) r = 0;
            else {
                MiniObject *bv = Mini_NewRef(b->keys->entries[f.ix].value);
                r = MiniObject_RichCompareBool(v, bv, Mini_EQ);
                Mini_DECREF(bv);
            }
        } else r = -1;
        Mini_DECREF(k);
        Mini_DECREF(v);
        if (r <= 0) return r;
    }
    return 1;
}

static MiniObject *dict_repr(MiniObject *self) {
    return LOCKED(self, MiniObject *, dict_repr_unlocked(self));
}

static MiniObject *dict_richcompare(MiniObject *a, MiniObject *b, int op) {
    if (!MiniDict_Check(a) || !MiniDict_Check(b) || (op != Mini_EQ && op != Mini_NE)) Mini_RETURN_NOTIMPLEMENTED;
    int eq;
    Mini_BEGIN_CRITICAL_SECTION2(a, b);
    eq = dict_equal(DICT(a), DICT(b));
    Mini_END_CRITICAL_SECTION2();
    if (eq < 0) return NULL;
    return MiniBool_FromLong(op == Mini_EQ ? eq : !eq);
}

static Mini_ssize_t dict_length(MiniObject *self) { return LOCKED(self, Mini_ssize_t, DICT(self)->used); }

static MiniObject *dict_subscript(MiniObject *self, MiniObject *key) {
    MiniObject *v;
    int found = MiniDict_GetItemRef(self, key, &v);
    if (found > 0) return v;
    if (found < 0) return NULL;
    if (!MiniDict_CheckExact(self)) {
        /* A subclass may supply missing keys (collections.defaultdict, Counter, user dicts). */
        MiniObject *missing_name = MiniUnicode_FromString("__missing__");
        if (missing_name == NULL) return NULL;
        MiniObject *m = MiniType_Lookup(Mini_TYPE(self), missing_name);
        Mini_DECREF(missing_name);
        if (m != NULL) return MiniObject_CallMethodObjArgs(self, "__missing__", key, NULL);
    }
    set_key_error(key);
    return NULL;
}

static int dict_ass_subscript(MiniObject *self, MiniObject *key, MiniObject *value) {
    if (value == NULL) return MiniDict_DelItem(self, key);
    return MiniDict_SetItem(self, key, value);
}

static int dict_contains(MiniObject *self, MiniObject *key) { return MiniDict_Contains(self, key); }

/* Adds the (key, value) pairs of an iterable: each item must be a 2-sequence. 0 / -1. */
static int merge_pairs(MiniObject *self, MiniObject *src) {
    MiniObject *it = MiniObject_GetIter(src), *item;
    if (it == NULL) return -1;
    Mini_ssize_t idx = 0;
    while ((item = MiniIter_Next(it)) != NULL) {
        MiniObject *pair = NULL;
        int r = -1;
        if (MiniTuple_Check(item) || MiniList_Check(item)) pair = Mini_NewRef(item);
        else if (Mini_TYPE(item)->tp_iter != NULL) pair = _MiniSeq_List(item);
        else MiniErr_Format(MiniExc_TypeError, "cannot convert dictionary update sequence element "
                            "#%zd to a sequence", idx);
        if (pair != NULL) {
            if (Mini_SIZE(pair) != 2)
                MiniErr_Format(MiniExc_ValueError, "dictionary update sequence element #%zd has "
                               "length %zd; 2 is required", idx, Mini_SIZE(pair));
            else {
                MiniObject **items = MiniTuple_Check(pair) ? ((MiniTupleObject *)pair)->ob_item
                                                           : ((MiniListObject *)pair)->ob_item;
                r = MiniDict_SetItem(self, items[0], items[1]);
            }
            Mini_DECREF(pair);
        }
        Mini_DECREF(item);
        if (r < 0) { Mini_DECREF(it); return -1; }
        idx++;
    }
    Mini_DECREF(it);
    return MiniErr_Occurred() ? -1 : 0;
}

/* Adds the items of a mapping-like object: anything with keys() and __getitem__. 0 / -1. */
static int merge_mapping(MiniObject *self, MiniObject *src) {
    MiniObject *keys = MiniObject_CallMethodObjArgs(src, "keys", NULL);
    if (keys == NULL) return -1;
    MiniObject *it = MiniObject_GetIter(keys), *k;
    Mini_DECREF(keys);
    if (it == NULL) return -1;
    while ((k = MiniIter_Next(it)) != NULL) {
        MiniObject *v = MiniObject_GetItem(src, k);
        int r = v == NULL ? -1 : MiniDict_SetItem(self, k, v);
        Mini_XDECREF(v);
        Mini_DECREF(k);
        if (r < 0) { Mini_DECREF(it); return -1; }
    }
    Mini_DECREF(it);
    return MiniErr_Occurred() ? -1 : 0;
}

/* dict.update's positional argument: a dict, a mapping (has keys()), or an iterable of pairs. */
static int merge_any(MiniObject *self, MiniObject *src) {
    if (MiniDict_Check(src)) return MiniDict_Update(self, src);
    if (MiniObject_HasAttrString(src, "keys")) return merge_mapping(self, src);
    return merge_pairs(self, src);
}

/* dict(), dict(mapping), dict(iterable of pairs), plus keyword items. */
static int dict_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 1) {
        MiniErr_Format(MiniExc_TypeError, "dict expected at most 1 argument, got %zd", n);
        return -1;
    }
    if (n == 1 && merge_any(self, MiniTuple_GET_ITEM(args, 0)) < 0) return -1;
    if (kwargs != NULL && MiniDict_Update(self, kwargs) < 0) return -1;
    return 0;
}

/* ----- iteration ---------------------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniObject *dict;        /* owned; NULL once exhausted */
    Mini_ssize_t pos;        /* next entry index to look at */
    Mini_ssize_t used;       /* size at creation: a change is an error */
    Mini_ssize_t remaining;  /* items still to come, for length_hint */
    int reversed;
    MiniObject *result;      /* items: the last (key, value) tuple, reused when nobody kept it */
} MiniDictIterObject;

/* The cycle collector's slot for the three dict iterators. */
static int dictiter_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((MiniDictIterObject *)self)->dict);
    Mini_VISIT(((MiniDictIterObject *)self)->result);
    return 0;
}

MiniTypeObject _MiniDictValueIter_Type, _MiniDictItemIter_Type;

MiniObject *_MiniDictIter_New(MiniObject *d, int what, int reversed) {
    MiniTypeObject *t = what == 0 ? &_MiniDictIter_Type : what == 1 ? &_MiniDictValueIter_Type : &_MiniDictItemIter_Type;
    MiniDictIterObject *it = MiniObject_NEW(MiniDictIterObject, t);
    if (it == NULL) return NULL;
    it->dict = Mini_NewRef(d);
    it->reversed = reversed;
    Mini_BEGIN_CRITICAL_SECTION(d);
    it->used = DICT(d)->used;
    it->pos = reversed ? _MiniDict_NEntries(d) - 1 : 0;
    Mini_END_CRITICAL_SECTION();
    it->remaining = it->used;
    return (MiniObject *)it;
}

static MiniObject *dict_iter(MiniObject *self) { return _MiniDictIter_New(self, 0, 0); }

static void dictiter_dealloc(MiniObject *self) {
    Mini_CLEAR(((MiniDictIterObject *)self)->dict);
    Mini_CLEAR(((MiniDictIterObject *)self)->result);
    MiniObject_Free(self);
}

/* The next live entry, or NULL when done or on error; the caller holds the dict's section. */
static DictEntry *dictiter_entry_unlocked(MiniDictIterObject *it) {
    MiniDictObject *d = DICT(it->dict);
    if (d->used != it->used) {
        it->used = -1;   /* stays broken */
        MiniErr_SetString(MiniExc_RuntimeError, "dictionary changed size during iteration");
        return NULL;
    }
    Mini_ssize_t n;
    DictEntry *entries = entries_of(d, &n);
    if (it->reversed) {
        while (it->pos >= 0 && it->pos < n && entries[it->pos].key == NULL) it->pos--;
        if (it->pos >= 0 && it->pos < n) { it->remaining--; return &entries[it->pos--]; }
    } else {
        while (it->pos < n && entries[it->pos].key == NULL) it->pos++;
        if (it->pos < n) { it->remaining--; return &entries[it->pos++]; }
    }
    return NULL;
}

/* The next entry's key and value as new references (1), or 0 when done (the dict reference is
 * then dropped) or on error: read inside the dict's section, so another thread's mutation is
 * either seen whole ("changed size during iteration") or not at all. */
static int dictiter_fetch(MiniDictIterObject *it, MiniObject **key, MiniObject **value) {
    MiniObject *d = it->dict;
    DictEntry *e;
    if (d == NULL) return 0;
    Mini_BEGIN_CRITICAL_SECTION(d);
    e = dictiter_entry_unlocked(it);
    if (e != NULL) {
        *key = Mini_NewRef(e->key);
        *value = Mini_NewRef(e->value);
    }
    Mini_END_CRITICAL_SECTION();
    if (e != NULL) return 1;
    if (it->used != -1) Mini_CLEAR(it->dict);   /* exhausted (not broken by a size change) */
    return 0;
}

static MiniObject *dictiter_next(MiniObject *self) {
    MiniObject *k, *v;
    if (!dictiter_fetch((MiniDictIterObject *)self, &k, &v)) return NULL;
    Mini_DECREF(v);
    return k;
}

static MiniObject *dictvalueiter_next(MiniObject *self) {
    MiniObject *k, *v;
    if (!dictiter_fetch((MiniDictIterObject *)self, &k, &v)) return NULL;
    Mini_DECREF(k);
    return v;
}

static MiniObject *dictitemiter_next(MiniObject *self) {
    MiniDictIterObject *it = (MiniDictIterObject *)self;
    MiniObject *k, *v;
    if (!dictiter_fetch(it, &k, &v)) return NULL;
    MiniObject *t = it->result;
    if (t != NULL && Mini_REFCNT(t) == 1) {
        /* The loop unpacked and dropped the previous pair: refill it (the references move in). */
        MiniObject *ok = MiniTuple_GET_ITEM(t, 0), *ov = MiniTuple_GET_ITEM(t, 1);
        MiniTuple_SET_ITEM(t, 0, k);
        MiniTuple_SET_ITEM(t, 1, v);
        Mini_DECREF(ok);
        Mini_DECREF(ov);
        /* gc.c may have untracked it (CPython's untrack_tuples). Free-threaded, the tracked test
         * is made under the GC lists' lock (MiniObject_GC_Track tracks only an untracked object):
         * another thread appending to the list writes this tuple's link when it is the tail. */
        if (MINI_UNLIKELY(_Mini_FreeThreaded) || MINI_AS_GC(t)->gc_next == NULL) MiniObject_GC_Track(t);
        return Mini_NewRef(t);
    }
    t = MiniTuple_Pack(2, k, v);
    Mini_DECREF(k);
    Mini_DECREF(v);
    if (t == NULL) return NULL;
    Mini_INCREF(t);
    Mini_SETREF(it->result, t);
    return t;
}

static MiniObject *dictiter_iter(MiniObject *self) { return Mini_NewRef(self); }

static MiniObject *dictiter_length_hint(MiniObject *self, MiniObject *unused) {
    (void)unused;
    MiniDictIterObject *it = (MiniDictIterObject *)self;
    return MiniLong_FromSsize_t(it->dict != NULL && it->remaining > 0 ? it->remaining : 0);
}

static MiniMethodDef dictiter_methods[] = {
    { "__length_hint__", dictiter_length_hint, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

MiniTypeObject _MiniDictIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "dict_keyiterator",
    .tp_basicsize = sizeof(MiniDictIterObject),
    .tp_dealloc = dictiter_dealloc,
    .tp_iter = dictiter_iter,
    .tp_iternext = dictiter_next,
    .tp_methods = dictiter_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = dictiter_traverse,
};

MiniTypeObject _MiniDictValueIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "dict_valueiterator",
    .tp_basicsize = sizeof(MiniDictIterObject),
    .tp_dealloc = dictiter_dealloc,
    .tp_iter = dictiter_iter,
    .tp_iternext = dictvalueiter_next,
    .tp_methods = dictiter_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = dictiter_traverse,
};

MiniTypeObject _MiniDictItemIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "dict_itemiterator",
    .tp_basicsize = sizeof(MiniDictIterObject),
    .tp_dealloc = dictiter_dealloc,
    .tp_iter = dictiter_iter,
    .tp_iternext = dictitemiter_next,
    .tp_methods = dictiter_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = dictiter_traverse,
};

/* ----- methods ------------------------------------------------------------------------------------ */

static MiniObject *dict_get(MiniObject *self, MiniObject *const *args, Mini_ssize_t n) {
    if (n < 1 || n > 2)
        return MiniErr_Format(MiniExc_TypeError, n < 1 ? "get expected at least 1 argument, got %zd"
                                                       : "get expected at most 2 arguments, got %zd", n);
    MiniObject *v;
    int found = MiniDict_GetItemRef(self, args[0], &v);
    if (found != 0) return v;   /* the value, or NULL on error */
    return Mini_NewRef(n == 2 ? args[1] : Mini_None);
}

static MiniObject *dict_setdefault(MiniObject *self, MiniObject *const *args, Mini_ssize_t n) {
    if (n < 1 || n > 2)
        return MiniErr_Format(MiniExc_TypeError, n < 1 ? "setdefault expected at least 1 argument, got %zd"
                                                       : "setdefault expected at most 2 arguments, got %zd", n);
    MiniObject *key = args[0], *dflt = n == 2 ? args[1] : Mini_None;
    MiniObject *v;
    if (MiniDict_SetDefaultRef(self, key, dflt, &v) < 0) return NULL;
    return v;
}

static MiniObject *dict_pop(MiniObject *self, MiniObject *const *args, Mini_ssize_t n) {
    if (n < 1 || n > 2)
        return MiniErr_Format(MiniExc_TypeError, n < 1 ? "pop expected at least 1 argument, got %zd"
                                                       : "pop expected at most 2 arguments, got %zd", n);
    MiniObject *key = args[0], *v;
    int found = MiniDict_Pop(self, key, &v);
    if (found != 0) return v;   /* the value, or NULL on error */
    if (n == 2) return Mini_NewRef(args[1]);
    set_key_error(key);
    return NULL;
}

static MiniObject *dict_popitem_unlocked(MiniObject *self) {
    MiniDictObject *d = DICT(self);
    if (d->used == 0) return MiniErr_Format(MiniExc_KeyError, "popitem(): dictionary is empty");
    Mini_ssize_t i = d->keys->nentries - 1;
    while (d->keys->entries[i].key == NULL) i--;
    DictEntry *e = &d->keys->entries[i];
    MiniObject *res = MiniTuple_Pack(2, e->key, e->value);
    if (res == NULL) return NULL;
    if (del_item(d, MiniTuple_GET_ITEM(res, 0)) < 0) { Mini_DECREF(res); return NULL; }
    /* Later insertions reuse the tail, as CPython's popitem does. */
    MiniDictKeys *k = d->keys;
    while (k != NULL && k->nentries > 0 && k->entries[k->nentries - 1].key == NULL) k->nentries--;
    return res;
}

static MiniObject *dict_popitem(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return LOCKED(self, MiniObject *, dict_popitem_unlocked(self));
}

static MiniObject *dict_update(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 1) return MiniErr_Format(MiniExc_TypeError, "update expected at most 1 argument, got %zd", n);
    if (n == 1 && merge_any(self, MiniTuple_GET_ITEM(args, 0)) < 0) return NULL;
    if (kwargs != NULL && MiniDict_Update(self, kwargs) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *dict_copy_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return MiniDict_Copy(self);
}

static MiniObject *dict_clear_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    MiniDict_Clear(self);
    Mini_RETURN_NONE;
}

static MiniObject *dict_keys_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return _MiniDictView_New(self, &_MiniDictKeys_Type);
}

static MiniObject *dict_values_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return _MiniDictView_New(self, &_MiniDictValues_Type);
}

static MiniObject *dict_items_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return _MiniDictView_New(self, &_MiniDictItems_Type);
}

static MiniObject *dict_reversed(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return _MiniDictIter_New(self, 0, 1);
}

/* d | other: a copy of d updated with other (dicts only). */
static MiniObject *dict_or(MiniObject *self, MiniObject *other) {
    if (!MiniDict_Check(self) || !MiniDict_Check(other)) Mini_RETURN_NOTIMPLEMENTED;
    MiniObject *res = MiniDict_Copy(self);
    if (res != NULL && MiniDict_Update(res, other) < 0) Mini_CLEAR(res);
    return res;
}

static MiniObject *dict_ror(MiniObject *self, MiniObject *other) { return dict_or(other, self); }

static MiniObject *dict_ior(MiniObject *self, MiniObject *other) {
    if (merge_any(self, other) < 0) return NULL;
    return Mini_NewRef(self);
}

static MiniObject *dict_getitem_method(MiniObject *self, MiniObject *key) { return dict_subscript(self, key); }

static MiniObject *dict_contains_method(MiniObject *self, MiniObject *key) {
    int r = MiniDict_Contains(self, key);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

static MiniMethodDef dict_methods[] = {
    { "get", _MiniCFunction_CAST(dict_get), MINI_METH_FASTCALL, "Return the value for key if key is in the dictionary, else default." },
    { "setdefault", _MiniCFunction_CAST(dict_setdefault), MINI_METH_FASTCALL,
      "Insert key with a value of default if key is not in the dictionary." },
    { "pop", _MiniCFunction_CAST(dict_pop), MINI_METH_FASTCALL, "D.pop(k[,d]) -> v, remove specified key and return the corresponding value." },
    { "popitem", dict_popitem, MINI_METH_NOARGS, "Remove and return a (key, value) pair as a 2-tuple." },
    { "update", _MiniCFunction_CAST(dict_update), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
      "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F." },
    { "copy", dict_copy_method, MINI_METH_NOARGS, "D.copy() -> a shallow copy of D" },
    { "clear", dict_clear_method, MINI_METH_NOARGS, "D.clear() -> None.  Remove all items from D." },
    { "keys", dict_keys_method, MINI_METH_NOARGS, "D.keys() -> a set-like object providing a view on D's keys" },
    { "values", dict_values_method, MINI_METH_NOARGS, "D.values() -> an object providing a view on D's values" },
    { "items", dict_items_method, MINI_METH_NOARGS, "D.items() -> a set-like object providing a view on D's items" },
    { "__reversed__", dict_reversed, MINI_METH_NOARGS, "Return a reverse iterator over the dict keys." },
    { "__or__", dict_or, MINI_METH_O, NULL },
    { "__ror__", dict_ror, MINI_METH_O, NULL },
    { "__ior__", dict_ior, MINI_METH_O, NULL },
    { "__getitem__", dict_getitem_method, MINI_METH_O, NULL },
    { "__contains__", dict_contains_method, MINI_METH_O, NULL },
    { NULL, NULL, 0, NULL },
};

/* cls.fromkeys(iterable, value): cls() (so a dict subclass gets an instance of itself, as in
 * CPython) with d[key] = value for each key. New reference, or NULL with the error of the
 * call, the iteration or a __setitem__. Requires the GIL. */
static MiniObject *dict_fromkeys_into(MiniObject *type, MiniObject *iterable, MiniObject *value) {
    MiniObject *d = MiniObject_CallNoArgs(type);
    if (d == NULL) return NULL;
    MiniObject *it = MiniObject_GetIter(iterable), *k;
    if (it == NULL) { Mini_DECREF(d); return NULL; }
    while ((k = MiniIter_Next(it)) != NULL) {
        int r = MiniObject_SetItem(d, k, value);
        Mini_DECREF(k);
        if (r < 0) break;
    }
    Mini_DECREF(it);
    if (MiniErr_Occurred()) Mini_CLEAR(d);
    return d;
}

/* dict.fromkeys(iterable, value=None), a class method: installed in the type's dict by
 * _MiniDict_InitClassMethods as a class method descriptor, so type is dict or the subclass
 * it was called on. */
static MiniObject *dict_fromkeys(MiniObject *type, MiniObject *args) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n < 1 || n > 2)
        return MiniErr_Format(MiniExc_TypeError, n < 1 ? "fromkeys expected at least 1 argument, got %zd"
                                                       : "fromkeys expected at most 2 arguments, got %zd", n);
    return dict_fromkeys_into(type, MiniTuple_GET_ITEM(args, 0), n == 2 ? MiniTuple_GET_ITEM(args, 1) : Mini_None);
}

static MiniMethodDef dict_fromkeys_def = {
    "fromkeys", dict_fromkeys, MINI_METH_VARARGS,
    "Create a new dictionary with keys from iterable and values set to value.",
};

int _MiniDict_InitClassMethods(void) {
    MiniObject *f = _MiniDescr_NewClassMethod(&MiniDict_Type, &dict_fromkeys_def);
    if (f == NULL) return -1;
    int r = MiniDict_SetItemString(MiniDict_Type.tp_dict, "fromkeys", f);
    Mini_DECREF(f);
    return r;
}

static MiniSequenceMethods dict_as_sequence = {
    .sq_contains = dict_contains,
};

static MiniMappingMethods dict_as_mapping = {
    .mp_length = dict_length,
    .mp_subscript = dict_subscript,
    .mp_ass_subscript = dict_ass_subscript,
};

MiniTypeObject MiniDict_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "dict",
    .tp_basicsize = sizeof(MiniDictObject),
    .tp_dealloc = dict_dealloc,
    .tp_repr = dict_repr,
    .tp_richcompare = dict_richcompare,      /* no tp_hash: dicts are unhashable */
    .tp_iter = dict_iter,
    .tp_as_sequence = &dict_as_sequence,
    .tp_as_mapping = &dict_as_mapping,
    .tp_methods = dict_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_DICT_SUBCLASS | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = dict_traverse,
    .tp_clear = dict_gc_clear,
    .tp_doc = "dict() -> new empty dictionary",
    .tp_new = MiniType_GenericNew,
    .tp_init = dict_init,
};
