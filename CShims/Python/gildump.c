/* gildump.c: MiniGIL_DumpThreads, a snapshot of who holds the GIL and what every thread state is
 * doing, for watchdogs (`extdemo stress`) and hang reports. It reads the lock word, the last
 * holder and each thread's statistics stamps (hold_start_ticks / wait_start_ticks, written by
 * gil.c with relaxed atomics) without taking the GIL, so it works while the runtime is stuck. */
#include "gil_internal.h"

#include <stdio.h>
#include <string.h>

static const char *release_reason(int reason) {
    switch (reason) {
    case MINI_GILREASON_DROP_REQUEST: return "dropped on request";
    case MINI_GILREASON_ALLOW_THREADS: return "released around native work";
    case MINI_GILREASON_BLOCKING: return "released around a blocking call";
    case MINI_GILREASON_EXIT: return "exiting";
    case MINI_GILREASON_TICKS: return "released by the ticks policy";
    default: return "not yet released";
    }
}

struct dump_arg { int fd; uint64_t now; int holders, waiters, threads; };

static double seconds_since(uint64_t start, uint64_t now) {
    return now > start ? (double)_Mini_TicksToNs(now - start) / 1e9 : 0.0;
}

static void dump_one(MiniThreadState *t, void *arg) {
    struct dump_arg *a = arg;
    uint64_t held = MINI_STAT_GET(t->gil.hold_start_ticks);
    uint64_t waiting = MINI_STAT_GET(t->gil.wait_start_ticks);
    a->threads++;
    if (held != 0) {
        a->holders++;
        dprintf(a->fd, "  thread %s (id %llu): HOLDS the GIL, for %.3f s\n", t->name,
                (unsigned long long)t->id, seconds_since(held, a->now));
    } else if (waiting != 0) {
        a->waiters++;
        dprintf(a->fd, "  thread %s (id %llu): waits for the GIL, for %.3f s\n", t->name,
                (unsigned long long)t->id, seconds_since(waiting, a->now));
    } else {
        dprintf(a->fd, "  thread %s (id %llu): runs without the GIL (%s)\n", t->name,
                (unsigned long long)t->id, release_reason(_MiniGIL_ReleaseReason(t)));
    }
}

void MiniGIL_DumpThreads(int fd) {
    MiniGIL *gil = &_Mini_gil;
    struct dump_arg a;
    memset(&a, 0, sizeof a);
    a.fd = fd;
    a.now = _Mini_Ticks();
    int locked = __atomic_load_n(&gil->locked, __ATOMIC_SEQ_CST);
    uint32_t last = __atomic_load_n(&gil->last_holder_id, __ATOMIC_RELAXED);
    int drop = (__atomic_load_n(&_Mini_EvalBreaker, __ATOMIC_RELAXED) & MINI_BREAKER_GIL_DROP_REQUEST) != 0;
    /* A `prompt` burst counts itself as a waiter while it lasts (gil.c): not a thread. */
    int waiters = __atomic_load_n(&gil->waiters, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&gil->prompt_burst_since, __ATOMIC_RELAXED) != 0 && waiters > 0) waiters--;
    dprintf(fd, "GIL: %s (last taken by thread id %u); drop request %s; %d threads in the slow path\n",
            locked ? "locked" : "free", last, drop ? "pending" : "not pending", waiters);
    _MiniThreadStates_ForEach(dump_one, &a);
    dprintf(fd, "GIL: %d thread states: %d holding, %d waiting, %d without the lock\n", a.threads,
            a.holders, a.waiters, a.threads - a.holders - a.waiters);
}
