"""pprint: pretty-print data structures (written for MiniPy).

pprint / pformat / pp with indent, width, depth, compact, sort_dicts and underscore_numbers;
PrettyPrinter; saferepr, isreadable, isrecursive. Containers whose repr does not fit in the
width are broken one item per line, as CPython's pprint does; recursive structures print
<Recursion on list with id=...>.
"""

import sys

__all__ = ['pprint', 'pformat', 'isreadable', 'isrecursive', 'saferepr', 'PrettyPrinter', 'pp']


def pprint(object, stream=None, indent=1, width=80, depth=None, *, compact=False,
           sort_dicts=True, underscore_numbers=False):
    """Pretty-print object to stream (default sys.stdout)."""
    PrettyPrinter(stream=stream, indent=indent, width=width, depth=depth, compact=compact,
                  sort_dicts=sort_dicts, underscore_numbers=underscore_numbers).pprint(object)


def pformat(object, indent=1, width=80, depth=None, *, compact=False, sort_dicts=True,
            underscore_numbers=False):
    """The pretty-printed text of object."""
    return PrettyPrinter(indent=indent, width=width, depth=depth, compact=compact,
                         sort_dicts=sort_dicts, underscore_numbers=underscore_numbers).pformat(object)


def pp(object, *args, sort_dicts=False, **kwargs):
    """pprint with sort_dicts=False."""
    pprint(object, *args, sort_dicts=sort_dicts, **kwargs)


def saferepr(object):
    """repr(object), safe for recursive structures."""
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[0]


def isreadable(object):
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[1]


def isrecursive(object):
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[2]


class _SafeKey:
    """Orders keys of mixed types (by type name, then id) where < fails."""
    __slots__ = ['obj']

    def __init__(self, obj):
        self.obj = obj

    def __lt__(self, other):
        try:
            return self.obj < other.obj
        except TypeError:
            return ((str(type(self.obj)), id(self.obj)) < (str(type(other.obj)), id(other.obj)))


def _safe_tuple(t):
    return _SafeKey(t[0]), _SafeKey(t[1])


def _recursion(obj):
    return '<Recursion on %s with id=%s>' % (type(obj).__name__, id(obj))


class PrettyPrinter:
    def __init__(self, indent=1, width=80, depth=None, stream=None, *, compact=False,
                 sort_dicts=True, underscore_numbers=False):
        indent = int(indent)
        width = int(width)
        if indent < 0:
            raise ValueError('indent must be >= 0')
        if depth is not None and depth <= 0:
            raise ValueError('depth must be > 0')
        if not width:
            raise ValueError('width must be != 0')
        self._depth = depth
        self._indent_per_level = indent
        self._width = width
        self._stream = stream
        self._compact = bool(compact)
        self._sort_dicts = sort_dicts
        self._underscore_numbers = underscore_numbers

    def pprint(self, object):
        stream = self._stream if self._stream is not None else sys.stdout
        if stream is not None:
            stream.write(self.pformat(object) + '\n')

    def pformat(self, object):
        parts = []
        self._format(object, parts, 0, 0, {}, 0)
        return ''.join(parts)

    def isrecursive(self, object):
        return self.format(object, {}, 0, 0)[2]

    def isreadable(self, object):
        s, readable, recursive = self.format(object, {}, 0, 0)
        return readable and not recursive

    def format(self, object, context, maxlevels, level):
        return self._safe_repr(object, context, maxlevels, level)

    def _repr(self, object, context, level):
        rep, readable, recursive = self.format(object, dict(context), self._depth, level)
        return rep

    def _format(self, object, out, indent, allowance, context, level):
        objid = id(object)
        if objid in context:
            out.append(_recursion(object))
            return
        rep = self._repr(object, context, level)
        max_width = self._width - indent - allowance
        if len(rep) > max_width:
            printer = self._dispatch_for(object)
            if printer is not None:
                context[objid] = 1
                printer(self, object, out, indent, allowance, context, level + 1)
                del context[objid]
                return
        out.append(rep)

    def _dispatch_for(self, object):
        t = type(object)
        if issubclass(t, dict) and t.__repr__ is dict.__repr__:
            return PrettyPrinter._pprint_dict
        if issubclass(t, list) and t.__repr__ is list.__repr__:
            return PrettyPrinter._pprint_list
        if issubclass(t, tuple) and t.__repr__ is tuple.__repr__:
            return PrettyPrinter._pprint_tuple
        if t is set or t is frozenset:
            return PrettyPrinter._pprint_set
        if t is str:
            return PrettyPrinter._pprint_str
        if hasattr(object, '__dataclass_fields__') and hasattr(t, '__dataclass_params__') and t.__dataclass_params__.repr:
            return PrettyPrinter._pprint_dataclass
        if hasattr(t, '_fields') and issubclass(t, tuple):
            return None
        try:
            import collections
        except ImportError:
            return None
        if t is collections.OrderedDict:
            return PrettyPrinter._pprint_ordered_dict
        if t is collections.defaultdict:
            return PrettyPrinter._pprint_default_dict
        if t is collections.Counter:
            return PrettyPrinter._pprint_counter
        if t is collections.deque:
            return PrettyPrinter._pprint_deque
        return None

    def _pprint_dict(self, object, out, indent, allowance, context, level):
        out.append('{')
        if self._indent_per_level > 1:
            out.append((self._indent_per_level - 1) * ' ')
        length = len(object)
        if length:
            if self._sort_dicts:
                items = sorted(object.items(), key=_safe_tuple)
            else:
                items = list(object.items())
            self._format_dict_items(items, out, indent, allowance + 1, context, level)
        out.append('}')

    def _pprint_ordered_dict(self, object, out, indent, allowance, context, level):
        if not len(object):
            out.append(repr(object))
            return
        cls = object.__class__
        out.append(cls.__name__ + '(')
        self._format(list(object.items()), out, indent + len(cls.__name__) + 1, allowance + 1, context, level)
        out.append(')')

    def _pprint_list(self, object, out, indent, allowance, context, level):
        out.append('[')
        self._format_items(object, out, indent, allowance + 1, context, level)
        out.append(']')

    def _pprint_tuple(self, object, out, indent, allowance, context, level):
        out.append('(')
        endchar = ',)' if len(object) == 1 else ')'
        self._format_items(object, out, indent, allowance + len(endchar), context, level)
        out.append(endchar)

    def _pprint_set(self, object, out, indent, allowance, context, level):
        if not len(object):
            out.append(repr(object))
            return
        typ = object.__class__
        if typ is set:
            out.append('{')
            endchar = '}'
        else:
            out.append(typ.__name__ + '({')
            endchar = '})'
            indent += len(typ.__name__) + 1
        object = sorted(object, key=_SafeKey)
        self._format_items(object, out, indent, allowance + len(endchar), context, level)
        out.append(endchar)

    def _pprint_str(self, object, out, indent, allowance, context, level):
        if not len(object):
            out.append(repr(object))
            return
        chunks = []
        lines = object.splitlines(True)
        if level == 1:
            indent += 1
            allowance += 1
        max_width1 = max_width = self._width - indent
        for i, line in enumerate(lines):
            rep = repr(line)
            if i == len(lines) - 1:
                max_width1 -= allowance
            if len(rep) <= max_width1:
                chunks.append(rep)
            else:
                parts = []
                word = ''
                for ch in line:
                    if ch == ' ' and word:
                        parts.append(word + ' ')
                        word = ''
                    else:
                        word += ch
                if word:
                    parts.append(word)
                current = ''
                for j, part in enumerate(parts):
                    candidate = current + part
                    if j == len(parts) - 1 and i == len(lines) - 1:
                        max_width = max_width1
                    if len(repr(candidate)) > max_width and current:
                        chunks.append(repr(current))
                        current = part
                    else:
                        current = candidate
                if current:
                    chunks.append(repr(current))
        if len(chunks) == 1:
            out.append(rep)
            return
        if level == 1:
            out.append('(')
        for i, rep in enumerate(chunks):
            if i > 0:
                out.append('\n' + ' ' * indent)
            out.append(rep)
        if level == 1:
            out.append(')')

    def _pprint_default_dict(self, object, out, indent, allowance, context, level):
        if not len(object):
            out.append(repr(object))
            return
        rdf = self._repr(object.default_factory, context, level)
        cls = object.__class__
        indent += len(cls.__name__) + 1
        out.append('%s(%s,\n%s' % (cls.__name__, rdf, ' ' * indent))
        self._pprint_dict(object, out, indent, allowance + 1, context, level)
        out.append(')')

    def _pprint_counter(self, object, out, indent, allowance, context, level):
        if not len(object):
            out.append(repr(object))
            return
        cls = object.__class__
        out.append(cls.__name__ + '({')
        if self._indent_per_level > 1:
            out.append((self._indent_per_level - 1) * ' ')
        items = object.most_common()
        self._format_dict_items(items, out, indent + len(cls.__name__) + 1, allowance + 2, context, level)
        out.append('})')

    def _pprint_deque(self, object, out, indent, allowance, context, level):
        if not len(object):
            out.append(repr(object))
            return
        cls = object.__class__
        out.append(cls.__name__ + '(')
        indent += len(cls.__name__) + 1
        out.append('[')
        if object.maxlen is None:
            self._format_items(object, out, indent, allowance + 2, context, level)
            out.append('])')
        else:
            self._format_items(object, out, indent, 2, context, level)
            rml = self._repr(object.maxlen, context, level)
            out.append('],\n%smaxlen=%s)' % (' ' * indent, rml))

    def _pprint_dataclass(self, object, out, indent, allowance, context, level):
        cls_name = object.__class__.__name__
        indent += len(cls_name) + 1
        items = [(f.name, getattr(object, f.name)) for f in object.__dataclass_fields__.values()
                 if f.repr and f._field_type == 'field']
        out.append(cls_name + '(')
        delimnl = ',\n' + ' ' * indent
        last_index = len(items) - 1
        for i, (key, value) in enumerate(items):
            last = i == last_index
            out.append(key)
            out.append('=')
            self._format(value, out, indent + len(key) + 1, allowance if last else 1, context, level)
            if not last:
                out.append(delimnl)
        out.append(')')

    def _format_dict_items(self, items, out, indent, allowance, context, level):
        indent += self._indent_per_level
        delimnl = ',\n' + ' ' * indent
        last_index = len(items) - 1
        for i, (key, ent) in enumerate(items):
            last = i == last_index
            rep = self._repr(key, context, level)
            out.append(rep)
            out.append(': ')
            self._format(ent, out, indent + len(rep) + 2, allowance if last else 1, context, level)
            if not last:
                out.append(delimnl)

    def _format_items(self, items, out, indent, allowance, context, level):
        write = out.append
        indent += self._indent_per_level
        if self._indent_per_level > 1:
            write((self._indent_per_level - 1) * ' ')
        delimnl = ',\n' + ' ' * indent
        delim = ''
        width = max_width = self._width - indent + 1
        items = list(items)
        n = len(items)
        for i, ent in enumerate(items):
            last = i == n - 1
            if last:
                max_width -= allowance
                width -= allowance
            if self._compact:
                rep = self._repr(ent, context, level)
                w = len(rep) + 2
                if width < w:
                    width = max_width
                    if delim:
                        delim = delimnl
                if width >= w:
                    width -= w
                    write(delim)
                    delim = ', '
                    write(rep)
                    continue
            write(delim)
            delim = delimnl
            self._format(ent, out, indent, allowance if last else 1, context, level)

    def _safe_repr(self, object, context, maxlevels, level):
        typ = type(object)
        if typ in (str, int, float, complex, bool, type(None), bytes):
            if typ is int and self._underscore_numbers:
                return '{0:_d}'.format(object), True, False
            return repr(object), True, False
        if issubclass(typ, dict) and typ.__repr__ is dict.__repr__:
            if not object:
                return '{}', True, False
            objid = id(object)
            if maxlevels and level >= maxlevels:
                return '{...}', False, objid in context
            if objid in context:
                return _recursion(object), False, True
            context[objid] = 1
            readable = True
            recursive = False
            components = []
            level += 1
            if self._sort_dicts:
                items = sorted(object.items(), key=_safe_tuple)
            else:
                items = object.items()
            for k, v in items:
                krepr, kreadable, krecur = self.format(k, context, maxlevels, level)
                vrepr, vreadable, vrecur = self.format(v, context, maxlevels, level)
                components.append('%s: %s' % (krepr, vrepr))
                readable = readable and kreadable and vreadable
                if krecur or vrecur:
                    recursive = True
            del context[objid]
            return '{%s}' % ', '.join(components), readable, recursive
        if (issubclass(typ, list) and typ.__repr__ is list.__repr__) or \
           (issubclass(typ, tuple) and typ.__repr__ is tuple.__repr__):
            if issubclass(typ, list):
                if not object:
                    return '[]', True, False
                fmt = '[%s]'
            elif len(object) == 1:
                fmt = '(%s,)'
            else:
                if not object:
                    return '()', True, False
                fmt = '(%s)'
            objid = id(object)
            if maxlevels and level >= maxlevels:
                return fmt % '...', False, objid in context
            if objid in context:
                return _recursion(object), False, True
            context[objid] = 1
            readable = True
            recursive = False
            components = []
            level += 1
            for o in object:
                orepr, oreadable, orecur = self.format(o, context, maxlevels, level)
                components.append(orepr)
                if not oreadable:
                    readable = False
                if orecur:
                    recursive = True
            del context[objid]
            return fmt % ', '.join(components), readable, recursive
        rep = repr(object)
        return rep, (rep and not rep.startswith('<')), False
