/* object_test_support.c: see object_test_support.h. */
#include "object_test_support.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    MiniObject_HEAD
    long value;
} WidgetObject;

static MiniObject *widget_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)kwargs;
    long v = 0;
    if (MiniTuple_Size(args) != 1)
        return MiniErr_Format(MiniExc_TypeError, "Widget() takes exactly 1 argument (%zd given)", MiniTuple_Size(args));
    v = MiniLong_AsLong(MiniTuple_GetItem(args, 0));
    if (v == -1 && MiniErr_Occurred()) return NULL;
    WidgetObject *w = (WidgetObject *)MiniType_GenericNew(type, args, kwargs);
    if (w != NULL) w->value = v;
    return (MiniObject *)w;
}

static MiniObject *widget_repr(MiniObject *self) {
    return MiniUnicode_FromFormat("Widget(%ld)", ((WidgetObject *)self)->value);
}

static Mini_hash_t widget_hash(MiniObject *self) {
    long v = ((WidgetObject *)self)->value;
    return v == -1 ? -2 : v;
}

static MiniObject *widget_richcompare(MiniObject *a, MiniObject *b, int op) {
    MiniTypeObject *t = ots_widget_type();
    if (!MiniObject_TypeCheck(a, t) || !MiniObject_TypeCheck(b, t) || (op != Mini_EQ && op != Mini_NE))
        Mini_RETURN_NOTIMPLEMENTED;
    int eq = ((WidgetObject *)a)->value == ((WidgetObject *)b)->value;
    return MiniBool_FromLong(op == Mini_EQ ? eq : !eq);
}

static MiniObject *widget_get(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return MiniLong_FromLong(((WidgetObject *)self)->value);
}

static MiniObject *widget_add(MiniObject *self, MiniObject *n) {
    long d = MiniLong_AsLong(n);
    if (d == -1 && MiniErr_Occurred()) return NULL;
    ((WidgetObject *)self)->value += d;
    Mini_RETURN_NONE;
}

static MiniObject *widget_get_value(MiniObject *self, void *c) {
    (void)c;
    return MiniLong_FromLong(((WidgetObject *)self)->value);
}

static int widget_set_value(MiniObject *self, MiniObject *v, void *c) {
    (void)c;
    if (v == NULL) {
        MiniErr_SetString(MiniExc_TypeError, "cannot delete value");
        return -1;
    }
    if (!MiniLong_Check(v)) {
        MiniErr_Format(MiniExc_TypeError, "value must be int, not %.100s", Mini_TYPE(v)->tp_name);
        return -1;
    }
    ((WidgetObject *)self)->value = MiniLong_AsLong(v);
    return 0;
}

static MiniObject *widget_get_doubled(MiniObject *self, void *c) {
    (void)c;
    return MiniLong_FromLong(2 * ((WidgetObject *)self)->value);
}

static MiniMethodDef widget_methods[] = {
    { "get", widget_get, MINI_METH_NOARGS, "the value" },
    { "add", widget_add, MINI_METH_O, "add n to the value" },
    { NULL, NULL, 0, NULL },
};

static MiniGetSetDef widget_getsets[] = {
    { "value", widget_get_value, widget_set_value, "the value", NULL },
    { "doubled", widget_get_doubled, NULL, "twice the value", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static MiniTypeObject WidgetType = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "ots.Widget",
    .tp_basicsize = sizeof(WidgetObject),
    .tp_repr = widget_repr,
    .tp_hash = widget_hash,
    .tp_richcompare = widget_richcompare,
    .tp_methods = widget_methods,
    .tp_getset = widget_getsets,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "A test widget.",
    .tp_new = widget_new,
};

MiniTypeObject *ots_widget_type(void) { return &WidgetType; }

MiniObject *ots_widget_new(long value) {
    if (MiniType_Ready(&WidgetType) < 0) return NULL;
    MiniObject *v = MiniLong_FromLong(value);
    if (v == NULL) return NULL;
    MiniObject *w = MiniObject_CallOneArg((MiniObject *)&WidgetType, v);
    Mini_DECREF(v);
    return w;
}

typedef struct {
    MiniObject_HEAD
    MiniObject *target;
} MutatingKeyObject;

static void mkey_dealloc(MiniObject *self) {
    Mini_CLEAR(((MutatingKeyObject *)self)->target);
    MiniObject_Free(self);
}

static Mini_hash_t mkey_hash(MiniObject *self) { (void)self; return 42; }

static MiniObject *mkey_richcompare(MiniObject *a, MiniObject *b, int op) {
    (void)b;
    MutatingKeyObject *k = (MutatingKeyObject *)a;
    if (k->target != NULL) {
        MiniObject *t = k->target;
        k->target = NULL;
        if (MiniDict_Check(t)) MiniDict_Clear(t);
        else if (MiniList_Append(t, Mini_None) < 0) { Mini_DECREF(t); return NULL; }
        Mini_DECREF(t);
    }
    return MiniBool_FromLong(op == Mini_EQ);
}

static MiniTypeObject MutatingKeyType = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "ots.MutatingKey",
    .tp_basicsize = sizeof(MutatingKeyObject),
    .tp_dealloc = mkey_dealloc,
    .tp_hash = mkey_hash,
    .tp_richcompare = mkey_richcompare,
};

MiniObject *ots_mutating_key_new(MiniObject *target) {
    if (MiniType_Ready(&MutatingKeyType) < 0) return NULL;
    MutatingKeyObject *k = (MutatingKeyObject *)MiniObject_New(&MutatingKeyType);
    if (k != NULL) k->target = Mini_XNewRef(target);
    return (MiniObject *)k;
}

int ots_ready_types(void) {
    if (MiniType_Ready(&WidgetType) < 0 || MiniType_Ready(&MutatingKeyType) < 0) return -1;
    return 0;
}

MiniObject *ots_tuple_pack2(MiniObject *a, MiniObject *b) { return MiniTuple_Pack(2, a, b); }
MiniObject *ots_tuple_pack0(void) { return MiniTuple_Pack(0); }

MiniObject *ots_format_mix(const char *s, int d, MiniObject *o) {
    return MiniUnicode_FromFormat("%s|%d|%R", s, d, o);
}

MiniObject *ots_err_format_mix(MiniObject *exc, const char *s, int d, MiniObject *o) {
    return MiniErr_Format(exc, "%s|%d|%R", s, d, o);
}

void ots_print_error_to(char *buf, size_t size) {
    fflush(stderr);
    FILE *tmp = tmpfile();
    int saved = dup(2);
    if (tmp == NULL || saved < 0) { if (tmp) fclose(tmp); buf[0] = '\0'; MiniErr_Print(); return; }
    dup2(fileno(tmp), 2);
    MiniErr_Print();
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(tmp);
    size_t n = fread(buf, 1, size - 1, tmp);
    buf[n] = '\0';
    fclose(tmp);
}

MiniTypeObject *ots_builtin_type(const char *name) {
    static const struct { const char *name; MiniTypeObject *type; } types[] = {
        { "object", &MiniBaseObject_Type }, { "type", &MiniType_Type }, { "NoneType", &MiniNone_Type },
        { "NotImplementedType", &MiniNotImplemented_Type }, { "int", &MiniLong_Type },
        { "bool", &MiniBool_Type }, { "float", &MiniFloat_Type }, { "str", &MiniUnicode_Type },
        { "bytes", &MiniBytes_Type }, { "list", &MiniList_Type }, { "tuple", &MiniTuple_Type },
        { "dict", &MiniDict_Type },
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(types[i].name, name) == 0) return types[i].type;
    return NULL;
}
