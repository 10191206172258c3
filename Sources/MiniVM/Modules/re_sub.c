/* Modules/re_sub.c: the loop of re.sub / re.subn in C (issue 11: regex_v8 calls sub about 700
 * times per iteration, and the Python loop over match tuples cost more than the matching).
 *
 * re.py still checks repl's type and parses a template into a cached list of literal pieces
 * (str or bytes) and group numbers (ints); this file runs the successive non-overlapping matches
 * (CPython 3.7+'s rule: an empty match may not start where the previous match ended empty),
 * gathers the text between them and each replacement into a list, and joins it once. A callable
 * repl is called with a re.Match and its falsy results (None, '') add nothing, as in CPython.
 * The GIL is held throughout; the matcher polls the eval breaker. */
#include "stdlib_internal.h"
#include "re_internal.h"

#include <stdlib.h>

/* What one subn call works on. */
typedef struct {
    ProgramObject *prog;
    MiniObject *pattern, *repl, *string, *items, *parts;
    ReTextHold h;
    Mini_ssize_t *slots;
    Mini_ssize_t lastindex;
} Sub;

static int append_new(MiniObject *list, MiniObject *item) {
    if (item == NULL) return -1;
    int r = MiniList_Append(list, item);
    Mini_DECREF(item);
    return r;
}

/* Appends the replacement for the match in s->slots. 0 or -1. */
static int add_replacement(Sub *s) {
    if (s->items == Mini_None) {
        MiniObject *m = _MiniRe_NewMatch(s->pattern, s->prog, s->string, s->slots, s->lastindex, 0, s->h.t.len);
        if (m == NULL) return -1;
        MiniObject *piece = MiniObject_CallOneArg(s->repl, m);
        Mini_DECREF(m);
        if (piece == NULL) return -1;
        int truth = MiniObject_IsTrue(piece);
        if (truth <= 0) { Mini_DECREF(piece); return truth; }
        if (!MiniUnicode_Check(s->string) && !Mini_IS_TYPE(piece, &MiniBytes_Type) && MiniObject_CheckBuffer(piece)) {
            /* a bytearray or memoryview piece joins as its bytes */
            MiniObject *b = MiniObject_CallOneArg((MiniObject *)&MiniBytes_Type, piece);
            Mini_DECREF(piece);
            piece = b;
        }
        return append_new(s->parts, piece);
    }
    Mini_ssize_t n = MiniList_GET_SIZE(s->items), groups = s->prog->prog.groups;
    for (Mini_ssize_t k = 0; k < n; k++) {
        MiniObject *x = MiniList_GET_ITEM(s->items, k);
        if (!MiniLong_CheckExact(x)) {
            if (MiniList_Append(s->parts, x) < 0) return -1;
            continue;
        }
        Mini_ssize_t g = MiniLong_AsSsize_t(x);
        if (g < 0 || g > groups) {
            MiniErr_SetString(MiniExc_IndexError, "invalid group reference");
            return -1;
        }
        if (s->slots[2 * g] < 0) continue;
        if (append_new(s->parts, _MiniRe_Slice(s->string, s->slots[2 * g], s->slots[2 * g + 1])) < 0) return -1;
    }
    return 0;
}

/* The joined result of s->parts: str for a str subject, else bytes. New reference or NULL. */
static MiniObject *join_parts(Sub *s) {
    MiniObject *empty = MiniUnicode_Check(s->string) ? MiniUnicode_FromString("") : MiniBytes_FromStringAndSize("", 0);
    if (empty == NULL) return NULL;
    MiniObject *r = MiniObject_CallMethodObjArgs(empty, "join", s->parts, NULL);
    Mini_DECREF(empty);
    return r;
}

/* The loop itself; s->h is prepared. count 0: no limit; below 0: no substitution (as CPython).
 * New reference to (text, n) or NULL. */
static MiniObject *sub_loop(Sub *s, Mini_ssize_t count) {
    Mini_ssize_t pos = 0, last = 0, n = 0, end = s->h.t.len;
    int must_advance = 0;
    while (count == 0 || n < count) {
        int r = _MiniRe_Run(s->prog, &s->h.t, pos, end, RE_MODE_SEARCH, must_advance, s->slots, &s->lastindex);
        if (r < 0) return NULL;
        if (r == 0) break;
        /* Only non-empty text between matches is kept, as CPython (join's error messages count items). */
        if (s->slots[0] > last && append_new(s->parts, _MiniRe_Slice(s->string, last, s->slots[0])) < 0) return NULL;
        if (add_replacement(s) < 0) return NULL;
        last = s->slots[1];
        must_advance = s->slots[0] == s->slots[1];
        pos = s->slots[1];
        n++;
    }
    MiniObject *text;
    if (n == 0 && (MiniUnicode_CheckExact(s->string) || Mini_IS_TYPE(s->string, &MiniBytes_Type))) {
        text = Mini_NewRef(s->string);
    } else {
        if (end > last && append_new(s->parts, _MiniRe_Slice(s->string, last, end)) < 0) return NULL;
        text = join_parts(s);
    }
    if (text == NULL) return NULL;
    MiniObject *result = Mini_BuildValue("(Nn)", text, n);
    return result;
}

MiniObject *_MiniRe_Subn(MiniObject *op, MiniObject *args) {
    Sub s = {.prog = (ProgramObject *)op};
    Mini_ssize_t count;
    if (!MiniArg_ParseTuple(args, "OOOnO:subn", &s.pattern, &s.repl, &s.string, &count, &s.items)) return NULL;
    if (s.items != Mini_None && !MiniList_CheckExact(s.items))
        return MiniErr_Format(MiniExc_TypeError, "subn: items must be a list or None");
    if (_MiniRe_TextPrepare(s.string, s.prog->is_bytes, &s.h) < 0) return NULL;
    Mini_ssize_t nslots = 2 * (s.prog->prog.groups + 1);
    Mini_ssize_t small[32];
    s.slots = nslots <= 32 ? small : malloc((size_t)nslots * sizeof(Mini_ssize_t));
    s.parts = s.slots ? MiniList_New(0) : NULL;
    MiniObject *result = NULL;
    if (s.slots == NULL) MiniErr_NoMemory();
    else if (s.parts != NULL) {
        /* the callable may drop every other reference to these */
        Mini_INCREF(op); Mini_INCREF(s.pattern); Mini_INCREF(s.repl); Mini_INCREF(s.string); Mini_INCREF(s.items);
        result = sub_loop(&s, count);
        Mini_DECREF(op); Mini_DECREF(s.pattern); Mini_DECREF(s.repl); Mini_DECREF(s.string); Mini_DECREF(s.items);
    }
    Mini_XDECREF(s.parts);
    if (s.slots != small) free(s.slots);
    _MiniRe_TextRelease(&s.h);
    return result;
}
