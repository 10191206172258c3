/* Python/import.c: the module registry. Three sources of modules, tried in this order by
 * MiniImport_ImportModule:
 *   1. the cache of modules already imported (sys.modules), a dict owned by the runtime;
 *   2. the inittab: built-in modules registered by name (with their MiniInit_<name> function)
 *      before Mini_Initialize, as CPython's PyImport_AppendInittab;
 *   3. a finder installed by the interpreter (for .py files and shared-library extensions).
 * MiniImport_LoadDynamicModule loads a shared-library extension: dlopen, dlsym of
 * MiniInit_<name>, the call, the ABI check, the cache; each step that fails says so in its
 * ImportError. Libraries are never dlclose'd once their init function has run (objects and
 * types from them may live on), as in CPython.
 * At Mini_Finalize every cached module's namespace is cleared (breaking the module <-> function
 * cycles) and the cache is dropped. The inittab and the finder survive a Finalize/Initialize
 * cycle. */
#include "mini.h"
#include "ftmode_internal.h"
#include "object_internal.h"
#include "exceptions_internal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----- the inittab: plain C data, guarded by a mutex so registration needs no GIL ------------ */

typedef struct {
    char *name;
    MiniInitFunc init;
} InittabEntry;

static pthread_mutex_t inittab_mutex = PTHREAD_MUTEX_INITIALIZER;
static InittabEntry *inittab;
static size_t inittab_len, inittab_cap;

/* Index of name in the inittab or -1. Call with inittab_mutex held. */
static ssize_t inittab_find(const char *name)
{
    for (size_t i = 0; i < inittab_len; i++) {
        if (strcmp(inittab[i].name, name) == 0) return (ssize_t)i;
    }
    return -1;
}

/* Registers a built-in module (name is copied). Must be called before Mini_Initialize: returns
 * -1 without effect once the runtime is initialised, for a NULL argument, a name already
 * registered, or when out of memory; 0 on success. Needs no GIL; safe from any thread. */
int MiniImport_AppendInittab(const char *name, MiniInitFunc initfunc)
{
    if (name == NULL || initfunc == NULL || Mini_IsInitialized()) return -1;
    int result = -1;
    pthread_mutex_lock(&inittab_mutex);
    if (inittab_find(name) < 0) {
        if (inittab_len == inittab_cap) {
            size_t cap = inittab_cap ? inittab_cap * 2 : 8;
            InittabEntry *grown = realloc(inittab, cap * sizeof *grown);
            if (grown != NULL) {
                inittab = grown;
                inittab_cap = cap;
            }
        }
        char *copy = inittab_len < inittab_cap ? strdup(name) : NULL;
        if (copy != NULL) {
            inittab[inittab_len].name = copy;
            inittab[inittab_len].init = initfunc;
            inittab_len++;
            result = 0;
        }
    }
    pthread_mutex_unlock(&inittab_mutex);
    return result;
}

/* 1 if a built-in module named name is registered, else 0. Never fails; needs no GIL. */
int MiniImport_IsBuiltin(const char *name)
{
    if (name == NULL) return 0;
    pthread_mutex_lock(&inittab_mutex);
    int found = inittab_find(name) >= 0;
    pthread_mutex_unlock(&inittab_mutex);
    return found;
}

static MiniInitFunc inittab_lookup(const char *name)
{
    pthread_mutex_lock(&inittab_mutex);
    ssize_t i = inittab_find(name);
    MiniInitFunc init = i >= 0 ? inittab[i].init : NULL;
    pthread_mutex_unlock(&inittab_mutex);
    return init;
}

/* ----- the cache and the finder (GIL-protected) ---------------------------------------------- */

static MiniObject *module_cache;     /* dict name -> module; owned; NULL when not initialised */
static MiniImportFinder finder;
static void *finder_context;

/* Installs the finder consulted for names that are neither cached nor built in (NULL removes
 * it). The finder stays installed across Mini_Finalize. Requires the GIL. */
void MiniImport_SetFinder(MiniImportFinder f, void *context)
{
    MINI_CHECK_GIL("MiniImport_SetFinder");
    finder = f;
    finder_context = context;
}

/* Borrowed reference to the dict of imported modules (sys.modules); NULL before Mini_Initialize.
 * Requires the GIL. */
MiniObject *MiniImport_GetModuleDict(void)
{
    MINI_CHECK_GIL("MiniImport_GetModuleDict");
    return module_cache;
}

/* SystemError unless the cache exists: 0 / -1. */
static int require_cache(void)
{
    if (module_cache != NULL) return 0;
    MiniErr_SetString(MiniExc_SystemError, "the import system is not initialised");
    return -1;
}

/* Runs an init function for the module called name and checks what it returned: a new
 * reference to a module, or NULL with ImportError "initialization of x failed without raising
 * an exception" / the init function's own exception; SystemError when it returned something
 * that is not a module. Also refuses a module whose definition carries another ABI stamp. */
static MiniObject *run_init(MiniInitFunc init, const char *name)
{
    MiniObject *m = init();
    if (m == NULL) {
        if (MiniErr_Occurred() == NULL) {
            MiniErr_Format(MiniExc_ImportError,
                           "initialization of %.200s failed without raising an exception", name);
        }
        return NULL;
    }
    if (MiniErr_Occurred() != NULL) {
        Mini_DECREF(m);
        MiniObject *cause = MiniErr_GetRaisedException();
        MiniErr_Format(MiniExc_SystemError,
                       "initialization of %.200s raised unreported exception", name);
        MiniObject *exc = MiniErr_GetRaisedException();
        if (exc != NULL) {
            MiniBaseExceptionObject *e = (MiniBaseExceptionObject *)exc;
            Mini_XDECREF(e->cause);
            e->cause = cause;
            cause = NULL;
        }
        Mini_XDECREF(cause);
        MiniErr_SetRaisedException(exc);
        return NULL;
    }
    if (!MiniModule_Check(m)) {
        MiniErr_Format(MiniExc_SystemError,
                       "initialization of %.200s did not return an extension module", name);
        Mini_DECREF(m);
        return NULL;
    }
    MiniModuleDef *def = MiniModule_GetDef(m);
    if (def != NULL && def->m_base.m_abi_version != MINI_ABI_VERSION) {
        MiniErr_Format(MiniExc_ImportError,
                       "module '%.200s' was compiled for Mini ABI %d, this runtime is ABI %d",
                       name, def->m_base.m_abi_version, MINI_ABI_VERSION);
        MiniModule_ClearNamespace(m);
        Mini_DECREF(m);
        return NULL;
    }
    /* Free-threaded (`--gil auto`): a module that did not declare Mini_MOD_GIL_NOT_USED gets the
     * GIL back for the rest of the run, with a RuntimeWarning (ftmode.c), as CPython 3.13t. */
    if (MINI_UNLIKELY(_Mini_FreeThreaded) && !MiniModule_GILNotUsed(m)) MiniFT_EnableGILForModule(name);
    return m;
}

/* Adds m to the cache under name: 0 / -1. */
static int cache_module(const char *name, MiniObject *m)
{
    return MiniDict_SetItemString(module_cache, name, m);
}

/* sys.modules[name] is None (a program's way of blocking an import, as pyperformance's
 * pickle_pure_python does for _pickle): ModuleNotFoundError as CPython words it. NULL. */
static MiniObject *import_halted(const char *name)
{
    MiniErr_Format(MiniExc_ModuleNotFoundError, "import of %.200s halted; None in sys.modules", name);
    MiniObject *n = MiniUnicode_FromString(name);
    if (n != NULL) { _MiniErr_SetImportErrorName(n); Mini_DECREF(n); }
    else MiniErr_Clear();
    return NULL;
}

/* Imports name: from the cache, else the inittab, else the finder. New reference; NULL with
 * ModuleNotFoundError "No module named 'x'" when nobody knows the name ("import of x halted; None
 * in sys.modules" when sys.modules holds None for it), or with whatever the init function or
 * finder raised. A module is cached before it is returned, so a second import
 * gives the same object. Requires the GIL (init functions and finders run with it held). */
MiniObject *MiniImport_ImportModule(const char *name)
{
    MINI_CHECK_GIL("MiniImport_ImportModule");
    if (name == NULL) {
        MiniErr_BadInternalCall();
        return NULL;
    }
    if (require_cache() < 0) return NULL;
    MiniObject *m = MiniDict_GetItemString(module_cache, name);
    if (m == Mini_None) return import_halted(name);
    if (m != NULL) return Mini_NewRef(m);

    MiniInitFunc init = inittab_lookup(name);
    if (init != NULL) {
        m = run_init(init, name);
        if (m == NULL) return NULL;
        if (cache_module(name, m) < 0) {
            Mini_DECREF(m);
            return NULL;
        }
        return m;
    }

    if (finder != NULL) {
        m = finder(name, finder_context);
        if (m != NULL) {
            /* A finder may have cached the module itself (the interpreter does, before running
             * a .py module's body); otherwise cache it now. */
            if (MiniDict_GetItemString(module_cache, name) == NULL && cache_module(name, m) < 0) {
                Mini_DECREF(m);
                return NULL;
            }
            return m;
        }
        if (MiniErr_Occurred() != NULL) return NULL;
    }
    MiniErr_Format(MiniExc_ModuleNotFoundError, "No module named '%.200s'", name);
    MiniObject *n = MiniUnicode_FromString(name);
    if (n != NULL) { _MiniErr_SetImportErrorName(n); Mini_DECREF(n); }
    else MiniErr_Clear();
    return NULL;
}

/* As MiniImport_ImportModule with the name as a str object (borrowed). TypeError "module name
 * must be str, not int" for other types. New reference or NULL. Requires the GIL. */
MiniObject *MiniImport_Import(MiniObject *name)
{
    MINI_CHECK_GIL_OBJECT(name, "MiniImport_Import");
    if (!MiniUnicode_Check(name)) {
        MiniErr_Format(MiniExc_TypeError, "module name must be str, not %.200s",
                       MiniType_Name(Mini_TYPE(name)));
        return NULL;
    }
    const char *s = MiniUnicode_AsUTF8(name);
    if (s == NULL) return NULL;
    return MiniImport_ImportModule(s);
}

/* Loads the shared-library extension at path as module name (a cached module of that name is
 * returned as is). Steps, each with its own ImportError:
 *   dlopen(path)                 "cannot load /p/x.so: <dlerror text>"
 *   dlsym("MiniInit_<last part of name>")
 *                                "dynamic module /p/x.so does not define init function MiniInit_x"
 *   the init function            its own exception, or "initialization of x failed without
 *                                raising an exception"
 *   the ABI stamp of its def     "module 'x' was compiled for Mini ABI 7, this runtime is ABI 2"
 * On success sets the module's __file__ to path, caches it and returns a new reference.
 * The library's undefined Mini_* symbols must resolve against the running program: the
 * executable must export them (link it with -rdynamic / --export-dynamic). Requires the GIL. */
MiniObject *MiniImport_LoadDynamicModule(const char *name, const char *path)
{
    MINI_CHECK_GIL("MiniImport_LoadDynamicModule");
    if (name == NULL || path == NULL) {
        MiniErr_BadInternalCall();
        return NULL;
    }
    if (require_cache() < 0) return NULL;
    MiniObject *m = MiniDict_GetItemString(module_cache, name);
    if (m != NULL) return Mini_NewRef(m);

    dlerror();  /* clear any stale message */
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *why = dlerror();
        MiniErr_Format(MiniExc_ImportError, "cannot load %.400s: %.600s", path,
                       why != NULL ? why : "unknown error");
        return NULL;
    }
    const char *short_name = strrchr(name, '.');
    short_name = short_name != NULL ? short_name + 1 : name;
    char symbol[256];
    snprintf(symbol, sizeof symbol, "MiniInit_%s", short_name);
    dlerror();
    void *sym = dlsym(handle, symbol);
    if (sym == NULL) {
        dlclose(handle);
        MiniErr_Format(MiniExc_ImportError, "dynamic module %.400s does not define init function %.250s",
                       path, symbol);
        return NULL;
    }
    MiniInitFunc init;
    memcpy(&init, &sym, sizeof init);  /* object pointer to function pointer, as POSIX allows */
    m = run_init(init, name);
    if (m == NULL) return NULL;
    MiniObject *file = MiniUnicode_FromString(path);
    if (file == NULL || MiniDict_SetItemString(MiniModule_GetDict(m), "__file__", file) < 0 ||
        cache_module(name, m) < 0) {
        Mini_XDECREF(file);
        MiniModule_ClearNamespace(m);
        Mini_DECREF(m);
        return NULL;
    }
    Mini_DECREF(file);
    return m;
}

/* ----- start-up and shut-down -------------------------------------------------------------- */

/* Called by Mini_Initialize with the GIL held: readies the types defined next to the import
 * machinery (functions, modules, matrices) and creates the module cache. 0 / -1. */
int _MiniImport_Init(void)
{
    if (MiniType_Ready(&MiniCFunction_Type) < 0 || MiniType_Ready(&MiniModule_Type) < 0 ||
        MiniType_Ready(&MiniMatrix_Type) < 0) {
        return -1;
    }
    if (module_cache == NULL) {
        module_cache = MiniDict_New();
        if (module_cache == NULL) return -1;
    }
    return 0;
}

/* Called by Mini_Finalize with the GIL held: empties the cache, clears each module's namespace
 * so its functions and the module can be freed, and drops the cache. */
void _MiniImport_Fini(void)
{
    if (module_cache == NULL) return;
    MiniObject *modules = MiniDict_Values(module_cache);
    MiniDict_Clear(module_cache);
    if (modules != NULL) {
        for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(modules); i++) {
            MiniObject *m = MiniList_GET_ITEM(modules, i);
            if (MiniModule_Check(m) && MiniModule_ClearNamespace(m) < 0) MiniErr_Clear();
        }
        Mini_DECREF(modules);
    } else {
        MiniErr_Clear();
    }
    Mini_CLEAR(module_cache);
}
