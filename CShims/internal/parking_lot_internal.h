/* internal/parking_lot_internal.h: the parking lot, where threads sleep waiting for a one-byte
 * lock (MiniMutex) to change. A thread parks on an address; another unparks one thread parked on
 * that address. Used by lock.c only; Python/parking_lot.c explains the table. */
#ifndef MINI_PARKING_LOT_INTERNAL_H
#define MINI_PARKING_LOT_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "parking_lot_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

#define MINI_PARK_OK     0   /* parked, then woken by _MiniParkingLot_Unpark */
#define MINI_PARK_AGAIN (-1) /* *addr was no longer `expected`: the caller re-reads and retries */

/* Parks the calling thread on addr if the byte at addr still equals expected (checked under the
 * address's bucket lock, so an unparker that changes the byte under that lock cannot be missed).
 * park_arg is handed to the unparker's callback. Returns MINI_PARK_OK once woken, or
 * MINI_PARK_AGAIN at once. Does not detach: the caller does that first if it must. */
int _MiniParkingLot_Park(const uint8_t *addr, uint8_t expected, void *park_arg);

/* Wakes the thread that parked first on addr, if any. Before it wakes, and under the bucket
 * lock, calls fn(arg, its park_arg or NULL when nobody is parked, has_more: whether other
 * threads stay parked on addr); fn typically stores the byte's new value. */
void _MiniParkingLot_Unpark(const uint8_t *addr,
                            void (*fn)(void *arg, void *park_arg, int has_more), void *arg);

/* Re-initialises the bucket locks in the child after fork() (only the forking thread survives,
 * so no thread is parked). */
void _MiniParkingLot_AfterFork(void);

#endif
