/* inflight.c: counts the sample extensions' kernels in flight, so a demo can show — and a test
 * can prove — how many ran at the same moment. With the GIL held the answer is always 1; with it
 * released, as many as there are threads. Kernels call miniext_kernel_enter/exit around the
 * computation (inside the released region: only atomics, no Mini API). A test may install a
 * gate that runs at every entry, e.g. a rendezvous that waits until N kernels are in flight,
 * which makes "released kernels overlap" a deterministic fact instead of a likely one. */
#include "miniext.h"

static int in_flight;
static int max_in_flight;
static miniext_kernel_gate_fn gate_fn;
static void *gate_ctx;

void miniext_kernel_enter(void) {
    int now = __atomic_add_fetch(&in_flight, 1, __ATOMIC_SEQ_CST);
    int seen = __atomic_load_n(&max_in_flight, __ATOMIC_SEQ_CST);
    while (now > seen && !__atomic_compare_exchange_n(&max_in_flight, &seen, now, 0,
                                                      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) { }
    miniext_kernel_gate_fn g = __atomic_load_n(&gate_fn, __ATOMIC_ACQUIRE);
    if (g != NULL) g(now, __atomic_load_n(&gate_ctx, __ATOMIC_ACQUIRE));
}

void miniext_kernel_exit(void) { __atomic_sub_fetch(&in_flight, 1, __ATOMIC_SEQ_CST); }

int miniext_kernels_max_in_flight(void) { return __atomic_load_n(&max_in_flight, __ATOMIC_SEQ_CST); }

void miniext_kernels_reset(void) { __atomic_store_n(&max_in_flight, 0, __ATOMIC_SEQ_CST); }

void miniext_set_kernel_gate(miniext_kernel_gate_fn gate, void *ctx) {
    __atomic_store_n(&gate_ctx, ctx, __ATOMIC_RELEASE);
    __atomic_store_n(&gate_fn, gate, __ATOMIC_RELEASE);
}
