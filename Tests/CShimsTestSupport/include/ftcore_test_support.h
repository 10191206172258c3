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

/* ----- per-thread float and int free lists (freelist_test_support.c) ----- */
typedef struct ft_test_freelists {
    long long floats_parked;       /* the thread's float list length after 300 floats were dropped */
    long long ints_parked;         /* the same for 300 one-word ints */
    long long live_after_drop;     /* live objects after the drops, relative to before (0: parked is not live) */
    long long floats_after_reuse;  /* the float list length after `reuse` floats were made again */
    long long live_while_reused;   /* live objects while those are held (2 * reuse) */
    long long wrong_values;        /* reused objects that did not hold the value they were made with */
    long long big_int_parked;      /* list growth when a multi-digit int was dropped (0: never parked) */
    long long floats_after_exit;   /* the float list length after the thread state was deleted */
    long long live_after_exit;     /* live objects after the thread ended, relative to before */
} ft_test_freelists;

/* On a new pthread attached through MiniGILState_Ensure: makes 300 floats and 300 ints, drops
 * them, makes `reuse` of each again (checking their values), drops everything and a big int,
 * then ends its thread state. Fills out; returns 0, or a negative step. Call attached. */
int ft_test_freelists_run(int reuse, ft_test_freelists *out);

#endif
