/* Objects/buffer.c: the buffer protocol's generic side. An exporter type implements tp_as_buffer:
 * bf_getbuffer fills a MiniBuffer view, takes a reference to the exporter in view->obj and counts
 * the export (which pins its memory); bf_releasebuffer ends the export. The functions here are
 * what consumers call: they check the exporter, keep the "view owns a reference" rule even for
 * sloppy exporters, make a second release harmless, and offer FillInfo for simple 1-D exporters.
 * All require the GIL (getting and releasing a view touch reference counts). */
#include "mini.h"

#include <string.h>

/* 1 if o's type exports buffers, else 0. Never fails. Requires the GIL. */
int MiniObject_CheckBuffer(MiniObject *o)
{
    MINI_CHECK_GIL("MiniObject_CheckBuffer");
    if (o == NULL) return 0;
    MiniBufferProcs *procs = Mini_TYPE(o)->tp_as_buffer;
    return procs != NULL && procs->bf_getbuffer != NULL;
}

/* Fills *view from exporter's bf_getbuffer. On success returns 0 and view->obj holds a new
 * reference to the exporter (set here if the exporter forgot); the caller must end the view with
 * MiniBuffer_Release. On failure returns -1 with view->obj == NULL and an exception: TypeError
 * "a bytes-like object is required, not 'int'" for non-exporters, or the exporter's own error
 * (BufferError "Object is not writable." for MINI_BUF_WRITABLE on a read-only one). */
int MiniObject_GetBuffer(MiniObject *exporter, MiniBuffer *view, int flags)
{
    MINI_CHECK_GIL_OBJECT(exporter, "MiniObject_GetBuffer");
    if (view == NULL) {
        MiniErr_BadInternalCall();
        return -1;
    }
    memset(view, 0, sizeof *view);
    MiniBufferProcs *procs = Mini_TYPE(exporter)->tp_as_buffer;
    if (procs == NULL || procs->bf_getbuffer == NULL) {
        MiniErr_Format(MiniExc_TypeError, "a bytes-like object is required, not '%.200s'",
                       MiniType_Name(Mini_TYPE(exporter)));
        return -1;
    }
    if (procs->bf_getbuffer(exporter, view, flags) < 0) {
        /* An exporter that failed must not leave a reference behind. */
        if (view->obj != NULL) Mini_CLEAR(view->obj);
        if (MiniErr_Occurred() == NULL) {
            MiniErr_SetString(MiniExc_SystemError, "bf_getbuffer failed without setting an exception");
        }
        return -1;
    }
    if (view->obj == NULL) view->obj = Mini_NewRef(exporter);
    return 0;
}

/* Ends the export: calls the exporter's bf_releasebuffer (which unpins its memory), then drops
 * the view's reference to the exporter (which may free it) and sets view->obj to NULL, so a
 * second release does nothing. Never fails. Requires the GIL. */
void MiniBuffer_Release(MiniBuffer *view)
{
    MINI_CHECK_GIL("MiniBuffer_Release");
    if (view == NULL || view->obj == NULL) return;
    MiniObject *exporter = view->obj;
    MINI_CHECK_OBJECT(exporter, "MiniBuffer_Release");
    MiniBufferProcs *procs = Mini_TYPE(exporter)->tp_as_buffer;
    if (procs != NULL && procs->bf_releasebuffer != NULL) procs->bf_releasebuffer(exporter, view);
    view->obj = NULL;
    Mini_DECREF(exporter);
}

/* For exporters of one contiguous block: fills *view as a 1-D view of len bytes at buf (format
 * "B", itemsize 1) and takes a new reference to exporter (which may be NULL for a view of plain
 * memory) in view->obj. -1 with BufferError "Object is not writable." (and view->obj NULL) when
 * flags ask for MINI_BUF_WRITABLE and readonly is set; SystemError for a NULL view or negative
 * len. Requires the GIL. */
int MiniBuffer_FillInfo(MiniBuffer *view, MiniObject *exporter, void *buf, Mini_ssize_t len,
                        int readonly, int flags)
{
    MINI_CHECK_GIL("MiniBuffer_FillInfo");
    if (view == NULL || len < 0) {
        MiniErr_BadInternalCall();
        return -1;
    }
    if ((flags & MINI_BUF_WRITABLE) && readonly) {
        view->obj = NULL;
        MiniErr_SetString(MiniExc_BufferError, "Object is not writable.");
        return -1;
    }
    if (exporter != NULL) MINI_CHECK_OBJECT(exporter, "MiniBuffer_FillInfo");
    view->buf = buf;
    view->obj = Mini_XNewRef(exporter);
    view->len = len;
    view->itemsize = 1;
    view->readonly = readonly ? 1 : 0;
    view->ndim = 1;
    view->format = "B";
    view->shape[0] = len;
    view->shape[1] = 0;
    view->strides[0] = 1;
    view->strides[1] = 0;
    view->internal = NULL;
    return 0;
}
