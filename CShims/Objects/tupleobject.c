/* Objects/tupleobject.c: tuple objects: immutable fixed-size arrays of owned references, stored inline.
 * The empty tuple is a single immortal static object. A fresh tuple may be filled with
 * MiniTuple_SetItem only while its creator holds the sole reference. Hashing combines the item
 * hashes as CPython does (xxHash-style), so tuples of equal items hash equal. */
#include "mini.h"
#include "formatter_internal.h"
#include "lib_internal.h"
#include "objimpl_internal.h"

#include <stdarg.h>
#include <string.h>

#define TUP(op) ((MiniTupleObject *)(op))

static MiniTupleObject empty_tuple = {
    .ob_base = MiniVarObject_HEAD_INIT(&MiniTuple_Type, 0)
    .ob_item = { NULL },
};

static int require_tuple(MiniObject *o) {
    if (MiniTuple_Check(o)) return 0;
    MiniErr_Format(MiniExc_TypeError, "expected tuple, got %.200s", Mini_TYPE(o)->tp_name);
    return -1;
}

MiniObject *MiniTuple_New(Mini_ssize_t len) {
    MINI_CHECK_GIL("MiniTuple_New");
    if (len < 0) { _MiniErr_BadInternalCall("MiniTuple_New"); return NULL; }
    if (len == 0) return Mini_NewRef((MiniObject *)&empty_tuple);
    return MiniObject_NewVar(&MiniTuple_Type, len);
}

Mini_ssize_t MiniTuple_Size(MiniObject *t) {
    MINI_GUARD(t, "MiniTuple_Size", -1);
    if (require_tuple(t) < 0) return -1;
    return Mini_SIZE(t);
}

MiniObject *MiniTuple_GetItem(MiniObject *t, Mini_ssize_t i) {
    MINI_GUARD(t, "MiniTuple_GetItem", NULL);
    if (require_tuple(t) < 0) return NULL;
    if (i < 0 || i >= Mini_SIZE(t)) return MiniErr_Format(MiniExc_IndexError, "tuple index out of range");
    return TUP(t)->ob_item[i];
}

int MiniTuple_SetItem(MiniObject *t, Mini_ssize_t i, MiniObject *item) {
    MINI_CHECK_GIL_OBJECT(t, "MiniTuple_SetItem");
    if (t == NULL || !MiniTuple_Check(t) || Mini_REFCNT(t) != 1) {
        Mini_XDECREF(item);
        _MiniErr_BadInternalCall("MiniTuple_SetItem");
        return -1;
    }
    if (i < 0 || i >= Mini_SIZE(t)) {
        Mini_XDECREF(item);
        MiniErr_SetString(MiniExc_IndexError, "tuple assignment index out of range");
        return -1;
    }
    Mini_SETREF(TUP(t)->ob_item[i], item);
    return 0;
}

MiniObject *MiniTuple_Pack(Mini_ssize_t n, ...) {
    MINI_CHECK_GIL("MiniTuple_Pack");
    MiniObject *t = MiniTuple_New(n);
    if (t == NULL) return NULL;
    va_list ap;
    va_start(ap, n);
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *o = va_arg(ap, MiniObject *);
        if (o == NULL) {
            va_end(ap);
            Mini_DECREF(t);
            _MiniErr_BadInternalCall("MiniTuple_Pack");
            return NULL;
        }
        TUP(t)->ob_item[i] = Mini_NewRef(o);
    }
    va_end(ap);
    return t;
}

MiniObject *MiniTuple_GetSlice(MiniObject *t, Mini_ssize_t lo, Mini_ssize_t hi) {
    MINI_GUARD(t, "MiniTuple_GetSlice", NULL);
    if (require_tuple(t) < 0) return NULL;
    Mini_ssize_t n = Mini_SIZE(t);
    if (lo < 0) lo = 0; else if (lo > n) lo = n;
    if (hi < lo) hi = lo; else if (hi > n) hi = n;
    if (lo == 0 && hi == n && MiniTuple_CheckExact(t)) return Mini_NewRef(t);
    MiniObject *res = MiniTuple_New(hi - lo);
    if (res == NULL) return NULL;
    for (Mini_ssize_t i = lo; i < hi; i++) TUP(res)->ob_item[i - lo] = Mini_NewRef(TUP(t)->ob_item[i]);
    return res;
}

/* ----- the type's slots ---------------------------------------------------------------------------- */

static void tuple_dealloc(MiniObject *self) {
    if (self == (MiniObject *)&empty_tuple)
        Mini_FatalError("_Mini_Dealloc", "deallocating the empty tuple (too many DECREFs)");
    for (Mini_ssize_t i = Mini_SIZE(self) - 1; i >= 0; i--) Mini_XDECREF(TUP(self)->ob_item[i]);
    MiniObject_Free(self);
}

/* The cycle collector's slots: every item (tuples are immutable: no tp_clear, as in CPython;
 * the other containers of a cycle break it). The static empty tuple has no GC header. */
static int tuple_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    for (Mini_ssize_t i = Mini_SIZE(self) - 1; i >= 0; i--) Mini_VISIT(TUP(self)->ob_item[i]);
    return 0;
}

static int tuple_is_gc(MiniObject *self) { return self != (MiniObject *)&empty_tuple; }

static MiniObject *tuple_repr(MiniObject *self) {
    Mini_ssize_t n = Mini_SIZE(self);
    if (n == 0) return MiniUnicode_FromString("()");
    int r = Mini_ReprEnter(self);
    if (r != 0) return r > 0 ? MiniUnicode_FromString("(...)") : NULL;
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    _MiniStrBuf_AppendChar(&b, '(');
    for (Mini_ssize_t i = 0; i < n; i++) {
        if (i > 0) _MiniStrBuf_AppendC(&b, ", ");
        if (TUP(self)->ob_item[i] == NULL) _MiniStrBuf_AppendC(&b, "<NULL>");
        else if (_MiniStrBuf_AppendRepr(&b, TUP(self)->ob_item[i]) < 0) break;
    }
    if (n == 1) _MiniStrBuf_AppendChar(&b, ',');
    _MiniStrBuf_AppendChar(&b, ')');
    Mini_ReprLeave(self);
    return _MiniStrBuf_Finish(&b);
}

#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

static Mini_hash_t tuple_hash(MiniObject *self) {
    Mini_ssize_t n = Mini_SIZE(self);
    uint64_t acc = XXPRIME_5;
    for (Mini_ssize_t i = 0; i < n; i++) {
        Mini_hash_t lane = MiniObject_Hash(TUP(self)->ob_item[i]);
        if (lane == -1) return -1;
        acc += (uint64_t)lane * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    acc += (uint64_t)n ^ (XXPRIME_5 ^ 3527539ULL);
    if (acc == (uint64_t)-1) return 1546275796;
    return (Mini_hash_t)acc;
}

static MiniObject *tuple_richcompare(MiniObject *v, MiniObject *w, int op) {
    if (!MiniTuple_Check(v) || !MiniTuple_Check(w)) Mini_RETURN_NOTIMPLEMENTED;
    Mini_ssize_t na = Mini_SIZE(v), nb = Mini_SIZE(w), i;
    if ((op == Mini_EQ || op == Mini_NE) && na != nb) return MiniBool_FromLong(op == Mini_NE);
    for (i = 0; i < na && i < nb; i++) {
        int eq = MiniObject_RichCompareBool(TUP(v)->ob_item[i], TUP(w)->ob_item[i], Mini_EQ);
        if (eq < 0) return NULL;
        if (!eq) {
            if (op == Mini_EQ || op == Mini_NE) return MiniBool_FromLong(op == Mini_NE);
            return MiniObject_RichCompare(TUP(v)->ob_item[i], TUP(w)->ob_item[i], op);
        }
    }
    int r;
    switch (op) {
    case Mini_LT: r = na < nb; break;
    case Mini_LE: r = na <= nb; break;
    case Mini_EQ: r = na == nb; break;
    case Mini_NE: r = na != nb; break;
    case Mini_GT: r = na > nb; break;
    default: r = na >= nb; break;
    }
    return MiniBool_FromLong(r);
}

static Mini_ssize_t tuple_length(MiniObject *self) { return Mini_SIZE(self); }

static MiniObject *tuple_item(MiniObject *self, Mini_ssize_t i) {
    if (i < 0 || i >= Mini_SIZE(self)) return MiniErr_Format(MiniExc_IndexError, "tuple index out of range");
    return Mini_NewRef(TUP(self)->ob_item[i]);
}

static MiniObject *tuple_subscript(MiniObject *self, MiniObject *key) {
    if (MiniSlice_Check(key)) {
        Mini_ssize_t start, step, count;
        if (_MiniSlice_Indices(key, Mini_SIZE(self), &start, &step, &count) < 0) return NULL;
        if (step == 1) return MiniTuple_GetSlice(self, start, start + count);
        MiniObject *t = MiniTuple_New(count);
        if (t == NULL) return NULL;
        for (Mini_ssize_t i = 0, j = start; i < count; i++, j += step)
            TUP(t)->ob_item[i] = Mini_NewRef(TUP(self)->ob_item[j]);
        return t;
    }
    Mini_ssize_t i;
    if (_Mini_SubscriptIndex(key, "tuple", &i) < 0) return NULL;
    if (i < 0) i += Mini_SIZE(self);
    return tuple_item(self, i);
}

static int tuple_contains(MiniObject *self, MiniObject *item) {
    for (Mini_ssize_t i = 0; i < Mini_SIZE(self); i++) {
        int r = MiniObject_RichCompareBool(TUP(self)->ob_item[i], item, Mini_EQ);
        if (r != 0) return r;
    }
    return 0;
}

static MiniObject *tuple_concat(MiniObject *a, MiniObject *b) {
    if (!MiniTuple_Check(a) || !MiniTuple_Check(b)) Mini_RETURN_NOTIMPLEMENTED;
    Mini_ssize_t na = Mini_SIZE(a), nb = Mini_SIZE(b);
    MiniObject *t = MiniTuple_New(na + nb);
    if (t == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < na; i++) TUP(t)->ob_item[i] = Mini_NewRef(TUP(a)->ob_item[i]);
    for (Mini_ssize_t i = 0; i < nb; i++) TUP(t)->ob_item[na + i] = Mini_NewRef(TUP(b)->ob_item[i]);
    return t;
}

static MiniObject *tuple_repeat(MiniObject *a, MiniObject *b) {
    MiniObject *s = MiniTuple_Check(a) ? a : b, *count = s == a ? b : a;
    if (!MiniTuple_Check(s) || !MiniLong_Check(count)) Mini_RETURN_NOTIMPLEMENTED;
    Mini_ssize_t k = MiniNumber_AsSsize_t(count, MiniExc_OverflowError);
    if (k == -1 && MiniErr_Occurred()) return NULL;
    if (k < 0) k = 0;
    Mini_ssize_t n = Mini_SIZE(s), total;
    if (__builtin_mul_overflow(n, k, &total)) return MiniErr_NoMemory();
    MiniObject *t = MiniTuple_New(total);
    if (t == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < total; i++) TUP(t)->ob_item[i] = Mini_NewRef(TUP(s)->ob_item[i % n]);
    return t;
}

/* tuple(iterable=()); for a subclass, an instance of it holding the same items. */
static MiniObject *tuple_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "tuple() takes no keyword arguments");
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 1) return MiniErr_Format(MiniExc_TypeError, "tuple expected at most 1 argument, got %zd", n);
    MiniObject *res;
    if (n == 0) res = MiniTuple_New(0);
    else if (MiniTuple_CheckExact(MiniTuple_GET_ITEM(args, 0))) res = Mini_NewRef(MiniTuple_GET_ITEM(args, 0));
    else {
        MiniObject *l = MiniList_New(0);
        if (l == NULL) return NULL;
        res = MiniList_Extend(l, MiniTuple_GET_ITEM(args, 0)) < 0 ? NULL : MiniList_AsTuple(l);
        Mini_DECREF(l);
    }
    if (res == NULL || type == &MiniTuple_Type) return res;
    Mini_ssize_t size = Mini_SIZE(res);
    MiniObject *sub = MiniObject_NewVar(type, size);
    if (sub != NULL)
        for (Mini_ssize_t i = 0; i < size; i++) TUP(sub)->ob_item[i] = Mini_NewRef(TUP(res)->ob_item[i]);
    Mini_DECREF(res);
    return sub;
}

/* ----- methods ------------------------------------------------------------------------------------ */

static MiniObject *tuple_count(MiniObject *self, MiniObject *x) {
    Mini_ssize_t count = 0;
    for (Mini_ssize_t i = 0; i < Mini_SIZE(self); i++) {
        int eq = MiniObject_RichCompareBool(TUP(self)->ob_item[i], x, Mini_EQ);
        if (eq < 0) return NULL;
        count += eq;
    }
    return MiniLong_FromSsize_t(count);
}

/* An optional index bound of index(): an int (or __index__), negative counting from the end. */
static int bound_arg(MiniObject *o, Mini_ssize_t size, Mini_ssize_t *out) {
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    if (!MiniLong_Check(o) && (nb == NULL || nb->nb_index == NULL)) {
        MiniErr_SetString(MiniExc_TypeError, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    Mini_ssize_t v = MiniNumber_AsSsize_t(o, NULL);
    if (v == -1 && MiniErr_Occurred()) return -1;
    if (v < 0) { v += size; if (v < 0) v = 0; }
    *out = v;
    return 0;
}

static MiniObject *tuple_index(MiniObject *self, MiniObject *args) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args), size = Mini_SIZE(self), start = 0, stop = MINI_SSIZE_T_MAX;
    if (n < 1) return MiniErr_Format(MiniExc_TypeError, "index expected at least 1 argument, got 0");
    if (n > 3) return MiniErr_Format(MiniExc_TypeError, "index expected at most 3 arguments, got %zd", n);
    if (n > 1 && bound_arg(MiniTuple_GET_ITEM(args, 1), size, &start) < 0) return NULL;
    if (n > 2 && bound_arg(MiniTuple_GET_ITEM(args, 2), size, &stop) < 0) return NULL;
    MiniObject *x = MiniTuple_GET_ITEM(args, 0);
    for (Mini_ssize_t i = start; i < stop && i < size; i++) {
        int eq = MiniObject_RichCompareBool(TUP(self)->ob_item[i], x, Mini_EQ);
        if (eq < 0) return NULL;
        if (eq) return MiniLong_FromSsize_t(i);
    }
    return MiniErr_Format(MiniExc_ValueError, "tuple.index(x): x not in tuple");
}

static MiniMethodDef tuple_methods[] = {
    { "count", tuple_count, MINI_METH_O, "Return number of occurrences of value." },
    { "index", tuple_index, MINI_METH_VARARGS, "Return first index of value." },
    { NULL, NULL, 0, NULL },
};

static MiniSequenceMethods tuple_as_sequence = {
    .sq_length = tuple_length,
    .sq_item = tuple_item,
    .sq_contains = tuple_contains,
};

static MiniMappingMethods tuple_as_mapping = {
    .mp_length = tuple_length,
    .mp_subscript = tuple_subscript,
};

static MiniNumberMethods tuple_as_number = {
    .nb_add = tuple_concat,
    .nb_multiply = tuple_repeat,
};

MiniTypeObject MiniTuple_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "tuple",
    .tp_basicsize = offsetof(MiniTupleObject, ob_item),
    .tp_itemsize = sizeof(MiniObject *),
    .tp_dealloc = tuple_dealloc,
    .tp_repr = tuple_repr,
    .tp_hash = tuple_hash,
    .tp_richcompare = tuple_richcompare,
    .tp_iter = _MiniSeqIter_New,
    .tp_as_number = &tuple_as_number,
    .tp_as_sequence = &tuple_as_sequence,
    .tp_as_mapping = &tuple_as_mapping,
    .tp_methods = tuple_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_TUPLE_SUBCLASS | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = tuple_traverse,
    .tp_is_gc = tuple_is_gc,
    .tp_doc = "tuple(iterable=()) -> an immutable sequence",
    .tp_new = tuple_new,
};
