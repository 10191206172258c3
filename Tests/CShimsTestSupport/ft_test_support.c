/* ft_test_support.c: N threads mutating one list / dict / set without a GIL (see
 * ft_test_support.h). Each thread records what it did; the checks compare the object with the
 * records afterwards. Nothing here is timed. */
#include "ft_test_support.h"
#include "lib_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS 16

int ft_test_restart(int gil_setting) {
    Mini_SetCheckedMode(0);
    Mini_Finalize();
    MiniRuntime_SetGIL(gil_setting);
    Mini_Initialize();
    return MiniRuntime_IsFreeThreaded();
}

/* Runs fn(arg_i) on nthreads runtime threads (each attached through its own thread state) and
 * waits for them with the caller detached. */
static void run_threads(int nthreads, void *(*fn)(void *), void *args, size_t arg_size) {
    pthread_t th[MAX_THREADS];
    Mini_BEGIN_ALLOW_THREADS
    for (int i = 0; i < nthreads; i++) pthread_create(&th[i], NULL, fn, (char *)args + (size_t)i * arg_size);
    for (int i = 0; i < nthreads; i++) pthread_join(th[i], NULL);
    Mini_END_ALLOW_THREADS
}

static MiniThreadState *attach_new(void) {
    MiniThreadState *ts = MiniThreadState_New();
    MiniEval_AcquireThread(ts);
    return ts;
}

static void note_error(long *errors) {
    if (MiniErr_Occurred()) { MiniErr_Clear(); (*errors)++; }
}

/* ----- list ------------------------------------------------------------------------------------ */

typedef struct {
    MiniObject *list;
    int id, rounds;
    long pushed, popped, errors, iterations, iterated, bad;
    long long pushed_sum, popped_sum;
} ListArg;

static void list_push(ListArg *a, MiniObject *v) {
    a->pushed++;
    a->pushed_sum += MiniLong_AsLongLong(v);
}

static void list_iterate(ListArg *a) {
    MiniObject *it = MiniObject_GetIter(a->list), *x;
    if (it == NULL) { note_error(&a->errors); return; }
    while ((x = MiniIter_Next(it)) != NULL) {
        if (!MiniLong_Check(x)) a->bad++;
        a->iterated++;
        Mini_DECREF(x);
    }
    note_error(&a->errors);
    Mini_DECREF(it);
    a->iterations++;
}

static void *list_thread(void *p) {
    ListArg *a = p;
    attach_new();
    for (int r = 0; r < a->rounds; r++) {
        long long base = (long long)a->id * 10000000 + (long long)r * 4;
        MiniObject *v = MiniLong_FromLongLong(base);
        if (MiniList_Append(a->list, v) == 0) list_push(a, v); else note_error(&a->errors);
        Mini_DECREF(v);
        switch (r % 8) {
        case 1: {
            MiniObject *w = MiniLong_FromLongLong(base + 1);
            if (MiniList_Insert(a->list, 0, w) == 0) list_push(a, w); else note_error(&a->errors);
            Mini_DECREF(w);
            break;
        }
        case 2: case 5: {
            MiniObject *x = MiniObject_CallMethodObjArgs(a->list, "pop", NULL);
            if (x != NULL) {
                a->popped++;
                a->popped_sum += MiniLong_AsLongLong(x);
                Mini_DECREF(x);
            } else if (MiniErr_ExceptionMatches(MiniExc_IndexError)) {
                MiniErr_Clear();   /* another thread emptied it first */
            } else note_error(&a->errors);
            break;
        }
        case 3: {
            MiniObject *b = MiniLong_FromLongLong(base + 2), *c = MiniLong_FromLongLong(base + 3);
            MiniObject *pair = MiniList_New(0);
            MiniList_Append(pair, b);
            MiniList_Append(pair, c);
            if (MiniList_Extend(a->list, pair) == 0) { list_push(a, b); list_push(a, c); }
            else note_error(&a->errors);
            Mini_DECREF(pair);
            Mini_DECREF(b);
            Mini_DECREF(c);
            break;
        }
        case 6:
            if (r % 256 == 6 && MiniList_Sort(a->list) < 0) note_error(&a->errors);
            break;
        case 7:
            if (r % 128 == 7) list_iterate(a);
            break;
        }
    }
    MiniThreadState_DeleteCurrent();
    return NULL;
}

FTListResult ft_test_list(int nthreads, int rounds) {
    FTListResult res;
    memset(&res, 0, sizeof res);
    if (nthreads > MAX_THREADS) nthreads = MAX_THREADS;
    ListArg args[MAX_THREADS];
    MiniObject *list = MiniList_New(0);
    for (int i = 0; i < nthreads; i++) {
        memset(&args[i], 0, sizeof args[i]);
        args[i].list = list;
        args[i].id = i + 1;
        args[i].rounds = rounds;
    }
    run_threads(nthreads, list_thread, args, sizeof args[0]);
    for (int i = 0; i < nthreads; i++) {
        res.expected_len += args[i].pushed - args[i].popped;
        res.expected_sum += args[i].pushed_sum - args[i].popped_sum;
        res.iterations += args[i].iterations;
        res.iterated_items += args[i].iterated;
        res.bad_items += args[i].bad;
        res.errors += args[i].errors;
    }
    res.observed_len = MiniList_Size(list);
    for (Mini_ssize_t i = 0; i < res.observed_len; i++) {
        MiniObject *x = MiniList_GetItemRef(list, i);
        if (x == NULL || !MiniLong_Check(x)) { res.bad_items++; note_error(&res.errors); }
        else res.observed_sum += MiniLong_AsLongLong(x);
        Mini_XDECREF(x);
    }
    Mini_DECREF(list);
    return res;
}

/* ----- dict ------------------------------------------------------------------------------------ */

#define DICT_KEYS 64

typedef struct {
    MiniObject *dict, *hot;
    int id, rounds;
    long present[DICT_KEYS];          /* -1 absent, else the value last stored */
    long hot_inserted, hot_popped, iterations, size_changed, bad, errors;
} DictArg;

static void dict_iterate(DictArg *a, int items) {
    MiniObject *view = items ? MiniObject_CallMethodObjArgs(a->dict, "items", NULL) : Mini_NewRef(a->dict);
    MiniObject *it = view != NULL ? MiniObject_GetIter(view) : NULL, *x;
    if (it == NULL) { note_error(&a->errors); Mini_XDECREF(view); return; }
    while ((x = MiniIter_Next(it)) != NULL) {
        MiniObject *k = items ? (MiniTuple_Check(x) && MiniTuple_GET_SIZE(x) == 2 ? MiniTuple_GET_ITEM(x, 0) : NULL) : x;
        if (k == NULL || (!MiniLong_Check(k) && !MiniUnicode_Check(k))) a->bad++;
        Mini_DECREF(x);
    }
    if (MiniErr_ExceptionMatches(MiniExc_RuntimeError)) { MiniErr_Clear(); a->size_changed++; }
    note_error(&a->errors);
    Mini_DECREF(it);
    Mini_DECREF(view);
    a->iterations++;
}

static void *dict_thread(void *p) {
    DictArg *a = p;
    attach_new();
    for (int r = 0; r < a->rounds; r++) {
        int slot = (r * 7) % DICT_KEYS;
        MiniObject *k = MiniLong_FromLong((long)a->id * 1000 + slot);
        if (r % 3 == 2) {
            int rc = MiniDict_DelItem(a->dict, k);
            if (rc == 0) {
                if (a->present[slot] < 0) a->errors++;   /* deleted a key we did not have */
                a->present[slot] = -1;
            } else if (MiniErr_ExceptionMatches(MiniExc_KeyError)) {
                MiniErr_Clear();
                if (a->present[slot] >= 0) a->errors++;  /* our key vanished */
            } else note_error(&a->errors);
        } else {
            MiniObject *v = MiniLong_FromLong(r);
            if (MiniDict_SetItem(a->dict, k, v) == 0) a->present[slot] = r; else note_error(&a->errors);
            Mini_DECREF(v);
        }
        Mini_DECREF(k);
        if (r % 10 == 4) {
            MiniObject *mine = MiniDict_New();
            int s2 = (r * 11) % DICT_KEYS;
            MiniObject *k2 = MiniLong_FromLong((long)a->id * 1000 + s2), *v2 = MiniLong_FromLong(r + 1);
            MiniDict_SetItem(mine, k2, v2);
            if (MiniDict_Update(a->dict, mine) == 0) a->present[s2] = r + 1; else note_error(&a->errors);
            Mini_DECREF(k2);
            Mini_DECREF(v2);
            Mini_DECREF(mine);
        }
        if (r % 4 == 1) {
            MiniObject *got = NULL;
            int rc = MiniDict_SetDefaultRef(a->dict, a->hot, a->hot, &got);
            if (rc == 0) a->hot_inserted++;
            if (rc < 0) note_error(&a->errors);
            if (rc >= 0 && got != a->hot) a->bad++;
            Mini_XDECREF(got);
        } else if (r % 4 == 3) {
            MiniObject *got = NULL;
            int rc = MiniDict_Pop(a->dict, a->hot, &got);
            if (rc == 1) a->hot_popped++;
            if (rc < 0) note_error(&a->errors);
            if (rc == 1 && got != a->hot) a->bad++;
            Mini_XDECREF(got);
        }
        if (r % 16 == 0) dict_iterate(a, (r / 16) % 2);
    }
    MiniThreadState_DeleteCurrent();
    return NULL;
}

FTDictResult ft_test_dict(int nthreads, int rounds) {
    FTDictResult res;
    memset(&res, 0, sizeof res);
    if (nthreads > MAX_THREADS) nthreads = MAX_THREADS;
    DictArg *args = calloc((size_t)nthreads, sizeof *args);
    MiniObject *dict = MiniDict_New(), *hot = MiniUnicode_FromString("hot");
    for (int i = 0; i < nthreads; i++) {
        args[i].dict = dict;
        args[i].hot = hot;
        args[i].id = i + 1;
        args[i].rounds = rounds;
        for (int s = 0; s < DICT_KEYS; s++) args[i].present[s] = -1;
    }
    run_threads(nthreads, dict_thread, args, sizeof args[0]);
    for (int i = 0; i < nthreads; i++) {
        DictArg *a = &args[i];
        for (int s = 0; s < DICT_KEYS; s++) {
            MiniObject *k = MiniLong_FromLong((long)a->id * 1000 + s), *v = NULL;
            int rc = MiniDict_GetItemRef(dict, k, &v);
            if (rc < 0) note_error(&res.errors);
            else if ((rc == 1) != (a->present[s] >= 0)) res.mismatches++;
            else if (rc == 1 && MiniLong_AsLongLong(v) != a->present[s]) res.mismatches++;
            if (a->present[s] >= 0) res.expected_len++;
            Mini_XDECREF(v);
            Mini_DECREF(k);
        }
        res.hot_inserted += a->hot_inserted;
        res.hot_popped += a->hot_popped;
        res.iterations += a->iterations;
        res.size_changed += a->size_changed;
        res.bad_items += a->bad;
        res.errors += a->errors;
    }
    res.hot_present = MiniDict_Contains(dict, hot);
    res.expected_len += res.hot_present;
    res.observed_len = MiniDict_Size(dict);
    Mini_DECREF(hot);
    Mini_DECREF(dict);
    free(args);
    return res;
}

/* ----- set ------------------------------------------------------------------------------------- */

#define SET_KEYS 64

typedef struct {
    MiniObject *set, *feed;
    int id, rounds;
    int present[SET_KEYS];
    long constructed, errors;
} SetArg;

static void *set_thread(void *p) {
    SetArg *a = p;
    attach_new();
    for (int r = 0; r < a->rounds; r++) {
        int slot = (r * 5) % SET_KEYS;
        MiniObject *k = MiniLong_FromLong((long)a->id * 1000 + slot);
        if (r % 3 == 1) {
            int rc = MiniSet_Discard(a->set, k);
            if (rc < 0) note_error(&a->errors);
            else if (rc != a->present[slot]) a->errors++;
            else a->present[slot] = 0;
        } else {
            if (MiniSet_Add(a->set, k) == 0) a->present[slot] = 1; else note_error(&a->errors);
        }
        if (MiniList_Append(a->feed, k) < 0) note_error(&a->errors);
        Mini_DECREF(k);
        if (r % 16 == 3) {
            MiniObject *s = MiniSet_New(a->feed), *f = MiniFrozenSet_New(a->set);
            if (s != NULL && f != NULL) a->constructed += 2; else note_error(&a->errors);
            Mini_XDECREF(s);
            Mini_XDECREF(f);
        }
    }
    MiniThreadState_DeleteCurrent();
    return NULL;
}

FTSetResult ft_test_set(int nthreads, int rounds) {
    FTSetResult res;
    memset(&res, 0, sizeof res);
    if (nthreads > MAX_THREADS) nthreads = MAX_THREADS;
    SetArg *args = calloc((size_t)nthreads, sizeof *args);
    MiniObject *set = MiniSet_New(NULL), *feed = MiniList_New(0);
    for (int i = 0; i < nthreads; i++) {
        args[i].set = set;
        args[i].feed = feed;
        args[i].id = i + 1;
        args[i].rounds = rounds;
    }
    run_threads(nthreads, set_thread, args, sizeof args[0]);
    for (int i = 0; i < nthreads; i++) {
        for (int s = 0; s < SET_KEYS; s++) {
            MiniObject *k = MiniLong_FromLong((long)args[i].id * 1000 + s);
            int rc = MiniSet_Contains(set, k);
            if (rc < 0) note_error(&res.errors);
            else if (rc != args[i].present[s]) res.mismatches++;
            res.expected_len += args[i].present[s];
            Mini_DECREF(k);
        }
        res.constructed += args[i].constructed;
        res.errors += args[i].errors;
    }
    res.observed_len = MiniSet_Size(set);
    Mini_DECREF(set);
    Mini_DECREF(feed);
    free(args);
    return res;
}

/* ----- bytearray ------------------------------------------------------------------------------- */

typedef struct {
    MiniObject *ba;
    int rounds;
    long appended, popped, errors;
} ByteArrayArg;

static void *bytearray_thread(void *p) {
    ByteArrayArg *a = p;
    attach_new();
    MiniObject *seven = MiniLong_FromLong(7);
    for (int r = 0; r < a->rounds; r++) {
        MiniObject *x = MiniObject_CallMethodObjArgs(a->ba, "append", seven, NULL);
        if (x != NULL) { a->appended++; Mini_DECREF(x); } else note_error(&a->errors);
        if (r % 3 == 2) {
            x = MiniObject_CallMethodObjArgs(a->ba, "pop", NULL);
            if (x != NULL) {
                if (MiniLong_AsLongLong(x) != 7) a->errors++;
                a->popped++;
                Mini_DECREF(x);
            } else if (MiniErr_ExceptionMatches(MiniExc_IndexError)) MiniErr_Clear();
            else note_error(&a->errors);
        }
    }
    Mini_DECREF(seven);
    MiniThreadState_DeleteCurrent();
    return NULL;
}

long ft_test_bytearray(int nthreads, int rounds, long *expected_len, long *errors) {
    if (nthreads > MAX_THREADS) nthreads = MAX_THREADS;
    ByteArrayArg args[MAX_THREADS];
    MiniObject *ba = MiniByteArray_FromStringAndSize("", 0);
    for (int i = 0; i < nthreads; i++) {
        memset(&args[i], 0, sizeof args[i]);
        args[i].ba = ba;
        args[i].rounds = rounds;
    }
    run_threads(nthreads, bytearray_thread, args, sizeof args[0]);
    *expected_len = 0;
    *errors = 0;
    for (int i = 0; i < nthreads; i++) {
        *expected_len += args[i].appended - args[i].popped;
        *errors += args[i].errors;
    }
    long observed = (long)MiniObject_Length(ba);
    Mini_DECREF(ba);
    return observed;
}
