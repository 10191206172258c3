/* mini/critical_section.h: per-object critical sections (as CPython 3.13's
 * Include/cpython/critical_section.h). In the free-threaded mode they are what keeps a list, a
 * dict or a set consistent when several threads use it at once; under the GIL they cost one
 * predictable branch and take no lock. The design (why sections are suspended, why they cannot
 * deadlock the way nested locks can) is the essay at the top of CShims/Python/critical_section.c.
 *
 * Usage (the braces are in the macros: BEGIN and END must be in the same block, and the code
 * between them must not `return`, `goto` out or `break` out; compute a result and leave):
 *
 *     Mini_BEGIN_CRITICAL_SECTION(list);
 *     n = Mini_SIZE(list);                     // nobody else mutates list in here
 *     Mini_END_CRITICAL_SECTION();
 *
 *     Mini_BEGIN_CRITICAL_SECTION2(list, other);   // both, locked in address order
 *     ...
 *     Mini_END_CRITICAL_SECTION2();
 *
 * Contract, for every macro and function here: the caller must be attached (hold the GIL, or in
 * the free-threaded mode have a current thread state). A section only protects against other
 * threads' sections on the same object: whoever reads or writes the object's state must take it.
 * A section is released for a while whenever its thread detaches (MiniEval_SaveThread,
 * BEGIN_ALLOW_THREADS, a blocking call, waiting for a MiniMutex, waiting for another section's
 * lock), and taken back before the thread runs again, so code inside a section must not assume
 * the object is unchanged across anything that may block or call back into Python (exactly the
 * assumption code under the GIL could not make either).
 */
#ifndef MINI_CRITICAL_SECTION_H
#define MINI_CRITICAL_SECTION_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS

/* One entry of the calling thread's stack of sections. Lives on the C stack between BEGIN and
 * END; the fields are private. _cs_prev is the enclosing section, tagged in its low bits. */
typedef struct MiniCriticalSection {
    uintptr_t _cs_prev;
    MiniMutex *_cs_mutex;      /* NULL: nothing to unlock at END (GIL mode, or nested on the same lock) */
} MiniCriticalSection;

/* A section over two objects' locks. */
typedef struct MiniCriticalSection2 {
    MiniCriticalSection _cs_base;
    MiniMutex *_cs_mutex2;     /* NULL when both objects are the same (one lock) */
} MiniCriticalSection2;

/* Non-zero while sections take locks: set when the runtime starts free-threaded (and cleared if
 * the GIL is re-enabled). Read by the macros; never write it. */
extern int _Mini_CriticalSectionsOn;

/* Begins a section on op's lock: waits for it (suspending the caller's other sections while it
 * waits, see the essay), pushes c on the calling thread's stack. If op's lock is the one the
 * innermost active section already holds, takes nothing and leaves c->_cs_mutex NULL. Takes the
 * lock whatever the mode; the macros call it only in the free-threaded mode. Never fails. */
void MiniCriticalSection_Begin(MiniCriticalSection *c, MiniObject *op);
/* The same on any MiniMutex (C data of your own that must nest with object sections). */
void MiniCriticalSection_BeginMutex(MiniCriticalSection *c, MiniMutex *m);
/* Ends c, the calling thread's innermost section: unlocks its lock (if c->_cs_mutex is set) and
 * pops it; if the enclosing section was suspended, takes its lock back (may wait). */
void MiniCriticalSection_End(MiniCriticalSection *c);
/* Begins a section on both a's and b's locks, taken in address order (so two threads locking the
 * same pair in opposite argument order cannot deadlock); a == b takes one lock. */
void MiniCriticalSection2_Begin(MiniCriticalSection2 *c, MiniObject *a, MiniObject *b);
void MiniCriticalSection2_BeginMutex(MiniCriticalSection2 *c, MiniMutex *m1, MiniMutex *m2);
/* Ends a two-lock section (both locks unlocked, enclosing section resumed as in _End). */
void MiniCriticalSection2_End(MiniCriticalSection2 *c);

/* 1 if the calling thread may touch op's state now: in GIL mode, if it holds the GIL; in the
 * free-threaded mode, if one of its active (not suspended) sections holds op's lock. For
 * assertions (Mini_CRITICAL_SECTION_ASSERT_HELD); walks the thread's section stack. */
int MiniCriticalSection_IsHeld(MiniObject *op);

#define Mini_BEGIN_CRITICAL_SECTION(op) {                                              \
        MiniCriticalSection _mini_cs;                                                  \
        _mini_cs._cs_mutex = NULL;                                                     \
        if (MINI_UNLIKELY(_Mini_CriticalSectionsOn))                                   \
            MiniCriticalSection_Begin(&_mini_cs, _MiniObject_CAST(op));

#define Mini_END_CRITICAL_SECTION()                                                    \
        if (MINI_UNLIKELY(_mini_cs._cs_mutex != NULL))                                 \
            MiniCriticalSection_End(&_mini_cs);                                        \
    }

#define Mini_BEGIN_CRITICAL_SECTION2(a, b) {                                           \
        MiniCriticalSection2 _mini_cs2;                                                \
        _mini_cs2._cs_base._cs_mutex = NULL;                                           \
        if (MINI_UNLIKELY(_Mini_CriticalSectionsOn))                                   \
            MiniCriticalSection2_Begin(&_mini_cs2, _MiniObject_CAST(a), _MiniObject_CAST(b));

#define Mini_END_CRITICAL_SECTION2()                                                   \
        if (MINI_UNLIKELY(_mini_cs2._cs_base._cs_mutex != NULL))                       \
            MiniCriticalSection2_End(&_mini_cs2);                                      \
    }

/* In checked mode (mini/refdebug.h), dies with "<func>: <type> object accessed without its
 * critical section" unless MiniCriticalSection_IsHeld(op). One predictable branch otherwise. */
void _Mini_CheckCriticalSection(MiniObject *op, const char *func);
#define Mini_CRITICAL_SECTION_ASSERT_HELD(op, func) do {                               \
        if (MINI_UNLIKELY(_Mini_CheckedMode && _Mini_CriticalSectionsOn))              \
            _Mini_CheckCriticalSection(_MiniObject_CAST(op), func);                    \
    } while (0)

MINI_END_DECLS

#endif /* MINI_CRITICAL_SECTION_H */
