# weakref: ref with callbacks, hash and equality, proxies, counts, the error for types without
# weak references, and the containers whose entries vanish with their objects.
import gc
import weakref


class A:
    def __init__(self, v=0):
        self.v = v

    def method(self):
        return self.v

    def __repr__(self):
        return f"A({self.v})"

    def __eq__(self, other):
        return isinstance(other, A) and self.v == other.v

    def __hash__(self):
        return hash(self.v)


a = A(1)
r = weakref.ref(a)
print(r() is a, weakref.ref(a) is r, type(r).__name__, isinstance(r, weakref.ref))
print(weakref.getweakrefcount(a), weakref.getweakrefs(a) == [r])

events = []
def cb(wr):
    events.append(("cb", wr is r2, wr()))
r2 = weakref.ref(a, cb)
print(r2 is not r, r2.__callback__ is cb, r.__callback__)
print(weakref.getweakrefcount(a))
del a
print(events, r(), r2())

# Callbacks run newest first.
order = []
b = A(2)
refs = [weakref.ref(b, lambda wr, i=i: order.append(i)) for i in range(3)]
del b
print("order:", order)

# hash and == follow the referent while it lives; a dead ref keeps its hash.
x1, x2 = A(5), A(5)
w1, w2 = weakref.ref(x1), weakref.ref(x2)
print(w1 == w2, hash(w1) == hash(5), w1 != w2)
h = hash(w1)
del x1
print(w1 == w2, hash(w1) == h, w1 == w1)
y = A(6)
wy = weakref.ref(y)
del y
try:
    hash(wy)
except TypeError as e:
    print("TypeError:", e)

# Types without weak references.
for obj in (1, "s", (1,), [1], {}, None, 2.5, b"b"):
    try:
        weakref.ref(obj)
    except TypeError as e:
        print("TypeError:", e)

class Slotted:
    __slots__ = ("x",)
class SlottedWeak:
    __slots__ = ("x", "__weakref__")
try:
    weakref.ref(Slotted())
except TypeError as e:
    print("TypeError:", e)
sw = SlottedWeak()
print(weakref.ref(sw)() is sw)

# Things that accept weak references.
def f():
    pass
print(weakref.ref(f)() is f, weakref.ref(A)() is A, weakref.ref({1})() is not None,
      weakref.ref(frozenset())() is not None)
try:
    weakref.ref(ValueError())
except TypeError as e:
    print("TypeError:", e)

# Proxies.
p_obj = A(7)
p = weakref.proxy(p_obj)
print(p.v, p.method(), p == A(7), type(p).__name__)
p.v = 8
print(p_obj.v, weakref.getweakrefcount(p_obj))
cp = weakref.proxy(f)
print(type(cp).__name__, cp() is None)
del p_obj
try:
    p.v
except ReferenceError as e:
    print("ReferenceError:", e)

# WeakValueDictionary.
wvd = weakref.WeakValueDictionary()
vals = [A(i) for i in range(5)]
for i, v in enumerate(vals):
    wvd[i] = v
print(len(wvd), sorted(wvd.keys()), wvd[2], 2 in wvd, wvd.get(9, "none"))
del vals[0:3], v
print(len(wvd), sorted(wvd.keys()), 0 in wvd, wvd.get(0, "gone"))
try:
    wvd[1]
except KeyError as e:
    print("KeyError:", e)
print(sorted(x.v for x in wvd.values()), sorted((k, x.v) for k, x in wvd.items()))
print(wvd.pop(3), len(wvd), wvd.setdefault(4, None))
# Entries whose values are in a garbage cycle go at the next collection.
c = A(9); c.me = c
wvd["cycle"] = c
del c
gc.collect()
print("cycle" in wvd, len(wvd))
vals.clear()
print(len(wvd), list(wvd.items()))

# WeakKeyDictionary.
wkd = weakref.WeakKeyDictionary()
k1, k2 = A(10), A(11)
wkd[k1] = "one"
wkd[k2] = "two"
print(len(wkd), wkd[k1], k2 in wkd, 3 in wkd, sorted(wkd.values()))
del k1
print(len(wkd), [k.v for k in wkd.keys()], wkd.get(A(11)))
del k2
print(len(wkd), list(wkd.items()))

# WeakSet.
ws = weakref.WeakSet()
m1, m2, m3 = A(20), A(21), A(22)
ws.add(m1); ws.add(m2); ws.add(m3); ws.add(m1)
print(len(ws), m1 in ws, 5 in ws, sorted(x.v for x in ws))
del m2
print(len(ws), sorted(x.v for x in ws))
ws.discard(m3)
print(len(ws), [x.v for x in ws])
del m1
print(len(ws), list(ws))

# WeakMethod.
obj = A(30)
wm = weakref.WeakMethod(obj.method)
print(wm()(), wm() == obj.method)
died = []
wm2 = weakref.WeakMethod(obj.method, lambda r: died.append("method died"))
del obj
print(wm(), died)
try:
    weakref.WeakMethod(f)
except TypeError as e:
    print("TypeError:", e)

# finalize.
calls = []
target = A(40)
fin = weakref.finalize(target, calls.append, "finalized")
print(fin.alive, fin.peek()[1] is calls.append)
del target
print(calls, fin.alive)
t2 = A(41)
fin2 = weakref.finalize(t2, calls.append, "called early")
print(fin2(), calls, fin2.alive, fin2())
del t2
print(calls)
t3 = A(42)
fin3 = weakref.finalize(t3, calls.append, "never")
print(fin3.detach()[0] is t3, fin3.alive)
del t3
print(calls)
