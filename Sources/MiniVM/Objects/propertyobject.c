/* Objects/propertyobject.c: the builtins property, staticmethod and classmethod, written as C types that
 * use the descriptor slots tp_descr_get / tp_descr_set. Attribute lookup (MiniObject_Generic*Attr
 * for instances, the type's own getattro for classes) finds one of these in a class dict and
 * lets it decide what the attribute means:
 *   property      a data descriptor: reading, assigning and deleting the attribute on an
 *                 instance call fget / fset / fdel; read on the class it gives the property;
 *   staticmethod  gives the wrapped callable unchanged, from the class or an instance;
 *   classmethod   binds the wrapped callable to the class (the instance's type when looked up
 *                 on an instance), so it receives the class as its first argument.
 * Error messages mirror CPython 3.11. Everything here requires the GIL. They live with the VM
 * because classmethod binds through the VM's bound-method type; the builtins
 * (Python/builtins_lib.c, _MiniLib_InitDescriptors) ready them and bind their names. */
#include "vm_internal.h"
#include "lib_internal.h"

#include <stddef.h>

/* ----- property -------------------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniObject *fget, *fset, *fdel;  /* owned or NULL (None given to the constructor is NULL) */
    MiniObject *doc;                 /* owned or NULL */
    MiniObject *name;                /* owned or NULL: the attribute name given by __set_name__ */
} PropertyObject;

static MiniObject *none_to_null(MiniObject *o) { return o == Mini_None ? NULL : o; }

/* A new property of the given type holding (new references to) the four callables / doc. When
 * doc is absent the getter's __doc__ is used, as CPython does. */
static MiniObject *property_make(MiniTypeObject *type, MiniObject *fget, MiniObject *fset, MiniObject *fdel,
                                 MiniObject *doc, MiniObject *name) {
    PropertyObject *p = MiniObject_NEW(PropertyObject, type);
    if (p == NULL) return NULL;
    p->fget = Mini_XNewRef(none_to_null(fget));
    p->fset = Mini_XNewRef(none_to_null(fset));
    p->fdel = Mini_XNewRef(none_to_null(fdel));
    p->doc = Mini_XNewRef(none_to_null(doc));
    p->name = Mini_XNewRef(name);
    if (p->doc == NULL && p->fget != NULL) {
        MiniObject *d = MiniObject_GetAttrString(p->fget, "__doc__");
        if (d == NULL) MiniErr_Clear();
        else if (d == Mini_None) Mini_DECREF(d);
        else p->doc = d;
    }
    return (MiniObject *)p;
}

static MiniObject *property_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    static char *kwlist[] = {"fget", "fset", "fdel", "doc", NULL};
    MiniObject *fget = NULL, *fset = NULL, *fdel = NULL, *doc = NULL;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|OOOO:property", kwlist, &fget, &fset, &fdel, &doc))
        return NULL;
    return property_make(type, fget, fset, fdel, doc, NULL);
}

/* The cycle collector's slots: a property's functions usually close over their class. */
static int property_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    PropertyObject *p = (PropertyObject *)self;
    Mini_VISIT(p->fget);
    Mini_VISIT(p->fset);
    Mini_VISIT(p->fdel);
    Mini_VISIT(p->doc);
    Mini_VISIT(p->name);
    return 0;
}

static int property_clear(MiniObject *self) {
    PropertyObject *p = (PropertyObject *)self;
    Mini_CLEAR(p->fget);
    Mini_CLEAR(p->fset);
    Mini_CLEAR(p->fdel);
    Mini_CLEAR(p->doc);
    return 0;
}

static void property_dealloc(MiniObject *self) {
    PropertyObject *p = (PropertyObject *)self;
    Mini_CLEAR(p->fget);
    Mini_CLEAR(p->fset);
    Mini_CLEAR(p->fdel);
    Mini_CLEAR(p->doc);
    Mini_CLEAR(p->name);
    MiniObject_Free(self);
}

/* AttributeError "property 'p' of 'A' object has no <what>" (without the name when the property
 * was never given one: CPython 3.11 takes it from __set_name__ only). The interpreter does not
 * call __set_name__ when it builds a class, so a property made from a getter falls back to the
 * getter's __name__, which is the same name in the usual `@property def p` form. */
static void property_missing(PropertyObject *p, MiniObject *obj, const char *what) {
    MiniObject *name = p->name != NULL ? Mini_NewRef(p->name) : NULL;
    if (name == NULL && p->fget != NULL) {
        name = MiniObject_GetAttrString(p->fget, "__name__");
        if (name == NULL) MiniErr_Clear();
        else if (!MiniUnicode_Check(name)) Mini_CLEAR(name);
    }
    const char *tname = MiniType_Name(Mini_TYPE(obj));
    if (name != NULL) {
        MiniErr_Format(MiniExc_AttributeError, "property %R of '%.100s' object has no %s", name, tname, what);
        Mini_DECREF(name);
    } else {
        MiniErr_Format(MiniExc_AttributeError, "property of '%.100s' object has no %s", tname, what);
    }
}

static MiniObject *property_get(MiniObject *self, MiniObject *obj, MiniObject *type) {
    (void)type;
    PropertyObject *p = (PropertyObject *)self;
    if (obj == NULL || obj == Mini_None) return Mini_NewRef(self);
    if (p->fget == NULL) {
        property_missing(p, obj, "getter");
        return NULL;
    }
    return MiniObject_CallOneArg(p->fget, obj);
}

static int property_set(MiniObject *self, MiniObject *obj, MiniObject *value) {
    PropertyObject *p = (PropertyObject *)self;
    MiniObject *func = value == NULL ? p->fdel : p->fset, *res;
    if (func == NULL) {
        property_missing(p, obj, value == NULL ? "deleter" : "setter");
        return -1;
    }
    if (value == NULL) res = MiniObject_CallOneArg(func, obj);
    else res = MiniObject_CallFunctionObjArgs(func, obj, value, NULL);
    if (res == NULL) return -1;
    Mini_DECREF(res);
    return 0;
}

/* p.getter(f) / p.setter(f) / p.deleter(f): a copy of p with one callable replaced. */
static MiniObject *property_copy(MiniObject *self, int which, MiniObject *func) {
    PropertyObject *p = (PropertyObject *)self;
    MiniObject *fget = which == 0 ? func : p->fget;
    MiniObject *fset = which == 1 ? func : p->fset;
    MiniObject *fdel = which == 2 ? func : p->fdel;
    /* A doc taken from the old getter follows the new getter, as in CPython. */
    MiniObject *doc = which == 0 ? NULL : p->doc;
    return property_make(Mini_TYPE(self), fget, fset, fdel, doc, p->name);
}

static MiniObject *property_getter(MiniObject *self, MiniObject *f) { return property_copy(self, 0, f); }
static MiniObject *property_setter(MiniObject *self, MiniObject *f) { return property_copy(self, 1, f); }
static MiniObject *property_deleter(MiniObject *self, MiniObject *f) { return property_copy(self, 2, f); }

static MiniObject *property_set_name(MiniObject *self, MiniObject *args) {
    MiniObject *owner, *name;
    if (!MiniArg_UnpackTuple(args, "__set_name__", 2, 2, &owner, &name)) return NULL;
    (void)owner;
    Mini_INCREF(name);
    Mini_SETREF(((PropertyObject *)self)->name, name);
    Mini_RETURN_NONE;
}

static MiniMethodDef property_methods[] = {
    {"getter", (MiniCFunction)property_getter, MINI_METH_O, "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", (MiniCFunction)property_setter, MINI_METH_O, "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", (MiniCFunction)property_deleter, MINI_METH_O, "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", (MiniCFunction)property_set_name, MINI_METH_VARARGS, "Method to set name of a property."},
    {NULL, NULL, 0, NULL},
};

/* Read-only views of the stored callables: None when absent. */
static MiniObject *field_or_none(MiniObject *o) { return Mini_NewRef(o != NULL ? o : Mini_None); }
static MiniObject *property_get_fget(MiniObject *self, void *c) { (void)c; return field_or_none(((PropertyObject *)self)->fget); }
static MiniObject *property_get_fset(MiniObject *self, void *c) { (void)c; return field_or_none(((PropertyObject *)self)->fset); }
static MiniObject *property_get_fdel(MiniObject *self, void *c) { (void)c; return field_or_none(((PropertyObject *)self)->fdel); }
static MiniObject *property_get_doc(MiniObject *self, void *c) { (void)c; return field_or_none(((PropertyObject *)self)->doc); }

static MiniGetSetDef property_getset[] = {
    {"fget", property_get_fget, NULL, NULL, NULL},
    {"fset", property_get_fset, NULL, NULL, NULL},
    {"fdel", property_get_fdel, NULL, NULL, NULL},
    {"__doc__", property_get_doc, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MiniTypeObject MiniProperty_Type = {
    MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "property",
    .tp_basicsize = sizeof(PropertyObject),
    .tp_dealloc = property_dealloc,
    .tp_methods = property_methods,
    .tp_getset = property_getset,
    .tp_doc = "Property attribute.",
    .tp_new = property_new,
    .tp_descr_get = property_get,
    .tp_descr_set = property_set,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = property_traverse,
    .tp_clear = property_clear,
};

/* ----- staticmethod and classmethod ---------------------------------------------------------- */

/* Both wrap one callable; they differ only in what tp_descr_get does with it. */
typedef struct {
    MiniObject_HEAD
    MiniObject *func;   /* owned */
} WrapperObject;

static MiniObject *wrapper_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    const char *name = MiniType_Name(type);
    if (kwargs != NULL && MiniDict_Size(kwargs) > 0)
        return MiniErr_Format(MiniExc_TypeError, "%s() takes no keyword arguments", name);
    MiniObject *func;
    if (!MiniArg_UnpackTuple(args, name, 1, 1, &func)) return NULL;
    WrapperObject *w = MiniObject_NEW(WrapperObject, type);
    if (w == NULL) return NULL;
    w->func = Mini_NewRef(func);
    return (MiniObject *)w;
}

static void wrapper_dealloc(MiniObject *self) {
    Mini_CLEAR(((WrapperObject *)self)->func);
    MiniObject_Free(self);
}

static int wrapper_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((WrapperObject *)self)->func);
    return 0;
}

static MiniObject *wrapper_repr(MiniObject *self) {
    return MiniUnicode_FromFormat("<%s(%R)>", MiniType_Name(Mini_TYPE(self)), ((WrapperObject *)self)->func);
}

static MiniObject *wrapper_get_func(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((WrapperObject *)self)->func);
}

static MiniGetSetDef wrapper_getset[] = {
    {"__func__", wrapper_get_func, NULL, NULL, NULL},
    {"__wrapped__", wrapper_get_func, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniObject *staticmethod_get(MiniObject *self, MiniObject *obj, MiniObject *type) {
    (void)obj; (void)type;
    return Mini_NewRef(((WrapperObject *)self)->func);
}

/* Since Python 3.10 a staticmethod object is itself callable. */
static MiniObject *staticmethod_call(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    return MiniObject_Call(((WrapperObject *)self)->func, args, kwargs);
}

static MiniObject *classmethod_get(MiniObject *self, MiniObject *obj, MiniObject *type) {
    if (type == NULL) type = (MiniObject *)Mini_TYPE(obj);
    return _MiniMethod_New(((WrapperObject *)self)->func, type);
}

MiniTypeObject MiniStaticMethod_Type = {
    MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "staticmethod",
    .tp_basicsize = sizeof(WrapperObject),
    .tp_dealloc = wrapper_dealloc,
    .tp_repr = wrapper_repr,
    .tp_call = staticmethod_call,
    .tp_getset = wrapper_getset,
    .tp_doc = "Convert a function to be a static method.",
    .tp_new = wrapper_new,
    .tp_descr_get = staticmethod_get,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = wrapper_traverse,
};

MiniTypeObject MiniClassMethod_Type = {
    MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "classmethod",
    .tp_basicsize = sizeof(WrapperObject),
    .tp_dealloc = wrapper_dealloc,
    .tp_repr = wrapper_repr,
    .tp_getset = wrapper_getset,
    .tp_doc = "Convert a function to be a class method.",
    .tp_new = wrapper_new,
    .tp_descr_get = classmethod_get,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = wrapper_traverse,
};
