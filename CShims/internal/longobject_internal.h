/* internal/longobject_internal.h: the memory layout of int objects, shared by the files that
 * create or read ints (longobject.c, boolobject.c, floatobject.c, the formatter).
 *
 * Layout, designed so arbitrary precision can be added later without touching the public API:
 *
 *   MiniVarObject header   ob_size is the form tag:
 *                            0   compact form: the value is ob_ival (every int64 value fits);
 *                           !=0  (reserved, not yet produced) big form: |ob_size| 30-bit digits
 *                                in ob_digit[], least significant first; the sign of ob_size is
 *                                the sign of the value; ob_ival is unused.
 *   int64_t ob_ival        the value in compact form
 *   uint32_t ob_digit[]    the magnitude in big form (tp_itemsize is sizeof(mini_digit))
 *
 * Every operation takes the compact fast path first; today a result that does not fit 64 bits
 * raises OverflowError "int too large (arbitrary precision not yet supported)".
 *
 * bool is a subtype of int whose two instances (Mini_True / Mini_False) are bare MiniObject
 * headers (that is how the public header declares them), so int code must read values through
 * _MiniLong_Value, which knows about them. Small ints -5..256 are immortal static objects. */
#ifndef MINI_LONGOBJECT_INTERNAL_H
#define MINI_LONGOBJECT_INTERNAL_H

#include "mini.h"

typedef uint32_t mini_digit;
#define MINI_LONG_SHIFT 30

typedef struct MiniLongObject {
    MiniObject_VAR_HEAD
    int64_t ob_ival;
    mini_digit ob_digit[1];
} MiniLongObject;

#define MINI_SMALL_INT_MIN (-5)
#define MINI_SMALL_INT_MAX 256
extern MiniLongObject _Mini_SmallInts[MINI_SMALL_INT_MAX - MINI_SMALL_INT_MIN + 1];

/* The value of an int (or bool) in compact form. */
MINI_INLINE int64_t _MiniLong_Value(MiniObject *op) {
    if (op->ob_type == &MiniBool_Type) return op == Mini_True;
    return ((MiniLongObject *)op)->ob_ival;
}
/* Fills the small-int cache (idempotent). */
void _MiniLong_InitSmallInts(void);
/* Hash of a 64-bit integer value, as CPython's int hash (modulus 2**61 - 1; -1 becomes -2). */
Mini_hash_t _MiniLong_HashValue(int64_t v);

#endif
