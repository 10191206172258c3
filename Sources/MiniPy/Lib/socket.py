"""socket: network sockets (written for MiniPy over the C module _socket).

socket.socket is a Python subclass of the C socket type (whose every blocking call releases the
GIL and honours the socket's timeout) that adds what CPython's socket.py adds: accept() returning
a socket.socket, makefile(), dup(), and the helpers socketpair(), create_connection() and
create_server().
"""
import _socket
import io
from _socket import *
from _socket import socket as _CSocket

__all__ = ['socket', 'socketpair', 'create_connection', 'create_server', 'SocketIO']


class socket(_CSocket):
    """socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None)"""

    def accept(self):
        fd, addr = self._accept()
        sock = socket(self.family, self.type, self.proto, fileno=fd)
        if getdefaulttimeout() is None and self.gettimeout():
            sock.setblocking(True)
        return sock, addr

    def dup(self):
        import os
        return socket(self.family, self.type, self.proto, fileno=os.dup(self.fileno()))

    def makefile(self, mode='r', buffering=None, *, encoding=None, errors=None, newline=None):
        if not set(mode) <= {'r', 'w', 'b'}:
            raise ValueError('invalid mode %r (only r, w, b allowed)' % (mode,))
        writing = 'w' in mode
        reading = 'r' in mode or not writing
        rawmode = ('r' if reading else '') + ('w' if writing else '')
        raw = SocketIO(self, rawmode)
        if buffering == 0:
            if 'b' not in mode:
                raise ValueError('unbuffered streams must be binary')
            return raw
        buffer = io.BufferedReader(raw)
        if 'b' in mode:
            return buffer
        text = io.TextIOWrapper(buffer, encoding, errors, newline)
        text._mode = mode
        return text


class SocketIO(io.IOBase):
    """A raw stream over a socket, what socket.makefile() buffers."""

    def __init__(self, sock, mode):
        self._sock = sock
        self._reading = 'r' in mode
        self._writing = 'w' in mode
        self.mode = mode + 'b' if 'b' not in mode else mode

    @property
    def name(self):
        return self._sock.fileno() if not self._closed else -1

    def readable(self):
        return self._reading

    def writable(self):
        return self._writing

    def seekable(self):
        return False

    def read(self, size=-1):
        self._check_closed()
        if size is None or size < 0:
            return self.readall()
        return self._sock.recv(size)

    def readall(self):
        chunks = []
        while True:
            b = self._sock.recv(65536)
            if not b:
                return b''.join(chunks)
            chunks.append(b)

    def write(self, b):
        self._check_closed()
        return self._sock.send(b)

    def fileno(self):
        return self._sock.fileno()

    def seek(self, pos, whence=0):
        raise io.UnsupportedOperation('seek')

    def tell(self):
        raise io.UnsupportedOperation('tell')

    def close(self):
        self._closed = True


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    """A pair of connected sockets."""
    a, b = _socket.socketpair(family, type, proto)
    return (socket(family, type, proto, a.detach()), socket(family, type, proto, b.detach()))


_GLOBAL_DEFAULT_TIMEOUT = object()


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """Connect to (host, port), trying each address getaddrinfo gives; return the socket."""
    host, port = address
    err = None
    for family, stype, proto, _canon, sa in getaddrinfo(host, port, 0, SOCK_STREAM):
        sock = None
        try:
            sock = socket(family, stype, proto)
            if timeout is not _GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sa)
            return sock
        except OSError as e:
            err = e
            if sock is not None:
                sock.close()
    if err is not None:
        raise err
    raise OSError('getaddrinfo returns an empty list')


def create_server(address, *, family=AF_INET, backlog=None, reuse_port=False, dualstack_ipv6=False):
    """A listening TCP socket bound to address (SO_REUSEADDR set)."""
    sock = socket(family, SOCK_STREAM)
    try:
        sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)
        sock.bind(address)
        if backlog is None:
            sock.listen()
        else:
            sock.listen(backlog)
        return sock
    except BaseException:
        sock.close()
        raise


def fromfd(fd, family, type, proto=0):
    import os
    return socket(family, type, proto, os.dup(fd))
