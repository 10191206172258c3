"""fnmatch: shell-style wildcard matching (*, ?, [seq], [!seq]), written for MiniPy.

The matcher walks the pattern itself (it does not need the re module): fnmatchcase() compares
case-sensitively, fnmatch() after os.path.normcase (which changes nothing on POSIX), filter()
keeps the matching names. translate() returns the regular expression CPython's would build, for
programs that hand it to re."""

import os

__all__ = ['filter', 'fnmatch', 'fnmatchcase', 'translate']


def _match_class(pattern, i, ch):
    """(matched, index after the class) for the class starting at pattern[i] == '['; None when the
    '[' has no closing ']' (it is then a literal)."""
    j = i + 1
    negate = False
    if j < len(pattern) and pattern[j] == '!':
        negate = True
        j += 1
    first = j
    matched = False
    while j < len(pattern) and (pattern[j] != ']' or j == first):
        if j + 2 < len(pattern) and pattern[j + 1] == '-' and pattern[j + 2] != ']':
            if pattern[j] <= ch <= pattern[j + 2]:
                matched = True
            j += 3
        else:
            if pattern[j] == ch:
                matched = True
            j += 1
    if j >= len(pattern):
        return None
    return matched != negate, j + 1


def fnmatchcase(name, pat):
    """Does name match the pattern pat (case-sensitive)?"""
    if isinstance(name, bytes):
        name = name.decode('latin-1')
        pat = pat.decode('latin-1')
    n, p = 0, 0
    star_p, star_n = -1, 0
    while n < len(name):
        if p < len(pat):
            c = pat[p]
            if c == '*':
                star_p, star_n = p, n
                p += 1
                continue
            if c == '?':
                n += 1
                p += 1
                continue
            if c == '[':
                res = _match_class(pat, p, name[n])
                if res is None:
                    if name[n] == '[':
                        n += 1
                        p += 1
                        continue
                elif res[0]:
                    n += 1
                    p = res[1]
                    continue
            elif c == name[n]:
                n += 1
                p += 1
                continue
        if star_p >= 0:
            star_n += 1
            n = star_n
            p = star_p + 1
            continue
        return False
    while p < len(pat) and pat[p] == '*':
        p += 1
    return p == len(pat)


def _normcase(s):
    normcase = getattr(os.path, 'normcase', None)
    return normcase(s) if normcase is not None else s


def fnmatch(name, pat):
    """Does name match pat, after os.path.normcase of both (no change on POSIX)?"""
    return fnmatchcase(_normcase(name), _normcase(pat))


def filter(names, pat):
    """The names of the list that match pat."""
    pat = _normcase(pat)
    return [name for name in names if fnmatchcase(_normcase(name), pat)]


def translate(pat):
    """The regular expression (a str) that matches what pat matches, as CPython's translate()."""
    res = []
    i, n = 0, len(pat)
    while i < n:
        c = pat[i]
        i += 1
        if c == '*':
            if not res or res[-1] != '.*':
                res.append('.*')
        elif c == '?':
            res.append('.')
        elif c == '[':
            j = i
            if j < n and pat[j] == '!':
                j += 1
            if j < n and pat[j] == ']':
                j += 1
            while j < n and pat[j] != ']':
                j += 1
            if j >= n:
                res.append('\\[')
            else:
                stuff = pat[i:j].replace('\\', '\\\\')
                i = j + 1
                if stuff[0] == '!':
                    stuff = '^' + stuff[1:]
                elif stuff[0] in ('^', '['):
                    stuff = '\\' + stuff
                res.append('[%s]' % stuff)
        else:
            res.append(_escape(c))
    return '(?s:%s)\\Z' % ''.join(res)


def _escape(c):
    return '\\' + c if c in '()[]{}?*+-|^$\\.&~# \t\n\r\v\f' else c
