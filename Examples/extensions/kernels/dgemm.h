/* dgemm.h: a self-contained double-precision matrix multiply (C = A * B, row-major) for the
 * matmul sample extension. It knows nothing of the Mini API: it takes raw pointers and leading
 * dimensions, never touches objects, and so may run with the GIL released.
 *
 * Three implementations share one cache-blocked, packed driver and differ only in their
 * register-blocked micro-kernel: AVX-512F+FMA, AVX2+FMA and portable C. The fastest one the CPU
 * supports is chosen once, at the first call; the environment variable EXTDEMO_DGEMM
 * (portable | avx2 | avx512) forces one (an unsupported or unknown choice falls back to the
 * automatic pick, with a note on stderr). Every entry point is thread-safe: each call allocates
 * its own packing buffers. */
#ifndef EXTDEMO_DGEMM_H
#define EXTDEMO_DGEMM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The micro-kernel families. */
typedef enum mini_dgemm_path {
    MINI_DGEMM_AUTO = 0,      /* whatever mini_dgemm uses (EXTDEMO_DGEMM or the CPU's best) */
    MINI_DGEMM_PORTABLE = 1,  /* plain C, any CPU */
    MINI_DGEMM_AVX2 = 2,      /* AVX2 + FMA (256-bit) */
    MINI_DGEMM_AVX512 = 3,    /* AVX-512F + FMA (512-bit) */
} mini_dgemm_path;

/* C = A * B for row-major matrices: A is M x K with row stride lda (>= K), B is K x N with row
 * stride ldb (>= N), C is M x N with row stride ldc (>= N); strides count elements, not bytes.
 * C is only written, never read, so it may hold garbage on entry; K == 0 sets C to zeros; M or
 * N == 0 does nothing. C must not overlap A or B. Uses the path chosen once per process (see
 * mini_dgemm_kernel_name). Thread-safe; needs and takes no lock. If the packing buffers cannot
 * be allocated (a few MB at most) it falls back to a slow unblocked loop, so it never fails. */
void mini_dgemm(size_t M, size_t N, size_t K, const double *A, size_t lda, const double *B,
                size_t ldb, double *C, size_t ldc);

/* As mini_dgemm with an explicit path. Returns 0, or -1 (C untouched) when this CPU or this
 * build cannot run that path. MINI_DGEMM_AUTO behaves as mini_dgemm. */
int mini_dgemm_with(mini_dgemm_path path, size_t M, size_t N, size_t K, const double *A,
                    size_t lda, const double *B, size_t ldb, double *C, size_t ldc);

/* 1 if this CPU and build can run path, else 0. Never fails. */
int mini_dgemm_path_supported(mini_dgemm_path path);

/* The path mini_dgemm uses: chosen at the first call of any function here, from EXTDEMO_DGEMM
 * or else the best the CPU supports, then fixed for the life of the process. */
mini_dgemm_path mini_dgemm_selected_path(void);

/* Parses a path name as EXTDEMO_DGEMM does: "portable", "avx2", "avx512" or "auto" (also NULL or
 * "") into *path. 0, or -1 (nothing stored) for any other string. Never fails otherwise. */
int mini_dgemm_path_from_string(const char *name, mini_dgemm_path *path);

/* A static, human-readable name for a path, e.g. "avx512 (8x24 micro-kernel)". */
const char *mini_dgemm_path_name(mini_dgemm_path path);

#ifdef __cplusplus
}
#endif
#endif /* EXTDEMO_DGEMM_H */
