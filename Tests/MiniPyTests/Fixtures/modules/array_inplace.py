# In-place operators on the built-in mutable sequences keep the object (x += y, x *= n):
# array.array, bytearray and list, their subclasses, their errors, and buffer exports.
from array import array

a = array("i", [1, 2])
before = id(a)
a += array("i", [3])
print(a, id(a) == before)
a *= 2
print(a, id(a) == before)
a += a
print(a, id(a) == before)
for bad in (array("d", [1.0]), [1], "x"):
    try:
        a += bad
    except TypeError as e:
        print("TypeError", e)
for bad in (2.0, "3", None):
    try:
        a *= bad
    except TypeError as e:
        print("TypeError", e)
a *= 0
print(a, id(a) == before)
a.extend([4, 5])
a *= -3
print(a, len(a), id(a) == before)


class Sub(array):
    pass


s = Sub("b", [1])
before = id(s)
s += array("b", [2])
s *= 2
print(s, id(s) == before, type(s).__name__)
print(hasattr(array, "__iadd__"), hasattr(array, "__imul__"))
print(array("h", [9]).__iadd__(array("h", [8])), array("h", [9]).__imul__(3))

x = array("d", [1.5])
view = memoryview(x)
for op in ("add", "mul"):
    try:
        if op == "add":
            x += array("d", [2.0])
        else:
            x *= 2
    except BufferError as e:
        print("BufferError", op, e)
x *= 1
print("times one while exported", x)
view.release()
x *= 2
print(x)

items = [1, [2]]
before = id(items)
items *= 3
print(items, id(items) == before, items[1] is items[3])
items += (4,)
items += "ab"
print(items, id(items) == before)
items *= 0
print(items, id(items) == before)
try:
    items *= "2"
except TypeError as e:
    print("TypeError", e)
alias = [7]
keep = alias
alias *= 2
print(keep, keep is alias)


class MyList(list):
    pass


m = MyList([1])
before = id(m)
m *= 2
m += [3]
print(m, type(m).__name__, id(m) == before)
print(list.__imul__([1, 2], 2), list.__iadd__([1], (2, 3)))

b = bytearray(b"ab")
before = id(b)
b *= 2
print(b, id(b) == before)
b += memoryview(b"z")
print(b, id(b) == before)
b *= -1
print(b, id(b) == before)
b += b"xy"
mv = memoryview(b)
try:
    b *= 2
except BufferError as e:
    print("BufferError", e)
mv.release()
try:
    b *= 1.5
except TypeError as e:
    print("TypeError", e)
print(bytearray.__imul__(bytearray(b"q"), 3), bytearray.__iadd__(bytearray(b"q"), b"r"))
t = (1,)
before = id(t)
t *= 2
print(t, id(t) == before)
