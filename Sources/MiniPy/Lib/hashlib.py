"""hashlib: secure hashes, for MiniPy.

md5, sha1, sha224, sha256, sha384 and sha512 are C objects from _sha2
(Sources/MiniVM/Modules/sha2module.c): SHA-256 runs on the kit's native kernel (SHA-NI when the
CPU has it, else portable C), and updates of 2048 bytes or more release the GIL, as CPython's do.
new(name, data) picks one by name; algorithms_guaranteed/algorithms_available list them;
file_digest() hashes a binary file. sha3 and blake2 are not available: new('sha3_256') raises
ValueError "unsupported hash type sha3_256" as CPython does for an unknown name."""

from _sha2 import md5, sha1, sha224, sha256, sha384, sha512

__all__ = ('new', 'algorithms_guaranteed', 'algorithms_available', 'file_digest', 'sha224', 'sha256', 'sha384',
           'sha512', 'md5', 'sha1')

_constructors = {'md5': md5, 'sha1': sha1, 'MD5': md5, 'SHA1': sha1, 'sha224': sha224, 'sha256': sha256, 'sha384': sha384, 'sha512': sha512,
                 'SHA224': sha224, 'SHA256': sha256, 'SHA384': sha384, 'SHA512': sha512}

algorithms_guaranteed = frozenset({'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'})
algorithms_available = set(algorithms_guaranteed)


def new(name, data=b'', **kwargs):
    """new(name, data=b'') -> a hash object of the named algorithm."""
    if not isinstance(name, str):
        raise TypeError('new() argument name must be str, not %s' % type(name).__name__)
    try:
        constructor = _constructors[name]
    except KeyError:
        raise ValueError('unsupported hash type ' + name) from None
    return constructor(data, **kwargs)


def file_digest(fileobj, digest, /, *, _bufsize=2 ** 18):
    """Hash the contents of a binary file object opened for reading."""
    if isinstance(digest, str):
        digestobj = new(digest)
    else:
        digestobj = digest()
    if hasattr(fileobj, 'getbuffer'):
        digestobj.update(fileobj.getbuffer())
        return digestobj
    if not (hasattr(fileobj, 'readinto') or hasattr(fileobj, 'read')) or not hasattr(fileobj, 'readable') or \
            not fileobj.readable():
        raise ValueError("'%r' is not a file-like object in binary reading mode." % fileobj)
    while True:
        data = fileobj.read(_bufsize)
        if not data:
            break
        digestobj.update(data)
    return digestobj
