# io: StringIO and BytesIO (write, seek, read, readline, iteration, closed), sys.stdout.write.
import io, sys
s = io.StringIO()
s.write('abc')
print('def', file=s)
print(repr(s.getvalue()), s.tell())
s.seek(0)
print(repr(s.read(2)), repr(s.readline()), repr(s.read()))
s2 = io.StringIO('x\ny\nz')
print(list(s2), s2.closed)
b = io.BytesIO(b'12345')
b.seek(2)
b.write(b'ab')
print(b.getvalue(), b.read(), b.tell())
with io.StringIO() as s3:
    s3.write('q')
print(s3.closed)
try:
    s3.getvalue()
except ValueError as e:
    print('ValueError', e)
sys.stdout.write('direct write\n')
sys.stdout.flush()

