/* mini/object.h: the object model. Every Mini object starts with a MiniObject header holding
 * its reference count and its type; a type is itself an object (of type MiniType_Type) whose
 * slots implement the object's behaviour. Reference counts are plain integers protected by the
 * GIL: touching one without holding the GIL is a data race, which checked mode reports.
 *
 * Reference conventions (as in CPython):
 *   new reference      the caller owns it and must Mini_DECREF it when done;
 *   borrowed reference the caller does not own it; it stays valid only as long as its owner;
 *   steals             the callee takes over the caller's reference to that argument.
 */
#ifndef MINI_OBJECT_H
#define MINI_OBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS

struct MiniTypeObject;

/* The header every object starts with (32 bytes on 64-bit machines).
 *
 * The reference count has two representations, chosen once when the runtime starts (see
 * Python/refcount.c for the design):
 *   GIL mode (the default)  ob_refcnt is the plain count; the other count fields are unused.
 *   free-threaded mode      biased reference counting (PEP 703): the thread that created the
 *                           object (ob_tid) counts its own references in ob_ref_local without
 *                           atomics; every other thread counts in ob_refcnt, which then holds the
 *                           shared count shifted left by MINI_REF_SHARED_SHIFT with two merge-state
 *                           flags in its low bits, updated atomically. The true count is
 *                           ob_ref_local + (ob_refcnt >> 2): read it with Mini_REFCNT.
 * An object is immortal (never counted, never freed) when ob_ref_local is MINI_REF_LOCAL_IMMORTAL
 * (free-threaded) or its count is huge (GIL mode): static objects and types, None, True, False,
 * the small ints. Code outside the runtime must not touch these fields directly. */
typedef struct MiniObject {
    Mini_ssize_t ob_refcnt;             /* GIL mode: references held (freed at 0); free-threaded:
                                         * the shared count and merge flags (atomic) */
    struct MiniTypeObject *ob_type;     /* borrowed: types outlive their instances */
    uintptr_t ob_tid;                   /* free-threaded: the owning thread (0: none, merged) */
    uint32_t ob_ref_local;              /* free-threaded: the owner's count (owner-only writes) */
    uint16_t ob_flags;                  /* MINI_OBJ_FLAG_* bits */
    uint8_t ob_mutex;                   /* the object's lock for critical sections (critical_section.h) */
    uint8_t ob_gc_bits;                 /* reserved for the cycle collector */
} MiniObject;

/* ob_flags bits. */
#define MINI_OBJ_FLAG_IMMORTAL  0x1     /* made immortal at run time (small ints, static types) */
#define MINI_OBJ_FLAG_STATIC    0x2     /* statically allocated (never passed to MiniObject_Free) */

/* The header of variable-size objects (tuple, bytes, ...): ob_size counts the items. */
typedef struct MiniVarObject {
    MiniObject ob_base;
    Mini_ssize_t ob_size;
} MiniVarObject;

#define MiniObject_HEAD MiniObject ob_base;
#define MiniObject_VAR_HEAD MiniVarObject ob_base;
/* Static initialiser for the header of a statically allocated object or type. Static objects
 * are immortal: a huge count in GIL mode, the immortal local count in free-threaded mode. */
#define MINI_IMMORTAL_REFCNT ((Mini_ssize_t)1 << 40)
#define MINI_REF_LOCAL_IMMORTAL UINT32_MAX
#define MINI_REF_SHARED_SHIFT 2
#define MINI_OBJECT_STATIC_INIT(type) \
    { MINI_IMMORTAL_REFCNT, (type), 0, MINI_REF_LOCAL_IMMORTAL, \
      MINI_OBJ_FLAG_IMMORTAL | MINI_OBJ_FLAG_STATIC, 0, 0 }
#define MiniObject_HEAD_INIT(type) MINI_OBJECT_STATIC_INIT(type),
#define MiniVarObject_HEAD_INIT(type, size) { MiniObject_HEAD_INIT(type) (size) },

/* Casts, as _PyObject_CAST. */
#define _MiniObject_CAST(op) ((MiniObject *)(op))
#define _MiniVarObject_CAST(op) ((MiniVarObject *)(op))

/* Slot signatures. */
typedef void (*Mini_destructor)(MiniObject *self);
typedef MiniObject *(*Mini_reprfunc)(MiniObject *self);
typedef Mini_hash_t (*Mini_hashfunc)(MiniObject *self);
typedef MiniObject *(*Mini_richcmpfunc)(MiniObject *a, MiniObject *b, int op);
typedef MiniObject *(*Mini_ternaryfunc)(MiniObject *, MiniObject *, MiniObject *);
typedef MiniObject *(*Mini_binaryfunc)(MiniObject *, MiniObject *);
typedef MiniObject *(*Mini_unaryfunc)(MiniObject *);
typedef int (*Mini_inquiry)(MiniObject *);
typedef Mini_ssize_t (*Mini_lenfunc)(MiniObject *);
typedef MiniObject *(*Mini_ssizeargfunc)(MiniObject *, Mini_ssize_t);
typedef int (*Mini_ssizeobjargproc)(MiniObject *, Mini_ssize_t, MiniObject *);
typedef int (*Mini_objobjargproc)(MiniObject *, MiniObject *, MiniObject *);
typedef int (*Mini_objobjproc)(MiniObject *, MiniObject *);
typedef MiniObject *(*Mini_getattrofunc)(MiniObject *self, MiniObject *name);
typedef int (*Mini_setattrofunc)(MiniObject *self, MiniObject *name, MiniObject *value);
typedef MiniObject *(*Mini_getiterfunc)(MiniObject *self);
typedef MiniObject *(*Mini_iternextfunc)(MiniObject *self);
typedef MiniObject *(*Mini_newfunc)(struct MiniTypeObject *type, MiniObject *args, MiniObject *kwargs);
typedef int (*Mini_initproc)(MiniObject *self, MiniObject *args, MiniObject *kwargs);
typedef MiniObject *(*Mini_getter)(MiniObject *self, void *closure);
typedef int (*Mini_setter)(MiniObject *self, MiniObject *value, void *closure);
/* Descriptor protocol (as tp_descr_get / tp_descr_set): get(descr, instance or NULL, owner type);
 * set(descr, instance, value or NULL to delete). */
typedef MiniObject *(*Mini_descrgetfunc)(MiniObject *descr, MiniObject *obj, MiniObject *type);
typedef int (*Mini_descrsetfunc)(MiniObject *descr, MiniObject *obj, MiniObject *value);
/* Cycle collection (mini/objimpl.h): tp_traverse calls visit(child, arg) on every object the
 * instance holds a strong reference to and returns the first non-zero result (Mini_VISIT). */
typedef int (*Mini_visitproc)(MiniObject *child, void *arg);
typedef int (*Mini_traverseproc)(MiniObject *self, Mini_visitproc visit, void *arg);

/* Rich comparison operators, as Py_LT .. Py_GE. */
#define Mini_LT 0
#define Mini_LE 1
#define Mini_EQ 2
#define Mini_NE 3
#define Mini_GT 4
#define Mini_GE 5

/* Arithmetic slots (a subset of PyNumberMethods). A slot returns Mini_NotImplemented when it
 * does not handle the operand types. */
typedef struct MiniNumberMethods {
    Mini_binaryfunc nb_add, nb_subtract, nb_multiply, nb_remainder, nb_power_unused;
    Mini_unaryfunc nb_negative, nb_positive, nb_absolute;
    Mini_inquiry nb_bool;
    Mini_binaryfunc nb_floor_divide, nb_true_divide, nb_matrix_multiply;
    Mini_ternaryfunc nb_power;
    Mini_unaryfunc nb_int, nb_float, nb_index;
} MiniNumberMethods;

typedef struct MiniSequenceMethods {
    Mini_lenfunc sq_length;
    Mini_ssizeargfunc sq_item;
    Mini_ssizeobjargproc sq_ass_item;
    Mini_objobjproc sq_contains;
} MiniSequenceMethods;

typedef struct MiniMappingMethods {
    Mini_lenfunc mp_length;
    Mini_binaryfunc mp_subscript;
    Mini_objobjargproc mp_ass_subscript;
} MiniMappingMethods;

struct MiniBuffer;
typedef int (*Mini_getbufferproc)(MiniObject *exporter, struct MiniBuffer *view, int flags);
typedef void (*Mini_releasebufferproc)(MiniObject *exporter, struct MiniBuffer *view);
typedef struct MiniBufferProcs {
    Mini_getbufferproc bf_getbuffer;         /* fills view, counts an export */
    Mini_releasebufferproc bf_releasebuffer; /* ends that export (may be NULL) */
} MiniBufferProcs;

struct MiniMethodDef;
/* A computed attribute, as PyGetSetDef. */
typedef struct MiniGetSetDef {
    const char *name;
    Mini_getter get;
    Mini_setter set;       /* NULL: read-only */
    const char *doc;
    void *closure;
} MiniGetSetDef;

/* Type flags. */
#define MINI_TPFLAGS_READY           (1UL << 0)  /* MiniType_Ready has run */
#define MINI_TPFLAGS_HEAPTYPE        (1UL << 1)  /* allocated at run time (e.g. a Python class) */
#define MINI_TPFLAGS_BASETYPE        (1UL << 2)  /* may be subclassed */
#define MINI_TPFLAGS_HAVE_DICT       (1UL << 3)  /* instances carry a __dict__ (see tp_dictoffset) */
/* Instances take part in cycle collection (mini/objimpl.h): they are allocated with the
 * collector's header before them and the type provides tp_traverse (and tp_clear to break
 * cycles). Inherited by subtypes that define neither slot. */
#define MINI_TPFLAGS_HAVE_GC         (1UL << 14)
/* Instances accept weak references (weakref.ref(obj)); needs MINI_TPFLAGS_HAVE_GC: the list of
 * weak references lives in the collector's header. Inherited. */
#define MINI_TPFLAGS_WEAKREFABLE     (1UL << 15)
#define MINI_TPFLAGS_LONG_SUBCLASS   (1UL << 24)
#define MINI_TPFLAGS_LIST_SUBCLASS   (1UL << 25)
#define MINI_TPFLAGS_TUPLE_SUBCLASS  (1UL << 26)
#define MINI_TPFLAGS_BYTES_SUBCLASS  (1UL << 27)
#define MINI_TPFLAGS_UNICODE_SUBCLASS (1UL << 28)
#define MINI_TPFLAGS_DICT_SUBCLASS   (1UL << 29)
#define MINI_TPFLAGS_BASE_EXC_SUBCLASS (1UL << 30)
#define MINI_TPFLAGS_TYPE_SUBCLASS   (1UL << 31)

/* A type object. Static types are defined with MiniObject_HEAD_INIT(&MiniType_Type) and made
 * ready with MiniType_Ready before first use (MiniModule_AddType does it). Slots left NULL are
 * inherited from tp_base (default: MiniBaseObject_Type) by MiniType_Ready. */
typedef struct MiniTypeObject {
    MiniObject ob_base;
    const char *tp_name;            /* "module.Name" or "Name"; the part after the last dot is shown */
    Mini_ssize_t tp_basicsize;      /* bytes of the fixed part of an instance */
    Mini_ssize_t tp_itemsize;       /* bytes per item for variable-size objects, else 0 */
    Mini_destructor tp_dealloc;     /* release owned references, then MiniObject_Free(self) */
    Mini_reprfunc tp_repr;          /* repr(); new reference */
    Mini_reprfunc tp_str;           /* str(); defaults to tp_repr */
    Mini_hashfunc tp_hash;          /* hash(); -1 with an exception set on failure */
    Mini_richcmpfunc tp_richcompare;/* ==, <, ...; may return Mini_NotImplemented */
    Mini_ternaryfunc tp_call;       /* obj(*args, **kwargs): (self, args tuple, kwargs dict or NULL) */
    Mini_getattrofunc tp_getattro;  /* default MiniObject_GenericGetAttr */
    Mini_setattrofunc tp_setattro;  /* default MiniObject_GenericSetAttr; value NULL deletes */
    Mini_getiterfunc tp_iter;
    Mini_iternextfunc tp_iternext;  /* NULL without exception set: exhausted */
    MiniNumberMethods *tp_as_number;
    MiniSequenceMethods *tp_as_sequence;
    MiniMappingMethods *tp_as_mapping;
    MiniBufferProcs *tp_as_buffer;
    struct MiniMethodDef *tp_methods; /* NULL-terminated; bound to instances on attribute lookup */
    MiniGetSetDef *tp_getset;       /* NULL-terminated */
    struct MiniTypeObject *tp_base;
    MiniObject *tp_dict;            /* filled by MiniType_Ready: methods, getsets, class attributes */
    Mini_ssize_t tp_dictoffset;     /* offset of an instance's MiniObject *dict slot, or 0 */
    unsigned long tp_flags;
    const char *tp_doc;
    Mini_newfunc tp_new;            /* type(*args, **kwargs) allocates through tp_new ... */
    Mini_initproc tp_init;          /* ... then initialises through tp_init */
    Mini_destructor tp_finalize;    /* reserved */
    void *tp_vm;                    /* private to the interpreter (class bodies, slots); NULL in C types */
    /* Appended after the original contract (kept last so existing designated initialisers are
     * unaffected): the descriptor protocol. An object found in a type's dict whose type has
     * tp_descr_get is "bound" by attribute lookup (methods, computed attributes, the interpreter's
     * functions); with tp_descr_set too it is a data descriptor and wins over the instance dict. */
    Mini_descrgetfunc tp_descr_get;
    Mini_descrsetfunc tp_descr_set;
    /* Appended for the cycle collector (mini/objimpl.h), kept last for the same reason. Used only
     * when tp_flags has MINI_TPFLAGS_HAVE_GC. tp_traverse visits every owned reference;
     * tp_clear drops the references that can take part in a cycle (Mini_CLEAR: the object must
     * stay safe to use and to deallocate); tp_is_gc, when set, says whether one particular
     * instance was allocated with the collector's header (static instances of a GC type, such as
     * static type objects or the empty tuple, were not). */
    Mini_traverseproc tp_traverse;
    Mini_inquiry tp_clear;
    Mini_inquiry tp_is_gc;
} MiniTypeObject;

extern MiniTypeObject MiniType_Type;        /* the type of types: "type" */
extern MiniTypeObject MiniBaseObject_Type;  /* "object" */
extern MiniTypeObject MiniNone_Type;        /* "NoneType" */
extern MiniTypeObject MiniNotImplemented_Type;

/* The singletons. Borrowed references: use Mini_NewRef(Mini_None) to return one. */
extern MiniObject _Mini_NoneStruct;
extern MiniObject _Mini_NotImplementedStruct;
#define Mini_None (&_Mini_NoneStruct)
#define Mini_NotImplemented (&_Mini_NotImplementedStruct)
/* The same as functions, for Swift (which cannot use the macros above). Borrowed references. */
MINI_INLINE MiniObject *Mini_GetNone(void) { return &_Mini_NoneStruct; }
MINI_INLINE MiniObject *Mini_GetNotImplemented(void) { return &_Mini_NotImplementedStruct; }

/* ----- reference counting ------------------------------------------------------------------
 * All of these require an attached thread state (in GIL mode: the GIL). In checked mode they
 * also verify that and that the object has not been freed. Mini_DECREF deallocates the object
 * when the count reaches zero, which may run arbitrary code (other DECREFs).
 *
 * GIL mode's INCREF is one predictable not-taken branch on _Mini_RefSlow, an increment and an
 * increment of the total, as before free-threading existed. Free-threaded mode counts the
 * owner's references inline behind that branch and the rest out of line; checked mode counts
 * everything out of line (Python/refcount.c). */

/* Running total of all reference counts in GIL mode, kept like a debug CPython's _Py_RefTotal.
 * Protected by the GIL. In free-threaded mode each thread keeps its own total. Read it with
 * Mini_TotalRefCount(), which sums them. */
extern Mini_ssize_t _Mini_RefTotal;
/* Non-zero when checked mode is on (see refdebug.h). */
extern int _Mini_CheckedMode;
/* Which INCREF/DECREF path runs, set once at start: 0 GIL mode (the plain count below),
 * MINI_REFMODE_FT free-threaded (the owner's case inline, the rest out of line),
 * MINI_REFMODE_CHECKED checked mode, free-threaded or not (everything out of line). Tested as a
 * boolean first so GIL mode pays one predictable branch. */
extern int _Mini_RefSlow;
#define MINI_REFMODE_FT 1
#define MINI_REFMODE_CHECKED 2
/* 1 when the runtime counts references the free-threaded way (biased); set at start-up. */
extern int _Mini_FreeThreaded;
void _Mini_CheckRefOp(MiniObject *op, const char *func);
void _Mini_Dealloc(MiniObject *op);
MINI_NORETURN void _Mini_FatalRefcount(MiniObject *op, const char *func);
/* The out-of-line INCREF/DECREF. _Mini_DecRefSlow returns 1 when the count reached zero and
 * the caller must deallocate the object, else 0. */
void _Mini_IncRefSlow(MiniObject *op);
int _Mini_DecRefSlow(MiniObject *op);
/* The true count in free-threaded mode (local + shared). */
Mini_ssize_t _Mini_RefcntBiased(MiniObject *op);
/* Gives a fresh (or recycled) object its first reference: count 1, owned by the calling thread,
 * counted in the total. Not counted as a new live object (MiniObject_New does that). */
void _Mini_NewReferenceBiased(MiniObject *op);
MINI_INLINE void _Mini_NewReference(MiniObject *op) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) { _Mini_NewReferenceBiased(op); return; }
    op->ob_refcnt = 1;
    _Mini_RefTotal++;
}
/* Ends a resurrection (a tp_dealloc that gave op a reference with _Mini_NewReference to run
 * code on it): drops that reference; 1 if op is dead again (the deallocation continues), 0 if
 * the code kept it alive. */
int _Mini_ResurrectEnd(MiniObject *op);
/* Makes op immortal: never counted again, never freed by DECREF. For objects that live as long
 * as the runtime (static objects made at run time, small ints). */
MINI_INLINE void _Mini_SetImmortal(MiniObject *op) {
    op->ob_refcnt = MINI_IMMORTAL_REFCNT;
    op->ob_tid = 0;
    op->ob_ref_local = MINI_REF_LOCAL_IMMORTAL;
    op->ob_flags |= MINI_OBJ_FLAG_IMMORTAL;
}
/* 1 if op is immortal. */
MINI_INLINE int _Mini_IsImmortal(MiniObject *op) {
    return (op->ob_flags & MINI_OBJ_FLAG_IMMORTAL) != 0;
}

/* An object's reference count (in free-threaded mode the sum of its biased parts, a snapshot),
 * type (borrowed), and item count for variable-size objects; Mini_IS_TYPE: exact type test;
 * Mini_Is: identity. Never fail, change no count. GIL held (or an attached thread state). */
MINI_INLINE Mini_ssize_t Mini_REFCNT(MiniObject *op) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) {
        uint32_t local = __atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED);
        if (local == MINI_REF_LOCAL_IMMORTAL) return MINI_IMMORTAL_REFCNT;
        return (Mini_ssize_t)local +
               (__atomic_load_n(&op->ob_refcnt, __ATOMIC_RELAXED) >> MINI_REF_SHARED_SHIFT);
    }
    return op->ob_refcnt;
}
MINI_INLINE MiniTypeObject *Mini_TYPE(MiniObject *op) { return op->ob_type; }
MINI_INLINE Mini_ssize_t Mini_SIZE(MiniObject *op) { return ((MiniVarObject *)op)->ob_size; }
#define Mini_REFCNT(op) Mini_REFCNT(_MiniObject_CAST(op))
#define Mini_TYPE(op) Mini_TYPE(_MiniObject_CAST(op))
#define Mini_SIZE(op) Mini_SIZE(_MiniObject_CAST(op))
MINI_INLINE int Mini_IS_TYPE(MiniObject *op, MiniTypeObject *t) { return op->ob_type == t; }
#define Mini_IS_TYPE(op, t) Mini_IS_TYPE(_MiniObject_CAST(op), (t))
MINI_INLINE int Mini_Is(MiniObject *a, MiniObject *b) { return a == b; }

/* Free-threaded mode's inline owner case (as CPython 3.13t's Py_INCREF/Py_DECREF): the thread
 * that owns op (ob_tid equal to the calling thread's stamp) changes its local count with plain
 * loads and stores and counts the change in its own share of the total; immortal objects are
 * skipped; everything else (another thread's object, checked mode) goes out of line to
 * Python/refcount.c. _Mini_RefThis is the calling thread's record: its tid is MINI_REF_TID_NONE
 * (which no object carries) until the thread is registered, so an unregistered thread always
 * takes the out-of-line path, which registers it. Single writer (the thread itself); other
 * threads read reftotal with relaxed loads to sum the total, hence the relaxed atomics. */
#ifdef __cplusplus
#define MINI_THREAD_LOCAL thread_local
#else
#define MINI_THREAD_LOCAL _Thread_local
#endif
#define MINI_REF_TID_NONE ((uintptr_t)1)
typedef struct _MiniRefThread {
    uintptr_t tid;              /* the value this thread stores in ob_tid; MINI_REF_TID_NONE: unregistered */
    Mini_ssize_t reftotal;      /* this thread's share of Mini_TotalRefCount (free-threaded mode) */
} _MiniRefThread;
extern __attribute__((tls_model("initial-exec"))) MINI_THREAD_LOCAL _MiniRefThread _Mini_RefThis;
/* The owner's local count reached zero: 1 if op is dead (the caller deallocates it), 0 if other
 * threads still hold references (ownership passes to the shared count). Owner only. */
int _Mini_MergeZeroLocal(MiniObject *op);
/* The same, with its common case inline: the shared word still 0 (no other thread ever took a
 * reference, the usual end of a temporary) means dead without a call. Owner only. */
MINI_INLINE int _Mini_MergeZeroLocalFast(MiniObject *op) {
    if (__atomic_load_n(&op->ob_refcnt, __ATOMIC_ACQUIRE) == 0) return 1;
    return _Mini_MergeZeroLocal(op);
}
MINI_INLINE void _Mini_RefThisCount(Mini_ssize_t d) {
    __atomic_store_n(&_Mini_RefThis.reftotal, _Mini_RefThis.reftotal + d, __ATOMIC_RELAXED);
}
MINI_INLINE void _Mini_IncRefFT(MiniObject *op) {
    /* The owner test first: immortal objects have no owner (ob_tid 0), so they fail it and are
     * then skipped without a call. */
    if (MINI_LIKELY(__atomic_load_n(&op->ob_tid, __ATOMIC_RELAXED) == _Mini_RefThis.tid) &&
        MINI_LIKELY(_Mini_RefSlow == MINI_REFMODE_FT)) {
        __atomic_store_n(&op->ob_ref_local, __atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED) + 1,
                         __ATOMIC_RELAXED);
        _Mini_RefThisCount(1);
        return;
    }
    if (__atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED) == MINI_REF_LOCAL_IMMORTAL &&
        _Mini_RefSlow == MINI_REFMODE_FT) return;
    _Mini_IncRefSlow(op);
}
MINI_INLINE void _Mini_DecRefFT(MiniObject *op) {
    if (MINI_LIKELY(__atomic_load_n(&op->ob_tid, __ATOMIC_RELAXED) == _Mini_RefThis.tid) &&
        MINI_LIKELY(_Mini_RefSlow == MINI_REFMODE_FT)) {
        uint32_t local = __atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED);
        __atomic_store_n(&op->ob_ref_local, local - 1, __ATOMIC_RELAXED);
        _Mini_RefThisCount(-1);
        if (local == 1 && _Mini_MergeZeroLocalFast(op)) _Mini_Dealloc(op);
        return;
    }
    if (__atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED) == MINI_REF_LOCAL_IMMORTAL &&
        _Mini_RefSlow == MINI_REFMODE_FT) return;
    if (_Mini_DecRefSlow(op)) _Mini_Dealloc(op);
}

/* Take (INCREF) or drop (DECREF) one strong reference; the X forms accept NULL. A DECREF to zero
 * deallocates at once, which may run arbitrary code (a __del__, other DECREFs). GIL held. Checked
 * mode: fatal on a freed object or a count going below zero. */
MINI_INLINE void Mini_INCREF(MiniObject *op) {
    if (MINI_UNLIKELY(_Mini_RefSlow)) { _Mini_IncRefFT(op); return; }
    op->ob_refcnt++;
    _Mini_RefTotal++;
}
MINI_INLINE void Mini_DECREF(MiniObject *op) {
    if (MINI_UNLIKELY(_Mini_RefSlow)) { _Mini_DecRefFT(op); return; }
    _Mini_RefTotal--;
    if (--op->ob_refcnt == 0) _Mini_Dealloc(op);
}
MINI_INLINE void Mini_XINCREF(MiniObject *op) { if (op != NULL) Mini_INCREF(op); }
MINI_INLINE void Mini_XDECREF(MiniObject *op) { if (op != NULL) Mini_DECREF(op); }
/* Returns op after taking a new reference to it (op must not be NULL). */
MINI_INLINE MiniObject *Mini_NewRef(MiniObject *op) { Mini_INCREF(op); return op; }
MINI_INLINE MiniObject *Mini_XNewRef(MiniObject *op) { Mini_XINCREF(op); return op; }
#define Mini_INCREF(op) Mini_INCREF(_MiniObject_CAST(op))
#define Mini_DECREF(op) Mini_DECREF(_MiniObject_CAST(op))
#define Mini_XINCREF(op) Mini_XINCREF(_MiniObject_CAST(op))
#define Mini_XDECREF(op) Mini_XDECREF(_MiniObject_CAST(op))
#define Mini_NewRef(op) Mini_NewRef(_MiniObject_CAST(op))
#define Mini_XNewRef(op) Mini_XNewRef(_MiniObject_CAST(op))
/* Sets the variable to NULL first, then drops the reference it held (safe against re-entry). */
#define Mini_CLEAR(var) do { MiniObject *_mini_tmp = _MiniObject_CAST(var); \
    if (_mini_tmp != NULL) { (var) = NULL; Mini_DECREF(_mini_tmp); } } while (0)
/* Replaces *dst with src, dropping the old value afterwards (src's reference is stolen). */
#define Mini_SETREF(dst, src) do { MiniObject *_mini_old = _MiniObject_CAST(dst); \
    (dst) = (src); Mini_XDECREF(_mini_old); } while (0)

#define Mini_RETURN_NONE return Mini_NewRef(Mini_None)
#define Mini_RETURN_NOTIMPLEMENTED return Mini_NewRef(Mini_NotImplemented)

/* ----- allocation ------------------------------------------------------------------------ */

/* Allocates an instance of type (tp_basicsize bytes, zeroed) with refcount 1, and counts it in
 * Mini_LiveObjects(). New reference; NULL with MemoryError on failure. Requires the GIL. */
MiniObject *MiniObject_New(MiniTypeObject *type);
#define MiniObject_NEW(ctype, type) ((ctype *)MiniObject_New(type))
/* As MiniObject_New for variable-size types: tp_basicsize + n * tp_itemsize bytes; ob_size = n. */
MiniObject *MiniObject_NewVar(MiniTypeObject *type, Mini_ssize_t n);
/* Frees the memory of an object whose count reached zero; call it last in tp_dealloc.
 * In checked mode the memory is poisoned and quarantined so later uses are caught. */
void MiniObject_Free(MiniObject *op);
/* Raw memory, as PyMem_Malloc: no GIL needed; NULL (no exception) on failure. */
void *MiniMem_Malloc(size_t n);
void *MiniMem_Calloc(size_t n, size_t size);
void *MiniMem_Realloc(void *p, size_t n);
void MiniMem_Free(void *p);

/* ----- types --------------------------------------------------------------------------------- */

/* Completes a static type: inherits slots from tp_base, builds tp_dict from tp_methods and
 * tp_getset. 0 on success, -1 with an exception. Idempotent. Requires the GIL. */
int MiniType_Ready(MiniTypeObject *type);
/* 1 if a is b or derives from it, else 0. Never fails. */
int MiniType_IsSubtype(MiniTypeObject *a, MiniTypeObject *b);
/* The short name (after the last '.') of a type, borrowed C string. */
const char *MiniType_Name(MiniTypeObject *type);
/* The generic tp_new: allocates an instance of type. New reference. */
MiniObject *MiniType_GenericNew(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs);
/* Creates a heap type (as type(name, (base,), dict)): name is "module.Name" or "Name"; base NULL
 * means object; dict (borrowed, may be NULL) is copied into the new type's tp_dict. Instances
 * of a base without a __dict__ get one. Slots are inherited from base. New reference; NULL with
 * TypeError "type 'bool' is not an acceptable base type" or MemoryError. Requires the GIL. */
MiniObject *MiniType_NewHeap(const char *name, MiniTypeObject *base, MiniObject *dict);
/* Looks name (a str) up in type's dict and its bases' dicts. Borrowed reference or NULL; never
 * sets an exception. Requires the GIL. */
MiniObject *MiniType_Lookup(MiniTypeObject *type, MiniObject *name);
/* 1 if op is an instance of type or of a subtype. */
MINI_INLINE int MiniObject_TypeCheck(MiniObject *op, MiniTypeObject *type) {
    return op->ob_type == type || MiniType_IsSubtype(op->ob_type, type);
}
#define MiniObject_TypeCheck(op, type) MiniObject_TypeCheck(_MiniObject_CAST(op), (type))
#define MiniType_Check(op) MiniObject_TypeCheck((op), &MiniType_Type)

/* ----- the object protocol --------------------------------------------------------------------
 * All require the GIL; all return a new reference (or an int), or NULL / -1 with an exception. */

MiniObject *MiniObject_Repr(MiniObject *o);     /* repr(o): a str */
MiniObject *MiniObject_Str(MiniObject *o);      /* str(o): a str */
Mini_hash_t MiniObject_Hash(MiniObject *o);     /* hash(o); TypeError "unhashable type: 'list'" */
/* o1 op o2 as an object (usually a bool); TypeError "'<' not supported between instances of
 * 'int' and 'str'" when neither side implements it. */
MiniObject *MiniObject_RichCompare(MiniObject *o1, MiniObject *o2, int op);
/* As above as 1 / 0 / -1 (error). Identity implies equality for Mini_EQ and Mini_NE. */
int MiniObject_RichCompareBool(MiniObject *o1, MiniObject *o2, int op);
int MiniObject_IsTrue(MiniObject *o);           /* truth value: 1, 0, or -1 on error */
int MiniObject_Not(MiniObject *o);
MiniObject *MiniObject_Type(MiniObject *o);     /* type(o), new reference */

/* Attribute access. AttributeError "'int' object has no attribute 'x'" when absent. */
MiniObject *MiniObject_GetAttr(MiniObject *o, MiniObject *name);
MiniObject *MiniObject_GetAttrString(MiniObject *o, const char *name);
int MiniObject_SetAttr(MiniObject *o, MiniObject *name, MiniObject *value);  /* value NULL deletes */
int MiniObject_SetAttrString(MiniObject *o, const char *name, MiniObject *value);
int MiniObject_HasAttrString(MiniObject *o, const char *name);               /* never fails */
MiniObject *MiniObject_GenericGetAttr(MiniObject *o, MiniObject *name);
int MiniObject_GenericSetAttr(MiniObject *o, MiniObject *name, MiniObject *value);

/* Calls. args must be a tuple (not NULL), kwargs a dict or NULL. TypeError "'int' object is not
 * callable" for non-callables. The callee may release and retake the GIL. */
MiniObject *MiniObject_Call(MiniObject *callable, MiniObject *args, MiniObject *kwargs);
/* args may be NULL (no arguments) or a tuple. */
MiniObject *MiniObject_CallObject(MiniObject *callable, MiniObject *args);
/* Call with a NULL-terminated list of positional arguments (borrowed). */
MiniObject *MiniObject_CallFunctionObjArgs(MiniObject *callable, ...);
/* o.name(*args) with a NULL-terminated list of positional arguments (borrowed). */
MiniObject *MiniObject_CallMethodObjArgs(MiniObject *o, const char *name, ...);
MiniObject *MiniObject_CallNoArgs(MiniObject *callable);
MiniObject *MiniObject_CallOneArg(MiniObject *callable, MiniObject *arg);
int MiniCallable_Check(MiniObject *o);          /* 1 if o has tp_call */

/* Containers and iteration. */
Mini_ssize_t MiniObject_Length(MiniObject *o);  /* len(o); TypeError "object of type 'int' has no len()" */
MiniObject *MiniObject_GetItem(MiniObject *o, MiniObject *key);
int MiniObject_SetItem(MiniObject *o, MiniObject *key, MiniObject *value);
int MiniObject_DelItem(MiniObject *o, MiniObject *key);
int MiniSequence_Contains(MiniObject *seq, MiniObject *item);  /* item in seq: 1, 0, -1 */
MiniObject *MiniObject_GetIter(MiniObject *o);  /* iter(o); TypeError "'int' object is not iterable" */
/* next(it): new reference; NULL with no exception set when exhausted; NULL with one on error. */
MiniObject *MiniIter_Next(MiniObject *it);
/* 1 if o has tp_iternext. Never fails. */
int MiniIter_Check(MiniObject *o);

/* Guard for C code that recurses into objects (as Py_EnterRecursiveCall): returns 0 and counts
 * one level, or -1 with RecursionError "maximum recursion depth exceeded<where>" when the thread
 * is MINI_C_RECURSION_LIMIT levels deep or its C stack is nearly exhausted. Every 0 must be
 * matched by Mini_LeaveRecursiveCall. GIL required (without it the call counts nothing and
 * returns 0). MiniObject_Repr/Str/Hash/RichCompare already call it. */
#define MINI_C_RECURSION_LIMIT 1000
int Mini_EnterRecursiveCall(const char *where);
void Mini_LeaveRecursiveCall(void);

/* Guard against infinite recursion when printing self-containing containers (as Py_ReprEnter):
 * returns 0 the first time o is entered on this thread, 1 if o is already being printed (the
 * caller then prints "[...]"), -1 with MemoryError. Every 0 must be matched by Mini_ReprLeave. */
int Mini_ReprEnter(MiniObject *o);
void Mini_ReprLeave(MiniObject *o);

/* ----- the number protocol ---------------------------------------------------------------------
 * Binary operators dispatch as Python does: the left operand's slot first (the right operand's
 * first when its type is a proper subtype of the left's), each slot may return
 * Mini_NotImplemented, and when both decline: TypeError "unsupported operand type(s) for +:
 * 'int' and 'str'". All require the GIL and return a new reference or NULL with an exception. */
MiniObject *MiniNumber_Add(MiniObject *a, MiniObject *b);
MiniObject *MiniNumber_Subtract(MiniObject *a, MiniObject *b);
MiniObject *MiniNumber_Multiply(MiniObject *a, MiniObject *b);
MiniObject *MiniNumber_TrueDivide(MiniObject *a, MiniObject *b);
MiniObject *MiniNumber_FloorDivide(MiniObject *a, MiniObject *b);
MiniObject *MiniNumber_Remainder(MiniObject *a, MiniObject *b);
MiniObject *MiniNumber_MatrixMultiply(MiniObject *a, MiniObject *b);
/* a ** b (c must be Mini_None or NULL: three-argument pow is not supported). */
MiniObject *MiniNumber_Power(MiniObject *a, MiniObject *b, MiniObject *c);
MiniObject *MiniNumber_Negative(MiniObject *o);   /* TypeError "bad operand type for unary -: 'str'" */
MiniObject *MiniNumber_Positive(MiniObject *o);
MiniObject *MiniNumber_Absolute(MiniObject *o);
/* 1 if o supports int() or float() conversion. Never fails. */
int MiniNumber_Check(MiniObject *o);
/* o as an int through nb_index (new reference); TypeError "'float' object cannot be interpreted
 * as an integer". */
MiniObject *MiniNumber_Index(MiniObject *o);
/* o (an int or nb_index provider) as a Mini_ssize_t. On overflow: if exc is NULL the value is
 * clamped to MINI_SSIZE_T_MIN/MAX, else exc is raised ("cannot fit 'int' into an index-sized
 * integer"). -1 with an exception on failure. */
Mini_ssize_t MiniNumber_AsSsize_t(MiniObject *o, MiniObject *exc);
MiniObject *MiniNumber_Long(MiniObject *o);       /* int(o) through nb_int / nb_index */
MiniObject *MiniNumber_Float(MiniObject *o);      /* float(o) through nb_float / nb_index */

MINI_END_DECLS
#endif /* MINI_OBJECT_H */
