# instance_attrs.py: instance attribute reads and writes from warm code (the eval loop's inline
# caches, specialize.h) must give what an unspecialised run gives when the shapes change under
# them: attributes added or deleted after the cache warmed, __dict__ read, replaced and mutated
# directly, vars(), __slots__, a class attribute shadowing or shadowed, __getattr__ added later.

class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def get(self):
        return self.x + self.y

def read_x(o):
    return o.x

def read_z(o):
    try:
        return o.z
    except AttributeError as e:
        return "AttributeError: %s" % e

def set_z(o, v):
    o.z = v

ps = [P(i, i * 10) for i in range(20)]
print(sum(read_x(p) for p in ps), sum(p.get() for p in ps))

# An attribute added to one instance after the sites warmed; then deleted.
p = ps[3]
print(read_z(p))
for q in ps:
    read_z(q)
set_z(p, 99)
print(read_z(p), read_z(ps[4]))
del p.z
print(read_z(p))
del p.x
try:
    read_x(p)
except AttributeError as e:
    print("AttributeError:", e)
p.x = 3
print(read_x(p), list(p.__dict__))

# Attribute order in __dict__ and vars(), as CPython prints it.
q = P(1, 2)
q.c = 3
q.a = 4
del q.x
q.x = 5
print(q.__dict__, vars(q))

# __dict__ mutated, replaced, cleared directly while the sites are warm.
for _ in range(30):
    read_x(q)
q.__dict__["x"] = 42
print(read_x(q))
q.__dict__.update({"x": 7, "new": 8})
print(read_x(q), q.new)
q.__dict__ = {"x": -1}
print(read_x(q), read_z(q), vars(q))
q.__dict__.clear()
try:
    read_x(q)
except AttributeError as e:
    print("AttributeError:", e)
vars(q)["x"] = "via vars"
print(read_x(q))

# Many attributes: the instance dict grows past its first table.
r = P(0, 0)
for i in range(40):
    setattr(r, "a%d" % i, i)
print(len(vars(r)), r.a39, read_x(r), list(vars(r))[:4])

# A class attribute shadowed by an instance attribute, and the reverse.
class C:
    kind = "class"
    def __init__(self):
        self.v = 1
def read_kind(o):
    return o.kind
cs = [C() for _ in range(10)]
print([read_kind(c) for c in cs][:2])
cs[0].kind = "instance"
print(read_kind(cs[0]), read_kind(cs[1]))
C.kind = "changed"
print(read_kind(cs[0]), read_kind(cs[1]))
del cs[0].kind
print(read_kind(cs[0]))
C.v = "class v"
print(cs[1].v)
del cs[1].v
print(cs[1].v)

# A data descriptor added to the class after the instance attribute cache warmed.
def read_v(o):
    return o.v
for c in cs[2:]:
    read_v(c)
C.v = property(lambda self: "property")
print(read_v(cs[2]), cs[2].__dict__)

# __getattr__ added to the class later: missing attributes stop raising.
print(read_z(cs[3]))
C.__getattr__ = lambda self, name: "getattr:" + name
print(read_z(cs[3]), read_kind(cs[3]))
del C.__getattr__
print(read_z(cs[3]))

# __slots__ classes, including a subclass that adds a __dict__.
class S:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
class SD(S):
    pass
ss = [S(i) for i in range(10)] + [SD(100)]
print(sum(read_x(s) for s in ss))
try:
    read_x(S.__new__(S))
except AttributeError as e:
    print("AttributeError:", e)
try:
    set_z(ss[0], 1)
except AttributeError as e:
    print("AttributeError:", e)
sd = ss[-1]
set_z(sd, 5)
print(read_z(sd), vars(sd), hasattr(ss[0], "__dict__"))
del ss[1].x
print(hasattr(ss[1], "x"))

# Polymorphic sites: one function reading self.x for instances of several classes.
class A:
    def __init__(self):
        self.x = "A"
class B(A):
    pass
class D(A):
    def __init__(self):
        self.y = 0
        self.x = "D"
class E:
    x = "E class"
objs = [A(), B(), D(), E(), A(), B(), D(), E()]
print([read_x(o) for o in objs])
objs[3].x = "E inst"
print([read_x(o) for o in objs][:4])

# Instances whose dict was given at creation through __dict__ assignment in __init__.
class F:
    def __init__(self, **kw):
        self.__dict__ = kw
f = F(x=1, y=2)
print(read_x(f), vars(f))
set_z(f, 3)
print(vars(f))

# Instances that keep their attributes in a values array indexed by the class's shared names
# (instvalues_internal.h) fall back to a real dict when they stop following the class's order.
class K:
    def __init__(self, first):
        if first:
            self.a = 1
            self.b = 2
        else:
            self.b = 20
            self.a = 10
def read_a(o):
    return o.a
def set_a(o, v):
    o.a = v
ks = [K(i % 3 != 0) for i in range(12)]
print([read_a(k) for k in ks][:4], [list(vars(k)) for k in ks[:2]])
for k in ks:
    set_a(k, k.b * 2)
print([read_a(k) for k in ks][:4], ks[0].__dict__, ks[1].__dict__)
# Attributes added one by one past the class's first size, then a 31st name and more.
big = K(True)
for i in range(35):
    setattr(big, "n%d" % i, i)
print(len(vars(big)), list(vars(big))[:5], big.n34, read_a(big))
small = K(True)
small.n0 = "again"
print(small.__dict__)
# A name built at run time (an equal str, not the same object), and a str subclass as a name.
class Name(str):
    pass
odd = K(True)
setattr(odd, "".join(["c", "c"]), 5)
print(odd.cc, getattr(odd, "a" + ""), odd.__dict__)
setattr(odd, Name("d"), 6)
print(odd.d, sorted(odd.__dict__))
# A warm read site that sees the same attribute moved into a dict, then a new instance again.
late = K(True)
for _ in range(20):
    read_a(late)
d = late.__dict__
d["a"] = "from dict"
print(read_a(late), read_a(K(True)))
# Cycles through attribute values are collected; weak references see the instance go.
import gc, weakref
class Node:
    def __init__(self):
        self.me = self
        self.other = None
n1, n2 = Node(), Node()
n1.other, n2.other = n2, n1
w = weakref.ref(n1)
del n1, n2
gc.collect()
print(w() is None)
# Copy and pickle read __dict__; the copies keep the attributes and their order.
import copy, pickle
src = K(False)
src.extra = [1, 2]
cp = copy.copy(src)
dc = copy.deepcopy(src)
pk = pickle.loads(pickle.dumps(src))
print(cp.__dict__, dc.__dict__, pk.__dict__, dc.extra is not src.extra, cp.extra is src.extra)
# A subclass with its own names, read by the base class's site (polymorphic, other index).
class KK(K):
    def __init__(self):
        self.z = 0
        K.__init__(self, True)
kks = [KK() for _ in range(5)]
print([read_a(o) for o in kks + ks[:3]], list(vars(kks[0])))
# A method shadowed by an instance attribute kept in values.
class M:
    def __init__(self):
        self.v = 1
    def f(self):
        return "method"
def call_f(o):
    return o.f()
ms = [M() for _ in range(12)]
print([call_f(m) for m in ms][:2])
ms[5].f = lambda: "instance"
print(call_f(ms[5]), call_f(ms[6]))
