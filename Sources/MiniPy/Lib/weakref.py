"""weakref: references that do not keep their object alive.

Written for MiniPy. The reference and proxy types live in C (the `_weakref` module over
CShims/Objects/weakrefobject.c); this file builds the containers on them: WeakValueDictionary,
WeakKeyDictionary, WeakSet, and WeakMethod and finalize. A container's entries go away as soon
as their object does (its count reaches zero, or the cycle collector frees it): each entry's weak
reference has a callback that removes it. Iteration works over a snapshot, so an entry vanishing
meanwhile never disturbs a loop.
"""

from _weakref import (ref, proxy, getweakrefcount, getweakrefs,
                      ReferenceType, ProxyType, CallableProxyType)

ProxyTypes = (ProxyType, CallableProxyType)

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs", "WeakKeyDictionary",
           "ReferenceType", "ProxyType", "CallableProxyType", "ProxyTypes",
           "WeakValueDictionary", "WeakSet", "WeakMethod", "finalize"]


class WeakMethod(ref):
    """A weak reference to a bound method: alive while both its instance and its function are;
    calling it returns a new bound method, or None once either is gone."""

    __slots__ = ("_func_ref", "_meth_type", "_alive", "__weakref__")

    def __new__(cls, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}".format(type(meth))) from None

        def _cb(arg):
            self = self_wr()
            if self is not None and self._alive:
                self._alive = False
                if callback is not None:
                    callback(self)

        self = ref.__new__(cls, obj, _cb)
        self._func_ref = ref(func, _cb)
        self._meth_type = type(meth)
        self._alive = True
        self_wr = ref(self)
        return self

    def __init__(self, meth, callback=None):
        pass

    def __call__(self):
        obj = super().__call__()
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return func.__get__(obj, type(obj))

    def __eq__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is other
            return ref.__eq__(self, other) and self._func_ref == other._func_ref
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is not other
            return ref.__ne__(self, other) or self._func_ref != other._func_ref
        return NotImplemented

    __hash__ = ref.__hash__


class KeyedRef(ref):
    """A weak reference that remembers the key it is stored under (WeakValueDictionary)."""

    __slots__ = ("key",)

    def __new__(type, ob, callback, key):
        self = ref.__new__(type, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)


class WeakValueDictionary:
    """A mapping whose values are held weakly: an entry goes when its value does."""

    def __init__(self, other=(), /, **kw):
        def remove(wr, selfref=ref(self)):
            self = selfref()
            if self is not None:
                d = self.data
                if d.get(wr.key) is wr:
                    del d[wr.key]
        self._remove = remove
        self.data = {}
        self.update(other, **kw)

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = KeyedRef(value, self._remove, key)

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def __len__(self):
        return sum(1 for wr in list(self.data.values()) if wr() is not None)

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __iter__(self):
        for k, wr in list(self.data.items()):
            if wr() is not None:
                yield k

    def keys(self):
        return iter(self)

    def items(self):
        for k, wr in list(self.data.items()):
            v = wr()
            if v is not None:
                yield k, v

    def values(self):
        for wr in list(self.data.values()):
            v = wr()
            if v is not None:
                yield v

    def itervaluerefs(self):
        yield from list(self.data.values())

    def valuerefs(self):
        return list(self.data.values())

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        return default if o is None else o

    def pop(self, key, *args):
        try:
            o = self.data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def popitem(self):
        while True:
            key, wr = self.data.popitem()
            o = wr()
            if o is not None:
                return key, o

    def setdefault(self, key, default=None):
        try:
            o = self.data[key]()
        except KeyError:
            o = None
        if o is None:
            self.data[key] = KeyedRef(default, self._remove, key)
            return default
        return o

    def update(self, other=None, /, **kwargs):
        if other is not None:
            if hasattr(other, "items"):
                other = other.items()
            for key, o in other:
                self[key] = o
        for key, o in kwargs.items():
            self[key] = o

    def clear(self):
        self.data.clear()

    def copy(self):
        new = WeakValueDictionary()
        for key, o in self.items():
            new[key] = o
        return new

    __copy__ = copy


class WeakKeyDictionary:
    """A mapping whose keys are held weakly: an entry goes when its key does."""

    def __init__(self, dict=None):
        self.data = {}

        def remove(k, selfref=ref(self)):
            self = selfref()
            if self is not None:
                try:
                    del self.data[k]
                except KeyError:
                    pass
        self._remove = remove
        if dict is not None:
            self.update(dict)

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def __len__(self):
        return sum(1 for wr in list(self.data) if wr() is not None)

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def keys(self):
        return iter(self)

    def items(self):
        for wr, value in list(self.data.items()):
            o = wr()
            if o is not None:
                yield o, value

    def values(self):
        for wr, value in list(self.data.items()):
            if wr() is not None:
                yield value

    def keyrefs(self):
        return list(self.data)

    def get(self, key, default=None):
        try:
            return self.data.get(ref(key), default)
        except TypeError:
            return default

    def pop(self, key, *args):
        return self.data.pop(ref(key), *args)

    def popitem(self):
        while True:
            wr, value = self.data.popitem()
            o = wr()
            if o is not None:
                return o, value

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, /, **kwargs):
        if dict is not None:
            if hasattr(dict, "items"):
                dict = dict.items()
            for key, value in dict:
                self[key] = value
        if kwargs:
            self.update(kwargs)

    def clear(self):
        self.data.clear()

    def copy(self):
        new = WeakKeyDictionary()
        for key, value in self.items():
            new[key] = value
        return new

    __copy__ = copy


class WeakSet:
    """A set whose elements are held weakly: an element goes when its object does."""

    def __init__(self, data=None):
        self.data = set()

        def _remove(item, selfref=ref(self)):
            self = selfref()
            if self is not None:
                self.data.discard(item)
        self._remove = _remove
        if data is not None:
            self.update(data)

    def __iter__(self):
        for wr in list(self.data):
            item = wr()
            if item is not None:
                yield item

    def __len__(self):
        return sum(1 for wr in list(self.data) if wr() is not None)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def clear(self):
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def pop(self):
        while True:
            try:
                itemref = self.data.pop()
            except KeyError:
                raise KeyError("pop from empty WeakSet") from None
            item = itemref()
            if item is not None:
                return item

    def remove(self, item):
        self.data.remove(ref(item))

    def discard(self, item):
        self.data.discard(ref(item))

    def update(self, other):
        for element in other:
            self.add(element)

    def __ior__(self, other):
        self.update(other)
        return self

    def difference(self, other):
        return self.__class__(e for e in self if e not in other)
    __sub__ = difference

    def intersection(self, other):
        return self.__class__(e for e in other if e in self)
    __and__ = intersection

    def union(self, other):
        new = self.copy()
        new.update(other)
        return new
    __or__ = union

    def symmetric_difference(self, other):
        other = self.__class__(other)
        return self.__class__([e for e in self if e not in other] + [e for e in other if e not in self])
    __xor__ = symmetric_difference

    def issubset(self, other):
        return all(e in other for e in self)
    __le__ = issubset

    def issuperset(self, other):
        return all(e in self for e in other)
    __ge__ = issuperset

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return set(self) == set(other)

    __hash__ = None

    def isdisjoint(self, other):
        return not any(e in self for e in other)


class finalize:
    """finalize(obj, func, /, *args, **kwargs): calls func(*args, **kwargs) once, when obj goes
    or when the finalize object is called, whichever comes first."""

    _registry = {}
    _index = 0
    _shutdown = False           # set once the exit hook has run: later deaths call nothing
    _hooked = False             # the exit hook is registered with atexit

    class _Info:
        __slots__ = ("weakref", "func", "args", "kwargs", "atexit", "index")

    def __init__(self, obj, func, /, *args, **kwargs):
        info = self._Info()
        info.weakref = ref(obj, self)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        finalize._index += 1
        info.index = finalize._index
        self._registry[self] = info
        if not finalize._hooked:
            import atexit
            atexit.register(finalize._at_exit)
            finalize._hooked = True

    def __call__(self, _=None):
        info = self._registry.pop(self, None)
        if info and not finalize._shutdown:
            return info.func(*info.args, **(info.kwargs or {}))

    @classmethod
    def _at_exit(cls):
        # At interpreter exit: the finalizers still alive whose atexit flag is true run, newest
        # first (the collector paused meanwhile); after that no finalizer runs any more, so
        # objects torn down later by the shutdown do not call theirs (CPython's behaviour).
        import gc
        paused = gc.isenabled()
        gc.disable()
        try:
            while True:
                due = [(info.index, f) for f, info in list(cls._registry.items()) if info.atexit]
                if not due:
                    break
                f = max(due, key=lambda pair: pair[0])[1]
                try:
                    f()
                except Exception:
                    import traceback
                    traceback.print_exc()
                cls._registry.pop(f, None)
        finally:
            cls._shutdown = True
            if paused:
                gc.enable()

    def detach(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None and self._registry.pop(self, None):
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        return self in self._registry

    @property
    def atexit(self):
        info = self._registry.get(self)
        return bool(info) and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = self._registry.get(self)
        if info:
            info.atexit = bool(value)

    def __repr__(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is None:
            return "<%s object at %#x; dead>" % (type(self).__name__, id(self))
        return "<%s object at %#x; for %r at %#x>" % (type(self).__name__, id(self), type(obj).__name__, id(obj))
