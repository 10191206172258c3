# array (typed sequences), __future__, and range slicing used by benchmark programs.
from __future__ import annotations
import __future__
from array import array

a = array('d', [1.0, 2.5])
a.append(3)
a.extend([4, 5.5])
print(a, len(a), a[1], a[-1], a[1:3], a.tolist(), a.typecode, a.itemsize, 2.5 in a)
i = array('i', range(5))
i[0] = 42
i.insert(1, -7)
print(i, i.pop(), i.index(2), i.count(42), sum(i), list(reversed(i)))
i.reverse()
print(i, i + array('i', [9]), array('b', [1, 2]) * 2, array('u', 'hi'), array('H'), i == array('i', i.tolist()))
print(array('H', [1, 258]).tobytes(), array('h', b'\x01\x00\xff\xff'))
for bad in [lambda: array('z'), lambda: array('b', [200]), lambda: array('i', ['x']), lambda: array('B', [-1]),
            lambda: array('i').pop(), lambda: array('i', [1]).remove(5), lambda: array('d', [1]) + array('i', [1])]:
    try:
        bad()
    except (ValueError, OverflowError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
print(__future__.annotations.getMandatoryRelease(), __future__.division, 'annotations' in __future__.all_feature_names)
def f(x: UndefinedName) -> AlsoUndefined:
    return x
print(f(3))
r = range(10)
print(r[2:5], r[::-1], r[1:8:3], r[::3], range(0, 20, 3)[1:5], r[-1], range(5)[10:], list(r[::-2]), range(10, 0, -2)[1:3])
