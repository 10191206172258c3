"""pathlib: object-oriented file system paths (POSIX flavour), written for MiniPy.

PurePath/PurePosixPath do the lexical work: joining with /, parts, name, stem, suffix(es), parent(s),
with_name/with_stem/with_suffix, relative_to, is_relative_to, is_absolute, match, as_posix,
joinpath, comparisons and hashing. Path/PosixPath add the file system through os: exists,
is_file, is_dir, is_symlink, stat, iterdir, glob/rglob (fnmatch patterns and **), read_text,
write_text, read_bytes, write_bytes, open, mkdir(parents, exist_ok), touch, unlink(missing_ok),
rmdir, rename, replace, resolve, absolute, cwd, home, expanduser, samefile. Windows paths
(PureWindowsPath, WindowsPath) are not supported: creating one raises NotImplementedError."""

import os
import fnmatch

__all__ = ['PurePath', 'PurePosixPath', 'PureWindowsPath', 'Path', 'PosixPath', 'WindowsPath']


def _parse(parts):
    """(root, [names]) of the joined str parts, normalised as pathlib does: '.' and empty names
    dropped, '..' kept, a leading '//' kept (exactly two slashes), more slashes collapse to one."""
    root = ''
    names = []
    for part in parts:
        if not part:
            continue
        if part.startswith('/'):
            names = []
            if part.startswith('//') and not part.startswith('///'):
                root = '//'
            else:
                root = '/'
        for name in part.split('/'):
            if name and name != '.':
                names.append(name)
    return root, names


class PurePath:
    """A path without I/O: PurePath(...) gives a PurePosixPath."""

    __slots__ = ('_root', '_names', '_str', '_hash')

    def __new__(cls, *args):
        if cls is PurePath:
            cls = PurePosixPath
        return cls._from_parts(args)

    @classmethod
    def _from_parts(cls, args):
        strs = []
        for a in args:
            if isinstance(a, PurePath):
                strs.append(str(a))
                continue
            a = os.fspath(a)
            if isinstance(a, bytes):
                raise TypeError("argument should be a str or an os.PathLike object where __fspath__ returns a str, "
                                "not 'bytes'")
            if not isinstance(a, str):
                raise TypeError("argument should be a str or an os.PathLike object where __fspath__ returns a str, "
                                "not %r" % type(a).__name__)
            strs.append(a)
        root, names = _parse(strs)
        return cls._from_parsed(root, names)

    @classmethod
    def _from_parsed(cls, root, names):
        self = object.__new__(cls)
        self._root = root
        self._names = names
        self._str = None
        self._hash = None
        return self

    def _derive(self, root, names):
        return type(self)._from_parsed(root, names)

    def __str__(self):
        if self._str is None:
            self._str = (self._root + '/'.join(self._names)) or '.'
        return self._str

    def __fspath__(self):
        return str(self)

    def as_posix(self):
        return str(self)

    def __bytes__(self):
        return os.fsencode(str(self)) if hasattr(os, 'fsencode') else str(self).encode()

    def __repr__(self):
        return '{}({!r})'.format(type(self).__name__, self.as_posix())

    def as_uri(self):
        if not self.is_absolute():
            raise ValueError("relative path can't be expressed as a file URI")
        return 'file://' + str(self)

    def __hash__(self):
        if self._hash is None:
            self._hash = hash(str(self))
        return self._hash

    def _key(self, other):
        if not isinstance(other, PurePath) or type(other)._flavour_name() != type(self)._flavour_name():
            return None
        return (self._root, self._names), (other._root, other._names)

    @classmethod
    def _flavour_name(cls):
        return 'posix'

    def __eq__(self, other):
        k = self._key(other)
        return NotImplemented if k is None else k[0] == k[1]

    def __lt__(self, other):
        k = self._key(other)
        return NotImplemented if k is None else str(self) < str(other)

    def __le__(self, other):
        k = self._key(other)
        return NotImplemented if k is None else str(self) <= str(other)

    def __gt__(self, other):
        k = self._key(other)
        return NotImplemented if k is None else str(self) > str(other)

    def __ge__(self, other):
        k = self._key(other)
        return NotImplemented if k is None else str(self) >= str(other)

    def __truediv__(self, key):
        try:
            return self.joinpath(key)
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return type(self)(key, self)
        except TypeError:
            return NotImplemented

    def joinpath(self, *args):
        return type(self)._from_parts((str(self),) + args)

    def with_segments(self, *args):
        return type(self)(*args)

    @property
    def parts(self):
        return tuple(([self._root] if self._root else []) + self._names)

    @property
    def drive(self):
        return ''

    @property
    def root(self):
        return self._root

    @property
    def anchor(self):
        return self._root

    @property
    def name(self):
        return self._names[-1] if self._names else ''

    @property
    def suffix(self):
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[i:]
        return ''

    @property
    def suffixes(self):
        name = self.name
        if name.endswith('.'):
            return []
        name = name.lstrip('.')
        return ['.' + s for s in name.split('.')[1:]]

    @property
    def stem(self):
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[:i]
        return name

    def with_name(self, name):
        if not self.name:
            raise ValueError('%r has an empty name' % (self,))
        if not name or '/' in name or name == '.':
            raise ValueError('Invalid name %r' % (name,))
        return self._derive(self._root, self._names[:-1] + [name])

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        if '/' in suffix:
            raise ValueError('Invalid suffix %r' % (suffix,))
        if suffix and not suffix.startswith('.') or suffix == '.':
            raise ValueError('Invalid suffix %r' % (suffix,))
        name = self.name
        if not name:
            raise ValueError('%r has an empty name' % (self,))
        old = self.suffix
        name = name[:len(name) - len(old)] + suffix if old else name + suffix
        return self._derive(self._root, self._names[:-1] + [name])

    @property
    def parent(self):
        if not self._names:
            return self
        return self._derive(self._root, self._names[:-1])

    @property
    def parents(self):
        return _Parents(self)

    def is_absolute(self):
        return bool(self._root)

    def is_reserved(self):
        return False

    def relative_to(self, *other):
        if not other:
            raise TypeError("relative_to() missing 1 required positional argument: 'other'")
        base = type(self)(*other)
        n = len(base._names)
        if base._root != self._root or self._names[:n] != base._names:
            raise ValueError('{!r} is not in the subpath of {!r} OR one path is relative and the other is '
                             'absolute.'.format(str(self), str(base)))
        return self._derive('', self._names[n:])

    def is_relative_to(self, *other):
        try:
            self.relative_to(*other)
            return True
        except ValueError:
            return False

    def match(self, path_pattern):
        pat = type(self)(path_pattern)
        if not pat._names and not pat._root:
            raise ValueError('empty pattern')
        if pat._root:
            if pat._root != self._root or len(pat._names) != len(self._names):
                return False
        elif len(pat._names) > len(self._names):
            return False
        for name, p in zip(reversed(self._names), reversed(pat._names)):
            if not fnmatch.fnmatchcase(name, p):
                return False
        return True


class _Parents:
    """The sequence of a path's logical ancestors (path.parents)."""

    def __init__(self, path):
        self._path = path

    def __len__(self):
        return len(self._path._names)

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return tuple(self[i] for i in range(*idx.indices(len(self))))
        if idx >= len(self) or idx < -len(self):
            raise IndexError(idx)
        if idx < 0:
            idx += len(self)
        return self._path._derive(self._path._root, self._path._names[:len(self._path._names) - idx - 1])

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __repr__(self):
        return '<{}.parents>'.format(type(self._path).__name__)


class PurePosixPath(PurePath):
    """A pure POSIX path."""
    __slots__ = ()


class PureWindowsPath(PurePath):
    """Not supported by MiniPy."""
    __slots__ = ()

    def __new__(cls, *args):
        raise NotImplementedError('PureWindowsPath is not supported by MiniPy')


class Path(PurePath):
    """A path with file-system operations: Path(...) gives a PosixPath."""

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        if cls is Path:
            cls = PosixPath
        return cls._from_parts(args)

    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls(os.path.expanduser('~'))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def stat(self, *, follow_symlinks=True):
        return os.stat(self) if follow_symlinks else os.lstat(self)

    def lstat(self):
        return os.lstat(self)

    def exists(self):
        try:
            self.stat()
        except (FileNotFoundError, NotADirectoryError):
            return False
        return True

    def _mode_is(self, test, follow=True):
        try:
            st = self.stat() if follow else self.lstat()
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            return False
        return test(st.st_mode)

    def is_dir(self):
        return self._mode_is(lambda m: m & 0o170000 == 0o040000)

    def is_file(self):
        return self._mode_is(lambda m: m & 0o170000 == 0o100000)

    def is_symlink(self):
        return self._mode_is(lambda m: m & 0o170000 == 0o120000, follow=False)

    def is_mount(self):
        return str(self.resolve()) == '/'

    def iterdir(self):
        for name in os.listdir(self):
            yield self._derive(self._root, self._names + [name])

    def _child(self, name):
        return self._derive(self._root, self._names + [name])

    def glob(self, pattern):
        if not pattern:
            raise ValueError('Unacceptable pattern: {!r}'.format(pattern))
        pat = PurePosixPath(pattern)
        if pat._root:
            raise NotImplementedError('Non-relative patterns are unsupported')
        return self._select(self, pat._names)

    def rglob(self, pattern):
        pat = PurePosixPath(pattern)
        if pat._root:
            raise NotImplementedError('Non-relative patterns are unsupported')
        return self._select(self, ['**'] + pat._names)

    def _select(self, base, names):
        if not names:
            yield base
            return
        head, rest = names[0], names[1:]
        if head == '**':
            seen = set()
            for d in self._walk_dirs(base):
                for found in self._select(d, rest):
                    if str(found) not in seen:
                        seen.add(str(found))
                        yield found
            return
        if not any(c in head for c in '*?['):
            child = base._child(head)
            if rest:
                if child.is_dir():
                    yield from self._select(child, rest)
            elif child.exists():
                yield child
            return
        try:
            entries = os.listdir(base)
        except OSError:
            return
        for name in entries:
            if fnmatch.fnmatchcase(name, head):
                child = base._child(name)
                if rest:
                    if child.is_dir():
                        yield from self._select(child, rest)
                else:
                    yield child

    def _walk_dirs(self, base):
        yield base
        try:
            names = os.listdir(base)
        except OSError:
            return
        for name in names:
            child = base._child(name)
            if child.is_dir() and not child.is_symlink():
                yield from self._walk_dirs(child)

    def open(self, mode='r', buffering=-1, encoding=None, errors=None, newline=None):
        if 'b' not in mode and encoding is None:
            encoding = 'utf-8'
        return open(str(self), mode, buffering, encoding, errors, newline) if 'b' not in mode \
            else open(str(self), mode)

    def read_text(self, encoding=None, errors=None):
        with self.open('r', encoding=encoding, errors=errors) as f:
            return f.read()

    def read_bytes(self):
        with self.open('rb') as f:
            return f.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError('data must be str, not %s' % data.__class__.__name__)
        with self.open('w', encoding=encoding, errors=errors, newline=newline) as f:
            return f.write(data)

    def write_bytes(self, data):
        view = bytes(data)
        with self.open('wb') as f:
            return f.write(view)

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                raise FileExistsError(17, 'File exists', str(self))
            os.utime(self) if hasattr(os, 'utime') else None
            return
        fd = os.open(str(self), os.O_WRONLY | os.O_CREAT, mode)
        os.close(fd)

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        try:
            os.mkdir(self, mode)
        except FileNotFoundError:
            if not parents or self.parent == self:
                raise
            self.parent.mkdir(parents=True, exist_ok=True)
            self.mkdir(mode, parents=False, exist_ok=exist_ok)
        except OSError:
            if not exist_ok or not self.is_dir():
                raise

    def unlink(self, missing_ok=False):
        try:
            os.unlink(self)
        except FileNotFoundError:
            if not missing_ok:
                raise

    def rmdir(self):
        os.rmdir(self)

    def rename(self, target):
        os.rename(self, target)
        return type(self)(target)

    def replace(self, target):
        os.replace(self, target)
        return type(self)(target)

    def absolute(self):
        if self.is_absolute():
            return self
        return type(self)(os.getcwd(), self)

    def resolve(self, strict=False):
        if strict:
            self.stat()
        return type(self)(os.path.realpath(str(self)))

    def expanduser(self):
        if self._names and self._names[0].startswith('~') and not self._root:
            return type(self)(os.path.expanduser(str(self)))
        return self

    def samefile(self, other_path):
        st = self.stat()
        other = other_path.stat() if isinstance(other_path, Path) else os.stat(other_path)
        return st.st_ino == other.st_ino and st.st_dev == other.st_dev

    def owner(self):
        raise NotImplementedError('Path.owner() is not supported by MiniPy')

    def chmod(self, mode):
        raise NotImplementedError('Path.chmod() is not supported by MiniPy')


class PosixPath(Path, PurePosixPath):
    """A concrete POSIX path."""
    __slots__ = ()


class WindowsPath(Path, PureWindowsPath):
    """Not supported by MiniPy."""
    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        raise NotImplementedError('cannot instantiate %r on your system' % (cls.__name__,))
