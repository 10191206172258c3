/* Python/lifecycle.c: starting and stopping the runtime (Mini_Initialize / Mini_Finalize), and
 * the fork hook. Start-up order: the upper layers' before_start hooks (the VM registers its
 * stdlib in the inittab), clock, GIL, thread-state list, the main thread state (which takes the
 * GIL), then the object layer's init hooks, which need the GIL because they create objects.
 * Shutdown runs the upper layers' before_finalize hooks first (newest first), then the core's. */
#include "gil_internal.h"
#include "lifecycle_internal.h"
#include "object_internal.h"
#include "ftmode_internal.h"
#include "objtrace_internal.h"

#include <stdlib.h>
#include <string.h>

static int initialized;
static MiniThreadState *main_tstate;

enum { MAX_LAYERS = 8 };
static const MiniRuntimeHooks *layers[MAX_LAYERS];
static int nlayers;

int _MiniLifecycle_AddHooks(const MiniRuntimeHooks *hooks) {
    for (int i = 0; i < nlayers; i++)
        if (layers[i] == hooks) return 0;
    if (nlayers == MAX_LAYERS) return -1;
    layers[nlayers++] = hooks;
    return 0;
}

int Mini_IsInitialized(void) { return __atomic_load_n(&initialized, __ATOMIC_ACQUIRE); }

const char *Mini_GetVersion(void) { return "extdemo-mini 0.1 (ABI 2)"; }

void Mini_Initialize(void) {
    if (Mini_IsInitialized()) return;
    const char *check = getenv("EXTDEMO_CHECK");
    if (check != NULL && check[0] != '\0' && strcmp(check, "0") != 0) Mini_SetCheckedMode(1);
    _MiniObjTrace_Init();   /* EXTDEMO_CHECK_TRACE=1: provenance backtraces (objtrace.c) */
    /* The upper layers' modules are part of the runtime, like CPython's static inittab. After a
     * Finalize they are still registered, which the inittab's duplicate refusals just confirm. */
    for (int i = 0; i < nlayers; i++)
        if (layers[i]->before_start != NULL) (void)layers[i]->before_start();
    _MiniFT_ChooseMode();
    _MiniGIL_ClockInit();
    _MiniGIL_Create();
    _MiniThreadStates_Init();
    main_tstate = MiniThreadState_New();
    if (main_tstate == NULL) Mini_FatalError("Mini_Initialize", "out of memory");
    main_tstate->is_main = 1;
    MiniThreadState_SetName(main_tstate, "MainThread");   /* as CPython's threading names it */
    _Mini_tstate_gilstate = main_tstate;
    _MiniGIL_Take(main_tstate);
    if (_MiniTypes_Init() < 0) Mini_FatalError("Mini_Initialize", "cannot initialise the built-in types");
    if (_MiniExceptions_Init() < 0) Mini_FatalError("Mini_Initialize", "cannot initialise the exceptions");
    if (_MiniImport_Init() < 0) Mini_FatalError("Mini_Initialize", "cannot initialise the import system");
    __atomic_store_n(&initialized, 1, __ATOMIC_RELEASE);
}

void Mini_Finalize(void) {
    if (!Mini_IsInitialized()) return;
    MiniThreadState *t = _Mini_tstate_current;
    if (t == NULL)
        Mini_FatalError("Mini_Finalize", "the function must be called with the GIL held, but the "
                        "GIL is released (the current thread state is NULL)");
    if (t->curexc != NULL) MiniErr_Clear();
    /* The upper layers first (the interpreter holds objects of every layer below), newest first. */
    for (int i = nlayers - 1; i >= 0; i--)
        if (layers[i]->before_finalize != NULL) layers[i]->before_finalize();
    _MiniImport_Fini();
    _MiniExceptions_Fini();
    _MiniTypes_Fini();
    __atomic_store_n(&initialized, 0, __ATOMIC_RELEASE);
    if (_Mini_tstate_gilstate == t) _Mini_tstate_gilstate = NULL;
    MiniThreadState_DeleteCurrent();
    if (t == main_tstate) main_tstate = NULL;
    _MiniThreadStates_Fini();
    _MiniGIL_Destroy();
}

void MiniOS_AfterFork_Child(void) {
    MiniThreadState *t = _Mini_tstate_current != NULL ? _Mini_tstate_current : _Mini_tstate_gilstate;
    if (t == NULL) t = main_tstate;
    if (t == NULL) return;
    _MiniThreadStates_AfterFork(t);
    _MiniGIL_ReinitAfterFork(t);
    _Mini_tstate_gilstate = t;
    t->is_main = 1;
}
