"""pickle: CPython's pickle format (written for MiniPy).

Pickler, Unpickler, dump, dumps, load, loads and the three errors come from the C module _pickle
(Sources/MiniVM/Modules/picklemodule.c) when it can be imported, as CPython's pickle.py takes
them from its _pickle accelerator; otherwise (a program that sets sys.modules['_pickle'] = None,
as pyperformance's pickle_pure_python does) from the pure-Python implementation in _pypickle.py.
_Pickler, _Unpickler, _dump, _dumps, _load and _loads always name the pure-Python ones; they and
the opcode constants are loaded on first use, so `import pickle` stays cheap for the
multiprocessing children that import it.
"""

__all__ = ["PickleError", "PicklingError", "UnpicklingError", "Pickler", "Unpickler",
           "dump", "dumps", "load", "loads", "HIGHEST_PROTOCOL", "DEFAULT_PROTOCOL"]

HIGHEST_PROTOCOL = 5
DEFAULT_PROTOCOL = 4

try:
    from _pickle import (PickleError, PicklingError, UnpicklingError, Pickler, Unpickler,
                         dump, dumps, load, loads)
except ImportError:
    from _pypickle import (PickleError, PicklingError, UnpicklingError,
                           _Pickler as Pickler, _Unpickler as Unpickler,
                           _dump as dump, _dumps as dumps, _load as load, _loads as loads)


def __getattr__(name):
    """The pure-Python names (_Pickler, _dumps, MARK, encode_long...), loaded when first asked for."""
    if name.startswith('__'):
        raise AttributeError("module 'pickle' has no attribute %r" % name)
    import _pypickle
    try:
        value = getattr(_pypickle, name)
    except AttributeError:
        raise AttributeError("module 'pickle' has no attribute %r" % name) from None
    globals()[name] = value
    return value
