/* ftcore_test_support.h: C scenarios behind FreeThreadedTests (biased reference counting, the
 * delayed drops, immortals, the module slot). Each returns counts or step numbers, never
 * timings. The calling thread must be attached (hold the GIL, or be current in a free-threaded
 * runtime), as after Mini_Initialize, and is attached again when each returns. */
#ifndef FTCORE_TEST_SUPPORT_H
#define FTCORE_TEST_SUPPORT_H
#include <mini.h>

/* What ft_test_shared_counts saw. */
typedef struct ft_test_counts {
    long long refcnt_after_phases;   /* sum over the objects of Mini_REFCNT after the threads ran (1 each expected) */
    long long objects;               /* objects shared */
    long long queued_merges;         /* objects merged through an owner's queue (free-threaded only) */
    long long freed;                 /* objects whose memory went back when the last reference went */
} ft_test_counts;

/* The main thread makes `objects` lists and gives every one `nthreads` extra references; then
 * nthreads pthreads (attached through MiniGILState_Ensure) each take and drop `iterations`
 * references to every object, and finally each drops one of the extra references the main thread
 * made (so in free-threaded mode the shared count goes below zero and the objects are queued to
 * their owner, the main thread, which merges them when it attaches again). The main thread then
 * reads every count and drops its own reference. Returns 0, or a negative step. */
int ft_test_shared_counts(int nthreads, int iterations, int objects, ft_test_counts *out);

/* Objects whose owner has exited: a pthread attaches, makes `objects` lists, hands its reference
 * to each to the main thread and exits. The main thread drops them (shared count zero: the owner
 * is gone, so the dropping thread merges them itself). Returns the number of those objects still
 * alive afterwards (0 expected), or a negative step. */
int ft_test_owner_exited(int objects);

/* INCREF/DECREF of None, True, a small int and a static type `n` times: returns 1 when their
 * headers did not change at all in free-threaded mode (immortal: not counted) or their counts
 * came back in GIL mode, else 0. */
int ft_test_immortals_untouched(int n);

/* Delayed drops: `nthreads` attached threads each replace one dict value (a fresh list) and one
 * list item `iterations` times while reading the others' entries; every value dropped must be
 * freed once all threads are done. Returns the number of objects still alive that the scenario
 * made (0 expected), or a negative step. */
int ft_test_delayed_drops(int nthreads, int iterations);

/* Registers the inittab modules "ft_noslot" (no Mini_mod_gil slot) and "ft_slot" (declares
 * Mini_MOD_GIL_NOT_USED). Call while the runtime is stopped; 0, or -1 if already registered. */
int ft_test_register_modules(void);

/* The number of objects merged through an owner's queue since the runtime started (brc.c). */
long long ft_test_queued_merges(void);

#endif
