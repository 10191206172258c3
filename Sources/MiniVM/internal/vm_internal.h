/* internal/vm_internal.h: the layouts of the interpreter's own objects (code, function, cell,
 * bound method, generator, traceback), the frame, the per-thread VM state, and the entry points
 * the files under Sources/MiniVM/ share. Private to the runtime: the compiler sees only mini_vm.h. */
#ifndef MINI_VM_INTERNAL_H
#define MINI_VM_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "vm_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "dict_internal.h"
#include "gc_internal.h"
#include "mini.h"
#include "mini_vm.h"
#include "tstate_internal.h"
#include "longobject_internal.h"
#include "freelist_internal.h"

#include <string.h>

/* ----- tracking for the end-of-run sweep (there is no cycle collector) ------------------------
 * Functions, cells and generators are linked into one list while alive, stamped with a serial
 * number; MiniVM_SweepSince clears the ones created after a mark so reference cycles among them
 * (a closure calling itself, a method's __class__ cell) cannot keep a finished script alive. */
typedef struct MiniVMTracked {
    struct MiniVMTracked *prev, *next;
    uint64_t serial;
    MiniObject *owner;
} MiniVMTracked;
void _MiniVM_Track(MiniVMTracked *t, MiniObject *owner);
void _MiniVM_Untrack(MiniVMTracked *t);

/* ----- code ------------------------------------------------------------------------------------ */
/* One inline cache per instruction (see specialize.h for what each field means per opcode).
 * The cache holds no references: every pointer in it is re-validated before use. */
typedef struct MiniICache {
    uint64_t v1, v2;        /* LOAD_GLOBAL: globals/builtins dict versions; attributes: v1 = type epoch */
    void *guard;            /* attributes: the type (or the class itself) the entry is valid for */
    void *alt[2];           /* attributes: two more types proven to share the entry (polymorphic sites) */
    MiniObject *value;      /* borrowed: the global, or the descriptor / class attribute */
    Mini_ssize_t hint;      /* attributes: index of the name among the instance dict's entries */
    int kind;               /* MINI_IC_* */
    unsigned misses;        /* generic runs since creation: re-specialise on every 8th */
} MiniICache;

typedef struct MiniCodeObject {
    MiniObject_HEAD
    uint32_t *co_code;
    MiniICache *co_cache;             /* co_ncode inline caches, zeroed at creation */
    Mini_ssize_t co_ncode;
    MiniVMPosition *co_positions;
    MiniExcTableEntry *co_exctable;
    Mini_ssize_t co_nexctable;
    MiniObject *co_consts;            /* tuple */
    MiniObject *co_names;             /* tuple of str */
    MiniObject *co_localsplusnames;   /* tuple of str */
    uint8_t *co_localspluskinds;
    int co_nlocalsplus, co_nlocals, co_ncells, co_nfrees;
    int co_argcount, co_posonlyargcount, co_kwonlyargcount;
    int co_flags, co_stacksize, co_firstlineno;
    int co_framesize;                 /* nlocalsplus + stacksize slots */
    size_t co_framebytes;             /* the frame's size in bytes, 16-byte aligned */
    MiniObject *co_filename, *co_name, *co_qualname;   /* str */
} MiniCodeObject;

/* Line number of the instruction at index i (0 if unknown). */
MINI_INLINE int _MiniCode_Line(MiniCodeObject *co, Mini_ssize_t i) {
    return (i >= 0 && i < co->co_ncode) ? co->co_positions[i].line : co->co_firstlineno;
}

/* ----- functions, cells, bound methods ------------------------------------------------------------ */
typedef struct MiniFunctionObject {
    MiniObject_HEAD
    MiniObject *func_code;        /* code */
    MiniObject *func_globals;     /* dict */
    MiniObject *func_name;        /* str */
    MiniObject *func_qualname;    /* str */
    MiniObject *func_defaults;    /* tuple or NULL */
    MiniObject *func_kwdefaults;  /* dict or NULL */
    MiniObject *func_closure;     /* tuple of cells or NULL */
    MiniObject *func_doc;         /* or NULL */
    MiniObject *func_module;      /* or NULL */
    MiniObject *func_dict;        /* attributes, or NULL */
    MiniVMTracked track;
} MiniFunctionObject;
extern MiniTypeObject MiniFunction_Type;     /* "function" */
#define MiniFunction_Check(op) Mini_IS_TYPE((op), &MiniFunction_Type)
/* A function for code with globals; qualname from the code. New reference. */
MiniObject *_MiniFunction_New(MiniObject *code, MiniObject *globals);

typedef struct MiniCellObject {
    MiniObject_HEAD
    MiniObject *ob_ref;           /* NULL when empty */
    MiniVMTracked track;
} MiniCellObject;
extern MiniTypeObject MiniCell_Type;         /* "cell" */
MiniObject *_MiniCell_New(MiniObject *value); /* value borrowed, may be NULL */

typedef struct MiniMethodObject {
    MiniObject_HEAD
    MiniObject *im_func;
    MiniObject *im_self;
} MiniMethodObject;
extern MiniTypeObject MiniMethod_Type;       /* "method" */
MiniObject *_MiniMethod_New(MiniObject *func, MiniObject *self);

/* A C function with the VM's fast calling convention: positional arguments in an array, then
 * the values of the keyword arguments whose names are in kwnames (a tuple, or NULL). */
typedef MiniObject *(*MiniVMFastFunc)(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs,
                                      MiniObject *kwnames);
typedef struct MiniVMBuiltinObject {
    MiniObject_HEAD
    const char *name;             /* static */
    MiniVMFastFunc fn;
    MiniObject *self;             /* owned or NULL */
} MiniVMBuiltinObject;
extern MiniTypeObject MiniVMBuiltin_Type;    /* "builtin_function_or_method" */
MiniObject *_MiniVMBuiltin_New(const char *name, MiniVMFastFunc fn, MiniObject *self);
/* sum() (builtins_core.c): the builtin's function, which CALL recognises to run a generator
 * argument in place; and the rest of such a sum once an item is neither int nor float: steals acc
 * and item, adds them and every further item of it; a new reference, or NULL with an exception. */
MiniObject *_MiniVM_BuiltinSum(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames);
MiniObject *_MiniVM_SumRest(MiniObject *acc, MiniObject *item, MiniObject *it);

/* ----- tracebacks ------------------------------------------------------------------------------- */
typedef struct MiniTracebackObject {
    MiniObject_HEAD
    MiniObject *tb_next;          /* deeper entry or NULL */
    MiniObject *tb_code;          /* code */
    int tb_lasti, tb_lineno;
} MiniTracebackObject;
extern MiniTypeObject MiniTraceback_Type;    /* "traceback" */
/* Prepends an entry (code, instruction index) to exc's traceback. 0 / -1 (MemoryError). */
int _MiniTraceback_Here(MiniObject *exc, MiniCodeObject *code, Mini_ssize_t lasti);
/* For the traceback module (traceback.c). New references or NULL with an exception:
 * the text the default excepthook prints for exc (chain: with its causes and contexts), its last
 * line only, the entries of a traceback chain, a list of (filename, lineno, name, line or None)
 * tuples for them, and the exception being handled in this thread (or None). */
MiniObject *_MiniVM_FormatException(MiniObject *exc, int chain);
MiniObject *_MiniVM_FormatExceptionOnly(MiniObject *exc);
MiniObject *_MiniVM_FormatTraceback(MiniObject *tb);
MiniObject *_MiniVM_ExtractTraceback(MiniObject *tb);
MiniObject *_MiniVM_HandledException(void);

/* ----- frames -------------------------------------------------------------------------------------
 * A frame lives in its thread's frame stack (a chunked bump allocator) or inside a generator. */
#define MINI_FRAME_OWNED_BY_THREAD 0
#define MINI_FRAME_OWNED_BY_GENERATOR 1
typedef struct MiniFrame {
    MiniCodeObject *f_code;       /* borrowed: f_func (or the caller of a module frame) holds it */
    MiniObject *f_func;           /* owned, or NULL for module code */
    MiniObject *f_globals;        /* borrowed (from f_func, or from the caller) */
    MiniObject *f_builtins;       /* borrowed */
    MiniObject *f_locals;         /* owned dict for module / class bodies, else NULL */
    struct MiniFrame *f_back;     /* the caller while executing */
    uint32_t *f_ip;               /* next instruction (saved when the frame is not running) */
    MiniObject **f_sp;            /* value stack top (saved) */
    MiniObject *f_gen;            /* borrowed: the generator that owns this frame */
    uint8_t f_owner;
    uint8_t f_entry;              /* returning from it returns from the C eval call */
    uint8_t f_init;               /* MINI_FRAME_INIT / MINI_FRAME_DISCARD, below; else 0 */
    MiniObject *localsplus[1];    /* co_nlocalsplus locals, then the value stack */
} MiniFrame;
/* f_init: an __init__ run in place by CALL (its caller already holds the instance, and the
 * result must be None), or a __setitem__ run in place by STORE_SUBSCR (its result is dropped). */
#define MINI_FRAME_INIT 1
#define MINI_FRAME_DISCARD 2
/* On a generator's frame run inline by CALL of sum() (ceval_loop.h): each value it yields is added
 * to the accumulator in the caller's stack and the generator goes on, with no switch of frames. */
#define MINI_FRAME_SUM 3
#define MINI_FRAME_HEADER_SIZE (offsetof(MiniFrame, localsplus))
MINI_INLINE size_t _MiniFrame_Size(MiniCodeObject *co) {
    return MINI_FRAME_HEADER_SIZE + (size_t)co->co_framesize * sizeof(MiniObject *);
}
MINI_INLINE MiniObject **_MiniFrame_StackBase(MiniFrame *f) { return f->localsplus + f->f_code->co_nlocalsplus; }

/* ----- per-thread VM state ---------------------------------------------------------------------- */
typedef struct MiniVMChunk {
    struct MiniVMChunk *prev;
    char *top, *limit;
    char data[];
} MiniVMChunk;

typedef struct MiniVMThread {
    MiniFrame *frame;             /* innermost executing frame */
    MiniObject *exc_info;         /* exception being handled (sys.exc_info), owned, or NULL */
    MiniObject *context;          /* current contextvars.Context, owned, or NULL (made on first use) */
    int depth;                    /* Python frames on this thread */
    MiniVMChunk *chunk;
    MiniVMChunk *spare;
    char *c_stack_limit;          /* lowest address the C stack may safely reach */
    long countdown;               /* instructions until the next poll (EVERY_N policy) */
    int yielded;                  /* the last eval call ended in YIELD_VALUE (not a return) */
} MiniVMThread;

/* The calling thread's VM state (created on first use). NULL with MemoryError. GIL held. */
MiniVMThread *_MiniVM_Thread(void);
MINI_INLINE MiniVMThread *_MiniVM_ThreadFast(void) {
    MiniThreadState *t = _Mini_tstate_current;
    MiniVMThread *ts = (MiniVMThread *)t->vm_data;
    return ts != NULL ? ts : _MiniVM_Thread();
}
/* Frame allocation on the thread's frame stack: pushes a frame for co (slots NULL, f_code and
 * f_ip/f_sp set, the rest cleared). NULL with MemoryError. */
MiniFrame *_MiniVM_PushFrame(MiniVMThread *ts, MiniCodeObject *co);
/* Drops the frame's references and pops it (it must be the last pushed). */
void _MiniVM_PopFrame(MiniVMThread *ts, MiniFrame *f);
/* Drops the references held by a frame (locals, stack up to f_sp, locals dict, function). */
void _MiniFrame_Clear(MiniFrame *f);
/* Frees the thread's top frame chunk once it is empty (it has a predecessor). */
void _MiniVM_ReleaseChunk(MiniVMThread *ts);

/* The inline fast paths of the two above, for the eval loop's calls and returns. */
MINI_INLINE MiniFrame *_MiniVM_PushFrameFast(MiniVMThread *ts, MiniCodeObject *co) {
    MiniVMChunk *c = ts->chunk;
    size_t size = co->co_framebytes;
    if (MINI_UNLIKELY(c == NULL || (size_t)(c->limit - c->top) < size)) return _MiniVM_PushFrame(ts, co);
    MiniFrame *f = (MiniFrame *)c->top;
    c->top += size;
    MiniObject **p = f->localsplus;
    for (int i = co->co_nlocalsplus; i > 0; i--) *p++ = NULL;
    f->f_code = co;
    f->f_func = NULL;
    f->f_locals = NULL;
    f->f_back = NULL;
    f->f_gen = NULL;
    f->f_owner = MINI_FRAME_OWNED_BY_THREAD;
    f->f_entry = 0;
    f->f_init = 0;
    f->f_ip = co->co_code;
    f->f_sp = f->localsplus + co->co_nlocalsplus;
    return f;
}

/* ----- the eval loop ---------------------------------------------------------------------------- */
extern int _MiniVM_PollPolicy;
extern long _MiniVM_PollN;
extern int _MiniVM_PollCounting;
extern uint64_t _MiniVM_PollCounter;
extern int _MiniVM_RecursionLimit;

/* Runs frame (already set up, pushed by the caller, f_back set by this call) until it returns or
 * yields. throwflag: start by raising the pending exception at the frame's current instruction.
 * New reference or NULL with an exception. */
MiniObject *_MiniEval_EvalFrame(MiniVMThread *ts, MiniFrame *frame, int throwflag);
MiniObject *_MiniEval_Default(MiniVMThread *ts, MiniFrame *frame, int throwflag);
MiniObject *_MiniEval_FreeThreaded(MiniVMThread *ts, MiniFrame *frame, int throwflag);
MiniObject *_MiniEval_Instrumented(MiniVMThread *ts, MiniFrame *frame, int throwflag);

/* Binds arguments to a fresh frame's locals, stealing every reference in args (positional then
 * keyword values, len(kwnames) of them) whether it succeeds or not. 0 / -1 with TypeError. */
int _MiniVM_BindArgs(MiniFunctionObject *func, MiniObject **localsplus, MiniObject **args,
                     Mini_ssize_t nargs, MiniObject *kwnames);
/* Calls any callable with the fast convention (args borrowed). New reference or NULL. */
MiniObject *_MiniVM_Call(MiniObject *callable, MiniObject *const *args, Mini_ssize_t nargs,
                         MiniObject *kwnames);
/* Calls a Python function from C (args borrowed). */
MiniObject *_MiniFunction_Call(MiniObject *func, MiniObject *const *args, Mini_ssize_t nargs,
                               MiniObject *kwnames);
/* Converts (args tuple, kwargs dict) into the fast convention: *stack (to free with
 * _MiniVM_FreeArgs) holds borrowed positional args then keyword values; *kwnames a new tuple or
 * NULL. 0 / -1. */
int _MiniVM_UnpackArgs(MiniObject *args, MiniObject *kwargs, MiniObject ***stack,
                       Mini_ssize_t *nargs, MiniObject **kwnames);
void _MiniVM_FreeArgs(MiniObject **stack, MiniObject *kwnames);
/* The exception that made the frame stop, with the context chaining the VM applies. */
void _MiniVM_SetContext(MiniVMThread *ts, MiniObject *exc);

/* ----- generators ------------------------------------------------------------------------------- */
typedef struct MiniGenObject {
    MiniObject_VAR_HEAD           /* ob_size: the frame's slot count */
    MiniObject *gi_name, *gi_qualname;
    MiniObject *gi_exc;           /* exception being handled when suspended, or NULL */
    int8_t gi_state;              /* MINI_GEN_CREATED / SUSPENDED / RUNNING / CLOSED */
    int gi_aflags;                /* async generators: asend/athrow running, aclose started */
    MiniVMTracked track;
    MiniFrame gi_frame;           /* variable size: the frame's slots follow */
} MiniGenObject;
#define MINI_GEN_CREATED 0
#define MINI_GEN_SUSPENDED 1
#define MINI_GEN_RUNNING 2
#define MINI_GEN_CLOSED 3
extern MiniTypeObject MiniGen_Type;          /* "generator" */
/* A generator for a call of func; returns the frame to bind arguments into via *frame. */
MiniGenObject *_MiniGen_New(MiniFunctionObject *func);
/* Resumes gen with value (borrowed; None to start). 0: yielded (*result set), 1: returned
 * (*result = return value), -1: raised. */
int _MiniGen_Send(MiniGenObject *gen, MiniObject *value, MiniObject **result);
/* Raises exc (stolen) inside the generator at its yield; same results as _MiniGen_Send. */
int _MiniGen_Throw(MiniGenObject *gen, MiniObject *exc, MiniObject **result);
/* Drops a suspended generator's frame without running anything (sweep). */
void _MiniGen_Abandon(MiniGenObject *gen);
/* close(): 0, or -1 with an exception. */
int _MiniGen_CloseImpl(MiniGenObject *gen);
/* Raises StopIteration carrying value (borrowed) as its .value, even a tuple or an exception. */
void _MiniGen_SetStopIterationValue(MiniObject *value);
/* The object a frame paused in `yield from` / `await` delegates to (borrowed), or NULL. */
MiniObject *_MiniGen_Yf(MiniGenObject *gen);
/* The eval loop runs a generator's frame inside its own activation when `for` or `yield from`
 * resumes a plain generator (or `await` a coroutine) and nothing else is in the way (no handled
 * exception on either side): 1 when gen may be entered that way. */
MINI_INLINE int _MiniGen_CanRunInline(MiniGenObject *gen, MiniObject *caller_exc) {
    return (gen->gi_state == MINI_GEN_SUSPENDED || gen->gi_state == MINI_GEN_CREATED) &&
           caller_exc == NULL && gen->gi_exc == NULL;
}
/* A generator frame run inside the loop has ended (returned, or raised with the exception set):
 * its handled exception is dropped, the generator is closed and its frame cleared; a StopIteration
 * escaping it becomes CPython's RuntimeError. GIL held. */
void _MiniGen_InlineEnded(MiniVMThread *ts, MiniGenObject *gen, int raised);

/* The generator type's slots and methods, shared by coroutines and async generators. */
void _MiniGen_Dealloc(MiniObject *self);
void _MiniGen_Finalize(MiniObject *self);
int _MiniGen_Traverse(MiniObject *self, Mini_visitproc visit, void *arg);
int _MiniGen_Clear(MiniObject *self);
MiniObject *_MiniGen_SendMethod(MiniObject *self, MiniObject *value);
MiniObject *_MiniGen_ThrowMethod(MiniObject *self, MiniObject *args);
MiniObject *_MiniGen_CloseMethod(MiniObject *self, MiniObject *unused);

/* ----- coroutines and async generators (coroobject.c, asyncgenobject.c, ceval_async.c) ---------- */
extern MiniTypeObject MiniCoro_Type;             /* "coroutine" */
extern MiniTypeObject MiniCoroWrapper_Type;      /* "coroutine_wrapper": what coro.__await__() returns */
extern MiniTypeObject MiniAsyncGen_Type;         /* "async_generator" */
extern MiniTypeObject MiniAsyncGenASend_Type;    /* "async_generator_asend" */
/* One step of an asend/__anext__ awaitable without the StopIteration round trip (what SEND needs):
 * 0 with *result a value to pass through (it is still running), 1 with *result the awaitable's
 * result (the async generator yielded it), -1 with an exception set (StopAsyncIteration when the
 * generator ended). v: the value sent (None for next()). GIL held. */
int _MiniAsyncGen_ASendStep(MiniObject *asend, MiniObject *v, MiniObject **result);
extern MiniTypeObject MiniAsyncGenAThrow_Type;   /* "async_generator_athrow" */
extern MiniTypeObject MiniAsyncGenWrapped_Type;  /* a value yielded by an async generator's body */
MINI_INLINE int _MiniGen_IsGenLike(MiniObject *o) {
    MiniTypeObject *t = Mini_TYPE(o);
    return t == &MiniGen_Type || t == &MiniCoro_Type || t == &MiniAsyncGen_Type;
}
/* Prints CPython's "RuntimeWarning: coroutine '...' was never awaited" to stderr. */
void _MiniCoro_WarnUnawaited(MiniGenObject *coro);
/* What `await o` iterates (GET_AWAITABLE): a coroutine itself, or the iterator o.__await__()
 * returns. where: 0 await, 1 after __aenter__, 2 after __aexit__ (error messages). New ref/NULL. */
MiniObject *_MiniVM_GetAwaitable(MiniObject *o, int where);
/* ASYNC_GEN_WRAP: marks a value yielded by an async generator's own `yield` (steals v). */
MiniObject *_MiniAsyncGen_Wrap(MiniObject *v);
/* GET_AITER / GET_ANEXT / BEFORE_ASYNC_WITH helpers. New references or NULL. */
MiniObject *_MiniVM_GetAIter(MiniObject *o);
MiniObject *_MiniVM_GetANext(MiniObject *aiter);
/* Looks up mgr's __aexit__ (bound, *exit) and calls __aenter__ (returned). NULL with error. */
MiniObject *_MiniVM_BeforeAsyncWith(MiniObject *mgr, MiniObject **exit);
/* match statements (matchops.c): MATCH_MAPPING / MATCH_SEQUENCE tests (1/0), MATCH_KEYS (a
 * tuple of values, or None when a key is missing), MATCH_CLASS (a tuple of the sub-pattern
 * subjects, or None), COPY_DICT_WITHOUT_KEYS. New references, NULL with an exception. */
int _MiniVM_MatchIsMapping(MiniObject *o);
int _MiniVM_MatchIsSequence(MiniObject *o);
MiniObject *_MiniVM_MatchKeys(MiniObject *subject, MiniObject *keys);
MiniObject *_MiniVM_MatchClass(MiniObject *subject, MiniObject *type, Mini_ssize_t npos, MiniObject *kwnames);
MiniObject *_MiniVM_DictWithoutKeys(MiniObject *subject, MiniObject *keys);
/* The source line (malloc'd, no newline) of filename, or NULL (traceback.c's cache). */
char *_MiniVM_SourceLine(const char *filename, int lineno);

/* ----- classes ---------------------------------------------------------------------------------- */
/* __build_class__(func, name, *bases, **kw). */
MiniObject *_MiniVM_BuildClass(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs,
                               MiniObject *kwnames);
/* type.__new__ and __build_class__'s helpers (vmtypenew.c / vmclass.c): the most derived of
 * meta and the bases' metaclasses (borrowed; NULL with TypeError "metaclass conflict: ...");
 * the VM's part of a new class (tracking node, tp_new/tp_dealloc, slot functions for the
 * dunders of it and its Python bases; 0 / -1); __set_name__ on the namespace's values; the
 * __slots__ values of an instance (clear them / are there any); start-up (installs the hook). */
MiniTypeObject *_MiniVM_CalculateMetaclass(MiniTypeObject *meta, MiniObject *bases);
int _MiniVM_FinishClass(MiniTypeObject *t);
int _MiniVM_CallSetName(MiniObject *type);
void _MiniVM_ClearSlots(MiniObject *self);
int _MiniVM_HasSlotValues(MiniObject *self);
/* 1 and *offset (where an instance keeps the value) if descr is a __slots__ member descriptor
 * that applies to instances of tp (tp is its class or a subclass), else 0. Borrowed arguments;
 * never fails. */
int _MiniVM_MemberOffset(MiniObject *descr, MiniTypeObject *tp, Mini_ssize_t *offset);
int _MiniVM_InitTypeNew(void);
/* Empties the namespaces exec() was given that hold functions or classes (their cycles), at the
 * end of a run (builtins_eval.c; called by MiniVM_ClearPyModules). */
void _MiniVM_ClearExecNamespaces(void);
/* __class_getitem__ of list, dict, tuple, set, frozenset and type: a types.GenericAlias
 * (Objects/genericalias.c), as a fast builtin taking the class as args[0]. */
MiniObject *_MiniVM_ClassGetItem(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames);
/* int.from_bytes as a fast builtin taking the class as args[0] (Objects/intmethods.c). */
MiniObject *_MiniVM_IntFromBytes(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames);
/* 1 if type was created by a class statement. */
int _MiniVM_IsPyClass(MiniTypeObject *type);
/* The sweep's work on instances (empties their __dict__: 1 if it did something) and on the
 * classes created since mark (empties their dicts and forgets them). */
int _MiniVM_SweepInstance(MiniObject *o);
void _MiniVM_SweepClasses(uint64_t mark);

/* ----- builtins and modules ---------------------------------------------------------------------- */
extern MiniObject *_MiniVM_BuiltinsDict;
int _MiniVM_InitBuiltins(MiniObject *builtins);
/* __import__ as the VM does it (vmimportname.c): name, fromlist, level (0 absolute, n > 0 relative
 * to the importer's package), globals of the importer. New reference to what the statement binds,
 * or NULL with ImportError/ModuleNotFoundError. */
MiniObject *_MiniVM_ImportName(MiniObject *name, MiniObject *fromlist, long level, MiniObject *globals);
/* Adds the builtin __import__ to the builtins dict (vmimportname.c). 0 / -1. */
int _MiniVM_AddImportBuiltin(MiniObject *builtins);
/* 1 while the body of the module called name runs (its import is not finished), else 0 (vmimport.c). */
int _MiniVM_IsInitialising(const char *name);
/* Runs code as the body of module m, already cached in sys.modules under name (steals m): marks
 * it initialising meanwhile; a failing body removes it from sys.modules. New reference to the
 * module sys.modules holds afterwards, or NULL (vmimport.c). */
MiniObject *_MiniVM_RunModuleBody(MiniObject *m, const char *name, MiniObject *code);
/* The VM's sys.path list (borrowed; rebuilt from MiniVM_SetSearchPath's directories when they
 * changed), or NULL with an exception (vmimport.c). */
MiniObject *_MiniVM_SysPath(void);
/* Standard input (vmstdin.c), shared by input() and sys.stdin: up to limit bytes (limit < 0: all),
 * stopping after a newline when line is set, decoded as UTF-8; the GIL is released while reading.
 * *at_eof (may be NULL) is set when nothing was read. New reference or NULL with OSError. */
MiniObject *_MiniVM_StdinRead(Mini_ssize_t limit, int line, int *at_eof);
/* Frozen modules (vmfrozen.c): a new reference to the frozen module `name`, run now if it was
 * not yet imported; NULL without an exception when no frozen module has that name; NULL with
 * one when it failed. */
MiniObject *_MiniVM_FindFrozen(const char *name);
/* Makes class attribute assignment of dunders update the class's slots (vmclass.c); called at
 * start-up with the type.__new__ hook. */
void _MiniVM_InstallSlotsHook(void);
/* Adds a module run from Python source to those MiniVM_ClearPyModules clears at the end of a
 * run (vmimport.c). 0 / -1. */
int _MiniVM_RememberPyModule(MiniObject *m);
/* Compiles module source with the front end's hook (vmimport.c). New reference or NULL. */
MiniObject *_MiniVM_Compile(const char *src, Mini_ssize_t len, const char *filename);
/* The range iterator (builtins_core.c), exposed for FOR_ITER's fast path. */
typedef struct MiniVMRangeIter {
    MiniObject_HEAD
    int64_t next, stop, step;
    Mini_ssize_t remaining;
} MiniVMRangeIter;
extern MiniTypeObject MiniVMRangeIter_Type;

/* ----- numbers (abstract.c) ---------------------------------------------------------------------- */
/* The operation of a BINARY_OP argument (MINI_NB_*, with or without MINI_NB_INPLACE). */
MiniObject *_MiniVM_BinaryOp(MiniObject *a, MiniObject *b, int op);
MiniObject *_MiniVM_Invert(MiniObject *a);
/* Inline instantiation (vmclass.c). _MiniVM_InlineInit: the __init__ function (borrowed) that
 * CALL may run in place for `t(...)`, or NULL when the call must go through type_call (a Python
 * __new__, a built-in base allocating, a metaclass, no Python __init__, caches off). Cached per
 * class against the type epoch. _MiniVM_NewPlainInstance: the uninitialised instance type_call
 * would have made for such a class (new reference, or NULL with MemoryError). Both need the GIL. */
MiniObject *_MiniVM_InlineInit(MiniTypeObject *t);
MiniObject *_MiniVM_NewPlainInstance(MiniTypeObject *t);
/* Inline subscription (vmclass.c). _MiniVM_InlineSubscr: the plain Python function (borrowed)
 * that `x[k]` (store 0) or `x[k] = v` (store 1) calls through t's __getitem__ / __setitem__ slot,
 * when the eval loop may run it in its own activation: a function (not a generator) taking
 * exactly self, key (and value) positionally. NULL otherwise, or with specialisation off; never
 * sets an exception. GIL held (free-threaded: the cache is only read once frozen). The test of
 * the slot and a hit in the (type, store) cache are inline; a miss looks the class up and
 * remembers the answer for the current type epoch. */
MiniObject *_MiniVM_SlotGetItem(MiniObject *self, MiniObject *key);
int _MiniVM_SlotSetItem(MiniObject *self, MiniObject *key, MiniObject *value);
#define MINI_VM_SUBSCR_CACHE 64
typedef struct { MiniTypeObject *type; uint64_t epoch; MiniObject *f; } MiniVMSubscrCacheEntry;
extern MiniVMSubscrCacheEntry _MiniVM_SubscrCache[2][MINI_VM_SUBSCR_CACHE];
extern int _MiniVM_Specialize;
MiniObject *_MiniVM_InlineSubscrCached(MiniTypeObject *t, int store);
MINI_INLINE MiniObject *_MiniVM_InlineSubscr(MiniTypeObject *t, int store) {
    MiniMappingMethods *m = t->tp_as_mapping;
    if (m == NULL || (store ? m->mp_ass_subscript != _MiniVM_SlotSetItem : m->mp_subscript != _MiniVM_SlotGetItem))
        return NULL;
    return _MiniVM_InlineSubscrCached(t, store);
}
/* The frame for a __getitem__ / __setitem__ run in place (ceval_loop.h's ENTER_DUNDER_INLINE): df's
 * frame pushed on ts's stack with the n arguments a0..a2 (references handed over) as its first
 * locals and f_init = mark; the caller links it and runs it. NULL with RecursionError or
 * MemoryError set, the arguments then released. */
struct MiniFrame *_MiniVM_PushDunderFrame(MiniVMThread *ts, MiniObject *df, int n, MiniObject *a0, MiniObject *a1,
                                          MiniObject *a2, int mark);
/* Forgets the interned dunder names _MiniVM_CallDunder remembers (MiniVM_Fini, before the intern
 * table goes). Needs the GIL. */
void _MiniVM_ClearDunderNames(void);
/* Calls type(self).<name>(self, args...) if the type has it: *found says whether it did. name
 * must be a string literal (its address keys a cache of interned names). */
MiniObject *_MiniVM_CallDunder(MiniObject *self, const char *name, MiniObject *const *args,
                               Mini_ssize_t nargs, int *found);

/* ----- int and float recycling ------------------------------------------------------------------
 * Arithmetic in a loop creates and drops an int or float per operation. When the VM itself drops
 * the last reference to an exact int (64-bit form) or float, the object is kept on a small free
 * list instead of going back to malloc, and the VM's next int or float is made from it. Objects
 * on a list are dead (count 0) but still counted by Mini_LiveObjects until the lists are drained
 * (at the end of every run, and by MiniVM_ClearFreeLists). Objects released by other C code take
 * the normal path. Protected by the GIL. */
#define MINI_VM_FREELIST_MAX 512
typedef struct MiniVMFreeList {
    int n;
    MiniObject *items[MINI_VM_FREELIST_MAX];
} MiniVMFreeList;
extern MiniVMFreeList _MiniVM_FloatFree, _MiniVM_IntFree;

/* What happens to an int or float whose count reached zero: the free list, or deallocation. */
MINI_INLINE void _MiniVM_Recycle(MiniObject *op) {
    MiniTypeObject *t = op->ob_type;
    if (t == &MiniFloat_Type) {
        if (_MiniVM_FloatFree.n < MINI_VM_FREELIST_MAX) { _MiniVM_FloatFree.items[_MiniVM_FloatFree.n++] = op; return; }
    } else if (t == &MiniLong_Type && ((MiniVarObject *)op)->ob_size == 0) {
        if (_MiniVM_IntFree.n < MINI_VM_FREELIST_MAX) { _MiniVM_IntFree.items[_MiniVM_IntFree.n++] = op; return; }
    }
    _Mini_Dealloc(op);
}

/* Free-threaded (not checked) mode's _MiniVM_Recycle: the calling thread's free lists
 * (freelist.c) instead of the GIL-guarded ones, which stay empty in that mode. What float_dealloc
 * and long_dealloc would do, without the calls through _Mini_Dealloc. */
MINI_INLINE void _MiniVM_RecycleFT(MiniObject *op) {
    MiniTypeObject *t = op->ob_type;
    if (t == &MiniFloat_Type) {
        if (_MiniFreeList_Push(&_Mini_ThreadFreeLists.floats, op)) return;
    } else if (t == &MiniLong_Type && ((MiniVarObject *)op)->ob_size == 0) {
        if (_MiniFreeList_Push(&_Mini_ThreadFreeLists.ints, op)) return;
    }
    _Mini_Dealloc(op);
}

/* Mini_DECREF, recycling exact ints and floats. Free-threaded, the owner's decrement and the
 * immortal test are inline (object.h's _Mini_DecRefFT with the recycling end); another thread's
 * object and checked mode go out of line. */
MINI_INLINE void _MiniVM_DecRef(MiniObject *op) {
    if (MINI_UNLIKELY(_Mini_RefSlow)) {
        if (MINI_LIKELY(__atomic_load_n(&op->ob_tid, __ATOMIC_RELAXED) == _Mini_RefThis.tid) &&
            MINI_LIKELY(_Mini_RefSlow == MINI_REFMODE_FT)) {
            uint32_t local = __atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED);
            __atomic_store_n(&op->ob_ref_local, local - 1, __ATOMIC_RELAXED);
            _Mini_RefThisCount(-1);
            if (local == 1 && _Mini_MergeZeroLocalFast(op)) _MiniVM_RecycleFT(op);
            return;
        }
        if (__atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED) == MINI_REF_LOCAL_IMMORTAL &&
            _Mini_RefSlow == MINI_REFMODE_FT) return;
        if (_Mini_DecRefSlow(op)) _Mini_Dealloc(op);
        return;
    }
    _Mini_RefTotal--;
    if (--op->ob_refcnt == 0) _MiniVM_Recycle(op);
}
MINI_INLINE void _MiniVM_XDecRef(MiniObject *op) { if (op != NULL) _MiniVM_DecRef(op); }
/* _Mini_DecRefShared (a value a container just stopped holding) with _MiniVM_DecRef's recycling:
 * free-threaded with other threads attached the drop is delayed as there; otherwise a dead float
 * or int goes to a free list (nbody's `v[0] -= x`: 2.7M floats through _Mini_Dealloc). */
MINI_INLINE void _MiniVM_DecRefShared(MiniObject *op) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) {
        int self = _Mini_tstate_current != NULL;
        if (__atomic_load_n(&_MiniFT_Attached, __ATOMIC_SEQ_CST) > self) { _Mini_DecRefDelayed(op); return; }
    }
    _MiniVM_DecRef(op);
}

/* A float (new reference) from the free list or MiniFloat_FromDouble. */
MINI_INLINE MiniObject *_MiniVM_NewFloat(double v) {
    if (_MiniVM_FloatFree.n > 0) {
        MiniObject *o = _MiniVM_FloatFree.items[--_MiniVM_FloatFree.n];
        _Mini_NewReference(o);
        ((MiniFloatObject *)o)->ob_fval = v;
        return o;
    }
    /* Free-threaded: the GIL-mode list above stays empty; the thread's own list, inline. */
    if (_MiniFreeList_On()) {
        MiniObject *o = _MiniFreeList_Pop(&_Mini_ThreadFreeLists.floats);
        if (o != NULL) {
            ((MiniFloatObject *)o)->ob_fval = v;
            return o;
        }
    }
    return MiniFloat_FromDouble(v);
}
/* The same idea for the VM's own short-lived objects (functions made by MAKE_FUNCTION for every
 * generator expression, generators, cells, bound methods, range objects and their iterators):
 * their deallocators park the memory here and the constructors take it back, zeroed. */
#define MINI_VM_CACHE_MAX 128
typedef struct MiniVMObjectCache {
    int n;
    MiniObject *items[MINI_VM_CACHE_MAX];
} MiniVMObjectCache;
extern MiniVMObjectCache _MiniVM_FuncCache, _MiniVM_GenCache, _MiniVM_CellCache, _MiniVM_MethodCache,
                         _MiniVM_RangeCache, _MiniVM_RangeIterCache;
/* Generators whose frames need at most this many slots share one allocation size (and cache). */
#define MINI_VM_GEN_SLOTS 48

/* A zeroed instance of type (size bytes, not variable-size) with count 1: from the cache, or new.
 * For variable-size objects from the cache, ob_size is kept. */
MINI_INLINE MiniObject *_MiniVM_CacheNew(MiniVMObjectCache *c, MiniTypeObject *type, size_t size) {
    if (c->n > 0) {
        MiniObject *o = c->items[--c->n];
        memset((char *)o + sizeof(MiniObject), 0, size - sizeof(MiniObject));
        _Mini_NewReference(o);
        if (type->tp_flags & MINI_TPFLAGS_HAVE_GC) _MiniGC_Retrack(o);
        return o;
    }
    return MiniObject_New(type);
}
/* The end of a tp_dealloc: park the memory, or free it when the cache is full. */
MINI_INLINE void _MiniVM_CacheFree(MiniVMObjectCache *c, MiniObject *o) {
    if (c->n < MINI_VM_CACHE_MAX && !_Mini_FreeThreaded) { c->items[c->n++] = o; return; }
    MiniObject_Free(o);
}

/* An int (new reference): a cached small int, one from the free list, or a new one. */
MINI_INLINE MiniObject *_MiniVM_NewInt(int64_t v) {
    if (v >= MINI_SMALL_INT_MIN && v <= MINI_SMALL_INT_MAX) {
        MiniObject *o = (MiniObject *)&_Mini_SmallInts[v - MINI_SMALL_INT_MIN];
        Mini_INCREF(o);
        return o;
    }
    if (_MiniVM_IntFree.n > 0) {
        MiniObject *o = _MiniVM_IntFree.items[--_MiniVM_IntFree.n];
        _Mini_NewReference(o);
        ((MiniLongObject *)o)->ob_ival = v;
        return o;
    }
    if (_MiniFreeList_On()) {
        MiniObject *o = _MiniFreeList_Pop(&_Mini_ThreadFreeLists.ints);
        if (o != NULL) {
            ((MiniLongObject *)o)->ob_ival = v;
            return o;
        }
    }
    return MiniLong_FromLongLong(v);
}

/* ----- output / formatting ------------------------------------------------------------------------ */
/* Interned names the VM uses often. */
typedef struct MiniVMStrings {
    MiniObject *__init__, *__name__, *__qualname__, *__module__, *__doc__, *__class__,
               *__classcell__, *__enter__, *__exit__, *__main__, *__build_class__,
               *__repr__, *__str__, *__eq__, *__ne__, *__lt__, *__le__, *__gt__, *__ge__,
               *__hash__, *__len__, *__iter__, *__next__, *__call__, *__getitem__,
               *__setitem__, *__delitem__, *__contains__, *__bool__, *__format__,
               *__file__, *__import__, *__getattr__, *__new__;
} MiniVMStrings;
extern MiniVMStrings _MiniVM_Str;

/* ----- the library builtins (Python/builtins_lib.c) -------------------------------------------- */
/* Readies the library's types and registers the builtins it provides (min, max, sorted, any,
 * all, round, divmod, pow, chr, ord, hex, bin, oct, format, enumerate, zip, reversed, map,
 * filter, set, frozenset, slice) with MiniVM_AddBuiltin, skipping any name the VM's builtins
 * already hold. Call once after MiniVM_Init (idempotent: names already present are skipped).
 * 0, or -1 with an exception. */
int _MiniLib_InitBuiltins(void);
/* Readies the three types and registers them as builtins (names already present are skipped).
 * Called by _MiniLib_InitBuiltins; idempotent. Requires the GIL. 0, or -1 with an exception. */
extern MiniTypeObject MiniProperty_Type;      /* "property": a data descriptor calling fget/fset/fdel */
extern MiniTypeObject MiniStaticMethod_Type;  /* "staticmethod": gives the wrapped callable unbound */
extern MiniTypeObject MiniClassMethod_Type;   /* "classmethod": binds the wrapped callable to the class */
int _MiniLib_InitDescriptors(void);

/* Puts "wrapper_descriptor" objects for the C slots a static type defines itself (__init__,
 * __repr__, ...) into its dict, skipping names already there (vmclass.c). Idempotent. 0 / -1. */
int _MiniVM_AddSlotWrappers(MiniTypeObject *t);

#endif /* MINI_VM_INTERNAL_H */
