/* Objects/obmalloc.c: the small-object allocator, the kit's counterpart of CPython's pymalloc.
 *
 * Why. A Python program makes and drops objects all the time: a float per arithmetic step, a
 * frame-sized generator per call of a generator function, an iterator per loop, a bound method
 * per call. malloc/calloc/free cost 60-100 instructions a pair, plus malloc_usable_size to file a
 * freed block, and spread objects over memory. Profiles of pyperformance programs showed a fifth
 * of all instructions in allocating and freeing (async_generators: about 250 per object).
 *
 * How. At the first allocation the allocator reserves one large region of address space
 * (MAP_NORESERVE: pages cost memory only once touched). The region is cut, from the bottom up,
 * into 16 KiB pools; a pool serves one size class (16, 32, ... 512 bytes) and says which in its
 * 16-byte header. So:
 *   - "is this block ours" is base <= p < base + size (obmalloc_internal.h, inline);
 *   - a block's class is in the header of its pool: p rounded down to 16 KiB;
 *   - allocation pops the class's free list, or else takes the next block of the class's current
 *     pool (fresh pages are already zero, so only recycled blocks are cleared), or else cuts a new
 *     pool from the region (one atomic add);
 *   - release pushes the block on its class's free list: no size lookup, no call.
 * Pools are never returned to the system, and a pool never changes class: the memory a program
 * used for small objects stays with it for its next small objects (CPython frees an arena only
 * when every pool in it is empty, which long-lived objects usually prevent anyway).
 *
 * Threads. In GIL mode one set of lists serves everybody, guarded by the GIL (like every
 * allocation). In free-threaded mode each thread has its own lists and current pools, so the hot
 * path takes no lock; a block freed by another thread simply joins that thread's list. When a
 * thread exits, its free blocks and the unused tails of its current pools go to shared spare lists
 * (under a mutex), which a thread that runs short of a class drains before cutting a new pool.
 *
 * Off. Under AddressSanitizer or ThreadSanitizer (which must see every block), with
 * EXTDEMO_MALLOC=malloc (for valgrind's memcheck, like PYTHONMALLOC=malloc) and when the
 * reservation fails, the pools are off: _MiniObMalloc_Alloc returns NULL and the caller uses
 * malloc. Checked mode never asks (its quarantine needs malloc's blocks). */
#include "obmalloc_internal.h"
#include "mini.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__has_feature)
#  if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#    define OBMALLOC_SANITIZED 1
#  endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#  define OBMALLOC_SANITIZED 1
#endif

#define POOL_SIZE MINI_OBMALLOC_POOL
#define POOL_HEADER 16
#define NCLASSES MINI_OBMALLOC_CLASSES
#define REGION_SIZE ((size_t)8 << 30)   /* 8 GiB of address space: 524,288 pools */

char *_MiniObMalloc_Base;
size_t _MiniObMalloc_Size;

/* The first word of a pool: its size class (read by _MiniObMalloc_Free). */
typedef struct { uint32_t size_class; uint32_t unused[3]; } PoolHeader;
typedef MiniObHeap Heap;

Heap _MiniObMalloc_SharedHeap;                                                      /* GIL mode */
__attribute__((tls_model("initial-exec"))) _Thread_local Heap _MiniObMalloc_ThreadHeap;   /* free-threaded */
#define thread_heap _MiniObMalloc_ThreadHeap

static char *region_next;                /* the first pool not yet cut; atomic */
static char *region_end;
static pthread_once_t reserve_once = PTHREAD_ONCE_INIT;

/* Free-threaded: what exited threads left, per class: free blocks, and unused pool tails (a
 * tail's first two words hold the next tail and its end). Guarded by spare_mutex. */
static pthread_mutex_t spare_mutex = PTHREAD_MUTEX_INITIALIZER;
static void *spare_blocks[NCLASSES + 1];
static void *spare_tails[NCLASSES + 1];

static void reserve_region(void) {
#ifdef OBMALLOC_SANITIZED
    return;
#else
    const char *env = getenv("EXTDEMO_MALLOC");
    if (env != NULL && strcmp(env, "malloc") == 0) return;
    void *r = mmap(NULL, REGION_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (r == MAP_FAILED) return;
    char *first = (char *)(((uintptr_t)r + POOL_SIZE - 1) & ~(uintptr_t)(POOL_SIZE - 1));
    region_next = first;
    region_end = (char *)r + REGION_SIZE;
    _MiniObMalloc_Base = r;
    __atomic_store_n(&_MiniObMalloc_Size, REGION_SIZE, __ATOMIC_RELEASE);
#endif
}

/* Free-threaded: refills h's list or current pool of class k from the spares; 1 if it did. */
static int take_spares(Heap *h, size_t k) {
    int got = 0;
    pthread_mutex_lock(&spare_mutex);
    if (spare_blocks[k] != NULL) {
        h->free[k] = spare_blocks[k];
        spare_blocks[k] = NULL;
        got = 1;
    } else if (spare_tails[k] != NULL) {
        char *tail = spare_tails[k];
        spare_tails[k] = ((void **)tail)[0];
        h->next[k] = tail;
        h->end[k] = ((char **)tail)[1];
        memset(tail, 0, 16);   /* the two words the link used: the tail's blocks must be zero */
        got = 1;
    }
    pthread_mutex_unlock(&spare_mutex);
    return got;
}

/* Cuts a new pool for class k from the region; 0 when the region is used up or off. */
static int new_pool(Heap *h, size_t k) {
    if (__atomic_load_n(&_MiniObMalloc_Size, __ATOMIC_ACQUIRE) == 0) return 0;
    char *pool = __atomic_fetch_add(&region_next, POOL_SIZE, __ATOMIC_RELAXED);
    if (pool + POOL_SIZE > region_end) return 0;
    ((PoolHeader *)pool)->size_class = (uint32_t)k;
    h->next[k] = pool + POOL_HEADER;
    h->end[k] = pool + POOL_SIZE;
    return 1;
}

void *_MiniObMalloc_AllocSlow(Heap *h, size_t k) {
    (void)pthread_once(&reserve_once, reserve_region);
    size_t bytes = k * 16;
    for (;;) {
        if (h->next[k] != NULL && h->next[k] + bytes <= h->end[k]) {
            void *p = h->next[k];
            h->next[k] += bytes;
            return p;   /* never used: zero since the page was mapped */
        }
        if (h->free[k] != NULL) {
            void *p = h->free[k];
            h->free[k] = *(void **)p;
            _MiniObMalloc_Zero(p, k);
            return p;
        }
        if (h == &thread_heap && take_spares(h, k)) continue;
        if (!new_pool(h, k)) return NULL;
    }
}

void _MiniObMalloc_ThreadExit(void) {
    Heap *h = &thread_heap;
    pthread_mutex_lock(&spare_mutex);
    for (size_t k = 1; k <= NCLASSES; k++) {
        if (h->free[k] != NULL) {
            void **last = h->free[k];
            while (*last != NULL) last = *last;
            *last = spare_blocks[k];
            spare_blocks[k] = h->free[k];
            h->free[k] = NULL;
        }
        if (h->next[k] != NULL && h->next[k] + k * 16 <= h->end[k]) {
            char *tail = h->next[k];
            ((void **)tail)[0] = spare_tails[k];
            ((char **)tail)[1] = h->end[k];
            spare_tails[k] = tail;
        }
        h->next[k] = h->end[k] = NULL;
    }
    pthread_mutex_unlock(&spare_mutex);
}
