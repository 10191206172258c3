/* Python/builtins_async.c: the asynchronous-iteration builtins aiter() and anext(), with CPython
 * 3.11's signatures and error messages. aiter(obj) is type(obj).__aiter__(obj), checked to
 * return an object whose type has __anext__. anext(it) is type(it).__anext__(it), unchanged;
 * anext(it, default) wraps that awaitable in an "anext_awaitable" that forwards __next__/send/
 * throw/close to the awaitable's iterator and turns StopAsyncIteration into StopIteration(default),
 * i.e. `await anext(it, d)` gives d once the iterator is exhausted. All of it runs under the GIL
 * (or the object's critical sections in free-threaded mode, through the calls it makes). */
#include "vm_internal.h"

typedef struct {
    MiniObject_HEAD
    MiniObject *wrapped;      /* what __anext__ returned */
    MiniObject *default_value;
    MiniObject *iter;         /* the iterator `await wrapped` drives, NULL until first used */
} AnextAwaitable;

/* The special method name of o's type, or NULL (no error set when absent). New reference. */
static MiniObject *type_special(MiniObject *o, const char *name) {
    MiniObject *key = MiniUnicode_FromString(name);
    if (key == NULL) return NULL;
    MiniObject *m = MiniType_Lookup(Mini_TYPE(o), key);
    Mini_DECREF(key);
    return Mini_XNewRef(m);
}

/* The iterator that drives the wrapped awaitable: a coroutine's __await__() wrapper, or what
 * `await` itself would iterate. Borrowed (cached in the object) or NULL with an error. */
static MiniObject *anext_iter(AnextAwaitable *a) {
    if (a->iter != NULL) return a->iter;
    if (a->wrapped == NULL) {   /* cleared by the collector (it was part of a garbage cycle) */
        MiniErr_SetString(MiniExc_RuntimeError, "anext_awaitable used after it was cleared");
        return NULL;
    }
    MiniObject *it = _MiniVM_GetAwaitable(a->wrapped, 0);
    if (it != NULL && Mini_TYPE(it)->tp_iternext == NULL) {
        MiniObject *w = MiniObject_CallMethodObjArgs(it, "__await__", NULL);
        Mini_DECREF(it);
        it = w;
    }
    a->iter = it;
    return it;
}

/* A NULL result from the iterator: StopAsyncIteration becomes StopIteration(default). */
static MiniObject *anext_result(AnextAwaitable *a, MiniObject *r) {
    if (r == NULL && MiniErr_ExceptionMatches(MiniExc_StopAsyncIteration)) {
        MiniErr_Clear();
        _MiniGen_SetStopIterationValue(a->default_value);
    }
    return r;
}

static MiniObject *anext_send(MiniObject *self, MiniObject *v) {
    AnextAwaitable *a = (AnextAwaitable *)self;
    MiniObject *it = anext_iter(a);
    if (it == NULL) return NULL;
    MiniObject *r = v == Mini_None ? Mini_TYPE(it)->tp_iternext(it) : MiniObject_CallMethodObjArgs(it, "send", v, NULL);
    if (r == NULL && v == Mini_None && !MiniErr_Occurred()) MiniErr_SetNone(MiniExc_StopIteration);
    return anext_result(a, r);
}

static MiniObject *anext_next(MiniObject *self) {
    MiniObject *r = anext_send(self, Mini_None);
    /* tp_iternext reports a plain return value through StopIteration(value); keep it. */
    return r;
}

static MiniObject *anext_throw(MiniObject *self, MiniObject *args) {
    AnextAwaitable *a = (AnextAwaitable *)self;
    MiniObject *it = anext_iter(a);
    if (it == NULL) return NULL;
    MiniObject *meth = MiniObject_GetAttrString(it, "throw");
    if (meth == NULL) return NULL;
    MiniObject *r = MiniObject_Call(meth, args, NULL);
    Mini_DECREF(meth);
    return anext_result(a, r);
}

static MiniObject *anext_close(MiniObject *self, MiniObject *unused) {
    (void)unused;
    AnextAwaitable *a = (AnextAwaitable *)self;
    MiniObject *it = anext_iter(a);
    if (it == NULL) return NULL;
    MiniObject *meth = type_special(it, "close");
    if (meth == NULL) { if (MiniErr_Occurred()) return NULL; Mini_RETURN_NONE; }
    Mini_DECREF(meth);
    return MiniObject_CallMethodObjArgs(it, "close", NULL);
}

static MiniObject *anext_self(MiniObject *self) { return Mini_NewRef(self); }
static MiniObject *anext_await(MiniObject *self, MiniObject *unused) { (void)unused; return Mini_NewRef(self); }

/* A GC type, as CPython's: its default value or the awaitable can lead back to it. */
static int anext_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    AnextAwaitable *a = (AnextAwaitable *)self;
    Mini_VISIT(a->wrapped);
    Mini_VISIT(a->default_value);
    Mini_VISIT(a->iter);
    return 0;
}

static int anext_clear(MiniObject *self) {
    AnextAwaitable *a = (AnextAwaitable *)self;
    Mini_CLEAR(a->wrapped);
    Mini_CLEAR(a->default_value);
    Mini_CLEAR(a->iter);
    return 0;
}

static void anext_dealloc(MiniObject *self) {
    (void)anext_clear(self);
    MiniObject_Free(self);
}

static MiniMethodDef anext_methods[] = {
    { "__await__", (MiniCFunction)anext_await, MINI_METH_NOARGS, NULL },
    { "send", (MiniCFunction)anext_send, MINI_METH_O, NULL },
    { "throw", (MiniCFunction)anext_throw, MINI_METH_VARARGS, NULL },
    { "close", (MiniCFunction)anext_close, MINI_METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MiniTypeObject AnextAwaitable_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "anext_awaitable",
    .tp_basicsize = sizeof(AnextAwaitable),
    .tp_dealloc = anext_dealloc,
    .tp_iter = anext_self,
    .tp_iternext = anext_next,
    .tp_methods = anext_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = anext_traverse,
    .tp_clear = anext_clear,
};

static int arg_count_ok(const char *name, Mini_ssize_t nargs, MiniObject *kwnames, Mini_ssize_t lo, Mini_ssize_t hi) {
    if (kwnames != NULL && MiniTuple_GET_SIZE(kwnames) > 0) {
        MiniErr_Format(MiniExc_TypeError, "%s() takes no keyword arguments", name);
        return 0;
    }
    if (lo == hi && nargs != lo) {
        MiniErr_Format(MiniExc_TypeError, "%s() takes exactly one argument (%zd given)", name, nargs);
        return 0;
    }
    if (nargs < lo) {
        MiniErr_Format(MiniExc_TypeError, "%s expected at least %zd argument, got %zd", name, lo, nargs);
        return 0;
    }
    if (nargs > hi) {
        MiniErr_Format(MiniExc_TypeError, "%s expected at most %zd arguments, got %zd", name, hi, nargs);
        return 0;
    }
    return 1;
}

/* aiter(obj): type(obj).__aiter__(obj), which must have __anext__. */
static MiniObject *builtin_aiter(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (!arg_count_ok("aiter", nargs, kwnames, 1, 1)) return NULL;
    int found = 0;
    MiniObject *it = _MiniVM_CallDunder(args[0], "__aiter__", NULL, 0, &found);
    if (!found) {
        if (MiniErr_Occurred()) return NULL;
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not an async iterable", Mini_TYPE(args[0])->tp_name);
    }
    if (it == NULL) return NULL;
    MiniObject *anext = type_special(it, "__anext__");
    if (anext == NULL) {
        if (!MiniErr_Occurred())
            MiniErr_Format(MiniExc_TypeError, "aiter() returned not an async iterator of type '%.100s'",
                           Mini_TYPE(it)->tp_name);
        Mini_DECREF(it);
        return NULL;
    }
    Mini_DECREF(anext);
    return it;
}

/* anext(aiterator[, default]): the awaitable __anext__ returns, wrapped when a default is given. */
static MiniObject *builtin_anext(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (!arg_count_ok("anext", nargs, kwnames, 1, 2)) return NULL;
    MiniObject *anext = type_special(args[0], "__anext__");
    if (anext == NULL) {
        if (MiniErr_Occurred()) return NULL;
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not an async iterator", Mini_TYPE(args[0])->tp_name);
    }
    Mini_DECREF(anext);
    int found = 0;
    MiniObject *aw = _MiniVM_CallDunder(args[0], "__anext__", NULL, 0, &found);
    if (aw == NULL || nargs == 1) return aw;
    AnextAwaitable *a = (AnextAwaitable *)MiniObject_New(&AnextAwaitable_Type);
    if (a == NULL) { Mini_DECREF(aw); return NULL; }
    a->wrapped = aw;
    a->default_value = Mini_NewRef(args[1]);
    a->iter = NULL;
    return (MiniObject *)a;
}

int _MiniVM_InitAsyncBuiltins(MiniObject *builtins) {
    if (MiniType_Ready(&AnextAwaitable_Type) < 0) return -1;
    static const struct { const char *name; MiniVMFastFunc fn; } fns[] = {
        { "aiter", builtin_aiter }, { "anext", builtin_anext }, { NULL, NULL },
    };
    for (int i = 0; fns[i].name != NULL; i++) {
        MiniObject *f = _MiniVMBuiltin_New(fns[i].name, fns[i].fn, NULL);
        int r = f ? MiniDict_SetItemString(builtins, fns[i].name, f) : -1;
        Mini_XDECREF(f);
        if (r < 0) return -1;
    }
    return 0;
}
