# string constants, capwords, Template, Formatter; textwrap.
import string
import textwrap
from string import Template

print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), string.punctuation, len(string.printable))
print(string.capwords('  hello   wide world  '), string.capwords('a-b c-d', '-'))
t = Template('$who likes $what; ${who}s cost $$5')
print(t.substitute(who='tim', what='kung pao'), t.substitute({'who': 'ann', 'what': 'tea'}))
print(Template('$a $b').safe_substitute(a=1), Template('$x').substitute({'x': 1}, x=2))
try:
    Template('$missing').substitute()
except KeyError as e:
    print('KeyError', e)
try:
    Template('oops $').substitute()
except ValueError as e:
    print('ValueError', e)
print(Template('$a ${b} $$ $a').get_identifiers(), Template('$a').is_valid(), Template('$').is_valid())
f = string.Formatter()
print(f.format('{0}-{name}-{1:>4}-{0!r}', 'x', 7, name='n'), list(f.parse('a{0}b{x:>3}c')))
print(f.format('{p[0]} {q.real}', p=[5], q=3))

text = ('The quick brown fox jumps over the lazy dog. ' * 3).strip()
print(textwrap.wrap(text, 20))
print(textwrap.fill(text, width=30, initial_indent='* ', subsequent_indent='  '))
print(textwrap.shorten('Hello  world!   This is a long sentence.', width=25))
print(textwrap.shorten('Hello world', width=11), textwrap.shorten('Hello world', width=10, placeholder='...'))
print(repr(textwrap.dedent('''
    def f():
        return 1
      # comment
    ''')))
print(repr(textwrap.indent('a\nb\n\nc', '> ')), repr(textwrap.indent('a\n\nb', '+', lambda l: True)))
print(textwrap.wrap('supercalifragilisticexpialidocious word', 10))
print(textwrap.wrap('a well-known hyphenated-word example', 12), textwrap.wrap('', 5), textwrap.wrap('   ', 5))
print(textwrap.wrap('tabs\there\tand there', 12), textwrap.wrap('one two three four five six', 9, max_lines=2))
w = textwrap.TextWrapper(width=15, break_long_words=False)
print(w.wrap('short averyveryverylongword end'))
try:
    textwrap.wrap('x', 0)
except ValueError as e:
    print('ValueError', e)
