"""tempfile: temporary files and directories, written for MiniPy.

gettempdir ($TMPDIR, $TEMP, $TMP, then /tmp), mkstemp and mkdtemp (names from random letters,
created with O_EXCL / mkdir so no two callers get the same one), TemporaryFile,
NamedTemporaryFile (deleted on close unless delete=False), TemporaryDirectory (removed by cleanup()
or at the end of a with block), SpooledTemporaryFile as a plain temporary file."""

import os
import random as _random
import shutil as _shutil

__all__ = ['NamedTemporaryFile', 'TemporaryFile', 'SpooledTemporaryFile', 'TemporaryDirectory', 'mkstemp',
           'mkdtemp', 'mktemp', 'gettempdir', 'gettempprefix', 'TMP_MAX', 'template']

TMP_MAX = 10000
template = 'tmp'
tempdir = None
_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_'
_rng = _random.Random()


def gettempprefix():
    return template


def gettempdir():
    """The directory for temporary files."""
    global tempdir
    if tempdir is None:
        for name in ('TMPDIR', 'TEMP', 'TMP'):
            d = os.environ.get(name)
            if d and os.path.isdir(d):
                tempdir = d
                break
        else:
            tempdir = '/tmp'
    return tempdir


def _names():
    while True:
        yield ''.join(_rng.choice(_CHARS) for _ in range(8))


def _sanitize(suffix, prefix, dir):
    if suffix is None:
        suffix = ''
    if prefix is None:
        prefix = template
    if dir is None:
        dir = gettempdir()
    return suffix, prefix, os.fspath(dir)


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    """Create and open a new file; returns (fd, absolute path). The caller deletes it."""
    suffix, prefix, dir = _sanitize(suffix, prefix, dir)
    names = _names()
    for _ in range(TMP_MAX):
        path = os.path.join(dir, prefix + next(names) + suffix)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        return fd, os.path.abspath(path)
    raise FileExistsError(17, 'No usable temporary file name found')


def mkdtemp(suffix=None, prefix=None, dir=None):
    """Create a new directory; returns its absolute path. The caller deletes it."""
    suffix, prefix, dir = _sanitize(suffix, prefix, dir)
    names = _names()
    for _ in range(TMP_MAX):
        path = os.path.join(dir, prefix + next(names) + suffix)
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return os.path.abspath(path)
    raise FileExistsError(17, 'No usable temporary directory name found')


def mktemp(suffix='', prefix=template, dir=None):
    """A name that did not exist when asked (unsafe: prefer mkstemp)."""
    if dir is None:
        dir = gettempdir()
    names = _names()
    for _ in range(TMP_MAX):
        path = os.path.join(dir, prefix + next(names) + suffix)
        if not os.path.exists(path):
            return path
    raise FileExistsError(17, 'No usable temporary filename found')


class _TemporaryFileWrapper:
    """A file object whose name is a temporary file, deleted when it is closed (if delete)."""

    def __init__(self, file, name, delete=True):
        self.file = file
        self.name = name
        self.delete = delete
        self._closed = False

    def __getattr__(self, name):
        return getattr(self.__dict__['file'], name)

    def __enter__(self):
        self.file.__enter__()
        return self

    def __exit__(self, exc, value, tb):
        self.close()
        return None

    def __iter__(self):
        return iter(self.file)

    def close(self):
        if not self._closed:
            self._closed = True
            try:
                self.file.close()
            finally:
                if self.delete:
                    try:
                        os.unlink(self.name)
                    except FileNotFoundError:
                        pass


def NamedTemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None, suffix=None, prefix=None,
                       dir=None, delete=True, *, errors=None):
    """A temporary file with a visible name (file.name), deleted on close when delete is true."""
    fd, name = mkstemp(suffix, prefix, dir)
    os.close(fd)
    if 'b' in mode:
        file = open(name, mode)
    else:
        file = open(name, mode, encoding=encoding or 'utf-8', newline=newline)
    return _TemporaryFileWrapper(file, name, delete)


def TemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None, suffix=None, prefix=None, dir=None,
                  *, errors=None):
    """A temporary file without a name (unlinked at once)."""
    fd, name = mkstemp(suffix, prefix, dir)
    os.close(fd)
    if 'b' in mode:
        file = open(name, mode)
    else:
        file = open(name, mode, encoding=encoding or 'utf-8', newline=newline)
    os.unlink(name)
    return file


SpooledTemporaryFile = TemporaryFile


class TemporaryDirectory:
    """A temporary directory: name, cleanup(); a with block gives the name and removes the tree."""

    def __init__(self, suffix=None, prefix=None, dir=None, ignore_cleanup_errors=False):
        self.name = mkdtemp(suffix, prefix, dir)
        self._ignore_cleanup_errors = ignore_cleanup_errors

    def __repr__(self):
        return '<{} {!r}>'.format(self.__class__.__name__, self.name)

    def __enter__(self):
        return self.name

    def __exit__(self, exc, value, tb):
        self.cleanup()

    def cleanup(self):
        if self.name is not None and os.path.exists(self.name):
            _shutil.rmtree(self.name, ignore_errors=self._ignore_cleanup_errors)
