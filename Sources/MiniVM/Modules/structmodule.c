/* Modules/structmodule.c: the `struct` module: converting between Python values and C structs
 * packed in bytes (pack, unpack, calcsize, iter_unpack, pack_into, unpack_from, Struct, error),
 * with CPython 3.11's behaviour and messages on a 64-bit little-endian host.
 *
 * A format is parsed once into a Struct object: an array of items, one per value (a repeat count
 * of "3i" gives three items, "5s" one item of five bytes, "x" pads and gives none), each with its
 * code, its byte offset and its size. Byte order and sizes come from the first character:
 * '@' (default) native sizes and alignment, '=' '<' little-endian standard sizes, '>' '!'
 * big-endian standard sizes. The error messages differ by mode the way CPython's do (CPython
 * reuses its native converters for the little-endian codes whose sizes match, so '<h' says
 * "short format requires ..." where '>h' says "'h' format requires ..."); `msg_style` below
 * encodes that. Everything runs with the GIL held; buffers are pinned through the buffer protocol
 * while they are read or written. */
#include "stdlib_internal.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static MiniObject *StructError;   /* struct.error (owned; made once) */

enum { MODE_NATIVE, MODE_LITTLE, MODE_BIG };

typedef struct {
    char code;
    Mini_ssize_t offset;
    Mini_ssize_t size;   /* bytes: the code's size, or the count for 's' and 'p' */
} StructItem;

typedef struct {
    MiniObject_HEAD
    MiniObject *format;  /* str */
    int mode;
    Mini_ssize_t size;
    Mini_ssize_t nitems;
    StructItem *items;
} StructObject;

static MiniTypeObject Struct_Type, UnpackIter_Type;

/* ----- parsing a format ------------------------------------------------------------------------ */

/* Size of code in mode, 0 for a code the mode lacks. */
static Mini_ssize_t code_size(char c, int mode) {
    switch (c) {
    case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p': return 1;
    case 'h': case 'H': case 'e': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'q': case 'Q': case 'd': return 8;
    case 'l': case 'L': return mode == MODE_NATIVE ? (Mini_ssize_t)sizeof(long) : 4;
    case 'n': case 'N': return mode == MODE_NATIVE ? (Mini_ssize_t)sizeof(size_t) : 0;
    case 'P': return mode == MODE_NATIVE ? (Mini_ssize_t)sizeof(void *) : 0;
    default: return 0;
    }
}

static int struct_error(const char *msg) {
    MiniErr_SetString(StructError, msg);
    return -1;
}

/* Parses fmt (NUL-terminated, len bytes) into s. 0, or -1 with struct.error / MemoryError. */
static int parse_format(StructObject *s, const char *fmt, Mini_ssize_t len) {
    const char *p = fmt, *end = fmt + len;
    int mode = MODE_NATIVE;
    if (p < end) {
        switch (*p) {
        case '@': p++; break;
        case '=': case '<': mode = MODE_LITTLE; p++; break;
        case '>': case '!': mode = MODE_BIG; p++; break;
        }
    }
    /* First pass: validate, count items and compute the size. */
    Mini_ssize_t size = 0, nitems = 0;
    for (int pass = 0; pass < 2; pass++) {
        size = 0;
        Mini_ssize_t k = 0;
        for (const char *q = p; q < end; ) {
            if (isspace((unsigned char)*q)) { q++; continue; }
            Mini_ssize_t num = 1;
            if (isdigit((unsigned char)*q)) {
                num = 0;
                while (q < end && isdigit((unsigned char)*q)) {
                    int d = *q++ - '0';
                    if (num > (MINI_SSIZE_T_MAX - d) / 10) return struct_error("total struct size too long");
                    num = num * 10 + d;
                }
                if (q == end) return struct_error("repeat count given without format specifier");
            }
            char c = *q++;
            Mini_ssize_t isz = code_size(c, mode);
            if (isz == 0) return struct_error("bad char in struct format");
            if (mode == MODE_NATIVE && c != 's' && c != 'p' && isz > 1) {
                Mini_ssize_t pad = (isz - size % isz) % isz;
                if (size > MINI_SSIZE_T_MAX - pad) return struct_error("total struct size too long");
                size += pad;
            }
            if (c == 's' || c == 'p') {
                if (pass == 1) s->items[k] = (StructItem){c, size, num};
                k++;
                if (size > MINI_SSIZE_T_MAX - num) return struct_error("total struct size too long");
                size += num;
                continue;
            }
            if (num > (MINI_SSIZE_T_MAX - size) / isz) return struct_error("total struct size too long");
            if (c != 'x') {
                if (pass == 1)
                    for (Mini_ssize_t j = 0; j < num; j++) s->items[k + j] = (StructItem){c, size + j * isz, isz};
                k += num;
            }
            size += num * isz;
        }
        if (pass == 0) {
            nitems = k;
            s->items = MiniMem_Malloc((size_t)(nitems ? nitems : 1) * sizeof(StructItem));
            if (s->items == NULL) { MiniErr_NoMemory(); return -1; }
        }
    }
    s->mode = mode;
    s->size = size;
    s->nitems = nitems;
    return 0;
}

/* ----- packing one value ----------------------------------------------------------------------- */

static void store_uint(unsigned char *p, uint64_t v, Mini_ssize_t n, int big) {
    for (Mini_ssize_t i = 0; i < n; i++) {
        p[big ? n - 1 - i : i] = (unsigned char)(v & 0xff);
        v >>= 8;
    }
}

static uint64_t load_uint(const unsigned char *p, Mini_ssize_t n, int big) {
    uint64_t v = 0;
    for (Mini_ssize_t i = 0; i < n; i++) v = (v << 8) | p[big ? i : n - 1 - i];
    return v;
}

/* v as an int (new reference): an int, or anything with __index__; struct.error otherwise. */
static MiniObject *as_int(MiniObject *v) {
    if (MiniLong_Check(v)) return Mini_NewRef(v);
    MiniNumberMethods *nb = Mini_TYPE(v)->tp_as_number;
    if (nb == NULL || nb->nb_index == NULL) {
        struct_error("required argument is not an integer");
        return NULL;
    }
    return MiniNumber_Index(v);
}

/* Replaces a pending OverflowError with struct.error(msg). -1. */
static int overflow_to_error(const char *msg) {
    if (MiniErr_ExceptionMatches(MiniExc_OverflowError)) {
        MiniErr_Clear();
        return struct_error(msg);
    }
    return -1;
}

static int range_error(char c, int named, int mode, long long lo, unsigned long long hi) {
    (void)mode;
    if (named) {
        const char *what = c == 'b' ? "byte" : c == 'B' ? "ubyte" : c == 'h' ? "short" : "ushort";
        MiniErr_Format(StructError, "%s format requires %lld <= number <= %llu", what, lo, hi);
    } else {
        MiniErr_Format(StructError, "'%c' format requires %lld <= number <= %llu", c, lo, hi);
    }
    return -1;
}

/* Packs an integer code. 0 / -1. */
static int pack_integer(const StructItem *it, int mode, MiniObject *v, unsigned char *p) {
    char c = it->code;
    Mini_ssize_t n = it->size;
    int big = mode == MODE_BIG;
    MiniObject *num = as_int(v);
    if (num == NULL) return -1;
    uint64_t bits;
    int sign = c == 'b' || c == 'h' || c == 'i' || c == 'l' || c == 'q' || c == 'n';
    /* Which reader CPython uses: a signed one for the small unsigned codes in the native-like
     * modes (so -1 reaches the range check), an unsigned one otherwise. */
    int signed_reader = sign || c == 'B' || (c == 'H' && mode != MODE_BIG);
    const char *ovf = (big && n == 8) ? "int too large to convert" : "argument out of range";
    if (c == 'P') {
        unsigned long long u = MiniLong_AsUnsignedLongLong(num);
        if (u == (unsigned long long)-1 && MiniErr_Occurred()) {
            MiniErr_Clear();
            long long s = MiniLong_AsLongLong(num);
            if (s == -1 && MiniErr_Occurred()) { Mini_DECREF(num); return overflow_to_error(ovf); }
            u = (unsigned long long)s;
        }
        bits = u;
    } else if (signed_reader) {
        long long s = MiniLong_AsLongLong(num);
        if (s == -1 && MiniErr_Occurred()) { Mini_DECREF(num); return overflow_to_error(ovf); }
        if (n < 8) {
            long long lo = sign ? -(1LL << (n * 8 - 1)) : 0;
            long long hi = sign ? (1LL << (n * 8 - 1)) - 1 : (long long)((1ULL << (n * 8)) - 1);
            if (s < lo || s > hi) {
                Mini_DECREF(num);
                int named = c == 'b' || c == 'B' || ((c == 'h' || c == 'H') && mode != MODE_BIG);
                return range_error(c, named, mode, lo, (unsigned long long)hi);
            }
        }
        bits = (uint64_t)s;
    } else {
        unsigned long long u = MiniLong_AsUnsignedLongLong(num);
        if (u == (unsigned long long)-1 && MiniErr_Occurred()) { Mini_DECREF(num); return overflow_to_error(ovf); }
        if (n < 8 && u > (1ULL << (n * 8)) - 1) {
            Mini_DECREF(num);
            return range_error(c, 0, mode, 0, (1ULL << (n * 8)) - 1);
        }
        bits = u;
    }
    Mini_DECREF(num);
    store_uint(p, bits, n, big);
    return 0;
}

/* IEEE 754 half precision of x, rounded to nearest even. 0, or -1 with OverflowError. */
static int double_to_half(double x, uint16_t *out) {
    uint16_t sign = signbit(x) ? 0x8000 : 0;
    if (isnan(x)) { *out = sign | 0x7e00; return 0; }
    double a = fabs(x);
    if (isinf(x)) { *out = sign | 0x7c00; return 0; }
    if (a == 0) { *out = sign; return 0; }
    int e;
    double m = frexp(a, &e);           /* a = m * 2^e, 0.5 <= m < 1 */
    /* Scale so that the integer part holds the 11 significant bits (or fewer when subnormal). */
    int exp = e - 1;                   /* a = 1.f * 2^exp */
    double scaled;
    uint32_t q;
    if (exp < -14) {                   /* subnormal: units of 2^-24 */
        scaled = ldexp(a, 24);
    } else {
        scaled = ldexp(m, 11);         /* in [1024, 2048) */
    }
    double fl = floor(scaled), rem = scaled - fl;
    q = (uint32_t)fl;
    if (rem > 0.5 || (rem == 0.5 && (q & 1))) q++;
    if (exp < -14) {
        /* q in units of 2^-24: may have rounded up into the normals (q == 1024), which the bit
         * pattern expresses directly. */
        *out = sign | (uint16_t)q;
        return 0;
    }
    if (q == 2048) { q = 1024; exp++; }
    if (exp > 15) {
        MiniErr_SetString(MiniExc_OverflowError, "float too large to pack with e format");
        return -1;
    }
    *out = sign | (uint16_t)((exp + 15) << 10) | (uint16_t)(q & 0x3ff);
    return 0;
}

static double half_to_double(uint16_t h) {
    int sign = h >> 15, exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
    double v;
    if (exp == 0) v = ldexp(frac, -24);
    else if (exp == 31) v = frac ? NAN : INFINITY;
    else v = ldexp(frac + 1024, exp - 25);
    return sign ? -v : v;
}

/* v as a double: floats, ints and anything with __float__ / __index__. 0 / -1. */
static int as_double(MiniObject *v, double *out) {
    if (!MiniFloat_Check(v) && !MiniLong_Check(v)) {
        MiniNumberMethods *nb = Mini_TYPE(v)->tp_as_number;
        if (nb == NULL || (nb->nb_float == NULL && nb->nb_index == NULL))
            return struct_error("required argument is not a float");
    }
    MiniObject *f = MiniNumber_Float(v);
    if (f == NULL) return -1;
    *out = MiniFloat_AsDouble(f);
    Mini_DECREF(f);
    return 0;
}

/* Packs a float code. 0 / -1. */
static int pack_float(const StructItem *it, int mode, MiniObject *v, unsigned char *p) {
    double x;
    if (as_double(v, &x) < 0) return -1;
    int big = mode == MODE_BIG;
    if (it->code == 'd') {
        uint64_t bits;
        memcpy(&bits, &x, 8);
        store_uint(p, bits, 8, big);
    } else if (it->code == 'f') {
        float y = (float)x;
        if (mode != MODE_NATIVE && isinf(y) && !isinf(x)) {
            MiniErr_SetString(MiniExc_OverflowError, "float too large to pack with f format");
            return -1;
        }
        uint32_t bits;
        memcpy(&bits, &y, 4);
        store_uint(p, bits, 4, big);
    } else {
        uint16_t h;
        if (double_to_half(x, &h) < 0) return -1;
        store_uint(p, h, 2, big);
    }
    return 0;
}

/* The bytes of a bytes or bytearray object v, for 's', 'p' and 'c'. 0, or -1 (no error set). */
static int bytes_of(MiniObject *v, MiniBuffer *view) {
    if (!MiniBytes_Check(v) && strcmp(Mini_TYPE(v)->tp_name, "bytearray") != 0) return -1;
    if (MiniObject_GetBuffer(v, view, MINI_BUF_SIMPLE) < 0) { MiniErr_Clear(); return -1; }
    return 0;
}

/* Packs one item at p (zeroed beforehand). 0 / -1. */
static int pack_item(const StructItem *it, int mode, MiniObject *v, unsigned char *p) {
    MiniBuffer view;
    switch (it->code) {
    case 'c':
        if (bytes_of(v, &view) < 0) return struct_error("char format requires a bytes object of length 1");
        if (view.len != 1) { MiniBuffer_Release(&view); return struct_error("char format requires a bytes object of length 1"); }
        p[0] = ((unsigned char *)view.buf)[0];
        MiniBuffer_Release(&view);
        return 0;
    case 's': case 'p': {
        if (bytes_of(v, &view) < 0)
            return it->code == 's' ? struct_error("argument for 's' must be a bytes object")
                                   : struct_error("argument for 'p' must be a bytes object");
        Mini_ssize_t n = view.len;
        if (it->code == 's') {
            if (n > it->size) n = it->size;
            memcpy(p, view.buf, (size_t)n);
        } else if (it->size > 0) {
            if (n > it->size - 1) n = it->size - 1;
            if (n > 0) memcpy(p + 1, view.buf, (size_t)n);
            p[0] = (unsigned char)(n > 255 ? 255 : n);
        }
        MiniBuffer_Release(&view);
        return 0;
    }
    case '?': {
        int t = MiniObject_IsTrue(v);
        if (t < 0) return -1;
        p[0] = (unsigned char)t;
        return 0;
    }
    case 'e': case 'f': case 'd':
        return pack_float(it, mode, v, p);
    default:
        return pack_integer(it, mode, v, p);
    }
}

/* Packs args[0..nargs) (borrowed) into buf (s->size bytes); who names the caller in the count
 * error. 0 / -1. */
static int pack_values(StructObject *s, MiniObject *const *args, Mini_ssize_t nargs, unsigned char *buf,
                       const char *who) {
    if (nargs != s->nitems) {
        MiniErr_Format(StructError, "%s expected %zd items for packing (got %zd)", who, s->nitems, nargs);
        return -1;
    }
    memset(buf, 0, (size_t)s->size);
    for (Mini_ssize_t i = 0; i < s->nitems; i++)
        if (pack_item(&s->items[i], s->mode, args[i], buf + s->items[i].offset) < 0) return -1;
    return 0;
}

/* ----- unpacking ------------------------------------------------------------------------------- */

static MiniObject *unpack_item(const StructItem *it, int mode, const unsigned char *p) {
    int big = mode == MODE_BIG;
    Mini_ssize_t n = it->size;
    switch (it->code) {
    case 'c': return MiniBytes_FromStringAndSize((const char *)p, 1);
    case 's': return MiniBytes_FromStringAndSize((const char *)p, n);
    case 'p': {
        if (n == 0) return MiniBytes_FromStringAndSize("", 0);
        Mini_ssize_t k = p[0];
        if (k > n - 1) k = n - 1;
        return MiniBytes_FromStringAndSize((const char *)p + 1, k);
    }
    case '?': return MiniBool_FromLong(p[0] != 0);
    case 'e': return MiniFloat_FromDouble(half_to_double((uint16_t)load_uint(p, 2, big)));
    case 'f': {
        uint32_t bits = (uint32_t)load_uint(p, 4, big);
        float f;
        memcpy(&f, &bits, 4);
        return MiniFloat_FromDouble(f);
    }
    case 'd': {
        uint64_t bits = load_uint(p, 8, big);
        double d;
        memcpy(&d, &bits, 8);
        return MiniFloat_FromDouble(d);
    }
    case 'b': case 'h': case 'i': case 'l': case 'q': case 'n': {
        uint64_t u = load_uint(p, n, big);
        if (n < 8 && (u >> (n * 8 - 1)) & 1) u |= ~0ULL << (n * 8);
        return MiniLong_FromLongLong((long long)u);
    }
    default:
        return MiniLong_FromUnsignedLongLong(load_uint(p, n, big));
    }
}

/* A tuple of the values in buf (s->size bytes). New reference or NULL. */
static MiniObject *unpack_values(StructObject *s, const unsigned char *buf) {
    MiniObject *t = MiniTuple_New(s->nitems);
    if (t == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < s->nitems; i++) {
        MiniObject *v = unpack_item(&s->items[i], s->mode, buf + s->items[i].offset);
        if (v == NULL) { Mini_DECREF(t); return NULL; }
        MiniTuple_SET_ITEM(t, i, v);
    }
    return t;
}

/* ----- the Struct type ------------------------------------------------------------------------- */

/* A new Struct for format (str or bytes, borrowed). New reference or NULL. */
static MiniObject *struct_make(MiniTypeObject *type, MiniObject *format) {
    MiniObject *fmt;
    if (MiniUnicode_Check(format)) {
        fmt = Mini_NewRef(format);
    } else if (MiniBytes_Check(format)) {
        fmt = MiniUnicode_FromStringAndSize(MiniBytes_AsString(format), MiniBytes_Size(format));
        if (fmt == NULL) return NULL;
    } else {
        return MiniErr_Format(MiniExc_TypeError, "Struct() argument 1 must be a str or bytes object, not %s",
                              MiniType_Name(Mini_TYPE(format)));
    }
    StructObject *s = (StructObject *)MiniObject_New(type);
    if (s == NULL) { Mini_DECREF(fmt); return NULL; }
    s->format = fmt;
    s->items = NULL;
    s->nitems = s->size = 0;
    Mini_ssize_t len;
    const char *text = MiniUnicode_AsUTF8AndSize(fmt, &len);
    if (text == NULL || parse_format(s, text, len) < 0) { Mini_DECREF(s); return NULL; }
    return (MiniObject *)s;
}

static MiniObject *struct_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"format", NULL};
    MiniObject *format = NULL;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|O:Struct", keywords, &format)) return NULL;
    if (format == NULL)
        return MiniErr_Format(MiniExc_TypeError, "Struct() missing required argument 'format' (pos 1)");
    return struct_make(type, format);
}

static void struct_dealloc(MiniObject *op) {
    StructObject *s = (StructObject *)op;
    Mini_XDECREF(s->format);
    MiniMem_Free(s->items);
    MiniObject_Free(op);
}

static MiniObject *do_pack(StructObject *s, MiniObject *const *args, Mini_ssize_t nargs) {
    MiniObject *b = MiniBytes_FromStringAndSize(NULL, s->size);
    if (b == NULL) return NULL;
    if (pack_values(s, args, nargs, (unsigned char *)MiniBytes_AsString(b), "pack") < 0) { Mini_DECREF(b); return NULL; }
    return b;
}

static MiniObject **tuple_items(MiniObject *t) { return &MiniTuple_GET_ITEM(t, 0); }

/* Struct.pack(*values) -> bytes */
static MiniObject *struct_pack(MiniObject *op, MiniObject *args) {
    return do_pack((StructObject *)op, tuple_items(args), MiniTuple_GET_SIZE(args));
}

/* Reads a bytes-like buffer: 0, or -1 with TypeError. */
static int read_buffer(MiniObject *obj, MiniBuffer *view) {
    return MiniObject_GetBuffer(obj, view, MINI_BUF_SIMPLE);
}

static MiniObject *do_unpack(StructObject *s, MiniObject *buffer) {
    MiniBuffer view;
    if (read_buffer(buffer, &view) < 0) return NULL;
    MiniObject *r = NULL;
    if (view.len != s->size)
        MiniErr_Format(StructError, "unpack requires a buffer of %zd bytes", s->size);
    else
        r = unpack_values(s, view.buf);
    MiniBuffer_Release(&view);
    return r;
}

/* Struct.unpack(buffer) -> tuple */
static MiniObject *struct_unpack(MiniObject *op, MiniObject *buffer) {
    return do_unpack((StructObject *)op, buffer);
}

/* Checks offset against a buffer of len bytes for an item of size bytes; *at is where it
 * starts. 0 / -1 with struct.error (what: "unpack_from"/"pack_into"; verb "unpacking"/"packing"). */
static int check_offset(Mini_ssize_t offset, Mini_ssize_t len, Mini_ssize_t size, const char *what,
                        const char *verb, Mini_ssize_t *at) {
    if (offset < 0) {
        if (offset + size > 0) {
            MiniErr_Format(StructError, "no space to %s %zd bytes at offset %zd", verb[0] == 'p' ? "pack" : "unpack", size, offset);
            return -1;
        }
        if (offset + len < 0) {
            MiniErr_Format(StructError, "offset %zd out of range for %zd-byte buffer", offset, len);
            return -1;
        }
        offset += len;
    }
    if (len - offset < size) {
        MiniErr_Format(StructError, "%s requires a buffer of at least %zd bytes for %s %zd bytes at offset %zd (actual buffer size is %zd)",
                       what, size + offset, verb, size, offset, len);
        return -1;
    }
    *at = offset;
    return 0;
}

static MiniObject *do_unpack_from(StructObject *s, MiniObject *buffer, Mini_ssize_t offset) {
    MiniBuffer view;
    if (read_buffer(buffer, &view) < 0) return NULL;
    MiniObject *r = NULL;
    Mini_ssize_t at;
    if (check_offset(offset, view.len, s->size, "unpack_from", "unpacking", &at) == 0)
        r = unpack_values(s, (unsigned char *)view.buf + at);
    MiniBuffer_Release(&view);
    return r;
}

/* Struct.unpack_from(buffer, offset=0) -> tuple */
static MiniObject *struct_unpack_from(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"buffer", "offset", NULL};
    MiniObject *buffer;
    Mini_ssize_t offset = 0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|n:unpack_from", keywords, &buffer, &offset)) return NULL;
    return do_unpack_from((StructObject *)op, buffer, offset);
}

/* pack_into's shared half: values are args[0..n). None or NULL. */
static MiniObject *do_pack_into(StructObject *s, MiniObject *buffer, MiniObject *offobj, MiniObject *const *args,
                                Mini_ssize_t n) {
    MiniBuffer view;
    if (MiniObject_GetBuffer(buffer, &view, MINI_BUF_WRITABLE) < 0) {
        MiniErr_Clear();
        return MiniErr_Format(MiniExc_TypeError, "argument must be read-write bytes-like object, not %s",
                              MiniType_Name(Mini_TYPE(buffer)));
    }
    MiniObject *r = NULL;
    Mini_ssize_t offset = MiniNumber_AsSsize_t(offobj, MiniExc_IndexError), at;
    if (!(offset == -1 && MiniErr_Occurred()) &&
        check_offset(offset, view.len, s->size, "pack_into", "packing", &at) == 0) {
        unsigned char *tmp = MiniMem_Malloc((size_t)(s->size ? s->size : 1));
        if (tmp == NULL) {
            MiniErr_NoMemory();
        } else {
            if (pack_values(s, args, n, tmp, "pack_into") == 0) {
                memcpy((unsigned char *)view.buf + at, tmp, (size_t)s->size);
                r = Mini_NewRef(Mini_None);
            }
            MiniMem_Free(tmp);
        }
    }
    MiniBuffer_Release(&view);
    return r;
}

/* Struct.pack_into(buffer, offset, *values) */
static MiniObject *struct_pack_into(MiniObject *op, MiniObject *args) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n < 2) {
        if (n == 0) return MiniErr_Format(MiniExc_TypeError, "pack_into expected buffer argument");
        return MiniErr_Format(MiniExc_TypeError, "pack_into expected offset argument");
    }
    MiniObject **items = tuple_items(args);
    return do_pack_into((StructObject *)op, items[0], items[1], items + 2, n - 2);
}

/* ----- iter_unpack ----------------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    StructObject *s;
    MiniBuffer view;
    int has_view;
    Mini_ssize_t index;
} UnpackIterObject;

static MiniObject *do_iter_unpack(StructObject *s, MiniObject *buffer) {
    if (s->size == 0) {
        struct_error("cannot iteratively unpack with a struct of length 0");
        return NULL;
    }
    UnpackIterObject *it = (UnpackIterObject *)MiniObject_New(&UnpackIter_Type);
    if (it == NULL) return NULL;
    it->s = (StructObject *)Mini_NewRef((MiniObject *)s);
    it->has_view = 0;
    it->index = 0;
    if (read_buffer(buffer, &it->view) < 0) { Mini_DECREF(it); return NULL; }
    it->has_view = 1;
    if (it->view.len % s->size != 0) {
        MiniErr_Format(StructError, "iterative unpacking requires a buffer of a multiple of %zd bytes", s->size);
        Mini_DECREF(it);
        return NULL;
    }
    return (MiniObject *)it;
}

static void unpackiter_dealloc(MiniObject *op) {
    UnpackIterObject *it = (UnpackIterObject *)op;
    if (it->has_view) MiniBuffer_Release(&it->view);
    Mini_XDECREF((MiniObject *)it->s);
    MiniObject_Free(op);
}

static MiniObject *unpackiter_next(MiniObject *op) {
    UnpackIterObject *it = (UnpackIterObject *)op;
    if (!it->has_view) return NULL;
    if (it->index + it->s->size > it->view.len) {
        MiniBuffer_Release(&it->view);
        it->has_view = 0;
        return NULL;
    }
    MiniObject *r = unpack_values(it->s, (unsigned char *)it->view.buf + it->index);
    it->index += it->s->size;
    return r;
}

static MiniObject *unpackiter_iter(MiniObject *op) { return Mini_NewRef(op); }

static MiniObject *unpackiter_length_hint(MiniObject *op, MiniObject *unused) {
    (void)unused;
    UnpackIterObject *it = (UnpackIterObject *)op;
    Mini_ssize_t left = it->has_view ? (it->view.len - it->index) / it->s->size : 0;
    return MiniLong_FromSsize_t(left);
}

static MiniMethodDef unpackiter_methods[] = {
    {"__length_hint__", unpackiter_length_hint, MINI_METH_NOARGS, "Number of items left."},
    {NULL, NULL, 0, NULL},
};

static MiniTypeObject UnpackIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_struct.unpack_iterator",
    .tp_basicsize = sizeof(UnpackIterObject),
    .tp_dealloc = unpackiter_dealloc,
    .tp_iter = unpackiter_iter,
    .tp_iternext = unpackiter_next,
    .tp_methods = unpackiter_methods,
    .tp_doc = "An iterator over the structs packed in a buffer.",
};

/* Struct.iter_unpack(buffer) -> iterator of tuples */
static MiniObject *struct_iter_unpack(MiniObject *op, MiniObject *buffer) {
    return do_iter_unpack((StructObject *)op, buffer);
}

static MiniObject *struct_get_format(MiniObject *op, void *closure) {
    (void)closure;
    return Mini_NewRef(((StructObject *)op)->format);
}

static MiniObject *struct_get_size(MiniObject *op, void *closure) {
    (void)closure;
    return MiniLong_FromSsize_t(((StructObject *)op)->size);
}

#define KW (MINI_METH_VARARGS | MINI_METH_KEYWORDS)

static MiniMethodDef struct_methods[] = {
    {"pack", struct_pack, MINI_METH_VARARGS, "pack(v1, v2, ...) -> bytes packed by the format."},
    {"pack_into", struct_pack_into, MINI_METH_VARARGS, "pack_into(buffer, offset, v1, v2, ...): pack into a writable buffer."},
    {"unpack", struct_unpack, MINI_METH_O, "unpack(buffer) -> tuple; the buffer must be exactly size bytes."},
    {"unpack_from", _MiniCFunction_CAST(struct_unpack_from), KW, "unpack_from(buffer, offset=0) -> tuple."},
    {"iter_unpack", struct_iter_unpack, MINI_METH_O, "iter_unpack(buffer) -> iterator of tuples."},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef struct_getset[] = {
    {"format", struct_get_format, NULL, "the format string", NULL},
    {"size", struct_get_size, NULL, "the size in bytes of the packed struct", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniTypeObject Struct_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_struct.Struct",
    .tp_basicsize = sizeof(StructObject),
    .tp_dealloc = struct_dealloc,
    .tp_methods = struct_methods,
    .tp_getset = struct_getset,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "Struct(format): a compiled struct format.",
    .tp_new = struct_new,
};

/* ----- module functions ------------------------------------------------------------------------ */

/* The Struct for a format argument (new reference) or NULL. */
static StructObject *get_struct(MiniObject *format) {
    return (StructObject *)struct_make(&Struct_Type, format);
}

static MiniObject *mod_calcsize(MiniObject *self, MiniObject *format) {
    (void)self;
    StructObject *s = get_struct(format);
    if (s == NULL) return NULL;
    MiniObject *r = MiniLong_FromSsize_t(s->size);
    Mini_DECREF(s);
    return r;
}

static MiniObject *mod_pack(MiniObject *self, MiniObject *args) {
    (void)self;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n == 0) return MiniErr_Format(MiniExc_TypeError, "missing format argument");
    StructObject *s = get_struct(MiniTuple_GET_ITEM(args, 0));
    if (s == NULL) return NULL;
    MiniObject *r = do_pack(s, tuple_items(args) + 1, n - 1);
    Mini_DECREF(s);
    return r;
}

static MiniObject *mod_pack_into(MiniObject *self, MiniObject *args) {
    (void)self;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n == 0) return MiniErr_Format(MiniExc_TypeError, "missing format argument");
    if (n < 3) {
        if (n == 1) return MiniErr_Format(MiniExc_TypeError, "pack_into expected buffer argument");
        return MiniErr_Format(MiniExc_TypeError, "pack_into expected offset argument");
    }
    StructObject *s = get_struct(MiniTuple_GET_ITEM(args, 0));
    if (s == NULL) return NULL;
    MiniObject **items = tuple_items(args);
    MiniObject *r = do_pack_into(s, items[1], items[2], items + 3, n - 3);
    Mini_DECREF(s);
    return r;
}

static MiniObject *mod_unpack(MiniObject *self, MiniObject *args) {
    (void)self;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n != 2) return MiniErr_Format(MiniExc_TypeError, "unpack expected 2 arguments, got %zd", n);
    StructObject *s = get_struct(MiniTuple_GET_ITEM(args, 0));
    if (s == NULL) return NULL;
    MiniObject *r = do_unpack(s, MiniTuple_GET_ITEM(args, 1));
    Mini_DECREF(s);
    return r;
}

static MiniObject *mod_unpack_from(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)self;
    static char *keywords[] = {"format", "buffer", "offset", NULL};
    MiniObject *format, *buffer;
    Mini_ssize_t offset = 0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "OO|n:unpack_from", keywords, &format, &buffer, &offset)) return NULL;
    StructObject *s = get_struct(format);
    if (s == NULL) return NULL;
    MiniObject *r = do_unpack_from(s, buffer, offset);
    Mini_DECREF(s);
    return r;
}

static MiniObject *mod_iter_unpack(MiniObject *self, MiniObject *args) {
    (void)self;
    MiniObject *format, *buffer;
    if (!MiniArg_UnpackTuple(args, "iter_unpack", 2, 2, &format, &buffer)) return NULL;
    StructObject *s = get_struct(format);
    if (s == NULL) return NULL;
    MiniObject *r = do_iter_unpack(s, buffer);
    Mini_DECREF(s);
    return r;
}

static MiniMethodDef struct_module_methods[] = {
    {"calcsize", mod_calcsize, MINI_METH_O, "calcsize(format) -> size in bytes of the struct."},
    {"pack", mod_pack, MINI_METH_VARARGS, "pack(format, v1, v2, ...) -> bytes."},
    {"pack_into", mod_pack_into, MINI_METH_VARARGS, "pack_into(format, buffer, offset, v1, v2, ...)."},
    {"unpack", mod_unpack, MINI_METH_VARARGS, "unpack(format, buffer) -> tuple."},
    {"unpack_from", _MiniCFunction_CAST(mod_unpack_from), KW, "unpack_from(format, buffer, offset=0) -> tuple."},
    {"iter_unpack", mod_iter_unpack, MINI_METH_VARARGS, "iter_unpack(format, buffer) -> iterator of tuples."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef struct_module = {
    MiniModuleDef_HEAD_INIT, "struct",
    "Convert between Python values and C structs packed in bytes.",
    0, struct_module_methods,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the struct module, or NULL with an exception. */
MiniObject *MiniInit_struct(void) {
    if (StructError == NULL) {
        StructError = MiniErr_NewException("struct.error", NULL, NULL);
        if (StructError == NULL) return NULL;
    }
    if (MiniType_Ready(&Struct_Type) < 0 || MiniType_Ready(&UnpackIter_Type) < 0) return NULL;
    MiniObject *m = MiniModule_Create(&struct_module);
    if (m == NULL) return NULL;
    if (MiniModule_AddObjectRef(m, "Struct", (MiniObject *)&Struct_Type) < 0 ||
        MiniModule_AddObjectRef(m, "error", StructError) < 0) {
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}
