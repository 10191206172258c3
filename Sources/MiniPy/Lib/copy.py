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
_ATOMIC_TYPES = frozenset((type(None), int, float, bool, str, bytes, type, range, complex,
                           type(lambda: 0), type(len), type((lambda: 0).__code__), type(...),
                           type(NotImplemented), property, type(__import__('sys'))))


def _is_atomic(x):
    # For copy(): a frozenset is its own shallow copy (deepcopy builds a new one, as CPython).
    t = type(x)
    return t in _ATOMIC_TYPES or t is frozenset or isinstance(x, type)


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
    n = len(info)
    callable_, args = info[0], info[1]
    state = info[2] if n > 2 else None
    listiter = info[3] if n > 3 else None
    dictiter = info[4] if n > 4 else None
    if deep and args:   # the deep copy of () is () itself, and the memo keeps nothing for it
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
    # The kit's object defines neither __reduce_ex__ nor __reduce__: finding one on the class
    # means a class of x defines it. __reduce_ex__ wins over __reduce__, as in CPython.
    if getattr(cls, '__reduce_ex__', None) is not None:
        return _reconstruct(x, x.__reduce_ex__(4), deep, memo)
    if getattr(cls, '__reduce__', None) is not None:
        return _reconstruct(x, x.__reduce__(), deep, memo)
    # A subclass of a built-in container: rebuild from its items, then copy the attributes.
    if isinstance(x, (list, dict, set)):
        y = _new_like(x)
        if isinstance(x, list):
            y.extend(_deep_items(x, memo) if deep else x)
        elif isinstance(x, dict):
            for k, v in x.items():
                y[deepcopy(k, memo) if deep else k] = deepcopy(v, memo) if deep else v
        else:
            for v in x:
                y.add(deepcopy(v, memo) if deep else v)
    else:
        y = _new_like(x)
        if y is None:
            raise Error('un(%scopy)able object of type %s' % ('deep' if deep else 'shallow', cls))
    if deep:
        memo[id(x)] = y
    getstate = getattr(cls, '__getstate__', None)
    state = getstate(x) if getstate is not None else getattr(x, '__dict__', None)
    if state:
        if deep:
            state = deepcopy(state, memo)
        setstate = getattr(y, '__setstate__', None)
        if setstate is not None:
            setstate(state)
        else:
            y.__dict__.update(state)
    if getattr(cls, '__slots__', None) is not None:
        for name in _slot_names(cls):
            if hasattr(x, name):
                value = getattr(x, name)
                setattr(y, name, deepcopy(value, memo) if deep else value)
    return y


def _deep_items(x, memo, _nil=[]):
    # A loop, not a comprehension: a comprehension would make memo a cell of every caller.
    # deepcopy's first two steps are inlined: an atom is its own copy and an item already in
    # the memo is its copy there, with no call made for either.
    items = []
    append = items.append
    get = memo.get
    atomic = _ATOMIC_TYPES
    ident = id
    for item in x:
        if type(item) in atomic:
            append(item)
            continue
        y = get(ident(item), _nil)
        append(y if y is not _nil else deepcopy(item, memo))
    return items


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
    cls = type(x)
    if cls in _ATOMIC_TYPES:   # before the memo (as CPython 3.14): an atom is never memoized
        return x
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    copier = _deepcopy_dispatch.get(cls)
    if copier is not None:
        y = copier(x, memo, d)
    elif isinstance(x, type):
        return x
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _copy_instance(x, True, memo)
    if y is not x:
        memo[d] = y
        # The originals must outlive the memo, or a new object could reuse an id (_keep_alive,
        # written out: this is every copied object's path).
        keep = memo.get(id(memo))
        if keep is None:
            memo[id(memo)] = [x]
        else:
            keep.append(x)
    return y


def _deepcopy_list(x, memo, d, _nil=[]):
    y = []
    memo[d] = y
    append = y.append
    get = memo.get
    atomic = _ATOMIC_TYPES
    ident = id
    for item in x:   # deepcopy's atom and memo steps inlined, as in _deep_items
        if type(item) in atomic:
            append(item)
            continue
        c = get(ident(item), _nil)
        append(c if c is not _nil else deepcopy(item, memo))
    return y


def _deepcopy_dict(x, memo, d):
    y = {}
    memo[d] = y
    atomic = _ATOMIC_TYPES
    for key, value in x.items():
        if type(key) not in atomic:
            key = deepcopy(key, memo)
        y[key] = value if type(value) in atomic else deepcopy(value, memo)
    return y


def _deepcopy_set(x, memo, d):
    y = set()
    memo[d] = y
    for item in x:
        y.add(deepcopy(item, memo))
    return y


def _deepcopy_tuple(x, memo, d):
    items = _deep_items(x, memo)
    # A tuple that contains itself through a list was copied while its items were.
    y = memo.get(d)
    if y is not None:
        return y
    # A tuple whose items are all unchanged is returned as is, as CPython does.
    i = 0
    for item in x:
        if item is not items[i]:
            return tuple(items)
        i += 1
    return x


def _deepcopy_frozenset(x, memo, d):
    return frozenset(_deep_items(x, memo))


_deepcopy_dispatch = {list: _deepcopy_list, dict: _deepcopy_dict, set: _deepcopy_set,
                      tuple: _deepcopy_tuple, frozenset: _deepcopy_frozenset}


def _keep_alive(x, memo):
    # The originals must outlive the memo, or a new object could reuse an id.
    keep = memo.get(id(memo))
    if keep is None:
        memo[id(memo)] = [x]
    else:
        keep.append(x)
