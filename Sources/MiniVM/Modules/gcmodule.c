/* Modules/gcmodule.c: the `gc` module, the Python face of the cycle collector in
 * CShims/Python/gc.c (whose opening essay explains the algorithm): collect, enable/disable,
 * counts and thresholds, is_tracked/is_finalized, get_objects/get_referrers/get_referents,
 * get_stats, freeze/unfreeze, callbacks, garbage and the DEBUG_* flags, with CPython's
 * signatures and results. Also where the VM reports "unraisable" exceptions (from __del__, weak
 * reference callbacks and gc.callbacks) the way CPython's default hook prints them. */
#include "stdlib_internal.h"
#include "vm_internal.h"
#include "gc_internal.h"
#include "mini_vm.h"

#include <stdio.h>
#include <string.h>

/* gc.callbacks: owned here (the module holds it too), dropped at shut-down. */
static MiniObject *callbacks_list;

/* ----- unraisable exceptions ------------------------------------------------------------------- */

/* "Exception ignored in: <repr>" and the traceback, as CPython's sys.unraisablehook prints. */
static void write_err(const char *s) { MiniVM_Write(2, s, (Mini_ssize_t)strlen(s)); }

static void print_unraisable(MiniObject *exc, MiniObject *obj) {
    MiniVM_Flush();
    if (obj != NULL) {
        MiniObject *r = MiniObject_Repr(obj);
        write_err("Exception ignored in: ");
        write_err(r ? MiniUnicode_AsUTF8(r) : "<object repr() failed>");
        write_err("\n");
        if (r == NULL) MiniErr_Clear();
        Mini_XDECREF(r);
    }
    MiniObject *text = _MiniVM_FormatException(exc, 1);
    if (text != NULL && MiniUnicode_Check(text)) write_err(MiniUnicode_AsUTF8(text));
    else MiniErr_Clear();
    Mini_XDECREF(text);
    MiniVM_Flush();
}

/* ----- gc.callbacks -------------------------------------------------------------------------------- */

static void run_callbacks(const char *phase, int generation, Mini_ssize_t collected, Mini_ssize_t uncollectable) {
    if (callbacks_list == NULL || MiniList_GET_SIZE(callbacks_list) == 0) return;
    MiniObject *snapshot = MiniList_AsTuple(callbacks_list);
    MiniObject *info = snapshot ? Mini_BuildValue("{s:i,s:n,s:n}", "generation", generation, "collected", collected,
                                                  "uncollectable", uncollectable) : NULL;
    MiniObject *ph = info ? MiniUnicode_FromString(phase) : NULL;
    if (ph == NULL) {
        MiniErr_Clear();
    } else {
        for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(snapshot); i++) {
            MiniObject *cb = MiniTuple_GET_ITEM(snapshot, i);
            MiniObject *r = MiniObject_CallFunctionObjArgs(cb, ph, info, NULL);
            if (r == NULL) _MiniErr_WriteUnraisable(cb);
            Mini_XDECREF(r);
        }
    }
    Mini_XDECREF(ph);
    Mini_XDECREF(info);
    Mini_XDECREF(snapshot);
}

/* ----- collection and its controls ------------------------------------------------------------------ */

static MiniObject *gc_collect(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *kwlist[] = {"generation", NULL};
    int generation = 2;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|i:collect", kwlist, &generation)) return NULL;
    Mini_ssize_t n = _MiniGC_CollectGeneration(generation);
    if (n < 0) return NULL;
    return MiniLong_FromSsize_t(n);
}

static MiniObject *gc_enable(MiniObject *m, MiniObject *u) { (void)m; (void)u; MiniGC_Enable(); Mini_RETURN_NONE; }
static MiniObject *gc_disable(MiniObject *m, MiniObject *u) { (void)m; (void)u; MiniGC_Disable(); Mini_RETURN_NONE; }
static MiniObject *gc_isenabled(MiniObject *m, MiniObject *u) {
    (void)m; (void)u;
    return Mini_NewRef(MiniGC_IsEnabled() ? Mini_True : Mini_False);
}

static MiniObject *gc_get_count(MiniObject *m, MiniObject *u) {
    (void)m; (void)u;
    Mini_ssize_t c[3];
    _MiniGC_GetCounts(c);
    return Mini_BuildValue("(nnn)", c[0], c[1], c[2]);
}

static MiniObject *gc_get_threshold(MiniObject *m, MiniObject *u) {
    (void)m; (void)u;
    Mini_ssize_t t[3];
    _MiniGC_GetThresholds(t);
    return Mini_BuildValue("(nnn)", t[0], t[1], t[2]);
}

static MiniObject *gc_set_threshold(MiniObject *m, MiniObject *args) {
    (void)m;
    Mini_ssize_t t[3];
    _MiniGC_GetThresholds(t);
    if (!MiniArg_ParseTuple(args, "n|nn:set_threshold", &t[0], &t[1], &t[2])) return NULL;
    _MiniGC_SetThresholds(t, 3);
    Mini_RETURN_NONE;
}

static MiniObject *gc_set_debug(MiniObject *m, MiniObject *args) {
    (void)m;
    int flags;
    if (!MiniArg_ParseTuple(args, "i:set_debug", &flags)) return NULL;
    _MiniGC_Debug = flags;
    Mini_RETURN_NONE;
}

static MiniObject *gc_get_debug(MiniObject *m, MiniObject *u) { (void)m; (void)u; return MiniLong_FromLong(_MiniGC_Debug); }

static MiniObject *gc_get_stats(MiniObject *m, MiniObject *u) {
    (void)m; (void)u;
    Mini_ssize_t colls[3], coll[3];
    _MiniGC_GetStats(colls, coll);
    MiniObject *l = MiniList_New(0);
    for (int i = 0; l != NULL && i < 3; i++) {
        MiniObject *d = Mini_BuildValue("{s:n,s:n,s:n}", "collections", colls[i], "collected", coll[i],
                                        "uncollectable", (Mini_ssize_t)0);
        if (d == NULL || MiniList_Append(l, d) < 0) Mini_CLEAR(l);
        Mini_XDECREF(d);
    }
    return l;
}

static MiniObject *gc_freeze(MiniObject *m, MiniObject *u) { (void)m; (void)u; _MiniGC_Freeze(); Mini_RETURN_NONE; }
static MiniObject *gc_unfreeze(MiniObject *m, MiniObject *u) { (void)m; (void)u; _MiniGC_Unfreeze(); Mini_RETURN_NONE; }
static MiniObject *gc_get_freeze_count(MiniObject *m, MiniObject *u) {
    (void)m; (void)u;
    return MiniLong_FromSsize_t(_MiniGC_FreezeCount());
}

/* ----- looking at objects ---------------------------------------------------------------------------- */

static MiniObject *gc_is_tracked(MiniObject *m, MiniObject *obj) {
    (void)m;
    return Mini_NewRef(MiniObject_GC_IsTracked(obj) ? Mini_True : Mini_False);
}

static MiniObject *gc_is_finalized(MiniObject *m, MiniObject *obj) {
    (void)m;
    int fin = MiniObject_IS_GC(obj) && (MINI_AS_GC(obj)->gc_info & MINI_GC_FINALIZED);
    return Mini_NewRef(fin ? Mini_True : Mini_False);
}

typedef struct { MiniObject *result; MiniObject *skip1, *skip2; MiniObject *targets; int found; } Walk;

static int append_object(MiniObject *op, void *arg) {
    Walk *w = arg;
    if (op == w->result) return 0;
    return MiniList_Append(w->result, op) < 0 ? -1 : 0;
}

static MiniObject *gc_get_objects(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *kwlist[] = {"generation", NULL};
    MiniObject *genobj = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|O:get_objects", kwlist, &genobj)) return NULL;
    int gen = -1;
    if (genobj != Mini_None) {
        long g = MiniLong_AsLong(genobj);
        if (g == -1 && MiniErr_Occurred()) return NULL;
        if (g >= 3) return MiniErr_Format(MiniExc_ValueError, "generation parameter must be less than the number of available generations (3)");
        if (g < 0) return MiniErr_Format(MiniExc_ValueError, "generation parameter cannot be negative");
        gen = (int)g;
    }
    Walk w = { MiniList_New(0), NULL, NULL, NULL, 0 };
    if (w.result == NULL) return NULL;
    if (_MiniGC_ForEach(gen, append_object, &w) != 0) Mini_CLEAR(w.result);
    return w.result;
}

static int visit_is_target(MiniObject *child, void *arg) {
    Walk *w = arg;
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(w->targets); i++)
        if (MiniTuple_GET_ITEM(w->targets, i) == child) { w->found = 1; return 1; }
    return 0;
}

static int referrer_check(MiniObject *op, void *arg) {
    Walk *w = arg;
    if (op == w->result || op == w->targets) return 0;
    Mini_traverseproc tr = Mini_TYPE(op)->tp_traverse;
    if (tr == NULL) return 0;
    w->found = 0;
    (void)tr(op, visit_is_target, w);
    if (w->found && MiniList_Append(w->result, op) < 0) return -1;
    return 0;
}

static MiniObject *gc_get_referrers(MiniObject *m, MiniObject *args) {
    (void)m;
    Walk w = { MiniList_New(0), NULL, NULL, args, 0 };
    if (w.result == NULL) return NULL;
    if (_MiniGC_ForEach(-1, referrer_check, &w) != 0) Mini_CLEAR(w.result);
    return w.result;
}

static int visit_append(MiniObject *child, void *arg) {
    return MiniList_Append((MiniObject *)arg, child) < 0 ? -1 : 0;
}

static MiniObject *gc_get_referents(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *l = MiniList_New(0);
    for (Mini_ssize_t i = 0; l != NULL && i < MiniTuple_GET_SIZE(args); i++) {
        MiniObject *o = MiniTuple_GET_ITEM(args, i);
        if (!MiniObject_IS_GC(o) || Mini_TYPE(o)->tp_traverse == NULL) continue;
        if (Mini_TYPE(o)->tp_traverse(o, visit_append, l) != 0) Mini_CLEAR(l);
    }
    return l;
}

static MiniMethodDef gc_functions[] = {
    {"collect", (MiniCFunction)(void (*)(void))gc_collect, MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "collect(generation=2) -> n: run a collection; the number of unreachable objects found."},
    {"enable", gc_enable, MINI_METH_NOARGS, "enable(): turn automatic collection on."},
    {"disable", gc_disable, MINI_METH_NOARGS, "disable(): turn automatic collection off."},
    {"isenabled", gc_isenabled, MINI_METH_NOARGS, "isenabled() -> bool"},
    {"get_count", gc_get_count, MINI_METH_NOARGS, "get_count() -> (count0, count1, count2)"},
    {"get_threshold", gc_get_threshold, MINI_METH_NOARGS, "get_threshold() -> (threshold0, threshold1, threshold2)"},
    {"set_threshold", gc_set_threshold, MINI_METH_VARARGS, "set_threshold(threshold0[, threshold1[, threshold2]])"},
    {"set_debug", gc_set_debug, MINI_METH_VARARGS, "set_debug(flags): DEBUG_STATS, DEBUG_SAVEALL, ..."},
    {"get_debug", gc_get_debug, MINI_METH_NOARGS, "get_debug() -> flags"},
    {"get_stats", gc_get_stats, MINI_METH_NOARGS, "get_stats() -> a dict per generation"},
    {"is_tracked", gc_is_tracked, MINI_METH_O, "is_tracked(obj) -> bool: whether the collector tracks obj."},
    {"is_finalized", gc_is_finalized, MINI_METH_O, "is_finalized(obj) -> bool: whether obj's finalizer ran."},
    {"get_objects", (MiniCFunction)(void (*)(void))gc_get_objects, MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "get_objects(generation=None) -> list of the tracked objects"},
    {"get_referrers", gc_get_referrers, MINI_METH_VARARGS, "get_referrers(*objs) -> the tracked objects referring to any of objs"},
    {"get_referents", gc_get_referents, MINI_METH_VARARGS, "get_referents(*objs) -> the objects any of objs refers to"},
    {"freeze", gc_freeze, MINI_METH_NOARGS, "freeze(): move every tracked object to the permanent generation."},
    {"unfreeze", gc_unfreeze, MINI_METH_NOARGS, "unfreeze(): move the permanent generation back to generation 2."},
    {"get_freeze_count", gc_get_freeze_count, MINI_METH_NOARGS, "get_freeze_count() -> int"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef gc_module = {
    MiniModuleDef_HEAD_INIT, "gc", "The cycle collector: collect() frees unreachable reference cycles.", 0, gc_functions,
};

void _MiniGCModule_InstallHooks(void) { _MiniErr_UnraisableHook = print_unraisable; }

void _MiniGCModule_Fini(void) {
    _MiniGC_CallbacksHook = NULL;
    Mini_CLEAR(callbacks_list);
}

/* New reference to the gc module, or NULL with an exception. */
MiniObject *MiniInit_gc(void) {
    MiniObject *m = MiniModule_Create(&gc_module);
    if (m == NULL) return NULL;
    if (callbacks_list == NULL && (callbacks_list = MiniList_New(0)) == NULL) goto fail;
    MiniObject *garbage = _MiniGC_GarbageList();
    if (garbage == NULL || MiniModule_AddObjectRef(m, "garbage", garbage) < 0 ||
        MiniModule_AddObjectRef(m, "callbacks", callbacks_list) < 0)
        goto fail;
    static const struct { const char *name; long value; } flags[] = {
        {"DEBUG_STATS", 1}, {"DEBUG_COLLECTABLE", 2}, {"DEBUG_UNCOLLECTABLE", 4}, {"DEBUG_SAVEALL", 32}, {"DEBUG_LEAK", 38},
    };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (MiniModule_AddIntConstant(m, flags[i].name, flags[i].value) < 0) goto fail;
    _MiniGC_CallbacksHook = run_callbacks;
    return m;
fail:
    Mini_DECREF(m);
    return NULL;
}
