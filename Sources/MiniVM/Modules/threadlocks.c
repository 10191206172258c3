/* Modules/threadlocks.c: threading.Lock and threading.RLock, the two primitive locks of the
 * threading module (CPython's _thread.lock and _thread.RLock), plus the lock protocol
 * threading.Condition drives its lock with.
 *
 * A lock is a flag (and, for RLock, an owner and a depth) next to a MiniStdWait. acquire() tests
 * and takes the flag with the GIL held; only when the lock is busy does it release the GIL and
 * sleep until release() signals (or the timeout passes, or Ctrl-C on the main thread). So a thread
 * blocked on a Lock never holds the GIL, and the holder of the Lock can always run to release it.
 * Both locks work as context managers (__enter__/__exit__), which is what `with lock:` calls.
 * Messages and reprs are CPython 3.11's. */
#include "stdlib_internal.h"

#include <math.h>
#include <stdio.h>

/* threading.TIMEOUT_MAX on Linux (what CPython reports). */
#define TIMEOUT_MAX 9223372036.0

typedef struct {
    MiniObject_HEAD
    MiniStdWait w;
    int ready;                /* w initialised (tp_dealloc destroys it only then) */
    int locked;               /* guarded by w.mu */
} LockObject;

typedef struct {
    MiniObject_HEAD
    MiniStdWait w;
    int ready;                /* w initialised */
    unsigned long owner;      /* thread ident of the holder, 0 when free; guarded by w.mu */
    unsigned long count;      /* recursion depth; guarded by w.mu */
} RLockObject;

#define LOCK(op) ((LockObject *)(op))
#define RLOCK(op) ((RLockObject *)(op))

/* ----- shared: acquire()'s arguments ---------------------------------------------------------- */

/* Parses acquire(blocking=True, timeout=-1) into a timeout for _MiniStdWait_Until (-1: no limit,
 * 0: do not wait). 0 / -1 with CPython's ValueErrors. */
static int parse_acquire(MiniObject *args, MiniObject *kwargs, double *wait) {
    static char *keywords[] = {"blocking", "timeout", NULL};
    int blocking = 1;
    double timeout = -1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|pd:acquire", keywords, &blocking, &timeout))
        return -1;
    if (!blocking && timeout != -1) {
        MiniErr_SetString(MiniExc_ValueError, "can't specify a timeout for a non-blocking call");
        return -1;
    }
    if (timeout < 0 && timeout != -1) {
        MiniErr_SetString(MiniExc_ValueError, "timeout value must be positive");
        return -1;
    }
    if (timeout > TIMEOUT_MAX) {
        MiniErr_SetString(MiniExc_OverflowError, "timeout value is too large");
        return -1;
    }
    *wait = blocking ? timeout : 0.0;   /* -1: no limit; 0 (also timeout=0): one try */
    return 0;
}

/* ----- Lock ----------------------------------------------------------------------------------- */

static MiniObject *lock_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (MiniTuple_GET_SIZE(args) != 0 || (kwargs != NULL && MiniDict_Size(kwargs) != 0))
        return MiniErr_Format(MiniExc_TypeError, "Lock() takes no arguments");
    LockObject *self = (LockObject *)MiniObject_New(type);
    if (self == NULL) return NULL;
    if (_MiniStdWait_Init(&self->w) < 0) {
        Mini_DECREF(self);
        return NULL;
    }
    self->ready = 1;
    return (MiniObject *)self;
}

static void lock_dealloc(MiniObject *op) {
    if (LOCK(op)->ready) _MiniStdWait_Destroy(&LOCK(op)->w);
    MiniObject_Free(op);
}

/* Takes the lock if it is free (the predicate of a wait: w.mu held, no GIL). */
static int lock_try_take(void *arg) {
    LockObject *self = arg;
    if (self->locked) return 0;
    self->locked = 1;
    return 1;
}

/* Acquires with the given wait (see parse_acquire): 1 taken, 0 not, -1 exception. */
static int lock_acquire_impl(LockObject *self, double wait, int flags) {
    return _MiniStdWait_Until(&self->w, lock_try_take, self, wait, flags);
}

/* 0, or -1 with RuntimeError "release unlocked lock". */
static int lock_release_impl(LockObject *self) {
    pthread_mutex_lock(&self->w.mu);
    int was = self->locked;
    self->locked = 0;
    if (was) pthread_cond_signal(&self->w.cv);
    pthread_mutex_unlock(&self->w.mu);
    if (!was) {
        MiniErr_SetString(MiniExc_RuntimeError, "release unlocked lock");
        return -1;
    }
    return 0;
}

/* acquire(blocking=True, timeout=-1) -> bool */
static MiniObject *lock_acquire(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    double wait;
    if (parse_acquire(args, kwargs, &wait) < 0) return NULL;
    int r = lock_acquire_impl(LOCK(op), wait, 0);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

/* __enter__() -> True: a blocking acquire. */
static MiniObject *lock_enter(MiniObject *op, MiniObject *unused) {
    (void)unused;
    int r = lock_acquire_impl(LOCK(op), -1, 0);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

/* release() -> None */
static MiniObject *lock_release(MiniObject *op, MiniObject *unused) {
    (void)unused;
    if (lock_release_impl(LOCK(op)) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* __exit__(*exc_info) -> None: releases. */
static MiniObject *lock_exit(MiniObject *op, MiniObject *args) {
    (void)args;
    if (lock_release_impl(LOCK(op)) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* locked() -> bool */
static MiniObject *lock_locked(MiniObject *op, MiniObject *unused) {
    (void)unused;
    LockObject *self = LOCK(op);
    pthread_mutex_lock(&self->w.mu);
    int v = self->locked;
    pthread_mutex_unlock(&self->w.mu);
    return MiniBool_FromLong(v);
}

static MiniObject *lock_repr(MiniObject *op) {
    LockObject *self = LOCK(op);
    pthread_mutex_lock(&self->w.mu);
    int v = self->locked;
    pthread_mutex_unlock(&self->w.mu);
    return MiniUnicode_FromFormat("<%s %s object at %p>", v ? "locked" : "unlocked",
                                  Mini_TYPE(op)->tp_name, (void *)op);
}

static MiniMethodDef lock_methods[] = {
    {"acquire", _MiniCFunction_CAST(lock_acquire), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "acquire(blocking=True, timeout=-1) -> bool: take the lock, waiting (without the GIL) while it is held."},
    {"acquire_lock", _MiniCFunction_CAST(lock_acquire), MINI_METH_VARARGS | MINI_METH_KEYWORDS, NULL},
    {"release", lock_release, MINI_METH_NOARGS, "release(): give the lock back (any thread may)."},
    {"release_lock", lock_release, MINI_METH_NOARGS, NULL},
    {"locked", lock_locked, MINI_METH_NOARGS, "locked() -> bool"},
    {"locked_lock", lock_locked, MINI_METH_NOARGS, NULL},
    {"__enter__", lock_enter, MINI_METH_NOARGS, NULL},
    {"__exit__", lock_exit, MINI_METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

MiniTypeObject _MiniLock_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_thread.lock",
    .tp_basicsize = sizeof(LockObject),
    .tp_dealloc = lock_dealloc,
    .tp_repr = lock_repr,
    .tp_methods = lock_methods,
    .tp_doc = "A primitive lock: acquire() blocks (with the GIL released) while another thread holds it.",
    .tp_new = lock_new,
};

/* ----- RLock ---------------------------------------------------------------------------------- */

static MiniObject *rlock_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;   /* CPython's RLock() ignores its arguments too */
    RLockObject *self = (RLockObject *)MiniObject_New(type);
    if (self == NULL) return NULL;
    if (_MiniStdWait_Init(&self->w) < 0) {
        Mini_DECREF(self);
        return NULL;
    }
    self->ready = 1;
    return (MiniObject *)self;
}

static void rlock_dealloc(MiniObject *op) {
    if (RLOCK(op)->ready) _MiniStdWait_Destroy(&RLOCK(op)->w);
    MiniObject_Free(op);
}

typedef struct {
    RLockObject *lock;
    unsigned long me;
    unsigned long count;      /* the depth to install when taken */
} RLockTake;

/* Takes the RLock if it is free (predicate: w.mu held, no GIL). */
static int rlock_try_take(void *arg) {
    RLockTake *t = arg;
    if (t->lock->count != 0) return 0;
    t->lock->owner = t->me;
    t->lock->count = t->count;
    return 1;
}

/* 1 taken, 0 not, -1 exception. A re-entry by the owner just deepens the count. */
static int rlock_acquire_impl(RLockObject *self, double wait, unsigned long count, int flags) {
    unsigned long me = _MiniStd_ThreadIdent();
    pthread_mutex_lock(&self->w.mu);
    if (self->count > 0 && self->owner == me) {
        if (self->count == (unsigned long)-1) {
            pthread_mutex_unlock(&self->w.mu);
            MiniErr_SetString(MiniExc_OverflowError, "Internal lock count overflowed");
            return -1;
        }
        self->count++;
        pthread_mutex_unlock(&self->w.mu);
        return 1;
    }
    pthread_mutex_unlock(&self->w.mu);
    RLockTake t = {self, me, count};
    return _MiniStdWait_Until(&self->w, rlock_try_take, &t, wait, flags);
}

/* 0, or -1 with RuntimeError "cannot release un-acquired lock" unless the caller owns it. */
static int rlock_release_impl(RLockObject *self) {
    unsigned long me = _MiniStd_ThreadIdent();
    pthread_mutex_lock(&self->w.mu);
    if (self->count == 0 || self->owner != me) {
        pthread_mutex_unlock(&self->w.mu);
        MiniErr_SetString(MiniExc_RuntimeError, "cannot release un-acquired lock");
        return -1;
    }
    if (--self->count == 0) {
        self->owner = 0;
        pthread_cond_signal(&self->w.cv);
    }
    pthread_mutex_unlock(&self->w.mu);
    return 0;
}

static MiniObject *rlock_acquire(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    double wait;
    if (parse_acquire(args, kwargs, &wait) < 0) return NULL;
    int r = rlock_acquire_impl(RLOCK(op), wait, 1, 0);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

static MiniObject *rlock_enter(MiniObject *op, MiniObject *unused) {
    (void)unused;
    int r = rlock_acquire_impl(RLOCK(op), -1, 1, 0);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

static MiniObject *rlock_release(MiniObject *op, MiniObject *unused) {
    (void)unused;
    if (rlock_release_impl(RLOCK(op)) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *rlock_exit(MiniObject *op, MiniObject *args) {
    (void)args;
    if (rlock_release_impl(RLOCK(op)) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* _is_owned() -> bool: held by the calling thread. */
static MiniObject *rlock_is_owned_meth(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniBool_FromLong(_MiniLock_IsOwned(op));
}

static MiniObject *rlock_repr(MiniObject *op) {
    RLockObject *self = RLOCK(op);
    pthread_mutex_lock(&self->w.mu);
    unsigned long owner = self->owner, count = self->count;
    pthread_mutex_unlock(&self->w.mu);
    return MiniUnicode_FromFormat("<%s %s object owner=%lu count=%lu at %p>",
                                  count ? "locked" : "unlocked", Mini_TYPE(op)->tp_name,
                                  owner, count, (void *)op);
}

static MiniMethodDef rlock_methods[] = {
    {"acquire", _MiniCFunction_CAST(rlock_acquire), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "acquire(blocking=True, timeout=-1) -> bool: take the lock or, if the caller holds it, go one level deeper."},
    {"release", rlock_release, MINI_METH_NOARGS, "release(): one level up; frees the lock at depth 0."},
    {"_is_owned", rlock_is_owned_meth, MINI_METH_NOARGS, NULL},
    {"__enter__", rlock_enter, MINI_METH_NOARGS, NULL},
    {"__exit__", rlock_exit, MINI_METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

MiniTypeObject _MiniRLock_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_thread.RLock",
    .tp_basicsize = sizeof(RLockObject),
    .tp_dealloc = rlock_dealloc,
    .tp_repr = rlock_repr,
    .tp_methods = rlock_methods,
    .tp_doc = "A re-entrant lock: the thread holding it may acquire it again.",
    .tp_new = rlock_new,
};

/* ----- the protocol Condition uses ------------------------------------------------------------ */

int _MiniLock_IsOwned(MiniObject *lock) {
    if (Mini_TYPE(lock) == &_MiniRLock_Type) {
        RLockObject *self = RLOCK(lock);
        pthread_mutex_lock(&self->w.mu);
        int owned = self->count > 0 && self->owner == _MiniStd_ThreadIdent();
        pthread_mutex_unlock(&self->w.mu);
        return owned;
    }
    if (Mini_TYPE(lock) == &_MiniLock_Type) {
        /* As CPython's Condition._is_owned for a plain lock: "held by somebody". */
        pthread_mutex_lock(&LOCK(lock)->w.mu);
        int held = LOCK(lock)->locked;
        pthread_mutex_unlock(&LOCK(lock)->w.mu);
        return held;
    }
    if (MiniObject_HasAttrString(lock, "_is_owned")) {
        MiniObject *r = MiniObject_CallMethodObjArgs(lock, "_is_owned", NULL);
        if (r == NULL) return -1;
        int v = MiniObject_IsTrue(r);
        Mini_DECREF(r);
        return v;
    }
    /* acquire(False) then release(): the trial CPython's Condition makes. */
    MiniObject *r = MiniObject_CallMethodObjArgs(lock, "acquire", Mini_False, NULL);
    if (r == NULL) return -1;
    int got = MiniObject_IsTrue(r);
    Mini_DECREF(r);
    if (got < 0) return -1;
    if (!got) return 1;
    r = MiniObject_CallMethodObjArgs(lock, "release", NULL);
    if (r == NULL) return -1;
    Mini_DECREF(r);
    return 0;
}

int _MiniLock_ReleaseSave(MiniObject *lock, unsigned long *state) {
    *state = 0;
    if (Mini_TYPE(lock) == &_MiniRLock_Type) {
        RLockObject *self = RLOCK(lock);
        pthread_mutex_lock(&self->w.mu);
        if (self->count == 0) {
            pthread_mutex_unlock(&self->w.mu);
            MiniErr_SetString(MiniExc_RuntimeError, "cannot release un-acquired lock");
            return -1;
        }
        *state = self->count;
        self->count = 0;
        self->owner = 0;
        pthread_cond_signal(&self->w.cv);
        pthread_mutex_unlock(&self->w.mu);
        return 0;
    }
    if (Mini_TYPE(lock) == &_MiniLock_Type) return lock_release_impl(LOCK(lock));
    MiniObject *r = MiniObject_CallMethodObjArgs(lock, "release", NULL);
    if (r == NULL) return -1;
    Mini_DECREF(r);
    return 0;
}

int _MiniLock_AcquireRestore(MiniObject *lock, unsigned long state) {
    if (Mini_TYPE(lock) == &_MiniRLock_Type)
        return rlock_acquire_impl(RLOCK(lock), -1, state ? state : 1, MINI_WAIT_NOINTR) < 0 ? -1 : 0;
    if (Mini_TYPE(lock) == &_MiniLock_Type)
        return lock_acquire_impl(LOCK(lock), -1, MINI_WAIT_NOINTR) < 0 ? -1 : 0;
    MiniObject *r = MiniObject_CallMethodObjArgs(lock, "acquire", NULL);
    if (r == NULL) return -1;
    Mini_DECREF(r);
    return 0;
}

int _MiniThreadLocks_AddToModule(MiniObject *m) {
    if (MiniType_Ready(&_MiniLock_Type) < 0 || MiniType_Ready(&_MiniRLock_Type) < 0) return -1;
    if (MiniModule_AddObjectRef(m, "Lock", (MiniObject *)&_MiniLock_Type) < 0) return -1;
    if (MiniModule_AddObjectRef(m, "RLock", (MiniObject *)&_MiniRLock_Type) < 0) return -1;
    MiniObject *tmax = MiniFloat_FromDouble(TIMEOUT_MAX);
    if (tmax == NULL) return -1;
    if (MiniModule_AddObject(m, "TIMEOUT_MAX", tmax) < 0) { Mini_DECREF(tmax); return -1; }
    return 0;
}
