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
 *
 * Recording (Python/gilrecord.c, mini/gilrecord.h). Every transition can also be recorded, exactly,
 * as Ruby 3.2's GVL instrumentation hooks report them: READY when a thread asks for the lock (at
 * the top of _MiniGIL_Take, before the fast path), RESUMED when it has it (became_holder, after
 * the compare-and-swap), SUSPENDED with the reason, stamped before the releasing store (drop
 * request, BEGIN_ALLOW_THREADS, a blocking call, thread exit, a ticks release), DROP_REQUEST
 * naming the holder asked, FORCED_WAIT when a dropping holder starts waiting for the switch, and
 * EXITED. Each goes to the thread's own buffer. With recording off, the take and the release each
 * test one flag word (on a cache line of its own) that is set while recording or in the
 * free-threaded runtime (whose attach/detach and critical sections exist nowhere else), so the
 * GIL build's uncontended pair tests nothing else, and the hot release stores no reason (the
 * reason is noted by every other release; _MiniGIL_ReleaseReason infers BEGIN_ALLOW_THREADS from
 * the count of explicit releases). The recording paths (take_recorded, record_release) are out of
 * line and make no call on the uncontended path (the clock and the append are inline,
 * gilclock_internal.h). The time-stamp is read once per transition, without a fence on the
 * uncontended path: a release stamps before its releasing store and leaves the tick in the GIL,
 * and the acquisition it allows is stamped no earlier than that (gilrecord.c explains why this
 * orders them), and the same tick serves the statistics. An uncontended acquisition stores
 * nothing but its tick in the thread state; the release stores one record for the whole hold
 * (HELD), after its releasing store (gilrecord.c), so a recorded BEGIN/END pair stores one 16-byte
 * record and the lock's locked instructions never wait for it. Instructions and time per
 * uncontended BEGIN/END pair: BENCHMARKS.md.
 *
 * Switch policies (MiniGIL_SetPolicy; extdemo --gil-policy)
 * ---------------------------------------------------------
 * - cpython (the default): everything above, unchanged.
 *
 * - ticks: the GIL before Python 3.2. The holder lets the lock go every N check points (N = 100,
 *   CPython's old sys.setcheckinterval default) and takes it straight back; waiters never issue
 *   drop requests and there is no forced switching. A permanent MINI_BREAKER_TICKS bit makes
 *   every poll reach MiniEval_HandleBreaker, which counts. On one core this alternates threads
 *   fairly; on several cores the releasing thread, already running, usually wins the
 *   compare-and-swap again before the woken waiter is scheduled: the multicore unfairness David
 *   Beazley measured (a waiting thread may go without the lock for a very long time).
 *
 * - prompt: cpython plus a remedy for the convoy effect (bpo-7946). Under cpython a thread that
 *   comes back from a blocking call (a socket recv, a sleep) finds a CPU-bound thread holding the
 *   lock and waits a whole switch interval before it may even ask: an I/O thread doing short
 *   blocking operations gets about one of them per interval. Under prompt, a thread whose last
 *   release was a blocking call (MiniEval_SaveThreadBlocking) is granted prompt service: it sets
 *   the drop request when it starts waiting, ordinary waiters stand aside, a release wakes it (on
 *   `prio_cond`) rather than them, and the holder hands over at its next poll with the usual
 *   forced switching. Services come in bursts: a request echo's round trip makes four (the
 *   client's send and recv return, the server's recv and send return), so once one is granted the
 *   lock stays reserved for the burst's threads for a short window after each of their blocking
 *   releases (100 us, or a tenth of the interval if less), and the next step finds it free, with no
 *   hand-off to a CPU-bound thread and back. The burst ends when a thread that was not served
 *   promptly takes the lock (an ordinary waiter watches for the window's end); while it lasts it
 *   counts as a waiter, so every take goes through the slow path, where the reservation applies.
 *   The bound: the lock has a prompt credit that grows at 3% of wall time (capped at one switch
 *   interval); a burst is charged once, when it ends, from the moment a thread outside it first
 *   wanted the lock (a holder asked to drop it, or a waiter) to the ordinary thread's take: what
 *   the other threads lost, hand-offs and wake-ups included; a grant needs credit left after the
 *   running burst's cost. (Session 7: charged from the first grant instead, a burst that two I/O
 *   threads kept open among themselves with nobody else about, as in convoy's I/O-alone phase,
 *   was charged its whole length when a CPU thread next took the lock: the likely cause, not
 *   confirmed, of one convoy run whose contended phase had 0 grants and 222 refusals.) Without credit a returning thread waits like anyone else, so prompt service
 *   takes only about 3% of the lock from CPU-bound threads however often the I/O thread blocks
 *   (the goal: they keep at least 90% of their solo throughput). What the CPU threads lose beyond
 *   the charge: each refusal ends, as under cpython, in a drop request and a forced switch that no
 *   burst pays for (under cpython the CPU thread keeps 98.3-98.8% of its solo lock share beside
 *   the I/O thread: about 1.5 points for those hand-offs), and each burst ends with a hand-off
 *   back (the holder that dropped on request sleeps in the forced wait, is woken, and comes back
 *   on a core whose caches the I/O threads touched). Measured as the lock share (convoy's "CPU
 *   lock": the CPU thread's exact held time over wall time, beside the I/O thread over alone;
 *   release build, --realtime, 0.5 s phases, loaded machine, session 7): at 5% the CPU thread kept
 *   93.5-94.5% of the lock, at 3% 95.4-96.4%, with the I/O thread's p50 still 1.1-1.4x alone. The
 *   throughput figure swings +-15% between runs on this VM whatever the policy (cpython, which
 *   gives away 1.5%, measured 73-107% in the same runs), so the share is set from the lock share:
 *   3% leaves about 4 points of lock for the hand-offs' cache and wake-up costs under the 10% the
 *   goal allows (at 8%, session 4's idle machine measured 86% throughput; at 5%, session 6's idle
 *   runs 105/74/85%). It costs the I/O thread little: a burst still covers several round trips
 *   (the credit accrued over one refused interval, 150 us at 5 ms, is three 40-50 us round trips;
 *   the first burst of a period has a whole interval), so most requests are still served at once
 *   and the median stays near the alone figure (the refused ones make the p99: one or two
 *   intervals). A burst that nobody else wanted the lock during (threads doing I/O alone) ends
 *   uncharged at once, so they keep the fast path.
 *   MiniGIL_GetPromptStats counts the decisions: grants, refusals, bursts, ns charged.
 */
#include "gil_internal.h"
#include "ftmode_internal.h"
#include "critical_section_internal.h"

#include "gc_internal.h"

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
    pthread_cond_init(&gil->prio_cond, &attr);
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
    gil->prio_waiters = 0;
    RELAXED_STORE(&gil->prompt_stamp, 0);
    RELAXED_STORE(&gil->prompt_burst_since, 0);
    RELAXED_STORE(&gil->prompt_wanted_since, 0);
    RELAXED_STORE(&gil->prompt_window_end_ns, 0);
    RELAXED_STORE(&gil->holder_prompt, 0);
    RELAXED_STORE(&gil->forced_waiters, 0);
    RELAXED_STORE(&_Mini_EvalBreaker, gil->policy == MINI_GILPOLICY_TICKS ? MINI_BREAKER_TICKS : 0);
    /* The take and release fast paths test one word for "recording or free-threaded". */
    if (_Mini_FreeThreaded) __atomic_fetch_or(&_Mini_gilrec_flag.on, MINI_GILFLAG_FREE_THREADED, __ATOMIC_SEQ_CST);
    else __atomic_fetch_and(&_Mini_gilrec_flag.on, ~MINI_GILFLAG_FREE_THREADED, __ATOMIC_SEQ_CST);
    gil->created = 1;
}

void _MiniGIL_Destroy(void) {
    MiniGIL *gil = &_Mini_gil;
    if (!gil->created) return;
    pthread_cond_destroy(&gil->cond);
    pthread_mutex_destroy(&gil->mutex);
    pthread_cond_destroy(&gil->switch_cond);
    pthread_mutex_destroy(&gil->switch_mutex);
    pthread_cond_destroy(&gil->prio_cond);
    gil->created = 0;
}

void _MiniGIL_ReinitAfterFork(MiniThreadState *tstate) {
    MiniGIL *gil = &_Mini_gil;
    /* The other threads are gone; their mutexes may be left locked. Start afresh. */
    init_sync(gil);
    gil->waiters = 0;
    gil->prio_waiters = 0;
    RELAXED_STORE(&gil->prompt_burst_since, 0);
    RELAXED_STORE(&gil->prompt_wanted_since, 0);
    RELAXED_STORE(&gil->prompt_window_end_ns, 0);
    ATOMIC_STORE(&gil->locked, 1);
    gil->last_holder = tstate;
    gil->last_holder_id = (uint32_t)tstate->id;
    RELAXED_STORE(&_Mini_EvalBreaker, gil->policy == MINI_GILPOLICY_TICKS ? MINI_BREAKER_TICKS : 0);
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

/* The lock changed hands: tell a forced-switch sleeper, count the switch. Out of line: an
 * uncontended pair by the same thread never comes here. */
static __attribute__((noinline)) void holder_changed(MiniGIL *gil, MiniThreadState *tstate, uint64_t now) {
    int saved_errno = errno;
    pthread_mutex_lock(&gil->switch_mutex);
    RELAXED_STORE(&gil->last_holder, tstate);
    RELAXED_STORE(&gil->last_holder_id, (uint32_t)tstate->id);
    (void)now;
    __atomic_fetch_add(&gil->switch_number, 1, __ATOMIC_RELAXED);
    pthread_cond_signal(&gil->switch_cond);
    pthread_mutex_unlock(&gil->switch_mutex);
    MINI_STAT_ADD(tstate->gil.switches, 1);
    errno = saved_errno;
}

/* Bookkeeping once tstate owns the flag: switch accounting, forced-switch wake-up, stats.
 * Inlined into the fast path; recording is done by the callers (take_recorded). */
static inline __attribute__((always_inline)) void became_holder(MiniGIL *gil, MiniThreadState *tstate,
                                                                  uint64_t now) {
    if (RELAXED_LOAD(&gil->last_holder) != tstate) holder_changed(gil, tstate, now);
    /* Whoever asked the previous holder to drop has now been served (or it was us). */
    if (MINI_UNLIKELY(drop_requested())) reset_drop_request();
    MINI_STAT_ADD(tstate->gil.acquisitions, 1);
    MINI_STAT_SET(tstate->gil.hold_start_ticks, now);
    _Mini_tstate_current = tstate;
}

/* Sets a drop request against the current holder (if none is pending), counted and recorded. */
static void request_drop(MiniGIL *gil, MiniThreadState *tstate) {
    if (!drop_requested()) {
        set_drop_request();
        MINI_STAT_ADD(tstate->gil.drop_requests_issued, 1);
        MINI_GILREC(tstate, MINI_GILEV_DROP_REQUEST, MINI_GILREASON_NONE,
                    RELAXED_LOAD(&gil->last_holder_id));
    }
}

/* ----- the `prompt` policy (see the essay at the top) ------------------------------------------
 * A burst is a run of prompt services with no ordinary thread holding the lock in between: it
 * begins when a thread back from a blocking call is granted prompt service and ends when a thread
 * that was not served promptly takes the lock. While it lasts, the lock is reserved for the
 * burst's threads (ordinary waiters stand aside) as long as one of them waits for it, holds it, or
 * released it for a blocking call less than one window ago; and the burst counts as a waiter
 * (`waiters` + 1), so every take goes through take_gil_slow, where the reservation is applied
 * and the burst is ended and charged. A burst is charged once, when it ends: from the moment a
 * thread outside it first wanted the lock (prompt_wanted_since: a waiter that is not served
 * promptly, or a holder that drops the lock on request) to the ordinary thread's take (what the
 * other threads lost, hand-offs and wake-ups included). The credit grows at PROMPT_SHARE_PERCENT of wall time, capped at one switch
 * interval, and a grant needs credit left after the running burst's cost, so prompt service
 * takes at most about PROMPT_SHARE_PERCENT of the lock from the other threads. An I/O thread's
 * round trip (a send, the server's recv and send, the recv back: four blocking calls, four
 * services) is one burst rather than four hand-offs each way. All times are CLOCK_MONOTONIC ns.
 * Fields are read and written with relaxed atomics; grants, reservations and ends happen under
 * gil->mutex. */
#define PROMPT_SHARE_PERCENT 3
#define PROMPT_WINDOW_MAX_NS 100000ull   /* the reservation after a blocking release: 100 us, */
#define PROMPT_WINDOW_DIVISOR 10         /* or a tenth of the switch interval if that is less */

static uint64_t prompt_window_ns(MiniGIL *gil) {
    uint64_t w = (uint64_t)RELAXED_LOAD(&gil->interval_us) * 1000 / PROMPT_WINDOW_DIVISOR;
    return w < PROMPT_WINDOW_MAX_NS ? w : PROMPT_WINDOW_MAX_NS;
}

/* The credit left once the running burst (if any) is paid for, at now_ns: its cost so far runs
 * from the moment a thread outside it first wanted the lock. */
static int64_t prompt_credit_left(MiniGIL *gil, uint64_t now_ns) {
    int64_t credit = RELAXED_LOAD(&gil->prompt_credit_ns);
    uint64_t since = RELAXED_LOAD(&gil->prompt_wanted_since);
    return since != 0 && now_ns > since ? credit - (int64_t)(now_ns - since) : credit;
}

/* A thread outside the burst wants the lock (it waits for it, or it held it and was asked to
 * drop it): the burst's cost starts now unless it already has. Under gil->mutex. */
static void prompt_note_wanted(MiniGIL *gil, uint64_t now_ns) {
    if (RELAXED_LOAD(&gil->prompt_burst_since) != 0 && RELAXED_LOAD(&gil->prompt_wanted_since) == 0)
        RELAXED_STORE(&gil->prompt_wanted_since, now_ns);
}

/* Grants tstate prompt service, or refuses it, and counts the decision. A grant that finds no
 * burst begins one (the burst's phantom waiter included). Under gil->mutex. */
static int prompt_grant(MiniGIL *gil, MiniThreadState *tstate, uint64_t now_ns) {
    if (_MiniGIL_ReleaseReason(tstate) != MINI_GILREASON_BLOCKING) return 0;
    int64_t cap = (int64_t)RELAXED_LOAD(&gil->interval_us) * 1000;
    uint64_t stamp = RELAXED_LOAD(&gil->prompt_stamp);
    if (stamp == 0) {
        RELAXED_STORE(&gil->prompt_credit_ns, cap);
    } else if (now_ns > stamp) {
        int64_t credit = RELAXED_LOAD(&gil->prompt_credit_ns) + (int64_t)(now_ns - stamp) * PROMPT_SHARE_PERCENT / 100;
        RELAXED_STORE(&gil->prompt_credit_ns, credit > cap ? cap : credit);
    }
    RELAXED_STORE(&gil->prompt_stamp, now_ns);
    if (prompt_credit_left(gil, now_ns) <= 0) {
        RELAXED_STORE(&gil->prompt_refused, RELAXED_LOAD(&gil->prompt_refused) + 1);
        return 0;
    }
    RELAXED_STORE(&gil->prompt_granted, RELAXED_LOAD(&gil->prompt_granted) + 1);
    if (RELAXED_LOAD(&gil->prompt_burst_since) == 0) {
        /* Threads already waiting (none of them prompt: no burst runs) want the lock now. */
        int others_wait = ATOMIC_LOAD(&gil->waiters) > 0;
        __atomic_fetch_add(&gil->waiters, 1, __ATOMIC_SEQ_CST);   /* the burst's phantom waiter */
        RELAXED_STORE(&gil->holder_prompt, 0);                      /* the holder is not in it */
        RELAXED_STORE(&gil->prompt_window_end_ns, 0);
        RELAXED_STORE(&gil->prompt_burst_since, now_ns);
        RELAXED_STORE(&gil->prompt_wanted_since, others_wait ? now_ns : 0);
    }
    return 1;
}

/* An ordinary thread has the lock: the burst ends, charged from the moment a thread outside it
 * first wanted the lock (nothing when `charge` is 0, or when nobody did). Under gil->mutex. */
static void prompt_end_burst(MiniGIL *gil, int charge) {
    if (RELAXED_LOAD(&gil->prompt_burst_since) == 0) return;
    uint64_t since = RELAXED_LOAD(&gil->prompt_wanted_since);
    uint64_t now_ns = Mini_MonotonicNs();
    int64_t cost = charge && since != 0 && now_ns > since ? (int64_t)(now_ns - since) : 0;
    RELAXED_STORE(&gil->prompt_credit_ns, RELAXED_LOAD(&gil->prompt_credit_ns) - cost);
    RELAXED_STORE(&gil->prompt_burst_since, 0);
    RELAXED_STORE(&gil->prompt_wanted_since, 0);
    RELAXED_STORE(&gil->prompt_bursts, RELAXED_LOAD(&gil->prompt_bursts) + 1);
    RELAXED_STORE(&gil->prompt_charged_ns, RELAXED_LOAD(&gil->prompt_charged_ns) + (uint64_t)cost);
    __atomic_fetch_sub(&gil->waiters, 1, __ATOMIC_SEQ_CST);   /* the phantom waiter goes */
}

/* 1 while the burst reserves the lock: one of its threads waits for it, or released it for a
 * blocking call less than a window ago (a burst thread holding it needs no reservation). Sets
 * *until_ns to the window's end. Under gil->mutex. */
static int prompt_reserved(MiniGIL *gil, uint64_t now_ns, uint64_t *until_ns) {
    *until_ns = RELAXED_LOAD(&gil->prompt_window_end_ns);
    if (RELAXED_LOAD(&gil->prompt_burst_since) == 0) return 0;
    return gil->prio_waiters > 0 || now_ns < *until_ns;
}

/* A thread served promptly lets the lock go for a blocking call: while the burst has credit left,
 * the lock stays reserved for one window, so the next step of its round trip (its own or its
 * peer's return from a blocking call) finds it free, with no hand-off. Needs no lock. */
static __attribute__((noinline)) void prompt_blocking_release(MiniGIL *gil, MiniThreadState *tstate) {
    /* Served promptly at its latest acquisition (a later fast-path take leaves the flag set but
     * moves the count on), and a burst runs. */
    if (!tstate->prompt_served || tstate->prompt_served_at != MINI_STAT_GET(tstate->gil.acquisitions) ||
        RELAXED_LOAD(&gil->prompt_burst_since) == 0)
        return;
    uint64_t now_ns = Mini_MonotonicNs();
    if (prompt_credit_left(gil, now_ns) > 0) RELAXED_STORE(&gil->prompt_window_end_ns, now_ns + prompt_window_ns(gil));
}

/* The holder drops the lock on request: if a burst asked, it loses the lock from now (the burst's
 * cost starts). Takes gil->mutex; preserves errno. */
static __attribute__((noinline)) void prompt_forced_drop(MiniGIL *gil) {
    int saved_errno = errno;
    pthread_mutex_lock(&gil->mutex);
    prompt_note_wanted(gil, Mini_MonotonicNs());
    pthread_mutex_unlock(&gil->mutex);
    errno = saved_errno;
}

void MiniGIL_GetPromptStats(MiniGILPromptStats *out) {
    if (out == NULL) return;
    out->granted = RELAXED_LOAD(&_Mini_gil.prompt_granted);
    out->refused = RELAXED_LOAD(&_Mini_gil.prompt_refused);
    out->bursts = RELAXED_LOAD(&_Mini_gil.prompt_bursts);
    out->charged_ns = RELAXED_LOAD(&_Mini_gil.prompt_charged_ns);
}

void MiniGIL_ResetPromptStats(void) {
    RELAXED_STORE(&_Mini_gil.prompt_granted, 0);
    RELAXED_STORE(&_Mini_gil.prompt_refused, 0);
    RELAXED_STORE(&_Mini_gil.prompt_bursts, 0);
    RELAXED_STORE(&_Mini_gil.prompt_charged_ns, 0);
}

/* The contended path: wait (under `mutex`) for the lock, asking the holder to drop it after a whole
 * switch interval. Returns the tick at which tstate became the holder (stamped with the recorder's
 * fenced clock when `stamp_fenced`, so the RESUMED event can use it). */
static __attribute__((noinline)) uint64_t take_gil_slow(MiniGIL *gil, MiniThreadState *tstate, int stamp_fenced) {
    int saved_errno = errno;
    uint64_t start = _Mini_Ticks();
    MINI_STAT_SET(tstate->gil.wait_start_ticks, start);
    int prompt = MINI_UNLIKELY(RELAXED_LOAD(&gil->policy) == MINI_GILPOLICY_PROMPT);
    int ticks = RELAXED_LOAD(&gil->policy) == MINI_GILPOLICY_TICKS;
    pthread_mutex_lock(&gil->mutex);
    int prio = prompt && prompt_grant(gil, tstate, Mini_MonotonicNs());
    if (prompt && !prio) prompt_note_wanted(gil, Mini_MonotonicNs());
    __atomic_fetch_add(&gil->waiters, 1, __ATOMIC_SEQ_CST);
    if (prio) gil->prio_waiters++;
    int expected = 0, watching = 0;
    for (;;) {
        /* Under `prompt`, ordinary waiters stand aside while a burst of prompt services reserves
         * the lock; one of them (the watcher) wakes when the reservation runs out. */
        uint64_t until_ns = 0, now_ns = 0;
        int stand_aside = prompt && !prio && prompt_reserved(gil, now_ns = Mini_MonotonicNs(), &until_ns);
        if (!stand_aside && __atomic_compare_exchange_n(&gil->locked, &expected, 1, 0, __ATOMIC_SEQ_CST,
                                                        __ATOMIC_SEQ_CST))
            break;
        expected = 0;
        if (prio && ATOMIC_LOAD(&gil->locked) && !RELAXED_LOAD(&gil->holder_prompt)) request_drop(gil, tstate);
        uint64_t saved_switch = RELAXED_LOAD(&gil->switch_number);
        unsigned long wait_us = RELAXED_LOAD(&gil->interval_us);
        if (stand_aside && (watching || RELAXED_LOAD(&gil->prompt_watcher) == 0)) {
            watching = 1;
            RELAXED_STORE(&gil->prompt_watcher, 1);
            uint64_t left_us = until_ns > now_ns ? (until_ns - now_ns + 999) / 1000 : 0;
            if (left_us < 10) left_us = 10;          /* a prompt waiter's turn: look again soon */
            if (left_us < wait_us) wait_us = (unsigned long)left_us;
        } else if (watching) {
            watching = 0;
            RELAXED_STORE(&gil->prompt_watcher, 0);
        }
        struct timespec deadline;
        deadline_after_us(&deadline, wait_us);
        int rc = pthread_cond_timedwait(prio ? &gil->prio_cond : &gil->cond, &gil->mutex, &deadline);
        if (rc == ETIMEDOUT && !stand_aside && ATOMIC_LOAD(&gil->locked) &&
            RELAXED_LOAD(&gil->switch_number) == saved_switch && !ticks) {
            /* A whole interval with no switch: ask the holder to let go at its next poll. */
            request_drop(gil, tstate);
        }
    }
    if (watching) RELAXED_STORE(&gil->prompt_watcher, 0);
    if (prio) gil->prio_waiters--;
    if (MINI_UNLIKELY(prompt)) {
        if (!prio) {
            prompt_end_burst(gil, 1);
        } else if (RELAXED_LOAD(&gil->prompt_burst_since) != 0 && RELAXED_LOAD(&gil->forced_waiters) == 0 &&
                   ATOMIC_LOAD(&gil->waiters) - 2 - gil->prio_waiters <= 0) {
            /* Nobody but the burst's own threads wants the lock (me and the phantom aside): no one
             * to keep out, so no burst (threads doing I/O alone keep the fast path). */
            prompt_end_burst(gil, 0);
        }
        RELAXED_STORE(&gil->holder_prompt, prio);
    }
    tstate->prompt_served = prio;
    tstate->prompt_served_at = MINI_STAT_GET(tstate->gil.acquisitions) + 1;   /* became_holder counts it */
    __atomic_fetch_sub(&gil->waiters, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&gil->mutex);
    uint64_t now = stamp_fenced ? _MiniGILRec_Now() : _Mini_Ticks();
    MINI_STAT_ADD(tstate->gil.wait_ticks, now - start);
    MINI_STAT_SET(tstate->gil.wait_start_ticks, 0);
    if (now - start > MINI_STAT_GET(tstate->gil.max_wait_ticks)) MINI_STAT_SET(tstate->gil.max_wait_ticks, now - start);
    became_holder(gil, tstate, now);
    errno = saved_errno;
    return now;
}

/* Take with recording on: READY, the take, RESUMED. An uncontended take stores nothing: it keeps
 * its tick in rec_acq_ticks, and the release that ends the hold stores one HELD record for both
 * (gilrecord.c; the reader expands it to READY + RESUMED at this instant, then SUSPENDED). It is
 * stamped with one
 * unfenced clock read raised to the last recorded release's tick if below it (gilrecord.c: so it
 * never precedes the release that allowed it); the contended path stamps with the fenced clock.
 * No call on the uncontended path. The recorder preserves errno (only its allocations could
 * change it). `ready_done`: READY is already recorded (by ft_try_attach). */
static inline __attribute__((always_inline)) void take_recorded(MiniGIL *gil, MiniThreadState *tstate, int ready_done) {
    int expected = 0;
    if (RELAXED_LOAD(&gil->waiters) == 0 &&
        __atomic_compare_exchange_n(&gil->locked, &expected, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
        uint64_t now = _Mini_Ticks(), released = RELAXED_LOAD(&gil->rec_release_ticks);
        if (MINI_UNLIKELY(now < released)) now = released;
        became_holder(gil, tstate, now);
        if (ready_done) {
            tstate->rec_acq_ticks = 0;
            _MiniGILRec_Push(tstate, MINI_GILEV_RESUMED, MINI_GILREASON_NONE, 0, now);
        } else {
            tstate->rec_acq_ticks = now;   /* stored with the release (HELD) */
        }
        return;
    }
    tstate->rec_acq_ticks = 0;
    if (!ready_done) _MiniGILRec_Push(tstate, MINI_GILEV_READY, MINI_GILREASON_NONE, 0, _MiniGILRec_Now());
    uint64_t now = take_gil_slow(gil, tstate, 1);
    _MiniGILRec_Push(tstate, MINI_GILEV_RESUMED, MINI_GILREASON_NONE, 0, now);
}

/* Free-threaded mode (ft-core): attaches without the GIL while it is disabled and returns 1; else
 * takes the GIL as usual. READY is recorded here (_MiniFT_TryAttach records RESUMED). Preserves
 * errno. Out of line: GIL builds never come here. */
static __attribute__((noinline)) void take_free_threaded(MiniGIL *gil, MiniThreadState *tstate) {
    int saved_errno = errno;
    int recording = MINI_GILREC_ON();
    if (recording) _MiniGILRec_Add(tstate, MINI_GILEV_READY, MINI_GILREASON_NONE, 0);
    int expected = 0;
    if (_MiniFT_TryAttach(tstate)) {
        /* attached without waiting for anyone */
    } else if (recording) {
        take_recorded(gil, tstate, 1);
    } else if (RELAXED_LOAD(&gil->waiters) == 0 &&
               __atomic_compare_exchange_n(&gil->locked, &expected, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
        became_holder(gil, tstate, _Mini_Ticks());
    } else {
        (void)take_gil_slow(gil, tstate, 0);
    }
    errno = saved_errno;
}

/* Attach hook (ft-objects): retake the innermost suspended critical section. Preserves errno. */
static __attribute__((noinline)) void resume_critical_sections(MiniThreadState *tstate) {
    int saved_errno = errno;
    _MiniCriticalSection_Resume(tstate);
    errno = saved_errno;
}

/* The plain take: no waiter and the flag clear, one compare-and-swap, else the slow path. It
 * does not touch errno (the paths that call into pthreads save and restore it). */
static inline __attribute__((always_inline)) void take_plain(MiniGIL *gil, MiniThreadState *tstate) {
    int expected = 0;
    if (MINI_LIKELY(RELAXED_LOAD(&gil->waiters) == 0) &&
        __atomic_compare_exchange_n(&gil->locked, &expected, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
        became_holder(gil, tstate, _Mini_Ticks());
    } else {
        (void)take_gil_slow(gil, tstate, 0);
    }
}

/* The take after the slow-flag test: recorded in the GIL build (flags is exactly RECORDING: no
 * critical section can be open, so nothing else to test), else free-threaded, recorded, or
 * plain, then the critical sections' resume hook (inlined in the unlikely branch: no call more
 * than before the flag word). */
static inline __attribute__((always_inline)) void take_flagged(MiniGIL *gil, MiniThreadState *tstate, int flags) {
    if (flags == MINI_GILFLAG_RECORDING) {
        take_recorded(gil, tstate, 0);
        return;
    }
    if (flags & MINI_GILFLAG_FREE_THREADED) take_free_threaded(gil, tstate);
    else if (flags & MINI_GILFLAG_RECORDING) take_recorded(gil, tstate, 0);
    else take_plain(gil, tstate);
    if (MINI_UNLIKELY(tstate->critical_section != 0)) resume_critical_sections(tstate);
}

/* The take. In the GIL build with recording off and no critical sections it tests one flag word. */
void _MiniGIL_Take(MiniThreadState *tstate) {
    MiniGIL *gil = &_Mini_gil;
    int flags = MINI_GIL_SLOW();
    if (flags) take_flagged(gil, tstate, flags);
    else take_plain(gil, tstate);
}

/* Wakes a waiter after a release: a `prompt` waiter if there is one; none while a burst reserves
 * the lock and an ordinary waiter already watches for the reservation's end; else an ordinary one. */
static __attribute__((noinline)) void wake_waiters(MiniGIL *gil) {
    int saved_errno = errno;
    pthread_mutex_lock(&gil->mutex);
    uint64_t until_ns;
    if (MINI_UNLIKELY(gil->prio_waiters > 0)) {
        pthread_cond_signal(&gil->prio_cond);
    } else if (!(MINI_UNLIKELY(RELAXED_LOAD(&gil->prompt_burst_since) != 0) && RELAXED_LOAD(&gil->prompt_watcher) &&
                 prompt_reserved(gil, Mini_MonotonicNs(), &until_ns))) {
        pthread_cond_signal(&gil->cond);
    }
    pthread_mutex_unlock(&gil->mutex);
    errno = saved_errno;
}

/* The tick of a recorded release: one unfenced clock read, before the releasing store, so below
 * the moment another thread can see the lock free; left in rec_release_ticks for the next
 * acquisition (see take_recorded). The record itself is stored after the releasing store
 * (drop_flagged). No call. */
static inline __attribute__((always_inline)) uint64_t record_release_tick(MiniGIL *gil) {
    uint64_t now = _Mini_Ticks();
    RELAXED_STORE(&gil->rec_release_ticks, now);
    return now;
}

/* The release after the slow-flag test: the free-threaded detach, or the recorded release (inlined in
 * the unlikely branch, so those paths cost one test more than before the flag word, no call). With
 * flags exactly RECORDING (the GIL build) there is no critical section and no nogil attach to test. */
static inline __attribute__((always_inline)) void drop_flagged(MiniGIL *gil, MiniThreadState *tstate, int reason, int flags) {
    if (flags != MINI_GILFLAG_RECORDING) {
        /* Detach hook (ft-objects): a thread that lets go suspends its critical sections (which
         * exist only in the free-threaded runtime). */
        if (MINI_UNLIKELY(tstate->critical_section != 0)) _MiniCriticalSection_SuspendAll(tstate);
        if (tstate->ft_nogil) {
            _MiniFT_Detach(tstate, reason);
            return;
        }
    }
    uint64_t start = MINI_STAT_GET(tstate->gil.hold_start_ticks);
    uint64_t now = flags & MINI_GILFLAG_RECORDING ? record_release_tick(gil) : _Mini_Ticks();
    MINI_STAT_ADD(tstate->gil.held_ticks, now - start);
    MINI_STAT_SET(tstate->gil.hold_start_ticks, 0);
    _Mini_tstate_current = NULL;
    ATOMIC_STORE(&gil->locked, 0);
    /* The hold's record (HELD, or SUSPENDED), after the releasing store: the xchg need not wait
     * for its stores. The buffer is this thread's own, and a new recording starts only while no
     * other thread is inside the runtime (mini/gilrecord.h), so it is still there. */
    if (flags & MINI_GILFLAG_RECORDING) _MiniGILRec_PushHeld(tstate, now, reason);
    if (ATOMIC_LOAD(&gil->waiters) > 0) wake_waiters(gil);
}

/* The release, inlined into MiniEval_SaveThread and the other releasers. With recording off in
 * the GIL build it tests one flag word; it stores no reason (see _MiniGIL_ReleaseReason). */
static inline __attribute__((always_inline)) void drop_gil(MiniThreadState *tstate, int reason) {
    MiniGIL *gil = &_Mini_gil;
    int flags = MINI_GIL_SLOW();
    if (flags) {
        drop_flagged(gil, tstate, reason, flags);
        return;
    }
    uint64_t start = MINI_STAT_GET(tstate->gil.hold_start_ticks);
    uint64_t now = _Mini_Ticks();
    MINI_STAT_ADD(tstate->gil.held_ticks, now - start);
    MINI_STAT_SET(tstate->gil.hold_start_ticks, 0);
    _Mini_tstate_current = NULL;
    ATOMIC_STORE(&gil->locked, 0);
    if (ATOMIC_LOAD(&gil->waiters) > 0) wake_waiters(gil);
}

/* Notes why tstate lets the lock go (every release but MiniEval_SaveThread's, which
 * _MiniGIL_ReleaseReason infers from the count of explicit releases). */
static inline void note_release(MiniThreadState *tstate, int reason) {
    RELAXED_STORE(&tstate->last_release, reason);
    RELAXED_STORE(&tstate->release_mark, MINI_STAT_GET(tstate->gil.explicit_releases));
}

void _MiniGIL_Drop(MiniThreadState *tstate, int reason) {
    note_release(tstate, reason);
    drop_gil(tstate, reason);
}

/* ----- public entry points -------------------------------------------------------------------- */

MiniThreadState *MiniEval_SaveThread(void) {
    MiniThreadState *tstate = _Mini_tstate_current;
    if (MINI_UNLIKELY(tstate == NULL))
        Mini_FatalError("MiniEval_SaveThread",
                        "the GIL is not held by this thread, so it cannot be released "
                        "(BEGIN_ALLOW_THREADS nested inside another, or called without the GIL)");
    MINI_STAT_ADD(tstate->gil.explicit_releases, 1);
    drop_gil(tstate, MINI_GILREASON_ALLOW_THREADS);
    return tstate;
}

MiniThreadState *MiniEval_SaveThreadBlocking(void) {
    MiniThreadState *tstate = _Mini_tstate_current;
    if (MINI_UNLIKELY(tstate == NULL))
        Mini_FatalError("MiniEval_SaveThreadBlocking",
                        "the GIL is not held by this thread, so it cannot be released "
                        "(BEGIN_ALLOW_THREADS nested inside another, or called without the GIL)");
    MINI_STAT_ADD(tstate->gil.explicit_releases, 1);
    note_release(tstate, MINI_GILREASON_BLOCKING);
    if (MINI_UNLIKELY(RELAXED_LOAD(&_Mini_gil.policy) == MINI_GILPOLICY_PROMPT)) prompt_blocking_release(&_Mini_gil, tstate);
    drop_gil(tstate, MINI_GILREASON_BLOCKING);
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
    _MiniGIL_Drop(tstate, MINI_GILREASON_ALLOW_THREADS);
}

/* `ticks` policy: every ticks_interval-th check point, if anyone waits, let the lock go and take
 * it straight back, with no forced switching (the pre-3.2 GIL). */
static void ticks_check_point(MiniGIL *gil, MiniThreadState *tstate) {
    if (--tstate->ticks_left > 0) return;
    unsigned long n = RELAXED_LOAD(&gil->ticks_interval);
    tstate->ticks_left = (long)(n ? n : 100);
    if (ATOMIC_LOAD(&gil->waiters) == 0) return;
    _MiniGIL_Drop(tstate, MINI_GILREASON_TICKS);
    _MiniGIL_Take(tstate);
}

int MiniEval_HandleBreaker(void) {
    MiniThreadState *tstate = _Mini_tstate_current;
    if (MINI_UNLIKELY(tstate == NULL))
        Mini_FatalError("MiniEval_HandleBreaker",
                        "the function must be called with the GIL held, but the GIL is released "
                        "(the current thread state is NULL)");
    MiniGIL *gil = &_Mini_gil;
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) _MiniFT_HandleBreaker(tstate);
    if (MINI_UNLIKELY(RELAXED_LOAD(&_Mini_EvalBreaker) & MINI_BREAKER_TICKS)) ticks_check_point(gil, tstate);
    if (drop_requested()) {
        /* Give the lock to the waiter that asked, and do not take it back before it has had it. */
        MINI_STAT_ADD(tstate->gil.drop_requests_honoured, 1);
        /* Counted before the release, so the thread that takes the lock sees someone waits. */
        __atomic_fetch_add(&gil->forced_waiters, 1, __ATOMIC_SEQ_CST);
        if (MINI_UNLIKELY(RELAXED_LOAD(&gil->policy) == MINI_GILPOLICY_PROMPT)) prompt_forced_drop(gil);
        _MiniGIL_Drop(tstate, MINI_GILREASON_DROP_REQUEST);
        MINI_GILREC(tstate, MINI_GILEV_FORCED_WAIT, MINI_GILREASON_NONE, 0);
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
        __atomic_fetch_sub(&gil->forced_waiters, 1, __ATOMIC_SEQ_CST);
    }
    if (MINI_UNLIKELY(RELAXED_LOAD(&_Mini_EvalBreaker) & MINI_BREAKER_GC_SCHEDULED)) _MiniGC_RunScheduled();
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

int MiniGIL_SetPolicy(int policy, unsigned long param) {
    if (policy != MINI_GILPOLICY_CPYTHON && policy != MINI_GILPOLICY_TICKS && policy != MINI_GILPOLICY_PROMPT)
        return -1;
    RELAXED_STORE(&_Mini_gil.ticks_interval, param ? param : 100);
    int was = RELAXED_LOAD(&_Mini_gil.policy);
    RELAXED_STORE(&_Mini_gil.policy, policy);
    if (policy != MINI_GILPOLICY_PROMPT && _Mini_gil.created) {   /* a burst in progress ends */
        pthread_mutex_lock(&_Mini_gil.mutex);
        prompt_end_burst(&_Mini_gil, 1);
        pthread_mutex_unlock(&_Mini_gil.mutex);
    }
    if (policy == MINI_GILPOLICY_PROMPT && was != MINI_GILPOLICY_PROMPT) {
        /* Switching to prompt starts with a full credit (the next grant sets it), whatever an
         * earlier prompt period left: the credit belongs to one period of the policy. */
        if (_Mini_gil.created) pthread_mutex_lock(&_Mini_gil.mutex);
        RELAXED_STORE(&_Mini_gil.prompt_stamp, 0);
        if (_Mini_gil.created) pthread_mutex_unlock(&_Mini_gil.mutex);
    }
    if (policy == MINI_GILPOLICY_TICKS)
        __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_TICKS, __ATOMIC_RELAXED);
    else
        __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_TICKS, __ATOMIC_RELAXED);
    return 0;
}

int MiniGIL_GetPolicy(void) { return RELAXED_LOAD(&_Mini_gil.policy); }
