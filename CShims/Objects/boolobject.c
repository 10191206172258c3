/* Objects/boolobject.c: bool, the subtype of int with exactly two instances. True and False are
 * immortal static headers; int arithmetic reads their values through _MiniLong_Value, so
 * True + 1 == 2 works without giving them the int layout. bool cannot be subclassed. */
#include "mini.h"
#include "longobject_internal.h"

MiniObject _Mini_TrueStruct = MINI_OBJECT_STATIC_INIT(&MiniBool_Type);
MiniObject _Mini_FalseStruct = MINI_OBJECT_STATIC_INIT(&MiniBool_Type);

MiniObject *MiniBool_FromLong(long v) {
    MINI_CHECK_GIL("MiniBool_FromLong");
    return Mini_NewRef(v ? Mini_True : Mini_False);
}

static MiniObject *bool_repr(MiniObject *self) {
    return MiniUnicode_FromString(self == Mini_True ? "True" : "False");
}

static MiniObject *bool_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)type;
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0)
        return MiniErr_Format(MiniExc_TypeError, "bool() takes no keyword arguments");
    Mini_ssize_t n = args ? MiniTuple_GET_SIZE(args) : 0;
    if (n > 1)
        return MiniErr_Format(MiniExc_TypeError, "bool expected at most 1 argument, got %zd", n);
    if (n == 0) Mini_RETURN_FALSE;
    int t = MiniObject_IsTrue(MiniTuple_GET_ITEM(args, 0));
    return t < 0 ? NULL : MiniBool_FromLong(t);
}

static void bool_dealloc(MiniObject *self) {
    Mini_FatalErrorFormat("_Mini_Dealloc", "deallocating %s (its reference count was driven to "
                          "zero by too many DECREFs)", self == Mini_True ? "True" : "False");
}

/* bool & | ^ bool is a bool (True.__and__(True) is True, as in CPython); with any other int
 * operand the int method's answer (an int). */
#define BOOL_BITWISE(name, fn, cop) \
    static MiniObject *name(MiniObject *self, MiniObject *other) { \
        if (MiniBool_Check(self) && MiniBool_Check(other)) \
            return MiniBool_FromLong((self == Mini_True) cop (other == Mini_True)); \
        if (!MiniLong_Check(other)) Mini_RETURN_NOTIMPLEMENTED; \
        return fn(self, other); \
    }
BOOL_BITWISE(bool_and, _MiniLong_And, &)
BOOL_BITWISE(bool_or, _MiniLong_Or, |)
BOOL_BITWISE(bool_xor, _MiniLong_Xor, ^)

static MiniMethodDef bool_methods[] = {
    { "__and__", bool_and, MINI_METH_O, NULL },
    { "__rand__", bool_and, MINI_METH_O, NULL },
    { "__or__", bool_or, MINI_METH_O, NULL },
    { "__ror__", bool_or, MINI_METH_O, NULL },
    { "__xor__", bool_xor, MINI_METH_O, NULL },
    { "__rxor__", bool_xor, MINI_METH_O, NULL },
    { NULL, NULL, 0, NULL },
};

MiniTypeObject MiniBool_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "bool",
    .tp_basicsize = sizeof(MiniObject),
    .tp_dealloc = bool_dealloc,
    .tp_repr = bool_repr,
    .tp_base = &MiniLong_Type,
    .tp_flags = MINI_TPFLAGS_LONG_SUBCLASS,
    .tp_doc = "bool(x) -> True when x is true, else False",
    .tp_new = bool_new,
    .tp_methods = bool_methods,
};
