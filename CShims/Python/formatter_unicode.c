/* Python/formatter_unicode.c: format(value, spec), which f-strings call for every {value:spec}. An empty spec
 * is str(value). A type with a __format__ method (a class, or a C type listing one) formats
 * itself. Otherwise ints, bools, floats and strs are formatted here following Python's format
 * specification mini-language: [[fill]align][sign][z][#][0][width][,|_][.precision][type], with
 * CPython's results for the int types b c d n o x X, the float types e E f F g G n % and none,
 * and s for strings (e.g. {x:.2f}, {n:,}, {s:>8}, {v:08.3f}). */
#include "mini.h"
#include "lib_internal.h"
#include "longobject_internal.h"
#include "formatter_internal.h"
#include "unicodeobject_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char fill[8];       /* one UTF-8 character */
    int fill_given;     /* the spec named a fill character */
    char align;         /* '<' '>' '=' '^' or 0 */
    char sign;          /* '+' '-' ' ' or 0 */
    int z, alt, zero;
    Mini_ssize_t width; /* -1: none */
    char grouping;      /* ',' '_' or 0 */
    Mini_ssize_t precision; /* -1: none */
    char type;          /* 0: none; 1 for a type past ASCII (no valid type) */
    uint32_t type_cp;   /* the type's code point, for the messages */
} Spec;

static int is_align(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

/* A grouping separator is allowed with the decimal types (d e E f F g G % and none), and '_'
 * with b o x X too; anything else is CPython's ValueError, raised before the value is formatted
 * ("Cannot specify ',' with 'n'." for an int, a float, an inf alike). A spec without a type
 * is checked with the value's default type: 'd' for an int, 's' for a str, none for a float.
 * 0 / -1. */
static int check_grouping_type(const Spec *sp, char default_type) {
    uint32_t t = sp->type ? sp->type_cp : (uint32_t)(unsigned char)default_type;
    if (t < 128 && strchr("deEfFgG%", (int)t) != NULL) return 0;   /* strchr finds the NUL of none */
    if (sp->grouping == '_' && t < 128 && t != 0 && strchr("boxX", (int)t) != NULL) return 0;
    if (t > 32 && t < 128)
        MiniErr_Format(MiniExc_ValueError, "Cannot specify '%c' with '%c'.", sp->grouping, (int)t);
    else
        MiniErr_Format(MiniExc_ValueError, "Cannot specify '%c' with '\\x%x'.", sp->grouping, (unsigned)t);
    return -1;
}

/* CPython's ValueError for a type the value does not have (printable ASCII shown as itself,
 * anything else as \x..). Returns NULL. */
static MiniObject *unknown_code(const Spec *sp, const char *type_name) {
    if (sp->type_cp > 32 && sp->type_cp < 128)
        return MiniErr_Format(MiniExc_ValueError, "Unknown format code '%c' for object of type '%.200s'",
                              (int)sp->type_cp, type_name);
    return MiniErr_Format(MiniExc_ValueError, "Unknown format code '\\x%x' for object of type '%.200s'",
                          (unsigned)sp->type_cp, type_name);
}

static int parse_spec(const char *s, Mini_ssize_t n, Spec *sp, MiniObject *value) {
    memset(sp, 0, sizeof *sp);
    strcpy(sp->fill, " ");
    sp->width = sp->precision = -1;
    Mini_ssize_t i = 0;
    /* A fill character is any character followed by an alignment. */
    Mini_ssize_t clen = 1;
    while (clen < n && clen < 4 && ((unsigned char)s[clen] & 0xC0) == 0x80) clen++;
    if (clen < n && is_align(s[clen])) {
        memcpy(sp->fill, s, (size_t)clen);
        sp->fill[clen] = '\0';
        sp->fill_given = 1;
        sp->align = s[clen];
        i = clen + 1;
    } else if (n > 0 && is_align(s[0])) {
        sp->align = s[0];
        i = 1;
    }
    if (i < n && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp->sign = s[i++];
    if (i < n && s[i] == 'z') { sp->z = 1; i++; }
    if (i < n && s[i] == '#') { sp->alt = 1; i++; }
    if (i < n && s[i] == '0') {
        sp->zero = 1;
        i++;
    }
    if (i < n && s[i] >= '0' && s[i] <= '9') {
        sp->width = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (sp->width > (MINI_SSIZE_T_MAX - 9) / 10) goto too_many_digits;
            sp->width = sp->width * 10 + (s[i++] - '0');
        }
    }
    if (i < n && (s[i] == ',' || s[i] == '_')) {
        sp->grouping = s[i++];
        if (i < n && (s[i] == ',' || s[i] == '_') && s[i] != sp->grouping) {
            MiniErr_SetString(MiniExc_ValueError, "Cannot specify both ',' and '_'.");
            return -1;
        }
    }
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || s[i] < '0' || s[i] > '9') {
            MiniErr_SetString(MiniExc_ValueError, "Format specifier missing precision");
            return -1;
        }
        sp->precision = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (sp->precision > (MINI_SSIZE_T_MAX - 9) / 10) goto too_many_digits;
            sp->precision = sp->precision * 10 + (s[i++] - '0');
        }
    }
    if (i < n) {
        /* The type is one code point; anything after it makes the spec invalid. */
        int len = 1;
        sp->type_cp = _MiniUnicode_DecodeUTF8(s + i, &len);
        sp->type = sp->type_cp < 128 ? (char)sp->type_cp : 1;
        if (sp->type == 0) sp->type = 1;   /* a NUL type is no type either, but it is one */
        i += len;
    }
    if (i < n) {
        MiniObject *whole = _MiniUnicode_FromUTF8Unchecked(s, n);
        if (whole != NULL) {
            MiniErr_Format(MiniExc_ValueError, "Invalid format specifier '%U' for object of type '%.200s'",
                           whole, Mini_TYPE(value)->tp_name);
            Mini_DECREF(whole);
        }
        return -1;
    }
    char default_type = MiniLong_Check(value) ? 'd' : MiniUnicode_Check(value) ? 's' : 0;
    if (sp->grouping && check_grouping_type(sp, default_type) < 0) return -1;
    /* The '0' flag: zero fill unless a fill was given (and, for numbers, sign-aware padding
     * unless an alignment was given; pad() applies that part). */
    if (sp->zero && !sp->fill_given) strcpy(sp->fill, "0");
    return 0;
too_many_digits:
    /* CPython's message for a width or precision past Py_ssize_t. */
    MiniErr_SetString(MiniExc_ValueError, "Too many decimal digits in format string");
    return -1;
}

/* Appends n copies of the fill; the room is reserved in one allocation first, so a huge width
 * fails at once with MemoryError instead of growing the buffer a fill at a time. */
static void append_fill(_MiniStrBuf *b, const char *fill, Mini_ssize_t n) {
    size_t flen = strlen(fill);
    if (n <= 0) return;
    /* A NUL fill character has strlen 0: it is one byte too (a division by zero below before;
     * found by Fuzz/fuzz_capi.c). */
    if (flen <= 1) { _MiniStrBuf_AppendRepeat(b, fill[0], (size_t)n); return; }
    if ((size_t)n > ((size_t)MINI_SSIZE_T_MAX) / flen) { b->failed = 1; MiniErr_NoMemory(); return; }
    if (_MiniStrBuf_AppendRepeat(b, ' ', (size_t)n * flen) < 0) return;
    b->len -= (size_t)n * flen;                 /* reserved: now fill it */
    for (Mini_ssize_t i = 0; i < n; i++) _MiniStrBuf_Append(b, fill, flen);
}

/* Pads body (sign + digits, sign_len bytes of sign/prefix) to the width with the fill. */
static MiniObject *pad(const Spec *sp, const char *body, Mini_ssize_t len, Mini_ssize_t sign_len, char default_align) {
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    Mini_ssize_t chars = 0;
    for (Mini_ssize_t i = 0; i < len; i++) if (((unsigned char)body[i] & 0xC0) != 0x80) chars++;
    Mini_ssize_t padding = sp->width > chars ? sp->width - chars : 0;
    char align = sp->align ? sp->align : default_align;
    if (sp->zero && !sp->align && default_align == '>') align = '=';
    Mini_ssize_t left = 0, right = 0;
    if (align == '<') right = padding;
    else if (align == '>') left = padding;
    else if (align == '^') { left = padding / 2; right = padding - left; }
    if (align == '=') {
        _MiniStrBuf_Append(&b, body, (size_t)sign_len);
        append_fill(&b, sp->fill, padding);
        _MiniStrBuf_Append(&b, body + sign_len, (size_t)(len - sign_len));
    } else {
        append_fill(&b, sp->fill, left);
        _MiniStrBuf_Append(&b, body, (size_t)len);
        append_fill(&b, sp->fill, right);
    }
    return _MiniStrBuf_Finish(&b);
}

/* Appends the nd digits with sp's grouping separator every `every` digits from the right, after
 * as many leading zeros as zero padding needs: when the fill is '0' and the alignment '=' (given,
 * or implied by the '0' flag), CPython pads inside the grouping, with the fewest zeros whose
 * grouped text is at least min_width characters (the number's width less its sign, prefix,
 * fraction and exponent), so the text can come out one character wider than asked
 * ('{:020,.2f}'.format(-1234.5) is 21 characters: a group never starts with the separator).
 * Linear in the result (adding one zero at a time and regrouping was quadratic:
 * '{:0=777740,}'.format(-98765) ran for minutes; fuzz_capi). */
static void append_grouped(_MiniStrBuf *b, const Spec *sp, const char *digits, Mini_ssize_t nd,
                           Mini_ssize_t min_width, int every) {
    if (!sp->grouping) { _MiniStrBuf_Append(b, digits, (size_t)nd); return; }
    Mini_ssize_t zn = nd;
    if (min_width > nd + (nd - 1) / every) {
        zn = min_width * every / (every + 1) - 2;   /* an estimate just below the answer */
        if (zn < nd) zn = nd;
        while (zn + (zn - 1) / every < min_width) zn++;
    }
    Mini_ssize_t total = zn + (zn - 1) / every;
    if (_MiniStrBuf_AppendRepeat(b, '0', (size_t)total) < 0) return;   /* reserves the room */
    char *out = b->buf + b->len - total;
    for (Mini_ssize_t i = 0, o = 0; i < zn; i++) {
        if (i > 0 && (zn - i) % every == 0) out[o++] = sp->grouping;
        out[o++] = i < zn - nd ? '0' : digits[i - (zn - nd)];
    }
}

/* Formats head (sign and prefix) + digits (grouped, zero padding inside the grouping as above)
 * + rest (fraction, exponent, '%', or all of "inf"/"nan" with nd 0), padded to sp's width.
 * New reference or NULL. */
static MiniObject *pad_number(const Spec *sp, const char *head, const char *digits, Mini_ssize_t nd,
                              const char *rest, int every) {
    Mini_ssize_t head_len = (Mini_ssize_t)strlen(head), rest_len = (Mini_ssize_t)strlen(rest);
    char align = sp->align ? sp->align : (sp->zero ? '=' : '>');
    Mini_ssize_t min_width = 0;
    if (nd > 0 && align == '=' && strcmp(sp->fill, "0") == 0) min_width = sp->width - head_len - rest_len;
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    _MiniStrBuf_Append(&b, head, (size_t)head_len);
    append_grouped(&b, sp, digits, nd, min_width, every);
    _MiniStrBuf_Append(&b, rest, (size_t)rest_len);
    if (b.failed) { _MiniStrBuf_Discard(&b); return NULL; }
    MiniObject *r = pad(sp, b.buf, (Mini_ssize_t)b.len, head_len, '>');
    _MiniStrBuf_Discard(&b);
    return r;
}

static void sign_prefix(char *buf, int negative, char sign) {
    buf[0] = '\0';
    if (negative) strcpy(buf, "-");
    else if (sign == '+') strcpy(buf, "+");
    else if (sign == ' ') strcpy(buf, " ");
}

static MiniObject *format_float_value(double v, Spec *sp);

static MiniObject *format_int(MiniObject *value, Spec *sp) {
    char t = sp->type ? sp->type : 'd';
    if (t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%') {
        double d = MiniLong_AsDouble(value);
        if (d == -1.0 && MiniErr_Occurred()) return NULL;
        return format_float_value(d, sp);
    }
    /* CPython's order: the type, then precision, 'z', and the sign or '#' with 'c'. */
    if (strchr("cdnboxX", t) == NULL) return unknown_code(sp, Mini_TYPE(value)->tp_name);
    if (sp->precision >= 0)
        return MiniErr_Format(MiniExc_ValueError, "Precision not allowed in integer format specifier");
    if (sp->z)
        return MiniErr_Format(MiniExc_ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
    if (t == 'c' && sp->sign)
        return MiniErr_Format(MiniExc_ValueError, "Sign not allowed with integer format specifier 'c'");
    if (t == 'c' && sp->alt)
        return MiniErr_Format(MiniExc_ValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
    if (t == 'c') {
        long v = MiniLong_AsLong(value);   /* OverflowError past a C long, as CPython */
        if (v == -1 && MiniErr_Occurred()) return NULL;
        if (v < 0 || v > 0x10FFFF) return MiniErr_Format(MiniExc_OverflowError, "%%c arg not in range(0x110000)");
        char u[5];
        int n;
        uint32_t c = (uint32_t)v;
        if (c < 0x80) { u[0] = (char)c; n = 1; }
        else if (c < 0x800) { u[0] = (char)(0xC0 | (c >> 6)); u[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
        else if (c < 0x10000) { u[0] = (char)(0xE0 | (c >> 12)); u[1] = (char)(0x80 | ((c >> 6) & 0x3F)); u[2] = (char)(0x80 | (c & 0x3F)); n = 3; }
        else { u[0] = (char)(0xF0 | (c >> 18)); u[1] = (char)(0x80 | ((c >> 12) & 0x3F)); u[2] = (char)(0x80 | ((c >> 6) & 0x3F)); u[3] = (char)(0x80 | (c & 0x3F)); n = 4; }
        return pad(sp, u, n, 0, '<');
    }
    int64_t v = _MiniLong_Value(value);
    int base = 10;
    const char *prefix = "";
    switch (t) {
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    default: break;   /* d n */
    }
    char stackdigits[80], *digits = stackdigits;
    Mini_ssize_t nd = 0;
    int negative;
    if (_MiniLong_IsCompact(value)) {
        uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        const char *alphabet = t == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        do { digits[nd++] = alphabet[mag % (uint64_t)base]; mag /= (uint64_t)base; } while (mag);
        for (Mini_ssize_t i = 0; i < nd / 2; i++) { char c = digits[i]; digits[i] = digits[nd - 1 - i]; digits[nd - 1 - i] = c; }
        digits[nd] = '\0';
        negative = v < 0;
    } else {
        /* A big int: its digits from the int arithmetic. */
        MiniObject *s = _MiniLong_Format(value, base, 0);
        if (s == NULL) return NULL;
        const char *d = MiniUnicode_AsUTF8(s);
        negative = d[0] == '-';
        if (negative) d++;
        nd = (Mini_ssize_t)strlen(d);
        digits = malloc((size_t)nd + 1);
        if (digits == NULL) { Mini_DECREF(s); return MiniErr_NoMemory(); }
        for (Mini_ssize_t i = 0; i <= nd; i++) digits[i] = (t == 'X' && d[i] >= 'a' && d[i] <= 'f') ? (char)(d[i] - 32) : d[i];
        Mini_DECREF(s);
    }
    char head[8];
    sign_prefix(head, negative, sp->sign);
    if (sp->alt) strcat(head, prefix);
    MiniObject *res = pad_number(sp, head, digits, nd, "", base == 10 ? 3 : 4);
    if (digits != stackdigits) free(digits);
    return res;
}

/* Removes trailing zeros (and a bare '.') from the fraction of a fixed or exponent string. */
static void strip_zeros(char *s, int keep_one) {
    char *dot = strchr(s, '.');
    if (dot == NULL) return;
    char *e = strpbrk(s, "eE");
    char *end = e ? e : s + strlen(s);
    char *p = end;
    while (p > dot + 1 && p[-1] == '0') p--;
    if (p == dot + 1) {
        if (keep_one) p = dot + 2;
        else p = dot;
    }
    memmove(p, end, strlen(end) + 1);
}

static MiniObject *format_float_value(double v, Spec *sp) {
    char t = sp->type == 1 && sp->type_cp == 0 ? 0 : sp->type;   /* a NUL type is none for a float */
    if (t != 0 && strchr("eEfFgGn%", t) == NULL) return unknown_code(sp, "float");
    /* Buffers sized for the request: up to 309 digits before the point (1e308), the precision
     * after it and an exponent ('%.600f' % 1e300 has 902 characters; fixed 512-byte buffers cut
     * it short). Grouping and padding are added by pad_number. */
    size_t prec_digits = sp->precision > 0 ? (size_t)sp->precision : 0;
    size_t cap = prec_digits + 420;
    char *block = malloc(2 * cap);
    if (block == NULL) return MiniErr_NoMemory();
    char *num = block, *probe = block + cap;
    MiniObject *result = NULL;
    /* A NaN prints without a sign, as CPython ('{:+}'.format(float('-nan')) is '+nan'). */
    int negative = signbit(v) != 0 && !isnan(v);
    if (sp->z && negative && v == 0.0) negative = 0;
    double a = fabs(v);
    if (sp->z && negative) {
        /* Negative values that round to zero lose their sign with 'z'. */
        snprintf(probe, cap, "%.*f", (int)(sp->precision >= 0 ? sp->precision : 6), a);
        if (strspn(probe, "0.") == strlen(probe)) negative = 0;
    }
    int upper = (t == 'E' || t == 'F' || t == 'G');
    if (isnan(v) || isinf(v)) {
        snprintf(num, cap, "%s", isnan(v) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        if (t == '%') strcat(num, "%");
    } else {
        int p = (int)(sp->precision >= 0 ? sp->precision : 6);
        switch (t) {
        case 'f': case 'F':
            snprintf(num, cap, sp->alt ? "%#.*f" : "%.*f", p, a);
            break;
        case 'e': case 'E':
            snprintf(num, cap, sp->alt ? (upper ? "%#.*E" : "%#.*e") : (upper ? "%.*E" : "%.*e"), p, a);
            break;
        case 'g': case 'G': case 'n':
            if (p == 0) p = 1;
            snprintf(num, cap, sp->alt ? (upper ? "%#.*G" : "%#.*g") : (upper ? "%.*G" : "%.*g"), p, a);
            break;
        case '%':
            snprintf(num, cap, sp->alt ? "%#.*f%%" : "%.*f%%", p, a * 100.0);
            break;
        case 0:
            if (sp->precision < 0) {
                /* repr() of the magnitude. */
                MiniObject *f = MiniFloat_FromDouble(a);
                MiniObject *r = f ? MiniObject_Repr(f) : NULL;
                Mini_XDECREF(f);
                if (r == NULL) goto done;
                snprintf(num, cap, "%s", MiniUnicode_AsUTF8(r));
                Mini_DECREF(r);
            } else {
                if (p == 0) p = 1;
                /* Room for the digits and the exponent even at large precisions (a 64-byte
                 * buffer cut the exponent off at precision 93 and atoi read address 1: found
                 * by Fuzz/fuzz_capi.c). */
                char *e = probe;
                snprintf(e, cap, "%.*e", p - 1, a);
                const char *mark = strchr(e, 'e');
                int exp10 = mark != NULL ? atoi(mark + 1) : 0;
                int decpt = exp10 + 1;
                if (a == 0.0) decpt = 1;
                if (decpt <= -4 || decpt > p - 1 + (p == 1 ? 1 : 0)) {
                    snprintf(num, cap, "%.*e", p - 1, a);
                    if (!sp->alt) strip_zeros(num, 0);
                } else {
                    snprintf(num, cap, "%.*f", p - decpt > 0 ? p - decpt : 0, a);
                    if (!sp->alt) strip_zeros(num, 1);
                    if (strchr(num, '.') == NULL) strcat(num, ".0");
                }
            }
            break;
        default:   /* the types were checked above */
            break;
        }
    }
    /* Grouping applies to the integer part (none in "inf" and "nan"). */
    Mini_ssize_t intlen = (Mini_ssize_t)strspn(num, "0123456789");
    char sign[4];
    sign_prefix(sign, negative, sp->sign);
    result = pad_number(sp, sign, num, intlen, num + intlen, 3);
done:
    free(block);
    return result;
}

static MiniObject *format_str(MiniObject *value, Spec *sp) {
    if (sp->type != 0 && sp->type != 's') return unknown_code(sp, "str");
    if (sp->sign == ' ') return MiniErr_Format(MiniExc_ValueError, "Space not allowed in string format specifier");
    if (sp->sign) return MiniErr_Format(MiniExc_ValueError, "Sign not allowed in string format specifier");
    if (sp->z) return MiniErr_Format(MiniExc_ValueError, "Negative zero coercion (z) not allowed in string format specifier");
    if (sp->alt) return MiniErr_Format(MiniExc_ValueError, "Alternate form (#) not allowed in string format specifier");
    if (sp->align == '=') return MiniErr_Format(MiniExc_ValueError, "'=' alignment not allowed in string format specifier");
    Mini_ssize_t n;
    const char *s = MiniUnicode_AsUTF8AndSize(value, &n);
    if (s == NULL) return NULL;
    if (sp->precision >= 0) {
        Mini_ssize_t i = 0, chars = 0;
        while (i < n && chars < sp->precision) {
            i++;
            while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
            chars++;
        }
        n = i;
    }
    return pad(sp, s, n, 0, '<');
}

/* Calls a __format__ found on the type (descr, borrowed) for value with spec: bound through the
 * descriptor protocol when descr has one (functions do), else called with spec alone.
 * New reference or NULL. */
static MiniObject *call_format_method(MiniObject *descr, MiniObject *value, MiniObject *spec) {
    Mini_descrgetfunc get = Mini_TYPE(descr)->tp_descr_get;
    if (get == NULL) return MiniObject_CallOneArg(descr, spec);
    MiniObject *bound = get(descr, value, (MiniObject *)Mini_TYPE(value));
    if (bound == NULL) return NULL;
    MiniObject *r = MiniObject_CallOneArg(bound, spec);
    Mini_DECREF(bound);
    return r;
}

/* "__format__", interned once per runtime (f-strings format every value through here). */
static MiniObject *format_name;

int _MiniFormatter_Init(void) {
    if (format_name == NULL) format_name = MiniUnicode_InternFromString("__format__");
    return format_name == NULL ? -1 : 0;
}

void _MiniFormatter_Fini(void) { Mini_CLEAR(format_name); }

MiniObject *_MiniLib_FormatValue(MiniObject *value, MiniObject *spec) {
    Mini_ssize_t n = 0;
    const char *s = "";
    if (spec != NULL) {
        if (!MiniUnicode_Check(spec))
            return MiniErr_Format(MiniExc_TypeError, "format() argument 2 must be str, not %.200s", Mini_TYPE(spec)->tp_name);
        s = MiniUnicode_AsUTF8AndSize(spec, &n);
    }
    MiniTypeObject *t = Mini_TYPE(value);
    MiniObject *meth = MiniType_Lookup(t, format_name);
    if (meth != NULL) {
        MiniObject *sp = spec ? Mini_NewRef(spec) : MiniUnicode_FromString("");
        if (sp == NULL) return NULL;
        Mini_INCREF(meth);
        MiniObject *r = call_format_method(meth, value, sp);
        Mini_DECREF(meth);
        Mini_DECREF(sp);
        if (r != NULL && !MiniUnicode_Check(r)) {
            MiniErr_Format(MiniExc_TypeError, "__format__ must return a str, not %.200s", Mini_TYPE(r)->tp_name);
            Mini_DECREF(r);
            return NULL;
        }
        return r;
    }
    if (n == 0) return MiniObject_Str(value);
    Spec sp;
    if (parse_spec(s, n, &sp, value) < 0) return NULL;
    if (MiniLong_Check(value)) return format_int(value, &sp);
    if (MiniFloat_Check(value)) return format_float_value(MiniFloat_AS_DOUBLE(value), &sp);
    if (MiniUnicode_Check(value)) return format_str(value, &sp);
    return MiniErr_Format(MiniExc_TypeError, "unsupported format string passed to %.200s.__format__",
                          MiniType_Name(t));
}
