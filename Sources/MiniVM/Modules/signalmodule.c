/* Modules/signalmodule.c: `_signal`, the C half of the `signal` module (Lib/signal.py wraps it in
 * the Signals/Handlers enums, as CPython's does). signal(sig, handler) installs a C handler that
 * only trips a flag (CShims/Python/signals.c); the main thread then runs the Python handler at its
 * next eval-breaker poll, or when a GIL-released wait (sleep, lock, queue, read) sees the flag, via
 * the dispatcher installed here. Handlers are called as handler(signum, None): MiniPy has no frame
 * objects. SIG_DFL and SIG_IGN set the system's dispositions; default_int_handler raises
 * KeyboardInterrupt. Also alarm, setitimer/getitimer, pause, raise_signal, pthread_kill, strsignal,
 * valid_signals. signal() from a thread other than the main one raises CPython's ValueError.
 *
 * The handlers belong to one run: MiniStdlib_ResetSignals (called when a run ends) puts back every
 * disposition the run changed and drops the handler objects. Requires the GIL throughout. */
#include "stdlib_internal.h"
#include "signal_internal.h"
#include "tstate_internal.h"
#include "lib_internal.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static MiniObject *handlers[NSIG];          /* what getsignal reports when set by a script; owned */
static struct sigaction saved[NSIG];        /* the disposition before the run changed it */
static char changed[NSIG];
static MiniObject *default_int_handler;     /* borrowed: the module's builtin function (set at init) */

static int on_main_thread(void) {
    MiniThreadState *t = _Mini_tstate_current;
    return t != NULL && t->is_main;
}

static void trip(int sig) { _MiniSignal_Trip(sig); }

/* The dispatcher: runs the Python handler of sig. 1 handled, 0 not claimed, -1 error. */
static int dispatch(int sig) {
    MiniObject *h = sig > 0 && sig < NSIG ? handlers[sig] : NULL;
    if (h == NULL || !MiniCallable_Check(h)) return 0;
    Mini_INCREF(h);
    MiniObject *num = MiniLong_FromLong(sig);
    MiniObject *res = num != NULL ? MiniObject_CallFunctionObjArgs(h, num, Mini_None, NULL) : NULL;
    Mini_XDECREF(num);
    Mini_DECREF(h);
    if (res == NULL) return -1;
    Mini_DECREF(res);
    return 1;
}

/* The signal number argument: ValueError "signal number out of range" outside 1..NSIG-1. */
static int signum_arg(MiniObject *o, int *sig) {
    long v = MiniLong_AsLong(o);
    if (v == -1 && MiniErr_Occurred()) return -1;
    if (v < 1 || v >= NSIG) {
        MiniErr_SetString(MiniExc_ValueError, "signal number out of range");
        return -1;
    }
    *sig = (int)v;
    return 0;
}

static MiniObject *os_error(void) {
    int e = errno;
    return MiniErr_Format(MiniExc_OSError, "[Errno %d] %s", e, strerror(e));
}

/* The handler a signal has now, as getsignal reports it: the script's, default_int_handler for an
 * untouched SIGINT whose C handler is the runtime's, else SIG_IGN / SIG_DFL / None from the system. */
static MiniObject *current_handler(int sig) {
    if (handlers[sig] != NULL) return Mini_NewRef(handlers[sig]);
    struct sigaction sa;
    if (sigaction(sig, NULL, &sa) < 0) return os_error();
    if (sa.sa_handler == SIG_IGN) return MiniLong_FromLong(1);
    if (sa.sa_handler == SIG_DFL) return MiniLong_FromLong(0);
    if (sig == SIGINT) return Mini_NewRef(default_int_handler);
    Mini_RETURN_NONE;
}

/* signal(signalnum, handler) -> the previous handler */
static MiniObject *signal_signal(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *num, *handler;
    int sig;
    if (!MiniArg_ParseTuple(args, "OO:signal", &num, &handler) || signum_arg(num, &sig) < 0) return NULL;
    if (!on_main_thread()) {
        MiniErr_SetString(MiniExc_ValueError, "signal only works in main thread of the main interpreter");
        return NULL;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    long code = -1;
    if (MiniLong_Check(handler)) {
        code = MiniLong_AsLong(handler);
        if (code == -1 && MiniErr_Occurred()) return NULL;
    }
    if (code == 0) sa.sa_handler = SIG_DFL;
    else if (code == 1) sa.sa_handler = SIG_IGN;
    else if (!MiniCallable_Check(handler) || MiniLong_Check(handler)) {
        MiniErr_SetString(MiniExc_TypeError,
                          "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
        return NULL;
    } else sa.sa_handler = trip;
    if (sig == SIGKILL || sig == SIGSTOP) { errno = EINVAL; return os_error(); }
    MiniObject *old = current_handler(sig);
    if (old == NULL) return NULL;
    struct sigaction before;
    if (sigaction(sig, &sa, &before) < 0) { Mini_DECREF(old); return os_error(); }
    if (!changed[sig]) { saved[sig] = before; changed[sig] = 1; }
    MiniObject *prev = handlers[sig];
    handlers[sig] = Mini_NewRef(handler);
    Mini_XDECREF(prev);
    return old;
}

/* getsignal(signalnum) -> handler */
static MiniObject *signal_getsignal(MiniObject *m, MiniObject *num) {
    (void)m;
    int sig;
    if (signum_arg(num, &sig) < 0) return NULL;
    return current_handler(sig);
}

/* default_int_handler(signalnum, frame): raises KeyboardInterrupt. */
static MiniObject *signal_default_int_handler(MiniObject *m, MiniObject *args) {
    (void)m; (void)args;
    MiniErr_SetNone(MiniExc_KeyboardInterrupt);
    return NULL;
}

/* alarm(seconds) -> seconds left of the previous alarm */
static MiniObject *signal_alarm(MiniObject *m, MiniObject *arg) {
    (void)m;
    long s = MiniLong_AsLong(arg);
    if (s == -1 && MiniErr_Occurred()) return NULL;
    return MiniLong_FromLong((long)alarm((unsigned)s));
}

/* pause(): waits, with the GIL released, until a signal arrives; then runs its handler. */
static MiniObject *signal_pause(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    Mini_BEGIN_ALLOW_THREADS
    pause();
    Mini_END_ALLOW_THREADS
    if (MiniErr_CheckSignals() < 0) return NULL;
    Mini_RETURN_NONE;
}

/* raise_signal(signalnum): sends the signal to this process; its handler runs before returning. */
static MiniObject *signal_raise_signal(MiniObject *m, MiniObject *num) {
    (void)m;
    int sig;
    if (signum_arg(num, &sig) < 0) return NULL;
    if (raise(sig) != 0) return os_error();
    if (MiniErr_CheckSignals() < 0) return NULL;
    Mini_RETURN_NONE;
}

/* pthread_kill(thread_id, signalnum): sends the signal to a thread (threading.get_ident's id). */
static MiniObject *signal_pthread_kill(MiniObject *m, MiniObject *args) {
    (void)m;
    unsigned long tid;
    MiniObject *num;
    int sig;
    if (!MiniArg_ParseTuple(args, "kO:pthread_kill", &tid, &num)) return NULL;
    long v = MiniLong_AsLong(num);
    if (v == -1 && MiniErr_Occurred()) return NULL;
    sig = (int)v;
    int err = pthread_kill((pthread_t)tid, sig);
    if (err != 0) { errno = err; return os_error(); }
    if (MiniErr_CheckSignals() < 0) return NULL;
    Mini_RETURN_NONE;
}

/* strsignal(signalnum) -> description or None */
static MiniObject *signal_strsignal(MiniObject *m, MiniObject *num) {
    (void)m;
    int sig;
    if (signum_arg(num, &sig) < 0) return NULL;
    const char *s = strsignal(sig);
    if (s == NULL || strncmp(s, "Unknown signal", 14) == 0 || strncmp(s, "Real-time signal", 16) == 0) Mini_RETURN_NONE;
    return MiniUnicode_FromString(s);
}

/* valid_signals() -> set of the signal numbers this system has */
static MiniObject *signal_valid_signals(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    sigset_t all;
    sigfillset(&all);
    MiniObject *s = MiniSet_New(NULL);
    for (int sig = 1; s != NULL && sig < NSIG; sig++) {
        if (sigismember(&all, sig) != 1) continue;
        MiniObject *n = MiniLong_FromLong(sig);
        if (n == NULL || MiniSet_Add(s, n) < 0) Mini_CLEAR(s);
        Mini_XDECREF(n);
    }
    return s;
}

static MiniObject *itimer_tuple(const struct itimerval *v) {
    return Mini_BuildValue("(dd)", v->it_value.tv_sec + v->it_value.tv_usec / 1e6,
                           v->it_interval.tv_sec + v->it_interval.tv_usec / 1e6);
}

static void to_timeval(double s, struct timeval *tv) {
    tv->tv_sec = (time_t)s;
    tv->tv_usec = (suseconds_t)((s - (double)tv->tv_sec) * 1e6);
    if (s > 0 && tv->tv_sec == 0 && tv->tv_usec == 0) tv->tv_usec = 1;
}

/* setitimer(which, seconds, interval=0.0) -> (delay, interval) of the previous timer */
static MiniObject *signal_setitimer(MiniObject *m, MiniObject *args) {
    (void)m;
    int which;
    double seconds, interval = 0.0;
    if (!MiniArg_ParseTuple(args, "id|d:setitimer", &which, &seconds, &interval)) return NULL;
    struct itimerval nv, ov;
    to_timeval(seconds, &nv.it_value);
    to_timeval(interval, &nv.it_interval);
    if (setitimer(which, &nv, &ov) < 0) return os_error();
    return itimer_tuple(&ov);
}

/* getitimer(which) -> (delay, interval) */
static MiniObject *signal_getitimer(MiniObject *m, MiniObject *arg) {
    (void)m;
    long which = MiniLong_AsLong(arg);
    if (which == -1 && MiniErr_Occurred()) return NULL;
    struct itimerval v;
    if (getitimer((int)which, &v) < 0) return os_error();
    return itimer_tuple(&v);
}

void MiniStdlib_ResetSignals(void) {
    for (int sig = 1; sig < NSIG; sig++) {
        if (changed[sig]) sigaction(sig, &saved[sig], NULL);
        changed[sig] = 0;
        Mini_CLEAR(handlers[sig]);
    }
}

static MiniMethodDef signal_functions[] = {
    {"signal", signal_signal, MINI_METH_VARARGS, "signal(signalnum, handler) -> the previous handler"},
    {"getsignal", signal_getsignal, MINI_METH_O, "getsignal(signalnum) -> the current handler"},
    {"default_int_handler", signal_default_int_handler, MINI_METH_VARARGS,
     "default_int_handler(signalnum, frame): raise KeyboardInterrupt."},
    {"alarm", signal_alarm, MINI_METH_O, "alarm(seconds) -> seconds left of the previous alarm"},
    {"pause", signal_pause, MINI_METH_NOARGS, "pause(): wait until a signal arrives."},
    {"raise_signal", signal_raise_signal, MINI_METH_O, "raise_signal(signalnum): send a signal to this process."},
    {"pthread_kill", signal_pthread_kill, MINI_METH_VARARGS, "pthread_kill(thread_id, signalnum)"},
    {"strsignal", signal_strsignal, MINI_METH_O, "strsignal(signalnum) -> description or None"},
    {"valid_signals", signal_valid_signals, MINI_METH_NOARGS, "valid_signals() -> set of signal numbers"},
    {"setitimer", signal_setitimer, MINI_METH_VARARGS, "setitimer(which, seconds, interval=0.0) -> old (delay, interval)"},
    {"getitimer", signal_getitimer, MINI_METH_O, "getitimer(which) -> (delay, interval)"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef signal_module = {
    MiniModuleDef_HEAD_INIT, "_signal", "Signal handlers run by the main thread (the C half of signal).", 0,
    signal_functions,
};

MiniObject *MiniInit__signal(void) {
    MiniObject *m = MiniModule_Create(&signal_module);
    if (m == NULL) return NULL;
    /* SIGRTMIN/SIGRTMAX are function calls in glibc, not constants. */
    if (MiniModule_AddIntConstant(m, "SIGRTMIN", SIGRTMIN) < 0 || MiniModule_AddIntConstant(m, "SIGRTMAX", SIGRTMAX) < 0)
        goto fail;
    static const struct { const char *name; int value; } constants[] = {
        {"SIGHUP", SIGHUP}, {"SIGINT", SIGINT}, {"SIGQUIT", SIGQUIT}, {"SIGILL", SIGILL}, {"SIGTRAP", SIGTRAP},
        {"SIGABRT", SIGABRT}, {"SIGIOT", SIGIOT}, {"SIGBUS", SIGBUS}, {"SIGFPE", SIGFPE}, {"SIGKILL", SIGKILL},
        {"SIGUSR1", SIGUSR1}, {"SIGSEGV", SIGSEGV}, {"SIGUSR2", SIGUSR2}, {"SIGPIPE", SIGPIPE},
        {"SIGALRM", SIGALRM}, {"SIGTERM", SIGTERM}, {"SIGCHLD", SIGCHLD}, {"SIGCONT", SIGCONT},
        {"SIGSTOP", SIGSTOP}, {"SIGTSTP", SIGTSTP}, {"SIGTTIN", SIGTTIN}, {"SIGTTOU", SIGTTOU},
        {"SIGURG", SIGURG}, {"SIGXCPU", SIGXCPU}, {"SIGXFSZ", SIGXFSZ}, {"SIGVTALRM", SIGVTALRM},
        {"SIGPROF", SIGPROF}, {"SIGWINCH", SIGWINCH}, {"SIGIO", SIGIO}, {"SIGPOLL", SIGPOLL},
        {"SIGPWR", SIGPWR}, {"SIGSYS", SIGSYS},
        {"SIG_DFL", 0}, {"SIG_IGN", 1}, {"NSIG", NSIG},
        {"SIG_BLOCK", SIG_BLOCK}, {"SIG_UNBLOCK", SIG_UNBLOCK}, {"SIG_SETMASK", SIG_SETMASK},
        {"ITIMER_REAL", ITIMER_REAL}, {"ITIMER_VIRTUAL", ITIMER_VIRTUAL}, {"ITIMER_PROF", ITIMER_PROF},
    };
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
        if (MiniModule_AddIntConstant(m, constants[i].name, constants[i].value) < 0) goto fail;
    default_int_handler = MiniObject_GetAttrString(m, "default_int_handler");
    if (default_int_handler == NULL) goto fail;
    Mini_DECREF(default_int_handler);   /* the module's dict keeps it alive */
    _MiniSignal_SetDispatcher(dispatch);
    return m;
fail:
    MiniModule_ClearNamespace(m);
    Mini_DECREF(m);
    return NULL;
}
