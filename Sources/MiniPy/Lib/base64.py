"""base64: Base16, Base32, Base64 (standard and URL-safe), Ascii85 and Base85 encodings, with
CPython 3.11's functions, arguments, results and errors. This file checks arguments and turns
str inputs into bytes; the loops run in C, in the kit's binascii module (binasciimodule.c,
binascii_85.c). Errors are binascii.Error (a ValueError) for bad Base16/32/64 data and
ValueError for bad Ascii85/Base85 data, as in CPython.
"""

import binascii

__all__ = [
    'encode', 'decode', 'encodebytes', 'decodebytes',
    'b64encode', 'b64decode', 'b32encode', 'b32decode',
    'b32hexencode', 'b32hexdecode', 'b16encode', 'b16decode',
    'b85encode', 'b85decode', 'a85encode', 'a85decode',
    'standard_b64encode', 'standard_b64decode',
    'urlsafe_b64encode', 'urlsafe_b64decode',
]

_B32 = b'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
_B32HEX = b'0123456789ABCDEFGHIJKLMNOPQRSTUV'
_MAXBINSIZE = 57  # bytes per line of encodebytes: 76 characters


def _decode_input(s):
    """The bytes a decoder works on: an ASCII str's encoding, or a bytes-like object's bytes."""
    if isinstance(s, str):
        try:
            return s.encode('ascii')
        except UnicodeEncodeError:
            raise ValueError('string argument should contain only ASCII characters')
    if isinstance(s, bytes):
        return s
    try:
        return memoryview(s).tobytes()
    except TypeError:
        raise TypeError('argument should be a bytes-like object or ASCII string, not %r'
                        % s.__class__.__name__) from None


def _altchars(altchars):
    altchars = _decode_input(altchars)
    assert len(altchars) == 2, repr(altchars)
    return altchars


def b64encode(s, altchars=None):
    """Base64 of the bytes-like s, with altchars (2 bytes) in place of '+' and '/' if given."""
    if altchars is None:
        return binascii._b64encode(s, None)
    altchars = memoryview(altchars).tobytes()
    assert len(altchars) == 2, repr(altchars)
    return binascii._b64encode(s, altchars)


def b64decode(s, altchars=None, validate=False):
    """The bytes of the Base64 text s; with validate, anything outside the alphabet is an error."""
    # _b64decode checks s as _decode_input would (same errors), in C: a small call runs no
    # Python code beyond this line.
    return binascii._b64decode(s, None if altchars is None else _altchars(altchars), validate)


def standard_b64encode(s):
    return b64encode(s)


def standard_b64decode(s):
    return b64decode(s)


def urlsafe_b64encode(s):
    """Base64 with '-' and '_' in place of '+' and '/'."""
    return binascii._b64encode(s, b'-_')


def urlsafe_b64decode(s):
    """The bytes of URL-safe Base64 text ('-' and '_'; '+' and '/' are read too, as CPython)."""
    return binascii._b64decode(s, b'-_', False)


def _encode_input(s):
    """The bytes-like s as bytes (TypeError "memoryview: ..." otherwise, as CPython's)."""
    return s if isinstance(s, bytes) else memoryview(s).tobytes()


def b32encode(s):
    return binascii._b32encode(_encode_input(s), _B32)


def _b32decode_prepare(s, casefold, map01):
    s = _decode_input(s)
    if map01 is not None:
        map01 = _decode_input(map01)
        assert len(map01) == 1, repr(map01)
        s = s.replace(b'0', b'O').replace(b'1', map01)
    if casefold:
        s = s.upper()
    return s


def b32decode(s, casefold=False, map01=None):
    """The bytes of Base32 text; casefold accepts lower case, map01 maps '0' to 'O' and '1' to it."""
    return binascii._b32decode(_b32decode_prepare(s, casefold, map01), _B32)


def b32hexencode(s):
    return binascii._b32encode(_encode_input(s), _B32HEX)


def b32hexdecode(s, casefold=False):
    return binascii._b32decode(_b32decode_prepare(s, casefold, None), _B32HEX)


def b16encode(s):
    return binascii._b16encode(s)


def b16decode(s, casefold=False):
    s = _decode_input(s)
    if casefold:
        s = s.upper()
    return binascii._b16decode(s)


def a85encode(b, *, foldspaces=False, wrapcol=0, pad=False, adobe=False):
    """Ascii85 of the bytes-like b: 'z' for zero words, 'y' for four spaces (foldspaces), lines
    of wrapcol characters, the last group padded (pad), framed in <~ ~> (adobe)."""
    return binascii._a85encode(_encode_input(b), bool(foldspaces), wrapcol, bool(pad), bool(adobe))


def a85decode(b, *, foldspaces=False, adobe=False, ignorechars=b' \t\n\r\v'):
    return binascii._a85decode(_decode_input(b), bool(foldspaces), bool(adobe), _decode_input(ignorechars))


def b85encode(b, pad=False):
    """Base85 (the alphabet of git's binary patches) of the bytes-like b."""
    return binascii._b85encode(_encode_input(b), bool(pad))


def b85decode(b):
    return binascii._b85decode(_decode_input(b))


def encodebytes(s):
    """Base64 in lines of 76 characters, each ending with a newline."""
    if not isinstance(s, bytes):
        s = memoryview(s).tobytes()
    return b''.join([binascii.b2a_base64(s[i:i + _MAXBINSIZE]) for i in range(0, len(s), _MAXBINSIZE)])


def decodebytes(s):
    if not isinstance(s, bytes):
        s = memoryview(s).tobytes()
    return binascii.a2b_base64(s)


def encode(input, output):
    """Base64 lines of the binary file input written to the binary file output."""
    while True:
        chunk = input.read(_MAXBINSIZE)
        if not chunk:
            break
        output.write(binascii.b2a_base64(chunk))


def decode(input, output):
    """The bytes of the Base64 lines of the binary file input written to output."""
    while True:
        line = input.readline()
        if not line:
            break
        output.write(binascii.a2b_base64(line))
