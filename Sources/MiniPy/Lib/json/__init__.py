"""json: JSON encoding and decoding (written for MiniPy).

dumps/dump with skipkeys, ensure_ascii, check_circular, allow_nan, indent, separators, default,
sort_keys and cls; loads/load with object_hook, object_pairs_hook, parse_float, parse_int,
parse_constant and cls. Errors are CPython's: JSONDecodeError (a ValueError) with
"msg: line L column C (char N)", TypeError "Object of type X is not JSON serializable",
ValueError "Circular reference detected" / "Out of range float values are not JSON compliant".
"""

from json.decoder import JSONDecoder, JSONDecodeError
from json.encoder import JSONEncoder

__all__ = ['dump', 'dumps', 'load', 'loads', 'JSONDecoder', 'JSONDecodeError', 'JSONEncoder']

try:
    _BYTES = (bytes, bytearray)
except NameError:
    # Temporary: MiniPy has no bytearray yet (lang-classes adds it).
    _BYTES = (bytes,)

_default_encoder = JSONEncoder()
_default_decoder = JSONDecoder()


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
          cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw):
    """Serialize obj to a JSON formatted str."""
    if (not skipkeys and ensure_ascii and check_circular and allow_nan and cls is None and
            indent is None and separators is None and default is None and not sort_keys and not kw):
        return _default_encoder.encode(obj)
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii, check_circular=check_circular,
               allow_nan=allow_nan, indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)


def dump(obj, fp, **kw):
    """Serialize obj as JSON to the file-like object fp (its write method)."""
    fp.write(dumps(obj, **kw))


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
          parse_constant=None, object_pairs_hook=None, **kw):
    """Deserialize s (a str, bytes or bytearray holding a JSON document) to a Python object."""
    if isinstance(s, str):
        if s.startswith('\ufeff'):
            raise JSONDecodeError('Unexpected UTF-8 BOM (decode using utf-8-sig)', s, 0)
    elif isinstance(s, _BYTES):
        s = s.decode('utf-8')
    else:
        raise TypeError('the JSON object must be str, bytes or bytearray, not %s' % type(s).__name__)
    if (cls is None and object_hook is None and parse_int is None and parse_float is None and
            parse_constant is None and object_pairs_hook is None and not kw):
        return _default_decoder.decode(s)
    if cls is None:
        cls = JSONDecoder
    if object_hook is not None:
        kw['object_hook'] = object_hook
    if object_pairs_hook is not None:
        kw['object_pairs_hook'] = object_pairs_hook
    if parse_float is not None:
        kw['parse_float'] = parse_float
    if parse_int is not None:
        kw['parse_int'] = parse_int
    if parse_constant is not None:
        kw['parse_constant'] = parse_constant
    return cls(**kw).decode(s)


def load(fp, **kw):
    """Deserialize the JSON document read from the file-like object fp."""
    return loads(fp.read(), **kw)
