/* mini/weakrefobject.h: weak references, as CPython's weakrefobject.h.
 *
 * A weak reference refers to an object without keeping it alive: when the object goes (its
 * count reaches zero, or the cycle collector frees it), every weak reference to it is cleared
 * and its callback, if any, is called with the (now dead) weak reference. Only instances of types
 * with MINI_TPFLAGS_WEAKREFABLE (and so MINI_TPFLAGS_HAVE_GC: the list lives in the collector's
 * header) accept them: Python classes (unless their __slots__ leave out '__weakref__'),
 * functions, types, sets, generators, modules, ... — as in CPython, not int, str, tuple, list
 * or dict. All functions require the GIL. */
#ifndef MINI_WEAKREFOBJECT_H
#define MINI_WEAKREFOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS

extern MiniTypeObject MiniWeakrefRef_Type;            /* "weakref.ReferenceType" (weakref.ref) */
extern MiniTypeObject MiniWeakrefProxy_Type;          /* "weakref.ProxyType" */
extern MiniTypeObject MiniWeakrefCallableProxy_Type;  /* "weakref.CallableProxyType" */
#define MiniWeakref_CheckRef(op) MiniObject_TypeCheck((op), &MiniWeakrefRef_Type)

/* A new weak reference to ob, with callback (borrowed; NULL or Mini_None for none) to be called
 * with the weak reference when ob goes. Without a callback an existing plain reference to ob
 * is returned again (as CPython). New reference; NULL with TypeError "cannot create weak
 * reference to 'int' object" when ob's type does not accept weak references. */
MiniObject *MiniWeakref_NewRef(MiniObject *ob, MiniObject *callback);
/* As MiniWeakref_NewRef, a proxy: it forwards attribute access, calls (for callables),
 * comparisons and the container protocols to ob while ob lives, and raises ReferenceError
 * "weakly-referenced object no longer exists" after. */
MiniObject *MiniWeakref_NewProxy(MiniObject *ob, MiniObject *callback);
/* The referent of ref (a weak reference or proxy): 1 with *pobj a new reference, 0 with *pobj
 * NULL when it is gone, -1 with TypeError (and *pobj NULL) when ref is not a weak reference. */
int MiniWeakref_GetRef(MiniObject *ref, MiniObject **pobj);
/* How many weak references (refs and proxies) refer to ob now. Never fails (0 for types that
 * do not accept weak references). */
Mini_ssize_t MiniWeakref_Count(MiniObject *ob);

MINI_END_DECLS
#endif /* MINI_WEAKREFOBJECT_H */
