/* ft_test_support.h: concurrent mutation of one list, one dict and one set from N threads, for
 * ConcurrentObjectsTests. Every scenario counts what each thread did and then checks the object
 * against those counts (sums, sizes, membership), so a lost or torn update shows up as a
 * mismatch, not as a timing. The calling thread must be attached; the scenarios detach while
 * their threads run. Run them with the runtime started free-threaded (ft_test_restart). */
#ifndef FT_TEST_SUPPORT_H
#define FT_TEST_SUPPORT_H
#include <mini.h>

/* Stops the runtime and starts it again with the given MINI_GIL_* setting; returns
 * MiniRuntime_IsFreeThreaded() afterwards. Checked mode is left off. */
int ft_test_restart(int gil_setting);

typedef struct {
    long expected_len, observed_len;     /* items pushed minus items popped, vs len(list) */
    long long expected_sum, observed_sum;/* the same, summed over the items' int values */
    long iterations, iterated_items;     /* reader passes over the list while it changed */
    long bad_items;                      /* items that were not ints (a torn read) */
    long errors;                         /* unexpected exceptions */
} FTListResult;

/* nthreads threads, rounds each: append, insert(0, x), pop(), extend([a, b]), sort(), and a full
 * iteration every few rounds, all on one shared list. */
FTListResult ft_test_list(int nthreads, int rounds);

typedef struct {
    long mismatches;        /* own keys whose presence or value differs from the thread's record */
    long expected_len, observed_len;
    long hot_inserted, hot_popped, hot_present;  /* setdefault/pop races on one shared key */
    long iterations, size_changed;               /* iterations, and those that raised RuntimeError */
    long bad_items, errors;
} FTDictResult;

/* nthreads threads, rounds each, on one shared dict: set and delete own keys, update from a
 * private dict, setdefault/pop one shared key, iterate (keys and items). */
FTDictResult ft_test_dict(int nthreads, int rounds);

typedef struct {
    long mismatches, expected_len, observed_len, constructed, errors;
} FTSetResult;

/* nthreads threads, rounds each, on one shared set: add and discard own keys, and build sets
 * from a list the other threads keep appending to. */
FTSetResult ft_test_set(int nthreads, int rounds);

/* nthreads threads append to and pop from one bytearray (rounds each); returns its final length,
 * *expected_len gets appends minus successful pops, *errors unexpected exceptions. */
long ft_test_bytearray(int nthreads, int rounds, long *expected_len, long *errors);

#endif
