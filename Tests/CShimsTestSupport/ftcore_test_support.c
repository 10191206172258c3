/* ftcore_test_support.c: the C scenarios of ftcore_test_support.h (free-threaded runtime tests). Threads
 * are plain pthreads entering the runtime through MiniGILState_Ensure, as an embedding application's
 * would; the main thread waits for them detached (Mini_BEGIN_ALLOW_THREADS), so in GIL mode they
 * can take the lock and in free-threaded mode it does not hold anything up. */
#include "ftcore_test_support.h"
#include "ftmode_internal.h"

#include <pthread.h>
#include <stdlib.h>

long long ft_test_queued_merges(void) { return _MiniBRC_MergedCount(); }

/* ----- shared counts ---------------------------------------------------------------------------- */

typedef struct {
    MiniObject **objs;
    int objects, iterations;
    pthread_barrier_t *start;
} shared_args;

static void *shared_worker(void *arg) {
    shared_args *a = arg;
    pthread_barrier_wait(a->start);
    MiniGILState_STATE g = MiniGILState_Ensure();
    for (int i = 0; i < a->iterations; i++) {
        for (int k = 0; k < a->objects; k++) Mini_INCREF(a->objs[k]);
        if (MiniEval_Poll() < 0) MiniErr_Clear();
        for (int k = 0; k < a->objects; k++) Mini_DECREF(a->objs[k]);
    }
    /* Drop one of the references the main thread made: a non-owner's DECREF below zero. */
    for (int k = 0; k < a->objects; k++) Mini_DECREF(a->objs[k]);
    MiniGILState_Release(g);
    return NULL;
}

int ft_test_shared_counts(int nthreads, int iterations, int objects, ft_test_counts *out) {
    if (nthreads < 1 || objects < 1 || out == NULL) return -1;
    MiniObject **objs = calloc((size_t)objects, sizeof *objs);
    pthread_t *ids = calloc((size_t)nthreads, sizeof *ids);
    if (objs == NULL || ids == NULL) { free(objs); free(ids); return -2; }
    for (int k = 0; k < objects; k++) {
        objs[k] = MiniList_New(0);
        if (objs[k] == NULL) return -3;
        for (int t = 0; t < nthreads; t++) Mini_INCREF(objs[k]);
    }
    long long merged_before = _MiniBRC_MergedCount();
    Mini_ssize_t live_before = Mini_LiveObjects();
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, (unsigned)nthreads);
    shared_args a = { objs, objects, iterations, &start };
    int started = 0;
    Mini_BEGIN_ALLOW_THREADS
    for (; started < nthreads; started++)
        if (pthread_create(&ids[started], NULL, shared_worker, &a) != 0) break;
    for (int i = 0; i < started; i++) pthread_join(ids[i], NULL);
    Mini_END_ALLOW_THREADS
    pthread_barrier_destroy(&start);
    if (started != nthreads) return -4;
    /* Attaching again merged the queue; a poll would too. */
    if (MiniEval_Poll() < 0) MiniErr_Clear();
    out->objects = objects;
    out->refcnt_after_phases = 0;
    for (int k = 0; k < objects; k++) out->refcnt_after_phases += Mini_REFCNT(objs[k]);
    out->queued_merges = _MiniBRC_MergedCount() - merged_before;
    for (int k = 0; k < objects; k++) Mini_DECREF(objs[k]);
    out->freed = live_before - Mini_LiveObjects();
    free(objs);
    free(ids);
    return 0;
}

/* ----- objects whose owner exited ------------------------------------------------------------------ */

typedef struct { MiniObject **objs; int objects; int made; } exit_args;

static void *owner_then_exit(void *arg) {
    exit_args *a = arg;
    MiniGILState_STATE g = MiniGILState_Ensure();
    for (int k = 0; k < a->objects; k++) {
        a->objs[k] = MiniList_New(0);     /* owned by this thread; the reference goes to main */
        if (a->objs[k] != NULL) a->made++;
    }
    MiniGILState_Release(g);              /* deletes this thread's state: the owner is gone */
    return NULL;
}

int ft_test_owner_exited(int objects) {
    MiniObject **objs = calloc((size_t)objects, sizeof *objs);
    if (objs == NULL) return -1;
    exit_args a = { objs, objects, 0 };
    Mini_ssize_t live_before = Mini_LiveObjects();
    pthread_t id;
    int rc;
    Mini_BEGIN_ALLOW_THREADS
    rc = pthread_create(&id, NULL, owner_then_exit, &a);
    if (rc == 0) pthread_join(id, NULL);
    Mini_END_ALLOW_THREADS
    if (rc != 0 || a.made != objects) { free(objs); return -2; }
    for (int k = 0; k < objects; k++) {
        Mini_INCREF(objs[k]);             /* a non-owner's reference, then both dropped */
        Mini_DECREF(objs[k]);
        Mini_DECREF(objs[k]);
    }
    free(objs);
    return (int)(Mini_LiveObjects() - live_before);
}

/* ----- immortals ----------------------------------------------------------------------------------------- */

int ft_test_immortals_untouched(int n) {
    MiniObject *objs[] = { Mini_None, Mini_True, Mini_False, MiniLong_FromLong(7), (MiniObject *)&MiniList_Type };
    enum { N = sizeof objs / sizeof objs[0] };
    MiniObject before[N];
    Mini_ssize_t counts[N];
    for (int k = 0; k < N; k++) { before[k] = *objs[k]; counts[k] = Mini_REFCNT(objs[k]); }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < N; k++) Mini_INCREF(objs[k]);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < N; k++) Mini_DECREF(objs[k]);
    int ok = 1;
    for (int k = 0; k < N; k++) {
        if (Mini_REFCNT(objs[k]) != counts[k]) ok = 0;
        if (MiniRuntime_IsFreeThreaded() && (objs[k]->ob_refcnt != before[k].ob_refcnt ||
                                             objs[k]->ob_ref_local != before[k].ob_ref_local)) ok = 0;
    }
    Mini_DECREF(objs[3]);
    return ok;
}

/* ----- delayed drops ------------------------------------------------------------------------------------ */

typedef struct { MiniObject *dict, *list; int index, iterations, failed; pthread_barrier_t *start; } drop_args;

static void *drop_worker(void *arg) {
    drop_args *a = arg;
    pthread_barrier_wait(a->start);
    MiniGILState_STATE g = MiniGILState_Ensure();
    MiniObject *key = MiniLong_FromLong(a->index);
    for (int i = 0; i < a->iterations && key != NULL; i++) {
        MiniObject *v = MiniList_New(0);
        if (v == NULL || MiniDict_SetItem(a->dict, key, v) < 0) { a->failed = 1; Mini_XDECREF(v); break; }
        if (MiniList_SetItem(a->list, a->index, v) < 0) { a->failed = 1; break; }   /* steals v */
        /* Read another thread's entries: strong references, dropped at once. */
        MiniObject *other = MiniLong_FromLong((a->index + 1) % 2);
        MiniObject *seen = NULL;
        if (other != NULL && MiniDict_GetItemRef(a->dict, other, &seen) < 0) MiniErr_Clear();
        Mini_XDECREF(seen);
        Mini_XDECREF(other);
        MiniObject *item = MiniList_GetItemRef(a->list, (a->index + 1) % 2);
        if (item == NULL) MiniErr_Clear();
        Mini_XDECREF(item);
        if (MiniEval_Poll() < 0) MiniErr_Clear();
    }
    Mini_XDECREF(key);
    MiniGILState_Release(g);
    return NULL;
}

int ft_test_delayed_drops(int nthreads, int iterations) {
    if (nthreads < 1 || nthreads > 64) return -1;
    Mini_ssize_t live_before = Mini_LiveObjects();
    MiniObject *dict = MiniDict_New(), *list = MiniList_New(nthreads);
    if (dict == NULL || list == NULL) return -2;
    for (int i = 0; i < nthreads; i++) MiniList_SetItem(list, i, Mini_NewRef(Mini_None));
    pthread_t ids[64];
    drop_args args[64];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, (unsigned)nthreads);
    int started = 0;
    Mini_BEGIN_ALLOW_THREADS
    for (; started < nthreads; started++) {
        args[started] = (drop_args){ dict, list, started, iterations, 0, &start };
        if (pthread_create(&ids[started], NULL, drop_worker, &args[started]) != 0) break;
    }
    for (int i = 0; i < started; i++) pthread_join(ids[i], NULL);
    Mini_END_ALLOW_THREADS
    pthread_barrier_destroy(&start);
    if (started != nthreads) return -3;
    for (int i = 0; i < nthreads; i++) if (args[i].failed) return -4;
    if (MiniEval_Poll() < 0) MiniErr_Clear();
    Mini_DECREF(dict);
    Mini_DECREF(list);
    return (int)(Mini_LiveObjects() - live_before);
}

/* ----- the module slot ------------------------------------------------------------------------------------ */

static MiniModuleDef noslot_def = { MiniModuleDef_HEAD_INIT, "ft_noslot", "No Mini_mod_gil slot.", 0, NULL };
static MiniModuleDef slot_def = {
    MiniModuleDef_HEAD_INIT, "ft_slot", "Declares Mini_MOD_GIL_NOT_USED.", 0, NULL,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};
static MiniObject *init_noslot(void) { return MiniModule_Create(&noslot_def); }
static MiniObject *init_slot(void) { return MiniModule_Create(&slot_def); }

int ft_test_register_modules(void) {
    if (MiniImport_IsBuiltin("ft_noslot")) return 0;
    if (MiniImport_AppendInittab("ft_noslot", init_noslot) < 0) return -1;
    if (MiniImport_AppendInittab("ft_slot", init_slot) < 0) return -1;
    return 0;
}
