/* Objects/complexobject.c: complex numbers, as Python's complex type.
 *
 * A complex is two doubles. Its slots accept an int, a float or a complex on either side (the
 * int and float slots decline complex operands, so `1 + 2j` and `2j * 3.5` arrive here), with
 * CPython's algorithms: Smith's method for division, repeated squaring for small integer powers
 * and the polar form otherwise, hypot for abs(). repr() is CPython's: `(1+2j)`, `3j`, `-0j`,
 * `(-0+0j)`, `(1+nanj)`, the parts written as the shortest round-tripping decimals without a
 * trailing ".0". hash() agrees with int and float hashes for complex numbers with no imaginary
 * part. format() follows CPython's complex format specs. complex() takes numbers, objects with
 * __complex__, and strings such as "1+2j". Only ==
 * and != compare; // and % are not defined (TypeError, as in Python 3). */
#include "mini.h"
#include "objimpl_internal.h"
#include "lib_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

MiniObject *MiniComplex_FromDoubles(double real, double imag) {
    MINI_CHECK_GIL("MiniComplex_FromDoubles");
    MiniComplexObject *o = MiniObject_NEW(MiniComplexObject, &MiniComplex_Type);
    if (o == NULL) return NULL;
    o->cval.real = real;
    o->cval.imag = imag;
    return (MiniObject *)o;
}

static MiniObject *from_c(MiniComplex c) { return MiniComplex_FromDoubles(c.real, c.imag); }

/* An operand as a complex: 1 with *out set, 0 when it is not a number this type mixes with,
 * -1 on error (an int too large for a double). */
static int as_complex_operand(MiniObject *o, MiniComplex *out) {
    if (MiniComplex_Check(o)) {
        *out = ((MiniComplexObject *)o)->cval;
        return 1;
    }
    if (MiniFloat_Check(o)) {
        out->real = MiniFloat_AS_DOUBLE(o);
        out->imag = 0.0;
        return 1;
    }
    if (MiniLong_Check(o)) {
        out->real = MiniLong_AsDouble(o);
        out->imag = 0.0;
        return (out->real == -1.0 && MiniErr_Occurred()) ? -1 : 1;
    }
    return 0;
}

MiniComplex MiniComplex_AsCComplex(MiniObject *op) {
    MiniComplex c = { -1.0, 0.0 };
    MINI_GUARD(op, "MiniComplex_AsCComplex", c);
    int r = as_complex_operand(op, &c);
    if (r == 1) return c;
    c.real = -1.0;
    c.imag = 0.0;
    if (r < 0) return c;
    MiniObject *meth = MiniObject_GetAttrString(op, "__complex__");
    if (meth != NULL) {
        MiniObject *res = MiniObject_CallNoArgs(meth);
        Mini_DECREF(meth);
        if (res == NULL) return c;
        if (!MiniComplex_Check(res)) {
            MiniErr_Format(MiniExc_TypeError, "__complex__ returned non-complex (type %.200s)", Mini_TYPE(res)->tp_name);
            Mini_DECREF(res);
            return c;
        }
        c = ((MiniComplexObject *)res)->cval;
        Mini_DECREF(res);
        return c;
    }
    if (!MiniErr_ExceptionMatches(MiniExc_AttributeError)) return c;
    MiniErr_Clear();
    double d = MiniFloat_AsDouble(op);
    if (d == -1.0 && MiniErr_Occurred()) return c;
    c.real = d;
    return c;
}

double MiniComplex_RealAsDouble(MiniObject *op) {
    MINI_GUARD(op, "MiniComplex_RealAsDouble", -1.0);
    if (MiniComplex_Check(op)) return ((MiniComplexObject *)op)->cval.real;
    return MiniFloat_AsDouble(op);
}

double MiniComplex_ImagAsDouble(MiniObject *op) {
    MINI_GUARD(op, "MiniComplex_ImagAsDouble", -1.0);
    if (MiniComplex_Check(op)) return ((MiniComplexObject *)op)->cval.imag;
    return 0.0;
}

/* ----- arithmetic on C values (CPython's _Py_c_* algorithms) ----------------------------------- */

static MiniComplex c_prod(MiniComplex a, MiniComplex b) {
    MiniComplex r = { a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real };
    return r;
}

/* a / b by Smith's method; errno EDOM when b is zero. */
static MiniComplex c_quot(MiniComplex a, MiniComplex b) {
    MiniComplex r;
    const double abs_breal = b.real < 0 ? -b.real : b.real;
    const double abs_bimag = b.imag < 0 ? -b.imag : b.imag;
    if (abs_breal >= abs_bimag) {
        if (abs_breal == 0.0) {
            errno = EDOM;
            r.real = r.imag = 0.0;
        } else {
            const double ratio = b.imag / b.real;
            const double denom = b.real + b.imag * ratio;
            r.real = (a.real + a.imag * ratio) / denom;
            r.imag = (a.imag - a.real * ratio) / denom;
        }
    } else if (abs_bimag >= abs_breal) {
        const double ratio = b.real / b.imag;
        const double denom = b.real * ratio + b.imag;
        r.real = (a.real * ratio + a.imag) / denom;
        r.imag = (a.imag * ratio - a.real) / denom;
    } else {
        r.real = r.imag = NAN;   /* at least one part of b is a NaN */
    }
    return r;
}

static MiniComplex c_pow(MiniComplex a, MiniComplex b) {
    MiniComplex r;
    if (b.real == 0.0 && b.imag == 0.0) {
        r.real = 1.0;
        r.imag = 0.0;
    } else if (a.real == 0.0 && a.imag == 0.0) {
        if (b.imag != 0.0 || b.real < 0.0) errno = EDOM;
        r.real = r.imag = 0.0;
    } else {
        double vabs = hypot(a.real, a.imag);
        double len = pow(vabs, b.real);
        double at = atan2(a.imag, a.real);
        double phase = at * b.real;
        if (b.imag != 0.0) {
            len /= exp(at * b.imag);
            phase += b.imag * log(vabs);
        }
        r.real = len * cos(phase);
        r.imag = len * sin(phase);
    }
    return r;
}

static MiniComplex c_powu(MiniComplex x, long n) {
    MiniComplex r = { 1.0, 0.0 }, p = x;
    long mask = 1;
    while (mask > 0 && n >= mask) {
        if (n & mask) r = c_prod(r, p);
        mask <<= 1;
        p = c_prod(p, p);
    }
    return r;
}

static MiniComplex c_powi(MiniComplex x, long n) {
    if (n > 0) return c_powu(x, n);
    MiniComplex one = { 1.0, 0.0 };
    return c_quot(one, c_powu(x, -n));
}

/* ----- slots --------------------------------------------------------------------------------------- */

#define OPERANDS(a, b, x, y) \
    MiniComplex x, y; \
    { int ra_ = as_complex_operand(a, &x), rb_ = ra_ == 1 ? as_complex_operand(b, &y) : 0; \
      if (ra_ < 0 || rb_ < 0) return NULL; \
      if (ra_ == 0 || rb_ == 0) Mini_RETURN_NOTIMPLEMENTED; }

static MiniObject *complex_add(MiniObject *a, MiniObject *b) {
    OPERANDS(a, b, x, y);
    return MiniComplex_FromDoubles(x.real + y.real, x.imag + y.imag);
}
static MiniObject *complex_sub(MiniObject *a, MiniObject *b) {
    OPERANDS(a, b, x, y);
    return MiniComplex_FromDoubles(x.real - y.real, x.imag - y.imag);
}
static MiniObject *complex_mul(MiniObject *a, MiniObject *b) {
    OPERANDS(a, b, x, y);
    return from_c(c_prod(x, y));
}
static MiniObject *complex_div(MiniObject *a, MiniObject *b) {
    OPERANDS(a, b, x, y);
    errno = 0;
    MiniComplex q = c_quot(x, y);
    if (errno == EDOM) return MiniErr_Format(MiniExc_ZeroDivisionError, "complex division by zero");
    return from_c(q);
}

static MiniObject *complex_pow(MiniObject *a, MiniObject *b, MiniObject *mod) {
    if (mod != NULL && mod != Mini_None) return MiniErr_Format(MiniExc_ValueError, "complex modulo");
    OPERANDS(a, b, x, y);
    errno = 0;
    MiniComplex p;
    if (y.imag == 0.0 && y.real == floor(y.real) && fabs(y.real) <= 100.0) p = c_powi(x, (long)y.real);
    else p = c_pow(x, y);
    if (errno == EDOM) return MiniErr_Format(MiniExc_ZeroDivisionError, "0.0 to a negative or complex power");
    /* As CPython's _Py_ADJUST_ERANGE2: an infinite part is an overflow (a NaN is not). */
    if (isinf(p.real) || isinf(p.imag)) return MiniErr_Format(MiniExc_OverflowError, "complex exponentiation");
    return from_c(p);
}

static MiniObject *complex_neg(MiniObject *a) {
    MiniComplex c = ((MiniComplexObject *)a)->cval;
    return MiniComplex_FromDoubles(-c.real, -c.imag);
}
static MiniObject *complex_pos(MiniObject *a) {
    MiniComplex c = ((MiniComplexObject *)a)->cval;
    return MiniComplex_FromDoubles(c.real, c.imag);
}
static MiniObject *complex_abs(MiniObject *a) {
    MiniComplex c = ((MiniComplexObject *)a)->cval;
    double r = hypot(c.real, c.imag);
    if (isinf(r) && isfinite(c.real) && isfinite(c.imag))
        return MiniErr_Format(MiniExc_OverflowError, "absolute value too large");
    return MiniFloat_FromDouble(r);
}
static int complex_bool(MiniObject *a) {
    MiniComplex c = ((MiniComplexObject *)a)->cval;
    return c.real != 0.0 || c.imag != 0.0;
}

static MiniObject *complex_richcompare(MiniObject *a, MiniObject *b, int op) {
    if (op != Mini_EQ && op != Mini_NE) Mini_RETURN_NOTIMPLEMENTED;
    if (!MiniComplex_Check(a)) { MiniObject *t = a; a = b; b = t; }
    MiniComplex x = ((MiniComplexObject *)a)->cval;
    int equal;
    if (MiniComplex_Check(b)) {
        MiniComplex y = ((MiniComplexObject *)b)->cval;
        equal = x.real == y.real && x.imag == y.imag;
    } else if (MiniFloat_Check(b) || MiniLong_Check(b)) {
        if (x.imag != 0.0) {
            equal = 0;
        } else {
            /* float's comparison is exact with ints of any size. */
            MiniObject *re = MiniFloat_FromDouble(x.real);
            if (re == NULL) return NULL;
            MiniObject *r = MiniObject_RichCompare(re, b, op);
            Mini_DECREF(re);
            return r;
        }
    } else {
        Mini_RETURN_NOTIMPLEMENTED;
    }
    return MiniBool_FromLong(op == Mini_EQ ? equal : !equal);
}

static Mini_hash_t complex_hash(MiniObject *self) {
    MiniComplex c = ((MiniComplexObject *)self)->cval;
    uint64_t hr = (uint64_t)_Mini_HashDouble(self, c.real);
    uint64_t hi = (uint64_t)_Mini_HashDouble(self, c.imag);
    Mini_hash_t h = (Mini_hash_t)(hr + 1000003ULL * hi);
    return h == -1 ? -2 : h;
}

/* A part of the repr: the float's repr without a trailing ".0". */
static int append_part(char *buf, size_t size, double v, int sign) {
    MiniObject *f = MiniFloat_FromDouble(v);
    MiniObject *r = f ? MiniObject_Repr(f) : NULL;
    Mini_XDECREF(f);
    if (r == NULL) return -1;
    const char *s = MiniUnicode_AsUTF8(r);
    if (s == NULL) { Mini_DECREF(r); return -1; }
    size_t n = strlen(s);
    if (n >= 2 && strcmp(s + n - 2, ".0") == 0) n -= 2;
    size_t len = strlen(buf);
    if (sign && s[0] != '-' && len + 1 < size) buf[len++] = '+';
    if (len + n >= size) n = size - len - 1;
    memcpy(buf + len, s, n);
    buf[len + n] = '\0';
    Mini_DECREF(r);
    return 0;
}

static MiniObject *complex_repr(MiniObject *self) {
    MiniComplex c = ((MiniComplexObject *)self)->cval;
    char buf[128] = "";
    if (c.real == 0.0 && copysign(1.0, c.real) == 1.0) {
        if (append_part(buf, sizeof buf, c.imag, 0) < 0) return NULL;
        strcat(buf, "j");
        return MiniUnicode_FromString(buf);
    }
    strcpy(buf, "(");
    if (append_part(buf, sizeof buf, c.real, 0) < 0) return NULL;
    if (append_part(buf, sizeof buf, c.imag, 1) < 0) return NULL;
    strcat(buf, "j)");
    return MiniUnicode_FromString(buf);
}

/* ----- construction ------------------------------------------------------------------------------- */

/* Parses "1+2j", "-3.5j", "(1-1e3j)", " 4 " (no spaces inside). 0 or -1 with ValueError. */
static int parse_complex(const char *s, MiniComplex *out) {
    const char *p = s, *end;
    while (isspace((unsigned char)*p)) p++;
    int paren = 0;
    if (*p == '(') { paren = 1; p++; while (isspace((unsigned char)*p)) p++; }
    double x = 0.0, y = 0.0;
    int got_real = 0, got_imag = 0;
    char *q;
    errno = 0;
    double v = strtod(p, &q);
    if (q == p) {
        /* "j", "+j", "-j" */
        if ((*p == '+' || *p == '-') && (p[1] == 'j' || p[1] == 'J')) { y = *p == '-' ? -1.0 : 1.0; p += 2; got_imag = 1; }
        else if (*p == 'j' || *p == 'J') { y = 1.0; p++; got_imag = 1; }
        else goto bad;
    } else {
        p = q;
        if (*p == 'j' || *p == 'J') {
            y = v;
            got_imag = 1;
            p++;
        } else {
            x = v;
            got_real = 1;
            if (*p == '+' || *p == '-') {
                double w = strtod(p, &q);
                if (q == p) {
                    if (p[1] == 'j' || p[1] == 'J') { w = *p == '-' ? -1.0 : 1.0; q = (char *)p + 1; }
                    else goto bad;
                }
                p = q;
                if (*p != 'j' && *p != 'J') goto bad;
                y = w;
                got_imag = 1;
                p++;
            }
        }
    }
    (void)got_real;
    (void)got_imag;
    while (isspace((unsigned char)*p)) p++;
    if (paren) {
        if (*p != ')') goto bad;
        p++;
        while (isspace((unsigned char)*p)) p++;
    }
    end = p;
    if (*end != '\0') goto bad;
    out->real = x;
    out->imag = y;
    return 0;
bad:
    MiniErr_SetString(MiniExc_ValueError, "complex() arg is a malformed string");
    return -1;
}

static int is_number(MiniObject *o) {
    if (MiniComplex_Check(o) || MiniFloat_Check(o) || MiniLong_Check(o)) return 1;
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    return nb != NULL && (nb->nb_float != NULL || nb->nb_index != NULL);
}

static MiniObject *complex_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    MiniObject *r = NULL, *i = NULL;
    static const char *const kwlist[] = { "real", "imag", NULL };
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|OO:complex", (char **)kwlist, &r, &i)) return NULL;
    MiniComplex cr = { 0.0, 0.0 }, ci = { 0.0, 0.0 };
    int cr_is_complex = 0, ci_is_complex = 0;
    if (r != NULL && MiniUnicode_Check(r)) {
        if (i != NULL) return MiniErr_Format(MiniExc_TypeError, "complex() can't take second arg if first is a string");
        const char *s = MiniUnicode_AsUTF8(r);
        if (s == NULL || parse_complex(s, &cr) < 0) return NULL;
        goto make;
    }
    if (i != NULL && MiniUnicode_Check(i)) return MiniErr_Format(MiniExc_TypeError, "complex() second arg can't be a string");
    if (r != NULL) {
        if (MiniComplex_CheckExact(r) && i == NULL && type == &MiniComplex_Type) return Mini_NewRef(r);
        MiniObject *meth = MiniComplex_Check(r) ? NULL : MiniObject_GetAttrString(r, "__complex__");
        if (meth == NULL) MiniErr_Clear();
        if (meth == NULL && !is_number(r))
            return MiniErr_Format(MiniExc_TypeError, "complex() first argument must be a string or a number, not '%.200s'",
                                  Mini_TYPE(r)->tp_name);
        cr_is_complex = meth != NULL || MiniComplex_Check(r);
        Mini_XDECREF(meth);
        cr = MiniComplex_AsCComplex(r);
        if (cr.real == -1.0 && MiniErr_Occurred()) return NULL;
    }
    if (i != NULL) {
        if (!is_number(i))
            return MiniErr_Format(MiniExc_TypeError, "complex() second argument must be a number, not '%.200s'",
                                  Mini_TYPE(i)->tp_name);
        ci_is_complex = MiniComplex_Check(i);
        ci = MiniComplex_AsCComplex(i);
        if (ci.real == -1.0 && MiniErr_Occurred()) return NULL;
        /* complex(a, b) = a + b*1j, keeping the signs of zero parts as CPython does. */
        if (ci_is_complex) cr.real -= ci.imag;
        if (cr_is_complex) ci.real += cr.imag;
        cr.imag = ci.real;
    }
make:
    if (type != &MiniComplex_Type) {
        MiniComplexObject *o = (MiniComplexObject *)MiniObject_New(type);
        if (o == NULL) return NULL;
        o->cval = cr;
        return (MiniObject *)o;
    }
    return from_c(cr);
}

static void complex_dealloc(MiniObject *self) { MiniObject_Free(self); }

/* ----- methods and attributes ---------------------------------------------------------------------- */

static MiniObject *complex_conjugate(MiniObject *self, MiniObject *unused) {
    (void)unused;
    MiniComplex c = ((MiniComplexObject *)self)->cval;
    return MiniComplex_FromDoubles(c.real, -c.imag);
}

static MiniObject *complex_complex(MiniObject *self, MiniObject *unused) {
    (void)unused;
    MiniComplex c = ((MiniComplexObject *)self)->cval;
    return MiniComplex_FromDoubles(c.real, c.imag);
}

static MiniObject *complex_getnewargs(MiniObject *self, MiniObject *unused) {
    (void)unused;
    MiniComplex c = ((MiniComplexObject *)self)->cval;
    return Mini_BuildValue("(dd)", c.real, c.imag);
}

/* format(z, spec): CPython's complex formatting. No type: str(z) (with a precision, the parts in
 * 'g' form, still in parentheses); with e/f/g/E/F/G/n both parts in that form, the imaginary one
 * always signed, no parentheses. Fill, alignment and width apply to the whole; zero padding and
 * '=' alignment are refused as in CPython. */
static MiniObject *format_part(double v, const char *spec) {
    MiniObject *f = MiniFloat_FromDouble(v);
    if (f == NULL) return NULL;
    MiniObject *s = MiniUnicode_FromString(spec);
    MiniObject *r = s ? _MiniLib_FormatValue(f, s) : NULL;
    Mini_XDECREF(s);
    Mini_DECREF(f);
    return r;
}

static MiniObject *complex_format(MiniObject *self, MiniObject *arg) {
    if (!MiniUnicode_Check(arg))
        return MiniErr_Format(MiniExc_TypeError, "format() argument 2 must be str, not %.200s", Mini_TYPE(arg)->tp_name);
    const char *s = MiniUnicode_AsUTF8(arg);
    if (s == NULL) return NULL;
    if (*s == '\0') return MiniObject_Str(self);
    MiniComplex c = ((MiniComplexObject *)self)->cval;
    const char *p = s;
    char fill[8] = " ", align = '>';
    /* [[fill]align]: the fill may be any character (UTF-8). */
    size_t first = 1;
    while ((p[first] & 0xC0) == 0x80) first++;
    if (p[0] && strchr("<>^=", p[first]) && p[first]) {
        memcpy(fill, p, first);
        fill[first] = '\0';
        align = p[first];
        p += first + 1;
    } else if (p[0] && strchr("<>^=", p[0])) {
        align = p[0];
        p++;
    }
    char sign[2] = "";
    if (*p == '+' || *p == '-' || *p == ' ') { sign[0] = *p; p++; }
    int alt = 0;
    if (*p == '#') { alt = 1; p++; }
    if (*p == '0')
        return MiniErr_Format(MiniExc_ValueError, "Zero padding is not allowed in complex format specifier");
    long width = 0;
    while (isdigit((unsigned char)*p)) width = width * 10 + (*p++ - '0');
    char group[2] = "";
    if (*p == ',' || *p == '_') { group[0] = *p; p++; }
    long prec = -1;
    if (*p == '.') {
        p++;
        prec = 0;
        while (isdigit((unsigned char)*p)) prec = prec * 10 + (*p++ - '0');
    }
    char type = *p ? *p++ : '\0';
    if (*p != '\0' || (type && !strchr("eEfFgGn", type)))
        return MiniErr_Format(MiniExc_ValueError, "Unknown format code '%c' for object of type 'complex'", type ? type : '?');
    if (align == '=')
        return MiniErr_Format(MiniExc_ValueError, "'=' alignment flag is not allowed in complex format specifier");
    char precbuf[24] = "";
    if (prec >= 0) snprintf(precbuf, sizeof precbuf, ".%ld", prec);
    char t = type ? type : 'g';
    int parens = type == '\0';
    int skip_real = type == '\0' && c.real == 0.0 && copysign(1.0, c.real) == 1.0;
    MiniObject *body;
    if (type == '\0' && prec < 0) {
        body = MiniObject_Str(self);
        if (body != NULL && sign[0] == '+' && c.real >= 0 && !skip_real) {
            /* '+' sign on the real part inside the parentheses */
            MiniObject *b2 = MiniUnicode_FromFormat("(+%s", MiniUnicode_AsUTF8(body) + 1);
            Mini_DECREF(body);
            body = b2;
        }
    } else {
        char rspec[64], ispec[64];
        snprintf(rspec, sizeof rspec, "%s%s%s%s%c", sign, alt ? "#" : "", group, precbuf, t);
        snprintf(ispec, sizeof ispec, "+%s%s%s%c", alt ? "#" : "", group, precbuf, t);
        MiniObject *re = skip_real ? MiniUnicode_FromString("") : format_part(c.real, rspec);
        MiniObject *im = re ? format_part(c.imag, skip_real ? rspec : ispec) : NULL;
        body = (re && im) ? MiniUnicode_FromFormat("%s%U%Uj%s", parens && !skip_real ? "(" : "", re, im,
                                                     parens && !skip_real ? ")" : "") : NULL;
        Mini_XDECREF(re);
        Mini_XDECREF(im);
    }
    if (body == NULL) return NULL;
    Mini_ssize_t len = MiniUnicode_GetLength(body);
    if (width <= len) return body;
    /* Pad with str.__format__ semantics: build "{fill}{align}{width}". */
    char pad[48];
    snprintf(pad, sizeof pad, "%s%c%ld", fill, align, width);
    MiniObject *ps = MiniUnicode_FromString(pad);
    MiniObject *res = ps ? _MiniLib_FormatValue(body, ps) : NULL;
    Mini_XDECREF(ps);
    Mini_DECREF(body);
    return res;
}

static MiniMethodDef complex_methods[] = {
    { "__format__", (MiniCFunction)complex_format, MINI_METH_O, NULL },
    { "conjugate", (MiniCFunction)complex_conjugate, MINI_METH_NOARGS, "Return the complex conjugate of its argument." },
    { "__complex__", (MiniCFunction)complex_complex, MINI_METH_NOARGS, "Convert this value to exact type complex." },
    { "__getnewargs__", (MiniCFunction)complex_getnewargs, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MiniObject *complex_get_real(MiniObject *self, void *c) {
    (void)c;
    return MiniFloat_FromDouble(((MiniComplexObject *)self)->cval.real);
}
static MiniObject *complex_get_imag(MiniObject *self, void *c) {
    (void)c;
    return MiniFloat_FromDouble(((MiniComplexObject *)self)->cval.imag);
}

static MiniGetSetDef complex_getset[] = {
    { "real", complex_get_real, NULL, "the real part of a complex number", NULL },
    { "imag", complex_get_imag, NULL, "the imaginary part of a complex number", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static MiniNumberMethods complex_as_number = {
    .nb_add = complex_add,
    .nb_subtract = complex_sub,
    .nb_multiply = complex_mul,
    .nb_true_divide = complex_div,
    .nb_power = complex_pow,
    .nb_negative = complex_neg,
    .nb_positive = complex_pos,
    .nb_absolute = complex_abs,
    .nb_bool = complex_bool,
};

MiniTypeObject MiniComplex_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "complex",
    .tp_basicsize = sizeof(MiniComplexObject),
    .tp_dealloc = complex_dealloc,
    .tp_repr = complex_repr,
    .tp_hash = complex_hash,
    .tp_richcompare = complex_richcompare,
    .tp_as_number = &complex_as_number,
    .tp_methods = complex_methods,
    .tp_getset = complex_getset,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "Create a complex number from a real part and an optional imaginary part.",
    .tp_new = complex_new,
};
