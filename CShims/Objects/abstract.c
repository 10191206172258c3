/* Objects/abstract.c: the number protocol: Python's operator dispatch over the tp_as_number slots.
 *
 * For a binary operator the left operand's slot is tried first, unless the right operand's type
 * is a proper subtype of the left's and has its own slot, in which case that goes first (so a
 * subclass can override an operator of its base). Each slot receives the operands in their
 * original order and returns Mini_NotImplemented for types it does not handle. When every slot
 * declines, the TypeError names the operator and both types, with CPython's special wording for
 * sequence concatenation and repetition. */
#include "mini.h"
#include "objimpl_internal.h"

#include <stddef.h>

#define NB_SLOT(t, off) ((t)->tp_as_number != NULL \
    ? *(Mini_binaryfunc *)((char *)(t)->tp_as_number + (off)) : NULL)

/* Tries the slots; returns a new reference, Mini_NotImplemented (new reference) or NULL. */
static MiniObject *binary_op1(MiniObject *v, MiniObject *w, size_t off) {
    MiniTypeObject *tv = Mini_TYPE(v), *tw = Mini_TYPE(w);
    Mini_binaryfunc slotv = NB_SLOT(tv, off), slotw = NULL;
    if (tw != tv) {
        slotw = NB_SLOT(tw, off);
        if (slotw == slotv) slotw = NULL;
    }
    MiniObject *x;
    if (slotv != NULL) {
        if (slotw != NULL && MiniType_IsSubtype(tw, tv)) {
            x = slotw(v, w);
            if (x != Mini_NotImplemented) return x;
            Mini_DECREF(x);
            slotw = NULL;
        }
        x = slotv(v, w);
        if (x != Mini_NotImplemented) return x;
        Mini_DECREF(x);
    }
    if (slotw != NULL) return slotw(v, w);
    Mini_RETURN_NOTIMPLEMENTED;
}

static int is_sequence_type(MiniObject *o) {
    return MiniUnicode_Check(o) || MiniList_Check(o) || MiniTuple_Check(o) || MiniBytes_Check(o);
}

static MiniObject *binary_op(MiniObject *v, MiniObject *w, size_t off, const char *opname, const char *func) {
    MINI_GUARD2(v, w, func, NULL);
    MiniObject *r = binary_op1(v, w, off);
    if (r != Mini_NotImplemented) return r;
    Mini_DECREF(r);
    const char *nv = Mini_TYPE(v)->tp_name, *nw = Mini_TYPE(w)->tp_name;
    if (off == offsetof(MiniNumberMethods, nb_add) && is_sequence_type(v)) {
        if (MiniBytes_Check(v)) return MiniErr_Format(MiniExc_TypeError, "can't concat %.100s to %.100s", nw, nv);
        return MiniErr_Format(MiniExc_TypeError, "can only concatenate %.100s (not \"%.100s\") to %.100s", nv, nw, nv);
    }
    if (off == offsetof(MiniNumberMethods, nb_multiply) && (is_sequence_type(v) || is_sequence_type(w))) {
        MiniObject *other = is_sequence_type(v) ? w : v;
        return MiniErr_Format(MiniExc_TypeError, "can't multiply sequence by non-int of type '%.100s'",
                              Mini_TYPE(other)->tp_name);
    }
    return MiniErr_Format(MiniExc_TypeError, "unsupported operand type(s) for %s: '%.100s' and '%.100s'", opname, nv, nw);
}

#define BINARY(NAME, SLOT, OP) \
    MiniObject *MiniNumber_##NAME(MiniObject *a, MiniObject *b) { \
        return binary_op(a, b, offsetof(MiniNumberMethods, SLOT), OP, "MiniNumber_" #NAME); \
    }

BINARY(Add, nb_add, "+")
BINARY(Subtract, nb_subtract, "-")
BINARY(Multiply, nb_multiply, "*")
BINARY(TrueDivide, nb_true_divide, "/")
BINARY(FloorDivide, nb_floor_divide, "//")
BINARY(Remainder, nb_remainder, "%")
BINARY(MatrixMultiply, nb_matrix_multiply, "@")

MiniObject *MiniNumber_Power(MiniObject *a, MiniObject *b, MiniObject *c) {
    MINI_GUARD2(a, b, "MiniNumber_Power", NULL);
    if (c != NULL && c != Mini_None)
        return MiniErr_Format(MiniExc_TypeError, "pow() with a modulus is not supported");
    MiniTypeObject *ta = Mini_TYPE(a), *tb = Mini_TYPE(b);
    Mini_ternaryfunc sa = ta->tp_as_number ? ta->tp_as_number->nb_power : NULL;
    Mini_ternaryfunc sb = tb != ta && tb->tp_as_number ? tb->tp_as_number->nb_power : NULL;
    if (sb == sa) sb = NULL;
    MiniObject *x;
    if (sa != NULL) {
        if (sb != NULL && MiniType_IsSubtype(tb, ta)) {
            x = sb(a, b, Mini_None);
            if (x != Mini_NotImplemented) return x;
            Mini_DECREF(x);
            sb = NULL;
        }
        x = sa(a, b, Mini_None);
        if (x != Mini_NotImplemented) return x;
        Mini_DECREF(x);
    }
    if (sb != NULL) {
        x = sb(a, b, Mini_None);
        if (x != Mini_NotImplemented) return x;
        Mini_DECREF(x);
    }
    return MiniErr_Format(MiniExc_TypeError, "unsupported operand type(s) for ** or pow(): '%.100s' and '%.100s'",
                          ta->tp_name, tb->tp_name);
}

#define UNARY(NAME, SLOT, OP) \
    MiniObject *MiniNumber_##NAME(MiniObject *o) { \
        MINI_GUARD(o, "MiniNumber_" #NAME, NULL); \
        MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number; \
        if (nb != NULL && nb->SLOT != NULL) return nb->SLOT(o); \
        return MiniErr_Format(MiniExc_TypeError, "bad operand type for " OP ": '%.200s'", Mini_TYPE(o)->tp_name); \
    }

UNARY(Negative, nb_negative, "unary -")
UNARY(Positive, nb_positive, "unary +")
UNARY(Absolute, nb_absolute, "abs()")

int MiniNumber_Check(MiniObject *o) {
    MINI_CHECK_GIL("MiniNumber_Check");
    if (o == NULL) return 0;
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    return nb != NULL && (nb->nb_index != NULL || nb->nb_int != NULL || nb->nb_float != NULL);
}

MiniObject *MiniNumber_Index(MiniObject *o) {
    MINI_GUARD(o, "MiniNumber_Index", NULL);
    if (MiniLong_Check(o)) return Mini_NewRef(o);
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    if (nb == NULL || nb->nb_index == NULL)
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                              Mini_TYPE(o)->tp_name);
    MiniObject *r = nb->nb_index(o);
    if (r != NULL && !MiniLong_Check(r)) {
        MiniErr_Format(MiniExc_TypeError, "__index__ returned non-int (type %.200s)", Mini_TYPE(r)->tp_name);
        Mini_CLEAR(r);
    }
    return r;
}

Mini_ssize_t MiniNumber_AsSsize_t(MiniObject *o, MiniObject *exc) {
    MINI_GUARD(o, "MiniNumber_AsSsize_t", -1);
    MiniObject *i = MiniNumber_Index(o);
    if (i == NULL) return -1;
    int overflow;
    long v = MiniLong_AsLongAndOverflow(i, &overflow);
    Mini_DECREF(i);
    if (overflow == 0) return (Mini_ssize_t)v;
    if (exc == NULL) return overflow < 0 ? MINI_SSIZE_T_MIN : MINI_SSIZE_T_MAX;
    MiniErr_Format(exc, "cannot fit '%.200s' into an index-sized integer", Mini_TYPE(o)->tp_name);
    return -1;
}

MiniObject *MiniNumber_Long(MiniObject *o) {
    MINI_GUARD(o, "MiniNumber_Long", NULL);
    if (MiniLong_CheckExact(o)) return Mini_NewRef(o);
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    MiniObject *r = NULL;
    if (nb != NULL && nb->nb_int != NULL) r = nb->nb_int(o);
    else if (nb != NULL && nb->nb_index != NULL) r = nb->nb_index(o);
    else
        return MiniErr_Format(MiniExc_TypeError, "int() argument must be a string, a bytes-like object "
                              "or a real number, not '%.200s'", Mini_TYPE(o)->tp_name);
    if (r != NULL && !MiniLong_Check(r)) {
        MiniErr_Format(MiniExc_TypeError, "__int__ returned non-int (type %.200s)", Mini_TYPE(r)->tp_name);
        Mini_CLEAR(r);
    }
    return r;
}

MiniObject *MiniNumber_Float(MiniObject *o) {
    MINI_GUARD(o, "MiniNumber_Float", NULL);
    if (MiniFloat_CheckExact(o)) return Mini_NewRef(o);
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    if (nb != NULL && nb->nb_float != NULL) {
        MiniObject *r = nb->nb_float(o);
        if (r != NULL && !MiniFloat_Check(r)) {
            MiniErr_Format(MiniExc_TypeError, "%.50s.__float__ returned non-float (type %.50s)",
                           Mini_TYPE(o)->tp_name, Mini_TYPE(r)->tp_name);
            Mini_CLEAR(r);
        }
        return r;
    }
    if (nb != NULL && nb->nb_index != NULL) {
        MiniObject *i = MiniNumber_Index(o);
        if (i == NULL) return NULL;
        MiniObject *r = MiniFloat_FromDouble(MiniLong_AsDouble(i));
        Mini_DECREF(i);
        return r;
    }
    return MiniErr_Format(MiniExc_TypeError, "must be real number, not %.200s", Mini_TYPE(o)->tp_name);
}

int _Mini_SubscriptIndex(MiniObject *key, const char *what, Mini_ssize_t *out) {
    if (!MiniLong_Check(key)) {
        MiniNumberMethods *nb = Mini_TYPE(key)->tp_as_number;
        if (nb == NULL || nb->nb_index == NULL) {
            MiniErr_Format(MiniExc_TypeError, "%s indices must be integers or slices, not %.200s", what,
                           Mini_TYPE(key)->tp_name);
            return -1;
        }
    }
    Mini_ssize_t i = MiniNumber_AsSsize_t(key, MiniExc_IndexError);
    if (i == -1 && MiniErr_Occurred()) return -1;
    *out = i;
    return 0;
}
