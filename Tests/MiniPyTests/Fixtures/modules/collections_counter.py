# collections.Counter, defaultdict, OrderedDict, ChainMap.
from collections import Counter, defaultdict, OrderedDict, ChainMap

c = Counter('abracadabra')
print(c, c['a'], c['z'], len(c))
print(c.most_common(3), c.most_common()[-1], c.total())
print(sorted(c.elements()))
c.update('aaz')
c.subtract({'b': 5})
print(c)
words = 'the cat and the hat and the bat'.split()
wc = Counter(words)
print(wc.most_common(2), list(wc.keys()))
a, b = Counter(a=3, b=1), Counter(a=1, b=2)
print(a + b, a - b, a | b, a & b, -Counter(x=-2, y=3), +Counter(x=-2, y=3))
a += Counter(c=2)
print(a, a == Counter(c=2, a=3, b=1), Counter() == Counter(q=0))
del a['zz']
print(Counter({'x': 2}), Counter(), repr(Counter(k=1)))

dd = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]:
    dd[k].append(v)
print(dd, dict(dd), dd['none'], len(dd))
counts = defaultdict(int)
for ch in 'mississippi':
    counts[ch] += 1
print(sorted(counts.items()), counts.get('z'), 'z' in counts)
nd = defaultdict(None, {'k': 1})
try:
    nd['missing']
except KeyError as e:
    print('KeyError', e)
print(defaultdict(lambda: 'x').default_factory())
try:
    defaultdict(5)
except TypeError as e:
    print('TypeError', e)

od = OrderedDict()
od['b'] = 1
od['a'] = 2
od['c'] = 3
od.move_to_end('b')
print(od, list(od))
od.move_to_end('c', last=False)
print(list(od.items()), od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))
try:
    OrderedDict().popitem()
except KeyError as e:
    print('KeyError', e)

base = {'color': 'red', 'size': 1}
over = {'color': 'blue'}
cm = ChainMap(over, base)
print(cm['color'], cm['size'], len(cm), sorted(cm), cm.get('nope', 0), 'size' in cm)
child = cm.new_child({'size': 9})
print(child['size'], child.parents['size'], child.maps[0])
cm['new'] = 1
print(over, dict(cm) == {'color': 'blue', 'size': 1, 'new': 1})
try:
    cm['missing']
except KeyError as e:
    print('KeyError', e)
