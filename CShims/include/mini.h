/* mini.h: the one header a Mini C extension includes.
 *
 * The Mini API is a miniature of CPython's C API: the prefix Mini replaces Py (MiniObject is
 * PyObject, Mini_INCREF is Py_INCREF, BEGIN_ALLOW_THREADS is Py_BEGIN_ALLOW_THREADS, ...).
 * Every function documents, in the header that declares it:
 *   - the reference it returns: "new reference" (the caller owns it and must DECREF it) or
 *     "borrowed reference" (valid only while its owner keeps it alive); and whether it steals
 *     a reference to an argument;
 *   - what it does with the GIL: almost all functions require the caller to hold it;
 *   - how it fails: NULL or -1 with an exception set in the calling thread's error indicator.
 * The sub-headers under mini/ refuse to be included on their own: include this file.
 */
#ifndef MINI_H
#define MINI_H

#define MINI_H_INSIDE 1
#include "mini/config.h"
#include "mini/object.h"
#include "mini/objimpl.h"
#include "mini/refdebug.h"
#include "mini/lock.h"
#include "mini/critical_section.h"
#include "mini/errors.h"
#include "mini/longobject.h"
#include "mini/floatobject.h"
#include "mini/complexobject.h"
#include "mini/boolobject.h"
#include "mini/bytesobject.h"
#include "mini/unicodeobject.h"
#include "mini/listobject.h"
#include "mini/tupleobject.h"
#include "mini/dictobject.h"
#include "mini/weakrefobject.h"
#include "mini/buffer.h"
#include "mini/matrixobject.h"
#include "mini/methodobject.h"
#include "mini/moduleobject.h"
#include "mini/modsupport.h"
#include "mini/import.h"
#include "mini/threadstate.h"
#include "mini/ceval.h"
#include "mini/gilstats.h"
#include "mini/gilrecord.h"
#include "mini/lifecycle.h"
#undef MINI_H_INSIDE

#endif /* MINI_H */
