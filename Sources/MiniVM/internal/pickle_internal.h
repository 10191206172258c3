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

/* Adds the Pickler and Unpickler classes to the module m (pickleclasses.c): 0 or -1. */
int _MiniPickle_AddClasses(MiniObject *m);

#endif
