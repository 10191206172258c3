/* MiniVM/internal/specialize.h: the eval loop's inline caches (PEP 659 in spirit, without rewriting bytecode).
 *
 * Design. Every code object carries one MiniICache per instruction (co_cache, zeroed at creation;
 * vm_internal.h). The generic instructions LOAD_GLOBAL, LOAD_ATTR, LOAD_METHOD and STORE_ATTR
 * first ask their cache; when it applies they are done in a few compares, otherwise they run the
 * generic path and (re)fill the cache from what they found. There are no separate specialised
 * opcodes and no quickening pass: the check is the specialisation, so the opcode table, the
 * compiler and the disassembler are unchanged, and a cache that stops applying simply misses
 * (de-optimisation is the generic path; a site that keeps missing re-specialises only every 8th
 * miss, so a polymorphic site does not pay for a type lookup each time).
 *
 * Validity. The cache holds no references; each pointer it keeps is proven still valid by a tag:
 *   - LOAD_GLOBAL of a module global: the position of the name in the globals dict, proven by the
 *     key found there (a deleted key is cleared from its entry; a resized table moves it). Of a
 *     builtin: the versions of the globals and builtins dicts (dict_internal.h: one counter
 *     shared by all dicts, so a version names one state of one dict); when only the globals
 *     version moved, one probe shows the name is still not a global.
 *   - attributes: the type the entry was made for (compared with the object's type, or with the
 *     object itself for attributes of a class) and the type epoch, which advances whenever a dict
 *     that MiniType_Lookup has consulted changes (a class attribute added, a method replaced,
 *     __getattr__ added to a class) and whenever a type is freed. Instance dicts are not tracked:
 *     the entry only remembers where the name was (hint) and checks the key there each time.
 * Polymorphic sites. An attribute entry is made for one type (guard), but the same code often
 * sees instances of several classes (`self.x` or `self.method()` in a base class's method, run for
 * each subclass). When another type shows, one type lookup checks that the entry holds for it as
 * well (the instance attribute is in the dict and the type has nothing under the name; the same
 * descriptor or method is found); if it does, the type takes one of two spare slots (alt) and
 * later hits cost a compare. Alt types are proven under the same epoch as guard, so an epoch
 * change invalidates them with the entry; a fourth type keeps taking the one-lookup check.
 * Kinds of attribute entry (MINI_IC_*), for types whose getattro/setattro is the generic one:
 *   ATTR_INSTANCE  the type has nothing under the name: the value is in the instance dict; an
 *                  instance of another type takes the same path when that type has nothing
 *                  under the name either (polymorphic `self.x` in a base class's method);
 *   ATTR_SLOT      a __slots__ member: the value is read at its offset in the instance (hint);
 *   ATTR_DATA      another data descriptor on the type (property): its __get__ is called;
 *   ATTR_CLASS     a non-data descriptor or plain class attribute, used unless the instance dict
 *                  has the name (checked each time: one probe when the dict is not empty);
 *   ATTR_MODULE    an attribute of a module (math.sqrt), LOAD_ATTR or LOAD_METHOD: found in the
 *                  module's namespace dict, which module objects consult first; validated like
 *                  a module global, by the key at the remembered index (guard is the dict);
 *   ATTR_TYPE      an attribute of a class itself (Class.CONSTANT, Class.function) when the class's
 *                  metatype is `type` and `type` has nothing under the name;
 *   METHOD         LOAD_METHOD: a function or method descriptor on the type, not shadowed by the
 *                  instance dict: pushed with self, no bound-method object;
 *   STORE_INSTANCE STORE_ATTR: no data descriptor on the type: the value goes straight into the
 *                  instance dict, in place when the name is already there (for instances of
 *                  other types too, when theirs has no data descriptor under the name);
 *   STORE_SLOT     STORE_ATTR to a __slots__ member: the value is stored at its offset (hint).
 *   ATTR_VALUES    as ATTR_INSTANCE for an instance that keeps its attributes in a values array
 *                  (instvalues_internal.h): the value is values[hint], hint being the name's index
 *                  in the class's shared names, which never changes; an instance without values
 *                  (a materialised __dict__) or without that attribute yet misses;
 *   STORE_VALUES   STORE_ATTR into the values array at hint: in place when the instance has the
 *                  attribute, appended when it is the next one in the class's order (__init__ of
 *                  a new instance); anything else misses to the generic path.
 * Values entries of an adopted (polymorphic) type need the name at the same index in its names.
 * What is not done here: BINARY_OP / COMPARE_OP already test int and float operands inline in the
 * loop (ceval_loop.h), and Python-to-Python calls already run in the same C activation.
 * The GIL's check points are untouched: no cache hit skips a poll point. */
#ifndef MINI_VM_SPECIALIZE_H
#define MINI_VM_SPECIALIZE_H

#include "vm_internal.h"
#include "dict_internal.h"
#include "objimpl_internal.h"
#include "instvalues_internal.h"
#include "unicodeobject_internal.h"
#include "ftmode_internal.h"
#include "module_internal.h"

#define MINI_IC_NONE           0
#define MINI_IC_GLOBAL         1
#define MINI_IC_ATTR_INSTANCE  2
#define MINI_IC_ATTR_DATA      3
#define MINI_IC_ATTR_CLASS     4
#define MINI_IC_ATTR_TYPE      5
#define MINI_IC_METHOD         6
#define MINI_IC_STORE_INSTANCE 7
#define MINI_IC_GLOBAL_MODULE  8
#define MINI_IC_ATTR_SLOT      9
#define MINI_IC_STORE_SLOT     10
#define MINI_IC_ATTR_MODULE    11
#define MINI_IC_ATTR_VALUES    12
#define MINI_IC_STORE_VALUES   13

/* ----- filling (specialize.c) --------------------------------------------------------------------- */

/* Records value (found by a generic LOAD_GLOBAL for name in globals or builtins) in c. */
void _MiniIC_FillGlobal(MiniICache *c, MiniObject *globals, MiniObject *builtins, MiniObject *name, MiniObject *value);
/* 0 when specialisation is off (MiniVM_SetSpecialization, MINIPY_SPECIALIZE=0). */
extern int _MiniVM_Specialize;
/* Reads MINIPY_SPECIALIZE (MiniVM_Init). */
void _MiniIC_ReadEnvironment(void);
/* Free-threaded mode (ftmode.c): once a second thread runs without the GIL, entries are never
 * written again (fills, hints, miss counters), so concurrent readers cannot see half an entry.
 * Every write to an entry goes through a test of this. */
MINI_INLINE int _MiniIC_Frozen(void) { return __atomic_load_n(&_MiniFT_ICFrozen, __ATOMIC_RELAXED); }
MINI_INLINE void _MiniIC_SetHint(MiniICache *c, Mini_ssize_t ix) { if (!_MiniIC_Frozen()) c->hint = ix; }
/* After a miss: 1 if the caller should try to specialise now (backoff), else 0. */
MINI_INLINE int _MiniIC_ShouldSpecialize(MiniICache *c) {
    return _MiniVM_Specialize && !_MiniIC_Frozen() && (c->misses++ & 7) == 0;
}
/* Fill c for owner.name read by LOAD_ATTR / LOAD_METHOD, or stored by STORE_ATTR. Never fail:
 * a shape they do not handle leaves the entry empty. */
void _MiniIC_SpecializeLoadAttr(MiniICache *c, MiniObject *owner, MiniObject *name);
void _MiniIC_SpecializeLoadMethod(MiniICache *c, MiniObject *owner, MiniObject *name);
void _MiniIC_SpecializeStoreAttr(MiniICache *c, MiniObject *owner, MiniObject *name);

/* ----- using ---------------------------------------------------------------------------------------- */

/* The other write the eval loop makes to an entry it is using (_MiniIC_SetHint is above); both are
 * skipped once free-threaded mode has frozen the caches. */
MINI_INLINE void _MiniIC_SetVersion1(MiniICache *c, uint64_t v) { if (!_MiniIC_Frozen()) c->v1 = v; }

/* LOAD_GLOBAL: the current value (borrowed), or NULL for the generic path.
 *   GLOBAL_MODULE  the name is a module global: the entry remembers where it is in the globals
 *                  dict (hint) and the key found there proves the value is the current one, so
 *                  storing to this or any other global (`global counter; counter += 1`) costs
 *                  the site nothing; deleting it clears the key there and the site misses.
 *   GLOBAL         a builtin: valid while the builtins dict is unchanged and globals still lack
 *                  the name (the globals version, or one probe when another global changed). */
MINI_INLINE MiniObject *_MiniIC_Global(MiniICache *c, MiniObject *globals, MiniObject *builtins, MiniObject *name) {
    if (c->kind == MINI_IC_GLOBAL_MODULE) {
        return c->guard == (void *)globals ? _MiniDict_HintValue(globals, name, c->hint) : NULL;
    }
    if (c->kind == MINI_IC_GLOBAL && c->v2 == _MiniDict_Version(builtins)) {
        uint64_t gv = _MiniDict_Version(globals);
        if (c->v1 == gv) return c->value;
        if (c->guard == (void *)globals && _MiniDict_StrIndex(globals, name) < 0) {
            _MiniIC_SetVersion1(c, gv);
            return c->value;
        }
    }
    return NULL;
}

/* The instance dict's value for name (borrowed) using and refreshing the entry's hint; NULL when
 * the object has no dict or the dict does not have the name. */
MINI_INLINE MiniObject *_MiniIC_InstanceValue(MiniICache *c, MiniObject *owner, MiniObject *name) {
    MiniObject **dp = _MiniObject_DictPtr(owner);
    if (dp == NULL || *dp == NULL) return NULL;
    MiniObject *v = _MiniDict_HintValue(*dp, name, c->hint);
    if (v != NULL) return v;
    Mini_ssize_t ix = _MiniDict_StrIndex(*dp, name);
    if (ix < 0) return NULL;
    _MiniIC_SetHint(c, ix);
    return _MiniDict_ValueAt(*dp, ix);
}

/* 1 if name is surely not one of owner's values (the class's names filter says so), without a
 * scan; 0 when it may be. */
MINI_INLINE int _MiniIC_NotInValues(MiniObject *owner, MiniObject *name) {
    MiniInstValues *v = _MiniInst_Values(owner);
    if (v == NULL || v->n == 0) return 1;
    Mini_hash_t h = ((MiniUnicodeObject *)name)->hash;
    if (h != -1 && !(_MiniInst_Keys(Mini_TYPE(owner))->bloom & ((uint64_t)1 << ((uint64_t)h & 63)))) return 1;
    return !_MiniInst_Has(owner, name);
}

/* 1 if the instance dict (or values) of owner (if any) lacks name. */
MINI_INLINE int _MiniIC_NotShadowed(MiniObject *owner, MiniObject *name) {
    MiniObject **dp = _MiniObject_DictPtr(owner);
    if (dp == NULL) return 1;
    if (*dp == NULL) return _MiniIC_NotInValues(owner, name);
    if (((MiniDictObject *)*dp)->used == 0) return 1;
    return _MiniDict_StrIndex(*dp, name) < 0;
}

/* A polymorphic instance-attribute site (the same code reading self.x for instances of several
 * subclasses): tp is not the type the entry was made for, but its instances keep name in their
 * dict just the same when tp has the generic getattro, a dict, and nothing under name (the
 * shared type-lookup cache answers that, epoch-checked). */
MINI_INLINE int _MiniIC_InstanceShape(MiniTypeObject *tp, MiniObject *name) {
    return tp->tp_getattro == MiniObject_GenericGetAttr && tp->tp_dictoffset != 0 &&
           (tp->tp_flags & MINI_TPFLAGS_READY) && MiniType_Lookup(tp, name) == NULL;
}

/* The same for STORE_ATTR: generic setattro, a dict, no data descriptor under name. */
MINI_INLINE int _MiniIC_StoreShape(MiniTypeObject *tp, MiniObject *name) {
    if (tp->tp_setattro != MiniObject_GenericSetAttr || tp->tp_dictoffset == 0 || !(tp->tp_flags & MINI_TPFLAGS_READY))
        return 0;
    MiniObject *descr = MiniType_Lookup(tp, name);
    return descr == NULL || Mini_TYPE(descr)->tp_descr_set == NULL;
}

/* 1 if tp keeps name at the entry's index (hint) of its values, as the entry's own type does. */
MINI_INLINE int _MiniIC_SameValueIndex(const MiniICache *c, MiniTypeObject *tp, MiniObject *name) {
    return (tp->tp_flags & MINI_TPFLAGS_INLINE_VALUES) && _MiniInst_KeyIndex(_MiniInst_Keys(tp), name) == c->hint;
}

/* 1 if tp is the type the entry was made for or one adopted into it (see "Polymorphic sites"). */
MINI_INLINE int _MiniIC_TypeMatches(const MiniICache *c, const void *tp) {
    return c->guard == tp || c->alt[0] == tp || c->alt[1] == tp;
}

/* Records tp, just proven to share the entry, in a spare slot (none left, or the caches frozen:
 * nothing; the proof is then repeated on each use). Returns 1 for the caller's convenience. */
MINI_INLINE int _MiniIC_Adopt(MiniICache *c, void *tp) {
    if (_MiniIC_Frozen()) return 1;
    if (c->alt[0] == NULL) c->alt[0] = tp;
    else if (c->alt[1] == NULL) c->alt[1] = tp;
    return 1;
}

/* 1 if instances of tp use the entry's descriptor or method (c->value) for name: the generic
 * getattro and the same answer from the type lookup. Adopts tp when so. */
MINI_INLINE int _MiniIC_SameDescriptor(MiniICache *c, MiniTypeObject *tp, MiniObject *name) {
    return tp->tp_getattro == MiniObject_GenericGetAttr && (tp->tp_flags & MINI_TPFLAGS_READY) &&
           MiniType_Lookup(tp, name) == c->value && _MiniIC_Adopt(c, tp);
}

/* The same for the __slots__ entries (ATTR_SLOT, STORE_SLOT): the generic getattro (or setattro
 * for a store), the same member descriptor, and tp its class or a subclass, so the entry's offset
 * lies inside tp's instances. */
MINI_INLINE int _MiniIC_SameMember(MiniICache *c, MiniTypeObject *tp, MiniObject *name, int store) {
    Mini_ssize_t offset;
    if (store ? tp->tp_setattro != MiniObject_GenericSetAttr : tp->tp_getattro != MiniObject_GenericGetAttr) return 0;
    return (tp->tp_flags & MINI_TPFLAGS_READY) && MiniType_Lookup(tp, name) == c->value &&
           _MiniVM_MemberOffset(c->value, tp, &offset) && offset == c->hint && _MiniIC_Adopt(c, tp);
}

/* ATTR_MODULE: the module attribute's current value (borrowed), or NULL for the generic path. */
MINI_INLINE MiniObject *_MiniIC_ModuleAttr(MiniICache *c, MiniObject *owner, MiniObject *name) {
    if (c->kind != MINI_IC_ATTR_MODULE || Mini_TYPE(owner) != &MiniModule_Type ||
        ((MiniModuleObject *)owner)->md_dict != c->guard)
        return NULL;
    return _MiniDict_HintValue(c->guard, name, c->hint);
}

/* LOAD_ATTR: 1 when the cache applied (*res: new reference, or NULL with an exception from a
 * descriptor), 0 when the generic path must run. */
MINI_INLINE int _MiniIC_LoadAttr(MiniICache *c, MiniObject *owner, MiniObject *name, MiniObject **res) {
    if (c->kind == MINI_IC_ATTR_MODULE) {
        MiniObject *v = _MiniIC_ModuleAttr(c, owner, name);
        if (v == NULL) return 0;
        Mini_INCREF(v);
        *res = v;
        return 1;
    }
    if (c->v1 != _MiniType_EpochGet()) return 0;
    MiniTypeObject *tp = Mini_TYPE(owner);
    switch (c->kind) {
    case MINI_IC_ATTR_INSTANCE: {
        if (!_MiniIC_TypeMatches(c, tp) && !(_MiniIC_InstanceShape(tp, name) && _MiniIC_Adopt(c, tp))) return 0;
        MiniObject *v = _MiniIC_InstanceValue(c, owner, name);
        if (v == NULL) return 0;
        Mini_INCREF(v);
        *res = v;
        return 1;
    }
    case MINI_IC_ATTR_VALUES: {
        if (!_MiniIC_TypeMatches(c, tp) &&
            !(_MiniIC_InstanceShape(tp, name) && _MiniIC_SameValueIndex(c, tp, name) && _MiniIC_Adopt(c, tp)))
            return 0;
        MiniInstValues *vals = _MiniInst_Values(owner);
        if (vals == NULL || c->hint >= vals->n) return 0;
        MiniObject *v = vals->v[c->hint];
        Mini_INCREF(v);
        *res = v;
        return 1;
    }
    case MINI_IC_ATTR_SLOT: {
        if (!_MiniIC_TypeMatches(c, tp) && !_MiniIC_SameMember(c, tp, name, 0)) return 0;
        MiniObject *v = *(MiniObject **)((char *)owner + c->hint);
        if (v == NULL) return 0;   /* unset: the generic path raises AttributeError */
        Mini_INCREF(v);
        *res = v;
        return 1;
    }
    case MINI_IC_ATTR_DATA:
        if (!_MiniIC_TypeMatches(c, tp) && !_MiniIC_SameDescriptor(c, tp, name)) return 0;
        *res = Mini_TYPE(c->value)->tp_descr_get(c->value, owner, (MiniObject *)tp);
        return 1;
    case MINI_IC_ATTR_CLASS: {
        if (!_MiniIC_TypeMatches(c, tp) && !_MiniIC_SameDescriptor(c, tp, name)) return 0;
        if (!_MiniIC_NotShadowed(owner, name)) return 0;
        MiniObject *d = c->value;
        Mini_descrgetfunc get = Mini_TYPE(d)->tp_descr_get;
        if (get != NULL) {
            *res = get(d, owner, (MiniObject *)tp);
        } else {
            Mini_INCREF(d);
            *res = d;
        }
        return 1;
    }
    case MINI_IC_ATTR_TYPE:
        if (c->guard != (void *)owner) return 0;
        Mini_INCREF(c->value);
        *res = c->value;
        return 1;
    default:
        return 0;
    }
}

/* LOAD_METHOD: the unbound method (borrowed) to push with self, or NULL for the generic path. */
MINI_INLINE MiniObject *_MiniIC_Method(MiniICache *c, MiniObject *owner, MiniObject *name) {
    if (c->kind != MINI_IC_METHOD || c->v1 != _MiniType_EpochGet()) return NULL;
    MiniTypeObject *tp = Mini_TYPE(owner);
    if (!_MiniIC_TypeMatches(c, tp) && !_MiniIC_SameDescriptor(c, tp, name)) return NULL;
    if (!_MiniIC_NotShadowed(owner, name)) return NULL;
    return c->value;
}

/* STORE_VALUES: replaces values[hint] in place, or appends through _MiniInst_StoreAt. 1 applied
 * (*err 0, or -1 with MemoryError), 0 for the generic path. value is borrowed. */
MINI_INLINE int _MiniIC_StoreValues(MiniICache *c, MiniTypeObject *tp, MiniObject *owner, MiniObject *name,
                                    MiniObject *value, int *err) {
    if (!_MiniIC_TypeMatches(c, tp) &&
        !(_MiniIC_StoreShape(tp, name) && _MiniIC_SameValueIndex(c, tp, name) && _MiniIC_Adopt(c, tp)))
        return 0;
    MiniInstValues *vals = _MiniInst_Values(owner);
    if (vals != NULL && c->hint < vals->n) {
        MiniObject *old = vals->v[c->hint];
        vals->v[c->hint] = Mini_NewRef(value);
        Mini_DECREF(old);
        *err = 0;
        return 1;
    }
    if (vals != NULL && c->hint == vals->n && vals->n < vals->cap) {
        /* The next attribute in the class's order (the entry's type has its name at hint). */
        vals->v[vals->n++] = Mini_NewRef(value);
        *err = 0;
        return 1;
    }
    int r = _MiniInst_StoreAt(owner, c->hint, value);
    if (r == 0) return 0;
    *err = r < 0 ? -1 : 0;
    return 1;
}

/* STORE_ATTR: 1 when the cache applied (*err: 0, or -1 with an exception), 0 for the generic
 * path. value is borrowed (the dict takes its own reference). */
MINI_INLINE int _MiniIC_StoreAttr(MiniICache *c, MiniObject *owner, MiniObject *name, MiniObject *value, int *err) {
    if (c->v1 != _MiniType_EpochGet()) return 0;
    MiniTypeObject *tp = Mini_TYPE(owner);
    if (c->kind == MINI_IC_STORE_SLOT) {
        if (!_MiniIC_TypeMatches(c, tp) && !_MiniIC_SameMember(c, tp, name, 1)) return 0;
        MiniObject **slot = (MiniObject **)((char *)owner + c->hint);
        MiniObject *old = *slot;
        Mini_INCREF(value);
        *slot = value;
        Mini_XDECREF(old);
        *err = 0;
        return 1;
    }
    if (c->kind == MINI_IC_STORE_VALUES) return _MiniIC_StoreValues(c, tp, owner, name, value, err);
    if (c->kind != MINI_IC_STORE_INSTANCE) return 0;
    if (!_MiniIC_TypeMatches(c, tp) && !(_MiniIC_StoreShape(tp, name) && _MiniIC_Adopt(c, tp))) return 0;
    MiniObject **dp = _MiniObject_DictPtr(owner);
    if (dp == NULL || *dp == NULL) return 0;
    MiniObject *d = *dp;
    Mini_ssize_t ix = c->hint;
    if (_MiniDict_HintValue(d, name, ix) == NULL) {
        ix = _MiniDict_StrIndex(d, name);
        if (ix < 0) {
            /* A new attribute: an ordinary insertion; it lands at the end of the entries. */
            Mini_INCREF(d);
            *err = MiniDict_SetItem(d, name, value);
            if (*err == 0) _MiniIC_SetHint(c, _MiniDict_NEntries(d) - 1);
            Mini_DECREF(d);
            return 1;
        }
        _MiniIC_SetHint(c, ix);
    }
    Mini_INCREF(d);
    _MiniDict_ReplaceAt(d, ix, value);
    Mini_DECREF(d);
    *err = 0;
    return 1;
}

#endif
