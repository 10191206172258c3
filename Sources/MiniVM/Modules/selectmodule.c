/* Modules/selectmodule.c: the `select` module: select.select(rlist, wlist, xlist[, timeout]) and
 * select.poll() objects, with CPython's behaviour. The wait runs in _MiniStd_Poll (waitutil.c)
 * with the GIL released, interruptible by Ctrl-C on the main thread. Entries are ints or objects
 * with fileno(). `selectors` (Python, frozen) builds its DefaultSelector on select.poll. */
#include "stdlib_internal.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>

/* An entry's file descriptor: an int, or obj.fileno(). -1 with an exception. */
static int fd_of(MiniObject *obj) {
    MiniObject *n;
    if (MiniLong_Check(obj)) {
        n = Mini_NewRef(obj);
    } else {
        n = MiniObject_CallMethodObjArgs(obj, "fileno", NULL);
        if (n == NULL) {
            if (MiniErr_ExceptionMatches(MiniExc_AttributeError)) {
                MiniErr_Clear();
                MiniErr_SetString(MiniExc_TypeError, "argument must be an int, or have a fileno() method.");
            }
            return -1;
        }
    }
    long fd = MiniLong_AsLong(n);
    Mini_DECREF(n);
    if (fd == -1 && MiniErr_Occurred()) return -1;
    if (fd < 0) {
        MiniErr_Format(MiniExc_ValueError, "file descriptor cannot be a negative integer (%ld)", fd);
        return -1;
    }
    return (int)fd;
}

/* select(rlist, wlist, xlist[, timeout]) -> (readable, writable, exceptional) */
static MiniObject *mod_select(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *lists[3], *t = Mini_None;
    if (!MiniArg_ParseTuple(args, "OOO|O:select", &lists[0], &lists[1], &lists[2], &t)) return NULL;
    double timeout = -1;
    if (t != Mini_None) {
        timeout = MiniFloat_AsDouble(t);
        if (timeout == -1.0 && MiniErr_Occurred()) {
            MiniErr_Clear();
            MiniErr_SetString(MiniExc_TypeError, "timeout must be a float or None");
            return NULL;
        }
        if (timeout < 0) { MiniErr_SetString(MiniExc_ValueError, "timeout must be non-negative"); return NULL; }
    }
    MiniObject *seqs[3] = {NULL, NULL, NULL}, *result = NULL;
    struct pollfd *fds = NULL;
    int *which = NULL;
    Mini_ssize_t total = 0;
    for (int i = 0; i < 3; i++) {
        seqs[i] = MiniList_New(0);
        if (seqs[i] == NULL || MiniList_Extend(seqs[i], lists[i]) < 0) goto out;
        total += MiniList_GET_SIZE(seqs[i]);
    }
    fds = calloc((size_t)total + 1, sizeof *fds);
    which = calloc((size_t)total + 1, sizeof *which);
    if (fds == NULL || which == NULL) { MiniErr_NoMemory(); goto out; }
    static const short ev[3] = {POLLIN, POLLOUT, POLLPRI};
    Mini_ssize_t k = 0;
    for (int i = 0; i < 3; i++)
        for (Mini_ssize_t j = 0; j < MiniList_GET_SIZE(seqs[i]); j++, k++) {
            int fd = fd_of(MiniList_GET_ITEM(seqs[i], j));
            if (fd < 0) goto out;
            fds[k].fd = fd;
            fds[k].events = ev[i];
            which[k] = i;
        }
    int r = _MiniStd_Poll(fds, (int)total, timeout);
    if (r < 0) goto out;
    MiniObject *ready[3] = {MiniList_New(0), MiniList_New(0), MiniList_New(0)};
    k = 0;
    for (int i = 0; i < 3; i++)
        for (Mini_ssize_t j = 0; j < MiniList_GET_SIZE(seqs[i]); j++, k++) {
            short re = fds[k].revents;
            int hit = i == 0 ? (re & (POLLIN | POLLHUP | POLLERR)) != 0
                    : i == 1 ? (re & (POLLOUT | POLLERR)) != 0 : (re & POLLPRI) != 0;
            if (hit && ready[i] != NULL && MiniList_Append(ready[i], MiniList_GET_ITEM(seqs[i], j)) < 0)
                Mini_CLEAR(ready[i]);
        }
    if (ready[0] && ready[1] && ready[2]) result = Mini_BuildValue("(NNN)", ready[0], ready[1], ready[2]);
    else { Mini_XDECREF(ready[0]); Mini_XDECREF(ready[1]); Mini_XDECREF(ready[2]); }
    (void)which;
out:
    for (int i = 0; i < 3; i++) Mini_XDECREF(seqs[i]);
    free(fds);
    free(which);
    return result;
}

/* ----- poll objects --------------------------------------------------------------------------- */

typedef struct {
    MiniObject_HEAD
    MiniObject *fds;      /* dict: fd -> event mask */
} PollObject;

static void poll_dealloc(MiniObject *op) {
    Mini_CLEAR(((PollObject *)op)->fds);
    MiniObject_Free(op);
}

/* register(fd, eventmask=POLLIN|POLLPRI|POLLOUT) */
static MiniObject *poll_register(MiniObject *op, MiniObject *args) {
    MiniObject *obj;
    int mask = POLLIN | POLLPRI | POLLOUT;
    if (!MiniArg_ParseTuple(args, "O|i:register", &obj, &mask)) return NULL;
    int fd = fd_of(obj);
    if (fd < 0) return NULL;
    MiniObject *k = MiniLong_FromLong(fd), *v = MiniLong_FromLong(mask);
    int r = k && v ? MiniDict_SetItem(((PollObject *)op)->fds, k, v) : -1;
    Mini_XDECREF(k); Mini_XDECREF(v);
    if (r < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *poll_modify(MiniObject *op, MiniObject *args) {
    MiniObject *obj;
    int mask;
    if (!MiniArg_ParseTuple(args, "Oi:modify", &obj, &mask)) return NULL;
    int fd = fd_of(obj);
    if (fd < 0) return NULL;
    MiniObject *k = MiniLong_FromLong(fd);
    if (k == NULL) return NULL;
    if (MiniDict_GetItem(((PollObject *)op)->fds, k) == NULL) {
        Mini_DECREF(k);
        return _MiniStd_OSErrorFromErrno(ENOENT, NULL);
    }
    MiniObject *v = MiniLong_FromLong(mask);
    int r = v ? MiniDict_SetItem(((PollObject *)op)->fds, k, v) : -1;
    Mini_DECREF(k); Mini_XDECREF(v);
    if (r < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *poll_unregister(MiniObject *op, MiniObject *obj) {
    int fd = fd_of(obj);
    if (fd < 0) return NULL;
    MiniObject *k = MiniLong_FromLong(fd);
    if (k == NULL) return NULL;
    int r = MiniDict_DelItem(((PollObject *)op)->fds, k);
    Mini_DECREF(k);
    if (r < 0) return NULL;
    Mini_RETURN_NONE;
}

/* poll(timeout_ms=None) -> [(fd, events), ...] */
static MiniObject *poll_poll(MiniObject *op, MiniObject *args) {
    MiniObject *t = Mini_None;
    if (!MiniArg_ParseTuple(args, "|O:poll", &t)) return NULL;
    double timeout = -1;
    if (t != Mini_None) {
        timeout = MiniFloat_AsDouble(t);
        if (timeout == -1.0 && MiniErr_Occurred()) return NULL;
        timeout = timeout < 0 ? -1 : timeout / 1000.0;
    }
    MiniObject *d = ((PollObject *)op)->fds;
    Mini_ssize_t n = MiniDict_Size(d), pos = 0, i = 0;
    struct pollfd *fds = calloc((size_t)n + 1, sizeof *fds);
    if (fds == NULL) return MiniErr_NoMemory();
    MiniObject *k, *v;
    while (MiniDict_Next(d, &pos, &k, &v)) {
        fds[i].fd = (int)MiniLong_AsLong(k);
        fds[i].events = (short)MiniLong_AsLong(v);
        i++;
    }
    int r = _MiniStd_Poll(fds, (int)n, timeout);
    MiniObject *list = r < 0 ? NULL : MiniList_New(0);
    for (i = 0; list != NULL && i < n; i++) {
        if (fds[i].revents == 0) continue;
        MiniObject *pair = Mini_BuildValue("(ii)", fds[i].fd, (int)fds[i].revents);
        if (pair == NULL || MiniList_Append(list, pair) < 0) Mini_CLEAR(list);
        Mini_XDECREF(pair);
    }
    free(fds);
    return list;
}

static MiniMethodDef poll_methods[] = {
    {"register", poll_register, MINI_METH_VARARGS, "register(fd[, eventmask])"},
    {"modify", poll_modify, MINI_METH_VARARGS, "modify(fd, eventmask)"},
    {"unregister", poll_unregister, MINI_METH_O, "unregister(fd)"},
    {"poll", poll_poll, MINI_METH_VARARGS, "poll([timeout_ms]) -> [(fd, events), ...]"},
    {NULL, NULL, 0, NULL},
};

static MiniTypeObject Poll_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "select.poll",
    .tp_basicsize = sizeof(PollObject),
    .tp_dealloc = poll_dealloc,
    .tp_methods = poll_methods,
    .tp_doc = "A set of file descriptors to wait on (poll(2)).",
};

static MiniObject *mod_poll(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    PollObject *p = (PollObject *)MiniObject_New(&Poll_Type);
    if (p == NULL) return NULL;
    if ((p->fds = MiniDict_New()) == NULL) { Mini_DECREF(p); return NULL; }
    return (MiniObject *)p;
}

static MiniMethodDef select_functions[] = {
    {"select", mod_select, MINI_METH_VARARGS, "select(rlist, wlist, xlist[, timeout]) -> (r, w, x)"},
    {"poll", mod_poll, MINI_METH_NOARGS, "poll() -> a poll object"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef select_module = {
    MiniModuleDef_HEAD_INIT, "select", "Waiting for I/O readiness with the GIL released.", 0, select_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the select module, or NULL with an exception. */
MiniObject *MiniInit_select(void) {
    MiniObject *m = MiniModule_Create(&select_module);
    if (m == NULL) return NULL;
    if (MiniType_Ready(&Poll_Type) < 0 || MiniModule_AddObjectRef(m, "error", MiniExc_OSError) < 0) goto fail;
    static const struct { const char *name; long value; } ints[] = {
        {"POLLIN", POLLIN}, {"POLLOUT", POLLOUT}, {"POLLPRI", POLLPRI}, {"POLLERR", POLLERR},
        {"POLLHUP", POLLHUP}, {"POLLNVAL", POLLNVAL},
    };
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        if (MiniModule_AddIntConstant(m, ints[i].name, ints[i].value) < 0) goto fail;
    return m;
fail:
    MiniModule_ClearNamespace(m);
    Mini_DECREF(m);
    return NULL;
}
