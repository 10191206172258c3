/* dgemm_portable.c: the plain-C micro-kernel, for CPUs without AVX2 (and as the reference the
 * SIMD kernels are tested against). A 4 x 8 tile of C is accumulated in a local array that the
 * compiler keeps in vector registers (SSE2 on any x86-64); no intrinsics, no target attributes. */
#include "dgemm_internal.h"

#define MR 4
#define NR 8

static void ukernel_portable_4x8(size_t kc, const double *restrict a, const double *restrict b,
                                 double *restrict c, size_t ldc, int accumulate) {
    double acc[MR][NR] = {{0}};
    for (size_t k = 0; k < kc; k++, a += MR, b += NR) {
        for (int i = 0; i < MR; i++) {
            const double ai = a[i];
            for (int j = 0; j < NR; j++) acc[i][j] += ai * b[j];
        }
    }
    for (int i = 0; i < MR; i++) {
        double *ci = c + (size_t)i * ldc;
        if (accumulate) {
            for (int j = 0; j < NR; j++) ci[j] += acc[i][j];
        } else {
            for (int j = 0; j < NR; j++) ci[j] = acc[i][j];
        }
    }
}

const mini_dgemm_kernel mini_dgemm_kernel_portable = {
    .name = "portable (4x8 C micro-kernel)",
    .mr = MR, .nr = NR,
    .mc = 1536, .kc = 256, .nc = 240,
    .ukernel = ukernel_portable_4x8,
};
