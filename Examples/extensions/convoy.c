/* convoy.c: the I/O side of `extdemo convoy`, the convoy effect of bpo-7946. echo(max_ops,
 * max_seconds, payload=64, think_us=0, python_server=True) does short blocking operations the way
 * a Python client of an echo server does: for each operation it sends `payload` bytes over a
 * socketpair to an echo thread and receives them back, releasing the GIL around each send and
 * each recv as socket.send / socket.recv do, and building a bytes object from the reply with the
 * GIL held. Each operation's latency runs from before the send to the moment the reply's bytes
 * object exists, so it includes the waits for the GIL.
 *
 * The echo thread stands for the server. By default it is what ../shared/anchors/measure.py's
 * CPython reference runs, a Python thread: it has a thread state ("echo-server"), waits in recv
 * and send with the GIL released, and holds the GIL to handle each request (it builds a bytes
 * object from it), so beside a CPU-bound thread it too must win the lock back once per request.
 * With python_server=False it is a plain pthread that never touches the runtime (a server in
 * another process). think_us adds a busy wait per request (the server's own work or a network
 * round trip), outside the GIL. Returns (ops, elapsed_ns, p50_ns, p99_ns). decisions() reads the
 * `prompt` policy's counted decisions (grants, refusals, bursts, ns charged). held_ns() is how long
 * the calling thread has held the GIL so far (the statistics' exact figure), from which the demo
 * computes the CPU threads' share of the lock in each phase. */
#include <mini.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "miniext.h"

#define MAX_PAYLOAD 4096

typedef struct { int fd; uint64_t think_ns; int python; } EchoArgs;

/* One blocking read (GIL released as a blocking call when `python`); as read(2). */
static ssize_t server_read(const EchoArgs *a, char *buf, size_t len) {
    ssize_t n;
    if (!a->python) return read(a->fd, buf, len);
    Mini_BEGIN_BLOCKING_CALL
    n = read(a->fd, buf, len);
    Mini_END_BLOCKING_CALL
    return n;
}

/* Writes all of buf (GIL released as a blocking call when `python`); 0, or -1. */
static int server_write(const EchoArgs *a, const char *buf, size_t len) {
    int rc = 0;
    MiniThreadState *saved = a->python ? MiniEval_SaveThreadBlocking() : NULL;
    for (size_t off = 0; off < len;) {
        ssize_t w = write(a->fd, buf + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) { rc = -1; break; }
        off += (size_t)w;
    }
    if (saved != NULL) MiniEval_RestoreThread(saved);
    return rc;
}

/* The echo server: reads what arrives and writes it back, until the peer closes. As a Python
 * server it holds the GIL between its blocking calls and turns each request into a bytes object
 * (the request handler's Python work); the optional think time is spent without the GIL. */
static void *echo_thread(void *p) {
    EchoArgs *a = p;
    char buf[MAX_PAYLOAD];
    MiniGILState_STATE gstate = 0;
    if (a->python) {
        gstate = MiniGILState_Ensure();
        MiniThreadState_SetName(MiniThreadState_Get(), "echo-server");
    }
    for (;;) {
        ssize_t n = server_read(a, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (a->python) {
            MiniObject *request = MiniBytes_FromStringAndSize(buf, n);   /* the handler's work */
            if (request == NULL) { MiniErr_Clear(); break; }
            Mini_DECREF(request);
        }
        if (a->think_ns) {
            MiniThreadState *saved = a->python ? MiniEval_SaveThread() : NULL;
            uint64_t until = Mini_MonotonicNs() + a->think_ns;
            while (Mini_MonotonicNs() < until) { }
            if (saved != NULL) MiniEval_RestoreThread(saved);
        }
        if (server_write(a, buf, (size_t)n) < 0) break;
    }
    if (a->python) MiniGILState_Release(gstate);
    return NULL;
}

/* send all of buf (GIL released as a blocking call); 0, or -1 with errno. */
static int send_all(int fd, const char *buf, size_t len) {
    int rc = 0;
    Mini_BEGIN_BLOCKING_CALL
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, buf + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) { rc = -1; break; }
        off += (size_t)w;
    }
    Mini_END_BLOCKING_CALL
    return rc;
}

/* receive exactly len bytes (GIL released as a blocking call); 0, or -1 with errno. */
static int recv_all(int fd, char *buf, size_t len) {
    int rc = 0;
    Mini_BEGIN_BLOCKING_CALL
    for (size_t off = 0; off < len;) {
        ssize_t r = read(fd, buf + off, len - off);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) { rc = -1; break; }
        off += (size_t)r;
    }
    Mini_END_BLOCKING_CALL
    return rc;
}

static int compare_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* echo(max_ops, max_seconds, payload=64, think_us=0, python_server=1) -> (ops, elapsed_ns, p50_ns,
 * p99_ns). Stops after max_ops operations or max_seconds, whichever comes first; the echo server
 * spends think_us microseconds on each request and, when python_server is true, holds the GIL
 * to handle it (see the top of the file). ValueError for max_ops < 1, max_seconds <= 0, payload outside
 * 1..4096 or think_us outside 0..1000000; OSError if the sockets fail. */
static MiniObject *convoy_echo(MiniObject *self, MiniObject *args) {
    long max_ops; double max_seconds; int payload = 64; double think_us = 0; int python_server = 1;
    (void)self;
    if (!MiniArg_ParseTuple(args, "ld|idi:echo", &max_ops, &max_seconds, &payload, &think_us, &python_server))
        return NULL;
    if (max_ops < 1 || max_ops > 100000000 || !(max_seconds > 0) || payload < 1 || payload > MAX_PAYLOAD ||
        !(think_us >= 0 && think_us <= 1e6)) {
        MiniErr_SetString(MiniExc_ValueError, "echo: need 1 <= max_ops <= 1e8, max_seconds > 0, "
                                              "1 <= payload <= 4096, 0 <= think_us <= 1e6");
        return NULL;
    }
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
        MiniErr_Format(MiniExc_OSError, "socketpair: %s", strerror(errno));
        return NULL;
    }
    uint64_t *lat = malloc((size_t)max_ops * sizeof *lat);
    pthread_t tid;
    EchoArgs echo_args = {fds[1], (uint64_t)(think_us * 1000), python_server != 0};
    if (lat == NULL || pthread_create(&tid, NULL, echo_thread, &echo_args) != 0) {
        free(lat);
        close(fds[0]); close(fds[1]);
        return lat == NULL ? MiniErr_NoMemory() : (MiniErr_SetString(MiniExc_OSError, "cannot start the echo thread"), NULL);
    }
    char out[MAX_PAYLOAD], in[MAX_PAYLOAD];
    memset(out, 'x', sizeof out);
    uint64_t start = Mini_MonotonicNs(), limit = start + (uint64_t)(max_seconds * 1e9);
    long ops = 0;
    int failed = 0;
    while (ops < max_ops) {
        uint64_t t0 = Mini_MonotonicNs();
        if (t0 >= limit) break;
        if (send_all(fds[0], out, (size_t)payload) < 0 || recv_all(fds[0], in, (size_t)payload) < 0) { failed = errno; break; }
        MiniObject *reply = MiniBytes_FromStringAndSize(in, payload);   /* the "Python" work */
        if (reply == NULL) break;
        Mini_DECREF(reply);
        lat[ops++] = Mini_MonotonicNs() - t0;
        if (MiniEval_Poll() < 0) break;
    }
    uint64_t elapsed = Mini_MonotonicNs() - start;
    shutdown(fds[0], SHUT_RDWR);
    close(fds[0]);
    Mini_BEGIN_ALLOW_THREADS
    pthread_join(tid, NULL);
    Mini_END_ALLOW_THREADS
    close(fds[1]);
    if (MiniErr_Occurred()) { free(lat); return NULL; }
    if (failed) {
        free(lat);
        MiniErr_Format(MiniExc_OSError, "echo: %s", strerror(failed));
        return NULL;
    }
    uint64_t p50 = 0, p99 = 0;
    if (ops > 0) {
        qsort(lat, (size_t)ops, sizeof *lat, compare_u64);
        p50 = lat[(ops - 1) / 2];
        p99 = lat[(size_t)((double)(ops - 1) * 0.99)];
    }
    free(lat);
    return Mini_BuildValue("(lKKK)", ops, (unsigned long long)elapsed, (unsigned long long)p50, (unsigned long long)p99);
}

/* decisions(reset=0) -> (granted, refused, bursts, charged_ns): the `prompt` policy's decisions
 * so far (MiniGIL_GetPromptStats); with reset true, counts from zero afterwards. */
static MiniObject *convoy_decisions(MiniObject *self, MiniObject *args) {
    int reset = 0;
    (void)self;
    if (!MiniArg_ParseTuple(args, "|i:decisions", &reset)) return NULL;
    MiniGILPromptStats st;
    MiniGIL_GetPromptStats(&st);
    if (reset) MiniGIL_ResetPromptStats();
    return Mini_BuildValue("(KKKK)", (unsigned long long)st.granted, (unsigned long long)st.refused,
                           (unsigned long long)st.bursts, (unsigned long long)st.charged_ns);
}

/* held_ns() -> int: how long the calling thread has held the GIL since it started (or the last
 * MiniGIL_ResetStats), its current hold included (MiniGIL_GetThreadStats). New reference; called
 * with the GIL held; NULL with an exception only if the int cannot be made. */
static MiniObject *convoy_held_ns(MiniObject *self, MiniObject *args) {
    (void)self;
    (void)args;
    MiniGILStats st;
    MiniGIL_GetThreadStats(MiniThreadState_Get(), &st);
    return MiniLong_FromUnsignedLongLong((unsigned long long)st.held_ns);
}

static MiniMethodDef convoy_methods[] = {
    {"decisions", convoy_decisions, MINI_METH_VARARGS,
     "decisions(reset=0) -> (granted, refused, bursts, charged_ns): the prompt policy's decisions so far."},
    {"held_ns", convoy_held_ns, MINI_METH_NOARGS,
     "held_ns() -> int: how long the calling thread has held the GIL, in ns."},
    {"echo", convoy_echo, MINI_METH_VARARGS,
     "echo(max_ops, max_seconds, payload=64, think_us=0, python_server=1) -> (ops, elapsed_ns, p50_ns, p99_ns): "
     "socketpair round trips, the GIL released around each send and recv."},
    {NULL, NULL, 0, NULL},
};
static MiniModuleDef convoy_module = {MiniModuleDef_HEAD_INIT, "convoy", "The I/O thread of the convoy demo.", 0, convoy_methods,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED};
/* New reference to the module, or NULL with an exception. */
MiniObject *MiniInit_convoy(void) { return MiniModule_Create(&convoy_module); }
