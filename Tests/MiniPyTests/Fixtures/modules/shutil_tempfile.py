# shutil and tempfile: temporary directories and files (names, deletion), copyfile/copy/copy2,
# copytree with ignore_patterns, move, rmtree, which, and the errors.
import os
import shutil
import tempfile

print(os.path.isdir(tempfile.gettempdir()), tempfile.gettempprefix())
with tempfile.TemporaryDirectory(prefix='minipy_') as d:
    print(os.path.isdir(d), os.path.basename(d).startswith('minipy_'))
    fd, path = tempfile.mkstemp(suffix='.txt', dir=d)
    os.write(fd, b'hello\n')
    os.close(fd)
    print(path.endswith('.txt'), os.path.dirname(path) == d, os.path.getsize(path))
    sub = tempfile.mkdtemp(dir=d)
    print(os.path.isdir(sub))
    with tempfile.NamedTemporaryFile('w', suffix='.log', dir=d, delete=True) as f:
        f.write('log line\n')
        f.flush()
        name = f.name
        print(os.path.exists(name), name.endswith('.log'))
    print(os.path.exists(name))
    keep = tempfile.NamedTemporaryFile(dir=d, delete=False)
    keep.write(b'kept')
    keep.close()
    print(os.path.exists(keep.name))
    with tempfile.TemporaryFile() as t:
        t.write(b'anonymous')
        t.seek(0)
        print(t.read())
    src = os.path.join(d, 'tree')
    os.makedirs(os.path.join(src, 'inner'))
    for rel, text in [('a.txt', 'A'), ('b.log', 'B'), ('inner/c.txt', 'C')]:
        with open(os.path.join(src, rel), 'w') as f:
            f.write(text)
    print(os.path.basename(shutil.copyfile(os.path.join(src, 'a.txt'), os.path.join(d, 'copy.txt'))))
    print(os.path.basename(shutil.copy(os.path.join(src, 'a.txt'), sub)), os.listdir(sub))
    shutil.copy2(os.path.join(src, 'b.log'), os.path.join(d, 'b2.log'))
    dst = shutil.copytree(src, os.path.join(d, 'tree2'), ignore=shutil.ignore_patterns('*.log'))
    print(sorted(os.listdir(dst)), sorted(os.listdir(os.path.join(dst, 'inner'))))
    try:
        shutil.copytree(src, dst)
    except FileExistsError as e:
        print('FileExistsError', e.strerror)
    moved = shutil.move(os.path.join(d, 'copy.txt'), os.path.join(d, 'moved.txt'))
    print(os.path.basename(moved), os.path.exists(os.path.join(d, 'copy.txt')))
    try:
        shutil.copyfile(moved, moved)
    except shutil.SameFileError as e:
        print('SameFileError', str(e).count('are the same file'))
    shutil.rmtree(dst)
    print(os.path.exists(dst))
    try:
        shutil.rmtree(os.path.join(d, 'nope'))
    except FileNotFoundError as e:
        print('FileNotFoundError', e.strerror)
    shutil.rmtree(os.path.join(d, 'nope'), ignore_errors=True)
    print(shutil.which('sh') is not None, shutil.which('no-such-program-here'))
print(os.path.exists(d))
