/* dgemm_bench.c: a standalone benchmark (and quick self-check) of the matmul extension's DGEMM
 * kernel, outside SwiftPM and the Mini runtime. It times C = A * B for square float64 matrices on
 * one thread with every micro-kernel path this CPU supports, and prints GFLOPS (2*n^3 flops per
 * multiply; best of several timed runs, since the machine may be shared).
 *
 * Build and run (or use Benchmarks/dgemm_bench.sh, which also measures numpy alongside):
 *   cc -O2 -o /tmp/dgemm_bench Benchmarks/dgemm_bench.c Examples/extensions/kernels/dgemm*.c \
 *      -IExamples/extensions/kernels -lpthread
 *   /tmp/dgemm_bench [n ...]            default sizes: 1024
 * Environment: BENCH_RUNS (timed runs per size and path, default 7), BENCH_PATHS (comma list of
 * portable,avx2,avx512; default all supported). */
#include "dgemm.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Deterministic uniform [-1, 1) values (splitmix64). */
static void fill(double *x, size_t n, uint64_t seed) {
    for (size_t i = 0; i < n; i++) {
        uint64_t z = (seed += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        x[i] = (double)(z >> 11) * 0x1.0p-52 - 1.0;
    }
}

/* Checks path against a naive triple loop on a few awkward shapes; returns the worst relative
 * error (scaled by the sum of |a||b| terms, so cancellation does not inflate it). */
static double self_check(mini_dgemm_path path) {
    static const size_t shapes[][3] = {{1, 1, 1}, {1, 37, 5}, {37, 1, 5}, {7, 13, 17},
                                       {257, 511, 129}, {100, 100, 300}, {9, 25, 1}};
    double worst = 0.0;
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        size_t M = shapes[s][0], N = shapes[s][1], K = shapes[s][2];
        double *A = malloc(M * K * 8), *B = malloc(K * N * 8), *C = malloc(M * N * 8);
        fill(A, M * K, 1 + s);
        fill(B, K * N, 100 + s);
        for (size_t i = 0; i < M * N; i++) C[i] = NAN;  /* C must be written, never read */
        mini_dgemm_with(path, M, N, K, A, K, B, N, C, N);
        for (size_t i = 0; i < M; i++)
            for (size_t j = 0; j < N; j++) {
                double ref = 0.0, mag = 0.0;
                for (size_t k = 0; k < K; k++) {
                    ref += A[i * K + k] * B[k * N + j];
                    mag += fabs(A[i * K + k] * B[k * N + j]);
                }
                double err = fabs(C[i * N + j] - ref) / (mag > 0 ? mag : 1.0);
                if (!(err <= worst)) worst = isnan(err) ? INFINITY : err;
            }
        free(A); free(B); free(C);
    }
    return worst;
}

int main(int argc, char **argv) {
    static const struct { mini_dgemm_path path; const char *key; } paths[] = {
        {MINI_DGEMM_PORTABLE, "portable"}, {MINI_DGEMM_AVX2, "avx2"}, {MINI_DGEMM_AVX512, "avx512"}};
    const char *only = getenv("BENCH_PATHS");
    int runs = getenv("BENCH_RUNS") ? atoi(getenv("BENCH_RUNS")) : 7;
    if (runs < 1) runs = 1;
    size_t sizes[32];
    int nsizes = 0;
    for (int i = 1; i < argc && nsizes < 32; i++) sizes[nsizes++] = (size_t)strtoul(argv[i], NULL, 10);
    if (nsizes == 0) sizes[nsizes++] = 1024;

    printf("selected by default: %s\n", mini_dgemm_path_name(MINI_DGEMM_AUTO));
    for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++) {
        if (only && !strstr(only, paths[p].key)) continue;
        if (!mini_dgemm_path_supported(paths[p].path)) {
            printf("%-8s not supported on this CPU\n", paths[p].key);
            continue;
        }
        double err = self_check(paths[p].path);
        printf("%-8s %s: self-check max rel error %.2e %s\n", paths[p].key,
               mini_dgemm_path_name(paths[p].path), err, err < 1e-12 ? "ok" : "FAILED");
        if (!(err < 1e-12)) return 1;
        for (int s = 0; s < nsizes; s++) {
            size_t n = sizes[s];
            double *A = aligned_alloc(64, (n * n * 8 + 63) / 64 * 64);
            double *B = aligned_alloc(64, (n * n * 8 + 63) / 64 * 64);
            double *C = aligned_alloc(64, (n * n * 8 + 63) / 64 * 64);
            fill(A, n * n, 7);
            fill(B, n * n, 8);
            double flops = 2.0 * (double)n * (double)n * (double)n;
            /* Repeat each timed run until it lasts ~0.2 s, so small sizes are measurable. */
            int reps = 1;
            double t0 = now();
            mini_dgemm_with(paths[p].path, n, n, n, A, n, B, n, C, n);  /* warm-up */
            double once = now() - t0;
            if (once < 0.2) reps = (int)(0.2 / (once > 1e-7 ? once : 1e-7)) + 1;
            double best = 0.0, sum = 0.0;
            for (int r = 0; r < runs; r++) {
                t0 = now();
                for (int i = 0; i < reps; i++) mini_dgemm_with(paths[p].path, n, n, n, A, n, B, n, C, n);
                double g = flops * reps / (now() - t0) / 1e9;
                sum += g;
                if (g > best) best = g;
            }
            printf("%-8s n=%-5zu best %6.2f GFLOPS  mean %6.2f  (%d runs x %d)\n", paths[p].key, n,
                   best, sum / runs, runs, reps);
            free(A); free(B); free(C);
        }
    }
    return 0;
}
