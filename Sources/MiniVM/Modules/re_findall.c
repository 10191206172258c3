/* Modules/re_findall.c: the loop of re.findall in C (issue 11: bm_bpe_tokeniser calls findall
 * over a 31 KB text with non-ASCII characters, and re.py's loop sliced the subject once per match
 * by code-point index, which for a non-ASCII str walked its UTF-8 from the start every time:
 * quadratic, half of the program's instructions).
 *
 * The successive non-overlapping matches (CPython 3.7+'s rule: an empty match may not start where
 * the previous match ended empty) become the list findall returns: the whole match without
 * groups, group 1's text with one group, a tuple of every group's text with more ('' or b'' for
 * a group that did not take part). A str subject is sliced through a cursor that walks its UTF-8
 * forward or back from the previous slice's position, so the whole call reads the text a bounded
 * number of times. Other subjects slice as _MiniRe_Slice does (bytes for any bytes-like object,
 * as re.py's conversion made them). The GIL is held throughout; the matcher polls the breaker. */
#include "stdlib_internal.h"
#include "re_internal.h"
#include "unicodeobject_internal.h"

#include <stdlib.h>

/* Code-point index -> byte offset in a str's UTF-8, moving from the last index asked. */
typedef struct {
    MiniObject *string;
    const unsigned char *data;
    int utf8;              /* a non-ASCII str: indexes and offsets differ */
    Mini_ssize_t cp, byte;
} Cursor;

static Mini_ssize_t cursor_offset(Cursor *c, Mini_ssize_t cp) {
    while (c->cp < cp) {
        unsigned char b = c->data[c->byte];
        c->byte += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        c->cp++;
    }
    while (c->cp > cp) {
        do c->byte--; while ((c->data[c->byte] & 0xC0) == 0x80);
        c->cp--;
    }
    return c->byte;
}

/* string[start:end] (end >= start) as findall gives it. New reference or NULL. */
static MiniObject *cursor_slice(Cursor *c, Mini_ssize_t start, Mini_ssize_t end) {
    if (!c->utf8) return _MiniRe_Slice(c->string, start, end);
    Mini_ssize_t b0 = cursor_offset(c, start);
    Mini_ssize_t b1 = cursor_offset(c, end);
    return _MiniUnicode_FromUTF8Unchecked((const char *)c->data + b0, b1 - b0);
}

/* One findall item for the match in slots. New reference or NULL. */
static MiniObject *findall_item(Cursor *c, const Mini_ssize_t *slots, Mini_ssize_t groups) {
    if (groups == 0) return cursor_slice(c, slots[0], slots[1]);
    if (groups == 1) return cursor_slice(c, slots[2] < 0 ? 0 : slots[2], slots[2] < 0 ? 0 : slots[3]);
    MiniObject *t = MiniTuple_New(groups);
    if (t == NULL) return NULL;
    for (Mini_ssize_t g = 1; g <= groups; g++) {
        Mini_ssize_t s = slots[2 * g], e = slots[2 * g + 1];
        MiniObject *piece = s < 0 ? cursor_slice(c, 0, 0) : cursor_slice(c, s, e);
        if (piece == NULL) { Mini_DECREF(t); return NULL; }
        MiniTuple_SET_ITEM(t, g - 1, piece);
    }
    return t;
}

/* The loop over a prepared text. 0 or -1. */
static int findall_loop(ProgramObject *p, const ReText *t, Cursor *c, Mini_ssize_t pos, Mini_ssize_t endpos,
                        Mini_ssize_t *slots, MiniObject *out) {
    int must_advance = 0;
    Mini_ssize_t lastindex;
    for (;;) {
        int r = _MiniRe_Run(p, t, pos, endpos, RE_MODE_SEARCH, must_advance, slots, &lastindex);
        if (r <= 0) return r;
        MiniObject *item = findall_item(c, slots, p->prog.groups);
        if (item == NULL) return -1;
        int ok = MiniList_Append(out, item);
        Mini_DECREF(item);
        if (ok < 0) return -1;
        must_advance = slots[0] == slots[1];
        pos = slots[1];
    }
}

/* Program.findall(string, pos, endpos) -> list. New reference, or NULL with TypeError for a
 * subject of the wrong kind, MemoryError, or what the breaker raised. Needs the GIL. */
MiniObject *_MiniRe_Findall(MiniObject *op, MiniObject *args) {
    ProgramObject *p = (ProgramObject *)op;
    MiniObject *string;
    Mini_ssize_t pos, endpos;
    if (!MiniArg_ParseTuple(args, "Onn:findall", &string, &pos, &endpos)) return NULL;
    ReTextHold h;
    if (_MiniRe_TextPrepare(string, p->is_bytes, &h) < 0) return NULL;
    Mini_ssize_t len = h.t.len;
    if (pos < 0) pos = 0;
    if (pos > len) pos = len;
    if (endpos < 0) endpos = 0;
    if (endpos > len) endpos = len;
    Cursor c = {.string = string};
    if (MiniUnicode_Check(string) && !((MiniUnicodeObject *)string)->ascii) {
        c.utf8 = 1;
        c.data = (const unsigned char *)_MiniUnicode_DATA(string);
    }
    Mini_ssize_t nslots = 2 * (p->prog.groups + 1), small[32];
    Mini_ssize_t *slots = nslots <= 32 ? small : malloc((size_t)nslots * sizeof(Mini_ssize_t));
    MiniObject *out = slots != NULL ? MiniList_New(0) : MiniErr_NoMemory();
    if (out != NULL) {
        Mini_INCREF(op);
        Mini_INCREF(string);
        if (findall_loop(p, &h.t, &c, pos, endpos, slots, out) < 0) Mini_CLEAR(out);
        Mini_DECREF(string);
        Mini_DECREF(op);
    }
    if (slots != small) free(slots);
    _MiniRe_TextRelease(&h);
    return out;
}
