/* Objects/bytearrayobject.c: bytearray, the mutable sequence of bytes.
 *
 * The bytes live in a malloc'ed block that grows geometrically; a buffer export (memoryview,
 * native code) pins it: while exports > 0, operations that would resize it raise BufferError
 * "Existing exports of data: object cannot be re-sized", as CPython. Construction, indexing and
 * slicing (with assignment and deletion), concatenation, repetition, comparison, `in`, and the
 * list-like mutators (append, extend, insert, pop, remove, clear, reverse, copy) are here; the
 * other bytes methods (decode, find, split, replace, upper, hex, startswith, ...) run on a bytes
 * copy, with bytes results handed back as bytearrays, as their CPython counterparts return. */
#include "mini.h"
#include "objimpl_internal.h"
#include "lib_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    MiniObject_HEAD
    char *data;             /* owned, or NULL when empty */
    Mini_ssize_t size, alloc;
    Mini_ssize_t exports;   /* live buffer views */
} MiniByteArrayObject;

#define BA(o) ((MiniByteArrayObject *)(o))

extern MiniTypeObject MiniByteArray_Type;

static int resize(MiniObject *self, Mini_ssize_t n) {
    MiniByteArrayObject *b = BA(self);
    if (n != b->size && b->exports > 0) {
        MiniErr_SetString(MiniExc_BufferError, "Existing exports of data: object cannot be re-sized");
        return -1;
    }
    if (n > b->alloc) {
        Mini_ssize_t cap = b->alloc < 16 ? 16 : b->alloc;
        while (cap < n) cap += cap / 2 + 8;
        char *d = MiniMem_Realloc(b->data, (size_t)cap + 1);
        if (d == NULL) { MiniErr_NoMemory(); return -1; }
        b->data = d;
        b->alloc = cap;
    }
    b->size = n;
    if (b->data != NULL) b->data[n] = '\0';
    return 0;
}

/* Appends n bytes at p (which may point into self). */
static int append_bytes(MiniObject *self, const char *p, Mini_ssize_t n) {
    Mini_ssize_t old = BA(self)->size;
    char *tmp = NULL;
    if (BA(self)->data != NULL && p >= BA(self)->data && p < BA(self)->data + BA(self)->alloc) {
        if ((tmp = MiniMem_Malloc((size_t)n + 1)) == NULL) { MiniErr_NoMemory(); return -1; }
        memcpy(tmp, p, (size_t)n);
        p = tmp;
    }
    int r = resize(self, old + n);
    if (r == 0 && n > 0) memcpy(BA(self)->data + old, p, (size_t)n);
    MiniMem_Free(tmp);
    return r;
}

static MiniObject *new_from(MiniTypeObject *type, const char *p, Mini_ssize_t n) {
    MiniObject *o = MiniObject_New(type);
    if (o == NULL) return NULL;
    if (n > 0 && append_bytes(o, p, n) < 0) { Mini_DECREF(o); return NULL; }
    return o;
}

MiniObject *MiniByteArray_FromStringAndSize(const char *p, Mini_ssize_t n) {
    MINI_CHECK_GIL("MiniByteArray_FromStringAndSize");
    return new_from(&MiniByteArray_Type, p, n);
}

/* The bytes of a bytes-like argument (bytes, bytearray, any buffer exporter) as a new bytes
 * object, or NULL with TypeError "can't concat int to bytearray"-style message from the caller. */
static MiniObject *as_bytes(MiniObject *o) {
    if (MiniBytes_Check(o)) return Mini_NewRef(o);
    if (Mini_TYPE(o) == &MiniByteArray_Type || MiniObject_TypeCheck(o, &MiniByteArray_Type)) {
        MiniObject *r;
        Mini_BEGIN_CRITICAL_SECTION(o);   /* another thread may resize it (free-threaded) */
        r = MiniBytes_FromStringAndSize(BA(o)->data ? BA(o)->data : "", BA(o)->size);
        Mini_END_CRITICAL_SECTION();
        return r;
    }
    if (MiniObject_CheckBuffer(o)) {
        MiniBuffer view;
        if (MiniObject_GetBuffer(o, &view, MINI_BUF_SIMPLE) < 0) return NULL;
        MiniObject *r = MiniBytes_FromStringAndSize(view.buf, view.len);
        MiniBuffer_Release(&view);
        return r;
    }
    return NULL;
}

/* Fills self from the constructor's argument (int count, bytes-like, str + encoding, iterable). */
static int fill(MiniObject *self, MiniObject *x, MiniObject *encoding, MiniObject *errors) {
    if (MiniUnicode_Check(x)) {
        if (encoding == NULL) {
            MiniErr_SetString(MiniExc_TypeError, "string argument without an encoding");
            return -1;
        }
        MiniObject *b = errors ? MiniObject_CallMethodObjArgs(x, "encode", encoding, errors, NULL)
                               : MiniObject_CallMethodObjArgs(x, "encode", encoding, NULL);
        if (b == NULL) return -1;
        int r = append_bytes(self, MiniBytes_AsString(b), MiniBytes_Size(b));
        Mini_DECREF(b);
        return r;
    }
    if (encoding != NULL || errors != NULL) {
        MiniErr_SetString(MiniExc_TypeError, encoding ? "encoding without a string argument" : "errors without a string argument");
        return -1;
    }
    if (MiniLong_Check(x)) {
        Mini_ssize_t n = MiniNumber_AsSsize_t(x, MiniExc_OverflowError);
        if (n == -1 && MiniErr_Occurred()) return -1;
        if (n < 0) { MiniErr_SetString(MiniExc_ValueError, "negative count"); return -1; }
        if (resize(self, n) < 0) return -1;
        if (n > 0) memset(BA(self)->data, 0, (size_t)n);
        return 0;
    }
    MiniObject *b = as_bytes(x);
    if (b != NULL) {
        int r = append_bytes(self, MiniBytes_AsString(b), MiniBytes_Size(b));
        Mini_DECREF(b);
        return r;
    }
    if (MiniErr_Occurred()) return -1;
    MiniObject *it = MiniObject_GetIter(x), *item;
    if (it == NULL) {
        if (MiniErr_ExceptionMatches(MiniExc_TypeError)) {
            MiniErr_Clear();
            MiniErr_Format(MiniExc_TypeError, "cannot convert '%.200s' object to bytearray", MiniType_Name(Mini_TYPE(x)));
        }
        return -1;
    }
    int r = 0;
    while ((item = MiniIter_Next(it)) != NULL) {
        Mini_ssize_t v = MiniNumber_AsSsize_t(item, NULL);
        Mini_DECREF(item);
        if (v == -1 && MiniErr_Occurred()) { r = -1; break; }
        if (v < 0 || v > 255) { MiniErr_SetString(MiniExc_ValueError, "byte must be in range(0, 256)"); r = -1; break; }
        char c = (char)v;
        if (append_bytes(self, &c, 1) < 0) { r = -1; break; }
    }
    Mini_DECREF(it);
    if (r == 0 && MiniErr_Occurred()) r = -1;
    return r;
}

static MiniObject *bytearray_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    static const char *const names[] = { "source", "encoding", "errors" };
    MiniObject *a[3] = { NULL, NULL, NULL };
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 3) return MiniErr_Format(MiniExc_TypeError, "bytearray() takes at most 3 arguments (%zd given)", n);
    for (Mini_ssize_t i = 0; i < n; i++) a[i] = MiniTuple_GET_ITEM(args, i);
    if (kwargs != NULL) {
        Mini_ssize_t pos = 0;
        MiniObject *k, *v;
        while (MiniDict_Next(kwargs, &pos, &k, &v)) {
            int f = -1;
            for (int i = 0; i < 3; i++) if (MiniUnicode_EqualToUTF8(k, names[i])) f = i;
            if (f < 0) return MiniErr_Format(MiniExc_TypeError, "'%U' is an invalid keyword argument for bytearray()", k);
            a[f] = v;
        }
    }
    MiniObject *self = MiniObject_New(type);
    if (self == NULL) return NULL;
    if (a[0] != NULL && fill(self, a[0], a[1], a[2]) < 0) { Mini_DECREF(self); return NULL; }
    if (a[0] == NULL && (a[1] != NULL || a[2] != NULL)) {
        Mini_DECREF(self);
        return MiniErr_Format(MiniExc_TypeError, "encoding or errors without sequence argument");
    }
    return self;
}

/* Subclasses with their own __init__ receive the constructor's arguments there; bytearray's own
 * work is done in tp_new. */
static int bytearray_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)self; (void)args; (void)kwargs;
    return 0;
}

static void bytearray_dealloc(MiniObject *self) {
    MiniMem_Free(BA(self)->data);
    MiniObject_Free(self);
}

static MiniObject *bytearray_repr(MiniObject *self) {
    MiniObject *b = MiniBytes_FromStringAndSize(BA(self)->data ? BA(self)->data : "", BA(self)->size);
    if (b == NULL) return NULL;
    MiniObject *r = MiniObject_Repr(b);
    Mini_DECREF(b);
    if (r == NULL) return NULL;
    MiniObject *res = MiniUnicode_FromFormat("%s(%U)", MiniType_Name(Mini_TYPE(self)), r);
    Mini_DECREF(r);
    return res;
}

/* ----- sequence ------------------------------------------------------------------------------------ */

static Mini_ssize_t bytearray_length(MiniObject *self) { return BA(self)->size; }

static MiniObject *bytearray_item(MiniObject *self, Mini_ssize_t i) {
    if (i < 0 || i >= BA(self)->size) return MiniErr_Format(MiniExc_IndexError, "bytearray index out of range");
    return MiniLong_FromLong((unsigned char)BA(self)->data[i]);
}

static MiniObject *bytearray_subscript(MiniObject *self, MiniObject *key) {
    if (MiniSlice_Check(key)) {
        Mini_ssize_t start, step, count;
        if (_MiniSlice_Indices(key, BA(self)->size, &start, &step, &count) < 0) return NULL;
        MiniObject *res = MiniObject_New(&MiniByteArray_Type);
        if (res == NULL || resize(res, count) < 0) { Mini_XDECREF(res); return NULL; }
        for (Mini_ssize_t k = 0; k < count; k++) BA(res)->data[k] = BA(self)->data[start + k * step];
        return res;
    }
    Mini_ssize_t i;
    if (_Mini_SubscriptIndex(key, "bytearray", &i) < 0) return NULL;
    if (i < 0) i += BA(self)->size;
    return bytearray_item(self, i);
}

static int byte_value(MiniObject *v, char *out) {
    Mini_ssize_t x = MiniNumber_AsSsize_t(v, NULL);
    if (x == -1 && MiniErr_Occurred()) return -1;
    if (x < 0 || x > 255) { MiniErr_SetString(MiniExc_ValueError, "byte must be in range(0, 256)"); return -1; }
    *out = (char)x;
    return 0;
}

/* Replaces count bytes at start (step 1) with n bytes from p (p may be NULL for deletion). */
static int replace_range(MiniObject *self, Mini_ssize_t start, Mini_ssize_t count, const char *p, Mini_ssize_t n) {
    Mini_ssize_t size = BA(self)->size, tail = size - start - count;
    if (n != count && BA(self)->exports > 0) {
        MiniErr_SetString(MiniExc_BufferError, "Existing exports of data: object cannot be re-sized");
        return -1;
    }
    if (n > count) {
        if (resize(self, size + n - count) < 0) return -1;
        memmove(BA(self)->data + start + n, BA(self)->data + start + count, (size_t)tail);
    } else if (n < count) {
        memmove(BA(self)->data + start + n, BA(self)->data + start + count, (size_t)tail);
        if (resize(self, size + n - count) < 0) return -1;
    }
    if (n > 0) memcpy(BA(self)->data + start, p, (size_t)n);
    return 0;
}

static int bytearray_ass_subscript(MiniObject *self, MiniObject *key, MiniObject *value) {
    if (MiniSlice_Check(key)) {
        Mini_ssize_t start, step, count;
        if (_MiniSlice_Indices(key, BA(self)->size, &start, &step, &count) < 0) return -1;
        MiniObject *src = NULL;
        if (value != NULL) {
            if (MiniLong_Check(value)) {
                MiniErr_SetString(MiniExc_TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
                return -1;
            }
            MiniObject *tmp = MiniObject_New(&MiniByteArray_Type);
            if (tmp == NULL) return -1;
            if (fill(tmp, value, NULL, NULL) < 0) { Mini_DECREF(tmp); return -1; }
            src = tmp;
        }
        int r;
        if (step == 1) {
            r = replace_range(self, start, count, src ? BA(src)->data : NULL, src ? BA(src)->size : 0);
        } else if (src == NULL) {
            /* Extended-slice deletion: keep the bytes not selected. */
            Mini_ssize_t w = 0, size = BA(self)->size;
            char *d = BA(self)->data;
            for (Mini_ssize_t i = 0; i < size; i++) {
                int selected = 0;
                if (count > 0) {
                    Mini_ssize_t off = i - start;
                    selected = (step > 0 ? off >= 0 : off <= 0) && off % step == 0 && off / step < count;
                }
                if (!selected) d[w++] = d[i];
            }
            r = resize(self, w);
        } else if (BA(src)->size != count) {
            MiniErr_Format(MiniExc_ValueError, "attempt to assign bytes of size %zd to extended slice of size %zd",
                           BA(src)->size, count);
            r = -1;
        } else {
            for (Mini_ssize_t k = 0; k < count; k++) BA(self)->data[start + k * step] = BA(src)->data[k];
            r = 0;
        }
        Mini_XDECREF(src);
        return r;
    }
    Mini_ssize_t i;
    if (_Mini_SubscriptIndex(key, "bytearray", &i) < 0) return -1;
    if (i < 0) i += BA(self)->size;
    if (i < 0 || i >= BA(self)->size) {
        MiniErr_SetString(MiniExc_IndexError, "bytearray index out of range");
        return -1;
    }
    if (value == NULL) return replace_range(self, i, 1, NULL, 0);
    return byte_value(value, &BA(self)->data[i]);
}

static int bytearray_contains(MiniObject *self, MiniObject *x) {
    if (MiniLong_Check(x)) {
        char c;
        if (byte_value(x, &c) < 0) return -1;
        return BA(self)->size > 0 && memchr(BA(self)->data, c, (size_t)BA(self)->size) != NULL;
    }
    MiniObject *b = as_bytes(x);
    if (b == NULL) {
        if (!MiniErr_Occurred())
            MiniErr_Format(MiniExc_TypeError, "a bytes-like object is required, not '%s'", MiniType_Name(Mini_TYPE(x)));
        return -1;
    }
    Mini_ssize_t n = MiniBytes_Size(b), size = BA(self)->size;
    const char *p = MiniBytes_AsString(b);
    int found = n == 0;
    for (Mini_ssize_t i = 0; !found && i + n <= size; i++) found = memcmp(BA(self)->data + i, p, (size_t)n) == 0;
    Mini_DECREF(b);
    return found;
}

/* ----- numbers: + and * ------------------------------------------------------------------------------ */

static MiniObject *bytearray_concat(MiniObject *a, MiniObject *b) {
    if (!MiniObject_TypeCheck(a, &MiniByteArray_Type)) Mini_RETURN_NOTIMPLEMENTED;
    MiniObject *bb = as_bytes(b);
    if (bb == NULL) {
        if (MiniErr_Occurred()) return NULL;
        return MiniErr_Format(MiniExc_TypeError, "can't concat %s to %s", MiniType_Name(Mini_TYPE(b)), MiniType_Name(Mini_TYPE(a)));
    }
    MiniObject *res = new_from(&MiniByteArray_Type, BA(a)->data, BA(a)->size);
    if (res != NULL && append_bytes(res, MiniBytes_AsString(bb), MiniBytes_Size(bb)) < 0) Mini_CLEAR(res);
    Mini_DECREF(bb);
    return res;
}

static MiniObject *bytearray_repeat(MiniObject *a, MiniObject *b) {
    MiniObject *self = a, *count = b;
    if (!MiniObject_TypeCheck(self, &MiniByteArray_Type)) { self = b; count = a; }
    if (!MiniLong_Check(count)) Mini_RETURN_NOTIMPLEMENTED;
    Mini_ssize_t n = MiniNumber_AsSsize_t(count, MiniExc_OverflowError);
    if (n == -1 && MiniErr_Occurred()) return NULL;
    if (n < 0) n = 0;
    MiniObject *res = MiniObject_New(&MiniByteArray_Type);
    if (res == NULL) return NULL;
    Mini_ssize_t size = BA(self)->size;
    if (size > 0 && n > MINI_SSIZE_T_MAX / size) { Mini_DECREF(res); return MiniErr_NoMemory(); }
    if (resize(res, size * n) < 0) { Mini_DECREF(res); return NULL; }
    for (Mini_ssize_t i = 0; i < n; i++) memcpy(BA(res)->data + i * size, BA(self)->data, (size_t)size);
    return res;
}

static MiniObject *bytearray_richcompare(MiniObject *self, MiniObject *other, int op) {
    MiniObject *a = as_bytes(self), *b = as_bytes(other);
    if (a == NULL || b == NULL) {
        Mini_XDECREF(a);
        Mini_XDECREF(b);
        if (MiniErr_Occurred()) MiniErr_Clear();
        Mini_RETURN_NOTIMPLEMENTED;
    }
    MiniObject *r = MiniObject_RichCompare(a, b, op);
    Mini_DECREF(a);
    Mini_DECREF(b);
    return r;
}

/* ----- buffer ------------------------------------------------------------------------------------------ */

static int bytearray_getbuffer(MiniObject *self, MiniBuffer *view, int flags) {
    if (BA(self)->data == NULL && resize(self, 0) == 0 && BA(self)->data == NULL) {
        /* Give an empty bytearray a block so the view has a valid pointer. */
        if ((BA(self)->data = MiniMem_Malloc(1)) == NULL) { MiniErr_NoMemory(); return -1; }
        BA(self)->data[0] = '\0';
    }
    if (MiniBuffer_FillInfo(view, self, BA(self)->data, BA(self)->size, 0, flags) < 0) return -1;
    BA(self)->exports++;
    return 0;
}

static void bytearray_releasebuffer(MiniObject *self, MiniBuffer *view) {
    (void)view;
    BA(self)->exports--;
}

/* ----- methods ------------------------------------------------------------------------------------------ */

static MiniObject *ba_append(MiniObject *self, MiniObject *x) {
    char c;
    if (byte_value(x, &c) < 0) return NULL;
    if (append_bytes(self, &c, 1) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *ba_extend(MiniObject *self, MiniObject *x) {
    if (MiniUnicode_Check(x)) return MiniErr_Format(MiniExc_TypeError, "expected iterable of integers; got: 'str'");
    MiniObject *tmp = MiniObject_New(&MiniByteArray_Type);
    if (tmp == NULL) return NULL;
    int r = fill(tmp, x, NULL, NULL);
    if (r == 0) r = append_bytes(self, BA(tmp)->data, BA(tmp)->size);
    Mini_DECREF(tmp);
    if (r < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *ba_insert(MiniObject *self, MiniObject *args) {
    MiniObject *io, *vo;
    if (!MiniArg_UnpackTuple(args, "insert", 2, 2, &io, &vo)) return NULL;
    Mini_ssize_t i = MiniNumber_AsSsize_t(io, MiniExc_OverflowError), n = BA(self)->size;
    if (i == -1 && MiniErr_Occurred()) return NULL;
    char c;
    if (byte_value(vo, &c) < 0) return NULL;
    if (i < 0) { i += n; if (i < 0) i = 0; }
    if (i > n) i = n;
    if (replace_range(self, i, 0, &c, 1) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *ba_pop(MiniObject *self, MiniObject *args) {
    Mini_ssize_t n = BA(self)->size, i = -1;
    if (MiniTuple_GET_SIZE(args) > 1) return MiniErr_Format(MiniExc_TypeError, "pop expected at most 1 argument, got %zd", MiniTuple_GET_SIZE(args));
    if (MiniTuple_GET_SIZE(args) == 1) {
        i = MiniNumber_AsSsize_t(MiniTuple_GET_ITEM(args, 0), MiniExc_OverflowError);
        if (i == -1 && MiniErr_Occurred()) return NULL;
    }
    if (n == 0) return MiniErr_Format(MiniExc_IndexError, "pop from empty bytearray");
    if (i < 0) i += n;
    if (i < 0 || i >= n) return MiniErr_Format(MiniExc_IndexError, "pop index out of range");
    unsigned char c = (unsigned char)BA(self)->data[i];
    if (replace_range(self, i, 1, NULL, 0) < 0) return NULL;
    return MiniLong_FromLong(c);
}

static MiniObject *ba_remove(MiniObject *self, MiniObject *x) {
    char c;
    if (byte_value(x, &c) < 0) return NULL;
    char *p = BA(self)->size ? memchr(BA(self)->data, c, (size_t)BA(self)->size) : NULL;
    if (p == NULL) return MiniErr_Format(MiniExc_ValueError, "value not found in bytearray");
    if (replace_range(self, p - BA(self)->data, 1, NULL, 0) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *ba_clear(MiniObject *self, MiniObject *unused) {
    (void)unused;
    if (resize(self, 0) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *ba_reverse(MiniObject *self, MiniObject *unused) {
    (void)unused;
    char *d = BA(self)->data;
    for (Mini_ssize_t i = 0, j = BA(self)->size - 1; i < j; i++, j--) { char t = d[i]; d[i] = d[j]; d[j] = t; }
    Mini_RETURN_NONE;
}

static MiniObject *ba_copy(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return new_from(&MiniByteArray_Type, BA(self)->data, BA(self)->size);
}

/* ----- the critical-section wrappers (free-threaded mode): every method and slot that reads or
 * resizes the buffer runs in the bytearray's section; other operands are copied through as_bytes,
 * which takes theirs. ------------------------------------------------------------------------------- */

#define CS_METH(name) static MiniObject *name##_cs(MiniObject *self, MiniObject *arg) {          \
        MiniObject *r;                                                                         \
        Mini_BEGIN_CRITICAL_SECTION(self);                                                     \
        r = name(self, arg);                                                                   \
        Mini_END_CRITICAL_SECTION();                                                           \
        return r;                                                                              \
    }
CS_METH(ba_append) CS_METH(ba_extend) CS_METH(ba_insert) CS_METH(ba_pop) CS_METH(ba_remove)
CS_METH(ba_clear) CS_METH(ba_reverse) CS_METH(ba_copy) CS_METH(bytearray_subscript)
CS_METH(bytearray_concat) CS_METH(bytearray_repeat)

static MiniObject *bytearray_repr_cs(MiniObject *self) {
    MiniObject *r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = bytearray_repr(self);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static Mini_ssize_t bytearray_length_cs(MiniObject *self) {
    Mini_ssize_t n;
    Mini_BEGIN_CRITICAL_SECTION(self);
    n = bytearray_length(self);
    Mini_END_CRITICAL_SECTION();
    return n;
}

static MiniObject *bytearray_item_cs(MiniObject *self, Mini_ssize_t i) {
    MiniObject *r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = bytearray_item(self, i);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static int bytearray_ass_subscript_cs(MiniObject *self, MiniObject *key, MiniObject *value) {
    int r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = bytearray_ass_subscript(self, key, value);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static int bytearray_contains_cs(MiniObject *self, MiniObject *x) {
    int r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = bytearray_contains(self, x);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static MiniObject *bytearray_richcompare_cs(MiniObject *self, MiniObject *other, int op) {
    MiniObject *r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = bytearray_richcompare(self, other, op);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static int bytearray_getbuffer_cs(MiniObject *self, MiniBuffer *view, int flags) {
    int r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = bytearray_getbuffer(self, view, flags);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static void bytearray_releasebuffer_cs(MiniObject *self, MiniBuffer *view) {
    Mini_BEGIN_CRITICAL_SECTION(self);
    bytearray_releasebuffer(self, view);
    Mini_END_CRITICAL_SECTION();
}

static MiniMethodDef bytearray_methods[] = {
    { "append", ba_append_cs, MINI_METH_O, "Append a single item to the end of the bytearray." },
    { "extend", ba_extend_cs, MINI_METH_O, "Append all the items from the iterator or sequence to the end of the bytearray." },
    { "insert", (MiniCFunction)ba_insert_cs, MINI_METH_VARARGS, "Insert a single item into the bytearray before the given index." },
    { "pop", (MiniCFunction)ba_pop_cs, MINI_METH_VARARGS, "Remove and return a single item from B." },
    { "remove", ba_remove_cs, MINI_METH_O, "Remove the first occurrence of a value in the bytearray." },
    { "clear", ba_clear_cs, MINI_METH_NOARGS, "Remove all items from the bytearray." },
    { "reverse", ba_reverse_cs, MINI_METH_NOARGS, "Reverse the order of the values in B in place." },
    { "copy", ba_copy_cs, MINI_METH_NOARGS, "Return a copy of B." },
    { "__iadd__", _MiniByteArray_InPlaceConcat, MINI_METH_O, "Implement self+=value." },
    { "__imul__", _MiniByteArray_InPlaceRepeat, MINI_METH_O, "Implement self*=value." },
    { NULL, NULL, 0, NULL },
};

/* ----- the other bytes methods, run on a copy ------------------------------------------------------------ */

typedef struct {
    MiniObject_HEAD
    MiniObject *method;    /* owned bound method of a bytes copy */
    int convert;           /* bytes results become bytearrays */
} ByteArrayForwardObject;

static void forward_dealloc(MiniObject *op) {
    Mini_CLEAR(((ByteArrayForwardObject *)op)->method);
    MiniObject_Free(op);
}

/* bytes results become bytearrays (also inside a returned list or tuple). Steals r. */
static MiniObject *convert_result(MiniObject *r) {
    if (r == NULL) return NULL;
    if (MiniBytes_CheckExact(r)) {
        MiniObject *o = MiniByteArray_FromStringAndSize(MiniBytes_AsString(r), MiniBytes_Size(r));
        Mini_DECREF(r);
        return o;
    }
    if (MiniList_CheckExact(r) || MiniTuple_CheckExact(r)) {
        int is_list = MiniList_CheckExact(r);
        Mini_ssize_t n = is_list ? MiniList_GET_SIZE(r) : MiniTuple_GET_SIZE(r);
        MiniObject *out = is_list ? MiniList_New(n) : MiniTuple_New(n);
        if (out == NULL) { Mini_DECREF(r); return NULL; }
        for (Mini_ssize_t i = 0; i < n; i++) {
            MiniObject *x = is_list ? MiniList_GET_ITEM(r, i) : MiniTuple_GET_ITEM(r, i);
            MiniObject *y = MiniBytes_CheckExact(x) ? MiniByteArray_FromStringAndSize(MiniBytes_AsString(x), MiniBytes_Size(x))
                                                   : Mini_NewRef(x);
            if (y == NULL) { Mini_DECREF(out); Mini_DECREF(r); return NULL; }
            if (is_list) MiniList_SetItem(out, i, y); else MiniTuple_SET_ITEM(out, i, y);
        }
        Mini_DECREF(r);
        return out;
    }
    return r;
}

static MiniObject *forward_call(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    ByteArrayForwardObject *f = (ByteArrayForwardObject *)op;
    /* Arguments that are bytearrays travel as bytes (the bytes methods take bytes). */
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    MiniObject *a = MiniTuple_New(n);
    if (a == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *x = MiniTuple_GET_ITEM(args, i);
        MiniObject *y = MiniObject_TypeCheck(x, &MiniByteArray_Type) ? as_bytes(x) : Mini_NewRef(x);
        if (y == NULL) { Mini_DECREF(a); return NULL; }
        MiniTuple_SET_ITEM(a, i, y);
    }
    MiniObject *r = MiniObject_Call(f->method, a, kwargs);
    Mini_DECREF(a);
    return f->convert ? convert_result(r) : r;
}

static MiniTypeObject ByteArrayForward_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(ByteArrayForwardObject),
    .tp_dealloc = forward_dealloc,
    .tp_call = forward_call,
};

/* Attribute lookup: bytearray's own, then a bytes method run on a copy of the contents. */
static MiniObject *bytearray_getattro(MiniObject *self, MiniObject *name) {
    MiniObject *r = MiniObject_GenericGetAttr(self, name);
    if (r != NULL || !MiniErr_ExceptionMatches(MiniExc_AttributeError)) return r;
    const char *cname = MiniUnicode_AsUTF8(name);
    if (cname == NULL || cname[0] == '_' || MiniType_Lookup(&MiniBytes_Type, name) == NULL) return NULL;
    MiniErr_Clear();
    MiniObject *copy = as_bytes(self);
    if (copy == NULL) return NULL;
    MiniObject *m = MiniObject_GetAttr(copy, name);
    Mini_DECREF(copy);
    if (m == NULL) return NULL;
    ByteArrayForwardObject *f = (ByteArrayForwardObject *)MiniObject_New(&ByteArrayForward_Type);
    if (f == NULL) { Mini_DECREF(m); return NULL; }
    f->method = m;
    f->convert = strcmp(cname, "hex") != 0 && strcmp(cname, "decode") != 0;
    return (MiniObject *)f;
}

static MiniNumberMethods bytearray_as_number = {
    .nb_add = bytearray_concat_cs,
    .nb_multiply = bytearray_repeat_cs,
};

static MiniSequenceMethods bytearray_as_sequence = {
    .sq_length = bytearray_length_cs,
    .sq_item = bytearray_item_cs,
    .sq_contains = bytearray_contains_cs,
};

static MiniMappingMethods bytearray_as_mapping = {
    .mp_length = bytearray_length_cs,
    .mp_subscript = bytearray_subscript_cs,
    .mp_ass_subscript = bytearray_ass_subscript_cs,
};

static MiniBufferProcs bytearray_as_buffer = {
    .bf_getbuffer = bytearray_getbuffer_cs,
    .bf_releasebuffer = bytearray_releasebuffer_cs,
};

static Mini_hash_t bytearray_unhashable(MiniObject *self) {
    (void)self;
    MiniErr_SetString(MiniExc_TypeError, "unhashable type: 'bytearray'");
    return -1;
}

MiniTypeObject MiniByteArray_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "bytearray",
    .tp_basicsize = sizeof(MiniByteArrayObject),
    .tp_dealloc = bytearray_dealloc,
    .tp_repr = bytearray_repr_cs,
    .tp_hash = bytearray_unhashable,
    .tp_richcompare = bytearray_richcompare_cs,
    .tp_getattro = bytearray_getattro,
    .tp_as_number = &bytearray_as_number,
    .tp_as_sequence = &bytearray_as_sequence,
    .tp_as_mapping = &bytearray_as_mapping,
    .tp_as_buffer = &bytearray_as_buffer,
    .tp_methods = bytearray_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "bytearray(iterable_of_ints) -> bytearray\nbytearray(string, encoding[, errors]) -> bytearray\n"
              "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\nbytearray(int) -> bytes array of size given by the parameter initialized with null bytes\nbytearray() -> empty bytes array",
    .tp_new = bytearray_new,
    .tp_init = bytearray_init,
};

MiniObject *_MiniByteArray_InPlaceConcat(MiniObject *ba, MiniObject *other) {
    MiniObject *b = as_bytes(other);
    if (b == NULL) {
        if (MiniErr_Occurred()) return NULL;
        return MiniErr_Format(MiniExc_TypeError, "can't concat %s to %s", MiniType_Name(Mini_TYPE(other)), MiniType_Name(Mini_TYPE(ba)));
    }
    int r;
    Mini_BEGIN_CRITICAL_SECTION(ba);
    r = append_bytes(ba, MiniBytes_AsString(b), MiniBytes_Size(b));
    Mini_END_CRITICAL_SECTION();
    Mini_DECREF(b);
    return r < 0 ? NULL : Mini_NewRef(ba);
}

/* ba *= n in place (the caller holds the section): the first size bytes copied n-1 more times. */
static MiniObject *inplace_repeat_unlocked(MiniObject *ba, Mini_ssize_t n) {
    Mini_ssize_t size = BA(ba)->size;
    if (n < 0) n = 0;
    if (size > 0 && n > MINI_SSIZE_T_MAX / size) return MiniErr_NoMemory();
    if (resize(ba, size * n) < 0) return NULL;
    for (Mini_ssize_t i = 1; i < n; i++) memcpy(BA(ba)->data + i * size, BA(ba)->data, (size_t)size);
    return Mini_NewRef(ba);
}

MiniObject *_MiniByteArray_InPlaceRepeat(MiniObject *ba, MiniObject *count) {
    MiniNumberMethods *nb = Mini_TYPE(count)->tp_as_number;
    if (!MiniLong_Check(count) && (nb == NULL || nb->nb_index == NULL))
        return MiniErr_Format(MiniExc_TypeError, "can't multiply sequence by non-int of type '%.200s'", MiniType_Name(Mini_TYPE(count)));
    Mini_ssize_t n = MiniNumber_AsSsize_t(count, MiniExc_OverflowError);
    if (n == -1 && MiniErr_Occurred()) return NULL;
    MiniObject *r;
    Mini_BEGIN_CRITICAL_SECTION(ba);
    r = inplace_repeat_unlocked(ba, n);
    Mini_END_CRITICAL_SECTION();
    return r;
}

int _MiniByteArray_Ready(void) {
    if (MiniType_Ready(&ByteArrayForward_Type) < 0 || MiniType_Ready(&MiniMemoryView_Type) < 0) return -1;
    return MiniType_Ready(&MiniByteArray_Type);
}

