/* gilpolicy_test_support.c: the convoy scenario of gilpolicy_test_support.h. */
#include "gilpolicy_test_support.h"
#include <pthread.h>
#include <unistd.h>

typedef struct {
    int stop;              /* set by the I/O side when it is done */
    int started;           /* the CPU thread holds the GIL and is polling */
    int io_waiting;        /* the I/O side is inside MiniEval_RestoreThread */
    long polls_while_waiting;
} ConvoyShared;

static void *cpu_thread(void *p) {
    ConvoyShared *s = p;
    MiniGILState_STATE st = MiniGILState_Ensure();
    __atomic_store_n(&s->started, 1, __ATOMIC_SEQ_CST);
    while (!__atomic_load_n(&s->stop, __ATOMIC_SEQ_CST)) {
        if (__atomic_load_n(&s->io_waiting, __ATOMIC_SEQ_CST)) s->polls_while_waiting++;
        if (MiniEval_Poll() < 0) break;
    }
    MiniGILState_Release(st);
    return NULL;
}

long gil_test_convoy_polls(int policy, int ops, double interval_s, long sleep_us) {
    ConvoyShared s = {0, 0, 0, 0};
    MiniGIL_SetPolicy(policy, 0);
    MiniSys_SetSwitchInterval(interval_s);
    pthread_t tid;
    pthread_create(&tid, NULL, cpu_thread, &s);
    /* Let the CPU thread take the lock and start polling. */
    while (!__atomic_load_n(&s.started, __ATOMIC_SEQ_CST)) {
        Mini_BEGIN_BLOCKING_CALL
        usleep(1000);
        Mini_END_BLOCKING_CALL
    }
    for (int i = 0; i < ops; i++) {
        MiniThreadState *ts = MiniEval_SaveThreadBlocking();
        usleep((useconds_t)sleep_us);
        __atomic_store_n(&s.io_waiting, 1, __ATOMIC_SEQ_CST);
        MiniEval_RestoreThread(ts);
        __atomic_store_n(&s.io_waiting, 0, __ATOMIC_SEQ_CST);
    }
    __atomic_store_n(&s.stop, 1, __ATOMIC_SEQ_CST);
    Mini_BEGIN_ALLOW_THREADS
    pthread_join(tid, NULL);
    Mini_END_ALLOW_THREADS
    MiniGIL_SetPolicy(MINI_GILPOLICY_CPYTHON, 0);
    MiniSys_SetSwitchInterval(0.005);
    return s.polls_while_waiting;
}

long gil_test_prompt_round_trips(int ops, double interval_s, long recv_sleep_us, long hold_us, MiniGILPromptStats *out) {
    ConvoyShared s = {0, 0, 0, 0};
    MiniGIL_SetPolicy(MINI_GILPOLICY_PROMPT, 0);
    MiniSys_SetSwitchInterval(interval_s);
    pthread_t tid;
    pthread_create(&tid, NULL, cpu_thread, &s);
    while (!__atomic_load_n(&s.started, __ATOMIC_SEQ_CST)) {
        Mini_BEGIN_ALLOW_THREADS
        usleep(1000);
        Mini_END_ALLOW_THREADS
    }
    MiniGIL_ResetPromptStats();
    for (int i = 0; i < ops; i++) {
        MiniThreadState *ts = MiniEval_SaveThreadBlocking();      /* "send": returns at once */
        __atomic_store_n(&s.io_waiting, 1, __ATOMIC_SEQ_CST);
        MiniEval_RestoreThread(ts);
        __atomic_store_n(&s.io_waiting, 0, __ATOMIC_SEQ_CST);
        ts = MiniEval_SaveThreadBlocking();                        /* "recv": waits for the reply */
        usleep((useconds_t)recv_sleep_us);
        __atomic_store_n(&s.io_waiting, 1, __ATOMIC_SEQ_CST);
        MiniEval_RestoreThread(ts);
        __atomic_store_n(&s.io_waiting, 0, __ATOMIC_SEQ_CST);
        if (hold_us > 0) {                                         /* work with the lock held */
            uint64_t until = Mini_MonotonicNs() + (uint64_t)hold_us * 1000;
            while (Mini_MonotonicNs() < until) { }
        }
    }
    if (out != NULL) MiniGIL_GetPromptStats(out);
    __atomic_store_n(&s.stop, 1, __ATOMIC_SEQ_CST);
    Mini_BEGIN_ALLOW_THREADS
    pthread_join(tid, NULL);
    Mini_END_ALLOW_THREADS
    MiniGIL_SetPolicy(MINI_GILPOLICY_CPYTHON, 0);
    MiniSys_SetSwitchInterval(0.005);
    return s.polls_while_waiting;
}
