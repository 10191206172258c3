/* Modules/mpiomodule.c: `_mpio`, the operating-system half of the kit's multiprocessing (the
 * Python half is the frozen package Sources/MiniPy/Lib/multiprocessing). It starts a child
 * process running the kit's own binary (the spawn start method: a fresh interpreter, its own GIL)
 * with a pipe each way (their fd numbers passed on its command line), moves
 * length-prefixed byte messages over those pipes, waits for and kills children, and maps shared
 * memory (memfd + mmap, inherited by children) that holds Value/Array data and a process-shared
 * mutex. Every call that can block (reads, writes, waits, the shared lock) releases the GIL while
 * it waits, so other threads run; none of them touches objects without the GIL.
 *
 *   spawn(prefix, suffix) -> (pid, fd_to_child, fd_from_child)   runs prefix + [R, W] + suffix
 *   pipe() -> (r, w)                                       for Queue and Pipe
 *   send(fd, data)                                         BrokenPipeError when the reader is gone
 *   recv(fd) -> bytes | None                               None at end of file (the writer ended)
 *   poll(fd, timeout) -> bool                              a message (or EOF) is ready to read
 *   waitpid(pid, block=True) -> int | None                 exit code, -signal, or None if running
 *   kill(pid, sig), close(fd), getpid(), cpu_count(), executable()
 *   shm_new(size) -> fd; shm_map(fd, size) -> address; shm_unmap(address, size)
 *   shm_get(address, typecode, index), shm_set(address, typecode, index, value)
 *   shm_lock(address), shm_unlock(address)                the mutex at the start of a block
 * Typecodes are array's: 'b' 'B' 'h' 'H' 'i' 'I' 'l' 'L' 'q' 'Q' 'f' 'd'. Addresses are ints the
 * Python side keeps private; a bad index is the caller's bug (the Python side bounds-checks). */
#include "stdlib_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Addresses travel as ints (user-space addresses fit in a signed 64-bit int on Linux). */
static MiniObject *addr_from_ptr(void *p) { return MiniLong_FromLongLong((long long)(intptr_t)p); }
static void *addr_to_ptr(MiniObject *o) {
    long long v = MiniLong_AsLongLong(o);
    if (v == -1 && MiniErr_Occurred()) return NULL;
    return (void *)(intptr_t)v;
}

static MiniObject *os_error(const char *what, int err) {
    return MiniErr_Format(err == EPIPE ? MiniExc_BrokenPipeError : MiniExc_OSError, "[Errno %d] %s: %s", err,
                          strerror(err), what);
}

/* spawn(prefix, suffix): runs prefix + [R, W] + suffix (prefix[0] the program path), where R
 * and W are the child's ends of a pipe from and a pipe to the parent, left open across exec (the
 * parent's ends are close-on-exec, so no other child holds them and EOF means the child ended). */
static MiniObject *mpio_spawn(MiniObject *self, MiniObject *args) {
    (void)self;
    MiniObject *prefix, *suffix;
    if (!MiniArg_ParseTuple(args, "OO:spawn", &prefix, &suffix)) return NULL;
    if (!MiniList_Check(prefix) || !MiniList_Check(suffix) || MiniList_Size(prefix) < 1)
        return MiniErr_Format(MiniExc_TypeError, "spawn() needs two lists of str, the first non-empty");
    Mini_ssize_t np = MiniList_Size(prefix), ns = MiniList_Size(suffix), n = np + 2 + ns;
    int down[2], up[2];   /* down: parent -> child; up: child -> parent */
    if (pipe2(down, O_CLOEXEC) < 0) return os_error("pipe", errno);
    if (pipe2(up, O_CLOEXEC) < 0) { int e = errno; close(down[0]); close(down[1]); return os_error("pipe", e); }
    char rbuf[16], wbuf[16];
    snprintf(rbuf, sizeof rbuf, "%d", down[0]);
    snprintf(wbuf, sizeof wbuf, "%d", up[1]);
    char **argv = calloc((size_t)n + 1, sizeof *argv);
    int rc = argv ? 0 : ENOMEM;
    for (Mini_ssize_t i = 0; rc == 0 && i < n; i++) {
        if (i == np) { argv[i] = rbuf; continue; }
        if (i == np + 1) { argv[i] = wbuf; continue; }
        MiniObject *item = i < np ? MiniList_GetItem(prefix, i) : MiniList_GetItem(suffix, i - np - 2);
        const char *s = MiniUnicode_AsUTF8(item);
        if (s == NULL) rc = -1;
        else argv[i] = (char *)s;
    }
    pid_t pid = 0;
    if (rc == 0) {
        fcntl(down[0], F_SETFD, 0);
        fcntl(up[1], F_SETFD, 0);
        rc = posix_spawn(&pid, argv[0], NULL, NULL, argv, environ);
    }
    free(argv);
    close(down[0]);
    close(up[1]);
    if (rc != 0) {
        close(down[1]); close(up[0]);
        if (rc == -1) return NULL;
        if (rc == ENOMEM) return MiniErr_NoMemory();
        return os_error("spawn", rc);
    }
    return Mini_BuildValue("(iii)", (int)pid, down[1], up[0]);
}

/* pipe() -> (r, w): both ends inherited by children spawned later (Queue, Pipe). */
static MiniObject *mpio_pipe(MiniObject *self, MiniObject *unused) {
    (void)self; (void)unused;
    int fds[2];
    if (pipe(fds) < 0) return os_error("pipe", errno);
    return Mini_BuildValue("(ii)", fds[0], fds[1]);
}

static int write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) { if (errno == EINTR) continue; return errno; }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* 0 complete, -1 clean EOF before any byte, else errno (EIO for EOF mid-message). */
static int read_all(int fd, char *p, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0) { if (errno == EINTR) continue; return errno; }
        if (r == 0) return got == 0 ? -1 : EIO;
        got += (size_t)r;
    }
    return 0;
}

static MiniObject *mpio_send(MiniObject *self, MiniObject *args) {
    (void)self;
    int fd;
    MiniObject *data;
    if (!MiniArg_ParseTuple(args, "iO:send", &fd, &data)) return NULL;
    if (!MiniBytes_Check(data)) return MiniErr_Format(MiniExc_TypeError, "send() needs bytes");
    Mini_INCREF(data);   /* kept alive while the GIL is released */
    const char *p = MiniBytes_AsString(data);
    size_t n = (size_t)MiniBytes_Size(data);
    unsigned char header[8];
    for (int i = 0; i < 8; i++) header[i] = (unsigned char)((uint64_t)n >> (8 * i));
    int err;
    Mini_BEGIN_ALLOW_THREADS
    err = write_all(fd, (const char *)header, 8);
    if (err == 0) err = write_all(fd, p, n);
    Mini_END_ALLOW_THREADS
    Mini_DECREF(data);
    if (err) return os_error("send", err);
    Mini_RETURN_NONE;
}

static MiniObject *mpio_recv(MiniObject *self, MiniObject *arg) {
    (void)self;
    int fd = (int)MiniLong_AsLong(arg);
    if (fd == -1 && MiniErr_Occurred()) return NULL;
    unsigned char header[8];
    int err;
    Mini_BEGIN_ALLOW_THREADS
    err = read_all(fd, (char *)header, 8);
    Mini_END_ALLOW_THREADS
    if (err == -1) Mini_RETURN_NONE;
    if (err) return os_error("recv", err);
    uint64_t n = 0;
    for (int i = 0; i < 8; i++) n |= (uint64_t)header[i] << (8 * i);
    if (n > ((uint64_t)1 << 40)) return MiniErr_Format(MiniExc_OSError, "recv: message of %llu bytes", (unsigned long long)n);
    char *buf = malloc(n ? (size_t)n : 1);
    if (buf == NULL) return MiniErr_NoMemory();
    Mini_BEGIN_ALLOW_THREADS
    err = read_all(fd, buf, (size_t)n);
    Mini_END_ALLOW_THREADS
    if (err) { free(buf); return os_error("recv", err == -1 ? EIO : err); }
    MiniObject *r = MiniBytes_FromStringAndSize(buf, (Mini_ssize_t)n);
    free(buf);
    return r;
}

static MiniObject *mpio_poll(MiniObject *self, MiniObject *args) {
    (void)self;
    int fd;
    double timeout;
    if (!MiniArg_ParseTuple(args, "id:poll", &fd, &timeout)) return NULL;
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int r;
    Mini_BEGIN_ALLOW_THREADS
    do r = poll(&p, 1, timeout < 0 ? -1 : (int)(timeout * 1000)); while (r < 0 && errno == EINTR);
    Mini_END_ALLOW_THREADS
    if (r < 0) return os_error("poll", errno);
    return MiniBool_FromLong(r > 0);
}

static MiniObject *mpio_waitpid(MiniObject *self, MiniObject *args) {
    (void)self;
    int pid, block = 1;
    if (!MiniArg_ParseTuple(args, "i|p:waitpid", &pid, &block)) return NULL;
    int status = 0;
    pid_t r;
    Mini_BEGIN_ALLOW_THREADS
    do r = waitpid(pid, &status, block ? 0 : WNOHANG); while (r < 0 && errno == EINTR);
    Mini_END_ALLOW_THREADS
    if (r < 0) return os_error("waitpid", errno);
    if (r == 0) Mini_RETURN_NONE;
    if (WIFSIGNALED(status)) return MiniLong_FromLong(-WTERMSIG(status));
    return MiniLong_FromLong(WEXITSTATUS(status));
}

static MiniObject *mpio_kill(MiniObject *self, MiniObject *args) {
    (void)self;
    int pid, sig;
    if (!MiniArg_ParseTuple(args, "ii:kill", &pid, &sig)) return NULL;
    if (kill(pid, sig) < 0 && errno != ESRCH) return os_error("kill", errno);
    Mini_RETURN_NONE;
}

static MiniObject *mpio_close(MiniObject *self, MiniObject *arg) {
    (void)self;
    int fd = (int)MiniLong_AsLong(arg);
    if (fd == -1 && MiniErr_Occurred()) return NULL;
    close(fd);
    Mini_RETURN_NONE;
}

static MiniObject *mpio_getpid(MiniObject *self, MiniObject *unused) {
    (void)self; (void)unused;
    return MiniLong_FromLong((long)getpid());
}

static MiniObject *mpio_cpu_count(MiniObject *self, MiniObject *unused) {
    (void)self; (void)unused;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return MiniLong_FromLong(n > 0 ? n : 1);
}

static MiniObject *mpio_executable(MiniObject *self, MiniObject *unused) {
    (void)self; (void)unused;
    char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n < 0) return os_error("readlink", errno);
    return MiniUnicode_FromStringAndSize(path, n);
}

/* ----- shared memory ------------------------------------------------------------------------ */

/* The first 64 bytes of a block hold its process-shared mutex; data follows. */
#define SHM_HEADER 64

static MiniObject *mpio_shm_new(MiniObject *self, MiniObject *arg) {
    (void)self;
    Mini_ssize_t size = MiniLong_AsSsize_t(arg);
    if (size < 0) return MiniErr_Occurred() ? NULL : MiniErr_Format(MiniExc_ValueError, "negative size");
    int fd = (int)syscall(SYS_memfd_create, "extdemo-mp", 0);
    if (fd < 0) return os_error("memfd_create", errno);
    if (ftruncate(fd, SHM_HEADER + size) < 0) { int e = errno; close(fd); return os_error("ftruncate", e); }
    void *p = mmap(NULL, (size_t)(SHM_HEADER + size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) { int e = errno; close(fd); return os_error("mmap", e); }
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init((pthread_mutex_t *)p, &a);
    pthread_mutexattr_destroy(&a);
    munmap(p, (size_t)(SHM_HEADER + size));
    return MiniLong_FromLong(fd);
}

static MiniObject *mpio_shm_map(MiniObject *self, MiniObject *args) {
    (void)self;
    int fd;
    Mini_ssize_t size;
    if (!MiniArg_ParseTuple(args, "in:shm_map", &fd, &size)) return NULL;
    void *p = mmap(NULL, (size_t)(SHM_HEADER + size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) return os_error("mmap", errno);
    return addr_from_ptr(p);
}

static MiniObject *mpio_shm_unmap(MiniObject *self, MiniObject *args) {
    (void)self;
    MiniObject *addr;
    Mini_ssize_t size;
    if (!MiniArg_ParseTuple(args, "On:shm_unmap", &addr, &size)) return NULL;
    void *p = addr_to_ptr(addr);
    if (p == NULL) return MiniErr_Occurred() ? NULL : MiniErr_Format(MiniExc_ValueError, "null address");
    munmap(p, (size_t)(SHM_HEADER + size));
    Mini_RETURN_NONE;
}

static int item_size(char code) {
    switch (code) {
    case 'b': case 'B': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': case 'q': case 'Q': case 'd': return 8;
    default: return 0;
    }
}

static char *shm_slot(MiniObject *addr, const char *code, Mini_ssize_t index) {
    if (strlen(code) != 1 || item_size(code[0]) == 0) {
        MiniErr_Format(MiniExc_ValueError, "bad typecode '%s'", code);
        return NULL;
    }
    char *base = addr_to_ptr(addr);
    if (base == NULL) { if (!MiniErr_Occurred()) MiniErr_Format(MiniExc_ValueError, "null address"); return NULL; }
    return base + SHM_HEADER + index * item_size(code[0]);
}

static MiniObject *mpio_shm_get(MiniObject *self, MiniObject *args) {
    (void)self;
    MiniObject *addr;
    const char *code;
    Mini_ssize_t index;
    if (!MiniArg_ParseTuple(args, "Osn:shm_get", &addr, &code, &index)) return NULL;
    char *p = shm_slot(addr, code, index);
    if (p == NULL) return NULL;
    switch (code[0]) {
    case 'b': return MiniLong_FromLong(*(int8_t *)p);
    case 'B': return MiniLong_FromLong(*(uint8_t *)p);
    case 'h': return MiniLong_FromLong(*(int16_t *)p);
    case 'H': return MiniLong_FromLong(*(uint16_t *)p);
    case 'i': return MiniLong_FromLong(*(int32_t *)p);
    case 'I': return MiniLong_FromLongLong(*(uint32_t *)p);
    case 'f': return MiniFloat_FromDouble(*(float *)p);
    case 'd': return MiniFloat_FromDouble(*(double *)p);
    case 'Q': case 'L': return MiniLong_FromUnsignedLongLong(*(uint64_t *)p);
    default: return MiniLong_FromLongLong(*(int64_t *)p);
    }
}

static MiniObject *mpio_shm_set(MiniObject *self, MiniObject *args) {
    (void)self;
    MiniObject *addr, *value;
    const char *code;
    Mini_ssize_t index;
    if (!MiniArg_ParseTuple(args, "OsnO:shm_set", &addr, &code, &index, &value)) return NULL;
    char *p = shm_slot(addr, code, index);
    if (p == NULL) return NULL;
    if (code[0] == 'f' || code[0] == 'd') {
        double v = MiniFloat_AsDouble(value);
        if (v == -1.0 && MiniErr_Occurred()) return NULL;
        if (code[0] == 'f') *(float *)p = (float)v; else *(double *)p = v;
        Mini_RETURN_NONE;
    }
    long long v = MiniLong_AsLongLong(value);
    if (v == -1 && MiniErr_Occurred()) return NULL;
    switch (item_size(code[0])) {
    case 1: *(int8_t *)p = (int8_t)v; break;
    case 2: *(int16_t *)p = (int16_t)v; break;
    case 4: *(int32_t *)p = (int32_t)v; break;
    default: *(int64_t *)p = (int64_t)v; break;
    }
    Mini_RETURN_NONE;
}

static MiniObject *mpio_shm_lock(MiniObject *self, MiniObject *addr) {
    (void)self;
    pthread_mutex_t *m = addr_to_ptr(addr);
    if (m == NULL) return MiniErr_Occurred() ? NULL : MiniErr_Format(MiniExc_ValueError, "null address");
    Mini_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(m);
    Mini_END_ALLOW_THREADS
    Mini_RETURN_NONE;
}

static MiniObject *mpio_shm_unlock(MiniObject *self, MiniObject *addr) {
    (void)self;
    pthread_mutex_t *m = addr_to_ptr(addr);
    if (m == NULL) return MiniErr_Occurred() ? NULL : MiniErr_Format(MiniExc_ValueError, "null address");
    pthread_mutex_unlock(m);
    Mini_RETURN_NONE;
}

static MiniMethodDef mpio_methods[] = {
    {"spawn", mpio_spawn, MINI_METH_VARARGS, "spawn(prefix, suffix) -> (pid, fd_to_child, fd_from_child)"},
    {"pipe", mpio_pipe, MINI_METH_NOARGS, "pipe() -> (r, w), inherited by later children"},
    {"send", mpio_send, MINI_METH_VARARGS, "send(fd, data): one length-prefixed message"},
    {"recv", mpio_recv, MINI_METH_O, "recv(fd) -> bytes, or None at end of file"},
    {"poll", mpio_poll, MINI_METH_VARARGS, "poll(fd, timeout) -> True when a message is ready"},
    {"waitpid", mpio_waitpid, MINI_METH_VARARGS, "waitpid(pid, block=True) -> exit code, -signal or None"},
    {"kill", mpio_kill, MINI_METH_VARARGS, "kill(pid, sig)"},
    {"close", mpio_close, MINI_METH_O, "close(fd)"},
    {"getpid", mpio_getpid, MINI_METH_NOARGS, "getpid()"},
    {"cpu_count", mpio_cpu_count, MINI_METH_NOARGS, "cpu_count()"},
    {"executable", mpio_executable, MINI_METH_NOARGS, "executable(): the running binary's path"},
    {"shm_new", mpio_shm_new, MINI_METH_O, "shm_new(size) -> fd of a shared block with a mutex"},
    {"shm_map", mpio_shm_map, MINI_METH_VARARGS, "shm_map(fd, size) -> address"},
    {"shm_unmap", mpio_shm_unmap, MINI_METH_VARARGS, "shm_unmap(address, size)"},
    {"shm_get", mpio_shm_get, MINI_METH_VARARGS, "shm_get(address, typecode, index)"},
    {"shm_set", mpio_shm_set, MINI_METH_VARARGS, "shm_set(address, typecode, index, value)"},
    {"shm_lock", mpio_shm_lock, MINI_METH_O, "shm_lock(address): take the block's mutex (GIL released)"},
    {"shm_unlock", mpio_shm_unlock, MINI_METH_O, "shm_unlock(address)"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef mpio_module = {MiniModuleDef_HEAD_INIT, "_mpio",
                                    "Processes, pipes and shared memory for multiprocessing.", -1, mpio_methods,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED};

/* New reference to the module. Ignores SIGPIPE from here on (as CPython does at start-up), so
 * writing to a child that died is a BrokenPipeError instead of the end of the parent. */
MiniObject *MiniInit__mpio(void) {
    signal(SIGPIPE, SIG_IGN);
    return MiniModule_Create(&mpio_module);
}
