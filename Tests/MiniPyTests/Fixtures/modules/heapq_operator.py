# heapq and operator.
import heapq
import operator
from operator import itemgetter, attrgetter, methodcaller

h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, x)
print(h[0], [heapq.heappop(h) for _ in range(len(h))])
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data)
print(data[0], heapq.heappushpop(data, 0), heapq.heapreplace(data, 10), sorted(data))
tasks = []
for prio, name in [(3, 'low'), (1, 'urgent'), (2, 'mid'), (1, 'also urgent')]:
    heapq.heappush(tasks, (prio, name))
print([heapq.heappop(tasks) for _ in range(4)])
print(heapq.nlargest(3, [1, 8, 2, 23, 7, -4, 18, 23, 42, 37, 2]), heapq.nsmallest(3, [1, 8, 2, 23, 7, -4]))
people = [{'name': 'a', 'age': 30}, {'name': 'b', 'age': 20}, {'name': 'c', 'age': 40}]
print(heapq.nsmallest(2, people, key=itemgetter('age')), heapq.nlargest(1, people, key=lambda p: p['age']))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])), list(heapq.merge(['a', 'c'], ['b'], key=str.upper)),
      list(heapq.merge([7, 4, 1], [8, 2], reverse=True)))
for bad in [lambda: heapq.heappop([]), lambda: heapq.heappush(None, 1), lambda: heapq.heapreplace([], 1)]:
    try:
        bad()
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)

print(operator.add(2, 3), operator.sub(2, 3), operator.mul('ab', 2), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.mod(7, 3), operator.pow(2, 10), operator.neg(4), operator.not_(0), operator.truth([1]))
print(operator.eq(1, 1), operator.lt(1, 2), operator.ge(1, 2), operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3))
print(operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'), operator.concat([1], [2]))
print(operator.getitem({'k': 'v'}, 'k'), operator.is_(None, None), operator.index(5), operator.invert(5), operator.lshift(1, 4))
lst = [1, 2, 3]
operator.setitem(lst, 0, 9)
operator.delitem(lst, 1)
print(lst, operator.iadd([1], [2]), operator.length_hint([1, 2]), operator.length_hint((x for x in ()), 7))
print(itemgetter(1)('abc'), itemgetter(0, 2)('abc'), itemgetter('a')({'a': 1}), itemgetter(slice(1, None))([1, 2, 3]))
print(sorted([('b', 2), ('a', 2), ('c', 1)], key=itemgetter(1, 0)))
class P:
    def __init__(self, n, inner=None):
        self.name = n
        self.inner = inner
    def hello(self, greeting, punct='!'):
        return greeting + ' ' + self.name + punct
p = P('x', P('y'))
print(attrgetter('name')(p), attrgetter('inner.name')(p), attrgetter('name', 'inner.name')(p))
print(methodcaller('hello', 'hi')(p), methodcaller('hello', 'yo', punct='?')(p), methodcaller('upper')('abc'))
print(repr(itemgetter(1, 'a')), repr(attrgetter('a.b')), repr(methodcaller('m', 1, k=2)))
for bad in [lambda: attrgetter(1), lambda: attrgetter('zzz')(p), lambda: operator.index(1.5), lambda: itemgetter(5)([])]:
    try:
        bad()
    except (TypeError, AttributeError, IndexError) as e:
        print(type(e).__name__, e)
