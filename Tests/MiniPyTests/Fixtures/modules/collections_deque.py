# collections.deque: both ends, maxlen, rotate, indexing, comparisons, errors.
from collections import deque

d = deque()
for i in range(5):
    d.append(i)
    d.appendleft(-i)
print(d, len(d))
print(d.popleft(), d.pop(), d.popleft(), d.pop(), d)
d.extend('ab')
d.extendleft('xy')
print(d, d[0], d[-1], d[3])
d[1] = 'X'
del d[0]
print(d, 'a' in d, 'q' in d, d.count(0), d.index('a'))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.reverse()
print(d, list(reversed(d)))
d.remove(0)
d.insert(1, 'ins')
print(d)
m = deque(range(10), maxlen=3)
print(m, m.maxlen)
m.append(10)
m.appendleft(6)
print(m)
m.extend([1, 2])
print(m, len(m))
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) < deque([1, 3]), deque('ab') + deque('cd'))
print(deque([1]) * 3, bool(deque()), bool(deque([0])))
c = d.copy()
c.clear()
print(c, d)
# A queue used as a FIFO
q = deque()
total = 0
for i in range(1000):
    q.append(i)
    if len(q) > 10:
        total += q.popleft()
while q:
    total += q.popleft()
print(total)
for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5],
            lambda: deque([1]).remove(2), lambda: deque([1], maxlen=-1), lambda: deque([1]).index(7),
            lambda: hash(deque())]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
dm = deque([1, 2, 3])
try:
    for x in dm:
        dm.append(x)
except RuntimeError as e:
    print('RuntimeError', e)
