/* mini/matrixobject.h: a 2-D float64 matrix type: row-major, 64-byte aligned data that native
 * code reaches through the buffer protocol (format "d", ndim 2). While a buffer export is
 * outstanding the data is pinned: MiniMatrix_Resize fails with BufferError. All functions
 * require the GIL. */
#ifndef MINI_MATRIXOBJECT_H
#define MINI_MATRIXOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
typedef struct MiniMatrixObject {
    MiniObject_HEAD
    Mini_ssize_t rows, cols;
    double *data;              /* rows * cols doubles, row-major, 64-byte aligned, owned */
    Mini_ssize_t exports;      /* outstanding buffer views; > 0 pins data */
} MiniMatrixObject;
extern MiniTypeObject MiniMatrix_Type;  /* "matrix" */
#define MiniMatrix_Check(op) MiniObject_TypeCheck((op), &MiniMatrix_Type)
/* Largest element count accepted (guards rows * cols overflow). */
#define MINI_MATRIX_MAX_ELEMENTS ((Mini_ssize_t)1 << 40)
/* The same limit as a function, for Swift (which does not import the macro). */
MINI_INLINE Mini_ssize_t MiniMatrix_MaxElements(void) { return MINI_MATRIX_MAX_ELEMENTS; }
/* New reference to a rows x cols matrix filled with zeros. ValueError "matrix dimensions must
 * be positive" for rows or cols < 1; MemoryError "cannot allocate a 100000x100000 matrix
 * (74.5 GiB)" when the data cannot be allocated. */
MiniObject *MiniMatrix_New(Mini_ssize_t rows, Mini_ssize_t cols);
/* New reference: a matrix from a list of equal-length lists of numbers; TypeError/ValueError. */
MiniObject *MiniMatrix_FromList(MiniObject *rows);
/* New reference: nested lists of floats. */
MiniObject *MiniMatrix_ToList(MiniObject *m);
Mini_ssize_t MiniMatrix_Rows(MiniObject *m);   /* -1 with TypeError for non-matrices */
Mini_ssize_t MiniMatrix_Cols(MiniObject *m);
/* Borrowed pointer to the data. Only valid while the caller holds the GIL and a reference;
 * to use it without the GIL, take a buffer view instead. NULL with TypeError. */
double *MiniMatrix_Data(MiniObject *m);
/* Element access with bounds checks (IndexError "matrix index (3, 0) out of range for 2x2").
 * GetItem returns -1.0 with an exception set on error. */
double MiniMatrix_GetItem(MiniObject *m, Mini_ssize_t r, Mini_ssize_t c);
int MiniMatrix_SetItem(MiniObject *m, Mini_ssize_t r, Mini_ssize_t c, double v);
/* Changes the shape, reallocating (contents zeroed). BufferError "matrix is pinned by 1
 * exported buffer" while views are outstanding. 0 / -1. */
int MiniMatrix_Resize(MiniObject *m, Mini_ssize_t rows, Mini_ssize_t cols);

MINI_END_DECLS
#endif /* MINI_MATRIXOBJECT_H */
