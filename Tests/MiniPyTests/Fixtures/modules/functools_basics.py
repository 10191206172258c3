# functools: partial, reduce, lru_cache/cache, wraps, total_ordering, cmp_to_key,
# cached_property, singledispatch.
import functools
from functools import partial, reduce, lru_cache, cache, wraps, total_ordering, cmp_to_key, cached_property, singledispatch

def power(base, exponent):
    return base ** exponent
square = partial(power, exponent=2)
cube = partial(power, exponent=3)
print(square(5), cube(2), square.func is power, square.args, square.keywords)
p2 = partial(partial(max, 5), 9)
print(p2(7), p2.args, partial(int, '10', base=16)())
print(reduce(lambda a, b: a * b, range(1, 8)), reduce(lambda a, b: a + b, [], 100), reduce(max, [3, 9, 2]))
try:
    reduce(max, [])
except TypeError as e:
    print('TypeError', e)

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())

@lru_cache(maxsize=2)
def sq(x):
    print('computing', x)
    return x * x
print(sq(2), sq(3), sq(2), sq(4), sq(3), sq.cache_info())

@lru_cache
def ident(x):
    return x
print(ident(1), ident(1), ident.cache_info().hits)

@cache
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(30), fact.cache_info().misses)

def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        """wrapper doc"""
        return func(*args, **kwargs)
    return wrapper

@logged
def greet(name):
    """Say hello."""
    return 'hello ' + name
print(greet('bob'), greet.__name__, greet.__doc__, greet.__wrapped__('x'))

@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor
    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)
    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)
    def __repr__(self):
        return 'V%d.%d' % (self.major, self.minor)
a, b = Version(1, 2), Version(1, 10)
print(a < b, a > b, a <= b, a >= b, a <= a, b >= a, sorted([b, a, Version(0, 9)]))

def compare_len(x, y):
    return len(x) - len(y)
print(sorted(['ccc', 'a', 'bb', ''], key=cmp_to_key(compare_len)))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))

class Circle:
    def __init__(self, r):
        self.r = r
    @cached_property
    def area(self):
        print('computing area')
        return 3 * self.r * self.r
c = Circle(2)
print(c.area, c.area, 'area' in c.__dict__)

@singledispatch
def describe(arg):
    return 'object: %r' % (arg,)
@describe.register(int)
def _(arg):
    return 'int: %d' % arg
@describe.register(list)
def _(arg):
    return 'list of %d' % len(arg)
print(describe(3), describe(True), describe([1, 2]), describe('s'), describe(2.5))
print(describe.dispatch(bool) is describe.dispatch(int), describe.registry[object] is describe.dispatch(str))
try:
    partial(5)
except TypeError as e:
    print('TypeError', e)
