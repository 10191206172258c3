/* gilpolicy_test_support.h: the convoy scenario for the switch-policy tests, measured in counts
 * (the CPU-bound thread's check points), never in times. The calling thread must hold the GIL. */
#ifndef GILPOLICY_TEST_SUPPORT_H
#define GILPOLICY_TEST_SUPPORT_H
#include <mini.h>

/* Under `policy` with the switch interval `interval_s`: a CPU-bound thread holds the GIL and
 * polls the eval breaker in a C loop while the calling thread does `ops` blocking sleeps of
 * sleep_us (MiniEval_SaveThreadBlocking) and takes the lock back after each. Returns how many
 * check points the CPU thread passed while the calling thread was waiting for the lock: the
 * convoy's cost, counted. Restores the cpython policy and the 5 ms interval before returning. */
long gil_test_convoy_polls(int policy, int ops, double interval_s, long sleep_us);

/* Under `prompt` with the switch interval `interval_s`, beside the same CPU-bound thread: `ops`
 * round trips, each a blocking call that returns at once (a send) then one that sleeps
 * recv_sleep_us (a recv), then hold_us of work with the lock held and no check point. Fills *out
 * with the prompt policy's decisions during the round trips (counts reset first) and returns the
 * CPU thread's check points while the caller waited. Restores cpython and 5 ms. */
long gil_test_prompt_round_trips(int ops, double interval_s, long recv_sleep_us, long hold_us, MiniGILPromptStats *out);

/* Under `prompt`: while the calling thread holds the GIL, another thread comes back from a
 * blocking call, is granted prompt service (a burst begins) and waits, its drop request set.
 * Writes what MiniGIL_DumpThreads prints at that moment into buf (NUL-terminated, at most size - 1 bytes),
 * then lets the other thread have the lock and finish. Returns 0, or -1 if the other thread was
 * not seen waiting within 10 s. Restores cpython and 5 ms. */
int gil_test_dump_during_burst(char *buf, long size);
#endif
