/* Objects/bytesobject.c: bytes objects: immutable byte strings stored inline after the header, always
 * followed by a NUL so MiniBytes_AsString can be handed to C string functions. They export a
 * read-only 1-D buffer of format "B" (what "y*" argument parsing consumes). Indexing gives ints,
 * slicing (with steps) gives bytes, and the common methods are here: decode, hex, fromhex,
 * join, split, strip, replace, find, count, startswith, upper, lower and the is* tests, with
 * CPython's results and messages. */
#include "mini.h"
#include "formatter_internal.h"
#include "lib_internal.h"
#include "objimpl_internal.h"
#include "unicodeobject_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct MiniBytesObject {
    MiniObject_VAR_HEAD
    Mini_hash_t hash;        /* -1 until computed */
    char data[1];            /* ob_size bytes, then NUL */
} MiniBytesObject;

#define BYTES_DATA(op) (((MiniBytesObject *)(op))->data)

static MiniObject *bytes_alloc(Mini_ssize_t n) {
    MiniObject *o = MiniObject_NewVar(&MiniBytes_Type, n);
    if (o != NULL) {
        ((MiniBytesObject *)o)->hash = -1;
        BYTES_DATA(o)[n] = '\0';
    }
    return o;
}

/* The immortal one-byte strings b"\x00" .. b"\xff" (CPython keeps the same cache): a slice or read
 * of one byte costs no allocation. The union leaves room for the NUL after the byte. */
static union { MiniBytesObject b; char room[sizeof(MiniBytesObject) + 1]; } one_byte[256];

void _MiniBytes_InitCharCache(void) {
    for (int i = 0; i < 256; i++) {
        MiniBytesObject *b = &one_byte[i].b;
        _Mini_SetImmortal(&b->ob_base.ob_base);
        b->ob_base.ob_base.ob_type = &MiniBytes_Type;
        b->ob_base.ob_size = 1;
        b->hash = -1;
        one_byte[i].room[offsetof(MiniBytesObject, data)] = (char)i;
        one_byte[i].room[offsetof(MiniBytesObject, data) + 1] = '\0';
    }
}

MiniObject *MiniBytes_FromStringAndSize(const char *v, Mini_ssize_t len) {
    MINI_CHECK_GIL("MiniBytes_FromStringAndSize");
    if (len < 0)
        return MiniErr_Format(MiniExc_ValueError, "Negative size passed to MiniBytes_FromStringAndSize");
    /* Only with the byte given: a caller that passes NULL writes into the new object. */
    if (len == 1 && v != NULL && MINI_LIKELY(one_byte[0].b.ob_base.ob_base.ob_type != NULL))
        return Mini_NewRef((MiniObject *)&one_byte[(unsigned char)v[0]].b);
    MiniObject *o = bytes_alloc(len);
    if (o != NULL && v != NULL && len > 0) memcpy(BYTES_DATA(o), v, (size_t)len);
    return o;
}

MiniObject *MiniBytes_FromString(const char *v) {
    MINI_CHECK_GIL("MiniBytes_FromString");
    if (v == NULL) { _MiniErr_BadInternalCall("MiniBytes_FromString"); return NULL; }
    return MiniBytes_FromStringAndSize(v, (Mini_ssize_t)strlen(v));
}

static int require_bytes(MiniObject *o) {
    if (MiniBytes_Check(o)) return 0;
    MiniErr_Format(MiniExc_TypeError, "expected bytes, %.200s found", Mini_TYPE(o)->tp_name);
    return -1;
}

char *MiniBytes_AsString(MiniObject *o) {
    MINI_GUARD(o, "MiniBytes_AsString", NULL);
    if (require_bytes(o) < 0) return NULL;
    return BYTES_DATA(o);
}

Mini_ssize_t MiniBytes_Size(MiniObject *o) {
    MINI_GUARD(o, "MiniBytes_Size", -1);
    if (require_bytes(o) < 0) return -1;
    return Mini_SIZE(o);
}

/* ----- the type's slots ------------------------------------------------------------------------- */

static void bytes_dealloc(MiniObject *self) { MiniObject_Free(self); }

static MiniObject *bytes_repr(MiniObject *self) {
    const unsigned char *s = (const unsigned char *)BYTES_DATA(self);
    Mini_ssize_t n = Mini_SIZE(self);
    char quote = '\'';
    if (memchr(s, '\'', (size_t)n) != NULL && memchr(s, '"', (size_t)n) == NULL) quote = '"';
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    _MiniStrBuf_AppendChar(&b, 'b');
    _MiniStrBuf_AppendChar(&b, quote);
    for (Mini_ssize_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == quote || c == '\\') { char e[2] = { '\\', (char)c }; _MiniStrBuf_Append(&b, e, 2); }
        else if (c == '\n') _MiniStrBuf_AppendC(&b, "\\n");
        else if (c == '\r') _MiniStrBuf_AppendC(&b, "\\r");
        else if (c == '\t') _MiniStrBuf_AppendC(&b, "\\t");
        else if (c < 0x20 || c >= 0x7F) _MiniStrBuf_AppendFormat(&b, "\\x%02x", (unsigned int)c);
        else _MiniStrBuf_AppendChar(&b, (char)c);
    }
    _MiniStrBuf_AppendChar(&b, quote);
    return _MiniStrBuf_Finish(&b);
}

static Mini_hash_t bytes_hash(MiniObject *self) {
    MiniBytesObject *b = (MiniBytesObject *)self;
    if (b->hash == -1) b->hash = _Mini_HashBytes(b->data, Mini_SIZE(self));
    return b->hash;
}

static MiniObject *bytes_richcompare(MiniObject *a, MiniObject *b, int op) {
    if (!MiniBytes_Check(a) || !MiniBytes_Check(b)) Mini_RETURN_NOTIMPLEMENTED;
    Mini_ssize_t na = Mini_SIZE(a), nb = Mini_SIZE(b);
    if ((op == Mini_EQ || op == Mini_NE) && na != nb) return MiniBool_FromLong(op == Mini_NE);
    int c = memcmp(BYTES_DATA(a), BYTES_DATA(b), (size_t)(na < nb ? na : nb));
    if (c == 0) c = na < nb ? -1 : na > nb ? 1 : 0;
    int r;
    switch (op) {
    case Mini_LT: r = c < 0; break;
    case Mini_LE: r = c <= 0; break;
    case Mini_EQ: r = c == 0; break;
    case Mini_NE: r = c != 0; break;
    case Mini_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return MiniBool_FromLong(r);
}

static Mini_ssize_t bytes_length(MiniObject *self) { return Mini_SIZE(self); }

static MiniObject *bytes_item(MiniObject *self, Mini_ssize_t i) {
    if (i < 0 || i >= Mini_SIZE(self)) return MiniErr_Format(MiniExc_IndexError, "index out of range");
    return MiniLong_FromLong((unsigned char)BYTES_DATA(self)[i]);
}

static MiniObject *bytes_subscript(MiniObject *self, MiniObject *key) {
    if (MiniSlice_Check(key)) {
        Mini_ssize_t start, step, count;
        if (_MiniSlice_Indices(key, Mini_SIZE(self), &start, &step, &count) < 0) return NULL;
        if (step == 1) {
            if (start == 0 && count == Mini_SIZE(self) && MiniBytes_CheckExact(self)) return Mini_NewRef(self);
            return MiniBytes_FromStringAndSize(BYTES_DATA(self) + start, count);
        }
        MiniObject *o = bytes_alloc(count < 0 ? 0 : count);
        if (o == NULL) return NULL;
        for (Mini_ssize_t i = 0, j = start; i < count; i++, j += step) BYTES_DATA(o)[i] = BYTES_DATA(self)[j];
        return o;
    }
    Mini_ssize_t i;
    if (_Mini_SubscriptIndex(key, "byte", &i) < 0) return NULL;
    if (i < 0) i += Mini_SIZE(self);
    return bytes_item(self, i);
}

static int bytes_contains(MiniObject *self, MiniObject *item) {
    if (MiniBytes_Check(item)) {
        if (Mini_SIZE(item) == 0) return 1;
        return memmem(BYTES_DATA(self), (size_t)Mini_SIZE(self), BYTES_DATA(item), (size_t)Mini_SIZE(item)) != NULL;
    }
    if (!MiniLong_Check(item)) {
        MiniErr_Format(MiniExc_TypeError, "a bytes-like object is required, not '%.200s'", Mini_TYPE(item)->tp_name);
        return -1;
    }
    long v = MiniLong_AsLong(item);
    if (v == -1 && MiniErr_Occurred()) return -1;
    if (v < 0 || v > 255) {
        MiniErr_SetString(MiniExc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    return memchr(BYTES_DATA(self), (int)v, (size_t)Mini_SIZE(self)) != NULL;
}

static MiniObject *bytes_concat(MiniObject *a, MiniObject *b) {
    if (!MiniBytes_Check(a) || !MiniBytes_Check(b)) Mini_RETURN_NOTIMPLEMENTED;
    Mini_ssize_t na = Mini_SIZE(a), nb = Mini_SIZE(b);
    if (na > MINI_SSIZE_T_MAX - nb) return MiniErr_NoMemory();
    MiniObject *o = bytes_alloc(na + nb);
    if (o == NULL) return NULL;
    memcpy(BYTES_DATA(o), BYTES_DATA(a), (size_t)na);
    memcpy(BYTES_DATA(o) + na, BYTES_DATA(b), (size_t)nb);
    return o;
}

static MiniObject *bytes_repeat(MiniObject *a, MiniObject *b) {
    MiniObject *s = MiniBytes_Check(a) ? a : b, *count = s == a ? b : a;
    if (!MiniBytes_Check(s) || !MiniLong_Check(count)) Mini_RETURN_NOTIMPLEMENTED;
    Mini_ssize_t k = MiniNumber_AsSsize_t(count, MiniExc_OverflowError);
    if (k == -1 && MiniErr_Occurred()) return NULL;
    if (k < 0) k = 0;
    Mini_ssize_t n = Mini_SIZE(s), total;
    if (__builtin_mul_overflow(n, k, &total))
        return MiniErr_Format(MiniExc_OverflowError, "repeated bytes are too long");
    MiniObject *o = bytes_alloc(total);
    if (o == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < k; i++) memcpy(BYTES_DATA(o) + i * n, BYTES_DATA(s), (size_t)n);
    return o;
}

static int bytes_getbuffer(MiniObject *self, MiniBuffer *view, int flags) {
    return MiniBuffer_FillInfo(view, self, BYTES_DATA(self), Mini_SIZE(self), 1, flags);
}

/* bytes(), bytes(n) zero-filled, bytes(b) copy, bytes(list of ints), bytes(str, "utf-8"). */
static MiniObject *bytes_new_exact(MiniObject *args, MiniObject *kwargs);

/* bytes(...): the exact bytes, copied into an instance of a subclass when type is one. */
static MiniObject *bytes_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    MiniObject *b = bytes_new_exact(args, kwargs);
    if (b == NULL || type == &MiniBytes_Type) return b;
    MiniObject *o = MiniObject_NewVar(type, Mini_SIZE(b));
    if (o != NULL) {
        memcpy(BYTES_DATA(o), BYTES_DATA(b), (size_t)Mini_SIZE(b) + 1);
        ((MiniBytesObject *)o)->hash = -1;
    }
    Mini_DECREF(b);
    return o;
}

static MiniObject *bytes_new_exact(MiniObject *args, MiniObject *kwargs) {
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "bytes() takes no keyword arguments");
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n == 0) return bytes_alloc(0);
    MiniObject *x = MiniTuple_GET_ITEM(args, 0);
    if (n > 2) return MiniErr_Format(MiniExc_TypeError, "bytes() takes at most 2 arguments (%zd given)", n);
    if (MiniUnicode_Check(x)) {
        if (n < 2) return MiniErr_Format(MiniExc_TypeError, "string argument without an encoding");
        const char *enc = MiniUnicode_AsUTF8(MiniTuple_GET_ITEM(args, 1));
        if (enc == NULL) return NULL;
        if (strcmp(enc, "utf-8") != 0 && strcmp(enc, "utf8") != 0 && strcmp(enc, "UTF-8") != 0)
            return MiniErr_Format(MiniExc_LookupError, "unknown encoding: %s", enc);
        Mini_ssize_t len;
        const char *s = MiniUnicode_AsUTF8AndSize(x, &len);
        return MiniBytes_FromStringAndSize(s, len);
    }
    if (n == 2) return MiniErr_Format(MiniExc_TypeError, "encoding without a string argument");
    if (MiniBytes_CheckExact(x)) return Mini_NewRef(x);
    if (MiniLong_Check(x)) {
        Mini_ssize_t size = MiniNumber_AsSsize_t(x, MiniExc_OverflowError);
        if (size == -1 && MiniErr_Occurred()) return NULL;
        if (size < 0) return MiniErr_Format(MiniExc_ValueError, "negative count");
        MiniObject *o = bytes_alloc(size);
        if (o != NULL) memset(BYTES_DATA(o), 0, (size_t)size);
        return o;
    }
    if (MiniBytes_Check(x)) return MiniBytes_FromStringAndSize(BYTES_DATA(x), Mini_SIZE(x));
    if (MiniObject_CheckBuffer(x)) {
        /* bytearray, memoryview, matrices, native buffers: one copy of the exported bytes. */
        MiniBuffer view;
        if (MiniObject_GetBuffer(x, &view, MINI_BUF_SIMPLE) < 0) return NULL;
        MiniObject *r = MiniBytes_FromStringAndSize(view.buf, view.len);
        MiniBuffer_Release(&view);
        return r;
    }
    MiniObject *it = MiniObject_GetIter(x), *item;
    if (it == NULL) {
        if (MiniErr_ExceptionMatches(MiniExc_TypeError)) {
            MiniErr_Clear();
            MiniErr_Format(MiniExc_TypeError, "cannot convert '%.200s' object to bytes", Mini_TYPE(x)->tp_name);
        }
        return NULL;
    }
    _MiniStrBuf acc;   /* used as a plain byte accumulator; never turned into a str */
    _MiniStrBuf_Init(&acc);
    MiniObject *res = NULL;
    while ((item = MiniIter_Next(it)) != NULL) {
        if (!MiniLong_Check(item)) {
            MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                           Mini_TYPE(item)->tp_name);
            Mini_DECREF(item);
            goto done;
        }
        long v = MiniLong_AsLong(item);
        Mini_DECREF(item);
        if (v == -1 && MiniErr_Occurred()) goto done;
        if (v < 0 || v > 255) { MiniErr_SetString(MiniExc_ValueError, "bytes must be in range(0, 256)"); goto done; }
        if (_MiniStrBuf_AppendChar(&acc, (char)v) < 0) goto done;
    }
    if (!MiniErr_Occurred()) res = MiniBytes_FromStringAndSize(acc.buf, (Mini_ssize_t)acc.len);
done:
    _MiniStrBuf_Discard(&acc);
    Mini_DECREF(it);
    return res;
}

/* ----- methods ---------------------------------------------------------------------------------- */

#define BDATA(o) BYTES_DATA(o)
#define BLEN(o) Mini_SIZE(o)

/* A bytes-like argument (bytes only here) or TypeError "a bytes-like object is required, not 'str'". */
static int bytes_arg(MiniObject *o) {
    if (MiniBytes_Check(o)) return 0;
    MiniErr_Format(MiniExc_TypeError, "a bytes-like object is required, not '%.200s'", MiniType_Name(Mini_TYPE(o)));
    return -1;
}

static MiniObject *bytes_decode(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    static char *kwlist[] = { "encoding", "errors", NULL };
    const char *encoding = "utf-8", *errors = "strict";
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|ss:decode", kwlist, &encoding, &errors)) return NULL;
    char enc[32];
    size_t k = 0;
    for (; encoding[k] && k + 1 < sizeof enc; k++) {
        char c = (char)tolower((unsigned char)encoding[k]);
        enc[k] = c == '_' || c == ' ' ? '-' : c;
    }
    enc[k] = '\0';
    int strict = strcmp(errors, "strict") == 0, ignore = strcmp(errors, "ignore") == 0, replace = strcmp(errors, "replace") == 0;
    if (!strict && !ignore && !replace) return MiniErr_Format(MiniExc_LookupError, "unknown error handler name '%s'", errors);
    const unsigned char *s = (const unsigned char *)BDATA(self);
    Mini_ssize_t n = BLEN(self);
    if (strcmp(enc, "utf-8") == 0 || strcmp(enc, "utf8") == 0) {
        if (strict) return MiniUnicode_FromStringAndSize((const char *)s, n);
        _MiniStrBuf b;
        _MiniStrBuf_Init(&b);
        if (replace) {
            _MiniStrBuf_AppendLossy(&b, (const char *)s, (size_t)n, -1);
        } else {
            Mini_ssize_t i = 0;
            while (i < n) {
                Mini_ssize_t badlen = 0, bad = _MiniUnicode_FindInvalid((const char *)s + i, n - i, &badlen);
                if (bad < 0) { _MiniStrBuf_Append(&b, (const char *)s + i, (size_t)(n - i)); break; }
                _MiniStrBuf_Append(&b, (const char *)s + i, (size_t)bad);
                i += bad + (badlen > 0 ? badlen : 1);
            }
        }
        return _MiniStrBuf_Finish(&b);
    }
    int ascii = strcmp(enc, "ascii") == 0 || strcmp(enc, "us-ascii") == 0;
    int latin1 = strcmp(enc, "latin-1") == 0 || strcmp(enc, "latin1") == 0 || strcmp(enc, "iso-8859-1") == 0 ||
                 strcmp(enc, "iso8859-1") == 0;
    if (!ascii && !latin1) return MiniErr_Format(MiniExc_LookupError, "unknown encoding: %s", encoding);
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    for (Mini_ssize_t i = 0; i < n; i++) {
        if (s[i] < 128) { _MiniStrBuf_AppendChar(&b, (char)s[i]); continue; }
        if (latin1) {
            char u[2];
            _MiniStrBuf_Append(&b, u, (size_t)_MiniUnicode_EncodeUTF8(s[i], u));
        } else if (replace) {
            _MiniStrBuf_AppendC(&b, "\xEF\xBF\xBD");
        } else if (!ignore) {
            _MiniStrBuf_Discard(&b);
            return MiniErr_Format(MiniExc_UnicodeDecodeError, "'ascii' codec can't decode byte 0x%02x in position %zd: "
                                  "ordinal not in range(128)", (unsigned)s[i], i);
        }
    }
    return _MiniStrBuf_Finish(&b);
}

static MiniObject *bytes_hex(MiniObject *self, MiniObject *args) {
    Mini_ssize_t na = MiniTuple_GET_SIZE(args);
    if (na > 2) return MiniErr_Format(MiniExc_TypeError, "hex expected at most 2 arguments, got %zd", na);
    const char *sep = NULL;
    Mini_ssize_t seplen = 0, per = 1;
    if (na >= 1) {
        MiniObject *so = MiniTuple_GET_ITEM(args, 0);
        if (MiniUnicode_Check(so)) sep = MiniUnicode_AsUTF8AndSize(so, &seplen);
        else if (MiniBytes_Check(so)) { sep = BDATA(so); seplen = BLEN(so); }
        else return MiniErr_Format(MiniExc_TypeError, "sep must be str or bytes.");
        if (seplen != 1) return MiniErr_Format(MiniExc_ValueError, "sep must be length 1.");
        if (na == 2) {
            per = MiniLong_AsSsize_t(MiniTuple_GET_ITEM(args, 1));
            if (per == -1 && MiniErr_Occurred()) return NULL;
        }
    }
    static const char digits[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)BDATA(self);
    Mini_ssize_t n = BLEN(self), group = per < 0 ? -per : per;
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    for (Mini_ssize_t i = 0; i < n; i++) {
        /* A positive bytes_per_sep groups from the right, a negative one from the left. */
        if (sep != NULL && group > 0 && i > 0 && (per > 0 ? (n - i) % group == 0 : i % group == 0))
            _MiniStrBuf_Append(&b, sep, 1);
        char h[2] = { digits[s[i] >> 4], digits[s[i] & 15] };
        _MiniStrBuf_Append(&b, h, 2);
    }
    return _MiniStrBuf_Finish(&b);
}

/* bytes.fromhex(string), a class method (installed by _MiniBytes_InitClassMethods). */
static MiniObject *bytes_fromhex(MiniObject *type, MiniObject *arg) {
    (void)type;
    if (!MiniUnicode_Check(arg))
        return MiniErr_Format(MiniExc_TypeError, "fromhex() argument must be str, not %.200s", MiniType_Name(Mini_TYPE(arg)));
    Mini_ssize_t n;
    const char *s = MiniUnicode_AsUTF8AndSize(arg, &n);
    _MiniStrBuf acc;
    _MiniStrBuf_Init(&acc);
    for (Mini_ssize_t i = 0; i < n;) {
        if (isspace((unsigned char)s[i])) { i++; continue; }
        int hi = isxdigit((unsigned char)s[i]) ? (isdigit((unsigned char)s[i]) ? s[i] - '0' : (tolower((unsigned char)s[i]) - 'a' + 10)) : -1;
        int lo = i + 1 < n && isxdigit((unsigned char)s[i + 1])
                 ? (isdigit((unsigned char)s[i + 1]) ? s[i + 1] - '0' : (tolower((unsigned char)s[i + 1]) - 'a' + 10)) : -1;
        if (hi < 0 || lo < 0) {
            _MiniStrBuf_Discard(&acc);
            return MiniErr_Format(MiniExc_ValueError, "non-hexadecimal number found in fromhex() arg at position %zd",
                                  hi < 0 ? i : i + 1);
        }
        _MiniStrBuf_AppendChar(&acc, (char)(hi * 16 + lo));
        i += 2;
    }
    MiniObject *r = MiniBytes_FromStringAndSize(acc.buf, (Mini_ssize_t)acc.len);
    _MiniStrBuf_Discard(&acc);
    return r;
}

static MiniMethodDef fromhex_def = { "fromhex", bytes_fromhex, MINI_METH_O, "Create a bytes object from a string of hexadecimal numbers." };

int _MiniBytes_InitClassMethods(void) {
    MiniObject *f = MiniCFunction_NewEx(&fromhex_def, (MiniObject *)&MiniBytes_Type, NULL);
    if (f == NULL) return -1;
    int r = MiniDict_SetItemString(MiniBytes_Type.tp_dict, "fromhex", f);
    Mini_DECREF(f);
    return r;
}

static MiniObject *bytes_join(MiniObject *self, MiniObject *iterable) {
    MiniObject *seq = _MiniSeq_List(iterable);
    if (seq == NULL) return NULL;
    _MiniStrBuf acc;
    _MiniStrBuf_Init(&acc);
    for (Mini_ssize_t i = 0; i < Mini_SIZE(seq); i++) {
        MiniObject *item = MiniList_GET_ITEM(seq, i);
        if (!MiniBytes_Check(item)) {
            _MiniStrBuf_Discard(&acc);
            Mini_DECREF(seq);
            return MiniErr_Format(MiniExc_TypeError, "sequence item %zd: expected a bytes-like object, %.200s found", i,
                                  MiniType_Name(Mini_TYPE(item)));
        }
        if (i > 0) _MiniStrBuf_Append(&acc, BDATA(self), (size_t)BLEN(self));
        _MiniStrBuf_Append(&acc, BDATA(item), (size_t)BLEN(item));
    }
    Mini_DECREF(seq);
    MiniObject *r = MiniBytes_FromStringAndSize(acc.buf, (Mini_ssize_t)acc.len);
    _MiniStrBuf_Discard(&acc);
    return r;
}

static Mini_ssize_t find_in(const char *hay, Mini_ssize_t lo, Mini_ssize_t hi, const char *needle, Mini_ssize_t m, int reverse) {
    if (hi - lo < m) return -1;
    if (m == 0) return reverse ? hi : lo;
    if (!reverse) {
        const char *p = memmem(hay + lo, (size_t)(hi - lo), needle, (size_t)m);
        return p ? p - hay : -1;
    }
    for (Mini_ssize_t i = hi - m; i >= lo; i--)
        if (memcmp(hay + i, needle, (size_t)m) == 0) return i;
    return -1;
}

static MiniObject *bytes_split_impl(MiniObject *self, MiniObject *args, MiniObject *kwargs, int reverse) {
    static char *kwlist[] = { "sep", "maxsplit", NULL };
    MiniObject *sep = Mini_None;
    Mini_ssize_t maxsplit = -1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, reverse ? "|On:rsplit" : "|On:split", kwlist, &sep, &maxsplit)) return NULL;
    if (sep != Mini_None) {
        if (bytes_arg(sep) < 0) return NULL;
        if (BLEN(sep) == 0) return MiniErr_Format(MiniExc_ValueError, "empty separator");
    }
    if (maxsplit < 0) maxsplit = MINI_SSIZE_T_MAX;
    const char *s = BDATA(self);
    Mini_ssize_t n = BLEN(self);
    MiniObject *list = MiniList_New(0), *piece;
    if (list == NULL) return NULL;
#define PUSH(a, b) do { piece = MiniBytes_FromStringAndSize(s + (a), (b) - (a)); \
        if (piece == NULL || MiniList_Append(list, piece) < 0) { Mini_XDECREF(piece); Mini_DECREF(list); return NULL; } \
        Mini_DECREF(piece); } while (0)
    if (sep == Mini_None) {
        if (!reverse) {
            Mini_ssize_t i = 0;
            while (i < n) {
                while (i < n && isspace((unsigned char)s[i])) i++;
                if (i >= n) break;
                if (maxsplit-- <= 0) { PUSH(i, n); break; }
                Mini_ssize_t j = i;
                while (j < n && !isspace((unsigned char)s[j])) j++;
                PUSH(i, j);
                i = j;
            }
        } else {
            Mini_ssize_t j = n;
            while (j > 0) {
                while (j > 0 && isspace((unsigned char)s[j - 1])) j--;
                if (j <= 0) break;
                if (maxsplit-- <= 0) { PUSH(0, j); break; }
                Mini_ssize_t i = j;
                while (i > 0 && !isspace((unsigned char)s[i - 1])) i--;
                PUSH(i, j);
                j = i;
            }
            MiniList_Reverse(list);
        }
        return list;
    }
    const char *sp = BDATA(sep);
    Mini_ssize_t m = BLEN(sep);
    if (!reverse) {
        Mini_ssize_t i = 0;
        while (maxsplit-- > 0) {
            Mini_ssize_t at = find_in(s, i, n, sp, m, 0);
            if (at < 0) break;
            PUSH(i, at);
            i = at + m;
        }
        PUSH(i, n);
    } else {
        Mini_ssize_t j = n;
        while (maxsplit-- > 0) {
            Mini_ssize_t at = find_in(s, 0, j, sp, m, 1);
            if (at < 0) break;
            PUSH(at + m, j);
            j = at;
        }
        PUSH(0, j);
        MiniList_Reverse(list);
    }
#undef PUSH
    return list;
}

static MiniObject *bytes_split(MiniObject *self, MiniObject *args, MiniObject *kwargs) { return bytes_split_impl(self, args, kwargs, 0); }
static MiniObject *bytes_rsplit(MiniObject *self, MiniObject *args, MiniObject *kwargs) { return bytes_split_impl(self, args, kwargs, 1); }

static MiniObject *bytes_strip_impl(MiniObject *self, MiniObject *args, int which) {
    Mini_ssize_t na = MiniTuple_GET_SIZE(args);
    MiniObject *chars = na > 0 ? MiniTuple_GET_ITEM(args, 0) : Mini_None;
    if (na > 1) return MiniErr_Format(MiniExc_TypeError, "strip expected at most 1 argument, got %zd", na);
    if (chars != Mini_None && bytes_arg(chars) < 0) return NULL;
    const char *s = BDATA(self);
    Mini_ssize_t i = 0, j = BLEN(self);
#define STRIPPED(c) (chars == Mini_None ? isspace((unsigned char)(c)) : memchr(BDATA(chars), (c), (size_t)BLEN(chars)) != NULL)
    if (which & 1) while (i < j && STRIPPED(s[i])) i++;
    if (which & 2) while (j > i && STRIPPED(s[j - 1])) j--;
#undef STRIPPED
    return MiniBytes_FromStringAndSize(s + i, j - i);
}

static MiniObject *bytes_strip(MiniObject *self, MiniObject *args) { return bytes_strip_impl(self, args, 3); }
static MiniObject *bytes_lstrip(MiniObject *self, MiniObject *args) { return bytes_strip_impl(self, args, 1); }
static MiniObject *bytes_rstrip(MiniObject *self, MiniObject *args) { return bytes_strip_impl(self, args, 2); }

/* Parses (sub[, start[, end]]) with sub bytes or an int 0..255 (as a one-byte needle). */
static int bytes_sub_args(MiniObject *self, MiniObject *args, const char *name, char *onebyte, const char **needle,
                          Mini_ssize_t *m, Mini_ssize_t *start, Mini_ssize_t *end) {
    Mini_ssize_t na = MiniTuple_GET_SIZE(args), n = BLEN(self);
    if (na < 1 || na > 3) {
        MiniErr_Format(MiniExc_TypeError, na < 1 ? "%s expected at least 1 argument, got %zd"
                                                 : "%s expected at most 3 arguments, got %zd", name, na);
        return -1;
    }
    MiniObject *sub = MiniTuple_GET_ITEM(args, 0);
    if (MiniLong_Check(sub)) {
        long v = MiniLong_AsLong(sub);
        if (v == -1 && MiniErr_Occurred()) return -1;
        if (v < 0 || v > 255) { MiniErr_SetString(MiniExc_ValueError, "byte must be in range(0, 256)"); return -1; }
        *onebyte = (char)v;
        *needle = onebyte;
        *m = 1;
    } else {
        if (bytes_arg(sub) < 0) return -1;
        *needle = BDATA(sub);
        *m = BLEN(sub);
    }
    *start = 0;
    *end = n;
    for (int k = 1; k < na && k < 3; k++) {
        MiniObject *o = MiniTuple_GET_ITEM(args, k);
        if (o == Mini_None) continue;
        Mini_ssize_t v = MiniNumber_AsSsize_t(o, NULL);
        if (v == -1 && MiniErr_Occurred()) return -1;
        if (v < 0) { v += n; if (v < 0) v = 0; }
        if (v > n && k == 2) v = n;
        *(k == 1 ? start : end) = v;
    }
    return 0;
}

static MiniObject *bytes_find_impl(MiniObject *self, MiniObject *args, const char *name, int reverse, int raise) {
    char one;
    const char *needle;
    Mini_ssize_t m, start, end;
    if (bytes_sub_args(self, args, name, &one, &needle, &m, &start, &end) < 0) return NULL;
    Mini_ssize_t at = start > end ? -1 : find_in(BDATA(self), start, end, needle, m, reverse);
    if (at < 0 && raise) return MiniErr_Format(MiniExc_ValueError, "subsection not found");
    return MiniLong_FromSsize_t(at);
}

static MiniObject *bytes_find(MiniObject *self, MiniObject *args) { return bytes_find_impl(self, args, "find", 0, 0); }
static MiniObject *bytes_rfind(MiniObject *self, MiniObject *args) { return bytes_find_impl(self, args, "rfind", 1, 0); }
static MiniObject *bytes_index(MiniObject *self, MiniObject *args) { return bytes_find_impl(self, args, "index", 0, 1); }

static MiniObject *bytes_count(MiniObject *self, MiniObject *args) {
    char one;
    const char *needle;
    Mini_ssize_t m, start, end, count = 0;
    if (bytes_sub_args(self, args, "count", &one, &needle, &m, &start, &end) < 0) return NULL;
    if (start > end) return MiniLong_FromLong(0);
    if (m == 0) return MiniLong_FromSsize_t(end - start + 1);
    for (Mini_ssize_t i = start;;) {
        Mini_ssize_t at = find_in(BDATA(self), i, end, needle, m, 0);
        if (at < 0) break;
        count++;
        i = at + m;
    }
    return MiniLong_FromSsize_t(count);
}

static MiniObject *bytes_tail(MiniObject *self, MiniObject *args, const char *name, int at_end) {
    Mini_ssize_t na = MiniTuple_GET_SIZE(args);
    if (na < 1) return MiniErr_Format(MiniExc_TypeError, "%s expected at least 1 argument, got 0", name);
    MiniObject *sub = MiniTuple_GET_ITEM(args, 0);
    Mini_ssize_t n = BLEN(self), start = 0, end = n;
    for (int k = 1; k < na && k < 3; k++) {
        MiniObject *o = MiniTuple_GET_ITEM(args, k);
        if (o == Mini_None) continue;
        Mini_ssize_t v = MiniNumber_AsSsize_t(o, NULL);
        if (v == -1 && MiniErr_Occurred()) return NULL;
        if (v < 0) { v += n; if (v < 0) v = 0; }
        if (v > n && k == 2) v = n;
        *(k == 1 ? &start : &end) = v;
    }
    Mini_ssize_t count = MiniTuple_Check(sub) ? MiniTuple_GET_SIZE(sub) : 1;
    for (Mini_ssize_t i = 0; i < count; i++) {
        MiniObject *x = MiniTuple_Check(sub) ? MiniTuple_GET_ITEM(sub, i) : sub;
        if (!MiniBytes_Check(x))
            return MiniErr_Format(MiniExc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %.200s", name,
                                  MiniType_Name(Mini_TYPE(x)));
        Mini_ssize_t m = BLEN(x);
        if (start <= n && end - start >= m &&
            memcmp(BDATA(self) + (at_end ? end - m : start), BDATA(x), (size_t)m) == 0)
            Mini_RETURN_TRUE;
    }
    Mini_RETURN_FALSE;
}

static MiniObject *bytes_startswith(MiniObject *self, MiniObject *args) { return bytes_tail(self, args, "startswith", 0); }
static MiniObject *bytes_endswith(MiniObject *self, MiniObject *args) { return bytes_tail(self, args, "endswith", 1); }

static MiniObject *bytes_replace(MiniObject *self, MiniObject *args) {
    MiniObject *old, *repl;
    Mini_ssize_t count = -1;
    if (!MiniArg_ParseTuple(args, "OO|n:replace", &old, &repl, &count)) return NULL;
    if (bytes_arg(old) < 0 || bytes_arg(repl) < 0) return NULL;
    if (count < 0) count = MINI_SSIZE_T_MAX;
    const char *s = BDATA(self);
    Mini_ssize_t n = BLEN(self), m = BLEN(old), i = 0;
    _MiniStrBuf acc;
    _MiniStrBuf_Init(&acc);
    if (m == 0) {
        for (; i <= n && count > 0; count--) {
            _MiniStrBuf_Append(&acc, BDATA(repl), (size_t)BLEN(repl));
            if (i < n) _MiniStrBuf_AppendChar(&acc, s[i]);
            i++;
        }
        if (i < n) _MiniStrBuf_Append(&acc, s + i, (size_t)(n - i));
    } else {
        while (count-- > 0) {
            Mini_ssize_t at = find_in(s, i, n, BDATA(old), m, 0);
            if (at < 0) break;
            _MiniStrBuf_Append(&acc, s + i, (size_t)(at - i));
            _MiniStrBuf_Append(&acc, BDATA(repl), (size_t)BLEN(repl));
            i = at + m;
        }
        _MiniStrBuf_Append(&acc, s + i, (size_t)(n - i));
    }
    MiniObject *r = MiniBytes_FromStringAndSize(acc.buf, (Mini_ssize_t)acc.len);
    _MiniStrBuf_Discard(&acc);
    return r;
}

static MiniObject *bytes_map_case(MiniObject *self, int (*f)(int)) {
    MiniObject *r = MiniBytes_FromStringAndSize(BDATA(self), BLEN(self));
    if (r != NULL)
        for (Mini_ssize_t i = 0; i < BLEN(r); i++) BDATA(r)[i] = (char)f((unsigned char)BDATA(r)[i]);
    return r;
}

static int ascii_upper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static MiniObject *bytes_upper(MiniObject *self, MiniObject *u) { (void)u; return bytes_map_case(self, ascii_upper); }
static MiniObject *bytes_lower(MiniObject *self, MiniObject *u) { (void)u; return bytes_map_case(self, ascii_lower); }

static MiniObject *bytes_all(MiniObject *self, int (*pred)(int)) {
    if (BLEN(self) == 0) Mini_RETURN_FALSE;
    for (Mini_ssize_t i = 0; i < BLEN(self); i++)
        if (!pred((unsigned char)BDATA(self)[i])) Mini_RETURN_FALSE;
    Mini_RETURN_TRUE;
}

static int c_isdigit(int c) { return c >= '0' && c <= '9'; }
static int c_isalpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int c_isalnum(int c) { return c_isdigit(c) || c_isalpha(c); }
static int c_isspace(int c) { return c == ' ' || (c >= 9 && c <= 13); }
static MiniObject *bytes_isdigit(MiniObject *self, MiniObject *u) { (void)u; return bytes_all(self, c_isdigit); }
static MiniObject *bytes_isalpha(MiniObject *self, MiniObject *u) { (void)u; return bytes_all(self, c_isalpha); }
static MiniObject *bytes_isalnum(MiniObject *self, MiniObject *u) { (void)u; return bytes_all(self, c_isalnum); }
static MiniObject *bytes_isspace(MiniObject *self, MiniObject *u) { (void)u; return bytes_all(self, c_isspace); }

static MiniObject *bytes_len_method(MiniObject *self, MiniObject *u) { (void)u; return MiniLong_FromSsize_t(BLEN(self)); }

static MiniMethodDef bytes_methods[] = {
    { "decode", _MiniCFunction_CAST(bytes_decode), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
      "Decode the bytes using the codec registered for encoding." },
    { "hex", bytes_hex, MINI_METH_VARARGS, "Create a string of hexadecimal numbers from a bytes object." },
    { "join", bytes_join, MINI_METH_O, "Concatenate any number of bytes objects." },
    { "split", _MiniCFunction_CAST(bytes_split), MINI_METH_VARARGS | MINI_METH_KEYWORDS, "Return a list of the sections in the bytes." },
    { "rsplit", _MiniCFunction_CAST(bytes_rsplit), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
      "Return a list of the sections in the bytes, splitting from the right." },
    { "strip", bytes_strip, MINI_METH_VARARGS, "Strip leading and trailing bytes contained in the argument." },
    { "lstrip", bytes_lstrip, MINI_METH_VARARGS, "Strip leading bytes contained in the argument." },
    { "rstrip", bytes_rstrip, MINI_METH_VARARGS, "Strip trailing bytes contained in the argument." },
    { "find", bytes_find, MINI_METH_VARARGS, "Return the lowest index in B where subsection sub is found." },
    { "rfind", bytes_rfind, MINI_METH_VARARGS, "Return the highest index in B where subsection sub is found." },
    { "index", bytes_index, MINI_METH_VARARGS, "Like find() but raise ValueError when the subsection is not found." },
    { "count", bytes_count, MINI_METH_VARARGS, "Return the number of non-overlapping occurrences of subsection sub." },
    { "startswith", bytes_startswith, MINI_METH_VARARGS, "Return True if B starts with the specified prefix, False otherwise." },
    { "endswith", bytes_endswith, MINI_METH_VARARGS, "Return True if B ends with the specified suffix, False otherwise." },
    { "replace", bytes_replace, MINI_METH_VARARGS, "Return a copy with all occurrences of substring old replaced by new." },
    { "upper", bytes_upper, MINI_METH_NOARGS, "B.upper() -> copy of B with all ASCII characters converted to uppercase." },
    { "lower", bytes_lower, MINI_METH_NOARGS, "B.lower() -> copy of B with all ASCII characters converted to lowercase." },
    { "isdigit", bytes_isdigit, MINI_METH_NOARGS, NULL },
    { "isalpha", bytes_isalpha, MINI_METH_NOARGS, NULL },
    { "isalnum", bytes_isalnum, MINI_METH_NOARGS, NULL },
    { "isspace", bytes_isspace, MINI_METH_NOARGS, NULL },
    { "__len__", bytes_len_method, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MiniSequenceMethods bytes_as_sequence = {
    .sq_length = bytes_length,
    .sq_item = bytes_item,
    .sq_contains = bytes_contains,
};

static MiniMappingMethods bytes_as_mapping = {
    .mp_length = bytes_length,
    .mp_subscript = bytes_subscript,
};

static MiniNumberMethods bytes_as_number = {
    .nb_add = bytes_concat,
    .nb_multiply = bytes_repeat,
};

static MiniBufferProcs bytes_as_buffer = {
    .bf_getbuffer = bytes_getbuffer,
    .bf_releasebuffer = NULL,
};

MiniTypeObject MiniBytes_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "bytes",
    .tp_basicsize = offsetof(MiniBytesObject, data) + 1,
    .tp_itemsize = 1,
    .tp_dealloc = bytes_dealloc,
    .tp_repr = bytes_repr,
    .tp_hash = bytes_hash,
    .tp_richcompare = bytes_richcompare,
    .tp_as_number = &bytes_as_number,
    .tp_as_sequence = &bytes_as_sequence,
    .tp_as_mapping = &bytes_as_mapping,
    .tp_as_buffer = &bytes_as_buffer,
    .tp_methods = bytes_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_BYTES_SUBCLASS,
    .tp_doc = "bytes(x) -> immutable byte string",
    .tp_new = bytes_new,
};
