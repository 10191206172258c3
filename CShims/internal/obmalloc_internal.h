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

#include <stddef.h>
#include <stdint.h>

#define MINI_OBMALLOC_MAX 512   /* the largest block served from the pools, in bytes */

/* The reserved region: [base, base + size); size 0 while the pools are off or not yet set up. */
extern char *_MiniObMalloc_Base;
extern size_t _MiniObMalloc_Size;

/* 1 if p (any pointer) is a block of the pools. Never fails, needs no lock. */
static inline int _MiniObMalloc_Owns(const void *p) {
    return (size_t)((const char *)p - _MiniObMalloc_Base) < _MiniObMalloc_Size;
}

/* A zeroed block of at least size bytes (16-byte aligned), or NULL when size is over
 * MINI_OBMALLOC_MAX, the pools are off or the region is used up (the caller falls back to
 * malloc; no exception is set). GIL mode: needs the GIL; free-threaded: any attached thread. */
void *_MiniObMalloc_Alloc(size_t size);

/* Gives back a block _MiniObMalloc_Alloc returned (p must satisfy _MiniObMalloc_Owns). Its
 * memory stays with the allocator for the next block of its class: the pools never go back to
 * the system. Same locking as _MiniObMalloc_Alloc. */
void _MiniObMalloc_Free(void *p);

/* Free-threaded mode, thread exit: the thread's free blocks go to the shared spare lists, where
 * the next thread that runs short takes them. */
void _MiniObMalloc_ThreadExit(void);

#endif
