/* lock_test_support.c: threaded scenarios for MiniMutex and critical sections (see
 * lock_test_support.h). Results are counts; deadlines only bound a broken run. */
#include "lock_test_support.h"
#include "critical_section_internal.h"
#include "gil_internal.h"

#include <pthread.h>
#include <sched.h>
#include <time.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void lock_test_set_sections(int on) { _MiniCriticalSection_SetEnabled(on); }

int lock_test_section_depth(void) {
    MiniThreadState *t = _Mini_tstate_current;
    int n = 0;
    if (t == NULL) return -1;
    for (uintptr_t p = t->critical_section; p != 0;
         p = ((MiniCriticalSection *)(p & ~(uintptr_t)MINI_CS_TAGS))->_cs_prev)
        n++;
    return n;
}

/* ----- the mutex alone ------------------------------------------------------------------------ */

typedef struct {
    MiniMutex *m;
    long iterations, *counter, *parked;
} CounterArg;

static void *counter_thread(void *p) {
    CounterArg *a = p;
    for (long i = 0; i < a->iterations; i++) {
        if (!MiniMutex_TryLock(a->m)) {
            __atomic_add_fetch(a->parked, 1, __ATOMIC_RELAXED);
            MiniMutex_Lock(a->m);
        }
        long v = *a->counter;      /* a plain read-modify-write: exact only under mutual exclusion */
        *a->counter = v + 1;
        MiniMutex_Unlock(a->m);
    }
    return NULL;
}

long lock_test_mutex_counter(int nthreads, long iterations, long *parked) {
    static MiniMutex m;
    long counter = 0;
    *parked = 0;
    pthread_t th[64];
    CounterArg a = { &m, iterations, &counter, parked };
    if (nthreads > 64) nthreads = 64;
    Mini_BEGIN_ALLOW_THREADS
    for (int i = 0; i < nthreads; i++) pthread_create(&th[i], NULL, counter_thread, &a);
    for (int i = 0; i < nthreads; i++) pthread_join(th[i], NULL);
    Mini_END_ALLOW_THREADS
    return MiniMutex_IsLocked(&m) ? -1 : counter;
}

typedef struct {
    MiniMutex *m;
    int started, got, step;
} ParkArg;

static void *park_thread(void *p) {
    ParkArg *a = p;
    MiniGILState_STATE g = MiniGILState_Ensure();
    __atomic_store_n(&a->started, 1, __ATOMIC_SEQ_CST);
    MiniMutex_Lock(a->m);                     /* busy: parks, detached */
    if (!MiniGILState_Check()) a->step = -10; /* re-attached on return */
    __atomic_store_n(&a->got, 1, __ATOMIC_SEQ_CST);
    MiniMutex_Unlock(a->m);
    MiniGILState_Release(g);
    return NULL;
}

int lock_test_mutex_parks_detached(void) {
    static MiniMutex m;
    ParkArg a = { &m, 0, 0, 1 };
    pthread_t th;
    MiniMutex_Lock(&m);
    MiniThreadState *self = MiniEval_SaveThread();
    pthread_create(&th, NULL, park_thread, &a);
    /* Wait (without the GIL) until the waiter is parked on m: the parked bit is set and nobody
     * holds the GIL, which it would if it had not detached. */
    double deadline = now_s() + 60;
    int parked = 0;
    while (now_s() < deadline) {
        if (__atomic_load_n(&a.started, __ATOMIC_SEQ_CST) &&
            (__atomic_load_n(&m._bits, __ATOMIC_SEQ_CST) & MINI_MUTEX_HAS_PARKED) &&
            !_MiniGIL_IsLocked()) { parked = 1; break; }
        sched_yield();
    }
    MiniEval_RestoreThread(self);             /* must not wait for the parked thread */
    int got_early = __atomic_load_n(&a.got, __ATOMIC_SEQ_CST);
    MiniMutex_Unlock(&m);
    Mini_BEGIN_ALLOW_THREADS
    pthread_join(th, NULL);
    Mini_END_ALLOW_THREADS
    if (!parked) return -1;
    if (got_early) return -2;
    if (!a.got) return -3;
    if (MiniMutex_IsLocked(&m)) return -4;
    return a.step;
}

/* ----- critical sections, one thread ---------------------------------------------------------- */

#define CHECK(n, cond) do { if (!(cond)) { rc = -(n); goto out; } } while (0)

int lock_test_sections_single_thread(void) {
    int rc = 1;
    MiniObject *a = MiniList_New(0), *b = MiniList_New(0);
    _MiniCriticalSection_SetEnabled(1);
    CHECK(1, lock_test_section_depth() == 0);
    CHECK(2, !MiniCriticalSection_IsHeld(a));
    {
        MiniCriticalSection ca, cb, cc;
        MiniCriticalSection_Begin(&ca, a);
        CHECK(3, MiniCriticalSection_IsHeld(a) && !MiniCriticalSection_IsHeld(b));
        MiniCriticalSection_Begin(&cb, b);
        CHECK(4, MiniCriticalSection_IsHeld(a) && MiniCriticalSection_IsHeld(b));
        CHECK(5, lock_test_section_depth() == 2);
        MiniCriticalSection_Begin(&cc, b);          /* same lock as the innermost: no-op */
        CHECK(6, cc._cs_mutex == NULL && lock_test_section_depth() == 2);
        MiniCriticalSection_End(&cc);
        CHECK(7, MiniCriticalSection_IsHeld(b));
        MiniCriticalSection_End(&cb);
        CHECK(8, !MiniCriticalSection_IsHeld(b) && MiniCriticalSection_IsHeld(a));
        MiniCriticalSection_End(&ca);
        CHECK(9, lock_test_section_depth() == 0 && !MiniCriticalSection_IsHeld(a));
    }
    {
        MiniCriticalSection2 c2, d2;
        MiniCriticalSection2_Begin(&c2, b, a);      /* address order whatever the argument order */
        CHECK(10, (uintptr_t)c2._cs_base._cs_mutex < (uintptr_t)c2._cs_mutex2);
        CHECK(11, MiniCriticalSection_IsHeld(a) && MiniCriticalSection_IsHeld(b));
        MiniCriticalSection2_End(&c2);
        CHECK(12, !MiniCriticalSection_IsHeld(a) && !MiniCriticalSection_IsHeld(b));
        MiniCriticalSection2_Begin(&d2, a, a);      /* the same object twice: one lock */
        CHECK(13, d2._cs_mutex2 == NULL && lock_test_section_depth() == 1);
        CHECK(14, MiniCriticalSection_IsHeld(a));
        MiniCriticalSection2_End(&d2);
        CHECK(15, lock_test_section_depth() == 0 && !MiniCriticalSection_IsHeld(a));
    }
    {
        /* An inner section on a lock an OUTER (not innermost) section holds: the outer ones are
         * suspended, the inner takes the lock, and the outer are resumed when it ends. */
        MiniCriticalSection ca, cb, ca2;
        MiniCriticalSection_Begin(&ca, a);
        MiniCriticalSection_Begin(&cb, b);
        MiniCriticalSection_Begin(&ca2, a);
        CHECK(16, ca2._cs_mutex != NULL && MiniCriticalSection_IsHeld(a));
        CHECK(17, !MiniCriticalSection_IsHeld(b));   /* suspended */
        MiniCriticalSection_End(&ca2);
        CHECK(18, MiniCriticalSection_IsHeld(b));    /* resumed as the innermost */
        MiniCriticalSection_End(&cb);
        CHECK(19, MiniCriticalSection_IsHeld(a));
        MiniCriticalSection_End(&ca);
        CHECK(20, lock_test_section_depth() == 0);
    }
    {
        /* The macros, nested, with sections on. */
        Mini_BEGIN_CRITICAL_SECTION2(a, b);
        Mini_BEGIN_CRITICAL_SECTION(a);
        if (lock_test_section_depth() != 1) rc = -21;   /* a is held by the innermost: no push */
        Mini_END_CRITICAL_SECTION();
        Mini_END_CRITICAL_SECTION2();
        CHECK(22, rc == 1 && lock_test_section_depth() == 0);
    }
out:
    _MiniCriticalSection_SetEnabled(0);
    Mini_DECREF(a);
    Mini_DECREF(b);
    return rc;
}

/* ----- suspension while detached -------------------------------------------------------------- */

typedef struct {
    MiniObject *obj;
    int entered;
} SuspendArg;

static void *take_section_thread(void *p) {
    SuspendArg *a = p;
    MiniGILState_STATE g = MiniGILState_Ensure();
    MiniCriticalSection c;
    MiniCriticalSection_Begin(&c, a->obj);
    if (MiniCriticalSection_IsHeld(a->obj)) __atomic_add_fetch(&a->entered, 1, __ATOMIC_SEQ_CST);
    MiniCriticalSection_End(&c);
    MiniGILState_Release(g);
    return NULL;
}

int lock_test_section_suspended_while_detached(void) {
    int rc = 1;
    MiniObject *obj = MiniList_New(0);
    SuspendArg a = { obj, 0 };
    pthread_t th;
    _MiniCriticalSection_SetEnabled(1);
    MiniCriticalSection c;
    MiniCriticalSection_Begin(&c, obj);
    Mini_BEGIN_ALLOW_THREADS                 /* detach: the section is suspended */
    pthread_create(&th, NULL, take_section_thread, &a);
    pthread_join(th, NULL);                  /* would hang if the section were still held */
    Mini_END_ALLOW_THREADS                   /* re-attach: the section is taken back */
    if (a.entered != 1) rc = -1;
    else if (!MiniCriticalSection_IsHeld(obj)) rc = -2;
    MiniCriticalSection_End(&c);
    if (rc == 1 && lock_test_section_depth() != 0) rc = -3;
    _MiniCriticalSection_SetEnabled(0);
    Mini_DECREF(obj);
    return rc;
}
