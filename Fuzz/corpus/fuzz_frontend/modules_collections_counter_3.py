a += Counter(c=2)
print(a, a == Counter(c=2, a=3, b=1), Counter() == Counter(q=0))
del a['zz']
print(Counter({'x': 2}), Counter(), repr(Counter(k=1)))

dd = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]:
    dd[k].append(v)
print(dd, dict(dd), dd['none'], len(dd))
