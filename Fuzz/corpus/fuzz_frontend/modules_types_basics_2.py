print(isinstance(C().m, types.MethodType), isinstance(len, types.BuiltinFunctionType), isinstance(types, types.ModuleType))
print(types.NoneType is type(None), types.FunctionType.__name__, types.ModuleType.__name__, types.GeneratorType.__name__)
ns = types.SimpleNamespace(a=1, b='two')
