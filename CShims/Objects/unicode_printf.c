/* Objects/unicode_printf.c: printf-style formatting, `format % args` (str's nb_remainder), and
 * ascii(), with CPython's rules and messages.
 *
 * A conversion is %[(key)][flags][width][.precision][length]type with flags - + space # 0, '*'
 * for width or precision taken from the arguments, and the types d i u o x X e E f F g G c s r a
 * and %. args is a tuple of positional values, a mapping for %(key)s, or a single value. Integers
 * of any size are formatted exactly; floats go through the C library's printf, whose output for
 * these conversions is what Python prints. */
#include "mini.h"
#include "formatter_internal.h"
#include "lib_internal.h"
#include "longobject_internal.h"
#include "unicodeobject_internal.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ascii(o): repr(o) with every non-ASCII code point escaped (\xhh, \uhhhh, \Uhhhhhhhh). */
MiniObject *_MiniUnicode_Ascii(MiniObject *o) {
    MiniObject *r = MiniObject_Repr(o);
    if (r == NULL || ((MiniUnicodeObject *)r)->ascii) return r;
    const char *s = _MiniUnicode_DATA(r);
    Mini_ssize_t n = Mini_SIZE(r);
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    for (Mini_ssize_t i = 0; i < n;) {
        int len;
        uint32_t c = _MiniUnicode_DecodeUTF8(s + i, &len);
        if (c < 0x80) _MiniStrBuf_AppendChar(&b, (char)c);
        else if (c < 0x100) _MiniStrBuf_AppendFormat(&b, "\\x%02x", (unsigned)c);
        else if (c < 0x10000) _MiniStrBuf_AppendFormat(&b, "\\u%04x", (unsigned)c);
        else _MiniStrBuf_AppendFormat(&b, "\\U%08x", (unsigned)c);
        i += len;
    }
    Mini_DECREF(r);
    return _MiniStrBuf_Finish(&b);
}

typedef struct {
    int left, plus, space, alt, zero;
    Mini_ssize_t width, prec;   /* -1: not given */
    char type;
} Conv;

/* Appends n copies of ch in one reservation (found by the fuzzer: '%3333333333333r' grew the
 * buffer a character at a time and went on looping after it had failed: a hang). */
static void pad(_MiniStrBuf *b, char ch, Mini_ssize_t n) {
    if (n > 0) _MiniStrBuf_AppendRepeat(b, ch, (size_t)n);
}

/* Appends text (len bytes, chars code points) padded to the conversion's width. */
static void emit_padded(_MiniStrBuf *b, const Conv *c, const char *text, Mini_ssize_t len, Mini_ssize_t chars) {
    Mini_ssize_t padn = c->width > chars ? c->width - chars : 0;
    if (!c->left) pad(b, ' ', padn);
    _MiniStrBuf_Append(b, text, (size_t)len);
    if (c->left) pad(b, ' ', padn);
}

/* Appends sign + prefix + digits with zero padding or precision (minimum digits) applied. */
static void emit_number(_MiniStrBuf *b, const Conv *c, int negative, const char *prefix, const char *digits,
                        Mini_ssize_t ndigits) {
    char sign[2] = { 0, 0 };
    if (negative) sign[0] = '-';
    else if (c->plus) sign[0] = '+';
    else if (c->space) sign[0] = ' ';
    Mini_ssize_t head = (Mini_ssize_t)strlen(sign) + (Mini_ssize_t)strlen(prefix);
    Mini_ssize_t zeros = c->prec > ndigits ? c->prec - ndigits : 0;
    Mini_ssize_t body = head + zeros + ndigits;
    if (c->zero && !c->left && c->width > body) { zeros += c->width - body; body = c->width; }
    Mini_ssize_t padn = c->width > body ? c->width - body : 0;
    if (!c->left) pad(b, ' ', padn);
    _MiniStrBuf_AppendC(b, sign);
    _MiniStrBuf_AppendC(b, prefix);
    pad(b, '0', zeros);
    _MiniStrBuf_Append(b, digits, (size_t)ndigits);
    if (c->left) pad(b, ' ', padn);
}

/* %d %i %u %o %x %X for an int value of any size. */
static int format_integer(_MiniStrBuf *b, const Conv *c, MiniObject *v) {
    int base = c->type == 'o' ? 8 : (c->type == 'x' || c->type == 'X') ? 16 : 10;
    MiniObject *text = _MiniLong_Format(v, base, 0);
    if (text == NULL) return -1;
    const char *s = _MiniUnicode_DATA(text);
    int negative = s[0] == '-';
    s += negative;
    Mini_ssize_t n = (Mini_ssize_t)strlen(s);
    char *digits = malloc((size_t)n + 1);
    if (digits == NULL) { Mini_DECREF(text); MiniErr_NoMemory(); return -1; }
    for (Mini_ssize_t i = 0; i <= n; i++) digits[i] = c->type == 'X' ? (char)toupper((unsigned char)s[i]) : s[i];
    const char *prefix = "";
    if (c->alt && base == 8) prefix = "0o";
    else if (c->alt && base == 16) prefix = c->type == 'X' ? "0X" : "0x";
    emit_number(b, c, negative, prefix, digits, n);
    free(digits);
    Mini_DECREF(text);
    return 0;
}

/* %e %E %f %F %g %G through the C library. */
static int format_floating(_MiniStrBuf *b, const Conv *c, double d) {
    char fmt[16], *f = fmt, out[512], *big = NULL;
    *f++ = '%';
    if (c->alt) *f++ = '#';
    *f++ = '.';
    *f++ = '*';
    *f++ = c->type;
    *f = '\0';
    /* No cap: '%.600f' % 1e300 gives all 902 characters, as CPython (huge precisions were refused
     * as "precision too big" when the conversion was parsed). */
    int prec = c->prec < 0 ? 6 : (int)(c->prec > INT_MAX ? INT_MAX : c->prec);
    /* %g without '#' strips trailing zeros, and a double's exact decimal expansion has at most
     * 767 significant digits: any precision past 800 prints the same text. Capped, because the C
     * library fills a buffer of the full precision first ('%.*g' % (2**31 - 1, 1.0) spun). */
    if ((c->type == 'g' || c->type == 'G') && !c->alt && prec > 800) prec = 800;
    double mag = fabs(d);
    int n = snprintf(out, sizeof out, fmt, prec, mag);
    if (n < 0) { MiniErr_NoMemory(); return -1; }   /* more than INT_MAX characters */
    const char *digits = out;
    if (n >= (int)sizeof out) {
        big = malloc((size_t)n + 1);
        if (big == NULL) { MiniErr_NoMemory(); return -1; }
        snprintf(big, (size_t)n + 1, fmt, prec, mag);
        digits = big;
    }
    Conv cc = *c;
    cc.prec = -1;
    emit_number(b, &cc, signbit(d) != 0 && !isnan(d), "", digits, n);
    free(big);
    return 0;
}

/* The mapping value for %(key), or NULL. */
static MiniObject *mapping_value(MiniObject *mapping, const char *key, Mini_ssize_t n) {
    MiniObject *k = _MiniUnicode_FromUTF8Unchecked(key, n);
    if (k == NULL) return NULL;
    MiniObject *v = MiniObject_GetItem(mapping, k);
    Mini_DECREF(k);
    return v;
}

MiniObject *_MiniUnicode_Modulo(MiniObject *format, MiniObject *args) {
    if (!MiniUnicode_Check(format)) Mini_RETURN_NOTIMPLEMENTED;
    const char *s = _MiniUnicode_DATA(format);
    Mini_ssize_t n = Mini_SIZE(format);
    int is_tuple = MiniTuple_Check(args);
    int is_mapping = !is_tuple && !MiniUnicode_Check(args) && Mini_TYPE(args)->tp_as_mapping != NULL &&
                     Mini_TYPE(args)->tp_as_mapping->mp_subscript != NULL;
    Mini_ssize_t argc = is_tuple ? MiniTuple_GET_SIZE(args) : 1, argi = 0;
    int used_mapping = 0;
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    for (Mini_ssize_t i = 0; i < n;) {
        const char *pct = memchr(s + i, '%', (size_t)(n - i));
        if (pct == NULL) { _MiniStrBuf_Append(&b, s + i, (size_t)(n - i)); break; }
        _MiniStrBuf_Append(&b, s + i, (size_t)(pct - (s + i)));
        Mini_ssize_t p = pct - s + 1;
        MiniObject *value = NULL, *owned = NULL;
        Conv c = { 0, 0, 0, 0, 0, -1, -1, 0 };
        if (p < n && s[p] == '(') {
            if (!is_mapping) { MiniErr_SetString(MiniExc_TypeError, "format requires a mapping"); goto fail; }
            Mini_ssize_t depth = 1, k = p + 1;
            while (k < n && depth > 0) { if (s[k] == '(') depth++; else if (s[k] == ')') depth--; k++; }
            if (depth > 0) { MiniErr_SetString(MiniExc_ValueError, "incomplete format key"); goto fail; }
            owned = value = mapping_value(args, s + p + 1, k - p - 2);
            if (value == NULL) goto fail;
            used_mapping = 1;
            p = k;
        }
        for (; p < n; p++) {
            if (s[p] == '-') c.left = 1;
            else if (s[p] == '+') c.plus = 1;
            else if (s[p] == ' ') c.space = 1;
            else if (s[p] == '#') c.alt = 1;
            else if (s[p] == '0') c.zero = 1;
            else break;
        }
        for (int field = 0; field < 2; field++) {
            Mini_ssize_t *target = field == 0 ? &c.width : &c.prec;
            if (field == 1) {
                if (p < n && s[p] == '.') { p++; c.prec = 0; }
                else break;
            }
            if (p < n && s[p] == '*') {
                p++;
                if (!is_tuple || argi >= argc) { MiniErr_SetString(MiniExc_TypeError, "not enough arguments for format string"); goto fail; }
                MiniObject *w = MiniTuple_GET_ITEM(args, argi++);
                if (!MiniLong_Check(w)) { MiniErr_SetString(MiniExc_TypeError, "* wants int"); goto fail; }
                if (field == 0) {
                    *target = MiniLong_AsSsize_t(w);
                    if (*target == -1 && MiniErr_Occurred()) goto fail;
                    if (*target < 0) { c.left = 1; *target = -*target; }
                } else {
                    /* A precision is a C int, as in CPython ('%.*g' % (2**62, x): OverflowError;
                     * found by the fuzzer: the C library's %g spun on a precision of INT_MAX). */
                    long prec = MiniLong_AsLong(w);
                    if (prec == -1 && MiniErr_Occurred()) goto fail;
                    if (prec > INT_MAX || prec < INT_MIN) {
                        MiniErr_SetString(MiniExc_OverflowError, "Python int too large to convert to C int");
                        goto fail;
                    }
                    *target = prec < 0 ? 0 : prec;
                }
            } else {
                Mini_ssize_t v = field == 0 ? -1 : 0;
                while (p < n && s[p] >= '0' && s[p] <= '9') {
                    Mini_ssize_t digit = s[p++] - '0';
                    if (v > ((field == 0 ? MINI_SSIZE_T_MAX : INT_MAX) - digit) / 10) {
                        /* CPython's messages for a width or precision past ssize_t. */
                        MiniErr_SetString(MiniExc_ValueError, field == 0 ? "width too big" : "precision too big");
                        Mini_XDECREF(owned);
                        goto fail;
                    }
                    v = (v < 0 ? 0 : v) * 10 + digit;
                }
                *target = v;
            }
        }
        while (p < n && (s[p] == 'h' || s[p] == 'l' || s[p] == 'L')) p++;
        if (p >= n) { MiniErr_SetString(MiniExc_ValueError, "incomplete format"); Mini_XDECREF(owned); goto fail; }
        c.type = s[p++];
        if (c.type == '%') {
            _MiniStrBuf_AppendChar(&b, '%');
            Mini_XDECREF(owned);
            i = p;
            continue;
        }
        if (value == NULL) {
            if (is_tuple) {
                if (argi >= argc) { MiniErr_SetString(MiniExc_TypeError, "not enough arguments for format string"); goto fail; }
                value = MiniTuple_GET_ITEM(args, argi++);
            } else {
                if (argi >= 1) { MiniErr_SetString(MiniExc_TypeError, "not enough arguments for format string"); goto fail; }
                value = args;
                argi++;
            }
        }
        int rc = 0;
        switch (c.type) {
        case 's': case 'r': case 'a': {
            MiniObject *t = c.type == 's' ? MiniObject_Str(value) : c.type == 'r' ? MiniObject_Repr(value)
                                                                             : _MiniUnicode_Ascii(value);
            if (t == NULL) { rc = -1; break; }
            Mini_ssize_t chars = _MiniUnicode_LENGTH(t), bytes = Mini_SIZE(t);
            if (c.prec >= 0 && c.prec < chars) {
                /* Truncate to prec code points. */
                const char *d = _MiniUnicode_DATA(t);
                Mini_ssize_t k = 0, cp = 0;
                while (k < bytes && cp < c.prec) { k++; while (k < bytes && ((unsigned char)d[k] & 0xC0) == 0x80) k++; cp++; }
                bytes = k;
                chars = c.prec;
            }
            emit_padded(&b, &c, _MiniUnicode_DATA(t), bytes, chars);
            Mini_DECREF(t);
            break;
        }
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
            MiniObject *iv;
            if (MiniLong_Check(value)) iv = Mini_NewRef(value);
            else if (c.type != 'o' && c.type != 'x' && c.type != 'X' && MiniNumber_Check(value) && !MiniUnicode_Check(value))
                iv = MiniNumber_Long(value);
            else if ((c.type == 'o' || c.type == 'x' || c.type == 'X') && Mini_TYPE(value)->tp_as_number != NULL &&
                     Mini_TYPE(value)->tp_as_number->nb_index != NULL)
                iv = MiniNumber_Index(value);
            else {
                if (c.type == 'o' || c.type == 'x' || c.type == 'X')
                    MiniErr_Format(MiniExc_TypeError, "%%%c format: an integer is required, not %.200s", c.type,
                                   MiniType_Name(Mini_TYPE(value)));
                else
                    MiniErr_Format(MiniExc_TypeError, "%%%c format: a real number is required, not %.200s", c.type,
                                   MiniType_Name(Mini_TYPE(value)));
                rc = -1;
                break;
            }
            if (iv == NULL) { rc = -1; break; }
            rc = format_integer(&b, &c, iv);
            Mini_DECREF(iv);
            break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            if (!MiniFloat_Check(value) && !MiniNumber_Check(value)) {
                MiniErr_Format(MiniExc_TypeError, "must be real number, not %.200s", MiniType_Name(Mini_TYPE(value)));
                rc = -1;
                break;
            }
            double d = MiniFloat_AsDouble(value);
            if (d == -1.0 && MiniErr_Occurred()) { rc = -1; break; }
            rc = format_floating(&b, &c, d);
            break;
        }
        case 'c': {
            char u[4];
            int len;
            if (MiniUnicode_Check(value) && _MiniUnicode_LENGTH(value) == 1) {
                len = (int)Mini_SIZE(value);
                memcpy(u, _MiniUnicode_DATA(value), (size_t)len);
            } else if (MiniLong_Check(value)) {
                long cp = MiniLong_AsLong(value);
                if (cp == -1 && MiniErr_Occurred()) { rc = -1; break; }
                if (cp < 0 || cp > 0x10FFFF) {
                    MiniErr_SetString(MiniExc_OverflowError, "%c arg not in range(0x110000)");
                    rc = -1;
                    break;
                }
                len = _MiniUnicode_EncodeUTF8((uint32_t)cp, u);
            } else {
                MiniErr_SetString(MiniExc_TypeError, "%c requires int or char");
                rc = -1;
                break;
            }
            emit_padded(&b, &c, u, len, 1);
            break;
        }
        default: {
            int len;
            uint32_t ch = _MiniUnicode_DecodeUTF8(s + p - 1, &len);
            MiniErr_Format(MiniExc_ValueError, "unsupported format character '%c' (0x%x) at index %zd",
                           ch < 128 ? (int)ch : '?', (unsigned)ch, _MiniUnicode_CountCodePoints(s, p - 1));
            rc = -1;
        }
        }
        Mini_XDECREF(owned);
        if (rc < 0) goto fail;
        i = p;
    }
    if (!used_mapping && !is_mapping && argi < argc) {
        MiniErr_SetString(MiniExc_TypeError, "not all arguments converted during string formatting");
        goto fail;
    }
    return _MiniStrBuf_Finish(&b);
fail:
    _MiniStrBuf_Discard(&b);
    return NULL;
}
