/* Python/formatter.c: building str objects piece by piece, and the printf-like formatter behind
 * MiniUnicode_FromFormat and MiniErr_Format.
 *
 * Units: %% %c (int code point) %d %i %u %x with the length modifiers l, ll, z (and flags
 * '-', '0', a width and a precision, as printf); %s (UTF-8 C string; the precision limits code
 * points; invalid bytes become U+FFFD); %p (0x-prefixed address); %R repr(obj), %S str(obj),
 * %U a str object, %T the type name of obj (precision limits code points for %s/%R/%S/%U/%T).
 * An unknown unit raises SystemError. */
#include "mini.h"
#include "formatter_internal.h"
#include "unicodeobject_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void _MiniStrBuf_Init(_MiniStrBuf *b) {
    b->buf = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

static int reserve(_MiniStrBuf *b, size_t extra) {
    if (b->failed) return -1;
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)MINI_SSIZE_T_MAX) / 2) { b->failed = 1; MiniErr_NoMemory(); return -1; }
        cap *= 2;
    }
    char *n = realloc(b->buf, cap);
    if (n == NULL) { b->failed = 1; MiniErr_NoMemory(); return -1; }
    b->buf = n;
    b->cap = cap;
    return 0;
}

int _MiniStrBuf_Append(_MiniStrBuf *b, const char *s, size_t n) {
    if (reserve(b, n) < 0) return -1;
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    return 0;
}

int _MiniStrBuf_AppendRepeat(_MiniStrBuf *b, char c, size_t n) {
    if (n > (size_t)MINI_SSIZE_T_MAX - b->len - 1) { b->failed = 1; MiniErr_NoMemory(); return -1; }
    if (reserve(b, n) < 0) return -1;
    memset(b->buf + b->len, c, n);
    b->len += n;
    return 0;
}

int _MiniStrBuf_AppendC(_MiniStrBuf *b, const char *s) { return _MiniStrBuf_Append(b, s, strlen(s)); }

int _MiniStrBuf_AppendChar(_MiniStrBuf *b, char c) { return _MiniStrBuf_Append(b, &c, 1); }

int _MiniStrBuf_AppendLossy(_MiniStrBuf *b, const char *s, size_t n, Mini_ssize_t maxchars) {
    Mini_ssize_t chars = 0;
    size_t i = 0;
    while (i < n && (maxchars < 0 || chars < maxchars)) {
        Mini_ssize_t badlen;
        Mini_ssize_t bad = _MiniUnicode_FindInvalid(s + i, (Mini_ssize_t)(n - i), &badlen);
        size_t good = bad < 0 ? n - i : (size_t)bad;
        /* copy the valid run, limited to the remaining character budget */
        size_t k = 0;
        while (k < good && (maxchars < 0 || chars < maxchars)) {
            int len;
            _MiniUnicode_DecodeUTF8(s + i + k, &len);
            k += (size_t)len;
            chars++;
        }
        if (_MiniStrBuf_Append(b, s + i, k) < 0) return -1;
        i += k;
        if (k < good || bad < 0) break;
        if (maxchars >= 0 && chars >= maxchars) break;
        if (_MiniStrBuf_AppendC(b, "\xEF\xBF\xBD") < 0) return -1;   /* U+FFFD */
        chars++;
        i += (size_t)badlen;
    }
    return 0;
}

int _MiniStrBuf_AppendStr(_MiniStrBuf *b, MiniObject *s) {
    if (!MiniUnicode_Check(s)) {
        b->failed = 1;
        MiniErr_Format(MiniExc_TypeError, "expected str, got %.200s", Mini_TYPE(s)->tp_name);
        return -1;
    }
    return _MiniStrBuf_Append(b, _MiniUnicode_DATA(s), (size_t)Mini_SIZE(s));
}

/* Appends a str object's text limited to maxchars code points (< 0: all). */
static int append_str_limited(_MiniStrBuf *b, MiniObject *s, Mini_ssize_t maxchars) {
    if (maxchars < 0 || maxchars >= _MiniUnicode_LENGTH(s)) return _MiniStrBuf_AppendStr(b, s);
    return _MiniStrBuf_AppendLossy(b, _MiniUnicode_DATA(s), (size_t)Mini_SIZE(s), maxchars);
}

int _MiniStrBuf_AppendRepr(_MiniStrBuf *b, MiniObject *o) {
    if (b->failed) return -1;
    MiniObject *r = MiniObject_Repr(o);
    if (r == NULL) { b->failed = 1; return -1; }
    int res = _MiniStrBuf_AppendStr(b, r);
    Mini_DECREF(r);
    return res;
}

int _MiniStrBuf_AppendObjStr(_MiniStrBuf *b, MiniObject *o) {
    if (b->failed) return -1;
    MiniObject *r = MiniObject_Str(o);
    if (r == NULL) { b->failed = 1; return -1; }
    int res = _MiniStrBuf_AppendStr(b, r);
    Mini_DECREF(r);
    return res;
}

MiniObject *_MiniStrBuf_Finish(_MiniStrBuf *b) {
    MiniObject *res = NULL;
    if (!b->failed) res = _MiniUnicode_FromUTF8Unchecked(b->buf ? b->buf : "", (Mini_ssize_t)b->len);
    _MiniStrBuf_Discard(b);
    return res;
}

void _MiniStrBuf_Discard(_MiniStrBuf *b) {
    free(b->buf);
    _MiniStrBuf_Init(b);
}

/* Pads the text appended since start to width code points (left or right aligned). */
static int pad_to_width(_MiniStrBuf *b, size_t start, int width, int left_align) {
    if (width <= 0 || b->failed) return b->failed ? -1 : 0;
    Mini_ssize_t have = _MiniUnicode_CountCodePoints(b->buf + start, (Mini_ssize_t)(b->len - start));
    if (have >= width) return 0;
    size_t pad = (size_t)(width - have);
    if (reserve(b, pad) < 0) return -1;
    if (!left_align) memmove(b->buf + start + pad, b->buf + start, b->len - start);
    memset(left_align ? b->buf + b->len : b->buf + start, ' ', pad);
    b->len += pad;
    return 0;
}

static int format_error(_MiniStrBuf *b, const char *format) {
    b->failed = 1;
    MiniErr_Format(MiniExc_SystemError, "invalid format string: %.200s", format);
    return -1;
}

int _MiniStrBuf_AppendFormatV(_MiniStrBuf *b, const char *format, va_list ap) {
    const char *f = format;
    while (*f != '\0') {
        if (*f != '%') {
            const char *run = f;
            while (*f != '\0' && *f != '%') f++;
            if (_MiniStrBuf_AppendLossy(b, run, (size_t)(f - run), -1) < 0) return -1;
            continue;
        }
        f++;
        if (*f == '%') { f++; if (_MiniStrBuf_AppendChar(b, '%') < 0) return -1; continue; }
        int left = 0, zero = 0, width = -1, prec = -1;
        for (;; f++) {
            if (*f == '-') left = 1;
            else if (*f == '0') zero = 1;
            else break;
        }
        if (*f >= '0' && *f <= '9') { width = 0; while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0'); }
        if (*f == '.') { f++; prec = 0; while (*f >= '0' && *f <= '9') prec = prec * 10 + (*f++ - '0'); }
        int lmod = 0;   /* 0 none, 1 l, 2 ll, 3 z */
        if (f[0] == 'l' && f[1] == 'l') { lmod = 2; f += 2; }
        else if (*f == 'l') { lmod = 1; f++; }
        else if (*f == 'z') { lmod = 3; f++; }
        char conv = *f++;
        size_t start = b->len;
        char num[80];
        switch (conv) {
        case 'd': case 'i': case 'u': case 'x': {
            /* Rebuild a printf spec with the same flags; width and precision go as '*' args. */
            const char *lm = lmod == 1 ? "l" : lmod == 2 ? "ll" : lmod == 3 ? "z" : "";
            char full[32];
            snprintf(full, sizeof full, "%%%s%s*%s%s%c", left ? "-" : "", zero ? "0" : "",
                     prec >= 0 ? ".*" : "", lm, conv);
            int w = width < 0 ? 0 : width;
#define MINI_FMT_NUM(T) (prec >= 0 ? snprintf(num, sizeof num, full, w, prec, va_arg(ap, T)) \
                                   : snprintf(num, sizeof num, full, w, va_arg(ap, T)))
            if (conv == 'd' || conv == 'i') {
                if (lmod == 1) MINI_FMT_NUM(long);
                else if (lmod == 2) MINI_FMT_NUM(long long);
                else if (lmod == 3) MINI_FMT_NUM(Mini_ssize_t);
                else MINI_FMT_NUM(int);
            } else {
                if (lmod == 1) MINI_FMT_NUM(unsigned long);
                else if (lmod == 2) MINI_FMT_NUM(unsigned long long);
                else if (lmod == 3) MINI_FMT_NUM(size_t);
                else MINI_FMT_NUM(unsigned int);
            }
#undef MINI_FMT_NUM
            if (_MiniStrBuf_AppendC(b, num) < 0) return -1;
            break;
        }
        case 'c': {
            int cp = va_arg(ap, int);
            if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                b->failed = 1;
                MiniErr_SetString(MiniExc_OverflowError, "character argument not in range(0x110000)");
                return -1;
            }
            char u[4];
            if (_MiniStrBuf_Append(b, u, (size_t)_MiniUnicode_EncodeUTF8((uint32_t)cp, u)) < 0) return -1;
            if (pad_to_width(b, start, width, left) < 0) return -1;
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (s == NULL) s = "(null)";
            if (_MiniStrBuf_AppendLossy(b, s, strlen(s), prec) < 0) return -1;
            if (pad_to_width(b, start, width, left) < 0) return -1;
            break;
        }
        case 'p': {
            void *p = va_arg(ap, void *);
            snprintf(num, sizeof num, "0x%llx", (unsigned long long)(uintptr_t)p);
            if (_MiniStrBuf_AppendC(b, num) < 0) return -1;
            if (pad_to_width(b, start, width, left) < 0) return -1;
            break;
        }
        case 'R': case 'S': case 'U': case 'T': {
            MiniObject *o = va_arg(ap, MiniObject *);
            if (o == NULL) {
                b->failed = 1;
                _MiniErr_BadInternalCall("MiniUnicode_FromFormat");
                return -1;
            }
            MiniObject *text;
            if (conv == 'U') {
                if (!MiniUnicode_Check(o)) {
                    b->failed = 1;
                    MiniErr_Format(MiniExc_SystemError, "%%U argument must be a str, not %.200s",
                                   Mini_TYPE(o)->tp_name);
                    return -1;
                }
                text = Mini_NewRef(o);
            } else if (conv == 'T') {
                text = MiniUnicode_FromString(Mini_TYPE(o)->tp_name);
            } else {
                text = conv == 'R' ? MiniObject_Repr(o) : MiniObject_Str(o);
            }
            if (text == NULL) { b->failed = 1; return -1; }
            int r = append_str_limited(b, text, prec);
            Mini_DECREF(text);
            if (r < 0 || pad_to_width(b, start, width, left) < 0) return -1;
            break;
        }
        default:
            return format_error(b, format);
        }
    }
    return b->failed ? -1 : 0;
}

int _MiniStrBuf_AppendFormat(_MiniStrBuf *b, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = _MiniStrBuf_AppendFormatV(b, format, ap);
    va_end(ap);
    return r;
}
