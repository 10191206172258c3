/* gilpolicy_test_support.c: the convoy scenario of gilpolicy_test_support.h. */
#include "gilpolicy_test_support.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
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

typedef struct { int released; int done; } BurstShared;

/* Takes the GIL, releases it for a "blocking call", and comes back: the caller holds the lock by
 * then, so the take goes to the slow path, where `prompt` grants it service. */
static void *burst_thread(void *p) {
    BurstShared *s = p;
    MiniGILState_STATE st = MiniGILState_Ensure();
    MiniThreadState *ts = MiniEval_SaveThreadBlocking();
    __atomic_store_n(&s->released, 1, __ATOMIC_SEQ_CST);
    while (__atomic_load_n(&s->released, __ATOMIC_SEQ_CST) != 2) usleep(100);   /* caller retook it */
    MiniEval_RestoreThread(ts);
    MiniGILState_Release(st);
    __atomic_store_n(&s->done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

/* MiniGIL_DumpThreads into buf (through a pipe: the dump writes to a descriptor). */
static void dump_into(char *buf, long size) {
    int fds[2];
    buf[0] = 0;
    if (pipe(fds) != 0) return;
    MiniGIL_DumpThreads(fds[1]);
    close(fds[1]);
    long n = 0;
    ssize_t r;
    while (n < size - 1 && (r = read(fds[0], buf + n, (size_t)(size - 1 - n))) > 0) n += r;
    buf[n] = 0;
    close(fds[0]);
}

int gil_test_dump_during_burst(char *buf, long size) {
    BurstShared s = {0, 0};
    MiniGIL_SetPolicy(MINI_GILPOLICY_PROMPT, 0);
    MiniSys_SetSwitchInterval(0.005);
    pthread_t tid;
    Mini_BEGIN_ALLOW_THREADS
    pthread_create(&tid, NULL, burst_thread, &s);
    while (!__atomic_load_n(&s.released, __ATOMIC_SEQ_CST)) usleep(100);
    Mini_END_ALLOW_THREADS
    __atomic_store_n(&s.released, 2, __ATOMIC_SEQ_CST);
    int rc = -1;
    /* Until the dump shows it waiting with its drop request set: by then it is counted among the
     * waiters and has been granted (a prompt waiter asks at once). */
    for (int i = 0; i < 100000 && rc != 0; i++) {
        dump_into(buf, size);
        if (strstr(buf, "1 waiting") != NULL && strstr(buf, "drop request pending") != NULL) rc = 0;
        else usleep(100);
    }
    while (!__atomic_load_n(&s.done, __ATOMIC_SEQ_CST)) {   /* let it have the lock and finish */
        Mini_BEGIN_ALLOW_THREADS
        usleep(100);
        Mini_END_ALLOW_THREADS
    }
    Mini_BEGIN_ALLOW_THREADS
    pthread_join(tid, NULL);
    Mini_END_ALLOW_THREADS
    MiniGIL_SetPolicy(MINI_GILPOLICY_CPYTHON, 0);
    return rc;
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
