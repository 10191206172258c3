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
 * owner writes the slot its buffer's cursor points at (one 16-byte event) and publishes the
 * advanced cursor with a release store; the one test is the cursor against the chunk's end. An
 * uncontended acquisition stores nothing: the release that ends the hold stores one record for
 * both (gilrecord.c explains the buffers, the records and the readers). */
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

/* A chunk is exactly 64 KiB (a 16-byte header and 4095 events): gilrecord.c maps chunks whole. */
#define MINI_GILREC_CHUNK_EVENTS 4095
/* The append prefetches the line this many events (256 bytes, eight recorded pairs) ahead. */
#define MINI_GILREC_PREFETCH_EVENTS 16

/* One stored event: its tick and a word packing the rest (MINI_GILREC_META: `other` in the low
 * 32 bits, the kind in bits 32-47, the reason in bits 48-63), stored as one 8-byte word. */
typedef struct MiniGILRecEvent {
    uint64_t ticks;
    uint64_t meta;
} MiniGILRecEvent;

#define MINI_GILREC_META(kind, reason, other) \
    ((uint64_t)(uint32_t)(other) | (uint64_t)(uint16_t)(kind) << 32 | (uint64_t)(uint16_t)(reason) << 48)
#define MINI_GILREC_META_OTHER(m) ((uint32_t)(m))
#define MINI_GILREC_META_KIND(m) ((int)(uint16_t)((m) >> 32))
#define MINI_GILREC_META_REASON(m) ((int)(uint16_t)((m) >> 48))

/* Internal event kinds (never handed out: MiniGILRecord_Events expands them). HELD: one hold
 * whose acquisition was uncontended, stored once, by the release: SUSPENDED (with its reason) at
 * `ticks`, acquired `other` ticks earlier (READY and RESUMED at that instant; nothing if that
 * instant is 0: the acquisition was stored on its own, or happened before the recording).
 * HOLDING: READY and RESUMED at `ticks` (0: nothing), for a hold still open when the holder stops
 * or reads the recording, or one too long for HELD's 32-bit gap. */
#define _MINI_GILEV_HELD 65
#define _MINI_GILEV_HOLDING 66

typedef struct MiniGILRecChunk {
    struct MiniGILRecChunk *next;
    uint32_t n;                       /* the count once the chunk is full (set under rec_mutex) */
    uint32_t pad;
    MiniGILRecEvent ev[MINI_GILREC_CHUNK_EVENTS];
} MiniGILRecChunk;

struct MiniGILRecBuf {
    /* The next free slot of the tail chunk (published with a release store) and the tail chunk's
     * end: the hot append's whole state. Equal when the chunk is full, and in the closed buffer
     * (_Mini_gilrec_closed: a thread with no buffer in the current recording points at it). */
    MiniGILRecEvent *cur, *end;
    struct MiniGILRecBuf *next;       /* the recorder's list; guarded by rec_mutex */
    uint32_t id;
    char *name;                       /* the whole name (malloc'd); guarded by rec_mutex */
    MiniGILRecChunk *head, *tail;     /* head: guarded by rec_mutex when linked */
    uint64_t chunks, lost;            /* written by the owner only */
};

/* The buffer of every thread that has none in the current recording (never written: its cursor
 * and end are equal). MiniThreadState_New and MiniGILRecord_Start point thread states at it. */
extern struct MiniGILRecBuf _Mini_gilrec_closed __attribute__((visibility("hidden")));

/* The slow append (gilrecord.c): t's first event of this recording, or a full chunk. */
void _MiniGILRec_AddSlow(MiniThreadState *t, int kind, int reason, uint32_t other, uint64_t ticks);

/* Appends one event stamped `ticks` to t's buffer (t's own thread only): three loads, one compare,
 * the event's two 8-byte stores, the cursor's release store and a prefetch for a later append (a
 * prefetch past the chunk's end is harmless: it never faults); no call, no lock. A full chunk, or a
 * thread with no buffer yet, goes to _MiniGILRec_AddSlow. */
static inline void _MiniGILRec_Push(MiniThreadState *t, int kind, int reason, uint32_t other, uint64_t ticks) {
    struct MiniGILRecBuf *b = t->rec;
    MiniGILRecEvent *e = __atomic_load_n(&b->cur, __ATOMIC_RELAXED);
    if (MINI_UNLIKELY(e == b->end)) {
        _MiniGILRec_AddSlow(t, kind, reason, other, ticks);
        return;
    }
    e->ticks = ticks;
    __atomic_store_n(&e->meta, MINI_GILREC_META(kind, reason, other), __ATOMIC_RELAXED);
    __atomic_store_n(&b->cur, e + 1, __ATOMIC_RELEASE);
    __builtin_prefetch(e + MINI_GILREC_PREFETCH_EVENTS, 1, 3);
}

/* The slow half of _MiniGILRec_PushHeld (gilrecord.c): a HOLDING then a SUSPENDED. */
void _MiniGILRec_HeldSlow(MiniThreadState *t, uint64_t ticks, int reason);

/* Records the end of a hold at `ticks` (t's own thread, after the releasing store): one HELD
 * record carrying the acquisition's tick (t->rec_acq_ticks) as a 32-bit gap, or, when the hold was
 * too long for that (about a second of ticks), two events. No call on the usual path. */
static inline void _MiniGILRec_PushHeld(MiniThreadState *t, uint64_t ticks, int reason) {
    uint64_t gap = ticks - t->rec_acq_ticks;
    if (MINI_UNLIKELY((gap >> 32) != 0)) {
        _MiniGILRec_HeldSlow(t, ticks, reason);
        return;
    }
    _MiniGILRec_Push(t, _MINI_GILEV_HELD, reason, (uint32_t)gap, ticks);
}

#endif
