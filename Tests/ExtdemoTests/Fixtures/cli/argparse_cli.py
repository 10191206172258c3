# argparse: positionals and options of every kind, parsing results, help and usage text, errors
# (usage + "prog: error: ..." on stderr, exit status 2), subparsers, groups. The last parse uses the
# real command line (none), and an error at the end leaves with status 2.
import argparse
import sys


def attempt(parser, args):
    try:
        print(parser.parse_args(args))
    except SystemExit as e:
        print('exit', e.code)
    sys.stdout.flush()
    sys.stderr.flush()


p = argparse.ArgumentParser(prog='tool', description='A tool that does things with files.',
                            epilog='See the manual for more.')
p.add_argument('src', help='the source file')
p.add_argument('dst', nargs='?', default='out.txt', help='where to write (default: %(default)s)')
p.add_argument('-n', '--count', type=int, default=1, help='how many times')
p.add_argument('-v', '--verbose', action='count', default=0, help='more output')
p.add_argument('--mode', choices=['fast', 'slow'], default='fast')
p.add_argument('--tag', action='append', help='a tag (repeatable)')
p.add_argument('-q', '--quiet', action='store_true')
p.add_argument('--no-color', dest='color', action='store_false')
p.add_argument('--const', action='store_const', const=42)
p.add_argument('--pair', nargs=2, metavar=('KEY', 'VALUE'))
p.add_argument('--ratio', type=float)
p.add_argument('--items', nargs='+')
p.add_argument('--maybe', nargs='*')
p.print_help()
print(repr(p.format_usage()))
attempt(p, ['a.txt'])
attempt(p, ['a.txt', 'b.txt', '-n', '3', '-vv', '--mode=slow', '--tag', 'x', '--tag', 'y', '-q'])
attempt(p, ['a.txt', '--no-color', '--const', '--pair', 'k', 'v', '--ratio', '2.5', '--items', '1', '2'])
attempt(p, ['--items', '1', '2', '--', 'a.txt'])
attempt(p, ['a.txt', '-n5', '--coun', '7', '--maybe'])
attempt(p, [])
attempt(p, ['a.txt', '-n', 'x'])
attempt(p, ['a.txt', '--mode', 'medium'])
attempt(p, ['a.txt', 'b', 'c'])
attempt(p, ['a.txt', '--pair', 'k'])
attempt(p, ['a.txt', '--items'])
attempt(p, ['a.txt', '--bogus'])
attempt(p, ['a.txt', '-n'])
attempt(p, ['a.txt', '--ratio', 'abc'])

g = argparse.ArgumentParser(prog='grp')
ex = g.add_mutually_exclusive_group()
ex.add_argument('--json', action='store_true')
ex.add_argument('--xml', action='store_true')
opts = g.add_argument_group('tuning', 'Options that tune the run.')
opts.add_argument('--level', type=int, default=3, help='the level')
g.add_argument('files', nargs='*')
g.print_help()
attempt(g, ['--json', 'a', 'b'])
attempt(g, ['--json', '--xml'])
print(g.parse_known_args(['--level', '4', '--other', 'x']))

s = argparse.ArgumentParser(prog='git')
s.add_argument('--dry-run', action='store_true')
sub = s.add_subparsers(dest='command', help='the command')
add = sub.add_parser('add', help='add files')
add.add_argument('paths', nargs='+')
add.add_argument('-f', '--force', action='store_true')
commit = sub.add_parser('commit', help='record changes')
commit.add_argument('-m', '--message', required=True)
s.print_help()
attempt(s, ['add', '-f', 'a', 'b'])
attempt(s, ['--dry-run', 'commit', '-m', 'msg'])
attempt(s, ['commit'])
attempt(s, ['push'])
attempt(s, [])
add.print_help()

d = argparse.ArgumentParser(prog='defaults', formatter_class=argparse.ArgumentDefaultsHelpFormatter, add_help=False)
d.add_argument('--size', type=int, default=10, help='the size')
d.add_argument('--name', default='x', help='the name')
d.set_defaults(extra='yes')
d.print_help()
print(d.parse_args([]), d.get_default('size'), d.get_default('extra'))
ns = argparse.Namespace(a=1, b='two')
print(ns, 'a' in ns, ns == argparse.Namespace(b='two', a=1))
try:
    p.add_argument('--count')
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
try:
    p.add_argument('bad', action='nonsense')
except ValueError as e:
    print('ValueError:', e)
v = argparse.ArgumentParser(prog='ver')
v.add_argument('--version', action='version', version='%(prog)s 1.2.3')
attempt(v, ['--version'])
print(argparse.ArgumentParser(prog='real').parse_args())
p.parse_args(['a.txt', '--count', 'many'])
