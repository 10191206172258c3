/* Sources/SHA256Kernel/sha256_portable.c: the SHA-256 compression function (FIPS 180-4 section 6.2.2) in
 * plain C, for CPUs without the SHA extensions and as the reference the SHA-NI path is tested
 * against. The 64 rounds are fully unrolled with the working variables renamed instead of moved,
 * and the message schedule is kept as a 16-word ring computed just in time. */
#include "sha256.h"

/* FIPS 180-4 section 4.2.2: the round constants (first 32 bits of the fractional parts of the
 * cube roots of the first 64 primes). */
static const uint32_t K[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }
static inline uint32_t load_be32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

/* The functions of section 4.1.2. Ch and Maj are written in their cheaper equivalent forms. */
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define BSIG0(x) (rotr((x), 2) ^ rotr((x), 13) ^ rotr((x), 22))
#define BSIG1(x) (rotr((x), 6) ^ rotr((x), 11) ^ rotr((x), 25))
#define SSIG0(x) (rotr((x), 7) ^ rotr((x), 18) ^ ((x) >> 3))
#define SSIG1(x) (rotr((x), 17) ^ rotr((x), 19) ^ ((x) >> 10))

/* W[t] for t >= 16, computed in place in the 16-word ring w. */
#define SCHEDULE(t) (w[(t) & 15] += SSIG1(w[((t) - 2) & 15]) + w[((t) - 7) & 15] + SSIG0(w[((t) - 15) & 15]))
/* One round: instead of shifting a..h down, the callers rotate the argument order. */
#define ROUND(a, b, c, d, e, f, g, h, t, wt) do {                 \
        uint32_t t1 = (h) + BSIG1(e) + CH(e, f, g) + K[t] + (wt);  \
        uint32_t t2 = BSIG0(a) + MAJ(a, b, c);                     \
        (d) += t1;                                                 \
        (h) = t1 + t2;                                             \
    } while (0)
/* Eight rounds starting at t, the first 16 reading the block, the rest the schedule. */
#define ROUND8_LOAD(t)                                                     \
    ROUND(a, b, c, d, e, f, g, h, (t) + 0, w[(t) + 0] = load_be32(data + 4 * ((t) + 0))); \
    ROUND(h, a, b, c, d, e, f, g, (t) + 1, w[(t) + 1] = load_be32(data + 4 * ((t) + 1))); \
    ROUND(g, h, a, b, c, d, e, f, (t) + 2, w[(t) + 2] = load_be32(data + 4 * ((t) + 2))); \
    ROUND(f, g, h, a, b, c, d, e, (t) + 3, w[(t) + 3] = load_be32(data + 4 * ((t) + 3))); \
    ROUND(e, f, g, h, a, b, c, d, (t) + 4, w[(t) + 4] = load_be32(data + 4 * ((t) + 4))); \
    ROUND(d, e, f, g, h, a, b, c, (t) + 5, w[(t) + 5] = load_be32(data + 4 * ((t) + 5))); \
    ROUND(c, d, e, f, g, h, a, b, (t) + 6, w[(t) + 6] = load_be32(data + 4 * ((t) + 6))); \
    ROUND(b, c, d, e, f, g, h, a, (t) + 7, w[(t) + 7] = load_be32(data + 4 * ((t) + 7)))
#define ROUND8_SCHED(t)                                        \
    ROUND(a, b, c, d, e, f, g, h, (t) + 0, SCHEDULE((t) + 0)); \
    ROUND(h, a, b, c, d, e, f, g, (t) + 1, SCHEDULE((t) + 1)); \
    ROUND(g, h, a, b, c, d, e, f, (t) + 2, SCHEDULE((t) + 2)); \
    ROUND(f, g, h, a, b, c, d, e, (t) + 3, SCHEDULE((t) + 3)); \
    ROUND(e, f, g, h, a, b, c, d, (t) + 4, SCHEDULE((t) + 4)); \
    ROUND(d, e, f, g, h, a, b, c, (t) + 5, SCHEDULE((t) + 5)); \
    ROUND(c, d, e, f, g, h, a, b, (t) + 6, SCHEDULE((t) + 6)); \
    ROUND(b, c, d, e, f, g, h, a, (t) + 7, SCHEDULE((t) + 7))

void miniext_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t nblocks) {
    uint32_t w[16];
    while (nblocks-- > 0) {
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        ROUND8_LOAD(0);
        ROUND8_LOAD(8);
        ROUND8_SCHED(16);
        ROUND8_SCHED(24);
        ROUND8_SCHED(32);
        ROUND8_SCHED(40);
        ROUND8_SCHED(48);
        ROUND8_SCHED(56);
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
        data += MINIEXT_SHA256_BLOCK_SIZE;
    }
}
