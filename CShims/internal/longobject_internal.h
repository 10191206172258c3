/* internal/longobject_internal.h: the memory layout of int objects, shared by the files that
 * create or read ints (longobject.c, Objects/longobject_big.c, boolobject.c, floatobject.c, the
 * formatter and the interpreter's inline fast paths), and the arbitrary-precision helpers.
 *
 * Layout:
 *
 *   MiniVarObject header   ob_size is the form tag:
 *                            0   compact form: the value is ob_ival (every int64 value fits);
 *                           !=0  big form: |ob_size| 30-bit digits in ob_digit[], least
 *                                significant first, the top one non-zero; the sign of ob_size is
 *                                the sign of the value. Only values outside int64 use it (results
 *                                are demoted to the compact form whenever they fit), and ob_ival
 *                                then holds the value saturated to INT64_MIN / INT64_MAX so that
 *                                code reading ob_ival blindly at least sees the right sign.
 *   int64_t ob_ival        the value in compact form
 *   uint32_t ob_digit[]    the magnitude in big form (tp_itemsize is sizeof(mini_digit))
 *
 * Every operation takes the compact fast path first and falls back to the digit arithmetic of
 * Objects/longobject_big.c when an operand is big or the 64-bit result overflows.
 *
 * bool is a subtype of int whose two instances (Mini_True / Mini_False) are bare MiniObject
 * headers (that is how the public header declares them), so int code must read values through
 * _MiniLong_Value, which knows about them, and must never read a bool's ob_size: test
 * _MiniLong_IsCompact instead. Small ints -5..256 are immortal static objects. */
#ifndef MINI_LONGOBJECT_INTERNAL_H
#define MINI_LONGOBJECT_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "longobject_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

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

/* 1 if the int (or bool) op is in compact form: its value is _MiniLong_Value(op). */
MINI_INLINE int _MiniLong_IsCompact(MiniObject *op) {
    return op->ob_type == &MiniBool_Type || ((MiniVarObject *)op)->ob_size == 0;
}
/* The value of an int (or bool) in compact form. */
MINI_INLINE int64_t _MiniLong_Value(MiniObject *op) {
    if (op->ob_type == &MiniBool_Type) return op == Mini_True;
    return ((MiniLongObject *)op)->ob_ival;
}
/* sys.get_int_max_str_digits() (default 4300, CPython 3.11's): decimal text conversions of
 * longer numbers raise ValueError; 0 disables the limit. Protected by the GIL. */
extern int _MiniLong_MaxStrDigits;
/* Fills the small-int cache (idempotent). */
void _MiniLong_InitSmallInts(void);
/* Hash of a 64-bit integer value, as CPython's int hash (modulus 2**61 - 1; -1 becomes -2). */
Mini_hash_t _MiniLong_HashValue(int64_t v);


/* ----- arbitrary precision (Objects/longobject_big.c) ---------------------------------------------
 * All take ints or bools in either form (borrowed), require the GIL, and return a new reference
 * to an exact int (demoted to the compact form / the small-int cache whenever the value fits),
 * or NULL with an exception (MemoryError, or the one named). */

#define MINI_LONG_MASK ((mini_digit)((1u << MINI_LONG_SHIFT) - 1))

/* A read-only view of an int's magnitude as digits, whatever its form. */
typedef struct _MiniLongView {
    const mini_digit *digits;   /* n digits, least significant first, top one non-zero */
    Mini_ssize_t n;             /* 0 for zero */
    int negative;
    mini_digit inline_digits[3];/* storage for a compact value's digits */
} _MiniLongView;
void _MiniLong_GetView(MiniObject *op, _MiniLongView *view);

/* A fresh exact int with room for n digits, to be completed by _MiniLong_Finish. */
MiniLongObject *_MiniLong_AllocDigits(Mini_ssize_t n);
/* Completes r holding n digits (leading zeros allowed) and the sign: strips, sets the form,
 * demotes. Steals r; returns the final object (r itself, or a cached small int). */
MiniObject *_MiniLong_Finish(MiniLongObject *r, Mini_ssize_t n, int negative);
/* An int from a magnitude of n digits (copied) and a sign. */
MiniObject *_MiniLong_FromDigits(const mini_digit *digits, Mini_ssize_t n, int negative);
/* An int from an unsigned 64-bit magnitude and a sign. */
MiniObject *_MiniLong_FromMagnitude(uint64_t magnitude, int negative);

/* Arithmetic with Python's semantics on any two ints. */
MiniObject *_MiniLong_Add(MiniObject *a, MiniObject *b);
MiniObject *_MiniLong_Subtract(MiniObject *a, MiniObject *b);
MiniObject *_MiniLong_Multiply(MiniObject *a, MiniObject *b);
/* Floor division and the matching remainder (sign of the divisor). *quotient / *remainder may
 * be NULL when not wanted. 0, or -1 with ZeroDivisionError "integer division or modulo by zero"
 * (the caller rewords it for %). */
int _MiniLong_DivMod(MiniObject *a, MiniObject *b, MiniObject **quotient, MiniObject **remainder);
/* a ** b for b >= 0. */
MiniObject *_MiniLong_Power(MiniObject *a, MiniObject *b);
MiniObject *_MiniLong_Negate(MiniObject *a);
/* a / b correctly rounded: ZeroDivisionError "division by zero", OverflowError "integer division
 * result too large for a float". */
MiniObject *_MiniLong_TrueDivide(MiniObject *a, MiniObject *b);

/* The bitwise operators with Python's infinite two's-complement semantics, for the interpreter's
 * BINARY_OP when an operand is big or a compact shift overflows. Shifts: ValueError "negative
 * shift count"; OverflowError "too many digits in integer" for absurd left shifts. */
MiniObject *_MiniLong_And(MiniObject *a, MiniObject *b);
MiniObject *_MiniLong_Or(MiniObject *a, MiniObject *b);
MiniObject *_MiniLong_Xor(MiniObject *a, MiniObject *b);
MiniObject *_MiniLong_Lshift(MiniObject *a, MiniObject *b);
MiniObject *_MiniLong_Rshift(MiniObject *a, MiniObject *b);
MiniObject *_MiniLong_Invert(MiniObject *a);

/* -1, 0 or 1 as a < b, a == b, a > b. Never fails. */
int _MiniLong_Compare(MiniObject *a, MiniObject *b);
/* -1, 0 or 1: the sign of a. Never fails. */
int _MiniLong_Sign(MiniObject *a);
/* Number of bits in |a| (int.bit_length()). Never fails. */
uint64_t _MiniLong_NumBits(MiniObject *a);
/* Hash of a big-form int, as CPython's (|v| mod 2**61 - 1 with the sign; -1 becomes -2). */
Mini_hash_t _MiniLong_HashBig(MiniObject *a);
/* a as the nearest double (ties to even). -1.0 with OverflowError "int too large to convert to
 * float" when out of range. */
double _MiniLong_ToDouble(MiniObject *a);
/* int(v) for any finite double (truncating), in whichever form fits. */
MiniObject *_MiniLong_FromFiniteDouble(double v);
/* a as an unsigned 64-bit value: 0 with *out set, 1 if a >= 2**64, -1 if a < 0. Never fails. */
int _MiniLong_AsUInt64(MiniObject *a, uint64_t *out);
/* The digits of a in base 2, 8, 10 or 16 (lower case) with a leading '-' when negative and,
 * with prefix set, "0b" / "0o" / "0x" after the sign (as bin(), oct(), hex()). A str. */
MiniObject *_MiniLong_Format(MiniObject *a, int base, int prefix);
/* Parses s[0..n) (ASCII digits of base 2..36, underscores already validated and removed by the
 * caller, no sign, no prefix, at least one digit) into an int with the given sign. */
MiniObject *_MiniLong_ParseDigits(const char *s, Mini_ssize_t n, int base, int negative);

#endif
