/* Python/critical_section.c: per-object critical sections (mini/critical_section.h), the way
 * PEP 703 and CPython 3.13t protect built-in objects without a global lock.
 *
 * Why not just a lock per object
 * ------------------------------
 * Under the GIL a list method may assume nobody else touches the list while it runs, except
 * across the points where it calls back into Python (an __eq__, a __hash__, a __del__) or
 * blocks, where the GIL may change hands. Without the GIL, the obvious replacement is a mutex per
 * object, held for the duration of each method. Plain nested mutexes deadlock, though: list.extend
 * holds list A and reads B while another thread's extend holds B and reads A; a dict's __eq__
 * callback locks a list that the other thread holds while it waits for the dict. CPython does not
 * fix this with a global lock order (impossible: the nesting follows user code) but by making a
 * critical section weaker than a mutex: it is held only while its thread runs without blocking.
 *
 * The rule
 * --------
 * Each thread keeps a stack of its sections (MiniThreadState.critical_section points at the
 * innermost; each section points at the one it nests in). Whenever the thread detaches from the
 * runtime (it releases the GIL in GIL mode or stops running Python in the free-threaded mode:
 * BEGIN_ALLOW_THREADS, a blocking call, waiting for a MiniMutex) it *suspends* its sections: it
 * unlocks every active one, innermost first, and marks it inactive. When it re-attaches it takes
 * back only the innermost section's locks; the outer ones stay suspended until the inner one ends
 * and they become innermost again. Waiting for a section's own lock is itself a detach, so a
 * thread never waits for a lock while holding another one (except the lower lock of a two-lock
 * section while it waits for the higher one; locks of one section are taken in address order, so
 * those waits cannot form a cycle). No cycle of waiting threads can form: no deadlock, whatever
 * the nesting.
 *
 * The price is the same one the GIL always charged: a section protects the object only between
 * points where the thread may block or call arbitrary code. Code that was correct under the GIL
 * (which could switch threads at exactly those points) stays correct inside sections; code that
 * must hold an object across a blocking call cannot rely on a section for it.
 *
 * The pieces
 * ----------
 * - Begin: one MiniMutex_TryLock on the fast path, then push. If the lock is busy and it is the
 *   one the innermost active section already holds (a method calling a method of the same object),
 *   take nothing: c->_cs_mutex stays NULL and END does nothing. If one of the thread's own outer
 *   sections holds it, suspend them first (waiting for our own lock would only spin). Otherwise
 *   push c with no lock yet and MiniMutex_Lock: if that parks, the detach suspends the outer
 *   sections, and the re-attach "resumes" c, which has nothing to take back yet.
 * - Two objects (list.extend(other), dict.update, set operations): both locks in address order;
 *   the same object twice is one lock.
 * - End: unlock, pop; if the enclosing section is suspended, resume it (take its locks back,
 *   which may wait).
 * - GIL mode: the macros test _Mini_CriticalSectionsOn, clear in GIL mode, and take no lock, so a
 *   section costs a predictable branch, a store and a load. The runtime sets the switch when it
 *   starts free-threaded (_MiniCriticalSection_SetEnabled); sections already open stay balanced
 *   if it flips, since END unlocks exactly what BEGIN locked.
 *
 * Which lock: an object's lock is the byte MiniObject.ob_mutex (MiniMutex, Python/lock.c).
 */
#include "critical_section_internal.h"
#include "gil_internal.h"

#include <stdio.h>

int _Mini_CriticalSectionsOn;

/* The lock guarding op: the byte MiniObject.ob_mutex. */
static inline MiniMutex *object_mutex(MiniObject *op) {
    return (MiniMutex *)&op->ob_mutex;
}

static inline MiniCriticalSection *untag(uintptr_t p) {
    return (MiniCriticalSection *)(p & ~(uintptr_t)MINI_CS_TAGS);
}

static MiniThreadState *attached_thread(const char *func) {
    MiniThreadState *t = _Mini_tstate_current;
    if (MINI_UNLIKELY(t == NULL))
        Mini_FatalError(func, "a critical section needs an attached thread (the GIL held, or a "
                              "current thread state in the free-threaded mode)");
    return t;
}

void _MiniCriticalSection_SetEnabled(int on) {
    __atomic_store_n(&_Mini_CriticalSectionsOn, on ? 1 : 0, __ATOMIC_SEQ_CST);
    /* Hook (convoy, issue 12): the GIL's take and release run the suspend/resume hooks only while
     * a bit of their one flag word says sections may be open (see gil_internal.h). */
    if (on) __atomic_fetch_or(&_Mini_gilrec_flag.on, MINI_GILFLAG_SECTIONS, __ATOMIC_SEQ_CST);
    else __atomic_fetch_and(&_Mini_gilrec_flag.on, ~MINI_GILFLAG_SECTIONS, __ATOMIC_SEQ_CST);
}

/* 1 if one of t's active sections holds m. */
static int held_by_active_section(MiniThreadState *t, MiniMutex *m) {
    uintptr_t p = t->critical_section;
    while (p != 0 && !(p & MINI_CS_INACTIVE)) {
        MiniCriticalSection *c = untag(p);
        if (c->_cs_mutex == m) return 1;
        if ((p & MINI_CS_TWO) && ((MiniCriticalSection2 *)c)->_cs_mutex2 == m) return 1;
        p = c->_cs_prev;
    }
    return 0;
}

static inline void push(MiniThreadState *t, MiniCriticalSection *c, uintptr_t tag) {
    c->_cs_prev = t->critical_section;
    t->critical_section = (uintptr_t)c | tag;
}

/* ----- suspend / resume (the detach and attach hooks) ------------------------------------------ */

void _MiniCriticalSection_SuspendAll(MiniThreadState *t) {
    uintptr_t *link = &t->critical_section;
    while (*link != 0 && !(*link & MINI_CS_INACTIVE)) {
        MiniCriticalSection *c = untag(*link);
        if (*link & MINI_CS_TWO) {
            MiniCriticalSection2 *c2 = (MiniCriticalSection2 *)c;
            if (c2->_cs_mutex2 != NULL) MiniMutex_Unlock(c2->_cs_mutex2);
        }
        if (c->_cs_mutex != NULL) MiniMutex_Unlock(c->_cs_mutex);
        *link |= MINI_CS_INACTIVE;
        link = &c->_cs_prev;
    }
}

void _MiniCriticalSection_Resume(MiniThreadState *t) {
    uintptr_t p = t->critical_section;
    if (!(p & MINI_CS_INACTIVE)) return;
    MiniCriticalSection *c = untag(p);
    /* Take the pointers out while locking: if a lock parks, the detach/attach inside it sees a
     * section with nothing to unlock or retake (and clears the tag), then we finish here. */
    MiniMutex *m1 = c->_cs_mutex, *m2 = NULL;
    c->_cs_mutex = NULL;
    MiniCriticalSection2 *c2 = (p & MINI_CS_TWO) ? (MiniCriticalSection2 *)c : NULL;
    if (c2 != NULL) { m2 = c2->_cs_mutex2; c2->_cs_mutex2 = NULL; }
    if (m1 != NULL) MiniMutex_Lock(m1);
    if (m2 != NULL) MiniMutex_Lock(m2);
    c->_cs_mutex = m1;
    if (c2 != NULL) c2->_cs_mutex2 = m2;
    t->critical_section &= ~(uintptr_t)MINI_CS_INACTIVE;
}

/* ----- one lock -------------------------------------------------------------------------------- */

static void begin_slow(MiniThreadState *t, MiniCriticalSection *c, MiniMutex *m) {
    uintptr_t top = t->critical_section;
    if (top != 0 && !(top & MINI_CS_INACTIVE)) {
        MiniCriticalSection *tc = untag(top);
        if (tc->_cs_mutex == m ||
            ((top & MINI_CS_TWO) && ((MiniCriticalSection2 *)tc)->_cs_mutex2 == m)) {
            c->_cs_mutex = NULL;   /* nested on the innermost section's own lock: nothing to do */
            c->_cs_prev = 0;
            return;
        }
    }
    if (held_by_active_section(t, m)) _MiniCriticalSection_SuspendAll(t);
    c->_cs_mutex = NULL;
    push(t, c, 0);
    MiniMutex_Lock(m);
    c->_cs_mutex = m;
}

void MiniCriticalSection_BeginMutex(MiniCriticalSection *c, MiniMutex *m) {
    MiniThreadState *t = attached_thread("MiniCriticalSection_Begin");
    if (MINI_LIKELY(MiniMutex_TryLock(m))) {
        c->_cs_mutex = m;
        push(t, c, 0);
        return;
    }
    begin_slow(t, c, m);
}

void MiniCriticalSection_Begin(MiniCriticalSection *c, MiniObject *op) {
    MiniCriticalSection_BeginMutex(c, object_mutex(op));
}

static void pop(MiniThreadState *t, MiniCriticalSection *c, const char *func) {
    if (MINI_UNLIKELY(untag(t->critical_section) != c))
        Mini_FatalError(func, "critical sections ended out of order (END does not match the "
                              "innermost BEGIN of this thread)");
    uintptr_t prev = c->_cs_prev;
    t->critical_section = prev;
    if (prev & MINI_CS_INACTIVE) _MiniCriticalSection_Resume(t);
}

void MiniCriticalSection_End(MiniCriticalSection *c) {
    MiniThreadState *t = attached_thread("MiniCriticalSection_End");
    if (c->_cs_mutex == NULL) return;   /* nested on the same lock: nothing was pushed */
    MiniMutex_Unlock(c->_cs_mutex);
    pop(t, c, "MiniCriticalSection_End");
}

/* ----- two locks ------------------------------------------------------------------------------- */

static void begin2_slow(MiniThreadState *t, MiniCriticalSection2 *c, MiniMutex *m1, MiniMutex *m2,
                        int m1_locked) {
    if (!m1_locked && (held_by_active_section(t, m1) || held_by_active_section(t, m2)))
        _MiniCriticalSection_SuspendAll(t);
    c->_cs_base._cs_mutex = NULL;
    c->_cs_mutex2 = NULL;
    push(t, &c->_cs_base, MINI_CS_TWO);
    if (!m1_locked) MiniMutex_Lock(m1);
    MiniMutex_Lock(m2);
    c->_cs_base._cs_mutex = m1;
    c->_cs_mutex2 = m2;
}

void MiniCriticalSection2_BeginMutex(MiniCriticalSection2 *c, MiniMutex *m1, MiniMutex *m2) {
    if (m1 == m2) {
        c->_cs_mutex2 = NULL;
        MiniCriticalSection_BeginMutex(&c->_cs_base, m1);
        return;
    }
    if ((uintptr_t)m2 < (uintptr_t)m1) { MiniMutex *x = m1; m1 = m2; m2 = x; }
    MiniThreadState *t = attached_thread("MiniCriticalSection2_Begin");
    if (MINI_LIKELY(MiniMutex_TryLock(m1))) {
        if (MINI_LIKELY(MiniMutex_TryLock(m2))) {
            c->_cs_base._cs_mutex = m1;
            c->_cs_mutex2 = m2;
            push(t, &c->_cs_base, MINI_CS_TWO);
            return;
        }
        /* m2 busy. If one of our own sections holds it, waiting while holding m1 would only
         * wait for ourselves: let m1 go and take the long way. */
        if (held_by_active_section(t, m2)) {
            MiniMutex_Unlock(m1);
            begin2_slow(t, c, m1, m2, 0);
            return;
        }
        begin2_slow(t, c, m1, m2, 1);
        return;
    }
    begin2_slow(t, c, m1, m2, 0);
}

void MiniCriticalSection2_Begin(MiniCriticalSection2 *c, MiniObject *a, MiniObject *b) {
    MiniCriticalSection2_BeginMutex(c, object_mutex(a), object_mutex(b));
}

void MiniCriticalSection2_End(MiniCriticalSection2 *c) {
    MiniThreadState *t = attached_thread("MiniCriticalSection2_End");
    if (c->_cs_base._cs_mutex == NULL) return;
    if (c->_cs_mutex2 == NULL) {   /* one lock (same object twice): pushed as a plain section */
        MiniCriticalSection_End(&c->_cs_base);
        return;
    }
    MiniMutex_Unlock(c->_cs_mutex2);
    MiniMutex_Unlock(c->_cs_base._cs_mutex);
    pop(t, &c->_cs_base, "MiniCriticalSection2_End");
}

/* ----- assertions ------------------------------------------------------------------------------ */

int MiniCriticalSection_IsHeld(MiniObject *op) {
    MiniThreadState *t = _Mini_tstate_current;
    if (t == NULL) return 0;
    if (!__atomic_load_n(&_Mini_CriticalSectionsOn, __ATOMIC_RELAXED)) return 1;  /* the GIL guards */
    return held_by_active_section(t, object_mutex(op));
}

void _Mini_CheckCriticalSection(MiniObject *op, const char *func) {
    if (!MiniCriticalSection_IsHeld(op))
        Mini_FatalErrorFormat(func, "%s object accessed without its critical section",
                              Mini_TYPE(op)->tp_name);
}
