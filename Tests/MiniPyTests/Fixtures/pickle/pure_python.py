# pure_python.py: pickle._dumps / _loads / _Pickler / _Unpickler (the pure-Python pickle) at protocols
# 0-5 over built-in types, instances (dict, slots, __getstate__/__setstate__, __reduce__, list and
# dict subclasses), globals, shared and recursive structures, 1000-item batches, large frames,
# Python-2 names below protocol 3, and the errors. Expected output: CPython 3.11 running this file
# (recorded once: python3 pure_python.py > pure_python.expected).
import sys, io
import pickle
import datetime

class Point:
    def __init__(self, x, y): self.x = x; self.y = y
    def __eq__(self, o): return type(o) is Point and (self.x, self.y) == (o.x, o.y)

class Slotted:
    __slots__ = ('a', 'b')
    def __init__(self): self.a = 1
    def __eq__(self, o): return type(o) is Slotted and o.a == self.a

class WithState:
    def __init__(self): self.v = [1, 2]
    def __getstate__(self): return {'v': self.v, 'extra': 1}
    def __setstate__(self, st): self.__dict__.update(st); self.restored = True

class MyList(list): pass
class MyDict(dict): pass

class Reduced:
    def __init__(self, n): self.n = n
    def __reduce__(self): return (Reduced, (self.n,))
    def __eq__(self, o): return type(o) is Reduced and o.n == self.n

def top(): pass

shared = [1, 2]
rec = []; rec.append(rec)
tup_shared = (shared, shared)
big_list = list(range(2500))
big_dict = {i: str(i) for i in range(1200)}
long_str = 'x' * 70000
long_bytes = b'y' * 70000
values = [None, True, False, 1, -1, 300, 70000, 2**40, -2**70, 1.5, 'abc', 'h\xe9\u1234\n\\', b'', b'ab\xff',
          (), (1,), (1, 2, 3, 4), [1, [2]], {'a': 1}, {1, 2}, frozenset([3]), bytearray(b'xy'), len, int,
          type(None), Point(1, 2), Slotted(), MyList([1, 2]), MyDict(a=1), Reduced(5), top, Point,
          datetime.date(1980, 5, 7), tup_shared, [shared, shared], big_list, big_dict, {'s': 'a\r\n\x1a\0\\b'},
          3.25, -0.0, float('inf'), [long_str, 'after'], [long_bytes], ((1,),), set(range(1500)),
          2**64, -2**64, 255, 256, 65535, 65536, -2**31, 2**31 - 1, 2**31, 'é' * 300, b'z' * 300]


def show(p, i, v):
    try:
        d = pickle._dumps(v, p)
    except Exception as e:
        print(p, i, 'ERR', type(e).__name__, e)
        return
    back = pickle._loads(d)
    if isinstance(v, (MyList, MyDict)):
        ok = type(back) is type(v) and back == v
    elif v in (top, Point, len, int, type(None)):
        ok = back is v
    else:
        ok = back == v and type(back) is type(v)
    h = d.hex()
    print(p, i, len(d), h if len(h) < 400 else h[:200] + '...' + h[-200:], ok)


for p in range(6):
    for i, v in enumerate(values):
        show(p, i, v)
    w = pickle._loads(pickle._dumps(WithState(), p))
    print(p, 'withstate', w.v, w.extra, w.restored)
    r = pickle._loads(pickle._dumps(rec, p))
    print(p, 'recursive', r[0] is r)
    t = pickle._loads(pickle._dumps(tup_shared, p))
    print(p, 'shared', t[0] is t[1])

# The classes on a file: the memo lasts across dump() calls, load() reads one pickle at a time.
f = io.BytesIO()
pk = pickle._Pickler(f, 2)
pk.dump(shared)
pk.dump(shared)
print(f.getvalue().hex())
f.seek(0)
up = pickle._Unpickler(f)
a = up.load()
b = up.load()
print(a, b, a is b, pickle._Pickler.__module__, pickle._Unpickler.__name__)
f = io.BytesIO()
pickle._dump({'k': (1, 2)}, f, 0)
f.seek(0)
print(f.getvalue(), pickle._load(f))

# Unpicklable values and bad data.
for bad in [b'', b'(', b'\xff', 'text']:
    try:
        print(pickle._loads(bad))
    except Exception as e:
        print('bad', repr(bad), type(e).__name__)


def outer():
    def inner():
        pass
    return inner


for v in [lambda: 1, outer(), (x for x in [])]:
    try:
        pickle._dumps(v)
    except Exception as e:
        print(type(e).__name__, str(e).split(' at 0x')[0])
try:
    pickle._Pickler(io.BytesIO(), 6)
except ValueError as e:
    print('ValueError', e)
