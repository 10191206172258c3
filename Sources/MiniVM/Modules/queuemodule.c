/* Modules/queuemodule.c: the `queue` module: Queue (FIFO), LifoQueue, PriorityQueue, SimpleQueue
 * and the exceptions Empty and Full, with CPython 3.11's behaviour and messages.
 *
 * CPython writes Queue in Python over a Lock and three Conditions. Here each queue is a C object:
 * its items live in a C array (a ring for FIFO, a stack for LIFO, a binary heap ordered by `<` for
 * PriorityQueue) and every blocking call waits on the queue's MiniStdWait (waitutil.c), so a
 * thread blocked in put(), get() or join() never holds the GIL, the wait honours its timeout on
 * the monotonic clock, and on the main thread Ctrl-C ends it with KeyboardInterrupt.
 *
 * Counting discipline (the predicates run without the GIL, so they see C integers only):
 *   avail       items stored and not yet claimed by a get()        (guarded by w.mu)
 *   slots       items stored plus put()s that claimed room          (guarded by w.mu)
 *   unfinished  put()s not yet matched by task_done()               (guarded by w.mu)
 * get() claims an item (avail--) inside its wait predicate, then removes one with the GIL held;
 * put() claims room (slots++) the same way, then stores its item and publishes it (avail++). The
 * array itself changes only with the GIL held. A PriorityQueue's `<` may run Python code that
 * lets the GIL go mid-operation, so heap operations also take the queue's `busy` flag. */
#include "stdlib_internal.h"

#include <stdlib.h>
#include <string.h>

enum { Q_FIFO, Q_LIFO, Q_PRIORITY };

typedef struct {
    MiniObject_HEAD
    MiniStdWait w;
    int ready;                 /* w initialised */
    int kind;                  /* Q_FIFO, Q_LIFO or Q_PRIORITY (fixed by the type) */
    Mini_ssize_t maxsize;      /* <= 0: unbounded */
    MiniObject **items;        /* owned references (GIL) */
    Mini_ssize_t cap, head, len;   /* ring buffer for FIFO; head stays 0 for LIFO / heap */
    Mini_ssize_t avail, slots, unfinished;  /* guarded by w.mu */
    int busy;                  /* a heap operation is under way (guarded by w.mu) */
    MiniObject *dict;
} QueueObject;

#define Q(op) ((QueueObject *)(op))

static MiniObject *Empty, *Full;   /* the exception classes (owned; made once) */
static MiniTypeObject Queue_Type, LifoQueue_Type, PriorityQueue_Type, SimpleQueue_Type;

/* ----- storage (GIL held) --------------------------------------------------------------------- */

/* Makes room for one more item. 0, or -1 with MemoryError. */
static int store_grow(QueueObject *q) {
    if (q->len < q->cap) return 0;
    Mini_ssize_t ncap = q->cap ? q->cap * 2 : 16;
    MiniObject **n = malloc((size_t)ncap * sizeof *n);
    if (n == NULL) { MiniErr_NoMemory(); return -1; }
    for (Mini_ssize_t i = 0; i < q->len; i++) n[i] = q->items[(q->head + i) % (q->cap ? q->cap : 1)];
    free(q->items);
    q->items = n;
    q->cap = ncap;
    q->head = 0;
    return 0;
}

/* 1 if a < b, 0 if not, -1 with an exception. Holds its own references across the comparison,
 * which may run Python code. */
static int less(MiniObject *a, MiniObject *b) {
    Mini_INCREF(a); Mini_INCREF(b);
    int r = MiniObject_RichCompareBool(a, b, Mini_LT);
    Mini_DECREF(a); Mini_DECREF(b);
    return r;
}

/* Heap order after appending at index pos (item is items[pos]). 0 / -1. */
static int heap_sift_up(QueueObject *q, Mini_ssize_t pos) {
    while (pos > 0) {
        Mini_ssize_t parent = (pos - 1) / 2;
        int r = less(q->items[pos], q->items[parent]);
        if (r < 0) return -1;
        if (!r) break;
        MiniObject *t = q->items[pos]; q->items[pos] = q->items[parent]; q->items[parent] = t;
        pos = parent;
    }
    return 0;
}

/* Heap order after the root was replaced. 0 / -1. */
static int heap_sift_down(QueueObject *q) {
    Mini_ssize_t pos = 0;
    for (;;) {
        Mini_ssize_t child = 2 * pos + 1, best = pos;
        if (child >= q->len) break;
        int r = less(q->items[child], q->items[best]);
        if (r < 0) return -1;
        if (r) best = child;
        if (child + 1 < q->len) {
            r = less(q->items[child + 1], q->items[best]);
            if (r < 0) return -1;
            if (r) best = child + 1;
        }
        if (best == pos) break;
        MiniObject *t = q->items[pos]; q->items[pos] = q->items[best]; q->items[best] = t;
        pos = best;
    }
    return 0;
}

static int claim_busy(void *arg) {
    QueueObject *q = arg;
    if (q->busy) return 0;
    q->busy = 1;
    return 1;
}

static void release_busy(QueueObject *q) {
    pthread_mutex_lock(&q->w.mu);
    q->busy = 0;
    pthread_cond_broadcast(&q->w.cv);
    pthread_mutex_unlock(&q->w.mu);
}

/* Stores item (a new reference is taken) and sets *stored. 0, or -1 with an exception: MemoryError
 * with nothing stored, or a failed heap comparison with the item stored anyway (as CPython's
 * heappush leaves it appended). */
static int store_put(QueueObject *q, MiniObject *item, int *stored) {
    *stored = 0;
    if (store_grow(q) < 0) return -1;
    if (q->kind == Q_PRIORITY) (void)_MiniStdWait_Until(&q->w, claim_busy, q, -1, MINI_WAIT_NOINTR);
    Mini_ssize_t at = q->kind == Q_FIFO ? (q->head + q->len) % q->cap : q->len;
    q->items[at] = Mini_NewRef(item);
    q->len++;
    *stored = 1;
    int r = 0;
    if (q->kind == Q_PRIORITY) {
        r = heap_sift_up(q, q->len - 1);
        release_busy(q);
    }
    return r;
}

/* Removes and returns the next item (new reference); the caller has claimed one, so there is
 * one. *err becomes -1 when a heap comparison failed (the item is still returned). */
static MiniObject *store_get(QueueObject *q, int *err) {
    *err = 0;
    MiniObject *item;
    if (q->kind == Q_FIFO) {
        item = q->items[q->head];
        q->head = (q->head + 1) % q->cap;
        q->len--;
        return item;
    }
    if (q->kind == Q_LIFO) return q->items[--q->len];
    /* NOINTR: this wait only ends with the flag taken. */
    (void)_MiniStdWait_Until(&q->w, claim_busy, q, -1, MINI_WAIT_NOINTR);
    item = q->items[0];
    q->len--;
    if (q->len > 0) {
        q->items[0] = q->items[q->len];
        if (heap_sift_down(q) < 0) *err = -1;
    }
    release_busy(q);
    return item;
}

/* ----- predicates (w.mu held, no GIL) --------------------------------------------------------- */

static int claim_item(void *arg) {
    QueueObject *q = arg;
    if (q->avail <= 0) return 0;
    q->avail--;
    return 1;
}

static int claim_slot(void *arg) {
    QueueObject *q = arg;
    if (q->maxsize > 0 && q->slots >= q->maxsize) return 0;
    q->slots++;
    return 1;
}

static int all_done(void *arg) { return Q(arg)->unfinished == 0; }

/* ----- object life ---------------------------------------------------------------------------- */

static MiniObject *queue_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    QueueObject *q = (QueueObject *)MiniObject_New(type);
    if (q == NULL) return NULL;
    if (_MiniStdWait_Init(&q->w) < 0) { Mini_DECREF(q); return NULL; }
    q->ready = 1;
    MiniTypeObject *t = type;
    while (t != NULL && t != &LifoQueue_Type && t != &PriorityQueue_Type) t = t->tp_base;
    q->kind = t == &LifoQueue_Type ? Q_LIFO : t == &PriorityQueue_Type ? Q_PRIORITY : Q_FIFO;
    return (MiniObject *)q;
}

static void store_clear(QueueObject *q) {
    MiniObject **items = q->items;
    Mini_ssize_t cap = q->cap, head = q->head, len = q->len;
    q->items = NULL;
    q->cap = q->head = q->len = 0;
    for (Mini_ssize_t i = 0; i < len; i++) Mini_DECREF(items[(head + i) % cap]);
    free(items);
}

static void queue_dealloc(MiniObject *op) {
    QueueObject *q = Q(op);
    store_clear(q);
    Mini_CLEAR(q->dict);
    if (q->ready) _MiniStdWait_Destroy(&q->w);
    MiniObject_Free(op);
}

/* The cycle collector's slots: the stored items and the instance dict (a queue holding an object
 * that refers back to it is a cycle). Clearing empties the store and its counts (no thread can be
 * waiting on a queue nothing else refers to). */
static int queue_traverse(MiniObject *op, Mini_visitproc visit, void *arg) {
    QueueObject *q = Q(op);
    for (Mini_ssize_t i = 0; i < q->len; i++) Mini_VISIT(q->items[(q->head + i) % q->cap]);
    Mini_VISIT(q->dict);
    return 0;
}

static int queue_clear(MiniObject *op) {
    QueueObject *q = Q(op);
    if (q->ready) {
        pthread_mutex_lock(&q->w.mu);
        q->avail = q->slots = 0;
        pthread_mutex_unlock(&q->w.mu);
    }
    store_clear(q);
    Mini_CLEAR(q->dict);
    return 0;
}

/* Queue(maxsize=0) */
static int queue_init(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"maxsize", NULL};
    Mini_ssize_t maxsize = 0;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|n:Queue", keywords, &maxsize)) return -1;
    QueueObject *q = Q(op);
    store_clear(q);
    pthread_mutex_lock(&q->w.mu);
    q->maxsize = maxsize;
    q->avail = q->slots = q->unfinished = 0;
    pthread_mutex_unlock(&q->w.mu);
    return 0;
}

/* ----- put / get ------------------------------------------------------------------------------ */

/* The wait for (block, timeout) as CPython's Queue computes it: -1 without limit, 0 one try.
 * 0, or -1 with ValueError for a negative timeout. */
static int wait_for(int block, MiniObject *timeout, double *wait) {
    if (!block) { *wait = 0; return 0; }
    if (timeout == NULL || timeout == Mini_None) { *wait = -1; return 0; }
    if (_MiniStd_TimeoutArg(timeout, wait) < 0) return -1;
    if (*wait < 0) {
        MiniErr_SetString(MiniExc_ValueError, "'timeout' must be a non-negative number");
        return -1;
    }
    return 0;
}

/* Shared by Queue.put and SimpleQueue.put. None, or NULL with Full / an exception. */
static MiniObject *do_put(QueueObject *q, MiniObject *item, double wait) {
    int r = _MiniStdWait_Until(&q->w, claim_slot, q, wait, 0);
    if (r < 0) return NULL;
    if (r == 0) { MiniErr_SetNone(Full); return NULL; }
    int stored;
    int err = store_put(q, item, &stored);
    pthread_mutex_lock(&q->w.mu);
    if (!stored) {
        q->slots--;                        /* nothing was stored: give the room back */
    } else {
        q->avail++;
        q->unfinished++;
    }
    pthread_cond_broadcast(&q->w.cv);
    pthread_mutex_unlock(&q->w.mu);
    return err < 0 ? NULL : Mini_NewRef(Mini_None);
}

/* Shared by Queue.get and SimpleQueue.get. New reference, or NULL with Empty / an exception. */
static MiniObject *do_get(QueueObject *q, double wait) {
    int r = _MiniStdWait_Until(&q->w, claim_item, q, wait, 0);
    if (r < 0) return NULL;
    if (r == 0) { MiniErr_SetNone(Empty); return NULL; }
    int err;
    MiniObject *item = store_get(q, &err);
    pthread_mutex_lock(&q->w.mu);
    q->slots--;
    pthread_cond_broadcast(&q->w.cv);
    pthread_mutex_unlock(&q->w.mu);
    if (err < 0) { Mini_DECREF(item); return NULL; }
    return item;
}

/* put(item, block=True, timeout=None) */
static MiniObject *queue_put(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"item", "block", "timeout", NULL};
    MiniObject *item, *timeout = Mini_None;
    int block = 1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|pO:put", keywords, &item, &block, &timeout)) return NULL;
    double wait;
    if (wait_for(block, timeout, &wait) < 0) return NULL;
    return do_put(Q(op), item, wait);
}

/* put_nowait(item): put(item, False) */
static MiniObject *queue_put_nowait(MiniObject *op, MiniObject *item) { return do_put(Q(op), item, 0); }

/* get(block=True, timeout=None) */
static MiniObject *queue_get(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"block", "timeout", NULL};
    MiniObject *timeout = Mini_None;
    int block = 1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|pO:get", keywords, &block, &timeout)) return NULL;
    double wait;
    if (wait_for(block, timeout, &wait) < 0) return NULL;
    return do_get(Q(op), wait);
}

/* get_nowait(): get(False) */
static MiniObject *queue_get_nowait(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return do_get(Q(op), 0);
}

/* task_done(): one fewer unfinished task; ValueError past zero. */
static MiniObject *queue_task_done(MiniObject *op, MiniObject *unused) {
    (void)unused;
    QueueObject *q = Q(op);
    pthread_mutex_lock(&q->w.mu);
    int bad = q->unfinished <= 0;
    if (!bad && --q->unfinished == 0) pthread_cond_broadcast(&q->w.cv);
    pthread_mutex_unlock(&q->w.mu);
    if (bad) return MiniErr_Format(MiniExc_ValueError, "task_done() called too many times");
    return Mini_NewRef(Mini_None);
}

/* join(): blocks (GIL released) until every item put has been marked done. */
static MiniObject *queue_join(MiniObject *op, MiniObject *unused) {
    (void)unused;
    if (_MiniStdWait_Until(&Q(op)->w, all_done, op, -1, 0) < 0) return NULL;
    return Mini_NewRef(Mini_None);
}

static MiniObject *queue_qsize(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniLong_FromSsize_t(Q(op)->len);
}

static MiniObject *queue_empty(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniBool_FromLong(Q(op)->len == 0);
}

static MiniObject *queue_full(MiniObject *op, MiniObject *unused) {
    (void)unused;
    QueueObject *q = Q(op);
    return MiniBool_FromLong(q->maxsize > 0 && q->len >= q->maxsize);
}

static MiniObject *queue_get_maxsize(MiniObject *op, void *closure) {
    (void)closure;
    return MiniLong_FromSsize_t(Q(op)->maxsize);
}

/* q.queue: a snapshot list of the items in storage order (CPython exposes its deque / list). */
static MiniObject *queue_get_items(MiniObject *op, void *closure) {
    (void)closure;
    QueueObject *q = Q(op);
    MiniObject *list = MiniList_New(0);
    for (Mini_ssize_t i = 0; list != NULL && i < q->len; i++)
        if (MiniList_Append(list, q->items[(q->head + i) % q->cap]) < 0) Mini_CLEAR(list);
    return list;
}

/* __class_getitem__(item): the class itself, so `queue.Queue[int]` works in annotations. */
static MiniObject *queue_class_getitem(MiniObject *op, MiniObject *item) {
    (void)item;
    return Mini_NewRef(op);
}

#define KW (MINI_METH_VARARGS | MINI_METH_KEYWORDS)

static MiniMethodDef queue_methods[] = {
    {"put", _MiniCFunction_CAST(queue_put), KW, "put(item, block=True, timeout=None): add an item, waiting for room."},
    {"put_nowait", queue_put_nowait, MINI_METH_O, "put_nowait(item): put(item, False)."},
    {"get", _MiniCFunction_CAST(queue_get), KW, "get(block=True, timeout=None): remove and return an item."},
    {"get_nowait", queue_get_nowait, MINI_METH_NOARGS, "get_nowait(): get(False)."},
    {"task_done", queue_task_done, MINI_METH_NOARGS, "task_done(): a formerly enqueued task is complete."},
    {"join", queue_join, MINI_METH_NOARGS, "join(): block until every item has been processed."},
    {"qsize", queue_qsize, MINI_METH_NOARGS, "qsize() -> approximate number of items."},
    {"empty", queue_empty, MINI_METH_NOARGS, "empty() -> True if the queue is empty."},
    {"full", queue_full, MINI_METH_NOARGS, "full() -> True if the queue is full."},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef queue_getset[] = {
    {"maxsize", queue_get_maxsize, NULL, "the bound given at creation (0: none)", NULL},
    {"queue", queue_get_items, NULL, "a list of the items, in storage order", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniTypeObject Queue_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "queue.Queue",
    .tp_basicsize = sizeof(QueueObject),
    .tp_dealloc = queue_dealloc,
    .tp_methods = queue_methods,
    .tp_getset = queue_getset,
    .tp_dictoffset = offsetof(QueueObject, dict),
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = queue_traverse,
    .tp_clear = queue_clear,
    .tp_doc = "Queue(maxsize=0): a first-in, first-out queue shared by threads.",
    .tp_new = queue_new,
    .tp_init = queue_init,
};

static MiniTypeObject LifoQueue_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "queue.LifoQueue",
    .tp_basicsize = sizeof(QueueObject),
    .tp_dealloc = queue_dealloc,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = queue_traverse,
    .tp_clear = queue_clear,
    .tp_doc = "LifoQueue(maxsize=0): a last-in, first-out queue (a stack).",
    .tp_base = &Queue_Type,
    .tp_new = queue_new,
    .tp_init = queue_init,
};

static MiniTypeObject PriorityQueue_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "queue.PriorityQueue",
    .tp_basicsize = sizeof(QueueObject),
    .tp_dealloc = queue_dealloc,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = queue_traverse,
    .tp_clear = queue_clear,
    .tp_doc = "PriorityQueue(maxsize=0): retrieves the lowest item first (items compared with <).",
    .tp_base = &Queue_Type,
    .tp_new = queue_new,
    .tp_init = queue_init,
};

/* ----- SimpleQueue ---------------------------------------------------------------------------- */

/* SimpleQueue() takes no arguments. */
static int simple_init(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    (void)op;
    if ((args != NULL && MiniTuple_GET_SIZE(args) != 0) || (kwargs != NULL && MiniDict_Size(kwargs) != 0)) {
        MiniErr_SetString(MiniExc_TypeError, "SimpleQueue() takes no arguments");
        return -1;
    }
    return 0;
}

/* put(item, block=True, timeout=None): never blocks (the queue is unbounded). */
static MiniObject *simple_put(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"item", "block", "timeout", NULL};
    MiniObject *item, *timeout = Mini_None;
    int block = 1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|pO:put", keywords, &item, &block, &timeout)) return NULL;
    return do_put(Q(op), item, 0);
}

static MiniMethodDef simple_methods[] = {
    {"put", _MiniCFunction_CAST(simple_put), KW, "put(item, block=True, timeout=None): add an item."},
    {"put_nowait", queue_put_nowait, MINI_METH_O, "put_nowait(item): put(item)."},
    {"get", _MiniCFunction_CAST(queue_get), KW, "get(block=True, timeout=None): remove and return an item."},
    {"get_nowait", queue_get_nowait, MINI_METH_NOARGS, "get_nowait(): get(False)."},
    {"qsize", queue_qsize, MINI_METH_NOARGS, "qsize() -> number of items."},
    {"empty", queue_empty, MINI_METH_NOARGS, "empty() -> True if the queue is empty."},
    {NULL, NULL, 0, NULL},
};

static MiniTypeObject SimpleQueue_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_queue.SimpleQueue",
    .tp_basicsize = sizeof(QueueObject),
    .tp_dealloc = queue_dealloc,
    .tp_methods = simple_methods,
    .tp_dictoffset = offsetof(QueueObject, dict),
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_HAVE_DICT | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = queue_traverse,
    .tp_clear = queue_clear,
    .tp_doc = "SimpleQueue(): an unbounded FIFO queue without task tracking.",
    .tp_new = queue_new,
    .tp_init = simple_init,
};

/* ----- the module ----------------------------------------------------------------------------- */

static MiniMethodDef class_getitem_def = {
    "__class_getitem__", queue_class_getitem, MINI_METH_O, "Queue[T] in annotations: the class itself."};

static MiniModuleDef queue_module = {
    MiniModuleDef_HEAD_INIT, "queue",
    "Queues shared by threads: FIFO, LIFO, priority and simple. Blocking calls release the GIL.",
    0, NULL,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

static int make_exceptions(void) {
    if (Empty != NULL) return 0;
    Empty = MiniErr_NewException("_queue.Empty", NULL, NULL);
    Full = Empty ? MiniErr_NewException("queue.Full", NULL, NULL) : NULL;
    if (Full != NULL) return 0;
    Mini_CLEAR(Empty);
    return -1;
}

/* Puts __class_getitem__ in the type's dict (as a function of the class; the argument is the
 * parameter and the class is bound as self). 0 / -1. */
static int add_class_getitem(MiniTypeObject *type) {
    MiniObject *fn = MiniCFunction_NewEx(&class_getitem_def, (MiniObject *)type, NULL);
    if (fn == NULL) return -1;
    int r = MiniDict_SetItemString(type->tp_dict, "__class_getitem__", fn);
    Mini_DECREF(fn);
    return r;
}

/* New reference to the queue module, or NULL with an exception. */
MiniObject *MiniInit_queue(void) {
    if (make_exceptions() < 0) return NULL;
    MiniObject *m = MiniModule_Create(&queue_module);
    if (m == NULL) return NULL;
    MiniTypeObject *types[] = {&Queue_Type, &LifoQueue_Type, &PriorityQueue_Type, &SimpleQueue_Type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (MiniType_Ready(types[i]) < 0) goto fail;
        const char *dot = strrchr(types[i]->tp_name, '.');
        if (MiniModule_AddObjectRef(m, dot + 1, (MiniObject *)types[i]) < 0) goto fail;
        if (add_class_getitem(types[i]) < 0) goto fail;
    }
    if (MiniModule_AddObjectRef(m, "Empty", Empty) < 0 || MiniModule_AddObjectRef(m, "Full", Full) < 0) goto fail;
    return m;
fail:
    MiniModule_ClearNamespace(m);
    Mini_DECREF(m);
    return NULL;
}
