# json's C accelerators (accel, issue 11: Modules/jsonmodule.c under Lib/json): loads and dumps
# on every kind of value, string escapes and surrogate pairs, CPython's int/float rules, nesting,
# hooks, raw_decode, and the error messages and positions of JSONDecodeError.
import json
from collections import OrderedDict

def show_loads(doc, **kw):
    try:
        v = json.loads(doc, **kw)
        print(repr(doc), '->', repr(v), type(v).__name__)
    except json.JSONDecodeError as e:
        print(repr(doc), '! JSONDecodeError', e, '|', repr(e.msg), e.pos, e.lineno, e.colno)
    except Exception as e:
        print(repr(doc), '!', type(e).__name__, e)

# Numbers: ints of any size, floats, exponents that backtrack, leading zeros, signs.
for doc in ['0', '-0', '7', '-12', '123456789012345678', '1234567890123456789012345678901234567890', '-99999999999999999999',
            '0.5', '-0.0', '1.5e3', '1E+2', '1e-2', '2.5E-3', '1e400', '-1e400', '1.7976931348623157e308', '5e-324',
            '0.1', '123.456e1', '1e', '1e+', '1.', '.5', '-', '--1', '+1', '01', '00', '1.e5', '1e5.5', '-01', '0x10',
            '3.141592653589793238462643383279', '1_000', ' 42 ', '\t\n\r 1\n']:
    show_loads(doc)
# Strings: escapes, unicode, surrogate pairs, control characters, strict=False.
for doc in ['""', '"abc"', '"h\\u00e9llo"', '"\\ud83d\\ude00"', '"\\uD83D\\uDE00x"', '"\\"\\\\\\/\\b\\f\\n\\r\\t"',
            '"héllo ☃ \U0001f600"', '"\\u0041\\u00e9\\u4e2d"', '"a\\u0000b"', '"\\u12"', '"\\u12x4"', '"\\ud83d\\uzzzz"',
            '"\\x41"', '"abc', '"ab\\', '"tab\there"', '"new\nline"', 
            '"\\ud83d\\ude0', '"é\\n"', '"\\uABCD"', '"\\u00"']:
    show_loads(doc)
show_loads('"tab\there"', strict=False)
show_loads('["a\x01b"]', strict=False)
# Constants and structure.
for doc in ['true', 'false', 'null', 'NaN', 'Infinity', '-Infinity', 'nul', 'True', 'infinity', '-Inf', '[]', '{}',
            '[1, [2, [3, [4]]]]', '{"a": {"b": {"c": []}}}', '{"a": 1, "a": 2}', ' [ 1 , 2 ] ', '{ "k" : "v" }',
            '[1,]', '[,1]', '[1 2]', '[1,2', '[', ']', '{', '}', '{"a"}', '{"a":}', '{"a" 1}', '{"a": 1,}', '{,}',
            '{"a": 1 "b": 2}', '{1: 2}', "{'a': 1}", '[1] x', '[1] [2]', '"a" "b"', '', '   ', 'x',
            '\n\n  [1,\n  ?]', '{"é": "ü", "\U0001f600": [1, 2]}', '["é", ?]', '{"ключ": ]}']:
    show_loads(doc)
# Hooks.
show_loads('{"b": 1, "a": [1.5, 2]}', object_hook=lambda d: sorted(d.items()))
show_loads('{"b": 1, "a": {"c": 2}}', object_pairs_hook=OrderedDict)
show_loads('{"b": 1}', object_pairs_hook=list, object_hook=dict)
show_loads('[1.5, 2, 1e3]', parse_float=str, parse_int=lambda t: int(t) * 10)
show_loads('[NaN, Infinity, -Infinity]', parse_constant=lambda name: 'const:' + name)
show_loads('[1.10]', parse_float=float)
show_loads('{"a": 1}', object_hook=lambda d: 1 / 0)
show_loads(b'{"bytes": [1]}')
show_loads(bytearray(b'[true]'))
show_loads('\ufeff[1]')
show_loads(5)
# Keys are shared within one document.
d = json.loads('[{"name": 1}, {"name": 2}]')
print(list(d[0])[0] is list(d[1])[0])
# raw_decode and the decoder object.
dec = json.JSONDecoder()
print(dec.raw_decode('[1, 2] tail'), dec.raw_decode('xx {"a": 1}yy', 3), dec.raw_decode('"é" + 1'), dec.raw_decode('é 12', 2))
for args in [(' 1',), ('[1', 0), ('1', 5), ('', 0)]:
    try:
        print(dec.raw_decode(*args))
    except json.JSONDecodeError as e:
        print('raw_decode', args, '!', e)
print(json.JSONDecoder(strict=False).decode('"a\tb"'), json.JSONDecoder(parse_int=str).decode('[1, 2.0]'))
# Deep nesting.
deep = '[' * 100 + ']' * 100
print(len(str(json.loads(deep))))
try:
    json.loads('[' * 100000 + ']' * 100000)
    print('no error for very deep')
except RecursionError as e:
    print('RecursionError')

# dumps: every type, options, escapes.
values = [None, True, False, 0, -1, 10**30, 1.5, -0.0, 1e300, 1e-7, 0.1, 1/3, 123456789.0, float('nan'), float('inf'),
          float('-inf'), '', 'abc', 'é☃\U0001f600', '"\\/\b\f\n\r\t\x00\x1f\x7f', [], {}, (), [1, [2, [3]]], (1, 'a'),
          {'a': 1, 'b': [True, None]}, {1: 'a', 2.5: 'b', True: 'c', None: 'd', False: 'e', -3: 'f'},
          {float('nan'): 1, float('inf'): 2}, [[], {}, ()]]
for v in values:
    print(json.dumps(v), json.dumps(v, ensure_ascii=False))
print(json.dumps({'b': 1, 'a': {'d': 2, 'c': 3}}, sort_keys=True), json.dumps({'x': [1, 2], 'y': 3}, separators=(',', ':')))
print(json.dumps({'a': [1, {'b': 2}]}, separators=(' , ', ' : '), sort_keys=True))
print(json.dumps({'a': [1, {'b': 2}], 'c': 'é'}, indent=2, ensure_ascii=False))
print(json.dumps({(1, 2): 'x', 'k': 1, frozenset(): 2}, skipkeys=True), json.dumps({(1,): 1}, skipkeys=True))
class IntSub(int):
    def __repr__(self):
        return 'IntSub!'
class FloatSub(float):
    def __repr__(self):
        return 'FloatSub!'
class StrSub(str):
    pass
class ListSub(list):
    pass
class DictSub(dict):
    pass
print(json.dumps([IntSub(5), FloatSub(2.5), StrSub('s'), ListSub([1]), DictSub(a=1), {IntSub(7): 1, FloatSub(0.5): 2}]))
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
print(json.dumps([Point(1, 2), {'p': Point(3, 4)}], default=lambda o: o.__dict__))
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(json.dumps({'s': {3, 1, 2}}, cls=Enc), Enc(sort_keys=True).encode({'z': {2}, 'a': 1}))
def attempt(label, f):
    try:
        print(label, '->', f())
    except Exception as e:
        print(label, '!', type(e).__name__, e)
attempt('set', lambda: json.dumps({'s': {1}}))
attempt('object', lambda: json.dumps([object()]))
attempt('tuple key', lambda: json.dumps({(1,): 2}))
attempt('nan strict', lambda: json.dumps([float('nan')], allow_nan=False))
attempt('inf key strict', lambda: json.dumps({float('inf'): 1}, allow_nan=False))
attempt('mixed keys sorted', lambda: json.dumps({1: 'a', 'b': 2}, sort_keys=True))
try:
    json.dumps([1, 2], separators=(1, 2))
except TypeError:
    print('bad separators ! TypeError')
loop = []
loop.append(loop)
attempt('list loop', lambda: json.dumps(loop))
dloop = {}
dloop['self'] = [dloop]
attempt('dict loop', lambda: json.dumps(dloop))
attempt('default loop', lambda: json.dumps(Point(1, 2), default=lambda o: o))
shared = [1]
print(json.dumps([shared, shared, {'a': shared}]))
attempt('no check_circular', lambda: json.dumps([1, [2]], check_circular=False))
attempt('default raises', lambda: json.dumps([1, object()], default=lambda o: 1 / 0))
attempt('deep dumps', lambda: len(json.dumps(json.loads('[' * 50 + ']' * 50))))
nested = []
for _ in range(100000):
    nested = [nested]
try:
    json.dumps(nested)
    print('no error for very deep dumps')
except RecursionError:
    print('RecursionError')
# Round trips.
doc = {'name': 'Ada', 'langs': ['en', 'fr', 'ελληνικά'], 'age': 36, 'ratio': 0.5, 'ok': True, 'none': None,
       'nested': {'k': [1, 2.5, -3, 1e20, 1.5e-7, 10**25]}, 'esc': 'a"b\\c\n\u2028'}
for kw in [{}, {'ensure_ascii': False}, {'sort_keys': True}, {'indent': 1}, {'separators': (',', ':')}]:
    text = json.dumps(doc, **kw)
    print(len(text), json.loads(text) == doc)
