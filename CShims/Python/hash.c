/* Python/hash.c: the hashing primitives the built-in types share: identity hashes for objects that
 * compare by identity, a byte-string hash for str and bytes, and CPython's numeric hash for
 * floats (so that equal numbers of different types hash alike: hash(2.0) == hash(2)). */
#include "mini.h"
#include "objimpl_internal.h"

#include <math.h>

Mini_hash_t _Mini_HashPointer(const void *p) {
    /* Objects are at least 16-byte aligned: rotate the always-zero low bits away. */
    uintptr_t y = (uintptr_t)p;
    y = (y >> 4) | (y << (8 * sizeof(uintptr_t) - 4));
    Mini_hash_t h = (Mini_hash_t)y;
    return h == -1 ? -2 : h;
}

Mini_hash_t _Mini_HashBytes(const void *p, Mini_ssize_t n) {
    /* FNV-1a, 64 bit. Deterministic (no per-process seed), so dict order and hashes are
     * reproducible in tests. */
    const unsigned char *s = p;
    uint64_t h = 14695981039346656037ULL;
    for (Mini_ssize_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    Mini_hash_t r = (Mini_hash_t)h;
    return r == -1 ? -2 : r;
}

Mini_hash_t _Mini_HashDouble(MiniObject *inst, double v) {
    if (!isfinite(v)) {
        if (isinf(v)) return v > 0 ? MINI_HASH_INF : -MINI_HASH_INF;
        return _Mini_HashPointer(inst);
    }
    /* Reduce |v| = m * 2**e modulo 2**61 - 1, 28 mantissa bits at a time; multiplying by
     * 2**k modulo 2**61 - 1 is a rotation of the 61-bit value. */
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) { sign = -1; m = -m; }
    uint64_t x = 0;
    while (m != 0.0) {
        x = ((x << 28) & MINI_HASH_MODULUS) | x >> (MINI_HASH_BITS - 28);
        m *= 268435456.0;   /* 2**28 */
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= MINI_HASH_MODULUS) x -= MINI_HASH_MODULUS;
    }
    e = e >= 0 ? e % MINI_HASH_BITS : MINI_HASH_BITS - 1 - ((-1 - e) % MINI_HASH_BITS);
    x = ((x << e) & MINI_HASH_MODULUS) | x >> (MINI_HASH_BITS - e);
    Mini_hash_t h = (Mini_hash_t)x * sign;
    return h == -1 ? -2 : h;
}
