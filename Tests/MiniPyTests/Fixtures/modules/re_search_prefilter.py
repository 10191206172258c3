# re_search_prefilter.py: the search accelerations of issue 11 (regex_v8) against CPython: a
# pattern's required literal (a run of exact characters every match contains) is looked for before
# the search runs, and when every match starts with it only its occurrences are tried; the
# first-character set is exact below 256 for classes (\s \w \d, negated sets) while characters
# above may still start a match. Each case runs on ASCII text, on non-ASCII text (code points),
# and on bytes where it applies, through search, finditer, sub, split and findall.
import re

texts = [
    'no match here at all',
    'x "\\/Qngr(123)\\/" y "\\/Qngr(-4)\\/"',
    'ab##yv1## ##yv2##cd ##yv1##',
    'caf\xe9 ##yv1## na\xefve \u2030 ##yv1##\u3000end',
    'TNQP=abc; TNQP=; xTNQP=q',
    'a;b ; c\u3000;\u3000d',
    '\u017fss \u0130 k K',
    '',
]
patterns = [
    r'(^|[^\\])\"\\\/Qngr\((-?[0-9]+)\)\\\/\"',
    r'##yv1##', r'##yv\d##', r'(?i)##YV1##', r'TNQP=([^;]*)', r'\s?;\s?', r'[^a-z ]+',
    r'\bk\b', r'(?i)k', r's+', r'(?<=#)yv', r'(?=##)##y', r'^##', r'a|TNQP', r'(##)+y',
    r'x*', r'\w+', r'\u2030 ##', r'[\u3000;]', r'(?:ab)?##yv', r'e\b', r'Qngr\(',
]
for pat in patterns:
    rx = re.compile(pat)
    for t in texts:
        m = rx.search(t)
        print(ascii(pat), ascii(t[:12]), m and m.span(), m and ascii(m.groups()),
              [x.span() for x in rx.finditer(t)][:6], ascii(rx.sub('<>', t)), ascii(rx.split(t)[:6]),
              ascii(rx.findall(t)[:6]), rx.search(t, 3) and rx.search(t, 3).span(),
              rx.search(t, 0, 9) and rx.search(t, 0, 9).span(), rx.match(t) and rx.match(t).span())

# The Kelvin sign matches k and K without case, both ways (\w on it is a separate gap of the kit's
# character tables, so only the case-insensitive scan is checked here).
for pat in [r'(?i)k', r'(?i)xk', r'(?i)\u212a']:
    print(ascii(pat), [x.span() for x in re.finditer(pat, 'a\u212a xK k x\u212a')])

for pat in [rb'##yv1##', rb'TNQP=([^;]*)', rb'[^a-z ]+', rb'\xe9 #']:
    rx = re.compile(pat)
    for t in [b'ab##yv1## TNQP=z; caf\xe9 ##yv1##', b'', b'none']:
        print(pat, t[:10], [x.span() for x in rx.finditer(t)], rx.sub(b'-', t))
