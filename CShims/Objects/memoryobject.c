/* Objects/memoryobject.c: memoryview, a view of another object's memory through the buffer
 * protocol (bytes, bytearray, matrices, native extensions' buffers) without copying it.
 *
 * A memoryview holds one buffer export of its object for as long as it lives (or until
 * release() / the end of a with block), so a bytearray cannot be resized under it. Views are
 * one-dimensional sequences of unsigned bytes (format "B"; a 2-D or non-byte exporter is seen
 * as its raw bytes); slicing with step 1 gives a view of the same memory, indexing gives ints,
 * and a writable view accepts item and same-length slice assignment. tobytes, tolist, hex,
 * release, ==, len, iteration and the read-only attributes (obj, nbytes, readonly, format,
 * itemsize, ndim, shape, strides) behave as in CPython for byte views. */
#include "mini.h"
#include "objimpl_internal.h"
#include "lib_internal.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    MiniObject_HEAD
    MiniBuffer view;        /* the export; view.obj NULL once released */
    char *start;            /* first byte of this view (inside view.buf) */
    Mini_ssize_t len;       /* bytes seen */
    int released;
} MemoryViewObject;

#define MV(o) ((MemoryViewObject *)(o))

extern MiniTypeObject MiniMemoryView_Type;

static int check_released(MiniObject *self) {
    if (!MV(self)->released) return 0;
    MiniErr_SetString(MiniExc_ValueError, "operation forbidden on released memoryview object");
    return -1;
}

/* A view of n bytes at start of base's export (a new export of the same object). */
static MiniObject *view_of(MiniObject *obj, char *start, Mini_ssize_t n, int writable_hint) {
    MemoryViewObject *m = (MemoryViewObject *)MiniObject_New(&MiniMemoryView_Type);
    if (m == NULL) return NULL;
    (void)writable_hint;
    if (MiniObject_GetBuffer(obj, &m->view, MINI_BUF_SIMPLE) < 0) {
        m->released = 1;
        Mini_DECREF(m);
        return NULL;
    }
    m->start = start ? start : (char *)m->view.buf;
    m->len = start ? n : m->view.len;
    return (MiniObject *)m;
}

static MiniObject *memoryview_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)type;
    MiniObject *obj = NULL;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (kwargs != NULL && MiniDict_Size(kwargs) > 0) {
        obj = MiniDict_GetItemString(kwargs, "object");
        if (obj == NULL || MiniDict_Size(kwargs) > 1 || n > 0)
            return MiniErr_Format(MiniExc_TypeError, "memoryview() got an unexpected keyword argument");
    } else if (n != 1) {
        return MiniErr_Format(MiniExc_TypeError, n == 0 ? "memoryview() missing required argument 'object' (pos 1)"
                                                        : "memoryview() takes at most 1 argument (%zd given)", n);
    } else {
        obj = MiniTuple_GET_ITEM(args, 0);
    }
    if (Mini_TYPE(obj) == &MiniMemoryView_Type) {
        if (check_released(obj) < 0) return NULL;
        return view_of(MV(obj)->view.obj, MV(obj)->start, MV(obj)->len, 0);
    }
    if (!MiniObject_CheckBuffer(obj))
        return MiniErr_Format(MiniExc_TypeError, "memoryview: a bytes-like object is required, not '%s'", MiniType_Name(Mini_TYPE(obj)));
    return view_of(obj, NULL, 0, 0);
}

static void do_release(MiniObject *self) {
    if (MV(self)->released) return;
    MV(self)->released = 1;
    MiniBuffer_Release(&MV(self)->view);
}

static void memoryview_dealloc(MiniObject *self) {
    do_release(self);
    MiniObject_Free(self);
}

static MiniObject *memoryview_repr(MiniObject *self) {
    if (MV(self)->released) return MiniUnicode_FromFormat("<released memory at %p>", (void *)self);
    return MiniUnicode_FromFormat("<memory at %p>", (void *)self);
}

static Mini_ssize_t memoryview_length(MiniObject *self) {
    if (check_released(self) < 0) return -1;
    return MV(self)->len;
}

static MiniObject *memoryview_item(MiniObject *self, Mini_ssize_t i) {
    if (check_released(self) < 0) return NULL;
    if (i < 0 || i >= MV(self)->len) return MiniErr_Format(MiniExc_IndexError, "index out of bounds on dimension 1");
    return MiniLong_FromLong((unsigned char)MV(self)->start[i]);
}

static MiniObject *memoryview_subscript(MiniObject *self, MiniObject *key) {
    if (check_released(self) < 0) return NULL;
    if (MiniSlice_Check(key)) {
        Mini_ssize_t start, step, count;
        if (_MiniSlice_Indices(key, MV(self)->len, &start, &step, &count) < 0) return NULL;
        if (step == 1 || count <= 1) return view_of(MV(self)->view.obj, MV(self)->start + start, count, 0);
        /* A strided view is not kept as a view here: its bytes are copied (read-only). */
        char *tmp = MiniMem_Malloc((size_t)count + 1);
        if (tmp == NULL) return MiniErr_NoMemory();
        for (Mini_ssize_t k = 0; k < count; k++) tmp[k] = MV(self)->start[start + k * step];
        MiniObject *b = MiniBytes_FromStringAndSize(tmp, count);
        MiniMem_Free(tmp);
        if (b == NULL) return NULL;
        MiniObject *r = view_of(b, NULL, 0, 0);
        Mini_DECREF(b);
        return r;
    }
    Mini_ssize_t i;
    if (_Mini_SubscriptIndex(key, "memoryview", &i) < 0) return NULL;
    if (i < 0) i += MV(self)->len;
    return memoryview_item(self, i);
}

static int memoryview_ass_subscript(MiniObject *self, MiniObject *key, MiniObject *value) {
    if (check_released(self) < 0) return -1;
    if (MV(self)->view.readonly) { MiniErr_SetString(MiniExc_TypeError, "cannot modify read-only memory"); return -1; }
    if (value == NULL) { MiniErr_SetString(MiniExc_TypeError, "cannot delete memory"); return -1; }
    if (MiniSlice_Check(key)) {
        Mini_ssize_t start, step, count;
        if (_MiniSlice_Indices(key, MV(self)->len, &start, &step, &count) < 0) return -1;
        MiniBuffer src;
        if (MiniObject_GetBuffer(value, &src, MINI_BUF_SIMPLE) < 0) return -1;
        int r = 0;
        if (src.len != count) {
            MiniErr_SetString(MiniExc_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
            r = -1;
        } else {
            for (Mini_ssize_t k = 0; k < count; k++) MV(self)->start[start + k * step] = ((char *)src.buf)[k];
        }
        MiniBuffer_Release(&src);
        return r;
    }
    Mini_ssize_t i;
    if (_Mini_SubscriptIndex(key, "memoryview", &i) < 0) return -1;
    if (i < 0) i += MV(self)->len;
    if (i < 0 || i >= MV(self)->len) { MiniErr_SetString(MiniExc_IndexError, "index out of bounds on dimension 1"); return -1; }
    Mini_ssize_t v = MiniLong_Check(value) ? MiniNumber_AsSsize_t(value, NULL) : -2;
    if (v == -2) {
        MiniErr_Format(MiniExc_TypeError, "memoryview: invalid type for format 'B'");
        return -1;
    }
    if (v == -1 && MiniErr_Occurred()) return -1;
    if (v < 0 || v > 255) { MiniErr_SetString(MiniExc_ValueError, "memoryview: invalid value for format 'B'"); return -1; }
    MV(self)->start[i] = (char)v;
    return 0;
}

static MiniObject *memoryview_richcompare(MiniObject *self, MiniObject *other, int op) {
    if (op != Mini_EQ && op != Mini_NE) Mini_RETURN_NOTIMPLEMENTED;
    if (MV(self)->released) return MiniBool_FromLong((self == other) == (op == Mini_EQ));
    if (!MiniObject_CheckBuffer(other)) Mini_RETURN_NOTIMPLEMENTED;
    const char *p;
    Mini_ssize_t n;
    MiniBuffer b;
    int have = 0;
    if (Mini_TYPE(other) == &MiniMemoryView_Type) {
        if (MV(other)->released) return MiniBool_FromLong(op == Mini_NE);
        p = MV(other)->start;
        n = MV(other)->len;
    } else {
        if (MiniObject_GetBuffer(other, &b, MINI_BUF_SIMPLE) < 0) return NULL;
        have = 1;
        p = b.buf;
        n = b.len;
    }
    int eq = n == MV(self)->len && (n == 0 || memcmp(p, MV(self)->start, (size_t)n) == 0);
    if (have) MiniBuffer_Release(&b);
    return MiniBool_FromLong(op == Mini_EQ ? eq : !eq);
}

static int memoryview_getbuffer(MiniObject *self, MiniBuffer *view, int flags) {
    if (check_released(self) < 0) return -1;
    return MiniBuffer_FillInfo(view, self, MV(self)->start, MV(self)->len, MV(self)->view.readonly, flags);
}

/* ----- methods ------------------------------------------------------------------------------------ */

static MiniObject *mv_tobytes(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    if (check_released(self) < 0) return NULL;
    return MiniBytes_FromStringAndSize(MV(self)->start, MV(self)->len);
}

static MiniObject *mv_tolist(MiniObject *self, MiniObject *unused) {
    (void)unused;
    if (check_released(self) < 0) return NULL;
    MiniObject *l = MiniList_New(0);
    for (Mini_ssize_t i = 0; l != NULL && i < MV(self)->len; i++) {
        MiniObject *v = MiniLong_FromLong((unsigned char)MV(self)->start[i]);
        if (v == NULL || MiniList_Append(l, v) < 0) { Mini_XDECREF(v); Mini_CLEAR(l); break; }
        Mini_DECREF(v);
    }
    return l;
}

static MiniObject *mv_hex(MiniObject *self, MiniObject *unused) {
    (void)unused;
    if (check_released(self) < 0) return NULL;
    MiniObject *b = MiniBytes_FromStringAndSize(MV(self)->start, MV(self)->len);
    if (b == NULL) return NULL;
    MiniObject *r = MiniObject_CallMethodObjArgs(b, "hex", NULL);
    Mini_DECREF(b);
    return r;
}

static MiniObject *mv_release(MiniObject *self, MiniObject *unused) {
    (void)unused;
    do_release(self);
    Mini_RETURN_NONE;
}

static MiniObject *mv_enter(MiniObject *self, MiniObject *unused) {
    (void)unused;
    if (check_released(self) < 0) return NULL;
    return Mini_NewRef(self);
}

static MiniObject *mv_exit(MiniObject *self, MiniObject *args) {
    (void)args;
    do_release(self);
    Mini_RETURN_NONE;
}

static MiniMethodDef memoryview_methods[] = {
    { "tobytes", (MiniCFunction)mv_tobytes, MINI_METH_VARARGS | MINI_METH_KEYWORDS, "Return the data in the buffer as a byte string." },
    { "tolist", mv_tolist, MINI_METH_NOARGS, "Return the data in the buffer as a list of elements." },
    { "hex", mv_hex, MINI_METH_NOARGS, "Return the data in the buffer as a str of hexadecimal numbers." },
    { "release", mv_release, MINI_METH_NOARGS, "Release the underlying buffer exposed by the memoryview object." },
    { "__enter__", mv_enter, MINI_METH_NOARGS, NULL },
    { "__exit__", (MiniCFunction)mv_exit, MINI_METH_VARARGS, "Release the underlying buffer exposed by the memoryview object." },
    { NULL, NULL, 0, NULL },
};

static MiniObject *mv_get_obj(MiniObject *self, void *c) {
    (void)c;
    if (check_released(self) < 0) return NULL;
    return Mini_NewRef(MV(self)->view.obj);
}
static MiniObject *mv_get_nbytes(MiniObject *self, void *c) {
    (void)c;
    return check_released(self) < 0 ? NULL : MiniLong_FromSsize_t(MV(self)->len);
}
static MiniObject *mv_get_readonly(MiniObject *self, void *c) {
    (void)c;
    return check_released(self) < 0 ? NULL : MiniBool_FromLong(MV(self)->view.readonly);
}
static MiniObject *mv_get_format(MiniObject *self, void *c) {
    (void)c;
    return check_released(self) < 0 ? NULL : MiniUnicode_FromString("B");
}
static MiniObject *mv_get_one(MiniObject *self, void *c) {
    (void)c;
    return check_released(self) < 0 ? NULL : MiniLong_FromLong(1);
}
static MiniObject *mv_get_shape(MiniObject *self, void *c) {
    (void)c;
    if (check_released(self) < 0) return NULL;
    MiniObject *n = MiniLong_FromSsize_t(MV(self)->len);
    if (n == NULL) return NULL;
    MiniObject *t = MiniTuple_Pack(1, n);
    Mini_DECREF(n);
    return t;
}
static MiniObject *mv_get_strides(MiniObject *self, void *c) {
    (void)c;
    if (check_released(self) < 0) return NULL;
    MiniObject *n = MiniLong_FromLong(1);
    if (n == NULL) return NULL;
    MiniObject *t = MiniTuple_Pack(1, n);
    Mini_DECREF(n);
    return t;
}

static MiniGetSetDef memoryview_getsets[] = {
    { "obj", mv_get_obj, NULL, "The underlying object of the memoryview.", NULL },
    { "nbytes", mv_get_nbytes, NULL, "The amount of space in bytes that the array would use.", NULL },
    { "readonly", mv_get_readonly, NULL, "A bool indicating whether the memory is read only.", NULL },
    { "format", mv_get_format, NULL, "A string containing the format of each element.", NULL },
    { "itemsize", mv_get_one, NULL, "The size in bytes of each element.", NULL },
    { "ndim", mv_get_one, NULL, "The number of dimensions the memory represents.", NULL },
    { "shape", mv_get_shape, NULL, "A tuple of ndim integers giving the shape of the memory.", NULL },
    { "strides", mv_get_strides, NULL, "A tuple of ndim integers giving the strides.", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static MiniSequenceMethods memoryview_as_sequence = {
    .sq_length = memoryview_length,
    .sq_item = memoryview_item,
};

static MiniMappingMethods memoryview_as_mapping = {
    .mp_length = memoryview_length,
    .mp_subscript = memoryview_subscript,
    .mp_ass_subscript = memoryview_ass_subscript,
};

static MiniBufferProcs memoryview_as_buffer = {
    .bf_getbuffer = memoryview_getbuffer,
};

static Mini_hash_t memoryview_hash(MiniObject *self) {
    if (check_released(self) < 0) return -1;
    if (!MV(self)->view.readonly) {
        MiniErr_SetString(MiniExc_ValueError, "cannot hash writable memoryview object");
        return -1;
    }
    MiniObject *b = MiniBytes_FromStringAndSize(MV(self)->start, MV(self)->len);
    if (b == NULL) return -1;
    Mini_hash_t h = MiniObject_Hash(b);
    Mini_DECREF(b);
    return h;
}

MiniTypeObject MiniMemoryView_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "memoryview",
    .tp_basicsize = sizeof(MemoryViewObject),
    .tp_dealloc = memoryview_dealloc,
    .tp_repr = memoryview_repr,
    .tp_hash = memoryview_hash,
    .tp_richcompare = memoryview_richcompare,
    .tp_as_sequence = &memoryview_as_sequence,
    .tp_as_mapping = &memoryview_as_mapping,
    .tp_as_buffer = &memoryview_as_buffer,
    .tp_methods = memoryview_methods,
    .tp_getset = memoryview_getsets,
    .tp_doc = "Create a new memoryview object which references the given object.",
    .tp_new = memoryview_new,
};
