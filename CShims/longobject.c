/* longobject.c: int objects (64-bit compact form today; see longobject_internal.h for the
 * layout that leaves room for arbitrary precision) and their arithmetic.
 *
 * Arithmetic follows Python: // floors, % takes the sign of the divisor, / always gives a
 * float. A result outside 64 bits raises OverflowError "int too large (arbitrary precision not
 * yet supported)" until big ints exist. Conversions to C types raise CPython's messages. */
#include "mini.h"
#include "longobject_internal.h"
#include "objimpl_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOO_LARGE "int too large (arbitrary precision not yet supported)"

MiniLongObject _Mini_SmallInts[MINI_SMALL_INT_MAX - MINI_SMALL_INT_MIN + 1];

void _MiniLong_InitSmallInts(void) {
    for (int i = 0; i <= MINI_SMALL_INT_MAX - MINI_SMALL_INT_MIN; i++) {
        MiniLongObject *o = &_Mini_SmallInts[i];
        o->ob_base.ob_base.ob_refcnt = MINI_IMMORTAL_REFCNT;
        o->ob_base.ob_base.ob_type = &MiniLong_Type;
        o->ob_base.ob_size = 0;
        o->ob_ival = i + MINI_SMALL_INT_MIN;
    }
}

Mini_hash_t _MiniLong_HashValue(int64_t v) {
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t r = mag % MINI_HASH_MODULUS;
    Mini_hash_t h = v < 0 ? -(Mini_hash_t)r : (Mini_hash_t)r;
    return h == -1 ? -2 : h;
}

/* New int of the given exact type (int or a subclass). */
static MiniObject *long_new_value(MiniTypeObject *type, int64_t v) {
    if (type == &MiniLong_Type && v >= MINI_SMALL_INT_MIN && v <= MINI_SMALL_INT_MAX)
        return Mini_NewRef((MiniObject *)&_Mini_SmallInts[v - MINI_SMALL_INT_MIN]);
    MiniLongObject *o = (MiniLongObject *)MiniObject_New(type);
    if (o == NULL) return NULL;
    o->ob_ival = v;
    return (MiniObject *)o;
}

static MiniObject *too_large(void) {
    MiniErr_SetString(MiniExc_OverflowError, TOO_LARGE);
    return NULL;
}

MiniObject *MiniLong_FromLong(long v) {
    MINI_CHECK_GIL("MiniLong_FromLong");
    return long_new_value(&MiniLong_Type, v);
}

MiniObject *MiniLong_FromLongLong(long long v) {
    MINI_CHECK_GIL("MiniLong_FromLongLong");
    return long_new_value(&MiniLong_Type, v);
}

MiniObject *MiniLong_FromSsize_t(Mini_ssize_t v) {
    MINI_CHECK_GIL("MiniLong_FromSsize_t");
    return long_new_value(&MiniLong_Type, v);
}

MiniObject *MiniLong_FromSize_t(size_t v) {
    MINI_CHECK_GIL("MiniLong_FromSize_t");
    if (v > (size_t)INT64_MAX) return too_large();
    return long_new_value(&MiniLong_Type, (int64_t)v);
}

MiniObject *MiniLong_FromUnsignedLongLong(unsigned long long v) {
    MINI_CHECK_GIL("MiniLong_FromUnsignedLongLong");
    if (v > (unsigned long long)INT64_MAX) return too_large();
    return long_new_value(&MiniLong_Type, (int64_t)v);
}

MiniObject *MiniLong_FromDouble(double v) {
    MINI_CHECK_GIL("MiniLong_FromDouble");
    if (isnan(v)) return MiniErr_Format(MiniExc_ValueError, "cannot convert float NaN to integer");
    if (isinf(v)) return MiniErr_Format(MiniExc_OverflowError, "cannot convert float infinity to integer");
    double t = trunc(v);
    /* 2**63 is exactly representable; everything in [-2**63, 2**63) fits. */
    if (t >= 9223372036854775808.0 || t < -9223372036854775808.0) return too_large();
    return long_new_value(&MiniLong_Type, (int64_t)t);
}

/* The value of o (an int, or anything with nb_index) in *out. 0, or -1 with TypeError. The
 * compact form always fits int64; a big-form int would report overflow through *overflow. */
static int long_value_of(MiniObject *o, const char *func, int64_t *out, int *overflow) {
    *overflow = 0;
    if (o == NULL) { _MiniErr_BadInternalCall(func); return -1; }
    if (MiniLong_Check(o)) {
        if (Mini_TYPE(o) != &MiniBool_Type && Mini_SIZE(o) != 0) {
            *overflow = Mini_SIZE(o) < 0 ? -1 : 1;
            return 0;
        }
        *out = _MiniLong_Value(o);
        return 0;
    }
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    if (nb != NULL && nb->nb_index != NULL) {
        MiniObject *i = nb->nb_index(o);
        if (i == NULL) return -1;
        if (!MiniLong_Check(i)) {
            MiniErr_Format(MiniExc_TypeError, "__index__ returned non-int (type %.200s)", Mini_TYPE(i)->tp_name);
            Mini_DECREF(i);
            return -1;
        }
        int r = long_value_of(i, func, out, overflow);
        Mini_DECREF(i);
        return r;
    }
    MiniErr_Format(MiniExc_TypeError, "an integer is required (got type %.200s)", Mini_TYPE(o)->tp_name);
    return -1;
}

long MiniLong_AsLongAndOverflow(MiniObject *o, int *overflow) {
    MINI_GUARD(o, "MiniLong_AsLongAndOverflow", -1);
    int64_t v = -1;
    int ovf;
    if (long_value_of(o, "MiniLong_AsLongAndOverflow", &v, &ovf) < 0) { *overflow = 0; return -1; }
    *overflow = ovf;
    return ovf ? -1 : (long)v;
}

long MiniLong_AsLong(MiniObject *o) {
    MINI_GUARD(o, "MiniLong_AsLong", -1);
    int64_t v;
    int ovf;
    if (long_value_of(o, "MiniLong_AsLong", &v, &ovf) < 0) return -1;
    if (ovf) {
        MiniErr_SetString(MiniExc_OverflowError, "Python int too large to convert to C long");
        return -1;
    }
    return (long)v;
}

long long MiniLong_AsLongLong(MiniObject *o) {
    MINI_GUARD(o, "MiniLong_AsLongLong", -1);
    int64_t v;
    int ovf;
    if (long_value_of(o, "MiniLong_AsLongLong", &v, &ovf) < 0) return -1;
    if (ovf) {
        MiniErr_SetString(MiniExc_OverflowError, "Python int too large to convert to C long long");
        return -1;
    }
    return (long long)v;
}

Mini_ssize_t MiniLong_AsSsize_t(MiniObject *o) {
    MINI_GUARD(o, "MiniLong_AsSsize_t", -1);
    int64_t v;
    int ovf;
    if (long_value_of(o, "MiniLong_AsSsize_t", &v, &ovf) < 0) return -1;
    if (ovf) {
        MiniErr_SetString(MiniExc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return (Mini_ssize_t)v;
}

size_t MiniLong_AsSize_t(MiniObject *o) {
    MINI_GUARD(o, "MiniLong_AsSize_t", (size_t)-1);
    int64_t v;
    int ovf;
    if (long_value_of(o, "MiniLong_AsSize_t", &v, &ovf) < 0) return (size_t)-1;
    if (ovf > 0) {
        MiniErr_SetString(MiniExc_OverflowError, "Python int too large to convert to C size_t");
        return (size_t)-1;
    }
    if (ovf < 0 || v < 0) {
        MiniErr_SetString(MiniExc_OverflowError, "can't convert negative value to size_t");
        return (size_t)-1;
    }
    return (size_t)v;
}

unsigned long long MiniLong_AsUnsignedLongLong(MiniObject *o) {
    MINI_GUARD(o, "MiniLong_AsUnsignedLongLong", (unsigned long long)-1);
    int64_t v;
    int ovf;
    if (long_value_of(o, "MiniLong_AsUnsignedLongLong", &v, &ovf) < 0) return (unsigned long long)-1;
    if (ovf > 0) {
        MiniErr_SetString(MiniExc_OverflowError, "Python int too large to convert to C unsigned long long");
        return (unsigned long long)-1;
    }
    if (ovf < 0 || v < 0) {
        MiniErr_SetString(MiniExc_OverflowError, "can't convert negative int to unsigned");
        return (unsigned long long)-1;
    }
    return (unsigned long long)v;
}

double MiniLong_AsDouble(MiniObject *o) {
    MINI_GUARD(o, "MiniLong_AsDouble", -1.0);
    if (!MiniLong_Check(o)) {
        MiniErr_Format(MiniExc_TypeError, "an integer is required (got type %.200s)", Mini_TYPE(o)->tp_name);
        return -1.0;
    }
    return (double)_MiniLong_Value(o);
}

/* ----- the type's slots ---------------------------------------------------------------------- */

static void long_dealloc(MiniObject *self) { MiniObject_Free(self); }

static MiniObject *long_repr(MiniObject *self) {
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)_MiniLong_Value(self));
    return MiniUnicode_FromString(buf);
}

static Mini_hash_t long_hash(MiniObject *self) { return _MiniLong_HashValue(_MiniLong_Value(self)); }

static MiniObject *long_richcompare(MiniObject *a, MiniObject *b, int op) {
    if (!MiniLong_Check(a) || !MiniLong_Check(b)) Mini_RETURN_NOTIMPLEMENTED;
    int64_t x = _MiniLong_Value(a), y = _MiniLong_Value(b);
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

/* Binary slots handle int op int only; anything else is NotImplemented (float's slots then
 * handle int/float mixes). */
#define BINARY_PROLOGUE(a, b, x, y) \
    if (!MiniLong_Check(a) || !MiniLong_Check(b)) Mini_RETURN_NOTIMPLEMENTED; \
    int64_t x = _MiniLong_Value(a), y = _MiniLong_Value(b), r_

static MiniObject *long_add(MiniObject *a, MiniObject *b) {
    BINARY_PROLOGUE(a, b, x, y);
    if (__builtin_add_overflow(x, y, &r_)) return too_large();
    return long_new_value(&MiniLong_Type, r_);
}

static MiniObject *long_sub(MiniObject *a, MiniObject *b) {
    BINARY_PROLOGUE(a, b, x, y);
    if (__builtin_sub_overflow(x, y, &r_)) return too_large();
    return long_new_value(&MiniLong_Type, r_);
}

static MiniObject *long_mul(MiniObject *a, MiniObject *b) {
    BINARY_PROLOGUE(a, b, x, y);
    if (__builtin_mul_overflow(x, y, &r_)) return too_large();
    return long_new_value(&MiniLong_Type, r_);
}

static MiniObject *long_floordiv(MiniObject *a, MiniObject *b) {
    BINARY_PROLOGUE(a, b, x, y);
    if (y == 0) return MiniErr_Format(MiniExc_ZeroDivisionError, "integer division or modulo by zero");
    if (x == INT64_MIN && y == -1) return too_large();
    r_ = x / y;
    if (x % y != 0 && ((x < 0) != (y < 0))) r_--;
    return long_new_value(&MiniLong_Type, r_);
}

static MiniObject *long_mod(MiniObject *a, MiniObject *b) {
    BINARY_PROLOGUE(a, b, x, y);
    if (y == 0) return MiniErr_Format(MiniExc_ZeroDivisionError, "integer modulo by zero");
    if (y == -1) return long_new_value(&MiniLong_Type, 0);   /* also avoids INT64_MIN % -1 */
    r_ = x % y;
    if (r_ != 0 && ((r_ < 0) != (y < 0))) r_ += y;
    return long_new_value(&MiniLong_Type, r_);
}

static MiniObject *long_truediv(MiniObject *a, MiniObject *b) {
    BINARY_PROLOGUE(a, b, x, y);
    (void)r_;
    if (y == 0) return MiniErr_Format(MiniExc_ZeroDivisionError, "division by zero");
    return MiniFloat_FromDouble((double)x / (double)y);
}

static MiniObject *long_pow(MiniObject *a, MiniObject *b, MiniObject *c) {
    if (c != NULL && c != Mini_None)
        return MiniErr_Format(MiniExc_TypeError, "pow() with a modulus is not supported");
    BINARY_PROLOGUE(a, b, x, y);
    if (y < 0) {
        if (x == 0)
            return MiniErr_Format(MiniExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return MiniFloat_FromDouble(pow((double)x, (double)y));
    }
    r_ = 1;
    int64_t base = x;
    while (y > 0) {
        if ((y & 1) && __builtin_mul_overflow(r_, base, &r_)) return too_large();
        y >>= 1;
        if (y > 0 && __builtin_mul_overflow(base, base, &base)) return too_large();
    }
    return long_new_value(&MiniLong_Type, r_);
}

static MiniObject *long_neg(MiniObject *a) {
    int64_t x = _MiniLong_Value(a);
    if (x == INT64_MIN) return too_large();
    return long_new_value(&MiniLong_Type, -x);
}

static MiniObject *long_long(MiniObject *a) {
    if (MiniLong_CheckExact(a)) return Mini_NewRef(a);
    return long_new_value(&MiniLong_Type, _MiniLong_Value(a));
}

static MiniObject *long_abs(MiniObject *a) {
    return _MiniLong_Value(a) < 0 ? long_neg(a) : long_long(a);
}

static int long_bool(MiniObject *a) { return _MiniLong_Value(a) != 0; }

static MiniObject *long_float(MiniObject *a) { return MiniFloat_FromDouble((double)_MiniLong_Value(a)); }

/* Parses s[0..n) as an int literal in the given base (0: auto-detect from a 0x/0o/0b prefix).
 * Underscores between digits and surrounding whitespace are allowed. */
static MiniObject *long_from_text(MiniTypeObject *type, const char *s, Mini_ssize_t n, int base,
                                  MiniObject *orig) {
    const char *p = s, *end = s + n;
    int neg = 0, detected = base;
    while (p < end && isspace((unsigned char)*p)) p++;
    while (end > p && isspace((unsigned char)end[-1])) end--;
    if (p < end && (*p == '+' || *p == '-')) neg = *p++ == '-';
    if (end - p >= 2 && p[0] == '0') {
        char c = (char)tolower((unsigned char)p[1]);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb != 0 && (base == 0 || base == pb)) { detected = pb; p += 2; if (p < end && *p == '_') p++; }
    }
    if (detected == 0) detected = 10;
    uint64_t mag = 0;
    int digits = 0, overflow = 0, prev_us = 0;
    for (; p < end; p++) {
        if (*p == '_') {
            if (prev_us || digits == 0) goto invalid;
            prev_us = 1;
            continue;
        }
        int d = isdigit((unsigned char)*p) ? *p - '0'
              : isalpha((unsigned char)*p) ? tolower((unsigned char)*p) - 'a' + 10 : 99;
        if (d >= detected) goto invalid;
        if (__builtin_mul_overflow(mag, (uint64_t)detected, &mag) ||
            __builtin_add_overflow(mag, (uint64_t)d, &mag))
            overflow = 1;
        digits++;
        prev_us = 0;
    }
    if (digits == 0 || prev_us) goto invalid;
    /* base 0 forbids leading zeros in non-zero decimals ("010"). */
    if (base == 0 && detected == 10 && mag != 0) {
        const char *q = s;
        while (isspace((unsigned char)*q) || *q == '+' || *q == '-') q++;
        if (*q == '0') goto invalid;
    }
    if (overflow || mag > (uint64_t)INT64_MAX + (neg ? 1 : 0)) return too_large();
    return long_new_value(type, neg ? (int64_t)(0 - mag) : (int64_t)mag);
invalid:
    return MiniErr_Format(MiniExc_ValueError, "invalid literal for int() with base %d: %R", base, orig);
}

static MiniObject *long_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    MiniObject *x = n > 0 ? MiniTuple_GET_ITEM(args, 0) : NULL, *obase = n > 1 ? MiniTuple_GET_ITEM(args, 1) : NULL;
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0) {
        MiniObject *kb = MiniDict_GetItemString(kwargs, "base");
        if (kb == NULL || MiniDict_Size(kwargs) != 1 || obase != NULL)
            return MiniErr_Format(MiniExc_TypeError, "int() got an unexpected keyword argument");
        obase = kb;
    }
    if (n > 2) return MiniErr_Format(MiniExc_TypeError, "int() takes at most 2 arguments (%zd given)", n);
    if (x == NULL) {
        if (obase != NULL) return MiniErr_Format(MiniExc_TypeError, "int() missing string argument");
        return long_new_value(type, 0);
    }
    if (obase != NULL) {
        long base = MiniLong_AsLong(obase);
        if (base == -1 && MiniErr_Occurred()) return NULL;
        if ((base != 0 && base < 2) || base > 36)
            return MiniErr_Format(MiniExc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        if (!MiniUnicode_Check(x))
            return MiniErr_Format(MiniExc_TypeError, "int() can't convert non-string with explicit base");
        Mini_ssize_t len;
        const char *s = MiniUnicode_AsUTF8AndSize(x, &len);
        return long_from_text(type, s, len, (int)base, x);
    }
    if (MiniUnicode_Check(x)) {
        Mini_ssize_t len;
        const char *s = MiniUnicode_AsUTF8AndSize(x, &len);
        return long_from_text(type, s, len, 10, x);
    }
    if (MiniBytes_Check(x))
        return long_from_text(type, MiniBytes_AsString(x), MiniBytes_Size(x), 10, x);
    MiniObject *v = MiniNumber_Long(x);
    if (v == NULL || type == &MiniLong_Type) return v;
    MiniObject *res = long_new_value(type, _MiniLong_Value(v));
    Mini_DECREF(v);
    return res;
}

static MiniNumberMethods long_as_number = {
    .nb_add = long_add,
    .nb_subtract = long_sub,
    .nb_multiply = long_mul,
    .nb_remainder = long_mod,
    .nb_negative = long_neg,
    .nb_positive = long_long,
    .nb_absolute = long_abs,
    .nb_bool = long_bool,
    .nb_floor_divide = long_floordiv,
    .nb_true_divide = long_truediv,
    .nb_power = long_pow,
    .nb_int = long_long,
    .nb_float = long_float,
    .nb_index = long_long,
};

MiniTypeObject MiniLong_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "int",
    .tp_basicsize = offsetof(MiniLongObject, ob_digit),
    .tp_itemsize = sizeof(mini_digit),
    .tp_dealloc = long_dealloc,
    .tp_repr = long_repr,
    .tp_hash = long_hash,
    .tp_richcompare = long_richcompare,
    .tp_as_number = &long_as_number,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_LONG_SUBCLASS,
    .tp_doc = "int(x=0) -> integer\nint(x, base=10) -> integer",
    .tp_new = long_new,
};
