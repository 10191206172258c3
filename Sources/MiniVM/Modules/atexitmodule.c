/* Modules/atexitmodule.c: the `atexit` module. register(func, *args, **kwargs) remembers a call to
 * make when the run ends; unregister(func) forgets every registration of func (compared with ==).
 * MiniStdlib_RunAtexit, called by the front end after the script (and after sys.exit or an
 * uncaught exception has been reported, and the non-daemon threads joined, as CPython orders its
 * shutdown), makes the calls last-registered first. A callback that raises is reported on stderr
 * as CPython does, "Exception ignored in atexit callback: <repr>" and the traceback, and the
 * others still run. The registrations belong to one run: running them clears them, so a process
 * that runs several scripts (the tests) starts each with none. Requires the GIL throughout. */
#include "stdlib_internal.h"
#include "mini_vm.h"

#include <string.h>

static MiniObject *callbacks;   /* list of (func, args, kwargs or None) tuples; NULL when empty */

/* register(func, *args, **kwargs) -> func */
static MiniObject *atexit_register(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n == 0) {
        MiniErr_SetString(MiniExc_TypeError, "register() takes at least 1 argument (0 given)");
        return NULL;
    }
    MiniObject *func = MiniTuple_GET_ITEM(args, 0);
    if (!MiniCallable_Check(func)) {
        MiniErr_SetString(MiniExc_TypeError, "the first argument must be callable");
        return NULL;
    }
    MiniObject *rest = MiniTuple_GetSlice(args, 1, n);
    if (rest == NULL) return NULL;
    MiniObject *entry = Mini_BuildValue("(ONO)", func, rest, kwargs != NULL ? kwargs : Mini_None);
    if (entry == NULL) return NULL;
    if (callbacks == NULL && (callbacks = MiniList_New(0)) == NULL) { Mini_DECREF(entry); return NULL; }
    int rc = MiniList_Append(callbacks, entry);
    Mini_DECREF(entry);
    if (rc < 0) return NULL;
    return Mini_NewRef(func);
}

/* unregister(func): drops every registration whose function == func. */
static MiniObject *atexit_unregister(MiniObject *m, MiniObject *func) {
    (void)m;
    if (callbacks == NULL) Mini_RETURN_NONE;
    MiniObject *kept = MiniList_New(0);
    if (kept == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(callbacks); i++) {
        MiniObject *entry = MiniList_GET_ITEM(callbacks, i);
        int eq = MiniObject_RichCompareBool(MiniTuple_GET_ITEM(entry, 0), func, Mini_EQ);
        if (eq < 0 || (eq == 0 && MiniList_Append(kept, entry) < 0)) { Mini_DECREF(kept); return NULL; }
    }
    Mini_DECREF(callbacks);
    callbacks = kept;
    Mini_RETURN_NONE;
}

/* Reports an exception a callback raised, as CPython's atexit does. Clears it. */
static void report(MiniObject *func) {
    MiniObject *exc = MiniErr_GetRaisedException();
    MiniObject *r = MiniObject_Repr(func);
    const char *text = r != NULL ? MiniUnicode_AsUTF8(r) : NULL;
    MiniErr_Clear();
    MiniVM_Flush();
    MiniVM_Write(2, "Exception ignored in atexit callback: ", 38);
    if (text != NULL) MiniVM_Write(2, text, (Mini_ssize_t)strlen(text));
    MiniVM_Write(2, "\n", 1);
    Mini_XDECREF(r);
    if (exc != NULL) MiniVM_PrintException(exc);
    Mini_XDECREF(exc);
    MiniVM_Flush();
}

int MiniStdlib_RunAtexit(void) {
    MINI_CHECK_GIL("MiniStdlib_RunAtexit");
    int failures = 0;
    while (callbacks != NULL && MiniList_GET_SIZE(callbacks) > 0) {
        /* Take the last entry out first: a callback may register or unregister others. */
        MiniObject *entry = MiniObject_CallMethodObjArgs(callbacks, "pop", NULL);
        if (entry == NULL) { MiniErr_Clear(); break; }
        MiniObject *func = MiniTuple_GET_ITEM(entry, 0), *kw = MiniTuple_GET_ITEM(entry, 2);
        MiniObject *res = MiniObject_Call(func, MiniTuple_GET_ITEM(entry, 1), kw != Mini_None ? kw : NULL);
        if (res == NULL) { failures++; report(func); }
        Mini_XDECREF(res);
        Mini_DECREF(entry);
    }
    Mini_CLEAR(callbacks);
    return failures;
}

/* _run_exitfuncs(): run the callbacks now (and forget them). */
static MiniObject *atexit_run(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    MiniStdlib_RunAtexit();
    Mini_RETURN_NONE;
}

/* _clear(): forget every callback. */
static MiniObject *atexit_clear(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    Mini_CLEAR(callbacks);
    Mini_RETURN_NONE;
}

/* _ncallbacks() -> int */
static MiniObject *atexit_ncallbacks(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniLong_FromSsize_t(callbacks != NULL ? MiniList_GET_SIZE(callbacks) : 0);
}

static MiniMethodDef atexit_functions[] = {
    {"register", _MiniCFunction_CAST(atexit_register), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "register(func, *args, **kwargs) -> func: call func(*args, **kwargs) when the program ends."},
    {"unregister", atexit_unregister, MINI_METH_O, "unregister(func): forget every registration of func."},
    {"_run_exitfuncs", atexit_run, MINI_METH_NOARGS, "_run_exitfuncs(): run the registered callbacks now."},
    {"_clear", atexit_clear, MINI_METH_NOARGS, "_clear(): forget every registered callback."},
    {"_ncallbacks", atexit_ncallbacks, MINI_METH_NOARGS, "_ncallbacks() -> int"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef atexit_module = {
    MiniModuleDef_HEAD_INIT, "atexit", "Functions to call when the program ends.", 0, atexit_functions,
};

MiniObject *MiniInit_atexit(void) { return MiniModule_Create(&atexit_module); }
