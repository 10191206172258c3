/* Modules/posixmodule.c: the `posix` module, the operating-system primitives the `os`, `io`,
 * `subprocess` and `pathlib` modules are written on (as in CPython, where os.py wraps posix):
 * file descriptors (open/read/write/close/lseek/pipe/dup), the file system (stat, listdir,
 * mkdir, remove, rename, getcwd, chdir, access), the process (getpid, environ, cpu_count,
 * urandom, kill, waitpid, and spawn for subprocess) and the errno -> OSError subclass mapping.
 *
 * Every call that can block (open, read, write, waitpid, system, fsync) releases the GIL while the
 * system call runs. Failures raise the OSError subclass CPython picks for the errno
 * (FileNotFoundError, PermissionError, IsADirectoryError, ...) with CPython's message:
 * "[Errno 2] No such file or directory: 'x'". Paths are str or objects with __fspath__. */
#include "stdlib_internal.h"
#include "exceptions_internal.h"
#include "mini_vm.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* ----- errors --------------------------------------------------------------------------------- */

/* The OSError subclass CPython raises for errno err (borrowed; exceptions.c owns the table). */
static MiniObject *errno_class(int err) { return _MiniExc_OSErrorClass(err); }

MiniObject *_MiniStd_OSErrorFromErrno(int err, MiniObject *filename) {
    MiniObject *args = filename != NULL ? Mini_BuildValue("(isO)", err, strerror(err), filename)
                                        : Mini_BuildValue("(is)", err, strerror(err));
    if (args == NULL) return NULL;
    MiniObject *exc = MiniObject_Call(errno_class(err), args, NULL);
    Mini_DECREF(args);
    if (exc != NULL) {
        MiniErr_SetObject((MiniObject *)Mini_TYPE(exc), exc);
        Mini_DECREF(exc);
    }
    return NULL;
}

static MiniObject *posix_error(void) { return _MiniStd_OSErrorFromErrno(errno, NULL); }

/* ----- arguments ------------------------------------------------------------------------------ */

MiniObject *_MiniStd_FSPath(MiniObject *path) {
    if (MiniUnicode_Check(path) || MiniBytes_Check(path)) return Mini_NewRef(path);
    MiniObject *fspath = MiniObject_GetAttrString(path, "__fspath__");
    if (fspath == NULL) {
        MiniErr_Clear();
        return MiniErr_Format(MiniExc_TypeError,
                              "expected str, bytes or os.PathLike object, not %s", Mini_TYPE(path)->tp_name);
    }
    MiniObject *r = MiniObject_CallNoArgs(fspath);
    Mini_DECREF(fspath);
    if (r != NULL && !MiniUnicode_Check(r) && !MiniBytes_Check(r)) {
        MiniErr_Format(MiniExc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                       Mini_TYPE(path)->tp_name, Mini_TYPE(r)->tp_name);
        Mini_DECREF(r);
        return NULL;
    }
    return r;
}

/* A path argument: *owned becomes the str/bytes (new reference, release it), the result points
 * into it. NULL with TypeError, or ValueError "embedded null byte" (as CPython). */
static const char *path_arg(MiniObject *obj, MiniObject **owned) {
    *owned = _MiniStd_FSPath(obj);
    if (*owned == NULL) return NULL;
    Mini_ssize_t n = 0;
    const char *s = MiniUnicode_Check(*owned) ? MiniUnicode_AsUTF8AndSize(*owned, &n) : MiniBytes_AsString(*owned);
    if (s != NULL && MiniBytes_Check(*owned)) n = MiniBytes_Size(*owned);
    if (s != NULL && (Mini_ssize_t)strlen(s) != n) {
        MiniErr_SetString(MiniExc_ValueError, "embedded null byte");
        s = NULL;
    }
    if (s == NULL) Mini_CLEAR(*owned);
    return s;
}

/* ----- file descriptors ----------------------------------------------------------------------- */

/* open(path, flags, mode=0o777) -> fd */
static MiniObject *posix_open(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *keywords[] = {"path", "flags", "mode", NULL};
    MiniObject *p, *owned;
    int flags, mode = 0777;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "Oi|i:open", keywords, &p, &flags, &mode)) return NULL;
    const char *path = path_arg(p, &owned);
    if (path == NULL) return NULL;
    int fd;
    Mini_BEGIN_ALLOW_THREADS
    fd = open(path, flags | O_CLOEXEC, mode);
    Mini_END_ALLOW_THREADS
    if (fd < 0) {
        int err = errno;
        _MiniStd_OSErrorFromErrno(err, p);
        Mini_DECREF(owned);
        return NULL;
    }
    Mini_DECREF(owned);
    return MiniLong_FromLong(fd);
}

static MiniObject *posix_close(MiniObject *m, MiniObject *arg) {
    (void)m;
    long fd = MiniLong_AsLong(arg);
    if (fd == -1 && MiniErr_Occurred()) return NULL;
    if (close((int)fd) < 0) return posix_error();
    Mini_RETURN_NONE;
}

/* read(fd, n) -> bytes (b'' at end of file); the GIL is released while it waits. */
static MiniObject *posix_read(MiniObject *m, MiniObject *args) {
    (void)m;
    int fd;
    Mini_ssize_t n;
    if (!MiniArg_ParseTuple(args, "in:read", &fd, &n)) return NULL;
    if (n < 0) { errno = EINVAL; return posix_error(); }
    char *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf == NULL) return MiniErr_NoMemory();
    ssize_t got;
    for (;;) {
        Mini_BEGIN_ALLOW_THREADS
        got = read(fd, buf, (size_t)n);
        Mini_END_ALLOW_THREADS
        if (got >= 0 || errno != EINTR) break;
        if (MiniErr_CheckSignals() < 0) { free(buf); return NULL; }
    }
    if (got < 0) { free(buf); return posix_error(); }
    MiniObject *r = MiniBytes_FromStringAndSize(buf, got);
    free(buf);
    return r;
}

/* write(fd, data) -> bytes written; the GIL is released while it waits. */
static MiniObject *posix_write(MiniObject *m, MiniObject *args) {
    (void)m;
    int fd;
    MiniObject *data;
    if (!MiniArg_ParseTuple(args, "iO:write", &fd, &data)) return NULL;
    MiniBuffer view;
    if (MiniObject_GetBuffer(data, &view, 0) < 0) return NULL;
    ssize_t put;
    for (;;) {
        Mini_BEGIN_ALLOW_THREADS
        put = write(fd, view.buf, (size_t)view.len);
        Mini_END_ALLOW_THREADS
        if (put >= 0 || errno != EINTR) break;
        if (MiniErr_CheckSignals() < 0) { MiniBuffer_Release(&view); return NULL; }
    }
    int err = errno;
    MiniBuffer_Release(&view);
    if (put < 0) return _MiniStd_OSErrorFromErrno(err, NULL);
    return MiniLong_FromSsize_t(put);
}

/* lseek(fd, pos, how) -> new position */
static MiniObject *posix_lseek(MiniObject *m, MiniObject *args) {
    (void)m;
    int fd, how;
    long long pos;
    if (!MiniArg_ParseTuple(args, "iLi:lseek", &fd, &pos, &how)) return NULL;
    off_t r = lseek(fd, (off_t)pos, how);
    if (r < 0) return posix_error();
    return MiniLong_FromLongLong((long long)r);
}

static MiniObject *posix_ftruncate(MiniObject *m, MiniObject *args) {
    (void)m;
    int fd;
    long long len;
    if (!MiniArg_ParseTuple(args, "iL:ftruncate", &fd, &len)) return NULL;
    if (ftruncate(fd, (off_t)len) < 0) return posix_error();
    Mini_RETURN_NONE;
}

static MiniObject *posix_fsync(MiniObject *m, MiniObject *arg) {
    (void)m;
    long fd = MiniLong_AsLong(arg);
    if (fd == -1 && MiniErr_Occurred()) return NULL;
    int r;
    Mini_BEGIN_ALLOW_THREADS
    r = fsync((int)fd);
    Mini_END_ALLOW_THREADS
    if (r < 0) return posix_error();
    Mini_RETURN_NONE;
}

static MiniObject *posix_isatty(MiniObject *m, MiniObject *arg) {
    (void)m;
    long fd = MiniLong_AsLong(arg);
    if (fd == -1 && MiniErr_Occurred()) return NULL;
    return MiniBool_FromLong(isatty((int)fd));
}

/* pipe() -> (read_fd, write_fd), both close-on-exec. */
static MiniObject *posix_pipe(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) return posix_error();
    return Mini_BuildValue("(ii)", fds[0], fds[1]);
}

static MiniObject *posix_dup(MiniObject *m, MiniObject *arg) {
    (void)m;
    long fd = MiniLong_AsLong(arg);
    if (fd == -1 && MiniErr_Occurred()) return NULL;
    int r = fcntl((int)fd, F_DUPFD_CLOEXEC, 0);
    if (r < 0) return posix_error();
    return MiniLong_FromLong(r);
}

static MiniObject *posix_dup2(MiniObject *m, MiniObject *args) {
    (void)m;
    int a, b;
    if (!MiniArg_ParseTuple(args, "ii:dup2", &a, &b)) return NULL;
    if (dup2(a, b) < 0) return posix_error();
    return MiniLong_FromLong(b);
}

/* set_blocking(fd, flag) */
static MiniObject *posix_set_blocking(MiniObject *m, MiniObject *args) {
    (void)m;
    int fd, blocking;
    if (!MiniArg_ParseTuple(args, "ip:set_blocking", &fd, &blocking)) return NULL;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, blocking ? fl & ~O_NONBLOCK : fl | O_NONBLOCK) < 0) return posix_error();
    Mini_RETURN_NONE;
}

/* ----- the file system ------------------------------------------------------------------------ */

static const char *const stat_fields[] = {"st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid",
                                          "st_size", "st_atime", "st_mtime", "st_ctime"};
static const MiniStdStructSeqDesc stat_desc = {"os.stat_result", stat_fields, 10};

static MiniObject *stat_result(const struct stat *st) {
    double at = (double)st->st_atim.tv_sec + st->st_atim.tv_nsec * 1e-9;
    double mt = (double)st->st_mtim.tv_sec + st->st_mtim.tv_nsec * 1e-9;
    double ct = (double)st->st_ctim.tv_sec + st->st_ctim.tv_nsec * 1e-9;
    return _MiniStd_StructSeq_New(&stat_desc, Mini_BuildValue(
        "(lKKKllLddd)", (long)st->st_mode, (unsigned long long)st->st_ino, (unsigned long long)st->st_dev,
        (unsigned long long)st->st_nlink, (long)st->st_uid, (long)st->st_gid, (long long)st->st_size, at, mt, ct));
}

/* stat(path) / lstat(path) / fstat(fd) -> os.stat_result */
static MiniObject *do_stat(MiniObject *p, int follow) {
    struct stat st;
    int r;
    if (MiniLong_Check(p)) {
        long fd = MiniLong_AsLong(p);
        if (fd == -1 && MiniErr_Occurred()) return NULL;
        r = fstat((int)fd, &st);
        if (r < 0) return posix_error();
        return stat_result(&st);
    }
    MiniObject *owned;
    const char *path = path_arg(p, &owned);
    if (path == NULL) return NULL;
    r = follow ? stat(path, &st) : lstat(path, &st);
    int err = errno;
    Mini_DECREF(owned);
    if (r < 0) return _MiniStd_OSErrorFromErrno(err, p);
    return stat_result(&st);
}

static MiniObject *posix_stat(MiniObject *m, MiniObject *arg) { (void)m; return do_stat(arg, 1); }
static MiniObject *posix_lstat(MiniObject *m, MiniObject *arg) { (void)m; return do_stat(arg, 0); }

/* A call f(path) returning 0 / -1 with errno, raising OSError naming the path. */
static MiniObject *path_call(MiniObject *p, int (*f)(const char *)) {
    MiniObject *owned;
    const char *path = path_arg(p, &owned);
    if (path == NULL) return NULL;
    int r = f(path), err = errno;
    Mini_DECREF(owned);
    if (r < 0) return _MiniStd_OSErrorFromErrno(err, p);
    Mini_RETURN_NONE;
}

static MiniObject *posix_remove(MiniObject *m, MiniObject *arg) { (void)m; return path_call(arg, unlink); }
static MiniObject *posix_rmdir(MiniObject *m, MiniObject *arg) { (void)m; return path_call(arg, rmdir); }
static MiniObject *posix_chdir(MiniObject *m, MiniObject *arg) { (void)m; return path_call(arg, chdir); }

/* mkdir(path, mode=0o777) */
static MiniObject *posix_mkdir(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *keywords[] = {"path", "mode", NULL};
    MiniObject *p, *owned;
    int mode = 0777;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|i:mkdir", keywords, &p, &mode)) return NULL;
    const char *path = path_arg(p, &owned);
    if (path == NULL) return NULL;
    int r = mkdir(path, (mode_t)mode), err = errno;
    Mini_DECREF(owned);
    if (r < 0) return _MiniStd_OSErrorFromErrno(err, p);
    Mini_RETURN_NONE;
}

/* rename(src, dst) (also os.replace: rename(2) replaces an existing file on POSIX) */
static MiniObject *posix_rename(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *a, *b, *oa, *ob;
    if (!MiniArg_ParseTuple(args, "OO:rename", &a, &b)) return NULL;
    const char *pa = path_arg(a, &oa);
    if (pa == NULL) return NULL;
    const char *pb = path_arg(b, &ob);
    if (pb == NULL) { Mini_DECREF(oa); return NULL; }
    int r = rename(pa, pb), err = errno;
    Mini_DECREF(oa);
    Mini_DECREF(ob);
    if (r < 0) {
        /* CPython names both: "[Errno 2] No such file or directory: 'a' -> 'b'" */
        MiniObject *msg = MiniUnicode_FromFormat("[Errno %d] %s: %R -> %R", err, strerror(err), a, b);
        if (msg == NULL) return NULL;
        MiniObject *exc = MiniObject_CallOneArg(errno_class(err), msg);
        Mini_DECREF(msg);
        if (exc != NULL) { MiniErr_SetObject((MiniObject *)Mini_TYPE(exc), exc); Mini_DECREF(exc); }
        return NULL;
    }
    Mini_RETURN_NONE;
}

/* listdir(path='.') -> list of names (without '.' and '..'), in directory order. */
static MiniObject *posix_listdir(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *p = NULL, *owned = NULL;
    if (!MiniArg_ParseTuple(args, "|O:listdir", &p)) return NULL;
    const char *path = ".";
    if (p != NULL && p != Mini_None && (path = path_arg(p, &owned)) == NULL) return NULL;
    DIR *d = opendir(path);
    if (d == NULL) {
        int err = errno;
        Mini_XDECREF(owned);
        return _MiniStd_OSErrorFromErrno(err, p != NULL && p != Mini_None ? p : NULL);
    }
    int as_bytes = owned != NULL && MiniBytes_Check(owned);
    Mini_XDECREF(owned);
    MiniObject *list = MiniList_New(0);
    struct dirent *e;
    while (list != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        MiniObject *name = as_bytes ? MiniBytes_FromString(e->d_name) : MiniUnicode_FromString(e->d_name);
        if (name == NULL || MiniList_Append(list, name) < 0) Mini_CLEAR(list);
        Mini_XDECREF(name);
    }
    closedir(d);
    return list;
}

static MiniObject *posix_getcwd(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    char buf[4096];
    if (getcwd(buf, sizeof buf) == NULL) return posix_error();
    return MiniUnicode_FromString(buf);
}

/* access(path, mode) -> bool */
static MiniObject *posix_access(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *p, *owned;
    int mode;
    if (!MiniArg_ParseTuple(args, "Oi:access", &p, &mode)) return NULL;
    const char *path = path_arg(p, &owned);
    if (path == NULL) return NULL;
    int r = access(path, mode);
    Mini_DECREF(owned);
    return MiniBool_FromLong(r == 0);
}

/* readlink(path) -> str */
static MiniObject *posix_readlink(MiniObject *m, MiniObject *arg) {
    (void)m;
    MiniObject *owned;
    const char *path = path_arg(arg, &owned);
    if (path == NULL) return NULL;
    char buf[4096];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    int err = errno;
    Mini_DECREF(owned);
    if (n < 0) return _MiniStd_OSErrorFromErrno(err, arg);
    return MiniUnicode_FromStringAndSize(buf, n);
}

/* ----- the process ---------------------------------------------------------------------------- */

static MiniObject *posix_getpid(MiniObject *m, MiniObject *u) { (void)m; (void)u; return MiniLong_FromLong(getpid()); }
static MiniObject *posix_getppid(MiniObject *m, MiniObject *u) { (void)m; (void)u; return MiniLong_FromLong(getppid()); }
static MiniObject *posix_getuid(MiniObject *m, MiniObject *u) { (void)m; (void)u; return MiniLong_FromLong((long)getuid()); }

static MiniObject *posix_cpu_count(MiniObject *m, MiniObject *u) {
    (void)m; (void)u;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) Mini_RETURN_NONE;
    return MiniLong_FromLong(n);
}

/* urandom(n) -> n bytes from the kernel's generator */
static MiniObject *posix_urandom(MiniObject *m, MiniObject *arg) {
    (void)m;
    Mini_ssize_t n = MiniLong_AsSsize_t(arg);
    if (n == -1 && MiniErr_Occurred()) return NULL;
    if (n < 0) { MiniErr_SetString(MiniExc_ValueError, "negative argument not allowed"); return NULL; }
    unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf == NULL) return MiniErr_NoMemory();
    Mini_ssize_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(buf + got, (size_t)(n - got), 0);
        if (r < 0) {
            if (errno == EINTR) continue;
            free(buf);
            return posix_error();
        }
        got += r;
    }
    MiniObject *b = MiniBytes_FromStringAndSize((const char *)buf, n);
    free(buf);
    return b;
}

static MiniObject *posix_strerror(MiniObject *m, MiniObject *arg) {
    (void)m;
    long code = MiniLong_AsLong(arg);
    if (code == -1 && MiniErr_Occurred()) return NULL;
    return MiniUnicode_FromString(strerror((int)code));
}

/* putenv(key, value) / unsetenv(key): change the process environment (os.environ calls them). */
static MiniObject *posix_putenv(MiniObject *m, MiniObject *args) {
    (void)m;
    const char *k, *v;
    if (!MiniArg_ParseTuple(args, "ss:putenv", &k, &v)) return NULL;
    if (*k == '\0' || strchr(k, '=') != NULL) { MiniErr_SetString(MiniExc_ValueError, "illegal environment variable name"); return NULL; }
    if (setenv(k, v, 1) < 0) return posix_error();
    Mini_RETURN_NONE;
}

static MiniObject *posix_unsetenv(MiniObject *m, MiniObject *args) {
    (void)m;
    const char *k;
    if (!MiniArg_ParseTuple(args, "s:unsetenv", &k)) return NULL;
    if (unsetenv(k) < 0) return posix_error();
    Mini_RETURN_NONE;
}

/* The environment as a dict of str (a fresh copy). */
static MiniObject *environ_dict(void) {
    MiniObject *d = MiniDict_New();
    for (char **e = environ; d != NULL && e != NULL && *e != NULL; e++) {
        const char *eq = strchr(*e, '=');
        if (eq == NULL) continue;
        MiniObject *k = MiniUnicode_FromStringAndSize(*e, eq - *e);
        MiniObject *v = k ? MiniUnicode_FromString(eq + 1) : NULL;
        if (v == NULL || MiniDict_SetItem(d, k, v) < 0) Mini_CLEAR(d);
        Mini_XDECREF(k);
        Mini_XDECREF(v);
    }
    return d;
}

static MiniObject *posix_kill(MiniObject *m, MiniObject *args) {
    (void)m;
    int pid, sig;
    if (!MiniArg_ParseTuple(args, "ii:kill", &pid, &sig)) return NULL;
    if (kill(pid, sig) < 0) return posix_error();
    if (MiniErr_CheckSignals() < 0) return NULL;   /* a signal sent to ourselves runs its handler now */
    Mini_RETURN_NONE;
}

/* waitpid(pid, options) -> (pid, status); the GIL is released while it waits. */
static MiniObject *posix_waitpid(MiniObject *m, MiniObject *args) {
    (void)m;
    int pid, options, status = 0;
    if (!MiniArg_ParseTuple(args, "ii:waitpid", &pid, &options)) return NULL;
    pid_t r;
    for (;;) {
        Mini_BEGIN_ALLOW_THREADS
        r = waitpid(pid, &status, options);
        Mini_END_ALLOW_THREADS
        if (r >= 0 || errno != EINTR) break;
        if (MiniErr_CheckSignals() < 0) return NULL;
    }
    if (r < 0) return posix_error();
    return Mini_BuildValue("(ii)", (int)r, status);
}

/* waitstatus_to_exitcode(status) -> exit code, or -signal */
static MiniObject *posix_waitstatus_to_exitcode(MiniObject *m, MiniObject *arg) {
    (void)m;
    long st = MiniLong_AsLong(arg);
    if (st == -1 && MiniErr_Occurred()) return NULL;
    int s = (int)st;
    if (WIFEXITED(s)) return MiniLong_FromLong(WEXITSTATUS(s));
    if (WIFSIGNALED(s)) return MiniLong_FromLong(-WTERMSIG(s));
    MiniErr_Format(MiniExc_ValueError, "invalid wait status: %d", s);
    return NULL;
}

/* A NULL-terminated array of strdup'ed strings from a sequence of str / path-likes; NULL with an
 * exception. free_strv releases it. */
static void free_strv(char **v) {
    if (v == NULL) return;
    for (char **p = v; *p != NULL; p++) free(*p);
    free(v);
}

static char **strv(MiniObject *seq) {
    MiniObject *list = MiniList_New(0);
    if (list == NULL || MiniList_Extend(list, seq) < 0) { Mini_XDECREF(list); return NULL; }
    Mini_ssize_t n = MiniList_GET_SIZE(list);
    char **v = calloc((size_t)n + 1, sizeof *v);
    if (v == NULL) { Mini_DECREF(list); MiniErr_NoMemory(); return NULL; }
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *owned;
        const char *s = path_arg(MiniList_GET_ITEM(list, i), &owned);
        if (s == NULL) { free_strv(v); Mini_DECREF(list); return NULL; }
        v[i] = strdup(s);
        Mini_DECREF(owned);
        if (v[i] == NULL) { free_strv(v); Mini_DECREF(list); MiniErr_NoMemory(); return NULL; }
    }
    Mini_DECREF(list);
    return v;
}

/* spawn(argv, env, cwd, stdin_fd, stdout_fd, stderr_fd) -> pid: runs argv[0] found on PATH with
 * the given descriptors as 0/1/2 (-1: inherit); env None inherits; cwd None stays. What
 * subprocess.Popen is built on. FileNotFoundError names the program when it cannot be run. */
static MiniObject *posix_spawn_(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *argv_obj, *env_obj, *cwd_obj;
    int fds[3];
    if (!MiniArg_ParseTuple(args, "OOOiii:spawn", &argv_obj, &env_obj, &cwd_obj, &fds[0], &fds[1], &fds[2])) return NULL;
    char **argv = strv(argv_obj);
    if (argv == NULL) return NULL;
    if (argv[0] == NULL) { free_strv(argv); MiniErr_SetString(MiniExc_ValueError, "empty argument list"); return NULL; }
    char **envp = NULL;
    if (env_obj != Mini_None) {
        MiniObject *items = MiniDict_Check(env_obj) ? MiniDict_Items(env_obj) : NULL;
        MiniObject *strs = items ? MiniList_New(0) : NULL;
        for (Mini_ssize_t i = 0; strs != NULL && i < MiniList_GET_SIZE(items); i++) {
            MiniObject *kv = MiniList_GET_ITEM(items, i);
            MiniObject *s = MiniUnicode_FromFormat("%S=%S", MiniTuple_GET_ITEM(kv, 0), MiniTuple_GET_ITEM(kv, 1));
            if (s == NULL || MiniList_Append(strs, s) < 0) Mini_CLEAR(strs);
            Mini_XDECREF(s);
        }
        Mini_XDECREF(items);
        if (strs == NULL) {
            if (!MiniErr_Occurred()) MiniErr_SetString(MiniExc_TypeError, "env must be a dict");
            free_strv(argv);
            return NULL;
        }
        envp = strv(strs);
        Mini_DECREF(strs);
        if (envp == NULL) { free_strv(argv); return NULL; }
    }
    char *cwd = NULL;
    if (cwd_obj != Mini_None) {
        MiniObject *owned;
        const char *c = path_arg(cwd_obj, &owned);
        if (c == NULL) { free_strv(argv); free_strv(envp); return NULL; }
        cwd = strdup(c);
        Mini_DECREF(owned);
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    for (int i = 0; i < 3; i++)
        if (fds[i] >= 0) posix_spawn_file_actions_adddup2(&fa, fds[i], i);
    if (cwd != NULL) posix_spawn_file_actions_addchdir_np(&fa, cwd);
    pid_t pid;
    int err;
    Mini_BEGIN_ALLOW_THREADS
    err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, envp != NULL ? envp : environ);
    Mini_END_ALLOW_THREADS
    posix_spawn_file_actions_destroy(&fa);
    MiniObject *result = NULL;
    if (err != 0) {
        MiniObject *name = MiniUnicode_FromString(argv[0]);
        if (name != NULL) { _MiniStd_OSErrorFromErrno(err, name); Mini_DECREF(name); }
    } else {
        result = MiniLong_FromLong(pid);
    }
    free(cwd);
    free_strv(argv);
    free_strv(envp);
    return result;
}

/* system(command) -> wait status; the GIL is released while the command runs. */
static MiniObject *posix_system(MiniObject *m, MiniObject *args) {
    (void)m;
    const char *cmd;
    if (!MiniArg_ParseTuple(args, "s:system", &cmd)) return NULL;
    int r;
    Mini_BEGIN_ALLOW_THREADS
    r = system(cmd);
    Mini_END_ALLOW_THREADS
    return MiniLong_FromLong(r);
}

static MiniObject *posix_exit(MiniObject *m, MiniObject *arg) {
    (void)m;
    long code = MiniLong_AsLong(arg);
    if (code == -1 && MiniErr_Occurred()) return NULL;
    MiniVM_Flush();
    _exit((int)code);
}

#define KW (MINI_METH_VARARGS | MINI_METH_KEYWORDS)

static MiniMethodDef posix_functions[] = {
    {"open", _MiniCFunction_CAST(posix_open), KW, "open(path, flags, mode=0o777) -> fd"},
    {"close", posix_close, MINI_METH_O, "close(fd)"},
    {"read", posix_read, MINI_METH_VARARGS, "read(fd, n) -> bytes"},
    {"write", posix_write, MINI_METH_VARARGS, "write(fd, data) -> int"},
    {"lseek", posix_lseek, MINI_METH_VARARGS, "lseek(fd, pos, how) -> int"},
    {"ftruncate", posix_ftruncate, MINI_METH_VARARGS, "ftruncate(fd, length)"},
    {"fsync", posix_fsync, MINI_METH_O, "fsync(fd)"},
    {"isatty", posix_isatty, MINI_METH_O, "isatty(fd) -> bool"},
    {"pipe", posix_pipe, MINI_METH_NOARGS, "pipe() -> (r, w)"},
    {"dup", posix_dup, MINI_METH_O, "dup(fd) -> fd"},
    {"dup2", posix_dup2, MINI_METH_VARARGS, "dup2(fd, fd2) -> fd2"},
    {"set_blocking", posix_set_blocking, MINI_METH_VARARGS, "set_blocking(fd, blocking)"},
    {"stat", posix_stat, MINI_METH_O, "stat(path) -> os.stat_result"},
    {"lstat", posix_lstat, MINI_METH_O, "lstat(path) -> os.stat_result (links not followed)"},
    {"fstat", posix_stat, MINI_METH_O, "fstat(fd) -> os.stat_result"},
    {"remove", posix_remove, MINI_METH_O, "remove(path)"},
    {"unlink", posix_remove, MINI_METH_O, "unlink(path)"},
    {"rmdir", posix_rmdir, MINI_METH_O, "rmdir(path)"},
    {"chdir", posix_chdir, MINI_METH_O, "chdir(path)"},
    {"mkdir", _MiniCFunction_CAST(posix_mkdir), KW, "mkdir(path, mode=0o777)"},
    {"rename", posix_rename, MINI_METH_VARARGS, "rename(src, dst)"},
    {"replace", posix_rename, MINI_METH_VARARGS, "replace(src, dst)"},
    {"listdir", posix_listdir, MINI_METH_VARARGS, "listdir(path='.') -> list of names"},
    {"getcwd", posix_getcwd, MINI_METH_NOARGS, "getcwd() -> str"},
    {"access", posix_access, MINI_METH_VARARGS, "access(path, mode) -> bool"},
    {"readlink", posix_readlink, MINI_METH_O, "readlink(path) -> str"},
    {"getpid", posix_getpid, MINI_METH_NOARGS, "getpid() -> int"},
    {"getppid", posix_getppid, MINI_METH_NOARGS, "getppid() -> int"},
    {"getuid", posix_getuid, MINI_METH_NOARGS, "getuid() -> int"},
    {"cpu_count", posix_cpu_count, MINI_METH_NOARGS, "cpu_count() -> online CPUs, or None"},
    {"urandom", posix_urandom, MINI_METH_O, "urandom(n) -> bytes"},
    {"strerror", posix_strerror, MINI_METH_O, "strerror(code) -> str"},
    {"putenv", posix_putenv, MINI_METH_VARARGS, "putenv(key, value)"},
    {"unsetenv", posix_unsetenv, MINI_METH_VARARGS, "unsetenv(key)"},
    {"kill", posix_kill, MINI_METH_VARARGS, "kill(pid, signal)"},
    {"waitpid", posix_waitpid, MINI_METH_VARARGS, "waitpid(pid, options) -> (pid, status)"},
    {"waitstatus_to_exitcode", posix_waitstatus_to_exitcode, MINI_METH_O, "waitstatus_to_exitcode(status) -> int"},
    {"spawn", posix_spawn_, MINI_METH_VARARGS, "spawn(argv, env, cwd, stdin, stdout, stderr) -> pid"},
    {"system", posix_system, MINI_METH_VARARGS, "system(command) -> wait status"},
    {"_exit", posix_exit, MINI_METH_O, "_exit(code): end the process now"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef posix_module = {
    MiniModuleDef_HEAD_INIT, "posix",
    "Operating-system primitives (file descriptors, files, processes); `os` is built on them.", 0, posix_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the posix module, or NULL with an exception. */
MiniObject *MiniInit_posix(void) {
    MiniObject *m = MiniModule_Create(&posix_module);
    if (m == NULL) return NULL;
    static const struct { const char *name; long value; } ints[] = {
        {"O_RDONLY", O_RDONLY}, {"O_WRONLY", O_WRONLY}, {"O_RDWR", O_RDWR}, {"O_APPEND", O_APPEND},
        {"O_CREAT", O_CREAT}, {"O_EXCL", O_EXCL}, {"O_TRUNC", O_TRUNC}, {"O_NONBLOCK", O_NONBLOCK},
        {"O_CLOEXEC", O_CLOEXEC}, {"SEEK_SET", SEEK_SET}, {"SEEK_CUR", SEEK_CUR}, {"SEEK_END", SEEK_END},
        {"F_OK", F_OK}, {"R_OK", R_OK}, {"W_OK", W_OK}, {"X_OK", X_OK}, {"WNOHANG", WNOHANG},
    };
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        if (MiniModule_AddIntConstant(m, ints[i].name, ints[i].value) < 0) goto fail;
    MiniObject *env = environ_dict();
    if (env == NULL || MiniModule_AddObjectRef(m, "environ", env) < 0) { Mini_XDECREF(env); goto fail; }
    Mini_DECREF(env);
    if (MiniModule_AddObjectRef(m, "error", MiniExc_OSError) < 0) goto fail;
    return m;
fail:
    MiniModule_ClearNamespace(m);
    Mini_DECREF(m);
    return NULL;
}
