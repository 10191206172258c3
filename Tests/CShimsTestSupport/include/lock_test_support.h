/* lock_test_support.h: C scenarios behind LockTests (MiniMutex and critical sections). Each
 * returns counts or step numbers (never timings); timeouts only bound a broken run. The calling
 * thread must hold the GIL (as after Mini_Initialize) and gets it back before each returns. */
#ifndef LOCK_TEST_SUPPORT_H
#define LOCK_TEST_SUPPORT_H
#include <mini.h>

/* nthreads plain pthreads (no thread state) each lock one MiniMutex, do a non-atomic increment
 * of a shared counter, unlock, `iterations` times. Returns the final counter; *parked gets how
 * many lock calls found the mutex busy (took the slow path). */
long lock_test_mutex_counter(int nthreads, long iterations, long *parked);

/* A thread attached to the runtime blocks on a MiniMutex the main thread holds: 1 if the waiter
 * detached while parked (the main thread could take the GIL back meanwhile) and then got the
 * mutex, else a negative step number. */
int lock_test_mutex_parks_detached(void);

/* Critical sections turned on (as in the free-threaded mode), single thread: nesting on two
 * objects, the same object nested, the two-object form (address order, same object twice),
 * MiniCriticalSection_IsHeld, and the stack empty and every lock free afterwards. Returns 1, or
 * the negative number of the first failing check. Turns sections off again before returning. */
int lock_test_sections_single_thread(void);

/* Suspension on detach: the main thread holds a section on obj and releases the GIL; another
 * attached thread must then be able to take obj's section (counted), after which the main
 * thread, re-attached, holds the section again. Returns 1 or a negative step. */
int lock_test_section_suspended_while_detached(void);

/* The section stack depth of the calling thread (0 when no section is open). */
int lock_test_section_depth(void);

/* Turns critical sections on or off (the switch the free-threaded start-up flips). */
void lock_test_set_sections(int on);

#endif
