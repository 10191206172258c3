/* Modules/threadextra.c: the parts of the threading module beyond threads and locks:
 * threading.local (attributes private to each thread), threading.Timer (a thread that calls a
 * function after a delay unless cancelled) and threading.excepthook (what happens to an exception
 * that escapes a thread's run(); programs may replace it), with CPython 3.11's behaviour.
 *
 * local: each object keeps one attribute dict per thread, keyed by thread ident, and swaps the
 * calling thread's dict into its __dict__ slot before every attribute access (all under the
 * GIL). A subclass's __init__ runs again, with the constructor's arguments, the first time a new
 * thread touches the object, as CPython does. When a thread started by `threading` ends, its
 * dicts are dropped from every live local (so a later thread that reuses the ident starts empty).
 *
 * Timer: a Thread subclass whose state (interval, function, args, kwargs, finished Event) lives in
 * the instance __dict__, as in CPython; its run() waits on `finished` with the GIL released. */
#include "stdlib_internal.h"
#include "mini_vm.h"

#include <string.h>

/* ===== local =================================================================================== */

typedef struct LocalObject {
    MiniObject_HEAD
    MiniObject *dict;                 /* the dict of the thread that last touched the object */
    MiniObject *dicts;                /* dict: thread ident -> that thread's attribute dict */
    MiniObject *args, *kwargs;        /* what the constructor got (a subclass __init__ reruns) */
    struct LocalObject *prev, *next;  /* every live local (GIL) */
} LocalObject;

#define LOCAL(op) ((LocalObject *)(op))

static MiniTypeObject Local_Type;
static LocalObject *locals_head;      /* GIL-protected */

static MiniObject *local_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    int has_args = (args != NULL && MiniTuple_GET_SIZE(args) > 0) || (kwargs != NULL && MiniDict_Size(kwargs) > 0);
    if (has_args && type == &Local_Type) {
        MiniErr_SetString(MiniExc_TypeError, "Initialization arguments are not supported");
        return NULL;
    }
    LocalObject *self = (LocalObject *)MiniObject_New(type);
    if (self == NULL) return NULL;
    self->args = args != NULL ? Mini_NewRef(args) : MiniTuple_New(0);
    self->kwargs = kwargs != NULL ? Mini_NewRef(kwargs) : NULL;
    self->dicts = MiniDict_New();
    self->dict = MiniDict_New();
    MiniObject *key = MiniLong_FromUnsignedLongLong(_MiniStd_ThreadIdent());
    if (self->args == NULL || self->dicts == NULL || self->dict == NULL || key == NULL ||
        MiniDict_SetItem(self->dicts, key, self->dict) < 0) {
        Mini_XDECREF(key);
        Mini_DECREF(self);
        return NULL;
    }
    Mini_DECREF(key);
    self->next = locals_head;
    if (locals_head != NULL) locals_head->prev = self;
    locals_head = self;
    return (MiniObject *)self;
}

static void local_dealloc(MiniObject *op) {
    LocalObject *self = LOCAL(op);
    if (self->prev != NULL) self->prev->next = self->next;
    else if (locals_head == self) locals_head = self->next;
    if (self->next != NULL) self->next->prev = self->prev;
    Mini_CLEAR(self->dict);
    Mini_CLEAR(self->dicts);
    Mini_CLEAR(self->args);
    Mini_CLEAR(self->kwargs);
    MiniObject_Free(op);
}

/* Makes the calling thread's dict the object's __dict__, creating it (and running a subclass's
 * __init__) on the thread's first touch. 0 / -1. */
static int local_select(LocalObject *self) {
    MiniObject *key = MiniLong_FromUnsignedLongLong(_MiniStd_ThreadIdent());
    if (key == NULL) return -1;
    MiniObject *d = MiniDict_GetItem(self->dicts, key);
    if (d != NULL) {
        Mini_DECREF(key);
        if (d != self->dict) { MiniObject *old = self->dict; self->dict = Mini_NewRef(d); Mini_XDECREF(old); }
        return 0;
    }
    d = MiniDict_New();
    if (d == NULL || MiniDict_SetItem(self->dicts, key, d) < 0) {
        Mini_XDECREF(d);
        Mini_DECREF(key);
        return -1;
    }
    { MiniObject *old = self->dict; self->dict = d; Mini_XDECREF(old); }
    if (Mini_TYPE(self) != &Local_Type) {
        MiniObject *init = MiniObject_GetAttrString((MiniObject *)self, "__init__");
        MiniObject *r = init != NULL ? MiniObject_Call(init, self->args, self->kwargs) : NULL;
        Mini_XDECREF(init);
        if (r == NULL) {
            MiniObject *exc = MiniErr_GetRaisedException();
            if (MiniDict_DelItem(self->dicts, key) < 0) MiniErr_Clear();
            Mini_CLEAR(self->dict);
            MiniErr_SetRaisedException(exc);
            Mini_DECREF(key);
            return -1;
        }
        Mini_DECREF(r);
    }
    Mini_DECREF(key);
    return 0;
}

static MiniObject *local_getattro(MiniObject *op, MiniObject *name) {
    if (local_select(LOCAL(op)) < 0) return NULL;
    return MiniObject_GenericGetAttr(op, name);
}

static int local_setattro(MiniObject *op, MiniObject *name, MiniObject *value) {
    if (local_select(LOCAL(op)) < 0) return -1;
    return MiniObject_GenericSetAttr(op, name, value);
}

void _MiniThreadLocal_ThreadExit(unsigned long ident) {
    MiniObject *key = MiniLong_FromUnsignedLongLong(ident);
    MiniObject *dropped = key ? MiniList_New(0) : NULL;
    if (dropped == NULL) { Mini_XDECREF(key); MiniErr_Clear(); return; }
    /* Collect first, release after: nothing in the loop runs Python code (the dicts stay alive in
     * `dropped`), so the list of locals cannot change under it. */
    for (LocalObject *l = locals_head; l != NULL; l = l->next) {
        MiniObject *d = MiniDict_GetItem(l->dicts, key);
        if (d == NULL || MiniList_Append(dropped, d) < 0) continue;
        if (d == l->dict) Mini_CLEAR(l->dict);
        if (MiniDict_DelItem(l->dicts, key) < 0) MiniErr_Clear();
    }
    MiniErr_Clear();
    Mini_DECREF(key);
    Mini_DECREF(dropped);
}

/* The cycle collector's slots: the current dict, every thread's dict and the constructor's
 * arguments (a local whose attribute refers back to it is a cycle). Clearing drops them all;
 * a cleared local still works (the next access makes a fresh dict for the thread). */
static int local_traverse(MiniObject *op, Mini_visitproc visit, void *arg) {
    Mini_VISIT(LOCAL(op)->dict);
    Mini_VISIT(LOCAL(op)->dicts);
    Mini_VISIT(LOCAL(op)->args);
    Mini_VISIT(LOCAL(op)->kwargs);
    return 0;
}

static int local_clear(MiniObject *op) {
    LocalObject *self = LOCAL(op);
    Mini_CLEAR(self->dict);
    if (self->dicts != NULL) MiniDict_Clear(self->dicts);
    Mini_CLEAR(self->kwargs);
    return 0;
}

static MiniTypeObject Local_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_thread._local",
    .tp_basicsize = sizeof(LocalObject),
    .tp_dealloc = local_dealloc,
    .tp_getattro = local_getattro,
    .tp_setattro = local_setattro,
    .tp_dictoffset = offsetof(LocalObject, dict),
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = local_traverse,
    .tp_clear = local_clear,
    .tp_doc = "Thread-local data: each thread sees its own attributes.",
    .tp_new = local_new,
};

/* ===== Timer =================================================================================== */

static MiniTypeObject Timer_Type;

/* Timer(interval, function, args=None, kwargs=None) */
static int timer_init(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"interval", "function", "args", "kwargs", NULL};
    MiniObject *interval, *function, *fargs = Mini_None, *fkwargs = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "OO|OO:Timer", keywords, &interval, &function, &fargs, &fkwargs))
        return -1;
    MiniObject *empty = MiniTuple_New(0);
    if (empty == NULL) return -1;
    int r = _MiniThread_Type.tp_init(op, empty, NULL);
    Mini_DECREF(empty);
    if (r < 0) return -1;
    MiniObject *a = fargs != Mini_None ? Mini_NewRef(fargs) : MiniList_New(0);
    MiniObject *k = fkwargs != Mini_None ? Mini_NewRef(fkwargs) : MiniDict_New();
    MiniObject *finished = MiniObject_CallNoArgs((MiniObject *)&_MiniEvent_Type);
    r = (a != NULL && k != NULL && finished != NULL &&
         MiniObject_SetAttrString(op, "interval", interval) == 0 &&
         MiniObject_SetAttrString(op, "function", function) == 0 &&
         MiniObject_SetAttrString(op, "args", a) == 0 &&
         MiniObject_SetAttrString(op, "kwargs", k) == 0 &&
         MiniObject_SetAttrString(op, "finished", finished) == 0) ? 0 : -1;
    Mini_XDECREF(a);
    Mini_XDECREF(k);
    Mini_XDECREF(finished);
    return r;
}

/* cancel(): stop the timer if it has not fired yet. */
static MiniObject *timer_cancel(MiniObject *op, MiniObject *unused) {
    (void)unused;
    MiniObject *finished = MiniObject_GetAttrString(op, "finished");
    if (finished == NULL) return NULL;
    MiniObject *r = MiniObject_CallMethodObjArgs(finished, "set", NULL);
    Mini_DECREF(finished);
    return r;
}

/* run(): finished.wait(interval); unless cancelled, function(*args, **kwargs); finished.set(). */
static MiniObject *timer_run(MiniObject *op, MiniObject *unused) {
    (void)unused;
    MiniObject *finished = MiniObject_GetAttrString(op, "finished");
    MiniObject *interval = finished ? MiniObject_GetAttrString(op, "interval") : NULL;
    MiniObject *r = interval ? MiniObject_CallMethodObjArgs(finished, "wait", interval, NULL) : NULL;
    Mini_XDECREF(interval);
    if (r == NULL) { Mini_XDECREF(finished); return NULL; }
    Mini_DECREF(r);
    MiniObject *set = MiniObject_CallMethodObjArgs(finished, "is_set", NULL);
    int cancelled = set != NULL ? MiniObject_IsTrue(set) : -1;
    Mini_XDECREF(set);
    MiniObject *result = NULL;
    if (cancelled == 0) {
        MiniObject *fn = MiniObject_GetAttrString(op, "function");
        MiniObject *a = fn ? MiniObject_GetAttrString(op, "args") : NULL;
        MiniObject *k = a ? MiniObject_GetAttrString(op, "kwargs") : NULL;
        MiniObject *t = k ? _MiniThreading_AsTuple(a) : NULL;
        if (t != NULL) result = MiniObject_Call(fn, t, k);
        Mini_XDECREF(t); Mini_XDECREF(k); Mini_XDECREF(a); Mini_XDECREF(fn);
        if (result == NULL) {
            /* finished is set in CPython's `finally`, even when the function raised */
            MiniObject *exc = MiniErr_GetRaisedException();
            MiniObject *s = MiniObject_CallMethodObjArgs(finished, "set", NULL);
            Mini_XDECREF(s);
            MiniErr_SetRaisedException(exc);
            Mini_DECREF(finished);
            return NULL;
        }
        Mini_DECREF(result);
    } else if (cancelled < 0) {
        Mini_DECREF(finished);
        return NULL;
    }
    result = MiniObject_CallMethodObjArgs(finished, "set", NULL);
    Mini_DECREF(finished);
    return result;
}

static MiniMethodDef timer_methods[] = {
    {"cancel", timer_cancel, MINI_METH_NOARGS, "cancel(): stop the timer if it has not fired yet."},
    {"run", timer_run, MINI_METH_NOARGS, "run(): wait interval seconds, then call the function unless cancelled."},
    {NULL, NULL, 0, NULL},
};

static MiniTypeObject Timer_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "threading.Timer",
    .tp_methods = timer_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT,
    .tp_doc = "Timer(interval, function, args=None, kwargs=None): call a function after a delay.",
    .tp_base = &_MiniThread_Type,
    .tp_init = timer_init,
};

/* ===== excepthook ============================================================================== */

static const char *const hook_fields[] = {"exc_type", "exc_value", "exc_traceback", "thread"};
static const MiniStdStructSeqDesc hook_desc = {"_thread._ExceptHookArgs", hook_fields, 4};

/* The default hook's output for args: nothing for SystemExit, else "Exception in thread NAME:"
 * and the traceback on stderr. */
static MiniObject *mod_excepthook(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *type = MiniObject_GetAttrString(args, "exc_type");
    MiniObject *value = type ? MiniObject_GetAttrString(args, "exc_value") : NULL;
    MiniObject *thread = value ? MiniObject_GetAttrString(args, "thread") : NULL;
    if (thread == NULL) {
        Mini_XDECREF(type); Mini_XDECREF(value);
        MiniErr_Clear();
        MiniErr_SetString(MiniExc_TypeError, "_thread._excepthook argument type must be ExceptHookArgs");
        return NULL;
    }
    if (type != (MiniObject *)MiniExc_SystemExit) {
        MiniObject *name = NULL;
        if (thread != Mini_None) name = MiniObject_GetAttrString(thread, "name");
        if (name == NULL) {
            MiniErr_Clear();
            name = MiniUnicode_FromFormat("%lu", _MiniStd_ThreadIdent());
        }
        const char *s = name != NULL ? MiniUnicode_AsUTF8(name) : NULL;
        if (s == NULL) { MiniErr_Clear(); s = "?"; }
        MiniVM_Flush();
        MiniVM_Write(2, "Exception in thread ", 20);
        MiniVM_Write(2, s, (Mini_ssize_t)strlen(s));
        MiniVM_Write(2, ":\n", 2);
        if (value != Mini_None) MiniVM_PrintException(value);
        MiniVM_Flush();
        Mini_XDECREF(name);
    }
    Mini_DECREF(type); Mini_DECREF(value); Mini_DECREF(thread);
    return Mini_NewRef(Mini_None);
}

static MiniMethodDef excepthook_def = {
    "excepthook", mod_excepthook, MINI_METH_O,
    "excepthook(args): report an exception that escaped a thread's run() on stderr."};

void _MiniThreading_ReportException(MiniObject *thread, MiniObject *exc) {
    MiniObject *tb = MiniObject_GetAttrString(exc, "__traceback__");
    if (tb == NULL) { MiniErr_Clear(); tb = Mini_NewRef(Mini_None); }
    MiniObject *hookargs = _MiniStd_StructSeq_New(
        &hook_desc, Mini_BuildValue("(OONO)", (MiniObject *)Mini_TYPE(exc), exc, tb, thread));
    MiniObject *module = hookargs ? MiniImport_ImportModule("threading") : NULL;
    MiniObject *hook = module ? MiniObject_GetAttrString(module, "excepthook") : NULL;
    MiniObject *r = hook ? MiniObject_CallOneArg(hook, hookargs) : NULL;
    if (r == NULL) {
        /* As CPython: a failing hook is reported, then the original exception by the default. */
        MiniObject *err = MiniErr_GetRaisedException();
        if (err != NULL) {
            MiniVM_Flush();
            MiniVM_Write(2, "Exception in threading.excepthook:\n", 35);
            MiniVM_PrintException(err);
            Mini_DECREF(err);
        }
        if (hookargs != NULL) r = mod_excepthook(NULL, hookargs);
        if (r == NULL) MiniErr_Clear();
    }
    Mini_XDECREF(r);
    Mini_XDECREF(hook);
    Mini_XDECREF(module);
    Mini_XDECREF(hookargs);
}

/* ===== the module's share ====================================================================== */

int _MiniThreadExtra_AddToModule(MiniObject *m) {
    Timer_Type.tp_basicsize = _MiniThread_Type.tp_basicsize;
    if (MiniType_Ready(&Local_Type) < 0 || MiniType_Ready(&Timer_Type) < 0) return -1;
    if (MiniModule_AddObjectRef(m, "local", (MiniObject *)&Local_Type) < 0 ||
        MiniModule_AddObjectRef(m, "Timer", (MiniObject *)&Timer_Type) < 0)
        return -1;
    MiniObject *hook = MiniCFunction_NewEx(&excepthook_def, NULL, NULL);
    if (hook == NULL) return -1;
    int r = MiniModule_AddObjectRef(m, "excepthook", hook) < 0 ||
            MiniModule_AddObjectRef(m, "__excepthook__", hook) < 0 ? -1 : 0;
    Mini_DECREF(hook);
    return r;
}
