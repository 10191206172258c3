/* Modules/socketmodule.c: the `_socket` module (`socket` is Sources/MiniPy/Lib/socket.py on top of
 * it): socket objects for IPv4/IPv6 TCP and UDP and Unix-domain sockets, socketpair(),
 * getaddrinfo/gethostbyname/gethostname and the constants, with CPython 3.11's behaviour.
 *
 * Every socket's descriptor is non-blocking underneath, as CPython's sockets with a timeout are:
 * a call that would block waits for readiness and tries again, all inside one release of the GIL
 * (_MiniStd_BlockingIO, blockingio.c: one release per call, as CPython's blocking sockets make),
 * honouring the socket's timeout (TimeoutError "timed out"); on the main thread Ctrl-C ends the
 * wait with KeyboardInterrupt. So no blocking socket call ever holds the GIL.
 * With settimeout(0) / setblocking(False) a call that would block raises BlockingIOError. */
#include "stdlib_internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

typedef struct {
    MiniObject_HEAD
    int fd;                 /* -1 once closed */
    int family, type, proto;
    double timeout;         /* < 0: blocking without limit; 0: non-blocking; > 0: seconds */
    MiniObject *dict;
} SocketObject;

#define SOCK(op) ((SocketObject *)(op))

static MiniTypeObject Socket_Type;
static MiniObject *gaierror;          /* socket.gaierror (owned, made once) */
static double default_timeout = -1;   /* socket.setdefaulttimeout (GIL) */

/* ----- helpers -------------------------------------------------------------------------------- */

static MiniObject *sock_error(void) { return _MiniStd_OSErrorFromErrno(errno, NULL); }

static MiniObject *timed_out(void) {
    MiniErr_SetString(MiniExc_TimeoutError, "timed out");
    return NULL;
}

static int set_nonblocking(int fd) {
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* The socket must be open: else OSError [Errno 9] Bad file descriptor. 0 / -1. */
static int check_open(SocketObject *s) {
    if (s->fd >= 0) return 0;
    _MiniStd_OSErrorFromErrno(EBADF, NULL);
    return -1;
}

/* Runs op (a non-blocking system call returning -1/EAGAIN when it would block) until it
 * succeeds, as the socket's timeout allows, with the GIL released once for the whole call
 * (_MiniStd_BlockingIO, blockingio.c: as CPython's blocking socket calls release it once). The
 * call result, or -1 with an exception (TimeoutError, BlockingIOError, OSError, KeyboardInterrupt). */
typedef ssize_t (*SockOp)(SocketObject *s, void *arg);

typedef struct { SocketObject *s; SockOp op; void *arg; } SockCall;

/* Runs without the GIL: the descriptor and the op's own buffers only. */
static ssize_t sock_call_once(void *p) {
    SockCall *c = p;
    return c->op(c->s, c->arg);
}

static ssize_t sock_call(SocketObject *s, int events, SockOp op, void *arg) {
    SockCall c = {s, op, arg};
    return _MiniStd_BlockingIO(s->fd, events, s->timeout, sock_call_once, &c);
}

/* ----- addresses ------------------------------------------------------------------------------ */

typedef struct {
    struct sockaddr_storage ss;
    socklen_t len;
} SockAddr;

/* Resolves host (a str: '' any, '<broadcast>', a literal or a name) for family into *out. 0 / -1. */
static int resolve_host(const char *host, int family, int port, SockAddr *out, int for_bind) {
    memset(out, 0, sizeof *out);
    if (family == AF_INET && (host[0] == '\0' || strcmp(host, "<broadcast>") == 0)) {
        struct sockaddr_in *a = (struct sockaddr_in *)&out->ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        a->sin_addr.s_addr = host[0] == '\0' ? htonl(INADDR_ANY) : htonl(INADDR_BROADCAST);
        out->len = sizeof *a;
        return 0;
    }
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    if (for_bind) hints.ai_flags = AI_PASSIVE;
    int err;
    Mini_BEGIN_ALLOW_THREADS
    err = getaddrinfo(host[0] ? host : NULL, NULL, &hints, &res);
    Mini_END_ALLOW_THREADS
    if (err != 0) {
        MiniObject *v = Mini_BuildValue("(is)", err, gai_strerror(err));
        if (v != NULL) { MiniErr_SetObject(gaierror, v); Mini_DECREF(v); }
        return -1;
    }
    memcpy(&out->ss, res->ai_addr, res->ai_addrlen);
    out->len = res->ai_addrlen;
    freeaddrinfo(res);
    if (out->ss.ss_family == AF_INET) ((struct sockaddr_in *)&out->ss)->sin_port = htons((uint16_t)port);
    else if (out->ss.ss_family == AF_INET6) ((struct sockaddr_in6 *)&out->ss)->sin6_port = htons((uint16_t)port);
    return 0;
}

/* Converts a Python address for the socket's family ((host, port), or a path for AF_UNIX). */
static int get_addr(SocketObject *s, MiniObject *addr, SockAddr *out, const char *caller, int for_bind) {
    memset(out, 0, sizeof *out);
    if (s->family == AF_UNIX) {
        MiniObject *p = _MiniStd_FSPath(addr);
        if (p == NULL) return -1;
        const char *path = MiniUnicode_Check(p) ? MiniUnicode_AsUTF8(p) : MiniBytes_AsString(p);
        struct sockaddr_un *u = (struct sockaddr_un *)&out->ss;
        if (path == NULL || strlen(path) >= sizeof u->sun_path) {
            Mini_DECREF(p);
            if (path != NULL) MiniErr_SetString(MiniExc_OSError, "AF_UNIX path too long");
            return -1;
        }
        u->sun_family = AF_UNIX;
        strcpy(u->sun_path, path);
        out->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1);
        Mini_DECREF(p);
        return 0;
    }
    if (!MiniTuple_Check(addr) || MiniTuple_GET_SIZE(addr) < 2) {
        MiniErr_Format(MiniExc_TypeError, "%s(): AF_INET address must be tuple, not %s", caller, Mini_TYPE(addr)->tp_name);
        return -1;
    }
    MiniObject *h = MiniTuple_GET_ITEM(addr, 0), *p = MiniTuple_GET_ITEM(addr, 1);
    if (!MiniUnicode_Check(h)) {
        MiniErr_Format(MiniExc_TypeError, "str, bytes or bytearray expected, not %s", Mini_TYPE(h)->tp_name);
        return -1;
    }
    long port = MiniLong_AsLong(p);
    if (port == -1 && MiniErr_Occurred()) return -1;
    if (port < 0 || port > 65535) {
        MiniErr_Format(MiniExc_OverflowError, "%s(): port must be 0-65535.", caller);
        return -1;
    }
    return resolve_host(MiniUnicode_AsUTF8(h), s->family, (int)port, out, for_bind);
}

/* A Python address: (host, port) for IPv4, (host, port, flowinfo, scope_id) for IPv6, the path
 * for AF_UNIX. New reference. */
static MiniObject *make_addr(const struct sockaddr *sa, socklen_t len) {
    char buf[INET6_ADDRSTRLEN];
    if (len == 0) Mini_RETURN_NONE;
    switch (sa->sa_family) {
    case AF_INET: {
        const struct sockaddr_in *a = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
        return Mini_BuildValue("(si)", buf, ntohs(a->sin_port));
    }
    case AF_INET6: {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
        return Mini_BuildValue("(siII)", buf, ntohs(a->sin6_port), (unsigned)ntohl(a->sin6_flowinfo),
                               (unsigned)a->sin6_scope_id);
    }
    case AF_UNIX: {
        const struct sockaddr_un *u = (const struct sockaddr_un *)sa;
        if (len <= offsetof(struct sockaddr_un, sun_path)) return MiniUnicode_FromString("");
        return MiniUnicode_FromString(u->sun_path);
    }
    default:
        return Mini_BuildValue("(is)", sa->sa_family, "");
    }
}

/* ----- object life ---------------------------------------------------------------------------- */

static MiniObject *new_socket(MiniTypeObject *type, int fd, int family, int stype, int proto) {
    SocketObject *s = (SocketObject *)MiniObject_New(type);
    if (s == NULL) { close(fd); return NULL; }
    s->fd = fd;
    s->family = family;
    s->type = stype;
    s->proto = proto;
    s->timeout = default_timeout;
    if (set_nonblocking(fd) < 0) { sock_error(); Mini_DECREF(s); return NULL; }
    return (MiniObject *)s;
}

static MiniObject *socket_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    SocketObject *s = (SocketObject *)MiniObject_New(type);
    if (s != NULL) s->fd = -1;
    return (MiniObject *)s;
}

/* socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None) */
static int socket_init(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"family", "type", "proto", "fileno", NULL};
    int family = AF_INET, stype = SOCK_STREAM, proto = 0;
    MiniObject *fileno = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|iiiO:socket", keywords, &family, &stype, &proto, &fileno))
        return -1;
    SocketObject *s = SOCK(op);
    int fd;
    if (fileno != Mini_None) {
        long v = MiniLong_AsLong(fileno);
        if (v == -1 && MiniErr_Occurred()) return -1;
        if (v < 0) { MiniErr_SetString(MiniExc_ValueError, "negative file descriptor"); return -1; }
        fd = (int)v;
        socklen_t l = sizeof stype;
        getsockopt(fd, SOL_SOCKET, SO_TYPE, &stype, &l);
    } else {
        fd = socket(family, stype | SOCK_CLOEXEC, proto);
        if (fd < 0) { sock_error(); return -1; }
    }
    if (s->fd >= 0) close(s->fd);
    s->fd = fd;
    s->family = family;
    s->type = stype;
    s->proto = proto;
    s->timeout = default_timeout;
    if (set_nonblocking(fd) < 0) { sock_error(); return -1; }
    return 0;
}

static void socket_dealloc(MiniObject *op) {
    SocketObject *s = SOCK(op);
    if (s->fd >= 0) close(s->fd);
    Mini_CLEAR(s->dict);
    MiniObject_Free(op);
}

static MiniObject *socket_repr(MiniObject *op) {
    SocketObject *s = SOCK(op);
    if (s->fd < 0)
        return MiniUnicode_FromFormat("<socket.socket [closed] fd=-1, family=%d, type=%d, proto=%d>",
                                      s->family, s->type, s->proto);
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    MiniObject *laddr = NULL;
    if (getsockname(s->fd, (struct sockaddr *)&ss, &len) == 0 && len > 0) laddr = make_addr((struct sockaddr *)&ss, len);
    if (laddr == NULL) { MiniErr_Clear(); laddr = Mini_NewRef(Mini_None); }
    MiniObject *r = MiniUnicode_FromFormat("<socket.socket fd=%d, family=%d, type=%d, proto=%d, laddr=%R>",
                                           s->fd, s->family, s->type, s->proto, laddr);
    Mini_DECREF(laddr);
    return r;
}

/* ----- connection set-up ---------------------------------------------------------------------- */

static MiniObject *socket_bind(MiniObject *op, MiniObject *addr) {
    SocketObject *s = SOCK(op);
    SockAddr a;
    if (check_open(s) < 0 || get_addr(s, addr, &a, "bind", 1) < 0) return NULL;
    if (bind(s->fd, (struct sockaddr *)&a.ss, a.len) < 0) return sock_error();
    Mini_RETURN_NONE;
}

/* listen(backlog=min(SOMAXCONN, 128)) */
static MiniObject *socket_listen(MiniObject *op, MiniObject *args) {
    SocketObject *s = SOCK(op);
    int backlog = SOMAXCONN < 128 ? SOMAXCONN : 128;
    if (!MiniArg_ParseTuple(args, "|i:listen", &backlog)) return NULL;
    if (check_open(s) < 0) return NULL;
    if (backlog < 0) backlog = 0;
    if (listen(s->fd, backlog) < 0) return sock_error();
    Mini_RETURN_NONE;
}

typedef struct { struct sockaddr_storage ss; socklen_t len; } AcceptArg;

static ssize_t op_accept(SocketObject *s, void *arg) {
    AcceptArg *a = arg;
    a->len = sizeof a->ss;
    return accept4(s->fd, (struct sockaddr *)&a->ss, &a->len, SOCK_CLOEXEC);
}

/* _accept() -> (fd, address); the socket module wraps the fd in a socket. */
static MiniObject *socket_accept_(MiniObject *op, MiniObject *unused) {
    (void)unused;
    SocketObject *s = SOCK(op);
    if (check_open(s) < 0) return NULL;
    AcceptArg a;
    ssize_t fd = sock_call(s, POLLIN, op_accept, &a);
    if (fd < 0) return NULL;
    MiniObject *addr = make_addr((struct sockaddr *)&a.ss, a.len);
    if (addr == NULL) { close((int)fd); return NULL; }
    return Mini_BuildValue("(iN)", (int)fd, addr);
}

/* accept() -> (socket, address): the new socket has the listening socket's type and the default
 * timeout. */
static MiniObject *socket_accept(MiniObject *op, MiniObject *unused) {
    MiniObject *pair = socket_accept_(op, unused);
    if (pair == NULL) return NULL;
    SocketObject *s = SOCK(op);
    int fd = (int)MiniLong_AsLong(MiniTuple_GET_ITEM(pair, 0));
    MiniObject *conn = new_socket(Mini_TYPE(op), fd, s->family, s->type, s->proto);
    MiniObject *r = conn ? Mini_BuildValue("(NO)", conn, MiniTuple_GET_ITEM(pair, 1)) : NULL;
    Mini_DECREF(pair);
    return r;
}

/* Connects; returns 0 or the errno (for connect_ex), or -1 with an exception (timeout/Ctrl-C). */
static int do_connect(SocketObject *s, MiniObject *addr, int raise) {
    SockAddr a;
    if (check_open(s) < 0 || get_addr(s, addr, &a, "connect", 0) < 0) return -1;
    int r, err;
    Mini_BEGIN_ALLOW_THREADS
    r = connect(s->fd, (struct sockaddr *)&a.ss, a.len);
    Mini_END_ALLOW_THREADS
    err = r < 0 ? errno : 0;
    if (err == EINPROGRESS || err == EINTR) {
        if (s->timeout == 0) {
            if (raise) { _MiniStd_OSErrorFromErrno(err, NULL); return -1; }
            return err;
        }
        int w = _MiniStd_WaitFD(s->fd, POLLOUT, s->timeout);
        if (w < 0) return -1;
        if (w == 0) {
            if (raise) { timed_out(); return -1; }
            return EWOULDBLOCK;
        }
        socklen_t l = sizeof err;
        if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &l) < 0) err = errno;
    }
    if (err != 0 && raise) { _MiniStd_OSErrorFromErrno(err, NULL); return -1; }
    return err;
}

static MiniObject *socket_connect(MiniObject *op, MiniObject *addr) {
    if (do_connect(SOCK(op), addr, 1) != 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *socket_connect_ex(MiniObject *op, MiniObject *addr) {
    int r = do_connect(SOCK(op), addr, 0);
    if (r < 0) return NULL;
    return MiniLong_FromLong(r);
}

/* ----- data ----------------------------------------------------------------------------------- */

typedef struct { void *buf; size_t len; int flags; SockAddr *addr; } IOArg;

static ssize_t op_recv(SocketObject *s, void *arg) {
    IOArg *a = arg;
    if (a->addr != NULL) {
        a->addr->len = sizeof a->addr->ss;
        return recvfrom(s->fd, a->buf, a->len, a->flags, (struct sockaddr *)&a->addr->ss, &a->addr->len);
    }
    return recv(s->fd, a->buf, a->len, a->flags);
}

static ssize_t op_send(SocketObject *s, void *arg) {
    IOArg *a = arg;
    if (a->addr != NULL)
        return sendto(s->fd, a->buf, a->len, a->flags | MSG_NOSIGNAL, (struct sockaddr *)&a->addr->ss, a->addr->len);
    return send(s->fd, a->buf, a->len, a->flags | MSG_NOSIGNAL);
}

/* recv(bufsize, flags=0) -> bytes (b'' when the peer has closed) */
static MiniObject *do_recv(SocketObject *s, MiniObject *args, SockAddr *from, const char *fmt) {
    Mini_ssize_t n;
    int flags = 0;
    if (!MiniArg_ParseTuple(args, fmt, &n, &flags)) return NULL;
    if (check_open(s) < 0) return NULL;
    if (n < 0) { MiniErr_SetString(MiniExc_ValueError, "negative buffersize in recv"); return NULL; }
    char *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf == NULL) return MiniErr_NoMemory();
    IOArg a = {buf, (size_t)n, flags, from};
    ssize_t got = sock_call(s, POLLIN, op_recv, &a);
    MiniObject *r = got < 0 ? NULL : MiniBytes_FromStringAndSize(buf, got);
    free(buf);
    return r;
}

static MiniObject *socket_recv(MiniObject *op, MiniObject *args) { return do_recv(SOCK(op), args, NULL, "n|i:recv"); }

static MiniObject *socket_recvfrom(MiniObject *op, MiniObject *args) {
    SockAddr from;
    MiniObject *data = do_recv(SOCK(op), args, &from, "n|i:recvfrom");
    if (data == NULL) return NULL;
    MiniObject *addr = make_addr((struct sockaddr *)&from.ss, from.len);
    if (addr == NULL) { Mini_DECREF(data); return NULL; }
    return Mini_BuildValue("(NN)", data, addr);
}

/* send(data, flags=0) -> bytes sent */
static MiniObject *socket_send(MiniObject *op, MiniObject *args) {
    SocketObject *s = SOCK(op);
    MiniObject *data;
    int flags = 0;
    if (!MiniArg_ParseTuple(args, "O|i:send", &data, &flags)) return NULL;
    if (check_open(s) < 0) return NULL;
    MiniBuffer view;
    if (MiniObject_GetBuffer(data, &view, 0) < 0) return NULL;
    IOArg a = {view.buf, (size_t)view.len, flags, NULL};
    ssize_t n = sock_call(s, POLLOUT, op_send, &a);
    MiniBuffer_Release(&view);
    return n < 0 ? NULL : MiniLong_FromSsize_t(n);
}

/* sendall(data, flags=0): sends everything (the timeout applies to each wait). */
static MiniObject *socket_sendall(MiniObject *op, MiniObject *args) {
    SocketObject *s = SOCK(op);
    MiniObject *data;
    int flags = 0;
    if (!MiniArg_ParseTuple(args, "O|i:sendall", &data, &flags)) return NULL;
    if (check_open(s) < 0) return NULL;
    MiniBuffer view;
    if (MiniObject_GetBuffer(data, &view, 0) < 0) return NULL;
    size_t done = 0;
    while (done < (size_t)view.len) {
        IOArg a = {(char *)view.buf + done, (size_t)view.len - done, flags, NULL};
        ssize_t n = sock_call(s, POLLOUT, op_send, &a);
        if (n < 0) { MiniBuffer_Release(&view); return NULL; }
        done += (size_t)n;
    }
    MiniBuffer_Release(&view);
    Mini_RETURN_NONE;
}

/* sendto(data, address) / sendto(data, flags, address) -> bytes sent */
static MiniObject *socket_sendto(MiniObject *op, MiniObject *args) {
    SocketObject *s = SOCK(op);
    MiniObject *data, *addr;
    int flags = 0;
    if (MiniTuple_GET_SIZE(args) == 2) {
        if (!MiniArg_ParseTuple(args, "OO:sendto", &data, &addr)) return NULL;
    } else if (!MiniArg_ParseTuple(args, "OiO:sendto", &data, &flags, &addr)) {
        return NULL;
    }
    SockAddr to;
    if (check_open(s) < 0 || get_addr(s, addr, &to, "sendto", 0) < 0) return NULL;
    MiniBuffer view;
    if (MiniObject_GetBuffer(data, &view, 0) < 0) return NULL;
    IOArg a = {view.buf, (size_t)view.len, flags, &to};
    ssize_t n = sock_call(s, POLLOUT, op_send, &a);
    MiniBuffer_Release(&view);
    return n < 0 ? NULL : MiniLong_FromSsize_t(n);
}

/* ----- state ---------------------------------------------------------------------------------- */

static MiniObject *socket_close(MiniObject *op, MiniObject *unused) {
    (void)unused;
    SocketObject *s = SOCK(op);
    if (s->fd >= 0) {
        int fd = s->fd;
        s->fd = -1;
        if (close(fd) < 0 && errno != ECONNRESET) return sock_error();
    }
    Mini_RETURN_NONE;
}

static MiniObject *socket_detach(MiniObject *op, MiniObject *unused) {
    (void)unused;
    int fd = SOCK(op)->fd;
    SOCK(op)->fd = -1;
    return MiniLong_FromLong(fd);
}

static MiniObject *socket_fileno(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniLong_FromLong(SOCK(op)->fd);
}

static MiniObject *socket_shutdown(MiniObject *op, MiniObject *arg) {
    SocketObject *s = SOCK(op);
    long how = MiniLong_AsLong(arg);
    if (how == -1 && MiniErr_Occurred()) return NULL;
    if (check_open(s) < 0) return NULL;
    if (shutdown(s->fd, (int)how) < 0) return sock_error();
    Mini_RETURN_NONE;
}

static MiniObject *name_of(SocketObject *s, int peer) {
    if (check_open(s) < 0) return NULL;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    memset(&ss, 0, sizeof ss);
    int r = peer ? getpeername(s->fd, (struct sockaddr *)&ss, &len) : getsockname(s->fd, (struct sockaddr *)&ss, &len);
    if (r < 0) return sock_error();
    return make_addr((struct sockaddr *)&ss, len);
}

static MiniObject *socket_getsockname(MiniObject *op, MiniObject *u) { (void)u; return name_of(SOCK(op), 0); }
static MiniObject *socket_getpeername(MiniObject *op, MiniObject *u) { (void)u; return name_of(SOCK(op), 1); }

/* setsockopt(level, option, value: int or bytes) */
static MiniObject *socket_setsockopt(MiniObject *op, MiniObject *args) {
    SocketObject *s = SOCK(op);
    int level, opt;
    MiniObject *value;
    if (!MiniArg_ParseTuple(args, "iiO:setsockopt", &level, &opt, &value)) return NULL;
    if (check_open(s) < 0) return NULL;
    int r;
    if (MiniLong_Check(value)) {
        int v = (int)MiniLong_AsLong(value);
        if (v == -1 && MiniErr_Occurred()) return NULL;
        r = setsockopt(s->fd, level, opt, &v, sizeof v);
    } else {
        MiniBuffer view;
        if (MiniObject_GetBuffer(value, &view, 0) < 0) return NULL;
        r = setsockopt(s->fd, level, opt, view.buf, (socklen_t)view.len);
        MiniBuffer_Release(&view);
    }
    if (r < 0) return sock_error();
    Mini_RETURN_NONE;
}

/* getsockopt(level, option) -> int */
static MiniObject *socket_getsockopt(MiniObject *op, MiniObject *args) {
    SocketObject *s = SOCK(op);
    int level, opt, v = 0;
    if (!MiniArg_ParseTuple(args, "ii:getsockopt", &level, &opt)) return NULL;
    if (check_open(s) < 0) return NULL;
    socklen_t l = sizeof v;
    if (getsockopt(s->fd, level, opt, &v, &l) < 0) return sock_error();
    return MiniLong_FromLong(v);
}

/* Parses a timeout: None -> -1 (blocking), else a non-negative number. 0 / -1. */
static int timeout_arg(MiniObject *t, double *out) {
    if (t == Mini_None) { *out = -1; return 0; }
    double v = MiniFloat_AsDouble(t);
    if (v == -1.0 && MiniErr_Occurred()) return -1;
    if (v < 0) { MiniErr_SetString(MiniExc_ValueError, "Timeout value out of range"); return -1; }
    *out = v;
    return 0;
}

static MiniObject *socket_settimeout(MiniObject *op, MiniObject *t) {
    double v;
    if (timeout_arg(t, &v) < 0) return NULL;
    SOCK(op)->timeout = v;
    Mini_RETURN_NONE;
}

static MiniObject *socket_gettimeout(MiniObject *op, MiniObject *unused) {
    (void)unused;
    double t = SOCK(op)->timeout;
    if (t < 0) Mini_RETURN_NONE;
    return MiniFloat_FromDouble(t);
}

static MiniObject *socket_setblocking(MiniObject *op, MiniObject *flag) {
    int b = MiniObject_IsTrue(flag);
    if (b < 0) return NULL;
    SOCK(op)->timeout = b ? -1 : 0;
    Mini_RETURN_NONE;
}

static MiniObject *socket_getblocking(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniBool_FromLong(SOCK(op)->timeout != 0);
}

static MiniObject *socket_enter(MiniObject *op, MiniObject *unused) { (void)unused; return Mini_NewRef(op); }

static MiniObject *socket_exit(MiniObject *op, MiniObject *args) {
    (void)args;
    return socket_close(op, NULL);
}

static MiniObject *get_family(MiniObject *op, void *c) { (void)c; return MiniLong_FromLong(SOCK(op)->family); }
static MiniObject *get_type(MiniObject *op, void *c) { (void)c; return MiniLong_FromLong(SOCK(op)->type); }
static MiniObject *get_proto(MiniObject *op, void *c) { (void)c; return MiniLong_FromLong(SOCK(op)->proto); }
static MiniObject *get_timeout(MiniObject *op, void *c) { return socket_gettimeout(op, c); }

static MiniMethodDef socket_methods[] = {
    {"bind", socket_bind, MINI_METH_O, "bind(address)"},
    {"listen", socket_listen, MINI_METH_VARARGS, "listen([backlog])"},
    {"accept", socket_accept, MINI_METH_NOARGS, "accept() -> (socket, address)"},
    {"_accept", socket_accept_, MINI_METH_NOARGS, "_accept() -> (fd, address)"},
    {"connect", socket_connect, MINI_METH_O, "connect(address)"},
    {"connect_ex", socket_connect_ex, MINI_METH_O, "connect_ex(address) -> errno"},
    {"recv", socket_recv, MINI_METH_VARARGS, "recv(bufsize[, flags]) -> bytes"},
    {"recvfrom", socket_recvfrom, MINI_METH_VARARGS, "recvfrom(bufsize[, flags]) -> (bytes, address)"},
    {"send", socket_send, MINI_METH_VARARGS, "send(data[, flags]) -> count"},
    {"sendall", socket_sendall, MINI_METH_VARARGS, "sendall(data[, flags])"},
    {"sendto", socket_sendto, MINI_METH_VARARGS, "sendto(data[, flags], address) -> count"},
    {"close", socket_close, MINI_METH_NOARGS, "close()"},
    {"detach", socket_detach, MINI_METH_NOARGS, "detach() -> fd"},
    {"fileno", socket_fileno, MINI_METH_NOARGS, "fileno() -> int"},
    {"shutdown", socket_shutdown, MINI_METH_O, "shutdown(how)"},
    {"getsockname", socket_getsockname, MINI_METH_NOARGS, "getsockname() -> address"},
    {"getpeername", socket_getpeername, MINI_METH_NOARGS, "getpeername() -> address"},
    {"setsockopt", socket_setsockopt, MINI_METH_VARARGS, "setsockopt(level, option, value)"},
    {"getsockopt", socket_getsockopt, MINI_METH_VARARGS, "getsockopt(level, option) -> int"},
    {"settimeout", socket_settimeout, MINI_METH_O, "settimeout(seconds or None)"},
    {"gettimeout", socket_gettimeout, MINI_METH_NOARGS, "gettimeout() -> float or None"},
    {"setblocking", socket_setblocking, MINI_METH_O, "setblocking(flag)"},
    {"getblocking", socket_getblocking, MINI_METH_NOARGS, "getblocking() -> bool"},
    {"__enter__", socket_enter, MINI_METH_NOARGS, NULL},
    {"__exit__", socket_exit, MINI_METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef socket_getset[] = {
    {"family", get_family, NULL, "the address family", NULL},
    {"type", get_type, NULL, "the socket type", NULL},
    {"proto", get_proto, NULL, "the protocol", NULL},
    {"timeout", get_timeout, NULL, "the timeout in seconds, or None", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniTypeObject Socket_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "socket.socket",
    .tp_basicsize = sizeof(SocketObject),
    .tp_dealloc = socket_dealloc,
    .tp_repr = socket_repr,
    .tp_methods = socket_methods,
    .tp_getset = socket_getset,
    .tp_dictoffset = offsetof(SocketObject, dict),
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT,
    .tp_doc = "socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None)",
    .tp_new = socket_new,
    .tp_init = socket_init,
};

/* ----- module functions ----------------------------------------------------------------------- */

/* socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0) -> (socket, socket) */
static MiniObject *mod_socketpair(MiniObject *m, MiniObject *args) {
    (void)m;
    int family = AF_UNIX, stype = SOCK_STREAM, proto = 0, fds[2];
    if (!MiniArg_ParseTuple(args, "|iii:socketpair", &family, &stype, &proto)) return NULL;
    if (socketpair(family, stype | SOCK_CLOEXEC, proto, fds) < 0) return sock_error();
    MiniObject *a = new_socket(&Socket_Type, fds[0], family, stype, proto);
    if (a == NULL) { close(fds[1]); return NULL; }
    MiniObject *b = new_socket(&Socket_Type, fds[1], family, stype, proto);
    if (b == NULL) { Mini_DECREF(a); return NULL; }
    return Mini_BuildValue("(NN)", a, b);
}

static MiniObject *mod_gethostname(MiniObject *m, MiniObject *u) {
    (void)m; (void)u;
    char buf[256];
    if (gethostname(buf, sizeof buf) < 0) return sock_error();
    buf[sizeof buf - 1] = '\0';
    return MiniUnicode_FromString(buf);
}

/* gethostbyname(name) -> dotted IPv4 address */
static MiniObject *mod_gethostbyname(MiniObject *m, MiniObject *args) {
    (void)m;
    const char *host;
    if (!MiniArg_ParseTuple(args, "s:gethostbyname", &host)) return NULL;
    SockAddr a;
    if (resolve_host(host, AF_INET, 0, &a, 0) < 0) return NULL;
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &((struct sockaddr_in *)&a.ss)->sin_addr, buf, sizeof buf);
    return MiniUnicode_FromString(buf);
}

/* getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)
 *   -> [(family, type, proto, canonname, sockaddr), ...] */
static MiniObject *mod_getaddrinfo(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *keywords[] = {"host", "port", "family", "type", "proto", "flags", NULL};
    MiniObject *hobj, *pobj;
    int family = 0, stype = 0, proto = 0, flags = 0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "OO|iiii:getaddrinfo", keywords, &hobj, &pobj, &family, &stype,
                                       &proto, &flags))
        return NULL;
    const char *host = hobj == Mini_None ? NULL : MiniUnicode_Check(hobj) ? MiniUnicode_AsUTF8(hobj) : NULL;
    if (hobj != Mini_None && host == NULL) {
        if (!MiniErr_Occurred()) MiniErr_SetString(MiniExc_TypeError, "getaddrinfo() argument 1 must be string or None");
        return NULL;
    }
    char portbuf[32];
    const char *port = NULL;
    if (MiniLong_Check(pobj)) {
        snprintf(portbuf, sizeof portbuf, "%ld", MiniLong_AsLong(pobj));
        port = portbuf;
    } else if (MiniUnicode_Check(pobj)) {
        port = MiniUnicode_AsUTF8(pobj);
    } else if (pobj != Mini_None) {
        MiniErr_SetString(MiniExc_OSError, "Int or String expected");
        return NULL;
    }
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = stype;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    int err;
    Mini_BEGIN_ALLOW_THREADS
    err = getaddrinfo(host, port, &hints, &res);
    Mini_END_ALLOW_THREADS
    if (err != 0) {
        MiniObject *v = Mini_BuildValue("(is)", err, gai_strerror(err));
        if (v != NULL) { MiniErr_SetObject(gaierror, v); Mini_DECREF(v); }
        return NULL;
    }
    MiniObject *list = MiniList_New(0);
    for (struct addrinfo *ai = res; list != NULL && ai != NULL; ai = ai->ai_next) {
        MiniObject *addr = make_addr(ai->ai_addr, ai->ai_addrlen);
        MiniObject *t = addr ? Mini_BuildValue("(iiisN)", ai->ai_family, ai->ai_socktype, ai->ai_protocol,
                                               ai->ai_canonname ? ai->ai_canonname : "", addr) : NULL;
        if (t == NULL || MiniList_Append(list, t) < 0) Mini_CLEAR(list);
        Mini_XDECREF(t);
    }
    freeaddrinfo(res);
    return list;
}

static MiniObject *mod_getdefaulttimeout(MiniObject *m, MiniObject *u) {
    (void)m; (void)u;
    if (default_timeout < 0) Mini_RETURN_NONE;
    return MiniFloat_FromDouble(default_timeout);
}

static MiniObject *mod_setdefaulttimeout(MiniObject *m, MiniObject *t) {
    (void)m;
    if (timeout_arg(t, &default_timeout) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *mod_htons(MiniObject *m, MiniObject *a) {
    (void)m;
    long v = MiniLong_AsLong(a);
    if (v == -1 && MiniErr_Occurred()) return NULL;
    return MiniLong_FromLong(htons((uint16_t)v));
}

static MiniObject *mod_htonl(MiniObject *m, MiniObject *a) {
    (void)m;
    long v = MiniLong_AsLong(a);
    if (v == -1 && MiniErr_Occurred()) return NULL;
    return MiniLong_FromUnsignedLongLong(htonl((uint32_t)v));
}

static MiniObject *mod_inet_aton(MiniObject *m, MiniObject *args) {
    (void)m;
    const char *s;
    if (!MiniArg_ParseTuple(args, "s:inet_aton", &s)) return NULL;
    struct in_addr a;
    if (inet_aton(s, &a) == 0) {
        MiniErr_SetString(MiniExc_OSError, "illegal IP address string passed to inet_aton");
        return NULL;
    }
    return MiniBytes_FromStringAndSize((const char *)&a, 4);
}

static MiniObject *mod_inet_ntoa(MiniObject *m, MiniObject *b) {
    (void)m;
    if (!MiniBytes_Check(b) || MiniBytes_Size(b) != 4) {
        MiniErr_SetString(MiniExc_OSError, "packed IP wrong length for inet_ntoa");
        return NULL;
    }
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, MiniBytes_AsString(b), buf, sizeof buf);
    return MiniUnicode_FromString(buf);
}

#define KW (MINI_METH_VARARGS | MINI_METH_KEYWORDS)

static MiniMethodDef socket_functions[] = {
    {"socketpair", mod_socketpair, MINI_METH_VARARGS, "socketpair([family[, type[, proto]]]) -> (socket, socket)"},
    {"gethostname", mod_gethostname, MINI_METH_NOARGS, "gethostname() -> str"},
    {"gethostbyname", mod_gethostbyname, MINI_METH_VARARGS, "gethostbyname(host) -> address"},
    {"getaddrinfo", _MiniCFunction_CAST(mod_getaddrinfo), KW, "getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)"},
    {"getdefaulttimeout", mod_getdefaulttimeout, MINI_METH_NOARGS, "getdefaulttimeout() -> float or None"},
    {"setdefaulttimeout", mod_setdefaulttimeout, MINI_METH_O, "setdefaulttimeout(seconds or None)"},
    {"htons", mod_htons, MINI_METH_O, NULL},
    {"ntohs", mod_htons, MINI_METH_O, NULL},
    {"htonl", mod_htonl, MINI_METH_O, NULL},
    {"ntohl", mod_htonl, MINI_METH_O, NULL},
    {"inet_aton", mod_inet_aton, MINI_METH_VARARGS, NULL},
    {"inet_ntoa", mod_inet_ntoa, MINI_METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef socket_module = {
    MiniModuleDef_HEAD_INIT, "_socket",
    "Sockets (TCP, UDP, Unix) whose blocking calls release the GIL; `socket` builds on it.", 0, socket_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the _socket module, or NULL with an exception. */
MiniObject *MiniInit__socket(void) {
    if (gaierror == NULL && (gaierror = MiniErr_NewException("socket.gaierror", MiniExc_OSError, NULL)) == NULL)
        return NULL;
    MiniObject *m = MiniModule_Create(&socket_module);
    if (m == NULL) return NULL;
    if (MiniType_Ready(&Socket_Type) < 0 || MiniModule_AddObjectRef(m, "socket", (MiniObject *)&Socket_Type) < 0 ||
        MiniModule_AddObjectRef(m, "SocketType", (MiniObject *)&Socket_Type) < 0 ||
        MiniModule_AddObjectRef(m, "error", MiniExc_OSError) < 0 ||
        MiniModule_AddObjectRef(m, "timeout", MiniExc_TimeoutError) < 0 ||
        MiniModule_AddObjectRef(m, "herror", MiniExc_OSError) < 0 ||
        MiniModule_AddObjectRef(m, "gaierror", gaierror) < 0)
        goto fail;
    static const struct { const char *name; long value; } ints[] = {
        {"AF_INET", AF_INET}, {"AF_INET6", AF_INET6}, {"AF_UNIX", AF_UNIX}, {"AF_UNSPEC", AF_UNSPEC},
        {"SOCK_STREAM", SOCK_STREAM}, {"SOCK_DGRAM", SOCK_DGRAM}, {"SOCK_RAW", SOCK_RAW},
        {"SOCK_NONBLOCK", SOCK_NONBLOCK}, {"SOCK_CLOEXEC", SOCK_CLOEXEC},
        {"SOL_SOCKET", SOL_SOCKET}, {"SO_REUSEADDR", SO_REUSEADDR}, {"SO_REUSEPORT", SO_REUSEPORT},
        {"SO_KEEPALIVE", SO_KEEPALIVE}, {"SO_BROADCAST", SO_BROADCAST}, {"SO_RCVBUF", SO_RCVBUF},
        {"SO_SNDBUF", SO_SNDBUF}, {"SO_ERROR", SO_ERROR}, {"SO_TYPE", SO_TYPE}, {"SO_LINGER", SO_LINGER},
        {"IPPROTO_TCP", IPPROTO_TCP}, {"IPPROTO_UDP", IPPROTO_UDP}, {"IPPROTO_IP", IPPROTO_IP},
        {"IPPROTO_IPV6", IPPROTO_IPV6}, {"TCP_NODELAY", TCP_NODELAY},
        {"SHUT_RD", SHUT_RD}, {"SHUT_WR", SHUT_WR}, {"SHUT_RDWR", SHUT_RDWR}, {"SOMAXCONN", SOMAXCONN},
        {"MSG_PEEK", MSG_PEEK}, {"MSG_DONTWAIT", MSG_DONTWAIT}, {"MSG_WAITALL", MSG_WAITALL},
        {"AI_PASSIVE", AI_PASSIVE}, {"AI_CANONNAME", AI_CANONNAME}, {"AI_NUMERICHOST", AI_NUMERICHOST},
        {"INADDR_ANY", INADDR_ANY}, {"EAI_NONAME", EAI_NONAME}, {"has_ipv6", 1},
    };
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        if (MiniModule_AddIntConstant(m, ints[i].name, ints[i].value) < 0) goto fail;
    return m;
fail:
    MiniModule_ClearNamespace(m);
    Mini_DECREF(m);
    return NULL;
}
