/* Modules/mathmodule.c: the `math` module, with CPython 3.11's results and errors: functions of
 * floats raise ValueError "math domain error" when the result is not a number for an argument
 * that was one (sqrt(-1), log(0)), OverflowError "math range error" when a finite argument gives
 * an infinite result (exp(1000)); floor/ceil/trunc return ints; fsum is exact (Shewchuk's
 * algorithm with CPython's final rounding), so fsum([0.1] * 10) == 1.0. Integer functions
 * (gcd, lcm, isqrt, factorial, comb, perm, prod) take a 64-bit fast path and fall back on the
 * generic number protocol, so they grow with the int type. None of these release the GIL: they
 * are short and touch objects, as CPython's are. */
#include "stdlib_internal.h"
#include "longobject_internal.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>

static const double PI = 3.141592653589793238462643383279502884;
static const double E = 2.718281828459045235360287471352662498;

static MiniObject *domain_error(void) {
    MiniErr_SetString(MiniExc_ValueError, "math domain error");
    return NULL;
}
static MiniObject *range_error(void) {
    MiniErr_SetString(MiniExc_OverflowError, "math range error");
    return NULL;
}

/* x as a double: floats and ints (TypeError "must be real number, not str"). 0 / -1. */
static int as_double(MiniObject *o, double *out) {
    double v = MiniFloat_AsDouble(o);
    if (v == -1.0 && MiniErr_Occurred()) return -1;
    *out = v;
    return 0;
}

/* The result check every one-argument function shares (CPython's math_1): NaN from a number is a
 * domain error; infinity from a finite number is a range error if the function can overflow,
 * else a domain error (a pole, like atanh(1)). */
static MiniObject *check_result(double x, double r, int can_overflow) {
    if (isnan(r) && !isnan(x)) return domain_error();
    if (isinf(r) && isfinite(x)) return can_overflow ? range_error() : domain_error();
    return MiniFloat_FromDouble(r);
}

/* One-argument functions of a float, with their overflow flag. */
#define MATH_FUNC1(name, cfunc, can_overflow)                                   \
    static MiniObject *math_##name(MiniObject *m, MiniObject *arg) {            \
        (void)m;                                                                \
        double x;                                                               \
        if (as_double(arg, &x) < 0) return NULL;                                \
        return check_result(x, cfunc(x), can_overflow);                         \
    }

MATH_FUNC1(sqrt, sqrt, 0)
MATH_FUNC1(exp, exp, 1)
MATH_FUNC1(exp2, exp2, 1)
MATH_FUNC1(expm1, expm1, 1)
MATH_FUNC1(log1p, log1p, 0)
MATH_FUNC1(sin, sin, 0)
MATH_FUNC1(cos, cos, 0)
MATH_FUNC1(tan, tan, 0)
MATH_FUNC1(asin, asin, 0)
MATH_FUNC1(acos, acos, 0)
MATH_FUNC1(atan, atan, 0)
MATH_FUNC1(sinh, sinh, 1)
MATH_FUNC1(cosh, cosh, 1)
MATH_FUNC1(tanh, tanh, 0)
MATH_FUNC1(asinh, asinh, 0)
MATH_FUNC1(acosh, acosh, 0)
MATH_FUNC1(atanh, atanh, 0)
MATH_FUNC1(erf, erf, 0)
MATH_FUNC1(erfc, erfc, 0)
MATH_FUNC1(fabs, fabs, 0)
MATH_FUNC1(cbrt, cbrt, 0)

/* gamma and lgamma: poles (0, negative integers) are domain errors, as CPython's. */
static MiniObject *math_gamma(MiniObject *m, MiniObject *arg) {
    (void)m;
    double x;
    if (as_double(arg, &x) < 0) return NULL;
    if (isfinite(x) && x <= 0 && x == floor(x)) return domain_error();
    if (x == -INFINITY) return domain_error();
    return check_result(x, tgamma(x), 1);
}

static MiniObject *math_lgamma(MiniObject *m, MiniObject *arg) {
    (void)m;
    double x;
    if (as_double(arg, &x) < 0) return NULL;
    if (isfinite(x) && x <= 0 && x == floor(x)) return domain_error();
    int sign;
    return check_result(x, lgamma_r(x, &sign), 1);
}

static MiniObject *math_degrees(MiniObject *m, MiniObject *arg) {
    (void)m;
    double x;
    if (as_double(arg, &x) < 0) return NULL;
    return MiniFloat_FromDouble(x * (180.0 / PI));
}

static MiniObject *math_radians(MiniObject *m, MiniObject *arg) {
    (void)m;
    double x;
    if (as_double(arg, &x) < 0) return NULL;
    return MiniFloat_FromDouble(x * (PI / 180.0));
}

/* ----- rounding to int ------------------------------------------------------------------------ */

/* floor / ceil / trunc: an int stays itself (bool becomes int), a float is rounded and converted
 * (OverflowError for infinities, ValueError for NaN), anything else must have the dunder. */
static MiniObject *round_to_int(MiniObject *arg, double (*cfunc)(double), const char *dunder) {
    if (MiniLong_CheckExact(arg)) return Mini_NewRef(arg);
    if (MiniLong_Check(arg)) return MiniNumber_Index(arg);
    if (MiniFloat_Check(arg)) return MiniLong_FromDouble(cfunc(MiniFloat_AS_DOUBLE(arg)));
    if (MiniObject_HasAttrString(arg, dunder)) return MiniObject_CallMethodObjArgs(arg, dunder, NULL);
    if (cfunc == trunc)
        return MiniErr_Format(MiniExc_TypeError, "type %.100s doesn't define __trunc__ method",
                              Mini_TYPE(arg)->tp_name);
    double x;
    if (as_double(arg, &x) < 0) return NULL;
    return MiniLong_FromDouble(cfunc(x));
}

static MiniObject *math_floor(MiniObject *m, MiniObject *arg) { (void)m; return round_to_int(arg, floor, "__floor__"); }
static MiniObject *math_ceil(MiniObject *m, MiniObject *arg) { (void)m; return round_to_int(arg, ceil, "__ceil__"); }
static MiniObject *math_trunc(MiniObject *m, MiniObject *arg) { (void)m; return round_to_int(arg, trunc, "__trunc__"); }

/* ----- logarithms ----------------------------------------------------------------------------- */

/* The logarithm of x with cfunc: positive numbers only (domain error otherwise); an int too big
 * for a double goes through its mantissa and exponent, as CPython's loghelper does. 0 / -1. */
static int log_of(MiniObject *x, double (*cfunc)(double), double *out) {
    double v;
    if (MiniLong_Check(x)) {
        if (_MiniLong_Sign(x) <= 0) { domain_error(); return -1; }
        v = MiniLong_AsDouble(x);
        if (v == -1.0 && MiniErr_Occurred()) {
            if (!MiniErr_ExceptionMatches(MiniExc_OverflowError)) return -1;
            MiniErr_Clear();
            long long bits = (long long)_MiniLong_NumBits(x), shift = bits - 60;
            MiniObject *k = MiniLong_FromLongLong(shift);
            MiniObject *top = k ? _MiniLong_Rshift(x, k) : NULL;
            Mini_XDECREF(k);
            if (top == NULL) return -1;
            double mant = ldexp(MiniLong_AsDouble(top), -60);   /* in [0.5, 1) */
            Mini_DECREF(top);
            *out = cfunc(mant) + cfunc(2.0) * (double)bits;
            return 0;
        }
        *out = cfunc(v);
        return 0;
    }
    if (as_double(x, &v) < 0) return -1;
    if (isnan(v)) { *out = v; return 0; }
    if (v <= 0) { domain_error(); return -1; }
    *out = cfunc(v);
    return 0;
}

/* log(x[, base]) */
static MiniObject *math_log(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *x, *base = NULL;
    if (!MiniArg_UnpackTuple(args, "log", 1, 2, &x, &base)) return NULL;
    double num, den;
    if (log_of(x, log, &num) < 0) return NULL;
    if (base == NULL) return MiniFloat_FromDouble(num);
    if (log_of(base, log, &den) < 0) return NULL;
    if (den == 0) {
        MiniErr_SetString(MiniExc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    return MiniFloat_FromDouble(num / den);
}

static MiniObject *math_log2(MiniObject *m, MiniObject *arg) {
    (void)m;
    double r;
    return log_of(arg, log2, &r) < 0 ? NULL : MiniFloat_FromDouble(r);
}

static MiniObject *math_log10(MiniObject *m, MiniObject *arg) {
    (void)m;
    double r;
    return log_of(arg, log10, &r) < 0 ? NULL : MiniFloat_FromDouble(r);
}

/* ----- two-argument float functions ----------------------------------------------------------- */

static int two_doubles(MiniObject *args, const char *name, double *x, double *y) {
    MiniObject *a, *b;
    if (!MiniArg_UnpackTuple(args, name, 2, 2, &a, &b)) return -1;
    if (as_double(a, x) < 0 || as_double(b, y) < 0) return -1;
    return 0;
}

/* pow(x, y): C99 pow with CPython's errors. */
static MiniObject *math_pow(MiniObject *m, MiniObject *args) {
    (void)m;
    double x, y;
    if (two_doubles(args, "pow", &x, &y) < 0) return NULL;
    if (x == 0 && isfinite(y) && y < 0) return domain_error();
    double r = pow(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) return domain_error();
    if (isinf(r) && isfinite(x) && isfinite(y)) return range_error();
    return MiniFloat_FromDouble(r);
}

static MiniObject *math_atan2(MiniObject *m, MiniObject *args) {
    (void)m;
    double y, x;
    if (two_doubles(args, "atan2", &y, &x) < 0) return NULL;
    return MiniFloat_FromDouble(atan2(y, x));
}

static MiniObject *math_copysign(MiniObject *m, MiniObject *args) {
    (void)m;
    double x, y;
    if (two_doubles(args, "copysign", &x, &y) < 0) return NULL;
    return MiniFloat_FromDouble(copysign(x, y));
}

static MiniObject *math_fmod(MiniObject *m, MiniObject *args) {
    (void)m;
    double x, y;
    if (two_doubles(args, "fmod", &x, &y) < 0) return NULL;
    if (isinf(y) && isfinite(x)) return MiniFloat_FromDouble(x);
    double r = fmod(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) return domain_error();
    return MiniFloat_FromDouble(r);
}

static MiniObject *math_remainder(MiniObject *m, MiniObject *args) {
    (void)m;
    double x, y;
    if (two_doubles(args, "remainder", &x, &y) < 0) return NULL;
    if (isnan(x) || isnan(y)) return MiniFloat_FromDouble(NAN);
    if (isinf(x) || y == 0) return domain_error();
    return MiniFloat_FromDouble(remainder(x, y));
}

static MiniObject *math_nextafter(MiniObject *m, MiniObject *args) {
    (void)m;
    double x, y;
    if (two_doubles(args, "nextafter", &x, &y) < 0) return NULL;
    return MiniFloat_FromDouble(nextafter(x, y));
}

static MiniObject *math_ulp(MiniObject *m, MiniObject *arg) {
    (void)m;
    double x;
    if (as_double(arg, &x) < 0) return NULL;
    if (isnan(x)) return MiniFloat_FromDouble(x);
    x = fabs(x);
    if (isinf(x)) return MiniFloat_FromDouble(x);
    double up = nextafter(x, INFINITY);
    if (isinf(up)) return MiniFloat_FromDouble(x - nextafter(x, -INFINITY));
    return MiniFloat_FromDouble(up - x);
}

/* ldexp(x, i) = x * 2**i */
static MiniObject *math_ldexp(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *xo, *io;
    if (!MiniArg_UnpackTuple(args, "ldexp", 2, 2, &xo, &io)) return NULL;
    double x;
    if (as_double(xo, &x) < 0) return NULL;
    if (!MiniLong_Check(io)) return MiniErr_Format(MiniExc_TypeError, "Expected an int as second argument to ldexp.");
    int overflow;
    long e = MiniLong_AsLongAndOverflow(io, &overflow);
    if (e == -1 && MiniErr_Occurred()) return NULL;
    if (overflow) e = overflow > 0 ? 100000 : -100000;
    if (e > 100000) e = 100000;
    if (e < -100000) e = -100000;
    if (x == 0 || !isfinite(x)) return MiniFloat_FromDouble(x);
    double r = ldexp(x, (int)e);
    if (isinf(r)) return range_error();
    return MiniFloat_FromDouble(r);
}

/* frexp(x) -> (m, e) */
static MiniObject *math_frexp(MiniObject *m, MiniObject *arg) {
    (void)m;
    double x;
    if (as_double(arg, &x) < 0) return NULL;
    int e = 0;
    double mant = (isnan(x) || isinf(x) || x == 0) ? x : frexp(x, &e);
    return Mini_BuildValue("(di)", mant, e);
}

/* modf(x) -> (fractional part, integer part) */
static MiniObject *math_modf(MiniObject *m, MiniObject *arg) {
    (void)m;
    double x;
    if (as_double(arg, &x) < 0) return NULL;
    if (isinf(x)) return Mini_BuildValue("(dd)", copysign(0.0, x), x);
    double ip;
    double fp = modf(x, &ip);
    return Mini_BuildValue("(dd)", fp, ip);
}

/* ----- predicates ----------------------------------------------------------------------------- */

static MiniObject *math_isfinite(MiniObject *m, MiniObject *arg) {
    (void)m;
    double x;
    if (as_double(arg, &x) < 0) return NULL;
    return MiniBool_FromLong(isfinite(x));
}
static MiniObject *math_isinf(MiniObject *m, MiniObject *arg) {
    (void)m;
    double x;
    if (as_double(arg, &x) < 0) return NULL;
    return MiniBool_FromLong(isinf(x));
}
static MiniObject *math_isnan(MiniObject *m, MiniObject *arg) {
    (void)m;
    double x;
    if (as_double(arg, &x) < 0) return NULL;
    return MiniBool_FromLong(isnan(x));
}

/* isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0) */
static MiniObject *math_isclose(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *keywords[] = {"a", "b", "rel_tol", "abs_tol", NULL};
    double a, b, rel_tol = 1e-9, abs_tol = 0.0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "dd|$dd:isclose", keywords, &a, &b, &rel_tol, &abs_tol))
        return NULL;
    if (rel_tol < 0 || abs_tol < 0) {
        MiniErr_SetString(MiniExc_ValueError, "tolerances must be non-negative");
        return NULL;
    }
    if (a == b) Mini_RETURN_TRUE;
    if (isinf(a) || isinf(b)) Mini_RETURN_FALSE;
    double diff = fabs(b - a);
    return MiniBool_FromLong(diff <= fabs(rel_tol * b) || diff <= fabs(rel_tol * a) || diff <= abs_tol);
}

/* ----- sums and norms ------------------------------------------------------------------------- */

/* fsum(iterable): the correctly rounded sum. The running sum is kept exactly as a list of
 * non-overlapping partial sums (Shewchuk); infinities and NaNs are summed apart. */
static MiniObject *math_fsum(MiniObject *m, MiniObject *iterable) {
    (void)m;
    MiniObject *it = MiniObject_GetIter(iterable), *item;
    if (it == NULL) return NULL;
    double small[32], *p = small;
    Mini_ssize_t n = 0, cap = 32;
    double special = 0.0, inf_sum = 0.0;
    while ((item = MiniIter_Next(it)) != NULL) {
        double x;
        int bad = as_double(item, &x);
        Mini_DECREF(item);
        if (bad < 0) goto fail;
        double original = x;
        Mini_ssize_t k = 0;
        for (Mini_ssize_t j = 0; j < n; j++) {
            double y = p[j];
            if (fabs(x) < fabs(y)) { double t = x; x = y; y = t; }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) p[k++] = lo;
            x = hi;
        }
        n = k;
        if (x == 0.0) continue;
        if (!isfinite(x)) {
            if (isfinite(original)) {
                MiniErr_SetString(MiniExc_OverflowError, "intermediate overflow in fsum");
                goto fail;
            }
            if (isinf(original)) inf_sum += original;
            special += original;
            n = 0;
            continue;
        }
        if (n == cap) {
            double *grown = malloc((size_t)cap * 2 * sizeof(double));
            if (grown == NULL) { MiniErr_NoMemory(); goto fail; }
            for (Mini_ssize_t j = 0; j < n; j++) grown[j] = p[j];
            if (p != small) free(p);
            p = grown;
            cap *= 2;
        }
        p[n++] = x;
    }
    Mini_DECREF(it);
    it = NULL;
    if (MiniErr_Occurred()) goto fail;
    double result = 0.0;
    if (special != 0.0) {
        if (isnan(inf_sum)) {
            MiniErr_SetString(MiniExc_ValueError, "-inf + inf in fsum");
            goto fail;
        }
        result = special;
    } else if (n > 0) {
        double hi = p[--n], lo = 0.0;
        while (n > 0) {
            double x = hi, y = p[--n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0) break;
        }
        /* Round half-even correctly: when the rest of the partials would push the halfway case
         * one way, do it. */
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y;
            if (y == x - hi) hi = x;
        }
        result = hi;
    }
    if (p != small) free(p);
    return MiniFloat_FromDouble(result);
fail:
    Mini_XDECREF(it);
    if (p != small) free(p);
    return NULL;
}

/* The coordinates of a point (any iterable of numbers) as a malloc'ed array. -1 on error. */
static Mini_ssize_t coords(MiniObject *seq, double **out) {
    MiniObject *it = MiniObject_GetIter(seq), *item;
    if (it == NULL) return -1;
    Mini_ssize_t n = 0, cap = 8;
    double *v = malloc((size_t)cap * sizeof(double));
    if (v == NULL) { Mini_DECREF(it); MiniErr_NoMemory(); return -1; }
    while ((item = MiniIter_Next(it)) != NULL) {
        double x;
        int bad = as_double(item, &x);
        Mini_DECREF(item);
        if (bad < 0) goto fail;
        if (n == cap) {
            double *g = realloc(v, (size_t)cap * 2 * sizeof(double));
            if (g == NULL) { MiniErr_NoMemory(); goto fail; }
            v = g;
            cap *= 2;
        }
        v[n++] = x;
    }
    if (MiniErr_Occurred()) goto fail;
    Mini_DECREF(it);
    *out = v;
    return n;
fail:
    Mini_DECREF(it);
    free(v);
    return -1;
}

/* The Euclidean norm of v[0..n): infinities win over NaNs; scaled by the largest magnitude so
 * squares neither overflow nor underflow. */
static double vector_norm(const double *v, Mini_ssize_t n) {
    double max = 0.0;
    int found_nan = 0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        double x = fabs(v[i]);
        if (isinf(x)) return INFINITY;
        if (isnan(x)) found_nan = 1;
        else if (x > max) max = x;
    }
    if (found_nan) return NAN;
    if (max == 0.0 || n <= 1) return max;
    if (n == 2) return hypot(v[0], v[1]);
    double sum = 0.0, comp = 0.0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        double x = v[i] / max, sq = x * x;
        double t = sum + sq;
        comp += fabs(sum) >= fabs(sq) ? (sum - t) + sq : (sq - t) + sum;
        sum = t;
    }
    return max * sqrt(sum + comp);
}

/* hypot(*coordinates) */
static MiniObject *math_hypot(MiniObject *m, MiniObject *args) {
    (void)m;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    double small[8], *v = n <= 8 ? small : malloc((size_t)n * sizeof(double));
    if (v == NULL) return MiniErr_NoMemory();
    for (Mini_ssize_t i = 0; i < n; i++) {
        if (as_double(MiniTuple_GET_ITEM(args, i), &v[i]) < 0) {
            if (v != small) free(v);
            return NULL;
        }
    }
    double r = vector_norm(v, n);
    if (v != small) free(v);
    return MiniFloat_FromDouble(r);
}

/* dist(p, q) */
static MiniObject *math_dist(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *po, *qo;
    if (!MiniArg_UnpackTuple(args, "dist", 2, 2, &po, &qo)) return NULL;
    double *p = NULL, *q = NULL;
    Mini_ssize_t np = coords(po, &p);
    if (np < 0) return NULL;
    Mini_ssize_t nq = coords(qo, &q);
    if (nq < 0) { free(p); return NULL; }
    MiniObject *r = NULL;
    if (np != nq) {
        MiniErr_SetString(MiniExc_ValueError, "both points must have the same number of dimensions");
    } else {
        for (Mini_ssize_t i = 0; i < np; i++) p[i] = fabs(p[i] - q[i]);
        r = MiniFloat_FromDouble(vector_norm(p, np));
    }
    free(p);
    free(q);
    return r;
}

/* prod(iterable, *, start=1): start * item0 * item1 ... with the number protocol. */
static MiniObject *math_prod(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *keywords[] = {"", "start", NULL};
    MiniObject *iterable, *start = NULL;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|$O:prod", keywords, &iterable, &start)) return NULL;
    MiniObject *result = start != NULL ? Mini_NewRef(start) : MiniLong_FromLong(1);
    MiniObject *it = result != NULL ? MiniObject_GetIter(iterable) : NULL, *item;
    if (it == NULL) { Mini_XDECREF(result); return NULL; }
    while ((item = MiniIter_Next(it)) != NULL) {
        MiniObject *r = MiniNumber_Multiply(result, item);
        Mini_DECREF(item);
        Mini_DECREF(result);
        if ((result = r) == NULL) { Mini_DECREF(it); return NULL; }
    }
    Mini_DECREF(it);
    if (MiniErr_Occurred()) { Mini_DECREF(result); return NULL; }
    return result;
}

/* ----- integer functions ---------------------------------------------------------------------- */

/* arg as an int (through __index__): new reference, or NULL with TypeError "'float' object
 * cannot be interpreted as an integer". */
static MiniObject *as_int(MiniObject *arg) { return MiniNumber_Index(arg); }

/* The value of an int when it fits in a long long (1), or 0 when it does not. -1 on error. */
static int small_value(MiniObject *i, long long *out) {
    int overflow;
    long v = MiniLong_AsLongAndOverflow(i, &overflow);
    if (v == -1 && !overflow && MiniErr_Occurred()) return -1;
    if (overflow) return 0;
    *out = v;
    return 1;
}

static MiniObject *num_abs(MiniObject *a) { return MiniNumber_Absolute(a); }

/* gcd of two ints (new references in, borrowed). */
static MiniObject *gcd2(MiniObject *a, MiniObject *b) {
    long long x, y;
    int sa = small_value(a, &x), sb = sa > 0 ? small_value(b, &y) : 0;
    if (sa < 0 || sb < 0) return NULL;
    if (sa > 0 && sb > 0 && x != LLONG_MIN && y != LLONG_MIN) {
        unsigned long long u = (unsigned long long)llabs(x), v = (unsigned long long)llabs(y);
        while (v != 0) { unsigned long long t = u % v; u = v; v = t; }
        return MiniLong_FromUnsignedLongLong(u);
    }
    MiniObject *u = num_abs(a), *v = u ? num_abs(b) : NULL;
    if (v == NULL) { Mini_XDECREF(u); return NULL; }
    for (;;) {
        int zero = MiniObject_Not(v);
        if (zero < 0) { Mini_DECREF(u); Mini_DECREF(v); return NULL; }
        if (zero) { Mini_DECREF(v); return u; }
        MiniObject *t = MiniNumber_Remainder(u, v);
        Mini_DECREF(u);
        if (t == NULL) { Mini_DECREF(v); return NULL; }
        u = v;
        v = t;
    }
}

/* gcd(*integers) */
static MiniObject *math_gcd(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *result = MiniLong_FromLong(0);
    for (Mini_ssize_t i = 0; result != NULL && i < MiniTuple_GET_SIZE(args); i++) {
        MiniObject *x = as_int(MiniTuple_GET_ITEM(args, i));
        if (x == NULL) { Mini_DECREF(result); return NULL; }
        MiniObject *g = gcd2(result, x);
        Mini_DECREF(x);
        Mini_DECREF(result);
        result = g;
    }
    return result;
}

/* lcm(*integers) */
static MiniObject *math_lcm(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *result = MiniLong_FromLong(1);
    for (Mini_ssize_t i = 0; result != NULL && i < MiniTuple_GET_SIZE(args); i++) {
        MiniObject *x = as_int(MiniTuple_GET_ITEM(args, i));
        if (x == NULL) { Mini_DECREF(result); return NULL; }
        MiniObject *r = NULL;
        int zr = MiniObject_Not(result), zx = zr >= 0 ? MiniObject_Not(x) : -1;
        if (zr > 0 || zx > 0) {
            r = MiniLong_FromLong(0);
        } else if (zr == 0 && zx == 0) {
            MiniObject *g = gcd2(result, x);
            MiniObject *q = g ? MiniNumber_FloorDivide(result, g) : NULL;
            MiniObject *p = q ? MiniNumber_Multiply(q, x) : NULL;
            r = p ? num_abs(p) : NULL;
            Mini_XDECREF(g); Mini_XDECREF(q); Mini_XDECREF(p);
        }
        Mini_DECREF(x);
        Mini_DECREF(result);
        result = r;
    }
    return result;
}

/* isqrt(n): the floor of the square root of a non-negative int. */
static MiniObject *math_isqrt(MiniObject *m, MiniObject *arg) {
    (void)m;
    MiniObject *n = as_int(arg);
    if (n == NULL) return NULL;
    long long v;
    int s = small_value(n, &v);
    if (s < 0) { Mini_DECREF(n); return NULL; }
    MiniObject *zero = MiniLong_FromLong(0);
    int neg = zero ? MiniObject_RichCompareBool(n, zero, Mini_LT) : -1;
    Mini_XDECREF(zero);
    if (neg != 0) {
        Mini_DECREF(n);
        if (neg > 0) MiniErr_SetString(MiniExc_ValueError, "isqrt() argument must be nonnegative");
        return NULL;
    }
    if (s > 0) {
        Mini_DECREF(n);
        unsigned long long u = (unsigned long long)v, r = (unsigned long long)sqrt((double)u);
        while (r * r > u || (r > 0xFFFFFFFFULL)) r--;
        while ((r + 1) <= 0xFFFFFFFFULL && (r + 1) * (r + 1) <= u) r++;
        return MiniLong_FromUnsignedLongLong(r);
    }
    /* Beyond 64 bits: Newton's iteration from above, x' = (x + n // x) // 2, until it stops falling. */
    MiniObject *two = MiniLong_FromLong(2), *x = Mini_NewRef(n);
    if (two == NULL) { Mini_DECREF(n); Mini_DECREF(x); return NULL; }
    for (;;) {
        MiniObject *q = MiniNumber_FloorDivide(n, x);
        MiniObject *sum = q ? MiniNumber_Add(x, q) : NULL;
        MiniObject *y = sum ? MiniNumber_FloorDivide(sum, two) : NULL;
        Mini_XDECREF(q); Mini_XDECREF(sum);
        int lt = y ? MiniObject_RichCompareBool(y, x, Mini_LT) : -1;
        if (lt <= 0) {
            Mini_XDECREF(y);
            Mini_DECREF(two); Mini_DECREF(n);
            if (lt < 0) { Mini_DECREF(x); return NULL; }
            return x;
        }
        Mini_DECREF(x);
        x = y;
    }
}

/* result * acc (acc a C value), replacing result. 0 / -1. */
static int mul_acc(MiniObject **result, long long acc) {
    MiniObject *a = MiniLong_FromLongLong(acc);
    MiniObject *r = a ? MiniNumber_Multiply(*result, a) : NULL;
    Mini_XDECREF(a);
    Mini_DECREF(*result);
    *result = r;
    return r == NULL ? -1 : 0;
}

/* The product lo * (lo+1) * ... * hi of non-negative C integers (1 when empty), multiplying in C
 * while the partial product fits and with ints beyond. */
static MiniObject *range_product(long long lo, long long hi) {
    MiniObject *result = MiniLong_FromLong(1);
    long long acc = 1;
    for (long long i = lo; result != NULL && i <= hi; i++) {
        long long next;
        if (__builtin_mul_overflow(acc, i, &next)) {
            if (mul_acc(&result, acc) < 0) return NULL;
            acc = i;
        } else {
            acc = next;
        }
    }
    if (result != NULL && acc != 1 && mul_acc(&result, acc) < 0) return NULL;
    return result;
}

/* factorial(n) */
static MiniObject *math_factorial(MiniObject *m, MiniObject *arg) {
    (void)m;
    MiniObject *n = as_int(arg);
    if (n == NULL) return NULL;
    long long v;
    int s = small_value(n, &v);
    Mini_DECREF(n);
    if (s < 0) return NULL;
    if (s == 0 || v < 0) {
        if (s == 0 && MiniObject_RichCompareBool(arg, Mini_False, Mini_GT) > 0) {
            MiniErr_SetString(MiniExc_OverflowError, "factorial() argument should not exceed 9223372036854775807");
            return NULL;
        }
        MiniErr_Clear();
        MiniErr_SetString(MiniExc_ValueError, "factorial() not defined for negative values");
        return NULL;
    }
    return range_product(2, v);
}

/* A non-negative C integer argument for comb/perm; ValueError "<what> must be a non-negative
 * integer". 1 (fits), 0 (too big for C), -1 error. */
static int nonneg_arg(MiniObject *arg, const char *what, MiniObject **as_obj, long long *out) {
    MiniObject *i = as_int(arg);
    if (i == NULL) return -1;
    int s = small_value(i, out);
    if (s < 0) { Mini_DECREF(i); return -1; }
    int neg;
    if (s > 0) {
        neg = *out < 0;
    } else {
        MiniObject *zero = MiniLong_FromLong(0);
        neg = zero ? MiniObject_RichCompareBool(i, zero, Mini_LT) : -1;
        Mini_XDECREF(zero);
        if (neg < 0) { Mini_DECREF(i); return -1; }
    }
    if (neg) {
        Mini_DECREF(i);
        MiniErr_Format(MiniExc_ValueError, "%s must be a non-negative integer", what);
        return -1;
    }
    *as_obj = i;
    return s;
}

/* comb(n, k) / perm(n, k): with the multiplicative formulas on ints. */
static MiniObject *comb_perm(MiniObject *args, int is_comb) {
    MiniObject *no, *ko = Mini_None;
    if (!MiniArg_UnpackTuple(args, is_comb ? "comb" : "perm", is_comb ? 2 : 1, 2, &no, &ko)) return NULL;
    if (!is_comb && ko == Mini_None) {
        MiniObject *n = as_int(no);
        if (n == NULL) return NULL;
        MiniObject *zero = MiniLong_FromLong(0);
        int neg = zero ? MiniObject_RichCompareBool(n, zero, Mini_LT) : -1;
        Mini_XDECREF(zero);
        Mini_DECREF(n);
        if (neg < 0) return NULL;
        if (neg) {
            MiniErr_SetString(MiniExc_ValueError, "factorial() not defined for negative values");
            return NULL;
        }
        return math_factorial(NULL, no);
    }
    MiniObject *n, *k;
    long long nv, kv;
    int sn = nonneg_arg(no, "n", &n, &nv);
    if (sn < 0) return NULL;
    int sk = nonneg_arg(ko, "k", &k, &kv);
    if (sk < 0) { Mini_DECREF(n); return NULL; }
    int too_big = MiniObject_RichCompareBool(k, n, Mini_GT);
    MiniObject *result = NULL;
    if (too_big < 0) goto done;
    if (too_big) { result = MiniLong_FromLong(0); goto done; }
    if (sn == 0 || sk == 0) {
        MiniErr_SetString(MiniExc_OverflowError, "comb/perm arguments too large for this build");
        goto done;
    }
    if (is_comb && kv > nv - kv) kv = nv - kv;
    if (!is_comb) {
        result = range_product(nv - kv + 1, nv);
        goto done;
    }
    /* comb: result = result * (n - k + i) // i for i = 1..k stays an int at every step. */
    result = MiniLong_FromLong(1);
    for (long long i = 1; result != NULL && i <= kv; i++) {
        MiniObject *f = MiniLong_FromLongLong(nv - kv + i), *d = MiniLong_FromLongLong(i);
        MiniObject *p = (f && d) ? MiniNumber_Multiply(result, f) : NULL;
        MiniObject *q = p ? MiniNumber_FloorDivide(p, d) : NULL;
        Mini_XDECREF(f); Mini_XDECREF(d); Mini_XDECREF(p);
        Mini_DECREF(result);
        result = q;
    }
done:
    Mini_DECREF(n);
    Mini_DECREF(k);
    return result;
}

static MiniObject *math_comb(MiniObject *m, MiniObject *args) { (void)m; return comb_perm(args, 1); }
static MiniObject *math_perm(MiniObject *m, MiniObject *args) { (void)m; return comb_perm(args, 0); }

/* ----- the module ----------------------------------------------------------------------------- */

#define F1(name, doc) {#name, math_##name, MINI_METH_O, doc}
#define FV(name, doc) {#name, math_##name, MINI_METH_VARARGS, doc}

static MiniMethodDef math_functions[] = {
    F1(sqrt, "sqrt(x): the square root of x."),
    F1(exp, "exp(x): e to the power x."), F1(exp2, "exp2(x): 2 to the power x."),
    F1(expm1, "expm1(x): exp(x) - 1, accurate for small x."), F1(log1p, "log1p(x): log(1 + x)."),
    F1(sin, NULL), F1(cos, NULL), F1(tan, NULL), F1(asin, NULL), F1(acos, NULL), F1(atan, NULL),
    F1(sinh, NULL), F1(cosh, NULL), F1(tanh, NULL), F1(asinh, NULL), F1(acosh, NULL), F1(atanh, NULL),
    F1(erf, NULL), F1(erfc, NULL), F1(gamma, NULL), F1(lgamma, NULL), F1(fabs, "fabs(x): |x| as a float."),
    F1(cbrt, "cbrt(x): the cube root of x."),
    F1(degrees, "degrees(x): radians to degrees."), F1(radians, "radians(x): degrees to radians."),
    F1(floor, "floor(x) -> int: the largest int <= x."), F1(ceil, "ceil(x) -> int: the smallest int >= x."),
    F1(trunc, "trunc(x) -> int: x with its fraction dropped."),
    FV(log, "log(x[, base]): the logarithm of x (natural by default)."),
    F1(log2, NULL), F1(log10, NULL),
    FV(pow, "pow(x, y): x ** y as floats."), FV(atan2, "atan2(y, x)"), FV(copysign, NULL),
    FV(fmod, NULL), FV(remainder, NULL), FV(nextafter, NULL), F1(ulp, NULL), FV(ldexp, NULL),
    F1(frexp, NULL), F1(modf, NULL),
    F1(isfinite, NULL), F1(isinf, NULL), F1(isnan, NULL),
    {"isclose", _MiniCFunction_CAST(math_isclose), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0) -> bool"},
    F1(fsum, "fsum(iterable): the exactly rounded float sum."),
    FV(hypot, "hypot(*coordinates): the Euclidean norm."), FV(dist, "dist(p, q): the distance of two points."),
    {"prod", _MiniCFunction_CAST(math_prod), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "prod(iterable, *, start=1): the product of the items."},
    FV(gcd, "gcd(*integers)"), FV(lcm, "lcm(*integers)"), F1(isqrt, "isqrt(n): floor(sqrt(n)) for ints."),
    F1(factorial, "factorial(n)"), FV(comb, "comb(n, k)"), FV(perm, "perm(n, k=None)"),
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef math_module = {
    MiniModuleDef_HEAD_INIT, "math", "Mathematical functions, as CPython's math module.", 0, math_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the math module, or NULL with an exception. */
MiniObject *MiniInit_math(void) {
    MiniObject *m = MiniModule_Create(&math_module);
    if (m == NULL) return NULL;
    const struct { const char *name; double value; } constants[] = {
        {"pi", PI}, {"e", E}, {"tau", 2 * PI}, {"inf", INFINITY}, {"nan", NAN},
    };
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++) {
        MiniObject *v = MiniFloat_FromDouble(constants[i].value);
        if (v == NULL || MiniModule_AddObject(m, constants[i].name, v) < 0) {
            Mini_XDECREF(v);
            MiniModule_ClearNamespace(m);
            Mini_DECREF(m);
            return NULL;
        }
    }
    return m;
}
