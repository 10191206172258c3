"""dataclasses: generate __init__, __repr__, __eq__, ordering and hashing from a class's
annotated fields (written for MiniPy).

@dataclass with init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only (slots is
accepted and ignored); field() with default, default_factory, init, repr, hash, compare,
metadata, kw_only; fields, asdict, astuple, replace, is_dataclass, make_dataclass, InitVar,
KW_ONLY, FrozenInstanceError, MISSING. The generated methods are closures over the field list
(MiniPy has no exec), with CPython's error messages.
"""

import copy
import sys

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar', 'KW_ONLY', 'MISSING',
           'fields', 'asdict', 'astuple', 'make_dataclass', 'replace', 'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return '<dataclasses._MISSING_TYPE object>'


MISSING = _MissingType()


class _KwOnlyType:
    def __repr__(self):
        return '<dataclasses._KW_ONLY_TYPE object>'


KW_ONLY = _KwOnlyType()


class InitVar:
    """InitVar[T]: a pseudo-field passed to __init__ and __post_init__, not stored."""
    __slots__ = ('type',)

    def __init__(self, type):
        self.type = type

    def __repr__(self):
        name = getattr(self.type, '__name__', None) or repr(self.type)
        return 'dataclasses.InitVar[%s]' % name

    def __class_getitem__(cls, type):
        return InitVar(type)


_FIELD = 'field'
_FIELD_CLASSVAR = 'classvar'
_FIELD_INITVAR = 'initvar'


class Field:
    """What field() returns and fields() lists."""
    __slots__ = ('name', 'type', 'default', 'default_factory', 'repr', 'hash', 'init', 'compare',
                 'metadata', 'kw_only', '_field_type')

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else dict(metadata)
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ('Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,repr=%r,hash=%r,'
                'compare=%r,metadata=%r,kw_only=%r,_field_type=%s)'
                % (self.name, self.type, self.default, self.default_factory, self.init, self.repr,
                   self.hash, self.compare, self.metadata, self.kw_only, self._field_type))

    def __set_name__(self, owner, name):
        func = getattr(type(self.default), '__set_name__', None)
        if func is not None:
            func(self.default, owner, name)


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    """Describe one field: its default (or default_factory), and whether it takes part in
    __init__, __repr__, comparisons and hashing."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_classvar(annotation):
    typing = sys.modules.get('typing')
    if isinstance(annotation, str):
        return annotation.startswith('ClassVar') or annotation.startswith('typing.ClassVar')
    if typing is None:
        return False
    return annotation is typing.ClassVar or getattr(annotation, '__origin__', None) is typing.ClassVar


def _is_initvar(annotation):
    if annotation is InitVar or isinstance(annotation, InitVar):
        return True
    return isinstance(annotation, str) and (annotation.startswith('InitVar') or
                                            annotation.startswith('dataclasses.InitVar'))


def _is_kw_only_marker(annotation):
    return annotation is KW_ONLY or (isinstance(annotation, str) and annotation in ('KW_ONLY', 'dataclasses.KW_ONLY'))


_MUTABLE = (list, dict, set)


def _get_field(cls, name, annotation, default_kw_only):
    default = cls.__dict__.get(name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = name
    f.type = annotation
    f._field_type = _FIELD
    if _is_classvar(annotation):
        f._field_type = _FIELD_CLASSVAR
    elif _is_initvar(annotation):
        f._field_type = _FIELD_INITVAR
    if f._field_type in (_FIELD_CLASSVAR, _FIELD_INITVAR) and f.default_factory is not MISSING:
        raise TypeError('field %s cannot have a default factory' % name)
    if f._field_type == _FIELD or f._field_type == _FIELD_INITVAR:
        if f.kw_only is MISSING:
            f.kw_only = default_kw_only
    else:
        f.kw_only = False
    if f._field_type == _FIELD and type(f.default) in _MUTABLE:
        raise ValueError('mutable default %s for field %s is not allowed: use default_factory'
                         % (type(f.default), name))
    return f


class _DataclassParams:
    __slots__ = ('init', 'repr', 'eq', 'order', 'unsafe_hash', 'frozen')

    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ('_DataclassParams(init=%r,repr=%r,eq=%r,order=%r,unsafe_hash=%r,frozen=%r)'
                % (self.init, self.repr, self.eq, self.order, self.unsafe_hash, self.frozen))


def _set_qualname(cls, fn, name):
    fn.__name__ = name
    fn.__qualname__ = '%s.%s' % (cls.__qualname__, name)
    return fn


def _plural(n, word):
    return word if n == 1 else word + 's'


def _quote_list(names):
    quoted = ["'%s'" % n for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return '%s and %s' % (quoted[0], quoted[1])
    return ', '.join(quoted[:-1]) + ', and ' + quoted[-1]


def _make_init(cls, all_fields, frozen, has_post_init):
    init_fields = [f for f in all_fields if f.init and f._field_type in (_FIELD, _FIELD_INITVAR)]
    positional = [f for f in init_fields if not f.kw_only]
    kw_only = [f for f in init_fields if f.kw_only]
    seen_default = False
    for f in positional:
        has_default = f.default is not MISSING or f.default_factory is not MISSING
        if has_default:
            seen_default = True
        elif seen_default:
            raise TypeError("non-default argument '%s' follows default argument" % f.name)
    qualname = '%s.__init__' % cls.__qualname__
    stored = [f for f in all_fields if f._field_type == _FIELD]
    initvars = [f for f in all_fields if f._field_type == _FIELD_INITVAR]
    npos = len(positional)
    nrequired = len([f for f in positional if f.default is MISSING and f.default_factory is MISSING])
    names = set([f.name for f in init_fields])

    def __init__(self, *args, **kwargs):
        if len(args) > npos:
            if nrequired == npos:
                takes = '%d positional %s' % (npos + 1, _plural(npos + 1, 'argument'))
            else:
                takes = 'from %d to %d positional arguments' % (nrequired + 1, npos + 1)
            raise TypeError('%s() takes %s but %d %s given'
                            % (qualname, takes, len(args) + 1, 'was' if len(args) == 0 else 'were'))
        for key in kwargs:
            if key not in names:
                raise TypeError("%s() got an unexpected keyword argument '%s'" % (qualname, key))
        values = {}
        for f, value in zip(positional, args):
            if f.name in kwargs:
                raise TypeError("%s() got multiple values for argument '%s'" % (qualname, f.name))
            values[f.name] = value
        missing_pos = []
        missing_kw = []
        for f in init_fields:
            if f.name in values:
                continue
            if f.name in kwargs:
                values[f.name] = kwargs[f.name]
            elif f.default is not MISSING:
                values[f.name] = f.default
            elif f.default_factory is not MISSING:
                values[f.name] = f.default_factory()
            elif f.kw_only:
                missing_kw.append(f.name)
            else:
                missing_pos.append(f.name)
        if missing_pos:
            raise TypeError('%s() missing %d required positional %s: %s'
                            % (qualname, len(missing_pos), _plural(len(missing_pos), 'argument'),
                               _quote_list(missing_pos)))
        if missing_kw:
            raise TypeError('%s() missing %d required keyword-only %s: %s'
                            % (qualname, len(missing_kw), _plural(len(missing_kw), 'argument'),
                               _quote_list(missing_kw)))
        d = self.__dict__
        for f in stored:
            if f.name in values:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                continue
            if frozen:
                d[f.name] = value
            else:
                setattr(self, f.name, value)
        if has_post_init:
            self.__post_init__(*[values[f.name] for f in initvars if f.name in values])
    return _set_qualname(cls, __init__, '__init__')


_repr_running = set()


def _make_repr(cls, repr_fields):
    def __repr__(self):
        key = (id(self),)
        if key in _repr_running:
            return '...'
        _repr_running.add(key)
        try:
            body = ', '.join(['%s=%r' % (f.name, getattr(self, f.name)) for f in repr_fields])
        finally:
            _repr_running.discard(key)
        return '%s(%s)' % (self.__class__.__qualname__, body)
    return _set_qualname(cls, __repr__, '__repr__')


def _tuple_of(obj, fs):
    return tuple([getattr(obj, f.name) for f in fs])


def _make_eq(cls, cmp_fields):
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return _tuple_of(self, cmp_fields) == _tuple_of(other, cmp_fields)
        return NotImplemented
    return _set_qualname(cls, __eq__, '__eq__')


def _make_order(cls, cmp_fields, name):
    if name == '__lt__':
        def op(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, cmp_fields) < _tuple_of(other, cmp_fields)
            return NotImplemented
    elif name == '__le__':
        def op(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, cmp_fields) <= _tuple_of(other, cmp_fields)
            return NotImplemented
    elif name == '__gt__':
        def op(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, cmp_fields) > _tuple_of(other, cmp_fields)
            return NotImplemented
    else:
        def op(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, cmp_fields) >= _tuple_of(other, cmp_fields)
            return NotImplemented
    return _set_qualname(cls, op, name)


def _make_hash(cls, hash_fields):
    def __hash__(self):
        return hash(_tuple_of(self, hash_fields))
    return _set_qualname(cls, __hash__, '__hash__')


def _make_frozen_setattr(cls, field_names):
    def __setattr__(self, name, value):
        if type(self) is cls or name in field_names:
            raise FrozenInstanceError("cannot assign to field '%s'" % name)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in field_names:
            raise FrozenInstanceError("cannot delete field '%s'" % name)
        object.__delattr__(self, name)
    return _set_qualname(cls, __setattr__, '__setattr__'), _set_qualname(cls, __delattr__, '__delattr__')


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    all_fields = {}
    any_frozen_base = False
    has_dataclass_bases = False
    for base in reversed(cls.__mro__[1:]):
        base_fields = base.__dict__.get('__dataclass_fields__')
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                all_fields[f.name] = f
            if base.__dict__['__dataclass_params__'].frozen:
                any_frozen_base = True
    annotations = cls.__dict__.get('__annotations__', {})
    default_kw_only = kw_only
    own = []
    for name, annotation in annotations.items():
        if _is_kw_only_marker(annotation):
            default_kw_only = True
            continue
        f = _get_field(cls, name, annotation, default_kw_only)
        own.append(f)
        all_fields[name] = f
        if isinstance(cls.__dict__.get(name), Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError('%r is a field but has no type annotation' % name)
    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a non-frozen one')
    cls.__dataclass_fields__ = all_fields
    cls.__dataclass_params__ = _DataclassParams(init, repr, eq, order, unsafe_hash, frozen)
    field_list = list(all_fields.values())
    stored = [f for f in field_list if f._field_type == _FIELD]
    class_hash = cls.__dict__.get('__hash__', MISSING)
    has_explicit_hash = not (class_hash is MISSING or (class_hash is None and '__eq__' in cls.__dict__))
    if init:
        has_post_init = hasattr(cls, '__post_init__')
        cls.__init__ = _make_init(cls, field_list, frozen, has_post_init)
    if repr:
        if '__repr__' not in cls.__dict__:
            cls.__repr__ = _make_repr(cls, [f for f in stored if f.repr])
    cmp_fields = [f for f in stored if f.compare]
    if eq:
        if '__eq__' not in cls.__dict__:
            cls.__eq__ = _make_eq(cls, cmp_fields)
    if order:
        if not eq:
            raise ValueError('eq must be true if order is true')
        for name in ('__lt__', '__le__', '__gt__', '__ge__'):
            if name in cls.__dict__:
                raise TypeError('Cannot overwrite attribute %s in class %s. Consider using '
                                'functools.total_ordering' % (name, cls.__name__))
            setattr(cls, name, _make_order(cls, cmp_fields, name))
    if frozen:
        for name in ('__setattr__', '__delattr__'):
            if name in cls.__dict__:
                raise TypeError('Cannot overwrite attribute %s in class %s' % (name, cls.__name__))
        setter, deleter = _make_frozen_setattr(cls, set([f.name for f in stored]))
        cls.__setattr__ = setter
        cls.__delattr__ = deleter
    hash_fields = [f for f in stored if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError('Cannot overwrite attribute __hash__ in class %s' % cls.__name__)
        cls.__hash__ = _make_hash(cls, hash_fields)
    elif eq and frozen:
        if not has_explicit_hash:
            cls.__hash__ = _make_hash(cls, hash_fields)
    elif eq:
        if not has_explicit_hash:
            cls.__hash__ = None
    if not getattr(cls, '__doc__', None):
        try:
            cls.__doc__ = '%s(%s)' % (cls.__name__, _signature_text(field_list) if init else '')
        except (AttributeError, TypeError):
            pass
    if match_args and '__match_args__' not in cls.__dict__:
        cls.__match_args__ = tuple([f.name for f in field_list
                                    if f.init and not f.kw_only and f._field_type == _FIELD])
    return cls


def _annotation_text(tp):
    if isinstance(tp, str):
        return repr(tp)
    if isinstance(tp, type):
        if tp.__module__ == 'builtins':
            return tp.__qualname__
        return '%s.%s' % (tp.__module__, tp.__qualname__)
    return repr(tp)


def _signature_text(field_list):
    # As str(inspect.signature(cls)) for the generated __init__: "x: int, y: int = 0".
    parts = []
    star = False
    for f in field_list:
        if not f.init or f._field_type == _FIELD_CLASSVAR:
            continue
        if f.kw_only and not star:
            parts.append('*')
            star = True
        text = '%s: %s' % (f.name, _annotation_text(f.type))
        if f.default is not MISSING:
            text += ' = %r' % (f.default,)
        elif f.default_factory is not MISSING:
            text += ' = <factory>'
        parts.append(text)
    return ', '.join(parts)


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False):
    """Class decorator adding the special methods described by the class's annotated fields."""
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only)
    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    """The Field objects of a dataclass or instance (ClassVar and InitVar pseudo-fields left out)."""
    try:
        fs = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple([f for f in fs.values() if f._field_type == _FIELD])


def is_dataclass(obj):
    """True for a dataclass or an instance of one."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')


def _is_dataclass_instance(obj):
    return hasattr(type(obj), '__dataclass_fields__')


def asdict(obj, *, dict_factory=dict):
    """The fields of a dataclass instance as a dict, recursing into dataclasses, lists, tuples
    and dicts (other values are deep-copied)."""
    if not _is_dataclass_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, dict):
        return type(obj)([(_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory))
                          for k, v in obj.items()])
    return copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    """The fields of a dataclass instance as a tuple, recursing like asdict."""
    if not _is_dataclass_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, dict):
        return type(obj)([(_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory))
                          for k, v in obj.items()])
    return copy.deepcopy(obj)


def replace(obj, /, **changes):
    """A new instance of obj's dataclass with some fields changed."""
    if not _is_dataclass_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in obj.__dataclass_fields__.values():
        if f._field_type == _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError('field %s is declared with init=False, it cannot be specified with replace()'
                                 % f.name)
            continue
        if f.name not in changes:
            if f._field_type == _FIELD_INITVAR and f.default is MISSING:
                raise ValueError("InitVar '%s' must be specified with replace()" % f.name)
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, init=True, repr=True, eq=True,
                   order=False, unsafe_hash=False, frozen=False, match_args=True, kw_only=False,
                   slots=False, weakref_slot=False, module=None):
    """Create a dataclass from a list of names, (name, type) or (name, type, Field) items."""
    ns = dict(namespace) if namespace else {}
    annotations = {}
    seen = set()
    for item in fields:
        if isinstance(item, str):
            name, tp = item, 'typing.Any'
        elif len(item) == 2:
            name, tp = item
        elif len(item) == 3:
            name, tp, spec = item
            ns[name] = spec
        else:
            raise TypeError('Invalid field: %r' % (item,))
        if name in seen:
            raise TypeError('Field name duplicated: %r' % name)
        seen.add(name)
        annotations[name] = tp
    ns['__annotations__'] = annotations
    cls = type(cls_name, tuple(bases) if bases else (object,), ns)
    if module is not None:
        cls.__module__ = module
    return dataclass(cls, init=init, repr=repr, eq=eq, order=order, unsafe_hash=unsafe_hash,
                     frozen=frozen, match_args=match_args, kw_only=kw_only)
