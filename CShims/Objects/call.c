/* Objects/call.c: calling objects. Every call from C into a callable goes through MiniObject_Call, which
 * looks up the callee's tp_call slot, calls it with a positional tuple and an optional keyword
 * dict, and checks the callee kept the error-indicator contract (a result and no exception, or
 * NULL and an exception). The other functions here are conveniences that build the argument
 * tuple first (from nothing, one object, or a NULL-terminated C argument list).
 * Every function requires the GIL; a callee may release it and take it back before returning. */
#include "mini.h"
#include "object_internal.h"
#include "objtrace_internal.h"
#include "refdebug_internal.h"

#include <stdio.h>

#include <stdarg.h>

/* Checked mode: the callee returned an object it had already freed. Names the callee (its repr:
 * "<built-in function f>") and, from objtrace.c, what the object was and what freed it. */
MINI_NORETURN static void fatal_freed_result(MiniObject *callable, MiniObject *result)
{
    char who[256] = "a function";
    MiniObject *r = MiniObject_Repr(callable);
    const char *text = r != NULL ? MiniUnicode_AsUTF8(r) : NULL;
    if (text != NULL) snprintf(who, sizeof who, "%s", text);
    if (r == NULL || text == NULL) MiniErr_Clear();
    char what[2048];
    if (!_MiniObjTrace_DescribeFreed(result, what, sizeof what)) snprintf(what, sizeof what, "freed earlier");
    Mini_FatalErrorFormat(who, "returned a freed object at %p: %s", (void *)result, what);
}

/* Enforces the result contract of a callee: a result must come without an exception set, a
 * NULL result must come with one. A broken callee is reported as SystemError (as CPython's
 * _Py_CheckFunctionResult). Takes over the reference to result; returns it or NULL. */
MiniObject *_MiniObject_CheckCallResult(MiniObject *callable, MiniObject *result)
{
    if (MINI_UNLIKELY(_Mini_CheckedMode) && result != NULL && result->ob_type == &_MiniFreed_Type)
        fatal_freed_result(callable, result);
    if (result == NULL) {
        if (MiniErr_Occurred() == NULL) {
            MiniErr_Format(MiniExc_SystemError,
                           "%R returned NULL without setting an exception", callable);
        }
        return NULL;
    }
    if (MiniErr_Occurred() != NULL) {
        Mini_DECREF(result);
        MiniObject *pending = MiniErr_GetRaisedException();
        MiniErr_Format(MiniExc_SystemError, "%R returned a result with an exception set", callable);
        /* Keep the stray exception visible as the SystemError's context. */
        MiniObject *sys_err = MiniErr_GetRaisedException();
        if (sys_err != NULL && pending != NULL) {
            MiniBaseExceptionObject *se = (MiniBaseExceptionObject *)sys_err;
            Mini_XDECREF(se->context);
            se->context = pending;
            pending = NULL;
        }
        Mini_XDECREF(pending);
        MiniErr_SetRaisedException(sys_err);
        return NULL;
    }
    return result;
}

/* callable(*args, **kwargs). args must be a tuple (TypeError "argument list must be a tuple"
 * otherwise), kwargs a dict or NULL (TypeError "keyword list must be a dictionary"). New
 * reference, or NULL with an exception: TypeError "'int' object is not callable" when the object
 * has no tp_call, or whatever the callee raised. The callee runs with the GIL held by the caller
 * and may release and retake it. */
MiniObject *MiniObject_Call(MiniObject *callable, MiniObject *args, MiniObject *kwargs)
{
    MINI_CHECK_GIL_OBJECT(callable, "MiniObject_Call");
    if (args == NULL || !MiniTuple_Check(args)) {
        MiniErr_SetString(MiniExc_TypeError, "argument list must be a tuple");
        return NULL;
    }
    if (kwargs != NULL && !MiniDict_Check(kwargs)) {
        MiniErr_SetString(MiniExc_TypeError, "keyword list must be a dictionary");
        return NULL;
    }
    Mini_ternaryfunc call = Mini_TYPE(callable)->tp_call;
    if (call == NULL) {
        MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not callable",
                       MiniType_Name(Mini_TYPE(callable)));
        return NULL;
    }
    return _MiniObject_CheckCallResult(callable, call(callable, args, kwargs));
}

/* callable(*args) where args is a tuple or NULL (no arguments). New reference or NULL with an
 * exception (TypeError "argument list must be a tuple" for other args). Requires the GIL. */
MiniObject *MiniObject_CallObject(MiniObject *callable, MiniObject *args)
{
    MINI_CHECK_GIL_OBJECT(callable, "MiniObject_CallObject");
    if (args != NULL) return MiniObject_Call(callable, args, NULL);
    MiniObject *empty = MiniTuple_New(0);
    if (empty == NULL) return NULL;
    MiniObject *result = MiniObject_Call(callable, empty, NULL);
    Mini_DECREF(empty);
    return result;
}

/* Builds a tuple from a NULL-terminated list of borrowed objects (new reference, or NULL with
 * MemoryError). */
static MiniObject *tuple_from_va(va_list va)
{
    va_list count_va;
    va_copy(count_va, va);
    Mini_ssize_t n = 0;
    while (va_arg(count_va, MiniObject *) != NULL) n++;
    va_end(count_va);

    MiniObject *tuple = MiniTuple_New(n);
    if (tuple == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *item = va_arg(va, MiniObject *);
        MiniTuple_SET_ITEM(tuple, i, Mini_NewRef(item));
    }
    return tuple;
}

/* callable(a, b, ...) with a NULL-terminated list of borrowed positional arguments. New
 * reference or NULL with an exception. Requires the GIL. */
MiniObject *MiniObject_CallFunctionObjArgs(MiniObject *callable, ...)
{
    MINI_CHECK_GIL_OBJECT(callable, "MiniObject_CallFunctionObjArgs");
    va_list va;
    va_start(va, callable);
    MiniObject *args = tuple_from_va(va);
    va_end(va);
    if (args == NULL) return NULL;
    MiniObject *result = MiniObject_Call(callable, args, NULL);
    Mini_DECREF(args);
    return result;
}

/* o.name(a, b, ...) with a NULL-terminated list of borrowed positional arguments. New reference
 * or NULL with an exception (AttributeError from the lookup, or the call's). Requires the GIL. */
MiniObject *MiniObject_CallMethodObjArgs(MiniObject *o, const char *name, ...)
{
    MINI_CHECK_GIL_OBJECT(o, "MiniObject_CallMethodObjArgs");
    if (name == NULL) {
        MiniErr_BadInternalCall();
        return NULL;
    }
    MiniObject *method = MiniObject_GetAttrString(o, name);
    if (method == NULL) return NULL;
    va_list va;
    va_start(va, name);
    MiniObject *args = tuple_from_va(va);
    va_end(va);
    if (args == NULL) {
        Mini_DECREF(method);
        return NULL;
    }
    MiniObject *result = MiniObject_Call(method, args, NULL);
    Mini_DECREF(args);
    Mini_DECREF(method);
    return result;
}

/* callable(). New reference or NULL with an exception. Requires the GIL. */
MiniObject *MiniObject_CallNoArgs(MiniObject *callable)
{
    MINI_CHECK_GIL_OBJECT(callable, "MiniObject_CallNoArgs");
    return MiniObject_CallObject(callable, NULL);
}

/* callable(arg), arg borrowed. New reference or NULL with an exception. Requires the GIL. */
MiniObject *MiniObject_CallOneArg(MiniObject *callable, MiniObject *arg)
{
    MINI_CHECK_GIL_OBJECT(callable, "MiniObject_CallOneArg");
    MINI_CHECK_OBJECT(arg, "MiniObject_CallOneArg");
    MiniObject *args = MiniTuple_New(1);
    if (args == NULL) return NULL;
    MiniTuple_SET_ITEM(args, 0, Mini_NewRef(arg));
    MiniObject *result = MiniObject_Call(callable, args, NULL);
    Mini_DECREF(args);
    return result;
}
