# sum() of a generator: CALL runs the generator in the loop's own activation and YIELD_VALUE adds
# each int/float value to the total (loop, issue 11); everything else ends in sum's generic addition.
print(sum(x for x in range(10)))
print(sum(x * 0.5 for x in range(10)))
print(sum(x if x % 2 else x * 1.5 for x in range(10)))
print(sum(2**62 for x in range(5)))
print(sum(x for x in [True, True, 3]))
print(sum(x for x in [1.5, 2**70, 3]))
print(sum(x for x in [[1], [2]]) if False else "skip")
try:
    sum(x for x in [1, "a"])
except TypeError as e:
    print("TypeError", e)
def g():
    yield 1
    yield 2.5
    return 99
print(sum(g()))
def bad():
    yield 1
    raise ValueError("boom")
try:
    sum(bad())
except ValueError as e:
    print("ValueError", e)
from fractions import Fraction
print(sum(Fraction(1, x) for x in range(1, 5)))
print(sum(x for x in (Fraction(1, 2), 1, 2.5)))
sum_ = sum
def sum(it): return "shadowed"
print(sum(x for x in range(3)))
del sum
print(sum_((y for y in range(4))))
print(sum(sum(x for x in row) for row in [[1, 2], [3.5, 4]]))
gg = (x for x in range(5))
next(gg)
print(sum(gg), list(gg))
def stop():
    yield 1
    raise StopIteration
try:
    print(sum(stop()))
except RuntimeError as e:
    print("RuntimeError", e)
print(sum((x for x in []), 5) if True else 0)
print(-0.0 + 0, sum(x for x in [-0.0]))
print(sum(x for x in [float('inf'), float('-inf')]))
def exc_yield():
    try:
        raise KeyError(1)
    except KeyError:
        yield 1
        yield 2
print(sum(exc_yield()))
def selfsum():
    yield 1
    yield sum(me)
me = selfsum()
try:
    sum(me)
except ValueError as e:
    print("ValueError", e)
def deep(n):
    return sum(deep(n - 1) for _ in range(1)) if n else 1
try:
    print(deep(3000))
except RecursionError:
    print("RecursionError")
print(sum(x for x in range(3)) + sum(x / 2 for x in range(3)))
