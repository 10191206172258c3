"""json.encoder: JSONEncoder (written for MiniPy): Python values to JSON text, with the options
json.dumps takes. Without indentation, encode() runs in the C encoder `_json`
(Modules/jsonmodule.c) when it is present; the code below is the reference, the fallback, and
what writes indented output."""

try:
    from _json import encode as _c_encode
except ImportError:
    _c_encode = None

__all__ = ['JSONEncoder']

_ESCAPE_DCT = {'\\': '\\\\', '"': '\\"', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r',
               '\t': '\\t'}
INFINITY = float('inf')


def _escape_char(ch, ensure_ascii):
    if ch in _ESCAPE_DCT:
        return _ESCAPE_DCT[ch]
    n = ord(ch)
    if n < 0x20:
        return '\\u%04x' % n
    if ensure_ascii and n > 0x7e:
        if n < 0x10000:
            return '\\u%04x' % n
        n -= 0x10000
        return '\\u%04x\\u%04x' % (0xd800 | ((n >> 10) & 0x3ff), 0xdc00 | (n & 0x3ff))
    return ch


def _needs_escape(s, ensure_ascii):
    for ch in s:
        if ch == '"' or ch == '\\' or ch < ' ' or (ensure_ascii and ch > '~'):
            return True
    return False


def encode_basestring(s):
    """The JSON string literal for s (non-ASCII kept)."""
    if not _needs_escape(s, False):
        return '"' + s + '"'
    return '"' + ''.join([_escape_char(c, False) for c in s]) + '"'


def encode_basestring_ascii(s):
    """The JSON string literal for s, ASCII only (\\uXXXX escapes)."""
    if not _needs_escape(s, True):
        return '"' + s + '"'
    return '"' + ''.join([_escape_char(c, True) for c in s]) + '"'


class JSONEncoder:
    """Python -> JSON: dict -> object, list/tuple -> array, str -> string, int/float -> number,
    True/False/None -> true/false/null; anything else goes through default()."""
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
                 sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        """Override to return a serializable object for o (or raise TypeError)."""
        raise TypeError('Object of type %s is not JSON serializable' % type(o).__name__)

    def encode(self, o):
        """The JSON text for o."""
        if isinstance(o, str):
            return encode_basestring_ascii(o) if self.ensure_ascii else encode_basestring(o)
        if _c_encode is not None and self.indent is None:
            return _c_encode(o, self.check_circular, self.allow_nan, self.sort_keys, self.skipkeys,
                             self.ensure_ascii, self.key_separator, self.item_separator, self.default)
        return ''.join(self.iterencode(o))

    def iterencode(self, o, _one_shot=False):
        """The JSON text for o, in chunks."""
        chunks = []
        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        markers = {} if self.check_circular else None
        self._encode(o, chunks, markers, indent, 0)
        return chunks

    def _float(self, o):
        if o != o:
            text = 'NaN'
        elif o == INFINITY:
            text = 'Infinity'
        elif o == -INFINITY:
            text = '-Infinity'
        else:
            return float.__repr__(o)
        if not self.allow_nan:
            raise ValueError('Out of range float values are not JSON compliant')
        return text

    def _str(self, s):
        return encode_basestring_ascii(s) if self.ensure_ascii else encode_basestring(s)

    def _encode(self, o, out, markers, indent, level):
        if isinstance(o, str):
            out.append(self._str(o))
        elif o is None:
            out.append('null')
        elif o is True:
            out.append('true')
        elif o is False:
            out.append('false')
        elif isinstance(o, int):
            out.append(int.__repr__(o) if type(o) is not int else repr(o))
        elif isinstance(o, float):
            out.append(self._float(float(o)))
        elif isinstance(o, (list, tuple)):
            self._encode_list(o, out, markers, indent, level)
        elif isinstance(o, dict):
            self._encode_dict(o, out, markers, indent, level)
        else:
            if markers is not None:
                marker = id(o)
                if marker in markers:
                    raise ValueError('Circular reference detected')
                markers[marker] = o
            self._encode(self.default(o), out, markers, indent, level)
            if markers is not None:
                del markers[marker]

    def _enter(self, o, markers):
        if markers is not None:
            marker = id(o)
            if marker in markers:
                raise ValueError('Circular reference detected')
            markers[marker] = o

    def _leave(self, o, markers):
        if markers is not None:
            del markers[id(o)]

    def _encode_list(self, lst, out, markers, indent, level):
        if not lst:
            out.append('[]')
            return
        self._enter(lst, markers)
        out.append('[')
        if indent is not None:
            level += 1
            newline = '\n' + indent * level
            separator = self.item_separator + newline
            out.append(newline)
        else:
            newline = None
            separator = self.item_separator
        first = True
        for value in lst:
            if not first:
                out.append(separator)
            first = False
            self._encode(value, out, markers, indent, level)
        if newline is not None:
            level -= 1
            out.append('\n' + indent * level)
        out.append(']')
        self._leave(lst, markers)

    def _key(self, key):
        if isinstance(key, str):
            return key
        if isinstance(key, float):
            return self._float(key)
        if key is True:
            return 'true'
        if key is False:
            return 'false'
        if key is None:
            return 'null'
        if isinstance(key, int):
            return repr(int(key))
        if self.skipkeys:
            return None
        raise TypeError('keys must be str, int, float, bool or None, not %s' % type(key).__name__)

    def _encode_dict(self, dct, out, markers, indent, level):
        if not dct:
            out.append('{}')
            return
        self._enter(dct, markers)
        out.append('{')
        if indent is not None:
            level += 1
            newline = '\n' + indent * level
            separator = self.item_separator + newline
            out.append(newline)
        else:
            newline = None
            separator = self.item_separator
        items = list(dct.items())
        if self.sort_keys:
            items.sort(key=lambda kv: kv[0])
        first = True
        for key, value in items:
            key = self._key(key)
            if key is None:
                continue
            if not first:
                out.append(separator)
            first = False
            out.append(self._str(key))
            out.append(self.key_separator)
            self._encode(value, out, markers, indent, level)
        if newline is not None:
            level -= 1
            out.append('\n' + indent * level)
        out.append('}')
        self._leave(dct, markers)
