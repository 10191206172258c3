# socket: TCP echo over loopback with a server thread, UDP, socketpair, timeouts, non-blocking, select, makefile, refused connections.
import socket, threading, selectors, select

# TCP echo over loopback: a server thread, a client in the main thread.
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(('127.0.0.1', 0))
srv.listen()
port = srv.getsockname()[1]
print(type(srv).__name__, srv.family == socket.AF_INET, srv.type == socket.SOCK_STREAM, srv.gettimeout())

def serve(n):
    for _ in range(n):
        conn, addr = srv.accept()
        with conn:
            while True:
                data = conn.recv(1024)
                if not data:
                    break
                conn.sendall(data.upper())

t = threading.Thread(target=serve, args=(2,))
t.start()
for msg in [b'hello', b'x' * 20000]:
    with socket.create_connection(('127.0.0.1', port)) as c:
        peer_ok = c.getpeername()[1] == port
        c.sendall(msg)
        c.shutdown(socket.SHUT_WR)
        got = []
        while True:
            b = c.recv(65536)
            if not b:
                break
            got.append(b)
        reply = b''.join(got)
        print(len(reply), reply[:5], peer_ok)
t.join()
srv.close()
print(srv.fileno())

# UDP
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(('127.0.0.1', 0))
u2.sendto(b'datagram', u1.getsockname())
data, addr = u1.recvfrom(100)
print(data, addr[0])
u1.close(); u2.close()

# socketpair, timeouts, non-blocking
a, b = socket.socketpair()
a.sendall(b'ping')
print(b.recv(10))
b.settimeout(0.05)
try:
    b.recv(10)
except TimeoutError as e:
    print('TimeoutError', e, isinstance(e, socket.timeout), isinstance(e, OSError))
b.setblocking(False)
try:
    b.recv(10)
except BlockingIOError as e:
    print('BlockingIOError', e.errno)
print(b.getblocking(), b.gettimeout())

# select / selectors
r, w, x = select.select([b], [a], [], 0)
print(r == [], w == [a], x)
a.send(b'!')
r, w, x = select.select([b], [], [], 1.0)
print(r == [b])
print(b.recv(1))
sel = selectors.DefaultSelector()
key = sel.register(b, selectors.EVENT_READ, data='reader')
print(sel.select(timeout=0))
a.send(b'?')
events = sel.select(timeout=1)
print([(k.data, ev) for k, ev in events], key.fd == b.fileno(), len(sel.get_map()))
try:
    sel.register(b, selectors.EVENT_READ)
except KeyError as e:
    print('KeyError already registered')
sel.unregister(b)
sel.close()
f = a.makefile('w')
f.write('line one\nline two\n')
f.flush()
rf = b.makefile('r')
b.setblocking(True)
print(repr(b.recv(1)), repr(rf.readline()), repr(rf.readline()))
a.close(); b.close()
try:
    socket.create_connection(('127.0.0.1', port), timeout=1)
except ConnectionRefusedError as e:
    print('ConnectionRefusedError', e.errno, e.strerror)
rf.close()
f.close()
print(socket.gethostbyname('localhost'), socket.htons(1) == 256)
