/* include/mini_vm.h: the interface between MiniPy's compiler (Swift) and its virtual machine (C).
 *
 * Not part of the extension API (mini.h does not include it): this is what the interpreter's
 * front end needs to build code objects, run them, and control the eval loop. It holds
 *   - the opcode table, defined once here (an X-macro) and used by both the C eval loop and the
 *     Swift compiler and disassembler;
 *   - code-object construction from the compiler's output;
 *   - running a module, the output sink print() writes to, the builtins registry, the .py import
 *     finder, traceback printing;
 *   - the eval-breaker poll policy (where the loop can hand the GIL over).
 * Everything here requires the GIL unless said otherwise. */
#ifndef MINI_VM_H
#define MINI_VM_H

#include "mini.h"

MINI_BEGIN_DECLS

/* ----- instructions ------------------------------------------------------------------------------
 * An instruction is one 32-bit code unit: the opcode in the low 8 bits, its argument in the high
 * 24 bits. Jump arguments are absolute code-unit indices. Columns of the X-macro:
 *   name, argument kind (MINI_ARG_*), flags (MINI_OPF_*).
 * Poll points (MINI_OPF_POLL) are where the default policy checks the eval breaker: function
 * entry and generator resumption (RESUME), every backward jump, and after a call into C. */
#define MINI_ARG_NONE     0   /* no argument */
#define MINI_ARG_INT      1   /* a plain number */
#define MINI_ARG_CONST    2   /* index into co_consts */
#define MINI_ARG_NAME     3   /* index into co_names */
#define MINI_ARG_LOCAL    4   /* index into the fast locals (localsplus) */
#define MINI_ARG_JUMP     5   /* absolute code-unit target */
#define MINI_ARG_COMPARE  6   /* Mini_LT .. Mini_GE */
#define MINI_ARG_BINOP    7   /* MINI_NB_* */
#define MINI_ARG_GLOBAL   8   /* (name index << 1) | push-NULL flag */
#define MINI_ARG_LOCAL2   9   /* two locals: a | b << 12 */
#define MINI_ARG_LOCALCONST 10 /* local | const << 12 */
#define MINI_ARG_BINOP_LOCAL 11 /* binop | local << 8 */
#define MINI_ARG_FORMAT   12  /* FORMAT_VALUE flags */
#define MINI_ARG_VAR      13  /* a variable: fast-local slot (11 bits) | 0x800 when it is a cell */
#define MINI_ARG_VAR2     14  /* two variables: a | b << 12, each as MINI_ARG_VAR */
#define MINI_ARG_BINOP_NAME 15 /* binop | name index << 8 */

#define MINI_OPF_POLL     0x1 /* a poll point under the default policy */
#define MINI_OPF_JUMP     0x2 /* may jump to its argument */
#define MINI_OPF_NOFALL   0x4 /* never falls through to the next instruction */

#define MINI_OPCODES(X) \
    X(NOP,                  MINI_ARG_NONE,   0) \
    X(POP_TOP,              MINI_ARG_NONE,   0) \
    X(PUSH_NULL,            MINI_ARG_NONE,   0) \
    X(COPY,                 MINI_ARG_INT,    0) \
    X(SWAP,                 MINI_ARG_INT,    0) \
    X(RESUME,               MINI_ARG_INT,    MINI_OPF_POLL) \
    X(LOAD_CONST,           MINI_ARG_CONST,  0) \
    X(LOAD_FAST,            MINI_ARG_LOCAL,  0) \
    X(STORE_FAST,           MINI_ARG_LOCAL,  0) \
    X(DELETE_FAST,          MINI_ARG_LOCAL,  0) \
    X(LOAD_FAST__LOAD_FAST, MINI_ARG_LOCAL2, 0) \
    X(LOAD_FAST__LOAD_CONST, MINI_ARG_LOCALCONST, 0) \
    X(STORE_FAST__LOAD_FAST, MINI_ARG_LOCAL2, 0) \
    X(STORE_FAST__STORE_FAST, MINI_ARG_LOCAL2, 0) \
    X(LOAD_NAME,            MINI_ARG_NAME,   0) \
    X(STORE_NAME,           MINI_ARG_NAME,   0) \
    X(DELETE_NAME,          MINI_ARG_NAME,   0) \
    X(LOAD_GLOBAL,          MINI_ARG_GLOBAL, 0) \
    X(STORE_GLOBAL,         MINI_ARG_NAME,   0) \
    X(DELETE_GLOBAL,        MINI_ARG_NAME,   0) \
    X(MAKE_CELL,            MINI_ARG_LOCAL,  0) \
    X(COPY_FREE_VARS,       MINI_ARG_INT,    0) \
    X(LOAD_CLOSURE,         MINI_ARG_LOCAL,  0) \
    X(LOAD_DEREF,           MINI_ARG_LOCAL,  0) \
    X(STORE_DEREF,          MINI_ARG_LOCAL,  0) \
    X(DELETE_DEREF,         MINI_ARG_LOCAL,  0) \
    X(LOAD_CLASSDEREF,      MINI_ARG_LOCAL,  0) \
    X(LOAD_ATTR,            MINI_ARG_NAME,   0) \
    X(STORE_ATTR,           MINI_ARG_NAME,   0) \
    X(DELETE_ATTR,          MINI_ARG_NAME,   0) \
    X(LOAD_METHOD,          MINI_ARG_NAME,   0) \
    X(BINARY_SUBSCR,        MINI_ARG_NONE,   0) \
    X(BINARY_SUBSCR_VAR,    MINI_ARG_VAR,    0) \
    X(BINARY_SUBSCR_VARS,   MINI_ARG_VAR2,   0) \
    X(STORE_SUBSCR,         MINI_ARG_NONE,   0) \
    X(DELETE_SUBSCR,        MINI_ARG_NONE,   0) \
    X(BUILD_SLICE,          MINI_ARG_INT,    0) \
    X(UNARY_POSITIVE,       MINI_ARG_NONE,   0) \
    X(UNARY_NEGATIVE,       MINI_ARG_NONE,   0) \
    X(UNARY_NOT,            MINI_ARG_NONE,   0) \
    X(UNARY_INVERT,         MINI_ARG_NONE,   0) \
    X(BINARY_OP,            MINI_ARG_BINOP,  0) \
    X(BINARY_OP_STORE_FAST, MINI_ARG_BINOP_LOCAL, 0) \
    X(BINARY_OP_STORE_NAME, MINI_ARG_BINOP_NAME, 0) \
    X(BINARY_OP_STORE_GLOBAL, MINI_ARG_BINOP_NAME, 0) \
    X(COMPARE_OP,           MINI_ARG_COMPARE, 0) \
    X(IS_OP,                MINI_ARG_INT,    0) \
    X(CONTAINS_OP,          MINI_ARG_INT,    0) \
    X(BUILD_TUPLE,          MINI_ARG_INT,    0) \
    X(BUILD_LIST,           MINI_ARG_INT,    0) \
    X(BUILD_SET,            MINI_ARG_INT,    0) \
    X(BUILD_MAP,            MINI_ARG_INT,    0) \
    X(BUILD_CONST_KEY_MAP,  MINI_ARG_INT,    0) \
    X(BUILD_STRING,         MINI_ARG_INT,    0) \
    X(LIST_APPEND,          MINI_ARG_INT,    0) \
    X(SET_ADD,              MINI_ARG_INT,    0) \
    X(MAP_ADD,              MINI_ARG_INT,    0) \
    X(LIST_EXTEND,          MINI_ARG_INT,    0) \
    X(SET_UPDATE,           MINI_ARG_INT,    0) \
    X(DICT_UPDATE,          MINI_ARG_INT,    0) \
    X(DICT_MERGE,           MINI_ARG_INT,    0) \
    X(LIST_TO_TUPLE,        MINI_ARG_NONE,   0) \
    X(FORMAT_VALUE,         MINI_ARG_FORMAT, 0) \
    X(JUMP_FORWARD,         MINI_ARG_JUMP,   MINI_OPF_JUMP | MINI_OPF_NOFALL) \
    X(JUMP_BACKWARD,        MINI_ARG_JUMP,   MINI_OPF_JUMP | MINI_OPF_NOFALL | MINI_OPF_POLL) \
    X(POP_JUMP_IF_FALSE,    MINI_ARG_JUMP,   MINI_OPF_JUMP) \
    X(POP_JUMP_IF_TRUE,     MINI_ARG_JUMP,   MINI_OPF_JUMP) \
    X(POP_JUMP_IF_NONE,     MINI_ARG_JUMP,   MINI_OPF_JUMP) \
    X(POP_JUMP_IF_NOT_NONE, MINI_ARG_JUMP,   MINI_OPF_JUMP) \
    X(POP_JUMP_BACKWARD_IF_FALSE, MINI_ARG_JUMP, MINI_OPF_JUMP | MINI_OPF_POLL) \
    X(POP_JUMP_BACKWARD_IF_TRUE,  MINI_ARG_JUMP, MINI_OPF_JUMP | MINI_OPF_POLL) \
    X(JUMP_IF_FALSE_OR_POP, MINI_ARG_JUMP,   MINI_OPF_JUMP) \
    X(JUMP_IF_TRUE_OR_POP,  MINI_ARG_JUMP,   MINI_OPF_JUMP) \
    X(GET_ITER,             MINI_ARG_NONE,   0) \
    X(FOR_ITER,             MINI_ARG_JUMP,   MINI_OPF_JUMP) \
    X(KW_NAMES,             MINI_ARG_CONST,  0) \
    X(CALL,                 MINI_ARG_INT,    MINI_OPF_POLL) \
    X(CALL_FUNCTION_EX,     MINI_ARG_INT,    MINI_OPF_POLL) \
    X(MAKE_FUNCTION,        MINI_ARG_INT,    0) \
    X(RETURN_VALUE,         MINI_ARG_NONE,   MINI_OPF_NOFALL) \
    X(YIELD_VALUE,          MINI_ARG_NONE,   0) \
    X(GET_YIELD_FROM_ITER,  MINI_ARG_NONE,   0) \
    X(SEND,                 MINI_ARG_JUMP,   MINI_OPF_JUMP) \
    X(RAISE_VARARGS,        MINI_ARG_INT,    MINI_OPF_NOFALL) \
    X(RERAISE,              MINI_ARG_INT,    MINI_OPF_NOFALL) \
    X(PUSH_EXC_INFO,        MINI_ARG_NONE,   0) \
    X(POP_EXCEPT,           MINI_ARG_NONE,   0) \
    X(CHECK_EXC_MATCH,      MINI_ARG_NONE,   0) \
    X(BEFORE_WITH,          MINI_ARG_NONE,   0) \
    X(WITH_EXCEPT_START,    MINI_ARG_NONE,   0) \
    X(IMPORT_NAME,          MINI_ARG_NAME,   0) \
    X(IMPORT_FROM,          MINI_ARG_NAME,   0) \
    X(IMPORT_STAR,          MINI_ARG_NONE,   0) \
    X(UNPACK_SEQUENCE,      MINI_ARG_INT,    0) \
    X(UNPACK_EX,            MINI_ARG_INT,    0) \
    X(LOAD_BUILD_CLASS,     MINI_ARG_NONE,   0) \
    X(LOAD_ASSERTION_ERROR, MINI_ARG_NONE,   0) \
    /* ----- lang-async (issue 10): coroutines, async iteration, match statements ----- */ \
    X(GET_AWAITABLE,        MINI_ARG_INT,    0) \
    X(GET_AITER,            MINI_ARG_NONE,   0) \
    X(GET_ANEXT,            MINI_ARG_NONE,   0) \
    X(BEFORE_ASYNC_WITH,    MINI_ARG_NONE,   0) \
    X(END_ASYNC_FOR,        MINI_ARG_NONE,   0) \
    X(ASYNC_GEN_WRAP,       MINI_ARG_NONE,   0) \
    X(GET_LEN,              MINI_ARG_NONE,   0) \
    X(MATCH_MAPPING,        MINI_ARG_NONE,   0) \
    X(MATCH_SEQUENCE,       MINI_ARG_NONE,   0) \
    X(MATCH_KEYS,           MINI_ARG_NONE,   0) \
    X(MATCH_CLASS,          MINI_ARG_INT,    0) \
    X(COPY_DICT_WITHOUT_KEYS, MINI_ARG_NONE, 0) \
    /* ----- lead (session 8): except* (PEP 654's exception groups) ----- */ \
    X(CHECK_EG_MATCH,       MINI_ARG_NONE,   0) \
    X(PREP_RERAISE_STAR,    MINI_ARG_NONE,   0)

typedef enum MiniOpcode {
#define MINI_OP_ENUM_(name, kind, flags) MINI_OP_##name,
    MINI_OPCODES(MINI_OP_ENUM_)
#undef MINI_OP_ENUM_
    MINI_OP_COUNT_
} MiniOpcode;

#define MINI_OPARG_MAX 0xFFFFFF
/* Superinstructions BINARY_SUBSCR_VAR (TOS[var]) and BINARY_SUBSCR_VARS (a[b]) read their
 * variables in place: the slot, plus this flag when the slot holds a cell (LOAD_DEREF). */
#define MINI_VAR_CELL 0x800
#define MINI_VAR_SLOTS 0x800
MINI_INLINE uint32_t MiniVM_MakeInstr(int op, uint32_t arg) { return (uint32_t)op | (arg << 8); }

/* The name ("LOAD_FAST"), argument kind and flags of an opcode; NULL / -1 for unknown ones.
 * Need no GIL. */
const char *MiniVM_OpName(int op);
int MiniVM_OpArgKind(int op);
int MiniVM_OpFlags(int op);
/* 1 if the instruction is a poll point under the current policy (for `dis`). */
int MiniVM_IsPollPoint(int op);

/* BINARY_OP arguments: the operator, plus MINI_NB_INPLACE for the augmented form (+=). */
#define MINI_NB_ADD       0
#define MINI_NB_SUBTRACT  1
#define MINI_NB_MULTIPLY  2
#define MINI_NB_TRUE_DIVIDE 3
#define MINI_NB_FLOOR_DIVIDE 4
#define MINI_NB_REMAINDER 5
#define MINI_NB_POWER     6
#define MINI_NB_MATMUL    7
#define MINI_NB_LSHIFT    8
#define MINI_NB_RSHIFT    9
#define MINI_NB_AND       10
#define MINI_NB_OR        11
#define MINI_NB_XOR       12
#define MINI_NB_COUNT     13
#define MINI_NB_INPLACE   16
/* "+", "+=", ... for a BINARY_OP argument (NULL if out of range). */
const char *MiniVM_BinOpSymbol(int arg);

/* FORMAT_VALUE flags: conversion in the low 2 bits, then whether a spec is on the stack. */
#define MINI_FVC_NONE  0
#define MINI_FVC_STR   1
#define MINI_FVC_REPR  2
#define MINI_FVC_ASCII 3
#define MINI_FVS_HAVE_SPEC 4

/* MAKE_FUNCTION flags: which extras are on the stack below the code object (in this order from
 * the bottom: defaults tuple, kwdefaults dict, annotations, closure tuple). */
#define MINI_MF_DEFAULTS    0x01
#define MINI_MF_KWDEFAULTS  0x02
#define MINI_MF_ANNOTATIONS 0x04
#define MINI_MF_CLOSURE     0x08

/* ----- code objects ------------------------------------------------------------------------------ */

/* Code flags (as CPython's CO_*). */
#define MINI_CO_OPTIMIZED   0x0001  /* locals live in the fast array (functions) */
#define MINI_CO_NEWLOCALS   0x0002
#define MINI_CO_VARARGS     0x0004  /* *args */
#define MINI_CO_VARKEYWORDS 0x0008  /* **kwargs */
#define MINI_CO_NESTED      0x0010
#define MINI_CO_GENERATOR   0x0020
#define MINI_CO_NOFREE      0x0040
#define MINI_CO_COROUTINE   0x0080  /* async def: calling it makes a coroutine */
#define MINI_CO_ITERABLE_COROUTINE 0x0100 /* a generator that may be awaited (types.coroutine) */
#define MINI_CO_ASYNC_GENERATOR 0x0200 /* async def with yield: calling it makes an async generator */
/* Calling a function with any of these flags creates a suspended frame object, not a call. */
#define MINI_CO_GENLIKE (MINI_CO_GENERATOR | MINI_CO_COROUTINE | MINI_CO_ASYNC_GENERATOR)

/* Kinds of the fast-local slots (localsplus): plain locals (arguments first), cells, free
 * variables. An argument that is also a cell is LOCAL|CELL (MAKE_CELL wraps it at entry). */
#define MINI_LK_LOCAL 0x20
#define MINI_LK_CELL  0x40
#define MINI_LK_FREE  0x80

/* An exception-table entry: instructions [start, end) are protected by the handler at target;
 * unwinding pops the value stack to depth, pushes the offending instruction's index (as an int)
 * when lasti is set, then the exception, and jumps. */
typedef struct MiniExcTableEntry {
    int32_t start, end, target, depth, lasti;
} MiniExcTableEntry;

/* The source range an instruction came from (CPython's co_positions): lines are 1-based, columns
 * are 0-based UTF-8 byte offsets into their lines (-1: unknown). For tracebacks' carets an
 * instruction whose node is a binary operation or a subscript also records anchors, as CPython
 * 3.11 finds them: kind 1 = binary op (a = end column of the left operand, b = start column of
 * the right one), kind 2 = subscript (a = end column of the value, b = end column of the slice). */
typedef struct MiniVMPosition {
    int32_t line, end_line, col, end_col;
    int32_t anchor_kind, anchor_a, anchor_b;
} MiniVMPosition;
#define MINI_ANCHOR_NONE 0
#define MINI_ANCHOR_BINOP 1
#define MINI_ANCHOR_SUBSCRIPT 2

/* Everything the compiler produces for one code object. Arrays are copied; objects borrowed. */
typedef struct MiniCodeSpec {
    const uint32_t *code;            /* ncode instructions */
    Mini_ssize_t ncode;
    const MiniVMPosition *positions; /* ncode positions (line 0: none) */
    MiniObject *consts;              /* tuple */
    MiniObject *names;               /* tuple of str */
    MiniObject *localsplusnames;     /* tuple of str */
    const uint8_t *localspluskinds;  /* one MINI_LK_* per localsplus name */
    const MiniExcTableEntry *exctable;
    Mini_ssize_t nexctable;
    int argcount, posonlyargcount, kwonlyargcount;
    int flags;                       /* MINI_CO_* */
    int stacksize;
    int firstlineno;
    const char *filename, *name, *qualname;   /* UTF-8 */
} MiniCodeSpec;

extern MiniTypeObject MiniCode_Type;        /* "code" */
#define MiniCode_Check(op) Mini_IS_TYPE((op), &MiniCode_Type)
/* A new code object from spec. New reference; NULL with ValueError (inconsistent spec) or
 * MemoryError. */
MiniObject *MiniCode_New(const MiniCodeSpec *spec);
/* 1 if o is a code object (for Swift, which cannot use the macro). */
int MiniVM_IsCode(MiniObject *o);
/* Read access for the disassembler. Borrowed pointers valid while the code object lives. */
const uint32_t *MiniCode_Instructions(MiniObject *code, Mini_ssize_t *count);
const MiniVMPosition *MiniCode_Positions(MiniObject *code);
const MiniExcTableEntry *MiniCode_ExceptionTable(MiniObject *code, Mini_ssize_t *count);
MiniObject *MiniCode_Consts(MiniObject *code);          /* borrowed */
MiniObject *MiniCode_Names(MiniObject *code);           /* borrowed */
MiniObject *MiniCode_LocalsPlusNames(MiniObject *code); /* borrowed */
MiniObject *MiniCode_Name(MiniObject *code);            /* borrowed */
int MiniCode_FirstLine(MiniObject *code);

/* Helpers for building constants and errors from the compiler. */
/* The Ellipsis singleton (new reference). */
MiniObject *MiniVM_Ellipsis(void);
/* int(digits, radix) for literals that do not fit 64 bits (new reference or NULL). */
MiniObject *MiniVM_LongFromString(const char *digits, int radix);
/* Sets SyntaxError (or IndentationError / TabError by kind name) with CPython's attributes:
 * args = (msg, (filename, lineno, offset, text, end_lineno, end_offset)). text may be NULL. */
void MiniVM_SetSyntaxError(const char *kind, const char *msg, const char *filename, int lineno, int offset,
                           const char *text, int end_lineno, int end_offset);

/* ----- running code ------------------------------------------------------------------------------ */

/* Makes the VM ready: the builtins dict, the VM types, the .py finder. Idempotent. 0 / -1. */
int MiniVM_Init(void);
/* Drops the VM's global state (builtins dict, source cache). Call before Mini_Finalize. */
void MiniVM_Fini(void);

/* Runs a module-level code object with globals (a dict; __builtins__ is looked up through the
 * VM's builtins). New reference to the result (None), or NULL with the exception set. */
MiniObject *MiniVM_EvalCode(MiniObject *code, MiniObject *globals, MiniObject *locals);

/* The builtins dict (borrowed). Others extend it with MiniVM_AddBuiltin. */
MiniObject *MiniVM_Builtins(void);
/* builtins[name] = obj (not stolen). 0 / -1. Initialises the VM if needed. */
int MiniVM_AddBuiltin(const char *name, MiniObject *obj);

/* The VM's fast calling convention for C functions: positional arguments args[0..nargs), then
 * the values of the keyword arguments named by kwnames (a tuple of str, or NULL when there are
 * none), all borrowed. self is what MiniVM_NewFunction was given. Returns a new reference or
 * NULL with an exception, like any C function. Cheaper than MINI_METH_VARARGS: the interpreter
 * passes its value stack directly, no argument tuple is built. */
typedef MiniObject *(*MiniVMFastFunction)(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs,
                                          MiniObject *kwnames);
/* A callable ("builtin_function_or_method") for fn; name must be a static string; self (may be
 * NULL) is kept alive by the function. New reference or NULL with MemoryError. */
MiniObject *MiniVM_NewFunction(const char *name, MiniVMFastFunction fn, MiniObject *self);
/* Calls any callable with the fast convention (arguments borrowed). New reference or NULL. */
MiniObject *MiniVM_Call(MiniObject *callable, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames);

/* The compiler hook the import machinery and __main__ use: compile source text into a module
 * code object. Returns a new reference or NULL with an exception (SyntaxError). Set once by the
 * Swift side. */
typedef MiniObject *(*MiniVMCompileFunc)(const char *source, Mini_ssize_t len, const char *filename);
void MiniVM_SetCompiler(MiniVMCompileFunc compile);
/* The same with the mode of the builtin compile(): 0 "exec" (a module), 1 "eval" (one expression
 * whose value the code returns), 2 "single". Used by compile(), eval() and exec(). */
typedef MiniObject *(*MiniVMCompileModeFunc)(const char *source, Mini_ssize_t len, const char *filename, int mode);
void MiniVM_SetCompilerMode(MiniVMCompileModeFunc compile);
/* Frozen modules: Python source shipped inside the binary (MiniPy's Lib/ directory). The lookup
 * returns a malloc'ed, NUL-terminated copy of the source of the module called name (dotted for a
 * submodule; *is_package set to 1 for a package's __init__), its length in *len, or NULL when
 * there is no such frozen module. `import` consults it after the built-in C modules and before
 * the search path, and compiles the source on first import with the compiler hook, under the
 * file name "<frozen NAME>". Set once by the Swift side; NULL removes it. */
typedef char *(*MiniVMFrozenFunc)(const char *name, Mini_ssize_t *len, int *is_package);
void MiniVM_SetFrozenLookup(MiniVMFrozenFunc lookup);
/* Directories searched for NAME.py by `import NAME` (after built-in modules). The list is
 * replaced; paths are copied. Needs the GIL. */
int MiniVM_SetSearchPath(const char *const *dirs, Mini_ssize_t count);
/* Forgets and clears every module imported from a .py file (and the __main__ namespace given),
 * breaking the module <-> function cycles so their objects are freed. Called when a run ends. */
void MiniVM_ClearPyModules(void);
/* The cycle collections of a run's end, in CPython 3.11's order. With modules_intact (after the
 * atexit callbacks, before any namespace is cleared): a full collection with gc.callbacks, only
 * when the collector is enabled (as PyGC_Collect at Py_FinalizeEx). Without (after the namespaces
 * were cleared): a full collection that calls no gc.callbacks, which would find their globals
 * gone (as _PyGC_CollectNoFail during module teardown). Needs the GIL; never fails (an error is
 * cleared). */
void MiniVM_CollectAtExit(int modules_intact);
/* Breaks reference cycles the VM's objects form with no cycle collector (closures that refer to
 * themselves, classes and their methods' __class__ cells, suspended generators): clears every
 * function, cell and generator created since `mark` that is still alive. */
uint64_t MiniVM_Mark(void);
void MiniVM_SweepSince(uint64_t mark);

/* Gives the VM's recycled int and float objects back to the allocator (done at the end of every
 * run by MiniVM_SweepSince, and by MiniVM_Fini). Until then they count in Mini_LiveObjects. */
void MiniVM_ClearFreeLists(void);

/* Source text for tracebacks, by file name (like linecache). text is copied. */
void MiniVM_RegisterSource(const char *filename, const char *text, Mini_ssize_t len);
void MiniVM_ForgetSources(void);

/* ----- output ---------------------------------------------------------------------------------- */
/* Where print() and tracebacks write: a callback receiving UTF-8 bytes (stream 1 = stdout,
 * 2 = stderr). NULL restores the default (fwrite to stdout / stderr). */
typedef void (*MiniVMWriteFunc)(int stream, const char *data, Mini_ssize_t len, void *ctx);
void MiniVM_SetOutput(MiniVMWriteFunc write, void *ctx);
void MiniVM_Write(int stream, const char *data, Mini_ssize_t len);
void MiniVM_Flush(void);
/* The errno of the first failed write to the process's stdout through the default sink (0 if
 * none; it stays set and later writes to stdout are dropped). No GIL needed. */
int MiniVM_StdoutError(void);
/* 0 when stdout has not failed; else -1 with OSError(errno, strerror) set (BrokenPipeError for
 * EPIPE), as CPython's print raises it. GIL required. */
int MiniVM_RaiseWriteError(void);

/* Prints the exception (a new reference is NOT taken; exc borrowed) with its traceback and its
 * chained causes/contexts exactly as CPython's default excepthook, to stream 2. */
void MiniVM_PrintException(MiniObject *exc);
/* Fetches the pending exception and handles it as the top level does: SystemExit gives its exit
 * status (printing a non-int code to stderr), KeyboardInterrupt prints its traceback and gives
 * 130, anything else prints the traceback and gives 1. Clears the indicator. */
int MiniVM_HandleUncaught(void);

/* ----- GIL polling policy ------------------------------------------------------------------------
 * Where the loop checks the eval breaker (and so where another thread can get the GIL):
 *   MINI_VM_POLL_CALLS_BACKEDGES  CPython 3.10+: at function entry / generator resumption
 *                                 (RESUME), on backward jumps, after calls into C (default);
 *   MINI_VM_POLL_EVERY_N          the pre-3.2 "check interval": every n instructions;
 *   MINI_VM_POLL_NEVER            never (a thread that holds the lock until it blocks or ends).
 * Needs no GIL; takes effect at the next function entry. With count set, the loop also counts
 * the polls it makes (MiniVM_PollCount), at a small cost. */
#define MINI_VM_POLL_CALLS_BACKEDGES 0
#define MINI_VM_POLL_EVERY_N         1
#define MINI_VM_POLL_NEVER           2
void MiniVM_SetPollPolicy(int policy, long n, int count);
int MiniVM_GetPollPolicy(long *n, int *count);
/* Number of eval-breaker polls made while counting was on (all threads). Needs no GIL. */
uint64_t MiniVM_PollCount(void);
void MiniVM_ResetPollCount(void);

/* The recursion limit (default 1000, as sys.getrecursionlimit). */
/* The eval loop's inline caches (specialize.h): on by default; off with MiniVM_SetSpecialization(0)
 * or MINIPY_SPECIALIZE=0 in the environment at start-up. Off, every LOAD_GLOBAL / LOAD_ATTR /
 * LOAD_METHOD / STORE_ATTR takes the generic path (for A/B measurements and for tests that check
 * a specialised run gives the unspecialised result). Takes effect for caches filled afterwards.
 * Needs the GIL. */
void MiniVM_SetSpecialization(int on);
int MiniVM_GetSpecialization(void);
void MiniVM_SetRecursionLimit(int limit);
int MiniVM_GetRecursionLimit(void);

/* sys.argv for the script being run: the list is replaced by a copy of argv (UTF-8). The sys
 * module reads it with MiniVM_Argv (borrowed reference; an empty list before any run). */
int MiniVM_SetArgv(const char *const *argv, Mini_ssize_t argc);
MiniObject *MiniVM_Argv(void);

/* Frees the calling thread's VM data (frame stack memory). Call before its thread state goes. */
void MiniVM_ThreadFini(MiniThreadState *tstate);

/* Free-threaded mode: the calling thread's owner id for biased reference counting (the value it
 * stamps in the objects it makes and counts locally; vmrefowner.c), or 0 in GIL mode. Needs no lock. */
uintptr_t MiniVM_RefOwner(void);
/* A helper thread that runs under a waiting thread's state (the front end's large-stack thread)
 * counts as that thread's owner id, so the objects it makes stay owned by the thread that uses
 * them afterwards; returns the helper's previous id, to pass back here before it exits. Valid only
 * while the owner waits (it must not touch objects meanwhile). Does nothing in GIL mode (returns 0). */
uintptr_t MiniVM_BorrowRefOwner(uintptr_t owner);

MINI_END_DECLS
#endif /* MINI_VM_H */
