# Automatic collection: a loop that leaves a reference cycle behind on every iteration stays
# bounded in memory without any gc.collect() call, because allocations trigger collections.
# Counted in objects (live Node instances), not in time.
import gc


class Node:
    live = 0
    peak = 0

    def __init__(self):
        Node.live += 1
        Node.peak = max(Node.peak, Node.live)
        self.me = self
        self.data = [self, {"n": self}]

    def __del__(self):
        Node.live -= 1


gc.collect()
for i in range(50_000):
    Node()
print("automatic collection kept the peak bounded:", Node.peak < 20_000)
gc.collect()
print("all freed after collect:", Node.live == 0)

# With automatic collection off, the cycles pile up until collect() is called.
gc.disable()
Node.peak = 0
for i in range(3_000):
    Node()
print("disabled: all 3000 alive:", Node.live == 3_000)
print("collect found them:", gc.collect() >= 3_000, Node.live)
gc.enable()

# Cycles of generators and closures in a loop are reclaimed too.
import weakref
alive = weakref.WeakSet()
class Box:
    pass
def make():
    b = Box()
    def gen():
        yield b
    g = gen()
    next(g)
    b.g = g
    b.f = lambda: b
    alive.add(b)
for i in range(20_000):
    make()
print("boxes bounded:", len(alive) < 15_000)
gc.collect()
print("boxes after collect:", len(alive))
