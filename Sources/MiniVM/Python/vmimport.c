/* Python/vmimport.c: imports as the interpreter does them. `import x` asks the runtime's import
 * machinery (cache, built-in modules), which in turn asks the finder installed here. The finder
 * tries the frozen modules (vmfrozen.c), then each directory of sys.path (the script's directory
 * first, then the --ext-path / EXTDEMO_PATH entries) for, in this order, a package x/__init__.py,
 * a module x.py, an extension x.so; a directory x without __init__.py found on the way becomes a
 * namespace package if nothing else matches. A dotted name a.b imports a first and searches
 * a.__path__ instead of sys.path (ModuleNotFoundError "No module named 'a.b'; 'a' is not a
 * package" when a has none), and binds b as an attribute of a, as CPython's import system does.
 *
 * sys.path is a list the VM owns, rebuilt from the directories MiniVM_SetSearchPath was given
 * (each run gives its own) and read by the finder on every search, so a script's
 * sys.path.insert() is honoured; a script that assigns sys.path a new list is honoured too.
 *
 * A .py module is compiled with the compiler hook the front end installed, given __file__,
 * __package__, __spec__ (an importlib.machinery.ModuleSpec) and for a package __path__, cached in
 * sys.modules before its body runs (so circular imports see the partly initialised module; its
 * name is in the "initialising" set while the body runs, for the error IMPORT_FROM gives) and run
 * once; a failing body removes it from the cache again. The modules created this way are
 * remembered so that MiniVM_ClearPyModules can break their module <-> function cycles when a run
 * ends. */
#include "vm_internal.h"
#include "exceptions_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static MiniVMCompileFunc compiler;
static char **search_path;
static Mini_ssize_t search_count;
static int path_stale = 1;          /* path_list must be rebuilt from search_path */
static MiniObject *path_list;       /* the VM's sys.path */
static MiniObject *py_modules;      /* list of modules loaded from .py files */
static MiniObject *initialising;    /* dict: names of modules whose body is running -> True */

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
    path_stale = 1;
    if (count <= 0) return 0;
    search_path = calloc((size_t)count, sizeof(char *));
    if (search_path == NULL) { MiniErr_NoMemory(); return -1; }
    for (Mini_ssize_t i = 0; i < count; i++) {
        search_path[i] = strdup(dirs[i] ? dirs[i] : ".");
        if (search_path[i] == NULL) { MiniErr_NoMemory(); return -1; }
        search_count = i + 1;
    }
    /* A script's own `sys.path = [...]` belongs to its run: the new run sees the VM's list. */
    MiniObject *modules = Mini_IsInitialized() ? MiniImport_GetModuleDict() : NULL;
    MiniObject *sys = modules != NULL ? MiniDict_GetItemString(modules, "sys") : NULL;
    MiniObject *dict = sys != NULL && MiniModule_Check(sys) ? MiniModule_GetDict(sys) : NULL;
    if (dict != NULL && MiniDict_GetItemString(dict, "path") != NULL) MiniDict_DelItemString(dict, "path");
    return 0;
}

MiniObject *_MiniVM_SysPath(void) {
    if (path_list != NULL && !path_stale) return path_list;
    MiniObject *l = MiniList_New(0);
    if (l == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < search_count; i++) {
        MiniObject *s = MiniUnicode_FromString(search_path[i]);
        if (s == NULL || MiniList_Append(l, s) < 0) { Mini_XDECREF(s); Mini_DECREF(l); return NULL; }
        Mini_DECREF(s);
    }
    Mini_XDECREF(path_list);
    path_list = l;
    path_stale = 0;
    return path_list;
}

/* The directories the finder searches, as a malloc'ed array of UTF-8 strings (*count of them):
 * sys.path as the script sees it (its own list if it assigned one, else the VM's list once a script
 * has looked at it), else the directories MiniVM_SetSearchPath was given, read without creating
 * any object (an import from C must not change the object counts). The strings are borrowed from
 * *keep (a new reference to the list, or NULL), which the caller releases after the search.
 * NULL with an exception on failure; an empty search is a non-NULL array with *count 0. */
static const char **search_dirs_now(Mini_ssize_t *count, MiniObject **keep) {
    MiniObject *modules = MiniImport_GetModuleDict();
    MiniObject *sys = modules != NULL ? MiniDict_GetItemString(modules, "sys") : NULL;
    MiniObject *dict = sys != NULL && MiniModule_Check(sys) ? MiniModule_GetDict(sys) : NULL;
    MiniObject *list = dict != NULL ? MiniDict_GetItemString(dict, "path") : NULL;
    if (list == NULL || !MiniList_Check(list)) list = path_list != NULL && !path_stale ? path_list : NULL;
    *keep = NULL;
    *count = 0;
    Mini_ssize_t n = list != NULL ? MiniList_GET_SIZE(list) : search_count;
    const char **dirs = malloc(sizeof(char *) * (size_t)(n > 0 ? n : 1));
    if (dirs == NULL) { MiniErr_NoMemory(); return NULL; }
    if (list == NULL) {
        for (Mini_ssize_t i = 0; i < n; i++) dirs[i] = search_path[i];
        *count = n;
        return dirs;
    }
    *keep = Mini_NewRef(list);
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *entry = MiniList_GET_ITEM(list, i);
        const char *dir = MiniUnicode_Check(entry) ? MiniUnicode_AsUTF8(entry) : NULL;
        if (dir == NULL) { MiniErr_Clear(); continue; }
        dirs[(*count)++] = dir;
    }
    return dirs;
}

/* ----- the initialising set (circular imports) ------------------------------------------------- */

int _MiniVM_IsInitialising(const char *name) {
    return initialising != NULL && name != NULL && MiniDict_GetItemString(initialising, name) != NULL;
}

static int mark_initialising(const char *name, int on) {
    if (!on) {
        if (initialising != NULL && MiniDict_GetItemString(initialising, name) != NULL)
            return MiniDict_DelItemString(initialising, name);
        return 0;
    }
    if (initialising == NULL && (initialising = MiniDict_New()) == NULL) return -1;
    return MiniDict_SetItemString(initialising, name, Mini_True);
}

/* Runs code as the body of module m (already in sys.modules under name), with name in the
 * initialising set; a failing body removes m from sys.modules. New reference to m or NULL. */
MiniObject *_MiniVM_RunModuleBody(MiniObject *m, const char *name, MiniObject *code) {
    MiniObject *dict = MiniModule_GetDict(m);
    MiniObject *modules = MiniImport_GetModuleDict();
    if (mark_initialising(name, 1) < 0) { Mini_DECREF(m); return NULL; }
    MiniObject *res = MiniVM_EvalCode(code, dict, dict);
    MiniObject *exc = res == NULL ? MiniErr_GetRaisedException() : NULL;
    mark_initialising(name, 0);
    MiniErr_Clear();
    if (res == NULL) {
        if (MiniDict_GetItemString(modules, name) == m) MiniDict_DelItemString(modules, name);
        MiniErr_Clear();
        MiniErr_SetRaisedException(exc);
        Mini_DECREF(m);
        return NULL;
    }
    Mini_DECREF(res);
    /* As CPython, the import returns what sys.modules holds after the body (a module may replace
     * itself there). */
    MiniObject *now = MiniDict_GetItemString(modules, name);
    if (now != NULL && now != m) { Mini_DECREF(m); return Mini_NewRef(now); }
    return m;
}

/* ----- files ----------------------------------------------------------------------------------- */

static int is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
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

/* ----- module attributes ----------------------------------------------------------------------- */

/* A new importlib.machinery.ModuleSpec(name, None, origin=origin, is_package=...) with
 * submodule_search_locations set to locations (borrowed, may be NULL). New reference or NULL. */
static MiniObject *make_spec(const char *name, const char *origin, MiniObject *locations) {
    MiniObject *machinery = MiniImport_ImportModule("importlib.machinery");
    if (machinery == NULL) return NULL;
    MiniObject *cls = MiniObject_GetAttrString(machinery, "ModuleSpec");
    Mini_DECREF(machinery);
    if (cls == NULL) return NULL;
    MiniObject *spec = Mini_BuildValue("(sO)", name, Mini_None);
    MiniObject *kw = MiniDict_New();
    MiniObject *res = NULL;
    MiniObject *o = origin != NULL ? MiniUnicode_FromString(origin) : Mini_NewRef(Mini_None);
    if (spec != NULL && kw != NULL && o != NULL && MiniDict_SetItemString(kw, "origin", o) == 0)
        res = MiniObject_Call(cls, spec, kw);
    Mini_XDECREF(o);
    Mini_XDECREF(spec);
    Mini_XDECREF(kw);
    Mini_DECREF(cls);
    if (res != NULL && locations != NULL &&
        MiniObject_SetAttrString(res, "submodule_search_locations", locations) < 0)
        Mini_CLEAR(res);
    if (res != NULL && origin != NULL && MiniObject_SetAttrString(res, "has_location", Mini_True) < 0)
        Mini_CLEAR(res);
    return res;
}

/* Sets __file__ (when file is not NULL), __package__, __path__ (package_dir not NULL) and
 * __spec__ on a module's dict. 0 / -1. */
static int set_attrs(MiniObject *dict, const char *name, const char *file, const char *package_dir) {
    const char *dot = strrchr(name, '.');
    MiniObject *pkg = package_dir != NULL ? MiniUnicode_FromString(name)
                                          : MiniUnicode_FromStringAndSize(name, dot ? dot - name : 0);
    MiniObject *path = NULL, *spec = NULL, *f = NULL;
    int rc = -1;
    if (pkg == NULL || MiniDict_SetItemString(dict, "__package__", pkg) < 0) goto done;
    if (file != NULL && ((f = MiniUnicode_FromString(file)) == NULL || MiniDict_SetItemString(dict, "__file__", f) < 0))
        goto done;
    if (package_dir != NULL) {
        MiniObject *d = MiniUnicode_FromString(package_dir);
        if (d == NULL) goto done;
        path = MiniList_New(0);
        int bad = path == NULL || MiniList_Append(path, d) < 0;
        Mini_DECREF(d);
        if (bad || MiniDict_SetItemString(dict, "__path__", path) < 0) goto done;
    }
    if ((spec = make_spec(name, file, path)) == NULL || MiniDict_SetItemString(dict, "__spec__", spec) < 0) goto done;
    rc = 0;
done:
    Mini_XDECREF(pkg);
    Mini_XDECREF(path);
    Mini_XDECREF(spec);
    Mini_XDECREF(f);
    return rc;
}

int _MiniVM_RememberPyModule(MiniObject *m) {
    if (py_modules == NULL && (py_modules = MiniList_New(0)) == NULL) return -1;
    return MiniList_Append(py_modules, m);
}

/* Runs the .py file at path as module name (a package when package_dir is not NULL). New
 * reference or NULL. */
static MiniObject *load_py(const char *name, const char *path, const char *package_dir) {
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
    MiniObject *m = MiniModule_New(name);
    if (m == NULL) { Mini_DECREF(code); return NULL; }
    if (set_attrs(MiniModule_GetDict(m), name, path, package_dir) < 0 ||
        MiniDict_SetItemString(MiniImport_GetModuleDict(), name, m) < 0 || _MiniVM_RememberPyModule(m) < 0) {
        Mini_DECREF(code);
        Mini_DECREF(m);
        return NULL;
    }
    m = _MiniVM_RunModuleBody(m, name, code);
    Mini_DECREF(code);
    return m;
}

/* A namespace package (a directory without __init__.py): __path__ [dir], no __file__. */
static MiniObject *load_namespace(const char *name, const char *dir) {
    MiniObject *m = MiniModule_New(name);
    if (m == NULL) return NULL;
    if (set_attrs(MiniModule_GetDict(m), name, NULL, dir) < 0 ||
        MiniDict_SetItemString(MiniModule_GetDict(m), "__file__", Mini_None) < 0 ||
        MiniDict_SetItemString(MiniImport_GetModuleDict(), name, m) < 0 || _MiniVM_RememberPyModule(m) < 0)
        Mini_CLEAR(m);
    return m;
}

/* Searches the n directories dirs for the module whose last name part is leaf and loads it as
 * name. New reference; NULL without an exception when no directory has it. */
static MiniObject *search_dirs(const char *const *dirs, Mini_ssize_t n, const char *name, const char *leaf) {
    char *namespace_dir = NULL;
    size_t llen = strlen(leaf);
    MiniObject *found = NULL;
    for (Mini_ssize_t i = 0; i < n; i++) {
        const char *dir = *dirs[i] == '\0' ? "." : dirs[i];
        size_t size = strlen(dir) + llen + 16;
        char *path = malloc(size);
        if (path == NULL) { free(namespace_dir); return MiniErr_NoMemory(); }
        snprintf(path, size, "%s/%s", dir, leaf);
        if (is_dir(path)) {
            char *pkgdir = strdup(path);
            snprintf(path, size, "%s/%s/__init__.py", dir, leaf);
            if (is_file(path)) {
                found = pkgdir != NULL ? load_py(name, path, pkgdir) : MiniErr_NoMemory();
                free(pkgdir);
                free(path);
                free(namespace_dir);
                return found;
            }
            if (namespace_dir == NULL) namespace_dir = pkgdir; else free(pkgdir);
        }
        snprintf(path, size, "%s/%s.py", dir, leaf);
        if (is_file(path)) found = load_py(name, path, NULL);
        else {
            snprintf(path, size, "%s/%s.so", dir, leaf);
            if (is_file(path)) found = MiniImport_LoadDynamicModule(name, path);
            else { free(path); continue; }
        }
        free(path);
        free(namespace_dir);
        return found;
    }
    if (namespace_dir != NULL) found = load_namespace(name, namespace_dir);
    free(namespace_dir);
    return found;
}

/* search_dirs over a list of str (a package's __path__). */
static MiniObject *search_list(MiniObject *list, const char *name, const char *leaf) {
    if (!MiniList_Check(list)) return NULL;
    Mini_ssize_t n = MiniList_GET_SIZE(list), count = 0;
    const char **dirs = malloc(sizeof(char *) * (size_t)(n > 0 ? n : 1));
    if (dirs == NULL) return MiniErr_NoMemory();
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *entry = MiniList_GET_ITEM(list, i);
        const char *dir = MiniUnicode_Check(entry) ? MiniUnicode_AsUTF8(entry) : NULL;
        if (dir == NULL) { MiniErr_Clear(); continue; }
        dirs[count++] = dir;
    }
    MiniObject *m = search_dirs(dirs, count, name, leaf);
    free(dirs);
    return m;
}

/* The submodule name (a dotted name) of an imported package: its __path__ searched. */
static MiniObject *find_submodule(const char *name, const char *dot) {
    MiniObject *pname = MiniUnicode_FromStringAndSize(name, dot - name);
    MiniObject *parent = pname != NULL ? MiniImport_Import(pname) : NULL;
    Mini_XDECREF(pname);
    if (parent == NULL) return NULL;
    MiniObject *done = MiniDict_GetItemString(MiniImport_GetModuleDict(), name);
    if (done != NULL) { Mini_DECREF(parent); return Mini_NewRef(done); }
    MiniObject *dirs = MiniObject_GetAttrString(parent, "__path__");
    if (dirs == NULL) {
        MiniErr_Clear();
        MiniObject *pn = MiniUnicode_FromStringAndSize(name, dot - name);
        if (pn != NULL) MiniErr_Format(MiniExc_ModuleNotFoundError, "No module named '%s'; '%U' is not a package", name, pn);
        MiniObject *full = pn != NULL ? MiniUnicode_FromString(name) : NULL;
        if (full != NULL) { _MiniErr_SetImportErrorName(full); Mini_DECREF(full); }
        Mini_XDECREF(pn);
        Mini_DECREF(parent);
        return NULL;
    }
    MiniObject *m = search_list(dirs, name, dot + 1);
    Mini_DECREF(dirs);
    if (m != NULL && MiniObject_SetAttrString(parent, dot + 1, m) < 0) Mini_CLEAR(m);
    Mini_DECREF(parent);
    return m;
}

static MiniObject *vm_finder(const char *name, void *ctx) {
    (void)ctx;
    /* Frozen modules (Python source inside the binary, vmfrozen.c) come before the search path. */
    MiniObject *frozen = _MiniVM_FindFrozen(name);
    if (frozen != NULL || MiniErr_Occurred() != NULL) return frozen;
    if (strchr(name, '/') != NULL || *name == '\0') return NULL;
    const char *dot = strrchr(name, '.');
    if (dot != NULL) return find_submodule(name, dot);
    MiniObject *keep;
    Mini_ssize_t n;
    const char **dirs = search_dirs_now(&n, &keep);
    if (dirs == NULL) return NULL;
    MiniObject *m = search_dirs(dirs, n, name, name);
    free(dirs);
    Mini_XDECREF(keep);
    return m;
}

void _MiniVM_InstallFinder(void) { MiniImport_SetFinder(vm_finder, NULL); }

void MiniVM_ClearPyModules(void) {
    MINI_CHECK_GIL("MiniVM_ClearPyModules");
    _MiniVM_ClearExecNamespaces();   /* builtins_eval.c */
    Mini_CLEAR(initialising);
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
    Mini_CLEAR(path_list);
    Mini_CLEAR(initialising);
}
