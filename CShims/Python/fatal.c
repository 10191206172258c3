/* Python/fatal.c: fatal errors and the checked-mode GIL guard. A fatal error means the program broke
 * a rule of the API (or the runtime's own invariants): like Py_FatalError, it reports which
 * function and which rule on stderr, says whether the calling thread holds the GIL, and aborts. */
#include "gil_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

MINI_NORETURN static void report_and_abort(void) {
    MiniThreadState *t = _Mini_tstate_current;
    MiniThreadState *g = _Mini_tstate_gilstate;
    if (t != NULL)
        fprintf(stderr, "Thread %s holds the GIL.\n", t->name);
    else if (g != NULL)
        fprintf(stderr, "Thread %s does not hold the GIL.\n", g->name);
    else
        fprintf(stderr, "The calling thread has no thread state and does not hold the GIL.\n");
    fflush(stderr);
    abort();
}

void Mini_FatalError(const char *func, const char *msg) {
    fprintf(stderr, "Fatal Mini error: %s: %s\n", func != NULL ? func : "?", msg != NULL ? msg : "");
    report_and_abort();
}

void Mini_FatalErrorFormat(const char *func, const char *fmt, ...) {
    fprintf(stderr, "Fatal Mini error: %s: ", func != NULL ? func : "?");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    report_and_abort();
}

void _Mini_CheckGILHeld(const char *func) {
    /* "Created" rather than "initialized": the init hooks run with checked calls before
     * Mini_Initialize has finished. */
    if (MINI_UNLIKELY(!_Mini_gil.created))
        Mini_FatalError(func, "the runtime is not initialized (call Mini_Initialize first)");
    if (MINI_UNLIKELY(_Mini_tstate_current == NULL))
        Mini_FatalError(func, "the function must be called with the GIL held, but the GIL is "
                              "released (the current thread state is NULL)");
}
