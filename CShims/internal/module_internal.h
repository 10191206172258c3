/* internal/module_internal.h: the layout of module objects, shared by moduleobject.c and
 * import.c. Extensions see modules only through the MiniModule_* functions. */
#ifndef MINI_MODULE_INTERNAL_H
#define MINI_MODULE_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "module_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

typedef struct MiniModuleObject {
    MiniObject_HEAD
    MiniObject *md_dict;     /* owned: the namespace (a dict), never NULL */
    MiniModuleDef *md_def;   /* borrowed (static): the definition it was created from, or NULL */
    void *md_state;          /* md_def->m_size zeroed bytes owned by the module, or NULL */
    int md_gil_not_used;     /* declared Mini_MOD_GIL_NOT_USED */
} MiniModuleObject;

#endif
