# types: the built-in type names, SimpleNamespace, MappingProxyType, new_class.
import types

def f():
    pass
def g():
    yield 1
class C:
    def m(self):
        pass
print(isinstance(f, types.FunctionType), isinstance(lambda: 0, types.LambdaType), isinstance(g(), types.GeneratorType))
print(isinstance(C().m, types.MethodType), isinstance(len, types.BuiltinFunctionType), isinstance(types, types.ModuleType))
print(types.NoneType is type(None), types.FunctionType.__name__, types.ModuleType.__name__, types.GeneratorType.__name__)
ns = types.SimpleNamespace(a=1, b='two')
ns.c = [3]
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b='two', c=[3]), ns != types.SimpleNamespace())
try:
    types.SimpleNamespace({'x': 1}, y=2)
except TypeError as e:
    print('TypeError', e)
mp = types.MappingProxyType({'k': 1, 'j': 2})
print(mp['k'], len(mp), 'j' in mp, sorted(mp), mp.get('z', 0), mp)
try:
    mp['k'] = 2
except TypeError as e:
    print('TypeError', type(e).__name__)
Dyn = types.new_class('Dyn', (), exec_body=lambda ns: ns.update({'v': 42}))
print(Dyn.__name__, Dyn().v)
print(types.resolve_bases((int, str)))
@types.coroutine
def gen_based():
    yield
print(callable(gen_based))
