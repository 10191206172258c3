# pickle.dumps/loads (the C module) for what it hands to the pure-Python pickler: protocols 0-3,
# protocol 0-2 pickles to load, and the built-in types without a rule in C (exceptions, range,
# slice, complex, bytearray); namedtuples (__getnewargs__, NEWOBJ with the fields) and the
# stdlib's classes, at protocols 0-5, through both picklers. Expected: CPython 3.11's output.
import pickle, collections, datetime, enum, dataclasses, fractions
class Color(enum.Enum):
    RED = 1
@dataclasses.dataclass
class DC:
    a: int
    b: list
NT = collections.namedtuple('NT', 'x y')
class MyErr(Exception): pass
vals = [NT(1, 2), Color.RED, DC(1, [2]), collections.OrderedDict(a=1), collections.defaultdict(int, a=1),
        collections.deque([1, 2]), collections.Counter('aab'), datetime.datetime(2020, 1, 2, 3, 4, 5),
        datetime.timedelta(days=1, seconds=5), fractions.Fraction(1, 3), ValueError('x', 1), MyErr('m'),
        range(1, 10, 2), slice(1, 2), complex(1, 2), {1: {2: (3,)}}, bytearray(b'ab'), KeyError('k')]
for impl in ('C', 'pure'):
    dumps = pickle.dumps if impl == 'C' else pickle._dumps
    loads = pickle.loads if impl == 'C' else pickle._loads
    for p in (0, 1, 2, 3, 4, 5):
        for v in vals:
            try:
                back = loads(dumps(v, p))
                same = repr(back) == repr(v) and type(back) is type(v)
                print(impl, p, type(v).__name__, same if same else repr(back))
            except Exception as e:
                print(impl, p, type(v).__name__, 'ERR', type(e).__name__, str(e)[:70])
NT = collections.namedtuple('NT', 'x y')
for p in (2, 3, 4, 5):
    print(p, pickle.dumps(NT(1, 2), p).hex(), pickle._dumps(NT(1, 2), p).hex())
print(pickle.dumps(ValueError('x', 1), 4).hex(), pickle.dumps(range(3), 4).hex(), pickle.dumps(complex(1, 2), 4).hex())
