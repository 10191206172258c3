# copy.deepcopy/copy.copy through each of their paths (atomic values, list/dict/set/tuple,
# memo and shared/recursive structures, __slots__, __getstate__/__setstate__, __reduce__ and
# __reduce_ex__, __deepcopy__/__copy__, container subclasses, getattr/hasattr defaults);
# expected output recorded once from CPython 3.11.
import copy


class P:
    __slots__ = ('a', 'b')

    def __init__(self):
        self.a = [1]
        self.b = (2, [3])


class Q(P):
    pass


class R:
    def __init__(self):
        self.x = {'k': [1, 2]}
        self.me = self


class S(list):
    pass


class D(dict):
    pass


class G:
    def __init__(self):
        self.v = [5]

    def __getstate__(self):
        return {'v': self.v, 'extra': 1}


class St:
    def __init__(self):
        self.v = 1

    def __setstate__(self, s):
        self.__dict__.update(s)
        self.restored = True


class Red:
    def __init__(self, n):
        self.n = n

    def __reduce__(self):
        return (Red, (self.n + 1,))


class RedEx(Red):
    def __reduce_ex__(self, p):
        return (Red, (p,))


class Own:
    def __init__(self):
        self.log = []

    def __deepcopy__(self, memo):
        return 'deep %d' % len(memo)

    def __copy__(self):
        return 'shallow'


def show(c, obj):
    if isinstance(c, P):
        return (type(c).__name__, c.a, c.b, c.a is obj.a, c.b is obj.b)
    if isinstance(c, R):
        return (c.x, c.me is c, c.x is obj.x)
    if hasattr(c, '__dict__') and not isinstance(c, type):
        return (type(c).__name__, sorted(vars(c).items()), list(c) if isinstance(c, (list, dict)) else None)
    return c


for obj in [P(), Q(), R(), S([1, [2]]), D(a=[1]), G(), St(), Red(1), RedEx(1), Own(),
            (1, 2), ([1],), {1: (2, [3])}, {1, 2}, frozenset({3}), len, P, 3j, ..., NotImplemented,
            None, True, 1.5, 'text', b'bytes', range(3)]:
    c = copy.deepcopy(obj)
    s = copy.copy(obj)
    print(type(obj).__name__, c is obj, s is obj, show(c, obj))

l = [1]
t = (l, l)
ct = copy.deepcopy(t)
print(ct, ct[0] is ct[1], ct[0] is l)
a = []
tt = (a,)
a.append(tt)
c2 = copy.deepcopy(tt)
print(c2[0][0] is c2, c2 is tt)
m = {}
copy.deepcopy([1, [2]], m)
print(len(m), sorted(type(v).__name__ for v in m.values()))
inner = [1]
d = {'a': inner, 'b': inner, 'c': (inner,)}
cd = copy.deepcopy(d)
print(cd, cd['a'] is cd['b'], cd['c'][0] is cd['a'], cd['a'] is inner)


class Late:
    pass


x = Late()
x.v = [1]
print(getattr(x, 'missing', 'default'), hasattr(x, 'missing'), hasattr(x, 'v'))
print(getattr(Late, 'missing', 'default'), hasattr(Late, 'missing'), hasattr(Late, '__init__'))
Late.__deepcopy__ = lambda self, memo: 'added later'
print(copy.deepcopy(x))


class Prop:
    @property
    def boom(self):
        raise AttributeError('inside')

    @property
    def bad(self):
        raise ValueError('not swallowed')


print(hasattr(Prop(), 'boom'), getattr(Prop(), 'boom', 'dflt'))
try:
    getattr(Prop(), 'bad', None)
except ValueError as e:
    print('ValueError', e)
try:
    getattr(x, 1, None)
except TypeError as e:
    print('TypeError', e)

# session 7: list/dict/tuple copies test atoms and memo hits inline, without calling deepcopy
A = [1] * 4
data = {'a': (A, A, A), 'b': [A] * 3, (1, 2): [A, 'x', None, 2.5, b'y'], 'c': {frozenset({1}): A}}
y = copy.deepcopy(data)
print(y == data, y['a'][0] is y['b'][0] is y[(1, 2)][0] is y['c'][frozenset({1})], y['a'][0] is not A)
print(y[(1, 2)][1:] == ['x', None, 2.5, b'y'], y[(1, 2)][1] is data[(1, 2)][1])
loop = [1, 2]
loop.append(loop)
t = (loop, loop)
z = copy.deepcopy(t)
print(z[0] is z[1], z[0][2] is z[0], z[0] is not loop)
memo = {}
first = copy.deepcopy([A, (A,)], memo)
print(first[0] is first[1][0], memo[id(A)] is first[0], copy.deepcopy(A, memo) is first[0])
print(copy.deepcopy((1, 'a', None)) is not None, copy.deepcopy(5) == 5)


# __reduce__ with empty and non-empty argument tuples (the empty one is not deep-copied: its copy
# is itself), and the memo's keep-alive list of originals.
class Reduced:
    inits = 0

    def __init__(self, *parts):
        Reduced.inits += 1
        self.parts = parts
        self.a = [1, 2]

    def __reduce__(self):
        return (Reduced, self.parts, self.__dict__)

    def __setstate__(self, state):
        self.__dict__.update(state)


r0 = Reduced()
r1 = Reduced([5], 'x')
c0, c1 = copy.deepcopy(r0), copy.deepcopy(r1)
print(Reduced.inits, c0.parts, c0.a == r0.a, c0.a is not r0.a, c1.parts, c1.parts[0] is not r1.parts[0])
memo = {}
pair = [r1, r1]
cp = copy.deepcopy(pair, memo)
kept = memo[id(memo)]
print(cp[0] is cp[1], cp[0] is not r1, any(o is r1 for o in kept), any(o is pair for o in kept))
empty = ()
print(copy.deepcopy(empty) is empty, copy.deepcopy((1, [])) == (1, []))
