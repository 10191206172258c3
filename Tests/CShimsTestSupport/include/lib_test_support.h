/* lib_test_support.h: C helpers for BigIntTests, MethodsTests and LibTests: access to the
 * runtime-private parts of the int implementation and the library (CShims/Objects/) that Swift
 * cannot see (their declarations live in internal headers), and wrappers for calls Swift cannot
 * make directly. All require the GIL; object results are new references or NULL with an
 * exception set, as the functions they wrap. */
#ifndef LIB_TEST_SUPPORT_H
#define LIB_TEST_SUPPORT_H

#include "mini.h"

/* int(text, base) through MiniLong_FromString. */
MiniObject *lts_int(const char *text, int base);
/* 1 if the int is stored in the 64-bit compact form, 0 if in the big (digit) form. */
int lts_int_is_compact(MiniObject *o);
/* Number of 30-bit digits of a big-form int (0 for a compact one). */
long lts_int_digits(MiniObject *o);
/* The bitwise helpers the interpreter's BINARY_OP calls for big operands: op is one of
 * '&' '|' '^' '<' (left shift) '>' (right shift); '~' inverts a (b ignored). */
MiniObject *lts_int_bitop(MiniObject *a, MiniObject *b, char op);
/* The digits of a in base 2, 8, 10 or 16, with "0b"/"0o"/"0x" when prefix is set. */
MiniObject *lts_int_format(MiniObject *a, int base, int prefix);
/* int.bit_length() as a C value. */
unsigned long long lts_int_bits(MiniObject *a);
/* sys.set_int_max_str_digits(n) (0: no limit); returns the previous value. */
int lts_set_max_str_digits(int n);

/* o.name(*args, **kwargs): args a tuple or NULL (no arguments), kwargs a dict or NULL. */
MiniObject *lts_call_method(MiniObject *o, const char *name, MiniObject *args, MiniObject *kwargs);
/* The library types by name: "set", "frozenset", "slice", "enumerate", "zip", "map", "filter",
 * "reversed", "dict_keys", "dict_values", "dict_items"; NULL for others. */
MiniTypeObject *lts_lib_type(const char *name);
/* The set C API (lib_internal.h). */
MiniObject *lts_set_new(MiniObject *iterable, int frozen);
int lts_set_add(MiniObject *set, MiniObject *key);
int lts_set_discard(MiniObject *set, MiniObject *key);
int lts_set_contains(MiniObject *set, MiniObject *key);
/* slice(start, stop, step) (NULL means None), and its indices for a length: the item count,
 * with start and step stored. -1 with an exception. */
MiniObject *lts_slice(MiniObject *start, MiniObject *stop, MiniObject *step);
long lts_slice_indices(MiniObject *slice, long length, long *start, long *step);

/* Registers the library builtins with the VM (_MiniLib_InitBuiltins). 0 / -1. */
int lts_init_builtins(void);
/* The builtin named name (borrowed), or NULL. */
MiniObject *lts_builtin(const char *name);
/* Calls a builtin with positional args (a tuple) and kwargs (dict or NULL). */
MiniObject *lts_call_builtin(const char *name, MiniObject *args, MiniObject *kwargs);

/* Runs with checked mode off: allocates and frees n ints beyond the small-int cache so that the
 * object free lists are used, and returns how many objects were live at the end minus at the
 * start (0 when the accounting is right). Restores checked mode. */
long lts_freelist_churn(long n);

#endif
