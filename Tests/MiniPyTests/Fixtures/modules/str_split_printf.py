# str_split_printf.py: the str fast paths of issue 11 (kit_dictstr) against CPython: split() and
# strip() on whitespace with the byte loop for ASCII text and the code point loop for other text
# (maxsplit, the ASCII whitespace set \t\n\v\f\r\x1c-\x1f, pieces of ASCII text stay ASCII),
# split's argument errors, and %-formatting of ints that fit a C long (every flag and base) beside
# big ints, bool and a float given to %d.
vals = [0, 1, -1, 7, -255, 2**31, -2**63, 2**63 - 1, 2**63, -2**63 - 1, 2**100, -2**100, True]
for v in vals:
    print('%d|%5d|%-6d|%05d|%+d|% d|%x|%X|%#x|%#X|%o|%#o|%.3d|%i|%u|%08.3x' % (v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v))
print('%d %s' % (3.7, 'a'), '%x' % 255, '%c' % 65, '%(n)5d|%(n)-5x|' % {'n': 42}, '%*d|%-*d|' % (4, 9, 4, 9))
texts = ['', ' ', '  a  b  ', 'a\tb\nc\x1cd\x1fe\x0bf\x0cg\rh', ' h\xe9llo  w\xf6rld ', 'x y z',
         '\u3000a\u3000b\u3000', 'abc', '\x85a\xa0b']
for s in texts:
    print(ascii([s.split(), s.split(None, 1), s.split(maxsplit=0), s.split(' '), s.rsplit(None, 1)]))
    print(ascii(s.strip()), ascii(s.lstrip()), ascii(s.rstrip()), ascii(s.strip(' a')))
    print([len(p) for p in s.split()], [p.isascii() for p in s.split()], len(s.strip()), s.strip().isascii())
print([w.upper() for w in 'alpha bravo  charlie'.split()], 'a-b-c'.split('-'), 'a,b,,c'.split(',', maxsplit=1))
try:
    'a'.split(1)
except TypeError as e:
    print(e)
try:
    'a'.split(foo=1)
except TypeError as e:
    print(e)
try:
    'a'.rsplit('')
except ValueError as e:
    print(e)
try:
    'a'.split(',', 1, 2)
except TypeError as e:
    print(e)
