/* Python/vmnumber.c: the operators of BINARY_OP and UNARY_INVERT that the eval loop does not finish
 * inline. Arithmetic goes to the number protocol (MiniNumber_*); the bitwise and shift operators,
 * which have no slots in MiniNumberMethods, are done here for ints and bools and otherwise looked
 * up as dunder methods (__and__/__rand__, ...), which is how C types such as set provide them
 * (define them in tp_methods). `list += iterable` extends the list in place, as in Python. */
#include "vm_internal.h"
#include "lib_internal.h"
#include "longobject_internal.h"
#include "stdlib_internal.h"

/* Exact ints and bools take the fast path; an int subclass may define its own __or__ & co
 * (IntFlag does), which the dunder lookup finds before int's. */
static int is_int(MiniObject *o) { return MiniLong_CheckExact(o) || MiniBool_Check(o); }

static const char *const dunder[MINI_NB_COUNT][2] = {
    { "__add__", "__radd__" }, { "__sub__", "__rsub__" }, { "__mul__", "__rmul__" },
    { "__truediv__", "__rtruediv__" }, { "__floordiv__", "__rfloordiv__" }, { "__mod__", "__rmod__" },
    { "__pow__", "__rpow__" }, { "__matmul__", "__rmatmul__" }, { "__lshift__", "__rlshift__" },
    { "__rshift__", "__rrshift__" }, { "__and__", "__rand__" }, { "__or__", "__ror__" },
    { "__xor__", "__rxor__" },
};

/* The bitwise operators on ints and bools: bool op bool stays a bool for & | ^, everything else
 * goes through the int arithmetic (compact 64-bit, or the digit arithmetic when needed). */
static MiniObject *int_bitop(MiniObject *a, MiniObject *b, int op) {
    if (op == MINI_NB_AND || op == MINI_NB_OR || op == MINI_NB_XOR) {
        if (MiniBool_Check(a) && MiniBool_Check(b)) {
            int x = a == Mini_True, y = b == Mini_True;
            return MiniBool_FromLong(op == MINI_NB_AND ? (x & y) : op == MINI_NB_OR ? (x | y) : (x ^ y));
        }
    }
    switch (op) {
    case MINI_NB_AND: return _MiniLong_And(a, b);
    case MINI_NB_OR: return _MiniLong_Or(a, b);
    case MINI_NB_XOR: return _MiniLong_Xor(a, b);
    case MINI_NB_LSHIFT: return _MiniLong_Lshift(a, b);
    case MINI_NB_RSHIFT: return _MiniLong_Rshift(a, b);
    default: Mini_RETURN_NOTIMPLEMENTED;
    }
}

static MiniObject *dunder_binop(MiniObject *a, MiniObject *b, int op, const char *symbol) {
    int found;
    MiniObject *r = _MiniVM_CallDunder(a, dunder[op][0], &b, 1, &found);
    if (found) {
        if (r != Mini_NotImplemented) return r;
        Mini_DECREF(r);
    } else if (MiniErr_Occurred()) {
        return NULL;
    }
    if (Mini_TYPE(a) != Mini_TYPE(b)) {
        r = _MiniVM_CallDunder(b, dunder[op][1], &a, 1, &found);
        if (found) {
            if (r != Mini_NotImplemented) return r;
            Mini_DECREF(r);
        } else if (MiniErr_Occurred()) {
            return NULL;
        }
    }
    return MiniErr_Format(MiniExc_TypeError, "unsupported operand type(s) for %s: '%.100s' and '%.100s'",
                          symbol, MiniType_Name(Mini_TYPE(a)), MiniType_Name(Mini_TYPE(b)));
}

/* In-place list concatenation: extends a with the items of b. */
static MiniObject *list_iadd(MiniObject *a, MiniObject *b) {
    MiniObject *it = MiniObject_GetIter(b), *x;
    if (it == NULL) return NULL;
    while ((x = MiniIter_Next(it)) != NULL) {
        int r = MiniList_Append(a, x);
        Mini_DECREF(x);
        if (r < 0) { Mini_DECREF(it); return NULL; }
    }
    Mini_DECREF(it);
    if (MiniErr_Occurred()) return NULL;
    return Mini_NewRef(a);
}

/* x op= y through a class's __iop__ (a Python class or a subclass of a built-in): *found says
 * whether the class has one; NotImplemented from it counts as not found. */
static MiniObject *inplace_dunder(MiniObject *a, MiniObject *b, int op, int *found) {
    static const char *const names[MINI_NB_COUNT] = {
        "__iadd__", "__isub__", "__imul__", "__itruediv__", "__ifloordiv__", "__imod__", "__ipow__",
        "__imatmul__", "__ilshift__", "__irshift__", "__iand__", "__ior__", "__ixor__",
    };
    *found = 0;
    if (op < 0 || op >= MINI_NB_COUNT) return NULL;
    MiniObject *r = _MiniVM_CallDunder(a, names[op], &b, 1, found);
    if (*found && r == Mini_NotImplemented) { Mini_DECREF(r); *found = 0; return NULL; }
    return r;
}

/* Whether o is an int or has __index__ (what a sequence repeat count must be). */
static int is_index(MiniObject *o) {
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    return MiniLong_Check(o) || (nb != NULL && nb->nb_index != NULL);
}

/* x += y / x *= n in place for the built-in mutable sequences other than the list += above
 * (list *= n, bytearray *= n, array.array += and *=): a new reference to a; NULL without an
 * exception when a is none of them (the binary operation then runs). */
static MiniObject *inplace_sequence(MiniObject *a, MiniObject *b, int multiply) {
    /* A count of a Python class may answer through its __rmul__: the binary operation runs then. */
    int count_ok = is_index(b) || !(Mini_TYPE(b)->tp_flags & MINI_TPFLAGS_HEAPTYPE);
    if (multiply && MiniList_Check(a) && count_ok) return _MiniList_InPlaceRepeat(a, b);
    if (multiply && MiniByteArray_Check(a) && count_ok) return _MiniByteArray_InPlaceRepeat(a, b);
    if (MiniList_Check(a) || MiniByteArray_Check(a) || MiniLong_CheckExact(a) || MiniFloat_CheckExact(a) ||
        MiniUnicode_CheckExact(a) || MiniTuple_CheckExact(a)) return NULL;
    return _MiniArray_InPlaceOp(a, b, multiply);
}

MiniObject *_MiniVM_BinaryOp(MiniObject *a, MiniObject *b, int arg) {
    int op = arg & ~MINI_NB_INPLACE;
    if ((arg & MINI_NB_INPLACE) && (Mini_TYPE(a)->tp_flags & MINI_TPFLAGS_HEAPTYPE)) {
        int found;
        MiniObject *r = inplace_dunder(a, b, op, &found);
        if (found || MiniErr_Occurred()) return r;
    }
    if ((arg & MINI_NB_INPLACE) && op == MINI_NB_ADD && MiniList_Check(a) &&
        (MiniList_Check(b) || MiniTuple_Check(b) || Mini_TYPE(b)->tp_iter != NULL))
        return list_iadd(a, b);
    if ((arg & MINI_NB_INPLACE) && op == MINI_NB_ADD && MiniByteArray_Check(a))
        return _MiniByteArray_InPlaceConcat(a, b);
    if ((arg & MINI_NB_INPLACE) && (op == MINI_NB_ADD || op == MINI_NB_MULTIPLY)) {
        MiniObject *r = inplace_sequence(a, b, op == MINI_NB_MULTIPLY);
        if (r != NULL || MiniErr_Occurred()) return r;
    }
    switch (op) {
    case MINI_NB_ADD: return MiniNumber_Add(a, b);
    case MINI_NB_SUBTRACT: return MiniNumber_Subtract(a, b);
    case MINI_NB_MULTIPLY: return MiniNumber_Multiply(a, b);
    case MINI_NB_TRUE_DIVIDE: return MiniNumber_TrueDivide(a, b);
    case MINI_NB_FLOOR_DIVIDE: return MiniNumber_FloorDivide(a, b);
    case MINI_NB_REMAINDER: return MiniNumber_Remainder(a, b);
    case MINI_NB_POWER: return MiniNumber_Power(a, b, Mini_None);
    case MINI_NB_MATMUL: return MiniNumber_MatrixMultiply(a, b);
    case MINI_NB_LSHIFT: case MINI_NB_RSHIFT: case MINI_NB_AND: case MINI_NB_OR: case MINI_NB_XOR:
        if (is_int(a) && is_int(b)) {
            MiniObject *r = int_bitop(a, b, op);
            if (r != Mini_NotImplemented) return r;
            Mini_DECREF(r);
        }
        return dunder_binop(a, b, op, MiniVM_BinOpSymbol(arg));
    default:
        return MiniErr_Format(MiniExc_SystemError, "bad BINARY_OP argument %d", arg);
    }
}

MiniObject *_MiniVM_Invert(MiniObject *a) {
    if (is_int(a)) return _MiniLong_Invert(a);
    int found;
    MiniObject *r = _MiniVM_CallDunder(a, "__invert__", NULL, 0, &found);
    if (found || MiniErr_Occurred()) return r;
    return MiniErr_Format(MiniExc_TypeError, "bad operand type for unary ~: '%.200s'", MiniType_Name(Mini_TYPE(a)));
}
