/* Modules/jsonmodule.c: `_json`, the C half of Lib/json (as CPython's _json accelerates its
 * json package): a scanner for json.loads and an encoder for json.dumps. The Python code in
 * Lib/json/decoder.py and encoder.py stays the reference and the fallback: it is used when this
 * module is missing, and the encoder's indent= output is still written there.
 *
 *   scan(s, idx, whole, ctx) -> (value, end)
 *       Decodes the JSON value starting at code point idx of the str s. With whole true, leading
 *       and trailing whitespace is skipped and anything after the value is "Extra data".
 *       ctx = (strict, object_hook, object_pairs_hook, parse_float, parse_int, parse_constant,
 *       JSONDecodeError); a hook that is None means the built-in behaviour. Errors are raised as
 *       JSONDecodeError(msg, s, pos) with CPython 3.11's messages and positions (the rules of
 *       Modules/_json.c: "Expecting value" where a value should start, surrogate pairs only
 *       when the second escape fits, exponents backtracked when they have no digits).
 *   encode(obj, check_circular, allow_nan, sort_keys, skipkeys, ensure_ascii, key_separator,
 *          item_separator, default) -> str
 *       The whole document without indentation, as JSONEncoder.encode writes it.
 *
 * The kit's str is UTF-8 with a cached code-point count, so the scanner walks bytes and turns a
 * byte offset into a code-point position only when it reports an error or returns `end`. The
 * kit's str cannot hold lone surrogates: a \uD800 escape without its pair raises JSONDecodeError
 * "Lone surrogate ... is not supported by MiniPy" (CPython would return a str holding it).
 * Neither function keeps state between calls; both run with the caller attached (GIL held, or
 * free-threaded with a thread state) and lists/dicts are read through their own locked APIs. */
#include "stdlib_internal.h"
#include "lib_internal.h"
#include "unicodeobject_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----- a growable byte buffer ------------------------------------------------------------------- */

typedef struct {
    char *p;
    Mini_ssize_t n, cap;
    char small[256];
} Buf;

static void buf_init(Buf *b) { b->p = b->small; b->n = 0; b->cap = (Mini_ssize_t)sizeof b->small; }
static void buf_free(Buf *b) { if (b->p != b->small) MiniMem_Free(b->p); }

static int buf_grow(Buf *b, Mini_ssize_t extra) {
    Mini_ssize_t need = b->n + extra, cap = b->cap;
    while (cap < need) cap = cap * 2;
    char *p = b->p == b->small ? MiniMem_Malloc((size_t)cap) : MiniMem_Realloc(b->p, (size_t)cap);
    if (p == NULL) { MiniErr_NoMemory(); return -1; }
    if (b->p == b->small) memcpy(p, b->small, (size_t)b->n);
    b->p = p;
    b->cap = cap;
    return 0;
}

static inline int buf_put(Buf *b, const char *s, Mini_ssize_t n) {
    if (b->n + n > b->cap && buf_grow(b, n) < 0) return -1;
    memcpy(b->p + b->n, s, (size_t)n);
    b->n += n;
    return 0;
}

static inline int buf_putc(Buf *b, char c) {
    if (b->n + 1 > b->cap && buf_grow(b, 1) < 0) return -1;
    b->p[b->n++] = c;
    return 0;
}

static int buf_puts(Buf *b, const char *s) { return buf_put(b, s, (Mini_ssize_t)strlen(s)); }

/* ===== the scanner ================================================================================== */

typedef struct {
    MiniObject *doc;               /* the str being decoded (borrowed) */
    const char *s;                 /* its UTF-8 bytes */
    Mini_ssize_t n;                /* byte length */
    int ascii;                     /* byte offsets are code-point positions */
    int strict;
    MiniObject *object_hook, *pairs_hook, *parse_float, *parse_int, *parse_constant, *errcls;  /* NULL: built in */
    MiniObject *memo;              /* dict: keys seen in this document (one str object per key) */
    Buf scratch;                   /* strings with escapes are assembled here */
    Mini_ssize_t lone_at;          /* offset of the first lone-surrogate escape of the current string, or -1 */
    uint32_t lone_cp;
} Scanner;

/* The code-point position of byte offset off. */
static Mini_ssize_t char_pos(Scanner *sc, Mini_ssize_t off) {
    if (sc->ascii) return off;
    return _MiniUnicode_CountCodePoints(sc->s, off);
}

/* Raises errcls(msg, doc, position of byte offset off). Returns NULL. */
static MiniObject *scan_error(Scanner *sc, const char *msg, Mini_ssize_t off) {
    MiniObject *m = MiniUnicode_FromString(msg);
    MiniObject *pos = m ? MiniLong_FromSsize_t(char_pos(sc, off)) : NULL;
    MiniObject *exc = pos ? MiniObject_CallFunctionObjArgs(sc->errcls, m, sc->doc, pos, NULL) : NULL;
    Mini_XDECREF(m);
    Mini_XDECREF(pos);
    if (exc != NULL) {
        MiniErr_SetObject((MiniObject *)Mini_TYPE(exc), exc);
        Mini_DECREF(exc);
    }
    return NULL;
}

static inline int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static inline int is_digit(char c) { return c >= '0' && c <= '9'; }

static Mini_ssize_t skip_ws(Scanner *sc, Mini_ssize_t i) {
    while (i < sc->n && is_ws(sc->s[i])) i++;
    return i;
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Four hex digits at p as a code unit, or -1. */
static int hex4(const char *p) {
    int v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hex_value(p[k]);
        if (h < 0) return -1;
        v = (v << 4) | h;
    }
    return v;
}

/* One escape at byte i (s[i] == '\\') appended to the scratch buffer as UTF-8; *next is set to
 * the byte after it. begin is the opening quote's offset (for "Unterminated string"). */
static int scan_escape(Scanner *sc, Mini_ssize_t i, Mini_ssize_t begin, Mini_ssize_t *next) {
    const char *s = sc->s;
    Mini_ssize_t n = sc->n, j = i + 1;
    if (j >= n) { scan_error(sc, "Unterminated string starting at", begin); return -1; }
    char c = s[j];
    if (c != 'u') {
        char out;
        switch (c) {
        case '"': out = '"'; break;
        case '\\': out = '\\'; break;
        case '/': out = '/'; break;
        case 'b': out = '\b'; break;
        case 'f': out = '\f'; break;
        case 'n': out = '\n'; break;
        case 'r': out = '\r'; break;
        case 't': out = '\t'; break;
        default: scan_error(sc, "Invalid \\escape", i); return -1;
        }
        *next = j + 1;
        return buf_putc(&sc->scratch, out);
    }
    /* \uXXXX: CPython wants a character after the four digits (the closing quote at least). */
    Mini_ssize_t end = j + 1 + 4;
    if (end >= n) { scan_error(sc, "Invalid \\uXXXX escape", j); return -1; }
    int cu = hex4(s + j + 1);
    if (cu < 0) { scan_error(sc, "Invalid \\uXXXX escape", j); return -1; }
    uint32_t cp = (uint32_t)cu;
    if (cp >= 0xD800 && cp <= 0xDBFF && end + 6 < n && s[end] == '\\' && s[end + 1] == 'u') {
        int lo = hex4(s + end + 2);
        if (lo < 0) { scan_error(sc, "Invalid \\uXXXX escape", end + 1); return -1; }
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + (((cp - 0xD800) << 10) | ((uint32_t)lo - 0xDC00));
            end += 6;
        }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
        /* Reported when the string ends, so that errors later in it win, as they do in CPython. */
        if (sc->lone_at < 0) { sc->lone_at = i; sc->lone_cp = cp; }
        cp = 0xFFFD;
    }
    char utf8[4];
    *next = end;
    return buf_put(&sc->scratch, utf8, _MiniUnicode_EncodeUTF8(cp, utf8));
}

/* The string whose opening quote is at byte begin; *next: the byte after the closing quote. */
static MiniObject *scan_string(Scanner *sc, Mini_ssize_t begin, Mini_ssize_t *next) {
    const char *s = sc->s;
    Mini_ssize_t n = sc->n, i = begin + 1, chunk = i;
    int escaped = 0;
    for (;;) {
        while (i < n) {
            unsigned char c = (unsigned char)s[i];
            if (c == '"' || c == '\\') break;
            if (c < 0x20 && sc->strict) return scan_error(sc, "Invalid control character at", i);
            i++;
        }
        if (i >= n) return scan_error(sc, "Unterminated string starting at", begin);
        if (s[i] == '"') {
            *next = i + 1;
            if (sc->lone_at >= 0) {
                char msg[80];
                snprintf(msg, sizeof msg, "Lone surrogate \\u%04x is not supported by MiniPy", (unsigned)sc->lone_cp);
                Mini_ssize_t at = sc->lone_at;
                sc->lone_at = -1;
                return scan_error(sc, msg, at);
            }
            if (!escaped) return _MiniUnicode_FromUTF8Unchecked(s + chunk, i - chunk);
            if (buf_put(&sc->scratch, s + chunk, i - chunk) < 0) return NULL;
            return _MiniUnicode_FromUTF8Unchecked(sc->scratch.p, sc->scratch.n);
        }
        if (!escaped) { sc->scratch.n = 0; escaped = 1; }
        if (buf_put(&sc->scratch, s + chunk, i - chunk) < 0) return NULL;
        if (scan_escape(sc, i, begin, &i) < 0) return NULL;
        chunk = i;
    }
}

static MiniObject *scan_value(Scanner *sc, Mini_ssize_t i, Mini_ssize_t *next);

/* A number at byte start (CPython's _match_number_unicode); NULL without an exception set when
 * there is no number there (the caller reports "Expecting value"). */
static MiniObject *scan_number(Scanner *sc, Mini_ssize_t start, Mini_ssize_t *next) {
    const char *s = sc->s;
    Mini_ssize_t n = sc->n, i = start;
    if (s[i] == '-') {
        i++;
        if (i >= n) return NULL;
    }
    if (s[i] >= '1' && s[i] <= '9') {
        i++;
        while (i < n && is_digit(s[i])) i++;
    } else if (s[i] == '0') {
        i++;
    } else {
        return NULL;
    }
    int is_float = 0;
    if (i < n - 1 && s[i] == '.' && is_digit(s[i + 1])) {
        is_float = 1;
        i += 2;
        while (i < n && is_digit(s[i])) i++;
    }
    if (i < n - 1 && (s[i] == 'e' || s[i] == 'E')) {
        Mini_ssize_t e = i++;
        if (i < n - 1 && (s[i] == '-' || s[i] == '+')) i++;
        while (i < n && is_digit(s[i])) i++;
        if (is_digit(s[i - 1])) is_float = 1;
        else i = e;
    }
    *next = i;
    MiniObject *hook = is_float ? sc->parse_float : sc->parse_int;
    if (hook != NULL) {
        MiniObject *text = _MiniUnicode_FromUTF8Unchecked(s + start, i - start);
        if (text == NULL) return NULL;
        MiniObject *r = MiniObject_CallOneArg(hook, text);
        Mini_DECREF(text);
        return r;
    }
    char small[64], *tmp = small;
    Mini_ssize_t len = i - start;
    if (len >= (Mini_ssize_t)sizeof small && (tmp = MiniMem_Malloc((size_t)len + 1)) == NULL) return MiniErr_NoMemory();
    memcpy(tmp, s + start, (size_t)len);
    tmp[len] = '\0';
    MiniObject *r;
    if (is_float) {
        r = MiniFloat_FromDouble(strtod(tmp, NULL));
    } else if (len < 18) {
        r = MiniLong_FromLongLong(strtoll(tmp, NULL, 10));
    } else {
        r = MiniLong_FromString(tmp, NULL, 10);
    }
    if (tmp != small) MiniMem_Free(tmp);
    return r;
}

static MiniObject *constant(Scanner *sc, const char *name) {
    if (sc->parse_constant != NULL) {
        MiniObject *text = MiniUnicode_FromString(name);
        if (text == NULL) return NULL;
        MiniObject *r = MiniObject_CallOneArg(sc->parse_constant, text);
        Mini_DECREF(text);
        return r;
    }
    if (name[0] == 'N') return MiniFloat_FromDouble(NAN);
    return MiniFloat_FromDouble(name[0] == '-' ? -INFINITY : INFINITY);
}

/* Builds the object from its pairs (a list of 2-tuples) through the hooks. Steals pairs. */
static MiniObject *finish_pairs(Scanner *sc, MiniObject *pairs) {
    MiniObject *r = MiniObject_CallOneArg(sc->pairs_hook, pairs);
    Mini_DECREF(pairs);
    return r;
}

static MiniObject *scan_object(Scanner *sc, Mini_ssize_t i, Mini_ssize_t *next) {
    const char *s = sc->s;
    Mini_ssize_t n = sc->n;
    MiniObject *result = sc->pairs_hook != NULL ? MiniList_New(0) : MiniDict_New();
    if (result == NULL) return NULL;
    i = skip_ws(sc, i);
    if (i >= n || s[i] != '}') {
        for (;;) {
            if (i >= n || s[i] != '"') {
                scan_error(sc, "Expecting property name enclosed in double quotes", i);
                goto fail;
            }
            MiniObject *key = scan_string(sc, i, &i), *memokey;
            if (key == NULL) goto fail;
            if (MiniDict_SetDefaultRef(sc->memo, key, key, &memokey) < 0) { Mini_DECREF(key); goto fail; }
            Mini_DECREF(key);
            key = memokey;
            i = skip_ws(sc, i);
            if (i >= n || s[i] != ':') {
                Mini_DECREF(key);
                scan_error(sc, "Expecting ':' delimiter", i);
                goto fail;
            }
            i = skip_ws(sc, i + 1);
            MiniObject *value = scan_value(sc, i, &i);
            if (value == NULL) { Mini_DECREF(key); goto fail; }
            int rc;
            if (sc->pairs_hook != NULL) {
                MiniObject *pair = MiniTuple_Pack(2, key, value);
                rc = pair == NULL ? -1 : MiniList_Append(result, pair);
                Mini_XDECREF(pair);
            } else {
                rc = MiniDict_SetItem(result, key, value);
            }
            Mini_DECREF(key);
            Mini_DECREF(value);
            if (rc < 0) goto fail;
            i = skip_ws(sc, i);
            if (i < n && s[i] == '}') break;
            if (i >= n || s[i] != ',') {
                scan_error(sc, "Expecting ',' delimiter", i);
                goto fail;
            }
            i = skip_ws(sc, i + 1);
        }
    }
    *next = i + 1;
    if (sc->pairs_hook != NULL) return finish_pairs(sc, result);
    if (sc->object_hook != NULL) {
        MiniObject *r = MiniObject_CallOneArg(sc->object_hook, result);
        Mini_DECREF(result);
        return r;
    }
    return result;
fail:
    Mini_DECREF(result);
    return NULL;
}

static MiniObject *scan_array(Scanner *sc, Mini_ssize_t i, Mini_ssize_t *next) {
    const char *s = sc->s;
    Mini_ssize_t n = sc->n;
    MiniObject *result = MiniList_New(0);
    if (result == NULL) return NULL;
    i = skip_ws(sc, i);
    if (i >= n || s[i] != ']') {
        for (;;) {
            MiniObject *value = scan_value(sc, i, &i);
            if (value == NULL) goto fail;
            int rc = MiniList_Append(result, value);
            Mini_DECREF(value);
            if (rc < 0) goto fail;
            i = skip_ws(sc, i);
            if (i < n && s[i] == ']') break;
            if (i >= n || s[i] != ',') {
                scan_error(sc, "Expecting ',' delimiter", i);
                goto fail;
            }
            i = skip_ws(sc, i + 1);
        }
    }
    *next = i + 1;
    return result;
fail:
    Mini_DECREF(result);
    return NULL;
}

static int word_at(Scanner *sc, Mini_ssize_t i, const char *w, Mini_ssize_t len) {
    return i + len <= sc->n && memcmp(sc->s + i, w, (size_t)len) == 0;
}

/* The value starting at byte i; *next: the byte after it. NULL with an exception. */
static MiniObject *scan_value(Scanner *sc, Mini_ssize_t i, Mini_ssize_t *next) {
    if (i >= sc->n) return scan_error(sc, "Expecting value", i);
    MiniObject *r;
    switch (sc->s[i]) {
    case '"':
        return scan_string(sc, i, next);
    case '{':
        if (Mini_EnterRecursiveCall(" while decoding a JSON object from a unicode string")) return NULL;
        r = scan_object(sc, i + 1, next);
        Mini_LeaveRecursiveCall();
        return r;
    case '[':
        if (Mini_EnterRecursiveCall(" while decoding a JSON array from a unicode string")) return NULL;
        r = scan_array(sc, i + 1, next);
        Mini_LeaveRecursiveCall();
        return r;
    case 'n':
        if (word_at(sc, i, "null", 4)) { *next = i + 4; return Mini_NewRef(Mini_None); }
        break;
    case 't':
        if (word_at(sc, i, "true", 4)) { *next = i + 4; return Mini_NewRef(Mini_True); }
        break;
    case 'f':
        if (word_at(sc, i, "false", 5)) { *next = i + 5; return Mini_NewRef(Mini_False); }
        break;
    case 'N':
        if (word_at(sc, i, "NaN", 3)) { *next = i + 3; return constant(sc, "NaN"); }
        break;
    case 'I':
        if (word_at(sc, i, "Infinity", 8)) { *next = i + 8; return constant(sc, "Infinity"); }
        break;
    case '-':
        if (word_at(sc, i, "-Infinity", 9)) { *next = i + 9; return constant(sc, "-Infinity"); }
        break;
    default:
        break;
    }
    r = scan_number(sc, i, next);
    if (r == NULL && !MiniErr_Occurred()) return scan_error(sc, "Expecting value", i);
    return r;
}

/* Byte offset of code point idx of the scanner's document (idx <= length). */
static Mini_ssize_t byte_offset(Scanner *sc, Mini_ssize_t idx) {
    if (sc->ascii) return idx;
    Mini_ssize_t off = 0;
    while (idx > 0 && off < sc->n) {
        int len;
        (void)_MiniUnicode_DecodeUTF8(sc->s + off, &len);
        off += len;
        idx--;
    }
    return off;
}

static MiniObject *none_to_null(MiniObject *o) { return o == Mini_None ? NULL : o; }

static MiniObject *json_scan(MiniObject *self, MiniObject *args) {
    (void)self;
    MiniObject *doc, *ctx;
    Mini_ssize_t idx;
    int whole;
    if (!MiniArg_ParseTuple(args, "OnpO!:scan", &doc, &idx, &whole, &MiniTuple_Type, &ctx)) return NULL;
    if (!MiniUnicode_Check(doc))
        return MiniErr_Format(MiniExc_TypeError, "first argument must be a string, not %.80s", MiniType_Name(Mini_TYPE(doc)));
    if (MiniTuple_GET_SIZE(ctx) != 7) return MiniErr_Format(MiniExc_TypeError, "scan() ctx must be a 7-tuple");
    if (idx < 0) return MiniErr_Format(MiniExc_ValueError, "idx cannot be negative");
    Scanner sc;
    sc.doc = doc;
    sc.s = _MiniUnicode_DATA(doc);
    sc.n = _MiniUnicode_NBYTES(doc);
    sc.ascii = ((MiniUnicodeObject *)doc)->ascii;
    sc.strict = MiniObject_IsTrue(MiniTuple_GET_ITEM(ctx, 0));
    if (sc.strict < 0) return NULL;
    sc.object_hook = none_to_null(MiniTuple_GET_ITEM(ctx, 1));
    sc.pairs_hook = none_to_null(MiniTuple_GET_ITEM(ctx, 2));
    sc.parse_float = none_to_null(MiniTuple_GET_ITEM(ctx, 3));
    sc.parse_int = none_to_null(MiniTuple_GET_ITEM(ctx, 4));
    sc.parse_constant = none_to_null(MiniTuple_GET_ITEM(ctx, 5));
    sc.errcls = MiniTuple_GET_ITEM(ctx, 6);
    if (sc.parse_float == (MiniObject *)&MiniFloat_Type) sc.parse_float = NULL;
    if (sc.parse_int == (MiniObject *)&MiniLong_Type) sc.parse_int = NULL;
    if ((sc.memo = MiniDict_New()) == NULL) return NULL;
    buf_init(&sc.scratch);
    sc.lone_at = -1;
    sc.lone_cp = 0;
    Mini_ssize_t start = idx > _MiniUnicode_LENGTH(doc) ? sc.n + 1 : byte_offset(&sc, idx), end = 0;
    MiniObject *value = NULL, *result = NULL;
    if (whole) start = skip_ws(&sc, start);
    if (start > sc.n) {   /* idx past the end: CPython reports idx itself */
        sc.ascii = 1;   /* so that the position is idx itself */
        scan_error(&sc, "Expecting value", idx);
    } else {
        value = scan_value(&sc, start, &end);
    }
    if (value != NULL && whole) {
        end = skip_ws(&sc, end);
        if (end != sc.n) {
            Mini_CLEAR(value);
            scan_error(&sc, "Extra data", end);
        }
    }
    if (value != NULL) {
        if (whole) result = value;
        else {
            MiniObject *e = MiniLong_FromSsize_t(char_pos(&sc, end));
            result = e ? MiniTuple_Pack(2, value, e) : NULL;
            Mini_XDECREF(e);
            Mini_DECREF(value);
        }
    }
    buf_free(&sc.scratch);
    Mini_DECREF(sc.memo);
    return result;
}

/* ===== the encoder ================================================================================== */

typedef struct {
    Buf out;
    int check_circular, allow_nan, sort_keys, skipkeys, ensure_ascii;
    const char *key_sep, *item_sep;
    Mini_ssize_t key_sep_n, item_sep_n;
    MiniObject *defaultfn;
    MiniObject **open;             /* containers being encoded (the circular-reference check) */
    Mini_ssize_t nopen, capopen;
} Encoder;

static const char HEX[] = "0123456789abcdef";

static int put_u_escape(Buf *b, uint32_t cu) {
    char e[6] = {'\\', 'u', HEX[(cu >> 12) & 15], HEX[(cu >> 8) & 15], HEX[(cu >> 4) & 15], HEX[cu & 15]};
    return buf_put(b, e, 6);
}

/* The JSON string literal of the UTF-8 text s[0..n). */
static int encode_str_bytes(Encoder *enc, const char *s, Mini_ssize_t n) {
    Buf *b = &enc->out;
    if (buf_putc(b, '"') < 0) return -1;
    Mini_ssize_t i = 0, chunk = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7f) { i++; continue; }
        if (c >= 0x80 && !enc->ensure_ascii) { i++; continue; }
        if (c == 0x7f && !enc->ensure_ascii) { i++; continue; }
        if (buf_put(b, s + chunk, i - chunk) < 0) return -1;
        int len = 1;
        int rc;
        switch (c) {
        case '"': rc = buf_put(b, "\\\"", 2); break;
        case '\\': rc = buf_put(b, "\\\\", 2); break;
        case '\n': rc = buf_put(b, "\\n", 2); break;
        case '\r': rc = buf_put(b, "\\r", 2); break;
        case '\t': rc = buf_put(b, "\\t", 2); break;
        case '\b': rc = buf_put(b, "\\b", 2); break;
        case '\f': rc = buf_put(b, "\\f", 2); break;
        default:
            if (c < 0x80) rc = put_u_escape(b, c);
            else {
                uint32_t cp = _MiniUnicode_DecodeUTF8(s + i, &len);
                if (cp >= 0x10000) {
                    cp -= 0x10000;
                    rc = put_u_escape(b, 0xD800 | ((cp >> 10) & 0x3ff));
                    if (rc == 0) rc = put_u_escape(b, 0xDC00 | (cp & 0x3ff));
                } else {
                    rc = put_u_escape(b, cp);
                }
            }
        }
        if (rc < 0) return -1;
        i += len;
        chunk = i;
    }
    if (buf_put(b, s + chunk, n - chunk) < 0) return -1;
    return buf_putc(b, '"');
}

static int encode_str(Encoder *enc, MiniObject *s) {
    return encode_str_bytes(enc, _MiniUnicode_DATA(s), _MiniUnicode_NBYTES(s));
}

/* Appends the str r (new reference, may be NULL) and drops it. */
static int put_repr(Encoder *enc, MiniObject *r) {
    if (r == NULL) return -1;
    int rc = buf_put(&enc->out, _MiniUnicode_DATA(r), _MiniUnicode_NBYTES(r));
    Mini_DECREF(r);
    return rc;
}

static int encode_float(Encoder *enc, MiniObject *o) {
    double x = MiniFloat_AS_DOUBLE(o);
    if (!isfinite(x)) {
        if (!enc->allow_nan) {
            MiniErr_SetString(MiniExc_ValueError, "Out of range float values are not JSON compliant");
            return -1;
        }
        return buf_puts(&enc->out, isnan(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
    }
    return put_repr(enc, MiniFloat_Type.tp_repr(o));
}

static int encode_value(Encoder *enc, MiniObject *o);

/* Circular-reference check: pushes o on the stack of open containers (ValueError if there). */
static int enter(Encoder *enc, MiniObject *o) {
    if (!enc->check_circular) return 0;
    for (Mini_ssize_t k = 0; k < enc->nopen; k++)
        if (enc->open[k] == o) {
            MiniErr_SetString(MiniExc_ValueError, "Circular reference detected");
            return -1;
        }
    if (enc->nopen == enc->capopen) {
        Mini_ssize_t cap = enc->capopen ? enc->capopen * 2 : 16;
        MiniObject **p = MiniMem_Realloc(enc->open, (size_t)cap * sizeof *p);
        if (p == NULL) { MiniErr_NoMemory(); return -1; }
        enc->open = p;
        enc->capopen = cap;
    }
    enc->open[enc->nopen++] = o;
    return 0;
}

static void leave(Encoder *enc) {
    if (enc->check_circular) enc->nopen--;
}

static int encode_list(Encoder *enc, MiniObject *o) {
    int is_list = MiniList_Check(o);
    Mini_ssize_t n = is_list ? MiniList_Size(o) : MiniTuple_GET_SIZE(o);
    if (n == 0) return buf_put(&enc->out, "[]", 2);
    if (enter(enc, o) < 0) return -1;
    int rc = buf_putc(&enc->out, '[');
    for (Mini_ssize_t i = 0; rc == 0; i++) {
        if (is_list && i >= MiniList_Size(o)) break;
        if (!is_list && i >= n) break;
        if (i > 0 && buf_put(&enc->out, enc->item_sep, enc->item_sep_n) < 0) { rc = -1; break; }
        MiniObject *x = is_list ? MiniList_GetItemRef(o, i) : Mini_NewRef(MiniTuple_GET_ITEM(o, i));
        if (x == NULL) { rc = -1; break; }
        rc = encode_value(enc, x);
        Mini_DECREF(x);
    }
    if (rc == 0) rc = buf_putc(&enc->out, ']');
    leave(enc);
    return rc;
}

/* A dict key as JSON text (a quoted string); 1 if skipped (skipkeys), 0 written, -1 error. */
static int encode_key(Encoder *enc, MiniObject *k) {
    if (MiniUnicode_Check(k)) return encode_str(enc, k);
    MiniObject *text;
    if (k == Mini_True) text = MiniUnicode_FromString("true");
    else if (k == Mini_False) text = MiniUnicode_FromString("false");
    else if (k == Mini_None) text = MiniUnicode_FromString("null");
    else if (MiniFloat_Check(k)) {
        double x = MiniFloat_AS_DOUBLE(k);
        if (!isfinite(x)) {
            if (!enc->allow_nan) {
                MiniErr_SetString(MiniExc_ValueError, "Out of range float values are not JSON compliant");
                return -1;
            }
            text = MiniUnicode_FromString(isnan(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
        } else {
            text = MiniFloat_Type.tp_repr(k);
        }
    } else if (MiniLong_Check(k)) text = MiniLong_Type.tp_repr(k);
    else if (enc->skipkeys) return 1;
    else {
        MiniErr_Format(MiniExc_TypeError, "keys must be str, int, float, bool or None, not %.200s", MiniType_Name(Mini_TYPE(k)));
        return -1;
    }
    if (text == NULL) return -1;
    int rc = encode_str(enc, text);
    Mini_DECREF(text);
    return rc;
}

static int encode_dict(Encoder *enc, MiniObject *o) {
    if (MiniDict_Size(o) == 0) return buf_put(&enc->out, "{}", 2);
    if (enter(enc, o) < 0) return -1;
    MiniObject *items = MiniDict_Items(o);
    int rc = items == NULL ? -1 : 0;
    if (rc == 0 && enc->sort_keys) rc = MiniList_Sort(items);
    if (rc == 0) rc = buf_putc(&enc->out, '{');
    int first = 1;
    for (Mini_ssize_t i = 0; rc == 0 && i < MiniList_GET_SIZE(items); i++) {
        MiniObject *pair = MiniList_GET_ITEM(items, i);
        Mini_ssize_t mark = enc->out.n;
        if (!first && buf_put(&enc->out, enc->item_sep, enc->item_sep_n) < 0) { rc = -1; break; }
        int k = encode_key(enc, MiniTuple_GET_ITEM(pair, 0));
        if (k < 0) { rc = -1; break; }
        if (k == 1) { enc->out.n = mark; continue; }
        first = 0;
        if (buf_put(&enc->out, enc->key_sep, enc->key_sep_n) < 0) { rc = -1; break; }
        rc = encode_value(enc, MiniTuple_GET_ITEM(pair, 1));
    }
    if (rc == 0) rc = buf_putc(&enc->out, '}');
    Mini_XDECREF(items);
    leave(enc);
    return rc;
}

static int encode_value(Encoder *enc, MiniObject *o) {
    if (MiniUnicode_Check(o)) return encode_str(enc, o);
    if (o == Mini_None) return buf_put(&enc->out, "null", 4);
    if (o == Mini_True) return buf_put(&enc->out, "true", 4);
    if (o == Mini_False) return buf_put(&enc->out, "false", 5);
    if (MiniLong_Check(o)) return put_repr(enc, MiniLong_Type.tp_repr(o));
    if (MiniFloat_Check(o)) return encode_float(enc, o);
    int rc;
    if (MiniList_Check(o) || MiniTuple_Check(o)) {
        if (Mini_EnterRecursiveCall(" while encoding a JSON object")) return -1;
        rc = encode_list(enc, o);
        Mini_LeaveRecursiveCall();
        return rc;
    }
    if (MiniDict_Check(o)) {
        if (Mini_EnterRecursiveCall(" while encoding a JSON object")) return -1;
        rc = encode_dict(enc, o);
        Mini_LeaveRecursiveCall();
        return rc;
    }
    if (enter(enc, o) < 0) return -1;
    MiniObject *replacement = MiniObject_CallOneArg(enc->defaultfn, o);
    if (replacement == NULL) { leave(enc); return -1; }
    if (Mini_EnterRecursiveCall(" while encoding a JSON object")) rc = -1;
    else {
        rc = encode_value(enc, replacement);
        Mini_LeaveRecursiveCall();
    }
    Mini_DECREF(replacement);
    leave(enc);
    return rc;
}

static MiniObject *json_encode(MiniObject *self, MiniObject *args) {
    (void)self;
    MiniObject *obj, *key_sep, *item_sep, *defaultfn;
    Encoder enc;
    memset(&enc, 0, sizeof enc);
    if (!MiniArg_ParseTuple(args, "OpppppOOO:encode", &obj, &enc.check_circular, &enc.allow_nan, &enc.sort_keys,
                            &enc.skipkeys, &enc.ensure_ascii, &key_sep, &item_sep, &defaultfn)) return NULL;
    if (!MiniUnicode_Check(key_sep) || !MiniUnicode_Check(item_sep))   /* CPython's c_make_encoder's words */
        return MiniErr_Format(MiniExc_TypeError, "make_encoder() argument %d must be str, not %.80s",
                              MiniUnicode_Check(key_sep) ? 6 : 5,
                              MiniType_Name(Mini_TYPE(MiniUnicode_Check(key_sep) ? item_sep : key_sep)));
    enc.key_sep = MiniUnicode_AsUTF8AndSize(key_sep, &enc.key_sep_n);
    enc.item_sep = MiniUnicode_AsUTF8AndSize(item_sep, &enc.item_sep_n);
    enc.defaultfn = defaultfn;
    buf_init(&enc.out);
    MiniObject *r = NULL;
    if (encode_value(&enc, obj) == 0) r = _MiniUnicode_FromUTF8Unchecked(enc.out.p, enc.out.n);
    buf_free(&enc.out);
    MiniMem_Free(enc.open);
    return r;
}

/* ----- the module ------------------------------------------------------------------------------------ */

static MiniMethodDef json_methods[] = {
    {"scan", json_scan, MINI_METH_VARARGS,
     "scan(s, idx, whole, ctx) -> value if whole else (value, end): decode the JSON value at s[idx:]."},
    {"encode", json_encode, MINI_METH_VARARGS,
     "encode(obj, check_circular, allow_nan, sort_keys, skipkeys, ensure_ascii, key_separator, item_separator, default) -> str."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef json_module = {
    MiniModuleDef_HEAD_INIT, "_json",
    "The C half of json: a scanner for loads and an encoder for dumps (Lib/json uses them when present).",
    0, json_methods,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the _json module, or NULL with an exception. */
MiniObject *MiniInit__json(void) {
    return MiniModule_Create(&json_module);
}
