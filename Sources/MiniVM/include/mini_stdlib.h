/* include/mini_stdlib.h: what the interpreter's start-up and shut-down call into MiniPy's standard-library
 * modules (threading, time, sys, math, random, concurrent.futures, written in C under
 * Sources/MiniVM/Modules/ as ordinary Mini extension modules). Not part of the extension API: mini.h does
 * not include it, extensions never need it. The order a front end follows:
 *
 *     Mini_Initialize();                 // registers the stdlib as built-in modules first

 *     _MiniSys_SetArgv(argc, argv);      // sys.argv for the script
 *     _MiniStdlib_ResetForRun();         // only when one process runs several scripts
 *     ... run the script ...
 *     _MiniThreading_JoinAll();          // as CPython's threading._shutdown, before Mini_Finalize
 */
#ifndef MINI_STDLIB_H
#define MINI_STDLIB_H

#include "mini.h"

MINI_BEGIN_DECLS

/* Registers every standard-library module as a built-in module (MiniImport_AppendInittab):
 * threading, time, sys, math, random, concurrent and concurrent.futures. Mini_Initialize calls it;
 * only a runtime that has not started yet could need it. Returns the number of modules that could not be registered (0 on success; a
 * second call returns 7, the names being taken already). Needs no GIL. */
int _MiniStdlib_RegisterBuiltins(void);

/* Sets sys.argv to the argc strings of argv (copied; UTF-8). Callable before Mini_Initialize
 * (needs no GIL then: the strings are kept until `sys` is imported) or after it with the GIL held.
 * sys.argv reads the VM's argv list whenever it is looked up, so after start-up this is
 * MiniVM_SetArgv plus forgetting a value a script assigned to sys.argv. Before any call sys.argv
 * is [''], as in an embedded CPython. Fails silently (keeps the previous argv) when out of memory. */
void _MiniSys_SetArgv(int argc, char **argv);

/* Starts a new run's numbering afresh: threads are named "Thread-1 (f)" ... and executors
 * "ThreadPoolExecutor-0" again, as in a fresh python3 process. For front ends that run several
 * scripts in one process (tests): call it before each run, with the GIL held. */
void _MiniStdlib_ResetForRun(void);

/* Interpreter shut-down, as CPython's threading._shutdown: runs the stdlib's exit hooks (a
 * ThreadPoolExecutor's idle workers are told to finish once their queue is empty), then waits,
 * with the GIL released, for every non-daemon thread started by `threading` to finish (a
 * finished thread has deleted its thread state, so Mini_Finalize may follow). Requires the GIL.
 * Returns the number of daemon threads still running (if not 0, do not call Mini_Finalize: they
 * may still take the GIL; CPython likewise just leaves them behind at exit), or -1 with
 * KeyboardInterrupt set when Ctrl-C interrupted the wait (the threads go on running). Returns 0
 * at once if `threading` was never imported. */
int _MiniThreading_JoinAll(void);

/* The end of a run, after _MiniThreading_JoinAll (CPython's order): calls the atexit callbacks,
 * last registered first, reporting each exception on stderr ("Exception ignored in atexit
 * callback: ..." and its traceback) and going on; forgets them. Returns how many raised.
 * Requires the GIL. */
int MiniStdlib_RunAtexit(void);
/* Puts back every signal disposition the run changed with signal.signal and drops the Python
 * handlers (call when a run ends). Requires the GIL. */
void MiniStdlib_ResetSignals(void);

MINI_END_DECLS
#endif /* MINI_STDLIB_H */
