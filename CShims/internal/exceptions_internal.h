/* internal/exceptions_internal.h: what errors.c needs from exceptions.c. */
#ifndef MINI_EXCEPTIONS_INTERNAL_H
#define MINI_EXCEPTIONS_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "exceptions_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

/* The MemoryError instance MiniErr_NoMemory raises (allocated at start-up, so raising it never
 * allocates). Borrowed; NULL before _MiniExceptions_Init. */
extern MiniObject *_Mini_MemoryErrorInstance;
/* Creates an instance of the exception type with the given args tuple (borrowed; NULL means ()),
 * calling the type when its construction was customised. New reference or NULL. */
MiniObject *_MiniException_Create(MiniTypeObject *type, MiniObject *args);

/* When the pending exception is an ImportError without a name, sets its `name` to name (a str,
 * borrowed): what `except ImportError as e: e.name` reads. Never fails; requires the GIL. */
void _MiniErr_SetImportErrorName(MiniObject *name);

/* The OSError subclass CPython 3.11 picks for errno err (FileNotFoundError for ENOENT, ...;
 * OSError itself for the others). Borrowed; never fails. */
MiniObject *_MiniExc_OSErrorClass(int err);

/* ----- exception groups (exceptiongroup.c) ----- */
/* 1 if op is a BaseExceptionGroup (or subclass) instance. */
int _MiniExcGroup_Check(MiniObject *op);
/* Readies BaseExceptionGroup (called by _MiniExceptions_Init). 0 / -1. */
int _MiniExcGroup_Init(void);
/* Makes ExceptionGroup (MiniExc_ExceptionGroup) if it is not made yet, through type() with two
 * bases: the interpreter calls it when it builds its builtins (its class creation hook must be
 * in place; the C fallback of type() takes one base). 0 / -1 with an exception. */
int _MiniExcGroup_MakeExceptionGroup(void);
/* Drops ExceptionGroup at shutdown (_MiniExceptions_Fini). */
void _MiniExcGroup_Fini(void);
/* One except* clause: the part of exc (borrowed) that matches type (borrowed, already checked
 * to be an exception class or a tuple of them) is returned (new reference; None when nothing
 * matches; a matching bare exception comes back wrapped in ExceptionGroup('', [exc])), and the
 * rest, new reference or NULL when all matched, in *rest. NULL with an exception on failure. */
MiniObject *_MiniExcGroup_Match(MiniObject *exc, MiniObject *type, MiniObject **rest);
/* After the last except* clause: what to raise, given the exception originally caught (orig,
 * borrowed) and excs (a list, borrowed) of what each handler raised plus the unmatched rest
 * (None entries for nothing). Parts of orig re-raised unchanged are rebuilt in orig's shape; new
 * exceptions are grouped with them in ExceptionGroup('', [...]). New reference: None when there
 * is nothing to raise; NULL with an exception on failure. */
MiniObject *_MiniExcGroup_PrepReraise(MiniObject *orig, MiniObject *excs);

#endif
