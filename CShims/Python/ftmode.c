/* Python/ftmode.c: free-threaded mode: choosing it, attaching and detaching threads without the
 * GIL, stopping the world, and enabling the GIL again at run time.
 *
 * The modes (as CPython 3.13t's build with PYTHON_GIL / -X gil)
 * -------------------------------------------------------------
 * The GIL setting is read once by Mini_Initialize: MiniRuntime_SetGIL() if the embedder called it
 * (extdemo's `--gil on|off|auto`), else the environment variable EXTDEMO_GIL ("1"/"on",
 * "0"/"off", "auto"), else on.
 *   on    GIL mode: plain reference counts, one lock (gil.c). Nothing here runs.
 *   off   free-threaded, forced: biased reference counting (refcount.c) and no lock at all, even
 *         after importing an extension that does not declare Mini_MOD_GIL_NOT_USED (as
 *         PYTHON_GIL=0).
 *   auto  free-threaded as a 3.13t build runs by default: no lock until an extension that does
 *         not declare support is imported; then the GIL is enabled for the rest of the run and a
 *         RuntimeWarning says so (import.c calls MiniFT_EnableGILForModule).
 * The reference-count representation depends only on the start-up choice: enabling the GIL later
 * keeps biased counting (as 3.13t does), it only adds the lock.
 *
 * Attached and detached
 * ---------------------
 * With the GIL disabled, a thread still has a current thread state exactly while it may touch
 * objects: _MiniGIL_Take attaches (MiniEval_RestoreThread, END_ALLOW_THREADS, GILState) and
 * _MiniGIL_Drop detaches, with the same recording events (READY/RESUMED/SUSPENDED), so signals,
 * async exceptions, the eval breaker and the timeline work as before. Nobody waits for a lock:
 * attaching is one sequentially consistent store of the thread's state and one load of the
 * stop-the-world flag.
 *
 * Stop-the-world (CPython's _PyEval_StopTheWorld, Python/pystate.c)
 * ----------------------------------------------------------------
 * Some operations need every other thread to be away from objects: enabling the GIL, and the
 * cycle collector. MiniFT_StopTheWorld sets `stw_requested` and the eval breaker's STW bit, then
 * waits until no other thread state is attached. An attached thread parks at its next poll
 * (detaches, then waits to attach again); a detached thread that tries to attach sees the flag
 * and waits. The race between "a thread attaches" and "the requester counts attached threads" is
 * the Dekker pattern: the thread stores ATTACHED then loads the flag, the requester stores the
 * flag then loads the states, all sequentially consistent, so at least one of them sees the
 * other; a thread that sees the flag backs out (DETACHED) and wakes the requester. A thread
 * running C code that never polls keeps the world from stopping until it polls or detaches,
 * exactly like a thread that never releases the GIL. With the GIL enabled, holding it already
 * stops the world and these calls do nothing.
 */
#include "ftmode_internal.h"
#include "gil_internal.h"
#include "critical_section_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int _MiniFT_GILEnabled = 1;
static int gil_config = MINI_GIL_DEFAULT;     /* MiniRuntime_SetGIL */
static int gil_forced;                        /* `off`: imports never enable the GIL */

#define RELAXED_LOAD(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define RELAXED_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define SEQ_LOAD(p) __atomic_load_n((p), __ATOMIC_SEQ_CST)
#define SEQ_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)

/* ----- choosing the mode ---------------------------------------------------------------------- */

int MiniRuntime_SetGIL(int setting) {
    if (setting != MINI_GIL_DEFAULT && setting != MINI_GIL_ON && setting != MINI_GIL_OFF &&
        setting != MINI_GIL_AUTO)
        return -1;
    gil_config = setting;
    return 0;
}

int MiniRuntime_ParseGIL(const char *text) {
    if (text == NULL) return -1;
    if (strcmp(text, "1") == 0 || strcmp(text, "on") == 0) return MINI_GIL_ON;
    if (strcmp(text, "0") == 0 || strcmp(text, "off") == 0) return MINI_GIL_OFF;
    if (strcmp(text, "auto") == 0) return MINI_GIL_AUTO;
    return -1;
}

void _MiniFT_ChooseMode(void) {
    int setting = gil_config;
    if (setting == MINI_GIL_DEFAULT) {
        const char *env = getenv("EXTDEMO_GIL");
        int parsed = env != NULL && env[0] != '\0' ? MiniRuntime_ParseGIL(env) : -1;
        setting = parsed >= 0 ? parsed : MINI_GIL_ON;
    }
    _Mini_FreeThreaded = setting == MINI_GIL_OFF || setting == MINI_GIL_AUTO;
    RELAXED_STORE(&_MiniFT_ICFrozen, 0);
    gil_forced = setting == MINI_GIL_OFF;
    RELAXED_STORE(&_MiniFT_GILEnabled, !_Mini_FreeThreaded);
    _MiniRef_UpdateSlow();
    /* Hook (ft-objects): critical sections take locks exactly in the free-threaded runtime (and
     * stay on if an import enables the GIL later, as in 3.13t). */
    _MiniCriticalSection_SetEnabled(_Mini_FreeThreaded);
}

int MiniRuntime_IsFreeThreaded(void) { return _Mini_FreeThreaded; }

int MiniRuntime_IsGILEnabled(void) { return RELAXED_LOAD(&_MiniFT_GILEnabled); }

/* ----- stop-the-world ---------------------------------------------------------------------------- */

static pthread_mutex_t stw_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t stw_cond = PTHREAD_COND_INITIALIZER;
static int stw_requested;
/* Who holds the world stopped (written under the stop-the-world mutex; read without it by threads
 * that only compare it with themselves, so every access is a relaxed atomic). */
static MiniThreadState *stw_requester;

enum { FT_DETACHED = 0, FT_ATTACHED = 1 };

static void wake_requester(void) {
    pthread_mutex_lock(&stw_mutex);
    pthread_cond_broadcast(&stw_cond);
    pthread_mutex_unlock(&stw_mutex);
}

static void wait_world_started(void) {
    pthread_mutex_lock(&stw_mutex);
    while (SEQ_LOAD(&stw_requested)) pthread_cond_wait(&stw_cond, &stw_mutex);
    pthread_mutex_unlock(&stw_mutex);
}

/* Returns 1 once the thread is attached without the GIL, 0 if the GIL is enabled (the caller
 * then takes it). */
static int attach_nogil(MiniThreadState *tstate) {
    for (;;) {
        if (__atomic_load_n(&_MiniFT_GILEnabled, __ATOMIC_ACQUIRE)) return 0;
        _MiniQSBR_Quiescent(tstate);
        SEQ_STORE(&tstate->ft_state, FT_ATTACHED);
        if (MINI_LIKELY(!SEQ_LOAD(&stw_requested)) || __atomic_load_n(&stw_requester, __ATOMIC_RELAXED) == tstate) {
            __atomic_fetch_add(&_MiniFT_Attached, 1, __ATOMIC_SEQ_CST);
            _MiniQSBR_Attached(tstate);
            return 1;
        }
        SEQ_STORE(&tstate->ft_state, FT_DETACHED);
        wake_requester();
        wait_world_started();
    }
}

int _MiniFT_ICFrozen;

/* The first time a second thread state attaches without the GIL, the interpreter's shared
 * caches stop being written (specialize.h reads _MiniFT_ICFrozen): from then on they are only
 * read, which is safe without a lock. A stop-the-world makes sure no thread is half-way through
 * filling an entry when the new thread starts reading. Sticky until the runtime stops. */
static void freeze_shared_caches(void) {
    __atomic_store_n(&_MiniFT_ICFrozen, 1, __ATOMIC_SEQ_CST);
    MiniFT_StopTheWorld();
    MiniFT_StartTheWorld();
}

int _MiniFT_TryAttach(MiniThreadState *tstate) {
    if (!attach_nogil(tstate)) return 0;
    tstate->ft_nogil = 1;
    _Mini_tstate_current = tstate;
    if (MINI_UNLIKELY(!RELAXED_LOAD(&_MiniFT_ICFrozen)) && __atomic_load_n(&_MiniThreadStates_Live, __ATOMIC_SEQ_CST) > 1)
        freeze_shared_caches();
    MINI_GILREC(tstate, MINI_GILEV_RESUMED, MINI_GILREASON_NONE, 0);
    MINI_STAT_ADD(tstate->gil.acquisitions, 1);
    MINI_STAT_SET(tstate->gil.hold_start_ticks, _Mini_Ticks());
    _MiniBRC_MergeQueue();
    return 1;
}

void _MiniFT_Detach(MiniThreadState *tstate, int reason) {
    uint64_t start = MINI_STAT_GET(tstate->gil.hold_start_ticks);
    MINI_STAT_ADD(tstate->gil.held_ticks, _Mini_Ticks() - start);
    MINI_STAT_SET(tstate->gil.hold_start_ticks, 0);
    tstate->last_release = reason;
    MINI_GILREC(tstate, MINI_GILEV_SUSPENDED, reason, 0);
    tstate->ft_nogil = 0;
    _Mini_tstate_current = NULL;
    __atomic_fetch_sub(&_MiniFT_Attached, 1, __ATOMIC_SEQ_CST);
    SEQ_STORE(&tstate->ft_state, FT_DETACHED);
    if (MINI_UNLIKELY(SEQ_LOAD(&stw_requested))) wake_requester();
}

static void count_attached(MiniThreadState *t, void *arg) {
    void **a = arg;
    if (t != (MiniThreadState *)a[0] && SEQ_LOAD(&t->ft_state) == FT_ATTACHED) (*(int *)a[1])++;
}

void MiniFT_StopTheWorld(void) {
    MiniThreadState *me = _Mini_tstate_current;
    if (!_Mini_FreeThreaded || me == NULL || !me->ft_nogil) return;   /* the GIL stops it */
    pthread_mutex_lock(&stw_mutex);
    /* One stop at a time: a second requester parks like any other thread would. */
    while (SEQ_LOAD(&stw_requested)) {
        pthread_mutex_unlock(&stw_mutex);
        SEQ_STORE(&me->ft_state, FT_DETACHED);
        wake_requester();
        wait_world_started();
        SEQ_STORE(&me->ft_state, FT_ATTACHED);
        pthread_mutex_lock(&stw_mutex);
    }
    __atomic_store_n(&stw_requester, me, __ATOMIC_RELAXED);
    SEQ_STORE(&stw_requested, 1);
    __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_STW, __ATOMIC_SEQ_CST);
    for (;;) {
        int attached = 0;
        void *arg[2] = { me, &attached };
        _MiniThreadStates_ForEach(count_attached, arg);
        if (attached == 0) break;
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += 1000000;
        if (deadline.tv_nsec >= 1000000000L) { deadline.tv_sec++; deadline.tv_nsec -= 1000000000L; }
        pthread_cond_timedwait(&stw_cond, &stw_mutex, &deadline);
    }
    pthread_mutex_unlock(&stw_mutex);
}

void MiniFT_StartTheWorld(void) {
    MiniThreadState *me = _Mini_tstate_current;
    if (!_Mini_FreeThreaded || me == NULL || __atomic_load_n(&stw_requester, __ATOMIC_RELAXED) != me) return;
    pthread_mutex_lock(&stw_mutex);
    __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_STW, __ATOMIC_SEQ_CST);
    __atomic_store_n(&stw_requester, NULL, __ATOMIC_RELAXED);
    SEQ_STORE(&stw_requested, 0);
    pthread_cond_broadcast(&stw_cond);
    pthread_mutex_unlock(&stw_mutex);
}

/* ----- the eval breaker ---------------------------------------------------------------------------- */

void _MiniFT_HandleBreaker(MiniThreadState *tstate) {
    int bits = RELAXED_LOAD(&_Mini_EvalBreaker);
    if (bits & MINI_BREAKER_BRC_MERGE) _MiniBRC_MergeQueue();
    if (bits & MINI_BREAKER_QSBR) _MiniQSBR_Process(tstate);
    if ((bits & MINI_BREAKER_STW) && tstate->ft_nogil && SEQ_LOAD(&stw_requested) &&
        __atomic_load_n(&stw_requester, __ATOMIC_RELAXED) != tstate) {
        /* Park: detach (suspending any critical section the thread holds, as every detach
         * does), wait for the world to start, attach again (through the GIL if the stopper
         * enabled it). */
        _MiniGIL_Drop(tstate, MINI_GILREASON_DROP_REQUEST);
        _MiniGIL_Take(tstate);
    }
}

/* ----- enabling the GIL at run time ------------------------------------------------------------- */

int MiniFT_EnableGILForModule(const char *module_name) {
    if (!_Mini_FreeThreaded || RELAXED_LOAD(&_MiniFT_GILEnabled) || gil_forced) return 0;
    MiniThreadState *me = _Mini_tstate_current;
    if (me == NULL || !me->ft_nogil) return 0;
    MiniFT_StopTheWorld();
    /* Nobody else is attached: take the lock's flag for this thread, then let the others come
     * back; they find the GIL enabled and queue for it. */
    __atomic_store_n(&_MiniFT_GILEnabled, 1, __ATOMIC_RELEASE);
    __atomic_store_n(&_Mini_gil.locked, 1, __ATOMIC_SEQ_CST);
    _Mini_gil.last_holder = me;
    me->ft_nogil = 0;
    __atomic_fetch_sub(&_MiniFT_Attached, 1, __ATOMIC_SEQ_CST);
    MiniFT_StartTheWorld();
    fprintf(stderr, "RuntimeWarning: The global interpreter lock (GIL) has been enabled to load module "
             "'%s', which has not declared that it can run safely without the GIL. To override "
             "this behavior and keep the GIL disabled (at your own risk), run with --gil off or "
             "EXTDEMO_GIL=0.\n", module_name != NULL ? module_name : "?");
    fflush(stderr);
    return 0;
}
