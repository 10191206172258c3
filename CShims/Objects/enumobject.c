/* Objects/enumobject.c: the builtin iterator types enumerate, zip and reversed (plus the list
 * reverse iterator list.__reversed__ hands out). map and filter, which call functions through the
 * interpreter, live with the VM (Sources/MiniVM/Objects/mapfilter.c).
 *
 * Each is a type whose constructor checks its arguments as CPython's does (same messages) and
 * whose iterator pulls lazily from the underlying iterators. enumerate and zip reuse their result
 * tuple when the consumer dropped it, as CPython does, so `for i, x in enumerate(xs)` allocates
 * nothing per item. */
#include "mini.h"
#include "lib_internal.h"
#include "gc_internal.h"
#include "longobject_internal.h"

#include <stdlib.h>

/* The next item of an underlying iterator under the C recursion guard: a map of a map of ...
 * 200,000 levels deep raises RecursionError instead of overflowing the C stack. */
static MiniObject *inner_next(MiniObject *it) {
    if (Mini_EnterRecursiveCall("")) return NULL;
    MiniObject *item = Mini_TYPE(it)->tp_iternext(it);
    Mini_LeaveRecursiveCall();
    return item;
}

/* Refills a tuple that nobody else holds (refcount 1 means only the iterator has it) with new
 * items, or makes a fresh one; the iterator keeps a reference in *slot. Steals the items.
 * New reference or NULL. */
static MiniObject *reuse_tuple(MiniObject **slot, Mini_ssize_t n, MiniObject **items) {
    MiniObject *t = *slot;
    if (t != NULL && Mini_REFCNT(t) == 1) {
        for (Mini_ssize_t i = 0; i < n; i++) {
            MiniObject *old = MiniTuple_GET_ITEM(t, i);
            MiniTuple_SET_ITEM(t, i, items[i]);
            Mini_XDECREF(old);
        }
        /* A collection may have untracked it while its items were atomic (gc.c's untrack_tuples). */
        /* Free-threaded: the test under the GC lists' lock (see dictobject.c's item iterator). */
        if (MINI_UNLIKELY(_Mini_FreeThreaded) || MINI_AS_GC(t)->gc_next == NULL) MiniObject_GC_Track(t);
        return Mini_NewRef(t);
    }
    t = MiniTuple_New(n);
    if (t == NULL) {
        for (Mini_ssize_t i = 0; i < n; i++) Mini_DECREF(items[i]);
        return NULL;
    }
    for (Mini_ssize_t i = 0; i < n; i++) MiniTuple_SET_ITEM(t, i, items[i]);
    Mini_INCREF(t);
    Mini_SETREF(*slot, t);
    return t;
}

static MiniObject *self_iter(MiniObject *self) { return Mini_NewRef(self); }

/* ----- enumerate ----------------------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniObject *it;          /* owned */
    int64_t index;           /* the next index while it fits int64 ... */
    MiniObject *big_index;   /* ... then as an int object (owned), else NULL */
    MiniObject *result;      /* reusable pair */
} EnumerateObject;

/* The cycle collector's slots of enumerate, zip and reversed: what they iterate. */
static int enumerate_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    EnumerateObject *e = (EnumerateObject *)self;
    Mini_VISIT(e->it);
    Mini_VISIT(e->big_index);
    Mini_VISIT(e->result);
    return 0;
}

static MiniObject *enumerate_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    MiniObject *iterable = NULL, *start = NULL;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 2) return MiniErr_Format(MiniExc_TypeError, "enumerate() takes at most 2 arguments (%zd given)", n);
    if (n > 0) iterable = MiniTuple_GET_ITEM(args, 0);
    if (n > 1) start = MiniTuple_GET_ITEM(args, 1);
    if (kwargs != NULL) {
        Mini_ssize_t pos = 0;
        MiniObject *k, *v;
        while (MiniDict_Next(kwargs, &pos, &k, &v)) {
            MiniObject **slot = MiniUnicode_EqualToUTF8(k, "iterable") ? &iterable
                              : MiniUnicode_EqualToUTF8(k, "start") ? &start : NULL;
            if (slot == NULL)
                return MiniErr_Format(MiniExc_TypeError, "'%U' is an invalid keyword argument for enumerate()", k);
            if (*slot != NULL)
                return MiniErr_Format(MiniExc_TypeError, "argument for enumerate() given by name ('%U') and position (%d)",
                                      k, slot == &iterable ? 1 : 2);
            *slot = v;
        }
    }
    if (iterable == NULL) return MiniErr_Format(MiniExc_TypeError, "enumerate() missing required argument 'iterable'");
    if (start != NULL) {
        MiniNumberMethods *nb = Mini_TYPE(start)->tp_as_number;
        if (!MiniLong_Check(start) && (nb == NULL || nb->nb_index == NULL))
            return MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                                  Mini_TYPE(start)->tp_name);
    }
    MiniObject *it = MiniObject_GetIter(iterable);
    if (it == NULL) return NULL;
    EnumerateObject *e = (EnumerateObject *)MiniType_GenericNew(type, NULL, NULL);
    if (e == NULL) { Mini_DECREF(it); return NULL; }
    e->it = it;
    if (start != NULL) {
        MiniObject *s = MiniNumber_Index(start);
        if (s == NULL) { Mini_DECREF(e); return NULL; }
        if (_MiniLong_IsCompact(s) && _MiniLong_Value(s) < INT64_MAX) {
            e->index = _MiniLong_Value(s);
            Mini_DECREF(s);
        } else {
            e->big_index = s;
        }
    }
    return (MiniObject *)e;
}

static void enumerate_dealloc(MiniObject *self) {
    EnumerateObject *e = (EnumerateObject *)self;
    Mini_CLEAR(e->it);
    Mini_CLEAR(e->big_index);
    Mini_CLEAR(e->result);
    MiniObject_Free(self);
}

static MiniObject *enumerate_next(MiniObject *self) {
    EnumerateObject *e = (EnumerateObject *)self;
    MiniObject *item = inner_next(e->it);
    if (item == NULL) return NULL;
    MiniObject *idx;
    if (e->big_index == NULL) {
        idx = MiniLong_FromLongLong(e->index);
        if (e->index == INT64_MAX) {
            MiniObject *one = MiniLong_FromLong(1);
            e->big_index = idx ? _MiniLong_Add(idx, one) : NULL;
            Mini_DECREF(one);
            if (e->big_index == NULL) { Mini_XDECREF(idx); Mini_DECREF(item); return NULL; }
        } else {
            e->index++;
        }
    } else {
        MiniObject *one = MiniLong_FromLong(1);
        idx = e->big_index;
        e->big_index = _MiniLong_Add(idx, one);
        Mini_DECREF(one);
        if (e->big_index == NULL) { Mini_DECREF(idx); Mini_DECREF(item); return NULL; }
    }
    if (idx == NULL) { Mini_DECREF(item); return NULL; }
    MiniObject *pair[2] = { idx, item };
    return reuse_tuple(&e->result, 2, pair);
}

MiniTypeObject MiniEnumerate_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "enumerate",
    .tp_basicsize = sizeof(EnumerateObject),
    .tp_dealloc = enumerate_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = enumerate_next,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_GC,
    .tp_doc = "Return an enumerate object.",
    .tp_new = enumerate_new,
    .tp_traverse = enumerate_traverse,
};

/* ----- zip ------------------------------------------------------------------------------------------ */

typedef struct {
    MiniObject_HEAD
    Mini_ssize_t n;
    MiniObject **its;        /* n owned iterators */
    int strict;
    MiniObject *result;
} ZipObject;

static int zip_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    ZipObject *z = (ZipObject *)self;
    for (Mini_ssize_t i = 0; z->its != NULL && i < z->n; i++) Mini_VISIT(z->its[i]);
    Mini_VISIT(z->result);
    return 0;
}

static MiniObject *zip_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    int strict = 0;
    if (kwargs != NULL) {
        Mini_ssize_t pos = 0;
        MiniObject *k, *v;
        while (MiniDict_Next(kwargs, &pos, &k, &v)) {
            if (!MiniUnicode_EqualToUTF8(k, "strict"))
                return MiniErr_Format(MiniExc_TypeError, "'%U' is an invalid keyword argument for zip()", k);
            if ((strict = MiniObject_IsTrue(v)) < 0) return NULL;
        }
    }
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    ZipObject *z = (ZipObject *)MiniType_GenericNew(type, NULL, NULL);
    if (z == NULL) return NULL;
    z->strict = strict;
    z->its = calloc((size_t)(n ? n : 1), sizeof(MiniObject *));
    if (z->its == NULL) { Mini_DECREF(z); return MiniErr_NoMemory(); }
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *it = MiniObject_GetIter(MiniTuple_GET_ITEM(args, i));
        if (it == NULL) {
            if (MiniErr_ExceptionMatches(MiniExc_TypeError)) {
                MiniErr_Clear();
                MiniErr_Format(MiniExc_TypeError, "zip argument #%zd must support iteration", i + 1);
            }
            Mini_DECREF(z);
            return NULL;
        }
        z->its[z->n++] = it;
    }
    return (MiniObject *)z;
}

static void zip_dealloc(MiniObject *self) {
    ZipObject *z = (ZipObject *)self;
    for (Mini_ssize_t i = 0; i < z->n; i++) Mini_DECREF(z->its[i]);
    free(z->its);
    Mini_CLEAR(z->result);
    MiniObject_Free(self);
}

/* strict=True: the iterator at index i ended; check that the others end there too. */
static MiniObject *zip_strict_end(ZipObject *z, Mini_ssize_t i) {
    if (i > 0)
        return MiniErr_Format(MiniExc_ValueError, "zip() argument %zd is shorter than argument%s%zd",
                              i + 1, i == 1 ? " " : "s 1-", i);
    for (Mini_ssize_t j = 1; j < z->n; j++) {
        MiniObject *x = inner_next(z->its[j]);
        if (x != NULL) {
            Mini_DECREF(x);
            return MiniErr_Format(MiniExc_ValueError, "zip() argument %zd is longer than argument%s%zd",
                                  j + 1, j == 1 ? " " : "s 1-", j);
        }
        if (MiniErr_Occurred()) {
            if (!MiniErr_ExceptionMatches(MiniExc_StopIteration)) return NULL;
            MiniErr_Clear();
        }
    }
    return NULL;
}

static MiniObject *zip_next(MiniObject *self) {
    ZipObject *z = (ZipObject *)self;
    if (z->n == 0) return NULL;
    MiniObject *small[8], **items = z->n <= 8 ? small : malloc((size_t)z->n * sizeof(MiniObject *));
    if (items == NULL) return MiniErr_NoMemory();
    for (Mini_ssize_t i = 0; i < z->n; i++) {
        items[i] = inner_next(z->its[i]);
        if (items[i] == NULL) {
            for (Mini_ssize_t j = 0; j < i; j++) Mini_DECREF(items[j]);
            if (items != small) free(items);
            if (z->strict && (!MiniErr_Occurred() || MiniErr_ExceptionMatches(MiniExc_StopIteration))) {
                MiniErr_Clear();
                return zip_strict_end(z, i);
            }
            return NULL;
        }
    }
    MiniObject *t = reuse_tuple(&z->result, z->n, items);
    if (items != small) free(items);
    return t;
}

MiniTypeObject MiniZip_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "zip",
    .tp_basicsize = sizeof(ZipObject),
    .tp_dealloc = zip_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = zip_next,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_GC,
    .tp_doc = "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.",
    .tp_new = zip_new,
    .tp_traverse = zip_traverse,
};

/* ----- reversed ------------------------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniObject *seq;         /* owned; NULL once exhausted */
    Mini_ssize_t index;      /* next index to produce */
} ReversedObject;

static int reversed_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((ReversedObject *)self)->seq);
    return 0;
}

/* 1 if o can be walked by index: a length and item access by int. */
static int is_indexable(MiniObject *o) {
    MiniTypeObject *t = Mini_TYPE(o);
    if (MiniDict_Check(o) || MiniAnySet_Check(o)) return 0;
    int has_len = (t->tp_as_sequence && t->tp_as_sequence->sq_length) || (t->tp_as_mapping && t->tp_as_mapping->mp_length);
    int has_item = (t->tp_as_sequence && t->tp_as_sequence->sq_item) || (t->tp_as_mapping && t->tp_as_mapping->mp_subscript);
    return has_len && has_item;
}

MiniObject *_MiniReversed_New(MiniObject *seq) {
    if (MiniList_CheckExact(seq)) {
        ReversedObject *r = MiniObject_NEW(ReversedObject, &_MiniListRevIter_Type);
        if (r == NULL) return NULL;
        r->seq = Mini_NewRef(seq);
        r->index = Mini_SIZE(seq) - 1;
        return (MiniObject *)r;
    }
    MiniObject *name = MiniUnicode_FromString("__reversed__");
    if (name == NULL) return NULL;
    MiniObject *meth = MiniType_Lookup(Mini_TYPE(seq), name);
    Mini_DECREF(name);
    if (meth == Mini_None)
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not reversible", MiniType_Name(Mini_TYPE(seq)));
    if (meth != NULL) return MiniObject_CallMethodObjArgs(seq, "__reversed__", NULL);
    if (!is_indexable(seq))
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not reversible", MiniType_Name(Mini_TYPE(seq)));
    Mini_ssize_t n = MiniObject_Length(seq);
    if (n < 0) return NULL;
    ReversedObject *r = MiniObject_NEW(ReversedObject, &MiniReversed_Type);
    if (r == NULL) return NULL;
    r->seq = Mini_NewRef(seq);
    r->index = n - 1;
    return (MiniObject *)r;
}

static MiniObject *reversed_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)type;
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "reversed() takes no keyword arguments");
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n != 1) return MiniErr_Format(MiniExc_TypeError, "reversed expected 1 argument, got %zd", n);
    return _MiniReversed_New(MiniTuple_GET_ITEM(args, 0));
}

static void reversed_dealloc(MiniObject *self) {
    Mini_CLEAR(((ReversedObject *)self)->seq);
    MiniObject_Free(self);
}

static MiniObject *reversed_next(MiniObject *self) {
    ReversedObject *r = (ReversedObject *)self;
    if (r->seq == NULL) return NULL;
    if (r->index >= 0) {
        MiniSequenceMethods *sq = Mini_TYPE(r->seq)->tp_as_sequence;
        MiniObject *item;
        if (sq != NULL && sq->sq_item != NULL) {
            item = sq->sq_item(r->seq, r->index);
        } else {
            MiniObject *i = MiniLong_FromSsize_t(r->index);
            item = i ? MiniObject_GetItem(r->seq, i) : NULL;
            Mini_XDECREF(i);
        }
        if (item != NULL) {
            r->index--;
            return item;
        }
        if (!MiniErr_ExceptionMatches(MiniExc_IndexError) && !MiniErr_ExceptionMatches(MiniExc_StopIteration))
            return NULL;
        MiniErr_Clear();
    }
    r->index = -1;
    Mini_CLEAR(r->seq);
    return NULL;
}

static MiniObject *reversed_length_hint(MiniObject *self, MiniObject *unused) {
    (void)unused;
    ReversedObject *r = (ReversedObject *)self;
    return MiniLong_FromSsize_t(r->seq != NULL ? r->index + 1 : 0);
}

static MiniMethodDef reversed_methods[] = {
    { "__length_hint__", reversed_length_hint, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

MiniTypeObject MiniReversed_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "reversed",
    .tp_basicsize = sizeof(ReversedObject),
    .tp_dealloc = reversed_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = reversed_next,
    .tp_methods = reversed_methods,
    .tp_doc = "Return a reverse iterator over the values of the given sequence.",
    .tp_new = reversed_new,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = reversed_traverse,
};

/* The list reverse iterator: re-checks the index against the current size, as the list may
 * shrink while being walked. */
static MiniObject *listrev_next(MiniObject *self) {
    ReversedObject *r = (ReversedObject *)self;
    if (r->seq == NULL) return NULL;
    MiniObject *item = NULL;
    Mini_BEGIN_CRITICAL_SECTION(r->seq);   /* the list's; free-threaded, another thread may shrink it */
    if (r->index >= 0 && r->index < Mini_SIZE(r->seq)) item = Mini_NewRef(MiniList_GET_ITEM(r->seq, r->index));
    Mini_END_CRITICAL_SECTION();
    if (item != NULL) {
        r->index--;
        return item;
    }
    r->index = -1;
    Mini_CLEAR(r->seq);
    return NULL;
}

MiniTypeObject _MiniListRevIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "list_reverseiterator",
    .tp_basicsize = sizeof(ReversedObject),
    .tp_dealloc = reversed_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = listrev_next,
    .tp_methods = reversed_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = reversed_traverse,
};
