/* dgemm_avx512.c: the AVX-512F + FMA micro-kernel: an 8 x 24 tile of C held in 24 zmm registers
 * (8 rows x 3 vectors of 8 doubles). Each step k loads one 24-wide row of the packed B panel
 * (three aligned zmm loads), broadcasts each of the 8 packed A values of column k, and issues
 * 24 FMAs: 384 flops for 11 loads, with 28 of the 32 zmm registers live and none spilled.
 * Compiled with a per-function target attribute, so the file builds without -mavx512f and the
 * driver calls it only on CPUs that have AVX-512F. */
#include "dgemm_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define MR 8
#define NR 24
#define TARGET __attribute__((target("avx512f,fma")))

/* One k step: multiply A column k (8 values at a) by B row k (b0, b1, b2) into the tile. */
#define ROW(i)                                                        \
    do {                                                              \
        const __m512d ai = _mm512_set1_pd(a[i]);                      \
        c##i##0 = _mm512_fmadd_pd(ai, b0, c##i##0);                   \
        c##i##1 = _mm512_fmadd_pd(ai, b1, c##i##1);                   \
        c##i##2 = _mm512_fmadd_pd(ai, b2, c##i##2);                   \
    } while (0)
#define STEP()                                                        \
    do {                                                              \
        const __m512d b0 = _mm512_load_pd(b);                         \
        const __m512d b1 = _mm512_load_pd(b + 8);                     \
        const __m512d b2 = _mm512_load_pd(b + 16);                    \
        ROW(0); ROW(1); ROW(2); ROW(3); ROW(4); ROW(5); ROW(6); ROW(7); \
        a += MR;                                                      \
        b += NR;                                                      \
    } while (0)
/* Writes row i of the tile to C: stores, or adds to what is there. */
#define OUT(i)                                                                        \
    do {                                                                              \
        double *ci = c + (size_t)(i) * ldc;                                           \
        if (accumulate) {                                                             \
            c##i##0 = _mm512_add_pd(c##i##0, _mm512_loadu_pd(ci));                    \
            c##i##1 = _mm512_add_pd(c##i##1, _mm512_loadu_pd(ci + 8));                \
            c##i##2 = _mm512_add_pd(c##i##2, _mm512_loadu_pd(ci + 16));               \
        }                                                                             \
        _mm512_storeu_pd(ci, c##i##0);                                                \
        _mm512_storeu_pd(ci + 8, c##i##1);                                            \
        _mm512_storeu_pd(ci + 16, c##i##2);                                           \
    } while (0)
#define ZERO(i) __m512d c##i##0 = _mm512_setzero_pd(), c##i##1 = c##i##0, c##i##2 = c##i##0

TARGET static void ukernel_avx512_8x24(size_t kc, const double *restrict a,
                                       const double *restrict b, double *restrict c, size_t ldc,
                                       int accumulate) {
    ZERO(0); ZERO(1); ZERO(2); ZERO(3); ZERO(4); ZERO(5); ZERO(6); ZERO(7);
    /* Touch the tile of C now so its lines arrive while we compute. */
    for (int i = 0; i < MR; i++) {
        const char *ci = (const char *)(c + (size_t)i * ldc);
        _mm_prefetch(ci, _MM_HINT_T0);
        _mm_prefetch(ci + 64, _MM_HINT_T0);
        _mm_prefetch(ci + 128, _MM_HINT_T0);
        _mm_prefetch(ci + 191, _MM_HINT_T0);
    }
    size_t k = kc;
    for (; k >= 4; k -= 4) {
        _mm_prefetch((const char *)(b + 8 * NR), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + 8 * NR + 8), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + 8 * NR + 16), _MM_HINT_T0);
        STEP();
        _mm_prefetch((const char *)(b + 8 * NR), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + 8 * NR + 8), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + 8 * NR + 16), _MM_HINT_T0);
        STEP();
        STEP();
        STEP();
    }
    for (; k > 0; k--) STEP();
    OUT(0); OUT(1); OUT(2); OUT(3); OUT(4); OUT(5); OUT(6); OUT(7);
}

const mini_dgemm_kernel mini_dgemm_kernel_avx512 = {
    .name = "avx512 (8x24 AVX-512F+FMA micro-kernel)",
    .mr = MR, .nr = NR,
    .mc = 1536, .kc = 256, .nc = 240,
    .ukernel = ukernel_avx512_8x24,
};

#else /* not x86-64: no such kernel */
const mini_dgemm_kernel mini_dgemm_kernel_avx512 = { "avx512 (unavailable)", 8, 24, 0, 0, 0, 0 };
#endif
