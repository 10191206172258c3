/* mini/threadstate.h: thread states: what the runtime knows about each OS thread that
 * uses it (its error indicator, its GIL statistics, the interpreter's frame stack). A thread holds
 * the GIL exactly when it has a current thread state; MiniEval_SaveThread detaches it and
 * MiniEval_RestoreThread re-attaches it. Threads the runtime did not create (pthreads, Dispatch,
 * Swift tasks) enter through MiniGILState_Ensure, which creates their thread state on first use. */
#ifndef MINI_THREADSTATE_H
#define MINI_THREADSTATE_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
typedef struct MiniThreadState MiniThreadState;   /* opaque; see internal/tstate_internal.h */

/* Creates a thread state for the calling thread or for a thread about to be started. It is not
 * current; attach it with MiniEval_AcquireThread. Needs no GIL. NULL on allocation failure. */
MiniThreadState *MiniThreadState_New(void);
/* Destroys a thread state that is not current in any thread (its statistics are folded into the
 * totals). Needs no GIL... but must not race with its own thread using it. */
void MiniThreadState_Delete(MiniThreadState *tstate);
/* Releases the GIL and destroys the calling thread's current thread state. */
void MiniThreadState_DeleteCurrent(void);
/* The calling thread's current thread state. Fatal error "MiniThreadState_Get: the function must
 * be called with the GIL held, but the GIL is released (the current thread state is NULL)"
 * when there is none. */
MiniThreadState *MiniThreadState_Get(void);
/* As above but returns NULL instead of failing. */
MiniThreadState *MiniThreadState_GetUnchecked(void);
/* Makes tstate current (without touching the GIL) and returns the previous one. Low level. */
MiniThreadState *MiniThreadState_Swap(MiniThreadState *tstate);
/* A small unique number for the thread state (1 for the main thread), for statistics. */
uint64_t MiniThreadState_GetID(MiniThreadState *tstate);
/* Names the thread state in statistics ("worker-3"); name is copied (up to 31 bytes). */
void MiniThreadState_SetName(MiniThreadState *tstate, const char *name);
/* Number of thread states that exist now (for tests and statistics). Needs no GIL. */
Mini_ssize_t MiniThreadState_CountLive(void);
/* A pointer slot for the interpreter (frame stack, recursion depth). */
void *MiniThreadState_GetVMData(MiniThreadState *tstate);
void MiniThreadState_SetVMData(MiniThreadState *tstate, void *data);

/* ----- GILState: for threads that do not know whether they hold the GIL ----------------------- */

typedef enum { MINI_GILSTATE_LOCKED, MINI_GILSTATE_UNLOCKED } MiniGILState_STATE;
/* Makes sure the calling thread holds the GIL, creating its thread state on first use, and says
 * what to give back to MiniGILState_Release. Calls nest: each Ensure needs one Release. Blocks
 * while another thread holds the GIL. Fatal if the runtime is not initialised. */
MiniGILState_STATE MiniGILState_Ensure(void);
/* Undoes the matching Ensure: releases the GIL if Ensure took it, and destroys the thread state
 * when the outermost Ensure created it. */
void MiniGILState_Release(MiniGILState_STATE state);
/* 1 if the calling thread holds the GIL, else 0. Never fails, needs no GIL. */
int MiniGILState_Check(void);
/* The thread state GILState uses for the calling thread (NULL if none), whether or not it is
 * current. */
MiniThreadState *MiniGILState_GetThisThreadState(void);

MINI_END_DECLS
#endif /* MINI_THREADSTATE_H */
