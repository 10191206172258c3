"""array: typed arrays of numbers (written for MiniPy, on a Python list).

array(typecode[, initializer]) with the typecodes b B h H i I l L q Q f d u; values are
checked against the type's range on the way in (OverflowError / TypeError as CPython), floats
stored for 'f' and 'd'. Indexing, slicing, iteration, append, extend, insert, pop, remove,
index, count, reverse, tolist, fromlist, tobytes/frombytes (native little-endian), buffer_info,
itemsize, typecode, +, *, comparisons. Speed is that of a list.
"""

__all__ = ['ArrayType', 'array', 'typecodes']

typecodes = 'bBuhHiIlLqQfd'

_SIZES = {'b': 1, 'B': 1, 'u': 4, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 8, 'L': 8, 'q': 8, 'Q': 8,
          'f': 4, 'd': 8}
_SIGNED = {'b': True, 'h': True, 'i': True, 'l': True, 'q': True,
           'B': False, 'H': False, 'I': False, 'L': False, 'Q': False}


def _check(typecode, value):
    if typecode in 'fd':
        if not isinstance(value, (int, float)):
            raise TypeError('must be real number, not %s' % type(value).__name__)
        return float(value)
    if typecode == 'u':
        if not isinstance(value, str) or len(value) != 1:
            raise TypeError('array item must be unicode character')
        return value
    if not isinstance(value, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)
    bits = _SIZES[typecode] * 8
    if _SIGNED[typecode]:
        lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    else:
        lo, hi = 0, (1 << bits) - 1
    if value < lo or value > hi:
        if typecode == 'b':
            raise OverflowError('signed char is %s than %s' % ('less' if value < lo else 'greater', 'minimum' if value < lo else 'maximum'))
        if not _SIGNED[typecode] and value < 0:
            raise OverflowError('unsigned %s is less than minimum' % {'B': 'byte integer', 'H': 'short', 'I': 'int', 'L': 'long', 'Q': 'long long'}[typecode])
        raise OverflowError('%s is %s than %s' % (
            {'h': 'signed short integer', 'i': 'signed integer', 'l': 'signed long integer',
             'q': 'signed long long integer', 'B': 'unsigned byte integer', 'H': 'unsigned short integer',
             'I': 'unsigned integer', 'L': 'unsigned long integer', 'Q': 'unsigned long long integer'}.get(typecode, 'value'),
            'less' if value < lo else 'greater', 'minimum' if value < lo else 'maximum'))
    return value


class array:
    """array(typecode[, initializer]) -> a mutable sequence of typecode items."""

    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or len(typecode) != 1 or typecode not in typecodes:
            raise ValueError('bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)')
        self.typecode = typecode
        self.itemsize = _SIZES[typecode]
        self._data = []
        if initializer is not None:
            if isinstance(initializer, (bytes,)):
                self.frombytes(initializer)
            elif isinstance(initializer, str):
                if typecode != 'u':
                    raise TypeError('cannot use a str to initialize an array with typecode %r' % typecode)
                self._data = list(initializer)
            else:
                self.extend(initializer)

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def __getitem__(self, i):
        if isinstance(i, slice):
            a = array(self.typecode)
            a._data = self._data[i]
            return a
        try:
            return self._data[i]
        except IndexError:
            raise IndexError('array index out of range') from None

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            if not isinstance(value, array) or value.typecode != self.typecode:
                raise TypeError('can only assign array (not "%s") to array slice' % type(value).__name__)
            self._data[i] = value._data
            return
        try:
            self._data[i] = _check(self.typecode, value)
        except IndexError:
            raise IndexError('array assignment index out of range') from None

    def __delitem__(self, i):
        del self._data[i]

    def __contains__(self, v):
        return v in self._data

    def __eq__(self, other):
        if isinstance(other, array):
            return self._data == other._data
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, array):
            return self._data < other._data
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, array):
            return self._data <= other._data
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, array):
            return self._data > other._data
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, array):
            return self._data >= other._data
        return NotImplemented

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only append array (not "%s") to array' % type(other).__name__)
        if other.typecode != self.typecode:
            raise TypeError('bad argument type for built-in operation')
        a = array(self.typecode)
        a._data = self._data + other._data
        return a

    def __iadd__(self, other):
        if not isinstance(other, array) or other.typecode != self.typecode:
            raise TypeError('can only extend with array of same kind')
        self._data.extend(other._data)
        return self

    def __mul__(self, n):
        a = array(self.typecode)
        a._data = self._data * n
        return a

    __rmul__ = __mul__

    def __imul__(self, n):
        self._data *= n
        return self

    def __repr__(self):
        if not self._data:
            return 'array(%r)' % self.typecode
        if self.typecode == 'u':
            return 'array(%r, %r)' % (self.typecode, ''.join(self._data))
        return 'array(%r, %r)' % (self.typecode, self._data)

    def __copy__(self):
        return array(self.typecode, self._data)

    def __deepcopy__(self, memo):
        return array(self.typecode, self._data)

    def __reduce__(self):
        return (array, (self.typecode, self._data))

    def append(self, v):
        self._data.append(_check(self.typecode, v))

    def extend(self, iterable):
        if isinstance(iterable, array):
            if iterable.typecode != self.typecode:
                raise TypeError('can only extend with array of same kind')
            self._data.extend(iterable._data)
            return
        tc = self.typecode
        self._data.extend([_check(tc, v) for v in iterable])

    def fromlist(self, lst):
        if not isinstance(lst, list):
            raise TypeError('arg must be list')
        self.extend(lst)

    def tolist(self):
        return list(self._data)

    def insert(self, i, v):
        self._data.insert(i, _check(self.typecode, v))

    def pop(self, i=-1):
        if not self._data:
            raise IndexError('pop from empty array')
        return self._data.pop(i)

    def remove(self, v):
        try:
            self._data.remove(v)
        except ValueError:
            raise ValueError('array.remove(x): x not in array') from None

    def index(self, v, start=0, stop=None):
        try:
            return self._data.index(v, start, len(self._data) if stop is None else stop)
        except ValueError:
            raise ValueError('array.index(x): x not in array') from None

    def count(self, v):
        return self._data.count(v)

    def reverse(self):
        self._data.reverse()

    def buffer_info(self):
        return (id(self), len(self._data))

    def byteswap(self):
        if self.typecode in 'fd':
            raise RuntimeError("don't know how to byteswap this array type")
        size = self.itemsize
        out = []
        for v in self._data:
            b = v.to_bytes(size, 'little', signed=_SIGNED[self.typecode])
            out.append(int.from_bytes(b, 'big', signed=_SIGNED[self.typecode]))
        self._data = out

    def tobytes(self):
        if self.typecode in 'fd':
            raise NotImplementedError('array.tobytes() of float arrays is not supported by MiniPy')
        if self.typecode == 'u':
            return ''.join(self._data).encode('utf-32-le') if self._data else b''
        size = self.itemsize
        signed = _SIGNED[self.typecode]
        return b''.join([v.to_bytes(size, 'little', signed=signed) for v in self._data])

    def frombytes(self, data):
        size = self.itemsize
        if len(data) % size:
            raise ValueError('bytes length not a multiple of item size')
        if self.typecode in 'fdu':
            raise NotImplementedError('array.frombytes() of this type is not supported by MiniPy')
        signed = _SIGNED[self.typecode]
        self._data.extend([int.from_bytes(data[i:i + size], 'little', signed=signed)
                           for i in range(0, len(data), size)])

    def tounicode(self):
        if self.typecode != 'u':
            raise ValueError('tounicode() may only be called on unicode type arrays')
        return ''.join(self._data)


ArrayType = array
