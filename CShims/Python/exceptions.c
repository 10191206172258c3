/* Python/exceptions.c: the built-in exception types, in CPython's hierarchy, and the behaviour of
 * exception instances.
 *
 * Every built-in exception is a static type whose instances are MiniBaseExceptionObject: the
 * args tuple, and the traceback / cause / context the interpreter attaches, plus an instance
 * __dict__. repr is "ValueError('x')", str is the lone argument's str ("x"), or str(args) for
 * several, or "" for none. A few types refine that as CPython does: KeyError's str is the
 * repr of the key, OSError shows "[Errno 2] message: 'file'", SyntaxError shows its location.
 * Exception classes made at run time (MiniErr_NewException, Python classes) are heap subtypes. */
#include "mini.h"
#include "exceptions_internal.h"
#include "formatter_internal.h"
#include "objimpl_internal.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#define EXC(op) ((MiniBaseExceptionObject *)(op))

MiniObject *_Mini_MemoryErrorInstance;

/* ----- BaseException ------------------------------------------------------------------------------- */

static MiniObject *BaseException_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)kwargs;
    MiniObject *self = MiniType_GenericNew(type, NULL, NULL);
    if (self == NULL) return NULL;
    EXC(self)->args = args != NULL ? Mini_NewRef(args) : MiniTuple_New(0);
    return self;
}

static int BaseException_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0) {
        MiniErr_Format(MiniExc_TypeError, "%s() takes no keyword arguments", MiniType_Name(Mini_TYPE(self)));
        return -1;
    }
    MiniObject *a = args != NULL ? Mini_NewRef(args) : MiniTuple_New(0);
    Mini_SETREF(EXC(self)->args, a);
    return 0;
}

static void BaseException_dealloc(MiniObject *self) {
    MiniBaseExceptionObject *e = EXC(self);
    Mini_CLEAR(e->args);
    Mini_CLEAR(e->traceback);
    Mini_CLEAR(e->cause);
    Mini_CLEAR(e->context);
    Mini_CLEAR(e->dict);
    MiniObject_Free(self);
}

/* The cycle collector's slots: an exception often closes a cycle through its traceback chain,
 * __context__ (the exception being handled, which may hold this one) or its attributes. */
static int BaseException_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    MiniBaseExceptionObject *e = EXC(self);
    Mini_VISIT(e->args);
    Mini_VISIT(e->traceback);
    Mini_VISIT(e->cause);
    Mini_VISIT(e->context);
    Mini_VISIT(e->dict);
    return 0;
}

static int BaseException_clear(MiniObject *self) {
    MiniBaseExceptionObject *e = EXC(self);
    Mini_CLEAR(e->traceback);
    Mini_CLEAR(e->cause);
    Mini_CLEAR(e->context);
    Mini_CLEAR(e->dict);
    return 0;
}

static Mini_ssize_t nargs(MiniObject *self) {
    MiniObject *a = EXC(self)->args;
    return a != NULL && MiniTuple_Check(a) ? MiniTuple_GET_SIZE(a) : 0;
}

static MiniObject *arg(MiniObject *self, Mini_ssize_t i) { return MiniTuple_GET_ITEM(EXC(self)->args, i); }

static MiniObject *BaseException_str(MiniObject *self) {
    switch (nargs(self)) {
    case 0: return MiniUnicode_FromString("");
    case 1: return MiniObject_Str(arg(self, 0));
    default: return MiniObject_Str(EXC(self)->args);
    }
}

static MiniObject *BaseException_repr(MiniObject *self) {
    const char *name = MiniType_Name(Mini_TYPE(self));
    if (nargs(self) == 1) return MiniUnicode_FromFormat("%s(%R)", name, arg(self, 0));
    if (nargs(self) == 0) return MiniUnicode_FromFormat("%s()", name);
    return MiniUnicode_FromFormat("%s%R", name, EXC(self)->args);
}

static MiniObject *BaseException_get_args(MiniObject *self, void *c) {
    (void)c;
    return EXC(self)->args ? Mini_NewRef(EXC(self)->args) : MiniTuple_New(0);
}

static int BaseException_set_args(MiniObject *self, MiniObject *value, void *c) {
    (void)c;
    if (value == NULL) {
        MiniErr_SetString(MiniExc_TypeError, "args may not be deleted");
        return -1;
    }
    MiniObject *t;
    if (MiniTuple_Check(value)) t = Mini_NewRef(value);
    else {
        MiniObject *l = MiniList_New(0);
        if (l == NULL) return -1;
        t = MiniList_Extend(l, value) < 0 ? NULL : MiniList_AsTuple(l);
        Mini_DECREF(l);
        if (t == NULL) return -1;
    }
    Mini_SETREF(EXC(self)->args, t);
    return 0;
}

/* The three optional links share a getter/setter, told apart by the closure (a field offset). */
static MiniObject *BaseException_get_link(MiniObject *self, void *offset) {
    MiniObject *v = *(MiniObject **)((char *)self + (size_t)offset);
    return Mini_NewRef(v != NULL ? v : Mini_None);
}

static int BaseException_set_link(MiniObject *self, MiniObject *value, void *offset) {
    MiniObject **slot = (MiniObject **)((char *)self + (size_t)offset);
    if (value == NULL) {
        MiniErr_SetString(MiniExc_TypeError, "exception attributes may not be deleted");
        return -1;
    }
    if (value == Mini_None) value = NULL;
    else if ((size_t)offset != offsetof(MiniBaseExceptionObject, traceback) && !MiniExceptionInstance_Check(value)) {
        MiniErr_SetString(MiniExc_TypeError, "exception cause/context must be None or derive from BaseException");
        return -1;
    }
    Mini_XINCREF(value);
    Mini_SETREF(*slot, value);
    return 0;
}

static MiniObject *BaseException_get_dict(MiniObject *self, void *c) {
    (void)c;
    if (EXC(self)->dict == NULL && (EXC(self)->dict = MiniDict_New()) == NULL) return NULL;
    return Mini_NewRef(EXC(self)->dict);
}

static MiniGetSetDef BaseException_getsets[] = {
    { "args", BaseException_get_args, BaseException_set_args, NULL, NULL },
    { "__traceback__", BaseException_get_link, BaseException_set_link, NULL,
      (void *)offsetof(MiniBaseExceptionObject, traceback) },
    { "__cause__", BaseException_get_link, BaseException_set_link, NULL,
      (void *)offsetof(MiniBaseExceptionObject, cause) },
    { "__context__", BaseException_get_link, BaseException_set_link, NULL,
      (void *)offsetof(MiniBaseExceptionObject, context) },
    { "__dict__", BaseException_get_dict, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

/* exc.with_traceback(tb): sets __traceback__ and returns exc. */
static MiniObject *BaseException_with_traceback(MiniObject *self, MiniObject *tb) {
    if (BaseException_set_link(self, tb, (void *)offsetof(MiniBaseExceptionObject, traceback)) < 0) return NULL;
    return Mini_NewRef(self);
}

/* exc.add_note(note) (PEP 678): appends the str note to exc.__notes__, creating the list. */
static MiniObject *BaseException_add_note(MiniObject *self, MiniObject *note) {
    if (!MiniUnicode_Check(note))
        return MiniErr_Format(MiniExc_TypeError, "note must be a str, not '%s'", MiniType_Name(Mini_TYPE(note)));
    MiniObject *dict = BaseException_get_dict(self, NULL);
    if (dict == NULL) return NULL;
    MiniObject *notes = MiniDict_GetItemString(dict, "__notes__");
    int r;
    if (notes == NULL) {
        notes = MiniList_New(0);
        r = notes ? MiniDict_SetItemString(dict, "__notes__", notes) : -1;
        if (r == 0) r = MiniList_Append(notes, note);
        Mini_XDECREF(notes);
    } else if (!MiniList_Check(notes)) {
        MiniErr_SetString(MiniExc_TypeError, "Cannot add note: __notes__ is not a list");
        r = -1;
    } else {
        r = MiniList_Append(notes, note);
    }
    Mini_DECREF(dict);
    if (r < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniMethodDef BaseException_methods[] = {
    { "with_traceback", BaseException_with_traceback, MINI_METH_O,
      "Set self.__traceback__ to tb and return self." },
    { "add_note", BaseException_add_note, MINI_METH_O,
      "Add a note to the exception" },
    { NULL, NULL, 0, NULL },
};

static MiniTypeObject _MiniExc_BaseException_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "BaseException",
    .tp_basicsize = sizeof(MiniBaseExceptionObject),
    .tp_dealloc = BaseException_dealloc,
    .tp_repr = BaseException_repr,
    .tp_str = BaseException_str,
    .tp_getattro = MiniObject_GenericGetAttr,
    .tp_setattro = MiniObject_GenericSetAttr,
    .tp_methods = BaseException_methods,
    .tp_getset = BaseException_getsets,
    .tp_dictoffset = offsetof(MiniBaseExceptionObject, dict),
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_BASE_EXC_SUBCLASS |
                MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = BaseException_traverse,
    .tp_clear = BaseException_clear,
    .tp_doc = "Common base class for all exceptions",
    .tp_new = BaseException_new,
    .tp_init = BaseException_init,
};
MiniObject *const MiniExc_BaseException = (MiniObject *)&_MiniExc_BaseException_Type;

/* ----- refinements ------------------------------------------------------------------------------------ */

/* KeyError('k') prints as 'k', so that an empty-string key is still visible. */
static MiniObject *KeyError_str(MiniObject *self) {
    if (nargs(self) == 1) return MiniObject_Repr(arg(self, 0));
    return BaseException_str(self);
}

/* OSError(errno, strerror[, filename]) prints "[Errno 2] No such file: 'f'". */
static MiniObject *OSError_str(MiniObject *self) {
    Mini_ssize_t n = nargs(self);
    if (n == 2) return MiniUnicode_FromFormat("[Errno %S] %S", arg(self, 0), arg(self, 1));
    if (n >= 3) return MiniUnicode_FromFormat("[Errno %S] %S: %R", arg(self, 0), arg(self, 1), arg(self, 2));
    return BaseException_str(self);
}

/* Attributes derived from the args tuple; the closure is the index (as intptr_t), and the
 * attribute is None when there are fewer args (or, for index -1, the sole argument). */
static MiniObject *get_arg_or_none(MiniObject *self, void *closure) {
    Mini_ssize_t i = (Mini_ssize_t)(intptr_t)closure;
    if (i < nargs(self)) return Mini_NewRef(arg(self, i));
    Mini_RETURN_NONE;
}

MiniObject *_MiniExc_OSErrorClass(int err) {
    switch (err) {
    case ENOENT: return MiniExc_FileNotFoundError;
    case EEXIST: return MiniExc_FileExistsError;
    case EISDIR: return MiniExc_IsADirectoryError;
    case ENOTDIR: return MiniExc_NotADirectoryError;
    case EACCES: case EPERM: return MiniExc_PermissionError;
    case EINTR: return MiniExc_InterruptedError;
    case ECHILD: return MiniExc_ChildProcessError;
    case ESRCH: return MiniExc_ProcessLookupError;
    case EPIPE: case ESHUTDOWN: return MiniExc_BrokenPipeError;
    case ECONNREFUSED: return MiniExc_ConnectionRefusedError;
    case ECONNRESET: return MiniExc_ConnectionResetError;
    case ECONNABORTED: return MiniExc_ConnectionAbortedError;
    case ETIMEDOUT: return MiniExc_TimeoutError;
    case EAGAIN: case EALREADY: case EINPROGRESS: return MiniExc_BlockingIOError;
    default: return MiniExc_OSError;
    }
}

/* OSError(errno, strerror, ...) called as OSError itself makes the subclass for that errno, as
 * CPython: OSError(2, "x") is a FileNotFoundError. */
static MiniObject *OSError_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (type == (MiniTypeObject *)MiniExc_OSError && args != NULL && MiniTuple_GET_SIZE(args) >= 2 &&
        MiniLong_Check(MiniTuple_GET_ITEM(args, 0))) {
        long err = MiniLong_AsLong(MiniTuple_GET_ITEM(args, 0));
        if (err == -1 && MiniErr_Occurred()) MiniErr_Clear();
        else type = (MiniTypeObject *)_MiniExc_OSErrorClass((int)err);
    }
    return BaseException_new(type, args, kwargs);
}

/* OSError.errno / strerror / filename are only meaningful with two or more args. */
static MiniObject *OSError_get(MiniObject *self, void *closure) {
    if (nargs(self) < 2) Mini_RETURN_NONE;
    return get_arg_or_none(self, closure);
}

static MiniGetSetDef OSError_getsets[] = {
    { "errno", OSError_get, NULL, "POSIX exception code", (void *)0 },
    { "strerror", OSError_get, NULL, "exception strerror", (void *)1 },
    { "filename", OSError_get, NULL, "exception filename", (void *)2 },
    { NULL, NULL, NULL, NULL, NULL },
};

static MiniGetSetDef StopIteration_getsets[] = {
    { "value", get_arg_or_none, NULL, "generator return value", (void *)0 },
    { NULL, NULL, NULL, NULL, NULL },
};

/* SystemExit.code: None, the sole argument, or the args tuple. */
static MiniObject *SystemExit_get_code(MiniObject *self, void *c) {
    (void)c;
    Mini_ssize_t n = nargs(self);
    if (n == 0) Mini_RETURN_NONE;
    return Mini_NewRef(n == 1 ? arg(self, 0) : EXC(self)->args);
}

static MiniGetSetDef SystemExit_getsets[] = {
    { "code", SystemExit_get_code, NULL, "exception code", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

/* ImportError and its subclasses carry the module's name and path (keyword-only arguments). */
typedef struct {
    MiniBaseExceptionObject base;
    MiniObject *name, *path;     /* NULL reads as None */
} ImportErrorObject;

#define IMPERR(o) ((ImportErrorObject *)(o))

/* ImportError(*args, name=None, path=None): any other keyword is CPython's TypeError. */
static int ImportError_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    Mini_ssize_t pos = 0;
    MiniObject *k, *v;
    while (kwargs != NULL && MiniDict_Next(kwargs, &pos, &k, &v)) {
        const char *key = MiniUnicode_Check(k) ? MiniUnicode_AsUTF8(k) : NULL;
        MiniObject **slot = key && strcmp(key, "name") == 0 ? &IMPERR(self)->name
                          : key && strcmp(key, "path") == 0 ? &IMPERR(self)->path : NULL;
        if (slot == NULL) {
            MiniErr_Format(MiniExc_TypeError, "'%U' is an invalid keyword argument for %s()", k,
                           MiniType_Name(Mini_TYPE(self)));
            return -1;
        }
        Mini_SETREF(*slot, Mini_NewRef(v));
    }
    return BaseException_init(self, args, NULL);
}

static void ImportError_dealloc(MiniObject *self) {
    Mini_CLEAR(IMPERR(self)->name);
    Mini_CLEAR(IMPERR(self)->path);
    BaseException_dealloc(self);
}

static int ImportError_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(IMPERR(self)->name);
    Mini_VISIT(IMPERR(self)->path);
    return BaseException_traverse(self, visit, arg);
}

static int ImportError_clear(MiniObject *self) {
    Mini_CLEAR(IMPERR(self)->name);
    Mini_CLEAR(IMPERR(self)->path);
    return BaseException_clear(self);
}

static MiniObject *ImportError_get_field(MiniObject *self, void *closure) {
    MiniObject *v = *(MiniObject **)((char *)self + (intptr_t)closure);
    return Mini_NewRef(v != NULL ? v : Mini_None);
}

static int ImportError_set_field(MiniObject *self, MiniObject *value, void *closure) {
    MiniObject **slot = (MiniObject **)((char *)self + (intptr_t)closure);
    MiniObject *old = *slot;
    *slot = value != NULL ? Mini_NewRef(value) : NULL;
    Mini_XDECREF(old);
    return 0;
}

static MiniGetSetDef ImportError_getsets[] = {
    { "msg", get_arg_or_none, NULL, "exception message", (void *)0 },
    { "name", ImportError_get_field, ImportError_set_field, "module name", (void *)offsetof(ImportErrorObject, name) },
    { "path", ImportError_get_field, ImportError_set_field, "module path", (void *)offsetof(ImportErrorObject, path) },
    { NULL, NULL, NULL, NULL, NULL },
};

void _MiniErr_SetImportErrorName(MiniObject *name) {
    if (!MiniErr_ExceptionMatches(MiniExc_ImportError)) return;
    MiniObject *exc = MiniErr_GetRaisedException();
    if (exc != NULL && MiniObject_TypeCheck(exc, (MiniTypeObject *)MiniExc_ImportError) && IMPERR(exc)->name == NULL)
        IMPERR(exc)->name = Mini_NewRef(name);
    MiniErr_SetRaisedException(exc);
}

/* SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset])). */
static MiniObject *SyntaxError_detail(MiniObject *self, Mini_ssize_t i) {
    if (nargs(self) < 2) return NULL;
    MiniObject *info = arg(self, 1);
    if (!MiniTuple_Check(info) || MiniTuple_GET_SIZE(info) <= i) return NULL;
    return MiniTuple_GET_ITEM(info, i);
}

static MiniObject *SyntaxError_str(MiniObject *self) {
    MiniObject *file = SyntaxError_detail(self, 0), *line = SyntaxError_detail(self, 1);
    if (nargs(self) < 1) return BaseException_str(self);
    if (file != NULL && line != NULL && file != Mini_None && line != Mini_None)
        return MiniUnicode_FromFormat("%S (%S, line %S)", arg(self, 0), file, line);
    if (line != NULL && line != Mini_None)
        return MiniUnicode_FromFormat("%S (line %S)", arg(self, 0), line);
    return MiniObject_Str(arg(self, 0));
}

static MiniObject *SyntaxError_get_detail(MiniObject *self, void *closure) {
    MiniObject *v = SyntaxError_detail(self, (Mini_ssize_t)(intptr_t)closure);
    return Mini_NewRef(v != NULL ? v : Mini_None);
}

static MiniGetSetDef SyntaxError_getsets[] = {
    { "msg", get_arg_or_none, NULL, "exception msg", (void *)0 },
    { "filename", SyntaxError_get_detail, NULL, "exception filename", (void *)0 },
    { "lineno", SyntaxError_get_detail, NULL, "exception lineno", (void *)1 },
    { "offset", SyntaxError_get_detail, NULL, "exception offset", (void *)2 },
    { "text", SyntaxError_get_detail, NULL, "exception text", (void *)3 },
    /* 3.10+: the end of the range (the compiler's errors carry it; None when not given). */
    { "end_lineno", SyntaxError_get_detail, NULL, "exception end lineno", (void *)4 },
    { "end_offset", SyntaxError_get_detail, NULL, "exception end offset", (void *)5 },
    { "print_file_and_line", SyntaxError_get_detail, NULL, "exception print_file_and_line", (void *)99 },
    { NULL, NULL, NULL, NULL, NULL },
};

/* ----- the hierarchy ---------------------------------------------------------------------------- */

/* A subclass that inherits everything but its name (and whatever EXTRA sets). */
#define DEFINE_EXC(NAME, BASE, DOC, ...) \
    static MiniTypeObject _MiniExc_##NAME##_Type = { \
        .ob_base = MiniObject_HEAD_INIT(&MiniType_Type) \
        .tp_name = #NAME, \
        .tp_basicsize = sizeof(MiniBaseExceptionObject), \
        .tp_base = &_MiniExc_##BASE##_Type, \
        .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_BASE_EXC_SUBCLASS, \
        .tp_doc = DOC, \
        __VA_ARGS__ \
    }; \
    MiniObject *const MiniExc_##NAME = (MiniObject *)&_MiniExc_##NAME##_Type;

DEFINE_EXC(SystemExit, BaseException, "Request to exit from the interpreter.", .tp_getset = SystemExit_getsets,)
DEFINE_EXC(KeyboardInterrupt, BaseException, "Program interrupted by user.", )
DEFINE_EXC(GeneratorExit, BaseException, "Request that a generator exit.", )
DEFINE_EXC(Exception, BaseException, "Common base class for all non-exit exceptions.", )
DEFINE_EXC(StopIteration, Exception, "Signal the end from iterator.__next__().", .tp_getset = StopIteration_getsets,)
DEFINE_EXC(StopAsyncIteration, Exception, "Signal the end from iterator.__anext__().", )
DEFINE_EXC(ArithmeticError, Exception, "Base class for arithmetic errors.", )
DEFINE_EXC(FloatingPointError, ArithmeticError, "Floating point operation failed.", )
DEFINE_EXC(OverflowError, ArithmeticError, "Result too large to be represented.", )
DEFINE_EXC(ZeroDivisionError, ArithmeticError, "Second argument to a division or modulo operation was zero.", )
DEFINE_EXC(AssertionError, Exception, "Assertion failed.", )
DEFINE_EXC(AttributeError, Exception, "Attribute not found.", )
DEFINE_EXC(BufferError, Exception, "Buffer error.", )
DEFINE_EXC(EOFError, Exception, "Read beyond end of file.", )
DEFINE_EXC(ImportError, Exception, "Import can't find module, or can't find name in module.",
           .tp_basicsize = sizeof(ImportErrorObject), .tp_getset = ImportError_getsets, .tp_init = ImportError_init,
           .tp_dealloc = ImportError_dealloc, .tp_traverse = ImportError_traverse, .tp_clear = ImportError_clear,
           .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_BASE_EXC_SUBCLASS | MINI_TPFLAGS_HAVE_GC,)
DEFINE_EXC(ModuleNotFoundError, ImportError, "Module not found.", .tp_basicsize = sizeof(ImportErrorObject),)
DEFINE_EXC(LookupError, Exception, "Base class for lookup errors.", )
DEFINE_EXC(IndexError, LookupError, "Sequence index out of range.", )
DEFINE_EXC(KeyError, LookupError, "Mapping key not found.", .tp_str = KeyError_str,)
DEFINE_EXC(MemoryError, Exception, "Out of memory.", )
DEFINE_EXC(NameError, Exception, "Name not found globally.", )
DEFINE_EXC(UnboundLocalError, NameError, "Local name referenced but not bound to a value.", )
DEFINE_EXC(OSError, Exception, "Base class for I/O related errors.", .tp_str = OSError_str, .tp_getset = OSError_getsets,
           .tp_new = OSError_new,)
DEFINE_EXC(BlockingIOError, OSError, "I/O operation would block.", )
DEFINE_EXC(ChildProcessError, OSError, "Child process error.", )
DEFINE_EXC(ConnectionError, OSError, "Connection error.", )
DEFINE_EXC(BrokenPipeError, ConnectionError, "Broken pipe.", )
DEFINE_EXC(ConnectionAbortedError, ConnectionError, "Connection aborted.", )
DEFINE_EXC(ConnectionRefusedError, ConnectionError, "Connection refused.", )
DEFINE_EXC(ConnectionResetError, ConnectionError, "Connection reset.", )
DEFINE_EXC(FileExistsError, OSError, "File already exists.", )
DEFINE_EXC(FileNotFoundError, OSError, "File not found.", )
DEFINE_EXC(InterruptedError, OSError, "Interrupted by signal.", )
DEFINE_EXC(IsADirectoryError, OSError, "Operation doesn't work on directories.", )
DEFINE_EXC(NotADirectoryError, OSError, "Operation only works on directories.", )
DEFINE_EXC(PermissionError, OSError, "Not enough permissions.", )
DEFINE_EXC(ProcessLookupError, OSError, "Process not found.", )
DEFINE_EXC(TimeoutError, OSError, "Timeout expired.", )
DEFINE_EXC(ReferenceError, Exception, "Weak ref proxy used after referent went away.", )
DEFINE_EXC(RuntimeError, Exception, "Unspecified run-time error.", )
DEFINE_EXC(NotImplementedError, RuntimeError, "Method or function hasn't been implemented yet.", )
DEFINE_EXC(RecursionError, RuntimeError, "Recursion limit exceeded.", )
DEFINE_EXC(SyntaxError, Exception, "Invalid syntax.", .tp_str = SyntaxError_str, .tp_getset = SyntaxError_getsets,)
DEFINE_EXC(IndentationError, SyntaxError, "Improper indentation.", )
DEFINE_EXC(TabError, IndentationError, "Improper mixture of spaces and tabs.", )
DEFINE_EXC(SystemError, Exception, "Internal error in the Mini runtime.", )
DEFINE_EXC(TypeError, Exception, "Inappropriate argument type.", )
DEFINE_EXC(ValueError, Exception, "Inappropriate argument value (of correct type).", )
DEFINE_EXC(UnicodeError, ValueError, "Unicode related error.", )
DEFINE_EXC(UnicodeDecodeError, UnicodeError, "Unicode decoding error.", )
DEFINE_EXC(UnicodeEncodeError, UnicodeError, "Unicode encoding error.", )
DEFINE_EXC(UnicodeTranslateError, UnicodeError, "Unicode translation error.", )
DEFINE_EXC(Warning, Exception, "Base class for warning categories.", )
DEFINE_EXC(DeprecationWarning, Warning, "Base class for warnings about deprecated features.", )
DEFINE_EXC(PendingDeprecationWarning, Warning, "Base class for warnings about features which will be deprecated in the future.", )
DEFINE_EXC(RuntimeWarning, Warning, "Base class for warnings about dubious runtime behavior.", )
DEFINE_EXC(SyntaxWarning, Warning, "Base class for warnings about dubious syntax.", )
DEFINE_EXC(UserWarning, Warning, "Base class for warnings generated by user code.", )
DEFINE_EXC(FutureWarning, Warning, "Base class for warnings about constructs that will change semantically in the future.", )
DEFINE_EXC(ImportWarning, Warning, "Base class for warnings about probable mistakes in module imports.", )
DEFINE_EXC(UnicodeWarning, Warning, "Base class for warnings about Unicode related problems.", )
DEFINE_EXC(BytesWarning, Warning, "Base class for warnings about bytes and buffer related problems.", )
DEFINE_EXC(ResourceWarning, Warning, "Base class for warnings about resource usage.", )
DEFINE_EXC(EncodingWarning, Warning, "Base class for warnings about encodings.", )

/* Every built-in exception type, bases before subclasses. */
static MiniTypeObject *const builtin_exceptions[] = {
    &_MiniExc_BaseException_Type,
    &_MiniExc_SystemExit_Type,
    &_MiniExc_KeyboardInterrupt_Type,
    &_MiniExc_GeneratorExit_Type,
    &_MiniExc_Exception_Type,
    &_MiniExc_StopIteration_Type,
    &_MiniExc_StopAsyncIteration_Type,
    &_MiniExc_ArithmeticError_Type,
    &_MiniExc_FloatingPointError_Type,
    &_MiniExc_OverflowError_Type,
    &_MiniExc_ZeroDivisionError_Type,
    &_MiniExc_AssertionError_Type,
    &_MiniExc_AttributeError_Type,
    &_MiniExc_BufferError_Type,
    &_MiniExc_EOFError_Type,
    &_MiniExc_ImportError_Type,
    &_MiniExc_ModuleNotFoundError_Type,
    &_MiniExc_LookupError_Type,
    &_MiniExc_IndexError_Type,
    &_MiniExc_KeyError_Type,
    &_MiniExc_MemoryError_Type,
    &_MiniExc_NameError_Type,
    &_MiniExc_UnboundLocalError_Type,
    &_MiniExc_OSError_Type,
    &_MiniExc_BlockingIOError_Type,
    &_MiniExc_ChildProcessError_Type,
    &_MiniExc_ConnectionError_Type,
    &_MiniExc_BrokenPipeError_Type,
    &_MiniExc_ConnectionAbortedError_Type,
    &_MiniExc_ConnectionRefusedError_Type,
    &_MiniExc_ConnectionResetError_Type,
    &_MiniExc_FileExistsError_Type,
    &_MiniExc_FileNotFoundError_Type,
    &_MiniExc_InterruptedError_Type,
    &_MiniExc_IsADirectoryError_Type,
    &_MiniExc_NotADirectoryError_Type,
    &_MiniExc_PermissionError_Type,
    &_MiniExc_ProcessLookupError_Type,
    &_MiniExc_TimeoutError_Type,
    &_MiniExc_ReferenceError_Type,
    &_MiniExc_RuntimeError_Type,
    &_MiniExc_NotImplementedError_Type,
    &_MiniExc_RecursionError_Type,
    &_MiniExc_SyntaxError_Type,
    &_MiniExc_IndentationError_Type,
    &_MiniExc_TabError_Type,
    &_MiniExc_SystemError_Type,
    &_MiniExc_TypeError_Type,
    &_MiniExc_ValueError_Type,
    &_MiniExc_UnicodeError_Type,
    &_MiniExc_UnicodeDecodeError_Type,
    &_MiniExc_UnicodeEncodeError_Type,
    &_MiniExc_UnicodeTranslateError_Type,
    &_MiniExc_Warning_Type,
    &_MiniExc_DeprecationWarning_Type,
    &_MiniExc_PendingDeprecationWarning_Type,
    &_MiniExc_RuntimeWarning_Type,
    &_MiniExc_SyntaxWarning_Type,
    &_MiniExc_UserWarning_Type,
    &_MiniExc_FutureWarning_Type,
    &_MiniExc_ImportWarning_Type,
    &_MiniExc_UnicodeWarning_Type,
    &_MiniExc_BytesWarning_Type,
    &_MiniExc_ResourceWarning_Type,
    &_MiniExc_EncodingWarning_Type,
};

#define N_BUILTIN_EXCEPTIONS (sizeof builtin_exceptions / sizeof builtin_exceptions[0])

MiniObject *_MiniException_Create(MiniTypeObject *type, MiniObject *args) {
    MiniObject *inst;
    if (type->tp_new == BaseException_new && type->tp_init == BaseException_init) {
        inst = BaseException_new(type, args, NULL);   /* construction not customised: no call needed */
    } else {
        MiniObject *empty = NULL;
        if (args == NULL && (args = empty = MiniTuple_New(0)) == NULL) return NULL;
        inst = MiniObject_Call((MiniObject *)type, args, NULL);
        Mini_XDECREF(empty);
        if (inst != NULL && !MiniExceptionInstance_Check(inst)) {
            MiniErr_Format(MiniExc_TypeError, "calling %R should have returned an instance of "
                           "BaseException, not %.200s", (MiniObject *)type, Mini_TYPE(inst)->tp_name);
            Mini_CLEAR(inst);
        }
    }
    return inst;
}

int MiniExc_AddBuiltins(MiniObject *dict) {
    MINI_GUARD(dict, "MiniExc_AddBuiltins", -1);
    for (size_t i = 0; i < N_BUILTIN_EXCEPTIONS; i++)
        if (MiniDict_SetItemString(dict, builtin_exceptions[i]->tp_name, (MiniObject *)builtin_exceptions[i]) < 0)
            return -1;
    /* ExceptionGroup exists once the interpreter has made it (_MiniExcGroup_MakeExceptionGroup). */
    if (MiniDict_SetItemString(dict, "BaseExceptionGroup", MiniExc_BaseExceptionGroup) < 0 ||
        (MiniExc_ExceptionGroup != NULL && MiniDict_SetItemString(dict, "ExceptionGroup", MiniExc_ExceptionGroup) < 0))
        return -1;
    /* Historical aliases, as in Python 3. */
    if (MiniDict_SetItemString(dict, "EnvironmentError", MiniExc_OSError) < 0 ||
        MiniDict_SetItemString(dict, "IOError", MiniExc_OSError) < 0)
        return -1;
    return 0;
}

int _MiniExceptions_Init(void) {
    for (size_t i = 0; i < N_BUILTIN_EXCEPTIONS; i++)
        if (MiniType_Ready(builtin_exceptions[i]) < 0) return -1;
    if (_MiniExcGroup_Init() < 0) return -1;
    if (_Mini_MemoryErrorInstance == NULL) {
        _Mini_MemoryErrorInstance = _MiniException_Create(&_MiniExc_MemoryError_Type, NULL);
        if (_Mini_MemoryErrorInstance == NULL) return -1;
    }
    return 0;
}

void _MiniExceptions_Fini(void) {
    _MiniExcGroup_Fini();
    Mini_CLEAR(_Mini_MemoryErrorInstance);
}
