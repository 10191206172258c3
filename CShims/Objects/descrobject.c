/* Objects/descrobject.c: the descriptors MiniType_Ready puts in type dicts.
 *
 * A method descriptor wraps one MiniMethodDef of a type's tp_methods: looked up on an instance
 * it binds to it (a builtin method, MiniCFunction_NewEx(ml, instance, NULL)); looked up on the
 * type it is returned as is, and calling it then takes the instance as the first argument
 * (list.append(l, x)). A getset descriptor wraps a MiniGetSetDef: it is a data descriptor, so
 * it wins over the instance __dict__; a missing setter makes the attribute read-only. A class
 * method descriptor (dict.fromkeys) binds to the class it is looked up through. */
#include "mini.h"
#include "objimpl_internal.h"

typedef struct {
    MiniObject_HEAD
    MiniTypeObject *d_type;     /* borrowed: the descriptor lives in d_type's dict */
    MiniMethodDef *d_method;
} MiniMethodDescrObject;

typedef struct {
    MiniObject_HEAD
    MiniTypeObject *d_type;
    MiniGetSetDef *d_getset;
} MiniGetSetDescrObject;

MiniObject *_MiniDescr_NewMethod(MiniTypeObject *owner, MiniMethodDef *ml) {
    MiniMethodDescrObject *d = MiniObject_NEW(MiniMethodDescrObject, &MiniMethodDescr_Type);
    if (d == NULL) return NULL;
    d->d_type = owner;
    d->d_method = ml;
    return (MiniObject *)d;
}

MiniObject *_MiniDescr_NewGetSet(MiniTypeObject *owner, MiniGetSetDef *gs) {
    MiniGetSetDescrObject *d = MiniObject_NEW(MiniGetSetDescrObject, &MiniGetSetDescr_Type);
    if (d == NULL) return NULL;
    d->d_type = owner;
    d->d_getset = gs;
    return (MiniObject *)d;
}

/* TypeError unless obj is an instance of the descriptor's type. */
static int check_applies(MiniTypeObject *owner, const char *name, MiniObject *obj) {
    if (MiniObject_TypeCheck(obj, owner)) return 0;
    MiniErr_Format(MiniExc_TypeError, "descriptor '%s' for '%.100s' objects doesn't apply to a '%.100s' object",
                   name, owner->tp_name, Mini_TYPE(obj)->tp_name);
    return -1;
}

static MiniObject *method_get(MiniObject *self, MiniObject *obj, MiniObject *type) {
    (void)type;
    MiniMethodDescrObject *d = (MiniMethodDescrObject *)self;
    if (obj == NULL) return Mini_NewRef(self);
    if (check_applies(d->d_type, d->d_method->ml_name, obj) < 0) return NULL;
    return MiniCFunction_NewEx(d->d_method, obj, NULL);
}

static MiniObject *method_call(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniMethodDescrObject *d = (MiniMethodDescrObject *)self;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n < 1)
        return MiniErr_Format(MiniExc_TypeError, "unbound method %s.%s() needs an argument",
                              MiniType_Name(d->d_type), d->d_method->ml_name);
    MiniObject *bound = method_get(self, MiniTuple_GET_ITEM(args, 0), NULL);
    if (bound == NULL) return NULL;
    MiniObject *rest = MiniTuple_GetSlice(args, 1, n), *res = NULL;
    if (rest != NULL) res = MiniObject_Call(bound, rest, kwargs);
    Mini_XDECREF(rest);
    Mini_DECREF(bound);
    return res;
}

static MiniObject *method_repr(MiniObject *self) {
    MiniMethodDescrObject *d = (MiniMethodDescrObject *)self;
    return MiniUnicode_FromFormat("<method '%s' of '%s' objects>", d->d_method->ml_name,
                                  MiniType_Name(d->d_type));
}

static MiniObject *getset_get(MiniObject *self, MiniObject *obj, MiniObject *type) {
    (void)type;
    MiniGetSetDescrObject *d = (MiniGetSetDescrObject *)self;
    if (obj == NULL) return Mini_NewRef(self);
    if (check_applies(d->d_type, d->d_getset->name, obj) < 0) return NULL;
    if (d->d_getset->get == NULL)
        return MiniErr_Format(MiniExc_AttributeError, "attribute '%s' of '%.100s' objects is not readable",
                              d->d_getset->name, MiniType_Name(d->d_type));
    return d->d_getset->get(obj, d->d_getset->closure);
}

static int getset_set(MiniObject *self, MiniObject *obj, MiniObject *value) {
    MiniGetSetDescrObject *d = (MiniGetSetDescrObject *)self;
    if (check_applies(d->d_type, d->d_getset->name, obj) < 0) return -1;
    if (d->d_getset->set == NULL) {
        MiniErr_Format(MiniExc_AttributeError, "attribute '%s' of '%.100s' objects is not writable",
                       d->d_getset->name, MiniType_Name(d->d_type));
        return -1;
    }
    return d->d_getset->set(obj, value, d->d_getset->closure);
}

static MiniObject *getset_repr(MiniObject *self) {
    MiniGetSetDescrObject *d = (MiniGetSetDescrObject *)self;
    return MiniUnicode_FromFormat("<attribute '%s' of '%s' objects>", d->d_getset->name,
                                  MiniType_Name(d->d_type));
}

/* __name__, __qualname__ ('str.isalpha'), __doc__ and __objclass__ of a method descriptor, as
 * CPython's (programs print f.__name__ for str.isalpha and friends). */
static MiniObject *method_get_name(MiniObject *self, void *c) {
    (void)c;
    return MiniUnicode_FromString(((MiniMethodDescrObject *)self)->d_method->ml_name);
}
static MiniObject *method_get_qualname(MiniObject *self, void *c) {
    (void)c;
    MiniMethodDescrObject *d = (MiniMethodDescrObject *)self;
    return MiniUnicode_FromFormat("%s.%s", MiniType_Name(d->d_type), d->d_method->ml_name);
}
static MiniObject *method_get_doc(MiniObject *self, void *c) {
    (void)c;
    const char *doc = ((MiniMethodDescrObject *)self)->d_method->ml_doc;
    if (doc == NULL) Mini_RETURN_NONE;
    return MiniUnicode_FromString(doc);
}
static MiniObject *method_get_objclass(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef((MiniObject *)((MiniMethodDescrObject *)self)->d_type);
}

static MiniGetSetDef method_getset[] = {
    {"__name__", method_get_name, NULL, NULL, NULL},
    {"__qualname__", method_get_qualname, NULL, NULL, NULL},
    {"__doc__", method_get_doc, NULL, NULL, NULL},
    {"__objclass__", method_get_objclass, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MiniTypeObject MiniMethodDescr_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "method_descriptor",
    .tp_basicsize = sizeof(MiniMethodDescrObject),
    .tp_dealloc = MiniObject_Free,
    .tp_repr = method_repr,
    .tp_call = method_call,
    .tp_descr_get = method_get,
    .tp_getset = method_getset,
};

/* A class method of a C type (dict.fromkeys): looked up on the type, a subclass or an instance,
 * it gives a builtin method bound to the class it was looked up through (the instance's type),
 * so D.fromkeys(...) receives D. */
static MiniObject *classmethod_descr_get(MiniObject *self, MiniObject *obj, MiniObject *type) {
    MiniMethodDescrObject *d = (MiniMethodDescrObject *)self;
    if (type == NULL) type = (MiniObject *)Mini_TYPE(obj);
    return MiniCFunction_NewEx(d->d_method, type, NULL);
}

MiniObject *_MiniDescr_NewClassMethod(MiniTypeObject *owner, MiniMethodDef *ml) {
    MiniMethodDescrObject *d = MiniObject_NEW(MiniMethodDescrObject, &MiniClassMethodDescr_Type);
    if (d == NULL) return NULL;
    d->d_type = owner;
    d->d_method = ml;
    return (MiniObject *)d;
}

MiniTypeObject MiniClassMethodDescr_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "classmethod_descriptor",
    .tp_basicsize = sizeof(MiniMethodDescrObject),
    .tp_dealloc = MiniObject_Free,
    .tp_repr = method_repr,
    .tp_descr_get = classmethod_descr_get,
    .tp_getset = method_getset,
};

MiniTypeObject MiniGetSetDescr_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "getset_descriptor",
    .tp_basicsize = sizeof(MiniGetSetDescrObject),
    .tp_dealloc = MiniObject_Free,
    .tp_repr = getset_repr,
    .tp_descr_get = getset_get,
    .tp_descr_set = getset_set,
};
