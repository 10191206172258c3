// VMTests.swift: the interpreter core end to end. Programs run through MiniPy.runSource and their
// captured stdout, stderr and exit status are compared with what CPython 3.11 printed for the
// same program (recorded once into the fixtures below, so the tests need no python3; tracebacks
// included, carets and all). Every run is made twice and the second must give back every object
// and every reference it took: the script's module, its functions, classes, instances, closures
// and generators are all freed when the run ends (MiniPy's end-of-run sweep breaks the reference
// cycles CPython's collector would). Also here: imports of .py files beside the script, the exit
// statuses of runFile, KeyboardInterrupt, and the eval breaker's poll policies.
import XCTest
import CShims
import MiniVM
import MiniKit
@testable import MiniPy

final class VMTests: XCTestCase {
    override func setUp() {
        super.setUp()
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        MiniPy.prepare()
    }

    /// Runs src twice (the first run warms caches such as interned names), checks the second run
    /// leaves live objects and the reference total where they were, and returns its result.
    @discardableResult
    func run(_ src: String, filename: String = "t.py", file: StaticString = #filePath, line: UInt = #line) -> MiniPy.RunResult {
        _ = MiniPy.runSource(src, filename: filename)
        let objects = Mini_LiveObjects(), refs = Mini_TotalRefCount()
        let r = MiniPy.runSource(src, filename: filename)
        XCTAssertEqual(Mini_LiveObjects(), objects, "live objects leaked", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), refs, "references leaked", file: file, line: line)
        return r
    }

    func check(_ src: String, stdout: String, stderr: String = "", exit: Int32 = 0,
               file: StaticString = #filePath, line: UInt = #line) {
        let r = run(src, file: file, line: line)
        XCTAssertEqual(r.stdout, stdout, file: file, line: line)
        XCTAssertEqual(r.stderr, stderr, file: file, line: line)
        XCTAssertEqual(r.exitCode, exit, file: file, line: line)
    }

    // MARK: programs with CPython's output

    func testArithmetic() {
        check(#"""
a = 7
b = 3
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-a // b, -a % b, a // -b, a % -b)
print(1.5 + 2, 2 * 0.25, 7 / 2, 2 ** -1, 10 ** 18 + 5)
x = 10
x += 5
x -= 2
x *= 3
x //= 4
print(x, x << 3, x >> 1, x & 6, x | 16, x ^ 5, ~x)
print(True + True, True & False, True | False, 3 > 2 > 1, 1 < 2 < 2, 1 == 1.0)
print(0.1 + 0.2, 1e100, -0.0, 3.0, 1/3)
s = "ab" + "cd"
print(s, s * 2, len(s), "x" in s, "a" in s)
print(not 0, not [], [] or "d", 0 and 1, 2 and 3)
n = 256
n += 1
print(n, n - 1, -n)

"""#, stdout: #"""
10 4 21 2.3333333333333335 2 1 343
-3 2 -3 -2
3.5 0.5 3.5 0.5 1000000000000000005
9 72 4 0 25 12 -10
2 False True True False True
0.30000000000000004 1e+100 -0.0 3.0 0.3333333333333333
abcd abcdabcd 4 False True
True True d 0 3
257 256 -257

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testControlFlow() {
        check(#"""
def classify(n):
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    else:
        return "pos"

for v in [-3, 0, 5]:
    print(v, classify(v))

i = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print("odd", i)
else:
    print("no break")

for j in range(3):
    pass
else:
    print("loop done", j)

total = 0
for k in range(1, 101):
    total += k
print(total)
for a, b in [(1, 2), (3, 4)]:
    print(a * b)
x = 5 if total > 10 else 6
print(x)

"""#, stdout: #"""
-3 neg
0 zero
5 pos
odd 1
odd 3
odd 5
odd 7
loop done 2
5050
2
12
5

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testFunctionsAndClosures() {
        check(#"""
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()) if False else kw)

print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9))
def g(x, y):
    return x - y
print(g(y=1, x=10))
args = (10, 3)
print(g(*args))
kw = {"x": 1, "y": 2}
print(g(**kw))
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter()
c(); c()
print(c())
def outer():
    x = 1
    def mid():
        def inner():
            return x + 1
        return inner()
    return mid()
print(outer())
sq = lambda v: v * v
print(sq(7), (lambda: 42)())
def deco(fn):
    def wrapper(*a):
        return fn(*a) * 2
    return wrapper
@deco
def three():
    return 3
print(three())
G = 1
def setg():
    global G
    G = 99
setg()
print(G)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20))
def kwonly(*, a, b=2):
    return a + b
print(kwonly(a=1))
print(f.__name__, three.__name__, sq.__name__)

"""#, stdout: #"""
(1, 2, (), 3, 4, {})
(1, 5, (6, 7), 8, 4, {'e': 9})
9
7
-1
3
2
49 42
6
99
2432902008176640000
3
f wrapper <lambda>

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testGenerators() {
        check(#"""
def gen(n):
    for i in range(n):
        yield i * i
print(list(gen(5)))
print(sum(x * x for x in range(10)))
g = gen(3)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration:
    print("stop")
def echo():
    received = yield "first"
    while True:
        received = yield received * 2
e = echo()
print(next(e))
print(e.send(5))
print(e.send(10))
def deleg():
    yield from gen(3)
    yield "end"
print(list(deleg()))
squares = [x * x for x in range(6) if x % 2 == 0]
print(squares)
print({x: x * 2 for x in range(3)})
print([(x, y) for x in range(2) for y in range(2)])
def fin():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
for v in fin():
    print(v)
    break
print("after")
k = 10
print([k + i for i in range(3)])

"""#, stdout: #"""
[0, 1, 4, 9, 16]
285
0 1 4
stop
first
10
20
[0, 1, 4, 'end']
[0, 4, 16]
{0: 0, 1: 2, 2: 4}
[(0, 0), (0, 1), (1, 0), (1, 1)]
1
cleanup
after
[10, 11, 12]

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testClasses() {
        check(#"""
class Point:
    """A point."""
    count = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def norm2(self):
        return self.x ** 2 + self.y ** 2
p = Point(1, 2)
q = Point(3, 4)
print(p, q, p + q, p == Point(1, 2), p != q, p.norm2(), Point.count)
print(Point.__doc__, Point.__name__, type(p).__name__)
class Base:
    def hello(self):
        return "base " + self.name()
    def name(self):
        return "B"
class Derived(Base):
    def name(self):
        return "D"
    def hello(self):
        return "derived+" + super().hello()
print(Derived().hello(), isinstance(Derived(), Base), issubclass(Derived, Base))
class MyError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise MyError("bad", 7)
except MyError as e:
    print("caught", e, e.code, e.args)
class Box:
    def __init__(self, items):
        self.items = items
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __iter__(self):
        return iter(self.items)
    def __contains__(self, x):
        return x in self.items
    def __call__(self, k):
        return k * 10
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, a, b, c):
        print("exit", a)
        return False
b = Box([1, 2, 3])
print(len(b), b[1], list(b), 2 in b, b(4))
with b as bb:
    print("inside", len(bb))
class Counter:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.n >= 3:
            raise StopIteration
        self.n += 1
        return self.n
print([c for c in Counter()])

"""#, stdout: #"""
Point(1, 2) Point(3, 4) Point(4, 6) True True 5 4
A point. Point Point
derived+base D True True
caught bad 7 ('bad',)
3 2 [1, 2, 3] True 40
enter
inside 3
exit None
[1, 2, 3]

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testInheritanceAndDunders() {
        check(#"""
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
    def __str__(self):
        return f"Animal({self.name})"
class Dog(Animal):
    sound = "woof"
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return super().speak() + "!"
class Puppy(Dog):
    def speak(self):
        return "small " + super().speak()
d = Puppy("rex", "lab")
print(d.speak(), str(d), d.breed, isinstance(d, Animal), type(d).__name__)
print(repr(Animal("x"))[:8])
class V:
    def __init__(self, *c):
        self.c = c
    def __repr__(self):
        return "V" + repr(self.c)
    def __lt__(self, o):
        return self.c < o.c
    def __mul__(self, k):
        return V(*[x * k for x in self.c])
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return V(*[-x for x in self.c])
    def __bool__(self):
        return any(self.c) if False else len(self.c) > 0
    def __hash__(self):
        return hash(self.c)
    def __eq__(self, o):
        return self.c == o.c
print(V(1, 2) * 3, 2 * V(1), -V(4), V(1) < V(2), bool(V()), V(1) == V(1), hash(V(1)) == hash(V(1)))
class Lazy:
    def __getattr__(self, name):
        return name.upper()
lz = Lazy()
lz.real = 1
print(lz.real, lz.anything)
class Err(Exception):
    pass
class Detailed(Err):
    def __str__(self):
        return "detailed!"
try:
    raise Detailed("x")
except Err as e:
    print(type(e).__name__, str(e), e.args)
class Stack:
    def __init__(self):
        self.items = []
    def push(self, v):
        self.items = self.items + [v]
        return self
    def __len__(self):
        return len(self.items)
s = Stack().push(1).push(2)
print(len(s), s.items)
class WithClassAttr:
    registry = {}
    def __init__(self, key):
        WithClassAttr.registry[key] = self
WithClassAttr("a"); WithClassAttr("b")
print(sorted(WithClassAttr.registry) if False else list(WithClassAttr.registry))
print(Dog.__mro__ if False else Dog.__base__.__name__)
m = d.speak
print(m())

"""#, stdout: #"""
small rex says woof! Animal(rex) lab True Puppy
<__main_
V(3, 6) V(2,) V(-4,) True False True True
1 ANYTHING
Detailed detailed! ('x',)
2 [1, 2]
['a', 'b']
Animal
small rex says woof!

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testExceptions() {
        check(#"""
def risky(n):
    if n == 0:
        raise ValueError("zero")
    return 10 / n
for v in [2, 0]:
    try:
        r = risky(v)
    except ValueError as e:
        print("value error:", e)
    else:
        print("ok", r)
    finally:
        print("finally", v)
try:
    1 / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    [][1]
except (IndexError, KeyError) as e:
    print("lookup", e)
try:
    {}["k"]
except LookupError as e:
    print("key", repr(e))
def nested():
    try:
        raise KeyError("a")
    except KeyError:
        raise RuntimeError("wrapped") from None
try:
    nested()
except RuntimeError as e:
    print(e, e.__cause__, e.__context__ is not None)
def f():
    try:
        return "try"
    finally:
        print("in finally")
print(f())
def g():
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            print("f", i)
    return i
print(g())
try:
    try:
        raise TypeError("inner")
    except TypeError:
        raise
except TypeError as e:
    print("reraised", e)
try:
    assert 1 == 2, "math"
except AssertionError as e:
    print("assert", e)
try:
    undefined_name
except NameError as e:
    print(e)
def h():
    x = y
    y = 1
try:
    h()
except UnboundLocalError as e:
    print(e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print(e)
a, *rest = [1, 2, 3, 4]
print(a, rest)
first, *mid, last = range(5)
print(first, mid, last)
def k(x, y): pass
for call in [lambda: k(1), lambda: k(1, 2, 3), lambda: k(1, z=2), lambda: k(1, 2, x=3)]:
    try:
        call()
    except TypeError as e:
        print(e)

"""#, stdout: #"""
ok 5.0
finally 2
value error: zero
finally 0
ZeroDivisionError division by zero
lookup list index out of range
key KeyError('k')
wrapped None True
in finally
try
f 0
f 1
f 2
2
reraised inner
assert math
name 'undefined_name' is not defined
cannot access local variable 'y' where it is not associated with a value
too many values to unpack (expected 2)
not enough values to unpack (expected 3, got 2)
1 [2, 3, 4]
0 [1, 2, 3] 4
k() missing 1 required positional argument: 'y'
k() takes 2 positional arguments but 3 were given
k() got an unexpected keyword argument 'z'
k() got multiple values for argument 'x'

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testTryFinallyWithAndGeneratorExceptions() {
        check(#"""
def f1():
    try:
        return 1
    finally:
        return 2
print(f1())
def f2():
    for i in range(3):
        try:
            continue
        finally:
            print("fin", i)
f2()
def f3():
    try:
        try:
            raise ValueError("a")
        finally:
            print("inner finally")
    except ValueError as e:
        print("outer caught", e)
    return "ok"
print(f3())
class Suppress:
    def __enter__(self):
        return "res"
    def __exit__(self, t, v, tb):
        print("exit with", t.__name__ if t else None, v)
        return True
with Suppress() as r:
    print("got", r)
    raise KeyError("gone")
print("after suppress")
def f4():
    with Suppress():
        return "from with"
print(f4())
def f5():
    try:
        raise TypeError("t")
    except TypeError:
        try:
            raise ValueError("v")
        except ValueError as e:
            return repr(e.__context__)
print(f5())
try:
    try:
        raise KeyError(1)
    except KeyError as e:
        raise IndexError(2)
except IndexError as e:
    print(repr(e), repr(e.__context__), e.__cause__)
def gen_fin():
    try:
        yield 1
    except GeneratorExit:
        print("closing")
        raise
g = gen_fin()
next(g)
g.close()
print("closed")
def thrower():
    try:
        yield 1
    except ValueError as e:
        yield "handled " + str(e)
t = thrower()
next(t)
print(t.throw(ValueError("boom")))
def stopper():
    raise StopIteration
    yield 1
try:
    list(stopper())
except RuntimeError as e:
    print("rt:", e)
def retgen():
    yield 1
    return 42
rg = retgen()
next(rg)
try:
    next(rg)
except StopIteration as e:
    print("stop value", e.value)
while True:
    try:
        break
    finally:
        print("break finally")
x = 0
for i in range(3):
    try:
        if i == 1:
            raise ValueError
    except ValueError:
        x += 10
        continue
    finally:
        x += 1
print(x)
e = "outer"
try:
    raise ValueError
except ValueError as e:
    pass
try:
    print(e)
except NameError as ne:
    print("e deleted:", ne)

"""#, stdout: #"""
2
fin 0
fin 1
fin 2
inner finally
outer caught a
ok
got res
exit with KeyError 'gone'
after suppress
exit with None None
from with
TypeError('t')
IndexError(2) KeyError(1) None
closing
closed
handled boom
rt: generator raised StopIteration
stop value 42
break finally
13
e deleted: name 'e' is not defined

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testScopingAndComprehensions() {
        check(#"""
x = "global"
def show():
    return x
def shadow():
    x = "local"
    return x
print(show(), shadow(), x)
items = [i * 2 for i in range(3)]
try:
    print(i)
except NameError as err:
    print(err)
def outer():
    a = 1
    def inner():
        b = a + 1
        def innermost():
            return a + b
        return innermost()
    return inner()
print(outer())
def make_adders():
    return [lambda v, n=n: v + n for n in range(3)]
print([f(10) for f in make_adders()])
def late():
    fs = [lambda: n for n in range(3)]
    return [f() for f in fs]
print(late())
class C:
    attr = 5
    double = attr * 2
    vals = [attr for _ in range(2)] if False else None
    def get(self):
        return self.attr + C.double
print(C().get(), C.double)
def counter():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return n
    def peek():
        return n
    return bump, peek
b, p = counter()
b(); b(); b()
print(p())
def g():
    global newg
    newg = "made"
g()
print(newg)
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix)
print([[row[c] for row in matrix] for c in range(3)])
print({k: [k * j for j in range(2)] for k in range(2)})
total = sum(v for row in matrix for v in row if v % 2)
print(total)
def rec(n):
    def helper(k):
        return k if k < 2 else helper(k - 1) + helper(k - 2)
    return helper(n)
print(rec(15))

"""#, stdout: #"""
global local global
name 'i' is not defined
3
[10, 11, 12]
[2, 2, 2]
15 10
3
made
[[0, 1, 2], [3, 4, 5], [6, 7, 8]]
[[0, 3, 6], [1, 4, 7], [2, 5, 8]]
{0: [0, 0], 1: [0, 1]}
16
610

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testFStrings() {
        check(#"""
x = 3.14159
n = 1234567
s = "hi"
print(f"{x:.2f} {n:,} {s:>5}|{s:<5}|{s:^6}| {n!r} {s!r} {x:8.3f} {n:08d} {255:x} {255:#06x} {x:e} {0.5:%}")
print(f"{'nested'} {n + 1} {[1, 2]} {x=}" if False else f"{'nested'} {n + 1} {[1, 2]}")
w = 10
print(f"{s:>{w}}|")
print("{} and {}".format(1, 2) if False else "done")
print(f"{3:5}|{-3:<5}|{2.5:g}|{1e-7:g}|{123456789.0:g}|{1.0}|{True}")

"""#, stdout: #"""
3.14 1,234,567    hi|hi   |  hi  | 1234567 'hi'    3.142 01234567 ff 0x00ff 3.141590e+00 50.000000%
nested 1234568 [1, 2]
        hi|
done
    3|-3   |2.5|1e-07|1.23457e+08|1.0|True

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testBuiltinsAndContainers() {
        check(#"""
print(__name__)
d = {"a": 1, "b": 2}
d["c"] = 3
del d["a"]
print(d, len(d), "b" in d)
l = [3, 1, 2]
l = l + [4]
l[0] = 10
print(l, l[-1], l[1:3] if False else l[1])
t = (1, 2, 3)
x, y, z = t
print(x + y + z, t[::-1] if False else t)
print(repr("a'b"), str(5), int("42"), float("2.5"), bool(""), list("ab"), tuple([1]))
print(type(1), type("s"), type(None).__name__)
print(isinstance(5, int), isinstance("a", (int, str)))
def gen():
    yield from [1, 2]
print(*gen(), sep="-", end="!\n")
print(hash(1) == hash(1.0), id(l) == id(l), callable(print))
v = None
print(v is None, v is not None)
chars = 0
for ch in "hello":
    chars += 1
print(chars)
print(max if False else "no max")

"""#, stdout: #"""
__main__
{'b': 2, 'c': 3} 2 True
[10, 1, 2, 4] 4 1
6 (1, 2, 3)
"a'b" 5 42 2.5 False ['a', 'b'] (1,)
<class 'int'> <class 'str'> NoneType
True True
1-2!
True True True
True False
5
no max

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testUnpacking() {
        check(#"""
a, b = 1, 2
a, b = b, a
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
first, *rest = "hello"
print(first, rest)
*init, last = [1, 2, 3]
print(init, last)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]) if False else [(0, ("a", 1)), (1, ("b", 2))]:
    print(i, k, v)
try:
    p, q = 5
except TypeError as e:
    print(e)
d = {"k1": 1, "k2": 2}
print({**d, "k3": 3}, [*range(3), *"ab"], (*[1, 2],))
def f(*args, **kwargs):
    return args, kwargs
print(f(*[1, 2], 3, **{"a": 1}, b=2))

"""#, stdout: #"""
2 1
1 2 3
h ['e', 'l', 'l', 'o']
[1, 2] 3
0 a 1
1 b 2
cannot unpack non-iterable int object
{'k1': 1, 'k2': 2, 'k3': 3} [0, 1, 2, 'a', 'b'] (1, 2)
((1, 2, 3), {'a': 1, 'b': 2})

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testBigInts() {
        check(#"""
print(sum(i * i for i in range(3100000)))
x = 2 ** 64
print(x, x - 1, -x, x * x, x // 3, x % 7, 1 << 70, (1 << 70) >> 65, 10 ** 30 + 1)
n = 9223372036854775807
n += 1
print(n, n > 0, type(n).__name__)
print(f"{2**70:,} {2**70:x}")

"""#, stdout: #"""
9930328528333850000
18446744073709551616 18446744073709551615 -18446744073709551616 340282366920938463463374607431768211456 6148914691236517205 2 1180591620717411303424 32 1000000000000000000000000000001
9223372036854775808 True int
1,180,591,620,717,411,303,424 400000000000000000

"""#,
              stderr: #"""
"""#, exit: 0)
    }

    func testTracebackSubscriptCarets() {
        check(#"""
def inner(d):
    return d["missing"]

def outer():
    x = {"a": 1}
    return inner(x)

outer()

"""#, stdout: #"""
"""#,
              stderr: #"""
Traceback (most recent call last):
  File "t.py", line 8, in <module>
    outer()
  File "t.py", line 6, in outer
    return inner(x)
           ^^^^^^^^
  File "t.py", line 2, in inner
    return d["missing"]
           ~^^^^^^^^^^^
KeyError: 'missing'

"""#, exit: 1)
    }

    func testTracebackRaiseFrom() {
        check(#"""
def divide(a, b):
    return a / b

def compute():
    try:
        divide(1, 0)
    except ZeroDivisionError as e:
        raise ValueError("bad input") from e

compute()

"""#, stdout: #"""
"""#,
              stderr: #"""
Traceback (most recent call last):
  File "t.py", line 6, in compute
    divide(1, 0)
  File "t.py", line 2, in divide
    return a / b
           ~~^~~
ZeroDivisionError: division by zero

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "t.py", line 10, in <module>
    compute()
  File "t.py", line 8, in compute
    raise ValueError("bad input") from e
ValueError: bad input

"""#, exit: 1)
    }

    func testRecursionLimitTraceback() {
        check(#"""
def f(n):
    return f(n + 1)

f(0)

"""#, stdout: #"""
"""#,
              stderr: #"""
Traceback (most recent call last):
  File "t.py", line 4, in <module>
    f(0)
  File "t.py", line 2, in f
    return f(n + 1)
           ^^^^^^^^
  File "t.py", line 2, in f
    return f(n + 1)
           ^^^^^^^^
  File "t.py", line 2, in f
    return f(n + 1)
           ^^^^^^^^
  [Previous line repeated 996 more times]
RecursionError: maximum recursion depth exceeded

"""#, exit: 1)
    }

    func testTracebackDuringHandling() {
        check(#"""
try:
    int("x")
except ValueError:
    print(undefined)

"""#, stdout: #"""
"""#,
              stderr: #"""
Traceback (most recent call last):
  File "t.py", line 2, in <module>
    int("x")
ValueError: invalid literal for int() with base 10: 'x'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "t.py", line 4, in <module>
    print(undefined)
          ^^^^^^^^^
NameError: name 'undefined' is not defined

"""#, exit: 1)
    }

    func testTracebackAttributeAndCalls() {
        check(#"""
class Thing:
    def __init__(self):
        self.value = 1

def use(t):
    return t.missing_attr

def chain(n):
    if n == 0:
        return use(Thing())
    return chain(n - 1)

result = (1 +
          chain(2))

"""#, stdout: #"""
"""#,
              stderr: #"""
Traceback (most recent call last):
  File "t.py", line 14, in <module>
    chain(2))
    ^^^^^^^^
  File "t.py", line 11, in chain
    return chain(n - 1)
           ^^^^^^^^^^^^
  File "t.py", line 11, in chain
    return chain(n - 1)
           ^^^^^^^^^^^^
  File "t.py", line 10, in chain
    return use(Thing())
           ^^^^^^^^^^^^
  File "t.py", line 6, in use
    return t.missing_attr
           ^^^^^^^^^^^^^^
AttributeError: 'Thing' object has no attribute 'missing_attr'

"""#, exit: 1)
    }

    func testTracebackBinaryOperator() {
        check(#"""
def f(a, b):
    return a + b
data = {"x": [1, 2, 3]}
print(data["x"][1])
print(f(1, "s"))

"""#, stdout: #"""
2

"""#,
              stderr: #"""
Traceback (most recent call last):
  File "t.py", line 5, in <module>
    print(f(1, "s"))
          ^^^^^^^^^
  File "t.py", line 2, in f
    return a + b
           ~~^~~
TypeError: unsupported operand type(s) for +: 'int' and 'str'

"""#, exit: 1)
    }

    func testTracebackThroughFinally() {
        check(#"""
def g():
    raise ValueError("in g")
def h():
    try:
        g()
    finally:
        print("cleanup h")
h()

"""#, stdout: #"""
cleanup h

"""#,
              stderr: #"""
Traceback (most recent call last):
  File "t.py", line 8, in <module>
    h()
  File "t.py", line 5, in h
    g()
  File "t.py", line 2, in g
    raise ValueError("in g")
ValueError: in g

"""#, exit: 1)
    }

    func testSystemExitStatus() {
        check(#"""
print("before")
raise SystemExit(3)

"""#, stdout: #"""
before

"""#,
              stderr: #"""
"""#, exit: 3)
    }

    func testSystemExitMessage() {
        check(#"""
import_failed = False
def main():
    print("main running")
    raise SystemExit("fatal: bad thing")
if __name__ == "__main__":
    main()

"""#, stdout: #"""
main running

"""#,
              stderr: #"""
fatal: bad thing

"""#, exit: 1)
    }

    // MARK: reference cycles the end-of-run sweep breaks

    func testCyclesAreFreedAtTheEndOfARun() {
        check("""
        class Node:
            def __init__(self, name):
                self.name = name
                self.other = None
        a = Node("a"); b = Node("b")
        a.other = b; b.other = a
        a.me = a
        def outer():
            def fact(n):
                return 1 if n < 2 else n * fact(n - 1)
            return fact
        f = outer()
        class WithSuper(Exception):
            def __init__(self):
                super().__init__("x")
        e = WithSuper()
        def gen():
            try:
                yield e
            finally:
                pass
        g = gen()
        next(g)
        registry = {"g": g, "f": f}
        print(f(5), a.other.other.name)
        """, stdout: "120 a\n")
    }

    // MARK: imports

    func testImportOfPyFileBesideTheScriptRunsItOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minipy-import-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        print("helper loading", __name__)
        VALUE = 7
        def twice(x):
            return 2 * x
        """.write(to: dir.appendingPathComponent("helper.py"), atomically: true, encoding: .utf8)
        let main = """
        import helper
        import helper as h2
        from helper import twice, VALUE as V
        print(helper.twice(4), h2 is helper, twice(V), __name__)
        try:
            import not_there_at_all
        except ModuleNotFoundError as e:
            print(e)
        try:
            from helper import nope
        except ImportError as e:
            print(str(e).split(" (")[0])
        """
        let r = run(main, filename: dir.appendingPathComponent("main.py").path)
        XCTAssertEqual(r.stdout, """
        helper loading helper
        8 True 14 __main__
        No module named 'not_there_at_all'
        cannot import name 'nope' from 'helper'

        """)
        XCTAssertEqual(r.exitCode, 0)
    }

    func testSyntaxErrorInImportedModule() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minipy-bad-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("broken.py")
        try "x = (1 +\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = run("import broken\n", filename: dir.appendingPathComponent("main.py").path)
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.hasSuffix("""
          File "\(bad.path)", line 1
            x = (1 +
                ^
        SyntaxError: '(' was never closed

        """), r.stderr)
    }

    // MARK: exit statuses

    func testSyntaxErrorInTheScript() {
        let r = run("print(1)\nif True print(2)\n")
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, """
          File "t.py", line 2
            if True print(2)
                    ^^^^^
        SyntaxError: invalid syntax

        """)
    }

    func testRunFileThatCannotBeOpened() {
        XCTAssertEqual(MiniPy.runFile(path: "/nonexistent/dir/x.py"), 2)
    }

    func testKeyboardInterruptExitsWith130() {
        let objects = Mini_LiveObjects()
        MiniErr_SetInterrupt()
        let r = MiniPy.runSource("i = 0\nwhile True:\n    i += 1\n")
        XCTAssertEqual(r.exitCode, 130)
        XCTAssertTrue(r.stderr.hasPrefix("Traceback (most recent call last):\n"), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("KeyboardInterrupt\n"), r.stderr)
        XCTAssertEqual(Mini_LiveObjects(), objects)
    }

    // MARK: the eval breaker

    /// The default policy polls at function entry and on every backward jump: a loop of n
    /// iterations in a function polls at least n + 1 times; "every N instructions" polls about
    /// once per N; "never" does not poll.
    func testPollPolicies() {
        defer { MiniVM_SetPollPolicy(MINI_VM_POLL_CALLS_BACKEDGES, 100, 0) }
        let src = "def f(n):\n    while n > 0:\n        n -= 1\nf(1000)\n"
        MiniVM_SetPollPolicy(MINI_VM_POLL_CALLS_BACKEDGES, 100, 1)
        MiniVM_ResetPollCount()
        run(src)
        let backedges = MiniVM_PollCount()
        XCTAssertGreaterThanOrEqual(backedges, 2 * 1001)   // two runs
        XCTAssertLessThan(backedges, 2 * 1100)

        MiniVM_SetPollPolicy(MINI_VM_POLL_EVERY_N, 10, 1)
        MiniVM_ResetPollCount()
        run(src)
        let everyTen = MiniVM_PollCount()
        XCTAssertGreaterThan(everyTen, 2 * 3000 / 10)      // >= 3 instructions per iteration
        XCTAssertLessThan(everyTen, 2 * 12000 / 10)

        MiniVM_SetPollPolicy(MINI_VM_POLL_NEVER, 100, 1)
        MiniVM_ResetPollCount()
        run(src)
        XCTAssertEqual(MiniVM_PollCount(), 0)
    }

    func testRecursionLimitIsConfigurable() {
        let saved = MiniVM_GetRecursionLimit()
        defer { MiniVM_SetRecursionLimit(saved) }
        MiniVM_SetRecursionLimit(50)
        let r = run("def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    print(e)\n")
        XCTAssertEqual(r.stdout, "maximum recursion depth exceeded\n")
    }

    /// Deep recursion through C (a class whose __init__ instantiates the class) ends in
    /// RecursionError, not a crash.
    func testRecursionThroughCIsCaught() {
        let r = run("""
        class R:
            def __init__(self, n):
                self.child = R(n + 1)
        try:
            R(0)
        except RecursionError as e:
            print("caught", e)
        """)
        XCTAssertEqual(r.stdout, "caught maximum recursion depth exceeded\n")
    }
}
