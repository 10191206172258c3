/* Python/exceptiongroup.c: BaseExceptionGroup and ExceptionGroup (PEP 654), and the two steps the
 * interpreter's `except*` is made of.
 *
 * A group is an exception that carries a message and a non-empty tuple of other exceptions,
 * which may be groups themselves: a tree whose leaves are ordinary exceptions. Constructing
 * BaseExceptionGroup(msg, excs) gives an ExceptionGroup when every member is an Exception (so
 * `except Exception` still catches it), and ExceptionGroup refuses BaseExceptions such as
 * KeyboardInterrupt, as in CPython 3.11. split(cond) / subgroup(cond) walk the tree and rebuild
 * the matching (and the remaining) parts through derive(), so a subclass keeps its type, and
 * copy the original's traceback, cause, context and notes onto every part.
 *
 * ExceptionGroup inherits from both BaseExceptionGroup and Exception, so it is a class with two
 * bases made through type() when the interpreter first builds its builtins (a static type has one
 * base, and the C fallback of type() takes one); BaseExceptionGroup is static. Without the
 * interpreter (the C API alone) there is no ExceptionGroup and BaseExceptionGroup keeps its type.
 *
 * except*: _MiniExcGroup_Match splits the exception being handled by one clause's type (a bare
 * exception that matches is wrapped in ExceptionGroup('', [exc])), and _MiniExcGroup_PrepReraise
 * combines, after the last clause, what the handlers raised with what no clause matched. */
#include "mini.h"
#include "exceptions_internal.h"
#include "lib_internal.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    MiniBaseExceptionObject base;
    MiniObject *msg;    /* str */
    MiniObject *excs;   /* non-empty tuple of exceptions */
} MiniBaseExceptionGroupObject;

#define EG(op) ((MiniBaseExceptionGroupObject *)(op))

MiniObject *MiniExc_ExceptionGroup;   /* made by _MiniExcGroup_MakeExceptionGroup */

int _MiniExcGroup_Check(MiniObject *op) {
    return MiniObject_TypeCheck(op, (MiniTypeObject *)MiniExc_BaseExceptionGroup);
}

/* ----- construction ---------------------------------------------------------------------------- */

/* CPython's PySequence_Check: indexable and not a mapping. */
static int is_sequence(MiniObject *o) {
    if (MiniList_Check(o) || MiniTuple_Check(o)) return 1;
    if (MiniDict_Check(o)) return 0;
    MiniSequenceMethods *sq = Mini_TYPE(o)->tp_as_sequence;
    return sq != NULL && sq->sq_item != NULL;
}

/* The items of an iterable as a new list (MiniList_Extend does the iterating). New reference or
 * NULL. */
static MiniObject *as_list(MiniObject *seq) {
    MiniObject *list = MiniList_New(0);
    if (list != NULL && MiniList_Extend(list, seq) < 0) Mini_CLEAR(list);
    return list;
}

static MiniObject *BaseExceptionGroup_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "BaseExceptionGroup.__new__() takes no keyword arguments");
    if (MiniTuple_GET_SIZE(args) != 2)
        return MiniErr_Format(MiniExc_TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zd given)",
                              MiniTuple_GET_SIZE(args));
    MiniObject *msg = MiniTuple_GET_ITEM(args, 0), *seq = MiniTuple_GET_ITEM(args, 1);
    if (!MiniUnicode_Check(msg))
        return MiniErr_Format(MiniExc_TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not %.200s",
                              Mini_TYPE(msg)->tp_name);
    if (!is_sequence(seq))
        return MiniErr_Format(MiniExc_TypeError, "second argument (exceptions) must be a sequence");
    MiniObject *items = as_list(seq), *excs = items ? MiniList_AsTuple(items) : NULL;
    Mini_XDECREF(items);
    if (excs == NULL) return NULL;
    Mini_ssize_t n = MiniTuple_GET_SIZE(excs);
    if (n == 0) {
        Mini_DECREF(excs);
        return MiniErr_Format(MiniExc_ValueError, "second argument (exceptions) must be a non-empty sequence");
    }
    int nested_base = 0;
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *e = MiniTuple_GET_ITEM(excs, i);
        if (!MiniExceptionInstance_Check(e)) {
            Mini_DECREF(excs);
            return MiniErr_Format(MiniExc_ValueError, "Item %zd of second argument (exceptions) is not an exception", i);
        }
        if (!MiniObject_TypeCheck(e, (MiniTypeObject *)MiniExc_Exception)) nested_base = 1;
    }
    if (type == (MiniTypeObject *)MiniExc_BaseExceptionGroup) {
        if (!nested_base && MiniExc_ExceptionGroup != NULL) type = (MiniTypeObject *)MiniExc_ExceptionGroup;
    } else if (type == (MiniTypeObject *)MiniExc_ExceptionGroup) {
        if (nested_base) {
            Mini_DECREF(excs);
            return MiniErr_Format(MiniExc_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
        }
    } else if (nested_base && MiniType_IsSubtype(type, (MiniTypeObject *)MiniExc_Exception)) {
        Mini_DECREF(excs);
        return MiniErr_Format(MiniExc_TypeError, "Cannot nest BaseExceptions in '%.200s'", type->tp_name);
    }
    MiniObject *self = ((MiniTypeObject *)MiniExc_BaseException)->tp_new(type, args, kwargs);
    if (self == NULL) {
        Mini_DECREF(excs);
        return NULL;
    }
    EG(self)->msg = Mini_NewRef(msg);
    EG(self)->excs = excs;
    return self;
}

static void BaseExceptionGroup_dealloc(MiniObject *self) {
    Mini_CLEAR(EG(self)->msg);
    Mini_CLEAR(EG(self)->excs);
    ((MiniTypeObject *)MiniExc_BaseException)->tp_dealloc(self);
}

static int BaseExceptionGroup_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(EG(self)->excs);
    return ((MiniTypeObject *)MiniExc_BaseException)->tp_traverse(self, visit, arg);
}

static int BaseExceptionGroup_clear(MiniObject *self) {
    Mini_CLEAR(EG(self)->excs);
    return ((MiniTypeObject *)MiniExc_BaseException)->tp_clear(self);
}

/* "msg (2 sub-exceptions)". */
static MiniObject *BaseExceptionGroup_str(MiniObject *self) {
    Mini_ssize_t n = EG(self)->excs != NULL ? MiniTuple_GET_SIZE(EG(self)->excs) : 0;
    return MiniUnicode_FromFormat("%S (%zd sub-exception%s)", EG(self)->msg ? EG(self)->msg : Mini_None, n,
                                  n == 1 ? "" : "s");
}

static MiniObject *BaseExceptionGroup_get_message(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(EG(self)->msg ? EG(self)->msg : Mini_None);
}

static MiniObject *BaseExceptionGroup_get_exceptions(MiniObject *self, void *c) {
    (void)c;
    return Mini_NewRef(EG(self)->excs ? EG(self)->excs : Mini_None);
}

static MiniGetSetDef BaseExceptionGroup_getsets[] = {
    { "message", BaseExceptionGroup_get_message, NULL, "exception message", NULL },
    { "exceptions", BaseExceptionGroup_get_exceptions, NULL, "nested exceptions", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

/* derive(excs): a group like this one with other members: BaseExceptionGroup(self.message, excs). */
static MiniObject *BaseExceptionGroup_derive(MiniObject *self, MiniObject *excs) {
    MiniObject *args = MiniTuple_Pack(2, EG(self)->msg, excs);
    if (args == NULL) return NULL;
    MiniObject *r = MiniObject_Call(MiniExc_BaseExceptionGroup, args, NULL);
    Mini_DECREF(args);
    return r;
}

/* ----- split and subgroup ---------------------------------------------------------------------- */

typedef enum { MATCH_BY_TYPE, MATCH_BY_PREDICATE, MATCH_BY_IDS } MatcherKind;

/* What split's cond is: an exception class or a tuple of them (isinstance), or any other
 * callable (called on each exception). 0, or -1 with CPython's TypeError. */
static int matcher_kind(MiniObject *cond, MatcherKind *kind) {
    if (MiniCallable_Check(cond) && !MiniType_Check(cond)) { *kind = MATCH_BY_PREDICATE; return 0; }
    if (MiniExceptionClass_Check(cond)) { *kind = MATCH_BY_TYPE; return 0; }
    if (MiniTuple_Check(cond)) {
        Mini_ssize_t n = MiniTuple_GET_SIZE(cond);
        for (Mini_ssize_t i = 0; i < n; i++)
            if (!MiniExceptionClass_Check(MiniTuple_GET_ITEM(cond, i))) goto bad;
        *kind = MATCH_BY_TYPE;
        return 0;
    }
bad:
    MiniErr_SetString(MiniExc_TypeError, "expected a function, exception type or tuple of exception types");
    return -1;
}

/* 1 if exc matches, 0 if not, -1 with an exception (a predicate that raised). For MATCH_BY_IDS
 * the value is a set of leaf ids (ints) and only leaves can match. */
static int matches(MiniObject *exc, MatcherKind kind, MiniObject *value) {
    switch (kind) {
    case MATCH_BY_TYPE:
        return MiniErr_GivenExceptionMatches(exc, value);
    case MATCH_BY_PREDICATE: {
        MiniObject *r = MiniObject_CallOneArg(value, exc);
        if (r == NULL) return -1;
        int t = MiniObject_IsTrue(r);
        Mini_DECREF(r);
        return t;
    }
    case MATCH_BY_IDS: {
        if (_MiniExcGroup_Check(exc)) return 0;
        MiniObject *id = MiniLong_FromSize_t((size_t)(uintptr_t)exc);
        if (id == NULL) return -1;
        int r = MiniSet_Contains(value, id);
        Mini_DECREF(id);
        return r;
    }
    }
    return 0;
}

/* The value of attribute name of exc, or NULL (no exception) when it has none. */
static MiniObject *optional_attr(MiniObject *exc, const char *name) {
    MiniObject *v = MiniObject_GetAttrString(exc, name);
    if (v == NULL) MiniErr_Clear();
    return v;
}

/* orig.derive(excs), checked to be a group, with orig's traceback, cause, context and (a copy
 * of) its notes. New reference or NULL. */
static MiniObject *derived_part(MiniObject *orig, MiniObject *excs) {
    MiniObject *eg = MiniObject_CallMethodObjArgs(orig, "derive", excs, NULL);
    if (eg == NULL) return NULL;
    if (!_MiniExcGroup_Check(eg)) {
        Mini_DECREF(eg);
        MiniErr_SetString(MiniExc_TypeError, "derive must return an instance of BaseExceptionGroup");
        return NULL;
    }
    MiniBaseExceptionObject *src = (MiniBaseExceptionObject *)orig, *dst = (MiniBaseExceptionObject *)eg;
    Mini_SETREF(dst->traceback, Mini_XNewRef(src->traceback));
    Mini_SETREF(dst->cause, Mini_XNewRef(src->cause));
    Mini_SETREF(dst->context, Mini_XNewRef(src->context));
    MiniObject *notes = optional_attr(orig, "__notes__");
    if (notes != NULL) {
        int r = 0;
        if (is_sequence(notes)) {
            MiniObject *copy = as_list(notes);
            r = copy != NULL ? MiniObject_SetAttrString(eg, "__notes__", copy) : -1;
            Mini_XDECREF(copy);
        }
        Mini_DECREF(notes);
        if (r < 0) { Mini_DECREF(eg); return NULL; }
    }
    return eg;
}

/* Splits exc into *match and (when want_rest) *rest, new references or NULL for empty parts.
 * A group that matches as a whole is one part; otherwise its members are split recursively and
 * the non-empty parts rebuilt with derived_part. 0, or -1 with an exception. */
static int split_recursive(MiniObject *exc, MatcherKind kind, MiniObject *value, int want_rest,
                           MiniObject **match, MiniObject **rest) {
    *match = *rest = NULL;
    int m = matches(exc, kind, value);
    if (m < 0) return -1;
    if (m) { *match = Mini_NewRef(exc); return 0; }
    if (!_MiniExcGroup_Check(exc)) {
        if (want_rest) *rest = Mini_NewRef(exc);
        return 0;
    }
    MiniObject *excs = EG(exc)->excs;
    MiniObject *matched = MiniList_New(0), *unmatched = want_rest ? MiniList_New(0) : NULL;
    if (matched == NULL || (want_rest && unmatched == NULL)) goto fail;
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(excs); i++) {
        MiniObject *pm, *pr;
        if (split_recursive(MiniTuple_GET_ITEM(excs, i), kind, value, want_rest, &pm, &pr) < 0) goto fail;
        int r = 0;
        if (pm != NULL) r = MiniList_Append(matched, pm);
        if (pr != NULL && r == 0) r = MiniList_Append(unmatched, pr);
        Mini_XDECREF(pm);
        Mini_XDECREF(pr);
        if (r < 0) goto fail;
    }
    if (MiniList_GET_SIZE(matched) > 0 && (*match = derived_part(exc, matched)) == NULL) goto fail;
    if (want_rest && MiniList_GET_SIZE(unmatched) > 0 && (*rest = derived_part(exc, unmatched)) == NULL) {
        Mini_CLEAR(*match);
        goto fail;
    }
    Mini_DECREF(matched);
    Mini_XDECREF(unmatched);
    return 0;
fail:
    Mini_XDECREF(matched);
    Mini_XDECREF(unmatched);
    return -1;
}

/* split(cond) -> (match, rest), each a group or None. */
static MiniObject *BaseExceptionGroup_split(MiniObject *self, MiniObject *cond) {
    MatcherKind kind;
    MiniObject *match, *rest;
    if (matcher_kind(cond, &kind) < 0 || split_recursive(self, kind, cond, 1, &match, &rest) < 0) return NULL;
    MiniObject *r = MiniTuple_Pack(2, match ? match : Mini_None, rest ? rest : Mini_None);
    Mini_XDECREF(match);
    Mini_XDECREF(rest);
    return r;
}

/* subgroup(cond) -> the matching part (self itself when all of it matches) or None. */
static MiniObject *BaseExceptionGroup_subgroup(MiniObject *self, MiniObject *cond) {
    MatcherKind kind;
    MiniObject *match, *rest;
    if (matcher_kind(cond, &kind) < 0 || split_recursive(self, kind, cond, 0, &match, &rest) < 0) return NULL;
    return match != NULL ? match : Mini_NewRef(Mini_None);
}

static MiniMethodDef BaseExceptionGroup_methods[] = {
    { "derive", BaseExceptionGroup_derive, MINI_METH_O, "A group like this one with other exceptions." },
    { "split", BaseExceptionGroup_split, MINI_METH_O, "(match, rest): the parts that match cond and the others." },
    { "subgroup", BaseExceptionGroup_subgroup, MINI_METH_O, "The part that matches cond, or None." },
    { NULL, NULL, 0, NULL },
};

static MiniTypeObject _MiniExc_BaseExceptionGroup_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "BaseExceptionGroup",
    .tp_basicsize = sizeof(MiniBaseExceptionGroupObject),
    .tp_dealloc = BaseExceptionGroup_dealloc,
    .tp_str = BaseExceptionGroup_str,
    .tp_methods = BaseExceptionGroup_methods,
    .tp_getset = BaseExceptionGroup_getsets,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_BASE_EXC_SUBCLASS | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = BaseExceptionGroup_traverse,
    .tp_clear = BaseExceptionGroup_clear,
    .tp_doc = "A combination of multiple unrelated exceptions.",
    .tp_new = BaseExceptionGroup_new,
};
MiniObject *const MiniExc_BaseExceptionGroup = (MiniObject *)&_MiniExc_BaseExceptionGroup_Type;

int _MiniExcGroup_Init(void) {
    _MiniExc_BaseExceptionGroup_Type.tp_base = (MiniTypeObject *)MiniExc_BaseException;
    return MiniType_Ready(&_MiniExc_BaseExceptionGroup_Type);
}

int _MiniExcGroup_MakeExceptionGroup(void) {
    if (MiniExc_ExceptionGroup != NULL) return 0;
    /* Through type(): with the interpreter's class creation hook this computes the MRO of the
     * two bases and gives the class the slot wrappers a Python subclass's super() reaches. */
    MiniObject *name = MiniUnicode_FromString("ExceptionGroup");
    MiniObject *bases = MiniTuple_Pack(2, MiniExc_BaseExceptionGroup, MiniExc_Exception);
    MiniObject *ns = MiniDict_New(), *module = MiniUnicode_FromString("builtins"), *eg = NULL;
    if (name != NULL && bases != NULL && ns != NULL && module != NULL &&
        MiniDict_SetItemString(ns, "__module__", module) == 0 && MiniDict_SetItemString(ns, "__qualname__", name) == 0)
        eg = MiniObject_CallFunctionObjArgs((MiniObject *)&MiniType_Type, name, bases, ns, NULL);
    Mini_XDECREF(name);
    Mini_XDECREF(bases);
    Mini_XDECREF(ns);
    Mini_XDECREF(module);
    if (eg == NULL) return -1;
    MiniExc_ExceptionGroup = eg;
    return 0;
}

void _MiniExcGroup_Fini(void) {
    Mini_CLEAR(MiniExc_ExceptionGroup);
}

/* ----- except* ------------------------------------------------------------------------------------- */

/* BaseExceptionGroup('', (exc,)) when single (a tuple, as CPython's repr shows), else
 * BaseExceptionGroup('', excs). New reference or NULL. */
static MiniObject *new_group(MiniObject *excs, int single) {
    MiniObject *empty = MiniUnicode_FromString(""), *list = single ? MiniTuple_Pack(1, excs) : Mini_NewRef(excs), *r = NULL;
    if (empty != NULL && list != NULL)
        r = MiniObject_CallFunctionObjArgs(MiniExc_BaseExceptionGroup, empty, list, NULL);
    Mini_XDECREF(empty);
    Mini_XDECREF(list);
    return r;
}

MiniObject *_MiniExcGroup_Match(MiniObject *exc, MiniObject *type, MiniObject **rest) {
    *rest = NULL;
    if (MiniErr_GivenExceptionMatches(exc, type)) {
        if (_MiniExcGroup_Check(exc)) return Mini_NewRef(exc);
        /* A bare exception caught by except*: the handler sees ExceptionGroup('', [exc]). */
        MiniObject *wrapped = new_group(exc, 1);
        if (wrapped == NULL) return NULL;
        MiniBaseExceptionObject *w = (MiniBaseExceptionObject *)wrapped;
        Mini_SETREF(w->traceback, Mini_XNewRef(((MiniBaseExceptionObject *)exc)->traceback));
        return wrapped;
    }
    if (_MiniExcGroup_Check(exc)) {
        MiniObject *match, *r;
        if (split_recursive(exc, MATCH_BY_TYPE, type, 1, &match, &r) < 0) return NULL;
        *rest = r;
        return match != NULL ? match : Mini_NewRef(Mini_None);
    }
    *rest = Mini_NewRef(exc);
    return Mini_NewRef(Mini_None);
}

/* Adds the ids of exc's leaves (exc itself when it is not a group) to the set ids. 0 / -1. */
static int collect_leaf_ids(MiniObject *exc, MiniObject *ids) {
    if (exc == Mini_None) return 0;
    if (!_MiniExcGroup_Check(exc)) {
        MiniObject *id = MiniLong_FromSize_t((size_t)(uintptr_t)exc);
        if (id == NULL) return -1;
        int r = MiniSet_Add(ids, id);
        Mini_DECREF(id);
        return r;
    }
    MiniObject *excs = EG(exc)->excs;
    for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(excs); i++)
        if (collect_leaf_ids(MiniTuple_GET_ITEM(excs, i), ids) < 0) return -1;
    return 0;
}

/* 1 if e carries exactly orig's traceback, cause, context and notes: a part of orig re-raised
 * (by a bare `raise` or unmatched), not a new exception. */
static int same_metadata(MiniObject *e, MiniObject *orig) {
    MiniBaseExceptionObject *a = (MiniBaseExceptionObject *)e, *b = (MiniBaseExceptionObject *)orig;
    if (a->traceback != b->traceback || a->cause != b->cause || a->context != b->context) return 0;
    MiniObject *na = optional_attr(e, "__notes__"), *nb = optional_attr(orig, "__notes__");
    int same = na == nb;
    Mini_XDECREF(na);
    Mini_XDECREF(nb);
    return same;
}

MiniObject *_MiniExcGroup_PrepReraise(MiniObject *orig, MiniObject *excs) {
    Mini_ssize_t n = MiniList_GET_SIZE(excs);
    if (n == 0) return Mini_NewRef(Mini_None);
    /* A bare exception was caught: at most one clause ran, so there is at most one to raise. */
    if (!_MiniExcGroup_Check(orig)) return Mini_NewRef(MiniList_GET_ITEM(excs, 0));
    MiniObject *raised = MiniList_New(0), *ids = MiniSet_New(NULL), *result = NULL, *reraised = NULL;
    if (raised == NULL || ids == NULL) goto done;
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject *e = MiniList_GET_ITEM(excs, i);
        if (e == Mini_None) continue;
        if (same_metadata(e, orig) ? collect_leaf_ids(e, ids) < 0 : MiniList_Append(raised, e) < 0) goto done;
    }
    /* The re-raised leaves, in orig's own structure. */
    MiniObject *unused = NULL;
    if (split_recursive(orig, MATCH_BY_IDS, ids, 0, &reraised, &unused) < 0) goto done;
    if (MiniList_GET_SIZE(raised) == 0) {
        result = reraised != NULL ? Mini_NewRef(reraised) : Mini_NewRef(Mini_None);
        goto done;
    }
    if (reraised != NULL && MiniList_Append(raised, reraised) < 0) goto done;
    if (MiniList_GET_SIZE(raised) == 1) {
        result = Mini_NewRef(MiniList_GET_ITEM(raised, 0));
    } else {
        result = new_group(raised, 0);
    }
done:
    Mini_XDECREF(raised);
    Mini_XDECREF(ids);
    Mini_XDECREF(reraised);
    return result;
}
