/* mini/import.h: the module registry: built-in modules registered by name before start-up
 * (the inittab), the cache of imported modules, and a finder hook the interpreter uses to load
 * .py files and shared-library extensions. */
#ifndef MINI_IMPORT_H
#define MINI_IMPORT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
/* An extension's init function: MiniObject *MiniInit_<name>(void). Called once, with the GIL
 * held, on first import; returns a new reference to the module or NULL with an exception. */
typedef MiniObject *(*MiniInitFunc)(void);

/* Registers a built-in module. Call before Mini_Initialize (as PyImport_AppendInittab): returns
 * -1 without effect once the runtime is initialised, or if name is already registered; 0 on
 * success. Needs no GIL. name is copied. */
int MiniImport_AppendInittab(const char *name, MiniInitFunc initfunc);
/* 1 if a built-in module with this name is registered. */
int MiniImport_IsBuiltin(const char *name);

/* A finder: returns a new reference to the module named name, NULL with an exception on failure,
 * or NULL without one when it does not know the name. Set by the interpreter (.py files, .so
 * extensions). Called with the GIL held. */
typedef MiniObject *(*MiniImportFinder)(const char *name, void *context);
void MiniImport_SetFinder(MiniImportFinder finder, void *context);

/* Imports name: the cached module if it was imported before, else the built-in module's init
 * function, else the finder. New reference; NULL with ModuleNotFoundError "No module named 'x'"
 * or whatever the init function raised (ImportError if it returned NULL without one). Requires
 * the GIL. */
MiniObject *MiniImport_ImportModule(const char *name);
MiniObject *MiniImport_Import(MiniObject *name);
/* Borrowed reference to the dict of imported modules (sys.modules). */
MiniObject *MiniImport_GetModuleDict(void);
/* Loads a shared-library extension: dlopen(path), finds MiniInit_<name>, checks the ABI stamp of
 * the module it returns, caches it. New reference, or NULL with ImportError saying which step
 * failed and why (dlerror's text, a missing init function, an ABI mismatch). */
MiniObject *MiniImport_LoadDynamicModule(const char *name, const char *path);

MINI_END_DECLS
#endif /* MINI_IMPORT_H */
