/* Python/qsbr.c: delayed reference drops for free-threaded mode (quiescent-state-based
 * reclamation, as CPython 3.13t's Python/qsbr.c, applied to references rather than memory).
 *
 * The problem. Much of the runtime reads a container's slot and only then takes a reference:
 * LOAD_GLOBAL reads the globals dict (or its inline cache) and INCREFs the value; a type lookup
 * returns a borrowed class attribute. Under the GIL nothing can happen in between. Without it,
 * another thread may replace the slot's value and drop the last reference meanwhile, and the
 * reader's INCREF lands on freed memory.
 *
 * The remedy. Code that removes a value from a container that other threads may be reading (dict
 * values, list items) drops the container's reference with _Mini_DecRefDelayed. When other threads
 * are attached, the drop is not done at once: it is queued on the calling thread with a goal, the
 * next value of a global write sequence. Every attached thread reports, at its quiescent points
 * (eval-breaker polls while MINI_BREAKER_QSBR is set, attaching, detaching), the sequence it has
 * seen; a thread at a quiescent point holds no borrowed pointer obtained before it (readers take
 * their reference within one instruction, never across a poll). Once every attached thread has
 * reported a sequence >= the goal, the drop is done for real. Detached threads hold no borrowed
 * pointers and do not hold anything up. If no other thread is attached when the value is removed,
 * nobody can be between a read and an INCREF, and the drop happens at once (so single-threaded
 * free-threaded runs pay nothing but the test).
 *
 * Memory of a container's internal table can be reclaimed the same way (_MiniFT_FreeDelayed).
 * In GIL mode both are plain Mini_DECREF / free.
 *
 * The breaker bit. MINI_BREAKER_QSBR is one bit of the global eval breaker, so while it is set
 * every attached thread's poll (each backward jump) goes through the handler. It is needed only
 * while some attached thread has not yet reported the latest sequence, or has delayed work of its
 * own to do. A thread that queued drops and then blocked (the main thread in join() after
 * starting workers) is detached: it neither reports nor processes until it attaches again. So a
 * poll that finds nothing to do for anyone attached clears the bit (quiet_breaker), and the
 * blocked thread sets it again when it attaches with work left (_MiniQSBR_Attached). Before
 * this, two threads counting down kept entering the handler at every backward jump for the
 * whole run (perf: 40% of their cycles in the breaker's handlers). Clearing the bit can only
 * delay a drop, never make one early: the goals and the scan in _MiniQSBR_Process decide that.
 */
#include "ftmode_internal.h"
#include "gil_internal.h"

#include <stdlib.h>
#include <time.h>

#define RELAXED_LOAD(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define SEQ_LOAD(p) __atomic_load_n((p), __ATOMIC_SEQ_CST)
#define SEQ_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)

static uint64_t wr_seq = 1;            /* advanced by every delayed drop */
static int pending;                    /* threads with delayed work (atomic) */
int _MiniFT_Attached;                  /* attached thread states (free-threaded, GIL disabled) */

typedef struct { void *ptr; uint64_t goal; int is_object; } Delayed;
typedef struct { Delayed *items; Mini_ssize_t len, cap; } DelayedList;
static __attribute__((tls_model("initial-exec"))) _Thread_local DelayedList delayed;

#define PROCESS_BATCH 256

static void update_breaker(void) {
    if (SEQ_LOAD(&pending) > 0) {
        __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_QSBR, __ATOMIC_SEQ_CST);
    } else {
        __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_QSBR, __ATOMIC_SEQ_CST);
        if (SEQ_LOAD(&pending) > 0) __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_QSBR, __ATOMIC_SEQ_CST);
    }
}

void _MiniQSBR_Quiescent(MiniThreadState *tstate) {
    SEQ_STORE(&tstate->qsbr_seen, SEQ_LOAD(&wr_seq));
}

static void min_seen(MiniThreadState *t, void *arg) {
    uint64_t *m = arg;
    if (SEQ_LOAD(&t->ft_state) != 1) return;         /* detached: quiescent */
    uint64_t s = SEQ_LOAD(&t->qsbr_seen);
    if (s < *m) *m = s;
}

/* Marks the calling thread's list as (non-)empty for the other threads' scans. */
static void set_has_items(int v) {
    MiniThreadState *t = _Mini_tstate_current;
    if (t != NULL) SEQ_STORE(&t->qsbr_has_items, v);
}

typedef struct { uint64_t min; int busy; } Scan;

static void scan_one(MiniThreadState *t, void *arg) {
    Scan *s = arg;
    if (SEQ_LOAD(&t->ft_state) != 1) return;         /* detached: neither reports nor processes */
    uint64_t seen = SEQ_LOAD(&t->qsbr_seen);
    if (seen < s->min) s->min = seen;
    if (SEQ_LOAD(&t->qsbr_has_items)) s->busy = 1;
}

/* 1 when some attached thread still has to report sequence seq or has delayed work. */
static int anyone_needs_polls(uint64_t seq) {
    Scan s = { UINT64_MAX, 0 };
    _MiniThreadStates_ForEach(scan_one, &s);
    return s.busy || s.min < seq;
}

/* A poll of a thread without delayed work of its own: clears the bit when no attached thread
 * needs polls any more. After the clear it looks again (all sequentially consistent): a push
 * advances wr_seq and marks its list before it sets the bit, and an attach publishes ft_state
 * before _MiniQSBR_Attached sets it, so either the second look sees them and sets the bit back,
 * or their own set came after the clear and stands. */
static void quiet_breaker(void) {
    uint64_t seq = SEQ_LOAD(&wr_seq);
    if (anyone_needs_polls(seq)) return;
    __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_QSBR, __ATOMIC_SEQ_CST);
    uint64_t now = SEQ_LOAD(&wr_seq);
    if (now != seq || anyone_needs_polls(now))
        __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_QSBR, __ATOMIC_SEQ_CST);
}

void _MiniQSBR_Attached(MiniThreadState *tstate) {
    (void)tstate;
    if (delayed.len > 0) __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_QSBR, __ATOMIC_SEQ_CST);
}

static int push(void *ptr, int is_object) {
    DelayedList *l = &delayed;
    if (l->len == l->cap) {
        Mini_ssize_t cap = l->cap ? l->cap * 2 : 64;
        Delayed *items = realloc(l->items, (size_t)cap * sizeof *items);
        if (items == NULL) return -1;
        l->items = items;
        l->cap = cap;
    }
    uint64_t goal = __atomic_add_fetch(&wr_seq, 1, __ATOMIC_SEQ_CST);
    l->items[l->len++] = (Delayed){ ptr, goal, is_object };
    if (l->len == 1) {
        set_has_items(1);
        __atomic_fetch_add(&pending, 1, __ATOMIC_SEQ_CST);
        update_breaker();
    }
    return 0;
}

/* 1 if another thread state is attached (a reader could be between a load and its INCREF). */
static int others_attached(void) {
    return SEQ_LOAD(&_MiniFT_Attached) > (_Mini_tstate_current != NULL ? 1 : 0);
}

void _Mini_DecRefDelayed(MiniObject *op) {
    if (op == NULL) return;
    if (!_Mini_FreeThreaded || !others_attached() || push(op, 1) < 0) { Mini_DECREF(op); return; }
    if (delayed.len >= PROCESS_BATCH && _Mini_tstate_current != NULL) _MiniQSBR_Process(_Mini_tstate_current);
}

void _MiniFT_FreeDelayed(void *p) {
    if (p == NULL) return;
    if (!_Mini_FreeThreaded || !others_attached() || push(p, 0) < 0) { free(p); return; }
}

void _MiniQSBR_Process(MiniThreadState *tstate) {
    _MiniQSBR_Quiescent(tstate);
    DelayedList *l = &delayed;
    if (l->len == 0) { quiet_breaker(); return; }
    uint64_t m = UINT64_MAX;
    _MiniThreadStates_ForEach(min_seen, &m);
    /* Items are in goal order: do every one whose goal everyone has passed. */
    Mini_ssize_t done = 0;
    while (done < l->len && l->items[done].goal <= m) done++;
    if (done == 0) return;
    Delayed *batch = malloc((size_t)done * sizeof *batch);
    if (batch == NULL) return;
    for (Mini_ssize_t i = 0; i < done; i++) batch[i] = l->items[i];
    for (Mini_ssize_t i = done; i < l->len; i++) l->items[i - done] = l->items[i];
    l->len -= done;
    if (l->len == 0) {
        set_has_items(0);
        __atomic_fetch_sub(&pending, 1, __ATOMIC_SEQ_CST);
        update_breaker();
    }
    /* A DECREF may run destructors that queue more work: the list is consistent by now. */
    for (Mini_ssize_t i = 0; i < done; i++) {
        if (batch[i].is_object) Mini_DECREF((MiniObject *)batch[i].ptr);
        else free(batch[i].ptr);
    }
    free(batch);
}

/* Does every delayed item now (nobody else can hold a borrowed pointer). */
static void drain_all(void) {
    while (delayed.len > 0) {
        Delayed d = delayed.items[--delayed.len];
        if (delayed.len == 0) {
            set_has_items(0);
            __atomic_fetch_sub(&pending, 1, __ATOMIC_SEQ_CST);
            update_breaker();
        }
        if (d.is_object) Mini_DECREF((MiniObject *)d.ptr);
        else free(d.ptr);
    }
}

void _MiniQSBR_ThreadExit(MiniThreadState *tstate) {
    /* This thread will not poll again: wait for the others' quiescent points, detaching between
     * rounds so that a stop-the-world (or anything waiting on this thread) is never held up. */
    while (delayed.len > 0) {
        _MiniQSBR_Process(tstate);
        if (delayed.len == 0) break;
        if (!others_attached()) { drain_all(); break; }
        _MiniGIL_Drop(tstate, MINI_GILREASON_BLOCKING);
        struct timespec ts = { 0, 200000 };
        nanosleep(&ts, NULL);
        _MiniGIL_Take(tstate);
    }
    free(delayed.items);
    delayed.items = NULL;
    delayed.cap = 0;
}
