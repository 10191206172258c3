/* Modules/re_exec.c: the backtracking matcher that runs a compiled regular expression
 * (re_compile.c) over a text.
 *
 * One loop, no recursion: the state is (pc, pos, registers), and every way back is a frame on a
 * heap-allocated stack. Frames are choice points (where to resume when what follows fails), undo
 * records (a capture slot or loop counter to restore when backtracking passes them), and marks for
 * atomic groups and lookarounds. Leaving an atomic group or a positive lookaround removes the
 * choice points pushed inside it but keeps their undo records, so a later failure still restores
 * the registers. Failing pops frames until a choice point resumes the run. The stack grows as
 * needed up to RE_STACK_LIMIT frames (MemoryError beyond), so a pattern that backtracks a lot
 * costs time and heap, never C stack. Every RE_POLL_STEPS steps the eval breaker is polled: a
 * pending Ctrl-C ends the match with KeyboardInterrupt, a drop request lets other threads run.
 * Semantics follow CPython's sre where they differ from textbook regexes: a loop iteration that
 * matches the empty string ends the loop; `$` also matches before a final newline; \b and \B never
 * match in an empty text; `^`/`\A` look at the real start of the string, `$`/`\Z` at endpos. */
#include "re_internal.h"

#include <stdlib.h>
#include <string.h>

#define RE_STACK_LIMIT ((Mini_ssize_t)1 << 25)

enum { BT_CHOICE, BT_SLOT, BT_REP, BT_REPONE, BT_LAZYONE, BT_LAZYREP, BT_ATOMIC, BT_LOOK };

typedef struct { Mini_ssize_t kind, a, b, c; } Frame;

typedef struct {
    const ReProgram *prog;
    const ReText *t;
    Mini_ssize_t end;           /* endpos */
    Frame *stack;
    Mini_ssize_t sp, cap;
    Mini_ssize_t *slots, *cnt, *last;
    Mini_ssize_t lastindex;
    Mini_ssize_t steps;
} Machine;

#define CH(m, i) ((m)->t->b ? (uint32_t)(m)->t->b[i] : (m)->t->u[i])

static int push(Machine *m, Mini_ssize_t kind, Mini_ssize_t a, Mini_ssize_t b, Mini_ssize_t c) {
    if (m->sp == m->cap) {
        Mini_ssize_t ncap = m->cap ? m->cap * 2 : 256;
        if (ncap > RE_STACK_LIMIT) {
            MiniErr_SetString(MiniExc_MemoryError, "regular expression needs too much backtracking memory");
            return -1;
        }
        Frame *ns = realloc(m->stack, (size_t)ncap * sizeof *ns);
        if (ns == NULL) { MiniErr_NoMemory(); return -1; }
        m->stack = ns;
        m->cap = ncap;
    }
    m->stack[m->sp++] = (Frame){kind, a, b, c};
    return 0;
}

/* Does the single-character instruction at code[pc] match character c? */
static int single_ok(const Machine *m, const Mini_ssize_t *code, Mini_ssize_t pc, uint32_t c) {
    switch (code[pc]) {
    case OP_CHAR: return c == (uint32_t)code[pc + 1];
    case OP_CHAR_I: {
        int ascii = m->prog->ascii_fold;
        uint32_t lo = (uint32_t)code[pc + 1], up = (uint32_t)code[pc + 2];
        if (c == lo || c == up) return 1;
        if (c < 128 && lo < 128) return 0;
        return _MiniRe_Lower(c, ascii) == lo || _MiniRe_Upper(c, ascii) == up;
    }
    case OP_ANY: return c != '\n';
    case OP_ANY_ALL: return 1;
    case OP_SET: return _MiniRe_InSet(&m->prog->sets[code[pc + 1]], c, (int)code[pc + 2]);
    case OP_SET_I: {
        const ReSet *s = &m->prog->sets[code[pc + 1]];
        int ascii = (int)code[pc + 2];
        /* ignore case: c matches if any of its cases is a member (negation applies to all) */
        ReSet pos = *s;
        pos.negate = 0;
        int in = _MiniRe_InSet(&pos, c, ascii) || _MiniRe_InSet(&pos, _MiniRe_Lower(c, ascii), ascii) ||
                 _MiniRe_InSet(&pos, _MiniRe_Upper(c, ascii), ascii);
        return in != s->negate;
    }
    }
    return 0;
}

static int single_len(Mini_ssize_t op) {
    switch (op) {
    case OP_CHAR: return 2;
    case OP_CHAR_I: return 3;
    case OP_ANY: case OP_ANY_ALL: return 1;
    default: return 3;
    }
}

static int at_assert(const Machine *m, Mini_ssize_t kind, int ascii, Mini_ssize_t pos) {
    Mini_ssize_t end = m->end;
    switch (kind) {
    case RA_BOL: return pos == 0;
    case RA_BOL_M: return pos == 0 || CH(m, pos - 1) == '\n';
    case RA_EOL: return pos == end || (pos == end - 1 && CH(m, pos) == '\n');
    case RA_EOL_M: return pos == end || CH(m, pos) == '\n';
    case RA_BOS: return pos == 0;
    case RA_EOS: return pos == end;
    case RA_WORDB: case RA_NWORDB: {
        if (end == 0) return 0;
        int before = pos > 0 && _MiniRe_IsWord(CH(m, pos - 1), ascii);
        int after = pos < end && _MiniRe_IsWord(CH(m, pos), ascii);
        return kind == RA_WORDB ? before != after : before == after;
    }
    }
    return 0;
}

/* Removes every choice point above the topmost frame of kind mark (and the mark itself), keeping
 * the undo records in order. Returns the mark's frame. */
static Frame cut_to_mark(Machine *m, Mini_ssize_t mark) {
    Mini_ssize_t i = m->sp - 1;
    while (i >= 0 && m->stack[i].kind != mark) i--;
    Frame f = m->stack[i];
    Mini_ssize_t w = i;
    for (Mini_ssize_t r = i + 1; r < m->sp; r++) {
        Mini_ssize_t k = m->stack[r].kind;
        if (k == BT_SLOT || k == BT_REP) m->stack[w++] = m->stack[r];
    }
    m->sp = w;
    return f;
}

/* Undoes and drops every frame down to and including the topmost frame of kind mark. */
static void unwind_to_mark(Machine *m, Mini_ssize_t mark) {
    while (m->sp > 0) {
        Frame f = m->stack[--m->sp];
        if (f.kind == BT_SLOT) { m->slots[f.a] = f.b; m->lastindex = f.c; }
        else if (f.kind == BT_REP) { m->cnt[f.a] = f.b; m->last[f.a] = f.c; }
        else if (f.kind == mark) return;
    }
}

/* How many times (up to max) the single-character instruction at pc matches from pos on. */
static Mini_ssize_t count_single(const Machine *m, const Mini_ssize_t *code, Mini_ssize_t pc, Mini_ssize_t pos,
                                 Mini_ssize_t max) {
    Mini_ssize_t limit = m->end - pos;
    if (max < limit) limit = max;
    Mini_ssize_t k = 0;
    Mini_ssize_t op = code[pc];
    if (op == OP_ANY_ALL) return limit;
    if (op == OP_CHAR && m->t->b) {
        const unsigned char *b = m->t->b + pos;
        uint32_t c = (uint32_t)code[pc + 1];
        while (k < limit && b[k] == c) k++;
        return k;
    }
    if (op == OP_ANY && m->t->b) {
        const unsigned char *b = m->t->b + pos;
        while (k < limit && b[k] != '\n') k++;
        return k;
    }
    while (k < limit && single_ok(m, code, pc, CH(m, pos + k))) k++;
    return k;
}

/* Tries one match at start. 1 matched, 0 not, -1 error. */
static int run(Machine *m, Mini_ssize_t start, int mode, int must_advance) {
    const Mini_ssize_t *code = m->prog->code;
    Mini_ssize_t pc = 0, pos = start;
    Mini_ssize_t nslots = 2 * (m->prog->groups + 1);
    for (Mini_ssize_t i = 0; i < nslots; i++) m->slots[i] = -1;
    m->lastindex = -1;
    m->sp = 0;
    for (;;) {
        if (MINI_UNLIKELY(++m->steps >= RE_POLL_STEPS)) {
            m->steps = 0;
            if (MiniEval_Poll() < 0) return -1;
        }
        switch (code[pc]) {
        case OP_MATCH:
            if (mode == RE_MODE_FULL && pos != m->end) goto fail;
            if (must_advance && pos == start) goto fail;
            return 1;
        case OP_FAIL:
            goto fail;
        case OP_CHAR:
            if (pos >= m->end || CH(m, pos) != (uint32_t)code[pc + 1]) goto fail;
            pos++; pc += 2;
            continue;
        case OP_CHAR_I: case OP_ANY: case OP_ANY_ALL: case OP_SET: case OP_SET_I:
            if (pos >= m->end || !single_ok(m, code, pc, CH(m, pos))) goto fail;
            pos++; pc += single_len(code[pc]);
            continue;
        case OP_ASSERT:
            if (!at_assert(m, code[pc + 1], (int)code[pc + 2], pos)) goto fail;
            pc += 3;
            continue;
        case OP_SAVE: {
            Mini_ssize_t s = code[pc + 1];
            if (push(m, BT_SLOT, s, m->slots[s], m->lastindex) < 0) return -1;
            m->slots[s] = pos;
            if ((s & 1) && s > 1) m->lastindex = s / 2;
            pc += 2;
            continue;
        }
        case OP_SPLIT:
            if (push(m, BT_CHOICE, code[pc + 2], pos, 0) < 0) return -1;
            pc = code[pc + 1];
            continue;
        case OP_JMP:
            pc = code[pc + 1];
            continue;
        case OP_REPEAT_ONE: {
            Mini_ssize_t min = code[pc + 1], max = code[pc + 2], rmode = code[pc + 3], next = code[pc + 4];
            Mini_ssize_t item = pc + 5;
            if (rmode == RR_LAZY) {
                Mini_ssize_t n = count_single(m, code, item, pos, min);
                if (n < min) goto fail;
                if (min < max && push(m, BT_LAZYONE, pc, pos, n) < 0) return -1;
                pos += n;
                pc = next;
                continue;
            }
            Mini_ssize_t n = count_single(m, code, item, pos, max);
            m->steps += n;
            if (n < min) goto fail;
            if (rmode == RR_GREEDY && n > min) {
                /* if a literal follows, only stop where it can match */
                if (push(m, BT_REPONE, pc, pos, n) < 0) return -1;
            }
            pos += n;
            pc = next;
            continue;
        }
        case OP_REP_INIT: {
            Mini_ssize_t r = code[pc + 1];
            if (push(m, BT_REP, r, m->cnt[r], m->last[r]) < 0) return -1;
            m->cnt[r] = 0;
            m->last[r] = -1;
            pc += 2;
            continue;
        }
        case OP_REP_LOOP: {
            Mini_ssize_t r = code[pc + 1], min = code[pc + 2], max = code[pc + 3], rmode = code[pc + 4];
            Mini_ssize_t exitpc = code[pc + 5], body = pc + 6;
            Mini_ssize_t c = m->cnt[r];
            /* Below the minimum the body must run again (the count bounds it). At or above it,
             * an iteration that matched the empty string ends the loop, as in CPython's sre. */
            if (c >= min && c > 0 && pos == m->last[r]) { pc = exitpc; continue; }
            if (c >= max) { pc = exitpc; continue; }
            if (c < min || rmode != RR_LAZY) {
                if (c >= min && push(m, BT_CHOICE, exitpc, pos, 0) < 0) return -1;
                if (push(m, BT_REP, r, c, m->last[r]) < 0) return -1;
                m->cnt[r] = c + 1;
                m->last[r] = pos;
                pc = body;
                continue;
            }
            if (push(m, BT_LAZYREP, pc, pos, 0) < 0) return -1;
            pc = exitpc;
            continue;
        }
        case OP_ATOMIC_START:
            if (push(m, BT_ATOMIC, 0, 0, 0) < 0) return -1;
            pc += 1;
            continue;
        case OP_ATOMIC_END:
            (void)cut_to_mark(m, BT_ATOMIC);
            pc += 1;
            continue;
        case OP_LOOK_START: {
            Mini_ssize_t behind = code[pc + 1], w = code[pc + 3];
            if (behind) {
                if (pos < w) {
                    if (code[pc + 2]) { pc = code[pc + 4]; continue; }   /* negative: nothing there */
                    goto fail;
                }
            }
            if (push(m, BT_LOOK, pc, pos, 0) < 0) return -1;
            if (behind) pos -= w;
            pc += 5;
            continue;
        }
        case OP_LOOK_END: {
            Mini_ssize_t i = m->sp - 1;
            while (m->stack[i].kind != BT_LOOK) i--;
            Frame mark = m->stack[i];
            Mini_ssize_t lpc = mark.a;
            if (code[lpc + 1] && pos != mark.b) goto fail;   /* look-behind must end where it began */
            if (code[lpc + 2]) {                             /* negative: the body matched, so fail */
                unwind_to_mark(m, BT_LOOK);
                goto fail;
            }
            (void)cut_to_mark(m, BT_LOOK);
            pos = mark.b;
            pc = code[lpc + 4];
            continue;
        }
        case OP_BACKREF: case OP_BACKREF_I: {
            Mini_ssize_t g = code[pc + 1];
            Mini_ssize_t s = m->slots[2 * g], e = m->slots[2 * g + 1];
            if (s < 0 || e < 0) goto fail;
            Mini_ssize_t len = e - s;
            if (len > m->end - pos) goto fail;
            int ascii = (int)code[pc + 2];
            for (Mini_ssize_t k = 0; k < len; k++) {
                uint32_t a = CH(m, s + k), b = CH(m, pos + k);
                if (a == b) continue;
                if (code[pc] == OP_BACKREF_I &&
                    (_MiniRe_Lower(a, ascii) == _MiniRe_Lower(b, ascii) || _MiniRe_Upper(a, ascii) == _MiniRe_Upper(b, ascii)))
                    continue;
                goto fail;
            }
            pos += len;
            pc += 3;
            continue;
        }
        case OP_GROUP_EXISTS: {
            Mini_ssize_t g = code[pc + 1];
            if (m->slots[2 * g] >= 0 && m->slots[2 * g + 1] >= 0) pc += 3;
            else pc = code[pc + 2];
            continue;
        }
        default:
            goto fail;
        }
    fail:
        for (;;) {
            if (m->sp == 0) return 0;
            Frame f = m->stack[--m->sp];
            switch (f.kind) {
            case BT_SLOT: m->slots[f.a] = f.b; m->lastindex = f.c; continue;
            case BT_REP: m->cnt[f.a] = f.b; m->last[f.a] = f.c; continue;
            case BT_ATOMIC: continue;
            case BT_CHOICE: pc = f.a; pos = f.b; break;
            case BT_LOOK:
                if (code[f.a + 2]) { pos = f.b; pc = code[f.a + 4]; break; }   /* negative: success */
                continue;
            case BT_REPONE: {
                Mini_ssize_t rpc = f.a, min = code[rpc + 1], next = code[rpc + 4];
                Mini_ssize_t n = f.c - 1;
                /* a literal next: skip counts where it cannot match */
                if (code[next] == OP_CHAR) {
                    uint32_t want = (uint32_t)code[next + 1];
                    Mini_ssize_t from = n;
                    while (n >= min && (f.b + n >= m->end || CH(m, f.b + n) != want)) n--;
                    m->steps += from - n;   /* counts toward the next poll of the eval breaker */
                    if (n < min) continue;
                }
                if (n > min && push(m, BT_REPONE, rpc, f.b, n) < 0) return -1;
                pos = f.b + n;
                pc = next;
                break;
            }
            case BT_LAZYONE: {
                Mini_ssize_t rpc = f.a, max = code[rpc + 2], next = code[rpc + 4];
                Mini_ssize_t n = f.c;
                if (n >= max || f.b + n >= m->end || !single_ok(m, code, rpc + 5, CH(m, f.b + n))) continue;
                n++;
                if (n < max && push(m, BT_LAZYONE, rpc, f.b, n) < 0) return -1;
                pos = f.b + n;
                pc = next;
                break;
            }
            case BT_LAZYREP: {
                Mini_ssize_t lpc = f.a, r = code[lpc + 1];
                pos = f.b;
                if (push(m, BT_REP, r, m->cnt[r], m->last[r]) < 0) return -1;
                m->cnt[r]++;
                m->last[r] = pos;
                pc = lpc + 6;
                break;
            }
            default: continue;
            }
            break;
        }
    }
}

static int first_ok(const ReProgram *g, uint32_t c) {
    return c < 256 ? (g->first[c >> 3] >> (c & 7)) & 1 : g->first_wide;
}

/* The first occurrence of the program's required literal in the text's [from, endpos), or -1. */
static Mini_ssize_t find_literal(const ReProgram *g, const ReText *t, Mini_ssize_t from, Mini_ssize_t endpos) {
    Mini_ssize_t n = g->lit_len;
    if (endpos - from < n) return -1;
    if (t->b) {
        if (!g->lit_narrow) return -1;   /* a character >= 256 never occurs in a byte-wide text */
        const unsigned char *hit = memmem(t->b + from, (size_t)(endpos - from), g->lit_bytes, (size_t)n);
        return hit ? hit - t->b : -1;
    }
    for (Mini_ssize_t i = from; i + n <= endpos; i++) {
        if (t->u[i] != g->lit[0]) continue;
        Mini_ssize_t k = 1;
        while (k < n && t->u[i + k] == g->lit[k]) k++;
        if (k == n) return i;
    }
    return -1;
}

/* Searches from pos by trying each position whose character can start a match. */
static int search_by_first(Machine *m, const ReProgram *prog, const ReText *text, Mini_ssize_t pos,
                           Mini_ssize_t endpos, int must_advance) {
    int r = 0;
    for (Mini_ssize_t s = pos; s <= endpos; s++) {
        if (prog->anchored && s > 0) break;
        if (!prog->first_any) {
            /* skip to a position whose character can start a match */
            if (text->b) {
                while (s < endpos && !first_ok(prog, text->b[s])) s++;
            } else {
                while (s < endpos && !first_ok(prog, text->u[s])) s++;
            }
            if (s >= endpos) break;
        }
        r = run(m, s, RE_MODE_SEARCH, must_advance && s == pos);
        if (r != 0) break;
    }
    return r;
}

/* Searches from pos when every match starts with the required literal: only its occurrences
 * are tried (at is the first one). */
static int search_by_literal(Machine *m, const ReProgram *prog, const ReText *text, Mini_ssize_t pos,
                             Mini_ssize_t at, Mini_ssize_t endpos, int must_advance) {
    int r = 0;
    for (Mini_ssize_t s = at; s >= 0; s = find_literal(prog, text, s + 1, endpos)) {
        r = run(m, s, RE_MODE_SEARCH, must_advance && s == pos);
        if (r != 0) break;
    }
    return r;
}

int _MiniRe_Exec(const ReProgram *prog, const ReText *text, Mini_ssize_t pos, Mini_ssize_t endpos,
                 int mode, int must_advance, Mini_ssize_t *slots, Mini_ssize_t *lastindex) {
    Machine m;
    memset(&m, 0, sizeof m);
    m.prog = prog;
    m.t = text;
    m.end = endpos;
    Mini_ssize_t nregs = 2 * prog->nreps;
    Mini_ssize_t small[64];
    Mini_ssize_t *regs = nregs <= 64 ? small : malloc((size_t)nregs * sizeof *regs);
    if (regs == NULL) { MiniErr_NoMemory(); return -1; }
    m.cnt = regs;
    m.last = regs + prog->nreps;
    m.slots = slots;
    int r = 0;
    if (mode != RE_MODE_SEARCH) {
        r = run(&m, pos, mode, must_advance);
    } else if (prog->lit_len == 0) {
        r = search_by_first(&m, prog, text, pos, endpos, must_advance);
    } else {
        /* No occurrence of the required literal from pos on: no match. Any match found from pos
         * contains an occurrence, so this scan never goes past the end of the match found. */
        Mini_ssize_t at = find_literal(prog, text, pos, endpos);
        if (at >= 0 && prog->lit_prefix && !prog->anchored)
            r = search_by_literal(&m, prog, text, pos, at, endpos, must_advance);
        else if (at >= 0)
            r = search_by_first(&m, prog, text, pos, endpos, must_advance);
    }
    if (r == 1) *lastindex = m.lastindex;
    free(m.stack);
    if (regs != small) free(regs);
    return r;
}
