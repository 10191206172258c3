/* internal/gil_internal.h: the GIL's state and the runtime-private entry points around it.
 * gil.c explains the algorithm; threadstate.c and lifecycle.c use these functions. */
#ifndef MINI_GIL_INTERNAL_H
#define MINI_GIL_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "gil_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"
#include "tstate_internal.h"
#include "gilclock_internal.h"
#include <pthread.h>

/* Eval-breaker bits (in _Mini_EvalBreaker). */
#define MINI_BREAKER_GIL_DROP_REQUEST 0x1  /* a waiter has waited a full switch interval */
#define MINI_BREAKER_SIGNAL_PENDING   0x2  /* KeyboardInterrupt pending for the main thread */
#define MINI_BREAKER_TICKS            0x4  /* `ticks` policy: count every check point */
#define MINI_BREAKER_BRC_MERGE        0x8  /* free-threaded: some thread's merge queue is non-empty (brc.c) */
#define MINI_BREAKER_STW              0x10 /* free-threaded: a stop-the-world is waiting for threads to park */
#define MINI_BREAKER_GC_SCHEDULED     0x20 /* a cycle collection is due (gc.c): run it here */
#define MINI_BREAKER_QSBR             0x40 /* free-threaded: delayed drops wait for quiescent points (qsbr.c) */

typedef struct MiniGIL {
    /* 1 while some thread holds the GIL. Taken with a compare-and-swap so the uncontended
     * acquire needs no mutex; released with a sequentially consistent store. */
    int locked;
    /* Threads blocked in take_gil's slow path. A releaser signals `cond` only when it is non-zero;
     * the increment (under `mutex`) and the releaser's store/load pair are seq_cst, so either the
     * waiter sees the lock free or the releaser sees the waiter (no lost wake-up). */
    int waiters;
    /* Recording only: the tick of the last recorded release, stored before the releasing store;
     * a recorded uncontended acquisition is stamped no earlier (gilrecord.c: unfenced clock). */
    uint64_t rec_release_ticks;
    /* The thread state that took the GIL last (not necessarily still holding it), and how many
     * times the holder has changed: a waiter compares switch_number before and after its timed
     * wait to tell "the interval passed with no switch" (set a drop request) from "the lock
     * moved, but not to me" (keep waiting without bothering the new holder). */
    MiniThreadState *last_holder;
    uint64_t switch_number;
    /* Switch interval in microseconds (MiniSys_SetSwitchInterval). */
    unsigned long interval_us;
    /* Waiters sleep on `cond` (with `mutex`) until the lock is released or the interval ends. */
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    /* Forced switching: a thread that drops the GIL because of a drop request sleeps on
     * `switch_cond` until last_holder is another thread, so it cannot retake the lock at once. */
    pthread_mutex_t switch_mutex;
    pthread_cond_t switch_cond;
    int created;
    /* The id of last_holder (a number, so a waiter may name it after the state is gone). */
    uint32_t last_holder_id;
    /* Switch policy (MiniGILPolicy) and the ticks policy's N. Not reset by _MiniGIL_Create. */
    int policy;
    unsigned long ticks_interval;
    /* `prompt` policy: waiters being served promptly (guarded by `mutex`); while non-zero the
     * others leave the lock to them and a release wakes one of them (on `prio_cond`). */
    int prio_waiters;
    pthread_cond_t prio_cond;
    /* `prompt` policy's credit (ns) and when it last grew (ticks; under `mutex`); the tick at
     * which the current burst of prompt services began (0: none), the CLOCK_MONOTONIC ns until
     * which the lock stays reserved for the burst's threads (extended at each of their blocking
     * releases), and whether the current holder was served promptly (set when the holder changes). */
    int64_t prompt_credit_ns;
    uint64_t prompt_stamp;
    uint64_t prompt_burst_since;
    /* When, during the current burst, a thread outside it first wanted the lock (CLOCK_MONOTONIC
     * ns; 0: nobody yet): the burst is charged from then (under `mutex`). */
    uint64_t prompt_wanted_since;
    uint64_t prompt_window_end_ns;
    int holder_prompt;
    int forced_waiters;   /* holders that dropped on request and wait for the switch, then the lock */
    int prompt_watcher;   /* an ordinary waiter watches for the reservation's end (under `mutex`) */
    /* `prompt` policy decisions, counted (MiniGIL_GetPromptStats): services granted, requests
     * refused for want of credit, bursts ended and charged, and the ns charged in all. */
    uint64_t prompt_granted, prompt_refused, prompt_bursts, prompt_charged_ns;
} MiniGIL;

extern MiniGIL _Mini_gil;

/* Creates / destroys the GIL (Mini_Initialize / Mini_Finalize). */
void _MiniGIL_Create(void);
void _MiniGIL_Destroy(void);
/* Re-creates the GIL after fork(), held by tstate. */
void _MiniGIL_ReinitAfterFork(MiniThreadState *tstate);
/* Takes the GIL for tstate (blocking) and makes it current; preserves errno. */
void _MiniGIL_Take(MiniThreadState *tstate);
/* Releases the GIL held by tstate (which stops being current); reason is a MiniGILReason. */
void _MiniGIL_Drop(MiniThreadState *tstate, int reason);
/* 1 if the GIL is currently held by anyone. */
int _MiniGIL_IsLocked(void);
/* Why t last let the GIL go (a MiniGILReason). The hot release (MiniEval_SaveThread) stores no
 * reason: every other release notes its reason with the count of explicit releases at that
 * moment, so a later count means the last release was an ordinary BEGIN_ALLOW_THREADS. */
static inline int _MiniGIL_ReleaseReason(const MiniThreadState *t) {
    if (__atomic_load_n(&t->release_mark, __ATOMIC_RELAXED) != __atomic_load_n(&t->gil.explicit_releases, __ATOMIC_RELAXED))
        return MINI_GILREASON_ALLOW_THREADS;
    return __atomic_load_n(&t->last_release, __ATOMIC_RELAXED);
}

/* Statistics plumbing (gilstats.c). */
/* _Mini_Ticks (the clock): gilclock_internal.h. */
uint64_t _Mini_TicksToNs(uint64_t ticks);
void _MiniGIL_FoldRetired(const MiniGILCounters *c);  /* add a deleted thread's counters */
void _MiniGIL_ClockInit(void);

/* Recording (gilrecord.c). Callers test the flag first (MINI_GILREC_ON / MINI_GILREC); the flag
 * has a cache line of its own, read-only while recording is off. Its word also carries a bit set
 * for the free-threaded runtime (by _MiniGIL_Create) and one set while critical sections are
 * enabled (_MiniCriticalSection_SetEnabled: the free-threaded runtime, or a test), so the GIL's
 * take and release test one word, MINI_GIL_SLOW(), for "recording, nogil attach or critical
 * sections possible", and the ordinary GIL build's fast paths test nothing else. Sections must not
 * be disabled while a thread has one open (the runtime enables them only at start-up). */
#define MINI_GILFLAG_RECORDING 1
#define MINI_GILFLAG_FREE_THREADED 2
#define MINI_GILFLAG_SECTIONS 4
typedef struct { int on; char pad[60]; } __attribute__((aligned(64))) MiniGILRecFlag;
extern MiniGILRecFlag _Mini_gilrec_flag __attribute__((visibility("hidden")));   /* read with one instruction */
#define MINI_GILREC_ON() (__atomic_load_n(&_Mini_gilrec_flag.on, __ATOMIC_RELAXED) & MINI_GILFLAG_RECORDING)
#define MINI_GIL_SLOW() __atomic_load_n(&_Mini_gilrec_flag.on, __ATOMIC_RELAXED)
/* Appends an event stamped now (_MiniGILRec_Now) / at `ticks` to t's buffer (t's thread only). */
void _MiniGILRec_Add(MiniThreadState *t, int kind, int reason, uint32_t other);
void _MiniGILRec_AddAt(MiniThreadState *t, int kind, int reason, uint32_t other, uint64_t ticks);
/* t was renamed to `name`: the recording's copy follows (the old copy is kept until the next Start). */
void _MiniGILRec_Rename(MiniThreadState *t, const char *name);
/* The recorder's fenced clock, for the contended paths: _Mini_Ticks read after an lfence (ordered
 * after the loads and stores before it). The hot paths use _Mini_Ticks itself (gilrecord.c). */
uint64_t _MiniGILRec_Now(void);
/* Internal event kinds (RESUMED_AT_ONCE, PAIR): gilclock_internal.h. */
#define MINI_GILREC(t, kind, reason, other) \
    do { if (MINI_UNLIKELY(MINI_GILREC_ON())) _MiniGILRec_Add((t), (kind), (reason), (other)); } while (0)

/* Thread-state list (threadstate.c). */
void _MiniThreadStates_Init(void);
void _MiniThreadStates_Fini(void);
/* Calls fn for every live thread state, under the list mutex. */
void _MiniThreadStates_ForEach(void (*fn)(MiniThreadState *, void *), void *arg);
/* After fork: forgets every thread state but keep. */
void _MiniThreadStates_AfterFork(MiniThreadState *keep);

/* Relaxed atomic helpers for the statistics: single writer, many readers. */
#define MINI_STAT_ADD(field, n) __atomic_store_n(&(field), __atomic_load_n(&(field), __ATOMIC_RELAXED) + (n), __ATOMIC_RELAXED)
#define MINI_STAT_GET(field) __atomic_load_n(&(field), __ATOMIC_RELAXED)
#define MINI_STAT_SET(field, v) __atomic_store_n(&(field), (v), __ATOMIC_RELAXED)

#endif
