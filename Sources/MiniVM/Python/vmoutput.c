/* Python/vmoutput.c: where the interpreter's output goes. print() and tracebacks write through one
 * sink: by default stdio (stdout for stream 1, stderr for stream 2, so output is buffered like
 * python3's when redirected), or a callback installed by an embedder or a test that wants to
 * capture what a script prints. The sink is process-wide and used with the GIL held. */
#include "vm_internal.h"

#include <stdio.h>

static MiniVMWriteFunc sink;
static void *sink_ctx;

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
    FILE *f = stream == 2 ? stderr : stdout;
    if (stream == 2) fflush(stdout);
    fwrite(data, 1, (size_t)len, f);
}

void MiniVM_Flush(void) {
    if (sink != NULL) return;
    fflush(stdout);
    fflush(stderr);
}
