/* Objects/sliceobject.c: slice objects, what `a[i:j:k]` builds (the interpreter's BUILD_SLICE calls
 * the "slice" builtin), and the index arithmetic every sliceable sequence shares.
 *
 * A slice holds three arbitrary objects (None for an omitted part). Sequences turn it into
 * concrete indices with _MiniSlice_Unpack (None becomes the default for the step's direction,
 * huge ints are clamped) followed by _MiniSlice_AdjustIndices (clipping to the length), which is
 * exactly CPython's PySlice_Unpack / PySlice_AdjustIndices. slice.indices(n) exposes the same
 * arithmetic to Python code. As in CPython 3.11, slices compare like (start, stop, step) tuples
 * and are unhashable. */
#include "mini.h"
#include "formatter_internal.h"
#include "lib_internal.h"
#include "longobject_internal.h"

typedef struct {
    MiniObject_HEAD
    MiniObject *start, *stop, *step;   /* owned, never NULL (None when omitted) */
} MiniSliceObject;

#define SLICE(op) ((MiniSliceObject *)(op))

MiniObject *MiniSlice_New(MiniObject *start, MiniObject *stop, MiniObject *step) {
    MINI_CHECK_GIL("MiniSlice_New");
    MiniSliceObject *s = MiniObject_NEW(MiniSliceObject, &MiniSlice_Type);
    if (s == NULL) return NULL;
    s->start = Mini_NewRef(start ? start : Mini_None);
    s->stop = Mini_NewRef(stop ? stop : Mini_None);
    s->step = Mini_NewRef(step ? step : Mini_None);
    return (MiniObject *)s;
}

/* A slice bound as Mini_ssize_t, clamped to the representable range. 0 / -1 with TypeError. */
static int slice_index(MiniObject *v, Mini_ssize_t *out) {
    if (MINI_LIKELY(Mini_TYPE(v) == &MiniLong_Type && _MiniLong_IsCompact(v))) {   /* the usual case */
        *out = (Mini_ssize_t)_MiniLong_Value(v);
        return 0;
    }
    MiniNumberMethods *nb = Mini_TYPE(v)->tp_as_number;
    if (!MiniLong_Check(v) && (nb == NULL || nb->nb_index == NULL)) {
        MiniErr_SetString(MiniExc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    Mini_ssize_t i = MiniNumber_AsSsize_t(v, NULL);
    if (i == -1 && MiniErr_Occurred()) return -1;
    *out = i;
    return 0;
}

int _MiniSlice_Unpack(MiniObject *slice, Mini_ssize_t *start, Mini_ssize_t *stop, Mini_ssize_t *step) {
    MiniSliceObject *s = SLICE(slice);
    if (s->step == Mini_None) *step = 1;
    else {
        if (slice_index(s->step, step) < 0) return -1;
        if (*step == 0) {
            MiniErr_SetString(MiniExc_ValueError, "slice step cannot be zero");
            return -1;
        }
        /* Keep -step representable. */
        if (*step < -MINI_SSIZE_T_MAX) *step = -MINI_SSIZE_T_MAX;
    }
    if (s->start == Mini_None) *start = *step < 0 ? MINI_SSIZE_T_MAX : 0;
    else if (slice_index(s->start, start) < 0) return -1;
    if (s->stop == Mini_None) *stop = *step < 0 ? MINI_SSIZE_T_MIN : MINI_SSIZE_T_MAX;
    else if (slice_index(s->stop, stop) < 0) return -1;
    return 0;
}

Mini_ssize_t _MiniSlice_AdjustIndices(Mini_ssize_t length, Mini_ssize_t *start, Mini_ssize_t *stop,
                                      Mini_ssize_t step) {
    if (*start < 0) {
        *start += length;
        if (*start < 0) *start = step < 0 ? -1 : 0;
    } else if (*start >= length) {
        *start = step < 0 ? length - 1 : length;
    }
    if (*stop < 0) {
        *stop += length;
        if (*stop < 0) *stop = step < 0 ? -1 : 0;
    } else if (*stop >= length) {
        *stop = step < 0 ? length - 1 : length;
    }
    if (step < 0) {
        if (*stop < *start) return (*start - *stop - 1) / (-step) + 1;
    } else if (*start < *stop) {
        return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

int _MiniSlice_Indices(MiniObject *slice, Mini_ssize_t length, Mini_ssize_t *start, Mini_ssize_t *step,
                       Mini_ssize_t *count) {
    Mini_ssize_t stop;
    if (_MiniSlice_Unpack(slice, start, &stop, step) < 0) return -1;
    *count = _MiniSlice_AdjustIndices(length, start, &stop, *step);
    return 0;
}

/* ----- the type ------------------------------------------------------------------------------------ */

static MiniObject *slice_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)type;
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "slice() takes no keyword arguments");
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n == 0) return MiniErr_Format(MiniExc_TypeError, "slice expected at least 1 argument, got 0");
    if (n > 3) return MiniErr_Format(MiniExc_TypeError, "slice expected at most 3 arguments, got %zd", n);
    if (n == 1) return MiniSlice_New(NULL, MiniTuple_GET_ITEM(args, 0), NULL);
    return MiniSlice_New(MiniTuple_GET_ITEM(args, 0), MiniTuple_GET_ITEM(args, 1),
                         n == 3 ? MiniTuple_GET_ITEM(args, 2) : NULL);
}

static void slice_dealloc(MiniObject *self) {
    Mini_CLEAR(SLICE(self)->start);
    Mini_CLEAR(SLICE(self)->stop);
    Mini_CLEAR(SLICE(self)->step);
    MiniObject_Free(self);
}

static MiniObject *slice_repr(MiniObject *self) {
    return MiniUnicode_FromFormat("slice(%R, %R, %R)", SLICE(self)->start, SLICE(self)->stop, SLICE(self)->step);
}

static MiniObject *slice_as_tuple(MiniObject *self) {
    return MiniTuple_Pack(3, SLICE(self)->start, SLICE(self)->stop, SLICE(self)->step);
}

static MiniObject *slice_richcompare(MiniObject *a, MiniObject *b, int op) {
    if (!MiniSlice_Check(a) || !MiniSlice_Check(b)) Mini_RETURN_NOTIMPLEMENTED;
    if (a == b && (op == Mini_EQ || op == Mini_NE)) return MiniBool_FromLong(op == Mini_EQ);
    MiniObject *ta = slice_as_tuple(a), *tb = ta ? slice_as_tuple(b) : NULL, *res = NULL;
    if (tb != NULL) res = MiniObject_RichCompare(ta, tb, op);
    Mini_XDECREF(ta);
    Mini_XDECREF(tb);
    return res;
}

static Mini_hash_t slice_hash(MiniObject *self) {
    MiniErr_Format(MiniExc_TypeError, "unhashable type: 'slice'");
    (void)self;
    return -1;
}

/* slice.indices(length) -> (start, stop, step) */
static MiniObject *slice_indices(MiniObject *self, MiniObject *len) {
    MiniNumberMethods *nb = Mini_TYPE(len)->tp_as_number;
    if (!MiniLong_Check(len) && (nb == NULL || nb->nb_index == NULL))
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                              Mini_TYPE(len)->tp_name);
    Mini_ssize_t n = MiniNumber_AsSsize_t(len, MiniExc_OverflowError);
    if (n == -1 && MiniErr_Occurred()) return NULL;
    if (n < 0) return MiniErr_Format(MiniExc_ValueError, "length should not be negative");
    Mini_ssize_t start, stop, step;
    if (_MiniSlice_Unpack(self, &start, &stop, &step) < 0) return NULL;
    _MiniSlice_AdjustIndices(n, &start, &stop, step);
    return Mini_BuildValue("(nnn)", start, stop, step);
}

static MiniMethodDef slice_methods[] = {
    { "indices", slice_indices, MINI_METH_O,
      "S.indices(len) -> (start, stop, stride)\n\nAssuming a sequence of length len, calculate the start "
      "and stop indices, and the stride length of the extended slice described by S." },
    { NULL, NULL, 0, NULL },
};

static MiniObject *slice_get_start(MiniObject *self, void *c) { (void)c; return Mini_NewRef(SLICE(self)->start); }
static MiniObject *slice_get_stop(MiniObject *self, void *c) { (void)c; return Mini_NewRef(SLICE(self)->stop); }
static MiniObject *slice_get_step(MiniObject *self, void *c) { (void)c; return Mini_NewRef(SLICE(self)->step); }

static MiniGetSetDef slice_getset[] = {
    { "start", slice_get_start, NULL, NULL, NULL },
    { "stop", slice_get_stop, NULL, NULL, NULL },
    { "step", slice_get_step, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniSlice_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "slice",
    .tp_basicsize = sizeof(MiniSliceObject),
    .tp_dealloc = slice_dealloc,
    .tp_repr = slice_repr,
    .tp_hash = slice_hash,
    .tp_richcompare = slice_richcompare,
    .tp_methods = slice_methods,
    .tp_getset = slice_getset,
    .tp_doc = "slice(stop)\nslice(start, stop[, step])\n\nCreate a slice object.",
    .tp_new = slice_new,
};
