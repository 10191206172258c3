/* mini/buffer.h: the buffer protocol: how native code borrows an object's memory.
 *
 * MiniObject_GetBuffer fills a MiniBuffer view and, for as long as the view exists, keeps the
 * exporter alive (the view owns a reference to it) and its memory pinned (the exporter counts
 * the export and refuses to resize or free its data until the count is back to zero). That is
 * what makes it safe to release the GIL and compute on view.buf: no other thread can free or
 * move that memory meanwhile. Get and release the view with the GIL held; use view.buf without
 * it. Other threads can still write to a writable exporter's memory: pinning is not locking. */
#ifndef MINI_BUFFER_H
#define MINI_BUFFER_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
typedef struct MiniBuffer {
    void *buf;                 /* start of the memory */
    MiniObject *obj;           /* owned reference to the exporter; NULL once released */
    Mini_ssize_t len;          /* bytes in all */
    Mini_ssize_t itemsize;     /* bytes per item */
    int readonly;
    int ndim;                  /* 1 for bytes, 2 for a matrix */
    const char *format;        /* struct-module style: "B" bytes, "d" float64 */
    Mini_ssize_t shape[2];     /* items per dimension (row-major) */
    Mini_ssize_t strides[2];   /* bytes between items per dimension */
    void *internal;            /* for the exporter */
} MiniBuffer;

/* Request flags. */
#define MINI_BUF_SIMPLE   0
#define MINI_BUF_WRITABLE 0x0001   /* fail with BufferError on a read-only exporter */

/* 1 if o exports buffers. Never fails. */
int MiniObject_CheckBuffer(MiniObject *o);
/* Fills *view from exporter. 0 on success (view->obj holds a new reference); -1 with TypeError
 * "a bytes-like object is required, not 'int'" or BufferError "Object is not writable." and
 * view->obj == NULL. Requires the GIL. */
int MiniObject_GetBuffer(MiniObject *exporter, MiniBuffer *view, int flags);
/* Ends the export and drops view->obj; a second release is a no-op. Requires the GIL (it may
 * deallocate the exporter). */
void MiniBuffer_Release(MiniBuffer *view);
/* Helper for exporters: fills a 1-D contiguous view of len bytes at buf (ndim 1, format "B")
 * and takes a reference to exporter. 0 / -1 (BufferError if writable is requested on readonly). */
int MiniBuffer_FillInfo(MiniBuffer *view, MiniObject *exporter, void *buf, Mini_ssize_t len,
                        int readonly, int flags);

MINI_END_DECLS
#endif /* MINI_BUFFER_H */
