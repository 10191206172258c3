# os: makedirs, open() in text/binary/append modes and encodings, listdir/walk/scandir, rename/remove, OSError subclasses, environ.
import os, os.path, io, sys
base = os.path.join('/tmp', 'minipy_sys_test_%d' % os.getpid())
os.makedirs(os.path.join(base, 'a', 'b'), exist_ok=True)
os.makedirs(os.path.join(base, 'a', 'b'), exist_ok=True)
try:
    os.makedirs(os.path.join(base, 'a'))
except FileExistsError as e:
    print('FileExistsError', e.errno, e.strerror)
p = os.path.join(base, 'a', 'data.txt')
with open(p, 'w') as f:
    print(f.write('héllo\nwörld\n'), f.closed, f.mode, f.encoding)
    f.write('third line')
print(f.closed)
with open(p) as f:
    print(repr(f.read()))
with open(p, encoding='utf-8') as f:
    print([line.rstrip('\n') for line in f])
with open(p, 'rb') as f:
    data = f.read()
    print(len(data), data[:7], type(f).__name__)
with open(p, 'r', encoding='latin-1') as f:
    print(repr(f.readline()))
with open(p, 'a') as f:
    f.write('\nappended')
with open(p) as f:
    lines = f.readlines()
    print(len(lines), lines[-1])
with open(p, 'wb') as f:
    f.write(b'\x00\x01binary\r\nline2\rline3')
with open(p) as f:
    print(repr(f.read()))
with open(p, newline='') as f:
    print(repr(f.read()))
print(os.path.getsize(p), os.path.exists(p), os.path.isfile(p), os.path.isdir(p), os.path.isdir(base))
print(sorted(os.listdir(os.path.join(base, 'a'))))
for root, dirs, files in os.walk(base):
    print(root[len(base):], sorted(dirs), sorted(files))
print(sorted(e.name for e in os.scandir(os.path.join(base, 'a'))))
os.rename(p, p + '.bak')
print(os.path.exists(p), os.path.exists(p + '.bak'))
os.remove(p + '.bak')
for bad in [os.path.join(base, 'missing.txt'), base]:
    try:
        open(bad)
    except OSError as e:
        print(type(e).__name__, e.errno, str(e).replace(base, 'BASE'))
try:
    os.remove(os.path.join(base, 'nope'))
except FileNotFoundError as e:
    print('remove:', str(e).replace(base, 'BASE'))
try:
    open(p, 'rw')
except ValueError as e:
    print('ValueError', e)
try:
    open(p, 'rb', encoding='utf-8')
except ValueError as e:
    print('ValueError', e)
os.rmdir(os.path.join(base, 'a', 'b'))
os.rmdir(os.path.join(base, 'a'))
os.rmdir(base)
print(os.path.exists(base))
os.environ['MINIPY_TEST_VAR'] = 'value 1'
print(os.environ['MINIPY_TEST_VAR'], os.getenv('MINIPY_TEST_VAR'), os.getenv('MINIPY_NOPE', 'dflt'), 'MINIPY_TEST_VAR' in os.environ)
del os.environ['MINIPY_TEST_VAR']
print(os.environ.get('MINIPY_TEST_VAR'), os.sep, os.linesep == '\n', os.name, os.curdir)
print(len(os.urandom(16)), os.cpu_count() >= 1, os.getpid() > 0, type(os.getcwd()).__name__)
