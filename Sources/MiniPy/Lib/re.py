"""re: regular expressions, with CPython 3.11's API and behaviour, written for MiniPy.

The engine is C (the `_re` module: Sources/MiniVM/Modules/re_*.c): it parses a pattern, compiles
it to a program and runs a backtracking matcher that never recurses on the C stack; the Match
objects and the loops of finditer and sub/subn are C too (re_match.c, re_sub.c). This file is
the API around it: the flags, the compile cache, re.error with its position/line/column, the
Pattern object, the parsing of sub templates, and findall and split over the engine's scan,
with CPython 3.7+'s rules for empty matches (the engine's scan forbids an empty match where the
previous match ended empty).
"""

import _re

__all__ = [
    "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "compile",
    "purge", "escape", "error", "Pattern", "Match", "A", "I", "L", "M", "S", "X", "U",
    "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE", "UNICODE", "NOFLAG",
    "RegexFlag",
]

_MAXSIZE = 9223372036854775807

# ----- flags ------------------------------------------------------------------------------------

_FLAG_NAMES = [(1, "TEMPLATE"), (2, "IGNORECASE"), (4, "LOCALE"), (8, "MULTILINE"), (16, "DOTALL"),
               (32, "UNICODE"), (64, "VERBOSE"), (128, "DEBUG"), (256, "ASCII")]


def _flag_text(value):
    if value == 0:
        return "re.NOFLAG"
    parts = []
    rest = value
    for bit, name in _FLAG_NAMES:
        if value & bit:
            parts.append("re." + name)
            rest &= ~bit
    if rest:
        parts.append(hex(rest))
    return "|".join(parts)


class RegexFlag(int):
    """The flags of re (an int with CPython's names)."""

    def __repr__(self):
        return _flag_text(int(self))

    __str__ = __repr__

    def __or__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) | int(other))
        return NotImplemented

    __ror__ = __or__

    def __and__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) & int(other))
        return NotImplemented

    __rand__ = __and__

    def __xor__(self, other):
        if isinstance(other, int):
            return RegexFlag(int(self) ^ int(other))
        return NotImplemented

    __rxor__ = __xor__

    def __invert__(self):
        return RegexFlag(~int(self) & 511)


NOFLAG = RegexFlag(0)
TEMPLATE = T = RegexFlag(1)
IGNORECASE = I = RegexFlag(2)
LOCALE = L = RegexFlag(4)
MULTILINE = M = RegexFlag(8)
DOTALL = S = RegexFlag(16)
UNICODE = U = RegexFlag(32)
VERBOSE = X = RegexFlag(64)
DEBUG = RegexFlag(128)
ASCII = A = RegexFlag(256)

# ----- errors -----------------------------------------------------------------------------------


class error(Exception):
    """A regular expression that cannot be compiled (or a bad replacement template).

    msg: the message without position; pattern: the pattern; pos: the index in the pattern where
    compilation failed; lineno, colno: that position as line and column (1-based)."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = "%s at position %d" % (msg, pos)
            newline = "\n" if isinstance(pattern, str) else b"\n"
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


error.__module__ = "re"
PatternError = error

# ----- compiling --------------------------------------------------------------------------------

_cache = {}
_MAXCACHE = 512


def _check_flags(pattern, flags):
    if isinstance(pattern, str):
        if flags & LOCALE:
            raise ValueError("cannot use LOCALE flag with a str pattern")
        if not flags & ASCII:
            flags |= UNICODE
        elif flags & UNICODE:
            raise ValueError("ASCII and UNICODE flags are incompatible")
    else:
        if flags & UNICODE:
            raise ValueError("cannot use UNICODE flag with a bytes pattern")
        if flags & LOCALE and flags & ASCII:
            raise ValueError("ASCII and LOCALE flags are incompatible")
    return flags


def _compile(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = int(flags)
    key = (type(pattern), pattern, flags)
    try:
        return _cache[key]
    except KeyError:
        pass
    except TypeError:
        key = None
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    if not isinstance(pattern, (str, bytes)):
        raise TypeError("first argument must be string or compiled pattern")
    _check_flags(pattern, flags)
    program = _re.compile(pattern, flags)
    if type(program) is tuple:
        if program[0] == "the repetition number is too large":
            raise OverflowError(program[0])
        raise error(program[0], pattern, program[1])
    p = Pattern(pattern, _check_flags(pattern, program.flags), program)
    if key is not None:
        if len(_cache) >= _MAXCACHE:
            try:
                del _cache[next(iter(_cache))]
            except (StopIteration, RuntimeError, KeyError):
                pass
        _cache[key] = p
    return p


def compile(pattern, flags=0):
    "Compile a regular expression pattern, returning a Pattern object."
    return _compile(pattern, flags)


def purge():
    "Clear the regular expression caches."
    _cache.clear()
    _template_cache.clear()


def match(pattern, string, flags=0):
    "Try to apply the pattern at the start of the string, returning a Match object, or None."
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    "Try to apply the pattern to all of the string, returning a Match object, or None."
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    "Scan through string looking for a match to the pattern, returning a Match object, or None."
    return _compile(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    "Return the string obtained by replacing the leftmost non-overlapping occurrences of pattern."
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    "Return a 2-tuple (new_string, number_of_subs_made)."
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    "Split the source string by the occurrences of the pattern, returning a list."
    return _compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    "Return a list of all non-overlapping matches in the string."
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    "Return an iterator over all non-overlapping matches in the string (Match objects)."
    return _compile(pattern, flags).finditer(string)


_SPECIAL = frozenset("()[]{}?*+-|^$\\.&~# \t\n\r\v\f")


def escape(pattern):
    "Escape special characters in a string (or bytes)."
    if isinstance(pattern, str):
        return "".join(["\\" + c if c in _SPECIAL else c for c in pattern])
    pattern = str(pattern, "latin1")
    return escape(pattern).encode("latin1")


# ----- templates (sub, subn, Match.expand) ------------------------------------------------------

_template_cache = {}
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
_OCT = "01234567"
_DIGITS = "0123456789"


def _parse_template(template, pattern):
    """template as a list of literal strings and group numbers (ints)."""
    key = (type(template), template, pattern.pattern, pattern.flags)
    cached = _template_cache.get(key)
    if cached is not None:
        return cached
    is_bytes = not isinstance(template, str)
    text = str(template, "latin1") if is_bytes else template
    groups = pattern.groups
    groupindex = pattern.groupindex
    items = []
    literal = []
    i = 0
    n = len(text)

    def fail(msg, pos):
        raise error(msg, template, pos)

    while i < n:
        c = text[i]
        if c != "\\":
            literal.append(c)
            i += 1
            continue
        start = i
        i += 1
        if i >= n:
            fail("bad escape (end of pattern)", start)
        c = text[i]
        i += 1
        if c == "g":
            if i >= n or text[i] != "<":
                fail("missing <", i)
            close = text.find(">", i + 1)
            if close < 0:
                fail("missing >, unterminated name", i + 1)
            name = text[i + 1:close]
            if not name:
                fail("missing group name", i + 1)
            if name.isdigit() and name.isascii():
                index = int(name)
                if index > groups:
                    fail("invalid group reference %d" % index, i + 1)
            elif name.isidentifier():
                index = groupindex.get(name)
                if index is None:
                    raise IndexError("unknown group name '%s'" % name)
            else:
                fail("bad character in group name '%s'" % name, i + 1)
            i = close + 1
            if literal:
                items.append("".join(literal))
                literal = []
            items.append(index)
        elif c == "0":
            j = i
            while j < n and j < i + 2 and text[j] in _OCT:
                j += 1
            literal.append(chr(int(text[i - 1:j], 8)))
            i = j
        elif c in _DIGITS:
            j = i
            octal = False
            if j < n and text[j] in _DIGITS:
                if c in _OCT and text[j] in _OCT and j + 1 < n and text[j + 1] in _OCT:
                    value = int(text[i - 1:j + 2], 8)
                    if value > 0o377:
                        fail("octal escape value %s outside of range 0-0o377" % text[start:j + 2], start)
                    literal.append(chr(value))
                    i = j + 2
                    octal = True
                else:
                    j += 1
            if not octal:
                index = int(text[i - 1:j])
                if index > groups:
                    fail("invalid group reference %d" % index, start + 1)
                i = j
                if literal:
                    items.append("".join(literal))
                    literal = []
                items.append(index)
        elif c in _ESCAPES:
            literal.append(_ESCAPES[c])
        elif ("a" <= c <= "z") or ("A" <= c <= "Z"):
            fail("bad escape \\" + c, start)
        else:
            literal.append("\\" + c)
    if literal:
        items.append("".join(literal))
    if is_bytes:
        items = [x.encode("latin1") if isinstance(x, str) else x for x in items]
    if len(_template_cache) >= _MAXCACHE:
        _template_cache.clear()
    _template_cache[key] = items
    return items


# ----- Pattern ----------------------------------------------------------------------------------


class _Alias:
    """Pattern[str], Match[bytes]: what subscripting the classes gives (for annotations)."""

    def __init__(self, origin, arg):
        self.__origin__ = origin
        self.__args__ = (arg,)

    def __repr__(self):
        arg = self.__args__[0]
        text = arg.__name__ if isinstance(arg, type) else repr(arg)
        return "re.%s[%s]" % (self.__origin__.__name__, text)

    def __eq__(self, other):
        return isinstance(other, _Alias) and (self.__origin__, self.__args__) == (other.__origin__, other.__args__)

    def __hash__(self):
        return hash((self.__origin__, self.__args__))



class Pattern:
    """A compiled regular expression (re.compile's result)."""

    __slots__ = ("pattern", "flags", "groups", "groupindex", "_program", "__weakref__")

    def __init__(self, pattern, flags, program):
        self.pattern = pattern
        self.flags = flags
        self._program = program
        self.groups = program.groups
        self.groupindex = program.groupindex

    def __class_getitem__(cls, item):
        return _Alias(cls, item)

    def __repr__(self):
        flags = self.flags
        if isinstance(self.pattern, str) and flags & (LOCALE | UNICODE | ASCII) == UNICODE:
            flags &= ~UNICODE
        text = repr(self.pattern)[:200]
        if flags:
            return "re.compile(%s, %s)" % (text, _flag_text(flags))
        return "re.compile(%s)" % text

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __ne__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return not (self.pattern == other.pattern and self.flags == other.flags)

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def match(self, string, pos=0, endpos=_MAXSIZE):
        "Matches zero or more characters at the beginning of the string."
        return self._program.match(self, string, pos, endpos, 0)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        "Matches against all of the string."
        return self._program.match(self, string, pos, endpos, 1)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        "Scan through string looking for a match, and return a corresponding Match, or None."
        return self._program.match(self, string, pos, endpos, 2)

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        "Return an iterator over all non-overlapping matches for the pattern in string."
        return self._program.finditer(self, string, pos, endpos)

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        "Return a list of all non-overlapping matches of pattern in string."
        return self._program.findall(string, pos, endpos)

    def subn(self, repl, string, count=0):
        "Return the tuple (new_string, number_of_subs_made)."
        is_str = isinstance(string, str)
        if callable(repl):
            items = None
        else:
            if is_str != isinstance(repl, str):
                if is_str:
                    raise TypeError("expected str instance, %s found" % type(repl).__name__)
                raise TypeError("expected a bytes-like object, %s found" % type(repl).__name__)
            if (repl.find("\\") if is_str else repl.find(b"\\")) < 0:
                items = [repl]
            else:
                items = _parse_template(repl, self)
        return self._program.subn(self, repl, string, count, items)

    def sub(self, repl, string, count=0):
        "Return the string obtained by replacing the leftmost non-overlapping occurrences."
        return self.subn(repl, string, count)[0]

    def split(self, string, maxsplit=0):
        "Split string by the occurrences of pattern."
        out = []
        last = 0
        n = 0
        groups = self.groups
        if maxsplit < 0:
            return [string[:]]
        for r in self._program.scan(string, 0, _MAXSIZE):
            if maxsplit and n >= maxsplit:
                break
            out.append(string[last:r[1]])
            for k in range(3, 2 * groups + 3, 2):
                out.append(string[r[k]:r[k + 1]] if r[k] >= 0 else None)
            last = r[2]
            n += 1
        out.append(string[last:])
        if type(string) is not str and type(string) is not bytes:
            out = [x if x is None else bytes(x) for x in out]
        return out


# ----- Match ------------------------------------------------------------------------------------

# The result of a successful match: a C type (Sources/MiniVM/Modules/re_match.c).
Match = _re.Match


Pattern.__module__ = "re"
