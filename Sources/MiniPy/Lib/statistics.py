"""statistics: mathematical statistics of numeric data (written for MiniPy).

mean, fmean, geometric_mean, harmonic_mean, median, median_low, median_high, median_grouped,
mode, multimode, quantiles, pstdev, pvariance, stdev, variance, covariance, correlation,
linear_regression, and StatisticsError. Sums are exact (fractions) for ints and Fractions and
use math.fsum for floats, so results match CPython's to the last digit in the common cases.
"""

import math
from fractions import Fraction
from collections import Counter

__all__ = ['NormalDist', 'StatisticsError', 'correlation', 'covariance', 'fmean',
           'geometric_mean', 'harmonic_mean', 'linear_regression', 'mean', 'median',
           'median_grouped', 'median_high', 'median_low', 'mode', 'multimode', 'pstdev',
           'pvariance', 'quantiles', 'stdev', 'variance']


class StatisticsError(ValueError):
    pass


def _exact_ratio(x):
    if isinstance(x, float):
        if x != x or x in (float('inf'), float('-inf')):
            return (x, None)
        return x.as_integer_ratio()
    if isinstance(x, int):
        return (x, 1)
    if isinstance(x, Fraction):
        return (x.numerator, x.denominator)
    try:
        return x.as_integer_ratio()
    except AttributeError:
        raise TypeError("can't convert type '%s' to numerator/denominator" % type(x).__name__)


def _sum(data):
    # (type, exact total as Fraction or float for infinities/nan, count)
    count = 0
    types = set()
    partials = {}
    special = None
    for x in data:
        count += 1
        types.add(type(x))
        n, d = _exact_ratio(x)
        if d is None:
            special = x if special is None else special + x
            continue
        partials[d] = partials.get(d, 0) + n
    if special is not None:
        total = special
    elif None in partials:
        total = partials[None]
    else:
        total = Fraction(0)
        for d, n in partials.items():
            total += Fraction(n, d)
    T = _coerce_types(types)
    return T, total, count


def _coerce_types(types):
    T = int
    for t in types:
        if t is bool:
            t = int
        if T is t:
            continue
        if T is int:
            T = t
        elif t is int:
            continue
        elif issubclass(t, T):
            T = t
        elif issubclass(T, t):
            pass
        elif T is float or t is float:
            if Fraction in (T, t):
                T = float
            else:
                raise TypeError("can't convert type '%s' to '%s'" % (t.__name__, T.__name__))
        else:
            raise TypeError("can't convert type '%s' to '%s'" % (t.__name__, T.__name__))
    return T


def _convert(value, T):
    if type(value) is T:
        return value
    if isinstance(value, float):
        return T(value) if T is not int else value
    if T is int and isinstance(value, Fraction) and value.denominator != 1:
        T = float
    if T is int:
        return int(value)
    if T is float:
        return float(value)
    return T(value)


def mean(data):
    """Arithmetic mean: mean([1, 2, 3, 4, 4]) -> 2.8."""
    data = list(data)
    if len(data) < 1:
        raise StatisticsError('mean requires at least one data point')
    T, total, n = _sum(data)
    return _convert(total / n, T)


def fmean(data, weights=None):
    """Fast floating-point mean."""
    data = list(data)
    if weights is None:
        n = len(data)
        if n == 0:
            raise StatisticsError('fmean requires at least one data point')
        return math.fsum(data) / n
    weights = list(weights)
    if len(weights) != len(data):
        raise StatisticsError('data and weights must be the same length')
    num = math.fsum([x * w for x, w in zip(data, weights)])
    den = math.fsum(weights)
    if not den:
        raise StatisticsError('sum of weights must be non-zero')
    return num / den


def geometric_mean(data):
    """exp(fmean(log(x)))."""
    data = list(data)
    if not data:
        raise StatisticsError('geometric mean requires a non-empty dataset containing positive numbers')
    for x in data:
        if x <= 0:
            raise StatisticsError('geometric mean requires a non-empty dataset containing positive numbers')
    return math.exp(fmean([math.log(x) for x in data]))


def harmonic_mean(data, weights=None):
    """n / sum(1/x)."""
    data = list(data)
    if not data:
        raise StatisticsError('harmonic_mean requires at least one data point')
    if len(data) == 1 and weights is None:
        x = data[0]
        if isinstance(x, (int, float, Fraction)):
            if x < 0:
                raise StatisticsError('harmonic mean does not support negative values')
            return x
    if weights is None:
        weights = [1] * len(data)
    else:
        weights = list(weights)
    for x in data:
        if x < 0:
            raise StatisticsError('harmonic mean does not support negative values')
        if x == 0:
            return 0
    T, total_w, _ = _sum(weights)
    T2, total, _ = _sum([Fraction(w) / Fraction(x) for w, x in zip(weights, data)])
    T = _coerce_types({type(w / x) for w, x in zip(weights, data)})
    return _convert(total_w / total, T)


def median(data):
    """The middle value (mean of the two middle ones for even lengths)."""
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    return data[n // 2]


def median_grouped(data, interval=1):
    """The 50th percentile of grouped continuous data."""
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n == 1:
        return data[0]
    x = data[n // 2]
    for obj in (x, interval):
        if isinstance(obj, (str, bytes)):
            raise TypeError('expected number but got %r' % (obj,))
    L = x - interval / 2
    cf = 0
    while cf < n and data[cf] < x:
        cf += 1
    f = 0
    while cf + f < n and data[cf + f] == x:
        f += 1
    return L + interval * (n / 2 - cf) / f


def mode(data):
    """The most common value (the first one met if several tie)."""
    pairs = Counter(iter(data)).most_common(1)
    try:
        return pairs[0][0]
    except IndexError:
        raise StatisticsError('no mode for empty data') from None


def multimode(data):
    """Every value with the highest count, in order of first appearance."""
    counts = Counter(iter(data))
    if not counts:
        return []
    maxcount = max(counts.values())
    return [value for value, count in counts.items() if count == maxcount]


def quantiles(data, *, n=4, method='exclusive'):
    """n-1 cut points dividing data into n intervals of equal probability."""
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        if ld == 1:
            return data * (n - 1)
        raise StatisticsError('must have at least one data point')
    if method == 'inclusive':
        m = ld - 1
        result = []
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            interpolated = (data[j] * (n - delta) + data[j + 1] * delta) / n
            result.append(interpolated)
        return result
    if method == 'exclusive':
        m = ld + 1
        result = []
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            interpolated = (data[j - 1] * (n - delta) + data[j] * delta) / n
            result.append(interpolated)
        return result
    raise ValueError('Unknown method: %r' % (method,))


def _ss(data, c=None):
    # (type, sum of squared deviations as an exact Fraction, mean, n)
    T, total, n = _sum(data)
    if n == 0:
        raise StatisticsError('no data')
    if c is None:
        c = total / n
    else:
        c = Fraction(*_exact_ratio(c)) if not isinstance(c, Fraction) else c
    if not isinstance(c, Fraction):
        return T, sum((x - c) ** 2 for x in data), c, n
    ss = Fraction(0)
    for x in data:
        dev = Fraction(*_exact_ratio(x)) - c
        ss += dev * dev
    return T, ss, c, n


def variance(data, xbar=None):
    """Sample variance (n - 1 in the denominator)."""
    data = list(data)
    if len(data) < 2:
        raise StatisticsError('variance requires at least two data points')
    T, ss, c, n = _ss(data, xbar)
    return _convert(ss / (n - 1), T)


def pvariance(data, mu=None):
    """Population variance."""
    data = list(data)
    if len(data) < 1:
        raise StatisticsError('pvariance requires at least one data point')
    T, ss, c, n = _ss(data, mu)
    return _convert(ss / n, T)


def _sqrt_of_fraction(value, T):
    if isinstance(value, Fraction):
        root = math.sqrt(value.numerator / value.denominator) if value.numerator < 2 ** 1000 else float(value) ** 0.5
        exact = _exact_sqrt(value)
        if exact is not None:
            root = exact
    else:
        root = math.sqrt(value)
    return root if T is not Fraction else root


def _exact_sqrt(f):
    # Correctly rounded sqrt of a Fraction via integer square roots.
    n, d = f.numerator, f.denominator
    if n < 0:
        return None
    scale = 2 ** 120
    q = math.isqrt(n * scale * scale // d)
    return q / scale


def stdev(data, xbar=None):
    """Sample standard deviation."""
    data = list(data)
    if len(data) < 2:
        raise StatisticsError('stdev requires at least two data points')
    T, ss, c, n = _ss(data, xbar)
    return _sqrt_of_fraction(ss / (n - 1), T)


def pstdev(data, mu=None):
    """Population standard deviation."""
    data = list(data)
    if len(data) < 1:
        raise StatisticsError('pstdev requires at least one data point')
    T, ss, c, n = _ss(data, mu)
    return _sqrt_of_fraction(ss / n, T)


def covariance(x, y, /):
    """Sample covariance of two inputs."""
    n = len(x)
    if len(y) != n:
        raise StatisticsError('covariance requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError('covariance requires at least two data points')
    xbar = fsum_mean(x)
    ybar = fsum_mean(y)
    sxy = math.fsum([(xi - xbar) * (yi - ybar) for xi, yi in zip(x, y)])
    return sxy / (n - 1)


def fsum_mean(data):
    return math.fsum(data) / len(data)


def correlation(x, y, /):
    """Pearson's correlation coefficient."""
    n = len(x)
    if len(y) != n:
        raise StatisticsError('correlation requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError('correlation requires at least two data points')
    xbar = fsum_mean(x)
    ybar = fsum_mean(y)
    sxy = math.fsum([(xi - xbar) * (yi - ybar) for xi, yi in zip(x, y)])
    sxx = math.fsum([(d := xi - xbar) * d for xi in x])
    syy = math.fsum([(d := yi - ybar) * d for yi in y])
    try:
        return sxy / math.sqrt(sxx * syy)
    except ZeroDivisionError:
        raise StatisticsError('at least one of the inputs is constant')


class LinearRegression:
    __slots__ = ('slope', 'intercept')

    def __init__(self, slope, intercept):
        self.slope = slope
        self.intercept = intercept

    def __iter__(self):
        return iter((self.slope, self.intercept))

    def __repr__(self):
        return 'LinearRegression(slope=%r, intercept=%r)' % (self.slope, self.intercept)


def linear_regression(x, y, /, *, proportional=False):
    """(slope, intercept) of the least-squares line through (x, y)."""
    n = len(x)
    if len(y) != n:
        raise StatisticsError('linear regression requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError('linear regression requires at least two data points')
    if proportional:
        sxy = math.fsum([xi * yi for xi, yi in zip(x, y)])
        sxx = math.fsum([xi * xi for xi in x])
    else:
        xbar = fsum_mean(x)
        ybar = fsum_mean(y)
        sxy = math.fsum([(xi - xbar) * (yi - ybar) for xi, yi in zip(x, y)])
        sxx = math.fsum([(d := xi - xbar) * d for xi in x])
    try:
        slope = sxy / sxx
    except ZeroDivisionError:
        raise StatisticsError('x is constant')
    intercept = 0.0 if proportional else ybar - slope * xbar
    return LinearRegression(slope=slope, intercept=intercept)


class NormalDist:
    """Normal distribution of a random variable: mean mu, standard deviation sigma."""
    __slots__ = ('_mu', '_sigma')

    def __init__(self, mu=0.0, sigma=1.0):
        if sigma < 0.0:
            raise StatisticsError('sigma must be non-negative')
        self._mu = float(mu)
        self._sigma = float(sigma)

    @classmethod
    def from_samples(cls, data):
        data = list(data)
        return cls(fmean(data), stdev(data))

    @property
    def mean(self):
        return self._mu

    @property
    def median(self):
        return self._mu

    @property
    def mode(self):
        return self._mu

    @property
    def stdev(self):
        return self._sigma

    @property
    def variance(self):
        return self._sigma ** 2.0

    def pdf(self, x):
        variance = self._sigma ** 2.0
        if not variance:
            raise StatisticsError('pdf() not defined when sigma is zero')
        diff = x - self._mu
        return math.exp(diff * diff / (-2.0 * variance)) / math.sqrt(2.0 * math.pi * variance)

    def cdf(self, x):
        if not self._sigma:
            raise StatisticsError('cdf() not defined when sigma is zero')
        return 0.5 * (1.0 + math.erf((x - self._mu) / (self._sigma * math.sqrt(2.0))))

    def __repr__(self):
        return '%s(mu=%r, sigma=%r)' % (type(self).__name__, self._mu, self._sigma)
