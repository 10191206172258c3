/* Objects/unicode_format.c: str.format() / str.format_map() and the format() builtin's entry point.
 *
 * The template is literal text with {{ and }} escapes and replacement fields
 *     { [arg_name] (.attribute | [index])* [!r|!s|!a] [:format_spec] }
 * where arg_name is a position, a keyword, or empty for automatic numbering (which cannot be
 * mixed with explicit positions), and format_spec may itself contain {} fields. Each value is
 * formatted by format() (Python/formatter_unicode.c: a __format__ method, else the format
 * specification mini-language for int, float and str), so str.format, format() and f-strings
 * all agree. Errors use CPython's messages ("Replacement index 1 out of range for positional
 * args tuple", "Single '}' encountered in format string", ...). */
#include "mini.h"
#include "formatter_internal.h"
#include "lib_internal.h"
#include "unicodeobject_internal.h"

#include <string.h>

typedef struct {
    MiniObject *args;        /* tuple */
    MiniObject *kwargs;      /* mapping or NULL */
    Mini_ssize_t auto_index; /* next automatic position; -1 once manual numbering is used */
    int manual;              /* an explicit position was used */
} FormatState;

/* The object an arg_name (s[0..n)) designates, before attributes and indexes. New reference. */
static MiniObject *lookup_arg(FormatState *st, const char *s, Mini_ssize_t n) {
    int numeric = n > 0;
    for (Mini_ssize_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') numeric = 0;
    if (n == 0 || numeric) {
        Mini_ssize_t index;
        if (n == 0) {
            if (st->manual)
                return MiniErr_Format(MiniExc_ValueError, "cannot switch from manual field specification to "
                                      "automatic field numbering");
            index = st->auto_index++;
        } else {
            if (st->auto_index > 0)
                return MiniErr_Format(MiniExc_ValueError, "cannot switch from automatic field numbering to "
                                      "manual field specification");
            st->manual = 1;
            index = 0;
            for (Mini_ssize_t i = 0; i < n; i++) index = index * 10 + (s[i] - '0');
        }
        if (index >= MiniTuple_GET_SIZE(st->args))
            return MiniErr_Format(MiniExc_IndexError, "Replacement index %zd out of range for positional args tuple",
                                  index);
        return Mini_NewRef(MiniTuple_GET_ITEM(st->args, index));
    }
    MiniObject *key = MiniUnicode_FromStringAndSize(s, n);
    if (key == NULL) return NULL;
    MiniObject *v = NULL;
    if (st->kwargs == NULL) {
        MiniObject *t = MiniTuple_Pack(1, key);
        if (t != NULL) { MiniErr_SetObject(MiniExc_KeyError, t); Mini_DECREF(t); }
    } else {
        v = MiniObject_GetItem(st->kwargs, key);
    }
    Mini_DECREF(key);
    return v;
}

/* Resolves a whole field name (arg_name plus .attr and [index] parts). New reference. */
static MiniObject *resolve_field(FormatState *st, const char *s, Mini_ssize_t n) {
    Mini_ssize_t i = 0;
    while (i < n && s[i] != '.' && s[i] != '[') i++;
    MiniObject *obj = lookup_arg(st, s, i);
    while (obj != NULL && i < n) {
        MiniObject *next;
        if (s[i] == '.') {
            Mini_ssize_t j = ++i;
            while (i < n && s[i] != '.' && s[i] != '[') i++;
            if (i == j) {
                Mini_DECREF(obj);
                return MiniErr_Format(MiniExc_ValueError, "Empty attribute in format string");
            }
            MiniObject *name = MiniUnicode_FromStringAndSize(s + j, i - j);
            next = name ? MiniObject_GetAttr(obj, name) : NULL;
            Mini_XDECREF(name);
        } else if (s[i] == '[') {
            Mini_ssize_t j = ++i;
            while (i < n && s[i] != ']') i++;
            if (i >= n) {
                Mini_DECREF(obj);
                return MiniErr_Format(MiniExc_ValueError, "Missing ']' in format string");
            }
            if (i == j) {
                Mini_DECREF(obj);
                return MiniErr_Format(MiniExc_ValueError, "Empty attribute in format string");
            }
            int numeric = 1;
            for (Mini_ssize_t k = j; k < i; k++)
                if (s[k] < '0' || s[k] > '9') numeric = 0;
            MiniObject *key;
            if (numeric) {
                Mini_ssize_t v = 0;
                for (Mini_ssize_t k = j; k < i; k++) v = v * 10 + (s[k] - '0');
                key = MiniLong_FromSsize_t(v);
            } else {
                key = MiniUnicode_FromStringAndSize(s + j, i - j);
            }
            next = key ? MiniObject_GetItem(obj, key) : NULL;
            Mini_XDECREF(key);
            i++;
            if (i < n && s[i] != '.' && s[i] != '[') {
                Mini_XDECREF(next);
                Mini_DECREF(obj);
                return MiniErr_Format(MiniExc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
            }
        } else {
            Mini_DECREF(obj);
            return MiniErr_Format(MiniExc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        }
        Mini_DECREF(obj);
        obj = next;
    }
    return obj;
}

static int render(FormatState *st, const char *s, Mini_ssize_t n, _MiniStrBuf *out, int depth);

/* Formats one replacement field s[0..n) (between the braces) into out. 0 / -1. */
static int render_field(FormatState *st, const char *s, Mini_ssize_t n, _MiniStrBuf *out, int depth) {
    /* Split into name, conversion and spec: the first ! or : outside brackets ends the name. */
    Mini_ssize_t i = 0, bracket = 0;
    while (i < n) {
        if (s[i] == '[') bracket = 1;
        else if (s[i] == ']') bracket = 0;
        else if (!bracket && (s[i] == '!' || s[i] == ':')) break;
        i++;
    }
    Mini_ssize_t name_len = i;
    char conv = 0;
    if (i < n && s[i] == '!') {
        if (i + 1 >= n) {
            MiniErr_SetString(MiniExc_ValueError, "end of string while looking for conversion specifier");
            return -1;
        }
        conv = s[i + 1];
        i += 2;
        if (i < n && s[i] != ':') {
            MiniErr_SetString(MiniExc_ValueError, "expected ':' after conversion specifier");
            return -1;
        }
    }
    const char *spec = i < n ? s + i + 1 : s + n;
    Mini_ssize_t spec_len = i < n ? n - i - 1 : 0;
    MiniObject *value = resolve_field(st, s, name_len);
    if (value == NULL) return -1;
    if (conv != 0) {
        MiniObject *c;
        if (conv == 'r') c = MiniObject_Repr(value);
        else if (conv == 's') c = MiniObject_Str(value);
        else if (conv == 'a') c = _MiniUnicode_Ascii(value);
        else {
            Mini_DECREF(value);
            MiniErr_Format(MiniExc_ValueError, "Unknown conversion specifier %c", conv);
            return -1;
        }
        Mini_DECREF(value);
        if ((value = c) == NULL) return -1;
    }
    /* The spec may hold nested fields: render it first. */
    MiniObject *specobj;
    if (memchr(spec, '{', (size_t)spec_len) != NULL) {
        if (depth >= 2) {
            Mini_DECREF(value);
            MiniErr_SetString(MiniExc_ValueError, "Max string recursion exceeded");
            return -1;
        }
        _MiniStrBuf sb;
        _MiniStrBuf_Init(&sb);
        if (render(st, spec, spec_len, &sb, depth + 1) < 0) {
            _MiniStrBuf_Discard(&sb);
            Mini_DECREF(value);
            return -1;
        }
        specobj = _MiniStrBuf_Finish(&sb);
    } else {
        specobj = _MiniUnicode_FromUTF8Unchecked(spec, spec_len);
    }
    if (specobj == NULL) { Mini_DECREF(value); return -1; }
    MiniObject *text = _MiniLib_FormatValue(value, specobj);
    Mini_DECREF(specobj);
    Mini_DECREF(value);
    if (text == NULL) return -1;
    int r = _MiniStrBuf_AppendStr(out, text);
    Mini_DECREF(text);
    return r;
}

/* The index of the '}' that ends the replacement field starting at s[j] (just after its '{'), or
 * -1 with CPython's ValueError, scanning as CPython's parse_field does: the name runs to '!', ':'
 * or '}' ('[' skips to its ']'; a '{' is an error), a conversion is one character, a spec counts
 * nested braces to its matching '}'. (Counting braces from the start made '{1{0}}' a KeyError for
 * '1{0' and '{0[{]}' unterminated; found by fuzz_capi.) */
static Mini_ssize_t field_end(const char *s, Mini_ssize_t n, Mini_ssize_t j) {
    const char *err;
    if (j >= n) { err = "Single '{' encountered in format string"; goto fail; }
    while (j < n && s[j] != '}' && s[j] != ':' && s[j] != '!') {
        if (s[j] == '{') { err = "unexpected '{' in field name"; goto fail; }
        if (s[j] == '[') while (j + 1 < n && s[j + 1] != ']') j++;
        j++;
    }
    if (j >= n) { err = "expected '}' before end of string"; goto fail; }
    if (s[j] == '}') return j;
    if (s[j] == '!') {
        if (j + 1 >= n) { err = "end of string while looking for conversion specifier"; goto fail; }
        j += 2;
        if (j < n && s[j] == '}') return j;
        if (j < n && s[j] != ':') { err = "expected ':' after conversion specifier"; goto fail; }
    }
    for (Mini_ssize_t level = 1, k = j + 1; k < n; k++) {
        if (s[k] == '{') level++;
        else if (s[k] == '}' && --level == 0) return k;
    }
    err = "unmatched '{' in format spec";
fail:
    MiniErr_SetString(MiniExc_ValueError, err);
    return -1;
}

static int render(FormatState *st, const char *s, Mini_ssize_t n, _MiniStrBuf *out, int depth) {
    Mini_ssize_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '}') {
            if (i + 1 < n && s[i + 1] == '}') { _MiniStrBuf_AppendChar(out, '}'); i += 2; continue; }
            MiniErr_SetString(MiniExc_ValueError, "Single '}' encountered in format string");
            return -1;
        }
        if (c != '{') {
            Mini_ssize_t j = i;
            while (j < n && s[j] != '{' && s[j] != '}') j++;
            _MiniStrBuf_Append(out, s + i, (size_t)(j - i));
            i = j;
            continue;
        }
        if (i + 1 < n && s[i + 1] == '{') { _MiniStrBuf_AppendChar(out, '{'); i += 2; continue; }
        Mini_ssize_t j = field_end(s, n, i + 1);
        if (j < 0) return -1;
        if (render_field(st, s + i + 1, j - i - 1, out, depth) < 0) return -1;
        i = j + 1;
    }
    return 0;
}

MiniObject *_MiniUnicode_FormatMethod(MiniObject *format, MiniObject *args, MiniObject *kwargs) {
    FormatState st = { args, kwargs, 0, 0 };
    _MiniStrBuf out;
    _MiniStrBuf_Init(&out);
    if (render(&st, _MiniUnicode_DATA(format), Mini_SIZE(format), &out, 0) < 0) {
        _MiniStrBuf_Discard(&out);
        return NULL;
    }
    return _MiniStrBuf_Finish(&out);
}
