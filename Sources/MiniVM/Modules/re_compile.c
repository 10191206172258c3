/* Modules/re_compile.c: turns a parsed regular expression (ReNode tree) into the program the
 * matcher runs (re_internal.h lists the opcodes), and works out what speeds up a search: the
 * set of characters a match can start with and whether the pattern is anchored at the start.
 *
 * Layout of the instructions (each a run of Mini_ssize_t words):
 *   CHAR c | CHAR_I lower upper | ANY | ANY_ALL | SET set ascii | SET_I set ascii
 *   ASSERT kind ascii | SAVE slot | SPLIT first second | JMP target
 *   REPEAT_ONE min max mode next <one single-character instruction>
 *   REP_INIT r | REP_LOOP r min max mode exit <body> JMP back
 *   ATOMIC_START | ATOMIC_END | LOOK_START behind neg width end <body> LOOK_END
 *   BACKREF g ascii | BACKREF_I g ascii | GROUP_EXISTS g else | MATCH
 * A quantifier over one character (a literal, `.`, a class) becomes REPEAT_ONE, which counts
 * matches in a loop instead of pushing a choice per character; anything else becomes a counted
 * loop. Possessive quantifiers are atomic groups around a greedy one. Also here: the character
 * predicates the matcher and the classes share. */
#include "re_internal.h"
#include "lib_internal.h"

#include <stdlib.h>
#include <string.h>

/* ----- character predicates -------------------------------------------------------------------- */

/* Characters that ignore-case matching treats as another letter's case (CPython's re does the
 * same: the Kelvin sign matches k, the long s matches s, final sigma matches sigma, ...). */
static uint32_t fold_special(uint32_t c) {
    switch (c) {
    case 0x212A: return 'k';
    case 0x212B: return 0xE5;
    case 0x17F: return 's';
    case 0x3C2: return 0x3C3;
    case 0x1E9E: return 0xDF;
    case 0x3D0: return 0x3B2;
    case 0x3D1: return 0x3B8;
    case 0x3D5: return 0x3C6;
    case 0x3D6: return 0x3C0;
    case 0x3F0: return 0x3BA;
    case 0x3F1: return 0x3C1;
    case 0x3F5: return 0x3B5;
    case 0x1E9B: return 0x1E61;
    case 0x1FBE: case 0x345: return 0x3B9;
    case 0xB5: return 0x3BC;
    default: return c;
    }
}

uint32_t _MiniRe_Lower(uint32_t c, int ascii) {
    if (c < 128) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return ascii ? c : _MiniUCD_ToLower(fold_special(c));
}

uint32_t _MiniRe_Upper(uint32_t c, int ascii) {
    if (c < 128) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    return ascii ? c : _MiniUCD_ToUpper(c);
}

int _MiniRe_IsWord(uint32_t c, int ascii) {
    if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (ascii) return 0;
    return _MiniUCD_IsAlpha(c) || _MiniUCD_IsNumeric(c) || _MiniUCD_IsDigit(c) || _MiniUCD_DecimalValue(c) >= 0;
}

static int is_digit_c(uint32_t c, int ascii) {
    if (c < 128) return c >= '0' && c <= '9';
    return !ascii && _MiniUCD_DecimalValue(c) >= 0;
}

static int is_space_c(uint32_t c, int ascii) {
    if (c < 128) {
        if (c == ' ' || (c >= 9 && c <= 13)) return 1;
        return !ascii && c >= 0x1C && c <= 0x1F;
    }
    return !ascii && _MiniUCD_IsSpace(c);
}

static int in_set_exact(const ReSet *s, uint32_t c, int ascii) {
    for (int i = 0; i < s->nranges; i++)
        if (c >= s->ranges[2 * i] && c <= s->ranges[2 * i + 1]) return 1;
    int k = s->cats;
    if (k) {
        if ((k & RC_DIGIT) && is_digit_c(c, ascii)) return 1;
        if ((k & RC_NDIGIT) && !is_digit_c(c, ascii)) return 1;
        if ((k & RC_WORD) && _MiniRe_IsWord(c, ascii)) return 1;
        if ((k & RC_NWORD) && !_MiniRe_IsWord(c, ascii)) return 1;
        if ((k & RC_SPACE) && is_space_c(c, ascii)) return 1;
        if ((k & RC_NSPACE) && !is_space_c(c, ascii)) return 1;
    }
    return 0;
}

int _MiniRe_InSet(const ReSet *s, uint32_t c, int ascii) {
    return in_set_exact(s, c, ascii) != s->negate;
}

/* ----- emitting -------------------------------------------------------------------------------- */

typedef struct {
    RePattern *p;
    ReProgram *prog;
    Mini_ssize_t cap;
    int nomem;
} Compiler;

static Mini_ssize_t emit(Compiler *C, Mini_ssize_t w) {
    ReProgram *g = C->prog;
    if (g->ncode == C->cap) {
        Mini_ssize_t ncap = C->cap ? C->cap * 2 : 64;
        Mini_ssize_t *nc = realloc(g->code, (size_t)ncap * sizeof *nc);
        if (nc == NULL) { C->nomem = 1; return g->ncode; }
        g->code = nc;
        C->cap = ncap;
    }
    g->code[g->ncode] = w;
    return g->ncode++;
}

static void patch(Compiler *C, Mini_ssize_t at, Mini_ssize_t v) {
    if (!C->nomem) C->prog->code[at] = v;
}

/* 1 if n matches exactly one character (a REPEAT_ONE item). */
static int single_char(const ReNode *n) {
    return n->kind == RN_CHAR || n->kind == RN_ANY || n->kind == RN_SET;
}

/* Fixed width of n in characters, or -1 if it varies. */
static Mini_ssize_t width(const ReNode *n) {
    if (n == NULL) return 0;
    switch (n->kind) {
    case RN_EMPTY: case RN_ASSERT: case RN_LOOK: return 0;
    case RN_CHAR: case RN_ANY: case RN_SET: return 1;
    case RN_CAT: {
        Mini_ssize_t w = 0;
        for (int i = 0; i < n->nkids; i++) {
            Mini_ssize_t k = width(n->kids[i]);
            if (k < 0) return -1;
            w += k;
        }
        return w;
    }
    case RN_ALT: {
        Mini_ssize_t w = width(n->kids[0]);
        for (int i = 1; i < n->nkids && w >= 0; i++) if (width(n->kids[i]) != w) return -1;
        return w;
    }
    case RN_COND: {
        Mini_ssize_t a = width(n->kids[0]), b = width(n->kids[1]);
        return a == b ? a : -1;
    }
    case RN_GROUP: case RN_ATOMIC: return width(n->kids[0]);
    case RN_REPEAT: {
        if (n->min != n->max) return -1;
        Mini_ssize_t k = width(n->kids[0]);
        return k < 0 ? -1 : k * n->min;
    }
    default: return -1;   /* backreferences */
    }
}

static void emit_single(Compiler *C, const ReNode *n) {
    switch (n->kind) {
    case RN_CHAR:
        if (n->icase) {
            /* upper of the lower case: the Kelvin sign's pair is k/K (its own upper case is itself) */
            uint32_t lo = _MiniRe_Lower(n->ch, n->ascii), up = _MiniRe_Upper(lo, n->ascii);
            if (lo != up || lo != n->ch) {
                emit(C, OP_CHAR_I); emit(C, lo); emit(C, up);
                return;
            }
        }
        emit(C, OP_CHAR); emit(C, n->ch);
        return;
    case RN_ANY:
        emit(C, n->flag ? OP_ANY_ALL : OP_ANY);
        return;
    default:
        emit(C, n->icase ? OP_SET_I : OP_SET); emit(C, n->set); emit(C, n->ascii);
        return;
    }
}

static int compile_node(Compiler *C, const ReNode *n);

static int compile_repeat(Compiler *C, const ReNode *n) {
    const ReNode *body = n->kids[0];
    if (n->max == 0) return 0;   /* x{0}: nothing */
    if (n->min == 1 && n->max == 1 && n->flag != RR_POSSESSIVE) return compile_node(C, body);
    if (single_char(body)) {
        Mini_ssize_t at = emit(C, OP_REPEAT_ONE);
        emit(C, n->min); emit(C, n->max < 0 ? MINI_SSIZE_T_MAX : n->max); emit(C, n->flag);
        Mini_ssize_t next = emit(C, 0);
        emit_single(C, body);
        patch(C, next, C->prog->ncode);
        (void)at;
        return 0;
    }
    if (n->flag == RR_POSSESSIVE) emit(C, OP_ATOMIC_START);
    Mini_ssize_t r = C->prog->nreps++;
    emit(C, OP_REP_INIT); emit(C, r);
    Mini_ssize_t loop = emit(C, OP_REP_LOOP);
    emit(C, r); emit(C, n->min); emit(C, n->max < 0 ? MINI_SSIZE_T_MAX : n->max);
    emit(C, n->flag == RR_LAZY ? RR_LAZY : RR_GREEDY);
    Mini_ssize_t exit_at = emit(C, 0);
    if (compile_node(C, body) < 0) return -1;
    emit(C, OP_JMP); emit(C, loop);
    patch(C, exit_at, C->prog->ncode);
    if (n->flag == RR_POSSESSIVE) emit(C, OP_ATOMIC_END);
    return 0;
}

static int compile_node(Compiler *C, const ReNode *n) {
    if (n == NULL) return 0;
    switch (n->kind) {
    case RN_EMPTY: return 0;
    case RN_CHAR: case RN_ANY: case RN_SET: emit_single(C, n); return 0;
    case RN_CAT:
        for (int i = 0; i < n->nkids; i++) if (compile_node(C, n->kids[i]) < 0) return -1;
        return 0;
    case RN_ALT: {
        /* SPLIT L1 next; L1: a; JMP end; next: SPLIT L2 next2 ... last: z; end: */
        Mini_ssize_t *jumps = malloc((size_t)n->nkids * sizeof *jumps);
        if (jumps == NULL) { C->nomem = 1; return -1; }
        for (int i = 0; i < n->nkids; i++) {
            Mini_ssize_t split_second = -1;
            if (i + 1 < n->nkids) {
                emit(C, OP_SPLIT);
                emit(C, C->prog->ncode + 2);
                split_second = emit(C, 0);
            }
            if (compile_node(C, n->kids[i]) < 0) { free(jumps); return -1; }
            if (i + 1 < n->nkids) {
                emit(C, OP_JMP);
                jumps[i] = emit(C, 0);
                patch(C, split_second, C->prog->ncode);
            }
        }
        for (int i = 0; i + 1 < n->nkids; i++) patch(C, jumps[i], C->prog->ncode);
        free(jumps);
        return 0;
    }
    case RN_GROUP:
        if (n->group == 0) return compile_node(C, n->kids[0]);
        emit(C, OP_SAVE); emit(C, 2 * n->group);
        if (compile_node(C, n->kids[0]) < 0) return -1;
        emit(C, OP_SAVE); emit(C, 2 * n->group + 1);
        return 0;
    case RN_REPEAT: return compile_repeat(C, n);
    case RN_ATOMIC:
        emit(C, OP_ATOMIC_START);
        if (compile_node(C, n->kids[0]) < 0) return -1;
        emit(C, OP_ATOMIC_END);
        return 0;
    case RN_LOOK: {
        Mini_ssize_t w = 0;
        if (n->flag) {
            w = width(n->kids[0]);
            if (w < 0) {
                C->p->errmsg = "look-behind requires fixed-width pattern";
                C->p->errpos = -1;
                return -1;
            }
        }
        emit(C, OP_LOOK_START); emit(C, n->flag); emit(C, n->neg); emit(C, w);
        Mini_ssize_t end_at = emit(C, 0);
        if (compile_node(C, n->kids[0]) < 0) return -1;
        emit(C, OP_LOOK_END);
        patch(C, end_at, C->prog->ncode);
        return 0;
    }
    case RN_BACKREF:
        emit(C, n->icase ? OP_BACKREF_I : OP_BACKREF); emit(C, n->group); emit(C, n->ascii);
        return 0;
    case RN_ASSERT:
        emit(C, OP_ASSERT); emit(C, n->flag); emit(C, n->ascii);
        return 0;
    case RN_COND: {
        emit(C, OP_GROUP_EXISTS); emit(C, n->group);
        Mini_ssize_t else_at = emit(C, 0);
        if (compile_node(C, n->kids[0]) < 0) return -1;
        emit(C, OP_JMP);
        Mini_ssize_t end_at = emit(C, 0);
        patch(C, else_at, C->prog->ncode);
        if (compile_node(C, n->kids[1]) < 0) return -1;
        patch(C, end_at, C->prog->ncode);
        return 0;
    }
    }
    return 0;
}

/* ----- the first-character set ----------------------------------------------------------------- */

static void first_add(ReProgram *g, uint32_t c) { g->first[c >> 3] |= (unsigned char)(1u << (c & 7)); }

/* Adds to g->first what n can start with; returns 1 if n can match the empty string (then what
 * follows it can start a match too), and sets g->first_any when the set cannot be bounded. */
static int first_of(ReProgram *g, const ReSet *sets, const ReNode *n) {
    if (n == NULL || g->first_any) return 1;
    switch (n->kind) {
    case RN_EMPTY: case RN_ASSERT: case RN_LOOK: return 1;
    case RN_CHAR:
        if (n->ch >= 256) {   /* only itself, unless its other case is below 256 */
            if (n->icase) g->first_any = 1;
            else g->first_wide = 1;
            return 0;
        }
        first_add(g, n->ch);
        if (n->icase) {
            for (uint32_t c = 0; c < 256; c++)
                if (_MiniRe_Lower(c, n->ascii) == _MiniRe_Lower(n->ch, n->ascii) ||
                    _MiniRe_Upper(c, n->ascii) == _MiniRe_Upper(n->ch, n->ascii)) first_add(g, c);
            if (!n->ascii) g->first_any = 1;   /* Kelvin sign and friends */
        }
        return 0;
    case RN_ANY: g->first_any = 1; return 0;
    case RN_SET: {
        /* exact below 256 (negation and classes included); anything above may be a member */
        const ReSet *s = &sets[n->set];
        if (n->icase) { g->first_any = 1; return 0; }
        for (uint32_t c = 0; c < 256; c++) if (_MiniRe_InSet(s, c, n->ascii)) first_add(g, c);
        g->first_wide = 1;
        return 0;
    }
    case RN_CAT:
        for (int i = 0; i < n->nkids; i++) if (!first_of(g, sets, n->kids[i])) return 0;
        return 1;
    case RN_ALT: {
        int nullable = 0;
        for (int i = 0; i < n->nkids; i++) nullable |= first_of(g, sets, n->kids[i]);
        return nullable;
    }
    case RN_GROUP: case RN_ATOMIC: return first_of(g, sets, n->kids[0]);
    case RN_REPEAT: {
        int nullable = first_of(g, sets, n->kids[0]);
        return nullable || n->min == 0;
    }
    default: g->first_any = 1; return 1;
    }
}

/* ----- the required literal --------------------------------------------------------------------- */

/* A walk along the part of the tree every match goes through, collecting runs of exact characters
 * that are adjacent in every match. consumed: something before the current run may take text. */
typedef struct {
    uint32_t cur[RE_LIT_MAX], best[RE_LIT_MAX];
    int ncur, nbest, cur_first, best_first, consumed;
} LitWalk;

static void lit_end_run(LitWalk *w) {
    if (w->ncur > w->nbest) {
        memcpy(w->best, w->cur, (size_t)w->ncur * sizeof w->cur[0]);
        w->nbest = w->ncur;
        w->best_first = w->cur_first;
    }
    w->ncur = 0;
}

static void lit_char(LitWalk *w, uint32_t c) {
    if (w->ncur == RE_LIT_MAX) lit_end_run(w);
    if (w->ncur == 0) w->cur_first = !w->consumed;
    w->cur[w->ncur++] = c;
    w->consumed = 1;
}

static void lit_walk(LitWalk *w, const ReNode *n) {
    if (n == NULL) return;
    switch (n->kind) {
    case RN_EMPTY: case RN_ASSERT: case RN_LOOK: return;   /* zero width: the neighbours are adjacent */
    case RN_CHAR:
        if (!n->icase) { lit_char(w, n->ch); return; }
        break;
    case RN_CAT:
        for (int i = 0; i < n->nkids; i++) lit_walk(w, n->kids[i]);
        return;
    case RN_GROUP: case RN_ATOMIC: lit_walk(w, n->kids[0]); return;
    case RN_REPEAT:
        if (n->min >= 1) {   /* every match has one iteration: runs inside it count */
            lit_end_run(w);
            lit_walk(w, n->kids[0]);
        }
        break;
    default: break;
    }
    lit_end_run(w);
    w->consumed = 1;
}

static void find_literal(ReProgram *g, const ReNode *root) {
    LitWalk w;
    memset(&w, 0, sizeof w);
    lit_walk(&w, root);
    lit_end_run(&w);
    g->lit_len = w.nbest;
    g->lit_prefix = w.best_first;
    g->lit_narrow = 1;
    for (int i = 0; i < w.nbest; i++) {
        g->lit[i] = w.best[i];
        if (w.best[i] < 256) g->lit_bytes[i] = (unsigned char)w.best[i];
        else g->lit_narrow = 0;
    }
}

/* 1 if every match of n must start at the beginning of the string. */
static int anchored(const ReNode *n) {
    if (n == NULL) return 0;
    if (n->kind == RN_ASSERT) return n->flag == RA_BOS || n->flag == RA_BOL;
    if (n->kind == RN_CAT) return n->nkids > 0 && anchored(n->kids[0]);
    if (n->kind == RN_GROUP || n->kind == RN_ATOMIC) return anchored(n->kids[0]);
    if (n->kind == RN_ALT) {
        for (int i = 0; i < n->nkids; i++) if (!anchored(n->kids[i])) return 0;
        return 1;
    }
    return 0;
}

int _MiniRe_Compile(RePattern *p, ReProgram *prog) {
    memset(prog, 0, sizeof *prog);
    Compiler C = {p, prog, 0, 0};
    prog->groups = p->groups;
    emit(&C, OP_SAVE); emit(&C, 0);
    int r = compile_node(&C, p->root);
    emit(&C, OP_SAVE); emit(&C, 1);
    emit(&C, OP_MATCH);
    prog->sets = p->sets;
    prog->nsets = p->nsets;
    p->sets = NULL;
    p->nsets = 0;
    if (C.nomem) { MiniErr_NoMemory(); return -2; }
    if (r < 0) return -1;
    if (first_of(prog, prog->sets, p->root)) prog->first_any = 1;
    prog->anchored = anchored(p->root);
    find_literal(prog, p->root);
    return 0;
}

void _MiniRe_FreeProgram(ReProgram *prog) {
    free(prog->code);
    prog->code = NULL;
    if (prog->sets != NULL) {
        for (int i = 0; i < prog->nsets; i++) free(prog->sets[i].ranges);
        free(prog->sets);
        prog->sets = NULL;
    }
}
