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

#endif
