/* floatobject.c: float objects (a C double) and their arithmetic, including mixed int/float
 * operations (int's slots decline them; float's slots accept an int on either side). repr()
 * gives Python's shortest round-tripping text: 0.1, 1.0, 1e+16, 1e-05, inf, nan. */
#include "mini.h"
#include "longobject_internal.h"
#include "objimpl_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

MiniObject *MiniFloat_FromDouble(double v) {
    MINI_CHECK_GIL("MiniFloat_FromDouble");
    MiniFloatObject *o = MiniObject_NEW(MiniFloatObject, &MiniFloat_Type);
    if (o == NULL) return NULL;
    o->ob_fval = v;
    return (MiniObject *)o;
}

double MiniFloat_AsDouble(MiniObject *o) {
    MINI_GUARD(o, "MiniFloat_AsDouble", -1.0);
    if (MiniFloat_Check(o)) return MiniFloat_AS_DOUBLE(o);
    if (MiniLong_Check(o)) return (double)_MiniLong_Value(o);
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

/* Writes Python's repr of v into out (at least 32 bytes). */
static void format_repr(double v, char *out, size_t size) {
    if (isnan(v)) { snprintf(out, size, "nan"); return; }
    if (isinf(v)) { snprintf(out, size, v > 0 ? "inf" : "-inf"); return; }
    /* The fewest significant digits that read back as exactly v. */
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (strtod(buf, NULL) == v) break;
    }
    /* buf is [-]d[.ddd]e(+|-)xx: split it into sign, digit string and decimal exponent. */
    const char *p = buf;
    int neg = *p == '-';
    if (neg) p++;
    char digits[24];
    int nd = 0;
    for (; *p != 'e'; p++)
        if (isdigit((unsigned char)*p)) digits[nd++] = *p;
    int exp10 = atoi(p + 1);
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

/* Converts an operand for a float slot: 1 with *out set, 0 if the type is not handled. */
static int as_double_operand(MiniObject *o, double *out) {
    if (MiniFloat_Check(o)) { *out = MiniFloat_AS_DOUBLE(o); return 1; }
    if (MiniLong_Check(o)) { *out = (double)_MiniLong_Value(o); return 1; }
    return 0;
}

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
    c = compare_double_int(x, _MiniLong_Value(b));
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
    if (!as_double_operand(a, &x) || !as_double_operand(b, &y)) Mini_RETURN_NOTIMPLEMENTED

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
    if (x < 0.0 && isfinite(x) && isfinite(y) && y != floor(y))
        return MiniErr_Format(MiniExc_ValueError, "negative number cannot be raised to a fractional power");
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

static void float_dealloc(MiniObject *self) { MiniObject_Free(self); }

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
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "float(x=0.0) -> floating point number",
    .tp_new = float_new,
};
