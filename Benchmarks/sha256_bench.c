/* Benchmarks/sha256_bench.c: standalone throughput benchmark of the SHA-256 kernel
 * (Sources/SHA256Kernel), not part of the Swift build. It hashes a 64 MiB buffer of zeros
 * several times with each available implementation and prints the best GB/s (10^9 bytes/s), the
 * figure to compare with hashlib's:
 *
 *   cc -O2 -I Sources/SHA256Kernel/include -o /tmp/sha256_bench Benchmarks/sha256_bench.c \
 *      Sources/SHA256Kernel/sha256*.c && /tmp/sha256_bench [MiB] [repeats]
 *   python3 -c 'import hashlib,time; d=bytes(64<<20); t=time.perf_counter();
 *      [hashlib.sha256(d).digest() for _ in range(5)]; print(5*64*2**20/(time.perf_counter()-t)/1e9)'
 *
 * Before timing, it checks each implementation against the FIPS 180-4 "abc" vector. */
#include "sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    size_t mib = argc > 1 ? (size_t)atol(argv[1]) : 64;
    int repeats = argc > 2 ? atoi(argv[2]) : 7;
    size_t len = mib << 20;
    unsigned char *data = calloc(len, 1);
    if (data == NULL) { perror("calloc"); return 1; }
    const miniext_sha256_impl impls[] = { MINIEXT_SHA256_PORTABLE, MINIEXT_SHA256_SHANI };
    static const char abc_hex[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    int failed = 0;

    printf("auto-selected implementation: %s\n", miniext_sha256_impl_name(miniext_sha256_active_impl()));
    for (size_t i = 0; i < sizeof impls / sizeof impls[0]; i++) {
        miniext_sha256_impl impl = impls[i];
        uint8_t digest[32];
        char hex[65];
        if (!miniext_sha256_impl_available(impl)) {
            printf("%-9s not available on this CPU\n", miniext_sha256_impl_name(impl));
            continue;
        }
        miniext_sha256_impl_oneshot(impl, "abc", 3, digest);
        miniext_sha256_hex(digest, hex);
        if (strcmp(hex, abc_hex) != 0) {
            printf("%-9s WRONG digest of \"abc\": %s\n", miniext_sha256_impl_name(impl), hex);
            failed = 1;
            continue;
        }
        /* Best of `repeats` runs, each hashing the buffer once (touch it once first). */
        double best = 1e30;
        miniext_sha256_impl_oneshot(impl, data, len, digest);
        for (int r = 0; r < repeats; r++) {
            double t0 = now();
            miniext_sha256_impl_oneshot(impl, data, len, digest);
            double dt = now() - t0;
            if (dt < best) best = dt;
        }
        miniext_sha256_hex(digest, hex);
        printf("%-9s %7.3f GB/s  (%zu MiB, best of %d)  %.16s...\n", miniext_sha256_impl_name(impl),
               (double)len / best / 1e9, mib, repeats, hex);
    }
    free(data);
    return failed;
}
