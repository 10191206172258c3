# dict.fromkeys is a class method: on a subclass it builds the subclass (through its __init__ and
# __setitem__), with the value shared by every key; argument errors are CPython's.
class D(dict):
    pass


class Logged(dict):
    def __init__(self, *a, **k):
        print('init', a, k)
        super().__init__(*a, **k)

    def __setitem__(self, key, value):
        print('set', key, value)
        super().__setitem__(key, value)


d = D.fromkeys('abc', 0)
print(type(d).__name__, d)
print(type(D.fromkeys([])).__name__, D.fromkeys(range(3)))
print(type(dict.fromkeys('xy')).__name__, dict.fromkeys('xy', [1]))
shared = dict.fromkeys('pq', [])
shared['p'].append(1)
print(shared)
print(type(Logged.fromkeys('ab', 1)).__name__)
print(type(d.fromkeys('z')).__name__)
from collections import OrderedDict, defaultdict, Counter
print(type(OrderedDict.fromkeys('ab')).__name__, OrderedDict.fromkeys('ab', 2))
print(type(defaultdict.fromkeys('ab')).__name__)
for call in (lambda: dict.fromkeys(), lambda: dict.fromkeys(1, 2, 3), lambda: dict.fromkeys(5),
             lambda: D.fromkeys([[1]])):
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
