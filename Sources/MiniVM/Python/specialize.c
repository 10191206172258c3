/* MiniVM/Python/specialize.c: filling the eval loop's inline caches. The design (what is cached, how each
 * entry is validated, how it de-optimises) is described at the top of specialize.h; this file
 * decides, after a generic LOAD_GLOBAL / LOAD_ATTR / LOAD_METHOD / STORE_ATTR, which kind of entry
 * (if any) the site gets. Nothing here fails or raises: an unsupported shape leaves the entry
 * empty, and the instruction keeps taking the generic path. All functions need the GIL. */
#include "specialize.h"

#include <stdlib.h>
#include <string.h>

int _MiniVM_Specialize = 1;

void MiniVM_SetSpecialization(int on) { _MiniVM_Specialize = on != 0; }
int MiniVM_GetSpecialization(void) { return _MiniVM_Specialize; }

void _MiniIC_ReadEnvironment(void) {
    const char *e = getenv("MINIPY_SPECIALIZE");
    if (e != NULL && strcmp(e, "0") == 0) _MiniVM_Specialize = 0;
}

void _MiniIC_FillGlobal(MiniICache *c, MiniObject *globals, MiniObject *builtins, MiniObject *name, MiniObject *value) {
    if (!_MiniVM_Specialize || _MiniIC_Frozen() || !MiniDict_Check(globals) || !MiniDict_Check(builtins) || _MiniDict_Version(globals) == 0) return;
    if (!MiniUnicode_CheckExact(name)) {
        c->kind = MINI_IC_NONE;
        return;
    }
    Mini_ssize_t ix = _MiniDict_StrIndex(globals, name);
    c->guard = globals;
    if (ix >= 0) {
        c->kind = MINI_IC_GLOBAL_MODULE;
        c->hint = ix;
        c->value = NULL;
        return;
    }
    c->kind = MINI_IC_GLOBAL;
    c->v1 = _MiniDict_Version(globals);
    c->v2 = _MiniDict_Version(builtins);
    c->value = value;
}

static void clear_entry(MiniICache *c) {
    c->kind = MINI_IC_NONE;
    c->guard = NULL;
    c->alt[0] = c->alt[1] = NULL;
    c->value = NULL;
}

/* The type's attribute under name for an instance of tp with the generic getattro, or NULL
 * when the entry cannot be made. *found receives MiniType_Lookup's answer. */
static int generic_instance_type(MiniTypeObject *tp) {
    return (tp->tp_flags & MINI_TPFLAGS_READY) != 0 && tp->tp_getattro == MiniObject_GenericGetAttr;
}

/* The index of name among owner's values when owner keeps its attributes there and has this
 * one; -1 otherwise (no entry for the values array is made then). */
static Mini_ssize_t values_index(MiniObject *owner, MiniObject *name) {
    MiniInstValues *v = _MiniInst_Values(owner);
    if (v == NULL) return -1;
    Mini_ssize_t ix = _MiniInst_KeyIndex(_MiniInst_Keys(Mini_TYPE(owner)), name);
    return ix < v->n ? ix : -1;
}

/* An attribute of a module found in its namespace: ATTR_MODULE (LOAD_ATTR and LOAD_METHOD). 1 when
 * owner is a module (entry made or not), 0 otherwise. */
static int specialize_module_attr(MiniICache *c, MiniObject *owner, MiniObject *name) {
    if (Mini_TYPE(owner) != &MiniModule_Type) return 0;
    MiniObject *d = ((MiniModuleObject *)owner)->md_dict;
    Mini_ssize_t ix = MiniDict_CheckExact(d) ? _MiniDict_StrIndex(d, name) : -1;
    if (ix >= 0) {
        c->kind = MINI_IC_ATTR_MODULE;
        c->guard = d;
        c->hint = ix;
    }
    return 1;
}

void _MiniIC_SpecializeLoadAttr(MiniICache *c, MiniObject *owner, MiniObject *name) {
    clear_entry(c);
    if (!MiniUnicode_CheckExact(name)) return;
    if (specialize_module_attr(c, owner, name)) return;
    MiniTypeObject *tp = Mini_TYPE(owner);
    if (generic_instance_type(tp)) {
        MiniObject *descr = MiniType_Lookup(tp, name);
        if (descr == NULL) {
            if (tp->tp_dictoffset == 0) return;
            c->kind = MINI_IC_ATTR_INSTANCE;
            c->hint = 0;
            Mini_ssize_t ix = values_index(owner, name);
            if (ix >= 0) {
                c->kind = MINI_IC_ATTR_VALUES;
                c->hint = ix;
            }
        } else if (_MiniVM_MemberOffset(descr, tp, &c->hint)) {
            c->kind = MINI_IC_ATTR_SLOT;
        } else if (Mini_TYPE(descr)->tp_descr_get != NULL && Mini_TYPE(descr)->tp_descr_set != NULL) {
            c->kind = MINI_IC_ATTR_DATA;
        } else {
            c->kind = MINI_IC_ATTR_CLASS;
        }
        c->value = descr;
        c->guard = tp;
        c->v1 = _MiniType_EpochGet();
        return;
    }
    if (tp == &MiniType_Type) {
        /* An attribute of a class: type_getattro looks at the metatype first, then the class;
         * cached only when the metatype has nothing under the name and the class's attribute is
         * returned as it is (no descriptor, or a function, which a class hands out unbound). */
        if (MiniType_Lookup(&MiniType_Type, name) != NULL) return;
        MiniObject *attr = MiniType_Lookup((MiniTypeObject *)owner, name);
        if (attr == NULL) return;
        if (Mini_TYPE(attr)->tp_descr_get != NULL && Mini_TYPE(attr) != &MiniFunction_Type) return;
        c->kind = MINI_IC_ATTR_TYPE;
        c->value = attr;
        c->guard = owner;
        c->v1 = _MiniType_EpochGet();
    }
}

void _MiniIC_SpecializeLoadMethod(MiniICache *c, MiniObject *owner, MiniObject *name) {
    clear_entry(c);
    if (!MiniUnicode_CheckExact(name)) return;
    if (specialize_module_attr(c, owner, name)) return;
    MiniTypeObject *tp = Mini_TYPE(owner);
    if (!generic_instance_type(tp)) return;
    MiniObject *descr = MiniType_Lookup(tp, name);
    if (descr == NULL || (Mini_TYPE(descr) != &MiniFunction_Type && Mini_TYPE(descr) != &MiniMethodDescr_Type)) return;
    c->kind = MINI_IC_METHOD;
    c->value = descr;
    c->guard = tp;
    c->v1 = _MiniType_EpochGet();
}

void _MiniIC_SpecializeStoreAttr(MiniICache *c, MiniObject *owner, MiniObject *name) {
    clear_entry(c);
    if (!MiniUnicode_CheckExact(name)) return;
    MiniTypeObject *tp = Mini_TYPE(owner);
    if (!(tp->tp_flags & MINI_TPFLAGS_READY) || tp->tp_setattro != MiniObject_GenericSetAttr) return;
    MiniObject *descr = MiniType_Lookup(tp, name);
    if (descr != NULL && _MiniVM_MemberOffset(descr, tp, &c->hint)) {
        c->kind = MINI_IC_STORE_SLOT;
        c->value = descr;
        c->guard = tp;
        c->v1 = _MiniType_EpochGet();
        return;
    }
    if ((descr != NULL && Mini_TYPE(descr)->tp_descr_set != NULL) || tp->tp_dictoffset == 0) return;
    c->kind = MINI_IC_STORE_INSTANCE;
    c->hint = 0;
    /* An instance without a dict whose class already knows the name: the values array. A name
     * the class has not seen yet gets no values entry (its index is not known before the
     * generic store): the site specialises again after later misses. */
    MiniInstValues **vp = _MiniInst_ValuesPtr(owner);
    if (vp != NULL && !_Mini_FreeThreaded && *_MiniObject_DictPtr(owner) == NULL) {
        Mini_ssize_t ix = _MiniInst_KeyIndex(_MiniInst_Keys(tp), name);
        if (ix < 0) {
            c->kind = MINI_IC_NONE;
            c->guard = NULL;
            return;
        }
        c->kind = MINI_IC_STORE_VALUES;
        c->hint = ix;
    }
    c->guard = tp;
    c->v1 = _MiniType_EpochGet();
}
