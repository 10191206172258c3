"""functools: higher-order functions (written for MiniPy).

partial, reduce, wraps / update_wrapper, lru_cache and cache (with cache_info / cache_clear),
total_ordering, cmp_to_key, cached_property, singledispatch (dispatch on the first argument's
class, walking its MRO) and partialmethod.
"""

__all__ = ['update_wrapper', 'wraps', 'WRAPPER_ASSIGNMENTS', 'WRAPPER_UPDATES', 'total_ordering',
           'cache', 'cmp_to_key', 'lru_cache', 'reduce', 'partial', 'partialmethod',
           'singledispatch', 'singledispatchmethod', 'cached_property']

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__', '__annotations__')
WRAPPER_UPDATES = ('__dict__',)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """Make wrapper look like wrapped: copy its name, doc, ... and set __wrapped__."""
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            try:
                setattr(wrapper, attr, value)
            except (AttributeError, TypeError):
                pass
    for attr in updated:
        try:
            source = getattr(wrapped, attr)
            target = getattr(wrapper, attr)
        except AttributeError:
            continue
        try:
            target.update(source)
        except (AttributeError, TypeError):
            pass
    try:
        wrapper.__wrapped__ = wrapped
    except (AttributeError, TypeError):
        pass
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """Decorator form of update_wrapper."""
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned, updated=updated)


_initial_missing = object()


def reduce(function, sequence, initial=_initial_missing):
    """reduce(function, iterable[, initial]) -> value: apply function cumulatively."""
    it = iter(sequence)
    if initial is _initial_missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError('reduce() of empty iterable with no initial value') from None
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value


class partial:
    """partial(func, *args, **keywords): a callable that calls func with these arguments first."""

    def __init__(self, func, *args, **keywords):
        if not callable(func):
            raise TypeError('the first argument must be callable')
        if isinstance(func, partial):
            args = func.args + args
            keywords = dict(func.keywords, **keywords)
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        if self.keywords:
            keywords = dict(self.keywords, **keywords)
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend([repr(a) for a in self.args])
        parts.extend(['%s=%r' % (k, v) for k, v in self.keywords.items()])
        name = type(self).__name__
        if type(self) is partial:
            name = 'functools.partial'
        return '%s(%s)' % (name, ', '.join(parts))


class partialmethod:
    """Like partial, for methods: the instance is passed before the stored arguments."""

    def __init__(self, func, *args, **keywords):
        self.func = func
        self.args = args
        self.keywords = keywords

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        func = self.func
        args = self.args
        keywords = self.keywords

        def bound(*more, **kw):
            merged = dict(keywords)
            merged.update(kw)
            return func(obj, *args, *more, **merged)
        return bound


def total_ordering(cls):
    """Class decorator: fill in the missing rich comparisons from __eq__ and one of
    __lt__, __le__, __gt__, __ge__."""
    defined = [op for op in ('__lt__', '__le__', '__gt__', '__ge__')
               if op in cls.__dict__ and cls.__dict__[op] is not getattr(object, op, None)]
    if not defined:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = defined[0]
    if root == '__lt__':
        lt = cls.__dict__['__lt__']
        derived = {
            '__gt__': lambda self, other: _not_op_and_not_eq(lt, self, other),
            '__le__': lambda self, other: _op_or_eq(lt, self, other),
            '__ge__': lambda self, other: _not_op(lt, self, other),
        }
    elif root == '__le__':
        le = cls.__dict__['__le__']
        derived = {
            '__ge__': lambda self, other: _not_op_or_eq(le, self, other),
            '__lt__': lambda self, other: _op_and_not_eq(le, self, other),
            '__gt__': lambda self, other: _not_op(le, self, other),
        }
    elif root == '__gt__':
        gt = cls.__dict__['__gt__']
        derived = {
            '__lt__': lambda self, other: _not_op_and_not_eq(gt, self, other),
            '__ge__': lambda self, other: _op_or_eq(gt, self, other),
            '__le__': lambda self, other: _not_op(gt, self, other),
        }
    else:
        ge = cls.__dict__['__ge__']
        derived = {
            '__le__': lambda self, other: _not_op_or_eq(ge, self, other),
            '__gt__': lambda self, other: _op_and_not_eq(ge, self, other),
            '__lt__': lambda self, other: _not_op(ge, self, other),
        }
    for name, func in derived.items():
        if name not in defined:
            func.__name__ = name
            setattr(cls, name, func)
    return cls


def _not_op(op, self, other):
    r = op(self, other)
    if r is NotImplemented:
        return r
    return not r


def _op_or_eq(op, self, other):
    r = op(self, other)
    if r is NotImplemented:
        return r
    return r or self == other


def _not_op_and_not_eq(op, self, other):
    r = op(self, other)
    if r is NotImplemented:
        return r
    return not r and self != other


def _not_op_or_eq(op, self, other):
    r = op(self, other)
    if r is NotImplemented:
        return r
    return not r or self == other


def _op_and_not_eq(op, self, other):
    r = op(self, other)
    if r is NotImplemented:
        return r
    return r and self != other


def cmp_to_key(mycmp):
    """Convert an old-style cmp function (negative/zero/positive) into a key= function."""
    class K:
        __slots__ = ('obj',)

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None
    return K


class _CacheInfoType:
    __slots__ = ('hits', 'misses', 'maxsize', 'currsize')

    def __init__(self, hits, misses, maxsize, currsize):
        self.hits = hits
        self.misses = misses
        self.maxsize = maxsize
        self.currsize = currsize

    def _tuple(self):
        return (self.hits, self.misses, self.maxsize, self.currsize)

    def __iter__(self):
        return iter(self._tuple())

    def __getitem__(self, i):
        return self._tuple()[i]

    def __len__(self):
        return 4

    def __eq__(self, other):
        if isinstance(other, _CacheInfoType):
            other = other._tuple()
        return self._tuple() == other

    def __hash__(self):
        return hash(self._tuple())

    def __repr__(self):
        return 'CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)' % self._tuple()


_kwd_mark = object()


def _make_key(args, kwds, typed):
    key = args
    if kwds:
        key += (_kwd_mark,)
        for item in kwds.items():
            key += item
    if typed:
        key += tuple([type(v) for v in args])
        if kwds:
            key += tuple([type(v) for v in kwds.values()])
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key


class _LRUWrapper:
    """The callable lru_cache returns: a dict from argument key to result, with the least
    recently used entry evicted when maxsize is reached (dicts keep insertion order, so
    re-inserting a key marks it as most recent)."""

    def __init__(self, func, maxsize, typed):
        self.__wrapped__ = func
        self._maxsize = maxsize
        self._typed = typed
        self._cache = {}
        self._hits = 0
        self._misses = 0
        update_wrapper(self, func)

    def __call__(self, *args, **kwds):
        key = _make_key(args, kwds, self._typed)
        cache = self._cache
        if key in cache:
            self._hits += 1
            result = cache[key]
            if self._maxsize is not None:
                del cache[key]
                cache[key] = result
            return result
        self._misses += 1
        result = self.__wrapped__(*args, **kwds)
        maxsize = self._maxsize
        if maxsize is None:
            cache[key] = result
        elif maxsize > 0:
            if key in cache:
                return result
            if len(cache) >= maxsize:
                del cache[next(iter(cache))]
            cache[key] = result
        return result

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        wrapper = self

        def bound(*args, **kwds):
            return wrapper(obj, *args, **kwds)
        bound.__wrapped__ = self.__wrapped__
        bound.cache_info = self.cache_info
        bound.cache_clear = self.cache_clear
        return bound

    def cache_info(self):
        """(hits, misses, maxsize, currsize) of the cache."""
        return _CacheInfoType(self._hits, self._misses, self._maxsize, len(self._cache))

    def cache_clear(self):
        """Empty the cache and reset the statistics."""
        self._cache.clear()
        self._hits = 0
        self._misses = 0

    def cache_parameters(self):
        return {'maxsize': self._maxsize, 'typed': self._typed}

    def __repr__(self):
        return '<functools._lru_cache_wrapper object at 0x%x>' % id(self)


def lru_cache(maxsize=128, typed=False):
    """Decorator memoising a function's results by its arguments (which must be hashable),
    keeping the maxsize most recently used (None: unbounded)."""
    if isinstance(maxsize, int):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        func, maxsize = maxsize, 128
        return _LRUWrapper(func, maxsize, typed)
    elif maxsize is not None:
        raise TypeError('Expected first argument to be an integer, a callable, or None')

    def decorating_function(func):
        return _LRUWrapper(func, maxsize, typed)
    return decorating_function


def cache(user_function):
    """Unbounded cache: lru_cache(maxsize=None)."""
    return _LRUWrapper(user_function, None, False)


_NOT_FOUND = object()


class cached_property:
    """A property computed once per instance, then stored in the instance's __dict__."""

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError('Cannot assign the same cached_property to two different names '
                            '(%r and %r).' % (self.attrname, name))

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError('Cannot use cached_property instance without calling __set_name__ on it.')
        cache = instance.__dict__
        val = cache.get(self.attrname, _NOT_FOUND)
        if val is _NOT_FOUND:
            val = self.func(instance)
            cache[self.attrname] = val
        return val


def _find_impl(cls, registry):
    # The implementation registered for the nearest class in cls's MRO.
    for klass in cls.__mro__:
        if klass in registry:
            return registry[klass]
    return registry[object]


def singledispatch(func):
    """Turn func into a generic function dispatching on the type of its first argument;
    implementations are added with @f.register(cls) or @f.register with an annotation."""
    registry = {object: func}
    dispatch_cache = {}

    def dispatch(cls):
        impl = dispatch_cache.get(cls)
        if impl is None:
            impl = _find_impl(cls, registry)
            dispatch_cache[cls] = impl
        return impl

    def register(cls, func=None):
        if func is None:
            if isinstance(cls, type):
                return lambda f: register(cls, f)
            ann = getattr(cls, '__annotations__', {})
            if not ann:
                raise TypeError('Invalid first argument to `register()`: %r. Use either '
                                '`@register(some_class)` or plain `@register` on an annotated '
                                'function.' % (cls,))
            func = cls
            argname, cls = next(iter(ann.items()))
            if not isinstance(cls, type):
                raise TypeError('Invalid annotation for %r. %r is not a class.' % (argname, cls))
        registry[cls] = func
        dispatch_cache.clear()
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError('%s requires at least 1 positional argument' % funcname)
        return dispatch(args[0].__class__)(*args, **kw)

    funcname = getattr(func, '__name__', 'singledispatch function')
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    wrapper._clear_cache = dispatch_cache.clear
    update_wrapper(wrapper, func)
    return wrapper


class singledispatchmethod:
    """singledispatch for methods: dispatch on the first argument after self."""

    def __init__(self, func):
        self.dispatcher = singledispatch(func)
        self.func = func

    def register(self, cls, method=None):
        return self.dispatcher.register(cls, func=method)

    def __get__(self, obj, cls=None):
        dispatcher = self.dispatcher

        def method(*args, **kwargs):
            return dispatcher.dispatch(args[0].__class__).__get__(obj, cls)(*args, **kwargs)
        method.register = self.register
        update_wrapper(method, self.func)
        return method
