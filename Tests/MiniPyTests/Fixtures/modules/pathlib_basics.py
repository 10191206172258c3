# pathlib: the lexical operations (joining, parts, name/stem/suffixes, parents, with_*,
# relative_to, match) and the file-system ones in a scratch directory next to this file (mkdir,
# write/read, iterdir, glob/rglob, exists/is_file/is_dir, rename, unlink, rmdir), and the errors.
import os
from pathlib import Path, PurePath, PurePosixPath, PosixPath

p = PurePosixPath('/usr/lib/python3.11/site-packages/pkg.tar.gz')
print(p, repr(p), p.parts, p.name, p.stem, p.suffix, p.suffixes, p.root, p.anchor, p.drive)
print(p.parent, list(p.parents)[:3], len(p.parents), p.parents[0], p.parents[-1], p.is_absolute())
print(p.with_name('other.txt'), p.with_suffix('.zip'), p.with_stem('new'), p.with_suffix(''))
print(PurePosixPath('a') / 'b' / 'c', 'x' / PurePosixPath('y'), PurePosixPath('a', '/b', 'c'), PurePosixPath('a//b/./c/'))
print(PurePosixPath(), PurePosixPath('.'), PurePosixPath('..', 'x'), PurePosixPath('//net/x'), PurePosixPath('///x'))
print(PurePosixPath('/a/b/c').relative_to('/a'), PurePosixPath('a/b').is_relative_to('a'), PurePosixPath('a/b').is_relative_to('b'))
print(PurePosixPath('a/b.py').match('*.py'), PurePosixPath('/a/b/c.py').match('b/*.py'), PurePosixPath('a/b.py').match('/*.py'))
print(PurePosixPath('a') == PurePosixPath('a/'), PurePosixPath('a') < PurePosixPath('b'), sorted([PurePosixPath('b'), PurePosixPath('a')]))
print(type(PurePath('x')).__name__, type(Path('x')).__name__, PurePosixPath('.bashrc').suffix, PurePosixPath('a.').suffix)
print(PurePosixPath('x.tar.gz').suffixes, PurePosixPath('.hidden.txt').stem, PurePosixPath('/').name, PurePosixPath('/').parent)
print(hash(PurePosixPath('a/b')) == hash(PurePosixPath('a//b')), os.fspath(PurePosixPath('a/b')), PurePosixPath('a/b').as_posix())
for bad in [lambda: PurePosixPath('a').with_suffix('txt'), lambda: PurePosixPath('/').with_name('x'),
            lambda: PurePosixPath('/a/b').relative_to('/c'), lambda: PurePosixPath(3),
            lambda: PurePosixPath('a').with_name('b/c')]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

here = Path(__file__).resolve().parent
base = here / ('_pathlib_scratch_%d' % os.getpid())
base.mkdir()
try:
    (base / 'sub' / 'deeper').mkdir(parents=True)
    (base / 'sub').mkdir(exist_ok=True)
    try:
        (base / 'sub').mkdir()
    except FileExistsError as e:
        print('FileExistsError', e.strerror)
    try:
        (base / 'missing' / 'x').mkdir()
    except FileNotFoundError as e:
        print('FileNotFoundError', e.strerror)
    f = base / 'notes.txt'
    print(f.write_text('first line\nsecond line\n'), f.read_text().splitlines(), f.exists(), f.is_file(), f.is_dir())
    print((base / 'data.bin').write_bytes(b'\x00\x01\x02'), (base / 'data.bin').read_bytes())
    (base / 'sub' / 'a.py').write_text('A = 1\n')
    (base / 'sub' / 'deeper' / 'b.py').write_text('B = 2\n')
    (base / 'sub' / '.hidden.py').write_text('')
    print(sorted(p.name for p in base.iterdir()))
    print(sorted(str(p.relative_to(base)) for p in base.glob('*.txt')))
    print(sorted(str(p.relative_to(base)) for p in base.glob('sub/*.py')))
    print(sorted(str(p.relative_to(base)) for p in base.rglob('*.py')))
    print(sorted(str(p.relative_to(base)) for p in base.glob('**/*.py')))
    print(sorted(str(p.relative_to(base)) for p in base.glob('*')))
    with f.open() as fh:
        print(fh.readline().strip())
    moved = f.rename(base / 'renamed.txt')
    print(moved.name, f.exists(), moved.exists(), moved.stat().st_size)
    moved.unlink()
    moved.unlink(missing_ok=True)
    try:
        moved.unlink()
    except FileNotFoundError as e:
        print('FileNotFoundError', e.strerror)
    try:
        (base / 'nope.txt').read_text()
    except FileNotFoundError as e:
        print('FileNotFoundError', e.strerror, os.path.basename(e.filename))
    print(Path('.').resolve() == Path.cwd(), Path.cwd().is_absolute(), Path('~').expanduser() == Path.home())
    print(Path('rel/x').absolute() == Path.cwd() / 'rel' / 'x', (base / 'sub').is_dir(), (base / 'zz').exists())
    (base / 'touched').touch()
    print((base / 'touched').exists(), (base / 'touched').stat().st_size)
finally:
    for dirpath, dirnames, filenames in os.walk(str(base), topdown=False):
        for name in filenames:
            os.remove(os.path.join(dirpath, name))
        os.rmdir(dirpath)
print(base.exists())
