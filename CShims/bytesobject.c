/* bytesobject.c: bytes objects: immutable byte strings stored inline after the header, always
 * followed by a NUL so MiniBytes_AsString can be handed to C string functions. They export a
 * read-only 1-D buffer of format "B" (what "y*" argument parsing consumes). */
#include "mini.h"
#include "formatter_internal.h"
#include "objimpl_internal.h"

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

MiniObject *MiniBytes_FromStringAndSize(const char *v, Mini_ssize_t len) {
    MINI_CHECK_GIL("MiniBytes_FromStringAndSize");
    if (len < 0)
        return MiniErr_Format(MiniExc_ValueError, "Negative size passed to MiniBytes_FromStringAndSize");
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
static MiniObject *bytes_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)type;
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
    .tp_flags = MINI_TPFLAGS_BYTES_SUBCLASS,
    .tp_doc = "bytes(x) -> immutable byte string",
    .tp_new = bytes_new,
};
