/* mini/lock.h: MiniMutex, a one-byte mutual-exclusion lock (as CPython 3.13's PyMutex).
 *
 * A MiniMutex is one byte, zero-initialised (`MiniMutex m = {0};` or static storage) and never
 * destroyed, so every object can carry one in its header (MiniObject.ob_mutex) at the cost of a
 * byte. Bit 0 says "locked", bit 1 says "some thread is parked waiting for it". Locking an
 * uncontended mutex is one compare-and-swap; unlocking one nobody waits for is another. A thread
 * that finds the mutex locked spins briefly (yielding the CPU), then parks: it sleeps in the
 * runtime's parking lot, a small hash table of wait queues keyed by the mutex's address, until
 * the holder's unlock wakes it. A waiter parked for more than a millisecond is handed the lock
 * directly by the unlocker (no barging), so a busy mutex cannot starve anyone.
 *
 * Detaching. A thread that parks while it is attached to the runtime (holds the GIL, or in the
 * free-threaded mode is attached) first detaches, as MiniEval_SaveThread would, and re-attaches
 * after it gets the mutex. So blocking on a MiniMutex never blocks the GIL's other users or a
 * stop-the-world pause, and the thread's critical sections are suspended meanwhile (see
 * mini/critical_section.h). Contract, for every function here: the GIL is NOT required; a mutex
 * is not recursive (locking it twice from one thread deadlocks); unlocking a mutex that is not
 * locked is a fatal error. Objects are protected by critical sections, which use these mutexes;
 * use a MiniMutex directly only for C data of your own.
 */
#ifndef MINI_LOCK_H
#define MINI_LOCK_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS

/* The lock. Zero is unlocked; the bits are private (MINI_MUTEX_LOCKED, MINI_MUTEX_HAS_PARKED). */
typedef struct MiniMutex {
    uint8_t _bits;
} MiniMutex;

#define MINI_MUTEX_LOCKED     1u   /* some thread holds the mutex */
#define MINI_MUTEX_HAS_PARKED 2u   /* some thread may be parked waiting for it */

/* The slow paths (lock.c). Call MiniMutex_Lock / MiniMutex_Unlock instead. */
void _MiniMutex_LockSlow(MiniMutex *m);
void _MiniMutex_UnlockSlow(MiniMutex *m);

/* One attempt without waiting: 1 if the calling thread now holds m, 0 if it was locked.
 * Never blocks, never detaches. */
MINI_INLINE int MiniMutex_TryLock(MiniMutex *m) {
    uint8_t expected = 0;
    return __atomic_compare_exchange_n(&m->_bits, &expected, MINI_MUTEX_LOCKED, 0,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Locks m, waiting as long as it takes. Fast path: one compare-and-swap. Slow path: spins,
 * then parks; an attached thread detaches while parked (releasing the GIL in GIL mode, and
 * suspending its critical sections) and re-attaches before returning. Never fails. */
MINI_INLINE void MiniMutex_Lock(MiniMutex *m) {
    if (MINI_UNLIKELY(!MiniMutex_TryLock(m))) _MiniMutex_LockSlow(m);
}

/* Unlocks m, which the calling thread must hold (a mutex not locked at all is a fatal error
 * "MiniMutex_Unlock: the mutex is not locked"). Wakes one parked waiter, if any, or hands the
 * lock to it if it has waited over a millisecond. Never blocks on the mutex itself. */
MINI_INLINE void MiniMutex_Unlock(MiniMutex *m) {
    uint8_t expected = MINI_MUTEX_LOCKED;
    if (MINI_UNLIKELY(!__atomic_compare_exchange_n(&m->_bits, &expected, 0, 0, __ATOMIC_RELEASE,
                                                   __ATOMIC_RELAXED)))
        _MiniMutex_UnlockSlow(m);
}

/* 1 if some thread (any thread) holds m at the moment of the call. For assertions only: the
 * answer may be stale as soon as it is returned. */
MINI_INLINE int MiniMutex_IsLocked(MiniMutex *m) {
    return (__atomic_load_n(&m->_bits, __ATOMIC_RELAXED) & MINI_MUTEX_LOCKED) != 0;
}

MINI_END_DECLS

#endif /* MINI_LOCK_H */
