/* mini/gilstats.h: lock statistics, per thread and in total: how often the GIL was taken,
 * handed between threads, requested and released, and how long it was held and waited for.
 * Always on: each thread updates its own counters with plain relaxed stores and a cycle-counter
 * read, so the cost is a few nanoseconds per acquire/release. */
#ifndef MINI_GILSTATS_H
#define MINI_GILSTATS_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
typedef struct MiniGILStats {
    uint64_t acquisitions;           /* times the lock was taken */
    uint64_t switches;               /* acquisitions that took the lock from another thread */
    uint64_t drop_requests_issued;   /* waits of a full switch interval that set a drop request */
    uint64_t drop_requests_honoured; /* times a holder dropped the lock because of a request */
    uint64_t explicit_releases;      /* MiniEval_SaveThread calls (BEGIN_ALLOW_THREADS) */
    uint64_t held_ns;                /* time spent holding the lock */
    uint64_t wait_ns;                /* time spent blocked waiting for it */
    uint64_t max_wait_ns;            /* the longest single wait (over the threads summed: the
                                      * longest of any thread) */
} MiniGILStats;

/* Totals over every thread state, live and deleted, since start-up or the last reset. A holder's
 * current hold is counted up to now. Needs no GIL (figures of running threads may be a moment
 * stale). */
void MiniGIL_GetStats(MiniGILStats *out);
/* One thread's figures. */
void MiniGIL_GetThreadStats(MiniThreadState *tstate, MiniGILStats *out);
/* Zeroes all counters (call it between benchmark phases, with the GIL held). */
void MiniGIL_ResetStats(void);
/* The number of times the lock has changed hands since start-up (CPython's switch_number). */
uint64_t MiniGIL_SwitchNumber(void);
/* Writes a snapshot of the lock to file descriptor fd, for a watchdog or a hang report: who
 * holds the GIL (and for how long), whether a drop request is pending, then one line per live
 * thread state saying whether it holds the lock, waits for it (and since when), or runs without
 * it (and why it last let go). Needs no GIL and never takes it, so a hung runtime can still be
 * described; takes the thread-list mutex (not async-signal-safe). Never fails. */
void MiniGIL_DumpThreads(int fd);
/* Monotonic clock in nanoseconds, the one the statistics use. Needs no GIL. */
uint64_t Mini_MonotonicNs(void);

MINI_END_DECLS
#endif /* MINI_GILSTATS_H */
