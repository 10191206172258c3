/* cloop.c: the `cloop` module, pure CPU work that KEEPS the GIL, as interpreted Python does.
 * countdown(n) runs `while n > 0: n -= 1` the way a bytecode loop would: on boxed ints, through
 * the generic object protocol, allocating a new int per step and dropping the old one, and
 * polling the eval breaker at the back edge. The poll is what lets another thread in: when a
 * waiter has asked for the lock (after a switch interval), MiniEval_Poll hands it over and waits
 * to get it back. So two threads running countdown take turns and finish no sooner than one
 * thread doing both counts: the classic GIL demonstration, until the interpreter runs it. */
#include <mini.h>
#include "miniext.h"

/* countdown(n) -> None. TypeError when n does not compare with or subtract from an int. Holds
 * the GIL throughout except while MiniEval_Poll hands it to a waiting thread. */
static MiniObject *cloop_countdown(MiniObject *self, MiniObject *n) {
    (void)self;
    MiniObject *zero = MiniLong_FromLong(0), *one = MiniLong_FromLong(1);
    if (zero == NULL || one == NULL) goto fail_consts;
    Mini_INCREF(n);                               /* our own reference: the loop replaces it */
    for (;;) {
        int more = MiniObject_RichCompareBool(n, zero, Mini_GT);     /* n > 0 */
        if (more < 0) goto fail;
        if (!more) break;
        MiniObject *next = MiniNumber_Subtract(n, one);              /* n - 1: a new int */
        if (next == NULL) goto fail;
        Mini_DECREF(n);                                              /* n = ...: drop the old */
        n = next;
        if (MiniEval_Poll() < 0) goto fail;       /* the back edge: give the lock if asked */
    }
    Mini_DECREF(n);
    Mini_DECREF(zero);
    Mini_DECREF(one);
    Mini_RETURN_NONE;
fail:
    Mini_DECREF(n);
fail_consts:
    Mini_XDECREF(zero);
    Mini_XDECREF(one);
    return NULL;
}

static MiniMethodDef cloop_methods[] = {
    {"countdown", cloop_countdown, MINI_METH_O,
     "countdown(n)\n--\n\nCount n down to 0 on boxed ints, holding the GIL and polling the eval "
     "breaker every step as bytecode does."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef cloop_module = {MiniModuleDef_HEAD_INIT, "cloop",
                                     "A C loop that holds the GIL like interpreted code.", -1,
                                     cloop_methods,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED};

MiniObject *MiniInit_cloop(void) { return MiniModule_Create(&cloop_module); }
