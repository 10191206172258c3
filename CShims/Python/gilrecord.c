/* gilrecord.c: the GIL's event recorder (mini/gilrecord.h).
 *
 * Each thread appends to a buffer of its own: a list of fixed-size chunks that only the owning
 * thread writes, through a cursor into the tail chunk that it publishes with a release store
 * after each event, so a reader may copy what is there at any moment (a full chunk's count is
 * set, and the next chunk linked, under `rec_mutex`, which the reader holds). The append is the
 * cursor compared with the chunk's end, one 16-byte store and the cursor's store (and a prefetch of
 * the line a few events ahead, so the stores hit the cache: the lock's xchg and cmpxchg wait for
 * every earlier store, so a store that misses would stall the pair). Chunks are 64 KiB mappings
 * whose pages are mapped in when the chunk is made (MAP_POPULATE), and a new recording reuses the
 * last one's chunks (a pool of up to 64 MiB): a fresh page touched from the hot path costs a page
 * fault, microseconds in a VM, which made a recorded pair 10-20 ns slower than its instructions
 * explain (session 7: `perf stat -e page-faults`, one fault per 128 pairs). A thread state
 * starts with the closed buffer (cursor = end), so its first event takes the slow path, which
 * creates its buffer (linked into the recorder's list under `rec_mutex`, once per thread per
 * recording) and records a STARTED event first; MiniGILRecord_Start points every thread state
 * back at the closed buffer, so the hot path needs no generation test. It takes no lock; with recording off, gil.c's callers test one
 * global flag word (an always-false, well-predicted branch, on a cache line nothing writes while
 * recording is off; the same word says "free-threaded", so the GIL build's take and release test
 * nothing else) and do nothing more; the recording paths are out of line.
 *
 * A hold that began with an uncontended acquisition is stored as one record, by the release that
 * ends it: HELD, at the release's tick, carrying the acquisition's tick as a 32-bit gap (the
 * acquisition only keeps its tick in the thread state, rec_acq_ticks); the reader expands it to
 * READY and RESUMED at the acquisition, then SUSPENDED. So an uncontended BEGIN/END pair stores one
 * 16-byte record, and the release stores it after its releasing store, where the lock's locked
 * instructions need not wait for it (a store before the xchg delays the xchg until it is done:
 * session 8 measured 2 ns of a recorded pair's 4 ns there). A contended acquisition (READY,
 * waiting, RESUMED) and the free-threaded attach store their events as they happen and leave no
 * tick behind, so their release stores only SUSPENDED. A hold longer than the gap can say (about a
 * second of ticks) is stored as HOLDING then SUSPENDED. A hold still open when its thread stops
 * the recording, or reads it while recording, is stored then as HOLDING (the acquisition), so the
 * recording shows who holds the lock at its end, as before; a hold open on another thread at
 * MiniGILRecord_Stop shows as not begun (the recording ends, for that thread, at its last
 * release). A thread whose first event is such a record is STARTED at its acquisition.
 *
 * Time-stamps are the statistics' ticks (gilclock_internal.h: the invariant time-stamp counter,
 * else CLOCK_MONOTONIC ns), one read per transition, with no fence on the hot paths. Order across
 * threads still holds where the trace needs it: a release reads the counter before its releasing
 * store (a store becomes visible only after every earlier instruction retired, so the tick is
 * below the moment anyone can see the lock free) and leaves the tick in the GIL
 * (rec_release_ticks); the acquisition that follows takes the larger of its own reading and that
 * one, so it is never stamped before the release that allowed it, even when its rdtsc ran ahead
 * of the compare-and-swap. The contended paths read the counter after an lfence
 * (_MiniGILRec_Now). Within one thread the reader keeps ticks non-decreasing (an unfenced read
 * may run a few cycles ahead of the one before it). Ticks are converted to CLOCK_MONOTONIC
 * nanoseconds when the recording is read, with the rate measured between MiniGILRecord_Start
 * and the read. Buffer layout and the inline append: gilclock_internal.h. */
#include "gil_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define CHUNK_EVENTS MINI_GILREC_CHUNK_EVENTS
typedef MiniGILRecEvent RecEvent;
typedef MiniGILRecChunk RecChunk;

MiniGILRecFlag _Mini_gilrec_flag __attribute__((visibility("hidden")));
struct MiniGILRecBuf _Mini_gilrec_closed __attribute__((visibility("hidden")));
static pthread_mutex_t rec_mutex = PTHREAD_MUTEX_INITIALIZER;
static MiniGILRecBuf *buffers, **buffers_tail = &buffers;
/* Names a rename replaced: kept until the next Start, so a name MiniGILRecord_Threads handed out
 * stays valid that long. Guarded by rec_mutex. */
typedef struct OldName { struct OldName *next; char *name; } OldName;
static OldName *old_names;
static uint64_t base_ticks, base_ns;
/* Chunks of earlier recordings, kept for the next ones (guarded by rec_mutex): their pages are
 * already in memory, so appending to them costs no page fault (see map_chunk). */
#define POOL_MAX_CHUNKS 1024   /* 64 MiB */
static RecChunk *pool;
static unsigned pool_chunks;

uint64_t _MiniGILRec_Now(void) {
#if defined(__x86_64__)
    if (_Mini_tsc_ok) {
        __asm__ volatile("lfence" ::: "memory");
        return _Mini_ReadTSC();
    }
#endif
    return Mini_MonotonicNs();
}

/* Keeps c for the next recording, or unmaps it when the pool is full. Under rec_mutex. */
static void retire_chunk(RecChunk *c) {
    if (pool_chunks < POOL_MAX_CHUNKS) {
        c->next = pool;
        pool = c;
        pool_chunks++;
    } else {
        munmap(c, sizeof *c);
    }
}

static void free_all(void) {
    MiniGILRecBuf *b = buffers;
    while (b != NULL) {
        MiniGILRecBuf *next = b->next;
        RecChunk *c = b->head;
        while (c != NULL) { RecChunk *cn = c->next; retire_chunk(c); c = cn; }
        free(b->name);
        free(b);
        b = next;
    }
    buffers = NULL;
    buffers_tail = &buffers;
    while (old_names != NULL) {
        OldName *next = old_names->next;
        free(old_names->name);
        free(old_names);
        old_names = next;
    }
}

static void close_buffer(MiniThreadState *t, void *unused) {
    (void)unused;
    t->rec = &_Mini_gilrec_closed;
    t->rec_acq_ticks = 0;   /* a hold begun before this recording is not part of it */
}

void MiniGILRecord_Start(void) {
    pthread_mutex_lock(&rec_mutex);
    __atomic_fetch_and(&_Mini_gilrec_flag.on, ~MINI_GILFLAG_RECORDING, __ATOMIC_SEQ_CST);
    free_all();
    pthread_mutex_unlock(&rec_mutex);
    /* No thread records now (the flag is off, and the contract says none is inside the runtime):
     * every thread state forgets its buffer (outside rec_mutex: the list mutex is never taken
     * inside it). */
    _MiniThreadStates_ForEach(close_buffer, NULL);
    pthread_mutex_lock(&rec_mutex);
    base_ns = Mini_MonotonicNs();
    base_ticks = _MiniGILRec_Now();
    __atomic_fetch_or(&_Mini_gilrec_flag.on, MINI_GILFLAG_RECORDING, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&rec_mutex);
}

/* The calling thread holds the lock, recording, in a hold whose acquisition is not stored yet
 * (rec_acq_ticks, see the top): stores it now as HOLDING, so the recording shows the hold. */
static void store_open_hold(void) {
    MiniThreadState *t = _Mini_tstate_current;
    if (t == NULL || !MINI_GILREC_ON() || t->rec_acq_ticks == 0) return;
    uint64_t acquired = t->rec_acq_ticks;
    t->rec_acq_ticks = 0;
    _MiniGILRec_Push(t, _MINI_GILEV_HOLDING, MINI_GILREASON_NONE, 0, acquired);
}

void MiniGILRecord_Stop(void) {
    store_open_hold();
    __atomic_fetch_and(&_Mini_gilrec_flag.on, ~MINI_GILFLAG_RECORDING, __ATOMIC_SEQ_CST);
}

int MiniGILRecord_IsOn(void) { return MINI_GILREC_ON() != 0; }

/* A fresh chunk, its pages mapped in at once (MAP_POPULATE where it exists): one system call per
 * 64 KiB rather than a page fault every 256 events on the recording thread's hot path (a fault
 * in this VM costs microseconds, that is 10-20 ns per recorded pair). NULL if memory runs out. */
static RecChunk *map_chunk(void) {
    int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE;
#endif
    void *p = mmap(NULL, sizeof(RecChunk), PROT_READ | PROT_WRITE, flags, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* A chunk from the pool, else a freshly mapped one, emptied; NULL if memory runs out. Takes
 * rec_mutex briefly (never held by the caller). */
static RecChunk *new_chunk(void) {
    pthread_mutex_lock(&rec_mutex);
    RecChunk *c = pool;
    if (c != NULL) { pool = c->next; pool_chunks--; }
    pthread_mutex_unlock(&rec_mutex);
    if (c == NULL) c = map_chunk();
    if (c != NULL) { c->next = NULL; c->n = 0; }
    return c;
}

/* Gives back a chunk that was never linked into a buffer. Takes rec_mutex. */
static void drop_chunk(RecChunk *c) {
    if (c == NULL) return;
    pthread_mutex_lock(&rec_mutex);
    retire_chunk(c);
    pthread_mutex_unlock(&rec_mutex);
}

static void count_lost(MiniGILRecBuf *b) {
    __atomic_store_n(&b->lost, __atomic_load_n(&b->lost, __ATOMIC_RELAXED) + 1, __ATOMIC_RELAXED);
}

/* Makes c b's tail chunk, its cursor at the start (under rec_mutex once b is linked). */
static void set_tail(MiniGILRecBuf *b, RecChunk *c) {
    b->tail = c;
    b->end = c->ev + CHUNK_EVENTS;
    __atomic_store_n(&b->cur, c->ev, __ATOMIC_RELEASE);
}

/* b's tail chunk is full: links a fresh one, or leaves the cursor at the end (each event counted
 * lost) at the cap or when memory runs out. 0 / -1. */
static __attribute__((noinline)) int grow(MiniGILRecBuf *b) {
    int saved_errno = errno;   /* the GIL's callers rely on errno surviving a release and take */
    RecChunk *fresh = b->chunks * CHUNK_EVENTS < MINI_GILRECORD_MAX_EVENTS_PER_THREAD ? new_chunk() : NULL;
    errno = saved_errno;
    if (fresh == NULL) { count_lost(b); return -1; }
    pthread_mutex_lock(&rec_mutex);   /* once per 4095 events: readers walk the chain */
    b->tail->n = CHUNK_EVENTS;
    b->tail->next = fresh;
    set_tail(b, fresh);
    pthread_mutex_unlock(&rec_mutex);
    b->chunks++;
    return 0;
}

/* Appends one event to b (owner thread only), growing it when its chunk is full. */
static void push(MiniGILRecBuf *b, uint64_t ticks, int kind, int reason, uint32_t other) {
    RecEvent *e = __atomic_load_n(&b->cur, __ATOMIC_RELAXED);
    if (e == b->end) {
        if (grow(b) < 0) return;
        e = b->cur;
    }
    e->ticks = ticks;
    __atomic_store_n(&e->meta, MINI_GILREC_META(kind, reason, other), __ATOMIC_RELAXED);
    __atomic_store_n(&b->cur, e + 1, __ATOMIC_RELEASE);
}

/* Creates t's buffer in the current recording, linked into the recorder's list, with a STARTED
 * event; NULL if memory runs out or recording was stopped meanwhile. Preserves errno. */
static __attribute__((noinline)) MiniGILRecBuf *new_buffer(MiniThreadState *t, uint64_t ticks) {
    int saved_errno = errno;
    MiniGILRecBuf *b = calloc(1, sizeof *b);
    RecChunk *c = b != NULL ? new_chunk() : NULL;
    char *name = c != NULL ? _MiniThreadState_CopyName(t) : NULL;
    errno = saved_errno;
    if (name == NULL) { drop_chunk(c); free(b); return NULL; }
    b->name = name;
    b->head = c;
    set_tail(b, c);
    b->chunks = 1;
    b->id = (uint32_t)t->id;
    pthread_mutex_lock(&rec_mutex);
    if (!MINI_GILREC_ON()) {   /* stopped, or a Start is under way */
        pthread_mutex_unlock(&rec_mutex);
        free(name);
        drop_chunk(c);
        free(b);
        return NULL;
    }
    *buffers_tail = b;
    buffers_tail = &b->next;
    t->rec = b;
    pthread_mutex_unlock(&rec_mutex);
    push(b, ticks, MINI_GILEV_STARTED, MINI_GILREASON_NONE, 0);
    errno = saved_errno;
    return b;
}

/* The event that needs a new buffer (t's first in this recording) or a new chunk. */
void _MiniGILRec_AddSlow(MiniThreadState *t, int kind, int reason, uint32_t other, uint64_t ticks) {
    /* A thread whose first stored event ends (or shows) a hold it took earlier started then. */
    uint64_t acquired = t->rec_acq_ticks, started = acquired != 0 && acquired < ticks ? acquired : ticks;
    MiniGILRecBuf *b = t->rec != &_Mini_gilrec_closed ? t->rec : new_buffer(t, started);
    if (b != NULL) push(b, ticks, kind, reason, other);
}

void _MiniGILRec_HeldSlow(MiniThreadState *t, uint64_t ticks, int reason) {
    uint64_t acquired = t->rec_acq_ticks;
    if (acquired != 0) _MiniGILRec_Push(t, _MINI_GILEV_HOLDING, MINI_GILREASON_NONE, 0, acquired);
    _MiniGILRec_Push(t, MINI_GILEV_SUSPENDED, reason, 0, ticks);
}

void _MiniGILRec_AddAt(MiniThreadState *t, int kind, int reason, uint32_t other, uint64_t ticks) {
    _MiniGILRec_Push(t, kind, reason, other, ticks);
}

void _MiniGILRec_Add(MiniThreadState *t, int kind, int reason, uint32_t other) {
    _MiniGILRec_AddAt(t, kind, reason, other, _MiniGILRec_Now());
}

void _MiniGILRec_Rename(MiniThreadState *t, const char *name) {
    int saved_errno = errno;
    char *copy = strdup(name);
    OldName *old = malloc(sizeof *old);
    errno = saved_errno;
    if (copy == NULL || old == NULL) { free(copy); free(old); return; }   /* keeps the previous name */
    pthread_mutex_lock(&rec_mutex);
    if (t->rec != &_Mini_gilrec_closed) {
        old->name = t->rec->name;
        old->next = old_names;
        old_names = old;
        t->rec->name = copy;
        copy = NULL;
        old = NULL;
    }
    pthread_mutex_unlock(&rec_mutex);
    free(copy);
    free(old);
}

/* ----- reading -------------------------------------------------------------------------------- */

typedef struct { MiniGILEvent e; uint64_t ticks; } Sortable;

/* How many events chunk c of b holds (rec_mutex held): the tail's cursor says, else its count. */
static uint32_t chunk_count(MiniGILRecBuf *b, RecChunk *c) {
    if (c != b->tail) return c->n;
    return (uint32_t)(__atomic_load_n(&b->cur, __ATOMIC_ACQUIRE) - c->ev);
}

/* An event's second word (stored with one atomic 8-byte store). */
static uint64_t event_meta(const RecEvent *e) { return __atomic_load_n(&e->meta, __ATOMIC_RELAXED); }

/* The acquisition tick a stored HELD or HOLDING carries (0: none to show). */
static uint64_t acquired_at(const RecEvent *e, uint64_t meta) {
    int kind = MINI_GILREC_META_KIND(meta);
    if (kind == _MINI_GILEV_HOLDING) return e->ticks;
    return kind == _MINI_GILEV_HELD ? e->ticks - MINI_GILREC_META_OTHER(meta) : 0;
}

/* How many logical events a stored one stands for: READY and RESUMED for a HELD's or HOLDING's
 * acquisition (if it has one), and SUSPENDED for a HELD; else one. */
static size_t logical_count(const RecEvent *e) {
    uint64_t meta = event_meta(e);
    int kind = MINI_GILREC_META_KIND(meta);
    size_t n = acquired_at(e, meta) != 0 ? 2 : 0;
    return kind == _MINI_GILEV_HOLDING ? n : n + 1;
}

/* Appends to all[*k] (below `total`) a logical event of thread `id` at `ticks`, kept non-decreasing
 * in the thread's order (*last, see the top). */
static void emit(Sortable *all, size_t *k, uint64_t ticks, MiniGILEvent e, uint32_t *seq, uint64_t *last) {
    if (ticks < *last) ticks = *last;
    *last = ticks;
    e.seq = (*seq)++;
    all[(*k)++] = (Sortable){.ticks = ticks, .e = e};
}

/* Appends to `all` (at *k, below `total`) the logical events of stored event ev of thread `id`
 * (logical_count of them). Returns 0 when `total` leaves no room for all of them (a reader racing
 * a writer: the rest is left out). */
static int expand_event(Sortable *all, size_t *k, size_t total, const RecEvent *ev, uint32_t id,
                        uint32_t *seq, uint64_t *last) {
    uint64_t meta = event_meta(ev);
    int kind = MINI_GILREC_META_KIND(meta), reason = MINI_GILREC_META_REASON(meta);
    if (*k + logical_count(ev) > total) return 0;
    if (kind == _MINI_GILEV_HELD || kind == _MINI_GILEV_HOLDING) {
        uint64_t acquired = acquired_at(ev, meta);
        if (acquired != 0) {
            emit(all, k, acquired, (MiniGILEvent){.thread = id, .kind = MINI_GILEV_READY}, seq, last);
            emit(all, k, acquired, (MiniGILEvent){.thread = id, .kind = MINI_GILEV_RESUMED}, seq, last);
        }
        if (kind == _MINI_GILEV_HOLDING) return 1;
        emit(all, k, ev->ticks, (MiniGILEvent){.thread = id, .kind = MINI_GILEV_SUSPENDED, .reason = (uint16_t)reason},
             seq, last);
        return 1;
    }
    emit(all, k, ev->ticks, (MiniGILEvent){.thread = id, .other = MINI_GILREC_META_OTHER(meta), .kind = (uint16_t)kind,
                                           .reason = (uint16_t)reason}, seq, last);
    return 1;
}

static int compare(const void *pa, const void *pb) {
    const Sortable *a = pa, *b = pb;
    if (a->ticks != b->ticks) return a->ticks < b->ticks ? -1 : 1;
    if (a->e.thread != b->e.thread) return a->e.thread < b->e.thread ? -1 : 1;
    return a->e.seq < b->e.seq ? -1 : a->e.seq > b->e.seq;
}

Mini_ssize_t MiniGILRecord_Events(MiniGILEvent *out, Mini_ssize_t capacity) {
    store_open_hold();   /* a reading holder shows its own hold (outside rec_mutex: it may grow) */
    pthread_mutex_lock(&rec_mutex);
    size_t total = 0;
    for (MiniGILRecBuf *b = buffers; b != NULL; b = b->next)
        for (RecChunk *c = b->head; c != NULL; c = c->next) {
            uint32_t n = chunk_count(b, c);
            for (uint32_t i = 0; i < n; i++) total += logical_count(&c->ev[i]);
        }
    if (out == NULL || capacity <= 0) { pthread_mutex_unlock(&rec_mutex); return (Mini_ssize_t)total; }
    Sortable *all = malloc((total ? total : 1) * sizeof *all);
    if (all == NULL) { pthread_mutex_unlock(&rec_mutex); return -1; }
    size_t k = 0;
    for (MiniGILRecBuf *b = buffers; b != NULL; b = b->next) {
        uint32_t seq = 0;
        uint64_t last = 0;   /* the thread's ticks stay in its program order (see the top) */
        for (RecChunk *c = b->head; c != NULL; c = c->next) {
            uint32_t n = chunk_count(b, c);
            for (uint32_t i = 0; i < n; i++)
                if (!expand_event(all, &k, total, &c->ev[i], b->id, &seq, &last)) goto copied;
        }
    }
copied:
    pthread_mutex_unlock(&rec_mutex);
    qsort(all, k, sizeof *all, compare);
    uint64_t now_ticks = _MiniGILRec_Now(), now_ns = Mini_MonotonicNs();
    long double ns_per_tick = now_ticks > base_ticks && now_ns > base_ns
        ? (long double)(now_ns - base_ns) / (long double)(now_ticks - base_ticks) : 1.0L;
    size_t copy = k < (size_t)capacity ? k : (size_t)capacity;
    for (size_t i = 0; i < copy; i++) {
        out[i] = all[i].e;
        long double d = (long double)(int64_t)(all[i].ticks - base_ticks) * ns_per_tick;
        out[i].time_ns = base_ns + (uint64_t)(int64_t)d;
    }
    free(all);
    return (Mini_ssize_t)k;
}

Mini_ssize_t MiniGILRecord_Threads(MiniGILRecordThread *out, Mini_ssize_t capacity) {
    pthread_mutex_lock(&rec_mutex);
    Mini_ssize_t n = 0;
    for (MiniGILRecBuf *b = buffers; b != NULL; b = b->next, n++) {
        if (out != NULL && n < capacity) {
            out[n].id = b->id;
            out[n].name = b->name;
        }
    }
    pthread_mutex_unlock(&rec_mutex);
    return n;
}

uint64_t MiniGILRecord_Lost(void) {
    pthread_mutex_lock(&rec_mutex);
    uint64_t lost = 0;
    for (MiniGILRecBuf *b = buffers; b != NULL; b = b->next) lost += __atomic_load_n(&b->lost, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&rec_mutex);
    return lost;
}
