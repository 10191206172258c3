# __del__ (PEP 442): called once per object, also for objects in a cycle, before the cycle is
# broken; an object its finalizer resurrects lives on and is not finalized a second time.
import gc
import weakref

log = []


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)


# Plain reference counting runs __del__ at once.
n = Noisy("plain")
del n
print("refcount:", log); log.clear()

# A cycle: both finalizers run during collect, each once, and both objects go.
gc.collect()
a = Noisy("a"); b = Noisy("b"); a.other = b; b.other = a
ra = weakref.ref(a)
del a, b
print("before collect:", log, ra() is not None)
gc.collect()
print("after collect:", sorted(log), ra() is None); log.clear()
gc.collect()
print("nothing more:", log)

# The finalizer sees its cycle intact.
class Peek:
    def __del__(self):
        log.append(("peek", self.partner.name))
p = Peek(); q = Noisy("partner"); p.partner = q; q.p = p
del p, q
gc.collect()
print("intact:", sorted(log, key=str)); log.clear()

# Resurrection: the finalizer stores self in a global.
saved = []
class Phoenix:
    def __init__(self):
        self.me = self
    def __del__(self):
        log.append("phoenix finalized")
        saved.append(self)
Phoenix()
gc.collect()
print(log, len(saved), gc.is_finalized(saved[0])); log.clear()
r = weakref.ref(saved[0])
saved.clear()
gc.collect()
print("second death, no second __del__:", log, r() is None)

# A resurrected object reached by reference counting.
class Once:
    def __del__(self):
        log.append("once")
        saved.append(self)
Once()
print(log, len(saved)); log.clear()
saved.clear()
print("freed without a second call:", log)

# An exception in __del__ is reported, not raised (stderr is not compared here).
# Finalizers of objects that are still reachable do not run.
keep = Noisy("kept"); keep.me = keep
gc.collect()
print("reachable not finalized:", log, gc.is_finalized(keep))
del keep
gc.collect()
print(log); log.clear()

# gc.garbage stays empty: nothing is uncollectable.
print(gc.garbage)

# DEBUG_SAVEALL keeps the garbage in gc.garbage instead of freeing it.
gc.set_debug(gc.DEBUG_SAVEALL)
l = []; l.append(l); del l
gc.collect()
print(len(gc.garbage) >= 1, any(type(x) is list for x in gc.garbage))
gc.set_debug(0)
for x in gc.garbage:
    if type(x) is list:
        x.clear()
gc.garbage.clear()
gc.collect()
print(gc.get_debug(), gc.garbage)
