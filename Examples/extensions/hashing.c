/* hashing.c: the `hashing` extension module, a small hashlib. It is written the way an extension
 * author writes one, against <mini.h> only (plus the pure-C SHA-256 kernel in kernels/), and is
 * commented to teach the pattern it exists to show: parse arguments and pin the input buffer with
 * the GIL held, release the GIL around the kernel (which touches only C memory), take it back,
 * unpin and build the result.
 *
 *   hashing.sha256(data, *, release=True)     -> 32-byte digest (bytes)
 *   hashing.hexdigest(data, *, release=True)  -> 64-character hex digest (str)
 *   hashing.sha256_hasher(data=b"")           -> an incremental hasher object (type SHA256Hasher)
 *       .update(data)  .digest()  .hexdigest()  .copy()  .name  .digest_size  .block_size
 *   hashing.kernel        "sha-ni" or "portable": the compression function in use
 *   hashing.GIL_MINSIZE   inputs at least this long are hashed with the GIL released
 *
 * `data` is anything that exports a buffer (bytes, a writable byte array, ...), not only bytes. */
#include <mini.h>

#include <pthread.h>

#include "sha256.h"   /* Sources/SHA256Kernel (target SHA256Kernel) */
#include "miniext.h"   /* this file's exported prototypes, so the compiler checks them */

/* Releasing the GIL is not free: it is a mutex handoff, may wake a waiting thread, and taking it
 * back may mean waiting for that thread to reach a switch point. Hashing 2 KiB takes about a
 * microsecond with SHA-NI, comparable to that cost, so, as CPython's hashlib does
 * (HASHLIB_GIL_MINSIZE), small inputs are hashed with the GIL held and only larger ones let it go. */
#define HASHING_GIL_MINSIZE 2048

/* ===== one-shot functions ===================================================================== */

/* Shared body of sha256() and hexdigest(): parses (data, *, release=True) and hashes data into
 * digest. 0 on success, -1 with an exception set. Called with the GIL held; returns holding it. */
static int hash_args(MiniObject *args, MiniObject *kwargs, const char *format,
                     uint8_t digest[MINIEXT_SHA256_DIGEST_SIZE]) {
    static char *keywords[] = {"data", "release", NULL};
    MiniBuffer view;          /* filled by "y*": holds a reference to the exporter and pins its bytes */
    int release = 1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, format, keywords, &view, &release))
        return -1;

    if (release && view.len >= HASHING_GIL_MINSIZE) {
        /* From here to END_ALLOW_THREADS this thread does not hold the GIL: other threads run
         * Python-level code meanwhile. Only C memory may be touched: view.buf (pinned by the
         * view, so nobody can free or move it) and the local digest. No Mini_* calls. */
        Mini_BEGIN_ALLOW_THREADS
        miniext_kernel_enter();          /* counts kernels in flight (inflight.c): atomics only */
        miniext_sha256(view.buf, (size_t)view.len, digest);
        miniext_kernel_exit();
        Mini_END_ALLOW_THREADS
    } else {
        miniext_kernel_enter();
        miniext_sha256(view.buf, (size_t)view.len, digest);
        miniext_kernel_exit();
    }
    /* Back under the GIL: unpinning may drop the last reference to the exporter. */
    MiniBuffer_Release(&view);
    return 0;
}

/* sha256(data, *, release=True) -> bytes. New reference; NULL with TypeError for a non-buffer or
 * bad arguments, MemoryError. */
static MiniObject *hashing_sha256(MiniObject *module, MiniObject *args, MiniObject *kwargs) {
    (void)module;
    uint8_t digest[MINIEXT_SHA256_DIGEST_SIZE];
    if (hash_args(args, kwargs, "y*|$p:sha256", digest) < 0) return NULL;
    return MiniBytes_FromStringAndSize((const char *)digest, MINIEXT_SHA256_DIGEST_SIZE);
}

/* hexdigest(data, *, release=True) -> str. New reference; fails as sha256(). */
static MiniObject *hashing_hexdigest(MiniObject *module, MiniObject *args, MiniObject *kwargs) {
    (void)module;
    uint8_t digest[MINIEXT_SHA256_DIGEST_SIZE];
    char hex[2 * MINIEXT_SHA256_DIGEST_SIZE + 1];
    if (hash_args(args, kwargs, "y*|$p:hexdigest", digest) < 0) return NULL;
    miniext_sha256_hex(digest, hex);
    return MiniUnicode_FromStringAndSize(hex, 2 * MINIEXT_SHA256_DIGEST_SIZE);
}

/* ===== the incremental hasher ================================================================= */

/* An instance: the kernel's state plus a mutex of its own. The GIL cannot protect ctx, because
 * large updates run without the GIL; two threads calling h.update(big) on the same object would
 * otherwise interleave inside the kernel and corrupt the state. Every access to ctx (update,
 * digest, copy) therefore happens with `mutex` held, exactly as hashlib gives each HASH object a
 * lock. */
typedef struct HasherObject {
    MiniObject_HEAD
    pthread_mutex_t mutex;    /* guards ctx */
    int mutex_ready;          /* mutex was initialised (so tp_dealloc must destroy it) */
    miniext_sha256_ctx ctx;
} HasherObject;

static MiniTypeObject HasherType;

/* Takes self->mutex. Called with the GIL held and returns with it held. The lock is only ever
 * waited for WITHOUT the GIL: if it is free we take it at once; if another thread has it (that
 * thread is hashing with the GIL released), we release the GIL while we block. Blocking on the
 * mutex while holding the GIL would stall every other thread for the whole of that hash, and is
 * the classic recipe for a deadlock (the owner may need the GIL before it can let go). */
static void hasher_lock(HasherObject *self) {
    if (pthread_mutex_trylock(&self->mutex) != 0) {
        Mini_BEGIN_ALLOW_THREADS
        pthread_mutex_lock(&self->mutex);
        Mini_END_ALLOW_THREADS
    }
}

static void hasher_unlock(HasherObject *self) {
    pthread_mutex_unlock(&self->mutex);
}

/* Absorbs the bytes of view into self. Called with the GIL held; returns with it held. */
static void hasher_absorb(HasherObject *self, const MiniBuffer *view) {
    if (view->len >= HASHING_GIL_MINSIZE) {
        /* Release the GIL first, then take the object's mutex: this thread waits for the mutex
         * without the GIL, and gives the mutex back before it asks for the GIL again. */
        Mini_BEGIN_ALLOW_THREADS
        pthread_mutex_lock(&self->mutex);
        miniext_sha256_update(&self->ctx, view->buf, (size_t)view->len);
        pthread_mutex_unlock(&self->mutex);
        Mini_END_ALLOW_THREADS
    } else {
        hasher_lock(self);
        miniext_sha256_update(&self->ctx, view->buf, (size_t)view->len);
        hasher_unlock(self);
    }
}

/* Allocates a hasher of the given type with a fresh state. New reference; NULL with MemoryError
 * (or RuntimeError if the mutex cannot be created). */
static HasherObject *hasher_alloc(MiniTypeObject *type) {
    HasherObject *self = (HasherObject *)MiniObject_New(type);
    if (self == NULL) return NULL;
    if (pthread_mutex_init(&self->mutex, NULL) != 0) {
        Mini_DECREF(self);        /* tp_dealloc sees mutex_ready == 0 and skips the mutex */
        MiniErr_SetString(MiniExc_RuntimeError, "cannot create the hasher's lock");
        return NULL;
    }
    self->mutex_ready = 1;
    miniext_sha256_init(&self->ctx);
    return self;
}

/* Shared body of sha256_hasher() and SHA256Hasher(): (data=b"") -> a hasher that has absorbed
 * data. New reference; NULL with an exception. */
static MiniObject *hasher_construct(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs,
                                    const char *format) {
    static char *keywords[] = {"data", NULL};
    MiniBuffer view = {0};
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, format, keywords, &view)) return NULL;
    HasherObject *self = hasher_alloc(type);
    if (self != NULL && view.obj != NULL) hasher_absorb(self, &view);
    MiniBuffer_Release(&view);   /* a no-op when data was not given */
    return (MiniObject *)self;
}

/* sha256_hasher(data=b"") -> SHA256Hasher. New reference; NULL with an exception. */
static MiniObject *hashing_sha256_hasher(MiniObject *module, MiniObject *args, MiniObject *kwargs) {
    (void)module;
    return hasher_construct(&HasherType, args, kwargs, "|y*:sha256_hasher");
}

/* tp_new, so that calling the type itself, SHA256Hasher(data=b""), is as safe as the factory. */
static MiniObject *Hasher_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    return hasher_construct(type, args, kwargs, "|y*:SHA256Hasher");
}

static void Hasher_dealloc(MiniObject *op) {
    /* The last reference is gone, so no thread can be inside a method holding the mutex. */
    HasherObject *self = (HasherObject *)op;
    if (self->mutex_ready) pthread_mutex_destroy(&self->mutex);
    MiniObject_Free(op);
}

/* h.update(data) -> None. Any buffer exporter; TypeError "a bytes-like object is required, not
 * 'int'" otherwise (and, as hashlib, "Strings must be encoded before hashing" for str). */
static MiniObject *Hasher_update(MiniObject *op, MiniObject *data) {
    MiniBuffer view;
    if (MiniUnicode_Check(data)) {
        MiniErr_SetString(MiniExc_TypeError, "Strings must be encoded before hashing");
        return NULL;
    }
    if (MiniObject_GetBuffer(data, &view, MINI_BUF_SIMPLE) < 0) return NULL;
    hasher_absorb((HasherObject *)op, &view);
    MiniBuffer_Release(&view);
    Mini_RETURN_NONE;
}

/* Reads the digest of everything absorbed so far, under the object's mutex. */
static void hasher_digest(HasherObject *self, uint8_t digest[MINIEXT_SHA256_DIGEST_SIZE]) {
    hasher_lock(self);
    miniext_sha256_digest(&self->ctx, digest);
    hasher_unlock(self);
}

/* h.digest() -> bytes; the hasher can keep absorbing afterwards. New reference. */
static MiniObject *Hasher_digest(MiniObject *op, MiniObject *unused) {
    (void)unused;
    uint8_t digest[MINIEXT_SHA256_DIGEST_SIZE];
    hasher_digest((HasherObject *)op, digest);
    return MiniBytes_FromStringAndSize((const char *)digest, MINIEXT_SHA256_DIGEST_SIZE);
}

/* h.hexdigest() -> str. New reference. */
static MiniObject *Hasher_hexdigest(MiniObject *op, MiniObject *unused) {
    (void)unused;
    uint8_t digest[MINIEXT_SHA256_DIGEST_SIZE];
    char hex[2 * MINIEXT_SHA256_DIGEST_SIZE + 1];
    hasher_digest((HasherObject *)op, digest);
    miniext_sha256_hex(digest, hex);
    return MiniUnicode_FromStringAndSize(hex, 2 * MINIEXT_SHA256_DIGEST_SIZE);
}

/* h.copy() -> an independent hasher with the same state. New reference. */
static MiniObject *Hasher_copy(MiniObject *op, MiniObject *unused) {
    (void)unused;
    HasherObject *self = (HasherObject *)op;
    HasherObject *clone = hasher_alloc(Mini_TYPE(op));   /* allocate first: that needs the GIL */
    if (clone == NULL) return NULL;
    hasher_lock(self);
    clone->ctx = self->ctx;                               /* the state is plain data */
    hasher_unlock(self);
    return (MiniObject *)clone;
}

static MiniObject *Hasher_get_name(MiniObject *op, void *closure) {
    (void)op; (void)closure;
    return MiniUnicode_FromString("sha256");
}

static MiniObject *Hasher_get_digest_size(MiniObject *op, void *closure) {
    (void)op; (void)closure;
    return MiniLong_FromLong(MINIEXT_SHA256_DIGEST_SIZE);
}

static MiniObject *Hasher_get_block_size(MiniObject *op, void *closure) {
    (void)op; (void)closure;
    return MiniLong_FromLong(MINIEXT_SHA256_BLOCK_SIZE);
}

static MiniObject *Hasher_repr(MiniObject *op) {
    return MiniUnicode_FromFormat("<sha256 SHA256Hasher object @ %p>", (void *)op);
}

static MiniMethodDef Hasher_methods[] = {
    {"update", Hasher_update, MINI_METH_O, "update(data): absorb more bytes."},
    {"digest", Hasher_digest, MINI_METH_NOARGS, "digest() -> bytes: the digest so far."},
    {"hexdigest", Hasher_hexdigest, MINI_METH_NOARGS, "hexdigest() -> str: the digest so far, in hex."},
    {"copy", Hasher_copy, MINI_METH_NOARGS, "copy() -> an independent hasher with the same state."},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef Hasher_getset[] = {
    {"name", Hasher_get_name, NULL, "the algorithm's name, 'sha256'", NULL},
    {"digest_size", Hasher_get_digest_size, NULL, "32: bytes in a digest", NULL},
    {"block_size", Hasher_get_block_size, NULL, "64: bytes in a block", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniTypeObject HasherType = {
    MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "hashing.SHA256Hasher",
    .tp_basicsize = sizeof(HasherObject),
    .tp_dealloc = Hasher_dealloc,
    .tp_repr = Hasher_repr,
    .tp_methods = Hasher_methods,
    .tp_getset = Hasher_getset,
    .tp_doc = "An incremental SHA-256 hasher; safe to share between threads.",
    .tp_new = Hasher_new,
};

/* ===== the module ============================================================================= */

static MiniMethodDef hashing_functions[] = {
    {"sha256", _MiniCFunction_CAST(hashing_sha256), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "sha256(data, *, release=True) -> bytes: the SHA-256 digest of data."},
    {"hexdigest", _MiniCFunction_CAST(hashing_hexdigest), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "hexdigest(data, *, release=True) -> str: the SHA-256 digest of data in hex."},
    {"sha256_hasher", _MiniCFunction_CAST(hashing_sha256_hasher), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "sha256_hasher(data=b'') -> SHA256Hasher: an incremental hasher."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef hashing_module = {
    MiniModuleDef_HEAD_INIT,
    .m_name = "hashing",
    .m_doc = "SHA-256 hashing that releases the GIL for large inputs.",
    .m_size = 0,
    .m_methods = hashing_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

const char *miniext_sha256_kernel_name(void) {
    return miniext_sha256_impl_name(miniext_sha256_active_impl());
}

MiniObject *MiniInit_hashing(void) {
    MiniObject *m = MiniModule_Create(&hashing_module);
    if (m == NULL) return NULL;
    if (MiniModule_AddType(m, &HasherType) < 0 ||
        MiniModule_AddStringConstant(m, "kernel", miniext_sha256_kernel_name()) < 0 ||
        MiniModule_AddIntConstant(m, "GIL_MINSIZE", HASHING_GIL_MINSIZE) < 0) {
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}
