/* Objects/noneobject.c: the singletons None and NotImplemented and their types. Both are immortal
 * statics: their reference counts move (and are counted in the reference total) but they are
 * never deallocated; a deallocation attempt means the count was corrupted and is fatal. */
#include "mini.h"

static void singleton_dealloc(MiniObject *self) {
    Mini_FatalErrorFormat("_Mini_Dealloc", "deallocating the %s singleton (its reference count "
                          "was driven to zero by too many DECREFs)", Mini_TYPE(self)->tp_name);
}

static MiniObject *none_repr(MiniObject *self) { (void)self; return MiniUnicode_FromString("None"); }

static int none_bool(MiniObject *self) { (void)self; return 0; }

static int takes_no_args(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if ((args != NULL && MiniTuple_GET_SIZE(args) != 0) || (kwargs != NULL && MiniDict_Size(kwargs) != 0)) {
        MiniErr_Format(MiniExc_TypeError, "%s takes no arguments", type->tp_name);
        return 0;
    }
    return 1;
}

static MiniObject *none_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (!takes_no_args(type, args, kwargs)) return NULL;
    Mini_RETURN_NONE;
}

static MiniNumberMethods none_as_number = { .nb_bool = none_bool };

MiniTypeObject MiniNone_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "NoneType",
    .tp_basicsize = sizeof(MiniObject),
    .tp_dealloc = singleton_dealloc,
    .tp_repr = none_repr,
    .tp_as_number = &none_as_number,
    .tp_new = none_new,
};

MiniObject _Mini_NoneStruct = MINI_OBJECT_STATIC_INIT(&MiniNone_Type);

static MiniObject *notimpl_repr(MiniObject *self) {
    (void)self;
    return MiniUnicode_FromString("NotImplemented");
}

static MiniObject *notimpl_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    if (!takes_no_args(type, args, kwargs)) return NULL;
    Mini_RETURN_NOTIMPLEMENTED;
}

MiniTypeObject MiniNotImplemented_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "NotImplementedType",
    .tp_basicsize = sizeof(MiniObject),
    .tp_dealloc = singleton_dealloc,
    .tp_repr = notimpl_repr,
    .tp_new = notimpl_new,
};

MiniObject _Mini_NotImplementedStruct = MINI_OBJECT_STATIC_INIT(&MiniNotImplemented_Type);
