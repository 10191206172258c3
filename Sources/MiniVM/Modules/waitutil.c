/* Modules/waitutil.c: blocking without the GIL, for every stdlib primitive that waits (locks,
 * events, semaphores, barriers, conditions, thread joins, futures, time.sleep).
 *
 * The rule the kit exists to show: a thread must never block while holding the GIL, or every
 * other thread stops with it. So each wait here first tests its predicate with the GIL held (the
 * cheap uncontended case), and only then lets the GIL go (Mini_BEGIN_BLOCKING_CALL: a release the
 * GIL recording calls "blocked" and the `prompt` policy serves promptly on return), sleeps on a
 * pthread condition variable until the predicate holds or the deadline passes, and takes the GIL
 * back (Mini_END_BLOCKING_CALL). Condition variables use CLOCK_MONOTONIC, so changing the wall
 * clock does not stretch or cut timeouts. On the main thread waits are cut into 50 ms slices so
 * Ctrl-C (a flag the SIGINT handler raises in the eval breaker) can end them with
 * KeyboardInterrupt, as it does in CPython. */
#include "stdlib_internal.h"
#include "gil_internal.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <math.h>
#include <time.h>

/* How often a waiting main thread looks for Ctrl-C. */
#define INTERRUPT_SLICE 0.05

int _MiniStdWait_Init(MiniStdWait *w) {
    pthread_condattr_t attr;
    if (pthread_mutex_init(&w->mu, NULL) != 0) goto fail;
    if (pthread_condattr_init(&attr) != 0) { pthread_mutex_destroy(&w->mu); goto fail; }
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    int r = pthread_cond_init(&w->cv, &attr);
    pthread_condattr_destroy(&attr);
    if (r != 0) { pthread_mutex_destroy(&w->mu); goto fail; }
    return 0;
fail:
    MiniErr_NoMemory();
    return -1;
}

void _MiniStdWait_Destroy(MiniStdWait *w) {
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
}

void _MiniStdWait_Signal(MiniStdWait *w) {
    pthread_mutex_lock(&w->mu);
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

void _MiniStdWait_Broadcast(MiniStdWait *w) {
    pthread_mutex_lock(&w->mu);
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

double _MiniStd_Monotonic(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

unsigned long _MiniStd_ThreadIdent(void) { return (unsigned long)pthread_self(); }

/* An absolute CLOCK_MONOTONIC time for pthread_cond_timedwait / clock_nanosleep. */
static struct timespec to_timespec(double t) {
    struct timespec ts;
    if (t > 9.0e18) t = 9.0e18;   /* far beyond any real wait; keeps tv_sec representable */
    double sec = floor(t);
    ts.tv_sec = (time_t)sec;
    ts.tv_nsec = (long)((t - sec) * 1e9);
    if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
    if (ts.tv_nsec < 0) ts.tv_nsec = 0;
    return ts;
}

/* 1 if Ctrl-C is pending for the main thread. One relaxed load; needs no GIL. */
static int interrupt_pending(void) {
    return (__atomic_load_n(&_Mini_EvalBreaker, __ATOMIC_RELAXED) & MINI_BREAKER_SIGNAL_PENDING) != 0;
}

/* 1 if the calling thread (which holds the GIL) is the runtime's main thread. */
static int on_main_thread(void) {
    MiniThreadState *t = _Mini_tstate_current;
    return t != NULL && t->is_main;
}

int _MiniStdWait_Until(MiniStdWait *w, MiniStdReadyFunc ready, void *arg, double timeout, int flags) {
    pthread_mutex_lock(&w->mu);
    int ok = ready(arg);
    pthread_mutex_unlock(&w->mu);
    if (ok) return 1;
    if (timeout == 0 || isnan(timeout)) return 0;
    int watch = !(flags & MINI_WAIT_NOINTR) && on_main_thread();
    double deadline = timeout > 0 ? _MiniStd_Monotonic() + timeout : -1.0;
    for (;;) {
        int result = 0, interrupted = 0;
        Mini_BEGIN_BLOCKING_CALL
        pthread_mutex_lock(&w->mu);
        for (;;) {
            if (ready(arg)) { result = 1; break; }
            double now = _MiniStd_Monotonic();
            if (deadline >= 0 && now >= deadline) break;
            if (watch && interrupt_pending()) { interrupted = 1; break; }
            double until = deadline;
            if (watch && (until < 0 || until > now + INTERRUPT_SLICE)) until = now + INTERRUPT_SLICE;
            if (until < 0) {
                pthread_cond_wait(&w->cv, &w->mu);
            } else {
                struct timespec ts = to_timespec(until);
                pthread_cond_timedwait(&w->cv, &w->mu, &ts);
            }
        }
        pthread_mutex_unlock(&w->mu);
        Mini_END_BLOCKING_CALL
        if (!interrupted) return result;
        if (MiniErr_CheckSignals() < 0) return -1;
        /* Somebody else consumed the interrupt: keep waiting. */
    }
}

int _MiniStd_Sleep(double secs) {
    int watch = on_main_thread();
    double deadline = _MiniStd_Monotonic() + secs;
    for (;;) {
        int interrupted = 0;
        Mini_BEGIN_BLOCKING_CALL
        for (;;) {
            double now = _MiniStd_Monotonic();
            if (now >= deadline) break;
            if (watch && interrupt_pending()) { interrupted = 1; break; }
            double until = deadline;
            if (watch && until > now + INTERRUPT_SLICE) until = now + INTERRUPT_SLICE;
            struct timespec ts = to_timespec(until);
            int r;
            do {
                r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
            } while (r == EINTR && !(watch && interrupt_pending()));
        }
        Mini_END_BLOCKING_CALL
        if (!interrupted) return 0;
        if (MiniErr_CheckSignals() < 0) return -1;
    }
}

int _MiniStd_TimeoutArg(MiniObject *obj, double *out) {
    if (obj == NULL || obj == Mini_None) { *out = -1.0; return 0; }
    double v = MiniFloat_AsDouble(obj);
    if (v == -1.0 && MiniErr_Occurred()) return -1;
    *out = v;
    return 0;
}

int _MiniStd_Poll(struct pollfd *fds, int nfds, double timeout) {
    int watch = on_main_thread();
    double deadline = timeout >= 0 ? _MiniStd_Monotonic() + timeout : -1.0;
    for (;;) {
        int r, err = 0, interrupted = 0;
        Mini_BEGIN_ALLOW_THREADS
        for (;;) {
            double now = _MiniStd_Monotonic();
            double left = deadline >= 0 ? deadline - now : -1.0;
            if (deadline >= 0 && left < 0) left = 0;
            if (watch && interrupt_pending()) { interrupted = 1; r = -1; break; }
            double slice = left;
            if (watch && (slice < 0 || slice > INTERRUPT_SLICE)) slice = INTERRUPT_SLICE;
            int ms = slice < 0 ? -1 : (int)ceil(slice * 1000.0);
            r = poll(fds, (nfds_t)nfds, ms);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) { err = errno; break; }
            if (r > 0 || left == 0) break;
            if (deadline >= 0 && _MiniStd_Monotonic() >= deadline) break;
        }
        Mini_END_ALLOW_THREADS
        if (interrupted) {
            if (MiniErr_CheckSignals() < 0) return -1;
            continue;
        }
        if (r < 0) {
            errno = err;
            MiniErr_SetString(MiniExc_OSError, strerror(err));
            return -1;
        }
        return r;
    }
}

int _MiniStd_WaitFD(int fd, int events, double timeout) {
    struct pollfd p = {.fd = fd, .events = (short)events, .revents = 0};
    return _MiniStd_Poll(&p, 1, timeout) > 0 ? 1 : (MiniErr_Occurred() ? -1 : 0);
}
