/* Objects/freelist.c: free-threaded mode's per-thread free lists of floats and ints.
 *
 * Arithmetic makes and drops a float or an int per operation. In GIL mode the VM keeps a global
 * free list of each (vm_internal.h), guarded by the GIL, and recycles them when its own DECREF
 * drops the last reference. Free-threaded, a global list would need a lock; so the VM's lists
 * stay empty and, without this file, every float or int went through the general allocator
 * (size class, zeroing, the GC checks) and back. Here each thread keeps its own short lists
 * (freelist_internal.h): float_dealloc and long_dealloc park an exact float, or an int in its
 * one-word form, on the list of the thread that frees it, and MiniFloat_FromDouble and the int
 * constructors take from the calling thread's list first. As in CPython 3.13t's per-thread free
 * lists, an object freed on one thread may be reused by another: the memory is plain memory once
 * the object is dead (delayed drops, qsbr.c, make sure nobody still reads it).
 *
 * A parked object is dead: it does not count in Mini_LiveObjects (the push uncounts it, the pop
 * counts it again), so the live-object baseline of a test does not depend on what is parked.
 * The lists are emptied when a thread exits (MiniThreadState_DeleteCurrent) and when the runtime
 * stops. GIL mode and checked mode never use them.
 */
#include "freelist_internal.h"
#include "object_internal.h"

#include <stdlib.h>

__attribute__((tls_model("initial-exec"))) _Thread_local MiniThreadFreeLists _Mini_ThreadFreeLists;

static void clear_list(MiniObjFreeList *l) {
    while (l->head != NULL) {
        MiniObject *op = l->head;
        memcpy(&l->head, (const void *)op, sizeof(MiniObject *));   /* the link in op's first word */
        _MiniObject_ReleaseRaw(op);   /* exact floats and ints: no GC header, block == object (object.c) */
    }
    l->count = 0;
}

void _MiniFreeList_ClearThread(void) {
    clear_list(&_Mini_ThreadFreeLists.floats);
    clear_list(&_Mini_ThreadFreeLists.ints);
}
