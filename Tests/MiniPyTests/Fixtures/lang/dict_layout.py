# dict_layout.py: dicts whose tables grow through every index width (1-byte indices up to 128
# slots, 2-byte up to 32768, then 4-byte), with deletions, re-insertions, popitem and clear along
# the way: order, lookups and lengths must stay what CPython gives.

def check(d, n, label):
    ok = all(d[k] == k * 2 for k in d)
    print(label, len(d), ok, list(d)[:3], list(d)[-3:])

for n in (0, 1, 5, 6, 85, 86, 200, 21845, 21846, 40000):
    d = {}
    for i in range(n):
        d[i] = i * 2
    check(d, n, "grow %d:" % n)

# Deletions leave holes; re-insertion goes to the end; a resize compacts.
d = {i: i * 2 for i in range(300)}
for i in range(0, 300, 3):
    del d[i]
for i in range(0, 30, 3):
    d[i] = i * 2
check(d, len(d), "holes:")
print(list(d)[-10:])

# popitem takes from the end and the tail is reused.
d = {str(i): i for i in range(10)}
print(d.popitem(), d.popitem(), len(d))
d["x"] = 1
print(list(d.items())[-3:])

# Many deletions and insertions on a small dict (the 8-slot table churns).
d = {}
for i in range(1000):
    d[i % 7] = i
    if i % 3 == 0:
        del d[i % 7]
print(sorted(d.items()), len(d))

# clear, then use again; copies, equality, reversed, views.
d = {"a": 1, "b": 2, "c": 3}
e = d.copy()
d.clear()
print(d, len(d), e == {"c": 3, "b": 2, "a": 1}, d == {})
d.update(e)
d["d"] = 4
print(d, list(reversed(d)), list(d.values()), "b" in d.keys(), ("d", 4) in d.items())

# Keys of mixed types and hash collisions (ints equal to their hash modulo the table size).
d = {}
for i in range(50):
    d[i * 1024] = i
    d[str(i)] = -i
    d[(i, i)] = i
print(len(d), d[49 * 1024], d["49"], d[(3, 3)], 1024 in d, 1023 in d)

# Iterating while the dict changes size is an error, as in CPython.
d = {i: i for i in range(10)}
try:
    for k in d:
        d[k + 100] = 0
except RuntimeError as e:
    print("RuntimeError:", e)

# A key whose __eq__ mutates the dict during a lookup.
class Evil:
    def __init__(self, h):
        self.h = h
    def __hash__(self):
        return self.h
    def __eq__(self, other):
        big.clear()
        return False
big = {Evil(1): 1, Evil(2): 2}
print(big.get(Evil(1), "missing"), len(big))

# Keyword arguments and **kwargs dicts, fromkeys, setdefault, pop.
def f(**kw):
    return kw
print(f(a=1, b=2, c=3, d=4, e=5, f=6, g=7))
d = dict.fromkeys("abcdefghij", 0)
d.setdefault("k", 9)
print(d.pop("a"), d.pop("zz", None), list(d)[:3], len(d))

# An instance's __dict__ (its attributes move from the values array the class's names index into
# a real dict on first use): the same object every time, in the order of setting, writes seen.
class Obj:
    def __init__(self):
        self.p = 1
        self.q = 2
o = Obj()
d1 = o.__dict__
print(d1 is o.__dict__, d1 is vars(o), d1)
d1["r"] = 3
o.s = 4
print(o.r, list(o.__dict__), len(d1))
for i in range(40):
    setattr(o, "k%d" % i, i)
print(len(o.__dict__), list(o.__dict__)[-2:], o.k39, Obj().__dict__)
