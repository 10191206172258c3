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

/* ----- the runtime's own sections, inline -------------------------------------------------------
 * Inside the runtime (MINI_BUILD_CORE code that includes this header) Mini_BEGIN/END_CRITICAL_SECTION
 * inline the common case of MiniCriticalSection_Begin/End: an attached thread, the object's lock
 * free (one compare-and-swap), pushed on the thread's stack; at END the section is the innermost
 * and the enclosing one is not suspended (one compare-and-swap, one store). Anything else (a
 * contended or nested lock, a suspended enclosing section, no thread state) calls the
 * out-of-line functions, which do exactly what they did before. The free-threaded list and dict
 * reads run through here on every access (ft-speed); GIL mode still tests only the switch. */
MINI_INLINE void _MiniCS_Begin(MiniCriticalSection *c, MiniObject *op) {
    MiniThreadState *t = _Mini_tstate_current;
    MiniMutex *m = (MiniMutex *)&op->ob_mutex;
    if (MINI_LIKELY(t != NULL) && MINI_LIKELY(MiniMutex_TryLock(m))) {
        c->_cs_mutex = m;
        c->_cs_prev = t->critical_section;
        t->critical_section = (uintptr_t)c;
        return;
    }
    MiniCriticalSection_Begin(c, op);
}

MINI_INLINE void _MiniCS_End(MiniCriticalSection *c) {
    MiniThreadState *t = _Mini_tstate_current;
    uintptr_t prev = c->_cs_prev;
    if (MINI_LIKELY(t != NULL && t->critical_section == (uintptr_t)c && !(prev & MINI_CS_INACTIVE))) {
        MiniMutex_Unlock(c->_cs_mutex);
        t->critical_section = prev;
        return;
    }
    MiniCriticalSection_End(c);
}

#undef Mini_BEGIN_CRITICAL_SECTION
#undef Mini_END_CRITICAL_SECTION
#define Mini_BEGIN_CRITICAL_SECTION(op) {                                              \
        MiniCriticalSection _mini_cs;                                                  \
        _mini_cs._cs_mutex = NULL;                                                     \
        if (MINI_UNLIKELY(_Mini_CriticalSectionsOn))                                   \
            _MiniCS_Begin(&_mini_cs, _MiniObject_CAST(op));

#define Mini_END_CRITICAL_SECTION()                                                    \
        if (MINI_UNLIKELY(_mini_cs._cs_mutex != NULL))                                 \
            _MiniCS_End(&_mini_cs);                                                    \
    }

#endif
