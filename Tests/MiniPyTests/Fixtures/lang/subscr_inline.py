# x[k] and x[k] = v on a class with Python __getitem__ / __setitem__ run the method in the eval
# loop's own activation (the kit's BINARY_SUBSCR_GETITEM). Each case must print what a call through
# the slot prints: results, a __setitem__ result dropped, subclasses and super(), an exception and
# the traceback through the method, deep recursion, the method replaced on the class after the
# site warmed and then deleted (`del C.__getitem__`: not subscriptable again), a dict subclass, a
# generator method, default arguments and *args (not run inline), __init__ storing items.
class A:
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d.get(k, k * 2)
    def __setitem__(self, k, v): self.d[k] = v; return 42
a = A()
for i in range(5): a[i] = i * i
print([a[i] for i in range(7)])
k = 3
print(a[k], a[(1, 2)] if False else a[10])
class B(A):
    def __getitem__(self, k):
        if k == 99: raise KeyError(k)
        return super().__getitem__(k) + 1
b = B()
b[1] = 5
print(b[1], b[2])
try:
    b[99]
except KeyError as e:
    print("KeyError", e)
def f(n):
    class R:
        def __getitem__(self, k): return self[k + 1] if k < n else k
    return R()[0]
print(f(50))
try:
    f(100000)
except RecursionError as e:
    print("RecursionError", e)
A.__getitem__ = lambda self, k: "replaced"
print(a[1], b[1] if False else "skip")
class D(dict):
    def __getitem__(self, k): return dict.__getitem__(self, k) * 10
d = D(x=1)
print(d["x"])
class G:
    def __getitem__(self, k):
        yield k
print(list(G()[5]))
import sys
import traceback
class E:
    def __getitem__(self, k): return 1 / 0
try:
    E()[0]
except ZeroDivisionError as e:
    print([(f.name, f.lineno, f.line) for f in traceback.extract_tb(e.__traceback__)])


class H:
    def __getitem__(self, k, extra=100): return k + extra
    def __setitem__(self, *args): print("setitem", args)
h = H()
for i in range(3):
    h[i] = i
print([h[i] for i in range(3)])


class Grid:
    def __init__(self, n):
        self.cells = [0] * (n * n)
        self.n = n
        for i in range(n):
            self[i, i] = 1
    def __getitem__(self, xy):
        x, y = xy
        return self.cells[y * self.n + x]
    def __setitem__(self, xy, v):
        x, y = xy
        self.cells[y * self.n + x] = v
g = Grid(4)
print(sum(g[x, y] for x in range(4) for y in range(4)), g[2, 2], g[1, 2])


class W:
    def __getitem__(self, k): return k
w = W()
for i in range(20):
    if i == 10:
        W.__getitem__ = lambda self, k: -k
    if i == 15:
        del W.__getitem__
    try:
        print(i, w[i])
    except TypeError as e:
        print(i, "TypeError", e)

