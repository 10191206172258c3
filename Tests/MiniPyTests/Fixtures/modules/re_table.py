# re: a table of (pattern, flags, string) cases; for each, what search, match, fullmatch and
# findall give (spans, groups, lastindex) or the error compiling it raises. Recorded from CPython.
import re

I, M, S, X, A = re.I, re.M, re.S, re.X, re.A
cases = [
    # literals and escapes
    ('abc', 0, 'xxabcxx'), ('abc', 0, 'ab'), ('', 0, 'abc'), ('a.c', 0, 'abc a\nc'), ('a.c', S, 'a\nc'),
    (r'a\.c', 0, 'abc a.c'), (r'\t\n\x41\u00e9\101\0', 0, '\t\nA\u00e9A\x00'), (r'\\', 0, 'a\\b'),
    (r'\x7e+', 0, '~~~'), (r'\U0001F600', 0, 'x\U0001F600'), ('é+', 0, 'caféé!'), ('☃', 0, 'snow ☃'),
    (r'\a\f\v', 0, '\a\f\v'), (r'a\-b', 0, 'a-b'), (r'\#', 0, '#'), (r'\ ', 0, ' '),
    # classes
    ('[abc]+', 0, 'xxbcaxx'), ('[^abc]+', 0, 'abcdefabc'), ('[a-z0-9_]+', 0, '--Foo_9bar--'),
    ('[]a]+', 0, 'x]a]'), ('[^]a]+', 0, ']]xyz'), ('[a-]+', 0, 'a-a-b'), ('[-a]+', 0, '-a-b'),
    (r'[\d]+', 0, 'ab123c'), (r'[\D]+', 0, '12abc3'), (r'[\w.]+', 0, ' foo.bar '), (r'[\s,]+', 0, 'a , b'),
    (r'[\]]', 0, 'a]'), (r'[\\]', 0, 'a\\'), (r'[\b]', 0, 'a\bb'), (r'[\x41-\x43]+', 0, 'ZABCD'),
    ('[^\n]+', 0, 'ab\ncd'), ('[é-ë]+', 0, 'aêëb'), ('[α-ω]+', 0, 'abγδεz'), ('[.]', 0, 'a.b'),
    ('[*+?{}()|^$]+', 0, 'a*+?{}()|^$b'), (r'[^\d\s]+', 0, '12 ab 34'), (r'[\W]+', 0, 'ab!?cd'),
    # category escapes
    (r'\d+', 0, 'abc 123 ٣٤ def'), (r'\d+', A, 'abc ٣٤ 12'), (r'\w+', 0, '-- héllo_1 --'), (r'\w+', A, 'héllo'),
    (r'\s+', 0, 'a \t\n\r\x0b\x0cb'), (r'\s+', 0, 'a\u3000\xa0b'), (r'\s+', A, 'a\xa0 b'), (r'\S+', 0, '  xy  '),
    (r'\W+', 0, 'ab, cd'), (r'\D+', 0, '12ab34'),
    # anchors
    ('^abc', 0, 'abc'), ('^abc', 0, 'xabc'), ('abc$', 0, 'xabc'), ('abc$', 0, 'abc\n'), ('abc$', 0, 'abc\n\n'),
    ('^b', M, 'a\nb\nc'), ('a$', M, 'a\nb'), (r'\Aabc', 0, 'abc'), (r'abc\Z', 0, 'abc\n'), (r'abc\Z', 0, 'xabc'),
    (r'\bfoo\b', 0, 'a foo b'), (r'\bfoo\b', 0, 'afoob'), (r'\Bfoo\B', 0, 'afoob'), (r'\b', 0, ''), (r'\B', 0, ''),
    (r'\b\w+\b', 0, 'héllo wörld'), (r'\b', A, 'é'), ('$', 0, 'ab\n'), ('^$', M, 'a\n\nb'), ('^', M, ''),
    # quantifiers
    ('a*', 0, 'aaab'), ('a+', 0, 'baaab'), ('a?b', 0, 'ab b'), ('a{2}', 0, 'aaaa'), ('a{2,}', 0, 'aaaaa'),
    ('a{,2}', 0, 'aaaa'), ('a{2,3}', 0, 'aaaaaaa'), ('a{0}b', 0, 'ab'), ('a{3,3}', 0, 'aa'), ('a{', 0, 'a{'),
    ('a{x}', 0, 'a{x}'), ('a{1,x}', 0, 'a{1,x}'), ('{', 0, '{'), ('a{,}', 0, 'aaa'), ('x{2}y{1,2}', 0, 'xxyyy'),
    ('a*?', 0, 'aaa'), ('a+?', 0, 'aaa'), ('a??b', 0, 'ab'), ('a{2,3}?', 0, 'aaaa'), ('<.*>', 0, '<a><b>'),
    ('<.*?>', 0, '<a><b>'), ('a*+a', 0, 'aaa'), ('a++b', 0, 'aab'), ('a?+a', 0, 'a'), ('(?:ab)*+ab', 0, 'ababab'),
    ('a{1,2}+a', 0, 'aaa'), ('(ab)+', 0, 'ababx'), ('(ab)+?', 0, 'abab'), ('(a|b)*c', 0, 'abbac'),
    ('(?:a|bc)*d', 0, 'abcbcad'), ('(a*)*b', 0, 'aaab'), ('(a*)+b', 0, 'aab'), ('(a|)*b', 0, 'aab'),
    ('(a?){3}', 0, 'a'), ('(a?){2,}b', 0, 'ab'), ('(?:a{2})*', 0, 'aaaaa'), ('.{3}', 0, 'abcdef'),
    ('x*', 0, ''), ('(x*)*', 0, 'xx'), ('(x+x+)+y', 0, 'xxxxxxxxxxy'), ('[ab]{2,4}?c', 0, 'ababac'),
    # groups
    ('(a)(b)(c)', 0, 'abc'), ('(a)(b)?', 0, 'a'), ('((a)b)', 0, 'ab'), ('(a)|(b)', 0, 'b'), ('(?:a)(b)', 0, 'ab'),
    ('(?P<first>\\w+) (?P<last>\\w+)', 0, 'Jane Doe'), ('(?P<x>a)(?P=x)', 0, 'aa'), ('(?P<x>a)(?P=x)', 0, 'ab'),
    (r'(a)\1', 0, 'aa'), (r'(a|b)\1', 0, 'ab ba bb'), (r'(\w+) \1', 0, 'hello hello world'),
    (r'(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10', 0, 'abcdefghijj'), (r'(a)?\1', 0, 'b'), (r'(?i)(a)\1', 0, 'aA'),
    ('(a)(?:b(c))?', 0, 'abc'), ('((a)|(b))+', 0, 'ab'), ('(a(b(c)))', 0, 'abc'), ('()', 0, 'x'),
    ('(?P<n>a)|(?P<m>b)', 0, 'b'), ('(?:(a)|b)+', 0, 'ab'), ('(a)*', 0, 'aaa'), ('(a|ab)(c|bcd)(d*)', 0, 'abcd'),
    # alternation
    ('a|b|c', 0, 'xcx'), ('ab|a', 0, 'ab'), ('a|ab', 0, 'ab'), ('|a', 0, 'a'), ('a|', 0, 'b'), ('cat|dog|bird', 0, 'a bird'),
    ('(?:x|y|z)+', 0, 'xyzzyq'), ('agggtaaa|tttaccct', I, 'GGAGGGTAAACC'),
    # lookaround
    ('a(?=b)', 0, 'ac ab'), ('a(?!b)', 0, 'ab ac'), ('(?<=a)b', 0, 'cb ab'), ('(?<!a)b', 0, 'ab cb'),
    ('(?<=ab|cd)e', 0, 'xcde'), ('(?<=a{2})b', 0, 'aab'), ('(?<=\\d{3})x', 0, '12x 123x'), ('(?=(a+))a*b', 0, 'aaab'),
    ('(?!)', 0, 'a'), ('(?=)', 0, 'a'), ('\\w+(?=,)', 0, 'ab, cd'), ('(?<!^)x', 0, 'xax'), ('(?<=^)a', 0, 'a'),
    ('(?<=\\b)a', 0, ' a'), ('(?=a)(?!ab)', 0, 'ab ac'), ('(?<!a)(?<!b)c', 0, 'ac bc dc'), ('(?<=(a))b', 0, 'ab'),
    # atomic groups
    ('(?>a+)b', 0, 'aaab'), ('(?>a+)a', 0, 'aaa'), ('(?>ab|a)b', 0, 'ab'), ('(?>x*)', 0, 'xx'),
    # conditionals
    ('(a)?(?(1)b|c)', 0, 'ab'), ('(a)?(?(1)b|c)', 0, 'c'), ('(?P<q>")?\\w+(?(q)")', 0, '"abc"'), ('(a)?(?(1)b)', 0, 'x'),
    # flags
    ('abc', I, 'ABC'), ('[a-z]+', I, 'HeLLo'), ('ß', I, 'SS ß'), ('k', I, '\u212a'), ('é', I, 'É'), ('σ', I, 'Σς'),
    ('[^a]', I, 'A'), ('(?i)abc', 0, 'aBc'), ('a(?i:b)c', 0, 'aBc aBC'), ('(?i)a(?-i:b)c', 0, 'AbC ABC'),
    ('a b # comment\n c', X, 'abc'), ('(?x) a [ ] b', 0, 'a b'), (r'(?x)a\ b', 0, 'a b'), ('(?x)a#c\n+', 0, 'aaa'),
    ('(?s).+', 0, 'a\nb'), ('(?m)^b', 0, 'a\nb'), ('(?a)\\w+', 0, 'é_a'), ('(?s:.)a', 0, '\na'), ('(?i:[a-c]+)d', 0, 'ABCd'),
    ('[a-c]', I | A, 'B'), (r'\w', I | A, 'K'), ('(?u)\\w', 0, 'é'), ('(?im)^a', 0, 'b\nA'),
    # errors
    ('(', 0, ''), (')', 0, ''), ('a)', 0, ''), ('*', 0, ''), ('a**', 0, ''), ('a*+?', 0, ''), ('+a', 0, ''),
    ('[a', 0, ''), ('[a-', 0, ''), ('[z-a]', 0, ''), (r'[\d-z]', 0, ''), (r'[a-\d]', 0, ''), ('a{3,2}', 0, ''),
    (r'\q', 0, ''), ('\\', 0, ''), (r'\1', 0, ''), ('(a)\\2', 0, ''), ('(a\\1)', 0, ''), ('(?P<n>a)(?P=m)', 0, ''),
    ('(?P<1>a)', 0, ''), ('(?P<a-b>x)', 0, ''), ('(?P<>x)', 0, ''), ('(?P<a>x)(?P<a>y)', 0, ''), ('(?P<a', 0, ''),
    ('(?<=a+)b', 0, ''), ('(?<=a|bc)d', 0, ''), ('(?z)', 0, ''), ('(?<x)', 0, ''), ('(?', 0, ''), ('a(?i)b', 0, ''),
    ('(?i', 0, ''), ('(?-', 0, ''), ('(?-z:a)', 0, ''), ('(?i-i:a)', 0, ''), ('(?a-u:x)', 0, ''), ('(?au)x', 0, ''),
    ('(?L)x', 0, ''), ('a{99999999999}', 0, ''), ('(?#abc', 0, ''), (r'\x4', 0, ''), (r'\u12', 0, ''),
    (r'\777', 0, ''), ('(?P', 0, ''), ('(?Px)', 0, ''), ('(?(2)a|b)', 0, ''), ('(?(x)a|b)', 0, ''),
    ('(a)(?(1)a|b|c)', 0, ''), (r'\8', 0, ''), ('x|*', 0, ''), ('(*)', 0, ''), ('^*', 0, ''), (r'\b+', 0, ''),
    ('abc\n(', 0, ''), ('a\nb\n)', 0, ''), (r'[\A]', 0, ''), (r'\N', 0, ''), ('(?P=a)', 0, ''), (r'\U00110000', 0, ''),
    ('(?x)[a', 0, ''), ('[]', 0, ''), ('[^]', 0, ''), ('(?<=a)(?<!b+)', 0, ''),
]

def show(m):
    if m is None:
        return 'None'
    return '%s %a %a %s' % (m.span(), m.group(), m.groups(), m.lastindex)

for pattern, flags, string in cases:
    try:
        p = re.compile(pattern, flags)
    except re.error as e:
        print(ascii(pattern), 'error:', e, '|', e.msg, e.pos, e.lineno, e.colno)
        continue
    except (OverflowError, ValueError) as e:
        print(ascii(pattern), type(e).__name__, e)
        continue
    print(ascii(pattern), int(p.flags), p.groups, 'search', show(p.search(string)), 'match', show(p.match(string)),
          'full', show(p.fullmatch(string)), 'all', ascii(p.findall(string)))
