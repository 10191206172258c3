/* mini/ceval.h: the GIL as an extension sees it: releasing it around work that touches no
 * objects, taking it back, and the eval breaker that interpreter loops (and C loops that mimic
 * bytecode) poll so a waiting thread can get the lock. How the lock works inside is explained at
 * the top of CShims/gil.c. */
#ifndef MINI_CEVAL_H
#define MINI_CEVAL_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
/* Detaches the calling thread's thread state and releases the GIL; returns the thread state to
 * give back to MiniEval_RestoreThread. The caller must hold the GIL (checked mode: fatal
 * "MiniEval_SaveThread: the GIL is not held by this thread (nested BEGIN_ALLOW_THREADS?)"). */
MiniThreadState *MiniEval_SaveThread(void);
/* Takes the GIL (blocking while another thread holds it) and makes tstate current. errno is
 * preserved. Checked mode: fatal if the thread already holds the GIL ("END_ALLOW_THREADS
 * without BEGIN_ALLOW_THREADS?") or tstate is NULL. */
void MiniEval_RestoreThread(MiniThreadState *tstate);
/* As RestoreThread / SaveThread for a known thread state (thread start-up and shut-down). */
void MiniEval_AcquireThread(MiniThreadState *tstate);
void MiniEval_ReleaseThread(MiniThreadState *tstate);

/* Releasing the GIL around code that does not touch objects, as Py_BEGIN_ALLOW_THREADS:
 *
 *     MiniBuffer a;                              // with the GIL: pin the inputs
 *     if (MiniObject_GetBuffer(obj, &a, MINI_BUF_SIMPLE) < 0) return NULL;
 *     BEGIN_ALLOW_THREADS                         // let the lock go ...
 *     digest_compute(a.buf, a.len, out);          // ... touch only C memory here: no Mini_*
 *     END_ALLOW_THREADS                           // take it back (blocks while others hold it)
 *     MiniBuffer_Release(&a);                     // with the GIL again: unpin, may DECREF
 *
 * BEGIN_ALLOW_THREADS opens a C block and END_ALLOW_THREADS closes it, so they must pair in the
 * same function at the same nesting level. NEVER NEST THEM: inside the block the thread does not
 * hold the GIL, so a second BEGIN would release a lock it does not hold (checked mode stops it).
 * Inside the block, to touch objects briefly, bracket with Mini_BLOCK_THREADS (take the lock
 * back) and Mini_UNBLOCK_THREADS (let it go again). errno survives the round trip. */
#define Mini_BEGIN_ALLOW_THREADS { MiniThreadState *_mini_save; _mini_save = MiniEval_SaveThread();
#define Mini_BLOCK_THREADS MiniEval_RestoreThread(_mini_save);
#define Mini_UNBLOCK_THREADS _mini_save = MiniEval_SaveThread();
#define Mini_END_ALLOW_THREADS MiniEval_RestoreThread(_mini_save); }
#define BEGIN_ALLOW_THREADS Mini_BEGIN_ALLOW_THREADS
#define END_ALLOW_THREADS Mini_END_ALLOW_THREADS

/* ----- switch interval -------------------------------------------------------------------------
 * A thread that has waited this long for the GIL, with no switch in between, asks the holder to
 * drop it (sys.setswitchinterval). */
/* 0, or -1 with ValueError "switch interval must be strictly positive". Needs no GIL. */
int MiniSys_SetSwitchInterval(double seconds);
double MiniSys_GetSwitchInterval(void);

/* ----- the eval breaker ------------------------------------------------------------------------
 * A word of flags that other threads (and signal handlers) set to ask the GIL holder to stop at
 * its next safe point: a drop request from a waiter, a pending KeyboardInterrupt, a pending call.
 * The holder polls it cheaply and, when it is set, calls MiniEval_HandleBreaker. */
extern int _Mini_EvalBreaker;
/* Non-zero when the holder should call MiniEval_HandleBreaker. One relaxed load. */
MINI_INLINE int MiniEval_BreakerPending(void) {
    return __atomic_load_n(&_Mini_EvalBreaker, __ATOMIC_RELAXED) != 0;
}
/* Serves the breaker: on a drop request, releases the GIL, waits until another thread has taken
 * it (forced switching), then takes it back; on a pending interrupt in the main thread, raises
 * KeyboardInterrupt and returns -1. 0 otherwise. Requires the GIL. */
int MiniEval_HandleBreaker(void);
/* The poll a C loop that mimics bytecode puts at its back edge:
 *     for (...) { ...; if (MiniEval_Poll() < 0) return NULL; }                                */
MINI_INLINE int MiniEval_Poll(void) {
    return MINI_UNLIKELY(MiniEval_BreakerPending()) ? MiniEval_HandleBreaker() : 0;
}

/* Marks a KeyboardInterrupt as pending for the main thread, as PyErr_SetInterrupt.
 * Async-signal-safe; needs no GIL. */
void MiniErr_SetInterrupt(void);
/* Raises a pending interrupt now if called on the main thread: -1 with KeyboardInterrupt, else 0. */
int MiniErr_CheckSignals(void);
/* Installs a SIGINT handler that calls MiniErr_SetInterrupt (as CPython's default). */
int MiniOS_InstallInterruptHandler(void);

MINI_END_DECLS
#endif /* MINI_CEVAL_H */
