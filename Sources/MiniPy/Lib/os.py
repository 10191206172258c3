"""os: portable access to the operating system (written for MiniPy).

A thin layer over the C module `posix` (file descriptors, files, processes), as CPython's os is
over its posix module: it adds the constants, os.path (posixpath), the os.environ mapping that
keeps the process environment in step, getenv, makedirs/removedirs, walk, scandir and fspath.
Failures raise the OSError subclasses CPython raises, with its messages.
"""
import posix
import sys
import posixpath as path

from posix import (open, close, read, write, lseek, ftruncate, fsync, isatty, pipe, dup, dup2,
                   set_blocking, stat, lstat, fstat, remove, unlink, rmdir, chdir, mkdir, rename,
                   replace, listdir, getcwd, access, readlink, getpid, getppid, getuid, cpu_count,
                   urandom, strerror, kill, waitpid, waitstatus_to_exitcode, system, _exit,
                   O_RDONLY, O_WRONLY, O_RDWR, O_APPEND, O_CREAT, O_EXCL, O_TRUNC, O_NONBLOCK,
                   O_CLOEXEC, SEEK_SET, SEEK_CUR, SEEK_END, F_OK, R_OK, W_OK, X_OK, WNOHANG)

error = OSError
name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
linesep = '\n'
curdir = '.'
pardir = '..'
devnull = '/dev/null'
defpath = '/bin:/usr/bin'

sys.modules['os.path'] = path


def fspath(p):
    """Return the str or bytes form of a path (calls __fspath__ on path-like objects)."""
    if isinstance(p, (str, bytes)):
        return p
    fn = getattr(type(p), '__fspath__', None)
    if fn is None:
        raise TypeError('expected str, bytes or os.PathLike object, not ' + type(p).__name__)
    r = p.__fspath__()
    if not isinstance(r, (str, bytes)):
        raise TypeError('expected %s.__fspath__() to return str or bytes, not %s'
                        % (type(p).__name__, type(r).__name__))
    return r


class PathLike:
    """Base for classes that implement __fspath__."""

    def __fspath__(self):
        raise NotImplementedError


class _Environ:
    """os.environ: a dict-like view of the environment; changes reach child processes."""

    def __init__(self, data):
        self._data = data

    def __getitem__(self, key):
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError('str expected, not ' + type(key).__name__)
        if not isinstance(value, str):
            raise TypeError('str expected, not ' + type(value).__name__)
        posix.putenv(key, value)
        self._data[key] = value

    def __delitem__(self, key):
        if key not in self._data:
            raise KeyError(key)
        posix.unsetenv(key)
        del self._data[key]

    def __contains__(self, key):
        return key in self._data

    def __iter__(self):
        return iter(list(self._data))

    def __len__(self):
        return len(self._data)

    def __eq__(self, other):
        if isinstance(other, _Environ):
            other = other._data
        return self._data == other

    def get(self, key, default=None):
        return self._data.get(key, default)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def copy(self):
        return dict(self._data)

    def setdefault(self, key, value):
        if key not in self._data:
            self[key] = value
        return self._data[key]

    def pop(self, key, *default):
        if key in self._data:
            value = self._data[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def update(self, other=(), **kwargs):
        if hasattr(other, 'keys'):
            for k in other.keys():
                self[k] = other[k]
        else:
            for k, v in other:
                self[k] = v
        for k, v in kwargs.items():
            self[k] = v

    def clear(self):
        for k in list(self._data):
            del self[k]

    def __repr__(self):
        return 'environ({' + ', '.join('%r: %r' % (k, v) for k, v in self._data.items()) + '})'


environ = _Environ(posix.environ)


def getenv(key, default=None):
    """The environment variable key, or default when it is not set."""
    return environ.get(key, default)


def putenv(key, value):
    posix.putenv(key, value)


def unsetenv(key):
    posix.unsetenv(key)


def makedirs(name, mode=0o777, exist_ok=False):
    """Create a directory and any missing parents; FileExistsError unless exist_ok."""
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    """Remove a directory, then its parents while they are empty."""
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def renames(old, new):
    head, tail = path.split(new)
    if head and tail and not path.exists(head):
        makedirs(head)
    rename(old, new)


class DirEntry:
    """An entry of scandir(): name, path, is_dir(), is_file(), is_symlink(), stat()."""

    def __init__(self, directory, name):
        self.name = name
        self.path = path.join(directory, name)
        self._stat = None

    def stat(self, *, follow_symlinks=True):
        if not follow_symlinks:
            return lstat(self.path)
        if self._stat is None:
            self._stat = stat(self.path)
        return self._stat

    def is_dir(self, *, follow_symlinks=True):
        try:
            return (self.stat(follow_symlinks=follow_symlinks).st_mode & 0o170000) == 0o040000
        except OSError:
            return False

    def is_file(self, *, follow_symlinks=True):
        try:
            return (self.stat(follow_symlinks=follow_symlinks).st_mode & 0o170000) == 0o100000
        except OSError:
            return False

    def is_symlink(self):
        try:
            return (lstat(self.path).st_mode & 0o170000) == 0o120000
        except OSError:
            return False

    def inode(self):
        return lstat(self.path).st_ino

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return '<DirEntry %r>' % (self.name,)


class _ScandirIterator:
    def __init__(self, directory):
        self._dir = directory
        self._names = iter(listdir(directory))

    def __iter__(self):
        return self

    def __next__(self):
        return DirEntry(self._dir, next(self._names))

    def close(self):
        self._names = iter(())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def scandir(p='.'):
    """An iterator of DirEntry objects for the entries of directory p."""
    return _ScandirIterator(fspath(p))


def walk(top, topdown=True, onerror=None, followlinks=False):
    """Yield (dirpath, dirnames, filenames) for top and every directory below it."""
    top = fspath(top)
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs, nondirs = [], []
    for n in names:
        if path.isdir(path.join(top, n)):
            dirs.append(n)
        else:
            nondirs.append(n)
    if topdown:
        yield top, dirs, nondirs
    for d in dirs:
        new = path.join(top, d)
        if followlinks or not path.islink(new):
            yield from walk(new, topdown, onerror, followlinks)
    if not topdown:
        yield top, dirs, nondirs


def get_terminal_size(fd=1):
    """(columns, lines) from $COLUMNS/$LINES, else 80x24."""
    return (int(environ.get('COLUMNS', 80)), int(environ.get('LINES', 24)))
