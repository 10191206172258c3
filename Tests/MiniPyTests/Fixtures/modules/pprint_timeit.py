# pprint layouts and timeit's interface (results are not printed: they are timings).
import pprint
import timeit
from collections import OrderedDict, defaultdict, Counter, deque

data = {'name': 'widget', 'tags': ['a', 'b', 'c'], 'dims': {'w': 10, 'h': 20, 'd': 5},
        'history': [{'version': i, 'changes': ['fix %d' % j for j in range(3)]} for i in range(3)],
        'empty': {}, 'tuple': (1,), 'set': {3, 1, 2}}
pprint.pprint(data)
pprint.pprint(data, width=40, indent=2)
pprint.pprint(data, depth=1)
print(pprint.pformat(list(range(40)), width=60, compact=True))
print(pprint.pformat(list(range(30)), width=60))
pprint.pp({'b': 1, 'a': [2] * 30})
pprint.pprint(OrderedDict((str(i), i * 'x') for i in range(8)))
pprint.pprint(Counter('abracadabra' * 5), width=30)
dd = defaultdict(list, {'k%d' % i: list(range(i)) for i in range(6)})
pprint.pprint(dd, width=40)
pprint.pprint(deque(range(30), maxlen=50), width=50)
pprint.pprint(frozenset(range(25)), width=50)
pprint.pprint('lorem ipsum dolor sit amet ' * 6, width=40)
rec = [1, 2]
rec.append(rec)
print(pprint.saferepr(rec).replace(str(id(rec)), 'ID'), pprint.isrecursive(rec), pprint.isreadable([1, 'a']), pprint.isreadable(object()))
rec.pop()
print(pprint.pformat({'z': 1, 'a': 2}), pprint.pformat({'z': 1, 'a': 2}, sort_dicts=False), pprint.pformat(10**12, underscore_numbers=True))

t = timeit.Timer('x = sum(range(10))')
n = t.timeit(number=100)
print(type(n).__name__, n >= 0, len(t.repeat(repeat=3, number=10)))
print(timeit.timeit(lambda: [i * i for i in range(10)], number=50) >= 0)
print(timeit.timeit('y = a * 2', setup='a = 21', number=10) >= 0)
g = {'value': 5}
print(timeit.timeit('value + 1', globals=g, number=5) >= 0)
try:
    timeit.Timer('x = (')
except SyntaxError as e:
    print('SyntaxError')
try:
    timeit.Timer(5)
except ValueError as e:
    print('ValueError', e)
