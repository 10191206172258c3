/* internal/lib_internal.h: the library of built-in types and functions under CShims/Objects/ (slice,
 * set and frozenset, dict views, the builtin iterators, str methods and formatting, the builtins
 * the interpreter core does not define), as seen by the rest of the runtime.
 *
 * Everything here requires the GIL. Functions returning MiniObject * give a new reference or NULL
 * with an exception set; int-returning ones give 0 (or a truth value) or -1 with an exception. */
#ifndef MINI_LIB_INTERNAL_H
#define MINI_LIB_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "lib_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

/* ----- start-up ------------------------------------------------------------------------------------ */



/* ----- slice (Objects/sliceobject.c) ------------------------------------------------------------------- */

extern MiniTypeObject MiniSlice_Type;   /* "slice" */
#define MiniSlice_Check(op) Mini_IS_TYPE((op), &MiniSlice_Type)
/* slice(start, stop, step); NULL arguments mean None. Borrowed arguments. */
MiniObject *MiniSlice_New(MiniObject *start, MiniObject *stop, MiniObject *step);
/* As PySlice_Unpack: the slice's bounds as Mini_ssize_t (None gives the defaults for the sign
 * of step; huge values are clamped). ValueError "slice step cannot be zero"; TypeError "slice
 * indices must be integers or None or have an __index__ method". 0 / -1. */
int _MiniSlice_Unpack(MiniObject *slice, Mini_ssize_t *start, Mini_ssize_t *stop, Mini_ssize_t *step);
/* As PySlice_AdjustIndices: clips start and stop to a sequence of the given length and returns
 * the number of items the slice selects. Never fails. */
Mini_ssize_t _MiniSlice_AdjustIndices(Mini_ssize_t length, Mini_ssize_t *start, Mini_ssize_t *stop,
                                      Mini_ssize_t step);
/* Both of the above: the slice's start, step and item count for a sequence of length items. */
int _MiniSlice_Indices(MiniObject *slice, Mini_ssize_t length, Mini_ssize_t *start, Mini_ssize_t *step,
                       Mini_ssize_t *count);

/* ----- set and frozenset (Objects/setobject.c) -------------------------------------------------------- */

extern MiniTypeObject MiniSet_Type;        /* "set" */
extern MiniTypeObject MiniFrozenSet_Type;  /* "frozenset" */
extern MiniTypeObject _MiniSetIter_Type;   /* "set_iterator" */
#define MiniSet_Check(op) MiniObject_TypeCheck((op), &MiniSet_Type)
#define MiniFrozenSet_Check(op) MiniObject_TypeCheck((op), &MiniFrozenSet_Type)
#define MiniAnySet_Check(op) (MiniSet_Check(op) || MiniFrozenSet_Check(op))
/* A new set / frozenset holding the items of iterable (NULL: empty). */
MiniObject *MiniSet_New(MiniObject *iterable);
MiniObject *MiniFrozenSet_New(MiniObject *iterable);
/* set.add(key) (also allowed on a frozenset still being built by its creator). 0 / -1. */
int MiniSet_Add(MiniObject *set, MiniObject *key);
/* 1 if removed, 0 if absent, -1 on error (unhashable key). */
int MiniSet_Discard(MiniObject *set, MiniObject *key);
/* key in set: 1, 0, -1. */
int MiniSet_Contains(MiniObject *set, MiniObject *key);
Mini_ssize_t MiniSet_Size(MiniObject *set);

/* ----- dict views (Objects/dictviews.c) and dict iterators (dictobject.c) ------------------------ */

extern MiniTypeObject _MiniDictKeys_Type, _MiniDictValues_Type, _MiniDictItems_Type;
/* dict.keys(), dict.values(), dict.items(): live views of d. */
MiniObject *_MiniDictView_New(MiniObject *d, MiniTypeObject *type);
/* An iterator over d's keys (what 0), values (1) or (key, value) pairs (2), in insertion order,
 * raising RuntimeError "dictionary changed size during iteration" if d changes size; reversed
 * walks backwards (reversed(d)). The key iterator's type is _MiniDictIter_Type. */
MiniObject *_MiniDictIter_New(MiniObject *d, int what, int reversed);
extern MiniTypeObject _MiniDictValueIter_Type, _MiniDictItemIter_Type;
/* Installs dict.fromkeys (a function bound to the dict type) in dict's type dict. 0 / -1. */
int _MiniDict_InitClassMethods(void);

/* ----- the builtin iterators (Objects/enumobject.c) ------------------------------------------------ */

extern MiniTypeObject MiniEnumerate_Type, MiniZip_Type, MiniMap_Type, MiniFilter_Type, MiniReversed_Type;
extern MiniTypeObject _MiniListRevIter_Type;
/* reversed(seq): __reversed__ when the type defines one, else an index walk over a sequence. */
MiniObject *_MiniReversed_New(MiniObject *seq);

/* ----- str methods and formatting (lib/unicode_*.c) ------------------------------------------- */

/* str's method table (Objects/unicode_methods.c), installed as MiniUnicode_Type.tp_methods. */
extern MiniMethodDef _MiniUnicode_Methods[];
/* format % args, printf-style (Objects/unicode_printf.c): str's nb_remainder. NotImplemented when
 * format is not a str. */
MiniObject *_MiniUnicode_Modulo(MiniObject *format, MiniObject *args);
/* ascii(o): repr(o) with non-ASCII code points escaped (Objects/unicode_printf.c). */
MiniObject *_MiniUnicode_Ascii(MiniObject *o);
/* format.format(*args, **kwargs) (Objects/unicode_format.c): args a tuple, kwargs a dict or NULL. */
MiniObject *_MiniUnicode_FormatMethod(MiniObject *format, MiniObject *args, MiniObject *kwargs);
/* format(value, spec): the interpreter's format() (a __format__ method, else the built-in
 * mini-language for int, float, str). spec may be NULL (empty). */
MiniObject *_MiniLib_FormatValue(MiniObject *value, MiniObject *spec);
/* str.join(iterable) */
MiniObject *_MiniUnicode_Join(MiniObject *sep, MiniObject *iterable);
/* Installs bytes.fromhex (a function bound to the bytes type) in bytes' type dict (bytesobject.c). */
int _MiniBytes_InitClassMethods(void);
/* Fills the cache of the 256 immortal one-byte bytes objects (bytesobject.c); start-up, GIL held. */
void _MiniBytes_InitCharCache(void);
/* Installs the static method str.maketrans (a plain builtin function) in str's type dict. 0 / -1. */
int _MiniUnicode_InitClassMethods(void);
/* The str iterator type (unicodeobject.c): walks code points without rescanning the UTF-8. */
extern MiniTypeObject _MiniUnicodeIter_Type;

/* ----- character classes of code points (Objects/unicode_ctype.c) -------------------------------------
 * Exact for ASCII and Latin-1; the common alphabets beyond. Need no GIL, never fail. */
int _MiniUCD_IsSpace(uint32_t c);       /* str.isspace / split() whitespace */
int _MiniUCD_IsLinebreak(uint32_t c);   /* str.splitlines boundaries (\r\n is handled by the caller) */
int _MiniUCD_DecimalValue(uint32_t c);  /* 0..9 for decimal digits, else -1 */
int _MiniUCD_IsDigit(uint32_t c);
int _MiniUCD_IsNumeric(uint32_t c);
int _MiniUCD_IsAlpha(uint32_t c);
int _MiniUCD_IsUpper(uint32_t c);
int _MiniUCD_IsLower(uint32_t c);
int _MiniUCD_IsCased(uint32_t c);
int _MiniUCD_IsPrintable(uint32_t c);
uint32_t _MiniUCD_ToUpper(uint32_t c);
uint32_t _MiniUCD_ToLower(uint32_t c);

/* ----- sequence helpers (Objects/sequtil.c) ------------------------------------------------------------- */

/* list *= count in place (count an int or __index__; <= 0 empties it): a new reference to list;
 * TypeError for a non-int count, MemoryError on overflow. Takes the list's critical section. */
MiniObject *_MiniList_InPlaceRepeat(MiniObject *list, MiniObject *count);
/* Appends items[0 .. n-1] to the exact list, STEALING the n references (the unpickler's APPENDS):
 * one resize, no temporary. Needs the GIL or the list's critical section (the caller's; only a
 * list nobody else sees yet is safe without it). 0, or -1 with MemoryError (the references are
 * then still the caller's). */
int _MiniList_ExtendSteal(MiniObject *list, MiniObject *const *items, Mini_ssize_t n);
/* A list of the items of iterable (a fresh list even when iterable is one). */
MiniObject *_MiniSeq_List(MiniObject *iterable);
/* Sorts list in place like list.sort(key=key, reverse=reverse) (key may be NULL or None): stable,
 * comparing keys with "<". 0 / -1. */
int _MiniList_SortKey(MiniObject *list, MiniObject *key, int reverse);
/* The fast-call convention's keyword arguments matched against names: values[i] receives the
 * borrowed value of names[i] or stays as is. TypeError "'x' is an invalid keyword argument for
 * f()" for others. 0 / -1. */
int _MiniLib_Keywords(const char *func, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames,
                      const char *const *names, MiniObject **values);

/* ----- bytearray and memoryview (Objects/bytearrayobject.c, Objects/memoryobject.c) ------------ */

extern MiniTypeObject MiniByteArray_Type;    /* "bytearray": mutable bytes, a buffer exporter */
extern MiniTypeObject MiniMemoryView_Type;   /* "memoryview": a byte view of any buffer exporter */
#define MiniByteArray_Check(op) MiniObject_TypeCheck((op), &MiniByteArray_Type)
/* A new bytearray holding a copy of n bytes at p. NULL with MemoryError. */
MiniObject *MiniByteArray_FromStringAndSize(const char *p, Mini_ssize_t n);
/* ba += other: extends the bytearray in place with the bytes of a bytes-like other and returns
 * a new reference to it; TypeError "can't concat int to bytearray". */
MiniObject *_MiniByteArray_InPlaceConcat(MiniObject *ba, MiniObject *other);
/* ba *= count in place (count an int or __index__; <= 0 empties it): a new reference to ba;
 * TypeError for a non-int count, BufferError while exported. Takes ba's critical section. */
MiniObject *_MiniByteArray_InPlaceRepeat(MiniObject *ba, MiniObject *count);
/* Readies bytearray, memoryview and their helper types. 0 / -1. */
int _MiniByteArray_Ready(void);

#endif
