/* mini/moduleobject.h: module objects and their definitions. An extension describes itself with a
 * static MiniModuleDef (stamped with MINI_ABI_VERSION by MiniModuleDef_HEAD_INIT) and creates
 * the module in its MiniInit_<name> function with MiniModule_Create. */
#ifndef MINI_MODULEOBJECT_H
#define MINI_MODULEOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
typedef struct MiniModuleDef_Base {
    int m_abi_version;       /* MINI_ABI_VERSION the module was compiled against */
    int m_reserved;
} MiniModuleDef_Base;
#define MiniModuleDef_HEAD_INIT { MINI_ABI_VERSION, 0 }

/* A module slot, as PyModuleDef_Slot: the array ends with {0, NULL}. */
typedef struct MiniModuleDef_Slot {
    int slot;
    void *value;
} MiniModuleDef_Slot;
/* Mini_mod_gil (as Py_mod_gil): whether the module needs the GIL. An extension that can run
 * without it (its functions are safe when called from several threads at once: no unguarded
 * shared C state, borrowed references only where the owner is known to stay alive) declares
 * Mini_MOD_GIL_NOT_USED. Importing a module that does not, into a free-threaded runtime started
 * with `--gil auto`, enables the GIL with a RuntimeWarning (`--gil off` keeps it off). */
#define Mini_mod_gil 4
#define Mini_MOD_GIL_USED ((void *)0)
#define Mini_MOD_GIL_NOT_USED ((void *)1)
/* The slots of a module that declares only Mini_MOD_GIL_NOT_USED, for .m_slots (a static array). */
#define MiniModuleDef_SLOTS_GIL_NOT_USED \
    ((MiniModuleDef_Slot[]){ { Mini_mod_gil, Mini_MOD_GIL_NOT_USED }, { 0, NULL } })

typedef struct MiniModuleDef {
    MiniModuleDef_Base m_base;
    const char *m_name;
    const char *m_doc;
    Mini_ssize_t m_size;     /* per-module state bytes (-1 or 0: none) */
    MiniMethodDef *m_methods;/* NULL-terminated, may be NULL */
    MiniModuleDef_Slot *m_slots; /* {0, NULL}-terminated, may be NULL (only Mini_mod_gil is known) */
} MiniModuleDef;

extern MiniTypeObject MiniModule_Type;  /* "module" */
#define MiniModule_Check(op) MiniObject_TypeCheck((op), &MiniModule_Type)
/* New reference to a module built from def: its name, doc, and a function per method. ImportError
 * "module 'x' was compiled for Mini ABI 7, this runtime is ABI 2" on an ABI mismatch. Requires
 * the GIL. */
MiniObject *MiniModule_Create(MiniModuleDef *def);
/* Declares whether module m needs the GIL (Mini_MOD_GIL_USED or Mini_MOD_GIL_NOT_USED), for a
 * module made without m_slots, as PyUnstable_Module_SetGIL. 0, or -1 with TypeError/ValueError. */
int MiniModule_SetGIL(MiniObject *m, void *gil);
/* 1 if m declared Mini_MOD_GIL_NOT_USED (through m_slots or MiniModule_SetGIL), else 0. */
int MiniModule_GILNotUsed(MiniObject *m);
/* New reference to an empty module named name (with __name__ set). */
MiniObject *MiniModule_New(const char *name);
MiniObject *MiniModule_GetDict(MiniObject *m);          /* borrowed reference to the namespace */
const char *MiniModule_GetName(MiniObject *m);          /* borrowed UTF-8, NULL with TypeError */
MiniModuleDef *MiniModule_GetDef(MiniObject *m);        /* NULL if not created from a def */
void *MiniModule_GetState(MiniObject *m);               /* m_size bytes, zeroed; NULL if none */
/* m.name = value. AddObjectRef does not steal value; AddObject steals it on success only. 0 / -1. */
int MiniModule_AddObjectRef(MiniObject *m, const char *name, MiniObject *value);
int MiniModule_AddObject(MiniObject *m, const char *name, MiniObject *value);
int MiniModule_AddIntConstant(MiniObject *m, const char *name, long value);
int MiniModule_AddStringConstant(MiniObject *m, const char *name, const char *value);
/* Readies a static type and adds it under its short name. 0 / -1. */
int MiniModule_AddType(MiniObject *m, MiniTypeObject *type);
/* Adds the methods of a NULL-terminated table. 0 / -1. */
int MiniModule_AddFunctions(MiniObject *m, MiniMethodDef *functions);
/* Sets every namespace entry except __name__, __doc__ and __file__ to None. A module's functions
 * hold a reference to it and its dict holds them: with no cycle collector, a module with
 * functions is freed only after this breaks the cycle (the import machinery does it for every
 * cached module at Mini_Finalize). 0 / -1. Requires the GIL. */
int MiniModule_ClearNamespace(MiniObject *m);

MINI_END_DECLS
#endif /* MINI_MODULEOBJECT_H */
