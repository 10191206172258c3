# array in C (accel, issue 11): every typecode's range and conversion errors, construction,
# indexing, slicing (get, set, delete, extended), the list-like methods, bytes round trips,
# comparisons, + and *, iteration, the buffer protocol (memoryview, bytes), copy.
import copy
import struct
from array import array, typecodes, ArrayType

print(typecodes, ArrayType is array, array.__name__)

def attempt(label, f):
    try:
        r = f()
        print(label, '->', r)
    except Exception as e:
        print(label, '!', type(e).__name__, e)

# Range and type errors of every integer typecode.
for tc in 'bBhHiIlLqQ':
    for v in [2**70, -2**70, 2**63, 2**64 - 1, -1, 2**31, 2**32, 2**15, 2**16, 127, 128, 255, 256, -128, -129, 'x', 1.5, True]:
        attempt('%s %r' % (tc, v), lambda: array(tc, [v]).tolist())
for tc in 'fd':
    for v in ['x', None, 2**2000, 3, 1.25, True, float('inf')]:
        attempt('%s %r' % (tc, v), lambda: array(tc, [v]))
attempt('f rounding', lambda: array('f', [0.1, 1e40, -1e-50]).tolist())
for v in ['ab', 1, '', 'é', '\U0001f600']:
    attempt('u %r' % v, lambda: array('u', [v]))

# Construction.
for args in [('z',), ('bb',), (1,), ('',), ('b', 'abc'), ('i', b'abc'), ('i', b'\x01\x00\x00\x00\x02\x00\x00\x00'),
             ('d', array('d', [1.5])), ('d', array('i', [1, 2])), ('i', array('u', 'ab')), ('u', 'héllo'),
             ('I', {3: 'a', 1: 'b'}), ('b', bytearray(b'\x80\x7f')), ('q', 5),
             ('B', [1, 2, 300])]:
    attempt('array%r' % (args,), lambda: array(*args))
attempt('generator', lambda: array('i', (x * x for x in range(5))))
attempt('kwargs', lambda: array('i', initializer=[1]))
attempt('no args', lambda: array())

# Items and slices.
a = array('i', range(10))
print(a[0], a[-1], a[3:7], a[::2], a[::-3], a[100:], a[-100:2], len(a))
attempt('a[10]', lambda: a[10])
attempt('a[-11]', lambda: a[-11])
attempt("a['x']", lambda: a['x'])
attempt('a[2**70]', lambda: a[2**70])
a[0] = -5
a[-1] = 99
print(a)
def store(a, k, v):
    a[k] = v
def delete(a, k):
    del a[k]
attempt('a[10] = 1', lambda: store(a, 10, 1))
attempt("a[0] = 'x'", lambda: store(a, 0, 'x'))
attempt('a[0] = 2**40', lambda: store(a, 0, 2**40))
a[1:3] = array('i', [7, 7, 7, 7])
print(a)
a[::3] = array('i', [0] * len(a[::3]))
print(a)
attempt('ext slice size', lambda: store(a, slice(0, 6, 2), array('i', [1])))
attempt('slice from list', lambda: store(a, slice(0, 1), [1]))
attempt('slice other code', lambda: store(a, slice(0, 1), array('d', [1.0])))
del a[0]
del a[1:3]
print(a)
del a[::2]
print(a)
del a[::-3]
print(a)
attempt('del a[50]', lambda: delete(a, 50))
b = array('d', range(6))
b[2:4] = b
print(b)
b[:] = array('d')
print(b, len(b))

# Methods.
m = array('h', [3, 1, 4, 1, 5, 9, 2, 6])
m.append(5)
m.extend([3, 5])
m.extend(array('h', [8]))
m.extend(m)
m.insert(0, 100)
m.insert(-1, 200)
m.insert(1000, 300)
m.insert(-1000, 400)
print(m, m.count(1), m.count(42), m.index(5), m.index(5, 6), m.index(5, -5))
print(m.pop(), m.pop(0), m.pop(-2), m)
m.remove(1)
m.reverse()
print(m)
for label, f in [('pop empty', lambda: array('i').pop()), ('pop 3', lambda: array('i', [1]).pop(3)),
                 ('remove', lambda: array('i', [1]).remove(3)), ('index', lambda: array('i', [1]).index(3)),
                 ('index start', lambda: array('i', [1, 2]).index(1, 1)), ('index bad', lambda: array('b', [1]).index(1, 'a')),
                 ('extend kind', lambda: array('i', [1]).extend(array('d'))), ('extend int', lambda: array('i').extend(5)),
                 ('extend bad item', lambda: array('i').extend([1, 'x'])), ('append bad', lambda: array('B').append(-1)),
                 ('insert bad', lambda: array('f').insert(0, 'x'))]:
    attempt(label, f)
partial = array('i')
attempt('partial extend', lambda: partial.extend([1, 2, 'x', 4]))
print(partial)
fl = array('i', [1])
attempt('fromlist bad', lambda: fl.fromlist([2, 'x']))
print(fl)
fl.fromlist([5, 6])
attempt('fromlist tuple', lambda: fl.fromlist((1,)))
print(fl, fl.tolist())

# Bytes.
h = array('H', [1, 258, 65535])
print(h.tobytes(), array('h', b'\x01\x00\xff\xff'), array('d', [1.5]).tobytes())
h.frombytes(b'\x02\x00')
print(h)
attempt('frombytes odd', lambda: array('i').frombytes(b'abc'))
attempt('frombytes str', lambda: array('i').frombytes('ab'))
attempt('frombytes self', lambda: h.frombytes(h))
h.frombytes(bytes(h))
print(h, bytes(array('b', [1, -1])), h.itemsize, array('q').itemsize, array('f').itemsize)
for tc in typecodes:
    x = array(tc, 'ab' if tc == 'u' else [1, 2])
    y = array(tc)
    y.frombytes(x.tobytes())
    print(tc, x == y, x.itemsize, x.typecode, repr(y))
u = array('u', 'hi')
u.fromunicode('!é')
print(u, u.tounicode(), u[1], u.tolist())
attempt('tounicode', lambda: array('i').tounicode())
attempt('fromunicode', lambda: array('i').fromunicode('a'))
sw = array('i', [1, 256])
sw.byteswap()
print(sw)

# Comparisons, + and *, iteration, hashing.
print(array('i', [1, 2]) == array('i', [1, 2]), array('i', [1, 2]) == array('d', [1.0, 2.0]), array('i', [1]) != array('i', [2]))
print(array('i', [1, 2]) < array('i', [1, 3]), array('i', [1, 2]) < array('i', [1, 2, 0]), array('b', [5]) >= array('d', [5.0]),
      array('d', [float('nan')]) == array('d', [float('nan')]), array('i') == [], array('i', [1]) == [1])
print(array('i', [1]) + array('i', [2]), array('b', [1, 2]) * 3, 2 * array('d', [0.5]), array('i', [1]) * -1, array('i', [1]) * 0)
attempt('+ list', lambda: array('i', [1]) + [1])
attempt('+ kind', lambda: array('i', [1]) + array('d'))
attempt('* str', lambda: array('i') * 'a')
attempt('< int', lambda: array('i') < 3)
attempt('hash', lambda: hash(array('i')))
acc = array('i', [1])
acc += array('i', [2])
acc *= 2
print(acc, 2 in acc, 5 in acc, 2.0 in acc, 'x' in acc)
print(list(array('f', [0.5, 1.5])), [x for x in reversed(array('b', [1, 2, 3]))], sum(array('i', range(100))), max(array('d', [1, 7, 3])))
it = iter(array('i', [1, 2]))
print(next(it), next(it), next(it, 'end'))
grow = array('i', [1])
gi = iter(grow)
print(next(gi))
grow.append(2)
print(next(gi), next(gi, 'end'))

# The buffer protocol.
mv = memoryview(array('b', [1, 2, 3]))
print(bytes(mv), len(mv))
pinned = array('i', [1, 2])
view = memoryview(pinned)
attempt('append while exported', lambda: pinned.append(3))
pinned[0] = 42
view.release()
pinned.append(3)
print(pinned, struct.unpack('2d', array('d', [1.5, -2.0])))

# Copies and subclasses.
orig = array('d', [1.0, 2.0])
c1, c2 = copy.copy(orig), copy.deepcopy(orig)
orig[0] = 9.0
print(c1, c2, c1 is orig, orig.__reduce_ex__(2)[1])

class Vec(array):
    def norm1(self):
        return sum(abs(x) for x in self)

v = Vec('d', [1.0, -2.0])
print(v, type(v).__name__, v.norm1(), isinstance(v, array), v[0:1], type(v[0:1]).__name__)
print(array('d', [1e300, -0.0, 1/3]), array('l', [-2**63, 2**63 - 1]), array('Q', [2**64 - 1]))
