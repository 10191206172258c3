# collections.Counter, defaultdict, OrderedDict, ChainMap.
from collections import Counter, defaultdict, OrderedDict, ChainMap

c = Counter('abracadabra')
print(c, c['a'], c['z'], len(c))
print(c.most_common(3), c.most_common()[-1], c.total())
print(sorted(c.elements()))
