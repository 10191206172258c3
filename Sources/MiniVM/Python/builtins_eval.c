/* vm/builtins_eval.c: the builtins that look at or run code and namespaces: compile, eval, exec,
 * globals, locals, vars, dir, delattr and input, with CPython's signatures and messages.
 *
 * compile() hands the text to the front end through the hook the Swift side installs
 * (MiniVM_SetCompilerMode, as imports of .py files do through MiniVM_SetCompiler); eval() and
 * exec() run the code object in a module-like frame whose globals and locals are the dicts given
 * (by default the caller's). locals() inside a function is a snapshot dict of its fast locals
 * and cells, as in CPython 3.11; at module and class level it is the namespace itself. */
#include "vm_internal.h"
#include "objimpl_internal.h"
#include "instvalues_internal.h"
#include "lib_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static MiniVMCompileModeFunc mode_compiler;

void MiniVM_SetCompilerMode(MiniVMCompileModeFunc compile) { mode_compiler = compile; }

/* ----- helpers ---------------------------------------------------------------------------------------- */

static int no_kw(const char *name, MiniObject *kwnames) {
    if (kwnames != NULL && MiniTuple_GET_SIZE(kwnames) > 0) {
        MiniErr_Format(MiniExc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    return 0;
}

static int nargs_between(const char *name, Mini_ssize_t n, Mini_ssize_t lo, Mini_ssize_t hi) {
    if (n >= lo && n <= hi) return 0;
    if (lo == hi)
        MiniErr_Format(MiniExc_TypeError, "%s() takes exactly %s argument%s (%zd given)", name,
                       lo == 1 ? "one" : lo == 2 ? "two" : "no", lo == 1 ? "" : "s", n);
    else if (n < lo)
        MiniErr_Format(MiniExc_TypeError, "%s expected at least %zd argument%s, got %zd", name, lo, lo == 1 ? "" : "s", n);
    else
        MiniErr_Format(MiniExc_TypeError, "%s expected at most %zd argument%s, got %zd", name, hi, hi == 1 ? "" : "s", n);
    return -1;
}

static MiniFrame *caller_frame(void) {
    MiniVMThread *ts = _MiniVM_ThreadFast();
    return ts ? ts->frame : NULL;
}

/* The caller's locals as a mapping: its namespace (module, class body, exec), or a new dict of
 * the bound fast locals and cells of a function. New reference. */
static MiniObject *frame_locals(MiniFrame *f) {
    if (f == NULL) return MiniDict_New();
    if (f->f_locals != NULL) return Mini_NewRef(f->f_locals);
    MiniCodeObject *co = f->f_code;
    MiniObject *d = MiniDict_New();
    if (d == NULL) return NULL;
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        MiniObject *v = f->localsplus[i];
        uint8_t kind = co->co_localspluskinds[i];
        if (v != NULL && (kind & (MINI_LK_CELL | MINI_LK_FREE)) && Mini_TYPE(v) == &MiniCell_Type)
            v = ((MiniCellObject *)v)->ob_ref;
        if (v == NULL) continue;
        if (MiniDict_SetItem(d, MiniTuple_GET_ITEM(co->co_localsplusnames, i), v) < 0) { Mini_DECREF(d); return NULL; }
    }
    return d;
}

/* ----- namespaces given to exec ---------------------------------------------------------------------
 * exec(src, ns) that defines functions or classes in ns leaves a cycle (ns -> function ->
 * __globals__ ns) that only a cycle collector would free. Such namespaces are kept here and
 * emptied when the run ends (MiniVM_ClearPyModules), as the __main__ namespace is. */
static MiniObject *exec_namespaces;   /* list, or NULL */

static int remember_namespace(MiniObject *ns) {
    Mini_ssize_t pos = 0;
    MiniObject *k, *v;
    int cyclic = 0;
    while (!cyclic && MiniDict_Next(ns, &pos, &k, &v))
        cyclic = MiniFunction_Check(v) || (MiniType_Check(v) && (((MiniTypeObject *)v)->tp_flags & MINI_TPFLAGS_HEAPTYPE));
    if (!cyclic) return 0;
    if (exec_namespaces == NULL && (exec_namespaces = MiniList_New(0)) == NULL) return -1;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(exec_namespaces); i++)
        if (MiniList_GET_ITEM(exec_namespaces, i) == ns) return 0;
    return MiniList_Append(exec_namespaces, ns);
}

void _MiniVM_ClearExecNamespaces(void) {
    MiniObject *list = exec_namespaces;
    exec_namespaces = NULL;
    if (list == NULL) return;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(list); i++) MiniDict_Clear(MiniList_GET_ITEM(list, i));
    Mini_DECREF(list);
}

/* ----- compile, eval, exec ------------------------------------------------------------------------------ */

/* Source text of a str / bytes argument (borrowed C string valid while obj lives), or NULL with
 * TypeError naming the builtin. */
static const char *source_text(MiniObject *obj, const char *fname, Mini_ssize_t *len) {
    if (MiniUnicode_Check(obj)) {
        const char *s = MiniUnicode_AsUTF8AndSize(obj, len);
        return s;
    }
    if (MiniBytes_Check(obj)) {
        *len = MiniBytes_Size(obj);
        return MiniBytes_AsString(obj);
    }
    if (strcmp(fname, "compile") == 0)
        MiniErr_Format(MiniExc_TypeError, "compile() arg 1 must be a string, bytes or AST object");
    else
        MiniErr_Format(MiniExc_TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
    return NULL;
}

static MiniObject *compile_text(const char *src, Mini_ssize_t len, const char *filename, int mode) {
    if (mode_compiler == NULL) return MiniErr_Format(MiniExc_RuntimeError, "compile(): no compiler is installed");
    if (memchr(src, '\0', (size_t)len) != NULL)
        return MiniErr_Format(MiniExc_ValueError, "source code string cannot contain null bytes");
    if (mode == 1) {
        /* eval() ignores leading spaces and tabs, as CPython does. */
        while (len > 0 && (*src == ' ' || *src == '\t')) { src++; len--; }
    }
    char *copy = MiniMem_Malloc((size_t)len + 1);
    if (copy == NULL) return MiniErr_NoMemory();
    memcpy(copy, src, (size_t)len);
    copy[len] = '\0';
    MiniObject *code = mode_compiler(copy, len, filename, mode);
    MiniMem_Free(copy);
    return code;
}

static MiniObject *builtin_compile(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    static const char *const names[] = { "source", "filename", "mode", "flags", "dont_inherit", "optimize" };
    MiniObject *a[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
    if (nargs > 6) return MiniErr_Format(MiniExc_TypeError, "compile() takes at most 6 arguments (%zd given)", nargs);
    for (Mini_ssize_t i = 0; i < nargs; i++) a[i] = args[i];
    for (Mini_ssize_t k = 0, nk = kwnames ? MiniTuple_GET_SIZE(kwnames) : 0; k < nk; k++) {
        MiniObject *key = MiniTuple_GET_ITEM(kwnames, k);
        int found = -1;
        for (int i = 0; i < 6; i++) if (MiniUnicode_EqualToUTF8(key, names[i])) found = i;
        if (found < 0) return MiniErr_Format(MiniExc_TypeError, "compile() got an unexpected keyword argument '%U'", key);
        if (a[found] != NULL)
            return MiniErr_Format(MiniExc_TypeError, "argument for compile() given by name ('%s') and position (%d)",
                                  names[found], found + 1);
        a[found] = args[nargs + k];
    }
    for (int i = 0; i < 3; i++)
        if (a[i] == NULL)
            return MiniErr_Format(MiniExc_TypeError, "compile() missing required argument '%s' (pos %d)", names[i], i + 1);
    if (MiniCode_Check(a[0])) return Mini_NewRef(a[0]);
    if (!MiniUnicode_Check(a[2]))
        return MiniErr_Format(MiniExc_TypeError, "compile() argument 'mode' must be str, not %s", MiniType_Name(Mini_TYPE(a[2])));
    int mode = MiniUnicode_EqualToUTF8(a[2], "exec") ? 0 : MiniUnicode_EqualToUTF8(a[2], "eval") ? 1
             : MiniUnicode_EqualToUTF8(a[2], "single") ? 2 : -1;
    if (mode < 0) return MiniErr_Format(MiniExc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
    const char *filename;
    if (MiniUnicode_Check(a[1])) filename = MiniUnicode_AsUTF8(a[1]);
    else if (MiniBytes_Check(a[1])) filename = MiniBytes_AsString(a[1]);
    else return MiniErr_Format(MiniExc_TypeError, "compile() argument 'filename' must be str, bytes or os.PathLike, not %s",
                               MiniType_Name(Mini_TYPE(a[1])));
    Mini_ssize_t len;
    const char *src = source_text(a[0], "compile", &len);
    if (src == NULL) return NULL;
    return compile_text(src, len, filename, mode);
}

/* eval / exec: (source, globals=None, locals=None). mode 1 (eval) or 0 (exec). */
static MiniObject *run_source(const char *fname, int mode, MiniObject *const *args, Mini_ssize_t nargs,
                              MiniObject *kwnames) {
    MiniObject *a[3] = { NULL, NULL, NULL };
    static const char *const names[] = { "source", "globals", "locals" };
    if (nargs > 3) return MiniErr_Format(MiniExc_TypeError, "%s expected at most 3 arguments, got %zd", fname, nargs);
    for (Mini_ssize_t i = 0; i < nargs; i++) a[i] = args[i];
    for (Mini_ssize_t k = 0, nk = kwnames ? MiniTuple_GET_SIZE(kwnames) : 0; k < nk; k++) {
        MiniObject *key = MiniTuple_GET_ITEM(kwnames, k);
        int found = -1;
        for (int i = 1; i < 3; i++) if (MiniUnicode_EqualToUTF8(key, names[i])) found = i;
        if (found < 0) return MiniErr_Format(MiniExc_TypeError, "%s() takes no keyword arguments", fname);
        a[found] = args[nargs + k];
    }
    if (a[0] == NULL) return MiniErr_Format(MiniExc_TypeError, "%s expected at least 1 argument, got 0", fname);
    MiniObject *globals = a[1] == Mini_None ? NULL : a[1], *locals = a[2] == Mini_None ? NULL : a[2];
    if (globals != NULL && !MiniDict_Check(globals))
        return MiniErr_Format(MiniExc_TypeError, mode ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                                      : "exec() globals must be a dict, not %s", MiniType_Name(Mini_TYPE(globals)));
    if (locals != NULL && (Mini_TYPE(locals)->tp_as_mapping == NULL || Mini_TYPE(locals)->tp_as_mapping->mp_subscript == NULL))
        return MiniErr_Format(MiniExc_TypeError, mode ? "locals must be a mapping" : "locals must be a mapping or None, not %s",
                              MiniType_Name(Mini_TYPE(locals)));
    MiniObject *own_locals = NULL;
    if (globals == NULL) {
        MiniFrame *f = caller_frame();
        if (f == NULL) return MiniErr_Format(MiniExc_SystemError, "%s(): no current frame", fname);
        globals = f->f_globals;
        if (locals == NULL) {
            if ((own_locals = frame_locals(f)) == NULL) return NULL;
            locals = own_locals;
        }
    } else if (locals == NULL) {
        locals = globals;
    }
    if (MiniDict_GetItemString(globals, "__builtins__") == NULL &&
        MiniDict_SetItemString(globals, "__builtins__", MiniVM_Builtins()) < 0) {
        Mini_XDECREF(own_locals);
        return NULL;
    }
    MiniObject *code;
    if (MiniCode_Check(a[0])) {
        code = Mini_NewRef(a[0]);
    } else {
        Mini_ssize_t len;
        const char *src = source_text(a[0], fname, &len);
        code = src ? compile_text(src, len, "<string>", mode) : NULL;
    }
    MiniObject *res = code ? MiniVM_EvalCode(code, globals, locals) : NULL;
    Mini_XDECREF(code);
    if (own_locals == NULL) {
        if (remember_namespace(globals) < 0 || (MiniDict_Check(locals) && locals != globals && remember_namespace(locals) < 0))
            Mini_CLEAR(res);
    }
    Mini_XDECREF(own_locals);
    if (res != NULL && mode == 0) Mini_SETREF(res, Mini_NewRef(Mini_None));
    return res;
}

static MiniObject *builtin_eval(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    return run_source("eval", 1, args, nargs, kwnames);
}

static MiniObject *builtin_exec(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    return run_source("exec", 0, args, nargs, kwnames);
}

/* ----- namespaces ------------------------------------------------------------------------------------------ */

static MiniObject *builtin_globals(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self; (void)args;
    if (no_kw("globals", kwnames) < 0 || nargs_between("globals", nargs, 0, 0) < 0) return NULL;
    MiniFrame *f = caller_frame();
    if (f == NULL || f->f_globals == NULL) return MiniDict_New();
    return Mini_NewRef(f->f_globals);
}

static MiniObject *builtin_locals(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self; (void)args;
    if (no_kw("locals", kwnames) < 0 || nargs_between("locals", nargs, 0, 0) < 0) return NULL;
    return frame_locals(caller_frame());
}

static MiniObject *builtin_vars(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_kw("vars", kwnames) < 0 || nargs_between("vars", nargs, 0, 1) < 0) return NULL;
    if (nargs == 0) return frame_locals(caller_frame());
    MiniObject *d = MiniObject_GetAttrString(args[0], "__dict__");
    if (d == NULL && MiniErr_ExceptionMatches(MiniExc_AttributeError)) {
        MiniErr_Clear();
        MiniErr_SetString(MiniExc_TypeError, "vars() argument must have __dict__ attribute");
    }
    return d;
}

/* Adds the keys of the mapping (a dict) to the set. */
static int add_keys(MiniObject *set, MiniObject *dict) {
    if (dict == NULL || !MiniDict_Check(dict)) return 0;
    Mini_ssize_t pos = 0;
    MiniObject *k, *v;
    while (MiniDict_Next(dict, &pos, &k, &v))
        if (MiniSet_Add(set, k) < 0) return -1;
    return 0;
}

static int add_type_attrs(MiniObject *set, MiniTypeObject *t) {
    MiniObject *mro = _MiniType_MROTuple(t);
    if (mro == NULL) return -1;
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(mro); i++)
        if (add_keys(set, ((MiniTypeObject *)MiniTuple_GET_ITEM(mro, i))->tp_dict) < 0) { Mini_DECREF(mro); return -1; }
    Mini_DECREF(mro);
    return 0;
}

/* The default dir(obj): a module's names; a class's attributes through its MRO; an instance's
 * __dict__ plus its class's attributes. */
static MiniObject *default_dir(MiniObject *obj) {
    MiniObject *set = MiniSet_New(NULL);
    if (set == NULL) return NULL;
    int r = 0;
    if (MiniModule_Check(obj)) {
        r = add_keys(set, MiniModule_GetDict(obj));
    } else if (MiniType_Check(obj)) {
        r = add_type_attrs(set, (MiniTypeObject *)obj);
    } else {
        MiniObject **dictptr = _MiniObject_DictPtr(obj);
        if (dictptr != NULL) r = _MiniInst_Materialize(obj);   /* dir() reads the names from a dict */
        if (dictptr != NULL && r == 0) r = add_keys(set, *dictptr);
        if (r == 0) r = add_type_attrs(set, Mini_TYPE(obj));
    }
    MiniObject *list = r < 0 ? NULL : MiniList_New(0);
    if (list != NULL && MiniList_Extend(list, set) < 0) Mini_CLEAR(list);
    Mini_DECREF(set);
    return list;
}

static MiniObject *builtin_dir(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_kw("dir", kwnames) < 0 || nargs_between("dir", nargs, 0, 1) < 0) return NULL;
    MiniObject *list;
    if (nargs == 0) {
        MiniObject *loc = frame_locals(caller_frame());
        if (loc == NULL) return NULL;
        list = MiniList_New(0);
        if (list != NULL && MiniList_Extend(list, loc) < 0) Mini_CLEAR(list);
        Mini_DECREF(loc);
    } else {
        int found;
        MiniObject *r = MiniType_Check(args[0]) ? NULL : _MiniVM_CallDunder(args[0], "__dir__", NULL, 0, &found);
        if (MiniType_Check(args[0])) found = 0;
        if (found) {
            if (r == NULL) return NULL;
            list = MiniList_New(0);
            if (list != NULL && MiniList_Extend(list, r) < 0) Mini_CLEAR(list);
            Mini_DECREF(r);
        } else {
            if (MiniErr_Occurred()) return NULL;
            list = default_dir(args[0]);
        }
    }
    if (list != NULL && MiniList_Sort(list) < 0) Mini_CLEAR(list);
    return list;
}

static MiniObject *builtin_delattr(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_kw("delattr", kwnames) < 0 || nargs_between("delattr", nargs, 2, 2) < 0) return NULL;
    if (MiniObject_SetAttr(args[0], args[1], NULL) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* ----- input ---------------------------------------------------------------------------------------------- */

/* input(prompt=''): writes the prompt, reads one line from sys.stdin (its readline(): the shared
 * standard-input buffer of vmstdin.c with the GIL released while waiting, or whatever object a
 * script put there), without its newline; EOFError "EOF when reading a line" at end of input. */
static MiniObject *builtin_input(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_kw("input", kwnames) < 0 || nargs_between("input", nargs, 0, 1) < 0) return NULL;
    if (nargs == 1) {
        MiniObject *p = MiniObject_Str(args[0]);
        if (p == NULL) return NULL;
        Mini_ssize_t n;
        const char *s = MiniUnicode_AsUTF8AndSize(p, &n);
        if (s != NULL) MiniVM_Write(1, s, n);
        Mini_DECREF(p);
        if (s == NULL) return NULL;
    }
    MiniVM_Flush();
    MiniObject *modules = MiniImport_GetModuleDict();
    MiniObject *sys = modules != NULL ? MiniDict_GetItemString(modules, "sys") : NULL;
    MiniObject *in = sys != NULL && MiniModule_Check(sys) ? MiniDict_GetItemString(MiniModule_GetDict(sys), "stdin") : NULL;
    MiniObject *line = in != NULL ? MiniObject_CallMethodObjArgs(in, "readline", NULL) : _MiniVM_StdinRead(-1, 1, NULL);
    if (line == NULL) return NULL;
    if (!MiniUnicode_Check(line)) {
        MiniErr_Format(MiniExc_TypeError, "object.readline() returned non-string");
        Mini_DECREF(line);
        return NULL;
    }
    Mini_ssize_t n;
    const char *s = MiniUnicode_AsUTF8AndSize(line, &n);
    if (s == NULL) { Mini_DECREF(line); return NULL; }
    if (n == 0) {
        Mini_DECREF(line);
        MiniErr_SetString(MiniExc_EOFError, "EOF when reading a line");
        return NULL;
    }
    if (s[n - 1] != '\n') return line;
    MiniObject *res = MiniUnicode_FromStringAndSize(s, n - 1);
    Mini_DECREF(line);
    return res;
}

/* ----- registration ----------------------------------------------------------------------------------------- */

int _MiniVM_InitEvalBuiltins(MiniObject *builtins) {
    static const struct { const char *name; MiniVMFastFunc fn; } fns[] = {
        { "compile", builtin_compile }, { "eval", builtin_eval }, { "exec", builtin_exec },
        { "globals", builtin_globals }, { "locals", builtin_locals }, { "vars", builtin_vars },
        { "dir", builtin_dir }, { "delattr", builtin_delattr }, { "input", builtin_input },
        { NULL, NULL },
    };
    for (int i = 0; fns[i].name != NULL; i++) {
        if (MiniDict_GetItemString(builtins, fns[i].name) != NULL) continue;
        MiniObject *f = _MiniVMBuiltin_New(fns[i].name, fns[i].fn, NULL);
        int r = f ? MiniDict_SetItemString(builtins, fns[i].name, f) : -1;
        Mini_XDECREF(f);
        if (r < 0) return -1;
    }
    return 0;
}
