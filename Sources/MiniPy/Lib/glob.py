"""glob: file names matching shell wildcards (*, ?, [seq], and ** with recursive=True), written
for MiniPy on os.scandir and fnmatch. As in CPython, names starting with '.' match only a pattern
that starts with '.', and results come in the order the directories list them."""

import os
import fnmatch

__all__ = ['glob', 'iglob', 'escape', 'has_magic']


def has_magic(s):
    return any(c in s for c in '*?[')


def escape(pathname):
    drive, rest = '', pathname
    out = []
    for c in rest:
        out.append('[%s]' % c if c in '*?[' else c)
    return drive + ''.join(out)


def glob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    """The list of paths matching pathname."""
    return list(iglob(pathname, root_dir=root_dir, recursive=recursive, include_hidden=include_hidden))


def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    """An iterator over the paths matching pathname."""
    pathname = os.fspath(pathname)
    return iter(_glob(pathname, root_dir, recursive, include_hidden))


def _lexists(path, root_dir):
    full = os.path.join(root_dir, path) if root_dir is not None else path
    try:
        os.lstat(full)
        return True
    except OSError:
        return False


def _isdir(path, root_dir):
    full = os.path.join(root_dir, path) if root_dir is not None else path
    return os.path.isdir(full)


def _listdir(dirname, root_dir):
    full = dirname or os.curdir
    if root_dir is not None:
        full = os.path.join(root_dir, full)
    try:
        return [e.name for e in os.scandir(full)]
    except OSError:
        return []


def _glob(pathname, root_dir, recursive, hidden):
    dirname, basename = os.path.split(pathname)
    if not has_magic(pathname):
        if basename:
            if _lexists(pathname, root_dir):
                return [pathname]
        elif _isdir(dirname, root_dir):
            return [pathname]
        return []
    if not dirname:
        if recursive and basename == '**':
            return [n for n in _rlistdir('', root_dir, hidden, True) if n]
        return _glob1('', basename, root_dir, hidden)
    if dirname != pathname and has_magic(dirname):
        dirs = _glob(dirname, root_dir, recursive, hidden)
    else:
        dirs = [dirname]
    results = []
    for d in dirs:
        if not _isdir(d, root_dir):
            continue
        if recursive and basename == '**':
            names = _rlistdir(d, root_dir, hidden, True)
            results.extend(os.path.join(d, n) if n else os.path.join(d, '') for n in names)
        elif has_magic(basename):
            results.extend(os.path.join(d, n) for n in _glob1(d, basename, root_dir, hidden))
        elif basename == '' or _lexists(os.path.join(d, basename), root_dir):
            results.append(os.path.join(d, basename))
    return results


def _glob1(dirname, pattern, root_dir, hidden):
    names = _listdir(dirname, root_dir)
    if not (hidden or pattern.startswith('.')):
        names = [n for n in names if not n.startswith('.')]
    return fnmatch.filter(names, pattern)


def _rlistdir(dirname, root_dir, hidden, top):
    out = [''] if top else []
    for name in _listdir(dirname, root_dir):
        if not hidden and name.startswith('.'):
            continue
        out.append(name)
        path = os.path.join(dirname, name) if dirname else name
        if _isdir(path, root_dir) and not os.path.islink(os.path.join(root_dir, path) if root_dir else path):
            out.extend(os.path.join(name, sub) for sub in _rlistdir(path, root_dir, hidden, False))
    return out
