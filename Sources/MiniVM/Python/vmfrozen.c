/* Python/vmfrozen.c: frozen modules, the Python-written part of the standard library shipped inside
 * the binary. The Swift front end installs a lookup (MiniVM_SetFrozenLookup) over the table the
 * EmbedFiles build plugin generates from Sources/MiniPy/Lib; the .py finder (vmimport.c) asks
 * here before it searches the directories of the search path. A frozen module is compiled on its
 * first import only (nothing is compiled at start-up), under the file name "<frozen NAME>" as
 * CPython names its frozen modules in tracebacks, cached in sys.modules before its body runs and
 * cleared with the other .py modules when a run ends. A dotted name imports its parent package
 * first and is bound as an attribute of it, as CPython's import system does. */
#include "vm_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MiniVMFrozenFunc frozen_lookup;

void MiniVM_SetFrozenLookup(MiniVMFrozenFunc lookup) { frozen_lookup = lookup; }

/* Sets the attributes a frozen module has before its body runs: __path__ (an empty list) for a
 * package, __package__ (the package: itself, or its parent's name). 0 / -1. */
static int set_module_attrs(MiniObject *dict, const char *name, int is_package) {
    const char *dot = strrchr(name, '.');
    MiniObject *pkg = is_package ? MiniUnicode_FromString(name)
                                 : MiniUnicode_FromStringAndSize(name, dot ? dot - name : 0);
    if (pkg == NULL) return -1;
    int rc = MiniDict_SetItemString(dict, "__package__", pkg);
    Mini_DECREF(pkg);
    if (rc < 0 || !is_package) return rc;
    MiniObject *path = MiniList_New(0);
    if (path == NULL) return -1;
    rc = MiniDict_SetItemString(dict, "__path__", path);
    Mini_DECREF(path);
    return rc;
}

/* Compiles and runs the source as module name. New reference or NULL (the module is dropped from
 * sys.modules again if its body raised). */
static MiniObject *run_frozen(const char *name, const char *src, Mini_ssize_t len, int is_package) {
    char filename[300];
    snprintf(filename, sizeof filename, "<frozen %.280s>", name);
    MiniObject *code = _MiniVM_Compile(src, len, filename);
    if (code == NULL) return NULL;
    MiniObject *m = MiniModule_New(name);
    if (m == NULL) { Mini_DECREF(code); return NULL; }
    MiniObject *dict = MiniModule_GetDict(m);
    MiniObject *modules = MiniImport_GetModuleDict();
    if (set_module_attrs(dict, name, is_package) < 0 || MiniDict_SetItemString(modules, name, m) < 0 ||
        _MiniVM_RememberPyModule(m) < 0)
        goto fail;
    m = _MiniVM_RunModuleBody(m, name, code);
    Mini_DECREF(code);
    return m;
fail:
    Mini_DECREF(code);
    Mini_DECREF(m);
    return NULL;
}

/* Binds child as attribute `last part of name` of the (already imported) parent package. */
static int bind_in_parent(MiniObject *parent, const char *name, MiniObject *child) {
    const char *dot = strrchr(name, '.');
    return MiniObject_SetAttrString(parent, dot + 1, child);
}

MiniObject *_MiniVM_FindFrozen(const char *name) {
    if (frozen_lookup == NULL) return NULL;
    Mini_ssize_t len = 0;
    int is_package = 0;
    char *src = frozen_lookup(name, &len, &is_package);
    if (src == NULL) return NULL;
    MiniObject *parent = NULL;
    const char *dot = strrchr(name, '.');
    if (dot != NULL) {
        MiniObject *pname = MiniUnicode_FromStringAndSize(name, dot - name);
        parent = pname != NULL ? MiniImport_Import(pname) : NULL;
        Mini_XDECREF(pname);
        if (parent == NULL) { free(src); return NULL; }
        /* Importing the parent may have imported this submodule already. */
        MiniObject *done = MiniDict_GetItemString(MiniImport_GetModuleDict(), name);
        if (done != NULL) {
            free(src);
            Mini_DECREF(parent);
            return Mini_NewRef(done);
        }
    }
    MiniObject *m = run_frozen(name, src, len, is_package);
    free(src);
    if (m != NULL && parent != NULL && bind_in_parent(parent, name, m) < 0) Mini_CLEAR(m);
    Mini_XDECREF(parent);
    return m;
}
