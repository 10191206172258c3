# re: the Match object and the sub/subn loop, which are C (Modules/re_match.c, re_sub.c):
# attributes, group access by number, name and __index__, defaults, repr (cut at 50 characters,
# non-ASCII text), str subclasses and bytes-like subjects, callables returning None or a wrong
# type, negative counts, finditer's pos, and the errors each call raises. Recorded from CPython 3.11.
import re

m = re.search(r'(?P<a>\w)(\d)?', 'xy')
print(type(m), type(m) is re.Match, m, m.groups(), m.groups(default=5), m.groupdict('d'), m.regs, m.lastgroup)
print(m[True], m[False], m['a'], re.Match.__name__, re.Match.__module__, re.Match[str], bool(m))
print(m.span(), m.span(2), m.start('a'), m.end(1), m.pos, m.endpos, m.re.pattern, m.string, m.lastindex)
print(re.sub('a', 'b', 'aaa', count=-1), re.subn('a', 'b', 'aaa', -1), re.sub('(a)', lambda m: None, 'xax'))
print(re.search('é(.)', 'aébc'), re.search('é(.)', 'aébc').group(1), re.sub('é', 'E', 'aébé'), re.sub('(b)', r'<\1>', 'ébé'))
print(re.search(b'b', bytearray(b'abc')).group(), re.sub(b'b', b'X', bytearray(b'abc')), re.sub(b'q', b'X', bytearray(b'abc')))
print(re.sub(b'(b)', lambda m: bytearray(m.group(1) * 2), b'abc'), re.subn(b'b', rb'\\', memoryview(b'bb')))


class S(str):
    pass


print(type(re.sub('q', 'x', S('abc'))), type(re.search('b', S('abc')).group()), re.sub('', '-', S('')))
print(list(re.compile('a').finditer('xaxa', 2)), [x.pos for x in re.compile('a').finditer('xaxa', 2, 3)])
print(repr(re.search('.+', 'é' * 80)))
print(repr(re.search('.+', 'a\'b"c')), repr(re.search(b'.+', b'\x00\xff' * 30)))
print(m.expand(r'\g<a>-\1'), re.sub('x', r'\\n', 'axb'), re.match('(a)(b)?', 'a').expand(r'[\2]'))
print(re.match('(?P<first>a)(?P<second>b)?', 'a').groupdict(), re.match('a', 'a').groupdict())
print(re.sub('(a)|b', lambda m: m.group(1) or '-', 'abab'), re.sub('a', '', 'banana'), re.subn('$', '!', 'x'))
for call in (lambda: re.sub('a', lambda m: 5, 'a'), lambda: m.groups(1, 2), lambda: m.groups(x=1),
             lambda: m.start(5), lambda: m.end('zz'), lambda: m.span(-1), lambda: m[1.0], lambda: m.group(0, 7),
             lambda: re.Match(), lambda: re.sub('a', lambda: 'x', 'a'), lambda: re.sub(b'a', lambda m: 'x', b'a'),
             lambda: m.expand(r'\9'), lambda: m.expand(5), lambda: re.sub('(a)', lambda m: 1 / 0, 'a')):
    try:
        print('ok', call())
    except Exception as e:
        print(type(e).__name__, e)
import copy
print(copy.copy(m) is m, copy.deepcopy(m) is m)

# A subject that refers back to its own match is collected.
import gc
import weakref


class T(str):
    pass


t = T('abcb')
t.m = re.search('b', t)
gone = weakref.ref(t)
del t
gc.collect()
print('collected', gone() is None)
