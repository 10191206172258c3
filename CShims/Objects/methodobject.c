/* Objects/methodobject.c: the builtin_function_or_method type, which turns a C function described by a
 * MiniMethodDef into a callable object. The object binds the definition to a "self" (the module
 * for module functions, the instance for methods, or nothing) and, when called, checks the
 * arguments against the calling convention in ml_flags before calling the C function, with
 * CPython's messages ("f() takes no arguments (1 given)", "f() takes exactly one argument (2
 * given)", "f() takes no keyword arguments"). Every function requires the GIL. */
#include "mini.h"

#include <stdio.h>
#include <string.h>

/* The name used in call errors, as CPython's _PyObject_FunctionStr: "Type.name" for methods of
 * an instance, "module.name" for module functions, "name" otherwise. Writes into buf. */
static void function_label(MiniCFunctionObject *f, char *buf, size_t size)
{
    const char *name = f->m_ml->ml_name;
    MiniObject *self = f->m_self;
    if (self != NULL && !MiniModule_Check(self)) {
        snprintf(buf, size, "%.100s.%.100s", MiniType_Name(Mini_TYPE(self)), name);
        return;
    }
    if (f->m_module != NULL && MiniUnicode_Check(f->m_module)) {
        const char *module = MiniUnicode_AsUTF8(f->m_module);
        if (module != NULL && strcmp(module, "builtins") != 0) {
            snprintf(buf, size, "%.100s.%.100s", module, name);
            return;
        }
        if (module == NULL) MiniErr_Clear();
    }
    snprintf(buf, size, "%.200s", name);
}

/* New reference to a callable that calls ml->ml_meth with self (borrowed here, then owned by
 * the function object; may be NULL) as its first argument. module (borrowed, may be NULL) is
 * the defining module's name, kept for repr and messages. NULL with SystemError for a NULL ml
 * or a table entry without a name or function, MemoryError when allocation fails. Requires the
 * GIL. */
MiniObject *MiniCFunction_NewEx(MiniMethodDef *ml, MiniObject *self, MiniObject *module)
{
    MINI_CHECK_GIL("MiniCFunction_NewEx");
    if (ml == NULL || ml->ml_name == NULL || ml->ml_meth == NULL) {
        MiniErr_BadInternalCall();
        return NULL;
    }
    if (self != NULL) MINI_CHECK_OBJECT(self, "MiniCFunction_NewEx");
    if (module != NULL) MINI_CHECK_OBJECT(module, "MiniCFunction_NewEx");
    MiniCFunctionObject *f = MiniObject_NEW(MiniCFunctionObject, &MiniCFunction_Type);
    if (f == NULL) return NULL;
    f->m_ml = ml;
    f->m_self = Mini_XNewRef(self);
    f->m_module = Mini_XNewRef(module);
    return (MiniObject *)f;
}

/* The cycle collector's slot: the bound instance (a list's bound append stored in the list). */
static int cfunction_traverse(MiniObject *op, Mini_visitproc visit, void *arg)
{
    Mini_VISIT(((MiniCFunctionObject *)op)->m_self);
    Mini_VISIT(((MiniCFunctionObject *)op)->m_module);
    return 0;
}

static void cfunction_dealloc(MiniObject *op)
{
    MiniCFunctionObject *f = (MiniCFunctionObject *)op;
    Mini_CLEAR(f->m_self);
    Mini_CLEAR(f->m_module);
    MiniObject_Free(op);
}

/* Dispatches a call on the calling convention in ml_flags. */
static MiniObject *cfunction_call(MiniObject *op, MiniObject *args, MiniObject *kwargs)
{
    MiniCFunctionObject *f = (MiniCFunctionObject *)op;
    MiniMethodDef *ml = f->m_ml;
    int flags = ml->ml_flags & (MINI_METH_VARARGS | MINI_METH_KEYWORDS | MINI_METH_NOARGS | MINI_METH_O |
                                MINI_METH_FASTCALL);
    int has_kwargs = kwargs != NULL && MiniDict_Size(kwargs) > 0;
    Mini_ssize_t nargs = MiniTuple_GET_SIZE(args);
    char label[220];

    if (flags == (MINI_METH_VARARGS | MINI_METH_KEYWORDS)) {
        MiniCFunctionWithKeywords meth = (MiniCFunctionWithKeywords)(void (*)(void))ml->ml_meth;
        return meth(f->m_self, args, has_kwargs ? kwargs : NULL);
    }
    if (flags != MINI_METH_VARARGS && flags != MINI_METH_NOARGS && flags != MINI_METH_O &&
        flags != MINI_METH_FASTCALL) {
        function_label(f, label, sizeof label);
        MiniErr_Format(MiniExc_SystemError, "%s() method: bad call flags 0x%x", label,
                       (unsigned)ml->ml_flags);
        return NULL;
    }
    if (has_kwargs) {
        function_label(f, label, sizeof label);
        MiniErr_Format(MiniExc_TypeError, "%s() takes no keyword arguments", label);
        return NULL;
    }
    switch (flags) {
    case MINI_METH_VARARGS:
        return ml->ml_meth(f->m_self, args);
    case MINI_METH_FASTCALL:
        return ((MiniCFunctionFast)(void (*)(void))ml->ml_meth)(f->m_self, &MiniTuple_GET_ITEM(args, 0), nargs);
    case MINI_METH_NOARGS:
        if (nargs != 0) {
            function_label(f, label, sizeof label);
            MiniErr_Format(MiniExc_TypeError, "%s() takes no arguments (%zd given)", label, nargs);
            return NULL;
        }
        return ml->ml_meth(f->m_self, NULL);
    default: /* MINI_METH_O */
        if (nargs != 1) {
            function_label(f, label, sizeof label);
            MiniErr_Format(MiniExc_TypeError, "%s() takes exactly one argument (%zd given)",
                           label, nargs);
            return NULL;
        }
        return ml->ml_meth(f->m_self, MiniTuple_GET_ITEM(args, 0));
    }
}

/* <built-in function name>, or <built-in method name of matrix object at 0x...> when bound to
 * an instance. */
static MiniObject *cfunction_repr(MiniObject *op)
{
    MiniCFunctionObject *f = (MiniCFunctionObject *)op;
    char buf[300];
    if (f->m_self == NULL || MiniModule_Check(f->m_self)) {
        snprintf(buf, sizeof buf, "<built-in function %.200s>", f->m_ml->ml_name);
    } else {
        snprintf(buf, sizeof buf, "<built-in method %.100s of %.100s object at %p>",
                 f->m_ml->ml_name, MiniType_Name(Mini_TYPE(f->m_self)), (void *)f->m_self);
    }
    return MiniUnicode_FromString(buf);
}

static MiniObject *cfunction_get_name(MiniObject *op, void *closure)
{
    (void)closure;
    return MiniUnicode_FromString(((MiniCFunctionObject *)op)->m_ml->ml_name);
}

static MiniObject *cfunction_get_qualname(MiniObject *op, void *closure)
{
    (void)closure;
    MiniCFunctionObject *f = (MiniCFunctionObject *)op;
    if (f->m_self == NULL || MiniModule_Check(f->m_self)) return MiniUnicode_FromString(f->m_ml->ml_name);
    char buf[220];
    snprintf(buf, sizeof buf, "%.100s.%.100s", MiniType_Name(Mini_TYPE(f->m_self)), f->m_ml->ml_name);
    return MiniUnicode_FromString(buf);
}

static MiniObject *cfunction_get_doc(MiniObject *op, void *closure)
{
    (void)closure;
    const char *doc = ((MiniCFunctionObject *)op)->m_ml->ml_doc;
    if (doc == NULL) Mini_RETURN_NONE;
    return MiniUnicode_FromString(doc);
}

static MiniObject *cfunction_get_self(MiniObject *op, void *closure)
{
    (void)closure;
    MiniObject *self = ((MiniCFunctionObject *)op)->m_self;
    return Mini_NewRef(self != NULL ? self : Mini_None);
}

static MiniObject *cfunction_get_module(MiniObject *op, void *closure)
{
    (void)closure;
    MiniObject *module = ((MiniCFunctionObject *)op)->m_module;
    return Mini_NewRef(module != NULL ? module : Mini_None);
}

static MiniGetSetDef cfunction_getset[] = {
    {"__name__", cfunction_get_name, NULL, "the function's name", NULL},
    {"__qualname__", cfunction_get_qualname, NULL, "the qualified name (Type.name for methods)", NULL},
    {"__doc__", cfunction_get_doc, NULL, "the docstring, or None", NULL},
    {"__self__", cfunction_get_self, NULL, "the bound module or instance, or None", NULL},
    {"__module__", cfunction_get_module, NULL, "the defining module's name, or None", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MiniTypeObject MiniCFunction_Type = {
    MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(MiniCFunctionObject),
    .tp_dealloc = cfunction_dealloc,
    .tp_repr = cfunction_repr,
    .tp_call = cfunction_call,
    .tp_getset = cfunction_getset,
    .tp_doc = "A C function bound to a module or an instance.",
    .tp_flags = MINI_TPFLAGS_HAVE_GC | MINI_TPFLAGS_WEAKREFABLE,
    .tp_traverse = cfunction_traverse,
};
