/* vm/asyncgenobject.c: async generators (`async def` with `yield`) and async iteration.
 *
 * An async generator's frame is a generator frame (genobject.c). Its body's own `yield v`
 * compiles to ASYNC_GEN_WRAP + YIELD_VALUE, so a value it yields arrives wrapped, while values
 * that come up from an `await` inside it (a future yielding itself to the event loop) arrive
 * bare. The awaitables __anext__()/asend(v) and athrow()/aclose() return drive the frame: a
 * wrapped value ends the await with StopIteration(value) (the result of `await agen.asend(v)`),
 * a bare one passes through to whoever drives the outer coroutine, and the body returning ends
 * with StopAsyncIteration. The rules (states, "cannot reuse already awaited ...", "async generator
 * ignored GeneratorExit", aclose() on a finished generator) follow CPython 3.11.
 * Also here: GET_AITER and GET_ANEXT, the `async for` protocol lookups. */
#include "vm_internal.h"

/* ----- wrapped values --------------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniObject *value;
} Wrapped;

static int wrapped_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((Wrapped *)self)->value);
    return 0;
}

MiniObject *_MiniAsyncGen_Wrap(MiniObject *v) {
    Wrapped *w = (Wrapped *)MiniObject_New(&MiniAsyncGenWrapped_Type);
    if (w == NULL) { Mini_DECREF(v); return NULL; }
    w->value = v;
    return (MiniObject *)w;
}

static void wrapped_dealloc(MiniObject *self) {
    Mini_CLEAR(((Wrapped *)self)->value);
    MiniObject_Free(self);
}

MiniTypeObject MiniAsyncGenWrapped_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "async_generator_wrapped_value",
    .tp_basicsize = sizeof(Wrapped),
    .tp_dealloc = wrapped_dealloc,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = wrapped_traverse,
};

/* ----- stepping the frame ------------------------------------------------------------------------ */

/* Per-generator flags live in the generator's spare bits: whether an asend/athrow is in
 * progress (ag_running_async) and whether aclose() started (ag_closed). */
#define AG_RUNNING_ASYNC 0x1
#define AG_CLOSED 0x2
static int *ag_flags(MiniObject *gen) { return &((MiniGenObject *)gen)->gi_aflags; }

/* Turns the outcome of one step of the frame into what an asend/athrow awaitable returns: a
 * wrapped value raises StopIteration(value); a bare value passes through; the body returning
 * raises StopAsyncIteration. NULL with the exception set, or the value to pass through. */
static MiniObject *unwrap(MiniObject *gen, int r, MiniObject *res) {
    if (r == 1) {
        Mini_DECREF(res);
        MiniErr_SetNone(MiniExc_StopAsyncIteration);
        r = -1;
    }
    if (r < 0) {
        if (MiniErr_ExceptionMatches(MiniExc_StopAsyncIteration) || MiniErr_ExceptionMatches(MiniExc_GeneratorExit))
            *ag_flags(gen) |= AG_CLOSED;
        *ag_flags(gen) &= ~AG_RUNNING_ASYNC;
        return NULL;
    }
    if (Mini_TYPE(res) == &MiniAsyncGenWrapped_Type) {
        MiniObject *v = ((Wrapped *)res)->value;
        *ag_flags(gen) &= ~AG_RUNNING_ASYNC;
        _MiniGen_SetStopIterationValue(v);
        Mini_DECREF(res);
        return NULL;
    }
    return res;
}

/* An exception instance from throw()'s (type[, value[, tb]]) arguments: new reference or NULL. */
static MiniObject *exception_from_args(MiniObject *args) {
    MiniObject *typ, *val = NULL, *tb = NULL;
    if (!MiniArg_UnpackTuple(args, "athrow", 1, 3, &typ, &val, &tb)) return NULL;
    if (MiniExceptionInstance_Check(typ)) return Mini_NewRef(typ);
    if (MiniExceptionClass_Check(typ))
        return (val == NULL || val == Mini_None) ? MiniObject_CallNoArgs(typ) : MiniObject_CallOneArg(typ, val);
    return MiniErr_Format(MiniExc_TypeError, "exceptions must be classes or instances deriving from "
                          "BaseException, not %s", Mini_TYPE(typ)->tp_name);
}

/* ----- asend / __anext__ ------------------------------------------------------------------------ */

#define AW_INIT 0
#define AW_ITER 1
#define AW_CLOSED 2

typedef struct {
    MiniObject_HEAD
    MiniObject *gen;
    MiniObject *sendval;   /* asend(v): the value for the first step */
    int state;
} ASend;

static int asend_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((ASend *)self)->gen);
    Mini_VISIT(((ASend *)self)->sendval);
    return 0;
}

static MiniObject *asend_new(MiniObject *gen, MiniObject *v) {
    ASend *a = (ASend *)MiniObject_New(&MiniAsyncGenASend_Type);
    if (a == NULL) return NULL;
    a->gen = Mini_NewRef(gen);
    a->sendval = Mini_NewRef(v);
    a->state = AW_INIT;
    return (MiniObject *)a;
}

static void asend_dealloc(MiniObject *self) {
    ASend *a = (ASend *)self;
    Mini_CLEAR(a->gen);
    Mini_CLEAR(a->sendval);
    MiniObject_Free(self);
}

int _MiniAsyncGen_ASendStep(MiniObject *self, MiniObject *v, MiniObject **result) {
    ASend *a = (ASend *)self;
    *result = NULL;
    if (a->state == AW_CLOSED) {
        MiniErr_Format(MiniExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return -1;
    }
    if (a->state == AW_INIT) {
        if (*ag_flags(a->gen) & AG_RUNNING_ASYNC) {
            a->state = AW_CLOSED;
            MiniErr_Format(MiniExc_RuntimeError, "anext(): asynchronous generator is already running");
            return -1;
        }
        if (v == NULL || v == Mini_None) v = a->sendval;
        a->state = AW_ITER;
    }
    *ag_flags(a->gen) |= AG_RUNNING_ASYNC;
    MiniObject *res;
    int r = _MiniGen_Send((MiniGenObject *)a->gen, v, &res);
    if (r == 0 && Mini_TYPE(res) == &MiniAsyncGenWrapped_Type) {
        /* The body yielded a value: this awaitable is done, with that value as its result. */
        *result = Mini_NewRef(((Wrapped *)res)->value);
        Mini_DECREF(res);
        *ag_flags(a->gen) &= ~AG_RUNNING_ASYNC;
        a->state = AW_CLOSED;
        return 1;
    }
    MiniObject *out = unwrap(a->gen, r, res);
    if (out == NULL) {
        a->state = AW_CLOSED;
        return -1;
    }
    *result = out;
    return 0;
}

static MiniObject *asend_send(MiniObject *self, MiniObject *v) {
    MiniObject *res;
    int r = _MiniAsyncGen_ASendStep(self, v, &res);
    if (r == 1) {
        _MiniGen_SetStopIterationValue(res);
        Mini_DECREF(res);
        return NULL;
    }
    return res;
}

static MiniObject *asend_iternext(MiniObject *self) { return asend_send(self, Mini_None); }

static MiniObject *asend_throw(MiniObject *self, MiniObject *args) {
    ASend *a = (ASend *)self;
    if (a->state == AW_CLOSED)
        return MiniErr_Format(MiniExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    MiniObject *exc = exception_from_args(args), *res;
    if (exc == NULL) return NULL;
    int r = _MiniGen_Throw((MiniGenObject *)a->gen, exc, &res);
    MiniObject *out = unwrap(a->gen, r, res);
    if (out == NULL) a->state = AW_CLOSED;
    return out;
}

static MiniObject *asend_close(MiniObject *self, MiniObject *unused) {
    (void)unused;
    ((ASend *)self)->state = AW_CLOSED;
    Mini_RETURN_NONE;
}

static MiniObject *self_iter(MiniObject *self) { return Mini_NewRef(self); }
static MiniObject *self_await(MiniObject *self, MiniObject *unused) { (void)unused; return Mini_NewRef(self); }

static MiniMethodDef asend_methods[] = {
    { "send", (MiniCFunction)asend_send, MINI_METH_O, NULL },
    { "throw", (MiniCFunction)asend_throw, MINI_METH_VARARGS, NULL },
    { "close", (MiniCFunction)asend_close, MINI_METH_NOARGS, NULL },
    { "__await__", (MiniCFunction)self_await, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

MiniTypeObject MiniAsyncGenASend_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "async_generator_asend",
    .tp_basicsize = sizeof(ASend),
    .tp_dealloc = asend_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = asend_iternext,
    .tp_methods = asend_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = asend_traverse,
};

/* ----- athrow / aclose --------------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniObject *gen;
    MiniObject *args;      /* athrow's arguments tuple; NULL for aclose() */
    int state;
} AThrow;

static int athrow_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((AThrow *)self)->gen);
    Mini_VISIT(((AThrow *)self)->args);
    return 0;
}

static MiniObject *athrow_new(MiniObject *gen, MiniObject *args) {
    AThrow *a = (AThrow *)MiniObject_New(&MiniAsyncGenAThrow_Type);
    if (a == NULL) return NULL;
    a->gen = Mini_NewRef(gen);
    a->args = Mini_XNewRef(args);
    a->state = AW_INIT;
    return (MiniObject *)a;
}

static void athrow_dealloc(MiniObject *self) {
    AThrow *a = (AThrow *)self;
    Mini_CLEAR(a->gen);
    Mini_CLEAR(a->args);
    MiniObject_Free(self);
}

/* The end of an athrow/aclose step that raised (or the body returned). */
static MiniObject *athrow_check_error(AThrow *a) {
    *ag_flags(a->gen) &= ~AG_RUNNING_ASYNC;
    a->state = AW_CLOSED;
    if (a->args == NULL &&
        (MiniErr_ExceptionMatches(MiniExc_StopAsyncIteration) || MiniErr_ExceptionMatches(MiniExc_GeneratorExit))) {
        MiniErr_Clear();
        MiniErr_SetNone(MiniExc_StopIteration);
    }
    return NULL;
}

static MiniObject *athrow_yield_close(AThrow *a) {
    *ag_flags(a->gen) &= ~AG_RUNNING_ASYNC;
    a->state = AW_CLOSED;
    return MiniErr_Format(MiniExc_RuntimeError, "async generator ignored GeneratorExit");
}

/* The raw outcome of a step as a value or NULL (the body returning raises StopAsyncIteration). */
static MiniObject *step_result(int r, MiniObject *res) {
    if (r == 1) {
        Mini_DECREF(res);
        MiniErr_SetNone(MiniExc_StopAsyncIteration);
        return NULL;
    }
    return r < 0 ? NULL : res;
}

static MiniObject *athrow_send(MiniObject *self, MiniObject *v) {
    AThrow *a = (AThrow *)self;
    MiniGenObject *gen = (MiniGenObject *)a->gen;
    MiniObject *res;
    int r;
    if (a->state == AW_CLOSED)
        return MiniErr_Format(MiniExc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    if (gen->gi_state == MINI_GEN_CLOSED) {
        a->state = AW_CLOSED;
        MiniErr_SetNone(MiniExc_StopIteration);
        return NULL;
    }
    if (a->state == AW_INIT) {
        if (*ag_flags(a->gen) & AG_RUNNING_ASYNC) {
            a->state = AW_CLOSED;
            return MiniErr_Format(MiniExc_RuntimeError, a->args == NULL
                                  ? "aclose(): asynchronous generator is already running"
                                  : "athrow(): asynchronous generator is already running");
        }
        if (*ag_flags(a->gen) & AG_CLOSED) {
            a->state = AW_CLOSED;
            MiniErr_SetNone(MiniExc_StopAsyncIteration);
            return NULL;
        }
        if (v != NULL && v != Mini_None)
            return MiniErr_Format(MiniExc_RuntimeError, "can't send non-None value to a just-started coroutine");
        a->state = AW_ITER;
        *ag_flags(a->gen) |= AG_RUNNING_ASYNC;
        if (a->args == NULL) {
            *ag_flags(a->gen) |= AG_CLOSED;
            MiniObject *exit = MiniObject_CallNoArgs(MiniExc_GeneratorExit);
            if (exit == NULL) return NULL;
            r = _MiniGen_Throw(gen, exit, &res);
            MiniObject *out = step_result(r, res);
            if (out == NULL) return athrow_check_error(a);
            if (Mini_TYPE(out) == &MiniAsyncGenWrapped_Type) { Mini_DECREF(out); return athrow_yield_close(a); }
            return out;
        }
        MiniObject *exc = exception_from_args(a->args);
        if (exc == NULL) return NULL;
        r = _MiniGen_Throw(gen, exc, &res);
        MiniObject *out = unwrap(a->gen, r, res);
        if (out == NULL) return athrow_check_error(a);
        return out;
    }
    r = _MiniGen_Send(gen, v, &res);
    if (a->args != NULL) {
        MiniObject *out = unwrap(a->gen, r, res);
        if (out == NULL) return athrow_check_error(a);
        return out;
    }
    MiniObject *out = step_result(r, res);
    if (out == NULL) return athrow_check_error(a);
    if (Mini_TYPE(out) == &MiniAsyncGenWrapped_Type) { Mini_DECREF(out); return athrow_yield_close(a); }
    return out;
}

static MiniObject *athrow_iternext(MiniObject *self) { return athrow_send(self, Mini_None); }

static MiniObject *athrow_throw(MiniObject *self, MiniObject *args) {
    AThrow *a = (AThrow *)self;
    if (a->state == AW_CLOSED)
        return MiniErr_Format(MiniExc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    MiniObject *exc = exception_from_args(args), *res;
    if (exc == NULL) return NULL;
    int r = _MiniGen_Throw((MiniGenObject *)a->gen, exc, &res);
    if (a->args != NULL) {
        MiniObject *out = unwrap(a->gen, r, res);
        if (out == NULL) a->state = AW_CLOSED;
        return out;
    }
    MiniObject *out = step_result(r, res);
    if (out != NULL && Mini_TYPE(out) == &MiniAsyncGenWrapped_Type) { Mini_DECREF(out); return athrow_yield_close(a); }
    if (out == NULL) return athrow_check_error(a);
    return out;
}

static MiniObject *athrow_close(MiniObject *self, MiniObject *unused) {
    (void)unused;
    ((AThrow *)self)->state = AW_CLOSED;
    Mini_RETURN_NONE;
}

static MiniMethodDef athrow_methods[] = {
    { "send", (MiniCFunction)athrow_send, MINI_METH_O, NULL },
    { "throw", (MiniCFunction)athrow_throw, MINI_METH_VARARGS, NULL },
    { "close", (MiniCFunction)athrow_close, MINI_METH_NOARGS, NULL },
    { "__await__", (MiniCFunction)self_await, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

MiniTypeObject MiniAsyncGenAThrow_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "async_generator_athrow",
    .tp_basicsize = sizeof(AThrow),
    .tp_dealloc = athrow_dealloc,
    .tp_iter = self_iter,
    .tp_iternext = athrow_iternext,
    .tp_methods = athrow_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = athrow_traverse,
};

/* ----- the async generator type ------------------------------------------------------------------ */

static MiniObject *agen_repr(MiniObject *self) {
    return MiniUnicode_FromFormat("<async_generator object %U at %p>", ((MiniGenObject *)self)->gi_qualname,
                                  (void *)self);
}

static MiniObject *agen_aiter(MiniObject *self, MiniObject *unused) { (void)unused; return Mini_NewRef(self); }
static MiniObject *agen_anext(MiniObject *self, MiniObject *unused) { (void)unused; return asend_new(self, Mini_None); }
static MiniObject *agen_asend(MiniObject *self, MiniObject *v) { return asend_new(self, v); }
static MiniObject *agen_athrow(MiniObject *self, MiniObject *args) { return athrow_new(self, args); }
static MiniObject *agen_aclose(MiniObject *self, MiniObject *unused) { (void)unused; return athrow_new(self, NULL); }

static MiniObject *agen_get_name(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniGenObject *)self)->gi_name);
}
static MiniObject *agen_get_qualname(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniGenObject *)self)->gi_qualname);
}
static MiniObject *agen_get_running(MiniObject *self, void *c) {
    (void)c;
    return MiniBool_FromLong((*ag_flags(self) & AG_RUNNING_ASYNC) != 0);
}
static MiniObject *agen_get_await(MiniObject *self, void *c) {
    (void)c;
    MiniObject *yf = _MiniGen_Yf((MiniGenObject *)self);
    return Mini_NewRef(yf != NULL ? yf : Mini_None);
}

static MiniMethodDef agen_methods[] = {
    { "__aiter__", (MiniCFunction)agen_aiter, MINI_METH_NOARGS, NULL },
    { "__anext__", (MiniCFunction)agen_anext, MINI_METH_NOARGS, NULL },
    { "asend", (MiniCFunction)agen_asend, MINI_METH_O, NULL },
    { "athrow", (MiniCFunction)agen_athrow, MINI_METH_VARARGS, NULL },
    { "aclose", (MiniCFunction)agen_aclose, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MiniGetSetDef agen_getset[] = {
    { "__name__", agen_get_name, NULL, NULL, NULL },
    { "__qualname__", agen_get_qualname, NULL, NULL, NULL },
    { "ag_running", agen_get_running, NULL, NULL, NULL },
    { "ag_await", agen_get_await, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniAsyncGen_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "async_generator",
    .tp_basicsize = sizeof(MiniGenObject),
    .tp_itemsize = sizeof(MiniObject *),
    .tp_dealloc = _MiniGen_Dealloc,
    .tp_repr = agen_repr,
    .tp_methods = agen_methods,
    .tp_getset = agen_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC | MINI_TPFLAGS_WEAKREFABLE,
    .tp_traverse = _MiniGen_Traverse,
    .tp_clear = _MiniGen_Clear,
    .tp_finalize = _MiniGen_Finalize,
};

/* ----- async for --------------------------------------------------------------------------------- */

MiniObject *_MiniVM_GetAIter(MiniObject *o) {
    int found = 0;
    MiniObject *it = _MiniVM_CallDunder(o, "__aiter__", NULL, 0, &found);
    if (!found) {
        if (MiniErr_Occurred()) return NULL;
        return MiniErr_Format(MiniExc_TypeError, "'async for' requires an object with __aiter__ method, got %.100s",
                              Mini_TYPE(o)->tp_name);
    }
    if (it == NULL) return NULL;
    MiniObject *key = MiniUnicode_FromString("__anext__");
    MiniObject *anext = key ? MiniType_Lookup(Mini_TYPE(it), key) : NULL;
    Mini_XDECREF(key);
    if (anext == NULL) {
        if (!MiniErr_Occurred())
            MiniErr_Format(MiniExc_TypeError, "'async for' received an object from __aiter__ that does not "
                           "implement __anext__: %.100s", Mini_TYPE(it)->tp_name);
        Mini_DECREF(it);
        return NULL;
    }
    return it;
}

MiniObject *_MiniVM_GetANext(MiniObject *aiter) {
    if (Mini_TYPE(aiter) == &MiniAsyncGen_Type) return asend_new(aiter, Mini_None);
    int found = 0;
    MiniObject *aw = _MiniVM_CallDunder(aiter, "__anext__", NULL, 0, &found);
    if (!found) {
        if (MiniErr_Occurred()) return NULL;
        return MiniErr_Format(MiniExc_TypeError, "'async for' requires an iterator with __anext__ method, got %.100s",
                              Mini_TYPE(aiter)->tp_name);
    }
    if (aw == NULL) return NULL;
    MiniObject *it = _MiniVM_GetAwaitable(aw, 0);
    if (it == NULL && MiniErr_ExceptionMatches(MiniExc_TypeError)) {
        MiniErr_Clear();
        MiniErr_Format(MiniExc_TypeError, "'async for' received an invalid object from __anext__: %.100s",
                       Mini_TYPE(aw)->tp_name);
    }
    Mini_DECREF(aw);
    return it;
}
