/* object_test_support.h: C helpers for ObjectTests / TypesTests / ErrorsTests: a static
 * extension type with methods, computed attributes and comparison slots (to exercise
 * MiniType_Ready and attribute lookup), a key type whose __eq__ mutates a dict, and wrappers for
 * the variadic API functions Swift cannot call. */
#ifndef OBJECT_TEST_SUPPORT_H
#define OBJECT_TEST_SUPPORT_H

#include "mini.h"

/* The static type "ots.Widget": value attribute (int, read/write), "doubled" (read-only),
 * methods get() (NOARGS) and add(n) (O); equality and hash by value; repr "Widget(3)".
 * Instances are created by calling the type with one int. */
MiniTypeObject *ots_widget_type(void);
/* Makes the helper types ready (their dicts then live until Mini_Finalize): call before taking
 * a reference baseline. 0 / -1. */
int ots_ready_types(void);
/* New Widget holding value (calls the type). */
MiniObject *ots_widget_new(long value);

/* A key whose hash is constant (42) and whose comparisons meddle with target the first time
 * one runs: a dict target is cleared, a list target gets None appended. == then answers True,
 * every ordering answers False. New reference. */
MiniObject *ots_mutating_key_new(MiniObject *target);

/* MiniTuple_Pack(2, a, b) and MiniTuple_Pack(0). */
MiniObject *ots_tuple_pack2(MiniObject *a, MiniObject *b);
MiniObject *ots_tuple_pack0(void);
/* MiniUnicode_FromFormat / MiniErr_Format with a fixed mix of units, for comparing with the V
 * variants: "%s|%d|%R". */
MiniObject *ots_format_mix(const char *s, int d, MiniObject *o);
MiniObject *ots_err_format_mix(MiniObject *exc, const char *s, int d, MiniObject *o);

/* The built-in type named name ("int", "str", "type", "object", "NoneType", ...), or NULL.
 * (Swift 6 cannot take the address of the C globals without a data-race diagnostic.) */
MiniTypeObject *ots_builtin_type(const char *name);

/* Runs MiniErr_Print with stderr redirected into buf (NUL-terminated). */
void ots_print_error_to(char *buf, size_t size);

#endif
