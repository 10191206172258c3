/* mini/longobject.h: int objects, of arbitrary precision. Values that fit in 64 bits are stored
 * inline (the fast path every operation takes first); larger ones as a magnitude of 30-bit digits
 * (see internal/longobject_internal.h).
 * Values -5..256 are cached immortal objects, as in CPython. All functions require the GIL. */
#ifndef MINI_LONGOBJECT_H
#define MINI_LONGOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
extern MiniTypeObject MiniLong_Type;   /* "int" */
#define MiniLong_Check(op) MiniObject_TypeCheck((op), &MiniLong_Type)
#define MiniLong_CheckExact(op) Mini_IS_TYPE((op), &MiniLong_Type)

/* New reference to an int; NULL with MemoryError on failure. */
MiniObject *MiniLong_FromLong(long v);
MiniObject *MiniLong_FromLongLong(long long v);
MiniObject *MiniLong_FromSsize_t(Mini_ssize_t v);
MiniObject *MiniLong_FromSize_t(size_t v);
MiniObject *MiniLong_FromUnsignedLongLong(unsigned long long v);
/* int(v) for a finite double (truncates); ValueError for NaN, OverflowError for infinity. */
MiniObject *MiniLong_FromDouble(double v);
/* int(str, base) for a NUL-terminated C string, as PyLong_FromString: optional whitespace and
 * sign, a 0x/0o/0b prefix (with base 0: detected, as in Python source), digits with single
 * underscores between them. Any size (arbitrary precision). *pend (if pend is not NULL) is set
 * to the end of the string. New reference; ValueError "invalid literal for int() with base 10:
 * 'x'" or "int() arg 2 must be >= 2 and <= 36". */
MiniObject *MiniLong_FromString(const char *str, char **pend, int base);
/* The value as a C long, of an int or of anything with __index__. TypeError "'str' object cannot
 * be interpreted as an integer" for anything else (MiniLong_AsSsize_t takes __index__ too, where
 * CPython's PyLong_AsSsize_t takes only ints);
 * OverflowError "Python int too large to convert to C long" when it does not fit.
 * Returns -1 with an exception set on failure (check MiniErr_Occurred). */
long MiniLong_AsLong(MiniObject *o);
long long MiniLong_AsLongLong(MiniObject *o);
Mini_ssize_t MiniLong_AsSsize_t(MiniObject *o);
/* As MiniLong_AsLong, but on overflow sets *overflow to +1 or -1 and returns -1 without an
 * exception. */
long MiniLong_AsLongAndOverflow(MiniObject *o, int *overflow);
/* The value as a C double (ints only: TypeError "an integer is required" otherwise); OverflowError
 * "int too large to convert to float" beyond DBL_MAX. -1.0 with an exception on failure. */
double MiniLong_AsDouble(MiniObject *o);
/* Unsigned conversions (an int, or anything with __index__; TypeError "an integer is required"
 * otherwise): OverflowError "can't convert negative value to size_t" / "can't convert
 * negative int to unsigned" for negative values; (size_t)-1 with an exception on failure. */
size_t MiniLong_AsSize_t(MiniObject *o);
unsigned long long MiniLong_AsUnsignedLongLong(MiniObject *o);

MINI_END_DECLS
#endif /* MINI_LONGOBJECT_H */
