# percent_args.py: how `format % args` takes each value (a * width, a * precision, then the value)
# when the operand is a tuple, a single value, a mapping with %(key) or a mapping without one, and the
# errors CPython 3.11 gives; percent_args.expected is what CPython printed (recorded once).
d = {'a': 7, 'b': 'bee' * 3, 'f': 1.5}
for f, v in [('%(b)*d', d), ('%(b).*f', d), ('%(a)*d', d), ('%(a).*f', d), ('%(b)*.*d', d), ('%*(b)d', d),
             ('%(a)-*s', d), ('%(a)5.*f', d), ('%(a)*', d), ('%(a)5.*', d), ('%(b)*z', d), ('%(a)s %s', d),
             ('%s %(a)s', d), ('%*d', d), ('%.*d', d), ('%(a)s', (d,)), ('%(a)s', {}), ('%*d', 'ab'),
             ('%*d', (2**70, 1)), ('%.*d', (2**70, 1)), ('%*d', (1.5, 1)), ('%*d', (True, 1)),
             ('%-*s|', (-3, 'ab')), ('%*s|', (-3, 'ab')), ('%.*s', (-3, 'ab')), ('%*.*s|', (5, 1, 'ab')),
             ('%5%', ()), ('%5%', (1,)), ('%(a)%', d), ('%.*%s', (2, 'x')), ('%%%s', (1,)), ('%%', 5),
             ('%lld', (1,)), ('%hd', (1,)), ('%\x1f', (1,)), ('%\x7f', (1,)), ('%\xe9', (1,)), ('', 5),
             ('', []), ('%s', []), ('%(a)s%(b)*d', d), ('%(a)s', [1]), ('%(a)x', {'a': 2.5})]:
    try:
        print(repr(f), repr(f % v))
    except Exception as e:
        print(repr(f), type(e).__name__, e)
