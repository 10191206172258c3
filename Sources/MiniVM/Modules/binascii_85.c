/* modules/binascii_85.c: the loops under base64.py's base32, base16-decoding, Ascii85 and base85
 * functions, exposed as private functions of the `binascii` module (binasciimodule.c) so that
 * Lib/base64.py only checks arguments and converts inputs. Each one gives the bytes and the errors
 * CPython 3.11's base64 gives: binascii.Error "Incorrect padding" / "Non-base32 digit found" /
 * "Non-base16 digit found", ValueError "Non-Ascii85 digit found: x", "Ascii85 overflow", "bad
 * base85 character at position N", ... The GIL is held throughout. */
#include "stdlib_internal.h"
#include "binascii_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char b85_alphabet[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

/* A growable output buffer (malloc'd) turned into bytes at the end. */
typedef struct { unsigned char *p; Mini_ssize_t len, cap; } Out;

static int out_reserve(Out *o, Mini_ssize_t extra) {
    if (o->len + extra <= o->cap) return 0;
    Mini_ssize_t cap = o->cap ? o->cap : 64;
    while (cap < o->len + extra) cap *= 2;
    unsigned char *p = realloc(o->p, (size_t)cap);
    if (p == NULL) { MiniErr_NoMemory(); return -1; }
    o->p = p;
    o->cap = cap;
    return 0;
}

/* The bytes of o[0:len] (len clipped at 0) and o freed; NULL when make is 0 or on failure. */
static MiniObject *out_finish(Out *o, int make) {
    MiniObject *r = make ? MiniBytes_FromStringAndSize((const char *)o->p, o->len < 0 ? 0 : o->len) : NULL;
    free(o->p);
    return r;
}

static uint32_t be32(const unsigned char *b) {
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* ----- base32 ----------------------------------------------------------------------------------- */

/* _b32encode(data, alphabet): 8 characters per 5 bytes, '=' padding. */
MiniObject *_MiniBinascii_B32Encode(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *data;
    MiniBuffer alpha;
    if (!MiniArg_ParseTuple(args, "Oy*:_b32encode", &data, &alpha)) return NULL;
    MiniBuffer v;
    if (alpha.len != 32) { MiniBuffer_Release(&alpha); return MiniErr_Format(MiniExc_ValueError, "alphabet of 32 expected"); }
    if (_MiniBinascii_GetInput(data, &v, 0) < 0) { MiniBuffer_Release(&alpha); return NULL; }
    const unsigned char *in = v.buf;
    const char *a = alpha.buf;
    Mini_ssize_t n = v.len, groups = (n + 4) / 5;
    MiniObject *r = MiniBytes_FromStringAndSize(NULL, groups * 8);
    if (r != NULL) {
        char *out = MiniBytes_AsString(r);
        for (Mini_ssize_t g = 0; g < groups; g++) {
            unsigned char five[5] = {0, 0, 0, 0, 0};
            Mini_ssize_t take = n - g * 5 < 5 ? n - g * 5 : 5;
            memcpy(five, in + g * 5, (size_t)take);
            uint64_t acc = (uint64_t)five[0] << 32 | (uint64_t)be32(five + 1);
            for (int i = 0; i < 8; i++) out[g * 8 + i] = a[(acc >> (35 - 5 * i)) & 31];
            if (take < 5) {
                static const int pads[5] = {0, 6, 4, 3, 1};
                memset(out + g * 8 + 8 - pads[take], '=', (size_t)pads[take]);
            }
        }
    }
    MiniBuffer_Release(&v);
    MiniBuffer_Release(&alpha);
    return r;
}

/* The base32 decoding of s[0:n] (already case-folded and 0/1-mapped) over alphabet a. */
static MiniObject *b32_decode(const unsigned char *s, Mini_ssize_t n, const unsigned char *a) {
    unsigned char rev[256];
    memset(rev, 0xff, sizeof rev);
    for (int i = 0; i < 32; i++) rev[a[i]] = (unsigned char)i;
    if (n % 8) { MiniErr_SetString(_MiniBinascii_Error, "Incorrect padding"); return NULL; }
    Mini_ssize_t len = n;
    while (len > 0 && s[len - 1] == '=') len--;
    Mini_ssize_t padchars = n - len;
    Out o = {0};
    uint64_t acc = 0;
    for (Mini_ssize_t i = 0; i < len; i += 8) {
        acc = 0;
        for (Mini_ssize_t j = i; j < i + 8 && j < len; j++) {
            if (rev[s[j]] == 0xff) { MiniErr_SetString(_MiniBinascii_Error, "Non-base32 digit found"); return out_finish(&o, 0); }
            acc = acc << 5 | rev[s[j]];
        }
        if (out_reserve(&o, 5) < 0) return out_finish(&o, 0);
        for (int k = 0; k < 5; k++) o.p[o.len++] = (unsigned char)(acc >> (32 - 8 * k));
    }
    if (!(padchars == 0 || padchars == 1 || padchars == 3 || padchars == 4 || padchars == 6)) {
        MiniErr_SetString(_MiniBinascii_Error, "Incorrect padding");
        return out_finish(&o, 0);
    }
    if (padchars && o.len > 0) {
        acc <<= 5 * padchars;
        Mini_ssize_t keep = (43 - 5 * padchars) / 8;
        o.len -= 5;
        for (Mini_ssize_t k = 0; k < keep; k++) o.p[o.len++] = (unsigned char)(acc >> (32 - 8 * k));
    }
    return out_finish(&o, 1);
}

/* _b32decode(data, alphabet). */
MiniObject *_MiniBinascii_B32Decode(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniBuffer v, alpha;
    if (!MiniArg_ParseTuple(args, "y*y*:_b32decode", &v, &alpha)) return NULL;
    MiniObject *r = alpha.len == 32 ? b32_decode(v.buf, v.len, alpha.buf)
                                    : MiniErr_Format(MiniExc_ValueError, "alphabet of 32 expected");
    MiniBuffer_Release(&v);
    MiniBuffer_Release(&alpha);
    return r;
}

/* _b16decode(data): upper-case hex digits only (base64.py case-folds first when asked). */
MiniObject *_MiniBinascii_B16Decode(MiniObject *m, MiniObject *data) {
    (void)m;
    MiniBuffer v;
    if (_MiniBinascii_GetInput(data, &v, 0) < 0) return NULL;
    const unsigned char *s = v.buf;
    MiniObject *r = NULL;
    for (Mini_ssize_t i = 0; i < v.len; i++) {
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'F'))) {
            MiniErr_SetString(_MiniBinascii_Error, "Non-base16 digit found");
            goto done;
        }
    }
    r = _MiniBinascii_Unhexlify(s, v.len);
done:
    MiniBuffer_Release(&v);
    return r;
}

/* ----- Ascii85 and base85 ----------------------------------------------------------------------- */

/* The 85-encoding of in[0:n] over chars (first 85): a 4-byte zero word as 'z' (foldnuls), four
 * spaces as 'y' (foldspaces), a last partial word padded with zeros and, unless pad, cut back. */
static int encode85(Out *o, const unsigned char *in, Mini_ssize_t n, const char *chars, int foldnuls, int foldspaces, int pad) {
    Mini_ssize_t padding = (4 - n % 4) % 4, words = (n + padding) / 4;
    if (out_reserve(o, words * 5) < 0) return -1;
    Mini_ssize_t last_start = o->len;
    for (Mini_ssize_t w = 0; w < words; w++) {
        unsigned char four[4] = {0, 0, 0, 0};
        Mini_ssize_t take = n - w * 4 < 4 ? n - w * 4 : 4;
        memcpy(four, in + w * 4, (size_t)take);
        uint32_t word = be32(four);
        last_start = o->len;
        if (foldnuls && word == 0) { o->p[o->len++] = 'z'; continue; }
        if (foldspaces && word == 0x20202020u) { o->p[o->len++] = 'y'; continue; }
        for (int i = 4; i >= 0; i--) { o->p[o->len + i] = (unsigned char)chars[word % 85]; word /= 85; }
        o->len += 5;
    }
    if (padding && !pad) {
        if (o->len - last_start == 1 && o->p[last_start] == 'z') {
            memset(o->p + last_start, chars[0], 5);
            o->len = last_start + 5;
        }
        o->len -= padding;
    }
    return 0;
}

/* a85encode's line wrapping and Adobe markers applied to the encoded text e (consumed). */
static MiniObject *a85_wrap(Out *e, Mini_ssize_t wrapcol, int adobe) {
    Out o = {0};
    Mini_ssize_t n = e->len + (adobe ? 2 : 0);
    if (wrapcol) wrapcol = wrapcol < (adobe ? 2 : 1) ? (adobe ? 2 : 1) : wrapcol;
    if (out_reserve(&o, n + (wrapcol ? n / wrapcol + 2 : 0) + 3) < 0) { free(e->p); return out_finish(&o, 0); }
    Mini_ssize_t col = 0, last_line = 0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        unsigned char c = adobe ? (i < 2 ? (unsigned char)"<~"[i] : e->p[i - 2]) : e->p[i];
        if (wrapcol && col == wrapcol) { o.p[o.len++] = '\n'; col = 0; }
        o.p[o.len++] = c;
        col++;
    }
    last_line = col;
    if (adobe) {
        if (wrapcol && last_line + 2 > wrapcol) o.p[o.len++] = '\n';
        o.p[o.len++] = '~';
        o.p[o.len++] = '>';
    }
    free(e->p);
    return out_finish(&o, 1);
}

/* _a85encode(data, foldspaces, wrapcol, pad, adobe). */
MiniObject *_MiniBinascii_A85Encode(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *data;
    int foldspaces, pad, adobe;
    Mini_ssize_t wrapcol;
    if (!MiniArg_ParseTuple(args, "Opnpp:_a85encode", &data, &foldspaces, &wrapcol, &pad, &adobe)) return NULL;
    MiniBuffer v;
    if (_MiniBinascii_GetInput(data, &v, 0) < 0) return NULL;
    char chars[85];
    for (int i = 0; i < 85; i++) chars[i] = (char)(33 + i);
    Out e = {0};
    int rc = encode85(&e, v.buf, v.len, chars, 1, foldspaces, pad);
    MiniBuffer_Release(&v);
    if (rc < 0) return out_finish(&e, 0);
    if (!wrapcol && !adobe) return out_finish(&e, 1);
    return a85_wrap(&e, wrapcol, adobe);
}

/* Appends one decoded 4-byte word; -1 with ValueError msg when acc does not fit 32 bits. */
static int put_word(Out *o, uint64_t acc, const char *overflow, Mini_ssize_t at) {
    if (acc > 0xffffffffu) {
        if (at < 0) MiniErr_SetString(MiniExc_ValueError, overflow);
        else MiniErr_Format(MiniExc_ValueError, overflow, at);
        return -1;
    }
    if (out_reserve(o, 4) < 0) return -1;
    for (int k = 0; k < 4; k++) o->p[o->len++] = (unsigned char)(acc >> (24 - 8 * k));
    return 0;
}

/* Ascii85 decoding of s[0:n]: as base64.a85decode after its Adobe markers are handled. */
static MiniObject *a85_decode(const unsigned char *s, Mini_ssize_t n, int foldspaces, const unsigned char *ignore,
                              Mini_ssize_t nignore) {
    Out o = {0};
    uint64_t acc = 0;
    int count = 0;
    for (Mini_ssize_t i = 0; i < n + 4; i++) {
        unsigned char x = i < n ? s[i] : 'u';
        if (x >= '!' && x <= 'u') {
            acc = acc * 85 + (uint64_t)(x - 33);
            if (++count == 5) {
                if (put_word(&o, acc, "Ascii85 overflow", -1) < 0) return out_finish(&o, 0);
                acc = 0;
                count = 0;
            }
        } else if (x == 'z' || (foldspaces && x == 'y')) {
            if (count) {
                MiniErr_SetString(MiniExc_ValueError, x == 'z' ? "z inside Ascii85 5-tuple" : "y inside Ascii85 5-tuple");
                return out_finish(&o, 0);
            }
            if (put_word(&o, x == 'z' ? 0 : 0x20202020u, "", -1) < 0) return out_finish(&o, 0);
        } else if (memchr(ignore, x, (size_t)nignore) == NULL) {
            MiniErr_Format(MiniExc_ValueError, "Non-Ascii85 digit found: %c", (int)x);
            return out_finish(&o, 0);
        }
    }
    o.len -= 4 - count;
    return out_finish(&o, 1);
}

/* _a85decode(data, foldspaces, adobe, ignorechars). */
MiniObject *_MiniBinascii_A85Decode(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniBuffer v, ign;
    int foldspaces, adobe;
    if (!MiniArg_ParseTuple(args, "y*ppy*:_a85decode", &v, &foldspaces, &adobe, &ign)) return NULL;
    const unsigned char *s = v.buf;
    Mini_ssize_t n = v.len;
    MiniObject *r = NULL;
    if (adobe) {
        if (n < 2 || s[n - 2] != '~' || s[n - 1] != '>') {
            MiniErr_SetString(MiniExc_ValueError, "Ascii85 encoded byte sequences must end with b'~>'");
            goto done;
        }
        n -= 2;
        if (n >= 2 && s[0] == '<' && s[1] == '~') { s += 2; n -= 2; }
    }
    r = a85_decode(s, n, foldspaces, ign.buf, ign.len);
done:
    MiniBuffer_Release(&v);
    MiniBuffer_Release(&ign);
    return r;
}

/* _b85encode(data, pad). */
MiniObject *_MiniBinascii_B85Encode(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *data;
    int pad;
    if (!MiniArg_ParseTuple(args, "Op:_b85encode", &data, &pad)) return NULL;
    MiniBuffer v;
    if (_MiniBinascii_GetInput(data, &v, 0) < 0) return NULL;
    Out e = {0};
    int rc = encode85(&e, v.buf, v.len, b85_alphabet, 0, 0, pad);
    MiniBuffer_Release(&v);
    return out_finish(&e, rc == 0);
}

/* _b85decode(data): groups of 5 characters, the last padded with '~' and cut back. */
MiniObject *_MiniBinascii_B85Decode(MiniObject *m, MiniObject *data) {
    (void)m;
    MiniBuffer v;
    if (_MiniBinascii_GetInput(data, &v, 0) < 0) return NULL;
    unsigned char rev[256];
    memset(rev, 0xff, sizeof rev);
    for (int i = 0; i < 85; i++) rev[(unsigned char)b85_alphabet[i]] = (unsigned char)i;
    const unsigned char *s = v.buf;
    Mini_ssize_t n = v.len, padding = (5 - n % 5) % 5;
    Out o = {0};
    int ok = 1;
    for (Mini_ssize_t i = 0; ok && i < n + padding; i += 5) {
        uint64_t acc = 0;
        for (Mini_ssize_t j = i; j < i + 5; j++) {
            unsigned char c = j < n ? s[j] : '~';
            if (rev[c] == 0xff) {
                MiniErr_Format(MiniExc_ValueError, "bad base85 character at position %zd", j);
                ok = 0;
                break;
            }
            acc = acc * 85 + rev[c];
        }
        if (ok && put_word(&o, acc, "base85 overflow in hunk starting at byte %zd", i) < 0) ok = 0;
    }
    MiniBuffer_Release(&v);
    o.len -= padding;
    return out_finish(&o, ok);
}
