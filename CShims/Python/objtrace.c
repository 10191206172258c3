/* Python/objtrace.c: where objects come from and where they went, for checked mode's reports.
 *
 * Freed-object provenance (checked mode): when refdebug.c quarantines a freed block it records
 * here, in a ring parallel to its quarantine, the object's type name and the code that freed it
 * (the caller of MiniObject_Free: the type's tp_dealloc), so "use of a freed object" and
 * "returned a freed object" can name what the object was and what freed it. With
 * EXTDEMO_CHECK_TRACE=1 (which implies checked mode) it also records the C backtrace of the free
 * (the last DECREF and the code above it), printed with the fatal message.
 *
 * Leaked objects (EXTDEMO_CHECK_TRACE=1): every object allocation records its C backtrace in a
 * table keyed by address, removed again when the object is freed. MiniRefDebug_ReportLeaks
 * lists the objects still alive that were allocated by an extension's code (a frame in a loaded
 * shared object other than the program and the system's libraries), outside its MiniInit_
 * function (modules and what their init made live as long as the module), with the allocation
 * site — as HPy's debug mode reports handles never closed. A backtrace costs microseconds, which
 * is why it is opt-in; the type name and dealloc site cost nothing worth measuring.
 * All of it runs with the GIL held (allocation and freeing do). */
#include "mini.h"
#include "objtrace_internal.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TRACE_FRAMES 12

int _Mini_ObjTraceOn;

typedef struct free_record {
    const void *block;
    char type_name[48];
    void *freed_by;                 /* the return address inside the code that called MiniObject_Free */
    int nframes;
    void *frames[TRACE_FRAMES];
} free_record;

static free_record *free_ring;
static size_t free_next;

void _MiniObjTrace_Init(void) {
    const char *v = getenv("EXTDEMO_CHECK_TRACE");
    _Mini_ObjTraceOn = v != NULL && v[0] != '\0' && strcmp(v, "0") != 0;
    if (_Mini_ObjTraceOn) Mini_SetCheckedMode(1);
}

void _MiniObjTrace_Freed(MiniObject *op, const char *type_name, void *freed_by) {
    if (free_ring == NULL) {
        free_ring = calloc(MINI_CHECKED_QUARANTINE, sizeof *free_ring);
        if (free_ring == NULL) return;
    }
    free_record *r = &free_ring[free_next];
    free_next = (free_next + 1) % MINI_CHECKED_QUARANTINE;
    r->block = op;
    snprintf(r->type_name, sizeof r->type_name, "%s", type_name != NULL ? type_name : "?");
    r->freed_by = freed_by;
    r->nframes = _Mini_ObjTraceOn ? backtrace(r->frames, TRACE_FRAMES) : 0;
}

/* "name+0xN in file" for a code address. */
static void describe_address(void *addr, char *out, size_t size) {
    Dl_info info;
    if (addr != NULL && dladdr(addr, &info) && info.dli_fname != NULL) {
        const char *base = strrchr(info.dli_fname, '/');
        base = base != NULL ? base + 1 : info.dli_fname;
        if (info.dli_sname != NULL)
            snprintf(out, size, "%s+0x%lx in %s", info.dli_sname,
                     (unsigned long)((char *)addr - (char *)info.dli_saddr), base);
        else
            snprintf(out, size, "%p in %s", addr, base);
    } else {
        snprintf(out, size, "%p", addr);
    }
}

/* Appends frames, skipping the runtime's own bookkeeping ones, as "\n  #k where" lines. */
static void append_frames(char *out, size_t size, void *const *frames, int n) {
    int shown = 0;
    for (int i = 0; i < n && strlen(out) + 96 < size; i++) {
        char where[160];
        describe_address(frames[i], where, sizeof where);
        if (strstr(where, "_MiniObjTrace_") != NULL || strstr(where, "_MiniRefDebug_") != NULL ||
            strstr(where, "MiniObject_Free+") != NULL)
            continue;
        size_t len = strlen(out);
        snprintf(out + len, size - len, "\n  #%-2d %s", shown++, where);
        if (strstr(where, "main+") == where || strstr(where, "start_thread+") != NULL) break;
    }
}

int _MiniObjTrace_DescribeFreed(const void *block, char *out, size_t size) {
    if (free_ring == NULL || size == 0) return 0;
    /* Newest first: a block can be freed, reused and freed again. */
    for (size_t k = 1; k <= MINI_CHECKED_QUARANTINE; k++) {
        free_record *r = &free_ring[(free_next + MINI_CHECKED_QUARANTINE - k) % MINI_CHECKED_QUARANTINE];
        if (r->block != block) continue;
        /* "freed by" only when the freeing code has a name (static deallocs have none). */
        Dl_info info;
        char by[200] = "";
        if (r->freed_by != NULL && dladdr(r->freed_by, &info) && info.dli_sname != NULL) {
            char where[160];
            describe_address(r->freed_by, where, sizeof where);
            snprintf(by, sizeof by, ", freed by %s", where);
        }
        snprintf(out, size, "a '%s' object%s", r->type_name, by);
        if (r->nframes > 0) {
            size_t len = strlen(out);
            snprintf(out + len, size - len, "; its last DECREF (most recent call first):");
            append_frames(out, size, r->frames, r->nframes);
        } else {
            size_t len = strlen(out);
            snprintf(out + len, size - len, "; set EXTDEMO_CHECK_TRACE=1 for the C backtrace of the free");
        }
        return 1;
    }
    return 0;
}

/* ----- allocation sites ------------------------------------------------------------------- */

typedef struct alloc_record {
    const void *block;              /* NULL: empty slot; (void *)1: deleted */
    int nframes;
    void *frames[TRACE_FRAMES];
} alloc_record;

#define DELETED ((const void *)1)
static alloc_record *table;
static size_t table_size, table_used;   /* used counts live + deleted slots */

static size_t slot_of(const void *p, size_t size) {
    uintptr_t h = (uintptr_t)p;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 7) & (size - 1);
}

static int grow(void) {
    size_t fresh_size = table_size ? table_size * 2 : 1 << 14;
    alloc_record *fresh = calloc(fresh_size, sizeof *fresh);
    if (fresh == NULL) return -1;
    size_t used = 0;
    for (size_t i = 0; i < table_size; i++) {
        if (table[i].block == NULL || table[i].block == DELETED) continue;
        size_t j = slot_of(table[i].block, fresh_size);
        while (fresh[j].block != NULL) j = (j + 1) & (fresh_size - 1);
        fresh[j] = table[i];
        used++;
    }
    free(table);
    table = fresh;
    table_size = fresh_size;
    table_used = used;
    return 0;
}

void _MiniObjTrace_Allocated(MiniObject *op) {
    if ((table_used + 1) * 2 > table_size && grow() < 0) return;
    size_t j = slot_of(op, table_size);
    while (table[j].block != NULL && table[j].block != DELETED) j = (j + 1) & (table_size - 1);
    if (table[j].block == NULL) table_used++;
    table[j].block = op;
    table[j].nframes = backtrace(table[j].frames, TRACE_FRAMES);
}

void _MiniObjTrace_Released(MiniObject *op) {
    if (table == NULL) return;
    size_t j = slot_of(op, table_size);
    while (table[j].block != NULL) {
        if (table[j].block == op) { table[j].block = DELETED; return; }
        j = (j + 1) & (table_size - 1);
    }
}

/* 1 if the frame lies in a loaded extension: a shared object that is neither the program nor a
 * system or Swift runtime library. */
static int in_extension(void *addr, int *in_init) {
    Dl_info info;
    if (!dladdr(addr, &info) || info.dli_fname == NULL) return 0;
    if (info.dli_sname != NULL && strncmp(info.dli_sname, "MiniInit_", 9) == 0) *in_init = 1;
    const char *f = info.dli_fname;
    const char *base = strrchr(f, '/');
    base = base != NULL ? base + 1 : f;
    size_t n = strlen(base);
    if (n < 3 || strcmp(base + n - 3, ".so") != 0) return 0;   /* the program itself, lib*.so.N */
    if (strncmp(base, "libswift", 8) == 0 || strncmp(base, "libFoundation", 13) == 0 ||
        strncmp(base, "libdispatch", 11) == 0 || strncmp(base, "libXCTest", 9) == 0 ||
        strncmp(base, "libBlocksRuntime", 16) == 0)
        return 0;
    return 1;
}

Mini_ssize_t MiniRefDebug_ReportLeaks(int fd) {
    if (!_Mini_ObjTraceOn || table == NULL) return 0;
    Mini_ssize_t leaks = 0;
    for (size_t i = 0; i < table_size; i++) {
        alloc_record *r = &table[i];
        if (r->block == NULL || r->block == DELETED) continue;
        int ext = 0, init = 0;
        for (int k = 0; k < r->nframes; k++) ext |= in_extension(r->frames[k], &init);
        if (!ext || init) continue;
        MiniObject *op = (MiniObject *)r->block;
        if (leaks == 0)
            dprintf(fd, "Leaked objects (checked mode, EXTDEMO_CHECK_TRACE=1): alive at exit, allocated by "
                        "extension code outside its MiniInit_ function:\n");
        leaks++;
        char text[2048] = "";
        append_frames(text, sizeof text, r->frames, r->nframes);
        dprintf(fd, "Leaked object at %p: a '%s' object with %zd reference%s, allocated at (most recent call first):%s\n",
                (void *)op, op->ob_type != NULL ? op->ob_type->tp_name : "?", Mini_REFCNT(op),
                Mini_REFCNT(op) == 1 ? "" : "s", text);
    }
    if (leaks > 0) dprintf(fd, "%zd leaked object%s\n", leaks, leaks == 1 ? "" : "s");
    return leaks;
}
