/* sleeper.c: the smallest complete GIL-release example. sleep(seconds) waits in nanosleep and
 * spin(iterations, *, release=True) runs a C busy loop, each between BEGIN_ALLOW_THREADS and
 * END_ALLOW_THREADS so other threads run meanwhile. Parse with the GIL; inside: C data only. */
#include <mini.h>
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include "miniext.h"

/* sleep(seconds) -> None. TypeError for a non-number, ValueError if negative (or NaN). */
static MiniObject *sleeper_sleep(MiniObject *self, MiniObject *args) {
    double s;
    if (!MiniArg_ParseTuple(args, "d:sleep", &s)) return NULL;
    if (!(s >= 0)) { MiniErr_SetString(MiniExc_ValueError, "sleep length must be non-negative"); return NULL; }
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    Mini_BEGIN_ALLOW_THREADS
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}  /* resume after signals */
    Mini_END_ALLOW_THREADS
    (void)self; Mini_RETURN_NONE;
}
/* spin(iterations, *, release=True) -> int: a checksum, so the loop cannot be optimised out. */
static MiniObject *sleeper_spin(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"iterations", "release", NULL};
    long long n; int release = 1; uint64_t x = 1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "L|$p:spin", keywords, &n, &release)) return NULL;
#define SPIN for (long long i = 0; i < n; i++) x = x * 6364136223846793005u + 1442695040888963407u
    if (release) { Mini_BEGIN_ALLOW_THREADS SPIN; Mini_END_ALLOW_THREADS } else { SPIN; }
    (void)self; return MiniLong_FromLongLong((long long)(x >> 2));
}
static MiniMethodDef sleeper_methods[] = {
    {"sleep", sleeper_sleep, MINI_METH_VARARGS, "sleep(seconds): wait without the GIL."},
    {"spin", _MiniCFunction_CAST(sleeper_spin), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "spin(iterations, *, release=True): busy C loop."},
    {NULL, NULL, 0, NULL},
};
static MiniModuleDef sleeper_module = {MiniModuleDef_HEAD_INIT, "sleeper", "GIL release, minimal.", 0, sleeper_methods,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED};
/* New reference to the module, or NULL with an exception. */
MiniObject *MiniInit_sleeper(void) { return MiniModule_Create(&sleeper_module); }
