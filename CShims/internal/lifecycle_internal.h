/* internal/lifecycle_internal.h: how a layer above the core joins the runtime's start-up and shutdown.
 *
 * CShims knows nothing of the interpreter built on it (Sources/MiniVM). Where Mini_Initialize
 * and Mini_Finalize must do that layer's work — register its modules in the inittab before the
 * runtime starts, tear its state down before the objects under it go — the layer registers a
 * pair of hooks here, as CPython's inittab lets modules join Py_Initialize. MiniVM does it from
 * a load-time constructor, so every program that links the VM has it and one that links only
 * CShims (an extension author's test, the C API's own tests) starts the bare runtime. */
#ifndef MINI_LIFECYCLE_INTERNAL_H
#define MINI_LIFECYCLE_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "lifecycle_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE)"
#endif

#include "mini.h"

typedef struct MiniRuntimeHooks {
    const char *name;                 /* the layer, for messages */
    /* Called by Mini_Initialize before the GIL and the object layer exist: register inittab
     * entries, nothing that creates objects. 0, or -1 (start-up then fails fatally). May be NULL. */
    int (*before_start)(void);
    /* Called first by Mini_Finalize, with the GIL held, while every type still works: release
     * the layer's objects. Layers are finalised in the reverse order of registration. May be NULL. */
    void (*before_finalize)(void);
} MiniRuntimeHooks;

/* Registers hooks (kept by pointer: static storage). Call before Mini_Initialize, typically from
 * a constructor; registering the same pointer twice is a no-op. Needs no GIL, not thread-safe
 * (load time is single-threaded). 0, or -1 when the table (8 layers) is full. */
int _MiniLifecycle_AddHooks(const MiniRuntimeHooks *hooks);

#endif /* MINI_LIFECYCLE_INTERNAL_H */
