/* mini/modsupport.h: argument parsing and value building for extension functions, as
 * PyArg_ParseTuple and Py_BuildValue. All functions require the GIL. */
#ifndef MINI_MODSUPPORT_H
#define MINI_MODSUPPORT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
/* Parses a positional-argument tuple against format, storing through the pointers that follow.
 * Format units:
 *   i int          l long         n Mini_ssize_t   d double (accepts int or float)
 *   p int, truth value (any object)                 s const char * (str, UTF-8, borrowed)
 *   y* MiniBuffer * (any buffer exporter; the caller must MiniBuffer_Release it)
 *   O MiniObject * (borrowed)     O! MiniTypeObject *, MiniObject ** (type-checked)
 *   |  the rest are optional      $  the rest are keyword-only (ParseTupleAndKeywords)
 *   :name  the function name used in messages     ;text  replaces the count and type messages
 * also: f float, L long long, z const char * or NULL for None, b unsigned char (0..255),
 *   h short, C int (the code point of a one-character str),
 *   O& int (*converter)(MiniObject *, void *) and its void * (1 success, 0 failure with an
 *   exception set).
 * i b h l L n accept int, bool and objects with __index__; a float or str gives TypeError
 * "'float' object cannot be interpreted as an integer"; out-of-range values give OverflowError
 * ("signed integer is greater than maximum").
 * Optional parameters that are not given leave their C variables untouched.
 * Returns 1 on success; 0 with an exception on failure, with CPython's messages:
 *   "matmul() argument 1 must be matrix, not int"
 *   "function takes exactly 2 arguments (3 given)"  "f() takes at most 2 arguments (3 given)"
 *   "f() missing required argument 'b' (pos 2)"     "'x' is an invalid keyword argument for f()"
 *   "'str' object cannot be interpreted as an integer"  "f() argument 1 must be str, not int"
 * On failure, buffers already filled by y* are released. */
int MiniArg_ParseTuple(MiniObject *args, const char *format, ...);
/* As above, also matching keyword arguments from kwargs (a dict or NULL) by the NULL-terminated
 * keywords list (empty strings for positional-only parameters). */
int MiniArg_ParseTupleAndKeywords(MiniObject *args, MiniObject *kwargs, const char *format,
                                  char **keywords, ...);
/* Checks that args is a tuple of min..max items, storing borrowed references. 1 / 0. */
int MiniArg_UnpackTuple(MiniObject *args, const char *name, Mini_ssize_t min, Mini_ssize_t max, ...);

/* Builds a value from format, as Py_BuildValue:
 *   i int   l long   n Mini_ssize_t   L long long   d double   f double (promoted)
 *   s const char * (NULL gives None)  s# / y# pointer and Mini_ssize_t length   y bytes (NUL-terminated)
 *   O MiniObject * (new reference taken)   N MiniObject * (reference stolen)   p int as bool
 *   (...) tuple   [...] list   {k:v,...} dict   spaces, commas and colons are separators.
 * also: b B h H I k K small and unsigned ints, c int as a 1-byte bytes, C int code point as a
 *   1-character str, z and z# as s and s#, S as O, O& MiniObject *(*)(void *) and its void *.
 * A format with exactly one top-level unit returns that value; several return a tuple; ""
 * returns None. New reference, or NULL with an exception (references given with N are still
 * stolen on failure, except those after an unknown format unit: the types of the arguments
 * past it cannot be known). */
MiniObject *Mini_BuildValue(const char *format, ...);

MINI_END_DECLS
#endif /* MINI_MODSUPPORT_H */
