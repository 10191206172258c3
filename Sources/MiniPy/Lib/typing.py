"""typing: enough of the typing module for annotated programs to import and run (written for
MiniPy). Every public name of CPython 3.11's typing is defined; the special forms and generic
aliases are subscriptable (List[int], Dict[str, int], Optional[int], Union[int, str],
Callable[[int], str], Literal['a'], Annotated[int, 'meta'], ...) and print like CPython's;
TypeVar, Generic, Protocol, NamedTuple, TypedDict, NewType, overload, cast, get_type_hints,
get_origin, get_args work for the common cases. Nothing is checked at run time (as in CPython).
"""

import abc
import collections
import collections.abc
import contextlib
import functools
import sys

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return '%s.%s' % (obj.__module__, obj.__qualname__)
    if obj is ...:
        return '...'
    if isinstance(obj, type(_type_repr)):
        return obj.__name__
    return repr(obj)


def _type_check(arg, msg):
    if arg is None:
        return type(None)
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg


class ForwardRef:
    """A type written as a string, not evaluated."""

    def __init__(self, arg, is_argument=True, module=None, *, is_class=False):
        if not isinstance(arg, str):
            raise TypeError('Forward reference must be a string -- got %r' % (arg,))
        self.__forward_arg__ = arg
        self.__forward_evaluated__ = False
        self.__forward_value__ = None
        self.__forward_module__ = module

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        return self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)

    def __repr__(self):
        return 'ForwardRef(%r)' % (self.__forward_arg__,)


class _Final:
    """Base of the typing objects that may not be subclassed."""
    __slots__ = ()


class _GenericAlias(_Final):
    """origin[args]: what subscripting a generic gives. Calling it calls the origin."""

    def __init__(self, origin, args, name=None, display=None):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = tuple([_type_check(a, '') if a is not ... else a for a in args])
        self.__parameters__ = tuple([a for a in self.__args__ if isinstance(a, TypeVar)])
        self._name = name
        self._display = display

    def __repr__(self):
        name = self._display
        if name is None:
            name = _type_repr(self.__origin__)
        if not self.__args__:
            return name + '[()]'
        return '%s[%s]' % (name, ', '.join([_type_repr(a) for a in self.__args__]))

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except Exception:
            pass
        return result

    def __getitem__(self, params):
        # Substitute type variables: List[T][int] -> List[int].
        if not isinstance(params, tuple):
            params = (params,)
        mapping = dict(zip(self.__parameters__, params))
        args = tuple([mapping.get(a, a) if isinstance(a, TypeVar) else a for a in self.__args__])
        return _GenericAlias(self.__origin__, args, self._name, self._display)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)

    def __instancecheck__(self, obj):
        raise TypeError('Subscripted generics cannot be used with class and instance checks')


class _SpecialGenericAlias(_Final):
    """A bare generic such as typing.List: subscripting gives a _GenericAlias, isinstance and
    calls go to the origin class."""

    def __init__(self, origin, nparams, name, display=None):
        self.__origin__ = origin
        self._nparams = nparams
        self._name = name
        self._display = display or ('typing.' + name)

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._nparams >= 0 and len(params) != self._nparams and not (self._nparams == -1):
            raise TypeError('Too %s arguments for %s; actual %d, expected %d'
                            % ('many' if len(params) > self._nparams else 'few', self._display,
                               len(params), self._nparams))
        return _GenericAlias(self.__origin__, params, self._name, self._display)

    def __repr__(self):
        return self._display

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)


class _TupleAlias(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if params == ():
            return _GenericAlias(tuple, (), 'Tuple', 'typing.Tuple')
        return _GenericAlias(tuple, params, 'Tuple', 'typing.Tuple')


class _CallableAlias(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError('Callable must be used as Callable[[arg, ...], result].')
        args, result = params
        alias = _CallableGenericAlias(self.__origin__, (args, result), 'Callable', self._display)
        return alias


class _CallableGenericAlias(_GenericAlias):
    def __init__(self, origin, params, name, display):
        args, result = params
        self.__origin__ = origin
        if args is ...:
            self.__args__ = (..., _type_check(result, ''))
        else:
            self.__args__ = tuple([_type_check(a, '') for a in args]) + (_type_check(result, ''),)
        self._args_list = args
        self.__parameters__ = tuple([a for a in self.__args__ if isinstance(a, TypeVar)])
        self._name = name
        self._display = display

    def __repr__(self):
        if self._args_list is ...:
            return '%s[..., %s]' % (self._display, _type_repr(self.__args__[-1]))
        return '%s[[%s], %s]' % (self._display, ', '.join([_type_repr(a) for a in self.__args__[:-1]]),
                                 _type_repr(self.__args__[-1]))


class _SpecialForm(_Final):
    """Any, Union, Optional, ClassVar, Final, Literal, ...: subscriptable markers."""

    def __init__(self, name, getitem=None, doc=''):
        self._name = name
        self._getitem = getitem
        self.__doc__ = doc

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, parameters):
        if self._getitem is None:
            raise TypeError('%s is not subscriptable' % self)
        return self._getitem(self, parameters)

    def __call__(self, *args, **kwds):
        raise TypeError('Cannot instantiate %r' % self)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError('%s cannot be used with isinstance()' % self)

    def __reduce__(self):
        return self._name


class _UnionGenericAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return 'typing.Optional[%s]' % _type_repr(other)
        return 'typing.Union[%s]' % ', '.join([_type_repr(a) for a in args])

    def __eq__(self, other):
        if not isinstance(other, _UnionGenericAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __instancecheck__(self, obj):
        for a in self.__args__:
            if isinstance(a, type) and isinstance(obj, a):
                return True
        return False


def _flatten_union(params):
    out = []
    for p in params:
        p = _type_check(p, '')
        if isinstance(p, _UnionGenericAlias):
            items = p.__args__
        else:
            items = (p,)
        for item in items:
            if item not in out:
                out.append(item)
    return tuple(out)


def _union_getitem(self, parameters):
    if parameters == ():
        raise TypeError('Cannot take a Union of no types.')
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    params = _flatten_union(parameters)
    if len(params) == 1:
        return params[0]
    return _UnionGenericAlias(Union, params, 'Union', 'typing.Union')


def _optional_getitem(self, parameter):
    return Union[parameter, None]


class _LiteralGenericAlias(_GenericAlias):
    def __init__(self, origin, args, name, display):
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = ()
        self._name = name
        self._display = display

    def __repr__(self):
        return 'typing.Literal[%s]' % ', '.join([repr(a) for a in self.__args__])

    def __eq__(self, other):
        if not isinstance(other, _LiteralGenericAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


def _literal_getitem(self, parameters):
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    return _LiteralGenericAlias(self, parameters, 'Literal', 'typing.Literal')


def _wrapper_getitem(self, parameters):
    return _GenericAlias(self, parameters, self._name, 'typing.' + self._name)


class _AnnotatedAlias(_GenericAlias):
    def __init__(self, origin, metadata):
        self.__origin__ = origin
        self.__metadata__ = metadata
        self.__args__ = (origin,)
        self.__parameters__ = ()
        self._name = 'Annotated'
        self._display = 'typing.Annotated'

    def __repr__(self):
        return 'typing.Annotated[%s, %s]' % (_type_repr(self.__origin__),
                                             ', '.join([repr(m) for m in self.__metadata__]))

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)


def _annotated_getitem(self, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError('Annotated[...] should be used with at least two arguments (a type and an annotation).')
    return _AnnotatedAlias(_type_check(params[0], ''), tuple(params[1:]))


Any = _SpecialForm('Any', doc='Special type indicating an unconstrained type.')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
Union = _SpecialForm('Union', _union_getitem)
Optional = _SpecialForm('Optional', _optional_getitem)
ClassVar = _SpecialForm('ClassVar', _wrapper_getitem)
Final = _SpecialForm('Final', _wrapper_getitem)
Literal = _SpecialForm('Literal', _literal_getitem)
Annotated = _SpecialForm('Annotated', _annotated_getitem)
TypeGuard = _SpecialForm('TypeGuard', _wrapper_getitem)
Concatenate = _SpecialForm('Concatenate', _wrapper_getitem)
Required = _SpecialForm('Required', _wrapper_getitem)
NotRequired = _SpecialForm('NotRequired', _wrapper_getitem)
Unpack = _SpecialForm('Unpack', _wrapper_getitem)


class TypeVar(_Final):
    """A type variable: T = TypeVar('T'), with optional constraints or bound."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        if covariant and contravariant:
            raise ValueError('Bivariant types are not supported.')
        if len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        self.__name__ = name
        self.__constraints__ = tuple(constraints)
        self.__bound__ = _type_check(bound, '') if bound is not None else None
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)

    def __repr__(self):
        if self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class ParamSpecArgs(_Final):
    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        return '%s.args' % self.__origin__.__name__


class ParamSpecKwargs(_Final):
    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        return '%s.kwargs' % self.__origin__.__name__


class ParamSpec(_Final):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant
        self.args = ParamSpecArgs(self)
        self.kwargs = ParamSpecKwargs(self)

    def __repr__(self):
        return '~' + self.__name__


class TypeVarTuple(_Final):
    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return self.__name__

    def __iter__(self):
        yield Unpack[self]


AnyStr = TypeVar('AnyStr', bytes, str)


class Generic:
    """Base class for generic classes: class Box(Generic[T]): ...; Box[int] is an alias."""
    __slots__ = ()

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if cls is Generic or cls is Protocol:
            for p in params:
                if not isinstance(p, (TypeVar, ParamSpec, TypeVarTuple)):
                    raise TypeError('Parameters to %s[...] must all be type variables or parameter '
                                    'specification variables.' % cls.__name__)
            alias = _GenericAlias(cls, params, cls.__name__, 'typing.' + cls.__name__)
            return alias
        return _GenericAlias(cls, params, cls.__name__, None)

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        params = []
        for base in cls.__dict__.get('__orig_bases__', ()):
            for a in getattr(base, '__parameters__', ()):
                if a not in params:
                    params.append(a)
        cls.__parameters__ = tuple(params)


# Names a protocol class carries that are not members of the protocol.
_NOT_PROTOCOL_MEMBERS = frozenset({
    '__abstractmethods__', '__annotations__', '__dict__', '__doc__', '__init__', '__module__',
    '__new__', '__slots__', '__subclasshook__', '__weakref__', '__parameters__', '__orig_bases__',
    '__class_getitem__', '__init_subclass__', '_is_protocol', '_is_runtime_protocol'})


class _ProtocolMeta(abc.ABCMeta):
    """The metaclass of Protocol classes: isinstance(obj, P) for a @runtime_checkable protocol P
    asks whether obj has every member P declares (a method member must not be None on obj);
    isinstance against a protocol that is not runtime-checkable is a TypeError. Classes that merely
    inherit from a protocol are checked the ordinary (nominal) way."""

    def __instancecheck__(cls, instance):
        if cls.__dict__.get('_is_protocol', False):
            if not cls.__dict__.get('_is_runtime_protocol', False):
                raise TypeError('Instance and class checks can only be used with '
                                '@runtime_checkable protocols')
            if super().__instancecheck__(instance):
                return True
            return _check_protocol(instance, cls)
        return super().__instancecheck__(instance)

    def __call__(cls, *args, **kwargs):
        if cls.__dict__.get('_is_protocol', False):
            raise TypeError('Protocols cannot be instantiated')
        return super().__call__(*args, **kwargs)


class Protocol(Generic, metaclass=_ProtocolMeta):
    """Base class for structural types; @runtime_checkable allows isinstance checks that look
    for the protocol's members."""
    __slots__ = ()
    _is_protocol = True
    _is_runtime_protocol = False

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if '_is_protocol' not in cls.__dict__:
            cls._is_protocol = any(b is Protocol for b in cls.__bases__)


def runtime_checkable(cls):
    """Mark a Protocol class so isinstance() checks its members' presence."""
    if not cls.__dict__.get('_is_protocol', False):
        raise TypeError('@runtime_checkable can be only applied to protocol classes, got %r' % (cls,))
    cls._is_runtime_protocol = True
    return cls


def _protocol_members(cls):
    """The names a protocol declares: its methods, attributes and annotated names, and those of
    the protocols it extends."""
    names = set()
    for base in cls.__mro__:
        if base in (Protocol, Generic, object):
            continue
        for name in list(base.__dict__) + list(base.__dict__.get('__annotations__', {})):
            if not name.startswith('_abc_') and name not in _NOT_PROTOCOL_MEMBERS:
                names.add(name)
    return names


def _check_protocol(obj, cls):
    for name in _protocol_members(cls):
        if not hasattr(obj, name):
            return False
        if callable(getattr(cls, name, None)) and getattr(obj, name) is None:
            return False
    return True


def _alias(origin, nparams, name=None, display=None):
    name = name or origin.__name__
    return _SpecialGenericAlias(origin, nparams, name, display)


Hashable = collections.abc.Hashable
Sized = collections.abc.Sized
ByteString = _alias(bytes, 0, 'ByteString')
Awaitable = _alias(collections.abc.Awaitable, 1)
Coroutine = _alias(collections.abc.Coroutine, 3)
AsyncIterable = _alias(collections.abc.AsyncIterable, 1)
AsyncIterator = _alias(collections.abc.AsyncIterator, 1)
Iterable = _alias(collections.abc.Iterable, 1)
Iterator = _alias(collections.abc.Iterator, 1)
Reversible = _alias(collections.abc.Reversible, 1)
Container = _alias(collections.abc.Container, 1)
Collection = _alias(collections.abc.Collection, 1)
Callable = _CallableAlias(collections.abc.Callable, 2, 'Callable', 'typing.Callable')
AbstractSet = _alias(collections.abc.Set, 1, 'AbstractSet')
MutableSet = _alias(collections.abc.MutableSet, 1)
Mapping = _alias(collections.abc.Mapping, 2)
MutableMapping = _alias(collections.abc.MutableMapping, 2)
Sequence = _alias(collections.abc.Sequence, 1)
MutableSequence = _alias(collections.abc.MutableSequence, 1)
Tuple = _TupleAlias(tuple, -1, 'Tuple', 'typing.Tuple')
List = _alias(list, 1, 'List')
Deque = _alias(collections.deque, 1, 'Deque')
Set = _alias(set, 1, 'Set')
FrozenSet = _alias(frozenset, 1, 'FrozenSet')
MappingView = _alias(collections.abc.MappingView, 1)
KeysView = _alias(collections.abc.KeysView, 1)
ItemsView = _alias(collections.abc.ItemsView, 2)
ValuesView = _alias(collections.abc.ValuesView, 1)
ContextManager = _alias(contextlib.AbstractContextManager, 1, 'ContextManager')
AsyncContextManager = _alias(getattr(contextlib, 'AbstractAsyncContextManager', object), 1, 'AsyncContextManager')
Dict = _alias(dict, 2, 'Dict')
DefaultDict = _alias(collections.defaultdict, 2, 'DefaultDict')
OrderedDict = _alias(collections.OrderedDict, 2)
Counter = _alias(collections.Counter, 1)
ChainMap = _alias(collections.ChainMap, 2)
Generator = _alias(collections.abc.Generator, 3)
AsyncGenerator = _alias(collections.abc.AsyncGenerator, 2)
Type = _alias(type, 1, 'Type')
Text = str


@runtime_checkable
class SupportsInt(Protocol):
    __slots__ = ()

    def __int__(self):
        pass


@runtime_checkable
class SupportsFloat(Protocol):
    __slots__ = ()

    def __float__(self):
        pass


@runtime_checkable
class SupportsComplex(Protocol):
    __slots__ = ()

    def __complex__(self):
        pass


@runtime_checkable
class SupportsBytes(Protocol):
    __slots__ = ()

    def __bytes__(self):
        pass


@runtime_checkable
class SupportsIndex(Protocol):
    __slots__ = ()

    def __index__(self):
        pass


@runtime_checkable
class SupportsAbs(Protocol):
    __slots__ = ()

    def __abs__(self):
        pass


@runtime_checkable
class SupportsRound(Protocol):
    __slots__ = ()

    def __round__(self, ndigits=0):
        pass


def cast(typ, val):
    """Return val unchanged (a marker for type checkers)."""
    return val


def assert_type(val, typ):
    return val


def reveal_type(obj):
    print('Runtime type is %r' % type(obj).__name__, file=sys.stderr)
    return obj


def assert_never(arg):
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + '...'
    raise AssertionError('Expected code to be unreachable, but got: %s' % value)


_overload_registry = {}


def _overload_dummy(*args, **kwds):
    raise NotImplementedError('You should not call an overloaded function. A series of @overload-'
                              'decorated functions outside a stub module should always be followed '
                              'by an implementation that is not @overload-ed.')


def overload(func):
    """Decorator for the overload signatures of a function (the last, undecorated definition
    is the one that runs)."""
    key = (getattr(func, '__module__', None), getattr(func, '__qualname__', None))
    _overload_registry.setdefault(key, []).append(func)
    return _overload_dummy


def get_overloads(func):
    key = (getattr(func, '__module__', None), getattr(func, '__qualname__', None))
    return list(_overload_registry.get(key, []))


def clear_overloads():
    _overload_registry.clear()


def final(f):
    """Mark a method or class as final (recorded in __final__)."""
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    try:
        arg.__no_type_check__ = True
    except (AttributeError, TypeError):
        pass
    return arg


def no_type_check_decorator(decorator):
    return decorator


def dataclass_transform(*, eq_default=True, order_default=False, kw_only_default=False,
                        field_specifiers=(), **kwargs):
    def decorator(cls_or_fn):
        cls_or_fn.__dataclass_transform__ = {
            'eq_default': eq_default, 'order_default': order_default,
            'kw_only_default': kw_only_default, 'field_specifiers': field_specifiers,
            'kwargs': kwargs}
        return cls_or_fn
    return decorator


class NewType:
    """NewType('UserId', int): a callable returning its argument, named for type checkers."""

    def __init__(self, name, tp):
        self.__qualname__ = name
        if '.' in name:
            name = name.rpartition('.')[-1]
        self.__name__ = name
        self.__supertype__ = tp
        self.__module__ = '__main__'

    def __repr__(self):
        return '%s.%s' % (self.__module__, self.__qualname__)

    def __call__(self, x):
        return x

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


def NamedTuple(typename, fields=None, /, **kwargs):
    """NamedTuple('Emp', [('name', str), ('id', int)]): a collections.namedtuple with
    __annotations__. (The class-statement form needs metaclass support.)"""
    if fields is None:
        fields = list(kwargs.items())
    names = [n for n, t in fields]
    types = dict([(n, _type_check(t, '')) for n, t in fields])
    nt = collections.namedtuple(typename, names)
    nt.__annotations__ = types
    return nt


class TypedDict(dict):
    """class Movie(TypedDict): name: str; year: int -- instances are plain dicts in behaviour."""

    def __init_subclass__(cls, total=True, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.__total__ = total
        keys = set()
        for base in cls.__mro__:
            keys.update(base.__dict__.get('__annotations__', {}))
        if total:
            cls.__required_keys__ = frozenset(keys)
            cls.__optional_keys__ = frozenset()
        else:
            cls.__required_keys__ = frozenset()
            cls.__optional_keys__ = frozenset(keys)


def is_typeddict(tp):
    return isinstance(tp, type) and issubclass(tp, TypedDict) and tp is not TypedDict


def get_origin(tp):
    """List[int] -> list, Union[int, str] -> Union, Annotated[int, x] -> Annotated ..."""
    if isinstance(tp, _AnnotatedAlias):
        return Annotated
    if isinstance(tp, _GenericAlias):
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    """List[int] -> (int,), Callable[[int], str] -> ([int], str) ..."""
    if isinstance(tp, _AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, _CallableGenericAlias):
        args = tp.__args__
        if args[0] is ...:
            return args
        return (list(args[:-1]), args[-1])
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    return ()


def _eval_hint(value, globalns, localns):
    if value is None:
        return type(None)
    if isinstance(value, ForwardRef):
        value = value.__forward_arg__
    if isinstance(value, str):
        try:
            return eval(value, globalns, localns)
        except NameError:
            return ForwardRef(value)
    return value


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """The annotations of a class (its MRO, base first), function or module, with strings
    evaluated and None replaced by NoneType."""
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get('__annotations__', {})
            base_globals = globalns
            if base_globals is None:
                module = sys.modules.get(base.__module__)
                base_globals = getattr(module, '__dict__', {}) if module is not None else {}
            for name, value in ann.items():
                hints[name] = _eval_hint(value, base_globals, localns)
        return hints
    ann = getattr(obj, '__annotations__', None)
    if ann is None:
        return {}
    if globalns is None:
        globalns = getattr(obj, '__globals__', {})
    for name, value in ann.items():
        hints[name] = _eval_hint(value, globalns, localns)
    return hints


class IO(Generic):
    """Generic base of the file-like types (for annotations)."""
    __slots__ = ()
    mode = ''
    name = ''


class TextIO(IO):
    __slots__ = ()


class BinaryIO(IO):
    __slots__ = ()


class _PatternPlaceholder:
    pass


Pattern = _alias(_PatternPlaceholder, 1, 'Pattern')
Match = _alias(_PatternPlaceholder, 1, 'Match')

__all__ = ['AbstractSet', 'Annotated', 'Any', 'AnyStr', 'AsyncContextManager', 'AsyncGenerator',
           'AsyncIterable', 'AsyncIterator', 'Awaitable', 'BinaryIO', 'ByteString', 'Callable',
           'ChainMap', 'ClassVar', 'Collection', 'Concatenate', 'Container', 'ContextManager',
           'Coroutine', 'Counter', 'DefaultDict', 'Deque', 'Dict', 'Final', 'ForwardRef',
           'FrozenSet', 'Generator', 'Generic', 'Hashable', 'IO', 'ItemsView', 'Iterable',
           'Iterator', 'KeysView', 'List', 'Literal', 'LiteralString', 'Mapping', 'MappingView',
           'Match', 'MutableMapping', 'MutableSequence', 'MutableSet', 'NamedTuple', 'Never',
           'NewType', 'NoReturn', 'NotRequired', 'Optional', 'OrderedDict', 'ParamSpec',
           'ParamSpecArgs', 'ParamSpecKwargs', 'Pattern', 'Protocol', 'Required', 'Reversible',
           'Self', 'Sequence', 'Set', 'Sized', 'SupportsAbs', 'SupportsBytes', 'SupportsComplex',
           'SupportsFloat', 'SupportsIndex', 'SupportsInt', 'SupportsRound', 'Text', 'TextIO',
           'Tuple', 'Type', 'TypeAlias', 'TypeGuard', 'TypeVar', 'TypeVarTuple', 'TypedDict',
           'Union', 'Unpack', 'ValuesView', 'TYPE_CHECKING', 'assert_never', 'assert_type',
           'cast', 'clear_overloads', 'dataclass_transform', 'final', 'get_args', 'get_origin',
           'get_overloads', 'get_type_hints', 'is_typeddict', 'no_type_check',
           'no_type_check_decorator', 'overload', 'reveal_type', 'runtime_checkable']
