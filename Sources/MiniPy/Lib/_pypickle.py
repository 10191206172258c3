"""_pypickle: pickling written in Python (written for MiniPy), behind pickle._Pickler & co.

pickle.py exposes these as pickle._Pickler, _Unpickler, _dump, _dumps, _load and _loads, and
uses them as Pickler, dumps... when the C module _pickle cannot be imported (pyperformance's
pickle_pure_python sets sys.modules['_pickle'] = None to get them). The classes report
__module__ 'pickle', as CPython's pure-Python classes do.

The pickler writes protocols 0 to 5 with the opcode choices, memo and framing of CPython 3.11's
pure-Python pickler, so the bytes are the ones `pickle._dumps` writes there: text opcodes at
protocol 0, binary ones from 1, NEWOBJ / TUPLE1-3 / LONG1 / NEWTRUE from 2, BINBYTES from 3,
frames of about 64 KiB, SHORT_BINUNICODE, sets and STACK_GLOBAL from 4, BYTEARRAY8 at 5. An object
met twice is written once and fetched from the memo. Objects without a dispatch entry go through
copyreg.dispatch_table, then their __reduce_ex__ / __reduce__; instances of classes defined in
Python that define neither are reduced the way CPython's object.__reduce_ex__ does it
(copyreg.__newobj__ plus state from 2, copyreg._reconstructor below 2), since the kit's object
has no __reduce_ex__. The unpickler reads every opcode of protocols 0 to 5 (out-of-band buffers
are not supported: NEXT_BUFFER raises UnpicklingError).
"""

import sys
from itertools import islice
from struct import pack, unpack
import copyreg

try:
    from _pickle import PickleError, PicklingError, UnpicklingError
except ImportError:
    class PickleError(Exception):
        """The base class of the pickle errors."""
        __module__ = 'pickle'

    class PicklingError(PickleError):
        """An object cannot be pickled."""
        __module__ = 'pickle'

    class UnpicklingError(PickleError):
        """The data cannot be unpickled."""
        __module__ = 'pickle'

HIGHEST_PROTOCOL = 5
DEFAULT_PROTOCOL = 4
_BATCH = 1000
_FRAME_TARGET = 64 * 1024
_FRAME_MIN = 4

# ----- opcodes (one byte each; the format's names) -------------------------------------------
MARK = b'('; STOP = b'.'; POP = b'0'; POP_MARK = b'1'; DUP = b'2'; FLOAT = b'F'; INT = b'I'
BININT = b'J'; BININT1 = b'K'; LONG = b'L'; BININT2 = b'M'; NONE = b'N'; PERSID = b'P'
BINPERSID = b'Q'; REDUCE = b'R'; STRING = b'S'; BINSTRING = b'T'; SHORT_BINSTRING = b'U'
UNICODE = b'V'; BINUNICODE = b'X'; APPEND = b'a'; BUILD = b'b'; GLOBAL = b'c'; DICT = b'd'
EMPTY_DICT = b'}'; APPENDS = b'e'; GET = b'g'; BINGET = b'h'; INST = b'i'; LONG_BINGET = b'j'
LIST = b'l'; EMPTY_LIST = b']'; OBJ = b'o'; PUT = b'p'; BINPUT = b'q'; LONG_BINPUT = b'r'
SETITEM = b's'; TUPLE = b't'; EMPTY_TUPLE = b')'; SETITEMS = b'u'; BINFLOAT = b'G'
TRUE = b'I01\n'; FALSE = b'I00\n'
PROTO = b'\x80'; NEWOBJ = b'\x81'; EXT1 = b'\x82'; EXT2 = b'\x83'; EXT4 = b'\x84'
TUPLE1 = b'\x85'; TUPLE2 = b'\x86'; TUPLE3 = b'\x87'; NEWTRUE = b'\x88'; NEWFALSE = b'\x89'
LONG1 = b'\x8a'; LONG4 = b'\x8b'
BINBYTES = b'B'; SHORT_BINBYTES = b'C'
SHORT_BINUNICODE = b'\x8c'; BINUNICODE8 = b'\x8d'; BINBYTES8 = b'\x8e'; EMPTY_SET = b'\x8f'
ADDITEMS = b'\x90'; FROZENSET = b'\x91'; NEWOBJ_EX = b'\x92'; STACK_GLOBAL = b'\x93'
MEMOIZE = b'\x94'; FRAME = b'\x95'
BYTEARRAY8 = b'\x96'; NEXT_BUFFER = b'\x97'; READONLY_BUFFER = b'\x98'

_TUPLE_OPS = (EMPTY_TUPLE, TUPLE1, TUPLE2, TUPLE3)

# Protocols 0-2 name a few globals by their Python 2 names (as CPython's fix_imports does).
_PY2_MODULE = {'builtins': '__builtin__', 'copyreg': 'copy_reg', 'queue': 'Queue',
               'pickle': 'pickle', 'io': 'io'}
_PY2_NAME = {('builtins', 'range'): ('__builtin__', 'xrange'),
             ('builtins', 'str'): ('__builtin__', 'unicode'),
             ('builtins', 'int'): ('__builtin__', 'long'),
             ('functools', 'reduce'): ('__builtin__', 'reduce'),
             ('sys', 'intern'): ('__builtin__', 'intern'),
             ('builtins', 'chr'): ('__builtin__', 'unichr'),
             ('builtins', 'zip'): ('itertools', 'izip'),
             ('builtins', 'map'): ('itertools', 'imap'),
             ('builtins', 'filter'): ('itertools', 'ifilter'),
             ('collections', 'UserDict'): ('UserDict', 'IterableUserDict'),
             ('collections', 'UserList'): ('UserList', 'UserList'),
             ('collections', 'defaultdict'): ('collections', 'defaultdict')}
_PY3_MODULE = {'__builtin__': 'builtins', 'copy_reg': 'copyreg', 'Queue': 'queue'}
_PY3_NAME = {('__builtin__', 'xrange'): ('builtins', 'range'),
             ('__builtin__', 'unicode'): ('builtins', 'str'),
             ('__builtin__', 'long'): ('builtins', 'int'),
             ('__builtin__', 'reduce'): ('functools', 'reduce'),
             ('__builtin__', 'intern'): ('sys', 'intern'),
             ('__builtin__', 'unichr'): ('builtins', 'chr'),
             ('__builtin__', 'basestring'): ('builtins', 'str'),
             ('itertools', 'izip'): ('builtins', 'zip'),
             ('itertools', 'imap'): ('builtins', 'map'),
             ('itertools', 'ifilter'): ('builtins', 'filter')}


def _codecs_encode(text, encoding):
    """What protocols 0-2 name for a bytes value (_codecs.encode(latin-1 text, 'latin1'))."""
    return text.encode(encoding)




def _builtins_module():
    try:
        import builtins
        return builtins
    except ImportError:
        return None


def _import_module(name):
    if name == 'builtins':
        m = _builtins_module()
        if m is not None:
            return m
    __import__(name)
    return sys.modules[name]


def _lookup_dotted(module, qualname):
    """(object, parent) for qualname inside module; AttributeError as CPython words it."""
    obj = module
    parent = module
    for part in qualname.split('.'):
        if part == '<locals>':
            raise AttributeError("Can't get local attribute {!r} on {!r}".format(qualname, module))
        parent = obj
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise AttributeError("Can't get attribute {!r} on {!r}".format(qualname, module)) from None
    return obj, parent


def whichmodule(obj, name):
    """The name of the module obj can be found in under name."""
    modname = getattr(obj, '__module__', None)
    if modname is not None:
        return modname
    if type(obj) is type(len) and getattr(obj, '__self__', None) is None:
        return 'builtins'
    for modname, module in list(sys.modules.items()):
        if modname in ('__main__', '__mp_main__') or module is None:
            continue
        try:
            if _lookup_dotted(module, name)[0] is obj:
                return modname
        except AttributeError:
            pass
    return '__main__'


def _raw_unicode_escape(text):
    """str -> bytes as the raw-unicode-escape codec: Latin-1 as is, others as \\uXXXX/\\UXXXXXXXX."""
    out = []
    for ch in text:
        o = ord(ch)
        if o < 0x100:
            out.append(ch)
        elif o < 0x10000:
            out.append('\\u%04x' % o)
        else:
            out.append('\\U%08x' % o)
    return ''.join(out).encode('latin-1')


def _raw_unicode_unescape(data):
    """bytes -> str, the inverse of _raw_unicode_escape."""
    text = data.decode('latin-1')
    if '\\' not in text:
        return text
    out = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == '\\' and i + 1 < n and text[i + 1] in 'uU':
            width = 4 if text[i + 1] == 'u' else 8
            digits = text[i + 2:i + 2 + width]
            if len(digits) != width:
                raise UnicodeDecodeError('rawunicodeescape', data, i, n, 'truncated \\uXXXX escape')
            out.append(chr(int(digits, 16)))
            i += 2 + width
        else:
            out.append(ch)
            i += 1
    return ''.join(out)


def _unicode_unescape(data):
    """The body of a protocol-0 STRING: Python-2 string-literal escapes."""
    simple = {'n': '\n', 't': '\t', 'r': '\r', '\\': '\\', "'": "'", '"': '"', 'a': '\a',
              'b': '\b', 'f': '\f', 'v': '\v', '0': '\0'}
    text = data.decode('latin-1')
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != '\\' or i + 1 == len(text):
            out.append(ch)
            i += 1
            continue
        nxt = text[i + 1]
        if nxt == 'x':
            out.append(chr(int(text[i + 2:i + 4], 16)))
            i += 4
        elif nxt in '01234567' and text[i + 2:i + 3].isdigit():
            j = i + 1
            while j < len(text) and j < i + 4 and text[j] in '01234567':
                j += 1
            out.append(chr(int(text[i + 1:j], 8)))
            i = j
        else:
            out.append(simple.get(nxt, '\\' + nxt))
            i += 2
    return ''.join(out).encode('latin-1')


def encode_long(x):
    """The little-endian two's-complement bytes LONG1/LONG4 carry (b'' for 0)."""
    if x == 0:
        return b''
    nbytes = (x.bit_length() >> 3) + 1
    result = x.to_bytes(nbytes, byteorder='little', signed=True)
    if x < 0 and nbytes > 1 and result[-1] == 0xff and (result[-2] & 0x80) != 0:
        result = result[:-1]
    return result


def decode_long(data):
    return int.from_bytes(data, byteorder='little', signed=True)


# ----- writing ---------------------------------------------------------------------------------

class _FrameWriter:
    """The current frame (protocol 4+) as a bytearray: while framing, the pickler's write is the
    frame's extend (a C call, no Python frame per opcode). Finished frames go to the file's write
    with their FRAME header when they reach _FRAME_MIN bytes; a payload too big for a frame goes
    straight to the file after the frame so far."""

    def __init__(self, file_write):
        self.file_write = file_write
        self.frame = None

    def start(self):
        """Starts framing; returns the write function to use until end()."""
        self.frame = bytearray()
        return self.frame.extend

    def end(self):
        if self.frame is not None and len(self.frame) > 0:
            self.commit(True)
        self.frame = None
        return self.file_write

    def commit(self, force=False):
        frame = self.frame
        if frame is None or not (force or len(frame) >= _FRAME_TARGET):
            return
        data = bytes(frame)
        frame.clear()
        if len(data) >= _FRAME_MIN:
            self.file_write(FRAME + pack('<Q', len(data)))
        self.file_write(data)

    def write_large(self, header, payload):
        if self.frame is not None:
            self.commit(True)
        self.file_write(header)
        self.file_write(payload)


class _ByteSink:
    """The file _dumps writes into: write is a bytearray's extend."""

    def __init__(self):
        self.buffer = bytearray()
        self.write = self.buffer.extend


# One-byte arguments (BININT1, SHORT_BINUNICODE/BYTES lengths, BINPUT/BINGET indices) by value.
_BYTE = [bytes((i,)) for i in range(256)]


class _Pickler:
    """Writes pickles of objects to a binary file: Pickler(file, protocol=None, *,
    fix_imports=True, buffer_callback=None); dump(obj) writes one whole pickle."""
    __module__ = 'pickle'

    dispatch_table = copyreg.dispatch_table

    def __init__(self, file, protocol=None, *, fix_imports=True, buffer_callback=None):
        if protocol is None:
            protocol = DEFAULT_PROTOCOL
        if protocol < 0:
            protocol = HIGHEST_PROTOCOL
        elif not 0 <= protocol <= HIGHEST_PROTOCOL:
            raise ValueError("pickle protocol must be <= %d" % HIGHEST_PROTOCOL)
        if buffer_callback is not None and protocol < 5:
            raise ValueError("buffer_callback needs protocol >= 5")
        self._buffer_callback = buffer_callback
        try:
            self._file_write = file.write
        except AttributeError:
            raise TypeError("file must have a 'write' attribute") from None
        self.framer = _FrameWriter(self._file_write)
        self.write = self._file_write
        self._write_large_bytes = self.framer.write_large
        self.memo = {}
        self.proto = int(protocol)
        self.bin = protocol >= 1
        self.fast = 0
        self.fix_imports = fix_imports and protocol < 3

    def clear_memo(self):
        self.memo.clear()

    def dump(self, obj):
        if not hasattr(self, '_file_write'):
            raise PicklingError("Pickler.__init__() was not called by %s.__init__()" % type(self).__name__)
        self._pid = self._hook('persistent_id')
        self._override = getattr(self, 'reducer_override', None)
        if self.proto >= 2:
            self.write(PROTO + _BYTE[self.proto])
        if self.proto >= 4:
            self.write = self.framer.start()
            self._frame = self.framer.frame
        try:
            self.save(obj)
            self.write(STOP)
        finally:
            self._frame = None
            self.write = self.framer.end()

    def _hook(self, name):
        """The bound method `name` when a subclass or the instance replaces _Pickler's own, else None."""
        method = getattr(self, name)
        if getattr(method, '__func__', None) is getattr(_Pickler, name):
            return None
        return method

    # --- the memo ---
    def memoize(self, obj):
        if self.fast:
            return
        memo = self.memo
        idx = len(memo)
        self.write(MEMOIZE if self.proto >= 4 else self.put(idx))
        memo[id(obj)] = idx, obj

    def put(self, idx):
        if self.proto >= 4:
            return MEMOIZE
        if self.bin:
            return BINPUT + _BYTE[idx] if idx < 256 else LONG_BINPUT + pack('<I', idx)
        return PUT + repr(idx).encode('ascii') + b'\n'

    def get(self, idx):
        if self.bin:
            return BINGET + _BYTE[idx] if idx < 256 else LONG_BINGET + pack('<I', idx)
        return GET + repr(idx).encode('ascii') + b'\n'

    def persistent_id(self, obj):
        return None

    # --- the dispatcher ---
    _pid = None          # persistent_id / reducer_override when replaced (set by dump)
    _override = None
    _frame = None        # the current frame's bytearray while framing

    def save(self, obj, save_persistent_id=True):
        frame = self._frame
        if frame is not None and len(frame) >= _FRAME_TARGET:
            self.framer.commit()
        if self._pid is not None and save_persistent_id:
            pid = self._pid(obj)
            if pid is not None:
                self.save_pers(pid)
                return
        hit = self.memo.get(id(obj))
        if hit is not None:
            self.write(self.get(hit[0]))
            return
        rv = NotImplemented
        override = self._override
        if override is not None:
            rv = override(obj)
        if rv is NotImplemented:
            t = type(obj)
            f = self.dispatch.get(t)
            if f is not None:
                f(self, obj)
                return
            reducer = getattr(self, 'dispatch_table', copyreg.dispatch_table).get(t)
            if reducer is not None:
                rv = reducer(obj)
            elif isinstance(obj, type):
                self.save_global(obj)
                return
            else:
                reducer, rv = self._reduce(obj, t)
        if isinstance(rv, str):
            self.save_global(obj, rv)
            return
        if not isinstance(rv, tuple):
            raise PicklingError("%s must return string or tuple" % reducer)
        if not 2 <= len(rv) <= 6:
            raise PicklingError("Tuple returned by %s must have two to six elements" % reducer)
        self.save_reduce(*rv, obj=obj)

    def _reduce(self, obj, t):
        """(what was called, its reduce value) for an object without a dispatch entry."""
        method = getattr(obj, '__reduce_ex__', None)
        if method is not None:
            return method, method(self.proto)
        method = getattr(obj, '__reduce__', None)
        if method is not None:
            return method, method()
        return '__reduce_ex__', _object_reduce_ex(obj, t, self.proto)

    def save_pers(self, pid):
        if self.bin:
            self.save(pid, save_persistent_id=False)
            self.write(BINPERSID)
        else:
            try:
                self.write(PERSID + str(pid).encode('ascii') + b'\n')
            except UnicodeEncodeError:
                raise PicklingError("persistent IDs in protocol 0 must be ASCII strings")

    def save_reduce(self, func, args, state=None, listitems=None, dictitems=None,
                    state_setter=None, *, obj=None):
        if not isinstance(args, tuple):
            raise PicklingError("args from save_reduce() must be a tuple")
        if not callable(func):
            raise PicklingError("func from save_reduce() must be callable")
        save = self.save
        write = self.write
        name = getattr(func, '__name__', '')
        if self.proto >= 2 and name == '__newobj_ex__':
            cls, args, kwargs = args
            self._check_newobj_class(cls, obj, '__newobj_ex__')
            if self.proto >= 4:
                save(cls)
                save(args)
                save(kwargs)
                write(NEWOBJ_EX)
            else:
                from functools import partial
                save(partial(cls.__new__, cls, *args, **kwargs))
                save(())
                write(REDUCE)
        elif self.proto >= 2 and name == '__newobj__':
            cls = args[0]
            self._check_newobj_class(cls, obj, '__newobj__')
            save(cls)
            save(args[1:])
            write(NEWOBJ)
        else:
            save(func)
            save(args)
            write(REDUCE)
        if obj is not None:
            hit = self.memo.get(id(obj))
            if hit is not None:
                write(POP + self.get(hit[0]))
            else:
                self.memoize(obj)
        if listitems is not None:
            self._batch_appends(listitems)
        if dictitems is not None:
            self._batch_setitems(dictitems)
        if state is not None:
            if state_setter is None:
                save(state)
                write(BUILD)
            else:
                save(state_setter)
                save(obj)
                save(state)
                write(TUPLE2)
                write(REDUCE)
                write(POP)

    def _check_newobj_class(self, cls, obj, what):
        if not hasattr(cls, '__new__'):
            raise PicklingError("args[0] from %s args has no __new__" % what)
        if obj is not None and cls is not obj.__class__:
            raise PicklingError("args[0] from %s args has the wrong class" % what)

    # --- one method per built-in type ---
    dispatch = {}

    def save_none(self, obj):
        self.write(NONE)
    dispatch[type(None)] = save_none

    def save_bool(self, obj):
        if self.proto >= 2:
            self.write(NEWTRUE if obj else NEWFALSE)
        else:
            self.write(TRUE if obj else FALSE)
    dispatch[bool] = save_bool

    def save_long(self, obj):
        if self.bin:
            if 0 <= obj <= 0xff:
                self.write(BININT1 + _BYTE[obj])
                return
            if 0 <= obj <= 0xffff:
                self.write(BININT2 + pack('<H', obj))
                return
            if -0x80000000 <= obj <= 0x7fffffff:
                self.write(BININT + pack('<i', obj))
                return
            if self.proto >= 2:
                data = encode_long(obj)
                n = len(data)
                if n < 256:
                    self.write(LONG1 + _BYTE[n] + data)
                else:
                    self.write(LONG4 + pack('<i', n) + data)
                return
        if -0x80000000 <= obj <= 0x7fffffff:
            self.write(INT + repr(obj).encode('ascii') + b'\n')
        else:
            self.write(LONG + repr(obj).encode('ascii') + b'L\n')
    dispatch[int] = save_long

    def save_float(self, obj):
        if self.bin:
            self.write(BINFLOAT + pack('>d', obj))
        else:
            self.write(FLOAT + repr(obj).encode('ascii') + b'\n')
    dispatch[float] = save_float

    def save_bytes(self, obj):
        if self.proto < 3:
            if not obj:
                self.save_reduce(bytes, (), obj=obj)
            else:
                self.save_reduce(_codecs_encode, (obj.decode('latin-1'), 'latin1'), obj=obj)
            return
        n = len(obj)
        if n <= 0xff:
            self.write(SHORT_BINBYTES + _BYTE[n] + obj)
        elif n > 0xffffffff and self.proto >= 4:
            self._write_large_bytes(BINBYTES8 + pack('<Q', n), obj)
        elif n >= _FRAME_TARGET:
            self._write_large_bytes(BINBYTES + pack('<I', n), obj)
        else:
            self.write(BINBYTES + pack('<I', n) + obj)
        self.memoize(obj)
    dispatch[bytes] = save_bytes

    def save_bytearray(self, obj):
        if self.proto < 5:
            self.save_reduce(bytearray, (bytes(obj),), obj=obj)
            return
        n = len(obj)
        if n >= _FRAME_TARGET:
            self._write_large_bytes(BYTEARRAY8 + pack('<Q', n), bytes(obj))
        else:
            self.write(BYTEARRAY8 + pack('<Q', n) + bytes(obj))
        self.memoize(obj)
    dispatch[bytearray] = save_bytearray

    def save_str(self, obj):
        if self.bin:
            data = obj.encode('utf-8')
            n = len(data)
            if n <= 0xff and self.proto >= 4:
                self.write(SHORT_BINUNICODE + _BYTE[n] + data)
            elif n > 0xffffffff and self.proto >= 4:
                self._write_large_bytes(BINUNICODE8 + pack('<Q', n), data)
            elif n >= _FRAME_TARGET:
                self._write_large_bytes(BINUNICODE + pack('<I', n), data)
            else:
                self.write(BINUNICODE + pack('<I', n) + data)
        else:
            text = obj.replace('\\', '\\u005c').replace('\0', '\\u0000').replace('\n', '\\u000a')
            text = text.replace('\r', '\\u000d').replace('\x1a', '\\u001a')
            self.write(UNICODE + _raw_unicode_escape(text) + b'\n')
        self.memoize(obj)
    dispatch[str] = save_str

    def save_tuple(self, obj):
        n = len(obj)
        if n == 0:
            self.write(EMPTY_TUPLE if self.bin else MARK + TUPLE)
            return
        save = self.save
        memo = self.memo
        if n <= 3 and self.proto >= 2:
            for item in obj:
                save(item)
            hit = memo.get(id(obj))
            if hit is not None:     # the tuple was reached through its own items
                self.write(POP * n + self.get(hit[0]))
            else:
                self.write(_TUPLE_OPS[n])
                self.memoize(obj)
            return
        write = self.write
        write(MARK)
        for item in obj:
            save(item)
        hit = memo.get(id(obj))
        if hit is not None:
            write((POP_MARK if self.bin else POP * (n + 1)) + self.get(hit[0]))
            return
        write(TUPLE)
        self.memoize(obj)
    dispatch[tuple] = save_tuple

    def save_list(self, obj):
        self.write(EMPTY_LIST if self.bin else MARK + LIST)
        self.memoize(obj)
        self._batch_appends(obj)
    dispatch[list] = save_list

    def _batch_appends(self, items):
        save = self.save
        write = self.write
        if not self.bin:
            for item in items:
                save(item)
                write(APPEND)
            return
        it = iter(items)
        while True:
            batch = list(islice(it, _BATCH))
            n = len(batch)
            if n > 1:
                write(MARK)
                for item in batch:
                    save(item)
                write(APPENDS)
            elif n:
                save(batch[0])
                write(APPEND)
            if n < _BATCH:
                return

    def save_dict(self, obj):
        self.write(EMPTY_DICT if self.bin else MARK + DICT)
        self.memoize(obj)
        self._batch_setitems(obj.items())
    dispatch[dict] = save_dict

    def _batch_setitems(self, items):
        save = self.save
        write = self.write
        if not self.bin:
            for k, v in items:
                save(k)
                save(v)
                write(SETITEM)
            return
        it = iter(items)
        while True:
            batch = list(islice(it, _BATCH))
            n = len(batch)
            if n > 1:
                write(MARK)
                for k, v in batch:
                    save(k)
                    save(v)
                write(SETITEMS)
            elif n:
                k, v = batch[0]
                save(k)
                save(v)
                write(SETITEM)
            if n < _BATCH:
                return

    def save_set(self, obj):
        if self.proto < 4:
            self.save_reduce(set, (list(obj),), obj=obj)
            return
        save = self.save
        write = self.write
        write(EMPTY_SET)
        self.memoize(obj)
        it = iter(obj)
        while True:
            batch = list(islice(it, _BATCH))
            if batch:
                write(MARK)
                for item in batch:
                    save(item)
                write(ADDITEMS)
            if len(batch) < _BATCH:
                return
    dispatch[set] = save_set

    def save_frozenset(self, obj):
        if self.proto < 4:
            self.save_reduce(frozenset, (list(obj),), obj=obj)
            return
        write = self.write
        write(MARK)
        for item in obj:
            self.save(item)
        hit = self.memo.get(id(obj))
        if hit is not None:     # reached through its own items
            write(POP_MARK + self.get(hit[0]))
            return
        write(FROZENSET)
        self.memoize(obj)
    dispatch[frozenset] = save_frozenset

    def save_global(self, obj, name=None):
        if obj is _codecs_encode:   # bytes below protocol 3 (the kit has no _codecs module)
            self._write_global('_codecs', 'encode')
            self.memoize(obj)
            return
        if name is None:
            name = getattr(obj, '__qualname__', None)
        if name is None:
            name = obj.__name__
        modname = whichmodule(obj, name)
        try:
            module = _import_module(modname)
            found, parent = _lookup_dotted(module, name)
        except (ImportError, KeyError, AttributeError):
            raise PicklingError("Can't pickle %r: it's not found as %s.%s" % (obj, modname, name)) from None
        if found is not obj:
            raise PicklingError("Can't pickle %r: it's not the same object as %s.%s" % (obj, modname, name))
        if self.proto >= 2:
            code = copyreg._extension_registry.get((modname, name))
            if code:
                self._save_extension(code)
                return
        lastname = name.rpartition('.')[2]
        if parent is module:
            name = lastname
        if self.proto >= 4:
            self.save(modname)
            self.save(name)
            self.write(STACK_GLOBAL)
        elif parent is not module:
            self.save_reduce(getattr, (parent, lastname))
        else:
            self._write_global(modname, name)
        self.memoize(obj)

    def _write_global(self, modname, name):
        """GLOBAL with the names as text: UTF-8 at protocol 3, Python 2 names in ASCII below."""
        if self.proto >= 3:
            self.write(GLOBAL + modname.encode('utf-8') + b'\n' + name.encode('utf-8') + b'\n')
            return
        if self.fix_imports:
            if (modname, name) in _PY2_NAME:
                modname, name = _PY2_NAME[(modname, name)]
            elif modname in _PY2_MODULE:
                modname = _PY2_MODULE[modname]
        try:
            self.write(GLOBAL + modname.encode('ascii') + b'\n' + name.encode('ascii') + b'\n')
        except UnicodeEncodeError:
            raise PicklingError("can't pickle global identifier '%s.%s' using pickle protocol %i"
                                % (modname, name, self.proto)) from None

    def _save_extension(self, code):
        if code <= 0xff:
            self.write(EXT1 + _BYTE[code])
        elif code <= 0xffff:
            self.write(EXT2 + pack('<H', code))
        else:
            self.write(EXT4 + pack('<i', code))

    def save_type(self, obj):
        if obj is type(None):
            return self.save_reduce(type, (None,), obj=obj)
        if obj is type(NotImplemented):
            return self.save_reduce(type, (NotImplemented,), obj=obj)
        if obj is type(...):
            return self.save_reduce(type, (...,), obj=obj)
        return self.save_global(obj)

    dispatch[type(_lookup_dotted)] = save_global
    dispatch[type(len)] = save_global
    dispatch[type] = save_type




def _reduce_builtin(obj, proto):
    """The reduce value CPython gives the built-in types that have no __reduce__ in the kit
    (exceptions, range, slice, complex, bytearray); TypeError "cannot pickle 'X' object" for the
    others. The C pickler (_pickle) asks this for what it has no rule for."""
    cls = type(obj)
    if isinstance(obj, BaseException):
        state = getattr(obj, '__dict__', None)
        return (cls, obj.args, state) if state else (cls, obj.args)
    if cls is range:
        return (range, (obj.start, obj.stop, obj.step))
    if cls is slice:
        return (slice, (obj.start, obj.stop, obj.step))
    if cls is complex:
        return (complex, (obj.real, obj.imag))
    if cls is bytearray:
        return (bytearray, (bytes(obj),))
    return _object_reduce_ex(obj, cls, proto)


def _object_reduce_ex(obj, cls, proto):
    """What CPython's object.__reduce_ex__(proto) returns for an instance of a Python class."""
    if isinstance(obj, BaseException) or cls in (range, slice, complex):
        return _reduce_builtin(obj, proto)
    if getattr(cls, '__module__', None) == 'builtins' or (not hasattr(obj, '__dict__') and not _slot_names(cls)):
        raise TypeError("cannot pickle %r object" % cls.__name__)
    state = _object_state(obj, cls)
    if proto >= 2:
        listitems = iter(obj) if isinstance(obj, list) else None
        dictitems = iter(obj.items()) if isinstance(obj, dict) else None
        getnewargs_ex = getattr(obj, '__getnewargs_ex__', None)
        if getnewargs_ex is not None:
            args, kwargs = getnewargs_ex()
            if kwargs:
                return copyreg.__newobj_ex__, (cls, tuple(args), kwargs), state, listitems, dictitems
        else:
            getnewargs = getattr(obj, '__getnewargs__', None)
            args = tuple(getnewargs()) if getnewargs is not None else ()
        return copyreg.__newobj__, (cls,) + tuple(args), state, listitems, dictitems
    if getattr(obj, '__getstate__', None) is None and _slot_names(cls):
        raise TypeError("a class that defines __slots__ without defining __getstate__ cannot be pickled")
    base = object
    for klass in cls.__mro__:
        if klass is not object and getattr(klass, '__module__', None) == 'builtins':
            base = klass
            break
    base_state = None if base is object else base(obj)
    rv = (copyreg._reconstructor, (cls, base, base_state))
    return rv + (state,) if state else rv


def _slot_names(cls):
    names = []
    for klass in cls.__mro__:
        slots = klass.__dict__.get('__slots__')
        if slots is None:
            continue
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ('__dict__', '__weakref__'):
                continue
            if name.startswith('__') and not name.endswith('__'):
                name = '_%s%s' % (klass.__name__.lstrip('_'), name)
            names.append(name)
    return names


def _object_state(obj, cls):
    """The instance state as object.__getstate__ gives it: the class's own __getstate__, else
    the __dict__ (None when empty), paired with a dict of slot values when there are slots."""
    getstate = getattr(obj, '__getstate__', None)
    if getstate is not None:
        return getstate()
    state = getattr(obj, '__dict__', None) or None
    slots = {}
    for name in _slot_names(cls):
        try:
            slots[name] = getattr(obj, name)
        except AttributeError:
            pass
    if slots:
        return (state, slots)
    return state


# ----- reading ---------------------------------------------------------------------------------

class _Stop(Exception):
    def __init__(self, value):
        self.value = value


class _BytesReader:
    """Input held in memory (what _loads reads, and each frame of a file): read(n) gives exactly n
    bytes or raises UnpicklingError "pickle data was truncated"; readline() a line with its '\\n'."""

    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.end = len(data)

    def read(self, n):
        pos = self.pos
        stop = pos + n
        if stop > self.end:
            raise UnpicklingError("pickle data was truncated")
        self.pos = stop
        return self.data[pos:stop]

    def readline(self):
        pos = self.pos
        stop = self.data.find(b'\n', pos, self.end)
        if stop < 0:
            raise UnpicklingError("pickle data was truncated")
        self.pos = stop + 1
        return self.data[pos:stop + 1]

    def read_key(self):
        """The next opcode as an int, or -1 at the end of the input."""
        pos = self.pos
        if pos >= self.end:
            return -1
        self.pos = pos + 1
        return self.data[pos]

    def load_frame(self, size):
        """A frame inside data already in memory needs no buffer of its own."""
        if self.pos + size > self.end:
            raise UnpicklingError("pickle data was truncated")


class _FileReader:
    """Input from a file: reads the file directly, or from the current frame (read whole into a
    _BytesReader) while one is open, as CPython's unframer does."""

    def __init__(self, file_read, file_readline):
        self.file_read = file_read
        self.file_readline = file_readline
        self.frame = None

    def _open_frame(self):
        frame = self.frame
        if frame is not None and frame.pos >= frame.end:
            self.frame = frame = None
        return frame

    def read(self, n):
        frame = self._open_frame()
        if frame is not None:
            if frame.pos + n > frame.end:
                raise UnpicklingError("pickle exhausted before end of frame")
            return frame.read(n)
        data = self.file_read(n)
        if len(data) < n:
            raise UnpicklingError("pickle data was truncated")
        return data

    def readline(self):
        frame = self._open_frame()
        if frame is not None:
            return frame.readline()
        line = self.file_readline()
        if not line.endswith(b'\n'):
            raise UnpicklingError("pickle data was truncated")
        return line

    def read_key(self):
        frame = self._open_frame()
        if frame is not None:
            return frame.read_key()
        data = self.file_read(1)
        return data[0] if data else -1

    def load_frame(self, size):
        if self._open_frame() is not None:
            raise UnpicklingError("beginning of a new frame before end of current frame")
        data = self.file_read(size)
        if len(data) < size:
            raise UnpicklingError("pickle data was truncated")
        self.frame = _BytesReader(data)


class _Unpickler:
    """Reads pickles from a binary file: Unpickler(file, *, fix_imports=True,
    encoding='ASCII', errors='strict', buffers=None); load() reads one object."""
    __module__ = 'pickle'

    _memory = None      # a _BytesReader when the whole input is in memory (_loads)

    def __init__(self, file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=None):
        self._buffers = iter(buffers) if buffers is not None else None
        if type(file) is _BytesReader:
            self._memory = file
        self._file_readline = file.readline
        self._file_read = file.read
        self.memo = {}
        self.encoding = encoding
        self.errors = errors
        self.proto = 0
        self.fix_imports = fix_imports

    def load(self):
        if not hasattr(self, '_file_read'):
            raise UnpicklingError("Unpickler.__init__() was not called by %s.__init__()" % type(self).__name__)
        reader = self._memory
        if reader is None:
            reader = _FileReader(self._file_read, self._file_readline)
        self._reader = reader
        self.read = reader.read
        self.readline = reader.readline
        self.metastack = []
        self.stack = []
        self.append = self.stack.append
        self.proto = 0
        dispatch = self.dispatch
        try:
            if reader is self._memory:      # the opcode loop without a call per key
                data = reader.data
                end = reader.end
                while True:
                    pos = reader.pos
                    if pos >= end:
                        raise EOFError("Ran out of input")
                    reader.pos = pos + 1
                    dispatch[data[pos]](self)   # an unknown opcode raises KeyError, as in CPython
            read_key = reader.read_key
            while True:
                key = read_key()
                if key < 0:
                    raise EOFError("Ran out of input")
                dispatch[key](self)
        except _Stop as stop:
            return stop.value

    def pop_mark(self):
        items = self.stack
        try:
            self.stack = self.metastack.pop()
        except IndexError:
            raise UnpicklingError("could not find MARK") from None
        self.append = self.stack.append
        return items

    def persistent_load(self, pid):
        raise UnpicklingError("unsupported persistent id encountered")

    def find_class(self, module, name):
        if self.proto < 3 and self.fix_imports:
            if (module, name) in _PY3_NAME:
                module, name = _PY3_NAME[(module, name)]
            elif module in _PY3_MODULE:
                module = _PY3_MODULE[module]
        if module == '_codecs' and name == 'encode':
            return _codecs_encode
        mod = _import_module(module)
        if self.proto >= 4:
            return _lookup_dotted(mod, name)[0]
        return getattr(mod, name)

    def _line(self):
        return self.readline()[:-1]

    dispatch = {}

    def load_proto(self):
        proto = self.read(1)[0]
        if not 0 <= proto <= HIGHEST_PROTOCOL:
            raise ValueError("unsupported pickle protocol: %d" % proto)
        self.proto = proto
    dispatch[PROTO[0]] = load_proto

    def load_frame(self):
        size, = unpack('<Q', self.read(8))
        if size > sys.maxsize:
            raise ValueError("frame size > sys.maxsize: %d" % size)
        self._reader.load_frame(size)
    dispatch[FRAME[0]] = load_frame

    def load_persid(self):
        try:
            pid = self._line().decode('ascii')
        except UnicodeDecodeError:
            raise UnpicklingError("persistent IDs in protocol 0 must be ASCII strings")
        self.append(self.persistent_load(pid))
    dispatch[PERSID[0]] = load_persid

    def load_binpersid(self):
        pid = self.stack.pop()
        self.append(self.persistent_load(pid))
    dispatch[BINPERSID[0]] = load_binpersid

    def load_none(self):
        self.append(None)
    dispatch[NONE[0]] = load_none

    def load_false(self):
        self.append(False)
    dispatch[NEWFALSE[0]] = load_false

    def load_true(self):
        self.append(True)
    dispatch[NEWTRUE[0]] = load_true

    def load_int(self):
        data = self._line()
        if data == b'00':
            self.append(False)
        elif data == b'01':
            self.append(True)
        else:
            self.append(int(data, 0))
    dispatch[INT[0]] = load_int

    def load_binint(self):
        self.append(unpack('<i', self.read(4))[0])
    dispatch[BININT[0]] = load_binint

    def load_binint1(self):
        self.append(self.read(1)[0])
    dispatch[BININT1[0]] = load_binint1

    def load_binint2(self):
        self.append(unpack('<H', self.read(2))[0])
    dispatch[BININT2[0]] = load_binint2

    def load_long(self):
        data = self._line()
        if data and data[-1] == ord('L'):
            data = data[:-1]
        self.append(int(data, 0))
    dispatch[LONG[0]] = load_long

    def load_long1(self):
        n = self.read(1)[0]
        self.append(decode_long(self.read(n)))
    dispatch[LONG1[0]] = load_long1

    def load_long4(self):
        n, = unpack('<i', self.read(4))
        if n < 0:
            raise UnpicklingError("LONG pickle has negative byte count")
        self.append(decode_long(self.read(n)))
    dispatch[LONG4[0]] = load_long4

    def load_float(self):
        self.append(float(self._line()))
    dispatch[FLOAT[0]] = load_float

    def load_binfloat(self):
        self.append(unpack('>d', self.read(8))[0])
    dispatch[BINFLOAT[0]] = load_binfloat

    def _decode_string(self, value):
        if self.encoding == 'bytes':
            return value
        return value.decode(self.encoding, self.errors)

    def load_string(self):
        data = self._line()
        if len(data) >= 2 and data[0] == data[-1] and data[0] in b'"\'':
            data = data[1:-1]
        else:
            raise UnpicklingError("the STRING opcode argument must be quoted")
        self.append(self._decode_string(_unicode_unescape(data)))
    dispatch[STRING[0]] = load_string

    def load_binstring(self):
        n, = unpack('<i', self.read(4))
        if n < 0:
            raise UnpicklingError("BINSTRING pickle has negative byte count")
        self.append(self._decode_string(self.read(n)))
    dispatch[BINSTRING[0]] = load_binstring

    def load_short_binstring(self):
        n = self.read(1)[0]
        self.append(self._decode_string(self.read(n)))
    dispatch[SHORT_BINSTRING[0]] = load_short_binstring

    def load_binbytes(self):
        n, = unpack('<I', self.read(4))
        self.append(self.read(n))
    dispatch[BINBYTES[0]] = load_binbytes

    def load_short_binbytes(self):
        n = self.read(1)[0]
        self.append(self.read(n))
    dispatch[SHORT_BINBYTES[0]] = load_short_binbytes

    def load_binbytes8(self):
        n, = unpack('<Q', self.read(8))
        if n > sys.maxsize:
            raise UnpicklingError("BINBYTES8 exceeds system's maximum size of %d bytes" % sys.maxsize)
        self.append(self.read(n))
    dispatch[BINBYTES8[0]] = load_binbytes8

    def load_bytearray8(self):
        n, = unpack('<Q', self.read(8))
        if n > sys.maxsize:
            raise UnpicklingError("BYTEARRAY8 exceeds system's maximum size of %d bytes" % sys.maxsize)
        self.append(bytearray(self.read(n)))
    dispatch[BYTEARRAY8[0]] = load_bytearray8

    def load_next_buffer(self):
        if self._buffers is None:
            raise UnpicklingError("pickle stream refers to out-of-band data but no *buffers* argument was given")
        try:
            self.append(next(self._buffers))
        except StopIteration:
            raise UnpicklingError("not enough out-of-band buffers") from None
    dispatch[NEXT_BUFFER[0]] = load_next_buffer

    def load_readonly_buffer(self):
        pass
    dispatch[READONLY_BUFFER[0]] = load_readonly_buffer

    def load_unicode(self):
        self.append(_raw_unicode_unescape(self._line()))
    dispatch[UNICODE[0]] = load_unicode

    def load_binunicode(self):
        n, = unpack('<I', self.read(4))
        self.append(str(self.read(n), 'utf-8'))
    dispatch[BINUNICODE[0]] = load_binunicode

    def load_binunicode8(self):
        n, = unpack('<Q', self.read(8))
        if n > sys.maxsize:
            raise UnpicklingError("BINUNICODE8 exceeds system's maximum size of %d bytes" % sys.maxsize)
        self.append(str(self.read(n), 'utf-8'))
    dispatch[BINUNICODE8[0]] = load_binunicode8

    def load_short_binunicode(self):
        n = self.read(1)[0]
        self.append(str(self.read(n), 'utf-8'))
    dispatch[SHORT_BINUNICODE[0]] = load_short_binunicode

    def load_tuple(self):
        items = self.pop_mark()
        self.append(tuple(items))
    dispatch[TUPLE[0]] = load_tuple

    def load_empty_tuple(self):
        self.append(())
    dispatch[EMPTY_TUPLE[0]] = load_empty_tuple

    def load_tuple1(self):
        self.stack[-1] = (self.stack[-1],)
    dispatch[TUPLE1[0]] = load_tuple1

    def load_tuple2(self):
        stack = self.stack
        stack[-2:] = [(stack[-2], stack[-1])]
    dispatch[TUPLE2[0]] = load_tuple2

    def load_tuple3(self):
        stack = self.stack
        stack[-3:] = [(stack[-3], stack[-2], stack[-1])]
    dispatch[TUPLE3[0]] = load_tuple3

    def load_empty_list(self):
        self.append([])
    dispatch[EMPTY_LIST[0]] = load_empty_list

    def load_empty_dictionary(self):
        self.append({})
    dispatch[EMPTY_DICT[0]] = load_empty_dictionary

    def load_empty_set(self):
        self.append(set())
    dispatch[EMPTY_SET[0]] = load_empty_set

    def load_frozenset(self):
        items = self.pop_mark()
        self.append(frozenset(items))
    dispatch[FROZENSET[0]] = load_frozenset

    def load_list(self):
        items = self.pop_mark()
        self.append(items)
    dispatch[LIST[0]] = load_list

    def load_dict(self):
        items = self.pop_mark()
        self.append({items[i]: items[i + 1] for i in range(0, len(items), 2)})
    dispatch[DICT[0]] = load_dict

    def _instantiate(self, klass, args):
        if args or not isinstance(klass, type) or hasattr(klass, '__getinitargs__'):
            try:
                value = klass(*args)
            except TypeError as err:
                raise TypeError("in constructor for %s: %s" % (klass.__name__, err)) from err
        else:
            value = klass.__new__(klass)
        self.append(value)

    def load_inst(self):
        module = self._line().decode('ascii')
        name = self._line().decode('ascii')
        klass = self.find_class(module, name)
        self._instantiate(klass, self.pop_mark())
    dispatch[INST[0]] = load_inst

    def load_obj(self):
        args = self.pop_mark()
        cls = args.pop(0)
        self._instantiate(cls, args)
    dispatch[OBJ[0]] = load_obj

    def load_newobj(self):
        args = self.stack.pop()
        cls = self.stack.pop()
        self.append(cls.__new__(cls, *args))
    dispatch[NEWOBJ[0]] = load_newobj

    def load_newobj_ex(self):
        kwargs = self.stack.pop()
        args = self.stack.pop()
        cls = self.stack.pop()
        self.append(cls.__new__(cls, *args, **kwargs))
    dispatch[NEWOBJ_EX[0]] = load_newobj_ex

    def load_global(self):
        module = self._line().decode('utf-8')
        name = self._line().decode('utf-8')
        self.append(self.find_class(module, name))
    dispatch[GLOBAL[0]] = load_global

    def load_stack_global(self):
        name = self.stack.pop()
        module = self.stack.pop()
        if type(name) is not str or type(module) is not str:
            raise UnpicklingError("STACK_GLOBAL requires str")
        self.append(self.find_class(module, name))
    dispatch[STACK_GLOBAL[0]] = load_stack_global

    def _load_extension(self, code):
        cached = copyreg._extension_cache.get(code, None)
        if cached is not None:
            self.append(cached)
            return
        key = copyreg._inverted_registry.get(code)
        if not key:
            if code <= 0:
                raise UnpicklingError("EXT specifies code <= 0")
            raise ValueError("unregistered extension code %d" % code)
        obj = self.find_class(*key)
        copyreg._extension_cache[code] = obj
        self.append(obj)

    def load_ext1(self):
        self._load_extension(self.read(1)[0])
    dispatch[EXT1[0]] = load_ext1

    def load_ext2(self):
        self._load_extension(unpack('<H', self.read(2))[0])
    dispatch[EXT2[0]] = load_ext2

    def load_ext4(self):
        self._load_extension(unpack('<i', self.read(4))[0])
    dispatch[EXT4[0]] = load_ext4

    def load_reduce(self):
        stack = self.stack
        args = stack.pop()
        func = stack[-1]
        stack[-1] = func(*args)
    dispatch[REDUCE[0]] = load_reduce

    def load_pop(self):
        if self.stack:
            del self.stack[-1]
        else:
            self.pop_mark()
    dispatch[POP[0]] = load_pop

    def load_pop_mark(self):
        self.pop_mark()
    dispatch[POP_MARK[0]] = load_pop_mark

    def load_dup(self):
        self.append(self.stack[-1])
    dispatch[DUP[0]] = load_dup

    def _memo_get(self, idx):
        try:
            self.append(self.memo[idx])
        except KeyError:
            raise UnpicklingError("Memo value not found at index %d" % idx) from None

    def load_get(self):
        self._memo_get(int(self._line()))
    dispatch[GET[0]] = load_get

    def load_binget(self):
        self._memo_get(self.read(1)[0])
    dispatch[BINGET[0]] = load_binget

    def load_long_binget(self):
        self._memo_get(unpack('<I', self.read(4))[0])
    dispatch[LONG_BINGET[0]] = load_long_binget

    def _memo_put(self, idx):
        if idx < 0:
            raise ValueError("negative PUT argument")
        self.memo[idx] = self.stack[-1]

    def load_put(self):
        self._memo_put(int(self._line()))
    dispatch[PUT[0]] = load_put

    def load_binput(self):
        self._memo_put(self.read(1)[0])
    dispatch[BINPUT[0]] = load_binput

    def load_long_binput(self):
        idx, = unpack('<I', self.read(4))
        if idx > sys.maxsize:
            raise ValueError("negative LONG_BINPUT argument")
        self._memo_put(idx)
    dispatch[LONG_BINPUT[0]] = load_long_binput

    def load_memoize(self):
        self.memo[len(self.memo)] = self.stack[-1]
    dispatch[MEMOIZE[0]] = load_memoize

    def load_append(self):
        value = self.stack.pop()
        self.stack[-1].append(value)
    dispatch[APPEND[0]] = load_append

    def load_appends(self):
        items = self.pop_mark()
        target = self.stack[-1]
        try:
            extend = target.extend
        except AttributeError:
            pass
        else:
            extend(items)
            return
        add = target.append
        for item in items:
            add(item)
    dispatch[APPENDS[0]] = load_appends

    def load_setitem(self):
        stack = self.stack
        value = stack.pop()
        key = stack.pop()
        stack[-1][key] = value
    dispatch[SETITEM[0]] = load_setitem

    def load_setitems(self):
        items = self.pop_mark()
        target = self.stack[-1]
        for i in range(0, len(items), 2):
            target[items[i]] = items[i + 1]
    dispatch[SETITEMS[0]] = load_setitems

    def load_additems(self):
        items = self.pop_mark()
        target = self.stack[-1]
        if isinstance(target, set):
            target.update(items)
        else:
            add = target.add
            for item in items:
                add(item)
    dispatch[ADDITEMS[0]] = load_additems

    def load_build(self):
        stack = self.stack
        state = stack.pop()
        inst = stack[-1]
        setstate = getattr(inst, '__setstate__', None)
        if setstate is not None:
            setstate(state)
            return
        slotstate = None
        if isinstance(state, tuple) and len(state) == 2:
            state, slotstate = state
        if state:
            inst_dict = inst.__dict__
            for k, v in state.items():
                if type(k) is str:
                    k = sys.intern(k) if hasattr(sys, 'intern') else k
                inst_dict[k] = v
        if slotstate:
            for k, v in slotstate.items():
                setattr(inst, k, v)
    dispatch[BUILD[0]] = load_build

    def load_mark(self):
        self.metastack.append(self.stack)
        self.stack = []
        self.append = self.stack.append
    dispatch[MARK[0]] = load_mark

    def load_stop(self):
        raise _Stop(self.stack.pop())
    dispatch[STOP[0]] = load_stop




# ----- the functions ---------------------------------------------------------------------------

def _dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None):
    _Pickler(file, protocol, fix_imports=fix_imports, buffer_callback=buffer_callback).dump(obj)


def _dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None):
    sink = _ByteSink()
    _Pickler(sink, protocol, fix_imports=fix_imports, buffer_callback=buffer_callback).dump(obj)
    return bytes(sink.buffer)


def _load(file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=None):
    return _Unpickler(file, fix_imports=fix_imports, buffers=buffers,
                      encoding=encoding, errors=errors).load()


def _loads(data, /, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=None):
    if isinstance(data, str):
        raise TypeError("Can't load pickle from unicode string")
    return _Unpickler(_BytesReader(data), fix_imports=fix_imports, buffers=buffers,
                      encoding=encoding, errors=errors).load()

