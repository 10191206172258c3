# base64 (and the binascii functions under it): every encoding pyperformance's bm_base64 uses, on
# lengths 0..12 and larger patterned data (each padding case), round trips, the optional
# arguments (altchars, validate, casefold, map01, foldspaces, wrapcol, pad, adobe, ignorechars),
# str input to decoders, and the errors for bad data and bad argument types.
import base64
import binascii

samples = [bytes(range(n)) for n in range(13)]
samples += [bytes((i * 7 + 3) % 256 for i in range(n)) for n in (57, 100, 255, 1000)]
samples += [b"\0" * 8, b"\0" * 5, b"    " * 3, b"  ", b"\xff" * 7]

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

for data in samples:
    row = []
    for enc, dec in ((base64.b64encode, base64.b64decode),
                     (base64.urlsafe_b64encode, base64.urlsafe_b64decode),
                     (base64.b32encode, base64.b32decode),
                     (base64.b32hexencode, base64.b32hexdecode),
                     (base64.b16encode, base64.b16decode),
                     (base64.a85encode, base64.a85decode),
                     (base64.b85encode, base64.b85decode)):
        e = enc(data)
        assert dec(e) == data, (enc.__name__, data)
        assert dec(e.decode("ascii")) == data, (enc.__name__, "str")
        row.append(e)
    if len(data) <= 12 or len(data) == 100:
        for e in row:
            print(e)
    else:
        print(len(data), [len(e) for e in row], [e[-12:] for e in row])

print(base64.b64encode(b"\xfb\xff\xfe", altchars=b"-_"), base64.b64encode(b"\xfb\xff", b"*!"))
print(base64.b64decode(b"-__-", altchars=b"-_"), base64.b64decode("+//+"), base64.urlsafe_b64decode(b"+/-_"))
print(base64.b64decode(b"YW Jj\nZA==trailing"), base64.b64decode(b"YWJj!!ZGU="), base64.b64decode(b"YQ=x=", validate=False))
print(base64.standard_b64encode(b"xyz"), base64.standard_b64decode(b"eHl6"))
print(base64.b64encode(bytearray(b"ab")), base64.b64encode(memoryview(b"abc")), base64.b64decode(bytearray(b"YWI=")))
print(base64.b32decode(b"mfrgg===", casefold=True), base64.b32decode(b"0O1I====", map01=b"I"), base64.b32decode(b"0O1L====", map01="L"))
print(base64.b16decode(b"0aff", casefold=True), base64.b16decode("ABCD"))
print(base64.a85encode(b"hello world, this is ascii85", wrapcol=10))
print(base64.a85encode(b"hello world", adobe=True), base64.a85encode(b"hello world", adobe=True, wrapcol=5))
print(base64.a85encode(b"hello", adobe=True, wrapcol=1), base64.a85encode(b"abc", pad=True), base64.a85encode(b"\0\0", pad=True))
print(base64.a85encode(b"    x", foldspaces=True), base64.a85decode(b"y+9", foldspaces=True), base64.a85encode(b"", adobe=True))
print(base64.a85decode(b"<~BOu!rD]j7BEbo7~>", adobe=True), base64.a85decode(b"BOu!rD]j7BEbo7~>", adobe=True))
print(base64.a85decode(b"BOu!r D]j7\nBEbo7"), base64.a85decode(b"BOu!r_D]j7", ignorechars=b"_"), base64.a85decode(b"zz!!"))
print(base64.b85encode(b"abc", pad=True), base64.b85decode(b"VPa!sWoBn+X=-b1ZEkOHadLBXb#`}nd3r%"))
print(base64.encodebytes(bytes(range(60))), base64.decodebytes(b"AAEC\nAwQF\n"))
print(binascii.hexlify(b"\x01\xab"), binascii.unhexlify(b"01AB"), binascii.b2a_hex(b"z"), binascii.a2b_hex("7a"))
print(binascii.b2a_base64(b"hi"), binascii.b2a_base64(b"hi", newline=False), binascii.a2b_base64(b"aGk="))
print(issubclass(binascii.Error, ValueError))

show("b64decode incorrect padding", lambda: base64.b64decode(b"YWJjZA="))
show("b64decode one extra char", lambda: base64.b64decode(b"YWJjZ"))
show("b64decode str non-ascii", lambda: base64.b64decode("é"))
show("b64decode int", lambda: base64.b64decode(5))
show("b64encode str", lambda: base64.b64encode("x"))
show("urlsafe_b64encode str", lambda: base64.urlsafe_b64encode("x"))
show("validate bad char", lambda: base64.b64decode(b"ab!c", validate=True))
show("validate leading pad", lambda: base64.b64decode(b"=abc", validate=True))
show("validate excess data", lambda: base64.b64decode(b"ab==c", validate=True))
show("validate excess pad", lambda: base64.b64decode(b"abcd=", validate=True))
show("validate discontinuous", lambda: base64.b64decode(b"ab=c=", validate=True))
show("validate incorrect padding", lambda: base64.b64decode(b"abc", validate=True))
show("validate good", lambda: base64.b64decode(b"YWJj", validate=True))
show("b32decode length", lambda: base64.b32decode(b"MFRGG"))
show("b32decode digit", lambda: base64.b32decode(b"mfrgg==="))
show("b32decode padding", lambda: base64.b32decode(b"MFRGGZ=="))
show("b32decode all pad", lambda: base64.b32decode(b"========"))
show("b32decode pad inside", lambda: base64.b32decode(b"MF=GG==="))
show("b16decode lower", lambda: base64.b16decode(b"abc"))
show("b16decode odd", lambda: base64.b16decode(b"0"))
show("b16decode bad", lambda: base64.b16decode(b"0G"))
show("unhexlify bad", lambda: binascii.unhexlify(b"0g"))
show("a85decode bad digit", lambda: base64.a85decode(b"ab~c"))
show("a85decode z inside", lambda: base64.a85decode(b"abz"))
show("a85decode y inside", lambda: base64.a85decode(b"aby", foldspaces=True))
show("a85decode overflow", lambda: base64.a85decode(b"uuuuu"))
show("a85decode adobe end", lambda: base64.a85decode(b"<~abc", adobe=True))
show("a85decode one char", lambda: base64.a85decode(b"a"))
show("b85decode bad char", lambda: base64.b85decode(b"abc\"d"))
show("b85decode overflow", lambda: base64.b85decode(b"|NsC0~~~~~"))
show("b85decode tail", lambda: base64.b85decode(b"VPa"))
show("a85encode str", lambda: base64.a85encode("x"))
show("b85encode int", lambda: base64.b85encode(3))
# session 7: b64encode/b64decode check their arguments in C (binascii._b64encode/_b64decode)
show("b64decode list", lambda: base64.b64decode([1, 2]))
show("b64decode None", lambda: base64.b64decode(None))
show("b64decode memoryview", lambda: base64.b64decode(memoryview(b"YWJj")))
show("b64decode str altchars", lambda: base64.b64decode("-_-_", altchars="-_"))
show("b64decode altchars 3", lambda: base64.b64decode(b"YWJj", altchars=b"-_!"))
show("b64encode altchars 1", lambda: base64.b64encode(b"abc", altchars=b"-"))
show("b64encode altchars +/", lambda: base64.b64encode(b"\xfb\xff", altchars=b"+/"))
show("b64encode list", lambda: base64.b64encode([1]))
show("b64decode validate 1", lambda: base64.b64decode(b"YW Jj", validate=1))
show("urlsafe_b64decode int", lambda: base64.urlsafe_b64decode(3))
show("urlsafe_b64decode str", lambda: base64.urlsafe_b64decode("-_-_"))
