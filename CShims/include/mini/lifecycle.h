/* mini/lifecycle.h: starting and stopping the runtime. */
#ifndef MINI_LIFECYCLE_H
#define MINI_LIFECYCLE_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
/* Initialises the runtime: types, singletons, the module cache, the GIL, and a thread state for
 * the calling thread, which ends up holding the GIL (as after Py_Initialize). Reads
 * EXTDEMO_CHECK=1 to switch checked mode on. A second call is a no-op. */
void Mini_Initialize(void);
/* Shuts down: drops the module cache and the runtime's own references, destroys the calling
 * thread's state and the GIL. The calling thread must hold the GIL and other threads must have
 * finished. After it, Mini_Initialize may be called again. */
void Mini_Finalize(void);
/* 1 between Mini_Initialize and Mini_Finalize. */
int Mini_IsInitialized(void);
/* In the child after fork(): re-creates the GIL and the thread-state list so that only the
 * calling thread exists and holds the GIL, as PyOS_AfterFork_Child. */
void MiniOS_AfterFork_Child(void);
/* The runtime's version string, e.g. "extdemo-mini 0.1 (ABI 1)". */
const char *Mini_GetVersion(void);

MINI_END_DECLS
#endif /* MINI_LIFECYCLE_H */
