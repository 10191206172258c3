/* Objects/unicodeobject.c: str objects. The text is kept as validated UTF-8 (so MiniUnicode_AsUTF8 is
 * free) with the code-point length and the hash cached in the object. len(), indexing, slicing
 * (with steps) and iteration count code points as Python does: O(1) for ASCII strings, a scan
 * otherwise; the iterator walks the UTF-8 once. One-character ASCII strings are immortal static
 * objects shared by indexing and iteration, as CPython's latin-1 singletons. Interned strings
 * live in a table (a dict) until shut-down. The methods are in Objects/unicode_methods.c and the %
 * operator in Objects/unicode_printf.c. */
#include "mini.h"
#include "formatter_internal.h"
#include "lib_internal.h"
#include "objimpl_internal.h"
#include "unicodeobject_internal.h"
#include "dict_internal.h"

#include <stdlib.h>
#include <string.h>

static MiniObject *intern_table;   /* dict str -> the same str; NULL until first use */

/* ----- UTF-8 ------------------------------------------------------------------------------------- */

/* Length of the valid sequence starting at s[i], or 0 if it is invalid or truncated. */
static int valid_sequence_length(const unsigned char *s, Mini_ssize_t i, Mini_ssize_t n) {
    unsigned char c = s[i];
    if (c < 0x80) return 1;
    int len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c == 0xED) { len = 3; hi = 0x9F; }          /* no surrogates */
    else if (c >= 0xE1 && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }          /* <= U+10FFFF */
    else return 0;
    if (i + len > n) return 0;
    if (s[i + 1] < lo || s[i + 1] > hi) return 0;
    for (int k = 2; k < len; k++)
        if ((s[i + k] & 0xC0) != 0x80) return 0;
    return len;
}

Mini_ssize_t _MiniUnicode_FindInvalid(const char *str, Mini_ssize_t n, Mini_ssize_t *bad_len) {
    const unsigned char *s = (const unsigned char *)str;
    for (Mini_ssize_t i = 0; i < n;) {
        int len = valid_sequence_length(s, i, n);
        if (len == 0) {
            if (bad_len != NULL) {
                Mini_ssize_t k = 1;
                while (i + k < n && k < 4 && (s[i + k] & 0xC0) == 0x80) k++;
                *bad_len = k;
            }
            return i;
        }
        i += len;
    }
    return -1;
}

Mini_ssize_t _MiniUnicode_CountCodePoints(const char *s, Mini_ssize_t n) {
    Mini_ssize_t count = 0;
    for (Mini_ssize_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) count++;
    return count;
}

/* UnicodeDecodeError in CPython's words for the invalid sequence at offset pos. */
static void decode_error(const char *s, Mini_ssize_t n, Mini_ssize_t pos) {
    unsigned char c = (unsigned char)s[pos];
    const char *why;
    if (c < 0xC2 || c > 0xF4) why = "invalid start byte";
    else {
        int need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        Mini_ssize_t k = 1;
        while (pos + k < n && k < need && ((unsigned char)s[pos + k] & 0xC0) == 0x80) k++;
        why = pos + k >= n && k < need ? "unexpected end of data" : "invalid continuation byte";
    }
    MiniErr_Format(MiniExc_UnicodeDecodeError, "'utf-8' codec can't decode byte 0x%02x in position %zd: %s",
                   (unsigned int)c, pos, why);
}

/* Byte offset of code point index cp in str o (0 <= cp <= length). */
static Mini_ssize_t byte_offset(MiniObject *o, Mini_ssize_t cp) {
    MiniUnicodeObject *u = (MiniUnicodeObject *)o;
    if (u->ascii) return cp;
    Mini_ssize_t i = 0, n = Mini_SIZE(o);
    for (; i < n && cp > 0; i++)
        if (((unsigned char)u->data[i + 1] & 0xC0) != 0x80) cp--;
    return i;
}

/* ----- construction ----------------------------------------------------------------------------- */

static MiniObject *unicode_alloc(Mini_ssize_t nbytes) {
    MiniObject *o = MiniObject_NewVar(&MiniUnicode_Type, nbytes);
    if (o != NULL) ((MiniUnicodeObject *)o)->hash = -1;
    return o;
}

/* The immortal one-character strings "\x00" .. "\x7f" (the struct leaves room for the NUL). */
static struct { MiniUnicodeObject u; char nul; } ascii_chars[128];

void _MiniUnicode_InitCharCache(void) {
    for (int i = 0; i < 128; i++) {
        MiniUnicodeObject *u = &ascii_chars[i].u;
        _Mini_SetImmortal(&u->ob_base.ob_base);
        u->ob_base.ob_base.ob_type = &MiniUnicode_Type;
        u->ob_base.ob_size = 1;
        u->length = 1;
        u->hash = -1;
        u->ascii = 1;
        u->data[0] = (char)i;
        ascii_chars[i].nul = '\0';
    }
}

MiniObject *_MiniUnicode_FromUTF8Unchecked(const char *s, Mini_ssize_t n) {
    return _MiniUnicode_FromUTF8Counted(s, n, _MiniUnicode_CountCodePoints(s, n));
}

MiniObject *_MiniUnicode_FromUTF8Counted(const char *s, Mini_ssize_t n, Mini_ssize_t length) {
    if (n == 1 && (unsigned char)s[0] < 128 && ascii_chars[0].u.ob_base.ob_base.ob_type != NULL)
        return Mini_NewRef((MiniObject *)&ascii_chars[(unsigned char)s[0]].u);
    MiniObject *o = unicode_alloc(n);
    if (o == NULL) return NULL;
    MiniUnicodeObject *u = (MiniUnicodeObject *)o;
    if (n > 0) memcpy(u->data, s, (size_t)n);
    u->data[n] = '\0';
    u->length = length;
    u->ascii = length == n;
    return o;
}

MiniObject *MiniUnicode_FromStringAndSize(const char *s, Mini_ssize_t size) {
    MINI_CHECK_GIL("MiniUnicode_FromStringAndSize");
    if (size < 0) {
        MiniErr_SetString(MiniExc_SystemError, "Negative size passed to MiniUnicode_FromStringAndSize");
        return NULL;
    }
    if (s == NULL && size > 0) { _MiniErr_BadInternalCall("MiniUnicode_FromStringAndSize"); return NULL; }
    Mini_ssize_t bad = _MiniUnicode_FindInvalid(s, size, NULL);
    if (bad >= 0) { decode_error(s, size, bad); return NULL; }
    return _MiniUnicode_FromUTF8Unchecked(s, size);
}

MiniObject *MiniUnicode_FromString(const char *s) {
    MINI_CHECK_GIL("MiniUnicode_FromString");
    if (s == NULL) { _MiniErr_BadInternalCall("MiniUnicode_FromString"); return NULL; }
    return MiniUnicode_FromStringAndSize(s, (Mini_ssize_t)strlen(s));
}

MiniObject *MiniUnicode_FromFormatV(const char *format, va_list ap) {
    MINI_CHECK_GIL("MiniUnicode_FromFormatV");
    if (format == NULL) { _MiniErr_BadInternalCall("MiniUnicode_FromFormatV"); return NULL; }
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    va_list copy;
    va_copy(copy, ap);
    _MiniStrBuf_AppendFormatV(&b, format, copy);
    va_end(copy);
    return _MiniStrBuf_Finish(&b);
}

MiniObject *MiniUnicode_FromFormat(const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    MiniObject *res = MiniUnicode_FromFormatV(format, ap);
    va_end(ap);
    return res;
}

MiniObject *MiniUnicode_FromOrdinal(int cp) {
    MINI_CHECK_GIL("MiniUnicode_FromOrdinal");
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return MiniErr_Format(MiniExc_ValueError, "chr() arg not in range(0x110000)");
    char buf[4];
    return _MiniUnicode_FromUTF8Unchecked(buf, _MiniUnicode_EncodeUTF8((uint32_t)cp, buf));
}

/* ----- accessors ------------------------------------------------------------------------------ */

static int require_str(MiniObject *o) {
    if (MiniUnicode_Check(o)) return 0;
    MiniErr_Format(MiniExc_TypeError, "bad argument type: expected str, got %.200s", Mini_TYPE(o)->tp_name);
    return -1;
}

const char *MiniUnicode_AsUTF8AndSize(MiniObject *o, Mini_ssize_t *size) {
    MINI_GUARD(o, "MiniUnicode_AsUTF8AndSize", NULL);
    if (require_str(o) < 0) { if (size) *size = -1; return NULL; }
    if (size != NULL) *size = Mini_SIZE(o);
    return _MiniUnicode_DATA(o);
}

const char *MiniUnicode_AsUTF8(MiniObject *o) {
    MINI_GUARD(o, "MiniUnicode_AsUTF8", NULL);
    if (require_str(o) < 0) return NULL;
    return _MiniUnicode_DATA(o);
}

Mini_ssize_t MiniUnicode_GetLength(MiniObject *o) {
    MINI_GUARD(o, "MiniUnicode_GetLength", -1);
    if (require_str(o) < 0) return -1;
    return _MiniUnicode_LENGTH(o);
}

MiniObject *MiniUnicode_Concat(MiniObject *a, MiniObject *b) {
    MINI_GUARD2(a, b, "MiniUnicode_Concat", NULL);
    if (!MiniUnicode_Check(a) || !MiniUnicode_Check(b))
        return MiniErr_Format(MiniExc_TypeError, "can only concatenate str (not \"%.200s\") to str",
                              Mini_TYPE(MiniUnicode_Check(a) ? b : a)->tp_name);
    Mini_ssize_t na = Mini_SIZE(a), nb = Mini_SIZE(b);
    if (na > MINI_SSIZE_T_MAX - nb) return MiniErr_NoMemory();
    MiniObject *o = unicode_alloc(na + nb);
    if (o == NULL) return NULL;
    MiniUnicodeObject *u = (MiniUnicodeObject *)o;
    memcpy(u->data, _MiniUnicode_DATA(a), (size_t)na);
    memcpy(u->data + na, _MiniUnicode_DATA(b), (size_t)nb);
    u->data[na + nb] = '\0';
    u->length = _MiniUnicode_LENGTH(a) + _MiniUnicode_LENGTH(b);
    u->ascii = ((MiniUnicodeObject *)a)->ascii && ((MiniUnicodeObject *)b)->ascii;
    return o;
}

int MiniUnicode_EqualToUTF8(MiniObject *o, const char *s) {
    MINI_CHECK_GIL("MiniUnicode_EqualToUTF8");
    if (o == NULL || s == NULL || !MiniUnicode_Check(o)) return 0;
    size_t n = strlen(s);
    return (size_t)Mini_SIZE(o) == n && memcmp(_MiniUnicode_DATA(o), s, n) == 0;
}

int _MiniUnicode_Eq(MiniObject *a, MiniObject *b) {
    if (a == b) return 1;
    if (Mini_SIZE(a) != Mini_SIZE(b)) return 0;
    MiniUnicodeObject *ua = (MiniUnicodeObject *)a, *ub = (MiniUnicodeObject *)b;
    Mini_hash_t ha = __atomic_load_n(&ua->hash, __ATOMIC_RELAXED), hb = __atomic_load_n(&ub->hash, __ATOMIC_RELAXED);
    if (ha != -1 && hb != -1 && ha != hb) return 0;
    return memcmp(ua->data, ub->data, (size_t)Mini_SIZE(a)) == 0;
}

/* The hash is computed once and cached. Free-threaded, two threads may compute it at once and
 * both store the same value: relaxed atomic loads and stores (plain moves on x86-64 and arm64)
 * make that race well defined, as CPython 3.13t does for its str hash. */
Mini_hash_t _MiniUnicode_Hash(MiniObject *s) {
    MiniUnicodeObject *u = (MiniUnicodeObject *)s;
    Mini_hash_t h = __atomic_load_n(&u->hash, __ATOMIC_RELAXED);
    if (h == -1) {
        h = _Mini_HashBytes(u->data, Mini_SIZE(s));
        __atomic_store_n(&u->hash, h, __ATOMIC_RELAXED);
    }
    return h;
}

/* ----- interning -------------------------------------------------------------------------------- */

void MiniUnicode_InternInPlace(MiniObject **p) {
    MINI_CHECK_GIL("MiniUnicode_InternInPlace");
    if (p == NULL || *p == NULL || !MiniUnicode_CheckExact(*p)) return;
    MiniObject *s = *p;
    if (((MiniUnicodeObject *)s)->interned) return;
    if (intern_table == NULL && (intern_table = MiniDict_New()) == NULL) { MiniErr_Clear(); return; }
    MiniObject *existing = MiniDict_GetItemWithError(intern_table, s);
    if (existing != NULL) {
        Mini_INCREF(existing);
        Mini_SETREF(*p, existing);
        return;
    }
    if (MiniErr_Occurred() || MiniDict_SetItem(intern_table, s, s) < 0) { MiniErr_Clear(); return; }
    ((MiniUnicodeObject *)s)->interned = 1;
}

MiniObject *MiniUnicode_InternFromString(const char *s) {
    MINI_CHECK_GIL("MiniUnicode_InternFromString");
    MiniObject *o = MiniUnicode_FromString(s);
    if (o != NULL) MiniUnicode_InternInPlace(&o);
    return o;
}

void _MiniUnicode_ClearInterned(void) {
    if (intern_table == NULL) return;
    Mini_ssize_t pos = 0;
    MiniObject *k;
    while (MiniDict_Next(intern_table, &pos, &k, NULL)) ((MiniUnicodeObject *)k)->interned = 0;
    Mini_CLEAR(intern_table);
    _MiniType_EpochBump();   /* type lookups cached by interned name (typeobject.c) */
}

/* ----- the type's slots ------------------------------------------------------------------------- */

static void unicode_dealloc(MiniObject *self) { MiniObject_Free(self); }

/* repr: Python's quoting rules (prefer single quotes; escape the quote, the backslash and every
 * character str.isprintable() rejects, as \\xhh, \\uhhhh or \\Uhhhhhhhh by size). */
static MiniObject *unicode_repr(MiniObject *self) {
    const char *s = _MiniUnicode_DATA(self);
    Mini_ssize_t n = Mini_SIZE(self);
    char quote = '\'';
    if (memchr(s, '\'', (size_t)n) != NULL && memchr(s, '"', (size_t)n) == NULL) quote = '"';
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    _MiniStrBuf_AppendChar(&b, quote);
    for (Mini_ssize_t i = 0; i < n;) {
        int len;
        uint32_t cp = _MiniUnicode_DecodeUTF8(s + i, &len);
        char esc[12];
        if (cp == (uint32_t)quote || cp == '\\') { esc[0] = '\\'; esc[1] = (char)cp; _MiniStrBuf_Append(&b, esc, 2); }
        else if (cp == '\n') _MiniStrBuf_AppendC(&b, "\\n");
        else if (cp == '\r') _MiniStrBuf_AppendC(&b, "\\r");
        else if (cp == '\t') _MiniStrBuf_AppendC(&b, "\\t");
        else if (cp < 0x20 || cp == 0x7F) _MiniStrBuf_AppendFormat(&b, "\\x%02x", (unsigned int)cp);
        else if (cp < 0x7F || _MiniUCD_IsPrintable(cp)) _MiniStrBuf_Append(&b, s + i, (size_t)len);
        else if (cp < 0x100) _MiniStrBuf_AppendFormat(&b, "\\x%02x", (unsigned int)cp);
        else if (cp < 0x10000) _MiniStrBuf_AppendFormat(&b, "\\u%04x", (unsigned int)cp);
        else _MiniStrBuf_AppendFormat(&b, "\\U%08x", (unsigned int)cp);
        i += len;
    }
    _MiniStrBuf_AppendChar(&b, quote);
    return _MiniStrBuf_Finish(&b);
}

static Mini_hash_t unicode_hash(MiniObject *self) { return _MiniUnicode_Hash(self); }

static MiniObject *unicode_richcompare(MiniObject *a, MiniObject *b, int op) {
    if (!MiniUnicode_Check(a) || !MiniUnicode_Check(b)) Mini_RETURN_NOTIMPLEMENTED;
    if (op == Mini_EQ || op == Mini_NE) return MiniBool_FromLong(_MiniUnicode_Eq(a, b) == (op == Mini_EQ));
    /* memcmp order on UTF-8 is code-point order. */
    Mini_ssize_t na = Mini_SIZE(a), nb = Mini_SIZE(b);
    int c = memcmp(_MiniUnicode_DATA(a), _MiniUnicode_DATA(b), (size_t)(na < nb ? na : nb));
    if (c == 0) c = na < nb ? -1 : na > nb ? 1 : 0;
    int r;
    switch (op) {
    case Mini_LT: r = c < 0; break;
    case Mini_LE: r = c <= 0; break;
    case Mini_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return MiniBool_FromLong(r);
}

static Mini_ssize_t unicode_length(MiniObject *self) { return _MiniUnicode_LENGTH(self); }

static MiniObject *unicode_item(MiniObject *self, Mini_ssize_t i) {
    if (i < 0 || i >= _MiniUnicode_LENGTH(self))
        return MiniErr_Format(MiniExc_IndexError, "string index out of range");
    Mini_ssize_t off = byte_offset(self, i);
    int len;
    _MiniUnicode_DecodeUTF8(_MiniUnicode_DATA(self) + off, &len);
    return _MiniUnicode_FromUTF8Unchecked(_MiniUnicode_DATA(self) + off, len);
}

/* self[slice] by code points. */
static MiniObject *unicode_slice(MiniObject *self, MiniObject *slice) {
    Mini_ssize_t start, step, count;
    if (_MiniSlice_Indices(slice, _MiniUnicode_LENGTH(self), &start, &step, &count) < 0) return NULL;
    const char *data = _MiniUnicode_DATA(self);
    if (count <= 0) return _MiniUnicode_FromUTF8Unchecked("", 0);
    if (step == 1) {
        if (start == 0 && count == _MiniUnicode_LENGTH(self) && MiniUnicode_CheckExact(self)) return Mini_NewRef(self);
        Mini_ssize_t b0 = byte_offset(self, start);
        Mini_ssize_t b1 = ((MiniUnicodeObject *)self)->ascii ? start + count : b0 + (byte_offset(self, start + count) - b0);
        return _MiniUnicode_FromUTF8Unchecked(data + b0, b1 - b0);
    }
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    if (((MiniUnicodeObject *)self)->ascii) {
        for (Mini_ssize_t i = 0, j = start; i < count; i++, j += step) _MiniStrBuf_AppendChar(&b, data[j]);
        return _MiniStrBuf_Finish(&b);
    }
    /* Byte offsets of every code point, then pick. */
    Mini_ssize_t n = _MiniUnicode_LENGTH(self), nbytes = Mini_SIZE(self);
    Mini_ssize_t *offs = malloc((size_t)(n + 1) * sizeof(Mini_ssize_t));
    if (offs == NULL) { _MiniStrBuf_Discard(&b); return MiniErr_NoMemory(); }
    for (Mini_ssize_t i = 0, k = 0; i <= nbytes; i++)
        if (i == nbytes || ((unsigned char)data[i] & 0xC0) != 0x80) offs[k++] = i;
    for (Mini_ssize_t i = 0, j = start; i < count; i++, j += step)
        _MiniStrBuf_Append(&b, data + offs[j], (size_t)(offs[j + 1] - offs[j]));
    free(offs);
    return _MiniStrBuf_Finish(&b);
}

static MiniObject *unicode_subscript(MiniObject *self, MiniObject *key) {
    if (MiniSlice_Check(key)) return unicode_slice(self, key);
    if (!MiniLong_Check(key))
        return MiniErr_Format(MiniExc_TypeError, "string indices must be integers, not '%.200s'",
                              Mini_TYPE(key)->tp_name);
    Mini_ssize_t i = MiniNumber_AsSsize_t(key, MiniExc_IndexError);
    if (i == -1 && MiniErr_Occurred()) return NULL;
    if (i < 0) i += _MiniUnicode_LENGTH(self);
    return unicode_item(self, i);
}

static int unicode_contains(MiniObject *self, MiniObject *item) {
    if (!MiniUnicode_Check(item)) {
        MiniErr_Format(MiniExc_TypeError, "'in <string>' requires string as left operand, not %.200s",
                       Mini_TYPE(item)->tp_name);
        return -1;
    }
    if (Mini_SIZE(item) == 0) return 1;
    return memmem(_MiniUnicode_DATA(self), (size_t)Mini_SIZE(self), _MiniUnicode_DATA(item),
                  (size_t)Mini_SIZE(item)) != NULL;
}

static MiniObject *unicode_add(MiniObject *a, MiniObject *b) {
    if (!MiniUnicode_Check(a) || !MiniUnicode_Check(b)) Mini_RETURN_NOTIMPLEMENTED;
    return MiniUnicode_Concat(a, b);
}

static MiniObject *unicode_repeat(MiniObject *a, MiniObject *b) {
    MiniObject *s = MiniUnicode_Check(a) ? a : b, *count = s == a ? b : a;
    if (!MiniUnicode_Check(s) || !MiniLong_Check(count)) Mini_RETURN_NOTIMPLEMENTED;
    Mini_ssize_t k = MiniNumber_AsSsize_t(count, MiniExc_OverflowError);
    if (k == -1 && MiniErr_Occurred()) return NULL;
    if (k < 0) k = 0;
    Mini_ssize_t n = Mini_SIZE(s), total;
    if (__builtin_mul_overflow(n, k, &total))
        return MiniErr_Format(MiniExc_OverflowError, "repeated string is too long");
    MiniObject *o = unicode_alloc(total);
    if (o == NULL) return NULL;
    MiniUnicodeObject *u = (MiniUnicodeObject *)o;
    for (Mini_ssize_t i = 0; i < k; i++) memcpy(u->data + i * n, _MiniUnicode_DATA(s), (size_t)n);
    u->data[total] = '\0';
    u->length = _MiniUnicode_LENGTH(s) * k;
    u->ascii = ((MiniUnicodeObject *)s)->ascii;
    return o;
}

/* str(object='') or str(object=b'', encoding='utf-8', errors='strict'), which decodes bytes. */
static MiniObject *unicode_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    static const char *const names[] = { "object", "encoding", "errors" };
    MiniObject *slots[3] = { NULL, NULL, NULL };
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 3) return MiniErr_Format(MiniExc_TypeError, "str() takes at most 3 arguments (%zd given)", n);
    for (Mini_ssize_t i = 0; i < n; i++) slots[i] = MiniTuple_GET_ITEM(args, i);
    if (kwargs != NULL) {
        Mini_ssize_t pos = 0;
        MiniObject *k, *v;
        while (MiniDict_Next(kwargs, &pos, &k, &v)) {
            int found = -1;
            for (int i = 0; i < 3; i++)
                if (MiniUnicode_EqualToUTF8(k, names[i])) found = i;
            if (found < 0) return MiniErr_Format(MiniExc_TypeError, "'%U' is an invalid keyword argument for str()", k);
            if (slots[found] != NULL)
                return MiniErr_Format(MiniExc_TypeError, "argument for str() given by name ('%s') and position (%d)",
                                      names[found], found + 1);
            slots[found] = v;
        }
    }
    MiniObject *s;
    if (slots[1] == NULL && slots[2] == NULL) {
        s = slots[0] == NULL ? MiniUnicode_FromString("") : MiniObject_Str(slots[0]);
    } else {
        MiniObject *obj = slots[0];
        if (obj == NULL) {
            s = MiniUnicode_FromString("");
        } else if (!MiniBytes_Check(obj)) {
            return MiniErr_Format(MiniExc_TypeError, "decoding to str: need a bytes-like object, %.200s found",
                                  MiniType_Name(Mini_TYPE(obj)));
        } else {
            MiniObject *dargs = MiniTuple_New(slots[2] ? 2 : 1);
            if (dargs == NULL) return NULL;
            MiniTuple_SET_ITEM(dargs, 0, slots[1] ? Mini_NewRef(slots[1]) : MiniUnicode_FromString("utf-8"));
            if (slots[2]) MiniTuple_SET_ITEM(dargs, 1, Mini_NewRef(slots[2]));
            MiniObject *decode = MiniTuple_GET_ITEM(dargs, 0) ? MiniObject_GetAttrString(obj, "decode") : NULL;
            s = decode ? MiniObject_Call(decode, dargs, NULL) : NULL;
            Mini_XDECREF(decode);
            Mini_DECREF(dargs);
        }
    }
    if (s == NULL || type == &MiniUnicode_Type) return s;
    /* A subclass instance: same layout, copied. */
    MiniObject *o = MiniObject_NewVar(type, Mini_SIZE(s));
    if (o != NULL) {
        MiniUnicodeObject *u = (MiniUnicodeObject *)o;
        memcpy(u->data, _MiniUnicode_DATA(s), (size_t)Mini_SIZE(s) + 1);
        u->length = _MiniUnicode_LENGTH(s);
        u->ascii = ((MiniUnicodeObject *)s)->ascii;
        u->hash = -1;
    }
    Mini_DECREF(s);
    return o;
}

/* ----- iteration ------------------------------------------------------------------------------------ */

typedef struct {
    MiniObject_HEAD
    MiniObject *str;         /* owned; NULL once exhausted */
    Mini_ssize_t pos;        /* byte offset of the next code point */
} UnicodeIterObject;

static MiniObject *unicode_iter(MiniObject *self) {
    UnicodeIterObject *it = MiniObject_NEW(UnicodeIterObject, &_MiniUnicodeIter_Type);
    if (it == NULL) return NULL;
    it->str = Mini_NewRef(self);
    return (MiniObject *)it;
}

static void unicodeiter_dealloc(MiniObject *self) {
    Mini_CLEAR(((UnicodeIterObject *)self)->str);
    MiniObject_Free(self);
}

static MiniObject *unicodeiter_next(MiniObject *self) {
    UnicodeIterObject *it = (UnicodeIterObject *)self;
    if (it->str == NULL) return NULL;
    if (it->pos >= Mini_SIZE(it->str)) { Mini_CLEAR(it->str); return NULL; }
    const char *p = _MiniUnicode_DATA(it->str) + it->pos;
    int len;
    _MiniUnicode_DecodeUTF8(p, &len);
    it->pos += len;
    return _MiniUnicode_FromUTF8Unchecked(p, len);
}

static MiniObject *unicodeiter_iter(MiniObject *self) { return Mini_NewRef(self); }

MiniTypeObject _MiniUnicodeIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "str_ascii_iterator",
    .tp_basicsize = sizeof(UnicodeIterObject),
    .tp_dealloc = unicodeiter_dealloc,
    .tp_iter = unicodeiter_iter,
    .tp_iternext = unicodeiter_next,
};

static MiniSequenceMethods unicode_as_sequence = {
    .sq_length = unicode_length,
    .sq_item = unicode_item,
    .sq_contains = unicode_contains,
};

static MiniMappingMethods unicode_as_mapping = {
    .mp_length = unicode_length,
    .mp_subscript = unicode_subscript,
};

static MiniNumberMethods unicode_as_number = {
    .nb_add = unicode_add,
    .nb_multiply = unicode_repeat,
    .nb_remainder = _MiniUnicode_Modulo,
};

/* str(s): s itself, or for an instance of a subclass an exact str with the same text. */
static MiniObject *unicode_str(MiniObject *self) {
    if (MiniUnicode_CheckExact(self)) return Mini_NewRef(self);
    return MiniUnicode_FromStringAndSize(_MiniUnicode_DATA(self), Mini_SIZE(self));
}

MiniTypeObject MiniUnicode_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "str",
    .tp_basicsize = offsetof(MiniUnicodeObject, data) + 1,
    .tp_itemsize = 1,
    .tp_dealloc = unicode_dealloc,
    .tp_repr = unicode_repr,
    .tp_str = unicode_str,
    .tp_hash = unicode_hash,
    .tp_richcompare = unicode_richcompare,
    .tp_iter = unicode_iter,
    .tp_as_number = &unicode_as_number,
    .tp_as_sequence = &unicode_as_sequence,
    .tp_as_mapping = &unicode_as_mapping,
    .tp_methods = _MiniUnicode_Methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_UNICODE_SUBCLASS,
    .tp_doc = "str(object='') -> str",
    .tp_new = unicode_new,
};
