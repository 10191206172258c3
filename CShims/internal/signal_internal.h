/* internal/signal_internal.h: the hook between the runtime's signal flags (Python/signals.c) and
 * the `signal` module (Sources/MiniVM/Modules/signalmodule.c), which installs C handlers that trip
 * flags and a dispatcher that runs the Python-level handlers. */
#ifndef MINI_SIGNAL_INTERNAL_H
#define MINI_SIGNAL_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "signal_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

MINI_BEGIN_DECLS

/* Marks signal sig as received and raises the eval breaker's signal bit. Async-signal-safe (a C
 * signal handler calls it); needs no GIL. Out-of-range numbers are ignored. */
void _MiniSignal_Trip(int sig);

/* The dispatcher MiniErr_CheckSignals calls, in the main thread with the GIL held, for each
 * tripped signal: 1 when it handled the signal, 0 when it does not claim it (SIGINT then raises
 * KeyboardInterrupt), -1 with an exception set (the exception propagates from the poll). */
typedef int (*MiniSignalDispatchFunc)(int sig);
/* Installs (or with NULL removes) the dispatcher. Requires the GIL. */
void _MiniSignal_SetDispatcher(MiniSignalDispatchFunc f);

MINI_END_DECLS
#endif /* MINI_SIGNAL_INTERNAL_H */
