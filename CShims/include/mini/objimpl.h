/* mini/objimpl.h: objects that take part in cycle collection, as CPython's objimpl.h.
 *
 * Reference counting frees an object when its last reference goes, so a group of objects that
 * refer to each other (a list holding itself, an instance whose __dict__ holds a function whose
 * closure holds the instance) is never freed by counting alone. The cycle collector
 * (CShims/Python/gc.c, which explains the algorithm) finds such groups and breaks them. It only
 * sees objects whose type opts in:
 *
 *   1. the type has MINI_TPFLAGS_HAVE_GC in tp_flags (subtypes inherit it);
 *   2. tp_traverse calls Mini_VISIT on every object the instance holds a strong reference to;
 *   3. tp_clear (for containers that can be part of a cycle) drops those references with
 *      Mini_CLEAR, leaving the object valid (its methods and its tp_dealloc must still work);
 *   4. instances are allocated with the collector's header in front: MiniObject_New does that
 *      for a GC type and tracks the object at once (so tp_traverse must cope with the zeroed
 *      fields of a fresh object); MiniObject_GC_New allocates without tracking, for types that
 *      want to fill their fields first and then call MiniObject_GC_Track;
 *   5. tp_dealloc needs no change: the runtime untracks an object before it calls tp_dealloc,
 *      and MiniObject_Free (or MiniObject_GC_Del) releases the header with the object.
 *
 * A type without the flag is simply not tracked: its instances are never collected as part of
 * a cycle (they keep whatever they refer to alive, as an outside reference would). All of these
 * functions require the GIL. */
#ifndef MINI_OBJIMPL_H
#define MINI_OBJIMPL_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS

/* Inside tp_traverse: visit one field (NULL fields are skipped); returns the visitor's non-zero
 * result at once. Expects the traverse function's parameters to be named visit and arg. */
#define Mini_VISIT(op) do { if ((op) != NULL) { \
        int _mini_vret = visit(_MiniObject_CAST(op), arg); \
        if (_mini_vret) return _mini_vret; } } while (0)

/* 1 if op was allocated with the collector's header (its type has MINI_TPFLAGS_HAVE_GC and,
 * when the type has tp_is_gc, that says so for op). Never fails. */
int MiniObject_IS_GC(MiniObject *op);

/* Allocates an instance of a GC type with the collector's header, NOT tracked, with count 1 and
 * zeroed fields; counted in Mini_LiveObjects() and in generation 0's allocation count (which may
 * schedule an automatic collection: it runs at the eval loop's next check point, never inside
 * this call). New reference; NULL with MemoryError; SystemError if type lacks
 * MINI_TPFLAGS_HAVE_GC. */
MiniObject *MiniObject_GC_New(MiniTypeObject *type);
#define MiniObject_GC_NEW(ctype, type) ((ctype *)MiniObject_GC_New(type))
/* As MiniObject_GC_New with tp_basicsize + n * tp_itemsize bytes and ob_size = n. */
MiniObject *MiniObject_GC_NewVar(MiniTypeObject *type, Mini_ssize_t n);
/* Starts tracking op (allocated with the header): from now on a collection may traverse it,
 * so every field tp_traverse visits must be valid or NULL. Tracking a tracked object is a no-op. */
void MiniObject_GC_Track(MiniObject *op);
/* Stops tracking op (no-op when it is not tracked). Call it before tearing down fields in a
 * custom deallocation path that can run Python code before the object is freed; the runtime
 * already untracks every GC object before its tp_dealloc runs. */
void MiniObject_GC_UnTrack(MiniObject *op);
/* Frees a GC object (header included); the same as MiniObject_Free for such objects. Call it
 * last in tp_dealloc. */
void MiniObject_GC_Del(MiniObject *op);
/* 1 if op is tracked by the collector, else 0. Never fails. */
int MiniObject_GC_IsTracked(MiniObject *op);

/* Runs a full collection (generation 2) now, as gc.collect(): returns the number of unreachable
 * objects found (collected), or -1 with an exception if the collector could not run (a
 * collection already in progress returns 0). Finalizers (__del__) and weak-reference callbacks
 * run inside; their exceptions are reported as "Exception ignored in: ..." on stderr, not
 * raised. Works whether or not automatic collection is enabled. */
Mini_ssize_t MiniGC_Collect(void);
/* Automatic collection on (1) / off (0), as gc.enable() / gc.disable(); each returns the
 * previous state. MiniGC_IsEnabled() returns the current one. */
int MiniGC_Enable(void);
int MiniGC_Disable(void);
int MiniGC_IsEnabled(void);

MINI_END_DECLS
#endif /* MINI_OBJIMPL_H */
