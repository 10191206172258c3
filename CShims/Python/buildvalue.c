/* Python/buildvalue.c: Mini_BuildValue, which turns C values into an object by a format string, as
 * CPython's Py_BuildValue: "i" an int, "(id)" a tuple, "[O,O]" a list, "{s:i}" a dict. The
 * builder walks the format once, consuming one C argument (two for s#/y#/O&) per unit. When
 * something fails half-way it keeps walking in "failed" mode: it creates nothing more but still
 * consumes the arguments, so that every reference handed over with N is released exactly once,
 * even on failure (N steals unconditionally). Requires the GIL. */
#include "mini.h"

#include <stdarg.h>
#include <string.h>

typedef struct {
    const char *f;   /* next format character */
    va_list *va;
    int failed;      /* an exception is set: only consume what is left */
} Builder;

static int is_separator(char c) { return c == ' ' || c == '\t' || c == ',' || c == ':'; }

static void skip_separators(Builder *b)
{
    while (is_separator(*b->f)) b->f++;
}

/* Number of items in the format from f up to the closing character end (or the end of the
 * string when end is '\0'), counting a bracketed group as one item. -1 with SystemError for
 * unbalanced brackets. */
static Mini_ssize_t count_items(const char *f, char end)
{
    Mini_ssize_t count = 0;
    int level = 0;
    for (;; f++) {
        char c = *f;
        if (level == 0 && c == end) return count;
        switch (c) {
        case '\0':
            MiniErr_SetString(MiniExc_SystemError, "unmatched paren in format");
            return -1;
        case '(': case '[': case '{':
            if (level == 0) count++;
            level++;
            break;
        case ')': case ']': case '}':
            level--;
            if (level < 0) {
                MiniErr_SetString(MiniExc_SystemError, "unmatched paren in format");
                return -1;
            }
            break;
        case '#': case '&': case ' ': case '\t': case ',': case ':':
            break;
        default:
            if (level == 0) count++;
        }
    }
}

static MiniObject *build_item(Builder *b);

/* Marks the build as failed (an exception is set) and returns NULL. */
static MiniObject *fail(Builder *b)
{
    b->failed = 1;
    return NULL;
}

/* A bracketed sequence: b->f is just past the opening character. kind is '(' or '['. */
static MiniObject *build_sequence(Builder *b, char kind)
{
    char end = kind == '(' ? ')' : ']';
    Mini_ssize_t n = count_items(b->f, end);
    if (n < 0) return fail(b);
    MiniObject *seq = NULL;
    if (!b->failed) {
        seq = kind == '(' ? MiniTuple_New(n) : MiniList_New(n);
        if (seq == NULL) b->failed = 1;
    }
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *item = build_item(b);
        if (item == NULL) {
            /* Slots not yet filled are NULL; fill them so the container can be freed. */
            if (seq != NULL) {
                for (Mini_ssize_t k = i; k < n; k++) {
                    MiniObject *none = Mini_NewRef(Mini_None);
                    if (kind == '(') MiniTuple_SET_ITEM(seq, k, none);
                    else ((MiniListObject *)seq)->ob_item[k] = none;
                }
                Mini_CLEAR(seq);
            }
            continue;  /* keep consuming arguments */
        }
        if (seq == NULL) {
            Mini_DECREF(item);
        } else if (kind == '(') {
            MiniTuple_SET_ITEM(seq, i, item);
        } else {
            ((MiniListObject *)seq)->ob_item[i] = item;
        }
    }
    skip_separators(b);
    if (*b->f != end) {
        Mini_XDECREF(seq);
        if (!b->failed) MiniErr_SetString(MiniExc_SystemError, "unmatched paren in format");
        return fail(b);
    }
    b->f++;
    return b->failed ? (Mini_XDECREF(seq), NULL) : seq;
}

/* A dict: b->f is just past '{'. Items alternate key, value. */
static MiniObject *build_dict(Builder *b)
{
    Mini_ssize_t n = count_items(b->f, '}');
    if (n < 0) return fail(b);
    if (n % 2 != 0) {
        MiniErr_SetString(MiniExc_SystemError, "Bad dict format");
        return fail(b);
    }
    MiniObject *dict = NULL;
    if (!b->failed) {
        dict = MiniDict_New();
        if (dict == NULL) b->failed = 1;
    }
    for (Mini_ssize_t i = 0; i < n; i += 2) {
        MiniObject *key = build_item(b);
        MiniObject *value = build_item(b);
        if (key != NULL && value != NULL && dict != NULL && MiniDict_SetItem(dict, key, value) < 0) {
            b->failed = 1;
        }
        Mini_XDECREF(key);
        Mini_XDECREF(value);
        if (b->failed) Mini_CLEAR(dict);
    }
    skip_separators(b);
    if (*b->f != '}') {
        Mini_XDECREF(dict);
        if (!b->failed) MiniErr_SetString(MiniExc_SystemError, "unmatched paren in format");
        return fail(b);
    }
    b->f++;
    return dict;
}

/* str from a buffer, None for NULL. */
static MiniObject *text_or_none(const char *s, Mini_ssize_t n, int is_bytes)
{
    if (s == NULL) Mini_RETURN_NONE;
    if (n < 0) n = (Mini_ssize_t)strlen(s);
    return is_bytes ? MiniBytes_FromStringAndSize(s, n) : MiniUnicode_FromStringAndSize(s, n);
}

/* A one-character str for code point cp. */
static MiniObject *char_object(int cp)
{
    char buf[4];
    Mini_ssize_t n;
    if (cp < 0 || cp > 0x10FFFF) {
        MiniErr_Format(MiniExc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]",
                       (unsigned)cp);
        return NULL;
    }
    if (cp < 0x80) {
        buf[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        buf[0] = (char)(0xF0 | (cp >> 18));
        buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return MiniUnicode_FromStringAndSize(buf, n);
}

/* One unit: consumes its arguments and returns a new reference, or NULL (failed mode, or a new
 * failure, which sets failed). */
static MiniObject *build_item(Builder *b)
{
    skip_separators(b);
    char c = *b->f++;
    MiniObject *result;
    switch (c) {
    case '(':
    case '[':
        return build_sequence(b, c);
    case '{':
        return build_dict(b);
    case 'b': case 'B': case 'h': case 'i': {
        int v = va_arg(*b->va, int);
        if (b->failed) return NULL;
        result = MiniLong_FromLong(v);
        break;
    }
    case 'H': {
        unsigned v = (unsigned short)va_arg(*b->va, int);
        if (b->failed) return NULL;
        result = MiniLong_FromLong((long)v);
        break;
    }
    case 'I': {
        unsigned v = va_arg(*b->va, unsigned);
        if (b->failed) return NULL;
        result = MiniLong_FromLongLong((long long)v);
        break;
    }
    case 'l': {
        long v = va_arg(*b->va, long);
        if (b->failed) return NULL;
        result = MiniLong_FromLong(v);
        break;
    }
    case 'k': {
        unsigned long v = va_arg(*b->va, unsigned long);
        if (b->failed) return NULL;
        result = MiniLong_FromUnsignedLongLong(v);
        break;
    }
    case 'L': {
        long long v = va_arg(*b->va, long long);
        if (b->failed) return NULL;
        result = MiniLong_FromLongLong(v);
        break;
    }
    case 'K': {
        unsigned long long v = va_arg(*b->va, unsigned long long);
        if (b->failed) return NULL;
        result = MiniLong_FromUnsignedLongLong(v);
        break;
    }
    case 'n': {
        Mini_ssize_t v = va_arg(*b->va, Mini_ssize_t);
        if (b->failed) return NULL;
        result = MiniLong_FromSsize_t(v);
        break;
    }
    case 'd': case 'f': {
        double v = va_arg(*b->va, double);
        if (b->failed) return NULL;
        result = MiniFloat_FromDouble(v);
        break;
    }
    case 'p': {
        int v = va_arg(*b->va, int);
        if (b->failed) return NULL;
        result = MiniBool_FromLong(v);
        break;
    }
    case 'c': {  /* an int as a bytes object of length 1 */
        char v = (char)va_arg(*b->va, int);
        if (b->failed) return NULL;
        result = MiniBytes_FromStringAndSize(&v, 1);
        break;
    }
    case 'C': {  /* an int code point as a str of length 1 */
        int v = va_arg(*b->va, int);
        if (b->failed) return NULL;
        result = char_object(v);
        break;
    }
    case 's': case 'z': case 'y': {
        const char *s = va_arg(*b->va, const char *);
        Mini_ssize_t n = -1;
        if (*b->f == '#') {
            b->f++;
            n = va_arg(*b->va, Mini_ssize_t);
        }
        if (b->failed) return NULL;
        result = text_or_none(s, n, c == 'y');
        break;
    }
    case 'N': case 'O': case 'S': {
        if (c == 'O' && *b->f == '&') {
            b->f++;
            MiniObject *(*converter)(void *) = va_arg(*b->va, MiniObject *(*)(void *));
            void *arg = va_arg(*b->va, void *);
            if (b->failed) return NULL;
            result = converter(arg);
            break;
        }
        MiniObject *o = va_arg(*b->va, MiniObject *);
        if (b->failed) {
            if (c == 'N') Mini_XDECREF(o);
            return NULL;
        }
        if (o == NULL) {
            if (MiniErr_Occurred() == NULL) {
                MiniErr_SetString(MiniExc_SystemError, "NULL object passed to Mini_BuildValue");
            }
            return fail(b);
        }
        result = c == 'N' ? o : Mini_NewRef(o);
        break;
    }
    default:
        /* The argument types after an unknown unit cannot be known: N references that follow
         * it cannot be released. */
        b->f--;
        if (!b->failed) {
            MiniErr_Format(MiniExc_SystemError, "bad format char '%c' passed to Mini_BuildValue", c);
        }
        b->failed = 1;
        b->f += strlen(b->f);  /* stop walking */
        return NULL;
    }
    if (result == NULL) b->failed = 1;
    return result;
}

/* Builds an object from format and the C values that follow (units in mini/modsupport.h). One
 * top-level unit gives that object, several give a tuple, none gives None. New reference, or
 * NULL with an exception (SystemError for a bad format, MemoryError, ValueError for a bad C
 * character); references passed with N are stolen whether or not it succeeds. Requires the GIL. */
MiniObject *Mini_BuildValue(const char *format, ...)
{
    MINI_CHECK_GIL("Mini_BuildValue");
    if (format == NULL) {
        MiniErr_BadInternalCall();
        return NULL;
    }
    va_list va;
    va_start(va, format);
    Builder b = {.f = format, .va = &va, .failed = 0};
    MiniObject *result = NULL;
    Mini_ssize_t n = count_items(format, '\0');
    if (n < 0) {
        /* Unbalanced: still consume what can be consumed, to release N references. */
        MiniObject *exc = MiniErr_GetRaisedException();
        b.failed = 1;
        while (*b.f != '\0') {
            if (strchr("()[]{}", *b.f) != NULL || is_separator(*b.f)) b.f++;
            else (void)build_item(&b);
        }
        MiniErr_SetRaisedException(exc);
    } else if (n == 0) {
        result = Mini_NewRef(Mini_None);
    } else if (n == 1) {
        result = build_item(&b);
    } else {
        result = MiniTuple_New(n);
        if (result == NULL) b.failed = 1;
        for (Mini_ssize_t i = 0; i < n; i++) {
            MiniObject *item = build_item(&b);
            if (result == NULL) {
                Mini_XDECREF(item);
            } else if (item == NULL) {
                for (Mini_ssize_t k = i; k < n; k++) MiniTuple_SET_ITEM(result, k, Mini_NewRef(Mini_None));
                Mini_CLEAR(result);
            } else {
                MiniTuple_SET_ITEM(result, i, item);
            }
        }
    }
    va_end(va);
    return result;
}
