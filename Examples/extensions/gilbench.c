/* gilbench.c: micro-benchmarks of the GIL itself, called directly from C by `extdemo bench`.
 *
 *  - miniext_allow_threads_pair_ns: the cost of an uncontended BEGIN_ALLOW_THREADS /
 *    END_ALLOW_THREADS pair, the price an extension pays to release the lock around its work. It
 *    mirrors the `allow_loop` function CPython's figure is measured with (../shared/anchors), so
 *    the two numbers compare like for like.
 *  - miniext_handoff_latency: how long a thread that asks for the lock waits for it while another
 *    thread holds it and runs "bytecode" (a loop polling the eval breaker). The waiter sleeps for
 *    one switch interval, asks the holder to drop the lock, and the holder gives it up at its
 *    next poll; the figure is that whole round, so it should sit just above the interval.
 *
 * These are measurements, not teaching examples: the waiter spins on a counter (without the GIL)
 * so that each request starts while the holder really is running with the lock. */
#include <mini.h>

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "miniext.h"

double miniext_allow_threads_pair_ns(long pairs) {
    if (pairs <= 0) return 0.0;
    uint64_t start = Mini_MonotonicNs();
    for (long i = 0; i < pairs; i++) {
        Mini_BEGIN_ALLOW_THREADS
        Mini_END_ALLOW_THREADS
    }
    return (double)(Mini_MonotonicNs() - start) / (double)pairs;
}

/* ----- hand-off latency ----------------------------------------------------------------------- */

typedef struct handoff_run {
    long samples;
    uint64_t *waits_ns;        /* one entry per request, written by the waiter */
    uint64_t holder_steps;     /* bumped by the holder on every poll (atomic) */
    int stop;                  /* set by the waiter, holding the GIL, after its last sample */
} handoff_run;

/* The holder: owns the GIL and runs a loop that polls the breaker, like a bytecode loop with
 * nothing else to do, until the waiter says stop. */
static void *holder_main(void *arg) {
    handoff_run *run = arg;
    MiniGILState_STATE state = MiniGILState_Ensure();
    while (!__atomic_load_n(&run->stop, __ATOMIC_ACQUIRE)) {
        __atomic_fetch_add(&run->holder_steps, 1, __ATOMIC_RELAXED);
        if (MiniEval_Poll() < 0) MiniErr_Clear();  /* interrupts only reach the main thread */
    }
    MiniGILState_Release(state);
    return NULL;
}

/* Without the GIL: waits until the holder has polled at least once more, i.e. has the lock back
 * and is running. */
static void wait_for_holder_step(handoff_run *run) {
    uint64_t seen = __atomic_load_n(&run->holder_steps, __ATOMIC_RELAXED);
    unsigned spins = 0;
    while (__atomic_load_n(&run->holder_steps, __ATOMIC_RELAXED) == seen) {
        if (++spins % 1024 == 0) sched_yield();    /* the holder may share our core */
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
}

/* The waiter: lets the holder run, then times each request for the lock. */
static void *waiter_main(void *arg) {
    handoff_run *run = arg;
    MiniGILState_STATE state = MiniGILState_Ensure();
    for (long i = 0; i < run->samples; i++) {
        MiniThreadState *saved = MiniEval_SaveThread();
        wait_for_holder_step(run);
        uint64_t asked = Mini_MonotonicNs();
        MiniEval_RestoreThread(saved);             /* blocks until the holder drops the lock */
        run->waits_ns[i] = Mini_MonotonicNs() - asked;
    }
    __atomic_store_n(&run->stop, 1, __ATOMIC_RELEASE);
    MiniGILState_Release(state);                   /* the holder takes it, sees stop, ends */
    return NULL;
}

static int compare_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

int miniext_handoff_latency(double switch_interval_s, long samples, miniext_handoff_stats *out) {
    if (samples < 1) {
        MiniErr_SetString(MiniExc_ValueError, "handoff latency needs at least one sample");
        return -1;
    }
    double old_interval = MiniSys_GetSwitchInterval();
    if (MiniSys_SetSwitchInterval(switch_interval_s) < 0) return -1;
    handoff_run run = {.samples = samples, .waits_ns = MiniMem_Calloc((size_t)samples, sizeof(uint64_t))};
    if (run.waits_ns == NULL) {
        MiniSys_SetSwitchInterval(old_interval);
        MiniErr_NoMemory();
        return -1;
    }

    pthread_t holder, waiter;
    int failed = 0;
    /* The two threads need the lock; the caller must not keep it meanwhile. */
    Mini_BEGIN_ALLOW_THREADS
    if (pthread_create(&holder, NULL, holder_main, &run) != 0) {
        failed = 1;
    } else {
        if (pthread_create(&waiter, NULL, waiter_main, &run) != 0) {
            failed = 1;
            __atomic_store_n(&run.stop, 1, __ATOMIC_RELEASE);
        } else {
            pthread_join(waiter, NULL);
        }
        pthread_join(holder, NULL);
    }
    Mini_END_ALLOW_THREADS
    MiniSys_SetSwitchInterval(old_interval);
    if (failed) {
        MiniMem_Free(run.waits_ns);
        MiniErr_SetString(MiniExc_RuntimeError, "handoff latency: cannot start a thread");
        return -1;
    }

    qsort(run.waits_ns, (size_t)samples, sizeof(uint64_t), compare_u64);
    double total = 0;
    for (long i = 0; i < samples; i++) total += (double)run.waits_ns[i];
    long p99 = (long)((double)samples * 0.99);
    if (p99 > samples - 1) p99 = samples - 1;
    out->samples = samples;
    out->switch_interval_us = switch_interval_s * 1e6;
    out->p50_us = (double)run.waits_ns[samples / 2] / 1e3;
    out->p99_us = (double)run.waits_ns[p99] / 1e3;
    out->max_us = (double)run.waits_ns[samples - 1] / 1e3;
    out->mean_us = total / (double)samples / 1e3;
    MiniMem_Free(run.waits_ns);
    return 0;
}

