# Reference cycles of every kind are freed by gc.collect(): each cycle holds an instance we keep
# a weak reference to; after `del` the instance is still alive (the cycle keeps it), after
# gc.collect() it is gone.
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name


def check(label, make):
    gc.collect()
    probe = make()
    alive_before = probe() is not None
    gc.collect()
    print(f"{label}: alive before collect={alive_before}, alive after={probe() is not None}")


def self_list():
    n = Node("l"); l = [n]; l.append(l); return weakref.ref(n)

def self_dict():
    n = Node("d"); d = {"n": n}; d["d"] = d; return weakref.ref(n)

def self_instance():
    n = Node("i"); n.me = n; return weakref.ref(n)

def two_instances():
    a = Node("a"); b = Node("b"); a.other = b; b.other = a; return weakref.ref(a)

def through_tuple():
    n = Node("t"); l = [n]; t = (l,); l.append(t); return weakref.ref(n)

def through_set_and_frozenset():
    n = Node("s"); holder = Node("h"); s = {n, frozenset([holder])}; holder.s = s; return weakref.ref(n)

def through_closure():
    n = Node("c")
    def f():
        return n
    n.f = f
    return weakref.ref(n)

def through_bound_method():
    n = Node("m")
    class C:
        def meth(self):
            return self
    c = C(); c.node = n; c.m = c.meth; n.c = c
    return weakref.ref(n)

def through_generator():
    n = Node("g")
    def gen(x):
        yield x
        yield x
    g = gen(n); next(g); n.g = g
    return weakref.ref(n)

def through_exception():
    n = Node("e")
    try:
        raise ValueError("boom")
    except ValueError as e:
        n.exc = e
        e.node = n
    return weakref.ref(n)

def through_traceback_context():
    n = Node("x")
    try:
        try:
            raise KeyError("inner")
        except KeyError:
            raise RuntimeError("outer")
    except RuntimeError as e:
        e.__context__.node = n
        n.e = e
    return weakref.ref(n)

def through_class():
    class K:
        pass
    K.me = K
    n = Node("k"); K.n = n; n.k = K
    return weakref.ref(n)

def through_property_and_staticmethod():
    n = Node("p")
    class P:
        prop = property(lambda self: n)
        st = staticmethod(lambda: n)
        cm = classmethod(lambda cls: n)
    n.P = P
    return weakref.ref(n)

def through_slots():
    class S:
        __slots__ = ("other", "__weakref__")
    a = S(); b = S(); a.other = b; b.other = a
    return weakref.ref(a)

def through_iterator():
    n = Node("it"); l = [n]; it = iter(l); l.append(it); return weakref.ref(n)

def through_dict_subclass():
    class D(dict):
        pass
    n = Node("ds"); d = D(n=n); d["d"] = d; return weakref.ref(n)

def through_list_subclass():
    class L(list):
        pass
    n = Node("ls"); l = L([n]); l.append(l); l.attr = l; return weakref.ref(n)

def through_cell_chain():
    n = Node("cell")
    def outer():
        x = n
        def inner():
            return x, inner
        return inner
    n.inner = outer()
    return weakref.ref(n)

def deep_chain():
    head = Node("head"); cur = head
    for i in range(5000):
        nxt = Node(i); cur.next = nxt; cur = nxt
    cur.next = head
    return weakref.ref(head)

for label, make in [("self list", self_list), ("self dict", self_dict), ("self instance", self_instance),
                    ("two instances", two_instances), ("tuple", through_tuple), ("sets", through_set_and_frozenset),
                    ("closure", through_closure), ("bound method", through_bound_method),
                    ("generator", through_generator), ("exception", through_exception),
                    ("context", through_traceback_context), ("class", through_class),
                    ("property/staticmethod/classmethod", through_property_and_staticmethod),
                    ("slots", through_slots), ("iterator", through_iterator),
                    ("dict subclass", through_dict_subclass), ("list subclass", through_list_subclass),
                    ("cells", through_cell_chain), ("5000-long ring", deep_chain)]:
    check(label, make)

# collect() counts what it found unreachable.
gc.collect()
l = []; l.append(l); del l
print("self-referencing list: collect() >= 1:", gc.collect() >= 1, "then:", gc.collect())

# Reachable objects survive.
keep = [Node("kept")]; keep.append(keep)
r = weakref.ref(keep[0])
gc.collect()
print("reachable cycle survives:", r() is not None)
del keep
gc.collect()
print("then freed:", r() is None)

# The controls.
print(gc.isenabled(), gc.get_threshold())
gc.disable(); print(gc.isenabled()); gc.enable(); print(gc.isenabled())
old = gc.get_threshold()
gc.set_threshold(500, 5); print(gc.get_threshold()); gc.set_threshold(*old)
print(gc.collect(0) >= 0, gc.collect(1) >= 0, gc.collect(generation=2) >= 0)
try:
    gc.collect(3)
except ValueError as e:
    print("ValueError:", e)
print(gc.is_tracked([]), gc.is_tracked({"k": []}), gc.is_tracked(Node("t")), gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked(None))
print(len(gc.get_count()), all(isinstance(c, int) for c in gc.get_count()))
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.garbage, type(gc.callbacks))

# get_referrers / get_referents.
target = Node("target")
holder_list = [target]
holder_dict = {"t": target}
refs = gc.get_referrers(target)
print("list refers:", any(x is holder_list for x in refs), "dict refers:", any(x is holder_dict for x in refs))
print(sorted(map(repr, gc.get_referents([1, "two", (3,)]))))
print(gc.get_referents(1, "x"))
print(any(o is holder_list for o in gc.get_objects()))
print(len(gc.get_stats()), sorted(gc.get_stats()[0]))

# gc.callbacks see every collection.
phases = []
def cb(phase, info):
    phases.append((phase, sorted(info)))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(phases)
