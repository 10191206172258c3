/* Objects/typeobject.c: the type of types ("type") and the root of the hierarchy ("object").
 *
 * MiniType_Ready completes a type: it fills the slots the type leaves NULL from its base (the
 * same rules as CPython's inherit_slots, e.g. tp_hash and tp_richcompare only as a pair), and
 * builds tp_dict from tp_methods (method descriptors that bind to the instance on lookup) and
 * tp_getset (computed-attribute descriptors). Types can also be made at run time (heap types:
 * MiniType_NewHeap, type(name, bases, dict), MiniErr_NewException); their instances keep them
 * alive and get a __dict__ when the base has none. object supplies the defaults every type
 * inherits: identity hash and equality, generic attribute access, "<T object at 0x...>". */
#include "mini.h"
#include "object_internal.h"
#include "objimpl_internal.h"
#include "unicodeobject_internal.h"
#include "dict_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----- the registry of static types made ready (their dicts are dropped at shut-down) ----------- */

static MiniTypeObject **static_types;
static Mini_ssize_t static_types_count, static_types_cap;

static int register_static(MiniTypeObject *t) {
    if (static_types_count == static_types_cap) {
        Mini_ssize_t cap = static_types_cap ? static_types_cap * 2 : 64;
        MiniTypeObject **n = realloc(static_types, (size_t)cap * sizeof(*n));
        if (n == NULL) { MiniErr_NoMemory(); return -1; }
        static_types = n;
        static_types_cap = cap;
    }
    static_types[static_types_count++] = t;
    return 0;
}

void _MiniType_ClearStaticDicts(void) {
    /* Newest first: a type's dict may hold descriptors that mention older types. */
    for (Mini_ssize_t i = static_types_count - 1; i >= 0; i--) {
        MiniTypeObject *t = static_types[i];
        t->tp_flags &= ~MINI_TPFLAGS_READY;
        Mini_CLEAR(t->tp_dict);
    }
    free(static_types);
    static_types = NULL;
    static_types_count = static_types_cap = 0;
}

/* ----- names ------------------------------------------------------------------------------------- */

const char *MiniType_Name(MiniTypeObject *type) {
    if (type == NULL || type->tp_name == NULL) return "?";
    const char *dot = strrchr(type->tp_name, '.');
    return dot ? dot + 1 : type->tp_name;
}

/* The module name of a type as a new str reference, or NULL (no exception) when unknown:
 * __module__ from a heap type's dict, else the tp_name prefix, else "builtins". */
static MiniObject *type_module(MiniTypeObject *t) {
    if (t->tp_flags & MINI_TPFLAGS_HEAPTYPE) {
        MiniObject *m = t->tp_dict ? MiniDict_GetItemString(t->tp_dict, "__module__") : NULL;
        if (m != NULL && MiniUnicode_Check(m)) return Mini_NewRef(m);
        return NULL;
    }
    const char *dot = strrchr(t->tp_name, '.');
    if (dot == NULL) return MiniUnicode_FromString("builtins");
    return MiniUnicode_FromStringAndSize(t->tp_name, dot - t->tp_name);
}

/* "module.Name", or "Name" for built-ins and when the module is unknown. New reference. */
static MiniObject *type_qualified_name(MiniTypeObject *t) {
    MiniObject *mod = type_module(t);
    if (mod == NULL && MiniErr_Occurred()) return NULL;
    MiniObject *res;
    MiniObject *qual = (t->tp_flags & MINI_TPFLAGS_HEAPTYPE) ? ((MiniHeapTypeObject *)t)->ht_qualname : NULL;
    if (mod == NULL || MiniUnicode_EqualToUTF8(mod, "builtins"))
        res = qual ? Mini_NewRef(qual) : MiniUnicode_FromString(MiniType_Name(t));
    else if (qual != NULL)
        res = MiniUnicode_FromFormat("%U.%U", mod, qual);
    else
        res = MiniUnicode_FromFormat("%U.%s", mod, MiniType_Name(t));
    Mini_XDECREF(mod);
    return res;
}

MiniObject *_MiniType_Repr(MiniObject *self) {
    MiniObject *name = type_qualified_name((MiniTypeObject *)self);
    if (name == NULL) return NULL;
    MiniObject *res = MiniUnicode_FromFormat("<class '%U'>", name);
    Mini_DECREF(name);
    return res;
}

/* ----- lookup and subtyping ---------------------------------------------------------------------- */

/* The MRO tuple of a heap type that has one (multiple inheritance), else NULL. Borrowed. */
MINI_INLINE MiniObject *heap_mro(MiniTypeObject *t) {
    return (t->tp_flags & MINI_TPFLAGS_HEAPTYPE) ? ((MiniHeapTypeObject *)t)->ht_mro : NULL;
}

/* The lookup cache (CPython's type method cache): (type, interned name) -> the answer of the
 * walk below, NULL included, valid while _MiniType_Epoch has not moved. Every dict the walk
 * consults is watched, so changing any of them (a class attribute set or deleted, a method
 * replaced) moves the epoch; so do freeing a type, a type becoming ready, a type's MRO changing,
 * and the intern table going away (interned names live until then, so a name's address is never
 * reused before). Holds no references. */
#define LOOKUP_CACHE_SIZE 4096
typedef struct { MiniTypeObject *type; MiniObject *name; MiniObject *value; uint64_t epoch; uint32_t seq; } LookupCacheEntry;
static LookupCacheEntry lookup_cache[LOOKUP_CACHE_SIZE];

/* The entry for (type, name): both addresses mixed by 64-bit multiplications and the top bits
 * kept, so every bit of both addresses matters. (The low 12 bits of a 32-bit product, used before,
 * let the cache's hit rate depend on where the linker and malloc happened to put types and names:
 * richards missed 47,000 times in one build and 800 in the next.) */
static inline size_t lookup_cache_index(MiniTypeObject *type, MiniObject *name) {
    uint64_t k = ((uint64_t)(uintptr_t)type >> 4) ^ ((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15ull);
    return (size_t)((k * 0xBF58476D1CE4E5B9ull) >> (64 - 12));
}
_Static_assert(LOOKUP_CACHE_SIZE == 1 << 12, "lookup_cache_index keeps 12 bits");

/* Free-threaded mode: the entries are shared by every thread, so each is a sequence lock (as
 * CPython 3.13t's type cache): a writer makes `seq` odd, writes, makes it even again; a reader
 * uses an entry only if `seq` was even and unchanged around its reads. A writer that finds the
 * entry busy just skips caching. All accesses are atomic (relaxed, with fences). */
static MiniObject *lookup_cached_ft(LookupCacheEntry *e, MiniTypeObject *type, MiniObject *name, int *hit) {
    uint32_t s1 = __atomic_load_n(&e->seq, __ATOMIC_ACQUIRE);
    *hit = 0;
    if (s1 & 1) return NULL;
    MiniTypeObject *t = __atomic_load_n(&e->type, __ATOMIC_RELAXED);
    MiniObject *n = __atomic_load_n(&e->name, __ATOMIC_RELAXED);
    MiniObject *v = __atomic_load_n(&e->value, __ATOMIC_RELAXED);
    uint64_t ep = __atomic_load_n(&e->epoch, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    if (__atomic_load_n(&e->seq, __ATOMIC_RELAXED) != s1) return NULL;
    if (t != type || n != name || ep != _MiniType_EpochGet()) return NULL;
    *hit = 1;
    return v;
}

static void lookup_store_ft(LookupCacheEntry *e, MiniTypeObject *type, MiniObject *name, MiniObject *value, uint64_t epoch) {
    uint32_t s = __atomic_load_n(&e->seq, __ATOMIC_RELAXED);
    if ((s & 1) || !__atomic_compare_exchange_n(&e->seq, &s, s + 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    __atomic_store_n(&e->type, type, __ATOMIC_RELAXED);
    __atomic_store_n(&e->name, name, __ATOMIC_RELAXED);
    __atomic_store_n(&e->value, value, __ATOMIC_RELAXED);
    __atomic_store_n(&e->epoch, epoch, __ATOMIC_RELAXED);
    __atomic_store_n(&e->seq, s + 2, __ATOMIC_RELEASE);
}

/* One dict of the walk: watched (changing it later advances _MiniType_Epoch, which invalidates
 * this cache and the interpreter's: dict_internal.h, specialize.h), then consulted. */
MINI_INLINE MiniObject *lookup_in(MiniTypeObject *t, MiniObject *name) {
    if (t->tp_dict == NULL) return NULL;
    _MiniDict_Watch(t->tp_dict);
    return MiniDict_GetItemWithError(t->tp_dict, name);
}

static MiniObject *lookup_uncached(MiniTypeObject *type, MiniObject *name) {
    /* str keys hash and compare without failing, so the error indicator is never touched. */
    MiniObject *mro = heap_mro(type);
    if (mro != NULL) {
        MiniObject *res = lookup_in(type, name);
        if (res != NULL) return res;
        for (Mini_ssize_t i = 0, n = MiniTuple_GET_SIZE(mro); i < n; i++) {
            res = lookup_in((MiniTypeObject *)MiniTuple_GET_ITEM(mro, i), name);
            if (res != NULL) return res;
        }
        return NULL;
    }
    for (MiniTypeObject *t = type; t != NULL; t = t->tp_base) {
        MiniObject *res = lookup_in(t, name);
        if (res != NULL) return res;
    }
    return NULL;
}

MiniObject *MiniType_Lookup(MiniTypeObject *type, MiniObject *name) {
    MINI_CHECK_GIL("MiniType_Lookup");
    if (type == NULL || name == NULL || !MiniUnicode_Check(name)) return NULL;
    if (!MiniUnicode_CheckExact(name) || !((MiniUnicodeObject *)name)->interned) return lookup_uncached(type, name);
    size_t h = lookup_cache_index(type, name);
    LookupCacheEntry *e = &lookup_cache[h];
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) {
        int hit;
        MiniObject *v = lookup_cached_ft(e, type, name, &hit);
        if (hit) return v;
        uint64_t epoch = _MiniType_EpochGet();   /* before the walk: a change during it misses */
        MiniObject *res = lookup_uncached(type, name);
        lookup_store_ft(e, type, name, res, epoch);
        return res;
    }
    if (e->type == type && e->name == name && e->epoch == _MiniType_Epoch) return e->value;
    MiniObject *res = lookup_uncached(type, name);
    e->type = type;
    e->name = name;
    e->value = res;
    e->epoch = _MiniType_EpochGet();
    return res;
}

int MiniType_IsSubtype(MiniTypeObject *a, MiniTypeObject *b) {
    MINI_CHECK_GIL("MiniType_IsSubtype");
    if (a == NULL || b == NULL) return 0;
    MiniObject *mro = heap_mro(a);
    if (a == b) return 1;
    if (mro != NULL) {
        for (Mini_ssize_t i = 0, n = MiniTuple_GET_SIZE(mro); i < n; i++)
            if (MiniTuple_GET_ITEM(mro, i) == (MiniObject *)b) return 1;
        return 0;
    }
    for (MiniTypeObject *t = a; t != NULL; t = t->tp_base)
        if (t == b) return 1;
    /* A static type not yet made ready still derives from object. */
    return b == &MiniBaseObject_Type;
}

MiniObject *_MiniType_MROTuple(MiniTypeObject *type) {
    MiniObject *mro = heap_mro(type);
    if (mro != NULL) {
        Mini_ssize_t n = MiniTuple_GET_SIZE(mro);
        MiniObject *tup = MiniTuple_New(n + 1);
        if (tup == NULL) return NULL;
        MiniTuple_SET_ITEM(tup, 0, Mini_NewRef(type));
        for (Mini_ssize_t i = 0; i < n; i++) MiniTuple_SET_ITEM(tup, i + 1, Mini_NewRef(MiniTuple_GET_ITEM(mro, i)));
        return tup;
    }
    Mini_ssize_t n = 0;
    for (MiniTypeObject *t = type; t != NULL; t = t->tp_base) n++;
    MiniObject *tup = MiniTuple_New(n);
    if (tup == NULL) return NULL;
    n = 0;
    for (MiniTypeObject *t = type; t != NULL; t = t->tp_base)
        MiniTuple_SET_ITEM(tup, n++, Mini_NewRef(t));
    return tup;
}

/* ----- C3 linearisation --------------------------------------------------------------------------- */

/* 1 if t appears in one of the sequences after its head. */
static int in_some_tail(MiniObject *t, MiniObject **seqs, Mini_ssize_t *pos, Mini_ssize_t nseqs) {
    for (Mini_ssize_t i = 0; i < nseqs; i++) {
        Mini_ssize_t n = MiniTuple_GET_SIZE(seqs[i]);
        for (Mini_ssize_t j = pos[i] + 1; j < n; j++)
            if (MiniTuple_GET_ITEM(seqs[i], j) == t) return 1;
    }
    return 0;
}

/* TypeError naming the heads of the sequences that could not be merged, as CPython does. */
static void mro_error(MiniObject **seqs, Mini_ssize_t *pos, Mini_ssize_t nseqs) {
    char buf[512];
    size_t used = 0;
    buf[0] = '\0';
    for (Mini_ssize_t i = 0; i < nseqs; i++) {
        if (pos[i] >= MiniTuple_GET_SIZE(seqs[i])) continue;
        MiniObject *head = MiniTuple_GET_ITEM(seqs[i], pos[i]);
        int dup = 0;
        for (Mini_ssize_t k = 0; k < i; k++)
            if (pos[k] < MiniTuple_GET_SIZE(seqs[k]) && MiniTuple_GET_ITEM(seqs[k], pos[k]) == head) dup = 1;
        if (dup) continue;
        int w = snprintf(buf + used, sizeof buf - used, "%s%s", used ? ", " : "",
                         MiniType_Name((MiniTypeObject *)head));
        if (w < 0 || (size_t)w >= sizeof buf - used) break;
        used += (size_t)w;
    }
    MiniErr_Format(MiniExc_TypeError, "Cannot create a consistent method resolution\norder (MRO) for bases %s", buf);
}

MiniObject *_MiniType_ComputeMRO(MiniTypeObject *type, MiniObject *bases) {
    Mini_ssize_t nb = MiniTuple_GET_SIZE(bases), nseqs = nb + 1, total = 1;
    for (Mini_ssize_t i = 0; i < nb; i++)
        for (Mini_ssize_t j = 0; j < i; j++)
            if (MiniTuple_GET_ITEM(bases, i) == MiniTuple_GET_ITEM(bases, j))
                return MiniErr_Format(MiniExc_TypeError, "duplicate base class %s",
                                      MiniType_Name((MiniTypeObject *)MiniTuple_GET_ITEM(bases, i)));
    MiniObject **seqs = MiniMem_Calloc((size_t)nseqs, sizeof *seqs);
    Mini_ssize_t *pos = MiniMem_Calloc((size_t)nseqs, sizeof *pos);
    MiniObject *result = NULL, *list = NULL;
    if (seqs == NULL || pos == NULL) { MiniErr_NoMemory(); goto done; }
    for (Mini_ssize_t i = 0; i < nb; i++) {
        if ((seqs[i] = _MiniType_MROTuple((MiniTypeObject *)MiniTuple_GET_ITEM(bases, i))) == NULL) goto done;
        total += MiniTuple_GET_SIZE(seqs[i]);
    }
    seqs[nb] = Mini_NewRef(bases);
    (void)type;
    if ((list = MiniList_New(0)) == NULL) goto done;
    for (;;) {
        int empty = 1, found = 0;
        for (Mini_ssize_t i = 0; i < nseqs && !found; i++) {
            if (pos[i] >= MiniTuple_GET_SIZE(seqs[i])) continue;
            empty = 0;
            MiniObject *cand = MiniTuple_GET_ITEM(seqs[i], pos[i]);
            if (in_some_tail(cand, seqs, pos, nseqs)) continue;
            found = 1;
            if (MiniList_Append(list, cand) < 0) goto done;
            for (Mini_ssize_t k = 0; k < nseqs; k++)
                if (pos[k] < MiniTuple_GET_SIZE(seqs[k]) && MiniTuple_GET_ITEM(seqs[k], pos[k]) == cand) pos[k]++;
        }
        if (empty) break;
        if (!found) { mro_error(seqs, pos, nseqs); goto done; }
    }
    (void)total;
    result = MiniList_AsTuple(list);
done:
    Mini_XDECREF(list);
    if (seqs != NULL)
        for (Mini_ssize_t i = 0; i < nseqs; i++) Mini_XDECREF(seqs[i]);
    MiniMem_Free(seqs);
    MiniMem_Free(pos);
    return result;
}

/* ----- MiniType_Ready ---------------------------------------------------------------------------- */

#define INHERIT(slot) do { if (type->slot == NULL) type->slot = base->slot; } while (0)
#define INHERIT_SUB(sub, slot) do { if (type->sub->slot == NULL) type->sub->slot = base->sub->slot; } while (0)

static void inherit_slots(MiniTypeObject *type, MiniTypeObject *base) {
    if (type->tp_basicsize == 0) type->tp_basicsize = base->tp_basicsize;
    if (type->tp_itemsize == 0) type->tp_itemsize = base->tp_itemsize;
    INHERIT(tp_dealloc);
    INHERIT(tp_repr);
    INHERIT(tp_str);
    if (type->tp_hash == NULL && type->tp_richcompare == NULL) {
        /* Equality and hashing go together: a type defining one must define both. */
        type->tp_hash = base->tp_hash;
        type->tp_richcompare = base->tp_richcompare;
    }
    INHERIT(tp_call);
    INHERIT(tp_getattro);
    INHERIT(tp_setattro);
    INHERIT(tp_iter);
    INHERIT(tp_iternext);
    if (type->tp_as_number == NULL) type->tp_as_number = base->tp_as_number;
    else if (base->tp_as_number != NULL && type->tp_as_number != base->tp_as_number) {
        INHERIT_SUB(tp_as_number, nb_add); INHERIT_SUB(tp_as_number, nb_subtract);
        INHERIT_SUB(tp_as_number, nb_multiply); INHERIT_SUB(tp_as_number, nb_remainder);
        INHERIT_SUB(tp_as_number, nb_negative); INHERIT_SUB(tp_as_number, nb_positive);
        INHERIT_SUB(tp_as_number, nb_absolute); INHERIT_SUB(tp_as_number, nb_bool);
        INHERIT_SUB(tp_as_number, nb_floor_divide); INHERIT_SUB(tp_as_number, nb_true_divide);
        INHERIT_SUB(tp_as_number, nb_matrix_multiply); INHERIT_SUB(tp_as_number, nb_power);
        INHERIT_SUB(tp_as_number, nb_int); INHERIT_SUB(tp_as_number, nb_float);
        INHERIT_SUB(tp_as_number, nb_index);
    }
    if (type->tp_as_sequence == NULL) type->tp_as_sequence = base->tp_as_sequence;
    else if (base->tp_as_sequence != NULL && type->tp_as_sequence != base->tp_as_sequence) {
        INHERIT_SUB(tp_as_sequence, sq_length); INHERIT_SUB(tp_as_sequence, sq_item);
        INHERIT_SUB(tp_as_sequence, sq_ass_item); INHERIT_SUB(tp_as_sequence, sq_contains);
    }
    if (type->tp_as_mapping == NULL) type->tp_as_mapping = base->tp_as_mapping;
    else if (base->tp_as_mapping != NULL && type->tp_as_mapping != base->tp_as_mapping) {
        INHERIT_SUB(tp_as_mapping, mp_length); INHERIT_SUB(tp_as_mapping, mp_subscript);
        INHERIT_SUB(tp_as_mapping, mp_ass_subscript);
    }
    INHERIT(tp_as_buffer);
    INHERIT(tp_init);
    /* As CPython: a static type directly under object gets no tp_new unless it defines one, so
     * C types are not instantiable from Python by accident. */
    if (type->tp_new == NULL && ((type->tp_flags & MINI_TPFLAGS_HEAPTYPE) || base != &MiniBaseObject_Type))
        type->tp_new = base->tp_new;
    INHERIT(tp_descr_get);
    INHERIT(tp_descr_set);
    INHERIT(tp_finalize);
    /* The collector's slots go together with the flag, as CPython's inherit_special. */
    if (!(type->tp_flags & MINI_TPFLAGS_HAVE_GC) && (base->tp_flags & MINI_TPFLAGS_HAVE_GC) &&
        type->tp_traverse == NULL && type->tp_clear == NULL) {
        type->tp_flags |= MINI_TPFLAGS_HAVE_GC;
        type->tp_traverse = base->tp_traverse;
        type->tp_clear = base->tp_clear;
    }
    if ((type->tp_flags & MINI_TPFLAGS_HAVE_GC) && (base->tp_flags & MINI_TPFLAGS_HAVE_GC))
        INHERIT(tp_is_gc);
    type->tp_flags |= base->tp_flags & MINI_TPFLAGS_WEAKREFABLE;
    if (type->tp_dictoffset == 0) type->tp_dictoffset = base->tp_dictoffset;
    type->tp_flags |= base->tp_flags & (MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_LONG_SUBCLASS |
        MINI_TPFLAGS_LIST_SUBCLASS | MINI_TPFLAGS_TUPLE_SUBCLASS | MINI_TPFLAGS_BYTES_SUBCLASS |
        MINI_TPFLAGS_UNICODE_SUBCLASS | MINI_TPFLAGS_DICT_SUBCLASS | MINI_TPFLAGS_BASE_EXC_SUBCLASS |
        MINI_TPFLAGS_TYPE_SUBCLASS);
}

/* Puts value under name in the type's dict unless the name is already there. Steals value. */
static int add_to_dict(MiniTypeObject *type, const char *name, MiniObject *value) {
    if (value == NULL) return -1;
    MiniObject *key = MiniUnicode_InternFromString(name);
    if (key == NULL) { Mini_DECREF(value); return -1; }
    int r = MiniDict_Contains(type->tp_dict, key);
    if (r == 0) r = MiniDict_SetItem(type->tp_dict, key, value);
    Mini_DECREF(key);
    Mini_DECREF(value);
    return r < 0 ? -1 : 0;
}

int MiniType_Ready(MiniTypeObject *type) {
    MINI_GUARD(type, "MiniType_Ready", -1);
    if (type->tp_flags & MINI_TPFLAGS_READY) return 0;
    if (type->tp_name == NULL) {
        MiniErr_SetString(MiniExc_SystemError, "MiniType_Ready: type has no tp_name");
        return -1;
    }
    if (type->ob_base.ob_type == NULL) type->ob_base.ob_type = &MiniType_Type;
    /* A statically allocated type with a zero header is immortal. Mini_REFCNT, not ob_refcnt: in
     * free-threaded mode a fresh heap type's ob_refcnt (the shared count) is 0 too, and making
     * every class immortal kept classes in garbage cycles alive for ever. */
    if (!(type->tp_flags & MINI_TPFLAGS_HEAPTYPE) && Mini_REFCNT(&type->ob_base) == 0)
        _Mini_SetImmortal(&type->ob_base);
    MiniTypeObject *base = type->tp_base;
    if (base == NULL && type != &MiniBaseObject_Type) base = type->tp_base = &MiniBaseObject_Type;
    if (base != NULL) {
        if (!(base->tp_flags & MINI_TPFLAGS_READY) && MiniType_Ready(base) < 0) return -1;
        inherit_slots(type, base);
    }
    int fresh_dict = type->tp_dict == NULL;
    if (fresh_dict && (type->tp_dict = MiniDict_New()) == NULL) return -1;
    if (type->tp_methods != NULL) {
        for (MiniMethodDef *ml = type->tp_methods; ml->ml_name != NULL; ml++)
            if (add_to_dict(type, ml->ml_name, _MiniDescr_NewMethod(type, ml)) < 0) goto fail;
    }
    if (type->tp_getset != NULL) {
        for (MiniGetSetDef *gs = type->tp_getset; gs->name != NULL; gs++)
            if (add_to_dict(type, gs->name, _MiniDescr_NewGetSet(type, gs)) < 0) goto fail;
    }
    if (add_to_dict(type, "__doc__", type->tp_doc ? MiniUnicode_FromString(type->tp_doc)
                                                   : Mini_NewRef(Mini_None)) < 0)
        goto fail;
    if (!(type->tp_flags & MINI_TPFLAGS_HEAPTYPE) && register_static(type) < 0) goto fail;
    type->tp_flags |= MINI_TPFLAGS_READY;
    _MiniType_EpochBump();   /* lookups cached before the type had its dict */
    return 0;
fail:
    if (fresh_dict) Mini_CLEAR(type->tp_dict);
    return -1;
}

/* ----- instances ------------------------------------------------------------------------------------ */

MiniObject *MiniType_GenericNew(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    MINI_GUARD(type, "MiniType_GenericNew", NULL);
    if (type->tp_itemsize != 0) return MiniObject_NewVar(type, 0);
    return MiniObject_New(type);
}

/* Deallocation of instances of heap types: drop the __dict__ the heap type added, then let the
 * nearest static ancestor release the rest (its tp_dealloc ends in MiniObject_Free, which also
 * drops the instance's reference to its type). */
static void subtype_dealloc(MiniObject *self) {
    MiniTypeObject *t = Mini_TYPE(self), *base = t;
    while (base->tp_dealloc == subtype_dealloc) base = base->tp_base;
    if (t->tp_dictoffset != 0 && t->tp_dictoffset != base->tp_dictoffset) {
        MiniObject **dictptr = _MiniObject_DictPtr(self);
        Mini_CLEAR(*dictptr);
    }
    base->tp_dealloc(self);
}

/* The nearest ancestor that is not a heap type (whose slots handle the C layout). */
static MiniTypeObject *static_base(MiniTypeObject *t) {
    while (t != NULL && (t->tp_flags & MINI_TPFLAGS_HEAPTYPE)) t = t->tp_base;
    return t;
}

/* The __slots__ values heap types in the instance's MRO chain added, one visit each. */
static int visit_slots(MiniObject *self, Mini_visitproc visit, void *arg) {
    for (MiniTypeObject *t = Mini_TYPE(self); t != NULL && (t->tp_flags & MINI_TPFLAGS_HEAPTYPE); t = t->tp_base) {
        MiniHeapTypeObject *ht = (MiniHeapTypeObject *)t;
        for (Mini_ssize_t i = 0; i < ht->ht_nslots; i++)
            Mini_VISIT(*(MiniObject **)((char *)self + ht->ht_slotoffset + i * (Mini_ssize_t)sizeof(MiniObject *)));
    }
    return 0;
}

/* tp_traverse of instances of heap types (classes): their type (an instance owns a reference to
 * its heap type), the __slots__ values, the __dict__ the class added, then the C base's fields. */
int _MiniType_SubtypeTraverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    MiniTypeObject *t = Mini_TYPE(self), *base = static_base(t);
    Mini_VISIT(t);
    int r = visit_slots(self, visit, arg);
    if (r) return r;
    if (t->tp_dictoffset != 0 && t->tp_dictoffset != base->tp_dictoffset) Mini_VISIT(*_MiniObject_DictPtr(self));
    if (base->tp_traverse != NULL && (base->tp_flags & MINI_TPFLAGS_HAVE_GC)) return base->tp_traverse(self, visit, arg);
    return 0;
}

/* tp_clear of instances of heap types: the __slots__ values and the __dict__, then the base's. */
int _MiniType_SubtypeClear(MiniObject *self) {
    MiniTypeObject *t = Mini_TYPE(self), *base = static_base(t);
    for (MiniTypeObject *k = t; k != NULL && (k->tp_flags & MINI_TPFLAGS_HEAPTYPE); k = k->tp_base) {
        MiniHeapTypeObject *ht = (MiniHeapTypeObject *)k;
        for (Mini_ssize_t i = 0; i < ht->ht_nslots; i++)
            Mini_CLEAR(*(MiniObject **)((char *)self + ht->ht_slotoffset + i * (Mini_ssize_t)sizeof(MiniObject *)));
    }
    if (t->tp_dictoffset != 0 && t->tp_dictoffset != base->tp_dictoffset) Mini_CLEAR(*_MiniObject_DictPtr(self));
    if (base->tp_clear != NULL && (base->tp_flags & MINI_TPFLAGS_HAVE_GC)) return base->tp_clear(self);
    return 0;
}

/* __dict__ of instances whose heap type added one. */
static MiniObject *subtype_get_dict(MiniObject *self, void *closure) {
    (void)closure;
    MiniObject **dictptr = _MiniObject_DictPtr(self);
    if (dictptr == NULL)
        return MiniErr_Format(MiniExc_AttributeError, "This object has no __dict__");
    if (*dictptr == NULL && (*dictptr = MiniDict_New()) == NULL) return NULL;
    return Mini_NewRef(*dictptr);
}

static int subtype_set_dict(MiniObject *self, MiniObject *value, void *closure) {
    (void)closure;
    MiniObject **dictptr = _MiniObject_DictPtr(self);
    if (dictptr == NULL) {
        MiniErr_SetString(MiniExc_AttributeError, "This object has no __dict__");
        return -1;
    }
    if (value != NULL && !MiniDict_Check(value)) {
        MiniErr_Format(MiniExc_TypeError, "__dict__ must be set to a dictionary, not a '%.200s'",
                       Mini_TYPE(value)->tp_name);
        return -1;
    }
    Mini_XINCREF(value);
    Mini_SETREF(*dictptr, value);
    return 0;
}

static MiniGetSetDef subtype_dict_getset[] = {
    { "__dict__", subtype_get_dict, subtype_set_dict, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniObject *_MiniType_NewHeapEx(MiniTypeObject *meta, const char *name, MiniTypeObject *base,
                                MiniObject *bases, MiniObject *dict, Mini_ssize_t nslots, int want_dict) {
    MINI_CHECK_GIL("_MiniType_NewHeapEx");
    if (name == NULL || (dict != NULL && !MiniDict_Check(dict))) {
        _MiniErr_BadInternalCall("MiniType_NewHeap");
        return NULL;
    }
    if (meta == NULL) meta = &MiniType_Type;
    if (base == NULL) base = &MiniBaseObject_Type;
    if (!(base->tp_flags & MINI_TPFLAGS_READY) && MiniType_Ready(base) < 0) return NULL;
    if (!(base->tp_flags & MINI_TPFLAGS_BASETYPE))
        return MiniErr_Format(MiniExc_TypeError, "type '%.100s' is not an acceptable base type",
                              base->tp_name);
    if (nslots > 0 && base->tp_itemsize != 0)
        return MiniErr_Format(MiniExc_TypeError, "nonempty __slots__ not supported for subtype of '%s'",
                              MiniType_Name(base));
    const char *dot = strrchr(name, '.');
    const char *shortname = dot ? dot + 1 : name;
    MiniHeapTypeObject *ht = (MiniHeapTypeObject *)MiniObject_New(meta);
    if (ht == NULL) return NULL;
    MiniTypeObject *t = &ht->type;
    t->tp_flags = MINI_TPFLAGS_HEAPTYPE | MINI_TPFLAGS_BASETYPE;
    ht->ht_cname = strdup(shortname);
    if (ht->ht_cname == NULL) { Mini_DECREF(ht); return MiniErr_NoMemory(); }
    t->tp_name = ht->ht_cname;
    t->tp_base = (MiniTypeObject *)Mini_NewRef(base);
    if (bases != NULL) ht->ht_bases = Mini_NewRef(bases);
    t->tp_basicsize = base->tp_basicsize;
    t->tp_itemsize = base->tp_itemsize;
    Mini_ssize_t align = (Mini_ssize_t)sizeof(MiniObject *);
    if (nslots > 0) {
        ht->ht_slotoffset = (t->tp_basicsize + align - 1) / align * align;
        t->tp_basicsize = ht->ht_slotoffset + nslots * align;
        ht->ht_nslots = nslots;
    }
    /* Types (metaclasses) keep their attributes in tp_dict: no instance __dict__ for them. */
    int adds_dict = want_dict && base->tp_dictoffset == 0 && !(base->tp_flags & MINI_TPFLAGS_TYPE_SUBCLASS);
    if (adds_dict && base->tp_itemsize == 0) {
        t->tp_dictoffset = (t->tp_basicsize + align - 1) / align * align;
        t->tp_basicsize = t->tp_dictoffset + align;
    } else if (adds_dict) {
        /* After the items: room for the alignment and the pointer. */
        t->tp_dictoffset = -t->tp_basicsize;
        t->tp_basicsize += 2 * align;
    }
    if (adds_dict) {
        t->tp_flags |= MINI_TPFLAGS_HAVE_DICT;
        t->tp_getset = subtype_dict_getset;
    }
    t->tp_dealloc = subtype_dealloc;
    /* Every class takes part in cycle collection and accepts weak references, as in CPython
     * (a class whose __slots__ lacks '__weakref__' has the flag taken away by the VM). */
    t->tp_flags |= MINI_TPFLAGS_HAVE_GC | MINI_TPFLAGS_WEAKREFABLE;
    t->tp_traverse = _MiniType_SubtypeTraverse;
    t->tp_clear = _MiniType_SubtypeClear;
    if (base->tp_flags & MINI_TPFLAGS_HAVE_GC) t->tp_is_gc = base->tp_is_gc;
    /* Own copies of the slot tables, so that per-class slots can be filled in. */
    if (base->tp_as_number) ht->as_number = *base->tp_as_number;
    if (base->tp_as_sequence) ht->as_sequence = *base->tp_as_sequence;
    if (base->tp_as_mapping) ht->as_mapping = *base->tp_as_mapping;
    t->tp_as_number = &ht->as_number;
    t->tp_as_sequence = &ht->as_sequence;
    t->tp_as_mapping = &ht->as_mapping;
    if ((t->tp_dict = MiniDict_New()) == NULL) goto fail;
    if (dict != NULL && MiniDict_Update(t->tp_dict, dict) < 0) goto fail;
    if (dot != NULL && MiniDict_GetItemString(t->tp_dict, "__module__") == NULL) {
        MiniObject *mod = MiniUnicode_FromStringAndSize(name, dot - name);
        if (mod == NULL) goto fail;
        int r = MiniDict_SetItemString(t->tp_dict, "__module__", mod);
        Mini_DECREF(mod);
        if (r < 0) goto fail;
    }
    if (MiniType_Ready(t) < 0) goto fail;
    return (MiniObject *)t;
fail:
    Mini_DECREF(t);
    return NULL;
}

MiniObject *MiniType_NewHeap(const char *name, MiniTypeObject *base, MiniObject *dict) {
    MINI_CHECK_GIL("MiniType_NewHeap");
    return _MiniType_NewHeapEx(&MiniType_Type, name, base, NULL, dict, 0, 1);
}

/* ----- the "type" type ----------------------------------------------------------------------------- */

static void type_dealloc(MiniObject *self) {
    MiniTypeObject *t = (MiniTypeObject *)self;
    if (!(t->tp_flags & MINI_TPFLAGS_HEAPTYPE))
        Mini_FatalErrorFormat("type_dealloc", "static type '%s' deallocated (it was DECREF'd "
                              "more often than INCREF'd)", t->tp_name);
    /* Cached lookups keyed by this type's address must not match a new type allocated there. */
    _MiniType_EpochBump();
    MiniHeapTypeObject *ht = (MiniHeapTypeObject *)t;
    Mini_CLEAR(t->tp_dict);
    Mini_CLEAR(t->tp_base);
    Mini_CLEAR(ht->ht_bases);
    Mini_CLEAR(ht->ht_mro);
    Mini_CLEAR(ht->ht_qualname);
    free(ht->ht_cname);
    MiniObject_Free(self);
}

/* Types are GC objects only when allocated at run time: static types have no header. */
static int type_is_gc(MiniObject *self) { return (((MiniTypeObject *)self)->tp_flags & MINI_TPFLAGS_HEAPTYPE) != 0; }

static int type_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    MiniTypeObject *t = (MiniTypeObject *)self;
    if (!(t->tp_flags & MINI_TPFLAGS_HEAPTYPE)) return 0;
    MiniHeapTypeObject *ht = (MiniHeapTypeObject *)t;
    /* A heap metatype is visited by its own tp_traverse (_MiniType_SubtypeTraverse). */
    Mini_VISIT(t->tp_dict);
    Mini_VISIT(t->tp_base);
    Mini_VISIT(ht->ht_bases);
    Mini_VISIT(ht->ht_mro);
    Mini_VISIT(ht->ht_qualname);
    return 0;
}

/* Breaks a class's cycles (class -> dict -> function -> globals -> class) by emptying its
 * namespace; the type stays a valid (empty) type until its last instance goes. */
static int type_clear(MiniObject *self) {
    MiniTypeObject *t = (MiniTypeObject *)self;
    if (!(t->tp_flags & MINI_TPFLAGS_HEAPTYPE)) return 0;
    _MiniType_Epoch++;
    if (t->tp_dict != NULL) MiniDict_Clear(t->tp_dict);
    return 0;
}

static MiniObject *type_call(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniTypeObject *type = (MiniTypeObject *)self;
    MiniObject *empty = NULL;
    if (args == NULL) args = empty = MiniTuple_New(0);
    if (args == NULL) return NULL;
    MiniObject *obj = NULL;
    if (type == &MiniType_Type && MiniTuple_GET_SIZE(args) == 1 &&
        (kwargs == NULL || MiniDict_Size(kwargs) == 0)) {
        obj = MiniObject_Type(MiniTuple_GET_ITEM(args, 0));
        goto done;
    }
    if (type->tp_new == NULL) {
        MiniErr_Format(MiniExc_TypeError, "cannot create '%.100s' instances", type->tp_name);
        goto done;
    }
    obj = type->tp_new(type, args, kwargs);
    if (obj == NULL || !MiniObject_TypeCheck(obj, type)) goto done;
    Mini_initproc init = Mini_TYPE(obj)->tp_init;
    if (init != NULL && init(obj, args, kwargs) < 0) Mini_CLEAR(obj);
done:
    Mini_XDECREF(empty);
    return obj;
}

MiniObject *(*_MiniType_NewHook)(MiniTypeObject *meta, MiniObject *args, MiniObject *kwargs);

static MiniObject *type_new(MiniTypeObject *meta, MiniObject *args, MiniObject *kwargs) {
    if (_MiniType_NewHook != NULL) return _MiniType_NewHook(meta, args, kwargs);
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "type() takes no keyword arguments");
    if (MiniTuple_GET_SIZE(args) != 3)
        return MiniErr_Format(MiniExc_TypeError, "type() takes 1 or 3 arguments");
    MiniObject *name = MiniTuple_GET_ITEM(args, 0), *bases = MiniTuple_GET_ITEM(args, 1),
               *dict = MiniTuple_GET_ITEM(args, 2);
    if (!MiniUnicode_Check(name) || !MiniTuple_Check(bases) || !MiniDict_Check(dict))
        return MiniErr_Format(MiniExc_TypeError, "type() argument types must be (str, tuple, dict)");
    if (MiniTuple_GET_SIZE(bases) > 1)
        return MiniErr_Format(MiniExc_TypeError, "multiple bases are not supported");
    MiniTypeObject *base = NULL;
    if (MiniTuple_GET_SIZE(bases) == 1) {
        MiniObject *b = MiniTuple_GET_ITEM(bases, 0);
        if (!MiniType_Check(b))
            return MiniErr_Format(MiniExc_TypeError, "bases must be types");
        base = (MiniTypeObject *)b;
    }
    return MiniType_NewHeap(MiniUnicode_AsUTF8(name), base, dict);
}

static int type_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)self; (void)args; (void)kwargs;
    return 0;
}

static MiniObject *type_lookup_attr(MiniObject *self, MiniObject *name, int suppress) {
    MiniTypeObject *type = (MiniTypeObject *)self, *meta = Mini_TYPE(self);
    if (!MiniUnicode_Check(name))
        return MiniErr_Format(MiniExc_TypeError, "attribute name must be string, not '%.200s'",
                              Mini_TYPE(name)->tp_name);
    if (!(type->tp_flags & MINI_TPFLAGS_READY) && MiniType_Ready(type) < 0) return NULL;
    MiniObject *meta_attr = MiniType_Lookup(meta, name), *res;
    Mini_descrgetfunc meta_get = NULL;
    if (meta_attr != NULL) {
        Mini_INCREF(meta_attr);
        meta_get = Mini_TYPE(meta_attr)->tp_descr_get;
        if (meta_get != NULL && Mini_TYPE(meta_attr)->tp_descr_set != NULL) {
            res = meta_get(meta_attr, self, (MiniObject *)meta);
            Mini_DECREF(meta_attr);
            return res;
        }
    }
    MiniObject *attr = MiniType_Lookup(type, name);
    if (attr != NULL) {
        Mini_XDECREF(meta_attr);
        Mini_descrgetfunc get = Mini_TYPE(attr)->tp_descr_get;
        if (get == NULL) return Mini_NewRef(attr);
        Mini_INCREF(attr);
        res = get(attr, NULL, self);
        Mini_DECREF(attr);
        return res;
    }
    if (meta_get != NULL) {
        res = meta_get(meta_attr, self, (MiniObject *)meta);
        Mini_DECREF(meta_attr);
        return res;
    }
    if (meta_attr != NULL) return meta_attr;
    if (suppress) return NULL;
    return MiniErr_Format(MiniExc_AttributeError, "type object '%.50s' has no attribute '%U'",
                          type->tp_name, name);
}

static MiniObject *type_getattro(MiniObject *self, MiniObject *name) {
    return type_lookup_attr(self, name, 0);
}

MiniObject *_MiniType_GetAttrSuppressed(MiniObject *type, MiniObject *name) {
    return type_lookup_attr(type, name, 1);
}

int (*_MiniType_SlotsChangedHook)(MiniTypeObject *type, MiniObject *name);

/* After a class attribute was set or deleted: a __dunder__ name may change what a slot should call. */
static int slots_changed(MiniTypeObject *type, MiniObject *name) {
    if (_MiniType_SlotsChangedHook == NULL) return 0;
    const char *s = MiniUnicode_AsUTF8(name);
    if (s == NULL) return -1;
    size_t n = strlen(s);
    if (n < 5 || s[0] != '_' || s[1] != '_' || s[n - 1] != '_' || s[n - 2] != '_') return 0;
    return _MiniType_SlotsChangedHook(type, name);
}

static int type_setattro(MiniObject *self, MiniObject *name, MiniObject *value) {
    MiniTypeObject *type = (MiniTypeObject *)self;
    if (!MiniUnicode_Check(name)) {
        MiniErr_Format(MiniExc_TypeError, "attribute name must be string, not '%.200s'",
                       Mini_TYPE(name)->tp_name);
        return -1;
    }
    if (!(type->tp_flags & MINI_TPFLAGS_HEAPTYPE)) {
        MiniErr_Format(MiniExc_TypeError, "cannot set '%U' attribute of immutable type '%s'",
                       name, type->tp_name);
        return -1;
    }
    MiniObject *meta_attr = MiniType_Lookup(Mini_TYPE(self), name);
    if (meta_attr != NULL && Mini_TYPE(meta_attr)->tp_descr_set != NULL) {
        Mini_INCREF(meta_attr);
        int r = Mini_TYPE(meta_attr)->tp_descr_set(meta_attr, self, value);
        Mini_DECREF(meta_attr);
        return r;
    }
    if (value != NULL) {
        if (MiniDict_SetItem(type->tp_dict, name, value) < 0) return -1;
        return slots_changed(type, name);
    }
    if (MiniDict_DelItem(type->tp_dict, name) < 0) {
        if (MiniErr_ExceptionMatches(MiniExc_KeyError)) {
            MiniErr_Clear();
            MiniErr_Format(MiniExc_AttributeError, "type object '%.50s' has no attribute '%U'",
                           type->tp_name, name);
        }
        return -1;
    }
    return slots_changed(type, name);   /* a deleted dunder: the slot follows too */
}

static MiniObject *type_get_name(MiniObject *self, void *c) {
    (void)c;
    return MiniUnicode_FromString(MiniType_Name((MiniTypeObject *)self));
}

static MiniObject *type_get_module(MiniObject *self, void *c) {
    (void)c;
    MiniObject *m = type_module((MiniTypeObject *)self);
    if (m == NULL && !MiniErr_Occurred())
        return MiniErr_Format(MiniExc_AttributeError, "__module__");
    return m;
}

static MiniObject *type_get_doc(MiniObject *self, void *c) {
    (void)c;
    MiniTypeObject *t = (MiniTypeObject *)self;
    MiniObject *d = t->tp_dict ? MiniDict_GetItemString(t->tp_dict, "__doc__") : NULL;
    if (d != NULL) {
        Mini_descrgetfunc get = Mini_TYPE(d)->tp_descr_get;
        return get ? get(d, NULL, self) : Mini_NewRef(d);
    }
    if (t->tp_doc != NULL) return MiniUnicode_FromString(t->tp_doc);
    Mini_RETURN_NONE;
}

/* type.__doc__ / type.__module__ = value: a class's own (heap type) entry in its dict, as
 * CPython allows (dataclasses sets __doc__, namedtuple __module__). closure: the name. */
static int type_set_dict_entry(MiniObject *self, MiniObject *value, void *closure) {
    MiniTypeObject *t = (MiniTypeObject *)self;
    const char *name = (const char *)closure;
    if (!(t->tp_flags & MINI_TPFLAGS_HEAPTYPE)) {
        MiniErr_Format(MiniExc_TypeError, "cannot set '%s' attribute of immutable type '%s'", name, t->tp_name);
        return -1;
    }
    if (value == NULL) {
        MiniErr_Format(MiniExc_TypeError, "cannot delete '%s' attribute of type '%s'", name, t->tp_name);
        return -1;
    }
    return MiniDict_SetItemString(t->tp_dict, name, value);
}

static MiniObject *type_get_base(MiniObject *self, void *c) {
    (void)c;
    MiniTypeObject *b = ((MiniTypeObject *)self)->tp_base;
    return Mini_NewRef(b ? (MiniObject *)b : Mini_None);
}

static MiniObject *type_get_qualname(MiniObject *self, void *c) {
    (void)c;
    MiniTypeObject *t = (MiniTypeObject *)self;
    if ((t->tp_flags & MINI_TPFLAGS_HEAPTYPE) && ((MiniHeapTypeObject *)t)->ht_qualname != NULL)
        return Mini_NewRef(((MiniHeapTypeObject *)t)->ht_qualname);
    return MiniUnicode_FromString(MiniType_Name(t));
}

static MiniObject *type_get_bases(MiniObject *self, void *c) {
    (void)c;
    MiniTypeObject *st = (MiniTypeObject *)self;
    if ((st->tp_flags & MINI_TPFLAGS_HEAPTYPE) && ((MiniHeapTypeObject *)st)->ht_bases != NULL)
        return Mini_NewRef(((MiniHeapTypeObject *)st)->ht_bases);
    MiniTypeObject *b = st->tp_base;
    if (b == NULL) return MiniTuple_New(0);
    MiniObject *t = MiniTuple_New(1);
    if (t != NULL) MiniTuple_SET_ITEM(t, 0, Mini_NewRef(b));
    return t;
}

static MiniObject *type_get_mro(MiniObject *self, void *c) {
    (void)c;
    return _MiniType_MROTuple((MiniTypeObject *)self);
}

static MiniObject *type_get_dict(MiniObject *self, void *c) {
    (void)c;
    MiniTypeObject *t = (MiniTypeObject *)self;
    if (t->tp_dict == NULL) return MiniDict_New();
    return MiniDict_Copy(t->tp_dict);   /* a snapshot: type dicts are not writable through it */
}

static MiniGetSetDef type_getsets[] = {
    { "__name__", type_get_name, NULL, "the type's short name", NULL },
    { "__qualname__", type_get_qualname, NULL, "the type's qualified name", NULL },
    { "__module__", type_get_module, type_set_dict_entry, "the module defining the type", "__module__" },
    { "__doc__", type_get_doc, type_set_dict_entry, NULL, "__doc__" },
    { "__base__", type_get_base, NULL, NULL, NULL },
    { "__bases__", type_get_bases, NULL, NULL, NULL },
    { "__mro__", type_get_mro, NULL, NULL, NULL },
    { "__dict__", type_get_dict, NULL, "a copy of the type's namespace", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniType_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "type",
    .tp_basicsize = sizeof(MiniHeapTypeObject),
    .tp_dealloc = type_dealloc,
    .tp_repr = _MiniType_Repr,
    .tp_call = type_call,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .tp_getset = type_getsets,
    .tp_base = &MiniBaseObject_Type,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_TYPE_SUBCLASS | MINI_TPFLAGS_HAVE_GC |
                MINI_TPFLAGS_WEAKREFABLE,
    .tp_doc = "type(object) -> the object's type\ntype(name, bases, dict) -> a new type",
    .tp_traverse = type_traverse,
    .tp_clear = type_clear,
    .tp_is_gc = type_is_gc,
    .tp_new = type_new,
    .tp_init = type_init,
};

/* ----- the "object" type ---------------------------------------------------------------------------- */

static void object_dealloc(MiniObject *self) { MiniObject_Free(self); }

static MiniObject *object_repr(MiniObject *self) {
    MiniObject *name = type_qualified_name(Mini_TYPE(self));
    if (name == NULL) return NULL;
    MiniObject *res = MiniUnicode_FromFormat("<%U object at %p>", name, (void *)self);
    Mini_DECREF(name);
    return res;
}

static MiniObject *object_str(MiniObject *self) { return MiniObject_Repr(self); }

static Mini_hash_t object_hash(MiniObject *self) { return _Mini_HashPointer(self); }

static MiniObject *object_richcompare(MiniObject *self, MiniObject *other, int op) {
    switch (op) {
    case Mini_EQ:
        return Mini_NewRef(self == other ? Mini_True : Mini_NotImplemented);
    case Mini_NE: {
        /* Derive != from the type's ==, as Python does. */
        Mini_richcmpfunc eq = Mini_TYPE(self)->tp_richcompare;
        if (eq == NULL || eq == object_richcompare)
            return Mini_NewRef(self == other ? Mini_False : Mini_NotImplemented);
        MiniObject *res = eq(self, other, Mini_EQ);
        if (res == NULL || res == Mini_NotImplemented) return res;
        int t = MiniObject_IsTrue(res);
        Mini_DECREF(res);
        return t < 0 ? NULL : MiniBool_FromLong(!t);
    }
    default:
        Mini_RETURN_NOTIMPLEMENTED;
    }
}

static int excess_args(MiniObject *args, MiniObject *kwargs) {
    return (args != NULL && MiniTuple_GET_SIZE(args) != 0) || (kwargs != NULL && MiniDict_Size(kwargs) != 0);
}

static int object_init(MiniObject *self, MiniObject *args, MiniObject *kwargs);

static MiniObject *object_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (excess_args(args, kwargs)) {
        if (type->tp_new != object_new)
            return MiniErr_Format(MiniExc_TypeError,
                                  "object.__new__() takes exactly one argument (the type to instantiate)");
        if (type->tp_init == object_init)
            return MiniErr_Format(MiniExc_TypeError, "%.200s() takes no arguments", type->tp_name);
    }
    return MiniType_GenericNew(type, args, kwargs);
}

static int object_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniTypeObject *type = Mini_TYPE(self);
    if (excess_args(args, kwargs)) {
        if (type->tp_init != object_init) {
            MiniErr_SetString(MiniExc_TypeError,
                              "object.__init__() takes exactly one argument (the instance to initialize)");
            return -1;
        }
        if (type->tp_new == object_new) {
            MiniErr_Format(MiniExc_TypeError, "%.200s.__init__() takes exactly one argument (the "
                           "instance to initialize)", type->tp_name);
            return -1;
        }
    }
    return 0;
}

static MiniObject *object_get_class(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(Mini_TYPE(self));
}

static MiniGetSetDef object_getsets[] = {
    { "__class__", object_get_class, NULL, "the object's type", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniBaseObject_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "object",
    .tp_basicsize = sizeof(MiniObject),
    .tp_dealloc = object_dealloc,
    .tp_repr = object_repr,
    .tp_str = object_str,
    .tp_hash = object_hash,
    .tp_richcompare = object_richcompare,
    .tp_getattro = MiniObject_GenericGetAttr,
    .tp_setattro = MiniObject_GenericSetAttr,
    .tp_getset = object_getsets,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "The base class of the class hierarchy.",
    .tp_new = object_new,
    .tp_init = object_init,
};
