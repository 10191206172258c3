# itertools: every function, normal and error cases.
import itertools as it
import operator

print(list(it.islice(it.count(), 5)), list(it.islice(it.count(2.5, 0.5), 3)), list(it.islice(it.count(10, -3), 4)))
print(list(it.islice(it.cycle('abc'), 7)), list(it.cycle([])))
print(list(it.repeat('x', 3)), list(it.repeat(1, 0)), list(it.islice(it.repeat(7), 2)))
print(list(it.accumulate([1, 2, 3, 4, 5])), list(it.accumulate([3, 1, 4, 1, 5], max)),
      list(it.accumulate([1, 2, 3], operator.mul, initial=10)), list(it.accumulate([])))
print(list(it.chain('ab', [1, 2], ())), list(it.chain.from_iterable([[1], [2, 3], []])))
print(list(it.compress('abcdef', [1, 0, 1, 0, 1, 1])))
print(list(it.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(it.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(it.filterfalse(lambda x: x % 2, range(10))), list(it.filterfalse(None, [0, 1, '', 'a'])))
print([(k, list(g)) for k, g in it.groupby('AAAABBBCCDAABBB')])
print([k for k, g in it.groupby('AAAABBBCCD')], [(k, len(list(g))) for k, g in it.groupby([1, 3, 5, 2, 4, 7], key=lambda x: x % 2)])
groups = it.groupby('aabbc')
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2), [k for k, g in groups])
print(list(it.islice('ABCDEFG', 2)), list(it.islice('ABCDEFG', 2, 4)), list(it.islice('ABCDEFG', 2, None)),
      list(it.islice('ABCDEFG', 0, None, 2)), list(it.islice(range(10), 1, 8, 3)))
src = iter(range(10))
print(list(it.islice(src, 3)), next(src))
print(list(it.pairwise('ABCDE')), list(it.pairwise('A')))
print(list(it.starmap(pow, [(2, 5), (3, 2), (10, 3)])))
t1, t2, t3 = it.tee('abc', 3)
print(next(t1), list(t2), list(t1), list(t3), it.tee([], 0))
print(list(it.zip_longest('ABCD', 'xy', fillvalue='-')), list(it.zip_longest()), list(it.zip_longest([1], [2, 3], [])))
print(list(it.product('AB', 'xy')), list(it.product(range(2), repeat=3)), list(it.product()))
print(list(it.permutations(range(3))), list(it.permutations('ABCD', 2))[:5], list(it.permutations('a', 2)))
print(list(it.combinations('ABCD', 2)), list(it.combinations(range(4), 3)), list(it.combinations('ab', 3)))
print(list(it.combinations_with_replacement('ABC', 2)), list(it.combinations_with_replacement('', 2)))
print(len(list(it.permutations(range(6)))), len(list(it.combinations(range(20), 3))))
print(repr(it.count(3)), repr(it.repeat('a', 2)))
for bad in [lambda: it.islice('abc', -1), lambda: it.islice('abc', 0, 2, 0), lambda: it.islice('abc', 'x'),
            lambda: it.permutations('abc', -1), lambda: it.combinations('abc', -2), lambda: it.product('a', repeat=-1),
            lambda: it.tee('a', -1), lambda: it.cycle(5), lambda: next(it.chain(5)), lambda: it.accumulate(None)]:
    try:
        bad()
        print('no error')
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
