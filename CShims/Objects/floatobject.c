/* Objects/floatobject.c: float objects (a C double) and their arithmetic, including mixed int/float
 * operations (int's slots decline them; float's slots accept an int on either side, converting
 * big ints exactly or raising OverflowError, and compare with ints of any size exactly). repr()
 * gives Python's shortest round-tripping text: 0.1, 1.0, 1e+16, 1e-05, inf, nan. Methods:
 * is_integer, as_integer_ratio, hex, conjugate, real/imag. */
#include "mini.h"
#include "longobject_internal.h"
#include "objimpl_internal.h"
#include "freelist_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Free-threaded: a float from the calling thread's free list (freelist.c), else a new one. Out of
 * line so that GIL mode's MiniFloat_FromDouble pays only the mode test. */
__attribute__((noinline)) static MiniObject *float_new_ft(double v) {
    MiniFloatObject *o = (MiniFloatObject *)_MiniFreeList_Pop(&_Mini_ThreadFreeLists.floats);
    if (o == NULL) o = MiniObject_NEW(MiniFloatObject, &MiniFloat_Type);
    if (o == NULL) return NULL;
    o->ob_fval = v;
    return (MiniObject *)o;
}

MiniObject *MiniFloat_FromDouble(double v) {
    MINI_CHECK_GIL("MiniFloat_FromDouble");
    if (_MiniFreeList_On()) return float_new_ft(v);
    MiniFloatObject *o = MiniObject_NEW(MiniFloatObject, &MiniFloat_Type);
    if (o == NULL) return NULL;
    o->ob_fval = v;
    return (MiniObject *)o;
}

double MiniFloat_AsDouble(MiniObject *o) {
    MINI_GUARD(o, "MiniFloat_AsDouble", -1.0);
    if (MiniFloat_Check(o)) return MiniFloat_AS_DOUBLE(o);
    if (MiniLong_Check(o)) return MiniLong_AsDouble(o);
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    if (nb != NULL && (nb->nb_float != NULL || nb->nb_index != NULL)) {
        MiniObject *f = MiniNumber_Float(o);
        if (f == NULL) return -1.0;
        double v = MiniFloat_AS_DOUBLE(f);
        Mini_DECREF(f);
        return v;
    }
    MiniErr_Format(MiniExc_TypeError, "must be real number, not %.200s", Mini_TYPE(o)->tp_name);
    return -1.0;
}

/* 1 if the decimal D * 10**scale reads back (strtod) as exactly v. */
static int reads_back(uint64_t mant, int scale, double v) {
    char buf[48];
    snprintf(buf, sizeof buf, "%llue%d", (unsigned long long)mant, scale);
    return strtod(buf, NULL) == v;
}

/* The shortest decimal that reads back as v > 0 (finite), as CPython's repr (David Gay's mode
 * 0): digits[0..*nd) and the exponent of the first digit. At each length the correctly rounded
 * candidate is tried first, then its neighbours one unit away in the last place: when the
 * rounded one falls just outside v's rounding interval, the neighbour on v's other side may be
 * inside it (2**89 is 6.189700196426902e+26, not the rounded ...901). */
static void shortest_digits(double v, char *digits, int *nd, int *exp10) {
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        uint64_t mant = 0;
        const char *p = buf;
        for (; *p != 'e'; p++)
            if (isdigit((unsigned char)*p)) mant = mant * 10 + (uint64_t)(*p - '0');
        int e = atoi(p + 1), scale = e - (prec - 1);
        uint64_t found = 0;
        if (reads_back(mant, scale, v)) found = mant;
        else if (prec < 17 && reads_back(mant + 1, scale, v)) found = mant + 1;
        else if (prec < 17 && mant > 1 && reads_back(mant - 1, scale, v)) found = mant - 1;
        if (found != 0 || prec == 17) {
            if (found == 0) found = mant;
            int n = snprintf(digits, 24, "%llu", (unsigned long long)found);
            *nd = n;
            *exp10 = scale + n - 1;
            return;
        }
    }
}

/* Writes Python's repr of v into out (at least 32 bytes). */
static void format_repr(double v, char *out, size_t size) {
    if (isnan(v)) { snprintf(out, size, "nan"); return; }
    if (isinf(v)) { snprintf(out, size, v > 0 ? "inf" : "-inf"); return; }
    int neg = signbit(v) != 0;
    char digits[24];
    int nd = 1, exp10 = 0;
    if (v == 0.0) strcpy(digits, "0");
    else shortest_digits(fabs(v), digits, &nd, &exp10);
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    digits[nd] = '\0';
    char *o = out;
    if (neg) *o++ = '-';
    if (exp10 >= -4 && exp10 < 16) {
        if (exp10 >= 0) {
            for (int i = 0; i <= exp10; i++) *o++ = i < nd ? digits[i] : '0';
            *o++ = '.';
            if (nd > exp10 + 1) for (int i = exp10 + 1; i < nd; i++) *o++ = digits[i];
            else *o++ = '0';
        } else {
            *o++ = '0';
            *o++ = '.';
            for (int i = 0; i < -exp10 - 1; i++) *o++ = '0';
            for (int i = 0; i < nd; i++) *o++ = digits[i];
        }
        *o = '\0';
    } else {
        *o++ = digits[0];
        if (nd > 1) {
            *o++ = '.';
            for (int i = 1; i < nd; i++) *o++ = digits[i];
        }
        snprintf(o, size - (size_t)(o - out), "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
    }
}

static MiniObject *float_repr(MiniObject *self) {
    char buf[48];
    format_repr(MiniFloat_AS_DOUBLE(self), buf, sizeof buf);
    return MiniUnicode_FromString(buf);
}

static Mini_hash_t float_hash(MiniObject *self) { return _Mini_HashDouble(self, MiniFloat_AS_DOUBLE(self)); }

/* Converts an operand for a float slot: 1 with *out set, 0 if the type is not handled, -1 with
 * OverflowError "int too large to convert to float" for a huge int. */
static int as_double_operand(MiniObject *o, double *out) {
    if (MiniFloat_Check(o)) { *out = MiniFloat_AS_DOUBLE(o); return 1; }
    if (MiniLong_Check(o)) {
        *out = _MiniLong_ToDouble(o);
        return *out == -1.0 && MiniErr_Occurred() ? -1 : 1;
    }
    return 0;
}

static int is_float_operand(MiniObject *o) { return MiniFloat_Check(o) || MiniLong_Check(o); }

/* Exact comparison of a double with a 64-bit integer: -1, 0, 1 (d must not be NaN). */
static int compare_double_int(double d, int64_t i) {
    if (d >= 9223372036854775808.0) return 1;
    if (d < -9223372036854775808.0) return -1;
    double t = trunc(d);
    int64_t ti = (int64_t)t;
    if (ti != i) return ti < i ? -1 : 1;
    double frac = d - t;
    return frac > 0 ? 1 : frac < 0 ? -1 : 0;
}

/* Exact comparison of a finite or infinite (not NaN) double with a big-form int: -1, 0, 1, or -2
 * with an exception (MemoryError). */
static int compare_double_big(double d, MiniObject *i) {
    int si = _MiniLong_Sign(i);
    if (isinf(d)) return d > 0 ? 1 : -1;
    /* A big int has magnitude >= 2**63, beyond any smaller double. */
    if (fabs(d) < 9223372036854775808.0) return si > 0 ? -1 : 1;
    MiniObject *di = _MiniLong_FromFiniteDouble(d);   /* d is integral at this size */
    if (di == NULL) return -2;
    int c = _MiniLong_Compare(di, i);
    Mini_DECREF(di);
    return c;
}

static MiniObject *float_richcompare(MiniObject *a, MiniObject *b, int op) {
    double x;
    int c;
    if (!MiniFloat_Check(a)) {   /* reflected call with an int on the left never happens, but be safe */
        Mini_RETURN_NOTIMPLEMENTED;
    }
    x = MiniFloat_AS_DOUBLE(a);
    if (MiniFloat_Check(b)) {
        double y = MiniFloat_AS_DOUBLE(b);
        int r;
        switch (op) {
        case Mini_LT: r = x < y; break;
        case Mini_LE: r = x <= y; break;
        case Mini_EQ: r = x == y; break;
        case Mini_NE: r = x != y; break;
        case Mini_GT: r = x > y; break;
        default: r = x >= y; break;
        }
        return MiniBool_FromLong(r);
    }
    if (!MiniLong_Check(b)) Mini_RETURN_NOTIMPLEMENTED;
    if (isnan(x)) return MiniBool_FromLong(op == Mini_NE);
    if (_MiniLong_IsCompact(b)) c = compare_double_int(x, _MiniLong_Value(b));
    else if ((c = compare_double_big(x, b)) == -2) return NULL;
    int r;
    switch (op) {
    case Mini_LT: r = c < 0; break;
    case Mini_LE: r = c <= 0; break;
    case Mini_EQ: r = c == 0; break;
    case Mini_NE: r = c != 0; break;
    case Mini_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return MiniBool_FromLong(r);
}

#define FLOAT_OPERANDS(a, b, x, y) double x, y; \
    if (!is_float_operand(a) || !is_float_operand(b)) Mini_RETURN_NOTIMPLEMENTED; \
    if (as_double_operand(a, &x) < 0 || as_double_operand(b, &y) < 0) return NULL

static MiniObject *float_add(MiniObject *a, MiniObject *b) { FLOAT_OPERANDS(a, b, x, y); return MiniFloat_FromDouble(x + y); }
static MiniObject *float_sub(MiniObject *a, MiniObject *b) { FLOAT_OPERANDS(a, b, x, y); return MiniFloat_FromDouble(x - y); }
static MiniObject *float_mul(MiniObject *a, MiniObject *b) { FLOAT_OPERANDS(a, b, x, y); return MiniFloat_FromDouble(x * y); }

static MiniObject *float_truediv(MiniObject *a, MiniObject *b) {
    FLOAT_OPERANDS(a, b, x, y);
    if (y == 0.0) return MiniErr_Format(MiniExc_ZeroDivisionError, "float division by zero");
    return MiniFloat_FromDouble(x / y);
}

/* Python's float divmod: the remainder takes the divisor's sign; the quotient is floored. */
static void float_divmod_values(double vx, double wx, double *floordiv, double *mod) {
    double m = fmod(vx, wx);
    double div = (vx - m) / wx;
    if (m != 0.0) {
        if ((wx < 0) != (m < 0)) { m += wx; div -= 1.0; }
    } else {
        m = copysign(0.0, wx);
    }
    double fd;
    if (div != 0.0) {
        fd = floor(div);
        if (div - fd > 0.5) fd += 1.0;
    } else {
        fd = copysign(0.0, vx / wx);
    }
    *floordiv = fd;
    *mod = m;
}

static MiniObject *float_floordiv(MiniObject *a, MiniObject *b) {
    FLOAT_OPERANDS(a, b, x, y);
    if (y == 0.0) return MiniErr_Format(MiniExc_ZeroDivisionError, "float floor division by zero");
    double fd, m;
    float_divmod_values(x, y, &fd, &m);
    return MiniFloat_FromDouble(fd);
}

static MiniObject *float_mod(MiniObject *a, MiniObject *b) {
    FLOAT_OPERANDS(a, b, x, y);
    if (y == 0.0) return MiniErr_Format(MiniExc_ZeroDivisionError, "float modulo");
    double fd, m;
    float_divmod_values(x, y, &fd, &m);
    return MiniFloat_FromDouble(m);
}

static MiniObject *float_pow(MiniObject *a, MiniObject *b, MiniObject *c) {
    if (c != NULL && c != Mini_None)
        return MiniErr_Format(MiniExc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    FLOAT_OPERANDS(a, b, x, y);
    if (x == 0.0 && y < 0.0)
        return MiniErr_Format(MiniExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    if (x < 0.0 && isfinite(x) && isfinite(y) && y != floor(y))   /* a complex result, as CPython */
        return MiniComplex_Type.tp_as_number->nb_power(a, b, c);
    errno = 0;
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y))
        return MiniErr_Format(MiniExc_OverflowError, "(34, 'Numerical result out of range')");
    return MiniFloat_FromDouble(r);
}

static MiniObject *float_neg(MiniObject *a) { return MiniFloat_FromDouble(-MiniFloat_AS_DOUBLE(a)); }
static MiniObject *float_abs(MiniObject *a) { return MiniFloat_FromDouble(fabs(MiniFloat_AS_DOUBLE(a))); }
static int float_bool(MiniObject *a) { return MiniFloat_AS_DOUBLE(a) != 0.0; }
static MiniObject *float_int(MiniObject *a) { return MiniLong_FromDouble(MiniFloat_AS_DOUBLE(a)); }

static MiniObject *float_float(MiniObject *a) {
    if (MiniFloat_CheckExact(a)) return Mini_NewRef(a);
    return MiniFloat_FromDouble(MiniFloat_AS_DOUBLE(a));
}

/* float("...") : decimal or scientific text, inf/infinity/nan, surrounding whitespace, and
 * underscores between digits. */
static MiniObject *float_from_text(MiniObject *orig, const char *s, Mini_ssize_t n) {
    const char *p = s, *end = s + n;
    while (p < end && isspace((unsigned char)*p)) p++;
    while (end > p && isspace((unsigned char)end[-1])) end--;
    char small[64], *buf = small;
    size_t len = (size_t)(end - p);
    if (len + 1 > sizeof small && (buf = malloc(len + 1)) == NULL) return MiniErr_NoMemory();
    size_t k = 0;
    int ok = len > 0;
    for (const char *q = p; q < end; q++) {
        if (*q == '_') {
            /* only between two digits */
            if (q == p || q + 1 == end || !isdigit((unsigned char)q[-1]) || !isdigit((unsigned char)q[1])) ok = 0;
            continue;
        }
        buf[k++] = *q;
    }
    buf[k] = '\0';
    double v = 0.0;
    if (ok) {
        char *stop;
        /* strtod also accepts hex floats and "nan(...)", which Python's float() does not. */
        const char *b = buf + (buf[0] == '+' || buf[0] == '-');
        if ((b[0] == '0' && (b[1] == 'x' || b[1] == 'X')) || strchr(buf, '(') != NULL) ok = 0;
        else {
            v = strtod(buf, &stop);
            ok = stop == buf + k && k > 0;
        }
    }
    if (buf != small) free(buf);
    if (!ok) return MiniErr_Format(MiniExc_ValueError, "could not convert string to float: %R", orig);
    return MiniFloat_FromDouble(v);
}

static MiniObject *float_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "float() takes no keyword arguments");
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 1) return MiniErr_Format(MiniExc_TypeError, "float expected at most 1 argument, got %zd", n);
    MiniObject *res;
    if (n == 0) res = MiniFloat_FromDouble(0.0);
    else {
        MiniObject *x = MiniTuple_GET_ITEM(args, 0);
        if (MiniUnicode_Check(x)) {
            Mini_ssize_t len;
            const char *s = MiniUnicode_AsUTF8AndSize(x, &len);
            res = float_from_text(x, s, len);
        } else if (MiniBytes_Check(x)) {
            res = float_from_text(x, MiniBytes_AsString(x), MiniBytes_Size(x));
        } else if (MiniNumber_Check(x)) {
            res = MiniNumber_Float(x);
        } else {
            return MiniErr_Format(MiniExc_TypeError, "float() argument must be a string or a real number, not '%.200s'",
                                  Mini_TYPE(x)->tp_name);
        }
    }
    if (res == NULL || type == &MiniFloat_Type) return res;
    MiniFloatObject *sub = (MiniFloatObject *)MiniObject_New(type);
    if (sub != NULL) sub->ob_fval = MiniFloat_AS_DOUBLE(res);
    Mini_DECREF(res);
    return (MiniObject *)sub;
}

static void float_dealloc(MiniObject *self) {
    if (_MiniFreeList_On() && Mini_TYPE(self) == &MiniFloat_Type &&
        _MiniFreeList_Push(&_Mini_ThreadFreeLists.floats, self)) return;
    MiniObject_Free(self);
}

/* ----- methods ------------------------------------------------------------------------------------ */

static MiniObject *float_is_integer(MiniObject *self, MiniObject *unused) {
    (void)unused;
    double x = MiniFloat_AS_DOUBLE(self);
    return MiniBool_FromLong(isfinite(x) && floor(x) == x);
}

static MiniObject *float_as_integer_ratio(MiniObject *self, MiniObject *unused) {
    (void)unused;
    double x = MiniFloat_AS_DOUBLE(self);
    if (isinf(x)) return MiniErr_Format(MiniExc_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(x)) return MiniErr_Format(MiniExc_ValueError, "cannot convert NaN to integer ratio");
    int e;
    double m = frexp(x, &e);
    /* Make the mantissa integral (at most 53 doublings), then x = m * 2**e exactly. */
    for (int i = 0; i < 300 && m != floor(m); i++) { m *= 2.0; e--; }
    MiniObject *num = MiniLong_FromDouble(m), *den = MiniLong_FromLong(1), *shift = MiniLong_FromLong(e < 0 ? -e : e);
    MiniObject *res = NULL;
    if (num != NULL && den != NULL && shift != NULL) {
        MiniObject **target = e > 0 ? &num : &den;
        MiniObject *t = _MiniLong_Lshift(*target, shift);
        if (t != NULL) {
            Mini_SETREF(*target, t);
            res = MiniTuple_Pack(2, num, den);
        }
    }
    Mini_XDECREF(num);
    Mini_XDECREF(den);
    Mini_XDECREF(shift);
    return res;
}

/* float.hex(): '0x1.8000000000000p+1', as CPython (13 hex digits of mantissa). */
static MiniObject *float_hex(MiniObject *self, MiniObject *unused) {
    (void)unused;
    double x = MiniFloat_AS_DOUBLE(self);
    char buf[48];
    if (isnan(x) || isinf(x)) {
        format_repr(x, buf, sizeof buf);
        return MiniUnicode_FromString(buf);
    }
    const char *sign = signbit(x) ? "-" : "";
    if (x == 0.0) return MiniUnicode_FromFormat("%s0x0.0p+0", sign);
    int e;
    double m = frexp(fabs(x), &e);
    m *= 2.0;
    e--;
    if (e < -1022) { m = ldexp(m, e + 1022); e = -1022; }
    int lead = (int)m;
    m -= lead;
    char digits[14];
    for (int i = 0; i < 13; i++) {
        m *= 16.0;
        int d = (int)m;
        m -= d;
        digits[i] = "0123456789abcdef"[d];
    }
    digits[13] = '\0';
    snprintf(buf, sizeof buf, "%s0x%d.%sp%c%d", sign, lead, digits, e < 0 ? '-' : '+', abs(e));
    return MiniUnicode_FromString(buf);
}

static MiniObject *float_conjugate(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return float_float(self);
}

static MiniObject *float_trunc_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return float_int(self);
}

static MiniObject *float_floor_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return MiniLong_FromDouble(floor(MiniFloat_AS_DOUBLE(self)));
}

static MiniObject *float_ceil_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return MiniLong_FromDouble(ceil(MiniFloat_AS_DOUBLE(self)));
}

static MiniMethodDef float_methods[] = {
    { "is_integer", float_is_integer, MINI_METH_NOARGS, "Return True if the float is an integer." },
    { "as_integer_ratio", float_as_integer_ratio, MINI_METH_NOARGS,
      "Return integer ratio: a pair of integers whose ratio is exactly equal to the original float." },
    { "hex", float_hex, MINI_METH_NOARGS, "Return a hexadecimal representation of a floating-point number." },
    { "conjugate", float_conjugate, MINI_METH_NOARGS, "Return self, the complex conjugate of any float." },
    { "__trunc__", float_trunc_method, MINI_METH_NOARGS, NULL },
    { "__floor__", float_floor_method, MINI_METH_NOARGS, NULL },
    { "__ceil__", float_ceil_method, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MiniObject *float_get_real(MiniObject *self, void *c) { (void)c; return float_float(self); }
static MiniObject *float_get_imag(MiniObject *self, void *c) { (void)self; (void)c; return MiniFloat_FromDouble(0.0); }

static MiniGetSetDef float_getset[] = {
    { "real", float_get_real, NULL, "the real part of a complex number", NULL },
    { "imag", float_get_imag, NULL, "the imaginary part of a complex number", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static MiniNumberMethods float_as_number = {
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_remainder = float_mod,
    .nb_negative = float_neg,
    .nb_positive = float_float,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_floor_divide = float_floordiv,
    .nb_true_divide = float_truediv,
    .nb_power = float_pow,
    .nb_int = float_int,
    .nb_float = float_float,
};

MiniTypeObject MiniFloat_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "float",
    .tp_basicsize = sizeof(MiniFloatObject),
    .tp_dealloc = float_dealloc,
    .tp_repr = float_repr,
    .tp_hash = float_hash,
    .tp_richcompare = float_richcompare,
    .tp_as_number = &float_as_number,
    .tp_methods = float_methods,
    .tp_getset = float_getset,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "float(x=0.0) -> floating point number",
    .tp_new = float_new,
};
