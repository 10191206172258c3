/* vm/vmtypenew.c: how a class comes to exist, as CPython's type_new and __build_class__ do it.
 *
 * __build_class__(func, name, *bases, metaclass=..., **kw) resolves __mro_entries__, picks the
 * most derived metaclass of the one given and the bases' types, asks it for a namespace
 * (__prepare__), runs the class body in that namespace and calls the metaclass with (name, bases,
 * namespace, **kw). type.__new__ (installed as the hook of CShims' type_new) then builds the
 * class: the layout base (the bases must agree on one), the C3 MRO, __slots__ (member
 * descriptors instead of a __dict__), the implicit staticmethod/classmethod of __new__,
 * __init_subclass__ and __class_getitem__, __qualname__ and __classcell__, the VM's slot
 * functions for the dunders the class and its Python bases define, __set_name__ on the
 * namespace's values, and finally the parent's __init_subclass__(**kw).
 * Also here: the "member_descriptor" type behind __slots__. */
#include "vm_internal.h"
#include "objimpl_internal.h"
#include "lib_internal.h"
#include "dict_internal.h"

#include <string.h>

/* ----- member descriptors (__slots__) ------------------------------------------------------------ */

typedef struct {
    MiniObject_HEAD
    MiniTypeObject *owner;     /* owned */
    MiniObject *name;          /* owned str */
    Mini_ssize_t offset;       /* of the MiniObject * slot inside an instance */
} MemberDescrObject;

static MiniTypeObject MemberDescr_Type;

static MiniObject *member_new(MiniTypeObject *owner, MiniObject *name, Mini_ssize_t offset) {
    MemberDescrObject *m = (MemberDescrObject *)MiniObject_New(&MemberDescr_Type);
    if (m == NULL) return NULL;
    m->owner = (MiniTypeObject *)Mini_NewRef(owner);
    m->name = Mini_NewRef(name);
    m->offset = offset;
    return (MiniObject *)m;
}

static void member_dealloc(MiniObject *op) {
    MemberDescrObject *m = (MemberDescrObject *)op;
    Mini_CLEAR(m->owner);
    Mini_CLEAR(m->name);
    MiniObject_Free(op);
}

static int member_check(MemberDescrObject *m, MiniObject *obj) {
    if (MiniObject_TypeCheck(obj, m->owner)) return 0;
    MiniErr_Format(MiniExc_TypeError, "descriptor '%U' for '%s' objects doesn't apply to a '%s' object",
                   m->name, MiniType_Name(m->owner), MiniType_Name(Mini_TYPE(obj)));
    return -1;
}

static MiniObject *member_get(MiniObject *op, MiniObject *obj, MiniObject *type) {
    (void)type;
    MemberDescrObject *m = (MemberDescrObject *)op;
    if (obj == NULL || obj == Mini_None) return Mini_NewRef(op);
    if (member_check(m, obj) < 0) return NULL;
    MiniObject *v = *(MiniObject **)((char *)obj + m->offset);
    if (v == NULL) return _MiniObject_NoAttribute(obj, m->name);
    return Mini_NewRef(v);
}

static int member_set(MiniObject *op, MiniObject *obj, MiniObject *value) {
    MemberDescrObject *m = (MemberDescrObject *)op;
    if (member_check(m, obj) < 0) return -1;
    MiniObject **slot = (MiniObject **)((char *)obj + m->offset);
    if (value == NULL && *slot == NULL) { MiniErr_SetObject(MiniExc_AttributeError, m->name); return -1; }
    Mini_XINCREF(value);
    Mini_SETREF(*slot, value);
    return 0;
}

static MiniObject *member_repr(MiniObject *op) {
    MemberDescrObject *m = (MemberDescrObject *)op;
    return MiniUnicode_FromFormat("<member '%U' of '%s' objects>", m->name, MiniType_Name(m->owner));
}

static MiniTypeObject MemberDescr_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "member_descriptor",
    .tp_basicsize = sizeof(MemberDescrObject),
    .tp_dealloc = member_dealloc,
    .tp_repr = member_repr,
    .tp_descr_get = member_get,
    .tp_descr_set = member_set,
};

int _MiniVM_MemberOffset(MiniObject *descr, MiniTypeObject *tp, Mini_ssize_t *offset) {
    if (Mini_TYPE(descr) != &MemberDescr_Type || !MiniType_IsSubtype(tp, ((MemberDescrObject *)descr)->owner)) return 0;
    *offset = ((MemberDescrObject *)descr)->offset;
    return 1;
}

void _MiniVM_ClearSlots(MiniObject *self) {
    for (MiniTypeObject *t = Mini_TYPE(self); t != NULL && (t->tp_flags & MINI_TPFLAGS_HEAPTYPE); t = t->tp_base) {
        MiniHeapTypeObject *ht = (MiniHeapTypeObject *)t;
        for (Mini_ssize_t i = 0; i < ht->ht_nslots; i++) {
            MiniObject **slot = (MiniObject **)((char *)self + ht->ht_slotoffset + i * (Mini_ssize_t)sizeof(MiniObject *));
            Mini_CLEAR(*slot);
        }
    }
}

int _MiniVM_HasSlotValues(MiniObject *self) {
    for (MiniTypeObject *t = Mini_TYPE(self); t != NULL && (t->tp_flags & MINI_TPFLAGS_HEAPTYPE); t = t->tp_base) {
        MiniHeapTypeObject *ht = (MiniHeapTypeObject *)t;
        for (Mini_ssize_t i = 0; i < ht->ht_nslots; i++)
            if (*(MiniObject **)((char *)self + ht->ht_slotoffset + i * (Mini_ssize_t)sizeof(MiniObject *)) != NULL)
                return 1;
    }
    return 0;
}

/* ----- metaclass and layout base ----------------------------------------------------------------- */

MiniTypeObject *_MiniVM_CalculateMetaclass(MiniTypeObject *meta, MiniObject *bases) {
    MiniTypeObject *winner = meta;
    for (Mini_ssize_t i = 0, n = MiniTuple_GET_SIZE(bases); i < n; i++) {
        MiniTypeObject *t = Mini_TYPE(MiniTuple_GET_ITEM(bases, i));
        if (MiniType_IsSubtype(winner, t)) continue;
        if (MiniType_IsSubtype(t, winner)) { winner = t; continue; }
        MiniErr_SetString(MiniExc_TypeError, "metaclass conflict: the metaclass of a derived class must be a "
                          "(non-strict) subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

/* The type that fixes an instance's C layout: t itself when it adds fields (a C type bigger than
 * its base, a class with __slots__), else its base's solid base. Dicts and the VM's tracking
 * node do not count, as CPython ignores __dict__ and __weakref__. */
static MiniTypeObject *solid_base(MiniTypeObject *t) {
    if (t->tp_base == NULL) return t;
    MiniTypeObject *sb = solid_base(t->tp_base);
    int extra;
    if (t->tp_flags & MINI_TPFLAGS_HEAPTYPE)
        extra = ((MiniHeapTypeObject *)t)->ht_nslots > 0;
    else
        extra = t->tp_basicsize != t->tp_base->tp_basicsize || t->tp_itemsize != t->tp_base->tp_itemsize;
    return extra ? t : sb;
}

static MiniTypeObject *best_base(MiniObject *bases) {
    MiniTypeObject *base = NULL, *winner = NULL;
    for (Mini_ssize_t i = 0, n = MiniTuple_GET_SIZE(bases); i < n; i++) {
        MiniObject *b = MiniTuple_GET_ITEM(bases, i);
        if (!MiniType_Check(b)) {
            MiniErr_SetString(MiniExc_TypeError, "bases must be types");
            return NULL;
        }
        MiniTypeObject *bt = (MiniTypeObject *)b;
        if (!(bt->tp_flags & MINI_TPFLAGS_READY) && MiniType_Ready(bt) < 0) return NULL;
        if (!(bt->tp_flags & MINI_TPFLAGS_BASETYPE)) {
            MiniErr_Format(MiniExc_TypeError, "type '%.100s' is not an acceptable base type", MiniType_Name(bt));
            return NULL;
        }
        MiniTypeObject *cand = solid_base(bt);
        if (winner == NULL) { winner = cand; base = bt; }
        else if (MiniType_IsSubtype(winner, cand)) { /* keep */ }
        else if (MiniType_IsSubtype(cand, winner)) { winner = cand; base = bt; }
        else {
            MiniErr_SetString(MiniExc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

/* ----- the namespace ------------------------------------------------------------------------------ */

/* The __slots__ names of ns as a new list of str (without "__dict__" / "__weakref__", which set
 * *want_dict / *want_weak), or NULL with *absent = 1 when there is no __slots__. */
static MiniObject *slot_names(MiniObject *dict, int *want_dict, int *want_weak, int *absent) {
    MiniObject *slots = MiniDict_GetItemString(dict, "__slots__");
    *absent = slots == NULL;
    *want_dict = slots == NULL;
    *want_weak = slots == NULL;
    if (slots == NULL) return NULL;
    MiniObject *names = MiniList_New(0), *it, *x;
    if (names == NULL) return NULL;
    if (MiniUnicode_Check(slots)) {
        if (MiniUnicode_EqualToUTF8(slots, "__weakref__")) *want_weak = 1;
        else if (MiniUnicode_EqualToUTF8(slots, "__dict__")) *want_dict = 1;
        else if (MiniList_Append(names, slots) < 0) goto fail;
        it = NULL;
    } else {
        if ((it = MiniObject_GetIter(slots)) == NULL) goto fail;
        while ((x = MiniIter_Next(it)) != NULL) {
            if (!MiniUnicode_Check(x)) {
                MiniErr_Format(MiniExc_TypeError, "__slots__ items must be strings, not '%.200s'",
                               MiniType_Name(Mini_TYPE(x)));
                Mini_DECREF(x);
                Mini_DECREF(it);
                goto fail;
            }
            int r = 0;
            if (MiniUnicode_EqualToUTF8(x, "__dict__")) *want_dict = 1;
            else if (MiniUnicode_EqualToUTF8(x, "__weakref__")) *want_weak = 1;
            else r = MiniList_Append(names, x);
            Mini_DECREF(x);
            if (r < 0) { Mini_DECREF(it); goto fail; }
        }
        Mini_DECREF(it);
        if (MiniErr_Occurred()) goto fail;
    }
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(names); i++) {
        MiniObject *n = MiniList_GET_ITEM(names, i);
        if (MiniDict_GetItemWithError(dict, n) != NULL) {
            MiniErr_Format(MiniExc_ValueError, "%R in __slots__ conflicts with class variable", n);
            goto fail;
        }
    }
    return names;
fail:
    Mini_DECREF(names);
    return NULL;
}

/* Wraps ns[name] in wrapper_type (staticmethod / classmethod) when it is a plain function. */
static int implicit_wrapper(MiniObject *dict, const char *name, MiniTypeObject *wrapper_type) {
    MiniObject *f = MiniDict_GetItemString(dict, name);
    if (f == NULL || !MiniFunction_Check(f)) return 0;
    MiniObject *w = MiniObject_CallOneArg((MiniObject *)wrapper_type, f);
    if (w == NULL) return -1;
    int r = MiniDict_SetItemString(dict, name, w);
    Mini_DECREF(w);
    return r;
}

/* __module__ from the calling frame's globals when the namespace has none (type(name, ...)). */
static int default_module(MiniObject *dict) {
    if (MiniDict_GetItemString(dict, "__module__") != NULL) return 0;
    MiniVMThread *ts = _MiniVM_ThreadFast();
    MiniFrame *f = ts ? ts->frame : NULL;
    if (f == NULL || f->f_globals == NULL) return 0;
    MiniObject *mod = MiniDict_GetItemString(f->f_globals, "__name__");
    return mod ? MiniDict_SetItemString(dict, "__module__", mod) : 0;
}

/* super(cls, cls).__init_subclass__(**kwargs). */
static int init_subclass(MiniTypeObject *t, MiniObject *kwargs) {
    MiniObject *mro = ((MiniHeapTypeObject *)t)->ht_mro, *name = MiniUnicode_FromString("__init_subclass__");
    if (name == NULL) return -1;
    MiniObject *descr = NULL;
    MiniTypeObject *owner = NULL;
    for (Mini_ssize_t i = 0; mro != NULL && i < MiniTuple_GET_SIZE(mro) && descr == NULL; i++) {
        owner = (MiniTypeObject *)MiniTuple_GET_ITEM(mro, i);
        if (owner->tp_dict != NULL) descr = MiniDict_GetItemWithError(owner->tp_dict, name);
    }
    Mini_DECREF(name);
    if (descr == NULL || owner == &MiniBaseObject_Type) {
        /* object.__init_subclass__ (done here without building a bound method). */
        if (kwargs != NULL && MiniDict_Size(kwargs) > 0) {
            MiniErr_Format(MiniExc_TypeError, "%s.__init_subclass__() takes no keyword arguments", MiniType_Name(t));
            return -1;
        }
        return 0;
    }
    Mini_INCREF(descr);
    MiniObject *bound = Mini_TYPE(descr)->tp_descr_get ? Mini_TYPE(descr)->tp_descr_get(descr, NULL, (MiniObject *)t)
                                                       : Mini_NewRef(descr);
    Mini_DECREF(descr);
    if (bound == NULL) return -1;
    MiniObject *empty = MiniTuple_New(0);
    MiniObject *r = empty ? MiniObject_Call(bound, empty, kwargs && MiniDict_Size(kwargs) ? kwargs : NULL) : NULL;
    Mini_XDECREF(empty);
    Mini_DECREF(bound);
    if (r == NULL) return -1;
    Mini_DECREF(r);
    return 0;
}

/* ----- type.__new__ -------------------------------------------------------------------------------- */

static MiniObject *new_class(MiniTypeObject *meta, MiniObject *name, MiniObject *bases, MiniObject *ns,
                             MiniObject *kwargs) {
    MiniObject *dict = NULL, *slots = NULL, *cell = NULL, *qualname = NULL, *type = NULL;
    MiniTypeObject *base = best_base(bases);
    if (base == NULL) return NULL;
    if ((dict = MiniDict_Copy(ns)) == NULL) return NULL;
    int want_dict, want_weak, absent;
    slots = slot_names(dict, &want_dict, &want_weak, &absent);
    if (slots == NULL && !absent) goto done;
    Mini_ssize_t nslots = slots ? MiniList_GET_SIZE(slots) : 0;
    if (base->tp_itemsize != 0 && nslots == 0) want_dict = 1;   /* room for the tracking node */
    if ((qualname = MiniDict_GetItemString(dict, "__qualname__")) != NULL) {
        if (!MiniUnicode_Check(qualname)) {
            MiniErr_Format(MiniExc_TypeError, "type __qualname__ must be a str, not %s", MiniType_Name(Mini_TYPE(qualname)));
            qualname = NULL;
            goto done;
        }
        Mini_INCREF(qualname);
        if (MiniDict_DelItemString(dict, "__qualname__") < 0) goto done;
    }
    if ((cell = MiniDict_GetItemString(dict, "__classcell__")) != NULL) {
        Mini_INCREF(cell);
        if (MiniDict_DelItemString(dict, "__classcell__") < 0) goto done;
    }
    if (default_module(dict) < 0 || implicit_wrapper(dict, "__new__", &MiniStaticMethod_Type) < 0 ||
        implicit_wrapper(dict, "__init_subclass__", &MiniClassMethod_Type) < 0 ||
        implicit_wrapper(dict, "__class_getitem__", &MiniClassMethod_Type) < 0)
        goto done;
    if ((type = _MiniType_NewHeapEx(meta, MiniUnicode_AsUTF8(name), base, bases, dict, nslots, want_dict)) == NULL)
        goto done;
    MiniTypeObject *t = (MiniTypeObject *)type;
    MiniHeapTypeObject *ht = (MiniHeapTypeObject *)type;
    /* __slots__ without '__weakref__': weak references only if a base accepts them. */
    if (!want_weak) {
        int inherited = 0;
        for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(bases); i++)
            if (((MiniTypeObject *)MiniTuple_GET_ITEM(bases, i))->tp_flags & MINI_TPFLAGS_WEAKREFABLE) inherited = 1;
        if (!inherited) t->tp_flags &= ~MINI_TPFLAGS_WEAKREFABLE;
    }
    if ((ht->ht_mro = _MiniType_ComputeMRO(t, bases)) == NULL) goto fail;
    /* C types from modules and extensions (threading.Thread, queue.Queue, ...) get the slot
     * wrappers start-up gave the core types, so super().__init__(...) reaches their tp_init. */
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(ht->ht_mro); i++) {
        MiniTypeObject *b = (MiniTypeObject *)MiniTuple_GET_ITEM(ht->ht_mro, i);
        if (!(b->tp_flags & MINI_TPFLAGS_HEAPTYPE) && _MiniVM_AddSlotWrappers(b) < 0) goto fail;
    }
    _MiniType_EpochBump();   /* lookups cached before the MRO existed (specialize.h) */
    if (qualname != NULL) ht->ht_qualname = Mini_NewRef(qualname);
    for (Mini_ssize_t i = 0; i < nslots; i++) {
        MiniObject *n = MiniList_GET_ITEM(slots, i);
        MiniObject *m = member_new(t, n, ht->ht_slotoffset + i * (Mini_ssize_t)sizeof(MiniObject *));
        int r = m ? MiniDict_SetItem(t->tp_dict, n, m) : -1;
        Mini_XDECREF(m);
        if (r < 0) goto fail;
    }
    if (_MiniVM_FinishClass(t) < 0) goto fail;
    if (cell != NULL && Mini_TYPE(cell) == &MiniCell_Type) {
        MiniCellObject *c = (MiniCellObject *)cell;
        Mini_XINCREF(type);
        Mini_SETREF(c->ob_ref, type);
    }
    if (_MiniVM_CallSetName(type) < 0 || init_subclass(t, kwargs) < 0) goto fail;
    goto done;
fail:
    Mini_CLEAR(type);
done:
    Mini_XDECREF(dict);
    Mini_XDECREF(slots);
    Mini_XDECREF(cell);
    Mini_XDECREF(qualname);
    return type;
}

static MiniObject *vm_type_new(MiniTypeObject *meta, MiniObject *args, MiniObject *kwargs) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n == 1 && meta == &MiniType_Type && (kwargs == NULL || MiniDict_Size(kwargs) == 0))
        return MiniObject_Type(MiniTuple_GET_ITEM(args, 0));
    if (n != 3)
        return MiniErr_Format(MiniExc_TypeError, n == 1 || meta != &MiniType_Type
                              ? "type.__new__() takes exactly 3 arguments (%zd given)" : "type() takes 1 or 3 arguments", n);
    MiniObject *name = MiniTuple_GET_ITEM(args, 0), *bases = MiniTuple_GET_ITEM(args, 1),
               *ns = MiniTuple_GET_ITEM(args, 2);
    if (!MiniUnicode_Check(name))
        return MiniErr_Format(MiniExc_TypeError, "type.__new__() argument 1 must be str, not %s", MiniType_Name(Mini_TYPE(name)));
    if (!MiniTuple_Check(bases))
        return MiniErr_Format(MiniExc_TypeError, "type.__new__() argument 2 must be tuple, not %s", MiniType_Name(Mini_TYPE(bases)));
    if (!MiniDict_Check(ns))
        return MiniErr_Format(MiniExc_TypeError, "type.__new__() argument 3 must be dict, not %s", MiniType_Name(Mini_TYPE(ns)));
    MiniTypeObject *winner = _MiniVM_CalculateMetaclass(meta, bases);
    if (winner == NULL) return NULL;
    if (winner != meta) {
        if (winner->tp_new != MiniType_Type.tp_new) return winner->tp_new(winner, args, kwargs);
        meta = winner;
    }
    MiniObject *res;
    if (MiniTuple_GET_SIZE(bases) == 0) {
        MiniObject *b = MiniTuple_Pack(1, (MiniObject *)&MiniBaseObject_Type);
        if (b == NULL) return NULL;
        res = new_class(meta, name, b, ns, kwargs);
        Mini_DECREF(b);
    } else {
        res = new_class(meta, name, bases, ns, kwargs);
    }
    return res;
}

/* ----- __build_class__ ------------------------------------------------------------------------------ */

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

/* PEP 560: bases that are not types but have __mro_entries__ are replaced by what it returns.
 * New reference to the bases to use (orig itself when nothing changed). */
static MiniObject *resolve_bases(MiniObject *orig) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(orig);
    int changed = 0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *b = MiniTuple_GET_ITEM(orig, i);
        if (!MiniType_Check(b) && MiniObject_HasAttrString(b, "__mro_entries__")) changed = 1;
    }
    if (!changed) return Mini_NewRef(orig);
    MiniObject *list = MiniList_New(0);
    if (list == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *b = MiniTuple_GET_ITEM(orig, i);
        if (MiniType_Check(b) || !MiniObject_HasAttrString(b, "__mro_entries__")) {
            if (MiniList_Append(list, b) < 0) goto fail;
            continue;
        }
        MiniObject *e = MiniObject_CallMethodObjArgs(b, "__mro_entries__", orig, NULL);
        if (e == NULL) goto fail;
        if (!MiniTuple_Check(e)) {
            Mini_DECREF(e);
            MiniErr_SetString(MiniExc_TypeError, "__mro_entries__ must return a tuple");
            goto fail;
        }
        int r = MiniList_Extend(list, e);
        Mini_DECREF(e);
        if (r < 0) goto fail;
    }
    MiniObject *res = MiniList_AsTuple(list);
    Mini_DECREF(list);
    return res;
fail:
    Mini_DECREF(list);
    return NULL;
}

MiniObject *_MiniVM_BuildClass(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs,
                               MiniObject *kwnames) {
    (void)self;
    if (nargs < 2) return MiniErr_Format(MiniExc_TypeError, "__build_class__: not enough arguments");
    MiniObject *func = args[0], *name = args[1];
    if (!MiniFunction_Check(func)) return MiniErr_Format(MiniExc_TypeError, "__build_class__: func must be a function");
    if (!MiniUnicode_Check(name)) return MiniErr_Format(MiniExc_TypeError, "__build_class__: name is not a string");
    MiniObject *orig = NULL, *bases = NULL, *kwargs = NULL, *ns = NULL, *cell = NULL, *cls = NULL, *margs = NULL;
    MiniObject *meta = NULL;
    if ((orig = MiniTuple_New(nargs - 2)) == NULL) return NULL;
    for (Mini_ssize_t i = 2; i < nargs; i++) MiniTuple_SET_ITEM(orig, i - 2, Mini_NewRef(args[i]));
    if ((bases = resolve_bases(orig)) == NULL) goto done;
    Mini_ssize_t nkw = kwnames ? MiniTuple_GET_SIZE(kwnames) : 0;
    if (nkw > 0) {
        if ((kwargs = MiniDict_New()) == NULL) goto done;
        for (Mini_ssize_t i = 0; i < nkw; i++) {
            MiniObject *k = MiniTuple_GET_ITEM(kwnames, i);
            if (MiniUnicode_EqualToUTF8(k, "metaclass")) { Mini_XDECREF(meta); meta = Mini_NewRef(args[nargs + i]); continue; }
            if (MiniDict_SetItem(kwargs, k, args[nargs + i]) < 0) goto done;
        }
    }
    if (meta == NULL)
        meta = Mini_NewRef(MiniTuple_GET_SIZE(bases) > 0 ? (MiniObject *)Mini_TYPE(MiniTuple_GET_ITEM(bases, 0))
                                                        : (MiniObject *)&MiniType_Type);
    if (MiniType_Check(meta)) {
        MiniTypeObject *w = _MiniVM_CalculateMetaclass((MiniTypeObject *)meta, bases);
        if (w == NULL) goto done;
        Mini_INCREF(w);
        Mini_SETREF(meta, (MiniObject *)w);
    }
    if (meta == (MiniObject *)&MiniType_Type) {
        ns = MiniDict_New();
    } else {
        MiniObject *prep = MiniObject_GetAttrString(meta, "__prepare__");
        if (prep == NULL) {
            if (!MiniErr_ExceptionMatches(MiniExc_AttributeError)) goto done;
            MiniErr_Clear();
            ns = MiniDict_New();
        } else {
            MiniObject *pargs = MiniTuple_Pack(2, name, bases);
            ns = pargs ? MiniObject_Call(prep, pargs, kwargs) : NULL;
            Mini_XDECREF(pargs);
            Mini_DECREF(prep);
            if (ns != NULL && !MiniDict_Check(ns) && (Mini_TYPE(ns)->tp_as_mapping == NULL ||
                                                      Mini_TYPE(ns)->tp_as_mapping->mp_subscript == NULL)) {
                MiniErr_Format(MiniExc_TypeError, "%s.__prepare__() must return a mapping, not %s",
                               MiniType_Check(meta) ? MiniType_Name((MiniTypeObject *)meta) : "<metaclass>",
                               MiniType_Name(Mini_TYPE(ns)));
                Mini_CLEAR(ns);
            }
        }
    }
    if (ns == NULL) goto done;
    if ((cell = run_class_body((MiniFunctionObject *)func, ns)) == NULL) goto done;
    if (bases != orig) {
        MiniObject *key = MiniUnicode_FromString("__orig_bases__");
        int r = key ? MiniObject_SetItem(ns, key, orig) : -1;
        Mini_XDECREF(key);
        if (r < 0) goto done;
    }
    if ((margs = MiniTuple_Pack(3, name, bases, ns)) == NULL) goto done;
    cls = MiniObject_Call(meta, margs, kwargs);
    if (cls != NULL && Mini_TYPE(cell) == &MiniCell_Type && MiniType_Check(cls)) {
        MiniCellObject *c = (MiniCellObject *)cell;
        if (c->ob_ref == NULL) c->ob_ref = Mini_NewRef(cls);
    }
done:
    Mini_XDECREF(orig);
    Mini_XDECREF(bases);
    Mini_XDECREF(kwargs);
    Mini_XDECREF(meta);
    Mini_XDECREF(ns);
    Mini_XDECREF(cell);
    Mini_XDECREF(margs);
    return cls;
}

int _MiniVM_InitTypeNew(void) {
    if (MiniType_Ready(&MemberDescr_Type) < 0) return -1;
    _MiniType_NewHook = vm_type_new;
    _MiniVM_InstallSlotsHook();
    return 0;
}
