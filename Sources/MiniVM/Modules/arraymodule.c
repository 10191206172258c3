/* Modules/arraymodule.c: the `array` module: array.array, a mutable sequence of C numbers of one
 * type (typecodes b B u h H i I l L q Q f d), with CPython 3.11's behaviour and messages.
 *
 * Written for the kit (it replaces the list-backed Lib/array.py): the items live in one
 * malloc'ed block that grows geometrically, so a[i] on a 'd' array reads a double and makes a
 * float, with no Python frame in between (pyperformance's scimark spends its time there).
 * Each typecode is a row of DESCRS: item size, a getter (C value -> new object) and a setter
 * (object -> C value, with the exact OverflowError/TypeError text CPython's converters give).
 *
 * Buffer exports (memoryview, struct.unpack_from, bytes(a)) pin the block: while `exports` > 0
 * anything that would resize it raises BufferError, as CPython. Free-threaded, every slot and
 * method runs inside the array's critical section (mini/critical_section.h); operations that read
 * a second array (a + b, a == b, extend, slice assignment) copy or lock both. Arrays hold no
 * object references, so they take no part in cycle collection. Pickling goes through
 * __reduce_ex__ in CPython's two forms (array(typecode, list) before protocol 3, then
 * _array_reconstructor over the raw bytes); copy.copy/deepcopy use __copy__/__deepcopy__. */
#include "stdlib_internal.h"
#include "lib_internal.h"
#include "objimpl_internal.h"
#include "unicodeobject_internal.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

/* ----- typecodes --------------------------------------------------------------------------------- */

typedef struct ArrayDescr {
    char code;
    int itemsize;
    MiniObject *(*get)(const char *p);          /* new reference or NULL */
    int (*set)(char *p, MiniObject *v);          /* 0, or -1 with an exception (p untouched) */
    const char *format;                         /* struct-module format of one item */
} ArrayDescr;

typedef struct {
    MiniObject_HEAD
    char *data;                  /* size * itemsize bytes (owned; NULL when never allocated) */
    Mini_ssize_t size, alloc;    /* items used / items allocated */
    const ArrayDescr *d;
    Mini_ssize_t exports;        /* live buffer views */
} ArrayObject;

#define AR(o) ((ArrayObject *)(o))

static MiniTypeObject Array_Type;
static MiniTypeObject ArrayIter_Type;
#define Array_Check(o) MiniObject_TypeCheck((o), &Array_Type)

/* The value of v as a C long through __index__: TypeError "'str' object cannot be interpreted as
 * an integer", OverflowError "Python int too large to convert to C long". 0 / -1. */
static int as_long(MiniObject *v, long *out) {
    MiniObject *i = MiniNumber_Index(v);
    if (i == NULL) return -1;
    int ovf = 0;
    long x = MiniLong_AsLongAndOverflow(i, &ovf);
    Mini_DECREF(i);
    if (ovf != 0) {
        MiniErr_SetString(MiniExc_OverflowError, "Python int too large to convert to C long");
        return -1;
    }
    if (x == -1 && MiniErr_Occurred()) return -1;
    *out = x;
    return 0;
}

static int range_error(const char *what, int greater) {
    MiniErr_Format(MiniExc_OverflowError, "%s is %s", what, greater ? "greater than maximum" : "less than minimum");
    return -1;
}

/* Unsigned conversion as PyLong_AsUnsignedLong / AsUnsignedLongLong: negative values and values
 * past 64 bits raise with the message of the C converter CPython's array uses for that code. */
static int as_unsigned(MiniObject *v, unsigned long long *out, int longlong) {
    MiniObject *i = MiniNumber_Index(v);
    if (i == NULL) return -1;
    int ovf = 0;
    long x = MiniLong_AsLongAndOverflow(i, &ovf);
    int rc = 0;
    if (ovf == 0 && x == -1 && MiniErr_Occurred()) rc = -1;
    else if (ovf < 0 || (ovf == 0 && x < 0)) {
        MiniErr_SetString(MiniExc_OverflowError, longlong ? "can't convert negative int to unsigned"
                                                           : "can't convert negative value to unsigned int");
        rc = -1;
    } else if (ovf == 0) {
        *out = (unsigned long long)x;
    } else {
        unsigned long long u = MiniLong_AsUnsignedLongLong(i);
        if (u == (unsigned long long)-1 && MiniErr_Occurred()) {
            MiniErr_Clear();
            MiniErr_SetString(MiniExc_OverflowError, longlong ? "int too big to convert"
                                                               : "Python int too large to convert to C unsigned long");
            rc = -1;
        } else {
            *out = u;
        }
    }
    Mini_DECREF(i);
    return rc;
}

static MiniObject *get_b(const char *p) { return MiniLong_FromLong(*(const signed char *)p); }
static MiniObject *get_B(const char *p) { return MiniLong_FromLong(*(const unsigned char *)p); }
static MiniObject *get_h(const char *p) { short x; memcpy(&x, p, sizeof x); return MiniLong_FromLong(x); }
static MiniObject *get_H(const char *p) { unsigned short x; memcpy(&x, p, sizeof x); return MiniLong_FromLong(x); }
static MiniObject *get_i(const char *p) { int x; memcpy(&x, p, sizeof x); return MiniLong_FromLong(x); }
static MiniObject *get_I(const char *p) { unsigned x; memcpy(&x, p, sizeof x); return MiniLong_FromLongLong(x); }
static MiniObject *get_l(const char *p) { long x; memcpy(&x, p, sizeof x); return MiniLong_FromLong(x); }
static MiniObject *get_L(const char *p) { unsigned long x; memcpy(&x, p, sizeof x); return MiniLong_FromUnsignedLongLong(x); }
static MiniObject *get_q(const char *p) { long long x; memcpy(&x, p, sizeof x); return MiniLong_FromLongLong(x); }
static MiniObject *get_Q(const char *p) { unsigned long long x; memcpy(&x, p, sizeof x); return MiniLong_FromUnsignedLongLong(x); }
static MiniObject *get_f(const char *p) { float x; memcpy(&x, p, sizeof x); return MiniFloat_FromDouble(x); }
static MiniObject *get_d(const char *p) { double x; memcpy(&x, p, sizeof x); return MiniFloat_FromDouble(x); }
static MiniObject *get_u(const char *p) {
    uint32_t x;
    memcpy(&x, p, sizeof x);
    if (x >= 0x110000) return MiniErr_Format(MiniExc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]", x);
    return MiniUnicode_FromOrdinal((int)x);
}

static int set_b(char *p, MiniObject *v) {
    long x;
    if (as_long(v, &x) < 0) return -1;
    if (x < SHRT_MIN || x > SHRT_MAX) return range_error("signed short integer", x > 0);
    if (x < SCHAR_MIN || x > SCHAR_MAX) return range_error("signed char", x > 0);
    *(signed char *)p = (signed char)x;
    return 0;
}
static int set_B(char *p, MiniObject *v) {
    long x;
    if (as_long(v, &x) < 0) return -1;
    if (x < 0 || x > UCHAR_MAX) return range_error("unsigned byte integer", x > 0);
    *(unsigned char *)p = (unsigned char)x;
    return 0;
}
static int set_h(char *p, MiniObject *v) {
    long x;
    if (as_long(v, &x) < 0) return -1;
    if (x < SHRT_MIN || x > SHRT_MAX) return range_error("signed short integer", x > 0);
    short s = (short)x;
    memcpy(p, &s, sizeof s);
    return 0;
}
static int set_H(char *p, MiniObject *v) {
    long x;
    if (as_long(v, &x) < 0) return -1;
    if (x < INT_MIN || x > INT_MAX) return range_error("signed integer", x > 0);
    if (x < 0 || x > USHRT_MAX) return range_error("unsigned short", x > 0);
    unsigned short s = (unsigned short)x;
    memcpy(p, &s, sizeof s);
    return 0;
}
static int set_i(char *p, MiniObject *v) {
    long x;
    if (as_long(v, &x) < 0) return -1;
    if (x < INT_MIN || x > INT_MAX) return range_error("signed integer", x > 0);
    int s = (int)x;
    memcpy(p, &s, sizeof s);
    return 0;
}
static int set_I(char *p, MiniObject *v) {
    unsigned long long x;
    if (as_unsigned(v, &x, 0) < 0) return -1;
    if (x > UINT_MAX) return range_error("unsigned int", 1);
    unsigned s = (unsigned)x;
    memcpy(p, &s, sizeof s);
    return 0;
}
static int set_l(char *p, MiniObject *v) {
    long x;
    if (as_long(v, &x) < 0) return -1;
    memcpy(p, &x, sizeof x);
    return 0;
}
static int set_L(char *p, MiniObject *v) {
    unsigned long long x;
    if (as_unsigned(v, &x, 0) < 0) return -1;
    unsigned long s = (unsigned long)x;
    memcpy(p, &s, sizeof s);
    return 0;
}
static int set_q(char *p, MiniObject *v) {
    MiniObject *i = MiniNumber_Index(v);
    if (i == NULL) return -1;
    int ovf = 0;
    long long x = MiniLong_AsLongAndOverflow(i, &ovf);
    Mini_DECREF(i);
    if (ovf != 0) { MiniErr_SetString(MiniExc_OverflowError, "int too big to convert"); return -1; }
    if (x == -1 && MiniErr_Occurred()) return -1;
    memcpy(p, &x, sizeof x);
    return 0;
}
static int set_Q(char *p, MiniObject *v) {
    unsigned long long x;
    if (as_unsigned(v, &x, 1) < 0) return -1;
    memcpy(p, &x, sizeof x);
    return 0;
}
/* float(v) for 'f' and 'd': floats and ints (and objects with __float__ / __index__). */
static int as_double(MiniObject *v, double *out) {
    if (MiniFloat_CheckExact(v)) { *out = MiniFloat_AS_DOUBLE(v); return 0; }
    if (!MiniFloat_Check(v) && !MiniLong_Check(v)) {
        MiniTypeObject *t = Mini_TYPE(v);
        if (t->tp_as_number == NULL || (t->tp_as_number->nb_float == NULL && t->tp_as_number->nb_index == NULL)) {
            MiniErr_Format(MiniExc_TypeError, "must be real number, not %.200s", MiniType_Name(t));
            return -1;
        }
    }
    double x = MiniFloat_AsDouble(v);
    if (x == -1.0 && MiniErr_Occurred()) return -1;
    *out = x;
    return 0;
}
static int set_f(char *p, MiniObject *v) {
    double x;
    if (as_double(v, &x) < 0) return -1;
    float f = (float)x;
    memcpy(p, &f, sizeof f);
    return 0;
}
static int set_d(char *p, MiniObject *v) {
    double x;
    if (as_double(v, &x) < 0) return -1;
    memcpy(p, &x, sizeof x);
    return 0;
}
static int set_u(char *p, MiniObject *v) {
    if (!MiniUnicode_Check(v) || MiniUnicode_GetLength(v) != 1) {
        MiniErr_SetString(MiniExc_TypeError, "array item must be unicode character");
        return -1;
    }
    int len;
    uint32_t cp = _MiniUnicode_DecodeUTF8(_MiniUnicode_DATA(v), &len);
    memcpy(p, &cp, sizeof cp);
    return 0;
}

static const ArrayDescr DESCRS[] = {
    {'b', 1, get_b, set_b, "b"}, {'B', 1, get_B, set_B, "B"}, {'u', 4, get_u, set_u, "w"},
    {'h', sizeof(short), get_h, set_h, "h"}, {'H', sizeof(short), get_H, set_H, "H"},
    {'i', sizeof(int), get_i, set_i, "i"}, {'I', sizeof(int), get_I, set_I, "I"},
    {'l', sizeof(long), get_l, set_l, "l"}, {'L', sizeof(long), get_L, set_L, "L"},
    {'q', sizeof(long long), get_q, set_q, "q"}, {'Q', sizeof(long long), get_Q, set_Q, "Q"},
    {'f', sizeof(float), get_f, set_f, "f"}, {'d', sizeof(double), get_d, set_d, "d"},
};

static const ArrayDescr *find_descr(int code) {
    for (size_t i = 0; i < sizeof DESCRS / sizeof DESCRS[0]; i++)
        if (DESCRS[i].code == code) return &DESCRS[i];
    return NULL;
}

/* ----- storage --------------------------------------------------------------------------------------- */

#define ITEM(a, i) ((a)->data + (i) * (a)->d->itemsize)

/* Makes room for n items (keeps the contents); BufferError while exported and the size changes. */
static int resize(ArrayObject *a, Mini_ssize_t n) {
    if (n != a->size && a->exports > 0) {
        MiniErr_SetString(MiniExc_BufferError, "cannot resize an array that is exporting buffers");
        return -1;
    }
    if (n > a->alloc || (a->data == NULL && n == 0)) {
        Mini_ssize_t cap = a->alloc < 4 ? 4 : a->alloc;
        while (cap < n) {
            if (cap > MINI_SSIZE_T_MAX / 2 / a->d->itemsize) { MiniErr_NoMemory(); return -1; }
            cap += (cap >> 1) + 4;
        }
        if ((size_t)cap > (size_t)MINI_SSIZE_T_MAX / (size_t)a->d->itemsize) { MiniErr_NoMemory(); return -1; }
        char *p = MiniMem_Realloc(a->data, (size_t)cap * (size_t)a->d->itemsize);
        if (p == NULL) { MiniErr_NoMemory(); return -1; }
        a->data = p;
        a->alloc = cap;
    }
    a->size = n;
    return 0;
}

static ArrayObject *new_array(MiniTypeObject *type, const ArrayDescr *d, Mini_ssize_t n) {
    ArrayObject *a = (ArrayObject *)MiniObject_New(type);
    if (a == NULL) return NULL;
    a->d = d;
    if (resize(a, n) < 0) { Mini_DECREF(a); return NULL; }
    return a;
}

/* Appends n raw items (p may point into a's own block). */
static int append_raw(ArrayObject *a, const char *p, Mini_ssize_t n) {
    if (n == 0) return 0;
    size_t bytes = (size_t)n * (size_t)a->d->itemsize;
    char *tmp = NULL;
    if (a->data != NULL && p >= a->data && p < a->data + a->alloc * a->d->itemsize) {
        if ((tmp = MiniMem_Malloc(bytes)) == NULL) { MiniErr_NoMemory(); return -1; }
        memcpy(tmp, p, bytes);
        p = tmp;
    }
    Mini_ssize_t old = a->size;
    int r = resize(a, old + n);
    if (r == 0) memcpy(ITEM(a, old), p, bytes);
    MiniMem_Free(tmp);
    return r;
}

/* Appends one item converted from v. */
static int append_obj(ArrayObject *a, MiniObject *v) {
    char buf[8];
    if (a->d->set(buf, v) < 0) return -1;
    return append_raw(a, buf, 1);
}

/* Replaces count items at start with n raw items from p (p NULL: deletion). */
static int replace_range(ArrayObject *a, Mini_ssize_t start, Mini_ssize_t count, const char *p, Mini_ssize_t n) {
    Mini_ssize_t size = a->size, tail = size - start - count, isz = a->d->itemsize;
    if (n != count && a->exports > 0) {
        MiniErr_SetString(MiniExc_BufferError, "cannot resize an array that is exporting buffers");
        return -1;
    }
    if (n > count) {
        if (resize(a, size + n - count) < 0) return -1;
        memmove(ITEM(a, start + n), ITEM(a, start + count), (size_t)(tail * isz));
    } else if (n < count) {
        memmove(ITEM(a, start + n), ITEM(a, start + count), (size_t)(tail * isz));
        if (resize(a, size + n - count) < 0) return -1;
    }
    if (n > 0) memcpy(ITEM(a, start), p, (size_t)(n * isz));
    return 0;
}

/* Appends every item of an iterable (each converted; a failure leaves the items before it). */
static int extend_iter(ArrayObject *a, MiniObject *iterable) {
    if (MiniList_CheckExact(iterable) || MiniTuple_CheckExact(iterable)) {
        int is_list = MiniList_CheckExact(iterable);
        for (Mini_ssize_t i = 0;; i++) {
            Mini_ssize_t n = is_list ? MiniList_GET_SIZE(iterable) : MiniTuple_GET_SIZE(iterable);
            if (i >= n) return 0;
            MiniObject *x = is_list ? MiniList_GetItemRef(iterable, i) : Mini_NewRef(MiniTuple_GET_ITEM(iterable, i));
            if (x == NULL) return -1;
            int r = append_obj(a, x);
            Mini_DECREF(x);
            if (r < 0) return -1;
        }
    }
    MiniObject *it = MiniObject_GetIter(iterable), *x;
    if (it == NULL) return -1;
    while ((x = MiniIter_Next(it)) != NULL) {
        int r = append_obj(a, x);
        Mini_DECREF(x);
        if (r < 0) { Mini_DECREF(it); return -1; }
    }
    Mini_DECREF(it);
    return MiniErr_Occurred() ? -1 : 0;
}

/* Appends the items of a bytes-like object (its length must be a multiple of the item size). */
static int from_bytes(ArrayObject *a, MiniObject *b) {
    MiniBuffer view;
    if (MiniObject_GetBuffer(b, &view, MINI_BUF_SIMPLE) < 0) return -1;
    int r = 0;
    if (view.len % a->d->itemsize != 0) {
        MiniErr_SetString(MiniExc_ValueError, "bytes length not a multiple of item size");
        r = -1;
    } else if (view.obj == (MiniObject *)a) {
        /* a.frombytes(a): copy first (the view pins a, so it could not grow). */
        char *tmp = MiniMem_Malloc((size_t)view.len + 1);
        if (tmp == NULL) { MiniErr_NoMemory(); r = -1; }
        else {
            memcpy(tmp, view.buf, (size_t)view.len);
            MiniBuffer_Release(&view);
            r = append_raw(a, tmp, (Mini_ssize_t)(view.len / a->d->itemsize));
            MiniMem_Free(tmp);
            return r;
        }
    } else {
        r = append_raw(a, view.buf, view.len / a->d->itemsize);
    }
    MiniBuffer_Release(&view);
    return r;
}

/* ----- construction ---------------------------------------------------------------------------------- */

static MiniObject *array_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (kwargs != NULL && MiniDict_Size(kwargs) > 0 && type == &Array_Type)
        return MiniErr_Format(MiniExc_TypeError, "array.array() takes no keyword arguments");
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n < 1 || n > 2)
        return MiniErr_Format(MiniExc_TypeError, "array() takes at %s (%zd given)", n < 1 ? "least 1 argument" : "most 2 arguments", n);
    MiniObject *tc = MiniTuple_GET_ITEM(args, 0), *init = n > 1 ? MiniTuple_GET_ITEM(args, 1) : NULL;
    if (!MiniUnicode_Check(tc) || MiniUnicode_GetLength(tc) != 1) {
        if (MiniUnicode_Check(tc))
            return MiniErr_Format(MiniExc_TypeError, "array() argument 1 must be a unicode character, not str");
        return MiniErr_Format(MiniExc_TypeError, "array() argument 1 must be a unicode character, not %.200s",
                              MiniType_Name(Mini_TYPE(tc)));
    }
    const ArrayDescr *d = find_descr((unsigned char)_MiniUnicode_DATA(tc)[0]);
    if (d == NULL || _MiniUnicode_NBYTES(tc) != 1)
        return MiniErr_Format(MiniExc_ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
    if (init != NULL && MiniUnicode_Check(init) && d->code != 'u')
        return MiniErr_Format(MiniExc_TypeError, "cannot use a str to initialize an array with typecode '%c'", d->code);
    ArrayObject *a = new_array(type, d, 0);
    if (a == NULL) return NULL;
    int r = 0;
    if (init == NULL) r = 0;
    else if (MiniUnicode_Check(init)) {
        const char *s = _MiniUnicode_DATA(init), *end = s + _MiniUnicode_NBYTES(init);
        while (r == 0 && s < end) {
            int len;
            uint32_t cp = _MiniUnicode_DecodeUTF8(s, &len);
            s += len;
            r = append_raw(a, (const char *)&cp, 1);
        }
    } else if (Array_Check(init) && AR(init)->d != d && AR(init)->d->code == 'u') {
        Mini_DECREF(a);
        return MiniErr_Format(MiniExc_TypeError, "cannot use a unicode array to initialize an array with typecode '%c'", d->code);
    } else if (MiniBytes_Check(init) || MiniByteArray_Check(init)) {
        r = from_bytes(a, init);
    } else if (Array_Check(init) && AR(init)->d == d) {
        Mini_BEGIN_CRITICAL_SECTION(init);
        r = append_raw(a, AR(init)->data, AR(init)->size);
        Mini_END_CRITICAL_SECTION();
    } else {
        r = extend_iter(a, init);
    }
    if (r < 0) { Mini_DECREF(a); return NULL; }
    return (MiniObject *)a;
}

/* Subclasses with their own __init__ get the constructor's arguments there; the work is in tp_new. */
static int array_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)self; (void)args; (void)kwargs;
    return 0;
}

static void array_dealloc(MiniObject *self) {
    MiniMem_Free(AR(self)->data);
    MiniObject_Free(self);
}

/* ----- sequence and mapping slots (callers hold the array's section) ----------------------------------- */

static MiniObject *item_at(ArrayObject *a, Mini_ssize_t i) {
    if (i < 0 || i >= a->size) return MiniErr_Format(MiniExc_IndexError, "array index out of range");
    return a->d->get(ITEM(a, i));
}

static MiniObject *get_slice(ArrayObject *a, MiniObject *key) {
    Mini_ssize_t start, step, count, isz = a->d->itemsize;
    if (_MiniSlice_Indices(key, a->size, &start, &step, &count) < 0) return NULL;
    ArrayObject *r = new_array(&Array_Type, a->d, count);
    if (r == NULL) return NULL;
    if (step == 1) { if (count > 0) memcpy(r->data, ITEM(a, start), (size_t)(count * isz)); }
    else for (Mini_ssize_t k = 0; k < count; k++) memcpy(ITEM(r, k), ITEM(a, start + k * step), (size_t)isz);
    return (MiniObject *)r;
}

static int index_of(MiniObject *key, Mini_ssize_t size, Mini_ssize_t *out) {
    if (MiniLong_CheckExact(key)) {
        int ovf = 0;
        long i = MiniLong_AsLongAndOverflow(key, &ovf);
        if (ovf == 0) { *out = i < 0 ? i + size : i; return 0; }
    }
    if (!MiniLong_Check(key) && (Mini_TYPE(key)->tp_as_number == NULL || Mini_TYPE(key)->tp_as_number->nb_index == NULL)) {
        MiniErr_SetString(MiniExc_TypeError, "array indices must be integers");
        return -1;
    }
    Mini_ssize_t i = MiniNumber_AsSsize_t(key, MiniExc_IndexError);
    if (i == -1 && MiniErr_Occurred()) return -1;
    *out = i < 0 ? i + size : i;
    return 0;
}

static MiniObject *subscript(MiniObject *self, MiniObject *key) {
    ArrayObject *a = AR(self);
    if (MiniSlice_Check(key)) return get_slice(a, key);
    Mini_ssize_t i;
    if (index_of(key, a->size, &i) < 0) return NULL;
    return item_at(a, i);
}

/* Deletes the items an extended slice selects (step != 1), keeping the others in order. */
static int delete_extended(ArrayObject *a, Mini_ssize_t start, Mini_ssize_t step, Mini_ssize_t count) {
    if (count == 0) return 0;
    if (step < 0) { start = start + step * (count - 1); step = -step; }
    Mini_ssize_t isz = a->d->itemsize, w = start, next = start;
    for (Mini_ssize_t i = start; i < a->size; i++) {
        if (i == next && count > 0) { next += step; count--; continue; }
        memmove(ITEM(a, w), ITEM(a, i), (size_t)isz);
        w++;
    }
    return resize(a, w);
}

static int assign_slice(ArrayObject *a, MiniObject *key, MiniObject *value) {
    Mini_ssize_t start, step, count, isz = a->d->itemsize;
    if (_MiniSlice_Indices(key, a->size, &start, &step, &count) < 0) return -1;
    if (value == NULL) {
        if (step == 1) return replace_range(a, start, count, NULL, 0);
        return delete_extended(a, start, step, count);
    }
    if (!Array_Check(value)) {
        MiniErr_Format(MiniExc_TypeError, "can only assign array (not \"%.200s\") to array slice", MiniType_Name(Mini_TYPE(value)));
        return -1;
    }
    ArrayObject *b = AR(value);
    if (b->d != a->d) { MiniErr_SetString(MiniExc_TypeError, "bad argument type for built-in operation"); return -1; }
    /* Copy the source first: it may be a itself. */
    Mini_ssize_t n = b->size;
    char *tmp = MiniMem_Malloc((size_t)(n * isz) + 1);
    if (tmp == NULL) { MiniErr_NoMemory(); return -1; }
    if (b == a) memcpy(tmp, b->data, (size_t)(n * isz));
    else {
        Mini_BEGIN_CRITICAL_SECTION(b);
        n = b->size;
        if (n > 0) memcpy(tmp, b->data, (size_t)(n * isz));
        Mini_END_CRITICAL_SECTION();
    }
    int r;
    if (step == 1) r = replace_range(a, start, count, tmp, n);
    else if (n != count) {
        MiniErr_Format(MiniExc_ValueError, "attempt to assign array of size %zd to extended slice of size %zd", n, count);
        r = -1;
    } else {
        for (Mini_ssize_t k = 0; k < count; k++) memcpy(ITEM(a, start + k * step), tmp + k * isz, (size_t)isz);
        r = 0;
    }
    MiniMem_Free(tmp);
    return r;
}

static int ass_subscript(MiniObject *self, MiniObject *key, MiniObject *value) {
    ArrayObject *a = AR(self);
    if (MiniSlice_Check(key)) return assign_slice(a, key, value);
    Mini_ssize_t i;
    if (index_of(key, a->size, &i) < 0) return -1;
    if (i < 0 || i >= a->size) {
        MiniErr_SetString(MiniExc_IndexError, "array assignment index out of range");
        return -1;
    }
    if (value == NULL) return replace_range(a, i, 1, NULL, 0);
    if (a->d->code == 'd' && MiniFloat_CheckExact(value)) {   /* scimark's store */
        double x = MiniFloat_AS_DOUBLE(value);
        memcpy(ITEM(a, i), &x, sizeof x);
        return 0;
    }
    return a->d->set(ITEM(a, i), value);
}

/* Index of the first item equal to v at or after start (before stop), -1 if none, -2 on error. */
static Mini_ssize_t find(ArrayObject *a, MiniObject *v, Mini_ssize_t start, Mini_ssize_t stop) {
    for (Mini_ssize_t i = start; i < stop && i < a->size; i++) {
        MiniObject *x = a->d->get(ITEM(a, i));
        if (x == NULL) return -2;
        int eq = MiniObject_RichCompareBool(x, v, Mini_EQ);
        Mini_DECREF(x);
        if (eq < 0) return -2;
        if (eq) return i;
    }
    return -1;
}

static int contains(MiniObject *self, MiniObject *v) {
    Mini_ssize_t i = find(AR(self), v, 0, AR(self)->size);
    return i == -2 ? -1 : i >= 0;
}

static Mini_ssize_t length(MiniObject *self) { return AR(self)->size; }

/* ----- repr, comparison, + and * ------------------------------------------------------------------------ */

static MiniObject *tolist_locked(ArrayObject *a) {
    MiniObject *l = MiniList_New(a->size);
    if (l == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < a->size; i++) {
        MiniObject *x = a->d->get(ITEM(a, i));
        if (x == NULL) { Mini_DECREF(l); return NULL; }
        MiniList_SetItem(l, i, x);
    }
    return l;
}

static MiniObject *tounicode_locked(ArrayObject *a) {
    char *buf = MiniMem_Malloc((size_t)a->size * 4 + 1);
    if (buf == NULL) return MiniErr_NoMemory();
    Mini_ssize_t n = 0;
    for (Mini_ssize_t i = 0; i < a->size; i++) {
        uint32_t cp;
        memcpy(&cp, ITEM(a, i), sizeof cp);
        if (cp >= 0x110000) {
            MiniMem_Free(buf);
            return MiniErr_Format(MiniExc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]", cp);
        }
        n += _MiniUnicode_EncodeUTF8(cp, buf + n);
    }
    MiniObject *r = _MiniUnicode_FromUTF8Unchecked(buf, n);
    MiniMem_Free(buf);
    return r;
}

static MiniObject *repr(MiniObject *self) {
    ArrayObject *a = AR(self);
    const char *name = MiniType_Name(Mini_TYPE(self));
    if (a->size == 0) return MiniUnicode_FromFormat("%s('%c')", name, a->d->code);
    MiniObject *body = a->d->code == 'u' ? tounicode_locked(a) : tolist_locked(a);
    if (body == NULL) return NULL;
    MiniObject *r = MiniUnicode_FromFormat("%s('%c', %R)", name, a->d->code, body);
    Mini_DECREF(body);
    return r;
}

/* Rich comparison of a and b (both arrays, both sections held): lexicographic on the items. */
static MiniObject *compare_locked(ArrayObject *a, ArrayObject *b, int op) {
    if (a->size != b->size && (op == Mini_EQ || op == Mini_NE)) return Mini_NewRef(op == Mini_EQ ? Mini_False : Mini_True);
    if (a->d == b->d && a->d->code != 'f' && a->d->code != 'd' && (op == Mini_EQ || op == Mini_NE)) {
        int same = a->size == 0 || memcmp(a->data, b->data, (size_t)(a->size * a->d->itemsize)) == 0;
        return Mini_NewRef((same == (op == Mini_EQ)) ? Mini_True : Mini_False);
    }
    Mini_ssize_t n = a->size < b->size ? a->size : b->size;
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *x = a->d->get(ITEM(a, i)), *y = x ? b->d->get(ITEM(b, i)) : NULL;
        if (y == NULL) { Mini_XDECREF(x); return NULL; }
        int eq = MiniObject_RichCompareBool(x, y, Mini_EQ);
        if (eq == 0) {
            MiniObject *r = op == Mini_EQ ? Mini_NewRef(Mini_False) : op == Mini_NE ? Mini_NewRef(Mini_True)
                                                                                    : MiniObject_RichCompare(x, y, op);
            Mini_DECREF(x);
            Mini_DECREF(y);
            return r;
        }
        Mini_DECREF(x);
        Mini_DECREF(y);
        if (eq < 0) return NULL;
    }
    Mini_ssize_t sa = a->size, sb = b->size;
    int r;
    switch (op) {
    case Mini_LT: r = sa < sb; break;
    case Mini_LE: r = sa <= sb; break;
    case Mini_EQ: r = sa == sb; break;
    case Mini_NE: r = sa != sb; break;
    case Mini_GT: r = sa > sb; break;
    default: r = sa >= sb; break;
    }
    return Mini_NewRef(r ? Mini_True : Mini_False);
}

static MiniObject *richcompare(MiniObject *self, MiniObject *other, int op) {
    if (!Array_Check(self) || !Array_Check(other)) Mini_RETURN_NOTIMPLEMENTED;
    MiniObject *r;
    Mini_BEGIN_CRITICAL_SECTION2(self, other);
    r = compare_locked(AR(self), AR(other), op);
    Mini_END_CRITICAL_SECTION2();
    return r;
}

static MiniObject *concat(MiniObject *self, MiniObject *other) {
    if (!Array_Check(self)) Mini_RETURN_NOTIMPLEMENTED;
    if (!Array_Check(other))
        return MiniErr_Format(MiniExc_TypeError, "can only append array (not \"%.200s\") to array", MiniType_Name(Mini_TYPE(other)));
    if (AR(other)->d != AR(self)->d) return MiniErr_Format(MiniExc_TypeError, "bad argument type for built-in operation");
    ArrayObject *r = NULL;
    Mini_BEGIN_CRITICAL_SECTION2(self, other);
    r = new_array(&Array_Type, AR(self)->d, 0);
    if (r != NULL && (append_raw(r, AR(self)->data, AR(self)->size) < 0 ||
                      append_raw(r, AR(other)->data, AR(other)->size) < 0)) Mini_CLEAR(r);
    Mini_END_CRITICAL_SECTION2();
    return (MiniObject *)r;
}

static MiniObject *repeat(MiniObject *x, MiniObject *y) {
    MiniObject *self = x, *count = y;
    if (!Array_Check(self)) { self = y; count = x; }
    if (!MiniLong_Check(count) && (Mini_TYPE(count)->tp_as_number == NULL || Mini_TYPE(count)->tp_as_number->nb_index == NULL))
        return MiniErr_Format(MiniExc_TypeError, "can't multiply sequence by non-int of type '%.200s'", MiniType_Name(Mini_TYPE(count)));
    Mini_ssize_t n = MiniNumber_AsSsize_t(count, MiniExc_OverflowError);
    if (n == -1 && MiniErr_Occurred()) return NULL;
    if (n < 0) n = 0;
    ArrayObject *r = NULL;
    Mini_BEGIN_CRITICAL_SECTION(self);
    ArrayObject *a = AR(self);
    Mini_ssize_t size = a->size;
    if (size > 0 && n > MINI_SSIZE_T_MAX / size / a->d->itemsize) MiniErr_NoMemory();
    else if ((r = new_array(&Array_Type, a->d, size * n)) != NULL && size > 0) {
        size_t bytes = (size_t)(size * a->d->itemsize);
        if (size == 1) {
            for (Mini_ssize_t i = 0; i < n; i++) memcpy(r->data + i * (Mini_ssize_t)bytes, a->data, bytes);
        } else if (n > 0) {
            /* Doubling copies: O(log n) memcpy calls. */
            memcpy(r->data, a->data, bytes);
            size_t done = bytes, total = bytes * (size_t)n;
            while (done < total) {
                size_t k = done < total - done ? done : total - done;
                memcpy(r->data + done, r->data, k);
                done += k;
            }
        }
    }
    Mini_END_CRITICAL_SECTION();
    return (MiniObject *)r;
}

/* ----- in place: a += b, a *= n (the caller holds a's section) ---------------------------------------------- */

static MiniObject *m_extend(MiniObject *self, MiniObject *v);

/* a += b: extends a with the items of the array b (same typecode); new reference to a. */
static MiniObject *inplace_concat(MiniObject *self, MiniObject *other) {
    if (!Array_Check(other))
        return MiniErr_Format(MiniExc_TypeError, "can only extend array with array (not \"%.200s\")",
                              MiniType_Name(Mini_TYPE(other)));
    MiniObject *r = m_extend(self, other);
    if (r == NULL) return NULL;
    Mini_DECREF(r);
    return Mini_NewRef(self);
}

/* a *= n: repeats a's items in its own block (n <= 0 empties it); new reference to a. */
static MiniObject *inplace_repeat(MiniObject *self, MiniObject *count) {
    if (!MiniLong_Check(count) && (Mini_TYPE(count)->tp_as_number == NULL || Mini_TYPE(count)->tp_as_number->nb_index == NULL))
        return MiniErr_Format(MiniExc_TypeError, "can't multiply sequence by non-int of type '%.200s'", MiniType_Name(Mini_TYPE(count)));
    Mini_ssize_t n = MiniNumber_AsSsize_t(count, MiniExc_OverflowError);
    if (n == -1 && MiniErr_Occurred()) return NULL;
    ArrayObject *a = AR(self);
    Mini_ssize_t size = a->size;
    if (n < 0) n = 0;
    if (size > 0 && n > MINI_SSIZE_T_MAX / size / a->d->itemsize) return MiniErr_NoMemory();
    if (resize(a, size * n) < 0) return NULL;
    size_t bytes = (size_t)(size * a->d->itemsize), total = bytes * (size_t)n, done = bytes;
    while (n > 0 && done < total) {       /* doubling copies from the block's own start */
        size_t k = done < total - done ? done : total - done;
        memcpy(a->data + done, a->data, k);
        done += k;
    }
    return Mini_NewRef(self);
}

/* ----- buffer ----------------------------------------------------------------------------------------------- */

static int getbuffer(MiniObject *self, MiniBuffer *view, int flags) {
    ArrayObject *a = AR(self);
    if (a->data == NULL && resize(a, 0) < 0) return -1;
    if (MiniBuffer_FillInfo(view, self, a->data, a->size * a->d->itemsize, 0, flags) < 0) return -1;
    view->itemsize = a->d->itemsize;
    view->format = a->d->format;
    view->shape[0] = a->size;
    view->strides[0] = a->d->itemsize;
    a->exports++;
    return 0;
}

static void releasebuffer(MiniObject *self, MiniBuffer *view) {
    (void)view;
    AR(self)->exports--;
}

/* ----- methods (callers hold the array's section) ------------------------------------------------------------ */

static MiniObject *m_append(MiniObject *self, MiniObject *v) {
    if (append_obj(AR(self), v) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *m_extend(MiniObject *self, MiniObject *v) {
    ArrayObject *a = AR(self);
    if (Array_Check(v)) {
        if (AR(v)->d != a->d) return MiniErr_Format(MiniExc_TypeError, "can only extend with array of same kind");
        int r;
        if (v == self) r = append_raw(a, a->data, a->size);
        else {
            Mini_BEGIN_CRITICAL_SECTION(v);
            r = append_raw(a, AR(v)->data, AR(v)->size);
            Mini_END_CRITICAL_SECTION();
        }
        if (r < 0) return NULL;
        Mini_RETURN_NONE;
    }
    if (extend_iter(a, v) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *m_insert(MiniObject *self, MiniObject *args) {
    MiniObject *io, *v;
    if (!MiniArg_UnpackTuple(args, "insert", 2, 2, &io, &v)) return NULL;
    ArrayObject *a = AR(self);
    Mini_ssize_t i = MiniNumber_AsSsize_t(io, MiniExc_OverflowError), n = a->size;
    if (i == -1 && MiniErr_Occurred()) return NULL;
    char buf[8];
    if (a->d->set(buf, v) < 0) return NULL;
    if (i < 0) { i += n; if (i < 0) i = 0; }
    if (i > n) i = n;
    if (replace_range(a, i, 0, buf, 1) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *m_pop(MiniObject *self, MiniObject *args) {
    ArrayObject *a = AR(self);
    Mini_ssize_t i = -1, n = MiniTuple_GET_SIZE(args);
    if (n > 1) return MiniErr_Format(MiniExc_TypeError, "pop expected at most 1 argument, got %zd", n);
    if (n == 1) {
        i = MiniNumber_AsSsize_t(MiniTuple_GET_ITEM(args, 0), MiniExc_OverflowError);
        if (i == -1 && MiniErr_Occurred()) return NULL;
    }
    if (a->size == 0) return MiniErr_Format(MiniExc_IndexError, "pop from empty array");
    if (i < 0) i += a->size;
    if (i < 0 || i >= a->size) return MiniErr_Format(MiniExc_IndexError, "pop index out of range");
    MiniObject *x = a->d->get(ITEM(a, i));
    if (x == NULL) return NULL;
    if (replace_range(a, i, 1, NULL, 0) < 0) { Mini_DECREF(x); return NULL; }
    return x;
}

static MiniObject *m_remove(MiniObject *self, MiniObject *v) {
    Mini_ssize_t i = find(AR(self), v, 0, AR(self)->size);
    if (i == -2) return NULL;
    if (i < 0) return MiniErr_Format(MiniExc_ValueError, "array.remove(x): x not in array");
    if (replace_range(AR(self), i, 1, NULL, 0) < 0) return NULL;
    Mini_RETURN_NONE;
}

static int clamp_index(MiniObject *o, Mini_ssize_t size, Mini_ssize_t *out) {
    if (!MiniLong_Check(o) && (Mini_TYPE(o)->tp_as_number == NULL || Mini_TYPE(o)->tp_as_number->nb_index == NULL)) {
        MiniErr_SetString(MiniExc_TypeError, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    Mini_ssize_t i = MiniNumber_AsSsize_t(o, NULL);
    if (i == -1 && MiniErr_Occurred()) return -1;
    if (i < 0) { i += size; if (i < 0) i = 0; }
    *out = i;
    return 0;
}

static MiniObject *m_index(MiniObject *self, MiniObject *args) {
    MiniObject *v, *so = NULL, *eo = NULL;
    if (!MiniArg_UnpackTuple(args, "index", 1, 3, &v, &so, &eo)) return NULL;
    Mini_ssize_t start = 0, stop = MINI_SSIZE_T_MAX;
    if (so != NULL && clamp_index(so, AR(self)->size, &start) < 0) return NULL;
    if (eo != NULL && clamp_index(eo, AR(self)->size, &stop) < 0) return NULL;
    Mini_ssize_t i = find(AR(self), v, start, stop);
    if (i == -2) return NULL;
    if (i < 0) return MiniErr_Format(MiniExc_ValueError, "array.index(x): x not in array");
    return MiniLong_FromSsize_t(i);
}

static MiniObject *m_count(MiniObject *self, MiniObject *v) {
    Mini_ssize_t n = 0, i = 0;
    while ((i = find(AR(self), v, i, AR(self)->size)) >= 0) { n++; i++; }
    if (i == -2) return NULL;
    return MiniLong_FromSsize_t(n);
}

static MiniObject *m_reverse(MiniObject *self, MiniObject *unused) {
    (void)unused;
    ArrayObject *a = AR(self);
    Mini_ssize_t isz = a->d->itemsize;
    char tmp[8];
    for (Mini_ssize_t i = 0, j = a->size - 1; i < j; i++, j--) {
        memcpy(tmp, ITEM(a, i), (size_t)isz);
        memcpy(ITEM(a, i), ITEM(a, j), (size_t)isz);
        memcpy(ITEM(a, j), tmp, (size_t)isz);
    }
    Mini_RETURN_NONE;
}

static MiniObject *m_tobytes(MiniObject *self, MiniObject *unused) {
    (void)unused;
    ArrayObject *a = AR(self);
    return MiniBytes_FromStringAndSize(a->size ? a->data : "", a->size * a->d->itemsize);
}

static MiniObject *m_frombytes(MiniObject *self, MiniObject *b) {
    if (b == self) return MiniErr_Format(MiniExc_TypeError, "a bytes-like object is required");   /* as CPython */
    if (!MiniObject_CheckBuffer(b) || MiniUnicode_Check(b))
        return MiniErr_Format(MiniExc_TypeError, "a bytes-like object is required, not '%.200s'", MiniType_Name(Mini_TYPE(b)));
    if (from_bytes(AR(self), b) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *m_tolist(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return tolist_locked(AR(self));
}

static MiniObject *m_fromlist(MiniObject *self, MiniObject *l) {
    if (!MiniList_Check(l)) return MiniErr_Format(MiniExc_TypeError, "arg must be list");
    ArrayObject *a = AR(self);
    Mini_ssize_t old = a->size;
    /* All or nothing: a bad item removes the ones appended before it. */
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(l); i++) {
        MiniObject *x = MiniList_GetItemRef(l, i);
        int r = x == NULL ? -1 : append_obj(a, x);
        Mini_XDECREF(x);
        if (r < 0) {
            if (a->exports == 0) a->size = old;
            return NULL;
        }
    }
    Mini_RETURN_NONE;
}

static MiniObject *m_tounicode(MiniObject *self, MiniObject *unused) {
    (void)unused;
    if (AR(self)->d->code != 'u') return MiniErr_Format(MiniExc_ValueError, "tounicode() may only be called on unicode type arrays");
    return tounicode_locked(AR(self));
}

static MiniObject *m_fromunicode(MiniObject *self, MiniObject *s) {
    if (!MiniUnicode_Check(s))
        return MiniErr_Format(MiniExc_TypeError, "fromunicode() argument must be str, not %.200s", MiniType_Name(Mini_TYPE(s)));
    if (AR(self)->d->code != 'u') return MiniErr_Format(MiniExc_ValueError, "fromunicode() may only be called on unicode type arrays");
    const char *p = _MiniUnicode_DATA(s), *end = p + _MiniUnicode_NBYTES(s);
    while (p < end) {
        int len;
        uint32_t cp = _MiniUnicode_DecodeUTF8(p, &len);
        p += len;
        if (append_raw(AR(self), (const char *)&cp, 1) < 0) return NULL;
    }
    Mini_RETURN_NONE;
}

static MiniObject *m_buffer_info(MiniObject *self, MiniObject *unused) {
    (void)unused;
    ArrayObject *a = AR(self);
    if (a->data == NULL && resize(a, 0) < 0) return NULL;
    MiniObject *p = MiniLong_FromUnsignedLongLong((unsigned long long)(uintptr_t)a->data);
    MiniObject *n = p ? MiniLong_FromSsize_t(a->size) : NULL;
    if (n == NULL) { Mini_XDECREF(p); return NULL; }
    MiniObject *r = MiniTuple_Pack(2, p, n);
    Mini_DECREF(p);
    Mini_DECREF(n);
    return r;
}

static MiniObject *m_byteswap(MiniObject *self, MiniObject *unused) {
    (void)unused;
    ArrayObject *a = AR(self);
    int isz = a->d->itemsize;
    for (Mini_ssize_t i = 0; i < a->size; i++) {
        char *p = ITEM(a, i);
        for (int k = 0; k < isz / 2; k++) { char t = p[k]; p[k] = p[isz - 1 - k]; p[isz - 1 - k] = t; }
    }
    Mini_RETURN_NONE;
}

static MiniObject *m_copy(MiniObject *self, MiniObject *unused) {
    (void)unused;
    ArrayObject *a = AR(self), *r = new_array(&Array_Type, a->d, 0);
    if (r != NULL && append_raw(r, a->data, a->size) < 0) Mini_CLEAR(r);
    return (MiniObject *)r;
}

/* CPython's "machine format codes" (its arraymodule's enum, a pickle format fact): how the bytes
 * of a pickled array are laid out. The kit runs on little-endian machines with 4-byte int and
 * wchar_t and 8-byte long, so each typecode has one native code; the big-endian twin is +1. */
static int native_mformat(char code) {
    switch (code) {
    case 'B': return 0;  case 'b': return 1;  case 'H': return 2;  case 'h': return 4;
    case 'I': return 6;  case 'i': return 8;  case 'L': case 'Q': return 10;
    case 'l': case 'q': return 12;  case 'f': return 14;  case 'd': return 16;  case 'u': return 20;
    default: return -1;
    }
}

/* The array's state as CPython 3.11 reduces it: protocol < 3 gives (type, (typecode, list), dict);
 * later ones (array._array_reconstructor, (type, typecode, machine format, bytes), dict), so the
 * kit's pickles and CPython's load in both. dict is the instance __dict__ (None without one). */
static MiniObject *m_reduce_ex(MiniObject *self, MiniObject *proto) {
    long pv = MiniLong_AsLong(proto);
    if (pv == -1 && MiniErr_Occurred()) return NULL;
    ArrayObject *a = AR(self);
    MiniObject *dict = MiniObject_GetAttrString(self, "__dict__");
    if (dict == NULL) { MiniErr_Clear(); dict = Mini_NewRef(Mini_None); }
    char tc[2] = {a->d->code, 0};
    MiniObject *args = NULL, *fn = NULL;
    if (pv < 3) {
        MiniObject *list = tolist_locked(a);
        if (list != NULL) args = Mini_BuildValue("(sO)", tc, list);
        Mini_XDECREF(list);
        fn = Mini_NewRef((MiniObject *)Mini_TYPE(self));
    } else {
        MiniObject *bytes = MiniBytes_FromStringAndSize(a->data, a->size * a->d->itemsize);
        if (bytes != NULL) args = Mini_BuildValue("(OsiO)", (MiniObject *)Mini_TYPE(self), tc, native_mformat(a->d->code), bytes);
        Mini_XDECREF(bytes);
        MiniObject *mod = MiniImport_ImportModule("array");
        fn = mod ? MiniObject_GetAttrString(mod, "_array_reconstructor") : NULL;
        Mini_XDECREF(mod);
    }
    MiniObject *r = (args && fn) ? MiniTuple_Pack(3, fn, args, dict) : NULL;
    Mini_XDECREF(args);
    Mini_XDECREF(fn);
    Mini_DECREF(dict);
    return r;
}

/* ----- the section wrappers: each slot and method runs in the array's critical section ------------------------ */

#define CS_METH(name) static MiniObject *name##_cs(MiniObject *self, MiniObject *arg) {          \
        MiniObject *r;                                                                         \
        Mini_BEGIN_CRITICAL_SECTION(self);                                                     \
        r = name(self, arg);                                                                   \
        Mini_END_CRITICAL_SECTION();                                                           \
        return r;                                                                              \
    }
CS_METH(m_append) CS_METH(m_extend) CS_METH(m_insert) CS_METH(m_pop) CS_METH(m_remove) CS_METH(m_index)
CS_METH(m_count) CS_METH(m_reverse) CS_METH(m_tobytes) CS_METH(m_frombytes) CS_METH(m_tolist)
CS_METH(m_fromlist) CS_METH(m_tounicode) CS_METH(m_fromunicode) CS_METH(m_buffer_info) CS_METH(m_byteswap)
CS_METH(m_copy) CS_METH(m_reduce_ex) CS_METH(subscript) CS_METH(inplace_concat) CS_METH(inplace_repeat)

MiniObject *_MiniArray_InPlaceOp(MiniObject *a, MiniObject *b, int multiply) {
    if (!Array_Check(a)) return NULL;
    return multiply ? inplace_repeat_cs(a, b) : inplace_concat_cs(a, b);
}

static MiniObject *m_deepcopy_cs(MiniObject *self, MiniObject *memo) {
    (void)memo;
    return m_copy_cs(self, NULL);
}

static MiniObject *repr_cs(MiniObject *self) {
    MiniObject *r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = repr(self);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static Mini_ssize_t length_cs(MiniObject *self) {
    Mini_ssize_t n;
    Mini_BEGIN_CRITICAL_SECTION(self);
    n = length(self);
    Mini_END_CRITICAL_SECTION();
    return n;
}

static MiniObject *item_cs(MiniObject *self, Mini_ssize_t i) {
    MiniObject *r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = item_at(AR(self), i);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static int ass_subscript_cs(MiniObject *self, MiniObject *key, MiniObject *value) {
    int r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = ass_subscript(self, key, value);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static int contains_cs(MiniObject *self, MiniObject *v) {
    int r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = contains(self, v);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static int getbuffer_cs(MiniObject *self, MiniBuffer *view, int flags) {
    int r;
    Mini_BEGIN_CRITICAL_SECTION(self);
    r = getbuffer(self, view, flags);
    Mini_END_CRITICAL_SECTION();
    return r;
}

static void releasebuffer_cs(MiniObject *self, MiniBuffer *view) {
    Mini_BEGIN_CRITICAL_SECTION(self);
    releasebuffer(self, view);
    Mini_END_CRITICAL_SECTION();
}

/* ----- iteration --------------------------------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniObject *array;     /* owned; NULL once exhausted */
    Mini_ssize_t index;
} ArrayIterObject;

static MiniObject *array_iter(MiniObject *self) {
    ArrayIterObject *it = (ArrayIterObject *)MiniObject_New(&ArrayIter_Type);
    if (it == NULL) return NULL;
    it->array = Mini_NewRef(self);
    it->index = 0;
    return (MiniObject *)it;
}

static MiniObject *arrayiter_next(MiniObject *self) {
    ArrayIterObject *it = (ArrayIterObject *)self;
    if (it->array == NULL) return NULL;
    MiniObject *r = NULL;
    int done = 0;
    Mini_BEGIN_CRITICAL_SECTION(it->array);
    ArrayObject *a = AR(it->array);
    if (it->index < a->size) r = a->d->get(ITEM(a, it->index++));
    else done = 1;
    Mini_END_CRITICAL_SECTION();
    if (done) Mini_CLEAR(it->array);
    return r;
}

static void arrayiter_dealloc(MiniObject *self) {
    Mini_CLEAR(((ArrayIterObject *)self)->array);
    MiniObject_Free(self);
}

static MiniObject *self_iter(MiniObject *self) { return Mini_NewRef(self); }

static MiniTypeObject ArrayIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "array.arrayiterator",
    .tp_basicsize = sizeof(ArrayIterObject),
    .tp_dealloc = arrayiter_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = arrayiter_next,
};

/* ----- attributes and the type --------------------------------------------------------------------------------- */

static MiniObject *get_typecode(MiniObject *self, void *closure) {
    (void)closure;
    char tc[2] = {AR(self)->d->code, 0};
    return MiniUnicode_FromString(tc);
}

static MiniObject *get_itemsize(MiniObject *self, void *closure) {
    (void)closure;
    return MiniLong_FromLong(AR(self)->d->itemsize);
}

static MiniGetSetDef array_getset[] = {
    {"typecode", get_typecode, NULL, "the typecode character used to create the array", NULL},
    {"itemsize", get_itemsize, NULL, "the size, in bytes, of one array item", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniMethodDef array_methods[] = {
    {"append", m_append_cs, MINI_METH_O, "Append new value v to the end of the array."},
    {"extend", m_extend_cs, MINI_METH_O, "Append items to the end of the array."},
    {"insert", m_insert_cs, MINI_METH_VARARGS, "Insert a new item v into the array before position i."},
    {"pop", m_pop_cs, MINI_METH_VARARGS, "Return the i-th element and delete it from the array (default last)."},
    {"remove", m_remove_cs, MINI_METH_O, "Remove the first occurrence of v in the array."},
    {"index", m_index_cs, MINI_METH_VARARGS, "Return index of first occurrence of v in the array."},
    {"count", m_count_cs, MINI_METH_O, "Return number of occurrences of v in the array."},
    {"reverse", m_reverse_cs, MINI_METH_NOARGS, "Reverse the order of the items in the array."},
    {"tobytes", m_tobytes_cs, MINI_METH_NOARGS, "Convert the array to an array of machine values and return the bytes representation."},
    {"frombytes", m_frombytes_cs, MINI_METH_O, "Appends items from the string, interpreting it as an array of machine values."},
    {"tolist", m_tolist_cs, MINI_METH_NOARGS, "Convert array to an ordinary list with the same items."},
    {"fromlist", m_fromlist_cs, MINI_METH_O, "Append items to array from list."},
    {"tounicode", m_tounicode_cs, MINI_METH_NOARGS, "Extends this array with data from the unicode string ustr."},
    {"fromunicode", m_fromunicode_cs, MINI_METH_O, "Extends this array with data from the unicode string ustr."},
    {"buffer_info", m_buffer_info_cs, MINI_METH_NOARGS, "Return a tuple (address, length) giving the current memory address and the length in items."},
    {"byteswap", m_byteswap_cs, MINI_METH_NOARGS, "Byteswap all items of the array."},
    {"__copy__", m_copy_cs, MINI_METH_NOARGS, "Return a copy of the array."},
    {"__deepcopy__", m_deepcopy_cs, MINI_METH_O, "Return a copy of the array."},
    {"__reduce_ex__", m_reduce_ex_cs, MINI_METH_O, "Return state information for pickling."},
    {"__iadd__", inplace_concat_cs, MINI_METH_O, "Implement self+=value."},
    {"__imul__", inplace_repeat_cs, MINI_METH_O, "Implement self*=value."},
    {NULL, NULL, 0, NULL},
};

static MiniNumberMethods array_as_number = {
    .nb_add = concat,
    .nb_multiply = repeat,
};

static MiniSequenceMethods array_as_sequence = {
    .sq_length = length_cs,
    .sq_item = item_cs,
    .sq_contains = contains_cs,
};

static MiniMappingMethods array_as_mapping = {
    .mp_length = length_cs,
    .mp_subscript = subscript_cs,
    .mp_ass_subscript = ass_subscript_cs,
};

static MiniBufferProcs array_as_buffer = {
    .bf_getbuffer = getbuffer_cs,
    .bf_releasebuffer = releasebuffer_cs,
};

static Mini_hash_t array_unhashable(MiniObject *self) {
    (void)self;
    MiniErr_SetString(MiniExc_TypeError, "unhashable type: 'array.array'");
    return -1;
}

static MiniTypeObject Array_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "array.array",
    .tp_basicsize = sizeof(ArrayObject),
    .tp_dealloc = array_dealloc,
    .tp_repr = repr_cs,
    .tp_hash = array_unhashable,
    .tp_richcompare = richcompare,
    .tp_iter = array_iter,
    .tp_as_number = &array_as_number,
    .tp_as_sequence = &array_as_sequence,
    .tp_as_mapping = &array_as_mapping,
    .tp_as_buffer = &array_as_buffer,
    .tp_methods = array_methods,
    .tp_getset = array_getset,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "array(typecode [, initializer]) -> array\n\nReturn a new array whose items are restricted by typecode, and\n"
              "initialized from the optional initializer value, which must be a list,\na bytes-like object, or iterable over elements of the appropriate type.",
    .tp_new = array_new,
    .tp_init = array_init,
};

/* ----- the module -------------------------------------------------------------------------------------------- */

/* Swaps each item's bytes in place (size 2, 4 or 8). */
static void swap_items(char *p, Mini_ssize_t n, int size) {
    for (Mini_ssize_t i = 0; i < n; i++, p += size)
        for (int j = 0; j < size / 2; j++) { char t = p[j]; p[j] = p[size - 1 - j]; p[size - 1 - j] = t; }
}

/* array._array_reconstructor(arraytype, typecode, mformat_code, items): the array a protocol-3+
 * pickle describes (new reference). The native layout and its byte-swapped twin are read; other
 * machine formats (another platform's item sizes) raise ValueError naming MiniPy. */
static MiniObject *array_reconstructor(MiniObject *module, MiniObject *args) {
    (void)module;
    MiniObject *type, *items;
    int code, mformat;
    if (!MiniArg_ParseTuple(args, "OCiO:_array_reconstructor", &type, &code, &mformat, &items)) return NULL;
    if (!MiniType_Check(type))
        return MiniErr_Format(MiniExc_TypeError, "first argument must be a type object, not %.200s", MiniType_Name(Mini_TYPE(type)));
    if (!MiniType_IsSubtype((MiniTypeObject *)type, &Array_Type))
        return MiniErr_Format(MiniExc_TypeError, "%.200s is not a subtype of array.array", ((MiniTypeObject *)type)->tp_name);
    const ArrayDescr *d = find_descr(code);
    if (d == NULL) return MiniErr_Format(MiniExc_ValueError, "second argument must be a valid type code");
    if (mformat < 0 || mformat > 21) return MiniErr_Format(MiniExc_ValueError, "third argument must be a valid machine format code.");
    if (!MiniBytes_Check(items))
        return MiniErr_Format(MiniExc_TypeError, "fourth argument should be bytes, not %.200s", MiniType_Name(Mini_TYPE(items)));
    int native = native_mformat(d->code), swapped = mformat == native + 1 && mformat != 1 && d->itemsize > 1;
    if (mformat != native && !swapped)
        return MiniErr_Format(MiniExc_ValueError, "machine format code %d for typecode '%c' is not supported by MiniPy's array", mformat, code);
    Mini_ssize_t n = MiniBytes_Size(items);
    if (n % d->itemsize != 0) return MiniErr_Format(MiniExc_ValueError, "bytes length not a multiple of item size");
    ArrayObject *a = new_array((MiniTypeObject *)type, d, n / d->itemsize);
    if (a == NULL) return NULL;
    if (n > 0) memcpy(a->data, MiniBytes_AsString(items), (size_t)n);
    if (swapped) swap_items(a->data, a->size, d->itemsize);
    return (MiniObject *)a;
}

static MiniMethodDef array_functions[] = {
    {"_array_reconstructor", array_reconstructor, MINI_METH_VARARGS, "Internal. Used for pickling support."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef array_module = {
    MiniModuleDef_HEAD_INIT, "array",
    "Arrays of numeric values of one C type (written in C for the kit; CPython 3.11's behaviour).",
    0, array_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the array module, or NULL with an exception. */
MiniObject *MiniInit_array(void) {
    if (MiniType_Ready(&Array_Type) < 0 || MiniType_Ready(&ArrayIter_Type) < 0) return NULL;
    MiniObject *m = MiniModule_Create(&array_module);
    if (m == NULL) return NULL;
    if (MiniModule_AddObjectRef(m, "array", (MiniObject *)&Array_Type) < 0 ||
        MiniModule_AddObjectRef(m, "ArrayType", (MiniObject *)&Array_Type) < 0 ||
        MiniModule_AddStringConstant(m, "typecodes", "bBuhHiIlLqQfd") < 0) {
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}
