/* dgemm_internal.h: what the blocked dgemm driver (dgemm.c) and the per-ISA micro-kernel files
 * (dgemm_avx2.c, dgemm_avx512.c) share: the micro-kernel signature and the table entry that
 * describes a kernel and the block sizes tuned for it. Private to kernels/. */
#ifndef EXTDEMO_DGEMM_INTERNAL_H
#define EXTDEMO_DGEMM_INTERNAL_H

#include <stddef.h>

/* A micro-kernel computes one full MR x NR tile of C from kc steps of packed operands:
 *   a: the packed A micro-panel, kc groups of MR doubles (column k of the MR rows), 64-byte aligned
 *   b: the packed B micro-panel, kc groups of NR doubles (row k of the NR columns), 64-byte aligned
 *   c: the tile's top-left element in C, rows ldc doubles apart (no alignment assumed)
 * With accumulate == 0 it stores the product (C's old contents are never read); otherwise it adds
 * the product to C. kc >= 1. */
typedef void (*mini_dgemm_ukernel)(size_t kc, const double *a, const double *b, double *c,
                                   size_t ldc, int accumulate);

/* A kernel and its blocking. The driver packs an MC x KC block of A and a KC x NC block of B
 * (kept in L2 while it is used), then walks MR-row micro-panels of A (each stays in L1 while it
 * meets every NR-column micro-panel of the B block). MC is a multiple of MR, NC of NR, and
 * MR x NR is at most 16 x 32 (the driver's edge-tile buffer). */
typedef struct mini_dgemm_kernel {
    const char *name;
    int mr, nr;
    size_t mc, kc, nc;
    mini_dgemm_ukernel ukernel;
} mini_dgemm_kernel;

/* The kernels, defined in their own files. The SIMD ones are compiled with per-function target
 * attributes, so they exist in every x86-64 build; the driver only calls them after checking
 * the CPU with __builtin_cpu_supports. On other architectures they are absent (NULL ukernel). */
extern const mini_dgemm_kernel mini_dgemm_kernel_portable;
extern const mini_dgemm_kernel mini_dgemm_kernel_avx2;
extern const mini_dgemm_kernel mini_dgemm_kernel_avx512;

#endif /* EXTDEMO_DGEMM_INTERNAL_H */
