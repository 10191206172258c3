/* spin.c: a first Mini C extension. spin(n) runs a C busy loop of n steps with the GIL
 * released, so several Python threads calling it run in parallel. Build and use it:
 *     extdemo build-ext spin.c        # -> spin.so
 *     extdemo run use_spin.py         # `import spin` finds spin.so beside the script */
#include <mini.h>
#include <stdint.h>

/* spin(n) -> int: a checksum of the loop, so the compiler cannot drop it. */
static MiniObject *spin_spin(MiniObject *self, MiniObject *args) {
    long long n;
    uint64_t x = 1;
    if (!MiniArg_ParseTuple(args, "L:spin", &n)) return NULL;   /* with the GIL: objects */
    Mini_BEGIN_ALLOW_THREADS                                      /* without it: C data only */
    for (long long i = 0; i < n; i++) x = x * 6364136223846793005u + 1442695040888963407u;
    Mini_END_ALLOW_THREADS
    (void)self;
    return MiniLong_FromLongLong((long long)(x >> 2));
}

static MiniMethodDef spin_methods[] = {
    {"spin", spin_spin, MINI_METH_VARARGS, "spin(n): a C loop of n steps, GIL released."},
    {NULL, NULL, 0, NULL},
};
/* m_slots declares that spin is safe without the GIL (free-threaded mode, `--gil auto`): it keeps
 * no state shared between threads. Leave it out and importing spin re-enables the GIL. */
static MiniModuleDef spin_module = {MiniModuleDef_HEAD_INIT, .m_name = "spin", .m_doc = "A first extension.",
    .m_size = 0, .m_methods = spin_methods, .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED};

/* `import spin` calls MiniInit_spin: a new reference to the module, or NULL with an exception. */
MiniObject *MiniInit_spin(void) { return MiniModule_Create(&spin_module); }
