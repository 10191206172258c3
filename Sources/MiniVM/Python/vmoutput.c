/* Python/vmoutput.c: where the interpreter's output goes. print() and tracebacks write through one
 * sink: by default stdio (stdout for stream 1, stderr for stream 2, so output is buffered like
 * python3's when redirected), or a callback installed by an embedder or a test that wants to
 * capture what a script prints. The sink is process-wide and used with the GIL held. */
#include "vm_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static MiniVMWriteFunc sink;
static void *sink_ctx;
/* The first failure writing the process's stdout through the default sink (an errno), kept
 * for good (MiniVM_StdoutError); once stdout has failed, later writes to it are dropped (a closed
 * pipe stays closed, a full disk stays full). */
static int stdout_errno;

static void note_stdout_failure(void) {
    if (stdout_errno == 0) stdout_errno = errno != 0 ? errno : EIO;
}

void MiniVM_SetOutput(MiniVMWriteFunc write, void *ctx) {
    MiniVM_Flush();
    sink = write;
    sink_ctx = ctx;
}

void MiniVM_Write(int stream, const char *data, Mini_ssize_t len) {
    if (len <= 0) return;
    if (sink != NULL) {
        sink(stream, data, len, sink_ctx);
        return;
    }
    if (stream == 2) {
        if (stdout_errno == 0 && fflush(stdout) != 0) note_stdout_failure();
        fwrite(data, 1, (size_t)len, stderr);
        return;
    }
    if (stdout_errno != 0) return;
    errno = 0;
    if (fwrite(data, 1, (size_t)len, stdout) != (size_t)len || ferror(stdout)) note_stdout_failure();
}

void MiniVM_Flush(void) {
    if (sink != NULL) return;
    if (stdout_errno == 0) {
        errno = 0;
        if (fflush(stdout) != 0) note_stdout_failure();
    }
    fflush(stderr);
}

int MiniVM_StdoutError(void) { return stdout_errno; }

int MiniVM_RaiseWriteError(void) {
    int e = stdout_errno;
    if (e == 0) return 0;
    MiniObject *type = e == EPIPE ? MiniExc_BrokenPipeError : MiniExc_OSError;
    MiniObject *args = Mini_BuildValue("(is)", e, strerror(e));
    if (args == NULL) return -1;
    MiniObject *exc = MiniObject_Call(type, args, NULL);
    Mini_DECREF(args);
    if (exc == NULL) return -1;
    MiniErr_SetObject((MiniObject *)Mini_TYPE(exc), exc);
    Mini_DECREF(exc);
    return -1;
}
