# sys additions: exc_info/exception, path, modules, flags, version_info, implementation,
# recursion limit, maxsize, byteorder, platform, intern, getsizeof, stdin's shape, and bad input.
import sys

print(sys.exc_info())
try:
    raise KeyError('k')
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), tb is not None, sys.exception() is v)
    try:
        raise ValueError('inner')
    except ValueError:
        print(sys.exc_info()[0].__name__)
    print(sys.exc_info()[0].__name__)
print(sys.exc_info(), sys.exception())


def gen():
    try:
        1 / 0
    except ZeroDivisionError:
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]


print(list(gen()))
print(type(sys.path).__name__, all(isinstance(p, str) for p in sys.path))
print(type(sys.modules).__name__, sys.modules['sys'] is sys, '__main__' in sys.modules)
print(sys.flags.optimize, sys.flags.dont_write_bytecode, sys.flags.dev_mode, sys.flags.int_max_str_digits,
      repr(sys.flags)[:20])
print(sys.version_info[:2] >= (3, 11), sys.version_info.major, repr(sys.version_info)[:30])
print(sys.hexversion >= 0x030b0000, isinstance(sys.version, str))
print(sys.maxsize == 2 ** 63 - 1, sys.byteorder, sys.platform)
old = sys.getrecursionlimit()
sys.setrecursionlimit(500)
print(sys.getrecursionlimit())
sys.setrecursionlimit(old)
for bad in [0, -5, 'x', 2 ** 64]:
    try:
        sys.setrecursionlimit(bad)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
s = ''.join(['inter', 'ned'])
print(sys.intern(s) is sys.intern('interned'))
try:
    sys.intern(b'x')
except TypeError as e:
    print(e)
print(sys.getsizeof(0) > 0, sys.getsizeof([1, 2, 3]) > sys.getsizeof([]), sys.getsizeof(object(), 7) > 0)


class Sized:
    def __sizeof__(self):
        return 100


print(sys.getsizeof(Sized()) >= 100)
print(sys.stdin.name, sys.stdin.mode, sys.stdin.readable(), sys.stdout.writable(), sys.stdin.fileno())
print(sys.getdefaultencoding(), sys.getfilesystemencoding(), sys.dont_write_bytecode, sys.pycache_prefix)
print(isinstance(sys.executable, str), isinstance(sys.builtin_module_names, tuple), 'sys' in sys.builtin_module_names)
print(sys.meta_path == [] or isinstance(sys.meta_path, list), isinstance(sys.warnoptions, list))
