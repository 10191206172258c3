/* internal/objtrace_internal.h: checked mode's object provenance (Python/objtrace.c): what a freed
 * block was and what freed it, and with EXTDEMO_CHECK_TRACE=1 the C backtraces of allocations
 * and frees for the leak report. Called by object.c, refdebug.c and call.c, with the GIL held. */
#ifndef MINI_OBJTRACE_INTERNAL_H
#define MINI_OBJTRACE_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "objtrace_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

/* 1 when EXTDEMO_CHECK_TRACE=1: allocation and free backtraces are recorded. */
extern int _Mini_ObjTraceOn;
/* Reads EXTDEMO_CHECK_TRACE (Mini_Initialize); turns checked mode on with it. */
void _MiniObjTrace_Init(void);
/* Checked mode: op's block is being freed; remembers its type name and freed_by (a code address
 * in the function that called MiniObject_Free), and with tracing the backtrace. */
void _MiniObjTrace_Freed(MiniObject *op, const char *type_name, void *freed_by);
/* Writes "a 'T' object, freed by F[; its last DECREF ...]" for a recently freed block; 0 when
 * the block is not remembered. */
int _MiniObjTrace_DescribeFreed(const void *block, char *out, size_t size);
/* Tracing: an object was allocated / freed. */
void _MiniObjTrace_Allocated(MiniObject *op);
void _MiniObjTrace_Released(MiniObject *op);

#endif
