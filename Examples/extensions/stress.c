/* stress.c: the native half of `extdemo stress` (issue 14, item 4): a C loop run with the GIL
 * released, callbacks into Python from foreign threads (plain pthreads that enter through
 * MiniGILState_Ensure), and a watchdog. Each Python worker marks every step it starts with
 * mark(worker, phase); the watchdog, a plain pthread that never takes the GIL, checks the marks
 * every 50 ms and, when a worker has made no progress for `stall` seconds, writes who holds the
 * GIL and what every thread state and every worker is doing (MiniGIL_DumpThreads), then ends the
 * process with exit status 3. The longest gap between two marks of one worker is the
 * starvation figure `extdemo stress` reports. */
#include <mini.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "miniext.h"

/* What a worker is doing (the phase argument of mark). */
static const char *const phase_names[] = {
    "interpreted work", "native call with the lock released", "time.sleep", "threading.Lock",
    "queue.put", "queue.get", "foreign-thread callbacks", "done",
};
#define PHASE_COUNT ((int)(sizeof phase_names / sizeof phase_names[0]))
#define PHASE_DONE (PHASE_COUNT - 1)

typedef struct worker_slot {
    uint64_t last_ns;   /* when the last step began (0: not started) */
    uint64_t max_gap_ns;
    uint64_t steps;
    int phase;
} worker_slot;

static worker_slot *slots;
static int slot_count;
static uint64_t stall_ns;
static int watchdog_stop_flag;
static int watchdog_running;
static pthread_t watchdog_thread;

#define LOAD(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)

static uint64_t lcg_loop(long long n, long long seed) {
    uint64_t x = (uint64_t)seed * 2654435761u + 1;
    for (long long i = 0; i < n; i++) x = x * 6364136223846793005u + 1442695040888963407u;
    return x >> 2;
}

/* native(n, seed) -> int: an LCG checksum of n steps, computed with the GIL released. */
static MiniObject *stress_native(MiniObject *self, MiniObject *args) {
    long long n, seed;
    uint64_t r;
    if (!MiniArg_ParseTuple(args, "LL:native", &n, &seed)) return NULL;
    Mini_BEGIN_ALLOW_THREADS
    r = lcg_loop(n, seed);
    Mini_END_ALLOW_THREADS
    (void)self;
    return MiniLong_FromUnsignedLongLong(r);
}

/* native_held(n, seed) -> int: the same checksum with the GIL held (the reference). */
static MiniObject *stress_native_held(MiniObject *self, MiniObject *args) {
    long long n, seed;
    if (!MiniArg_ParseTuple(args, "LL:native_held", &n, &seed)) return NULL;
    (void)self;
    return MiniLong_FromUnsignedLongLong(lcg_loop(n, seed));
}

/* ----- callbacks from foreign threads ----------------------------------------------------- */

typedef struct foreign_job {
    MiniObject *callback;   /* borrowed: the caller keeps it alive until every thread is joined */
    int calls;
    int first;
    int ok;                 /* callbacks that returned 2*k */
} foreign_job;

/* A plain pthread: enters the runtime through GILState for each call, as a C library's callback
 * thread would, and leaves it again. */
static void *foreign_main(void *arg) {
    foreign_job *job = arg;
    for (int i = 0; i < job->calls; i++) {
        long k = job->first + i;
        MiniGILState_STATE g = MiniGILState_Ensure();
        MiniObject *arg = MiniLong_FromLong(k);
        MiniObject *r = arg != NULL ? MiniObject_CallOneArg(job->callback, arg) : NULL;
        Mini_XDECREF(arg);
        if (r != NULL) {
            long v = MiniLong_AsLong(r);
            if (v == 2 * k) job->ok++;
            Mini_DECREF(r);
        }
        if (MiniErr_Occurred()) MiniErr_Clear();
        MiniGILState_Release(g);
    }
    return NULL;
}

/* foreign(threads, calls, callback) -> int: starts `threads` pthreads that each call
 * callback(k) `calls` times through MiniGILState_Ensure/Release; waits for them with the GIL
 * released and returns how many calls returned 2*k. */
static MiniObject *stress_foreign(MiniObject *self, MiniObject *args) {
    int threads, calls;
    MiniObject *callback;
    if (!MiniArg_ParseTuple(args, "iiO:foreign", &threads, &calls, &callback)) return NULL;
    if (threads < 1 || threads > 16 || calls < 0) {
        MiniErr_SetString(MiniExc_ValueError, "foreign: threads must be 1..16 and calls >= 0");
        return NULL;
    }
    foreign_job jobs[16];
    pthread_t ids[16];
    int started = 0;
    for (int t = 0; t < threads; t++) {
        jobs[t] = (foreign_job){callback, calls, t * calls, 0};
        if (pthread_create(&ids[t], NULL, foreign_main, &jobs[t]) != 0) break;
        started++;
    }
    Mini_BEGIN_BLOCKING_CALL
    for (int t = 0; t < started; t++) pthread_join(ids[t], NULL);
    Mini_END_BLOCKING_CALL
    if (started < threads) {
        MiniErr_SetString(MiniExc_RuntimeError, "foreign: cannot start a thread");
        return NULL;
    }
    long ok = 0;
    for (int t = 0; t < threads; t++) ok += jobs[t].ok;
    (void)self;
    return MiniLong_FromLong(ok);
}

/* ----- the watchdog ------------------------------------------------------------------------ */

static uint64_t now_ns(void) { return Mini_MonotonicNs(); }

/* Writes the report and ends the process (exit status 3). */
static void watchdog_fire(int stalled, uint64_t now) {
    int phase = LOAD(&slots[stalled].phase);
    dprintf(2, "extdemo: stress: watchdog: worker-%d made no progress for %.1f s (its last step: %s): "
               "a deadlock or starvation\n",
            stalled, (double)(now - LOAD(&slots[stalled].last_ns)) / 1e9,
            phase >= 0 && phase < PHASE_COUNT ? phase_names[phase] : "?");
    MiniGIL_DumpThreads(2);
    for (int i = 0; i < slot_count; i++) {
        uint64_t last = LOAD(&slots[i].last_ns);
        int p = LOAD(&slots[i].phase);
        dprintf(2, "  worker-%d: %s, %llu steps, last step began %.3f s ago\n", i,
                last == 0 ? "not started" : (p >= 0 && p < PHASE_COUNT ? phase_names[p] : "?"),
                (unsigned long long)LOAD(&slots[i].steps), last == 0 ? 0.0 : (double)(now - last) / 1e9);
    }
    _exit(3);
}

static void *watchdog_main(void *arg) {
    (void)arg;
    while (!LOAD(&watchdog_stop_flag)) {
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
        uint64_t now = now_ns();
        for (int i = 0; i < slot_count; i++) {
            uint64_t last = LOAD(&slots[i].last_ns);
            if (last != 0 && LOAD(&slots[i].phase) != PHASE_DONE && now > last && now - last > stall_ns)
                watchdog_fire(i, now);
        }
    }
    return NULL;
}

/* watchdog_start(workers, stall_seconds) -> None: resets the marks and starts the watchdog. */
static MiniObject *stress_watchdog_start(MiniObject *self, MiniObject *args) {
    int workers;
    double stall;
    if (!MiniArg_ParseTuple(args, "id:watchdog_start", &workers, &stall)) return NULL;
    if (workers < 1 || !(stall > 0)) {
        MiniErr_SetString(MiniExc_ValueError, "watchdog_start: workers must be >= 1 and stall > 0");
        return NULL;
    }
    if (watchdog_running) {
        MiniErr_SetString(MiniExc_RuntimeError, "watchdog_start: the watchdog is already running");
        return NULL;
    }
    worker_slot *fresh = calloc((size_t)workers, sizeof *fresh);
    if (fresh == NULL) return MiniErr_NoMemory();
    free(slots);
    slots = fresh;
    slot_count = workers;
    stall_ns = (uint64_t)(stall * 1e9);
    STORE(&watchdog_stop_flag, 0);
    if (pthread_create(&watchdog_thread, NULL, watchdog_main, NULL) != 0) {
        MiniErr_SetString(MiniExc_RuntimeError, "watchdog_start: cannot start the watchdog thread");
        return NULL;
    }
    watchdog_running = 1;
    (void)self;
    Mini_RETURN_NONE;
}

/* mark(worker, phase) -> None: worker `worker` begins a step of kind `phase` (0..7, 7 = done). */
static MiniObject *stress_mark(MiniObject *self, MiniObject *args) {
    int w, phase;
    if (!MiniArg_ParseTuple(args, "ii:mark", &w, &phase)) return NULL;
    if (w < 0 || w >= slot_count || phase < 0 || phase >= PHASE_COUNT) {
        MiniErr_SetString(MiniExc_ValueError, "mark: worker or phase out of range");
        return NULL;
    }
    worker_slot *s = &slots[w];
    uint64_t now = now_ns(), last = LOAD(&s->last_ns);
    if (last != 0 && now > last && now - last > LOAD(&s->max_gap_ns)) STORE(&s->max_gap_ns, now - last);
    STORE(&s->phase, phase);
    STORE(&s->steps, LOAD(&s->steps) + 1);
    STORE(&s->last_ns, now);
    (void)self;
    Mini_RETURN_NONE;
}

/* watchdog_stop() -> (longest_gap_ns, worker, steps): stops the watchdog; the longest time one
 * worker went between two of its steps, which worker, and the steps marked in total. */
static MiniObject *stress_watchdog_stop(MiniObject *self, MiniObject *args) {
    (void)self; (void)args;
    if (!watchdog_running) {
        MiniErr_SetString(MiniExc_RuntimeError, "watchdog_stop: the watchdog is not running");
        return NULL;
    }
    STORE(&watchdog_stop_flag, 1);
    Mini_BEGIN_BLOCKING_CALL
    pthread_join(watchdog_thread, NULL);
    Mini_END_BLOCKING_CALL
    watchdog_running = 0;
    uint64_t worst = 0, steps = 0;
    int who = -1;
    for (int i = 0; i < slot_count; i++) {
        steps += LOAD(&slots[i].steps);
        if (LOAD(&slots[i].max_gap_ns) >= worst) { worst = LOAD(&slots[i].max_gap_ns); who = i; }
    }
    return Mini_BuildValue("(KiK)", (unsigned long long)worst, who, (unsigned long long)steps);
}

/* hang() -> never returns: keeps the GIL and sleeps (the watchdog's self-test). */
static MiniObject *stress_hang(MiniObject *self, MiniObject *args) {
    (void)self; (void)args;
    for (;;) {
        struct timespec ts = {1, 0};
        nanosleep(&ts, NULL);
    }
    return NULL; /* not reached */
}

static MiniMethodDef stress_methods[] = {
    {"native", stress_native, MINI_METH_VARARGS, "native(n, seed): LCG checksum, GIL released."},
    {"native_held", stress_native_held, MINI_METH_VARARGS, "native_held(n, seed): the same, GIL held."},
    {"foreign", stress_foreign, MINI_METH_VARARGS,
     "foreign(threads, calls, callback): callbacks from pthreads through GILState."},
    {"watchdog_start", stress_watchdog_start, MINI_METH_VARARGS, "watchdog_start(workers, stall_seconds)."},
    {"mark", stress_mark, MINI_METH_VARARGS, "mark(worker, phase): a worker begins a step."},
    {"watchdog_stop", stress_watchdog_stop, MINI_METH_NOARGS, "watchdog_stop() -> (gap_ns, worker, steps)."},
    {"hang", stress_hang, MINI_METH_NOARGS, "hang(): keep the GIL forever (watchdog self-test)."},
    {NULL, NULL, 0, NULL},
};
static MiniModuleDef stress_module = {MiniModuleDef_HEAD_INIT, .m_name = "stress",
    .m_doc = "The stress test's native half.", .m_size = 0, .m_methods = stress_methods,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED};

MiniObject *MiniInit_stress(void) { return MiniModule_Create(&stress_module); }
