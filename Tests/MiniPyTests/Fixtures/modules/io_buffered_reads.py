# io: BufferedReader over a real file (open(..., 'rb')): the unread part of its buffer is tracked
# by a position, so read(1) loops, read(n) across buffer refills, read1, peek, readline, tell,
# seek (absolute and relative) and a write after reads must see the same bytes in the same order.
import os, tempfile
data = bytes(range(256)) * 40 + b'line one\nline two\n\nlast without newline'
fd, path = tempfile.mkstemp()
os.write(fd, data)
os.close(fd)
with open(path, 'rb', buffering=64) as f:
    ones = [f.read(1) for _ in range(70)]
    print(ones[:3], ones[-1], f.tell(), b''.join(ones) == data[:70])
    chunk = f.read(200)
    print(len(chunk), chunk == data[70:270], f.tell())
    print(len(f.read1(10)), f.tell())
    p = f.peek()
    print(len(p) > 0, p[:1] == data[280:281], f.tell())
    print(f.read(0), f.tell())
    f.seek(-5, 1)
    print(f.tell(), f.read(5) == data[275:280])
    f.seek(len(data) - 48)
    print(repr(f.readline()), repr(f.readline()), repr(f.readline(3)), f.tell())
    print(repr(f.readline()), repr(f.readline()), repr(f.readline()))
    f.seek(10)
    print(f.read(3) == data[10:13], len(f.read()), repr(f.read(4)), f.tell() == len(data))
with open(path, 'rb') as f:
    n = 0
    while True:
        b = f.read(1)
        if not b:
            break
        n += 1
    print(n == len(data), f.read(1))
with open(path, 'r+b') as f:
    print(f.read(3) == data[:3], f.tell())
    f.write(b'XYZ')
    f.seek(0)
    print(f.read(8) == data[:3] + b'XYZ' + data[6:8])
os.remove(path)
