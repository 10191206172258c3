ns.c = [3]
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b='two', c=[3]), ns != types.SimpleNamespace())
try:
    types.SimpleNamespace({'x': 1}, y=2)
except TypeError as e:
    print('TypeError', e)
mp = types.MappingProxyType({'k': 1, 'j': 2})
print(mp['k'], len(mp), 'j' in mp, sorted(mp), mp.get('z', 0), mp)
