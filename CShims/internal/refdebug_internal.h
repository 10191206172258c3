/* internal/refdebug_internal.h: the parts of reference debugging that object allocation calls
 * into: counting live objects and releasing (or, in checked mode, quarantining) object memory. */
#ifndef MINI_REFDEBUG_INTERNAL_H
#define MINI_REFDEBUG_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "refdebug_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

/* Releases the memory of a dead object: block is what malloc returned, the object starts offset
 * bytes into it (after the cycle collector's header for GC objects, else 0). Outside checked
 * mode: free(). In checked mode: the block is poisoned (the object's ob_refcnt 0, ob_type
 * &_MiniFreed_Type, every other byte 0xDD) and kept in a FIFO of MINI_CHECKED_QUARANTINE blocks;
 * the block it evicts is verified untouched, then freed. */
void _MiniRefDebug_ReleaseBlock(void *block, size_t offset);
/* Frees every quarantined block (shut-down). */
void _MiniRefDebug_FlushQuarantine(void);

void _Mini_LiveObjectsAddSlow(Mini_ssize_t d);
/* Counts objects made (d > 0) or freed: a global under the GIL, per-thread when free-threaded. */
MINI_INLINE void _Mini_LiveObjectsAdd(Mini_ssize_t d) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) { _Mini_LiveObjectsAddSlow(d); return; }
    __atomic_store_n(&_Mini_LiveObjectCount,
                     __atomic_load_n(&_Mini_LiveObjectCount, __ATOMIC_RELAXED) + d, __ATOMIC_RELAXED);
}

#endif
