/* internal/objimpl_internal.h: helpers shared by the built-in types: hashing primitives, the
 * generic sequence iterator, attribute-lookup internals and the descriptor types. */
#ifndef MINI_OBJIMPL_INTERNAL_H
#define MINI_OBJIMPL_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "objimpl_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

/* Hash modulus for numbers, as CPython: 2**61 - 1. */
#define MINI_HASH_BITS 61
#define MINI_HASH_MODULUS (((uint64_t)1 << MINI_HASH_BITS) - 1)
#define MINI_HASH_INF 314159

/* Hash of an address (object identity); never -1. */
Mini_hash_t _Mini_HashPointer(const void *p);
/* Hash of a byte string (FNV-1a, 64 bit); never -1. Equal for a str and the bytes of its UTF-8. */
Mini_hash_t _Mini_HashBytes(const void *p, Mini_ssize_t n);
/* Hash of a double as CPython's (integral values hash like the equal int; NaN by identity of
 * inst). */
Mini_hash_t _Mini_HashDouble(MiniObject *inst, double v);

/* Small raw blocks (a list's item array) from and back to the object allocator's free lists
 * (object.c): a zeroed block of size bytes, or NULL (no exception set); and the release of any
 * block malloc returned (kept for reuse when its size class has room, else freed; NULL is a
 * no-op). Both need the GIL in GIL mode; free-threaded, the calling thread's lists are used. */
void *_MiniObject_AllocBlock(size_t size);
void _MiniObject_FreeBlock(void *block);

/* A generic iterator over anything with sq_length and sq_item (list, tuple, str, bytes).
 * New reference. Its layout is here for the eval loop's FOR_ITER, which steps an exact list (and,
 * under the GIL, a tuple) in place (ceval_loop.h). */
typedef struct {
    MiniObject_HEAD
    Mini_ssize_t index;
    MiniObject *seq;     /* owned; NULL once exhausted */
} MiniSeqIterObject;
MiniObject *_MiniSeqIter_New(MiniObject *seq);
extern MiniTypeObject _MiniSeqIter_Type;
/* The dict key iterator (dictobject.c). */
extern MiniTypeObject _MiniDictIter_Type;

/* Descriptors stored in type dicts by MiniType_Ready (descrobject.c). */
extern MiniTypeObject MiniMethodDescr_Type;   /* "method_descriptor": binds a MiniMethodDef */
extern MiniTypeObject MiniGetSetDescr_Type;   /* "getset_descriptor": a MiniGetSetDef */
MiniObject *_MiniDescr_NewMethod(MiniTypeObject *owner, struct MiniMethodDef *ml);
MiniObject *_MiniDescr_NewGetSet(MiniTypeObject *owner, MiniGetSetDef *gs);
extern MiniTypeObject MiniClassMethodDescr_Type;   /* "classmethod_descriptor": binds ml to the class */
/* New reference: a class method descriptor for ml in owner's dict (self is the class it is
 * looked up through); NULL on MemoryError. */
MiniObject *_MiniDescr_NewClassMethod(MiniTypeObject *owner, struct MiniMethodDef *ml);

/* A heap type: the type object followed by what it owns. MiniType_Type's tp_basicsize is this
 * size so that every type allocated at run time has the room. */
typedef struct MiniHeapTypeObject {
    MiniTypeObject type;
    char *ht_cname;          /* owned copy of the name, tp_name points here */
    MiniNumberMethods as_number;   /* own copies so the interpreter can fill slots per class */
    MiniSequenceMethods as_sequence;
    MiniMappingMethods as_mapping;
    /* Multiple inheritance (filled for classes made by type(name, bases, ns) / class statements;
     * NULL for heap types with one base made by MiniType_NewHeap, whose MRO is the tp_base chain). */
    MiniObject *ht_bases;    /* owned tuple of the bases as given */
    MiniObject *ht_mro;      /* owned tuple: the C3 linearisation after the type itself (holding the
                              * type would be a reference cycle) */
    MiniObject *ht_qualname; /* owned str or NULL (then __qualname__ is the short name) */
    Mini_ssize_t ht_nslots;  /* __slots__ members this class adds to the instance layout ... */
    Mini_ssize_t ht_slotoffset; /* ... as pointers from this offset on */
    struct MiniSharedKeys *ht_keys; /* owned: the instance attribute names its instances share
                              * (instvalues_internal.h), or NULL */
} MiniHeapTypeObject;

/* The MRO of any type as a new tuple: ht_mro, or the tp_base chain. NULL with MemoryError. */
MiniObject *_MiniType_MROTuple(MiniTypeObject *type);
/* C3 linearisation of a new type with the given bases (a tuple of types): a new tuple of the
 * classes after type itself (what ht_mro holds), or NULL with TypeError "Cannot create a consistent method resolution order (MRO)
 * for bases A, B" (or "duplicate base class A"). */
MiniObject *_MiniType_ComputeMRO(MiniTypeObject *type, MiniObject *bases);
/* As MiniType_NewHeap with everything a class statement needs: the metatype to allocate with
 * (type or a subclass), the layout base, the bases tuple (borrowed, may be NULL), extra pointer
 * slots for __slots__ members, and whether instances get a __dict__ (when base lacks one).
 * Variable-size bases (int, str, tuple, bytes) get the __dict__ after their items. The type is
 * ready (slots inherited from base) but its MRO is the caller's to set. New reference. */
MiniObject *_MiniType_NewHeapEx(MiniTypeObject *meta, const char *name, MiniTypeObject *base,
                                MiniObject *bases, MiniObject *dict, Mini_ssize_t nslots, int want_dict);
/* Set by the interpreter at start-up: type(name, bases, ns, **kw) and type.__new__ of
 * metaclasses (class creation with MRO, slots, __init_subclass__...). NULL: the C fallback. */
extern MiniObject *(*_MiniType_NewHook)(MiniTypeObject *meta, MiniObject *args, MiniObject *kwargs);
/* Set by the interpreter at start-up: called after a dunder attribute of a heap type was set
 * (`cls.__init__ = f`, as dataclasses do), to point the type's slots at it, as CPython's
 * update_slot. 0 / -1 with an exception. NULL: nothing to update. */
extern int (*_MiniType_SlotsChangedHook)(MiniTypeObject *type, MiniObject *name);
/* The __dict__ slot of an instance of a variable-size type's heap subclass (tp_dictoffset < 0:
 * -tp_dictoffset is the static base's basicsize; the slot follows the items, 8-byte aligned). */
MINI_INLINE MiniObject **_MiniObject_VarDictPtr(MiniObject *o) {
    Mini_ssize_t n = ((MiniVarObject *)o)->ob_size;
    if (n < 0) n = -n;
    Mini_ssize_t off = -o->ob_type->tp_dictoffset + n * o->ob_type->tp_itemsize;
    off = (off + 7) & ~(Mini_ssize_t)7;
    return (MiniObject **)((char *)o + off);
}

/* Address of an instance's __dict__ slot, or NULL if its type has none. */
MINI_INLINE MiniObject **_MiniObject_DictPtr(MiniObject *o) {
    Mini_ssize_t off = o->ob_type->tp_dictoffset;
    return off > 0 ? (MiniObject **)((char *)o + off) : off < 0 ? _MiniObject_VarDictPtr(o) : NULL;
}
/* Registers the built-in static types made ready at start-up and forgets their dicts at
 * shut-down (typeobject.c). */
void _MiniType_ClearStaticDicts(void);
/* The "<class 'name'>" text for a type, for repr. */
MiniObject *_MiniType_Repr(MiniObject *type);
/* AttributeError "'T' object has no attribute 'name'". Returns NULL. */
MiniObject *_MiniObject_NoAttribute(MiniObject *o, MiniObject *name);
/* o.name when o has it: returns 1 with *result a new reference; 0 with *result NULL and no
 * exception when the lookup raised AttributeError (for the generic and the type lookup no
 * AttributeError is even built: getattr with a default and hasattr ask this way); -1 with
 * another exception set (a TypeError for a non-str name). Needs the GIL. */
int _MiniObject_LookupAttr(MiniObject *o, MiniObject *name, MiniObject **result);
/* type_getattro for a class, returning NULL without an exception when the attribute is missing. */
MiniObject *_MiniType_GetAttrSuppressed(MiniObject *type, MiniObject *name);

/* Index conversion for sequence subscripts: key must be an int (or have nb_index). Sets
 * TypeError "<what> indices must be integers or slices, not str" otherwise. */
int _Mini_SubscriptIndex(MiniObject *key, const char *what, Mini_ssize_t *out);

/* The guard every public function taking an object starts with: in checked mode, fatal unless
 * the GIL is held and op is a live object; otherwise a NULL op raises SystemError (bad internal
 * call naming func) and the function returns failret. */
#define MINI_GUARD(op, func, failret) do { MINI_CHECK_GIL_OBJECT((op), (func)); \
    if (MINI_UNLIKELY((op) == NULL)) { _MiniErr_BadInternalCall(func); return failret; } } while (0)
#define MINI_GUARD2(a, b, func, failret) do { MINI_GUARD((a), (func), failret); \
    MINI_CHECK_OBJECT((b), (func)); \
    if (MINI_UNLIKELY((b) == NULL)) { _MiniErr_BadInternalCall(func); return failret; } } while (0)

#endif
