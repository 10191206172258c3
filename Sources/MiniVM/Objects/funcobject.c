/* Objects/funcobject.c: the callable objects of the interpreter: Python functions (code + globals +
 * defaults + closure), cells (one variable shared between a function and the functions nested in
 * it), bound methods (a function with its instance), and "fast" builtins (C functions taking an
 * argument array, the VM's own calling convention). Also the tracking list the end-of-run sweep
 * uses to break reference cycles among functions, cells and generators, since the runtime has no
 * cycle collector. */
#include "vm_internal.h"
#include "objimpl_internal.h"
#include "instvalues_internal.h"

#include <pthread.h>
#include <string.h>

/* ----- tracking ------------------------------------------------------------------------------------ */

static MiniVMTracked track_head = { &track_head, &track_head, 0, NULL };
static uint64_t track_serial;
/* Free-threaded mode: threads create and free functions, cells, generators and instances at the
 * same time, so linking and unlinking take this lock (one predictable branch in GIL mode). Without
 * it the list was corrupted when several threads made objects at once, and a later unlink wrote
 * into a freed neighbour (AddressSanitizer: instance_dealloc -> _MiniVM_Untrack after 8 threads
 * made instances in cycles, then gc.collect()). The end-of-run sweep walks the list alone. */
static pthread_mutex_t track_mutex = PTHREAD_MUTEX_INITIALIZER;

void _MiniVM_Track(MiniVMTracked *t, MiniObject *owner) {
    int ft = _Mini_FreeThreaded;
    if (MINI_UNLIKELY(ft)) pthread_mutex_lock(&track_mutex);
    uint64_t serial = track_serial + 1;
    __atomic_store_n(&track_serial, serial, __ATOMIC_RELAXED);   /* MiniVM_Mark reads it unlocked */
    t->serial = serial;
    t->owner = owner;
    t->next = &track_head;
    t->prev = track_head.prev;
    track_head.prev->next = t;
    track_head.prev = t;
    if (MINI_UNLIKELY(ft)) pthread_mutex_unlock(&track_mutex);
}

void _MiniVM_Untrack(MiniVMTracked *t) {
    int ft = _Mini_FreeThreaded;
    if (MINI_UNLIKELY(ft)) pthread_mutex_lock(&track_mutex);
    if (t->next != NULL) {
        t->prev->next = t->next;
        t->next->prev = t->prev;
        t->next = t->prev = NULL;
    }
    if (MINI_UNLIKELY(ft)) pthread_mutex_unlock(&track_mutex);
}

uint64_t MiniVM_Mark(void) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) return __atomic_load_n(&track_serial, __ATOMIC_RELAXED);
    return track_serial;
}

static void func_clear(MiniFunctionObject *f);

/* Whether the sweep has something to clear in o during the given pass. */
static int sweep_work(MiniObject *o, int pass) {
    MiniTypeObject *t = Mini_TYPE(o);
    if (pass == 0 && _MiniGen_IsGenLike(o)) {
        MiniGenObject *g = (MiniGenObject *)o;
        return g->gi_state != MINI_GEN_CLOSED && g->gi_state != MINI_GEN_RUNNING;
    }
    if (pass == 1 && _MiniVM_IsPyClass(t)) {
        MiniObject **dictptr = _MiniObject_DictPtr(o);
        return (dictptr != NULL && *dictptr != NULL && MiniDict_Size(*dictptr) > 0) || _MiniVM_HasSlotValues(o) ||
               _MiniInst_Values(o) != NULL;
    }
    if (pass == 2 && t == &MiniCell_Type) return ((MiniCellObject *)o)->ob_ref != NULL;
    if (pass == 2 && t == &MiniFunction_Type) {
        MiniFunctionObject *f = (MiniFunctionObject *)o;
        return f->func_closure != NULL || f->func_defaults != NULL || f->func_kwdefaults != NULL ||
               f->func_dict != NULL;
    }
    return 0;
}

void MiniVM_SweepSince(uint64_t mark) {
    MINI_CHECK_GIL("MiniVM_SweepSince");
    /* Pass 0 abandons suspended generators (their frames may hold anything); pass 1 empties the
     * __dict__ of instances of Python classes; pass 2 empties cells and strips functions of
     * closures, defaults and attributes; then the classes' dicts are emptied. Each object is kept
     * alive while it is cleared, and the scan restarts after every clear since clearing may free
     * others. */
    for (int pass = 0; pass < 3; pass++) {
        int again = 1;
        while (again) {
            again = 0;
            for (MiniVMTracked *t = track_head.next; t != &track_head; t = t->next) {
                if (t->serial <= mark || !sweep_work(t->owner, pass)) continue;
                MiniObject *o = t->owner;
                Mini_INCREF(o);
                if (_MiniGen_IsGenLike(o)) _MiniGen_Abandon((MiniGenObject *)o);
                else if (Mini_TYPE(o) == &MiniCell_Type) Mini_CLEAR(((MiniCellObject *)o)->ob_ref);
                else if (Mini_TYPE(o) == &MiniFunction_Type) func_clear((MiniFunctionObject *)o);
                else _MiniVM_SweepInstance(o);
                Mini_DECREF(o);
                again = 1;
                break;
            }
        }
    }
    _MiniVM_SweepClasses(mark);
    MiniVM_ClearFreeLists();
}

/* ----- functions ------------------------------------------------------------------------------------ */

MiniObject *_MiniFunction_New(MiniObject *code, MiniObject *globals) {
    MiniCodeObject *co = (MiniCodeObject *)code;
    MiniFunctionObject *f = (MiniFunctionObject *)_MiniVM_CacheNew(&_MiniVM_FuncCache, &MiniFunction_Type, sizeof(MiniFunctionObject));
    if (f == NULL) return NULL;
    f->func_code = Mini_NewRef(code);
    f->func_globals = Mini_NewRef(globals);
    f->func_name = Mini_NewRef(co->co_name);
    f->func_qualname = Mini_NewRef(co->co_qualname);
    /* The compiler makes a function's docstring its first constant (None when there is none). */
    if ((co->co_flags & MINI_CO_OPTIMIZED) && MiniTuple_GET_SIZE(co->co_consts) > 0 &&
        MiniUnicode_Check(MiniTuple_GET_ITEM(co->co_consts, 0)))
        f->func_doc = Mini_NewRef(MiniTuple_GET_ITEM(co->co_consts, 0));
    MiniObject *modname = MiniDict_GetItemWithError(globals, _MiniVM_Str.__name__);
    if (modname != NULL) f->func_module = Mini_NewRef(modname);
    else if (MiniErr_Occurred()) { Mini_DECREF(f); return NULL; }
    _MiniVM_Track(&f->track, (MiniObject *)f);
    return (MiniObject *)f;
}

static void func_clear(MiniFunctionObject *f) {
    Mini_CLEAR(f->func_defaults);
    Mini_CLEAR(f->func_kwdefaults);
    Mini_CLEAR(f->func_closure);
    Mini_CLEAR(f->func_dict);
    Mini_CLEAR(f->func_doc);
}

/* The cycle collector's slots. Clearing drops what can close a cycle back to the function
 * (defaults, closure, attributes); the globals dict is cleared as a dict of its own. */
static int func_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    MiniFunctionObject *f = (MiniFunctionObject *)self;
    Mini_VISIT(f->func_code);
    Mini_VISIT(f->func_globals);
    Mini_VISIT(f->func_name);
    Mini_VISIT(f->func_qualname);
    Mini_VISIT(f->func_defaults);
    Mini_VISIT(f->func_kwdefaults);
    Mini_VISIT(f->func_closure);
    Mini_VISIT(f->func_doc);
    Mini_VISIT(f->func_module);
    Mini_VISIT(f->func_dict);
    return 0;
}

static int func_gc_clear(MiniObject *self) {
    func_clear((MiniFunctionObject *)self);
    return 0;
}

static void func_dealloc(MiniObject *self) {
    MiniFunctionObject *f = (MiniFunctionObject *)self;
    _MiniVM_Untrack(&f->track);
    func_clear(f);
    Mini_CLEAR(f->func_code);
    Mini_CLEAR(f->func_globals);
    Mini_CLEAR(f->func_name);
    Mini_CLEAR(f->func_qualname);
    Mini_CLEAR(f->func_module);
    _MiniVM_CacheFree(&_MiniVM_FuncCache, self);
}

static MiniObject *func_repr(MiniObject *self) {
    MiniFunctionObject *f = (MiniFunctionObject *)self;
    return MiniUnicode_FromFormat("<function %U at %p>", f->func_qualname, (void *)self);
}

static MiniObject *func_call(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniObject **stack, *kwnames;
    Mini_ssize_t nargs;
    if (_MiniVM_UnpackArgs(args, kwargs, &stack, &nargs, &kwnames) < 0) return NULL;
    MiniObject *res = _MiniFunction_Call(self, stack, nargs, kwnames);
    _MiniVM_FreeArgs(stack, kwnames);
    return res;
}

/* Functions in a class dict become bound methods when looked up on an instance. */
static MiniObject *func_descr_get(MiniObject *self, MiniObject *obj, MiniObject *type) {
    (void)type;
    if (obj == NULL || obj == Mini_None) return Mini_NewRef(self);
    return _MiniMethod_New(self, obj);
}

static MiniObject *func_get_name(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniFunctionObject *)self)->func_name);
}
static int func_set_name(MiniObject *self, MiniObject *v, void *c) {
    (void)c;
    if (v == NULL || !MiniUnicode_Check(v)) {
        MiniErr_SetString(MiniExc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    Mini_INCREF(v);
    Mini_SETREF(((MiniFunctionObject *)self)->func_name, v);
    return 0;
}
static MiniObject *func_get_qualname(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniFunctionObject *)self)->func_qualname);
}
static int func_set_qualname(MiniObject *self, MiniObject *v, void *c) {
    (void)c;
    if (v == NULL || !MiniUnicode_Check(v)) {
        MiniErr_SetString(MiniExc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    Mini_INCREF(v);
    Mini_SETREF(((MiniFunctionObject *)self)->func_qualname, v);
    return 0;
}
static MiniObject *func_get_doc(MiniObject *self, void *c) {
    (void)c;
    MiniObject *d = ((MiniFunctionObject *)self)->func_doc;
    return Mini_NewRef(d ? d : Mini_None);
}
static int func_set_doc(MiniObject *self, MiniObject *v, void *c) {
    (void)c;
    Mini_XINCREF(v);
    Mini_SETREF(((MiniFunctionObject *)self)->func_doc, v);
    return 0;
}
static MiniObject *func_get_code(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniFunctionObject *)self)->func_code);
}
static MiniObject *func_get_globals(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniFunctionObject *)self)->func_globals);
}
static MiniObject *func_get_module(MiniObject *self, void *c) {
    (void)c;
    MiniObject *m = ((MiniFunctionObject *)self)->func_module;
    return Mini_NewRef(m ? m : Mini_None);
}
static MiniObject *func_get_defaults(MiniObject *self, void *c) {
    (void)c;
    MiniObject *d = ((MiniFunctionObject *)self)->func_defaults;
    return Mini_NewRef(d ? d : Mini_None);
}
static MiniObject *func_get_dict(MiniObject *self, void *c) {
    (void)c;
    MiniFunctionObject *f = (MiniFunctionObject *)self;
    if (f->func_dict == NULL && (f->func_dict = MiniDict_New()) == NULL) return NULL;
    return Mini_NewRef(f->func_dict);
}

static MiniGetSetDef func_getset[] = {
    { "__name__", func_get_name, func_set_name, NULL, NULL },
    { "__qualname__", func_get_qualname, func_set_qualname, NULL, NULL },
    { "__doc__", func_get_doc, func_set_doc, NULL, NULL },
    { "__code__", func_get_code, NULL, NULL, NULL },
    { "__globals__", func_get_globals, NULL, NULL, NULL },
    { "__module__", func_get_module, NULL, NULL, NULL },
    { "__defaults__", func_get_defaults, NULL, NULL, NULL },
    { "__dict__", func_get_dict, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

/* Attributes not in the getset table live in the function's own __dict__. */
static MiniObject *func_getattro(MiniObject *self, MiniObject *name) {
    MiniFunctionObject *f = (MiniFunctionObject *)self;
    MiniObject *descr = MiniType_Lookup(Mini_TYPE(self), name);
    if (descr == NULL && f->func_dict != NULL) {
        MiniObject *v = MiniDict_GetItemWithError(f->func_dict, name);
        if (v != NULL) return Mini_NewRef(v);
        if (MiniErr_Occurred()) return NULL;
    }
    return MiniObject_GenericGetAttr(self, name);
}

static int func_setattro(MiniObject *self, MiniObject *name, MiniObject *value) {
    MiniFunctionObject *f = (MiniFunctionObject *)self;
    MiniObject *descr = MiniType_Lookup(Mini_TYPE(self), name);
    if (descr != NULL) return MiniObject_GenericSetAttr(self, name, value);
    if (value == NULL) {
        if (f->func_dict == NULL || MiniDict_DelItem(f->func_dict, name) < 0) {
            MiniErr_Clear();
            MiniErr_Format(MiniExc_AttributeError, "'function' object has no attribute '%U'", name);
            return -1;
        }
        return 0;
    }
    if (f->func_dict == NULL && (f->func_dict = MiniDict_New()) == NULL) return -1;
    return MiniDict_SetItem(f->func_dict, name, value);
}

MiniTypeObject MiniFunction_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "function",
    .tp_basicsize = sizeof(MiniFunctionObject),
    .tp_dealloc = func_dealloc,
    .tp_repr = func_repr,
    .tp_call = func_call,
    .tp_getattro = func_getattro,
    .tp_setattro = func_setattro,
    .tp_getset = func_getset,
    .tp_descr_get = func_descr_get,
    .tp_flags = MINI_TPFLAGS_HAVE_GC | MINI_TPFLAGS_WEAKREFABLE,
    .tp_traverse = func_traverse,
    .tp_clear = func_gc_clear,
};

/* ----- cells ---------------------------------------------------------------------------------------- */

MiniObject *_MiniCell_New(MiniObject *value) {
    MiniCellObject *c = (MiniCellObject *)_MiniVM_CacheNew(&_MiniVM_CellCache, &MiniCell_Type, sizeof(MiniCellObject));
    if (c == NULL) return NULL;
    c->ob_ref = Mini_XNewRef(value);
    _MiniVM_Track(&c->track, (MiniObject *)c);
    return (MiniObject *)c;
}

static void cell_dealloc(MiniObject *self) {
    MiniCellObject *c = (MiniCellObject *)self;
    _MiniVM_Untrack(&c->track);
    Mini_CLEAR(c->ob_ref);
    _MiniVM_CacheFree(&_MiniVM_CellCache, self);
}

static int cell_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((MiniCellObject *)self)->ob_ref);
    return 0;
}

static int cell_clear(MiniObject *self) {
    Mini_CLEAR(((MiniCellObject *)self)->ob_ref);
    return 0;
}

static MiniObject *cell_repr(MiniObject *self) {
    MiniCellObject *c = (MiniCellObject *)self;
    if (c->ob_ref == NULL) return MiniUnicode_FromFormat("<cell at %p: empty>", (void *)self);
    return MiniUnicode_FromFormat("<cell at %p: %s object at %p>", (void *)self,
                                  Mini_TYPE(c->ob_ref)->tp_name, (void *)c->ob_ref);
}

static MiniObject *cell_get_contents(MiniObject *self, void *c) {
    (void)c;
    MiniObject *v = ((MiniCellObject *)self)->ob_ref;
    if (v == NULL) return MiniErr_Format(MiniExc_ValueError, "Cell is empty");
    return Mini_NewRef(v);
}

static MiniGetSetDef cell_getset[] = {
    { "cell_contents", cell_get_contents, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniCell_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "cell",
    .tp_basicsize = sizeof(MiniCellObject),
    .tp_dealloc = cell_dealloc,
    .tp_repr = cell_repr,
    .tp_getset = cell_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = cell_traverse,
    .tp_clear = cell_clear,
};

/* ----- bound methods ---------------------------------------------------------------------------------- */

MiniObject *_MiniMethod_New(MiniObject *func, MiniObject *self) {
    MiniMethodObject *m = (MiniMethodObject *)_MiniVM_CacheNew(&_MiniVM_MethodCache, &MiniMethod_Type, sizeof(MiniMethodObject));
    if (m == NULL) return NULL;
    m->im_func = Mini_NewRef(func);
    m->im_self = Mini_NewRef(self);
    return (MiniObject *)m;
}

static void method_dealloc(MiniObject *self) {
    MiniMethodObject *m = (MiniMethodObject *)self;
    Mini_CLEAR(m->im_func);
    Mini_CLEAR(m->im_self);
    _MiniVM_CacheFree(&_MiniVM_MethodCache, self);
}

/* Bound methods are immutable (no tp_clear, as CPython): the function or instance breaks a cycle. */
static int method_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((MiniMethodObject *)self)->im_func);
    Mini_VISIT(((MiniMethodObject *)self)->im_self);
    return 0;
}

static MiniObject *method_repr(MiniObject *self) {
    MiniMethodObject *m = (MiniMethodObject *)self;
    MiniObject *name = MiniObject_GetAttrString(m->im_func, "__qualname__");
    if (name == NULL) {
        MiniErr_Clear();
        name = MiniUnicode_FromString("?");
        if (name == NULL) return NULL;
    }
    MiniObject *r = MiniObject_Repr(m->im_self);
    if (r == NULL) { Mini_DECREF(name); return NULL; }
    MiniObject *res = MiniUnicode_FromFormat("<bound method %U of %U>", name, r);
    Mini_DECREF(name);
    Mini_DECREF(r);
    return res;
}

static MiniObject *method_call(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniMethodObject *m = (MiniMethodObject *)self;
    MiniObject **stack, *kwnames;
    Mini_ssize_t nargs;
    if (_MiniVM_UnpackArgs(args, kwargs, &stack, &nargs, &kwnames) < 0) return NULL;
    /* _MiniVM_UnpackArgs leaves one free slot in front of the arguments for self. */
    stack[-1] = m->im_self;
    MiniObject *res = _MiniVM_Call(m->im_func, stack - 1, nargs + 1, kwnames);
    _MiniVM_FreeArgs(stack, kwnames);
    return res;
}

static MiniObject *method_richcompare(MiniObject *a, MiniObject *b, int op) {
    if ((op != Mini_EQ && op != Mini_NE) || !Mini_IS_TYPE(b, &MiniMethod_Type)) Mini_RETURN_NOTIMPLEMENTED;
    MiniMethodObject *x = (MiniMethodObject *)a, *y = (MiniMethodObject *)b;
    int eq = x->im_func == y->im_func && x->im_self == y->im_self;
    return MiniBool_FromLong(op == Mini_EQ ? eq : !eq);
}

static Mini_hash_t method_hash(MiniObject *self) {
    MiniMethodObject *m = (MiniMethodObject *)self;
    Mini_hash_t h = _Mini_HashPointer(m->im_func) ^ _Mini_HashPointer(m->im_self);
    return h == -1 ? -2 : h;
}

static MiniObject *method_getattro(MiniObject *self, MiniObject *name) {
    MiniMethodObject *m = (MiniMethodObject *)self;
    MiniObject *descr = MiniType_Lookup(Mini_TYPE(self), name);
    if (descr != NULL) return MiniObject_GenericGetAttr(self, name);
    return MiniObject_GetAttr(m->im_func, name);
}

static MiniObject *method_get_self(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniMethodObject *)self)->im_self);
}
static MiniObject *method_get_func(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniMethodObject *)self)->im_func);
}

static MiniGetSetDef method_getset[] = {
    { "__self__", method_get_self, NULL, NULL, NULL },
    { "__func__", method_get_func, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniMethod_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "method",
    .tp_basicsize = sizeof(MiniMethodObject),
    .tp_dealloc = method_dealloc,
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_richcompare = method_richcompare,
    .tp_call = method_call,
    .tp_getattro = method_getattro,
    .tp_getset = method_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC | MINI_TPFLAGS_WEAKREFABLE,
    .tp_traverse = method_traverse,
};

/* ----- fast builtins ---------------------------------------------------------------------------------- */

MiniObject *_MiniVMBuiltin_New(const char *name, MiniVMFastFunc fn, MiniObject *self) {
    MiniVMBuiltinObject *b = (MiniVMBuiltinObject *)MiniObject_New(&MiniVMBuiltin_Type);
    if (b == NULL) return NULL;
    b->name = name;
    b->fn = fn;
    b->self = Mini_XNewRef(self);
    return (MiniObject *)b;
}

static void builtin_dealloc(MiniObject *self) {
    Mini_CLEAR(((MiniVMBuiltinObject *)self)->self);
    MiniObject_Free(self);
}

static int builtin_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((MiniVMBuiltinObject *)self)->self);
    return 0;
}

static MiniObject *builtin_repr(MiniObject *self) {
    MiniVMBuiltinObject *b = (MiniVMBuiltinObject *)self;
    if (b->self != NULL && !MiniModule_Check(b->self))
        return MiniUnicode_FromFormat("<built-in method %s of %s object at %p>", b->name,
                                      Mini_TYPE(b->self)->tp_name, (void *)b->self);
    return MiniUnicode_FromFormat("<built-in function %s>", b->name);
}

static MiniObject *builtin_call(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniVMBuiltinObject *b = (MiniVMBuiltinObject *)self;
    MiniObject **stack, *kwnames;
    Mini_ssize_t nargs;
    if (_MiniVM_UnpackArgs(args, kwargs, &stack, &nargs, &kwnames) < 0) return NULL;
    MiniObject *res = b->fn(b->self, stack, nargs, kwnames);
    _MiniVM_FreeArgs(stack, kwnames);
    return res;
}

static MiniObject *builtin_get_name(MiniObject *self, void *c) {
    (void)c;
    return MiniUnicode_FromString(((MiniVMBuiltinObject *)self)->name);
}

static MiniGetSetDef builtin_getset[] = {
    { "__name__", builtin_get_name, NULL, NULL, NULL },
    { "__qualname__", builtin_get_name, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniVMBuiltin_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(MiniVMBuiltinObject),
    .tp_dealloc = builtin_dealloc,
    .tp_repr = builtin_repr,
    .tp_call = builtin_call,
    .tp_getset = builtin_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = builtin_traverse,
};
