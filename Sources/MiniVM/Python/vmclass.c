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
#include "lib_internal.h"
#include "unicodeobject_internal.h"
#include "dict_internal.h"
#include "specialize.h"
#include <stddef.h>
#include <stdint.h>

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
    /* Variable-size layouts (int, str, tuple, bytes subclasses): the node follows the __dict__
     * slot that follows the items. */
    if ((char *)t->tp_vm == py_class_markers) return (MiniVMTracked *)(_MiniObject_VarDictPtr(o) + 1);
    return (MiniVMTracked *)((char *)o + ((char *)t->tp_vm - py_class_markers));
}

/* The __new__ a Python class in type's MRO defines (borrowed), or NULL when the nearest one
 * belongs to a built-in type (whose C tp_new then allocates). */
static MiniObject *python_new(MiniTypeObject *type) {
    MiniObject *mro = ((MiniHeapTypeObject *)type)->ht_mro;
    if (mro == NULL) return NULL;
    for (Mini_ssize_t i = -1, n = MiniTuple_GET_SIZE(mro); i < n; i++) {
        MiniTypeObject *k = i < 0 ? type : (MiniTypeObject *)MiniTuple_GET_ITEM(mro, i);
        MiniObject *f = k->tp_dict ? MiniDict_GetItemWithError(k->tp_dict, _MiniVM_Str.__new__) : NULL;
        if (f != NULL) return (k->tp_flags & MINI_TPFLAGS_HEAPTYPE) ? f : NULL;
    }
    return NULL;
}

static void track_instance(MiniObject *o) {
    if (o == NULL || !_MiniVM_IsPyClass(Mini_TYPE(o))) return;
    MiniVMTracked *node = instance_node(o);
    if (node->next == NULL) _MiniVM_Track(node, o);
}

/* Calls a Python __new__ (a staticmethod) as new(type, *args, **kwargs). */
static MiniObject *call_python_new(MiniObject *descr, MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    Mini_INCREF(descr);
    MiniObject *f = Mini_TYPE(descr)->tp_descr_get ? Mini_TYPE(descr)->tp_descr_get(descr, NULL, (MiniObject *)type)
                                                   : Mini_NewRef(descr);
    Mini_DECREF(descr);
    if (f == NULL) return NULL;
    Mini_ssize_t n = args ? MiniTuple_GET_SIZE(args) : 0;
    MiniObject *full = MiniTuple_New(n + 1), *res = NULL;
    if (full != NULL) {
        MiniTuple_SET_ITEM(full, 0, Mini_NewRef(type));
        for (Mini_ssize_t i = 0; i < n; i++) MiniTuple_SET_ITEM(full, i + 1, Mini_NewRef(MiniTuple_GET_ITEM(args, i)));
        res = MiniObject_Call(f, full, kwargs);
        Mini_DECREF(full);
    }
    Mini_DECREF(f);
    return res;
}

/* tp_new of Python classes: the __new__ a Python class defines, else the base type's
 * allocation; then the instance is tracked. */
static MiniObject *instance_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    MiniObject *pynew = python_new(type);
    if (pynew != NULL) {
        MiniObject *o = call_python_new(pynew, type, args, kwargs);
        track_instance(o);
        return o;
    }
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
    track_instance(o);
    return o;
}

/* ----- inline instantiation (the eval loop's CALL of a class) ------------------------------------------
 * `C(args)` for a plain Python class runs, through type_call, instance_new and slot_init, in two
 * C calls and a nested eval loop. When the class's allocation is object's (no Python __new__ in
 * its MRO, no built-in base with its own tp_new, metatype `type`) and its __init__ is a plain
 * Python function, CALL does the same in place: _MiniVM_NewPlainInstance, then __init__'s frame
 * pushed in the same C activation (ceval_loop.h). Which __init__ a class gets is remembered per
 * class and checked against the type epoch: the fill looks __new__ and __init__ up through the
 * whole MRO, so every dict on it is watched and any change to them invalidates the entry. */

static int slot_init(MiniObject *self, MiniObject *args, MiniObject *kwargs);
#define INIT_CACHE 64
static struct { MiniTypeObject *type; uint64_t epoch; MiniObject *init; } init_cache[INIT_CACHE];

/* The one write to the cache; its caller skips it once free-threaded mode has frozen the caches. */
static void init_cache_store(unsigned slot, MiniTypeObject *type, uint64_t epoch, MiniObject *init) {
    init_cache[slot].type = type;
    init_cache[slot].epoch = epoch;
    init_cache[slot].init = init;
}

static MiniObject *inline_init_uncached(MiniTypeObject *t) {
    if (t->tp_new != instance_new || t->tp_init != slot_init || Mini_TYPE(t) != &MiniType_Type ||
        !(t->tp_flags & MINI_TPFLAGS_READY))
        return NULL;
    MiniTypeObject *b = t;
    while (b != NULL && b->tp_new == instance_new) b = b->tp_base;
    if (b == NULL || b->tp_new != MiniBaseObject_Type.tp_new) return NULL;
    if (MiniType_Lookup(t, _MiniVM_Str.__new__) != MiniType_Lookup(&MiniBaseObject_Type, _MiniVM_Str.__new__))
        return NULL;
    MiniObject *f = MiniType_Lookup(t, _MiniVM_Str.__init__);
    if (f == NULL || Mini_TYPE(f) != &MiniFunction_Type) return NULL;
    MiniCodeObject *co = (MiniCodeObject *)((MiniFunctionObject *)f)->func_code;
    return (co->co_flags & MINI_CO_GENLIKE) ? NULL : f;
}

MiniObject *_MiniVM_InlineInit(MiniTypeObject *t) {
    unsigned slot = (unsigned)(((uintptr_t)t >> 4) ^ ((uintptr_t)t >> 10)) & (INIT_CACHE - 1);
    if (!_MiniVM_Specialize) return NULL;
    if (init_cache[slot].type == t && init_cache[slot].epoch == _MiniType_EpochGet()) return init_cache[slot].init;
    MiniObject *init = inline_init_uncached(t);
    if (!_MiniIC_Frozen()) init_cache_store(slot, t, _MiniType_EpochGet(), init);
    return init;
}

static MiniObject *inline_subscr_uncached(MiniTypeObject *t, int store) {
    MiniObject *f = MiniType_Lookup(t, store ? _MiniVM_Str.__setitem__ : _MiniVM_Str.__getitem__);
    if (f == NULL || Mini_TYPE(f) != &MiniFunction_Type) return NULL;
    MiniCodeObject *co = (MiniCodeObject *)((MiniFunctionObject *)f)->func_code;
    if ((co->co_flags & (MINI_CO_GENLIKE | MINI_CO_VARARGS | MINI_CO_VARKEYWORDS)) ||
        co->co_kwonlyargcount != 0 || co->co_argcount != 2 + store)
        return NULL;
    return f;
}

MiniVMSubscrCacheEntry _MiniVM_SubscrCache[2][MINI_VM_SUBSCR_CACHE];

MiniObject *_MiniVM_InlineSubscrCached(MiniTypeObject *t, int store) {
    if (!_MiniVM_Specialize) return NULL;
    store = store != 0;
    unsigned slot = (unsigned)(((uintptr_t)t >> 4) ^ ((uintptr_t)t >> 10)) & (MINI_VM_SUBSCR_CACHE - 1);
    uint64_t epoch = _MiniType_EpochGet();
    MiniVMSubscrCacheEntry *e = &_MiniVM_SubscrCache[store][slot];
    if (MINI_LIKELY(e->type == t && e->epoch == epoch)) return e->f;
    MiniObject *f = inline_subscr_uncached(t, store);
    if (!_MiniIC_Frozen()) {
        e->type = t;
        e->epoch = epoch;
        e->f = f;
    }
    return f;
}

MiniObject *_MiniVM_NewPlainInstance(MiniTypeObject *t) {
    MiniObject *o = MiniType_GenericNew(t, NULL, NULL);
    track_instance(o);
    return o;
}

/* tp_dealloc of Python classes: untrack, drop the __slots__ values and the __dict__ a heap type
 * added, then let the nearest static base release the rest (as typeobject.c's subtype_dealloc). */
static void instance_dealloc(MiniObject *self) {
    MiniTypeObject *t = Mini_TYPE(self), *base = t;
    _MiniVM_Untrack(instance_node(self));
    _MiniVM_ClearSlots(self);
    while (base->tp_flags & MINI_TPFLAGS_HEAPTYPE) base = base->tp_base;
    if (t->tp_dictoffset != 0 && t->tp_dictoffset != base->tp_dictoffset) {
        MiniObject **dictptr = _MiniObject_DictPtr(self);
        Mini_CLEAR(*dictptr);
        _MiniInst_Clear(self);
    }
    base->tp_dealloc(self);
}

int _MiniVM_SweepInstance(MiniObject *o) {
    int did = 0;
    if (_MiniVM_HasSlotValues(o)) { _MiniVM_ClearSlots(o); did = 1; }
    MiniObject **dictptr = _MiniObject_DictPtr(o);
    if (dictptr != NULL && *dictptr != NULL && MiniDict_Size(*dictptr) > 0) { MiniDict_Clear(*dictptr); did = 1; }
    if (_MiniInst_Values(o) != NULL) { _MiniInst_Clear(o); did = 1; }
    return did;
}

/* The classes created since a mark, kept so the sweep can empty their dicts: as weak references,
 * so that a class that becomes garbage can be freed by the cycle collector before the end of the
 * run (a loop that creates classes stays bounded). */
typedef struct { uint64_t serial; MiniObject *ref; } ClassEntry;
static ClassEntry *classes;
static Mini_ssize_t nclasses, classes_cap;

/* Drops the entries whose class is gone. */
static void forget_dead_classes(void) {
    Mini_ssize_t keep = 0;
    for (Mini_ssize_t i = 0; i < nclasses; i++) {
        MiniObject *cls = NULL;
        if (MiniWeakref_GetRef(classes[i].ref, &cls) == 1) {
            Mini_DECREF(cls);
            classes[keep++] = classes[i];
        } else {
            if (cls == NULL && MiniErr_Occurred()) MiniErr_Clear();
            Mini_DECREF(classes[i].ref);
        }
    }
    nclasses = keep;
}

static int remember_class(MiniObject *cls) {
    if (nclasses == classes_cap) forget_dead_classes();
    if (nclasses == classes_cap) {
        Mini_ssize_t cap = classes_cap ? classes_cap * 2 : 16;
        ClassEntry *n = realloc(classes, (size_t)cap * sizeof *n);
        if (n == NULL) { MiniErr_NoMemory(); return -1; }
        classes = n;
        classes_cap = cap;
    }
    MiniObject *ref = MiniWeakref_NewRef(cls, NULL);
    if (ref == NULL) return -1;
    classes[nclasses].serial = MiniVM_Mark() + 1;
    classes[nclasses].ref = ref;
    nclasses++;
    return 0;
}

void _MiniVM_SweepClasses(uint64_t mark) {
    Mini_ssize_t keep = 0;
    for (Mini_ssize_t i = 0; i < nclasses; i++) {
        if (classes[i].serial <= mark) { classes[keep++] = classes[i]; continue; }
        MiniObject *cls = NULL;
        if (MiniWeakref_GetRef(classes[i].ref, &cls) == 1) {
            MiniTypeObject *t = (MiniTypeObject *)cls;
            if (t->tp_dict != NULL) MiniDict_Clear(t->tp_dict);
            Mini_DECREF(cls);
        }
        Mini_DECREF(classes[i].ref);
    }
    nclasses = keep;
    if (nclasses == 0) {
        free(classes);
        classes = NULL;
        classes_cap = 0;
    }
}

/* ----- calling dunders ------------------------------------------------------------------------------ */

/* The interned str for a dunder literal, remembered by the literal's address so that a slot call
 * does not build, hash and intern a str each time (that was a tenth of a program subscripting a
 * Python class). Entries are borrowed: an interned str lives in the intern table until shutdown,
 * and MiniVM_Fini empties this table first (_MiniVM_ClearDunderNames). Needs the GIL; the one
 * write is dunder_name_store, the point a free-threaded build must guard. */
#define DUNDER_NAMES 64
static struct { const char *key; MiniObject *name; } dunder_names[DUNDER_NAMES];

static void dunder_name_store(unsigned slot, const char *key, MiniObject *name) {
    dunder_names[slot].key = key;
    dunder_names[slot].name = name;
}

void _MiniVM_ClearDunderNames(void) {
    for (unsigned i = 0; i < DUNDER_NAMES; i++) dunder_name_store(i, NULL, NULL);
}

/* Borrowed reference, or NULL with an exception. */
static MiniObject *dunder_name(const char *cname) {
    unsigned slot = (unsigned)(((uintptr_t)cname >> 3) ^ ((uintptr_t)cname >> 9)) & (DUNDER_NAMES - 1);
    if (dunder_names[slot].key == cname) return dunder_names[slot].name;
    MiniObject *name = MiniUnicode_InternFromString(cname);
    if (name == NULL) return NULL;
    int interned = ((MiniUnicodeObject *)name)->interned;
    Mini_DECREF(name);   /* the intern table keeps it */
    if (!interned) { MiniErr_NoMemory(); return NULL; }
    if (!_MiniIC_Frozen()) dunder_name_store(slot, cname, name);
    return name;
}

MiniObject *_MiniVM_CallDunder(MiniObject *self, const char *cname, MiniObject *const *args,
                               Mini_ssize_t nargs, int *found) {
    MiniObject *name = dunder_name(cname);
    if (name == NULL) { if (found) *found = 1; return NULL; }
    MiniObject *descr = MiniType_Lookup(Mini_TYPE(self), name);
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

/* tp_finalize of a class with __del__: the runtime calls it once per object (PEP 442), before
 * the object is freed or cleared by the cycle collector. An exception is reported as CPython
 * does ("Exception ignored in: <function A.__del__ at ...>" and the traceback), not raised. */
static void slot_del(MiniObject *self) {
    MiniObject *name = MiniUnicode_InternFromString("__del__");
    MiniObject *del = name ? MiniType_Lookup(Mini_TYPE(self), name) : NULL;
    Mini_XDECREF(name);
    if (del == NULL) { MiniErr_Clear(); return; }
    Mini_INCREF(del);
    MiniObject *res = _MiniVM_CallDunder(self, "__del__", NULL, 0, NULL);
    if (res == NULL) _MiniErr_WriteUnraisable(del);
    Mini_XDECREF(res);
    Mini_DECREF(del);
}
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

MiniObject *_MiniVM_SlotGetItem(MiniObject *self, MiniObject *key) { return call_dunder(self, "__getitem__", &key, 1); }

int _MiniVM_SlotSetItem(MiniObject *self, MiniObject *key, MiniObject *value) {
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

static MiniObject *slot_getattr_hook(MiniObject *self, MiniObject *name);
static MiniObject *slot_getattribute(MiniObject *self, MiniObject *name);

/* The attribute lookup a class inherits from its nearest base that does not use the hooks below
 * (MiniObject_GenericGetAttr for instances, type's own for classes made by metaclasses). */
static Mini_getattrofunc inherited_getattro(MiniTypeObject *t) {
    for (; t != NULL; t = t->tp_base)
        if (t->tp_getattro != slot_getattr_hook && t->tp_getattro != slot_getattribute && t->tp_getattro != NULL)
            return t->tp_getattro;
    return MiniObject_GenericGetAttr;
}

/* __getattr__ after the normal lookup (or the class's __getattribute__) raised AttributeError. */
static MiniObject *getattr_fallback(MiniObject *self, MiniObject *name, MiniObject *res) {
    if (res != NULL || !MiniErr_ExceptionMatches(MiniExc_AttributeError)) return res;
    int found;
    MiniObject *exc = MiniErr_GetRaisedException();
    res = _MiniVM_CallDunder(self, "__getattr__", &name, 1, &found);
    if (!found && !MiniErr_Occurred()) { MiniErr_SetRaisedException(exc); return NULL; }
    Mini_XDECREF(exc);
    return res;
}

static MiniObject *slot_getattr_hook(MiniObject *self, MiniObject *name) {
    return getattr_fallback(self, name, inherited_getattro(Mini_TYPE(self))(self, name));
}

static MiniObject *slot_getattribute(MiniObject *self, MiniObject *name) {
    return getattr_fallback(self, name, call_dunder(self, "__getattribute__", &name, 1));
}

static Mini_setattrofunc inherited_setattro(MiniTypeObject *t);

static int slot_setattro(MiniObject *self, MiniObject *name, MiniObject *value) {
    int found;
    MiniObject *args[2] = { name, value }, *r;
    r = _MiniVM_CallDunder(self, value ? "__setattr__" : "__delattr__", args, value ? 2 : 1, &found);
    if (!found && !MiniErr_Occurred()) return inherited_setattro(Mini_TYPE(self))(self, name, value);
    if (r == NULL) return -1;
    Mini_DECREF(r);
    return 0;
}

static Mini_setattrofunc inherited_setattro(MiniTypeObject *t) {
    for (; t != NULL; t = t->tp_base)
        if (t->tp_setattro != slot_setattro && t->tp_setattro != NULL) return t->tp_setattro;
    return MiniObject_GenericSetAttr;
}

/* A Python class's __get__ / __set__ / __delete__: instances are descriptors. */
static MiniObject *slot_descr_get(MiniObject *self, MiniObject *obj, MiniObject *type) {
    MiniObject *args[2] = { obj ? obj : Mini_None, type ? type : Mini_None };
    return call_dunder(self, "__get__", args, 2);
}

static int slot_descr_set(MiniObject *self, MiniObject *obj, MiniObject *value) {
    MiniObject *args[2] = { obj, value }, *r;
    r = value ? call_dunder(self, "__set__", args, 2) : call_dunder(self, "__delete__", args, 1);
    if (r == NULL) return -1;
    Mini_DECREF(r);
    return 0;
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

/* The dunder name as defined by the class itself or a Python class in its MRO (borrowed), or
 * NULL: built-in bases keep the C slots the type inherited. */
static MiniObject *py_dunder(MiniTypeObject *t, const char *name) {
    MiniObject *mro = ((MiniHeapTypeObject *)t)->ht_mro;
    if (mro == NULL) return t->tp_dict ? MiniDict_GetItemString(t->tp_dict, name) : NULL;
    for (Mini_ssize_t i = -1, n = MiniTuple_GET_SIZE(mro); i < n; i++) {
        MiniTypeObject *k = i < 0 ? t : (MiniTypeObject *)MiniTuple_GET_ITEM(mro, i);
        if (!(k->tp_flags & MINI_TPFLAGS_HEAPTYPE) || k->tp_dict == NULL) continue;
        MiniObject *v = MiniDict_GetItemString(k->tp_dict, name);
        if (v != NULL) return v;
    }
    return NULL;
}

/* Points the type's slots at the dunders it and its Python bases define. */
static int install_slots(MiniTypeObject *t) {
    MiniObject *d = t->tp_dict;
#define HAS(name) (py_dunder(t, name) != NULL)
    if (HAS("__repr__")) t->tp_repr = slot_repr;
    if (HAS("__del__")) t->tp_finalize = slot_del;
    if (HAS("__str__")) t->tp_str = slot_str;
    int own_eq = MiniDict_GetItemString(d, "__eq__") != NULL;
    if (HAS("__eq__") || HAS("__ne__") || HAS("__lt__") || HAS("__le__") || HAS("__gt__") || HAS("__ge__"))
        t->tp_richcompare = slot_richcompare;
    if (own_eq && MiniDict_GetItemString(d, "__hash__") == NULL) {
        /* Defining __eq__ without __hash__ makes instances unhashable, as in Python. */
        if (MiniDict_SetItemString(d, "__hash__", Mini_None) < 0) return -1;
    }
    MiniObject *h = py_dunder(t, "__hash__");
    if (h == Mini_None) t->tp_hash = slot_unhashable;
    else if (h != NULL) t->tp_hash = slot_hash;
    if (HAS("__call__")) t->tp_call = slot_call;
    if (HAS("__iter__")) t->tp_iter = slot_iter;
    if (HAS("__next__")) t->tp_iternext = slot_iternext;
    if (HAS("__len__")) { t->tp_as_sequence->sq_length = slot_len; t->tp_as_mapping->mp_length = slot_len; }
    /* Subscription also follows a dunder deleted from the class (`del C.__getitem__`): the slot
     * goes back to what the base class has, so `c[k]` is "not subscriptable" again, as CPython's
     * update_slot does. */
    MiniMappingMethods *base_mp = t->tp_base != NULL ? t->tp_base->tp_as_mapping : NULL;
    if (HAS("__getitem__")) t->tp_as_mapping->mp_subscript = _MiniVM_SlotGetItem;
    else if (t->tp_as_mapping->mp_subscript == _MiniVM_SlotGetItem)
        t->tp_as_mapping->mp_subscript = base_mp != NULL ? base_mp->mp_subscript : NULL;
    if (HAS("__setitem__") || HAS("__delitem__")) t->tp_as_mapping->mp_ass_subscript = _MiniVM_SlotSetItem;
    else if (t->tp_as_mapping->mp_ass_subscript == _MiniVM_SlotSetItem)
        t->tp_as_mapping->mp_ass_subscript = base_mp != NULL ? base_mp->mp_ass_subscript : NULL;
    if (HAS("__contains__")) t->tp_as_sequence->sq_contains = slot_contains;
    if (HAS("__bool__")) t->tp_as_number->nb_bool = slot_bool;
    if (HAS("__init__")) t->tp_init = slot_init;
    if (HAS("__getattribute__")) t->tp_getattro = slot_getattribute;
    else if (HAS("__getattr__")) t->tp_getattro = slot_getattr_hook;
    if (HAS("__setattr__") || HAS("__delattr__")) t->tp_setattro = slot_setattro;
    if (HAS("__get__")) t->tp_descr_get = slot_descr_get;
    if (HAS("__set__") || HAS("__delete__")) t->tp_descr_set = slot_descr_set;
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

/* type_setattro's hook (_MiniType_SlotsChangedHook): a dunder assigned to a Python class after
 * it was made (dataclasses' cls.__init__ = f) takes effect, as CPython's update_slot, on the class
 * and on the Python subclasses made before (a __getattr__ added to a base later reaches them). */
static int slots_changed(MiniTypeObject *t, MiniObject *name) {
    if (!_MiniVM_IsPyClass(t)) return 0;
    if (install_slots(t) < 0) return -1;
    /* The Python subclasses made so far see the new dunder through their MRO: their slots follow
     * (as update_slot's walk over tp_subclasses). Only for dunder names: `Cls.counter += 1` in a
     * loop does not walk the classes. */
    const char *s = MiniUnicode_Check(name) ? MiniUnicode_AsUTF8(name) : NULL;
    size_t n = s != NULL ? strlen(s) : 0;
    if (n < 5 || s[0] != '_' || s[1] != '_' || s[n - 1] != '_' || s[n - 2] != '_') return 0;
    for (Mini_ssize_t i = 0; i < nclasses; i++) {
        MiniObject *cls = NULL;
        if (MiniWeakref_GetRef(classes[i].ref, &cls) != 1) {   /* a class already gone */
            if (cls == NULL && MiniErr_Occurred()) MiniErr_Clear();
            continue;
        }
        MiniTypeObject *k = (MiniTypeObject *)cls;
        int err = k != t && _MiniVM_IsPyClass(k) && MiniType_IsSubtype(k, t) && install_slots(k) < 0;
        Mini_DECREF(cls);
        if (err) return -1;
    }
    return 0;
}

void _MiniVM_InstallSlotsHook(void) { _MiniType_SlotsChangedHook = slots_changed; }

/* ----- finishing a class ------------------------------------------------------------------------------------ */

int _MiniVM_CallSetName(MiniObject *type) {
    MiniObject *items = MiniDict_Items(((MiniTypeObject *)type)->tp_dict);
    if (items == NULL) return -1;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(items); i++) {
        MiniObject *pair = MiniList_GET_ITEM(items, i);
        MiniObject *name = MiniTuple_GET_ITEM(pair, 0), *value = MiniTuple_GET_ITEM(pair, 1);
        if (!MiniObject_HasAttrString((MiniObject *)Mini_TYPE(value), "__set_name__")) continue;
        MiniObject *r = MiniObject_CallMethodObjArgs(value, "__set_name__", type, name, NULL);
        if (r == NULL) {
            /* CPython 3.11 reports the failing attribute as a note-free chained RuntimeError; the
             * original error is what users look at, so it is kept as it is. */
            Mini_DECREF(items);
            return -1;
        }
        Mini_DECREF(r);
    }
    Mini_DECREF(items);
    return 0;
}

int _MiniVM_FinishClass(MiniTypeObject *t) {
    MiniTypeObject *base = t->tp_base;
    /* Room for the instance's tracking node, unless a Python base class already made it. */
    if (base != NULL && _MiniVM_IsPyClass(base)) {
        t->tp_vm = base->tp_vm;
    } else if (t->tp_itemsize != 0 && t->tp_dictoffset < 0) {
        t->tp_basicsize += (Mini_ssize_t)sizeof(MiniVMTracked);
        t->tp_vm = py_class_markers;
    } else if (t->tp_itemsize == 0 && t->tp_basicsize + (Mini_ssize_t)sizeof(MiniVMTracked) < MAX_INSTANCE_SIZE) {
        Mini_ssize_t off = (t->tp_basicsize + 7) & ~(Mini_ssize_t)7;
        t->tp_basicsize = off + (Mini_ssize_t)sizeof(MiniVMTracked);
        t->tp_vm = py_class_markers + off;
    } else {
        MiniErr_Format(MiniExc_TypeError, "type '%.100s' is not an acceptable base type", base ? base->tp_name : "?");
        return -1;
    }
    t->tp_new = instance_new;
    t->tp_dealloc = instance_dealloc;
    /* Classes made while Python code runs are remembered for the end-of-run sweep (their
     * methods' __class__ cells form cycles with them); one made by C code with no Python frame
     * (type(name, bases, ns) through the C API) is owned by its caller alone. */
    MiniVMThread *ts = _MiniVM_ThreadFast();
    if (ts != NULL && ts->frame != NULL && remember_class((MiniObject *)t) < 0) return -1;
    return install_slots(t);
}

/* ----- slot wrappers: a built-in type's C slots as methods ------------------------------------------------
 * Built-in types keep their behaviour in C slots, not in their dicts. So that Python code can
 * reach them as methods (object.__setattr__(self, k, v), dict.__setitem__(self, k, v),
 * super().__init__(...), int.__add__(a, b)), start-up puts a "wrapper_descriptor" (SlotDescr) in
 * the dict of each built-in type for each slot the type defines itself; looked up on an instance
 * it binds into a "method-wrapper" (SlotWrapper). __new__ is a static method taking the type. */

typedef struct {
    MiniObject_HEAD
    MiniTypeObject *base;      /* owned: the type whose slot is called */
    MiniObject *self;          /* owned */
    const char *name;          /* static */
} SlotWrapperObject;

/* The cycle collector's slot of bound slot wrappers (`obj.__init__` of a C base): the instance. */
static int slotwrapper_traverse(MiniObject *op, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((SlotWrapperObject *)op)->base);
    Mini_VISIT(((SlotWrapperObject *)op)->self);
    return 0;
}

typedef struct {
    MiniObject_HEAD
    MiniTypeObject *base;      /* owned */
    const char *name;          /* static */
} SlotDescrObject;

static MiniTypeObject SlotWrapper_Type, SlotDescr_Type;

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

static const struct { const char *name, *rname; int nb; } binary_slots[] = {
    { "__add__", "__radd__", offsetof(MiniNumberMethods, nb_add) },
    { "__sub__", "__rsub__", offsetof(MiniNumberMethods, nb_subtract) },
    { "__mul__", "__rmul__", offsetof(MiniNumberMethods, nb_multiply) },
    { "__mod__", "__rmod__", offsetof(MiniNumberMethods, nb_remainder) },
    { "__floordiv__", "__rfloordiv__", offsetof(MiniNumberMethods, nb_floor_divide) },
    { "__truediv__", "__rtruediv__", offsetof(MiniNumberMethods, nb_true_divide) },
    { "__matmul__", "__rmatmul__", offsetof(MiniNumberMethods, nb_matrix_multiply) },
    { NULL, NULL, 0 },
};
static const struct { const char *name; int nb; } unary_slots[] = {
    { "__neg__", offsetof(MiniNumberMethods, nb_negative) },
    { "__pos__", offsetof(MiniNumberMethods, nb_positive) },
    { "__abs__", offsetof(MiniNumberMethods, nb_absolute) },
    { "__int__", offsetof(MiniNumberMethods, nb_int) },
    { "__float__", offsetof(MiniNumberMethods, nb_float) },
    { "__index__", offsetof(MiniNumberMethods, nb_index) },
    { NULL, 0 },
};
#define NB_SLOT(t, off) ((t)->tp_as_number ? *(void **)((char *)(t)->tp_as_number + (off)) : NULL)

static MiniObject *wrong_args(const char *name, Mini_ssize_t want, Mini_ssize_t n) {
    return MiniErr_Format(MiniExc_TypeError, "expected %zd argument%s, got %zd", want, want == 1 ? "" : "s", n);
    (void)name;
}

static MiniObject *int_result(Mini_ssize_t v) { return v == -1 && MiniErr_Occurred() ? NULL : MiniLong_FromSsize_t(v); }

static MiniObject *none_result(int r) { if (r < 0) return NULL; Mini_RETURN_NONE; }

/* Calls base's slot behind name with self and the arguments. */
static MiniObject *call_slot(MiniTypeObject *b, MiniObject *self, const char *name, MiniObject *args, MiniObject *kwargs) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    MiniObject *a0 = n > 0 ? MiniTuple_GET_ITEM(args, 0) : NULL, *a1 = n > 1 ? MiniTuple_GET_ITEM(args, 1) : NULL;
    if (strcmp(name, "__init__") == 0) {
        if (b->tp_init != NULL && b->tp_init(self, args, kwargs) < 0) return NULL;
        Mini_RETURN_NONE;
    }
    if (strcmp(name, "__call__") == 0) {
        if (b->tp_call == NULL) return MiniErr_Format(MiniExc_TypeError, "'%s' object is not callable", MiniType_Name(b));
        return b->tp_call(self, args, kwargs);
    }
    if (kwargs != NULL && MiniDict_Size(kwargs) > 0)
        return MiniErr_Format(MiniExc_TypeError, "wrapper %s() takes no keyword arguments", name);
    if (strcmp(name, "__repr__") == 0) return n ? wrong_args(name, 0, n) : b->tp_repr ? b->tp_repr(self) : MiniObject_Repr(self);
    if (strcmp(name, "__str__") == 0)
        return n ? wrong_args(name, 0, n) : b->tp_str ? b->tp_str(self) : b->tp_repr ? b->tp_repr(self) : MiniObject_Repr(self);
    if (strcmp(name, "__hash__") == 0) {
        if (n) return wrong_args(name, 0, n);
        if (b->tp_hash == NULL) return MiniErr_Format(MiniExc_TypeError, "unhashable type: '%s'", MiniType_Name(Mini_TYPE(self)));
        return int_result((Mini_ssize_t)b->tp_hash(self));
    }
    if (strcmp(name, "__setattr__") == 0) {
        if (n != 2) return wrong_args(name, 2, n);
        return none_result((b->tp_setattro ? b->tp_setattro : MiniObject_GenericSetAttr)(self, a0, a1));
    }
    if (strcmp(name, "__delattr__") == 0) {
        if (n != 1) return wrong_args(name, 1, n);
        return none_result((b->tp_setattro ? b->tp_setattro : MiniObject_GenericSetAttr)(self, a0, NULL));
    }
    if (strcmp(name, "__getattribute__") == 0) {
        if (n != 1) return wrong_args(name, 1, n);
        if (!MiniUnicode_Check(a0))
            return MiniErr_Format(MiniExc_TypeError, "attribute name must be string, not '%.200s'", MiniType_Name(Mini_TYPE(a0)));
        return (b->tp_getattro ? b->tp_getattro : MiniObject_GenericGetAttr)(self, a0);
    }
    for (int op = 0; op < 6; op++) {
        if (strcmp(name, cmp_names[op]) == 0) {
            if (n != 1) return wrong_args(name, 1, n);
            if (b->tp_richcompare == NULL) Mini_RETURN_NOTIMPLEMENTED;
            return b->tp_richcompare(self, a0, op);
        }
    }
    if (strcmp(name, "__len__") == 0) {
        if (n) return wrong_args(name, 0, n);
        if (b->tp_as_sequence && b->tp_as_sequence->sq_length) return int_result(b->tp_as_sequence->sq_length(self));
        if (b->tp_as_mapping && b->tp_as_mapping->mp_length) return int_result(b->tp_as_mapping->mp_length(self));
    }
    if (strcmp(name, "__getitem__") == 0) {
        if (n != 1) return wrong_args(name, 1, n);
        if (b->tp_as_mapping && b->tp_as_mapping->mp_subscript) return b->tp_as_mapping->mp_subscript(self, a0);
        if (b->tp_as_sequence && b->tp_as_sequence->sq_item) {
            Mini_ssize_t i = MiniNumber_AsSsize_t(a0, MiniExc_IndexError);
            if (i == -1 && MiniErr_Occurred()) return NULL;
            if (i < 0 && b->tp_as_sequence->sq_length) i += b->tp_as_sequence->sq_length(self);
            return b->tp_as_sequence->sq_item(self, i);
        }
    }
    if (strcmp(name, "__setitem__") == 0 || strcmp(name, "__delitem__") == 0) {
        int set = name[2] == 's';
        if (n != (set ? 2 : 1)) return wrong_args(name, set ? 2 : 1, n);
        if (b->tp_as_mapping && b->tp_as_mapping->mp_ass_subscript)
            return none_result(b->tp_as_mapping->mp_ass_subscript(self, a0, set ? a1 : NULL));
    }
    if (strcmp(name, "__contains__") == 0) {
        if (n != 1) return wrong_args(name, 1, n);
        int r = MiniSequence_Contains(self, a0);
        return r < 0 ? NULL : MiniBool_FromLong(r);
    }
    if (strcmp(name, "__iter__") == 0 && b->tp_iter) return n ? wrong_args(name, 0, n) : b->tp_iter(self);
    if (strcmp(name, "__next__") == 0 && b->tp_iternext) {
        if (n) return wrong_args(name, 0, n);
        MiniObject *r = b->tp_iternext(self);
        if (r == NULL && !MiniErr_Occurred()) MiniErr_SetNone(MiniExc_StopIteration);
        return r;
    }
    if (strcmp(name, "__bool__") == 0 && b->tp_as_number && b->tp_as_number->nb_bool) {
        if (n) return wrong_args(name, 0, n);
        int r = b->tp_as_number->nb_bool(self);
        return r < 0 ? NULL : MiniBool_FromLong(r);
    }
    if (strcmp(name, "__get__") == 0 && b->tp_descr_get) {
        if (n < 1 || n > 2) return wrong_args(name, 2, n);
        return b->tp_descr_get(self, a0 == Mini_None ? NULL : a0, a1 == NULL || a1 == Mini_None ? NULL : a1);
    }
    if (strcmp(name, "__pow__") == 0 || strcmp(name, "__rpow__") == 0) {
        if (n < 1 || n > 2 || !b->tp_as_number || !b->tp_as_number->nb_power) return wrong_args(name, 1, n);
        return name[2] == 'r' ? b->tp_as_number->nb_power(a0, self, a1 ? a1 : Mini_None)
                              : b->tp_as_number->nb_power(self, a0, a1 ? a1 : Mini_None);
    }
    for (int i = 0; binary_slots[i].name != NULL; i++) {
        int rev = strcmp(name, binary_slots[i].rname) == 0;
        if (!rev && strcmp(name, binary_slots[i].name) != 0) continue;
        Mini_binaryfunc f = (Mini_binaryfunc)NB_SLOT(b, binary_slots[i].nb);
        if (f == NULL) break;
        if (n != 1) return wrong_args(name, 1, n);
        return rev ? f(a0, self) : f(self, a0);
    }
    for (int i = 0; unary_slots[i].name != NULL; i++) {
        if (strcmp(name, unary_slots[i].name) != 0) continue;
        Mini_unaryfunc f = (Mini_unaryfunc)NB_SLOT(b, unary_slots[i].nb);
        if (f == NULL) break;
        if (n) return wrong_args(name, 0, n);
        return f(self);
    }
    return MiniErr_Format(MiniExc_TypeError, "%s() is not supported by '%s'", name, MiniType_Name(b));
}

static MiniObject *slotwrapper_call(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    SlotWrapperObject *w = (SlotWrapperObject *)op;
    return call_slot(w->base, w->self, w->name, args, kwargs);
}

static MiniObject *slotwrapper_repr(MiniObject *op) {
    SlotWrapperObject *w = (SlotWrapperObject *)op;
    return MiniUnicode_FromFormat("<method-wrapper '%s' of %s object at %p>", w->name,
                                  MiniType_Name(Mini_TYPE(w->self)), (void *)w->self);
}

static MiniTypeObject SlotWrapper_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "method-wrapper",
    .tp_basicsize = sizeof(SlotWrapperObject),
    .tp_dealloc = slotwrapper_dealloc,
    .tp_repr = slotwrapper_repr,
    .tp_call = slotwrapper_call,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = slotwrapper_traverse,
};

/* The unbound form: type.__name__ as found in the type's dict. */
static void slotdescr_dealloc(MiniObject *op) {
    Mini_CLEAR(((SlotDescrObject *)op)->base);
    MiniObject_Free(op);
}

static MiniObject *slotdescr_get(MiniObject *op, MiniObject *obj, MiniObject *type) {
    (void)type;
    SlotDescrObject *d = (SlotDescrObject *)op;
    if (obj == NULL || strcmp(d->name, "__new__") == 0) return Mini_NewRef(op);
    return slotwrapper_new(d->base, obj, d->name);
}

/* type.__new__(subtype, *args): the base's tp_new with the subtype, as CPython's tp_new_wrapper. */
static MiniObject *call_new(MiniTypeObject *b, MiniObject *args, MiniObject *kwargs) {
    const char *bn = MiniType_Name(b);
    if (MiniTuple_GET_SIZE(args) < 1)
        return MiniErr_Format(MiniExc_TypeError, "%s.__new__(): not enough arguments", bn);
    MiniObject *sub = MiniTuple_GET_ITEM(args, 0);
    if (!MiniType_Check(sub))
        return MiniErr_Format(MiniExc_TypeError, "%s.__new__(X): X is not a type object (%s)", bn, MiniType_Name(Mini_TYPE(sub)));
    MiniTypeObject *st = (MiniTypeObject *)sub;
    if (!MiniType_IsSubtype(st, b))
        return MiniErr_Format(MiniExc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", bn, MiniType_Name(st),
                              MiniType_Name(st), bn);
    if (b->tp_new == NULL) return MiniErr_Format(MiniExc_TypeError, "cannot create '%s' instances", bn);
    MiniObject *rest = MiniTuple_GetSlice(args, 1, MiniTuple_GET_SIZE(args));
    if (rest == NULL) return NULL;
    MiniObject *res;
    if (b == &MiniBaseObject_Type) {
        /* object.__new__(cls, *args) accepts extra arguments when cls has its own __init__ and
         * does not override __new__ (CPython's rule). */
        int excess = MiniTuple_GET_SIZE(rest) > 0 || (kwargs != NULL && MiniDict_Size(kwargs) > 0);
        if (excess && (python_new(st) != NULL || !(st->tp_flags & MINI_TPFLAGS_HEAPTYPE))) {
            Mini_DECREF(rest);
            return MiniErr_Format(MiniExc_TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
        }
        if (excess && st->tp_init == MiniBaseObject_Type.tp_init) {
            Mini_DECREF(rest);
            return MiniErr_Format(MiniExc_TypeError, "%s() takes no arguments", MiniType_Name(st));
        }
        res = MiniType_GenericNew(st, rest, NULL);
    } else {
        res = b->tp_new(st, rest, kwargs);
    }
    Mini_DECREF(rest);
    track_instance(res);
    return res;
}

static MiniObject *slotdescr_call(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    SlotDescrObject *d = (SlotDescrObject *)op;
    if (strcmp(d->name, "__new__") == 0) return call_new(d->base, args, kwargs);
    if (MiniTuple_GET_SIZE(args) < 1)
        return MiniErr_Format(MiniExc_TypeError, "descriptor '%s' of '%s' object needs an argument", d->name, MiniType_Name(d->base));
    MiniObject *self = MiniTuple_GET_ITEM(args, 0);
    if (!MiniObject_TypeCheck(self, d->base))
        return MiniErr_Format(MiniExc_TypeError, "descriptor '%s' requires a '%s' object but received a '%s'", d->name,
                              MiniType_Name(d->base), MiniType_Name(Mini_TYPE(self)));
    MiniObject *rest = MiniTuple_GetSlice(args, 1, MiniTuple_GET_SIZE(args));
    if (rest == NULL) return NULL;
    MiniObject *res = call_slot(d->base, self, d->name, rest, kwargs);
    Mini_DECREF(rest);
    return res;
}

static MiniObject *slotdescr_repr(MiniObject *op) {
    SlotDescrObject *d = (SlotDescrObject *)op;
    if (strcmp(d->name, "__new__") == 0)
        return MiniUnicode_FromFormat("<built-in method __new__ of type object at %p>", (void *)d->base);
    return MiniUnicode_FromFormat("<slot wrapper '%s' of '%s' objects>", d->name, MiniType_Name(d->base));
}

static MiniTypeObject SlotDescr_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "wrapper_descriptor",
    .tp_basicsize = sizeof(SlotDescrObject),
    .tp_dealloc = slotdescr_dealloc,
    .tp_repr = slotdescr_repr,
    .tp_call = slotdescr_call,
    .tp_descr_get = slotdescr_get,
};

/* 1 if t defines the slot behind name itself (not inherited unchanged from its base). */
static int defines_slot(MiniTypeObject *t, const char *name) {
    MiniTypeObject *b = t->tp_base;
#define OWN(field) (t->field != NULL && (b == NULL || b->field != t->field))
#define OWN_SUB(sub, field) (t->sub != NULL && t->sub->field != NULL && \
        (b == NULL || b->sub == NULL || b->sub->field != t->sub->field))
    if (!strcmp(name, "__new__")) return OWN(tp_new);
    if (!strcmp(name, "__init__")) return OWN(tp_init);
    if (!strcmp(name, "__repr__")) return OWN(tp_repr);
    if (!strcmp(name, "__str__")) return OWN(tp_str);
    if (!strcmp(name, "__hash__")) return OWN(tp_hash);
    if (!strcmp(name, "__call__")) return OWN(tp_call);
    if (!strcmp(name, "__getattribute__")) return OWN(tp_getattro);
    if (!strcmp(name, "__setattr__") || !strcmp(name, "__delattr__")) return OWN(tp_setattro);
    if (!strcmp(name, "__iter__")) return OWN(tp_iter);
    if (!strcmp(name, "__next__")) return OWN(tp_iternext);
    if (!strcmp(name, "__get__")) return OWN(tp_descr_get);
    for (int op = 0; op < 6; op++) if (!strcmp(name, cmp_names[op])) return OWN(tp_richcompare);
    if (!strcmp(name, "__len__")) return OWN_SUB(tp_as_sequence, sq_length) || OWN_SUB(tp_as_mapping, mp_length);
    if (!strcmp(name, "__getitem__")) return OWN_SUB(tp_as_mapping, mp_subscript) || OWN_SUB(tp_as_sequence, sq_item);
    if (!strcmp(name, "__setitem__") || !strcmp(name, "__delitem__")) return OWN_SUB(tp_as_mapping, mp_ass_subscript);
    if (!strcmp(name, "__contains__")) return OWN_SUB(tp_as_sequence, sq_contains);
    if (!strcmp(name, "__bool__")) return OWN_SUB(tp_as_number, nb_bool);
    if (!strcmp(name, "__pow__") || !strcmp(name, "__rpow__")) return OWN_SUB(tp_as_number, nb_power);
    for (int i = 0; binary_slots[i].name != NULL; i++)
        if (!strcmp(name, binary_slots[i].name) || !strcmp(name, binary_slots[i].rname))
            return t->tp_as_number && NB_SLOT(t, binary_slots[i].nb) &&
                   (b == NULL || NB_SLOT(b, binary_slots[i].nb) != NB_SLOT(t, binary_slots[i].nb));
    for (int i = 0; unary_slots[i].name != NULL; i++)
        if (!strcmp(name, unary_slots[i].name))
            return t->tp_as_number && NB_SLOT(t, unary_slots[i].nb) &&
                   (b == NULL || NB_SLOT(b, unary_slots[i].nb) != NB_SLOT(t, unary_slots[i].nb));
#undef OWN
#undef OWN_SUB
    return 0;
}

static const char *const wrapped_names[] = {
    "__new__", "__init__", "__repr__", "__str__", "__hash__", "__call__", "__getattribute__", "__setattr__",
    "__delattr__", "__iter__", "__next__", "__get__", "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__",
    "__len__", "__getitem__", "__setitem__", "__delitem__", "__contains__", "__bool__", "__pow__", "__rpow__",
    "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__mod__", "__rmod__", "__floordiv__",
    "__rfloordiv__", "__truediv__", "__rtruediv__", "__matmul__", "__rmatmul__", "__neg__", "__pos__", "__abs__",
    "__int__", "__float__", "__index__", NULL,
};

/* Puts the wrapper descriptors for t's own slots in its dict (names already there are kept). */
int _MiniVM_AddSlotWrappers(MiniTypeObject *t) {
    if (!(t->tp_flags & MINI_TPFLAGS_READY) && MiniType_Ready(t) < 0) return -1;
    for (int i = 0; wrapped_names[i] != NULL; i++) {
        const char *name = wrapped_names[i];
        if (!defines_slot(t, name) || MiniDict_GetItemString(t->tp_dict, name) != NULL) continue;
        SlotDescrObject *d = (SlotDescrObject *)MiniObject_New(&SlotDescr_Type);
        if (d == NULL) return -1;
        d->base = (MiniTypeObject *)Mini_NewRef(t);
        d->name = name;
        int r = MiniDict_SetItemString(t->tp_dict, name, (MiniObject *)d);
        Mini_DECREF(d);
        if (r < 0) return -1;
    }
    return 0;
}

/* ----- super ------------------------------------------------------------------------------------------------ */

typedef struct {
    MiniObject_HEAD
    MiniTypeObject *type;      /* the class the method was defined in */
    MiniObject *obj;           /* the instance (or class) */
    MiniTypeObject *obj_type;
} SuperObject;

static int super_traverse(MiniObject *op, Mini_visitproc visit, void *arg) {
    SuperObject *s = (SuperObject *)op;
    Mini_VISIT(s->type);
    Mini_VISIT(s->obj);
    Mini_VISIT(s->obj_type);
    return 0;
}

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
        /* Search the classes after s->type in the MRO of the instance's type. */
        MiniObject *mro = _MiniType_MROTuple(s->obj_type);
        if (mro == NULL) return NULL;
        Mini_ssize_t i = 0, n = MiniTuple_GET_SIZE(mro);
        while (i < n && MiniTuple_GET_ITEM(mro, i) != (MiniObject *)s->type) i++;
        for (i++; i < n; i++) {
            MiniTypeObject *t = (MiniTypeObject *)MiniTuple_GET_ITEM(mro, i);
            MiniObject *descr = t->tp_dict ? MiniDict_GetItemWithError(t->tp_dict, name) : NULL;
            if (descr == NULL && MiniErr_Occurred()) { Mini_DECREF(mro); return NULL; }
            if (descr == NULL) continue;
            Mini_descrgetfunc get = Mini_TYPE(descr)->tp_descr_get;
            Mini_INCREF(descr);
            Mini_DECREF(mro);
            if (get == NULL) return descr;
            MiniObject *obj = (s->obj == (MiniObject *)s->obj_type) ? NULL : s->obj;
            MiniObject *res = get(descr, obj, (MiniObject *)s->obj_type);
            Mini_DECREF(descr);
            return res;
        }
        Mini_DECREF(mro);
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
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = super_traverse,
};

/* ----- methods of object and type that Python code calls by name ------------------------------------------ */

/* object.__init_subclass__(cls): takes no keyword arguments. */
static MiniObject *object_init_subclass(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (kwnames != NULL && MiniTuple_GET_SIZE(kwnames) > 0)
        return MiniErr_Format(MiniExc_TypeError, "%s.__init_subclass__() takes no keyword arguments",
                              nargs > 0 && MiniType_Check(args[0]) ? MiniType_Name((MiniTypeObject *)args[0]) : "object");
    if (nargs != 1) return MiniErr_Format(MiniExc_TypeError, "__init_subclass__() takes no arguments (%zd given)", nargs - 1);
    Mini_RETURN_NONE;
}

/* object.__subclasshook__(cls, sub): NotImplemented (abc's default). */
static MiniObject *object_subclasshook(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self; (void)args; (void)nargs; (void)kwnames;
    Mini_RETURN_NOTIMPLEMENTED;
}

/* type.__prepare__(name, bases, **kw): a new empty dict. */
static MiniObject *type_prepare(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self; (void)args; (void)nargs; (void)kwnames;
    return MiniDict_New();
}

static int check_type_arg(MiniObject *o, const char *what) {
    if (MiniType_Check(o)) return 0;
    MiniErr_Format(MiniExc_TypeError, "%s", what);
    return -1;
}

/* type.__instancecheck__(cls, obj) and type.__subclasscheck__(cls, sub): the plain checks. */
static MiniObject *type_instancecheck(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self; (void)kwnames;
    if (nargs != 2 || check_type_arg(args[0], "__instancecheck__() requires a type") < 0) {
        if (!MiniErr_Occurred()) MiniErr_Format(MiniExc_TypeError, "__instancecheck__() takes exactly one argument");
        return NULL;
    }
    MiniTypeObject *cls = (MiniTypeObject *)args[0];
    int r = MiniObject_TypeCheck(args[1], cls);
    if (!r) {
        /* An object whose __class__ claims the class (proxies) counts too, as CPython does. */
        MiniObject *c = MiniObject_GetAttrString(args[1], "__class__");
        if (c == NULL) MiniErr_Clear();
        else { r = c != (MiniObject *)Mini_TYPE(args[1]) && MiniType_Check(c) && MiniType_IsSubtype((MiniTypeObject *)c, cls); Mini_DECREF(c); }
    }
    return MiniBool_FromLong(r);
}

static MiniObject *type_subclasscheck(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self; (void)kwnames;
    if (nargs != 2) return MiniErr_Format(MiniExc_TypeError, "__subclasscheck__() takes exactly one argument");
    if (check_type_arg(args[0], "__subclasscheck__() requires a type") < 0 ||
        check_type_arg(args[1], "issubclass() arg 1 must be a class") < 0)
        return NULL;
    return MiniBool_FromLong(MiniType_IsSubtype((MiniTypeObject *)args[1], (MiniTypeObject *)args[0]));
}

/* cls.mro(): the MRO as a list. */
static MiniObject *type_mro_method(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self; (void)kwnames;
    if (nargs != 1 || check_type_arg(args[0], "descriptor 'mro' requires a 'type' object") < 0) {
        if (!MiniErr_Occurred()) MiniErr_Format(MiniExc_TypeError, "mro() takes no arguments");
        return NULL;
    }
    MiniObject *t = _MiniType_MROTuple((MiniTypeObject *)args[0]);
    if (t == NULL) return NULL;
    MiniObject *l = MiniList_New(0);
    if (l != NULL && MiniList_Extend(l, t) < 0) Mini_CLEAR(l);
    Mini_DECREF(t);
    return l;
}

/* cls.__subclasses__(): the live classes created by class statements whose bases include cls. */
static MiniObject *type_subclasses(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self; (void)kwnames;
    if (nargs != 1 || check_type_arg(args[0], "descriptor '__subclasses__' requires a 'type' object") < 0) {
        if (!MiniErr_Occurred()) MiniErr_Format(MiniExc_TypeError, "__subclasses__() takes no arguments");
        return NULL;
    }
    MiniObject *l = MiniList_New(0);
    if (l == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < nclasses; i++) {
        MiniObject *cls = NULL;
        if (MiniWeakref_GetRef(classes[i].ref, &cls) != 1) continue;
        MiniHeapTypeObject *ht = (MiniHeapTypeObject *)cls;
        int r = 0;
        if (ht->ht_bases != NULL && ht->type.tp_dict != NULL) {
            for (Mini_ssize_t j = 0; j < MiniTuple_GET_SIZE(ht->ht_bases); j++) {
                if (MiniTuple_GET_ITEM(ht->ht_bases, j) != args[0]) continue;
                r = MiniList_Append(l, cls);
                break;
            }
        }
        Mini_DECREF(cls);
        if (r < 0) { Mini_DECREF(l); return NULL; }
    }
    return l;
}

/* A builtin stored in a type's dict that binds like a Python function: looked up on an instance
 * it gives a bound method (the instance becomes args[0]); on the type, the builtin itself. */
typedef struct {
    MiniObject_HEAD
    MiniObject *func;          /* owned builtin */
} VMMethodDescrObject;

static void vmmethod_dealloc(MiniObject *op) {
    Mini_CLEAR(((VMMethodDescrObject *)op)->func);
    MiniObject_Free(op);
}

static MiniObject *vmmethod_get(MiniObject *op, MiniObject *obj, MiniObject *type) {
    (void)type;
    MiniObject *f = ((VMMethodDescrObject *)op)->func;
    return obj == NULL ? Mini_NewRef(f) : _MiniMethod_New(f, obj);
}

static MiniObject *vmmethod_call(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    return MiniObject_Call(((VMMethodDescrObject *)op)->func, args, kwargs);
}

static MiniTypeObject VMMethodDescr_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "method_descriptor",
    .tp_basicsize = sizeof(VMMethodDescrObject),
    .tp_dealloc = vmmethod_dealloc,
    .tp_call = vmmethod_call,
    .tp_descr_get = vmmethod_get,
};

static MiniObject *_MiniVM_MethodDescrNew(MiniObject *f) {
    VMMethodDescrObject *d = (VMMethodDescrObject *)MiniObject_New(&VMMethodDescr_Type);
    if (d == NULL) return NULL;
    d->func = Mini_NewRef(f);
    return (MiniObject *)d;
}

/* Puts the builtin fn in t's dict under name, as a classmethod or as a method descriptor (either
 * way the class or instance arrives as args[0]). */
static int add_builtin_method(MiniTypeObject *t, const char *name, MiniVMFastFunc fn, int classmethod) {
    if (MiniDict_GetItemString(t->tp_dict, name) != NULL) return 0;
    MiniObject *f = _MiniVMBuiltin_New(name, fn, NULL);
    if (f == NULL) return -1;
    if (classmethod) {
        MiniObject *cm = MiniObject_CallOneArg((MiniObject *)&MiniClassMethod_Type, f);
        Mini_DECREF(f);
        if ((f = cm) == NULL) return -1;
    } else {
        MiniObject *m = _MiniVM_MethodDescrNew(f);
        Mini_DECREF(f);
        if ((f = m) == NULL) return -1;
    }
    int r = MiniDict_SetItemString(t->tp_dict, name, f);
    Mini_DECREF(f);
    return r;
}

int _MiniVM_InitClasses(MiniObject *builtins) {
    if (MiniType_Ready(&SlotWrapper_Type) < 0 || MiniType_Ready(&SlotDescr_Type) < 0 || MiniType_Ready(&VMMethodDescr_Type) < 0 ||
        MiniType_Ready(&MiniVMSuper_Type) < 0 || _MiniVM_InitTypeNew() < 0)
        return -1;
    MiniTypeObject *wrapped[] = {
        &MiniBaseObject_Type, &MiniType_Type, &MiniLong_Type, &MiniFloat_Type, &MiniUnicode_Type, &MiniBytes_Type,
        &MiniTuple_Type, &MiniList_Type, &MiniDict_Type, &MiniSet_Type, &MiniFrozenSet_Type,
        (MiniTypeObject *)MiniExc_BaseException, &MiniProperty_Type, &MiniFunction_Type, NULL,
    };
    for (int i = 0; wrapped[i] != NULL; i++)
        if (_MiniVM_AddSlotWrappers(wrapped[i]) < 0) return -1;
    if (add_builtin_method(&MiniBaseObject_Type, "__init_subclass__", object_init_subclass, 1) < 0 ||
        add_builtin_method(&MiniBaseObject_Type, "__subclasshook__", object_subclasshook, 1) < 0 ||
        add_builtin_method(&MiniType_Type, "__prepare__", type_prepare, 1) < 0 ||
        add_builtin_method(&MiniType_Type, "__instancecheck__", type_instancecheck, 0) < 0 ||
        add_builtin_method(&MiniType_Type, "__subclasscheck__", type_subclasscheck, 0) < 0 ||
        add_builtin_method(&MiniType_Type, "mro", type_mro_method, 0) < 0 ||
        add_builtin_method(&MiniType_Type, "__subclasses__", type_subclasses, 0) < 0 ||
        add_builtin_method(&MiniLong_Type, "from_bytes", _MiniVM_IntFromBytes, 1) < 0)
        return -1;
    MiniTypeObject *generic[] = { &MiniList_Type, &MiniDict_Type, &MiniTuple_Type, &MiniSet_Type, &MiniFrozenSet_Type,
                                  &MiniType_Type, NULL };
    for (int i = 0; generic[i] != NULL; i++)
        if (add_builtin_method(generic[i], "__class_getitem__", _MiniVM_ClassGetItem, 1) < 0) return -1;
    if (_MiniByteArray_Ready() < 0 || _MiniVM_AddSlotWrappers(&MiniByteArray_Type) < 0 ||
        MiniDict_SetItemString(builtins, "bytearray", (MiniObject *)&MiniByteArray_Type) < 0 ||
        MiniDict_SetItemString(builtins, "memoryview", (MiniObject *)&MiniMemoryView_Type) < 0)
        return -1;
    MiniObject *sup = _MiniVMBuiltin_New("super", builtin_super, NULL);
    MiniObject *bc = _MiniVMBuiltin_New("__build_class__", _MiniVM_BuildClass, NULL);
    int r = (sup && bc && MiniDict_SetItemString(builtins, "super", sup) == 0 &&
             MiniDict_SetItemString(builtins, "__build_class__", bc) == 0) ? 0 : -1;
    Mini_XDECREF(sup);
    Mini_XDECREF(bc);
    return r;
}
