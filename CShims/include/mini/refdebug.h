/* mini/refdebug.h: reference accounting and checked mode, the kit's debug build switched on at
 * run time. Mini_TotalRefCount and Mini_LiveObjects let a test prove that a code path gives back
 * every reference it takes (like a debug CPython's sys.gettotalrefcount()). Checked mode makes
 * API misuse fatal with a message naming the function and the broken rule. */
#ifndef MINI_REFDEBUG_H
#define MINI_REFDEBUG_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS

/* Sum of the reference counts taken and not yet given back, over all objects ever created
 * (immortal singletons included: their INCREF/DECREF still move the total). Requires the GIL
 * for an exact figure. */
Mini_ssize_t Mini_TotalRefCount(void);
/* Number of objects allocated by MiniObject_New/NewVar and not yet freed. Immortal static
 * objects are not counted. Never fails; no GIL needed (it may be stale without it). */
Mini_ssize_t Mini_LiveObjects(void);

/* Checked mode: on when the environment has EXTDEMO_CHECK=1 at Mini_Initialize, or after
 * Mini_SetCheckedMode(1). While on, every API function that touches objects verifies that the
 * calling thread holds the GIL, the GIL macros verify their pairing, DECREF verifies the count
 * is positive, freed memory is poisoned and quarantined. Each violation ends the process through
 * Mini_FatalError. Switch it before starting threads. */
void Mini_SetCheckedMode(int on);
int Mini_GetCheckedMode(void);

/* The leaked-object report (EXTDEMO_CHECK_TRACE=1, which also turns checked mode on): writes to
 * file descriptor fd every object still alive that was allocated by an extension's code outside
 * its MiniInit_ function, with its type, reference count and the C backtrace of its allocation,
 * as HPy's debug mode reports leaked handles. Returns how many; 0 (and writes nothing) without
 * EXTDEMO_CHECK_TRACE. GIL held. `extdemo run` calls it at exit. */
Mini_ssize_t MiniRefDebug_ReportLeaks(int fd);

/* Prints "Fatal Mini error: <func>: <msg>" (and the thread's GIL state) to stderr and aborts
 * the process, as Py_FatalError. Never returns. Callable without the GIL. */
MINI_NORETURN void Mini_FatalError(const char *func, const char *msg);
MINI_NORETURN void Mini_FatalErrorFormat(const char *func, const char *fmt, ...) MINI_FORMAT(2, 3);

/* The checked-mode guard every object-touching API function starts with:
 *   MINI_CHECK_GIL("MiniList_Append");
 * In checked mode, if the calling thread does not hold the GIL, it dies with
 * "<func>: the function must be called with the GIL held, but the GIL is released (the current
 * thread state is NULL)". Costs one predictable branch when checked mode is off. */
void _Mini_CheckGILHeld(const char *func);
#define MINI_CHECK_GIL(func) do { if (MINI_UNLIKELY(_Mini_CheckedMode)) _Mini_CheckGILHeld(func); } while (0)
/* In checked mode: op must not be NULL and must not be a freed object. */
void _Mini_CheckObject(MiniObject *op, const char *func);
#define MINI_CHECK_OBJECT(op, func) do { if (MINI_UNLIKELY(_Mini_CheckedMode)) _Mini_CheckObject(_MiniObject_CAST(op), func); } while (0)
/* Both of the above. */
#define MINI_CHECK_GIL_OBJECT(op, func) do { if (MINI_UNLIKELY(_Mini_CheckedMode)) { \
    _Mini_CheckGILHeld(func); _Mini_CheckObject(_MiniObject_CAST(op), func); } } while (0)

MINI_END_DECLS
#endif /* MINI_REFDEBUG_H */
