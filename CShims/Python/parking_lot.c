/* Python/parking_lot.c: the parking lot (after WebKit's WTF::ParkingLot and CPython's
 * Python/parking_lot.c, written for this kit).
 *
 * A MiniMutex is one byte, too small to hold a wait queue or a futex word. So waiting threads do
 * not sleep "in" the mutex: they sleep in this table, keyed by the mutex's address. The table is
 * a fixed array of buckets; an address hashes to one bucket, which holds a pthread mutex and a
 * FIFO queue of the threads parked on any address of that bucket. Each parked thread waits on
 * its own condition variable, allocated on its own stack, so a wake-up wakes exactly one thread.
 *
 * The protocol that keeps wake-ups from being lost: a parker re-checks the byte under the bucket
 * lock before it sleeps, and an unparker updates the byte (through its callback) under the same
 * lock. Either the parker sees the new value and returns MINI_PARK_AGAIN, or it is already in the
 * queue when the unparker looks. Collisions of several addresses in one bucket cost only a
 * slightly longer queue walk.
 */
#include "parking_lot_internal.h"

#include <pthread.h>
#include <stdlib.h>

#define BUCKETS 257   /* a prime: addresses are multiples of small powers of two */

typedef struct Waiter {
    struct Waiter *next;
    const uint8_t *addr;
    void *park_arg;
    int woken;                  /* set by the unparker under the bucket lock */
    pthread_cond_t cond;
} Waiter;

typedef struct Bucket {
    pthread_mutex_t mutex;
    Waiter *head, *tail;        /* FIFO: park at the tail, wake from the front */
} Bucket;

static Bucket buckets[BUCKETS];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void init_buckets(void) {
    for (int i = 0; i < BUCKETS; i++) {
        pthread_mutex_init(&buckets[i].mutex, NULL);
        buckets[i].head = buckets[i].tail = NULL;
    }
}

static Bucket *bucket_for(const uint8_t *addr) {
    pthread_once(&buckets_once, init_buckets);
    return &buckets[((uintptr_t)addr >> 1) % BUCKETS];
}

static void enqueue(Bucket *b, Waiter *w) {
    w->next = NULL;
    if (b->tail != NULL) b->tail->next = w; else b->head = w;
    b->tail = w;
}

/* Unlinks and returns the first waiter on addr (NULL if none); *has_more says whether another
 * waiter on addr stays queued behind it. */
static Waiter *dequeue(Bucket *b, const uint8_t *addr, int *has_more) {
    Waiter *prev = NULL, *w = b->head;
    while (w != NULL && w->addr != addr) { prev = w; w = w->next; }
    *has_more = 0;
    if (w == NULL) return NULL;
    if (prev != NULL) prev->next = w->next; else b->head = w->next;
    if (b->tail == w) b->tail = prev;
    for (Waiter *r = w->next; r != NULL; r = r->next)
        if (r->addr == addr) { *has_more = 1; break; }
    return w;
}

int _MiniParkingLot_Park(const uint8_t *addr, uint8_t expected, void *park_arg) {
    Bucket *b = bucket_for(addr);
    pthread_mutex_lock(&b->mutex);
    if (__atomic_load_n(addr, __ATOMIC_RELAXED) != expected) {
        pthread_mutex_unlock(&b->mutex);
        return MINI_PARK_AGAIN;
    }
    Waiter w = { .addr = addr, .park_arg = park_arg, .woken = 0 };
    pthread_cond_init(&w.cond, NULL);
    enqueue(b, &w);
    while (!w.woken) pthread_cond_wait(&w.cond, &b->mutex);
    pthread_mutex_unlock(&b->mutex);
    pthread_cond_destroy(&w.cond);
    return MINI_PARK_OK;
}

void _MiniParkingLot_Unpark(const uint8_t *addr,
                            void (*fn)(void *arg, void *park_arg, int has_more), void *arg) {
    Bucket *b = bucket_for(addr);
    int has_more;
    pthread_mutex_lock(&b->mutex);
    Waiter *w = dequeue(b, addr, &has_more);
    fn(arg, w != NULL ? w->park_arg : NULL, has_more);
    if (w != NULL) {
        w->woken = 1;
        /* Signalled under the lock: the waiter cannot return (and destroy its stack-allocated
         * condition variable) before we let the bucket lock go. */
        pthread_cond_signal(&w->cond);
    }
    pthread_mutex_unlock(&b->mutex);
}

void _MiniParkingLot_AfterFork(void) {
    pthread_once(&buckets_once, init_buckets);
    init_buckets();
}
