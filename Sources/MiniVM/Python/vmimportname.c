/* Python/vmimportname.c: what an import statement asks for, turned into absolute module names,
 * as CPython's __import__ does it. IMPORT_NAME and the builtin __import__ land here:
 *   - a relative name (level > 0) is resolved against the importer's package: __package__, else
 *     __spec__.parent, else __name__ (itself for a package, which has __path__; else all but its
 *     last part). ImportError "attempted relative import with no known parent package" when that
 *     is empty, "attempted relative import beyond top-level package" when level climbs past it;
 *   - the full dotted name is imported (every package on the way first, by the finder);
 *   - without a fromlist (`import a.b`) the statement binds the top-level package a; with one,
 *     the module itself, after importing each name of the fromlist that is a submodule of a
 *     package and not yet an attribute of it (`from . import x`, `from pkg import sub`). A
 *     submodule that does not exist is not an error here: IMPORT_FROM reports the missing name. */
#include "vm_internal.h"

#include <stdio.h>
#include <string.h>

/* A new reference to the importer's package name (str), or NULL with ImportError. */
static MiniObject *importer_package(MiniObject *globals) {
    MiniObject *pkg = globals != NULL && MiniDict_Check(globals) ? MiniDict_GetItemString(globals, "__package__") : NULL;
    if (pkg != NULL && pkg != Mini_None) {
        if (!MiniUnicode_Check(pkg)) {
            MiniErr_SetString(MiniExc_TypeError, "package must be a string");
            return NULL;
        }
        return Mini_NewRef(pkg);
    }
    MiniObject *spec = globals != NULL && MiniDict_Check(globals) ? MiniDict_GetItemString(globals, "__spec__") : NULL;
    if (spec != NULL && spec != Mini_None) {
        MiniObject *parent = MiniObject_GetAttrString(spec, "parent");
        if (parent != NULL && MiniUnicode_Check(parent)) return parent;
        Mini_XDECREF(parent);
        MiniErr_Clear();
    }
    MiniObject *name = globals != NULL && MiniDict_Check(globals) ? MiniDict_GetItemString(globals, "__name__") : NULL;
    if (name == NULL || !MiniUnicode_Check(name)) {
        MiniErr_SetString(MiniExc_KeyError, "'__name__' not in globals");
        return NULL;
    }
    if (MiniDict_GetItemString(globals, "__path__") != NULL) return Mini_NewRef(name);
    const char *s = MiniUnicode_AsUTF8(name);
    const char *dot = s != NULL ? strrchr(s, '.') : NULL;
    return MiniUnicode_FromStringAndSize(s != NULL ? s : "", dot != NULL ? dot - s : 0);
}

/* The absolute name of `level` dots followed by name, from the importer's globals. New
 * reference or NULL. */
static MiniObject *resolve_name(MiniObject *name, MiniObject *globals, long level) {
    MiniObject *pkg = importer_package(globals);
    if (pkg == NULL) return NULL;
    const char *p = MiniUnicode_AsUTF8(pkg);
    if (p == NULL) { Mini_DECREF(pkg); return NULL; }
    if (*p == '\0') {
        Mini_DECREF(pkg);
        MiniErr_SetString(MiniExc_ImportError, "attempted relative import with no known parent package");
        return NULL;
    }
    Mini_ssize_t end = (Mini_ssize_t)strlen(p);
    for (long i = 1; i < level; i++) {
        while (end > 0 && p[end - 1] != '.') end--;
        if (end == 0) {
            Mini_DECREF(pkg);
            MiniErr_SetString(MiniExc_ImportError, "attempted relative import beyond top-level package");
            return NULL;
        }
        end--;
    }
    const char *n = MiniUnicode_AsUTF8(name);
    MiniObject *base = MiniUnicode_FromStringAndSize(p, end);
    MiniObject *res = base != NULL && n != NULL && *n != '\0' ? MiniUnicode_FromFormat("%U.%s", base, n) : Mini_XNewRef(base);
    Mini_XDECREF(base);
    Mini_DECREF(pkg);
    return res;
}

/* 1 when the pending exception is ModuleNotFoundError for exactly `full` (then it is cleared). */
static int clear_not_found(MiniObject *full) {
    if (!MiniErr_ExceptionMatches(MiniExc_ModuleNotFoundError)) return 0;
    MiniObject *exc = MiniErr_GetRaisedException();
    MiniObject *msg = exc != NULL ? MiniObject_Str(exc) : NULL;
    MiniObject *want = MiniUnicode_FromFormat("No module named '%U'", full);
    int same = msg != NULL && want != NULL && MiniObject_RichCompareBool(msg, want, Mini_EQ) == 1;
    Mini_XDECREF(msg);
    Mini_XDECREF(want);
    if (same) { Mini_XDECREF(exc); MiniErr_Clear(); return 1; }
    MiniErr_Clear();
    MiniErr_SetRaisedException(exc);
    return 0;
}

/* Imports each name of fromlist that is not an attribute of the package module as submodule
 * modname.name. 0 / -1. */
static int handle_fromlist(MiniObject *module, MiniObject *modname, MiniObject *fromlist) {
    MiniObject *path = MiniObject_GetAttrString(module, "__path__");
    if (path == NULL) { MiniErr_Clear(); return 0; }
    Mini_DECREF(path);
    MiniObject *seq = MiniObject_GetIter(fromlist), *item;
    if (seq == NULL) return -1;
    int rc = 0;
    while (rc == 0 && (item = MiniIter_Next(seq)) != NULL) {
        Mini_DECREF(item);   /* fromlist holds it */
        if (!MiniUnicode_Check(item)) {
            MiniErr_Format(MiniExc_TypeError, "Item in %U.__all__ must be str, not %.100s", modname,
                           Mini_TYPE(item)->tp_name);
            rc = -1;
            break;
        }
        if (MiniUnicode_EqualToUTF8(item, "*")) continue;
        MiniObject *have = MiniObject_GetAttr(module, item);
        if (have != NULL) { Mini_DECREF(have); continue; }
        MiniErr_Clear();
        MiniObject *full = MiniUnicode_FromFormat("%U.%U", modname, item);
        if (full == NULL) { rc = -1; break; }
        MiniObject *sub = MiniImport_Import(full);
        if (sub != NULL) Mini_DECREF(sub);
        else if (!clear_not_found(full)) rc = -1;
        Mini_DECREF(full);
    }
    Mini_DECREF(seq);
    if (rc == 0 && MiniErr_Occurred()) rc = -1;
    return rc;
}

MiniObject *_MiniVM_ImportName(MiniObject *name, MiniObject *fromlist, long level, MiniObject *globals) {
    if (!MiniUnicode_Check(name)) {
        MiniErr_Format(MiniExc_TypeError, "module name must be str, not %.100s", Mini_TYPE(name)->tp_name);
        return NULL;
    }
    if (level < 0) {
        MiniErr_SetString(MiniExc_ValueError, "level must be >= 0");
        return NULL;
    }
    MiniObject *full = level > 0 ? resolve_name(name, globals, level) : Mini_NewRef(name);
    if (full == NULL) return NULL;
    if (MiniUnicode_GetLength(full) == 0) {
        Mini_DECREF(full);
        MiniErr_SetString(MiniExc_ValueError, "Empty module name");
        return NULL;
    }
    MiniObject *leaf = MiniImport_Import(full);
    if (leaf == NULL) { Mini_DECREF(full); return NULL; }
    int has_fromlist = fromlist != NULL && fromlist != Mini_None && MiniObject_IsTrue(fromlist) == 1;
    if (has_fromlist) {
        if (handle_fromlist(leaf, full, fromlist) < 0) Mini_CLEAR(leaf);
        Mini_DECREF(full);
        return leaf;
    }
    const char *dotted = MiniUnicode_AsUTF8(full);
    const char *dot = dotted != NULL ? strchr(dotted, '.') : NULL;
    if (dot == NULL || level > 0) { Mini_DECREF(full); return leaf; }
    MiniObject *top_name = MiniUnicode_FromStringAndSize(dotted, dot - dotted);
    Mini_DECREF(full);
    Mini_DECREF(leaf);
    if (top_name == NULL) return NULL;
    MiniObject *top = MiniImport_Import(top_name);
    Mini_DECREF(top_name);
    return top;
}

/* __import__(name, globals=None, locals=None, fromlist=(), level=0), as the import statement
 * uses it. */
static MiniObject *builtin_import(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)self;
    static char *keywords[] = {"name", "globals", "locals", "fromlist", "level", NULL};
    MiniObject *name, *globals = NULL, *locals = NULL, *fromlist = NULL;
    int level = 0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|OOOi:__import__", keywords, &name, &globals, &locals,
                                       &fromlist, &level))
        return NULL;
    (void)locals;
    return _MiniVM_ImportName(name, fromlist, level, globals != Mini_None ? globals : NULL);
}

static MiniMethodDef import_def = {
    "__import__", _MiniCFunction_CAST(builtin_import), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
    "__import__(name, globals=None, locals=None, fromlist=(), level=0) -> module",
};

int _MiniVM_AddImportBuiltin(MiniObject *builtins) {
    MiniObject *f = MiniCFunction_New(&import_def, NULL);
    if (f == NULL) return -1;
    int rc = MiniDict_SetItemString(builtins, "__import__", f);
    Mini_DECREF(f);
    return rc;
}
