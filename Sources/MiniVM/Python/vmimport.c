/* Python/vmimport.c: imports as the interpreter does them. `import x` asks the runtime's import
 * machinery (cache, built-in modules), which in turn asks the finder installed here: it looks for
 * x.py, then x.so, in the search path (the script's directory first). A .py module is compiled
 * with the compiler hook the front end installed, cached in sys.modules before its body runs
 * (so circular imports see the partly initialised module), and run once with its own namespace;
 * a failing body removes it from the cache again. The modules created this way are remembered so
 * that MiniVM_ClearPyModules can break their module <-> function cycles when a run ends. */
#include "vm_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static MiniVMCompileFunc compiler;
static char **search_path;
static Mini_ssize_t search_count;
static MiniObject *py_modules;     /* list of modules loaded from .py files */

void MiniVM_SetCompiler(MiniVMCompileFunc compile) { compiler = compile; }

MiniObject *_MiniVM_Compile(const char *src, Mini_ssize_t len, const char *filename) {
    if (compiler == NULL) {
        MiniErr_Format(MiniExc_ImportError, "cannot compile %s: no compiler is installed", filename);
        return NULL;
    }
    return compiler(src, len, filename);
}

int MiniVM_SetSearchPath(const char *const *dirs, Mini_ssize_t count) {
    for (Mini_ssize_t i = 0; i < search_count; i++) free(search_path[i]);
    free(search_path);
    search_path = NULL;
    search_count = 0;
    if (count <= 0) return 0;
    search_path = calloc((size_t)count, sizeof(char *));
    if (search_path == NULL) { MiniErr_NoMemory(); return -1; }
    for (Mini_ssize_t i = 0; i < count; i++) {
        search_path[i] = strdup(dirs[i] ? dirs[i] : ".");
        if (search_path[i] == NULL) { MiniErr_NoMemory(); return -1; }
        search_count = i + 1;
    }
    return 0;
}

static int is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *read_file(const char *path, Mini_ssize_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    size_t cap = 8192, n = 0, r;
    char *buf = malloc(cap);
    while (buf != NULL && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL) { free(buf); buf = NULL; break; }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf != NULL) buf[n < cap ? n : cap - 1] = '\0';
    *len = (Mini_ssize_t)n;
    return buf;
}

/* Runs the .py file at path as module name. New reference or NULL. */
static MiniObject *load_py(const char *name, const char *path) {
    if (compiler == NULL) {
        MiniErr_Format(MiniExc_ImportError, "cannot import %s: no compiler is installed", name);
        return NULL;
    }
    Mini_ssize_t len;
    char *src = read_file(path, &len);
    if (src == NULL) {
        MiniErr_Format(MiniExc_ImportError, "cannot read %s", path);
        return NULL;
    }
    MiniVM_RegisterSource(path, src, len);
    MiniObject *code = compiler(src, len, path);
    free(src);
    if (code == NULL) return NULL;
    MiniObject *m = MiniModule_New(name), *res = NULL;
    if (m == NULL) { Mini_DECREF(code); return NULL; }
    MiniObject *dict = MiniModule_GetDict(m);
    MiniObject *file = MiniUnicode_FromString(path);
    MiniObject *modules = MiniImport_GetModuleDict();
    if (file == NULL || MiniDict_SetItemString(dict, "__file__", file) < 0 ||
        MiniDict_SetItemString(modules, name, m) < 0)
        goto fail;
    if (py_modules == NULL && (py_modules = MiniList_New(0)) == NULL) goto fail;
    if (MiniList_Append(py_modules, m) < 0) goto fail;
    res = MiniVM_EvalCode(code, dict, dict);
    if (res == NULL) {
        MiniObject *exc = MiniErr_GetRaisedException();
        if (MiniDict_GetItemString(modules, name) == m) MiniDict_DelItemString(modules, name);
        MiniErr_Clear();
        MiniErr_SetRaisedException(exc);
        goto fail;
    }
    Mini_DECREF(res);
    Mini_DECREF(file);
    Mini_DECREF(code);
    return m;
fail:
    Mini_XDECREF(file);
    Mini_DECREF(code);
    Mini_DECREF(m);
    return NULL;
}

static MiniObject *vm_finder(const char *name, void *ctx) {
    (void)ctx;
    /* Frozen modules (Python source inside the binary, vmfrozen.c) come before the search path. */
    MiniObject *frozen = _MiniVM_FindFrozen(name);
    if (frozen != NULL || MiniErr_Occurred() != NULL) return frozen;
    if (strchr(name, '/') != NULL) return NULL;
    size_t nlen = strlen(name);
    for (Mini_ssize_t i = 0; i < search_count; i++) {
        size_t dlen = strlen(search_path[i]);
        char *path = malloc(dlen + nlen + 8);
        if (path == NULL) return MiniErr_NoMemory();
        snprintf(path, dlen + nlen + 8, "%s/%s.py", search_path[i], name);
        if (is_file(path)) {
            MiniObject *m = load_py(name, path);
            free(path);
            return m;
        }
        snprintf(path, dlen + nlen + 8, "%s/%s.so", search_path[i], name);
        if (is_file(path)) {
            MiniObject *m = MiniImport_LoadDynamicModule(name, path);
            free(path);
            return m;
        }
        free(path);
    }
    return NULL;
}

int _MiniVM_RememberPyModule(MiniObject *m) {
    if (py_modules == NULL && (py_modules = MiniList_New(0)) == NULL) return -1;
    return MiniList_Append(py_modules, m);
}

void _MiniVM_InstallFinder(void) { MiniImport_SetFinder(vm_finder, NULL); }

/* IMPORT_NAME: imports the full dotted name (so every package on the way is loaded), then
 * returns what the statement binds: with no fromlist (`import a.b`) the top-level package a, as
 * CPython's __import__ does; with one (`from a.b import x`, `import a.b as c`) the module a.b. */
MiniObject *_MiniVM_ImportName(MiniObject *name, MiniObject *fromlist, MiniObject *globals) {
    (void)globals;
    MiniObject *leaf = MiniImport_Import(name);
    if (leaf == NULL) return NULL;
    int has_fromlist = fromlist != NULL && fromlist != Mini_None &&
                       !(MiniTuple_Check(fromlist) && MiniTuple_GET_SIZE(fromlist) == 0);
    const char *dotted = MiniUnicode_AsUTF8(name);
    const char *dot = dotted != NULL ? strchr(dotted, '.') : NULL;
    if (has_fromlist || dot == NULL) return leaf;
    MiniObject *top_name = MiniUnicode_FromStringAndSize(dotted, dot - dotted);
    if (top_name == NULL) { Mini_DECREF(leaf); return NULL; }
    MiniObject *top = MiniImport_Import(top_name);
    Mini_DECREF(top_name);
    Mini_DECREF(leaf);
    return top;
}

void MiniVM_ClearPyModules(void) {
    MINI_CHECK_GIL("MiniVM_ClearPyModules");
    _MiniVM_ClearExecNamespaces();   /* builtins_eval.c */
    if (py_modules == NULL) return;
    MiniObject *list = py_modules;
    py_modules = NULL;
    MiniObject *modules = MiniImport_GetModuleDict();
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(list); i++) {
        MiniObject *m = MiniList_GET_ITEM(list, i);
        const char *name = MiniModule_GetName(m);
        if (name != NULL && modules != NULL && MiniDict_GetItemString(modules, name) == m)
            MiniDict_DelItemString(modules, name);
        MiniErr_Clear();
        MiniModule_ClearNamespace(m);
        MiniErr_Clear();
    }
    Mini_DECREF(list);
}

void _MiniVM_FiniImport(void) {
    MiniVM_SetSearchPath(NULL, 0);
    Mini_CLEAR(py_modules);
}
