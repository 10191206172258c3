/* Objects/sequtil.c: helpers the sequence types and the builtins share: materialising an iterable as
 * a list, the keyed stable sort behind list.sort(key=, reverse=) and sorted(), and keyword
 * matching for builtins written in the interpreter's fast calling convention.
 *
 * The sort is a merge sort over (key, value) pairs comparing keys with "<" only, so it is stable
 * and its results match CPython's for any consistent ordering; reverse=True reverses before and
 * after sorting, which keeps equal items in their original order as CPython does. Keys that are
 * all compact ints, all floats or all exact strs are compared without going through rich
 * comparison (compact ints are sorted on a copy of their values). While sorting, the list
 * appears empty; a key function or comparison that changes it gives ValueError "list modified
 * during sort". */
#include "mini.h"
#include "lib_internal.h"
#include "longobject_internal.h"
#include "unicodeobject_internal.h"

#include <stdlib.h>
#include <string.h>

MiniObject *_MiniSeq_List(MiniObject *iterable) {
    MiniObject *l = MiniList_New(0);
    if (l != NULL && MiniList_Extend(l, iterable) < 0) Mini_CLEAR(l);
    return l;
}

/* ----- the keyed sort ------------------------------------------------------------------------------- */

typedef struct {
    MiniObject *key;     /* borrowed from the keys array (or the value itself) */
    MiniObject *value;
} SortPair;

enum { CMP_GENERIC, CMP_INT, CMP_FLOAT, CMP_STR };

/* 1 if a < b, 0 if not, -1 on error. */
static int less_than(MiniObject *a, MiniObject *b, int kind) {
    switch (kind) {
    case CMP_INT: return _MiniLong_Value(a) < _MiniLong_Value(b);
    case CMP_FLOAT: return MiniFloat_AS_DOUBLE(a) < MiniFloat_AS_DOUBLE(b);
    case CMP_STR: {
        Mini_ssize_t na = Mini_SIZE(a), nb = Mini_SIZE(b);
        int c = memcmp(_MiniUnicode_DATA(a), _MiniUnicode_DATA(b), (size_t)(na < nb ? na : nb));
        return c < 0 || (c == 0 && na < nb);
    }
    default: return MiniObject_RichCompareBool(a, b, Mini_LT);
    }
}

/* Stable merge sort of p[0..n) by key, using tmp (n pairs). 0 / -1 (the order is then some
 * permutation of the input). */
static int merge_sort_pairs(SortPair *p, SortPair *tmp, Mini_ssize_t n, int kind) {
    /* Insertion-sort runs of 8, then merge runs of doubling width. */
    const Mini_ssize_t run = 8;
    for (Mini_ssize_t lo = 0; lo < n; lo += run) {
        Mini_ssize_t hi = lo + run < n ? lo + run : n;
        for (Mini_ssize_t i = lo + 1; i < hi; i++) {
            SortPair x = p[i];
            Mini_ssize_t j = i;
            while (j > lo) {
                int lt = less_than(x.key, p[j - 1].key, kind);
                if (lt < 0) { p[j] = x; return -1; }
                if (!lt) break;
                p[j] = p[j - 1];
                j--;
            }
            p[j] = x;
        }
    }
    for (Mini_ssize_t width = run; width < n; width *= 2) {
        for (Mini_ssize_t lo = 0; lo < n - width; lo += 2 * width) {
            Mini_ssize_t mid = lo + width, hi = lo + 2 * width < n ? lo + 2 * width : n;
            Mini_ssize_t i = lo, j = mid, k = lo;
            int rc = 0;
            /* Already in order: nothing to merge. */
            int lt = less_than(p[mid].key, p[mid - 1].key, kind);
            if (lt < 0) return -1;
            if (!lt) continue;
            while (i < mid && j < hi) {
                lt = less_than(p[j].key, p[i].key, kind);
                if (lt < 0) { rc = -1; break; }
                tmp[k++] = lt ? p[j++] : p[i++];
            }
            while (i < mid) tmp[k++] = p[i++];
            while (j < hi) tmp[k++] = p[j++];
            memcpy(&p[lo], &tmp[lo], (size_t)(hi - lo) * sizeof(SortPair));
            if (rc < 0) return -1;
        }
    }
    return 0;
}

/* The same merge sort for keys that are all compact ints, on their values: no comparison call,
 * no pointer chasing (sorted() of a list or bytes of small ints). Cannot fail. */
typedef struct {
    int64_t key;
    MiniObject *value;
} IntPair;

static void merge_sort_ints(IntPair *p, IntPair *tmp, Mini_ssize_t n) {
    const Mini_ssize_t run = 8;
    for (Mini_ssize_t lo = 0; lo < n; lo += run) {
        Mini_ssize_t hi = lo + run < n ? lo + run : n;
        for (Mini_ssize_t i = lo + 1; i < hi; i++) {
            IntPair x = p[i];
            Mini_ssize_t j = i;
            for (; j > lo && x.key < p[j - 1].key; j--) p[j] = p[j - 1];
            p[j] = x;
        }
    }
    for (Mini_ssize_t width = run; width < n; width *= 2) {
        for (Mini_ssize_t lo = 0; lo < n - width; lo += 2 * width) {
            Mini_ssize_t mid = lo + width, hi = lo + 2 * width < n ? lo + 2 * width : n;
            if (!(p[mid].key < p[mid - 1].key)) continue;   /* already in order */
            Mini_ssize_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = p[j].key < p[i].key ? p[j++] : p[i++];
            while (i < mid) tmp[k++] = p[i++];
            while (j < hi) tmp[k++] = p[j++];
            memcpy(&p[lo], &tmp[lo], (size_t)(hi - lo) * sizeof(IntPair));
        }
    }
}

/* Sorts pairs[0..n) (all keys compact ints) by key, stably. 0, or -1 with MemoryError. */
static int sort_int_pairs(SortPair *pairs, Mini_ssize_t n) {
    IntPair *ip = malloc((size_t)n * sizeof(IntPair)), *itmp = malloc((size_t)n * sizeof(IntPair));
    if (ip == NULL || itmp == NULL) { free(ip); free(itmp); MiniErr_NoMemory(); return -1; }
    for (Mini_ssize_t i = 0; i < n; i++) {
        ip[i].key = _MiniLong_Value(pairs[i].key);
        ip[i].value = pairs[i].value;
    }
    merge_sort_ints(ip, itmp, n);
    for (Mini_ssize_t i = 0; i < n; i++) pairs[i].value = ip[i].value;   /* keys stay as they were */
    free(ip);
    free(itmp);
    return 0;
}

static void reverse_items(MiniObject **a, Mini_ssize_t n) {
    for (Mini_ssize_t i = 0, j = n - 1; i < j; i++, j--) {
        MiniObject *t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

/* The comparison shortcut that applies to every key, or CMP_GENERIC. */
static int key_kind(SortPair *p, Mini_ssize_t n) {
    if (n == 0) return CMP_GENERIC;
    MiniTypeObject *t = Mini_TYPE(p[0].key);
    for (Mini_ssize_t i = 0; i < n; i++)
        if (Mini_TYPE(p[i].key) != t) return CMP_GENERIC;
    if (t == &MiniFloat_Type) return CMP_FLOAT;
    if (t == &MiniUnicode_Type) return CMP_STR;
    if (t == &MiniLong_Type) {
        for (Mini_ssize_t i = 0; i < n; i++)
            if (!_MiniLong_IsCompact(p[i].key)) return CMP_GENERIC;
        return CMP_INT;
    }
    return CMP_GENERIC;
}

int _MiniList_SortKey(MiniObject *list, MiniObject *key, int reverse) {
    MiniListObject *l = (MiniListObject *)list;
    if (key == Mini_None) key = NULL;
    MiniObject **items = l->ob_item;
    Mini_ssize_t n = Mini_SIZE(list), alloc = l->allocated;
    /* Detach the items so that code run by the sort sees an empty list. */
    l->ob_item = NULL;
    l->ob_base.ob_size = 0;
    l->allocated = 0;
    int rc = 0;
    SortPair *pairs = NULL, *tmp = NULL;
    Mini_ssize_t nkeys = 0;
    if (reverse) reverse_items(items, n);
    if (n > 1) {
        pairs = malloc((size_t)n * sizeof(SortPair));
        tmp = malloc((size_t)n * sizeof(SortPair));
        if (pairs == NULL || tmp == NULL) { MiniErr_NoMemory(); rc = -1; goto restore; }
        for (Mini_ssize_t i = 0; i < n; i++) {
            pairs[i].value = items[i];
            if (key == NULL) pairs[i].key = items[i];
            else {
                pairs[i].key = MiniObject_CallOneArg(key, items[i]);
                if (pairs[i].key == NULL) { rc = -1; goto restore; }
                nkeys++;
            }
        }
        int kind = key_kind(pairs, n);
        rc = kind == CMP_INT ? sort_int_pairs(pairs, n) : merge_sort_pairs(pairs, tmp, n, kind);
        for (Mini_ssize_t i = 0; i < n; i++) items[i] = pairs[i].value;
    }
restore:
    if (reverse) reverse_items(items, n);
    for (Mini_ssize_t i = 0; i < nkeys; i++) Mini_DECREF(pairs[i].key);
    free(pairs);
    free(tmp);
    if (l->ob_item != NULL || Mini_SIZE(list) != 0) {
        /* Mutated during the sort: drop what was put in, keep the original items. */
        MiniObject **junk = l->ob_item;
        Mini_ssize_t m = Mini_SIZE(list);
        l->ob_item = NULL;
        l->ob_base.ob_size = 0;
        for (Mini_ssize_t i = 0; i < m; i++) Mini_XDECREF(junk[i]);
        free(junk);
        if (rc == 0) {
            MiniErr_SetString(MiniExc_ValueError, "list modified during sort");
            rc = -1;
        }
    }
    l->ob_item = items;
    l->ob_base.ob_size = n;
    l->allocated = alloc;
    return rc;
}

/* ----- keyword arguments of fast-call builtins ------------------------------------------------------- */

int _MiniLib_Keywords(const char *func, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames,
                      const char *const *names, MiniObject **values) {
    Mini_ssize_t nkw = kwnames ? MiniTuple_GET_SIZE(kwnames) : 0;
    for (Mini_ssize_t i = 0; i < nkw; i++) {
        MiniObject *k = MiniTuple_GET_ITEM(kwnames, i);
        int found = 0;
        for (int j = 0; names[j] != NULL; j++) {
            if (MiniUnicode_EqualToUTF8(k, names[j])) {
                values[j] = args[nargs + i];
                found = 1;
                break;
            }
        }
        if (!found) {
            MiniErr_Format(MiniExc_TypeError, "'%U' is an invalid keyword argument for %s()", k, func);
            return -1;
        }
    }
    return 0;
}
