/* Objects/genericalias.c: list[int], dict[str, int], tuple[int, ...] (PEP 585): the
 * "types.GenericAlias" objects the built-in containers' __class_getitem__ return, so annotations
 * evaluated at run time (module-level `x: list[int] = []`) and generic bases work. An alias
 * keeps __origin__ and __args__, prints as CPython does, compares by both, calls its origin,
 * and as a base class stands for its origin (__mro_entries__). */
#include "vm_internal.h"
#include "objimpl_internal.h"
#include "lib_internal.h"

typedef struct {
    MiniObject_HEAD
    MiniObject *origin;    /* owned */
    MiniObject *args;      /* owned tuple */
} GenericAliasObject;

#define GA(o) ((GenericAliasObject *)(o))

static int ga_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(GA(self)->origin);
    Mini_VISIT(GA(self)->args);
    return 0;
}

static MiniTypeObject GenericAlias_Type;

static void ga_dealloc(MiniObject *self) {
    Mini_CLEAR(GA(self)->origin);
    Mini_CLEAR(GA(self)->args);
    MiniObject_Free(self);
}

/* How typing shows one argument: ... as "...", a class by its (module-qualified) name. */
static MiniObject *arg_repr(MiniObject *o) {
    MiniObject *ellipsis = MiniVM_Ellipsis();   /* new reference to the singleton */
    Mini_XDECREF(ellipsis);
    if (o == ellipsis) return MiniUnicode_FromString("...");
    if (MiniType_Check(o)) {
        MiniObject *mod = MiniObject_GetAttrString(o, "__module__");
        MiniObject *qual = MiniObject_GetAttrString(o, "__qualname__");
        MiniObject *res = NULL;
        if (mod != NULL && qual != NULL) {
            if (MiniUnicode_Check(mod) && MiniUnicode_EqualToUTF8(mod, "builtins")) res = Mini_NewRef(qual);
            else res = MiniUnicode_FromFormat("%S.%S", mod, qual);
        }
        Mini_XDECREF(mod);
        Mini_XDECREF(qual);
        if (res != NULL) return res;
        MiniErr_Clear();
    }
    return MiniObject_Repr(o);
}

static MiniObject *ga_repr(MiniObject *self) {
    MiniObject *parts = MiniList_New(0), *res = NULL;
    if (parts == NULL) return NULL;
    MiniObject *o = arg_repr(GA(self)->origin);
    if (o == NULL) goto done;
    Mini_ssize_t n = MiniTuple_GET_SIZE(GA(self)->args);
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *r = arg_repr(MiniTuple_GET_ITEM(GA(self)->args, i));
        if (r == NULL || MiniList_Append(parts, r) < 0) { Mini_XDECREF(r); Mini_DECREF(o); goto done; }
        Mini_DECREF(r);
    }
    MiniObject *sep = MiniUnicode_FromString(", ");
    MiniObject *joined = sep ? MiniObject_CallMethodObjArgs(sep, "join", parts, NULL) : NULL;
    Mini_XDECREF(sep);
    if (joined != NULL) res = MiniUnicode_FromFormat(n == 0 ? "%U[()]" : "%U[%U]", o, joined);
    Mini_XDECREF(joined);
    Mini_DECREF(o);
done:
    Mini_DECREF(parts);
    return res;
}

static MiniObject *ga_call(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    return MiniObject_Call(GA(self)->origin, args, kwargs);
}

static MiniObject *ga_richcompare(MiniObject *self, MiniObject *other, int op) {
    if ((op != Mini_EQ && op != Mini_NE) || Mini_TYPE(other) != &GenericAlias_Type) Mini_RETURN_NOTIMPLEMENTED;
    int eq = MiniObject_RichCompareBool(GA(self)->origin, GA(other)->origin, Mini_EQ);
    if (eq > 0) eq = MiniObject_RichCompareBool(GA(self)->args, GA(other)->args, Mini_EQ);
    if (eq < 0) return NULL;
    return MiniBool_FromLong(op == Mini_EQ ? eq : !eq);
}

static Mini_hash_t ga_hash(MiniObject *self) {
    Mini_hash_t a = MiniObject_Hash(GA(self)->origin), b;
    if (a == -1) return -1;
    if ((b = MiniObject_Hash(GA(self)->args)) == -1) return -1;
    Mini_hash_t h = a ^ b;
    return h == -1 ? -2 : h;
}

/* Attributes: __origin__, __args__, __parameters__, __mro_entries__; anything else is the
 * origin's (list[int].append is list.append). */
static MiniObject *ga_getattro(MiniObject *self, MiniObject *name) {
    if (MiniUnicode_EqualToUTF8(name, "__origin__")) return Mini_NewRef(GA(self)->origin);
    if (MiniUnicode_EqualToUTF8(name, "__args__")) return Mini_NewRef(GA(self)->args);
    if (MiniUnicode_EqualToUTF8(name, "__parameters__")) return MiniTuple_New(0);
    if (MiniUnicode_EqualToUTF8(name, "__class__")) return Mini_NewRef(Mini_TYPE(self));
    MiniObject *r = MiniObject_GenericGetAttr(self, name);
    if (r != NULL || !MiniErr_ExceptionMatches(MiniExc_AttributeError)) return r;
    MiniErr_Clear();
    return MiniObject_GetAttr(GA(self)->origin, name);
}

static MiniObject *ga_mro_entries(MiniObject *self, MiniObject *bases) {
    (void)bases;
    return MiniTuple_Pack(1, GA(self)->origin);
}

static MiniMethodDef ga_methods[] = {
    { "__mro_entries__", ga_mro_entries, MINI_METH_O, NULL },
    { NULL, NULL, 0, NULL },
};

static MiniTypeObject GenericAlias_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "types.GenericAlias",
    .tp_basicsize = sizeof(GenericAliasObject),
    .tp_dealloc = ga_dealloc,
    .tp_repr = ga_repr,
    .tp_hash = ga_hash,
    .tp_richcompare = ga_richcompare,
    .tp_call = ga_call,
    .tp_getattro = ga_getattro,
    .tp_methods = ga_methods,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = ga_traverse,
};

/* cls.__class_getitem__(params) for the built-in containers: a GenericAlias of cls. */
MiniObject *_MiniVM_ClassGetItem(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self; (void)kwnames;
    if (nargs != 2) return MiniErr_Format(MiniExc_TypeError, "__class_getitem__() takes exactly one argument");
    if (!(GenericAlias_Type.tp_flags & MINI_TPFLAGS_READY) && MiniType_Ready(&GenericAlias_Type) < 0) return NULL;
    GenericAliasObject *ga = (GenericAliasObject *)MiniObject_New(&GenericAlias_Type);
    if (ga == NULL) return NULL;
    ga->origin = Mini_NewRef(args[0]);
    ga->args = MiniTuple_Check(args[1]) ? Mini_NewRef(args[1]) : MiniTuple_Pack(1, args[1]);
    if (ga->args == NULL) { Mini_DECREF(ga); return NULL; }
    return (MiniObject *)ga;
}
