/* Python/vminit.c: bringing the interpreter up and down: readies the VM's static types, interns the
 * names the loop uses, builds the builtins dict and installs the import finder. MiniVM_Init is
 * idempotent and notices when the runtime was finalised and started again (the static types have
 * lost their dicts then), in which case it builds everything afresh. */
#include "vm_internal.h"
#include "specialize.h"
#include "lib_internal.h"
#include "stdlib_internal.h"
#include "lifecycle_internal.h"
#include "mini_stdlib.h"
#include "gc_internal.h"

/* The VM joins the runtime's start-up and shutdown (CShims/internal/lifecycle_internal.h): its
 * stdlib modules are registered in the inittab before Mini_Initialize starts the runtime, and its
 * state is torn down first in Mini_Finalize. Registered at load time, before main runs. */
static int vm_before_start(void) { return _MiniStdlib_RegisterBuiltins(); }
static const MiniRuntimeHooks vm_hooks = { "MiniVM", vm_before_start, MiniVM_Fini };
__attribute__((constructor)) static void vm_join_runtime(void) { (void)_MiniLifecycle_AddHooks(&vm_hooks); }

MiniVMStrings _MiniVM_Str;
MiniVMFreeList _MiniVM_FloatFree, _MiniVM_IntFree;
MiniVMObjectCache _MiniVM_FuncCache, _MiniVM_GenCache, _MiniVM_CellCache, _MiniVM_MethodCache,
                  _MiniVM_RangeCache, _MiniVM_RangeIterCache;

void MiniVM_ClearFreeLists(void) {
    MINI_CHECK_GIL("MiniVM_ClearFreeLists");
    while (_MiniVM_FloatFree.n > 0) MiniObject_Free(_MiniVM_FloatFree.items[--_MiniVM_FloatFree.n]);
    while (_MiniVM_IntFree.n > 0) MiniObject_Free(_MiniVM_IntFree.items[--_MiniVM_IntFree.n]);
    MiniVMObjectCache *caches[] = { &_MiniVM_FuncCache, &_MiniVM_GenCache, &_MiniVM_CellCache,
                                    &_MiniVM_MethodCache, &_MiniVM_RangeCache, &_MiniVM_RangeIterCache };
    for (size_t i = 0; i < sizeof caches / sizeof caches[0]; i++)
        while (caches[i]->n > 0) MiniObject_Free(caches[i]->items[--caches[i]->n]);
}

static int vm_ready;
static MiniObject *argv_list;     /* sys.argv */
extern MiniTypeObject MiniVMSuper_Type;
void _MiniVM_InstallFinder(void);
void _MiniVM_FiniImport(void);

static int intern_all(void) {
    struct { MiniObject **slot; const char *text; } names[] = {
        { &_MiniVM_Str.__init__, "__init__" }, { &_MiniVM_Str.__name__, "__name__" },
        { &_MiniVM_Str.__qualname__, "__qualname__" }, { &_MiniVM_Str.__module__, "__module__" },
        { &_MiniVM_Str.__doc__, "__doc__" }, { &_MiniVM_Str.__class__, "__class__" },
        { &_MiniVM_Str.__classcell__, "__classcell__" }, { &_MiniVM_Str.__enter__, "__enter__" },
        { &_MiniVM_Str.__exit__, "__exit__" }, { &_MiniVM_Str.__main__, "__main__" },
        { &_MiniVM_Str.__build_class__, "__build_class__" }, { &_MiniVM_Str.__repr__, "__repr__" },
        { &_MiniVM_Str.__str__, "__str__" }, { &_MiniVM_Str.__eq__, "__eq__" }, { &_MiniVM_Str.__ne__, "__ne__" },
        { &_MiniVM_Str.__lt__, "__lt__" }, { &_MiniVM_Str.__le__, "__le__" }, { &_MiniVM_Str.__gt__, "__gt__" },
        { &_MiniVM_Str.__ge__, "__ge__" }, { &_MiniVM_Str.__hash__, "__hash__" }, { &_MiniVM_Str.__len__, "__len__" },
        { &_MiniVM_Str.__iter__, "__iter__" }, { &_MiniVM_Str.__next__, "__next__" },
        { &_MiniVM_Str.__call__, "__call__" }, { &_MiniVM_Str.__getitem__, "__getitem__" },
        { &_MiniVM_Str.__setitem__, "__setitem__" }, { &_MiniVM_Str.__delitem__, "__delitem__" },
        { &_MiniVM_Str.__contains__, "__contains__" }, { &_MiniVM_Str.__bool__, "__bool__" },
        { &_MiniVM_Str.__format__, "__format__" }, { &_MiniVM_Str.__file__, "__file__" },
        { &_MiniVM_Str.__import__, "__import__" }, { &_MiniVM_Str.__getattr__, "__getattr__" },
        { &_MiniVM_Str.__new__, "__new__" },
        { NULL, NULL },
    };
    for (int i = 0; names[i].slot != NULL; i++) {
        *names[i].slot = MiniUnicode_InternFromString(names[i].text);
        if (*names[i].slot == NULL) return -1;
    }
    return 0;
}

int MiniVM_Init(void) {
    MINI_CHECK_GIL("MiniVM_Init");
    if (vm_ready && (MiniCode_Type.tp_flags & MINI_TPFLAGS_READY)) return 0;
    /* First start, or the runtime was finalised and initialised again: forget stale state. */
    _MiniVM_BuiltinsDict = NULL;
    _MiniIC_ReadEnvironment();
    _MiniGCModule_InstallHooks();
    MiniTypeObject *types[] = {
        &MiniCode_Type, &MiniFunction_Type, &MiniCell_Type, &MiniMethod_Type, &MiniVMBuiltin_Type,
        &MiniTraceback_Type, &MiniGen_Type, &MiniCoro_Type, &MiniCoroWrapper_Type, &MiniAsyncGen_Type,
        &MiniAsyncGenASend_Type, &MiniAsyncGenAThrow_Type, &MiniAsyncGenWrapped_Type, NULL,
    };
    for (int i = 0; types[i] != NULL; i++)
        if (MiniType_Ready(types[i]) < 0) return -1;
    if (intern_all() < 0) return -1;
    MiniObject *b = MiniDict_New();
    if (b == NULL) return -1;
    if (_MiniVM_InitBuiltins(b) < 0) { Mini_DECREF(b); return -1; }
    _MiniVM_BuiltinsDict = b;
    _MiniVM_InstallFinder();
    vm_ready = 1;
    /* The rest of the builtins (min, max, sorted, enumerate, zip, set, slice, ...) live in the
     * library builtins (Python/builtins_lib.c). */
    if (_MiniLib_InitBuiltins() < 0) return -1;
    /* open() and friends from the systems modules (Modules/openbuiltin.c). */
    if (_MiniStdlib_AddBuiltins() < 0) return -1;
    return 0;
}

void MiniVM_Fini(void) {
    if (!vm_ready) return;
    MINI_CHECK_GIL("MiniVM_Fini");
    MiniVM_ClearPyModules();
    _MiniGCModule_Fini();
    MiniVM_ClearFreeLists();
    _MiniVM_FiniImport();
    MiniVM_ForgetSources();
    MiniImport_SetFinder(NULL, NULL);
    Mini_CLEAR(_MiniVM_BuiltinsDict);
    Mini_CLEAR(argv_list);
    _MiniVM_ClearDunderNames();
    MiniObject **slots = (MiniObject **)&_MiniVM_Str;
    for (size_t i = 0; i < sizeof(_MiniVM_Str) / sizeof(MiniObject *); i++) Mini_CLEAR(slots[i]);
    MiniThreadState *t = MiniThreadState_GetUnchecked();
    if (t != NULL) MiniVM_ThreadFini(t);
    vm_ready = 0;
}

void MiniVM_CollectAtExit(int modules_intact) {
    if (modules_intact) {
        if (MiniGC_IsEnabled()) (void)MiniGC_Collect();
    } else {
        (void)_MiniGC_CollectAtExit();
    }
    if (MiniErr_Occurred()) MiniErr_Clear();
}

int MiniVM_SetArgv(const char *const *argv, Mini_ssize_t argc) {
    MINI_CHECK_GIL("MiniVM_SetArgv");
    MiniObject *l = MiniList_New(0);
    if (l == NULL) return -1;
    for (Mini_ssize_t i = 0; i < argc; i++) {
        MiniObject *s = MiniUnicode_FromString(argv[i]);
        if (s == NULL || MiniList_Append(l, s) < 0) {
            Mini_XDECREF(s);
            Mini_DECREF(l);
            return -1;
        }
        Mini_DECREF(s);
    }
    Mini_XDECREF(argv_list);
    argv_list = l;
    return 0;
}

MiniObject *MiniVM_Argv(void) {
    MINI_CHECK_GIL("MiniVM_Argv");
    if (argv_list == NULL) argv_list = MiniList_New(0);
    return argv_list;
}

MiniObject *MiniVM_Call(MiniObject *callable, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    MINI_CHECK_GIL_OBJECT(callable, "MiniVM_Call");
    if (callable == NULL) { MiniErr_BadInternalCall(); return NULL; }
    return _MiniVM_Call(callable, args, nargs, kwnames);
}
