/* Python/builtins_core.c: the builtins module's core: the registry (a dict the VM consults after a
 * module's globals) and the builtins the interpreter core itself needs: print (sep, end, file,
 * flush), len, range (with the iterator FOR_ITER runs without calls), isinstance, issubclass,
 * repr, iter, next, sum, abs, getattr/setattr/hasattr, id, hash, callable, plus the built-in
 * types (int, float, str, bool, list, tuple, dict, bytes, object, type) and exception classes.
 * Other files extend the registry with MiniVM_AddBuiltin; builtins written for the VM can use
 * its fast calling convention (MiniVM_NewFunction) to avoid building argument tuples.
 * Functions here follow CPython's signatures and error messages. */
#include "vm_internal.h"
#include "lib_internal.h"
#include "longobject_internal.h"
#include "formatter_internal.h"
#include "objimpl_internal.h"

#include <string.h>

MiniObject *_MiniVM_BuiltinsDict;

MiniObject *MiniVM_Builtins(void) { return _MiniVM_BuiltinsDict; }

int MiniVM_AddBuiltin(const char *name, MiniObject *obj) {
    MINI_CHECK_GIL("MiniVM_AddBuiltin");
    if (name == NULL || obj == NULL) { MiniErr_BadInternalCall(); return -1; }
    if (MiniVM_Init() < 0) return -1;
    return MiniDict_SetItemString(_MiniVM_BuiltinsDict, name, obj);
}

MiniObject *MiniVM_NewFunction(const char *name, MiniVMFastFunction fn, MiniObject *self) {
    MINI_CHECK_GIL("MiniVM_NewFunction");
    if (name == NULL || fn == NULL) { MiniErr_BadInternalCall(); return NULL; }
    return _MiniVMBuiltin_New(name, (MiniVMFastFunc)fn, self);
}

/* ----- argument helpers ---------------------------------------------------------------------------- */

static int no_keywords(const char *name, MiniObject *kwnames) {
    if (kwnames != NULL && MiniTuple_GET_SIZE(kwnames) > 0) {
        MiniErr_Format(MiniExc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    return 0;
}

static int check_nargs(const char *name, Mini_ssize_t nargs, Mini_ssize_t min, Mini_ssize_t max) {
    if (nargs >= min && nargs <= max) return 0;
    if (min == max)
        MiniErr_Format(MiniExc_TypeError, "%s() takes exactly %s (%zd given)", name,
                       min == 1 ? "one argument" : min == 0 ? "no arguments" : "two arguments", nargs);
    else if (nargs < min)
        MiniErr_Format(MiniExc_TypeError, "%s expected at least %zd argument%s, got %zd", name, min,
                       min == 1 ? "" : "s", nargs);
    else
        MiniErr_Format(MiniExc_TypeError, "%s expected at most %zd argument%s, got %zd", name, max,
                       max == 1 ? "" : "s", nargs);
    return -1;
}

/* ----- print ------------------------------------------------------------------------------------------ */

/* sys.stdout when a program replaced it (contextlib.redirect_stdout, sys.stdout = buf): a new
 * reference, or NULL (no error) while it is still sys.__stdout__ or sys was never imported. */
static MiniObject *redirected_stdout(void) {
    MiniObject *modules = MiniImport_GetModuleDict();
    MiniObject *sys = modules != NULL ? MiniDict_GetItemString(modules, "sys") : NULL;
    if (sys == NULL) return NULL;
    MiniObject *out = MiniObject_GetAttrString(sys, "stdout");
    MiniObject *orig = out != NULL ? MiniObject_GetAttrString(sys, "__stdout__") : NULL;
    MiniErr_Clear();
    int same = out == NULL || out == orig || out == Mini_None;
    Mini_XDECREF(orig);
    if (same) {
        Mini_XDECREF(out);
        return NULL;
    }
    return out;
}

static int write_to(MiniObject *file, const char *s, Mini_ssize_t n) {
    MiniObject *redirect = NULL;
    if (file == NULL) {
        redirect = redirected_stdout();
        if (redirect == NULL) {
            MiniVM_Write(1, s, n);
            return MiniVM_RaiseWriteError();
        }
        file = redirect;
    }
    MiniObject *str = MiniUnicode_FromStringAndSize(s, n);
    MiniObject *r = str != NULL ? MiniObject_CallMethodObjArgs(file, "write", str, NULL) : NULL;
    Mini_XDECREF(str);
    Mini_XDECREF(redirect);
    if (r == NULL) return -1;
    Mini_DECREF(r);
    return 0;
}

static MiniObject *builtin_print(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    MiniObject *sep = NULL, *end = NULL, *file = NULL, *flush = NULL;
    Mini_ssize_t nkw = kwnames ? MiniTuple_GET_SIZE(kwnames) : 0;
    for (Mini_ssize_t i = 0; i < nkw; i++) {
        MiniObject *k = MiniTuple_GET_ITEM(kwnames, i), *v = args[nargs + i];
        if (MiniUnicode_EqualToUTF8(k, "sep")) sep = v;
        else if (MiniUnicode_EqualToUTF8(k, "end")) end = v;
        else if (MiniUnicode_EqualToUTF8(k, "file")) file = v;
        else if (MiniUnicode_EqualToUTF8(k, "flush")) flush = v;
        else return MiniErr_Format(MiniExc_TypeError, "'%U' is an invalid keyword argument for print()", k);
    }
    if (sep == Mini_None) sep = NULL;
    if (end == Mini_None) end = NULL;
    if (file == Mini_None) file = NULL;
    if (sep != NULL && !MiniUnicode_Check(sep))
        return MiniErr_Format(MiniExc_TypeError, "sep must be None or a string, not %.200s", Mini_TYPE(sep)->tp_name);
    if (end != NULL && !MiniUnicode_Check(end))
        return MiniErr_Format(MiniExc_TypeError, "end must be None or a string, not %.200s", Mini_TYPE(end)->tp_name);
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    for (Mini_ssize_t i = 0; i < nargs; i++) {
        if (i > 0) {
            if (sep != NULL) _MiniStrBuf_AppendStr(&b, sep);
            else _MiniStrBuf_AppendChar(&b, ' ');
        }
        size_t written = b.len;
        if (_MiniStrBuf_AppendObjStr(&b, args[i]) < 0) {
            /* As CPython, which writes argument by argument: what came before the failing
             * argument is written; the argument's exception is what print raises. */
            if (b.buf != NULL && written > 0) {
                MiniObject *exc = MiniErr_GetRaisedException();
                if (write_to(file, b.buf, (Mini_ssize_t)written) < 0) MiniErr_Clear();
                MiniErr_SetRaisedException(exc);
            }
            _MiniStrBuf_Discard(&b);
            return NULL;
        }
    }
    if (end != NULL) _MiniStrBuf_AppendStr(&b, end);
    else _MiniStrBuf_AppendChar(&b, '\n');
    if (b.failed) { _MiniStrBuf_Discard(&b); return NULL; }
    int r = write_to(file, b.buf ? b.buf : "", (Mini_ssize_t)b.len);
    _MiniStrBuf_Discard(&b);
    if (r < 0) return NULL;
    if (flush != NULL) {
        int t = MiniObject_IsTrue(flush);
        if (t < 0) return NULL;
        if (t) {
            if (file == NULL) { MiniVM_Flush(); if (MiniVM_RaiseWriteError() < 0) return NULL; }
            else {
                MiniObject *fr = MiniObject_CallMethodObjArgs(file, "flush", NULL);
                if (fr == NULL) return NULL;
                Mini_DECREF(fr);
            }
        }
    }
    Mini_RETURN_NONE;
}

/* ----- small builtins ------------------------------------------------------------------------------------ */

static MiniObject *builtin_len(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("len", kwnames) < 0 || check_nargs("len", nargs, 1, 1) < 0) return NULL;
    Mini_ssize_t n = MiniObject_Length(args[0]);
    return n < 0 ? NULL : MiniLong_FromSsize_t(n);
}

static MiniObject *builtin_repr(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("repr", kwnames) < 0 || check_nargs("repr", nargs, 1, 1) < 0) return NULL;
    return MiniObject_Repr(args[0]);
}

/* isinstance's second argument: a type or a (nested) tuple of types. 1 / 0 / -1. */
static int isinstance_check(MiniObject *obj, MiniObject *cls, const char *fname, int subclass) {
    if (MiniTuple_Check(cls)) {
        /* Nested tuples recurse: guarded, with CPython's message. */
        if (Mini_EnterRecursiveCall(" in __instancecheck__")) return -1;
        int r = 0;
        for (Mini_ssize_t i = 0; i < MiniTuple_GET_SIZE(cls) && r == 0; i++)
            r = isinstance_check(obj, MiniTuple_GET_ITEM(cls, i), fname, subclass);
        Mini_LeaveRecursiveCall();
        return r;
    }
    if (!subclass && Mini_TYPE(obj) == (MiniTypeObject *)cls) return 1;
    if (!Mini_IS_TYPE(cls, &MiniType_Type)) {
        /* A metaclass (abc.ABCMeta, ...) or a non-type may decide: __instancecheck__ /
         * __subclasscheck__ looked up on the type of cls (type's own give the plain answer). */
        int found;
        MiniObject *r = _MiniVM_CallDunder(cls, subclass ? "__subclasscheck__" : "__instancecheck__", &obj, 1, &found);
        if (found) {
            if (r == NULL) return -1;
            int t = MiniObject_IsTrue(r);
            Mini_DECREF(r);
            return t;
        }
        if (MiniErr_Occurred()) return -1;
    }
    if (!MiniType_Check(cls)) {
        MiniErr_Format(MiniExc_TypeError, "%s() arg 2 must be a type, a tuple of types, or a union", fname);
        return -1;
    }
    if (subclass) {
        if (!MiniType_Check(obj)) {
            MiniErr_SetString(MiniExc_TypeError, "issubclass() arg 1 must be a class");
            return -1;
        }
        return MiniType_IsSubtype((MiniTypeObject *)obj, (MiniTypeObject *)cls);
    }
    return MiniObject_TypeCheck(obj, (MiniTypeObject *)cls);
}

static MiniObject *builtin_isinstance(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("isinstance", kwnames) < 0 || check_nargs("isinstance", nargs, 2, 2) < 0) return NULL;
    int r = isinstance_check(args[0], args[1], "isinstance", 0);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

static MiniObject *builtin_issubclass(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("issubclass", kwnames) < 0 || check_nargs("issubclass", nargs, 2, 2) < 0) return NULL;
    int r = isinstance_check(args[0], args[1], "issubclass", 1);
    return r < 0 ? NULL : MiniBool_FromLong(r);
}

static MiniObject *builtin_iter(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("iter", kwnames) < 0 || check_nargs("iter", nargs, 1, 1) < 0) return NULL;
    return MiniObject_GetIter(args[0]);
}

static MiniObject *builtin_next(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("next", kwnames) < 0 || check_nargs("next", nargs, 1, 2) < 0) return NULL;
    MiniObject *it = args[0];
    if (Mini_TYPE(it)->tp_iternext == NULL)
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not an iterator", MiniType_Name(Mini_TYPE(it)));
    MiniObject *res = Mini_TYPE(it)->tp_iternext(it);
    if (res != NULL) return res;
    if (MiniErr_Occurred()) {
        if (nargs < 2 || !MiniErr_ExceptionMatches(MiniExc_StopIteration)) return NULL;
        MiniErr_Clear();
    }
    if (nargs == 2) return Mini_NewRef(args[1]);
    MiniErr_SetNone(MiniExc_StopIteration);
    return NULL;
}

/* The end of an iteration: 0 when exhausted, -1 on error (StopIteration counts as exhausted). */
static int iteration_end(void) {
    if (!MiniErr_Occurred()) return 0;
    if (!MiniErr_ExceptionMatches(MiniExc_StopIteration)) return -1;
    MiniErr_Clear();
    return 0;
}

/* sum(iterable, /, start=0), keeping a C int64 or double while the items allow (as CPython). The
 * eval loop recognises this function by its address (CALL of sum on a generator, ceval_loop.h). */
MiniObject *_MiniVM_BuiltinSum(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    MiniObject *start = NULL;
    Mini_ssize_t nkw = kwnames ? MiniTuple_GET_SIZE(kwnames) : 0;
    for (Mini_ssize_t i = 0; i < nkw; i++) {
        if (MiniUnicode_EqualToUTF8(MiniTuple_GET_ITEM(kwnames, i), "start")) start = args[nargs + i];
        else return MiniErr_Format(MiniExc_TypeError, "sum() got an unexpected keyword argument '%U'",
                                   MiniTuple_GET_ITEM(kwnames, i));
    }
    if (check_nargs("sum", nargs, 1, start ? 1 : 2) < 0) return NULL;
    if (nargs == 2) start = args[1];
    if (start != NULL && (MiniUnicode_Check(start) || MiniBytes_Check(start)))
        return MiniErr_Format(MiniExc_TypeError, "sum() can't sum %s [use ''.join(seq) instead]",
                              MiniUnicode_Check(start) ? "strings" : "bytes");
    MiniObject *it = MiniObject_GetIter(args[0]);
    if (it == NULL) return NULL;
    Mini_iternextfunc next = Mini_TYPE(it)->tp_iternext;
    MiniObject *result = NULL, *item = NULL;
    int64_t iacc = 0;
    double facc = 0.0;
    if (start == NULL || (Mini_IS_TYPE(start, &MiniLong_Type) && Mini_SIZE(start) == 0)) {
        iacc = start ? _MiniLong_Value(start) : 0;
        for (;;) {
            item = next(it);
            if (item == NULL) {
                if (iteration_end() < 0) goto fail;
                Mini_DECREF(it);
                return MiniLong_FromLongLong(iacc);
            }
            int64_t sum_;
            if (Mini_IS_TYPE(item, &MiniLong_Type) && Mini_SIZE(item) == 0 &&
                !__builtin_add_overflow(iacc, _MiniLong_Value(item), &sum_)) {
                iacc = sum_;
                _MiniVM_DecRef(item);
                continue;
            }
            if (Mini_IS_TYPE(item, &MiniFloat_Type)) {
                facc = (double)iacc + MiniFloat_AS_DOUBLE(item);
                Mini_DECREF(item);
                goto float_phase;
            }
            result = MiniLong_FromLongLong(iacc);
            goto generic_add;
        }
    }
    if (Mini_IS_TYPE(start, &MiniFloat_Type)) {
        facc = MiniFloat_AS_DOUBLE(start);
    float_phase:
        for (;;) {
            item = next(it);
            if (item == NULL) {
                if (iteration_end() < 0) goto fail;
                Mini_DECREF(it);
                return MiniFloat_FromDouble(facc);
            }
            if (Mini_IS_TYPE(item, &MiniFloat_Type)) {
                facc += MiniFloat_AS_DOUBLE(item);
                _MiniVM_DecRef(item);
                continue;
            }
            if (Mini_IS_TYPE(item, &MiniLong_Type) && Mini_SIZE(item) == 0) {
                facc += (double)_MiniLong_Value(item);
                Mini_DECREF(item);
                continue;
            }
            result = MiniFloat_FromDouble(facc);
            goto generic_add;
        }
    }
    result = Mini_NewRef(start);
    for (;;) {
        item = next(it);
        if (item == NULL) {
            if (iteration_end() < 0) goto fail;
            Mini_DECREF(it);
            return result;
        }
    generic_add:
        if (result == NULL) goto fail;
        MiniObject *r = MiniNumber_Add(result, item);
        Mini_DECREF(item);
        item = NULL;
        Mini_DECREF(result);
        result = r;
        if (result == NULL) goto fail;
    }
fail:
    Mini_XDECREF(item);
    Mini_XDECREF(result);
    Mini_DECREF(it);
    return NULL;
}

/* The rest of a sum() the eval loop began in place (CALL of sum on a generator run inline) when an
 * item was neither an int nor a float: acc + item, then + every further item of it, by the generic
 * addition (the int and float phases above give the same results, only faster). Steals acc and item;
 * a new reference, or NULL with the exception set. GIL held. */
MiniObject *_MiniVM_SumRest(MiniObject *acc, MiniObject *item, MiniObject *it) {
    Mini_iternextfunc next = Mini_TYPE(it)->tp_iternext;
    while (item != NULL) {
        MiniObject *r = MiniNumber_Add(acc, item);
        Mini_DECREF(item);
        Mini_DECREF(acc);
        if (r == NULL) return NULL;
        acc = r;
        item = next(it);
    }
    if (iteration_end() < 0) { Mini_DECREF(acc); return NULL; }
    return acc;
}

static MiniObject *builtin_abs(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("abs", kwnames) < 0 || check_nargs("abs", nargs, 1, 1) < 0) return NULL;
    return MiniNumber_Absolute(args[0]);
}

static MiniObject *builtin_getattr(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("getattr", kwnames) < 0 || check_nargs("getattr", nargs, 2, 3) < 0) return NULL;
    if (!MiniUnicode_Check(args[1])) return MiniErr_Format(MiniExc_TypeError, "attribute name must be string, not '%.200s'",
                                                           Mini_TYPE(args[1])->tp_name);
    if (nargs == 2) return MiniObject_GetAttr(args[0], args[1]);
    /* With a default, a missing attribute is no exception at all (no AttributeError built). */
    MiniObject *r;
    int found = _MiniObject_LookupAttr(args[0], args[1], &r);
    if (found < 0) return NULL;
    return found ? r : Mini_NewRef(args[2]);
}

static MiniObject *builtin_setattr(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("setattr", kwnames) < 0 || check_nargs("setattr", nargs, 3, 3) < 0) return NULL;
    if (MiniObject_SetAttr(args[0], args[1], args[2]) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *builtin_hasattr(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("hasattr", kwnames) < 0 || check_nargs("hasattr", nargs, 2, 2) < 0) return NULL;
    if (!MiniUnicode_Check(args[1])) return MiniErr_Format(MiniExc_TypeError, "attribute name must be string, not '%.200s'",
                                                           Mini_TYPE(args[1])->tp_name);
    MiniObject *r;
    int found = _MiniObject_LookupAttr(args[0], args[1], &r);
    if (found < 0) return NULL;
    Mini_XDECREF(r);
    return Mini_NewRef(found ? Mini_True : Mini_False);
}

static MiniObject *builtin_id(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("id", kwnames) < 0 || check_nargs("id", nargs, 1, 1) < 0) return NULL;
    return MiniLong_FromUnsignedLongLong((unsigned long long)(uintptr_t)args[0]);
}

static MiniObject *builtin_hash(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("hash", kwnames) < 0 || check_nargs("hash", nargs, 1, 1) < 0) return NULL;
    Mini_hash_t h = MiniObject_Hash(args[0]);
    return h == -1 ? NULL : MiniLong_FromSsize_t(h);
}

static MiniObject *builtin_callable(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    if (no_keywords("callable", kwnames) < 0 || check_nargs("callable", nargs, 1, 1) < 0) return NULL;
    return MiniBool_FromLong(MiniCallable_Check(args[0]));
}

/* ----- range ------------------------------------------------------------------------------------------------ */

/* The bounds are C long longs (a bound past them is an OverflowError, where CPython takes any
 * int); the length is unsigned: range(-2**63, 2**63 - 1) has 2**64 - 1 items, more than a
 * ssize_t, so len() of it is CPython's OverflowError (it returned -1 without an exception, a
 * SystemError) and items are computed modulo 2**64 (exact, as every item lies between the bounds). */
typedef struct {
    MiniObject_HEAD
    int64_t start, stop, step;
    uint64_t length;
} RangeObject;

static MiniTypeObject Range_Type;

static uint64_t range_length(int64_t start, int64_t stop, int64_t step) {
    if (step > 0 && start < stop) return ((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1;
    if (step < 0 && start > stop) return ((uint64_t)start - (uint64_t)stop - 1) / (0 - (uint64_t)step) + 1;
    return 0;
}

/* The length as a ssize_t, or -1 with CPython's OverflowError past it. */
static Mini_ssize_t range_ssize_length(const RangeObject *r) {
    if (r->length > (uint64_t)MINI_SSIZE_T_MAX) {
        MiniErr_SetString(MiniExc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return (Mini_ssize_t)r->length;
}

static int range_arg(MiniObject *o, int64_t *out) {
    if (!MiniLong_Check(o) && !(Mini_TYPE(o)->tp_as_number && Mini_TYPE(o)->tp_as_number->nb_index)) {
        MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer", Mini_TYPE(o)->tp_name);
        return -1;
    }
    long long v = MiniLong_AsLongLong(o);
    if (v == -1 && MiniErr_Occurred()) return -1;
    *out = v;
    return 0;
}

static MiniObject *range_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)type;
    if (kwargs != NULL && MiniDict_Size(kwargs) > 0) return MiniErr_Format(MiniExc_TypeError, "range() takes no keyword arguments");
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    int64_t start = 0, stop = 0, step = 1;
    if (n == 1) {
        if (range_arg(MiniTuple_GET_ITEM(args, 0), &stop) < 0) return NULL;
    } else if (n == 2 || n == 3) {
        if (range_arg(MiniTuple_GET_ITEM(args, 0), &start) < 0 || range_arg(MiniTuple_GET_ITEM(args, 1), &stop) < 0)
            return NULL;
        if (n == 3 && range_arg(MiniTuple_GET_ITEM(args, 2), &step) < 0) return NULL;
        if (step == 0) return MiniErr_Format(MiniExc_ValueError, "range() arg 3 must not be zero");
    } else if (n == 0) {
        return MiniErr_Format(MiniExc_TypeError, "range expected at least 1 argument, got 0");
    } else {
        return MiniErr_Format(MiniExc_TypeError, "range expected at most 3 arguments, got %zd", n);
    }
    RangeObject *r = (RangeObject *)_MiniVM_CacheNew(&_MiniVM_RangeCache, &Range_Type, sizeof(RangeObject));
    if (r == NULL) return NULL;
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = range_length(start, stop, step);
    return (MiniObject *)r;
}

static MiniObject *range_repr(MiniObject *self) {
    RangeObject *r = (RangeObject *)self;
    if (r->step == 1) return MiniUnicode_FromFormat("range(%lld, %lld)", (long long)r->start, (long long)r->stop);
    return MiniUnicode_FromFormat("range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop, (long long)r->step);
}

static Mini_ssize_t range_len(MiniObject *self) { return range_ssize_length((RangeObject *)self); }

static MiniObject *range_item(MiniObject *self, Mini_ssize_t i) {
    RangeObject *r = (RangeObject *)self;
    uint64_t k;
    if (i >= 0) k = (uint64_t)i;
    else if ((uint64_t)-(i + 1) < r->length) k = r->length - 1 - (uint64_t)-(i + 1);   /* i + length */
    else k = r->length;
    if (k >= r->length) return MiniErr_Format(MiniExc_IndexError, "range object index out of range");
    return MiniLong_FromLongLong((int64_t)((uint64_t)r->start + k * (uint64_t)r->step));
}

static int range_contains(MiniObject *self, MiniObject *v) {
    RangeObject *r = (RangeObject *)self;
    if (!MiniLong_CheckExact(v) && !MiniBool_Check(v)) {
        MiniObject *it = MiniObject_GetIter(self), *x;
        if (it == NULL) return -1;
        int found = 0;
        while ((x = MiniIter_Next(it)) != NULL) {
            found = MiniObject_RichCompareBool(x, v, Mini_EQ);
            Mini_DECREF(x);
            if (found) break;
        }
        Mini_DECREF(it);
        return found < 0 || MiniErr_Occurred() ? -1 : found;
    }
    int64_t x = _MiniLong_Value(v);
    if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop)) return 0;
    /* Distances as unsigned: x - start can pass INT64_MAX in a range wider than that. */
    if (r->step > 0) return ((uint64_t)x - (uint64_t)r->start) % (uint64_t)r->step == 0;
    return ((uint64_t)r->start - (uint64_t)x) % (0 - (uint64_t)r->step) == 0;
}

static MiniObject *range_iter(MiniObject *self) {
    RangeObject *r = (RangeObject *)self;
    MiniVMRangeIter *it = (MiniVMRangeIter *)_MiniVM_CacheNew(&_MiniVM_RangeIterCache, &MiniVMRangeIter_Type, sizeof(MiniVMRangeIter));
    if (it == NULL) return NULL;
    it->next = r->start;
    it->stop = r->stop;
    it->step = r->step;
    /* Past a ssize_t's items (2**63 - 1 of them: never all reached) the count saturates. */
    it->remaining = r->length > (uint64_t)MINI_SSIZE_T_MAX ? MINI_SSIZE_T_MAX : (Mini_ssize_t)r->length;
    return (MiniObject *)it;
}

/* range[i] and range[i:j:k] (a new range, as CPython's range_subscript). */
static MiniObject *range_subscript(MiniObject *self, MiniObject *key) {
    RangeObject *r = (RangeObject *)self;
    if (MiniSlice_Check(key)) {
        Mini_ssize_t start, stop, step;
        if (_MiniSlice_Unpack(key, &start, &stop, &step) < 0) return NULL;
        Mini_ssize_t len = range_ssize_length(r);
        if (len < 0) return NULL;
        Mini_ssize_t count = _MiniSlice_AdjustIndices(len, &start, &stop, step);
        RangeObject *n = (RangeObject *)_MiniVM_CacheNew(&_MiniVM_RangeCache, &Range_Type, sizeof(RangeObject));
        if (n == NULL) return NULL;
        n->start = (int64_t)((uint64_t)r->start + (uint64_t)start * (uint64_t)r->step);   /* modulo 2**64: no UB */
        n->stop = (int64_t)((uint64_t)r->start + (uint64_t)stop * (uint64_t)r->step);
        n->step = r->step * (int64_t)step;
        n->length = (uint64_t)count;
        return (MiniObject *)n;
    }
    if (!MiniLong_Check(key))
        return MiniErr_Format(MiniExc_TypeError, "range indices must be integers or slices, not %.200s",
                              Mini_TYPE(key)->tp_name);
    Mini_ssize_t i = MiniLong_AsSsize_t(key);
    if (i == -1 && MiniErr_Occurred()) return NULL;
    return range_item(self, i);
}

static MiniMappingMethods range_as_mapping = {
    .mp_length = range_len,
    .mp_subscript = range_subscript,
};

static MiniSequenceMethods range_as_sequence = {
    .sq_length = range_len,
    .sq_item = range_item,
    .sq_contains = range_contains,
};

static MiniObject *range_get_start(MiniObject *s, void *c) { (void)c; return MiniLong_FromLongLong(((RangeObject *)s)->start); }
static MiniObject *range_get_stop(MiniObject *s, void *c) { (void)c; return MiniLong_FromLongLong(((RangeObject *)s)->stop); }
static MiniObject *range_get_step(MiniObject *s, void *c) { (void)c; return MiniLong_FromLongLong(((RangeObject *)s)->step); }

static MiniGetSetDef range_getset[] = {
    { "start", range_get_start, NULL, NULL, NULL },
    { "stop", range_get_stop, NULL, NULL, NULL },
    { "step", range_get_step, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static void range_dealloc(MiniObject *self) { _MiniVM_CacheFree(&_MiniVM_RangeCache, self); }

static MiniTypeObject Range_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "range",
    .tp_basicsize = sizeof(RangeObject),
    .tp_dealloc = range_dealloc,
    .tp_repr = range_repr,
    .tp_iter = range_iter,
    .tp_as_sequence = &range_as_sequence,
    .tp_as_mapping = &range_as_mapping,
    .tp_getset = range_getset,
    .tp_new = range_new,
};

static MiniObject *rangeiter_next(MiniObject *self) {
    MiniVMRangeIter *it = (MiniVMRangeIter *)self;
    if (it->remaining <= 0) return NULL;
    int64_t v = it->next;
    it->next += it->step;
    it->remaining--;
    return MiniLong_FromLongLong(v);
}

static MiniObject *rangeiter_iter(MiniObject *self) { return Mini_NewRef(self); }

static void rangeiter_dealloc(MiniObject *self) { _MiniVM_CacheFree(&_MiniVM_RangeIterCache, self); }

MiniTypeObject MiniVMRangeIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "range_iterator",
    .tp_basicsize = sizeof(MiniVMRangeIter),
    .tp_dealloc = rangeiter_dealloc,
    .tp_iter = rangeiter_iter,
    .tp_iternext = rangeiter_next,
};

/* ----- the registry ---------------------------------------------------------------------------------------- */

typedef struct {
    const char *name;
    MiniVMFastFunc fn;
} BuiltinEntry;

static const BuiltinEntry builtin_functions[] = {
    { "print", builtin_print },
    { "len", builtin_len },
    { "repr", builtin_repr },
    { "isinstance", builtin_isinstance },
    { "issubclass", builtin_issubclass },
    { "iter", builtin_iter },
    { "next", builtin_next },
    { "sum", _MiniVM_BuiltinSum },
    { "abs", builtin_abs },
    { "getattr", builtin_getattr },
    { "setattr", builtin_setattr },
    { "hasattr", builtin_hasattr },
    { "id", builtin_id },
    { "hash", builtin_hash },
    { "callable", builtin_callable },
    { NULL, NULL },
};

int _MiniVM_InitClasses(MiniObject *builtins);
int _MiniVM_InitEvalBuiltins(MiniObject *builtins);   /* builtins_eval.c */
int _MiniVM_InitAsyncBuiltins(MiniObject *builtins);  /* builtins_async.c: aiter, anext */

int _MiniVM_InitBuiltins(MiniObject *b) {
    if (MiniType_Ready(&Range_Type) < 0 || MiniType_Ready(&MiniVMRangeIter_Type) < 0) return -1;
    for (const BuiltinEntry *e = builtin_functions; e->name != NULL; e++) {
        MiniObject *f = _MiniVMBuiltin_New(e->name, e->fn, NULL);
        if (f == NULL || MiniDict_SetItemString(b, e->name, f) < 0) { Mini_XDECREF(f); return -1; }
        Mini_DECREF(f);
    }
    struct { const char *name; MiniObject *obj; } objects[] = {
        { "int", (MiniObject *)&MiniLong_Type }, { "float", (MiniObject *)&MiniFloat_Type },
        { "str", (MiniObject *)&MiniUnicode_Type }, { "bool", (MiniObject *)&MiniBool_Type },
        { "list", (MiniObject *)&MiniList_Type }, { "tuple", (MiniObject *)&MiniTuple_Type },
        { "dict", (MiniObject *)&MiniDict_Type }, { "bytes", (MiniObject *)&MiniBytes_Type },
        { "complex", (MiniObject *)&MiniComplex_Type },
        { "object", (MiniObject *)&MiniBaseObject_Type }, { "type", (MiniObject *)&MiniType_Type },
        { "range", (MiniObject *)&Range_Type },
        { "None", Mini_None }, { "True", Mini_True }, { "False", Mini_False },
        { "NotImplemented", Mini_NotImplemented },
        { "BaseException", MiniExc_BaseException }, { "SystemExit", MiniExc_SystemExit },
        { "KeyboardInterrupt", MiniExc_KeyboardInterrupt }, { "GeneratorExit", MiniExc_GeneratorExit },
        { "Exception", MiniExc_Exception }, { "StopIteration", MiniExc_StopIteration },
        { "StopAsyncIteration", MiniExc_StopAsyncIteration },
        { "ArithmeticError", MiniExc_ArithmeticError }, { "OverflowError", MiniExc_OverflowError },
        { "ZeroDivisionError", MiniExc_ZeroDivisionError }, { "FloatingPointError", MiniExc_FloatingPointError },
        { "AssertionError", MiniExc_AssertionError }, { "AttributeError", MiniExc_AttributeError },
        { "BufferError", MiniExc_BufferError }, { "EOFError", MiniExc_EOFError },
        { "ImportError", MiniExc_ImportError }, { "ModuleNotFoundError", MiniExc_ModuleNotFoundError },
        { "LookupError", MiniExc_LookupError }, { "IndexError", MiniExc_IndexError },
        { "KeyError", MiniExc_KeyError }, { "MemoryError", MiniExc_MemoryError },
        { "NameError", MiniExc_NameError }, { "UnboundLocalError", MiniExc_UnboundLocalError },
        { "OSError", MiniExc_OSError }, { "FileNotFoundError", MiniExc_FileNotFoundError },
        { "PermissionError", MiniExc_PermissionError }, { "TimeoutError", MiniExc_TimeoutError },
        { "RuntimeError", MiniExc_RuntimeError }, { "NotImplementedError", MiniExc_NotImplementedError },
        { "RecursionError", MiniExc_RecursionError }, { "SyntaxError", MiniExc_SyntaxError },
        { "IndentationError", MiniExc_IndentationError }, { "SystemError", MiniExc_SystemError },
        { "TypeError", MiniExc_TypeError }, { "ValueError", MiniExc_ValueError },
        { "UnicodeError", MiniExc_UnicodeError },
        /* The rest of the built-in exceptions, warnings included (stdlib-pure: warnings.py). */
        { "BlockingIOError", MiniExc_BlockingIOError }, { "ChildProcessError", MiniExc_ChildProcessError },
        { "ConnectionError", MiniExc_ConnectionError }, { "BrokenPipeError", MiniExc_BrokenPipeError },
        { "ConnectionAbortedError", MiniExc_ConnectionAbortedError }, { "ConnectionRefusedError", MiniExc_ConnectionRefusedError },
        { "ConnectionResetError", MiniExc_ConnectionResetError }, { "FileExistsError", MiniExc_FileExistsError },
        { "InterruptedError", MiniExc_InterruptedError }, { "IsADirectoryError", MiniExc_IsADirectoryError },
        { "NotADirectoryError", MiniExc_NotADirectoryError }, { "ProcessLookupError", MiniExc_ProcessLookupError },
        { "ReferenceError", MiniExc_ReferenceError }, { "TabError", MiniExc_TabError },
        { "UnicodeDecodeError", MiniExc_UnicodeDecodeError }, { "UnicodeEncodeError", MiniExc_UnicodeEncodeError },
        { "UnicodeTranslateError", MiniExc_UnicodeTranslateError }, { "Warning", MiniExc_Warning },
        { "DeprecationWarning", MiniExc_DeprecationWarning }, { "PendingDeprecationWarning", MiniExc_PendingDeprecationWarning },
        { "RuntimeWarning", MiniExc_RuntimeWarning }, { "SyntaxWarning", MiniExc_SyntaxWarning },
        { "UserWarning", MiniExc_UserWarning }, { "FutureWarning", MiniExc_FutureWarning },
        { "ImportWarning", MiniExc_ImportWarning }, { "UnicodeWarning", MiniExc_UnicodeWarning },
        { "BytesWarning", MiniExc_BytesWarning }, { "ResourceWarning", MiniExc_ResourceWarning },
        { "EncodingWarning", MiniExc_EncodingWarning },
        { "EnvironmentError", MiniExc_OSError }, { "IOError", MiniExc_OSError },
        { NULL, NULL },
    };
    for (int i = 0; objects[i].name != NULL; i++)
        if (MiniDict_SetItemString(b, objects[i].name, objects[i].obj) < 0) return -1;
    MiniObject *ell = MiniVM_Ellipsis();
    if (ell == NULL || MiniDict_SetItemString(b, "Ellipsis", ell) < 0) { Mini_XDECREF(ell); return -1; }
    Mini_DECREF(ell);
    if (_MiniVM_InitEvalBuiltins(b) < 0 || _MiniVM_InitAsyncBuiltins(b) < 0 || _MiniVM_AddImportBuiltin(b) < 0) return -1;
    return _MiniVM_InitClasses(b);
}

/* ----- Ellipsis and the compiler's constant helpers --------------------------------------------------- */

static MiniObject *ellipsis_repr(MiniObject *self) {
    (void)self;
    return MiniUnicode_FromString("Ellipsis");
}

static MiniTypeObject Ellipsis_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "ellipsis",
    .tp_basicsize = sizeof(MiniObject),
    .tp_repr = ellipsis_repr,
};

static MiniObject ellipsis_object = MINI_OBJECT_STATIC_INIT(&Ellipsis_Type);

MiniObject *MiniVM_Ellipsis(void) {
    if (!(Ellipsis_Type.tp_flags & MINI_TPFLAGS_READY) && MiniType_Ready(&Ellipsis_Type) < 0) return NULL;
    return Mini_NewRef(&ellipsis_object);
}

MiniObject *MiniVM_LongFromString(const char *digits, int radix) {
    MINI_CHECK_GIL("MiniVM_LongFromString");
    MiniObject *s = MiniUnicode_FromString(digits), *r = MiniLong_FromLong(radix), *res = NULL;
    if (s != NULL && r != NULL) {
        MiniObject *args[2] = { s, r };
        res = _MiniVM_Call((MiniObject *)&MiniLong_Type, args, 2, NULL);
    }
    Mini_XDECREF(s);
    Mini_XDECREF(r);
    return res;
}

void MiniVM_SetSyntaxError(const char *kind, const char *msg, const char *filename, int lineno, int offset,
                           const char *text, int end_lineno, int end_offset) {
    MINI_CHECK_GIL("MiniVM_SetSyntaxError");
    MiniObject *type = MiniExc_SyntaxError;
    if (kind != NULL && strcmp(kind, "IndentationError") == 0) type = MiniExc_IndentationError;
    else if (kind != NULL && strcmp(kind, "TabError") == 0) type = MiniExc_TabError;
    MiniObject *detail = Mini_BuildValue("(siisii)", filename, lineno, offset, text, end_lineno, end_offset);
    if (detail == NULL) return;
    MiniObject *args = Mini_BuildValue("(sN)", msg, detail);
    if (args == NULL) return;
    MiniErr_SetObject(type, args);
    Mini_DECREF(args);
}
