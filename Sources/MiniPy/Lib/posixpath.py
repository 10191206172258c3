"""posixpath: path name operations for POSIX systems, used as os.path (written for MiniPy).

String manipulation of '/'-separated paths (join, split, splitext, basename, dirname, normpath,
abspath, relpath, commonprefix, expanduser, expandvars) and queries of the file system (exists,
isfile, isdir, islink, getsize, getmtime, ...) that answer False rather than raise.
"""
import posix

sep = '/'
curdir = '.'
pardir = '..'
extsep = '.'
pathsep = ':'
defpath = '/bin:/usr/bin'
altsep = None
devnull = '/dev/null'

_S_IFMT = 0o170000
_S_IFDIR = 0o040000
_S_IFREG = 0o100000
_S_IFLNK = 0o120000


def _fs(p):
    if isinstance(p, str):
        return p
    if isinstance(p, bytes):
        return p.decode()
    fn = getattr(type(p), '__fspath__', None)
    if fn is None:
        raise TypeError('expected str, bytes or os.PathLike object, not ' + type(p).__name__)
    return p.__fspath__()


def normcase(s):
    """Normalize case of pathname: on POSIX, nothing changes (stdlib-more: fnmatch and 2to3 use it)."""
    return _fs(s)


def splitdrive(p):
    """Split a pathname into drive and path: on POSIX, the drive is always empty."""
    p = _fs(p)
    return p[:0], p


def ismount(path):
    """Is path a mount point (its device differs from its parent's, or it is /)?"""
    try:
        s1 = posix.lstat(path)
        s2 = posix.lstat(join(path, '..'))
    except (OSError, ValueError):
        return False
    return s1.st_dev != s2.st_dev or s1.st_ino == s2.st_ino


def isabs(s):
    return _fs(s).startswith('/')


def join(a, *p):
    """Join path components, discarding everything before a component that starts with '/'."""
    try:
        path = _fs(a)
        p = [_fs(b) for b in p]
    except TypeError:
        bad = [x for x in (a,) + tuple(p) if not isinstance(x, (str, bytes)) and not hasattr(type(x), '__fspath__')]
        if bad:
            raise TypeError("join() argument must be str, bytes, or os.PathLike object, not '%s'"
                            % type(bad[0]).__name__) from None
        raise
    for b in p:
        if b.startswith('/'):
            path = b
        elif not path or path.endswith('/'):
            path += b
        else:
            path += '/' + b
    return path


def split(p):
    """(head, tail): tail is the part after the last '/'; head keeps no trailing '/'."""
    p = _fs(p)
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def splitext(p):
    """(root, ext): ext is the last dot and what follows it, leading dots of the name ignored."""
    p = _fs(p)
    sep_index = p.rfind('/')
    dot_index = p.rfind('.')
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != '.':
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, ''


def basename(p):
    p = _fs(p)
    return p[p.rfind('/') + 1:]


def dirname(p):
    p = _fs(p)
    i = p.rfind('/') + 1
    head = p[:i]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head


def normpath(path):
    """Collapse redundant separators and '.'/'..' components ('' becomes '.')."""
    path = _fs(path)
    if path == '':
        return '.'
    initial = 1 if path.startswith('/') else 0
    if initial and path.startswith('//') and not path.startswith('///'):
        initial = 2
    comps = path.split('/')
    new = []
    for comp in comps:
        if comp in ('', '.'):
            continue
        if comp != '..' or (not initial and not new) or (new and new[-1] == '..'):
            new.append(comp)
        elif new:
            new.pop()
    path = '/'.join(new)
    if initial:
        path = '/' * initial + path
    return path or '.'


def abspath(path):
    path = _fs(path)
    if not path.startswith('/'):
        path = join(posix.getcwd(), path)
    return normpath(path)


def realpath(path, *, strict=False):
    """The canonical path: symbolic links resolved, '.' and '..' removed."""
    path = abspath(path)
    parts = path.split('/')[1:]
    resolved = '/'
    seen = 0
    while parts:
        part = parts.pop(0)
        if part in ('', '.'):
            continue
        if part == '..':
            resolved = dirname(resolved) or '/'
            continue
        candidate = join(resolved, part)
        if islink(candidate) and seen < 40:
            seen += 1
            target = posix.readlink(candidate)
            if target.startswith('/'):
                resolved = '/'
            parts = [x for x in target.split('/') if x] + parts
            continue
        resolved = candidate
    return resolved


def relpath(path, start=None):
    if not path:
        raise ValueError('no path specified')
    start = curdir if start is None else _fs(start)
    start_list = [x for x in abspath(start).split('/') if x]
    path_list = [x for x in abspath(path).split('/') if x]
    i = len(commonprefix([start_list, path_list]))
    rel = [pardir] * (len(start_list) - i) + path_list[i:]
    if not rel:
        return curdir
    return join(*rel)


def commonprefix(m):
    if not m:
        return ''
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    if not paths:
        raise ValueError('commonpath() arg is an empty sequence')
    paths = [_fs(p) for p in paths]
    absolute = {p.startswith('/') for p in paths}
    if len(absolute) != 1:
        raise ValueError("Can't mix absolute and relative paths")
    split_paths = [[c for c in p.split('/') if c and c != '.'] for p in paths]
    common = commonprefix(split_paths)
    prefix = '/' if paths[0].startswith('/') else ''
    return prefix + '/'.join(common)


def expanduser(path):
    path = _fs(path)
    if not path.startswith('~'):
        return path
    i = path.find('/', 1)
    if i < 0:
        i = len(path)
    if i == 1:
        home = posix.environ.get('HOME', '/')
    else:
        return path
    return (home.rstrip('/') or '/') + path[i:] if path[i:] else home


def expandvars(path):
    """Replace $name and ${name} by environment variables that exist."""
    path = _fs(path)
    if '$' not in path:
        return path
    out = []
    i, n = 0, len(path)
    while i < n:
        c = path[i]
        if c == '$' and i + 1 < n:
            if path[i + 1] == '{':
                j = path.find('}', i + 2)
                if j > 0 and path[i + 2:j] in posix.environ:
                    out.append(posix.environ[path[i + 2:j]])
                    i = j + 1
                    continue
            else:
                j = i + 1
                while j < n and (path[j].isalnum() or path[j] == '_'):
                    j += 1
                name = path[i + 1:j]
                if name and name in posix.environ:
                    out.append(posix.environ[name])
                    i = j
                    continue
        out.append(c)
        i += 1
    return ''.join(out)


def _mode(path, follow=True):
    try:
        return (posix.stat(path) if follow else posix.lstat(path)).st_mode
    except (OSError, ValueError):
        return None


def exists(path):
    return _mode(path) is not None


def lexists(path):
    return _mode(path, False) is not None


def isdir(s):
    m = _mode(s)
    return m is not None and (m & _S_IFMT) == _S_IFDIR


def isfile(path):
    m = _mode(path)
    return m is not None and (m & _S_IFMT) == _S_IFREG


def islink(path):
    m = _mode(path, False)
    return m is not None and (m & _S_IFMT) == _S_IFLNK


def getsize(filename):
    return posix.stat(filename).st_size


def getmtime(filename):
    return posix.stat(filename).st_mtime


def getatime(filename):
    return posix.stat(filename).st_atime


def getctime(filename):
    return posix.stat(filename).st_ctime


def samefile(f1, f2):
    s1, s2 = posix.stat(f1), posix.stat(f2)
    return s1.st_ino == s2.st_ino and s1.st_dev == s2.st_dev
