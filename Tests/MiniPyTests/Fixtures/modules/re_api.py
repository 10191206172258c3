# re: the API around matches: Pattern and Match objects, sub/subn templates and callables,
# split, findall/finditer with CPython 3.7+'s empty-match rules, bytes patterns, flags, escape,
# the compile cache and the errors each call raises. Recorded from CPython 3.11.
import re

p = re.compile(r'(?P<key>\w+)=(?P<value>\d*)')
print(p.pattern, p.flags, p.groups, sorted(p.groupindex.items()))
m = p.search('  alpha=12 beta= ')
print(repr(m), m.span(), m.start(), m.end(), m.group(), m.group(0), m.group(1), m.group('value'))
print(m.group(1, 2), m.group('key', 0), m.groups(), m.groupdict(), m[0], m['key'], m[2])
print(m.span('value'), m.start(2), m.end('key'), m.lastindex, m.lastgroup, m.regs)
print(m.re is p, m.string, m.pos, m.endpos, m.expand(r'\2:\1 \g<key>/\g<0>\n'))
for bad in (3, 'nope', -1, 1.5):
    try:
        m.group(bad)
    except IndexError as e:
        print('IndexError', e)
m = re.match(r'(a)(b)?(c)?', 'ac')
print(m.groups(), m.groups('-'), m.group(2), m.span(2), m.start(2), m.lastindex, m.lastgroup)
print(re.match(r'(?P<a>x)|(?P<b>y)', 'y').groupdict(), re.match(r'(?P<a>x)|(?P<b>y)', 'y').groupdict(0))
print(re.match('((a)|b)+', 'ab').lastindex, re.match('(a)(?:b)', 'ab').lastindex, re.match('(?P<w>a)b', 'ab').lastgroup)
print(repr(re.match('x' * 60, 'x' * 60)))
print(repr(re.compile('a')), repr(re.compile('a', re.I)), repr(re.compile('a', re.I | re.M | re.S)))
print(repr(re.compile(b'a', re.L)), repr(re.compile('a', re.A)), repr(re.compile(b'a')), repr(re.compile('(?x)a')))
print(repr(re.compile('y' * 300))[:60], len(repr(re.compile('y' * 300))))
print(repr(re.I), repr(re.I | re.M), str(re.X), re.I | re.M, int(re.I | re.A), re.NOFLAG, re.U)
print(re.compile('a').flags, re.compile(b'a').flags, re.compile('(?i)a').flags, re.compile('(?a)a').flags, re.compile('(?s)(?m)a').flags)

# pos and endpos
p = re.compile(r'\w+')
print(p.search('ab cd', 2), p.search('ab cd', 3).span(), p.match('ab cd', 3).span(), p.search('ab cd', 0, 1))
print(p.findall('ab cd ef', 1, 7), [m.span() for m in p.finditer('ab cd ef', 3)], p.fullmatch('ab cd', 3))
print(re.compile('^a').search('ba', 1), re.compile('a$').search('ab', 0, 1), re.compile(r'\Aa').match('ba', 1))
print(p.search('abc', -5), p.search('abc', 10), p.search('abc', 2, 1), p.match('abc', 1, 100).span())
m = re.compile('b').search('abc', 1, 2)
print(m.pos, m.endpos, m.string)

# findall / finditer and empty matches
print(re.findall(r'\d+', 'a1b22c333'), re.findall(r'(\d)(\w)', '1a 2b 3'), re.findall(r'(a)|b', 'ab'))
print(re.findall('', 'abc'), re.findall('x*', 'axxb'), re.findall(r'\b', 'ab cd'), re.findall('a|', 'bab'))
print([m.span() for m in re.finditer('x*', 'axxb')], [m.span() for m in re.finditer(r'(?=x)', 'xax')])
print(re.findall('(a*)', 'baac'), re.findall('(?:)', ''), re.findall('a*?', 'aa'))

# sub and subn
print(re.sub(r'\d', '#', 'a1b22c'), re.subn(r'\d', '#', 'a1b22c'), re.sub(r'\d', '#', 'a1b22c', 2), re.sub('x', '-', 'abc'))
print(re.sub('x*', '-', 'abxd'), re.sub('', '-', 'abc'), re.sub('a|', '-', 'bab'), re.subn('b*', '.', 'abbc'))
print(re.sub(r'(\w+) (\w+)', r'\2 \1', 'hello world'), re.sub(r'(?P<a>\w)', r'<\g<a>\g<1>\g<0>>', 'ab'))
print(re.sub('a', r'\n\t\\', 'xax') == 'x\n\t\\x', re.sub('a', r'\0\101', 'a'), re.sub('(a)', r'\1\0', 'a'))
print(re.sub('(a)|b', r'[\1]', 'ab'), re.sub('a', lambda m: m.group().upper() * 2, 'banana'))
print(re.sub('(b)', lambda m: '', 'abc'), re.sub(r'\s+', ' ', '  many   spaces  '), re.sub('a', r'\d', 'a') if False else '')
print(re.sub('.', lambda m: str(m.start()), 'xyz'), re.subn('o', 'O', 'foo boo', count=3))
print(re.compile('a').sub('b', 'aaa', 1), re.sub('(?i)A', 'x', 'aA'), re.sub('^', '> ', 'l1\nl2', flags=re.M))
for template in (r'\3', r'\g<9>', r'\g<x>', r'\g<1', r'\g', r'\q', '\\', r'\g<a-b>', r'\g<>', r'\400'):
    try:
        re.sub('(a)(?P<n>b)', template, 'ab')
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
print(re.sub('(a)(?P<n>b)', r'\g<n>\g<2>\2\1', 'ab'), re.sub('(a)(b)', r'\2\1\1b', 'ab'))
print(re.sub('a', '\\\\x', 'a'), re.sub('a', r'\-\.', 'a'))

# split
print(re.split(r',\s*', 'a, b,c ,  d'), re.split(r'(,)\s*', 'a, b,c'), re.split(r'(,)|(;)', 'a,b;c'))
print(re.split(r'\W+', 'Words, words, words.', 1), re.split('x', 'axbxc', maxsplit=1), re.split('x*', 'axbc'))
print(re.split(r'\b', 'ab cd'), re.split('', 'abc'), re.split('(?=b)', 'abab'), re.split('a', ''), re.split('', ''))
print(re.split('[ab]', 'xaybz', -1), re.compile(' ').split('a b c', 5))

# bytes
bp = re.compile(rb'(\w+)@(\w+)\.com')
print(bp.findall(b'x joe@host.com ann@site.com'), bp.search(b'a@b.com').groups(), bp.sub(rb'\2 at \1', b'joe@host.com'))
print(re.split(rb'\s', b'a b\tc'), re.match(rb'\d+', b'123x').group(), re.match(b'[\xe9]', b'\xe9').span())
print(re.match(rb'\w', b'\xe9'), re.findall(b'.', b'a\nb', re.S), re.sub(b'a', lambda m: b'A', b'banana'))
print(re.search(rb'(?i)K', b'k').span(), re.fullmatch(b'a+', bytearray(b'aaa')).group(), re.findall(b'a', memoryview(b'aba')))
for args in ((r'\d', b'1'), (rb'\d', '1')):
    try:
        re.search(*args)
    except TypeError as e:
        print('TypeError', e)
for call in (lambda: re.compile('a', re.L), lambda: re.compile(b'a', re.U), lambda: re.compile('a', re.A | re.U),
             lambda: re.compile(re.compile('a'), re.I), lambda: re.compile(5), lambda: re.search('a', 5),
             lambda: re.compile(b'(?u)a'), lambda: re.compile(b'\\N{DASH}')):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)

# escape, purge, the cache, errors
print(re.escape('a.b*c?d(e)f[g]h{i}j|k^l$m\\n o#p&q~r-s\tt_u:v!w"x/y'), re.escape(b'a.b c'), re.escape('ünï'))
print(re.match(re.escape('1+1=2?'), '1+1=2?').group())
p1 = re.compile('cache me')
print(re.compile('cache me') is p1, p1 == re.compile('cache me', re.I), p1 == re.compile('cache me'))
print(hash(p1) == hash(re.compile('cache me')), re.compile(p1) is p1)
re.purge()
print(re.compile('cache me') == p1)
try:
    re.compile('(?P<n>a)(?P=m)')
except re.error as e:
    print(type(e).__name__, e.msg, e.pattern, e.pos, e.lineno, e.colno, str(e), e.args)
try:
    re.compile('ab\n  cd\n  (x')
except re.error as e:
    print(e, '|', e.lineno, e.colno)
try:
    re.compile(b'a{2,1}')
except re.error as e:
    print(e, e.pattern)
print(re.error.__name__, re.error.__module__, issubclass(re.error, Exception), isinstance(re.compile('a'), re.Pattern))
print(type(re.match('a', 'a')).__name__, isinstance(re.match('a', 'a'), re.Match), bool(re.match('a', 'a')))
print(re.Pattern[str], re.Match[bytes], re.split(b'a', bytearray(b'xay')))
import copy
print(copy.copy(p1) is p1, copy.deepcopy(re.match('a', 'a')).group())
print(re.match(r'(?x) \d + # digits', '123').group(), re.search('(?m)^b$', 'a\nb\nc').span())
print(re.search(r'(?<=-)\w+', 'spam-egg').group(0), re.match(r'(\d+)\.(\d+)', '24.1632').groups())
print(re.fullmatch(r'[\w.-]+@[\w-]+\.\w+', 'a.b-c@d-e.org') is not None, re.fullmatch('a|ab', 'ab').span())
