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

/* The digits of |v| in base (X: upper case) written backwards from end, when v fits a C long:
 * the common case, without the big-int formatter's allocations. Returns the first digit, or
 * NULL (no exception) when v is larger. */
static char *small_digits(MiniObject *v, int base, char type, char *end, int *negative) {
    int overflow = 0;
    long x = MiniLong_AsLongAndOverflow(v, &overflow);
    if (overflow || (x == -1 && MiniErr_Occurred())) { MiniErr_Clear(); return NULL; }
    const char *alphabet = type == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned long m = x < 0 ? 0UL - (unsigned long)x : (unsigned long)x;
    *negative = x < 0;
    char *p = end;
    do { *--p = alphabet[m % (unsigned long)base]; m /= (unsigned long)base; } while (m != 0);
    return p;
}

/* %d %i %u %o %x %X for an int value of any size. */
static int format_integer(_MiniStrBuf *b, const Conv *c, MiniObject *v) {
    int base = c->type == 'o' ? 8 : (c->type == 'x' || c->type == 'X') ? 16 : 10;
    const char *prefix = "";
    if (c->alt && base == 8) prefix = "0o";
    else if (c->alt && base == 16) prefix = c->type == 'X' ? "0X" : "0x";
    char small[72];
    int negative = 0;
    const char *first = small_digits(v, base, c->type, small + sizeof small, &negative);
    if (first != NULL) {
        emit_number(b, c, negative, prefix, first, small + sizeof small - first);
        return 0;
    }
    MiniObject *text = _MiniLong_Format(v, base, 0);
    if (text == NULL) return -1;
    const char *s = _MiniUnicode_DATA(text);
    negative = s[0] == '-';
    s += negative;
    Mini_ssize_t n = (Mini_ssize_t)strlen(s);
    char *digits = malloc((size_t)n + 1);
    if (digits == NULL) { Mini_DECREF(text); MiniErr_NoMemory(); return -1; }
    for (Mini_ssize_t i = 0; i <= n; i++) digits[i] = c->type == 'X' ? (char)toupper((unsigned char)s[i]) : s[i];
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

/* The argument cursor, kept as CPython keeps it so that every conversion takes its values (a '*'
 * width, a '*' precision, then the value) in CPython's order and fails with CPython's message:
 * args is the tuple, or the single non-tuple operand, or the value the last %(key) looked up
 * (owned); arglen is the tuple's size, or -1 for a single value, which the first take moves from
 * argidx -2 to -1. So after %(key) the one value is taken by whatever comes first ('%(b)*d' %
 * {'b': 'x'}: the '*', "* wants int"), and a mapping operand used without a key is the value
 * ('%*d' % {'b': 1}: "* wants int"). */
typedef struct {
    MiniObject *args;      /* borrowed, or == owned */
    MiniObject *owned;     /* the %(key) value, a new reference, or NULL */
    MiniObject *dict;      /* the operand when it is a mapping (not a tuple or str), else NULL */
    Mini_ssize_t arglen, argidx;
} ArgCursor;

/* The next value (borrowed), or NULL with TypeError when there is none. */
static MiniObject *next_arg(ArgCursor *a) {
    if (a->argidx < a->arglen) {
        Mini_ssize_t i = a->argidx++;
        return a->arglen < 0 ? a->args : MiniTuple_GET_ITEM(a->args, i);
    }
    MiniErr_SetString(MiniExc_TypeError, "not enough arguments for format string");
    return NULL;
}

/* Drops the value a %(key) looked up (after its conversion, or on an error). */
static void release_key_value(ArgCursor *a) {
    if (a->owned != NULL) {
        if (a->args == a->owned) a->args = NULL;   /* argidx == arglen now: never read again */
        Mini_CLEAR(a->owned);
    }
}

/* %(key): looks key (s[start..end)) up in the mapping operand and makes its value the cursor's
 * single argument. 0, or -1 with CPython's exception. */
static int take_key_value(ArgCursor *a, const char *s, Mini_ssize_t start, Mini_ssize_t end) {
    release_key_value(a);
    MiniObject *k = _MiniUnicode_FromUTF8Unchecked(s + start, end - start);
    if (k == NULL) return -1;
    MiniObject *v = MiniObject_GetItem(a->dict, k);
    Mini_DECREF(k);
    if (v == NULL) return -1;
    a->args = a->owned = v;
    a->arglen = -1;
    a->argidx = -2;
    return 0;
}

/* A '*' width (is_prec 0: a C ssize_t, negative means left-justified) or precision (a C int,
 * negative means 0) taken from the arguments. 0, or -1 with CPython's exception. */
static int star_value(ArgCursor *a, int is_prec, Conv *c) {
    MiniObject *w = next_arg(a);
    if (w == NULL) return -1;
    if (!MiniLong_Check(w)) { MiniErr_SetString(MiniExc_TypeError, "* wants int"); return -1; }
    if (!is_prec) {
        c->width = MiniLong_AsSsize_t(w);
        if (c->width == -1 && MiniErr_Occurred()) return -1;
        if (c->width < 0) { c->left = 1; c->width = -c->width; }
        return 0;
    }
    /* A precision is a C int, as in CPython ('%.*g' % (2**62, x): OverflowError; found by the
     * fuzzer: the C library's %g spun on a precision of INT_MAX). */
    int overflow = 0;
    long prec = MiniLong_AsLongAndOverflow(w, &overflow);
    if (prec == -1 && MiniErr_Occurred()) return -1;
    if (overflow || prec > INT_MAX || prec < INT_MIN) {
        MiniErr_SetString(MiniExc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    c->prec = prec < 0 ? 0 : prec;
    return 0;
}

/* Decimal digits of a width (is_prec 0) or precision from s[*p]; -1 in *out when there are none
 * for a width. 0, or -1 with CPython's "width too big" / "precision too big". */
static int digits_value(const char *s, Mini_ssize_t n, Mini_ssize_t *p, int is_prec, Mini_ssize_t *out) {
    Mini_ssize_t v = is_prec ? 0 : -1;
    while (*p < n && s[*p] >= '0' && s[*p] <= '9') {
        Mini_ssize_t digit = s[(*p)++] - '0';
        if (v > ((is_prec ? INT_MAX : MINI_SSIZE_T_MAX) - digit) / 10) {
            MiniErr_SetString(MiniExc_ValueError, is_prec ? "precision too big" : "width too big");
            return -1;
        }
        v = (v < 0 ? 0 : v) * 10 + digit;
    }
    *out = v;
    return 0;
}

/* Parses one conversion after its '%' (s[*p] is the first character after it), in CPython's
 * order: %(key), flags, width ('*' takes an argument), precision, one h/l/L, the type. On return
 * *p is past the type character. 0, or -1 with CPython's exception. */
static int parse_conversion(const char *s, Mini_ssize_t n, Mini_ssize_t *p, ArgCursor *a, Conv *c) {
    Mini_ssize_t q = *p;
    if (q < n && s[q] == '(') {
        if (a->dict == NULL) { MiniErr_SetString(MiniExc_TypeError, "format requires a mapping"); return -1; }
        Mini_ssize_t depth = 1, k = q + 1;
        while (k < n && depth > 0) { if (s[k] == '(') depth++; else if (s[k] == ')') depth--; k++; }
        if (depth > 0) { MiniErr_SetString(MiniExc_ValueError, "incomplete format key"); return -1; }
        if (take_key_value(a, s, q + 1, k - 1) < 0) return -1;
        q = k;
    }
    for (; q < n; q++) {
        if (s[q] == '-') c->left = 1;
        else if (s[q] == '+') c->plus = 1;
        else if (s[q] == ' ') c->space = 1;
        else if (s[q] == '#') c->alt = 1;
        else if (s[q] == '0') c->zero = 1;
        else break;
    }
    if (q < n && s[q] == '*') {
        q++;
        if (star_value(a, 0, c) < 0) return -1;
    } else if (digits_value(s, n, &q, 0, &c->width) < 0) {
        return -1;
    }
    if (q < n && s[q] == '.') {
        q++;
        c->prec = 0;
        if (q < n && s[q] == '*') {
            q++;
            if (star_value(a, 1, c) < 0) return -1;
        } else if (digits_value(s, n, &q, 1, &c->prec) < 0) {
            return -1;
        }
    }
    if (q < n && (s[q] == 'h' || s[q] == 'l' || s[q] == 'L')) q++;   /* one, as CPython */
    if (q >= n) { MiniErr_SetString(MiniExc_ValueError, "incomplete format"); return -1; }
    c->type = s[q++];
    *p = q;
    return 0;
}

/* %s %r %a: the text, cut to the precision in code points, padded. */
static int format_text(_MiniStrBuf *b, const Conv *c, MiniObject *value) {
    MiniObject *t = c->type == 's' ? MiniObject_Str(value) : c->type == 'r' ? MiniObject_Repr(value)
                                                                           : _MiniUnicode_Ascii(value);
    if (t == NULL) return -1;
    Mini_ssize_t chars = _MiniUnicode_LENGTH(t), bytes = Mini_SIZE(t);
    if (c->prec >= 0 && c->prec < chars) {
        const char *d = _MiniUnicode_DATA(t);
        Mini_ssize_t k = 0, cp = 0;
        while (k < bytes && cp < c->prec) { k++; while (k < bytes && ((unsigned char)d[k] & 0xC0) == 0x80) k++; cp++; }
        bytes = k;
        chars = c->prec;
    }
    emit_padded(b, c, _MiniUnicode_DATA(t), bytes, chars);
    Mini_DECREF(t);
    return 0;
}

/* %d %i %u take any real number (int() of it); %o %x %X need __index__. */
static int format_int_conversion(_MiniStrBuf *b, const Conv *c, MiniObject *value) {
    int hexoct = c->type == 'o' || c->type == 'x' || c->type == 'X';
    MiniObject *iv;
    if (MiniLong_Check(value)) iv = Mini_NewRef(value);
    else if (!hexoct && MiniNumber_Check(value) && !MiniUnicode_Check(value))
        iv = MiniNumber_Long(value);
    else if (hexoct && Mini_TYPE(value)->tp_as_number != NULL && Mini_TYPE(value)->tp_as_number->nb_index != NULL)
        iv = MiniNumber_Index(value);
    else {
        MiniErr_Format(MiniExc_TypeError, "%%%c format: %s is required, not %.200s", c->type,
                       hexoct ? "an integer" : "a real number", MiniType_Name(Mini_TYPE(value)));
        return -1;
    }
    if (iv == NULL) return -1;
    int rc = format_integer(b, c, iv);
    Mini_DECREF(iv);
    return rc;
}

/* %c: a one-character str or a code point. */
static int format_char(_MiniStrBuf *b, const Conv *c, MiniObject *value) {
    char u[4];
    int len;
    if (MiniUnicode_Check(value) && _MiniUnicode_LENGTH(value) == 1) {
        len = (int)Mini_SIZE(value);
        memcpy(u, _MiniUnicode_DATA(value), (size_t)len);
    } else if (MiniLong_Check(value)) {
        long cp = MiniLong_AsLong(value);
        if (cp == -1 && MiniErr_Occurred()) return -1;
        if (cp < 0 || cp > 0x10FFFF) {
            MiniErr_SetString(MiniExc_OverflowError, "%c arg not in range(0x110000)");
            return -1;
        }
        len = _MiniUnicode_EncodeUTF8((uint32_t)cp, u);
    } else {
        MiniErr_SetString(MiniExc_TypeError, "%c requires int or char");
        return -1;
    }
    emit_padded(b, c, u, len, 1);
    return 0;
}

/* Formats value by c->type; tpos is the type character's byte offset in s (for the message of
 * an unsupported type, which CPython gives as a code-point index, printable ASCII shown). */
static int format_value(_MiniStrBuf *b, const Conv *c, MiniObject *value, const char *s, Mini_ssize_t tpos) {
    switch (c->type) {
    case 's': case 'r': case 'a':
        return format_text(b, c, value);
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
        return format_int_conversion(b, c, value);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        if (!MiniFloat_Check(value) && !MiniNumber_Check(value)) {
            MiniErr_Format(MiniExc_TypeError, "must be real number, not %.200s", MiniType_Name(Mini_TYPE(value)));
            return -1;
        }
        double d = MiniFloat_AsDouble(value);
        if (d == -1.0 && MiniErr_Occurred()) return -1;
        return format_floating(b, c, d);
    }
    case 'c':
        return format_char(b, c, value);
    default: {
        int len;
        uint32_t ch = _MiniUnicode_DecodeUTF8(s + tpos, &len);
        MiniErr_Format(MiniExc_ValueError, "unsupported format character '%c' (0x%x) at index %zd",
                       ch >= 31 && ch <= 126 ? (int)ch : '?', (unsigned)ch, _MiniUnicode_CountCodePoints(s, tpos));
        return -1;
    }
    }
}

MiniObject *_MiniUnicode_Modulo(MiniObject *format, MiniObject *args) {
    if (!MiniUnicode_Check(format)) Mini_RETURN_NOTIMPLEMENTED;
    const char *s = _MiniUnicode_DATA(format);
    Mini_ssize_t n = Mini_SIZE(format);
    int is_tuple = MiniTuple_Check(args);
    int is_mapping = !is_tuple && !MiniUnicode_Check(args) && Mini_TYPE(args)->tp_as_mapping != NULL &&
                     Mini_TYPE(args)->tp_as_mapping->mp_subscript != NULL;
    /* Every exit releases a.owned (the '*' errors after a key leaked it once: '%(b)*d' %
     * {'b': 'x'} kept 'x' alive; LeakSanitizer in fuzz_capi, checked mode). */
    ArgCursor a = { args, NULL, is_mapping ? args : NULL, is_tuple ? MiniTuple_GET_SIZE(args) : -1,
                    is_tuple ? 0 : -2 };
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    for (Mini_ssize_t i = 0; i < n;) {
        const char *pct = memchr(s + i, '%', (size_t)(n - i));
        if (pct == NULL) { _MiniStrBuf_Append(&b, s + i, (size_t)(n - i)); break; }
        _MiniStrBuf_Append(&b, s + i, (size_t)(pct - (s + i)));
        Mini_ssize_t p = pct - s + 1;
        if (p < n && s[p] == '%') {   /* only a bare "%%" is a literal: '%5%' is a conversion */
            _MiniStrBuf_AppendChar(&b, '%');
            i = p + 1;
            continue;
        }
        Conv c = { 0, 0, 0, 0, 0, -1, -1, 0 };
        if (parse_conversion(s, n, &p, &a, &c) < 0) goto fail;
        MiniObject *value = next_arg(&a);
        if (value == NULL || format_value(&b, &c, value, s, p - 1) < 0) goto fail;
        release_key_value(&a);
        i = p;
    }
    if (a.argidx < a.arglen && a.dict == NULL) {
        MiniErr_SetString(MiniExc_TypeError, "not all arguments converted during string formatting");
        goto fail;
    }
    return _MiniStrBuf_Finish(&b);
fail:
    release_key_value(&a);
    _MiniStrBuf_Discard(&b);
    return NULL;
}
