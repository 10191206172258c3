/* api_test_support.h: C helpers for the tests of argument parsing, value building, modules,
 * matrices, buffers and imports. Swift cannot call variadic C functions (MiniArg_ParseTuple,
 * Mini_BuildValue) nor define static method tables comfortably, so the scenarios live here and
 * report results Swift can assert on (strings, objects, counts). All require the GIL. */
#ifndef API_TEST_SUPPORT_H
#define API_TEST_SUPPORT_H
#include <mini.h>
#include <stddef.h>

/* Runs MiniArg_ParseTuple (keywords_csv == NULL) or MiniArg_ParseTupleAndKeywords (keywords_csv
 * is the comma-separated keyword list, "" entries for positional-only parameters: ",,b,c") on
 * args/kwargs with format. Every unit gets its own storage, pre-filled with a pattern: O! units
 * use otype, O& units a converter that accepts non-negative ints ("ValueError: negative" else).
 * On success returns 1 and writes one token per unit into out, separated by spaces:
 *   i=5 b=200 h=-3 l=7 L=8 n=9 d=2.5 f=1.5 p=1 C=U+00E9 s='abc' z=NULL y*=3:B:1:ro O=<repr>
 *   O&=12, or "<unit>=unset" for an optional parameter left alone.
 * y* views are released after being described. On failure returns 0 and writes
 * "TypeError: message" (and clears the error). */
int ts_parse(MiniObject *args, MiniObject *kwargs, const char *format, const char *keywords_csv,
             MiniTypeObject *otype, char *out, size_t outsize);

/* Mini_BuildValue scenarios by name (see api_test_support.c); obj is used by the O and N
 * scenarios (N ones steal a reference to it). New reference or NULL with an exception. */
MiniObject *ts_build(const char *scenario, MiniObject *obj);

/* MiniArg_UnpackTuple(args, name, min, max, a, b, c): 1 / 0. Slots the call does not fill
 * keep the value they had. */
int ts_unpack(MiniObject *args, const char *name, Mini_ssize_t min, Mini_ssize_t max,
              MiniObject **a, MiniObject **b, MiniObject **c);

/* If an exception is set: writes "TypeError: message" into out, clears it, returns 1.
 * Otherwise writes "" and returns 0. */
int ts_take_error(char *out, size_t outsize);

/* New reference to a tuple of the n borrowed objects. */
MiniObject *ts_tuple(MiniObject *const *items, Mini_ssize_t n);

/* A module "tsmod" built by MiniModule_Create from a static definition (abi_ok == 0 uses a
 * definition stamped with ABI 7, so creation fails). Functions:
 *   calls()        NOARGS: increments and returns the module state's counter
 *   echo(x)        O: returns x
 *   args(*a)       VARARGS: returns the args tuple
 *   kw(a, b=0, *, c='') VARARGS|KEYWORDS: returns (a, b, c)
 *   badflags()     flags 0x40: calling it raises SystemError
 * Its state is a struct holding an int counter. New reference or NULL. Break its function cycle
 * with MiniModule_ClearNamespace before the last DECREF. */
MiniObject *ts_module_create(int abi_ok);
/* The state counter of a tsmod module. */
int ts_module_counter(MiniObject *m);
/* A stand-alone function f (METH_NOARGS, like calls()), g (METH_O, like echo), h (METH_VARARGS,
 * like args) bound to self (may be NULL), by name. New reference. */
MiniObject *ts_function(const char *which, MiniObject *self);

/* Also "null_noerr" (returns NULL without an exception) and "result_with_error" (returns 1 with
 * ValueError "stray" set), both METH_NOARGS, for MiniObject_Call's result checks. */

/* MiniObject_CallFunctionObjArgs(callable, a, b, NULL): a and/or b may be NULL to pass fewer. */
MiniObject *ts_call_function_objargs(MiniObject *callable, MiniObject *a, MiniObject *b);
/* MiniObject_CallMethodObjArgs(o, name, a, NULL): a may be NULL. */
MiniObject *ts_call_method_objargs(MiniObject *o, const char *name, MiniObject *a);

/* Init functions for the inittab tests: a module "ts_builtin" (attribute answer = 42), one that
 * returns NULL without an exception, one that raises ValueError "init failed on purpose", one
 * that returns a non-module. Each counts its calls in ts_init_calls. */
MiniObject *ts_init_builtin(void);
MiniObject *ts_init_silent_failure(void);
MiniObject *ts_init_raising(void);
MiniObject *ts_init_not_module(void);
int ts_init_calls(void);

/* The finder for the finder tests: "ts_found" gives a new module, "ts_finder_error" raises
 * ImportError "finder failed", anything else is unknown. *(int *)context counts the calls. */
MiniObject *ts_finder(const char *name, void *context);

/* The number of outstanding buffer exports of a matrix. */
Mini_ssize_t ts_matrix_exports(MiniObject *m);
/* Takes a buffer view of o with flags into a heap-allocated MiniBuffer (NULL with an exception
 * on failure); describe it with ts_view_describe, end it with ts_view_release (which frees it). */
MiniBuffer *ts_view_get(MiniObject *o, int flags);
/* "len=48 itemsize=8 ndim=2 format=d shape=2x3 strides=24,8 ro=0 aligned=1 obj=1" */
void ts_view_describe(MiniBuffer *view, char *out, size_t outsize);
/* Writes value into element i (as a double) of the view's memory. */
void ts_view_write_double(MiniBuffer *view, Mini_ssize_t i, double value);
void ts_view_release(MiniBuffer *view);
/* Releases a view twice (the second release must be a no-op) and frees it. */
void ts_view_release_twice(MiniBuffer *view);

/* The address of the matrix type, and of the function type (Swift cannot take them). */
MiniTypeObject *ts_matrix_type(void);
MiniTypeObject *ts_cfunction_type(void);
MiniTypeObject *ts_module_type(void);

/* A type "tsexp.Exporter" whose instances export 8 read-only bytes "exporter" through
 * MiniBuffer_FillInfo. New reference. */
MiniObject *ts_new_exporter(void);

#endif
