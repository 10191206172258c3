# selectors: a single-threaded non-blocking echo server and three clients over loopback.
import selectors, socket, select

sel = selectors.DefaultSelector()
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(('127.0.0.1', 0))
srv.listen()
srv.setblocking(False)
sel.register(srv, selectors.EVENT_READ, data=None)
addr = srv.getsockname()

clients = []
for i in range(3):
    c = socket.socket()
    c.connect(addr)
    c.sendall(('message %d' % i).encode())
    clients.append(c)

replies = {}
served = 0
while len(replies) < 3:
    for key, mask in sel.select(timeout=2):
        if key.data is None:
            conn, _ = key.fileobj.accept()
            conn.setblocking(False)
            sel.register(conn, selectors.EVENT_READ, data='conn')
        else:
            conn = key.fileobj
            data = conn.recv(100)
            if data:
                conn.sendall(b'echo: ' + data)
                served += 1
            else:
                sel.unregister(conn)
                conn.close()
    for i, c in enumerate(clients):
        if i not in replies:
            r, _, _ = select.select([c], [], [], 0)
            if r:
                replies[i] = c.recv(100)
for i in sorted(replies):
    print(i, replies[i])
print('served', served, len(sel.get_map()))
for c in clients:
    c.close()
for key in list(sel.get_map().values()):
    sel.unregister(key.fileobj)
    key.fileobj.close()
sel.close()
print(selectors.EVENT_READ, selectors.EVENT_WRITE, selectors.DefaultSelector.__name__ in ('PollSelector', 'EpollSelector'))
