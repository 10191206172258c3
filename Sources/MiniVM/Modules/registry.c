/* Modules/registry.c: registers MiniPy's standard-library modules as built-in modules, the way an
 * embedding application registers its own with PyImport_AppendInittab before Py_Initialize. The
 * dotted name "concurrent.futures" is registered whole (the import machinery looks names up as
 * given); its init function also imports the package module "concurrent" and sets
 * concurrent.futures on it, so both `import concurrent.futures` and `from concurrent.futures
 * import ThreadPoolExecutor` find what they expect. */
#include "stdlib_internal.h"

int _MiniStdlib_RegisterBuiltins(void) {
    static const struct { const char *name; MiniInitFunc init; } modules[] = {
        {"threading", MiniInit_threading},
        {"time", MiniInit_time},
        {"sys", MiniInit_sys},
        {"math", MiniInit_math},
        {"random", MiniInit_random},
        {"_traceback", MiniInit__traceback},  /* stdlib-pure: the C half of traceback.py */
        {"_pickle", MiniInit_pickle},         /* helper beyond (issue 13); Lib/pickle.py imports it */
        {"_mpio", MiniInit__mpio},            /* helper beyond: multiprocessing's OS half */
        {"concurrent", MiniInit_concurrent},
        {"concurrent.futures", MiniInit_futures},
        {"queue", MiniInit_queue},
        {"posix", MiniInit_posix},
        {"_socket", MiniInit__socket},
        {"select", MiniInit_select},
        {"gc", MiniInit_gc},                  /* helper gc (issue 10) */
        {"_weakref", MiniInit__weakref},      /* helper gc (issue 10): weakref.py's C half */
        {"struct", MiniInit_struct},          /* stdlib-re */
        {"_re", MiniInit__re},                /* stdlib-re: the engine under re.py */
        {"atexit", MiniInit_atexit},          /* stdlib-more */
        {"builtins", MiniInit_builtins},      /* breadth (issue 11): `import builtins` */
        {"_signal", MiniInit__signal},        /* stdlib-more: the C half of signal.py */
        {"_sha2", MiniInit__sha2},            /* stdlib-more: the C half of hashlib.py */
        {"array", MiniInit_array},            /* accel (issue 11): typed arrays in C */
        {"_json", MiniInit__json},            /* accel (issue 11): json's scanner and encoder */
        {"binascii", MiniInit_binascii},      /* trust (issue 11): base64.py's C half */
        {"_asyncio", MiniInit__asyncio},      /* asynctree (issue 11): asyncio.py's Future and Task */
        {"contextvars", MiniInit_contextvars},  /* lead (session 8): PEP 567 */
    };
    int failures = 0;
    for (size_t i = 0; i < sizeof modules / sizeof modules[0]; i++)
        if (MiniImport_AppendInittab(modules[i].name, modules[i].init) < 0) failures++;
    return failures;
}
