/* Python/vmrefowner.c: the front end's helper thread borrows the waiting thread's owner id.
 *
 * MiniPy compiles a large source on a helper thread with a large stack (CompileLimits.swift),
 * under the caller's thread state while the caller waits in pthread_join. Free-threaded, every
 * object the compiler made there (code objects, constants, names) was owned by the helper's own
 * id (its thread pointer), and the helper exits: from then on every INCREF/DECREF of those objects
 * by the thread that runs the code took the non-owner path (an atomic update of the shared count,
 * out of line), and drops below zero went through the merge queue. Measured in instructions
 * (callgrind): the same 133-byte program padded with a 600-byte comment ran 53% more instructions
 * free-threaded. Borrowing the caller's id for the job makes the helper count exactly as the
 * caller would have; the caller does nothing meanwhile, and pthread_create/pthread_join order the
 * two threads' plain writes to the local counts. */
#include "mini_vm.h"
#include "ftmode_internal.h"

uintptr_t MiniVM_RefOwner(void) {
    if (!_Mini_FreeThreaded) return 0;
    MiniFTThread *t = &_MiniFT_this;
    if (!t->registered) _MiniFT_Register(t);
    return __atomic_load_n(&t->ref->tid, __ATOMIC_RELAXED);
}

uintptr_t MiniVM_BorrowRefOwner(uintptr_t owner) {
    if (!_Mini_FreeThreaded || owner == 0) return 0;
    uintptr_t previous = MiniVM_RefOwner();   /* registers the helper first: it would reset the id */
    __atomic_store_n(&_MiniFT_this.ref->tid, owner, __ATOMIC_RELAXED);
    return previous;
}
