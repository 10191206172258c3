# fractions and statistics.
from fractions import Fraction
import statistics as st

a, b = Fraction(3, 4), Fraction('5/6')
print(a, b, repr(a), a + b, a - b, a * b, a / b, a // b, a % b, -a, abs(-b), a ** 2, a ** -2)
print(Fraction(6, -4), Fraction('1.25'), Fraction(' -3/9 '), Fraction(0.5), Fraction('1e-3'), Fraction(7))
print(a + 1, 1 - a, 2 * a, a / 3, a + 0.25, a == 0.75, a < b, a >= 1, Fraction(1, 2) == Fraction(2, 4))
print(float(a), int(Fraction(-7, 2)), round(Fraction(5, 2)), round(Fraction(7, 2)), round(Fraction(22, 7), 2))
print(Fraction(3.141592653589793).limit_denominator(1000), Fraction(1, 3).as_integer_ratio(), hash(Fraction(1, 2)) == hash(0.5), hash(Fraction(4, 2)) == hash(2))
print(sorted([Fraction(1, 3), Fraction(1, 4), 0.3]), sum([Fraction(1, n) for n in range(1, 6)]), bool(Fraction(0)))
for bad in [lambda: Fraction(1, 0), lambda: Fraction('x/2'), lambda: a / 0, lambda: Fraction(1.5, 2)]:
    try:
        bad()
    except (ZeroDivisionError, ValueError, TypeError) as e:
        print(type(e).__name__, e)

data = [2.5, 3.25, 5.5, 11.25, 11.75]
print(st.mean([1, 2, 3, 4, 4]), st.mean(data), st.mean([Fraction(1, 2), Fraction(3, 4)]), st.fmean([3.5, 4.0, 5.25]))
print(st.median([1, 3, 5]), st.median([1, 3, 5, 7]), st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]))
print(st.mode([1, 1, 2, 3, 3, 3, 4]), st.mode(['red', 'blue', 'blue']), st.multimode('aabbbbccddddeeffffgg'))
print(st.variance([2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]), st.pvariance([0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25]))
print(st.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.variance([1, 2, 3, 4]))
print(st.quantiles([105, 129, 87, 86, 111, 111, 89, 81, 108, 92, 110, 100, 75, 105, 103, 109, 76, 119, 99, 91], n=4))
print(st.harmonic_mean([40, 60]), st.geometric_mean([54, 24, 36]), st.median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 4, 5]))
print(st.correlation([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), st.covariance([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]))
print(st.linear_regression([1, 2, 3, 4, 5], [3, 5, 7, 9, 11]))
nd = st.NormalDist(100, 15)
print(nd, round(nd.cdf(115), 6), round(nd.pdf(100), 6), nd.variance)
for bad in [lambda: st.mean([]), lambda: st.variance([1]), lambda: st.median([]), lambda: st.mode([])]:
    try:
        bad()
    except st.StatisticsError as e:
        print('StatisticsError', e)
