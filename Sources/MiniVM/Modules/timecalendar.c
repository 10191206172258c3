/* Modules/timecalendar.c: the calendar half of the `time` module, what datetime and logging need
 * from C: localtime/gmtime (a struct_time), mktime, strftime, asctime/ctime, and the zone constants
 * timezone/altzone/daylight/tzname, all through the C library's conversions (the TZ environment
 * variable and the system zone files decide local time, as in CPython). struct_time has the nine
 * fields of CPython's plus tm_zone and tm_gmtoff as fields 10 and 11 (CPython keeps those two out
 * of the tuple: its len() is 9, MiniPy's 11). */
#include "stdlib_internal.h"

#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <string.h>
#include <time.h>

static const char *const tm_fields[] = {
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
    "tm_zone", "tm_gmtoff",
};
static const MiniStdStructSeqDesc tm_desc = {"time.struct_time", tm_fields, 11};

/* A struct_time for tm (weekday Monday = 0, yday from 1, as Python numbers them). */
static MiniObject *tm_to_struct(const struct tm *tm) {
    return _MiniStd_StructSeq_New(&tm_desc, Mini_BuildValue("(iiiiiiiiisl)", tm->tm_year + 1900, tm->tm_mon + 1,
        tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, (tm->tm_wday + 6) % 7, tm->tm_yday + 1, tm->tm_isdst,
        tm->tm_zone != NULL ? tm->tm_zone : "", (long)tm->tm_gmtoff));
}

/* The seconds argument of localtime/gmtime/ctime: None or absent means now. 0 / -1. */
static int seconds_arg(MiniObject *args, const char *fname, time_t *t) {
    MiniObject *o = Mini_None;
    if (!MiniArg_ParseTuple(args, fname, &o)) return -1;
    if (o == Mini_None) { *t = time(NULL); return 0; }
    double d = MiniFloat_AsDouble(o);
    if (d == -1.0 && MiniErr_Occurred()) return -1;
    if (isnan(d)) { MiniErr_SetString(MiniExc_ValueError, "Invalid value NaN (not a number)"); return -1; }
    if (d > 1e17 || d < -1e17) { MiniErr_SetString(MiniExc_OverflowError, "timestamp out of range for platform time_t"); return -1; }
    *t = (time_t)floor(d);
    return 0;
}

static MiniObject *time_localtime(MiniObject *m, MiniObject *args) {
    (void)m;
    time_t t;
    struct tm tm;
    if (seconds_arg(args, "|O:localtime", &t) < 0) return NULL;
    if (localtime_r(&t, &tm) == NULL) return MiniErr_Format(MiniExc_OverflowError, "timestamp out of range for platform time_t");
    return tm_to_struct(&tm);
}

static MiniObject *time_gmtime(MiniObject *m, MiniObject *args) {
    (void)m;
    time_t t;
    struct tm tm;
    if (seconds_arg(args, "|O:gmtime", &t) < 0) return NULL;
    if (gmtime_r(&t, &tm) == NULL) return MiniErr_Format(MiniExc_OverflowError, "timestamp out of range for platform time_t");
    return tm_to_struct(&tm);
}

/* A struct tm from a 9-item (or longer) sequence; TypeError as CPython words it. 0 / -1. */
static int tuple_to_tm(MiniObject *seq, const char *fname, struct tm *tm) {
    MiniObject *t = MiniList_New(0);
    if (t == NULL) return -1;
    if (MiniList_Extend(t, seq) < 0) {
        Mini_DECREF(t);
        MiniErr_Format(MiniExc_TypeError, "Tuple or struct_time argument required");
        return -1;
    }
    if (MiniList_GET_SIZE(t) < 9) {
        Mini_DECREF(t);
        MiniErr_Format(MiniExc_TypeError, "%s(): illegal time tuple argument", fname);
        return -1;
    }
    long v[9];
    for (int i = 0; i < 9; i++) {
        v[i] = MiniLong_AsLong(MiniList_GET_ITEM(t, i));
        if (v[i] == -1 && MiniErr_Occurred()) { Mini_DECREF(t); return -1; }
    }
    Mini_DECREF(t);
    memset(tm, 0, sizeof *tm);
    tm->tm_year = (int)v[0] - 1900;
    tm->tm_mon = (int)v[1] - 1;
    tm->tm_mday = (int)v[2];
    tm->tm_hour = (int)v[3];
    tm->tm_min = (int)v[4];
    tm->tm_sec = (int)v[5];
    tm->tm_wday = (int)((v[6] + 1) % 7);
    tm->tm_yday = (int)v[7] - 1;
    tm->tm_isdst = (int)v[8];
    return 0;
}

static MiniObject *time_mktime(MiniObject *m, MiniObject *arg) {
    (void)m;
    struct tm tm;
    if (tuple_to_tm(arg, "mktime", &tm) < 0) return NULL;
    tm.tm_wday = -1;
    time_t t = mktime(&tm);
    if (t == (time_t)-1 && tm.tm_wday == -1) return MiniErr_Format(MiniExc_OverflowError, "mktime argument out of range");
    return MiniFloat_FromDouble((double)t);
}

/* strftime(format[, tuple]) -> str, with the C library's strftime (the C locale). */
static MiniObject *time_strftime(MiniObject *m, MiniObject *args) {
    (void)m;
    const char *fmt;
    MiniObject *tup = NULL;
    if (!MiniArg_ParseTuple(args, "s|O:strftime", &fmt, &tup)) return NULL;
    struct tm tm;
    if (tup == NULL) {
        time_t now = time(NULL);
        localtime_r(&now, &tm);
    } else {
        if (tuple_to_tm(tup, "strftime", &tm) < 0) return NULL;
        if (tm.tm_mon < 0 || tm.tm_mon > 11) return MiniErr_Format(MiniExc_ValueError, "month out of range");
        if (tm.tm_mday < 0 || tm.tm_mday > 31) return MiniErr_Format(MiniExc_ValueError, "day of month out of range");
        if (tm.tm_hour < 0 || tm.tm_hour > 23) return MiniErr_Format(MiniExc_ValueError, "hour out of range");
        if (tm.tm_min < 0 || tm.tm_min > 59) return MiniErr_Format(MiniExc_ValueError, "minute out of range");
        if (tm.tm_sec < 0 || tm.tm_sec > 61) return MiniErr_Format(MiniExc_ValueError, "seconds out of range");
        if (tm.tm_wday < 0) tm.tm_wday += 7;
        if (tm.tm_yday < -1 || tm.tm_yday > 365) return MiniErr_Format(MiniExc_ValueError, "day of year out of range");
        if (tm.tm_yday < 0) tm.tm_yday = 0;
        if (tm.tm_mday == 0) tm.tm_mday = 1;
    }
    if (*fmt == '\0') return MiniUnicode_FromString("");
    for (size_t cap = 256; cap <= 1 << 20; cap *= 4) {
        char *buf = MiniMem_Malloc(cap);
        if (buf == NULL) return MiniErr_NoMemory();
        size_t n = strftime(buf, cap, fmt, &tm);
        if (n > 0) {
            MiniObject *r = MiniUnicode_FromStringAndSize(buf, (Mini_ssize_t)n);
            MiniMem_Free(buf);
            return r;
        }
        MiniMem_Free(buf);
    }
    return MiniUnicode_FromString("");
}

static MiniObject *format_asctime(const struct tm *tm) {
    static const char wday[][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char mon[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    snprintf(buf, sizeof buf, "%s %s%3d %.2d:%.2d:%.2d %d", wday[(tm->tm_wday % 7 + 7) % 7],
             mon[(tm->tm_mon % 12 + 12) % 12], tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
    return MiniUnicode_FromString(buf);
}

static MiniObject *time_asctime(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *tup = NULL;
    if (!MiniArg_ParseTuple(args, "|O:asctime", &tup)) return NULL;
    struct tm tm;
    if (tup == NULL) {
        time_t now = time(NULL);
        localtime_r(&now, &tm);
    } else if (tuple_to_tm(tup, "asctime", &tm) < 0) return NULL;
    return format_asctime(&tm);
}

static MiniObject *time_ctime(MiniObject *m, MiniObject *args) {
    (void)m;
    time_t t;
    struct tm tm;
    if (seconds_arg(args, "|O:ctime", &t) < 0) return NULL;
    if (localtime_r(&t, &tm) == NULL) return MiniErr_Format(MiniExc_OverflowError, "timestamp out of range for platform time_t");
    return format_asctime(&tm);
}

static MiniMethodDef calendar_functions[] = {
    {"localtime", time_localtime, MINI_METH_VARARGS, "localtime([seconds]) -> struct_time in local time"},
    {"gmtime", time_gmtime, MINI_METH_VARARGS, "gmtime([seconds]) -> struct_time in UTC"},
    {"mktime", time_mktime, MINI_METH_O, "mktime(tuple) -> float seconds since the Epoch (local time)"},
    {"strftime", time_strftime, MINI_METH_VARARGS, "strftime(format[, tuple]) -> str"},
    {"asctime", time_asctime, MINI_METH_VARARGS, "asctime([tuple]) -> str"},
    {"ctime", time_ctime, MINI_METH_VARARGS, "ctime([seconds]) -> str"},
    {NULL, NULL, 0, NULL},
};

int _MiniTime_AddCalendar(MiniObject *m) {
    if (MiniModule_AddFunctions(m, calendar_functions) < 0) return -1;
    tzset();
    time_t now = time(NULL);
    struct tm jan, jul;
    int year = 0;
    struct tm cur;
    localtime_r(&now, &cur);
    year = cur.tm_year;
    memset(&jan, 0, sizeof jan);
    jan.tm_year = year; jan.tm_mday = 1; jan.tm_isdst = -1;
    jul = jan;
    jul.tm_mon = 6;
    time_t tj = mktime(&jan), tl = mktime(&jul);
    (void)tj; (void)tl;
    long jan_off = -jan.tm_gmtoff, jul_off = -jul.tm_gmtoff;
    long std = jan_off > jul_off ? jan_off : jul_off, dst = jan_off > jul_off ? jul_off : jan_off;
    MiniObject *names = Mini_BuildValue("(ss)", tzname[0] != NULL ? tzname[0] : "UTC", tzname[1] != NULL ? tzname[1] : "UTC");
    if (names == NULL || MiniModule_AddObjectRef(m, "tzname", names) < 0) { Mini_XDECREF(names); return -1; }
    Mini_DECREF(names);
    if (MiniModule_AddIntConstant(m, "timezone", std) < 0 || MiniModule_AddIntConstant(m, "altzone", dst) < 0 ||
        MiniModule_AddIntConstant(m, "daylight", std != dst) < 0)
        return -1;
    return 0;
}
