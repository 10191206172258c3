/* Python/refdebug.c: reference accounting and checked mode.
 *
 * Keeps the global counters behind Mini_TotalRefCount / Mini_LiveObjects, the checked-mode switch,
 * the per-operation checks that INCREF/DECREF and the API guards call in checked mode, and the
 * quarantine that makes use-after-free visible: in checked mode a freed object's memory is
 * poisoned (type set to the "freed object" type, count 0, everything else 0xDD) and held back
 * from malloc for the next MINI_CHECKED_QUARANTINE frees, so a stale pointer still points at
 * recognisably dead memory when it is used. */
#include "mini.h"
#include "object_internal.h"
#include "refdebug_internal.h"
#include "objtrace_internal.h"

#include <stdio.h>
#include "ftmode_internal.h"

#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

Mini_ssize_t _Mini_RefTotal = 0;
Mini_ssize_t _Mini_LiveObjectCount = 0;
int _Mini_CheckedMode = 0;

/* The type of every poisoned block. It has no slots: nothing should ever call through it. */
MiniTypeObject _MiniFreed_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "<freed object>",
    .tp_basicsize = sizeof(MiniObject),
    .tp_flags = MINI_TPFLAGS_READY,
};

#define MINI_POISON_BYTE 0xDD

/* The quarantine: a FIFO ring of poisoned blocks, guarded by the GIL like everything else that
 * frees objects. Allocated on first use. */
/* Each entry is a block (what malloc returned); the object inside starts `offset` bytes in (the
 * cycle collector's header comes first for GC objects). */
typedef struct { void *block; size_t offset; } QuarantineEntry;
static QuarantineEntry *quarantine;
/* Free-threaded mode frees on every thread at once: the ring has its own lock (checked mode only). */
static pthread_mutex_t quarantine_mutex = PTHREAD_MUTEX_INITIALIZER;
static size_t quarantine_head, quarantine_count;

/* Both sum the GIL-mode global and the free-threaded per-thread shares (brc.c): each is zero in
 * the other mode. */
Mini_ssize_t Mini_TotalRefCount(void) {
    return __atomic_load_n(&_Mini_RefTotal, __ATOMIC_RELAXED) + _MiniFT_SumRefTotal();
}

Mini_ssize_t Mini_LiveObjects(void) {
    return __atomic_load_n(&_Mini_LiveObjectCount, __ATOMIC_RELAXED) + _MiniFT_SumLive();
}

void Mini_SetCheckedMode(int on) {
    _Mini_CheckedMode = on ? 1 : 0;
    _MiniRef_UpdateSlow();
}

int Mini_GetCheckedMode(void) { return _Mini_CheckedMode; }

/* Checked-mode validation of an object argument: fatal on NULL and on freed memory. */
void _Mini_CheckObject(MiniObject *op, const char *func) {
    if (op == NULL)
        Mini_FatalError(func, "NULL object passed where an object is required");
    if (op->ob_type == &_MiniFreed_Type) {
        char what[2048];
        if (!_MiniObjTrace_DescribeFreed(op, what, sizeof what)) snprintf(what, sizeof what, "freed earlier");
        Mini_FatalErrorFormat(func, "use of a freed object at %p (its memory was released by "
                              "MiniObject_Free; a reference was used after its last DECREF): %s", (void *)op, what);
    }
    if (op->ob_type == NULL)
        Mini_FatalErrorFormat(func, "object at %p has a NULL type (corrupt or uninitialised object)",
                              (void *)op);
    if (Mini_REFCNT(op) < 0)
        Mini_FatalErrorFormat(func, "object at %p of type '%s' has a negative reference count (%zd)",
                              (void *)op, op->ob_type->tp_name, Mini_REFCNT(op));
}

/* Called by Mini_INCREF / Mini_DECREF in checked mode. */
void _Mini_CheckRefOp(MiniObject *op, const char *func) {
    _Mini_CheckGILHeld(func);
    _Mini_CheckObject(op, func);
}

void _Mini_FatalRefcount(MiniObject *op, const char *func) {
    Mini_FatalErrorFormat(func, "object at %p of type '%s' has reference count %zd: it was "
                          "DECREF'd more often than it was INCREF'd", (void *)op,
                          op->ob_type ? op->ob_type->tp_name : "?", Mini_REFCNT(op));
}

/* 1 if the poisoned block is exactly as it was left. */
static int poison_intact(QuarantineEntry e) {
    MiniObject *op = (MiniObject *)((char *)e.block + e.offset);
    if (op->ob_type != &_MiniFreed_Type || op->ob_refcnt != 0) return 0;
    const unsigned char *p = e.block;
    size_t n = malloc_usable_size(e.block);
    for (size_t i = 0; i < n; i++) {
        if (i >= e.offset && i < e.offset + sizeof(MiniObject)) continue;
        if (p[i] != MINI_POISON_BYTE) return 0;
    }
    return 1;
}

void _MiniRefDebug_ReleaseBlock(void *block, size_t offset) {
    if (!_Mini_CheckedMode) {
        free(block);
        return;
    }
    size_t n = malloc_usable_size(block);
    memset(block, MINI_POISON_BYTE, n);
    MiniObject *op = (MiniObject *)((char *)block + offset);
    op->ob_refcnt = 0;
    op->ob_type = &_MiniFreed_Type;
    pthread_mutex_lock(&quarantine_mutex);
    if (quarantine == NULL) {
        quarantine = calloc(MINI_CHECKED_QUARANTINE, sizeof(QuarantineEntry));
        if (quarantine == NULL) { pthread_mutex_unlock(&quarantine_mutex); free(block); return; }
    }
    QuarantineEntry e = { block, offset };
    if (quarantine_count == MINI_CHECKED_QUARANTINE) {
        QuarantineEntry old = quarantine[quarantine_head];
        if (!poison_intact(old))
            Mini_FatalErrorFormat("MiniObject_Free", "freed object memory at %p was written to "
                                  "after it was freed (a stale reference was used)",
                                  (void *)((char *)old.block + old.offset));
        free(old.block);
        quarantine[quarantine_head] = e;
        quarantine_head = (quarantine_head + 1) % MINI_CHECKED_QUARANTINE;
    } else {
        quarantine[(quarantine_head + quarantine_count) % MINI_CHECKED_QUARANTINE] = e;
        quarantine_count++;
    }
    pthread_mutex_unlock(&quarantine_mutex);
}

void _MiniRefDebug_FlushQuarantine(void) {
    if (quarantine == NULL) return;
    for (size_t i = 0; i < quarantine_count; i++)
        free(quarantine[(quarantine_head + i) % MINI_CHECKED_QUARANTINE].block);
    free(quarantine);
    quarantine = NULL;
    quarantine_head = quarantine_count = 0;
}
