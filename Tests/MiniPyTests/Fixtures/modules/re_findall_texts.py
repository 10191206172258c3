# re.findall over ASCII and non-ASCII str, bytes, bytearray and a str subclass: no groups, one
# group, several groups (a group that did not take part gives ''), empty matches next to
# non-empty ones, pos/endpos, look-behind spans; expected output recorded once from CPython 3.11.
import re

texts = ['plain ascii words, 12 and 345.', 'café – naïve façade ½ 12€ ünïcödé!', '', 'ééé', '日本語 text 42']
patterns = [r'\w+', r'(\w)\w*', r'(\d+)|(\w+)', r'x*', r'(?<=é)\w', r'\s+(?!\S)|\s+', r'(a)(b)?',
            r"""'s|'t|'re| ?[a-zA-Z]+| ?\d+| ?[^\sa-zA-Z\d]+|\s+(?!\S)|\s+"""]
for text in texts:
    for pat in patterns:
        print(repr(pat), repr(text[:12]), re.findall(pat, text))
p = re.compile(r'\w+')
long_text = 'ÿ' + ' '.join('wörd%d' % i for i in range(300))
found = p.findall(long_text)
print(len(found), found[:3], found[-2:], ''.join(found) == long_text.replace(' ', ''))
print(p.findall('aé bé cé dé', 3), p.findall('aé bé cé dé', 1, 7), p.findall('aé bé', -5, 100))
print(re.findall(rb'\w+|(\d)', b'ab 12 c'), re.findall(rb'(\w)(\d)?', bytearray(b'a1 b c2')))


class S(str):
    pass


r = re.findall(r'\w+', S('sub clâss'))
print(r, [type(x).__name__ for x in r])
for bad in [(r'\w', b'bytes'), (rb'\w', 'str'), (r'\w', 12)]:
    try:
        re.findall(*bad)
    except TypeError as e:
        print('TypeError', e)
