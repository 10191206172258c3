# json without its C half: the same program as json_accel.py, run under MiniPy with `_json`
# blocked, so the pure-Python decoder and encoder in Lib/json (the fallback) are held to the same
# output. The fixture is CPython's ordinary (C-accelerated) output: the kit's fallback follows
# CPython's _json messages, which differ from CPython's own pure-Python fallback in places.
import os
import sys
if sys.implementation.name == 'minipy':
    sys.modules['_json'] = None
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'json_accel.py')
with open(path) as f:
    source = f.read()
exec(compile(source, path, 'exec'))
