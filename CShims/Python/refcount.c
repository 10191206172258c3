/* Python/refcount.c: reference counting out of line: checked mode, and free-threaded mode's
 * biased reference counting, with the per-thread totals behind Mini_TotalRefCount and
 * Mini_LiveObjects.
 *
 * Two representations, one branch
 * -------------------------------
 * The kit counts references one of two ways, chosen once when the runtime starts
 * (Mini_Initialize reads the GIL setting, see ftmode.c) and fixed until it stops:
 *
 * - GIL mode: ob_refcnt is a plain integer that only the GIL holder touches. Mini_INCREF is
 *   `if (_Mini_RefSlow) slow(); else { ob_refcnt++; _Mini_RefTotal++; }`: the test of one global
 *   that never changes during a run (the branch predictor learns it at once) was already there
 *   for checked mode, so this mode costs exactly what it cost before free-threading existed.
 *
 * - Free-threaded mode (the design of CPython 3.13t, PEP 703 "biased reference counting", after
 *   Choi, Shull and Torrellas, PACT 2018). Most objects are only ever touched by the thread that
 *   made them, so that thread, the owner (ob_tid), counts in ob_ref_local with ordinary loads and
 *   stores; any other thread counts in the shared word ob_refcnt with atomic read-modify-writes.
 *   The shared word holds the count shifted left by two and two flag bits:
 *       0 (DEFAULT)  the owner still counts locally;
 *       1 (WEAKREFS) reserved (CPython's "maybe weakrefs");
 *       2 (QUEUED)   the object was handed to its owner's merge queue;
 *       3 (MERGED)   local and shared were merged into the shared word; ob_tid is 0 and every
 *                    thread, the former owner included, now counts atomically in the shared word.
 *   The true count is local + shared. Each half can reach zero on its own:
 *     * The owner's local count reaching 0: if the shared word is 0 nobody else holds a
 *       reference and the object dies at once (the common case: a temporary); otherwise the owner
 *       gives up ownership (ob_tid = 0) and sets MERGED with a compare-and-swap; if the shared
 *       count was 0 by then the object dies, else the last shared DECREF frees it.
 *     * A non-owner's DECREF finding the shared word at 0 (it drops a reference the owner made:
 *       the shared count would go negative). It cannot know whether the owner's count is also
 *       about to hit 0, so it does not decide: it sets QUEUED (without subtracting) and hands the
 *       object to the owner's queue (brc.c). The owner merges the object at its next eval-breaker
 *       poll (local + shared - 1, MERGED), freeing it if that is 0. Later DECREFs by others may
 *       take the shared count below zero meanwhile, which is fine: the merge adds it all up.
 *     * If the owner has exited, the queuing thread merges the object itself (nobody can touch
 *       the local count any more).
 *   Immortal objects (None, True, False, the small ints, the one-character strings, static types
 *   and static objects) have ob_ref_local == MINI_REF_LOCAL_IMMORTAL and are not counted at all:
 *   no write to their header, so no cache line bouncing between threads on the most shared
 *   objects of all.
 *
 * Totals without a shared counter
 * -------------------------------
 * _Mini_RefTotal and the live-object count are plain globals under the GIL. In free-threaded mode
 * a global counter would be written by every INCREF of every thread: the contended cache line
 * free-threading exists to avoid. So each thread counts in its own MiniFTThread (thread-local,
 * single writer, relaxed atomic stores so a reader's relaxed loads are not a data race), and the
 * readers sum: the GIL-mode globals, the totals of threads that have gone (folded in when a
 * thread unregisters), and every registered thread. A sum taken while other threads run is a
 * snapshot, as it always was; tests read it with the other threads finished.
 *
 * The thread id is the thread pointer (the TLS block's address, %fs:0 on x86-64, TPIDR_EL0 on
 * arm64), as CPython's _Py_ThreadId: unique among live threads and one instruction to read.
 */
#include "ftmode_internal.h"
#include "object_internal.h"
#include "refdebug_internal.h"

#include <stdlib.h>

int _Mini_RefSlow;
int _Mini_FreeThreaded;

#define RELAXED_LOAD(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define RELAXED_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define SHIFT MINI_REF_SHARED_SHIFT

__attribute__((tls_model("initial-exec"))) _Thread_local MiniFTThread _MiniFT_this;
__attribute__((tls_model("initial-exec"))) _Thread_local _MiniRefThread _Mini_RefThis = {
    MINI_REF_TID_NONE, 0 };

void _MiniRef_UpdateSlow(void) {
    RELAXED_STORE(&_Mini_RefSlow, _Mini_CheckedMode ? MINI_REFMODE_CHECKED
                                  : _Mini_FreeThreaded ? MINI_REFMODE_FT : 0);
}

/* ----- the owner test ------------------------------------------------------------------------- */

/* The calling thread's MiniFTThread, registered on first use. */
static inline MiniFTThread *this_thread(void) {
    MiniFTThread *t = &_MiniFT_this;
    if (MINI_UNLIKELY(!t->registered)) _MiniFT_Register(t);
    return t;
}

static inline void count(MiniFTThread *t, Mini_ssize_t d) {
    RELAXED_STORE(&t->ref->reftotal, t->ref->reftotal + d);
}

/* ----- INCREF / DECREF --------------------------------------------------------------------------- */

void _Mini_IncRefSlow(MiniObject *op) {
    if (_Mini_CheckedMode) _Mini_CheckRefOp(op, "Mini_INCREF");
    if (!_Mini_FreeThreaded) {
        op->ob_refcnt++;
        _Mini_RefTotal++;
        return;
    }
    uint32_t local = RELAXED_LOAD(&op->ob_ref_local);
    if (local == MINI_REF_LOCAL_IMMORTAL) return;
    MiniFTThread *t = this_thread();
    if (RELAXED_LOAD(&op->ob_tid) == t->ref->tid)
        RELAXED_STORE(&op->ob_ref_local, local + 1);
    else
        __atomic_fetch_add(&op->ob_refcnt, (Mini_ssize_t)1 << SHIFT, __ATOMIC_RELAXED);
    count(t, 1);
}

/* The owner's local count reached zero: die, or give up ownership to the shared count.
 * Returns 1 when the caller must deallocate. */
int _Mini_MergeZeroLocal(MiniObject *op) {
    Mini_ssize_t shared = __atomic_load_n(&op->ob_refcnt, __ATOMIC_ACQUIRE);
    if (shared == 0) return 1;                    /* nobody else ever held it */
    RELAXED_STORE(&op->ob_tid, (uintptr_t)0);     /* before MERGED becomes visible */
    Mini_ssize_t merged;
    do {
        merged = (shared & ~(Mini_ssize_t)MINI_REF_FLAGS_MASK) | MINI_REF_MERGED;
    } while (!__atomic_compare_exchange_n(&op->ob_refcnt, &shared, merged, 0,
                                          __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
    return merged == MINI_REF_MERGED;
}

/* A non-owner's DECREF. Returns 1 when the caller must deallocate. */
static int decref_shared(MiniObject *op) {
    Mini_ssize_t shared = RELAXED_LOAD(&op->ob_refcnt), next;
    int queue;
    do {
        queue = shared == 0 || shared == MINI_REF_WEAKREFS;
        next = queue ? MINI_REF_QUEUED : shared - ((Mini_ssize_t)1 << SHIFT);
    } while (!__atomic_compare_exchange_n(&op->ob_refcnt, &shared, next, 0,
                                          __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
    if (queue) return _MiniBRC_Queue(op);
    return next == MINI_REF_MERGED;
}

int _Mini_DecRefSlow(MiniObject *op) {
    if (_Mini_CheckedMode) {
        _Mini_CheckRefOp(op, "Mini_DECREF");
        if (Mini_REFCNT(op) <= 0) _Mini_FatalRefcount(op, "Mini_DECREF");
    }
    if (!_Mini_FreeThreaded) {
        _Mini_RefTotal--;
        return --op->ob_refcnt == 0;
    }
    uint32_t local = RELAXED_LOAD(&op->ob_ref_local);
    if (local == MINI_REF_LOCAL_IMMORTAL) return 0;
    MiniFTThread *t = this_thread();
    count(t, -1);
    if (RELAXED_LOAD(&op->ob_tid) == t->ref->tid) {
        RELAXED_STORE(&op->ob_ref_local, local - 1);
        return local == 1 ? _Mini_MergeZeroLocal(op) : 0;
    }
    return decref_shared(op);
}

Mini_ssize_t _MiniRef_ExplicitMerge(MiniObject *op, Mini_ssize_t extra) {
    Mini_ssize_t shared = RELAXED_LOAD(&op->ob_refcnt), refcnt, merged;
    do {
        refcnt = (shared >> SHIFT) + (Mini_ssize_t)RELAXED_LOAD(&op->ob_ref_local) + extra;
        merged = (Mini_ssize_t)((size_t)refcnt << SHIFT) | MINI_REF_MERGED;
    } while (!__atomic_compare_exchange_n(&op->ob_refcnt, &shared, merged, 0,
                                          __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
    RELAXED_STORE(&op->ob_ref_local, 0u);
    RELAXED_STORE(&op->ob_tid, (uintptr_t)0);
    return refcnt;
}

Mini_ssize_t _Mini_RefcntBiased(MiniObject *op) {
    uint32_t local = RELAXED_LOAD(&op->ob_ref_local);
    if (local == MINI_REF_LOCAL_IMMORTAL) return MINI_IMMORTAL_REFCNT;
    Mini_ssize_t shared = RELAXED_LOAD(&op->ob_refcnt);
    return (Mini_ssize_t)local + (shared >> SHIFT);
}

void _Mini_NewReferenceBiased(MiniObject *op) {
    MiniFTThread *t = this_thread();
    op->ob_refcnt = 0;
    op->ob_ref_local = 1;
    op->ob_tid = t->ref->tid;
    count(t, 1);
}

int _Mini_ResurrectEnd(MiniObject *op) {
    if (!_Mini_FreeThreaded) {
        _Mini_RefTotal--;
        return --op->ob_refcnt == 0;
    }
    return _Mini_DecRefSlow(op);
}

/* ----- per-thread totals ---------------------------------------------------------------------- */

void _MiniFT_AddRefTotal(Mini_ssize_t d) { count(this_thread(), d); }

void _Mini_LiveObjectsAddSlow(Mini_ssize_t d) {
    MiniFTThread *t = this_thread();
    RELAXED_STORE(&t->live, t->live + d);
}
