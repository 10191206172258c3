/* Modules/asyncio_repr.c: the parts of a Future's and a Task's repr that describe other objects,
 * in CPython 3.11's words (asyncio's base_futures / base_tasks / format_helpers / coroutines):
 *   cb=[f() at file.py:12, <2 more>, Cls.meth()]    the done callbacks (first, count, last)
 *   coro=<work() running at file.py:3>               a coroutine, suspended or not started
 *   coro=<work() done, defined at file.py:2>         a finished one
 *   result=[0, 1, 2, 3, 4, 5, ...]                   reprlib.repr of a result (Lib/reprlib.py)
 * A callback is named by its __qualname__ (else __name__, else repr) and "()", with the file and
 * first line of a Python function, through functools.partial objects (their arguments shown, as
 * CPython does); the C Task's own wake-up method is shown as CPython names it, Task.task_wakeup().
 * Every function returns a new str or NULL with an exception; all run with the GIL held. */
#include "stdlib_internal.h"
#include "vm_internal.h"

#include <string.h>

/* " at FILE:LINE" for a Python function (after unwrapping partials), else "" (new reference). */
static MiniObject *function_source(MiniObject *fn) {
    if (!MiniFunction_Check(fn)) return MiniUnicode_FromString("");
    MiniCodeObject *co = (MiniCodeObject *)((MiniFunctionObject *)fn)->func_code;
    return MiniUnicode_FromFormat(" at %U:%d", co->co_filename, co->co_firstlineno);
}

/* "(a, b, k=v)": reprlib.repr of each argument, as asyncio's _format_args_and_kwargs. */
static MiniObject *format_args(MiniObject *args, MiniObject *kwargs) {
    MiniObject *parts = MiniList_New(0);
    if (parts == NULL) return NULL;
    Mini_ssize_t n = args != NULL && MiniTuple_Check(args) ? MiniTuple_GET_SIZE(args) : 0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *r = _MiniAsyncio_ShortRepr(MiniTuple_GET_ITEM(args, i));
        if (r == NULL || MiniList_Append(parts, r) < 0) { Mini_XDECREF(r); Mini_DECREF(parts); return NULL; }
        Mini_DECREF(r);
    }
    Mini_ssize_t pos = 0;
    MiniObject *k, *v;
    while (kwargs != NULL && MiniDict_Check(kwargs) && MiniDict_Next(kwargs, &pos, &k, &v)) {
        MiniObject *r = _MiniAsyncio_ShortRepr(v);
        MiniObject *item = r != NULL ? MiniUnicode_FromFormat("%S=%U", k, r) : NULL;
        Mini_XDECREF(r);
        if (item == NULL || MiniList_Append(parts, item) < 0) { Mini_XDECREF(item); Mini_DECREF(parts); return NULL; }
        Mini_DECREF(item);
    }
    MiniObject *sep = MiniUnicode_FromString(", ");
    MiniObject *joined = sep != NULL ? MiniObject_CallMethodObjArgs(sep, "join", parts, NULL) : NULL;
    Mini_XDECREF(sep);
    Mini_DECREF(parts);
    if (joined == NULL) return NULL;
    MiniObject *r = MiniUnicode_FromFormat("(%U)", joined);
    Mini_DECREF(joined);
    return r;
}

/* The name asyncio shows for a callable: __qualname__, else __name__, else repr(). */
static MiniObject *callable_name(MiniObject *fn) {
    static const char *const attrs[] = {"__qualname__", "__name__"};
    for (int i = 0; i < 2; i++) {
        MiniObject *name = MiniObject_GetAttrString(fn, attrs[i]);
        if (name != NULL && MiniUnicode_Check(name) && MiniUnicode_GetLength(name) > 0) return name;
        Mini_XDECREF(name);
        MiniErr_Clear();
    }
    return MiniObject_Repr(fn);
}

/* 1 when fn is the C Task's bound _wakeup method (CPython calls it Task.task_wakeup). */
static int is_task_wakeup(MiniObject *fn) {
    MiniObject *self = MiniCFunction_Check(fn) ? ((MiniCFunctionObject *)fn)->m_self : NULL;
    const char *name = MiniCFunction_Check(fn) ? ((MiniCFunctionObject *)fn)->m_ml->ml_name : NULL;
    return self != NULL && name != NULL && strcmp(name, "_wakeup") == 0 &&
           strcmp(MiniType_Name(Mini_TYPE(self)), "Task") == 0;
}

/* One callback: name + arguments (+ suffix) + source, unwrapping functools.partial. */
static MiniObject *format_callback(MiniObject *fn, MiniObject *suffix) {
    if (is_task_wakeup(fn)) return MiniUnicode_FromFormat("Task.task_wakeup%U", suffix);
    if (strcmp(MiniType_Name(Mini_TYPE(fn)), "partial") == 0) {
        MiniObject *inner = MiniObject_GetAttrString(fn, "func");
        MiniObject *args = inner ? MiniObject_GetAttrString(fn, "args") : NULL;
        MiniObject *kw = args ? MiniObject_GetAttrString(fn, "keywords") : NULL;
        MiniObject *shown = kw ? format_args(args, kw) : NULL;
        MiniObject *more = shown ? MiniUnicode_Concat(shown, suffix) : NULL;
        MiniObject *r = more ? format_callback(inner, more) : NULL;
        Mini_XDECREF(inner); Mini_XDECREF(args); Mini_XDECREF(kw); Mini_XDECREF(shown); Mini_XDECREF(more);
        if (r == NULL) MiniErr_Clear();
        return r != NULL ? r : MiniObject_Repr(fn);
    }
    MiniObject *name = callable_name(fn);
    MiniObject *src = name != NULL ? function_source(fn) : NULL;
    MiniObject *r = src != NULL ? MiniUnicode_FromFormat("%U%U%U", name, suffix, src) : NULL;
    Mini_XDECREF(name);
    Mini_XDECREF(src);
    return r;
}

/* cb=[...] for a non-empty list of done callbacks: one, two, or first, <N more>, last. */
MiniObject *_MiniAsyncio_FormatCallbacks(MiniObject *callbacks) {
    Mini_ssize_t n = MiniList_GET_SIZE(callbacks);
    MiniObject *empty = MiniUnicode_FromString("()");
    if (empty == NULL) return NULL;
    MiniObject *first = format_callback(MiniList_GET_ITEM(callbacks, 0), empty);
    MiniObject *last = first != NULL && n > 1 ? format_callback(MiniList_GET_ITEM(callbacks, n - 1), empty) : NULL;
    Mini_DECREF(empty);
    MiniObject *r = NULL;
    if (first != NULL && n == 1) r = MiniUnicode_FromFormat("cb=[%U]", first);
    else if (last != NULL && n == 2) r = MiniUnicode_FromFormat("cb=[%U, %U]", first, last);
    else if (last != NULL) r = MiniUnicode_FromFormat("cb=[%U, <%zd more>, %U]", first, n - 2, last);
    Mini_XDECREF(first);
    Mini_XDECREF(last);
    return r;
}

/* The line a suspended generator or coroutine is at (its next instruction's), or its first line
 * before it starts. */
static int gen_line(MiniGenObject *g, MiniCodeObject *co) {
    if (g->gi_state == MINI_GEN_CREATED || g->gi_frame.f_ip == NULL) return co->co_firstlineno;
    Mini_ssize_t lasti = g->gi_frame.f_ip - co->co_code - 1;
    return _MiniCode_Line(co, lasti);
}

/* "name() running at FILE:LINE" / "name() done, defined at FILE:LINE" / "name()". */
MiniObject *_MiniAsyncio_FormatCoro(MiniObject *coro) {
    MiniObject *name = callable_name(coro);
    if (name == NULL) return NULL;
    MiniObject *r;
    if (Mini_TYPE(coro) == &MiniCoro_Type || Mini_TYPE(coro) == &MiniGen_Type) {
        MiniGenObject *g = (MiniGenObject *)coro;
        MiniCodeObject *co = g->gi_frame.f_code;
        if (co == NULL) r = MiniUnicode_FromFormat("%U()", name);
        else if (g->gi_state == MINI_GEN_CLOSED)
            r = MiniUnicode_FromFormat("%U() done, defined at %U:%d", name, co->co_filename, co->co_firstlineno);
        else r = MiniUnicode_FromFormat("%U() running at %U:%d", name, co->co_filename, gen_line(g, co));
    } else {
        r = MiniUnicode_FromFormat("%U()", name);
    }
    Mini_DECREF(name);
    return r;
}

/* reprlib.repr(o), or repr(o) when reprlib cannot be imported. */
MiniObject *_MiniAsyncio_ShortRepr(MiniObject *o) {
    MiniObject *mod = MiniImport_ImportModule("reprlib");
    MiniObject *r = mod != NULL ? MiniObject_CallMethodObjArgs(mod, "repr", o, NULL) : NULL;
    Mini_XDECREF(mod);
    if (r != NULL && MiniUnicode_Check(r)) return r;
    Mini_XDECREF(r);
    MiniErr_Clear();
    return MiniObject_Repr(o);
}
