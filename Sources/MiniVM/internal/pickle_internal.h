/* internal/pickle_internal.h: what the `pickle` module's two files share. Modules/picklemodule.c
 * holds the pickler and unpickler machinery (dumps/loads); Modules/pickleclasses.c wraps it in the
 * Pickler and Unpickler classes, whose state (the memo above all) lives across dump()/load()
 * calls. Everything here runs with the GIL held (the module is not used without it). */
#ifndef MINI_PICKLE_INTERNAL_H
#define MINI_PICKLE_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "pickle_internal.h is part of the runtime's core tier: it compiles only inside MiniVM (MINI_BUILD_CORE)"
#endif

#include "mini.h"

#include <stdint.h>

typedef struct MiniPicklerState MiniPicklerState;
typedef struct MiniUnpicklerState MiniUnpicklerState;

/* The protocol argument of dumps/Pickler: NULL or None (the default, 4), negative (the highest,
 * 5), 4 or 5. 0 with *proto set, or -1 with ValueError/TypeError set. */
int _MiniPickle_Protocol(MiniObject *arg, int *proto);

/* A pickler writing protocol proto with an empty memo, or NULL with MemoryError set. Free it with
 * _MiniPickle_PicklerFree (which drops the references its memo holds). */
MiniPicklerState *_MiniPickle_PicklerNew(int proto);
/* One whole pickle of obj as a new bytes object; objects met in earlier dumps of this pickler are
 * written as memo fetches. NULL with the pickling error set. */
MiniObject *_MiniPickle_PicklerDump(MiniPicklerState *p, MiniObject *obj);
/* Empties the memo, dropping its references: always 0. */
int _MiniPickle_PicklerClearMemo(MiniPicklerState *p);
void _MiniPickle_PicklerFree(MiniPicklerState *p);

/* An unpickler with an empty memo, or NULL with MemoryError set. */
MiniUnpicklerState *_MiniPickle_UnpicklerNew(void);
/* Reads one pickle from data[0:len] (borrowed for the call); the memo persists across calls.
 * New reference, or NULL with UnpicklingError/EOFError/... set; *consumed (when not NULL) gets
 * the number of bytes read. */
MiniObject *_MiniPickle_UnpicklerLoad(MiniUnpicklerState *u, const char *data, Mini_ssize_t len, Mini_ssize_t *consumed);
void _MiniPickle_UnpicklerFree(MiniUnpicklerState *u);

/* ----- the pickler's memo (pickle_memo.c) --------------------------------------------------------
 * Object address -> memo index, as CPython's PyMemoTable: open addressing over a power-of-two
 * table at most half full, no hashing or comparing of the objects themselves. Each memoized object
 * is held by a strong reference in objs (objs[i] has index i), so a temporary made by __reduce__
 * cannot die and have its address reused while the pickle is written. A slot is full only when its
 * gen equals the table's: emptying the memo is one increment (plus the decrefs), not a memset, and a
 * one-shot pickler (dumps) borrows the calling thread's spare table instead of allocating one. */
typedef struct {
    MiniObject *key;
    Mini_ssize_t value;
    uint64_t gen;
} _MiniPickleMemoSlot;

typedef struct {
    _MiniPickleMemoSlot *slots;
    Mini_ssize_t nslots;           /* a power of two, or 0 before the first entry */
    uint64_t gen;                  /* >= 1; slots with another gen are empty */
    MiniObject **objs;             /* objs[0 .. count-1]: the memoized objects, owned */
    Mini_ssize_t count, cap;
    int pooled;                    /* give the table to the thread's spare when released */
} _MiniPickleMemo;

/* Fresh empty memo; pooled memos (dumps) start from the calling thread's spare table, if any.
 * Never fails (the table is made on the first put). */
void _MiniPickleMemo_Init(_MiniPickleMemo *m, int pooled);
/* Records o (a new reference is taken) with index m->count: 0, or -1 with MemoryError. */
int _MiniPickleMemo_Put(_MiniPickleMemo *m, MiniObject *o);
/* Forgets every entry, dropping the references; keeps the table for reuse. Never fails. */
void _MiniPickleMemo_Clear(_MiniPickleMemo *m);
/* Clear, then frees the table or hands it to the thread's spare. */
void _MiniPickleMemo_Release(_MiniPickleMemo *m);

static inline size_t _MiniPickleMemo_Hash(MiniObject *o) {
    uintptr_t a = (uintptr_t)o;
    return (size_t)((a >> 4) ^ (a >> 13));
}

/* o's memo index, or -1 when o is not memoized. Never fails. */
static inline Mini_ssize_t _MiniPickleMemo_Find(const _MiniPickleMemo *m, MiniObject *o) {
    if (m->count == 0) return -1;
    size_t mask = (size_t)m->nslots - 1, i = _MiniPickleMemo_Hash(o) & mask;
    for (;;) {
        const _MiniPickleMemoSlot *s = &m->slots[i];
        if (s->gen != m->gen) return -1;
        if (s->key == o) return s->value;
        i = (i + 1) & mask;
    }
}

/* Adds the Pickler and Unpickler classes to the module m (pickleclasses.c): 0 or -1. */
int _MiniPickle_AddClasses(MiniObject *m);

#endif
