# copy (shallow and deep) and contextlib.
import copy
from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack

orig = {'a': [1, 2], 'b': {'c': (3, [4])}}
sh = copy.copy(orig)
dp = copy.deepcopy(orig)
orig['a'].append(99)
orig['b']['c'][1].append(5)
print(sh, dp)
print(sh['a'] is orig['a'], dp['a'] is orig['a'], copy.copy(7), copy.deepcopy('s'), copy.copy((1, 2)))
shared = [1]
pair = [shared, shared]
dpair = copy.deepcopy(pair)
print(dpair[0] is dpair[1], dpair[0] is shared)
loop = [1]
loop.append(loop)
dl = copy.deepcopy(loop)
print(dl[1] is dl, dl[0])
loop.clear()  # no cycle collector yet: break the cycles by hand
dl.clear()
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
        self.tags = ['t']
    def __repr__(self):
        return 'Point(%r, %r, %r)' % (self.x, self.y, self.tags)
p = Point(1, 2)
p2 = copy.copy(p)
p3 = copy.deepcopy(p)
p.tags.append('u')
print(p2, p3, p2.tags is p.tags, type(p3).__name__)
class Custom:
    def __init__(self):
        self.v = 1
    def __copy__(self):
        return 'custom copy'
    def __deepcopy__(self, memo):
        return 'custom deepcopy'
print(copy.copy(Custom()), copy.deepcopy([Custom()]))
print(copy.copy({1, 2}), copy.deepcopy([{1: (2, 3)}]))

@contextmanager
def tag(name):
    print('<%s>' % name)
    try:
        yield name.upper()
    finally:
        print('</%s>' % name)
with tag('p') as t:
    print('inside', t)
try:
    with tag('div'):
        raise ValueError('boom')
except ValueError as e:
    print('caught', e)

@contextmanager
def swallow():
    try:
        yield
    except KeyError as e:
        print('swallowed', e)
with swallow():
    {}['k']
print('after swallow')

@tag('fn')
def decorated():
    print('in decorated')
decorated()

with suppress(ZeroDivisionError, KeyError):
    1 / 0
print('suppressed')
try:
    with suppress(KeyError):
        [][1]
except IndexError:
    print('IndexError passes through')

class Resource:
    def close(self):
        print('closed')
with closing(Resource()) as r:
    print(type(r).__name__)
with nullcontext(5) as v:
    print('nullcontext', v)

class CM:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print('enter', self.n)
        return self.n
    def __exit__(self, *a):
        print('exit', self.n, a[0].__name__ if a[0] else None)
with ExitStack() as stack:
    values = [stack.enter_context(CM(i)) for i in range(3)]
    stack.callback(print, 'callback ran')
    print('values', values)
try:
    with ExitStack() as stack:
        stack.enter_context(CM('x'))
        raise RuntimeError('in body')
except RuntimeError as e:
    print('RuntimeError', e)
with ExitStack() as stack:
    stack.enter_context(CM('kept'))
    moved = stack.pop_all()
print('popped')
moved.close()

@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print('RuntimeError', e)
