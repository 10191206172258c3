# json: dumps/loads with the common options, and CPython's error messages.
import json

data = {'name': 'Ada', 'langs': ['en', 'fr'], 'age': 36, 'ratio': 0.5, 'ok': True, 'none': None,
        'nested': {'k': [1, 2.5, -3, 1e20, 1.5e-7]}, 'tuple': (1, 2)}
s = json.dumps(data)
print(s)
print(json.loads(s) == {**data, 'tuple': [1, 2]})
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps([1, {'a': []}, {}], indent='\t'))
print(json.dumps({'b': 1, 'a': 2}, separators=(',', ':'), sort_keys=True))
print(json.dumps('héllo ☃ \U0001f600 "q" \\ \n\t\x01'), json.dumps('héllo ☃', ensure_ascii=False))
print(json.dumps({1: 'int key', 2.5: 'float', True: 't', None: 'n'}))
print(json.dumps(float('nan')), json.dumps([float('inf'), float('-inf')]), json.dumps(3.0), json.dumps(10**20))
print(json.dumps({(1, 2): 'x', 'k': 1}, skipkeys=True))
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
print(json.dumps(Point(1, 2), default=lambda o: o.__dict__))
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(json.dumps({'s': {3, 1, 2}}, cls=Enc))
print(json.loads('[1, 2.5, "x", true, false, null, {"a": {}}, []]'))
print(json.loads('  {"a" : 1 , "b":[ ] }  '), json.loads('"\\u00e9\\ud83d\\ude00\\n\\/"'), json.loads('-0'), json.loads('1E3'))
print(json.loads('{"a": 1, "a": 2}'), json.loads('NaN') != json.loads('NaN'), json.loads('-Infinity'))
print(json.loads('{"x": 1}', object_hook=lambda d: sorted(d.items())), json.loads('[1.5]', parse_float=str),
      json.loads('{"b": 1, "a": 2}', object_pairs_hook=list), json.loads(b'[1]'), json.loads('7', parse_int=float))
for bad in ['', '[1, 2', '{"a" 1}', '{"a": 1,}', '[1,]', "{'a': 1}", '[1] x', 'tru', '"abc', '"\\x"',
            '"a\tb"', '{"a": 1 "b": 2}', '[1 2]', '"\\u12"', '01', '{1: 2}', '\n\n  [1,\n  ?]']:
    try:
        json.loads(bad)
        print('no error for', repr(bad))
    except json.JSONDecodeError as e:
        print('JSONDecodeError:', e, '|', e.msg, e.pos, e.lineno, e.colno)
for bad in [{'s': {1}}, {(1,): 2}, float('nan')]:
    try:
        json.dumps(bad, allow_nan=False)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
loop = []
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print('ValueError:', e)
loop.clear()  # no cycle collector yet: break the cycle by hand
try:
    json.loads(5)
except TypeError as e:
    print('TypeError:', e)
print(isinstance(json.JSONDecodeError('m', 'doc', 1), ValueError))
