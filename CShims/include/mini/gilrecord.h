/* mini/gilrecord.h: exact, unsampled recording of what every thread does with the GIL.
 *
 * While recording is on, each thread appends its own transitions (it starts, wants the lock,
 * gets it, lets it go and why, asks the holder to drop it, waits out a forced switch, exits) to a
 * buffer of its own, with a monotonic time-stamp: no global lock is taken on the hot path, and
 * when recording is off each transition costs one predictable branch. A reader collects the
 * buffers into one time-ordered array (the `--stats`, `--trace`, `--timeline` views of extdemo
 * are computed from it). Switch policies (how the lock is handed between threads) are chosen here
 * too; CShims/Python/gil.c's essay describes each. */
#ifndef MINI_GILRECORD_H
#define MINI_GILRECORD_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
/* What happened. */
typedef enum {
    MINI_GILEV_STARTED = 1,       /* the thread's first event in this recording */
    MINI_GILEV_READY = 2,         /* wants the lock (about to take it or to wait for it) */
    MINI_GILEV_RESUMED = 3,       /* acquired the lock */
    MINI_GILEV_SUSPENDED = 4,     /* released the lock; `reason` says why */
    MINI_GILEV_DROP_REQUEST = 5,  /* asked the holder (`other`) to drop the lock */
    MINI_GILEV_FORCED_WAIT = 6,   /* after dropping on request, waits until another thread has
                                     taken the lock (forced switching) */
    MINI_GILEV_EXITED = 7,        /* the thread state was deleted */
} MiniGILEventKind;

/* Why a SUSPENDED thread let the lock go. */
typedef enum {
    MINI_GILREASON_NONE = 0,
    MINI_GILREASON_DROP_REQUEST = 1,  /* a waiter asked (the switch interval passed, or a policy) */
    MINI_GILREASON_ALLOW_THREADS = 2, /* BEGIN_ALLOW_THREADS around native work */
    MINI_GILREASON_BLOCKING = 3,      /* BEGIN_ALLOW_THREADS around a blocking call (sleep, I/O, a
                                         lock wait): MiniEval_SaveThreadBlocking */
    MINI_GILREASON_EXIT = 4,          /* the thread state is being deleted */
    MINI_GILREASON_TICKS = 5,         /* the `ticks` policy's periodic release */
} MiniGILReason;

/* One transition. 24 bytes. */
typedef struct MiniGILEvent {
    uint64_t time_ns;   /* CLOCK_MONOTONIC nanoseconds (comparable with Mini_MonotonicNs) */
    uint32_t thread;    /* MiniThreadState_GetID of the thread it happened to */
    uint32_t other;     /* DROP_REQUEST: the id of the holder asked; otherwise 0 */
    uint16_t kind;      /* MiniGILEventKind */
    uint16_t reason;    /* MiniGILReason, for SUSPENDED */
    uint32_t seq;       /* position in its thread's buffer (ties keep thread order) */
} MiniGILEvent;

/* A thread that appears in a recording. */
typedef struct MiniGILRecordThread {
    uint32_t id;
    /* As MiniThreadState_SetName last set it (threading: the Thread's name), whole, NUL-terminated;
     * owned by the recorder and valid until the next MiniGILRecord_Start. */
    const char *name;
} MiniGILRecordThread;

/* Discards any previous recording and starts a new one. Needs no GIL and no runtime (it may be
 * called before Mini_Initialize). Call it while no other thread is inside the runtime (the
 * previous recording's buffers are freed). */
void MiniGILRecord_Start(void);
/* Stops recording (events already recorded are kept). Needs no GIL. */
void MiniGILRecord_Stop(void);
/* 1 while recording. */
int MiniGILRecord_IsOn(void);
/* Copies up to `capacity` events of the current or last recording into `out`, ordered by time
 * (ties in thread order), and returns how many there are in all (call with out = NULL to size the
 * array). Needs no GIL; for a consistent picture call it after MiniGILRecord_Stop. */
Mini_ssize_t MiniGILRecord_Events(MiniGILEvent *out, Mini_ssize_t capacity);
/* Copies up to `capacity` thread descriptions (in order of first appearance) and returns how
 * many there are. */
Mini_ssize_t MiniGILRecord_Threads(MiniGILRecordThread *out, Mini_ssize_t capacity);
/* Events lost because a thread's buffer reached its cap (MINI_GILRECORD_MAX_EVENTS_PER_THREAD). */
uint64_t MiniGILRecord_Lost(void);
#define MINI_GILRECORD_MAX_EVENTS_PER_THREAD (8u << 20)

/* Releases the GIL around a blocking call (sleep, socket I/O, waiting on a lock) rather than
 * around computation: as MiniEval_SaveThread, but the recording says "blocked", and the
 * `prompt` policy serves the thread promptly when it comes back. Pair it with
 * MiniEval_RestoreThread; Mini_BEGIN_BLOCKING_CALL / Mini_END_BLOCKING_CALL wrap the pair. */
MiniThreadState *MiniEval_SaveThreadBlocking(void);
#define Mini_BEGIN_BLOCKING_CALL { MiniThreadState *_mini_save; _mini_save = MiniEval_SaveThreadBlocking();
#define Mini_END_BLOCKING_CALL MiniEval_RestoreThread(_mini_save); }

/* ----- switch policies (see gil.c) ------------------------------------------------------------ */
typedef enum {
    MINI_GILPOLICY_CPYTHON = 0,  /* 3.2+: time-based interval, drop requests, forced switching */
    MINI_GILPOLICY_TICKS = 1,    /* pre-3.2: release every N check points, no forced switching */
    MINI_GILPOLICY_PROMPT = 2,   /* cpython + a thread back from a blocking call asks at once,
                                    within a budget that keeps CPU-bound threads >= 90% */
} MiniGILPolicy;
/* Sets the policy; `param` is the ticks policy's N (check points between releases; 0 = 100) and
 * is ignored by the others. Switching to prompt from another policy starts it with a full credit.
 * 0, or -1 (no exception set) for an unknown policy. Needs no GIL (takes the GIL's internal mutex
 * briefly once the runtime runs); may be called before Mini_Initialize, and the policy survives
 * Mini_Finalize. */
int MiniGIL_SetPolicy(int policy, unsigned long param);
int MiniGIL_GetPolicy(void);

/* The `prompt` policy's decisions since the runtime started (or the last MiniGIL_ResetPromptStats):
 * services granted (a thread back from a blocking call served at once), requests refused for want
 * of credit (the thread waited as under cpython), bursts of prompt services ended (a thread that
 * was not served promptly took the lock back) and the nanoseconds charged to the credit for them. */
typedef struct MiniGILPromptStats {
    uint64_t granted, refused, bursts, charged_ns;
} MiniGILPromptStats;
/* Fills *out; needs no GIL (the counts are read without a lock, each exact). */
void MiniGIL_GetPromptStats(MiniGILPromptStats *out);
/* Sets the counts to zero; needs no GIL. */
void MiniGIL_ResetPromptStats(void);

MINI_END_DECLS
#endif /* MINI_GILRECORD_H */
