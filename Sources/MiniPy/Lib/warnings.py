"""warnings: issue warning messages and filter them (written for MiniPy).

warn / warn_explicit, the filters (simplefilter, filterwarnings, resetwarnings with the actions
"default", "error", "ignore", "always", "module", "once"), catch_warnings(record=True),
showwarning / formatwarning. A warning is printed to sys.stderr as CPython does:
"FILE:LINE: Category: message". MiniPy has no frame objects, so the location a warning is
attributed to is "<unknown>" line 0 unless warn_explicit names one, and the "default" action
shows each distinct message once per run.
"""

import sys

__all__ = ['warn', 'warn_explicit', 'showwarning', 'formatwarning', 'filterwarnings',
           'simplefilter', 'resetwarnings', 'catch_warnings']

filters = []
defaultaction = 'default'
onceregistry = {}
_shown = set()

_ACTIONS = ('error', 'ignore', 'always', 'default', 'module', 'once')


class WarningMessage:
    """What catch_warnings(record=True) collects for each warning."""
    _WARNING_DETAILS = ('message', 'category', 'filename', 'lineno', 'file', 'line', 'source')

    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ('{message : %r, category : %r, filename : %r, lineno : %s, line : %r}'
                % (self.message, self._category_name, self.filename, self.lineno, self.line))


def formatwarning(message, category, filename, lineno, line=None):
    """'FILE:LINE: Category: message\\n' (plus the source line when known)."""
    s = '%s:%s: %s: %s\n' % (filename, lineno, category.__name__, message)
    if line:
        s += '  %s\n' % line.strip()
    return s


def _showwarning_default(message, category, filename, lineno, file=None, line=None):
    if file is None:
        file = sys.stderr
        if file is None:
            return
    try:
        file.write(formatwarning(message, category, filename, lineno, line))
    except OSError:
        pass


showwarning = _showwarning_default


def _add_filter(item, append):
    if not append:
        try:
            filters.remove(item)
        except ValueError:
            pass
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)


def filterwarnings(action, message='', category=Warning, module='', lineno=0, append=False):
    """Insert a filter: action for warnings whose text starts with message (case-insensitive),
    of category (or a subclass), from module, at lineno (0: any)."""
    if action not in _ACTIONS:
        raise AssertionError('invalid action: %r' % (action,))
    if not isinstance(message, str):
        raise TypeError('message must be a string')
    if not isinstance(category, type) or not issubclass(category, Warning):
        raise TypeError('category must be a Warning subclass')
    if not isinstance(lineno, int) or lineno < 0:
        raise ValueError('lineno must be an int >= 0')
    _add_filter((action, message.lower() if message else None, category, module or None, lineno), append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    """Insert a filter for every warning of category."""
    if action not in _ACTIONS:
        raise AssertionError('invalid action: %r' % (action,))
    if not isinstance(lineno, int) or lineno < 0:
        raise ValueError('lineno must be an int >= 0')
    _add_filter((action, None, category, None, lineno), append)


def resetwarnings():
    """Remove every filter."""
    filters[:] = []


def _action_for(text, category, module, lineno):
    for action, msg, cat, mod, ln in filters:
        if ((msg is None or text.lower().startswith(msg)) and issubclass(category, cat) and
                (mod is None or mod == module) and (ln == 0 or ln == lineno)):
            return action
    if issubclass(category, (DeprecationWarning, PendingDeprecationWarning, ImportWarning,
                             ResourceWarning)) and module != '__main__':
        return 'ignore'
    return defaultaction


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    """Issue a warning attributed to filename:lineno."""
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = str(message)
        if category is None:
            category = UserWarning
        message = category(message)
    if module is None:
        module = filename or '<unknown>'
        if module.endswith('.py'):
            module = module[:-3]
    action = _action_for(text, category, module, lineno)
    if action == 'error':
        raise message
    if action == 'ignore':
        return
    if action == 'once':
        key = (text, category)
        if key in onceregistry:
            return
        onceregistry[key] = 1
    elif action in ('default', 'module'):
        key = (text, category, lineno if action == 'default' else 0, module)
        if key in _shown:
            return
        _shown.add(key)
    _show(message, category, filename, lineno, source)


def _show(message, category, filename, lineno, source):
    if showwarning is not _showwarning_default:
        showwarning(message, category, filename, lineno)
    else:
        _showwarning_default(message, category, filename, lineno)


def warn(message, category=None, stacklevel=1, source=None, *, skip_file_prefixes=()):
    """Issue a warning (UserWarning unless category, or message's class, says otherwise)."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'" % type(category).__name__)
    main = sys.modules.get('__main__')
    filename = getattr(main, '__file__', None) or 'sys'
    warn_explicit(message, category, filename, 1 if filename != 'sys' else 1, module='__main__',
                  source=source)


class catch_warnings:
    """with catch_warnings(record=False): filters and showwarning are restored on exit; with
    record=True, the warnings are collected into the list __enter__ returns."""

    def __init__(self, *, record=False, module=None, action=None, category=Warning, lineno=0,
                 append=False):
        self._record = record
        self._module = sys.modules[__name__] if module is None else module
        self._entered = False
        self._filter = (action, category, lineno, append) if action is not None else None

    def __repr__(self):
        args = []
        if self._record:
            args.append('record=True')
        return '%s(%s)' % (type(self).__name__, ', '.join(args))

    def __enter__(self):
        if self._entered:
            raise RuntimeError('Cannot enter %r twice' % self)
        self._entered = True
        m = self._module
        self._filters = m.filters
        m.filters = self._filters[:]
        self._showwarning = m.showwarning
        self._shown = set(_shown)
        _shown.clear()
        if self._filter is not None:
            simplefilter(*self._filter)
        if self._record:
            log = []

            def record(message, category, filename, lineno, file=None, line=None):
                log.append(WarningMessage(message, category, filename, lineno, file, line))
            m.showwarning = record
            return log
        return None

    def __exit__(self, *exc_info):
        if not self._entered:
            raise RuntimeError('Cannot exit %r without entering first' % self)
        m = self._module
        m.filters = self._filters
        m.showwarning = self._showwarning
        _shown.clear()
        _shown.update(self._shown)


