/* Modules/futuresmodule.c: `concurrent.futures` (and its empty parent package `concurrent`):
 * Future, ThreadPoolExecutor, as_completed, wait, and the exceptions, behaving as CPython 3.11's.
 *
 * A ThreadPoolExecutor owns a work queue (a C FIFO next to a MiniStdWait) and up to max_workers
 * worker threads, which are ordinary threading.Thread objects (real OS threads with their own
 * thread states, named "ThreadPoolExecutor-0_0" ...), started lazily by submit() as CPython does:
 * a new worker only when no idle one is available. A worker waits for work with the GIL released,
 * runs fn(*args, **kwargs) with it held, and stores the result or the exception in the Future.
 * Futures are waited on (result(), as_completed, wait) with the GIL released. At interpreter exit
 * (_MiniThreading_JoinAll) every executor is told to shut down: the workers finish the queued
 * work and end, and the joining of non-daemon threads collects them.
 *
 * Locking: objects are touched only with the GIL; the queue, the future's state and the waiters'
 * counters also change under their MiniStdWait mutex so threads waiting without the GIL see them. */
#include "stdlib_internal.h"
#include "mini_vm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ----- exceptions ----------------------------------------------------------------------------- */

static MiniObject *Error, *CancelledError, *InvalidStateError, *BrokenExecutor, *BrokenThreadPool;

static int make_exceptions(void) {
    if (Error != NULL) return 0;
    Error = MiniErr_NewException("concurrent.futures._base.Error", NULL, NULL);
    CancelledError = Error ? MiniErr_NewException("concurrent.futures._base.CancelledError", Error, NULL) : NULL;
    InvalidStateError = CancelledError ? MiniErr_NewException("concurrent.futures._base.InvalidStateError", Error, NULL) : NULL;
    BrokenExecutor = InvalidStateError ? MiniErr_NewException("concurrent.futures._base.BrokenExecutor",
                                                              MiniExc_RuntimeError, NULL) : NULL;
    BrokenThreadPool = BrokenExecutor ? MiniErr_NewException("concurrent.futures.thread.BrokenThreadPool",
                                                             BrokenExecutor, NULL) : NULL;
    if (BrokenThreadPool != NULL) return 0;
    Mini_CLEAR(Error); Mini_CLEAR(CancelledError); Mini_CLEAR(InvalidStateError); Mini_CLEAR(BrokenExecutor);
    return -1;
}

/* ----- waiters: what as_completed() and wait() block on --------------------------------------- */

typedef struct FutWaiter {
    MiniStdWait w;
    int completions;               /* futures finished since installation (guarded by w.mu) */
    int exceptions;                /* of which raised (guarded by w.mu) */
    MiniObject *finished;          /* list of those futures, in completion order (waiters_mu) */
} FutWaiter;

/* ----- Future --------------------------------------------------------------------------------- */

enum { F_PENDING, F_RUNNING, F_CANCELLED, F_CANCELLED_NOTIFIED, F_FINISHED };
static const char *const state_names[] = {"PENDING", "RUNNING", "CANCELLED", "CANCELLED_AND_NOTIFIED", "FINISHED"};
static const char *const state_descriptions[] = {"pending", "running", "cancelled", "cancelled", "finished"};

typedef struct {
    MiniObject_HEAD
    MiniStdWait w;
    int ready;
    int state;                     /* guarded by w.mu, changed with the GIL */
    MiniObject *result, *exception;
    MiniObject *callbacks;         /* list or NULL */
    FutWaiter **waiters;           /* installed waiters (waiters_mu) */
    int nwaiters, capwaiters;
} FutureObject;

#define FUT(op) ((FutureObject *)(op))

static MiniTypeObject Future_Type;

static MiniObject *future_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    FutureObject *f = (FutureObject *)MiniObject_New(type);
    if (f == NULL) return NULL;
    if (_MiniStdWait_Init(&f->w) < 0) { Mini_DECREF(f); return NULL; }
    f->ready = 1;
    return (MiniObject *)f;
}

static void future_dealloc(MiniObject *op) {
    FutureObject *f = FUT(op);
    Mini_CLEAR(f->result);
    Mini_CLEAR(f->exception);
    Mini_CLEAR(f->callbacks);
    free(f->waiters);
    if (f->ready) _MiniStdWait_Destroy(&f->w);
    MiniObject_Free(op);
}

/* The cycle collector's slot (helper gc): a done-callback closing over its future is a cycle.
 * The fields change only with the GIL held, as a collection runs. */
static int future_traverse(MiniObject *op, Mini_visitproc visit, void *arg) {
    Mini_VISIT(FUT(op)->result);
    Mini_VISIT(FUT(op)->exception);
    Mini_VISIT(FUT(op)->callbacks);
    return 0;
}

static int future_state(FutureObject *f) {
    pthread_mutex_lock(&f->w.mu);
    int s = f->state;
    pthread_mutex_unlock(&f->w.mu);
    return s;
}

static void future_set_state(FutureObject *f, int state) {
    pthread_mutex_lock(&f->w.mu);
    f->state = state;
    pthread_cond_broadcast(&f->w.cv);
    pthread_mutex_unlock(&f->w.mu);
}

static int is_done_state(int s) { return s == F_CANCELLED || s == F_CANCELLED_NOTIFIED || s == F_FINISHED; }

/* The waiter bookkeeping (each future's waiters array, each waiter's `finished` list) was
 * serialised by the GIL; without it (free-threaded mode) a worker finishing a future and the
 * thread in as_completed()/wait() raced on both (a list read while another thread appended to
 * it, and a waiter removed while a worker walked the array). This mutex guards both in either
 * mode: taken before a waiter's w.mu, never held across a wait, uncontended with the GIL. */
static pthread_mutex_t waiters_mu = PTHREAD_MUTEX_INITIALIZER;

static int future_add_waiter(FutureObject *f, FutWaiter *w) {
    pthread_mutex_lock(&waiters_mu);
    if (f->nwaiters == f->capwaiters) {
        int cap = f->capwaiters ? f->capwaiters * 2 : 2;
        FutWaiter **g = realloc(f->waiters, (size_t)cap * sizeof *g);
        if (g == NULL) { pthread_mutex_unlock(&waiters_mu); MiniErr_NoMemory(); return -1; }
        f->waiters = g;
        f->capwaiters = cap;
    }
    f->waiters[f->nwaiters++] = w;
    pthread_mutex_unlock(&waiters_mu);
    return 0;
}

static void remove_waiter_locked(FutureObject *f, FutWaiter *w) {
    for (int i = 0; i < f->nwaiters; i++) {
        if (f->waiters[i] == w) {
            f->waiters[i] = f->waiters[--f->nwaiters];
            return;
        }
    }
}

static void future_remove_waiter(FutureObject *f, FutWaiter *w) {
    pthread_mutex_lock(&waiters_mu);
    remove_waiter_locked(f, w);
    pthread_mutex_unlock(&waiters_mu);
}

/* Tells the installed waiters that f finished (with an exception or not). */
static void notify_waiters(FutureObject *f, int raised) {
    pthread_mutex_lock(&waiters_mu);
    for (int i = 0; i < f->nwaiters; i++) {
        FutWaiter *w = f->waiters[i];
        if (w->finished != NULL && MiniList_Append(w->finished, (MiniObject *)f) < 0) MiniErr_Clear();
        pthread_mutex_lock(&w->w.mu);
        w->completions++;
        if (raised) w->exceptions++;
        pthread_cond_broadcast(&w->w.cv);
        pthread_mutex_unlock(&w->w.mu);
    }
    pthread_mutex_unlock(&waiters_mu);
}

/* How many futures a waiter has recorded as finished and not yet taken. */
static Mini_ssize_t finished_count(FutWaiter *w) {
    pthread_mutex_lock(&waiters_mu);
    Mini_ssize_t n = MiniList_GET_SIZE(w->finished);
    pthread_mutex_unlock(&waiters_mu);
    return n;
}

/* Calls each done-callback with the future; a failing callback is reported on stderr (as
 * CPython's logger does) and the others still run. */
static void invoke_callbacks(FutureObject *f) {
    MiniObject *cbs = f->callbacks;
    if (cbs == NULL) return;
    f->callbacks = NULL;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(cbs); i++) {
        MiniObject *r = MiniObject_CallOneArg(MiniList_GET_ITEM(cbs, i), (MiniObject *)f);
        if (r != NULL) { Mini_DECREF(r); continue; }
        MiniObject *exc = MiniErr_GetRaisedException();
        MiniObject *repr = MiniObject_Repr((MiniObject *)f);
        const char *text = repr ? MiniUnicode_AsUTF8(repr) : NULL;
        MiniErr_Clear();
        char line[512];
        int n = snprintf(line, sizeof line, "exception calling callback for %s\n", text ? text : "<Future>");
        MiniVM_Flush();
        MiniVM_Write(2, line, n < (int)sizeof line ? n : (int)sizeof line - 1);
        MiniVM_PrintException(exc);
        Mini_XDECREF(repr);
        Mini_XDECREF(exc);
    }
    Mini_DECREF(cbs);
}

/* cancel() -> bool */
static int future_cancel_impl(FutureObject *f) {
    int s = future_state(f);
    if (s == F_RUNNING || s == F_FINISHED) return 0;
    if (s == F_CANCELLED || s == F_CANCELLED_NOTIFIED) return 1;
    future_set_state(f, F_CANCELLED);
    invoke_callbacks(f);
    return 1;
}

static MiniObject *future_cancel(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniBool_FromLong(future_cancel_impl(FUT(op)));
}

static MiniObject *future_cancelled(MiniObject *op, MiniObject *unused) {
    (void)unused;
    int s = future_state(FUT(op));
    return MiniBool_FromLong(s == F_CANCELLED || s == F_CANCELLED_NOTIFIED);
}

static MiniObject *future_running(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniBool_FromLong(future_state(FUT(op)) == F_RUNNING);
}

static MiniObject *future_done(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniBool_FromLong(is_done_state(future_state(FUT(op))));
}

static int future_is_done(void *arg) { return is_done_state(((FutureObject *)arg)->state); }

/* Waits (GIL released) until f is done or timeout passes (< 0: no limit). 1 done, 0 not, -1 error. */
static int future_wait(FutureObject *f, double timeout) {
    return _MiniStdWait_Until(&f->w, future_is_done, f, timeout, 0);
}

/* Sets CancelledError / TimeoutError for a future that did not give a result. NULL. */
static MiniObject *not_finished_error(int state) {
    if (state == F_CANCELLED || state == F_CANCELLED_NOTIFIED) MiniErr_SetNone(CancelledError);
    else MiniErr_SetNone(MiniExc_TimeoutError);
    return NULL;
}

/* result(timeout) as C: the value (new reference) or NULL with the future's exception,
 * CancelledError or TimeoutError. timeout < 0: no limit. */
static MiniObject *future_result_impl(FutureObject *f, double timeout) {
    if (future_wait(f, timeout) < 0) return NULL;
    int s = future_state(f);
    if (s != F_FINISHED) return not_finished_error(s);
    if (f->exception != NULL) {
        MiniErr_SetRaisedException(Mini_NewRef(f->exception));
        return NULL;
    }
    return Mini_NewRef(f->result ? f->result : Mini_None);
}

/* A `timeout` argument for Future methods: None waits without limit; other numbers wait at most
 * that long (<= 0: only test). */
static int parse_timeout(MiniObject *args, MiniObject *kwargs, const char *fmt, double *timeout) {
    static char *keywords[] = {"timeout", NULL};
    MiniObject *t = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, fmt, keywords, &t)) return -1;
    if (_MiniStd_TimeoutArg(t, timeout) < 0) return -1;
    if (t != Mini_None && *timeout < 0) *timeout = 0;
    return 0;
}

/* result(timeout=None) */
static MiniObject *future_result(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    double timeout;
    if (parse_timeout(args, kwargs, "|O:result", &timeout) < 0) return NULL;
    return future_result_impl(FUT(op), timeout);
}

/* exception(timeout=None) */
static MiniObject *future_exception(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    double timeout;
    if (parse_timeout(args, kwargs, "|O:exception", &timeout) < 0) return NULL;
    FutureObject *f = FUT(op);
    if (future_wait(f, timeout) < 0) return NULL;
    int s = future_state(f);
    if (s != F_FINISHED) return not_finished_error(s);
    return Mini_NewRef(f->exception ? f->exception : Mini_None);
}

/* add_done_callback(fn): fn(future) when done (at once if it already is). */
static MiniObject *future_add_done_callback(MiniObject *op, MiniObject *fn) {
    FutureObject *f = FUT(op);
    if (!is_done_state(future_state(f))) {
        if (f->callbacks == NULL && (f->callbacks = MiniList_New(0)) == NULL) return NULL;
        if (MiniList_Append(f->callbacks, fn) < 0) return NULL;
        Mini_RETURN_NONE;
    }
    MiniObject *saved = f->callbacks;
    f->callbacks = MiniList_New(0);
    if (f->callbacks == NULL || MiniList_Append(f->callbacks, fn) < 0) {
        Mini_XDECREF(f->callbacks);
        f->callbacks = saved;
        return NULL;
    }
    invoke_callbacks(f);
    f->callbacks = saved;
    Mini_RETURN_NONE;
}

/* set_running_or_notify_cancel() -> bool: False for a cancelled future (its waiters are told),
 * True after moving a pending one to running. */
static int future_start_impl(FutureObject *f) {
    int s = future_state(f);
    if (s == F_CANCELLED) {
        future_set_state(f, F_CANCELLED_NOTIFIED);
        notify_waiters(f, 0);
        return 0;
    }
    if (s == F_PENDING) {
        future_set_state(f, F_RUNNING);
        return 1;
    }
    MiniErr_SetString(MiniExc_RuntimeError, "Future in unexpected state");
    return -1;
}

static MiniObject *future_set_running_or_notify_cancel(MiniObject *op, MiniObject *unused) {
    (void)unused;
    int r = future_start_impl(FUT(op));
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

/* Stores a result (value) or an exception (exc); exactly one is non-NULL, borrowed. 0 / -1
 * with InvalidStateError if the future is already done. */
static int future_finish(FutureObject *f, MiniObject *value, MiniObject *exc) {
    int s = future_state(f);
    if (s == F_CANCELLED || s == F_CANCELLED_NOTIFIED || s == F_FINISHED) {
        MiniErr_Format(InvalidStateError, "%s: %R", state_names[s], (MiniObject *)f);
        return -1;
    }
    if (value != NULL) Mini_SETREF(f->result, Mini_NewRef(value));
    else Mini_SETREF(f->exception, Mini_NewRef(exc));
    future_set_state(f, F_FINISHED);
    notify_waiters(f, exc != NULL);
    invoke_callbacks(f);
    return 0;
}

static MiniObject *future_set_result(MiniObject *op, MiniObject *value) {
    if (future_finish(FUT(op), value, NULL) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *future_set_exception(MiniObject *op, MiniObject *exc) {
    if (MiniExceptionClass_Check(exc)) {
        MiniObject *inst = MiniObject_CallNoArgs(exc);
        if (inst == NULL) return NULL;
        int r = future_finish(FUT(op), NULL, inst);
        Mini_DECREF(inst);
        if (r < 0) return NULL;
        Mini_RETURN_NONE;
    }
    if (!MiniExceptionInstance_Check(exc)) {
        MiniErr_SetString(MiniExc_TypeError, "exceptions must derive from BaseException");
        return NULL;
    }
    if (future_finish(FUT(op), NULL, exc) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *future_repr(MiniObject *op) {
    FutureObject *f = FUT(op);
    int s = future_state(f);
    const char *cls = Mini_TYPE(op)->tp_name, *dot = strrchr(cls, '.');
    if (dot != NULL) cls = dot + 1;
    if (s == F_FINISHED) {
        MiniObject *v = f->exception ? f->exception : (f->result ? f->result : Mini_None);
        const char *tn = Mini_TYPE(v)->tp_name, *tdot = strrchr(tn, '.');
        return MiniUnicode_FromFormat("<%s at %p state=%s %s %s>", cls, (void *)op, state_descriptions[s],
                                      f->exception ? "raised" : "returned", tdot ? tdot + 1 : tn);
    }
    return MiniUnicode_FromFormat("<%s at %p state=%s>", cls, (void *)op, state_descriptions[s]);
}

#define KW MINI_METH_VARARGS | MINI_METH_KEYWORDS
static MiniMethodDef future_methods[] = {
    {"cancel", future_cancel, MINI_METH_NOARGS, "cancel() -> bool: cancel unless running or done."},
    {"cancelled", future_cancelled, MINI_METH_NOARGS, NULL},
    {"running", future_running, MINI_METH_NOARGS, NULL},
    {"done", future_done, MINI_METH_NOARGS, "done() -> bool: finished or cancelled."},
    {"result", _MiniCFunction_CAST(future_result), KW,
     "result(timeout=None): the call's value (waiting without the GIL), or its exception raised."},
    {"exception", _MiniCFunction_CAST(future_exception), KW, "exception(timeout=None): the exception raised, or None."},
    {"add_done_callback", future_add_done_callback, MINI_METH_O, "add_done_callback(fn): fn(future) once done."},
    {"set_running_or_notify_cancel", future_set_running_or_notify_cancel, MINI_METH_NOARGS, NULL},
    {"set_result", future_set_result, MINI_METH_O, NULL},
    {"set_exception", future_set_exception, MINI_METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static MiniTypeObject Future_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "concurrent.futures.Future",
    .tp_basicsize = sizeof(FutureObject),
    .tp_dealloc = future_dealloc,
    .tp_repr = future_repr,
    .tp_methods = future_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = future_traverse,
    .tp_doc = "The result of a call that runs (or ran) in another thread.",
    .tp_new = future_new,
};

static int future_check(MiniObject *o) {
    if (MiniObject_TypeCheck(o, &Future_Type)) return 0;
    MiniErr_Format(MiniExc_TypeError, "expected a Future, got %.100s", Mini_TYPE(o)->tp_name);
    return -1;
}

/* ----- the work queue and its workers --------------------------------------------------------- */

typedef struct WorkItem {
    struct WorkItem *next;
    MiniObject *future, *fn, *args, *kwargs;   /* owned; kwargs may be NULL */
} WorkItem;

typedef struct PoolObject {
    MiniObject_HEAD
    MiniStdWait w;
    int ready;
    WorkItem *head, *tail;         /* the queue (guarded by w.mu; items' objects need the GIL) */
    int shutdown;                  /* workers end once the queue is empty (w.mu) */
    int idle;                      /* CPython's idle semaphore: finished work items not yet reused (w.mu) */
    MiniObject *broken;            /* str: why the pool is unusable, or NULL (GIL) */
    MiniObject *initializer, *initargs;
    struct PoolObject *prev, *next;   /* every live pool, for the exit hook (GIL) */
} PoolObject;

#define POOL(op) ((PoolObject *)(op))

static PoolObject *all_pools;

static void free_item(WorkItem *item) {
    Mini_XDECREF(item->future);
    Mini_XDECREF(item->fn);
    Mini_XDECREF(item->args);
    Mini_XDECREF(item->kwargs);
    free(item);
}

/* Removes and returns the whole queue (caller frees the items, with the GIL). */
static WorkItem *pool_drain(PoolObject *p) {
    pthread_mutex_lock(&p->w.mu);
    WorkItem *all = p->head;
    p->head = p->tail = NULL;
    pthread_mutex_unlock(&p->w.mu);
    return all;
}

static void pool_set_shutdown(PoolObject *p) {
    pthread_mutex_lock(&p->w.mu);
    p->shutdown = 1;
    pthread_cond_broadcast(&p->w.cv);
    pthread_mutex_unlock(&p->w.mu);
}

static void pool_dealloc(MiniObject *op) {
    PoolObject *p = POOL(op);
    if (p->prev) p->prev->next = p->next; else if (all_pools == p) all_pools = p->next;
    if (p->next) p->next->prev = p->prev;
    WorkItem *item = pool_drain(p);
    while (item != NULL) { WorkItem *next = item->next; free_item(item); item = next; }
    Mini_CLEAR(p->broken);
    Mini_CLEAR(p->initializer);
    Mini_CLEAR(p->initargs);
    if (p->ready) _MiniStdWait_Destroy(&p->w);
    MiniObject_Free(op);
}

/* Visits the queued items' objects; the caller holds w.mu (workers unlink items under it). */
static int pool_visit_items(PoolObject *p, Mini_visitproc visit, void *arg) {
    for (WorkItem *item = p->head; item != NULL; item = item->next) {
        Mini_VISIT(item->future);
        Mini_VISIT(item->fn);
        Mini_VISIT(item->args);
        Mini_VISIT(item->kwargs);
    }
    return 0;
}

/* The cycle collector's slots (an initializer closing over its executor is a cycle). The queue
 * is walked under w.mu, which nobody holds while waiting for the GIL, so taking it here (GIL
 * held) cannot deadlock. Clearing drops the initializer and its arguments. */
static int pool_traverse(MiniObject *op, Mini_visitproc visit, void *arg) {
    PoolObject *p = POOL(op);
    if (p->ready) {
        pthread_mutex_lock(&p->w.mu);
        int r = pool_visit_items(p, visit, arg);
        pthread_mutex_unlock(&p->w.mu);
        if (r) return r;
    }
    Mini_VISIT(p->broken);
    Mini_VISIT(p->initializer);
    Mini_VISIT(p->initargs);
    return 0;
}

static int pool_clear(MiniObject *op) {
    Mini_CLEAR(POOL(op)->initializer);
    Mini_CLEAR(POOL(op)->initargs);
    return 0;
}

static MiniTypeObject Pool_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "concurrent.futures.thread._WorkQueue",
    .tp_basicsize = sizeof(PoolObject),
    .tp_dealloc = pool_dealloc,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = pool_traverse,
    .tp_clear = pool_clear,
    .tp_doc = "A thread pool's queue of work items, shared by the executor and its workers.",
};

static PoolObject *pool_new(void) {
    PoolObject *p = (PoolObject *)MiniObject_New(&Pool_Type);
    if (p == NULL) return NULL;
    if (_MiniStdWait_Init(&p->w) < 0) { Mini_DECREF(p); return NULL; }
    p->ready = 1;
    p->next = all_pools;
    if (all_pools) all_pools->prev = p;
    all_pools = p;
    return p;
}

/* The exit hook: every pool finishes its queue, then its workers end. */
static void pools_at_exit(void) {
    for (PoolObject *p = all_pools; p != NULL; p = p->next) pool_set_shutdown(p);
}

typedef struct {
    PoolObject *pool;
    WorkItem *item;                /* what the wait took: a work item, or NULL for "stop" */
} Take;

/* Predicate of a worker's wait: take the next item, or stop once shut down with nothing left. */
static int take_work(void *arg) {
    Take *t = arg;
    PoolObject *p = t->pool;
    if (p->head != NULL) {
        t->item = p->head;
        p->head = p->head->next;
        if (p->head == NULL) p->tail = NULL;
        return 1;
    }
    if (p->shutdown) { t->item = NULL; return 1; }
    return 0;
}

/* Runs one work item (CPython's _WorkItem.run). */
static void run_item(WorkItem *item) {
    FutureObject *f = FUT(item->future);
    int go = future_start_impl(f);
    if (go <= 0) { if (go < 0) MiniErr_Clear(); return; }
    MiniObject *r = MiniObject_Call(item->fn, item->args, item->kwargs);
    if (r == NULL) {
        MiniObject *exc = MiniErr_GetRaisedException();
        if (exc != NULL && future_finish(f, NULL, exc) < 0) MiniErr_Clear();
        Mini_XDECREF(exc);
    } else {
        if (future_finish(f, r, NULL) < 0) MiniErr_Clear();
        Mini_DECREF(r);
    }
}

/* An initializer failed: the pool is broken and queued futures get BrokenThreadPool. */
static void pool_break(PoolObject *p) {
    if (p->broken == NULL)
        p->broken = MiniUnicode_FromString("A thread initializer failed, the thread pool is not usable anymore");
    if (p->broken == NULL) MiniErr_Clear();
    WorkItem *item = pool_drain(p);
    while (item != NULL) {
        WorkItem *next = item->next;
        MiniObject *exc = MiniObject_CallOneArg(BrokenThreadPool, p->broken ? p->broken : Mini_None);
        if (exc != NULL) {
            if (future_finish(FUT(item->future), NULL, exc) < 0) MiniErr_Clear();
            Mini_DECREF(exc);
        } else {
            MiniErr_Clear();
        }
        free_item(item);
        item = next;
    }
}

/* The body of a worker thread (its Thread's target; self is the pool). */
static MiniObject *pool_worker(MiniObject *self, MiniObject *unused) {
    (void)unused;
    PoolObject *p = POOL(self);
    if (p->initializer != NULL) {
        MiniObject *r = MiniObject_Call(p->initializer, p->initargs, NULL);
        if (r == NULL) {
            MiniObject *exc = MiniErr_GetRaisedException();
            MiniVM_Flush();
            MiniVM_Write(2, "Exception in initializer:\n", 26);
            MiniVM_PrintException(exc);
            Mini_XDECREF(exc);
            pool_break(p);
            Mini_RETURN_NONE;
        }
        Mini_DECREF(r);
    }
    for (;;) {
        Take t = {p, NULL};
        if (_MiniStdWait_Until(&p->w, take_work, &t, -1, 0) < 0) return NULL;
        if (t.item == NULL) break;
        run_item(t.item);
        free_item(t.item);
        pthread_mutex_lock(&p->w.mu);
        p->idle++;
        pthread_mutex_unlock(&p->w.mu);
    }
    Mini_RETURN_NONE;
}

static MiniMethodDef worker_def = {"_worker", pool_worker, MINI_METH_NOARGS, "A thread pool worker's loop."};

/* ----- ThreadPoolExecutor --------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    PoolObject *pool;
    MiniObject *threads;           /* list of the worker Thread objects */
    MiniObject *prefix;            /* str: thread names are "<prefix>_<n>" */
    Mini_ssize_t max_workers;
    int shutdown;
} ExecutorObject;

#define EXEC(op) ((ExecutorObject *)(op))

static long executor_counter;      /* the N of "ThreadPoolExecutor-N" (GIL) */

void _MiniFutures_ResetForRun(void) { executor_counter = 0; }

static MiniObject *executor_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    ExecutorObject *e = (ExecutorObject *)MiniObject_New(type);
    if (e == NULL) return NULL;
    e->pool = pool_new();
    e->threads = MiniList_New(0);
    if (e->pool == NULL || e->threads == NULL) { Mini_DECREF(e); return NULL; }
    return (MiniObject *)e;
}

/* ThreadPoolExecutor(max_workers=None, thread_name_prefix='', initializer=None, initargs=()) */
static int executor_init(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"max_workers", "thread_name_prefix", "initializer", "initargs", NULL};
    MiniObject *mw = Mini_None, *prefix = NULL, *initializer = Mini_None, *initargs = NULL;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|OOOO:ThreadPoolExecutor", keywords, &mw, &prefix,
                                       &initializer, &initargs))
        return -1;
    ExecutorObject *e = EXEC(op);
    if (mw == Mini_None) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        if (cpus < 1) cpus = 1;
        e->max_workers = cpus + 4 < 32 ? cpus + 4 : 32;
    } else {
        MiniObject *i = MiniNumber_Index(mw);
        if (i == NULL) return -1;
        e->max_workers = MiniLong_AsSsize_t(i);
        Mini_DECREF(i);
        if (e->max_workers == -1 && MiniErr_Occurred()) return -1;
        if (e->max_workers <= 0) {
            MiniErr_SetString(MiniExc_ValueError, "max_workers must be greater than 0");
            return -1;
        }
    }
    if (initializer != Mini_None && !MiniCallable_Check(initializer)) {
        MiniErr_SetString(MiniExc_TypeError, "initializer must be a callable");
        return -1;
    }
    int has_prefix = prefix != NULL && prefix != Mini_None ? MiniObject_IsTrue(prefix) : 0;
    if (has_prefix < 0) return -1;
    MiniObject *name = has_prefix ? MiniObject_Str(prefix)
                                  : MiniUnicode_FromFormat("ThreadPoolExecutor-%ld", executor_counter++);
    if (name == NULL) return -1;
    Mini_SETREF(e->prefix, name);
    PoolObject *p = e->pool;
    Mini_SETREF(p->initializer, initializer == Mini_None ? NULL : Mini_NewRef(initializer));
    MiniObject *iargs = initargs == NULL ? MiniTuple_New(0) : MiniObject_CallOneArg((MiniObject *)&MiniTuple_Type, initargs);
    if (iargs == NULL) return -1;
    Mini_SETREF(p->initargs, iargs);
    return 0;
}

static void executor_dealloc(MiniObject *op) {
    ExecutorObject *e = EXEC(op);
    /* As the weakref callback in CPython: workers of a forgotten executor end once idle. */
    if (e->pool != NULL) pool_set_shutdown(e->pool);
    Mini_CLEAR(e->pool);
    Mini_CLEAR(e->threads);
    Mini_CLEAR(e->prefix);
    MiniObject_Free(op);
}

/* The cycle collector's slot: the pool, the worker threads and the name prefix (no tp_clear:
 * the pool's breaks the cycles an executor can be part of, and the executor stays usable). */
static int executor_traverse(MiniObject *op, Mini_visitproc visit, void *arg) {
    Mini_VISIT(EXEC(op)->pool);
    Mini_VISIT(EXEC(op)->threads);
    Mini_VISIT(EXEC(op)->prefix);
    return 0;
}

static int executor_check(ExecutorObject *e) {
    if (e->prefix != NULL) return 0;
    MiniErr_SetString(MiniExc_RuntimeError, "ThreadPoolExecutor.__init__() not called");
    return -1;
}

/* Starts a worker unless an idle one can take the new item (CPython's _adjust_thread_count). */
static int adjust_thread_count(ExecutorObject *e) {
    PoolObject *p = e->pool;
    pthread_mutex_lock(&p->w.mu);
    int took_idle = p->idle > 0;
    if (took_idle) p->idle--;
    pthread_mutex_unlock(&p->w.mu);
    if (took_idle) return 0;
    Mini_ssize_t n = MiniList_GET_SIZE(e->threads);
    if (n >= e->max_workers) return 0;
    MiniObject *name = MiniUnicode_FromFormat("%U_%zd", e->prefix, n);
    MiniObject *target = name ? MiniCFunction_NewEx(&worker_def, (MiniObject *)p, NULL) : NULL;
    MiniObject *args = target ? MiniTuple_New(0) : NULL;
    MiniObject *t = args ? _MiniThreading_NewThread(target, args, NULL, name, -1) : NULL;
    Mini_XDECREF(name);
    Mini_XDECREF(target);
    Mini_XDECREF(args);
    if (t == NULL) return -1;
    int r = _MiniThreading_Start(t);
    if (r == 0) r = MiniList_Append(e->threads, t);
    Mini_DECREF(t);
    return r;
}

/* Queues fn(*args, **kwargs) (args a tuple, kwargs a dict or NULL; borrowed). New reference to
 * its Future, or NULL with RuntimeError after shutdown / BrokenThreadPool. */
static MiniObject *submit_impl(ExecutorObject *e, MiniObject *fn, MiniObject *args, MiniObject *kwargs) {
    if (executor_check(e) < 0) return NULL;
    PoolObject *p = e->pool;
    if (p->broken != NULL) {
        MiniErr_SetObject(BrokenThreadPool, p->broken);
        return NULL;
    }
    if (e->shutdown) {
        MiniErr_SetString(MiniExc_RuntimeError, "cannot schedule new futures after shutdown");
        return NULL;
    }
    if (_MiniThreading_ShuttingDown()) {
        MiniErr_SetString(MiniExc_RuntimeError, "cannot schedule new futures after interpreter shutdown");
        return NULL;
    }
    MiniObject *f = future_new(&Future_Type, NULL, NULL);
    if (f == NULL) return NULL;
    WorkItem *item = calloc(1, sizeof *item);
    if (item == NULL) { Mini_DECREF(f); return MiniErr_NoMemory(); }
    item->future = Mini_NewRef(f);
    item->fn = Mini_NewRef(fn);
    item->args = Mini_NewRef(args);
    item->kwargs = (kwargs != NULL && MiniDict_Size(kwargs) > 0) ? MiniDict_Copy(kwargs) : NULL;
    if (kwargs != NULL && MiniDict_Size(kwargs) > 0 && item->kwargs == NULL) {
        free_item(item);
        Mini_DECREF(f);
        return NULL;
    }
    pthread_mutex_lock(&p->w.mu);
    if (p->tail) p->tail->next = item; else p->head = item;
    p->tail = item;
    pthread_cond_signal(&p->w.cv);
    pthread_mutex_unlock(&p->w.mu);
    if (adjust_thread_count(e) < 0) { Mini_DECREF(f); return NULL; }
    return f;
}

/* submit(fn, /, *args, **kwargs) -> Future */
static MiniObject *executor_submit(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n < 1)
        return MiniErr_Format(MiniExc_TypeError, "submit expected at least 1 argument, got 0");
    MiniObject *rest = MiniTuple_GetSlice(args, 1, n);
    if (rest == NULL) return NULL;
    MiniObject *f = submit_impl(EXEC(op), MiniTuple_GET_ITEM(args, 0), rest, kwargs);
    Mini_DECREF(rest);
    return f;
}

/* ----- map()'s result iterator ---------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniObject *futures;           /* list, in submission order */
    Mini_ssize_t pos;
    double end_time;               /* monotonic deadline, or -1 */
} ResultIterObject;

static void cancel_from(MiniObject *futures, Mini_ssize_t pos) {
    for (Mini_ssize_t i = pos; i < MiniList_GET_SIZE(futures); i++) future_cancel_impl(FUT(MiniList_GET_ITEM(futures, i)));
}

static void resultiter_dealloc(MiniObject *op) {
    ResultIterObject *it = (ResultIterObject *)op;
    if (it->futures != NULL) {
        MiniObject *exc = MiniErr_GetRaisedException();
        cancel_from(it->futures, it->pos);
        MiniErr_Clear();
        if (exc != NULL) MiniErr_SetRaisedException(exc);
    }
    Mini_CLEAR(it->futures);
    MiniObject_Free(op);
}

static MiniObject *resultiter_self(MiniObject *op) { return Mini_NewRef(op); }

static MiniObject *resultiter_next(MiniObject *op) {
    ResultIterObject *it = (ResultIterObject *)op;
    if (it->futures == NULL || it->pos >= MiniList_GET_SIZE(it->futures)) return NULL;
    FutureObject *f = FUT(MiniList_GET_ITEM(it->futures, it->pos));
    it->pos++;
    double timeout = -1;
    if (it->end_time >= 0) {
        timeout = it->end_time - _MiniStd_Monotonic();
        if (timeout < 0) timeout = 0;
    }
    MiniObject *r = future_result_impl(f, timeout);
    if (r == NULL) {
        /* As the generator's finally clauses: cancel this one and the rest, then stop. */
        MiniObject *exc = MiniErr_GetRaisedException();
        future_cancel_impl(f);
        cancel_from(it->futures, it->pos);
        it->pos = MiniList_GET_SIZE(it->futures);
        MiniErr_Clear();
        MiniErr_SetRaisedException(exc);
    }
    return r;
}

static MiniTypeObject ResultIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "concurrent.futures._base.result_iterator",
    .tp_basicsize = sizeof(ResultIterObject),
    .tp_dealloc = resultiter_dealloc,
    .tp_iter = resultiter_self,
    .tp_iternext = resultiter_next,
    .tp_doc = "The results of Executor.map(), in order.",
};

/* map(fn, *iterables, timeout=None, chunksize=1): submits every call now, returns an iterator
 * over their results in order. */
static MiniObject *executor_map(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n < 1) return MiniErr_Format(MiniExc_TypeError, "map() missing required argument 'fn'");
    double end_time = -1;
    if (kwargs != NULL) {
        Mini_ssize_t pos = 0;
        MiniObject *k, *v;
        while (MiniDict_Next(kwargs, &pos, &k, &v)) {
            if (MiniUnicode_EqualToUTF8(k, "timeout")) {
                double t;
                if (_MiniStd_TimeoutArg(v, &t) < 0) return NULL;
                if (v != Mini_None) end_time = _MiniStd_Monotonic() + t;
            } else if (!MiniUnicode_EqualToUTF8(k, "chunksize")) {
                return MiniErr_Format(MiniExc_TypeError, "map() got an unexpected keyword argument '%U'", k);
            }
        }
    }
    MiniObject *fn = MiniTuple_GET_ITEM(args, 0);
    Mini_ssize_t niters = n - 1;
    MiniObject **iters = calloc((size_t)(niters > 0 ? niters : 1), sizeof(MiniObject *));
    MiniObject *futures = iters ? MiniList_New(0) : NULL;
    if (futures == NULL) { free(iters); return iters ? NULL : MiniErr_NoMemory(); }
    int failed = 0;
    for (Mini_ssize_t i = 0; i < niters && !failed; i++)
        if ((iters[i] = MiniObject_GetIter(MiniTuple_GET_ITEM(args, i + 1))) == NULL) failed = 1;
    while (!failed && niters > 0) {
        MiniObject *call = MiniTuple_New(niters);
        if (call == NULL) { failed = 1; break; }
        int done = 0;
        for (Mini_ssize_t i = 0; i < niters; i++) {
            MiniObject *v = MiniIter_Next(iters[i]);
            if (v == NULL) { done = 1; failed = MiniErr_Occurred() != NULL; break; }
            MiniTuple_SET_ITEM(call, i, v);
        }
        if (done) { Mini_DECREF(call); break; }
        MiniObject *f = submit_impl(EXEC(op), fn, call, NULL);
        Mini_DECREF(call);
        if (f == NULL || MiniList_Append(futures, f) < 0) failed = 1;
        Mini_XDECREF(f);
    }
    for (Mini_ssize_t i = 0; i < niters; i++) Mini_XDECREF(iters[i]);
    free(iters);
    if (failed) {
        Mini_DECREF(futures);
        return NULL;
    }
    ResultIterObject *it = (ResultIterObject *)MiniObject_New(&ResultIter_Type);
    if (it == NULL) { Mini_DECREF(futures); return NULL; }
    it->futures = futures;
    it->end_time = end_time;
    return (MiniObject *)it;
}

/* shutdown(wait=True, *, cancel_futures=False) */
static MiniObject *executor_shutdown(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"wait", "cancel_futures", NULL};
    int wait = 1, cancel = 0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|p$p:shutdown", keywords, &wait, &cancel)) return NULL;
    ExecutorObject *e = EXEC(op);
    if (executor_check(e) < 0) return NULL;
    e->shutdown = 1;
    if (cancel) {
        WorkItem *item = pool_drain(e->pool);
        while (item != NULL) {
            WorkItem *next = item->next;
            future_cancel_impl(FUT(item->future));
            free_item(item);
            item = next;
        }
    }
    pool_set_shutdown(e->pool);
    if (wait) {
        /* Join a snapshot: the list cannot grow after shutdown, but keep the threads alive. */
        MiniObject *threads = MiniList_GetSlice(e->threads, 0, MiniList_GET_SIZE(e->threads));
        if (threads == NULL) return NULL;
        for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(threads); i++) {
            if (_MiniThreading_Join(MiniList_GET_ITEM(threads, i), -1) < 0) {
                Mini_DECREF(threads);
                return NULL;
            }
        }
        Mini_DECREF(threads);
    }
    Mini_RETURN_NONE;
}

static MiniObject *executor_enter(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return Mini_NewRef(op);
}

/* __exit__(*exc_info): shutdown(wait=True); never swallows the exception. */
static MiniObject *executor_exit(MiniObject *op, MiniObject *args) {
    (void)args;
    MiniObject *empty = MiniTuple_New(0);
    if (empty == NULL) return NULL;
    MiniObject *r = executor_shutdown(op, empty, NULL);
    Mini_DECREF(empty);
    if (r == NULL) return NULL;
    Mini_DECREF(r);
    Mini_RETURN_FALSE;
}

static MiniObject *executor_get_max_workers(MiniObject *op, void *closure) {
    (void)closure;
    return MiniLong_FromSsize_t(EXEC(op)->max_workers);
}

static MiniObject *executor_get_threads(MiniObject *op, void *closure) {
    (void)closure;
    return Mini_NewRef(EXEC(op)->threads);
}

static MiniMethodDef executor_methods[] = {
    {"submit", _MiniCFunction_CAST(executor_submit), KW, "submit(fn, /, *args, **kwargs) -> Future"},
    {"map", _MiniCFunction_CAST(executor_map), KW,
     "map(fn, *iterables, timeout=None, chunksize=1): the results of fn over the iterables, in order."},
    {"shutdown", _MiniCFunction_CAST(executor_shutdown), KW,
     "shutdown(wait=True, *, cancel_futures=False): no new work; wait for the workers to end."},
    {"__enter__", executor_enter, MINI_METH_NOARGS, NULL},
    {"__exit__", executor_exit, MINI_METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef executor_getset[] = {
    {"_max_workers", executor_get_max_workers, NULL, NULL, NULL},
    {"_threads", executor_get_threads, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniTypeObject Executor_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "concurrent.futures.ThreadPoolExecutor",
    .tp_basicsize = sizeof(ExecutorObject),
    .tp_dealloc = executor_dealloc,
    .tp_methods = executor_methods,
    .tp_getset = executor_getset,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = executor_traverse,
    .tp_doc = "ThreadPoolExecutor(max_workers=None, thread_name_prefix='', initializer=None, initargs=())",
    .tp_new = executor_new,
    .tp_init = executor_init,
};

/* ----- as_completed --------------------------------------------------------------------------- */

/* The distinct futures of an iterable, in first-seen order (a list). New reference. */
static MiniObject *unique_futures(MiniObject *fs) {
    MiniObject *it = MiniObject_GetIter(fs), *item;
    if (it == NULL) return NULL;
    MiniObject *list = MiniList_New(0);
    if (list == NULL) { Mini_DECREF(it); return NULL; }
    while ((item = MiniIter_Next(it)) != NULL) {
        int dup = future_check(item) < 0 ? -1 : 0;
        for (Mini_ssize_t i = 0; dup == 0 && i < MiniList_GET_SIZE(list); i++)
            if (MiniList_GET_ITEM(list, i) == item) dup = 1;
        if (dup == 0 && MiniList_Append(list, item) < 0) dup = -1;
        Mini_DECREF(item);
        if (dup < 0) { Mini_DECREF(it); Mini_DECREF(list); return NULL; }
    }
    Mini_DECREF(it);
    if (MiniErr_Occurred()) { Mini_DECREF(list); return NULL; }
    return list;
}

typedef struct {
    MiniObject_HEAD
    FutWaiter waiter;              /* installed on every pending future */
    int waiter_ready;
    MiniObject *ready;             /* futures done at the start, to yield first */
    Mini_ssize_t ready_pos;
    MiniObject *pending;           /* futures not yet yielded, the waiter installed on each */
    Mini_ssize_t total;
    double end_time;               /* monotonic deadline or -1 */
} AsCompletedObject;

#define ASC(op) ((AsCompletedObject *)(op))

static void asc_uninstall(AsCompletedObject *a) {
    if (a->pending == NULL) return;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(a->pending); i++)
        future_remove_waiter(FUT(MiniList_GET_ITEM(a->pending, i)), &a->waiter);
}

static void asc_dealloc(MiniObject *op) {
    AsCompletedObject *a = ASC(op);
    asc_uninstall(a);
    Mini_CLEAR(a->pending);
    Mini_CLEAR(a->ready);
    Mini_CLEAR(a->waiter.finished);
    if (a->waiter_ready) _MiniStdWait_Destroy(&a->waiter.w);
    MiniObject_Free(op);
}

typedef struct { FutWaiter *w; int seen; } SeenCount;
static int more_completions(void *arg) { SeenCount *s = arg; return s->w->completions > s->seen; }

static MiniObject *asc_next(MiniObject *op) {
    AsCompletedObject *a = ASC(op);
    if (a->ready != NULL && a->ready_pos < MiniList_GET_SIZE(a->ready))
        return Mini_NewRef(MiniList_GET_ITEM(a->ready, a->ready_pos++));
    if (a->pending == NULL || MiniList_GET_SIZE(a->pending) == 0) return NULL;
    if (finished_count(&a->waiter) == 0) {
        double timeout = -1;
        if (a->end_time >= 0) {
            timeout = a->end_time - _MiniStd_Monotonic();
            if (timeout < 0) timeout = 0;
        }
        pthread_mutex_lock(&a->waiter.w.mu);
        SeenCount sc = {&a->waiter, a->waiter.completions};
        pthread_mutex_unlock(&a->waiter.w.mu);
        /* Everything counted so far is already in `finished` (both change with the GIL held). */
        int r = _MiniStdWait_Until(&a->waiter.w, more_completions, &sc, timeout, 0);
        if (r < 0) return NULL;
        if (r == 0 && finished_count(&a->waiter) == 0)
            return MiniErr_Format(MiniExc_TimeoutError, "%zd (of %zd) futures unfinished",
                                  MiniList_GET_SIZE(a->pending), a->total);
    }
    pthread_mutex_lock(&waiters_mu);
    MiniObject *f = Mini_NewRef(MiniList_GET_ITEM(a->waiter.finished, 0));
    MiniObject *rest = MiniList_GetSlice(a->waiter.finished, 1, MiniList_GET_SIZE(a->waiter.finished));
    if (rest == NULL) { pthread_mutex_unlock(&waiters_mu); Mini_DECREF(f); return NULL; }
    MiniObject *old_finished = a->waiter.finished;
    a->waiter.finished = rest;
    remove_waiter_locked(FUT(f), &a->waiter);
    pthread_mutex_unlock(&waiters_mu);
    Mini_DECREF(old_finished);
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(a->pending); i++) {
        if (MiniList_GET_ITEM(a->pending, i) == f) {
            MiniObject *before = MiniList_GetSlice(a->pending, 0, i);
            MiniObject *after = MiniList_GetSlice(a->pending, i + 1, MiniList_GET_SIZE(a->pending));
            if (before != NULL && after != NULL && MiniList_Extend(before, after) == 0) {
                Mini_SETREF(a->pending, before);
                before = NULL;
            }
            Mini_XDECREF(before);
            Mini_XDECREF(after);
            break;
        }
    }
    return f;
}

static MiniTypeObject AsCompleted_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "concurrent.futures._base.as_completed",
    .tp_basicsize = sizeof(AsCompletedObject),
    .tp_dealloc = asc_dealloc,
    .tp_iter = resultiter_self,
    .tp_iternext = asc_next,
    .tp_doc = "Futures as they complete.",
};

/* as_completed(fs, timeout=None): an iterator over the futures, finished ones first, then each
 * as it finishes; TimeoutError "N (of M) futures unfinished" past the timeout. */
static MiniObject *mod_as_completed(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *keywords[] = {"fs", "timeout", NULL};
    MiniObject *fs, *t = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|O:as_completed", keywords, &fs, &t)) return NULL;
    double timeout;
    if (_MiniStd_TimeoutArg(t, &timeout) < 0) return NULL;
    double end_time = t == Mini_None ? -1 : _MiniStd_Monotonic() + (timeout > 0 ? timeout : 0);
    MiniObject *all = unique_futures(fs);
    if (all == NULL) return NULL;
    AsCompletedObject *a = (AsCompletedObject *)MiniObject_New(&AsCompleted_Type);
    if (a == NULL) { Mini_DECREF(all); return NULL; }
    a->end_time = end_time;
    a->total = MiniList_GET_SIZE(all);
    if (_MiniStdWait_Init(&a->waiter.w) < 0) { Mini_DECREF(all); Mini_DECREF(a); return NULL; }
    a->waiter_ready = 1;
    a->ready = MiniList_New(0);
    a->pending = MiniList_New(0);
    a->waiter.finished = MiniList_New(0);
    if (a->ready == NULL || a->pending == NULL || a->waiter.finished == NULL) goto fail;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(all); i++) {
        MiniObject *f = MiniList_GET_ITEM(all, i);
        int s = future_state(FUT(f));
        if (s == F_FINISHED || s == F_CANCELLED_NOTIFIED) {
            if (MiniList_Append(a->ready, f) < 0) goto fail;
        } else {
            if (future_add_waiter(FUT(f), &a->waiter) < 0) goto fail;
            if (MiniList_Append(a->pending, f) < 0) { future_remove_waiter(FUT(f), &a->waiter); goto fail; }
        }
    }
    Mini_DECREF(all);
    return (MiniObject *)a;
fail:
    Mini_DECREF(all);
    Mini_DECREF(a);
    return NULL;
}

/* ----- wait ----------------------------------------------------------------------------------- */

static const char *const dnd_fields[] = {"done", "not_done"};
static const MiniStdStructSeqDesc dnd_desc = {"DoneAndNotDoneFutures", dnd_fields, 2};

/* A set of the list's items (the builtin set, when the interpreter has one; else the list). */
static MiniObject *as_set(MiniObject *list) {
    MiniObject *builtins = MiniVM_Builtins();
    MiniObject *set_type = builtins ? MiniDict_GetItemString(builtins, "set") : NULL;
    if (set_type == NULL) return Mini_NewRef(list);
    return MiniObject_CallOneArg(set_type, list);
}

typedef struct { FutWaiter *w; int mode; int npending; } WaitGoal;
enum { W_FIRST_COMPLETED, W_FIRST_EXCEPTION, W_ALL_COMPLETED };

static int wait_goal_met(void *arg) {
    WaitGoal *g = arg;
    if (g->mode == W_FIRST_COMPLETED) return g->w->completions > 0;
    if (g->mode == W_FIRST_EXCEPTION && g->w->exceptions > 0) return 1;
    return g->w->completions >= g->npending;
}

/* wait(fs, timeout=None, return_when=ALL_COMPLETED) -> DoneAndNotDoneFutures(done, not_done) */
static MiniObject *mod_wait(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *keywords[] = {"fs", "timeout", "return_when", NULL};
    MiniObject *fs, *t = Mini_None;
    const char *when = "ALL_COMPLETED";
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|Os:wait", keywords, &fs, &t, &when)) return NULL;
    int mode = strcmp(when, "FIRST_COMPLETED") == 0 ? W_FIRST_COMPLETED
             : strcmp(when, "FIRST_EXCEPTION") == 0 ? W_FIRST_EXCEPTION
             : strcmp(when, "ALL_COMPLETED") == 0 ? W_ALL_COMPLETED : -1;
    if (mode < 0) return MiniErr_Format(MiniExc_ValueError, "Invalid return condition: '%s'", when);
    double timeout;
    if (_MiniStd_TimeoutArg(t, &timeout) < 0) return NULL;
    if (t != Mini_None && timeout < 0) timeout = 0;
    MiniObject *all = unique_futures(fs);
    if (all == NULL) return NULL;
    MiniObject *done = MiniList_New(0), *not_done = MiniList_New(0), *result = NULL, *waited = NULL;
    FutWaiter waiter = {.completions = 0, .exceptions = 0, .finished = NULL};
    int waiter_ready = 0, installed = 0;
    if (done == NULL || not_done == NULL) goto out;
    int raised = 0;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(all); i++) {
        MiniObject *f = MiniList_GET_ITEM(all, i);
        int s = future_state(FUT(f));
        int is_done = s == F_FINISHED || s == F_CANCELLED_NOTIFIED;
        if (is_done && s == F_FINISHED && FUT(f)->exception != NULL) raised = 1;
        if (MiniList_Append(is_done ? done : not_done, f) < 0) goto out;
    }
    Mini_ssize_t npending = MiniList_GET_SIZE(not_done);
    int satisfied = npending == 0 || (mode == W_FIRST_COMPLETED && MiniList_GET_SIZE(done) > 0) ||
                    (mode == W_FIRST_EXCEPTION && raised);
    if (!satisfied) {
        if (_MiniStdWait_Init(&waiter.w) < 0) goto out;
        waiter_ready = 1;
        if ((waiter.finished = MiniList_New(0)) == NULL) goto out;
        waited = Mini_NewRef(not_done);
        for (Mini_ssize_t i = 0; i < npending; i++, installed++)
            if (future_add_waiter(FUT(MiniList_GET_ITEM(waited, i)), &waiter) < 0) goto out;
        WaitGoal goal = {&waiter, mode, (int)npending};
        if (_MiniStdWait_Until(&waiter.w, wait_goal_met, &goal, t == Mini_None ? -1 : timeout, 0) < 0) goto out;
        /* Move what finished meanwhile (recorded with the GIL, so complete now). */
        MiniObject *still = MiniList_New(0);
        if (still == NULL) goto out;
        for (Mini_ssize_t i = 0; i < npending; i++) {
            MiniObject *f = MiniList_GET_ITEM(not_done, i);
            pthread_mutex_lock(&waiters_mu);
            int finished = MiniSequence_Contains(waiter.finished, f);
            pthread_mutex_unlock(&waiters_mu);
            if (finished < 0 || MiniList_Append(finished ? done : still, f) < 0) { Mini_DECREF(still); goto out; }
        }
        Mini_SETREF(not_done, still);
    }
    MiniObject *dset = as_set(done), *nset = dset ? as_set(not_done) : NULL;
    if (nset == NULL) { Mini_XDECREF(dset); goto out; }
    result = _MiniStd_StructSeq_New(&dnd_desc, Mini_BuildValue("(NN)", dset, nset));
out:
    for (Mini_ssize_t i = 0; i < installed; i++) future_remove_waiter(FUT(MiniList_GET_ITEM(waited, i)), &waiter);
    Mini_XDECREF(waited);
    Mini_DECREF(all);
    Mini_XDECREF(done);
    Mini_XDECREF(not_done);
    Mini_XDECREF(waiter.finished);
    if (waiter_ready) _MiniStdWait_Destroy(&waiter.w);
    return result;
}

/* ----- the modules ---------------------------------------------------------------------------- */

/* Module __getattr__ (PEP 562, as CPython's concurrent/futures/__init__.py does it): the process
 * pool lives in the frozen package multiprocessing (helper beyond, issue 13) and is imported only
 * when asked for, so importing concurrent.futures never spawns or imports anything more. */
static MiniObject *mod_getattr(MiniObject *self, MiniObject *name) {
    (void)self;
    const char *n = MiniUnicode_AsUTF8(name);
    if (n == NULL) return NULL;
    if (strcmp(n, "ProcessPoolExecutor") == 0 || strcmp(n, "BrokenProcessPool") == 0) {
        MiniObject *mod = MiniImport_ImportModule("multiprocessing._executor");
        if (mod == NULL) return NULL;
        MiniObject *r = MiniObject_GetAttrString(mod, n);
        Mini_DECREF(mod);
        return r;
    }
    return MiniErr_Format(MiniExc_AttributeError, "module 'concurrent.futures' has no attribute '%s'", n);
}

static MiniMethodDef futures_functions[] = {
    {"__getattr__", mod_getattr, MINI_METH_O, "__getattr__(name): ProcessPoolExecutor, imported on first use."},
    {"as_completed", _MiniCFunction_CAST(mod_as_completed), KW,
     "as_completed(fs, timeout=None): iterate over the futures as they complete."},
    {"wait", _MiniCFunction_CAST(mod_wait), KW,
     "wait(fs, timeout=None, return_when=ALL_COMPLETED) -> (done, not_done)"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef futures_module = {
    MiniModuleDef_HEAD_INIT, "concurrent.futures",
    "Running calls in a pool of threads and collecting their results as futures.", 0, futures_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

static MiniModuleDef concurrent_module = {
    MiniModuleDef_HEAD_INIT, "concurrent", "The package concurrent.futures lives in.", 0, NULL,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the (empty) package module `concurrent`. */
MiniObject *MiniInit_concurrent(void) { return MiniModule_Create(&concurrent_module); }

/* New reference to `concurrent.futures`, or NULL with an exception. Imports `threading` (whose
 * threads the pool uses) and `concurrent` (which gets the attribute `futures`, as a package
 * does). */
MiniObject *MiniInit_futures(void) {
    MiniObject *threading = MiniImport_ImportModule("threading");
    if (threading == NULL) return NULL;
    Mini_DECREF(threading);
    MiniObject *m = MiniModule_Create(&futures_module);
    if (m == NULL) return NULL;
    if (make_exceptions() < 0) goto fail;
    if (MiniType_Ready(&Pool_Type) < 0 || MiniType_Ready(&ResultIter_Type) < 0 ||
        MiniType_Ready(&AsCompleted_Type) < 0)
        goto fail;
    if (MiniModule_AddType(m, &Future_Type) < 0 || MiniModule_AddType(m, &Executor_Type) < 0) goto fail;
    if (MiniModule_AddObjectRef(m, "Executor", (MiniObject *)&Executor_Type) < 0 ||
        MiniModule_AddObjectRef(m, "Error", Error) < 0 ||
        MiniModule_AddObjectRef(m, "CancelledError", CancelledError) < 0 ||
        MiniModule_AddObjectRef(m, "InvalidStateError", InvalidStateError) < 0 ||
        MiniModule_AddObjectRef(m, "BrokenExecutor", BrokenExecutor) < 0 ||
        MiniModule_AddObjectRef(m, "TimeoutError", MiniExc_TimeoutError) < 0 ||
        MiniModule_AddStringConstant(m, "FIRST_COMPLETED", "FIRST_COMPLETED") < 0 ||
        MiniModule_AddStringConstant(m, "FIRST_EXCEPTION", "FIRST_EXCEPTION") < 0 ||
        MiniModule_AddStringConstant(m, "ALL_COMPLETED", "ALL_COMPLETED") < 0)
        goto fail;
    if (_MiniThreading_RegisterAtExit(pools_at_exit) < 0) {
        MiniErr_SetString(MiniExc_RuntimeError, "too many exit hooks");
        goto fail;
    }
    MiniObject *parent = MiniImport_ImportModule("concurrent");
    if (parent == NULL) goto fail;
    int r = MiniObject_SetAttrString(parent, "futures", m);
    Mini_DECREF(parent);
    if (r < 0) goto fail;
    return m;
fail:
    MiniModule_ClearNamespace(m);
    Mini_DECREF(m);
    return NULL;
}
