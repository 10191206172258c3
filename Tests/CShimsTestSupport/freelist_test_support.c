/* freelist_test_support.c: the free-list scenario declared in ftcore_test_support.h: free-threaded mode's
 * per-thread float and int free lists (CShims/Objects/freelist.c), observed through the list
 * lengths and the live-object count on a pthread attached through MiniGILState_Ensure. */
#include "ftcore_test_support.h"
#include "freelist_internal.h"

#include <pthread.h>

#define MADE 300

static int float_list_len(void) { return _Mini_ThreadFreeLists.floats.count; }
static int int_list_len(void) { return _Mini_ThreadFreeLists.ints.count; }

/* Makes MADE floats and MADE one-word ints, drops them, takes `reuse` of each back and checks
 * their values, drops those and one big int. Runs attached on the scenario's thread. */
static void exercise(ft_test_freelists *out, int reuse) {
    MiniObject *f[MADE], *n[MADE];
    Mini_ssize_t live = Mini_LiveObjects();
    for (int k = 0; k < MADE; k++) {
        f[k] = MiniFloat_FromDouble(k + 0.5);
        n[k] = MiniLong_FromLong(100000 + k);
    }
    for (int k = 0; k < MADE; k++) { Mini_DECREF(f[k]); Mini_DECREF(n[k]); }
    out->floats_parked = float_list_len();
    out->ints_parked = int_list_len();
    out->live_after_drop = (long long)(Mini_LiveObjects() - live);
    for (int k = 0; k < reuse; k++) {
        f[k] = MiniFloat_FromDouble(k * 2.0);
        n[k] = MiniLong_FromLong(-100000 - k);
        if (MiniFloat_AsDouble(f[k]) != k * 2.0 || MiniLong_AsLong(n[k]) != -100000 - k) out->wrong_values++;
    }
    out->floats_after_reuse = float_list_len();
    out->live_while_reused = (long long)(Mini_LiveObjects() - live);
    for (int k = 0; k < reuse; k++) { Mini_DECREF(f[k]); Mini_DECREF(n[k]); }
    MiniObject *big = MiniLong_FromString("1267650600228229401496703205376", NULL, 10);  /* 2**100 */
    int ints_before_big = int_list_len();
    Mini_XDECREF(big);
    out->big_int_parked = int_list_len() - ints_before_big;
}

typedef struct { ft_test_freelists *out; int reuse; } scenario_args;

static void *scenario(void *arg) {
    scenario_args *a = arg;
    MiniGILState_STATE g = MiniGILState_Ensure();
    exercise(a->out, a->reuse);
    MiniGILState_Release(g);    /* deletes the thread state: the lists are emptied */
    a->out->floats_after_exit = float_list_len();
    return NULL;
}

int ft_test_freelists_run(int reuse, ft_test_freelists *out) {
    if (out == NULL || reuse < 0 || reuse > MADE) return -1;
    *out = (ft_test_freelists){ 0 };
    scenario_args a = { out, reuse };
    Mini_ssize_t live = Mini_LiveObjects();
    pthread_t id;
    int rc;
    Mini_BEGIN_ALLOW_THREADS
    rc = pthread_create(&id, NULL, scenario, &a);
    if (rc == 0) pthread_join(id, NULL);
    Mini_END_ALLOW_THREADS
    if (rc != 0) return -2;
    out->live_after_exit = (long long)(Mini_LiveObjects() - live);
    return 0;
}
