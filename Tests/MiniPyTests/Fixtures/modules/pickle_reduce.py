# pickle and copy through __reduce_ex__/__reduce__/__getstate__: array.array (both of CPython's
# forms), classes with their own reductions, list and dict subclasses; bytes compared with CPython's.
import copy
import pickle
from array import array


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __reduce__(self):
        return (Point, (self.x * 10, self.y))


class Kept:
    def __init__(self):
        self.a, self.b = 1, 2

    def __getstate__(self):
        return {"a": self.a}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.restored = True


class NoState:
    def __getstate__(self):
        return None


class Bag(list):
    pass


class Table(dict):
    pass


class Reg:
    def __reduce_ex__(self, proto):
        return (Reg.make, (proto,), {"s": 1}, iter([]), iter([("k", "v")]))

    def __setitem__(self, k, v):
        print("setitem", k, v)

    @staticmethod
    def make(proto):
        r = Reg()
        r.proto = proto
        return r


class Named(array):
    pass


def show(label, value, proto=4):
    data = pickle.dumps(value, proto)
    back = pickle.loads(data)
    print(label, data.hex())
    return back


for code, items in (("d", [1.5, -2.25]), ("i", [1, -2, 3]), ("b", [-1, 2]), ("u", "hé"), ("Q", [2**64 - 1]), ("f", [])):
    a = array(code, items)
    back = show("array " + code, a)
    print(" ", back, back == a, back is a, back.typecode)
print(array("h", [1, 2]).__reduce_ex__(2))
r = array("h", [1, 2]).__reduce_ex__(4)
print(r[0].__name__, r[1][1:], r[2])
n = Named("i", [7, 8])
n.tag = "t"
back = show("subclass", n)
print(" ", type(back).__name__, back, back.tag)
plain = Named("i", [1])
back = show("subclass no dict", plain)
print(" ", type(back).__name__, back, vars(back))
back = show("point", Point(2, 3))
print(" ", back.x, back.y)
back = show("kept", Kept())
print(" ", sorted(vars(back).items()))
back = show("nostate", NoState())
print(" ", vars(back))
bag = Bag([1, 2, 3])
bag.name = "bag"
back = show("list subclass", bag)
print(" ", type(back).__name__, back, back.name)
back = show("dict subclass", Table(a=1, b=[2]))
print(" ", type(back).__name__, back)
back = show("reduce_ex 5-tuple", Reg(), 5)
print(" ", back.proto, back.s)
shared = array("i", [5])
back = pickle.loads(pickle.dumps([shared, shared]))
print("shared", back[0] is back[1], back)

# CPython 3.11's own bytes for array('d', [1.5, -2.25]), and the same reduction with a
# big-endian 'H' layout (machine format 5 is SIGNED_INT16_BE; 3 is UNSIGNED_INT16_BE).
print(pickle.loads(bytes.fromhex("80049552000000000000008c056172726179948c145f61727261795f7265636f6e7374727563746f72949394288c05617272"
                                 "6179948c0561727261799493948c0164944b104310000000000000f83f00000000000002c094749452942e")))
print(pickle.loads(pickle.dumps(array("H", [1, 2]))))
from array import _array_reconstructor
print(_array_reconstructor(array, "H", 3, b"\x00\x01\x00\x02"))
for bad in ((int, "b", 1, b""), (array, "z", 1, b""), (array, "b", 99, b""), (array, "b", 1, "x"), ("x", "b", 1, b"")):
    try:
        _array_reconstructor(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

class BadReduce:
    def __reduce__(self):
        return 42


class ShortReduce:
    def __reduce__(self):
        return (BadReduce,)


for obj in (BadReduce(), ShortReduce()):
    try:
        pickle.dumps(obj)
    except pickle.PicklingError as e:
        print("PicklingError", e)

c = copy.copy(n)
print("copy", type(c).__name__, c)
d = copy.deepcopy([array("d", [1.0]), Point(1, 2)])
print("deepcopy", d[0], d[1].x)
