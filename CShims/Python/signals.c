/* Python/signals.c: KeyboardInterrupt. A SIGINT handler may only set flags: it marks an interrupt as
 * pending and raises the eval breaker's signal bit; the main thread, at its next poll with the
 * GIL held, turns it into a KeyboardInterrupt exception (as CPython's signal module does). */
#include "gil_internal.h"

#include <signal.h>
#include <string.h>

/* Lock-free atomic int: async-signal-safe to store from the handler, and race-free when another
 * thread calls MiniErr_SetInterrupt. */
static int interrupt_pending;

void MiniErr_SetInterrupt(void) {
    __atomic_store_n(&interrupt_pending, 1, __ATOMIC_SEQ_CST);
    __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_SIGNAL_PENDING, __ATOMIC_RELAXED);
}

int MiniErr_CheckSignals(void) {
    MiniThreadState *t = _Mini_tstate_current;
    if (t == NULL || !t->is_main || !__atomic_load_n(&interrupt_pending, __ATOMIC_SEQ_CST)) return 0;
    __atomic_store_n(&interrupt_pending, 0, __ATOMIC_SEQ_CST);
    __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_SIGNAL_PENDING, __ATOMIC_RELAXED);
    MiniErr_SetNone(MiniExc_KeyboardInterrupt);
    return -1;
}

static void on_sigint(int sig) {
    (void)sig;
    MiniErr_SetInterrupt();
}

int MiniOS_InstallInterruptHandler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGINT, &sa, NULL);
}
