/* Objects/genobject.c: generators. Calling a function whose code contains `yield` (or a generator
 * expression) creates a generator holding the function's frame inline, arguments already bound;
 * next()/send() resume that frame in the eval loop until it yields or returns, throw() raises
 * inside it at the paused yield, close() throws GeneratorExit. Resumption costs one C call into
 * the loop and no allocation. The exception a generator was handling when it paused is swapped
 * out of the thread while it is suspended and back in when it resumes. As PEP 479 requires, a
 * StopIteration escaping the body becomes RuntimeError("generator raised StopIteration"). */
#include "vm_internal.h"

#include <string.h>

MiniGenObject *_MiniGen_New(MiniFunctionObject *func) {
    MiniCodeObject *co = (MiniCodeObject *)func->func_code;
    MiniGenObject *gen;
    if (co->co_framesize <= MINI_VM_GEN_SLOTS && _MiniVM_GenCache.n > 0) {
        /* Small generators share one size, so a dead one's memory fits any of them. */
        gen = (MiniGenObject *)_MiniVM_GenCache.items[--_MiniVM_GenCache.n];
        memset((char *)gen + sizeof(MiniVarObject), 0,
               sizeof(MiniGenObject) + MINI_VM_GEN_SLOTS * sizeof(MiniObject *) - sizeof(MiniVarObject));
        gen->ob_base.ob_base.ob_refcnt = 1;
        _Mini_RefTotal++;
    } else {
        Mini_ssize_t slots = co->co_framesize <= MINI_VM_GEN_SLOTS ? MINI_VM_GEN_SLOTS : co->co_framesize;
        gen = (MiniGenObject *)MiniObject_NewVar(&MiniGen_Type, slots);
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
    gen->gi_name = Mini_NewRef(func->func_name);
    gen->gi_qualname = Mini_NewRef(func->func_qualname);
    gen->gi_state = MINI_GEN_CREATED;
    _MiniVM_Track(&gen->track, (MiniObject *)gen);
    return gen;
}

/* PEP 479: a StopIteration escaping a generator's body becomes RuntimeError, caused by it. */
static void stop_iteration_to_runtime_error(void) {
    MiniObject *stop = MiniErr_GetRaisedException();
    MiniErr_SetString(MiniExc_RuntimeError, "generator raised StopIteration");
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
        MiniErr_SetString(MiniExc_ValueError, "generator already executing");
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
    gen->gi_state = MINI_GEN_CLOSED;
    if (res != NULL) {
        *result = res;
        return 1;
    }
    if (MiniErr_ExceptionMatches(MiniExc_StopIteration)) stop_iteration_to_runtime_error();
    return -1;
}

int _MiniGen_Send(MiniGenObject *gen, MiniObject *value, MiniObject **result) {
    if (gen->gi_state == MINI_GEN_CLOSED) {
        *result = Mini_NewRef(Mini_None);
        return 1;
    }
    if (gen->gi_state == MINI_GEN_CREATED) {
        if (value != NULL && value != Mini_None) {
            *result = NULL;
            MiniErr_SetString(MiniExc_TypeError, "can't send non-None value to a just-started generator");
            return -1;
        }
        return gen_resume(gen, NULL, 0, result);
    }
    return gen_resume(gen, Mini_NewRef(value != NULL ? value : Mini_None), 0, result);
}

int _MiniGen_Throw(MiniGenObject *gen, MiniObject *exc, MiniObject **result) {
    *result = NULL;
    if (gen->gi_state == MINI_GEN_CLOSED || gen->gi_state == MINI_GEN_CREATED) {
        /* Nothing to run: the exception goes straight back to the caller. */
        if (gen->gi_state == MINI_GEN_CREATED) {
            gen->gi_state = MINI_GEN_CLOSED;
            _MiniFrame_Clear(&gen->gi_frame);
        }
        MiniErr_SetRaisedException(exc);
        return -1;
    }
    MiniErr_SetRaisedException(exc);
    return gen_resume(gen, NULL, 1, result);
}

void _MiniGen_Abandon(MiniGenObject *gen) {
    if (gen->gi_state == MINI_GEN_RUNNING) return;
    gen->gi_state = MINI_GEN_CLOSED;
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

/* gen.close(): 0, or -1 with an exception. */
static int gen_close_impl(MiniGenObject *gen) {
    if (gen->gi_state == MINI_GEN_CREATED || gen->gi_state == MINI_GEN_CLOSED) {
        _MiniGen_Abandon(gen);
        return 0;
    }
    if (gen->gi_state == MINI_GEN_SUSPENDED && !paused_in_try(gen)) {
        _MiniGen_Abandon(gen);
        return 0;
    }
    MiniObject *exit = MiniObject_CallNoArgs(MiniExc_GeneratorExit), *res;
    if (exit == NULL) return -1;
    int r = _MiniGen_Throw(gen, exit, &res);
    if (r == 0) {
        Mini_DECREF(res);
        MiniErr_SetString(MiniExc_RuntimeError, "generator ignored GeneratorExit");
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

static void gen_dealloc(MiniObject *self) {
    MiniGenObject *gen = (MiniGenObject *)self;
    if (gen->gi_state == MINI_GEN_SUSPENDED && paused_in_try(gen)) {
        /* Run its finally blocks now, as CPython does when a paused generator is collected. */
        self->ob_refcnt = 1;
        _Mini_RefTotal++;
        MiniObject *saved = MiniErr_GetRaisedException();
        if (gen_close_impl(gen) < 0) MiniErr_Clear();
        if (saved != NULL) MiniErr_SetRaisedException(saved);
        _Mini_RefTotal--;
        if (--self->ob_refcnt != 0) return;   /* resurrected */
    }
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
    if ((state != MINI_GEN_SUSPENDED && state != MINI_GEN_CREATED) || ts->exc_info != NULL || gen->gi_exc != NULL) {
        MiniObject *res;
        int r = _MiniGen_Send(gen, NULL, &res);
        if (r == 0) return res;
        if (r == 1) {
            if (res != Mini_None) MiniErr_SetObject(MiniExc_StopIteration, res);
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
    gen->gi_state = MINI_GEN_CLOSED;
    if (res != NULL) {
        if (res != Mini_None) MiniErr_SetObject(MiniExc_StopIteration, res);
        Mini_DECREF(res);
        return NULL;
    }
    if (MiniErr_ExceptionMatches(MiniExc_StopIteration)) stop_iteration_to_runtime_error();
    return NULL;
}

static MiniObject *gen_send(MiniObject *self, MiniObject *value) {
    MiniObject *res;
    int r = _MiniGen_Send((MiniGenObject *)self, value, &res);
    if (r == 0) return res;
    if (r == 1) {
        if (res == Mini_None) MiniErr_SetNone(MiniExc_StopIteration);
        else MiniErr_SetObject(MiniExc_StopIteration, res);
        Mini_DECREF(res);
    }
    return NULL;
}

static MiniObject *gen_throw(MiniObject *self, MiniObject *args) {
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
        else MiniErr_SetObject(MiniExc_StopIteration, res);
        Mini_DECREF(res);
    }
    return NULL;
}

static MiniObject *gen_close(MiniObject *self, MiniObject *unused) {
    (void)unused;
    if (gen_close_impl((MiniGenObject *)self) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniMethodDef gen_methods[] = {
    { "send", (MiniCFunction)gen_send, MINI_METH_O, NULL },
    { "throw", (MiniCFunction)gen_throw, MINI_METH_VARARGS, NULL },
    { "close", (MiniCFunction)gen_close, MINI_METH_NOARGS, NULL },
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
    .tp_dealloc = gen_dealloc,
    .tp_repr = gen_repr,
    .tp_iter = gen_iter,
    .tp_iternext = gen_iternext,
    .tp_methods = gen_methods,
    .tp_getset = gen_getset,
};
