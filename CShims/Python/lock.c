/* Python/lock.c: MiniMutex's slow paths (mini/lock.h has the fast paths and the contract).
 *
 * Locking. After the fast compare-and-swap fails, a thread spins a little (yielding the CPU each
 * time: on a loaded machine the holder may need our core to finish), because most critical
 * sections are a few hundred instructions long. Then it sets MINI_MUTEX_HAS_PARKED, so the
 * holder's unlock takes the slow path, detaches from the runtime if it is attached, and parks on
 * the mutex's address until an unlock wakes it. Woken, it re-attaches and either owns the mutex
 * already (handed off) or competes for it again.
 *
 * Unlocking. If nobody is parked, the fast path's compare-and-swap LOCKED -> 0 succeeds. Else the
 * unlocker wakes the first parked thread; under the parking lot's bucket lock it stores the new
 * byte: 0 (or HAS_PARKED if more threads stay parked) so the woken thread competes with any
 * newcomer, or, if the woken thread has waited more than MINI_MUTEX_HANDOFF_NS, LOCKED (plus
 * HAS_PARKED) with the lock handed straight to it: the "fairness after 1 ms" rule of CPython's
 * PyMutex and of WebKit's locks, which keeps barging cheap and starvation bounded.
 */
#include "gil_internal.h"
#include "parking_lot_internal.h"

#include <sched.h>
#include <time.h>

#define MINI_MUTEX_SPINS 40
#define MINI_MUTEX_HANDOFF_NS 1000000ull

typedef struct ParkEntry {
    uint64_t since_ns;   /* when the waiter parked */
    int handed_off;      /* set by the unlocker: the waiter owns the mutex on waking */
} ParkEntry;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Parks on m while its byte is v, detached from the runtime meanwhile; 1 if the lock was handed
 * to us. */
static int park_detached(MiniMutex *m, uint8_t v, ParkEntry *entry) {
    MiniThreadState *t = _Mini_tstate_current;
    if (t != NULL) _MiniGIL_Drop(t, MINI_GILREASON_BLOCKING);
    int r = _MiniParkingLot_Park(&m->_bits, v, entry);
    if (t != NULL) _MiniGIL_Take(t);
    return r == MINI_PARK_OK && entry->handed_off;
}

void _MiniMutex_LockSlow(MiniMutex *m) {
    ParkEntry entry = { .since_ns = 0, .handed_off = 0 };
    int spins = 0;
    uint8_t v = __atomic_load_n(&m->_bits, __ATOMIC_RELAXED);
    for (;;) {
        if (!(v & MINI_MUTEX_LOCKED)) {
            if (__atomic_compare_exchange_n(&m->_bits, &v, (uint8_t)(v | MINI_MUTEX_LOCKED), 0,
                                            __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
                return;
            continue;   /* v was reloaded by the failed exchange */
        }
        if (!(v & MINI_MUTEX_HAS_PARKED) && spins < MINI_MUTEX_SPINS) {
            spins++;
            sched_yield();
            v = __atomic_load_n(&m->_bits, __ATOMIC_RELAXED);
            continue;
        }
        if (!(v & MINI_MUTEX_HAS_PARKED)) {
            uint8_t want = (uint8_t)(v | MINI_MUTEX_HAS_PARKED);
            if (!__atomic_compare_exchange_n(&m->_bits, &v, want, 0, __ATOMIC_RELAXED,
                                             __ATOMIC_RELAXED))
                continue;
            v = want;
        }
        if (entry.since_ns == 0) entry.since_ns = now_ns();
        entry.handed_off = 0;
        if (park_detached(m, v, &entry)) return;   /* handed off: ours, with acquire via the bucket lock */
        v = __atomic_load_n(&m->_bits, __ATOMIC_RELAXED);
    }
}

/* Runs under the bucket lock with the first parked waiter's entry (or NULL). */
static void unpark_cb(void *arg, void *park_arg, int has_more) {
    MiniMutex *m = arg;
    ParkEntry *entry = park_arg;
    uint8_t v = has_more ? MINI_MUTEX_HAS_PARKED : 0;
    if (entry != NULL && now_ns() - entry->since_ns > MINI_MUTEX_HANDOFF_NS) {
        entry->handed_off = 1;
        v |= MINI_MUTEX_LOCKED;
    }
    __atomic_store_n(&m->_bits, v, __ATOMIC_RELEASE);
}

void _MiniMutex_UnlockSlow(MiniMutex *m) {
    uint8_t v = __atomic_load_n(&m->_bits, __ATOMIC_RELAXED);
    for (;;) {
        if (!(v & MINI_MUTEX_LOCKED))
            Mini_FatalError("MiniMutex_Unlock", "the mutex is not locked");
        if (v & MINI_MUTEX_HAS_PARKED) {
            _MiniParkingLot_Unpark(&m->_bits, unpark_cb, m);
            return;
        }
        if (__atomic_compare_exchange_n(&m->_bits, &v, 0, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
            return;
    }
}
