# struct: every format code in every byte order, alignment, repeat counts, the Struct object,
# pack_into/unpack_from/iter_unpack and CPython's errors (printed from except blocks).
import struct

values = {
    'c': b'z', 'b': -100, 'B': 200, '?': True, 'h': -30000, 'H': 60000, 'i': -2**31, 'I': 2**32 - 1,
    'l': -2**31, 'L': 2**32 - 1, 'q': -2**63, 'Q': 2**64 - 1, 'n': -5, 'N': 7, 'P': 4096,
    'e': 1.5, 'f': 0.1, 'd': -1e300,
}
for order in ('', '@', '=', '<', '>', '!'):
    for code, v in values.items():
        fmt = order + code
        try:
            packed = struct.pack(fmt, v)
        except struct.error as e:
            print(fmt, 'error', e)
            continue
        back = struct.unpack(fmt, packed)
        print(fmt, struct.calcsize(fmt), packed.hex(), back)

for fmt in ('bhiq', '@bhiq', '=bhiq', 'bbb0i', 'iii0q', 'ci', 'ic', '5s', '3x', '2p', 'x?xe', ' 2i 3h ',
            'i\n', '0s', '0p', '10p', 'hhl', 'qbd', '4b4h4i', 'Ps?', 'nN', 'e3f2d'):
    print(repr(fmt), struct.calcsize(fmt))

print(struct.pack('5s', b'ab'), struct.pack('2s', b'abcdef'), struct.pack('5p', b'abcdefgh'), struct.pack('1p', b'xyz'))
print(struct.unpack('5p', b'\x09abcd'), struct.unpack('3s', b'abc'), struct.unpack('0s', b''))
print(struct.pack('300p', b'q' * 400)[:3], len(struct.pack('300p', b'q' * 400)))
print(struct.pack('3c', b'a', b'b', b'c'), struct.pack('?', []), struct.pack('?', 'x'), struct.unpack('??', b'\x00\x02'))
print(struct.pack('<e', 65504.0), struct.pack('<e', 6e-8), struct.pack('<e', 1e-10), struct.pack('<e', -0.0))
print(struct.pack('>e', 2049.0), struct.pack('>e', 2051.0), struct.pack('<e', float('inf')), struct.unpack('<e', b'\x00\x7c'))
print(struct.unpack('<e', b'\x01\x00'), struct.unpack('<e', b'\xff\x7b'), struct.unpack('>f', b'\x3f\x80\x00\x00'))
print(struct.pack('f', 1e300), struct.pack('<d', 1.0), struct.pack('<i', True), struct.pack('d', 3))
nan = struct.unpack('<e', b'\x00\x7e')[0]
print(nan != nan)

class Idx:
    def __index__(self):
        return 42
print(struct.pack('<i', Idx()), struct.pack('<Q', Idx()))

s = struct.Struct('<ih5s')
print(s.format, s.size, s.pack(1, 2, b'abc'), s.unpack(b'\x01\x00\x00\x00\x02\x00abc\x00\x00'))
print(struct.Struct(b'>H').format, struct.Struct(format='>H').size)
buf = bytearray(12)
s.pack_into(buf, 1, -1, -2, b'xyzzy')
print(buf, s.unpack_from(buf, 1), s.unpack_from(buf, offset=1))
struct.pack_into('<h', buf, -2, 513)
print(buf, struct.unpack_from('<h', buf, -2), struct.unpack_from('<h', bytes(buf)))
print(list(struct.iter_unpack('<hb', bytes(range(9)))))
it = struct.iter_unpack('>H', b'\x00\x01\x00\x02\x00\x03')
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())
print(struct.unpack('<I', memoryview(b'\x01\x02\x03\x04')), struct.unpack('<I', bytearray(b'\x01\x02\x03\x04')))
print(struct.pack('<3i', 1, 2, 3), struct.unpack('<3i', struct.pack('<3i', 1, 2, 3)))
print(struct.pack('<q', 2**63 - 1), struct.pack('<Q', 0), struct.pack('>q', -1))
print(struct.pack('@bq', 1, 2), struct.pack('=bq', 1, 2))

def show(f, *a, **k):
    try:
        print(f(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)

for fmt, v in [('b', 300), ('b', -129), ('B', -1), ('B', 256), ('h', 70000), ('H', -1), ('H', 70000), ('i', 2**40),
               ('I', -1), ('I', 2**32), ('l', 2**70), ('L', -1), ('q', 2**70), ('Q', -1), ('n', 2**70), ('N', -1),
               ('<b', 300), ('<B', -1), ('<h', 70000), ('<H', -1), ('<i', 2**40), ('<I', -1), ('<l', 2**40),
               ('<L', -1), ('<L', 2**32), ('<q', 2**70), ('<Q', -1), ('>b', 300), ('>B', -1), ('>h', 70000),
               ('>H', -1), ('>H', 70000), ('>i', 2**40), ('>I', -1), ('>I', 2**32), ('>l', 2**40), ('>L', -1),
               ('>q', 2**64), ('>Q', -1), ('>Q', 2**64), ('i', 1.5), ('i', 'x'), ('<i', None), ('d', 'x'),
               ('<f', 1e300), ('>f', -1e300), ('e', 1e10), ('<e', 65520.0), ('c', b'ab'), ('c', 'a'), ('s', 'x'),
               ('p', 1), ('z', 1), ('<n', 1), ('>P', 1), ('3', 1), ('i', 1), ('P', -1)]:
    show(struct.pack, fmt, v)
show(struct.pack, 'i')
show(struct.pack, 'i', 1, 2)
show(struct.pack, '>x', 1)
show(struct.pack)
show(struct.unpack, 'i', b'abc')
show(struct.unpack, 'i')
show(struct.unpack, 'i', 'abcd')
show(struct.unpack_from, 'i', b'abcdef', 4)
show(struct.unpack_from, 'i', b'abcdef', 8)
show(struct.unpack_from, 'i', b'abcdef', -10)
show(struct.unpack_from, 'i', b'', offset=0)
show(struct.pack_into, 'i', bytearray(6), 4, 1)
show(struct.pack_into, 'i', bytearray(6), 8, 1)
show(struct.pack_into, 'i', bytearray(6), -10, 1)
show(struct.pack_into, 'i', b'abcd', 0, 1)
show(struct.pack_into, 'i', bytearray(4), 0)
show(lambda: list(struct.iter_unpack('i', b'abcdefg')))
show(lambda: list(struct.iter_unpack('0i', b'')))
show(struct.calcsize, '99999999999999999999i')
show(struct.calcsize, '9223372036854775807q')
show(struct.calcsize, '2 i')
show(struct.calcsize, 'iii%')
show(struct.calcsize, 5)
show(struct.Struct, 5)
show(struct.Struct)
show(struct.Struct('i').pack, 1, 2)
print(issubclass(struct.error, Exception), struct.error.__name__, struct.error.__module__)
