/* Modules/timemodule.c: the `time` module's clocks and sleep(). The clocks are CPython's choices
 * on Linux (time: CLOCK_REALTIME; perf_counter and monotonic: CLOCK_MONOTONIC; process_time:
 * CLOCK_PROCESS_CPUTIME_ID; thread_time: CLOCK_THREAD_CPUTIME_ID), each with its _ns variant.
 * sleep() releases the GIL for the whole wait (sleep(0) still lets the GIL go once, which is how
 * a Python thread yields), and Ctrl-C interrupts it on the main thread. The calendar functions
 * (localtime, gmtime, mktime, strftime, ...) are in timecalendar.c. */
#include "stdlib_internal.h"

#include <math.h>
#include <time.h>

/* Reads a clock as integer nanoseconds. */
static long long clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Reads a clock as float seconds (sec + nsec * 1e-9: the same rounding CPython's float clocks
 * have for the magnitudes involved). */
static MiniObject *clock_float(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return MiniFloat_FromDouble((double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

static MiniObject *time_time(MiniObject *m, MiniObject *u) { (void)m; (void)u; return clock_float(CLOCK_REALTIME); }
static MiniObject *time_time_ns(MiniObject *m, MiniObject *u) { (void)m; (void)u; return MiniLong_FromLongLong(clock_ns(CLOCK_REALTIME)); }
static MiniObject *time_monotonic(MiniObject *m, MiniObject *u) { (void)m; (void)u; return clock_float(CLOCK_MONOTONIC); }
static MiniObject *time_monotonic_ns(MiniObject *m, MiniObject *u) { (void)m; (void)u; return MiniLong_FromLongLong(clock_ns(CLOCK_MONOTONIC)); }
static MiniObject *time_process_time(MiniObject *m, MiniObject *u) { (void)m; (void)u; return clock_float(CLOCK_PROCESS_CPUTIME_ID); }
static MiniObject *time_process_time_ns(MiniObject *m, MiniObject *u) { (void)m; (void)u; return MiniLong_FromLongLong(clock_ns(CLOCK_PROCESS_CPUTIME_ID)); }
static MiniObject *time_thread_time(MiniObject *m, MiniObject *u) { (void)m; (void)u; return clock_float(CLOCK_THREAD_CPUTIME_ID); }
static MiniObject *time_thread_time_ns(MiniObject *m, MiniObject *u) { (void)m; (void)u; return MiniLong_FromLongLong(clock_ns(CLOCK_THREAD_CPUTIME_ID)); }

/* sleep(secs): an int or a float. TypeError "'str' object cannot be interpreted as an integer"
 * for other types (CPython's wording), ValueError for negative or NaN lengths. */
static MiniObject *time_sleep(MiniObject *m, MiniObject *arg) {
    (void)m;
    double secs;
    if (MiniFloat_Check(arg)) {
        secs = MiniFloat_AS_DOUBLE(arg);
        if (isnan(secs)) {
            MiniErr_SetString(MiniExc_ValueError, "Invalid value NaN (not a number)");
            return NULL;
        }
    } else {
        MiniObject *i = MiniNumber_Index(arg);
        if (i == NULL) return NULL;
        secs = MiniLong_AsDouble(i);
        Mini_DECREF(i);
        if (secs == -1.0 && MiniErr_Occurred()) return NULL;
    }
    if (secs < 0) {
        MiniErr_SetString(MiniExc_ValueError, "sleep length must be non-negative");
        return NULL;
    }
    if (secs > 9.2e9) {
        MiniErr_SetString(MiniExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
        return NULL;
    }
    if (_MiniStd_Sleep(secs) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniMethodDef time_functions[] = {
    {"time", time_time, MINI_METH_NOARGS, "time() -> float: seconds since the Epoch (wall clock)."},
    {"time_ns", time_time_ns, MINI_METH_NOARGS, "time_ns() -> int: nanoseconds since the Epoch."},
    {"perf_counter", time_monotonic, MINI_METH_NOARGS, "perf_counter() -> float: a monotonic clock for timing."},
    {"perf_counter_ns", time_monotonic_ns, MINI_METH_NOARGS, "perf_counter_ns() -> int"},
    {"monotonic", time_monotonic, MINI_METH_NOARGS, "monotonic() -> float: a clock that never goes back."},
    {"monotonic_ns", time_monotonic_ns, MINI_METH_NOARGS, "monotonic_ns() -> int"},
    {"process_time", time_process_time, MINI_METH_NOARGS, "process_time() -> float: CPU time of the process."},
    {"process_time_ns", time_process_time_ns, MINI_METH_NOARGS, "process_time_ns() -> int"},
    {"thread_time", time_thread_time, MINI_METH_NOARGS, "thread_time() -> float: CPU time of the calling thread."},
    {"thread_time_ns", time_thread_time_ns, MINI_METH_NOARGS, "thread_time_ns() -> int"},
    {"sleep", time_sleep, MINI_METH_O, "sleep(seconds): wait, with the GIL released so other threads run."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef time_module = {
    MiniModuleDef_HEAD_INIT, "time", "Clocks, and sleep() which releases the GIL.", 0, time_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the time module, or NULL with an exception. */
MiniObject *MiniInit_time(void) {
    MiniObject *m = MiniModule_Create(&time_module);
    if (m != NULL && _MiniTime_AddCalendar(m) < 0) {   /* timecalendar.c */
        MiniModule_ClearNamespace(m);
        Mini_CLEAR(m);
    }
    return m;
}
