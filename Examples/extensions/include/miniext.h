/* miniext.h: the init functions of the sample extensions compiled into the kit, so the Swift
 * side can register them as built-in modules with MiniImport_AppendInittab. */
#ifndef MINIEXT_H
#define MINIEXT_H
#include <mini.h>
/* ----- hashing and sleeper (engineer k2) ----------------------------------------------------- */
/* The SHA-256 kernel's C API (pure C, no GIL needed), exposed so the tests and the CLI can call
 * it directly. */
#include "sha256.h"   /* Sources/SHA256Kernel: shared with hashlib (MiniVM) */
/* Init functions of the `hashing` and `sleeper` modules: called once with the GIL held; new
 * reference to the module, or NULL with an exception set. */
MiniObject *MiniInit_hashing(void);
MiniObject *MiniInit_sleeper(void);
/* The SHA-256 compression function in use ("sha-ni" or "portable"), deciding on first call.
 * Static string; needs no GIL; never fails. */
const char *miniext_sha256_kernel_name(void);
/* ----- matmul (engineer k1) ------------------------------------------------------------------ */
/* The DGEMM kernel's C API (pure C, no GIL needed): mini_dgemm, mini_dgemm_with(path, ...),
 * mini_dgemm_path_supported, so the tests and the CLI can call and force each micro-kernel. */
#include "../kernels/dgemm.h"
/* Init function of the `matmul` module: called once with the GIL held; new reference to the
 * module, or NULL with an exception set. */
MiniObject *MiniInit_matmul(void);
/* The DGEMM micro-kernel matmul uses, e.g. "avx512 (8x24 AVX-512F+FMA micro-kernel)": chosen on
 * first call from EXTDEMO_DGEMM (portable|avx2|avx512) or the CPU. Static string; needs no GIL;
 * never fails. */
const char *miniext_dgemm_kernel_name(void);
/* ----- cloop and gilbench (engineer cli) ------------------------------------------------------ */
/* Init function of the `cloop` module (countdown(n): a C loop that holds the GIL and polls the
 * eval breaker like bytecode): called once with the GIL held; new reference to the module, or
 * NULL with an exception set. */
MiniObject *MiniInit_cloop(void);
/* Nanoseconds per uncontended Mini_BEGIN_ALLOW_THREADS / Mini_END_ALLOW_THREADS pair, timed over
 * `pairs` pairs (0.0 if pairs <= 0). The caller must hold the GIL; it holds it again on return.
 * Never fails. */
double miniext_allow_threads_pair_ns(long pairs);
/* Results of miniext_handoff_latency, in microseconds. */
typedef struct miniext_handoff_stats {
    long samples;
    double switch_interval_us;
    double p50_us, p99_us, max_us, mean_us;
} miniext_handoff_stats;
/* Measures the hand-off: a holder thread keeps the GIL and polls the eval breaker in a loop, a
 * waiter thread asks for the lock `samples` times (each time once the holder is running again)
 * and records how long each request waits. Runs with the switch interval set to
 * switch_interval_s and restores the previous one. The caller must hold the GIL; it is released
 * while the two threads run and held again on return. 0 with *out filled, or -1 with ValueError
 * (samples < 1 or a bad interval), MemoryError or RuntimeError (a thread could not start). */
int miniext_handoff_latency(double switch_interval_s, long samples, miniext_handoff_stats *out);
/* ----- kernels in flight (inflight.c) --------------------------------------------------------- */
/* Called by the sample extensions around each kernel run (with or without the GIL; atomics
 * only). */
void miniext_kernel_enter(void);
void miniext_kernel_exit(void);
/* The most kernels that were running at the same moment since the last reset. No GIL needed. */
int miniext_kernels_max_in_flight(void);
void miniext_kernels_reset(void);
/* A function run at every kernel entry with the number now in flight (tests install a
 * rendezvous here). NULL removes it. Install it while no kernel runs. */
typedef void (*miniext_kernel_gate_fn)(int in_flight, void *ctx);
void miniext_set_kernel_gate(miniext_kernel_gate_fn gate, void *ctx);

/* ----- the reference-count race (race.c, helper beyond) -------------------------------------- */
typedef enum miniext_race_mode {
    MINIEXT_RACE_GIL = 0,      /* Mini_INCREF/Mini_DECREF with the GIL held: nothing is lost */
    MINIEXT_RACE_UNSAFE = 1,   /* load-add-store on a sacrificial object, no runtime, no lock */
    MINIEXT_RACE_FREE_THREADED = 2, /* Mini_INCREF/Mini_DECREF in a free-threaded runtime (no GIL):
                                     * biased reference counting loses nothing; needs a runtime
                                     * started with the GIL off (else ValueError) */
} miniext_race_mode;

/* What one race run counted. expected/observed: the count before and after (they must be
 * equal); middle_*: the count after every thread's increments; lost = lost_increfs +
 * lost_decrefs; would_have_freed: unsafe decrements that reached zero (a real DECREF would have
 * freed the object while references to it remained). */
typedef struct miniext_race_result {
    long long expected, observed, middle_expected, middle_observed;
    long long lost, lost_increfs, lost_decrefs, would_have_freed;
    double seconds;
} miniext_race_result;

/* Runs `threads` threads that each take `ops` references to one shared object and then drop
 * them (race.c says how each mode does it). Call with the GIL held; it is released while the
 * threads run and held again on return. 0 with *out filled, or -1 with ValueError (threads or
 * ops < 1, unknown mode), MemoryError, or RuntimeError (no thread could start). */
int miniext_race_refcount(miniext_race_mode mode, int threads, long long ops, miniext_race_result *out);

/* ----- convoy (trace) ---------------------------------------------------------------------- */
/* Init function of the `convoy` module (echo(max_ops, max_seconds, payload=64): socketpair round
 * trips with the GIL released around each send and recv, the I/O thread of `extdemo convoy`):
 * called once with the GIL held; new reference to the module, or NULL with an exception set. */
MiniObject *MiniInit_convoy(void);
/* Init function of the `stress` module (stress.c: the native half of `extdemo stress`: a loop
 * with the GIL released, callbacks from foreign pthreads through GILState, a watchdog that dumps
 * the GIL's state and exits with status 3 when a worker stops making progress): called once with
 * the GIL held; new reference to the module, or NULL with an exception set. */
MiniObject *MiniInit_stress(void);
#endif
