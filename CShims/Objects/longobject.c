/* Objects/longobject.c: int objects and their arithmetic, with arbitrary precision.
 *
 * Values that fit 64 bits live in the compact form (see longobject_internal.h) and every
 * operation tries that first, as plain C arithmetic with overflow checks; when an operand is big
 * or a result overflows, the operation is redone by the digit arithmetic of Objects/longobject_big.c,
 * whose results are demoted back to the compact form whenever they fit. Python's semantics
 * throughout: // floors, % takes the sign of the divisor, / gives a correctly rounded float, **
 * with a negative exponent gives a float. Conversions to C types raise CPython's messages, and
 * int <-> decimal text conversion honours CPython 3.11's 4300-digit limit. */
#include "mini.h"
#include "formatter_internal.h"
#include "longobject_internal.h"
#include "objimpl_internal.h"
#include "freelist_internal.h"
#include "unicodeobject_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

MiniLongObject _Mini_SmallInts[MINI_SMALL_INT_MAX - MINI_SMALL_INT_MIN + 1];

/* sys.get_int_max_str_digits(): decimal conversions of longer numbers raise ValueError. */
int _MiniLong_MaxStrDigits = 4300;

void _MiniLong_InitSmallInts(void) {
    for (int i = 0; i <= MINI_SMALL_INT_MAX - MINI_SMALL_INT_MIN; i++) {
        MiniLongObject *o = &_Mini_SmallInts[i];
        _Mini_SetImmortal(&o->ob_base.ob_base);
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

/* Free-threaded: an exact one-word int from the calling thread's free list (freelist.c; parked
 * ints are one-word ints, so ob_size is already 0), else a new one. Out of line so that GIL mode
 * pays only the mode test. */
__attribute__((noinline)) static MiniObject *long_new_ft(int64_t v) {
    MiniLongObject *o = (MiniLongObject *)_MiniFreeList_Pop(&_Mini_ThreadFreeLists.ints);
    if (o == NULL) o = (MiniLongObject *)MiniObject_New(&MiniLong_Type);
    if (o == NULL) return NULL;
    o->ob_ival = v;
    return (MiniObject *)o;
}

/* New int of the given exact type (int or a subclass). */
static MiniObject *long_new_value(MiniTypeObject *type, int64_t v) {
    if (type == &MiniLong_Type && v >= MINI_SMALL_INT_MIN && v <= MINI_SMALL_INT_MAX)
        return Mini_NewRef((MiniObject *)&_Mini_SmallInts[v - MINI_SMALL_INT_MIN]);
    /* Free-threaded: an exact int from the calling thread's free list first (freelist.c). */
    if (_MiniFreeList_On() && type == &MiniLong_Type) return long_new_ft(v);
    MiniLongObject *o = (MiniLongObject *)MiniObject_New(type);
    if (o == NULL) return NULL;
    o->ob_ival = v;
    return (MiniObject *)o;
}

/* A copy of the int v (any form) as an instance of type (int or a subclass). Steals v. */
static MiniObject *long_as_type(MiniTypeObject *type, MiniObject *v) {
    if (v == NULL || Mini_TYPE(v) == type) return v;
    MiniObject *res;
    if (_MiniLong_IsCompact(v)) {
        res = long_new_value(type, _MiniLong_Value(v));
    } else {
        Mini_ssize_t n = Mini_SIZE(v) < 0 ? -Mini_SIZE(v) : Mini_SIZE(v);
        res = MiniObject_NewVar(type, n);
        if (res != NULL) {
            memcpy(((MiniLongObject *)res)->ob_digit, ((MiniLongObject *)v)->ob_digit, (size_t)n * sizeof(mini_digit));
            ((MiniLongObject *)res)->ob_base.ob_size = Mini_SIZE(v);
            ((MiniLongObject *)res)->ob_ival = ((MiniLongObject *)v)->ob_ival;
        }
    }
    Mini_DECREF(v);
    return res;
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
    if (v > (size_t)INT64_MAX) return _MiniLong_FromMagnitude(v, 0);
    return long_new_value(&MiniLong_Type, (int64_t)v);
}

MiniObject *MiniLong_FromUnsignedLongLong(unsigned long long v) {
    MINI_CHECK_GIL("MiniLong_FromUnsignedLongLong");
    if (v > (unsigned long long)INT64_MAX) return _MiniLong_FromMagnitude(v, 0);
    return long_new_value(&MiniLong_Type, (int64_t)v);
}

MiniObject *MiniLong_FromDouble(double v) {
    MINI_CHECK_GIL("MiniLong_FromDouble");
    if (isnan(v)) return MiniErr_Format(MiniExc_ValueError, "cannot convert float NaN to integer");
    if (isinf(v)) return MiniErr_Format(MiniExc_OverflowError, "cannot convert float infinity to integer");
    return _MiniLong_FromFiniteDouble(v);
}

/* The value of o (an int, or anything with nb_index) in *out, or its sign in *overflow when it
 * does not fit int64. 0, or -1 with TypeError "'str' object cannot be interpreted as an integer"
 * (CPython 3.10+'s wording for PyLong_AsLong and friends). */
static int long_value_of(MiniObject *o, const char *func, int64_t *out, int *overflow) {
    *overflow = 0;
    if (o == NULL) { _MiniErr_BadInternalCall(func); return -1; }
    if (MiniLong_Check(o)) {
        if (!_MiniLong_IsCompact(o)) {
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
    MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer", Mini_TYPE(o)->tp_name);
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

/* An unsigned conversion: 0 with *out, or -1 with TypeError / OverflowError (too_big, negative). */
static int long_unsigned(MiniObject *o, const char *func, uint64_t *out, const char *too_big, const char *negative) {
    if (o == NULL) { _MiniErr_BadInternalCall(func); return -1; }
    if (!MiniLong_Check(o)) {
        MiniObject *i = MiniNumber_Index(o);
        if (i == NULL) {
            if (MiniErr_ExceptionMatches(MiniExc_TypeError)) {
                MiniErr_Clear();
                MiniErr_SetString(MiniExc_TypeError, "an integer is required");   /* CPython's wording here */
            }
            return -1;
        }
        int r = long_unsigned(i, func, out, too_big, negative);
        Mini_DECREF(i);
        return r;
    }
    int r = _MiniLong_AsUInt64(o, out);
    if (r == 0) return 0;
    MiniErr_SetString(MiniExc_OverflowError, r > 0 ? too_big : negative);
    return -1;
}

size_t MiniLong_AsSize_t(MiniObject *o) {
    MINI_GUARD(o, "MiniLong_AsSize_t", (size_t)-1);
    uint64_t v;
    if (long_unsigned(o, "MiniLong_AsSize_t", &v, "Python int too large to convert to C size_t",
                      "can't convert negative value to size_t") < 0)
        return (size_t)-1;
    return (size_t)v;
}

unsigned long long MiniLong_AsUnsignedLongLong(MiniObject *o) {
    MINI_GUARD(o, "MiniLong_AsUnsignedLongLong", (unsigned long long)-1);
    uint64_t v;
    if (long_unsigned(o, "MiniLong_AsUnsignedLongLong", &v,
                      "Python int too large to convert to C unsigned long long",
                      "can't convert negative int to unsigned") < 0)
        return (unsigned long long)-1;
    return (unsigned long long)v;
}

double MiniLong_AsDouble(MiniObject *o) {
    MINI_GUARD(o, "MiniLong_AsDouble", -1.0);
    if (!MiniLong_Check(o)) {
        MiniErr_SetString(MiniExc_TypeError, "an integer is required");
        return -1.0;
    }
    return _MiniLong_ToDouble(o);
}

/* ----- text ----------------------------------------------------------------------------------- */

static MiniObject *too_many_digits_error(Mini_ssize_t have) {
    if (have < 0)
        return MiniErr_Format(MiniExc_ValueError, "Exceeds the limit (%d digits) for integer string conversion; "
                              "use sys.set_int_max_str_digits() to increase the limit", _MiniLong_MaxStrDigits);
    return MiniErr_Format(MiniExc_ValueError, "Exceeds the limit (%d digits) for integer string conversion: "
                          "value has %zd digits; use sys.set_int_max_str_digits() to increase the limit",
                          _MiniLong_MaxStrDigits, have);
}

static MiniObject *long_repr(MiniObject *self) {
    if (_MiniLong_IsCompact(self)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)_MiniLong_Value(self));
        return _MiniUnicode_FromUTF8Unchecked(buf, (Mini_ssize_t)strlen(buf));
    }
    /* Each bit is worth log10(2) decimal digits: refuse clearly oversized numbers before the
     * quadratic conversion, and check the exact count afterwards. */
    if (_MiniLong_MaxStrDigits > 0 && (double)_MiniLong_NumBits(self) * 0.30102999566398 > _MiniLong_MaxStrDigits + 1.0)
        return too_many_digits_error(-1);
    MiniObject *s = _MiniLong_Format(self, 10, 0);
    if (s != NULL && _MiniLong_MaxStrDigits > 0 &&
        MiniUnicode_GetLength(s) - (_MiniLong_Sign(self) < 0) > _MiniLong_MaxStrDigits) {
        Mini_DECREF(s);
        return too_many_digits_error(-1);
    }
    return s;
}

/* Parses s[0..n) as an int literal in the given base (0: auto-detect from a 0x/0o/0b prefix, as
 * Python source does). Underscores between digits, a sign and surrounding whitespace are allowed.
 * orig (may be NULL) is the object quoted in ValueError "invalid literal for int() with base
 * 10: 'x'"; *endp, when given, receives the end of the parsed text. */
static MiniObject *long_from_text(const char *s, Mini_ssize_t n, int base, MiniObject *orig) {
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
    char small[64], *digits = small;
    if ((size_t)(end - p) > sizeof small && (digits = malloc((size_t)(end - p))) == NULL) return MiniErr_NoMemory();
    Mini_ssize_t nd = 0;
    int prev_us = 0, nonzero = 0;
    MiniObject *res = NULL;
    for (; p < end; p++) {
        if (*p == '_') {
            if (prev_us || nd == 0) goto invalid;
            prev_us = 1;
            continue;
        }
        int d = isdigit((unsigned char)*p) ? *p - '0'
              : isalpha((unsigned char)*p) ? tolower((unsigned char)*p) - 'a' + 10 : 99;
        if (d >= detected) goto invalid;
        nonzero |= d != 0;
        digits[nd++] = *p;
        prev_us = 0;
    }
    if (nd == 0 || prev_us) goto invalid;
    /* base 0 forbids leading zeros in non-zero decimals ("010"). */
    if (base == 0 && detected == 10 && nonzero && digits[0] == '0') goto invalid;
    if ((detected & (detected - 1)) != 0 && _MiniLong_MaxStrDigits > 0 && nd > _MiniLong_MaxStrDigits) {
        too_many_digits_error(nd);
        goto done;
    }
    if (nd <= 18 && detected <= 10) {
        int64_t v = 0;
        for (Mini_ssize_t i = 0; i < nd; i++) v = v * detected + (digits[i] - '0');
        res = MiniLong_FromLongLong(neg ? -v : v);
    } else {
        res = _MiniLong_ParseDigits(digits, nd, detected, neg);
    }
    goto done;
invalid:
    if (orig != NULL)
        MiniErr_Format(MiniExc_ValueError, "invalid literal for int() with base %d: %R", base, orig);
    else
        MiniErr_Format(MiniExc_ValueError, "invalid literal for int() with base %d: '%.200s'", base, s);
done:
    if (digits != small) free(digits);
    return res;
}

MiniObject *MiniLong_FromString(const char *str, char **pend, int base) {
    MINI_CHECK_GIL("MiniLong_FromString");
    if (str == NULL) { _MiniErr_BadInternalCall("MiniLong_FromString"); return NULL; }
    if ((base != 0 && base < 2) || base > 36)
        return MiniErr_Format(MiniExc_ValueError, "int() arg 2 must be >= 2 and <= 36");
    size_t n = strlen(str);
    MiniObject *res = long_from_text(str, (Mini_ssize_t)n, base, NULL);
    if (res != NULL && pend != NULL) *pend = (char *)str + n;
    return res;
}

/* ----- the type's slots ---------------------------------------------------------------------- */

static void long_dealloc(MiniObject *self) {
    /* An exact one-word int (ob_size 0) may be parked for reuse (free-threaded mode, freelist.c). */
    if (_MiniFreeList_On() && Mini_TYPE(self) == &MiniLong_Type && Mini_SIZE(self) == 0 &&
        _MiniFreeList_Push(&_Mini_ThreadFreeLists.ints, self)) return;
    MiniObject_Free(self);
}

static Mini_hash_t long_hash(MiniObject *self) {
    if (_MiniLong_IsCompact(self)) return _MiniLong_HashValue(_MiniLong_Value(self));
    return _MiniLong_HashBig(self);
}

static MiniObject *long_richcompare(MiniObject *a, MiniObject *b, int op) {
    if (!MiniLong_Check(a) || !MiniLong_Check(b)) Mini_RETURN_NOTIMPLEMENTED;
    int c = _MiniLong_Compare(a, b), r;
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

/* Binary slots handle int op int only; anything else is NotImplemented (float's slots then
 * handle int/float mixes). BOTH_COMPACT is the 64-bit fast path. */
#define INT_OPERANDS(a, b) if (!MiniLong_Check(a) || !MiniLong_Check(b)) Mini_RETURN_NOTIMPLEMENTED
#define BOTH_COMPACT(a, b) (_MiniLong_IsCompact(a) && _MiniLong_IsCompact(b))

static MiniObject *long_add(MiniObject *a, MiniObject *b) {
    INT_OPERANDS(a, b);
    int64_t r;
    if (BOTH_COMPACT(a, b) && !__builtin_add_overflow(_MiniLong_Value(a), _MiniLong_Value(b), &r))
        return long_new_value(&MiniLong_Type, r);
    return _MiniLong_Add(a, b);
}

static MiniObject *long_sub(MiniObject *a, MiniObject *b) {
    INT_OPERANDS(a, b);
    int64_t r;
    if (BOTH_COMPACT(a, b) && !__builtin_sub_overflow(_MiniLong_Value(a), _MiniLong_Value(b), &r))
        return long_new_value(&MiniLong_Type, r);
    return _MiniLong_Subtract(a, b);
}

static MiniObject *long_mul(MiniObject *a, MiniObject *b) {
    INT_OPERANDS(a, b);
    int64_t r;
    if (BOTH_COMPACT(a, b) && !__builtin_mul_overflow(_MiniLong_Value(a), _MiniLong_Value(b), &r))
        return long_new_value(&MiniLong_Type, r);
    return _MiniLong_Multiply(a, b);
}

static MiniObject *long_floordiv(MiniObject *a, MiniObject *b) {
    INT_OPERANDS(a, b);
    if (BOTH_COMPACT(a, b)) {
        int64_t x = _MiniLong_Value(a), y = _MiniLong_Value(b);
        if (y == 0) return MiniErr_Format(MiniExc_ZeroDivisionError, "integer division or modulo by zero");
        if (!(x == INT64_MIN && y == -1)) {
            int64_t q = x / y;
            if (x % y != 0 && ((x < 0) != (y < 0))) q--;
            return long_new_value(&MiniLong_Type, q);
        }
    }
    MiniObject *q;
    return _MiniLong_DivMod(a, b, &q, NULL) < 0 ? NULL : q;
}

static MiniObject *long_mod(MiniObject *a, MiniObject *b) {
    INT_OPERANDS(a, b);
    if (_MiniLong_Sign(b) == 0) return MiniErr_Format(MiniExc_ZeroDivisionError, "integer modulo by zero");
    if (BOTH_COMPACT(a, b)) {
        int64_t x = _MiniLong_Value(a), y = _MiniLong_Value(b);
        if (y == -1) return long_new_value(&MiniLong_Type, 0);   /* also avoids INT64_MIN % -1 */
        int64_t r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        return long_new_value(&MiniLong_Type, r);
    }
    MiniObject *r;
    return _MiniLong_DivMod(a, b, NULL, &r) < 0 ? NULL : r;
}

static MiniObject *long_truediv(MiniObject *a, MiniObject *b) {
    INT_OPERANDS(a, b);
    if (BOTH_COMPACT(a, b)) {
        int64_t x = _MiniLong_Value(a), y = _MiniLong_Value(b);
        const int64_t exact = (int64_t)1 << 53;
        if (y == 0) return MiniErr_Format(MiniExc_ZeroDivisionError, "division by zero");
        if (x >= -exact && x <= exact && y >= -exact && y <= exact)
            return MiniFloat_FromDouble((double)x / (double)y);
    }
    return _MiniLong_TrueDivide(a, b);
}

static MiniObject *long_pow(MiniObject *a, MiniObject *b, MiniObject *c) {
    if (c != NULL && c != Mini_None)
        return MiniErr_Format(MiniExc_TypeError, "pow() with a modulus is not supported");
    INT_OPERANDS(a, b);
    if (_MiniLong_Sign(b) < 0) {
        /* A negative exponent gives a float, as in Python. */
        double x = _MiniLong_ToDouble(a), y;
        if (x == -1.0 && MiniErr_Occurred()) return NULL;
        y = _MiniLong_ToDouble(b);
        if (y == -1.0 && MiniErr_Occurred()) return NULL;
        if (x == 0.0)
            return MiniErr_Format(MiniExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return MiniFloat_FromDouble(pow(x, y));
    }
    if (BOTH_COMPACT(a, b)) {
        int64_t base = _MiniLong_Value(a), y = _MiniLong_Value(b), r = 1;
        int ok = 1;
        while (y > 0 && ok) {
            if ((y & 1) && __builtin_mul_overflow(r, base, &r)) ok = 0;
            y >>= 1;
            if (y > 0 && ok && __builtin_mul_overflow(base, base, &base)) ok = 0;
        }
        if (ok) return long_new_value(&MiniLong_Type, r);
    }
    return _MiniLong_Power(a, b);
}

static MiniObject *long_neg(MiniObject *a) {
    if (_MiniLong_IsCompact(a) && _MiniLong_Value(a) != INT64_MIN)
        return long_new_value(&MiniLong_Type, -_MiniLong_Value(a));
    return _MiniLong_Negate(a);
}

static MiniObject *long_long(MiniObject *a) {
    if (MiniLong_CheckExact(a)) return Mini_NewRef(a);
    if (_MiniLong_IsCompact(a)) return long_new_value(&MiniLong_Type, _MiniLong_Value(a));
    _MiniLongView v;
    _MiniLong_GetView(a, &v);
    return _MiniLong_FromDigits(v.digits, v.n, v.negative);
}

static MiniObject *long_abs(MiniObject *a) {
    return _MiniLong_Sign(a) < 0 ? long_neg(a) : long_long(a);
}

static int long_bool(MiniObject *a) { return _MiniLong_Sign(a) != 0; }

static MiniObject *long_float(MiniObject *a) {
    double d = _MiniLong_ToDouble(a);
    if (d == -1.0 && MiniErr_Occurred()) return NULL;
    return MiniFloat_FromDouble(d);
}

static MiniObject *long_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    MiniObject *x = n > 0 ? MiniTuple_GET_ITEM(args, 0) : NULL, *obase = n > 1 ? MiniTuple_GET_ITEM(args, 1) : NULL;
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0) {
        Mini_ssize_t pos = 0;
        MiniObject *k, *v;
        while (MiniDict_Next(kwargs, &pos, &k, &v)) {
            if (!MiniUnicode_EqualToUTF8(k, "base"))
                return MiniErr_Format(MiniExc_TypeError, "'%U' is an invalid keyword argument for int()", k);
            if (obase != NULL)
                return MiniErr_Format(MiniExc_TypeError, "argument for int() given by name ('base') and position (2)");
            obase = v;
        }
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
        if (!MiniUnicode_Check(x) && !MiniBytes_Check(x))
            return MiniErr_Format(MiniExc_TypeError, "int() can't convert non-string with explicit base");
        if (MiniBytes_Check(x))
            return long_as_type(type, long_from_text(MiniBytes_AsString(x), MiniBytes_Size(x), (int)base, x));
        Mini_ssize_t len;
        const char *s = MiniUnicode_AsUTF8AndSize(x, &len);
        return long_as_type(type, long_from_text(s, len, (int)base, x));
    }
    if (MiniUnicode_Check(x)) {
        Mini_ssize_t len;
        const char *s = MiniUnicode_AsUTF8AndSize(x, &len);
        return long_as_type(type, long_from_text(s, len, 10, x));
    }
    if (MiniBytes_Check(x))
        return long_as_type(type, long_from_text(MiniBytes_AsString(x), MiniBytes_Size(x), 10, x));
    return long_as_type(type, MiniNumber_Long(x));
}

/* ----- methods ------------------------------------------------------------------------------------ */

static MiniObject *int_bit_length(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return MiniLong_FromUnsignedLongLong(_MiniLong_NumBits(self));
}

static MiniObject *int_bit_count(MiniObject *self, MiniObject *unused) {
    (void)unused;
    _MiniLongView v;
    _MiniLong_GetView(self, &v);
    uint64_t count = 0;
    for (Mini_ssize_t i = 0; i < v.n; i++) count += (uint64_t)__builtin_popcount(v.digits[i]);
    return MiniLong_FromUnsignedLongLong(count);
}

static MiniObject *int_conjugate(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return long_long(self);
}

static MiniObject *int_as_integer_ratio(MiniObject *self, MiniObject *unused) {
    (void)unused;
    MiniObject *n = long_long(self);
    if (n == NULL) return NULL;
    MiniObject *one = MiniLong_FromLong(1);
    MiniObject *t = MiniTuple_Pack(2, n, one);
    Mini_DECREF(n);
    Mini_DECREF(one);
    return t;
}

/* int.to_bytes(length=1, byteorder='big', *, signed=False) */
static MiniObject *int_to_bytes(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    static char *kwlist[] = { "length", "byteorder", "signed", NULL };
    Mini_ssize_t length = 1;
    const char *order = "big";
    int is_signed = 0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|ns$p:to_bytes", kwlist, &length, &order, &is_signed))
        return NULL;
    int little;
    if (strcmp(order, "little") == 0) little = 1;
    else if (strcmp(order, "big") == 0) little = 0;
    else return MiniErr_Format(MiniExc_ValueError, "byteorder must be either 'little' or 'big'");
    if (length < 0) return MiniErr_Format(MiniExc_ValueError, "length argument must be non-negative");
    int sign = _MiniLong_Sign(self);
    if (sign < 0 && !is_signed)
        return MiniErr_Format(MiniExc_OverflowError, "can't convert negative int to unsigned");
    /* The value fits when its bits (plus a sign bit if signed) fit length bytes. */
    uint64_t bits = _MiniLong_NumBits(self);
    if (is_signed) {
        /* -2**(k-1) needs exactly k bits. */
        if (sign < 0) {
            MiniObject *one = MiniLong_FromLong(1), *t = _MiniLong_Add(self, one);
            Mini_DECREF(one);
            if (t == NULL) return NULL;
            bits = _MiniLong_NumBits(t);
            Mini_DECREF(t);
        }
        if (sign != 0) bits++;
    }
    if (bits > (uint64_t)length * 8) return MiniErr_Format(MiniExc_OverflowError, "int too big to convert");
    MiniObject *res = MiniBytes_FromStringAndSize(NULL, length);
    if (res == NULL) return NULL;
    unsigned char *out = (unsigned char *)MiniBytes_AsString(res);
    _MiniLongView v;
    _MiniLong_GetView(self, &v);
    /* Little-endian two's complement, byte by byte from the magnitude. */
    unsigned borrow = sign < 0;
    for (Mini_ssize_t i = 0; i < length; i++) {
        unsigned byte = 0;
        for (int k = 0; k < 8; k++) {
            uint64_t p = (uint64_t)i * 8 + (uint64_t)k;
            Mini_ssize_t d = (Mini_ssize_t)(p / MINI_LONG_SHIFT);
            if (d < v.n) byte |= ((v.digits[d] >> (p % MINI_LONG_SHIFT)) & 1u) << k;
        }
        if (sign < 0) {
            /* -m = ~m + 1 */
            unsigned t = (~byte & 0xFFu) + borrow;
            borrow = t >> 8;
            byte = t & 0xFFu;
        }
        out[little ? i : length - 1 - i] = (unsigned char)byte;
    }
    return res;
}

/* The bitwise operators as methods: the interpreter's BINARY_OP looks them up for big operands. */
#define BITWISE_METHOD(name, fn, swap) \
    static MiniObject *name(MiniObject *self, MiniObject *other) { \
        if (!MiniLong_Check(other)) Mini_RETURN_NOTIMPLEMENTED; \
        return swap ? fn(other, self) : fn(self, other); \
    }
BITWISE_METHOD(int_and, _MiniLong_And, 0)
BITWISE_METHOD(int_or, _MiniLong_Or, 0)
BITWISE_METHOD(int_xor, _MiniLong_Xor, 0)
BITWISE_METHOD(int_lshift, _MiniLong_Lshift, 0)
BITWISE_METHOD(int_rshift, _MiniLong_Rshift, 0)
BITWISE_METHOD(int_rlshift, _MiniLong_Lshift, 1)
BITWISE_METHOD(int_rrshift, _MiniLong_Rshift, 1)

static MiniObject *int_invert(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return _MiniLong_Invert(self);
}

static MiniObject *int_trunc(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return long_long(self);
}

static MiniMethodDef long_methods[] = {
    { "bit_length", int_bit_length, MINI_METH_NOARGS, "Number of bits necessary to represent self in binary." },
    { "bit_count", int_bit_count, MINI_METH_NOARGS, "Number of ones in the binary representation of abs(self)." },
    { "conjugate", int_conjugate, MINI_METH_NOARGS, "Returns self, the complex conjugate of any int." },
    { "as_integer_ratio", int_as_integer_ratio, MINI_METH_NOARGS, "Return a pair (self, 1)." },
    { "to_bytes", _MiniCFunction_CAST(int_to_bytes), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
      "Return an array of bytes representing an integer." },
    { "__and__", int_and, MINI_METH_O, NULL },
    { "__rand__", int_and, MINI_METH_O, NULL },
    { "__or__", int_or, MINI_METH_O, NULL },
    { "__ror__", int_or, MINI_METH_O, NULL },
    { "__xor__", int_xor, MINI_METH_O, NULL },
    { "__rxor__", int_xor, MINI_METH_O, NULL },
    { "__lshift__", int_lshift, MINI_METH_O, NULL },
    { "__rlshift__", int_rlshift, MINI_METH_O, NULL },
    { "__rshift__", int_rshift, MINI_METH_O, NULL },
    { "__rrshift__", int_rrshift, MINI_METH_O, NULL },
    { "__invert__", int_invert, MINI_METH_NOARGS, NULL },
    { "__trunc__", int_trunc, MINI_METH_NOARGS, NULL },
    { "__floor__", int_trunc, MINI_METH_NOARGS, NULL },
    { "__ceil__", int_trunc, MINI_METH_NOARGS, NULL },
    { "__index__", int_trunc, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MiniObject *int_get_real(MiniObject *self, void *c) { (void)c; return long_long(self); }
static MiniObject *int_get_imag(MiniObject *self, void *c) { (void)self; (void)c; return MiniLong_FromLong(0); }
static MiniObject *int_get_one(MiniObject *self, void *c) { (void)self; (void)c; return MiniLong_FromLong(1); }

static MiniGetSetDef long_getset[] = {
    { "real", int_get_real, NULL, "the real part of a complex number", NULL },
    { "imag", int_get_imag, NULL, "the imaginary part of a complex number", NULL },
    { "numerator", int_get_real, NULL, "the numerator of a rational number in lowest terms", NULL },
    { "denominator", int_get_one, NULL, "the denominator of a rational number in lowest terms", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

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
    .tp_methods = long_methods,
    .tp_getset = long_getset,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_LONG_SUBCLASS,
    .tp_doc = "int(x=0) -> integer\nint(x, base=10) -> integer",
    .tp_new = long_new,
};
