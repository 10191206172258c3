# reprlib: repr() with size limits (items of lists, tuples, sets, dicts; characters of strings,
# digits of ints, length of other reprs; nesting depth) and recursive_repr for self-containing
# objects.
import reprlib

print(reprlib.repr(list(range(20))))
print(reprlib.repr(tuple(range(3))), reprlib.repr((1,)), reprlib.repr(()))
print(reprlib.repr(set(range(10))), reprlib.repr(frozenset()), reprlib.repr(set()))
print(reprlib.repr({i: str(i) for i in range(8)}))
print(reprlib.repr('x' * 100))
print(reprlib.repr("it's " * 10))
print(reprlib.repr(2 ** 200))
print(reprlib.repr([[[[[[[[1]]]]]]]]))
print(reprlib.repr(object)[:20], reprlib.repr(3.5), reprlib.repr(None))


class Big:
    def __repr__(self):
        return 'Big(' + 'z' * 60 + ')'


print(reprlib.repr(Big()))
r = reprlib.Repr()
r.maxlist = 2
r.maxstring = 10
print(r.repr([1, 2, 3]), r.repr('abcdefghijklmnop'))


class Node:
    def __init__(self):
        self.children = []

    @reprlib.recursive_repr()
    def __repr__(self):
        return 'Node(%r)' % self.children


n = Node()
n.children.append(n)
print(repr(n))
print(Node.__repr__.__name__)
