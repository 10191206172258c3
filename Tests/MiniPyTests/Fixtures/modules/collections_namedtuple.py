# collections.namedtuple and the ABCs of collections.abc.
from collections import namedtuple
import collections.abc as cabc

Point = namedtuple('Point', 'x y')
p = Point(1, y=2)
print(p, p.x, p[1], p._fields, len(p), tuple(p), p == (1, 2), isinstance(p, tuple))
x, y = p
print(x + y, p._asdict(), p._replace(x=10), Point._make([5, 6]), hash(p) == hash((1, 2)))
Color = namedtuple('Color', ['red', 'green', 'blue'], defaults=[0, 0])
print(Color(255), Color(1, 2, 3), Color._field_defaults, Color.__name__)
R = namedtuple('R', 'a def a', rename=True)
print(R._fields, R(1, 2, 3))
for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2, z=3), lambda: namedtuple('Bad', 'x x'),
            lambda: namedtuple('Bad', 'class'), lambda: namedtuple('Bad', '_x'), lambda: Point._make([1]),
            lambda: p._replace(z=1)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(sorted([Point(2, 1), Point(1, 5)]), max(Point(1, 2)))

print(isinstance([], cabc.Iterable), isinstance({}, cabc.Mapping), isinstance((), cabc.Sequence),
      isinstance(set(), cabc.MutableSet), isinstance(5, cabc.Iterable), isinstance(iter([]), cabc.Iterator))
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return iter(range(self.n, 0, -1))
print(isinstance(Countdown(3), cabc.Iterable), issubclass(Countdown, cabc.Sized), list(Countdown(3)))
class Bag(cabc.MutableMapping):
    def __init__(self):
        self._d = {}
    def __getitem__(self, k):
        return self._d[k]
    def __setitem__(self, k, v):
        self._d[k] = v
    def __delitem__(self, k):
        del self._d[k]
    def __iter__(self):
        return iter(self._d)
    def __len__(self):
        return len(self._d)
b = Bag()
b['a'] = 1
b.update(c=3, d=4)
print(sorted(b.items()), b.get('zz', 'dflt'), b.pop('c'), b.setdefault('e', 5), len(b), 'a' in b, isinstance(b, cabc.Mapping))
class Seq(cabc.Sequence):
    def __getitem__(self, i):
        return 'abc'[i]
    def __len__(self):
        return 3
s = Seq()
print(list(s), 'b' in s, s.index('c'), s.count('a'), list(reversed(s)))
class Incomplete(cabc.Sequence):
    pass
try:
    Incomplete()
except TypeError as e:
    print('TypeError', e)
