"""fractions: rational numbers (written for MiniPy).

Fraction(numerator=0, denominator=1), Fraction('3/4'), Fraction('1.25'), Fraction(0.5),
Fraction(Fraction); arithmetic with ints, Fractions and floats, comparisons, hashing equal to
the equal int/float, limit_denominator, as_integer_ratio, round/floor/ceil, str and repr as
CPython's.
"""

import math

__all__ = ['Fraction']

_PyHASH_MODULUS = (1 << 61) - 1
_PyHASH_INF = 314159


def _parse(text):
    s = text.strip().replace('_', '')
    if not s:
        raise ValueError('Invalid literal for Fraction: %r' % text)
    if '/' in s:
        num, _, den = s.partition('/')
        num, den = num.strip(), den.strip()
        if not _is_int_text(num) or not den.isdigit():
            raise ValueError('Invalid literal for Fraction: %r' % text)
        return int(num), int(den)
    sign = 1
    body = s
    if body[0] in '+-':
        if body[0] == '-':
            sign = -1
        body = body[1:]
    exp = 0
    if 'e' in body or 'E' in body:
        body, _, e = body.replace('E', 'e').partition('e')
        if not _is_int_text(e):
            raise ValueError('Invalid literal for Fraction: %r' % text)
        exp = int(e)
    whole, _, frac = body.partition('.')
    if not (whole or frac) or (whole and not whole.isdigit()) or (frac and not frac.isdigit()):
        raise ValueError('Invalid literal for Fraction: %r' % text)
    num = int(whole or '0') * 10 ** len(frac) + int(frac or '0')
    den = 10 ** len(frac)
    if exp >= 0:
        num *= 10 ** exp
    else:
        den *= 10 ** -exp
    return sign * num, den


def _is_int_text(t):
    if t[:1] in ('+', '-'):
        t = t[1:]
    return t.isdigit()


class Fraction:
    """A rational number numerator/denominator in lowest terms, denominator > 0."""
    __slots__ = ('_numerator', '_denominator')

    def __init__(self, numerator=0, denominator=None, *, _normalize=True):
        if denominator is None:
            if type(numerator) is int:
                n, d = numerator, 1
            elif isinstance(numerator, Fraction):
                n, d = numerator._numerator, numerator._denominator
            elif isinstance(numerator, bool):
                n, d = int(numerator), 1
            elif isinstance(numerator, int):
                n, d = int(numerator), 1
            elif isinstance(numerator, float):
                n, d = numerator.as_integer_ratio()
            elif isinstance(numerator, str):
                n, d = _parse(numerator)
            elif hasattr(numerator, 'as_integer_ratio'):
                n, d = numerator.as_integer_ratio()
            else:
                raise TypeError('argument should be a string or a Rational instance')
        else:
            if isinstance(numerator, Fraction) or isinstance(denominator, Fraction):
                a = Fraction(numerator)
                b = Fraction(denominator)
                n = a._numerator * b._denominator
                d = a._denominator * b._numerator
            elif isinstance(numerator, int) and isinstance(denominator, int):
                n, d = int(numerator), int(denominator)
            else:
                raise TypeError('both arguments should be Rational instances')
        if d == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % n)
        if _normalize:
            g = math.gcd(n, d)
            if d < 0:
                g = -g
            n //= g
            d //= g
        self._numerator = n
        self._denominator = d

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError('%s.from_float() only takes floats, not %r (%s)' % (cls.__name__, f, type(f).__name__))
        return cls(*f.as_integer_ratio())

    @classmethod
    def from_decimal(cls, dec):
        return cls(str(dec))

    @property
    def numerator(self):
        return self._numerator

    @property
    def denominator(self):
        return self._denominator

    def as_integer_ratio(self):
        return (self._numerator, self._denominator)

    def is_integer(self):
        return self._denominator == 1

    def limit_denominator(self, max_denominator=1000000):
        """The closest Fraction with denominator at most max_denominator."""
        if max_denominator < 1:
            raise ValueError('max_denominator should be at least 1')
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        bound1 = Fraction(p0 + k * p1, q0 + k * q1)
        bound2 = Fraction(p1, q1)
        if abs(bound2 - self) <= abs(bound1 - self):
            return bound2
        return bound1

    def __repr__(self):
        return '%s(%s, %s)' % (self.__class__.__name__, self._numerator, self._denominator)

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return '%s/%s' % (self._numerator, self._denominator)

    def _coerce(self, other):
        if isinstance(other, Fraction):
            return other
        if isinstance(other, int):
            return Fraction(other)
        return None

    def __add__(self, other):
        o = self._coerce(other)
        if o is not None:
            return Fraction(self._numerator * o._denominator + o._numerator * self._denominator,
                            self._denominator * o._denominator)
        if isinstance(other, float):
            return float(self) + other
        if isinstance(other, complex):
            return complex(float(self)) + other
        return NotImplemented

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        o = self._coerce(other)
        if o is not None:
            return Fraction(self._numerator * o._denominator - o._numerator * self._denominator,
                            self._denominator * o._denominator)
        if isinstance(other, float):
            return float(self) - other
        return NotImplemented

    def __rsub__(self, other):
        o = self._coerce(other)
        if o is not None:
            return o - self
        if isinstance(other, float):
            return other - float(self)
        return NotImplemented

    def __mul__(self, other):
        o = self._coerce(other)
        if o is not None:
            return Fraction(self._numerator * o._numerator, self._denominator * o._denominator)
        if isinstance(other, float):
            return float(self) * other
        return NotImplemented

    def __rmul__(self, other):
        return self.__mul__(other)

    def __truediv__(self, other):
        o = self._coerce(other)
        if o is not None:
            if o._numerator == 0:
                n = self._numerator * o._denominator
                raise ZeroDivisionError('Fraction(%s, 0)' % (n // math.gcd(n, 0) if n else 0))
            return Fraction(self._numerator * o._denominator, self._denominator * o._numerator)
        if isinstance(other, float):
            return float(self) / other
        return NotImplemented

    def __rtruediv__(self, other):
        o = self._coerce(other)
        if o is not None:
            return o / self
        if isinstance(other, float):
            return other / float(self)
        return NotImplemented

    def __floordiv__(self, other):
        o = self._coerce(other)
        if o is not None:
            return (self._numerator * o._denominator) // (self._denominator * o._numerator)
        if isinstance(other, float):
            return float(self) // other
        return NotImplemented

    def __rfloordiv__(self, other):
        o = self._coerce(other)
        if o is not None:
            return o // self
        return NotImplemented

    def __mod__(self, other):
        o = self._coerce(other)
        if o is not None:
            return Fraction((self._numerator * o._denominator) % (o._numerator * self._denominator),
                            self._denominator * o._denominator)
        if isinstance(other, float):
            return float(self) % other
        return NotImplemented

    def __rmod__(self, other):
        o = self._coerce(other)
        if o is not None:
            return o % self
        return NotImplemented

    def __divmod__(self, other):
        return (self // other, self % other)

    def __pow__(self, other):
        if isinstance(other, int) or (isinstance(other, Fraction) and other._denominator == 1):
            power = int(other) if isinstance(other, int) else other._numerator
            if power >= 0:
                return Fraction(self._numerator ** power, self._denominator ** power, _normalize=False)
            if self._numerator == 0:
                raise ZeroDivisionError('Fraction(%s, 0)' % (self._denominator ** -power))
            if self._numerator > 0:
                return Fraction(self._denominator ** -power, self._numerator ** -power, _normalize=False)
            return Fraction((-self._denominator) ** -power, (-self._numerator) ** -power, _normalize=False)
        return float(self) ** (float(other) if isinstance(other, Fraction) else other)

    def __rpow__(self, other):
        if self._denominator == 1 and self._numerator >= 0:
            return other ** self._numerator
        if isinstance(other, int):
            return Fraction(other) ** self
        return other ** float(self)

    def __pos__(self):
        return Fraction(self._numerator, self._denominator, _normalize=False)

    def __neg__(self):
        return Fraction(-self._numerator, self._denominator, _normalize=False)

    def __abs__(self):
        return Fraction(abs(self._numerator), self._denominator, _normalize=False)

    def __int__(self):
        if self._numerator < 0:
            return -(-self._numerator // self._denominator)
        return self._numerator // self._denominator

    def __trunc__(self):
        return self.__int__()

    def __float__(self):
        return self._numerator / self._denominator

    def __floor__(self):
        return self._numerator // self._denominator

    def __ceil__(self):
        return -(-self._numerator // self._denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            floor, remainder = divmod(self._numerator, self._denominator)
            if remainder * 2 < self._denominator:
                return floor
            if remainder * 2 > self._denominator:
                return floor + 1
            return floor if floor % 2 == 0 else floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __hash__(self):
        try:
            dinv = pow(self._denominator, -1, _PyHASH_MODULUS)
        except ValueError:
            hash_ = _PyHASH_INF
        else:
            hash_ = hash(hash(abs(self._numerator)) * dinv)
        result = hash_ if self._numerator >= 0 else -hash_
        return -2 if result == -1 else result

    def __eq__(self, other):
        if isinstance(other, Fraction):
            return self._numerator == other._numerator and self._denominator == other._denominator
        if isinstance(other, int):
            return self._denominator == 1 and self._numerator == other
        if isinstance(other, float):
            if other != other or other in (float('inf'), float('-inf')):
                return False
            return self == Fraction(other)
        return NotImplemented

    def _cmp(self, other):
        if isinstance(other, (int, Fraction)):
            o = Fraction(other)
            return self._numerator * o._denominator - o._numerator * self._denominator
        if isinstance(other, float):
            if other != other:
                return None
            if other in (float('inf'), float('-inf')):
                return -1 if other > 0 else 1
            return self._cmp(Fraction(other))
        return NotImplemented

    def __lt__(self, other):
        c = self._cmp(other)
        if c is NotImplemented:
            return c
        return c is not None and c < 0

    def __gt__(self, other):
        c = self._cmp(other)
        if c is NotImplemented:
            return c
        return c is not None and c > 0

    def __le__(self, other):
        c = self._cmp(other)
        if c is NotImplemented:
            return c
        return c is not None and c <= 0

    def __ge__(self, other):
        c = self._cmp(other)
        if c is NotImplemented:
            return c
        return c is not None and c >= 0

    def __bool__(self):
        return self._numerator != 0

    def __reduce__(self):
        return (self.__class__, (self._numerator, self._denominator))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self
