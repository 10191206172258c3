/* dgemm.c: the blocked, packed driver behind mini_dgemm, and the run-time choice of micro-kernel.
 *
 * The product C = A * B is cut so that every operand the innermost code touches sits in a cache
 * level close to the core (the Goto/BLIS scheme, with the roles of A and B arranged so that the
 * A micro-panel is the L1-resident operand and each block is packed only once):
 *
 *   for pc over K in steps of KC                       the shared dimension
 *     for ic over M in steps of MC                     rows of C and A (MC is large: usually all of M)
 *       pack A[ic:ic+mc, pc:pc+kc] -> Ap               MC x KC, in L3; packed once per (pc, ic)
 *       for jc over N in steps of NC                   columns of C and B
 *         pack B[pc:pc+kc, jc:jc+nc] -> Bp             KC x NC, stays in L2
 *         for ir over mc in steps of MR                one A micro-panel (MR x KC) stays in L1 ...
 *           for jr over nc in steps of NR              ... while B micro-panels stream from L2
 *             micro-kernel: C[ir:ir+MR, jr:jr+NR] (+)= Ap[ir] * Bp[jr]
 *
 * Packing copies each block into the exact order the micro-kernel reads it (A as kc columns of
 * MR values, B as kc rows of NR values), contiguous and 64-byte aligned, padded with zeros to
 * whole micro-panels. So the micro-kernel always computes a full MR x NR tile; a tile that hangs
 * over the edge of C is computed into a small local buffer and only its valid part is copied
 * out. The first K block stores into C, the later ones add, so C is never read before written.
 * With MC >= M (the usual case) A and B are each packed exactly once per call; packing is then
 * a few percent of the time of a 1024^3 product.
 *
 * Block sizes are spread evenly (K = 300 with KC = 256 gives two blocks of 150, not 256 + 44),
 * so no block is wastefully thin. Packing buffers are allocated per call (at most MC x KC +
 * KC x NC doubles, about 3.5 MB, and no more than the problem needs): calls never share state,
 * which is what makes concurrent multiplies from several threads safe. */
#include "dgemm.h"
#include "dgemm_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----- packing ------------------------------------------------------------------------------ */

/* Packs rows [0, mc) x columns [0, kc) of A into ceil(mc/mr) micro-panels, each kc groups of mr
 * values; rows past mc are zeros. */
static void pack_a(size_t mc, size_t kc, const double *A, size_t lda, size_t mr, double *Ap) {
    for (size_t i0 = 0; i0 < mc; i0 += mr) {
        size_t rows = mc - i0 < mr ? mc - i0 : mr;
        double *dst = Ap + i0 * kc;
        if (rows == mr && mr == 8) {
            /* The common case, unrolled so the compiler keeps eight row pointers in registers. */
            const double *a0 = A + (i0 + 0) * lda, *a1 = A + (i0 + 1) * lda;
            const double *a2 = A + (i0 + 2) * lda, *a3 = A + (i0 + 3) * lda;
            const double *a4 = A + (i0 + 4) * lda, *a5 = A + (i0 + 5) * lda;
            const double *a6 = A + (i0 + 6) * lda, *a7 = A + (i0 + 7) * lda;
            for (size_t k = 0; k < kc; k++, dst += 8) {
                dst[0] = a0[k]; dst[1] = a1[k]; dst[2] = a2[k]; dst[3] = a3[k];
                dst[4] = a4[k]; dst[5] = a5[k]; dst[6] = a6[k]; dst[7] = a7[k];
            }
            continue;
        }
        for (size_t r = 0; r < mr; r++) {
            if (r < rows) {
                const double *src = A + (i0 + r) * lda;
                for (size_t k = 0; k < kc; k++) dst[k * mr + r] = src[k];
            } else {
                for (size_t k = 0; k < kc; k++) dst[k * mr + r] = 0.0;
            }
        }
    }
}

/* Packs rows [0, kc) x columns [0, nc) of B into ceil(nc/nr) micro-panels, each kc groups of nr
 * values; columns past nc are zeros. */
static void pack_b(size_t kc, size_t nc, const double *B, size_t ldb, size_t nr, double *Bp) {
    for (size_t j0 = 0; j0 < nc; j0 += nr) {
        size_t cols = nc - j0 < nr ? nc - j0 : nr;
        double *dst = Bp + j0 * kc;
        const double *src = B + j0;
        if (cols == nr && nr == 24) {
            /* The AVX-512 kernel's width, spelled out so the copy compiles to a few vector moves
             * instead of a memcpy call per row. */
            for (size_t k = 0; k < kc; k++, dst += 24, src += ldb)
                for (size_t j = 0; j < 24; j++) dst[j] = src[j];
        } else if (cols == nr && nr == 8) {
            for (size_t k = 0; k < kc; k++, dst += 8, src += ldb)
                for (size_t j = 0; j < 8; j++) dst[j] = src[j];
        } else if (cols == nr) {
            for (size_t k = 0; k < kc; k++, dst += nr, src += ldb) memcpy(dst, src, nr * sizeof(double));
        } else {
            for (size_t k = 0; k < kc; k++, dst += nr, src += ldb) {
                memcpy(dst, src, cols * sizeof(double));
                memset(dst + cols, 0, (nr - cols) * sizeof(double));
            }
        }
    }
}

/* ----- the driver --------------------------------------------------------------------------- */

/* Splits n into the fewest blocks of at most max, of near-equal size rounded up to a multiple of
 * unit; returns that block size (> 0 for n > 0). */
static size_t even_block(size_t n, size_t max, size_t unit) {
    size_t blocks = (n + max - 1) / max;
    size_t b = (n + blocks - 1) / blocks;
    b = (b + unit - 1) / unit * unit;
    return b < max ? b : max;
}

/* The unblocked loop used when the packing buffers cannot be allocated. */
static void dgemm_naive(size_t M, size_t N, size_t K, const double *A, size_t lda, const double *B,
                        size_t ldb, double *C, size_t ldc) {
    for (size_t i = 0; i < M; i++) {
        double *c = C + i * ldc;
        for (size_t j = 0; j < N; j++) c[j] = 0.0;
        for (size_t k = 0; k < K; k++) {
            double a = A[i * lda + k];
            const double *b = B + k * ldb;
            for (size_t j = 0; j < N; j++) c[j] += a * b[j];
        }
    }
}

static void dgemm_blocked(const mini_dgemm_kernel *kern, size_t M, size_t N, size_t K,
                          const double *A, size_t lda, const double *B, size_t ldb, double *C,
                          size_t ldc) {
    const size_t MR = (size_t)kern->mr, NR = (size_t)kern->nr;
    if (M == 0 || N == 0) return;
    if (K == 0) {
        for (size_t i = 0; i < M; i++) memset(C + i * ldc, 0, N * sizeof(double));
        return;
    }
    /* Block sizes for this problem: never larger than the problem rounded up to whole micro-panels,
     * so small products allocate small buffers. */
    const size_t KC = even_block(K, kern->kc, 1);
    const size_t MC = even_block(M, kern->mc, MR);
    const size_t NC = even_block(N, kern->nc, NR);
    const size_t a_len = MC * KC, b_len = KC * NC;
    double *Ap = NULL, *Bp = NULL;
    if (posix_memalign((void **)&Ap, 64, a_len * sizeof(double)) != 0) Ap = NULL;
    if (posix_memalign((void **)&Bp, 64, b_len * sizeof(double)) != 0) Bp = NULL;
    if (Ap == NULL || Bp == NULL) {
        free(Ap);
        free(Bp);
        dgemm_naive(M, N, K, A, lda, B, ldb, C, ldc);
        return;
    }
    /* Edge tiles are computed here, then copied out. 64-byte aligned, at most 16 x 32. */
    double edge[16 * 32] __attribute__((aligned(64)));

    for (size_t pc = 0; pc < K; pc += KC) {
        const size_t kc = K - pc < KC ? K - pc : KC;
        const int accumulate = pc > 0;
        for (size_t ic = 0; ic < M; ic += MC) {
            const size_t mc = M - ic < MC ? M - ic : MC;
            pack_a(mc, kc, A + ic * lda + pc, lda, MR, Ap);
            for (size_t jc = 0; jc < N; jc += NC) {
                const size_t nc = N - jc < NC ? N - jc : NC;
                pack_b(kc, nc, B + pc * ldb + jc, ldb, NR, Bp);
                for (size_t ir = 0; ir < mc; ir += MR) {
                    const size_t mr = mc - ir < MR ? mc - ir : MR;
                    const double *ap = Ap + ir * kc;
                    double *crow = C + (ic + ir) * ldc + jc;
                    for (size_t jr = 0; jr < nc; jr += NR) {
                        const size_t nr = nc - jr < NR ? nc - jr : NR;
                        const double *bp = Bp + jr * kc;
                        if (mr == MR && nr == NR) {
                            kern->ukernel(kc, ap, bp, crow + jr, ldc, accumulate);
                            continue;
                        }
                        kern->ukernel(kc, ap, bp, edge, NR, 0);
                        for (size_t i = 0; i < mr; i++) {
                            double *c = crow + i * ldc + jr;
                            const double *e = edge + i * NR;
                            if (accumulate) {
                                for (size_t j = 0; j < nr; j++) c[j] += e[j];
                            } else {
                                for (size_t j = 0; j < nr; j++) c[j] = e[j];
                            }
                        }
                    }
                }
            }
        }
    }
    free(Ap);
    free(Bp);
}

/* ----- choosing a path ---------------------------------------------------------------------- */

static const mini_dgemm_kernel *kernel_for(mini_dgemm_path path) {
    switch (path) {
    case MINI_DGEMM_PORTABLE: return &mini_dgemm_kernel_portable;
    case MINI_DGEMM_AVX2: return &mini_dgemm_kernel_avx2;
    case MINI_DGEMM_AVX512: return &mini_dgemm_kernel_avx512;
    default: return NULL;
    }
}

int mini_dgemm_path_supported(mini_dgemm_path path) {
    const mini_dgemm_kernel *k = kernel_for(path);
    if (k == NULL || k->ukernel == NULL) return 0;
#if defined(__x86_64__) || defined(__i386__)
    /* __builtin_cpu_supports also checks that the OS saves the wider registers (XCR0). */
    if (path == MINI_DGEMM_AVX2) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (path == MINI_DGEMM_AVX512) return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
#endif
    return path == MINI_DGEMM_PORTABLE;
}

static mini_dgemm_path selected = MINI_DGEMM_PORTABLE;
static pthread_once_t select_once = PTHREAD_ONCE_INIT;

static void select_path(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
#endif
    mini_dgemm_path best = MINI_DGEMM_PORTABLE;
    if (mini_dgemm_path_supported(MINI_DGEMM_AVX512)) best = MINI_DGEMM_AVX512;
    else if (mini_dgemm_path_supported(MINI_DGEMM_AVX2)) best = MINI_DGEMM_AVX2;
    const char *want = getenv("EXTDEMO_DGEMM");
    mini_dgemm_path forced = MINI_DGEMM_AUTO;
    if (mini_dgemm_path_from_string(want, &forced) < 0) {
        fprintf(stderr, "extdemo: EXTDEMO_DGEMM=%s is not one of portable, avx2, avx512, auto; "
                "using %s\n", want, kernel_for(best)->name);
    } else if (forced != MINI_DGEMM_AUTO) {
        if (mini_dgemm_path_supported(forced)) best = forced;
        else fprintf(stderr, "extdemo: EXTDEMO_DGEMM=%s is not supported on this CPU; using %s\n",
                     want, kernel_for(best)->name);
    }
    selected = best;
}

int mini_dgemm_path_from_string(const char *name, mini_dgemm_path *path) {
    if (name == NULL || name[0] == '\0' || strcmp(name, "auto") == 0) *path = MINI_DGEMM_AUTO;
    else if (strcmp(name, "portable") == 0) *path = MINI_DGEMM_PORTABLE;
    else if (strcmp(name, "avx2") == 0) *path = MINI_DGEMM_AVX2;
    else if (strcmp(name, "avx512") == 0) *path = MINI_DGEMM_AVX512;
    else return -1;
    return 0;
}

mini_dgemm_path mini_dgemm_selected_path(void) {
    pthread_once(&select_once, select_path);
    return selected;
}

const char *mini_dgemm_path_name(mini_dgemm_path path) {
    if (path == MINI_DGEMM_AUTO) path = mini_dgemm_selected_path();
    const mini_dgemm_kernel *k = kernel_for(path);
    return k != NULL ? k->name : "unknown";
}

/* ----- entry points ------------------------------------------------------------------------- */

void mini_dgemm(size_t M, size_t N, size_t K, const double *A, size_t lda, const double *B,
                size_t ldb, double *C, size_t ldc) {
    dgemm_blocked(kernel_for(mini_dgemm_selected_path()), M, N, K, A, lda, B, ldb, C, ldc);
}

int mini_dgemm_with(mini_dgemm_path path, size_t M, size_t N, size_t K, const double *A,
                    size_t lda, const double *B, size_t ldb, double *C, size_t ldc) {
    if (path == MINI_DGEMM_AUTO) path = mini_dgemm_selected_path();
    else (void)mini_dgemm_selected_path();  /* makes sure the CPU model is initialised */
    if (!mini_dgemm_path_supported(path)) return -1;
    dgemm_blocked(kernel_for(path), M, N, K, A, lda, B, ldb, C, ldc);
    return 0;
}
