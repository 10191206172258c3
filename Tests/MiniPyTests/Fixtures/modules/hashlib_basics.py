# hashlib: md5/sha1/sha224/256/384/512 digests (empty, short, multi-block, > 2 KiB so the GIL is released),
# update in pieces, copy, name/digest_size/block_size, new(), algorithms_*, file_digest, errors.
import hashlib
import io

for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']:
    h = hashlib.new(name)
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest())
    print(' abc', getattr(hashlib, name)(b'abc').hexdigest())
    data = bytes(range(256)) * 40
    one = getattr(hashlib, name)(data).hexdigest()
    pieces = getattr(hashlib, name)()
    for i in range(0, len(data), 1000):
        pieces.update(data[i:i + 1000])
    print(' 10 KiB', one == pieces.hexdigest(), one[:32])
m = hashlib.sha256(b'hello ')
c = m.copy()
m.update(b'world')
c.update(bytearray(b'there'))
print(m.hexdigest(), c.hexdigest())
print(m.digest()[:8], len(m.digest()), m.hexdigest() == m.hexdigest())
print(hashlib.sha256(memoryview(b'view')).hexdigest())
print(hashlib.new('sha512', b'x').hexdigest()[:16], hashlib.new('SHA256', b'x').name)
print(sorted(hashlib.algorithms_guaranteed & {'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'}))
print(hashlib.md5(b'The quick brown fox jumps over the lazy dog').hexdigest(), hashlib.sha1(b'a' * 1000).hexdigest())
print({'sha256', 'sha512'} <= hashlib.algorithms_available)
print(hashlib.file_digest(io.BytesIO(b'file contents'), 'sha256').hexdigest())
print(hashlib.sha256(b'a' * 1000000).hexdigest())
for bad in [lambda: hashlib.sha256('text'), lambda: hashlib.sha256(5), lambda: hashlib.new('nosuch'),
            lambda: hashlib.sha256().update('x'), lambda: hashlib.sha256().update(None)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
