/* Objects/unicode_methods.c: the Python-level methods of str (join, split, strip, replace, find,
 * startswith, upper, isdigit, center, partition, format, encode, ...), installed as
 * MiniUnicode_Type.tp_methods, with CPython's semantics and error messages.
 *
 * str keeps its text as UTF-8, and UTF-8 is self-synchronising: a valid needle can only match a
 * valid haystack at a code point boundary. So searching, splitting and replacing work on bytes
 * (memmem), and only the index arguments and results are converted between code points and
 * bytes. Case mapping and character classes go code point by code point (Objects/unicode_ctype.c),
 * with byte loops for ASCII strings. */
#include "mini.h"
#include "formatter_internal.h"
#include "lib_internal.h"
#include "unicodeobject_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA(o) _MiniUnicode_DATA(o)
#define NBYTES(o) Mini_SIZE(o)
#define LEN(o) _MiniUnicode_LENGTH(o)
#define IS_ASCII(o) (((MiniUnicodeObject *)(o))->ascii)

static MiniObject *new_str(const char *s, Mini_ssize_t n) { return _MiniUnicode_FromUTF8Unchecked(s, n); }

/* Byte offset of code point index cp (0 <= cp <= LEN). */
static Mini_ssize_t cp_to_byte(MiniObject *o, Mini_ssize_t cp) {
    if (IS_ASCII(o)) return cp;
    const unsigned char *s = (const unsigned char *)DATA(o);
    Mini_ssize_t i = 0, n = NBYTES(o);
    while (i < n && cp > 0) {
        i++;
        while (i < n && (s[i] & 0xC0) == 0x80) i++;
        cp--;
    }
    return i;
}

/* Code point index of byte offset b (a boundary). */
static Mini_ssize_t byte_to_cp(MiniObject *o, Mini_ssize_t b) {
    if (IS_ASCII(o)) return b;
    return _MiniUnicode_CountCodePoints(DATA(o), b);
}

static int require_str_arg(MiniObject *o, const char *func, int argno) {
    if (MiniUnicode_Check(o)) return 0;
    MiniErr_Format(MiniExc_TypeError, "%s() argument %d must be str, not %.200s", func, argno, MiniType_Name(Mini_TYPE(o)));
    return -1;
}

/* The self string unchanged: itself for an exact str, else a copy (subclass results are str). */
static MiniObject *return_self(MiniObject *self) {
    if (MiniUnicode_CheckExact(self)) return Mini_NewRef(self);
    return new_str(DATA(self), NBYTES(self));
}

/* ----- index arguments ------------------------------------------------------------------------------ */

/* An optional start/end argument: None or an int (clamped to Mini_ssize_t). */
static int slice_arg(MiniObject *o, Mini_ssize_t *out) {
    if (o == NULL || o == Mini_None) return 0;
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    if (!MiniLong_Check(o) && (nb == NULL || nb->nb_index == NULL)) {
        MiniErr_SetString(MiniExc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    *out = MiniNumber_AsSsize_t(o, NULL);
    return *out == -1 && MiniErr_Occurred() ? -1 : 0;
}

/* Parses (sub[, start[, end]]) and clips start/end (code points) as CPython's ADJUST_INDICES. */
static int sub_args(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, const char *name, MiniObject **sub,
                    Mini_ssize_t *start, Mini_ssize_t *end) {
    Mini_ssize_t n = nargs, len = LEN(self);
    if (n < 1 || n > 3) {
        if (n < 1) MiniErr_Format(MiniExc_TypeError, "%s() takes at least 1 argument (0 given)", name);
        else MiniErr_Format(MiniExc_TypeError, "%s() takes at most 3 arguments (%zd given)", name, n);
        return -1;
    }
    *sub = args[0];
    *start = 0;
    *end = MINI_SSIZE_T_MAX;
    if (n > 1 && slice_arg(args[1], start) < 0) return -1;
    if (n > 2 && slice_arg(args[2], end) < 0) return -1;
    if (*end > len) *end = len;
    else if (*end < 0) { *end += len; if (*end < 0) *end = 0; }
    if (*start < 0) { *start += len; if (*start < 0) *start = 0; }
    return 0;
}

/* ----- searching ------------------------------------------------------------------------------------- */

/* Byte offset of the first (or last, when reverse) occurrence of needle in hay[lo, hi), or -1. */
static Mini_ssize_t find_bytes(const char *hay, Mini_ssize_t lo, Mini_ssize_t hi, const char *needle,
                               Mini_ssize_t m, int reverse) {
    if (hi - lo < m) return -1;
    if (m == 0) return reverse ? hi : lo;
    if (!reverse) {
        const char *p = memmem(hay + lo, (size_t)(hi - lo), needle, (size_t)m);
        return p ? p - hay : -1;
    }
    for (Mini_ssize_t i = hi - m; i >= lo; i--)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, (size_t)m) == 0) return i;
    return -1;
}

/* find / rfind / index / rindex: the code point index or -1; -2 on error. */
static Mini_ssize_t do_find(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, const char *name, int reverse) {
    MiniObject *sub;
    Mini_ssize_t start, end;
    if (sub_args(self, args, nargs, name, &sub, &start, &end) < 0) return -2;
    if (!MiniUnicode_Check(sub)) {
        MiniErr_Format(MiniExc_TypeError, "must be str, not %.200s", MiniType_Name(Mini_TYPE(sub)));
        return -2;
    }
    if (end - start < LEN(sub)) return -1;
    Mini_ssize_t lo = cp_to_byte(self, start), hi = cp_to_byte(self, end);
    Mini_ssize_t at = find_bytes(DATA(self), lo, hi, DATA(sub), NBYTES(sub), reverse);
    return at < 0 ? -1 : byte_to_cp(self, at);
}

static MiniObject *str_find(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs) {
    Mini_ssize_t r = do_find(self, args, nargs, "find", 0);
    return r == -2 ? NULL : MiniLong_FromSsize_t(r);
}

static MiniObject *str_rfind(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs) {
    Mini_ssize_t r = do_find(self, args, nargs, "rfind", 1);
    return r == -2 ? NULL : MiniLong_FromSsize_t(r);
}

static MiniObject *str_index(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs) {
    Mini_ssize_t r = do_find(self, args, nargs, "index", 0);
    if (r == -1) return MiniErr_Format(MiniExc_ValueError, "substring not found");
    return r == -2 ? NULL : MiniLong_FromSsize_t(r);
}

static MiniObject *str_rindex(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs) {
    Mini_ssize_t r = do_find(self, args, nargs, "rindex", 1);
    if (r == -1) return MiniErr_Format(MiniExc_ValueError, "substring not found");
    return r == -2 ? NULL : MiniLong_FromSsize_t(r);
}

static MiniObject *str_count(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs) {
    MiniObject *sub;
    Mini_ssize_t start, end;
    if (sub_args(self, args, nargs, "count", &sub, &start, &end) < 0) return NULL;
    if (!MiniUnicode_Check(sub))
        return MiniErr_Format(MiniExc_TypeError, "must be str, not %.200s", MiniType_Name(Mini_TYPE(sub)));
    if (end - start < LEN(sub)) return MiniLong_FromLong(0);
    if (LEN(sub) == 0) return MiniLong_FromSsize_t(end - start + 1);
    Mini_ssize_t lo = cp_to_byte(self, start), hi = cp_to_byte(self, end), count = 0, m = NBYTES(sub);
    for (;;) {
        Mini_ssize_t at = find_bytes(DATA(self), lo, hi, DATA(sub), m, 0);
        if (at < 0) break;
        count++;
        lo = at + m;
    }
    return MiniLong_FromSsize_t(count);
}

/* startswith / endswith for one candidate: 1, 0. */
static int tail_match(MiniObject *self, MiniObject *sub, Mini_ssize_t start, Mini_ssize_t end, int at_end) {
    Mini_ssize_t m = LEN(sub);
    if (start > LEN(self) || end - start < m) return 0;
    if (m == 0) return 1;
    Mini_ssize_t lo = cp_to_byte(self, start), hi = cp_to_byte(self, end), mb = NBYTES(sub);
    if (hi - lo < mb) return 0;
    Mini_ssize_t at = at_end ? hi - mb : lo;
    return memcmp(DATA(self) + at, DATA(sub), (size_t)mb) == 0;
}

static MiniObject *starts_ends(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, const char *name, int at_end) {
    MiniObject *sub;
    Mini_ssize_t start, end;
    if (sub_args(self, args, nargs, name, &sub, &start, &end) < 0) return NULL;
    if (MiniTuple_Check(sub)) {
        for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(sub); i++) {
            MiniObject *x = MiniTuple_GET_ITEM(sub, i);
            if (!MiniUnicode_Check(x))
                return MiniErr_Format(MiniExc_TypeError, "tuple for %s must only contain str, not %.200s", name,
                                      MiniType_Name(Mini_TYPE(x)));
            if (tail_match(self, x, start, end, at_end)) Mini_RETURN_TRUE;
        }
        Mini_RETURN_FALSE;
    }
    if (!MiniUnicode_Check(sub))
        return MiniErr_Format(MiniExc_TypeError, "%s first arg must be str or a tuple of str, not %.200s", name,
                              MiniType_Name(Mini_TYPE(sub)));
    return MiniBool_FromLong(tail_match(self, sub, start, end, at_end));
}

static MiniObject *str_startswith(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs) { return starts_ends(self, args, nargs, "startswith", 0); }
static MiniObject *str_endswith(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs) { return starts_ends(self, args, nargs, "endswith", 1); }

/* ----- join, split, partition -------------------------------------------------------------------- */

MiniObject *_MiniUnicode_Join(MiniObject *sep, MiniObject *iterable) {
    MiniObject *seq;
    if (MiniList_CheckExact(iterable) || MiniTuple_CheckExact(iterable)) seq = Mini_NewRef(iterable);
    else if ((seq = _MiniSeq_List(iterable)) == NULL) return NULL;
    Mini_ssize_t n = Mini_SIZE(seq);
    MiniObject **items = MiniList_Check(seq) ? ((MiniListObject *)seq)->ob_item : ((MiniTupleObject *)seq)->ob_item;
    if (n == 1 && MiniUnicode_CheckExact(items[0])) {
        MiniObject *r = Mini_NewRef(items[0]);
        Mini_DECREF(seq);
        return r;
    }
    /* Check the items and size the result first, then copy once. */
    size_t total = 0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        if (!MiniUnicode_Check(items[i])) {
            MiniErr_Format(MiniExc_TypeError, "sequence item %zd: expected str instance, %.200s found", i,
                           MiniType_Name(Mini_TYPE(items[i])));
            Mini_DECREF(seq);
            return NULL;
        }
        total += (size_t)NBYTES(items[i]) + (i > 0 ? (size_t)NBYTES(sep) : 0);
    }
    char *buf = malloc(total + 1);
    if (buf == NULL) { Mini_DECREF(seq); return MiniErr_NoMemory(); }
    size_t pos = 0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        if (i > 0) { memcpy(buf + pos, DATA(sep), (size_t)NBYTES(sep)); pos += (size_t)NBYTES(sep); }
        memcpy(buf + pos, DATA(items[i]), (size_t)NBYTES(items[i]));
        pos += (size_t)NBYTES(items[i]);
    }
    MiniObject *res = new_str(buf, (Mini_ssize_t)pos);
    free(buf);
    Mini_DECREF(seq);
    return res;
}

static MiniObject *str_join(MiniObject *self, MiniObject *iterable) { return _MiniUnicode_Join(self, iterable); }

/* s[a, b) of self as a new str: a piece of an ASCII str is ASCII, so its length is known. */
static MiniObject *piece_of(MiniObject *self, const char *s, Mini_ssize_t a, Mini_ssize_t b) {
    return IS_ASCII(self) ? _MiniUnicode_FromUTF8Counted(s + a, b - a, b - a) : new_str(s + a, b - a);
}

/* Appends s[a, b) of self as a new str to list. 0 / -1. */
static int append_piece(MiniObject *list, MiniObject *self, const char *s, Mini_ssize_t a, Mini_ssize_t b) {
    MiniObject *piece = piece_of(self, s, a, b);
    if (piece == NULL) return -1;
    int r = MiniList_Append(list, piece);
    Mini_DECREF(piece);
    return r;
}

/* Parses (sep=None, maxsplit=-1) for split / rsplit. */
static int split_args(MiniObject *args, MiniObject *kwargs, const char *name, MiniObject **sep, Mini_ssize_t *maxsplit) {
    static char *kwlist[] = { "sep", "maxsplit", NULL };
    *sep = Mini_None;
    *maxsplit = -1;
    int plain = MiniTuple_GET_SIZE(args) == 0 && (kwargs == NULL || MiniDict_Size(kwargs) == 0);
    if (!plain && !MiniArg_ParseTupleAndKeywords(args, kwargs, name[0] == 'r' ? "|On:rsplit" : "|On:split", kwlist,
                                                 sep, maxsplit))
        return -1;
    if (*sep != Mini_None) {
        if (!MiniUnicode_Check(*sep)) {
            MiniErr_Format(MiniExc_TypeError, "must be str or None, not %.200s", MiniType_Name(Mini_TYPE(*sep)));
            return -1;
        }
        if (NBYTES(*sep) == 0) {
            MiniErr_SetString(MiniExc_ValueError, "empty separator");
            return -1;
        }
    }
    if (*maxsplit < 0) *maxsplit = MINI_SSIZE_T_MAX;
    return 0;
}

/* Code point at byte i and its length. */
static uint32_t cp_at(const char *s, Mini_ssize_t i, int *len) { return _MiniUnicode_DecodeUTF8(s + i, len); }

/* Byte offset of the code point ending just before byte i (i > 0). */
static Mini_ssize_t prev_cp(const char *s, Mini_ssize_t i) {
    do i--; while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* str.isspace() of the ASCII characters: \t \n \v \f \r, \x1c-\x1f and space. */
static int ascii_space(unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F); }

/* split() on whitespace of an ASCII str: a byte loop, pieces built with their length known.
 * Appends to list; 0 / -1. */
static int split_ascii_whitespace(MiniObject *list, MiniObject *self, Mini_ssize_t maxsplit) {
    const unsigned char *s = (const unsigned char *)DATA(self);
    Mini_ssize_t n = NBYTES(self), i = 0;
    while (i < n) {
        while (i < n && ascii_space(s[i])) i++;
        if (i >= n) break;
        Mini_ssize_t j = i;
        if (maxsplit-- <= 0) j = n;   /* the rest, trailing whitespace and all */
        else while (j < n && !ascii_space(s[j])) j++;
        if (append_piece(list, self, (const char *)s, i, j) < 0) return -1;
        i = j;
    }
    return 0;
}

static MiniObject *str_split(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniObject *sep;
    Mini_ssize_t maxsplit;
    if (split_args(args, kwargs, "split", &sep, &maxsplit) < 0) return NULL;
    const char *s = DATA(self);
    Mini_ssize_t n = NBYTES(self), i = 0;
    MiniObject *list = MiniList_New(0);
    if (list == NULL) return NULL;
    if (sep == Mini_None && IS_ASCII(self)) {
        if (split_ascii_whitespace(list, self, maxsplit) < 0) goto fail;
        return list;
    }
    if (sep == Mini_None) {
        int len;
        while (i < n) {
            while (i < n && _MiniUCD_IsSpace(cp_at(s, i, &len))) i += len;
            if (i >= n) break;
            if (maxsplit-- <= 0) {
                /* The rest, trailing whitespace and all. */
                if (append_piece(list, self, s, i, n) < 0) goto fail;
                break;
            }
            Mini_ssize_t j = i;
            while (j < n && !_MiniUCD_IsSpace(cp_at(s, j, &len))) j += len;
            if (append_piece(list, self, s, i, j) < 0) goto fail;
            i = j;
        }
        return list;
    }
    const char *sp = DATA(sep);
    Mini_ssize_t m = NBYTES(sep);
    while (maxsplit-- > 0) {
        Mini_ssize_t at = find_bytes(s, i, n, sp, m, 0);
        if (at < 0) break;
        if (append_piece(list, self, s, i, at) < 0) goto fail;
        i = at + m;
    }
    if (append_piece(list, self, s, i, n) < 0) goto fail;
    return list;
fail:
    Mini_DECREF(list);
    return NULL;
}

static MiniObject *str_rsplit(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    MiniObject *sep;
    Mini_ssize_t maxsplit;
    if (split_args(args, kwargs, "rsplit", &sep, &maxsplit) < 0) return NULL;
    const char *s = DATA(self);
    Mini_ssize_t j = NBYTES(self);
    MiniObject *list = MiniList_New(0);
    if (list == NULL) return NULL;
    if (sep == Mini_None) {
        int len;
        while (j > 0) {
            while (j > 0) {
                Mini_ssize_t p = prev_cp(s, j);
                if (!_MiniUCD_IsSpace(cp_at(s, p, &len))) break;
                j = p;
            }
            if (j <= 0) break;
            if (maxsplit-- <= 0) {
                if (append_piece(list, self, s, 0, j) < 0) goto fail;
                break;
            }
            Mini_ssize_t i = j;
            while (i > 0) {
                Mini_ssize_t p = prev_cp(s, i);
                if (_MiniUCD_IsSpace(cp_at(s, p, &len))) break;
                i = p;
            }
            if (append_piece(list, self, s, i, j) < 0) goto fail;
            j = i;
        }
    } else {
        const char *sp = DATA(sep);
        Mini_ssize_t m = NBYTES(sep);
        while (maxsplit-- > 0) {
            Mini_ssize_t at = find_bytes(s, 0, j, sp, m, 1);
            if (at < 0) break;
            if (append_piece(list, self, s, at + m, j) < 0) goto fail;
            j = at;
        }
        if (append_piece(list, self, s, 0, j) < 0) goto fail;
    }
    MiniList_Reverse(list);
    return list;
fail:
    Mini_DECREF(list);
    return NULL;
}

static MiniObject *str_splitlines(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    static char *kwlist[] = { "keepends", NULL };
    int keepends = 0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|p:splitlines", kwlist, &keepends)) return NULL;
    const char *s = DATA(self);
    Mini_ssize_t n = NBYTES(self), i = 0;
    MiniObject *list = MiniList_New(0);
    if (list == NULL) return NULL;
    while (i < n) {
        Mini_ssize_t j = i, eol;
        int len = 1;
        while (j < n && !_MiniUCD_IsLinebreak(cp_at(s, j, &len))) j += len;
        eol = j;
        if (j < n) {
            j += len;
            if (s[eol] == '\r' && j < n && s[j] == '\n') j++;
        }
        if (append_piece(list, self, s, i, keepends ? j : eol) < 0) { Mini_DECREF(list); return NULL; }
        i = j;
    }
    return list;
}

static MiniObject *partition(MiniObject *self, MiniObject *sep, int reverse) {
    if (!MiniUnicode_Check(sep))
        return MiniErr_Format(MiniExc_TypeError, "must be str, not %.200s", MiniType_Name(Mini_TYPE(sep)));
    if (NBYTES(sep) == 0) return MiniErr_Format(MiniExc_ValueError, "empty separator");
    const char *s = DATA(self);
    Mini_ssize_t n = NBYTES(self), m = NBYTES(sep);
    Mini_ssize_t at = find_bytes(s, 0, n, DATA(sep), m, reverse);
    MiniObject *a, *b, *c;
    if (at < 0) {
        MiniObject *empty = new_str("", 0), *whole = return_self(self);
        if (empty == NULL || whole == NULL) { Mini_XDECREF(empty); Mini_XDECREF(whole); return NULL; }
        MiniObject *t = reverse ? MiniTuple_Pack(3, empty, empty, whole) : MiniTuple_Pack(3, whole, empty, empty);
        Mini_DECREF(empty);
        Mini_DECREF(whole);
        return t;
    }
    a = new_str(s, at);
    b = Mini_NewRef(sep);
    c = new_str(s + at + m, n - at - m);
    MiniObject *t = (a && c) ? MiniTuple_Pack(3, a, b, c) : NULL;
    Mini_XDECREF(a);
    Mini_DECREF(b);
    Mini_XDECREF(c);
    return t;
}

static MiniObject *str_partition(MiniObject *self, MiniObject *sep) { return partition(self, sep, 0); }
static MiniObject *str_rpartition(MiniObject *self, MiniObject *sep) { return partition(self, sep, 1); }

/* ----- strip, replace -------------------------------------------------------------------------------- */

/* 1 if code point c is one of the chars (NULL: whitespace). */
static int in_chars(uint32_t c, MiniObject *chars) {
    if (chars == NULL) return _MiniUCD_IsSpace(c);
    const char *p = DATA(chars), *end = p + NBYTES(chars);
    while (p < end) {
        int len;
        if (_MiniUnicode_DecodeUTF8(p, &len) == c) return 1;
        p += len;
    }
    return 0;
}

/* which: 1 left, 2 right, 3 both. */
static MiniObject *do_strip(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, int which, const char *name) {
    MiniObject *chars = NULL;
    Mini_ssize_t n = nargs;
    if (n > 1) return MiniErr_Format(MiniExc_TypeError, "%s expected at most 1 argument, got %zd", name, n);
    if (n == 1 && args[0] != Mini_None) {
        chars = args[0];
        if (!MiniUnicode_Check(chars))
            return MiniErr_Format(MiniExc_TypeError, "%s arg must be None or str", name);
    }
    const char *s = DATA(self);
    Mini_ssize_t i = 0, j = NBYTES(self);
    int len;
    if (chars == NULL && IS_ASCII(self)) {
        while ((which & 1) && i < j && ascii_space((unsigned char)s[i])) i++;
        while ((which & 2) && j > i && ascii_space((unsigned char)s[j - 1])) j--;
        which = 0;
    }
    if (which & 1)
        while (i < j && in_chars(cp_at(s, i, &len), chars)) i += len;
    if (which & 2)
        while (j > i) {
            Mini_ssize_t p = prev_cp(s, j);
            if (!in_chars(cp_at(s, p, &len), chars)) break;
            j = p;
        }
    if (i == 0 && j == NBYTES(self)) return return_self(self);
    return piece_of(self, s, i, j);
}

static MiniObject *str_strip(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs) { return do_strip(self, args, nargs, 3, "strip"); }
static MiniObject *str_lstrip(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs) { return do_strip(self, args, nargs, 1, "lstrip"); }
static MiniObject *str_rstrip(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs) { return do_strip(self, args, nargs, 2, "rstrip"); }

static MiniObject *str_replace(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs) {
    MiniObject *old, *repl;
    Mini_ssize_t count = -1;
    {
        Mini_ssize_t n = nargs;
        if (n < 2 || n > 3)
            return MiniErr_Format(MiniExc_TypeError, n < 2 ? "replace expected at least 2 arguments, got %zd"
                                                           : "replace expected at most 3 arguments, got %zd", n);
        old = args[0];
        repl = args[1];
        if (require_str_arg(old, "replace", 1) < 0 || require_str_arg(repl, "replace", 2) < 0) return NULL;
        if (n == 3) {
            MiniObject *c = args[2];
            MiniNumberMethods *nb = Mini_TYPE(c)->tp_as_number;
            if (!MiniLong_Check(c) && (nb == NULL || nb->nb_index == NULL))
                return MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                                      MiniType_Name(Mini_TYPE(c)));
            count = MiniNumber_AsSsize_t(c, MiniExc_OverflowError);
            if (count == -1 && MiniErr_Occurred()) return NULL;
        }
    }
    if (count < 0) count = MINI_SSIZE_T_MAX;
    const char *s = DATA(self), *o = DATA(old), *r = DATA(repl);
    Mini_ssize_t n = NBYTES(self), m = NBYTES(old), rn = NBYTES(repl);
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    Mini_ssize_t i = 0;
    if (m == 0) {
        /* Insert repl before every code point and at the end. */
        int len;
        while (count > 0 && i <= n) {
            _MiniStrBuf_Append(&b, r, (size_t)rn);
            count--;
            if (i == n) { i = n + 1; break; }
            cp_at(s, i, &len);
            _MiniStrBuf_Append(&b, s + i, (size_t)len);
            i += len;
        }
        if (i <= n) _MiniStrBuf_Append(&b, s + i, (size_t)(n - i));
        return _MiniStrBuf_Finish(&b);
    }
    Mini_ssize_t replaced = 0;
    while (count-- > 0) {
        Mini_ssize_t at = find_bytes(s, i, n, o, m, 0);
        if (at < 0) break;
        _MiniStrBuf_Append(&b, s + i, (size_t)(at - i));
        _MiniStrBuf_Append(&b, r, (size_t)rn);
        i = at + m;
        replaced++;
    }
    if (replaced == 0) {
        _MiniStrBuf_Discard(&b);
        return return_self(self);
    }
    _MiniStrBuf_Append(&b, s + i, (size_t)(n - i));
    return _MiniStrBuf_Finish(&b);
}

static MiniObject *str_removeprefix(MiniObject *self, MiniObject *prefix) {
    if (require_str_arg(prefix, "removeprefix", 1) < 0) return NULL;
    Mini_ssize_t m = NBYTES(prefix);
    if (m <= NBYTES(self) && memcmp(DATA(self), DATA(prefix), (size_t)m) == 0 && m > 0)
        return new_str(DATA(self) + m, NBYTES(self) - m);
    return return_self(self);
}

static MiniObject *str_removesuffix(MiniObject *self, MiniObject *suffix) {
    if (require_str_arg(suffix, "removesuffix", 1) < 0) return NULL;
    Mini_ssize_t m = NBYTES(suffix), n = NBYTES(self);
    if (m > 0 && m <= n && memcmp(DATA(self) + n - m, DATA(suffix), (size_t)m) == 0) return new_str(DATA(self), n - m);
    return return_self(self);
}

/* ----- case ------------------------------------------------------------------------------------------ */

static void append_cp(_MiniStrBuf *b, uint32_t c) {
    char buf[4];
    _MiniStrBuf_Append(b, buf, (size_t)_MiniUnicode_EncodeUTF8(c, buf));
}

/* mode: 'u' upper, 'l' lower, 's' swapcase, 't' title, 'c' capitalize. */
/* upper()/lower() of an ASCII string: a byte loop, no code-point decoding or table lookups.
 * NULL (no exception) when the string is not ASCII. */
static MiniObject *ascii_case(const char *s, Mini_ssize_t n, int upper) {
    char small[128], *buf = small;
    if (n > (Mini_ssize_t)sizeof small && (buf = malloc((size_t)n)) == NULL) return NULL;
    Mini_ssize_t i = 0;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) break;
        if (upper && c >= 'a' && c <= 'z') c = (unsigned char)(c - 32);
        else if (!upper && c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        buf[i] = (char)c;
    }
    MiniObject *res = i == n ? new_str(buf, n) : NULL;
    if (buf != small) free(buf);
    if (i == n && res == NULL) MiniErr_Clear();   /* the general path retries and reports */
    return res;
}

static MiniObject *change_case(MiniObject *self, char mode) {
    const char *s = DATA(self);
    Mini_ssize_t n = NBYTES(self);
    if (mode == 'u' || mode == 'l') {
        MiniObject *fast = ascii_case(s, n, mode == 'u');
        if (fast != NULL) return fast;
    }
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    int prev_cased = 0, first = 1;
    for (Mini_ssize_t i = 0; i < n;) {
        int len;
        uint32_t c = cp_at(s, i, &len), out;
        int upper;
        switch (mode) {
        case 'u': upper = 1; break;
        case 'l': upper = 0; break;
        case 's': upper = _MiniUCD_IsLower(c); if (!_MiniUCD_IsCased(c)) { append_cp(&b, c); i += len; continue; } break;
        case 't': upper = !prev_cased; break;
        default: upper = first; break;
        }
        if (upper && c == 0xDF) { _MiniStrBuf_AppendC(&b, mode == 't' || mode == 'c' ? "Ss" : "SS"); }
        else {
            out = upper ? _MiniUCD_ToUpper(c) : _MiniUCD_ToLower(c);
            append_cp(&b, out);
        }
        prev_cased = _MiniUCD_IsCased(c);
        first = 0;
        i += len;
    }
    return _MiniStrBuf_Finish(&b);
}

static MiniObject *str_upper(MiniObject *self, MiniObject *unused) { (void)unused; return change_case(self, 'u'); }
static MiniObject *str_lower(MiniObject *self, MiniObject *unused) { (void)unused; return change_case(self, 'l'); }
static MiniObject *str_casefold(MiniObject *self, MiniObject *unused) { (void)unused; return _MiniUnicode_CaseFold(self); }
static MiniObject *str_swapcase(MiniObject *self, MiniObject *unused) { (void)unused; return change_case(self, 's'); }
static MiniObject *str_title(MiniObject *self, MiniObject *unused) { (void)unused; return change_case(self, 't'); }
static MiniObject *str_capitalize(MiniObject *self, MiniObject *unused) { (void)unused; return change_case(self, 'c'); }

/* ----- predicates ------------------------------------------------------------------------------------- */

/* 1 if every code point satisfies pred (and the string is not empty). */
static MiniObject *all_match(MiniObject *self, int (*pred)(uint32_t)) {
    const char *s = DATA(self);
    Mini_ssize_t n = NBYTES(self);
    if (n == 0) Mini_RETURN_FALSE;
    for (Mini_ssize_t i = 0; i < n;) {
        int len;
        if (!pred(cp_at(s, i, &len))) Mini_RETURN_FALSE;
        i += len;
    }
    Mini_RETURN_TRUE;
}

static int is_decimal(uint32_t c) { return _MiniUCD_DecimalValue(c) >= 0; }
static int is_alnum(uint32_t c) { return _MiniUCD_IsAlpha(c) || _MiniUCD_IsNumeric(c); }

static MiniObject *str_isdigit(MiniObject *self, MiniObject *u) { (void)u; return all_match(self, _MiniUCD_IsDigit); }
static MiniObject *str_isdecimal(MiniObject *self, MiniObject *u) { (void)u; return all_match(self, is_decimal); }
static MiniObject *str_isnumeric(MiniObject *self, MiniObject *u) { (void)u; return all_match(self, _MiniUCD_IsNumeric); }
static MiniObject *str_isalpha(MiniObject *self, MiniObject *u) { (void)u; return all_match(self, _MiniUCD_IsAlpha); }
static MiniObject *str_isalnum(MiniObject *self, MiniObject *u) { (void)u; return all_match(self, is_alnum); }
static MiniObject *str_isspace(MiniObject *self, MiniObject *u) { (void)u; return all_match(self, _MiniUCD_IsSpace); }

static MiniObject *str_isascii(MiniObject *self, MiniObject *u) { (void)u; return MiniBool_FromLong(IS_ASCII(self)); }

static MiniObject *str_isprintable(MiniObject *self, MiniObject *u) {
    (void)u;
    if (NBYTES(self) == 0) Mini_RETURN_TRUE;
    return all_match(self, _MiniUCD_IsPrintable);
}

/* isupper / islower: at least one cased character, and none of the other case. */
static MiniObject *case_predicate(MiniObject *self, int want_upper) {
    const char *s = DATA(self);
    Mini_ssize_t n = NBYTES(self);
    int cased = 0;
    for (Mini_ssize_t i = 0; i < n;) {
        int len;
        uint32_t c = cp_at(s, i, &len);
        if (want_upper ? _MiniUCD_IsLower(c) : _MiniUCD_IsUpper(c)) Mini_RETURN_FALSE;
        if (want_upper ? _MiniUCD_IsUpper(c) : _MiniUCD_IsLower(c)) cased = 1;
        i += len;
    }
    return MiniBool_FromLong(cased);
}

static MiniObject *str_isupper(MiniObject *self, MiniObject *u) { (void)u; return case_predicate(self, 1); }
static MiniObject *str_islower(MiniObject *self, MiniObject *u) { (void)u; return case_predicate(self, 0); }

static MiniObject *str_istitle(MiniObject *self, MiniObject *u) {
    (void)u;
    const char *s = DATA(self);
    Mini_ssize_t n = NBYTES(self);
    int cased = 0, prev_cased = 0;
    for (Mini_ssize_t i = 0; i < n;) {
        int len;
        uint32_t c = cp_at(s, i, &len);
        if (_MiniUCD_IsUpper(c)) {
            if (prev_cased) Mini_RETURN_FALSE;
            prev_cased = cased = 1;
        } else if (_MiniUCD_IsLower(c)) {
            if (!prev_cased) Mini_RETURN_FALSE;
            prev_cased = cased = 1;
        } else {
            prev_cased = 0;
        }
        i += len;
    }
    return MiniBool_FromLong(cased);
}

static MiniObject *str_isidentifier(MiniObject *self, MiniObject *u) {
    (void)u;
    const char *s = DATA(self);
    Mini_ssize_t n = NBYTES(self);
    if (n == 0) Mini_RETURN_FALSE;
    for (Mini_ssize_t i = 0; i < n;) {
        int len;
        uint32_t c = cp_at(s, i, &len);
        int ok = i == 0 ? _MiniUCD_IsXIDStart(c) : _MiniUCD_IsXIDContinue(c);
        if (!ok) Mini_RETURN_FALSE;
        i += len;
    }
    Mini_RETURN_TRUE;
}

/* ----- padding ------------------------------------------------------------------------------------------ */

/* Parses (width[, fillchar]) for center / ljust / rjust. */
static int pad_args(MiniObject *args, const char *name, Mini_ssize_t *width, uint32_t *fill) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n < 1 || n > 2) {
        MiniErr_Format(MiniExc_TypeError, n < 1 ? "%s expected at least 1 argument, got %zd"
                                                : "%s expected at most 2 arguments, got %zd", name, n);
        return -1;
    }
    MiniObject *w = MiniTuple_GET_ITEM(args, 0);
    MiniNumberMethods *nb = Mini_TYPE(w)->tp_as_number;
    if (!MiniLong_Check(w) && (nb == NULL || nb->nb_index == NULL)) {
        MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer", MiniType_Name(Mini_TYPE(w)));
        return -1;
    }
    *width = MiniNumber_AsSsize_t(w, MiniExc_OverflowError);
    if (*width == -1 && MiniErr_Occurred()) return -1;
    *fill = ' ';
    if (n == 2) {
        MiniObject *f = MiniTuple_GET_ITEM(args, 1);
        if (require_str_arg(f, name, 2) < 0) return -1;
        if (LEN(f) != 1) {
            MiniErr_SetString(MiniExc_TypeError, "The fill character must be exactly one character long");
            return -1;
        }
        int len;
        *fill = _MiniUnicode_DecodeUTF8(DATA(f), &len);
    }
    return 0;
}

static MiniObject *pad(MiniObject *self, Mini_ssize_t left, Mini_ssize_t right, uint32_t fill) {
    if (left <= 0 && right <= 0) return return_self(self);
    if (left < 0) left = 0;
    if (right < 0) right = 0;
    char f[4];
    int flen = _MiniUnicode_EncodeUTF8(fill, f);
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    for (Mini_ssize_t i = 0; i < left; i++) _MiniStrBuf_Append(&b, f, (size_t)flen);
    _MiniStrBuf_Append(&b, DATA(self), (size_t)NBYTES(self));
    for (Mini_ssize_t i = 0; i < right; i++) _MiniStrBuf_Append(&b, f, (size_t)flen);
    return _MiniStrBuf_Finish(&b);
}

static MiniObject *str_center(MiniObject *self, MiniObject *args) {
    Mini_ssize_t width;
    uint32_t fill;
    if (pad_args(args, "center", &width, &fill) < 0) return NULL;
    Mini_ssize_t marg = width - LEN(self);
    if (marg <= 0) return return_self(self);
    /* CPython puts the odd padding character on the left when width is odd. */
    Mini_ssize_t left = marg / 2 + (marg & width & 1);
    return pad(self, left, marg - left, fill);
}

static MiniObject *str_ljust(MiniObject *self, MiniObject *args) {
    Mini_ssize_t width;
    uint32_t fill;
    if (pad_args(args, "ljust", &width, &fill) < 0) return NULL;
    return pad(self, 0, width - LEN(self), fill);
}

static MiniObject *str_rjust(MiniObject *self, MiniObject *args) {
    Mini_ssize_t width;
    uint32_t fill;
    if (pad_args(args, "rjust", &width, &fill) < 0) return NULL;
    return pad(self, width - LEN(self), 0, fill);
}

static MiniObject *str_zfill(MiniObject *self, MiniObject *w) {
    MiniNumberMethods *nb = Mini_TYPE(w)->tp_as_number;
    if (!MiniLong_Check(w) && (nb == NULL || nb->nb_index == NULL))
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer", MiniType_Name(Mini_TYPE(w)));
    Mini_ssize_t width = MiniNumber_AsSsize_t(w, MiniExc_OverflowError);
    if (width == -1 && MiniErr_Occurred()) return NULL;
    Mini_ssize_t fill = width - LEN(self);
    if (fill <= 0) return return_self(self);
    const char *s = DATA(self);
    int sign = NBYTES(self) > 0 && (s[0] == '+' || s[0] == '-');
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    if (sign) _MiniStrBuf_AppendChar(&b, s[0]);
    for (Mini_ssize_t i = 0; i < fill; i++) _MiniStrBuf_AppendChar(&b, '0');
    _MiniStrBuf_Append(&b, s + sign, (size_t)(NBYTES(self) - sign));
    return _MiniStrBuf_Finish(&b);
}

static MiniObject *str_expandtabs(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    static char *kwlist[] = { "tabsize", NULL };
    int tabsize = 8;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|i:expandtabs", kwlist, &tabsize)) return NULL;
    const char *s = DATA(self);
    Mini_ssize_t n = NBYTES(self), col = 0;
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    for (Mini_ssize_t i = 0; i < n;) {
        int len;
        uint32_t c = cp_at(s, i, &len);
        if (c == '\t') {
            if (tabsize > 0) {
                Mini_ssize_t spaces = tabsize - (col % tabsize);
                for (Mini_ssize_t k = 0; k < spaces; k++) _MiniStrBuf_AppendChar(&b, ' ');
                col += spaces;
            }
        } else {
            _MiniStrBuf_Append(&b, s + i, (size_t)len);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
        i += len;
    }
    return _MiniStrBuf_Finish(&b);
}

/* ----- encode, translate ---------------------------------------------------------------------------- */

/* Normalises an encoding name: lower case, '_' and ' ' as '-'. */
static void normalize_encoding(const char *in, char *out, size_t size) {
    size_t i = 0;
    for (; in[i] && i + 1 < size; i++) {
        char c = (char)tolower((unsigned char)in[i]);
        out[i] = (c == '_' || c == ' ') ? '-' : c;
    }
    out[i] = '\0';
}

static MiniObject *str_encode(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    static char *kwlist[] = { "encoding", "errors", NULL };
    const char *encoding = "utf-8", *errors = "strict";
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|ss:encode", kwlist, &encoding, &errors)) return NULL;
    char enc[32];
    normalize_encoding(encoding, enc, sizeof enc);
    if (strcmp(enc, "utf-8") == 0 || strcmp(enc, "utf8") == 0)
        return MiniBytes_FromStringAndSize(DATA(self), NBYTES(self));
    unsigned limit;
    const char *codec;
    if (strcmp(enc, "ascii") == 0 || strcmp(enc, "us-ascii") == 0) { limit = 128; codec = "ascii"; }
    else if (strcmp(enc, "latin-1") == 0 || strcmp(enc, "latin1") == 0 || strcmp(enc, "iso-8859-1") == 0 ||
             strcmp(enc, "iso8859-1") == 0) { limit = 256; codec = "latin-1"; }
    else return MiniErr_Format(MiniExc_LookupError, "unknown encoding: %s", encoding);
    int ignore = strcmp(errors, "ignore") == 0, replace = strcmp(errors, "replace") == 0;
    if (!ignore && !replace && strcmp(errors, "strict") != 0)
        return MiniErr_Format(MiniExc_LookupError, "unknown error handler name '%s'", errors);
    const char *s = DATA(self);
    Mini_ssize_t n = NBYTES(self), pos = 0;
    char *out = malloc((size_t)n + 1);
    if (out == NULL) return MiniErr_NoMemory();
    Mini_ssize_t k = 0;
    for (Mini_ssize_t i = 0; i < n; pos++) {
        int len;
        uint32_t c = cp_at(s, i, &len);
        if (c < limit) out[k++] = (char)c;
        else if (replace) out[k++] = '?';
        else if (!ignore) {
            free(out);
            const char *fmt = c < 0x100 ? "'%s' codec can't encode character '\\x%02x' in position %zd: ordinal not in range(%u)"
                            : c < 0x10000 ? "'%s' codec can't encode character '\\u%04x' in position %zd: ordinal not in range(%u)"
                            : "'%s' codec can't encode character '\\U%08x' in position %zd: ordinal not in range(%u)";
            return MiniErr_Format(MiniExc_UnicodeEncodeError, fmt, codec, (unsigned)c, pos, limit);
        }
        i += len;
    }
    MiniObject *res = MiniBytes_FromStringAndSize(out, k);
    free(out);
    return res;
}

static MiniObject *str_translate(MiniObject *self, MiniObject *table) {
    const char *s = DATA(self);
    Mini_ssize_t n = NBYTES(self);
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    for (Mini_ssize_t i = 0; i < n;) {
        int len;
        uint32_t c = cp_at(s, i, &len);
        MiniObject *key = MiniLong_FromLong((long)c);
        MiniObject *v = key ? MiniObject_GetItem(table, key) : NULL;
        Mini_XDECREF(key);
        if (v == NULL) {
            if (!MiniErr_ExceptionMatches(MiniExc_LookupError)) { _MiniStrBuf_Discard(&b); return NULL; }
            MiniErr_Clear();
            _MiniStrBuf_Append(&b, s + i, (size_t)len);
        } else if (v == Mini_None) {
            /* deleted */
        } else if (MiniLong_Check(v)) {
            long cp = MiniLong_AsLong(v);
            if (cp < 0 || cp > 0x10FFFF) {
                Mini_DECREF(v);
                _MiniStrBuf_Discard(&b);
                return MiniErr_Format(MiniExc_ValueError, "character mapping must be in range(0x110000)");
            }
            append_cp(&b, (uint32_t)cp);
        } else if (MiniUnicode_Check(v)) {
            _MiniStrBuf_AppendStr(&b, v);
        } else {
            Mini_DECREF(v);
            _MiniStrBuf_Discard(&b);
            return MiniErr_Format(MiniExc_TypeError, "character mapping must return integer, None or str");
        }
        Mini_XDECREF(v);
        i += len;
    }
    return _MiniStrBuf_Finish(&b);
}

/* str.maketrans(x[, y[, z]]), a static method: a dict from code points to str / int / None. */
static MiniObject *str_maketrans(MiniObject *unused, MiniObject *args) {
    (void)unused;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n < 1 || n > 3)
        return MiniErr_Format(MiniExc_TypeError, n < 1 ? "maketrans expected at least 1 argument, got %zd"
                                                       : "maketrans expected at most 3 arguments, got %zd", n);
    MiniObject *x = MiniTuple_GET_ITEM(args, 0), *d = MiniDict_New();
    if (d == NULL) return NULL;
    if (n == 1) {
        if (!MiniDict_Check(x)) {
            Mini_DECREF(d);
            return MiniErr_Format(MiniExc_TypeError, "if you give only one argument to maketrans it must be a dict");
        }
        Mini_ssize_t pos = 0;
        MiniObject *k, *v;
        while (MiniDict_Next(x, &pos, &k, &v)) {
            MiniObject *key;
            if (MiniUnicode_Check(k)) {
                if (LEN(k) != 1) {
                    Mini_DECREF(d);
                    return MiniErr_Format(MiniExc_ValueError, "string keys in translate table must be of length 1");
                }
                int len;
                key = MiniLong_FromLong((long)_MiniUnicode_DecodeUTF8(DATA(k), &len));
            } else if (MiniLong_Check(k)) {
                key = Mini_NewRef(k);
            } else {
                Mini_DECREF(d);
                return MiniErr_Format(MiniExc_TypeError, "keys in translate table must be strings or integers");
            }
            int r = key ? MiniDict_SetItem(d, key, v) : -1;
            Mini_XDECREF(key);
            if (r < 0) { Mini_DECREF(d); return NULL; }
        }
        return d;
    }
    MiniObject *y = MiniTuple_GET_ITEM(args, 1), *z = n == 3 ? MiniTuple_GET_ITEM(args, 2) : NULL;
    if (!MiniUnicode_Check(x) || !MiniUnicode_Check(y) || (z && !MiniUnicode_Check(z))) {
        Mini_DECREF(d);
        return MiniErr_Format(MiniExc_TypeError, "maketrans() arguments must be strings");
    }
    if (LEN(x) != LEN(y)) {
        Mini_DECREF(d);
        return MiniErr_Format(MiniExc_ValueError, "the first two maketrans arguments must have equal length");
    }
    const char *px = DATA(x), *py = DATA(y);
    for (Mini_ssize_t i = 0, j = 0; i < NBYTES(x);) {
        int lx, ly;
        uint32_t cx = _MiniUnicode_DecodeUTF8(px + i, &lx), cy = _MiniUnicode_DecodeUTF8(py + j, &ly);
        MiniObject *k = MiniLong_FromLong((long)cx), *v = MiniLong_FromLong((long)cy);
        int r = (k && v) ? MiniDict_SetItem(d, k, v) : -1;
        Mini_XDECREF(k);
        Mini_XDECREF(v);
        if (r < 0) { Mini_DECREF(d); return NULL; }
        i += lx;
        j += ly;
    }
    if (z != NULL) {
        const char *pz = DATA(z);
        for (Mini_ssize_t i = 0; i < NBYTES(z);) {
            int lz;
            MiniObject *k = MiniLong_FromLong((long)_MiniUnicode_DecodeUTF8(pz + i, &lz));
            int r = k ? MiniDict_SetItem(d, k, Mini_None) : -1;
            Mini_XDECREF(k);
            if (r < 0) { Mini_DECREF(d); return NULL; }
            i += lz;
        }
    }
    return d;
}

static MiniMethodDef maketrans_def = {
    "maketrans", str_maketrans, MINI_METH_VARARGS, "Return a translation table usable for str.translate().",
};

int _MiniUnicode_InitClassMethods(void) {
    MiniObject *f = MiniCFunction_NewEx(&maketrans_def, NULL, NULL);
    if (f == NULL) return -1;
    int r = MiniDict_SetItemString(MiniUnicode_Type.tp_dict, "maketrans", f);
    Mini_DECREF(f);
    return r;
}

/* ----- format -------------------------------------------------------------------------------------------- */

static MiniObject *str_format(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    return _MiniUnicode_FormatMethod(self, args, kwargs);
}

static MiniObject *str_format_map(MiniObject *self, MiniObject *mapping) {
    MiniObject *empty = MiniTuple_New(0);
    if (empty == NULL) return NULL;
    MiniObject *r = _MiniUnicode_FormatMethod(self, empty, mapping);
    Mini_DECREF(empty);
    return r;
}

static MiniObject *str_len_method(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return MiniLong_FromSsize_t(LEN(self));
}

#define VA MINI_METH_VARARGS
#define KW (MINI_METH_VARARGS | MINI_METH_KEYWORDS)
#define NO MINI_METH_NOARGS
#define O1 MINI_METH_O
#define FC MINI_METH_FASTCALL

MiniMethodDef _MiniUnicode_Methods[] = {
    { "join", str_join, O1, "Concatenate any number of strings." },
    { "split", _MiniCFunction_CAST(str_split), KW, "Return a list of the substrings in the string, using sep as the separator string." },
    { "rsplit", _MiniCFunction_CAST(str_rsplit), KW, "Return a list of the substrings in the string, splitting from the right." },
    { "splitlines", _MiniCFunction_CAST(str_splitlines), KW, "Return a list of the lines in the string, breaking at line boundaries." },
    { "strip", _MiniCFunction_CAST(str_strip), FC, "Return a copy of the string with leading and trailing whitespace removed." },
    { "lstrip", _MiniCFunction_CAST(str_lstrip), FC, "Return a copy of the string with leading whitespace removed." },
    { "rstrip", _MiniCFunction_CAST(str_rstrip), FC, "Return a copy of the string with trailing whitespace removed." },
    { "replace", _MiniCFunction_CAST(str_replace), FC, "Return a copy with all occurrences of substring old replaced by new." },
    { "removeprefix", str_removeprefix, O1, "Return a str with the given prefix string removed if present." },
    { "removesuffix", str_removesuffix, O1, "Return a str with the given suffix string removed if present." },
    { "startswith", _MiniCFunction_CAST(str_startswith), FC, "Return True if S starts with the specified prefix, False otherwise." },
    { "endswith", _MiniCFunction_CAST(str_endswith), FC, "Return True if S ends with the specified suffix, False otherwise." },
    { "find", _MiniCFunction_CAST(str_find), FC, "Return the lowest index in S where substring sub is found." },
    { "rfind", _MiniCFunction_CAST(str_rfind), FC, "Return the highest index in S where substring sub is found." },
    { "index", _MiniCFunction_CAST(str_index), FC, "Like find() but raise ValueError when the substring is not found." },
    { "rindex", _MiniCFunction_CAST(str_rindex), FC, "Like rfind() but raise ValueError when the substring is not found." },
    { "count", _MiniCFunction_CAST(str_count), FC, "Return the number of non-overlapping occurrences of substring sub." },
    { "upper", str_upper, NO, "Return a copy of the string converted to uppercase." },
    { "lower", str_lower, NO, "Return a copy of the string converted to lowercase." },
    { "casefold", str_casefold, NO, "Return a version of the string suitable for caseless comparisons." },
    { "swapcase", str_swapcase, NO, "Convert uppercase characters to lowercase and lowercase characters to uppercase." },
    { "title", str_title, NO, "Return a version of the string where each word is titlecased." },
    { "capitalize", str_capitalize, NO, "Return a capitalized version of the string." },
    { "isdigit", str_isdigit, NO, "Return True if the string is a digit string, False otherwise." },
    { "isdecimal", str_isdecimal, NO, "Return True if the string is a decimal string, False otherwise." },
    { "isnumeric", str_isnumeric, NO, "Return True if the string is a numeric string, False otherwise." },
    { "isalpha", str_isalpha, NO, "Return True if the string is an alphabetic string, False otherwise." },
    { "isalnum", str_isalnum, NO, "Return True if the string is an alpha-numeric string, False otherwise." },
    { "isspace", str_isspace, NO, "Return True if the string is a whitespace string, False otherwise." },
    { "isupper", str_isupper, NO, "Return True if the string is an uppercase string, False otherwise." },
    { "islower", str_islower, NO, "Return True if the string is a lowercase string, False otherwise." },
    { "istitle", str_istitle, NO, "Return True if the string is a title-cased string, False otherwise." },
    { "isascii", str_isascii, NO, "Return True if all characters in the string are ASCII, False otherwise." },
    { "isprintable", str_isprintable, NO, "Return True if the string is printable, False otherwise." },
    { "isidentifier", str_isidentifier, NO, "Return True if the string is a valid Python identifier, False otherwise." },
    { "center", str_center, VA, "Return a centered string of length width." },
    { "ljust", str_ljust, VA, "Return a left-justified string of length width." },
    { "rjust", str_rjust, VA, "Return a right-justified string of length width." },
    { "zfill", str_zfill, O1, "Pad a numeric string with zeros on the left, to fill a field of the given width." },
    { "expandtabs", _MiniCFunction_CAST(str_expandtabs), KW, "Return a copy where all tab characters are expanded using spaces." },
    { "partition", str_partition, O1, "Partition the string into three parts using the given separator." },
    { "rpartition", str_rpartition, O1, "Partition the string into three parts using the given separator, from the right." },
    { "format", _MiniCFunction_CAST(str_format), KW, "Return a formatted version of S, using substitutions from args and kwargs." },
    { "format_map", str_format_map, O1, "Return a formatted version of S, using substitutions from mapping." },
    { "encode", _MiniCFunction_CAST(str_encode), KW, "Encode the string using the codec registered for encoding." },
    { "translate", str_translate, O1, "Replace each character in the string using the given translation table." },
    { "__len__", str_len_method, NO, NULL },
    { NULL, NULL, 0, NULL },
};
