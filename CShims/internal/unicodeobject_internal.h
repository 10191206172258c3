/* internal/unicodeobject_internal.h: the memory layout of str objects and the constructors the
 * runtime uses when it already knows the bytes are valid UTF-8.
 *
 * A str is one allocation: header, cached lengths and hash, then the UTF-8 bytes and a NUL.
 * ob_size counts bytes (without the NUL); length counts code points; ascii is 1 when both are
 * equal, which makes indexing O(1). */
#ifndef MINI_UNICODEOBJECT_INTERNAL_H
#define MINI_UNICODEOBJECT_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "unicodeobject_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

typedef struct MiniUnicodeObject {
    MiniObject_VAR_HEAD      /* ob_size: UTF-8 byte length */
    Mini_ssize_t length;     /* code points */
    Mini_hash_t hash;        /* -1 until first computed */
    unsigned char ascii;     /* every code point < 128 */
    unsigned char interned;  /* held by the intern table */
    char data[1];            /* ob_size bytes, then NUL */
} MiniUnicodeObject;

#define _MiniUnicode_DATA(op) (((MiniUnicodeObject *)(op))->data)
#define _MiniUnicode_NBYTES(op) (((MiniVarObject *)(op))->ob_size)
#define _MiniUnicode_LENGTH(op) (((MiniUnicodeObject *)(op))->length)

/* New str from n bytes the caller guarantees are valid UTF-8. New reference or NULL (MemoryError). */
MiniObject *_MiniUnicode_FromUTF8Unchecked(const char *s, Mini_ssize_t n);
/* As _MiniUnicode_FromUTF8Unchecked when the caller knows the text's code point count (a piece
 * of an ASCII str: length == n), which skips counting it. New reference or NULL (MemoryError). */
MiniObject *_MiniUnicode_FromUTF8Counted(const char *s, Mini_ssize_t n, Mini_ssize_t length);
/* Number of code points in valid UTF-8. */
Mini_ssize_t _MiniUnicode_CountCodePoints(const char *s, Mini_ssize_t n);
/* -1 if s[0..n) is entirely valid UTF-8, else the byte offset of the first invalid sequence
 * (and, through bad_len when not NULL, how many bytes it spans). */
Mini_ssize_t _MiniUnicode_FindInvalid(const char *s, Mini_ssize_t n, Mini_ssize_t *bad_len);
/* Fast equality of two str objects (no exception). */
int _MiniUnicode_Eq(MiniObject *a, MiniObject *b);
/* Hash of str contents (cached). */
Mini_hash_t _MiniUnicode_Hash(MiniObject *s);
/* Encodes code point cp (< 0x110000) as UTF-8 into out; returns the byte count (1..4). */
MINI_INLINE int _MiniUnicode_EncodeUTF8(uint32_t cp, char *out) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F)); return 4;
}
/* Decodes the code point at p (valid UTF-8) and stores its byte length in *len. */
MINI_INLINE uint32_t _MiniUnicode_DecodeUTF8(const char *p, int *len) {
    const unsigned char *s = (const unsigned char *)p;
    if (s[0] < 0x80) { *len = 1; return s[0]; }
    if (s[0] < 0xE0) { *len = 2; return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F); }
    if (s[0] < 0xF0) { *len = 3; return ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F); }
    *len = 4;
    return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) | ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}
/* Fills the immortal one-character ASCII strings (start-up; idempotent). */
void _MiniUnicode_InitCharCache(void);
/* Drops the intern table (runtime shut-down). */
void _MiniUnicode_ClearInterned(void);

/* str.casefold(): Unicode full case folding of s (unicode_casefold.c). New reference. */
MiniObject *_MiniUnicode_CaseFold(MiniObject *s);

#endif
