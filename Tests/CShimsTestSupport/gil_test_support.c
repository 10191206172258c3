/* gil_test_support.c: threaded scenarios behind the GIL tests (see gil_test_support.h).
 * They count what happened (overlaps, orderings, totals) so the tests can assert exact facts
 * without wall-clock thresholds. Timeouts here only bound a broken run; they never decide a
 * passing one. */
#include "gil_test_support.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ----- rendezvous: held vs released ----------------------------------------------------------- */

typedef struct {
    int nthreads, release, via_gilstate;
    double timeout_s;
    int *inside, *max_inside, *arrived, *met;
} RendezvousArg;

static void note_max(int *max, int value) {
    int cur = __atomic_load_n(max, __ATOMIC_SEQ_CST);
    while (value > cur && !__atomic_compare_exchange_n(max, &cur, value, 0, __ATOMIC_SEQ_CST,
                                                       __ATOMIC_SEQ_CST)) { }
}

static void native_section(RendezvousArg *a) {
    int now_inside = __atomic_add_fetch(a->inside, 1, __ATOMIC_SEQ_CST);
    note_max(a->max_inside, now_inside);
    __atomic_add_fetch(a->arrived, 1, __ATOMIC_SEQ_CST);
    /* Wait until all threads have been inside at the same moment (the maximum only grows, so
     * every thread sees it once it happened), or give up at the deadline. */
    double deadline = now_s() + a->timeout_s;
    while (__atomic_load_n(a->max_inside, __ATOMIC_SEQ_CST) < a->nthreads && now_s() < deadline)
        sched_yield();
    if (__atomic_load_n(a->max_inside, __ATOMIC_SEQ_CST) >= a->nthreads)
        __atomic_add_fetch(a->met, 1, __ATOMIC_SEQ_CST);
    __atomic_sub_fetch(a->inside, 1, __ATOMIC_SEQ_CST);
}

static void with_gil_run_section(RendezvousArg *a) {
    if (a->release) {
        BEGIN_ALLOW_THREADS
        native_section(a);
        END_ALLOW_THREADS
    } else {
        native_section(a);
    }
}

static void *rendezvous_thread(void *p) {
    RendezvousArg *a = p;
    if (a->via_gilstate) {
        MiniGILState_STATE st = MiniGILState_Ensure();
        with_gil_run_section(a);
        MiniGILState_Release(st);
    } else {
        MiniThreadState *ts = MiniThreadState_New();
        MiniEval_AcquireThread(ts);
        with_gil_run_section(a);
        MiniThreadState_DeleteCurrent();
    }
    return NULL;
}

GILRendezvousResult gil_test_rendezvous(int nthreads, int release, double timeout_s) {
    GILRendezvousResult r = {0, 0, nthreads};
    int inside = 0, max_inside = 0, arrived = 0, met = 0;
    pthread_t *tids = calloc((size_t)nthreads, sizeof *tids);
    RendezvousArg *args = calloc((size_t)nthreads, sizeof *args);
    BEGIN_ALLOW_THREADS
    for (int i = 0; i < nthreads; i++) {
        args[i] = (RendezvousArg){nthreads, release, i % 2, timeout_s, &inside, &max_inside,
                                  &arrived, &met};
        pthread_create(&tids[i], NULL, rendezvous_thread, &args[i]);
    }
    for (int i = 0; i < nthreads; i++) pthread_join(tids[i], NULL);
    END_ALLOW_THREADS
    free(tids);
    free(args);
    r.max_inside = max_inside;
    r.met = met;
    return r;
}

/* ----- mutual exclusion ----------------------------------------------------------------------- */

typedef struct { long increments; long *counter; } CounterArg;

static void *counter_thread(void *p) {
    CounterArg *a = p;
    MiniGILState_STATE st = MiniGILState_Ensure();
    for (long i = 0; i < a->increments; i++) {
        /* A deliberately non-atomic read-modify-write: only the GIL makes it safe. */
        long v = *(volatile long *)a->counter;
        *(volatile long *)a->counter = v + 1;
        if (MiniEval_Poll() < 0) break;
    }
    MiniGILState_Release(st);
    return NULL;
}

long gil_test_mutual_exclusion(int nthreads, long increments, unsigned long *switches) {
    long counter = 0;
    pthread_t *tids = calloc((size_t)nthreads, sizeof *tids);
    CounterArg arg = {increments, &counter};
    double old_interval = MiniSys_GetSwitchInterval();
    MiniSys_SetSwitchInterval(0.0001);   /* hand the lock around often while they count */
    uint64_t before = MiniGIL_SwitchNumber();
    BEGIN_ALLOW_THREADS
    for (int i = 0; i < nthreads; i++) pthread_create(&tids[i], NULL, counter_thread, &arg);
    for (int i = 0; i < nthreads; i++) pthread_join(tids[i], NULL);
    END_ALLOW_THREADS
    MiniSys_SetSwitchInterval(old_interval);
    if (switches) *switches = (unsigned long)(MiniGIL_SwitchNumber() - before);
    free(tids);
    return counter;
}

/* ----- forced switching ----------------------------------------------------------------------- */

typedef struct {
    int holder_ready;      /* the holder holds the GIL and is polling */
    int waiter_had_it;     /* written by the waiter while holding the GIL */
    int order_ok;          /* 1: waiter before holder's retake; 0: holder first */
    int done;
    unsigned long honoured;
} SwitchShared;

static void *switch_holder(void *p) {
    SwitchShared *s = p;
    MiniGILState_STATE st = MiniGILState_Ensure();
    MiniGILStats before;
    MiniGIL_GetThreadStats(MiniThreadState_Get(), &before);
    __atomic_store_n(&s->holder_ready, 1, __ATOMIC_SEQ_CST);
    double deadline = now_s() + 20.0;
    s->order_ok = -1;
    while (now_s() < deadline) {
        if (MiniEval_BreakerPending()) {
            MiniEval_HandleBreaker();
            /* We hold the GIL again. Forced switching means the waiter has had it meanwhile. */
            s->order_ok = s->waiter_had_it ? 1 : 0;
            break;
        }
    }
    MiniGILStats after;
    MiniGIL_GetThreadStats(MiniThreadState_Get(), &after);
    s->honoured = (unsigned long)(after.drop_requests_honoured - before.drop_requests_honoured);
    MiniGILState_Release(st);
    return NULL;
}

static void *switch_waiter(void *p) {
    SwitchShared *s = p;
    while (!__atomic_load_n(&s->holder_ready, __ATOMIC_SEQ_CST)) sched_yield();
    MiniGILState_STATE st = MiniGILState_Ensure();   /* blocks; sets a drop request after an interval */
    s->waiter_had_it = 1;
    MiniGILState_Release(st);
    return NULL;
}

int gil_test_forced_switch(unsigned long *honoured) {
    SwitchShared s;
    memset(&s, 0, sizeof s);
    pthread_t h, w;
    BEGIN_ALLOW_THREADS
    pthread_create(&h, NULL, switch_holder, &s);
    pthread_create(&w, NULL, switch_waiter, &s);
    pthread_join(h, NULL);
    pthread_join(w, NULL);
    END_ALLOW_THREADS
    if (honoured) *honoured = s.honoured;
    return s.order_ok;
}

/* ----- errno ---------------------------------------------------------------------------------- */

static void *errno_hog(void *p) {
    int *started = p;
    MiniGILState_STATE st = MiniGILState_Ensure();
    __atomic_store_n(started, 1, __ATOMIC_SEQ_CST);
    double until = now_s() + 0.02;     /* hold the lock a while, without polling */
    while (now_s() < until) { }
    MiniGILState_Release(st);
    return NULL;
}

int gil_test_errno_preserved(void) {
    int started = 0, ok;
    pthread_t t;
    MiniThreadState *save = MiniEval_SaveThread();
    pthread_create(&t, NULL, errno_hog, &started);
    while (!__atomic_load_n(&started, __ATOMIC_SEQ_CST)) sched_yield();
    errno = 12345;
    MiniEval_RestoreThread(save);       /* must wait for the hog: futex and condvar calls inside */
    ok = (errno == 12345);
    save = MiniEval_SaveThread();
    pthread_join(t, NULL);
    MiniEval_RestoreThread(save);
    return ok;
}

/* ----- GILState nesting ----------------------------------------------------------------------- */

static void *nesting_thread(void *p) {
    int *result = p;
    *result = 1;
    if (MiniGILState_Check() != 0) { *result = -1; return NULL; }
    if (MiniGILState_GetThisThreadState() != NULL) { *result = -2; return NULL; }
    MiniGILState_STATE outer = MiniGILState_Ensure();
    if (outer != MINI_GILSTATE_UNLOCKED || !MiniGILState_Check()) { *result = -3; }
    MiniThreadState *ts = MiniGILState_GetThisThreadState();
    MiniGILState_STATE inner = MiniGILState_Ensure();
    if (inner != MINI_GILSTATE_LOCKED || MiniGILState_GetThisThreadState() != ts) { *result = -4; }
    MiniGILState_Release(inner);
    if (!MiniGILState_Check()) { *result = -5; }          /* still held after the inner release */
    /* A release inside the outer Ensure keeps the same thread state. */
    BEGIN_ALLOW_THREADS
    if (MiniGILState_Check()) { *result = -6; }
    END_ALLOW_THREADS
    MiniGILState_Release(outer);
    if (MiniGILState_Check()) { *result = -7; }
    if (MiniGILState_GetThisThreadState() != NULL) { *result = -8; }  /* destroyed by the outer release */
    return NULL;
}

int gil_test_gilstate_nesting(void) {
    int result = 0;
    pthread_t t;
    Mini_ssize_t live_before = MiniThreadState_CountLive();
    BEGIN_ALLOW_THREADS
    pthread_create(&t, NULL, nesting_thread, &result);
    pthread_join(t, NULL);
    END_ALLOW_THREADS
    if (result == 1 && MiniThreadState_CountLive() != live_before) result = -9;
    /* The main thread nests too: it already holds the GIL. */
    if (result == 1) {
        MiniGILState_STATE st = MiniGILState_Ensure();
        if (st != MINI_GILSTATE_LOCKED) result = -10;
        MiniGILState_Release(st);
        if (!MiniGILState_Check()) result = -11;
    }
    return result;
}

/* ----- misuse in a child process -------------------------------------------------------------- */

static void run_misuse(const char *which) {
    if (strcmp(which, "none") == 0) return;
    if (strcmp(which, "list-append-without-gil") == 0) {
        MiniObject *list = MiniList_New(0);
        MiniEval_SaveThread();
        MiniList_Append(list, Mini_None);
    } else if (strcmp(which, "end-without-begin") == 0) {
        MiniThreadState *t = MiniThreadState_Get();
        MiniEval_RestoreThread(t);             /* END_ALLOW_THREADS while still holding the GIL */
    } else if (strcmp(which, "nested-begin") == 0) {
        BEGIN_ALLOW_THREADS
        BEGIN_ALLOW_THREADS                      /* never nest */
        END_ALLOW_THREADS
        END_ALLOW_THREADS
    } else if (strcmp(which, "release-not-held") == 0) {
        MiniGILState_Release(MINI_GILSTATE_UNLOCKED);   /* no matching Ensure */
    } else if (strcmp(which, "decref-zero") == 0) {
        MiniObject *f = MiniFloat_FromDouble(1.5);
        f->ob_refcnt = 0;                      /* simulate an over-released object */
        Mini_DECREF(f);
    } else if (strcmp(which, "use-after-free") == 0) {
        MiniObject *list = MiniList_New(0);
        Mini_DECREF(list);                     /* freed: poisoned and quarantined */
        MiniList_Append(list, Mini_None);
    } else if (strcmp(which, "null-object") == 0) {
        MiniList_Append(NULL, Mini_None);
    }
}

int gil_test_misuse_in_child(const char *which, char *err, int errsize) {
    int fds[2];
    if (pipe(fds) != 0) return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        MiniOS_AfterFork_Child();
        Mini_SetCheckedMode(1);
        run_misuse(which);
        fflush(stderr);
        _exit(0);
    }
    close(fds[1]);
    int used = 0;
    for (;;) {
        ssize_t n = read(fds[0], err + used, (size_t)(errsize - 1 - used));
        if (n <= 0) break;
        used += (int)n;
        if (used >= errsize - 1) break;
    }
    err[used] = '\0';
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

int gil_test_exited(int status) { return WIFEXITED(status); }
int gil_test_exit_code(int status) { return WEXITSTATUS(status); }
int gil_test_signalled(int status) { return WIFSIGNALED(status); }
int gil_test_term_signal(int status) { return WTERMSIG(status); }
