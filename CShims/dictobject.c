/* dictobject.c: dict objects: insertion-ordered hash tables.
 *
 * Layout (as CPython's compact dict): an entries array holding (hash, key, value) in insertion
 * order, and a power-of-two index table of int64 slots (-1 empty, -2 deleted) probed with the
 * "perturb" recurrence, so every bit of the hash takes part. Deleting leaves a hole in the
 * entries and a "deleted" mark in the index; a resize compacts both. At most 2/3 of the index
 * slots are ever non-empty, so probing always finds an empty slot.
 *
 * Keys are compared with their type's __eq__, which may run arbitrary code; a lookup that sees
 * the dict change under it (the version counter moved) starts over, as CPython does. */
#include "mini.h"
#include "formatter_internal.h"
#include "objimpl_internal.h"
#include "unicodeobject_internal.h"

#include <stdlib.h>
#include <string.h>

#define IX_EMPTY (-1)
#define IX_DUMMY (-2)
#define MIN_SIZE 8

typedef struct {
    Mini_hash_t hash;
    MiniObject *key;     /* owned; NULL for a deleted entry */
    MiniObject *value;   /* owned */
} DictEntry;

typedef struct MiniDictObject {
    MiniObject_HEAD
    Mini_ssize_t used;       /* live entries */
    Mini_ssize_t nentries;   /* entries[0..nentries) in use, holes included */
    Mini_ssize_t capacity;   /* length of entries: size * 2 / 3 */
    Mini_ssize_t size;       /* index slots (power of two), 0 before the first insertion */
    int64_t *indices;
    DictEntry *entries;
    uint64_t version;        /* changes on every mutation */
} MiniDictObject;

#define DICT(op) ((MiniDictObject *)(op))

/* ----- the table -------------------------------------------------------------------------------------- */

/* Result of a lookup: the entry index (or -1) and the index-table slot holding it. */
typedef struct { Mini_ssize_t ix; Mini_ssize_t slot; } Found;

/* Finds key. 0 with *out filled (ix -1 when absent), or -1 with an exception from __eq__. */
static int lookup(MiniDictObject *d, MiniObject *key, Mini_hash_t hash, Found *out) {
restart:
    out->ix = -1;
    out->slot = -1;
    if (d->size == 0) return 0;
    size_t mask = (size_t)d->size - 1, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    int key_is_str = MiniUnicode_CheckExact(key);
    for (;;) {
        int64_t ix = d->indices[i];
        if (ix == IX_EMPTY) return 0;
        if (ix >= 0) {
            DictEntry *e = &d->entries[ix];
            if (e->key == key) { out->ix = (Mini_ssize_t)ix; out->slot = (Mini_ssize_t)i; return 0; }
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
                    if (d->version != version) goto restart;
                }
                if (eq) { out->ix = (Mini_ssize_t)ix; out->slot = (Mini_ssize_t)i; return 0; }
            }
        }
        perturb >>= 5;
        i = (i * 5 + (size_t)perturb + 1) & mask;
    }
}

/* The first empty or deleted index slot on hash's probe sequence. */
static size_t find_free_slot(MiniDictObject *d, Mini_hash_t hash) {
    size_t mask = (size_t)d->size - 1, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    while (d->indices[i] >= 0) {
        perturb >>= 5;
        i = (i * 5 + (size_t)perturb + 1) & mask;
    }
    return i;
}

/* Rebuilds the table with room for more than minused entries, compacting the holes away. */
static int dict_resize(MiniDictObject *d, Mini_ssize_t minused) {
    Mini_ssize_t size = MIN_SIZE;
    while (size * 2 / 3 <= minused) {
        if (size > MINI_SSIZE_T_MAX / 4) { MiniErr_NoMemory(); return -1; }
        size *= 2;
    }
    Mini_ssize_t capacity = size * 2 / 3;
    int64_t *indices = malloc((size_t)size * sizeof(int64_t));
    DictEntry *entries = malloc((size_t)capacity * sizeof(DictEntry));
    if (indices == NULL || entries == NULL) {
        free(indices);
        free(entries);
        MiniErr_NoMemory();
        return -1;
    }
    for (Mini_ssize_t i = 0; i < size; i++) indices[i] = IX_EMPTY;
    Mini_ssize_t n = 0;
    for (Mini_ssize_t i = 0; i < d->nentries; i++)
        if (d->entries[i].key != NULL) entries[n++] = d->entries[i];
    free(d->indices);
    free(d->entries);
    d->indices = indices;
    d->entries = entries;
    d->size = size;
    d->capacity = capacity;
    d->nentries = n;
    d->version++;
    for (Mini_ssize_t i = 0; i < n; i++) d->indices[find_free_slot(d, entries[i].hash)] = i;
    return 0;
}

/* Inserts or replaces; takes new references to key and value. */
static int insert(MiniDictObject *d, MiniObject *key, Mini_hash_t hash, MiniObject *value) {
    Found f;
    if (lookup(d, key, hash, &f) < 0) return -1;
    if (f.ix >= 0) {
        MiniObject *old = d->entries[f.ix].value;
        d->entries[f.ix].value = Mini_NewRef(value);
        d->version++;
        Mini_DECREF(old);
        return 0;
    }
    if (d->nentries >= d->capacity && dict_resize(d, d->used * 3 > MIN_SIZE ? d->used * 3 : d->used + 1) < 0)
        return -1;
    size_t slot = find_free_slot(d, hash);
    DictEntry *e = &d->entries[d->nentries];
    e->hash = hash;
    e->key = Mini_NewRef(key);
    e->value = Mini_NewRef(value);
    d->indices[slot] = d->nentries++;
    d->used++;
    d->version++;
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

static int del_item(MiniDictObject *d, MiniObject *key) {
    Mini_hash_t h = hash_key(key);
    if (h == -1) return -1;
    Found f;
    if (lookup(d, key, h, &f) < 0) return -1;
    if (f.ix < 0) { set_key_error(key); return -1; }
    DictEntry *e = &d->entries[f.ix];
    MiniObject *k = e->key, *v = e->value;
    e->key = e->value = NULL;
    d->indices[f.slot] = IX_DUMMY;
    d->used--;
    d->version++;
    Mini_DECREF(k);
    Mini_DECREF(v);
    return 0;
}

static void dict_clear(MiniDictObject *d) {
    DictEntry *entries = d->entries;
    Mini_ssize_t n = d->nentries;
    free(d->indices);
    d->indices = NULL;
    d->entries = NULL;
    d->used = d->nentries = d->capacity = d->size = 0;
    d->version++;
    for (Mini_ssize_t i = 0; i < n; i++) {
        if (entries[i].key != NULL) {
            Mini_DECREF(entries[i].key);
            Mini_DECREF(entries[i].value);
        }
    }
    free(entries);
}

/* ----- the C API ---------------------------------------------------------------------------------- */

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
    return insert(DICT(d), key, h, value);
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

MiniObject *MiniDict_GetItemWithError(MiniObject *d, MiniObject *key) {
    MINI_GUARD2(d, key, "MiniDict_GetItemWithError", NULL);
    if (bad_dict(d, "MiniDict_GetItemWithError") < 0) return NULL;
    Mini_hash_t h = hash_key(key);
    if (h == -1) return NULL;
    Found f;
    if (lookup(DICT(d), key, h, &f) < 0 || f.ix < 0) return NULL;
    return DICT(d)->entries[f.ix].value;
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
    return del_item(DICT(d), key);
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

int MiniDict_Contains(MiniObject *d, MiniObject *key) {
    MINI_GUARD2(d, key, "MiniDict_Contains", -1);
    if (bad_dict(d, "MiniDict_Contains") < 0) return -1;
    Mini_hash_t h = hash_key(key);
    if (h == -1) return -1;
    Found f;
    if (lookup(DICT(d), key, h, &f) < 0) return -1;
    return f.ix >= 0;
}

Mini_ssize_t MiniDict_Size(MiniObject *d) {
    MINI_GUARD(d, "MiniDict_Size", -1);
    if (bad_dict(d, "MiniDict_Size") < 0) return -1;
    return DICT(d)->used;
}

void MiniDict_Clear(MiniObject *d) {
    MINI_CHECK_GIL_OBJECT(d, "MiniDict_Clear");
    if (d == NULL || !MiniDict_Check(d)) return;
    dict_clear(DICT(d));
}

int MiniDict_Next(MiniObject *d, Mini_ssize_t *pos, MiniObject **key, MiniObject **value) {
    MINI_CHECK_GIL_OBJECT(d, "MiniDict_Next");
    if (d == NULL || !MiniDict_Check(d) || pos == NULL) return 0;
    MiniDictObject *dd = DICT(d);
    Mini_ssize_t i = *pos;
    if (i < 0) return 0;
    while (i < dd->nentries && dd->entries[i].key == NULL) i++;
    if (i >= dd->nentries) { *pos = i; return 0; }
    *pos = i + 1;
    if (key != NULL) *key = dd->entries[i].key;
    if (value != NULL) *value = dd->entries[i].value;
    return 1;
}

/* A list built from the live entries: what 0 keys, 1 values, 2 (key, value) pairs. */
static MiniObject *dict_list(MiniObject *d, int what, const char *func) {
    MINI_GUARD(d, func, NULL);
    if (bad_dict(d, func) < 0) return NULL;
    MiniDictObject *dd = DICT(d);
    MiniObject *list = MiniList_New(dd->used);
    if (list == NULL) return NULL;
    Mini_ssize_t n = 0;
    for (Mini_ssize_t i = 0; i < dd->nentries && n < Mini_SIZE(list); i++) {
        DictEntry *e = &dd->entries[i];
        if (e->key == NULL) continue;
        MiniObject *item;
        if (what == 0) item = Mini_NewRef(e->key);
        else if (what == 1) item = Mini_NewRef(e->value);
        else if ((item = MiniTuple_Pack(2, e->key, e->value)) == NULL) { Mini_DECREF(list); return NULL; }
        ((MiniListObject *)list)->ob_item[n++] = item;
    }
    return list;
}

MiniObject *MiniDict_Keys(MiniObject *d) { return dict_list(d, 0, "MiniDict_Keys"); }
MiniObject *MiniDict_Values(MiniObject *d) { return dict_list(d, 1, "MiniDict_Values"); }
MiniObject *MiniDict_Items(MiniObject *d) { return dict_list(d, 2, "MiniDict_Items"); }

int MiniDict_Update(MiniObject *d, MiniObject *other) {
    MINI_GUARD2(d, other, "MiniDict_Update", -1);
    if (bad_dict(d, "MiniDict_Update") < 0) return -1;
    if (!MiniDict_Check(other)) {
        MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not a mapping", Mini_TYPE(other)->tp_name);
        return -1;
    }
    if (d == other) return 0;
    MiniDictObject *o = DICT(other);
    /* other may change under a key's __eq__: re-check the bound on every step. */
    for (Mini_ssize_t i = 0; i < o->nentries; i++) {
        DictEntry *e = &o->entries[i];
        if (e->key == NULL) continue;
        MiniObject *k = Mini_NewRef(e->key), *v = Mini_NewRef(e->value);
        int r = insert(DICT(d), k, e->hash, v);
        Mini_DECREF(k);
        Mini_DECREF(v);
        if (r < 0) return -1;
    }
    return 0;
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

static MiniObject *dict_repr(MiniObject *self) {
    MiniDictObject *d = DICT(self);
    if (d->used == 0) return MiniUnicode_FromString("{}");
    int r = Mini_ReprEnter(self);
    if (r != 0) return r > 0 ? MiniUnicode_FromString("{...}") : NULL;
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    _MiniStrBuf_AppendChar(&b, '{');
    int first = 1;
    for (Mini_ssize_t i = 0; i < d->nentries; i++) {
        if (d->entries[i].key == NULL) continue;
        MiniObject *k = Mini_NewRef(d->entries[i].key), *v = Mini_NewRef(d->entries[i].value);
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
    for (Mini_ssize_t i = 0; i < a->nentries; i++) {
        DictEntry *e = &a->entries[i];
        if (e->key == NULL) continue;
        MiniObject *k = Mini_NewRef(e->key), *v = Mini_NewRef(e->value);
        Found f;
        int r = lookup(b, k, e->hash, &f);
        if (r == 0) {
            if (f.ix < 0) r = 0;
            else {
                MiniObject *bv = Mini_NewRef(b->entries[f.ix].value);
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

static MiniObject *dict_richcompare(MiniObject *a, MiniObject *b, int op) {
    if (!MiniDict_Check(a) || !MiniDict_Check(b) || (op != Mini_EQ && op != Mini_NE)) Mini_RETURN_NOTIMPLEMENTED;
    int eq = dict_equal(DICT(a), DICT(b));
    if (eq < 0) return NULL;
    return MiniBool_FromLong(op == Mini_EQ ? eq : !eq);
}

static Mini_ssize_t dict_length(MiniObject *self) { return DICT(self)->used; }

static MiniObject *dict_subscript(MiniObject *self, MiniObject *key) {
    MiniObject *v = MiniDict_GetItemWithError(self, key);
    if (v != NULL) return Mini_NewRef(v);
    if (!MiniErr_Occurred()) set_key_error(key);
    return NULL;
}

static int dict_ass_subscript(MiniObject *self, MiniObject *key, MiniObject *value) {
    if (value == NULL) return del_item(DICT(self), key);
    return MiniDict_SetItem(self, key, value);
}

static int dict_contains(MiniObject *self, MiniObject *key) { return MiniDict_Contains(self, key); }

/* dict(), dict(mapping), dict(iterable of pairs), plus keyword items. */
static int dict_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 1) {
        MiniErr_Format(MiniExc_TypeError, "dict expected at most 1 argument, got %zd", n);
        return -1;
    }
    if (n == 1) {
        MiniObject *src = MiniTuple_GET_ITEM(args, 0);
        if (MiniDict_Check(src)) {
            if (MiniDict_Update(self, src) < 0) return -1;
        } else {
            MiniObject *it = MiniObject_GetIter(src), *item;
            if (it == NULL) return -1;
            Mini_ssize_t idx = 0;
            while ((item = MiniIter_Next(it)) != NULL) {
                MiniObject *pair = NULL;
                int r = -1;
                if (MiniTuple_Check(item) || MiniList_Check(item)) pair = Mini_NewRef(item);
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
            if (MiniErr_Occurred()) return -1;
        }
    }
    if (kwargs != NULL && MiniDict_Update(self, kwargs) < 0) return -1;
    return 0;
}

/* ----- iteration over keys ------------------------------------------------------------------------ */

typedef struct {
    MiniObject_HEAD
    MiniObject *dict;        /* owned; NULL once exhausted */
    Mini_ssize_t pos;
    Mini_ssize_t used;       /* size at creation: a change is an error */
} MiniDictIterObject;


static MiniObject *dict_iter(MiniObject *self) {
    MiniDictIterObject *it = MiniObject_NEW(MiniDictIterObject, &_MiniDictIter_Type);
    if (it == NULL) return NULL;
    it->dict = Mini_NewRef(self);
    it->pos = 0;
    it->used = DICT(self)->used;
    return (MiniObject *)it;
}

static void dictiter_dealloc(MiniObject *self) {
    Mini_CLEAR(((MiniDictIterObject *)self)->dict);
    MiniObject_Free(self);
}

static MiniObject *dictiter_next(MiniObject *self) {
    MiniDictIterObject *it = (MiniDictIterObject *)self;
    if (it->dict == NULL) return NULL;
    if (DICT(it->dict)->used != it->used) {
        it->used = -1;   /* stays broken */
        return MiniErr_Format(MiniExc_RuntimeError, "dictionary changed size during iteration");
    }
    MiniObject *key;
    if (!MiniDict_Next(it->dict, &it->pos, &key, NULL)) {
        Mini_CLEAR(it->dict);
        return NULL;
    }
    return Mini_NewRef(key);
}

static MiniObject *dictiter_iter(MiniObject *self) { return Mini_NewRef(self); }

MiniTypeObject _MiniDictIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "dict_keyiterator",
    .tp_basicsize = sizeof(MiniDictIterObject),
    .tp_dealloc = dictiter_dealloc,
    .tp_iter = dictiter_iter,
    .tp_iternext = dictiter_next,
};

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
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_DICT_SUBCLASS,
    .tp_doc = "dict() -> new empty dictionary",
    .tp_new = MiniType_GenericNew,
    .tp_init = dict_init,
};
