/* Objects/object.c: object allocation and the generic object protocol.
 *
 * MiniObject_New / NewVar / Free are the only way objects come into and go out of existence:
 * they keep the live-object count and the reference total honest and hand freed memory to the
 * checked-mode quarantine (refdebug.c). Outside checked mode, objects of up to 512 bytes live in
 * the small-object pools (obmalloc.c); when the pools are off (sanitizers, EXTDEMO_MALLOC=malloc)
 * freed blocks of up to 128 bytes are kept on per-size free lists (guarded by the GIL, like every
 * allocation) and reused by the next allocations of that size, which spares malloc the churn of
 * short-lived ints and floats; lists take their small item arrays from the same free lists
 * (_MiniObject_AllocBlock), which stay malloc blocks (they are realloc'ed). The rest of
 * the file is the type-independent half of every operation on objects (repr, hash, comparison,
 * truth, attributes, items, iteration): it finds the right slot of the right type and turns a
 * missing slot into Python's TypeError. */
#include "mini.h"
#include "object_internal.h"
#include "objimpl_internal.h"
#include "instvalues_internal.h"
#include "refdebug_internal.h"
#include "objtrace_internal.h"
#include "unicodeobject_internal.h"
#include "tstate_internal.h"
#include "gc_internal.h"
#include "obmalloc_internal.h"

#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ----- raw memory ---------------------------------------------------------------------------- */

void *MiniMem_Malloc(size_t n) { return malloc(n ? n : 1); }

void *MiniMem_Calloc(size_t n, size_t size) {
    if (n == 0 || size == 0) { n = 1; size = 1; }
    return calloc(n, size);
}

void *MiniMem_Realloc(void *p, size_t n) { return realloc(p, n ? n : 1); }

void MiniMem_Free(void *p) { free(p); }

/* ----- free lists ------------------------------------------------------------------------------ */

/* Class k holds blocks whose usable size is at least 16 * k bytes (k = 1 .. FREELIST_CLASSES),
 * linked through their first word. */
#define FREELIST_CLASSES 8
#define FREELIST_MAX 4096
typedef struct { void *head[FREELIST_CLASSES + 1]; int count[FREELIST_CLASSES + 1]; } FreeLists;
/* GIL mode: one set, guarded by the GIL. Free-threaded mode: one set per thread (a block freed
 * on one thread is reused by that thread's next allocations), emptied when the thread exits
 * (_MiniObject_ClearThreadFreeLists). Checked mode uses neither (freed memory is quarantined). */
static FreeLists shared_lists;
static __attribute__((tls_model("initial-exec"))) _Thread_local FreeLists thread_lists;

/* The lists the calling thread may use, or NULL (checked mode). */
static inline FreeLists *free_lists(void) {
    if (MINI_UNLIKELY(_Mini_RefSlow)) return _Mini_CheckedMode ? NULL : &thread_lists;
    return &shared_lists;
}

/* A zeroed block of size bytes, from the free list of its class when it has one. */
static void *alloc_block(size_t size) {
    size_t k = (size + 15) / 16;
    FreeLists *l = free_lists();
    if (k <= FREELIST_CLASSES && l != NULL && l->head[k] != NULL) {
        void *p = l->head[k];
        l->head[k] = *(void **)p;
        l->count[k]--;
        memset(p, 0, size);
        return p;
    }
    /* Round a small block up to its class so that, freed, it files back into this class
     * (keep_block files by usable size rounded down): a 40-byte request has 40 usable bytes
     * from glibc, class 2, and would never be reused for the class-3 requests it came from. */
    return calloc(1, k <= FREELIST_CLASSES ? k * 16 : size);
}

/* Keeps a freed block for reuse if its class has room; 0 if the caller must release it. */
static int keep_block(FreeLists *l, void *p) {
    size_t k = malloc_usable_size(p) / 16;
    if (k > FREELIST_CLASSES) return 0;
    if (k == 0 || l->count[k] >= FREELIST_MAX) return 0;
    *(void **)p = l->head[k];
    l->head[k] = p;
    l->count[k]++;
    return 1;
}

static void clear_lists(FreeLists *l) {
    for (int k = 1; k <= FREELIST_CLASSES; k++) {
        while (l->head[k] != NULL) {
            void *p = l->head[k];
            l->head[k] = *(void **)p;
            free(p);
        }
        l->count[k] = 0;
    }
}

void *_MiniObject_AllocBlock(size_t size) { return alloc_block(size ? size : 1); }

void _MiniObject_FreeBlock(void *block) {
    if (block == NULL) return;
    FreeLists *l = free_lists();
    if (l == NULL || !keep_block(l, block)) free(block);
}

void _MiniObject_ClearFreeLists(void) {
    clear_lists(&shared_lists);
    clear_lists(&thread_lists);
}

void _MiniObject_ClearThreadFreeLists(void) {
    clear_lists(&thread_lists);
    _MiniObMalloc_ThreadExit();
}

/* A block for an object: from the pools (obmalloc.c) outside checked mode, else (pools off, too
 * large, checked mode) from the free lists above or calloc. Zeroed. */
static inline void *alloc_object_block(size_t size) {
    if (MINI_LIKELY(!_Mini_CheckedMode)) {
        void *p = _MiniObMalloc_Alloc(size);
        if (MINI_LIKELY(p != NULL)) return p;
    }
    return alloc_block(size);
}

void _MiniObject_ReleaseRaw(void *block) {
    if (_MiniObMalloc_Owns(block)) _MiniObMalloc_Free(block);
    else free(block);
}

/* ----- object allocation --------------------------------------------------------------------- */

/* Serialises objtrace.c's records in free-threaded checked mode. */
static pthread_mutex_t objtrace_mutex = PTHREAD_MUTEX_INITIALIZER;

/* Allocates size zeroed bytes as an instance of type with count 1. Instances of GC types get the
 * cycle collector's header in front (gc_internal.h); track says whether they are linked into
 * generation 0 at once (MiniObject_New) or left for MiniObject_GC_Track (MiniObject_GC_New). */
static MiniObject *alloc_object(MiniTypeObject *type, size_t size, int track) {
    if (size < sizeof(MiniObject)) size = sizeof(MiniObject);
    int gc = (type->tp_flags & MINI_TPFLAGS_HAVE_GC) != 0;
    char *block = alloc_object_block(gc ? size + sizeof(MiniGCHead) : size);
    if (block == NULL) return MiniErr_NoMemory();
    MiniObject *op = (MiniObject *)(gc ? block + sizeof(MiniGCHead) : block);
    op->ob_type = type;
    if (MINI_LIKELY(!_Mini_RefSlow)) {
        /* GIL mode, unchecked: _Mini_NewReference and _Mini_LiveObjectsAdd written out, so the
         * compiler's cold-code splitting does not move this, the common path, out of line. */
        op->ob_refcnt = 1;
        _Mini_RefTotal++;
        _Mini_LiveObjectCount++;
    } else {
        _Mini_NewReference(op);
        _Mini_LiveObjectsAdd(1);
    }
    if (MINI_UNLIKELY(_Mini_ObjTraceOn)) {                              /* leak report (objtrace.c) */
        if (_Mini_FreeThreaded) pthread_mutex_lock(&objtrace_mutex);
        _MiniObjTrace_Allocated(op);
        if (_Mini_FreeThreaded) pthread_mutex_unlock(&objtrace_mutex);
    }
    /* Instances of heap types keep their type alive; MiniObject_Free gives the reference back. */
    if (type->tp_flags & MINI_TPFLAGS_HEAPTYPE) Mini_INCREF(type);
    if (gc) _MiniGC_OnAlloc(op, track);
    return op;
}

/* The size of an instance of type with n items, or 0 on overflow. */
static size_t var_size(MiniTypeObject *type, Mini_ssize_t n) {
    size_t item = (size_t)type->tp_itemsize, size;
    if (__builtin_mul_overflow((size_t)n, item, &size) ||
        __builtin_add_overflow(size, (size_t)type->tp_basicsize, &size) ||
        size > (size_t)MINI_SSIZE_T_MAX - 64)
        return 0;
    return size;
}

static MiniObject *new_var(MiniTypeObject *type, Mini_ssize_t n, int track, const char *func) {
    if (n < 0) { _MiniErr_BadInternalCall(func); return NULL; }
    size_t size = var_size(type, n);
    if (size == 0) return MiniErr_NoMemory();
    MiniObject *op = alloc_object(type, size, track);
    if (op != NULL) ((MiniVarObject *)op)->ob_size = n;
    return op;
}

MiniObject *MiniObject_New(MiniTypeObject *type) {
    MINI_GUARD(type, "MiniObject_New", NULL);
    return alloc_object(type, (size_t)type->tp_basicsize, 1);
}

MiniObject *MiniObject_NewVar(MiniTypeObject *type, Mini_ssize_t n) {
    MINI_GUARD(type, "MiniObject_NewVar", NULL);
    return new_var(type, n, 1, "MiniObject_NewVar");
}

static int check_gc_type(MiniTypeObject *type, const char *func) {
    if (type->tp_flags & MINI_TPFLAGS_HAVE_GC) return 0;
    MiniErr_Format(MiniExc_SystemError, "%s: type '%s' does not have MINI_TPFLAGS_HAVE_GC", func, type->tp_name);
    return -1;
}

MiniObject *MiniObject_GC_New(MiniTypeObject *type) {
    MINI_GUARD(type, "MiniObject_GC_New", NULL);
    if (check_gc_type(type, "MiniObject_GC_New") < 0) return NULL;
    return alloc_object(type, (size_t)type->tp_basicsize, 0);
}

MiniObject *MiniObject_GC_NewVar(MiniTypeObject *type, Mini_ssize_t n) {
    MINI_GUARD(type, "MiniObject_GC_NewVar", NULL);
    if (check_gc_type(type, "MiniObject_GC_NewVar") < 0) return NULL;
    return new_var(type, n, 0, "MiniObject_GC_NewVar");
}

void MiniObject_Free(MiniObject *op) {
    if (op == NULL) return;
    MINI_CHECK_GIL("MiniObject_Free");
    MiniTypeObject *type = op->ob_type;
    if (MINI_UNLIKELY(_Mini_CheckedMode) && type == &_MiniFreed_Type)
        Mini_FatalErrorFormat("MiniObject_Free", "object at %p is freed twice", (void *)op);
    _Mini_LiveObjectsAdd(-1);
    if (MINI_UNLIKELY(_Mini_CheckedMode)) {
        /* Provenance for "use of a freed object" (objtrace.c): the type and who freed it. Its
         * records assume one thread at a time: free-threaded mode serialises them (ft-core). */
        if (_Mini_FreeThreaded) pthread_mutex_lock(&objtrace_mutex);
        if (MINI_UNLIKELY(_Mini_ObjTraceOn)) _MiniObjTrace_Released(op);
        _MiniObjTrace_Freed(op, type->tp_name, __builtin_return_address(0));
        if (_Mini_FreeThreaded) pthread_mutex_unlock(&objtrace_mutex);
    }
    void *block = op;
    size_t offset = 0;
    if (type->tp_flags & MINI_TPFLAGS_HAVE_GC) {
        _MiniGC_OnFree(op);   /* inline: unlink if still tracked (a failed constructor), uncount */
        offset = sizeof(MiniGCHead);
        block = (char *)op - offset;
    }
    if (MINI_LIKELY(_MiniObMalloc_Owns(block))) {
        _MiniObMalloc_Free(block);
    } else {
        FreeLists *l = free_lists();
        if (l == NULL || !keep_block(l, block)) _MiniRefDebug_ReleaseBlock(block, offset);
    }
    if (type->tp_flags & MINI_TPFLAGS_HEAPTYPE) Mini_DECREF(type);
}

void MiniObject_GC_Del(MiniObject *op) { MiniObject_Free(op); }

static void run_dealloc(MiniObject *op) {
    MiniTypeObject *type = op->ob_type;
    if (type->tp_flags & MINI_TPFLAGS_HAVE_GC) {
        /* Untrack before tp_dealloc (so no collection sees a half-destroyed object), then the
         * rare steps: a finalizer to run once (which may resurrect), weak references to clear. */
        MiniGCHead *g = MINI_AS_GC(op);
        if (MINI_UNLIKELY(_Mini_FreeThreaded)) {
            _MiniGC_UnTrackRaw(op);   /* under the lists' lock */
        } else if (g->gc_next != NULL) {
            _MiniGC_Unlink(g);
        }
        /* A finished generator's finalizer has nothing to do: MINI_GC_NO_FINALIZE skips it. */
        if (MINI_UNLIKELY(_MiniGC_NeedsFinalize(op) || g->gc_weaklist != NULL) && _MiniGC_DeallocPrologue(op))
            return;
    }
    Mini_destructor dealloc = type->tp_dealloc;
    if (MINI_UNLIKELY(dealloc == NULL))
        Mini_FatalErrorFormat("_Mini_Dealloc", "type '%s' has no tp_dealloc (was it made ready?)",
                              op->ob_type->tp_name);
    dealloc(op);
}

/* The trashcan (CPython's name for it): freeing a deep structure (a list of a list of ... a
 * million levels, a long linked list of instances) would nest one tp_dealloc inside the next
 * and exhaust the C stack. Deallocations nested deeper than TRASHCAN_DEPTH on a thread are not
 * run there: the object (refcount 0, still intact) goes on the thread's deferred list, and the
 * outermost deallocation drains the list iteratively. So a chain of any length is freed with at
 * most TRASHCAN_DEPTH nested deallocations, and the list itself stays short (a chain adds one
 * entry, takes it off, adds the next). If the list cannot grow (out of memory) the object is
 * freed at once, as before. Thread-local: deallocation runs with the GIL held, on any thread. */
#define TRASHCAN_DEPTH 50
static _Thread_local int dealloc_depth;
static _Thread_local MiniObject **trash;
static _Thread_local Mini_ssize_t trash_len, trash_cap;

static int defer_dealloc(MiniObject *op) {
    if (trash_len == trash_cap) {
        Mini_ssize_t cap = trash_cap ? trash_cap * 2 : 64;
        MiniObject **t = realloc(trash, (size_t)cap * sizeof *t);
        if (t == NULL) return 0;
        trash = t;
        trash_cap = cap;
    }
    trash[trash_len++] = op;
    return 1;
}

void _Mini_Dealloc(MiniObject *op) {
    if (dealloc_depth >= TRASHCAN_DEPTH) {
        /* A deferred object waits with count 0: no collection may see it meanwhile. */
        if (op->ob_type->tp_flags & MINI_TPFLAGS_HAVE_GC) _MiniGC_UnTrackRaw(op);
        if (defer_dealloc(op)) return;
    }
    dealloc_depth++;
    run_dealloc(op);
    if (dealloc_depth == 1) {
        if (MINI_UNLIKELY(trash != NULL)) {   /* rare: spares a free(NULL) call per deallocation */
            while (trash_len > 0) run_dealloc(trash[--trash_len]);
            free(trash);
            trash = NULL;
            trash_cap = 0;
        }
    }
    dealloc_depth--;
}

/* ----- the C recursion guard --------------------------------------------------------------------- */

/* The lowest address this thread's C stack may reach, with a margin for the work done between
 * two checks (0 until computed; NULL-equivalent when unknown). */
static _Thread_local char *stack_floor;
static _Thread_local int stack_floor_known;

static char *thread_stack_floor(void) {
    if (!stack_floor_known) {
        stack_floor_known = 1;
        pthread_attr_t attr;
        void *addr = NULL;
        size_t size = 0;
        if (pthread_getattr_np(pthread_self(), &attr) == 0) {
            if (pthread_attr_getstack(&attr, &addr, &size) == 0 && addr != NULL) {
                size_t margin = size >= ((size_t)2 << 20) ? ((size_t)256 << 10) : size / 4;
                stack_floor = (char *)addr + margin;
            }
            pthread_attr_destroy(&attr);
        }
    }
    return stack_floor;
}

int Mini_EnterRecursiveCall(const char *where) {
    MiniThreadState *t = _Mini_tstate_current;
    if (t == NULL) return 0;           /* no thread state: nothing to count against (unchecked misuse) */
    char probe;
    char *floor = thread_stack_floor();
    if (MINI_UNLIKELY(t->recursion_depth >= MINI_C_RECURSION_LIMIT ||
                      (floor != NULL && &probe < floor))) {
        MiniErr_Format(MiniExc_RecursionError, "maximum recursion depth exceeded%s", where ? where : "");
        return -1;
    }
    t->recursion_depth++;
    return 0;
}

void Mini_LeaveRecursiveCall(void) {
    MiniThreadState *t = _Mini_tstate_current;
    if (t != NULL && t->recursion_depth > 0) t->recursion_depth--;
}

/* ----- repr / str / hash ------------------------------------------------------------------------ */

/* The thread's stack of containers being printed (Mini_ReprEnter). Freed when it empties, so a
 * thread that ends leaves nothing behind. */
static _Thread_local MiniObject **repr_stack;
static _Thread_local Mini_ssize_t repr_depth, repr_cap;

int Mini_ReprEnter(MiniObject *o) {
    MINI_CHECK_GIL("Mini_ReprEnter");
    for (Mini_ssize_t i = 0; i < repr_depth; i++)
        if (repr_stack[i] == o) return 1;
    if (repr_depth == repr_cap) {
        Mini_ssize_t cap = repr_cap ? repr_cap * 2 : 16;
        MiniObject **s = realloc(repr_stack, (size_t)cap * sizeof(MiniObject *));
        if (s == NULL) { MiniErr_NoMemory(); return -1; }
        repr_stack = s;
        repr_cap = cap;
    }
    repr_stack[repr_depth++] = o;
    return 0;
}

void Mini_ReprLeave(MiniObject *o) {
    for (Mini_ssize_t i = repr_depth - 1; i >= 0; i--) {
        if (repr_stack[i] == o) {
            memmove(&repr_stack[i], &repr_stack[i + 1], (size_t)(repr_depth - i - 1) * sizeof(MiniObject *));
            repr_depth--;
            break;
        }
    }
    if (repr_depth == 0) {
        free(repr_stack);
        repr_stack = NULL;
        repr_cap = 0;
    }
}

/* Checks that a __repr__/__str__ result is a str. Steals res. */
static MiniObject *check_str_result(MiniObject *res, const char *what) {
    if (res != NULL && !MiniUnicode_Check(res)) {
        MiniErr_Format(MiniExc_TypeError, "%s returned non-string (type %.200s)", what,
                       Mini_TYPE(res)->tp_name);
        Mini_DECREF(res);
        return NULL;
    }
    return res;
}

MiniObject *MiniObject_Repr(MiniObject *o) {
    MINI_GUARD(o, "MiniObject_Repr", NULL);
    if (Mini_TYPE(o)->tp_repr == NULL)
        return MiniUnicode_FromFormat("<%s object at %p>", Mini_TYPE(o)->tp_name, (void *)o);
    if (Mini_EnterRecursiveCall(" while getting the repr of an object")) return NULL;
    MiniObject *res = Mini_TYPE(o)->tp_repr(o);
    Mini_LeaveRecursiveCall();
    return check_str_result(res, "__repr__");
}

MiniObject *MiniObject_Str(MiniObject *o) {
    MINI_GUARD(o, "MiniObject_Str", NULL);
    if (MiniUnicode_CheckExact(o)) return Mini_NewRef(o);
    if (Mini_TYPE(o)->tp_str == NULL) return MiniObject_Repr(o);
    if (Mini_EnterRecursiveCall(" while getting the str of an object")) return NULL;
    MiniObject *res = Mini_TYPE(o)->tp_str(o);
    Mini_LeaveRecursiveCall();
    return check_str_result(res, "__str__");
}

Mini_hash_t MiniObject_Hash(MiniObject *o) {
    MINI_GUARD(o, "MiniObject_Hash", -1);
    Mini_hashfunc h = Mini_TYPE(o)->tp_hash;
    if (h == NULL) {
        MiniErr_Format(MiniExc_TypeError, "unhashable type: '%.200s'", Mini_TYPE(o)->tp_name);
        return -1;
    }
    /* CPython has no guard here (hash of a 200,000-deep tuple crashes it); the kit raises. The
     * hashes that cannot recurse (str, int, float, bool) skip the guard: they are most of a
     * program's dict keys. */
    MiniTypeObject *t = Mini_TYPE(o);
    if (t == &MiniUnicode_Type || t == &MiniLong_Type || t == &MiniFloat_Type || t == &MiniBool_Type) return h(o);
    if (Mini_EnterRecursiveCall(" while getting the hash of an object")) return -1;
    Mini_hash_t res = h(o);
    Mini_LeaveRecursiveCall();
    return res;
}

/* ----- comparison and truth ----------------------------------------------------------------------- */

static const int swapped_op[] = { Mini_GT, Mini_GE, Mini_EQ, Mini_NE, Mini_LT, Mini_LE };
static const char *const op_symbol[] = { "<", "<=", "==", "!=", ">", ">=" };

static MiniObject *do_richcompare(MiniObject *v, MiniObject *w, int op);

MiniObject *MiniObject_RichCompare(MiniObject *v, MiniObject *w, int op) {
    MINI_GUARD2(v, w, "MiniObject_RichCompare", NULL);
    if (op < Mini_LT || op > Mini_GE) { _MiniErr_BadInternalCall("MiniObject_RichCompare"); return NULL; }
    if (Mini_EnterRecursiveCall(" in comparison")) return NULL;
    MiniObject *res = do_richcompare(v, w, op);
    Mini_LeaveRecursiveCall();
    return res;
}

static MiniObject *do_richcompare(MiniObject *v, MiniObject *w, int op) {
    MiniTypeObject *tv = Mini_TYPE(v), *tw = Mini_TYPE(w);
    MiniObject *res;
    int reflected_done = 0;
    /* A subclass on the right that overrides the comparison gets the first say. */
    if (tv != tw && tw->tp_richcompare != NULL && MiniType_IsSubtype(tw, tv) &&
        tw->tp_richcompare != tv->tp_richcompare) {
        reflected_done = 1;
        res = tw->tp_richcompare(w, v, swapped_op[op]);
        if (res != Mini_NotImplemented) return res;
        Mini_DECREF(res);
    }
    if (tv->tp_richcompare != NULL) {
        res = tv->tp_richcompare(v, w, op);
        if (res != Mini_NotImplemented) return res;
        Mini_DECREF(res);
    }
    if (!reflected_done && tw->tp_richcompare != NULL) {
        res = tw->tp_richcompare(w, v, swapped_op[op]);
        if (res != Mini_NotImplemented) return res;
        Mini_DECREF(res);
    }
    switch (op) {
    case Mini_EQ: return MiniBool_FromLong(v == w);
    case Mini_NE: return MiniBool_FromLong(v != w);
    default:
        return MiniErr_Format(MiniExc_TypeError, "'%s' not supported between instances of '%.100s' and '%.100s'",
                              op_symbol[op], tv->tp_name, tw->tp_name);
    }
}

int MiniObject_RichCompareBool(MiniObject *v, MiniObject *w, int op) {
    MINI_GUARD2(v, w, "MiniObject_RichCompareBool", -1);
    if (v == w) {
        if (op == Mini_EQ) return 1;
        if (op == Mini_NE) return 0;
    }
    MiniObject *res = MiniObject_RichCompare(v, w, op);
    if (res == NULL) return -1;
    int r = res == Mini_True ? 1 : res == Mini_False ? 0 : MiniObject_IsTrue(res);
    Mini_DECREF(res);
    return r;
}

int MiniObject_IsTrue(MiniObject *o) {
    MINI_GUARD(o, "MiniObject_IsTrue", -1);
    if (o == Mini_True) return 1;
    if (o == Mini_False || o == Mini_None) return 0;
    MiniTypeObject *t = Mini_TYPE(o);
    Mini_ssize_t n;
    if (t->tp_as_number != NULL && t->tp_as_number->nb_bool != NULL)
        n = t->tp_as_number->nb_bool(o);
    else if (t->tp_as_mapping != NULL && t->tp_as_mapping->mp_length != NULL)
        n = t->tp_as_mapping->mp_length(o);
    else if (t->tp_as_sequence != NULL && t->tp_as_sequence->sq_length != NULL)
        n = t->tp_as_sequence->sq_length(o);
    else
        return 1;
    return n > 0 ? 1 : (int)n;
}

int MiniObject_Not(MiniObject *o) {
    MINI_GUARD(o, "MiniObject_Not", -1);
    int r = MiniObject_IsTrue(o);
    return r < 0 ? r : !r;
}

MiniObject *MiniObject_Type(MiniObject *o) {
    MINI_GUARD(o, "MiniObject_Type", NULL);
    return Mini_NewRef((MiniObject *)Mini_TYPE(o));
}

/* ----- attributes --------------------------------------------------------------------------------- */

MiniObject *_MiniObject_NoAttribute(MiniObject *o, MiniObject *name) {
    return MiniErr_Format(MiniExc_AttributeError, "'%.100s' object has no attribute '%U'",
                          Mini_TYPE(o)->tp_name, name);
}

static int check_attr_name(MiniObject *name) {
    if (!MiniUnicode_Check(name)) {
        MiniErr_Format(MiniExc_TypeError, "attribute name must be string, not '%.200s'",
                       Mini_TYPE(name)->tp_name);
        return -1;
    }
    return 0;
}

MiniObject *MiniObject_GetAttr(MiniObject *o, MiniObject *name) {
    MINI_GUARD2(o, name, "MiniObject_GetAttr", NULL);
    if (check_attr_name(name) < 0) return NULL;
    Mini_getattrofunc f = Mini_TYPE(o)->tp_getattro;
    if (f == NULL) return _MiniObject_NoAttribute(o, name);
    return f(o, name);
}

MiniObject *MiniObject_GetAttrString(MiniObject *o, const char *name) {
    MINI_GUARD(o, "MiniObject_GetAttrString", NULL);
    if (name == NULL) { _MiniErr_BadInternalCall("MiniObject_GetAttrString"); return NULL; }
    MiniObject *n = MiniUnicode_FromString(name);
    if (n == NULL) return NULL;
    MiniObject *res = MiniObject_GetAttr(o, n);
    Mini_DECREF(n);
    return res;
}

int MiniObject_SetAttr(MiniObject *o, MiniObject *name, MiniObject *value) {
    MINI_GUARD2(o, name, "MiniObject_SetAttr", -1);
    if (value != NULL) MINI_CHECK_OBJECT(value, "MiniObject_SetAttr");
    if (check_attr_name(name) < 0) return -1;
    Mini_setattrofunc f = Mini_TYPE(o)->tp_setattro;
    if (f == NULL) {
        MiniErr_Format(MiniExc_TypeError, "'%.100s' object has only read-only attributes (%s .%U)",
                       Mini_TYPE(o)->tp_name, value == NULL ? "del" : "assign to", name);
        return -1;
    }
    return f(o, name, value);
}

int MiniObject_SetAttrString(MiniObject *o, const char *name, MiniObject *value) {
    MINI_GUARD(o, "MiniObject_SetAttrString", -1);
    if (name == NULL) { _MiniErr_BadInternalCall("MiniObject_SetAttrString"); return -1; }
    MiniObject *n = MiniUnicode_FromString(name);
    if (n == NULL) return -1;
    int r = MiniObject_SetAttr(o, n, value);
    Mini_DECREF(n);
    return r;
}

int MiniObject_HasAttrString(MiniObject *o, const char *name) {
    MINI_CHECK_GIL_OBJECT(o, "MiniObject_HasAttrString");
    if (o == NULL || name == NULL) return 0;
    MiniObject *res = MiniObject_GetAttrString(o, name);
    if (res == NULL) { MiniErr_Clear(); return 0; }
    Mini_DECREF(res);
    return 1;
}

/* The generic lookup; with suppress set, a missing attribute returns NULL without an exception
 * (getattr(o, name, default) and hasattr ask this way: no AttributeError is built and dropped). */
static MiniObject *generic_getattr(MiniObject *o, MiniObject *name, int suppress) {
    MiniTypeObject *tp = Mini_TYPE(o);
    if (!(tp->tp_flags & MINI_TPFLAGS_READY) && MiniType_Ready(tp) < 0) return NULL;
    MiniObject *descr = MiniType_Lookup(tp, name), *res;
    Mini_descrgetfunc get = NULL;
    if (descr != NULL) {
        Mini_INCREF(descr);
        get = Mini_TYPE(descr)->tp_descr_get;
        if (get != NULL && Mini_TYPE(descr)->tp_descr_set != NULL) {
            /* A data descriptor wins over the instance dict. */
            res = get(descr, o, (MiniObject *)tp);
            Mini_DECREF(descr);
            return res;
        }
    }
    MiniObject **dictptr = _MiniObject_DictPtr(o);
    if (dictptr != NULL && *dictptr != NULL) {
        MiniObject *dict = Mini_NewRef(*dictptr);
        res = MiniDict_GetItemWithError(dict, name);
        Mini_XINCREF(res);
        Mini_DECREF(dict);
        if (res != NULL || MiniErr_Occurred()) {
            Mini_XDECREF(descr);
            return res;
        }
    } else if (dictptr != NULL && (res = _MiniInst_Lookup(o, name)) != NULL) {
        Mini_INCREF(res);
        Mini_XDECREF(descr);
        return res;
    }
    if (get != NULL) {
        res = get(descr, o, (MiniObject *)tp);
        Mini_DECREF(descr);
        return res;
    }
    if (descr != NULL) return descr;
    return suppress ? NULL : _MiniObject_NoAttribute(o, name);
}

MiniObject *MiniObject_GenericGetAttr(MiniObject *o, MiniObject *name) {
    MINI_GUARD2(o, name, "MiniObject_GenericGetAttr", NULL);
    if (check_attr_name(name) < 0) return NULL;
    return generic_getattr(o, name, 0);
}

int _MiniObject_LookupAttr(MiniObject *o, MiniObject *name, MiniObject **result) {
    *result = NULL;
    if (check_attr_name(name) < 0) return -1;
    Mini_getattrofunc f = Mini_TYPE(o)->tp_getattro;
    if (f == MiniObject_GenericGetAttr) *result = generic_getattr(o, name, 1);
    else if (MiniType_Check(o) && f == MiniType_Type.tp_getattro) *result = _MiniType_GetAttrSuppressed(o, name);
    else if (f != NULL) *result = f(o, name);
    if (*result != NULL) return 1;
    if (f != NULL && MiniErr_Occurred()) {
        if (!MiniErr_ExceptionMatches(MiniExc_AttributeError)) return -1;
        MiniErr_Clear();
    }
    return 0;
}

int MiniObject_GenericSetAttr(MiniObject *o, MiniObject *name, MiniObject *value) {
    MINI_GUARD2(o, name, "MiniObject_GenericSetAttr", -1);
    if (check_attr_name(name) < 0) return -1;
    MiniTypeObject *tp = Mini_TYPE(o);
    if (!(tp->tp_flags & MINI_TPFLAGS_READY) && MiniType_Ready(tp) < 0) return -1;
    MiniObject *descr = MiniType_Lookup(tp, name);
    if (descr != NULL && Mini_TYPE(descr)->tp_descr_set != NULL) {
        Mini_INCREF(descr);
        int r = Mini_TYPE(descr)->tp_descr_set(descr, o, value);
        Mini_DECREF(descr);
        return r;
    }
    MiniObject **dictptr = _MiniObject_DictPtr(o);
    if (dictptr == NULL) {
        if (descr != NULL) {
            MiniErr_Format(MiniExc_AttributeError, "'%.100s' object attribute '%U' is read-only",
                           tp->tp_name, name);
            return -1;
        }
        _MiniObject_NoAttribute(o, name);
        return -1;
    }
    if (value != NULL && *dictptr == NULL) {
        int done = _MiniInst_Store(o, name, value);
        if (done != 0) return done < 0 ? -1 : 0;
    }
    /* The dict from here on: values the layout cannot hold (or a deletion) move into one. */
    if (_MiniInst_Materialize(o) < 0) return -1;
    if (value == NULL) {
        if (*dictptr == NULL) { _MiniObject_NoAttribute(o, name); return -1; }
        MiniObject *dict = Mini_NewRef(*dictptr);
        int r = MiniDict_DelItem(dict, name);
        Mini_DECREF(dict);
        if (r < 0 && MiniErr_ExceptionMatches(MiniExc_KeyError)) {
            MiniErr_Clear();
            _MiniObject_NoAttribute(o, name);
        }
        return r;
    }
    if (*dictptr == NULL && (*dictptr = MiniDict_New()) == NULL) return -1;
    MiniObject *dict = Mini_NewRef(*dictptr);
    int r = MiniDict_SetItem(dict, name, value);
    Mini_DECREF(dict);
    return r;
}

/* ----- containers and iteration ----------------------------------------------------------------- */

Mini_ssize_t MiniObject_Length(MiniObject *o) {
    MINI_GUARD(o, "MiniObject_Length", -1);
    MiniTypeObject *t = Mini_TYPE(o);
    if (t->tp_as_sequence != NULL && t->tp_as_sequence->sq_length != NULL)
        return t->tp_as_sequence->sq_length(o);
    if (t->tp_as_mapping != NULL && t->tp_as_mapping->mp_length != NULL)
        return t->tp_as_mapping->mp_length(o);
    MiniErr_Format(MiniExc_TypeError, "object of type '%.200s' has no len()", t->tp_name);
    return -1;
}

/* Converts key to a sequence index for types that only have sq_item / sq_ass_item, adding the
 * length to negative indices as Python does. */
static int sequence_index(MiniObject *o, MiniObject *key, Mini_ssize_t *out) {
    MiniTypeObject *t = Mini_TYPE(o);
    if (!MiniNumber_Check(key) || MiniFloat_Check(key)) {
        MiniErr_Format(MiniExc_TypeError, "sequence index must be integer, not '%.200s'",
                       Mini_TYPE(key)->tp_name);
        return -1;
    }
    Mini_ssize_t i = MiniNumber_AsSsize_t(key, MiniExc_IndexError);
    if (i == -1 && MiniErr_Occurred()) return -1;
    if (i < 0 && t->tp_as_sequence->sq_length != NULL) {
        Mini_ssize_t n = t->tp_as_sequence->sq_length(o);
        if (n < 0) return -1;
        i += n;
    }
    *out = i;
    return 0;
}

MiniObject *MiniObject_GetItem(MiniObject *o, MiniObject *key) {
    MINI_GUARD2(o, key, "MiniObject_GetItem", NULL);
    MiniTypeObject *t = Mini_TYPE(o);
    if (t->tp_as_mapping != NULL && t->tp_as_mapping->mp_subscript != NULL)
        return t->tp_as_mapping->mp_subscript(o, key);
    if (t->tp_as_sequence != NULL && t->tp_as_sequence->sq_item != NULL) {
        Mini_ssize_t i;
        if (sequence_index(o, key, &i) < 0) return NULL;
        return t->tp_as_sequence->sq_item(o, i);
    }
    if (MiniType_Check(o)) {
        /* PEP 560: C[key] on a class calls its __class_getitem__. */
        MiniObject *name = MiniUnicode_FromString("__class_getitem__");
        if (name == NULL) return NULL;
        MiniObject *found = MiniType_Lookup((MiniTypeObject *)o, name);
        MiniObject *meth = found ? MiniObject_GetAttr(o, name) : NULL;
        Mini_DECREF(name);
        if (found != NULL) {
            if (meth == NULL) return NULL;
            MiniObject *res = MiniObject_CallOneArg(meth, key);
            Mini_DECREF(meth);
            return res;
        }
        return MiniErr_Format(MiniExc_TypeError, "type '%.200s' is not subscriptable", MiniType_Name((MiniTypeObject *)o));
    }
    return MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not subscriptable", t->tp_name);
}

/* Shared by SetItem (value set) and DelItem (value NULL). */
static int assign_item(MiniObject *o, MiniObject *key, MiniObject *value) {
    MiniTypeObject *t = Mini_TYPE(o);
    if (t->tp_as_mapping != NULL && t->tp_as_mapping->mp_ass_subscript != NULL)
        return t->tp_as_mapping->mp_ass_subscript(o, key, value);
    if (t->tp_as_sequence != NULL && t->tp_as_sequence->sq_ass_item != NULL) {
        Mini_ssize_t i;
        if (sequence_index(o, key, &i) < 0) return -1;
        return t->tp_as_sequence->sq_ass_item(o, i, value);
    }
    if (value == NULL)
        MiniErr_Format(MiniExc_TypeError, "'%.200s' object doesn't support item deletion", t->tp_name);
    else
        MiniErr_Format(MiniExc_TypeError, "'%.200s' object does not support item assignment", t->tp_name);
    return -1;
}

int MiniObject_SetItem(MiniObject *o, MiniObject *key, MiniObject *value) {
    MINI_GUARD2(o, key, "MiniObject_SetItem", -1);
    MINI_CHECK_OBJECT(value, "MiniObject_SetItem");
    if (value == NULL) { _MiniErr_BadInternalCall("MiniObject_SetItem"); return -1; }
    return assign_item(o, key, value);
}

int MiniObject_DelItem(MiniObject *o, MiniObject *key) {
    MINI_GUARD2(o, key, "MiniObject_DelItem", -1);
    return assign_item(o, key, NULL);
}

int MiniSequence_Contains(MiniObject *seq, MiniObject *item) {
    MINI_GUARD2(seq, item, "MiniSequence_Contains", -1);
    MiniTypeObject *t = Mini_TYPE(seq);
    if (t->tp_as_sequence != NULL && t->tp_as_sequence->sq_contains != NULL)
        return t->tp_as_sequence->sq_contains(seq, item);
    if (t->tp_iter == NULL && (t->tp_as_sequence == NULL || t->tp_as_sequence->sq_item == NULL)) {
        MiniErr_Format(MiniExc_TypeError, "argument of type '%.200s' is not iterable", t->tp_name);
        return -1;
    }
    MiniObject *it = MiniObject_GetIter(seq), *x;
    if (it == NULL) return -1;
    int found = 0;
    while ((x = MiniIter_Next(it)) != NULL) {
        found = MiniObject_RichCompareBool(x, item, Mini_EQ);
        Mini_DECREF(x);
        if (found != 0) break;
    }
    Mini_DECREF(it);
    if (found == 0 && MiniErr_Occurred()) return -1;
    return found;
}

MiniObject *MiniObject_GetIter(MiniObject *o) {
    MINI_GUARD(o, "MiniObject_GetIter", NULL);
    MiniTypeObject *t = Mini_TYPE(o);
    if (t->tp_iter == NULL) {
        if (t->tp_as_sequence != NULL && t->tp_as_sequence->sq_item != NULL)
            return _MiniSeqIter_New(o);
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not iterable", t->tp_name);
    }
    MiniObject *it = t->tp_iter(o);
    if (it != NULL && Mini_TYPE(it)->tp_iternext == NULL) {
        MiniErr_Format(MiniExc_TypeError, "iter() returned non-iterator of type '%.200s'",
                       Mini_TYPE(it)->tp_name);
        Mini_DECREF(it);
        return NULL;
    }
    return it;
}

MiniObject *MiniIter_Next(MiniObject *it) {
    MINI_GUARD(it, "MiniIter_Next", NULL);
    Mini_iternextfunc next = Mini_TYPE(it)->tp_iternext;
    if (next == NULL)
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not an iterator",
                              Mini_TYPE(it)->tp_name);
    MiniObject *res = next(it);
    if (res == NULL && MiniErr_Occurred() && MiniErr_ExceptionMatches(MiniExc_StopIteration))
        MiniErr_Clear();
    return res;
}

int MiniIter_Check(MiniObject *o) {
    MINI_CHECK_GIL("MiniIter_Check");
    return o != NULL && Mini_TYPE(o)->tp_iternext != NULL;
}

int MiniCallable_Check(MiniObject *o) {
    MINI_CHECK_GIL("MiniCallable_Check");
    return o != NULL && Mini_TYPE(o)->tp_call != NULL;
}
