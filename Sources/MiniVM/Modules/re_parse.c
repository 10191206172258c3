/* Modules/re_parse.c: the regular-expression parser: pattern text (code points) -> a tree of
 * ReNode (re_internal.h), with CPython 3.11's syntax (sre_parse) and its error messages and
 * positions for the common mistakes.
 *
 * The grammar is the usual one: alternation of sequences of quantified atoms. Flags are applied
 * here, node by node: a literal carries "ignore case", `.` carries DOTALL, `^`/`$` MULTILINE, a
 * class or \b the ASCII choice, so scoped flags (?i:...) need nothing at match time. The parser
 * recurses once per level of parentheses; RE_MAX_NESTING bounds that. Nodes, sets and names live
 * in the RePattern's arena, freed together by _MiniRe_FreePattern. */
#include "re_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    RePattern *p;
    const uint32_t *s;
    Mini_ssize_t n, i;
    int flags;              /* flags in force at this point (scoped flags change them) */
    int depth;
    unsigned char *closed;  /* closed[g]: group g has been closed (for backreferences) */
    Mini_ssize_t capclosed;
    Mini_ssize_t *condrefs;  /* (group, position) pairs of numeric (?(N)...) references, checked
                                against the group count at the end, as CPython does */
    Mini_ssize_t ncondrefs;
    int nomem;
} Parser;

/* ----- the arena ------------------------------------------------------------------------------- */

static void *arena_alloc(Parser *P, size_t size) {
    RePattern *p = P->p;
    if (p->nblocks == p->capblocks) {
        int ncap = p->capblocks ? p->capblocks * 2 : 64;
        void **nb = realloc(p->blocks, (size_t)ncap * sizeof *nb);
        if (nb == NULL) { P->nomem = 1; return NULL; }
        p->blocks = nb;
        p->capblocks = ncap;
    }
    void *m = calloc(1, size ? size : 1);
    if (m == NULL) { P->nomem = 1; return NULL; }
    p->blocks[p->nblocks++] = m;
    return m;
}

static ReNode *new_node(Parser *P, int kind) {
    ReNode *n = arena_alloc(P, sizeof(ReNode));
    if (n != NULL) n->kind = kind;
    return n;
}

/* Appends kid to n's children (growing by doubling in the arena). 0 / -1. */
static int add_kid(Parser *P, ReNode *n, ReNode *kid, int *cap) {
    if (n->nkids == *cap) {
        int ncap = *cap ? *cap * 2 : 4;
        ReNode **k = arena_alloc(P, (size_t)ncap * sizeof *k);
        if (k == NULL) return -1;
        if (n->nkids) memcpy(k, n->kids, (size_t)n->nkids * sizeof *k);
        n->kids = k;
        *cap = ncap;
    }
    n->kids[n->nkids++] = kid;
    return 0;
}

void _MiniRe_FreePattern(RePattern *p) {
    for (int i = 0; i < p->nblocks; i++) free(p->blocks[i]);
    free(p->blocks);
    p->blocks = NULL;
    p->nblocks = p->capblocks = 0;
    if (p->sets != NULL) {
        for (int i = 0; i < p->nsets; i++) free(p->sets[i].ranges);
        free(p->sets);
        p->sets = NULL;
    }
    if (p->names != NULL) {
        for (Mini_ssize_t i = 0; i <= p->groups; i++) free(p->names[i]);
        free(p->names);
        p->names = NULL;
    }
}

/* ----- errors ---------------------------------------------------------------------------------- */

static int fail(Parser *P, Mini_ssize_t pos, const char *fmt, ...) {
    if (P->p->errmsg != NULL) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(P->p->errbuf, sizeof P->p->errbuf, fmt, ap);
    va_end(ap);
    P->p->errmsg = P->p->errbuf;
    P->p->errpos = pos;
    return -1;
}

/* The text s[a..b) as UTF-8 into out (for messages); out has room for size bytes. */
static void text_of(Parser *P, Mini_ssize_t a, Mini_ssize_t b, char *out, size_t size) {
    size_t k = 0;
    for (Mini_ssize_t i = a; i < b && i < P->n && k + 5 < size; i++) {
        uint32_t c = P->s[i];
        if (c < 0x80) out[k++] = (char)c;
        else if (c < 0x800) { out[k++] = (char)(0xC0 | (c >> 6)); out[k++] = (char)(0x80 | (c & 0x3F)); }
        else if (c < 0x10000) { out[k++] = (char)(0xE0 | (c >> 12)); out[k++] = (char)(0x80 | ((c >> 6) & 0x3F)); out[k++] = (char)(0x80 | (c & 0x3F)); }
        else { out[k++] = (char)(0xF0 | (c >> 18)); out[k++] = (char)(0x80 | ((c >> 12) & 0x3F)); out[k++] = (char)(0x80 | ((c >> 6) & 0x3F)); out[k++] = (char)(0x80 | (c & 0x3F)); }
    }
    out[k] = 0;
}

/* ----- small helpers --------------------------------------------------------------------------- */

static int at_end(Parser *P) { return P->i >= P->n; }
static uint32_t peek(Parser *P) { return P->i < P->n ? P->s[P->i] : 0; }
static int is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static int is_oct(uint32_t c) { return c >= '0' && c <= '7'; }
static int hexval(uint32_t c) {
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
    return -1;
}
static int is_ascii_letter(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* In VERBOSE mode, skips whitespace and # comments. */
static void skip_verbose(Parser *P) {
    if (!(P->flags & RE_VERBOSE)) return;
    while (P->i < P->n) {
        uint32_t c = P->s[P->i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') { P->i++; continue; }
        if (c == '#') {
            while (P->i < P->n && P->s[P->i] != '\n') P->i++;
            continue;
        }
        break;
    }
}

static ReNode *char_node(Parser *P, uint32_t c) {
    ReNode *n = new_node(P, RN_CHAR);
    if (n == NULL) return NULL;
    n->ch = c;
    n->icase = (P->flags & RE_IGNORECASE) != 0;
    n->ascii = P->p->is_bytes || (P->flags & (RE_ASCII | RE_LOCALE)) != 0;
    return n;
}

/* A new empty set in the pattern; its index, or -1. */
static int new_set(Parser *P) {
    RePattern *p = P->p;
    if (p->nsets == p->capsets) {
        int ncap = p->capsets ? p->capsets * 2 : 8;
        ReSet *ns = realloc(p->sets, (size_t)ncap * sizeof *ns);
        if (ns == NULL) { P->nomem = 1; return -1; }
        p->sets = ns;
        p->capsets = ncap;
    }
    memset(&p->sets[p->nsets], 0, sizeof(ReSet));
    return p->nsets++;
}

static int set_add_range(Parser *P, int si, uint32_t lo, uint32_t hi) {
    ReSet *s = &P->p->sets[si];
    uint32_t *r = realloc(s->ranges, (size_t)(s->nranges + 1) * 2 * sizeof(uint32_t));
    if (r == NULL) { P->nomem = 1; return -1; }
    s->ranges = r;
    r[2 * s->nranges] = lo;
    r[2 * s->nranges + 1] = hi;
    s->nranges++;
    return 0;
}

static ReNode *set_node(Parser *P, int si) {
    ReNode *n = new_node(P, RN_SET);
    if (n == NULL) return NULL;
    n->set = si;
    n->icase = (P->flags & RE_IGNORECASE) != 0;
    n->ascii = P->p->is_bytes || (P->flags & (RE_ASCII | RE_LOCALE)) != 0;
    return n;
}

/* A class node for one category escape (\d, \W, ...). */
static ReNode *cat_node(Parser *P, int cat) {
    int si = new_set(P);
    if (si < 0) return NULL;
    P->p->sets[si].cats = cat;
    return set_node(P, si);
}

static int cat_of(uint32_t c) {
    switch (c) {
    case 'd': return RC_DIGIT;
    case 'D': return RC_NDIGIT;
    case 'w': return RC_WORD;
    case 'W': return RC_NWORD;
    case 's': return RC_SPACE;
    case 'S': return RC_NSPACE;
    default: return 0;
    }
}

/* ----- escapes --------------------------------------------------------------------------------- */

/* Reads \x.., \u...., \U........ after the letter (P->i at the first digit); start is the
 * backslash. Code point, or -1 (error set). */
static long read_hex(Parser *P, Mini_ssize_t start, int digits, uint32_t letter) {
    long v = 0;
    for (int k = 0; k < digits; k++) {
        int h = P->i < P->n ? hexval(P->s[P->i]) : -1;
        if (h < 0) {
            char esc[64];
            text_of(P, start, P->i, esc, sizeof esc);
            fail(P, start, "incomplete escape %s", esc);
            return -1;
        }
        v = v * 16 + h;
        P->i++;
    }
    if (letter == 'U' && v > 0x10FFFF) {
        char esc[64];
        text_of(P, start, P->i, esc, sizeof esc);
        fail(P, start, "bad escape %s", esc);
        return -1;
    }
    return v;
}

/* A character escape shared by classes and sequences (after the backslash and letter c, P->i
 * past c). Code point, or -1 if c is not one (nothing consumed beyond c), -2 on error. */
static long simple_escape(Parser *P, uint32_t c, Mini_ssize_t start) {
    switch (c) {
    case 'a': return 7;
    case 'b': return -1;
    case 'f': return 12;
    case 'n': return 10;
    case 'r': return 13;
    case 't': return 9;
    case 'v': return 11;
    case '\\': return '\\';
    case 'x': { long v = read_hex(P, start, 2, 'x'); return v < 0 ? -2 : v; }
    case 'u': case 'U':
        if (P->p->is_bytes) return -1;
        { long v = read_hex(P, start, c == 'u' ? 4 : 8, c); return v < 0 ? -2 : v; }
    default: return -1;
    }
}

static int bad_escape(Parser *P, Mini_ssize_t start) {
    if (start + 1 >= P->n) return fail(P, start, "bad escape (end of pattern)");
    char esc[16];
    text_of(P, start, start + 2, esc, sizeof esc);
    return fail(P, start, "bad escape %s", esc);
}

/* An octal escape starting at P->i (the first digit was already checked). Code point or -2. */
static long octal_escape(Parser *P, Mini_ssize_t start, int maxdigits) {
    long v = 0;
    int k = 0;
    while (k < maxdigits && P->i < P->n && is_oct(P->s[P->i])) { v = v * 8 + (long)(P->s[P->i] - '0'); P->i++; k++; }
    if (v > 0377) {
        char esc[16];
        text_of(P, start, P->i, esc, sizeof esc);
        fail(P, start, "octal escape value %s outside of range 0-0o377", esc);
        return -2;
    }
    return v;
}

/* ----- character classes ----------------------------------------------------------------------- */

/* One member of a class (P->i at it). *lo gets the code point; *cat a category bit instead
 * (then *lo is unused). 0 / -1. */
static int class_item(Parser *P, uint32_t *lo, int *cat) {
    *cat = 0;
    Mini_ssize_t start = P->i;
    uint32_t c = P->s[P->i++];
    if (c != '\\') { *lo = c; return 0; }
    if (at_end(P)) return fail(P, start, "bad escape (end of pattern)");
    uint32_t e = P->s[P->i++];
    int ct = cat_of(e);
    if (ct) { *cat = ct; return 0; }
    if (e == 'b') { *lo = 8; return 0; }
    long v = simple_escape(P, e, start);
    if (v == -2) return -1;
    if (v >= 0) { *lo = (uint32_t)v; return 0; }
    if (is_oct(e)) {
        P->i--;
        v = octal_escape(P, start, 3);
        if (v == -2) return -1;
        *lo = (uint32_t)v;
        return 0;
    }
    if (is_digit(e) || is_ascii_letter(e)) return bad_escape(P, start);
    *lo = e;
    return 0;
}

/* After '[' (start: its position). A RN_SET node or NULL. */
static ReNode *parse_class(Parser *P, Mini_ssize_t start) {
    int si = new_set(P);
    if (si < 0) return NULL;
    if (peek(P) == '^' && !at_end(P)) { P->p->sets[si].negate = 1; P->i++; }
    int first = 1;
    for (;;) {
        if (at_end(P)) { fail(P, start, "unterminated character set"); return NULL; }
        uint32_t c = P->s[P->i];
        if (c == ']' && !first) { P->i++; break; }
        first = 0;
        Mini_ssize_t here = P->i;
        uint32_t lo, hi;
        int cat;
        if (class_item(P, &lo, &cat) < 0) return NULL;
        if (P->i + 1 < P->n && P->s[P->i] == '-' && P->s[P->i + 1] != ']') {
            P->i++;
            Mini_ssize_t there = P->i;
            int cat2;
            if (class_item(P, &hi, &cat2) < 0) return NULL;
            if (cat || cat2) {
                char a[64], b[64];
                text_of(P, here, there - 1, a, sizeof a);
                text_of(P, there, P->i, b, sizeof b);
                fail(P, here, "bad character range %s-%s", a, b);
                return NULL;
            }
            if (hi < lo) {
                char a[64], b[64];
                text_of(P, here, there - 1, a, sizeof a);
                text_of(P, there, P->i, b, sizeof b);
                fail(P, here, "bad character range %s-%s", a, b);
                return NULL;
            }
            if (set_add_range(P, si, lo, hi) < 0) return NULL;
        } else if (cat) {
            P->p->sets[si].cats |= cat;
        } else {
            if (set_add_range(P, si, lo, lo) < 0) return NULL;
        }
    }
    return set_node(P, si);
}

/* ----- groups, names, flags -------------------------------------------------------------------- */

static int is_name_start(uint32_t c) { return c == '_' || is_ascii_letter(c) || c >= 0x80; }
static int is_name_char(uint32_t c) { return is_name_start(c) || is_digit(c); }

/* Reads a group name up to terminator term (P->i at its first character). Returns the name's
 * [a, b) span through a and b; -1 on error. */
static int read_name(Parser *P, uint32_t term, Mini_ssize_t *a, Mini_ssize_t *b) {
    *a = P->i;
    while (P->i < P->n && P->s[P->i] != term) P->i++;
    if (at_end(P)) {
        return fail(P, *a, term == '>' ? "missing >, unterminated name" : "missing ), unterminated name");
    }
    *b = P->i;
    P->i++;   /* the terminator */
    if (*a == *b) return fail(P, *a, "missing group name");
    return 0;
}

static int valid_identifier(Parser *P, Mini_ssize_t a, Mini_ssize_t b) {
    if (!is_name_start(P->s[a])) return 0;
    for (Mini_ssize_t i = a + 1; i < b; i++) if (!is_name_char(P->s[i])) return 0;
    return 1;
}

/* The group named s[a..b), or 0. */
static Mini_ssize_t group_by_name(Parser *P, Mini_ssize_t a, Mini_ssize_t b) {
    char name[512];
    text_of(P, a, b, name, sizeof name);
    for (Mini_ssize_t g = 1; g <= P->p->groups; g++)
        if (P->p->names[g] != NULL && strcmp(P->p->names[g], name) == 0) return g;
    return 0;
}

/* Opens a new capturing group (name: s[a..b) or a == b for none). Its index or -1. */
static Mini_ssize_t open_group(Parser *P, Mini_ssize_t a, Mini_ssize_t b, Mini_ssize_t errpos) {
    RePattern *p = P->p;
    if (p->groups + 1 >= RE_MAXGROUPS) { fail(P, errpos, "too many groups"); return -1; }
    Mini_ssize_t g = p->groups + 1;
    char **nn = realloc(p->names, (size_t)(g + 1) * sizeof *nn);
    if (nn == NULL) { P->nomem = 1; return -1; }
    p->names = nn;
    nn[g] = NULL;
    if (g == 1) nn[0] = NULL;
    p->groups = g;
    if (g >= P->capclosed) {
        Mini_ssize_t ncap = P->capclosed ? P->capclosed * 2 : 16;
        unsigned char *c = realloc(P->closed, (size_t)ncap);
        if (c == NULL) { P->nomem = 1; return -1; }
        memset(c + P->capclosed, 0, (size_t)(ncap - P->capclosed));
        P->closed = c;
        P->capclosed = ncap;
    }
    P->closed[g] = 0;
    if (a < b) {
        char name[512];
        text_of(P, a, b, name, sizeof name);
        Mini_ssize_t old = group_by_name(P, a, b);
        if (old) {
            fail(P, a, "redefinition of group name '%s' as group %zd; was group %zd", name, g, old);
            return -1;
        }
        nn[g] = strdup(name);
        if (nn[g] == NULL) { P->nomem = 1; return -1; }
    }
    return g;
}

static int flag_of(uint32_t c) {
    switch (c) {
    case 'i': return RE_IGNORECASE;
    case 'L': return RE_LOCALE;
    case 'm': return RE_MULTILINE;
    case 's': return RE_DOTALL;
    case 'x': return RE_VERBOSE;
    case 'a': return RE_ASCII;
    case 'u': return RE_UNICODE;
    default: return 0;
    }
}

static ReNode *parse_alt(Parser *P);
static ReNode *parse_seq(Parser *P, int top_start);

/* The body of a group up to its ')' (open: position of '('), with the current flags. */
static ReNode *group_body(Parser *P, Mini_ssize_t open) {
    if (++P->depth > RE_MAX_NESTING) {
        fail(P, open, "too many nested parentheses (more than %d)", RE_MAX_NESTING);
        return NULL;
    }
    ReNode *body = parse_alt(P);
    P->depth--;
    if (body == NULL) return NULL;
    if (at_end(P) || P->s[P->i] != ')') { fail(P, open, "missing ), unterminated subpattern"); return NULL; }
    P->i++;
    return body;
}

/* Inline flags after "(?" (P->i at the first flag letter; open: position of '('). A node for a
 * scoped group, or the special value GLOBAL_FLAGS for (?flags) with the flags applied. */
static ReNode GLOBAL_FLAGS_NODE;
#define GLOBAL_FLAGS (&GLOBAL_FLAGS_NODE)

static ReNode *parse_flags(Parser *P, Mini_ssize_t open, int at_start) {
    int add = 0, del = 0;
    while (P->i < P->n && flag_of(P->s[P->i])) {
        int f = flag_of(P->s[P->i]);
        if (P->p->is_bytes && f == RE_UNICODE) { fail(P, P->i + 1, "bad inline flags: cannot use 'u' flag with a bytes pattern"); return NULL; }
        if (!P->p->is_bytes && f == RE_LOCALE) { fail(P, P->i + 1, "bad inline flags: cannot use 'L' flag with a str pattern"); return NULL; }
        add |= f;
        P->i++;
        if ((add & (RE_ASCII | RE_LOCALE | RE_UNICODE)) & ((add & (RE_ASCII | RE_LOCALE | RE_UNICODE)) - 1)) {
            fail(P, P->i, "bad inline flags: flags 'a', 'u' and 'L' are incompatible");
            return NULL;
        }
    }
    if (at_end(P)) { fail(P, P->i, "missing -, : or )"); return NULL; }
    if (P->s[P->i] == ')') {
        P->i++;
        if (!at_start) { fail(P, open, "global flags not at the start of the expression"); return NULL; }
        P->flags |= add;
        P->p->flags |= add;
        return GLOBAL_FLAGS;
    }
    if (P->s[P->i] == '-') {
        P->i++;
        if (at_end(P)) { fail(P, P->i, "missing flag"); return NULL; }
        while (P->i < P->n && flag_of(P->s[P->i])) {
            int f = flag_of(P->s[P->i]);
            if (f & (RE_ASCII | RE_LOCALE | RE_UNICODE)) {
                fail(P, P->i + 1, "bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
                return NULL;
            }
            del |= f;
            P->i++;
        }
        if (del == 0) {
            if (at_end(P)) { fail(P, P->i, "missing flag"); return NULL; }
            fail(P, P->i, is_ascii_letter(P->s[P->i]) ? "unknown flag" : "missing flag");
            return NULL;
        }
        if (add & del) { fail(P, P->i, "bad inline flags: flag turned on and off"); return NULL; }
        if (at_end(P)) { fail(P, P->i, "missing :"); return NULL; }
        if (P->s[P->i] != ':') {
            fail(P, P->i, is_ascii_letter(P->s[P->i]) ? "unknown flag" : "missing :");
            return NULL;
        }
    } else if (P->s[P->i] != ':') {
        fail(P, P->i, is_ascii_letter(P->s[P->i]) ? "unknown flag" : "missing -, : or )");
        return NULL;
    }
    P->i++;   /* ':' */
    int saved = P->flags;
    int nf = (P->flags | add) & ~del;
    if (add & (RE_ASCII | RE_LOCALE | RE_UNICODE))
        nf = (nf & ~(RE_ASCII | RE_LOCALE | RE_UNICODE)) | (add & (RE_ASCII | RE_LOCALE | RE_UNICODE));
    P->flags = nf;
    ReNode *body = group_body(P, open);
    P->flags = saved;
    return body;
}

/* A lookaround after "(?=", "(?!", "(?<=", "(?<!" (P->i at the body). */
static ReNode *lookaround(Parser *P, Mini_ssize_t open, int behind, int neg) {
    ReNode *body = group_body(P, open);
    if (body == NULL) return NULL;
    ReNode *n = new_node(P, RN_LOOK);
    if (n == NULL) return NULL;
    n->flag = behind;
    n->neg = neg;
    int cap = 0;
    if (add_kid(P, n, body, &cap) < 0) return NULL;
    return n;
}

static ReNode *wrap(Parser *P, int kind, ReNode *body) {
    ReNode *n = new_node(P, kind);
    if (n == NULL) return NULL;
    int cap = 0;
    if (add_kid(P, n, body, &cap) < 0) return NULL;
    return n;
}

/* A group after '(' (open: its position). at_start: nothing has been parsed yet at top level. */
static ReNode *parse_group(Parser *P, Mini_ssize_t open, int at_start) {
    if (peek(P) != '?' || at_end(P)) {
        Mini_ssize_t g = open_group(P, 0, 0, open);
        if (g < 0) return NULL;
        ReNode *body = group_body(P, open);
        if (body == NULL) return NULL;
        P->closed[g] = 1;
        ReNode *n = wrap(P, RN_GROUP, body);
        if (n) n->group = g;
        return n;
    }
    P->i++;   /* '?' */
    if (at_end(P)) { fail(P, P->i, "unexpected end of pattern"); return NULL; }
    Mini_ssize_t qpos = P->i - 1;
    uint32_t c = P->s[P->i++];
    switch (c) {
    case ':': {
        ReNode *body = group_body(P, open);
        return body;
    }
    case '>': {
        ReNode *body = group_body(P, open);
        return body ? wrap(P, RN_ATOMIC, body) : NULL;
    }
    case '=': return lookaround(P, open, 0, 0);
    case '!': return lookaround(P, open, 0, 1);
    case '#':
        while (P->i < P->n && P->s[P->i] != ')') P->i++;
        if (at_end(P)) { fail(P, open, "missing ), unterminated comment"); return NULL; }
        P->i++;
        return new_node(P, RN_EMPTY);
    case '<': {
        if (at_end(P)) { fail(P, P->i, "unexpected end of pattern"); return NULL; }
        uint32_t d = P->s[P->i++];
        if (d == '=') return lookaround(P, open, 1, 0);
        if (d == '!') return lookaround(P, open, 1, 1);
        char t[16];
        text_of(P, P->i - 1, P->i, t, sizeof t);
        fail(P, qpos, "unknown extension ?<%s", t);
        return NULL;
    }
    case 'P': {
        if (at_end(P)) { fail(P, P->i, "unexpected end of pattern"); return NULL; }
        uint32_t d = P->s[P->i++];
        Mini_ssize_t a, b;
        if (d == '<') {
            if (read_name(P, '>', &a, &b) < 0) return NULL;
            if (!valid_identifier(P, a, b)) {
                char name[512];
                text_of(P, a, b, name, sizeof name);
                fail(P, a, "bad character in group name '%s'", name);
                return NULL;
            }
            Mini_ssize_t g = open_group(P, a, b, open);
            if (g < 0) return NULL;
            ReNode *body = group_body(P, open);
            if (body == NULL) return NULL;
            P->closed[g] = 1;
            ReNode *n = wrap(P, RN_GROUP, body);
            if (n) n->group = g;
            return n;
        }
        if (d == '=') {
            if (read_name(P, ')', &a, &b) < 0) return NULL;
            char name[512];
            text_of(P, a, b, name, sizeof name);
            if (!valid_identifier(P, a, b)) { fail(P, a, "bad character in group name '%s'", name); return NULL; }
            Mini_ssize_t g = group_by_name(P, a, b);
            if (!g) { fail(P, a, "unknown group name '%s'", name); return NULL; }
            if (!P->closed[g]) { fail(P, a, "cannot refer to an open group"); return NULL; }
            ReNode *n = new_node(P, RN_BACKREF);
            if (n == NULL) return NULL;
            n->group = g;
            n->icase = (P->flags & RE_IGNORECASE) != 0;
            n->ascii = P->p->is_bytes || (P->flags & (RE_ASCII | RE_LOCALE)) != 0;
            return n;
        }
        char t[16];
        text_of(P, P->i - 1, P->i, t, sizeof t);
        fail(P, qpos, "unknown extension ?P%s", t);
        return NULL;
    }
    case '(': {
        Mini_ssize_t a, b;
        if (read_name(P, ')', &a, &b) < 0) return NULL;
        Mini_ssize_t g = 0;
        int numeric = 1;
        for (Mini_ssize_t i = a; i < b; i++) if (!is_digit(P->s[i])) numeric = 0;
        char name[512];
        text_of(P, a, b, name, sizeof name);
        if (numeric) {
            for (Mini_ssize_t i = a; i < b && g < RE_MAXGROUPS * 10; i++) g = g * 10 + (Mini_ssize_t)(P->s[i] - '0');
            if (g == 0) { fail(P, a, "bad group number"); return NULL; }
            if (g >= RE_MAXGROUPS) { fail(P, a, "invalid group reference %s", name); return NULL; }
        } else {
            if (!valid_identifier(P, a, b)) { fail(P, a, "bad character in group name '%s'", name); return NULL; }
            g = group_by_name(P, a, b);
            if (!g) { fail(P, a, "unknown group name '%s'", name); return NULL; }
        }
        if (++P->depth > RE_MAX_NESTING) {
            fail(P, open, "too many nested parentheses (more than %d)", RE_MAX_NESTING);
            return NULL;
        }
        /* yes|no: two sequences (a third branch is an error) */
        ReNode *yes = parse_seq(P, 0), *no = NULL;
        if (yes != NULL && !at_end(P) && P->s[P->i] == '|') {
            P->i++;
            no = parse_seq(P, 0);
            if (no != NULL && !at_end(P) && P->s[P->i] == '|') {
                fail(P, P->i, "conditional backref with more than two branches");
                return NULL;
            }
            if (no == NULL) return NULL;
        }
        P->depth--;
        if (yes == NULL) return NULL;
        if (at_end(P) || P->s[P->i] != ')') { fail(P, open, "missing ), unterminated subpattern"); return NULL; }
        P->i++;
        if (numeric) {
            Mini_ssize_t *nr = realloc(P->condrefs, (size_t)(P->ncondrefs + 1) * 2 * sizeof *nr);
            if (nr == NULL) { P->nomem = 1; return NULL; }
            P->condrefs = nr;
            nr[2 * P->ncondrefs] = g;
            nr[2 * P->ncondrefs + 1] = a;
            P->ncondrefs++;
        }
        ReNode *n = new_node(P, RN_COND);
        if (n == NULL) return NULL;
        n->group = g;
        int cap = 0;
        if (add_kid(P, n, yes, &cap) < 0 || add_kid(P, n, no, &cap) < 0) return NULL;
        return n;
    }
    default:
        P->i--;
        if (flag_of(c) || c == '-') return parse_flags(P, open, at_start);
        {
            char t[16];
            text_of(P, P->i, P->i + 1, t, sizeof t);
            fail(P, qpos, "unknown extension ?%s", t);
        }
        return NULL;
    }
}

/* ----- atoms, quantifiers, sequences ----------------------------------------------------------- */

/* A backreference or octal escape after "\<digit>" (P->i at the digit; start: the backslash). */
static ReNode *digit_escape(Parser *P, Mini_ssize_t start) {
    uint32_t c = P->s[P->i];
    if (c == '0') {
        long v = octal_escape(P, start, 3);
        return v < 0 ? NULL : char_node(P, (uint32_t)v);
    }
    /* three octal digits make an octal escape */
    if (P->i + 2 < P->n && is_oct(c) && is_oct(P->s[P->i + 1]) && is_oct(P->s[P->i + 2])) {
        long v = octal_escape(P, start, 3);
        return v < 0 ? NULL : char_node(P, (uint32_t)v);
    }
    Mini_ssize_t g = (Mini_ssize_t)(c - '0');
    P->i++;
    if (P->i < P->n && is_digit(P->s[P->i])) { g = g * 10 + (Mini_ssize_t)(P->s[P->i] - '0'); P->i++; }
    if (g > P->p->groups) {
        char t[16];
        text_of(P, start + 1, P->i, t, sizeof t);
        fail(P, start + 1, "invalid group reference %zd", g);
        return NULL;
    }
    if (!P->closed[g]) { fail(P, start, "cannot refer to an open group"); return NULL; }
    ReNode *n = new_node(P, RN_BACKREF);
    if (n == NULL) return NULL;
    n->group = g;
    n->icase = (P->flags & RE_IGNORECASE) != 0;
    n->ascii = P->p->is_bytes || (P->flags & (RE_ASCII | RE_LOCALE)) != 0;
    return n;
}

static ReNode *assert_node(Parser *P, int kind) {
    ReNode *n = new_node(P, RN_ASSERT);
    if (n == NULL) return NULL;
    n->flag = kind;
    n->ascii = P->p->is_bytes || (P->flags & (RE_ASCII | RE_LOCALE)) != 0;
    return n;
}

/* An escape outside a class (P->i past the backslash; start: the backslash). */
static ReNode *parse_escape(Parser *P, Mini_ssize_t start) {
    if (at_end(P)) { fail(P, start, "bad escape (end of pattern)"); return NULL; }
    uint32_t c = P->s[P->i];
    if (is_digit(c)) return digit_escape(P, start);
    P->i++;
    int cat = cat_of(c);
    if (cat) return cat_node(P, cat);
    switch (c) {
    case 'A': return assert_node(P, RA_BOS);
    case 'Z': return assert_node(P, RA_EOS);
    case 'b': return assert_node(P, RA_WORDB);
    case 'B': return assert_node(P, RA_NWORDB);
    }
    long v = simple_escape(P, c, start);
    if (v == -2) return NULL;
    if (v >= 0) return char_node(P, (uint32_t)v);
    if (c == 'N' && !P->p->is_bytes) {
        /* \N{NAME}: MiniPy has no Unicode name database */
        if (at_end(P) || P->s[P->i] != '{') { fail(P, P->i, "missing {"); return NULL; }
        Mini_ssize_t a = P->i + 1, b = a;
        while (b < P->n && P->s[b] != '}') b++;
        if (b >= P->n || b == a) { fail(P, a, "missing character name"); return NULL; }
        char name[256];
        text_of(P, a, b, name, sizeof name);
        fail(P, start, "undefined character name '%s'", name);
        return NULL;
    }
    if (is_ascii_letter(c)) { bad_escape(P, start); return NULL; }
    return char_node(P, c);
}

/* Tries to read {m}, {m,}, {,n}, {m,n} at P->i (the '{'). 1 and the bounds; 0 if it is not a
 * quantifier (P->i unchanged); -1 on error. */
static int read_braces(Parser *P, Mini_ssize_t *min, Mini_ssize_t *max) {
    Mini_ssize_t i = P->i + 1, lo = 0, hi = -1;
    int have_lo = 0, have_hi = 0, comma = 0;
    Mini_ssize_t lo_at = i;
    while (i < P->n && is_digit(P->s[i])) { if (lo < RE_MAXREPEAT * 10) lo = lo * 10 + (Mini_ssize_t)(P->s[i] - '0'); i++; have_lo = 1; }
    Mini_ssize_t hi_at = i;
    if (i < P->n && P->s[i] == ',') {
        comma = 1;
        i++;
        hi_at = i;
        while (i < P->n && is_digit(P->s[i])) { if (hi < RE_MAXREPEAT * 10) hi = (hi < 0 ? 0 : hi) * 10 + (Mini_ssize_t)(P->s[i] - '0'); i++; have_hi = 1; }
    }
    if (i >= P->n || P->s[i] != '}') return 0;
    if (!have_lo && !have_hi && !comma) return 0;
    if (!have_lo && !have_hi) { /* "{,}" */ lo = 0; hi = -1; }
    if (!comma) hi = lo;
    if (lo >= RE_MAXREPEAT) { fail(P, lo_at, "the repetition number is too large"); return -1; }
    if (hi >= RE_MAXREPEAT) { fail(P, hi_at, "the repetition number is too large"); return -1; }
    if (hi >= 0 && hi < lo) { fail(P, lo_at, "min repeat greater than max repeat"); return -1; }
    *min = lo;
    *max = hi;
    P->i = i + 1;
    (void)have_hi;
    return 1;
}

/* A sequence of quantified atoms up to '|' or ')' or the end. */
static ReNode *parse_seq(Parser *P, int top_start) {
    ReNode *seq = new_node(P, RN_CAT);
    if (seq == NULL) return NULL;
    int cap = 0;
    int last_repeat = 0;  /* the last item is a quantifier's result */
    for (;;) {
        skip_verbose(P);
        if (at_end(P)) break;
        Mini_ssize_t here = P->i;
        uint32_t c = P->s[P->i];
        if (c == '|' || c == ')') break;
        /* quantifiers */
        if (c == '*' || c == '+' || c == '?' || c == '{') {
            Mini_ssize_t min = 0, max = -1;
            if (c == '{') {
                int r = read_braces(P, &min, &max);
                if (r < 0) return NULL;
                if (r == 0) goto atom;
            } else {
                P->i++;
                if (c == '+') min = 1;
                if (c == '?') max = 1;
            }
            ReNode *item = seq->nkids ? seq->kids[seq->nkids - 1] : NULL;
            if (item == NULL || item->kind == RN_ASSERT || item->kind == RN_EMPTY) {
                fail(P, here, "nothing to repeat");
                return NULL;
            }
            if (last_repeat) { fail(P, here, "multiple repeat"); return NULL; }
            ReNode *rep = new_node(P, RN_REPEAT);
            if (rep == NULL) return NULL;
            rep->min = min;
            rep->max = max;
            rep->flag = RR_GREEDY;
            if (P->i < P->n && P->s[P->i] == '?') { rep->flag = RR_LAZY; P->i++; }
            else if (P->i < P->n && P->s[P->i] == '+') { rep->flag = RR_POSSESSIVE; P->i++; }
            int rc = 0;
            if (add_kid(P, rep, item, &rc) < 0) return NULL;
            seq->kids[seq->nkids - 1] = rep;
            last_repeat = 1;
            continue;
        }
    atom:;
        ReNode *a = NULL;
        P->i++;
        switch (c) {
        case '(': {
            int at_start = top_start && seq->nkids == 0 && P->depth == 0;
            if (at_start) {
                /* only global flags may precede: everything so far must be global flags */
            }
            a = parse_group(P, here, at_start);
            if (a == GLOBAL_FLAGS) { last_repeat = 0; continue; }
            break;
        }
        case '[': a = parse_class(P, here); break;
        case '.': a = new_node(P, RN_ANY); if (a) a->flag = (P->flags & RE_DOTALL) != 0; break;
        case '^': a = assert_node(P, (P->flags & RE_MULTILINE) ? RA_BOL_M : RA_BOL); break;
        case '$': a = assert_node(P, (P->flags & RE_MULTILINE) ? RA_EOL_M : RA_EOL); break;
        case '\\': a = parse_escape(P, here); break;
        default: a = char_node(P, c); break;
        }
        if (a == NULL) return NULL;
        if (a->kind == RN_EMPTY) { continue; }
        if (add_kid(P, seq, a, &cap) < 0) return NULL;
        last_repeat = 0;
        top_start = 0;
    }
    return seq;
}

/* Alternatives separated by '|'. */
static ReNode *parse_alt(Parser *P) {
    int top = P->depth == 0;
    ReNode *first = parse_seq(P, top && P->i == 0);
    if (first == NULL) return NULL;
    if (at_end(P) || P->s[P->i] != '|') return first;
    ReNode *alt = new_node(P, RN_ALT);
    if (alt == NULL) return NULL;
    int cap = 0;
    if (add_kid(P, alt, first, &cap) < 0) return NULL;
    while (!at_end(P) && P->s[P->i] == '|') {
        P->i++;
        ReNode *next = parse_seq(P, 0);
        if (next == NULL) return NULL;
        if (add_kid(P, alt, next, &cap) < 0) return NULL;
    }
    return alt;
}

int _MiniRe_Parse(RePattern *p, const uint32_t *pat, Mini_ssize_t n, int flags, int is_bytes) {
    memset(p, 0, sizeof *p);
    p->flags = flags;
    p->is_bytes = is_bytes;
    Parser P = {p, pat, n, 0, flags, 0, NULL, 0, NULL, 0, 0};
    /* Global flags in VERBOSE patterns change how the rest parses: CPython re-parses when (?x)
     * appears; parsing applies them as they are read, which gives the same result because they
     * must come first. */
    ReNode *root = parse_alt(&P);
    if (root != NULL && !at_end(&P)) {
        root = NULL;
        fail(&P, P.i, "unbalanced parenthesis");
    }
    for (Mini_ssize_t k = 0; root != NULL && k < P.ncondrefs; k++) {
        if (P.condrefs[2 * k] > p->groups) {
            fail(&P, P.condrefs[2 * k + 1], "invalid group reference %zd", P.condrefs[2 * k]);
            root = NULL;
        }
    }
    free(P.closed);
    free(P.condrefs);
    p->root = root;
    if (P.nomem) { MiniErr_NoMemory(); return -2; }
    if (root == NULL) return -1;
    if (p->names == NULL) {
        p->names = calloc(1, sizeof *p->names);
        if (p->names == NULL) { MiniErr_NoMemory(); return -2; }
    }
    p->flags = (p->flags & ~RE_VERBOSE) | (P.flags & RE_VERBOSE) | (p->flags & RE_VERBOSE);
    return 0;
}
