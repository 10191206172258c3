"""traceback: print and format exceptions and their tracebacks (written for MiniPy).

format_exception / print_exception / format_exc / print_exc give exactly what the
interpreter prints for an uncaught exception (the chain of causes and contexts, the caret lines),
since they use the same C code (the _traceback module). extract_tb / extract_stack give
StackSummary lists of FrameSummary entries (filename, lineno, name, line); format_list,
format_tb, print_tb, format_exception_only and TracebackException cover the rest.
MiniPy keeps code objects, not frames, in tracebacks: there are no frame objects (tb_frame,
walk_tb's frames) and extract_stack / print_stack describe nothing.
"""

import sys
import _traceback

__all__ = ['extract_stack', 'extract_tb', 'format_exception', 'format_exception_only',
           'format_list', 'format_stack', 'format_tb', 'print_exc', 'format_exc',
           'print_exception', 'print_last', 'print_stack', 'print_tb', 'clear_frames',
           'FrameSummary', 'StackSummary', 'TracebackException', 'walk_stack', 'walk_tb']

_sentinel = object()


def _exception_of(exc, value, tb):
    # The 3.10+ calling conventions: (exc) or the legacy (type, value, tb).
    if value is _sentinel:
        return exc
    if value is None and isinstance(exc, type):
        return exc()
    return value


def _write(text, file):
    if file is None:
        file = sys.stderr
    file.write(text)


class FrameSummary:
    """One entry of a traceback: filename, lineno, name and the source line."""
    __slots__ = ('filename', 'lineno', 'name', '_line', 'locals', 'end_lineno', 'colno', 'end_colno')

    def __init__(self, filename, lineno, name, *, lookup_line=True, locals=None, line=None,
                 end_lineno=None, colno=None, end_colno=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self.locals = locals
        self.end_lineno = end_lineno
        self.colno = colno
        self.end_colno = end_colno

    @property
    def line(self):
        return self._line.strip() if self._line else self._line

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename == other.filename and self.lineno == other.lineno and
                    self.name == other.name and self.locals == other.locals)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __len__(self):
        return 4

    def __repr__(self):
        return '<FrameSummary file {filename}, line {lineno} in {name}>'.format(
            filename=self.filename, lineno=self.lineno, name=self.name)


class StackSummary(list):
    """A list of FrameSummary objects."""

    @classmethod
    def from_list(cls, a_list):
        result = StackSummary()
        for frame in a_list:
            if isinstance(frame, FrameSummary):
                result.append(frame)
            else:
                filename, lineno, name, line = frame
                result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    def format(self):
        """The entries as '  File "f", line n, in name\\n    source\\n' strings."""
        result = []
        last = None
        count = 0
        for fs in self:
            key = (fs.filename, fs.lineno, fs.name)
            if key != last:
                if count > 3:
                    n = count - 3
                    result.append('  [Previous line repeated %d more time%s]\n' % (n, 's' if n > 1 else ''))
                last = key
                count = 0
            count += 1
            if count > 3:
                continue
            row = '  File "%s", line %s, in %s\n' % (fs.filename, fs.lineno, fs.name)
            if fs.line:
                row += '    %s\n' % fs.line
            result.append(row)
        if count > 3:
            n = count - 3
            result.append('  [Previous line repeated %d more time%s]\n' % (n, 's' if n > 1 else ''))
        return result


def extract_tb(tb, limit=None):
    """StackSummary of the entries of traceback tb (outermost first)."""
    entries = _traceback.extract_tb(tb)
    if limit is not None:
        entries = entries[:limit] if limit >= 0 else entries[limit:]
    return StackSummary.from_list(entries)


def extract_stack(f=None, limit=None):
    """MiniPy has no frame objects: an empty StackSummary."""
    return StackSummary()


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def print_list(extracted_list, file=None):
    for item in format_list(extracted_list):
        _write(item, file)


def format_tb(tb, limit=None):
    """The entries of a traceback, as strings."""
    if limit is None:
        text = _traceback.format_tb(tb)
        return _split_entries(text)
    return extract_tb(tb, limit).format()


def _split_entries(text):
    # One string per '  File ...' entry (with its source and caret lines).
    entries = []
    for line in text.splitlines(True):
        if line.startswith('  File ') or line.startswith('  [Previous line') or not entries:
            entries.append(line)
        else:
            entries[-1] += line
    return entries


def print_tb(tb, limit=None, file=None):
    for item in format_tb(tb, limit):
        _write(item, file)


def format_exception_only(exc, /, value=_sentinel):
    """The last line(s) of the report: ['Type: message\\n']."""
    exc = _exception_of(exc, value, None)
    if exc is None:
        return ['NoneType: None\n']
    return [_traceback.format_exception_only(exc)]


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    """The lines of the report the interpreter prints for exc."""
    exc = _exception_of(exc, value, tb)
    if exc is None:
        return ['NoneType: None\n']
    if limit is not None:
        lines = []
        if exc.__traceback__ is not None:
            lines.append('Traceback (most recent call last):\n')
            lines.extend(format_tb(exc.__traceback__, limit))
        lines.extend(format_exception_only(exc))
        return lines
    text = _traceback.format_exception(exc, bool(chain))
    return text.splitlines(True)


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    """Print the report for exc to file (default sys.stderr)."""
    for line in format_exception(exc, value, tb, limit=limit, chain=chain):
        _write(line, file)


def format_exc(limit=None, chain=True):
    """The report for the exception being handled, as one string."""
    exc = _traceback.handled()
    return ''.join(format_exception(exc, limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    """Print the report for the exception being handled (in an except block)."""
    exc = _traceback.handled()
    print_exception(exc, limit=limit, file=file, chain=chain)


def print_last(limit=None, file=None, chain=True):
    exc = getattr(sys, 'last_value', None)
    if exc is None:
        raise ValueError('no last exception')
    print_exception(exc, limit=limit, file=file, chain=chain)


def format_stack(f=None, limit=None):
    return format_list(extract_stack(f, limit))


def print_stack(f=None, limit=None, file=None):
    print_list(extract_stack(f, limit), file)


def walk_stack(f):
    return iter(())


def walk_tb(tb):
    """(None, lineno) for each entry: MiniPy tracebacks carry no frames."""
    while tb is not None:
        yield None, tb.tb_lineno
        tb = tb.tb_next


def clear_frames(tb):
    pass


class TracebackException:
    """An exception captured for later formatting: exc_type, stack, the chain."""

    def __init__(self, exc_type, exc_value, exc_traceback, *, limit=None, lookup_lines=True,
                 capture_locals=False, compact=False, max_group_width=15, max_group_depth=10,
                 _seen=None):
        self._exc = exc_value
        self.exc_type = exc_type
        self._str = str(exc_value) if exc_value is not None else ''
        self.stack = extract_tb(exc_traceback, limit) if exc_traceback is not None else StackSummary()
        self._limit = limit
        cause = getattr(exc_value, '__cause__', None)
        context = getattr(exc_value, '__context__', None)
        self.__cause__ = (TracebackException(type(cause), cause, cause.__traceback__, limit=limit)
                          if cause is not None else None)
        self.__context__ = (TracebackException(type(context), context, context.__traceback__, limit=limit)
                            if context is not None and cause is None else None)
        self.__suppress_context__ = getattr(exc_value, '__suppress_context__', False)
        self.__notes__ = getattr(exc_value, '__notes__', None)

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        return cls(type(exc), exc, exc.__traceback__, *args, **kwargs)

    def __eq__(self, other):
        if isinstance(other, TracebackException):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __str__(self):
        return self._str

    def format_exception_only(self):
        if self._exc is None:
            yield 'NoneType: None\n'
            return
        yield _traceback.format_exception_only(self._exc)

    def format(self, *, chain=True):
        if self._exc is None:
            yield 'NoneType: None\n'
            return
        for line in format_exception(self._exc, limit=self._limit, chain=chain):
            yield line

    def print(self, *, file=None, chain=True):
        for line in self.format(chain=chain):
            _write(line, file)
