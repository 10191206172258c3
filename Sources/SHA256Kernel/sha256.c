/* Sources/SHA256Kernel/sha256.c: the SHA-256 driver: run-time choice of the block function, message buffering
 * and padding (FIPS 180-4 section 5.1.1), and the one-shot and hex helpers. The compression
 * itself lives in sha256_portable.c and sha256_shani.c. Pure C: no Mini API, no GIL. */
#include "sha256.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

/* FIPS 180-4 section 5.3.3: the initial hash value. */
static const uint32_t sha256_initial_state[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
    0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

/* 1 if the CPU has the SHA extensions plus the SSSE3/SSE4.1 instructions the SHA-NI path also
 * uses (pshufb, pblendw). cpuid leaf 1 ECX: bit 9 SSSE3, bit 19 SSE4.1; leaf 7 sub-leaf 0 EBX:
 * bit 29 SHA. */
static int cpu_probe_shani(void) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    if (!(ecx & (1u << 9)) || !(ecx & (1u << 19))) return 0;
    if (__get_cpuid_max(0, NULL) < 7) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return (ebx & (1u << 29)) != 0;
#else
    return 0;
#endif
}

/* cpuid is slow (under a hypervisor it traps), so the answer is probed once and cached:
 * 0 = not probed yet, 1 = no, 2 = yes. Racing probes all store the same value. */
static int sha256_cpu_shani;

static int cpu_has_shani(void) {
    int known = __atomic_load_n(&sha256_cpu_shani, __ATOMIC_RELAXED);
    if (known == 0) {
        known = cpu_probe_shani() ? 2 : 1;
        __atomic_store_n(&sha256_cpu_shani, known, __ATOMIC_RELAXED);
    }
    return known == 2;
}

/* The one-time dispatch decision: 0 = not decided yet, else a miniext_sha256_impl. Several
 * threads may race to decide, but they all compute the same value, so the race is harmless; after
 * that the variable is only read. */
static int sha256_auto_choice;

miniext_sha256_impl miniext_sha256_active_impl(void) {
    int choice = __atomic_load_n(&sha256_auto_choice, __ATOMIC_ACQUIRE);
    if (choice != 0) return (miniext_sha256_impl)choice;
    choice = cpu_has_shani() ? MINIEXT_SHA256_SHANI : MINIEXT_SHA256_PORTABLE;
    const char *forced = getenv("EXTDEMO_SHA256");
    if (forced != NULL && strcmp(forced, "portable") == 0) choice = MINIEXT_SHA256_PORTABLE;
    /* "shani" keeps the hardware path when it exists; without it, portable is all there is. */
    __atomic_store_n(&sha256_auto_choice, choice, __ATOMIC_RELEASE);
    return (miniext_sha256_impl)choice;
}

int miniext_sha256_impl_available(miniext_sha256_impl impl) {
    switch (impl) {
    case MINIEXT_SHA256_AUTO:
    case MINIEXT_SHA256_PORTABLE:
        return 1;
    case MINIEXT_SHA256_SHANI:
        return cpu_has_shani();
    }
    return 0;
}

const char *miniext_sha256_impl_name(miniext_sha256_impl impl) {
    switch (impl) {
    case MINIEXT_SHA256_AUTO: return "auto";
    case MINIEXT_SHA256_PORTABLE: return "portable";
    case MINIEXT_SHA256_SHANI: return "sha-ni";
    }
    return "unknown";
}

int miniext_sha256_init_impl(miniext_sha256_ctx *ctx, miniext_sha256_impl impl) {
    if (impl == MINIEXT_SHA256_AUTO) impl = miniext_sha256_active_impl();
    miniext_sha256_blocks_fn blocks;
    if (impl == MINIEXT_SHA256_PORTABLE) {
        blocks = miniext_sha256_blocks_portable;
    } else if (impl == MINIEXT_SHA256_SHANI && cpu_has_shani()) {
        blocks = miniext_sha256_blocks_shani;
    } else {
        return -1;
    }
    memcpy(ctx->state, sha256_initial_state, sizeof ctx->state);
    ctx->length = 0;
    ctx->buffered = 0;
    ctx->blocks = blocks;
    return 0;
}

void miniext_sha256_init(miniext_sha256_ctx *ctx) {
    (void)miniext_sha256_init_impl(ctx, MINIEXT_SHA256_AUTO);  /* AUTO never fails */
}

void miniext_sha256_update(miniext_sha256_ctx *ctx, const void *data, size_t len) {
    const uint8_t *p = (const uint8_t *)data;
    if (len == 0) return;
    ctx->length += (uint64_t)len;
    /* Top up a partial block first. */
    if (ctx->buffered != 0) {
        size_t take = MINIEXT_SHA256_BLOCK_SIZE - ctx->buffered;
        if (take > len) take = len;
        memcpy(ctx->buffer + ctx->buffered, p, take);
        ctx->buffered += (uint32_t)take;
        p += take;
        len -= take;
        if (ctx->buffered < MINIEXT_SHA256_BLOCK_SIZE) return;
        ctx->blocks(ctx->state, ctx->buffer, 1);
        ctx->buffered = 0;
    }
    /* Then every whole block straight from the caller's memory, in a single call. */
    size_t nblocks = len / MINIEXT_SHA256_BLOCK_SIZE;
    if (nblocks != 0) {
        ctx->blocks(ctx->state, p, nblocks);
        p += nblocks * MINIEXT_SHA256_BLOCK_SIZE;
        len -= nblocks * MINIEXT_SHA256_BLOCK_SIZE;
    }
    /* Keep the tail for later. */
    if (len != 0) {
        memcpy(ctx->buffer, p, len);
        ctx->buffered = (uint32_t)len;
    }
}

void miniext_sha256_digest(const miniext_sha256_ctx *ctx, uint8_t out[MINIEXT_SHA256_DIGEST_SIZE]) {
    /* Padding (FIPS 180-4 5.1.1): a 1 bit, zeros up to 56 mod 64 bytes, then the message length in
     * bits as a big-endian 64-bit number. One or two final blocks, built on the stack. */
    uint8_t tail[2 * MINIEXT_SHA256_BLOCK_SIZE];
    uint32_t state[8];
    size_t n = ctx->buffered;
    memcpy(state, ctx->state, sizeof state);
    memcpy(tail, ctx->buffer, n);
    tail[n++] = 0x80;
    size_t total = (n <= 56) ? MINIEXT_SHA256_BLOCK_SIZE : 2 * MINIEXT_SHA256_BLOCK_SIZE;
    memset(tail + n, 0, total - 8 - n);
    uint64_t bits = ctx->length * 8u;
    for (int i = 0; i < 8; i++) tail[total - 1 - i] = (uint8_t)(bits >> (8 * i));
    ctx->blocks(state, tail, total / MINIEXT_SHA256_BLOCK_SIZE);
    for (int i = 0; i < 8; i++) {
        out[4 * i + 0] = (uint8_t)(state[i] >> 24);
        out[4 * i + 1] = (uint8_t)(state[i] >> 16);
        out[4 * i + 2] = (uint8_t)(state[i] >> 8);
        out[4 * i + 3] = (uint8_t)state[i];
    }
}

int miniext_sha256_impl_oneshot(miniext_sha256_impl impl, const void *data, size_t len,
                                uint8_t out[MINIEXT_SHA256_DIGEST_SIZE]) {
    miniext_sha256_ctx ctx;
    if (miniext_sha256_init_impl(&ctx, impl) < 0) return -1;
    miniext_sha256_update(&ctx, data, len);
    miniext_sha256_digest(&ctx, out);
    return 0;
}

void miniext_sha256(const void *data, size_t len, uint8_t out[MINIEXT_SHA256_DIGEST_SIZE]) {
    (void)miniext_sha256_impl_oneshot(MINIEXT_SHA256_AUTO, data, len, out);
}

void miniext_sha256_hex(const uint8_t digest[MINIEXT_SHA256_DIGEST_SIZE], char hex[65]) {
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < MINIEXT_SHA256_DIGEST_SIZE; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[64] = '\0';
}
