/* Modules/_weakrefmodule.c: the `_weakref` module, the C half of weakref.py (Sources/MiniPy/Lib):
 * the reference and proxy types of CShims/Objects/weakrefobject.c, `proxy()`, and
 * getweakrefcount/getweakrefs. WeakValueDictionary, WeakKeyDictionary, WeakSet, WeakMethod and
 * finalize are written in Python over these, in weakref.py. */
#include "stdlib_internal.h"

MiniObject *_MiniWeakref_List(MiniObject *ob);

static MiniObject *wr_getweakrefcount(MiniObject *m, MiniObject *ob) {
    (void)m;
    return MiniLong_FromSsize_t(MiniWeakref_Count(ob));
}

static MiniObject *wr_getweakrefs(MiniObject *m, MiniObject *ob) {
    (void)m;
    return _MiniWeakref_List(ob);
}

static MiniObject *wr_proxy(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *ob, *cb = NULL;
    if (!MiniArg_UnpackTuple(args, "proxy", 1, 2, &ob, &cb)) return NULL;
    return MiniWeakref_NewProxy(ob, cb);
}

static MiniMethodDef weakref_functions[] = {
    {"getweakrefcount", wr_getweakrefcount, MINI_METH_O, "getweakrefcount(object) -> the number of weak references to object"},
    {"getweakrefs", wr_getweakrefs, MINI_METH_O, "getweakrefs(object) -> a list of the weak references to object"},
    {"proxy", wr_proxy, MINI_METH_VARARGS, "proxy(object[, callback]) -> a proxy to object that does not keep it alive"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef weakref_module = {
    MiniModuleDef_HEAD_INIT, "_weakref", "Weak references: the C types behind weakref.", 0, weakref_functions,
};

/* New reference to the _weakref module, or NULL with an exception. */
MiniObject *MiniInit__weakref(void) {
    MiniObject *m = MiniModule_Create(&weakref_module);
    if (m == NULL) return NULL;
    if (MiniModule_AddObjectRef(m, "ref", (MiniObject *)&MiniWeakrefRef_Type) < 0 ||
        MiniModule_AddObjectRef(m, "ReferenceType", (MiniObject *)&MiniWeakrefRef_Type) < 0 ||
        MiniModule_AddObjectRef(m, "ProxyType", (MiniObject *)&MiniWeakrefProxy_Type) < 0 ||
        MiniModule_AddObjectRef(m, "CallableProxyType", (MiniObject *)&MiniWeakrefCallableProxy_Type) < 0) {
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}
