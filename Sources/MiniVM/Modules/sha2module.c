/* Modules/sha2module.c: `_sha2`, the C half of hashlib (Lib/hashlib.py): SHA-224 and SHA-256 on the
 * kit's native SHA-256 kernel (Sources/SHA256Kernel: the portable and the SHA-NI block functions,
 * chosen at run time, shared with the `hashing` sample extension), SHA-384 and SHA-512 on the
 * SHA-512 block function of sha512.c, MD5 and SHA-1 on the block functions of md5sha1.c. SHA-224
 * and SHA-384 are their big siblings started from their own initial values and cut short (FIPS
 * 180-4).
 *
 * A hash object is a HASH as CPython's hashlib has it: update(data), digest(), hexdigest(), copy(),
 * name, digest_size, block_size. As in CPython, an update of 2048 bytes or more runs with the GIL
 * released; each object has a mutex of its own around its state, taken without the GIL (so a
 * thread hashing a large buffer never holds the GIL while it waits, and two threads updating one
 * object cannot interleave inside the kernel). */
#include "stdlib_internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sha256.h"

#define GIL_MINSIZE 2048   /* CPython's HASHLIB_GIL_MINSIZE */

typedef struct {
    uint64_t h[8];
    uint64_t length;           /* bytes absorbed */
    unsigned char buffer[128];
    uint32_t buffered;
} Sha512Ctx;

/* MD5 and SHA-1: 64-byte blocks of 32-bit words. */
typedef struct {
    uint32_t h[5];
    uint64_t length;
    unsigned char buffer[64];
    uint32_t buffered;
} Small64Ctx;

enum { KIND_SHA224, KIND_SHA256, KIND_SHA384, KIND_SHA512, KIND_MD5, KIND_SHA1 };

static const struct { const char *name; int digest_size, block_size; } kinds[] = {
    {"sha224", 28, 64}, {"sha256", 32, 64}, {"sha384", 48, 128}, {"sha512", 64, 128}, {"md5", 16, 64},
    {"sha1", 20, 64},
};

typedef struct {
    MiniObject_HEAD
    int kind;
    pthread_mutex_t mutex;     /* guards the contexts */
    int mutex_ready;
    miniext_sha256_ctx c256;   /* sha224 / sha256 */
    Sha512Ctx c512;            /* sha384 / sha512 */
    Small64Ctx c64;            /* md5 / sha1 */
} HashObject;

#define HASH(op) ((HashObject *)(op))

static MiniTypeObject Hash_Type;

/* ----- SHA-512 driver over sha512.c's block function ----------------------------------------- */

static void sha512_init(Sha512Ctx *c, int kind) {
    static const uint64_t iv512[8] = {
        0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
        0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
    };
    static const uint64_t iv384[8] = {
        0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
        0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
    };
    memset(c, 0, sizeof *c);
    memcpy(c->h, kind == KIND_SHA384 ? iv384 : iv512, sizeof c->h);
}

static void sha512_update(Sha512Ctx *c, const unsigned char *p, size_t n) {
    c->length += n;
    if (c->buffered > 0) {
        size_t take = 128 - c->buffered < n ? 128 - c->buffered : n;
        memcpy(c->buffer + c->buffered, p, take);
        c->buffered += (uint32_t)take;
        p += take;
        n -= take;
        if (c->buffered < 128) return;
        _MiniStd_SHA512Blocks(c->h, c->buffer, 1);
        c->buffered = 0;
    }
    if (n >= 128) {
        _MiniStd_SHA512Blocks(c->h, p, n / 128);
        p += n - n % 128;
        n %= 128;
    }
    memcpy(c->buffer, p, n);
    c->buffered = (uint32_t)n;
}

static void sha512_final(const Sha512Ctx *c0, unsigned char out[64]) {
    Sha512Ctx c = *c0;
    unsigned char block[256];
    memset(block, 0, sizeof block);
    memcpy(block, c.buffer, c.buffered);
    block[c.buffered] = 0x80;
    size_t total = c.buffered + 1 + 16 <= 128 ? 128 : 256;
    uint64_t bits = c.length * 8;
    for (int i = 0; i < 8; i++) block[total - 1 - i] = (unsigned char)(bits >> (8 * i));
    block[total - 9] |= (unsigned char)(c.length >> 61);
    _MiniStd_SHA512Blocks(c.h, block, total / 128);
    for (int i = 0; i < 8; i++)
        for (int b = 0; b < 8; b++) out[i * 8 + b] = (unsigned char)(c.h[i] >> (56 - 8 * b));
}

/* ----- MD5 / SHA-1 driver over md5sha1.c ---------------------------------------------------- */

static void small_blocks(int kind, uint32_t h[5], const unsigned char *p, size_t n) {
    if (kind == KIND_MD5) _MiniStd_MD5Blocks(h, p, n);
    else _MiniStd_SHA1Blocks(h, p, n);
}

static void small_init(Small64Ctx *c, int kind) {
    static const uint32_t iv[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};
    memset(c, 0, sizeof *c);
    memcpy(c->h, iv, kind == KIND_MD5 ? 16 : 20);
}

static void small_update(Small64Ctx *c, int kind, const unsigned char *p, size_t n) {
    c->length += n;
    if (c->buffered > 0) {
        size_t take = 64 - c->buffered < n ? 64 - c->buffered : n;
        memcpy(c->buffer + c->buffered, p, take);
        c->buffered += (uint32_t)take;
        p += take;
        n -= take;
        if (c->buffered < 64) return;
        small_blocks(kind, c->h, c->buffer, 1);
        c->buffered = 0;
    }
    if (n >= 64) {
        small_blocks(kind, c->h, p, n / 64);
        p += n - n % 64;
        n %= 64;
    }
    memcpy(c->buffer, p, n);
    c->buffered = (uint32_t)n;
}

/* MD5 stores the length and the digest words little-endian, SHA-1 big-endian. */
static void small_final(const Small64Ctx *c0, int kind, unsigned char *out) {
    Small64Ctx c = *c0;
    unsigned char block[128];
    memset(block, 0, sizeof block);
    memcpy(block, c.buffer, c.buffered);
    block[c.buffered] = 0x80;
    size_t total = c.buffered + 1 + 8 <= 64 ? 64 : 128;
    uint64_t bits = c.length * 8;
    for (int i = 0; i < 8; i++) {
        unsigned char byte = (unsigned char)(bits >> (8 * i));
        if (kind == KIND_MD5) block[total - 8 + i] = byte;
        else block[total - 1 - i] = byte;
    }
    small_blocks(kind, c.h, block, total / 64);
    int words = kind == KIND_MD5 ? 4 : 5;
    for (int i = 0; i < words; i++)
        for (int b = 0; b < 4; b++)
            out[i * 4 + b] = (unsigned char)(kind == KIND_MD5 ? c.h[i] >> (8 * b) : c.h[i] >> (24 - 8 * b));
}

/* ----- the object ------------------------------------------------------------------------------ */

static void hash_init_state(HashObject *self) {
    if (self->kind == KIND_SHA224 || self->kind == KIND_SHA256) {
        miniext_sha256_init(&self->c256);
        if (self->kind == KIND_SHA224) {
            static const uint32_t iv224[8] = {
                0xc1059ed8u, 0x367cd507u, 0x3070dd17u, 0xf70e5939u,
                0xffc00b31u, 0x68581511u, 0x64f98fa7u, 0xbefa4fa4u,
            };
            memcpy(self->c256.state, iv224, sizeof iv224);
        }
    } else if (self->kind == KIND_MD5 || self->kind == KIND_SHA1) {
        small_init(&self->c64, self->kind);
    } else {
        sha512_init(&self->c512, self->kind);
    }
}

static HashObject *hash_alloc(int kind) {
    HashObject *self = (HashObject *)MiniObject_New(&Hash_Type);
    if (self == NULL) return NULL;
    self->kind = kind;
    self->mutex_ready = 0;
    if (pthread_mutex_init(&self->mutex, NULL) != 0) {
        Mini_DECREF(self);
        MiniErr_SetString(MiniExc_RuntimeError, "cannot create the hash object's lock");
        return NULL;
    }
    self->mutex_ready = 1;
    hash_init_state(self);
    return self;
}

static void hash_dealloc(MiniObject *op) {
    if (HASH(op)->mutex_ready) pthread_mutex_destroy(&HASH(op)->mutex);
    MiniObject_Free(op);
}

/* Takes the object's mutex, releasing the GIL only if it has to wait. */
static void hash_lock(HashObject *self) {
    if (pthread_mutex_trylock(&self->mutex) != 0) {
        Mini_BEGIN_ALLOW_THREADS
        pthread_mutex_lock(&self->mutex);
        Mini_END_ALLOW_THREADS
    }
}

static void absorb_locked(HashObject *self, const void *p, size_t n) {
    if (self->kind <= KIND_SHA256) miniext_sha256_update(&self->c256, p, n);
    else if (self->kind >= KIND_MD5) small_update(&self->c64, self->kind, p, n);
    else sha512_update(&self->c512, p, n);
}

static void hash_absorb(HashObject *self, const MiniBuffer *view) {
    if (view->len >= GIL_MINSIZE) {
        Mini_BEGIN_ALLOW_THREADS
        pthread_mutex_lock(&self->mutex);
        absorb_locked(self, view->buf, (size_t)view->len);
        pthread_mutex_unlock(&self->mutex);
        Mini_END_ALLOW_THREADS
    } else {
        hash_lock(self);
        absorb_locked(self, view->buf, (size_t)view->len);
        pthread_mutex_unlock(&self->mutex);
    }
}

/* The data argument: a bytes-like object; CPython's TypeErrors for str and the rest. 0 / -1. */
static int data_view(MiniObject *data, MiniBuffer *view) {
    if (MiniUnicode_Check(data)) {
        MiniErr_SetString(MiniExc_TypeError, "Strings must be encoded before hashing");
        return -1;
    }
    if (MiniObject_GetBuffer(data, view, MINI_BUF_SIMPLE) < 0) {
        MiniErr_Clear();
        MiniErr_SetString(MiniExc_TypeError, "object supporting the buffer API required");
        return -1;
    }
    return 0;
}

static MiniObject *hash_update(MiniObject *op, MiniObject *data) {
    MiniBuffer view;
    if (data_view(data, &view) < 0) return NULL;
    hash_absorb(HASH(op), &view);
    MiniBuffer_Release(&view);
    Mini_RETURN_NONE;
}

static int hash_final(HashObject *self, unsigned char out[64]) {
    hash_lock(self);
    if (self->kind <= KIND_SHA256) miniext_sha256_digest(&self->c256, out);
    else if (self->kind >= KIND_MD5) small_final(&self->c64, self->kind, out);
    else sha512_final(&self->c512, out);
    pthread_mutex_unlock(&self->mutex);
    return kinds[self->kind].digest_size;
}

static MiniObject *hash_digest(MiniObject *op, MiniObject *unused) {
    (void)unused;
    unsigned char out[64];
    int n = hash_final(HASH(op), out);
    return MiniBytes_FromStringAndSize((const char *)out, n);
}

static MiniObject *hash_hexdigest(MiniObject *op, MiniObject *unused) {
    (void)unused;
    unsigned char out[64];
    char hex[129];
    int n = hash_final(HASH(op), out);
    for (int i = 0; i < n; i++) snprintf(hex + 2 * i, 3, "%02x", out[i]);
    return MiniUnicode_FromStringAndSize(hex, 2 * n);
}

static MiniObject *hash_copy(MiniObject *op, MiniObject *unused) {
    (void)unused;
    HashObject *self = HASH(op), *copy = hash_alloc(self->kind);
    if (copy == NULL) return NULL;
    hash_lock(self);
    copy->c256 = self->c256;
    copy->c512 = self->c512;
    copy->c64 = self->c64;
    pthread_mutex_unlock(&self->mutex);
    return (MiniObject *)copy;
}

static MiniObject *hash_get_name(MiniObject *op, void *c) { (void)c; return MiniUnicode_FromString(kinds[HASH(op)->kind].name); }
static MiniObject *hash_get_digest_size(MiniObject *op, void *c) { (void)c; return MiniLong_FromLong(kinds[HASH(op)->kind].digest_size); }
static MiniObject *hash_get_block_size(MiniObject *op, void *c) { (void)c; return MiniLong_FromLong(kinds[HASH(op)->kind].block_size); }

static MiniObject *hash_repr(MiniObject *op) {
    return MiniUnicode_FromFormat("<%s _hashlib.HASH object @ %p>", kinds[HASH(op)->kind].name, op);
}

static MiniMethodDef hash_methods[] = {
    {"update", hash_update, MINI_METH_O, "update(data): absorb more bytes (GIL released from 2048 bytes)."},
    {"digest", hash_digest, MINI_METH_NOARGS, "digest() -> bytes of everything absorbed so far."},
    {"hexdigest", hash_hexdigest, MINI_METH_NOARGS, "hexdigest() -> the digest as lowercase hex."},
    {"copy", hash_copy, MINI_METH_NOARGS, "copy() -> an independent hash object with the same state."},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef hash_getset[] = {
    {"name", hash_get_name, NULL, NULL, NULL},
    {"digest_size", hash_get_digest_size, NULL, NULL, NULL},
    {"block_size", hash_get_block_size, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniTypeObject Hash_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_hashlib.HASH",
    .tp_basicsize = sizeof(HashObject),
    .tp_dealloc = hash_dealloc,
    .tp_repr = hash_repr,
    .tp_methods = hash_methods,
    .tp_getset = hash_getset,
    .tp_doc = "A hash object: update(), digest(), hexdigest(), copy().",
};

/* The constructors: NAME(data=b'', *, usedforsecurity=True) -> a hash object. */
static MiniObject *construct(int kind, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"data", "usedforsecurity", "string", NULL};
    MiniObject *data = NULL, *string = NULL;
    int usedforsecurity = 1;
    char format[40];
    snprintf(format, sizeof format, "|O$pO:%s", kinds[kind].name);
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, format, keywords, &data, &usedforsecurity, &string)) return NULL;
    if (data != NULL && string != NULL) {
        MiniErr_SetString(MiniExc_TypeError, "'data' and 'string' are mutually exclusive and support for 'string' "
                                             "keyword parameter is slated for removal in a future version.");
        return NULL;
    }
    if (data == NULL) data = string;
    MiniBuffer view;
    if (data != NULL && data_view(data, &view) < 0) return NULL;
    HashObject *h = hash_alloc(kind);
    if (h != NULL && data != NULL) hash_absorb(h, &view);
    if (data != NULL) MiniBuffer_Release(&view);
    return (MiniObject *)h;
}

static MiniObject *f_sha224(MiniObject *m, MiniObject *a, MiniObject *k) { (void)m; return construct(KIND_SHA224, a, k); }
static MiniObject *f_sha256(MiniObject *m, MiniObject *a, MiniObject *k) { (void)m; return construct(KIND_SHA256, a, k); }
static MiniObject *f_sha384(MiniObject *m, MiniObject *a, MiniObject *k) { (void)m; return construct(KIND_SHA384, a, k); }
static MiniObject *f_sha512(MiniObject *m, MiniObject *a, MiniObject *k) { (void)m; return construct(KIND_SHA512, a, k); }
static MiniObject *f_md5(MiniObject *m, MiniObject *a, MiniObject *k) { (void)m; return construct(KIND_MD5, a, k); }
static MiniObject *f_sha1(MiniObject *m, MiniObject *a, MiniObject *k) { (void)m; return construct(KIND_SHA1, a, k); }

/* _kernel() -> the SHA-256 block function in use ("sha-ni" or "portable"). */
static MiniObject *f_kernel(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniUnicode_FromString(miniext_sha256_impl_name(miniext_sha256_active_impl()));
}

#define KW (MINI_METH_VARARGS | MINI_METH_KEYWORDS)
static MiniMethodDef sha2_functions[] = {
    {"sha224", _MiniCFunction_CAST(f_sha224), KW, "sha224(data=b'') -> a SHA-224 hash object"},
    {"sha256", _MiniCFunction_CAST(f_sha256), KW, "sha256(data=b'') -> a SHA-256 hash object"},
    {"sha384", _MiniCFunction_CAST(f_sha384), KW, "sha384(data=b'') -> a SHA-384 hash object"},
    {"sha512", _MiniCFunction_CAST(f_sha512), KW, "sha512(data=b'') -> a SHA-512 hash object"},
    {"md5", _MiniCFunction_CAST(f_md5), KW, "md5(data=b'') -> an MD5 hash object"},
    {"sha1", _MiniCFunction_CAST(f_sha1), KW, "sha1(data=b'') -> a SHA-1 hash object"},
    {"_kernel", f_kernel, MINI_METH_NOARGS, "_kernel() -> the SHA-256 block function in use"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef sha2_module = {
    MiniModuleDef_HEAD_INIT, "_sha2", "SHA-2 hash objects on the kit's native kernels (the C half of hashlib).", 0,
    sha2_functions,
};

MiniObject *MiniInit__sha2(void) {
    if (MiniType_Ready(&Hash_Type) < 0) return NULL;
    MiniObject *m = MiniModule_Create(&sha2_module);
    if (m == NULL) return NULL;
    if (MiniModule_AddObjectRef(m, "HASH", (MiniObject *)&Hash_Type) < 0) {
        MiniModule_ClearNamespace(m);
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}
