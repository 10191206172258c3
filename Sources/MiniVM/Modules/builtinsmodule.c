/* Modules/builtinsmodule.c: the `builtins` module, so `import builtins` works as in CPython
 * (programs read builtins.print, replace builtins.open, and pickle names builtin functions and
 * classes as builtins.X). The module's namespace IS the interpreter's builtins dict (not a copy):
 * setting builtins.x makes x visible to every name lookup that falls back to the builtins, as
 * in CPython. Its __name__ is "builtins". Requires the GIL. */
#include "stdlib_internal.h"
#include "module_internal.h"
#include "mini_vm.h"

/* New reference to a module object whose namespace is the VM's builtins dict, or NULL with an
 * exception (MemoryError, or RuntimeError when the VM has no builtins yet). Holds the GIL. */
MiniObject *MiniInit_builtins(void) {
    MiniObject *shared = MiniVM_Builtins();
    if (shared == NULL) {
        MiniErr_SetString(MiniExc_RuntimeError, "the interpreter's builtins are not set up");
        return NULL;
    }
    MiniObject *m = MiniModule_New("builtins");
    if (m == NULL) return NULL;
    if (MiniDict_GetItemString(shared, "__name__") == NULL) {
        MiniObject *name = MiniUnicode_FromString("builtins");
        int rc = name != NULL ? MiniDict_SetItemString(shared, "__name__", name) : -1;
        Mini_XDECREF(name);
        if (rc < 0) { Mini_DECREF(m); return NULL; }
    }
    MiniModuleObject *mod = (MiniModuleObject *)m;
    MiniObject *own = mod->md_dict;
    mod->md_dict = Mini_NewRef(shared);
    Mini_DECREF(own);
    return m;
}
