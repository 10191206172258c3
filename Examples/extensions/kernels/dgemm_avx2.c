/* dgemm_avx2.c: the AVX2 + FMA micro-kernel: a 6 x 8 tile of C held in 12 ymm registers (6 rows
 * x 2 vectors of 4 doubles). Each step k loads one 8-wide row of the packed B panel (two ymm
 * loads), broadcasts the 6 packed A values of column k and issues 12 FMAs, using 15 of the 16
 * ymm registers. Compiled with a per-function target attribute, so the file builds without
 * -mavx2 and the driver calls it only on CPUs that have AVX2 and FMA. */
#include "dgemm_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define MR 6
#define NR 8
#define TARGET __attribute__((target("avx2,fma")))

#define ROW(i)                                                        \
    do {                                                              \
        const __m256d ai = _mm256_broadcast_sd(a + (i));              \
        c##i##0 = _mm256_fmadd_pd(ai, b0, c##i##0);                   \
        c##i##1 = _mm256_fmadd_pd(ai, b1, c##i##1);                   \
    } while (0)
#define STEP()                                                        \
    do {                                                              \
        const __m256d b0 = _mm256_load_pd(b);                         \
        const __m256d b1 = _mm256_load_pd(b + 4);                     \
        ROW(0); ROW(1); ROW(2); ROW(3); ROW(4); ROW(5);               \
        a += MR;                                                      \
        b += NR;                                                      \
    } while (0)
#define OUT(i)                                                                        \
    do {                                                                              \
        double *ci = c + (size_t)(i) * ldc;                                           \
        if (accumulate) {                                                             \
            c##i##0 = _mm256_add_pd(c##i##0, _mm256_loadu_pd(ci));                    \
            c##i##1 = _mm256_add_pd(c##i##1, _mm256_loadu_pd(ci + 4));                \
        }                                                                             \
        _mm256_storeu_pd(ci, c##i##0);                                                \
        _mm256_storeu_pd(ci + 4, c##i##1);                                            \
    } while (0)
#define ZERO(i) __m256d c##i##0 = _mm256_setzero_pd(), c##i##1 = c##i##0

TARGET static void ukernel_avx2_6x8(size_t kc, const double *restrict a,
                                    const double *restrict b, double *restrict c, size_t ldc,
                                    int accumulate) {
    ZERO(0); ZERO(1); ZERO(2); ZERO(3); ZERO(4); ZERO(5);
    for (int i = 0; i < MR; i++) {
        const char *ci = (const char *)(c + (size_t)i * ldc);
        _mm_prefetch(ci, _MM_HINT_T0);
        _mm_prefetch(ci + 63, _MM_HINT_T0);
    }
    size_t k = kc;
    for (; k >= 4; k -= 4) {
        _mm_prefetch((const char *)(b + 8 * NR), _MM_HINT_T0);
        STEP();
        _mm_prefetch((const char *)(b + 8 * NR), _MM_HINT_T0);
        STEP();
        STEP();
        STEP();
    }
    for (; k > 0; k--) STEP();
    OUT(0); OUT(1); OUT(2); OUT(3); OUT(4); OUT(5);
}

const mini_dgemm_kernel mini_dgemm_kernel_avx2 = {
    .name = "avx2 (6x8 AVX2+FMA micro-kernel)",
    .mr = MR, .nr = NR,
    .mc = 1536, .kc = 256, .nc = 240,
    .ukernel = ukernel_avx2_6x8,
};

#else /* not x86-64: no such kernel */
const mini_dgemm_kernel mini_dgemm_kernel_avx2 = { "avx2 (unavailable)", 6, 8, 0, 0, 0, 0 };
#endif
