/* lib_test_support.c: see lib_test_support.h. The runtime-private headers are reached by a
 * relative path: this target only sees CShims' public include directory. */
#include "lib_test_support.h"
#include "mini_vm.h"
#include "lib_internal.h"
#include "longobject_internal.h"
#include "vm_internal.h"   /* _MiniLib_InitBuiltins: the library builtins live in the VM */

#include <string.h>

MiniObject *lts_int(const char *text, int base) { return MiniLong_FromString(text, NULL, base); }

int lts_int_is_compact(MiniObject *o) { return _MiniLong_IsCompact(o); }

long lts_int_digits(MiniObject *o) {
    if (_MiniLong_IsCompact(o)) return 0;
    Mini_ssize_t n = Mini_SIZE(o);
    return (long)(n < 0 ? -n : n);
}

MiniObject *lts_int_bitop(MiniObject *a, MiniObject *b, char op) {
    switch (op) {
    case '&': return _MiniLong_And(a, b);
    case '|': return _MiniLong_Or(a, b);
    case '^': return _MiniLong_Xor(a, b);
    case '<': return _MiniLong_Lshift(a, b);
    case '>': return _MiniLong_Rshift(a, b);
    case '~': return _MiniLong_Invert(a);
    default: MiniErr_BadInternalCall(); return NULL;
    }
}

MiniObject *lts_int_format(MiniObject *a, int base, int prefix) { return _MiniLong_Format(a, base, prefix); }

unsigned long long lts_int_bits(MiniObject *a) { return _MiniLong_NumBits(a); }

int lts_set_max_str_digits(int n) {
    int old = _MiniLong_MaxStrDigits;
    _MiniLong_MaxStrDigits = n;
    return old;
}

MiniObject *lts_call_method(MiniObject *o, const char *name, MiniObject *args, MiniObject *kwargs) {
    MiniObject *m = MiniObject_GetAttrString(o, name);
    if (m == NULL) return NULL;
    MiniObject *empty = args == NULL ? MiniTuple_New(0) : NULL;
    MiniObject *r = MiniObject_Call(m, args != NULL ? args : empty, kwargs);
    Mini_XDECREF(empty);
    Mini_DECREF(m);
    return r;
}

MiniTypeObject *lts_lib_type(const char *name) {
    static const struct { const char *name; MiniTypeObject *type; } types[] = {
        { "set", &MiniSet_Type }, { "frozenset", &MiniFrozenSet_Type }, { "slice", &MiniSlice_Type },
        { "enumerate", &MiniEnumerate_Type }, { "zip", &MiniZip_Type }, { "map", &MiniMap_Type },
        { "filter", &MiniFilter_Type }, { "reversed", &MiniReversed_Type },
        { "dict_keys", &_MiniDictKeys_Type }, { "dict_values", &_MiniDictValues_Type },
        { "dict_items", &_MiniDictItems_Type },
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(types[i].name, name) == 0) return types[i].type;
    return NULL;
}

MiniObject *lts_set_new(MiniObject *iterable, int frozen) {
    return frozen ? MiniFrozenSet_New(iterable) : MiniSet_New(iterable);
}
int lts_set_add(MiniObject *set, MiniObject *key) { return MiniSet_Add(set, key); }
int lts_set_discard(MiniObject *set, MiniObject *key) { return MiniSet_Discard(set, key); }
int lts_set_contains(MiniObject *set, MiniObject *key) { return MiniSet_Contains(set, key); }

MiniObject *lts_slice(MiniObject *start, MiniObject *stop, MiniObject *step) { return MiniSlice_New(start, stop, step); }

long lts_slice_indices(MiniObject *slice, long length, long *start, long *step) {
    Mini_ssize_t s, st, count;
    if (_MiniSlice_Indices(slice, length, &s, &st, &count) < 0) return -1;
    *start = (long)s;
    *step = (long)st;
    return (long)count;
}

int lts_init_builtins(void) { return _MiniLib_InitBuiltins(); }

MiniObject *lts_builtin(const char *name) {
    MiniObject *b = MiniVM_Builtins();
    return b ? MiniDict_GetItemString(b, name) : NULL;
}

MiniObject *lts_call_builtin(const char *name, MiniObject *args, MiniObject *kwargs) {
    MiniObject *f = lts_builtin(name);
    if (f == NULL) return MiniErr_Format(MiniExc_NameError, "name '%s' is not defined", name);
    return MiniObject_Call(f, args, kwargs);
}

long lts_freelist_churn(long n) {
    int checked = _Mini_CheckedMode;
    Mini_SetCheckedMode(0);
    Mini_ssize_t before = Mini_LiveObjects();
    for (long round = 0; round < 3; round++) {
        MiniObject *keep[64];
        for (long i = 0; i < n; i++) {
            MiniObject *o = MiniLong_FromLong(1000 + i);
            MiniObject *f = MiniFloat_FromDouble((double)i);
            if (i < 64) keep[i] = o; else Mini_DECREF(o);
            Mini_DECREF(f);
        }
        for (long i = 0; i < n && i < 64; i++) {
            if (_MiniLong_Value(keep[i]) != 1000 + i) { Mini_SetCheckedMode(checked); return -1000000; }
            Mini_DECREF(keep[i]);
        }
    }
    long delta = (long)(Mini_LiveObjects() - before);
    Mini_SetCheckedMode(checked);
    return delta;
}
