/* vm/coroobject.c: coroutines (the objects `async def` functions return) and the await protocol.
 *
 * A coroutine is a generator (genobject.c) of another type: the same frame, resumption, throw and
 * close, but it is not an iterator; `await` drives it through GET_AWAITABLE and SEND, and an
 * event loop drives it with send(None) / throw(exc) / close(). coro.__await__() returns a
 * "coroutine_wrapper", the iterator view of the same coroutine. What `await x` accepts, as in
 * CPython: a coroutine, a generator marked as an iterable coroutine, or any object whose type has
 * __await__ returning an iterator (a Future's `__await__` is typically a generator that yields
 * the future itself). A coroutine dropped before it ever ran prints CPython's "RuntimeWarning:
 * coroutine '...' was never awaited" on stderr. Also here: BEFORE_ASYNC_WITH's lookup. */
#include "vm_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----- the never-awaited warning ----------------------------------------------------------------- */

void _MiniCoro_WarnUnawaited(MiniGenObject *coro) {
    MiniObject *saved = MiniErr_GetRaisedException();
    MiniVMThread *ts = (MiniVMThread *)_Mini_tstate_current->vm_data;
    MiniFrame *f = ts != NULL ? ts->frame : NULL;
    const char *qualname = MiniUnicode_AsUTF8(coro->gi_qualname);
    if (qualname == NULL) { MiniErr_Clear(); qualname = "?"; }
    char head[512];
    if (f == NULL) {
        /* No Python code running (the end of a run): CPython names "sys", line 1. */
        snprintf(head, sizeof head, "sys:1: RuntimeWarning: coroutine '%s' was never awaited\n", qualname);
        MiniVM_Write(2, head, (Mini_ssize_t)strlen(head));
    } else {
        MiniCodeObject *co = f->f_code;
        Mini_ssize_t lasti = f->f_ip - co->co_code - 1;
        int line = (lasti >= 0 && lasti < co->co_ncode) ? co->co_positions[lasti].line : co->co_firstlineno;
        const char *file = MiniUnicode_AsUTF8(co->co_filename);
        if (file == NULL) { MiniErr_Clear(); file = "?"; }
        snprintf(head, sizeof head, "%s:%d: RuntimeWarning: coroutine '%s' was never awaited\n", file, line, qualname);
        MiniVM_Write(2, head, (Mini_ssize_t)strlen(head));
        char *text = _MiniVM_SourceLine(file, line);
        if (text != NULL) {
            const char *p = text;
            while (*p == ' ' || *p == '\t') p++;
            MiniVM_Write(2, "  ", 2);
            MiniVM_Write(2, p, (Mini_ssize_t)strlen(p));
            MiniVM_Write(2, "\n", 1);
            free(text);
        }
        static const char tail[] = "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n";
        MiniVM_Write(2, tail, (Mini_ssize_t)sizeof tail - 1);
    }
    if (saved != NULL) MiniErr_SetRaisedException(saved);
}

/* ----- awaitables --------------------------------------------------------------------------------- */

/* type(o).<name> bound to o, or NULL without an exception when the type has none. */
static MiniObject *lookup_special(MiniObject *o, const char *name) {
    MiniObject *key = MiniUnicode_FromString(name);
    if (key == NULL) return NULL;
    MiniObject *descr = MiniType_Lookup(Mini_TYPE(o), key);
    Mini_DECREF(key);
    if (descr == NULL) return NULL;
    Mini_descrgetfunc get = Mini_TYPE(descr)->tp_descr_get;
    if (get == NULL) return Mini_NewRef(descr);
    Mini_INCREF(descr);
    MiniObject *res = get(descr, o, (MiniObject *)Mini_TYPE(o));
    Mini_DECREF(descr);
    return res;
}

static int is_iterable_coroutine(MiniObject *o) {
    if (Mini_TYPE(o) != &MiniGen_Type) return 0;
    MiniCodeObject *co = ((MiniGenObject *)o)->gi_frame.f_code;
    return co != NULL && (co->co_flags & MINI_CO_ITERABLE_COROUTINE) != 0;
}

MiniObject *_MiniVM_GetAwaitable(MiniObject *o, int where) {
    if (Mini_TYPE(o) == &MiniCoro_Type) {
        if (_MiniGen_Yf((MiniGenObject *)o) != NULL) {
            MiniErr_SetString(MiniExc_RuntimeError, "coroutine is being awaited already");
            return NULL;
        }
        return Mini_NewRef(o);
    }
    if (is_iterable_coroutine(o)) return Mini_NewRef(o);
    MiniObject *meth = lookup_special(o, "__await__");
    if (meth == NULL) {
        if (MiniErr_Occurred()) return NULL;
        if (where == 1)
            return MiniErr_Format(MiniExc_TypeError, "'async with' received an object from __aenter__ that "
                                  "does not implement __await__: %.100s", Mini_TYPE(o)->tp_name);
        if (where == 2)
            return MiniErr_Format(MiniExc_TypeError, "'async with' received an object from __aexit__ that "
                                  "does not implement __await__: %.100s", Mini_TYPE(o)->tp_name);
        return MiniErr_Format(MiniExc_TypeError, "object %.100s can't be used in 'await' expression",
                              Mini_TYPE(o)->tp_name);
    }
    MiniObject *it = MiniObject_CallNoArgs(meth);
    Mini_DECREF(meth);
    if (it == NULL) return NULL;
    if (Mini_TYPE(it) == &MiniCoro_Type || is_iterable_coroutine(it)) {
        Mini_DECREF(it);
        return MiniErr_Format(MiniExc_TypeError, "__await__() returned a coroutine");
    }
    if (Mini_TYPE(it)->tp_iternext == NULL) {
        MiniErr_Format(MiniExc_TypeError, "__await__() returned non-iterator of type '%.100s'", Mini_TYPE(it)->tp_name);
        Mini_DECREF(it);
        return NULL;
    }
    return it;
}

MiniObject *_MiniVM_BeforeAsyncWith(MiniObject *mgr, MiniObject **exit) {
    *exit = NULL;
    MiniObject *enter = lookup_special(mgr, "__aenter__");
    if (enter == NULL) {
        if (!MiniErr_Occurred())
            MiniErr_Format(MiniExc_TypeError, "'%.200s' object does not support the asynchronous context manager "
                           "protocol", Mini_TYPE(mgr)->tp_name);
        return NULL;
    }
    MiniObject *ex = lookup_special(mgr, "__aexit__");
    if (ex == NULL) {
        if (!MiniErr_Occurred())
            MiniErr_Format(MiniExc_TypeError, "'%.200s' object does not support the asynchronous context manager "
                           "protocol (missed __aexit__ method)", Mini_TYPE(mgr)->tp_name);
        Mini_DECREF(enter);
        return NULL;
    }
    MiniObject *res = MiniObject_CallNoArgs(enter);
    Mini_DECREF(enter);
    if (res == NULL) { Mini_DECREF(ex); return NULL; }
    *exit = ex;
    return res;
}

/* ----- the coroutine type ---------------------------------------------------------------------------- */

static MiniObject *coro_repr(MiniObject *self) {
    return MiniUnicode_FromFormat("<coroutine object %U at %p>", ((MiniGenObject *)self)->gi_qualname, (void *)self);
}

/* coro.__await__(): the iterator view of the coroutine. */
typedef struct {
    MiniObject_HEAD
    MiniObject *coro;
} CoroWrapper;

static int wrapper_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((CoroWrapper *)self)->coro);
    return 0;
}

static MiniObject *coro_await(MiniObject *self, MiniObject *unused) {
    (void)unused;
    CoroWrapper *w = (CoroWrapper *)MiniObject_New(&MiniCoroWrapper_Type);
    if (w == NULL) return NULL;
    w->coro = Mini_NewRef(self);
    return (MiniObject *)w;
}

static MiniObject *coro_get_name(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniGenObject *)self)->gi_name);
}
static MiniObject *coro_get_qualname(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniGenObject *)self)->gi_qualname);
}
static MiniObject *coro_get_running(MiniObject *self, void *c) {
    (void)c;
    return MiniBool_FromLong(((MiniGenObject *)self)->gi_state == MINI_GEN_RUNNING);
}
static MiniObject *coro_get_suspended(MiniObject *self, void *c) {
    (void)c;
    return MiniBool_FromLong(((MiniGenObject *)self)->gi_state == MINI_GEN_SUSPENDED);
}
static MiniObject *coro_get_await(MiniObject *self, void *c) {
    (void)c;
    MiniObject *yf = _MiniGen_Yf((MiniGenObject *)self);
    return Mini_NewRef(yf != NULL ? yf : Mini_None);
}
static MiniObject *coro_get_code(MiniObject *self, void *c) {
    (void)c;
    MiniCodeObject *co = ((MiniGenObject *)self)->gi_frame.f_code;
    return Mini_NewRef(co != NULL ? (MiniObject *)co : Mini_None);
}
/* MiniPy has no frame objects: cr_frame is None once the coroutine has finished (what asyncio
 * tests) and the code object while it can still run. */
static MiniObject *coro_get_frame(MiniObject *self, void *c) {
    MiniGenObject *g = (MiniGenObject *)self;
    if (g->gi_state == MINI_GEN_CLOSED) Mini_RETURN_NONE;
    return coro_get_code(self, c);
}

static MiniMethodDef coro_methods[] = {
    { "send", (MiniCFunction)_MiniGen_SendMethod, MINI_METH_O, NULL },
    { "throw", (MiniCFunction)_MiniGen_ThrowMethod, MINI_METH_VARARGS, NULL },
    { "close", (MiniCFunction)_MiniGen_CloseMethod, MINI_METH_NOARGS, NULL },
    { "__await__", (MiniCFunction)coro_await, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MiniGetSetDef coro_getset[] = {
    { "__name__", coro_get_name, NULL, NULL, NULL },
    { "__qualname__", coro_get_qualname, NULL, NULL, NULL },
    { "cr_running", coro_get_running, NULL, NULL, NULL },
    { "cr_suspended", coro_get_suspended, NULL, NULL, NULL },
    { "cr_await", coro_get_await, NULL, NULL, NULL },
    { "cr_code", coro_get_code, NULL, NULL, NULL },
    { "cr_frame", coro_get_frame, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniCoro_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "coroutine",
    .tp_basicsize = sizeof(MiniGenObject),
    .tp_itemsize = sizeof(MiniObject *),
    .tp_dealloc = _MiniGen_Dealloc,
    .tp_repr = coro_repr,
    .tp_methods = coro_methods,
    .tp_getset = coro_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC | MINI_TPFLAGS_WEAKREFABLE,
    .tp_traverse = _MiniGen_Traverse,
    .tp_clear = _MiniGen_Clear,
    .tp_finalize = _MiniGen_Finalize,
};

/* ----- coroutine_wrapper --------------------------------------------------------------------------- */

static void wrapper_dealloc(MiniObject *self) {
    Mini_CLEAR(((CoroWrapper *)self)->coro);
    MiniObject_Free(self);
}

static MiniObject *wrapper_iter(MiniObject *self) { return Mini_NewRef(self); }

static MiniObject *wrapper_iternext(MiniObject *self) {
    return _MiniGen_SendMethod(((CoroWrapper *)self)->coro, Mini_None);
}
static MiniObject *wrapper_send(MiniObject *self, MiniObject *v) {
    return _MiniGen_SendMethod(((CoroWrapper *)self)->coro, v);
}
static MiniObject *wrapper_throw(MiniObject *self, MiniObject *args) {
    return _MiniGen_ThrowMethod(((CoroWrapper *)self)->coro, args);
}
static MiniObject *wrapper_close(MiniObject *self, MiniObject *unused) {
    return _MiniGen_CloseMethod(((CoroWrapper *)self)->coro, unused);
}

static MiniMethodDef wrapper_methods[] = {
    { "send", (MiniCFunction)wrapper_send, MINI_METH_O, NULL },
    { "throw", (MiniCFunction)wrapper_throw, MINI_METH_VARARGS, NULL },
    { "close", (MiniCFunction)wrapper_close, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

MiniTypeObject MiniCoroWrapper_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "coroutine_wrapper",
    .tp_basicsize = sizeof(CoroWrapper),
    .tp_dealloc = wrapper_dealloc,
    .tp_iter = wrapper_iter,
    .tp_iternext = wrapper_iternext,
    .tp_methods = wrapper_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = wrapper_traverse,
};
