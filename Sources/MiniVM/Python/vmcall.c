/* Python/vmcall.c: the per-thread VM state and how calls reach the eval loop.
 *
 * Each thread that runs Python code gets a MiniVMThread (hung on its thread state's vm_data): the
 * innermost frame, the exception being handled, the recursion depth, the lowest safe address of
 * its C stack, and a chunked bump allocator for frames, so a call costs no malloc. This file also
 * binds call arguments to a new frame's locals with CPython's rules and error messages ("f()
 * missing 1 required positional argument: 'x'", "f() takes 2 positional arguments but 3 were
 * given", "f() got an unexpected keyword argument 'z'"), and provides the "fast" calling
 * convention (an argument array plus a tuple of keyword names) used between the VM and its
 * builtins, converting from and to the C API's (tuple, dict) convention at the edges. */
#include "vm_internal.h"
#include "objimpl_internal.h"
#include "object_internal.h"
#include "unicodeobject_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----- per-thread state --------------------------------------------------------------------------- */

#define CHUNK_SIZE ((size_t)256 * 1024)

/* The lowest address the C stack may reach before the VM refuses to nest deeper. */
static char *compute_stack_limit(void) {
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return NULL;
    int ok = pthread_attr_getstack(&attr, &addr, &size) == 0;
    pthread_attr_destroy(&attr);
    if (!ok || addr == NULL) return NULL;
    size_t margin = size >= ((size_t)2 << 20) ? ((size_t)256 << 10) : size / 4;
    return (char *)addr + margin;
}

MiniVMThread *_MiniVM_Thread(void) {
    MiniThreadState *t = _Mini_tstate_current;
    if (t == NULL)
        Mini_FatalError("MiniVM", "the interpreter must run with the GIL held, but the GIL is "
                        "released (the current thread state is NULL)");
    if (t->vm_data != NULL) return (MiniVMThread *)t->vm_data;
    MiniVMThread *ts = calloc(1, sizeof *ts);
    if (ts == NULL) { MiniErr_NoMemory(); return NULL; }
    ts->c_stack_limit = compute_stack_limit();
    ts->countdown = _MiniVM_PollN;
    t->vm_data = ts;
    return ts;
}

void MiniVM_ThreadFini(MiniThreadState *tstate) {
    if (tstate == NULL || tstate->vm_data == NULL) return;
    MiniVMThread *ts = (MiniVMThread *)tstate->vm_data;
    tstate->vm_data = NULL;
    Mini_CLEAR(ts->exc_info);
    Mini_CLEAR(ts->context);
    while (ts->chunk != NULL) {
        MiniVMChunk *prev = ts->chunk->prev;
        free(ts->chunk);
        ts->chunk = prev;
    }
    free(ts->spare);
    free(ts);
}

/* ----- the frame stack ---------------------------------------------------------------------------- */

MiniFrame *_MiniVM_PushFrame(MiniVMThread *ts, MiniCodeObject *co) {
    size_t size = co->co_framebytes;
    MiniVMChunk *c = ts->chunk;
    if (c == NULL || (size_t)(c->limit - c->top) < size) {
        size_t want = size + sizeof(MiniVMChunk) > CHUNK_SIZE ? size + sizeof(MiniVMChunk) : CHUNK_SIZE;
        MiniVMChunk *n;
        if (ts->spare != NULL && want == CHUNK_SIZE) {
            n = ts->spare;
            ts->spare = NULL;
        } else {
            n = malloc(want);
            if (n == NULL) { MiniErr_NoMemory(); return NULL; }
        }
        n->prev = c;
        n->top = n->data;
        n->limit = (char *)n + want;
        ts->chunk = n;
    }
    return _MiniVM_PushFrameFast(ts, co);
}

void _MiniFrame_Clear(MiniFrame *f) {
    MiniObject **p = f->localsplus, **end = f->f_sp;
    for (; p < end; p++) {
        MiniObject *o = *p;
        if (o != NULL) { *p = NULL; Mini_DECREF(o); }
    }
    f->f_sp = f->localsplus + f->f_code->co_nlocalsplus;
    Mini_CLEAR(f->f_locals);
    Mini_CLEAR(f->f_func);
}

void _MiniVM_ReleaseChunk(MiniVMThread *ts) {
    MiniVMChunk *c = ts->chunk;
    if (c->top != c->data || c->prev == NULL) return;
    ts->chunk = c->prev;
    if ((size_t)(c->limit - (char *)c) == CHUNK_SIZE && ts->spare == NULL) ts->spare = c;
    else free(c);
}

void _MiniVM_PopFrame(MiniVMThread *ts, MiniFrame *f) {
    _MiniFrame_Clear(f);
    ts->chunk->top = (char *)f;
    if (MINI_UNLIKELY(ts->chunk->top == ts->chunk->data)) _MiniVM_ReleaseChunk(ts);
}

/* ----- argument binding ----------------------------------------------------------------------------- */

/* "'a'", "'a' and 'b'", "'a', 'b', and 'c'" for the names at the given slots. */
static MiniObject *format_names(MiniObject *names, const Mini_ssize_t *idx, Mini_ssize_t n) {
    MiniObject *out = MiniUnicode_FromString("");
    for (Mini_ssize_t i = 0; i < n && out != NULL; i++) {
        const char *sep = i == 0 ? "" : (n == 2 ? " and " : (i == n - 1 ? ", and " : ", "));
        MiniObject *piece = MiniUnicode_FromFormat("%s'%U'", sep, MiniTuple_GET_ITEM(names, idx[i]));
        MiniObject *joined = piece ? MiniUnicode_Concat(out, piece) : NULL;
        Mini_XDECREF(piece);
        Mini_DECREF(out);
        out = joined;
    }
    return out;
}

static void missing_arguments(MiniFunctionObject *func, MiniObject **localsplus, Mini_ssize_t start,
                              Mini_ssize_t end, int kwonly) {
    MiniCodeObject *co = (MiniCodeObject *)func->func_code;
    Mini_ssize_t idx[256], n = 0;
    for (Mini_ssize_t i = start; i < end && n < 256; i++) {
        if (localsplus[i] != NULL) continue;
        if (kwonly && func->func_kwdefaults != NULL &&
            MiniDict_GetItemWithError(func->func_kwdefaults, MiniTuple_GET_ITEM(co->co_localsplusnames, i)) != NULL)
            continue;
        idx[n++] = i;
    }
    MiniObject *names = format_names(co->co_localsplusnames, idx, n);
    if (names == NULL) return;
    MiniErr_Format(MiniExc_TypeError, "%U() missing %zd required %s argument%s: %U", func->func_qualname,
                   n, kwonly ? "keyword-only" : "positional", n == 1 ? "" : "s", names);
    Mini_DECREF(names);
}

static void too_many_positional(MiniFunctionObject *func, MiniObject **localsplus, Mini_ssize_t given) {
    MiniCodeObject *co = (MiniCodeObject *)func->func_code;
    Mini_ssize_t kwonly_given = 0;
    for (Mini_ssize_t i = co->co_argcount; i < co->co_argcount + co->co_kwonlyargcount; i++)
        if (localsplus[i] != NULL) kwonly_given++;
    Mini_ssize_t defcount = func->func_defaults ? MiniTuple_GET_SIZE(func->func_defaults) : 0;
    char sig[64], kwsig[96] = "";
    int plural;
    if (defcount) {
        plural = 1;
        snprintf(sig, sizeof sig, "from %zd to %d", co->co_argcount - defcount, co->co_argcount);
    } else {
        plural = co->co_argcount != 1;
        snprintf(sig, sizeof sig, "%d", co->co_argcount);
    }
    if (kwonly_given)
        snprintf(kwsig, sizeof kwsig, " positional argument%s (and %zd keyword-only argument%s)",
                 given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    MiniErr_Format(MiniExc_TypeError, "%U() takes %s positional argument%s but %zd%s %s given",
                   func->func_qualname, sig, plural ? "s" : "", given, kwsig,
                   given == 1 && !kwonly_given ? "was" : "were");
}

/* The slot of the parameter called name that can be passed by keyword, or -1. */
static Mini_ssize_t find_keyword(MiniCodeObject *co, MiniObject *name, Mini_ssize_t total) {
    MiniObject *const *names = &MiniTuple_GET_ITEM(co->co_localsplusnames, 0);
    for (Mini_ssize_t i = co->co_posonlyargcount; i < total; i++)
        if (names[i] == name) return i;
    for (Mini_ssize_t i = co->co_posonlyargcount; i < total; i++)
        if (_MiniUnicode_Eq(names[i], name)) return i;
    return -1;
}

int _MiniVM_BindArgs(MiniFunctionObject *func, MiniObject **localsplus, MiniObject **args,
                     Mini_ssize_t nargs, MiniObject *kwnames) {
    MiniCodeObject *co = (MiniCodeObject *)func->func_code;
    Mini_ssize_t argcount = co->co_argcount;
    Mini_ssize_t total = argcount + co->co_kwonlyargcount;
    Mini_ssize_t nkw = kwnames ? MiniTuple_GET_SIZE(kwnames) : 0;
    Mini_ssize_t k = 0;
    MiniObject *kwdict = NULL;

    /* Fast path: exactly the positional parameters, nothing else. */
    if (MINI_LIKELY(nkw == 0 && nargs == argcount && co->co_kwonlyargcount == 0 &&
                    !(co->co_flags & (MINI_CO_VARARGS | MINI_CO_VARKEYWORDS)))) {
        for (Mini_ssize_t i = 0; i < nargs; i++) localsplus[i] = args[i];
        return 0;
    }
    if (co->co_flags & MINI_CO_VARKEYWORDS) {
        kwdict = MiniDict_New();
        if (kwdict == NULL) {
            for (Mini_ssize_t i = 0; i < nargs + nkw; i++) Mini_DECREF(args[i]);
            return -1;
        }
        localsplus[total + ((co->co_flags & MINI_CO_VARARGS) ? 1 : 0)] = kwdict;
    }
    Mini_ssize_t n = nargs < argcount ? nargs : argcount;
    for (Mini_ssize_t i = 0; i < n; i++) localsplus[i] = args[i];
    if (co->co_flags & MINI_CO_VARARGS) {
        Mini_ssize_t extra = nargs - n;
        MiniObject *t = MiniTuple_New(extra);
        if (t == NULL) {
            for (Mini_ssize_t i = n; i < nargs + nkw; i++) Mini_DECREF(args[i]);
            return -1;
        }
        for (Mini_ssize_t i = 0; i < extra; i++) MiniTuple_SET_ITEM(t, i, args[n + i]);
        localsplus[total] = t;
    } else if (nargs > argcount) {
        /* Reported below, after the keywords, as CPython does; the extra references go now. */
        for (Mini_ssize_t i = argcount; i < nargs; i++) Mini_DECREF(args[i]);
    }
    for (k = 0; k < nkw; k++) {
        MiniObject *name = MiniTuple_GET_ITEM(kwnames, k), *value = args[nargs + k];
        if (!MiniUnicode_Check(name)) {
            MiniErr_Format(MiniExc_TypeError, "%U() keywords must be strings", func->func_qualname);
            goto fail_kw;
        }
        Mini_ssize_t j = find_keyword(co, name, total);
        if (j < 0) {
            if (kwdict != NULL) {
                if (MiniDict_SetItem(kwdict, name, value) < 0) goto fail_kw;
                Mini_DECREF(value);
                continue;
            }
            MiniObject *const *names = &MiniTuple_GET_ITEM(co->co_localsplusnames, 0);
            int posonly = 0;
            for (Mini_ssize_t i = 0; i < co->co_posonlyargcount; i++)
                if (_MiniUnicode_Eq(names[i], name)) posonly = 1;
            if (posonly)
                MiniErr_Format(MiniExc_TypeError, "%U() got some positional-only arguments passed as "
                               "keyword arguments: '%U'", func->func_qualname, name);
            else
                MiniErr_Format(MiniExc_TypeError, "%U() got an unexpected keyword argument '%U'",
                               func->func_qualname, name);
            goto fail_kw;
        }
        if (localsplus[j] != NULL) {
            MiniErr_Format(MiniExc_TypeError, "%U() got multiple values for argument '%U'",
                           func->func_qualname, name);
            goto fail_kw;
        }
        localsplus[j] = value;
    }
    if (nargs > argcount && !(co->co_flags & MINI_CO_VARARGS)) {
        too_many_positional(func, localsplus, nargs);
        return -1;
    }
    if (nargs < argcount) {
        Mini_ssize_t defcount = func->func_defaults ? MiniTuple_GET_SIZE(func->func_defaults) : 0;
        Mini_ssize_t m = argcount - defcount;
        for (Mini_ssize_t i = nargs; i < m; i++) {
            if (localsplus[i] == NULL) {
                missing_arguments(func, localsplus, nargs, m, 0);
                return -1;
            }
        }
        for (Mini_ssize_t i = (n > m ? n - m : 0); i < defcount; i++)
            if (localsplus[m + i] == NULL)
                localsplus[m + i] = Mini_NewRef(MiniTuple_GET_ITEM(func->func_defaults, i));
    }
    if (co->co_kwonlyargcount > 0) {
        for (Mini_ssize_t i = argcount; i < total; i++) {
            if (localsplus[i] != NULL) continue;
            MiniObject *def = NULL;
            if (func->func_kwdefaults != NULL) {
                def = MiniDict_GetItemWithError(func->func_kwdefaults, MiniTuple_GET_ITEM(co->co_localsplusnames, i));
                if (def == NULL && MiniErr_Occurred()) return -1;
            }
            if (def == NULL) {
                missing_arguments(func, localsplus, argcount, total, 1);
                return -1;
            }
            localsplus[i] = Mini_NewRef(def);
        }
    }
    return 0;
fail_kw:
    for (; k < nkw; k++) Mini_DECREF(args[nargs + k]);
    return -1;
}

/* ----- calling conventions --------------------------------------------------------------------------- */

int _MiniVM_UnpackArgs(MiniObject *args, MiniObject *kwargs, MiniObject ***stackp, Mini_ssize_t *nargsp,
                       MiniObject **kwnamesp) {
    Mini_ssize_t n = args ? MiniTuple_GET_SIZE(args) : 0;
    Mini_ssize_t nkw = (kwargs != NULL) ? MiniDict_Size(kwargs) : 0;
    MiniObject **stack = malloc((size_t)(1 + n + nkw) * sizeof(MiniObject *));
    if (stack == NULL) { MiniErr_NoMemory(); return -1; }
    stack[0] = NULL;
    for (Mini_ssize_t i = 0; i < n; i++) stack[1 + i] = MiniTuple_GET_ITEM(args, i);
    MiniObject *kwnames = NULL;
    if (nkw > 0) {
        kwnames = MiniTuple_New(nkw);
        if (kwnames == NULL) { free(stack); return -1; }
        Mini_ssize_t pos = 0, i = 0;
        MiniObject *key, *value;
        while (i < nkw && MiniDict_Next(kwargs, &pos, &key, &value)) {
            MiniTuple_SET_ITEM(kwnames, i, Mini_NewRef(key));
            stack[1 + n + i] = value;
            i++;
        }
    }
    *stackp = stack + 1;
    *nargsp = n;
    *kwnamesp = kwnames;
    return 0;
}

void _MiniVM_FreeArgs(MiniObject **stack, MiniObject *kwnames) {
    free(stack - 1);
    Mini_XDECREF(kwnames);
}

/* Packs the fast convention into (tuple, dict) and calls through tp_call. */
static MiniObject *call_via_tuple(MiniObject *callable, MiniObject *const *args, Mini_ssize_t nargs,
                                  MiniObject *kwnames) {
    MiniObject *t = MiniTuple_New(nargs), *d = NULL, *res = NULL;
    if (t == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < nargs; i++) MiniTuple_SET_ITEM(t, i, Mini_NewRef(args[i]));
    if (kwnames != NULL && MiniTuple_GET_SIZE(kwnames) > 0) {
        d = MiniDict_New();
        if (d == NULL) goto done;
        for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(kwnames); i++)
            if (MiniDict_SetItem(d, MiniTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0) goto done;
    }
    res = MiniObject_Call(callable, t, d);
done:
    Mini_DECREF(t);
    Mini_XDECREF(d);
    return res;
}

MiniObject *_MiniFunction_Call(MiniObject *callable, MiniObject *const *args, Mini_ssize_t nargs,
                               MiniObject *kwnames) {
    MiniFunctionObject *func = (MiniFunctionObject *)callable;
    MiniCodeObject *co = (MiniCodeObject *)func->func_code;
    MiniVMThread *ts = _MiniVM_ThreadFast();
    if (ts == NULL) return NULL;
    Mini_ssize_t total = nargs + (kwnames ? MiniTuple_GET_SIZE(kwnames) : 0);
    if (co->co_flags & MINI_CO_GENLIKE) {
        MiniGenObject *gen = _MiniGen_New(func);
        if (gen == NULL) return NULL;
        for (Mini_ssize_t i = 0; i < total; i++) Mini_INCREF(args[i]);
        if (_MiniVM_BindArgs(func, gen->gi_frame.localsplus, (MiniObject **)args, nargs, kwnames) < 0) {
            Mini_DECREF(gen);
            return NULL;
        }
        return (MiniObject *)gen;
    }
    MiniFrame *f = _MiniVM_PushFrame(ts, co);
    if (f == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < total; i++) Mini_INCREF(args[i]);
    f->f_func = Mini_NewRef(callable);
    f->f_globals = func->func_globals;
    f->f_builtins = _MiniVM_BuiltinsDict;
    if (_MiniVM_BindArgs(func, f->localsplus, (MiniObject **)args, nargs, kwnames) < 0) {
        _MiniVM_PopFrame(ts, f);
        return NULL;
    }
    return _MiniEval_EvalFrame(ts, f, 0);
}

MiniFrame *_MiniVM_PushDunderFrame(MiniVMThread *ts, MiniObject *df, int n, MiniObject *a0, MiniObject *a1,
                                   MiniObject *a2, int mark) {
    MiniObject *args[3] = {a0, a1, a2};
    MiniFunctionObject *func = (MiniFunctionObject *)df;
    MiniFrame *f = NULL;
    if (ts->depth >= _MiniVM_RecursionLimit)
        MiniErr_SetString(MiniExc_RecursionError, "maximum recursion depth exceeded");
    else
        f = _MiniVM_PushFrameFast(ts, (MiniCodeObject *)func->func_code);
    if (f == NULL) {
        for (int i = 0; i < n; i++) Mini_DECREF(args[i]);
        return NULL;
    }
    f->f_func = Mini_NewRef(df);
    f->f_globals = func->func_globals;
    f->f_builtins = _MiniVM_BuiltinsDict;
    f->f_init = (uint8_t)mark;
    for (int i = 0; i < n; i++) f->localsplus[i] = args[i];
    return f;
}

/* The method descriptor layout of descrobject.c (a type's MiniMethodDef entry), read here so that
 * `obj.method(args)` can call the C function without binding a method object first. */
typedef struct {
    MiniObject_HEAD
    MiniTypeObject *d_type;
    MiniMethodDef *d_method;
} MethodDescrView;

/* Calls a method descriptor with self = args[0]; NotImplemented-free: NULL with *handled = 0 when
 * the fast forms do not apply. */
static MiniObject *call_method_descr(MiniObject *descr, MiniObject *const *args, Mini_ssize_t nargs, int *handled) {
    MethodDescrView *d = (MethodDescrView *)descr;
    MiniMethodDef *ml = d->d_method;
    *handled = 0;
    if (nargs < 1 || !MiniObject_TypeCheck(args[0], d->d_type)) return NULL;
    MiniObject *res;
    if (ml->ml_flags == MINI_METH_O && nargs == 2) res = ml->ml_meth(args[0], args[1]);
    else if (ml->ml_flags == MINI_METH_NOARGS && nargs == 1) res = ml->ml_meth(args[0], NULL);
    else if (ml->ml_flags == MINI_METH_FASTCALL) res = ((MiniCFunctionFast)(void (*)(void))ml->ml_meth)(args[0], args + 1, nargs - 1);
    else if (ml->ml_flags & MINI_METH_VARARGS) {
        MiniObject *t = MiniTuple_New(nargs - 1);
        if (t == NULL) { *handled = 1; return NULL; }
        for (Mini_ssize_t i = 1; i < nargs; i++) MiniTuple_SET_ITEM(t, i - 1, Mini_NewRef(args[i]));
        if (ml->ml_flags & MINI_METH_KEYWORDS)
            res = ((MiniCFunctionWithKeywords)(void (*)(void))ml->ml_meth)(args[0], t, NULL);
        else
            res = ml->ml_meth(args[0], t);
        Mini_DECREF(t);
    } else {
        return NULL;
    }
    *handled = 1;
    return _MiniObject_CheckCallResult(descr, res);
}

/* type(x), tuple(list or tuple), str(str, int or float): one-argument calls of built-in types
 * answered without building an argument tuple for type_call (CPython 3.11 specialises the same
 * three: CALL_NO_KW_TYPE_1, _TUPLE_1, _STR_1). *handled 0 when the generic call must run. */
static MiniObject *builtin_type_call1(MiniObject *type, MiniObject *arg, int *handled) {
    MiniTypeObject *at = Mini_TYPE(arg);
    *handled = 1;
    if (type == (MiniObject *)&MiniType_Type) return Mini_NewRef((MiniObject *)at);
    if (type == (MiniObject *)&MiniTuple_Type) {
        if (at == &MiniTuple_Type) return Mini_NewRef(arg);
        if (at == &MiniList_Type) return MiniList_AsTuple(arg);
    } else if (type == (MiniObject *)&MiniUnicode_Type) {
        if (at == &MiniUnicode_Type) return Mini_NewRef(arg);
        if (at == &MiniLong_Type || at == &MiniFloat_Type) return MiniObject_Str(arg);
    }
    *handled = 0;
    return NULL;
}

MiniObject *_MiniVM_Call(MiniObject *callable, MiniObject *const *args, Mini_ssize_t nargs,
                         MiniObject *kwnames) {
    MiniTypeObject *tp = Mini_TYPE(callable);
    Mini_ssize_t nkw = kwnames ? MiniTuple_GET_SIZE(kwnames) : 0;
    if (tp == &MiniFunction_Type) return _MiniFunction_Call(callable, args, nargs, kwnames);
    if (tp == &MiniVMBuiltin_Type) {
        MiniVMBuiltinObject *b = (MiniVMBuiltinObject *)callable;
        return b->fn(b->self, args, nargs, kwnames);
    }
    if (tp == &MiniMethod_Type) {
        MiniMethodObject *m = (MiniMethodObject *)callable;
        MiniObject *small[8], **buf = small;
        if (nargs + nkw + 1 > 8) {
            buf = malloc((size_t)(nargs + nkw + 1) * sizeof(MiniObject *));
            if (buf == NULL) return MiniErr_NoMemory();
        }
        buf[0] = m->im_self;
        if (nargs + nkw > 0) memcpy(buf + 1, args, (size_t)(nargs + nkw) * sizeof(MiniObject *));
        MiniObject *res = _MiniVM_Call(m->im_func, buf, nargs + 1, kwnames);
        if (buf != small) free(buf);
        return res;
    }
    if (nkw == 0) {
        if (tp == &MiniCFunction_Type) {
            MiniCFunctionObject *cf = (MiniCFunctionObject *)callable;
            int flags = cf->m_ml->ml_flags;
            if ((flags == MINI_METH_O && nargs == 1) || (flags == MINI_METH_NOARGS && nargs == 0)) {
                MiniObject *res = cf->m_ml->ml_meth(cf->m_self, nargs ? args[0] : NULL);
                return _MiniObject_CheckCallResult(callable, res);
            }
            if (flags == MINI_METH_FASTCALL) {
                MiniObject *res = ((MiniCFunctionFast)(void (*)(void))cf->m_ml->ml_meth)(cf->m_self, args, nargs);
                return _MiniObject_CheckCallResult(callable, res);
            }
        } else if (tp == &MiniMethodDescr_Type) {
            int handled;
            MiniObject *res = call_method_descr(callable, args, nargs, &handled);
            if (handled) return res;
        } else if (tp == &MiniType_Type && nargs == 1) {
            int handled;
            MiniObject *res = builtin_type_call1(callable, args[0], &handled);
            if (handled) return res;
        }
    }
    if (tp->tp_call == NULL)
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not callable", MiniType_Name(tp));
    return call_via_tuple(callable, args, nargs, kwnames);
}

MiniObject *MiniVM_EvalCode(MiniObject *code, MiniObject *globals, MiniObject *locals) {
    MINI_CHECK_GIL("MiniVM_EvalCode");
    if (code == NULL || !MiniCode_Check(code) || globals == NULL || !MiniDict_Check(globals)) {
        MiniErr_BadInternalCall();
        return NULL;
    }
    if (MiniVM_Init() < 0) return NULL;
    MiniVMThread *ts = _MiniVM_ThreadFast();
    if (ts == NULL) return NULL;
    MiniCodeObject *co = (MiniCodeObject *)code;
    MiniFrame *f = _MiniVM_PushFrame(ts, co);
    if (f == NULL) return NULL;
    f->f_globals = globals;
    f->f_builtins = _MiniVM_BuiltinsDict;
    f->f_locals = Mini_NewRef(locals != NULL ? locals : globals);
    return _MiniEval_EvalFrame(ts, f, 0);
}
