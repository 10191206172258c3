/* Objects/mapfilter.c: the builtin iterator types map and filter. They live with the VM, not in
 * CShims, because they call their function through the interpreter's fast convention
 * (MiniVM_Call), so map(f, xs) over a Python function builds no argument tuples. Constructors
 * check their arguments as CPython's do (same messages); iteration pulls lazily. The VM readies
 * both types at start-up (MiniVM_Init). Everything here requires the GIL. */
#include "mini.h"
#include "lib_internal.h"
#include "mini_vm.h"

#include <stdlib.h>

/* The next item of an underlying iterator under the C recursion guard: a map of a map of ...
 * 200,000 levels deep raises RecursionError instead of overflowing the C stack. */
static MiniObject *inner_next(MiniObject *it) {
    if (Mini_EnterRecursiveCall("")) return NULL;
    MiniObject *item = Mini_TYPE(it)->tp_iternext(it);
    Mini_LeaveRecursiveCall();
    return item;
}

static MiniObject *self_iter(MiniObject *self) { return Mini_NewRef(self); }

/* ----- map ------------------------------------------------------------------------------------------ */

typedef struct {
    MiniObject_HEAD
    MiniObject *func;        /* owned */
    Mini_ssize_t n;
    MiniObject **its;        /* n owned iterators */
} MapObject;

/* The cycle collector's slots of map and filter: the function and the iterators. */
static int map_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    MapObject *m = (MapObject *)self;
    Mini_VISIT(m->func);
    for (Mini_ssize_t i = 0; m->its != NULL && i < m->n; i++) Mini_VISIT(m->its[i]);
    return 0;
}

static MiniObject *map_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (type == &MiniMap_Type && kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "map() takes no keyword arguments");
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n < 2) return MiniErr_Format(MiniExc_TypeError, "map() must have at least two arguments.");
    MapObject *m = (MapObject *)MiniType_GenericNew(type, NULL, NULL);
    if (m == NULL) return NULL;
    m->func = Mini_NewRef(MiniTuple_GET_ITEM(args, 0));
    m->its = calloc((size_t)(n - 1), sizeof(MiniObject *));
    if (m->its == NULL) { Mini_DECREF(m); return MiniErr_NoMemory(); }
    for (Mini_ssize_t i = 1; i < n; i++) {
        MiniObject *it = MiniObject_GetIter(MiniTuple_GET_ITEM(args, i));
        if (it == NULL) { Mini_DECREF(m); return NULL; }
        m->its[m->n++] = it;
    }
    return (MiniObject *)m;
}

static void map_dealloc(MiniObject *self) {
    MapObject *m = (MapObject *)self;
    for (Mini_ssize_t i = 0; i < m->n; i++) Mini_DECREF(m->its[i]);
    free(m->its);
    Mini_CLEAR(m->func);
    MiniObject_Free(self);
}

static MiniObject *map_next(MiniObject *self) {
    MapObject *m = (MapObject *)self;
    MiniObject *small[8], **items = m->n <= 8 ? small : malloc((size_t)m->n * sizeof(MiniObject *));
    if (items == NULL) return MiniErr_NoMemory();
    Mini_ssize_t got = 0;
    MiniObject *res = NULL;
    for (; got < m->n; got++) {
        items[got] = inner_next(m->its[got]);
        if (items[got] == NULL) break;
    }
    if (got == m->n) res = MiniVM_Call(m->func, items, m->n, NULL);
    for (Mini_ssize_t i = 0; i < got; i++) Mini_DECREF(items[i]);
    if (items != small) free(items);
    return res;
}

MiniTypeObject MiniMap_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "map",
    .tp_basicsize = sizeof(MapObject),
    .tp_dealloc = map_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = map_next,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_GC,
    .tp_doc = "map(func, *iterables) --> map object",
    .tp_new = map_new,
    .tp_traverse = map_traverse,
};

/* ----- filter --------------------------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniObject *func;        /* owned; None (or bool) keeps the true items */
    MiniObject *it;          /* owned */
} FilterObject;

static int filter_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((FilterObject *)self)->func);
    Mini_VISIT(((FilterObject *)self)->it);
    return 0;
}

static MiniObject *filter_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (type == &MiniFilter_Type && kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "filter() takes no keyword arguments");
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n != 2) return MiniErr_Format(MiniExc_TypeError, "filter expected 2 arguments, got %zd", n);
    MiniObject *it = MiniObject_GetIter(MiniTuple_GET_ITEM(args, 1));
    if (it == NULL) return NULL;
    FilterObject *f = (FilterObject *)MiniType_GenericNew(type, NULL, NULL);
    if (f == NULL) { Mini_DECREF(it); return NULL; }
    f->func = Mini_NewRef(MiniTuple_GET_ITEM(args, 0));
    f->it = it;
    return (MiniObject *)f;
}

static void filter_dealloc(MiniObject *self) {
    FilterObject *f = (FilterObject *)self;
    Mini_CLEAR(f->func);
    Mini_CLEAR(f->it);
    MiniObject_Free(self);
}

static MiniObject *filter_next(MiniObject *self) {
    FilterObject *f = (FilterObject *)self;
    int truth_only = f->func == Mini_None || f->func == (MiniObject *)&MiniBool_Type;
    for (;;) {
        MiniObject *item = inner_next(f->it);
        if (item == NULL) return NULL;
        int ok;
        if (truth_only) {
            ok = MiniObject_IsTrue(item);
        } else {
            MiniObject *r = MiniVM_Call(f->func, &item, 1, NULL);
            ok = r == NULL ? -1 : MiniObject_IsTrue(r);
            Mini_XDECREF(r);
        }
        if (ok > 0) return item;
        Mini_DECREF(item);
        if (ok < 0) return NULL;
    }
}

MiniTypeObject MiniFilter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "filter",
    .tp_basicsize = sizeof(FilterObject),
    .tp_dealloc = filter_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = filter_next,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_GC,
    .tp_doc = "filter(function or None, iterable) --> filter object",
    .tp_new = filter_new,
    .tp_traverse = filter_traverse,
};

