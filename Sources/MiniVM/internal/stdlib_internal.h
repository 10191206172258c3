/* internal/stdlib_internal.h: what MiniPy's standard-library modules (Sources/MiniVM/Modules/) share with
 * each other and with the runtime: their init functions (registered by Modules/registry.c), the
 * GIL-releasing waits every blocking call is built on (Modules/waitutil.c), the threading
 * internals concurrent.futures reuses, and SHA-512 (random.seed of a str). Private to the
 * runtime; the front-end entry points are in include/mini_stdlib.h, included here. */
#ifndef MINI_STDLIB_INTERNAL_H
#define MINI_STDLIB_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "stdlib_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"
#include "mini_stdlib.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ----- the modules' init functions (new reference to the module, or NULL with an exception) ---- */
MiniObject *MiniInit_threading(void);
MiniObject *MiniInit_time(void);
MiniObject *MiniInit_gc(void);
MiniObject *MiniInit__weakref(void);
/* gcmodule.c: the VM's unraisable-exception printer (installed at start-up) and the module's
 * state dropped at shut-down. */
void _MiniGCModule_InstallHooks(void);
void _MiniGCModule_Fini(void);
MiniObject *MiniInit_sys(void);
MiniObject *MiniInit_math(void);
MiniObject *MiniInit_random(void);
MiniObject *MiniInit__traceback(void);     /* _tracebackmodule.c (stdlib-pure): helpers of traceback.py */
MiniObject *MiniInit_pickle(void);         /* picklemodule.c (helper beyond) */
MiniObject *MiniInit_binascii(void);       /* binasciimodule.c (trust, issue 11): base64.py's C half */
MiniObject *MiniInit__mpio(void);          /* mpiomodule.c (helper beyond) */
MiniObject *MiniInit_concurrent(void);     /* the package "concurrent" (empty) */
MiniObject *MiniInit_futures(void);        /* "concurrent.futures" */
MiniObject *MiniInit_queue(void);          /* queuemodule.c */
MiniObject *MiniInit_posix(void);          /* posixmodule.c */
MiniObject *MiniInit__socket(void);        /* socketmodule.c */
MiniObject *MiniInit_select(void);         /* selectmodule.c */
MiniObject *MiniInit_struct(void);         /* structmodule.c (stdlib-re) */
MiniObject *MiniInit__re(void);            /* remodule.c + re_*.c (stdlib-re): the engine under re.py */
MiniObject *MiniInit_atexit(void);         /* atexitmodule.c */
MiniObject *MiniInit_builtins(void);       /* builtinsmodule.c (breadth): the builtins dict as a module */
/* asyncio_repr.c (breadth): the pieces of Future/Task reprs, CPython's words; new str or NULL. */
MiniObject *_MiniAsyncio_FormatCallbacks(MiniObject *callbacks);   /* cb=[...], a non-empty list */
MiniObject *_MiniAsyncio_FormatCoro(MiniObject *coro);             /* work() running at f.py:3 */
MiniObject *_MiniAsyncio_ShortRepr(MiniObject *o);                 /* reprlib.repr(o) */
MiniObject *MiniInit__signal(void);        /* signalmodule.c */
MiniObject *MiniInit__sha2(void);          /* sha2module.c: hashlib's C half */
MiniObject *MiniInit_array(void);          /* arraymodule.c (accel): array.array */
MiniObject *MiniInit__json(void);          /* jsonmodule.c (accel): json's C half */
MiniObject *MiniInit__asyncio(void);       /* _asynciomodule.c: asyncio's Future and Task */
MiniObject *MiniInit_contextvars(void);   /* contextvarsmodule.c: PEP 567's context variables */
/* The current thread's contextvars.Context, copied (asyncio's Task takes one when it is made).
 * New reference or NULL with an exception. GIL held. */
MiniObject *_MiniContext_Copy(void);
/* Makes ctx (a contextvars.Context) the thread's current context, keeping the previous one in
 * *saved for _MiniContext_Exit. 0, or -1 with RuntimeError when ctx is already entered. */
int _MiniContext_Enter(MiniObject *ctx, MiniObject **saved);
/* Undoes _MiniContext_Enter(ctx, &saved). Never fails. */
void _MiniContext_Exit(MiniObject *ctx, MiniObject *saved);
/* Adds localtime, gmtime, mktime, strftime, asctime, ctime and the zone constants to the time
 * module m (timecalendar.c). 0 / -1. */
int _MiniTime_AddCalendar(MiniObject *m);

/* ----- waiting without the GIL (waitutil.c) ----------------------------------------------------
 * Every blocking primitive of the stdlib is a MiniStdWait: a mutex and a condition variable on
 * the monotonic clock. State that waiters test lives next to it and changes only with the mutex
 * held (and, when objects are involved, the GIL too). Lock order: GIL, then a MiniStdWait mutex;
 * nobody ever asks for the GIL while holding such a mutex, so the two cannot deadlock. */
typedef struct MiniStdWait {
    pthread_mutex_t mu;
    pthread_cond_t cv;
} MiniStdWait;

/* Initialises / destroys a wait object. Init returns 0, or -1 with MemoryError set (GIL held). */
int _MiniStdWait_Init(MiniStdWait *w);
void _MiniStdWait_Destroy(MiniStdWait *w);
/* Wakes one / all threads waiting on w (locks w->mu around the signal). Needs no GIL. */
void _MiniStdWait_Signal(MiniStdWait *w);
void _MiniStdWait_Broadcast(MiniStdWait *w);

/* The predicate of a wait: called with w->mu held and WITHOUT the GIL (so it must touch no
 * object), it returns non-zero when the wait is over. It may also claim what it waited for in
 * the same breath (take a lock, decrement a count), which makes test-and-take atomic. */
typedef int (*MiniStdReadyFunc)(void *arg);

/* Flags for _MiniStdWait_Until. */
#define MINI_WAIT_NOINTR 0x1   /* ignore Ctrl-C (used to re-take a lock the caller must get back) */

/* Waits until ready(arg) is true, or timeout seconds pass (timeout < 0: no limit; 0: test once
 * without waiting). Requires the GIL: the predicate is tried first with the GIL held (the
 * uncontended case costs one mutex round trip); only if it is false does the GIL get released
 * for the wait, and taken back afterwards. On the main thread the wait wakes up every 50 ms to
 * look for Ctrl-C (as CPython's lock waits are interruptible there): a pending interrupt ends it
 * with KeyboardInterrupt, unless MINI_WAIT_NOINTR. Returns 1 (ready), 0 (timed out) or -1 (an
 * exception is set). */
int _MiniStdWait_Until(MiniStdWait *w, MiniStdReadyFunc ready, void *arg, double timeout, int flags);

/* Seconds on the monotonic clock (CLOCK_MONOTONIC), as time.monotonic(). Needs no GIL. */
double _MiniStd_Monotonic(void);
/* Sleeps secs seconds with the GIL released (secs >= 0; 0 still releases the GIL once, letting
 * another thread run, as time.sleep(0) does). Interruptible by Ctrl-C on the main thread.
 * Requires the GIL. 0, or -1 with KeyboardInterrupt set. */
int _MiniStd_Sleep(double secs);
/* Waits (GIL released) until one of nfds descriptors is ready as poll(2) reports, or timeout
 * seconds pass (< 0: no limit; 0: test once). On the main thread Ctrl-C ends the wait with
 * KeyboardInterrupt. Returns how many are ready (revents filled), 0 on timeout, -1 with an
 * exception. Requires the GIL. */
struct pollfd;
int _MiniStd_Poll(struct pollfd *fds, int nfds, double timeout);
/* The same for one descriptor and events (POLLIN / POLLOUT): 1 ready, 0 timed out, -1. */
int _MiniStd_WaitFD(int fd, int events, double timeout);
/* A descriptor operation: a non-blocking system call on arg's descriptor returning >= 0, or -1
 * with errno (EAGAIN / EWOULDBLOCK when it would block). Called without the GIL: it must touch
 * no object. */
typedef ssize_t (*MiniStdIOFunc)(void *arg);
/* Runs op until it succeeds, with the GIL released ONCE for the whole operation (blockingio.c): a
 * blocking call (MiniEval_SaveThreadBlocking) that retries after each EAGAIN once fd is ready for
 * `events` (POLLIN / POLLOUT), within timeout seconds (< 0: no limit; 0: one attempt, released
 * as ordinary native work, EAGAIN raising BlockingIOError). On the main thread Ctrl-C ends the
 * wait with KeyboardInterrupt. Requires the GIL (held again on return). op's result, or -1 with
 * an exception: TimeoutError("timed out"), OSError from errno, or what a signal handler raised. */
ssize_t _MiniStd_BlockingIO(int fd, int events, double timeout, MiniStdIOFunc op, void *arg);
/* The calling thread's identity as threading.get_ident() reports it (pthread_self()). No GIL. */
unsigned long _MiniStd_ThreadIdent(void);
/* Converts a timeout argument: None gives -1 (no limit), a number its value as a double.
 * TypeError ("must be real number, not str") for anything else. 0 / -1. Requires the GIL. */
int _MiniStd_TimeoutArg(MiniObject *obj, double *out);

/* ----- threading internals (threadingmodule.c) shared with concurrent.futures ------------------ */
extern MiniTypeObject _MiniThread_Type;            /* "threading.Thread" */
/* A new, unstarted threading.Thread calling target(*args, **kwargs) (args a tuple, kwargs a dict
 * or NULL; both borrowed) named name (borrowed str; NULL: "Thread-N (target)"); daemon -1
 * inherits the current thread's daemon flag. New reference or NULL. Requires the GIL. */
MiniObject *_MiniThreading_NewThread(MiniObject *target, MiniObject *args, MiniObject *kwargs,
                                     MiniObject *name, int daemon);
/* thread.start(): 0, or -1 with RuntimeError. Requires the GIL (released while the new thread
 * starts up). */
int _MiniThreading_Start(MiniObject *thread);
/* thread.join(timeout) (timeout < 0: no limit). 0, or -1 with an exception. Requires the GIL. */
int _MiniThreading_Join(MiniObject *thread, double timeout);
/* Registers fn to run at the start of _MiniThreading_JoinAll (with the GIL held), as CPython's
 * threading._register_atexit. At most 8 hooks; registering the same fn twice is a no-op. 0 / -1.
 * Needs no GIL. */
int _MiniThreading_RegisterAtExit(void (*fn)(void));
/* Restarts concurrent.futures' executor numbering ("ThreadPoolExecutor-0") for a new run. */
void _MiniFutures_ResetForRun(void);
/* 1 once _MiniThreading_JoinAll has started (concurrent.futures refuses new work then). */
int _MiniThreading_ShuttingDown(void);

/* ----- threading synchronisation types (threadsync.c, threadlocks.c) -------------------------- */
extern MiniTypeObject _MiniLock_Type;              /* "_thread.lock" (threading.Lock) */
extern MiniTypeObject _MiniRLock_Type;             /* "_thread.RLock" */
extern MiniTypeObject _MiniCondition_Type;         /* "threading.Condition" */
extern MiniTypeObject _MiniEvent_Type;             /* "threading.Event" */
extern MiniTypeObject _MiniSemaphore_Type;         /* "threading.Semaphore" */
extern MiniTypeObject _MiniBoundedSemaphore_Type;  /* "threading.BoundedSemaphore" */
extern MiniTypeObject _MiniBarrier_Type;           /* "threading.Barrier" */
/* Adds Lock, RLock (threadlocks.c) / Condition, Event, Semaphore, BoundedSemaphore, Barrier and
 * BrokenBarrierError (threadsync.c) to the threading module. 0 / -1. Requires the GIL. */
int _MiniThreadLocks_AddToModule(MiniObject *m);
int _MiniThreadSync_AddToModule(MiniObject *m);

/* The lock protocol Condition uses on its lock (threadlocks.c): for Lock and RLock objects these
 * work on the C state directly; for any other object they call its acquire()/release() methods.
 * is_owned: 1 / 0 / -1. release_save: releases completely (an RLock whatever its depth) and
 * stores what acquire_restore needs in *state; 0 / -1. acquire_restore: blocks (GIL released)
 * until the lock is held again as before; 0 / -1. All require the GIL. */
int _MiniLock_IsOwned(MiniObject *lock);
int _MiniLock_ReleaseSave(MiniObject *lock, unsigned long *state);
int _MiniLock_AcquireRestore(MiniObject *lock, unsigned long state);

/* ----- array (arraymodule.c) ----------------------------------------------------------------------- */

/* a += b (multiply 0) or a *= b (multiply 1) in place on an array.array: a new reference to a,
 * NULL with CPython's TypeError/BufferError; NULL without an exception when a is not an array.
 * Takes the array's critical section. */
MiniObject *_MiniArray_InPlaceOp(MiniObject *a, MiniObject *b, int multiply);

/* ----- threading additions (threadextra.c): local, Timer, excepthook ---------------------------- */
/* Adds local, Timer, excepthook and __excepthook__ to the threading module. 0 / -1. GIL. */
int _MiniThreadExtra_AddToModule(MiniObject *m);
/* Passes an exception that escaped thread.run() (exc borrowed) to threading.excepthook, as
 * CPython's _make_invoke_excepthook does; never fails (problems are printed). GIL. */
void _MiniThreading_ReportException(MiniObject *thread, MiniObject *exc);
/* Drops the attribute dicts the ending thread (ident) had in every threading.local. GIL. */
void _MiniThreadLocal_ThreadExit(unsigned long ident);
/* args as a tuple (a tuple itself, or any iterable copied). New reference or NULL. GIL. */
MiniObject *_MiniThreading_AsTuple(MiniObject *args);

/* ----- operating-system errors and paths (posixmodule.c) -------------------------------------- */
/* Raises the OSError subclass CPython uses for errno err ("[Errno 2] No such file or directory"
 * and ": 'name'" when filename, borrowed, is not NULL). Always returns NULL. GIL. */
MiniObject *_MiniStd_OSErrorFromErrno(int err, MiniObject *filename);
/* os.fspath(path): str or bytes as is, else path.__fspath__(); TypeError otherwise. New
 * reference or NULL. GIL. */
MiniObject *_MiniStd_FSPath(MiniObject *path);

/* Adds the builtins this part of the stdlib provides (open, as io.open) to the VM's builtins,
 * skipping names already there. Called by MiniVM_Init after the library builtins. 0 / -1. GIL. */
int _MiniStdlib_AddBuiltins(void);

/* ----- named tuples (structseq.c) ---------------------------------------------------------------- */
/* The description of a kind of named tuple: its name and field names (static storage). */
typedef struct MiniStdStructSeqDesc {
    const char *name;               /* shown by repr: "sys.version_info" */
    const char *const *fields;
    int nfields;
} MiniStdStructSeqDesc;
/* A named tuple of kind desc holding the values of tuple (stolen; it must have desc->nfields
 * items). New reference, or NULL with an exception (the tuple is released then too). */
MiniObject *_MiniStd_StructSeq_New(const MiniStdStructSeqDesc *desc, MiniObject *tuple);

/* ----- SHA-512 (sha512.c), for random.seed(str) ------------------------------------------------ */
void _MiniStd_SHA512(const void *data, size_t len, unsigned char digest[64]);
/* Mixes nblocks consecutive 128-byte blocks into the chaining value h (hashlib's sha384/sha512). */
void _MiniStd_SHA512Blocks(uint64_t h[8], const unsigned char *data, size_t nblocks);
/* MD5 and SHA-1 block functions (md5sha1.c): mix nblocks 64-byte blocks into h (4 / 5 words). */
void _MiniStd_MD5Blocks(uint32_t h[4], const unsigned char *data, size_t nblocks);
void _MiniStd_SHA1Blocks(uint32_t h[5], const unsigned char *data, size_t nblocks);

#endif /* MINI_STDLIB_INTERNAL_H */
