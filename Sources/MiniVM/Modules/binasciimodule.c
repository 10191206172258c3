/* modules/binasciimodule.c: the `binascii` module, the C half of base64.py (Lib/base64.py): the
 * exception binascii.Error (a ValueError), base64 lines (b2a_base64 / a2b_base64 with CPython
 * 3.11's lenient decoding: characters outside the alphabet are skipped, decoding stops at a
 * complete padding; and strict_mode), hex (hexlify / unhexlify, b2a_hex / a2b_hex), and the loops
 * base64.py's base32/base16/ascii85/base85 functions run (in binascii_85.c), with CPython's
 * results and error messages. Inputs are bytes-like objects (decoders also take ASCII str, as
 * binascii does); results are new bytes. Every function holds the GIL for its whole run (the
 * inputs are small next to the cost of a thread switch; the buffer is pinned anyway). */
#include "stdlib_internal.h"
#include "binascii_internal.h"

#include <stdlib.h>
#include <string.h>

MiniObject *_MiniBinascii_Error;

static const char b64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* The decoding table of an alphabet of n characters: value or 0xff. */
static void build_reverse(const char *alphabet, int n, unsigned char table[256]) {
    memset(table, 0xff, 256);
    for (int i = 0; i < n; i++) table[(unsigned char)alphabet[i]] = (unsigned char)i;
}

int _MiniBinascii_GetInput(MiniObject *arg, MiniBuffer *view, int str_ok) {
    if (str_ok && MiniUnicode_Check(arg)) {
        Mini_ssize_t n;
        const char *s = MiniUnicode_AsUTF8AndSize(arg, &n);
        if (s == NULL) return -1;
        for (Mini_ssize_t i = 0; i < n; i++) {
            if ((unsigned char)s[i] >= 0x80) {
                MiniErr_SetString(MiniExc_ValueError, "string argument should contain only ASCII characters");
                return -1;
            }
        }
        return MiniBuffer_FillInfo(view, arg, (void *)s, n, 1, MINI_BUF_SIMPLE);
    }
    if (MiniUnicode_Check(arg) || !MiniObject_CheckBuffer(arg)) {
        MiniErr_Format(MiniExc_TypeError, "a bytes-like object is required, not '%.100s'", Mini_TYPE(arg)->tp_name);
        return -1;
    }
    return MiniObject_GetBuffer(arg, view, MINI_BUF_SIMPLE);
}

MiniObject *_MiniBinascii_Error_Format(const char *fmt, Mini_ssize_t value) {
    return MiniErr_Format(_MiniBinascii_Error, fmt, value);
}

/* ----- base64 ----------------------------------------------------------------------------------- */

/* The base64 text of data (bytes-like), with a newline at the end when asked: new bytes. */
static MiniObject *b64_encode(MiniObject *data, int newline) {
    MiniBuffer v;
    if (_MiniBinascii_GetInput(data, &v, 0) < 0) return NULL;
    const unsigned char *in = v.buf;
    Mini_ssize_t n = v.len, outlen = (n + 2) / 3 * 4 + (newline ? 1 : 0);
    MiniObject *r = MiniBytes_FromStringAndSize(NULL, outlen);
    if (r != NULL) {
        char *out = MiniBytes_AsString(r);
        Mini_ssize_t i = 0;
        for (; i + 3 <= n; i += 3) {
            unsigned v24 = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
            *out++ = b64_alphabet[v24 >> 18];
            *out++ = b64_alphabet[(v24 >> 12) & 63];
            *out++ = b64_alphabet[(v24 >> 6) & 63];
            *out++ = b64_alphabet[v24 & 63];
        }
        if (n - i == 1) {
            *out++ = b64_alphabet[in[i] >> 2];
            *out++ = b64_alphabet[(in[i] & 3) << 4];
            *out++ = '=';
            *out++ = '=';
        } else if (n - i == 2) {
            *out++ = b64_alphabet[in[i] >> 2];
            *out++ = b64_alphabet[(in[i] & 3) << 4 | in[i + 1] >> 4];
            *out++ = b64_alphabet[(in[i + 1] & 15) << 2];
            *out++ = '=';
        }
        if (newline) *out = '\n';
    }
    MiniBuffer_Release(&v);
    return r;
}

/* b2a_base64(data, *, newline=True): one base64 line. */
static MiniObject *b2a_base64(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *kwlist[] = {"data", "newline", NULL};
    MiniObject *data;
    int newline = 1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|$p:b2a_base64", kwlist, &data, &newline)) return NULL;
    return b64_encode(data, newline);
}

/* The base64 decoding table, filled by the module's init (before any call can read it). */
static unsigned char b64_table[256];

static Mini_ssize_t b64_fail(const char *message) {
    MiniErr_SetString(_MiniBinascii_Error, message);
    return -1;
}

/* Decodes in[0:n] into out (room for n * 3 / 4 + 3 bytes) as CPython 3.11's a2b_base64: the
 * number of bytes, or -1 with binascii.Error set. Lenient mode skips characters outside the
 * alphabet and stops at a complete padding; strict mode rejects both, and padding out of place. */
static Mini_ssize_t b64_decode_into(const unsigned char *in, Mini_ssize_t n, unsigned char *out, int strict) {
    unsigned char *o = out;
    int quad = 0, pads = 0, padding_started = 0;
    unsigned left = 0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        unsigned char c = in[i];
        if (c == '=') {
            padding_started = 1;
            if (strict && i == 0) return b64_fail("Leading padding not allowed");
            if (quad >= 2 && quad + ++pads >= 4) {     /* a complete padding ends the data */
                if (strict && i + 1 < n) return b64_fail("Excess data after padding");
                return o - out;
            }
            continue;
        }
        unsigned char d = b64_table[c];
        if (d == 0xff) {
            if (strict) return b64_fail("Only base64 data is allowed");
            continue;
        }
        if (strict && padding_started) return b64_fail("Discontinuous padding not allowed");
        pads = 0;
        switch (quad) {
        case 0: left = d; quad = 1; break;
        case 1: *o++ = (unsigned char)(left << 2 | d >> 4); left = d & 15; quad = 2; break;
        case 2: *o++ = (unsigned char)(left << 4 | d >> 2); left = d & 3; quad = 3; break;
        default: *o++ = (unsigned char)(left << 6 | d); quad = 0; break;
        }
    }
    if (quad == 1) {
        _MiniBinascii_Error_Format("Invalid base64-encoded string: number of data characters (%zd) cannot be 1 "
                                   "more than a multiple of 4", (o - out) / 3 * 4 + 1);
        return -1;
    }
    if (quad != 0) return b64_fail("Incorrect padding");
    return o - out;
}

/* Decodes the view (its bytes with alt[0]/alt[1] read as '+'/'/' when alt is not NULL). */
static MiniObject *b64_decode_view(MiniBuffer *v, const unsigned char *alt, int strict) {
    unsigned char *out = malloc((size_t)(v->len / 4 * 3 + 3));
    unsigned char *copy = alt ? malloc((size_t)v->len + 1) : NULL;
    MiniObject *r = NULL;
    if (out == NULL || (alt && copy == NULL)) { MiniErr_NoMemory(); goto done; }
    const unsigned char *in = v->buf;
    if (alt) {
        for (Mini_ssize_t i = 0; i < v->len; i++)
            copy[i] = in[i] == alt[0] ? '+' : in[i] == alt[1] ? '/' : in[i];
        in = copy;
    }
    Mini_ssize_t k = b64_decode_into(in, v->len, out, strict);
    if (k >= 0) r = MiniBytes_FromStringAndSize((const char *)out, k);
done:
    free(out);
    free(copy);
    return r;
}

/* a2b_base64(data, *, strict_mode=False): the bytes a base64 text stands for. */
static MiniObject *a2b_base64(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *kwlist[] = {"data", "strict_mode", NULL};
    MiniObject *data;
    int strict = 0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|$p:a2b_base64", kwlist, &data, &strict)) return NULL;
    MiniBuffer v;
    if (_MiniBinascii_GetInput(data, &v, 1) < 0) return NULL;
    MiniObject *r = b64_decode_view(&v, NULL, strict);
    MiniBuffer_Release(&v);
    return r;
}

/* The last component of a type's name (what type.__name__ shows). */
static const char *short_type_name(MiniObject *o) {
    const char *name = Mini_TYPE(o)->tp_name, *dot = strrchr(name, '.');
    return dot ? dot + 1 : name;
}

/* base64's own argument checks, made here so its small calls run no Python code: altchars None
 * (the standard alphabet) or exactly 2 bytes, else ValueError. 0, or -1 with the error set. */
static int get_altchars(MiniObject *arg, MiniBuffer *alt, int *standard) {
    *standard = arg == Mini_None;
    if (*standard) return 0;
    if (MiniObject_GetBuffer(arg, alt, MINI_BUF_SIMPLE) < 0) return -1;
    const unsigned char *a = alt->buf;
    if (alt->len != 2) {
        MiniErr_Format(MiniExc_ValueError, "2 alternative characters expected");
        MiniBuffer_Release(alt);
        return -1;
    }
    if (a[0] == '+' && a[1] == '/') { MiniBuffer_Release(alt); *standard = 1; }
    return 0;
}

/* _b64decode(data, altchars, validate): base64.b64decode's whole work. data is bytes-like or an
 * ASCII str (else TypeError "argument should be a bytes-like object or ASCII string, not 'T'", or
 * ValueError for a non-ASCII str, base64's errors); altchars None (standard) or 2 bytes. New bytes,
 * or NULL with binascii.Error for bad data. Arguments are read without a format string. */
static MiniObject *b64decode(MiniObject *m, MiniObject *args) {
    (void)m;
    if (MiniTuple_GET_SIZE(args) != 3) return MiniErr_Format(MiniExc_TypeError, "_b64decode expected 3 arguments");
    MiniObject *data = MiniTuple_GET_ITEM(args, 0);
    int strict = MiniObject_IsTrue(MiniTuple_GET_ITEM(args, 2));
    if (strict < 0) return NULL;
    if (!MiniUnicode_Check(data) && !MiniObject_CheckBuffer(data))
        return MiniErr_Format(MiniExc_TypeError, "argument should be a bytes-like object or ASCII string, not '%.100s'",
                              short_type_name(data));
    MiniBuffer alt, v;
    int standard;
    if (get_altchars(MiniTuple_GET_ITEM(args, 1), &alt, &standard) < 0) return NULL;
    MiniObject *r = NULL;
    if (_MiniBinascii_GetInput(data, &v, 1) == 0) {
        r = b64_decode_view(&v, standard ? NULL : alt.buf, strict);
        MiniBuffer_Release(&v);
    }
    if (!standard) MiniBuffer_Release(&alt);
    return r;
}

/* _b64encode(data, altchars): base64.b64encode's whole work: b2a_base64 without the newline,
 * '+'/'/' replaced by altchars (None: kept). New bytes; TypeError for data that is not bytes-like. */
static MiniObject *b64encode(MiniObject *m, MiniObject *args) {
    (void)m;
    if (MiniTuple_GET_SIZE(args) != 2) return MiniErr_Format(MiniExc_TypeError, "_b64encode expected 2 arguments");
    MiniBuffer alt;
    int standard;
    if (get_altchars(MiniTuple_GET_ITEM(args, 1), &alt, &standard) < 0) return NULL;
    MiniObject *r = b64_encode(MiniTuple_GET_ITEM(args, 0), 0);
    if (r != NULL && !standard) {
        char *p = MiniBytes_AsString(r);
        const char *a = alt.buf;
        for (Mini_ssize_t i = 0; i < MiniBytes_Size(r); i++) {
            if (p[i] == '+') p[i] = a[0];
            else if (p[i] == '/') p[i] = a[1];
        }
    }
    if (!standard) MiniBuffer_Release(&alt);
    return r;
}

/* ----- hex -------------------------------------------------------------------------------------- */

static MiniObject *hexlify_impl(MiniObject *data, int upper) {
    MiniBuffer v;
    if (_MiniBinascii_GetInput(data, &v, 0) < 0) return NULL;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    MiniObject *r = MiniBytes_FromStringAndSize(NULL, v.len * 2);
    if (r != NULL) {
        char *out = MiniBytes_AsString(r);
        const unsigned char *in = v.buf;
        for (Mini_ssize_t i = 0; i < v.len; i++) {
            out[2 * i] = digits[in[i] >> 4];
            out[2 * i + 1] = digits[in[i] & 15];
        }
    }
    MiniBuffer_Release(&v);
    return r;
}

static int hex_value(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

MiniObject *_MiniBinascii_Unhexlify(const unsigned char *in, Mini_ssize_t n) {
    if (n % 2) { MiniErr_SetString(_MiniBinascii_Error, "Odd-length string"); return NULL; }
    MiniObject *r = MiniBytes_FromStringAndSize(NULL, n / 2);
    if (r == NULL) return NULL;
    unsigned char *out = (unsigned char *)MiniBytes_AsString(r);
    for (Mini_ssize_t i = 0; i < n; i += 2) {
        int hi = hex_value(in[i]), lo = hex_value(in[i + 1]);
        if (hi < 0 || lo < 0) {
            Mini_DECREF(r);
            MiniErr_SetString(_MiniBinascii_Error, "Non-hexadecimal digit found");
            return NULL;
        }
        out[i / 2] = (unsigned char)(hi << 4 | lo);
    }
    return r;
}

static MiniObject *hexlify(MiniObject *m, MiniObject *data) { (void)m; return hexlify_impl(data, 0); }

static MiniObject *unhexlify(MiniObject *m, MiniObject *data) {
    (void)m;
    MiniBuffer v;
    if (_MiniBinascii_GetInput(data, &v, 1) < 0) return NULL;
    MiniObject *r = _MiniBinascii_Unhexlify(v.buf, v.len);
    MiniBuffer_Release(&v);
    return r;
}

/* _b16encode(data): upper-case hex, as base64.b16encode. */
static MiniObject *b16encode(MiniObject *m, MiniObject *data) { (void)m; return hexlify_impl(data, 1); }

/* ----- the module ------------------------------------------------------------------------------- */

#define KW (MINI_METH_VARARGS | MINI_METH_KEYWORDS)

static MiniMethodDef binascii_methods[] = {
    {"b2a_base64", _MiniCFunction_CAST(b2a_base64), KW, "b2a_base64(data, *, newline=True)\n--\n\nBase64-code a line of data."},
    {"a2b_base64", _MiniCFunction_CAST(a2b_base64), KW, "a2b_base64(data, *, strict_mode=False)\n--\n\nDecode a line of base64 data."},
    {"hexlify", hexlify, MINI_METH_O, "hexlify(data)\n--\n\nHexadecimal representation of binary data."},
    {"b2a_hex", hexlify, MINI_METH_O, "b2a_hex(data)\n--\n\nHexadecimal representation of binary data."},
    {"unhexlify", unhexlify, MINI_METH_O, "unhexlify(hexstr)\n--\n\nBinary data of a hexadecimal representation."},
    {"a2b_hex", unhexlify, MINI_METH_O, "a2b_hex(hexstr)\n--\n\nBinary data of a hexadecimal representation."},
    {"_b64encode", b64encode, MINI_METH_VARARGS, "base64.b64encode's work: (data, altchars)."},
    {"_b64decode", b64decode, MINI_METH_VARARGS, "base64.b64decode's work: (data, altchars, validate)."},
    {"_b16encode", b16encode, MINI_METH_O, "base64.b16encode's loop."},
    {"_b32encode", _MiniBinascii_B32Encode, MINI_METH_VARARGS, "base64.b32encode's loop: (data, alphabet)."},
    {"_b32decode", _MiniBinascii_B32Decode, MINI_METH_VARARGS, "base64.b32decode's loop: (data, alphabet)."},
    {"_b16decode", _MiniBinascii_B16Decode, MINI_METH_O, "base64.b16decode's loop (upper-case digits only)."},
    {"_a85encode", _MiniBinascii_A85Encode, MINI_METH_VARARGS, "base64.a85encode's loop: (data, foldspaces, wrapcol, pad, adobe)."},
    {"_a85decode", _MiniBinascii_A85Decode, MINI_METH_VARARGS, "base64.a85decode's loop: (data, foldspaces, adobe, ignorechars)."},
    {"_b85encode", _MiniBinascii_B85Encode, MINI_METH_VARARGS, "base64.b85encode's loop: (data, pad)."},
    {"_b85decode", _MiniBinascii_B85Decode, MINI_METH_O, "base64.b85decode's loop."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef binascii_module = {MiniModuleDef_HEAD_INIT, "binascii",
                                        "Conversions between binary data and ASCII (base64, hex; base64.py's loops).", -1,
                                        binascii_methods, .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED};

MiniObject *MiniInit_binascii(void) {
    build_reverse(b64_alphabet, 64, b64_table);
    MiniObject *m = MiniModule_Create(&binascii_module);
    if (m == NULL) return NULL;
    Mini_XDECREF(_MiniBinascii_Error);
    _MiniBinascii_Error = MiniErr_NewException("binascii.Error", MiniExc_ValueError, NULL);
    if (_MiniBinascii_Error == NULL || MiniModule_AddObjectRef(m, "Error", _MiniBinascii_Error) < 0) {
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}
