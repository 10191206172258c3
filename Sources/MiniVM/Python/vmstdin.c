/* Python/vmstdin.c: the process's standard input as the interpreter reads it, one buffer shared
 * by input() and sys.stdin (so mixing them loses nothing). Reads of file descriptor 0 happen with
 * the GIL released and a private mutex held (taken after the GIL is dropped, so the two locks
 * never wait on each other); EINTR is retried. Text is decoded as UTF-8 with invalid bytes
 * replaced. */
#include "vm_internal.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t stdin_mu = PTHREAD_MUTEX_INITIALIZER;
static char stdin_buf[65536];
static size_t buf_pos, buf_end;

typedef struct {
    char *data;
    size_t len, cap;
} Bytes;

static int bytes_add(Bytes *b, const char *p, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        char *nd = MiniMem_Realloc(b->data, cap);
        if (nd == NULL) return -1;
        b->data = nd;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

/* Refills the buffer: >0 bytes, 0 at end of input, -1 with errno. stdin_mu held, no GIL. */
static ssize_t refill(void) {
    for (;;) {
        ssize_t r = read(0, stdin_buf, sizeof stdin_buf);
        if (r < 0 && errno == EINTR) continue;
        if (r > 0) { buf_pos = 0; buf_end = (size_t)r; }
        return r;
    }
}

/* Collects up to limit bytes (limit < 0: no limit), stopping after a newline when line is set.
 * Sets *err to errno / ENOMEM on failure. No GIL. */
static void collect(Bytes *out, Mini_ssize_t limit, int line, int *err) {
    pthread_mutex_lock(&stdin_mu);
    for (;;) {
        if (limit >= 0 && (Mini_ssize_t)out->len >= limit) break;
        if (buf_pos == buf_end) {
            ssize_t r = refill();
            if (r < 0) { *err = errno; break; }
            if (r == 0) break;
        }
        size_t avail = buf_end - buf_pos;
        if (limit >= 0 && (Mini_ssize_t)avail > limit - (Mini_ssize_t)out->len) avail = (size_t)(limit - (Mini_ssize_t)out->len);
        const char *start = stdin_buf + buf_pos;
        const char *nl = line ? memchr(start, '\n', avail) : NULL;
        size_t take = nl != NULL ? (size_t)(nl - start) + 1 : avail;
        if (bytes_add(out, start, take) < 0) { *err = ENOMEM; break; }
        buf_pos += take;
        if (nl != NULL) break;
    }
    /* Complete a UTF-8 sequence cut by the limit, so the text decodes whole. */
    while (limit >= 0 && out->len > 0 && *err == 0) {
        size_t i = out->len;
        size_t lead = i;
        while (lead > 0 && i - lead < 4 && ((unsigned char)out->data[lead - 1] & 0xC0) == 0x80) lead--;
        if (lead == 0) break;
        unsigned char c = (unsigned char)out->data[lead - 1];
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i - (lead - 1) >= need) break;
        if (buf_pos == buf_end) {
            ssize_t r = refill();
            if (r <= 0) { if (r < 0) *err = errno; break; }
        }
        if (bytes_add(out, stdin_buf + buf_pos, 1) < 0) { *err = ENOMEM; break; }
        buf_pos++;
    }
    pthread_mutex_unlock(&stdin_mu);
}

MiniObject *_MiniVM_StdinRead(Mini_ssize_t limit, int line, int *at_eof) {
    Bytes b = {0};
    int err = 0;
    MiniThreadState *ts = MiniEval_SaveThread();
    collect(&b, limit, line, &err);
    MiniEval_RestoreThread(ts);
    if (at_eof != NULL) *at_eof = b.len == 0;
    MiniObject *res = NULL;
    if (err == ENOMEM) MiniErr_NoMemory();
    else if (err != 0 && b.len == 0) MiniErr_Format(MiniExc_OSError, "[Errno %d] %s", err, strerror(err));
    else {
        MiniObject *raw = MiniBytes_FromStringAndSize(b.data != NULL ? b.data : "", (Mini_ssize_t)b.len);
        MiniObject *enc = MiniUnicode_FromString("utf-8"), *errors = MiniUnicode_FromString("replace");
        if (raw != NULL && enc != NULL && errors != NULL)
            res = MiniObject_CallMethodObjArgs(raw, "decode", enc, errors, NULL);
        Mini_XDECREF(raw);
        Mini_XDECREF(enc);
        Mini_XDECREF(errors);
    }
    MiniMem_Free(b.data);
    return res;
}
