/* Modules/_asynciomodule.c: `_asyncio`, the C core of asyncio.py (Sources/MiniPy/Lib): Future,
 * Task and the iterator behind `await future`, as CPython 3.11 runs asyncio with its C `_asyncio`
 * Future and Task under a Python event loop (issue 11: async_tree builds trees of ~56,000 tasks,
 * and each task's steps, done callbacks and awaits went through several Python calls).
 *
 * What is here: a Future's state, result, exception and callbacks; set_result/set_exception/
 * cancel scheduling the callbacks; a Task's step (one send/throw into its coroutine and what the
 * outcome means: a result, an exception, a cancellation, a future to wait for, a bare yield) and
 * its wake-up when the awaited future is done. What stays in asyncio.py: the event loop, gather,
 * TaskGroup, sleep, everything else. The two halves meet in `_setup` (asyncio.py passes
 * get_running_loop, CancelledError, InvalidStateError, iscoroutine and _strip once) and in the
 * loop's attributes the C side uses: `_ready` (a list: task steps and done callbacks are appended
 * as (callback, argument) pairs that EventLoop._run_once calls), `_current`, `_tasks` (a set).
 * The Python field names (`_state`, `_result`, `_callbacks`, `_fut_waiter`, ...) stay readable
 * and writable through getsets, so asyncio.py's Python code and subclasses keep working.
 *
 * Locking: everything runs with the GIL held (an event loop belongs to one thread). Callbacks and
 * coroutines run Python code, which may release the GIL in between; no C pointer into another
 * object is kept across such a call without a reference. */
#include "stdlib_internal.h"
#include "vm_internal.h"
#include "lib_internal.h"

#include <string.h>

enum { ST_PENDING, ST_CANCELLED, ST_FINISHED };

typedef struct {
    MiniObject_HEAD
    MiniObject *loop, *result, *exception, *callbacks, *cancel_message, *dict;
    int state;
} FutureObject;

typedef struct {
    FutureObject fut;
    MiniObject *coro, *name, *fut_waiter;
    MiniObject *context;       /* the contextvars.Context every step runs in (copied at creation) */
    long long number;          /* the N of the default name 'Task-N' (made when asked for) */
    int must_cancel;
    Mini_ssize_t num_cancels;
} TaskObject;

typedef struct {
    MiniObject_HEAD
    FutureObject *fut;         /* NULL once the iterator is exhausted */
    int yielded;
} FutureIterObject;

static MiniTypeObject Future_Type, Task_Type, FutureIter_Type;

/* Set by _setup (owned): asyncio.py's get_running_loop, CancelledError, InvalidStateError,
 * iscoroutine, _strip. */
static MiniObject *get_running_loop, *CancelledError, *InvalidStateError, *is_coroutine, *strip_tb;
static MiniObject *state_names[3];
static MiniObject *s_ready, *s_current, *s_tasks, *s_step, *s_wakeup, *s_cancel, *s_add_done_callback,
                  *s_send, *s_throw, *s_value;
static long long task_counter;

#define FUT(o) ((FutureObject *)(o))
#define TASK(o) ((TaskObject *)(o))

/* ----- helpers ---------------------------------------------------------------------------------- */

/* Appends (fn, arg) to loop._ready. 0, or -1 with an exception. */
static int schedule(MiniObject *loop, MiniObject *fn, MiniObject *arg) {
    if (loop == NULL) { MiniErr_SetString(MiniExc_RuntimeError, "the future has no loop (Future.__init__ was not called)"); return -1; }
    MiniObject *ready = MiniObject_GetAttr(loop, s_ready);
    if (ready == NULL) return -1;
    MiniObject *pair = MiniTuple_Pack(2, fn, arg);
    int rc = pair == NULL ? -1 : MiniList_Check(ready) ? MiniList_Append(ready, pair) : -1;
    if (pair != NULL && !MiniList_Check(ready)) MiniErr_SetString(MiniExc_TypeError, "loop._ready must be a list");
    Mini_XDECREF(pair);
    Mini_DECREF(ready);
    return rc;
}

/* A new CancelledError carrying msg (or no argument when msg is NULL / None). */
static MiniObject *make_cancelled(MiniObject *msg) {
    if (CancelledError == NULL) { MiniErr_SetString(MiniExc_RuntimeError, "_asyncio is not set up"); return NULL; }
    if (msg == NULL || msg == Mini_None) return MiniObject_CallNoArgs(CancelledError);
    return MiniObject_CallOneArg(CancelledError, msg);
}

static MiniObject *raise_invalid_state(const char *msg) {
    if (InvalidStateError != NULL) MiniErr_SetString(InvalidStateError, msg);
    else MiniErr_SetString(MiniExc_RuntimeError, msg);
    return NULL;
}

/* ----- Future: state changes ---------------------------------------------------------------------- */

/* Moves the callbacks to the loop's ready queue as (fn, fut) pairs, in registration order. */
static int future_schedule_callbacks(FutureObject *f) {
    MiniObject *cbs = f->callbacks;
    if (cbs == NULL) return 0;
    f->callbacks = NULL;
    int rc = 0;
    for (Mini_ssize_t i = 0; rc == 0 && i < MiniList_GET_SIZE(cbs); i++)
        rc = schedule(f->loop, MiniList_GET_ITEM(cbs, i), (MiniObject *)f);
    Mini_DECREF(cbs);
    return rc;
}

static int future_set_result_impl(FutureObject *f, MiniObject *value) {
    if (f->state != ST_PENDING) { raise_invalid_state("invalid state"); return -1; }
    Mini_SETREF(f->result, Mini_NewRef(value));
    f->state = ST_FINISHED;
    return future_schedule_callbacks(f);
}

/* exc: an exception instance or class (borrowed). */
static int future_set_exception_impl(FutureObject *f, MiniObject *exc) {
    if (f->state != ST_PENDING) { raise_invalid_state("invalid state"); return -1; }
    MiniObject *e = MiniType_Check(exc) ? MiniObject_CallNoArgs(exc) : Mini_NewRef(exc);
    if (e == NULL) return -1;
    if (MiniErr_GivenExceptionMatches(e, MiniExc_StopIteration)) {
        Mini_DECREF(e);
        MiniErr_SetString(MiniExc_TypeError, "StopIteration interacts badly with generators and cannot be raised into a Future");
        return -1;
    }
    if (strip_tb != NULL) {
        MiniObject *r = MiniObject_CallOneArg(strip_tb, e);
        if (r == NULL) { Mini_DECREF(e); return -1; }
        Mini_DECREF(r);
    }
    Mini_SETREF(f->exception, e);
    f->state = ST_FINISHED;
    return future_schedule_callbacks(f);
}

/* 1 cancelled, 0 already done, -1 error. */
static int future_cancel_impl(FutureObject *f, MiniObject *msg) {
    if (f->state != ST_PENDING) return 0;
    f->state = ST_CANCELLED;
    Mini_SETREF(f->cancel_message, Mini_XNewRef(msg == Mini_None ? NULL : msg));
    return future_schedule_callbacks(f) < 0 ? -1 : 1;
}

static int future_add_callback_impl(FutureObject *f, MiniObject *fn) {
    if (f->state != ST_PENDING) return schedule(f->loop, fn, (MiniObject *)f);
    if (f->callbacks == NULL) {
        f->callbacks = MiniList_New(0);
        if (f->callbacks == NULL) return -1;
    }
    return MiniList_Append(f->callbacks, fn);
}

/* The result, or NULL with the stored exception / CancelledError / InvalidStateError raised. */
static MiniObject *future_result_impl(FutureObject *f) {
    if (f->state == ST_FINISHED) {
        if (f->exception != NULL) {
            MiniErr_SetRaisedException(Mini_NewRef(f->exception));
            return NULL;
        }
        return Mini_NewRef(f->result != NULL ? f->result : Mini_None);
    }
    if (f->state == ST_CANCELLED) {
        MiniObject *e = make_cancelled(f->cancel_message);
        if (e != NULL) MiniErr_SetRaisedException(e);
        return NULL;
    }
    return raise_invalid_state("Result is not set.");
}

/* ----- Future: the type ------------------------------------------------------------------------- */

/* Future(*, loop=None): the loop given, else the running loop. 0 / -1. */
static int future_init_loop(FutureObject *f, MiniObject *loop) {
    if (loop == NULL || loop == Mini_None) {
        if (get_running_loop == NULL) { MiniErr_SetString(MiniExc_RuntimeError, "_asyncio is not set up"); return -1; }
        loop = MiniObject_CallNoArgs(get_running_loop);
        if (loop == NULL) return -1;
    } else {
        Mini_INCREF(loop);
    }
    Mini_SETREF(f->loop, loop);
    f->state = ST_PENDING;
    Mini_CLEAR(f->result);
    Mini_CLEAR(f->exception);
    Mini_CLEAR(f->callbacks);
    Mini_CLEAR(f->cancel_message);
    return 0;
}

/* The value of keyword `name` in kwargs (borrowed) or NULL; -1 for an unknown keyword or any
 * positional argument beyond npos. */
static int keyword_args(MiniObject *args, MiniObject *kwargs, Mini_ssize_t npos, const char *func,
                        const char *const *names, MiniObject **out) {
    if (MiniTuple_GET_SIZE(args) != npos) {
        MiniErr_Format(MiniExc_TypeError, "%s() takes %zd positional argument%s (%zd given)", func,
                       (size_t)npos, npos == 1 ? "" : "s", (size_t)MiniTuple_GET_SIZE(args));
        return -1;
    }
    if (kwargs == NULL) return 0;
    Mini_ssize_t pos = 0, seen = 0;
    MiniObject *k, *v;
    for (int i = 0; names[i] != NULL; i++) {
        out[i] = MiniDict_GetItemString(kwargs, names[i]);
        if (out[i] != NULL) seen++;
    }
    if (seen != MiniDict_Size(kwargs)) {
        while (MiniDict_Next(kwargs, &pos, &k, &v)) {
            int known = 0;
            for (int i = 0; names[i] != NULL; i++) known |= MiniUnicode_EqualToUTF8(k, names[i]);
            if (!known) {
                MiniErr_Format(MiniExc_TypeError, "%s() got an unexpected keyword argument '%U'", func, k);
                return -1;
            }
        }
    }
    return 0;
}

static MiniObject *future_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    return MiniObject_New(type);
}

static int future_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    static const char *const names[] = {"loop", NULL};
    MiniObject *kw[1] = {NULL};
    if (keyword_args(args, kwargs, 0, "Future", names, kw) < 0) return -1;
    return future_init_loop(FUT(self), kw[0]);
}

static int future_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    FutureObject *f = FUT(self);
    Mini_VISIT(f->loop);
    Mini_VISIT(f->result);
    Mini_VISIT(f->exception);
    Mini_VISIT(f->callbacks);
    Mini_VISIT(f->cancel_message);
    Mini_VISIT(f->dict);
    return 0;
}

static int future_clear(MiniObject *self) {
    FutureObject *f = FUT(self);
    Mini_CLEAR(f->loop);
    Mini_CLEAR(f->result);
    Mini_CLEAR(f->exception);
    Mini_CLEAR(f->callbacks);
    Mini_CLEAR(f->cancel_message);
    Mini_CLEAR(f->dict);
    return 0;
}

static void future_dealloc(MiniObject *self) {
    future_clear(self);
    MiniObject_Free(self);
}

/* Appends part (a new reference, consumed; NULL after a failed build) to the list parts; -1 on error. */
static int add_part(MiniObject *parts, MiniObject *part) {
    if (part == NULL) return -1;
    int rc = MiniList_Append(parts, part);
    Mini_DECREF(part);
    return rc;
}

/* CPython's _future_repr_info: the state, then result=reprlib.repr(...) or exception=repr(...)
 * when finished, then cb=[...] when there are done callbacks. A new list of str, or NULL. */
static MiniObject *future_repr_info(FutureObject *f) {
    MiniObject *parts = MiniList_New(0);
    if (parts == NULL) return NULL;
    const char *st = f->state == ST_PENDING ? "pending" : f->state == ST_CANCELLED ? "cancelled" : "finished";
    int bad = add_part(parts, MiniUnicode_FromString(st)) < 0;
    if (!bad && f->state == ST_FINISHED) {
        if (f->exception != NULL) bad = add_part(parts, MiniUnicode_FromFormat("exception=%R", f->exception)) < 0;
        else {
            MiniObject *r = _MiniAsyncio_ShortRepr(f->result != NULL ? f->result : Mini_None);
            bad = add_part(parts, r != NULL ? MiniUnicode_FromFormat("result=%U", r) : NULL) < 0;
            Mini_XDECREF(r);
        }
    }
    if (!bad && f->callbacks != NULL && MiniList_GET_SIZE(f->callbacks) > 0)
        bad = add_part(parts, _MiniAsyncio_FormatCallbacks(f->callbacks)) < 0;
    if (bad) Mini_CLEAR(parts);
    return parts;
}

/* "<Name part part ...>" (a new str, or NULL). */
static MiniObject *repr_from_parts(MiniObject *self, MiniObject *parts) {
    const char *name = Mini_TYPE(self)->tp_name, *dot = strrchr(name, '.');
    if (dot != NULL) name = dot + 1;
    MiniObject *sep = MiniUnicode_FromString(" ");
    MiniObject *body = sep != NULL ? MiniObject_CallMethodObjArgs(sep, "join", parts, NULL) : NULL;
    Mini_XDECREF(sep);
    MiniObject *r = body != NULL ? MiniUnicode_FromFormat("<%s %U>", name, body) : NULL;
    Mini_XDECREF(body);
    return r;
}

/* <Future pending cb=[...]>, <Future cancelled>, <Future finished result=...> ... as CPython. */
static MiniObject *future_repr(MiniObject *self) {
    MiniObject *parts = future_repr_info(FUT(self));
    if (parts == NULL) return NULL;
    MiniObject *r = repr_from_parts(self, parts);
    Mini_DECREF(parts);
    return r;
}

static MiniObject *fut_get_loop(MiniObject *self, MiniObject *unused) { (void)unused; return Mini_NewRef(FUT(self)->loop ? FUT(self)->loop : Mini_None); }
static MiniObject *fut_done(MiniObject *self, MiniObject *unused) { (void)unused; return MiniBool_FromLong(FUT(self)->state != ST_PENDING); }
static MiniObject *fut_cancelled(MiniObject *self, MiniObject *unused) { (void)unused; return MiniBool_FromLong(FUT(self)->state == ST_CANCELLED); }
static MiniObject *fut_result(MiniObject *self, MiniObject *unused) { (void)unused; return future_result_impl(FUT(self)); }

static MiniObject *fut_exception(MiniObject *self, MiniObject *unused) {
    (void)unused;
    FutureObject *f = FUT(self);
    if (f->state == ST_CANCELLED) {
        MiniObject *e = make_cancelled(NULL);
        if (e != NULL) MiniErr_SetRaisedException(e);
        return NULL;
    }
    if (f->state != ST_FINISHED) return raise_invalid_state("Exception is not set.");
    return Mini_NewRef(f->exception != NULL ? f->exception : Mini_None);
}

static MiniObject *fut_set_result(MiniObject *self, MiniObject *value) {
    return future_set_result_impl(FUT(self), value) < 0 ? NULL : Mini_NewRef(Mini_None);
}

static MiniObject *fut_set_exception(MiniObject *self, MiniObject *exc) {
    return future_set_exception_impl(FUT(self), exc) < 0 ? NULL : Mini_NewRef(Mini_None);
}

/* cancel(msg=None) */
static MiniObject *fut_cancel(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    static const char *const names[] = {"msg", NULL};
    MiniObject *kw[1] = {NULL};
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 1) return MiniErr_Format(MiniExc_TypeError, "cancel() takes at most 1 argument (%zd given)", (size_t)n);
    MiniObject *empty = n == 1 ? MiniTuple_New(0) : Mini_NewRef(args);
    if (empty == NULL) return NULL;
    int rc = keyword_args(empty, kwargs, 0, "cancel", names, kw);
    Mini_DECREF(empty);
    if (rc < 0) return NULL;
    MiniObject *msg = n == 1 ? MiniTuple_GET_ITEM(args, 0) : kw[0];
    int r = future_cancel_impl(FUT(self), msg);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

/* add_done_callback(fn, *, context=None): the context is accepted and ignored (no contextvars). */
static MiniObject *fut_add_done_callback(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    static const char *const names[] = {"context", NULL};
    MiniObject *kw[1] = {NULL};
    if (MiniTuple_GET_SIZE(args) != 1)
        return MiniErr_Format(MiniExc_TypeError, "add_done_callback() takes exactly one argument (%zd given)", (size_t)MiniTuple_GET_SIZE(args));
    MiniObject *empty = MiniTuple_New(0);
    if (empty == NULL) return NULL;
    int rc = keyword_args(empty, kwargs, 0, "add_done_callback", names, kw);
    Mini_DECREF(empty);
    if (rc < 0 || future_add_callback_impl(FUT(self), MiniTuple_GET_ITEM(args, 0)) < 0) return NULL;
    return Mini_NewRef(Mini_None);
}

/* remove_done_callback(fn): removes every registration equal to fn; how many. */
static MiniObject *fut_remove_done_callback(MiniObject *self, MiniObject *fn) {
    FutureObject *f = FUT(self);
    if (f->callbacks == NULL) return MiniLong_FromSsize_t(0);
    MiniObject *kept = MiniList_New(0);
    if (kept == NULL) return NULL;
    MiniObject *cbs = Mini_NewRef(f->callbacks);
    Mini_ssize_t removed = 0;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(cbs); i++) {
        MiniObject *cb = MiniList_GET_ITEM(cbs, i);
        int eq = cb == fn ? 1 : MiniObject_RichCompareBool(cb, fn, Mini_EQ);
        if (eq < 0 || (!eq && MiniList_Append(kept, cb) < 0)) { Mini_DECREF(cbs); Mini_DECREF(kept); return NULL; }
        removed += eq;
    }
    Mini_DECREF(cbs);
    Mini_SETREF(f->callbacks, kept);
    return MiniLong_FromSsize_t(removed);
}

static MiniObject *fut_schedule_callbacks_m(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return future_schedule_callbacks(FUT(self)) < 0 ? NULL : Mini_NewRef(Mini_None);
}

static MiniObject *fut_await(MiniObject *self, MiniObject *unused) {
    (void)unused;
    FutureIterObject *it = (FutureIterObject *)MiniObject_New(&FutureIter_Type);
    if (it == NULL) return NULL;
    it->fut = (FutureObject *)Mini_NewRef(self);
    return (MiniObject *)it;
}

/* getsets: the Python names of the fields */
#define FIELD_GETSET(fname, ctype, field)                                                         \
    static MiniObject *get_##fname(MiniObject *self, void *c) {                                   \
        (void)c; MiniObject *v = ctype(self)->field; return Mini_NewRef(v != NULL ? v : Mini_None); } \
    static int set_##fname(MiniObject *self, MiniObject *v, void *c) {                            \
        (void)c; Mini_SETREF(ctype(self)->field, (v == NULL || v == Mini_None) ? NULL : Mini_NewRef(v)); return 0; }

FIELD_GETSET(loop, FUT, loop)
FIELD_GETSET(result, FUT, result)
FIELD_GETSET(exception, FUT, exception)
FIELD_GETSET(cancel_message, FUT, cancel_message)
FIELD_GETSET(coro, TASK, coro)
FIELD_GETSET(fut_waiter, TASK, fut_waiter)

static MiniObject *get_callbacks(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(FUT(self)->callbacks != NULL ? FUT(self)->callbacks : Mini_None);
}

static int set_callbacks(MiniObject *self, MiniObject *v, void *c) {
    (void)c;
    if (v != NULL && v != Mini_None && !MiniList_CheckExact(v)) {
        MiniErr_SetString(MiniExc_TypeError, "_callbacks must be a list or None");
        return -1;
    }
    Mini_SETREF(FUT(self)->callbacks, (v == NULL || v == Mini_None) ? NULL : Mini_NewRef(v));
    return 0;
}

static MiniObject *get_state(MiniObject *self, void *c) { (void)c; return Mini_NewRef(state_names[FUT(self)->state]); }

static int set_state(MiniObject *self, MiniObject *v, void *c) {
    (void)c;
    for (int i = 0; v != NULL && i < 3; i++)
        if (MiniUnicode_Check(v) && MiniObject_RichCompareBool(v, state_names[i], Mini_EQ) == 1) { FUT(self)->state = i; return 0; }
    MiniErr_SetString(MiniExc_ValueError, "_state must be 'PENDING', 'CANCELLED' or 'FINISHED'");
    return -1;
}

static MiniGetSetDef future_getset[] = {
    {"_loop", get_loop, set_loop, NULL, NULL},
    {"_state", get_state, set_state, NULL, NULL},
    {"_result", get_result, set_result, NULL, NULL},
    {"_exception", get_exception, set_exception, NULL, NULL},
    {"_callbacks", get_callbacks, set_callbacks, NULL, NULL},
    {"_cancel_message", get_cancel_message, set_cancel_message, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniMethodDef future_methods[] = {
    {"get_loop", fut_get_loop, MINI_METH_NOARGS, "The loop the future belongs to."},
    {"done", fut_done, MINI_METH_NOARGS, "True once the future has a result, an exception or was cancelled."},
    {"cancelled", fut_cancelled, MINI_METH_NOARGS, "True if the future was cancelled."},
    {"result", fut_result, MINI_METH_NOARGS, "The result; raises the exception, CancelledError or InvalidStateError."},
    {"exception", fut_exception, MINI_METH_NOARGS, "The exception (None if the future has a result)."},
    {"set_result", fut_set_result, MINI_METH_O, "Marks the future done with a result and schedules its callbacks."},
    {"set_exception", fut_set_exception, MINI_METH_O, "Marks the future done with an exception and schedules its callbacks."},
    {"cancel", (MiniCFunction)(void (*)(void))fut_cancel, MINI_METH_VARARGS | MINI_METH_KEYWORDS, "cancel(msg=None): cancels a pending future."},
    {"add_done_callback", (MiniCFunction)(void (*)(void))fut_add_done_callback, MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "add_done_callback(fn): fn(future) runs on the loop once the future is done."},
    {"remove_done_callback", fut_remove_done_callback, MINI_METH_O, "Removes every registration of fn; returns how many."},
    {"_schedule_callbacks", fut_schedule_callbacks_m, MINI_METH_NOARGS, "Moves the callbacks to the loop's ready queue."},
    {"__await__", fut_await, MINI_METH_NOARGS, "The iterator that `await future` drives."},
    {"__iter__", fut_await, MINI_METH_NOARGS, "As __await__ (`yield from future`)."},
    {NULL, NULL, 0, NULL},
};

static MiniTypeObject Future_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "Future",
    .tp_basicsize = sizeof(FutureObject),
    .tp_dealloc = future_dealloc,
    .tp_repr = future_repr,
    .tp_methods = future_methods,
    .tp_getset = future_getset,
    .tp_dictoffset = offsetof(FutureObject, dict),
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = future_traverse,
    .tp_clear = future_clear,
    .tp_doc = "Future(*, loop=None): a result that arrives later; awaiting it suspends the task until it does.",
    .tp_new = future_new,
    .tp_init = future_init,
};

/* ----- the iterator behind `await future` -------------------------------------------------------- */

/* First step: a pending future yields itself (the task waits for it); once done, the result
 * ends the iteration (StopIteration(value), the exception, or CancelledError). */
static MiniObject *futureiter_next(MiniObject *self) {
    FutureIterObject *it = (FutureIterObject *)self;
    FutureObject *f = it->fut;
    if (f == NULL) return NULL;
    if (f->state == ST_PENDING) {
        if (!it->yielded) {
            it->yielded = 1;
            return Mini_NewRef((MiniObject *)f);
        }
        it->fut = NULL;
        Mini_DECREF(f);
        MiniErr_SetString(MiniExc_RuntimeError, "await wasn't used with future");
        return NULL;
    }
    it->fut = NULL;
    MiniObject *res = future_result_impl(f);
    Mini_DECREF(f);
    if (res == NULL) return NULL;
    if (res == Mini_None) { Mini_DECREF(res); return NULL; }
    _MiniGen_SetStopIterationValue(res);
    Mini_DECREF(res);
    return NULL;
}

static MiniObject *futureiter_send(MiniObject *self, MiniObject *value) {
    (void)value;   /* a Future ignores what is sent in, as CPython's */
    MiniObject *r = futureiter_next(self);
    if (r == NULL && !MiniErr_Occurred()) MiniErr_SetNone(MiniExc_StopIteration);
    return r;
}

static MiniObject *futureiter_iter(MiniObject *self) { return Mini_NewRef(self); }

static int futureiter_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT((MiniObject *)((FutureIterObject *)self)->fut);
    return 0;
}

static int futureiter_clear(MiniObject *self) {
    FutureIterObject *it = (FutureIterObject *)self;
    Mini_CLEAR(it->fut);
    return 0;
}

static void futureiter_dealloc(MiniObject *self) {
    futureiter_clear(self);
    MiniObject_Free(self);
}

static MiniMethodDef futureiter_methods[] = {
    {"send", futureiter_send, MINI_METH_O, "send(value): the next step of the await."},
    {NULL, NULL, 0, NULL},
};

static MiniTypeObject FutureIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_asyncio.FutureIter",
    .tp_basicsize = sizeof(FutureIterObject),
    .tp_dealloc = futureiter_dealloc,
    .tp_iter = futureiter_iter,
    .tp_iternext = futureiter_next,
    .tp_methods = futureiter_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = futureiter_traverse,
    .tp_clear = futureiter_clear,
    .tp_doc = "The iterator `await future` drives.",
};

/* ----- Task: one step ---------------------------------------------------------------------------- */

/* Sends None (thrown NULL) or throws `thrown` (stolen) into the coroutine: 0 it yielded *res,
 * 1 it returned *res, -1 it raised (the exception is set). Coroutines and generators go through
 * the VM directly (no StopIteration is made for a return); other objects through send/throw. */
static int coro_step(MiniObject *coro, MiniObject *thrown, MiniObject **res) {
    *res = NULL;
    if (_MiniGen_IsGenLike(coro))
        return thrown == NULL ? _MiniGen_Send((MiniGenObject *)coro, Mini_None, res)
                              : _MiniGen_Throw((MiniGenObject *)coro, thrown, res);
    MiniObject *r = thrown == NULL ? MiniObject_CallMethodObjArgs(coro, "send", Mini_None, NULL)
                                   : MiniObject_CallMethodObjArgs(coro, "throw", thrown, NULL);
    Mini_XDECREF(thrown);
    if (r != NULL) { *res = r; return 0; }
    if (!MiniErr_ExceptionMatches(MiniExc_StopIteration)) return -1;
    MiniObject *e = MiniErr_GetRaisedException();
    *res = MiniObject_GetAttr(e, s_value);
    Mini_DECREF(e);
    return *res != NULL ? 1 : -1;
}

/* The coroutine is over: leave loop._tasks. The task keeps its (closed) coroutine, as CPython's
 * does: get_coro() and the repr's coro=<work() done, defined at f.py:2> name it. */
static int task_finish(TaskObject *t) {
    MiniObject *tasks = MiniObject_GetAttr(t->fut.loop, s_tasks);
    if (tasks == NULL) return -1;
    int rc = MiniSet_Discard(tasks, (MiniObject *)t);
    Mini_DECREF(tasks);
    return rc < 0 ? -1 : 0;
}

/* Schedules this task's next step with `exc` (a new reference, or NULL: plain send). */
static int task_schedule_step(TaskObject *t, MiniObject *exc) {
    MiniObject *step = MiniObject_GetAttr((MiniObject *)t, s_step);
    if (step == NULL) { Mini_XDECREF(exc); return -1; }
    int rc = schedule(t->fut.loop, step, exc != NULL ? exc : Mini_None);
    Mini_DECREF(step);
    Mini_XDECREF(exc);
    return rc;
}

/* 1 when type(fut).name is Future's own C method (no Python override). */
static int is_own_method(MiniObject *fut, MiniObject *name) {
    MiniTypeObject *tp = Mini_TYPE(fut);
    return tp == &Future_Type || tp == &Task_Type || MiniType_Lookup(tp, name) == MiniType_Lookup(&Future_Type, name);
}

static int task_wait_for(TaskObject *t, MiniObject *res);

/* The coroutine yielded res (stolen): a future to wait for, None (a bare yield: run again next
 * turn) or anything else (an error thrown in at the next step). */
static int task_handle_yield(TaskObject *t, MiniObject *res) {
    if (res == Mini_None) { Mini_DECREF(res); return task_schedule_step(t, NULL); }
    if (!MiniObject_TypeCheck(res, &Future_Type)) {
        MiniErr_Format(MiniExc_RuntimeError, "Task got bad yield: %R", res);
        Mini_DECREF(res);
        return task_schedule_step(t, MiniErr_GetRaisedException());
    }
    if (res == (MiniObject *)t) {
        Mini_DECREF(res);
        MiniErr_SetString(MiniExc_RuntimeError, "Task cannot await on itself");
        return task_schedule_step(t, MiniErr_GetRaisedException());
    }
    Mini_SETREF(t->fut_waiter, Mini_NewRef(res));
    int rc = task_wait_for(t, res);
    Mini_DECREF(res);
    return rc;
}

/* Registers the task's wake-up on fut (borrowed; the caller holds a reference) and passes on a
 * cancellation requested meanwhile. */
static int task_wait_for(TaskObject *t, MiniObject *res) {
    MiniObject *wakeup = MiniObject_GetAttr((MiniObject *)t, s_wakeup);
    if (wakeup == NULL) return -1;
    int rc;
    if (is_own_method(res, s_add_done_callback)) {
        rc = future_add_callback_impl(FUT(res), wakeup);
    } else {
        MiniObject *r = MiniObject_CallMethodObjArgs(res, "add_done_callback", wakeup, NULL);
        rc = r == NULL ? -1 : 0;
        Mini_XDECREF(r);
    }
    Mini_DECREF(wakeup);
    if (rc < 0 || !t->must_cancel) return rc;
    MiniObject *r = MiniObject_CallMethodObjArgs(res, "cancel", t->fut.cancel_message ? t->fut.cancel_message : Mini_None, NULL);
    if (r == NULL) return -1;
    int truth = MiniObject_IsTrue(r);
    Mini_DECREF(r);
    if (truth > 0) t->must_cancel = 0;
    return truth < 0 ? -1 : 0;
}

/* The coroutine raised (the exception is set): the task ends cancelled or with the exception.
 * KeyboardInterrupt and SystemExit are stored and raised again (they stop the loop). */
static int task_handle_raise(TaskObject *t) {
    MiniObject *e = MiniErr_GetRaisedException();
    if (task_finish(t) < 0) { Mini_DECREF(e); return -1; }
    if (CancelledError != NULL && MiniErr_GivenExceptionMatches(e, CancelledError)) {
        MiniObject *args = MiniException_GetArgs(e);
        MiniObject *msg = args != NULL && MiniTuple_Check(args) && MiniTuple_GET_SIZE(args) > 0 ? MiniTuple_GET_ITEM(args, 0) : NULL;
        int rc = future_cancel_impl(&t->fut, msg);
        Mini_XDECREF(args);
        Mini_DECREF(e);
        return rc < 0 ? -1 : 0;
    }
    int fatal = MiniErr_GivenExceptionMatches(e, MiniExc_KeyboardInterrupt) || MiniErr_GivenExceptionMatches(e, MiniExc_SystemExit);
    int rc = future_set_exception_impl(&t->fut, e);
    if (rc == 0 && fatal) { MiniErr_SetRaisedException(e); return -1; }
    Mini_DECREF(e);
    return rc;
}

/* One step: exc (borrowed, may be NULL) is thrown into the coroutine, else None is sent. */
static int task_step_impl(TaskObject *t, MiniObject *exc) {
    FutureObject *f = &t->fut;
    if (f->state != ST_PENDING || t->coro == NULL) return 0;
    MiniObject *thrown = Mini_XNewRef(exc == Mini_None ? NULL : exc);
    if (t->must_cancel) {
        if (thrown == NULL || CancelledError == NULL || !MiniErr_GivenExceptionMatches(thrown, CancelledError)) {
            Mini_XDECREF(thrown);
            if ((thrown = make_cancelled(f->cancel_message)) == NULL) return -1;
        }
        t->must_cancel = 0;
    }
    Mini_CLEAR(t->fut_waiter);
    MiniObject *loop = Mini_NewRef(f->loop);
    MiniObject *previous = MiniObject_GetAttr(loop, s_current);
    if (previous == NULL || MiniObject_SetAttr(loop, s_current, (MiniObject *)t) < 0) {
        Mini_XDECREF(previous); Mini_XDECREF(thrown); Mini_DECREF(loop);
        return -1;
    }
    MiniObject *coro = Mini_NewRef(t->coro), *res = NULL, *ctx = Mini_XNewRef(t->context), *outer = NULL;
    int status;
    if (ctx != NULL && _MiniContext_Enter(ctx, &outer) < 0) {
        Mini_XDECREF(thrown);   /* the task's context is entered elsewhere: the step fails with that error */
        status = -1;
    } else {
        status = coro_step(coro, thrown, &res);
        if (ctx != NULL) _MiniContext_Exit(ctx, outer);
    }
    Mini_XDECREF(ctx);
    Mini_DECREF(coro);
    int rc;
    if (status == 0) {
        rc = task_handle_yield(t, res);
    } else if (status == 1) {
        rc = task_finish(t);
        if (rc == 0 && t->must_cancel) {
            t->must_cancel = 0;
            rc = future_cancel_impl(f, f->cancel_message) < 0 ? -1 : 0;
        } else if (rc == 0) {
            rc = future_set_result_impl(f, res);
        }
        Mini_DECREF(res);
    } else {
        rc = task_handle_raise(t);
    }
    MiniObject *pending = rc < 0 ? MiniErr_GetRaisedException() : NULL;
    if (MiniObject_SetAttr(loop, s_current, previous) < 0 && pending == NULL) { pending = MiniErr_GetRaisedException(); rc = -1; }
    else if (pending != NULL) MiniErr_Clear();
    Mini_DECREF(previous);
    Mini_DECREF(loop);
    if (pending != NULL) MiniErr_SetRaisedException(pending);
    return rc;
}

/* ----- Task: the type ----------------------------------------------------------------------------- */

static int task_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    static const char *const names[] = {"loop", "name", "context", NULL};
    MiniObject *kw[3] = {NULL, NULL, NULL};
    if (MiniTuple_GET_SIZE(args) != 1) {
        MiniErr_Format(MiniExc_TypeError, "Task() takes exactly one positional argument (%zd given)", (size_t)MiniTuple_GET_SIZE(args));
        return -1;
    }
    MiniObject *coro = MiniTuple_GET_ITEM(args, 0), *empty = MiniTuple_New(0);
    if (empty == NULL) return -1;
    int rc = keyword_args(empty, kwargs, 0, "Task", names, kw);
    Mini_DECREF(empty);
    TaskObject *t = TASK(self);
    if (rc < 0 || future_init_loop(&t->fut, kw[0]) < 0) return -1;
    if (Mini_TYPE(coro) != &MiniCoro_Type) {
        MiniObject *r = is_coroutine != NULL ? MiniObject_CallOneArg(is_coroutine, coro) : NULL;
        int ok = r != NULL ? MiniObject_IsTrue(r) : -1;
        Mini_XDECREF(r);
        if (ok < 0) return -1;
        if (!ok) { MiniErr_Format(MiniExc_TypeError, "a coroutine was expected, got %R", coro); return -1; }
    }
    Mini_SETREF(t->coro, Mini_NewRef(coro));
    MiniObject *ctx = kw[2] != NULL && kw[2] != Mini_None ? Mini_NewRef(kw[2]) : _MiniContext_Copy();
    if (ctx == NULL) return -1;
    Mini_SETREF(t->context, ctx);
    if (kw[1] != NULL && kw[1] != Mini_None) {
        MiniObject *s = MiniObject_Str(kw[1]);
        if (s == NULL) return -1;
        Mini_SETREF(t->name, s);
    }
    t->number = ++task_counter;
    Mini_CLEAR(t->fut_waiter);
    t->must_cancel = 0;
    t->num_cancels = 0;
    MiniObject *tasks = MiniObject_GetAttr(t->fut.loop, s_tasks);
    if (tasks == NULL) return -1;
    rc = MiniSet_Add(tasks, self);
    Mini_DECREF(tasks);
    return rc < 0 ? -1 : task_schedule_step(t, NULL);
}

static int task_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    TaskObject *t = TASK(self);
    Mini_VISIT(t->coro);
    Mini_VISIT(t->name);
    Mini_VISIT(t->fut_waiter);
    Mini_VISIT(t->context);
    return future_traverse(self, visit, arg);
}

static int task_clear(MiniObject *self) {
    TaskObject *t = TASK(self);
    Mini_CLEAR(t->coro);
    Mini_CLEAR(t->name);
    Mini_CLEAR(t->fut_waiter);
    Mini_CLEAR(t->context);
    return future_clear(self);
}

static void task_dealloc(MiniObject *self) {
    task_clear(self);
    MiniObject_Free(self);
}

/* The task's name (a new reference): the one given, else 'Task-N' (made now and kept). */
static MiniObject *task_name(TaskObject *t) {
    if (t->name == NULL && (t->name = MiniUnicode_FromFormat("Task-%lld", t->number)) == NULL) return NULL;
    return Mini_NewRef(t->name);
}

/* CPython's _task_repr_info: the future's parts with 'cancelling' for a pending task asked to
 * cancel, name=..., coro=<...> and wait_for=<the future it waits on> inserted after the state. */
static MiniObject *task_repr(MiniObject *self) {
    TaskObject *t = TASK(self);
    MiniObject *parts = future_repr_info(FUT(self));
    if (parts == NULL) return NULL;
    int bad = 0;
    if (t->num_cancels > 0 && FUT(self)->state == ST_PENDING) {
        MiniObject *c = MiniUnicode_FromString("cancelling");
        bad = c == NULL || MiniList_SetItem(parts, 0, c) < 0;
    }
    MiniObject *name = bad ? NULL : task_name(t);
    MiniObject *coro = name != NULL ? _MiniAsyncio_FormatCoro(t->coro != NULL ? t->coro : Mini_None) : NULL;
    MiniObject *p1 = name != NULL ? MiniUnicode_FromFormat("name=%R", name) : NULL;
    MiniObject *p2 = coro != NULL ? MiniUnicode_FromFormat("coro=<%U>", coro) : NULL;
    MiniObject *p3 = t->fut_waiter != NULL ? MiniUnicode_FromFormat("wait_for=%R", t->fut_waiter) : NULL;
    bad = p1 == NULL || p2 == NULL || (t->fut_waiter != NULL && p3 == NULL) ||
          MiniList_Insert(parts, 1, p1) < 0 || MiniList_Insert(parts, 2, p2) < 0 ||
          (p3 != NULL && MiniList_Insert(parts, 3, p3) < 0);
    Mini_XDECREF(name); Mini_XDECREF(coro); Mini_XDECREF(p1); Mini_XDECREF(p2); Mini_XDECREF(p3);
    MiniObject *r = bad ? NULL : repr_from_parts(self, parts);
    Mini_DECREF(parts);
    return r;
}

static MiniObject *task_get_name(MiniObject *self, MiniObject *unused) { (void)unused; return task_name(TASK(self)); }
static MiniObject *task_get_coro(MiniObject *self, MiniObject *unused) { (void)unused; return Mini_NewRef(TASK(self)->coro ? TASK(self)->coro : Mini_None); }
static MiniObject *task_cancelling(MiniObject *self, MiniObject *unused) { (void)unused; return MiniLong_FromSsize_t(TASK(self)->num_cancels); }

static MiniObject *task_set_name(MiniObject *self, MiniObject *value) {
    MiniObject *s = MiniObject_Str(value);
    if (s == NULL) return NULL;
    Mini_SETREF(TASK(self)->name, s);
    return Mini_NewRef(Mini_None);
}

static MiniObject *task_uncancel(MiniObject *self, MiniObject *unused) {
    (void)unused;
    if (TASK(self)->num_cancels > 0) TASK(self)->num_cancels--;
    return MiniLong_FromSsize_t(TASK(self)->num_cancels);
}

/* cancel(msg=None): asks the task to cancel: the future it waits on is cancelled, else a
 * CancelledError is thrown into the coroutine at its next step. */
static MiniObject *task_cancel(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    static const char *const names[] = {"msg", NULL};
    MiniObject *kw[1] = {NULL};
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 1) return MiniErr_Format(MiniExc_TypeError, "cancel() takes at most 1 argument (%zd given)", (size_t)n);
    MiniObject *empty = MiniTuple_New(0);
    if (empty == NULL) return NULL;
    int rc = keyword_args(empty, kwargs, 0, "cancel", names, kw);
    Mini_DECREF(empty);
    if (rc < 0) return NULL;
    MiniObject *msg = n == 1 ? MiniTuple_GET_ITEM(args, 0) : kw[0] != NULL ? kw[0] : Mini_None;
    TaskObject *t = TASK(self);
    if (t->fut.state != ST_PENDING) return MiniBool_FromLong(0);
    t->num_cancels++;
    if (t->fut_waiter != NULL) {
        MiniObject *waiter = Mini_NewRef(t->fut_waiter);
        MiniObject *r = MiniObject_CallMethodObjArgs(waiter, "cancel", msg, NULL);
        Mini_DECREF(waiter);
        if (r == NULL) return NULL;
        int truth = MiniObject_IsTrue(r);
        Mini_DECREF(r);
        if (truth < 0) return NULL;
        if (truth) return MiniBool_FromLong(1);
    }
    t->must_cancel = 1;
    Mini_SETREF(t->fut.cancel_message, msg == Mini_None ? NULL : Mini_NewRef(msg));
    return MiniBool_FromLong(1);
}

static MiniObject *task_set_result(MiniObject *self, MiniObject *v) {
    (void)self; (void)v;
    MiniErr_SetString(MiniExc_RuntimeError, "Task does not support set_result operation");
    return NULL;
}

static MiniObject *task_set_exception(MiniObject *self, MiniObject *v) {
    (void)self; (void)v;
    MiniErr_SetString(MiniExc_RuntimeError, "Task does not support set_exception operation");
    return NULL;
}

/* _step(exc=None) */
static MiniObject *task_step(MiniObject *self, MiniObject *args) {
    MiniObject *exc = NULL;
    if (!MiniArg_UnpackTuple(args, "_step", 0, 1, &exc)) return NULL;
    return task_step_impl(TASK(self), exc) < 0 ? NULL : Mini_NewRef(Mini_None);
}

/* _wakeup(fut): the awaited future is done; the next step sends None or throws its exception. */
static MiniObject *task_wakeup(MiniObject *self, MiniObject *fut) {
    int rc;
    if (MiniObject_TypeCheck(fut, &Future_Type) && FUT(fut)->state == ST_FINISHED && FUT(fut)->exception == NULL) {
        rc = task_step_impl(TASK(self), NULL);
    } else {
        MiniObject *r = MiniObject_TypeCheck(fut, &Future_Type) ? future_result_impl(FUT(fut))
                                                              : MiniObject_CallMethodObjArgs(fut, "result", NULL);
        if (r != NULL) {
            Mini_DECREF(r);
            rc = task_step_impl(TASK(self), NULL);
        } else {
            MiniObject *e = MiniErr_GetRaisedException();
            rc = task_step_impl(TASK(self), e);
            Mini_DECREF(e);
        }
    }
    return rc < 0 ? NULL : Mini_NewRef(Mini_None);
}

static MiniObject *get_name(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(TASK(self)->name != NULL ? TASK(self)->name : Mini_None);
}

static int set_name(MiniObject *self, MiniObject *v, void *c) {
    (void)c;
    Mini_SETREF(TASK(self)->name, (v == NULL || v == Mini_None) ? NULL : Mini_NewRef(v));
    return 0;
}

static MiniObject *get_must_cancel(MiniObject *self, void *c) { (void)c; return MiniBool_FromLong(TASK(self)->must_cancel); }

static int set_must_cancel(MiniObject *self, MiniObject *v, void *c) {
    (void)c;
    int truth = v != NULL ? MiniObject_IsTrue(v) : 0;
    if (truth < 0) return -1;
    TASK(self)->must_cancel = truth;
    return 0;
}

static MiniObject *get_num_cancels(MiniObject *self, void *c) { (void)c; return MiniLong_FromSsize_t(TASK(self)->num_cancels); }

static int set_num_cancels(MiniObject *self, MiniObject *v, void *c) {
    (void)c;
    Mini_ssize_t n = v != NULL ? MiniLong_AsSsize_t(v) : 0;
    if (n == -1 && MiniErr_Occurred()) return -1;
    TASK(self)->num_cancels = n;
    return 0;
}

static MiniGetSetDef task_getset[] = {
    {"_coro", get_coro, set_coro, NULL, NULL},
    {"_name", get_name, set_name, NULL, NULL},
    {"_fut_waiter", get_fut_waiter, set_fut_waiter, NULL, NULL},
    {"_must_cancel", get_must_cancel, set_must_cancel, NULL, NULL},
    {"_num_cancels", get_num_cancels, set_num_cancels, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniMethodDef task_methods[] = {
    {"get_name", task_get_name, MINI_METH_NOARGS, "The task's name ('Task-N' unless one was given)."},
    {"set_name", task_set_name, MINI_METH_O, "Sets the name (str(value))."},
    {"get_coro", task_get_coro, MINI_METH_NOARGS, "The coroutine (None once it has finished)."},
    {"cancelling", task_cancelling, MINI_METH_NOARGS, "How many cancellation requests are pending."},
    {"uncancel", task_uncancel, MINI_METH_NOARGS, "Withdraws one cancellation request; how many are left."},
    {"cancel", (MiniCFunction)(void (*)(void))task_cancel, MINI_METH_VARARGS | MINI_METH_KEYWORDS, "cancel(msg=None): asks the task to cancel."},
    {"set_result", task_set_result, MINI_METH_O, "Not supported on a Task (RuntimeError)."},
    {"set_exception", task_set_exception, MINI_METH_O, "Not supported on a Task (RuntimeError)."},
    {"_step", task_step, MINI_METH_VARARGS, "_step(exc=None): runs the coroutine to its next await."},
    {"_wakeup", task_wakeup, MINI_METH_O, "_wakeup(fut): the awaited future is done; take the next step."},
    {NULL, NULL, 0, NULL},
};

static MiniTypeObject Task_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "Task",
    .tp_basicsize = sizeof(TaskObject),
    .tp_dealloc = task_dealloc,
    .tp_repr = task_repr,
    .tp_methods = task_methods,
    .tp_getset = task_getset,
    .tp_dictoffset = offsetof(TaskObject, fut.dict),
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = task_traverse,
    .tp_clear = task_clear,
    .tp_doc = "Task(coro, *, loop=None, name=None): runs a coroutine on the loop, one step per turn.",
    .tp_base = &Future_Type,
    .tp_new = future_new,
    .tp_init = task_init,
};

/* ----- the module ------------------------------------------------------------------------------- */

/* _setup(get_running_loop, CancelledError, InvalidStateError, iscoroutine, strip): asyncio.py's
 * objects the C side calls. Once per import of asyncio (a later call replaces them). */
static MiniObject *asyncio_setup(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *a, *b, *c, *d, *e;
    if (!MiniArg_UnpackTuple(args, "_setup", 5, 5, &a, &b, &c, &d, &e)) return NULL;
    Mini_SETREF(get_running_loop, Mini_NewRef(a));
    Mini_SETREF(CancelledError, Mini_NewRef(b));
    Mini_SETREF(InvalidStateError, Mini_NewRef(c));
    Mini_SETREF(is_coroutine, Mini_NewRef(d));
    Mini_SETREF(strip_tb, Mini_NewRef(e));
    return Mini_NewRef(Mini_None);
}

static MiniMethodDef asyncio_functions[] = {
    {"_setup", asyncio_setup, MINI_METH_VARARGS, "_setup(get_running_loop, CancelledError, InvalidStateError, iscoroutine, strip)"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef asyncio_module = {
    MiniModuleDef_HEAD_INIT, "_asyncio", "The C core of asyncio: Future, Task and the await iterator.", 0, asyncio_functions,
    /* Free-threaded builds: a loop and its futures belong to one thread (asyncio.py's rule). */
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

static int intern_names(void) {
    static const char *const texts[] = {"_ready", "_current", "_tasks", "_step", "_wakeup", "cancel",
                                        "add_done_callback", "send", "throw", "value"};
    MiniObject **slots[] = {&s_ready, &s_current, &s_tasks, &s_step, &s_wakeup, &s_cancel,
                            &s_add_done_callback, &s_send, &s_throw, &s_value};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (*slots[i] == NULL && (*slots[i] = MiniUnicode_InternFromString(texts[i])) == NULL) return -1;
    static const char *const states[] = {"PENDING", "CANCELLED", "FINISHED"};
    for (int i = 0; i < 3; i++)
        if (state_names[i] == NULL && (state_names[i] = MiniUnicode_InternFromString(states[i])) == NULL) return -1;
    return 0;
}

/* New reference to the _asyncio module, or NULL with an exception. */
MiniObject *MiniInit__asyncio(void) {
    if (intern_names() < 0) return NULL;
    if (MiniType_Ready(&Future_Type) < 0 || MiniType_Ready(&Task_Type) < 0 || MiniType_Ready(&FutureIter_Type) < 0) return NULL;
    MiniObject *m = MiniModule_Create(&asyncio_module);
    if (m == NULL) return NULL;
    if (MiniModule_AddObjectRef(m, "Future", (MiniObject *)&Future_Type) < 0 ||
        MiniModule_AddObjectRef(m, "Task", (MiniObject *)&Task_Type) < 0) {
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}
