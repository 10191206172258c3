/* gil_test_support.h: C scenarios for the GIL tests. Each runs real OS threads against the
 * runtime's GIL and returns counts (never timings) for the Swift tests to assert on. The calling
 * thread must hold the GIL (as after Mini_Initialize); the scenarios release it while their
 * threads run and take it back before returning. */
#ifndef GIL_TEST_SUPPORT_H
#define GIL_TEST_SUPPORT_H
#include <mini.h>

typedef struct {
    int max_inside;      /* most threads ever inside the native section at once */
    int met;             /* threads that saw all nthreads inside at the same moment */
    int threads;
} GILRendezvousResult;

/* nthreads threads (half started as runtime threads with MiniThreadState_New +
 * MiniEval_AcquireThread, half as plain pthreads entering through MiniGILState_Ensure) take the
 * GIL, then enter a native section, releasing the GIL around it if release != 0. Inside, each
 * waits up to timeout_s until all nthreads have been inside at once. */
GILRendezvousResult gil_test_rendezvous(int nthreads, int release, double timeout_s);

/* nthreads threads each do `increments` non-atomic increments of one shared counter while
 * holding the GIL, polling the eval breaker after each. Returns the final count; *switches gets
 * how many times the GIL changed hands meanwhile. */
long gil_test_mutual_exclusion(int nthreads, long increments, unsigned long *switches);

/* A holder polls the breaker while a waiter asks for the lock. Returns 1 if the waiter got the
 * lock before the holder got it back (forced switching), 0 if the holder retook it first, -1 if
 * the scenario timed out. *honoured gets the holder's honoured drop requests. */
int gil_test_forced_switch(unsigned long *honoured);

/* errno survives END_ALLOW_THREADS even when it must wait for another thread. 1 if preserved. */
int gil_test_errno_preserved(void);

/* GILState nesting on a foreign pthread: returns 1 if every step behaved, else the failing step
 * number (negative). */
int gil_test_gilstate_nesting(void);

/* Runs a named API misuse in a forked child with checked mode on; captures the child's stderr
 * into err (NUL-terminated). Returns the child's wait status (as waitpid), or -1 if fork failed.
 * Cases: "list-append-without-gil", "end-without-begin", "nested-begin", "release-not-held",
 * "decref-zero", "use-after-free", "null-object", "none" (no misuse: exits 0). */
int gil_test_misuse_in_child(const char *which, char *err, int errsize);
/* Helpers to decode a wait status in Swift. */
int gil_test_exited(int status);
int gil_test_exit_code(int status);
int gil_test_signalled(int status);
int gil_test_term_signal(int status);
#endif
