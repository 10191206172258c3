"""enum: enumerations (written for MiniPy).

Enum, IntEnum, StrEnum, Flag, IntFlag, ReprEnum, auto, unique, EnumType (alias EnumMeta),
member/nonmember, verify's checks UNIQUE/CONTINUOUS/NAMED_FLAGS, the functional API
(Enum('Color', 'RED GREEN')), and CPython 3.11's reprs and str()s. Members are created by the
metaclass when the class body has run: names bound to plain values become members; functions,
descriptors, _sunder_ and __dunder__ names and nonmember() values stay ordinary attributes.
"""

import sys
from types import DynamicClassAttribute, MappingProxyType

__all__ = ['EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'ReprEnum',
           'auto', 'unique', 'property', 'verify', 'member', 'nonmember', 'FlagBoundary',
           'STRICT', 'CONFORM', 'EJECT', 'KEEP', 'global_flag_repr', 'global_enum_repr',
           'global_str', 'global_enum', 'EnumCheck', 'CONTINUOUS', 'NAMED_FLAGS', 'UNIQUE',
           'pickle_by_global_name', 'pickle_by_enum_name']

_auto_null = object()


class auto:
    """Placeholder: the member gets _generate_next_value_(name, start, count, last_values)."""

    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return 'auto(%r)' % (self.value,)


class member:
    """Force a value (e.g. a function) to become a member."""

    def __init__(self, value):
        self.value = value


class nonmember:
    """Keep a value from becoming a member."""

    def __init__(self, value):
        self.value = value


property = DynamicClassAttribute


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1:2] != '_' and name[-2:-1] != '_'


def _is_private(cls_name, name):
    pattern = '_%s__' % (cls_name.lstrip('_'),)
    return len(name) > len(pattern) and name.startswith(pattern) and not name.endswith('__')


def _is_descriptor(obj):
    if isinstance(obj, (classmethod, staticmethod, type(_is_dunder))):
        return True
    return (hasattr(obj, '__get__') or hasattr(obj, '__set__') or hasattr(obj, '__delete__'))


def _is_single_bit(num):
    if num == 0:
        return False
    num &= num - 1
    return num == 0


def _bits(num):
    # The single-bit values set in num, lowest first.
    out = []
    bit = 1
    while bit <= num:
        if num & bit:
            out.append(bit)
        bit <<= 1
    return out


class _EnumDict(dict):
    """The namespace of an enum class body: records member names in order and resolves auto()."""

    def __init__(self):
        super().__init__()
        self._member_names = {}
        self._last_values = []
        self._ignore = []
        self._cls_name = None
        self._generate_next_value = None

    def __setitem__(self, key, value):
        if _is_private(self._cls_name or '', key):
            pass
        elif _is_sunder(key):
            if key == '_order_':
                pass
            elif key == '_generate_next_value_':
                if isinstance(value, staticmethod):
                    value = value.__func__
                self._generate_next_value = value
            elif key == '_ignore_':
                if isinstance(value, str):
                    value = value.replace(',', ' ').split()
                else:
                    value = list(value)
                self._ignore = value
            elif key not in ('_missing_', '_numeric_repr_', '_iter_member_', '_iter_member_by_value_',
                             '_iter_member_by_def_', '_new_member_', '_use_args_', '_member_type_',
                             '_value_repr_', '_boundary_', '_flag_mask_', '_all_bits_', '_inverted_',
                             '_singles_mask_'):
                raise ValueError('_sunder_ names, such as %r, are reserved for future Enum use' % key)
        elif _is_dunder(key):
            if key == '__order__':
                key = '_order_'
        elif key in self._member_names:
            raise TypeError('%r already defined as %r' % (key, self[key]))
        elif key in self._ignore:
            pass
        elif isinstance(value, nonmember):
            value = value.value
        elif _is_descriptor(value) and not isinstance(value, member):
            pass
        else:
            if key in self:
                raise TypeError('%r already defined as %r' % (key, self[key]))
            if isinstance(value, member):
                value = value.value
            if isinstance(value, auto):
                if value.value is _auto_null:
                    gen = self._generate_next_value
                    value.value = gen(key, 1, len(self._member_names), self._last_values[:])
                value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                parts = []
                for v in value:
                    if isinstance(v, auto):
                        if v.value is _auto_null:
                            v.value = self._generate_next_value(key, 1, len(self._member_names),
                                                                self._last_values[:])
                        v = v.value
                    parts.append(v)
                value = tuple(parts)
            self._member_names[key] = None
            self._last_values.append(value)
        super().__setitem__(key, value)


def _find_data_type(bases):
    # The mixed-in data type (int, str, ...) of an enum with these bases, or object.
    for chain in bases:
        for base in chain.__mro__:
            if base is object:
                continue
            if isinstance(base, EnumType):
                if base._member_type_ is not object:
                    return base._member_type_
                continue
            if '__new__' in base.__dict__ or base in (int, str, float, bytes, tuple):
                return base
    return object


def _find_first_enum(bases):
    for base in reversed(bases):
        if isinstance(base, EnumType):
            return base
    return None


class EnumType(type):
    """Metaclass of Enum: creates the members, and makes the class iterable, sized,
    subscriptable by name and callable by value."""

    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        enum_dict = _EnumDict()
        enum_dict._cls_name = cls
        first_enum = _find_first_enum(bases)
        if first_enum is not None:
            enum_dict._generate_next_value = getattr(first_enum, '_generate_next_value_', None)
        if enum_dict._generate_next_value is None:
            enum_dict._generate_next_value = _default_next_value
        return enum_dict

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        member_names = list(classdict._member_names) if isinstance(classdict, _EnumDict) else []
        for base in bases:
            if isinstance(base, EnumType) and base._member_names_:
                raise TypeError('<enum %r> cannot extend %r' % (cls, base))
        ignore = classdict.get('_ignore_', []) if isinstance(classdict, _EnumDict) else []
        members = {}
        for name in member_names:
            members[name] = classdict[name]
        body = {}
        for key, value in classdict.items():
            if key in members or key in ignore or key == '_ignore_':
                continue
            body[key] = value
        member_type = _find_data_type(bases)
        body['_member_type_'] = member_type
        first_enum = _find_first_enum(bases)
        # The function that builds members: the class's own __new__, else the nearest enum
        # base's; class(value) then looks members up (Enum.__new__ is put back below).
        own_new = classdict.get('__new__')
        if isinstance(own_new, staticmethod):
            own_new = own_new.__func__
        if first_enum is None:
            own_new = None
        elif own_new is None:
            own_new = first_enum._new_member_
        body['_new_member_'] = own_new
        enum_class = super().__new__(metacls, cls, bases, body, **kwds)
        enum_class._member_names_ = []
        enum_class._member_map_ = {}
        enum_class._value2member_map_ = {}
        enum_class._unhashable_values_ = []
        enum_class._member_type_ = member_type
        if boundary is not None:
            enum_class._boundary_ = boundary
        # A data type's repr/str/format found first in the MRO (int before Enum in IntEnum's)
        # must not hide the enum's own: put the nearest enum base's methods on the class.
        if member_type is not object and first_enum is not None:
            for name in ('__repr__', '__str__', '__format__', '__reduce_ex__'):
                if name in classdict:
                    continue
                found = getattr(enum_class, name)
                if found is getattr(member_type, name, None) or found is getattr(object, name, None):
                    type.__setattr__(enum_class, name, getattr(first_enum, name))
        is_flag = Flag is not None and issubclass(enum_class, Flag)
        flag_mask = 0
        for name, value in members.items():
            enum_class._add_member(name, value, member_type)
            if is_flag:
                v = enum_class._member_map_[name]._value_
                if isinstance(v, int):
                    flag_mask |= v
        if first_enum is not None:
            type.__setattr__(enum_class, '__new__', Enum.__dict__['__new__'])
        if is_flag:
            enum_class._flag_mask_ = flag_mask
            enum_class._all_bits_ = (1 << flag_mask.bit_length()) - 1 if flag_mask else 0
            singles = 0
            for m in enum_class._member_map_.values():
                if _is_single_bit(m._value_):
                    singles |= m._value_
            enum_class._singles_mask_ = singles
        return enum_class

    def _add_member(cls, name, value, member_type):
        args = value if isinstance(value, tuple) else (value,)
        if member_type is tuple:
            args = (args,)
        custom_new = cls._new_member_
        if custom_new is not None:
            enum_member = custom_new(cls, *args)
            if not hasattr(enum_member, '_value_'):
                if member_type is object:
                    enum_member._value_ = value
                else:
                    enum_member._value_ = member_type(*args)
        elif member_type is object:
            enum_member = object.__new__(cls)
            enum_member._value_ = value
        else:
            enum_member = member_type.__new__(cls, *args)
            enum_member._value_ = member_type(*args)
        value = enum_member._value_
        enum_member._name_ = name
        enum_member.__objclass__ = cls
        init = getattr(cls, '__init__', None)
        if init is not None and init is not object.__init__ and not (member_type is not object and init is getattr(member_type, '__init__', None)):
            try:
                enum_member.__init__(*args)
            except TypeError:
                if custom_new is None:
                    raise
        enum_member._sort_order_ = len(cls._member_names_)
        # An alias for an earlier member with the same value?
        canonical = None
        try:
            canonical = cls._value2member_map_.get(value)
        except TypeError:
            for m in cls._member_map_.values():
                if m._value_ == value:
                    canonical = m
                    break
        if canonical is not None:
            enum_member = canonical
        else:
            flag_alias = (Flag is not None and issubclass(cls, Flag) and isinstance(value, int)
                          and not _is_single_bit(value) and value != 0)
            if not flag_alias or True:
                cls._member_names_.append(name)
        cls._member_map_[name] = enum_member
        try:
            cls._value2member_map_.setdefault(value, enum_member)
        except TypeError:
            cls._unhashable_values_.append(value)
        type.__setattr__(cls, name, enum_member)

    def __bool__(cls):
        return True

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1,
                 boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type,
                            start=start, boundary=boundary)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'"
                            % (type(member).__qualname__, cls.__class__.__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError('%r cannot delete member %r.' % (cls.__name__, attr))
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __len__(cls):
        return len(cls._member_names_)

    @DynamicClassAttribute
    def __members__(cls):
        return MappingProxyType(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % (cls.__name__,)
        return "<enum %r>" % (cls.__name__,)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get('_member_map_', {})
        if name in member_map:
            raise AttributeError('cannot reassign member %r' % (name,))
        super().__setattr__(name, value)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1,
                 boundary=None):
        metacls = cls.__class__
        bases = (cls,) if type is None else (type, cls)
        classdict = metacls.__prepare__(class_name, bases)
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original_names, names = names, []
            last_values = []
            for count, name in enumerate(original_names):
                value = classdict._generate_next_value(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        items = names.items() if hasattr(names, 'items') else names
        for item in items:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        if module is None:
            try:
                module = sys._getframe(2).f_globals['__name__']
            except (AttributeError, ValueError, KeyError):
                module = '__main__'
        classdict['__module__'] = module
        if qualname is not None:
            classdict['__qualname__'] = qualname
        return metacls.__new__(metacls, class_name, bases, classdict, boundary=boundary)


EnumMeta = EnumType
Flag = None


def _default_next_value(name, start, count, last_values):
    if not last_values:
        return start
    for v in reversed(last_values):
        try:
            return v + 1
        except TypeError:
            continue
    return start


class Enum(metaclass=EnumType):
    """Base class of enumerations: class Color(Enum): RED = 1."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return _default_next_value(name, start, count, last_values)

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for m in cls._member_map_.values():
                if m._value_ == value:
                    return m
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            exc = ValueError('%r is not a valid %s' % (value, cls.__qualname__))
            raise exc
        raise TypeError('error in %s._missing_: returned %r instead of None or a valid member'
                        % (cls.__name__, result))

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v_repr = self.__class__._value_repr_ or repr
        return '<%s.%s: %s>' % (self.__class__.__name__, self._name_, v_repr(self._value_))

    def __str__(self):
        return '%s.%s' % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self

    def __dir__(self):
        return ['__class__', '__doc__', '__eq__', '__hash__', '__module__', 'name', 'value']

    @DynamicClassAttribute
    def name(self):
        """The name of the Enum member."""
        return self._name_

    @DynamicClassAttribute
    def value(self):
        """The value of the Enum member."""
        return self._value_

    _value_repr_ = None


class ReprEnum(Enum):
    """An Enum whose str() and format() are those of its data type (as IntEnum, StrEnum)."""


class IntEnum(int, ReprEnum):
    """An Enum whose members are also ints."""

    def __str__(self):
        return repr(int(self))

    def __format__(self, format_spec):
        return format(int(self), format_spec)

    _value_repr_ = None


class StrEnum(str, ReprEnum):
    """An Enum whose members are also strs; auto() gives the lower-cased name."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError('too many arguments for str(): %r' % (values,))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError('%r is not a string' % (values[0],))
        value = str(*values)
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def __str__(self):
        return self._value_

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class FlagBoundary:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return '<FlagBoundary.%s: %r>' % (self.name, self.name.lower())


STRICT = FlagBoundary('STRICT')
CONFORM = FlagBoundary('CONFORM')
EJECT = FlagBoundary('EJECT')
KEEP = FlagBoundary('KEEP')


class Flag(Enum, boundary=STRICT):
    """An Enum whose members combine with |, & and ^; auto() gives powers of two."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last = None
        for v in reversed(last_values):
            if isinstance(v, int):
                last = v
                break
        if last is None:
            return 1
        high = last.bit_length() - 1 if last > 0 else 0
        return 2 ** (high + 1)

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError('%r is not a valid %s' % (value, cls.__qualname__))
        flag_mask = cls._flag_mask_
        all_bits = cls._all_bits_
        neg_value = None
        if value < 0:
            neg_value = value
            value = all_bits + 1 + value
        boundary = getattr(cls, '_boundary_', STRICT)
        if value & ~flag_mask if value >= 0 else True:
            if boundary is STRICT:
                raise ValueError('%r invalid value %r\n    given %s\n  allowed %s'
                                 % (cls, neg_value if neg_value is not None else value,
                                    bin(value), bin(flag_mask)))
            elif boundary is CONFORM:
                value = value & flag_mask
            elif boundary is EJECT:
                return value
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        pseudo._value_ = value
        names = [m._name_ for m in cls._iter_member_(value)]
        pseudo._name_ = '|'.join(names) if names else None
        if value == 0 and not names:
            pseudo._name_ = None
        cls._value2member_map_.setdefault(value, pseudo)
        if neg_value is not None:
            cls._value2member_map_.setdefault(neg_value, pseudo)
        return cls._value2member_map_[value]

    @classmethod
    def _iter_member_(cls, value):
        # The canonical single-bit members whose bits are in value, in definition order.
        for m in cls._member_map_.values():
            if m._name_ in cls._member_names_ and _is_single_bit(m._value_) and m._value_ & value == m._value_:
                yield m

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter(list(self.__class__._iter_member_(self._value_)))

    def __len__(self):
        return len(_bits(self._value_))

    def __repr__(self):
        cls_name = self.__class__.__name__
        v_repr = self.__class__._value_repr_ or repr
        if self._name_ is None:
            return '<%s: %s>' % (cls_name, v_repr(self._value_))
        return '<%s.%s: %s>' % (cls_name, self._name_, v_repr(self._value_))

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return '%s(%r)' % (cls_name, self._value_)
        return '%s.%s' % (cls_name, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is not object and isinstance(other, self._member_type_):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ | other)

    def __and__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is not object and isinstance(other, self._member_type_):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ & other)

    def __xor__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is not object and isinstance(other, self._member_type_):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ ^ other)

    def __invert__(self):
        return self.__class__(self._flag_mask_ ^ self._value_ & self._flag_mask_)

    __rand__ = __and__
    __ror__ = __or__
    __rxor__ = __xor__


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """A Flag whose members are also ints."""

    def __str__(self):
        return repr(int(self))

    def __format__(self, format_spec):
        return format(int(self), format_spec)

    # int comes first in the MRO: take Flag's operators so results stay members.
    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__ror__
    __rand__ = Flag.__rand__
    __rxor__ = Flag.__rxor__
    __invert__ = Flag.__invert__

    _value_repr_ = None


def unique(enumeration):
    """Class decorator: ValueError if any member is an alias of another."""
    duplicates = []
    for name, m in enumeration.__members__.items():
        if name != m._name_:
            duplicates.append((name, m._name_))
    if duplicates:
        alias_details = ', '.join(['%s -> %s' % (alias, name) for alias, name in duplicates])
        raise ValueError('duplicate values found in %r: %s' % (enumeration, alias_details))
    return enumeration


class EnumCheck:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return '<EnumCheck.%s: %r>' % (self.name, self.name.lower())


CONTINUOUS = EnumCheck('CONTINUOUS')
NAMED_FLAGS = EnumCheck('NAMED_FLAGS')
UNIQUE = EnumCheck('UNIQUE')


class verify:
    """Class decorator checking UNIQUE / CONTINUOUS / NAMED_FLAGS."""

    def __init__(self, *checks):
        self.checks = checks

    def __call__(self, enumeration):
        for check in self.checks:
            if check is UNIQUE:
                unique(enumeration)
            elif check is CONTINUOUS:
                values = sorted(set([m._value_ for m in enumeration]))
                if values:
                    missing = [v for v in range(values[0], values[-1]) if v not in values]
                    if missing:
                        raise ValueError('invalid enum %r: missing values %s'
                                         % (enumeration.__name__, ', '.join([str(v) for v in missing])))
        return enumeration


def global_enum_repr(self):
    return '%s.%s' % (self.__class__.__module__, self._name_)


def global_flag_repr(self):
    return '%s.%s' % (self.__class__.__module__, self._name_)


def global_str(self):
    return self._name_


def global_enum(cls, update_str=False):
    """Put the members into their module's namespace."""
    module = sys.modules.get(cls.__module__)
    if module is not None:
        for name, m in cls.__members__.items():
            setattr(module, name, m)
    return cls


def pickle_by_global_name(self, proto):
    return self.name


def pickle_by_enum_name(self, proto):
    return getattr, (self.__class__, self._name_)
