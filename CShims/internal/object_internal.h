/* internal/object_internal.h: runtime-private object helpers shared between CShims files. */
#ifndef MINI_OBJECT_INTERNAL_H
#define MINI_OBJECT_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "object_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

/* The type every freed object is given in checked mode; _Mini_CheckObject recognises it. */
extern MiniTypeObject _MiniFreed_Type;
/* Live-object count; updated under the GIL. */
extern Mini_ssize_t _Mini_LiveObjectCount;

/* The result contract of a call into C (call.c): a result with an exception set, or NULL without
 * one, becomes CPython's SystemError naming the callable ("<built-in function f> returned a
 * result with an exception set", "... returned NULL without setting an exception"). Takes over
 * result; returns it or NULL. For the VM's fast call paths, which bypass MiniObject_Call. */
MiniObject *_MiniObject_CheckCallResult(MiniObject *callable, MiniObject *result);

/* Frees the blocks object.c keeps for reuse (runtime shut-down). */
void _MiniObject_ClearFreeLists(void);
/* Releases the memory of an object that was never given to MiniObject_Free (a free list's
 * parked float or int, block == object): back to the pools when it came from them, else free(). */
void _MiniObject_ReleaseRaw(void *block);
/* Start-up and shut-down of the object layer (types ready, caches, singletons). Called by
 * Mini_Initialize / Mini_Finalize with the GIL held. Each file with state gets a pair. */
int _MiniTypes_Init(void);
void _MiniTypes_Fini(void);
int _MiniExceptions_Init(void);
void _MiniExceptions_Fini(void);
int _MiniImport_Init(void);
void _MiniImport_Fini(void);

#endif
