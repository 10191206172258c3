# fnmatch and glob: wildcard matching (*, ?, [seq], [!seq], ranges, literal '['), filter,
# translate's regex text, and glob over a scratch directory (hidden files, **, recursive, escape).
import fnmatch
import glob
import os

for name, pat in [('a.py', '*.py'), ('a.py', '*.PY'), ('abc', 'a?c'), ('abc', 'a[bx]c'), ('abc', 'a[!b]c'),
                  ('a1', 'a[0-9]'), ('a[', 'a['), ('', '*'), ('x', ''), ('ab', '*b*'), ('aXbXc', 'a*b*c'),
                  ('.hidden', '*'), ('a-b', 'a[-]b'), ('a]b', 'a[]]b')]:
    print(repr(name), repr(pat), fnmatch.fnmatch(name, pat), fnmatch.fnmatchcase(name, pat))
print(fnmatch.filter(['a.py', 'b.txt', 'c.py'], '*.py'))
print(fnmatch.translate('*.py'), fnmatch.translate('a?[!b]'), fnmatch.translate('[x'))
print(glob.has_magic('a*'), glob.has_magic('abc'), glob.escape('a*b?[c]'))

here = os.path.dirname(os.path.abspath(__file__))
base = os.path.join(here, '_glob_scratch_%d' % os.getpid())
os.mkdir(base)
try:
    for rel in ['a.py', 'b.py', 'c.txt', '.hidden.py', 'sub/d.py', 'sub/deep/e.py', 'sub/.h/f.py']:
        path = os.path.join(base, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write('')

    def rel(paths):
        return sorted(os.path.relpath(p, base) for p in paths)
    print(rel(glob.glob(os.path.join(base, '*.py'))))
    print(rel(glob.glob(os.path.join(base, '.*'))))
    print(rel(glob.glob(os.path.join(base, '*', '*.py'))))
    print(rel(glob.glob(os.path.join(base, '**', '*.py'), recursive=True)))
    print(rel(glob.glob(os.path.join(base, '**'), recursive=True)))
    print(rel(glob.glob(os.path.join(base, '?.txt'))), rel(glob.glob(os.path.join(base, 'nothing*'))))
    print(sorted(glob.glob('*.py', root_dir=base)), sorted(glob.glob('[ab].py', root_dir=base)))
    print(rel(glob.iglob(os.path.join(base, 'sub'))), glob.glob(os.path.join(base, 'missing')))
finally:
    for dirpath, dirnames, filenames in os.walk(base, topdown=False):
        for name in filenames:
            os.remove(os.path.join(dirpath, name))
        os.rmdir(dirpath)
