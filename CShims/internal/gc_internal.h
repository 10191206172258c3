/* internal/gc_internal.h: the cycle collector's header in front of every GC object, and the
 * entry points allocation, deallocation, the eval breaker and the weakref type use. The
 * algorithm is explained at the top of CShims/Python/gc.c. */
#ifndef MINI_GC_INTERNAL_H
#define MINI_GC_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "gc_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

/* The header allocated before a GC object (CPython's PyGC_Head, plus the weak-reference list
 * CPython keeps in the object at tp_weaklistoffset). 32 bytes, so the object after it keeps the
 * allocator's 16-byte alignment. MiniObject's own layout is untouched. */
typedef struct MiniGCHead {
    struct MiniGCHead *gc_next;   /* generation list (circular, with a sentinel); NULL: untracked */
    struct MiniGCHead *gc_prev;
    /* Low MINI_GC_FLAG_BITS bits: flags; the rest: during a collection, the reference count
     * minus the references from other objects being collected (gc_refs). */
    int64_t gc_info;
    MiniObject *gc_weaklist;      /* first weak reference to the object (weakrefobject.c), or NULL */
} MiniGCHead;

#define MINI_GC_FLAG_BITS 4
#define MINI_GC_FINALIZED   0x1   /* tp_finalize has run (PEP 442: at most once) */
#define MINI_GC_COLLECTING  0x2   /* in the generations being collected right now */
#define MINI_GC_UNREACHABLE 0x4   /* tentatively unreachable (in the unreachable list) */
#define MINI_GC_NO_FINALIZE 0x8   /* its tp_finalize has nothing left to do (a finished generator):
                                   * deallocation and collection skip it (_MiniGC_MarkNoFinalize) */
/* The flags that outlive a collection. */
#define MINI_GC_LASTING_FLAGS (MINI_GC_FINALIZED | MINI_GC_NO_FINALIZE)

#define MINI_AS_GC(op) ((MiniGCHead *)(op) - 1)
#define MINI_FROM_GC(g) ((MiniObject *)((MiniGCHead *)(g) + 1))

/* The generations (gc.c owns them; they are here so that allocation and deallocation can link,
 * unlink and count inline in GIL mode: one GC allocation or free costs a few instructions and no
 * call). gens[0].count is allocations minus frees since the last collection; gens[N].count for
 * N > 0 is collections of generation N-1 since the last of N. */
#define MINI_GC_NUM_GENERATIONS 3
typedef struct MiniGCGeneration {
    MiniGCHead head;          /* sentinel of a circular list */
    Mini_ssize_t threshold;
    Mini_ssize_t count;
} MiniGCGeneration;
extern MiniGCGeneration _MiniGC_Gens[MINI_GC_NUM_GENERATIONS];
/* Generation 0's count above which a collection is due: its threshold while the collector is
 * enabled with a threshold > 0, else MINI_SSIZE_T_MAX (one compare per allocation). */
extern Mini_ssize_t _MiniGC_YoungLimit;
/* Out of line: generation 0 passed _MiniGC_YoungLimit; schedules a collection at the eval
 * loop's next check point unless one is already scheduled or running. */
void _MiniGC_YoungDue(void);
/* Free-threaded mode's (locked) forms of the inline steps below. */
void _MiniGC_OnAllocLocked(MiniObject *op, int track);
void _MiniGC_OnFreeLocked(MiniObject *op);
void _MiniGC_RetrackLocked(MiniObject *op);

MINI_INLINE void _MiniGC_Append(MiniGCHead *g, MiniGCHead *list) {
    g->gc_next = list;
    g->gc_prev = list->gc_prev;
    list->gc_prev->gc_next = g;
    list->gc_prev = g;
}
MINI_INLINE void _MiniGC_Unlink(MiniGCHead *g) {
    g->gc_prev->gc_next = g->gc_next;
    g->gc_next->gc_prev = g->gc_prev;
    g->gc_next = g->gc_prev = NULL;
}

/* The first weak reference to op, and where to store it (op must be a GC object). */
MINI_INLINE MiniObject **_MiniGC_WeaklistPtr(MiniObject *op) { return &MINI_AS_GC(op)->gc_weaklist; }

/* Allocation: links op (just allocated with its header, which must be zeroed) into generation 0
 * if track, and counts an allocation (which may schedule a collection at the next eval-breaker
 * check point). */
MINI_INLINE void _MiniGC_OnAlloc(MiniObject *op, int track) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) { _MiniGC_OnAllocLocked(op, track); return; }
    if (track) _MiniGC_Append(MINI_AS_GC(op), &_MiniGC_Gens[0].head);
    if (MINI_UNLIKELY(++_MiniGC_Gens[0].count > _MiniGC_YoungLimit)) _MiniGC_YoungDue();
}
/* The release of a GC object's memory (MiniObject_Free): unlinks it if it is still tracked (a
 * constructor that failed half-way; _Mini_Dealloc has already untracked the others) and uncounts
 * the allocation, in one step. */
MINI_INLINE void _MiniGC_OnFree(MiniObject *op) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) { _MiniGC_OnFreeLocked(op); return; }
    MiniGCHead *g = MINI_AS_GC(op);
    if (g->gc_next != NULL) _MiniGC_Unlink(g);
    if (_MiniGC_Gens[0].count > 0) _MiniGC_Gens[0].count--;
}
/* A finished generator (or any object whose tp_finalize has nothing left to do for the rest of
 * its life): its deallocation skips the PEP 442 finalizer path (resurrection, exception state
 * saved, the call). op must be a GC object. */
MINI_INLINE void _MiniGC_MarkNoFinalize(MiniObject *op) { MINI_AS_GC(op)->gc_info |= MINI_GC_NO_FINALIZE; }
/* 1 if the runtime must call op's tp_finalize before freeing or clearing it. */
MINI_INLINE int _MiniGC_NeedsFinalize(MiniObject *op) {
    return op->ob_type->tp_finalize != NULL &&
           !(MINI_AS_GC(op)->gc_info & (MINI_GC_FINALIZED | MINI_GC_NO_FINALIZE));
}
/* Deallocation prologue for a GC object whose count reached 0, run by the runtime before
 * tp_dealloc: untracks it, runs its tp_finalize once (PEP 442) and clears its weak references
 * (calling their callbacks). Returns 1 if the object was resurrected by its finalizer (the caller
 * must then not deallocate it), else 0. */
int _MiniGC_DeallocPrologue(MiniObject *op);
/* Untracks op without the other prologue steps (the trashcan defers a tracked object). */
void _MiniGC_UnTrackRaw(MiniObject *op);
/* A GC object taken back from a free list (the VM's object caches): a fresh header, linked into
 * generation 0 (not counted as an allocation, as CPython's free lists). */
MINI_INLINE void _MiniGC_Retrack(MiniObject *op) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) { _MiniGC_RetrackLocked(op); return; }
    MiniGCHead *g = MINI_AS_GC(op);
    g->gc_info = 0;
    g->gc_weaklist = NULL;
    _MiniGC_Append(g, &_MiniGC_Gens[0].head);
}
/* The eval breaker's handler for MINI_BREAKER_GC_SCHEDULED: runs the scheduled collection. */
void _MiniGC_RunScheduled(void);

/* Weak references (weakrefobject.c): clears every weak reference to op (op is being destroyed
 * or collected) and, if callbacks, calls the callbacks of those that have one. */
void _MiniWeakref_ClearAll(MiniObject *op, int callbacks);
/* For the collector: clears the weak references to op and appends (new references) the weak
 * reference objects with callbacks to `pending` (a list), for the caller to call later. 0 / -1. */
int _MiniWeakref_ClearCollect(MiniObject *op, MiniObject *pending);
/* Calls the callback of a cleared weak reference (reporting its exception as unraisable). */
void _MiniWeakref_CallCallback(MiniObject *wr);
/* 1 if o is a weak reference object (ref/proxy of any kind). */
int _MiniWeakref_Check(MiniObject *o);

/* Reports the current exception as CPython's unraisable hook does: "Exception ignored in: <obj
 * repr>" then the traceback, on stderr; clears it. obj may be NULL. Set by the VM (a plain
 * fallback prints the message and the exception's repr). */
void _MiniErr_WriteUnraisable(MiniObject *obj);
extern void (*_MiniErr_UnraisableHook)(MiniObject *exc, MiniObject *obj);

/* Hooks the gc module (MiniVM) sets: called with "start"/"stop", the generation and the counts
 * around every collection when gc.callbacks is not empty. May be NULL. */
extern void (*_MiniGC_CallbacksHook)(const char *phase, int generation, Mini_ssize_t collected,
                                     Mini_ssize_t uncollectable);

/* Collector state and controls, for the gc module. All need the GIL. */
Mini_ssize_t _MiniGC_CollectGeneration(int generation);   /* -1 with ValueError for a bad one */
/* A full collection that calls no gc.callbacks (a run's end, after the modules were cleared);
 * the number of unreachable objects, 0 when a collection is already running. */
Mini_ssize_t _MiniGC_CollectAtExit(void);
void _MiniGC_GetCounts(Mini_ssize_t counts[3]);
void _MiniGC_GetThresholds(Mini_ssize_t th[3]);
void _MiniGC_SetThresholds(const Mini_ssize_t *th, int n);
/* Calls fn(op, arg) for every tracked object in generation gen (0..2), or all when gen < 0
 * (the permanent generation included); stops at and returns the first non-zero result. */
int _MiniGC_ForEach(int gen, int (*fn)(MiniObject *op, void *arg), void *arg);
void _MiniGC_Freeze(void);
void _MiniGC_Unfreeze(void);
Mini_ssize_t _MiniGC_FreezeCount(void);
/* gc.set_debug flags (DEBUG_STATS 1, DEBUG_COLLECTABLE 2, DEBUG_UNCOLLECTABLE 4,
 * DEBUG_SAVEALL 32) and the gc.garbage list (borrowed; created on first use). */
extern int _MiniGC_Debug;
MiniObject *_MiniGC_GarbageList(void);
/* Collections run and objects collected per generation, for gc.get_stats(). */
void _MiniGC_GetStats(Mini_ssize_t collections[3], Mini_ssize_t collected[3]);
/* Shut-down: forgets gc.garbage. */
void _MiniGC_Fini(void);

#endif /* MINI_GC_INTERNAL_H */
