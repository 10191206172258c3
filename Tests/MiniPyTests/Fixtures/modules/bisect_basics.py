# bisect: insertion points, key=, insort, and the bad-argument errors.
import bisect
from bisect import bisect_left, bisect_right, insort_left, insort_right

a = [1, 2, 2, 2, 5, 8, 13]
for x in [0, 1, 2, 3, 13, 14]:
    print(x, bisect_left(a, x), bisect_right(a, x), bisect.bisect(a, x))
print(bisect_left(a, 2, 2), bisect_right(a, 2, 0, 3), bisect_left(a, 99, 2, 4))

grades = [(60, 'D'), (70, 'C'), (80, 'B'), (90, 'A')]
def grade(score):
    i = bisect.bisect([g[0] for g in grades], score)
    return 'F' if i == 0 else grades[i - 1][1]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])

people = [('ann', 19), ('bob', 25), ('cy', 31)]
print(bisect_left(people, 25, key=lambda p: p[1]), bisect_right(people, 25, key=lambda p: p[1]))
insort_left(people, ('dee', 25), key=lambda p: p[1])
insort_right(people, ('eve', 25), key=lambda p: p[1])
print(people)

b = []
for v in [5, 1, 4, 1, 5, 9, 2, 6]:
    bisect.insort(b, v)
print(b)
insort_left(b, 1)
print(b, bisect.bisect_left('acegik', 'f'))

try:
    bisect_left(a, 1, -1)
except ValueError as e:
    print('ValueError', e)
try:
    bisect_left(None, 1)
except TypeError as e:
    print('TypeError', type(e).__name__)
try:
    bisect_right([1, 'x'], 2)
except TypeError as e:
    print('TypeError', e)
