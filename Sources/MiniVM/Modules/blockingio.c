/* Modules/blockingio.c: one blocking descriptor operation (a socket's recv, send, accept) with the
 * GIL released once for the whole of it, as CPython's socket calls release it.
 *
 * The kit's descriptors are non-blocking underneath (socketmodule.c says why), so an operation
 * that would block is an attempt that fails with EAGAIN, a wait for readiness, and a second
 * attempt. Done with the GIL taken back between the steps, that is three releases and three
 * re-takes per recv where CPython (a blocking descriptor, one recv(2) between
 * Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS) has one; beside a CPU-bound thread every
 * re-take can cost a whole switch interval (the convoy effect, bpo-7946), so the kit would
 * convoy three times as hard as CPython. Here the attempts and the waits between them all run
 * inside one release, a blocking call (MiniEval_SaveThreadBlocking: the recording says
 * "blocked", the `prompt` policy serves the thread promptly when it comes back); the GIL is taken
 * back only when the operation is done, has failed, has timed out, or a signal needs handling.
 * On the main thread the waits are cut into 50 ms slices so Ctrl-C ends them, as elsewhere in
 * waitutil.c. */
#include "stdlib_internal.h"
#include "gil_internal.h"

#include <errno.h>
#include <math.h>
#include <poll.h>

/* How often a waiting main thread looks for Ctrl-C (as waitutil.c). */
#define INTERRUPT_SLICE 0.05

/* How the part without the GIL ended. */
enum { IO_DONE, IO_ERRNO, IO_TIMEOUT, IO_SIGNAL };

/* 1 if Ctrl-C is pending for the main thread. One relaxed load; needs no GIL. */
static int signal_pending(void) {
    return (__atomic_load_n(&_Mini_EvalBreaker, __ATOMIC_RELAXED) & MINI_BREAKER_SIGNAL_PENDING) != 0;
}

/* Waits (no GIL) until fd is ready for events, the deadline passes (< 0: none) or, when `watch`,
 * Ctrl-C is pending. IO_DONE when ready (or poll reports an error state: the next attempt says
 * which), else IO_TIMEOUT, IO_SIGNAL, or IO_ERRNO with *err. */
static int wait_ready(int fd, int events, double deadline, int watch, int *err) {
    for (;;) {
        double left = -1.0;
        if (deadline >= 0) {
            left = deadline - _MiniStd_Monotonic();
            if (left <= 0) return IO_TIMEOUT;
        }
        if (watch && signal_pending()) return IO_SIGNAL;
        double slice = left;
        if (watch && (slice < 0 || slice > INTERRUPT_SLICE)) slice = INTERRUPT_SLICE;
        struct pollfd p = {.fd = fd, .events = (short)events, .revents = 0};
        int r = poll(&p, 1, slice < 0 ? -1 : (int)ceil(slice * 1000.0));
        if (r > 0) return IO_DONE;
        if (r < 0 && errno == EINTR) return IO_SIGNAL;
        if (r < 0) { *err = errno; return IO_ERRNO; }
    }
}

/* The part without the GIL: attempts op, waiting for readiness after each EAGAIN, until it
 * succeeds (IO_DONE, *out its result) or ends otherwise. nonblocking: one attempt only. */
static int run_released(int fd, int events, int nonblocking, double deadline, int watch, MiniStdIOFunc op,
                        void *arg, ssize_t *out, int *err) {
    for (;;) {
        ssize_t r = op(arg);
        if (r >= 0) { *out = r; return IO_DONE; }
        int e = errno;
        if (e == EINTR) return IO_SIGNAL;
        *err = e;
        if ((e != EAGAIN && e != EWOULDBLOCK) || nonblocking) return IO_ERRNO;
        int w = wait_ready(fd, events, deadline, watch, err);
        if (w != IO_DONE) return w;
    }
}

ssize_t _MiniStd_BlockingIO(int fd, int events, double timeout, MiniStdIOFunc op, void *arg) {
    MiniThreadState *t = _Mini_tstate_current;
    int watch = t != NULL && t->is_main;
    int nonblocking = timeout == 0;
    double deadline = timeout > 0 ? _MiniStd_Monotonic() + timeout : -1.0;
    for (;;) {
        ssize_t result = -1;
        int err = 0;
        /* A non-blocking socket's call never waits: ordinary native work, not a blocking call. */
        MiniThreadState *saved = nonblocking ? MiniEval_SaveThread() : MiniEval_SaveThreadBlocking();
        int how = run_released(fd, events, nonblocking, deadline, watch, op, arg, &result, &err);
        MiniEval_RestoreThread(saved);
        switch (how) {
        case IO_DONE: return result;
        case IO_TIMEOUT: MiniErr_SetString(MiniExc_TimeoutError, "timed out"); return -1;
        case IO_ERRNO: _MiniStd_OSErrorFromErrno(err, NULL); return -1;
        default:   /* IO_SIGNAL: handlers run with the GIL; KeyboardInterrupt ends the call */
            if (MiniErr_CheckSignals() < 0) return -1;
        }
    }
}
