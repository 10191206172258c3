/* Python/errors.c: the error indicator: setting, inspecting, clearing and printing the exception a
 * failing API call leaves behind.
 *
 * The indicator is the calling thread's thread state's curexc field: one normalized exception
 * instance (or NULL). Every function here reaches it through _MiniThreadState_GetChecked, so
 * using the error API without holding the GIL is a fatal error naming the function. Exception
 * instances are created eagerly (Python-level exception classes with their own construction
 * are called like any callable). MiniErr_NoMemory never allocates: it raises an instance made
 * at start-up. */
#include "mini.h"
#include "gc_internal.h"
#include "exceptions_internal.h"
#include "formatter_internal.h"
#include "objimpl_internal.h"
#include "tstate_internal.h"

#include <stdio.h>
#include <string.h>

/* Replaces the thread's indicator with exc (stolen, may be NULL); the old one is dropped last,
 * since dropping it may run arbitrary code. */
static void set_current(MiniThreadState *ts, MiniObject *exc) {
    MiniObject *old = ts->curexc;
    ts->curexc = exc;
    Mini_XDECREF(old);
}

static int is_exception_class(MiniObject *o) {
    return o != NULL && MiniType_Check(o) && (((MiniTypeObject *)o)->tp_flags & MINI_TPFLAGS_BASE_EXC_SUBCLASS);
}

/* An instance of type exc built from value as CPython's PyErr_SetObject does: NULL or None gives
 * no arguments, a tuple gives its items, anything else is the single argument. */
static MiniObject *instance_from_value(MiniObject *exc, MiniObject *value) {
    if (value != NULL && MiniObject_TypeCheck(value, (MiniTypeObject *)exc)) return Mini_NewRef(value);
    if (value == NULL || value == Mini_None) return _MiniException_Create((MiniTypeObject *)exc, NULL);
    if (MiniTuple_Check(value)) return _MiniException_Create((MiniTypeObject *)exc, value);
    MiniObject *args = MiniTuple_Pack(1, value);
    if (args == NULL) return NULL;
    MiniObject *inst = _MiniException_Create((MiniTypeObject *)exc, args);
    Mini_DECREF(args);
    return inst;
}

void MiniErr_SetObject(MiniObject *exc, MiniObject *value) {
    MiniThreadState *ts = _MiniThreadState_GetChecked("MiniErr_SetObject");
    if (!is_exception_class(exc)) {
        if (exc == NULL) MiniErr_SetString(MiniExc_SystemError, "MiniErr_SetObject: exception is NULL");
        else MiniErr_Format(MiniExc_SystemError, "MiniErr_SetObject: exception %R is not a BaseException subclass", exc);
        return;
    }
    if (value != NULL) MINI_CHECK_OBJECT(value, "MiniErr_SetObject");
    Mini_XINCREF(value);   /* value may be the current exception, about to be replaced */
    MiniObject *inst = instance_from_value(exc, value);
    Mini_XDECREF(value);
    if (inst != NULL) set_current(ts, inst);
}

void MiniErr_SetString(MiniObject *exc, const char *message) {
    _MiniThreadState_GetChecked("MiniErr_SetString");
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    if (message != NULL) _MiniStrBuf_AppendLossy(&b, message, strlen(message), -1);
    MiniObject *s = _MiniStrBuf_Finish(&b);
    if (s == NULL) return;
    MiniErr_SetObject(exc, s);
    Mini_DECREF(s);
}

void MiniErr_SetNone(MiniObject *exc) {
    _MiniThreadState_GetChecked("MiniErr_SetNone");
    MiniErr_SetObject(exc, NULL);
}

MiniObject *MiniErr_FormatV(MiniObject *exc, const char *format, va_list ap) {
    _MiniThreadState_GetChecked("MiniErr_FormatV");
    MiniObject *msg = MiniUnicode_FromFormatV(format, ap);
    if (msg != NULL) {
        MiniErr_SetObject(exc, msg);
        Mini_DECREF(msg);
    }
    return NULL;
}

MiniObject *MiniErr_Format(MiniObject *exc, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    MiniErr_FormatV(exc, format, ap);
    va_end(ap);
    return NULL;
}

MiniObject *MiniErr_NoMemory(void) {
    MiniThreadState *ts = _MiniThreadState_GetChecked("MiniErr_NoMemory");
    MiniObject *inst = _Mini_MemoryErrorInstance;
    if (inst == NULL) Mini_FatalError("MiniErr_NoMemory", "out of memory before the runtime was initialised");
    if (Mini_REFCNT(inst) == 1) {
        /* Nobody else is looking at it: forget where it was raised last time. */
        MiniBaseExceptionObject *e = (MiniBaseExceptionObject *)inst;
        Mini_CLEAR(e->traceback);
        Mini_CLEAR(e->cause);
        Mini_CLEAR(e->context);
    }
    set_current(ts, Mini_NewRef(inst));
    return NULL;
}

int MiniErr_BadArgument(void) {
    MiniErr_SetString(MiniExc_TypeError, "bad argument type for built-in operation");
    return 0;
}

void _MiniErr_BadInternalCall(const char *func) {
    MiniErr_Format(MiniExc_SystemError, "%s: bad argument to internal function", func ? func : "?");
}

MiniObject *MiniErr_Occurred(void) {
    MiniThreadState *ts = _MiniThreadState_GetChecked("MiniErr_Occurred");
    return ts->curexc ? (MiniObject *)Mini_TYPE(ts->curexc) : NULL;
}

void MiniErr_Clear(void) {
    MiniThreadState *ts = _MiniThreadState_GetChecked("MiniErr_Clear");
    set_current(ts, NULL);
}

MiniObject *MiniErr_GetRaisedException(void) {
    MiniThreadState *ts = _MiniThreadState_GetChecked("MiniErr_GetRaisedException");
    MiniObject *exc = ts->curexc;
    ts->curexc = NULL;
    return exc;
}

void MiniErr_SetRaisedException(MiniObject *exc) {
    MiniThreadState *ts = _MiniThreadState_GetChecked("MiniErr_SetRaisedException");
    if (exc != NULL) {
        MINI_CHECK_OBJECT(exc, "MiniErr_SetRaisedException");
        if (!MiniExceptionInstance_Check(exc)) {
            MiniErr_Format(MiniExc_SystemError, "MiniErr_SetRaisedException: %R is not an exception instance", exc);
            Mini_DECREF(exc);
            return;
        }
    }
    set_current(ts, exc);
}

void MiniErr_Fetch(MiniObject **type, MiniObject **value, MiniObject **traceback) {
    MiniThreadState *ts = _MiniThreadState_GetChecked("MiniErr_Fetch");
    MiniObject *exc = ts->curexc;
    ts->curexc = NULL;
    MiniObject *t = NULL, *tb = NULL;
    if (exc != NULL) {
        t = Mini_NewRef(Mini_TYPE(exc));
        tb = Mini_XNewRef(((MiniBaseExceptionObject *)exc)->traceback);
    }
    if (type != NULL) *type = t; else Mini_XDECREF(t);
    if (value != NULL) *value = exc; else Mini_XDECREF(exc);
    if (traceback != NULL) *traceback = tb; else Mini_XDECREF(tb);
}

void MiniErr_Restore(MiniObject *type, MiniObject *value, MiniObject *traceback) {
    MiniThreadState *ts = _MiniThreadState_GetChecked("MiniErr_Restore");
    if (type == NULL) {
        Mini_XDECREF(value);
        Mini_XDECREF(traceback);
        set_current(ts, NULL);
        return;
    }
    if (!is_exception_class(type)) {
        MiniErr_Format(MiniExc_SystemError, "MiniErr_Restore: exception %R is not a BaseException subclass", type);
        Mini_DECREF(type);
        Mini_XDECREF(value);
        Mini_XDECREF(traceback);
        return;
    }
    MiniObject *inst = instance_from_value(type, value);
    Mini_DECREF(type);
    Mini_XDECREF(value);
    if (inst == NULL) { Mini_XDECREF(traceback); return; }
    if (traceback != NULL) {
        MiniException_SetTraceback(inst, traceback);
        Mini_DECREF(traceback);
    }
    set_current(ts, inst);
}

int MiniErr_GivenExceptionMatches(MiniObject *given, MiniObject *exc) {
    MINI_CHECK_GIL("MiniErr_GivenExceptionMatches");
    if (given == NULL || exc == NULL) return 0;
    if (MiniTuple_Check(exc)) {
        for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(exc); i++)
            if (MiniErr_GivenExceptionMatches(given, MiniTuple_GET_ITEM(exc, i))) return 1;
        return 0;
    }
    if (MiniExceptionInstance_Check(given)) given = (MiniObject *)Mini_TYPE(given);
    if (is_exception_class(given) && is_exception_class(exc))
        return MiniType_IsSubtype((MiniTypeObject *)given, (MiniTypeObject *)exc);
    return given == exc;
}

int MiniErr_ExceptionMatches(MiniObject *exc) {
    MiniThreadState *ts = _MiniThreadState_GetChecked("MiniErr_ExceptionMatches");
    return ts->curexc != NULL && MiniErr_GivenExceptionMatches(ts->curexc, exc);
}

/* ----- exception instances ------------------------------------------------------------------------ */

MiniObject *MiniException_GetArgs(MiniObject *exc) {
    MINI_GUARD(exc, "MiniException_GetArgs", NULL);
    if (!MiniExceptionInstance_Check(exc)) { _MiniErr_BadInternalCall("MiniException_GetArgs"); return NULL; }
    MiniObject *args = ((MiniBaseExceptionObject *)exc)->args;
    return args ? Mini_NewRef(args) : MiniTuple_New(0);
}

MiniObject *MiniException_GetTraceback(MiniObject *exc) {
    MINI_GUARD(exc, "MiniException_GetTraceback", NULL);
    if (!MiniExceptionInstance_Check(exc)) return NULL;
    return Mini_XNewRef(((MiniBaseExceptionObject *)exc)->traceback);
}

int MiniException_SetTraceback(MiniObject *exc, MiniObject *tb) {
    MINI_GUARD(exc, "MiniException_SetTraceback", -1);
    if (!MiniExceptionInstance_Check(exc)) { _MiniErr_BadInternalCall("MiniException_SetTraceback"); return -1; }
    if (tb == Mini_None) tb = NULL;
    Mini_XINCREF(tb);
    Mini_SETREF(((MiniBaseExceptionObject *)exc)->traceback, tb);
    return 0;
}

/* ----- printing --------------------------------------------------------------------------------- */

/* The name printed for an exception's type: "module.Name" unless the module is builtins or
 * __main__ (as CPython's traceback printing). */
static void exception_type_name(MiniTypeObject *t, char *buf, size_t size) {
    if (t->tp_flags & MINI_TPFLAGS_HEAPTYPE) {
        MiniObject *mod = t->tp_dict ? MiniDict_GetItemString(t->tp_dict, "__module__") : NULL;
        const char *m = mod != NULL && MiniUnicode_Check(mod) ? MiniUnicode_AsUTF8(mod) : NULL;
        if (m != NULL && strcmp(m, "builtins") != 0 && strcmp(m, "__main__") != 0) {
            snprintf(buf, size, "%s.%s", m, t->tp_name);
            return;
        }
    }
    snprintf(buf, size, "%s", t->tp_name);
}

void MiniErr_FormatExceptionOnly(MiniObject *exc, char *buf, size_t size) {
    if (buf == NULL || size == 0) return;
    if (exc == NULL) { snprintf(buf, size, "<NULL>"); return; }
    MINI_CHECK_GIL_OBJECT(exc, "MiniErr_FormatExceptionOnly");
    char name[256];
    exception_type_name(Mini_TYPE(exc), name, sizeof name);
    MiniObject *saved = MiniErr_GetRaisedException();   /* str() may fail: keep the caller's error */
    MiniObject *msg = MiniObject_Str(exc);
    if (msg == NULL) {
        MiniErr_Clear();
        snprintf(buf, size, "%s: <exception str() failed>", name);
    } else {
        const char *m = MiniUnicode_AsUTF8(msg);
        if (m == NULL || m[0] == '\0') snprintf(buf, size, "%s", name);
        else snprintf(buf, size, "%s: %s", name, m);
        Mini_DECREF(msg);
    }
    if (saved != NULL) MiniErr_SetRaisedException(saved);
}

/* Prints the traceback the interpreter attached (its str() renders it) and "Name: message". */
static void print_one(MiniObject *exc) {
    MiniObject *tb = ((MiniBaseExceptionObject *)exc)->traceback;
    if (tb != NULL) {
        MiniObject *s = MiniObject_Str(tb);
        if (s != NULL) {
            const char *t = MiniUnicode_AsUTF8(s);
            fputs(t, stderr);
            if (t[0] != '\0' && t[strlen(t) - 1] != '\n') fputc('\n', stderr);
            Mini_DECREF(s);
        } else {
            MiniErr_Clear();
        }
    }
    char line[2048];
    MiniErr_FormatExceptionOnly(exc, line, sizeof line);
    fprintf(stderr, "%s\n", line);
}

/* Prints the chain (causes and contexts first), at most 32 deep so cycles end. */
static void print_chain(MiniObject *exc, int depth) {
    MiniBaseExceptionObject *e = (MiniBaseExceptionObject *)exc;
    if (depth < 32) {
        if (e->cause != NULL && MiniExceptionInstance_Check(e->cause)) {
            print_chain(e->cause, depth + 1);
            fputs("\nThe above exception was the direct cause of the following exception:\n\n", stderr);
        } else if (e->context != NULL && MiniExceptionInstance_Check(e->context)) {
            print_chain(e->context, depth + 1);
            fputs("\nDuring handling of the above exception, another exception occurred:\n\n", stderr);
        }
    }
    print_one(exc);
}

void MiniErr_Print(void) {
    _MiniThreadState_GetChecked("MiniErr_Print");
    MiniObject *exc = MiniErr_GetRaisedException();
    if (exc == NULL) return;
    fflush(stdout);
    print_chain(exc, 0);
    fflush(stderr);
    Mini_DECREF(exc);
}

MiniObject *MiniErr_NewException(const char *name, MiniObject *base, MiniObject *dict) {
    MINI_CHECK_GIL("MiniErr_NewException");
    if (name == NULL || strchr(name, '.') == NULL) {
        MiniErr_SetString(MiniExc_SystemError, "MiniErr_NewException: name must be module.class");
        return NULL;
    }
    if (base == NULL) base = MiniExc_Exception;
    if (!is_exception_class(base)) {
        MiniErr_SetString(MiniExc_TypeError, "MiniErr_NewException: base must be an exception class");
        return NULL;
    }
    return MiniType_NewHeap(name, (MiniTypeObject *)base, dict);
}

/* ----- unraisable exceptions ----------------------------------------------------------------------- */

void (*_MiniErr_UnraisableHook)(MiniObject *exc, MiniObject *obj);

void _MiniErr_WriteUnraisable(MiniObject *obj) {
    MiniObject *exc = MiniErr_GetRaisedException();
    if (exc == NULL) return;
    if (_MiniErr_UnraisableHook != NULL) {
        _MiniErr_UnraisableHook(exc, obj);
        Mini_DECREF(exc);
        MiniErr_Clear();
        return;
    }
    MiniObject *r = obj != NULL ? MiniObject_Repr(obj) : NULL;
    if (r == NULL) MiniErr_Clear();
    MiniObject *e = MiniObject_Repr(exc);
    if (e == NULL) MiniErr_Clear();
    fprintf(stderr, "Exception ignored in: %s\n%s\n", r ? MiniUnicode_AsUTF8(r) : "<object repr() failed>",
            e ? MiniUnicode_AsUTF8(e) : "<exception repr() failed>");
    Mini_XDECREF(r);
    Mini_XDECREF(e);
    Mini_DECREF(exc);
    MiniErr_Clear();
}
