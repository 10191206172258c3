/* Objects/genobject.c: generators. Calling a function whose code contains `yield` (or a generator
 * expression) creates a generator holding the function's frame inline, arguments already bound;
 * next()/send() resume that frame in the eval loop until it yields or returns, throw() raises
 * inside it at the paused yield, close() throws GeneratorExit. Resumption costs one C call into
 * the loop and no allocation. The exception a generator was handling when it paused is swapped
 * out of the thread while it is suspended and back in when it resumes. As PEP 479 requires, a
 * StopIteration escaping the body becomes RuntimeError("generator raised StopIteration").
 *
 * Coroutines (async def) and async generators share this layout and this machinery; their types
 * live in coroobject.c and asyncgenobject.c. A frame paused inside `yield from` / `await` has a
 * delegate (the object it is iterating, on top of its stack): throw() and close() go to the
 * delegate first, as CPython's do, so an exception thrown into a Task reaches the innermost
 * awaiting coroutine. */
#include "vm_internal.h"

#include <string.h>

MiniGenObject *_MiniGen_New(MiniFunctionObject *func) {
    MiniCodeObject *co = (MiniCodeObject *)func->func_code;
    MiniGenObject *gen;
    MiniTypeObject *type = (co->co_flags & MINI_CO_COROUTINE) ? &MiniCoro_Type
                         : (co->co_flags & MINI_CO_ASYNC_GENERATOR) ? &MiniAsyncGen_Type : &MiniGen_Type;
    if (co->co_framesize <= MINI_VM_GEN_SLOTS && _MiniVM_GenCache.n > 0) {
        /* Small generators share one size, so a dead one's memory fits any of them. */
        gen = (MiniGenObject *)_MiniVM_GenCache.items[--_MiniVM_GenCache.n];
        memset((char *)gen + sizeof(MiniVarObject), 0,
               sizeof(MiniGenObject) + MINI_VM_GEN_SLOTS * sizeof(MiniObject *) - sizeof(MiniVarObject));
        gen->ob_base.ob_base.ob_type = type;
        _Mini_NewReference((MiniObject *)gen);
        _MiniGC_Retrack((MiniObject *)gen);
    } else {
        Mini_ssize_t slots = co->co_framesize <= MINI_VM_GEN_SLOTS ? MINI_VM_GEN_SLOTS : co->co_framesize;
        gen = (MiniGenObject *)MiniObject_NewVar(type, slots);
        if (gen == NULL) return NULL;
    }
    MiniFrame *f = &gen->gi_frame;
    f->f_code = co;
    f->f_func = Mini_NewRef(func);
    f->f_globals = func->func_globals;
    f->f_builtins = _MiniVM_BuiltinsDict;
    f->f_locals = NULL;
    f->f_back = NULL;
    f->f_ip = co->co_code;
    f->f_sp = f->localsplus + co->co_nlocalsplus;
    f->f_gen = (MiniObject *)gen;
    f->f_owner = MINI_FRAME_OWNED_BY_GENERATOR;
    f->f_init = 0;   /* MINI_FRAME_SUM only while CALL of sum() runs it (ceval_loop.h) */
    gen->gi_name = Mini_NewRef(func->func_name);
    gen->gi_qualname = Mini_NewRef(func->func_qualname);
    gen->gi_state = MINI_GEN_CREATED;
    _MiniVM_Track(&gen->track, (MiniObject *)gen);
    return gen;
}

/* PEP 479: a StopIteration escaping a generator's body becomes RuntimeError, caused by it. */
void _MiniGen_SetStopIterationValue(MiniObject *value) {
    if (value == Mini_None) {
        MiniErr_SetNone(MiniExc_StopIteration);
        return;
    }
    /* StopIteration(value) itself: a tuple or an exception would otherwise become its args. */
    MiniObject *exc = MiniObject_CallOneArg(MiniExc_StopIteration, value);
    if (exc != NULL) MiniErr_SetRaisedException(exc);
}

/* The generator will never run again: closed, and its finalizer has nothing left to do, so its
 * deallocation skips the PEP 442 path (gc_internal.h's MINI_GC_NO_FINALIZE). */
static inline void gen_finished(MiniGenObject *gen) {
    gen->gi_state = MINI_GEN_CLOSED;
    _MiniGC_MarkNoFinalize((MiniObject *)gen);
}

static const char *gen_kind(MiniGenObject *gen) {
    MiniTypeObject *t = Mini_TYPE(gen);
    return t == &MiniCoro_Type ? "coroutine" : t == &MiniAsyncGen_Type ? "async generator" : "generator";
}

static void stop_iteration_to_runtime_error(MiniGenObject *gen) {
    MiniObject *stop = MiniErr_GetRaisedException();
    int async_stop = Mini_TYPE(gen) == &MiniAsyncGen_Type &&
                     MiniErr_GivenExceptionMatches(stop, MiniExc_StopAsyncIteration);
    MiniErr_Format(MiniExc_RuntimeError, "%s raised %s", gen_kind(gen),
                   async_stop ? "StopAsyncIteration" : "StopIteration");
    MiniObject *rt = MiniErr_GetRaisedException();
    if (rt != NULL) {
        MiniBaseExceptionObject *e = (MiniBaseExceptionObject *)rt;
        Mini_XDECREF(e->cause);
        e->cause = Mini_NewRef(stop);
        Mini_XDECREF(e->context);
        e->context = stop;
        stop = NULL;
        MiniErr_SetRaisedException(rt);
    }
    Mini_XDECREF(stop);
}

/* Runs the generator's frame; value (a new reference, or NULL with throwing set) goes onto its
 * stack as the result of the paused yield. */
static int gen_resume(MiniGenObject *gen, MiniObject *value, int throwing, MiniObject **result) {
    *result = NULL;
    MiniVMThread *ts = _MiniVM_ThreadFast();
    if (ts == NULL) { Mini_XDECREF(value); return -1; }
    if (gen->gi_state == MINI_GEN_RUNNING) {
        Mini_XDECREF(value);
        MiniErr_Format(MiniExc_ValueError, "%s already executing", gen_kind(gen));
        return -1;
    }
    MiniFrame *f = &gen->gi_frame;
    if (value != NULL) *f->f_sp++ = value;
    /* The thread's handled exception is the generator's own while it runs. */
    MiniObject *outer = ts->exc_info;
    ts->exc_info = gen->gi_exc != NULL ? gen->gi_exc : Mini_XNewRef(outer);
    gen->gi_exc = NULL;
    gen->gi_state = MINI_GEN_RUNNING;
    MiniObject *res = _MiniEval_EvalFrame(ts, f, throwing);
    MiniObject *inner = ts->exc_info;
    ts->exc_info = outer;
    if (res != NULL && ts->yielded) {
        gen->gi_state = MINI_GEN_SUSPENDED;
        if (inner != NULL && inner != outer) gen->gi_exc = inner;
        else Mini_XDECREF(inner);
        *result = res;
        return 0;
    }
    Mini_XDECREF(inner);
    gen_finished(gen);
    if (res != NULL) {
        *result = res;
        return 1;
    }
    if (MiniErr_ExceptionMatches(MiniExc_StopIteration) ||
        (Mini_TYPE(gen) == &MiniAsyncGen_Type && MiniErr_ExceptionMatches(MiniExc_StopAsyncIteration)))
        stop_iteration_to_runtime_error(gen);
    return -1;
}

void _MiniGen_InlineEnded(MiniVMThread *ts, MiniGenObject *gen, int raised) {
    MiniObject *inner = ts->exc_info;
    ts->exc_info = NULL;
    Mini_XDECREF(inner);
    gen_finished(gen);
    _MiniFrame_Clear(&gen->gi_frame);
    if (raised && (MiniErr_ExceptionMatches(MiniExc_StopIteration) ||
                   (Mini_TYPE(gen) == &MiniAsyncGen_Type && MiniErr_ExceptionMatches(MiniExc_StopAsyncIteration))))
        stop_iteration_to_runtime_error(gen);
}

int _MiniGen_Send(MiniGenObject *gen, MiniObject *value, MiniObject **result) {
    if (gen->gi_state == MINI_GEN_CLOSED) {
        if (Mini_TYPE(gen) == &MiniCoro_Type) {
            *result = NULL;
            MiniErr_SetString(MiniExc_RuntimeError, "cannot reuse already awaited coroutine");
            return -1;
        }
        *result = Mini_NewRef(Mini_None);
        return 1;
    }
    if (gen->gi_state == MINI_GEN_CREATED) {
        if (value != NULL && value != Mini_None) {
            *result = NULL;
            MiniErr_Format(MiniExc_TypeError, "can't send non-None value to a just-started %s", gen_kind(gen));
            return -1;
        }
        return gen_resume(gen, NULL, 0, result);
    }
    return gen_resume(gen, Mini_NewRef(value != NULL ? value : Mini_None), 0, result);
}

MiniObject *_MiniGen_Yf(MiniGenObject *gen) {
    if (gen->gi_state != MINI_GEN_SUSPENDED) return NULL;
    MiniFrame *f = &gen->gi_frame;
    uint32_t w = f->f_ip[0];
    /* Paused at the YIELD_VALUE of a yield-from / await loop: RESUME 2 or 3 comes next and the
     * delegate is on top of the stack. */
    if ((w & 0xFF) != MINI_OP_RESUME || (w >> 8) < 2) return NULL;
    if (f->f_sp <= _MiniFrame_StackBase(f)) return NULL;
    return f->f_sp[-1];
}

/* close() of a delegate: generators and coroutines directly, others through their close(). */
static int close_delegate(MiniObject *yf) {
    if (_MiniGen_IsGenLike(yf)) return _MiniGen_CloseImpl((MiniGenObject *)yf);
    MiniObject *meth = MiniObject_GetAttrString(yf, "close");
    if (meth == NULL) {
        if (!MiniErr_ExceptionMatches(MiniExc_AttributeError)) return -1;
        MiniErr_Clear();
        return 0;
    }
    MiniObject *r = MiniObject_CallNoArgs(meth);
    Mini_DECREF(meth);
    if (r == NULL) return -1;
    Mini_DECREF(r);
    return 0;
}

/* The delegate finished with value (stolen) while an exception was being thrown into it: the
 * paused yield-from loop ends as if SEND had seen the return, and the frame continues. */
static int finish_delegation(MiniGenObject *gen, MiniObject *value, MiniObject **result) {
    MiniFrame *f = &gen->gi_frame;
    uint32_t send = f->f_ip[-2];   /* SEND target; YIELD_VALUE; RESUME (f_ip) */
    MiniObject *yf = *--f->f_sp;
    Mini_DECREF(yf);
    f->f_ip = f->f_code->co_code + (send >> 8);
    return gen_resume(gen, value, 0, result);
}

int _MiniGen_Throw(MiniGenObject *gen, MiniObject *exc, MiniObject **result) {
    *result = NULL;
    if (gen->gi_state == MINI_GEN_CLOSED || gen->gi_state == MINI_GEN_CREATED) {
        /* Nothing to run: the exception goes straight back to the caller. */
        if (gen->gi_state == MINI_GEN_CREATED) {
            gen_finished(gen);
            _MiniFrame_Clear(&gen->gi_frame);
        }
        MiniErr_SetRaisedException(exc);
        return -1;
    }
    MiniObject *yf = _MiniGen_Yf(gen);
    if (yf != NULL && gen->gi_state == MINI_GEN_SUSPENDED) {
        Mini_INCREF(yf);
        int r;
        MiniObject *res = NULL;
        if (MiniErr_GivenExceptionMatches(exc, MiniExc_GeneratorExit)) {
            /* close() the delegate, then raise GeneratorExit here. */
            gen->gi_state = MINI_GEN_RUNNING;
            r = close_delegate(yf);
            gen->gi_state = MINI_GEN_SUSPENDED;
            Mini_DECREF(yf);
            if (r < 0) {
                Mini_DECREF(exc);
                return gen_resume(gen, NULL, 1, result);
            }
            MiniErr_SetRaisedException(exc);
            return gen_resume(gen, NULL, 1, result);
        }
        if (_MiniGen_IsGenLike(yf)) {
            gen->gi_state = MINI_GEN_RUNNING;
            r = _MiniGen_Throw((MiniGenObject *)yf, exc, &res);
            gen->gi_state = MINI_GEN_SUSPENDED;
        } else {
            MiniObject *meth = MiniObject_GetAttrString(yf, "throw");
            if (meth == NULL) {
                Mini_DECREF(yf);
                if (!MiniErr_ExceptionMatches(MiniExc_AttributeError)) { Mini_DECREF(exc); return -1; }
                MiniErr_Clear();
                MiniErr_SetRaisedException(exc);
                return gen_resume(gen, NULL, 1, result);
            }
            gen->gi_state = MINI_GEN_RUNNING;
            res = MiniObject_CallOneArg(meth, exc);
            gen->gi_state = MINI_GEN_SUSPENDED;
            Mini_DECREF(meth);
            Mini_DECREF(exc);
            r = 0;
            if (res == NULL) {
                r = -1;
                if (MiniErr_ExceptionMatches(MiniExc_StopIteration)) {
                    MiniObject *e = MiniErr_GetRaisedException();
                    res = MiniObject_GetAttrString(e, "value");
                    Mini_DECREF(e);
                    r = res != NULL ? 1 : -1;
                }
            }
        }
        Mini_DECREF(yf);
        if (r == 0) { *result = res; return 0; }
        if (r == 1) return finish_delegation(gen, res, result);
        /* The delegate raised: the exception continues in this frame at its yield. */
        return gen_resume(gen, NULL, 1, result);
    }
    MiniErr_SetRaisedException(exc);
    return gen_resume(gen, NULL, 1, result);
}

void _MiniGen_Abandon(MiniGenObject *gen) {
    if (gen->gi_state == MINI_GEN_RUNNING) return;
    gen_finished(gen);
    _MiniFrame_Clear(&gen->gi_frame);
    Mini_CLEAR(gen->gi_exc);
}

/* 1 if the paused frame is inside a try block (close() must run its handlers). */
static int paused_in_try(MiniGenObject *gen) {
    MiniFrame *f = &gen->gi_frame;
    MiniCodeObject *co = f->f_code;
    Mini_ssize_t lasti = f->f_ip - co->co_code - 1;
    for (Mini_ssize_t i = 0; i < co->co_nexctable; i++)
        if (lasti >= co->co_exctable[i].start && lasti < co->co_exctable[i].end) return 1;
    return 0;
}

int _MiniGen_CloseImpl(MiniGenObject *gen) {
    if (gen->gi_state == MINI_GEN_CREATED || gen->gi_state == MINI_GEN_CLOSED) {
        _MiniGen_Abandon(gen);
        return 0;
    }
    if (gen->gi_state == MINI_GEN_SUSPENDED && !paused_in_try(gen) && _MiniGen_Yf(gen) == NULL) {
        _MiniGen_Abandon(gen);
        return 0;
    }
    MiniObject *exit = MiniObject_CallNoArgs(MiniExc_GeneratorExit), *res;
    if (exit == NULL) return -1;
    int r = _MiniGen_Throw(gen, exit, &res);
    if (r == 0) {
        Mini_DECREF(res);
        MiniErr_Format(MiniExc_RuntimeError, "%s ignored GeneratorExit", gen_kind(gen));
        return -1;
    }
    if (r == 1) { Mini_DECREF(res); return 0; }
    if (MiniErr_ExceptionMatches(MiniExc_GeneratorExit) || MiniErr_ExceptionMatches(MiniExc_StopIteration)) {
        MiniErr_Clear();
        return 0;
    }
    return -1;
}

/* ----- the type -------------------------------------------------------------------------------------- */

/* tp_finalize (PEP 442), run once before the generator goes, by reference counting or by the
 * cycle collector, with the generator alive (the runtime resurrects it for the call and keeps it
 * if the call stored it somewhere): the "never awaited" warning for a coroutine that never ran,
 * and close() for one paused in a try block or a delegation, so its finally blocks run, as
 * CPython's _PyGen_Finalize. */
void _MiniGen_Finalize(MiniObject *self) {
    MiniGenObject *gen = (MiniGenObject *)self;
    if (gen->gi_frame.f_code == NULL) return;   /* never set up (allocation failed half-way) */
    if (gen->gi_state == MINI_GEN_CREATED && Mini_TYPE(self) == &MiniCoro_Type) _MiniCoro_WarnUnawaited(gen);
    if (gen->gi_state == MINI_GEN_SUSPENDED && (paused_in_try(gen) || _MiniGen_Yf(gen) != NULL)) {
        if (_MiniGen_CloseImpl(gen) < 0) MiniErr_Clear();
    }
}

/* The cycle collector's slots. A running generator's value stack is live in the eval loop (and
 * the generator is referenced from there): only its fixed fields are visited then. Clearing
 * drops the frame without running anything (its finalizer ran first). */
int _MiniGen_Traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    MiniGenObject *gen = (MiniGenObject *)self;
    Mini_VISIT(gen->gi_name);
    Mini_VISIT(gen->gi_qualname);
    Mini_VISIT(gen->gi_exc);
    MiniFrame *f = &gen->gi_frame;
    if (f->f_code == NULL) return 0;
    Mini_VISIT(f->f_func);
    Mini_VISIT(f->f_locals);
    if (gen->gi_state == MINI_GEN_RUNNING || gen->gi_state == MINI_GEN_CLOSED) return 0;
    for (MiniObject **p = f->localsplus; p < f->f_sp; p++) Mini_VISIT(*p);
    return 0;
}

int _MiniGen_Clear(MiniObject *self) {
    MiniGenObject *gen = (MiniGenObject *)self;
    if (gen->gi_frame.f_code != NULL && gen->gi_state != MINI_GEN_RUNNING && gen->gi_state != MINI_GEN_CLOSED)
        _MiniGen_Abandon(gen);
    if (gen->gi_state != MINI_GEN_RUNNING) Mini_CLEAR(gen->gi_exc);
    return 0;
}

void _MiniGen_Dealloc(MiniObject *self) {
    MiniGenObject *gen = (MiniGenObject *)self;
    /* _MiniGen_Finalize has run (the runtime calls tp_finalize before tp_dealloc). */
    _MiniVM_Untrack(&gen->track);
    _MiniGen_Abandon(gen);
    Mini_CLEAR(gen->gi_name);
    Mini_CLEAR(gen->gi_qualname);
    if (Mini_SIZE(self) == MINI_VM_GEN_SLOTS) _MiniVM_CacheFree(&_MiniVM_GenCache, self);
    else MiniObject_Free(self);
}

static MiniObject *gen_repr(MiniObject *self) {
    MiniGenObject *gen = (MiniGenObject *)self;
    return MiniUnicode_FromFormat("<generator object %U at %p>", gen->gi_qualname, (void *)self);
}

static MiniObject *gen_iter(MiniObject *self) { return Mini_NewRef(self); }

/* next(gen): the common case (no exception being handled on either side) resumes the frame
 * directly; a paused `yield` whose value is discarded (a generator expression, `yield x` as a
 * statement) is resumed past its RESUME/POP_TOP when there is nothing to poll for. */
static MiniObject *gen_iternext(MiniObject *self) {
    MiniGenObject *gen = (MiniGenObject *)self;
    MiniVMThread *ts = _MiniVM_ThreadFast();
    if (ts == NULL) return NULL;
    int8_t state = gen->gi_state;
    if (!_MiniGen_CanRunInline(gen, ts->exc_info)) {
        MiniObject *res;
        int r = _MiniGen_Send(gen, NULL, &res);
        if (r == 0) return res;
        if (r == 1) {
            if (res != Mini_None) _MiniGen_SetStopIterationValue(res);
            Mini_DECREF(res);
        }
        return NULL;
    }
    MiniFrame *f = &gen->gi_frame;
    if (state == MINI_GEN_SUSPENDED) {
        uint32_t *ip = f->f_ip;
        if (ip[0] == MiniVM_MakeInstr(MINI_OP_RESUME, 1) && (ip[1] & 0xFF) == MINI_OP_POP_TOP &&
            _MiniVM_PollPolicy == MINI_VM_POLL_CALLS_BACKEDGES && !_MiniVM_PollCounting &&
            !MiniEval_BreakerPending()) {
            f->f_ip = ip + 2;
        } else {
            *f->f_sp++ = Mini_NewRef(Mini_None);
        }
    }
    gen->gi_state = MINI_GEN_RUNNING;
    MiniObject *res = _MiniEval_EvalFrame(ts, f, 0);
    MiniObject *inner = ts->exc_info;
    if (MINI_UNLIKELY(inner != NULL)) {
        /* It paused inside an except block: that exception is its own until it resumes. */
        ts->exc_info = NULL;
        if (res != NULL && ts->yielded) gen->gi_exc = inner;
        else Mini_DECREF(inner);
    }
    if (res != NULL && ts->yielded) {
        gen->gi_state = MINI_GEN_SUSPENDED;
        return res;
    }
    gen_finished(gen);
    if (res != NULL) {
        if (res != Mini_None) _MiniGen_SetStopIterationValue(res);
        Mini_DECREF(res);
        return NULL;
    }
    if (MiniErr_ExceptionMatches(MiniExc_StopIteration) ||
        (Mini_TYPE(gen) == &MiniAsyncGen_Type && MiniErr_ExceptionMatches(MiniExc_StopAsyncIteration)))
        stop_iteration_to_runtime_error(gen);
    return NULL;
}

MiniObject *_MiniGen_SendMethod(MiniObject *self, MiniObject *value) {
    MiniObject *res;
    int r = _MiniGen_Send((MiniGenObject *)self, value, &res);
    if (r == 0) return res;
    if (r == 1) {
        if (res == Mini_None) MiniErr_SetNone(MiniExc_StopIteration);
        else _MiniGen_SetStopIterationValue(res);
        Mini_DECREF(res);
    }
    return NULL;
}

MiniObject *_MiniGen_ThrowMethod(MiniObject *self, MiniObject *args) {
    MiniObject *typ, *val = NULL, *tb = NULL, *exc;
    if (!MiniArg_UnpackTuple(args, "throw", 1, 3, &typ, &val, &tb)) return NULL;
    if (MiniExceptionInstance_Check(typ)) {
        exc = Mini_NewRef(typ);
    } else if (MiniExceptionClass_Check(typ)) {
        exc = (val == NULL || val == Mini_None) ? MiniObject_CallNoArgs(typ) : MiniObject_CallOneArg(typ, val);
        if (exc == NULL) return NULL;
    } else {
        return MiniErr_Format(MiniExc_TypeError, "exceptions must be classes or instances deriving from "
                              "BaseException, not %s", Mini_TYPE(typ)->tp_name);
    }
    MiniObject *res;
    int r = _MiniGen_Throw((MiniGenObject *)self, exc, &res);
    if (r == 0) return res;
    if (r == 1) {
        if (res == Mini_None) MiniErr_SetNone(MiniExc_StopIteration);
        else _MiniGen_SetStopIterationValue(res);
        Mini_DECREF(res);
    }
    return NULL;
}

MiniObject *_MiniGen_CloseMethod(MiniObject *self, MiniObject *unused) {
    (void)unused;
    if (_MiniGen_CloseImpl((MiniGenObject *)self) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniMethodDef gen_methods[] = {
    { "send", (MiniCFunction)_MiniGen_SendMethod, MINI_METH_O, NULL },
    { "throw", (MiniCFunction)_MiniGen_ThrowMethod, MINI_METH_VARARGS, NULL },
    { "close", (MiniCFunction)_MiniGen_CloseMethod, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MiniObject *gen_get_name(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniGenObject *)self)->gi_name);
}
static MiniObject *gen_get_qualname(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniGenObject *)self)->gi_qualname);
}
static MiniObject *gen_get_running(MiniObject *self, void *c) {
    (void)c;
    return MiniBool_FromLong(((MiniGenObject *)self)->gi_state == MINI_GEN_RUNNING);
}

static MiniGetSetDef gen_getset[] = {
    { "__name__", gen_get_name, NULL, NULL, NULL },
    { "__qualname__", gen_get_qualname, NULL, NULL, NULL },
    { "gi_running", gen_get_running, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniGen_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "generator",
    .tp_basicsize = sizeof(MiniGenObject),
    .tp_itemsize = sizeof(MiniObject *),
    .tp_dealloc = _MiniGen_Dealloc,
    .tp_repr = gen_repr,
    .tp_iter = gen_iter,
    .tp_iternext = gen_iternext,
    .tp_methods = gen_methods,
    .tp_getset = gen_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC | MINI_TPFLAGS_WEAKREFABLE,
    .tp_traverse = _MiniGen_Traverse,
    .tp_clear = _MiniGen_Clear,
    .tp_finalize = _MiniGen_Finalize,
};
