/* internal/critical_section_internal.h: the runtime's side of critical sections: the hooks the
 * GIL code calls when a thread detaches and re-attaches, the switch the runtime flips when it
 * starts free-threaded, and the tag bits of MiniThreadState.critical_section.
 * Python/critical_section.c explains the design. */
#ifndef MINI_CRITICAL_SECTION_INTERNAL_H
#define MINI_CRITICAL_SECTION_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "critical_section_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"
#include "tstate_internal.h"

/* Tag bits in the low bits of MiniThreadState.critical_section and MiniCriticalSection._cs_prev
 * (sections are pointer-aligned, so these bits are free). */
#define MINI_CS_INACTIVE 0x1u    /* the section is suspended: its locks are not held */
#define MINI_CS_TWO      0x2u    /* the section is a MiniCriticalSection2 */
#define MINI_CS_TAGS     0x3u

/* Turns the macros' locking on (the runtime starts free-threaded) or off (GIL mode, the default,
 * or the GIL re-enabled). Flip it only while no other thread runs Python code (at start-up or in
 * a stopped world): sections already open stay consistent either way, since END unlocks exactly
 * what BEGIN locked. */
void _MiniCriticalSection_SetEnabled(int on);

/* Detach hook (_MiniGIL_Drop): unlocks every active section of t, innermost first, and marks
 * them suspended. Call only when t->critical_section != 0. */
void _MiniCriticalSection_SuspendAll(MiniThreadState *t);
/* Attach hook (_MiniGIL_Take, after t is current): if t's innermost section is suspended, takes
 * its locks back (may park, detaching and re-attaching). Call only when t->critical_section != 0. */
void _MiniCriticalSection_Resume(MiniThreadState *t);

#endif
