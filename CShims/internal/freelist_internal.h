/* internal/freelist_internal.h: free-threaded mode's per-thread free lists of exact floats and
 * one-word ints (CPython 3.13t keeps its float and int free lists per thread the same way,
 * pycore_freelist.h). Objects/freelist.c explains the design. */
#ifndef MINI_FREELIST_INTERNAL_H
#define MINI_FREELIST_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "freelist_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"
#include "ftmode_internal.h"
#include "object_internal.h"
#include "objtrace_internal.h"
#include "refdebug_internal.h"

#include <string.h>

/* Dead objects of one type, linked through their first word; count bounded by MINI_FREELIST_OBJ_MAX. */
#define MINI_FREELIST_OBJ_MAX 256
typedef struct { MiniObject *head; int count; } MiniObjFreeList;
typedef struct { MiniObjFreeList floats, ints; } MiniThreadFreeLists;
extern __attribute__((tls_model("initial-exec"))) _Thread_local MiniThreadFreeLists _Mini_ThreadFreeLists;

/* 1 when the lists are in use: free-threaded and not checked mode (one predictable test of the
 * global GIL mode already makes for every INCREF: GIL mode pays one compare and branch). */
MINI_INLINE int _MiniFreeList_On(void) {
    return MINI_UNLIKELY(_Mini_RefSlow == MINI_REFMODE_FT);
}

/* The calling thread's share of Mini_LiveObjects, changed inline (the lists run free-threaded only). */
MINI_INLINE void _MiniFreeList_CountLive(Mini_ssize_t d) {
    MiniFTThread *t = &_MiniFT_this;
    if (MINI_UNLIKELY(!t->registered)) { _Mini_LiveObjectsAddSlow(d); return; }
    __atomic_store_n(&t->live, t->live + d, __ATOMIC_RELAXED);
}

/* Parks op (an exact float or one-word int whose last reference is gone) on l: it stops counting
 * as live. Call only when _MiniFreeList_On(). 1 if kept, 0 if the list is full or leak tracing is
 * on (the caller frees op as usual). */
MINI_INLINE int _MiniFreeList_Push(MiniObjFreeList *l, MiniObject *op) {
    if (l->count >= MINI_FREELIST_OBJ_MAX || _Mini_ObjTraceOn) return 0;
    memcpy((void *)op, &l->head, sizeof(MiniObject *));   /* the link goes in op's first word */
    l->head = op;
    l->count++;
    _MiniFreeList_CountLive(-1);
    return 1;
}

/* An object from l with a new reference owned by the calling thread (counted live again, its
 * value fields as they were left), or NULL when l is empty or leak tracing is on. Call only when
 * _MiniFreeList_On(). */
MINI_INLINE MiniObject *_MiniFreeList_Pop(MiniObjFreeList *l) {
    MiniObject *op = l->head;
    if (op == NULL || _Mini_ObjTraceOn) return NULL;
    memcpy(&l->head, (const void *)op, sizeof(MiniObject *));   /* the link in op's first word */
    l->count--;
    MiniFTThread *t = &_MiniFT_this;
    if (MINI_UNLIKELY(!t->registered)) {   /* the out-of-line path registers the thread */
        _Mini_NewReference(op);
        _Mini_LiveObjectsAddSlow(1);
        return op;
    }
    /* _Mini_NewReferenceBiased inline: one local reference owned by this thread. */
    op->ob_refcnt = 0;
    op->ob_ref_local = 1;
    op->ob_tid = _Mini_RefThis.tid;
    _Mini_RefThisCount(1);
    __atomic_store_n(&t->live, t->live + 1, __ATOMIC_RELAXED);
    return op;
}

/* Frees every object on the calling thread's lists (thread exit, runtime shut-down). */
void _MiniFreeList_ClearThread(void);

#endif
