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
/* The runtime's version string, e.g. "extdemo-mini 0.1 (ABI 2)". */
const char *Mini_GetVersion(void);


/* ----- the GIL setting (free-threaded mode; see Python/ftmode.c) -------------------------------- */
enum {
    MINI_GIL_DEFAULT = -1, /* EXTDEMO_GIL from the environment ("1"/"on", "0"/"off", "auto"), else on */
    MINI_GIL_ON = 1,       /* GIL mode: one lock, plain reference counts */
    MINI_GIL_OFF = 0,      /* free-threaded, forced: no lock even for extensions without
                            * Mini_MOD_GIL_NOT_USED (as PYTHON_GIL=0) */
    MINI_GIL_AUTO = 2      /* free-threaded until an extension without Mini_MOD_GIL_NOT_USED is
                            * imported, which enables the GIL with a RuntimeWarning (as 3.13t) */
};
/* Chooses the GIL setting the next Mini_Initialize uses. 0, or -1 for an unknown setting. Call
 * it before Mini_Initialize (a running runtime keeps its mode). No GIL needed. */
int MiniRuntime_SetGIL(int setting);
/* Parses "1"/"on", "0"/"off", "auto" into a MINI_GIL_* setting; -1 for anything else. */
int MiniRuntime_ParseGIL(const char *text);
/* 1 if the running runtime counts references the free-threaded way (started with the GIL off). */
int MiniRuntime_IsFreeThreaded(void);
/* 1 if the GIL is enabled (sys._is_gil_enabled()): always in GIL mode; in free-threaded mode
 * after an import enabled it. Never fails, no GIL needed. */
int MiniRuntime_IsGILEnabled(void);

MINI_END_DECLS
#endif /* MINI_LIFECYCLE_H */
