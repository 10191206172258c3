"""importlib.util: find_spec(name) for MiniPy: the spec of an imported module, or of one the
search path has, found by importing it (MiniPy has no separate find step); None when there is
no such module."""

import sys


def resolve_name(name, package):
    if not name.startswith('.'):
        return name
    if not package:
        raise ImportError('no package specified for {!r} (required for relative module names)'.format(name))
    level = len(name) - len(name.lstrip('.'))
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    rest = name[level:]
    return '{}.{}'.format(bits[0], rest) if rest else bits[0]


def find_spec(name, package=None):
    fullname = resolve_name(name, package)
    if fullname in sys.modules:
        return getattr(sys.modules[fullname], '__spec__', None)
    try:
        __import__(fullname)
    except ModuleNotFoundError:
        return None
    return getattr(sys.modules[fullname], '__spec__', None)
