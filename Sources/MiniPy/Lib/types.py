"""types: names for the interpreter's built-in types, SimpleNamespace, MappingProxyType,
new_class and DynamicClassAttribute (written for MiniPy). Types MiniPy does not have are bound
to None rather than missing, so `import types` and attribute access never fail."""

import sys

__all__ = ['FunctionType', 'LambdaType', 'CodeType', 'MappingProxyType', 'SimpleNamespace',
           'GeneratorType', 'CoroutineType', 'AsyncGeneratorType', 'MethodType',
           'BuiltinFunctionType', 'BuiltinMethodType', 'ModuleType', 'TracebackType',
           'FrameType', 'GetSetDescriptorType', 'MemberDescriptorType', 'new_class',
           'resolve_bases', 'prepare_class', 'DynamicClassAttribute', 'coroutine',
           'GenericAlias', 'UnionType', 'EllipsisType', 'NoneType', 'NotImplementedType',
           'CellType', 'MethodWrapperType', 'WrapperDescriptorType', 'MethodDescriptorType',
           'ClassMethodDescriptorType']


def _f():
    pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(_f.__code__)


def _g():
    yield 1


_gen = _g()
GeneratorType = type(_gen)
_gen.close()
del _gen


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(sys)
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)


def _type_of(make):
    try:
        return type(make())
    except Exception:
        return None


def _tb():
    try:
        raise TypeError
    except TypeError as e:
        return e.__traceback__


TracebackType = _type_of(_tb)
FrameType = None
CellType = None
GetSetDescriptorType = None
MemberDescriptorType = None
MethodWrapperType = None
WrapperDescriptorType = None
MethodDescriptorType = _type_of(lambda: str.join)
ClassMethodDescriptorType = None
GenericAlias = None
UnionType = None

async def _c():
    pass


_coro = _c()
CoroutineType = type(_coro)
_coro.close()


async def _ag():
    yield 1


AsyncGeneratorType = type(_ag())
del _coro, _c, _ag

del _f, _g, _C, _tb, _type_of


class SimpleNamespace:
    """An object whose attributes are the keyword arguments it was made with."""

    def __init__(self, *args, **kwargs):
        if args:
            raise TypeError('no positional arguments expected')
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __repr__(self):
        items = ['%s=%r' % (k, v) for k, v in self.__dict__.items()]
        return '%s(%s)' % ('namespace' if type(self) is SimpleNamespace else type(self).__name__,
                           ', '.join(items))

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


class MappingProxyType:
    """A read-only view of a mapping."""

    def __init__(self, mapping):
        if not hasattr(mapping, 'keys') or not hasattr(mapping, '__getitem__') and not isinstance(mapping, dict):
            raise TypeError('mappingproxy() argument must be a mapping, not %s' % type(mapping).__name__)
        self._mapping = mapping

    def __getitem__(self, key):
        return self._mapping[key]

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def __contains__(self, key):
        return key in self._mapping

    def get(self, key, default=None):
        return self._mapping.get(key, default)

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def copy(self):
        return self._mapping.copy()

    def __repr__(self):
        return repr(self._mapping)

    def __eq__(self, other):
        return self._mapping == other

    def __or__(self, other):
        d = dict(self._mapping)
        d.update(other)
        return d


def resolve_bases(bases):
    """bases with any object defining __mro_entries__ replaced by what it returns."""
    new_bases = []
    changed = False
    for base in bases:
        if isinstance(base, type) or not hasattr(base, '__mro_entries__'):
            new_bases.append(base)
            continue
        new_bases.extend(base.__mro_entries__(bases))
        changed = True
    return tuple(new_bases) if changed else bases


def prepare_class(name, bases=(), kwds=None):
    """(metaclass, namespace, kwds) for a class statement with these bases and keywords."""
    kwds = dict(kwds) if kwds else {}
    meta = kwds.pop('metaclass', None)
    if meta is None:
        meta = type(bases[0]) if bases else type
    if hasattr(meta, '__prepare__'):
        ns = meta.__prepare__(name, bases, **kwds)
    else:
        ns = {}
    return meta, ns, kwds


def new_class(name, bases=(), kwds=None, exec_body=None):
    """Create a class object dynamically, as a class statement would."""
    resolved = resolve_bases(bases)
    meta, ns, kwds = prepare_class(name, resolved, kwds)
    if exec_body is not None:
        exec_body(ns)
    if resolved is not bases:
        ns['__orig_bases__'] = bases
    return meta(name, resolved, ns, **kwds)


class DynamicClassAttribute:
    """A property that, looked up on the class, raises AttributeError so the class's
    __getattr__ is used (enum uses it for name and value)."""

    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        self.__doc__ = doc or (fget.__doc__ if fget is not None else None)
        self.__isabstractmethod__ = bool(getattr(fget, '__isabstractmethod__', False))

    def __get__(self, instance, ownerclass=None):
        if instance is None:
            if self.__isabstractmethod__:
                return self
            raise AttributeError()
        if self.fget is None:
            raise AttributeError('unreadable attribute')
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError("can't set attribute")
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError("can't delete attribute")
        self.fdel(instance)

    def getter(self, fget):
        return type(self)(fget, self.fset, self.fdel, self.__doc__)

    def setter(self, fset):
        return type(self)(self.fget, fset, self.fdel, self.__doc__)

    def deleter(self, fdel):
        return type(self)(self.fget, self.fset, fdel, self.__doc__)


def coroutine(func):
    """Mark a generator function as usable with await (a no-op for functions)."""
    if not callable(func):
        raise TypeError('types.coroutine() expects a callable')
    return func
