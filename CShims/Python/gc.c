/* Python/gc.c: the cycle collector.
 *
 * Why it exists. Reference counting frees an object the moment its last reference goes, which
 * is cheap and prompt, but a group of objects that refer to each other keeps every count above
 * zero forever: `l = []; l.append(l)`, an instance whose __dict__ holds a bound method of
 * itself, a generator whose frame holds the generator, an exception whose traceback holds the
 * frame that holds the exception. This file finds such groups and frees them, as CPython's
 * Modules/gcmodule.c does; the algorithm is CPython's, the code is the kit's own.
 *
 * Which objects it sees. Only containers: objects whose type has MINI_TPFLAGS_HAVE_GC
 * (mini/objimpl.h) carry a 32-byte header in front of them (MiniGCHead, gc_internal.h), so that
 * MiniObject's own layout is unchanged and objects that cannot form cycles (ints, floats, str)
 * pay nothing. The header links the object into one of three generation lists and holds, during
 * a collection, a working copy of its reference count ("gc_refs") and three flag bits; its
 * last word is the object's list of weak references (weakrefobject.c). MiniObject_New tracks
 * a GC object as soon as it is allocated; the runtime untracks it before its tp_dealloc runs
 * (object.c's run_dealloc), so no extension has to remember to.
 *
 * Finding garbage. For the set of objects being collected (a generation and the younger ones):
 *   1. update_refs: gc_refs = the reference count, and mark the object COLLECTING;
 *   2. subtract_refs: traverse every object and, for each reference it holds to another object
 *      of the set, decrement that object's gc_refs. What is left is the number of references
 *      from outside the set: from untracked objects, C variables, the eval loop's stacks, other
 *      generations;
 *   3. move_unreachable: objects with gc_refs > 0 are reachable, and so is everything reachable
 *      from them. One pass over the list: an object with gc_refs > 0 is traversed and marks what
 *      it reaches (gc_refs = 1; if that object had already been moved to the tentatively
 *      unreachable list it comes back to the end of the list being scanned, so it will be
 *      traversed too); an object with gc_refs == 0 moves to the unreachable list, tentatively.
 *      At the end of the pass what remains in the list is reachable and moves to the next older
 *      generation; the unreachable list is garbage. Each survivor drops its working flags and is
 *      counted as it is scanned, so a collection walks its lists three times, not five: with a
 *      large generation every walk is a cache miss per object.
 * Nothing in steps 1-3 runs Python code or changes a reference count, so the sets cannot change
 * under the algorithm.
 *
 * Freeing garbage, in CPython 3.11's order:
 *   4. weak references to garbage are cleared, all of them before any callback runs; a callback
 *      runs only if its weakref object is itself reachable (a callback that is garbage too would
 *      see a half-destroyed world). Callbacks cannot reach the garbage: everything a reachable
 *      callback refers to is reachable;
 *   5. finalizers (tp_finalize: a Python class's __del__) run once per object in its lifetime
 *      (PEP 442: the FINALIZED flag survives resurrection), with the object still intact;
 *   6. a finalizer may resurrect garbage (store self in a global). So after finalizers ran the
 *      unreachable set is checked again (steps 1-2 within the set): if anything has a reference
 *      from outside, the whole set is treated as reachable and moves to the older generation;
 *      a later collection finds whatever is garbage then (and does not finalize it twice);
 *   7. tp_clear is called on each object in turn (with a reference held across the call), which
 *      drops the references inside the cycle; reference counting then frees the lot, through the
 *      ordinary tp_dealloc and the trashcan (object.c), so deep structures stay safe.
 * Nothing is "uncollectable": every type's finalizer is tp_finalize, so gc.garbage only fills up
 * under DEBUG_SAVEALL.
 *
 * When it runs. Each allocation of a GC object counts in generation 0 (each free uncounts).
 * When the count passes threshold 0 (700, as CPython), a collection is *scheduled*: a bit in the
 * eval breaker (gil_internal.h), so it runs at the eval loop's next check point, on whichever
 * thread holds the GIL there, and never in the middle of a C function that is building an
 * object (CPython 3.12 made the same move). A collection of generation 0 increments generation
 * 1's count; when that passes threshold 1 (10) generation 1 is collected with 0, and so on up to
 * generation 2, which is only collected when the objects waiting to be examined for the first
 * time in it are more than a quarter of those already there (CPython's long-lived heuristic:
 * full collections stay linear overall). gc.collect() runs a collection at once. gc.freeze()
 * moves everything into a permanent generation that is never examined.
 *
 * Cost. In GIL mode, allocating a GC object links it and counts it inline (gc_internal.h: three
 * stores, an increment and one compare with _MiniGC_YoungLimit, which folds "enabled" and the
 * threshold into one number), and freeing one unlinks and uncounts it inline in one step. A
 * finished generator is marked MINI_GC_NO_FINALIZE, so its deallocation skips the PEP 442 path.
 *
 * Threads. In GIL mode everything here runs with the GIL held, like every reference count change.
 * In free-threaded mode (issue 13) threads allocate and free GC objects concurrently: every change
 * to a generation list takes a recursive lock (the out-of-line *Locked forms of the inline
 * steps), and a collection, scheduled or gc.collect(), stops the world (ft-core's
 * MiniFT_StopTheWorld) while it computes gc_refs, finds the unreachable set and clears the weak
 * references to it (so no thread can take a strong reference to garbage through one), then
 * restarts it before weakref callbacks and finalizers run (they may need the other threads, e.g.
 * to take a lock), stops it again for the resurrection check (it reads reference counts) and
 * restarts it for tp_clear. Objects waiting in a biased-refcount merge queue (brc.c) or for a
 * delayed drop (qsbr.c) still count that reference, so they look reachable: never freed early.
 * Only one collection runs at a time (an atomic flag: a thread that finds one running returns 0
 * at once; every thread that sees the scheduled bit comes here, only one collects). */
#include "mini.h"
#include "gc_internal.h"
#include "gil_internal.h"
#include "object_internal.h"
#include "ftmode_internal.h"

#include <pthread.h>

#include <stdio.h>
#include <string.h>

#define NUM_GENERATIONS MINI_GC_NUM_GENERATIONS

/* gc_internal.h declares them: allocation and deallocation link and count inline. */
MiniGCGeneration _MiniGC_Gens[NUM_GENERATIONS] = {
    { { &_MiniGC_Gens[0].head, &_MiniGC_Gens[0].head, 0, NULL }, 700, 0 },
    { { &_MiniGC_Gens[1].head, &_MiniGC_Gens[1].head, 0, NULL }, 10, 0 },
    { { &_MiniGC_Gens[2].head, &_MiniGC_Gens[2].head, 0, NULL }, 10, 0 },
};
#define gens _MiniGC_Gens
Mini_ssize_t _MiniGC_YoungLimit = 700;
static MiniGCHead permanent = { &permanent, &permanent, 0, NULL };

static int enabled = 1;
static int collecting;
static int scheduled;
static Mini_ssize_t long_lived_total, long_lived_pending;
static Mini_ssize_t stat_collections[NUM_GENERATIONS], stat_collected[NUM_GENERATIONS];
static MiniObject *garbage;
int _MiniGC_Debug;
void (*_MiniGC_CallbacksHook)(const char *phase, int generation, Mini_ssize_t collected,
                              Mini_ssize_t uncollectable);

/* ----- the lists -------------------------------------------------------------------------------- */

/* In GIL mode the GIL guards the lists. In free-threaded mode threads allocate and free GC objects
 * at the same time, so every change to a generation list takes this (recursive) lock; a
 * collection holds it, with the world stopped, while it examines the lists. */
static pthread_mutex_t lists_lock;
static pthread_once_t lists_lock_once = PTHREAD_ONCE_INIT;

static void init_lists_lock(void) {
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&lists_lock, &a);
    pthread_mutexattr_destroy(&a);
}

static void lock_lists(void) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) {
        pthread_once(&lists_lock_once, init_lists_lock);
        pthread_mutex_lock(&lists_lock);
    }
}

static void unlock_lists(void) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) pthread_mutex_unlock(&lists_lock);
}

static void list_init(MiniGCHead *h) { h->gc_next = h->gc_prev = h; }
static int list_is_empty(MiniGCHead *h) { return h->gc_next == h; }

static void list_append(MiniGCHead *g, MiniGCHead *list) { _MiniGC_Append(g, list); }
static void list_unlink(MiniGCHead *g) { _MiniGC_Unlink(g); }

static void list_move(MiniGCHead *g, MiniGCHead *to) {
    list_unlink(g);
    list_append(g, to);
}

/* Appends every element of from to to; from is left empty. */
static void list_merge(MiniGCHead *from, MiniGCHead *to) {
    if (!list_is_empty(from)) {
        MiniGCHead *tail = to->gc_prev;
        tail->gc_next = from->gc_next;
        from->gc_next->gc_prev = tail;
        to->gc_prev = from->gc_prev;
        to->gc_prev->gc_next = to;
    }
    list_init(from);
}

static Mini_ssize_t list_size(MiniGCHead *h) {
    Mini_ssize_t n = 0;
    for (MiniGCHead *g = h->gc_next; g != h; g = g->gc_next) n++;
    return n;
}

/* ----- gc_refs and flags -------------------------------------------------------------------------- */

#define FLAG_MASK ((int64_t)((1 << MINI_GC_FLAG_BITS) - 1))
static int64_t get_refs(MiniGCHead *g) { return g->gc_info >> MINI_GC_FLAG_BITS; }
static void set_refs(MiniGCHead *g, int64_t r) { g->gc_info = (g->gc_info & FLAG_MASK) | (r * (1 << MINI_GC_FLAG_BITS)); }
static void clear_work_flags(MiniGCHead *g) { g->gc_info &= MINI_GC_LASTING_FLAGS; }

/* ----- the public face of tracking ------------------------------------------------------------------ */

/* MiniObject_IS_GC inlined for the visitors, which run once per reference examined. */
static inline int is_gc(MiniObject *op) {
    MiniTypeObject *t = op->ob_type;
    return (t->tp_flags & MINI_TPFLAGS_HAVE_GC) && (t->tp_is_gc == NULL || t->tp_is_gc(op));
}

int MiniObject_IS_GC(MiniObject *op) { return is_gc(op); }

/* _MiniGC_YoungLimit follows the threshold and the enabled flag. */
static void update_young_limit(void) {
    _MiniGC_YoungLimit = __atomic_load_n(&enabled, __ATOMIC_RELAXED) && gens[0].threshold > 0 ? gens[0].threshold : MINI_SSIZE_T_MAX;
}

static void schedule_if_due(void) {
    if (gens[0].count > gens[0].threshold && gens[0].threshold > 0 && __atomic_load_n(&enabled, __ATOMIC_RELAXED) && !__atomic_load_n(&collecting, __ATOMIC_RELAXED) && !__atomic_load_n(&scheduled, __ATOMIC_RELAXED)) {
        __atomic_store_n(&scheduled, 1, __ATOMIC_RELAXED);
        __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_GC_SCHEDULED, __ATOMIC_RELAXED);
    }
}

void _MiniGC_YoungDue(void) { schedule_if_due(); }

/* Free-threaded forms of gc_internal.h's inline steps: the same, under the lists' lock. */
void _MiniGC_OnAllocLocked(MiniObject *op, int track) {
    MiniGCHead *g = MINI_AS_GC(op);
    lock_lists();
    if (track) list_append(g, &gens[0].head);
    gens[0].count++;
    schedule_if_due();
    unlock_lists();
}

void _MiniGC_RetrackLocked(MiniObject *op) {
    MiniGCHead *g = MINI_AS_GC(op);
    g->gc_info = 0;
    g->gc_weaklist = NULL;
    lock_lists();
    list_append(g, &gens[0].head);
    unlock_lists();
}

void _MiniGC_OnFreeLocked(MiniObject *op) {
    MiniGCHead *g = MINI_AS_GC(op);
    lock_lists();
    if (g->gc_next != NULL) list_unlink(g);
    if (gens[0].count > 0) gens[0].count--;
    unlock_lists();
}

void _MiniGC_UnTrackRaw(MiniObject *op) {
    MiniGCHead *g = MINI_AS_GC(op);
    lock_lists();
    if (g->gc_next != NULL) list_unlink(g);
    clear_work_flags(g);
    unlock_lists();
}

void MiniObject_GC_Track(MiniObject *op) {
    MINI_CHECK_GIL_OBJECT(op, "MiniObject_GC_Track");
    if (op == NULL || !MiniObject_IS_GC(op)) {
        Mini_FatalErrorFormat("MiniObject_GC_Track", "object of type '%s' is not a GC object",
                              op ? Mini_TYPE(op)->tp_name : "NULL");
    }
    MiniGCHead *g = MINI_AS_GC(op);
    lock_lists();
    if (g->gc_next == NULL) list_append(g, &gens[0].head);
    unlock_lists();
}

void MiniObject_GC_UnTrack(MiniObject *op) {
    MINI_CHECK_GIL_OBJECT(op, "MiniObject_GC_UnTrack");
    if (op != NULL && MiniObject_IS_GC(op)) _MiniGC_UnTrackRaw(op);
}

int MiniObject_GC_IsTracked(MiniObject *op) {
    return op != NULL && MiniObject_IS_GC(op) && MINI_AS_GC(op)->gc_next != NULL;
}

int _MiniGC_DeallocPrologue(MiniObject *op) {
    MiniGCHead *g = MINI_AS_GC(op);
    _MiniGC_UnTrackRaw(op);
    MiniTypeObject *t = Mini_TYPE(op);
    if (_MiniGC_NeedsFinalize(op)) {
        /* PEP 442: run the finalizer once, with the object alive again for its duration. */
        g->gc_info |= MINI_GC_FINALIZED;
        _Mini_NewReference(op);
        MiniObject *saved = MiniErr_GetRaisedException();
        t->tp_finalize(op);
        if (MiniErr_Occurred()) _MiniErr_WriteUnraisable(op);
        MiniErr_SetRaisedException(saved);
        if (!_Mini_ResurrectEnd(op)) {
            /* Resurrected: someone kept a reference. It lives on, tracked again. */
            lock_lists();
            if (g->gc_next == NULL) list_append(g, &gens[0].head);
            unlock_lists();
            return 1;
        }
    }
    if (g->gc_weaklist != NULL) _MiniWeakref_ClearAll(op, 1);
    return 0;
}

/* ----- the algorithm -------------------------------------------------------------------------------- */

/* Step 1. */
static void update_refs(MiniGCHead *young) {
    for (MiniGCHead *g = young->gc_next; g != young; g = g->gc_next) {
        MiniObject *op = MINI_FROM_GC(g);
        clear_work_flags(g);
        g->gc_info |= MINI_GC_COLLECTING;
        set_refs(g, Mini_REFCNT(op));
    }
}

static int visit_decref(MiniObject *child, void *arg) {
    (void)arg;
    if (is_gc(child)) {
        MiniGCHead *cg = MINI_AS_GC(child);
        if (cg->gc_info & MINI_GC_COLLECTING) set_refs(cg, get_refs(cg) - 1);
    }
    return 0;
}

static void traverse(MiniObject *op, Mini_visitproc visit, void *arg) {
    Mini_traverseproc tr = Mini_TYPE(op)->tp_traverse;
    if (tr != NULL) (void)tr(op, visit, arg);
}

/* Step 2. */
static void subtract_refs(MiniGCHead *young) {
    for (MiniGCHead *g = young->gc_next; g != young; g = g->gc_next)
        traverse(MINI_FROM_GC(g), visit_decref, NULL);
}

static int visit_reachable(MiniObject *child, void *arg) {
    MiniGCHead *young = arg;
    if (!is_gc(child)) return 0;
    MiniGCHead *cg = MINI_AS_GC(child);
    if (!(cg->gc_info & MINI_GC_COLLECTING)) return 0;
    if (cg->gc_info & MINI_GC_UNREACHABLE) {
        /* Moved too early: it is reachable after all; scan it again at the end of the list. */
        cg->gc_info &= ~(int64_t)MINI_GC_UNREACHABLE;
        list_move(cg, young);
        set_refs(cg, 1);
    } else if (get_refs(cg) == 0) {
        set_refs(cg, 1);   /* still ahead in the list: it will be scanned as reachable */
    }
    return 0;
}

/* Whether tuple t may be part of a cycle: an item is missing (a tuple being filled) or is a GC
 * object that is not an untracked tuple (CPython's _PyTuple_MaybeUntrack test). */
static int tuple_may_be_in_cycle(MiniObject *t) {
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(t); i++) {
        MiniObject *item = MiniTuple_GET_ITEM(t, i);
        if (item == NULL) return 1;
        if (is_gc(item) && (!MiniTuple_CheckExact(item) || MINI_AS_GC(item)->gc_next != NULL)) return 1;
    }
    return 0;
}

/* Step 3. Returns the number of survivors (left in young, their working flags dropped). */
static Mini_ssize_t move_unreachable(MiniGCHead *young, MiniGCHead *unreachable) {
    Mini_ssize_t survivors = 0;
    MiniGCHead *g = young->gc_next;
    while (g != young) {
        if (get_refs(g) > 0) {
            MiniObject *op = MINI_FROM_GC(g);
            traverse(op, visit_reachable, young);
            /* Done with it: it leaves the set being collected (a later visit skips it), so the
             * survivors need no pass of their own to drop the working flags (CPython's
             * gc_clear_collecting at the same point), and they are counted here rather than by
             * walking the list again: each walk of a large generation is a cache miss per object.
             * Read next only now: the traversal may have appended objects after g. */
            clear_work_flags(g);
            MiniGCHead *next = g->gc_next;
            /* CPython's untrack_tuples, done in the same pass: a reachable tuple whose items can
             * never be in a cycle cannot be in one either (tuples are immutable), so it leaves the
             * lists for good and gc.is_tracked is False for it, as in CPython. The two places that
             * refill a tuple nobody else holds (enumerate/zip's and dict items' result tuples)
             * track it again. */
            if (MiniTuple_CheckExact(op) && !tuple_may_be_in_cycle(op)) list_unlink(g);
            else survivors++;
            g = next;
        } else {
            MiniGCHead *next = g->gc_next;
            g->gc_info |= MINI_GC_UNREACHABLE;
            list_move(g, unreachable);
            g = next;
        }
    }
    return survivors;
}

/* Reachable survivors (their working flags already dropped by move_unreachable) move to the
 * older generation. */
static void promote(MiniGCHead *young, MiniGCHead *old) {
    if (young != old) list_merge(young, old);
}

/* Step 4, first half: clears weak references to the garbage (free-threaded: with the world still
 * stopped, so no other thread can take a strong reference to garbage through one). Returns the
 * weakrefs whose callbacks are due (a list, new reference) or NULL. */
static MiniObject *clear_weakrefs(MiniGCHead *unreachable) {
    MiniObject *pending = NULL;
    for (MiniGCHead *g = unreachable->gc_next; g != unreachable; g = g->gc_next) {
        MiniObject *op = MINI_FROM_GC(g);
        if (g->gc_weaklist == NULL) continue;
        if (pending == NULL && (pending = MiniList_New(0)) == NULL) {
            MiniErr_Clear();
            _MiniWeakref_ClearAll(op, 0);
            continue;
        }
        if (_MiniWeakref_ClearCollect(op, pending) < 0) MiniErr_Clear();
    }
    return pending;
}

/* Step 4, second half: calls the callbacks of the cleared weakrefs that are not garbage
 * themselves; consumes pending (may be NULL). */
static void call_weakref_callbacks(MiniObject *pending) {
    if (pending == NULL) return;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(pending); i++) {
        MiniObject *wr = MiniList_GET_ITEM(pending, i);
        /* A weakref that is garbage itself: its callback is garbage too; do not call it. */
        if (MiniObject_IS_GC(wr) && (MINI_AS_GC(wr)->gc_info & MINI_GC_UNREACHABLE)) continue;
        _MiniWeakref_CallCallback(wr);
    }
    Mini_DECREF(pending);
}

/* Holding the garbage. Right after it is found (world stopped when free-threaded) the collector
 * takes one reference to every unreachable object and drops it only when it is done with the
 * object (delete_garbage, or after a resurrection), so no garbage object can be freed under it,
 * whichever thread drops the other references (CPython 3.13t does the same). Free-threaded, the
 * object's biased count is merged first (brc's explicit merge: the owner gives it up), so the
 * drops made by other threads, e.g. the owner's after a tp_clear elsewhere freed a reference,
 * go to the shared count and never to a merge queue that would free it on the owner's thread.
 * The unreachable list is then touched only by the collector: nobody else can unlink one of its
 * objects. */
static void hold_garbage(MiniGCHead *unreachable) {
    for (MiniGCHead *g = unreachable->gc_next; g != unreachable; g = g->gc_next) {
        MiniObject *op = MINI_FROM_GC(g);
        if (MINI_UNLIKELY(_Mini_FreeThreaded)) (void)_MiniRef_ExplicitMerge(op, 0);
        Mini_INCREF(op);
    }
}

/* Takes the first object off the unreachable list into `old` (its flags cleared), under the
 * lists' lock, and returns it (still held), or NULL when the list is empty. If the caller's drop
 * frees it, its deallocation unlinks it from `old`. */
static MiniObject *next_held(MiniGCHead *unreachable, MiniGCHead *old) {
    lock_lists();
    MiniObject *op = NULL;
    if (!list_is_empty(unreachable)) {
        MiniGCHead *g = unreachable->gc_next;
        clear_work_flags(g);
        list_move(g, old);
        op = MINI_FROM_GC(g);
    }
    unlock_lists();
    return op;
}

/* Step 5. Every finalizer once, with the object held (it cannot be freed meanwhile). */
static void finalize_garbage(MiniGCHead *unreachable) {
    for (MiniGCHead *g = unreachable->gc_next; g != unreachable; g = g->gc_next) {
        MiniObject *op = MINI_FROM_GC(g);
        if (!_MiniGC_NeedsFinalize(op)) continue;
        g->gc_info |= MINI_GC_FINALIZED;
        Mini_TYPE(op)->tp_finalize(op);
        if (MiniErr_Occurred()) _MiniErr_WriteUnraisable(op);
    }
}

/* Step 6. 1 if anything in the set is referenced from outside it (resurrected); the collector's
 * own reference to each object does not count. */
static int resurrected(MiniGCHead *unreachable) {
    update_refs(unreachable);
    for (MiniGCHead *g = unreachable->gc_next; g != unreachable; g = g->gc_next) set_refs(g, get_refs(g) - 1);
    subtract_refs(unreachable);
    int any = 0;
    for (MiniGCHead *g = unreachable->gc_next; g != unreachable; g = g->gc_next) {
        if (get_refs(g) > 0) any = 1;
        g->gc_info |= MINI_GC_UNREACHABLE;
    }
    return any;
}

/* A resurrected set: everything moves to the older generation and the collector lets go. */
static void release_garbage(MiniGCHead *unreachable, MiniGCHead *old) {
    MiniObject *op;
    while ((op = next_held(unreachable, old)) != NULL) Mini_DECREF(op);
}

/* Step 7. tp_clear on each object, then the collector's reference goes: the cycle's references
 * are gone, so reference counting frees it (an object that survives, not part of a cycle after
 * all or without tp_clear, stays in the older generation). */
static void delete_garbage(MiniGCHead *unreachable, MiniGCHead *old) {
    MiniObject *op;
    while ((op = next_held(unreachable, old)) != NULL) {
        if (_MiniGC_Debug & 32) {   /* DEBUG_SAVEALL */
            MiniObject *l = _MiniGC_GarbageList();
            if (l == NULL || MiniList_Append(l, op) < 0) MiniErr_Clear();
        } else {
            Mini_inquiry clear = Mini_TYPE(op)->tp_clear;
            if (clear != NULL) {
                (void)clear(op);
                if (MiniErr_Occurred()) _MiniErr_WriteUnraisable(op);
            }
        }
        Mini_DECREF(op);
    }
}

/* Collects generation `generation` and the younger ones. The number of unreachable objects. */
static Mini_ssize_t collect(int generation) {
    /* Free-threaded: nobody else may change a count or a list while the garbage is found. */
    if (_Mini_FreeThreaded) MiniFT_StopTheWorld();
    lock_lists();
    for (int i = 0; i <= generation; i++) gens[i].count = 0;
    if (generation + 1 < NUM_GENERATIONS) gens[generation + 1].count++;
    for (int i = 0; i < generation; i++) list_merge(&gens[i].head, &gens[generation].head);
    MiniGCHead *young = &gens[generation].head;
    MiniGCHead *old = generation + 1 < NUM_GENERATIONS ? &gens[generation + 1].head : young;
    MiniGCHead unreachable;
    list_init(&unreachable);

    update_refs(young);
    subtract_refs(young);
    Mini_ssize_t survivors = move_unreachable(young, &unreachable);
    if (generation == NUM_GENERATIONS - 2) long_lived_pending += survivors;
    promote(young, old);
    if (generation == NUM_GENERATIONS - 1) {
        long_lived_pending = 0;
        long_lived_total = survivors;
    }
    Mini_ssize_t n = list_size(&unreachable);
    hold_garbage(&unreachable);
    MiniObject *pending = n > 0 ? clear_weakrefs(&unreachable) : NULL;
    /* Free-threaded: the other threads may run again: the garbage is unreachable to them, even
     * through a weak reference. Callbacks and finalizers run with the world going (they may need
     * the other threads, e.g. to take a lock). */
    unlock_lists();
    if (_Mini_FreeThreaded) MiniFT_StartTheWorld();

    if (n > 0) {
        call_weakref_callbacks(pending);
        int had_finalizers = 0;
        for (MiniGCHead *g = unreachable.gc_next; g != &unreachable && !had_finalizers; g = g->gc_next)
            if (_MiniGC_NeedsFinalize(MINI_FROM_GC(g)))
                had_finalizers = 1;
        if (had_finalizers) {
            finalize_garbage(&unreachable);
            /* The resurrection check reads reference counts: free-threaded, with the world
             * stopped again, as CPython 3.13t's handle_resurrected_objects. */
            if (_Mini_FreeThreaded) MiniFT_StopTheWorld();
            int back = resurrected(&unreachable);
            if (_Mini_FreeThreaded) MiniFT_StartTheWorld();
            if (back) {
                n = 0;
                release_garbage(&unreachable, old);
            }
        }
        delete_garbage(&unreachable, old);
    }
    stat_collections[generation]++;
    stat_collected[generation] += n;
    if (_MiniGC_Debug & 1)
        fprintf(stderr, "gc: collecting generation %d... %zd unreachable, 0 uncollectable\n",
                generation, (size_t)n > 0 ? n : (Mini_ssize_t)0);
    return n;
}

/* A collection with everything around it: the exception state saved, callbacks, the world. */
static Mini_ssize_t collect_with_callbacks(int generation) {
    if (__atomic_exchange_n(&collecting, 1, __ATOMIC_ACQ_REL)) return 0;
    MiniObject *saved = MiniErr_GetRaisedException();
    if (_MiniGC_CallbacksHook != NULL) _MiniGC_CallbacksHook("start", generation, 0, 0);
    Mini_ssize_t n = collect(generation);
    if (_MiniGC_CallbacksHook != NULL) _MiniGC_CallbacksHook("stop", generation, n, 0);
    MiniErr_SetRaisedException(saved);
    __atomic_store_n(&collecting, 0, __ATOMIC_RELEASE);
    return n;
}

/* The automatic policy: the oldest generation whose count passed its threshold, or -1. */
static int generation_due(void) {
    lock_lists();   /* free-threaded: the counts change under it */
    int due = -1;
    for (int i = NUM_GENERATIONS - 1; i >= 0 && due < 0; i--) {
        if (gens[i].count > gens[i].threshold && gens[i].threshold > 0) {
            if (i == NUM_GENERATIONS - 1 && long_lived_pending < long_lived_total / 4) continue;
            due = i;
        }
    }
    unlock_lists();
    return due;
}

static void collect_generations(void) {
    int gen = generation_due();
    if (gen >= 0) (void)collect_with_callbacks(gen);
}

void _MiniGC_RunScheduled(void) {
    __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_GC_SCHEDULED, __ATOMIC_RELAXED);
    /* Atomic: free-threaded, every thread that saw the breaker bit comes here (TSan). */
    __atomic_store_n(&scheduled, 0, __ATOMIC_RELAXED);
    /* Free-threaded with the GIL disabled too: only one collection runs at a time (the atomic
     * exchange of `collecting`), it stops the world as gc.collect() does, and it holds its
     * garbage. (Session 3 skipped these: the double DECREF it saw came from the plain flag, and
     * the writes to freed memory seen after concurrent threads made cycles came from the VM's
     * unlocked tracking list, funcobject.c.) */
    if (__atomic_load_n(&enabled, __ATOMIC_RELAXED) && !__atomic_load_n(&collecting, __ATOMIC_RELAXED))
        collect_generations();
}

/* ----- controls ------------------------------------------------------------------------------------- */

Mini_ssize_t _MiniGC_CollectGeneration(int generation) {
    if (generation < 0 || generation >= NUM_GENERATIONS) {
        MiniErr_SetString(MiniExc_ValueError, "invalid generation");
        return -1;
    }
    return collect_with_callbacks(generation);
}

Mini_ssize_t _MiniGC_CollectAtExit(void) {
    if (__atomic_exchange_n(&collecting, 1, __ATOMIC_ACQ_REL)) return 0;
    MiniObject *saved = MiniErr_GetRaisedException();
    Mini_ssize_t n = collect(NUM_GENERATIONS - 1);
    MiniErr_SetRaisedException(saved);
    __atomic_store_n(&collecting, 0, __ATOMIC_RELEASE);
    return n;
}

Mini_ssize_t MiniGC_Collect(void) {
    MINI_CHECK_GIL("MiniGC_Collect");
    return collect_with_callbacks(NUM_GENERATIONS - 1);
}

/* `enabled` is read by whichever thread allocates or polls (free-threaded): atomic, relaxed. */
int MiniGC_Enable(void) {
    int old = __atomic_exchange_n(&enabled, 1, __ATOMIC_RELAXED);
    update_young_limit();
    schedule_if_due();
    return old;
}
int MiniGC_Disable(void) {
    int old = __atomic_exchange_n(&enabled, 0, __ATOMIC_RELAXED);
    update_young_limit();
    return old;
}
int MiniGC_IsEnabled(void) { return __atomic_load_n(&enabled, __ATOMIC_RELAXED); }

void _MiniGC_GetCounts(Mini_ssize_t counts[3]) {
    for (int i = 0; i < NUM_GENERATIONS; i++) counts[i] = gens[i].count;
}

void _MiniGC_GetThresholds(Mini_ssize_t th[3]) {
    for (int i = 0; i < NUM_GENERATIONS; i++) th[i] = gens[i].threshold;
}

void _MiniGC_SetThresholds(const Mini_ssize_t *th, int n) {
    for (int i = 0; i < n && i < NUM_GENERATIONS; i++) gens[i].threshold = th[i];
    update_young_limit();
    schedule_if_due();
}

void _MiniGC_GetStats(Mini_ssize_t collections[3], Mini_ssize_t collected[3]) {
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        collections[i] = stat_collections[i];
        collected[i] = stat_collected[i];
    }
}

/* The lists' lock is held across the walk (free-threaded: other threads link and unlink). */
int _MiniGC_ForEach(int gen, int (*fn)(MiniObject *op, void *arg), void *arg) {
    int r = 0;
    lock_lists();
    for (int i = 0; i <= NUM_GENERATIONS && r == 0; i++) {
        if (gen >= 0 && i != gen) continue;
        MiniGCHead *h = i < NUM_GENERATIONS ? &gens[i].head : &permanent;
        for (MiniGCHead *g = h->gc_next; g != h && r == 0; g = g->gc_next) r = fn(MINI_FROM_GC(g), arg);
    }
    unlock_lists();
    return r;
}

void _MiniGC_Freeze(void) {
    lock_lists();
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        list_merge(&gens[i].head, &permanent);
        gens[i].count = 0;
    }
    unlock_lists();
}

void _MiniGC_Unfreeze(void) {
    lock_lists();
    list_merge(&permanent, &gens[NUM_GENERATIONS - 1].head);
    unlock_lists();
}

Mini_ssize_t _MiniGC_FreezeCount(void) {
    lock_lists();
    Mini_ssize_t n = list_size(&permanent);
    unlock_lists();
    return n;
}

MiniObject *_MiniGC_GarbageList(void) {
    if (garbage == NULL) garbage = MiniList_New(0);
    return garbage;
}

/* Untracks every object of list h (their links set to NULL) and empties it. */
static void forget_list(MiniGCHead *h) {
    MiniGCHead *g = h->gc_next;
    while (g != h) {
        MiniGCHead *next = g->gc_next;
        g->gc_next = g->gc_prev = NULL;
        clear_work_flags(g);
        g = next;
    }
    list_init(h);
}

void _MiniGC_Fini(void) {
    Mini_CLEAR(garbage);
    /* What is still tracked now outlives this runtime (leaked, or freed later by the shut-down):
     * the next runtime must never examine it. It may start in the other reference-count mode,
     * where a GIL-mode count reads as a free-threaded one four times smaller, so an old object
     * would look like garbage (FreeThreadedTests after a restart: a collection cleared a dict
     * left from the previous runtime and dropped a str twice). */
    lock_lists();
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        forget_list(&gens[i].head);
        gens[i].count = 0;
    }
    forget_list(&permanent);
    long_lived_total = long_lived_pending = 0;
    unlock_lists();
    __atomic_store_n(&scheduled, 0, __ATOMIC_RELAXED);
    __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_GC_SCHEDULED, __ATOMIC_RELAXED);
}
