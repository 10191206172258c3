/* Modules/contextvarsmodule.c: the `contextvars` module (PEP 567): Context, ContextVar, Token,
 * copy_context().
 *
 * A Context maps ContextVars to values. Each thread has a current context (MiniVMThread.context,
 * made empty on first use); ContextVar.get reads it, ContextVar.set replaces the current
 * context's mapping with a copy that has the new value (the mappings are never changed in
 * place, so copy_context() is one pointer and a reference: the copy and the original share the
 * mapping until either is set), and Context.run(f) makes a context current for one call.
 * asyncio's Task (_asynciomodule.c) copies the current context when it is created and runs each
 * of its steps inside that copy (_MiniContext_Enter/_Exit), so a value set in a task is seen by
 * that task and the tasks it creates, never by its siblings, as in CPython. */
#include "stdlib_internal.h"
#include "vm_internal.h"

#include <stdint.h>

typedef struct {
    MiniObject_HEAD
    MiniObject *vars;    /* dict ContextVar -> value; replaced, never mutated, once shared */
    int entered;
} ContextObject;

typedef struct {
    MiniObject_HEAD
    MiniObject *name;
    MiniObject *default_value;   /* NULL: no default */
} ContextVarObject;

typedef struct {
    MiniObject_HEAD
    MiniObject *ctx, *var;
    MiniObject *old;             /* NULL: the variable had no value (Token.MISSING) */
    int used;
} TokenObject;

static MiniTypeObject Context_Type, ContextVar_Type, Token_Type;
static MiniObject *token_missing;   /* Token.MISSING */

/* ----- Context ------------------------------------------------------------------------------ */

static MiniObject *context_with_vars(MiniObject *vars) {
    ContextObject *c = (ContextObject *)MiniObject_New(&Context_Type);
    if (c == NULL) return NULL;
    c->vars = vars != NULL ? Mini_NewRef(vars) : MiniDict_New();
    if (c->vars == NULL) { Mini_DECREF(c); return NULL; }
    return (MiniObject *)c;
}

/* The calling thread's current context (borrowed), made empty on first use. NULL on failure. */
static ContextObject *current_context(void) {
    MiniVMThread *ts = _MiniVM_ThreadFast();
    if (ts == NULL) return NULL;
    if (ts->context == NULL && (ts->context = context_with_vars(NULL)) == NULL) return NULL;
    return (ContextObject *)ts->context;
}

MiniObject *_MiniContext_Copy(void) {
    ContextObject *c = current_context();
    return c != NULL ? context_with_vars(c->vars) : NULL;
}

int _MiniContext_Enter(MiniObject *ctx, MiniObject **saved) {
    ContextObject *c = (ContextObject *)ctx;
    if (c->entered) {
        MiniErr_Format(MiniExc_RuntimeError, "cannot enter context: %R is already entered", ctx);
        return -1;
    }
    MiniVMThread *ts = _MiniVM_ThreadFast();
    if (ts == NULL) return -1;
    c->entered = 1;
    *saved = ts->context;            /* the reference moves to the caller */
    ts->context = Mini_NewRef(ctx);
    return 0;
}

void _MiniContext_Exit(MiniObject *ctx, MiniObject *saved) {
    MiniVMThread *ts = _MiniVM_ThreadFast();
    ((ContextObject *)ctx)->entered = 0;
    MiniObject *now = ts->context;
    ts->context = saved;
    Mini_XDECREF(now);
}

static MiniObject *context_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)type;
    if (MiniTuple_GET_SIZE(args) != 0 || (kwargs != NULL && MiniDict_Size(kwargs) != 0))
        return MiniErr_Format(MiniExc_TypeError, "Context() does not accept any arguments");
    return context_with_vars(NULL);
}

static void context_dealloc(MiniObject *self) {
    Mini_CLEAR(((ContextObject *)self)->vars);
    MiniObject_Free(self);
}

static int context_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((ContextObject *)self)->vars);
    return 0;
}

static int context_clear(MiniObject *self) {
    Mini_CLEAR(((ContextObject *)self)->vars);
    return 0;
}

static int check_var(MiniObject *key) {
    if (MiniObject_TypeCheck(key, &ContextVar_Type)) return 0;
    MiniErr_Format(MiniExc_TypeError, "a ContextVar key was expected, got %R", key);
    return -1;
}

static MiniObject *context_subscript(MiniObject *self, MiniObject *key) {
    if (check_var(key) < 0) return NULL;
    MiniObject *v = MiniDict_GetItem(((ContextObject *)self)->vars, key);
    if (v == NULL) { MiniErr_SetObject(MiniExc_KeyError, key); return NULL; }
    return Mini_NewRef(v);
}

static int context_contains(MiniObject *self, MiniObject *key) {
    if (check_var(key) < 0) return -1;
    return MiniDict_GetItem(((ContextObject *)self)->vars, key) != NULL;
}

static Mini_ssize_t context_length(MiniObject *self) { return MiniDict_Size(((ContextObject *)self)->vars); }

static MiniObject *context_iter(MiniObject *self) { return MiniObject_GetIter(((ContextObject *)self)->vars); }

/* run(callable, *args, **kwargs): calls it with this context current. */
static MiniObject *context_run(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    if (MiniTuple_GET_SIZE(args) < 1)
        return MiniErr_Format(MiniExc_TypeError, "run() missing 1 required positional argument");
    MiniObject *saved, *rest = MiniTuple_GetSlice(args, 1, MiniTuple_GET_SIZE(args));
    if (rest == NULL) return NULL;
    if (_MiniContext_Enter(self, &saved) < 0) { Mini_DECREF(rest); return NULL; }
    MiniObject *r = MiniObject_Call(MiniTuple_GET_ITEM(args, 0), rest, kwargs);
    _MiniContext_Exit(self, saved);
    Mini_DECREF(rest);
    return r;
}

static MiniObject *context_copy(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return context_with_vars(((ContextObject *)self)->vars);
}

/* get(var, default=None) */
static MiniObject *context_get(MiniObject *self, MiniObject *args) {
    MiniObject *key, *dflt = Mini_None;
    if (!MiniArg_UnpackTuple(args, "get", 1, 2, &key, &dflt) || check_var(key) < 0) return NULL;
    MiniObject *v = MiniDict_GetItem(((ContextObject *)self)->vars, key);
    return Mini_NewRef(v != NULL ? v : dflt);
}

static MiniObject *context_keys(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return MiniDict_Keys(((ContextObject *)self)->vars);
}

static MiniObject *context_values(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return MiniDict_Values(((ContextObject *)self)->vars);
}

static MiniObject *context_items(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return MiniDict_Items(((ContextObject *)self)->vars);
}

static MiniMethodDef context_methods[] = {
    {"run", _MiniCFunction_CAST(context_run), MINI_METH_VARARGS | MINI_METH_KEYWORDS, "run(callable, *args, **kwargs) in this context"},
    {"copy", context_copy, MINI_METH_NOARGS, "a shallow copy of the context"},
    {"get", context_get, MINI_METH_VARARGS, "get(var, default=None)"},
    {"keys", context_keys, MINI_METH_NOARGS, "the variables set in the context"},
    {"values", context_values, MINI_METH_NOARGS, "their values"},
    {"items", context_items, MINI_METH_NOARGS, "(variable, value) pairs"},
    {NULL, NULL, 0, NULL},
};

static MiniMappingMethods context_as_mapping = { .mp_length = context_length, .mp_subscript = context_subscript };
static MiniSequenceMethods context_as_sequence = { .sq_contains = context_contains };

static MiniTypeObject Context_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_contextvars.Context",
    .tp_basicsize = sizeof(ContextObject),
    .tp_dealloc = context_dealloc,
    .tp_as_mapping = &context_as_mapping,
    .tp_as_sequence = &context_as_sequence,
    .tp_iter = context_iter,
    .tp_methods = context_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = context_traverse,
    .tp_clear = context_clear,
    .tp_doc = "A mapping of context variables to their values.",
    .tp_new = context_new,
};

/* ----- ContextVar ---------------------------------------------------------------------------- */

static MiniObject *var_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"name", "default", NULL};
    MiniObject *name, *dflt = NULL;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|$O:ContextVar", keywords, &name, &dflt)) return NULL;
    if (!MiniUnicode_Check(name)) return MiniErr_Format(MiniExc_TypeError, "context variable name must be a str");
    ContextVarObject *v = (ContextVarObject *)MiniObject_New(type);
    if (v == NULL) return NULL;
    v->name = Mini_NewRef(name);
    v->default_value = Mini_XNewRef(dflt);
    return (MiniObject *)v;
}

static void var_dealloc(MiniObject *self) {
    ContextVarObject *v = (ContextVarObject *)self;
    Mini_CLEAR(v->name);
    Mini_CLEAR(v->default_value);
    MiniObject_Free(self);
}

static int var_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((ContextVarObject *)self)->default_value);
    return 0;
}

static int var_clear(MiniObject *self) {
    Mini_CLEAR(((ContextVarObject *)self)->default_value);
    return 0;
}

/* get([default]): the value in the current context, else default, else the variable's default,
 * else LookupError(var). */
static MiniObject *var_get(MiniObject *self, MiniObject *args) {
    MiniObject *dflt = NULL;
    if (!MiniArg_UnpackTuple(args, "get", 0, 1, &dflt)) return NULL;
    ContextObject *c = current_context();
    if (c == NULL) return NULL;
    MiniObject *v = MiniDict_GetItem(c->vars, self);
    if (v == NULL) v = dflt;
    if (v == NULL) v = ((ContextVarObject *)self)->default_value;
    if (v == NULL) { MiniErr_SetObject(MiniExc_LookupError, self); return NULL; }
    return Mini_NewRef(v);
}

/* set(value) -> Token: a new mapping with the value replaces the current context's. */
static MiniObject *var_set(MiniObject *self, MiniObject *value) {
    ContextObject *c = current_context();
    if (c == NULL) return NULL;
    MiniObject *vars = MiniDict_Copy(c->vars);
    if (vars == NULL) return NULL;
    if (MiniDict_SetItem(vars, self, value) < 0) { Mini_DECREF(vars); return NULL; }
    TokenObject *t = (TokenObject *)MiniObject_New(&Token_Type);
    if (t == NULL) { Mini_DECREF(vars); return NULL; }
    t->ctx = Mini_NewRef((MiniObject *)c);
    t->var = Mini_NewRef(self);
    t->old = Mini_XNewRef(MiniDict_GetItem(c->vars, self));
    Mini_SETREF(c->vars, vars);
    return (MiniObject *)t;
}

/* reset(token): the value the variable had before the set that made token. */
static MiniObject *var_reset(MiniObject *self, MiniObject *tok) {
    if (!MiniObject_TypeCheck(tok, &Token_Type))
        return MiniErr_Format(MiniExc_TypeError, "expected an instance of Token, got %R", tok);
    TokenObject *t = (TokenObject *)tok;
    if (t->used) return MiniErr_Format(MiniExc_RuntimeError, "%R has already been used once", tok);
    if (t->var != self) return MiniErr_Format(MiniExc_ValueError, "%R was created by a different ContextVar", tok);
    ContextObject *c = current_context();
    if (c == NULL) return NULL;
    if ((MiniObject *)c != t->ctx) return MiniErr_Format(MiniExc_ValueError, "%R was created in a different Context", tok);
    MiniObject *vars = MiniDict_Copy(c->vars);
    if (vars == NULL) return NULL;
    int r = t->old != NULL ? MiniDict_SetItem(vars, self, t->old)
                           : (MiniDict_GetItem(vars, self) != NULL ? MiniDict_DelItem(vars, self) : 0);
    if (r < 0) { Mini_DECREF(vars); return NULL; }
    Mini_SETREF(c->vars, vars);
    t->used = 1;
    Mini_RETURN_NONE;
}

static MiniObject *var_repr(MiniObject *self) {
    ContextVarObject *v = (ContextVarObject *)self;
    if (v->default_value != NULL)
        return MiniUnicode_FromFormat("<ContextVar name=%R default=%R at %p>", v->name, v->default_value, self);
    return MiniUnicode_FromFormat("<ContextVar name=%R at %p>", v->name, self);
}

static MiniObject *var_get_name(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((ContextVarObject *)self)->name);
}

static MiniObject *var_class_getitem(MiniObject *cls, MiniObject *item) {
    (void)item;
    return Mini_NewRef(cls);
}

static MiniMethodDef var_methods[] = {
    {"get", var_get, MINI_METH_VARARGS, "get([default]): the variable's value in the current context"},
    {"set", var_set, MINI_METH_O, "set(value) -> Token: set the value in the current context"},
    {"reset", var_reset, MINI_METH_O, "reset(token): restore the value before the set that made token"},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef var_getset[] = {
    {"name", var_get_name, NULL, "the variable's name", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniTypeObject ContextVar_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_contextvars.ContextVar",
    .tp_basicsize = sizeof(ContextVarObject),
    .tp_dealloc = var_dealloc,
    .tp_repr = var_repr,
    .tp_methods = var_methods,
    .tp_getset = var_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = var_traverse,
    .tp_clear = var_clear,
    .tp_doc = "ContextVar(name, *, default): a variable whose value depends on the current context.",
    .tp_new = var_new,
};

/* ----- Token --------------------------------------------------------------------------------- */

static void token_dealloc(MiniObject *self) {
    TokenObject *t = (TokenObject *)self;
    Mini_CLEAR(t->ctx);
    Mini_CLEAR(t->var);
    Mini_CLEAR(t->old);
    MiniObject_Free(self);
}

static int token_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    TokenObject *t = (TokenObject *)self;
    Mini_VISIT(t->ctx);
    Mini_VISIT(t->var);
    Mini_VISIT(t->old);
    return 0;
}

static int token_clear(MiniObject *self) {
    TokenObject *t = (TokenObject *)self;
    Mini_CLEAR(t->ctx);
    Mini_CLEAR(t->old);
    return 0;
}

static MiniObject *token_repr(MiniObject *self) {
    TokenObject *t = (TokenObject *)self;
    return MiniUnicode_FromFormat("<Token%s var=%R at %p>", t->used ? " used" : "", t->var, self);
}

static MiniObject *token_get_var(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((TokenObject *)self)->var);
}

static MiniObject *token_get_old(MiniObject *self, void *c) {
    (void)c;
    MiniObject *old = ((TokenObject *)self)->old;
    return Mini_NewRef(old != NULL ? old : token_missing);
}

static MiniGetSetDef token_getset[] = {
    {"var", token_get_var, NULL, "the ContextVar the token was made by", NULL},
    {"old_value", token_get_old, NULL, "the value before the set, or Token.MISSING", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniObject *token_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)type; (void)args; (void)kwargs;
    return MiniErr_Format(MiniExc_RuntimeError, "Tokens can only be created by ContextVars");
}

static MiniTypeObject Token_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_contextvars.Token",
    .tp_basicsize = sizeof(TokenObject),
    .tp_dealloc = token_dealloc,
    .tp_repr = token_repr,
    .tp_getset = token_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = token_traverse,
    .tp_clear = token_clear,
    .tp_doc = "What ContextVar.set returns: ContextVar.reset(token) undoes that set.",
    .tp_new = token_new,
};

/* Token.MISSING: the marker old_value gives when the variable had no value. */
static MiniObject *missing_repr(MiniObject *self) {
    (void)self;
    return MiniUnicode_FromString("<Token.MISSING>");
}

static MiniTypeObject Missing_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "Token.MISSING",
    .tp_basicsize = sizeof(MiniObject),
    .tp_repr = missing_repr,
};

/* ----- the module ------------------------------------------------------------------------------ */

static MiniObject *cv_copy_context(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return _MiniContext_Copy();
}

static MiniMethodDef contextvars_functions[] = {
    {"copy_context", cv_copy_context, MINI_METH_NOARGS, "copy_context() -> a copy of the current Context"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef contextvars_module = {
    MiniModuleDef_HEAD_INIT, "contextvars",
    "Context variables (PEP 567): values that follow the current thread or asyncio task.",
    0, contextvars_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

static MiniMethodDef var_class_getitem_def = {
    "__class_getitem__", var_class_getitem, MINI_METH_O, "ContextVar[T] in annotations: the class itself."};

MiniObject *MiniInit_contextvars(void) {
    MiniTypeObject *types[] = {&Context_Type, &ContextVar_Type, &Token_Type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (MiniType_Ready(types[i]) < 0) return NULL;
    if (token_missing == NULL) {
        if (MiniType_Ready(&Missing_Type) < 0) return NULL;
        token_missing = MiniObject_New(&Missing_Type);   /* kept for the process's life */
        if (token_missing == NULL) return NULL;
        if (MiniDict_SetItemString(Token_Type.tp_dict, "MISSING", token_missing) < 0) return NULL;
        MiniObject *fn = MiniCFunction_NewEx(&var_class_getitem_def, (MiniObject *)&ContextVar_Type, NULL);
        if (fn == NULL || MiniDict_SetItemString(ContextVar_Type.tp_dict, "__class_getitem__", fn) < 0) {
            Mini_XDECREF(fn);
            return NULL;
        }
        Mini_DECREF(fn);
    }
    MiniObject *m = MiniModule_Create(&contextvars_module);
    if (m == NULL) return NULL;
    if (MiniModule_AddObjectRef(m, "Context", (MiniObject *)&Context_Type) < 0 ||
        MiniModule_AddObjectRef(m, "ContextVar", (MiniObject *)&ContextVar_Type) < 0 ||
        MiniModule_AddObjectRef(m, "Token", (MiniObject *)&Token_Type) < 0) {
        MiniModule_ClearNamespace(m);
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}
