/* Python/ceval.c: the bytecode interpreter.
 *
 * The loop itself is in ceval_loop.h, a function body this file includes three times: as
 * _MiniEval_Default, the fast loop used under the default poll policy (the eval breaker is
 * checked at RESUME, on backward jumps and after calls into C, like CPython 3.10+); as
 * _MiniEval_Instrumented, which also honours the other policies (every N instructions, never)
 * and counts polls; and as _MiniEval_FreeThreaded, the default-policy loop with its reference
 * ops compiled for free-threaded (biased) counting only. _MiniEval_EvalFrame picks one each time
 * a frame starts running; the default loop only while reference counting is plain (GIL mode, not
 * checked), so its reference ops carry no mode test (checked mode runs the instrumented loop).
 *
 * Before the loop come the helpers its instructions share: name errors, raising, exception
 * matching and context chaining, unpacking, importing, building functions and classes, and
 * the C-stack guard. Python-to-Python calls do not recurse in C: the loop pushes the callee's
 * frame on the thread's frame stack and continues in the same C activation, so only calls that
 * pass through C (a builtin calling back, a class being instantiated, a generator resuming)
 * nest, and those are bounded by the recursion limit and a check of the remaining C stack. */
#include "vm_internal.h"
#include "specialize.h"
#include "longobject_internal.h"
#include "unicodeobject_internal.h"
#include "objimpl_internal.h"
#include "formatter_internal.h"
#include "lib_internal.h"
#include "critical_section_internal.h"
#include "exceptions_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* In this file the last reference the loop drops to an int or float recycles the object. */
#undef Mini_DECREF
#undef Mini_XDECREF
#define Mini_DECREF(op) _MiniVM_DecRef(_MiniObject_CAST(op))
#define Mini_XDECREF(op) _MiniVM_XDecRef(_MiniObject_CAST(op))

/* ----- poll policy --------------------------------------------------------------------------------- */

int _MiniVM_PollPolicy = MINI_VM_POLL_CALLS_BACKEDGES;
long _MiniVM_PollN = 100;
int _MiniVM_PollCounting;
uint64_t _MiniVM_PollCounter;
int _MiniVM_RecursionLimit = 1000;

void MiniVM_SetPollPolicy(int policy, long n, int count) {
    if (policy < MINI_VM_POLL_CALLS_BACKEDGES || policy > MINI_VM_POLL_NEVER) policy = MINI_VM_POLL_CALLS_BACKEDGES;
    __atomic_store_n(&_MiniVM_PollN, n > 0 ? n : 100, __ATOMIC_RELAXED);
    __atomic_store_n(&_MiniVM_PollCounting, count != 0, __ATOMIC_RELAXED);
    __atomic_store_n(&_MiniVM_PollPolicy, policy, __ATOMIC_RELAXED);
}

int MiniVM_GetPollPolicy(long *n, int *count) {
    if (n) *n = __atomic_load_n(&_MiniVM_PollN, __ATOMIC_RELAXED);
    if (count) *count = __atomic_load_n(&_MiniVM_PollCounting, __ATOMIC_RELAXED);
    return __atomic_load_n(&_MiniVM_PollPolicy, __ATOMIC_RELAXED);
}

uint64_t MiniVM_PollCount(void) { return __atomic_load_n(&_MiniVM_PollCounter, __ATOMIC_RELAXED); }
void MiniVM_ResetPollCount(void) { __atomic_store_n(&_MiniVM_PollCounter, 0, __ATOMIC_RELAXED); }

void MiniVM_SetRecursionLimit(int limit) { _MiniVM_RecursionLimit = limit > 10 ? limit : 10; }
int MiniVM_GetRecursionLimit(void) { return _MiniVM_RecursionLimit; }

/* ----- helpers shared by the instructions ------------------------------------------------------------ */

/* The current exception, taken out of the indicator (new reference); SystemError if none. */
static MiniObject *take_exception(void) {
    MiniThreadState *t = _Mini_tstate_current;
    MiniObject *exc = t->curexc;
    if (exc == NULL) {
        MiniErr_SetString(MiniExc_SystemError, "error return without exception set");
        exc = t->curexc;
    }
    t->curexc = NULL;
    return exc;
}

/* Sets the indicator to exc, stealing it. */
static void restore_exception(MiniObject *exc) {
    MiniThreadState *t = _Mini_tstate_current;
    MiniObject *old = t->curexc;
    t->curexc = exc;
    Mini_XDECREF(old);
}

void _MiniVM_SetContext(MiniVMThread *ts, MiniObject *exc) {
    MiniObject *handled = ts->exc_info;
    if (handled == NULL || handled == exc || exc == NULL || !MiniExceptionInstance_Check(exc)) return;
    MiniBaseExceptionObject *e = (MiniBaseExceptionObject *)exc;
    if (e->context != NULL) return;
    /* Avoid a cycle: cut exc out of the handled exception's context chain. */
    MiniBaseExceptionObject *o = (MiniBaseExceptionObject *)handled;
    int steps = 0;
    while (o->context != NULL && steps++ < 100) {
        if (o->context == exc) { Mini_CLEAR(o->context); break; }
        o = (MiniBaseExceptionObject *)o->context;
    }
    e->context = Mini_NewRef(handled);
}

static void format_exc_name(MiniObject *exc, const char *fmt, MiniObject *name) {
    MiniErr_Format(exc, fmt, name);
}

static void unbound_local(MiniCodeObject *co, int i) {
    MiniObject *name = MiniTuple_GET_ITEM(co->co_localsplusnames, i);
    if (co->co_localspluskinds[i] & MINI_LK_FREE)
        format_exc_name(MiniExc_NameError, "cannot access free variable '%U' where it is not "
                        "associated with a value in enclosing scope", name);
    else
        format_exc_name(MiniExc_UnboundLocalError, "cannot access local variable '%U' where it is "
                        "not associated with a value", name);
}

static void name_error(MiniObject *name) {
    format_exc_name(MiniExc_NameError, "name '%U' is not defined", name);
}

/* Looks name up in globals then builtins: new reference, or NULL (NameError or other error). */
static MiniObject *load_global(MiniObject *globals, MiniObject *builtins, MiniObject *name) {
    MiniObject *v = MiniDict_GetItemWithError(globals, name);
    if (v == NULL) {
        if (MiniErr_Occurred()) return NULL;
        v = MiniDict_GetItemWithError(builtins, name);
        if (v == NULL) {
            if (!MiniErr_Occurred()) name_error(name);
            return NULL;
        }
    }
    return Mini_NewRef(v);
}

static int is_exception_class(MiniObject *o) {
    return MiniType_Check(o) && MiniType_IsSubtype((MiniTypeObject *)o, (MiniTypeObject *)MiniExc_BaseException);
}

/* raise exc [from cause]. Returns 1 for a bare re-raise with the exception set (no new traceback
 * entry), 0 with the new exception set. Steals exc and cause. */
static int do_raise(MiniVMThread *ts, MiniObject *exc, MiniObject *cause) {
    MiniObject *value = NULL;
    if (exc == NULL) {
        MiniObject *handled = ts->exc_info;
        if (handled == NULL) {
            MiniErr_SetString(MiniExc_RuntimeError, "No active exception to reraise");
            return 0;
        }
        restore_exception(Mini_NewRef(handled));
        return 1;
    }
    if (is_exception_class(exc)) {
        value = MiniObject_CallNoArgs(exc);
        if (value == NULL) goto fail;
        if (!MiniExceptionInstance_Check(value)) {
            MiniErr_Format(MiniExc_TypeError, "calling %R should have returned an instance of "
                           "BaseException, not %s", exc, Mini_TYPE(value)->tp_name);
            goto fail;
        }
    } else if (MiniExceptionInstance_Check(exc)) {
        value = Mini_NewRef(exc);
    } else {
        MiniErr_SetString(MiniExc_TypeError, "exceptions must derive from BaseException");
        goto fail;
    }
    if (cause != NULL) {
        MiniObject *fixed;
        if (is_exception_class(cause)) {
            fixed = MiniObject_CallNoArgs(cause);
            if (fixed == NULL) goto fail;
        } else if (MiniExceptionInstance_Check(cause) || cause == Mini_None) {
            fixed = Mini_NewRef(cause);
        } else {
            MiniErr_SetString(MiniExc_TypeError, "exception causes must derive from BaseException");
            goto fail;
        }
        /* "from None" is kept as a None cause: no cause is shown and the context is suppressed. */
        Mini_SETREF(((MiniBaseExceptionObject *)value)->cause, fixed);
    }
    Mini_DECREF(exc);
    Mini_XDECREF(cause);
    restore_exception(value);
    return 0;
fail:
    Mini_XDECREF(value);
    Mini_DECREF(exc);
    Mini_XDECREF(cause);
    return 0;
}

/* except T: checks T is an exception class or a tuple of them. 0 / -1. */
static int check_except_type(MiniObject *t) {
    if (MiniTuple_Check(t)) {
        for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(t); i++)
            if (!is_exception_class(MiniTuple_GET_ITEM(t, i))) goto bad;
        return 0;
    }
    if (is_exception_class(t)) return 0;
bad:
    MiniErr_SetString(MiniExc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

/* check_except_type for except*, which also refuses exception groups (CPython's message). */
static int check_except_star_type(MiniObject *t) {
    if (check_except_type(t) < 0) return -1;
    int group = 0;
    if (MiniTuple_Check(t)) {
        for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(t); i++)
            group |= MiniType_IsSubtype((MiniTypeObject *)MiniTuple_GET_ITEM(t, i), (MiniTypeObject *)MiniExc_BaseExceptionGroup);
    } else {
        group = MiniType_IsSubtype((MiniTypeObject *)t, (MiniTypeObject *)MiniExc_BaseExceptionGroup);
    }
    if (group) {
        MiniErr_SetString(MiniExc_TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
        return -1;
    }
    return 0;
}

/* Unpacks v into exactly argcnt values, or argcnt + a list + argcntafter values, written to
 * sp[-1], sp[-2], ... (the first value ends on top). 0 / -1. */
static int unpack_iterable(MiniObject *v, int argcnt, int argcntafter, MiniObject **sp) {
    int i = 0;
    MiniObject *it = MiniObject_GetIter(v), *w;
    if (it == NULL) {
        if (MiniErr_ExceptionMatches(MiniExc_TypeError) && Mini_TYPE(v)->tp_iter == NULL &&
            (Mini_TYPE(v)->tp_as_sequence == NULL || Mini_TYPE(v)->tp_as_sequence->sq_item == NULL)) {
            MiniErr_Clear();
            MiniErr_Format(MiniExc_TypeError, "cannot unpack non-iterable %.200s object", Mini_TYPE(v)->tp_name);
        }
        return -1;
    }
    for (; i < argcnt; i++) {
        w = MiniIter_Next(it);
        if (w == NULL) {
            if (!MiniErr_Occurred()) {
                if (argcntafter == -1)
                    MiniErr_Format(MiniExc_ValueError, "not enough values to unpack (expected %d, got %d)", argcnt, i);
                else
                    MiniErr_Format(MiniExc_ValueError, "not enough values to unpack (expected at least %d, got %d)",
                                   argcnt + argcntafter, i);
            }
            goto error;
        }
        *--sp = w;
    }
    if (argcntafter == -1) {
        w = MiniIter_Next(it);
        if (w == NULL) {
            if (MiniErr_Occurred()) goto error;
            Mini_DECREF(it);
            return 0;
        }
        Mini_DECREF(w);
        MiniErr_Format(MiniExc_ValueError, "too many values to unpack (expected %d)", argcnt);
        goto error;
    }
    MiniObject *l = MiniList_New(0);
    if (l == NULL) goto error;
    while ((w = MiniIter_Next(it)) != NULL) {
        int r = MiniList_Append(l, w);
        Mini_DECREF(w);
        if (r < 0) { Mini_DECREF(l); goto error; }
    }
    if (MiniErr_Occurred()) { Mini_DECREF(l); goto error; }
    *--sp = l;
    i++;
    Mini_ssize_t ll = MiniList_GET_SIZE(l);
    if (ll < argcntafter) {
        MiniErr_Format(MiniExc_ValueError, "not enough values to unpack (expected at least %d, got %zd)",
                       argcnt + argcntafter, argcnt + ll);
        goto error;
    }
    for (int j = argcntafter; j > 0; j--, i++) *--sp = Mini_NewRef(MiniList_GET_ITEM(l, ll - j));
    /* Shrink the starred list to what it keeps. */
    for (int j = 0; j < argcntafter; j++) {
        Mini_ssize_t last = MiniList_GET_SIZE(l) - 1;
        MiniObject *x = MiniList_GET_ITEM(l, last);
        ((MiniVarObject *)l)->ob_size = last;
        Mini_DECREF(x);
    }
    Mini_DECREF(it);
    return 0;
error:
    for (; i > 0; i--, sp++) Mini_DECREF(*sp);
    Mini_DECREF(it);
    return -1;
}

/* IMPORT_FROM: module.name; else the submodule sys.modules holds as "module.name" (a circular
 * import binds it there before the attribute is set); else CPython's ImportError, which names a
 * module still being imported as "partially initialized ... (most likely due to a circular
 * import)". */
static MiniObject *import_from(MiniObject *module, MiniObject *name) {
    MiniObject *x = MiniObject_GetAttr(module, name);
    if (x != NULL || !MiniErr_ExceptionMatches(MiniExc_AttributeError)) return x;
    MiniErr_Clear();
    const char *modname = MiniModule_Check(module) ? MiniModule_GetName(module) : NULL;
    if (modname == NULL) { MiniErr_Clear(); modname = "<unknown module name>"; }
    else {
        MiniObject *full = MiniUnicode_FromFormat("%s.%U", modname, name);
        MiniObject *sub = full != NULL ? MiniDict_GetItem(MiniImport_GetModuleDict(), full) : NULL;
        Mini_XDECREF(full);
        if (sub != NULL) return Mini_NewRef(sub);
    }
    const char *partial = _MiniVM_IsInitialising(modname) ? "partially initialized module" : "";
    const char *why = *partial ? " (most likely due to a circular import)" : "";
    MiniObject *file = MiniObject_GetAttrString(module, "__file__");
    if (file != NULL && MiniUnicode_Check(file))
        MiniErr_Format(MiniExc_ImportError, "cannot import name '%U' from %s'%s'%s (%U)", name,
                       *partial ? "partially initialized module " : "", modname, why, file);
    else {
        MiniErr_Clear();
        MiniErr_Format(MiniExc_ImportError, "cannot import name '%U' from %s'%s'%s (unknown location)", name,
                       *partial ? "partially initialized module " : "", modname, why);
    }
    Mini_XDECREF(file);
    return NULL;
}

static int import_all_from(MiniObject *locals, MiniObject *module) {
    MiniObject *all = MiniObject_GetAttrString(module, "__all__"), *names;
    int skip_private = 0;
    if (all == NULL) {
        if (!MiniErr_ExceptionMatches(MiniExc_AttributeError)) return -1;
        MiniErr_Clear();
        MiniObject *dict = MiniObject_GetAttrString(module, "__dict__");
        if (dict == NULL) return -1;
        names = MiniDict_Keys(dict);
        Mini_DECREF(dict);
        if (names == NULL) return -1;
        skip_private = 1;
    } else {
        names = all;
    }
    MiniObject *it = MiniObject_GetIter(names), *name;
    Mini_DECREF(names);
    if (it == NULL) return -1;
    int err = 0;
    while (!err && (name = MiniIter_Next(it)) != NULL) {
        if (skip_private && MiniUnicode_Check(name) && MiniUnicode_AsUTF8(name)[0] == '_') {
            Mini_DECREF(name);
            continue;
        }
        MiniObject *v = MiniObject_GetAttr(module, name);
        if (v == NULL || MiniObject_SetItem(locals, name, v) < 0) err = 1;
        Mini_XDECREF(v);
        Mini_DECREF(name);
    }
    Mini_DECREF(it);
    return (err || MiniErr_Occurred()) ? -1 : 0;
}

/* dict |= other for ** in calls, with the duplicate-keyword check. 0 / -1. */
static int dict_merge(MiniObject *callable, MiniObject *dict, MiniObject *other) {
    if (!MiniDict_Check(other)) {
        MiniObject *keys = MiniObject_CallMethodObjArgs(other, "keys", NULL);
        if (keys == NULL) {
            if (MiniErr_ExceptionMatches(MiniExc_AttributeError)) {
                MiniErr_Clear();
                MiniErr_Format(MiniExc_TypeError, "%s argument after ** must be a mapping, not %.200s",
                               callable ? "function" : "function", Mini_TYPE(other)->tp_name);
            }
            return -1;
        }
        MiniObject *it = MiniObject_GetIter(keys), *k;
        Mini_DECREF(keys);
        if (it == NULL) return -1;
        while ((k = MiniIter_Next(it)) != NULL) {
            MiniObject *v = NULL;
            int r = MiniDict_Contains(dict, k);
            if (r == 0) {
                v = MiniObject_GetItem(other, k);
                r = v ? MiniDict_SetItem(dict, k, v) : -1;
            } else if (r > 0) {
                MiniErr_Format(MiniExc_TypeError, "got multiple values for keyword argument '%S'", k);
                r = -1;
            }
            Mini_XDECREF(v);
            Mini_DECREF(k);
            if (r < 0) { Mini_DECREF(it); return -1; }
        }
        Mini_DECREF(it);
        return MiniErr_Occurred() ? -1 : 0;
    }
    Mini_ssize_t pos = 0;
    MiniObject *k, *v;
    while (MiniDict_Next(other, &pos, &k, &v)) {
        int r = MiniDict_Contains(dict, k);
        if (r > 0) {
            MiniObject *fname = callable ? MiniObject_GetAttrString(callable, "__qualname__") : NULL;
            if (fname == NULL) MiniErr_Clear();
            if (fname != NULL && MiniUnicode_Check(fname))
                MiniErr_Format(MiniExc_TypeError, "%U() got multiple values for keyword argument '%S'", fname, k);
            else
                MiniErr_Format(MiniExc_TypeError, "got multiple values for keyword argument '%S'", k);
            Mini_XDECREF(fname);
            return -1;
        }
        if (r < 0 || MiniDict_SetItem(dict, k, v) < 0) return -1;
    }
    return 0;
}

/* list.extend for LIST_EXTEND and the * in calls and displays. 0 / -1. */
static int list_extend(MiniObject *list, MiniObject *iterable) {
    if (MiniList_CheckExact(iterable) || MiniTuple_CheckExact(iterable))
        return MiniList_Extend(list, iterable);   /* both lists' sections; a list extended with
                                                   * itself doubles once */
    MiniObject *it = MiniObject_GetIter(iterable), *x;
    if (it == NULL) {
        if (MiniErr_ExceptionMatches(MiniExc_TypeError) && Mini_TYPE(iterable)->tp_iter == NULL &&
            (Mini_TYPE(iterable)->tp_as_sequence == NULL || Mini_TYPE(iterable)->tp_as_sequence->sq_item == NULL)) {
            MiniErr_Clear();
            MiniErr_Format(MiniExc_TypeError, "Value after * must be an iterable, not %.200s",
                           Mini_TYPE(iterable)->tp_name);
        }
        return -1;
    }
    while ((x = MiniIter_Next(it)) != NULL) {
        int r = MiniList_Append(list, x);
        Mini_DECREF(x);
        if (r < 0) { Mini_DECREF(it); return -1; }
    }
    Mini_DECREF(it);
    return MiniErr_Occurred() ? -1 : 0;
}

/* Special-method lookup on the type (as CPython's _PyObject_LookupSpecial): the attribute bound
 * to obj, or NULL without an exception when absent. */
static MiniObject *lookup_special(MiniObject *obj, MiniObject *name) {
    MiniObject *descr = MiniType_Lookup(Mini_TYPE(obj), name);
    if (descr == NULL) return NULL;
    Mini_descrgetfunc get = Mini_TYPE(descr)->tp_descr_get;
    if (get == NULL) return Mini_NewRef(descr);
    Mini_INCREF(descr);
    MiniObject *res = get(descr, obj, (MiniObject *)Mini_TYPE(obj));
    Mini_DECREF(descr);
    return res;
}

/* FORMAT_VALUE: conversion, then format(). Steals value and spec. */
static MiniObject *format_value(MiniObject *value, MiniObject *spec, int conv) {
    MiniObject *v = value, *res;
    switch (conv) {
    case MINI_FVC_STR: v = MiniObject_Str(value); break;
    case MINI_FVC_REPR: v = MiniObject_Repr(value); break;
    case MINI_FVC_ASCII: v = MiniObject_Repr(value); break;
    default: Mini_INCREF(v); break;
    }
    Mini_DECREF(value);
    if (v == NULL) { Mini_XDECREF(spec); return NULL; }
    if (spec == NULL && MiniUnicode_CheckExact(v)) return v;
    res = _MiniLib_FormatValue(v, spec);
    Mini_DECREF(v);
    Mini_XDECREF(spec);
    return res;
}

static MiniObject *build_string(MiniObject **items, Mini_ssize_t n) {
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    for (Mini_ssize_t i = 0; i < n; i++) _MiniStrBuf_AppendStr(&b, items[i]);
    return _MiniStrBuf_Finish(&b);
}

/* The exception-table entry covering instruction index lasti, or NULL. */
static const MiniExcTableEntry *find_handler(MiniCodeObject *co, Mini_ssize_t lasti) {
    const MiniExcTableEntry *e = co->co_exctable, *end = e + co->co_nexctable;
    for (; e < end; e++)
        if (lasti >= e->start && lasti < e->end) return e;
    return NULL;
}

static MiniObject *make_function(MiniObject *code, MiniObject *globals) {
    return _MiniFunction_New(code, globals);
}

/* A small int for a non-negative index (instruction offsets pushed for RERAISE). */
static MiniObject *index_object(Mini_ssize_t i) { return MiniLong_FromSsize_t(i); }

/* ----- fast int helpers ------------------------------------------------------------------------------ */

#define IS_SMALL_INT(v) ((v) >= MINI_SMALL_INT_MIN && (v) <= MINI_SMALL_INT_MAX)
MINI_INLINE int is_compact_int(MiniObject *o) {
    return Mini_TYPE(o) == &MiniLong_Type && Mini_SIZE(o) == 0;
}
MINI_INLINE int64_t compact_value(MiniObject *o) { return ((MiniLongObject *)o)->ob_ival; }
MINI_INLINE MiniObject *small_int(int64_t v) {
    MiniObject *o = (MiniObject *)&_Mini_SmallInts[v - MINI_SMALL_INT_MIN];
    Mini_INCREF(o);
    return o;
}
MINI_INLINE MiniObject *make_int(int64_t v) { return _MiniVM_NewInt(v); }

/* list[i] for a compact int i in the free-threaded mode: a new reference, or NULL (no exception)
 * when out of range so the generic path raises. This and list_store_locked stay out of line:
 * inlined with the critical section's fast path they made GIL mode's loop spill registers
 * (callgrind: about 19 more instructions per inner iteration of the pure-Python matmul). */
/* The two halves shared by the section forms here and the lock-only forms below, run with the
 * list's lock held. list_item_at: list[i] (negative i from the end) as a new reference, or NULL
 * when out of range. list_store_at: stores v at list[i] and puts the old item in *old; 1 when
 * stored, 0 when out of range (nothing changed). */
MINI_INLINE MiniObject *list_item_at(MiniObject *list, MiniObject *sub) {
    int64_t i = compact_value(sub), n = Mini_SIZE(list);
    if (i < 0) i += n;
    return i >= 0 && i < n ? Mini_NewRef(MiniList_GET_ITEM(list, i)) : NULL;
}

/* A new reference to o for the free-threaded loop's helpers below, which run only in that mode
 * outside checked mode: object.h's owner case without its two mode tests (ft-speed). */
MINI_INLINE MiniObject *ft_new_ref(MiniObject *o) {
    if (MINI_LIKELY(__atomic_load_n(&o->ob_tid, __ATOMIC_RELAXED) == _Mini_RefThis.tid)) {
        __atomic_store_n(&o->ob_ref_local, __atomic_load_n(&o->ob_ref_local, __ATOMIC_RELAXED) + 1,
                         __ATOMIC_RELAXED);
        _Mini_RefThisCount(1);
    } else if (__atomic_load_n(&o->ob_ref_local, __ATOMIC_RELAXED) != MINI_REF_LOCAL_IMMORTAL) {
        _Mini_IncRefSlow(o);
    }
    return o;
}

/* list_item_at for the free-threaded loop's lock-only read (ft_new_ref for the count). */
MINI_INLINE MiniObject *list_item_at_ft(MiniObject *list, MiniObject *sub) {
    int64_t i = compact_value(sub), n = Mini_SIZE(list);
    if (i < 0) i += n;
    return i >= 0 && i < n ? ft_new_ref(MiniList_GET_ITEM(list, i)) : NULL;
}
MINI_INLINE int list_store_at(MiniObject *list, MiniObject *sub, MiniObject *v, MiniObject **old) {
    int64_t i = compact_value(sub), n = Mini_SIZE(list);
    if (i < 0) i += n;
    if (i < 0 || i >= n) return 0;
    MiniObject **slot = &((MiniListObject *)list)->ob_item[i];
    *old = *slot;
    *slot = v;
    return 1;
}

__attribute__((noinline)) static MiniObject *list_subscr_locked(MiniObject *list, MiniObject *sub) {
    MiniObject *res;
    Mini_BEGIN_CRITICAL_SECTION(list);
    res = list_item_at(list, sub);
    Mini_END_CRITICAL_SECTION();
    return res;
}

/* list[i] = v for a compact int i in the free-threaded mode, inside the list's section: 1 when
 * stored (the list took over the caller's reference to v; the old item is dropped the delayed
 * way, as list_setitem does), 0 when i is out of range (nothing changed: the generic path raises). */
__attribute__((noinline)) static int list_store_locked(MiniObject *list, MiniObject *sub, MiniObject *v) {
    MiniObject *old = NULL;
    int done;
    Mini_BEGIN_CRITICAL_SECTION(list);
    done = list_store_at(list, sub, v, &old);
    Mini_END_CRITICAL_SECTION();
    if (old != NULL) _MiniVM_DecRefShared(old);
    return done;
}

/* The free-threaded loop's forms of the two above (ft-speed, issue 13), inline there only: when
 * the list's lock is free they take it for the read (or store) alone, without a critical section
 * (no section pushed, no thread state looked up): one compare-and-swap in, one out. That is safe
 * because nothing between the two can block, call out or reach a stop point, so the lock is held
 * only for a few loads and stores, exactly as a section that never suspends. When the lock is
 * taken (another thread, or one of this thread's own sections holds it) they fall back to the
 * full section above, which knows about nesting and waits properly. callgrind, matmul: the
 * section version was 93 instructions per list[i]. */
MINI_INLINE MiniObject *list_subscr_leaf(MiniObject *list, MiniObject *sub) {
    MiniMutex *m = (MiniMutex *)&list->ob_mutex;
    if (MINI_UNLIKELY(!MiniMutex_TryLock(m))) return list_subscr_locked(list, sub);
    MiniObject *res = list_item_at_ft(list, sub);
    MiniMutex_Unlock(m);
    return res;
}

/* *old receives the replaced item (a reference the caller now owns and drops: at once when no
 * other thread is attached, else the delayed way), or NULL when the store went through the
 * section form (which dropped it) or did not happen. */
MINI_INLINE int list_store_leaf(MiniObject *list, MiniObject *sub, MiniObject *v, MiniObject **old) {
    MiniMutex *m = (MiniMutex *)&list->ob_mutex;
    *old = NULL;
    if (MINI_UNLIKELY(!MiniMutex_TryLock(m))) return list_store_locked(list, sub, v);
    int done = list_store_at(list, sub, v, old);
    MiniMutex_Unlock(m);
    return done;
}

/* The free-threaded loop's `for x in a_list` step (ft-speed, issue 13): the list iterator's next
 * item read under the list's lock alone, as list_subscr_leaf (seqiter_next would take a critical
 * section for the length and another for the item: about 90 instructions per step). 1 with *item
 * a new reference and the iterator advanced; 0 when the general path must run: the iterator is
 * not over a list, is exhausted or at the end (seqiter_next clears it), or the lock is held
 * elsewhere. The index is read and written as seqiter_next does (an iterator is one thread's). */
MINI_INLINE int list_iter_next_leaf(MiniObject *it, MiniObject **item) {
    MiniSeqIterObject *si = (MiniSeqIterObject *)it;
    MiniObject *seq = si->seq, *v = NULL;
    if (seq == NULL || Mini_TYPE(seq) != &MiniList_Type) return 0;
    MiniMutex *m = (MiniMutex *)&seq->ob_mutex;
    if (MINI_UNLIKELY(!MiniMutex_TryLock(m))) return 0;
    Mini_ssize_t i = si->index;
    if (i < Mini_SIZE(seq)) v = ft_new_ref(MiniList_GET_ITEM(seq, i));
    MiniMutex_Unlock(m);
    if (v == NULL) return 0;
    si->index = i + 1;
    *item = v;
    return 1;
}

/* The free-threaded loop's UNPACK_SEQUENCE of a list of exactly n items, under the list's lock
 * alone: dst[0..n) receive new references to the items in reverse order (the last item first, as
 * the stack wants them). 1 when done; 0 when the general path must run (the size differs, so it
 * raises, or the lock is held elsewhere). */
MINI_INLINE int list_unpack_leaf(MiniObject *list, uint32_t n, MiniObject **dst) {
    MiniMutex *m = (MiniMutex *)&list->ob_mutex;
    if (MINI_UNLIKELY(!MiniMutex_TryLock(m))) return 0;
    int done = Mini_SIZE(list) == (Mini_ssize_t)n;
    if (done) {
        MiniObject **items = ((MiniListObject *)list)->ob_item;
        for (uint32_t k = 0; k < n; k++) dst[k] = ft_new_ref(items[n - 1 - k]);
    }
    MiniMutex_Unlock(m);
    return done;
}

/* Free-threaded list[i] = v: the leaf form in the free-threaded loop (ft 1; *old as there), else
 * the section (*old NULL). */
MINI_INLINE int list_store_ft(MiniObject *list, MiniObject *sub, MiniObject *v, int ft, MiniObject **old) {
    if (ft) return list_store_leaf(list, sub, v, old);
    *old = NULL;
    return list_store_locked(list, sub, v);
}

/* The free-threaded loop's `for x in a_tuple` step (ft-speed): a tuple's items never change, so
 * the item is read in place with no lock, as GIL mode's loop does. 1 with *item a new reference
 * and the iterator advanced; 0 when the general path must run (not over a tuple, or at the end:
 * seqiter_next clears it). The index is one iterator's, read and written as seqiter_next does. */
MINI_INLINE int tuple_iter_next_ft(MiniObject *it, MiniObject **item) {
    MiniSeqIterObject *si = (MiniSeqIterObject *)it;
    MiniObject *seq = si->seq;
    if (seq == NULL || Mini_TYPE(seq) != &MiniTuple_Type) return 0;
    Mini_ssize_t i = si->index;
    if (i >= Mini_SIZE(seq)) return 0;
    *item = ft_new_ref(MiniTuple_GET_ITEM(seq, i));
    si->index = i + 1;
    return 1;
}

/* The subscript fast paths: list[int], tuple[int], dict[key]. A new reference, or NULL when the
 * generic path must decide (with an exception set only if the dict lookup itself failed). ft: the
 * caller is the free-threaded loop (a constant there), which inlines the leaf list read. */
MINI_INLINE MiniObject *subscr_fast(MiniObject *container, MiniObject *sub, int ft) {
    MiniTypeObject *ct = Mini_TYPE(container);
    if (ct == &MiniList_Type) {
        if (is_compact_int(sub)) {
            /* Free-threaded: bounds check and new reference inside the list's lock. */
            if (MINI_UNLIKELY(_Mini_CriticalSectionsOn))
                return ft ? list_subscr_leaf(container, sub) : list_subscr_locked(container, sub);
            int64_t i = compact_value(sub), n = Mini_SIZE(container);
            if (i < 0) i += n;
            if (i >= 0 && i < n) return Mini_NewRef(MiniList_GET_ITEM(container, i));
        }
    } else if (ct == &MiniTuple_Type) {
        if (is_compact_int(sub)) {
            int64_t i = compact_value(sub), n = Mini_SIZE(container);
            if (i < 0) i += n;
            if (i >= 0 && i < n) return Mini_NewRef(MiniTuple_GET_ITEM(container, i));
        }
    } else if (ct == &MiniDict_Type) {
        MiniObject *res = MiniDict_GetItemWithError(container, sub);
        if (res != NULL) return Mini_NewRef(res);
    }
    return NULL;
}

/* list[int] and tuple[int] in range, under the GIL (no critical sections): the item, borrowed, so
 * the loop takes the reference with its own batched count (loop, issue 11); NULL for everything
 * else (subscr_fast decides). Never fails. */
MINI_INLINE MiniObject *subscr_borrowed(MiniObject *container, MiniObject *sub) {
    MiniTypeObject *ct = Mini_TYPE(container);
    if (!is_compact_int(sub)) return NULL;
    int64_t i = compact_value(sub);
    if (ct == &MiniList_Type) {
        if (MINI_UNLIKELY(_Mini_CriticalSectionsOn)) return NULL;
        int64_t n = Mini_SIZE(container);
        if (i < 0) i += n;
        if ((uint64_t)i < (uint64_t)n) return MiniList_GET_ITEM(container, i);
    } else if (ct == &MiniTuple_Type) {
        int64_t n = Mini_SIZE(container);
        if (i < 0) i += n;
        if ((uint64_t)i < (uint64_t)n) return MiniTuple_GET_ITEM(container, i);
    }
    return NULL;
}

/* Floor division and modulo with Python's signs (b != 0, no overflow: caller checks). */
MINI_INLINE int64_t floordiv64(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}
MINI_INLINE int64_t mod64(int64_t a, int64_t b) {
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

/* Integer fast path for a BINARY_OP: 1 with *out set, 0 when the generic path must decide
 * (overflow, division by zero, an operator without a fast form). */
MINI_INLINE int int_binop(int op, int64_t a, int64_t b, int64_t *out) {
    switch (op) {
    case MINI_NB_ADD: return !__builtin_add_overflow(a, b, out);
    case MINI_NB_SUBTRACT: return !__builtin_sub_overflow(a, b, out);
    case MINI_NB_MULTIPLY: return !__builtin_mul_overflow(a, b, out);
    case MINI_NB_FLOOR_DIVIDE:
        if (b == 0 || (a == INT64_MIN && b == -1)) return 0;
        *out = floordiv64(a, b);
        return 1;
    case MINI_NB_REMAINDER:
        if (b == 0 || b == -1) { if (b == -1) { *out = 0; return 1; } return 0; }
        *out = mod64(a, b);
        return 1;
    case MINI_NB_AND: *out = a & b; return 1;
    case MINI_NB_OR: *out = a | b; return 1;
    case MINI_NB_XOR: *out = a ^ b; return 1;
    case MINI_NB_RSHIFT:
        if (b < 0) return 0;
        *out = b >= 64 ? (a < 0 ? -1 : 0) : (a >> b);
        return 1;
    case MINI_NB_LSHIFT:
        if (b < 0 || b >= 63) return a == 0 && b >= 0 ? (*out = 0, 1) : 0;
        if (a > (INT64_MAX >> b) || a < (INT64_MIN >> b)) return 0;
        *out = (int64_t)((uint64_t)a << b);
        return 1;
    default: return 0;
    }
}

/* Float fast path: 1 with *out set, 0 for the generic path (division by zero, **, ...). */
MINI_INLINE int float_binop(int op, double a, double b, double *out) {
    switch (op) {
    case MINI_NB_ADD: *out = a + b; return 1;
    case MINI_NB_SUBTRACT: *out = a - b; return 1;
    case MINI_NB_MULTIPLY: *out = a * b; return 1;
    case MINI_NB_TRUE_DIVIDE:
        if (b == 0.0) return 0;
        *out = a / b;
        return 1;
    default: return 0;
    }
}

/* The value of an int or float operand as a double for mixed arithmetic: 1 if exact. */
MINI_INLINE int as_float_operand(MiniObject *o, double *out) {
    if (Mini_TYPE(o) == &MiniFloat_Type) { *out = MiniFloat_AS_DOUBLE(o); return 1; }
    if (is_compact_int(o)) {
        int64_t v = compact_value(o);
        if (v > -((int64_t)1 << 53) && v < ((int64_t)1 << 53)) { *out = (double)v; return 1; }
    }
    return 0;
}

MINI_INLINE int compare_int(int op, int64_t a, int64_t b) {
    switch (op) {
    case Mini_LT: return a < b;
    case Mini_LE: return a <= b;
    case Mini_EQ: return a == b;
    case Mini_NE: return a != b;
    case Mini_GT: return a > b;
    default: return a >= b;
    }
}

MINI_INLINE int compare_double(int op, double a, double b) {
    switch (op) {
    case Mini_LT: return a < b;
    case Mini_LE: return a <= b;
    case Mini_EQ: return a == b;
    case Mini_NE: return a != b;
    case Mini_GT: return a > b;
    default: return a >= b;
    }
}

/* A C-stack check for each C-level entry into the loop. 0, or -1 with RecursionError. */
static int check_c_stack(MiniVMThread *ts) {
    char probe;
    if (ts->c_stack_limit != NULL && (char *)&probe < ts->c_stack_limit) {
        MiniErr_SetString(MiniExc_RecursionError, "maximum recursion depth exceeded");
        return -1;
    }
    return 0;
}

/* Called when a frame that was never run must be dropped (the C stack was too deep). */
static void discard_entry_frame(MiniVMThread *ts, MiniFrame *f) {
    ts->yielded = 0;
    if (f->f_owner == MINI_FRAME_OWNED_BY_THREAD) _MiniVM_PopFrame(ts, f);
    else _MiniFrame_Clear(f);
}

/* ----- the loop's reference counting ----------------------------------------------------------------- */

/* The loop's own INCREF/DECREF (ceval_loop.h maps the macros here). GIL mode: one predictable
 * branch on _Mini_RefSlow, then a plain count change, the total batched in the loop's *rt_delta,
 * and a last DECREF of an int or float recycling it. Free-threaded mode (CShims' refcount.c): the
 * owner's local count is changed inline and batched the same way; immortals are skipped; another
 * thread's object, or a local count reaching zero, goes out of line.
 *
 * Optimised builds inline every call, so the loop is as if the bodies were written in place. An
 * unoptimised build keeps them out of line on purpose: at -O0 every inlined body's locals get
 * stack slots of their own in the loop's frame, and with a few hundred uses that made the frame
 * 16 KB (50 KB under AddressSanitizer), which capped how deeply Python code could recurse through
 * C (a class's __call__, functools.lru_cache) long before the recursion limit. */
#ifdef __OPTIMIZE__
#define EVAL_REF_FN static inline __attribute__((always_inline, unused))
#else
#define EVAL_REF_FN static __attribute__((noinline, unused))
#endif

/* Free-threaded: the owner test comes first (the common case: one compare, then the local
 * count); an immortal carries no owner (ob_tid 0, never a thread's id), so it fails that test and
 * is skipped by the second. */
EVAL_REF_FN void _MiniEvalRef_Inc(MiniObject *o, int slow, int ft_fast, uintptr_t ft_tid, Mini_ssize_t *rt_delta) {
    if (MINI_LIKELY(!slow)) { o->ob_refcnt++; ++*rt_delta; return; }
    if (!ft_fast) { _Mini_IncRefSlow(o); return; }
    if (MINI_LIKELY(__atomic_load_n(&o->ob_tid, __ATOMIC_RELAXED) == ft_tid)) {
        __atomic_store_n(&o->ob_ref_local, __atomic_load_n(&o->ob_ref_local, __ATOMIC_RELAXED) + 1,
                         __ATOMIC_RELAXED);
        ++*rt_delta;
        return;
    }
    if (__atomic_load_n(&o->ob_ref_local, __ATOMIC_RELAXED) == MINI_REF_LOCAL_IMMORTAL) return;
    _Mini_IncRefSlow(o);
}

EVAL_REF_FN void _MiniEvalRef_Dec(MiniObject *o, int slow, int ft_fast, uintptr_t ft_tid, Mini_ssize_t *rt_delta) {
    if (MINI_LIKELY(!slow)) {
        --*rt_delta;
        if (--o->ob_refcnt == 0) _MiniVM_Recycle(o);
        return;
    }
    if (!ft_fast) { if (_Mini_DecRefSlow(o)) _Mini_Dealloc(o); return; }
    if (MINI_LIKELY(__atomic_load_n(&o->ob_tid, __ATOMIC_RELAXED) == ft_tid)) {
        uint32_t local = __atomic_load_n(&o->ob_ref_local, __ATOMIC_RELAXED);
        __atomic_store_n(&o->ob_ref_local, local - 1, __ATOMIC_RELAXED);
        --*rt_delta;
        /* A dead float or int goes straight to this thread's free list (ft_fast: free-threaded
         * and not checked, so the lists are on). */
        if (local == 1 && _Mini_MergeZeroLocalFast(o)) _MiniVM_RecycleFT(o);
        return;
    }
    if (__atomic_load_n(&o->ob_ref_local, __ATOMIC_RELAXED) == MINI_REF_LOCAL_IMMORTAL) return;
    if (_Mini_DecRefSlow(o)) _Mini_Dealloc(o);
}

/* Free-threaded: adds the loop's batch d to this thread's share of the total, inline when the
 * thread is registered (it is once it has made an object; the call registers it otherwise). */
EVAL_REF_FN void _MiniEvalRef_FlushFT(Mini_ssize_t d) {
    if (MINI_LIKELY(_MiniFT_this.registered)) _Mini_RefThisCount(d);
    else _MiniFT_AddRefTotal(d);
}

/* The loop's Mini_REFCNT: with ft 1 (the free-threaded loop) the biased sum without the mode
 * test; else object.h's, which tests the mode (checked free-threaded runs count biased too). */
EVAL_REF_FN Mini_ssize_t _MiniEvalRef_Cnt(MiniObject *o, int ft, int slow) {
    if (!slow) return o->ob_refcnt;   /* GIL mode, not checked: the plain count */
    if (ft) {
        uint32_t local = __atomic_load_n(&o->ob_ref_local, __ATOMIC_RELAXED);
        if (local == MINI_REF_LOCAL_IMMORTAL) return MINI_IMMORTAL_REFCNT;
        return (Mini_ssize_t)local + (__atomic_load_n(&o->ob_refcnt, __ATOMIC_RELAXED) >> MINI_REF_SHARED_SHIFT);
    }
    return Mini_REFCNT(o);
}

/* Mini_INCREF for a value that is usually immortal (a constant: small ints, None, interned
 * strings): free-threaded, the immortal test comes first, so those cost one compare instead of
 * a failed owner test and then the immortal one; otherwise as _MiniEvalRef_Inc. */
EVAL_REF_FN void _MiniEvalRef_IncImm(MiniObject *o, int slow, int ft_fast, uintptr_t ft_tid, Mini_ssize_t *rt_delta) {
    if (ft_fast && __atomic_load_n(&o->ob_ref_local, __ATOMIC_RELAXED) == MINI_REF_LOCAL_IMMORTAL) return;
    _MiniEvalRef_Inc(o, slow, ft_fast, ft_tid, rt_delta);
}

/* Mini_DECREF's counterpart of _MiniEvalRef_IncImm. */
EVAL_REF_FN void _MiniEvalRef_DecImm(MiniObject *o, int slow, int ft_fast, uintptr_t ft_tid, Mini_ssize_t *rt_delta) {
    if (ft_fast && __atomic_load_n(&o->ob_ref_local, __ATOMIC_RELAXED) == MINI_REF_LOCAL_IMMORTAL) return;
    _MiniEvalRef_Dec(o, slow, ft_fast, ft_tid, rt_delta);
}

/* Mini_REFCNT(o) == n for the in-place reuse tests (n a small positive count). In the free-threaded
 * loop (ft 1): n counted references all in the local count and a shared word of 0 (no other
 * thread's reference, no flag); a shared count that sums to the same total answers 0, which only
 * means no reuse. One compare less than the biased sum, and an immortal (local count all ones)
 * never matches. Otherwise the plain count. */
EVAL_REF_FN int _MiniEvalRef_CntIs(MiniObject *o, Mini_ssize_t n, int ft) {
    if (ft)
        return __atomic_load_n(&o->ob_ref_local, __ATOMIC_RELAXED) == (uint32_t)n &&
               __atomic_load_n(&o->ob_refcnt, __ATOMIC_RELAXED) == 0;
    return Mini_REFCNT(o) == n;
}

EVAL_REF_FN void _MiniEvalRef_XInc(MiniObject *o, int slow, int ft_fast, uintptr_t ft_tid, Mini_ssize_t *rt_delta) {
    if (o != NULL) _MiniEvalRef_Inc(o, slow, ft_fast, ft_tid, rt_delta);
}

EVAL_REF_FN void _MiniEvalRef_XDec(MiniObject *o, int slow, int ft_fast, uintptr_t ft_tid, Mini_ssize_t *rt_delta) {
    if (o != NULL) _MiniEvalRef_Dec(o, slow, ft_fast, ft_tid, rt_delta);
}

EVAL_REF_FN MiniObject *_MiniEvalRef_New(MiniObject *o, int slow, int ft_fast, uintptr_t ft_tid, Mini_ssize_t *rt_delta) {
    _MiniEvalRef_Inc(o, slow, ft_fast, ft_tid, rt_delta);
    return o;
}

/* The loop names an exception type where it raises one, through a volatile read: the types are
 * const pointers, and clang otherwise hoists every one the loop names into its entry block, where
 * each entry (every generator resume) loaded them all into stack slots (24 instructions). */
#define LOOP_EXC(name) (*(MiniObject *const volatile *)&MiniExc_##name)

/* IC_HERE (ceval_loop.h) scales an instruction pointer to a cache entry's address. */
_Static_assert(sizeof(MiniICache) % 4 == 0 && sizeof(uint32_t) == 4, "a cache entry is a whole number of instruction words");

/* ----- the two loops ------------------------------------------------------------------------------------ */

#define MINI_EVAL_NAME _MiniEval_Default
#define MINI_EVAL_INSTRUMENTED 0
#define MINI_EVAL_FT 0
#include "ceval_loop.h"
#undef MINI_EVAL_NAME
#undef MINI_EVAL_INSTRUMENTED
#undef MINI_EVAL_FT

#define MINI_EVAL_NAME _MiniEval_Instrumented
#define MINI_EVAL_INSTRUMENTED 1
#define MINI_EVAL_FT 0
#include "ceval_loop.h"
#undef MINI_EVAL_NAME
#undef MINI_EVAL_INSTRUMENTED
#undef MINI_EVAL_FT

/* The free-threaded loop (ft-speed, issue 13): the default poll policy, with the reference ops
 * compiled for biased counting only (no mode test per op). Picked below when the runtime counts
 * the free-threaded way outside checked mode; checked mode keeps the generic loops. */
#define MINI_EVAL_NAME _MiniEval_FreeThreaded
#define MINI_EVAL_INSTRUMENTED 0
#define MINI_EVAL_FT 1
#include "ceval_loop.h"
#undef MINI_EVAL_NAME
#undef MINI_EVAL_INSTRUMENTED
#undef MINI_EVAL_FT

MiniObject *_MiniEval_EvalFrame(MiniVMThread *ts, MiniFrame *frame, int throwflag) {
    if (MINI_UNLIKELY(check_c_stack(ts) < 0)) {
        discard_entry_frame(ts, frame);
        return NULL;
    }
    if (MINI_LIKELY(_MiniVM_PollPolicy == MINI_VM_POLL_CALLS_BACKEDGES && !_MiniVM_PollCounting)) {
        int slow = _Mini_RefSlow;
        if (MINI_LIKELY(slow == 0)) return _MiniEval_Default(ts, frame, throwflag);
        if (slow == MINI_REFMODE_FT) return _MiniEval_FreeThreaded(ts, frame, throwflag);
        /* Checked mode: the instrumented loop keeps the generic reference ops (same check points). */
    }
    return _MiniEval_Instrumented(ts, frame, throwflag);
}
