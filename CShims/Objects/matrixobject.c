/* Objects/matrixobject.c: the "matrix" type, a rows x cols array of float64 stored row-major in one
 * 64-byte aligned block, made for native kernels that take a buffer view of it and run without
 * the GIL. The buffer export (format "d", ndim 2) counts outstanding views in `exports`; while
 * that count is positive the data block is pinned: MiniMatrix_Resize refuses with BufferError
 * instead of freeing memory a GIL-free kernel may be reading.
 *
 * From Python: matrix(rows, cols) (zeros) or matrix([[1, 2], [3, 4]]); m.shape, m.rows, m.cols,
 * m.tolist(), m[i, j] and m[i, j] = v (negative indices count from the end), len(m) == rows,
 * == / != compare shape and every element exactly; repr abbreviates big matrices with "...".
 * Every function requires the GIL. */
#include "mini.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define MATRIX_ALIGN 64
/* Fills slot i of a fresh list, stealing v (the list's slots start NULL). */
#define list_set(list, i, v) (((MiniListObject *)(list))->ob_item[(i)] = (v))
/* repr shows at most this many leading and trailing rows (and columns) of a big matrix. */
#define REPR_EDGE 3

/* Blocks of at least this many bytes come straight from mmap: page-aligned, zero-filled by the
 * kernel and committed lazily, so a big zero matrix costs no memset and no resident memory until
 * it is written. Smaller ones come from posix_memalign and are cleared. Which allocator a block
 * came from follows from its size, so no flag is stored. */
#define MATRIX_MMAP_THRESHOLD ((size_t)1 << 20)

/* Bytes of the data block of a rows x cols matrix (rounded up to MATRIX_ALIGN). The caller has
 * checked rows * cols <= MINI_MATRIX_MAX_ELEMENTS, so this cannot overflow. */
static size_t data_bytes(Mini_ssize_t rows, Mini_ssize_t cols)
{
    size_t bytes = (size_t)rows * (size_t)cols * sizeof(double);
    return (bytes + MATRIX_ALIGN - 1) & ~(size_t)(MATRIX_ALIGN - 1);
}

/* Allocates a zeroed, MATRIX_ALIGN-aligned block for rows x cols doubles (dimensions already
 * checked positive); sets MemoryError "cannot allocate a 100000x100000 matrix (74.5 GiB)" and
 * returns NULL when rows * cols exceeds MINI_MATRIX_MAX_ELEMENTS or the memory is refused. */
static double *alloc_data(Mini_ssize_t rows, Mini_ssize_t cols)
{
    if (rows <= MINI_MATRIX_MAX_ELEMENTS / cols) {
        size_t bytes = data_bytes(rows, cols);
        if (bytes >= MATRIX_MMAP_THRESHOLD) {
            void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p != MAP_FAILED) return (double *)p;
        } else {
            void *p = NULL;
            if (posix_memalign(&p, MATRIX_ALIGN, bytes) == 0 && p != NULL) {
                memset(p, 0, bytes);
                return (double *)p;
            }
        }
    }
    /* Too many elements, or the memory was refused: report the size asked for. MiniErr_Format
     * has no %f unit, so the message is formatted here. */
    double gib = (double)rows * (double)cols * (double)sizeof(double) / (1024.0 * 1024.0 * 1024.0);
    char msg[160];
    snprintf(msg, sizeof msg, "cannot allocate a %zdx%zd matrix (%.1f GiB)", rows, cols, gib);
    MiniErr_SetString(MiniExc_MemoryError, msg);
    return NULL;
}

/* Frees a block from alloc_data for the same dimensions. */
static void free_data(double *data, Mini_ssize_t rows, Mini_ssize_t cols)
{
    if (data == NULL) return;
    size_t bytes = data_bytes(rows, cols);
    if (bytes >= MATRIX_MMAP_THRESHOLD) munmap(data, bytes);
    else free(data);
}

/* ValueError unless both dimensions are positive: 0 / -1. */
static int check_dimensions(Mini_ssize_t rows, Mini_ssize_t cols)
{
    if (rows < 1 || cols < 1) {
        MiniErr_SetString(MiniExc_ValueError, "matrix dimensions must be positive");
        return -1;
    }
    return 0;
}

/* New instance of type (MiniMatrix_Type or a subtype) with zeroed data. */
static MiniObject *matrix_alloc(MiniTypeObject *type, Mini_ssize_t rows, Mini_ssize_t cols)
{
    if (check_dimensions(rows, cols) < 0) return NULL;
    double *data = alloc_data(rows, cols);
    if (data == NULL) return NULL;
    MiniMatrixObject *m = (MiniMatrixObject *)MiniObject_New(type);
    if (m == NULL) {
        free_data(data, rows, cols);
        return NULL;
    }
    m->rows = rows;
    m->cols = cols;
    m->data = data;
    m->exports = 0;
    return (MiniObject *)m;
}

/* TypeError "expected a matrix, not 'int'" unless m is a matrix: 0 / -1. */
static int require_matrix(MiniObject *m)
{
    if (m != NULL && MiniMatrix_Check(m)) return 0;
    if (m == NULL) {
        MiniErr_BadInternalCall();
    } else {
        MiniErr_Format(MiniExc_TypeError, "expected a matrix, not '%.200s'",
                       MiniType_Name(Mini_TYPE(m)));
    }
    return -1;
}

/* New reference to a rows x cols matrix of zeros. ValueError "matrix dimensions must be
 * positive"; MemoryError "cannot allocate a 100000x100000 matrix (74.5 GiB)" when the block
 * cannot be allocated or rows * cols exceeds MINI_MATRIX_MAX_ELEMENTS. Requires the GIL. */
MiniObject *MiniMatrix_New(Mini_ssize_t rows, Mini_ssize_t cols)
{
    MINI_CHECK_GIL("MiniMatrix_New");
    return matrix_alloc(&MiniMatrix_Type, rows, cols);
}

/* A row of the list given to MiniMatrix_FromList: a list or a tuple. */
static int row_items(MiniObject *row, MiniObject ***items, Mini_ssize_t *n)
{
    if (MiniList_Check(row)) {
        *items = ((MiniListObject *)row)->ob_item;
        *n = MiniList_GET_SIZE(row);
        return 0;
    }
    if (MiniTuple_Check(row)) {
        *items = ((MiniTupleObject *)row)->ob_item;
        *n = MiniTuple_GET_SIZE(row);
        return 0;
    }
    return -1;
}

/* New reference to a matrix copied from a list (or tuple) of equal-length lists (or tuples) of
 * ints and floats. TypeError "matrix() expects a list of rows, not 'int'", "matrix row 1 must
 * be a list, not 'int'", "matrix element (0, 1) must be a number, not 'str'"; ValueError "matrix
 * dimensions must be positive" for no rows or empty rows, "matrix rows must all have the same
 * length (row 1 has 3 elements, row 0 has 2)". Requires the GIL. */
MiniObject *MiniMatrix_FromList(MiniObject *rows)
{
    MINI_CHECK_GIL_OBJECT(rows, "MiniMatrix_FromList");
    MiniObject **row_list;
    Mini_ssize_t nrows;
    if (row_items(rows, &row_list, &nrows) < 0) {
        MiniErr_Format(MiniExc_TypeError, "matrix() expects a list of rows, not '%.200s'",
                       MiniType_Name(Mini_TYPE(rows)));
        return NULL;
    }
    Mini_ssize_t ncols = 0;
    for (Mini_ssize_t r = 0; r < nrows; r++) {
        MiniObject **items;
        Mini_ssize_t n;
        if (row_items(row_list[r], &items, &n) < 0) {
            MiniErr_Format(MiniExc_TypeError, "matrix row %zd must be a list, not '%.200s'", r,
                           MiniType_Name(Mini_TYPE(row_list[r])));
            return NULL;
        }
        if (r == 0) {
            ncols = n;
        } else if (n != ncols) {
            MiniErr_Format(MiniExc_ValueError,
                           "matrix rows must all have the same length (row %zd has %zd elements, "
                           "row 0 has %zd)", r, n, ncols);
            return NULL;
        }
    }
    MiniObject *result = MiniMatrix_New(nrows, ncols);
    if (result == NULL) return NULL;
    MiniMatrixObject *m = (MiniMatrixObject *)result;
    for (Mini_ssize_t r = 0; r < nrows; r++) {
        MiniObject **items;
        Mini_ssize_t n;
        row_items(row_list[r], &items, &n);
        for (Mini_ssize_t c = 0; c < ncols; c++) {
            MiniObject *x = items[c];
            double v;
            if (MiniFloat_Check(x)) {
                v = MiniFloat_AS_DOUBLE(x);
            } else if (MiniLong_Check(x) || MiniBool_Check(x)) {
                v = MiniBool_Check(x) ? (double)(x == Mini_True) : MiniLong_AsDouble(x);
                if (v == -1.0 && MiniErr_Occurred() != NULL) {
                    Mini_DECREF(result);
                    return NULL;
                }
            } else {
                MiniErr_Format(MiniExc_TypeError,
                               "matrix element (%zd, %zd) must be a number, not '%.200s'", r, c,
                               MiniType_Name(Mini_TYPE(x)));
                Mini_DECREF(result);
                return NULL;
            }
            m->data[r * ncols + c] = v;
        }
    }
    return result;
}

/* New reference to a list of rows, each a list of floats. TypeError for non-matrices. */
MiniObject *MiniMatrix_ToList(MiniObject *op)
{
    MINI_CHECK_GIL("MiniMatrix_ToList");
    if (require_matrix(op) < 0) return NULL;
    MiniMatrixObject *m = (MiniMatrixObject *)op;
    MiniObject *outer = MiniList_New(m->rows);
    if (outer == NULL) return NULL;
    for (Mini_ssize_t r = 0; r < m->rows; r++) {
        MiniObject *row = MiniList_New(m->cols);
        if (row == NULL) {
            for (Mini_ssize_t k = r; k < m->rows; k++) list_set(outer, k, Mini_NewRef(Mini_None));
            Mini_DECREF(outer);
            return NULL;
        }
        for (Mini_ssize_t c = 0; c < m->cols; c++) {
            MiniObject *x = MiniFloat_FromDouble(m->data[r * m->cols + c]);
            if (x == NULL) {
                /* Fill the rest so the partial row can be freed like any list. */
                for (Mini_ssize_t k = c; k < m->cols; k++) list_set(row, k, Mini_NewRef(Mini_None));
                Mini_DECREF(row);
                for (Mini_ssize_t k = r; k < m->rows; k++) list_set(outer, k, Mini_NewRef(Mini_None));
                Mini_DECREF(outer);
                return NULL;
            }
            list_set(row, c, x);
        }
        list_set(outer, r, row);
    }
    return outer;
}

/* Number of rows, or -1 with TypeError for non-matrices. Requires the GIL. */
Mini_ssize_t MiniMatrix_Rows(MiniObject *m)
{
    MINI_CHECK_GIL("MiniMatrix_Rows");
    if (require_matrix(m) < 0) return -1;
    return ((MiniMatrixObject *)m)->rows;
}

/* Number of columns, or -1 with TypeError for non-matrices. Requires the GIL. */
Mini_ssize_t MiniMatrix_Cols(MiniObject *m)
{
    MINI_CHECK_GIL("MiniMatrix_Cols");
    if (require_matrix(m) < 0) return -1;
    return ((MiniMatrixObject *)m)->cols;
}

/* Borrowed pointer to the data (valid while the caller holds the GIL and a reference and does
 * not resize); NULL with TypeError for non-matrices. Requires the GIL. */
double *MiniMatrix_Data(MiniObject *m)
{
    MINI_CHECK_GIL("MiniMatrix_Data");
    if (require_matrix(m) < 0) return NULL;
    return ((MiniMatrixObject *)m)->data;
}

/* IndexError "matrix index (3, 0) out of range for 2x2" unless (r, c) is inside: 0 / -1.
 * shown_r/shown_c are the indices as the caller wrote them (before negative wrap-around). */
static int check_index(MiniMatrixObject *m, Mini_ssize_t r, Mini_ssize_t c, Mini_ssize_t shown_r,
                       Mini_ssize_t shown_c)
{
    if (r >= 0 && r < m->rows && c >= 0 && c < m->cols) return 0;
    MiniErr_Format(MiniExc_IndexError, "matrix index (%zd, %zd) out of range for %zdx%zd",
                   shown_r, shown_c, m->rows, m->cols);
    return -1;
}

/* m[r, c] with 0-based indices (no negative wrap-around at this level). -1.0 with IndexError or
 * TypeError set on failure (check MiniErr_Occurred). Requires the GIL. */
double MiniMatrix_GetItem(MiniObject *op, Mini_ssize_t r, Mini_ssize_t c)
{
    MINI_CHECK_GIL("MiniMatrix_GetItem");
    if (require_matrix(op) < 0) return -1.0;
    MiniMatrixObject *m = (MiniMatrixObject *)op;
    if (check_index(m, r, c, r, c) < 0) return -1.0;
    return m->data[r * m->cols + c];
}

/* m[r, c] = v with 0-based indices. 0 / -1 (IndexError, TypeError). Requires the GIL. */
int MiniMatrix_SetItem(MiniObject *op, Mini_ssize_t r, Mini_ssize_t c, double v)
{
    MINI_CHECK_GIL("MiniMatrix_SetItem");
    if (require_matrix(op) < 0) return -1;
    MiniMatrixObject *m = (MiniMatrixObject *)op;
    if (check_index(m, r, c, r, c) < 0) return -1;
    m->data[r * m->cols + c] = v;
    return 0;
}

/* Reshapes to rows x cols with fresh zeroed data. BufferError "matrix is pinned by 1 exported
 * buffer" (or "by 2 exported buffers") while views are outstanding; ValueError / MemoryError as
 * MiniMatrix_New, leaving the matrix unchanged. 0 / -1. Requires the GIL. */
int MiniMatrix_Resize(MiniObject *op, Mini_ssize_t rows, Mini_ssize_t cols)
{
    MINI_CHECK_GIL("MiniMatrix_Resize");
    if (require_matrix(op) < 0) return -1;
    MiniMatrixObject *m = (MiniMatrixObject *)op;
    if (m->exports > 0) {
        MiniErr_Format(MiniExc_BufferError, "matrix is pinned by %zd exported buffer%s",
                       m->exports, m->exports == 1 ? "" : "s");
        return -1;
    }
    if (check_dimensions(rows, cols) < 0) return -1;
    double *data = alloc_data(rows, cols);
    if (data == NULL) return -1;
    free_data(m->data, m->rows, m->cols);
    m->data = data;
    m->rows = rows;
    m->cols = cols;
    return 0;
}

/* ----- the type's slots ----------------------------------------------------------------------- */

static void matrix_dealloc(MiniObject *op)
{
    MiniMatrixObject *m = (MiniMatrixObject *)op;
    /* Views own a reference, so a matrix with exports cannot reach zero. */
    if (m->exports != 0) Mini_FatalError("matrix_dealloc", "matrix freed while buffers are exported");
    free_data(m->data, m->rows, m->cols);
    m->data = NULL;
    MiniObject_Free(op);
}

/* matrix(rows, cols) or matrix(list_of_rows). */
static MiniObject *matrix_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs)
{
    if (kwargs != NULL && MiniDict_Size(kwargs) > 0) {
        MiniErr_SetString(MiniExc_TypeError, "matrix() takes no keyword arguments");
        return NULL;
    }
    Mini_ssize_t nargs = MiniTuple_GET_SIZE(args);
    if (nargs == 1) {
        MiniObject *m = MiniMatrix_FromList(MiniTuple_GET_ITEM(args, 0));
        if (m == NULL || type == &MiniMatrix_Type) return m;
        /* A subtype: copy into an instance of it. */
        MiniMatrixObject *src = (MiniMatrixObject *)m;
        MiniObject *sub = matrix_alloc(type, src->rows, src->cols);
        if (sub != NULL) {
            memcpy(((MiniMatrixObject *)sub)->data, src->data,
                   (size_t)(src->rows * src->cols) * sizeof(double));
        }
        Mini_DECREF(m);
        return sub;
    }
    if (nargs == 2) {
        Mini_ssize_t rows, cols;
        if (!MiniArg_ParseTuple(args, "nn:matrix", &rows, &cols)) return NULL;
        return matrix_alloc(type, rows, cols);
    }
    MiniErr_Format(MiniExc_TypeError, "matrix() takes 1 or 2 arguments (%zd given)", nargs);
    return NULL;
}

/* Growable text for repr. */
typedef struct {
    char *s;
    size_t len, cap;
    int failed;
} TextBuf;

static void text_add(TextBuf *t, const char *s, size_t n)
{
    if (t->failed) return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (t->len + n + 1 > cap) cap *= 2;
        char *p = MiniMem_Realloc(t->s, cap);
        if (p == NULL) {
            t->failed = 1;
            return;
        }
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void text_puts(TextBuf *t, const char *s) { text_add(t, s, strlen(s)); }

/* Appends repr(float(v)) (the interpreter's shortest round-trip form). 0 / -1. */
static int text_float(TextBuf *t, double v)
{
    MiniObject *f = MiniFloat_FromDouble(v);
    if (f == NULL) return -1;
    MiniObject *r = MiniObject_Repr(f);
    Mini_DECREF(f);
    if (r == NULL) return -1;
    Mini_ssize_t n;
    const char *s = MiniUnicode_AsUTF8AndSize(r, &n);
    if (s == NULL) {
        Mini_DECREF(r);
        return -1;
    }
    text_add(t, s, (size_t)n);
    Mini_DECREF(r);
    return 0;
}

/* Index i of n is shown in an abbreviated listing? Returns 1 show, 0 skip, 2 show "..." here. */
static int shown(Mini_ssize_t i, Mini_ssize_t n)
{
    if (n <= 2 * REPR_EDGE) return 1;
    if (i < REPR_EDGE || i >= n - REPR_EDGE) return 1;
    return i == REPR_EDGE ? 2 : 0;
}

/* matrix(2x3, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), with "..." standing for the middle rows and
 * columns of matrices bigger than 6 in either direction. */
static MiniObject *matrix_repr(MiniObject *op)
{
    MiniMatrixObject *m = (MiniMatrixObject *)op;
    TextBuf t = {0};
    char head[80];
    snprintf(head, sizeof head, "matrix(%zdx%zd, [", m->rows, m->cols);
    text_puts(&t, head);
    int first_row = 1;
    for (Mini_ssize_t r = 0; r < m->rows; r++) {
        int sr = shown(r, m->rows);
        if (sr == 0) continue;
        if (!first_row) text_puts(&t, ", ");
        first_row = 0;
        if (sr == 2) {
            text_puts(&t, "...");
            continue;
        }
        text_puts(&t, "[");
        int first_col = 1;
        for (Mini_ssize_t c = 0; c < m->cols; c++) {
            int sc = shown(c, m->cols);
            if (sc == 0) continue;
            if (!first_col) text_puts(&t, ", ");
            first_col = 0;
            if (sc == 2) {
                text_puts(&t, "...");
            } else if (text_float(&t, m->data[r * m->cols + c]) < 0) {
                MiniMem_Free(t.s);
                return NULL;
            }
        }
        text_puts(&t, "]");
    }
    text_puts(&t, "])");
    if (t.failed) {
        MiniMem_Free(t.s);
        return MiniErr_NoMemory();
    }
    MiniObject *result = MiniUnicode_FromStringAndSize(t.s, (Mini_ssize_t)t.len);
    MiniMem_Free(t.s);
    return result;
}

/* == and != compare shapes and elements exactly (so a matrix holding NaN is not equal to
 * itself); other comparisons and other types are not implemented. */
static MiniObject *matrix_richcompare(MiniObject *a, MiniObject *b, int op)
{
    if ((op != Mini_EQ && op != Mini_NE) || !MiniMatrix_Check(a) || !MiniMatrix_Check(b)) {
        Mini_RETURN_NOTIMPLEMENTED;
    }
    MiniMatrixObject *x = (MiniMatrixObject *)a, *y = (MiniMatrixObject *)b;
    int equal = x->rows == y->rows && x->cols == y->cols;
    for (Mini_ssize_t i = 0; equal && i < x->rows * x->cols; i++) {
        if (!(x->data[i] == y->data[i])) equal = 0;
    }
    return MiniBool_FromLong(op == Mini_EQ ? equal : !equal);
}

/* Matrices are mutable, so they are unhashable (as CPython's lists). */
static Mini_hash_t matrix_hash(MiniObject *op)
{
    MiniErr_Format(MiniExc_TypeError, "unhashable type: '%.200s'", MiniType_Name(Mini_TYPE(op)));
    return -1;
}

static Mini_ssize_t matrix_length(MiniObject *op) { return ((MiniMatrixObject *)op)->rows; }

/* One index of a subscript: an int, wrapped if negative. 0 / -1 (TypeError). */
static int subscript_index(MiniObject *key, Mini_ssize_t *out)
{
    if (MiniBool_Check(key)) {
        *out = key == Mini_True;
        return 0;
    }
    if (!MiniLong_Check(key)) {
        MiniErr_Format(MiniExc_TypeError, "matrix indices must be integers, not '%.200s'",
                       MiniType_Name(Mini_TYPE(key)));
        return -1;
    }
    Mini_ssize_t i = MiniLong_AsSsize_t(key);
    if (i == -1 && MiniErr_Occurred() != NULL) {
        if (!MiniErr_ExceptionMatches(MiniExc_OverflowError)) return -1;
        MiniErr_Clear();
        /* Out of range whatever the shape: report it as such with a clamped value. */
        i = MINI_SSIZE_T_MAX;
    }
    *out = i;
    return 0;
}

/* Resolves m[key] to a flat position in the data: key must be a pair of ints (row, col);
 * negative ones count from the end. 0 / -1 (TypeError, IndexError). */
static int resolve_key(MiniMatrixObject *m, MiniObject *key, Mini_ssize_t *pos)
{
    if (!MiniTuple_Check(key) || MiniTuple_GET_SIZE(key) != 2) {
        MiniErr_Format(MiniExc_TypeError,
                       "matrix indices must be a pair of integers (row, col), not '%.200s'",
                       MiniType_Name(Mini_TYPE(key)));
        return -1;
    }
    Mini_ssize_t r, c;
    if (subscript_index(MiniTuple_GET_ITEM(key, 0), &r) < 0) return -1;
    if (subscript_index(MiniTuple_GET_ITEM(key, 1), &c) < 0) return -1;
    Mini_ssize_t rr = r < 0 ? r + m->rows : r;
    Mini_ssize_t cc = c < 0 ? c + m->cols : c;
    if (check_index(m, rr, cc, r, c) < 0) return -1;
    *pos = rr * m->cols + cc;
    return 0;
}

static MiniObject *matrix_subscript(MiniObject *op, MiniObject *key)
{
    MiniMatrixObject *m = (MiniMatrixObject *)op;
    Mini_ssize_t pos;
    if (resolve_key(m, key, &pos) < 0) return NULL;
    return MiniFloat_FromDouble(m->data[pos]);
}

static int matrix_ass_subscript(MiniObject *op, MiniObject *key, MiniObject *value)
{
    MiniMatrixObject *m = (MiniMatrixObject *)op;
    if (value == NULL) {
        MiniErr_SetString(MiniExc_TypeError, "matrix elements cannot be deleted");
        return -1;
    }
    Mini_ssize_t pos;
    if (resolve_key(m, key, &pos) < 0) return -1;
    double v;
    if (MiniFloat_Check(value)) {
        v = MiniFloat_AS_DOUBLE(value);
    } else if (MiniBool_Check(value)) {
        v = value == Mini_True;
    } else if (MiniLong_Check(value)) {
        v = MiniLong_AsDouble(value);
        if (v == -1.0 && MiniErr_Occurred() != NULL) return -1;
    } else {
        MiniErr_Format(MiniExc_TypeError, "matrix elements must be numbers, not '%.200s'",
                       MiniType_Name(Mini_TYPE(value)));
        return -1;
    }
    m->data[pos] = v;
    return 0;
}

/* Exports the data as a writable 2-D float64 view and pins it. */
static int matrix_getbuffer(MiniObject *op, MiniBuffer *view, int flags)
{
    (void)flags;  /* always writable */
    MiniMatrixObject *m = (MiniMatrixObject *)op;
    view->buf = m->data;
    view->obj = Mini_NewRef(op);
    view->len = m->rows * m->cols * (Mini_ssize_t)sizeof(double);
    view->itemsize = sizeof(double);
    view->readonly = 0;
    view->ndim = 2;
    view->format = "d";
    view->shape[0] = m->rows;
    view->shape[1] = m->cols;
    view->strides[0] = m->cols * (Mini_ssize_t)sizeof(double);
    view->strides[1] = sizeof(double);
    view->internal = NULL;
    m->exports++;
    return 0;
}

static void matrix_releasebuffer(MiniObject *op, MiniBuffer *view)
{
    (void)view;
    MiniMatrixObject *m = (MiniMatrixObject *)op;
    if (m->exports <= 0) Mini_FatalError("matrix_releasebuffer", "more releases than exports");
    m->exports--;
}

static MiniObject *matrix_tolist(MiniObject *self, MiniObject *unused)
{
    (void)unused;
    return MiniMatrix_ToList(self);
}

static MiniObject *matrix_get_shape(MiniObject *op, void *closure)
{
    (void)closure;
    MiniMatrixObject *m = (MiniMatrixObject *)op;
    MiniObject *rows = MiniLong_FromSsize_t(m->rows);
    MiniObject *cols = MiniLong_FromSsize_t(m->cols);
    MiniObject *shape = NULL;
    if (rows != NULL && cols != NULL) shape = MiniTuple_Pack(2, rows, cols);
    Mini_XDECREF(rows);
    Mini_XDECREF(cols);
    return shape;
}

static MiniObject *matrix_get_rows(MiniObject *op, void *closure)
{
    (void)closure;
    return MiniLong_FromSsize_t(((MiniMatrixObject *)op)->rows);
}

static MiniObject *matrix_get_cols(MiniObject *op, void *closure)
{
    (void)closure;
    return MiniLong_FromSsize_t(((MiniMatrixObject *)op)->cols);
}

static MiniMethodDef matrix_methods[] = {
    {"tolist", matrix_tolist, MINI_METH_NOARGS, "tolist() -> the elements as a list of rows of floats"},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef matrix_getset[] = {
    {"shape", matrix_get_shape, NULL, "(rows, cols)", NULL},
    {"rows", matrix_get_rows, NULL, "number of rows", NULL},
    {"cols", matrix_get_cols, NULL, "number of columns", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniMappingMethods matrix_as_mapping = {
    .mp_length = matrix_length,
    .mp_subscript = matrix_subscript,
    .mp_ass_subscript = matrix_ass_subscript,
};

static MiniBufferProcs matrix_as_buffer = {
    .bf_getbuffer = matrix_getbuffer,
    .bf_releasebuffer = matrix_releasebuffer,
};

MiniTypeObject MiniMatrix_Type = {
    MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "matrix",
    .tp_basicsize = sizeof(MiniMatrixObject),
    .tp_dealloc = matrix_dealloc,
    .tp_repr = matrix_repr,
    .tp_hash = matrix_hash,
    .tp_richcompare = matrix_richcompare,
    .tp_as_mapping = &matrix_as_mapping,
    .tp_as_buffer = &matrix_as_buffer,
    .tp_methods = matrix_methods,
    .tp_getset = matrix_getset,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "matrix(rows, cols) or matrix(list_of_rows): a 2-D float64 array, row-major and "
              "64-byte aligned, exported through the buffer protocol (format 'd', ndim 2).",
    .tp_new = matrix_new,
};
