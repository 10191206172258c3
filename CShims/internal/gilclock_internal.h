/* internal/gilclock_internal.h: the GIL's clock and the recorder's hot append, inline.
 *
 * The clock (_Mini_Ticks) is the CPU's time-stamp counter when it is invariant (constant rate,
 * never stopped; CPUID 0x80000007 EDX bit 8, checked once before main by gilstats.c), read with a
 * plain rdtsc (about 9.5 ns on the session-5 machine, an lfence before it adds about 6.5 ns);
 * elsewhere (not x86-64, or a TSC that may change rate) it is CLOCK_MONOTONIC nanoseconds. Ticks
 * become nanoseconds only when read (gilstats.c, gilrecord.c), with the rate measured between a
 * base taken at start and the moment of reading.
 *
 * The recorder's buffer layout lives here so that gil.c appends an event without a call: the
 * owner writes the next slot of its own chunk and publishes the count with a release store
 * (gilrecord.c explains the buffers and the readers). */
#ifndef MINI_GILCLOCK_INTERNAL_H
#define MINI_GILCLOCK_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "gilclock_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"
#include "tstate_internal.h"
#include <stdint.h>

/* 1 when _Mini_Ticks reads the time-stamp counter (set before main; never changes after). */
extern int _Mini_tsc_ok __attribute__((visibility("hidden")));

#if defined(__x86_64__)
static inline uint64_t _Mini_ReadTSC(void) {
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}
#endif

/* The statistics' and the recorder's clock: ticks (see the top of the file). */
static inline uint64_t _Mini_Ticks(void) {
#if defined(__x86_64__)
    if (MINI_LIKELY(_Mini_tsc_ok)) return _Mini_ReadTSC();
#endif
    return Mini_MonotonicNs();
}

/* ----- the recorder's buffers (gilrecord.c) ----------------------------------------------------- */

#define MINI_GILREC_CHUNK_EVENTS 4096

typedef struct MiniGILRecEvent {
    uint64_t ticks;
    uint32_t other;
    uint16_t kind, reason;
} MiniGILRecEvent;

typedef struct MiniGILRecChunk {
    struct MiniGILRecChunk *next;
    uint32_t n;                       /* published with a release store */
    MiniGILRecEvent ev[MINI_GILREC_CHUNK_EVENTS];
} MiniGILRecChunk;

struct MiniGILRecBuf {
    struct MiniGILRecBuf *next;       /* the recorder's list; guarded by rec_mutex */
    uint32_t id;
    char *name;                       /* the whole name (malloc'd); guarded by rec_mutex */
    MiniGILRecChunk *head, *tail;     /* head: guarded by rec_mutex when linked */
    uint64_t chunks, lost;            /* written by the owner only */
};

/* The recording's generation (a thread's buffer belongs to the recording whose generation it
 * carries); bumped by MiniGILRecord_Start. */
extern unsigned _Mini_gilrec_generation __attribute__((visibility("hidden")));

/* The slow append (gilrecord.c): t's first event of this recording, or a full chunk. */
void _MiniGILRec_AddSlow(MiniThreadState *t, unsigned gen, int kind, int reason, uint32_t other, uint64_t ticks);

/* Appends one event stamped `ticks` to t's buffer (t's own thread only): a few loads and one
 * 16-byte store into its chunk, no call, no lock; every other case goes to _MiniGILRec_AddSlow. */
static inline void _MiniGILRec_Push(MiniThreadState *t, int kind, int reason, uint32_t other, uint64_t ticks) {
    unsigned gen = __atomic_load_n(&_Mini_gilrec_generation, __ATOMIC_ACQUIRE);
    struct MiniGILRecBuf *b = t->rec;
    MiniGILRecChunk *c;
    uint32_t n;
    if (MINI_UNLIKELY(b == NULL || t->rec_gen != gen) ||
        MINI_UNLIKELY((n = __atomic_load_n(&(c = b->tail)->n, __ATOMIC_RELAXED)) == MINI_GILREC_CHUNK_EVENTS)) {
        _MiniGILRec_AddSlow(t, gen, kind, reason, other, ticks);
        return;
    }
    MiniGILRecEvent *e = &c->ev[n];
    e->ticks = ticks;
    e->other = other;
    e->kind = (uint16_t)kind;
    e->reason = (uint16_t)reason;
    __atomic_store_n(&c->n, n + 1, __ATOMIC_RELEASE);
}

#endif
