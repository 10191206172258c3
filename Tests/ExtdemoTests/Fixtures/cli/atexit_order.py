# atexit: callbacks run after the main module (and after sys.exit), last registered first, with
# their arguments; one that raises is reported on stderr and the rest still run.
import atexit
import sys


class Callback:
    def __init__(self, n):
        self.n = n

    def __call__(self, *args, **kwargs):
        print('callback', self.n, args, kwargs)
        if self.n == 2:
            raise ValueError('bad callback')

    def __repr__(self):
        return '<Callback %d>' % self.n


def plain():
    print('plain (unregistered: never printed)')


atexit.register(Callback(1), 'x', key='y')
atexit.register(Callback(2))
print(atexit.register(plain) is plain)
atexit.register(plain)
atexit.register(Callback(3))
atexit.unregister(plain)
for bad in [(5,), ()]:
    try:
        atexit.register(*bad)
    except TypeError as e:
        print('TypeError:', e)
print('end of main')
sys.exit(4)
