"""json.decoder: JSONDecoder and JSONDecodeError (written for MiniPy): a recursive-descent
parser over the str with CPython's error messages and positions. When the C scanner `_json`
(Modules/jsonmodule.c) is present, decode and raw_decode run there; the parser below is the
reference and the fallback, as CPython's json.scanner is for its _json."""

try:
    from _json import scan as _c_scan
except ImportError:
    _c_scan = None

__all__ = ['JSONDecoder', 'JSONDecodeError']


class JSONDecodeError(ValueError):
    """Subclass of ValueError with msg, doc, pos, lineno and colno."""

    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        errmsg = '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos)
        super().__init__(errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


_CONSTANTS = {'-Infinity': float('-inf'), 'Infinity': float('inf'), 'NaN': float('nan')}
_ESCAPES = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
_WS = ' \t\n\r'
_HEX = '0123456789abcdefABCDEF'


class _Parser:
    def __init__(self, decoder, s):
        self.s = s
        self.n = len(s)
        self.object_hook = decoder.object_hook
        self.object_pairs_hook = decoder.object_pairs_hook
        self.parse_float = decoder.parse_float
        self.parse_int = decoder.parse_int
        self.parse_constant = decoder.parse_constant
        self.strict = decoder.strict
        self.memo = {}

    def skip_ws(self, i):
        s = self.s
        n = self.n
        while i < n and s[i] in _WS:
            i += 1
        return i

    def value(self, i):
        s = self.s
        if i >= self.n:
            raise JSONDecodeError('Expecting value', s, i)
        ch = s[i]
        if ch == '"':
            return self.string(i + 1)
        if ch == '{':
            return self.object(i + 1)
        if ch == '[':
            return self.array(i + 1)
        if ch == 'n' and s.startswith('null', i):
            return None, i + 4
        if ch == 't' and s.startswith('true', i):
            return True, i + 4
        if ch == 'f' and s.startswith('false', i):
            return False, i + 5
        if ch == 'N' and s.startswith('NaN', i):
            return self.parse_constant('NaN'), i + 3
        if ch == 'I' and s.startswith('Infinity', i):
            return self.parse_constant('Infinity'), i + 8
        if ch == '-' and s.startswith('-Infinity', i):
            return self.parse_constant('-Infinity'), i + 9
        if ch == '-' or '0' <= ch <= '9':
            return self.number(i)
        raise JSONDecodeError('Expecting value', s, i)

    def number(self, start):
        s = self.s
        n = self.n
        i = start
        if s[i] == '-':
            i += 1
        if i >= n or not '0' <= s[i] <= '9':
            raise JSONDecodeError('Expecting value', s, start)
        if s[i] == '0':
            i += 1
        else:
            while i < n and '0' <= s[i] <= '9':
                i += 1
        is_float = False
        if i + 1 < n and s[i] == '.' and '0' <= s[i + 1] <= '9':
            is_float = True
            i += 2
            while i < n and '0' <= s[i] <= '9':
                i += 1
        if i < n and s[i] in 'eE':
            j = i + 1
            if j < n and s[j] in '+-':
                j += 1
            if j < n and '0' <= s[j] <= '9':
                is_float = True
                i = j
                while i < n and '0' <= s[i] <= '9':
                    i += 1
        text = s[start:i]
        if is_float:
            return self.parse_float(text), i
        return self.parse_int(text), i

    def string(self, i):
        s = self.s
        n = self.n
        begin = i - 1
        chunks = []
        while True:
            j = i
            while j < n and s[j] != '"' and s[j] != '\\':
                if s[j] < ' ' and self.strict:
                    raise JSONDecodeError('Invalid control character at', s, j)
                j += 1
            chunks.append(s[i:j])
            if j >= n:
                raise JSONDecodeError('Unterminated string starting at', s, begin)
            if s[j] == '"':
                return ''.join(chunks), j + 1
            # a backslash escape
            if j + 1 >= n:
                raise JSONDecodeError('Unterminated string starting at', s, begin)
            esc = s[j + 1]
            if esc != 'u':
                if esc not in _ESCAPES:
                    raise JSONDecodeError('Invalid \\escape', s, j)
                chunks.append(_ESCAPES[esc])
                i = j + 2
                continue
            code = self.hex4(j + 2, j)
            i = j + 6
            if 0xd800 <= code <= 0xdbff and s.startswith('\\u', i):
                low = self.hex4(i + 2, i)
                if 0xdc00 <= low <= 0xdfff:
                    code = 0x10000 + (((code - 0xd800) << 10) | (low - 0xdc00))
                    i += 6
            chunks.append(chr(code))

    def hex4(self, i, esc_pos):
        s = self.s
        digits = s[i:i + 4]
        if len(digits) != 4 or not all(c in _HEX for c in digits) :
            raise JSONDecodeError('Invalid \\uXXXX escape', s, esc_pos + 1)
        return int(digits, 16)

    def object(self, i):
        s = self.s
        pairs = []
        i = self.skip_ws(i)
        if i < self.n and s[i] == '}':
            return self.finish_object(pairs), i + 1
        while True:
            if i >= self.n or s[i] != '"':
                raise JSONDecodeError('Expecting property name enclosed in double quotes', s, i)
            key, i = self.string(i + 1)
            key = self.memo.setdefault(key, key)
            i = self.skip_ws(i)
            if i >= self.n or s[i] != ':':
                raise JSONDecodeError("Expecting ':' delimiter", s, i)
            i = self.skip_ws(i + 1)
            value, i = self.value(i)
            pairs.append((key, value))
            i = self.skip_ws(i)
            if i < self.n and s[i] == '}':
                return self.finish_object(pairs), i + 1
            if i >= self.n or s[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = self.skip_ws(i + 1)

    def finish_object(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        d = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(d)
        return d

    def array(self, i):
        s = self.s
        values = []
        i = self.skip_ws(i)
        if i < self.n and s[i] == ']':
            return values, i + 1
        while True:
            value, i = self.value(i)
            values.append(value)
            i = self.skip_ws(i)
            if i < self.n and s[i] == ']':
                return values, i + 1
            if i >= self.n or s[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = self.skip_ws(i + 1)


class JSONDecoder:
    """JSON -> Python: object -> dict, array -> list, string -> str, number -> int or float,
    true/false/null -> True/False/None, NaN/Infinity/-Infinity -> float."""

    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook
        # The C scanner's context (hooks as given; None: built in), fixed at construction as
        # CPython's make_scanner fixes it.
        self._c_ctx = (strict, object_hook, object_pairs_hook, parse_float, parse_int,
                       parse_constant, JSONDecodeError) if _c_scan is not None else None

    def decode(self, s):
        """The Python value of the JSON document s; JSONDecodeError for bad JSON or extra data."""
        if self._c_ctx is not None and type(s) is str:
            return _c_scan(s, 0, True, self._c_ctx)
        p = _Parser(self, s)
        i = p.skip_ws(0)
        obj, end = p.value(i)
        end = p.skip_ws(end)
        if end != len(s):
            raise JSONDecodeError('Extra data', s, end)
        return obj

    def raw_decode(self, s, idx=0):
        """(value, index where it ended) for the JSON document at the start of s[idx:]."""
        if self._c_ctx is not None and type(s) is str:
            return _c_scan(s, idx, False, self._c_ctx)
        p = _Parser(self, s)
        try:
            return p.value(idx)
        except StopIteration as err:
            raise JSONDecodeError('Expecting value', s, err.value) from None
