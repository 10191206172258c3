/* Python/vmclass.c: the class statement and the objects that make classes behave like Python's.
 *
 * __build_class__(func, name, *bases, **kw) runs the class body with a fresh dict as its locals,
 * creates a heap type from that dict (single inheritance, including from exception classes),
 * fills the body's __class__ cell (for zero-argument super()), and maps the dunder methods the
 * class defines onto the type's C slots: __repr__/__str__/__hash__/comparisons/__call__/
 * __iter__/__next__/__len__/__getitem__/__setitem__/__delitem__/__contains__/__bool__/__init__/
 * __getattr__ and the arithmetic operators. Each slot function looks the dunder up on the type
 * when called, so subclasses and later assignments to the class are honoured.
 * Also here: super(), and "slot wrappers" that let super().__init__(...) and friends reach a C
 * base type's slots when the base has no such entry in its dict. */
#include "vm_internal.h"
#include "objimpl_internal.h"

#include <stdlib.h>
#include <string.h>

/* ----- classes made by the class statement ------------------------------------------------------------
 * Their tp_vm points into this array: the offset from its start is where, in an instance, the
 * tracking node the end-of-run sweep uses lives (there is no cycle collector, so the sweep
 * clears the instances and classes a script leaves behind in reference cycles). */
#define MAX_INSTANCE_SIZE 4096
static char py_class_markers[MAX_INSTANCE_SIZE];

int _MiniVM_IsPyClass(MiniTypeObject *type) {
    return type != NULL && (char *)type->tp_vm >= py_class_markers &&
           (char *)type->tp_vm < py_class_markers + MAX_INSTANCE_SIZE;
}

static MiniVMTracked *instance_node(MiniObject *o) {
    MiniTypeObject *t = Mini_TYPE(o);
    return (MiniVMTracked *)((char *)o + ((char *)t->tp_vm - py_class_markers));
}

/* tp_new of Python classes: the base type's allocation, then the instance is tracked. */
static MiniObject *instance_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    MiniTypeObject *b = type;
    while (b != NULL && b->tp_new == instance_new) b = b->tp_base;
    if (b == NULL || b->tp_new == NULL)
        return MiniErr_Format(MiniExc_TypeError, "cannot create '%.100s' instances", type->tp_name);
    MiniObject *o;
    if (b->tp_new == MiniBaseObject_Type.tp_new) {
        /* object.__new__'s rule (it would see a tp_new it does not know): arguments are fine
         * when the class has an __init__ to take them. */
        int excess = (args != NULL && MiniTuple_GET_SIZE(args) != 0) || (kwargs != NULL && MiniDict_Size(kwargs) != 0);
        if (excess && type->tp_init == MiniBaseObject_Type.tp_init)
            return MiniErr_Format(MiniExc_TypeError, "%.200s() takes no arguments", MiniType_Name(type));
        o = MiniType_GenericNew(type, args, kwargs);
    } else {
        o = b->tp_new(type, args, kwargs);
    }
    if (o != NULL && _MiniVM_IsPyClass(Mini_TYPE(o))) _MiniVM_Track(instance_node(o), o);
    return o;
}

/* tp_dealloc of Python classes: untrack, drop the __dict__ a heap type added, then let the
 * nearest static base release the rest (as typeobject.c's subtype_dealloc does). */
static void instance_dealloc(MiniObject *self) {
    MiniTypeObject *t = Mini_TYPE(self), *base = t;
    _MiniVM_Untrack(instance_node(self));
    while (base->tp_flags & MINI_TPFLAGS_HEAPTYPE) base = base->tp_base;
    if (t->tp_dictoffset != 0 && t->tp_dictoffset != base->tp_dictoffset) {
        MiniObject **dictptr = _MiniObject_DictPtr(self);
        Mini_CLEAR(*dictptr);
    }
    base->tp_dealloc(self);
}

int _MiniVM_SweepInstance(MiniObject *o) {
    MiniObject **dictptr = _MiniObject_DictPtr(o);
    if (dictptr == NULL || *dictptr == NULL || MiniDict_Size(*dictptr) == 0) return 0;
    MiniDict_Clear(*dictptr);
    return 1;
}

/* The classes created since a mark, kept so the sweep can empty their dicts. */
typedef struct { uint64_t serial; MiniObject *cls; } ClassEntry;
static ClassEntry *classes;
static Mini_ssize_t nclasses, classes_cap;

static int remember_class(MiniObject *cls) {
    if (nclasses == classes_cap) {
        Mini_ssize_t cap = classes_cap ? classes_cap * 2 : 16;
        ClassEntry *n = realloc(classes, (size_t)cap * sizeof *n);
        if (n == NULL) { MiniErr_NoMemory(); return -1; }
        classes = n;
        classes_cap = cap;
    }
    classes[nclasses].serial = MiniVM_Mark() + 1;
    classes[nclasses].cls = Mini_NewRef(cls);
    nclasses++;
    return 0;
}

void _MiniVM_SweepClasses(uint64_t mark) {
    Mini_ssize_t keep = 0;
    for (Mini_ssize_t i = 0; i < nclasses; i++) {
        if (classes[i].serial <= mark) { classes[keep++] = classes[i]; continue; }
        MiniTypeObject *t = (MiniTypeObject *)classes[i].cls;
        if (t->tp_dict != NULL) MiniDict_Clear(t->tp_dict);
        Mini_DECREF(classes[i].cls);
    }
    nclasses = keep;
    if (nclasses == 0) {
        free(classes);
        classes = NULL;
        classes_cap = 0;
    }
}

/* ----- calling dunders ------------------------------------------------------------------------------ */

MiniObject *_MiniVM_CallDunder(MiniObject *self, const char *cname, MiniObject *const *args,
                               Mini_ssize_t nargs, int *found) {
    MiniObject *name = MiniUnicode_InternFromString(cname);
    if (name == NULL) { if (found) *found = 1; return NULL; }
    MiniObject *descr = MiniType_Lookup(Mini_TYPE(self), name);
    Mini_DECREF(name);
    if (found) *found = descr != NULL;
    if (descr == NULL) return NULL;
    MiniObject *small[6], **buf = small;
    if (nargs + 1 > 6) {
        buf = MiniMem_Malloc((size_t)(nargs + 1) * sizeof(MiniObject *));
        if (buf == NULL) return MiniErr_NoMemory();
    }
    MiniObject *res;
    Mini_INCREF(descr);
    if (Mini_TYPE(descr) == &MiniFunction_Type || Mini_TYPE(descr) == &MiniMethodDescr_Type) {
        buf[0] = self;
        for (Mini_ssize_t i = 0; i < nargs; i++) buf[i + 1] = args[i];
        res = _MiniVM_Call(descr, buf, nargs + 1, NULL);
    } else if (Mini_TYPE(descr)->tp_descr_get != NULL) {
        MiniObject *bound = Mini_TYPE(descr)->tp_descr_get(descr, self, (MiniObject *)Mini_TYPE(self));
        res = bound ? _MiniVM_Call(bound, args, nargs, NULL) : NULL;
        Mini_XDECREF(bound);
    } else {
        res = _MiniVM_Call(descr, args, nargs, NULL);
    }
    Mini_DECREF(descr);
    if (buf != small) MiniMem_Free(buf);
    return res;
}

static MiniObject *call_dunder(MiniObject *self, const char *name, MiniObject *const *args, Mini_ssize_t nargs) {
    int found;
    MiniObject *res = _MiniVM_CallDunder(self, name, args, nargs, &found);
    if (!found && !MiniErr_Occurred())
        MiniErr_Format(MiniExc_AttributeError, "'%.100s' object has no attribute '%s'", Mini_TYPE(self)->tp_name, name);
    return res;
}

/* ----- slot functions ----------------------------------------------------------------------------------- */

static MiniObject *slot_repr(MiniObject *self) { return call_dunder(self, "__repr__", NULL, 0); }
static MiniObject *slot_str(MiniObject *self) { return call_dunder(self, "__str__", NULL, 0); }

static Mini_hash_t slot_hash(MiniObject *self) {
    MiniObject *r = call_dunder(self, "__hash__", NULL, 0);
    if (r == NULL) return -1;
    if (!MiniLong_Check(r)) {
        Mini_DECREF(r);
        MiniErr_SetString(MiniExc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    Mini_hash_t h = (Mini_hash_t)MiniLong_AsSsize_t(r);
    Mini_DECREF(r);
    if (h == -1 && MiniErr_Occurred()) return -1;
    return h == -1 ? -2 : h;
}

static Mini_hash_t slot_unhashable(MiniObject *self) {
    MiniErr_Format(MiniExc_TypeError, "unhashable type: '%.200s'", MiniType_Name(Mini_TYPE(self)));
    return -1;
}

static const char *const cmp_names[] = { "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__" };

static MiniObject *slot_richcompare(MiniObject *self, MiniObject *other, int op) {
    int found;
    MiniObject *res = _MiniVM_CallDunder(self, cmp_names[op], &other, 1, &found);
    if (found || MiniErr_Occurred()) return res;
    if (op == Mini_NE) {
        /* != defaults to the inverse of ==. */
        res = _MiniVM_CallDunder(self, "__eq__", &other, 1, &found);
        if (!found) Mini_RETURN_NOTIMPLEMENTED;
        if (res == NULL || res == Mini_NotImplemented) return res;
        int t = MiniObject_IsTrue(res);
        Mini_DECREF(res);
        return t < 0 ? NULL : MiniBool_FromLong(!t);
    }
    Mini_RETURN_NOTIMPLEMENTED;
}

static MiniObject *slot_call(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniObject *descr = MiniType_Lookup(Mini_TYPE(self), _MiniVM_Str.__call__);
    if (descr == NULL) return MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not callable", MiniType_Name(Mini_TYPE(self)));
    MiniObject **stack, *kwnames;
    Mini_ssize_t nargs;
    if (_MiniVM_UnpackArgs(args, kwargs, &stack, &nargs, &kwnames) < 0) return NULL;
    MiniObject *res;
    Mini_INCREF(descr);
    if (Mini_TYPE(descr) == &MiniFunction_Type) {
        stack[-1] = self;
        res = _MiniVM_Call(descr, stack - 1, nargs + 1, kwnames);
    } else {
        MiniObject *bound = Mini_TYPE(descr)->tp_descr_get
                                ? Mini_TYPE(descr)->tp_descr_get(descr, self, (MiniObject *)Mini_TYPE(self))
                                : Mini_NewRef(descr);
        res = bound ? _MiniVM_Call(bound, stack, nargs, kwnames) : NULL;
        Mini_XDECREF(bound);
    }
    Mini_DECREF(descr);
    _MiniVM_FreeArgs(stack, kwnames);
    return res;
}

static MiniObject *slot_iter(MiniObject *self) { return call_dunder(self, "__iter__", NULL, 0); }

static MiniObject *slot_iternext(MiniObject *self) {
    MiniObject *r = call_dunder(self, "__next__", NULL, 0);
    if (r == NULL && MiniErr_ExceptionMatches(MiniExc_StopIteration)) MiniErr_Clear();
    return r;
}

static Mini_ssize_t slot_len(MiniObject *self) {
    MiniObject *r = call_dunder(self, "__len__", NULL, 0);
    if (r == NULL) return -1;
    if (!MiniLong_Check(r)) {
        MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer", Mini_TYPE(r)->tp_name);
        Mini_DECREF(r);
        return -1;
    }
    Mini_ssize_t n = MiniLong_AsSsize_t(r);
    Mini_DECREF(r);
    if (n < 0 && !MiniErr_Occurred()) {
        MiniErr_SetString(MiniExc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return n;
}

static MiniObject *slot_getitem(MiniObject *self, MiniObject *key) { return call_dunder(self, "__getitem__", &key, 1); }

static int slot_setitem(MiniObject *self, MiniObject *key, MiniObject *value) {
    MiniObject *args[2] = { key, value };
    MiniObject *r = value ? call_dunder(self, "__setitem__", args, 2) : call_dunder(self, "__delitem__", args, 1);
    if (r == NULL) return -1;
    Mini_DECREF(r);
    return 0;
}

static int slot_contains(MiniObject *self, MiniObject *item) {
    int found;
    MiniObject *r = _MiniVM_CallDunder(self, "__contains__", &item, 1, &found);
    if (!found && !MiniErr_Occurred()) {
        /* Fall back to iteration, as Python does. */
        MiniObject *it = MiniObject_GetIter(self), *x;
        if (it == NULL) return -1;
        int res = 0;
        while ((x = MiniIter_Next(it)) != NULL) {
            res = MiniObject_RichCompareBool(x, item, Mini_EQ);
            Mini_DECREF(x);
            if (res != 0) break;
        }
        Mini_DECREF(it);
        if (res == 0 && MiniErr_Occurred()) return -1;
        return res;
    }
    if (r == NULL) return -1;
    int t = MiniObject_IsTrue(r);
    Mini_DECREF(r);
    return t;
}

static int slot_bool(MiniObject *self) {
    MiniObject *r = call_dunder(self, "__bool__", NULL, 0);
    if (r == NULL) return -1;
    if (!MiniBool_Check(r)) {
        MiniErr_Format(MiniExc_TypeError, "__bool__ should return bool, returned %.200s", Mini_TYPE(r)->tp_name);
        Mini_DECREF(r);
        return -1;
    }
    int t = r == Mini_True;
    Mini_DECREF(r);
    return t;
}

static int slot_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniObject *descr = MiniType_Lookup(Mini_TYPE(self), _MiniVM_Str.__init__);
    if (descr == NULL) return 0;
    MiniObject **stack, *kwnames;
    Mini_ssize_t nargs;
    if (_MiniVM_UnpackArgs(args, kwargs, &stack, &nargs, &kwnames) < 0) return -1;
    MiniObject *res;
    Mini_INCREF(descr);
    if (Mini_TYPE(descr) == &MiniFunction_Type) {
        stack[-1] = self;
        res = _MiniVM_Call(descr, stack - 1, nargs + 1, kwnames);
    } else {
        MiniObject *bound = Mini_TYPE(descr)->tp_descr_get
                                ? Mini_TYPE(descr)->tp_descr_get(descr, self, (MiniObject *)Mini_TYPE(self))
                                : Mini_NewRef(descr);
        res = bound ? _MiniVM_Call(bound, stack, nargs, kwnames) : NULL;
        Mini_XDECREF(bound);
    }
    Mini_DECREF(descr);
    _MiniVM_FreeArgs(stack, kwnames);
    if (res == NULL) return -1;
    if (res != Mini_None) {
        MiniErr_Format(MiniExc_TypeError, "__init__() should return None, not '%.200s'", Mini_TYPE(res)->tp_name);
        Mini_DECREF(res);
        return -1;
    }
    Mini_DECREF(res);
    return 0;
}

static MiniObject *slot_getattr_hook(MiniObject *self, MiniObject *name) {
    MiniObject *res = MiniObject_GenericGetAttr(self, name);
    if (res != NULL || !MiniErr_ExceptionMatches(MiniExc_AttributeError)) return res;
    MiniErr_Clear();
    return call_dunder(self, "__getattr__", &name, 1);
}

/* Binary operators: self's __op__ when self is on the left, the other operand's __rop__ when
 * it is on the right (the number protocol calls the slot either way). */
static MiniObject *slot_binary(MiniObject *a, MiniObject *b, const char *op, const char *rop) {
    int found;
    MiniTypeObject *ta = Mini_TYPE(a), *tb = Mini_TYPE(b);
    if (_MiniVM_IsPyClass(ta)) {
        MiniObject *r = _MiniVM_CallDunder(a, op, &b, 1, &found);
        if (found && r != Mini_NotImplemented) return r;
        Mini_XDECREF(r);
    }
    if (tb != ta && _MiniVM_IsPyClass(tb)) {
        MiniObject *r = _MiniVM_CallDunder(b, rop, &a, 1, &found);
        if (found) return r;
    }
    Mini_RETURN_NOTIMPLEMENTED;
}

#define BINARY_SLOT(fname, op, rop) \
    static MiniObject *fname(MiniObject *a, MiniObject *b) { return slot_binary(a, b, op, rop); }
BINARY_SLOT(slot_nb_add, "__add__", "__radd__")
BINARY_SLOT(slot_nb_subtract, "__sub__", "__rsub__")
BINARY_SLOT(slot_nb_multiply, "__mul__", "__rmul__")
BINARY_SLOT(slot_nb_true_divide, "__truediv__", "__rtruediv__")
BINARY_SLOT(slot_nb_floor_divide, "__floordiv__", "__rfloordiv__")
BINARY_SLOT(slot_nb_remainder, "__mod__", "__rmod__")
BINARY_SLOT(slot_nb_matrix_multiply, "__matmul__", "__rmatmul__")
#undef BINARY_SLOT

static MiniObject *slot_nb_power(MiniObject *a, MiniObject *b, MiniObject *c) {
    (void)c;
    return slot_binary(a, b, "__pow__", "__rpow__");
}

static MiniObject *slot_nb_negative(MiniObject *a) { return call_dunder(a, "__neg__", NULL, 0); }
static MiniObject *slot_nb_positive(MiniObject *a) { return call_dunder(a, "__pos__", NULL, 0); }
static MiniObject *slot_nb_absolute(MiniObject *a) { return call_dunder(a, "__abs__", NULL, 0); }
static MiniObject *slot_nb_int(MiniObject *a) { return call_dunder(a, "__int__", NULL, 0); }
static MiniObject *slot_nb_float(MiniObject *a) { return call_dunder(a, "__float__", NULL, 0); }
static MiniObject *slot_nb_index(MiniObject *a) { return call_dunder(a, "__index__", NULL, 0); }

/* Points the type's slots at the dunders its own dict defines. */
static int install_slots(MiniTypeObject *t) {
    MiniObject *d = t->tp_dict;
#define HAS(name) (MiniDict_GetItemString(d, name) != NULL)
    if (HAS("__repr__")) t->tp_repr = slot_repr;
    if (HAS("__str__")) t->tp_str = slot_str;
    int has_eq = HAS("__eq__");
    if (has_eq || HAS("__ne__") || HAS("__lt__") || HAS("__le__") || HAS("__gt__") || HAS("__ge__"))
        t->tp_richcompare = slot_richcompare;
    MiniObject *h = MiniDict_GetItemString(d, "__hash__");
    if (h == Mini_None) t->tp_hash = slot_unhashable;
    else if (h != NULL) t->tp_hash = slot_hash;
    else if (has_eq) {
        /* Defining __eq__ without __hash__ makes instances unhashable, as in Python. */
        t->tp_hash = slot_unhashable;
        if (MiniDict_SetItemString(d, "__hash__", Mini_None) < 0) return -1;
    }
    if (HAS("__call__")) t->tp_call = slot_call;
    if (HAS("__iter__")) t->tp_iter = slot_iter;
    if (HAS("__next__")) t->tp_iternext = slot_iternext;
    if (HAS("__len__")) { t->tp_as_sequence->sq_length = slot_len; t->tp_as_mapping->mp_length = slot_len; }
    if (HAS("__getitem__")) t->tp_as_mapping->mp_subscript = slot_getitem;
    if (HAS("__setitem__") || HAS("__delitem__")) t->tp_as_mapping->mp_ass_subscript = slot_setitem;
    if (HAS("__contains__")) t->tp_as_sequence->sq_contains = slot_contains;
    if (HAS("__bool__")) t->tp_as_number->nb_bool = slot_bool;
    if (HAS("__init__")) t->tp_init = slot_init;
    if (HAS("__getattr__")) t->tp_getattro = slot_getattr_hook;
    MiniNumberMethods *nb = t->tp_as_number;
    if (HAS("__add__") || HAS("__radd__")) nb->nb_add = slot_nb_add;
    if (HAS("__sub__") || HAS("__rsub__")) nb->nb_subtract = slot_nb_subtract;
    if (HAS("__mul__") || HAS("__rmul__")) nb->nb_multiply = slot_nb_multiply;
    if (HAS("__truediv__") || HAS("__rtruediv__")) nb->nb_true_divide = slot_nb_true_divide;
    if (HAS("__floordiv__") || HAS("__rfloordiv__")) nb->nb_floor_divide = slot_nb_floor_divide;
    if (HAS("__mod__") || HAS("__rmod__")) nb->nb_remainder = slot_nb_remainder;
    if (HAS("__matmul__") || HAS("__rmatmul__")) nb->nb_matrix_multiply = slot_nb_matrix_multiply;
    if (HAS("__pow__") || HAS("__rpow__")) nb->nb_power = slot_nb_power;
    if (HAS("__neg__")) nb->nb_negative = slot_nb_negative;
    if (HAS("__pos__")) nb->nb_positive = slot_nb_positive;
    if (HAS("__abs__")) nb->nb_absolute = slot_nb_absolute;
    if (HAS("__int__")) nb->nb_int = slot_nb_int;
    if (HAS("__float__")) nb->nb_float = slot_nb_float;
    if (HAS("__index__")) nb->nb_index = slot_nb_index;
#undef HAS
    return 0;
}

/* ----- __build_class__ ------------------------------------------------------------------------------------ */

/* PEP 487: once the class exists, every value in its namespace whose type defines __set_name__
 * (a property, a user descriptor) is told its owner and name: value.__set_name__(cls, name).
 * Iterates over a snapshot of the items, since the hook may change the class dict. 0 / -1. */
static int call_set_name(MiniObject *type) {
    MiniObject *items = MiniDict_Items(((MiniTypeObject *)type)->tp_dict);
    if (items == NULL) return -1;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(items); i++) {
        MiniObject *pair = MiniList_GET_ITEM(items, i);
        MiniObject *name = MiniTuple_GET_ITEM(pair, 0), *value = MiniTuple_GET_ITEM(pair, 1);
        if (!MiniObject_HasAttrString((MiniObject *)Mini_TYPE(value), "__set_name__")) continue;
        MiniObject *r = MiniObject_CallMethodObjArgs(value, "__set_name__", type, name, NULL);
        if (r == NULL) { Mini_DECREF(items); return -1; }
        Mini_DECREF(r);
    }
    Mini_DECREF(items);
    return 0;
}

/* Runs the class body function with ns as its locals; returns what the body returned (None, or
 * the __class__ cell). */
static MiniObject *run_class_body(MiniFunctionObject *func, MiniObject *ns) {
    MiniVMThread *ts = _MiniVM_ThreadFast();
    if (ts == NULL) return NULL;
    MiniCodeObject *co = (MiniCodeObject *)func->func_code;
    MiniFrame *f = _MiniVM_PushFrame(ts, co);
    if (f == NULL) return NULL;
    f->f_func = Mini_NewRef(func);
    f->f_globals = func->func_globals;
    f->f_builtins = _MiniVM_BuiltinsDict;
    f->f_locals = Mini_NewRef(ns);
    return _MiniEval_EvalFrame(ts, f, 0);
}

MiniObject *_MiniVM_BuildClass(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs,
                               MiniObject *kwnames) {
    (void)self;
    if (nargs < 2) return MiniErr_Format(MiniExc_TypeError, "__build_class__: not enough arguments");
    MiniObject *func = args[0], *name = args[1];
    if (!MiniFunction_Check(func)) return MiniErr_Format(MiniExc_TypeError, "__build_class__: func must be a function");
    if (!MiniUnicode_Check(name)) return MiniErr_Format(MiniExc_TypeError, "__build_class__: name is not a string");
    Mini_ssize_t nkw = kwnames ? MiniTuple_GET_SIZE(kwnames) : 0;
    for (Mini_ssize_t i = 0; i < nkw; i++) {
        MiniObject *k = MiniTuple_GET_ITEM(kwnames, i), *v = args[nargs + i];
        if (MiniUnicode_EqualToUTF8(k, "metaclass") && v == (MiniObject *)&MiniType_Type) continue;
        return MiniErr_Format(MiniExc_TypeError, "class keyword argument '%U' is not supported", k);
    }
    if (nargs > 3) return MiniErr_Format(MiniExc_TypeError, "multiple inheritance is not supported");
    MiniTypeObject *base = NULL;
    if (nargs == 3) {
        if (!MiniType_Check(args[2])) return MiniErr_Format(MiniExc_TypeError, "bases must be types");
        base = (MiniTypeObject *)args[2];
    }
    MiniObject *ns = MiniDict_New();
    if (ns == NULL) return NULL;
    MiniObject *cell = run_class_body((MiniFunctionObject *)func, ns);
    if (cell == NULL) { Mini_DECREF(ns); return NULL; }
    MiniObject *type = MiniType_NewHeap(MiniUnicode_AsUTF8(name), base, ns);
    Mini_DECREF(ns);
    if (type == NULL) { Mini_DECREF(cell); return NULL; }
    MiniTypeObject *t = (MiniTypeObject *)type;
    /* Room for the instance's tracking node, unless a Python base class already made it. */
    if (base != NULL && _MiniVM_IsPyClass(base)) {
        t->tp_vm = base->tp_vm;
    } else if (t->tp_itemsize == 0 && t->tp_basicsize + (Mini_ssize_t)sizeof(MiniVMTracked) < MAX_INSTANCE_SIZE) {
        Mini_ssize_t off = (t->tp_basicsize + 7) & ~(Mini_ssize_t)7;
        t->tp_basicsize = off + (Mini_ssize_t)sizeof(MiniVMTracked);
        t->tp_vm = py_class_markers + off;
    } else {
        MiniErr_Format(MiniExc_TypeError, "type '%.100s' is not an acceptable base type", base ? base->tp_name : "?");
        goto fail;
    }
    t->tp_new = instance_new;
    t->tp_dealloc = instance_dealloc;
    if (remember_class(type) < 0) goto fail;
    if (MiniDict_GetItemString(t->tp_dict, "__classcell__") != NULL &&
        MiniDict_DelItemString(t->tp_dict, "__classcell__") < 0)
        goto fail;
    if (install_slots(t) < 0) goto fail;
    if (call_set_name(type) < 0) goto fail;
    if (Mini_TYPE(cell) == &MiniCell_Type) {
        MiniCellObject *c = (MiniCellObject *)cell;
        Mini_XDECREF(c->ob_ref);
        c->ob_ref = Mini_NewRef(type);
    }
    Mini_DECREF(cell);
    return type;
fail:
    Mini_DECREF(cell);
    Mini_DECREF(type);
    return NULL;
}

/* ----- slot wrappers: a C base's slot reached through super() --------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniTypeObject *base;      /* owned: the type whose slot is called */
    MiniObject *self;          /* owned */
    const char *name;          /* static */
} SlotWrapperObject;

static MiniTypeObject SlotWrapper_Type;

static MiniObject *slotwrapper_new(MiniTypeObject *base, MiniObject *self, const char *name) {
    SlotWrapperObject *w = (SlotWrapperObject *)MiniObject_New(&SlotWrapper_Type);
    if (w == NULL) return NULL;
    w->base = (MiniTypeObject *)Mini_NewRef(base);
    w->self = Mini_NewRef(self);
    w->name = name;
    return (MiniObject *)w;
}

static void slotwrapper_dealloc(MiniObject *op) {
    SlotWrapperObject *w = (SlotWrapperObject *)op;
    Mini_CLEAR(w->base);
    Mini_CLEAR(w->self);
    MiniObject_Free(op);
}

static MiniObject *slotwrapper_call(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    SlotWrapperObject *w = (SlotWrapperObject *)op;
    MiniTypeObject *b = w->base;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (strcmp(w->name, "__init__") == 0) {
        if (b->tp_init != NULL && b->tp_init(w->self, args, kwargs) < 0) return NULL;
        Mini_RETURN_NONE;
    }
    if (kwargs != NULL && MiniDict_Size(kwargs) > 0)
        return MiniErr_Format(MiniExc_TypeError, "%s() takes no keyword arguments", w->name);
    if (strcmp(w->name, "__repr__") == 0 && n == 0)
        return b->tp_repr ? b->tp_repr(w->self) : MiniObject_Repr(w->self);
    if (strcmp(w->name, "__str__") == 0 && n == 0)
        return b->tp_str ? b->tp_str(w->self) : (b->tp_repr ? b->tp_repr(w->self) : MiniObject_Repr(w->self));
    if (strcmp(w->name, "__hash__") == 0 && n == 0) {
        Mini_hash_t h = b->tp_hash ? b->tp_hash(w->self) : -1;
        if (b->tp_hash == NULL) return MiniErr_Format(MiniExc_TypeError, "unhashable type");
        return h == -1 && MiniErr_Occurred() ? NULL : MiniLong_FromSsize_t(h);
    }
    if (strcmp(w->name, "__setattr__") == 0 && n == 2) {
        Mini_setattrofunc f = b->tp_setattro ? b->tp_setattro : MiniObject_GenericSetAttr;
        if (f(w->self, MiniTuple_GET_ITEM(args, 0), MiniTuple_GET_ITEM(args, 1)) < 0) return NULL;
        Mini_RETURN_NONE;
    }
    if (strcmp(w->name, "__getattribute__") == 0 && n == 1) {
        Mini_getattrofunc f = b->tp_getattro ? b->tp_getattro : MiniObject_GenericGetAttr;
        return f(w->self, MiniTuple_GET_ITEM(args, 0));
    }
    for (int op = 0; op < 6; op++) {
        if (strcmp(w->name, cmp_names[op]) == 0 && n == 1) {
            if (b->tp_richcompare == NULL) Mini_RETURN_NOTIMPLEMENTED;
            return b->tp_richcompare(w->self, MiniTuple_GET_ITEM(args, 0), op);
        }
    }
    return MiniErr_Format(MiniExc_TypeError, "%s() called with the wrong arguments", w->name);
}

static MiniTypeObject SlotWrapper_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "method-wrapper",
    .tp_basicsize = sizeof(SlotWrapperObject),
    .tp_dealloc = slotwrapper_dealloc,
    .tp_call = slotwrapper_call,
};

/* The slot behind a dunder name on a C type, as a bound wrapper, or NULL (no exception). */
static MiniObject *slot_wrapper_for(MiniTypeObject *t, MiniObject *self, MiniObject *name) {
    static const char *const names[] = {
        "__init__", "__repr__", "__str__", "__hash__", "__setattr__", "__getattribute__",
        "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__", NULL,
    };
    for (int i = 0; names[i] != NULL; i++)
        if (MiniUnicode_EqualToUTF8(name, names[i])) return slotwrapper_new(t, self, names[i]);
    return NULL;
}

/* ----- super ------------------------------------------------------------------------------------------------ */

typedef struct {
    MiniObject_HEAD
    MiniTypeObject *type;      /* the class the method was defined in */
    MiniObject *obj;           /* the instance (or class) */
    MiniTypeObject *obj_type;
} SuperObject;

MiniTypeObject MiniVMSuper_Type;

static void super_dealloc(MiniObject *op) {
    SuperObject *s = (SuperObject *)op;
    Mini_CLEAR(s->type);
    Mini_CLEAR(s->obj);
    Mini_CLEAR(s->obj_type);
    MiniObject_Free(op);
}

static MiniObject *super_getattro(MiniObject *op, MiniObject *name) {
    SuperObject *s = (SuperObject *)op;
    if (!MiniUnicode_EqualToUTF8(name, "__class__")) {
        /* Search the bases after s->type in the instance type's chain (single inheritance). */
        MiniTypeObject *t = s->obj_type;
        while (t != NULL && t != s->type) t = t->tp_base;
        for (t = t ? t->tp_base : NULL; t != NULL; t = t->tp_base) {
            MiniObject *descr = t->tp_dict ? MiniDict_GetItemWithError(t->tp_dict, name) : NULL;
            if (descr == NULL && MiniErr_Occurred()) return NULL;
            if (descr != NULL) {
                Mini_descrgetfunc get = Mini_TYPE(descr)->tp_descr_get;
                if (get == NULL) return Mini_NewRef(descr);
                Mini_INCREF(descr);
                MiniObject *obj = (s->obj == (MiniObject *)s->obj_type) ? NULL : s->obj;
                MiniObject *res = get(descr, obj, (MiniObject *)s->obj_type);
                Mini_DECREF(descr);
                return res;
            }
            if (!(t->tp_flags & MINI_TPFLAGS_HEAPTYPE)) {
                MiniObject *w = slot_wrapper_for(t, s->obj, name);
                if (w != NULL || MiniErr_Occurred()) return w;
            }
        }
    }
    return MiniObject_GenericGetAttr(op, name);
}

static MiniObject *super_repr(MiniObject *op) {
    SuperObject *s = (SuperObject *)op;
    return MiniUnicode_FromFormat("<super: <class '%s'>, <%s object>>", MiniType_Name(s->type),
                                  MiniType_Name(s->obj_type));
}

static MiniObject *make_super(MiniTypeObject *type, MiniObject *obj) {
    MiniTypeObject *obj_type;
    if (MiniType_Check(obj) && MiniType_IsSubtype((MiniTypeObject *)obj, type)) obj_type = (MiniTypeObject *)obj;
    else if (MiniObject_TypeCheck(obj, type)) obj_type = Mini_TYPE(obj);
    else return MiniErr_Format(MiniExc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    SuperObject *s = (SuperObject *)MiniObject_New(&MiniVMSuper_Type);
    if (s == NULL) return NULL;
    s->type = (MiniTypeObject *)Mini_NewRef(type);
    s->obj = Mini_NewRef(obj);
    s->obj_type = (MiniTypeObject *)Mini_NewRef(obj_type);
    return (MiniObject *)s;
}

/* super() / super(type, obj), a fast builtin. Zero arguments: the calling frame's first argument
 * and its __class__ cell. */
static MiniObject *builtin_super(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (kwnames != NULL && MiniTuple_GET_SIZE(kwnames) > 0)
        return MiniErr_Format(MiniExc_TypeError, "super() takes no keyword arguments");
    if (nargs == 2) {
        if (!MiniType_Check(args[0])) return MiniErr_Format(MiniExc_TypeError, "super() argument 1 must be a type, not %s",
                                                            Mini_TYPE(args[0])->tp_name);
        return make_super((MiniTypeObject *)args[0], args[1]);
    }
    if (nargs != 0) return MiniErr_Format(MiniExc_TypeError, "super() takes 0 or 2 arguments");
    MiniVMThread *ts = _MiniVM_ThreadFast();
    MiniFrame *f = ts ? ts->frame : NULL;
    if (f == NULL) return MiniErr_Format(MiniExc_RuntimeError, "super(): no current frame");
    MiniCodeObject *co = f->f_code;
    if (co->co_argcount == 0) return MiniErr_Format(MiniExc_RuntimeError, "super(): no arguments");
    MiniObject *first = f->localsplus[0];
    if (first != NULL && (co->co_localspluskinds[0] & MINI_LK_CELL) && Mini_TYPE(first) == &MiniCell_Type)
        first = ((MiniCellObject *)first)->ob_ref;
    if (first == NULL) return MiniErr_Format(MiniExc_RuntimeError, "super(): arg[0] deleted");
    for (int i = co->co_nlocalsplus - co->co_nfrees; i < co->co_nlocalsplus; i++) {
        if (MiniUnicode_EqualToUTF8(MiniTuple_GET_ITEM(co->co_localsplusnames, i), "__class__")) {
            MiniObject *cls = ((MiniCellObject *)f->localsplus[i])->ob_ref;
            if (cls == NULL) return MiniErr_Format(MiniExc_RuntimeError, "super(): empty __class__ cell");
            if (!MiniType_Check(cls)) return MiniErr_Format(MiniExc_RuntimeError, "super(): __class__ is not a type (%s)",
                                                            Mini_TYPE(cls)->tp_name);
            return make_super((MiniTypeObject *)cls, first);
        }
    }
    return MiniErr_Format(MiniExc_RuntimeError, "super(): __class__ cell not found");
}

MiniTypeObject MiniVMSuper_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "super",
    .tp_basicsize = sizeof(SuperObject),
    .tp_dealloc = super_dealloc,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
};

int _MiniVM_InitClasses(MiniObject *builtins) {
    if (MiniType_Ready(&SlotWrapper_Type) < 0 || MiniType_Ready(&MiniVMSuper_Type) < 0) return -1;
    MiniObject *sup = _MiniVMBuiltin_New("super", builtin_super, NULL);
    MiniObject *bc = _MiniVMBuiltin_New("__build_class__", _MiniVM_BuildClass, NULL);
    int r = (sup && bc && MiniDict_SetItemString(builtins, "super", sup) == 0 &&
             MiniDict_SetItemString(builtins, "__build_class__", bc) == 0) ? 0 : -1;
    Mini_XDECREF(sup);
    Mini_XDECREF(bc);
    return r;
}
