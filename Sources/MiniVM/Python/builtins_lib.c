/* Python/builtins_lib.c: the builtins the interpreter core (Python/builtins_core.c) does not define:
 * min, max, sorted, any, all, round, divmod, pow, chr, ord, hex, bin, oct, format, ascii, and the
 * library types enumerate, zip, reversed, map, filter, set, frozenset and slice.
 *
 * The functions use the interpreter's fast calling convention (MiniVM_NewFunction: arguments in
 * an array, keyword names in a tuple) and follow CPython's signatures, results and messages:
 * max() over an empty iterable without default is ValueError "max() arg is an empty sequence",
 * round() rounds half to even and, with ndigits, rounds the exact binary value of a float as
 * CPython's correctly rounded dtoa does (round(2.675, 2) == 2.67), pow(b, e, m) does modular
 * exponentiation on ints of any size (a negative e uses the modular inverse).
 * _MiniLib_InitBuiltins registers everything, skipping names the builtins dict already has
 * (property, staticmethod and classmethod are readied and bound by _MiniLib_InitDescriptors). */
#include "mini.h"
#include "lib_internal.h"
#include "longobject_internal.h"
#include "vm_internal.h"
#include "unicodeobject_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAST_ARGS MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames

static int no_keywords(const char *name, MiniObject *kwnames) {
    if (kwnames != NULL && MiniTuple_GET_SIZE(kwnames) > 0) {
        MiniErr_Format(MiniExc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    return 0;
}

/* "name() takes exactly one argument (N given)" style checks, as CPython's builtins word them. */
static int exactly_one(const char *name, Mini_ssize_t nargs) {
    if (nargs == 1) return 0;
    MiniErr_Format(MiniExc_TypeError, "%s() takes exactly one argument (%zd given)", name, nargs);
    return -1;
}

static int is_index(MiniObject *o) {
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    return MiniLong_Check(o) || (nb != NULL && nb->nb_index != NULL);
}

static MiniObject *not_integer(MiniObject *o) {
    return MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                          MiniType_Name(Mini_TYPE(o)));
}

/* ----- min / max ---------------------------------------------------------------------------------- */

static MiniObject *min_max(MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames, int op, const char *name) {
    static const char *const names[] = { "key", "default", NULL };
    MiniObject *kw[2] = { NULL, NULL };
    if (_MiniLib_Keywords(name, args, nargs, kwnames, names, kw) < 0) return NULL;
    MiniObject *key = kw[0] == Mini_None ? NULL : kw[0], *dflt = kw[1];
    if (nargs == 0) return MiniErr_Format(MiniExc_TypeError, "%s expected at least 1 argument, got 0", name);
    if (nargs > 1 && dflt != NULL)
        return MiniErr_Format(MiniExc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
    MiniObject *it = NULL, *tuple = NULL;
    if (nargs == 1) {
        it = MiniObject_GetIter(args[0]);
    } else {
        tuple = MiniTuple_New(nargs);
        if (tuple == NULL) return NULL;
        for (Mini_ssize_t i = 0; i < nargs; i++) MiniTuple_SET_ITEM(tuple, i, Mini_NewRef(args[i]));
        it = MiniObject_GetIter(tuple);
        Mini_DECREF(tuple);
    }
    if (it == NULL) return NULL;
    MiniObject *best = NULL, *best_key = NULL, *item;
    while ((item = MiniIter_Next(it)) != NULL) {
        MiniObject *k = key ? MiniVM_Call(key, &item, 1, NULL) : Mini_NewRef(item);
        if (k == NULL) { Mini_DECREF(item); goto fail; }
        if (best == NULL) {
            best = item;
            best_key = k;
            continue;
        }
        int better = MiniObject_RichCompareBool(k, best_key, op);
        if (better < 0) { Mini_DECREF(item); Mini_DECREF(k); goto fail; }
        if (better) {
            Mini_SETREF(best, item);
            Mini_SETREF(best_key, k);
        } else {
            Mini_DECREF(item);
            Mini_DECREF(k);
        }
    }
    if (MiniErr_Occurred()) goto fail;
    Mini_DECREF(it);
    Mini_XDECREF(best_key);
    if (best != NULL) return best;
    if (dflt != NULL) return Mini_NewRef(dflt);
    return MiniErr_Format(MiniExc_ValueError, "%s() arg is an empty sequence", name);
fail:
    Mini_DECREF(it);
    Mini_XDECREF(best);
    Mini_XDECREF(best_key);
    return NULL;
}

static MiniObject *builtin_min(FAST_ARGS) { (void)self; return min_max(args, nargs, kwnames, Mini_LT, "min"); }
static MiniObject *builtin_max(FAST_ARGS) { (void)self; return min_max(args, nargs, kwnames, Mini_GT, "max"); }

/* ----- sorted, any, all ---------------------------------------------------------------------------- */

static MiniObject *builtin_sorted(FAST_ARGS) {
    (void)self;
    static const char *const names[] = { "key", "reverse", NULL };
    MiniObject *kw[2] = { NULL, NULL };
    if (_MiniLib_Keywords("sort", args, nargs, kwnames, names, kw) < 0) return NULL;
    if (nargs != 1) return MiniErr_Format(MiniExc_TypeError, "sorted expected 1 argument, got %zd", nargs);
    int reverse = 0;
    if (kw[1] != NULL && (reverse = MiniObject_IsTrue(kw[1])) < 0) return NULL;
    MiniObject *list = _MiniSeq_List(args[0]);
    if (list != NULL && _MiniList_SortKey(list, kw[0], reverse) < 0) Mini_CLEAR(list);
    return list;
}

static MiniObject *any_all(MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames, int want, const char *name) {
    if (no_keywords(name, kwnames) < 0 || exactly_one(name, nargs) < 0) return NULL;
    MiniObject *it = MiniObject_GetIter(args[0]), *item;
    if (it == NULL) return NULL;
    while ((item = MiniIter_Next(it)) != NULL) {
        int t = MiniObject_IsTrue(item);
        Mini_DECREF(item);
        if (t < 0) { Mini_DECREF(it); return NULL; }
        if (t == want) { Mini_DECREF(it); return MiniBool_FromLong(want); }
    }
    Mini_DECREF(it);
    if (MiniErr_Occurred()) return NULL;
    return MiniBool_FromLong(!want);
}

static MiniObject *builtin_any(FAST_ARGS) { (void)self; return any_all(args, nargs, kwnames, 1, "any"); }
static MiniObject *builtin_all(FAST_ARGS) { (void)self; return any_all(args, nargs, kwnames, 0, "all"); }

/* ----- round ----------------------------------------------------------------------------------------- */

/* 10 ** k as an int. */
static MiniObject *power_of_ten(int64_t k) {
    MiniObject *ten = MiniLong_FromLong(10), *e = MiniLong_FromLongLong(k), *r = NULL;
    if (ten != NULL && e != NULL) r = MiniNumber_Power(ten, e, Mini_None);
    Mini_XDECREF(ten);
    Mini_XDECREF(e);
    return r;
}

/* num / den rounded to the nearest int, ties to even (den > 0). */
static MiniObject *div_round_half_even(MiniObject *num, MiniObject *den) {
    MiniObject *q, *r;
    if (_MiniLong_DivMod(num, den, &q, &r) < 0) return NULL;
    MiniObject *two = MiniLong_FromLong(2), *twice = _MiniLong_Multiply(r, two);
    Mini_DECREF(two);
    Mini_DECREF(r);
    if (twice == NULL) { Mini_DECREF(q); return NULL; }
    int c = _MiniLong_Compare(twice, den);
    Mini_DECREF(twice);
    int odd = _MiniLong_IsCompact(q) ? (int)(_MiniLong_Value(q) & 1) : (int)(((MiniLongObject *)q)->ob_digit[0] & 1);
    if (c > 0 || (c == 0 && odd)) {
        MiniObject *one = MiniLong_FromLong(1), *t = _MiniLong_Add(q, one);
        Mini_DECREF(one);
        Mini_DECREF(q);
        q = t;
    }
    return q;
}

/* round(int, ndigits) for ndigits < 0: to the nearest multiple of 10**-ndigits, ties to even. */
static MiniObject *round_int(MiniObject *x, int64_t ndigits) {
    if (ndigits >= 0) return MiniNumber_Long(x);
    MiniObject *p = power_of_ten(-ndigits);
    if (p == NULL) return NULL;
    MiniObject *q = div_round_half_even(x, p), *res = NULL;
    if (q != NULL) res = _MiniLong_Multiply(q, p);
    Mini_XDECREF(q);
    Mini_DECREF(p);
    return res;
}

/* round(float, ndigits): the correctly rounded decimal at that place, read back. */
static MiniObject *round_float(double x, int64_t ndigits) {
    if (!isfinite(x) || x == 0.0 || ndigits > 323) return MiniFloat_FromDouble(x);
    if (ndigits < -308) return MiniFloat_FromDouble(copysign(0.0, x));
    if (ndigits >= 0) {
        /* printf rounds the exact binary value to nearest, ties to even, as dtoa's mode 3. */
        char small[400], *buf = small;
        int n = snprintf(small, sizeof small, "%.*f", (int)ndigits, x);
        if (n >= (int)sizeof small) {
            if ((buf = malloc((size_t)n + 1)) == NULL) return MiniErr_NoMemory();
            snprintf(buf, (size_t)n + 1, "%.*f", (int)ndigits, x);
        }
        double r = strtod(buf, NULL);
        if (buf != small) free(buf);
        return MiniFloat_FromDouble(r);
    }
    /* Negative ndigits: exact rational arithmetic on |x| = mant * 2**e. */
    int e;
    double m = frexp(fabs(x), &e);
    MiniObject *mant = MiniLong_FromDouble(ldexp(m, 53)), *num = NULL, *den = NULL, *q = NULL, *r = NULL;
    MiniObject *p = power_of_ten(-ndigits), *sh = MiniLong_FromLong(e - 53 >= 0 ? e - 53 : 53 - e), *res = NULL;
    if (mant == NULL || p == NULL || sh == NULL) goto done;
    if (e - 53 >= 0) { num = _MiniLong_Lshift(mant, sh); den = Mini_NewRef(p); }
    else { num = Mini_NewRef(mant); den = _MiniLong_Lshift(p, sh); }
    if (num == NULL || den == NULL || (q = div_round_half_even(num, den)) == NULL) goto done;
    if ((r = _MiniLong_Multiply(q, p)) == NULL) goto done;
    {
        double d = _MiniLong_ToDouble(r);
        if (d == -1.0 && MiniErr_Occurred()) {
            MiniErr_Clear();
            MiniErr_SetString(MiniExc_OverflowError, "rounded value too large to represent");
            goto done;
        }
        res = MiniFloat_FromDouble(copysign(d, x));
    }
done:
    Mini_XDECREF(mant); Mini_XDECREF(num); Mini_XDECREF(den); Mini_XDECREF(q);
    Mini_XDECREF(r); Mini_XDECREF(p); Mini_XDECREF(sh);
    return res;
}

static MiniObject *builtin_round(FAST_ARGS) {
    (void)self;
    static const char *const names[] = { "number", "ndigits", NULL };
    MiniObject *kw[2] = { NULL, NULL };
    if (_MiniLib_Keywords("round", args, nargs, kwnames, names, kw) < 0) return NULL;
    if (nargs > 2) return MiniErr_Format(MiniExc_TypeError, "round() takes at most 2 arguments (%zd given)", nargs);
    MiniObject *number = nargs > 0 ? args[0] : kw[0], *nd = nargs > 1 ? args[1] : kw[1];
    if (number == NULL) return MiniErr_Format(MiniExc_TypeError, "round() missing required argument 'number' (pos 1)");
    if (nd == Mini_None) nd = NULL;
    int64_t ndigits = 0;
    if (nd != NULL) {
        if (!is_index(nd)) return not_integer(nd);
        MiniObject *i = MiniNumber_Index(nd);
        if (i == NULL) return NULL;
        ndigits = _MiniLong_IsCompact(i) ? _MiniLong_Value(i) : (_MiniLong_Sign(i) < 0 ? INT64_MIN / 2 : INT64_MAX / 2);
        Mini_DECREF(i);
    }
    if (MiniFloat_Check(number)) {
        double x = MiniFloat_AS_DOUBLE(number);
        if (nd != NULL) return round_float(x, ndigits);
        if (isnan(x)) return MiniErr_Format(MiniExc_ValueError, "cannot convert float NaN to integer");
        if (isinf(x)) return MiniErr_Format(MiniExc_OverflowError, "cannot convert float infinity to integer");
        return MiniLong_FromDouble(nearbyint(x));   /* default rounding mode: ties to even */
    }
    if (MiniLong_Check(number)) return round_int(number, nd != NULL ? ndigits : 0);
    MiniObject *name = MiniUnicode_FromString("__round__");
    MiniObject *meth = name ? MiniType_Lookup(Mini_TYPE(number), name) : NULL;
    Mini_XDECREF(name);
    if (meth == NULL)
        return MiniErr_Format(MiniExc_TypeError, "type %.100s doesn't define __round__ method", MiniType_Name(Mini_TYPE(number)));
    return nd != NULL ? MiniObject_CallMethodObjArgs(number, "__round__", nd, NULL)
                      : MiniObject_CallMethodObjArgs(number, "__round__", NULL);
}

/* ----- divmod, pow ------------------------------------------------------------------------------------ */

static MiniObject *builtin_divmod(FAST_ARGS) {
    (void)self;
    if (no_keywords("divmod", kwnames) < 0) return NULL;
    if (nargs != 2) return MiniErr_Format(MiniExc_TypeError, "divmod expected 2 arguments, got %zd", nargs);
    MiniObject *a = args[0], *b = args[1], *q = NULL, *r = NULL;
    if (MiniLong_Check(a) && MiniLong_Check(b)) {
        if (_MiniLong_DivMod(a, b, &q, &r) < 0) return NULL;
    } else if ((MiniFloat_Check(a) || MiniLong_Check(a)) && (MiniFloat_Check(b) || MiniLong_Check(b))) {
        double y = MiniFloat_AsDouble(b);
        if (y == -1.0 && MiniErr_Occurred()) return NULL;
        if (y == 0.0) return MiniErr_Format(MiniExc_ZeroDivisionError, "float divmod()");
        q = MiniNumber_FloorDivide(a, b);
        r = q ? MiniNumber_Remainder(a, b) : NULL;
        if (r == NULL) { Mini_XDECREF(q); return NULL; }
    } else {
        MiniObject *name = MiniUnicode_FromString("__divmod__"), *rname = MiniUnicode_FromString("__rdivmod__");
        MiniObject *m = name ? MiniType_Lookup(Mini_TYPE(a), name) : NULL, *rm = rname ? MiniType_Lookup(Mini_TYPE(b), rname) : NULL;
        Mini_XDECREF(name);
        Mini_XDECREF(rname);
        if (m != NULL) {
            MiniObject *res = MiniObject_CallMethodObjArgs(a, "__divmod__", b, NULL);
            if (res != Mini_NotImplemented) return res;
            Mini_DECREF(res);
        }
        if (rm != NULL) {
            MiniObject *res = MiniObject_CallMethodObjArgs(b, "__rdivmod__", a, NULL);
            if (res != Mini_NotImplemented) return res;
            Mini_DECREF(res);
        }
        return MiniErr_Format(MiniExc_TypeError, "unsupported operand type(s) for divmod(): '%.100s' and '%.100s'",
                              MiniType_Name(Mini_TYPE(a)), MiniType_Name(Mini_TYPE(b)));
    }
    MiniObject *t = MiniTuple_Pack(2, q, r);
    Mini_DECREF(q);
    Mini_DECREF(r);
    return t;
}

/* The modular inverse of a modulo m (m > 0), by the extended Euclidean algorithm. */
static MiniObject *mod_inverse(MiniObject *a, MiniObject *m) {
    MiniObject *old_r = MiniNumber_Remainder(a, m), *r = Mini_NewRef(m);
    MiniObject *old_s = MiniLong_FromLong(1), *s = MiniLong_FromLong(0);
    while (old_r && r && old_s && s && _MiniLong_Sign(r) != 0) {
        MiniObject *q = MiniNumber_FloorDivide(old_r, r);
        if (q == NULL) break;
        MiniObject *qr = MiniNumber_Multiply(q, r), *qs = MiniNumber_Multiply(q, s);
        MiniObject *nr = qr ? MiniNumber_Subtract(old_r, qr) : NULL, *ns = qs ? MiniNumber_Subtract(old_s, qs) : NULL;
        Mini_DECREF(q);
        Mini_XDECREF(qr);
        Mini_XDECREF(qs);
        Mini_SETREF(old_r, r);
        Mini_SETREF(old_s, s);
        r = nr;
        s = ns;
    }
    MiniObject *res = NULL;
    if (old_r && r && old_s && s) {
        if (_MiniLong_IsCompact(old_r) && _MiniLong_Value(old_r) == 1) res = MiniNumber_Remainder(old_s, m);
        else MiniErr_SetString(MiniExc_ValueError, "base is not invertible for the given modulus");
    }
    Mini_XDECREF(old_r); Mini_XDECREF(r); Mini_XDECREF(old_s); Mini_XDECREF(s);
    return res;
}

/* pow(base, exp, mod) for ints. */
static MiniObject *pow_mod(MiniObject *base, MiniObject *exp, MiniObject *mod) {
    if (_MiniLong_Sign(mod) == 0) return MiniErr_Format(MiniExc_ValueError, "pow() 3rd argument cannot be 0");
    int negative_mod = _MiniLong_Sign(mod) < 0;
    MiniObject *m = negative_mod ? _MiniLong_Negate(mod) : Mini_NewRef(mod), *b = NULL, *e = NULL, *result = NULL;
    if (m == NULL) return NULL;
    if (_MiniLong_Sign(exp) < 0) {
        b = mod_inverse(base, m);
        e = _MiniLong_Negate(exp);
    } else {
        b = MiniNumber_Remainder(base, m);
        e = Mini_NewRef(exp);
    }
    if (b == NULL || e == NULL) goto done;
    result = MiniLong_FromLong(1);
    if (result != NULL && _MiniLong_IsCompact(m) && _MiniLong_Value(m) == 1) Mini_SETREF(result, MiniLong_FromLong(0));
    _MiniLongView v;
    _MiniLong_GetView(e, &v);
    for (Mini_ssize_t d = v.n - 1; result != NULL && d >= 0; d--) {
        for (int bit = MINI_LONG_SHIFT - 1; bit >= 0 && result != NULL; bit--) {
            MiniObject *t = _MiniLong_Multiply(result, result);
            Mini_SETREF(result, t ? MiniNumber_Remainder(t, m) : NULL);
            Mini_XDECREF(t);
            if (result != NULL && ((v.digits[d] >> bit) & 1)) {
                t = _MiniLong_Multiply(result, b);
                Mini_SETREF(result, t ? MiniNumber_Remainder(t, m) : NULL);
                Mini_XDECREF(t);
            }
        }
    }
    if (result != NULL && negative_mod && _MiniLong_Sign(result) != 0) {
        /* Python's result takes the modulus's sign. */
        MiniObject *t = _MiniLong_Subtract(result, m);
        Mini_SETREF(result, t);
    }
done:
    Mini_XDECREF(m);
    Mini_XDECREF(b);
    Mini_XDECREF(e);
    return result;
}

static MiniObject *builtin_pow(FAST_ARGS) {
    (void)self;
    static const char *const names[] = { "base", "exp", "mod", NULL };
    MiniObject *kw[3] = { NULL, NULL, NULL };
    if (_MiniLib_Keywords("pow", args, nargs, kwnames, names, kw) < 0) return NULL;
    if (nargs > 3) return MiniErr_Format(MiniExc_TypeError, "pow expected at most 3 arguments, got %zd", nargs);
    for (Mini_ssize_t i = 0; i < nargs; i++) {
        if (kw[i] != NULL)
            return MiniErr_Format(MiniExc_TypeError, "argument for pow() given by name ('%s') and position (%zd)",
                                  names[i], i + 1);
        kw[i] = args[i];
    }
    if (kw[0] == NULL) return MiniErr_Format(MiniExc_TypeError, "pow() missing required argument 'base' (pos 1)");
    if (kw[1] == NULL) return MiniErr_Format(MiniExc_TypeError, "pow() missing required argument 'exp' (pos 2)");
    if (kw[2] == NULL || kw[2] == Mini_None) return MiniNumber_Power(kw[0], kw[1], Mini_None);
    if (!MiniLong_Check(kw[0]) || !MiniLong_Check(kw[1]) || !MiniLong_Check(kw[2]))
        return MiniErr_Format(MiniExc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    return pow_mod(kw[0], kw[1], kw[2]);
}

/* ----- chr, ord, hex, bin, oct, format, ascii ---------------------------------------------------------- */

static MiniObject *builtin_chr(FAST_ARGS) {
    (void)self;
    if (no_keywords("chr", kwnames) < 0 || exactly_one("chr", nargs) < 0) return NULL;
    if (!is_index(args[0])) return not_integer(args[0]);
    int overflow;
    long v = MiniLong_AsLongAndOverflow(args[0], &overflow);
    if (v == -1 && MiniErr_Occurred()) return NULL;
    if (overflow || v < 0 || v > 0x10FFFF)
        return MiniErr_Format(overflow ? MiniExc_OverflowError : MiniExc_ValueError,
                              overflow ? "Python int too large to convert to C int" : "chr() arg not in range(0x110000)");
    return MiniUnicode_FromOrdinal((int)v);
}

static MiniObject *builtin_ord(FAST_ARGS) {
    (void)self;
    if (no_keywords("ord", kwnames) < 0 || exactly_one("ord", nargs) < 0) return NULL;
    MiniObject *c = args[0];
    if (MiniUnicode_Check(c)) {
        if (_MiniUnicode_LENGTH(c) != 1)
            return MiniErr_Format(MiniExc_TypeError, "ord() expected a character, but string of length %zd found",
                                  _MiniUnicode_LENGTH(c));
        int len;
        return MiniLong_FromLong((long)_MiniUnicode_DecodeUTF8(_MiniUnicode_DATA(c), &len));
    }
    if (MiniBytes_Check(c)) {
        if (MiniBytes_Size(c) != 1)
            return MiniErr_Format(MiniExc_TypeError, "ord() expected a character, but string of length %zd found",
                                  MiniBytes_Size(c));
        return MiniLong_FromLong((unsigned char)MiniBytes_AsString(c)[0]);
    }
    return MiniErr_Format(MiniExc_TypeError, "ord() expected string of length 1, but %.200s found", MiniType_Name(Mini_TYPE(c)));
}

static MiniObject *radix(MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames, int base, const char *name) {
    if (no_keywords(name, kwnames) < 0 || exactly_one(name, nargs) < 0) return NULL;
    if (!is_index(args[0])) return not_integer(args[0]);
    MiniObject *i = MiniNumber_Index(args[0]);
    if (i == NULL) return NULL;
    MiniObject *r = _MiniLong_Format(i, base, 1);
    Mini_DECREF(i);
    return r;
}

static MiniObject *builtin_hex(FAST_ARGS) { (void)self; return radix(args, nargs, kwnames, 16, "hex"); }
static MiniObject *builtin_bin(FAST_ARGS) { (void)self; return radix(args, nargs, kwnames, 2, "bin"); }
static MiniObject *builtin_oct(FAST_ARGS) { (void)self; return radix(args, nargs, kwnames, 8, "oct"); }

static MiniObject *builtin_format(FAST_ARGS) {
    (void)self;
    static const char *const names[] = { "value", "format_spec", NULL };
    MiniObject *kw[2] = { NULL, NULL };
    if (_MiniLib_Keywords("format", args, nargs, kwnames, names, kw) < 0) return NULL;
    if (nargs > 2) return MiniErr_Format(MiniExc_TypeError, "format expected at most 2 arguments, got %zd", nargs);
    MiniObject *value = nargs > 0 ? args[0] : kw[0], *spec = nargs > 1 ? args[1] : kw[1];
    if (value == NULL) return MiniErr_Format(MiniExc_TypeError, "format() missing required argument 'value' (pos 1)");
    if (spec != NULL && !MiniUnicode_Check(spec))
        return MiniErr_Format(MiniExc_TypeError, "format() argument 2 must be str, not %.200s", MiniType_Name(Mini_TYPE(spec)));
    return _MiniLib_FormatValue(value, spec);
}

static MiniObject *builtin_ascii(FAST_ARGS) {
    (void)self;
    if (no_keywords("ascii", kwnames) < 0 || exactly_one("ascii", nargs) < 0) return NULL;
    return _MiniUnicode_Ascii(args[0]);
}

/* ----- registration ---------------------------------------------------------------------------------- */

static const struct { const char *name; MiniVMFastFunction fn; } lib_functions[] = {
    { "min", builtin_min }, { "max", builtin_max }, { "sorted", builtin_sorted },
    { "any", builtin_any }, { "all", builtin_all }, { "round", builtin_round },
    { "divmod", builtin_divmod }, { "pow", builtin_pow }, { "chr", builtin_chr }, { "ord", builtin_ord },
    { "hex", builtin_hex }, { "bin", builtin_bin }, { "oct", builtin_oct }, { "format", builtin_format },
    { "ascii", builtin_ascii },
    { NULL, NULL },
};

/* ----- property, staticmethod, classmethod (their types: CShims/Objects/propertyobject.c) -----  */

int _MiniLib_InitDescriptors(void) {
    MINI_CHECK_GIL("_MiniLib_InitDescriptors");
    MiniObject *b = MiniVM_Builtins();
    struct { const char *name; MiniTypeObject *type; } types[] = {
        { "property", &MiniProperty_Type }, { "staticmethod", &MiniStaticMethod_Type },
        { "classmethod", &MiniClassMethod_Type }, { NULL, NULL },
    };
    for (int i = 0; types[i].name != NULL; i++) {
        if (MiniType_Ready(types[i].type) < 0) return -1;
        if (MiniDict_GetItemString(b, types[i].name) != NULL) continue;
        if (MiniVM_AddBuiltin(types[i].name, (MiniObject *)types[i].type) < 0) return -1;
    }
    return 0;
}

int _MiniLib_InitBuiltins(void) {
    MINI_CHECK_GIL("_MiniLib_InitBuiltins");
    if (MiniVM_Init() < 0) return -1;
    MiniObject *b = MiniVM_Builtins();
    for (int i = 0; lib_functions[i].name != NULL; i++) {
        if (MiniDict_GetItemString(b, lib_functions[i].name) != NULL) continue;
        MiniObject *f = MiniVM_NewFunction(lib_functions[i].name, lib_functions[i].fn, NULL);
        int r = f ? MiniVM_AddBuiltin(lib_functions[i].name, f) : -1;
        Mini_XDECREF(f);
        if (r < 0) return -1;
    }
    struct { const char *name; MiniTypeObject *type; } types[] = {
        { "enumerate", &MiniEnumerate_Type }, { "zip", &MiniZip_Type }, { "reversed", &MiniReversed_Type },
        { "map", &MiniMap_Type }, { "filter", &MiniFilter_Type }, { "set", &MiniSet_Type },
        { "frozenset", &MiniFrozenSet_Type }, { "slice", &MiniSlice_Type },
        { NULL, NULL },
    };
    for (int i = 0; types[i].name != NULL; i++) {
        if (MiniDict_GetItemString(b, types[i].name) != NULL) continue;
        if (MiniType_Ready(types[i].type) < 0 || MiniVM_AddBuiltin(types[i].name, (MiniObject *)types[i].type) < 0)
            return -1;
    }
    if (_MiniLib_InitDescriptors() < 0) return -1;
    return 0;
}
