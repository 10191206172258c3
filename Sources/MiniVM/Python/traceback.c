/* Python/traceback.c: tracebacks and how an uncaught exception is printed.
 *
 * A traceback entry records a code object, the instruction that was executing and its line;
 * entries are chained outermost first (tb_next goes deeper), and the VM prepends one for every
 * frame an exception passes through. Entries hold code objects, never frames, so an exception
 * kept in a local variable cannot form a reference cycle with its frame.
 *
 * Printing reproduces CPython 3.11's default excepthook: the chain of causes and contexts, then
 * "Traceback (most recent call last):", each entry's file, line, function and source line, the
 * caret line under the failing expression (with ~ and ^ anchors for binary operators and
 * subscripts), runs of more than three identical entries folded into "[Previous line repeated N
 * more times]", and the "module.Name: message" line; SyntaxErrors get their caret block; an
 * exception group is drawn as CPython draws it, its members numbered and indented under "| "
 * margins, at most 15 per group and 10 levels deep. Source
 * lines come from a cache filled by the compiler (MiniVM_RegisterSource) or read from disk. */
#include "vm_internal.h"
#include "formatter_internal.h"
#include "objimpl_internal.h"
#include "unicodeobject_internal.h"
#include "exceptions_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----- traceback objects --------------------------------------------------------------------------- */

int _MiniTraceback_Here(MiniObject *exc, MiniCodeObject *code, Mini_ssize_t lasti) {
    if (exc == NULL || !MiniExceptionInstance_Check(exc)) return 0;
    MiniTracebackObject *tb = (MiniTracebackObject *)MiniObject_New(&MiniTraceback_Type);
    if (tb == NULL) { MiniErr_Clear(); return -1; }
    MiniBaseExceptionObject *e = (MiniBaseExceptionObject *)exc;
    tb->tb_next = e->traceback;      /* takes over the exception's reference */
    tb->tb_code = Mini_NewRef(code);
    tb->tb_lasti = (int)lasti;
    tb->tb_lineno = _MiniCode_Line(code, lasti);
    e->traceback = (MiniObject *)tb;
    return 0;
}

static void tb_dealloc(MiniObject *self) {
    MiniTracebackObject *tb = (MiniTracebackObject *)self;
    /* Unlink iteratively so a 1000-entry chain does not recurse 1000 deep. */
    MiniObject *next = tb->tb_next;
    tb->tb_next = NULL;
    Mini_CLEAR(tb->tb_code);
    MiniObject_Free(self);
    while (next != NULL && Mini_TYPE(next) == &MiniTraceback_Type && Mini_REFCNT(next) == 1) {
        MiniTracebackObject *n = (MiniTracebackObject *)next;
        next = n->tb_next;
        n->tb_next = NULL;
        Mini_DECREF(n);
    }
    Mini_XDECREF(next);
}

static int format_tb(_MiniStrBuf *b, MiniObject *tb);

/* str(traceback) is the "Traceback (most recent call last):" block, which is what
 * MiniErr_Print shows for exceptions raised through the interpreter. */
static MiniObject *tb_str(MiniObject *self) {
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    _MiniStrBuf_AppendC(&b, "Traceback (most recent call last):\n");
    format_tb(&b, self);
    return _MiniStrBuf_Finish(&b);
}

static MiniObject *tb_get_next(MiniObject *self, void *c) {
    (void)c;
    MiniObject *n = ((MiniTracebackObject *)self)->tb_next;
    return Mini_NewRef(n ? n : Mini_None);
}
static MiniObject *tb_get_lineno(MiniObject *self, void *c) {
    (void)c;
    return MiniLong_FromLong(((MiniTracebackObject *)self)->tb_lineno);
}
static MiniObject *tb_get_lasti(MiniObject *self, void *c) {
    (void)c;
    return MiniLong_FromLong(((MiniTracebackObject *)self)->tb_lasti * 2);
}

static MiniGetSetDef tb_getset[] = {
    { "tb_next", tb_get_next, NULL, NULL, NULL },
    { "tb_lineno", tb_get_lineno, NULL, NULL, NULL },
    { "tb_lasti", tb_get_lasti, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniTraceback_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "traceback",
    .tp_basicsize = sizeof(MiniTracebackObject),
    .tp_dealloc = tb_dealloc,
    .tp_str = tb_str,
    .tp_getset = tb_getset,
};

/* ----- the source cache ------------------------------------------------------------------------------- */

typedef struct SourceEntry {
    struct SourceEntry *next;
    char *filename;
    char *text;         /* NULL: the file could not be read */
    size_t len;
} SourceEntry;

static SourceEntry *sources;

static SourceEntry *find_source(const char *filename) {
    for (SourceEntry *e = sources; e != NULL; e = e->next)
        if (strcmp(e->filename, filename) == 0) return e;
    return NULL;
}

static SourceEntry *add_source(const char *filename, const char *text, size_t len) {
    SourceEntry *e = calloc(1, sizeof *e);
    if (e == NULL) return NULL;
    e->filename = strdup(filename);
    if (text != NULL) {
        e->text = malloc(len + 1);
        if (e->text != NULL) {
            memcpy(e->text, text, len);
            e->text[len] = '\0';
            e->len = len;
        }
    }
    e->next = sources;
    sources = e;
    return e;
}

void MiniVM_RegisterSource(const char *filename, const char *text, Mini_ssize_t len) {
    if (filename == NULL) return;
    SourceEntry *old = find_source(filename);
    if (old != NULL) {
        free(old->text);
        old->text = NULL;
        old->len = 0;
        if (text != NULL && (old->text = malloc((size_t)len + 1)) != NULL) {
            memcpy(old->text, text, (size_t)len);
            old->text[len] = '\0';
            old->len = (size_t)len;
        }
        return;
    }
    add_source(filename, text, text ? (size_t)len : 0);
}

void MiniVM_ForgetSources(void) {
    while (sources != NULL) {
        SourceEntry *n = sources->next;
        free(sources->filename);
        free(sources->text);
        free(sources);
        sources = n;
    }
}

/* Line lineno (1-based) of filename without its line break, malloc'd; NULL if unavailable. */
static char *source_line(const char *filename, int lineno) {
    SourceEntry *e = find_source(filename);
    if (e == NULL) {
        FILE *f = fopen(filename, "rb");
        char *buf = NULL;
        size_t len = 0;
        if (f != NULL) {
            size_t cap = 0, n;
            char chunk[8192];
            while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
                if (len + n > cap) {
                    cap = (len + n) * 2;
                    char *nb = realloc(buf, cap);
                    if (nb == NULL) { free(buf); buf = NULL; len = 0; break; }
                    buf = nb;
                }
                memcpy(buf + len, chunk, n);
                len += n;
            }
            fclose(f);
        }
        e = add_source(filename, buf ? buf : (f ? "" : NULL), len);
        free(buf);
        if (e == NULL) return NULL;
    }
    if (e->text == NULL || lineno < 1) return NULL;
    const char *p = e->text, *end = e->text + e->len;
    for (int l = 1; l < lineno; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL) return NULL;
        p = nl + 1;
    }
    if (p >= end && lineno > 1) return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (n > 0 && p[n - 1] == '\r') n--;
    char *line = malloc(n + 1);
    if (line == NULL) return NULL;
    memcpy(line, p, n);
    line[n] = '\0';
    return line;
}

char *_MiniVM_SourceLine(const char *filename, int lineno) { return source_line(filename, lineno); }

/* ----- formatting entries ------------------------------------------------------------------------------ */

/* Number of code points in the first nbytes bytes of s (UTF-8). */
static Mini_ssize_t chars_in(const char *s, Mini_ssize_t nbytes) {
    Mini_ssize_t n = 0;
    for (Mini_ssize_t i = 0; i < nbytes && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

/* Byte offset of code point index ci in s. */
static Mini_ssize_t bytes_for(const char *s, Mini_ssize_t ci) {
    Mini_ssize_t i = 0, n = 0;
    while (s[i] && n < ci) {
        i++;
        while (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
        n++;
    }
    return i;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' || c == '\n'; }

static void append_repeat(_MiniStrBuf *b, char c, Mini_ssize_t n) {
    for (Mini_ssize_t i = 0; i < n; i++) _MiniStrBuf_AppendChar(b, c);
}

/* The source line and the caret line of one entry. */
static void format_source(_MiniStrBuf *b, const char *filename, MiniCodeObject *co, int lasti, int lineno) {
    char *line = source_line(filename, lineno);
    if (line == NULL) return;
    Mini_ssize_t len = (Mini_ssize_t)strlen(line);
    Mini_ssize_t lead = 0, tail = len;
    while (lead < len && is_space(line[lead])) lead++;
    while (tail > lead && is_space(line[tail - 1])) tail--;
    if (tail <= lead) { free(line); return; }
    _MiniStrBuf_AppendC(b, "    ");
    _MiniStrBuf_Append(b, line + lead, (size_t)(tail - lead));
    _MiniStrBuf_AppendChar(b, '\n');

    const MiniVMPosition *pos = (lasti >= 0 && lasti < co->co_ncode) ? &co->co_positions[lasti] : NULL;
    if (pos == NULL || pos->line != lineno || pos->col < 0 || pos->end_col < 0) { free(line); return; }
    /* Character offsets, as CPython computes them. */
    Mini_ssize_t line_chars = chars_in(line, len) + 1;      /* linecache keeps the newline */
    Mini_ssize_t stripped_chars = chars_in(line + lead, tail - lead);
    Mini_ssize_t start = chars_in(line, pos->col > len ? len : pos->col);
    Mini_ssize_t end;
    int anchors = 0;
    Mini_ssize_t left_end = 0, right_start = 0;
    if (pos->end_line == pos->line) {
        end = chars_in(line, pos->end_col > len ? len : pos->end_col);
        /* The segment as the anchor finder sees it (offsets relative to the segment). */
        Mini_ssize_t seg_b0 = pos->col, seg_b1 = pos->end_col > len ? len : pos->end_col;
        const char *seg = line + seg_b0;
        Mini_ssize_t seg_len = seg_b1 - seg_b0;
        if (pos->anchor_kind == MINI_ANCHOR_BINOP && pos->anchor_a >= seg_b0 && pos->anchor_b <= seg_b1) {
            /* The operator sits between the operands; skip blanks and closing parentheses. */
            Mini_ssize_t op_start = pos->anchor_a - seg_b0, op_end = pos->anchor_b - seg_b0;
            Mini_ssize_t off = 0;
            while (op_start + off < op_end && is_space(seg[op_start + off])) off++;
            Mini_ssize_t left = op_start + off, right = left + 1;
            if (off + 1 < op_end - op_start && !is_space(seg[op_start + off + 1])) right++;
            while (left < seg_len && (is_space(seg[left]) || seg[left] == ')' || seg[left] == '#')) { left++; right++; }
            left_end = chars_in(seg, left);
            right_start = chars_in(seg, right);
            anchors = 1;
        } else if (pos->anchor_kind == MINI_ANCHOR_SUBSCRIPT && pos->anchor_a >= seg_b0 && pos->anchor_b <= seg_b1) {
            Mini_ssize_t left = pos->anchor_a - seg_b0, right = pos->anchor_b - seg_b0 + 1;
            while (left < seg_len && seg[left] != '[') left++;
            while (right < seg_len && seg[right] != ']') right++;
            if (right < seg_len) right++;
            left_end = chars_in(seg, left);
            right_start = chars_in(seg, right);
            anchors = 1;
        }
    } else {
        end = chars_in(line, tail);
    }
    if (end - start < stripped_chars || (anchors && right_start - left_end > 0)) {
        _MiniStrBuf_AppendC(b, "    ");
        append_repeat(b, ' ', start + 1 - (line_chars - stripped_chars));
        if (anchors) {
            append_repeat(b, '~', left_end);
            append_repeat(b, '^', right_start - left_end);
            append_repeat(b, '~', end - start - right_start);
        } else {
            append_repeat(b, '^', end - start);
        }
        _MiniStrBuf_AppendChar(b, '\n');
    }
    free(line);
}

static void append_repeated(_MiniStrBuf *b, int count) {
    char msg[96];
    snprintf(msg, sizeof msg, "  [Previous line repeated %d more time%s]\n", count, count > 1 ? "s" : "");
    _MiniStrBuf_AppendC(b, msg);
}

/* The entries of a traceback chain, with CPython's folding of long identical runs. */
static int format_tb(_MiniStrBuf *b, MiniObject *tbo) {
    const char *last_file = NULL, *last_name = NULL;
    int last_line = -1, count = 0;
    for (MiniObject *o = tbo; o != NULL && Mini_TYPE(o) == &MiniTraceback_Type;
         o = ((MiniTracebackObject *)o)->tb_next) {
        MiniTracebackObject *tb = (MiniTracebackObject *)o;
        MiniCodeObject *co = (MiniCodeObject *)tb->tb_code;
        const char *file = MiniUnicode_AsUTF8(co->co_filename), *name = MiniUnicode_AsUTF8(co->co_name);
        if (last_file == NULL || strcmp(last_file, file) != 0 || last_line != tb->tb_lineno ||
            strcmp(last_name, name) != 0) {
            if (count > 3) append_repeated(b, count - 3);
            last_file = file;
            last_line = tb->tb_lineno;
            last_name = name;
            count = 0;
        }
        count++;
        if (count > 3) continue;
        char head[64];
        _MiniStrBuf_AppendC(b, "  File \"");
        _MiniStrBuf_AppendC(b, file);
        snprintf(head, sizeof head, "\", line %d, in ", tb->tb_lineno);
        _MiniStrBuf_AppendC(b, head);
        _MiniStrBuf_AppendC(b, name);
        _MiniStrBuf_AppendChar(b, '\n');
        format_source(b, file, co, tb->tb_lasti, tb->tb_lineno);
    }
    if (count > 3) append_repeated(b, count - 3);
    return 0;
}

/* ----- the exception line -------------------------------------------------------------------------------- */

/* "Name", "module.Name" (qualified unless the module is __main__ or builtins). */
static void append_type_name(_MiniStrBuf *b, MiniTypeObject *t) {
    MiniObject *qual = NULL, *mod = NULL;
    if ((t->tp_flags & MINI_TPFLAGS_HEAPTYPE) && t->tp_dict != NULL) {
        qual = ((MiniHeapTypeObject *)t)->ht_qualname;   /* classes keep it out of their dict */
        if (qual == NULL) qual = MiniDict_GetItemString(t->tp_dict, "__qualname__");
        mod = MiniDict_GetItemString(t->tp_dict, "__module__");
    }
    if (mod != NULL && MiniUnicode_Check(mod)) {
        const char *m = MiniUnicode_AsUTF8(mod);
        if (strcmp(m, "__main__") != 0 && strcmp(m, "builtins") != 0) {
            _MiniStrBuf_AppendC(b, m);
            _MiniStrBuf_AppendChar(b, '.');
        }
    } else if (!(t->tp_flags & MINI_TPFLAGS_HEAPTYPE)) {
        const char *dot = strrchr(t->tp_name, '.');
        if (dot != NULL) _MiniStrBuf_Append(b, t->tp_name, (size_t)(dot - t->tp_name + 1));
    }
    if (qual != NULL && MiniUnicode_Check(qual)) _MiniStrBuf_AppendStr(b, qual);
    else _MiniStrBuf_AppendC(b, MiniType_Name(t));
}

/* A terminal control character: C0 (but tab and form feed), DEL, or a C1 code point (UTF-8
 * 0xC2 0x80..0x9F); *len is its length in bytes. */
static int is_control_at(const char *t, Mini_ssize_t n, Mini_ssize_t i, int *len) {
    unsigned char c = (unsigned char)t[i];
    *len = 1;
    if ((c < 0x20 && c != '\t' && c != '\f') || c == 0x7F) return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] >= 0x80 && (unsigned char)t[i + 1] <= 0x9F) { *len = 2; return 1; }
    return 0;
}

/* Appends the n bytes of a SyntaxError's source line with every terminal control character
 * written as \xNN instead of raw: a binary file run by mistake ('extdemo run /bin/ls': the
 * bytes before its first NUL) must not send escape sequences to the terminal. CPython writes
 * them raw. 1 when something was escaped (the caret columns no longer line up), else 0. */
static int append_source_text(_MiniStrBuf *b, const char *t, Mini_ssize_t n) {
    int escaped = 0, len;
    for (Mini_ssize_t i = 0; i < n; i += len) {
        if (is_control_at(t, n, i, &len)) {
            unsigned v = len == 2 ? (unsigned char)t[i + 1] : (unsigned char)t[i];
            char hex[8];
            snprintf(hex, sizeof hex, "\\x%02x", v);
            _MiniStrBuf_AppendC(b, hex);
            escaped = 1;
        } else {
            _MiniStrBuf_Append(b, t + i, 1);
        }
    }
    return escaped;
}

/* The SyntaxError block: location, source text with caret, then "SyntaxError: msg". */
static int append_syntax_error(_MiniStrBuf *b, MiniObject *exc) {
    MiniObject *args = ((MiniBaseExceptionObject *)exc)->args;
    if (args == NULL || MiniTuple_GET_SIZE(args) != 2 || !MiniTuple_Check(MiniTuple_GET_ITEM(args, 1))) return 0;
    MiniObject *detail = MiniTuple_GET_ITEM(args, 1), *msg = MiniTuple_GET_ITEM(args, 0);
    if (MiniTuple_GET_SIZE(detail) < 4 || !MiniUnicode_Check(msg)) return 0;
    MiniObject *fn = MiniTuple_GET_ITEM(detail, 0), *ln = MiniTuple_GET_ITEM(detail, 1),
               *off = MiniTuple_GET_ITEM(detail, 2), *text = MiniTuple_GET_ITEM(detail, 3);
    long lineno = MiniLong_Check(ln) ? MiniLong_AsLong(ln) : 0;
    long offset = MiniLong_Check(off) ? MiniLong_AsLong(off) : 0;
    long end_lineno = lineno, end_offset = -1;
    if (MiniTuple_GET_SIZE(detail) >= 6) {
        MiniObject *el = MiniTuple_GET_ITEM(detail, 4), *eo = MiniTuple_GET_ITEM(detail, 5);
        if (MiniLong_Check(el)) end_lineno = MiniLong_AsLong(el);
        if (MiniLong_Check(eo)) end_offset = MiniLong_AsLong(eo);
    }
    char head[64];
    _MiniStrBuf_AppendC(b, "  File \"");
    if (MiniUnicode_Check(fn)) _MiniStrBuf_AppendStr(b, fn);
    else _MiniStrBuf_AppendC(b, "<string>");
    snprintf(head, sizeof head, "\", line %ld\n", lineno);
    _MiniStrBuf_AppendC(b, head);
    if (MiniUnicode_Check(text)) {
        Mini_ssize_t nbytes;
        const char *t = MiniUnicode_AsUTF8AndSize(text, &nbytes);
        int single_caret = !Mini_IS_TYPE(exc, (MiniTypeObject *)MiniExc_SyntaxError);
        long end = single_caret ? -1 : end_offset;
        Mini_ssize_t line_size = nbytes;
        if (!single_caret && end_lineno > lineno) end = (long)line_size;
        if (end > line_size + 1) end = (long)line_size + 1;
        long carets = (end > 0 && end > offset) ? end - offset : 1;
        Mini_ssize_t nchars = chars_in(t, nbytes), start = 0;
        long col = offset - 1;
        Mini_ssize_t sb = 0;
        while (sb < nbytes && (t[sb] == ' ' || t[sb] == '\t' || t[sb] == '\f')) { sb++; start++; col--; }
        Mini_ssize_t shown = nchars - start;
        if (shown > 0 && nbytes > 0 && t[nbytes - 1] == '\n') shown--;
        if (col > shown) col = (long)shown;
        _MiniStrBuf_AppendC(b, "    ");
        int escaped = append_source_text(b, t + sb, bytes_for(t + sb, shown));
        _MiniStrBuf_AppendChar(b, '\n');
        if (col >= 0 && !escaped) {
            _MiniStrBuf_AppendC(b, "    ");
            append_repeat(b, ' ', col);
            append_repeat(b, '^', carets);
            _MiniStrBuf_AppendChar(b, '\n');
        }
    }
    append_type_name(b, Mini_TYPE(exc));
    _MiniStrBuf_AppendC(b, ": ");
    _MiniStrBuf_AppendStr(b, msg);
    _MiniStrBuf_AppendChar(b, '\n');
    return 1;
}

/* The notes BaseException.add_note attached (PEP 678), one per line after the exception line. */
static void append_notes(_MiniStrBuf *b, MiniObject *exc) {
    MiniObject *dict = ((MiniBaseExceptionObject *)exc)->dict;
    MiniObject *notes = dict ? MiniDict_GetItemString(dict, "__notes__") : NULL;
    if (notes == NULL) return;
    Mini_INCREF(notes);
    if (MiniList_Check(notes) || MiniTuple_Check(notes)) {
        Mini_ssize_t n = MiniList_Check(notes) ? MiniList_GET_SIZE(notes) : MiniTuple_GET_SIZE(notes);
        for (Mini_ssize_t i = 0; i < n; i++) {
            MiniObject *note = MiniList_Check(notes) ? MiniList_GET_ITEM(notes, i) : MiniTuple_GET_ITEM(notes, i);
            MiniObject *s = MiniObject_Str(note);
            if (s == NULL) { MiniErr_Clear(); _MiniStrBuf_AppendC(b, "<note str() failed>"); }
            else { _MiniStrBuf_AppendStr(b, s); Mini_DECREF(s); }
            _MiniStrBuf_AppendChar(b, '\n');
        }
    } else {
        MiniObject *r = MiniObject_Repr(notes);
        if (r == NULL) { MiniErr_Clear(); _MiniStrBuf_AppendC(b, "<__notes__ repr() failed>"); }
        else { _MiniStrBuf_AppendStr(b, r); Mini_DECREF(r); }
        _MiniStrBuf_AppendChar(b, '\n');
    }
    Mini_DECREF(notes);
}

static void append_exception_line(_MiniStrBuf *b, MiniObject *exc) {
    if (MiniObject_TypeCheck(exc, (MiniTypeObject *)MiniExc_SyntaxError) && append_syntax_error(b, exc)) return;
    append_type_name(b, Mini_TYPE(exc));
    MiniObject *s = MiniObject_Str(exc);
    if (s == NULL) {
        MiniErr_Clear();
        _MiniStrBuf_AppendC(b, ": <exception str() failed>");
    } else {
        if (MiniUnicode_GetLength(s) > 0) {
            _MiniStrBuf_AppendC(b, ": ");
            _MiniStrBuf_AppendStr(b, s);
        }
        Mini_DECREF(s);
    }
    _MiniStrBuf_AppendChar(b, '\n');
    append_notes(b, exc);
}

/* ----- chains and groups ---------------------------------------------------------------------------------- */

#define MAX_CHAIN 64
#define MAX_GROUP_WIDTH 15   /* sub-exceptions shown per group, as CPython's traceback module */
#define MAX_GROUP_DEPTH 10

/* Where the printer is inside exception groups (CPython's _ExceptionPrintContext): the depth
 * sets the indent, need_close whether the group's closing rule is still owed; seen stops chains
 * that loop. */
typedef struct {
    int depth;
    int need_close;
    MiniObject *seen[MAX_CHAIN];
    int nseen;
} PrintCtx;

static int was_seen(PrintCtx *ctx, MiniObject *exc) {
    for (int i = 0; i < ctx->nseen; i++) if (ctx->seen[i] == exc) return 1;
    return 0;
}

/* Appends every line of text to out, each after the group indent and margin ("  | " per level;
 * margin '+' for a top-level group's header line), then empties text. */
static void emit(PrintCtx *ctx, _MiniStrBuf *out, _MiniStrBuf *text, char margin) {
    size_t i = 0;
    while (i < text->len) {
        size_t j = i;
        while (j < text->len && text->buf[j] != '\n') j++;
        if (ctx->depth > 0) {
            _MiniStrBuf_AppendRepeat(out, ' ', (size_t)(2 * ctx->depth));
            _MiniStrBuf_AppendChar(out, margin);
            _MiniStrBuf_AppendChar(out, ' ');
        }
        _MiniStrBuf_Append(out, text->buf + i, j - i + (j < text->len ? 1 : 0));
        i = j + 1;
    }
    _MiniStrBuf_Discard(text);
    _MiniStrBuf_Init(text);
}

static void emit_c(PrintCtx *ctx, _MiniStrBuf *out, const char *line, char margin) {
    _MiniStrBuf t;
    _MiniStrBuf_Init(&t);
    _MiniStrBuf_AppendC(&t, line);
    emit(ctx, out, &t, margin);
    _MiniStrBuf_Discard(&t);
}

static void format_exception(PrintCtx *ctx, _MiniStrBuf *out, MiniObject *exc, int chain);

/* One exception group: its header, traceback and line, then each member under a numbered rule,
 * indented one level deeper, at most MAX_GROUP_WIDTH of them. */
static void format_group(PrintCtx *ctx, _MiniStrBuf *out, MiniObject *exc, int chain, _MiniStrBuf *t) {
    MiniBaseExceptionObject *e = (MiniBaseExceptionObject *)exc;
    int toplevel = ctx->depth == 0;
    if (toplevel) ctx->depth++;
    if (e->traceback != NULL && Mini_TYPE(e->traceback) == &MiniTraceback_Type) {
        emit_c(ctx, out, "Exception Group Traceback (most recent call last):\n", toplevel ? '+' : '|');
        format_tb(t, e->traceback);
        emit(ctx, out, t, '|');
    }
    append_exception_line(t, exc);
    emit(ctx, out, t, '|');
    MiniObject *excs = MiniObject_GetAttrString(exc, "exceptions");
    Mini_ssize_t total = excs != NULL && MiniTuple_Check(excs) ? MiniTuple_GET_SIZE(excs) : 0;
    if (excs == NULL) MiniErr_Clear();
    Mini_ssize_t n = total <= MAX_GROUP_WIDTH ? total : MAX_GROUP_WIDTH + 1;
    ctx->need_close = 0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        int last = i == n - 1, truncated = i >= MAX_GROUP_WIDTH;
        if (last) ctx->need_close = 1;   /* a nested group's own closing rule may settle it */
        char rule[96];
        char title[32];
        if (truncated) snprintf(title, sizeof title, "...");
        else snprintf(title, sizeof title, "%zd", i + 1);
        _MiniStrBuf_AppendRepeat(out, ' ', (size_t)(2 * ctx->depth));
        snprintf(rule, sizeof rule, "%s+---------------- %s ----------------\n", i == 0 ? "+-" : "  ", title);
        _MiniStrBuf_AppendC(out, rule);
        ctx->depth++;
        if (!truncated) {
            format_exception(ctx, out, MiniTuple_GET_ITEM(excs, i), chain);
        } else {
            Mini_ssize_t more = total - MAX_GROUP_WIDTH;
            snprintf(rule, sizeof rule, "and %zd more exception%s\n", more, more > 1 ? "s" : "");
            emit_c(ctx, out, rule, '|');
        }
        if (last && ctx->need_close) {
            _MiniStrBuf_AppendRepeat(out, ' ', (size_t)(2 * ctx->depth));
            _MiniStrBuf_AppendC(out, "+------------------------------------\n");
            ctx->need_close = 0;
        }
        ctx->depth--;
    }
    Mini_XDECREF(excs);
    if (toplevel) ctx->depth = 0;
}

/* exc with (when chain) the exceptions it was raised from or during, oldest first, as CPython
 * prints them; groups with their members (format_group). */
static void format_exception(PrintCtx *ctx, _MiniStrBuf *out, MiniObject *exc, int chain) {
    MiniObject *links[MAX_CHAIN];
    const char *msgs[MAX_CHAIN];
    int n = 0;
    const char *msg = NULL;
    for (MiniObject *cur = exc; cur != NULL && n < MAX_CHAIN;) {
        MiniBaseExceptionObject *e = (MiniBaseExceptionObject *)cur;
        if (ctx->nseen < MAX_CHAIN) ctx->seen[ctx->nseen++] = cur;
        links[n] = cur;
        msgs[n++] = msg;
        MiniObject *next = NULL;
        if (!chain) break;
        if (e->cause != NULL) {
            if (e->cause != Mini_None) {
                next = e->cause;
                msg = "\nThe above exception was the direct cause of the following exception:\n\n";
            }
        } else if (e->context != NULL) {
            next = e->context;
            msg = "\nDuring handling of the above exception, another exception occurred:\n\n";
        }
        if (next != NULL && (!MiniExceptionInstance_Check(next) || was_seen(ctx, next))) next = NULL;
        cur = next;
    }
    _MiniStrBuf t;
    _MiniStrBuf_Init(&t);
    for (int i = n - 1; i >= 0; i--) {
        if (i < n - 1 && msgs[i + 1] != NULL) emit_c(ctx, out, msgs[i + 1], '|');
        MiniObject *x = links[i];
        MiniBaseExceptionObject *e = (MiniBaseExceptionObject *)x;
        if (!_MiniExcGroup_Check(x)) {
            if (e->traceback != NULL && Mini_TYPE(e->traceback) == &MiniTraceback_Type) {
                _MiniStrBuf_AppendC(&t, "Traceback (most recent call last):\n");
                format_tb(&t, e->traceback);
            }
            append_exception_line(&t, x);
            emit(ctx, out, &t, '|');
        } else if (ctx->depth > MAX_GROUP_DEPTH) {
            char line[64];
            snprintf(line, sizeof line, "... (max_group_depth is %d)\n", MAX_GROUP_DEPTH);
            emit_c(ctx, out, line, '|');
        } else {
            format_group(ctx, out, x, chain, &t);
        }
    }
    _MiniStrBuf_Discard(&t);
}

/* The whole report of exc (its chain when chain is set) into b. */
static void format_report(_MiniStrBuf *b, MiniObject *exc, int chain) {
    PrintCtx ctx = { .depth = 0, .need_close = 0, .nseen = 0 };
    format_exception(&ctx, b, exc, chain);
}

/* ----- for the traceback module (Modules/_tracebackmodule.c) ------------------------------------------- */

MiniObject *_MiniVM_FormatException(MiniObject *exc, int chain) {
    if (exc == NULL || !MiniExceptionInstance_Check(exc))
        return MiniErr_Format(MiniExc_TypeError, "an exception instance is required");
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    format_report(&b, exc, chain);
    return _MiniStrBuf_Finish(&b);
}

MiniObject *_MiniVM_FormatExceptionOnly(MiniObject *exc) {
    if (exc == NULL || !MiniExceptionInstance_Check(exc))
        return MiniErr_Format(MiniExc_TypeError, "an exception instance is required");
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    append_exception_line(&b, exc);
    return _MiniStrBuf_Finish(&b);
}

MiniObject *_MiniVM_FormatTraceback(MiniObject *tb) {
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    if (tb != NULL && Mini_TYPE(tb) == &MiniTraceback_Type) format_tb(&b, tb);
    return _MiniStrBuf_Finish(&b);
}

MiniObject *_MiniVM_ExtractTraceback(MiniObject *tbo) {
    MiniObject *list = MiniList_New(0);
    if (list == NULL) return NULL;
    for (MiniObject *o = tbo; o != NULL && Mini_TYPE(o) == &MiniTraceback_Type;
         o = ((MiniTracebackObject *)o)->tb_next) {
        MiniTracebackObject *tb = (MiniTracebackObject *)o;
        MiniCodeObject *co = (MiniCodeObject *)tb->tb_code;
        const char *file = MiniUnicode_AsUTF8(co->co_filename);
        char *line = file != NULL ? source_line(file, tb->tb_lineno) : NULL;
        MiniObject *text = NULL;
        if (line != NULL) {
            const char *start = line;
            while (is_space(*start)) start++;
            size_t n = strlen(start);
            while (n > 0 && is_space(start[n - 1])) n--;
            text = MiniUnicode_FromStringAndSize(start, (Mini_ssize_t)n);
            free(line);
        } else {
            text = Mini_NewRef(Mini_None);
        }
        MiniObject *item = text != NULL ? Mini_BuildValue("(OiOO)", co->co_filename, tb->tb_lineno, co->co_name, text) : NULL;
        Mini_XDECREF(text);
        if (item == NULL || MiniList_Append(list, item) < 0) {
            Mini_XDECREF(item);
            Mini_DECREF(list);
            return NULL;
        }
        Mini_DECREF(item);
    }
    return list;
}

MiniObject *_MiniVM_HandledException(void) {
    MiniVMThread *ts = _MiniVM_ThreadFast();
    MiniObject *e = ts != NULL ? ts->exc_info : NULL;
    return Mini_NewRef(e != NULL ? e : Mini_None);
}

void MiniVM_PrintException(MiniObject *exc) {
    if (exc == NULL || !MiniExceptionInstance_Check(exc)) return;
    MiniObject *saved = MiniErr_GetRaisedException();
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    format_report(&b, exc, 1);
    MiniObject *text = _MiniStrBuf_Finish(&b);
    MiniVM_Flush();
    if (text != NULL) {
        Mini_ssize_t n;
        const char *s = MiniUnicode_AsUTF8AndSize(text, &n);
        MiniVM_Write(2, s, n);
        Mini_DECREF(text);
    } else {
        MiniErr_Clear();
    }
    MiniVM_Flush();
    if (saved != NULL) MiniErr_SetRaisedException(saved);
}

int MiniVM_HandleUncaught(void) {
    MiniObject *exc = MiniErr_GetRaisedException();
    if (exc == NULL) return 0;
    int status = 1;
    if (MiniObject_TypeCheck(exc, (MiniTypeObject *)MiniExc_SystemExit)) {
        /* SystemExit.code: None for no arguments, the argument for one, the args tuple otherwise. */
        MiniObject *args = ((MiniBaseExceptionObject *)exc)->args;
        Mini_ssize_t n = args != NULL ? MiniTuple_GET_SIZE(args) : 0;
        MiniObject *code = n == 0 ? Mini_None : n == 1 ? MiniTuple_GET_ITEM(args, 0) : args;
        if (code == Mini_None) {
            status = 0;
        } else if (MiniLong_Check(code)) {
            long v = MiniLong_AsLong(code);
            if (v == -1 && MiniErr_Occurred()) { MiniErr_Clear(); v = 1; }
            status = (int)(v & 0xFF);
        } else {
            MiniObject *s = MiniObject_Str(code);
            MiniVM_Flush();
            if (s != NULL) {
                Mini_ssize_t len;
                const char *t = MiniUnicode_AsUTF8AndSize(s, &len);
                MiniVM_Write(2, t, len);
                MiniVM_Write(2, "\n", 1);
                Mini_DECREF(s);
            } else {
                MiniErr_Clear();
            }
            status = 1;
        }
    } else {
        MiniVM_PrintException(exc);
        if (MiniObject_TypeCheck(exc, (MiniTypeObject *)MiniExc_KeyboardInterrupt)) status = 130;
    }
    Mini_DECREF(exc);
    return status;
}
