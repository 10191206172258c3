/* Objects/moduleobject.c: module objects. A module is a namespace (a dict holding __name__, __doc__ and
 * whatever the module defines) plus, for extension modules, the MiniModuleDef it was created
 * from and an optional zeroed per-module state block. Attribute access on a module reads and
 * writes its dict, failing with AttributeError "module 'm' has no attribute 'x'".
 *
 * Reference cycles: the functions of a module are bound to it (their self is the module, so
 * MiniModule_GetState(self) works) and the module's dict holds the functions. Without a cycle
 * collector such a module is never freed on its own; MiniModule_ClearNamespace breaks the cycle
 * (the import machinery does it for every cached module at shutdown, as CPython clears module
 * dicts during finalisation). Every function here requires the GIL. */
#include "mini.h"
#include "module_internal.h"

#include <stdio.h>
#include <string.h>

/* TypeError "<func>() argument must be a module, not 'int'" unless m is a module: 0 / -1. */
static int require_module(MiniObject *m, const char *func)
{
    if (m != NULL && MiniModule_Check(m)) return 0;
    if (m == NULL) {
        MiniErr_Format(MiniExc_SystemError, "%s() called with a NULL module", func);
    } else {
        MiniErr_Format(MiniExc_TypeError, "%s() argument must be a module, not '%.200s'", func,
                       MiniType_Name(Mini_TYPE(m)));
    }
    return -1;
}

/* The module's __name__ for messages (borrowed C string), "?" when it has none. Never fails. */
static const char *display_name(MiniModuleObject *m)
{
    MiniObject *name = MiniDict_GetItemString(m->md_dict, "__name__");
    if (name != NULL && MiniUnicode_Check(name)) {
        const char *s = MiniUnicode_AsUTF8(name);
        if (s != NULL) return s;
        MiniErr_Clear();
    }
    return "?";
}

/* New reference to an empty module whose dict holds __name__ = name and __doc__, __package__,
 * __loader__, __spec__ = None. NULL with an exception (SystemError for a NULL name, MemoryError).
 * Requires the GIL. */
MiniObject *MiniModule_New(const char *name)
{
    MINI_CHECK_GIL("MiniModule_New");
    if (name == NULL) {
        MiniErr_BadInternalCall();
        return NULL;
    }
    MiniObject *dict = MiniDict_New();
    if (dict == NULL) return NULL;
    MiniObject *name_obj = MiniUnicode_FromString(name);
    if (name_obj == NULL || MiniDict_SetItemString(dict, "__name__", name_obj) < 0 ||
        MiniDict_SetItemString(dict, "__doc__", Mini_None) < 0 ||
        MiniDict_SetItemString(dict, "__package__", Mini_None) < 0 ||
        MiniDict_SetItemString(dict, "__loader__", Mini_None) < 0 ||
        MiniDict_SetItemString(dict, "__spec__", Mini_None) < 0) {
        Mini_XDECREF(name_obj);
        Mini_DECREF(dict);
        return NULL;
    }
    Mini_DECREF(name_obj);
    MiniModuleObject *m = MiniObject_NEW(MiniModuleObject, &MiniModule_Type);
    if (m == NULL) {
        Mini_DECREF(dict);
        return NULL;
    }
    m->md_dict = dict;
    m->md_def = NULL;
    m->md_state = NULL;
    return (MiniObject *)m;
}

/* New reference to a module built from def: its name, its docstring, a zeroed state block of
 * def->m_size bytes when positive, and a function per entry of def->m_methods bound to the
 * module. def must stay valid as long as the module (it is normally static). ImportError "module
 * 'x' was compiled for Mini ABI 7, this runtime is ABI 2" when def was compiled against another
 * ABI; SystemError for a NULL def or name; MemoryError. Requires the GIL. */
MiniObject *MiniModule_Create(MiniModuleDef *def)
{
    MINI_CHECK_GIL("MiniModule_Create");
    if (def == NULL || def->m_name == NULL) {
        MiniErr_BadInternalCall();
        return NULL;
    }
    if (def->m_base.m_abi_version != MINI_ABI_VERSION) {
        MiniErr_Format(MiniExc_ImportError,
                       "module '%.200s' was compiled for Mini ABI %d, this runtime is ABI %d",
                       def->m_name, def->m_base.m_abi_version, MINI_ABI_VERSION);
        return NULL;
    }
    MiniObject *module = MiniModule_New(def->m_name);
    if (module == NULL) return NULL;
    MiniModuleObject *m = (MiniModuleObject *)module;
    m->md_def = def;
    for (MiniModuleDef_Slot *s = def->m_slots; s != NULL && s->slot != 0; s++)
        if (s->slot == Mini_mod_gil) m->md_gil_not_used = s->value == Mini_MOD_GIL_NOT_USED;
    if (def->m_doc != NULL) {
        MiniObject *doc = MiniUnicode_FromString(def->m_doc);
        if (doc == NULL || MiniDict_SetItemString(m->md_dict, "__doc__", doc) < 0) {
            Mini_XDECREF(doc);
            Mini_DECREF(module);
            return NULL;
        }
        Mini_DECREF(doc);
    }
    if (def->m_size > 0) {
        m->md_state = MiniMem_Calloc(1, (size_t)def->m_size);
        if (m->md_state == NULL) {
            Mini_DECREF(module);
            MiniErr_NoMemory();
            return NULL;
        }
    }
    if (def->m_methods != NULL && MiniModule_AddFunctions(module, def->m_methods) < 0) {
        /* Functions added before the failure refer to the module: break that cycle. */
        MiniObject *exc = MiniErr_GetRaisedException();
        MiniModule_ClearNamespace(module);
        MiniErr_SetRaisedException(exc);
        Mini_DECREF(module);
        return NULL;
    }
    return module;
}

/* Borrowed reference to the module's namespace dict; NULL with TypeError for a non-module.
 * Requires the GIL. */
MiniObject *MiniModule_GetDict(MiniObject *m)
{
    MINI_CHECK_GIL("MiniModule_GetDict");
    if (require_module(m, "MiniModule_GetDict") < 0) return NULL;
    return ((MiniModuleObject *)m)->md_dict;
}

/* The module's __name__ as a borrowed UTF-8 string (valid while the module keeps that name).
 * NULL with TypeError for a non-module, SystemError "nameless module" when __name__ is missing
 * or not a str. Requires the GIL. */
const char *MiniModule_GetName(MiniObject *m)
{
    MINI_CHECK_GIL("MiniModule_GetName");
    if (require_module(m, "MiniModule_GetName") < 0) return NULL;
    MiniObject *name = MiniDict_GetItemString(((MiniModuleObject *)m)->md_dict, "__name__");
    if (name == NULL || !MiniUnicode_Check(name)) {
        MiniErr_SetString(MiniExc_SystemError, "nameless module");
        return NULL;
    }
    return MiniUnicode_AsUTF8(name);
}

/* The definition the module was created from (borrowed), or NULL without an exception when it
 * was not created from one; NULL with TypeError for a non-module. Requires the GIL. */
MiniModuleDef *MiniModule_GetDef(MiniObject *m)
{
    MINI_CHECK_GIL("MiniModule_GetDef");
    if (require_module(m, "MiniModule_GetDef") < 0) return NULL;
    return ((MiniModuleObject *)m)->md_def;
}

/* The module's state block (def->m_size zeroed bytes, owned by the module), or NULL without an
 * exception when it has none; NULL with TypeError for a non-module. Requires the GIL. */
void *MiniModule_GetState(MiniObject *m)
{
    MINI_CHECK_GIL("MiniModule_GetState");
    if (require_module(m, "MiniModule_GetState") < 0) return NULL;
    return ((MiniModuleObject *)m)->md_state;
}

/* m.name = value without stealing value. If value is NULL an exception must already be set
 * (it is passed on: convenient for MiniModule_AddObjectRef(m, "x", MiniLong_FromLong(...))
 * patterns); otherwise SystemError. 0 / -1. Requires the GIL. */
int MiniModule_AddObjectRef(MiniObject *m, const char *name, MiniObject *value)
{
    MINI_CHECK_GIL("MiniModule_AddObjectRef");
    if (require_module(m, "MiniModule_AddObjectRef") < 0) return -1;
    if (name == NULL) {
        MiniErr_BadInternalCall();
        return -1;
    }
    if (value == NULL) {
        if (MiniErr_Occurred() == NULL) {
            MiniErr_SetString(MiniExc_SystemError,
                              "MiniModule_AddObjectRef() must be called with an exception raised "
                              "if value is NULL");
        }
        return -1;
    }
    MINI_CHECK_OBJECT(value, "MiniModule_AddObjectRef");
    return MiniDict_SetItemString(((MiniModuleObject *)m)->md_dict, name, value);
}

/* As MiniModule_AddObjectRef, but steals the reference to value on success (only). 0 / -1. */
int MiniModule_AddObject(MiniObject *m, const char *name, MiniObject *value)
{
    MINI_CHECK_GIL("MiniModule_AddObject");
    if (MiniModule_AddObjectRef(m, name, value) < 0) return -1;
    Mini_DECREF(value);
    return 0;
}

/* m.name = int(value). 0 / -1. Requires the GIL. */
int MiniModule_AddIntConstant(MiniObject *m, const char *name, long value)
{
    MINI_CHECK_GIL("MiniModule_AddIntConstant");
    MiniObject *obj = MiniLong_FromLong(value);
    int r = MiniModule_AddObjectRef(m, name, obj);
    Mini_XDECREF(obj);
    return r;
}

/* m.name = str(value), value UTF-8. 0 / -1. Requires the GIL. */
int MiniModule_AddStringConstant(MiniObject *m, const char *name, const char *value)
{
    MINI_CHECK_GIL("MiniModule_AddStringConstant");
    if (value == NULL) {
        MiniErr_BadInternalCall();
        return -1;
    }
    MiniObject *obj = MiniUnicode_FromString(value);
    int r = MiniModule_AddObjectRef(m, name, obj);
    Mini_XDECREF(obj);
    return r;
}

/* Readies the static type and sets m.<short name> = type. 0 / -1. Requires the GIL. */
int MiniModule_AddType(MiniObject *m, MiniTypeObject *type)
{
    MINI_CHECK_GIL("MiniModule_AddType");
    if (type == NULL) {
        MiniErr_BadInternalCall();
        return -1;
    }
    if (MiniType_Ready(type) < 0) return -1;
    return MiniModule_AddObjectRef(m, MiniType_Name(type), (MiniObject *)type);
}

/* Adds a function bound to m for every entry of the NULL-terminated table (the table must stay
 * valid as long as the functions: normally static). 0 / -1 (entries before the failing one stay
 * added). Requires the GIL. */
int MiniModule_AddFunctions(MiniObject *m, MiniMethodDef *functions)
{
    MINI_CHECK_GIL("MiniModule_AddFunctions");
    if (require_module(m, "MiniModule_AddFunctions") < 0) return -1;
    if (functions == NULL) {
        MiniErr_BadInternalCall();
        return -1;
    }
    MiniObject *dict = ((MiniModuleObject *)m)->md_dict;
    MiniObject *modname = MiniDict_GetItemString(dict, "__name__");
    if (modname == NULL) {
        MiniErr_SetString(MiniExc_SystemError, "nameless module");
        return -1;
    }
    Mini_INCREF(modname);  /* the dict entry could be replaced while we add functions */
    int result = 0;
    for (MiniMethodDef *ml = functions; ml->ml_name != NULL; ml++) {
        MiniObject *func = MiniCFunction_NewEx(ml, m, modname);
        if (func == NULL || MiniDict_SetItemString(dict, ml->ml_name, func) < 0) {
            Mini_XDECREF(func);
            result = -1;
            break;
        }
        Mini_DECREF(func);
    }
    Mini_DECREF(modname);
    return result;
}

/* Sets every entry of the module's namespace to None except __name__, __doc__ and __file__,
 * dropping the references it held. That breaks the cycle between a module and its functions
 * (see the top of this file), so the module can be freed once its last outside reference goes.
 * The module stays usable for repr and MiniModule_GetName. 0 / -1 (TypeError for non-modules,
 * MemoryError). Requires the GIL. */
int MiniModule_ClearNamespace(MiniObject *m)
{
    MINI_CHECK_GIL("MiniModule_ClearNamespace");
    if (require_module(m, "MiniModule_ClearNamespace") < 0) return -1;
    MiniObject *dict = ((MiniModuleObject *)m)->md_dict;
    MiniObject *keys = MiniDict_Keys(dict);
    if (keys == NULL) return -1;
    int result = 0;
    for (Mini_ssize_t i = 0; i < MiniList_GET_SIZE(keys); i++) {
        MiniObject *key = MiniList_GET_ITEM(keys, i);
        if (MiniUnicode_EqualToUTF8(key, "__name__") || MiniUnicode_EqualToUTF8(key, "__doc__") ||
            MiniUnicode_EqualToUTF8(key, "__file__")) {
            continue;
        }
        if (MiniDict_SetItem(dict, key, Mini_None) < 0) result = -1;
    }
    Mini_DECREF(keys);
    return result;
}

/* ----- the type's slots ----------------------------------------------------------------------- */

static void module_dealloc(MiniObject *op)
{
    MiniModuleObject *m = (MiniModuleObject *)op;
    Mini_CLEAR(m->md_dict);
    if (m->md_state != NULL) {
        MiniMem_Free(m->md_state);
        m->md_state = NULL;
    }
    MiniObject_Free(op);
}

/* The cycle collector's slots: the namespace (functions defined in a module hold it through
 * their globals). Clearing empties the namespace (md_dict is never NULL). */
static int module_traverse(MiniObject *op, Mini_visitproc visit, void *arg)
{
    Mini_VISIT(((MiniModuleObject *)op)->md_dict);
    return 0;
}

static int module_clear(MiniObject *op)
{
    MiniObject *d = ((MiniModuleObject *)op)->md_dict;
    if (d != NULL) MiniDict_Clear(d);
    return 0;
}

static MiniObject *module_repr(MiniObject *op)
{
    MiniModuleObject *m = (MiniModuleObject *)op;
    const char *name = display_name(m);
    MiniObject *file = MiniDict_GetItemString(m->md_dict, "__file__");
    if (file != NULL && MiniUnicode_Check(file)) {
        const char *path = MiniUnicode_AsUTF8(file);
        if (path != NULL) return MiniUnicode_FromFormat("<module '%s' from '%s'>", name, path);
        MiniErr_Clear();
    }
    return MiniUnicode_FromFormat("<module '%s'>", name);
}

/* Attribute lookup: the namespace first, then __dict__ and the type's own attributes, then a
 * module-level __getattr__ function (PEP 562), else AttributeError naming the module. */
static MiniObject *module_getattro(MiniObject *op, MiniObject *name)
{
    MiniModuleObject *m = (MiniModuleObject *)op;
    if (!MiniUnicode_Check(name)) {
        MiniErr_Format(MiniExc_TypeError, "attribute name must be string, not '%.200s'",
                       MiniType_Name(Mini_TYPE(name)));
        return NULL;
    }
    MiniObject *value = MiniDict_GetItemWithError(m->md_dict, name);
    if (value != NULL) return Mini_NewRef(value);
    if (MiniErr_Occurred() != NULL) return NULL;
    if (MiniUnicode_EqualToUTF8(name, "__dict__")) return Mini_NewRef(m->md_dict);

    value = MiniObject_GenericGetAttr(op, name);
    if (value != NULL || !MiniErr_ExceptionMatches(MiniExc_AttributeError)) return value;
    MiniErr_Clear();

    MiniObject *hook = MiniDict_GetItemString(m->md_dict, "__getattr__");
    if (hook != NULL) return MiniObject_CallOneArg(hook, name);

    const char *attr = MiniUnicode_AsUTF8(name);
    if (attr == NULL) return NULL;
    MiniErr_Format(MiniExc_AttributeError, "module '%.200s' has no attribute '%.200s'",
                   display_name(m), attr);
    return NULL;
}

/* m.name = value stores into the namespace; del m.name removes it (AttributeError if absent). */
static int module_setattro(MiniObject *op, MiniObject *name, MiniObject *value)
{
    MiniModuleObject *m = (MiniModuleObject *)op;
    if (!MiniUnicode_Check(name)) {
        MiniErr_Format(MiniExc_TypeError, "attribute name must be string, not '%.200s'",
                       MiniType_Name(Mini_TYPE(name)));
        return -1;
    }
    if (value != NULL) return MiniDict_SetItem(m->md_dict, name, value);
    if (MiniDict_DelItem(m->md_dict, name) == 0) return 0;
    if (!MiniErr_ExceptionMatches(MiniExc_KeyError)) return -1;
    MiniErr_Clear();
    const char *attr = MiniUnicode_AsUTF8(name);
    if (attr == NULL) return -1;
    MiniErr_Format(MiniExc_AttributeError, "module '%.200s' has no attribute '%.200s'",
                   display_name(m), attr);
    return -1;
}

/* module(name, doc=None), what types.ModuleType calls: a new, empty module whose namespace holds
 * the given __name__ and __doc__. CPython's messages for a missing or non-str name. */
static MiniObject *module_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs)
{
    (void)type;
    MiniObject *name = NULL, *doc = Mini_None;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 0) name = MiniTuple_GET_ITEM(args, 0);
    if (n > 1) doc = MiniTuple_GET_ITEM(args, 1);
    if (n > 2)
        return MiniErr_Format(MiniExc_TypeError, "module() takes at most 2 arguments (%zd given)", n);
    if (kwargs != NULL) {
        MiniObject *key, *value;
        Mini_ssize_t pos = 0;
        while (MiniDict_Next(kwargs, &pos, &key, &value)) {
            if (MiniUnicode_Check(key) && MiniUnicode_EqualToUTF8(key, "name") && name == NULL) name = value;
            else if (MiniUnicode_Check(key) && MiniUnicode_EqualToUTF8(key, "doc") && n < 2) doc = value;
            else
                return MiniErr_Format(MiniExc_TypeError, "'%S' is an invalid keyword argument for module()", key);
        }
    }
    if (name == NULL)
        return MiniErr_Format(MiniExc_TypeError, "module() missing required argument 'name' (pos 1)");
    if (!MiniUnicode_Check(name))
        return MiniErr_Format(MiniExc_TypeError, "module() argument 'name' must be str, not %.200s",
                              MiniType_Name(Mini_TYPE(name)));
    const char *utf8 = MiniUnicode_AsUTF8(name);
    if (utf8 == NULL) return NULL;
    MiniObject *m = MiniModule_New(utf8);
    if (m == NULL) return NULL;
    MiniModuleObject *mod = (MiniModuleObject *)m;
    if (MiniDict_SetItemString(mod->md_dict, "__name__", name) < 0 ||
        MiniDict_SetItemString(mod->md_dict, "__doc__", doc) < 0) {
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}

MiniTypeObject MiniModule_Type = {
    MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "module",
    .tp_basicsize = sizeof(MiniModuleObject),
    .tp_dealloc = module_dealloc,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    .tp_setattro = module_setattro,
    .tp_doc = "A module: a namespace of functions, types and constants.",
    .tp_flags = MINI_TPFLAGS_HAVE_GC | MINI_TPFLAGS_WEAKREFABLE,
    .tp_traverse = module_traverse,
    .tp_clear = module_clear,
    .tp_new = module_new,
};

int MiniModule_SetGIL(MiniObject *m, void *gil) {
    MINI_CHECK_GIL("MiniModule_SetGIL");
    if (m == NULL || !MiniModule_Check(m)) {
        MiniErr_SetString(MiniExc_TypeError, "MiniModule_SetGIL: expected a module");
        return -1;
    }
    if (gil != Mini_MOD_GIL_USED && gil != Mini_MOD_GIL_NOT_USED) {
        MiniErr_SetString(MiniExc_ValueError, "MiniModule_SetGIL: expected Mini_MOD_GIL_USED or Mini_MOD_GIL_NOT_USED");
        return -1;
    }
    ((MiniModuleObject *)m)->md_gil_not_used = gil == Mini_MOD_GIL_NOT_USED;
    return 0;
}

int MiniModule_GILNotUsed(MiniObject *m) {
    return m != NULL && MiniModule_Check(m) && ((MiniModuleObject *)m)->md_gil_not_used;
}
