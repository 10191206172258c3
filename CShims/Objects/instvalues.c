/* Objects/instvalues.c: instance attributes in a small values array indexed by the names the class
 * shares among its instances, instead of a dict object per instance (the layout and its rules are
 * described in internal/instvalues_internal.h). An instance of a plain class used to cost three
 * allocations (the object, its dict, the dict's table) and a hash probe per attribute; here it
 * costs two (the object, the values) and an index. Everything falls back to a real dict the first
 * time a program needs one. All functions need the GIL; a free-threaded runtime never creates
 * values, so there they only ever see an empty values word. */
#include "mini.h"
#include "instvalues_internal.h"
#include "unicodeobject_internal.h"
#include "obmalloc_internal.h"

#include <stdlib.h>
#include <string.h>

#define MIN_CAP 4

static uint64_t bloom_bit(MiniObject *name) { return (uint64_t)1 << ((uint64_t)_MiniUnicode_Hash(name) & 63); }

/* 1 if name (a str) may be one of k's names; 0 proves it is not (one AND). */
static int maybe_key(MiniSharedKeys *k, MiniObject *name) { return (k->bloom & bloom_bit(name)) != 0; }

Mini_ssize_t _MiniInst_KeyIndex(MiniSharedKeys *k, MiniObject *name) {
    if (k == NULL) return -1;
    Mini_ssize_t n = k->nkeys;
    for (Mini_ssize_t i = 0; i < n; i++)
        if (k->names[i] == name) return i;
    /* An equal str that is another object (built at run time, or a str subclass): only names
     * with the same hash are compared. */
    if (!MiniUnicode_Check(name) || !maybe_key(k, name)) return -1;
    Mini_hash_t h = _MiniUnicode_Hash(name);
    for (Mini_ssize_t i = 0; i < n; i++)
        if (_MiniUnicode_Hash(k->names[i]) == h && _MiniUnicode_Eq(k->names[i], name)) return i;
    return -1;
}

/* The class's shared keys, made on its first instance attribute; NULL with MemoryError. */
static MiniSharedKeys *keys_for_store(MiniTypeObject *t) {
    MiniHeapTypeObject *ht = (MiniHeapTypeObject *)t;
    if (ht->ht_keys == NULL && (ht->ht_keys = calloc(1, sizeof(MiniSharedKeys))) == NULL) MiniErr_NoMemory();
    return ht->ht_keys;
}

/* Appends name (an exact str) to k, which has room. */
static void keys_append(MiniSharedKeys *k, MiniObject *name) {
    /* Kept as given, not interned (the intern table would keep a name built at run time alive
     * after its class): an equal str of compiled code is found by the equality scan. */
    k->bloom |= bloom_bit(name);
    k->names[k->nkeys++] = Mini_NewRef(name);
}

MiniObject *_MiniInst_Lookup(MiniObject *o, MiniObject *name) {
    MiniInstValues *v = _MiniInst_Values(o);
    if (v == NULL || v->n == 0) return NULL;
    MiniSharedKeys *k = _MiniInst_Keys(Mini_TYPE(o));
    /* The filter first: the generic paths mostly ask for names that are not there (a method's
     * name, checked for shadowing). */
    if (MiniUnicode_Check(name) && !maybe_key(k, name)) return NULL;
    Mini_ssize_t ix = _MiniInst_KeyIndex(k, name);
    return ix >= 0 && ix < v->n ? v->v[ix] : NULL;
}

int _MiniInst_Has(MiniObject *o, MiniObject *name) {
    return _MiniInst_Lookup(o, name) != NULL;
}

/* A zeroed values block for cap values: from the object allocator's pools (at most 248 bytes),
 * or malloc when they are off. NULL with MemoryError. */
static MiniInstValues *values_alloc(Mini_ssize_t cap) {
    size_t size = sizeof(MiniInstValues) + (size_t)cap * sizeof(MiniObject *);
    MiniInstValues *v = _MiniObMalloc_Alloc(size);
    if (v == NULL && (v = calloc(1, size)) == NULL) { MiniErr_NoMemory(); return NULL; }
    v->cap = (int32_t)cap;
    return v;
}

static void values_free(MiniInstValues *v) {
    if (_MiniObMalloc_Owns(v)) _MiniObMalloc_Free(v);
    else free(v);
}

/* Room for one more value in *vp: a first block sized for the class's names so far, or one twice
 * as large (values copied; the references move with them). 0, or -1 with MemoryError. */
static int values_reserve(MiniInstValues **vp, Mini_ssize_t nkeys) {
    MiniInstValues *old = *vp;
    if (old != NULL && old->n < old->cap) return 0;
    Mini_ssize_t cap = old == NULL ? (nkeys > MIN_CAP ? nkeys : MIN_CAP) : old->cap * 2;
    if (cap > MINI_SHARED_KEYS_MAX) cap = MINI_SHARED_KEYS_MAX;
    MiniInstValues *nv = values_alloc(cap);
    if (nv == NULL) return -1;
    if (old != NULL) {
        nv->n = old->n;
        memcpy(nv->v, old->v, (size_t)old->n * sizeof(MiniObject *));
        values_free(old);
    }
    *vp = nv;
    return 0;
}

int _MiniInst_StoreAt(MiniObject *o, Mini_ssize_t ix, MiniObject *value) {
    MiniInstValues **vp = _MiniInst_ValuesPtr(o);
    if (vp == NULL) return 0;
    MiniInstValues *v = *vp;
    if (v != NULL && ix < v->n) {
        /* Replace: the new value is in place before the old one's release can run code. */
        MiniObject *old = v->v[ix];
        v->v[ix] = Mini_NewRef(value);
        Mini_DECREF(old);
        return 1;
    }
    if (ix != (v != NULL ? v->n : 0)) return 0;
    if (v == NULL && (_Mini_FreeThreaded || *_MiniObject_DictPtr(o) != NULL)) return 0;
    MiniSharedKeys *k = _MiniInst_Keys(Mini_TYPE(o));
    if (k == NULL || ix >= k->nkeys) return 0;
    if (values_reserve(vp, k->nkeys) < 0) return -1;
    v = *vp;
    v->v[v->n++] = Mini_NewRef(value);
    return 1;
}

int _MiniInst_Store(MiniObject *o, MiniObject *name, MiniObject *value) {
    MiniInstValues **vp = _MiniInst_ValuesPtr(o);
    if (vp == NULL || _Mini_FreeThreaded || !MiniUnicode_CheckExact(name)) return 0;
    if (*vp == NULL && *_MiniObject_DictPtr(o) != NULL) return 0;
    MiniSharedKeys *k = keys_for_store(Mini_TYPE(o));
    if (k == NULL) return -1;
    Mini_ssize_t ix = _MiniInst_KeyIndex(k, name);
    if (ix < 0) {
        /* A name the class has not seen: it becomes the next shared name when this instance
         * already has all the others (so its attributes stay a prefix, in the order set). */
        Mini_ssize_t n = *vp != NULL ? (*vp)->n : 0;
        if (n != k->nkeys || k->nkeys >= MINI_SHARED_KEYS_MAX) return 0;
        keys_append(k, name);
        ix = n;
    }
    return _MiniInst_StoreAt(o, ix, value);
}

int _MiniInst_Materialize(MiniObject *o) {
    MiniInstValues **vp = _MiniInst_ValuesPtr(o);
    if (vp == NULL || *vp == NULL) return 0;
    MiniInstValues *v = *vp;
    MiniSharedKeys *k = _MiniInst_Keys(Mini_TYPE(o));
    MiniObject *d = MiniDict_New();
    if (d == NULL) return -1;
    for (int32_t i = 0; i < v->n; i++) {
        if (MiniDict_SetItem(d, k->names[i], v->v[i]) < 0) {
            Mini_DECREF(d);
            return -1;
        }
    }
    /* The dict owns the values now; the array's references go (none of them is the last). */
    *vp = NULL;
    *_MiniObject_DictPtr(o) = d;
    for (int32_t i = 0; i < v->n; i++) Mini_DECREF(v->v[i]);
    values_free(v);
    return 0;
}

void _MiniInst_Clear(MiniObject *o) {
    MiniInstValues **vp = _MiniInst_ValuesPtr(o);
    if (vp == NULL) return;
    /* Releasing a value can run code that sets an attribute of o again: repeat until empty. */
    MiniInstValues *v;
    while ((v = *vp) != NULL) {
        *vp = NULL;
        for (int32_t i = 0; i < v->n; i++) Mini_DECREF(v->v[i]);
        values_free(v);
    }
}

int _MiniInst_Traverse(MiniObject *o, Mini_visitproc visit, void *arg) {
    MiniInstValues *v = _MiniInst_Values(o);
    if (v == NULL) return 0;
    for (int32_t i = 0; i < v->n; i++) Mini_VISIT(v->v[i]);
    return 0;
}

void _MiniInst_FreeKeys(MiniTypeObject *t) {
    MiniSharedKeys *k = _MiniInst_Keys(t);
    if (k == NULL) return;
    ((MiniHeapTypeObject *)t)->ht_keys = NULL;
    for (Mini_ssize_t i = 0; i < k->nkeys; i++) Mini_DECREF(k->names[i]);
    free(k);
}
