/* Objects/dictviews.c: the views dict.keys(), dict.values() and dict.items() return.
 *
 * A view holds its dict and reflects it live: len(), iteration (the dict iterators of
 * dictobject.c, so `for k, v in d.items()` reuses one pair tuple when it can), `in` (a key
 * lookup for keys, a key lookup plus a value comparison for items, a scan for values) and
 * reversed(). Keys and items views are set-like as in CPython: == / < / <= against any set-like
 * object compare as sets, and | & - ^ build a set. repr is "dict_keys(['a', 'b'])". */
#include "mini.h"
#include "formatter_internal.h"
#include "lib_internal.h"

typedef struct {
    MiniObject_HEAD
    MiniObject *dict;    /* owned */
} DictViewObject;

/* The cycle collector's slot: the dict (a view stored in its own dict is a cycle). */
static int view_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((DictViewObject *)self)->dict);
    return 0;
}

#define VIEW(op) ((DictViewObject *)(op))

static int view_kind(MiniObject *v) {
    MiniTypeObject *t = Mini_TYPE(v);
    return t == &_MiniDictKeys_Type ? 0 : t == &_MiniDictValues_Type ? 1 : 2;
}

MiniObject *_MiniDictView_New(MiniObject *d, MiniTypeObject *type) {
    DictViewObject *v = MiniObject_NEW(DictViewObject, type);
    if (v == NULL) return NULL;
    v->dict = Mini_NewRef(d);
    return (MiniObject *)v;
}

static void view_dealloc(MiniObject *self) {
    Mini_CLEAR(VIEW(self)->dict);
    MiniObject_Free(self);
}

static Mini_ssize_t view_length(MiniObject *self) { return MiniDict_Size(VIEW(self)->dict); }

static MiniObject *view_iter(MiniObject *self) { return _MiniDictIter_New(VIEW(self)->dict, view_kind(self), 0); }

static MiniObject *view_reversed(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return _MiniDictIter_New(VIEW(self)->dict, view_kind(self), 1);
}

static MiniObject *view_repr(MiniObject *self) {
    int r = Mini_ReprEnter(self);
    if (r != 0) return r > 0 ? MiniUnicode_FromString("...") : NULL;
    MiniObject *list = _MiniSeq_List(self), *res = NULL;
    if (list != NULL) res = MiniUnicode_FromFormat("%s(%R)", MiniType_Name(Mini_TYPE(self)), list);
    Mini_XDECREF(list);
    Mini_ReprLeave(self);
    return res;
}

static int keys_contains(MiniObject *self, MiniObject *key) { return MiniDict_Contains(VIEW(self)->dict, key); }

static int items_contains(MiniObject *self, MiniObject *item) {
    if (!MiniTuple_Check(item) || MiniTuple_GET_SIZE(item) != 2) return 0;
    MiniObject *v = MiniDict_GetItemWithError(VIEW(self)->dict, MiniTuple_GET_ITEM(item, 0));
    if (v == NULL) return MiniErr_Occurred() ? -1 : 0;
    Mini_INCREF(v);
    int r = MiniObject_RichCompareBool(v, MiniTuple_GET_ITEM(item, 1), Mini_EQ);
    Mini_DECREF(v);
    return r;
}

static int values_contains(MiniObject *self, MiniObject *x) {
    MiniObject *it = view_iter(self), *v;
    if (it == NULL) return -1;
    int found = 0;
    while (found == 0 && (v = MiniIter_Next(it)) != NULL) {
        found = MiniObject_RichCompareBool(v, x, Mini_EQ);
        Mini_DECREF(v);
    }
    Mini_DECREF(it);
    return found == 0 && MiniErr_Occurred() ? -1 : found;
}

/* ----- set-like behaviour of keys and items views ---------------------------------------------- */

static int is_setlike(MiniObject *o) {
    return MiniAnySet_Check(o) || Mini_TYPE(o) == &_MiniDictKeys_Type || Mini_TYPE(o) == &_MiniDictItems_Type;
}

/* Every element of a is in b (both sized containers). 1 / 0 / -1. */
static int all_contained_in(MiniObject *a, MiniObject *b) {
    MiniObject *it = MiniObject_GetIter(a), *x;
    if (it == NULL) return -1;
    int ok = 1;
    while (ok == 1 && (x = MiniIter_Next(it)) != NULL) {
        ok = MiniSequence_Contains(b, x);
        Mini_DECREF(x);
    }
    Mini_DECREF(it);
    return ok == 1 && MiniErr_Occurred() ? -1 : ok;
}

static MiniObject *view_richcompare(MiniObject *a, MiniObject *b, int op) {
    if (!is_setlike(a) || !is_setlike(b)) Mini_RETURN_NOTIMPLEMENTED;
    Mini_ssize_t na = MiniObject_Length(a), nb = MiniObject_Length(b);
    if (na < 0 || nb < 0) return NULL;
    int r;
    switch (op) {
    case Mini_EQ: case Mini_NE: r = na == nb ? all_contained_in(a, b) : 0; break;
    case Mini_LT: r = na < nb ? all_contained_in(a, b) : 0; break;
    case Mini_LE: r = na <= nb ? all_contained_in(a, b) : 0; break;
    case Mini_GT: r = na > nb ? all_contained_in(b, a) : 0; break;
    default: r = na >= nb ? all_contained_in(b, a) : 0; break;
    }
    if (r < 0) return NULL;
    return MiniBool_FromLong(op == Mini_NE ? !r : r);
}

/* view OP other through a set built from the left operand, as CPython's views do. */
static MiniObject *setlike_op(MiniObject *a, MiniObject *b, const char *method) {
    MiniObject *left = MiniSet_New(a);
    if (left == NULL) return NULL;
    MiniObject *r = MiniObject_CallMethodObjArgs(left, method, b, NULL);
    if (r != NULL && r != Mini_None) { Mini_DECREF(left); return r; }
    Mini_XDECREF(r);
    if (r == NULL) { Mini_DECREF(left); return NULL; }
    return left;
}

static MiniObject *view_or(MiniObject *a, MiniObject *b) { return setlike_op(a, b, "update"); }
static MiniObject *view_and(MiniObject *a, MiniObject *b) { return setlike_op(a, b, "intersection_update"); }
static MiniObject *view_sub(MiniObject *a, MiniObject *b) { return setlike_op(a, b, "difference_update"); }
static MiniObject *view_xor(MiniObject *a, MiniObject *b) { return setlike_op(a, b, "symmetric_difference_update"); }
static MiniObject *view_ror(MiniObject *a, MiniObject *b) { return setlike_op(b, a, "update"); }
static MiniObject *view_rand(MiniObject *a, MiniObject *b) { return setlike_op(b, a, "intersection_update"); }
static MiniObject *view_rsub(MiniObject *a, MiniObject *b) { return setlike_op(b, a, "difference_update"); }
static MiniObject *view_rxor(MiniObject *a, MiniObject *b) { return setlike_op(b, a, "symmetric_difference_update"); }

/* The - operator slot (called with the operands in order, whichever of them is the view). */
static MiniObject *view_nb_sub(MiniObject *a, MiniObject *b) {
    MiniTypeObject *ta = Mini_TYPE(a), *tb = Mini_TYPE(b);
    int a_iterable = ta->tp_iter != NULL || (ta->tp_as_sequence != NULL && ta->tp_as_sequence->sq_item != NULL);
    int b_iterable = tb->tp_iter != NULL || (tb->tp_as_sequence != NULL && tb->tp_as_sequence->sq_item != NULL);
    if (!a_iterable || !b_iterable) Mini_RETURN_NOTIMPLEMENTED;
    return view_sub(a, b);
}

static MiniObject *view_isdisjoint(MiniObject *self, MiniObject *other) {
    MiniObject *it = MiniObject_GetIter(other), *x;
    if (it == NULL) return NULL;
    int found = 0;
    while (found == 0 && (x = MiniIter_Next(it)) != NULL) {
        found = MiniSequence_Contains(self, x);
        Mini_DECREF(x);
    }
    Mini_DECREF(it);
    if (found < 0 || MiniErr_Occurred()) return NULL;
    return MiniBool_FromLong(!found);
}

static MiniObject *view_get_mapping(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(VIEW(self)->dict);
}

static MiniGetSetDef view_getset[] = {
    { "mapping", view_get_mapping, NULL, "dictionary that this view refers to", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static MiniMethodDef setlike_methods[] = {
    { "isdisjoint", view_isdisjoint, MINI_METH_O, "Return True if the view and the given iterable have a null intersection." },
    { "__reversed__", view_reversed, MINI_METH_NOARGS, "Return a reverse iterator over the dict keys." },
    { "__or__", view_or, MINI_METH_O, NULL }, { "__ror__", view_ror, MINI_METH_O, NULL },
    { "__and__", view_and, MINI_METH_O, NULL }, { "__rand__", view_rand, MINI_METH_O, NULL },
    { "__sub__", view_sub, MINI_METH_O, NULL }, { "__rsub__", view_rsub, MINI_METH_O, NULL },
    { "__xor__", view_xor, MINI_METH_O, NULL }, { "__rxor__", view_rxor, MINI_METH_O, NULL },
    { NULL, NULL, 0, NULL },
};

static MiniMethodDef values_methods[] = {
    { "__reversed__", view_reversed, MINI_METH_NOARGS, "Return a reverse iterator over the dict values." },
    { NULL, NULL, 0, NULL },
};

static MiniSequenceMethods keys_as_sequence = { .sq_length = view_length, .sq_contains = keys_contains };
static MiniSequenceMethods items_as_sequence = { .sq_length = view_length, .sq_contains = items_contains };
static MiniSequenceMethods values_as_sequence = { .sq_length = view_length, .sq_contains = values_contains };
static MiniNumberMethods setlike_as_number = { .nb_subtract = view_nb_sub };

MiniTypeObject _MiniDictKeys_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "dict_keys",
    .tp_basicsize = sizeof(DictViewObject),
    .tp_dealloc = view_dealloc,
    .tp_repr = view_repr,
    .tp_richcompare = view_richcompare,
    .tp_iter = view_iter,
    .tp_as_number = &setlike_as_number,
    .tp_as_sequence = &keys_as_sequence,
    .tp_methods = setlike_methods,
    .tp_getset = view_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = view_traverse,
};

MiniTypeObject _MiniDictItems_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "dict_items",
    .tp_basicsize = sizeof(DictViewObject),
    .tp_dealloc = view_dealloc,
    .tp_repr = view_repr,
    .tp_richcompare = view_richcompare,
    .tp_iter = view_iter,
    .tp_as_number = &setlike_as_number,
    .tp_as_sequence = &items_as_sequence,
    .tp_methods = setlike_methods,
    .tp_getset = view_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = view_traverse,
};

static Mini_hash_t values_unhashable(MiniObject *self) {
    MiniErr_Format(MiniExc_TypeError, "unhashable type: '%.200s'", MiniType_Name(Mini_TYPE(self)));
    return -1;
}

static MiniObject *values_richcompare(MiniObject *a, MiniObject *b, int op) {
    /* values views compare by identity only, as in CPython. */
    if (op != Mini_EQ && op != Mini_NE) Mini_RETURN_NOTIMPLEMENTED;
    return MiniBool_FromLong((a == b) == (op == Mini_EQ));
}

MiniTypeObject _MiniDictValues_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "dict_values",
    .tp_basicsize = sizeof(DictViewObject),
    .tp_dealloc = view_dealloc,
    .tp_repr = view_repr,
    .tp_hash = values_unhashable,
    .tp_richcompare = values_richcompare,
    .tp_iter = view_iter,
    .tp_as_sequence = &values_as_sequence,
    .tp_methods = values_methods,
    .tp_getset = view_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = view_traverse,
};
