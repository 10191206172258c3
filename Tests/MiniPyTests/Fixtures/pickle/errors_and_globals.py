# errors_and_globals.py: pickling by reference (functions, classes, an instance, a builtin) and the
# errors for unpicklable values and malformed data; CPython 3.11 printed errors_and_globals.expected
# (recorded with: python3 errors_and_globals.py | sed the lambda address to 0xADDR).
import pickle, threading
def outer():
    def inner(): pass
    return inner
class Point:
    def __init__(self, x, y): self.x = x; self.y = y
def f(): pass
def gen(): yield 1
for v in [lambda: 0, outer(), gen(), threading.Lock(), pickle]:
    try: pickle.dumps(v)
    except Exception as e: print(type(e).__module__, type(e).__name__, e)
for v in [f, Point, Point(1, 2), len, [Point(3, 'a'), Point]]:
    print(pickle.dumps(v).hex())
for d in [b'', b'\x80\x04\x95', b'\x80\x04K', b'\xff', b'\x80\x04K\x01']:
    try: pickle.loads(d)
    except Exception as e: print(type(e).__module__, type(e).__name__, e)
