/* internal/re_internal.h: the regular-expression engine under the `re` module, shared by its four
 * files: Modules/re_parse.c (pattern text -> syntax tree), Modules/re_compile.c (tree -> program),
 * Modules/re_exec.c (the backtracking matcher) and Modules/remodule.c (the `_re` module re.py is
 * written over).
 *
 * Design. A pattern is parsed into a tree of ReNode (allocated in one arena), then compiled into
 * a flat program of Mini_ssize_t words for a backtracking machine. The machine keeps everything
 * it would otherwise keep on the C stack in one growable array of frames on the heap: choice
 * points, the undo records of every register it changes (capture slots, loop counters), and the
 * marks of atomic groups and lookarounds. No C function recurses on the length of the input, so
 * no input can overflow the C stack; the parser and compiler recurse on the nesting of the
 * pattern, which the parser limits (RE_MAX_NESTING). Text is matched as code points: bytes and
 * ASCII str directly (one byte each), other str decoded into a uint32 array first. Positions are
 * code point indices, as in CPython. Everything runs with the GIL held; the matcher polls the
 * eval breaker every RE_POLL_STEPS steps (other threads may run then, so the matcher only touches
 * memory it owns or has pinned). */
#ifndef MINI_RE_INTERNAL_H
#define MINI_RE_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "re_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE)"
#endif

#include "mini.h"
#include <stdint.h>

/* Flags, with CPython's values. */
#define RE_TEMPLATE   1
#define RE_IGNORECASE 2
#define RE_LOCALE     4
#define RE_MULTILINE  8
#define RE_DOTALL     16
#define RE_UNICODE    32
#define RE_VERBOSE    64
#define RE_DEBUG      128
#define RE_ASCII      256

#define RE_MAX_NESTING 200          /* parentheses deeper than this: re.error */
#define RE_MAXREPEAT   4294967295LL /* CPython's MAXREPEAT: {m,n} limits must be below it */
#define RE_MAXGROUPS   100000       /* capturing groups in one pattern */
#define RE_POLL_STEPS  4096
#define RE_LIT_MAX     32           /* the longest required literal a program keeps */

/* ----- the syntax tree (re_parse.c) ------------------------------------------------------------ */
enum {
    RN_EMPTY, RN_CHAR, RN_ANY, RN_SET, RN_CAT, RN_ALT, RN_GROUP, RN_REPEAT, RN_ATOMIC, RN_LOOK,
    RN_BACKREF, RN_ASSERT, RN_COND,
};
/* RN_ASSERT kinds */
enum { RA_BOL, RA_BOL_M, RA_EOL, RA_EOL_M, RA_BOS, RA_EOS, RA_WORDB, RA_NWORDB };
/* RN_REPEAT modes */
enum { RR_GREEDY, RR_LAZY, RR_POSSESSIVE };

/* A character class: ranges, category escapes, negation. */
typedef struct ReSet {
    uint32_t *ranges;       /* pairs lo, hi (inclusive) */
    int nranges;
    int cats;               /* RC_* bits */
    int negate;
} ReSet;
enum { RC_DIGIT = 1, RC_NDIGIT = 2, RC_WORD = 4, RC_NWORD = 8, RC_SPACE = 16, RC_NSPACE = 32 };

typedef struct ReNode {
    int kind;
    int icase;              /* RN_CHAR, RN_SET, RN_BACKREF: ignore case */
    int ascii;              /* RN_SET, RN_ASSERT (\b), case folding: ASCII-only classes */
    int flag;               /* RN_ANY: dotall; RN_ASSERT: kind; RN_LOOK: behind; RN_REPEAT: mode */
    int neg;                /* RN_LOOK: negative */
    uint32_t ch;            /* RN_CHAR */
    Mini_ssize_t group;     /* RN_GROUP: index (0: not capturing); RN_BACKREF, RN_COND: group */
    Mini_ssize_t min, max;  /* RN_REPEAT (max -1: unbounded) */
    int set;                /* RN_SET: index into the parse's sets */
    struct ReNode **kids;   /* RN_CAT, RN_ALT: children; GROUP/REPEAT/ATOMIC/LOOK: kids[0];
                               COND: kids[0] yes, kids[1] no (may be NULL) */
    int nkids;
} ReNode;

/* What parsing a pattern gives. */
typedef struct RePattern {
    ReNode *root;
    ReSet *sets;
    int nsets, capsets;
    Mini_ssize_t groups;        /* capturing groups */
    char **names;               /* names[i]: name of group i (1-based; NULL if unnamed), UTF-8 */
    int flags;                  /* after inline global flags */
    int is_bytes;
    /* arena */
    void **blocks;
    int nblocks, capblocks;
    /* error */
    const char *errmsg;         /* NULL: no error */
    char errbuf[256];
    Mini_ssize_t errpos;
} RePattern;

/* Parses pat[0..n) (code points) with flags. Returns 0, or -1 with p->errmsg/p->errpos set (a
 * syntax error: the caller raises re.error), or -2 with MemoryError set. p is filled either way
 * and must be released with _MiniRe_FreePattern. Needs no GIL unless it fails with -2. */
int _MiniRe_Parse(RePattern *p, const uint32_t *pat, Mini_ssize_t n, int flags, int is_bytes);
void _MiniRe_FreePattern(RePattern *p);

/* ----- the program (re_compile.c) -------------------------------------------------------------- */
enum {
    OP_MATCH, OP_FAIL, OP_CHAR, OP_CHAR_I, OP_ANY, OP_ANY_ALL, OP_SET, OP_SET_I, OP_ASSERT,
    OP_SAVE, OP_SPLIT, OP_JMP, OP_REPEAT_ONE, OP_REP_INIT, OP_REP_LOOP, OP_ATOMIC_START,
    OP_ATOMIC_END, OP_LOOK_START, OP_LOOK_END, OP_BACKREF, OP_BACKREF_I, OP_GROUP_EXISTS,
};

typedef struct ReProgram {
    Mini_ssize_t *code;
    Mini_ssize_t ncode;
    ReSet *sets;                /* owned (moved from the parse) */
    int nsets;
    int ascii_fold;             /* case folding is ASCII-only (bytes, ASCII flag) */
    Mini_ssize_t groups;
    Mini_ssize_t nreps;         /* loop counters */
    /* search acceleration: the possible first characters below 256, and whether anything else
     * (a character >= 256 or an empty match) can start a match */
    unsigned char first[32];
    int first_any;              /* first[] cannot bound even the characters below 256 */
    int first_wide;             /* a character >= 256 may start a match (first[] covers < 256) */
    int anchored;               /* starts with \A or ^ without MULTILINE */
    /* the longest run of exact (case-sensitive) characters every match contains, found with a
     * substring search before a search runs; lit_prefix: every match starts with it, so only
     * its occurrences are tried */
    uint32_t lit[RE_LIT_MAX];
    unsigned char lit_bytes[RE_LIT_MAX];    /* the same when every character is below 256 */
    int lit_len, lit_narrow, lit_prefix;
} ReProgram;

/* Compiles a parsed pattern (consuming its sets). 0, or -1 with p->errmsg set (look-behind not
 * of fixed width), or -2 with MemoryError. */
int _MiniRe_Compile(RePattern *p, ReProgram *prog);
void _MiniRe_FreeProgram(ReProgram *prog);

/* Set membership of c (case-insensitive variants test c's other cases too). */
int _MiniRe_InSet(const ReSet *s, uint32_t c, int ascii);
int _MiniRe_IsWord(uint32_t c, int ascii);
uint32_t _MiniRe_Lower(uint32_t c, int ascii);
uint32_t _MiniRe_Upper(uint32_t c, int ascii);

/* ----- matching (re_exec.c) -------------------------------------------------------------------- */
typedef struct ReText {
    const unsigned char *b;     /* width 1 */
    const uint32_t *u;          /* width 4 (when b is NULL) */
    Mini_ssize_t len;           /* code points */
} ReText;

enum { RE_MODE_MATCH, RE_MODE_FULL, RE_MODE_SEARCH };

/* Runs prog on text from pos, matching no further than endpos (0 <= pos <= endpos <= len):
 * anchored at pos (RE_MODE_MATCH, RE_MODE_FULL: must end at endpos) or at the first position
 * from pos on (RE_MODE_SEARCH). must_advance forbids an empty match at pos. On success fills
 * slots[0 .. 2*(groups+1)) with start/end pairs (-1 for groups that did not take part) and
 * *lastindex (-1 if no group closed) and returns 1; returns 0 for no match, -1 with an exception
 * (MemoryError, or KeyboardInterrupt from the eval breaker). Requires the GIL; the breaker's
 * poll may let other threads run (text and prog must stay valid: the caller holds them). */
int _MiniRe_Exec(const ReProgram *prog, const ReText *text, Mini_ssize_t pos, Mini_ssize_t endpos,
                 int mode, int must_advance, Mini_ssize_t *slots, Mini_ssize_t *lastindex);

/* ----- the _re objects (remodule.c, re_match.c, re_sub.c) --------------------------------------- */
typedef struct ProgramObject {
    MiniObject_HEAD
    ReProgram prog;
    int is_bytes;
    int flags;
    MiniObject *groupindex;   /* dict */
} ProgramObject;

/* A text pinned for matching: ASCII str in place, other str decoded, bytes-like through a view. */
typedef struct ReTextHold {
    ReText t;
    uint32_t *owned;     /* decoded code points (freed by _MiniRe_TextRelease) */
    MiniBuffer view;
    int has_view;
} ReTextHold;

/* Prepares obj for a program of the given kind. 0, or -1 with TypeError (or MemoryError). */
int _MiniRe_TextPrepare(MiniObject *obj, int is_bytes, ReTextHold *h);
void _MiniRe_TextRelease(ReTextHold *h);
/* Runs p once like _MiniRe_Exec (an empty result when pos > endpos), then marks -1 every group
 * whose start or end was never set. slots has room for 2 * (groups + 1). 1, 0 or -1. */
int _MiniRe_Run(ProgramObject *p, const ReText *t, Mini_ssize_t pos, Mini_ssize_t endpos, int mode,
                int must_advance, Mini_ssize_t *slots, Mini_ssize_t *lastindex);

/* string[start:end] as a str for a str (exact, also for subclasses) and as bytes for anything
 * else (bytes, bytearray, memoryview...), as Match.group returns it. New reference or NULL. */
MiniObject *_MiniRe_Slice(MiniObject *string, Mini_ssize_t start, Mini_ssize_t end);
/* A new re.Match over string for pattern (the re.Pattern object, kept) and program p, from the
 * slots of a successful run; pos and endpos already clamped. New reference or NULL. */
MiniObject *_MiniRe_NewMatch(MiniObject *pattern, ProgramObject *p, MiniObject *string, const Mini_ssize_t *slots,
                             Mini_ssize_t lastindex, Mini_ssize_t pos, Mini_ssize_t endpos);
/* Readies the re.Match type and gives it __class_getitem__. New (static) reference or NULL. */
MiniObject *_MiniRe_MatchType(void);
/* Program.subn(pattern, repl, string, count, items) (re_sub.c): see remodule.c. */
MiniObject *_MiniRe_Subn(MiniObject *op, MiniObject *args);
/* Program.findall(string, pos, endpos) -> the list re.findall returns (re_findall.c). */
MiniObject *_MiniRe_Findall(MiniObject *op, MiniObject *args);

#endif /* MINI_RE_INTERNAL_H */
