/* Python/brc.c: the other half of biased reference counting (refcount.c): the registry of
 * threads that count references in free-threaded mode, and the per-thread merge queues.
 *
 * When a thread drops a reference to an object it does not own and the shared count is already
 * zero, only the owner can decide whether the object is dead (its local count is its own), so the
 * object goes onto the owner's queue and the owner is told through the eval breaker (the
 * MINI_BREAKER_BRC_MERGE bit). The owner merges its queue at its next poll, and when it attaches
 * again after blocking; a thread that exits merges what is left first and unregisters, after
 * which objects it owned are merged by whichever thread queues them (CPython's Python/brc.c does
 * the same with a hash table of buckets; one mutex is enough here: queuing is rare, and the
 * registry is touched only by queuing, registration and exit).
 *
 * The merge bit is global (the eval breaker is one word, read by a public inline function), so
 * while a queue is non-empty every thread's poll reaches the handler, which then costs a load of
 * its own queue length. `pending` counts non-empty queues; the bit is cleared when it reaches
 * zero, and set again by whoever makes it non-zero. Both orders are sequentially consistent, so
 * a clear can never hide a later queue: the clearer re-reads `pending` after clearing.
 *
 * Totals: a thread's reference total and live-object count are folded into `retired_*` when it
 * unregisters; readers add the registered threads' counters to those. */
#include "ftmode_internal.h"
#include "gil_internal.h"

#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t registry_mutex = PTHREAD_MUTEX_INITIALIZER;
static MiniFTThread *registry;
static int pending;                       /* threads with a non-empty queue (registry_mutex) */
static Mini_ssize_t retired_reftotal, retired_live;
static long long merged_count;            /* objects merged through a queue (tests read it) */

long long _MiniBRC_MergedCount(void) { return __atomic_load_n(&merged_count, __ATOMIC_RELAXED); }
static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

#define RELAXED_LOAD(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define RELAXED_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)

static void unregister_locked(MiniFTThread *t) {
    if (!t->registered) return;
    if (t->prev) t->prev->next = t->next; else registry = t->next;
    if (t->next) t->next->prev = t->prev;
    t->prev = t->next = NULL;
    __atomic_fetch_add(&retired_reftotal, RELAXED_LOAD(&t->ref->reftotal), __ATOMIC_RELAXED);
    __atomic_fetch_add(&retired_live, RELAXED_LOAD(&t->live), __ATOMIC_RELAXED);
    RELAXED_STORE(&t->ref->reftotal, 0);
    RELAXED_STORE(&t->ref->tid, MINI_REF_TID_NONE);   /* later counts take the slow path again */
    RELAXED_STORE(&t->live, 0);
    t->registered = 0;
}

/* OS thread exit without _MiniFT_ThreadExit (a thread that counted without a thread state, or
 * whose state was never deleted): fold the totals. A queue left here cannot be merged safely
 * without a thread state; it is merged by the queuer's fallback path afterwards. */
static void on_os_thread_exit(void *arg) {
    MiniFTThread *t = arg;
    pthread_mutex_lock(&registry_mutex);
    unregister_locked(t);
    if (t->queue_len > 0) __atomic_fetch_sub(&pending, 1, __ATOMIC_SEQ_CST);
    MiniObject **q = t->queue;
    Mini_ssize_t n = t->queue_len;
    t->queue = NULL;
    RELAXED_STORE(&t->queue_len, 0);
    t->queue_cap = 0;
    pthread_mutex_unlock(&registry_mutex);
    /* Nobody owns these any more: give the queue's references back as a merge would, leaving
     * objects that reach zero to leak rather than run their destructors without a thread state. */
    for (Mini_ssize_t i = 0; i < n; i++) (void)_MiniRef_ExplicitMerge(q[i], -1);
    free(q);
}

static void make_exit_key(void) { pthread_key_create(&exit_key, on_os_thread_exit); }

void _MiniFT_Register(MiniFTThread *t) {
    pthread_once(&exit_key_once, make_exit_key);
    pthread_mutex_lock(&registry_mutex);
    t->ref = &_Mini_RefThis;
    RELAXED_STORE(&t->ref->tid, _MiniFT_ThreadId());
    t->prev = NULL;
    t->next = registry;
    if (registry != NULL) registry->prev = t;
    registry = t;
    t->registered = 1;
    pthread_mutex_unlock(&registry_mutex);
    pthread_setspecific(exit_key, t);
}

static void update_breaker(void) {
    if (__atomic_load_n(&pending, __ATOMIC_SEQ_CST) > 0) {
        __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_BRC_MERGE, __ATOMIC_SEQ_CST);
    } else {
        __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_BRC_MERGE, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&pending, __ATOMIC_SEQ_CST) > 0)
            __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_BRC_MERGE, __ATOMIC_SEQ_CST);
    }
}

static MiniFTThread *find_locked(uintptr_t tid) {
    for (MiniFTThread *t = registry; t != NULL; t = t->next)
        if (RELAXED_LOAD(&t->ref->tid) == tid) return t;
    return NULL;
}

static int push_locked(MiniFTThread *t, MiniObject *op) {
    if (t->queue_len == t->queue_cap) {
        Mini_ssize_t cap = t->queue_cap ? t->queue_cap * 2 : 64;
        MiniObject **q = realloc(t->queue, (size_t)cap * sizeof *q);
        if (q == NULL) return -1;
        t->queue = q;
        t->queue_cap = cap;
    }
    t->queue[t->queue_len] = op;
    RELAXED_STORE(&t->queue_len, t->queue_len + 1);   /* the owner peeks at it without the lock */
    if (t->queue_len == 1) __atomic_fetch_add(&pending, 1, __ATOMIC_SEQ_CST);
    return 0;
}

int _MiniBRC_Queue(MiniObject *op) {
    uintptr_t owner = RELAXED_LOAD(&op->ob_tid);
    pthread_mutex_lock(&registry_mutex);
    MiniFTThread *t = owner != 0 ? find_locked(owner) : NULL;
    int queued = t != NULL && push_locked(t, op) == 0;
    pthread_mutex_unlock(&registry_mutex);
    if (queued) {
        update_breaker();
        return 0;
    }
    /* The owner has exited (or memory ran out): nobody else can touch the local count. */
    return _MiniRef_ExplicitMerge(op, -1) == 0;
}

void _MiniBRC_MergeQueue(void) {
    MiniFTThread *t = &_MiniFT_this;
    if (RELAXED_LOAD(&t->queue_len) == 0) return;
    pthread_mutex_lock(&registry_mutex);
    MiniObject **q = t->queue;
    Mini_ssize_t n = t->queue_len;
    t->queue = NULL;
    RELAXED_STORE(&t->queue_len, 0);
    t->queue_cap = 0;
    if (n > 0) __atomic_fetch_sub(&pending, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&registry_mutex);
    update_breaker();
    __atomic_fetch_add(&merged_count, (long long)n, __ATOMIC_RELAXED);
    /* The queue held one reference of each object (the DECREF that queued it did not subtract). */
    for (Mini_ssize_t i = 0; i < n; i++)
        if (_MiniRef_ExplicitMerge(q[i], -1) == 0) _Mini_Dealloc(q[i]);
    free(q);
}

void _MiniFT_ThreadExit(void) {
    MiniFTThread *t = &_MiniFT_this;
    if (!t->registered) return;
    while (RELAXED_LOAD(&t->queue_len) > 0) _MiniBRC_MergeQueue();
    pthread_mutex_lock(&registry_mutex);
    unregister_locked(t);
    pthread_mutex_unlock(&registry_mutex);
}

static Mini_ssize_t sum(int live) {
    pthread_mutex_lock(&registry_mutex);
    Mini_ssize_t s = RELAXED_LOAD(live ? &retired_live : &retired_reftotal);
    for (MiniFTThread *t = registry; t != NULL; t = t->next)
        s += RELAXED_LOAD(live ? &t->live : &t->ref->reftotal);
    pthread_mutex_unlock(&registry_mutex);
    return s;
}

Mini_ssize_t _MiniFT_SumRefTotal(void) { return sum(0); }
Mini_ssize_t _MiniFT_SumLive(void) { return sum(1); }
