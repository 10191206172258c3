/* Python/fatal.c: fatal errors and the checked-mode GIL guard. A fatal error means the program broke
 * a rule of the API (or the runtime's own invariants): like Py_FatalError, it reports which
 * function and which rule on stderr, says whether the calling thread holds the GIL, prints the C
 * backtrace of the calling thread (function names from the dynamic symbol tables: the kit's
 * executable exports its symbols and an extension's non-static functions are exported from its
 * .so, so the extension's own frames are named), and aborts. The abort is SIGABRT with the
 * default disposition restored first, so the Swift runtime's crash handler does not add its
 * register dump: the process ends with the signal (a shell reports exit status 134), as a
 * CPython Py_FatalError does. */
#include "gil_internal.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <signal.h>
#include <string.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* "  #i symbol+0xoff in file" for each frame above the fatal-error machinery. */
static void print_c_backtrace(void) {
    void *frames[48];
    int n = backtrace(frames, 48);
    fprintf(stderr, "C backtrace (most recent call first):\n");
    int shown = 0;
    for (int i = 2; i < n; i++) {     /* 0 and 1: this function and report_and_abort */
        Dl_info info;
        memset(&info, 0, sizeof info);
        int found = dladdr(frames[i], &info) != 0;
        const char *sym = found ? info.dli_sname : NULL;
        if (sym != NULL && (strcmp(sym, "Mini_FatalError") == 0 || strcmp(sym, "Mini_FatalErrorFormat") == 0 ||
                            strcmp(sym, "_Mini_CheckGILHeld") == 0))
            continue;
        const char *file = found && info.dli_fname != NULL ? info.dli_fname : "?";
        const char *base = strrchr(file, '/');
        base = base != NULL ? base + 1 : file;
        if (sym != NULL)
            fprintf(stderr, "  #%-2d %s+0x%lx in %s\n", shown, sym,
                    (unsigned long)((char *)frames[i] - (char *)info.dli_saddr), base);
        else
            fprintf(stderr, "  #%-2d %p in %s\n", shown, frames[i], base);
        shown++;
        if (sym != NULL && (strcmp(sym, "main") == 0 || strcmp(sym, "start_thread") == 0)) break;
    }
}

MINI_NORETURN static void report_and_abort(void) {
    MiniThreadState *t = _Mini_tstate_current;
    MiniThreadState *g = _Mini_tstate_gilstate;
    char name[128];   /* another thread may rename t meanwhile: a copy, under the list's lock */
    if (t != NULL) {
        _MiniThreadState_NameInto(t, name, sizeof name);
        fprintf(stderr, "Thread %s holds the GIL.\n", name);
    } else if (g != NULL) {
        _MiniThreadState_NameInto(g, name, sizeof name);
        fprintf(stderr, "Thread %s does not hold the GIL.\n", name);
    } else
        fprintf(stderr, "The calling thread has no thread state and does not hold the GIL.\n");
    print_c_backtrace();
    fflush(stderr);
    signal(SIGABRT, SIG_DFL);
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
