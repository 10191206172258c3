/* Modules/threadingmodule.c: the `threading` module: Thread and the module functions
 * (current_thread, main_thread, active_count, enumerate, get_ident, get_native_id), plus the
 * interpreter's shut-down hook _MiniThreading_JoinAll. The locks and the other synchronisation
 * types live in threadlocks.c and threadsync.c and are added to this module at import.
 *
 * Thread.start() starts a real OS thread (pthread) with its own Mini thread state, exactly as
 * CPython does: the new thread takes the GIL (MiniEval_AcquireThread), registers itself, tells
 * start() it is running, calls self.run() (which calls target(*args, **kwargs)), prints an
 * uncaught exception the way threading.excepthook does, and finally deletes its thread state,
 * which releases the GIL. start() waits for the "running" signal with the GIL released, so once
 * it returns the thread is alive and, as in CPython, has usually run a little already.
 *
 * What outlives the Thread object: a ThreadCore (malloc'ed, reference-counted by the object and by
 * the running OS thread) holds the "started"/"finished" flags that join() waits on. "finished" is
 * set only after the thread state is gone, so a joined thread no longer touches the runtime: after
 * _MiniThreading_JoinAll, Mini_Finalize is safe. Threads are created detached; join() is a wait on
 * the core, which also gives join(timeout) for free. */
#include "stdlib_internal.h"
#include "mini_vm.h"
#include "tstate_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* ----- ThreadCore: the part of a thread that outlives its Python object ----------------------- */

typedef struct ThreadCore {
    MiniStdWait w;
    int started, finished;          /* guarded by w.mu */
    int refs;                       /* atomic: the Thread object + the running OS thread */
    int daemon;                     /* fixed at start() */
    int listed;                     /* in the running list (guarded by cores_mu) */
    struct ThreadCore *prev, *next; /* the running list, guarded by cores_mu */
} ThreadCore;

/* Cores of threads started and not yet finished: what _MiniThreading_JoinAll waits for. */
static pthread_mutex_t cores_mu = PTHREAD_MUTEX_INITIALIZER;
static ThreadCore *cores_head;

static ThreadCore *core_new(void) {
    ThreadCore *c = calloc(1, sizeof *c);
    if (c == NULL) { MiniErr_NoMemory(); return NULL; }
    if (_MiniStdWait_Init(&c->w) < 0) { free(c); return NULL; }
    c->refs = 1;
    return c;
}

static void core_incref(ThreadCore *c) { __atomic_add_fetch(&c->refs, 1, __ATOMIC_RELAXED); }

static void core_decref(ThreadCore *c) {
    if (__atomic_sub_fetch(&c->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        _MiniStdWait_Destroy(&c->w);
        free(c);
    }
}

static void cores_link(ThreadCore *c) {
    pthread_mutex_lock(&cores_mu);
    c->prev = NULL;
    c->next = cores_head;
    if (cores_head) cores_head->prev = c;
    cores_head = c;
    c->listed = 1;
    pthread_mutex_unlock(&cores_mu);
}

static void cores_unlink(ThreadCore *c) {
    pthread_mutex_lock(&cores_mu);
    if (c->listed) {
        if (c->prev) c->prev->next = c->next; else cores_head = c->next;
        if (c->next) c->next->prev = c->prev;
        c->prev = c->next = NULL;
        c->listed = 0;
    }
    pthread_mutex_unlock(&cores_mu);
}

static int core_is_started(void *arg) { return ((ThreadCore *)arg)->started; }
static int core_is_finished(void *arg) { return ((ThreadCore *)arg)->finished; }

static int core_get(ThreadCore *c, int *field) {
    pthread_mutex_lock(&c->w.mu);
    int v = *field;
    pthread_mutex_unlock(&c->w.mu);
    return v;
}

/* ----- the Thread object ---------------------------------------------------------------------- */

enum { KIND_THREAD, KIND_MAIN, KIND_DUMMY };

typedef struct {
    MiniObject_HEAD
    MiniObject *dict;               /* instance attributes (subclasses store their state here) */
    ThreadCore *core;
    MiniObject *target, *args, *kwargs;   /* cleared when run() finishes, as CPython does */
    MiniObject *name;               /* str */
    int daemon;
    int initialized;                /* Thread.__init__ ran */
    int started;                    /* start() succeeded (GIL-protected) */
    int kind;
    unsigned long ident;            /* 0 until the thread runs */
    long native_id;
} ThreadObject;

#define THREAD(op) ((ThreadObject *)(op))

MiniTypeObject _MiniThread_Type;
static MiniTypeObject MainThread_Type, DummyThread_Type;

static MiniObject *active;          /* dict: ident -> Thread, for running threads (owned) */
static MiniObject *main_thread;     /* the _MainThread (owned) */
static long name_counter;           /* the N of "Thread-N" / "Dummy-N" (GIL-protected) */

static pthread_mutex_t atexit_mu = PTHREAD_MUTEX_INITIALIZER;
static void (*atexit_hooks[8])(void);
static int atexit_count;
static int shutting_down;

static MiniObject *thread_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    ThreadObject *self = (ThreadObject *)MiniObject_New(type);
    if (self == NULL) return NULL;
    if ((self->core = core_new()) == NULL) {
        Mini_DECREF(self);
        return NULL;
    }
    return (MiniObject *)self;
}

static void thread_dealloc(MiniObject *op) {
    ThreadObject *self = THREAD(op);
    Mini_CLEAR(self->dict);
    Mini_CLEAR(self->target);
    Mini_CLEAR(self->args);
    Mini_CLEAR(self->kwargs);
    Mini_CLEAR(self->name);
    if (self->core != NULL) core_decref(self->core);
    MiniObject_Free(op);
}

/* The cycle collector's slots: a Thread (or Timer) whose attributes, target or arguments refer
 * back to it is a cycle once it has finished (a running one stays in `active`, reachable).
 * Clearing drops what run() would drop and the instance dict; the name stays for its repr. */
static int thread_traverse(MiniObject *op, Mini_visitproc visit, void *arg) {
    ThreadObject *self = THREAD(op);
    Mini_VISIT(self->dict);
    Mini_VISIT(self->target);
    Mini_VISIT(self->args);
    Mini_VISIT(self->kwargs);
    Mini_VISIT(self->name);
    return 0;
}

static int thread_clear(MiniObject *op) {
    ThreadObject *self = THREAD(op);
    Mini_CLEAR(self->dict);
    Mini_CLEAR(self->target);
    Mini_CLEAR(self->args);
    Mini_CLEAR(self->kwargs);
    return 0;
}

/* "Thread-N" (and " (targetname)" when the target has a __name__), as CPython 3.10+. */
static MiniObject *default_name(const char *prefix, MiniObject *target) {
    long n = ++name_counter;
    if (target != NULL && target != Mini_None) {
        MiniObject *tname = MiniObject_GetAttrString(target, "__name__");
        if (tname != NULL) {
            MiniObject *r = MiniUnicode_FromFormat("%s-%ld (%S)", prefix, n, tname);
            Mini_DECREF(tname);
            return r;
        }
        if (!MiniErr_ExceptionMatches(MiniExc_AttributeError)) return NULL;
        MiniErr_Clear();
    }
    return MiniUnicode_FromFormat("%s-%ld", prefix, n);
}

static int current_daemon(void);

/* Fills a Thread (from __init__ or from C). target/args/kwargs/name borrowed (NULL or None for
 * the defaults); daemon -1 inherits. 0 / -1. */
static int thread_setup(ThreadObject *self, MiniObject *target, MiniObject *args, MiniObject *kwargs,
                        MiniObject *name, int daemon) {
    if (self->started) {
        MiniErr_SetString(MiniExc_RuntimeError, "cannot re-initialise a started thread");
        return -1;
    }
    MiniObject *n = (name == NULL || name == Mini_None) ? default_name("Thread", target) : MiniObject_Str(name);
    if (n == NULL) return -1;
    if (daemon < 0) daemon = current_daemon();
    Mini_SETREF(self->name, n);
    Mini_SETREF(self->target, target == Mini_None ? NULL : Mini_XNewRef(target));
    Mini_SETREF(self->args, args == NULL ? MiniTuple_New(0) : Mini_NewRef(args));
    Mini_SETREF(self->kwargs, (kwargs == NULL || kwargs == Mini_None) ? NULL : Mini_NewRef(kwargs));
    if (self->args == NULL) return -1;
    self->daemon = daemon;
    self->initialized = 1;
    return 0;
}

/* Thread(group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None) */
static int thread_init(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"group", "target", "name", "args", "kwargs", "daemon", NULL};
    MiniObject *group = Mini_None, *target = Mini_None, *name = Mini_None, *targs = NULL,
               *tkwargs = Mini_None, *daemon = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|OOOOO$O:Thread", keywords, &group, &target,
                                       &name, &targs, &tkwargs, &daemon))
        return -1;
    if (group != Mini_None) {
        MiniErr_SetString(MiniExc_AssertionError, "group argument must be None for now");
        return -1;
    }
    int d = -1;
    if (daemon != Mini_None && (d = MiniObject_IsTrue(daemon)) < 0) return -1;
    return thread_setup(THREAD(op), target, targs, tkwargs, name, d);
}

static int check_initialized(ThreadObject *self) {
    if (self->initialized) return 0;
    MiniErr_SetString(MiniExc_RuntimeError, "thread.__init__() not called");
    return -1;
}

static int thread_alive(ThreadObject *self) {
    return self->started && !core_get(self->core, &self->core->finished);
}

/* ----- running a thread ----------------------------------------------------------------------- */

typedef struct {
    ThreadObject *self;             /* a reference owned by the new thread */
    ThreadCore *core;               /* likewise */
    MiniThreadState *tstate;
} Boot;

static MiniObject *ident_key(unsigned long ident) { return MiniLong_FromUnsignedLongLong(ident); }

/* active[ident] = thread, or del active[ident]. Errors are cleared: bookkeeping must not fail a
 * thread. */
static void active_set(unsigned long ident, MiniObject *thread) {
    if (active == NULL) return;
    MiniObject *key = ident_key(ident);
    if (key != NULL) {
        if (thread != NULL) MiniDict_SetItem(active, key, thread);
        else if (MiniDict_GetItem(active, key) != NULL) MiniDict_DelItem(active, key);
        Mini_DECREF(key);
    }
    MiniErr_Clear();
}

/* An exception escaped run(): hand it to threading.excepthook (threadextra.c), which by default
 * prints "Exception in thread NAME:" and the traceback on stderr and ignores SystemExit.
 * Consumes the error. */
static void report_exception(ThreadObject *self) {
    MiniObject *exc = MiniErr_GetRaisedException();
    if (exc == NULL) return;
    _MiniThreading_ReportException((MiniObject *)self, exc);
    Mini_DECREF(exc);
}

static void *thread_bootstrap(void *arg) {
    Boot boot = *(Boot *)arg;
    free(arg);
    ThreadObject *self = boot.self;
    ThreadCore *core = boot.core;
    MiniEval_AcquireThread(boot.tstate);
    /* This is the thread's own state: C code it calls may nest MiniGILState_Ensure/Release. */
    _Mini_tstate_gilstate = boot.tstate;

    self->ident = _MiniStd_ThreadIdent();
    self->native_id = (long)syscall(SYS_gettid);
    active_set(self->ident, (MiniObject *)self);
    pthread_mutex_lock(&core->w.mu);
    core->started = 1;
    pthread_cond_broadcast(&core->w.cv);
    pthread_mutex_unlock(&core->w.mu);

    MiniObject *r = MiniObject_CallMethodObjArgs((MiniObject *)self, "run", NULL);
    if (r == NULL) report_exception(self);
    else Mini_DECREF(r);

    _MiniThreadLocal_ThreadExit(self->ident);
    active_set(self->ident, NULL);
    Mini_DECREF(self);
    MiniVM_ThreadFini(boot.tstate);
    MiniThreadState_DeleteCurrent();          /* releases the GIL; no runtime calls after this */

    cores_unlink(core);
    pthread_mutex_lock(&core->w.mu);
    core->finished = 1;
    pthread_cond_broadcast(&core->w.cv);
    pthread_mutex_unlock(&core->w.mu);
    core_decref(core);
    return NULL;
}

int _MiniThreading_Start(MiniObject *op) {
    ThreadObject *self = THREAD(op);
    if (check_initialized(self) < 0) return -1;
    if (self->started) {
        MiniErr_SetString(MiniExc_RuntimeError, "threads can only be started once");
        return -1;
    }
    Boot *boot = malloc(sizeof *boot);
    MiniThreadState *tstate = boot != NULL ? MiniThreadState_New() : NULL;
    if (tstate == NULL) {
        free(boot);
        MiniErr_SetString(MiniExc_RuntimeError, "can't start new thread");
        return -1;
    }
    const char *cname = MiniUnicode_AsUTF8(self->name);
    if (cname == NULL) MiniErr_Clear(); else MiniThreadState_SetName(tstate, cname);
    ThreadCore *core = self->core;
    core->daemon = self->daemon;
    boot->self = (ThreadObject *)Mini_NewRef(op);
    boot->core = core;
    boot->tstate = tstate;
    core_incref(core);
    cores_link(core);

    pthread_attr_t attr;
    pthread_t tid;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&tid, &attr, thread_bootstrap, boot);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        cores_unlink(core);
        core_decref(core);
        MiniThreadState_Delete(tstate);
        free(boot);
        Mini_DECREF(op);
        MiniErr_SetString(MiniExc_RuntimeError, "can't start new thread");
        return -1;
    }
    self->started = 1;
    /* As CPython's start(): wait (GIL released) until the thread runs. */
    return _MiniStdWait_Until(&core->w, core_is_started, core, -1, MINI_WAIT_NOINTR) < 0 ? -1 : 0;
}

int _MiniThreading_Join(MiniObject *op, double timeout) {
    ThreadObject *self = THREAD(op);
    if (check_initialized(self) < 0) return -1;
    if (!self->started) {
        MiniErr_SetString(MiniExc_RuntimeError, "cannot join thread before it is started");
        return -1;
    }
    if (self->kind == KIND_DUMMY) {
        MiniErr_SetString(MiniExc_AssertionError, "cannot join a dummy thread");
        return -1;
    }
    if (self->ident == _MiniStd_ThreadIdent() && thread_alive(self)) {
        MiniErr_SetString(MiniExc_RuntimeError, "cannot join current thread");
        return -1;
    }
    return _MiniStdWait_Until(&self->core->w, core_is_finished, self->core, timeout, 0) < 0 ? -1 : 0;
}

MiniObject *_MiniThreading_NewThread(MiniObject *target, MiniObject *args, MiniObject *kwargs,
                                     MiniObject *name, int daemon) {
    MiniObject *t = thread_new(&_MiniThread_Type, NULL, NULL);
    if (t == NULL) return NULL;
    if (thread_setup(THREAD(t), target, args, kwargs, name, daemon) < 0) {
        Mini_DECREF(t);
        return NULL;
    }
    return t;
}

/* ----- Thread methods ------------------------------------------------------------------------- */

/* start(): run self.run() in a new OS thread. */
static MiniObject *thread_start(MiniObject *op, MiniObject *unused) {
    (void)unused;
    if (_MiniThreading_Start(op) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* args as a tuple for the call (a list or any iterable is accepted, as *args would). */
MiniObject *_MiniThreading_AsTuple(MiniObject *args) {
    if (MiniTuple_Check(args)) return Mini_NewRef(args);
    MiniObject *list = MiniList_New(0);
    if (list == NULL) return NULL;
    if (MiniList_Extend(list, args) < 0) { Mini_DECREF(list); return NULL; }
    MiniObject *t = MiniList_AsTuple(list);
    Mini_DECREF(list);
    return t;
}

/* run(): call target(*args, **kwargs), then drop them (as CPython's Thread.run). */
static MiniObject *thread_run(MiniObject *op, MiniObject *unused) {
    (void)unused;
    ThreadObject *self = THREAD(op);
    MiniObject *result = NULL;
    if (self->target != NULL) {
        MiniObject *args = _MiniThreading_AsTuple(self->args);
        if (args != NULL) {
            MiniObject *kwargs = self->kwargs;
            if (kwargs != NULL && !MiniDict_Check(kwargs)) {
                MiniErr_Format(MiniExc_TypeError, "argument after ** must be a mapping, not %.100s",
                               Mini_TYPE(kwargs)->tp_name);
            } else {
                result = MiniObject_Call(self->target, args, kwargs);
            }
            Mini_DECREF(args);
        }
    } else {
        result = Mini_NewRef(Mini_None);
    }
    /* Dropping them may run arbitrary deallocations: keep the result or the error meanwhile. */
    MiniObject *exc = result == NULL ? MiniErr_GetRaisedException() : NULL;
    Mini_CLEAR(self->target);
    Mini_CLEAR(self->args);
    Mini_CLEAR(self->kwargs);
    if (result == NULL) {
        MiniErr_SetRaisedException(exc);
        return NULL;
    }
    Mini_DECREF(result);
    Mini_RETURN_NONE;
}

/* join(timeout=None): wait (GIL released) for the thread to end, or timeout seconds. */
static MiniObject *thread_join(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"timeout", NULL};
    MiniObject *t = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|O:join", keywords, &t)) return NULL;
    double timeout;
    if (_MiniStd_TimeoutArg(t, &timeout) < 0) return NULL;
    if (t != Mini_None && timeout < 0) timeout = 0;
    if (_MiniThreading_Join(op, timeout) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *thread_is_alive(MiniObject *op, MiniObject *unused) {
    (void)unused;
    if (check_initialized(THREAD(op)) < 0) return NULL;
    return MiniBool_FromLong(thread_alive(THREAD(op)));
}

/* Names the calling thread's state after `name` (a str), as the GIL recording shows it. */
static void name_current_tstate(MiniObject *name) {
    const char *c = MiniUnicode_AsUTF8(name);
    if (c == NULL) MiniErr_Clear();
    else MiniThreadState_SetName(MiniThreadState_Get(), c);
}

static MiniObject *thread_get_name(MiniObject *op, void *closure) {
    (void)closure;
    if (check_initialized(THREAD(op)) < 0) return NULL;
    return Mini_NewRef(THREAD(op)->name);
}

static int thread_set_name(MiniObject *op, MiniObject *value, void *closure) {
    (void)closure;
    if (check_initialized(THREAD(op)) < 0) return -1;
    if (value == NULL) {
        MiniErr_SetString(MiniExc_AttributeError, "can't delete attribute 'name'");
        return -1;
    }
    MiniObject *s = MiniObject_Str(value);
    if (s == NULL) return -1;
    Mini_SETREF(THREAD(op)->name, s);
    /* A running thread renaming itself: the GIL recording (--trace, --stats) shows the new name. */
    if (THREAD(op)->started && THREAD(op)->ident == _MiniStd_ThreadIdent()) name_current_tstate(s);
    return 0;
}

static MiniObject *thread_get_daemon(MiniObject *op, void *closure) {
    (void)closure;
    if (check_initialized(THREAD(op)) < 0) return NULL;
    return MiniBool_FromLong(THREAD(op)->daemon);
}

static int thread_set_daemon(MiniObject *op, MiniObject *value, void *closure) {
    (void)closure;
    ThreadObject *self = THREAD(op);
    if (!self->initialized) {
        MiniErr_SetString(MiniExc_RuntimeError, "Thread.__init__() not called");
        return -1;
    }
    if (self->started) {
        MiniErr_SetString(MiniExc_RuntimeError, "cannot set daemon status of active thread");
        return -1;
    }
    if (value == NULL) {
        MiniErr_SetString(MiniExc_AttributeError, "can't delete attribute 'daemon'");
        return -1;
    }
    int d = MiniObject_IsTrue(value);
    if (d < 0) return -1;
    self->daemon = d;
    return 0;
}

static MiniObject *thread_get_ident(MiniObject *op, void *closure) {
    (void)closure;
    if (THREAD(op)->ident == 0) Mini_RETURN_NONE;
    return ident_key(THREAD(op)->ident);
}

static MiniObject *thread_get_native_id(MiniObject *op, void *closure) {
    (void)closure;
    if (THREAD(op)->native_id == 0) Mini_RETURN_NONE;
    return MiniLong_FromLong(THREAD(op)->native_id);
}

/* getName() / setName(name) / isDaemon() / setDaemon(flag): the old spellings. */
static MiniObject *thread_getName(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return thread_get_name(op, NULL);
}
static MiniObject *thread_setName(MiniObject *op, MiniObject *arg) {
    if (thread_set_name(op, arg, NULL) < 0) return NULL;
    Mini_RETURN_NONE;
}
static MiniObject *thread_isDaemon(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return thread_get_daemon(op, NULL);
}
static MiniObject *thread_setDaemon(MiniObject *op, MiniObject *arg) {
    if (thread_set_daemon(op, arg, NULL) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* <Thread(Thread-1 (worker), started 140...)>, as CPython's Thread.__repr__. */
static MiniObject *thread_repr(MiniObject *op) {
    ThreadObject *self = THREAD(op);
    const char *cls = Mini_TYPE(op)->tp_name, *dot = strrchr(cls, '.');
    if (dot != NULL) cls = dot + 1;
    if (!self->initialized) return MiniUnicode_FromFormat("<%s(<uninitialised>, initial)>", cls);
    char status[96];
    const char *state = !self->started ? "initial" : thread_alive(self) ? "started" : "stopped";
    int n = snprintf(status, sizeof status, "%s%s", state, self->daemon ? " daemon" : "");
    if (self->ident != 0) snprintf(status + n, sizeof status - (size_t)n, " %lu", self->ident);
    return MiniUnicode_FromFormat("<%s(%U, %s)>", cls, self->name, status);
}

static MiniMethodDef thread_methods[] = {
    {"start", thread_start, MINI_METH_NOARGS, "start(): run the thread's run() in a new OS thread."},
    {"run", thread_run, MINI_METH_NOARGS, "run(): call target(*args, **kwargs); override in subclasses."},
    {"join", _MiniCFunction_CAST(thread_join), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "join(timeout=None): wait (without the GIL) until the thread ends."},
    {"is_alive", thread_is_alive, MINI_METH_NOARGS, "is_alive() -> bool"},
    {"getName", thread_getName, MINI_METH_NOARGS, NULL},
    {"setName", thread_setName, MINI_METH_O, NULL},
    {"isDaemon", thread_isDaemon, MINI_METH_NOARGS, NULL},
    {"setDaemon", thread_setDaemon, MINI_METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef thread_getset[] = {
    {"name", thread_get_name, thread_set_name, "the thread's name", NULL},
    {"daemon", thread_get_daemon, thread_set_daemon, "daemon threads are not waited for at exit", NULL},
    {"ident", thread_get_ident, NULL, "the thread identifier (get_ident()), None before start", NULL},
    {"native_id", thread_get_native_id, NULL, "the OS thread id, None before start", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MiniTypeObject _MiniThread_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "threading.Thread",
    .tp_basicsize = sizeof(ThreadObject),
    .tp_dealloc = thread_dealloc,
    .tp_repr = thread_repr,
    .tp_methods = thread_methods,
    .tp_getset = thread_getset,
    .tp_dictoffset = offsetof(ThreadObject, dict),
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = thread_traverse,
    .tp_clear = thread_clear,
    .tp_doc = "Thread(group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None)",
    .tp_new = thread_new,
    .tp_init = thread_init,
};

/* The classes of the main thread and of threads not started by this module (names only). */
static MiniTypeObject MainThread_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "threading._MainThread",
    .tp_basicsize = sizeof(ThreadObject),
    .tp_dealloc = thread_dealloc,
    .tp_base = &_MiniThread_Type,
};
static MiniTypeObject DummyThread_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "threading._DummyThread",
    .tp_basicsize = sizeof(ThreadObject),
    .tp_dealloc = thread_dealloc,
    .tp_base = &_MiniThread_Type,
};

/* A Thread object standing for an already running OS thread (the calling one). New reference. */
static MiniObject *adopt_current(MiniTypeObject *type, int kind, MiniObject *name, int daemon) {
    MiniObject *op = thread_new(type, NULL, NULL);
    if (op == NULL) return NULL;
    ThreadObject *self = THREAD(op);
    self->name = name;                 /* stolen */
    self->args = MiniTuple_New(0);
    self->daemon = daemon;
    self->initialized = 1;
    self->started = 1;
    self->kind = kind;
    self->ident = _MiniStd_ThreadIdent();
    self->native_id = (long)syscall(SYS_gettid);
    self->core->started = 1;
    if (self->args == NULL) { Mini_DECREF(op); return NULL; }
    if (kind == KIND_DUMMY) name_current_tstate(name);   /* "Dummy-N" in the recording */
    return op;
}

/* ----- module functions ----------------------------------------------------------------------- */

/* Borrowed reference to the Thread for the calling thread (a _DummyThread is made and registered
 * for threads this module did not start, as in CPython), or NULL with an exception. */
static MiniObject *current_thread_borrowed(void) {
    if (active == NULL) {
        MiniErr_SetString(MiniExc_RuntimeError, "threading is not initialised");
        return NULL;
    }
    MiniObject *key = ident_key(_MiniStd_ThreadIdent());
    if (key == NULL) return NULL;
    MiniObject *t = MiniDict_GetItem(active, key);
    if (t == NULL) {
        MiniObject *name = default_name("Dummy", NULL);
        MiniObject *dummy = name != NULL ? adopt_current(&DummyThread_Type, KIND_DUMMY, name, 1) : NULL;
        if (dummy == NULL || MiniDict_SetItem(active, key, dummy) < 0) {
            Mini_XDECREF(dummy);
            Mini_DECREF(key);
            return NULL;
        }
        Mini_DECREF(dummy);
        t = dummy;
    }
    Mini_DECREF(key);
    return t;
}

static int current_daemon(void) {
    MiniObject *t = current_thread_borrowed();
    if (t == NULL) { MiniErr_Clear(); return 0; }
    return THREAD(t)->daemon;
}

/* current_thread() -> Thread */
static MiniObject *mod_current_thread(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return Mini_XNewRef(current_thread_borrowed());
}

/* main_thread() -> Thread */
static MiniObject *mod_main_thread(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return Mini_NewRef(main_thread);
}

/* active_count() -> int: threads alive (the main thread included). */
static MiniObject *mod_active_count(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniLong_FromSsize_t(MiniDict_Size(active));
}

/* enumerate() -> list of the Thread objects alive, in the order they started. */
static MiniObject *mod_enumerate(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniDict_Values(active);
}

/* get_ident() -> int */
static MiniObject *mod_get_ident(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return ident_key(_MiniStd_ThreadIdent());
}

/* get_native_id() -> int: the kernel's thread id. */
static MiniObject *mod_get_native_id(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniLong_FromLong((long)syscall(SYS_gettid));
}

/* settrace(f) / setprofile(f) for threads started later: None is accepted (nothing to install);
 * a function is NotImplementedError, as sys.settrace (MiniPy's eval loop has no trace hooks). */
static MiniObject *mod_settrace(MiniObject *m, MiniObject *fn) {
    (void)m;
    if (fn != Mini_None)
        return MiniErr_Format(MiniExc_NotImplementedError, "threading.settrace()/setprofile() with a function is not supported by MiniPy");
    Mini_RETURN_NONE;
}

/* gettrace() / getprofile(): always None. */
static MiniObject *mod_gettrace(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    Mini_RETURN_NONE;
}

static MiniMethodDef threading_functions[] = {
    {"settrace", mod_settrace, MINI_METH_O, "settrace(None); a trace function is not supported by MiniPy."},
    {"setprofile", mod_settrace, MINI_METH_O, "setprofile(None); a profile function is not supported by MiniPy."},
    {"gettrace", mod_gettrace, MINI_METH_NOARGS, "gettrace() -> None"},
    {"getprofile", mod_gettrace, MINI_METH_NOARGS, "getprofile() -> None"},
    {"current_thread", mod_current_thread, MINI_METH_NOARGS, "current_thread() -> the calling thread's Thread object."},
    {"currentThread", mod_current_thread, MINI_METH_NOARGS, NULL},
    {"main_thread", mod_main_thread, MINI_METH_NOARGS, "main_thread() -> the main Thread object."},
    {"active_count", mod_active_count, MINI_METH_NOARGS, "active_count() -> number of live threads."},
    {"activeCount", mod_active_count, MINI_METH_NOARGS, NULL},
    {"enumerate", mod_enumerate, MINI_METH_NOARGS, "enumerate() -> list of live Thread objects."},
    {"get_ident", mod_get_ident, MINI_METH_NOARGS, "get_ident() -> the calling thread's identifier."},
    {"get_native_id", mod_get_native_id, MINI_METH_NOARGS, "get_native_id() -> the OS thread id."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef threading_module = {
    MiniModuleDef_HEAD_INIT, "threading",
    "Threads that are real OS threads, each with its own thread state, and the locks and "
    "synchronisation objects they share. Every blocking call releases the GIL.",
    0, threading_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the threading module, or NULL with an exception. The first import records
 * the importing thread as the main thread. */
MiniObject *MiniInit_threading(void) {
    MiniObject *m = MiniModule_Create(&threading_module);
    if (m == NULL) return NULL;
    if (MiniType_Ready(&_MiniThread_Type) < 0 || MiniType_Ready(&MainThread_Type) < 0 ||
        MiniType_Ready(&DummyThread_Type) < 0)
        goto fail;
    if (MiniModule_AddObjectRef(m, "Thread", (MiniObject *)&_MiniThread_Type) < 0) goto fail;
    if (_MiniThreadLocks_AddToModule(m) < 0 || _MiniThreadSync_AddToModule(m) < 0 ||
        _MiniThreadExtra_AddToModule(m) < 0)
        goto fail;
    /* A re-import after Mini_Finalize starts the bookkeeping afresh. */
    Mini_CLEAR(active);
    Mini_CLEAR(main_thread);
    name_counter = 0;
    if ((active = MiniDict_New()) == NULL) goto fail;
    MiniObject *name = MiniUnicode_FromString("MainThread");
    if (name == NULL || (main_thread = adopt_current(&MainThread_Type, KIND_MAIN, name, 0)) == NULL) goto fail;
    active_set(THREAD(main_thread)->ident, main_thread);
    if (MiniDict_Size(active) != 1) goto fail;
    return m;
fail:
    if (!MiniErr_Occurred()) MiniErr_NoMemory();
    MiniModule_ClearNamespace(m);
    Mini_DECREF(m);
    return NULL;
}

/* ----- shut-down ------------------------------------------------------------------------------ */

int _MiniThreading_RegisterAtExit(void (*fn)(void)) {
    pthread_mutex_lock(&atexit_mu);
    int r = 0;
    for (int i = 0; i < atexit_count; i++) if (atexit_hooks[i] == fn) goto done;
    if (atexit_count == (int)(sizeof atexit_hooks / sizeof atexit_hooks[0])) { r = -1; goto done; }
    atexit_hooks[atexit_count++] = fn;
done:
    pthread_mutex_unlock(&atexit_mu);
    return r;
}

void _MiniStdlib_ResetForRun(void) {
    name_counter = 0;
    _MiniFutures_ResetForRun();
}

int _MiniThreading_ShuttingDown(void) { return __atomic_load_n(&shutting_down, __ATOMIC_ACQUIRE); }

int _MiniThreading_JoinAll(void) {
    MINI_CHECK_GIL("_MiniThreading_JoinAll");
    __atomic_store_n(&shutting_down, 1, __ATOMIC_RELEASE);
    pthread_mutex_lock(&atexit_mu);
    int n = atexit_count;
    void (*hooks[8])(void);
    memcpy(hooks, atexit_hooks, sizeof hooks);
    pthread_mutex_unlock(&atexit_mu);
    for (int i = 0; i < n; i++) hooks[i]();
    for (;;) {
        pthread_mutex_lock(&cores_mu);
        ThreadCore *c = cores_head;
        while (c != NULL && c->daemon) c = c->next;
        if (c == NULL) {
            int daemons = 0;
            for (c = cores_head; c != NULL; c = c->next) daemons++;
            pthread_mutex_unlock(&cores_mu);
            __atomic_store_n(&shutting_down, 0, __ATOMIC_RELEASE);
            return daemons;
        }
        core_incref(c);
        pthread_mutex_unlock(&cores_mu);
        int r = _MiniStdWait_Until(&c->w, core_is_finished, c, -1, 0);
        core_decref(c);
        if (r < 0) {
            __atomic_store_n(&shutting_down, 0, __ATOMIC_RELEASE);
            return -1;
        }
        /* The thread unlinks its core before marking it finished, so the next scan moves on. */
    }
}
