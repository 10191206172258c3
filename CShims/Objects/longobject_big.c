/* Objects/longobject_big.c: the arbitrary-precision half of int. longobject.c does every operation
 * on the 64-bit compact form first and comes here when an operand is big or a result overflows.
 *
 * Values are handled as magnitudes (arrays of 30-bit digits, least significant first) plus a
 * sign; a compact operand is viewed as up to three digits (_MiniLong_GetView). Results are built
 * straight into a fresh int object and normalised by _MiniLong_Finish, which strips leading zero
 * digits and demotes the value to the compact form (or the small-int cache) when it fits 64
 * bits, so the big form only ever holds values outside int64.
 *
 * Algorithms are the textbook ones: schoolbook multiplication, Knuth's algorithm D for division,
 * two's complement digit by digit for the bitwise operators, and decimal conversion in chunks of
 * 10**9 (quadratic, fine for numbers of a few thousand digits). Conversions to double round to
 * nearest-even through a 64-bit window with a sticky bit. */
#include "mini.h"
#include "formatter_internal.h"
#include "longobject_internal.h"
#include "objimpl_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SHIFT MINI_LONG_SHIFT
#define MASK MINI_LONG_MASK
#define BASE ((uint64_t)1 << SHIFT)

/* Refuse results above this many digits (about 2**33 bits): they cannot be allocated anyway. */
#define MAX_DIGITS ((Mini_ssize_t)1 << 28)

/* ----- views and results ----------------------------------------------------------------------- */

void _MiniLong_GetView(MiniObject *op, _MiniLongView *v) {
    if (_MiniLong_IsCompact(op)) {
        int64_t x = _MiniLong_Value(op);
        uint64_t mag = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
        v->negative = x < 0;
        v->n = 0;
        while (mag != 0) {
            v->inline_digits[v->n++] = (mini_digit)(mag & MASK);
            mag >>= SHIFT;
        }
        v->digits = v->inline_digits;
        return;
    }
    Mini_ssize_t size = Mini_SIZE(op);
    v->negative = size < 0;
    v->n = size < 0 ? -size : size;
    v->digits = ((MiniLongObject *)op)->ob_digit;
}

MiniLongObject *_MiniLong_AllocDigits(Mini_ssize_t n) {
    if (n > MAX_DIGITS) {
        MiniErr_SetString(MiniExc_OverflowError, "too many digits in integer");
        return NULL;
    }
    return (MiniLongObject *)MiniObject_NewVar(&MiniLong_Type, n < 1 ? 1 : n);
}

MiniObject *_MiniLong_Finish(MiniLongObject *r, Mini_ssize_t n, int negative) {
    while (n > 0 && r->ob_digit[n - 1] == 0) n--;
    /* Three digits hold 90 bits: the value fits 64 bits when the top one uses at most 4. */
    if (n < 3 || (n == 3 && r->ob_digit[2] < (1u << 4))) {
        uint64_t mag = 0;
        for (Mini_ssize_t i = n - 1; i >= 0; i--) mag = (mag << SHIFT) | r->ob_digit[i];
        if (mag <= (uint64_t)INT64_MAX || (negative && mag == (uint64_t)INT64_MAX + 1)) {
            int64_t v = negative ? (int64_t)(0 - mag) : (int64_t)mag;
            if (v >= MINI_SMALL_INT_MIN && v <= MINI_SMALL_INT_MAX) {
                Mini_DECREF(r);
                return Mini_NewRef((MiniObject *)&_Mini_SmallInts[v - MINI_SMALL_INT_MIN]);
            }
            r->ob_base.ob_size = 0;
            r->ob_ival = v;
            return (MiniObject *)r;
        }
    }
    r->ob_base.ob_size = negative ? -n : n;
    r->ob_ival = negative ? INT64_MIN : INT64_MAX;
    return (MiniObject *)r;
}

MiniObject *_MiniLong_FromDigits(const mini_digit *digits, Mini_ssize_t n, int negative) {
    MiniLongObject *r = _MiniLong_AllocDigits(n);
    if (r == NULL) return NULL;
    if (n > 0) memcpy(r->ob_digit, digits, (size_t)n * sizeof(mini_digit));
    return _MiniLong_Finish(r, n, negative);
}

MiniObject *_MiniLong_FromMagnitude(uint64_t mag, int negative) {
    MiniLongObject *r = _MiniLong_AllocDigits(3);
    if (r == NULL) return NULL;
    Mini_ssize_t n = 0;
    while (mag != 0) {
        r->ob_digit[n++] = (mini_digit)(mag & MASK);
        mag >>= SHIFT;
    }
    return _MiniLong_Finish(r, n, negative);
}

/* ----- magnitude arithmetic ------------------------------------------------------------------------ */

static int mag_cmp(const mini_digit *a, Mini_ssize_t na, const mini_digit *b, Mini_ssize_t nb) {
    if (na != nb) return na < nb ? -1 : 1;
    for (Mini_ssize_t i = na - 1; i >= 0; i--)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* out = a + b; out has room for max(na, nb) + 1 digits. Returns the digit count written. */
static Mini_ssize_t mag_add(const mini_digit *a, Mini_ssize_t na, const mini_digit *b, Mini_ssize_t nb,
                            mini_digit *out) {
    if (na < nb) {
        const mini_digit *t = a; a = b; b = t;
        Mini_ssize_t tn = na; na = nb; nb = tn;
    }
    uint32_t carry = 0;
    Mini_ssize_t i = 0;
    for (; i < nb; i++) {
        carry += a[i] + b[i];
        out[i] = carry & MASK;
        carry >>= SHIFT;
    }
    for (; i < na; i++) {
        carry += a[i];
        out[i] = carry & MASK;
        carry >>= SHIFT;
    }
    out[i] = carry;
    return na + 1;
}

/* out = a - b for a >= b; out has room for na digits (it may be a). Returns na. */
static Mini_ssize_t mag_sub(const mini_digit *a, Mini_ssize_t na, const mini_digit *b, Mini_ssize_t nb,
                            mini_digit *out) {
    uint32_t borrow = 0;
    Mini_ssize_t i = 0;
    for (; i < nb; i++) {
        uint32_t t = a[i] - b[i] - borrow;   /* wraps when negative: bit 30 is then set */
        out[i] = t & MASK;
        borrow = (t >> SHIFT) & 1;
    }
    for (; i < na; i++) {
        uint32_t t = a[i] - borrow;
        out[i] = t & MASK;
        borrow = (t >> SHIFT) & 1;
    }
    return na;
}

/* out = a * b; out has room for na + nb digits and is overwritten (no need to clear it first).
 * The shorter operand drives the outer loop, so a big-times-small product is one pass over the big
 * operand (pidigits multiplies big ints by one-digit ints almost exclusively). */
static void mag_mul(const mini_digit *a, Mini_ssize_t na, const mini_digit *b, Mini_ssize_t nb, mini_digit *out) {
    if (na > nb) {
        const mini_digit *t = a; a = b; b = t;
        Mini_ssize_t tn = na; na = nb; nb = tn;
    }
    /* First row: out = a[0] * b, written rather than accumulated. */
    uint64_t f = a[0], carry = 0;
    for (Mini_ssize_t j = 0; j < nb; j++) {
        carry += f * b[j];
        out[j] = (mini_digit)(carry & MASK);
        carry >>= SHIFT;
    }
    out[nb] = (mini_digit)carry;
    for (Mini_ssize_t i = 1; i < na; i++) {
        f = a[i];
        carry = 0;
        if (f == 0) { out[i + nb] = 0; continue; }
        for (Mini_ssize_t j = 0; j < nb; j++) {
            carry += out[i + j] + f * b[j];
            out[i + j] = (mini_digit)(carry & MASK);
            carry >>= SHIFT;
        }
        out[i + nb] = (mini_digit)carry;
    }
}

/* In place: a = a * m + add for a single-digit m and add; a has room for n + 1 digits. Returns the
 * new digit count. */
static Mini_ssize_t mag_muladd1(mini_digit *a, Mini_ssize_t n, mini_digit m, mini_digit add) {
    uint64_t carry = add;
    for (Mini_ssize_t i = 0; i < n; i++) {
        carry += (uint64_t)a[i] * m;
        a[i] = (mini_digit)(carry & MASK);
        carry >>= SHIFT;
    }
    if (carry != 0) a[n++] = (mini_digit)carry;
    return n;
}

/* q = a / d for a single digit d > 0 (q may be a); returns the remainder. */
static mini_digit mag_divrem1(const mini_digit *a, Mini_ssize_t n, mini_digit d, mini_digit *q) {
    uint64_t rem = 0;
    for (Mini_ssize_t i = n - 1; i >= 0; i--) {
        rem = (rem << SHIFT) | a[i];
        q[i] = (mini_digit)(rem / d);
        rem %= d;
    }
    return (mini_digit)rem;
}

/* out = a << s for 0 <= s < SHIFT (out may be a); returns the bits shifted out of the top. */
static mini_digit mag_lshift_bits(const mini_digit *a, Mini_ssize_t n, int s, mini_digit *out) {
    mini_digit carry = 0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        uint64_t t = ((uint64_t)a[i] << s) | carry;
        out[i] = (mini_digit)(t & MASK);
        carry = (mini_digit)(t >> SHIFT);
    }
    return carry;
}

/* out = a >> s for 0 <= s < SHIFT (out may be a). */
static void mag_rshift_bits(const mini_digit *a, Mini_ssize_t n, int s, mini_digit *out) {
    mini_digit hi = 0;
    for (Mini_ssize_t i = n - 1; i >= 0; i--) {
        mini_digit d = a[i];
        out[i] = (mini_digit)(((d >> s) | ((uint64_t)hi << (SHIFT - s))) & MASK);
        hi = d & ((1u << s) - 1);
    }
}

static int digit_bits(mini_digit d) { return d == 0 ? 0 : 32 - __builtin_clz(d); }

/* Long division of a (na digits) by b (nb >= 2 digits, top non-zero, a >= b): q gets na - nb + 1
 * digits and r gets nb digits. Knuth's algorithm D on normalised copies. 0 or -1 (MemoryError). */
static int mag_divrem(const mini_digit *a, Mini_ssize_t na, const mini_digit *b, Mini_ssize_t nb,
                      mini_digit *q, mini_digit *r) {
    mini_digit *u = malloc((size_t)(na + 1 + nb) * sizeof(mini_digit));
    if (u == NULL) { MiniErr_NoMemory(); return -1; }
    mini_digit *v = u + na + 1;
    int s = SHIFT - digit_bits(b[nb - 1]);
    mag_lshift_bits(b, nb, s, v);
    u[na] = mag_lshift_bits(a, na, s, u);
    uint64_t vtop = v[nb - 1], vnext = v[nb - 2];
    for (Mini_ssize_t j = na - nb; j >= 0; j--) {
        uint64_t num = ((uint64_t)u[j + nb] << SHIFT) | u[j + nb - 1];
        uint64_t qhat = num / vtop, rhat = num % vtop;
        while (qhat > MASK || qhat * vnext > ((rhat << SHIFT) | u[j + nb - 2])) {
            qhat--;
            rhat += vtop;
            if (rhat > MASK) break;
        }
        /* u[j .. j+nb] -= qhat * v, with one signed carry: |z| stays below 2**61 because
         * qhat * v[i] < 2**60, and the arithmetic shift floors, so zhi is the exact carry. */
        int64_t zhi = 0;
        for (Mini_ssize_t i = 0; i < nb; i++) {
            int64_t z = (int64_t)u[i + j] + zhi - (int64_t)(qhat * v[i]);
            u[i + j] = (mini_digit)(z & MASK);
            zhi = z >> SHIFT;
        }
        int64_t top = (int64_t)u[j + nb] + zhi;
        u[j + nb] = (mini_digit)(top & MASK);
        if (top < 0) {
            /* qhat was one too large: add v back. */
            qhat--;
            uint64_t c = 0;
            for (Mini_ssize_t i = 0; i < nb; i++) {
                c += (uint64_t)u[i + j] + v[i];
                u[i + j] = (mini_digit)(c & MASK);
                c >>= SHIFT;
            }
            u[j + nb] = (mini_digit)((u[j + nb] + c) & MASK);
        }
        q[j] = (mini_digit)qhat;
    }
    mag_rshift_bits(u, nb, s, r);
    free(u);
    return 0;
}

/* ----- signed arithmetic ------------------------------------------------------------------------- */

/* a + b, or a - b when negate_b is set. */
static MiniObject *add_signed(MiniObject *a, MiniObject *b, int negate_b) {
    _MiniLongView x, y;
    _MiniLong_GetView(a, &x);
    _MiniLong_GetView(b, &y);
    int yneg = negate_b ? !y.negative : y.negative;
    Mini_ssize_t n = (x.n > y.n ? x.n : y.n) + 1;
    MiniLongObject *r = _MiniLong_AllocDigits(n);
    if (r == NULL) return NULL;
    if (x.negative == yneg) {
        n = mag_add(x.digits, x.n, y.digits, y.n, r->ob_digit);
        return _MiniLong_Finish(r, n, x.negative);
    }
    int c = mag_cmp(x.digits, x.n, y.digits, y.n);
    if (c == 0) return _MiniLong_Finish(r, 0, 0);
    if (c > 0) {
        n = mag_sub(x.digits, x.n, y.digits, y.n, r->ob_digit);
        return _MiniLong_Finish(r, n, x.negative);
    }
    n = mag_sub(y.digits, y.n, x.digits, x.n, r->ob_digit);
    return _MiniLong_Finish(r, n, yneg);
}

MiniObject *_MiniLong_Add(MiniObject *a, MiniObject *b) { return add_signed(a, b, 0); }
MiniObject *_MiniLong_Subtract(MiniObject *a, MiniObject *b) { return add_signed(a, b, 1); }

MiniObject *_MiniLong_Multiply(MiniObject *a, MiniObject *b) {
    _MiniLongView x, y;
    _MiniLong_GetView(a, &x);
    _MiniLong_GetView(b, &y);
    if (x.n == 0 || y.n == 0) return MiniLong_FromLong(0);
    MiniLongObject *r = _MiniLong_AllocDigits(x.n + y.n);
    if (r == NULL) return NULL;
    mag_mul(x.digits, x.n, y.digits, y.n, r->ob_digit);
    return _MiniLong_Finish(r, x.n + y.n, x.negative != y.negative);
}

MiniObject *_MiniLong_Negate(MiniObject *a) {
    _MiniLongView x;
    _MiniLong_GetView(a, &x);
    return _MiniLong_FromDigits(x.digits, x.n, x.n > 0 && !x.negative);
}

int _MiniLong_DivMod(MiniObject *a, MiniObject *b, MiniObject **qout, MiniObject **rout) {
    _MiniLongView x, y;
    _MiniLong_GetView(a, &x);
    _MiniLong_GetView(b, &y);
    if (y.n == 0) {
        MiniErr_SetString(MiniExc_ZeroDivisionError, "integer division or modulo by zero");
        return -1;
    }
    Mini_ssize_t nq = x.n >= y.n ? x.n - y.n + 1 : 0;
    /* Spare digits: the floor adjustment below may carry (and adds to an empty quotient). */
    MiniLongObject *q = _MiniLong_AllocDigits(nq + 2);
    MiniLongObject *r = q ? _MiniLong_AllocDigits(y.n + 1) : NULL;
    if (r == NULL) { Mini_XDECREF(q); return -1; }
    Mini_ssize_t nr;
    if (x.n < y.n) {
        memcpy(r->ob_digit, x.digits, (size_t)x.n * sizeof(mini_digit));
        nr = x.n;
    } else if (y.n == 1) {
        r->ob_digit[0] = mag_divrem1(x.digits, x.n, y.digits[0], q->ob_digit);
        nr = 1;
    } else {
        if (mag_divrem(x.digits, x.n, y.digits, y.n, q->ob_digit, r->ob_digit) < 0) {
            Mini_DECREF(q);
            Mini_DECREF(r);
            return -1;
        }
        nr = y.n;
    }
    while (nr > 0 && r->ob_digit[nr - 1] == 0) nr--;
    int qneg = x.negative != y.negative;
    if (qneg && nr > 0) {
        /* Floor: q = -(|q| + 1), r = |b| - |r| (then it takes b's sign). */
        mini_digit one = 1;
        nq = mag_add(q->ob_digit, nq, &one, 1, q->ob_digit);
        nr = mag_sub(y.digits, y.n, r->ob_digit, nr, r->ob_digit);
    }
    MiniObject *qo = _MiniLong_Finish(q, nq, qneg);
    MiniObject *ro = _MiniLong_Finish(r, nr, y.negative);
    if (qout != NULL) *qout = qo; else Mini_DECREF(qo);
    if (rout != NULL) *rout = ro; else Mini_DECREF(ro);
    return 0;
}

MiniObject *_MiniLong_Power(MiniObject *a, MiniObject *b) {
    int sb = _MiniLong_Sign(b);
    if (sb < 0) { _MiniErr_BadInternalCall("_MiniLong_Power"); return NULL; }
    _MiniLongView x;
    _MiniLong_GetView(a, &x);
    int odd = _MiniLong_IsCompact(b) ? (_MiniLong_Value(b) & 1) : (((MiniLongObject *)b)->ob_digit[0] & 1);
    /* Bases whose powers stay small, whatever the exponent. */
    if (x.n == 0) return MiniLong_FromLong(sb == 0 ? 1 : 0);
    if (x.n == 1 && x.digits[0] == 1) return MiniLong_FromLong(x.negative && odd ? -1 : 1);
    if (!_MiniLong_IsCompact(b)) {
        MiniErr_SetString(MiniExc_OverflowError, "too many digits in integer");
        return NULL;
    }
    int64_t e = _MiniLong_Value(b);
    uint64_t bits = _MiniLong_NumBits(a);
    if ((uint64_t)e > ((uint64_t)MAX_DIGITS * SHIFT) / (bits ? bits : 1)) {
        MiniErr_SetString(MiniExc_OverflowError, "too many digits in integer");
        return NULL;
    }
    /* Left-to-right square and multiply. */
    MiniObject *result = MiniLong_FromLong(1);
    if (result == NULL) return NULL;
    for (int bit = 63 - __builtin_clzll((uint64_t)(e | 1)); bit >= 0; bit--) {
        MiniObject *t = _MiniLong_Multiply(result, result);
        Mini_DECREF(result);
        if ((result = t) == NULL) return NULL;
        if ((e >> bit) & 1) {
            t = _MiniLong_Multiply(result, a);
            Mini_DECREF(result);
            if ((result = t) == NULL) return NULL;
        }
    }
    return result;
}

/* ----- comparison, sign, size, hash ------------------------------------------------------------ */

int _MiniLong_Compare(MiniObject *a, MiniObject *b) {
    if (_MiniLong_IsCompact(a) && _MiniLong_IsCompact(b)) {
        int64_t x = _MiniLong_Value(a), y = _MiniLong_Value(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    _MiniLongView x, y;
    _MiniLong_GetView(a, &x);
    _MiniLong_GetView(b, &y);
    if (x.negative != y.negative) return x.negative ? -1 : 1;
    int c = mag_cmp(x.digits, x.n, y.digits, y.n);
    return x.negative ? -c : c;
}

int _MiniLong_Sign(MiniObject *a) {
    if (_MiniLong_IsCompact(a)) {
        int64_t v = _MiniLong_Value(a);
        return v < 0 ? -1 : v > 0;
    }
    return Mini_SIZE(a) < 0 ? -1 : 1;
}

uint64_t _MiniLong_NumBits(MiniObject *a) {
    _MiniLongView x;
    _MiniLong_GetView(a, &x);
    if (x.n == 0) return 0;
    return (uint64_t)(x.n - 1) * SHIFT + (uint64_t)digit_bits(x.digits[x.n - 1]);
}

Mini_hash_t _MiniLong_HashBig(MiniObject *a) {
    _MiniLongView x;
    _MiniLong_GetView(a, &x);
    /* Horner's rule modulo 2**61 - 1, where multiplying by 2**30 is a 61-bit rotation. */
    uint64_t h = 0;
    for (Mini_ssize_t i = x.n - 1; i >= 0; i--) {
        h = ((h << SHIFT) & MINI_HASH_MODULUS) | (h >> (MINI_HASH_BITS - SHIFT));
        h += x.digits[i];
        if (h >= MINI_HASH_MODULUS) h -= MINI_HASH_MODULUS;
    }
    Mini_hash_t r = x.negative ? -(Mini_hash_t)h : (Mini_hash_t)h;
    return r == -1 ? -2 : r;
}

int _MiniLong_AsUInt64(MiniObject *a, uint64_t *out) {
    _MiniLongView x;
    _MiniLong_GetView(a, &x);
    if (x.negative) return -1;
    if (x.n > 3 || (x.n == 3 && x.digits[2] >= (1u << 4))) return 1;
    uint64_t v = 0;
    for (Mini_ssize_t i = x.n - 1; i >= 0; i--) v = (v << SHIFT) | x.digits[i];
    *out = v;
    return 0;
}

/* ----- floating point --------------------------------------------------------------------------- */

/* The top 64 bits of the magnitude (shifted so the top bit of the number is bit 63 when it has
 * more than 64 bits) with a sticky low bit for anything below; *exp gets the shift applied. */
static uint64_t top_bits(const _MiniLongView *x, uint64_t nbits, int64_t *exp) {
    if (nbits <= 64) {
        uint64_t v = 0;
        for (Mini_ssize_t i = x->n - 1; i >= 0; i--) v = (v << SHIFT) | x->digits[i];
        *exp = 0;
        return v;
    }
    int64_t drop = (int64_t)nbits - 64;
    *exp = drop;
    uint64_t v = 0;
    int sticky = 0;
    /* Bit position p of the number lives in digit p / SHIFT, bit p % SHIFT. */
    for (int64_t p = (int64_t)nbits - 1; p >= drop; p--)
        v = (v << 1) | ((x->digits[p / SHIFT] >> (p % SHIFT)) & 1);
    for (Mini_ssize_t i = 0; i < (Mini_ssize_t)(drop / SHIFT) && !sticky; i++) sticky = x->digits[i] != 0;
    if (!sticky && drop % SHIFT) sticky = (x->digits[drop / SHIFT] & ((1u << (drop % SHIFT)) - 1)) != 0;
    return v | (uint64_t)sticky;
}

double _MiniLong_ToDouble(MiniObject *a) {
    if (_MiniLong_IsCompact(a)) return (double)_MiniLong_Value(a);
    _MiniLongView x;
    _MiniLong_GetView(a, &x);
    uint64_t nbits = _MiniLong_NumBits(a);
    if (nbits > 1024) goto overflow;
    int64_t e;
    uint64_t top = top_bits(&x, nbits, &e);
    /* (double)top rounds to nearest-even correctly: the sticky bit breaks false ties. */
    double d = ldexp((double)top, (int)e);
    if (isinf(d)) goto overflow;
    return x.negative ? -d : d;
overflow:
    MiniErr_SetString(MiniExc_OverflowError, "int too large to convert to float");
    return -1.0;
}

MiniObject *_MiniLong_FromFiniteDouble(double v) {
    double t = trunc(v);
    if (t >= -9223372036854775808.0 && t < 9223372036854775808.0) return MiniLong_FromLongLong((long long)t);
    int e;
    double m = frexp(fabs(t), &e);            /* |t| = m * 2**e, 0.5 <= m < 1, e > 63 */
    uint64_t mant = (uint64_t)ldexp(m, 53);   /* exact: 53 significant bits */
    int64_t shift = e - 53;
    Mini_ssize_t n = (Mini_ssize_t)((e + SHIFT - 1) / SHIFT) + 1;
    MiniLongObject *r = _MiniLong_AllocDigits(n);
    if (r == NULL) return NULL;
    memset(r->ob_digit, 0, (size_t)n * sizeof(mini_digit));
    for (int bit = 0; bit < 53; bit++) {
        if (!((mant >> bit) & 1)) continue;
        int64_t p = bit + shift;
        r->ob_digit[p / SHIFT] |= (mini_digit)1 << (p % SHIFT);
    }
    return _MiniLong_Finish(r, n, t < 0);
}

MiniObject *_MiniLong_TrueDivide(MiniObject *a, MiniObject *b) {
    _MiniLongView x, y;
    _MiniLong_GetView(a, &x);
    _MiniLong_GetView(b, &y);
    if (y.n == 0) return MiniErr_Format(MiniExc_ZeroDivisionError, "division by zero");
    if (x.n == 0) return MiniFloat_FromDouble(x.negative != y.negative ? -0.0 : 0.0);
    uint64_t na = _MiniLong_NumBits(a), nb = _MiniLong_NumBits(b);
    int neg = x.negative != y.negative;
    if (na <= 53 && nb <= 53) {
        double d = (double)top_bits(&x, na, &(int64_t){0}) / (double)top_bits(&y, nb, &(int64_t){0});
        return MiniFloat_FromDouble(neg ? -d : d);
    }
    /* Scale so that the integer quotient has 62 or 63 bits, then round once with a sticky bit. */
    int64_t s = 62 - ((int64_t)na - (int64_t)nb);
    MiniObject *num = NULL, *den = NULL, *q = NULL, *r = NULL, *sh = NULL, *absa = NULL, *absb = NULL;
    MiniObject *res = NULL;
    absa = _MiniLong_FromDigits(x.digits, x.n, 0);
    absb = _MiniLong_FromDigits(y.digits, y.n, 0);
    sh = MiniLong_FromLongLong(s >= 0 ? s : -s);
    if (absa == NULL || absb == NULL || sh == NULL) goto done;
    if (s >= 0) { num = _MiniLong_Lshift(absa, sh); den = Mini_NewRef(absb); }
    else { num = Mini_NewRef(absa); den = _MiniLong_Lshift(absb, sh); }
    if (num == NULL || den == NULL || _MiniLong_DivMod(num, den, &q, &r) < 0) goto done;
    {
        uint64_t qv = 0;
        _MiniLong_AsUInt64(q, &qv);
        if (_MiniLong_Sign(r) != 0) qv |= 1;
        double d = ldexp((double)qv, (int)-s);
        if (isinf(d)) {
            MiniErr_SetString(MiniExc_OverflowError, "integer division result too large for a float");
            goto done;
        }
        res = MiniFloat_FromDouble(neg ? -d : d);
    }
done:
    Mini_XDECREF(num); Mini_XDECREF(den); Mini_XDECREF(q); Mini_XDECREF(r);
    Mini_XDECREF(sh); Mini_XDECREF(absa); Mini_XDECREF(absb);
    return res;
}

/* ----- bitwise operators ------------------------------------------------------------------------- */

/* Fills out[0..n) with the two's complement digits of the viewed value, sign-extended. */
static void twos_complement(const _MiniLongView *x, mini_digit *out, Mini_ssize_t n) {
    for (Mini_ssize_t i = 0; i < n; i++) out[i] = i < x->n ? x->digits[i] : 0;
    if (!x->negative) return;
    /* -m = ~(m - 1) */
    for (Mini_ssize_t i = 0; i < n; i++) {
        if (out[i] != 0) { out[i]--; break; }
        out[i] = MASK;
    }
    for (Mini_ssize_t i = 0; i < n; i++) out[i] = ~out[i] & MASK;
}

static MiniObject *bitwise(MiniObject *a, MiniObject *b, char op) {
    if (_MiniLong_IsCompact(a) && _MiniLong_IsCompact(b)) {
        /* int64 is two's complement already: the result is exact. */
        int64_t p = _MiniLong_Value(a), q = _MiniLong_Value(b);
        return MiniLong_FromLongLong(op == '&' ? (p & q) : op == '|' ? (p | q) : (p ^ q));
    }
    _MiniLongView x, y;
    _MiniLong_GetView(a, &x);
    _MiniLong_GetView(b, &y);
    Mini_ssize_t n = (x.n > y.n ? x.n : y.n) + 1;
    mini_digit *ty = malloc((size_t)n * sizeof(mini_digit));
    MiniLongObject *r = ty ? _MiniLong_AllocDigits(n) : NULL;
    if (r == NULL) { free(ty); return ty ? NULL : MiniErr_NoMemory(); }
    twos_complement(&x, r->ob_digit, n);
    twos_complement(&y, ty, n);
    int neg;
    for (Mini_ssize_t i = 0; i < n; i++) {
        mini_digit p = r->ob_digit[i], q = ty[i];
        r->ob_digit[i] = op == '&' ? (p & q) : op == '|' ? (p | q) : (p ^ q);
    }
    neg = op == '&' ? (x.negative & y.negative) : op == '|' ? (x.negative | y.negative) : (x.negative ^ y.negative);
    free(ty);
    if (neg) {
        /* magnitude = ~r + 1 */
        for (Mini_ssize_t i = 0; i < n; i++) r->ob_digit[i] = ~r->ob_digit[i] & MASK;
        for (Mini_ssize_t i = 0; i < n; i++) {
            if (r->ob_digit[i] != MASK) { r->ob_digit[i]++; break; }
            r->ob_digit[i] = 0;
        }
    }
    return _MiniLong_Finish(r, n, neg);
}

MiniObject *_MiniLong_And(MiniObject *a, MiniObject *b) { return bitwise(a, b, '&'); }
MiniObject *_MiniLong_Or(MiniObject *a, MiniObject *b) { return bitwise(a, b, '|'); }
MiniObject *_MiniLong_Xor(MiniObject *a, MiniObject *b) { return bitwise(a, b, '^'); }

MiniObject *_MiniLong_Invert(MiniObject *a) {
    if (_MiniLong_IsCompact(a)) return MiniLong_FromLongLong(~_MiniLong_Value(a));
    /* ~a == -(a + 1) */
    MiniObject *one = MiniLong_FromLong(1);
    MiniObject *t = _MiniLong_Add(a, one);
    Mini_DECREF(one);
    if (t == NULL) return NULL;
    MiniObject *r = _MiniLong_Negate(t);
    Mini_DECREF(t);
    return r;
}

/* The shift count of b: -1 with ValueError when negative; *huge set when it does not fit int64. */
static int shift_count(MiniObject *b, int64_t *count, int *huge) {
    *huge = 0;
    if (_MiniLong_Sign(b) < 0) {
        MiniErr_SetString(MiniExc_ValueError, "negative shift count");
        return -1;
    }
    if (!_MiniLong_IsCompact(b)) { *huge = 1; *count = INT64_MAX; return 0; }
    *count = _MiniLong_Value(b);
    return 0;
}

MiniObject *_MiniLong_Lshift(MiniObject *a, MiniObject *b) {
    int64_t k;
    int huge;
    if (shift_count(b, &k, &huge) < 0) return NULL;
    if (_MiniLong_IsCompact(a) && !huge && k < 63) {
        int64_t v = _MiniLong_Value(a);
        if (v >= (INT64_MIN >> k) && v <= (INT64_MAX >> k)) return MiniLong_FromLongLong((int64_t)((uint64_t)v << k));
    }
    _MiniLongView x;
    _MiniLong_GetView(a, &x);
    if (x.n == 0) return MiniLong_FromLong(0);
    if (huge || k / SHIFT > MAX_DIGITS) {
        MiniErr_SetString(MiniExc_OverflowError, "too many digits in integer");
        return NULL;
    }
    Mini_ssize_t whole = (Mini_ssize_t)(k / SHIFT), n = x.n + whole + 1;
    MiniLongObject *r = _MiniLong_AllocDigits(n);
    if (r == NULL) return NULL;
    memset(r->ob_digit, 0, (size_t)whole * sizeof(mini_digit));
    r->ob_digit[n - 1] = mag_lshift_bits(x.digits, x.n, (int)(k % SHIFT), r->ob_digit + whole);
    return _MiniLong_Finish(r, n, x.negative);
}

MiniObject *_MiniLong_Rshift(MiniObject *a, MiniObject *b) {
    int64_t k;
    int huge;
    if (shift_count(b, &k, &huge) < 0) return NULL;
    if (_MiniLong_IsCompact(a)) {
        int64_t v = _MiniLong_Value(a);
        return MiniLong_FromLongLong(huge || k >= 64 ? (v < 0 ? -1 : 0) : (v >> k));   /* arithmetic shift floors */
    }
    _MiniLongView x;
    _MiniLong_GetView(a, &x);
    if (huge || (uint64_t)k >= _MiniLong_NumBits(a)) return MiniLong_FromLong(x.negative ? -1 : 0);
    Mini_ssize_t whole = (Mini_ssize_t)(k / SHIFT), n = x.n - whole;
    MiniLongObject *r = _MiniLong_AllocDigits(n + 1);
    if (r == NULL) return NULL;
    if (!x.negative) {
        mag_rshift_bits(x.digits + whole, n, (int)(k % SHIFT), r->ob_digit);
        return _MiniLong_Finish(r, n, 0);
    }
    /* Floor for negatives: -(((|a| - 1) >> k) + 1). */
    mini_digit *m = malloc((size_t)x.n * sizeof(mini_digit));
    if (m == NULL) { Mini_DECREF(r); return MiniErr_NoMemory(); }
    mini_digit one = 1;
    mag_sub(x.digits, x.n, &one, 1, m);
    mag_rshift_bits(m + whole, n, (int)(k % SHIFT), r->ob_digit);
    free(m);
    r->ob_digit[n] = 0;
    n = mag_add(r->ob_digit, n, &one, 1, r->ob_digit);
    return _MiniLong_Finish(r, n, 1);
}

/* ----- text -------------------------------------------------------------------------------------- */

MiniObject *_MiniLong_Format(MiniObject *a, int base, int prefix) {
    _MiniLongView x;
    _MiniLong_GetView(a, &x);
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    if (x.negative) _MiniStrBuf_AppendChar(&b, '-');
    if (prefix && base != 10) _MiniStrBuf_AppendC(&b, base == 2 ? "0b" : base == 8 ? "0o" : "0x");
    if (x.n == 0) {
        _MiniStrBuf_AppendChar(&b, '0');
        return _MiniStrBuf_Finish(&b);
    }
    static const char digitchars[] = "0123456789abcdef";
    char *text;
    size_t len = 0;
    if (base == 10) {
        /* Peel off 9 decimal digits at a time. */
        Mini_ssize_t n = x.n;
        size_t cap = (size_t)n * 10 + 10;
        mini_digit *work = malloc((size_t)n * sizeof(mini_digit));
        text = malloc(cap);
        if (work == NULL || text == NULL) { free(work); free(text); _MiniStrBuf_Discard(&b); return MiniErr_NoMemory(); }
        memcpy(work, x.digits, (size_t)n * sizeof(mini_digit));
        while (n > 0) {
            mini_digit chunk = mag_divrem1(work, n, 1000000000u, work);
            while (n > 0 && work[n - 1] == 0) n--;
            for (int i = 0; i < 9 && (n > 0 || chunk != 0); i++) {
                text[len++] = (char)('0' + chunk % 10);
                chunk /= 10;
            }
        }
        free(work);
    } else {
        int bits = base == 2 ? 1 : base == 8 ? 3 : 4;
        uint64_t nbits = _MiniLong_NumBits(a);
        size_t ndig = (size_t)((nbits + (uint64_t)bits - 1) / (uint64_t)bits);
        text = malloc(ndig + 1);
        if (text == NULL) { _MiniStrBuf_Discard(&b); return MiniErr_NoMemory(); }
        for (size_t i = 0; i < ndig; i++) {
            unsigned v = 0;
            for (int k = bits - 1; k >= 0; k--) {
                uint64_t p = (uint64_t)i * (uint64_t)bits + (uint64_t)k;
                v <<= 1;
                if (p < nbits) v |= (x.digits[p / SHIFT] >> (p % SHIFT)) & 1;
            }
            text[len++] = digitchars[v];
        }
    }
    for (size_t i = 0; i < len / 2; i++) {   /* digits were produced least significant first */
        char t = text[i];
        text[i] = text[len - 1 - i];
        text[len - 1 - i] = t;
    }
    _MiniStrBuf_Append(&b, text, len);
    free(text);
    return _MiniStrBuf_Finish(&b);
}

MiniObject *_MiniLong_ParseDigits(const char *s, Mini_ssize_t len, int base, int negative) {
    /* Chunks of k digits whose value base**k stays below one digit (2**30). */
    uint32_t chunk_mul = (uint32_t)base;
    int k = 1;
    while ((uint64_t)chunk_mul * (uint64_t)base < BASE) { chunk_mul *= (uint32_t)base; k++; }
    /* Upper bound on the digits needed: len * log2(base) bits. */
    double bits = (double)len * log2((double)base) + 1.0;
    Mini_ssize_t cap = (Mini_ssize_t)(bits / SHIFT) + 2;
    MiniLongObject *r = _MiniLong_AllocDigits(cap);
    if (r == NULL) return NULL;
    Mini_ssize_t n = 0;
    for (Mini_ssize_t i = 0; i < len;) {
        uint32_t chunk = 0, mul = 1;
        for (int j = 0; j < k && i < len; j++, i++) {
            char c = s[i];
            int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
            chunk = chunk * (uint32_t)base + (uint32_t)d;
            mul *= (uint32_t)base;
        }
        n = mag_muladd1(r->ob_digit, n, mul, chunk);
    }
    return _MiniLong_Finish(r, n, negative);
}
