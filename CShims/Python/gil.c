/* Python/gil.c: the global interpreter lock.
 *
 * How it works (the design of CPython >= 3.2, Python/ceval_gil.c, with a faster uncontended path)
 * --------------------------------------------------------------------------------------------
 * The GIL is a flag, `locked`, that one thread at a time owns. A thread that holds it may touch
 * objects; every other thread that wants to is blocked in take_gil().
 *
 * - Taking it. If nobody is waiting and the flag is clear, one compare-and-swap sets it: no
 *   mutex, no system call. Otherwise the thread joins the waiters: under `mutex` it counts
 *   itself in `waiters` and sleeps on `cond` for at most the switch interval (5 ms by default).
 *
 * - The switch interval and drop requests. A waiter whose timed wait expires while the flag is
 *   still set, and while `switch_number` has not moved (nobody else got the lock meanwhile),
 *   concludes the holder is hogging it and sets a drop request: a bit in the eval breaker, the
 *   word the holder polls at its safe points (the interpreter's backward jumps and calls, or
 *   MiniEval_Poll in a C loop). Nothing can take the lock from a holder: the holder gives it up
 *   when it next polls. Code that never polls (a C kernel that keeps the GIL) is never
 *   interrupted; that is exactly what `release=False` demonstrates.
 *
 * - Forced switching. A holder that drops the lock on request then waits on `switch_cond` until
 *   `last_holder` names another thread. Without this the dropping thread, already running on its
 *   core, would usually retake the lock before the woken waiter got scheduled, and the waiter
 *   would starve (the problem of the pre-3.2 GIL that David Beazley showed).
 *
 * - Releasing voluntarily. MiniEval_SaveThread (BEGIN_ALLOW_THREADS) clears the flag and, only
 *   if someone waits, signals `cond`. It does not wait for a switch. Here the kit departs from
 *   CPython, whose drop_gil also applies forced switching to an ordinary release while a drop
 *   request is pending: the lock is free at once either way, so the waiter is not starved, and a
 *   thread that lets the lock go to compute or block is not delayed by a hand-off it does not
 *   need.
 *
 * Why the fast path is safe: the releaser stores locked = 0 and then reads `waiters`; a waiter
 * increments `waiters` and then tries the compare-and-swap, both under `mutex` and both
 * sequentially consistent. Either the releaser sees the waiter (and signals under `mutex`, which
 * the waiter only gives up inside pthread_cond_timedwait) or the waiter sees the flag clear and
 * takes it. No wake-up is lost.
 *
 * Statistics (gilstats.c) are updated here by the thread concerned with relaxed atomic stores
 * and a cycle-counter read, so they stay on in every build.
 */
#include "gil_internal.h"

#include <errno.h>
#include <stdio.h>
#include <time.h>

MiniGIL _Mini_gil;
int _Mini_EvalBreaker;
_Thread_local MiniThreadState *_Mini_tstate_current;

#define ATOMIC_LOAD(p) __atomic_load_n((p), __ATOMIC_SEQ_CST)
#define ATOMIC_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define RELAXED_LOAD(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define RELAXED_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)

static void set_drop_request(void) {
    __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_GIL_DROP_REQUEST, __ATOMIC_RELAXED);
}

static void reset_drop_request(void) {
    __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_GIL_DROP_REQUEST, __ATOMIC_RELAXED);
}

static int drop_requested(void) {
    return (RELAXED_LOAD(&_Mini_EvalBreaker) & MINI_BREAKER_GIL_DROP_REQUEST) != 0;
}

static void init_sync(MiniGIL *gil) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_mutex_init(&gil->mutex, NULL);
    pthread_cond_init(&gil->cond, &attr);
    pthread_mutex_init(&gil->switch_mutex, NULL);
    pthread_cond_init(&gil->switch_cond, &attr);
    pthread_condattr_destroy(&attr);
}

void _MiniGIL_Create(void) {
    MiniGIL *gil = &_Mini_gil;
    init_sync(gil);
    gil->locked = 0;
    gil->waiters = 0;
    gil->last_holder = NULL;
    gil->switch_number = 0;
    if (gil->interval_us == 0) gil->interval_us = MINI_DEFAULT_SWITCH_INTERVAL_US;
    RELAXED_STORE(&_Mini_EvalBreaker, 0);
    gil->created = 1;
}

void _MiniGIL_Destroy(void) {
    MiniGIL *gil = &_Mini_gil;
    if (!gil->created) return;
    pthread_cond_destroy(&gil->cond);
    pthread_mutex_destroy(&gil->mutex);
    pthread_cond_destroy(&gil->switch_cond);
    pthread_mutex_destroy(&gil->switch_mutex);
    gil->created = 0;
}

void _MiniGIL_ReinitAfterFork(MiniThreadState *tstate) {
    MiniGIL *gil = &_Mini_gil;
    /* The other threads are gone; their mutexes may be left locked. Start afresh. */
    init_sync(gil);
    gil->waiters = 0;
    ATOMIC_STORE(&gil->locked, 1);
    gil->last_holder = tstate;
    RELAXED_STORE(&_Mini_EvalBreaker, 0);
    gil->created = 1;
    _Mini_tstate_current = tstate;
    MINI_STAT_SET(tstate->gil.hold_start_ticks, _Mini_Ticks());
}

int _MiniGIL_IsLocked(void) { return ATOMIC_LOAD(&_Mini_gil.locked); }

static void deadline_after_us(struct timespec *ts, unsigned long us) {
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += (time_t)(us / 1000000);
    ts->tv_nsec += (long)(us % 1000000) * 1000;
    if (ts->tv_nsec >= 1000000000L) { ts->tv_sec += 1; ts->tv_nsec -= 1000000000L; }
}

/* Bookkeeping once tstate owns the flag: switch accounting, forced-switch wake-up, stats. */
static inline void became_holder(MiniGIL *gil, MiniThreadState *tstate, uint64_t now) {
    if (RELAXED_LOAD(&gil->last_holder) != tstate) {
        /* The lock changed hands: tell a forced-switch sleeper, count the switch. */
        pthread_mutex_lock(&gil->switch_mutex);
        RELAXED_STORE(&gil->last_holder, tstate);
        __atomic_fetch_add(&gil->switch_number, 1, __ATOMIC_RELAXED);
        pthread_cond_signal(&gil->switch_cond);
        pthread_mutex_unlock(&gil->switch_mutex);
        MINI_STAT_ADD(tstate->gil.switches, 1);
    }
    /* Whoever asked the previous holder to drop has now been served (or it was us). */
    if (MINI_UNLIKELY(drop_requested())) reset_drop_request();
    MINI_STAT_ADD(tstate->gil.acquisitions, 1);
    MINI_STAT_SET(tstate->gil.hold_start_ticks, now);
    _Mini_tstate_current = tstate;
}

static void take_gil_slow(MiniGIL *gil, MiniThreadState *tstate) {
    uint64_t start = _Mini_Ticks();
    pthread_mutex_lock(&gil->mutex);
    __atomic_fetch_add(&gil->waiters, 1, __ATOMIC_SEQ_CST);
    int expected = 0;
    while (!__atomic_compare_exchange_n(&gil->locked, &expected, 1, 0, __ATOMIC_SEQ_CST,
                                        __ATOMIC_SEQ_CST)) {
        expected = 0;
        uint64_t saved_switch = RELAXED_LOAD(&gil->switch_number);
        struct timespec deadline;
        deadline_after_us(&deadline, RELAXED_LOAD(&gil->interval_us));
        int rc = pthread_cond_timedwait(&gil->cond, &gil->mutex, &deadline);
        if (rc == ETIMEDOUT && ATOMIC_LOAD(&gil->locked) &&
            RELAXED_LOAD(&gil->switch_number) == saved_switch) {
            /* A whole interval with no switch: ask the holder to let go at its next poll. */
            if (!drop_requested()) {
                set_drop_request();
                MINI_STAT_ADD(tstate->gil.drop_requests_issued, 1);
            }
        }
    }
    __atomic_fetch_sub(&gil->waiters, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&gil->mutex);
    uint64_t now = _Mini_Ticks();
    MINI_STAT_ADD(tstate->gil.wait_ticks, now - start);
    became_holder(gil, tstate, now);
}

void _MiniGIL_Take(MiniThreadState *tstate) {
    MiniGIL *gil = &_Mini_gil;
    int saved_errno = errno;
    int expected = 0;
    if (MINI_LIKELY(RELAXED_LOAD(&gil->waiters) == 0) &&
        __atomic_compare_exchange_n(&gil->locked, &expected, 1, 0, __ATOMIC_SEQ_CST,
                                    __ATOMIC_RELAXED)) {
        became_holder(gil, tstate, _Mini_Ticks());
    } else {
        take_gil_slow(gil, tstate);
    }
    errno = saved_errno;
}

void _MiniGIL_Drop(MiniThreadState *tstate) {
    MiniGIL *gil = &_Mini_gil;
    uint64_t start = MINI_STAT_GET(tstate->gil.hold_start_ticks);
    MINI_STAT_ADD(tstate->gil.held_ticks, _Mini_Ticks() - start);
    MINI_STAT_SET(tstate->gil.hold_start_ticks, 0);
    _Mini_tstate_current = NULL;
    ATOMIC_STORE(&gil->locked, 0);
    if (ATOMIC_LOAD(&gil->waiters) > 0) {
        pthread_mutex_lock(&gil->mutex);
        pthread_cond_signal(&gil->cond);
        pthread_mutex_unlock(&gil->mutex);
    }
}

/* ----- public entry points -------------------------------------------------------------------- */

MiniThreadState *MiniEval_SaveThread(void) {
    MiniThreadState *tstate = _Mini_tstate_current;
    if (MINI_UNLIKELY(tstate == NULL))
        Mini_FatalError("MiniEval_SaveThread",
                        "the GIL is not held by this thread, so it cannot be released "
                        "(BEGIN_ALLOW_THREADS nested inside another, or called without the GIL)");
    MINI_STAT_ADD(tstate->gil.explicit_releases, 1);
    _MiniGIL_Drop(tstate);
    return tstate;
}

void MiniEval_RestoreThread(MiniThreadState *tstate) {
    if (MINI_UNLIKELY(tstate == NULL))
        Mini_FatalError("MiniEval_RestoreThread", "NULL thread state "
                        "(END_ALLOW_THREADS without a matching BEGIN_ALLOW_THREADS?)");
    if (MINI_UNLIKELY(_Mini_tstate_current != NULL))
        Mini_FatalError("MiniEval_RestoreThread",
                        "this thread already holds the GIL (END_ALLOW_THREADS or "
                        "Mini_BLOCK_THREADS without a matching release?)");
    _MiniGIL_Take(tstate);
}

void MiniEval_AcquireThread(MiniThreadState *tstate) {
    if (MINI_UNLIKELY(tstate == NULL))
        Mini_FatalError("MiniEval_AcquireThread", "NULL thread state");
    if (MINI_UNLIKELY(_Mini_tstate_current != NULL))
        Mini_FatalError("MiniEval_AcquireThread", "this thread already holds the GIL");
    _MiniGIL_Take(tstate);
}

void MiniEval_ReleaseThread(MiniThreadState *tstate) {
    if (MINI_UNLIKELY(tstate == NULL || _Mini_tstate_current != tstate))
        Mini_FatalError("MiniEval_ReleaseThread",
                        _Mini_tstate_current == NULL
                            ? "the GIL is not held by this thread, so it cannot be released"
                            : "the thread state is not the current one");
    MINI_STAT_ADD(tstate->gil.explicit_releases, 1);
    _MiniGIL_Drop(tstate);
}

int MiniEval_HandleBreaker(void) {
    MiniThreadState *tstate = _Mini_tstate_current;
    if (MINI_UNLIKELY(tstate == NULL))
        Mini_FatalError("MiniEval_HandleBreaker",
                        "the function must be called with the GIL held, but the GIL is released "
                        "(the current thread state is NULL)");
    MiniGIL *gil = &_Mini_gil;
    if (drop_requested()) {
        /* Give the lock to the waiter that asked, and do not take it back before it has had it. */
        MINI_STAT_ADD(tstate->gil.drop_requests_honoured, 1);
        _MiniGIL_Drop(tstate);
        pthread_mutex_lock(&gil->switch_mutex);
        while (RELAXED_LOAD(&gil->last_holder) == tstate) {
            reset_drop_request();
            if (ATOMIC_LOAD(&gil->waiters) == 0 && !ATOMIC_LOAD(&gil->locked)) break;
            struct timespec deadline;
            deadline_after_us(&deadline, RELAXED_LOAD(&gil->interval_us));
            pthread_cond_timedwait(&gil->switch_cond, &gil->switch_mutex, &deadline);
        }
        pthread_mutex_unlock(&gil->switch_mutex);
        _MiniGIL_Take(tstate);
    }
    if (RELAXED_LOAD(&_Mini_EvalBreaker) & MINI_BREAKER_SIGNAL_PENDING) {
        if (tstate->is_main) return MiniErr_CheckSignals();
    }
    return 0;
}

int MiniSys_SetSwitchInterval(double seconds) {
    if (!(seconds > 0.0)) {
        MiniErr_SetString(MiniExc_ValueError, "switch interval must be strictly positive");
        return -1;
    }
    double us = seconds * 1e6;
    if (us < 1.0) us = 1.0;
    if (us > 4e9) us = 4e9;
    RELAXED_STORE(&_Mini_gil.interval_us, (unsigned long)us);
    return 0;
}

double MiniSys_GetSwitchInterval(void) {
    unsigned long us = RELAXED_LOAD(&_Mini_gil.interval_us);
    if (us == 0) us = MINI_DEFAULT_SWITCH_INTERVAL_US;
    return (double)us / 1e6;
}

uint64_t MiniGIL_SwitchNumber(void) { return RELAXED_LOAD(&_Mini_gil.switch_number); }

int MiniGILState_Check(void) { return _Mini_tstate_current != NULL; }
