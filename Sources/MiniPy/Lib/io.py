"""io: streams of text and bytes (written for MiniPy).

StringIO and BytesIO keep their data in memory. Files go through three layers as in CPython:
FileIO (raw reads and writes of a file descriptor, through the C module posix, which releases
the GIL while the system call runs), BufferedReader / BufferedWriter / BufferedRandom (a byte
buffer over a raw stream) and TextIOWrapper (decoding and encoding with utf-8, latin-1 or ascii,
universal newlines when reading). open() builds the right stack for its mode and is also the
builtin open. Errors are CPython's: FileNotFoundError "[Errno 2] No such file or directory: 'x'",
IsADirectoryError, PermissionError, ValueError "I/O operation on closed file.", ...
"""
import posix

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192


class UnsupportedOperation(OSError):
    pass


def _closed_error():
    return ValueError('I/O operation on closed file.')


def _size_arg(size):
    """A read size as an int (None means -1, everything), or CPython's TypeError for others."""
    if size is None:
        return -1
    if isinstance(size, int):
        return size
    try:
        index = type(size).__index__
    except AttributeError:
        raise TypeError("argument should be integer or None, not '%s'" % type(size).__name__) from None
    return index(size)


class IOBase:
    """What every stream has: close()/closed, context management, line iteration."""

    _closed = False

    @property
    def closed(self):
        return self._closed

    def close(self):
        if not self._closed:
            try:
                self.flush()
            finally:
                self._closed = True

    def flush(self):
        if self._closed:
            raise _closed_error()

    def _check_closed(self):
        if self._closed:
            raise _closed_error()

    def readable(self):
        return False

    def writable(self):
        return False

    def seekable(self):
        return False

    def isatty(self):
        self._check_closed()
        return False

    def fileno(self):
        raise UnsupportedOperation('fileno')

    def __enter__(self):
        self._check_closed()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __iter__(self):
        self._check_closed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=-1):
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def writelines(self, lines):
        self._check_closed()
        for line in lines:
            self.write(line)


RawIOBase = IOBase
BufferedIOBase = IOBase
TextIOBase = IOBase


# ----- in memory --------------------------------------------------------------------------------

class _MemoryIO(IOBase):
    """The shared logic of StringIO and BytesIO: a value and a position."""

    _empty = ''

    def __init__(self, initial):
        self._value = initial
        self._pending = []     # writes at the end, joined into _value when it is read
        self._size = len(initial)  # len(_value) plus the pending writes
        self._pos = 0

    def _sync(self):
        if self._pending:
            self._value = self._value + self._empty.join(self._pending)
            self._pending = []

    def _check_closed(self):
        if self._closed:
            raise ValueError('I/O operation on closed file')

    def getvalue(self):
        self._check_closed()
        self._sync()
        return self._value

    def readable(self):
        self._check_closed()
        return True

    def writable(self):
        self._check_closed()
        return True

    def seekable(self):
        self._check_closed()
        return True

    def tell(self):
        self._check_closed()
        return self._pos

    def seek(self, pos, whence=0):
        self._check_closed()
        self._sync()
        if whence == 0:
            if pos < 0:
                raise ValueError('negative seek value %d' % pos)
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._value) + pos)
        else:
            raise ValueError('invalid whence (%d, should be 0, 1 or 2)' % whence)
        return self._pos

    def write(self, s):
        self._check_closed()
        n = len(s)
        if self._pos == self._size:
            # Appending: kept aside and joined once, not copied into the value at each write.
            self._pending.append(s)
            self._size += n
            self._pos += n
            return n
        self._sync()
        v = self._value
        if self._pos > len(v):
            pad = '\0' if isinstance(s, str) else b'\0'
            self._value = v + pad * (self._pos - len(v)) + s
        else:
            self._value = v[:self._pos] + s + v[self._pos + n:]
        self._size = len(self._value)
        self._pos += n
        return n

    def read(self, size=-1):
        size = _size_arg(size)
        self._check_closed()
        self._sync()
        if size is None or size < 0:
            size = len(self._value)
        r = self._value[self._pos:self._pos + size]
        self._pos += len(r)
        return r

    def readline(self, size=-1):
        size = _size_arg(size)
        self._check_closed()
        self._sync()
        nl = '\n' if isinstance(self._value, str) else b'\n'
        end = self._value.find(nl, self._pos)
        end = len(self._value) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        r = self._value[self._pos:end]
        self._pos = end if end > self._pos else self._pos
        return r

    def truncate(self, size=None):
        self._check_closed()
        self._sync()
        if size is None:
            size = self._pos
        self._value = self._value[:size]
        self._size = len(self._value)
        return size

    def close(self):
        self._closed = True


class StringIO(_MemoryIO):
    """An in-memory text stream."""

    _empty = ''

    def __init__(self, initial_value='', newline='\n'):
        if initial_value is None:
            initial_value = ''
        if not isinstance(initial_value, str):
            raise TypeError('initial_value must be str or None, not ' + type(initial_value).__name__)
        _MemoryIO.__init__(self, initial_value)
        self._newline = newline

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError('string argument expected, got ' + repr(type(s).__name__))
        return _MemoryIO.write(self, s)

    @property
    def line_buffering(self):
        return False

    @property
    def encoding(self):
        return None


class BytesIO(_MemoryIO):
    """An in-memory bytes stream."""

    _empty = b''

    def __init__(self, initial_bytes=b''):
        _MemoryIO.__init__(self, bytes(initial_bytes) if initial_bytes is not None else b'')

    def write(self, b):
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        return _MemoryIO.write(self, bytes(b))

    def read1(self, size=-1):
        size = _size_arg(size)
        return self.read(size)

    def getbuffer(self):
        return self.getvalue()


# ----- files ------------------------------------------------------------------------------------

class FileIO(IOBase):
    """Raw, unbuffered bytes I/O on a file descriptor."""

    def __init__(self, file, mode='r', closefd=True, opener=None):
        self._fd = -1
        self._closefd = closefd
        if isinstance(file, float):
            raise TypeError('integer argument expected, got float')
        readable = writable = appending = created = False
        plus = mode.count('+')
        for c in mode:
            if c not in 'rwaxb+':
                raise ValueError('invalid mode: %s' % mode)
        if sum(c in mode for c in 'rwax') != 1 or plus > 1:
            raise ValueError('Must have exactly one of create/read/write/append mode and at most one plus')
        if 'r' in mode:
            readable = True
            flags = posix.O_RDONLY
        elif 'w' in mode:
            writable = True
            flags = posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC
        elif 'a' in mode:
            writable = appending = True
            flags = posix.O_WRONLY | posix.O_CREAT | posix.O_APPEND
        else:
            writable = created = True
            flags = posix.O_WRONLY | posix.O_CREAT | posix.O_EXCL
        if plus:
            readable = writable = True
            flags = (flags & ~(posix.O_RDONLY | posix.O_WRONLY)) | posix.O_RDWR
        self._readable, self._writable, self._appending = readable, writable, appending
        self._created = created
        if isinstance(file, int):
            if file < 0:
                raise ValueError('negative file descriptor')
            self._fd = file
        else:
            if not closefd:
                raise ValueError('Cannot use closefd=False with file name')
            if opener is not None:
                self._fd = opener(file, flags)
            else:
                self._fd = posix.open(file, flags, 0o666)
            self._closefd = True
            st = posix.fstat(self._fd)
            if (st.st_mode & 0o170000) == 0o040000:
                posix.close(self._fd)
                self._fd = -1
                raise IsADirectoryError(21, 'Is a directory', file)
        self.name = file
        self.mode = ('xb' if created else 'ab' if appending else 'rb' if readable and not writable else 'wb')
        if plus:
            self.mode = self.mode[0] + 'b+' if self.mode != 'rb' else 'rb+'
        if appending:
            posix.lseek(self._fd, 0, 2)

    def fileno(self):
        self._check_closed()
        return self._fd

    def readable(self):
        self._check_closed()
        return self._readable

    def writable(self):
        self._check_closed()
        return self._writable

    def seekable(self):
        self._check_closed()
        try:
            posix.lseek(self._fd, 0, 1)
            return True
        except OSError:
            return False

    def isatty(self):
        self._check_closed()
        return posix.isatty(self._fd)

    def read(self, size=-1):
        size = _size_arg(size)
        self._check_closed()
        if not self._readable:
            raise UnsupportedOperation('File not open for reading')
        if size is None or size < 0:
            return self.readall()
        return posix.read(self._fd, size)

    def readall(self):
        chunks = []
        while True:
            b = posix.read(self._fd, 65536)
            if not b:
                break
            chunks.append(b)
        return b''.join(chunks)

    def readinto(self, b):
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def write(self, b):
        self._check_closed()
        if not self._writable:
            raise UnsupportedOperation('File not open for writing')
        return posix.write(self._fd, b)

    def seek(self, pos, whence=0):
        self._check_closed()
        return posix.lseek(self._fd, pos, whence)

    def tell(self):
        self._check_closed()
        return posix.lseek(self._fd, 0, 1)

    def truncate(self, size=None):
        self._check_closed()
        if size is None:
            size = self.tell()
        posix.ftruncate(self._fd, size)
        return size

    def flush(self):
        self._check_closed()

    def close(self):
        if not self._closed:
            self._closed = True
            if self._closefd and self._fd >= 0:
                posix.close(self._fd)

    def __repr__(self):
        if self._closed:
            return '<_io.FileIO [closed]>'
        return '<_io.FileIO name=%r mode=%r closefd=%s>' % (self.name, self.mode, self._closefd)


class BufferedReader(IOBase):
    """A read buffer over a raw stream (also a write buffer when the raw stream is writable).

    The unread bytes are _rbuf[_rpos:]: a read moves _rpos on instead of copying the rest of the
    buffer into a new bytes object (a read(1) loop over a file was quadratic in the buffer size)."""

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        self.raw = raw
        self._size = buffer_size if buffer_size > 0 else DEFAULT_BUFFER_SIZE
        self._rbuf = b''
        self._rpos = 0
        self._wbuf = []
        self._wlen = 0

    @property
    def name(self):
        return self.raw.name

    @property
    def mode(self):
        return self.raw.mode

    @property
    def closed(self):
        return self.raw.closed

    def _check_closed(self):
        if self.raw.closed:
            raise _closed_error()

    def fileno(self):
        return self.raw.fileno()

    def readable(self):
        return self.raw.readable()

    def writable(self):
        return self.raw.writable()

    def seekable(self):
        return self.raw.seekable()

    def isatty(self):
        return self.raw.isatty()

    def _fill(self):
        b = self.raw.read(self._size)
        if b:
            if self._rpos:
                self._rbuf = self._rbuf[self._rpos:] + b
                self._rpos = 0
            else:
                self._rbuf += b
        return b

    def _take(self, end):
        """The unread bytes up to _rbuf[end] (end <= len(_rbuf)), now read."""
        start = self._rpos
        if end >= len(self._rbuf):
            data = self._rbuf[start:] if start else self._rbuf
            self._rbuf = b''
            self._rpos = 0
            return data
        self._rpos = end
        return self._rbuf[start:end]

    def read(self, size=-1):
        if type(size) is not int:
            size = _size_arg(size)
        if self.raw.closed:
            raise _closed_error()
        if self._wbuf:
            self._flush_writes()
        rpos = self._rpos
        if size >= 0 and rpos + size <= len(self._rbuf):
            # All in the buffer (a read(1) loop): one slice, no further call.
            self._rpos = rpos + size
            return self._rbuf[rpos:rpos + size]
        if size < 0:
            data = self._rbuf[self._rpos:] + self.raw.readall()
            self._rbuf = b''
            self._rpos = 0
            return data
        while len(self._rbuf) - self._rpos < size:
            if not self._fill():
                break
        return self._take(self._rpos + size)

    def read1(self, size=-1):
        size = _size_arg(size)
        self._check_closed()
        if self._rpos == len(self._rbuf):
            self._fill()
        if size is None or size < 0:
            return self._take(len(self._rbuf))
        return self._take(self._rpos + size)

    def peek(self, size=0):
        self._check_closed()
        if self._rpos == len(self._rbuf):
            self._fill()
        return self._rbuf[self._rpos:] if self._rpos else self._rbuf

    def readline(self, size=-1):
        size = _size_arg(size)
        self._check_closed()
        self._flush_writes()
        while True:
            i = self._rbuf.find(b'\n', self._rpos)
            if i >= 0 or (size is not None and 0 <= size <= len(self._rbuf) - self._rpos):
                break
            if not self._fill():
                break
        end = len(self._rbuf) if i < 0 else i + 1
        if size is not None and size >= 0:
            end = min(end, self._rpos + size)
        return self._take(end)

    def write(self, b):
        self._check_closed()
        if not self.raw.writable():
            raise UnsupportedOperation('write')
        if len(self._rbuf) > self._rpos:
            self.raw.seek(self._rpos - len(self._rbuf), 1)
        self._rbuf = b''
        self._rpos = 0
        b = bytes(b)
        self._wbuf.append(b)
        self._wlen += len(b)
        if self._wlen >= self._size:
            self._flush_writes()
        return len(b)

    def _flush_writes(self):
        if self._wbuf:
            data = b''.join(self._wbuf)
            self._wbuf = []
            self._wlen = 0
            while data:
                n = self.raw.write(data)
                data = data[n:]

    def flush(self):
        self._check_closed()
        self._flush_writes()

    def seek(self, pos, whence=0):
        self._check_closed()
        self._flush_writes()
        if whence == 1:
            pos -= len(self._rbuf) - self._rpos
        self._rbuf = b''
        self._rpos = 0
        return self.raw.seek(pos, whence)

    def tell(self):
        self._check_closed()
        return self.raw.tell() - (len(self._rbuf) - self._rpos) + self._wlen

    def truncate(self, size=None):
        self.flush()
        if size is None:
            size = self.tell()
        return self.raw.truncate(size)

    def close(self):
        if not self.raw.closed:
            try:
                self._flush_writes()
            finally:
                self.raw.close()

    def detach(self):
        self.flush()
        raw, self.raw = self.raw, None
        return raw

    def __repr__(self):
        cls = type(self).__name__
        return '<_io.%s name=%r>' % (cls, self.raw.name)


class BufferedWriter(BufferedReader):
    pass


class BufferedRandom(BufferedReader):
    pass


_CODECS = {'utf-8': 'utf-8', 'utf8': 'utf-8', 'u8': 'utf-8', 'latin-1': 'latin-1',
           'latin1': 'latin-1', 'iso-8859-1': 'latin-1', 'iso8859-1': 'latin-1', 'l1': 'latin-1',
           'ascii': 'ascii', 'us-ascii': 'ascii'}


def _codec(encoding):
    key = encoding.lower().replace('_', '-')
    name = _CODECS.get(key)
    if name is None:
        raise LookupError('unknown encoding: ' + encoding)
    return name


def _utf8_split(b):
    """(complete, rest): rest is an incomplete UTF-8 sequence at the end of b (at most 3 bytes)."""
    n = len(b)
    i = n - 1
    back = 0
    while i >= 0 and back < 3 and (b[i] & 0xC0) == 0x80:
        i -= 1
        back += 1
    if i < 0:
        return b, b''
    lead = b[i]
    need = 1 if lead < 0x80 else 2 if lead >> 5 == 6 else 3 if lead >> 4 == 14 else 4 if lead >> 3 == 30 else 1
    if n - i < need:
        return b[:i], b[i:]
    return b, b''


class TextIOWrapper(IOBase):
    """Text over a buffered byte stream: decodes on read, encodes on write."""

    def __init__(self, buffer, encoding=None, errors=None, newline=None, line_buffering=False,
                 write_through=False):
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError('illegal newline value: %r' % (newline,))
        self.buffer = buffer
        if encoding is None or encoding == 'locale':
            encoding = 'UTF-8'
        self._codec = _codec(encoding)
        self.encoding = encoding
        self.errors = errors if errors is not None else 'strict'
        self._newline = newline
        self.line_buffering = line_buffering
        self._decoded = ''
        self._pending = b''
        self._cr = False
        self._eof = False

    @property
    def name(self):
        return self.buffer.name

    _mode = None

    @property
    def mode(self):
        if self._mode is not None:
            return self._mode
        return self.buffer.mode.replace('b', '')

    @property
    def closed(self):
        return self.buffer.closed

    def _check_closed(self):
        if self.buffer.closed:
            raise _closed_error()

    def fileno(self):
        return self.buffer.fileno()

    def readable(self):
        return self.buffer.readable()

    def writable(self):
        return self.buffer.writable()

    def seekable(self):
        return self.buffer.seekable()

    def isatty(self):
        return self.buffer.isatty()

    @property
    def newlines(self):
        return None

    def _decode(self, b, final):
        if self._codec == 'utf-8' and not final:
            b, self._pending = _utf8_split(self._pending + b)
        elif self._pending:
            b, self._pending = self._pending + b, b''
        text = b.decode(self._codec, self.errors)
        if self._newline is None:
            if self._cr and text.startswith('\n'):
                text = text[1:]
            self._cr = text.endswith('\r')
            text = text.replace('\r\n', '\n').replace('\r', '\n')
        return text

    def _read_chunk(self):
        if self._eof:
            return False
        if not self.buffer.readable():
            raise UnsupportedOperation('not readable')
        b = self.buffer.read1(DEFAULT_BUFFER_SIZE)
        if not b:
            self._eof = True
            if self._pending:
                self._decoded += self._decode(b'', True)
            return False
        self._decoded += self._decode(b, False)
        return True

    def read(self, size=-1):
        size = _size_arg(size)
        self._check_closed()
        if not self.buffer.readable():
            raise UnsupportedOperation('not readable')
        self._flush_buffer()
        if size is None or size < 0:
            rest = self.buffer.read()
            text = self._decoded + self._decode(rest, True)
            self._decoded = ''
            return text
        while len(self._decoded) < size and self._read_chunk():
            pass
        text, self._decoded = self._decoded[:size], self._decoded[size:]
        return text

    def readline(self, size=-1):
        size = _size_arg(size)
        self._check_closed()
        self._flush_buffer()
        nl = '\n' if self._newline in (None, '', '\n') else self._newline
        while True:
            i = self._decoded.find(nl)
            if i >= 0 or (size is not None and 0 <= size <= len(self._decoded)):
                break
            if not self._read_chunk():
                break
        end = len(self._decoded) if i < 0 else i + len(nl)
        if size is not None and size >= 0:
            end = min(end, size)
        line, self._decoded = self._decoded[:end], self._decoded[end:]
        return line

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def write(self, s):
        self._check_closed()
        if not isinstance(s, str):
            raise TypeError('write() argument must be str, not ' + type(s).__name__)
        if not self.buffer.writable():
            raise UnsupportedOperation('not writable')
        text = s
        if self._newline not in (None, '', '\n') and '\n' in text:
            text = text.replace('\n', self._newline)
        if self._decoded:
            self.buffer.seek(-len(self._decoded.encode(self._codec)), 1)
            self._decoded = ''
        self.buffer.write(text.encode(self._codec, self.errors))
        if self.line_buffering and '\n' in s:
            self.buffer.flush()
        return len(s)

    def _flush_buffer(self):
        pass

    def flush(self):
        self._check_closed()
        self.buffer.flush()

    def seek(self, pos, whence=0):
        self._check_closed()
        if whence == 1 and pos != 0:
            raise UnsupportedOperation("can't do nonzero cur-relative seeks")
        if whence == 2 and pos != 0:
            raise UnsupportedOperation("can't do nonzero end-relative seeks")
        self.flush()
        if whence == 1:
            return self.tell()
        r = self.buffer.seek(pos, whence)
        self._decoded = ''
        self._pending = b''
        self._eof = False
        return r

    def tell(self):
        self._check_closed()
        self.flush()
        return self.buffer.tell() - len(self._decoded.encode(self._codec)) - len(self._pending)

    def truncate(self, size=None):
        self.flush()
        return self.buffer.truncate(size)

    def close(self):
        if not self.buffer.closed:
            try:
                self.flush()
            finally:
                self.buffer.close()

    def detach(self):
        self.flush()
        b, self.buffer = self.buffer, None
        return b

    def reconfigure(self, *, encoding=None, errors=None, newline=None, line_buffering=None,
                    write_through=None):
        if encoding is not None:
            self._codec = _codec(encoding)
            self.encoding = encoding
        if errors is not None:
            self.errors = errors
        if line_buffering is not None:
            self.line_buffering = line_buffering

    def __repr__(self):
        return '<_io.TextIOWrapper name=%r mode=%r encoding=%r>' % (self.name, self.mode, self.encoding)


def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
         opener=None):
    """Open file and return a stream: text (TextIOWrapper) unless mode has 'b'."""
    if not isinstance(file, (str, bytes, int)):
        fspath = getattr(type(file), '__fspath__', None)
        if fspath is None:
            raise TypeError('expected str, bytes or os.PathLike object, not ' + type(file).__name__)
        file = file.__fspath__()
    if not isinstance(mode, str):
        raise TypeError('open() argument \'mode\' must be str, not ' + type(mode).__name__)
    modes = set(mode)
    if modes - set('axrwb+tU') or len(mode) > len(modes):
        raise ValueError('invalid mode: %r' % (mode,))
    text = 't' in modes
    binary = 'b' in modes
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if sum(c in modes for c in 'rwax') != 1:
        raise ValueError('must have exactly one of create/read/write/append mode')
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if binary and buffering == 1:
        buffering = -1
    raw_mode = ''.join(c for c in mode if c in 'rwax+')
    raw = FileIO(file, raw_mode + 'b', closefd, opener=opener)
    if encoding is not None:
        # looked up once the file is open, as CPython's TextIOWrapper does (so "w" creates it)
        try:
            _codec(encoding)
        except LookupError:
            raw.close()
            raise
    if buffering == 0:
        if binary:
            return raw
        raw.close()
        raise ValueError("can't have unbuffered text I/O")
    if '+' in modes:
        buffer = BufferedRandom(raw)
    elif 'r' in modes:
        buffer = BufferedReader(raw)
    else:
        buffer = BufferedWriter(raw)
    if binary:
        return buffer
    stream = TextIOWrapper(buffer, encoding, errors, newline, line_buffering=(buffering == 1))
    stream._mode = mode
    return stream


def text_encoding(encoding, stacklevel=2):
    return encoding if encoding is not None else 'utf-8'
