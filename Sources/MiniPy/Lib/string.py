"""string: character-class constants, capwords, Template and Formatter (written for MiniPy)."""

__all__ = ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'capwords', 'digits',
           'hexdigits', 'octdigits', 'printable', 'punctuation', 'whitespace', 'Formatter',
           'Template']

whitespace = ' \t\n\r\x0b\x0c'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split s into words, capitalize each, join them with sep (a space when sep is None)."""
    return (sep or ' ').join([w.capitalize() for w in s.split(sep)])


def _is_ident_start(ch):
    return ch == '_' or ('a' <= ch <= 'z') or ('A' <= ch <= 'Z')


def _is_ident_char(ch):
    return _is_ident_start(ch) or '0' <= ch <= '9'


class Template:
    """$-substitution: Template('$who likes $what').substitute(who='tim', what='kung pao').
    $$ is a literal $, ${name} delimits a name; safe_substitute leaves unknown names alone."""
    delimiter = '$'
    idpattern = None
    braceidpattern = None
    flags = None

    def __init__(self, template):
        self.template = template

    def _scan(self, mapping, safe):
        t = self.template
        delim = self.delimiter
        out = []
        i = 0
        n = len(t)
        while i < n:
            j = t.find(delim, i)
            if j < 0:
                out.append(t[i:])
                break
            out.append(t[i:j])
            k = j + len(delim)
            if t.startswith(delim, k):
                out.append(delim)
                i = k + len(delim)
                continue
            if k < n and t[k] == '{':
                end = t.find('}', k + 1)
                name = t[k + 1:end] if end >= 0 else ''
                if end >= 0 and name and _is_ident_start(name[0]) and all(_is_ident_char(c) for c in name):
                    out.append(self._lookup(mapping, name, t[j:end + 1], safe))
                    i = end + 1
                    continue
                self._invalid(j, safe)
                out.append(delim)
                i = k
                continue
            m = k
            if m < n and _is_ident_start(t[m]):
                while m < n and _is_ident_char(t[m]):
                    m += 1
                name = t[k:m]
                out.append(self._lookup(mapping, name, t[j:m], safe))
                i = m
                continue
            self._invalid(j, safe)
            out.append(delim)
            i = k
        return ''.join(out)

    def _lookup(self, mapping, name, original, safe):
        if safe:
            try:
                return str(mapping[name])
            except KeyError:
                return original
        return str(mapping[name])

    def _invalid(self, index, safe):
        if safe:
            return
        lines = self.template[:index].split('\n')
        if not lines:
            lines = ['']
        colno = index - len('\n'.join(lines[:-1]))
        lineno = len(lines)
        if len(lines) > 1:
            colno -= 1
        raise ValueError('Invalid placeholder in string: line %d, col %d' % (lineno, colno + 1 if len(lines) > 1 else colno + 1))

    def substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = _ChainedMapping(kws, mapping)
        return self._scan(mapping, False)

    def safe_substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = _ChainedMapping(kws, mapping)
        return self._scan(mapping, True)

    def get_identifiers(self):
        names = []

        class Recorder:
            def __getitem__(self, key):
                if key not in names:
                    names.append(key)
                return ''
        self._scan(Recorder(), True)
        return names

    def is_valid(self):
        try:
            self._scan(_Blank(), False)
        except ValueError:
            return False
        return True


class _Blank:
    def __getitem__(self, key):
        return ''


class _ChainedMapping:
    def __init__(self, first, second):
        self.first = first
        self.second = second

    def __getitem__(self, key):
        if key in self.first:
            return self.first[key]
        return self.second[key]


class Formatter:
    """The machinery of str.format as overridable methods: format, vformat, parse,
    get_field, get_value, check_unused_args, format_field, convert_field."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth, auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError('Max string recursion exceeded')
        result = []
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is not None:
                if field_name == '':
                    if auto_arg_index is False:
                        raise ValueError('cannot switch from manual field specification to automatic field numbering')
                    field_name = str(auto_arg_index)
                    auto_arg_index += 1
                elif field_name.isdigit():
                    if auto_arg_index:
                        raise ValueError('cannot switch from manual field specification to automatic field numbering')
                    auto_arg_index = False
                obj, arg_used = self.get_field(field_name, args, kwargs)
                used_args.add(arg_used)
                obj = self.convert_field(obj, conversion)
                if format_spec and '{' in format_spec:
                    format_spec = self._vformat(format_spec, args, kwargs, used_args, recursion_depth - 1)
                result.append(self.format_field(obj, format_spec))
        return ''.join(result)

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError('Unknown conversion specifier %s' % conversion)

    def parse(self, format_string):
        """Yield (literal_text, field_name, format_spec, conversion) tuples."""
        i = 0
        n = len(format_string)
        literal = []
        while i < n:
            ch = format_string[i]
            if ch == '{':
                if i + 1 < n and format_string[i + 1] == '{':
                    literal.append('{')
                    i += 2
                    continue
                depth = 1
                j = i + 1
                while j < n and depth:
                    if format_string[j] == '{':
                        depth += 1
                    elif format_string[j] == '}':
                        depth -= 1
                    j += 1
                if depth:
                    raise ValueError("expected '}' before end of string")
                field = format_string[i + 1:j - 1]
                conversion = None
                spec = ''
                colon = _find_outside_brackets(field, ':')
                if colon >= 0:
                    spec = field[colon + 1:]
                    field = field[:colon]
                bang = _find_outside_brackets(field, '!')
                if bang >= 0:
                    conversion = field[bang + 1:]
                    field = field[:bang]
                    if len(conversion) != 1:
                        raise ValueError('expected \':\' after conversion specifier')
                yield (''.join(literal), field, spec, conversion)
                literal = []
                i = j
            elif ch == '}':
                if i + 1 < n and format_string[i + 1] == '}':
                    literal.append('}')
                    i += 2
                    continue
                raise ValueError("Single '}' encountered in format string")
            else:
                literal.append(ch)
                i += 1
        if literal:
            yield (''.join(literal), None, None, None)

    def get_field(self, field_name, args, kwargs):
        first, rest = _split_field_name(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            obj = getattr(obj, key) if is_attr else obj[key]
        return obj, first


def _find_outside_brackets(s, ch):
    depth = 0
    for i, c in enumerate(s):
        if c == '[':
            depth += 1
        elif c == ']':
            depth -= 1
        elif c == ch and depth == 0:
            return i
    return -1


def _split_field_name(name):
    i = 0
    n = len(name)
    while i < n and name[i] not in '.[':
        i += 1
    first = name[:i]
    if first.isdigit():
        first = int(first)
    rest = []
    while i < n:
        if name[i] == '.':
            j = i + 1
            while j < n and name[j] not in '.[':
                j += 1
            rest.append((True, name[i + 1:j]))
            i = j
        else:
            j = name.index(']', i)
            key = name[i + 1:j]
            rest.append((False, int(key) if key.isdigit() else key))
            i = j + 1
    return first, rest
