/* Objects/weakrefobject.c: weak references (weakref.ref) and proxies (weakref.proxy).
 *
 * Every object that accepts weak references is a GC object, and the head of the doubly linked
 * list of its weak references lives in its collector header (gc_internal.h's gc_weaklist), so
 * MiniObject's layout is unchanged and objects without weak references pay one NULL test when
 * they are freed (object.c's run_dealloc). A weak reference holds its referent as a borrowed
 * pointer; when the referent goes, _MiniWeakref_ClearAll sets every reference in the list to
 * dead (wr_object = Mini_None, as CPython) and calls the callbacks, newest reference first, each
 * with the dead reference as its argument. The cycle collector clears the references to garbage
 * itself (gc.c, step 4), calling only the callbacks of references that are not garbage.
 *
 * As CPython: ref(obj) without a callback returns the existing plain reference when there is
 * one (it is kept at the head of the list); a ref hashes as its referent (cached, so a dead ref
 * keeps the hash it had) and compares equal to another ref when both referents are alive and
 * equal, else by identity; a proxy forwards to its referent and raises ReferenceError once it
 * is gone. ref is subclassable (WeakMethod, KeyedRef). */
#include "mini.h"
#include "gc_internal.h"
#include "objimpl_internal.h"

#include <string.h>

typedef struct MiniWeakrefObject {
    MiniObject_HEAD
    MiniObject *wr_object;              /* borrowed referent; Mini_None once it is gone */
    MiniObject *wr_callback;            /* owned, or NULL */
    Mini_hash_t hash;                   /* -1 until computed */
    struct MiniWeakrefObject *wr_prev;  /* the referent's list */
    struct MiniWeakrefObject *wr_next;
} MiniWeakrefObject;

#define WR(op) ((MiniWeakrefObject *)(op))

int _MiniWeakref_Check(MiniObject *o) {
    return MiniObject_TypeCheck(o, &MiniWeakrefRef_Type) || Mini_TYPE(o) == &MiniWeakrefProxy_Type ||
           Mini_TYPE(o) == &MiniWeakrefCallableProxy_Type;
}

static int is_proxy(MiniObject *o) {
    return Mini_TYPE(o) == &MiniWeakrefProxy_Type || Mini_TYPE(o) == &MiniWeakrefCallableProxy_Type;
}

static int accepts_weakrefs(MiniObject *ob) {
    return (Mini_TYPE(ob)->tp_flags & MINI_TPFLAGS_WEAKREFABLE) && MiniObject_IS_GC(ob);
}

/* ----- the referent's list ------------------------------------------------------------------------ */

static void unlink_ref(MiniWeakrefObject *wr) {
    MiniObject *ob = wr->wr_object;
    if (ob == NULL || ob == Mini_None) return;
    MiniObject **head = _MiniGC_WeaklistPtr(ob);
    if (*head == (MiniObject *)wr) *head = (MiniObject *)wr->wr_next;
    if (wr->wr_prev != NULL) wr->wr_prev->wr_next = wr->wr_next;
    if (wr->wr_next != NULL) wr->wr_next->wr_prev = wr->wr_prev;
    wr->wr_prev = wr->wr_next = NULL;
    wr->wr_object = Mini_None;
}

/* Links wr in after prev, or at the head when prev is NULL. */
static void link_ref(MiniWeakrefObject *wr, MiniObject *ob, MiniWeakrefObject *prev) {
    MiniObject **head = _MiniGC_WeaklistPtr(ob);
    wr->wr_object = ob;
    if (prev == NULL) {
        wr->wr_prev = NULL;
        wr->wr_next = (MiniWeakrefObject *)*head;
        if (wr->wr_next != NULL) wr->wr_next->wr_prev = wr;
        *head = (MiniObject *)wr;
    } else {
        wr->wr_prev = prev;
        wr->wr_next = prev->wr_next;
        if (wr->wr_next != NULL) wr->wr_next->wr_prev = wr;
        prev->wr_next = wr;
    }
}

/* The plain ref and plain proxy (no callback, exact type) at the head of ob's list, if any. */
static void find_basic(MiniObject *ob, MiniWeakrefObject **ref, MiniWeakrefObject **proxy) {
    *ref = *proxy = NULL;
    MiniWeakrefObject *wr = (MiniWeakrefObject *)*_MiniGC_WeaklistPtr(ob);
    if (wr != NULL && Mini_TYPE(wr) == &MiniWeakrefRef_Type && wr->wr_callback == NULL) {
        *ref = wr;
        wr = wr->wr_next;
    }
    if (wr != NULL && is_proxy((MiniObject *)wr) && wr->wr_callback == NULL) *proxy = wr;
}

void _MiniWeakref_CallCallback(MiniObject *wr) {
    MiniObject *cb = WR(wr)->wr_callback;
    if (cb == NULL) return;
    WR(wr)->wr_callback = NULL;
    MiniObject *res = MiniObject_CallOneArg(cb, wr);
    if (res == NULL) _MiniErr_WriteUnraisable(cb);
    else Mini_DECREF(res);
    Mini_DECREF(cb);
}

void _MiniWeakref_ClearAll(MiniObject *op, int callbacks) {
    MiniObject **head = _MiniGC_WeaklistPtr(op);
    if (*head == NULL) return;
    MiniObject *saved = MiniErr_GetRaisedException();
    while (*head != NULL) {
        MiniWeakrefObject *wr = (MiniWeakrefObject *)*head;
        unlink_ref(wr);
        if (!callbacks || wr->wr_callback == NULL) {
            if (!callbacks) Mini_CLEAR(wr->wr_callback);
            continue;
        }
        /* The weak reference may be dead already (count 0, on the trashcan's list): only call
         * back through references that are alive. */
        if (Mini_REFCNT(wr) <= 0) continue;
        Mini_INCREF(wr);
        _MiniWeakref_CallCallback((MiniObject *)wr);
        Mini_DECREF(wr);
    }
    MiniErr_SetRaisedException(saved);
}

int _MiniWeakref_ClearCollect(MiniObject *op, MiniObject *pending) {
    MiniObject **head = _MiniGC_WeaklistPtr(op);
    int rc = 0;
    while (*head != NULL) {
        MiniWeakrefObject *wr = (MiniWeakrefObject *)*head;
        unlink_ref(wr);
        if (wr->wr_callback != NULL && rc == 0 && MiniList_Append(pending, (MiniObject *)wr) < 0) rc = -1;
    }
    return rc;
}

/* ----- construction ---------------------------------------------------------------------------------- */

static MiniObject *cannot_weakref(MiniObject *ob) {
    return MiniErr_Format(MiniExc_TypeError, "cannot create weak reference to '%s' object",
                          MiniType_Name(Mini_TYPE(ob)));
}

/* A new weak reference of type `type` to ob (callback borrowed, NULL for none). */
static MiniObject *new_weakref(MiniTypeObject *type, MiniObject *ob, MiniObject *callback) {
    if (!accepts_weakrefs(ob)) return cannot_weakref(ob);
    if (callback == Mini_None) callback = NULL;
    MiniWeakrefObject *basic_ref, *basic_proxy;
    find_basic(ob, &basic_ref, &basic_proxy);
    int proxy = type == &MiniWeakrefProxy_Type || type == &MiniWeakrefCallableProxy_Type;
    if (callback == NULL && type == &MiniWeakrefRef_Type && basic_ref != NULL) return Mini_NewRef(basic_ref);
    if (callback == NULL && proxy && basic_proxy != NULL) return Mini_NewRef(basic_proxy);
    MiniWeakrefObject *wr = (MiniWeakrefObject *)MiniObject_New(type);
    if (wr == NULL) return NULL;
    wr->hash = -1;
    wr->wr_callback = Mini_XNewRef(callback);
    /* Plain refs first, then the plain proxy, then the rest newest first (CPython's order). */
    MiniWeakrefObject *prev = NULL;
    if (callback == NULL && type == &MiniWeakrefRef_Type) prev = NULL;
    else if (callback == NULL && proxy) prev = basic_ref;
    else prev = basic_proxy != NULL ? basic_proxy : basic_ref;
    link_ref(wr, ob, prev);
    return (MiniObject *)wr;
}

MiniObject *MiniWeakref_NewRef(MiniObject *ob, MiniObject *callback) {
    MINI_GUARD(ob, "MiniWeakref_NewRef", NULL);
    return new_weakref(&MiniWeakrefRef_Type, ob, callback);
}

MiniObject *MiniWeakref_NewProxy(MiniObject *ob, MiniObject *callback) {
    MINI_GUARD(ob, "MiniWeakref_NewProxy", NULL);
    MiniTypeObject *t = MiniCallable_Check(ob) ? &MiniWeakrefCallableProxy_Type : &MiniWeakrefProxy_Type;
    return new_weakref(t, ob, callback);
}

int MiniWeakref_GetRef(MiniObject *ref, MiniObject **pobj) {
    *pobj = NULL;
    MINI_GUARD(ref, "MiniWeakref_GetRef", -1);
    if (!_MiniWeakref_Check(ref)) {
        MiniErr_SetString(MiniExc_TypeError, "expected a weakref");
        return -1;
    }
    MiniObject *ob = WR(ref)->wr_object;
    if (ob == NULL || ob == Mini_None || Mini_REFCNT(ob) <= 0) return 0;
    *pobj = Mini_NewRef(ob);
    return 1;
}

Mini_ssize_t MiniWeakref_Count(MiniObject *ob) {
    if (ob == NULL || !accepts_weakrefs(ob)) return 0;
    Mini_ssize_t n = 0;
    for (MiniWeakrefObject *wr = (MiniWeakrefObject *)*_MiniGC_WeaklistPtr(ob); wr != NULL; wr = wr->wr_next) n++;
    return n;
}

/* The weak references to ob as a new list (weakref.getweakrefs). */
MiniObject *_MiniWeakref_List(MiniObject *ob) {
    MiniObject *l = MiniList_New(0);
    if (l == NULL || !accepts_weakrefs(ob)) return l;
    for (MiniWeakrefObject *wr = (MiniWeakrefObject *)*_MiniGC_WeaklistPtr(ob); wr != NULL; wr = wr->wr_next)
        if (MiniList_Append(l, (MiniObject *)wr) < 0) { Mini_DECREF(l); return NULL; }
    return l;
}

/* ----- the ref type ---------------------------------------------------------------------------------- */

/* The live referent (borrowed) or NULL. */
static MiniObject *referent(MiniObject *self) {
    MiniObject *ob = WR(self)->wr_object;
    return (ob == NULL || ob == Mini_None || Mini_REFCNT(ob) <= 0) ? NULL : ob;
}

static void weakref_dealloc(MiniObject *self) {
    unlink_ref(WR(self));
    Mini_CLEAR(WR(self)->wr_callback);
    MiniObject_Free(self);
}

static int weakref_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(WR(self)->wr_callback);
    return 0;
}

static int weakref_clear(MiniObject *self) {
    unlink_ref(WR(self));
    Mini_CLEAR(WR(self)->wr_callback);
    return 0;
}

static int parse_ref_args(MiniObject *args, MiniObject *kwargs, const char *name, MiniObject **ob, MiniObject **cb) {
    *cb = NULL;
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0) {
        MiniErr_Format(MiniExc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    return MiniArg_UnpackTuple(args, name, 1, 2, ob, cb) ? 0 : -1;
}

static MiniObject *weakref_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    MiniObject *ob, *cb;
    if (parse_ref_args(args, kwargs, "__new__", &ob, &cb) < 0) return NULL;
    return new_weakref(type, ob, cb);
}

static int weakref_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniObject *ob, *cb;
    (void)self;
    return parse_ref_args(args, kwargs, "__init__", &ob, &cb);
}

static MiniObject *weakref_call(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    if ((args != NULL && MiniTuple_GET_SIZE(args) != 0) || (kwargs != NULL && MiniDict_Size(kwargs) != 0)) {
        MiniErr_SetString(MiniExc_TypeError, "weakref() takes no arguments");
        return NULL;
    }
    MiniObject *ob = referent(self);
    return Mini_NewRef(ob != NULL ? ob : Mini_None);
}

static Mini_hash_t weakref_hash(MiniObject *self) {
    if (WR(self)->hash != -1) return WR(self)->hash;
    MiniObject *ob = referent(self);
    if (ob == NULL) {
        MiniErr_SetString(MiniExc_TypeError, "weak object has gone away");
        return -1;
    }
    Mini_INCREF(ob);
    Mini_hash_t h = MiniObject_Hash(ob);
    Mini_DECREF(ob);
    WR(self)->hash = h;
    return h;
}

static MiniObject *weakref_richcompare(MiniObject *self, MiniObject *other, int op) {
    if ((op != Mini_EQ && op != Mini_NE) || !MiniWeakref_CheckRef(other)) Mini_RETURN_NOTIMPLEMENTED;
    MiniObject *a = referent(self), *b = referent(other);
    if (a == NULL || b == NULL) {
        int same = self == other;
        return Mini_NewRef((op == Mini_EQ) == same ? Mini_True : Mini_False);
    }
    Mini_INCREF(a);
    Mini_INCREF(b);
    MiniObject *res = MiniObject_RichCompare(a, b, op);
    Mini_DECREF(a);
    Mini_DECREF(b);
    return res;
}

static MiniObject *weakref_repr(MiniObject *self) {
    MiniObject *ob = referent(self);
    if (ob == NULL) return MiniUnicode_FromFormat("<weakref at %p; dead>", (void *)self);
    return MiniUnicode_FromFormat("<weakref at %p; to '%s' at %p>", (void *)self,
                                  Mini_TYPE(ob)->tp_name, (void *)ob);
}

static MiniObject *weakref_get_callback(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(WR(self)->wr_callback != NULL ? WR(self)->wr_callback : Mini_None);
}

static MiniGetSetDef weakref_getsets[] = {
    { "__callback__", weakref_get_callback, NULL, "the callback, or None", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniWeakrefRef_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "weakref.ReferenceType",
    .tp_basicsize = sizeof(MiniWeakrefObject),
    .tp_dealloc = weakref_dealloc,
    .tp_repr = weakref_repr,
    .tp_hash = weakref_hash,
    .tp_richcompare = weakref_richcompare,
    .tp_call = weakref_call,
    .tp_getset = weakref_getsets,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_GC,
    .tp_doc = "ref(object[, callback]) -> a weak reference to object",
    .tp_new = weakref_new,
    .tp_init = weakref_init,
    .tp_traverse = weakref_traverse,
    .tp_clear = weakref_clear,
};

/* ----- proxies ---------------------------------------------------------------------------------------- */

/* The live referent as a new reference, or NULL with ReferenceError. */
static MiniObject *proxy_target(MiniObject *self) {
    MiniObject *ob = referent(self);
    if (ob == NULL) {
        MiniErr_SetString(MiniExc_ReferenceError, "weakly-referenced object no longer exists");
        return NULL;
    }
    return Mini_NewRef(ob);
}

static MiniObject *proxy_getattro(MiniObject *self, MiniObject *name) {
    MiniObject *ob = proxy_target(self);
    if (ob == NULL) return NULL;
    MiniObject *r = MiniObject_GetAttr(ob, name);
    Mini_DECREF(ob);
    return r;
}

static int proxy_setattro(MiniObject *self, MiniObject *name, MiniObject *value) {
    MiniObject *ob = proxy_target(self);
    if (ob == NULL) return -1;
    int r = MiniObject_SetAttr(ob, name, value);
    Mini_DECREF(ob);
    return r;
}

static MiniObject *proxy_repr(MiniObject *self) {
    MiniObject *ob = referent(self);
    if (ob == NULL) return MiniUnicode_FromFormat("<weakproxy at %p; dead>", (void *)self);
    return MiniUnicode_FromFormat("<weakproxy at %p; to '%s' at %p>", (void *)self,
                                  Mini_TYPE(ob)->tp_name, (void *)ob);
}

static MiniObject *proxy_str(MiniObject *self) {
    MiniObject *ob = proxy_target(self);
    if (ob == NULL) return NULL;
    MiniObject *r = MiniObject_Str(ob);
    Mini_DECREF(ob);
    return r;
}

static MiniObject *proxy_call(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniObject *ob = proxy_target(self);
    if (ob == NULL) return NULL;
    MiniObject *r = MiniObject_Call(ob, args, kwargs);
    Mini_DECREF(ob);
    return r;
}

/* A proxy operand stands for its referent (ReferenceError if it is gone). New reference. */
static MiniObject *unwrap(MiniObject *o) { return is_proxy(o) ? proxy_target(o) : Mini_NewRef(o); }

static MiniObject *proxy_richcompare(MiniObject *self, MiniObject *other, int op) {
    MiniObject *a = unwrap(self), *b = a ? unwrap(other) : NULL, *r = NULL;
    if (b != NULL) r = MiniObject_RichCompare(a, b, op);
    Mini_XDECREF(a);
    Mini_XDECREF(b);
    return r;
}

static Mini_hash_t proxy_hash(MiniObject *self) {
    MiniErr_Format(MiniExc_TypeError, "unhashable type: '%s'", MiniType_Name(Mini_TYPE(self)));
    return -1;
}

static MiniObject *proxy_iter(MiniObject *self) {
    MiniObject *ob = proxy_target(self);
    if (ob == NULL) return NULL;
    MiniObject *r = MiniObject_GetIter(ob);
    Mini_DECREF(ob);
    return r;
}

static MiniObject *proxy_iternext(MiniObject *self) {
    MiniObject *ob = proxy_target(self);
    if (ob == NULL) return NULL;
    MiniObject *r = NULL;
    if (!MiniIter_Check(ob)) MiniErr_Format(MiniExc_TypeError, "Weakref proxy referenced a non-iterator '%.200s' object",
                                            Mini_TYPE(ob)->tp_name);
    else r = MiniIter_Next(ob);
    Mini_DECREF(ob);
    return r;
}

static Mini_ssize_t proxy_length(MiniObject *self) {
    MiniObject *ob = proxy_target(self);
    if (ob == NULL) return -1;
    Mini_ssize_t r = MiniObject_Length(ob);
    Mini_DECREF(ob);
    return r;
}

static int proxy_contains(MiniObject *self, MiniObject *v) {
    MiniObject *ob = proxy_target(self);
    if (ob == NULL) return -1;
    int r = MiniSequence_Contains(ob, v);
    Mini_DECREF(ob);
    return r;
}

static MiniObject *proxy_getitem(MiniObject *self, MiniObject *key) {
    MiniObject *ob = proxy_target(self);
    if (ob == NULL) return NULL;
    MiniObject *r = MiniObject_GetItem(ob, key);
    Mini_DECREF(ob);
    return r;
}

static int proxy_setitem(MiniObject *self, MiniObject *key, MiniObject *value) {
    MiniObject *ob = proxy_target(self);
    if (ob == NULL) return -1;
    int r = value != NULL ? MiniObject_SetItem(ob, key, value) : MiniObject_DelItem(ob, key);
    Mini_DECREF(ob);
    return r;
}

static int proxy_bool(MiniObject *self) {
    MiniObject *ob = proxy_target(self);
    if (ob == NULL) return -1;
    int r = MiniObject_IsTrue(ob);
    Mini_DECREF(ob);
    return r;
}

#define PROXY_BINOP(fname, api) \
    static MiniObject *fname(MiniObject *a, MiniObject *b) { \
        MiniObject *x = unwrap(a), *y = x ? unwrap(b) : NULL, *r = NULL; \
        if (y != NULL) r = api(x, y); \
        Mini_XDECREF(x); Mini_XDECREF(y); return r; }
PROXY_BINOP(proxy_add, MiniNumber_Add)
PROXY_BINOP(proxy_sub, MiniNumber_Subtract)
PROXY_BINOP(proxy_mul, MiniNumber_Multiply)
PROXY_BINOP(proxy_truediv, MiniNumber_TrueDivide)
PROXY_BINOP(proxy_floordiv, MiniNumber_FloorDivide)
PROXY_BINOP(proxy_mod, MiniNumber_Remainder)

static MiniNumberMethods proxy_as_number = {
    .nb_add = proxy_add, .nb_subtract = proxy_sub, .nb_multiply = proxy_mul,
    .nb_remainder = proxy_mod, .nb_floor_divide = proxy_floordiv, .nb_true_divide = proxy_truediv,
    .nb_bool = proxy_bool,
};
static MiniSequenceMethods proxy_as_sequence = { .sq_length = proxy_length, .sq_contains = proxy_contains };
static MiniMappingMethods proxy_as_mapping = {
    .mp_length = proxy_length, .mp_subscript = proxy_getitem, .mp_ass_subscript = proxy_setitem,
};

#define PROXY_TYPE_BODY \
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type) \
    .tp_basicsize = sizeof(MiniWeakrefObject), \
    .tp_dealloc = weakref_dealloc, \
    .tp_repr = proxy_repr, \
    .tp_str = proxy_str, \
    .tp_hash = proxy_hash, \
    .tp_richcompare = proxy_richcompare, \
    .tp_getattro = proxy_getattro, \
    .tp_setattro = proxy_setattro, \
    .tp_iter = proxy_iter, \
    .tp_iternext = proxy_iternext, \
    .tp_as_number = &proxy_as_number, \
    .tp_as_sequence = &proxy_as_sequence, \
    .tp_as_mapping = &proxy_as_mapping, \
    .tp_flags = MINI_TPFLAGS_HAVE_GC, \
    .tp_traverse = weakref_traverse, \
    .tp_clear = weakref_clear,

MiniTypeObject MiniWeakrefProxy_Type = {
    PROXY_TYPE_BODY
    .tp_name = "weakref.ProxyType",
};

MiniTypeObject MiniWeakrefCallableProxy_Type = {
    PROXY_TYPE_BODY
    .tp_name = "weakref.CallableProxyType",
    .tp_call = proxy_call,
};
