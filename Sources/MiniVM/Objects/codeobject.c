/* Objects/codeobject.c: code objects, the compiler's output the VM executes: the instruction array,
 * the source position of every instruction, the exception table (which instructions a handler
 * covers and how deep the value stack is there), constants, names, the fast-local slots and
 * their kinds, the argument counts and flags. Also the opcode table lookups the disassembler
 * uses. Code objects are immutable once built and hold no references that can form cycles. */
#include "vm_internal.h"

#include <stdlib.h>
#include <string.h>

/* ----- the opcode table ------------------------------------------------------------------------- */

static const char *const op_names[] = {
#define NAME_(name, kind, flags) #name,
    MINI_OPCODES(NAME_)
#undef NAME_
};
static const int op_kinds[] = {
#define KIND_(name, kind, flags) kind,
    MINI_OPCODES(KIND_)
#undef KIND_
};
static const int op_flags[] = {
#define FLAGS_(name, kind, flags) flags,
    MINI_OPCODES(FLAGS_)
#undef FLAGS_
};

const char *MiniVM_OpName(int op) { return op >= 0 && op < MINI_OP_COUNT_ ? op_names[op] : NULL; }
int MiniVM_OpArgKind(int op) { return op >= 0 && op < MINI_OP_COUNT_ ? op_kinds[op] : -1; }
int MiniVM_OpFlags(int op) { return op >= 0 && op < MINI_OP_COUNT_ ? op_flags[op] : -1; }

int MiniVM_IsPollPoint(int op) {
    if (op < 0 || op >= MINI_OP_COUNT_) return 0;
    long n;
    int count;
    int policy = MiniVM_GetPollPolicy(&n, &count);
    if (policy == MINI_VM_POLL_NEVER) return 0;
    if (policy == MINI_VM_POLL_EVERY_N) return 1;
    return (op_flags[op] & MINI_OPF_POLL) != 0;
}

static const char *const binop_symbols[] = {
    "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^",
};
static const char *const inplace_symbols[] = {
    "+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "<<=", ">>=", "&=", "|=", "^=",
};

const char *MiniVM_BinOpSymbol(int arg) {
    int inplace = (arg & MINI_NB_INPLACE) != 0;
    int op = arg & ~MINI_NB_INPLACE;
    if (op < 0 || op >= MINI_NB_COUNT) return NULL;
    return inplace ? inplace_symbols[op] : binop_symbols[op];
}

/* ----- construction ------------------------------------------------------------------------------ */

static void *copy_array(const void *src, size_t n, size_t size) {
    void *dst = malloc(n * size + 1);
    if (dst != NULL && n > 0) memcpy(dst, src, n * size);
    return dst;
}

/* 1 if the str's contents are a plain ASCII identifier (what CPython interns among constants). */
static int identifier_like(MiniObject *str) {
    Mini_ssize_t n;
    const char *p = MiniUnicode_AsUTF8AndSize(str, &n);
    if (p == NULL || n == 0 || n > 64) return 0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        char c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return 0;
    }
    return 1;
}

/* A copy of tuple t with its str items (and those of nested tuples) replaced by interned equals:
 * all of them, or only identifier-like ones. New reference or NULL. */
static MiniObject *intern_strings(MiniObject *t, int all) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(t);
    MiniObject *r = MiniTuple_New(n);
    if (r == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *item = MiniTuple_GET_ITEM(t, i), *x;
        if (MiniUnicode_CheckExact(item) && (all || identifier_like(item)) &&
            strlen(MiniUnicode_AsUTF8(item)) == (size_t)Mini_SIZE(item))
            x = MiniUnicode_InternFromString(MiniUnicode_AsUTF8(item));
        else if (MiniTuple_CheckExact(item))
            x = intern_strings(item, 0);
        else
            x = Mini_NewRef(item);
        if (x == NULL) { Mini_DECREF(r); return NULL; }
        MiniTuple_SET_ITEM(r, i, x);
    }
    return r;
}

MiniObject *MiniCode_New(const MiniCodeSpec *s) {
    MINI_CHECK_GIL("MiniCode_New");
    if (s == NULL || s->code == NULL || s->ncode <= 0 || s->positions == NULL ||
        s->consts == NULL || !MiniTuple_Check(s->consts) ||
        s->names == NULL || !MiniTuple_Check(s->names) ||
        s->localsplusnames == NULL || !MiniTuple_Check(s->localsplusnames) ||
        s->filename == NULL || s->name == NULL || s->stacksize < 0 ||
        (s->nexctable > 0 && s->exctable == NULL)) {
        MiniErr_SetString(MiniExc_ValueError, "MiniCode_New: incomplete code specification");
        return NULL;
    }
    Mini_ssize_t nlp = MiniTuple_GET_SIZE(s->localsplusnames);
    if (nlp > 0 && s->localspluskinds == NULL) {
        MiniErr_SetString(MiniExc_ValueError, "MiniCode_New: missing local kinds");
        return NULL;
    }
    int nlocals = 0, ncells = 0, nfrees = 0;
    for (Mini_ssize_t i = 0; i < nlp; i++) {
        uint8_t k = s->localspluskinds[i];
        if (k & MINI_LK_FREE) nfrees++;
        else if (k & MINI_LK_LOCAL) nlocals++;
        else if (k & MINI_LK_CELL) ncells++;
    }
    int total_args = s->argcount + s->kwonlyargcount + ((s->flags & MINI_CO_VARARGS) ? 1 : 0) +
                     ((s->flags & MINI_CO_VARKEYWORDS) ? 1 : 0);
    if (total_args > nlocals || s->posonlyargcount > s->argcount) {
        MiniErr_SetString(MiniExc_ValueError, "MiniCode_New: more arguments than locals");
        return NULL;
    }
    for (Mini_ssize_t i = 0; i < s->ncode; i++) {
        int op = (int)(s->code[i] & 0xFF);
        if (op >= MINI_OP_COUNT_) {
            MiniErr_Format(MiniExc_ValueError, "MiniCode_New: bad opcode %d at %zd", op, i);
            return NULL;
        }
    }
    MiniCodeObject *co = (MiniCodeObject *)MiniObject_New(&MiniCode_Type);
    if (co == NULL) return NULL;
    co->co_ncode = s->ncode;
    co->co_code = copy_array(s->code, (size_t)s->ncode, sizeof(uint32_t));
    co->co_positions = copy_array(s->positions, (size_t)s->ncode, sizeof(MiniVMPosition));
    co->co_nexctable = s->nexctable;
    co->co_exctable = copy_array(s->exctable, (size_t)s->nexctable, sizeof(MiniExcTableEntry));
    co->co_localspluskinds = copy_array(s->localspluskinds, (size_t)nlp, 1);
    co->co_cache = calloc((size_t)s->ncode, sizeof(MiniICache));   /* inline caches: specialize.h */
    if (co->co_code == NULL || co->co_positions == NULL || co->co_exctable == NULL ||
        co->co_localspluskinds == NULL || co->co_cache == NULL) {
        Mini_DECREF(co);
        return MiniErr_NoMemory();
    }
    /* Names are interned so dict lookups of globals, attributes and keywords hit the identity
     * test; so are constants that look like identifiers (dict keys, keyword-name tuples). */
    co->co_consts = intern_strings(s->consts, 0);
    co->co_names = intern_strings(s->names, 1);
    co->co_localsplusnames = intern_strings(s->localsplusnames, 1);
    if (co->co_consts == NULL || co->co_names == NULL || co->co_localsplusnames == NULL) {
        Mini_DECREF(co);
        return NULL;
    }
    co->co_nlocalsplus = (int)nlp;
    co->co_nlocals = nlocals;
    co->co_ncells = ncells;
    co->co_nfrees = nfrees;
    co->co_argcount = s->argcount;
    co->co_posonlyargcount = s->posonlyargcount;
    co->co_kwonlyargcount = s->kwonlyargcount;
    co->co_flags = s->flags | (nfrees == 0 ? MINI_CO_NOFREE : 0);
    co->co_stacksize = s->stacksize;
    co->co_firstlineno = s->firstlineno;
    co->co_framesize = (int)nlp + s->stacksize;
    co->co_framebytes = (MINI_FRAME_HEADER_SIZE + (size_t)co->co_framesize * sizeof(MiniObject *) + 15) & ~(size_t)15;
    co->co_filename = MiniUnicode_FromString(s->filename);
    co->co_name = MiniUnicode_InternFromString(s->name);
    co->co_qualname = MiniUnicode_FromString(s->qualname != NULL ? s->qualname : s->name);
    if (co->co_filename == NULL || co->co_name == NULL || co->co_qualname == NULL) {
        Mini_DECREF(co);
        return NULL;
    }
    return (MiniObject *)co;
}

/* ----- accessors for the disassembler --------------------------------------------------------------- */

static MiniCodeObject *as_code(MiniObject *o, const char *func) {
    MINI_CHECK_GIL_OBJECT(o, func);
    if (o == NULL || !MiniCode_Check(o)) {
        _MiniErr_BadInternalCall(func);
        return NULL;
    }
    return (MiniCodeObject *)o;
}

int MiniVM_IsCode(MiniObject *o) { return o != NULL && MiniCode_Check(o); }

const uint32_t *MiniCode_Instructions(MiniObject *code, Mini_ssize_t *count) {
    MiniCodeObject *co = as_code(code, "MiniCode_Instructions");
    if (co == NULL) return NULL;
    if (count) *count = co->co_ncode;
    return co->co_code;
}

const MiniVMPosition *MiniCode_Positions(MiniObject *code) {
    MiniCodeObject *co = as_code(code, "MiniCode_Positions");
    return co ? co->co_positions : NULL;
}

const MiniExcTableEntry *MiniCode_ExceptionTable(MiniObject *code, Mini_ssize_t *count) {
    MiniCodeObject *co = as_code(code, "MiniCode_ExceptionTable");
    if (co == NULL) return NULL;
    if (count) *count = co->co_nexctable;
    return co->co_exctable;
}

MiniObject *MiniCode_Consts(MiniObject *code) {
    MiniCodeObject *co = as_code(code, "MiniCode_Consts");
    return co ? co->co_consts : NULL;
}

MiniObject *MiniCode_Names(MiniObject *code) {
    MiniCodeObject *co = as_code(code, "MiniCode_Names");
    return co ? co->co_names : NULL;
}

MiniObject *MiniCode_LocalsPlusNames(MiniObject *code) {
    MiniCodeObject *co = as_code(code, "MiniCode_LocalsPlusNames");
    return co ? co->co_localsplusnames : NULL;
}

MiniObject *MiniCode_Name(MiniObject *code) {
    MiniCodeObject *co = as_code(code, "MiniCode_Name");
    return co ? co->co_name : NULL;
}

int MiniCode_FirstLine(MiniObject *code) {
    MiniCodeObject *co = as_code(code, "MiniCode_FirstLine");
    return co ? co->co_firstlineno : 0;
}

/* ----- the type ------------------------------------------------------------------------------------ */

static void code_dealloc(MiniObject *self) {
    MiniCodeObject *co = (MiniCodeObject *)self;
    free(co->co_code);
    free(co->co_cache);
    free(co->co_positions);
    free(co->co_exctable);
    free(co->co_localspluskinds);
    Mini_XDECREF(co->co_consts);
    Mini_XDECREF(co->co_names);
    Mini_XDECREF(co->co_localsplusnames);
    Mini_XDECREF(co->co_filename);
    Mini_XDECREF(co->co_name);
    Mini_XDECREF(co->co_qualname);
    MiniObject_Free(self);
}

static MiniObject *code_repr(MiniObject *self) {
    MiniCodeObject *co = (MiniCodeObject *)self;
    return MiniUnicode_FromFormat("<code object %U at %p, file \"%U\", line %d>", co->co_name,
                                  (void *)self, co->co_filename, co->co_firstlineno);
}

static MiniObject *code_get_name(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniCodeObject *)self)->co_name);
}
static MiniObject *code_get_qualname(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniCodeObject *)self)->co_qualname);
}
static MiniObject *code_get_filename(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniCodeObject *)self)->co_filename);
}
static MiniObject *code_get_firstlineno(MiniObject *self, void *c) {
    (void)c;
    return MiniLong_FromLong(((MiniCodeObject *)self)->co_firstlineno);
}
static MiniObject *code_get_argcount(MiniObject *self, void *c) {
    (void)c;
    return MiniLong_FromLong(((MiniCodeObject *)self)->co_argcount);
}
static MiniObject *code_get_consts(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(((MiniCodeObject *)self)->co_consts);
}
/* The MINI_CO_* flags (CPython's values): inspect.iscoroutinefunction and friends read them. */
static MiniObject *code_get_flags(MiniObject *self, void *c) {
    (void)c;
    return MiniLong_FromLong(((MiniCodeObject *)self)->co_flags);
}

static MiniGetSetDef code_getset[] = {
    { "co_flags", code_get_flags, NULL, NULL, NULL },
    { "co_name", code_get_name, NULL, NULL, NULL },
    { "co_qualname", code_get_qualname, NULL, NULL, NULL },
    { "co_filename", code_get_filename, NULL, NULL, NULL },
    { "co_firstlineno", code_get_firstlineno, NULL, NULL, NULL },
    { "co_argcount", code_get_argcount, NULL, NULL, NULL },
    { "co_consts", code_get_consts, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MiniTypeObject MiniCode_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "code",
    .tp_basicsize = sizeof(MiniCodeObject),
    .tp_dealloc = code_dealloc,
    .tp_repr = code_repr,
    .tp_getset = code_getset,
};
