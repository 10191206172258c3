/* Modules/re_match.c: re.Match, the result of a successful match, in C (issue 11: regex_v8 spent
 * a third of its interpreted time building Match objects and reading their groups in re.py).
 *
 * A Match keeps the re.Pattern it came from, the searched object, pos/endpos as clamped for the
 * call, lastindex, and the start/end pair of every group inline (-1 for a group that did not take
 * part). Groups are sliced out of the string on demand: a str gives an exact str (O(1) for ASCII
 * text, a walk over the UTF-8 for other text), anything else gives bytes, as CPython's re does.
 * group/[]/groups/groupdict/start/end/span/expand/regs/lastgroup and the repr follow CPython
 * 3.11, errors included ("no such group"); expand() parses its template with re.py's cached
 * parser. Match objects are tracked by the cycle collector (a str subclass instance may refer
 * back to a match over it), as CPython's are. Everything here runs with the GIL held. */
#include "stdlib_internal.h"
#include "re_internal.h"
#include "unicodeobject_internal.h"
#include "vm_internal.h"

#include <string.h>

typedef struct {
    MiniObject_VAR_HEAD           /* ob_size: the number of slots, 2 * (groups + 1) */
    MiniObject *pattern;          /* re.Pattern */
    MiniObject *string;
    MiniObject *groupindex;       /* dict name -> group number (the program's) */
    Mini_ssize_t groups;
    Mini_ssize_t pos, endpos;
    Mini_ssize_t lastindex;       /* -1: None */
    Mini_ssize_t slots[1];
} MatchObject;

static MiniTypeObject Match_Type;

/* ----- slicing the string ---------------------------------------------------------------------- */

/* Byte offset of code point index i in UTF-8 text s, walking from (from_cp, from_byte). */
static Mini_ssize_t utf8_offset(const char *s, Mini_ssize_t from_cp, Mini_ssize_t from_byte, Mini_ssize_t i) {
    Mini_ssize_t b = from_byte;
    for (Mini_ssize_t k = from_cp; k < i; k++) {
        unsigned char c = (unsigned char)s[b];
        b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return b;
}

MiniObject *_MiniRe_Slice(MiniObject *string, Mini_ssize_t start, Mini_ssize_t end) {
    if (end < start) end = start;
    if (MiniUnicode_Check(string)) {
        MiniUnicodeObject *u = (MiniUnicodeObject *)string;
        if (u->ascii) return _MiniUnicode_FromUTF8Unchecked(u->data + start, end - start);
        Mini_ssize_t b0 = utf8_offset(u->data, 0, 0, start);
        Mini_ssize_t b1 = utf8_offset(u->data, start, b0, end);
        return _MiniUnicode_FromUTF8Unchecked(u->data + b0, b1 - b0);
    }
    if (Mini_IS_TYPE(string, &MiniBytes_Type)) return MiniBytes_FromStringAndSize(MiniBytes_AsString(string) + start, end - start);
    MiniBuffer view;
    if (MiniObject_GetBuffer(string, &view, MINI_BUF_SIMPLE) < 0) return NULL;
    if (end > view.len) end = view.len;
    if (start > end) start = end;
    MiniObject *r = MiniBytes_FromStringAndSize((const char *)view.buf + start, end - start);
    MiniBuffer_Release(&view);
    return r;
}

/* ----- construction ---------------------------------------------------------------------------- */

MiniObject *_MiniRe_NewMatch(MiniObject *pattern, ProgramObject *p, MiniObject *string, const Mini_ssize_t *slots,
                             Mini_ssize_t lastindex, Mini_ssize_t pos, Mini_ssize_t endpos) {
    Mini_ssize_t n = 2 * (p->prog.groups + 1);
    MatchObject *m = (MatchObject *)MiniObject_NewVar(&Match_Type, n);
    if (m == NULL) return NULL;
    m->pattern = Mini_NewRef(pattern);
    m->string = Mini_NewRef(string);
    m->groupindex = Mini_NewRef(p->groupindex);
    m->groups = p->prog.groups;
    m->pos = pos;
    m->endpos = endpos;
    m->lastindex = lastindex > 0 ? lastindex : -1;
    memcpy(m->slots, slots, (size_t)n * sizeof(Mini_ssize_t));
    return (MiniObject *)m;
}

/* The cycle collector's slots: the subject and the pattern (the group index dict is the
 * program's, which holds no objects that can refer back). */
static int match_traverse(MiniObject *op, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((MatchObject *)op)->string);
    Mini_VISIT(((MatchObject *)op)->pattern);
    return 0;
}

static int match_clear(MiniObject *op) {
    Mini_CLEAR(((MatchObject *)op)->string);
    Mini_CLEAR(((MatchObject *)op)->pattern);
    return 0;
}

static void match_dealloc(MiniObject *op) {
    MatchObject *m = (MatchObject *)op;
    Mini_XDECREF(m->pattern);
    Mini_XDECREF(m->string);
    Mini_XDECREF(m->groupindex);
    MiniObject_Free(op);
}

/* ----- groups ---------------------------------------------------------------------------------- */

/* The group number g names: an int in range, a group name, or an object with __index__ in range.
 * -1 with IndexError("no such group") otherwise. */
static Mini_ssize_t match_index(MatchObject *m, MiniObject *g) {
    Mini_ssize_t i = -1;
    if (MiniUnicode_Check(g)) {
        MiniObject *v = MiniDict_GetItemWithError(m->groupindex, g);
        if (v != NULL && MiniLong_Check(v)) i = MiniLong_AsSsize_t(v);
    } else {
        MiniObject *v = MiniLong_Check(g) ? Mini_NewRef(g) : MiniNumber_Index(g);
        if (v != NULL) {
            i = MiniLong_AsSsize_t(v);
            Mini_DECREF(v);
        }
    }
    if (MiniErr_Occurred()) MiniErr_Clear();
    if (i < 0 || i > m->groups) {
        MiniErr_SetString(MiniExc_IndexError, "no such group");
        return -1;
    }
    return i;
}

/* Group i's text, or dflt (new reference) when it did not take part. New reference or NULL. */
static MiniObject *match_get(MatchObject *m, Mini_ssize_t i, MiniObject *dflt) {
    Mini_ssize_t s = m->slots[2 * i], e = m->slots[2 * i + 1];
    if (s < 0 || m->string == NULL) return Mini_NewRef(s < 0 ? dflt : Mini_None);   /* NULL: cleared by the collector */
    return _MiniRe_Slice(m->string, s, e);
}

static MiniObject *match_get_obj(MatchObject *m, MiniObject *g) {
    Mini_ssize_t i = match_index(m, g);
    return i < 0 ? NULL : match_get(m, i, Mini_None);
}

/* Match.group(*groups) */
static MiniObject *match_group(MiniObject *op, MiniObject *args) {
    MatchObject *m = (MatchObject *)op;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n == 0) return match_get(m, 0, Mini_None);
    if (n == 1) return match_get_obj(m, MiniTuple_GET_ITEM(args, 0));
    MiniObject *t = MiniTuple_New(n);
    if (t == NULL) return NULL;
    for (Mini_ssize_t k = 0; k < n; k++) {
        MiniObject *v = match_get_obj(m, MiniTuple_GET_ITEM(args, k));
        if (v == NULL) { Mini_DECREF(t); return NULL; }
        MiniTuple_SET_ITEM(t, k, v);
    }
    return t;
}

static MiniObject *match_subscript(MiniObject *op, MiniObject *key) {
    return match_get_obj((MatchObject *)op, key);
}

/* The optional `default` argument of groups()/groupdict(). Borrowed, or NULL with TypeError. */
static MiniObject *default_arg(MiniObject *args, MiniObject *kwargs, const char *fmt) {
    static char *kwlist[] = {"default", NULL};
    MiniObject *dflt = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, &dflt)) return NULL;
    return dflt;
}

/* Match.groups(default=None) */
static MiniObject *match_groups(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    MatchObject *m = (MatchObject *)op;
    MiniObject *dflt = default_arg(args, kwargs, "|O:groups");
    if (dflt == NULL) return NULL;
    MiniObject *t = MiniTuple_New(m->groups);
    if (t == NULL) return NULL;
    for (Mini_ssize_t i = 1; i <= m->groups; i++) {
        MiniObject *v = match_get(m, i, dflt);
        if (v == NULL) { Mini_DECREF(t); return NULL; }
        MiniTuple_SET_ITEM(t, i - 1, v);
    }
    return t;
}

/* Match.groupdict(default=None) */
static MiniObject *match_groupdict(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    MatchObject *m = (MatchObject *)op;
    MiniObject *dflt = default_arg(args, kwargs, "|O:groupdict");
    if (dflt == NULL) return NULL;
    MiniObject *d = MiniDict_New();
    if (d == NULL) return NULL;
    Mini_ssize_t it = 0;
    MiniObject *name, *num;
    while (MiniDict_Next(m->groupindex, &it, &name, &num)) {
        Mini_ssize_t i = MiniLong_AsSsize_t(num);
        MiniObject *v = i >= 0 && i <= m->groups ? match_get(m, i, dflt) : NULL;
        if (v == NULL || MiniDict_SetItem(d, name, v) < 0) {
            Mini_XDECREF(v);
            Mini_DECREF(d);
            return NULL;
        }
        Mini_DECREF(v);
    }
    return d;
}

/* The group named by start()/end()/span()'s optional argument (0 when absent), or -1. */
static Mini_ssize_t group_arg(MatchObject *m, MiniObject *args, const char *fmt) {
    MiniObject *g = NULL;
    if (!MiniArg_ParseTuple(args, fmt, &g)) return -1;
    return g == NULL ? 0 : match_index(m, g);
}

static MiniObject *match_start(MiniObject *op, MiniObject *args) {
    MatchObject *m = (MatchObject *)op;
    Mini_ssize_t i = group_arg(m, args, "|O:start");
    return i < 0 ? NULL : MiniLong_FromSsize_t(m->slots[2 * i]);
}

static MiniObject *match_end(MiniObject *op, MiniObject *args) {
    MatchObject *m = (MatchObject *)op;
    Mini_ssize_t i = group_arg(m, args, "|O:end");
    return i < 0 ? NULL : MiniLong_FromSsize_t(m->slots[2 * i + 1]);
}

static MiniObject *match_span(MiniObject *op, MiniObject *args) {
    MatchObject *m = (MatchObject *)op;
    Mini_ssize_t i = group_arg(m, args, "|O:span");
    return i < 0 ? NULL : Mini_BuildValue("(nn)", m->slots[2 * i], m->slots[2 * i + 1]);
}

/* Match.expand(template): the template parsed (and cached) by re._parse_template, expanded here. */
static MiniObject *match_expand(MiniObject *op, MiniObject *template) {
    MatchObject *m = (MatchObject *)op;
    if (m->pattern == NULL || m->string == NULL) return MiniErr_Format(MiniExc_ValueError, "the match was cleared");
    MiniObject *re = MiniImport_ImportModule("re");
    if (re == NULL) return NULL;
    MiniObject *items = MiniObject_CallMethodObjArgs(re, "_parse_template", template, m->pattern, NULL);
    Mini_DECREF(re);
    if (items == NULL) return NULL;
    MiniObject *parts = MiniList_New(0);
    MiniObject *result = NULL;
    if (parts == NULL) goto done;
    Mini_ssize_t n = MiniList_GET_SIZE(items);
    for (Mini_ssize_t k = 0; k < n; k++) {
        MiniObject *x = MiniList_GET_ITEM(items, k), *piece;
        if (MiniLong_CheckExact(x)) {
            Mini_ssize_t g = MiniLong_AsSsize_t(x);
            if (g < 0 || g > m->groups || m->slots[2 * g] < 0) continue;
            piece = match_get(m, g, Mini_None);
        } else {
            piece = Mini_NewRef(x);
        }
        if (piece == NULL || MiniList_Append(parts, piece) < 0) { Mini_XDECREF(piece); goto done; }
        Mini_DECREF(piece);
    }
    {
        MiniObject *empty = MiniUnicode_Check(m->string) ? MiniUnicode_FromString("") : MiniBytes_FromStringAndSize("", 0);
        if (empty == NULL) goto done;
        result = MiniObject_CallMethodObjArgs(empty, "join", parts, NULL);
        Mini_DECREF(empty);
    }
done:
    Mini_XDECREF(parts);
    Mini_DECREF(items);
    return result;
}

static MiniObject *match_self(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return Mini_NewRef(op);
}

/* ----- attributes and repr --------------------------------------------------------------------- */

/* A field, or None once the cycle collector has cleared the match. New reference. */
static MiniObject *field(MiniObject *o) { return Mini_NewRef(o != NULL ? o : Mini_None); }
static MiniObject *get_re(MiniObject *op, void *c) { (void)c; return field(((MatchObject *)op)->pattern); }
static MiniObject *get_string(MiniObject *op, void *c) { (void)c; return field(((MatchObject *)op)->string); }
static MiniObject *get_pos(MiniObject *op, void *c) { (void)c; return MiniLong_FromSsize_t(((MatchObject *)op)->pos); }
static MiniObject *get_endpos(MiniObject *op, void *c) { (void)c; return MiniLong_FromSsize_t(((MatchObject *)op)->endpos); }

static MiniObject *get_lastindex(MiniObject *op, void *c) {
    (void)c;
    MatchObject *m = (MatchObject *)op;
    return m->lastindex < 0 ? Mini_NewRef(Mini_None) : MiniLong_FromSsize_t(m->lastindex);
}

static MiniObject *get_lastgroup(MiniObject *op, void *c) {
    (void)c;
    MatchObject *m = (MatchObject *)op;
    Mini_ssize_t it = 0;
    MiniObject *name, *num;
    if (m->lastindex >= 0)
        while (MiniDict_Next(m->groupindex, &it, &name, &num))
            if (MiniLong_Check(num) && MiniLong_AsSsize_t(num) == m->lastindex) return Mini_NewRef(name);
    return Mini_NewRef(Mini_None);
}

static MiniObject *get_regs(MiniObject *op, void *c) {
    (void)c;
    MatchObject *m = (MatchObject *)op;
    MiniObject *t = MiniTuple_New(m->groups + 1);
    if (t == NULL) return NULL;
    for (Mini_ssize_t i = 0; i <= m->groups; i++) {
        MiniObject *pair = Mini_BuildValue("(nn)", m->slots[2 * i], m->slots[2 * i + 1]);
        if (pair == NULL) { Mini_DECREF(t); return NULL; }
        MiniTuple_SET_ITEM(t, i, pair);
    }
    return t;
}

/* <re.Match object; span=(s, e), match=REPR> with REPR cut to 50 characters. */
static MiniObject *match_repr(MiniObject *op) {
    MatchObject *m = (MatchObject *)op;
    MiniObject *g = match_get(m, 0, Mini_None);
    MiniObject *r = g ? MiniObject_Repr(g) : NULL;
    Mini_XDECREF(g);
    if (r == NULL) return NULL;
    MiniUnicodeObject *u = (MiniUnicodeObject *)r;
    Mini_ssize_t nbytes = u->length <= 50 ? _MiniUnicode_NBYTES(r) : utf8_offset(u->data, 0, 0, 50);
    MiniObject *head = MiniUnicode_FromFormat("<re.Match object; span=(%zd, %zd), match=", m->slots[0], m->slots[1]);
    MiniObject *cut = _MiniUnicode_FromUTF8Unchecked(u->data, nbytes);
    MiniObject *tail = MiniUnicode_FromString(">");
    MiniObject *res = NULL, *t = NULL;
    if (head != NULL && cut != NULL && tail != NULL && (t = MiniUnicode_Concat(head, cut)) != NULL)
        res = MiniUnicode_Concat(t, tail);
    Mini_XDECREF(t); Mini_XDECREF(head); Mini_XDECREF(cut); Mini_XDECREF(tail);
    Mini_DECREF(r);
    return res;
}

/* Match[...]: re._Alias(Match, item), as re.py gives Pattern[...]. args: (cls, item). */
static MiniObject *match_class_getitem(MiniObject *self, MiniObject *args) {
    (void)self;
    MiniObject *cls, *item;
    if (!MiniArg_ParseTuple(args, "OO:__class_getitem__", &cls, &item)) return NULL;
    MiniObject *re = MiniImport_ImportModule("re");
    if (re == NULL) return NULL;
    MiniObject *r = MiniObject_CallMethodObjArgs(re, "_Alias", cls, item, NULL);
    Mini_DECREF(re);
    return r;
}

static MiniMethodDef class_getitem_def = {"__class_getitem__", match_class_getitem, MINI_METH_VARARGS,
                                          "Match[T]: an alias for annotations."};

static MiniMethodDef match_methods[] = {
    {"group", match_group, MINI_METH_VARARGS, "group([group1, ...]) -> str or tuple."},
    {"groups", _MiniCFunction_CAST(match_groups), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "Return a tuple containing all the subgroups of the match."},
    {"groupdict", _MiniCFunction_CAST(match_groupdict), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "Return a dictionary containing all the named subgroups of the match."},
    {"start", match_start, MINI_METH_VARARGS, "Return index of the start of the substring matched by group."},
    {"end", match_end, MINI_METH_VARARGS, "Return index of the end of the substring matched by group."},
    {"span", match_span, MINI_METH_VARARGS, "For match object m, return the 2-tuple (m.start(group), m.end(group))."},
    {"expand", match_expand, MINI_METH_O, "Return the string obtained by doing backslash substitution on the template."},
    {"__copy__", match_self, MINI_METH_NOARGS, NULL},
    {"__deepcopy__", match_self, MINI_METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef match_getset[] = {
    {"re", get_re, NULL, "The pattern object that produced this match.", NULL},
    {"string", get_string, NULL, "The string passed to match() or search().", NULL},
    {"pos", get_pos, NULL, "The index into the string at which the engine started looking.", NULL},
    {"endpos", get_endpos, NULL, "The index into the string beyond which the engine would not go.", NULL},
    {"lastindex", get_lastindex, NULL, "The integer index of the last matched capturing group.", NULL},
    {"lastgroup", get_lastgroup, NULL, "The name of the last matched capturing group.", NULL},
    {"regs", get_regs, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniMappingMethods match_as_mapping = {
    .mp_subscript = match_subscript,
};

static MiniTypeObject Match_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "re.Match",
    .tp_basicsize = sizeof(MatchObject) - sizeof(Mini_ssize_t),
    .tp_itemsize = sizeof(Mini_ssize_t),
    .tp_dealloc = match_dealloc,
    .tp_repr = match_repr,
    .tp_as_mapping = &match_as_mapping,
    .tp_methods = match_methods,
    .tp_getset = match_getset,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = match_traverse,
    .tp_clear = match_clear,
    .tp_doc = "The result of re.match() and re.search().",
};

MiniObject *_MiniRe_MatchType(void) {
    if (Match_Type.tp_flags & MINI_TPFLAGS_READY) return (MiniObject *)&Match_Type;
    if (MiniType_Ready(&Match_Type) < 0) return NULL;
    MiniObject *f = MiniCFunction_New(&class_getitem_def, NULL);
    MiniObject *cm = f ? MiniObject_CallOneArg((MiniObject *)&MiniClassMethod_Type, f) : NULL;
    Mini_XDECREF(f);
    if (cm == NULL) return NULL;
    int r = MiniDict_SetItemString(Match_Type.tp_dict, "__class_getitem__", cm);
    Mini_DECREF(cm);
    return r < 0 ? NULL : (MiniObject *)&Match_Type;
}
