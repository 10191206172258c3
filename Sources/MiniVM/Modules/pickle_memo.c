/* modules/pickle_memo.c: the pickler's memo table (declared in pickle_internal.h): object address
 * -> memo index with a strong reference to each object, as CPython's PyMemoTable. Two things make
 * it cheap for pickle.dumps, which builds and drops a memo per call: slots carry a generation
 * number, so emptying the table bumps the number instead of zeroing it, and a released one-shot
 * table is kept as the calling thread's spare (up to SPARE_MAX_SLOTS slots) for the next dumps,
 * so a warm caller allocates nothing. Grows by doubling at half full. Callers hold the GIL (or,
 * free-threaded, are attached); the spare is per thread, so no lock is needed. */
#include "stdlib_internal.h"
#include "pickle_internal.h"

#include <stdlib.h>
#include <string.h>

#define FIRST_SLOTS 64
#define FIRST_OBJS 32
#define SPARE_MAX_SLOTS 8192

/* The calling thread's spare table (slots and objs arrays), or empty. */
static MINI_THREAD_LOCAL _MiniPickleMemo spare;

void _MiniPickleMemo_Init(_MiniPickleMemo *m, int pooled) {
    memset(m, 0, sizeof *m);
    m->gen = 1;
    m->pooled = pooled;
    if (pooled && spare.slots != NULL) {
        *m = spare;
        m->pooled = 1;
        memset(&spare, 0, sizeof spare);
    }
}

/* Re-inserts the live entries of the old table into a table twice as big (or makes the first). */
static int memo_grow(_MiniPickleMemo *m) {
    Mini_ssize_t nslots = m->nslots ? m->nslots * 2 : FIRST_SLOTS;
    _MiniPickleMemoSlot *slots = calloc((size_t)nslots, sizeof *slots);
    if (slots == NULL) { MiniErr_NoMemory(); return -1; }
    size_t mask = (size_t)nslots - 1;
    for (Mini_ssize_t j = 0; j < m->count; j++) {   /* objs[j] has index j */
        size_t i = _MiniPickleMemo_Hash(m->objs[j]) & mask;
        while (slots[i].gen == 1) i = (i + 1) & mask;
        slots[i].key = m->objs[j];
        slots[i].value = j;
        slots[i].gen = 1;
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = nslots;
    m->gen = 1;
    return 0;
}

static int objs_grow(_MiniPickleMemo *m) {
    Mini_ssize_t cap = m->cap ? m->cap * 2 : FIRST_OBJS;
    MiniObject **objs = realloc(m->objs, (size_t)cap * sizeof *objs);
    if (objs == NULL) { MiniErr_NoMemory(); return -1; }
    m->objs = objs;
    m->cap = cap;
    return 0;
}

int _MiniPickleMemo_Put(_MiniPickleMemo *m, MiniObject *o) {
    if ((m->count + 1) * 2 > m->nslots && memo_grow(m) < 0) return -1;
    if (m->count == m->cap && objs_grow(m) < 0) return -1;
    size_t mask = (size_t)m->nslots - 1, i = _MiniPickleMemo_Hash(o) & mask;
    while (m->slots[i].gen == m->gen) i = (i + 1) & mask;
    m->slots[i].key = o;
    m->slots[i].value = m->count;
    m->slots[i].gen = m->gen;
    m->objs[m->count++] = Mini_NewRef(o);
    return 0;
}

void _MiniPickleMemo_Clear(_MiniPickleMemo *m) {
    Mini_ssize_t n = m->count;
    m->count = 0;
    m->gen++;                      /* every slot is empty now */
    for (Mini_ssize_t i = 0; i < n; i++) Mini_DECREF(m->objs[i]);   /* may run __del__: table already empty */
}

void _MiniPickleMemo_Release(_MiniPickleMemo *m) {
    _MiniPickleMemo_Clear(m);
    if (m->pooled && spare.slots == NULL && m->nslots <= SPARE_MAX_SLOTS && m->slots != NULL) {
        spare = *m;
    } else {
        free(m->slots);
        free(m->objs);
    }
    memset(m, 0, sizeof *m);
    m->gen = 1;
}
