/* race.c: the reference-count race the GIL exists to prevent, made visible (`extdemo race
 * refcount`). N threads take and drop references to one shared object M times each:
 *
 *   gil     each thread holds the GIL and uses Mini_INCREF / Mini_DECREF, polling the eval
 *           breaker after every operation as bytecode does at a back edge, so the threads take
 *           turns and no update is ever lost;
 *   unsafe  no runtime and no lock: the count is read, incremented and written back as
 *           `ob_refcnt++` compiles on any CPU (a load, an add, a store), by every thread at once,
 *           so two threads that read the same value both write value+1 and one update is lost.
 *           The object is a static, sacrificial header that is never freed and never handed to
 *           the runtime: the corruption is counted and reported instead of crashing the tool.
 *   free-threaded  the `gil` code in a runtime started with the GIL off: nobody takes turns, yet
 *           nothing is lost either: the object's owner counts in its own field and every other
 *           thread adds to the shared count with an atomic read-modify-write (biased reference
 *           counting, CShims/Python/refcount.c).
 *
 * Each run has two phases separated by a barrier: every thread first takes M references (the
 * count must rise by N*M), then drops M (it must come back to where it started). The count is
 * read between the phases, so increments and decrements lost are counted separately: a lost
 * increment leaves a count too low (the object would be freed while still in use), a lost
 * decrement one too high (it would never be freed). In `unsafe` mode a decrement that brings the
 * count to zero is counted too: a real Mini_DECREF would have freed the object right there.
 *
 * The unsafe load and store are relaxed atomics only so that the compiler emits one load and one
 * store per operation instead of folding the loop into a single add; they are not a
 * read-modify-write, which is exactly the bug. ThreadSanitizer would still (rightly) call the
 * whole idea a logic race; the sanitizer runs exclude this demo by name. */
#include <mini.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "miniext.h"

/* The sacrificial object of the unsafe mode: a bare header, never freed, never given to the
 * runtime (no type, nothing reads it but this file). */
static MiniObject sacrificial;

typedef struct race_shared {
    miniext_race_mode mode;
    long long ops;
    MiniObject *obj;
    pthread_barrier_t start, middle, after_middle;
    Mini_ssize_t mid_count;          /* written by the barrier's serial thread */
    long long zero_hits;             /* unsafe: decrements that reached 0 (atomic adds) */
    int poll_failed;                 /* gil: MiniEval_Poll reported an exception */
    int threads;
    int arrived, arrived_middle, middle_recorded;   /* unsafe: spin barriers (atomics) */
} race_shared;

/* Spins until every unsafe thread has arrived (a futex barrier wakes the threads one by one,
 * often so slowly on a busy machine that short phases would never overlap). */
static void race_spin_until(int *flag, int value) {
    for (unsigned spins = 0; __atomic_load_n(flag, __ATOMIC_ACQUIRE) < value; spins++) {
        if ((spins & 1023) == 1023) sched_yield();
        else __builtin_ia32_pause();
    }
}

/* `ob_refcnt += delta` as a non-atomic read-modify-write: load, add, store. Returns the value
 * written. */
static inline Mini_ssize_t racy_add(Mini_ssize_t *count, Mini_ssize_t delta) {
    Mini_ssize_t v = __atomic_load_n(count, __ATOMIC_RELAXED) + delta;
    __atomic_store_n(count, v, __ATOMIC_RELAXED);
    return v;
}

/* Waits at a barrier; in gil mode with the GIL released (a thread parked holding it would keep
 * the others from arriving). The serial thread of the middle barrier reads the count. */
static void race_barrier(race_shared *s, pthread_barrier_t *b, int record) {
    int serial;
    if (s->mode != MINIEXT_RACE_UNSAFE) {
        Mini_BEGIN_ALLOW_THREADS
        serial = pthread_barrier_wait(b);
        Mini_END_ALLOW_THREADS
    } else {
        serial = pthread_barrier_wait(b);
    }
    if (record && serial == PTHREAD_BARRIER_SERIAL_THREAD)
        s->mid_count = s->mode == MINIEXT_RACE_UNSAFE ? __atomic_load_n(&s->obj->ob_refcnt, __ATOMIC_RELAXED)
                                                      : Mini_REFCNT(s->obj);
}

static void race_unsafe_phases(race_shared *s) {
    Mini_ssize_t *count = &s->obj->ob_refcnt;
    __atomic_fetch_add(&s->arrived, 1, __ATOMIC_ACQ_REL);
    race_spin_until(&s->arrived, s->threads);
    for (long long i = 0; i < s->ops; i++) {
        racy_add(count, 1);
        __asm__ __volatile__("" ::: "memory");   /* one load and one store per operation */
    }
    /* The last to finish its increments reads the count; the others wait for that reading. */
    if (__atomic_fetch_add(&s->arrived_middle, 1, __ATOMIC_ACQ_REL) == s->threads - 1) {
        s->mid_count = __atomic_load_n(count, __ATOMIC_RELAXED);
        __atomic_store_n(&s->middle_recorded, 1, __ATOMIC_RELEASE);
    }
    race_spin_until(&s->middle_recorded, 1);
    long long zeros = 0;
    for (long long i = 0; i < s->ops; i++) {
        if (racy_add(count, -1) == 0) zeros++;
        __asm__ __volatile__("" ::: "memory");
    }
    __atomic_fetch_add(&s->zero_hits, zeros, __ATOMIC_RELAXED);
}

static void race_gil_phases(race_shared *s) {
    MiniGILState_STATE g = MiniGILState_Ensure();
    race_barrier(s, &s->start, 0);
    for (long long i = 0; i < s->ops; i++) {
        Mini_INCREF(s->obj);
        if (MiniEval_Poll() < 0) { MiniErr_Clear(); s->poll_failed = 1; }
    }
    race_barrier(s, &s->middle, 1);
    race_barrier(s, &s->after_middle, 0);
    for (long long i = 0; i < s->ops; i++) {
        Mini_DECREF(s->obj);          /* never the last reference: the caller keeps one */
        if (MiniEval_Poll() < 0) { MiniErr_Clear(); s->poll_failed = 1; }
    }
    MiniGILState_Release(g);
}

static void *race_thread(void *arg) {
    race_shared *s = arg;
    if (s->mode != MINIEXT_RACE_UNSAFE) race_gil_phases(s);   /* the same code with or without the GIL */
    else race_unsafe_phases(s);
    return NULL;
}

static double race_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Fills *out from the counts read before, between and after the phases. */
static void race_result(const race_shared *s, int threads, Mini_ssize_t initial, Mini_ssize_t final,
                        double seconds, miniext_race_result *out) {
    long long total = (long long)threads * s->ops;
    memset(out, 0, sizeof *out);
    out->expected = initial;
    out->observed = final;
    out->middle_expected = initial + total;
    out->middle_observed = s->mid_count;
    out->lost_increfs = (initial + total) - s->mid_count;
    out->lost_decrefs = final - (s->mid_count - total);
    out->lost = out->lost_increfs + out->lost_decrefs;
    out->would_have_freed = s->zero_hits;
    out->seconds = seconds;
}

int miniext_race_refcount(miniext_race_mode mode, int threads, long long ops, miniext_race_result *out) {
    if (threads < 1 || ops < 1 || (mode != MINIEXT_RACE_GIL && mode != MINIEXT_RACE_UNSAFE &&
                                   mode != MINIEXT_RACE_FREE_THREADED)) {
        MiniErr_SetString(MiniExc_ValueError, "race_refcount: threads and ops must be at least 1");
        return -1;
    }
    if ((mode == MINIEXT_RACE_FREE_THREADED) != (MiniRuntime_IsFreeThreaded() != 0) && mode != MINIEXT_RACE_UNSAFE) {
        MiniErr_SetString(MiniExc_ValueError, mode == MINIEXT_RACE_FREE_THREADED
                              ? "race_refcount: free-threaded mode needs a runtime started with the GIL off"
                              : "race_refcount: gil mode needs a runtime started with the GIL on");
        return -1;
    }
    race_shared *s = calloc(1, sizeof *s);
    pthread_t *ids = calloc((size_t)threads, sizeof *ids);
    if (s == NULL || ids == NULL) {
        free(s); free(ids);
        MiniErr_NoMemory();
        return -1;
    }
    s->mode = mode;
    s->ops = ops;
    s->threads = threads;
    if (mode != MINIEXT_RACE_UNSAFE) {
        s->obj = MiniList_New(0);          /* a real object; this function keeps one reference */
        if (s->obj == NULL) { free(s); free(ids); return -1; }
    } else {
        sacrificial.ob_refcnt = 1;         /* sacrificial: reset, corrupted, never freed */
        s->obj = &sacrificial;
    }
    Mini_ssize_t initial = mode == MINIEXT_RACE_UNSAFE ? s->obj->ob_refcnt : Mini_REFCNT(s->obj);
    pthread_barrier_init(&s->start, NULL, (unsigned)threads);
    pthread_barrier_init(&s->middle, NULL, (unsigned)threads);
    pthread_barrier_init(&s->after_middle, NULL, (unsigned)threads);

    int started = 0, failed = 0;
    double t0 = race_now();
    Mini_BEGIN_ALLOW_THREADS
    for (; started < threads; started++) {
        if (pthread_create(&ids[started], NULL, race_thread, s) != 0) { failed = 1; break; }
    }
    if (!failed) for (int i = 0; i < started; i++) pthread_join(ids[i], NULL);
    Mini_END_ALLOW_THREADS
    double seconds = race_now() - t0;
    if (failed) {
        /* Threads already started wait forever at the first barrier: that is a fatal state for a
         * demo, so refuse cleanly only when none started. */
        if (started == 0) {
            pthread_barrier_destroy(&s->start); pthread_barrier_destroy(&s->middle);
            pthread_barrier_destroy(&s->after_middle);
            if (mode != MINIEXT_RACE_UNSAFE) Mini_DECREF(s->obj);
            free(s); free(ids);
            MiniErr_SetString(MiniExc_RuntimeError, "race_refcount: cannot start a thread");
            return -1;
        }
        Mini_FatalError("miniext_race_refcount", "a thread could not start after others were waiting");
    }
    Mini_ssize_t final = mode == MINIEXT_RACE_UNSAFE ? s->obj->ob_refcnt : Mini_REFCNT(s->obj);
    race_result(s, threads, initial, final, seconds, out);
    pthread_barrier_destroy(&s->start);
    pthread_barrier_destroy(&s->middle);
    pthread_barrier_destroy(&s->after_middle);
    if (mode != MINIEXT_RACE_UNSAFE) Mini_DECREF(s->obj);
    int poll_failed = s->poll_failed;
    free(s);
    free(ids);
    if (poll_failed) {
        MiniErr_SetString(MiniExc_RuntimeError, "race_refcount: a thread's eval-breaker poll failed");
        return -1;
    }
    return 0;
}
