"""itertools: iterator building blocks (written for MiniPy).

Every function of CPython's itertools, as generators or small iterator classes with the
documented behaviour: infinite iterators (count, cycle, repeat), iterators that stop on the
shortest input (accumulate, batched is 3.12 and left out, chain, compress, dropwhile, filterfalse,
groupby, islice, pairwise, starmap, takewhile, tee, zip_longest) and the combinatoric ones
(product, permutations, combinations, combinations_with_replacement).
"""

__all__ = ['accumulate', 'chain', 'combinations', 'combinations_with_replacement', 'compress',
           'count', 'cycle', 'dropwhile', 'filterfalse', 'groupby', 'islice', 'pairwise',
           'permutations', 'product', 'repeat', 'starmap', 'takewhile', 'tee', 'zip_longest']


class count:
    """count(start=0, step=1) -> start, start+step, start+2*step, ..."""

    def __init__(self, start=0, step=1):
        if isinstance(start, (str, bytes, list, tuple, dict, set)) or start is None:
            raise TypeError('a number is required')
        self._n = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if self._step == 1 and type(self._step) is int:
            return 'count(%r)' % (self._n,)
        return 'count(%r, %r)' % (self._n, self._step)


def cycle(iterable):
    return _cycle(iter(iterable))


def _cycle(iterable):
    saved = []
    for element in iterable:
        yield element
        saved.append(element)
    if not saved:
        return
    while True:
        for element in saved:
            yield element


class repeat:
    """repeat(object[, times]) -> object, object, ... (times times, or forever)."""

    def __init__(self, object, times=None):
        self._object = object
        if times is not None:
            if not isinstance(times, int):
                raise TypeError("'%s' object cannot be interpreted as an integer" % type(times).__name__)
            if times < 0:
                times = 0
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        if self._times is None:
            return self._object
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._object

    def __length_hint__(self):
        if self._times is None:
            raise TypeError('len() of unsized object')
        return self._times

    def __repr__(self):
        if self._times is None:
            return 'repeat(%r)' % (self._object,)
        return 'repeat(%r, %d)' % (self._object, self._times)


def accumulate(iterable, func=None, *, initial=None):
    return _accumulate(iter(iterable), func, initial)


def _accumulate(it, func, initial):
    total = initial
    if initial is None:
        for total in it:
            break
        else:
            return
    yield total
    if func is None:
        for element in it:
            total = total + element
            yield total
    else:
        for element in it:
            total = func(total, element)
            yield total


class chain:
    """chain(*iterables) -> the elements of each iterable in turn."""

    def __init__(self, *iterables):
        self._sources = iter(iterables)
        self._active = None

    @classmethod
    def from_iterable(cls, iterables):
        c = cls()
        c._sources = iter(iterables)
        return c

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            if self._active is None:
                self._active = iter(next(self._sources))
            for value in self._active:
                return value
            self._active = None


def compress(data, selectors):
    return _compress(iter(data), iter(selectors))


def _compress(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


def dropwhile(predicate, iterable):
    return _dropwhile(predicate, iter(iterable))


def _dropwhile(predicate, iterable):
    it = iter(iterable)
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def filterfalse(predicate, iterable):
    return _filterfalse(predicate, iter(iterable))


def _filterfalse(predicate, iterable):
    if predicate is None:
        predicate = bool
    for x in iterable:
        if not predicate(x):
            yield x


_NOTHING = object()


class groupby:
    """groupby(iterable, key=None) -> (key, group iterator) for each run of equal keys. Moving
    on to the next group makes the previous group iterator empty, as in CPython."""

    def __init__(self, iterable, key=None):
        self._it = iter(iterable)
        self._keyfunc = key
        self._target = self._current = self._value = _NOTHING
        self._token = None

    def __iter__(self):
        return self

    def _advance(self):
        # Reads the next element and its key (StopIteration at the end).
        self._value = next(self._it)
        self._current = self._value if self._keyfunc is None else self._keyfunc(self._value)

    def __next__(self):
        self._token = token = object()
        while self._current is _NOTHING or (self._target is not _NOTHING and self._current == self._target):
            self._advance()
        self._target = self._current
        return (self._current, self._group(self._target, token))

    def _group(self, target, token):
        while self._token is token and self._current == target:
            yield self._value
            try:
                self._advance()
            except StopIteration:
                self._current = _NOTHING
                self._target = _NOTHING
                return


_ISLICE_INDICES = 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.'


def islice(iterable, *args):
    """islice(iterable, stop) / islice(iterable, start, stop[, step]): elements of the slice."""
    if not 1 <= len(args) <= 3:
        if not args:
            raise TypeError('islice expected at least 2 arguments, got 1')
        raise TypeError('islice expected at most 4 arguments, got %d' % (len(args) + 1))
    s = slice(*args)
    start, stop, step = s.start, s.stop, s.step
    if stop is not None and (not isinstance(stop, int) or stop < 0):
        if len(args) == 1:
            raise ValueError('Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
        raise ValueError(_ISLICE_INDICES)
    if start is None:
        start = 0
    elif not isinstance(start, int) or start < 0:
        raise ValueError(_ISLICE_INDICES)
    if step is None:
        step = 1
    elif not isinstance(step, int):
        raise ValueError(_ISLICE_INDICES)
    elif step <= 0:
        raise ValueError('Step for islice() must be a positive integer or None.')
    return _islice(iter(iterable), start, stop, step)


def _islice(it, start, stop, step):
    # Reads no more of the source than the slice needs (at most `stop` elements), as CPython.
    count = 0
    want = start
    while True:
        while count < want:
            for _ in it:
                break
            else:
                return
            count += 1
        if stop is not None and count >= stop:
            return
        for item in it:
            break
        else:
            return
        count += 1
        want += step
        if stop is not None and want > stop:
            want = stop
        yield item


def pairwise(iterable):
    return _pairwise(iter(iterable))


def _pairwise(iterable):
    it = iter(iterable)
    for a in it:
        for b in it:
            yield a, b
            a = b
        break


def starmap(function, iterable):
    return _starmap(function, iter(iterable))


def _starmap(function, iterable):
    for args in iterable:
        yield function(*args)


def takewhile(predicate, iterable):
    return _takewhile(predicate, iter(iterable))


def _takewhile(predicate, iterable):
    for x in iterable:
        if predicate(x):
            yield x
        else:
            break


class _TeeData:
    def __init__(self, it):
        self.it = it
        self.values = []     # values read so far
        self.base = 0        # index of values[0] in the stream
        self.positions = []  # the tee iterators, for trimming


class _Tee:
    def __init__(self, data, pos):
        self._data = data
        self._pos = pos

    def __iter__(self):
        return self

    def __next__(self):
        d = self._data
        i = self._pos - d.base
        if i < len(d.values):
            value = d.values[i]
        else:
            value = next(d.it)
            d.values.append(value)
        self._pos += 1
        return value

    def __copy__(self):
        return _Tee(self._data, self._pos)


def tee(iterable, n=2):
    if not isinstance(n, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(n).__name__)
    if n < 0:
        raise ValueError('n must be >= 0')
    if n == 0:
        return ()
    if isinstance(iterable, _Tee):
        first = iterable
    else:
        first = _Tee(_TeeData(iter(iterable)), 0)
    return tuple([first] + [first.__copy__() for _ in range(n - 1)])


def zip_longest(*iterables, fillvalue=None):
    return _zip_longest([iter(it) for it in iterables], fillvalue)


def _zip_longest(iterators, fillvalue):
    active = len(iterators)
    if not active:
        return
    while True:
        values = []
        for i, it in enumerate(iterators):
            for value in it:
                break
            else:
                active -= 1
                if not active:
                    return
                iterators[i] = repeat(fillvalue)
                value = fillvalue
            values.append(value)
        yield tuple(values)


def product(*iterables, repeat=1):
    if not isinstance(repeat, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(repeat).__name__)
    if repeat < 0:
        raise ValueError('repeat argument cannot be negative')
    return _product([tuple(pool) for pool in iterables] * repeat)


def _product(pools):
    result = [()]
    for pool in pools:
        result = [x + (y,) for x in result for y in pool]
    for prod in result:
        yield prod


def permutations(iterable, r=None):
    pool = tuple(iterable)
    r = len(pool) if r is None else r
    if r < 0:
        raise ValueError('r must be non-negative')
    return _permutations(pool, r)


def _permutations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple([pool[i] for i in indices[:r]])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple([pool[i] for i in indices[:r]])
                break
        else:
            return


def combinations(iterable, r):
    pool = tuple(iterable)
    if r < 0:
        raise ValueError('r must be non-negative')
    return _combinations(pool, r)


def _combinations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple([pool[i] for i in indices])
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple([pool[i] for i in indices])


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    if r < 0:
        raise ValueError('r must be non-negative')
    return _combinations_with_replacement(pool, r)


def _combinations_with_replacement(pool, r):
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple([pool[i] for i in indices])
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple([pool[i] for i in indices])
