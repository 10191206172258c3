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
 *      generation; the unreachable list is garbage.
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
 * Threads. In GIL mode everything here runs with the GIL held, like every reference count change.
 * In free-threaded mode (issue 13) threads allocate and free GC objects concurrently: every change
 * to a generation list takes a recursive lock (one predictable branch in GIL mode), and a
 * collection stops the world (ft-core's MiniFT_StopTheWorld) while it computes gc_refs and finds
 * the unreachable set, then restarts it before weakref callbacks, finalizers and tp_clear run
 * (the garbage is unreachable to the other threads; finalizers may need them, e.g. to take a
 * lock). Only one collection runs at a time (an atomic flag: another thread's gc.collect()
 * returns 0 meanwhile). */
#include "mini.h"
#include "gc_internal.h"
#include "gil_internal.h"
#include "object_internal.h"
#include "ftmode_internal.h"

#include <pthread.h>

#include <stdio.h>
#include <string.h>

#define NUM_GENERATIONS 3

typedef struct Generation {
    MiniGCHead head;          /* sentinel of a circular list */
    Mini_ssize_t threshold;
    Mini_ssize_t count;       /* gen 0: allocations minus frees; gen N: collections of gen N-1 */
} Generation;

static Generation gens[NUM_GENERATIONS] = {
    { { &gens[0].head, &gens[0].head, 0, NULL }, 700, 0 },
    { { &gens[1].head, &gens[1].head, 0, NULL }, 10, 0 },
    { { &gens[2].head, &gens[2].head, 0, NULL }, 10, 0 },
};
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

static void list_append(MiniGCHead *g, MiniGCHead *list) {
    g->gc_next = list;
    g->gc_prev = list->gc_prev;
    list->gc_prev->gc_next = g;
    list->gc_prev = g;
}

static void list_unlink(MiniGCHead *g) {
    g->gc_prev->gc_next = g->gc_next;
    g->gc_next->gc_prev = g->gc_prev;
    g->gc_next = g->gc_prev = NULL;
}

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
static void clear_work_flags(MiniGCHead *g) { g->gc_info &= MINI_GC_FINALIZED; }

/* ----- the public face of tracking ------------------------------------------------------------------ */

/* MiniObject_IS_GC inlined for the visitors, which run once per reference examined. */
static inline int is_gc(MiniObject *op) {
    MiniTypeObject *t = op->ob_type;
    return (t->tp_flags & MINI_TPFLAGS_HAVE_GC) && (t->tp_is_gc == NULL || t->tp_is_gc(op));
}

int MiniObject_IS_GC(MiniObject *op) { return is_gc(op); }

static void schedule_if_due(void) {
    if (gens[0].count > gens[0].threshold && gens[0].threshold > 0 && enabled && !__atomic_load_n(&collecting, __ATOMIC_RELAXED) && !__atomic_load_n(&scheduled, __ATOMIC_RELAXED)) {
        __atomic_store_n(&scheduled, 1, __ATOMIC_RELAXED);
        __atomic_fetch_or(&_Mini_EvalBreaker, MINI_BREAKER_GC_SCHEDULED, __ATOMIC_RELAXED);
    }
}

void _MiniGC_OnAlloc(MiniObject *op, int track) {
    MiniGCHead *g = MINI_AS_GC(op);
    g->gc_info = 0;
    g->gc_weaklist = NULL;
    g->gc_next = g->gc_prev = NULL;
    lock_lists();
    if (track) list_append(g, &gens[0].head);
    gens[0].count++;
    schedule_if_due();
    unlock_lists();
}

void _MiniGC_Retrack(MiniObject *op) {
    MiniGCHead *g = MINI_AS_GC(op);
    g->gc_info = 0;
    g->gc_weaklist = NULL;
    lock_lists();
    list_append(g, &gens[0].head);
    unlock_lists();
}

void _MiniGC_OnFree(void) {
    lock_lists();
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
    if (t->tp_finalize != NULL && !(g->gc_info & MINI_GC_FINALIZED)) {
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

/* Step 3. */
static void move_unreachable(MiniGCHead *young, MiniGCHead *unreachable) {
    MiniGCHead *g = young->gc_next;
    while (g != young) {
        if (get_refs(g) > 0) {
            traverse(MINI_FROM_GC(g), visit_reachable, young);
            g = g->gc_next;
        } else {
            MiniGCHead *next = g->gc_next;
            g->gc_info |= MINI_GC_UNREACHABLE;
            list_move(g, unreachable);
            g = next;
        }
    }
}

/* Reachable survivors: drop the working flags and move them to the older generation. */
static void promote(MiniGCHead *young, MiniGCHead *old) {
    for (MiniGCHead *g = young->gc_next; g != young; g = g->gc_next) clear_work_flags(g);
    if (young != old) list_merge(young, old);
}

/* Step 4. Clears weak references to the garbage; calls the callbacks of reachable weakrefs. */
static void handle_weakrefs(MiniGCHead *unreachable) {
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
    if (pending == NULL) return;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(pending); i++) {
        MiniObject *wr = MiniList_GET_ITEM(pending, i);
        /* A weakref that is garbage itself: its callback is garbage too; do not call it. */
        if (MiniObject_IS_GC(wr) && (MINI_AS_GC(wr)->gc_info & MINI_GC_UNREACHABLE)) continue;
        _MiniWeakref_CallCallback(wr);
    }
    Mini_DECREF(pending);
}

/* Step 5. */
static void finalize_garbage(MiniGCHead *unreachable) {
    MiniGCHead seen;
    list_init(&seen);
    while (!list_is_empty(unreachable)) {
        MiniGCHead *g = unreachable->gc_next;
        list_move(g, &seen);
        MiniObject *op = MINI_FROM_GC(g);
        Mini_destructor fin = Mini_TYPE(op)->tp_finalize;
        if (fin == NULL || (g->gc_info & MINI_GC_FINALIZED)) continue;
        g->gc_info |= MINI_GC_FINALIZED;
        Mini_INCREF(op);
        fin(op);
        if (MiniErr_Occurred()) _MiniErr_WriteUnraisable(op);
        Mini_DECREF(op);   /* may free it: it then leaves `seen` */
    }
    list_merge(&seen, unreachable);
}

/* Step 6. 1 if anything in the set is referenced from outside it (resurrected). */
static int resurrected(MiniGCHead *unreachable) {
    update_refs(unreachable);
    subtract_refs(unreachable);
    int any = 0;
    for (MiniGCHead *g = unreachable->gc_next; g != unreachable; g = g->gc_next) {
        if (get_refs(g) > 0) any = 1;
        g->gc_info |= MINI_GC_UNREACHABLE;
    }
    return any;
}

/* Step 7. */
static void delete_garbage(MiniGCHead *unreachable, MiniGCHead *old) {
    while (!list_is_empty(unreachable)) {
        MiniGCHead *g = unreachable->gc_next;
        MiniObject *op = MINI_FROM_GC(g);
        if (_MiniGC_Debug & 32) {   /* DEBUG_SAVEALL */
            MiniObject *l = _MiniGC_GarbageList();
            if (l == NULL || MiniList_Append(l, op) < 0) MiniErr_Clear();
        } else {
            Mini_inquiry clear = Mini_TYPE(op)->tp_clear;
            if (clear != NULL) {
                Mini_INCREF(op);
                (void)clear(op);
                if (MiniErr_Occurred()) _MiniErr_WriteUnraisable(op);
                Mini_DECREF(op);
            }
        }
        if (unreachable->gc_next == g) {
            /* Still alive (not part of the cycle after all, or no tp_clear): keep it. */
            clear_work_flags(g);
            list_move(g, old);
        }
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
    move_unreachable(young, &unreachable);
    if (generation == NUM_GENERATIONS - 2) long_lived_pending += list_size(young);
    promote(young, old);
    if (generation == NUM_GENERATIONS - 1) {
        long_lived_pending = 0;
        long_lived_total = list_size(young);
    }
    /* Free-threaded: the other threads may run again (the garbage is unreachable to them). */
    unlock_lists();
    if (_Mini_FreeThreaded) MiniFT_StartTheWorld();

    Mini_ssize_t n = list_size(&unreachable);
    if (n > 0) {
        handle_weakrefs(&unreachable);
        int had_finalizers = 0;
        for (MiniGCHead *g = unreachable.gc_next; g != &unreachable && !had_finalizers; g = g->gc_next)
            if (Mini_TYPE(MINI_FROM_GC(g))->tp_finalize != NULL && !(g->gc_info & MINI_GC_FINALIZED))
                had_finalizers = 1;
        if (had_finalizers) {
            finalize_garbage(&unreachable);
            if (resurrected(&unreachable)) {
                n = 0;
                promote(&unreachable, old);
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

/* The automatic policy: the oldest generation whose count passed its threshold. */
static void collect_generations(void) {
    for (int i = NUM_GENERATIONS - 1; i >= 0; i--) {
        if (gens[i].count > gens[i].threshold && gens[i].threshold > 0) {
            if (i == NUM_GENERATIONS - 1 && long_lived_pending < long_lived_total / 4) continue;
            (void)collect_with_callbacks(i);
            return;
        }
    }
}

void _MiniGC_RunScheduled(void) {
    __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_GC_SCHEDULED, __ATOMIC_RELAXED);
    /* Atomic: free-threaded, every thread that saw the breaker bit comes here (TSan). */
    __atomic_store_n(&scheduled, 0, __ATOMIC_RELAXED);
    /* Hook (ft-core): no automatic collection while threads run without the GIL: two threads
     * could both start one (`collecting` is a plain flag) and FreeThreadedTests crashed on a
     * double DECREF from a scheduled collection. gc.collect() still collects. */
    if (MINI_UNLIKELY(_Mini_FreeThreaded) && !MiniRuntime_IsGILEnabled()) return;
    if (enabled && !__atomic_load_n(&collecting, __ATOMIC_RELAXED)) collect_generations();
}

/* ----- controls ------------------------------------------------------------------------------------- */

Mini_ssize_t _MiniGC_CollectGeneration(int generation) {
    if (generation < 0 || generation >= NUM_GENERATIONS) {
        MiniErr_SetString(MiniExc_ValueError, "invalid generation");
        return -1;
    }
    return collect_with_callbacks(generation);
}

Mini_ssize_t MiniGC_Collect(void) {
    MINI_CHECK_GIL("MiniGC_Collect");
    return collect_with_callbacks(NUM_GENERATIONS - 1);
}

int MiniGC_Enable(void) { int old = enabled; enabled = 1; schedule_if_due(); return old; }
int MiniGC_Disable(void) { int old = enabled; enabled = 0; return old; }
int MiniGC_IsEnabled(void) { return enabled; }

void _MiniGC_GetCounts(Mini_ssize_t counts[3]) {
    for (int i = 0; i < NUM_GENERATIONS; i++) counts[i] = gens[i].count;
}

void _MiniGC_GetThresholds(Mini_ssize_t th[3]) {
    for (int i = 0; i < NUM_GENERATIONS; i++) th[i] = gens[i].threshold;
}

void _MiniGC_SetThresholds(const Mini_ssize_t *th, int n) {
    for (int i = 0; i < n && i < NUM_GENERATIONS; i++) gens[i].threshold = th[i];
    schedule_if_due();
}

void _MiniGC_GetStats(Mini_ssize_t collections[3], Mini_ssize_t collected[3]) {
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        collections[i] = stat_collections[i];
        collected[i] = stat_collected[i];
    }
}

int _MiniGC_ForEach(int gen, int (*fn)(MiniObject *op, void *arg), void *arg) {
    for (int i = 0; i <= NUM_GENERATIONS; i++) {
        if (gen >= 0 && i != gen) continue;
        MiniGCHead *h = i < NUM_GENERATIONS ? &gens[i].head : &permanent;
        for (MiniGCHead *g = h->gc_next; g != h; g = g->gc_next) {
            int r = fn(MINI_FROM_GC(g), arg);
            if (r) return r;
        }
    }
    return 0;
}

void _MiniGC_Freeze(void) {
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        list_merge(&gens[i].head, &permanent);
        gens[i].count = 0;
    }
}

void _MiniGC_Unfreeze(void) { list_merge(&permanent, &gens[NUM_GENERATIONS - 1].head); }

Mini_ssize_t _MiniGC_FreezeCount(void) { return list_size(&permanent); }

MiniObject *_MiniGC_GarbageList(void) {
    if (garbage == NULL) garbage = MiniList_New(0);
    return garbage;
}

void _MiniGC_Fini(void) {
    Mini_CLEAR(garbage);
    gens[0].count = 0;
    __atomic_store_n(&scheduled, 0, __ATOMIC_RELAXED);
    __atomic_fetch_and(&_Mini_EvalBreaker, ~MINI_BREAKER_GC_SCHEDULED, __ATOMIC_RELAXED);
}
