/* vm/matchops.c: the run-time half of `match` statements (PEP 634), the work behind the
 * MATCH_MAPPING, MATCH_SEQUENCE, MATCH_KEYS, MATCH_CLASS and COPY_DICT_WITHOUT_KEYS
 * instructions. The compiler (CompilerMatch.swift) does the rest with ordinary instructions.
 *
 * What counts as a mapping or a sequence follows CPython: dicts and lists/tuples/ranges (and
 * their subclasses), plus classes that derive from collections.abc's Mapping / Sequence (or are
 * named deque); str, bytes and bytearray are never sequences here. Class patterns use
 * isinstance, then __match_args__ for positional sub-patterns; the built-in types CPython lets
 * match themselves (`case int(x)`) bind the subject. Error messages are CPython 3.11's. */
#include "vm_internal.h"
#include "lib_internal.h"

#include <string.h>

/* 1 if type or one of its bases is called one of names (NULL-terminated). */
static int mro_has_name(MiniTypeObject *type, const char *const *names) {
    for (MiniTypeObject *t = type; t != NULL; t = t->tp_base) {
        const char *n = t->tp_name, *dot = strrchr(n, '.');
        if (dot != NULL) n = dot + 1;
        for (int j = 0; names[j] != NULL; j++)
            if (strcmp(n, names[j]) == 0) return 1;
    }
    return 0;
}

/* isinstance(subject, type) through the builtin, so whatever it honours applies. 1 / 0 / -1. */
static int is_instance(MiniObject *subject, MiniObject *type) {
    MiniObject *f = MiniDict_GetItemString(_MiniVM_BuiltinsDict, "isinstance");
    if (f == NULL) return Mini_TYPE(subject) == (MiniTypeObject *)type ||
                          MiniType_IsSubtype(Mini_TYPE(subject), (MiniTypeObject *)type);
    MiniObject *args[2] = { subject, type };
    MiniObject *r = MiniVM_Call(f, args, 2, NULL);
    if (r == NULL) return -1;
    int t = MiniObject_IsTrue(r);
    Mini_DECREF(r);
    return t;
}

int _MiniVM_MatchIsMapping(MiniObject *o) {
    static const char *const names[] = { "Mapping", "MutableMapping", NULL };
    if (MiniDict_Check(o)) return 1;
    return mro_has_name(Mini_TYPE(o), names);
}

int _MiniVM_MatchIsSequence(MiniObject *o) {
    static const char *const names[] = { "Sequence", "MutableSequence", "deque", "range", NULL };
    if (MiniList_Check(o) || MiniTuple_Check(o)) return 1;
    if (MiniUnicode_Check(o) || MiniBytes_Check(o)) return 0;
    const char *n = Mini_TYPE(o)->tp_name;
    if (strcmp(n, "bytearray") == 0 || strcmp(n, "str") == 0) return 0;
    return mro_has_name(Mini_TYPE(o), names);
}

MiniObject *_MiniVM_MatchKeys(MiniObject *subject, MiniObject *keys) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(keys);
    if (n == 0) return MiniTuple_New(0);
    MiniObject *seen = MiniSet_New(NULL), *values = MiniTuple_New(n);
    if (seen == NULL || values == NULL) goto fail;
    MiniObject *get = NULL;
    if (!MiniDict_CheckExact(subject)) {
        get = MiniObject_GetAttrString(subject, "get");
        if (get == NULL) goto fail;
    }
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *key = MiniTuple_GET_ITEM(keys, i);
        int dup = MiniSet_Contains(seen, key);
        if (dup < 0 || (dup == 0 && MiniSet_Add(seen, key) < 0)) { Mini_XDECREF(get); goto fail; }
        if (dup) {
            MiniErr_Format(MiniExc_ValueError, "mapping pattern checks duplicate key (%R)", key);
            Mini_XDECREF(get);
            goto fail;
        }
        MiniObject *v;
        if (get == NULL) {
            v = MiniDict_GetItemWithError(subject, key);
            if (v == NULL && MiniErr_Occurred()) goto fail;
            Mini_XINCREF(v);
        } else {
            /* subject.get(key, <a marker>): the marker means the key is missing. */
            MiniObject *args[2] = { key, seen };
            v = MiniVM_Call(get, args, 2, NULL);
            if (v == NULL) { Mini_DECREF(get); goto fail; }
            if (v == seen) { Mini_DECREF(v); v = NULL; }
        }
        if (v == NULL) {
            Mini_XDECREF(get);
            Mini_DECREF(seen);
            Mini_DECREF(values);
            Mini_RETURN_NONE;
        }
        MiniTuple_SET_ITEM(values, i, v);
    }
    Mini_XDECREF(get);
    Mini_DECREF(seen);
    return values;
fail:
    Mini_XDECREF(seen);
    Mini_XDECREF(values);
    return NULL;
}

/* The built-in types whose one positional sub-pattern matches the subject itself. */
static int matches_self(MiniTypeObject *t) {
    static const char *const names[] = { "bool", "bytearray", "bytes", "dict", "float", "frozenset", "int",
                                         "list", "set", "str", "tuple", NULL };
    for (int i = 0; names[i] != NULL; i++)
        if (strcmp(t->tp_name, names[i]) == 0 && !_MiniVM_IsPyClass(t)) return 1;
    return 0;
}

/* subject.name for a class pattern: new reference, NULL without an exception when missing. */
static MiniObject *match_attr(MiniObject *subject, MiniObject *name) {
    MiniObject *v = MiniObject_GetAttr(subject, name);
    if (v == NULL && MiniErr_ExceptionMatches(MiniExc_AttributeError)) MiniErr_Clear();
    return v;
}

MiniObject *_MiniVM_MatchClass(MiniObject *subject, MiniObject *type, Mini_ssize_t npos, MiniObject *kwnames) {
    if (!MiniType_Check(type))
        return MiniErr_Format(MiniExc_TypeError, "called match pattern must be a type");
    int r = is_instance(subject, type);
    if (r < 0) return NULL;
    if (r == 0) Mini_RETURN_NONE;
    MiniTypeObject *t = (MiniTypeObject *)type;
    Mini_ssize_t nkw = MiniTuple_GET_SIZE(kwnames);
    MiniObject *attrs = MiniList_New(0), *seen = MiniSet_New(NULL), *match_args = NULL;
    if (attrs == NULL || seen == NULL) goto fail;
    if (npos > 0) {
        int self_match = 0;
        match_args = MiniObject_GetAttrString(type, "__match_args__");
        if (match_args == NULL) {
            if (!MiniErr_ExceptionMatches(MiniExc_AttributeError)) goto fail;
            MiniErr_Clear();
            self_match = matches_self(t);
            match_args = MiniTuple_New(0);
            if (match_args == NULL) goto fail;
        } else if (!MiniTuple_CheckExact(match_args)) {
            MiniErr_Format(MiniExc_TypeError, "%s.__match_args__ must be a tuple (got %s)", t->tp_name,
                           Mini_TYPE(match_args)->tp_name);
            goto fail;
        }
        Mini_ssize_t allowed = self_match ? 1 : MiniTuple_GET_SIZE(match_args);
        if (allowed < npos) {
            MiniErr_Format(MiniExc_TypeError, "%s() accepts %zd positional sub-pattern%s (%zd given)", t->tp_name,
                           allowed, allowed == 1 ? "" : "s", npos);
            goto fail;
        }
        if (self_match) {
            if (MiniList_Append(attrs, subject) < 0) goto fail;
        } else {
            for (Mini_ssize_t i = 0; i < npos; i++) {
                MiniObject *name = MiniTuple_GET_ITEM(match_args, i);
                if (!MiniUnicode_Check(name)) {
                    MiniErr_Format(MiniExc_TypeError, "__match_args__ elements must be strings (got %s)",
                                   Mini_TYPE(name)->tp_name);
                    goto fail;
                }
                if (MiniSet_Add(seen, name) < 0) goto fail;
                MiniObject *v = match_attr(subject, name);
                if (v == NULL) {
                    if (MiniErr_Occurred()) goto fail;
                    goto nomatch;
                }
                int ar = MiniList_Append(attrs, v);
                Mini_DECREF(v);
                if (ar < 0) goto fail;
            }
        }
    }
    for (Mini_ssize_t i = 0; i < nkw; i++) {
        MiniObject *name = MiniTuple_GET_ITEM(kwnames, i);
        int dup = MiniSet_Contains(seen, name);
        if (dup < 0) goto fail;
        if (dup) {
            MiniErr_Format(MiniExc_TypeError, "%s() got multiple sub-patterns for attribute %R", t->tp_name, name);
            goto fail;
        }
        if (MiniSet_Add(seen, name) < 0) goto fail;
        MiniObject *v = match_attr(subject, name);
        if (v == NULL) {
            if (MiniErr_Occurred()) goto fail;
            goto nomatch;
        }
        int ar = MiniList_Append(attrs, v);
        Mini_DECREF(v);
        if (ar < 0) goto fail;
    }
    {
        MiniObject *tuple = MiniList_AsTuple(attrs);
        Mini_DECREF(attrs);
        Mini_DECREF(seen);
        Mini_XDECREF(match_args);
        return tuple;
    }
nomatch:
    Mini_DECREF(attrs);
    Mini_DECREF(seen);
    Mini_XDECREF(match_args);
    Mini_RETURN_NONE;
fail:
    Mini_XDECREF(attrs);
    Mini_XDECREF(seen);
    Mini_XDECREF(match_args);
    return NULL;
}

MiniObject *_MiniVM_DictWithoutKeys(MiniObject *subject, MiniObject *keys) {
    MiniObject *rest = MiniDict_New();
    if (rest == NULL) return NULL;
    if (MiniDict_Check(subject)) {
        if (MiniDict_Update(rest, subject) < 0) { Mini_DECREF(rest); return NULL; }
    } else {
        MiniObject *items = MiniObject_CallMethodObjArgs(subject, "items", NULL);
        MiniObject *it = items ? MiniObject_GetIter(items) : NULL, *pair;
        Mini_XDECREF(items);
        if (it == NULL) { Mini_DECREF(rest); return NULL; }
        while ((pair = MiniIter_Next(it)) != NULL) {
            int r = -1;
            if (MiniTuple_Check(pair) && MiniTuple_GET_SIZE(pair) == 2)
                r = MiniDict_SetItem(rest, MiniTuple_GET_ITEM(pair, 0), MiniTuple_GET_ITEM(pair, 1));
            Mini_DECREF(pair);
            if (r < 0) { Mini_DECREF(it); Mini_DECREF(rest); return NULL; }
        }
        Mini_DECREF(it);
        if (MiniErr_Occurred()) { Mini_DECREF(rest); return NULL; }
    }
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(keys); i++) {
        if (MiniDict_DelItem(rest, MiniTuple_GET_ITEM(keys, i)) < 0) {
            if (!MiniErr_ExceptionMatches(MiniExc_KeyError)) { Mini_DECREF(rest); return NULL; }
            MiniErr_Clear();
        }
    }
    return rest;
}
