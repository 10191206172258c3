/* Modules/threadsync.c: the higher-level synchronisation types of the threading module:
 * Condition, Event, Semaphore, BoundedSemaphore and Barrier (with BrokenBarrierError). CPython
 * writes them in Python on top of Lock; here each is a C type over a MiniStdWait, with the same
 * behaviour, messages and reprs as CPython 3.11. Every wait releases the GIL (see waitutil.c).
 *
 * Shared-state discipline: fields that waiting threads test are changed only with the object's
 * MiniStdWait mutex held (and the GIL, which every method runs under). Predicates run with the
 * mutex and without the GIL, so they read plain C fields only. */
#include "stdlib_internal.h"

#include <stdio.h>

/* Allocation shared by the types here: a zeroed instance whose MiniStdWait is initialised. */
#define SYNC_HEAD MiniObject_HEAD MiniStdWait w; int ready;
typedef struct { SYNC_HEAD } SyncObject;

static MiniObject *sync_alloc(MiniTypeObject *type) {
    SyncObject *self = (SyncObject *)MiniObject_New(type);
    if (self == NULL) return NULL;
    if (_MiniStdWait_Init(&self->w) < 0) {
        Mini_DECREF(self);
        return NULL;
    }
    self->ready = 1;
    return (MiniObject *)self;
}

/* Converts a timeout argument for a Condition-style wait: None waits without limit (-1); a
 * number <= 0 only tests (0), as CPython's Condition.wait does. 0 / -1. */
static int cond_timeout(MiniObject *obj, double *out) {
    if (_MiniStd_TimeoutArg(obj, out) < 0) return -1;
    if (obj != NULL && obj != Mini_None && *out < 0) *out = 0;
    return 0;
}

/* ===== Condition ============================================================================== */

typedef struct CondWaiter {
    struct CondWaiter *prev, *next;
    int notified;
} CondWaiter;

typedef struct {
    SYNC_HEAD
    MiniObject *lock;              /* the underlying lock (an RLock by default) */
    CondWaiter *head, *tail;       /* threads in wait(), oldest first; guarded by w.mu */
    Mini_ssize_t nwaiters;         /* guarded by w.mu */
} ConditionObject;

#define COND(op) ((ConditionObject *)op)

static MiniObject *cond_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    return sync_alloc(type);
}

/* Condition(lock=None) */
static int cond_init(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"lock", NULL};
    MiniObject *lock = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|O:Condition", keywords, &lock)) return -1;
    if (lock == Mini_None) {
        lock = MiniObject_CallNoArgs((MiniObject *)&_MiniRLock_Type);
        if (lock == NULL) return -1;
    } else {
        Mini_INCREF(lock);
    }
    Mini_SETREF(COND(op)->lock, lock);
    return 0;
}

static void cond_dealloc(MiniObject *op) {
    Mini_CLEAR(COND(op)->lock);
    if (COND(op)->ready) _MiniStdWait_Destroy(&COND(op)->w);
    MiniObject_Free(op);
}

/* The lock, or RuntimeError if __init__ never ran. */
static MiniObject *cond_lock(ConditionObject *self) {
    if (self->lock == NULL) MiniErr_SetString(MiniExc_RuntimeError, "Condition.__init__() not called");
    return self->lock;
}

static void waiter_unlink(ConditionObject *self, CondWaiter *node) {
    if (node->prev) node->prev->next = node->next; else self->head = node->next;
    if (node->next) node->next->prev = node->prev; else self->tail = node->prev;
    node->prev = node->next = NULL;
    self->nwaiters--;
}

static int waiter_notified(void *arg) { return ((CondWaiter *)arg)->notified; }

/* The body of wait(): 1 notified, 0 timed out, -1 exception. timeout as _MiniStdWait_Until. */
static int cond_wait_impl(ConditionObject *self, double timeout) {
    MiniObject *lock = cond_lock(self);
    if (lock == NULL) return -1;
    int owned = _MiniLock_IsOwned(lock);
    if (owned < 0) return -1;
    if (!owned) {
        MiniErr_SetString(MiniExc_RuntimeError, "cannot wait on un-acquired lock");
        return -1;
    }
    Mini_INCREF(lock);   /* the condition may lose its lock attribute while we wait */
    CondWaiter node = {NULL, NULL, 0};
    pthread_mutex_lock(&self->w.mu);
    node.prev = self->tail;
    if (self->tail) self->tail->next = &node; else self->head = &node;
    self->tail = &node;
    self->nwaiters++;
    pthread_mutex_unlock(&self->w.mu);

    unsigned long saved;
    if (_MiniLock_ReleaseSave(lock, &saved) < 0) {
        pthread_mutex_lock(&self->w.mu);
        if (!node.notified) waiter_unlink(self, &node);
        pthread_mutex_unlock(&self->w.mu);
        Mini_DECREF(lock);
        return -1;
    }
    int r = _MiniStdWait_Until(&self->w, waiter_notified, &node, timeout, 0);
    if (r != 1) {
        pthread_mutex_lock(&self->w.mu);
        if (!node.notified) waiter_unlink(self, &node);
        pthread_mutex_unlock(&self->w.mu);
    }
    /* Take the lock back whatever happened (an interrupt stays pending meanwhile). */
    MiniObject *exc = r < 0 ? MiniErr_GetRaisedException() : NULL;
    int restored = _MiniLock_AcquireRestore(lock, saved);
    Mini_DECREF(lock);
    if (exc != NULL) {
        if (restored < 0) Mini_DECREF(exc); else MiniErr_SetRaisedException(exc);
        return -1;
    }
    return restored < 0 ? -1 : r;
}

/* wait(timeout=None) -> bool: releases the lock, waits for notify() (GIL released), re-acquires. */
static MiniObject *cond_wait(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"timeout", NULL};
    MiniObject *t = Mini_None;
    double timeout;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|O:wait", keywords, &t)) return NULL;
    if (cond_timeout(t, &timeout) < 0) return NULL;
    int r = cond_wait_impl(COND(op), timeout);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

/* wait_for(predicate, timeout=None) -> the predicate's last result (CPython's loop). */
static MiniObject *cond_wait_for(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"predicate", "timeout", NULL};
    MiniObject *predicate, *t = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|O:wait_for", keywords, &predicate, &t))
        return NULL;
    double waittime;
    if (_MiniStd_TimeoutArg(t, &waittime) < 0) return NULL;
    int limited = t != Mini_None, have_end = 0;
    double endtime = 0;
    MiniObject *result = MiniObject_CallNoArgs(predicate);
    for (;;) {
        if (result == NULL) return NULL;
        int truth = MiniObject_IsTrue(result);
        if (truth < 0) { Mini_DECREF(result); return NULL; }
        if (truth) return result;
        if (limited) {
            if (!have_end) {
                endtime = _MiniStd_Monotonic() + waittime;
                have_end = 1;
            } else {
                waittime = endtime - _MiniStd_Monotonic();
                if (waittime <= 0) return result;
            }
        }
        if (cond_wait_impl(COND(op), limited ? (waittime > 0 ? waittime : 0) : -1) < 0) {
            Mini_DECREF(result);
            return NULL;
        }
        Mini_DECREF(result);
        result = MiniObject_CallNoArgs(predicate);
    }
}

/* Wakes up to n waiters (all when n < 0). 0 / -1 (RuntimeError if the lock is not held). */
static int cond_notify_impl(ConditionObject *self, Mini_ssize_t n) {
    MiniObject *lock = cond_lock(self);
    if (lock == NULL) return -1;
    int owned = _MiniLock_IsOwned(lock);
    if (owned < 0) return -1;
    if (!owned) {
        MiniErr_SetString(MiniExc_RuntimeError, "cannot notify on un-acquired lock");
        return -1;
    }
    pthread_mutex_lock(&self->w.mu);
    int woke = 0;
    while (self->head != NULL && (n < 0 || n-- > 0)) {
        CondWaiter *node = self->head;
        waiter_unlink(self, node);
        node->notified = 1;
        woke = 1;
    }
    if (woke) pthread_cond_broadcast(&self->w.cv);
    pthread_mutex_unlock(&self->w.mu);
    return 0;
}

/* notify(n=1) */
static MiniObject *cond_notify(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"n", NULL};
    Mini_ssize_t n = 1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|n:notify", keywords, &n)) return NULL;
    if (cond_notify_impl(COND(op), n < 0 ? 0 : n) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* notify_all() */
static MiniObject *cond_notify_all(MiniObject *op, MiniObject *unused) {
    (void)unused;
    if (cond_notify_impl(COND(op), -1) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* Calls lock.<name>(*args): acquire, release, __enter__, __exit__ delegate to the lock. */
static MiniObject *cond_delegate(ConditionObject *self, const char *name, MiniObject *args,
                                 MiniObject *kwargs) {
    MiniObject *lock = cond_lock(self);
    if (lock == NULL) return NULL;
    MiniObject *meth = MiniObject_GetAttrString(lock, name);
    if (meth == NULL) return NULL;
    MiniObject *r = MiniObject_Call(meth, args, kwargs);
    Mini_DECREF(meth);
    return r;
}

static MiniObject *cond_acquire(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    return cond_delegate(COND(op), "acquire", args, kwargs);
}
static MiniObject *cond_release(MiniObject *op, MiniObject *args) {
    return cond_delegate(COND(op), "release", args, NULL);
}
static MiniObject *cond_enter(MiniObject *op, MiniObject *args) {
    return cond_delegate(COND(op), "__enter__", args, NULL);
}
static MiniObject *cond_exit(MiniObject *op, MiniObject *args) {
    return cond_delegate(COND(op), "__exit__", args, NULL);
}
static MiniObject *cond_is_owned(MiniObject *op, MiniObject *unused) {
    (void)unused;
    MiniObject *lock = cond_lock(COND(op));
    if (lock == NULL) return NULL;
    int r = _MiniLock_IsOwned(lock);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

static MiniObject *cond_repr(MiniObject *op) {
    ConditionObject *self = COND(op);
    if (self->lock == NULL) return MiniUnicode_FromFormat("<Condition(None, 0)>");
    pthread_mutex_lock(&self->w.mu);
    Mini_ssize_t n = self->nwaiters;
    pthread_mutex_unlock(&self->w.mu);
    return MiniUnicode_FromFormat("<Condition(%R, %zd)>", self->lock, n);
}

static MiniMethodDef cond_methods[] = {
    {"wait", _MiniCFunction_CAST(cond_wait), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "wait(timeout=None) -> bool: release the lock, wait for a notify (without the GIL), re-acquire."},
    {"wait_for", _MiniCFunction_CAST(cond_wait_for), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "wait_for(predicate, timeout=None): wait until predicate() is true."},
    {"notify", _MiniCFunction_CAST(cond_notify), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "notify(n=1): wake up to n waiting threads."},
    {"notify_all", cond_notify_all, MINI_METH_NOARGS, "notify_all(): wake every waiting thread."},
    {"notifyAll", cond_notify_all, MINI_METH_NOARGS, NULL},
    {"acquire", _MiniCFunction_CAST(cond_acquire), MINI_METH_VARARGS | MINI_METH_KEYWORDS, NULL},
    {"release", cond_release, MINI_METH_VARARGS, NULL},
    {"_is_owned", cond_is_owned, MINI_METH_NOARGS, NULL},
    {"__enter__", cond_enter, MINI_METH_VARARGS, NULL},
    {"__exit__", cond_exit, MINI_METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

MiniTypeObject _MiniCondition_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "threading.Condition",
    .tp_basicsize = sizeof(ConditionObject),
    .tp_dealloc = cond_dealloc,
    .tp_repr = cond_repr,
    .tp_methods = cond_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "Condition(lock=None): a condition variable over a lock (an RLock by default).",
    .tp_new = cond_new,
    .tp_init = cond_init,
};

/* ===== Event ================================================================================== */

typedef struct {
    SYNC_HEAD
    int flag;                      /* guarded by w.mu */
} EventObject;

#define EVENT(op) ((EventObject *)op)

static MiniObject *event_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;   /* checked by event_init (a subclass's __init__ may take some) */
    return sync_alloc(type);
}

static int event_init(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    (void)op;
    if (MiniTuple_GET_SIZE(args) != 0 || (kwargs != NULL && MiniDict_Size(kwargs) != 0)) {
        MiniErr_SetString(MiniExc_TypeError, "Event.__init__() takes 1 positional argument");
        return -1;
    }
    return 0;
}

static void sync_dealloc(MiniObject *op) {
    if (((SyncObject *)op)->ready) _MiniStdWait_Destroy(&((SyncObject *)op)->w);
    MiniObject_Free(op);
}

static int event_get(EventObject *self) {
    pthread_mutex_lock(&self->w.mu);
    int v = self->flag;
    pthread_mutex_unlock(&self->w.mu);
    return v;
}

static MiniObject *event_is_set(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniBool_FromLong(event_get(EVENT(op)));
}

/* set(): raise the flag and wake every waiter. */
static MiniObject *event_set(MiniObject *op, MiniObject *unused) {
    (void)unused;
    EventObject *self = EVENT(op);
    pthread_mutex_lock(&self->w.mu);
    self->flag = 1;
    pthread_cond_broadcast(&self->w.cv);
    pthread_mutex_unlock(&self->w.mu);
    Mini_RETURN_NONE;
}

static MiniObject *event_clear(MiniObject *op, MiniObject *unused) {
    (void)unused;
    EventObject *self = EVENT(op);
    pthread_mutex_lock(&self->w.mu);
    self->flag = 0;
    pthread_mutex_unlock(&self->w.mu);
    Mini_RETURN_NONE;
}

static int event_flag_set(void *arg) { return ((EventObject *)arg)->flag; }

/* wait(timeout=None) -> bool: True once the flag is set, False on timeout. */
static MiniObject *event_wait(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"timeout", NULL};
    MiniObject *t = Mini_None;
    double timeout;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|O:wait", keywords, &t)) return NULL;
    if (cond_timeout(t, &timeout) < 0) return NULL;
    int r = _MiniStdWait_Until(&EVENT(op)->w, event_flag_set, op, timeout, 0);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

static MiniObject *event_repr(MiniObject *op) {
    return MiniUnicode_FromFormat("<%s at %p: %s>", Mini_TYPE(op)->tp_name, (void *)op,
                                  event_get(EVENT(op)) ? "set" : "unset");
}

static MiniMethodDef event_methods[] = {
    {"is_set", event_is_set, MINI_METH_NOARGS, "is_set() -> bool"},
    {"isSet", event_is_set, MINI_METH_NOARGS, NULL},
    {"set", event_set, MINI_METH_NOARGS, "set(): set the flag, waking all waiters."},
    {"clear", event_clear, MINI_METH_NOARGS, "clear(): reset the flag."},
    {"wait", _MiniCFunction_CAST(event_wait), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "wait(timeout=None) -> bool: block (without the GIL) until the flag is set."},
    {NULL, NULL, 0, NULL},
};

MiniTypeObject _MiniEvent_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "threading.Event",
    .tp_basicsize = sizeof(EventObject),
    .tp_dealloc = sync_dealloc,
    .tp_repr = event_repr,
    .tp_methods = event_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "Event(): a flag threads can wait for.",
    .tp_new = event_new,
    .tp_init = event_init,
};

/* ===== Semaphore, BoundedSemaphore ============================================================ */

typedef struct {
    SYNC_HEAD
    Mini_ssize_t value;            /* guarded by w.mu */
    Mini_ssize_t initial;          /* the bound of a BoundedSemaphore */
} SemaphoreObject;

#define SEM(op) ((SemaphoreObject *)op)

static MiniObject *sem_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    return sync_alloc(type);
}

/* Semaphore(value=1) */
static int sem_init(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"value", NULL};
    Mini_ssize_t value = 1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|n:Semaphore", keywords, &value)) return -1;
    if (value < 0) {
        MiniErr_SetString(MiniExc_ValueError, "semaphore initial value must be >= 0");
        return -1;
    }
    pthread_mutex_lock(&SEM(op)->w.mu);
    SEM(op)->value = SEM(op)->initial = value;
    pthread_mutex_unlock(&SEM(op)->w.mu);
    return 0;
}

static int sem_try_take(void *arg) {
    SemaphoreObject *self = arg;
    if (self->value <= 0) return 0;
    self->value--;
    return 1;
}

/* acquire(blocking=True, timeout=None) -> bool */
static MiniObject *sem_acquire(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"blocking", "timeout", NULL};
    int blocking = 1;
    MiniObject *t = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|pO:acquire", keywords, &blocking, &t)) return NULL;
    if (!blocking && t != Mini_None) {
        MiniErr_SetString(MiniExc_ValueError, "can't specify timeout for non-blocking acquire");
        return NULL;
    }
    double timeout;
    if (cond_timeout(t, &timeout) < 0) return NULL;
    if (!blocking) timeout = 0;
    int r = _MiniStdWait_Until(&SEM(op)->w, sem_try_take, op, timeout, 0);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

static MiniObject *sem_enter(MiniObject *op, MiniObject *unused) {
    (void)unused;
    int r = _MiniStdWait_Until(&SEM(op)->w, sem_try_take, op, -1, 0);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

/* Adds n to the count, waking waiters. 0, or -1 with ValueError (a BoundedSemaphore past its
 * initial value). */
static int sem_release_impl(SemaphoreObject *self, Mini_ssize_t n) {
    if (n < 1) {
        MiniErr_SetString(MiniExc_ValueError, "n must be one or more");
        return -1;
    }
    int bounded = MiniObject_TypeCheck((MiniObject *)self, &_MiniBoundedSemaphore_Type);
    pthread_mutex_lock(&self->w.mu);
    if (bounded && self->value + n > self->initial) {
        pthread_mutex_unlock(&self->w.mu);
        MiniErr_SetString(MiniExc_ValueError, "Semaphore released too many times");
        return -1;
    }
    self->value += n;
    if (n == 1) pthread_cond_signal(&self->w.cv); else pthread_cond_broadcast(&self->w.cv);
    pthread_mutex_unlock(&self->w.mu);
    return 0;
}

/* release(n=1) */
static MiniObject *sem_release(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"n", NULL};
    Mini_ssize_t n = 1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|n:release", keywords, &n)) return NULL;
    if (sem_release_impl(SEM(op), n) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *sem_exit(MiniObject *op, MiniObject *args) {
    (void)args;
    if (sem_release_impl(SEM(op), 1) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *sem_repr(MiniObject *op) {
    SemaphoreObject *self = SEM(op);
    pthread_mutex_lock(&self->w.mu);
    Mini_ssize_t value = self->value, initial = self->initial;
    pthread_mutex_unlock(&self->w.mu);
    if (MiniObject_TypeCheck(op, &_MiniBoundedSemaphore_Type))
        return MiniUnicode_FromFormat("<%s at %p: value=%zd/%zd>", Mini_TYPE(op)->tp_name,
                                      (void *)op, value, initial);
    return MiniUnicode_FromFormat("<%s at %p: value=%zd>", Mini_TYPE(op)->tp_name, (void *)op, value);
}

static MiniMethodDef sem_methods[] = {
    {"acquire", _MiniCFunction_CAST(sem_acquire), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "acquire(blocking=True, timeout=None) -> bool: take one unit, waiting (without the GIL) at 0."},
    {"release", _MiniCFunction_CAST(sem_release), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "release(n=1): give n units back."},
    {"__enter__", sem_enter, MINI_METH_NOARGS, NULL},
    {"__exit__", sem_exit, MINI_METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

MiniTypeObject _MiniSemaphore_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "threading.Semaphore",
    .tp_basicsize = sizeof(SemaphoreObject),
    .tp_dealloc = sync_dealloc,
    .tp_repr = sem_repr,
    .tp_methods = sem_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "Semaphore(value=1): a counter; acquire() waits while it is 0.",
    .tp_new = sem_new,
    .tp_init = sem_init,
};

MiniTypeObject _MiniBoundedSemaphore_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "threading.BoundedSemaphore",
    .tp_basicsize = sizeof(SemaphoreObject),
    .tp_dealloc = sync_dealloc,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "BoundedSemaphore(value=1): a Semaphore that refuses to go above its initial value.",
    .tp_base = &_MiniSemaphore_Type,
    .tp_new = sem_new,
    .tp_init = sem_init,
};

/* ===== Barrier ================================================================================ */

/* The states of CPython's Barrier, plus ACTION: the last party is running the action (the GIL
 * may change hands meanwhile, so newcomers must wait as they do while draining). */
enum { B_FILLING = 0, B_DRAINING = 1, B_ACTION = 2, B_RESETTING = -1, B_BROKEN = -2 };

typedef struct {
    SYNC_HEAD
    Mini_ssize_t parties;
    MiniObject *action;            /* callable or NULL */
    double timeout;                /* default for wait(); -1: none */
    int state;                     /* guarded by w.mu */
    Mini_ssize_t count;            /* threads inside wait(); guarded by w.mu */
} BarrierObject;

#define BARRIER(op) ((BarrierObject *)op)

static MiniObject *BrokenBarrierError;   /* threading.BrokenBarrierError (owned) */

static MiniObject *barrier_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    MiniObject *op = sync_alloc(type);
    if (op != NULL) BARRIER(op)->timeout = -1;
    return op;
}

/* Barrier(parties, action=None, timeout=None) */
static int barrier_init(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"parties", "action", "timeout", NULL};
    Mini_ssize_t parties;
    MiniObject *action = Mini_None, *t = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "n|OO:Barrier", keywords, &parties, &action, &t))
        return -1;
    double timeout;
    if (_MiniStd_TimeoutArg(t, &timeout) < 0) return -1;
    BarrierObject *self = BARRIER(op);
    self->parties = parties;
    self->timeout = t == Mini_None ? -1 : (timeout > 0 ? timeout : 0);
    Mini_SETREF(self->action, action == Mini_None ? NULL : Mini_NewRef(action));
    return 0;
}

static void barrier_dealloc(MiniObject *op) {
    Mini_CLEAR(BARRIER(op)->action);
    sync_dealloc(op);
}

/* Entering wait(): once the barrier is not draining, resetting or running its action, take an
 * arrival index (and, as the last party, the ACTION state) in the same step. */
typedef struct {
    BarrierObject *self;
    int broken;
    Mini_ssize_t index;
    int last;
} BarrierEntry;

static int barrier_try_enter(void *arg) {
    BarrierEntry *e = arg;
    BarrierObject *self = e->self;
    int s = self->state;
    if (s == B_DRAINING || s == B_RESETTING || s == B_ACTION) return 0;
    if (s == B_BROKEN) { e->broken = 1; return 1; }
    e->index = self->count++;
    e->last = e->index + 1 >= self->parties;
    if (e->last) self->state = B_ACTION;
    return 1;
}

static int barrier_released(void *arg) {
    int s = ((BarrierObject *)arg)->state;
    return s != B_FILLING && s != B_ACTION;
}

static void barrier_set_state(BarrierObject *self, int state) {
    pthread_mutex_lock(&self->w.mu);
    self->state = state;
    pthread_cond_broadcast(&self->w.cv);
    pthread_mutex_unlock(&self->w.mu);
}

/* Leaving wait(): the last one out of a draining or resetting barrier refills it. */
static void barrier_leave(BarrierObject *self) {
    pthread_mutex_lock(&self->w.mu);
    self->count--;
    if (self->count == 0 && (self->state == B_RESETTING || self->state == B_DRAINING)) {
        self->state = B_FILLING;
        pthread_cond_broadcast(&self->w.cv);
    }
    pthread_mutex_unlock(&self->w.mu);
}

static MiniObject *broken_error(void) {
    MiniErr_SetNone(BrokenBarrierError);
    return NULL;
}

/* wait(timeout=None) -> int: this thread's arrival index (0 .. parties-1). */
static MiniObject *barrier_wait(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"timeout", NULL};
    BarrierObject *self = BARRIER(op);
    MiniObject *t = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|O:wait", keywords, &t)) return NULL;
    double timeout = self->timeout;
    if (t != Mini_None) {
        if (_MiniStd_TimeoutArg(t, &timeout) < 0) return NULL;
        if (timeout < 0) timeout = 0;
    }
    /* Wait for a draining or resetting barrier to refill, then arrive. */
    BarrierEntry entry = {self, 0, 0, 0};
    if (_MiniStdWait_Until(&self->w, barrier_try_enter, &entry, -1, 0) < 0) return NULL;
    if (entry.broken) return broken_error();
    Mini_ssize_t index = entry.index;
    int last = entry.last;

    int failed = 0;
    if (last) {
        if (self->action != NULL) {
            MiniObject *r = MiniObject_CallNoArgs(self->action);
            if (r == NULL) failed = 1; else Mini_DECREF(r);
        }
        pthread_mutex_lock(&self->w.mu);
        if (failed) self->state = B_BROKEN;
        else if (self->state == B_ACTION) self->state = B_DRAINING;
        else if (self->state == B_BROKEN) failed = 2;   /* aborted while the action ran */
        pthread_cond_broadcast(&self->w.cv);
        pthread_mutex_unlock(&self->w.mu);
        if (failed == 2) broken_error();
    } else {
        int r = _MiniStdWait_Until(&self->w, barrier_released, self, timeout, 0);
        if (r == 0) {
            /* Timed out: break the barrier unless the last party arrived meanwhile (then, as
             * in CPython, where it holds the lock, wait for its action to finish). */
            pthread_mutex_lock(&self->w.mu);
            int timed_out = self->state == B_FILLING;
            if (timed_out) {
                self->state = B_BROKEN;
                pthread_cond_broadcast(&self->w.cv);
            }
            pthread_mutex_unlock(&self->w.mu);
            if (!timed_out) r = _MiniStdWait_Until(&self->w, barrier_released, self, -1, MINI_WAIT_NOINTR);
        }
        if (r < 0) {
            barrier_set_state(self, B_BROKEN);
            failed = 1;
        } else if (r == 0) {
            broken_error();
            failed = 1;
        } else {
            pthread_mutex_lock(&self->w.mu);
            int s = self->state;
            pthread_mutex_unlock(&self->w.mu);
            if (s < 0) { broken_error(); failed = 1; }
        }
    }
    barrier_leave(self);
    return failed ? NULL : MiniLong_FromSsize_t(index);
}

/* reset(): back to the empty state; threads waiting now get BrokenBarrierError. */
static MiniObject *barrier_reset(MiniObject *op, MiniObject *unused) {
    (void)unused;
    BarrierObject *self = BARRIER(op);
    pthread_mutex_lock(&self->w.mu);
    if (self->count > 0) {
        if (self->state == B_FILLING || self->state == B_BROKEN) self->state = B_RESETTING;
    } else {
        self->state = B_FILLING;
    }
    pthread_cond_broadcast(&self->w.cv);
    pthread_mutex_unlock(&self->w.mu);
    Mini_RETURN_NONE;
}

/* abort(): break the barrier; current and future waiters get BrokenBarrierError. */
static MiniObject *barrier_abort(MiniObject *op, MiniObject *unused) {
    (void)unused;
    barrier_set_state(BARRIER(op), B_BROKEN);
    Mini_RETURN_NONE;
}

static MiniObject *barrier_get_parties(MiniObject *op, void *closure) {
    (void)closure;
    return MiniLong_FromSsize_t(BARRIER(op)->parties);
}

static MiniObject *barrier_get_n_waiting(MiniObject *op, void *closure) {
    (void)closure;
    BarrierObject *self = BARRIER(op);
    pthread_mutex_lock(&self->w.mu);
    Mini_ssize_t n = self->state == B_FILLING ? self->count : 0;
    pthread_mutex_unlock(&self->w.mu);
    return MiniLong_FromSsize_t(n);
}

static MiniObject *barrier_get_broken(MiniObject *op, void *closure) {
    (void)closure;
    BarrierObject *self = BARRIER(op);
    pthread_mutex_lock(&self->w.mu);
    int broken = self->state == B_BROKEN;
    pthread_mutex_unlock(&self->w.mu);
    return MiniBool_FromLong(broken);
}

static MiniObject *barrier_repr(MiniObject *op) {
    BarrierObject *self = BARRIER(op);
    pthread_mutex_lock(&self->w.mu);
    int broken = self->state == B_BROKEN;
    Mini_ssize_t n = self->state == B_FILLING ? self->count : 0;
    pthread_mutex_unlock(&self->w.mu);
    if (broken) return MiniUnicode_FromFormat("<%s at %p: broken>", Mini_TYPE(op)->tp_name, (void *)op);
    return MiniUnicode_FromFormat("<%s at %p: waiters=%zd/%zd>", Mini_TYPE(op)->tp_name, (void *)op,
                                  n, self->parties);
}

static MiniMethodDef barrier_methods[] = {
    {"wait", _MiniCFunction_CAST(barrier_wait), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "wait(timeout=None) -> int: block (without the GIL) until all parties have arrived."},
    {"reset", barrier_reset, MINI_METH_NOARGS, "reset(): return the barrier to its initial state."},
    {"abort", barrier_abort, MINI_METH_NOARGS, "abort(): put the barrier in the broken state."},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef barrier_getset[] = {
    {"parties", barrier_get_parties, NULL, "the number of threads required to trip the barrier", NULL},
    {"n_waiting", barrier_get_n_waiting, NULL, "the number of threads waiting now", NULL},
    {"broken", barrier_get_broken, NULL, "True if the barrier is broken", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MiniTypeObject _MiniBarrier_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "threading.Barrier",
    .tp_basicsize = sizeof(BarrierObject),
    .tp_dealloc = barrier_dealloc,
    .tp_repr = barrier_repr,
    .tp_methods = barrier_methods,
    .tp_getset = barrier_getset,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "Barrier(parties, action=None, timeout=None): parties threads wait for each other.",
    .tp_new = barrier_new,
    .tp_init = barrier_init,
};

/* ===== the module ============================================================================= */

int _MiniThreadSync_AddToModule(MiniObject *m) {
    MiniTypeObject *types[] = {&_MiniCondition_Type, &_MiniEvent_Type, &_MiniSemaphore_Type,
                               &_MiniBoundedSemaphore_Type, &_MiniBarrier_Type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (MiniModule_AddType(m, types[i]) < 0) return -1;
    if (BrokenBarrierError == NULL) {
        BrokenBarrierError = MiniErr_NewException("threading.BrokenBarrierError", MiniExc_RuntimeError, NULL);
        if (BrokenBarrierError == NULL) return -1;
    }
    return MiniModule_AddObjectRef(m, "BrokenBarrierError", BrokenBarrierError);
}
