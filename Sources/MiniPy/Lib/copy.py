"""copy: shallow and deep copies (written for MiniPy).

copy(x) and deepcopy(x[, memo]). Immutable atoms are returned as they are; lists, dicts, sets
and tuples are copied directly; other objects use __copy__ / __deepcopy__ when they define them,
else __reduce_ex__ / __reduce__ when they define them, else a new instance of the same class
with a copy of the instance __dict__ (and __slots__ values). deepcopy keeps a memo so shared
and recursive structures are copied once.
"""

__all__ = ['Error', 'copy', 'deepcopy']


class Error(Exception):
    pass


error = Error

# Looked up by hash (types hash by identity), not by comparing with each member of a tuple:
# deepcopy asks this once per object it meets.
_ATOMIC_TYPES = frozenset((type(None), int, float, bool, str, bytes, type, range, frozenset))
_ATOMIC_NAMES = frozenset(('function', 'builtin_function_or_method', 'code', 'ellipsis',
                           'NotImplementedType', 'complex', 'property', 'module'))


def _is_atomic(x):
    t = type(x)
    if t in _ATOMIC_TYPES or isinstance(x, type):
        return True
    return t.__name__ in _ATOMIC_NAMES


def _new_like(x):
    cls = type(x)
    try:
        return object.__new__(cls)
    except (TypeError, AttributeError):
        return cls.__new__(cls) if hasattr(cls, '__new__') else None


def _slot_names(cls):
    names = []
    for klass in getattr(cls, '__mro__', (cls,)):
        slots = klass.__dict__.get('__slots__', ())
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name not in ('__dict__', '__weakref__') and name not in names:
                names.append(name)
    return names


def _reconstruct(x, info, deep, memo):
    if isinstance(info, str):
        return x
    callable_, args = info[0], info[1]
    state = info[2] if len(info) > 2 else None
    listiter = info[3] if len(info) > 3 else None
    dictiter = info[4] if len(info) > 4 else None
    if deep:
        args = deepcopy(args, memo)
    y = callable_(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if deep else item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
            y[key] = value
    return y


def _copy_instance(x, deep, memo):
    cls = type(x)
    reductor = getattr(cls, '__reduce_ex__', None)
    own_reduce = None
    for klass in cls.__mro__:
        if klass is object:
            break
        if '__reduce_ex__' in klass.__dict__ or '__reduce__' in klass.__dict__:
            own_reduce = klass
            break
    if own_reduce is not None:
        if '__reduce_ex__' in own_reduce.__dict__:
            info = x.__reduce_ex__(4)
        else:
            info = x.__reduce__()
        return _reconstruct(x, info, deep, memo)
    # A subclass of a built-in container: rebuild from its items, then copy the attributes.
    for base, build in ((list, None), (dict, None), (set, None)):
        if isinstance(x, base):
            y = _new_like(x)
            if base is list:
                y.extend([deepcopy(v, memo) for v in x] if deep else x)
            elif base is dict:
                for k, v in x.items():
                    y[deepcopy(k, memo) if deep else k] = deepcopy(v, memo) if deep else v
            else:
                for v in x:
                    y.add(deepcopy(v, memo) if deep else v)
            break
    else:
        y = _new_like(x)
        if y is None:
            raise Error('un(%scopy)able object of type %s' % ('deep' if deep else 'shallow', cls))
    if deep:
        memo[id(x)] = y
    state = getattr(x, '__dict__', None)
    if hasattr(x, '__getstate__') and '__getstate__' in type(x).__dict__:
        state = x.__getstate__()
    if state:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            y.__dict__.update(state)
    for name in _slot_names(cls):
        if hasattr(x, name):
            value = getattr(x, name)
            setattr(y, name, deepcopy(value, memo) if deep else value)
    return y


def copy(x):
    """Shallow copy of x."""
    cls = type(x)
    if cls is list or cls is dict or cls is set:
        return x.copy()
    if cls is tuple or _is_atomic(x):
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    return _copy_instance(x, False, None)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy of x; memo maps id(original) -> copy for objects already copied."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for item in x:
            y.add(deepcopy(item, memo))
    elif cls is tuple:
        items = [deepcopy(item, memo) for item in x]
        # A tuple whose items are all unchanged is returned as is, as CPython does.
        if d in memo:
            return memo[d]
        same = True
        for a, b in zip(x, items):
            if a is not b:
                same = False
                break
        y = x if same else tuple(items)
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _copy_instance(x, True, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    # The originals must outlive the memo, or a new object could reuse an id.
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
