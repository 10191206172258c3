/* Sources/SHA256Kernel/sha256_shani.c: the SHA-256 compression function on the x86 SHA extensions (SHA-NI).
 *
 * How the instructions map onto FIPS 180-4:
 *   - the eight working variables live in two xmm registers, ABEF = {a,b,e,f} and CDGH =
 *     {c,d,g,h} (high lane to low lane), the layout sha256rnds2 wants;
 *   - sha256rnds2(cdgh, abef, wk) performs two rounds using the two low words of wk (W[t] + K[t])
 *     and returns the new ABEF; calling it again with the operands swapped and the upper two words
 *     of wk moved down performs the next two, so a pair of rnds2 consumes one 4-word group;
 *   - the message schedule advances four words at a time:
 *       W[t..t+3] = msg2(msg1(W[t-16..], W[t-12..]) + alignr(W[t-4..], W[t-8..], 4), W[t-4..]).
 * The round chain (32 dependent rnds2 per block) is the critical path; the schedule for later
 * groups is computed between the two rnds2 of the current group so it hides in their latency.
 * The whole 64-round body is unrolled, the state stays in registers across blocks, and nothing
 * but the loads happens per block.
 *
 * Compiled with per-function target attributes so the rest of the file set (and the build) needs
 * no -msha; it must only be called when the CPU has SHA, SSSE3 and SSE4.1 (see sha256.c). */
#include "sha256.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define SHANI_TARGET __attribute__((target("sha,sse4.1")))

/* The round constants again (see sha256_portable.c), aligned for 16-byte loads. */
static const uint32_t K[64] __attribute__((aligned(16))) = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

/* Group g (rounds 4g..4g+3) with its message words in register m: two rnds2 on W+K. */
#define RNDS4_BEGIN(g, m)                                                          \
    wk = _mm_add_epi32((m), _mm_load_si128((const __m128i *)&K[4 * (g)]));         \
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk)
#define RNDS4_END()                                                                \
    wk = _mm_shuffle_epi32(wk, 0x0E);                                              \
    abef = _mm_sha256rnds2_epu32(abef, cdgh, wk)

/* Schedule step "finish": next = msg2(next + alignr(cur, prev, 4), cur), where next already holds
 * msg1(W[g-3], W[g-2]). Produces W[g+1]. */
#define SCHED_FINISH(next, cur, prev)                                              \
    next = _mm_add_epi32(next, _mm_alignr_epi8(cur, prev, 4));                     \
    next = _mm_sha256msg2_epu32(next, cur)
/* Schedule step "start": prev = msg1(prev, cur), the first half of W[g+3]. */
#define SCHED_START(prev, cur) prev = _mm_sha256msg1_epu32(prev, cur)

SHANI_TARGET
void miniext_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t nblocks) {
    /* Byte order: the message is big-endian words; pshufb with this mask swaps each word. */
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i abef, cdgh, wk, m0, m1, m2, m3;

    /* state[0..3] = {a,b,c,d}, state[4..7] = {e,f,g,h} (low lane first) -> ABEF, CDGH. */
    __m128i t = _mm_loadu_si128((const __m128i *)&state[0]);   /* d c b a */
    cdgh = _mm_loadu_si128((const __m128i *)&state[4]);        /* h g f e */
    t = _mm_shuffle_epi32(t, 0xB1);                             /* c d a b */
    cdgh = _mm_shuffle_epi32(cdgh, 0x1B);                       /* e f g h */
    abef = _mm_alignr_epi8(t, cdgh, 8);                         /* a b e f */
    cdgh = _mm_blend_epi16(cdgh, t, 0xF0);                      /* c d g h */

    while (nblocks-- > 0) {
        const __m128i abef_in = abef, cdgh_in = cdgh;

        /* Groups 0-3 read the block; msg1 for later groups starts as soon as two are loaded. */
        m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), bswap);
        RNDS4_BEGIN(0, m0);
        m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), bswap);
        RNDS4_END();
        RNDS4_BEGIN(1, m1);
        m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), bswap);
        RNDS4_END();
        SCHED_START(m0, m1);
        RNDS4_BEGIN(2, m2);
        m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), bswap);
        RNDS4_END();
        SCHED_START(m1, m2);
        RNDS4_BEGIN(3, m3);
        SCHED_FINISH(m0, m3, m2);                               /* W[16..19] */
        RNDS4_END();
        SCHED_START(m2, m3);

        /* Groups 4-12: each finishes the next group's words and starts the one three ahead.
         * Register m(g mod 4) holds group g; the rotation is spelled out. */
        RNDS4_BEGIN(4, m0);  SCHED_FINISH(m1, m0, m3); RNDS4_END(); SCHED_START(m3, m0);
        RNDS4_BEGIN(5, m1);  SCHED_FINISH(m2, m1, m0); RNDS4_END(); SCHED_START(m0, m1);
        RNDS4_BEGIN(6, m2);  SCHED_FINISH(m3, m2, m1); RNDS4_END(); SCHED_START(m1, m2);
        RNDS4_BEGIN(7, m3);  SCHED_FINISH(m0, m3, m2); RNDS4_END(); SCHED_START(m2, m3);
        RNDS4_BEGIN(8, m0);  SCHED_FINISH(m1, m0, m3); RNDS4_END(); SCHED_START(m3, m0);
        RNDS4_BEGIN(9, m1);  SCHED_FINISH(m2, m1, m0); RNDS4_END(); SCHED_START(m0, m1);
        RNDS4_BEGIN(10, m2); SCHED_FINISH(m3, m2, m1); RNDS4_END(); SCHED_START(m1, m2);
        RNDS4_BEGIN(11, m3); SCHED_FINISH(m0, m3, m2); RNDS4_END(); SCHED_START(m2, m3);
        RNDS4_BEGIN(12, m0); SCHED_FINISH(m1, m0, m3); RNDS4_END(); SCHED_START(m3, m0);
        /* Groups 13-14 only finish the last schedule words; group 15 just rounds. */
        RNDS4_BEGIN(13, m1); SCHED_FINISH(m2, m1, m0); RNDS4_END();
        RNDS4_BEGIN(14, m2); SCHED_FINISH(m3, m2, m1); RNDS4_END();
        RNDS4_BEGIN(15, m3); RNDS4_END();

        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
        data += MINIEXT_SHA256_BLOCK_SIZE;
    }

    /* Back to {a,b,c,d}, {e,f,g,h}. */
    t = _mm_shuffle_epi32(abef, 0x1B);                          /* f e b a */
    cdgh = _mm_shuffle_epi32(cdgh, 0xB1);                       /* d c h g */
    abef = _mm_blend_epi16(t, cdgh, 0xF0);                      /* d c b a */
    cdgh = _mm_alignr_epi8(cdgh, t, 8);                         /* h g f e */
    _mm_storeu_si128((__m128i *)&state[0], abef);
    _mm_storeu_si128((__m128i *)&state[4], cdgh);
}

#else /* not x86: the dispatcher never selects this path; keep the symbol for the linker. */

void miniext_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t nblocks) {
    miniext_sha256_blocks_portable(state, data, nblocks);
}

#endif
