/* matmul.c: the "matmul" sample extension: float64 matrix multiplication that releases the GIL.
 *
 * It is written the way any extension author writes one, against <mini.h> only (plus the pure-C
 * kernel it wraps, kernels/dgemm.h), and it is commented to teach the pattern every
 * compute-heavy extension follows:
 *
 *   1. With the GIL held: parse and check the arguments, allocate the result, and pin the memory
 *      the computation will use by taking buffer views (MiniObject_GetBuffer) of the operands.
 *   2. Without the GIL (Mini_BEGIN_ALLOW_THREADS ... Mini_END_ALLOW_THREADS): run the kernel on
 *      the raw pointers from the views. Nothing in between may touch an object, a reference
 *      count or the error indicator: other threads are running Mini code meanwhile.
 *   3. With the GIL again: release the views (which may free objects) and return the result.
 *
 * Why views and not MiniMatrix_Data? A bare data pointer is only valid while the GIL is held: as
 * soon as it is released another thread may resize the matrix (freeing the data) or drop the last
 * reference to it. A view owns a reference to the matrix and counts as an export, which makes
 * MiniMatrix_Resize fail with BufferError until the view is released. Pinning is not locking,
 * though: another thread can still write elements of a or b while we read them, exactly as with
 * numpy; the result is then unspecified but memory-safe.
 *
 * matmul(a, b, *, release=True) can also keep the GIL for the whole multiply (release=False). The
 * kernel is the same either way, so timing both side by side in several threads shows what the
 * GIL costs: with release=True two threads multiply in parallel; with release=False they take
 * turns.
 *
 * Module functions:
 *   matmul(a, b, /, *, release=True)  the product a @ b, a new matrix
 *   matrix(rows, cols, fill=0.0)      a new matrix with every element set to fill
 *   random(rows, cols, seed)          a new matrix of uniform values in [-1, 1), deterministic
 *   from_list(rows)                   a new matrix from a list of equal-length lists of numbers
 *   allclose(a, b, rel_tol=1e-9, abs_tol=0.0)  same shape and every pair of elements close
 *   checksum(m)                       the sum of the elements, a float
 *   kernel()                          the name of the DGEMM micro-kernel in use
 */
#include <mini.h>

#include <pthread.h>
#include <semaphore.h>
#include <unistd.h>

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernels/dgemm.h"
#include "miniext.h"

/* ----- helpers ------------------------------------------------------------------------------ */

/* The leading dimension (elements between the starts of two rows) of a 2-D float64 view. A
 * matrix's views are C-contiguous, so this is its column count; we read it from the view rather
 * than assume it, as an extension accepting any exporter must. */
static size_t view_ld(const MiniBuffer *v) {
    return (size_t)(v->strides[0] / v->itemsize);
}

/* Takes a 2-D float64 view of m (a matrix, already type-checked). 0, or -1 with an exception
 * (and view->obj == NULL) on failure. Requires the GIL. */
static int get_matrix_view(MiniObject *m, MiniBuffer *view, int flags) {
    if (MiniObject_GetBuffer(m, view, flags) < 0) return -1;
    if (view->ndim != 2 || view->itemsize != (Mini_ssize_t)sizeof(double) || view->format == NULL ||
        strcmp(view->format, "d") != 0 || view->strides[1] != (Mini_ssize_t)sizeof(double)) {
        MiniBuffer_Release(view);
        MiniErr_SetString(MiniExc_BufferError, "matmul: expected a row-major 2-D float64 buffer");
        return -1;
    }
    return 0;
}

/* splitmix64: a tiny, high-quality 64-bit generator; one state word, fully deterministic. */
static uint64_t splitmix64_next(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* ----- matmul ------------------------------------------------------------------------------- */

/* matmul(a, b, /, *, release=True): new reference to the matrix a @ b.
 * TypeError when a or b is not a matrix ("matmul() argument 1 must be matrix, not int"),
 * ValueError when a's column count differs from b's row count, MemoryError when the result cannot
 * be allocated, BufferError if a view cannot be taken. Called with the GIL held; releases it
 * around the kernel when release is true. */
/* Core slots. Once the GIL is released, any number of threads may run the kernel at once; with
 * more threads than cores (extdemo matmul --threads 8 on 2 cores) the OS then time-slices them,
 * and each switch evicts the previous thread's packed panels from the core's caches: every
 * multiply gets slower. Like a BLAS library's thread pool sized to the cores, the kernel admits
 * at most one caller per online core and queues the rest (blocking on a semaphore, without the
 * GIL, so interpreted threads still run). This throttles the CPU, never the lock: all callers are
 * past BEGIN_ALLOW_THREADS and count as in flight (inflight.c). */
static sem_t core_slots;
static pthread_once_t core_slots_once = PTHREAD_ONCE_INIT;

static void core_slots_init(void) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    sem_init(&core_slots, 0, (unsigned)(cores > 0 ? cores : 1));
}

static void core_slot_take(void) {
    pthread_once(&core_slots_once, core_slots_init);
    while (sem_wait(&core_slots) != 0) { /* EINTR: retry */ }
}

static void core_slot_give(void) { sem_post(&core_slots); }

static MiniObject *matmul_matmul(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)self;
    /* Empty names make a and b positional-only; "$" makes release keyword-only. */
    static char *keywords[] = {"", "", "release", NULL};
    MiniObject *a, *b;
    int release = 1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O!O!|$p:matmul", keywords,
                                       &MiniMatrix_Type, &a, &MiniMatrix_Type, &b, &release))
        return NULL;   /* the parser has set the TypeError */
    /* a and b are borrowed from the argument tuple, which the caller keeps alive for the call. */

    const Mini_ssize_t m = MiniMatrix_Rows(a), k = MiniMatrix_Cols(a);
    const Mini_ssize_t k2 = MiniMatrix_Rows(b), n = MiniMatrix_Cols(b);
    if (k != k2) {
        return MiniErr_Format(MiniExc_ValueError,
                              "matmul: shapes (%zd, %zd) and (%zd, %zd) are not aligned: "
                              "%zd (dim 1) != %zd (dim 0)", m, k, k2, n, k, k2);
    }

    /* Step 1, GIL held: allocate the result (a new object: that needs the GIL) ... */
    MiniObject *result = MiniMatrix_New(m, n);
    if (result == NULL) return NULL;
    /* ... and pin all three operands. Each view holds a reference to its matrix and blocks
     * resizing, so the pointers stay valid after the GIL is gone. a and b may be the same
     * object (matmul(x, x)): two views of one matrix are fine, both are read-only uses. */
    MiniBuffer va, vb, vc;
    if (get_matrix_view(a, &va, MINI_BUF_SIMPLE) < 0) goto fail_result;
    if (get_matrix_view(b, &vb, MINI_BUF_SIMPLE) < 0) goto fail_a;
    if (get_matrix_view(result, &vc, MINI_BUF_WRITABLE) < 0) goto fail_b;

    /* Copy everything the kernel needs into C locals now: once the GIL is released we must not
     * even read object fields (another thread might be changing them). */
    const size_t M = (size_t)va.shape[0], K = (size_t)va.shape[1], N = (size_t)vb.shape[1];
    const double *A = va.buf, *B = vb.buf;
    double *C = vc.buf;
    const size_t lda = view_ld(&va), ldb = view_ld(&vb), ldc = view_ld(&vc);

    if (release) {
        /* Step 2: let other threads run Mini code while we compute. Between the two macros this
         * thread has no thread state: calling any Mini_* function here would be a bug (checked
         * mode aborts on it). mini_dgemm only touches the three pinned arrays and its own
         * packing buffers, so several threads can be in here at once. */
        Mini_BEGIN_ALLOW_THREADS
        miniext_kernel_enter();          /* counts kernels in flight (inflight.c): atomics only */
        core_slot_take();
        mini_dgemm(M, N, K, A, lda, B, ldb, C, ldc);
        core_slot_give();
        miniext_kernel_exit();
        Mini_END_ALLOW_THREADS
        /* END_ALLOW_THREADS blocked until this thread got the GIL back. */
    } else {
        /* The same kernel, GIL held throughout: every other thread that wants to run Mini code
         * waits for the whole multiply (the kernel has no eval-breaker poll to let them in). */
        miniext_kernel_enter();
        mini_dgemm(M, N, K, A, lda, B, ldb, C, ldc);
        miniext_kernel_exit();
    }

    /* Step 3, GIL held: unpin. Releasing a view drops its reference, which could free the
     * exporter, so this needs the GIL. The result keeps its own reference from MiniMatrix_New. */
    MiniBuffer_Release(&vc);
    MiniBuffer_Release(&vb);
    MiniBuffer_Release(&va);
    return result;

fail_b:
    MiniBuffer_Release(&vb);
fail_a:
    MiniBuffer_Release(&va);
fail_result:
    Mini_DECREF(result);
    return NULL;
}

/* ----- constructors ------------------------------------------------------------------------- */

/* matrix(rows, cols, fill=0.0): new reference to a rows x cols matrix of fill. ValueError for
 * non-positive dimensions, MemoryError, TypeError for bad arguments. GIL held throughout: the
 * work is a single pass over fresh memory, and nobody else can see the new matrix yet, so the
 * borrowed data pointer of MiniMatrix_Data is enough. */
static MiniObject *matmul_matrix(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)self;
    static char *keywords[] = {"rows", "cols", "fill", NULL};
    Mini_ssize_t rows, cols;
    double fill = 0.0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "nn|d:matrix", keywords, &rows, &cols, &fill))
        return NULL;
    MiniObject *m = MiniMatrix_New(rows, cols);   /* zero-filled */
    if (m == NULL) return NULL;
    if (fill != 0.0 || signbit(fill)) {
        double *d = MiniMatrix_Data(m);
        const size_t count = (size_t)rows * (size_t)cols;
        for (size_t i = 0; i < count; i++) d[i] = fill;
    }
    return m;
}

/* random(rows, cols, seed): new reference to a rows x cols matrix of values uniform in [-1, 1),
 * the same for the same seed on every platform (splitmix64 seeded with seed; each value uses the
 * top 53 bits of one output). Errors as matrix(). GIL held throughout, as in matrix(). */
static MiniObject *matmul_random(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)self;
    static char *keywords[] = {"rows", "cols", "seed", NULL};
    Mini_ssize_t rows, cols;
    long long seed;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "nnL:random", keywords, &rows, &cols, &seed))
        return NULL;
    MiniObject *m = MiniMatrix_New(rows, cols);
    if (m == NULL) return NULL;
    double *d = MiniMatrix_Data(m);
    const size_t count = (size_t)rows * (size_t)cols;
    uint64_t state = (uint64_t)seed;
    for (size_t i = 0; i < count; i++) {
        /* 53 random bits scaled to [0, 2), shifted to [-1, 1): exact in a double. */
        d[i] = (double)(splitmix64_next(&state) >> 11) * 0x1.0p-52 - 1.0;
    }
    return m;
}

/* from_list(rows): new reference to a matrix built from a list of equal-length lists of numbers
 * (MiniMatrix_FromList does the work and raises TypeError/ValueError on bad input). */
static MiniObject *matmul_from_list(MiniObject *self, MiniObject *rows) {
    (void)self;
    return MiniMatrix_FromList(rows);
}

/* ----- inspection --------------------------------------------------------------------------- */

/* allclose(a, b, rel_tol=1e-9, abs_tol=0.0): new reference to True when a and b have the same
 * shape and every pair of elements x, y satisfies math.isclose's rule
 * |x - y| <= max(rel_tol * max(|x|, |y|), abs_tol) (equal infinities are close; NaN is close to
 * nothing); else False. TypeError for non-matrices, ValueError "allclose: shapes (2, 3) and
 * (3, 2) differ" or "tolerances must be non-negative". GIL held throughout: it only reads. */
static MiniObject *matmul_allclose(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)self;
    static char *keywords[] = {"a", "b", "rel_tol", "abs_tol", NULL};
    MiniObject *a, *b;
    double rel_tol = 1e-9, abs_tol = 0.0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O!O!|dd:allclose", keywords, &MiniMatrix_Type,
                                       &a, &MiniMatrix_Type, &b, &rel_tol, &abs_tol))
        return NULL;
    if (rel_tol < 0.0 || abs_tol < 0.0) {
        MiniErr_SetString(MiniExc_ValueError, "tolerances must be non-negative");
        return NULL;
    }
    const Mini_ssize_t rows = MiniMatrix_Rows(a), cols = MiniMatrix_Cols(a);
    if (rows != MiniMatrix_Rows(b) || cols != MiniMatrix_Cols(b)) {
        return MiniErr_Format(MiniExc_ValueError, "allclose: shapes (%zd, %zd) and (%zd, %zd) differ",
                              rows, cols, MiniMatrix_Rows(b), MiniMatrix_Cols(b));
    }
    const double *x = MiniMatrix_Data(a), *y = MiniMatrix_Data(b);
    const size_t count = (size_t)rows * (size_t)cols;
    for (size_t i = 0; i < count; i++) {
        if (x[i] == y[i]) continue;                    /* also equal infinities */
        if (isinf(x[i]) || isinf(y[i])) Mini_RETURN_FALSE;
        const double diff = fabs(x[i] - y[i]);         /* NaN makes every test below false */
        const double scale = fmax(fabs(x[i]), fabs(y[i]));
        if (!(diff <= rel_tol * scale || diff <= abs_tol)) Mini_RETURN_FALSE;
    }
    Mini_RETURN_TRUE;
}

/* checksum(m): new reference to a float, the sum of m's elements in row-major order (so the same
 * matrix always gives bit-for-bit the same value). TypeError "checksum() argument must be
 * matrix, not int" for non-matrices. GIL held throughout. */
static MiniObject *matmul_checksum(MiniObject *self, MiniObject *m) {
    (void)self;
    if (!MiniMatrix_Check(m)) {
        return MiniErr_Format(MiniExc_TypeError, "checksum() argument must be matrix, not %.200s",
                              MiniType_Name(Mini_TYPE(m)));
    }
    const double *d = MiniMatrix_Data(m);
    const size_t count = (size_t)MiniMatrix_Rows(m) * (size_t)MiniMatrix_Cols(m);
    double sum = 0.0;
    for (size_t i = 0; i < count; i++) sum += d[i];
    return MiniFloat_FromDouble(sum);
}

/* kernel(): new reference to a str naming the DGEMM micro-kernel matmul uses, e.g.
 * "avx512 (8x24 AVX-512F+FMA micro-kernel)". */
static MiniObject *matmul_kernel(MiniObject *self, MiniObject *unused) {
    (void)self;
    (void)unused;
    return MiniUnicode_FromString(mini_dgemm_path_name(MINI_DGEMM_AUTO));
}

/* ----- the module --------------------------------------------------------------------------- */

static MiniMethodDef matmul_methods[] = {
    {"matmul", _MiniCFunction_CAST(matmul_matmul), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "matmul(a, b, /, *, release=True)\n--\n\nReturn the matrix product a @ b. With release=True "
     "the GIL is released while the product is computed."},
    {"matrix", _MiniCFunction_CAST(matmul_matrix), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "matrix(rows, cols, fill=0.0)\n--\n\nReturn a rows x cols matrix with every element fill."},
    {"random", _MiniCFunction_CAST(matmul_random), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "random(rows, cols, seed)\n--\n\nReturn a rows x cols matrix of deterministic pseudo-random "
     "values uniform in [-1, 1)."},
    {"from_list", matmul_from_list, MINI_METH_O,
     "from_list(rows)\n--\n\nReturn a matrix built from a list of equal-length lists of numbers."},
    {"allclose", _MiniCFunction_CAST(matmul_allclose), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "allclose(a, b, rel_tol=1e-9, abs_tol=0.0)\n--\n\nTrue if a and b have the same shape and "
     "all their elements are close (as math.isclose)."},
    {"checksum", matmul_checksum, MINI_METH_O,
     "checksum(m)\n--\n\nReturn the sum of the elements of m, as a float."},
    {"kernel", matmul_kernel, MINI_METH_NOARGS,
     "kernel()\n--\n\nReturn the name of the DGEMM micro-kernel in use."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef matmul_module = {
    MiniModuleDef_HEAD_INIT,
    .m_name = "matmul",
    .m_doc = "Float64 matrix multiplication with a blocked SIMD kernel that runs without the GIL.",
    .m_size = -1,
    .m_methods = matmul_methods,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* The init function the import system calls (with the GIL held) on first import of "matmul".
 * New reference to the module, or NULL with an exception (ImportError on an ABI mismatch). */
MiniObject *MiniInit_matmul(void) {
    return MiniModule_Create(&matmul_module);
}

/* ----- direct C entry point for the kit (declared in miniext.h) ----------------------------- */

const char *miniext_dgemm_kernel_name(void) {
    return mini_dgemm_path_name(MINI_DGEMM_AUTO);
}
