/* internal/obmalloc_internal.h: the small-object allocator (Objects/obmalloc.c), the kit's
 * counterpart of CPython's pymalloc. Core tier: object.c allocates every object of up to
 * MINI_OBMALLOC_MAX bytes here and gives it back here; nothing else should.
 *
 * Memory comes from one region of address space reserved at the first allocation, so "is this
 * block one of ours" is a subtraction and a compare (_MiniObMalloc_Owns), and a block's size class
 * is read from the header of the 16 KiB pool it sits in. Allocation pops the class's free list or
 * bumps a pointer through the class's current pool; release pushes onto the free list. The lists
 * are guarded by the GIL in GIL mode and are per thread in free-threaded mode. Sanitizer builds,
 * EXTDEMO_MALLOC=malloc and a failed reservation turn the pools off: every request then returns
 * NULL and the caller uses malloc, as before. */
#ifndef MINI_OBMALLOC_INTERNAL_H
#define MINI_OBMALLOC_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "obmalloc_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MINI_OBMALLOC_MAX 512   /* the largest block served from the pools, in bytes */

/* The reserved region: [base, base + size); size 0 while the pools are off or not yet set up. */
extern char *_MiniObMalloc_Base;
extern size_t _MiniObMalloc_Size;

/* 1 if p (any pointer) is a block of the pools. Never fails, needs no lock. */
static inline int _MiniObMalloc_Owns(const void *p) {
    return (size_t)((const char *)p - _MiniObMalloc_Base) < _MiniObMalloc_Size;
}

#define MINI_OBMALLOC_CLASSES (MINI_OBMALLOC_MAX / 16)
#define MINI_OBMALLOC_POOL ((size_t)16 * 1024)

/* One set of free lists and current pools; class k (1..MINI_OBMALLOC_CLASSES) holds blocks of
 * 16 * k bytes. GIL mode uses the shared one (under the GIL), free-threaded mode the thread's. */
typedef struct {
    void *free[MINI_OBMALLOC_CLASSES + 1];   /* blocks linked through their first word */
    char *next[MINI_OBMALLOC_CLASSES + 1];   /* the next never-used block of the current pool */
    char *end[MINI_OBMALLOC_CLASSES + 1];    /* the end of that pool */
} MiniObHeap;
extern MiniObHeap _MiniObMalloc_SharedHeap;
extern __attribute__((tls_model("initial-exec"))) _Thread_local MiniObHeap _MiniObMalloc_ThreadHeap;

static inline MiniObHeap *_MiniObMalloc_Heap(void) {
    return MINI_UNLIKELY(_Mini_FreeThreaded) ? &_MiniObMalloc_ThreadHeap : &_MiniObMalloc_SharedHeap;
}

/* Clears a recycled block of class k: the common small sizes with inline stores (a memset call
 * would cost more than the clearing), the rest with memset. */
static inline void _MiniObMalloc_Zero(void *p, size_t k) {
#if defined(__clang__) && __has_builtin(__builtin_memset_inline)
#define MINI_OBMALLOC_ZERO_CASE(n) case n: __builtin_memset_inline(p, 0, (n) * 16); return;
#else
#define MINI_OBMALLOC_ZERO_CASE(n) case n: memset(p, 0, (n) * 16); return;
#endif
    switch (k) {
    MINI_OBMALLOC_ZERO_CASE(1) MINI_OBMALLOC_ZERO_CASE(2) MINI_OBMALLOC_ZERO_CASE(3)
    MINI_OBMALLOC_ZERO_CASE(4) MINI_OBMALLOC_ZERO_CASE(5) MINI_OBMALLOC_ZERO_CASE(6)
    MINI_OBMALLOC_ZERO_CASE(7) MINI_OBMALLOC_ZERO_CASE(8)
    default: memset(p, 0, k * 16); return;
    }
#undef MINI_OBMALLOC_ZERO_CASE
}

/* The slow half of _MiniObMalloc_Alloc (obmalloc.c): the current pool, the spares, a new pool. */
void *_MiniObMalloc_AllocSlow(MiniObHeap *h, size_t k);

/* A zeroed block of at least size bytes (16-byte aligned), or NULL when size is over
 * MINI_OBMALLOC_MAX, the pools are off or the region is used up (the caller falls back to
 * malloc; no exception is set). GIL mode: needs the GIL; free-threaded: any attached thread. */
static inline void *_MiniObMalloc_Alloc(size_t size) {
    size_t k = (size + 15) >> 4;
    if (MINI_UNLIKELY(k > MINI_OBMALLOC_CLASSES)) return NULL;
    if (MINI_UNLIKELY(k == 0)) k = 1;
    MiniObHeap *h = _MiniObMalloc_Heap();
    void *p = h->free[k];
    if (MINI_LIKELY(p != NULL)) {
        h->free[k] = *(void **)p;
        _MiniObMalloc_Zero(p, k);
        return p;
    }
    return _MiniObMalloc_AllocSlow(h, k);
}

/* Gives back a block _MiniObMalloc_Alloc returned (p must satisfy _MiniObMalloc_Owns): onto the
 * free list of its class, whose number is in the header of its pool. Its memory stays with the
 * allocator for the next block of its class: the pools never go back to the system. Same locking
 * as _MiniObMalloc_Alloc. */
static inline void _MiniObMalloc_Free(void *p) {
    MiniObHeap *h = _MiniObMalloc_Heap();
    size_t k = *(const uint32_t *)((uintptr_t)p & ~(uintptr_t)(MINI_OBMALLOC_POOL - 1));
    *(void **)p = h->free[k];
    h->free[k] = p;
}

/* Free-threaded mode, thread exit: the thread's free blocks go to the shared spare lists, where
 * the next thread that runs short takes them. */
void _MiniObMalloc_ThreadExit(void);

#endif
