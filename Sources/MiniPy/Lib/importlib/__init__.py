"""importlib: the import system seen from Python, for MiniPy.

import_module(name, package=None) imports a module by name (a leading dot makes it relative to
package, as CPython's does); reload() runs a module's source again in its own namespace;
invalidate_caches() exists for programs that call it (MiniPy's finder keeps no caches). The
machinery itself is the interpreter's (Sources/MiniVM/Python/vmimport.c); this module only
reaches it through the builtin __import__."""

import sys


def _resolve_name(name, package, level):
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    base = bits[0]
    return '{}.{}'.format(base, name) if name else base


def import_module(name, package=None):
    """Import a module; a name starting with '.' is relative to package. Returns the module."""
    level = 0
    if name.startswith('.'):
        if not package:
            raise TypeError("the 'package' argument is required to perform a relative import "
                            "for {!r}".format(name))
        for character in name:
            if character != '.':
                break
            level += 1
        name = _resolve_name(name[level:], package, level)
    __import__(name)
    return sys.modules[name]


def reload(module):
    """Run the module's source again in its namespace; returns the module."""
    name = getattr(module, '__name__', None)
    if name is None or sys.modules.get(name) is not module:
        raise ImportError('module {} not in sys.modules'.format(name), name=name)
    path = getattr(module, '__file__', None)
    if not path or path.startswith('<'):
        return module
    with open(path) as f:
        source = f.read()
    exec(compile(source, path, 'exec'), module.__dict__)
    return module


def invalidate_caches():
    """Nothing to invalidate: MiniPy's finder looks at the directories on every import."""
