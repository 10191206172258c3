/* Objects/setobject.c: set and frozenset.
 *
 * The table is an open-addressing hash table laid out as CPython's: a power-of-two array of
 * (key, hash) entries probed first linearly (up to 9 neighbours) and then with the "perturb"
 * recurrence; deleted entries become a shared dummy key (hash -1) until the next resize; the
 * table grows when it is 60% full. Iteration walks the array in slot order. Because the probing,
 * the resize policy and the order in which each operation inserts are the same as CPython's, a
 * set of ints (whose hashes are their values) iterates, prints and pops in exactly CPython's
 * order, which programs that print sets depend on.
 *
 * The operators | & - ^ are provided as __or__/__and__/__sub__/__xor__ methods (and their
 * reflected and in-place forms) for the interpreter's BINARY_OP; - is also nb_subtract.
 * frozenset is hashable (CPython's order-independent combination of the entry hashes) and a
 * set used as a key in `in`, remove() and discard() is looked up as the equal frozenset.
 *
 * Thread safety (free-threaded mode): the table is read and written only inside the set's
 * critical section (mini/critical_section.h). The C functions take it around the table work
 * (keys hashed before); update from another set or a dict takes both objects in one two-object
 * section; every Python-level method and slot runs in a section on self and its one argument
 * (the *_cs wrappers generated below the method bodies); the iterator reads under the set's
 * section. Methods given several other sets (a.union(b, c)) lock self and read the others
 * through update_internal's sections, except intersection/difference with several arguments,
 * which read the extra sets without their sections (a known gap). */
#include "mini.h"
#include "formatter_internal.h"
#include "critical_section_internal.h"
#include "lib_internal.h"
#include "objimpl_internal.h"
#include "unicodeobject_internal.h"

#include <stdlib.h>
#include <string.h>

#define MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

typedef struct {
    MiniObject *key;     /* owned; NULL = never used; &dummy_struct = deleted */
    Mini_hash_t hash;    /* 0 when unused, -1 when deleted */
} SetEntry;

typedef struct {
    MiniObject_HEAD
    Mini_ssize_t fill;       /* active + deleted entries */
    Mini_ssize_t used;       /* active entries */
    Mini_ssize_t mask;       /* table size - 1 */
    SetEntry *table;         /* smalltable or a malloc'd array */
    Mini_hash_t hash;        /* frozenset: cached hash, -1 until computed */
    Mini_ssize_t finger;     /* where pop() resumes its search */
    SetEntry smalltable[MINSIZE];
} MiniSetObject;

#define SET(op) ((MiniSetObject *)(op))

/* The deleted-entry marker: never dereferenced as an object, never counted. */
static MiniObject dummy_struct;
#define DUMMY (&dummy_struct)

static int is_frozen(MiniObject *o) { return MiniFrozenSet_Check(o); }

static Mini_hash_t hash_of(MiniObject *key) {
    if (MiniUnicode_CheckExact(key)) return _MiniUnicode_Hash(key);
    return MiniObject_Hash(key);
}

static int keys_equal(MiniObject *a, MiniObject *b) {
    if (a == b) return 1;
    if (MiniUnicode_CheckExact(a) && MiniUnicode_CheckExact(b)) return _MiniUnicode_Eq(a, b);
    return MiniObject_RichCompareBool(a, b, Mini_EQ);
}

/* ----- the table ------------------------------------------------------------------------------------ */

/* The entry holding key, or the unused entry ending its probe sequence; NULL with an exception
 * from __eq__. A comparison that mutates the set restarts the search. */
static SetEntry *lookkey(MiniSetObject *so, MiniObject *key, Mini_hash_t hash) {
restart:;
    size_t mask = (size_t)so->mask, i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        SetEntry *entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) return entry;
            if (entry->hash == hash && entry->key != DUMMY) {
                MiniObject *startkey = entry->key;
                if (startkey == key) return entry;
                SetEntry *table = so->table;
                Mini_INCREF(startkey);
                int eq = keys_equal(startkey, key);
                Mini_DECREF(startkey);
                if (eq < 0) return NULL;
                if (table != so->table || entry->key != startkey) goto restart;
                if (eq > 0) return entry;
                mask = (size_t)so->mask;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Inserts a key known to be absent into a table without deleted entries (resizing, copying). */
static void insert_clean(SetEntry *table, size_t mask, MiniObject *key, Mini_hash_t hash) {
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        SetEntry *entry = &table[i];
        if (entry->key == NULL) goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL) goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        entry->key = key;
        entry->hash = hash;
        return;
    }
}

/* Rebuilds the table with the smallest size above minused, dropping deleted entries. 0 / -1. */
static int table_resize(MiniSetObject *so, Mini_ssize_t minused) {
    size_t newsize = MINSIZE;
    while (newsize <= (size_t)minused) newsize <<= 1;
    SetEntry *oldtable = so->table, *newtable;
    SetEntry small_copy[MINSIZE];
    Mini_ssize_t oldmask = so->mask;
    int old_malloced = oldtable != so->smalltable;
    if (newsize == MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used) return 0;   /* no dummies: nothing to do */
            memcpy(small_copy, oldtable, sizeof small_copy);
            oldtable = small_copy;
        }
    } else {
        if (newsize > (size_t)MINI_SSIZE_T_MAX / sizeof(SetEntry)) { MiniErr_NoMemory(); return -1; }
        newtable = malloc(newsize * sizeof(SetEntry));
        if (newtable == NULL) { MiniErr_NoMemory(); return -1; }
    }
    memset(newtable, 0, newsize * sizeof(SetEntry));
    so->mask = (Mini_ssize_t)newsize - 1;
    so->table = newtable;
    so->fill = so->used;
    for (Mini_ssize_t i = 0; i <= oldmask; i++) {
        SetEntry *e = &oldtable[i];
        if (e->key != NULL && e->key != DUMMY) insert_clean(newtable, newsize - 1, e->key, e->hash);
    }
    if (old_malloced) free(oldtable);
    return 0;
}

/* Adds key (a new reference is taken) unless an equal key is present. 0 / -1. */
static int add_entry(MiniSetObject *so, MiniObject *key, Mini_hash_t hash) {
    Mini_INCREF(key);   /* keeps key alive through __eq__ calls */
restart:;
    size_t mask = (size_t)so->mask, i = (size_t)hash & mask, perturb = (size_t)hash;
    SetEntry *freeslot = NULL, *entry;
    for (;;) {
        entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) goto found_unused_or_dummy;
            if (entry->hash == hash) {
                MiniObject *startkey = entry->key;
                if (startkey == key) goto found_active;
                if (MiniUnicode_CheckExact(startkey) && MiniUnicode_CheckExact(key) && _MiniUnicode_Eq(startkey, key))
                    goto found_active;
                SetEntry *table = so->table;
                Mini_INCREF(startkey);
                int eq = MiniObject_RichCompareBool(startkey, key, Mini_EQ);
                Mini_DECREF(startkey);
                if (eq > 0) goto found_active;
                if (eq < 0) { Mini_DECREF(key); return -1; }
                if (table != so->table || entry->key != startkey) goto restart;
                mask = (size_t)so->mask;
            } else if (entry->hash == -1) {
                freeslot = entry;   /* the last deleted slot on the probe path is reused, as CPython */
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot != NULL) {
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    so->fill++;
    so->used++;
    entry->key = key;
    entry->hash = hash;
    if ((size_t)so->fill * 5 < mask * 3) return 0;
    return table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
found_active:
    Mini_DECREF(key);
    return 0;
}

/* 1 removed, 0 absent, -1 error. */
static int discard_entry(MiniSetObject *so, MiniObject *key, Mini_hash_t hash) {
    SetEntry *entry = lookkey(so, key, hash);
    if (entry == NULL) return -1;
    if (entry->key == NULL) return 0;
    MiniObject *old = entry->key;
    entry->key = DUMMY;
    entry->hash = -1;
    so->used--;
    Mini_DECREF(old);
    return 1;
}

static int contains_entry(MiniSetObject *so, MiniObject *key, Mini_hash_t hash) {
    SetEntry *entry = lookkey(so, key, hash);
    if (entry == NULL) return -1;
    return entry->key != NULL;
}

/* Empties the set, back to its small table. References are dropped after the set is already
 * empty, so code they run sees a consistent set. */
static void clear_internal(MiniSetObject *so) {
    SetEntry *table = so->table;
    Mini_ssize_t mask = so->mask;
    SetEntry small_copy[MINSIZE];
    int malloced = table != so->smalltable;
    if (!malloced) {
        memcpy(small_copy, table, sizeof small_copy);
        table = small_copy;
    }
    memset(so->smalltable, 0, sizeof so->smalltable);
    so->table = so->smalltable;
    so->mask = MINSIZE - 1;
    so->fill = so->used = 0;
    so->hash = -1;
    for (Mini_ssize_t i = 0; i <= mask; i++)
        if (table[i].key != NULL && table[i].key != DUMMY) Mini_DECREF(table[i].key);
    if (malloced) free(table);
}

/* The next active entry at or after *pos (which is advanced past it), or NULL. */
static SetEntry *set_next(MiniSetObject *so, Mini_ssize_t *pos) {
    Mini_ssize_t i = *pos;
    while (i <= so->mask && (so->table[i].key == NULL || so->table[i].key == DUMMY)) i++;
    *pos = i + 1;
    return i <= so->mask ? &so->table[i] : NULL;
}

/* Adds every key of another set / frozenset. 0 / -1. */
static int merge_set(MiniSetObject *so, MiniSetObject *other) {
    if (other == so || other->used == 0) return 0;
    /* One big resize up front rather than several as keys go in. */
    if ((so->fill + other->used) * 5 >= so->mask * 3 &&
        table_resize(so, (so->used + other->used) * 2) < 0)
        return -1;
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        /* Same size, empty target, no dummies: copy the layout. */
        for (Mini_ssize_t i = 0; i <= other->mask; i++) {
            MiniObject *key = other->table[i].key;
            if (key != NULL) {
                so->table[i].key = Mini_NewRef(key);
                so->table[i].hash = other->table[i].hash;
            }
        }
        so->fill = other->fill;
        so->used = other->used;
        return 0;
    }
    if (so->fill == 0) {
        so->fill = so->used = other->used;
        for (Mini_ssize_t i = 0; i <= other->mask; i++) {
            MiniObject *key = other->table[i].key;
            if (key != NULL && key != DUMMY) insert_clean(so->table, (size_t)so->mask, Mini_NewRef(key), other->table[i].hash);
        }
        return 0;
    }
    for (Mini_ssize_t i = 0; i <= other->mask; i++) {
        SetEntry *e = &other->table[i];
        if (e->key != NULL && e->key != DUMMY) {
            MiniObject *key = Mini_NewRef(e->key);
            int r = add_entry(so, key, e->hash);
            Mini_DECREF(key);
            if (r < 0) return -1;
        }
    }
    return 0;
}

/* set.update(iterable) for one iterable. 0 / -1. */
static int merge_dict_keys(MiniSetObject *so, MiniObject *other) {
    Mini_ssize_t n = MiniDict_Size(other), pos = 0;
    if ((so->fill + n) * 5 >= so->mask * 3 && table_resize(so, (so->used + n) * 2) < 0) return -1;
    MiniObject *key;
    while (MiniDict_Next(other, &pos, &key, NULL)) {
        Mini_hash_t h = hash_of(key);
        if (h == -1 || add_entry(so, key, h) < 0) return -1;
    }
    return 0;
}

static int add_entry_locked(MiniSetObject *so, MiniObject *key, Mini_hash_t h) {
    int r;
    Mini_BEGIN_CRITICAL_SECTION(so);
    r = add_entry(so, key, h);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static int update_internal(MiniSetObject *so, MiniObject *other) {
    if (MiniAnySet_Check(other) || MiniDict_CheckExact(other)) {
        int r;
        Mini_BEGIN_CRITICAL_SECTION2(so, other);
        r = MiniAnySet_Check(other) ? merge_set(so, SET(other)) : merge_dict_keys(so, other);
        Mini_END_CRITICAL_SECTION2();
        return r;
    }
    MiniObject *it = MiniObject_GetIter(other), *key;
    if (it == NULL) return -1;
    while ((key = MiniIter_Next(it)) != NULL) {
        Mini_hash_t h = hash_of(key);
        int r = h == -1 ? -1 : add_entry_locked(so, key, h);
        Mini_DECREF(key);
        if (r < 0) { Mini_DECREF(it); return -1; }
    }
    Mini_DECREF(it);
    return MiniErr_Occurred() ? -1 : 0;
}

/* ----- construction ------------------------------------------------------------------------------- */

static MiniObject *make_new_set(MiniTypeObject *type, MiniObject *iterable) {
    MiniSetObject *so = (MiniSetObject *)MiniType_GenericNew(type, NULL, NULL);
    if (so == NULL) return NULL;
    so->table = so->smalltable;
    so->mask = MINSIZE - 1;
    so->hash = -1;
    if (iterable != NULL && update_internal(so, iterable) < 0) {
        Mini_DECREF(so);
        return NULL;
    }
    return (MiniObject *)so;
}

/* A new set of the exact base type (set or frozenset) of type, as results of operators are. */
static MiniObject *make_new_set_basetype(MiniTypeObject *type, MiniObject *iterable) {
    if (type != &MiniSet_Type && type != &MiniFrozenSet_Type)
        type = MiniType_IsSubtype(type, &MiniSet_Type) ? &MiniSet_Type : &MiniFrozenSet_Type;
    return make_new_set(type, iterable);
}

MiniObject *MiniSet_New(MiniObject *iterable) {
    MINI_CHECK_GIL("MiniSet_New");
    return make_new_set(&MiniSet_Type, iterable);
}

MiniObject *MiniFrozenSet_New(MiniObject *iterable) {
    MINI_CHECK_GIL("MiniFrozenSet_New");
    return make_new_set(&MiniFrozenSet_Type, iterable);
}

static int require_set(MiniObject *o, const char *func) {
    if (o != NULL && MiniAnySet_Check(o)) return 0;
    _MiniErr_BadInternalCall(func);
    return -1;
}

int MiniSet_Add(MiniObject *set, MiniObject *key) {
    MINI_GUARD2(set, key, "MiniSet_Add", -1);
    if (require_set(set, "MiniSet_Add") < 0) return -1;
    if (is_frozen(set) && Mini_REFCNT(set) != 1) { _MiniErr_BadInternalCall("MiniSet_Add"); return -1; }
    Mini_hash_t h = hash_of(key);
    return h == -1 ? -1 : add_entry_locked(SET(set), key, h);
}

/* Hashes key for a lookup; an unhashable set is looked up as the equal frozenset (*tmp then
 * holds it and must be released). -1 with the exception. */
static Mini_hash_t lookup_hash(MiniObject **key, MiniObject **tmp) {
    *tmp = NULL;
    Mini_hash_t h = hash_of(*key);
    if (h != -1 || !MiniSet_Check(*key) || !MiniErr_ExceptionMatches(MiniExc_TypeError)) return h;
    MiniErr_Clear();
    *tmp = make_new_set(&MiniFrozenSet_Type, *key);
    if (*tmp == NULL) return -1;
    *key = *tmp;
    return hash_of(*tmp);
}

int MiniSet_Discard(MiniObject *set, MiniObject *key) {
    MINI_GUARD2(set, key, "MiniSet_Discard", -1);
    if (require_set(set, "MiniSet_Discard") < 0) return -1;
    MiniObject *tmp;
    Mini_hash_t h = lookup_hash(&key, &tmp);
    int r = -1;
    if (h != -1) {
        Mini_BEGIN_CRITICAL_SECTION(set);
        r = discard_entry(SET(set), key, h);
        Mini_END_CRITICAL_SECTION();
    }
    Mini_XDECREF(tmp);
    return r;
}

int MiniSet_Contains(MiniObject *set, MiniObject *key) {
    MINI_GUARD2(set, key, "MiniSet_Contains", -1);
    if (require_set(set, "MiniSet_Contains") < 0) return -1;
    MiniObject *tmp;
    Mini_hash_t h = lookup_hash(&key, &tmp);
    int r = -1;
    if (h != -1) {
        Mini_BEGIN_CRITICAL_SECTION(set);
        r = contains_entry(SET(set), key, h);
        Mini_END_CRITICAL_SECTION();
    }
    Mini_XDECREF(tmp);
    return r;
}

Mini_ssize_t MiniSet_Size(MiniObject *set) {
    MINI_GUARD(set, "MiniSet_Size", -1);
    if (require_set(set, "MiniSet_Size") < 0) return -1;
    Mini_ssize_t n;
    Mini_BEGIN_CRITICAL_SECTION(set);
    n = SET(set)->used;
    Mini_END_CRITICAL_SECTION();
    return n;
}

/* ----- set algebra ------------------------------------------------------------------------------------ */

static MiniObject *set_copy(MiniObject *so) { return make_new_set_basetype(Mini_TYPE(so), so); }

static MiniObject *set_intersection(MiniObject *so, MiniObject *other) {
    if (so == other) return set_copy(so);
    MiniObject *result = make_new_set_basetype(Mini_TYPE(so), NULL);
    if (result == NULL) return NULL;
    if (MiniAnySet_Check(other)) {
        /* Walk the smaller set, probing the larger. */
        MiniObject *big = so, *small = other;
        if (SET(other)->used > SET(so)->used) { big = other; small = so; }
        Mini_ssize_t pos = 0;
        SetEntry *e;
        while ((e = set_next(SET(small), &pos)) != NULL) {
            MiniObject *key = Mini_NewRef(e->key);
            Mini_hash_t h = e->hash;
            int r = contains_entry(SET(big), key, h);
            if (r > 0) r = add_entry(SET(result), key, h);
            Mini_DECREF(key);
            if (r < 0) { Mini_DECREF(result); return NULL; }
        }
        return result;
    }
    MiniObject *it = MiniObject_GetIter(other), *key;
    if (it == NULL) { Mini_DECREF(result); return NULL; }
    while ((key = MiniIter_Next(it)) != NULL) {
        Mini_hash_t h = hash_of(key);
        int r = h == -1 ? -1 : contains_entry(SET(so), key, h);
        if (r > 0) r = add_entry(SET(result), key, h);
        Mini_DECREF(key);
        if (r < 0) { Mini_DECREF(it); Mini_DECREF(result); return NULL; }
    }
    Mini_DECREF(it);
    if (MiniErr_Occurred()) { Mini_DECREF(result); return NULL; }
    return result;
}

static int difference_update_internal(MiniSetObject *so, MiniObject *other) {
    if ((MiniObject *)so == other) { clear_internal(so); return 0; }
    if (MiniAnySet_Check(other)) {
        /* A much larger other is first cut down to what both have. */
        if ((SET(other)->used >> 3) > so->used) other = set_intersection((MiniObject *)so, other);
        else Mini_INCREF(other);
        if (other == NULL) return -1;
        Mini_ssize_t pos = 0;
        SetEntry *e;
        while ((e = set_next(SET(other), &pos)) != NULL) {
            MiniObject *key = Mini_NewRef(e->key);
            int r = discard_entry(so, key, e->hash);
            Mini_DECREF(key);
            if (r < 0) { Mini_DECREF(other); return -1; }
        }
        Mini_DECREF(other);
    } else {
        MiniObject *it = MiniObject_GetIter(other), *key;
        if (it == NULL) return -1;
        while ((key = MiniIter_Next(it)) != NULL) {
            int r = MiniSet_Discard((MiniObject *)so, key);
            Mini_DECREF(key);
            if (r < 0) { Mini_DECREF(it); return -1; }
        }
        Mini_DECREF(it);
        if (MiniErr_Occurred()) return -1;
    }
    /* More than a quarter dummies: resize them away. */
    if ((size_t)(so->fill - so->used) <= (size_t)so->mask / 4) return 0;
    return table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static MiniObject *copy_and_difference(MiniObject *so, MiniObject *other) {
    MiniObject *result = set_copy(so);
    if (result != NULL && difference_update_internal(SET(result), other) < 0) Mini_CLEAR(result);
    return result;
}

static MiniObject *set_difference(MiniObject *so, MiniObject *other) {
    Mini_ssize_t other_size;
    if (MiniAnySet_Check(other)) other_size = SET(other)->used;
    else if (MiniDict_CheckExact(other)) other_size = MiniDict_Size(other);
    else return copy_and_difference(so, other);
    /* Much bigger than other: copy, then take other's keys out. */
    if ((SET(so)->used >> 2) > other_size) return copy_and_difference(so, other);
    MiniObject *result = make_new_set_basetype(Mini_TYPE(so), NULL);
    if (result == NULL) return NULL;
    Mini_ssize_t pos = 0;
    SetEntry *e;
    while ((e = set_next(SET(so), &pos)) != NULL) {
        MiniObject *key = Mini_NewRef(e->key);
        Mini_hash_t h = e->hash;
        int r = MiniDict_CheckExact(other) ? MiniDict_Contains(other, key) : contains_entry(SET(other), key, h);
        if (r == 0) r = add_entry(SET(result), key, h);
        Mini_DECREF(key);
        if (r < 0) { Mini_DECREF(result); return NULL; }
    }
    return result;
}

static int symmetric_difference_update(MiniSetObject *so, MiniObject *other) {
    if ((MiniObject *)so == other) { clear_internal(so); return 0; }
    MiniObject *otherset;
    if (MiniAnySet_Check(other)) otherset = Mini_NewRef(other);
    else if ((otherset = make_new_set_basetype(Mini_TYPE(so), other)) == NULL) return -1;
    Mini_ssize_t pos = 0;
    SetEntry *e;
    int rc = 0;
    while ((e = set_next(SET(otherset), &pos)) != NULL) {
        MiniObject *key = Mini_NewRef(e->key);
        Mini_hash_t h = e->hash;
        int r = discard_entry(so, key, h);
        if (r == 0) r = add_entry(so, key, h);
        Mini_DECREF(key);
        if (r < 0) { rc = -1; break; }
    }
    Mini_DECREF(otherset);
    return rc;
}

static MiniObject *set_symmetric_difference(MiniObject *so, MiniObject *other) {
    MiniObject *result = make_new_set_basetype(Mini_TYPE(so), other);
    if (result != NULL && symmetric_difference_update(SET(result), so) < 0) Mini_CLEAR(result);
    return result;
}

/* 1 if every key of so is in other (a set), 0 if not, -1 on error. */
static int is_subset(MiniObject *so, MiniObject *other) {
    if (SET(so)->used > SET(other)->used) return 0;
    Mini_ssize_t pos = 0;
    SetEntry *e;
    while ((e = set_next(SET(so), &pos)) != NULL) {
        MiniObject *key = Mini_NewRef(e->key);
        int r = contains_entry(SET(other), key, e->hash);
        Mini_DECREF(key);
        if (r <= 0) return r;
    }
    return 1;
}

/* ----- methods ---------------------------------------------------------------------------------------- */

static MiniObject *set_add_method(MiniObject *self, MiniObject *key) {
    if (MiniSet_Add(self, key) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *set_discard_method(MiniObject *self, MiniObject *key) {
    if (MiniSet_Discard(self, key) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *set_remove_method(MiniObject *self, MiniObject *key) {
    int r = MiniSet_Discard(self, key);
    if (r < 0) return NULL;
    if (r == 0) {
        MiniObject *args = MiniTuple_Pack(1, key);
        if (args != NULL) {
            MiniErr_SetObject(MiniExc_KeyError, args);
            Mini_DECREF(args);
        }
        return NULL;
    }
    Mini_RETURN_NONE;
}

static MiniObject *set_pop_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    MiniSetObject *so = SET(self);
    if (so->used == 0) return MiniErr_Format(MiniExc_KeyError, "pop from an empty set");
    /* Resume the search where the last pop stopped, wrapping around. */
    SetEntry *entry = so->table + (so->finger & so->mask), *limit = so->table + so->mask;
    while (entry->key == NULL || entry->key == DUMMY) {
        entry++;
        if (entry > limit) entry = so->table;
    }
    MiniObject *key = entry->key;
    entry->key = DUMMY;
    entry->hash = -1;
    so->used--;
    so->finger = entry - so->table + 1;
    return key;
}

static MiniObject *set_clear_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    clear_internal(SET(self));
    Mini_RETURN_NONE;
}

static MiniObject *set_copy_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    if (MiniFrozenSet_Check(self) && Mini_TYPE(self) == &MiniFrozenSet_Type) return Mini_NewRef(self);
    return set_copy(self);
}

static MiniObject *set_update_method(MiniObject *self, MiniObject *args) {
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(args); i++)
        if (update_internal(SET(self), MiniTuple_GET_ITEM(args, i)) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *set_union_method(MiniObject *self, MiniObject *args) {
    MiniObject *result = set_copy(self);
    if (result == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(args); i++) {
        MiniObject *other = MiniTuple_GET_ITEM(args, i);
        if (other != self && update_internal(SET(result), other) < 0) { Mini_DECREF(result); return NULL; }
    }
    return result;
}

static MiniObject *set_intersection_method(MiniObject *self, MiniObject *args) {
    if (MiniTuple_GET_SIZE(args) == 0) return set_copy(self);
    MiniObject *result = Mini_NewRef(self);
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(args); i++) {
        MiniObject *t = set_intersection(result, MiniTuple_GET_ITEM(args, i));
        Mini_DECREF(result);
        if ((result = t) == NULL) return NULL;
    }
    return result;
}

/* Replaces self's table with result's (the in-place forms of intersection). Steals result. */
static void swap_bodies(MiniSetObject *a, MiniSetObject *b) {
    MiniSetObject t;
    memcpy(&t.fill, &a->fill, sizeof(MiniSetObject) - offsetof(MiniSetObject, fill));
    memcpy(&a->fill, &b->fill, sizeof(MiniSetObject) - offsetof(MiniSetObject, fill));
    memcpy(&b->fill, &t.fill, sizeof(MiniSetObject) - offsetof(MiniSetObject, fill));
    if (a->table == b->smalltable) a->table = a->smalltable;
    if (b->table == a->smalltable) b->table = b->smalltable;
    a->hash = b->hash = -1;
}

static int intersection_update(MiniObject *self, MiniObject *other) {
    MiniObject *tmp = set_intersection(self, other);
    if (tmp == NULL) return -1;
    swap_bodies(SET(self), SET(tmp));
    Mini_DECREF(tmp);
    return 0;
}

static MiniObject *set_intersection_update_method(MiniObject *self, MiniObject *args) {
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(args); i++)
        if (intersection_update(self, MiniTuple_GET_ITEM(args, i)) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *set_difference_method(MiniObject *self, MiniObject *args) {
    if (MiniTuple_GET_SIZE(args) == 0) return set_copy(self);
    MiniObject *result = set_difference(self, MiniTuple_GET_ITEM(args, 0));
    for (Mini_ssize_t i = 1; result != NULL && i < MiniTuple_GET_SIZE(args); i++)
        if (difference_update_internal(SET(result), MiniTuple_GET_ITEM(args, i)) < 0) Mini_CLEAR(result);
    return result;
}

static MiniObject *set_difference_update_method(MiniObject *self, MiniObject *args) {
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(args); i++)
        if (difference_update_internal(SET(self), MiniTuple_GET_ITEM(args, i)) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *set_symmetric_difference_method(MiniObject *self, MiniObject *other) {
    return set_symmetric_difference(self, other);
}

static MiniObject *set_symmetric_difference_update_method(MiniObject *self, MiniObject *other) {
    if (symmetric_difference_update(SET(self), other) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* other as a set for the comparison methods (a new reference). */
static MiniObject *as_set(MiniObject *other) {
    if (MiniAnySet_Check(other)) return Mini_NewRef(other);
    return make_new_set(&MiniSet_Type, other);
}

static MiniObject *set_issubset_method(MiniObject *self, MiniObject *other) {
    MiniObject *o = as_set(other);
    if (o == NULL) return NULL;
    int r = is_subset(self, o);
    Mini_DECREF(o);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

static MiniObject *set_issuperset_method(MiniObject *self, MiniObject *other) {
    MiniObject *o = as_set(other);
    if (o == NULL) return NULL;
    int r = is_subset(o, self);
    Mini_DECREF(o);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

static MiniObject *set_isdisjoint_method(MiniObject *self, MiniObject *other) {
    MiniObject *o = as_set(other);
    if (o == NULL) return NULL;
    MiniObject *small = SET(self)->used <= SET(o)->used ? self : o, *big = small == self ? o : self;
    Mini_ssize_t pos = 0;
    SetEntry *e;
    int r = 0;
    while (r == 0 && (e = set_next(SET(small), &pos)) != NULL) {
        MiniObject *key = Mini_NewRef(e->key);
        r = contains_entry(SET(big), key, e->hash);
        Mini_DECREF(key);
    }
    Mini_DECREF(o);
    return r < 0 ? NULL : MiniBool_FromLong(r == 0);
}

/* ----- operators ---------------------------------------------------------------------------------- */

#define SET_OPERANDS(a, b) if (!MiniAnySet_Check(a) || !MiniAnySet_Check(b)) Mini_RETURN_NOTIMPLEMENTED

static MiniObject *set_or(MiniObject *a, MiniObject *b) {
    SET_OPERANDS(a, b);
    MiniObject *result = set_copy(a);
    if (result != NULL && a != b && update_internal(SET(result), b) < 0) Mini_CLEAR(result);
    return result;
}
static MiniObject *set_and(MiniObject *a, MiniObject *b) { SET_OPERANDS(a, b); return set_intersection(a, b); }
static MiniObject *set_sub(MiniObject *a, MiniObject *b) { SET_OPERANDS(a, b); return set_difference(a, b); }
static MiniObject *set_xor(MiniObject *a, MiniObject *b) { SET_OPERANDS(a, b); return set_symmetric_difference(a, b); }
static MiniObject *set_ror(MiniObject *a, MiniObject *b) { return set_or(b, a); }
static MiniObject *set_rand(MiniObject *a, MiniObject *b) { return set_and(b, a); }
static MiniObject *set_rsub(MiniObject *a, MiniObject *b) { return set_sub(b, a); }
static MiniObject *set_rxor(MiniObject *a, MiniObject *b) { return set_xor(b, a); }

static MiniObject *set_ior(MiniObject *a, MiniObject *b) {
    SET_OPERANDS(a, b);
    if (update_internal(SET(a), b) < 0) return NULL;
    return Mini_NewRef(a);
}
static MiniObject *set_iand(MiniObject *a, MiniObject *b) {
    SET_OPERANDS(a, b);
    if (intersection_update(a, b) < 0) return NULL;
    return Mini_NewRef(a);
}
static MiniObject *set_isub(MiniObject *a, MiniObject *b) {
    SET_OPERANDS(a, b);
    if (difference_update_internal(SET(a), b) < 0) return NULL;
    return Mini_NewRef(a);
}
static MiniObject *set_ixor(MiniObject *a, MiniObject *b) {
    SET_OPERANDS(a, b);
    if (symmetric_difference_update(SET(a), b) < 0) return NULL;
    return Mini_NewRef(a);
}

static MiniObject *set_richcompare(MiniObject *a, MiniObject *b, int op) {
    if (!MiniAnySet_Check(a) || !MiniAnySet_Check(b)) Mini_RETURN_NOTIMPLEMENTED;
    Mini_ssize_t na = SET(a)->used, nb = SET(b)->used;
    int r;
    switch (op) {
    case Mini_EQ:
    case Mini_NE:
        if (na != nb) return MiniBool_FromLong(op == Mini_NE);
        if (is_frozen(a) && is_frozen(b) && SET(a)->hash != -1 && SET(b)->hash != -1 && SET(a)->hash != SET(b)->hash)
            return MiniBool_FromLong(op == Mini_NE);
        r = is_subset(a, b);
        if (r < 0) return NULL;
        return MiniBool_FromLong(op == Mini_EQ ? r : !r);
    case Mini_LE: r = is_subset(a, b); break;
    case Mini_GE: r = is_subset(b, a); break;
    case Mini_LT: r = na < nb ? is_subset(a, b) : 0; break;
    default: r = na > nb ? is_subset(b, a) : 0; break;
    }
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

/* ----- the types' slots ------------------------------------------------------------------------- */

static void set_dealloc(MiniObject *self) {
    MiniSetObject *so = SET(self);
    for (Mini_ssize_t i = 0; i <= so->mask; i++)
        if (so->table[i].key != NULL && so->table[i].key != DUMMY) Mini_DECREF(so->table[i].key);
    if (so->table != so->smalltable) free(so->table);
    MiniObject_Free(self);
}

/* The cycle collector's slots: every key; clearing empties the set (frozensets too, as CPython:
 * only the collector can do it, to objects nobody can reach). */
static int set_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    MiniSetObject *so = SET(self);
    if (so->table == NULL) return 0;
    for (Mini_ssize_t i = 0; i <= so->mask; i++)
        if (so->table[i].key != NULL && so->table[i].key != DUMMY) Mini_VISIT(so->table[i].key);
    return 0;
}

static int set_gc_clear(MiniObject *self) {
    if (SET(self)->table != NULL) clear_internal(SET(self));
    return 0;
}

static MiniObject *set_repr(MiniObject *self) {
    MiniSetObject *so = SET(self);
    const char *name = MiniType_Name(Mini_TYPE(self));
    int plain = Mini_TYPE(self) == &MiniSet_Type;
    if (so->used == 0) return MiniUnicode_FromFormat("%s()", name);
    int r = Mini_ReprEnter(self);
    if (r != 0) return r > 0 ? MiniUnicode_FromFormat("%s(...)", name) : NULL;
    /* Snapshot the keys: their repr may change the set. */
    MiniObject *keys = _MiniSeq_List(self);
    if (keys == NULL) { Mini_ReprLeave(self); return NULL; }
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    if (!plain) _MiniStrBuf_AppendFormat(&b, "%s(", name);
    _MiniStrBuf_AppendChar(&b, '{');
    for (Mini_ssize_t i = 0; i < Mini_SIZE(keys); i++) {
        if (i > 0) _MiniStrBuf_AppendC(&b, ", ");
        if (_MiniStrBuf_AppendRepr(&b, MiniList_GET_ITEM(keys, i)) < 0) break;
    }
    _MiniStrBuf_AppendChar(&b, '}');
    if (!plain) _MiniStrBuf_AppendChar(&b, ')');
    Mini_DECREF(keys);
    Mini_ReprLeave(self);
    return _MiniStrBuf_Finish(&b);
}

static Mini_ssize_t set_length(MiniObject *self) { return SET(self)->used; }

static int set_contains(MiniObject *self, MiniObject *key) { return MiniSet_Contains(self, key); }

/* Scrambles an entry hash so that xor-ing them all spreads well (as CPython's frozenset). */
static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL; }

static Mini_hash_t frozenset_hash(MiniObject *self) {
    MiniSetObject *so = SET(self);
    if (so->hash != -1) return so->hash;
    /* Order-independent: xor of every slot's shuffled hash, corrected for the unused (hash 0)
     * and deleted (hash -1) slots, then the size and a final dispersion. */
    uint64_t h = 0;
    for (Mini_ssize_t i = 0; i <= so->mask; i++) h ^= shuffle_bits((uint64_t)so->table[i].hash);
    if ((so->mask + 1 - so->fill) & 1) h ^= shuffle_bits(0);
    if ((so->fill - so->used) & 1) h ^= shuffle_bits((uint64_t)-1);
    h ^= ((uint64_t)so->used + 1) * 1927868237UL;
    h ^= (h >> 11) ^ (h >> 25);
    h = h * 69069U + 907133923UL;
    if (h == (uint64_t)-1) h = 590923713UL;
    so->hash = (Mini_hash_t)h;
    return so->hash;
}

static Mini_hash_t set_unhashable(MiniObject *self) {
    MiniErr_Format(MiniExc_TypeError, "unhashable type: '%.200s'", MiniType_Name(Mini_TYPE(self)));
    return -1;
}

static MiniObject *set_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args;
    if (type == &MiniSet_Type && kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "set() takes no keyword arguments");
    return make_new_set(type, NULL);
}

static int set_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0) {
        MiniErr_SetString(MiniExc_TypeError, "set() takes no keyword arguments");
        return -1;
    }
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 1) {
        MiniErr_Format(MiniExc_TypeError, "set expected at most 1 argument, got %zd", n);
        return -1;
    }
    if (SET(self)->fill) clear_internal(SET(self));
    return n == 1 ? update_internal(SET(self), MiniTuple_GET_ITEM(args, 0)) : 0;
}

static MiniObject *frozenset_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (type == &MiniFrozenSet_Type && kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "frozenset() takes no keyword arguments");
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 1) return MiniErr_Format(MiniExc_TypeError, "frozenset expected at most 1 argument, got %zd", n);
    MiniObject *iterable = n == 1 ? MiniTuple_GET_ITEM(args, 0) : NULL;
    if (type == &MiniFrozenSet_Type && iterable != NULL && Mini_TYPE(iterable) == &MiniFrozenSet_Type)
        return Mini_NewRef(iterable);
    return make_new_set(type, iterable);
}

/* ----- iteration ----------------------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniObject *set;     /* owned; NULL once exhausted */
    Mini_ssize_t used;   /* size at creation: a change is an error */
    Mini_ssize_t pos;
    Mini_ssize_t len;    /* items left */
} SetIterObject;

static int setiter_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((SetIterObject *)self)->set);
    return 0;
}


static MiniObject *set_iter(MiniObject *self) {
    SetIterObject *it = MiniObject_NEW(SetIterObject, &_MiniSetIter_Type);
    if (it == NULL) return NULL;
    it->set = Mini_NewRef(self);
    Mini_BEGIN_CRITICAL_SECTION(self);
    it->used = SET(self)->used;
    Mini_END_CRITICAL_SECTION();
    it->len = it->used;
    return (MiniObject *)it;
}

static void setiter_dealloc(MiniObject *self) {
    Mini_CLEAR(((SetIterObject *)self)->set);
    MiniObject_Free(self);
}

/* The next key as a new reference, or NULL with *changed set when the size moved; under the
 * set's section. */
static MiniObject *setiter_fetch(SetIterObject *it, int *changed) {
    MiniObject *key = NULL;
    Mini_BEGIN_CRITICAL_SECTION(it->set);
    if (SET(it->set)->used != it->used) *changed = 1;
    else {
        SetEntry *e = set_next(SET(it->set), &it->pos);
        if (e != NULL) key = Mini_NewRef(e->key);
    }
    Mini_END_CRITICAL_SECTION();
    return key;
}

static MiniObject *setiter_next(MiniObject *self) {
    SetIterObject *it = (SetIterObject *)self;
    if (it->set == NULL) return NULL;
    int changed = 0;
    MiniObject *key = setiter_fetch(it, &changed);
    if (changed) {
        it->used = -1;
        return MiniErr_Format(MiniExc_RuntimeError, "Set changed size during iteration");
    }
    if (key == NULL) { Mini_CLEAR(it->set); return NULL; }
    it->len--;
    return key;
}

static MiniObject *setiter_iter(MiniObject *self) { return Mini_NewRef(self); }

static MiniObject *setiter_length_hint(MiniObject *self, MiniObject *unused) {
    (void)unused;
    SetIterObject *it = (SetIterObject *)self;
    return MiniLong_FromSsize_t(it->set != NULL && it->len > 0 ? it->len : 0);
}

static MiniMethodDef setiter_methods[] = {
    { "__length_hint__", setiter_length_hint, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

MiniTypeObject _MiniSetIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "set_iterator",
    .tp_basicsize = sizeof(SetIterObject),
    .tp_dealloc = setiter_dealloc,
    .tp_iter = setiter_iter,
    .tp_iternext = setiter_next,
    .tp_methods = setiter_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = setiter_traverse,
};

/* ----- the types ---------------------------------------------------------------------------------- */

static MiniObject *set_contains_method(MiniObject *self, MiniObject *key) {
    int r = MiniSet_Contains(self, key);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

static MiniObject *set_len_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return MiniLong_FromSsize_t(SET(self)->used);
}

/* ----- the critical-section wrappers of the Python-level methods and slots ---------------------- */

#define CS_O(name) static MiniObject *name##_cs(MiniObject *self, MiniObject *arg) {            \
        MiniObject *r;                                                                         \
        Mini_BEGIN_CRITICAL_SECTION2(self, arg);                                               \
        r = name(self, arg);                                                                   \
        Mini_END_CRITICAL_SECTION2();                                                          \
        return r;                                                                              \
    }
#define CS_NOARGS(name) static MiniObject *name##_cs(MiniObject *self, MiniObject *unused) {     \
        MiniObject *r;                                                                         \
        Mini_BEGIN_CRITICAL_SECTION(self);                                                     \
        r = name(self, unused);                                                                \
        Mini_END_CRITICAL_SECTION();                                                           \
        return r;                                                                              \
    }
/* With one argument, self and it; with several, self only (see the file comment). */
#define CS_VARARGS(name) static MiniObject *name##_cs(MiniObject *self, MiniObject *args) {      \
        MiniObject *r, *other = MiniTuple_GET_SIZE(args) == 1 ? MiniTuple_GET_ITEM(args, 0) : self; \
        Mini_BEGIN_CRITICAL_SECTION2(self, other);                                             \
        r = name(self, args);                                                                  \
        Mini_END_CRITICAL_SECTION2();                                                          \
        return r;                                                                              \
    }

CS_NOARGS(set_copy_method) CS_VARARGS(set_union_method) CS_VARARGS(set_intersection_method)
CS_VARARGS(set_difference_method) CS_O(set_symmetric_difference_method) CS_O(set_issubset_method)
CS_O(set_issuperset_method) CS_O(set_isdisjoint_method) CS_NOARGS(set_len_method)
CS_O(set_or) CS_O(set_ror) CS_O(set_and) CS_O(set_rand) CS_O(set_sub) CS_O(set_rsub)
CS_O(set_xor) CS_O(set_rxor)
CS_NOARGS(set_pop_method) CS_NOARGS(set_clear_method) CS_VARARGS(set_update_method)
CS_VARARGS(set_intersection_update_method) CS_VARARGS(set_difference_update_method)
CS_O(set_symmetric_difference_update_method) CS_O(set_ior) CS_O(set_iand) CS_O(set_isub) CS_O(set_ixor)

static MiniObject *set_repr_cs(MiniObject *self) {
    MiniObject *r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = set_repr(self);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static MiniObject *set_richcompare_cs(MiniObject *a, MiniObject *b, int op) {
    MiniObject *r;
    Mini_BEGIN_CRITICAL_SECTION2(a, b);
    r = set_richcompare(a, b, op);
    Mini_END_CRITICAL_SECTION2();
    return r;
}

static Mini_ssize_t set_length_cs(MiniObject *self) {
    Mini_ssize_t n;
    Mini_BEGIN_CRITICAL_SECTION(self);
    n = set_length(self);
    Mini_END_CRITICAL_SECTION();
    return n;
}

static int set_init_cs(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    int r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = set_init(self, args, kwargs);
    Mini_END_CRITICAL_SECTION();
    return r;
}

#define COMMON_METHODS \
    { "copy", set_copy_method_cs, MINI_METH_NOARGS, "Return a shallow copy of a set." }, \
    { "union", set_union_method_cs, MINI_METH_VARARGS, "Return the union of sets as a new set." }, \
    { "intersection", set_intersection_method_cs, MINI_METH_VARARGS, "Return the intersection of two sets as a new set." }, \
    { "difference", set_difference_method_cs, MINI_METH_VARARGS, "Return the difference of two or more sets as a new set." }, \
    { "symmetric_difference", set_symmetric_difference_method_cs, MINI_METH_O, \
      "Return the symmetric difference of two sets as a new set." }, \
    { "issubset", set_issubset_method_cs, MINI_METH_O, "Report whether another set contains this set." }, \
    { "issuperset", set_issuperset_method_cs, MINI_METH_O, "Report whether this set contains another set." }, \
    { "isdisjoint", set_isdisjoint_method_cs, MINI_METH_O, "Return True if two sets have a null intersection." }, \
    { "__contains__", set_contains_method, MINI_METH_O, NULL }, \
    { "__len__", set_len_method_cs, MINI_METH_NOARGS, NULL }, \
    { "__or__", set_or_cs, MINI_METH_O, NULL }, { "__ror__", set_ror_cs, MINI_METH_O, NULL }, \
    { "__and__", set_and_cs, MINI_METH_O, NULL }, { "__rand__", set_rand_cs, MINI_METH_O, NULL }, \
    { "__sub__", set_sub_cs, MINI_METH_O, NULL }, { "__rsub__", set_rsub_cs, MINI_METH_O, NULL }, \
    { "__xor__", set_xor_cs, MINI_METH_O, NULL }, { "__rxor__", set_rxor_cs, MINI_METH_O, NULL }

static MiniMethodDef set_methods[] = {
    { "add", set_add_method, MINI_METH_O, "Add an element to a set." },
    { "discard", set_discard_method, MINI_METH_O, "Remove an element from a set if it is a member." },
    { "remove", set_remove_method, MINI_METH_O, "Remove an element from a set; it must be a member." },
    { "pop", set_pop_method_cs, MINI_METH_NOARGS, "Remove and return an arbitrary set element." },
    { "clear", set_clear_method_cs, MINI_METH_NOARGS, "Remove all elements from this set." },
    { "update", set_update_method_cs, MINI_METH_VARARGS, "Update a set with the union of itself and others." },
    { "intersection_update", set_intersection_update_method_cs, MINI_METH_VARARGS,
      "Update a set with the intersection of itself and another." },
    { "difference_update", set_difference_update_method_cs, MINI_METH_VARARGS,
      "Remove all elements of another set from this set." },
    { "symmetric_difference_update", set_symmetric_difference_update_method_cs, MINI_METH_O,
      "Update a set with the symmetric difference of itself and another." },
    { "__ior__", set_ior_cs, MINI_METH_O, NULL }, { "__iand__", set_iand_cs, MINI_METH_O, NULL },
    { "__isub__", set_isub_cs, MINI_METH_O, NULL }, { "__ixor__", set_ixor_cs, MINI_METH_O, NULL },
    COMMON_METHODS,
    { NULL, NULL, 0, NULL },
};

static MiniMethodDef frozenset_methods[] = {
    COMMON_METHODS,
    { NULL, NULL, 0, NULL },
};

static MiniSequenceMethods set_as_sequence = {
    .sq_length = set_length_cs,
    .sq_contains = set_contains,
};

static MiniNumberMethods set_as_number = {
    .nb_subtract = set_sub_cs,
};

MiniTypeObject MiniSet_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "set",
    .tp_basicsize = sizeof(MiniSetObject),
    .tp_dealloc = set_dealloc,
    .tp_traverse = set_traverse,
    .tp_clear = set_gc_clear,
    .tp_repr = set_repr_cs,
    .tp_hash = set_unhashable,
    .tp_richcompare = set_richcompare_cs,
    .tp_iter = set_iter,
    .tp_as_number = &set_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_methods = set_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_GC | MINI_TPFLAGS_WEAKREFABLE,
    .tp_doc = "set() -> new empty set object\nset(iterable) -> new set object",
    .tp_new = set_new,
    .tp_init = set_init_cs,
};

MiniTypeObject MiniFrozenSet_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "frozenset",
    .tp_basicsize = sizeof(MiniSetObject),
    .tp_dealloc = set_dealloc,
    .tp_traverse = set_traverse,
    .tp_clear = set_gc_clear,
    .tp_repr = set_repr_cs,
    .tp_hash = frozenset_hash,
    .tp_richcompare = set_richcompare_cs,
    .tp_iter = set_iter,
    .tp_as_number = &set_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_methods = frozenset_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_GC | MINI_TPFLAGS_WEAKREFABLE,
    .tp_doc = "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object",
    .tp_new = frozenset_new,
};

