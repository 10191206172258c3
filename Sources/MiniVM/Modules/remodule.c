/* Modules/remodule.c: `_re`, the C half of the `re` module (Sources/MiniPy/Lib/re.py is the
 * public API: Pattern, Match, sub/split templates, the compile cache, re.error).
 *
 *   _re.compile(pattern, flags) -> Program, or a tuple (message, position) for a syntax error
 *                                  (position None when CPython reports none); re.py turns that
 *                                  tuple into re.error so the message logic lives in one place
 *   Program.exec(string, pos, endpos, mode) -> None or (lastindex, start0, end0, start1, end1, ...)
 *                                  mode 0 match, 1 fullmatch, 2 search; -1 for a group that did
 *                                  not take part, lastindex None when no group closed
 *   Program.scan(string, pos, endpos) -> an iterator of such tuples: the successive
 *                                  non-overlapping matches as finditer/sub/split see them (an
 *                                  empty match may not start where the previous match ended
 *                                  empty, as CPython 3.7+)
 *   Program.findall(string, pos, endpos) -> re.findall's list (re_findall.c)
 *   Program.groups, .groupindex (a dict name -> number), .flags (with the inline flags)
 *
 * A str text whose characters are all ASCII is matched in place over its UTF-8 bytes; any other
 * str is decoded into an array of code points for the duration of the call (or the scan); a
 * bytes-like text is pinned through the buffer protocol. The GIL is held throughout, as CPython's
 * re holds it; the matcher polls the eval breaker (re_exec.c). */
#include "stdlib_internal.h"
#include "re_internal.h"
#include "unicodeobject_internal.h"

#include <stdlib.h>
#include <string.h>

static MiniTypeObject Program_Type, Scanner_Type;

/* ----- texts ----------------------------------------------------------------------------------- */

int _MiniRe_TextPrepare(MiniObject *obj, int is_bytes, ReTextHold *h) {
    memset(h, 0, sizeof *h);
    if (MiniUnicode_Check(obj)) {
        if (is_bytes) {
            MiniErr_SetString(MiniExc_TypeError, "cannot use a bytes pattern on a string-like object");
            return -1;
        }
        MiniUnicodeObject *u = (MiniUnicodeObject *)obj;
        Mini_ssize_t n = u->length;
        h->t.len = n;
        if (u->ascii) {
            h->t.b = (const unsigned char *)u->data;
            return 0;
        }
        h->owned = malloc((size_t)(n ? n : 1) * sizeof(uint32_t));
        if (h->owned == NULL) { MiniErr_NoMemory(); return -1; }
        const char *p = u->data;
        for (Mini_ssize_t i = 0; i < n; i++) {
            int len;
            h->owned[i] = _MiniUnicode_DecodeUTF8(p, &len);
            p += len;
        }
        h->t.u = h->owned;
        return 0;
    }
    if (!MiniObject_CheckBuffer(obj)) {
        MiniErr_Format(MiniExc_TypeError, "expected string or bytes-like object, got '%s'", MiniType_Name(Mini_TYPE(obj)));
        return -1;
    }
    if (!is_bytes) {
        MiniErr_SetString(MiniExc_TypeError, "cannot use a string pattern on a bytes-like object");
        return -1;
    }
    if (MiniObject_GetBuffer(obj, &h->view, MINI_BUF_SIMPLE) < 0) return -1;
    h->has_view = 1;
    h->t.b = h->view.buf;
    h->t.len = h->view.len;
    static const unsigned char empty[1];
    if (h->t.b == NULL) h->t.b = empty;
    return 0;
}

void _MiniRe_TextRelease(ReTextHold *h) {
    free(h->owned);
    h->owned = NULL;
    if (h->has_view) { MiniBuffer_Release(&h->view); h->has_view = 0; }
}

/* Clamps pos/endpos the way CPython does. */
static void clamp(Mini_ssize_t len, Mini_ssize_t *pos, Mini_ssize_t *endpos) {
    if (*pos < 0) *pos = 0;
    if (*pos > len) *pos = len;
    if (*endpos < 0) *endpos = 0;
    if (*endpos > len) *endpos = len;
}

/* The result tuple for a successful match (slots already normalised). New reference or NULL. */
static MiniObject *result_tuple(const ProgramObject *p, const Mini_ssize_t *slots, Mini_ssize_t lastindex) {
    Mini_ssize_t n = 2 * (p->prog.groups + 1);
    MiniObject *t = MiniTuple_New(n + 1);
    if (t == NULL) return NULL;
    MiniObject *li = lastindex > 0 ? MiniLong_FromSsize_t(lastindex) : Mini_NewRef(Mini_None);
    if (li == NULL) { Mini_DECREF(t); return NULL; }
    MiniTuple_SET_ITEM(t, 0, li);
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *o = MiniLong_FromSsize_t(slots[i]);
        if (o == NULL) { Mini_DECREF(t); return NULL; }
        MiniTuple_SET_ITEM(t, i + 1, o);
    }
    return t;
}

int _MiniRe_Run(ProgramObject *p, const ReText *t, Mini_ssize_t pos, Mini_ssize_t endpos, int mode,
                int must_advance, Mini_ssize_t *slots, Mini_ssize_t *lastindex) {
    *lastindex = -1;
    if (pos > endpos) return 0;
    int r = _MiniRe_Exec(&p->prog, t, pos, endpos, mode, must_advance, slots, lastindex);
    if (r != 1) return r;
    Mini_ssize_t n = 2 * (p->prog.groups + 1);
    /* a group whose start or end was never set did not take part */
    for (Mini_ssize_t i = 2; i < n; i += 2)
        if (slots[i] < 0 || slots[i + 1] < 0) slots[i] = slots[i + 1] = -1;
    return 1;
}

/* Slot storage for one run: on the stack for up to 15 groups. */
typedef struct {
    Mini_ssize_t small[32];
    Mini_ssize_t *slots;
} SlotBuf;

static Mini_ssize_t *slots_get(SlotBuf *b, const ProgramObject *p) {
    Mini_ssize_t n = 2 * (p->prog.groups + 1);
    b->slots = n <= 32 ? b->small : malloc((size_t)n * sizeof(Mini_ssize_t));
    if (b->slots == NULL) MiniErr_NoMemory();
    return b->slots;
}

static void slots_free(SlotBuf *b) {
    if (b->slots != b->small) free(b->slots);
}

/* Runs the program once from pos. New reference to the result tuple (or, when pattern is not
 * NULL, a re.Match for it whose pos attribute is mpos), None, or NULL. pos/endpos clamped. */
static MiniObject *run_once(ProgramObject *p, MiniObject *pattern, MiniObject *string, const ReText *t,
                            Mini_ssize_t pos, Mini_ssize_t mpos, Mini_ssize_t endpos, int mode, int must_advance,
                            Mini_ssize_t *next_pos, int *empty) {
    SlotBuf b;
    Mini_ssize_t *slots = slots_get(&b, p);
    if (slots == NULL) return NULL;
    Mini_ssize_t lastindex;
    int r = _MiniRe_Run(p, t, pos, endpos, mode, must_advance, slots, &lastindex);
    MiniObject *res;
    if (r < 0) res = NULL;
    else if (r == 0) res = Mini_NewRef(Mini_None);
    else {
        res = pattern != NULL ? _MiniRe_NewMatch(pattern, p, string, slots, lastindex, mpos, endpos)
                              : result_tuple(p, slots, lastindex);
        if (next_pos) *next_pos = slots[1];
        if (empty) *empty = slots[0] == slots[1];
    }
    slots_free(&b);
    return res;
}

/* ----- Program --------------------------------------------------------------------------------- */

/* Program.exec(string, pos, endpos, mode) -> tuple or None; Program.match(pattern, string, pos,
 * endpos, mode) -> re.Match or None (pattern: the re.Pattern the match refers to). */
static MiniObject *exec_common(MiniObject *op, MiniObject *pattern, MiniObject *string, Mini_ssize_t pos,
                               Mini_ssize_t endpos, int mode) {
    ProgramObject *p = (ProgramObject *)op;
    if (mode < RE_MODE_MATCH || mode > RE_MODE_SEARCH) return MiniErr_Format(MiniExc_ValueError, "bad mode %d", mode);
    ReTextHold h;
    if (_MiniRe_TextPrepare(string, p->is_bytes, &h) < 0) return NULL;
    clamp(h.t.len, &pos, &endpos);
    Mini_INCREF(op);
    Mini_INCREF(string);
    MiniObject *r = run_once(p, pattern, string, &h.t, pos, pos, endpos, mode, 0, NULL, NULL);
    _MiniRe_TextRelease(&h);
    Mini_DECREF(string);
    Mini_DECREF(op);
    return r;
}

static MiniObject *program_exec(MiniObject *op, MiniObject *args) {
    MiniObject *string;
    Mini_ssize_t pos, endpos;
    int mode;
    if (!MiniArg_ParseTuple(args, "Onni:exec", &string, &pos, &endpos, &mode)) return NULL;
    return exec_common(op, NULL, string, pos, endpos, mode);
}

static MiniObject *program_match(MiniObject *op, MiniObject *args) {
    MiniObject *pattern, *string;
    Mini_ssize_t pos, endpos;
    int mode;
    if (!MiniArg_ParseTuple(args, "OOnni:match", &pattern, &string, &pos, &endpos, &mode)) return NULL;
    return exec_common(op, pattern, string, pos, endpos, mode);
}

typedef struct {
    MiniObject_HEAD
    ProgramObject *prog;
    MiniObject *pattern;      /* NULL: the scanner yields tuples; else re.Match objects for it */
    MiniObject *string;
    ReTextHold h;
    int ready;
    Mini_ssize_t pos, endpos;
    Mini_ssize_t start;       /* the clamped pos the scan began at (re.Match.pos) */
    int must_advance;
    int done;
} ScannerObject;

static MiniObject *new_scanner(MiniObject *op, MiniObject *pattern, MiniObject *string, Mini_ssize_t pos,
                               Mini_ssize_t endpos) {
    ProgramObject *p = (ProgramObject *)op;
    ScannerObject *s = (ScannerObject *)MiniObject_New(&Scanner_Type);
    if (s == NULL) return NULL;
    s->prog = (ProgramObject *)Mini_NewRef(op);
    s->pattern = pattern ? Mini_NewRef(pattern) : NULL;
    s->string = Mini_NewRef(string);
    s->ready = 0;
    s->done = 0;
    s->must_advance = 0;
    if (_MiniRe_TextPrepare(string, p->is_bytes, &s->h) < 0) { Mini_DECREF(s); return NULL; }
    s->ready = 1;
    clamp(s->h.t.len, &pos, &endpos);
    s->pos = s->start = pos;
    s->endpos = endpos;
    return (MiniObject *)s;
}

/* Program.scan(string, pos, endpos) */
static MiniObject *program_scan(MiniObject *op, MiniObject *args) {
    MiniObject *string;
    Mini_ssize_t pos, endpos;
    if (!MiniArg_ParseTuple(args, "Onn:scan", &string, &pos, &endpos)) return NULL;
    return new_scanner(op, NULL, string, pos, endpos);
}

/* Program.finditer(pattern, string, pos, endpos) */
static MiniObject *program_finditer(MiniObject *op, MiniObject *args) {
    MiniObject *pattern, *string;
    Mini_ssize_t pos, endpos;
    if (!MiniArg_ParseTuple(args, "OOnn:finditer", &pattern, &string, &pos, &endpos)) return NULL;
    return new_scanner(op, pattern, string, pos, endpos);
}

static void scanner_dealloc(MiniObject *op) {
    ScannerObject *s = (ScannerObject *)op;
    if (s->ready) _MiniRe_TextRelease(&s->h);
    Mini_XDECREF(s->string);
    Mini_XDECREF(s->pattern);
    Mini_XDECREF((MiniObject *)s->prog);
    MiniObject_Free(op);
}

static MiniObject *scanner_next(MiniObject *op) {
    ScannerObject *s = (ScannerObject *)op;
    if (s->done || !s->ready) return NULL;
    if (s->pos > s->endpos) { s->done = 1; return NULL; }
    Mini_ssize_t next = s->pos;
    int empty = 0;
    Mini_INCREF(op);
    MiniObject *r = run_once(s->prog, s->pattern, s->string, &s->h.t, s->pos, s->start, s->endpos, RE_MODE_SEARCH,
                             s->must_advance, &next, &empty);
    Mini_DECREF(op);
    if (r == NULL) return NULL;
    if (r == Mini_None) {
        Mini_DECREF(r);
        s->done = 1;
        return NULL;
    }
    s->pos = next;
    s->must_advance = empty;
    return r;
}

static MiniObject *scanner_iter(MiniObject *op) { return Mini_NewRef(op); }

/* The cycle collector's slots: the subject (a str subclass instance may refer back to the
 * iterator over it) and the program. Clearing ends the iteration and lets go of the subject. */
static int scanner_traverse(MiniObject *op, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((ScannerObject *)op)->string);
    Mini_VISIT(((ScannerObject *)op)->pattern);
    Mini_VISIT((MiniObject *)((ScannerObject *)op)->prog);
    return 0;
}

static int scanner_clear(MiniObject *op) {
    ScannerObject *s = (ScannerObject *)op;
    s->done = 1;
    if (s->ready) _MiniRe_TextRelease(&s->h);
    s->ready = 0;
    Mini_CLEAR(s->string);
    Mini_CLEAR(s->pattern);
    return 0;
}

static MiniTypeObject Scanner_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_re.Scanner",
    .tp_basicsize = sizeof(ScannerObject),
    .tp_dealloc = scanner_dealloc,
    .tp_iter = scanner_iter,
    .tp_iternext = scanner_next,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = scanner_traverse,
    .tp_clear = scanner_clear,
    .tp_doc = "The successive matches of a program over a string (an iterator of span tuples).",
};

static void program_dealloc(MiniObject *op) {
    ProgramObject *p = (ProgramObject *)op;
    _MiniRe_FreeProgram(&p->prog);
    Mini_XDECREF(p->groupindex);
    MiniObject_Free(op);
}

static MiniObject *program_get_groups(MiniObject *op, void *closure) {
    (void)closure;
    return MiniLong_FromSsize_t(((ProgramObject *)op)->prog.groups);
}

static MiniObject *program_get_groupindex(MiniObject *op, void *closure) {
    (void)closure;
    return Mini_NewRef(((ProgramObject *)op)->groupindex);
}

static MiniObject *program_get_flags(MiniObject *op, void *closure) {
    (void)closure;
    return MiniLong_FromLong(((ProgramObject *)op)->flags);
}

static MiniMethodDef program_methods[] = {
    {"exec", program_exec, MINI_METH_VARARGS, "exec(string, pos, endpos, mode) -> None or (lastindex, spans...)."},
    {"scan", program_scan, MINI_METH_VARARGS, "scan(string, pos, endpos) -> iterator of match tuples."},
    {"match", program_match, MINI_METH_VARARGS, "match(pattern, string, pos, endpos, mode) -> re.Match or None."},
    {"finditer", program_finditer, MINI_METH_VARARGS, "finditer(pattern, string, pos, endpos) -> iterator of re.Match."},
    {"subn", _MiniRe_Subn, MINI_METH_VARARGS, "subn(pattern, repl, string, count, items) -> (new string, count)."},
    {"findall", _MiniRe_Findall, MINI_METH_VARARGS, "findall(string, pos, endpos) -> list, as re.findall."},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef program_getset[] = {
    {"groups", program_get_groups, NULL, "number of capturing groups", NULL},
    {"groupindex", program_get_groupindex, NULL, "dict of group names to numbers", NULL},
    {"flags", program_get_flags, NULL, "the flags, inline flags included", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniTypeObject Program_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_re.Program",
    .tp_basicsize = sizeof(ProgramObject),
    .tp_dealloc = program_dealloc,
    .tp_methods = program_methods,
    .tp_getset = program_getset,
    .tp_doc = "A compiled regular expression (re.Pattern wraps one).",
};

/* ----- compile --------------------------------------------------------------------------------- */

/* The pattern as code points (new array in *out, length *n). 0 / -1 with TypeError. */
static int pattern_points(MiniObject *pattern, uint32_t **out, Mini_ssize_t *n, int *is_bytes) {
    if (MiniUnicode_Check(pattern)) {
        MiniUnicodeObject *u = (MiniUnicodeObject *)pattern;
        *n = u->length;
        *is_bytes = 0;
        *out = malloc((size_t)(*n ? *n : 1) * sizeof(uint32_t));
        if (*out == NULL) { MiniErr_NoMemory(); return -1; }
        const char *p = u->data;
        for (Mini_ssize_t i = 0; i < *n; i++) {
            int len;
            (*out)[i] = _MiniUnicode_DecodeUTF8(p, &len);
            p += len;
        }
        return 0;
    }
    MiniBuffer view;
    if (!MiniObject_CheckBuffer(pattern) || MiniObject_GetBuffer(pattern, &view, MINI_BUF_SIMPLE) < 0) {
        MiniErr_Clear();
        MiniErr_SetString(MiniExc_TypeError, "first argument must be string or compiled pattern");
        return -1;
    }
    *n = view.len;
    *is_bytes = 1;
    *out = malloc((size_t)(*n ? *n : 1) * sizeof(uint32_t));
    if (*out == NULL) { MiniBuffer_Release(&view); MiniErr_NoMemory(); return -1; }
    for (Mini_ssize_t i = 0; i < *n; i++) (*out)[i] = ((unsigned char *)view.buf)[i];
    MiniBuffer_Release(&view);
    return 0;
}

/* The dict of group names. New reference or NULL. */
static MiniObject *make_groupindex(const RePattern *rp) {
    MiniObject *d = MiniDict_New();
    if (d == NULL) return NULL;
    for (Mini_ssize_t g = 1; g <= rp->groups; g++) {
        if (rp->names[g] == NULL) continue;
        MiniObject *v = MiniLong_FromSsize_t(g);
        if (v == NULL || MiniDict_SetItemString(d, rp->names[g], v) < 0) {
            Mini_XDECREF(v);
            Mini_DECREF(d);
            return NULL;
        }
        Mini_DECREF(v);
    }
    return d;
}

/* The (message, position) tuple for a syntax error. New reference or NULL. */
static MiniObject *syntax_error(const RePattern *rp) {
    if (rp->errpos < 0) return Mini_BuildValue("(sO)", rp->errmsg, Mini_None);
    return Mini_BuildValue("(sn)", rp->errmsg, rp->errpos);
}

/* _re.compile(pattern, flags) */
static MiniObject *re_compile(MiniObject *self, MiniObject *args) {
    (void)self;
    MiniObject *pattern;
    int flags;
    if (!MiniArg_ParseTuple(args, "Oi:compile", &pattern, &flags)) return NULL;
    uint32_t *pts;
    Mini_ssize_t n;
    int is_bytes;
    if (pattern_points(pattern, &pts, &n, &is_bytes) < 0) return NULL;
    RePattern rp;
    int r = _MiniRe_Parse(&rp, pts, n, flags, is_bytes);
    free(pts);
    MiniObject *result = NULL;
    if (r == -1) {
        result = syntax_error(&rp);
    } else if (r == 0) {
        ProgramObject *p = (ProgramObject *)MiniObject_New(&Program_Type);
        if (p != NULL) {
            memset(&p->prog, 0, sizeof p->prog);
            p->groupindex = NULL;
            p->is_bytes = is_bytes;
            p->flags = rp.flags;
            int c = _MiniRe_Compile(&rp, &p->prog);
            p->prog.ascii_fold = is_bytes || (rp.flags & (RE_ASCII | RE_LOCALE)) != 0;
            if (c == -1) {
                result = syntax_error(&rp);
                Mini_DECREF(p);
            } else if (c < 0 || (p->groupindex = make_groupindex(&rp)) == NULL) {
                Mini_DECREF(p);
            } else {
                result = (MiniObject *)p;
            }
        }
    }
    _MiniRe_FreePattern(&rp);
    return result;
}

static MiniMethodDef re_methods[] = {
    {"compile", re_compile, MINI_METH_VARARGS, "compile(pattern, flags) -> Program, or (message, position) for a syntax error."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef re_module = {
    MiniModuleDef_HEAD_INIT, "_re",
    "The regular-expression engine under re.py: a parser, a compiler and a backtracking matcher.",
    0, re_methods,
};

/* New reference to the _re module, or NULL with an exception. */
MiniObject *MiniInit__re(void) {
    if (MiniType_Ready(&Program_Type) < 0 || MiniType_Ready(&Scanner_Type) < 0) return NULL;
    MiniObject *m = MiniModule_Create(&re_module);
    if (m == NULL) return NULL;
    MiniObject *match_type = _MiniRe_MatchType();
    if (match_type == NULL || MiniModule_AddObjectRef(m, "Match", match_type) < 0 ||
        MiniModule_AddObjectRef(m, "Program", (MiniObject *)&Program_Type) < 0 ||
        MiniModule_AddIntConstant(m, "MAXREPEAT", 4294967295LL) < 0 ||
        MiniModule_AddIntConstant(m, "MAXGROUPS", RE_MAXGROUPS) < 0) {
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}
