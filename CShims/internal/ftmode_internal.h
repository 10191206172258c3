/* internal/ftmode_internal.h: the free-threaded runtime's private state: the per-thread record
 * of biased reference counting (owner id, totals, merge queue), the registry that finds a thread
 * by its id, the GIL switch and stop-the-world. refcount.c, brc.c and ftmode.c explain the design. */
#ifndef MINI_FTMODE_INTERNAL_H
#define MINI_FTMODE_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "ftmode_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"
#include "tstate_internal.h"

/* The low bits of the shared word (ob_refcnt in free-threaded mode). */
#define MINI_REF_FLAGS_MASK 0x3
#define MINI_REF_DEFAULT    0x0
#define MINI_REF_WEAKREFS   0x1
#define MINI_REF_QUEUED     0x2
#define MINI_REF_MERGED     0x3

/* One per OS thread that has counted a reference in free-threaded mode (thread-local storage).
 * reftotal and live are written only by their thread (relaxed stores) and summed by readers;
 * the queue is guarded by the registry mutex (brc.c). */
typedef struct MiniFTThread {
    _MiniRefThread *ref;              /* this thread's _Mini_RefThis (object.h): its id as stored
                                       * in ob_tid and its share of Mini_TotalRefCount, which the
                                       * inline INCREF/DECREF update */
    int registered;                   /* in the registry (brc.c) */
    Mini_ssize_t live;                /* this thread's share of Mini_LiveObjects */
    struct MiniFTThread *prev, *next; /* the registry's list */
    MiniObject **queue;               /* objects other threads handed over for merging */
    Mini_ssize_t queue_len, queue_cap;
} MiniFTThread;

extern __attribute__((tls_model("initial-exec"))) _Thread_local MiniFTThread _MiniFT_this;

/* The calling thread's id, as CPython's _Py_ThreadId: the thread pointer. */
static inline uintptr_t _MiniFT_ThreadId(void) {
    uintptr_t tid;
#if defined(__x86_64__)
    __asm__("movq %%fs:0, %0" : "=r"(tid));
#elif defined(__aarch64__)
    __asm__("mrs %0, tpidr_el0" : "=r"(tid));
#else
    tid = (uintptr_t)&_MiniFT_this;
#endif
    return tid;
}

/* refcount.c */
/* Recomputes _Mini_RefSlow from checked mode and free-threaded mode. */
void _MiniRef_UpdateSlow(void);
/* Merges op's local and shared counts into the shared word plus extra (MERGED, no owner) and
 * returns the resulting count. Only the owner, or anyone once the owner has exited, may call it. */
Mini_ssize_t _MiniRef_ExplicitMerge(MiniObject *op, Mini_ssize_t extra);
/* The owner's local count just reached zero: 1 if the object is dead (the caller deallocates),
 * 0 if other threads still hold references (ownership is given up to the shared count). */
int _Mini_MergeZeroLocal(MiniObject *op);
/* Adds d to the calling thread's share of the reference total (the eval loop's batches). */
void _MiniFT_AddRefTotal(Mini_ssize_t d);
/* Free-threaded share of the live-object count. */
void _Mini_LiveObjectsAddSlow(Mini_ssize_t d);

/* brc.c */
/* Registers t (the calling thread's record) so others can find it by id and its totals are summed. */
void _MiniFT_Register(MiniFTThread *t);
/* Merges the calling thread's queue, folds its totals and unregisters it (thread exit). Needs an
 * attached thread state (a merge may deallocate). */
void _MiniFT_ThreadExit(void);
/* Hands op (whose shared word was just set QUEUED) to its owner's queue and sets the eval
 * breaker's merge bit. If the owner has gone, merges op here; returns 1 if the caller must then
 * deallocate it, else 0. */
int _MiniBRC_Queue(MiniObject *op);
/* Merges the calling thread's queue (eval-breaker poll, attach). Needs an attached thread state. */
void _MiniBRC_MergeQueue(void);
/* object.c: frees the calling thread's allocator free lists (free-threaded thread exit). */
void _MiniObject_ClearThreadFreeLists(void);
/* Objects merged through an owner's queue since the process started (for tests). */
long long _MiniBRC_MergedCount(void);
/* Sums of the per-thread totals (registered threads and those that have gone). */
Mini_ssize_t _MiniFT_SumRefTotal(void);
Mini_ssize_t _MiniFT_SumLive(void);

/* ftmode.c */
/* 1 while the GIL is enabled (always in GIL mode; in free-threaded mode until an extension
 * without Mini_MOD_GIL_NOT_USED is imported). Read with a relaxed load. */
extern int _MiniFT_GILEnabled;
/* 1 once a second thread has attached without the GIL: shared caches (the interpreter's inline
 * caches, hints) are read-only from then on. */
extern int _MiniFT_ICFrozen;
/* Thread states in existence (threadstate.c). */
extern int _MiniThreadStates_Live;
/* Chooses the mode at Mini_Initialize (before any object is made). */
void _MiniFT_ChooseMode(void);
/* Attaches tstate without the GIL if the GIL is disabled (then returns 1: tstate is current);
 * returns 0 if the GIL is enabled and the caller must take it. Waits while the world is stopped.
 * Called by _MiniGIL_Take in free-threaded mode. */
int _MiniFT_TryAttach(MiniThreadState *tstate);
/* Detaches tstate (attached without the GIL); reason is a MiniGILReason. */
void _MiniFT_Detach(MiniThreadState *tstate, int reason);
/* Stop-the-world: returns once every other thread state is detached or parked at a poll (the
 * calling thread must be attached); they stay so until MiniFT_StartTheWorld. With the GIL enabled
 * (GIL mode, or free-threaded after an import enabled it) holding the GIL already excludes the
 * others and both calls do nothing. Not reentrant. */
void MiniFT_StopTheWorld(void);
void MiniFT_StartTheWorld(void);
/* An extension without Mini_MOD_GIL_NOT_USED is being imported: in `auto` mode with the GIL
 * disabled, enables the GIL for the rest of the run and prints a RuntimeWarning naming the
 * module. Returns 0 (never fails). Call it attached. */
int MiniFT_EnableGILForModule(const char *module_name);
/* The eval-breaker poll's free-threaded part: park for a stop-the-world, merge the queue. */
void _MiniFT_HandleBreaker(MiniThreadState *tstate);

/* qsbr.c */
/* Attached thread states in free-threaded mode with the GIL disabled (seq_cst). */
extern int _MiniFT_Attached;
/* Drops the reference a container held to op, once no attached thread can still be between
 * reading op from the container and taking its own reference (at once when no other thread is
 * attached, and always in GIL mode). For values removed from dicts, lists and other containers
 * other threads read without a lock. Call it attached. NULL is ignored. */
void _Mini_DecRefDelayed(MiniObject *op);
/* Mini_DECREF in GIL mode, _Mini_DecRefDelayed in free-threaded mode: for a value a container
 * just stopped holding. One predictable branch in GIL mode. Free-threaded with no other thread
 * attached (the common one-thread case), the drop is done here at once, as _Mini_DecRefDelayed
 * would do, without the call. */
MINI_INLINE void _Mini_DecRefShared(MiniObject *op) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) {
        int self = _Mini_tstate_current != NULL;
        if (__atomic_load_n(&_MiniFT_Attached, __ATOMIC_SEQ_CST) > self) { _Mini_DecRefDelayed(op); return; }
    }
    Mini_DECREF(op);
}
/* The same for memory (a container's old table): free(p) once no reader can be using it. */
void _MiniFT_FreeDelayed(void *p);
/* tstate has just attached (free-threaded, GIL disabled): if the calling thread still has
 * delayed work (queued before it blocked), sets the QSBR bit again so it is processed. */
void _MiniQSBR_Attached(MiniThreadState *tstate);
/* A quiescent point of tstate: reports the current sequence. */
void _MiniQSBR_Quiescent(MiniThreadState *tstate);
/* Reports a quiescent point and does the calling thread's delayed work that every attached
 * thread has passed. Call it attached. */
void _MiniQSBR_Process(MiniThreadState *tstate);
/* Thread exit: finishes the calling thread's delayed work (waiting for the others if needed). */
void _MiniQSBR_ThreadExit(MiniThreadState *tstate);

#endif
