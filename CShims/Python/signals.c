/* Python/signals.c: signals as the runtime sees them. A C signal handler may only set flags: it
 * marks its signal as tripped and raises the eval breaker's signal bit (_MiniSignal_Trip); the
 * main thread, at its next poll with the GIL held (MiniErr_CheckSignals), serves every tripped
 * signal: it asks the dispatcher the `signal` module installed (a Python-level handler runs there,
 * as CPython runs them, in the main thread between bytecodes) and, for SIGINT nobody claimed,
 * raises KeyboardInterrupt, as CPython's default_int_handler does. Without a dispatcher only SIGINT
 * is ever tripped (MiniOS_InstallInterruptHandler). */
#include "gil_internal.h"
#include "signal_internal.h"

#include <signal.h>
#include <string.h>

/* Lock-free atomic ints: async-signal-safe to store from a handler, and race-free when another
 * thread calls MiniErr_SetInterrupt. `any_tripped` is set after the signal's own flag. */
static int tripped[NSIG];
static int any_tripped;
static MiniSignalDispatchFunc dispatcher;

void _MiniSignal_Trip(int sig) {
    if (sig <= 0 || sig >= NSIG) return;
    __atomic_store_n(&tripped[sig], 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&any_tripped, 1, __ATOMIC_SEQ_CST);
    __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_SIGNAL_PENDING, __ATOMIC_RELAXED);
}

void _MiniSignal_SetDispatcher(MiniSignalDispatchFunc f) { dispatcher = f; }

void MiniErr_SetInterrupt(void) { _MiniSignal_Trip(SIGINT); }

int MiniErr_CheckSignals(void) {
    MiniThreadState *t = _Mini_tstate_current;
    if (t == NULL || !t->is_main || !__atomic_load_n(&any_tripped, __ATOMIC_SEQ_CST)) return 0;
    __atomic_store_n(&any_tripped, 0, __ATOMIC_SEQ_CST);
    __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_SIGNAL_PENDING, __ATOMIC_RELAXED);
    for (int sig = 1; sig < NSIG; sig++) {
        if (!__atomic_exchange_n(&tripped[sig], 0, __ATOMIC_SEQ_CST)) continue;
        int r = dispatcher != NULL ? dispatcher(sig) : 0;
        if (r == 0 && sig == SIGINT) {
            MiniErr_SetNone(MiniExc_KeyboardInterrupt);
            r = -1;
        }
        if (r < 0) {
            /* Serve the signals still tripped at the next poll, as CPython does. */
            for (int rest = sig + 1; rest < NSIG; rest++)
                if (__atomic_load_n(&tripped[rest], __ATOMIC_SEQ_CST)) { _MiniSignal_Trip(rest); break; }
            return -1;
        }
    }
    return 0;
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
