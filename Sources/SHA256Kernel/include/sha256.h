/* Sources/SHA256Kernel/include/sha256.h: an incremental SHA-256 (FIPS 180-4) in plain C, with no Mini API in sight.
 *
 * This is the "pure computation" half of the hashing extension: code that touches only C memory
 * and can therefore run with the GIL released. Two block functions exist: a portable one in C and
 * one using the x86 SHA extensions (SHA-NI), chosen once at run time from the CPU's features. The
 * environment variable EXTDEMO_SHA256=portable|shani, read at that first choice, forces a path
 * (a forced "shani" on a CPU without it falls back to portable).
 *
 * Thread safety: a context belongs to whoever holds it; the functions keep no global mutable state
 * apart from the one-time dispatch decision (written atomically, always to the same value), so any
 * number of threads may hash different contexts at once. Two threads updating the same context
 * must serialise themselves (the hashing extension gives each hasher object a mutex for that).
 * None of these functions allocate, fail, or need the GIL. */
#ifndef MINIEXT_SHA256_H
#define MINIEXT_SHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MINIEXT_SHA256_DIGEST_SIZE 32
#define MINIEXT_SHA256_BLOCK_SIZE 64

/* Which block function a context uses. */
typedef enum miniext_sha256_impl {
    MINIEXT_SHA256_AUTO = 0,      /* the run-time choice (CPU features, then EXTDEMO_SHA256) */
    MINIEXT_SHA256_PORTABLE = 1,  /* plain C, any CPU */
    MINIEXT_SHA256_SHANI = 2,     /* x86 SHA extensions + SSE4.1 */
} miniext_sha256_impl;

/* Compresses nblocks consecutive 64-byte blocks of data into state (h0..h7). */
typedef void (*miniext_sha256_blocks_fn)(uint32_t state[8], const uint8_t *data, size_t nblocks);

/* The hashing state. It is plain data: copying the struct (memcpy or assignment) forks the hash,
 * which is how hasher.copy() works. */
typedef struct miniext_sha256_ctx {
    uint32_t state[8];                        /* chaining value h0..h7 */
    uint64_t length;                          /* bytes absorbed so far */
    uint8_t buffer[MINIEXT_SHA256_BLOCK_SIZE];/* a partial block waiting for more input */
    uint32_t buffered;                        /* bytes in buffer, 0..63 */
    miniext_sha256_blocks_fn blocks;          /* the block function this context uses */
} miniext_sha256_ctx;

/* Starts a hash with the run-time chosen implementation. Never fails. */
void miniext_sha256_init(miniext_sha256_ctx *ctx);
/* Starts a hash with a given implementation. 0 on success; -1 (ctx untouched) if impl is not
 * available on this CPU or not a known value. */
int miniext_sha256_init_impl(miniext_sha256_ctx *ctx, miniext_sha256_impl impl);
/* Absorbs len bytes at data (data may be NULL when len is 0). Full blocks are compressed straight
 * from data in one call of the block function; only a trailing partial block is copied. */
void miniext_sha256_update(miniext_sha256_ctx *ctx, const void *data, size_t len);
/* Writes the digest of everything absorbed so far into out. ctx is not modified, so the caller
 * may keep updating it or ask again (hashlib's digest() semantics). */
void miniext_sha256_digest(const miniext_sha256_ctx *ctx, uint8_t out[MINIEXT_SHA256_DIGEST_SIZE]);
/* One-shot: the digest of len bytes at data, with the run-time chosen implementation. */
void miniext_sha256(const void *data, size_t len, uint8_t out[MINIEXT_SHA256_DIGEST_SIZE]);
/* One-shot with a given implementation; -1 (out untouched) if it is unavailable. */
int miniext_sha256_impl_oneshot(miniext_sha256_impl impl, const void *data, size_t len,
                                uint8_t out[MINIEXT_SHA256_DIGEST_SIZE]);
/* Writes 64 lowercase hex characters and a NUL for digest into hex. */
void miniext_sha256_hex(const uint8_t digest[MINIEXT_SHA256_DIGEST_SIZE], char hex[65]);

/* 1 if impl can run on this CPU (PORTABLE and AUTO always can), else 0. */
int miniext_sha256_impl_available(miniext_sha256_impl impl);
/* The implementation AUTO resolves to (PORTABLE or SHANI), deciding on first call. */
miniext_sha256_impl miniext_sha256_active_impl(void);
/* A static name for impl: "portable", "sha-ni", or "auto". */
const char *miniext_sha256_impl_name(miniext_sha256_impl impl);

/* The block functions themselves (sha256_portable.c, sha256_shani.c). The SHA-NI one must only be
 * called when miniext_sha256_impl_available(MINIEXT_SHA256_SHANI) is 1. */
void miniext_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t nblocks);
void miniext_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t nblocks);

#ifdef __cplusplus
}
#endif
#endif /* MINIEXT_SHA256_H */
