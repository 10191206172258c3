/* internal/instvalues_internal.h: instance attributes kept without a dict object of their own
 * (PEP 412's key-sharing idea in the form this runtime uses; instvalues.c has the code).
 *
 * A class made by a class statement whose instances get a __dict__ (tp_dictoffset > 0, fixed-size
 * layout) also gets a second word after the __dict__ slot: a pointer to the instance's values
 * (MINI_TPFLAGS_INLINE_VALUES marks such types; subclasses inherit the layout and the flag). The
 * class holds the attribute NAMES once (MiniSharedKeys: append-only, at most 30, in the order they
 * were first stored on any instance); an instance holds only a small array of values, values[i]
 * belonging to names[i]. An instance's attributes are always the first n names, so the order a
 * materialised __dict__ shows is the order they were set, as CPython's.
 *
 * At most one of the two words is set. The instance falls back to a real dict, for good, when
 * something needs one (`__dict__`, vars(), dir(), deleting an attribute, an attribute set out of
 * the class's order, a 31st name, a name that is not an exact str): _MiniInst_Materialize moves the
 * values into a new dict in the __dict__ slot. Free-threaded runtimes never create values (their
 * instances use the dict path, with its critical sections and lock-free reads), so values are
 * touched only under the GIL. Because names are never removed or moved, (class, index) names one
 * attribute for ever: the eval loop's caches (specialize.h, ATTR_VALUES / STORE_VALUES) index the
 * values array directly after comparing the type. */
#ifndef MINI_INSTVALUES_INTERNAL_H
#define MINI_INSTVALUES_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "instvalues_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"
#include "objimpl_internal.h"

/* Instances carry a values word right after their __dict__ slot (internal flag). */
#define MINI_TPFLAGS_INLINE_VALUES (1UL << 9)
#define MINI_SHARED_KEYS_MAX 30

/* A class's attribute names (MiniHeapTypeObject.ht_keys), freed with the class. */
typedef struct MiniSharedKeys {
    Mini_ssize_t nkeys;                        /* names[0..nkeys) in use; never shrinks */
    uint64_t bloom;                            /* bit (hash & 63) set for each name: a clear bit
                                                * proves a name absent without a scan */
    MiniObject *names[MINI_SHARED_KEYS_MAX];   /* owned exact strs */
} MiniSharedKeys;

/* One instance's values: v[0..n) set (never NULL), belonging to names[0..n) of its class. */
typedef struct MiniInstValues {
    int32_t n;
    int32_t cap;
    MiniObject *v[];
} MiniInstValues;

/* The values word of o, or NULL when o's type has none. */
MINI_INLINE MiniInstValues **_MiniInst_ValuesPtr(MiniObject *o) {
    MiniTypeObject *t = Mini_TYPE(o);
    if (!(t->tp_flags & MINI_TPFLAGS_INLINE_VALUES)) return NULL;
    return (MiniInstValues **)((char *)o + t->tp_dictoffset + (Mini_ssize_t)sizeof(MiniObject *));
}

/* o's values (NULL when it has none: no attribute set yet, or a real dict in use). */
MINI_INLINE MiniInstValues *_MiniInst_Values(MiniObject *o) {
    MiniInstValues **vp = _MiniInst_ValuesPtr(o);
    return vp != NULL ? *vp : NULL;
}

/* The shared keys of a type (NULL before its first instance attribute, or for other types). */
MINI_INLINE MiniSharedKeys *_MiniInst_Keys(MiniTypeObject *t) {
    return (t->tp_flags & MINI_TPFLAGS_INLINE_VALUES) ? ((MiniHeapTypeObject *)t)->ht_keys : NULL;
}

/* Index of name in k (-1 when absent). Cannot fail (str comparison runs no code). */
Mini_ssize_t _MiniInst_KeyIndex(MiniSharedKeys *k, MiniObject *name);

/* o.name from o's values: borrowed, or NULL (no exception) when o has no values or not that
 * attribute. Needs the GIL. */
MiniObject *_MiniInst_Lookup(MiniObject *o, MiniObject *name);

/* 1 if o keeps its attributes in values and name is one of them; 0 otherwise. */
int _MiniInst_Has(MiniObject *o, MiniObject *name);

/* Stores value (borrowed; a new reference is taken) as o.name in o's values, creating them on the
 * first attribute. 1 stored; 0 when o cannot keep it there (o has a dict, free-threaded runtime,
 * an out-of-order or 31st name, a non-str name): the caller materialises and uses the dict; -1
 * with MemoryError. Needs the GIL. */
int _MiniInst_Store(MiniObject *o, MiniObject *name, MiniObject *value);

/* Stores value (borrowed) at index ix of o's values when ix is an existing attribute (ix < n) or
 * the next one (ix == n, the class's names having one there). 1 done; 0 when not applicable (the
 * caller takes the generic path); -1 with MemoryError. Needs the GIL. */
int _MiniInst_StoreAt(MiniObject *o, Mini_ssize_t ix, MiniObject *value);

/* Moves o's values (if any) into a new dict in o's __dict__ slot; from then on o uses the dict.
 * 0 (also when there was nothing to move), -1 with MemoryError (o unchanged). Needs the GIL. */
int _MiniInst_Materialize(MiniObject *o);

/* Drops o's values (dealloc, tp_clear, the end-of-run sweep, __dict__ assignment). */
void _MiniInst_Clear(MiniObject *o);

/* Visits o's values (tp_traverse). */
int _MiniInst_Traverse(MiniObject *o, Mini_visitproc visit, void *arg);

/* Frees a class's shared keys (type_dealloc). */
void _MiniInst_FreeKeys(MiniTypeObject *t);

#endif
