"""signal: handlers for asynchronous events, for MiniPy.

The work is done in C by _signal (Sources/MiniVM/Modules/signalmodule.c): a handler set here runs
in the main thread between bytecodes, soon after the signal arrives, as in CPython. This module
gives the numbers their enum types: Signals (SIGINT, SIGTERM, ...), Handlers (SIG_DFL, SIG_IGN)
and Sigmasks, and converts what signal() and getsignal() return. Handlers are called as
handler(signum, frame) with frame None: MiniPy has no frame objects."""

import _signal
from _signal import *
from enum import IntEnum as _IntEnum

_globals = globals()

Signals = _IntEnum('Signals', [(name, value) for name, value in vars(_signal).items()
                               if name.isupper() and name.startswith('SIG') and not name.startswith('SIG_')],
                   module=__name__)
Handlers = _IntEnum('Handlers', [('SIG_DFL', _signal.SIG_DFL), ('SIG_IGN', _signal.SIG_IGN)], module=__name__)
Sigmasks = _IntEnum('Sigmasks', [('SIG_BLOCK', _signal.SIG_BLOCK), ('SIG_UNBLOCK', _signal.SIG_UNBLOCK),
                                 ('SIG_SETMASK', _signal.SIG_SETMASK)], module=__name__)
for _enum in (Signals, Handlers, Sigmasks):
    for _name, _member in _enum.__members__.items():
        _globals[_name] = _member
del _enum, _name, _member


def _int_to_enum(value, enum_klass):
    """The enum member for an int (unchanged when it is not one, or not an int)."""
    if not isinstance(value, int):
        return value
    try:
        return enum_klass(value)
    except ValueError:
        return value


def _enum_to_int(value):
    try:
        return int(value)
    except (ValueError, TypeError):
        return value


def signal(signalnum, handler):
    """Set the handler of a signal; returns the previous one."""
    handler = _signal.signal(_enum_to_int(signalnum), _enum_to_int(handler))
    return _int_to_enum(handler, Handlers)


def getsignal(signalnum):
    """The current handler of a signal: SIG_DFL, SIG_IGN, None or a callable."""
    handler = _signal.getsignal(signalnum)
    return _int_to_enum(handler, Handlers)


def valid_signals():
    """The set of valid signal numbers on this platform."""
    return {_int_to_enum(x, Signals) for x in _signal.valid_signals()}


def raise_signal(signalnum):
    _signal.raise_signal(_enum_to_int(signalnum))


def strsignal(signalnum):
    return _signal.strsignal(_enum_to_int(signalnum))
