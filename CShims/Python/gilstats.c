/* Python/gilstats.c: the GIL's statistics and the clock they use.
 *
 * Each thread state carries counters that only its own thread writes (relaxed atomic stores, no
 * read-modify-write, no lock), so keeping them costs a few nanoseconds per acquire/release and
 * they are always on. Times are kept in ticks of the CPU's time-stamp counter where it is
 * invariant (x86-64 with CPUID 0x80000007 EDX bit 8: checked once, before main) and converted to
 * nanoseconds only when read, with a ratio measured between the runtime's start and the moment of
 * reading; elsewhere ticks are CLOCK_MONOTONIC nanoseconds (gilclock_internal.h). Deleted thread
 * states fold their counters into `retired`. */
#include "gil_internal.h"

#include <string.h>
#include <time.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

int _Mini_tsc_ok __attribute__((visibility("hidden")));

/* Before main (so no tick is ever taken with the other clock): may _Mini_Ticks read the TSC? */
__attribute__((constructor)) static void detect_invariant_tsc(void) {
#if defined(__x86_64__)
    unsigned a, b, c, d;
    if (__get_cpuid_max(0x80000000u, NULL) >= 0x80000007u && __get_cpuid(0x80000007u, &a, &b, &c, &d))
        _Mini_tsc_ok = (d >> 8) & 1;
#endif
}

static MiniGILCounters retired;                 /* guarded by retired_mutex */
static pthread_mutex_t retired_mutex = PTHREAD_MUTEX_INITIALIZER;
static uint64_t clock_base_ns, clock_base_ticks; /* set once by _MiniGIL_ClockInit */

uint64_t Mini_MonotonicNs(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void _MiniGIL_ClockInit(void) {
    if (clock_base_ns != 0) return;
    clock_base_ticks = _Mini_Ticks();
    clock_base_ns = Mini_MonotonicNs();
}

uint64_t _Mini_TicksToNs(uint64_t ticks) {
    if (!_Mini_tsc_ok) return ticks;
    uint64_t dns = Mini_MonotonicNs() - clock_base_ns;
    uint64_t dt = _Mini_Ticks() - clock_base_ticks;
    if (dns == 0 || dt == 0) return ticks;
    return (uint64_t)((long double)ticks * (long double)dns / (long double)dt);
}

static void add_counters(MiniGILCounters *sum, const MiniGILCounters *c, uint64_t now) {
    sum->acquisitions += MINI_STAT_GET(c->acquisitions);
    sum->switches += MINI_STAT_GET(c->switches);
    sum->drop_requests_issued += MINI_STAT_GET(c->drop_requests_issued);
    sum->drop_requests_honoured += MINI_STAT_GET(c->drop_requests_honoured);
    sum->explicit_releases += MINI_STAT_GET(c->explicit_releases);
    sum->held_ticks += MINI_STAT_GET(c->held_ticks);
    sum->wait_ticks += MINI_STAT_GET(c->wait_ticks);
    uint64_t longest = MINI_STAT_GET(c->max_wait_ticks);
    if (longest > sum->max_wait_ticks) sum->max_wait_ticks = longest;
    uint64_t start = MINI_STAT_GET(c->hold_start_ticks);
    if (start != 0 && now > start) sum->held_ticks += now - start;  /* the hold in progress */
}

static void to_public(const MiniGILCounters *c, MiniGILStats *out) {
    out->acquisitions = c->acquisitions;
    out->switches = c->switches;
    out->drop_requests_issued = c->drop_requests_issued;
    out->drop_requests_honoured = c->drop_requests_honoured;
    out->explicit_releases = c->explicit_releases;
    out->held_ns = _Mini_TicksToNs(c->held_ticks);
    out->wait_ns = _Mini_TicksToNs(c->wait_ticks);
    out->max_wait_ns = _Mini_TicksToNs(c->max_wait_ticks);
}

void _MiniGIL_FoldRetired(const MiniGILCounters *c) {
    pthread_mutex_lock(&retired_mutex);
    add_counters(&retired, c, 0);
    pthread_mutex_unlock(&retired_mutex);
}

struct sum_arg { MiniGILCounters sum; uint64_t now; };

static void sum_one(MiniThreadState *ts, void *arg) {
    struct sum_arg *a = arg;
    add_counters(&a->sum, &ts->gil, a->now);
}

void MiniGIL_GetStats(MiniGILStats *out) {
    struct sum_arg a;
    memset(&a, 0, sizeof a);
    a.now = _Mini_Ticks();
    pthread_mutex_lock(&retired_mutex);
    add_counters(&a.sum, &retired, 0);
    pthread_mutex_unlock(&retired_mutex);
    _MiniThreadStates_ForEach(sum_one, &a);
    to_public(&a.sum, out);
}

void MiniGIL_GetThreadStats(MiniThreadState *tstate, MiniGILStats *out) {
    MiniGILCounters sum;
    memset(&sum, 0, sizeof sum);
    if (tstate != NULL) add_counters(&sum, &tstate->gil, _Mini_Ticks());
    to_public(&sum, out);
}

static void reset_one(MiniThreadState *ts, void *arg) {
    (void)arg;
    /* Only safe while the owner is not updating: the caller holds the GIL, and the counters of
     * other threads are only written while they hold it or wait for it. A waiter's in-progress
     * wait is attributed to the period it ends in. */
    MINI_STAT_SET(ts->gil.acquisitions, 0);
    MINI_STAT_SET(ts->gil.switches, 0);
    MINI_STAT_SET(ts->gil.drop_requests_issued, 0);
    MINI_STAT_SET(ts->gil.drop_requests_honoured, 0);
    MINI_STAT_SET(ts->gil.explicit_releases, 0);
    MINI_STAT_SET(ts->gil.held_ticks, 0);
    MINI_STAT_SET(ts->gil.wait_ticks, 0);
    MINI_STAT_SET(ts->gil.max_wait_ticks, 0);
    if (MINI_STAT_GET(ts->gil.hold_start_ticks) != 0) MINI_STAT_SET(ts->gil.hold_start_ticks, _Mini_Ticks());
}

void MiniGIL_ResetStats(void) {
    pthread_mutex_lock(&retired_mutex);
    memset(&retired, 0, sizeof retired);
    pthread_mutex_unlock(&retired_mutex);
    _MiniThreadStates_ForEach(reset_one, NULL);
}
