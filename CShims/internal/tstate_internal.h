/* internal/tstate_internal.h: the thread-state struct and the runtime's thread list. Not for
 * extensions (they see MiniThreadState as opaque); the runtime's own files include it.
 * Lock order: GIL mutex -> runtime.tstate_mutex (never the other way round). */
#ifndef MINI_TSTATE_INTERNAL_H
#define MINI_TSTATE_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "tstate_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"
#include <pthread.h>

typedef struct MiniGILRecBuf MiniGILRecBuf;

/* Per-thread GIL counters. Written only by the owning thread (relaxed atomic stores), read by
 * anyone summing statistics (relaxed atomic loads): no locks, no read-modify-write. */
typedef struct MiniGILCounters {
    uint64_t acquisitions, switches, drop_requests_issued, drop_requests_honoured,
             explicit_releases, held_ticks, wait_ticks;
    uint64_t hold_start_ticks;   /* tick count at the last acquisition, 0 when not holding */
    uint64_t wait_start_ticks;   /* tick count when the current slow-path wait began, 0 when not
                                  * waiting (MiniGIL_DumpThreads names the waiters) */
    uint64_t max_wait_ticks;     /* the longest single wait for the lock (starvation report) */
} MiniGILCounters;

struct MiniThreadState {
    struct MiniThreadState *prev, *next;  /* the runtime's list; guarded by tstate_mutex */
    uint64_t id;                          /* 1, 2, 3 ... in creation order */
    /* The whole name (MiniThreadState_SetName: threading's names, however long): default_name
     * ("thread-N") or a malloc'd copy; replaced under the list mutex. */
    char *name;
    char default_name[24];
    MiniObject *curexc;                   /* the error indicator: an exception instance or NULL */
    int gilstate_counter;                 /* nesting depth of MiniGILState_Ensure */
    int gilstate_owned;                   /* created by GILState: destroyed by its last Release */
    int is_main;                          /* created by Mini_Initialize */
    int recursion_depth;                  /* for the interpreter */
    void *vm_data;                        /* the interpreter's per-thread data */
    MiniGILCounters gil;                  /* statistics */
    /* GIL recording (gilrecord.c): this thread's buffer in the current recording, or the closed
     * buffer (_Mini_gilrec_closed) until its first event. Written by the owning thread, and by
     * MiniGILRecord_Start while no thread records. */
    struct MiniGILRecBuf *rec;
    /* The tick of the current hold's uncontended acquisition while recording, not yet stored (0:
     * none, or the acquisition was stored as events of its own): the release stores both in one
     * record (gilrecord.c). Written by the owning thread, and by MiniGILRecord_Start. */
    uint64_t rec_acq_ticks;
    /* Why the thread last let the GIL go (MiniGILReason; valid while release_mark equals
     * gil.explicit_releases, see _MiniGIL_ReleaseReason), and whether its last slow-path
     * acquisition was a `prompt` policy service. Written only by the owning thread. */
    int last_release;
    int prompt_served;
    uint64_t release_mark;
    uint64_t prompt_served_at;            /* gil.acquisitions when prompt_served was last set */
    long ticks_left;                      /* `ticks` policy: check points before the next release */
    /* Free-threaded mode (ftmode.c): attached or detached (seq_cst, read by a stop-the-world
     * requester), and whether the thread is attached without the GIL. */
    int ft_state;
    int ft_nogil;
    uint64_t qsbr_seen;                   /* qsbr.c: the write sequence at its last quiescent point */
    int qsbr_has_items;                   /* qsbr.c: its delayed list is not empty (others' polls read it) */
    /* The innermost critical section (a MiniCriticalSection *, tagged with MINI_CS_INACTIVE /
     * MINI_CS_TWO; 0: none). Written only by the owning thread (critical_section.c). */
    uintptr_t critical_section;
};

/* A malloc'd copy of t's name, read under the thread-state list's mutex (NULL if memory runs out). */
char *_MiniThreadState_CopyName(MiniThreadState *t);
/* t's name copied into buf (at most size - 1 bytes, NUL-terminated) if the thread-state list's
 * mutex can be had without waiting, else "id N": for fatal-error reports, which must not block
 * (the failing thread may hold that mutex) and must not allocate. */
void _MiniThreadState_NameInto(MiniThreadState *t, char *buf, size_t size);

/* The calling thread's current thread state: non-NULL exactly while it holds the GIL. */
extern _Thread_local MiniThreadState *_Mini_tstate_current;
/* The thread state GILState associates with the calling thread (current or not). */
extern _Thread_local MiniThreadState *_Mini_tstate_gilstate;

MINI_INLINE MiniThreadState *_MiniThreadState_GET(void) { return _Mini_tstate_current; }

/* Fatal "func: the function must be called with the GIL held, ..." unless the calling thread
 * has a current thread state; returns it. Used by the error indicator. */
MiniThreadState *_MiniThreadState_GetChecked(const char *func);

#endif
