# repr() escapes exactly what str.isprintable() rejects (\xhh, \uhhhh, \Uhhhhhhhh by size), and
# isalpha / isdigit / isdecimal / isnumeric / isalnum / isprintable follow the Unicode database
# (14.0.0, CPython 3.11's) for every code point; the re module's \w, \d, \s and \W agree.
import re

for s in ['\u3000', '\x7f', '\x80', '\xa0', '\xad', '\u200b', '\u2028', '\u0378', '\U000e0001',
          '\ue000', '\U0010fffd', '\ufffe', '\u1680', '\u061c', 'é', '\u0300', '\u212a', 'ǅ',
          '\U0001f600', 'a\u3000b"\'', '\x00\t\n\r\x1b']:
    print(repr(s), ascii(s), s.isprintable(), s.isalpha(), s.isalnum())

# Every 7th code point of the first three planes and a stride through the rest: how many fall in
# each class, and a checksum of which ones (so any difference shows).
classes = [str.isalpha, str.isdigit, str.isdecimal, str.isnumeric, str.isalnum, str.isprintable,
           str.isspace, str.isidentifier]
# (Lone surrogates are left out: the kit's str cannot hold them.)
points = [c for c in range(0, 0x30000, 7) if not 0xD800 <= c <= 0xDFFF] + list(range(0x30000, 0x110000, 997))
for f in classes:
    hits = [c for c in points if f(chr(c))]
    print(f.__name__, len(hits), sum(hits) % 1000003)
print(sum(ord(chr(c)) % 10 for c in points if chr(c).isdecimal()), 'a\u0301b'.isidentifier(), '\u0661a'.isidentifier())

word = re.compile(r'\w')
digit = re.compile(r'\d')
space = re.compile(r'\s')
for name, pat in [('w', word), ('d', digit), ('s', space)]:
    hits = [c for c in points if pat.match(chr(c))]
    print(name, len(hits), sum(hits) % 1000003)
print(re.findall(r'\w+', 'K\u212aelvin \u00e9t\u00e9 \u0661\u0662 x_1 \u4e2d\u6587 \U00020000'))
print(re.match(r'\w', '\u212a'), re.findall(r'\W', '\u212a-\u00b2\u2460'), re.findall(r'(?i)k', 'K\u212ak'))
print(re.findall(r'[\w]+', 'ǅungla \u0938\u0902'), re.findall(r'\w+', 'abc', re.ASCII))
