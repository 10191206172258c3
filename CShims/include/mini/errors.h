/* mini/errors.h: the per-thread error indicator and the exception types.
 *
 * A failing API function sets the calling thread's error indicator and returns NULL (functions
 * returning objects) or -1 (functions returning int). A caller that sees the failure either
 * handles it (MiniErr_Clear) or returns the failure to its own caller. The indicator lives in
 * the thread state, so each thread sees only its own errors. Exceptions are objects: the value
 * stored is always an exception instance (normalized eagerly, as CPython 3.12 does).
 * All functions here require the GIL unless said otherwise. */
#ifndef MINI_ERRORS_H
#define MINI_ERRORS_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

#include <stdarg.h>

MINI_BEGIN_DECLS

/* An exception instance: its args tuple and, when raised through the interpreter, its
 * traceback, cause and context. Subclasses may extend it. */
typedef struct MiniBaseExceptionObject {
    MiniObject_HEAD
    MiniObject *args;        /* tuple, never NULL once initialised */
    MiniObject *traceback;   /* NULL or the interpreter's traceback object */
    MiniObject *cause;       /* NULL or the exception given with "raise ... from" */
    MiniObject *context;     /* NULL or the exception being handled when this one was raised */
    MiniObject *dict;        /* NULL or the instance __dict__ */
} MiniBaseExceptionObject;

/* Sets the indicator to an instance of type exc whose args are (message,). message is UTF-8. */
void MiniErr_SetString(MiniObject *exc, const char *message);
/* Sets the indicator to exc(value) (value borrowed; NULL for no args), or to value itself if it
 * is already an instance of exc. */
void MiniErr_SetObject(MiniObject *exc, MiniObject *value);
/* Sets the indicator to exc with no arguments. */
void MiniErr_SetNone(MiniObject *exc);
/* printf-style message: %s %d %i %u %ld %lu %lld %llu %zd %zu %x %c %p %% with optional
 * precision (%.200s); %R repr(obj), %S str(obj), %U a str object, %T type name of obj. Returns
 * NULL so it can be used as "return MiniErr_Format(...)". */
MiniObject *MiniErr_Format(MiniObject *exc, const char *format, ...);
/* As MiniErr_Format with a va_list (callable from Swift through withVaList). */
MiniObject *MiniErr_FormatV(MiniObject *exc, const char *format, va_list ap);
/* Sets MemoryError and returns NULL. Does not allocate. */
MiniObject *MiniErr_NoMemory(void);
/* Sets TypeError "bad argument type for built-in operation"; returns 0. */
int MiniErr_BadArgument(void);
/* Sets SystemError naming the caller's bad call. */
void _MiniErr_BadInternalCall(const char *func);
#define MiniErr_BadInternalCall() _MiniErr_BadInternalCall(__func__)

/* The current exception type, borrowed, or NULL when no error is set. Never fails. */
MiniObject *MiniErr_Occurred(void);
/* Clears the indicator (drops its references). */
void MiniErr_Clear(void);
/* Moves the indicator into *type, *value, *traceback (new references, each may be NULL) and
 * clears it. */
void MiniErr_Fetch(MiniObject **type, MiniObject **value, MiniObject **traceback);
/* Sets the indicator from type/value/traceback, stealing the three references (any may be
 * NULL; a NULL type clears). */
void MiniErr_Restore(MiniObject *type, MiniObject *value, MiniObject *traceback);
/* The current exception instance (new reference) and clears the indicator; NULL if none. */
MiniObject *MiniErr_GetRaisedException(void);
/* Sets the indicator to exc (an instance), stealing the reference. */
void MiniErr_SetRaisedException(MiniObject *exc);
/* 1 if the current exception matches exc (a type or a tuple of types), else 0. */
int MiniErr_ExceptionMatches(MiniObject *exc);
/* 1 if given (a type or an instance) matches exc (a type or a tuple of types). */
int MiniErr_GivenExceptionMatches(MiniObject *given, MiniObject *exc);
/* Prints "TypeError: message" (and, when the interpreter attached one, a traceback) to stderr
 * and clears the indicator. */
void MiniErr_Print(void);
/* Writes "Name: message" of the exception instance into buf (always NUL-terminated). */
void MiniErr_FormatExceptionOnly(MiniObject *exc, char *buf, size_t size);
/* Creates a new exception type "module.Name" deriving from base (or Exception if NULL).
 * New reference. */
MiniObject *MiniErr_NewException(const char *name, MiniObject *base, MiniObject *dict);

/* Exception instances. */
MiniObject *MiniException_GetArgs(MiniObject *exc);                    /* new reference */
MiniObject *MiniException_GetTraceback(MiniObject *exc);               /* new reference or NULL */
int MiniException_SetTraceback(MiniObject *exc, MiniObject *tb);       /* tb borrowed */
#define MiniExceptionInstance_Check(op) MiniObject_TypeCheck((op), (MiniTypeObject *)MiniExc_BaseException)
#define MiniExceptionClass_Check(op) (MiniType_Check(op) && \
    MiniType_IsSubtype((MiniTypeObject *)(op), (MiniTypeObject *)MiniExc_BaseException))

/* The built-in exception types (borrowed references to static type objects). They are const
 * pointers (define them as `MiniObject *const MiniExc_X = (MiniObject *)&SomeStaticType;`), which
 * also lets Swift 6 read them without a data-race diagnostic. The hierarchy is
 * CPython's: BaseException > Exception > ArithmeticError > {ZeroDivisionError, OverflowError},
 * LookupError > {IndexError, KeyError}, ... All of CPython's built-in exceptions are here,
 * including the OSError subclasses and the warning categories. KeyError's str() is the repr of
 * the key. */
extern MiniObject *const MiniExc_BaseException;
extern MiniObject *const MiniExc_SystemExit;
extern MiniObject *const MiniExc_KeyboardInterrupt;
extern MiniObject *const MiniExc_GeneratorExit;
extern MiniObject *const MiniExc_Exception;
extern MiniObject *const MiniExc_StopIteration;
extern MiniObject *const MiniExc_StopAsyncIteration;
extern MiniObject *const MiniExc_ArithmeticError;
extern MiniObject *const MiniExc_FloatingPointError;
extern MiniObject *const MiniExc_OverflowError;
extern MiniObject *const MiniExc_ZeroDivisionError;
extern MiniObject *const MiniExc_AssertionError;
extern MiniObject *const MiniExc_AttributeError;
extern MiniObject *const MiniExc_BufferError;
extern MiniObject *const MiniExc_EOFError;
extern MiniObject *const MiniExc_ImportError;
extern MiniObject *const MiniExc_ModuleNotFoundError;
extern MiniObject *const MiniExc_LookupError;
extern MiniObject *const MiniExc_IndexError;
extern MiniObject *const MiniExc_KeyError;
extern MiniObject *const MiniExc_MemoryError;
extern MiniObject *const MiniExc_NameError;
extern MiniObject *const MiniExc_UnboundLocalError;
extern MiniObject *const MiniExc_OSError;
extern MiniObject *const MiniExc_BlockingIOError;
extern MiniObject *const MiniExc_ChildProcessError;
extern MiniObject *const MiniExc_ConnectionError;
extern MiniObject *const MiniExc_BrokenPipeError;
extern MiniObject *const MiniExc_ConnectionAbortedError;
extern MiniObject *const MiniExc_ConnectionRefusedError;
extern MiniObject *const MiniExc_ConnectionResetError;
extern MiniObject *const MiniExc_FileExistsError;
extern MiniObject *const MiniExc_FileNotFoundError;
extern MiniObject *const MiniExc_InterruptedError;
extern MiniObject *const MiniExc_IsADirectoryError;
extern MiniObject *const MiniExc_NotADirectoryError;
extern MiniObject *const MiniExc_PermissionError;
extern MiniObject *const MiniExc_ProcessLookupError;
extern MiniObject *const MiniExc_TimeoutError;
extern MiniObject *const MiniExc_ReferenceError;
/* PEP 654's groups: BaseExceptionGroup(msg, excs) (an ExceptionGroup when every member is an
 * Exception) and ExceptionGroup, a subclass of both BaseExceptionGroup and Exception. Borrowed;
 * MiniExc_ExceptionGroup is NULL until the interpreter has made its builtins (it is a class
 * with two bases, made through the interpreter's class creation); MiniExc_AddBuiltins adds it
 * only once it exists. */
extern MiniObject *const MiniExc_BaseExceptionGroup;
extern MiniObject *MiniExc_ExceptionGroup;
extern MiniObject *const MiniExc_RuntimeError;
extern MiniObject *const MiniExc_NotImplementedError;
extern MiniObject *const MiniExc_RecursionError;
extern MiniObject *const MiniExc_SyntaxError;
extern MiniObject *const MiniExc_IndentationError;
extern MiniObject *const MiniExc_TabError;
extern MiniObject *const MiniExc_SystemError;
extern MiniObject *const MiniExc_TypeError;
extern MiniObject *const MiniExc_ValueError;
extern MiniObject *const MiniExc_UnicodeError;
extern MiniObject *const MiniExc_UnicodeDecodeError;
extern MiniObject *const MiniExc_UnicodeEncodeError;
extern MiniObject *const MiniExc_UnicodeTranslateError;
extern MiniObject *const MiniExc_Warning;
extern MiniObject *const MiniExc_DeprecationWarning;
extern MiniObject *const MiniExc_PendingDeprecationWarning;
extern MiniObject *const MiniExc_RuntimeWarning;
extern MiniObject *const MiniExc_SyntaxWarning;
extern MiniObject *const MiniExc_UserWarning;
extern MiniObject *const MiniExc_FutureWarning;
extern MiniObject *const MiniExc_ImportWarning;
extern MiniObject *const MiniExc_UnicodeWarning;
extern MiniObject *const MiniExc_BytesWarning;
extern MiniObject *const MiniExc_ResourceWarning;
extern MiniObject *const MiniExc_EncodingWarning;

/* Adds every built-in exception type (and the aliases EnvironmentError, IOError) to dict under
 * its name, as the builtins module has them. 0 / -1. */
int MiniExc_AddBuiltins(MiniObject *dict);

MINI_END_DECLS
#endif /* MINI_ERRORS_H */
