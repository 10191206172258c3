/* Objects/listobject.c: list objects: a growable array of owned references, with Python's methods
 * (append, extend, insert, pop, remove, index, count, sort, reverse, copy, clear) and slicing
 * (get, set and delete, with steps).
 *
 * Every loop that calls back into Python-level code (repr, comparison) re-reads the size and
 * holds its own reference to the item it works on, because that code may mutate the list.
 * MiniList_Sort is a stable merge sort on "<"; the list appears empty while it is being
 * sorted, and a comparison that changes it is reported as ValueError "list modified during sort".
 * list.sort(key=, reverse=) goes through Objects/sequtil.c's keyed sort, which follows the same
 * rules.
 *
 * Thread safety (free-threaded mode): every entry point that reads or writes a list's items or
 * size runs inside the list's critical section (mini/critical_section.h); the bodies are the
 * *_unlocked functions, the wrappers at the end of each group take the section. Operations on
 * two lists (extend from a list, ==, <) take both in one two-object section. Under the GIL the
 * sections take no lock. MiniList_GetItem's borrowed reference may dangle without the GIL (another
 * thread may remove the item): MiniList_GetItemRef returns a new one. */
#include "mini.h"
#include "ftmode_internal.h"
#include "critical_section_internal.h"
#include "formatter_internal.h"
#include "lib_internal.h"
#include "objimpl_internal.h"

#include <stdlib.h>
#include <string.h>

#define LIST(op) ((MiniListObject *)(op))

static int require_list(MiniObject *o) {
    if (MiniList_Check(o)) return 0;
    MiniErr_Format(MiniExc_TypeError, "expected list, got %.200s", Mini_TYPE(o)->tp_name);
    return -1;
}

/* Drops the references items[0 .. n-1] (NULLs skipped), last first. GIL mode, unchecked: the
 * DECREFs written out with the reference total adjusted once per run of survivors instead of
 * once per item (it is settled before every deallocation, which may run code). */
static void drop_refs(MiniObject **items, Mini_ssize_t n) {
    Mini_ssize_t i = n - 1;
    while (i >= 0 && MINI_LIKELY(!_Mini_RefSlow)) {
        Mini_ssize_t dropped = 0;
        for (; i >= 0; i--) {
            MiniObject *o = items[i];
            if (o == NULL) continue;
            dropped++;
            if (--o->ob_refcnt == 0) break;
        }
        _Mini_RefTotal -= dropped;
        if (i < 0) return;
        _Mini_Dealloc(items[i--]);
    }
    for (; i >= 0; i--) Mini_XDECREF(items[i]);
}

/* dst[i] = new reference to src[i] for i < n (no NULLs), the reference total counted once. */
static void copy_refs(MiniObject **dst, MiniObject *const *src, Mini_ssize_t n) {
    if (MINI_UNLIKELY(_Mini_RefSlow)) {
        for (Mini_ssize_t i = 0; i < n; i++) dst[i] = Mini_NewRef(src[i]);
        return;
    }
    for (Mini_ssize_t i = 0; i < n; i++) {
        src[i]->ob_refcnt++;
        dst[i] = src[i];
    }
    _Mini_RefTotal += n;
}

/* Makes room for newsize items (over-allocating when growing) and sets ob_size. Items beyond
 * the old size are not initialised. 0 / -1 with MemoryError. */
static int list_resize(MiniListObject *l, Mini_ssize_t newsize) {
    if (newsize <= l->allocated && newsize >= (l->allocated >> 1)) {
        l->ob_base.ob_size = newsize;
        return 0;
    }
    Mini_ssize_t alloc = newsize == 0 ? 0 : newsize + (newsize >> 3) + (newsize < 9 ? 3 : 6);
    if ((size_t)alloc > (size_t)MINI_SSIZE_T_MAX / sizeof(MiniObject *)) { MiniErr_NoMemory(); return -1; }
    /* A first array (an empty list's first append) comes from the small-block free lists, as
     * MiniList_New's do; later growth reallocs it (those blocks are malloc blocks). */
    MiniObject **items = alloc == 0 ? NULL
        : l->ob_item == NULL ? _MiniObject_AllocBlock((size_t)alloc * sizeof(MiniObject *))
                             : realloc(l->ob_item, (size_t)alloc * sizeof(MiniObject *));
    if (alloc == 0) free(l->ob_item);
    else if (items == NULL) {
        if (newsize <= l->allocated) {   /* failing to shrink is harmless: keep the block */
            l->ob_base.ob_size = newsize;
            return 0;
        }
        MiniErr_NoMemory();
        return -1;
    }
    l->ob_item = items;
    l->allocated = alloc;
    l->ob_base.ob_size = newsize;
    return 0;
}

MiniObject *MiniList_New(Mini_ssize_t len) {
    MINI_CHECK_GIL("MiniList_New");
    if (len < 0) return MiniErr_Format(MiniExc_ValueError, "negative list size");
    if ((size_t)len > (size_t)MINI_SSIZE_T_MAX / sizeof(MiniObject *)) return MiniErr_NoMemory();
    MiniListObject *l = MiniObject_NEW(MiniListObject, &MiniList_Type);
    if (l == NULL) return NULL;
    if (len > 0) {
        l->ob_item = _MiniObject_AllocBlock((size_t)len * sizeof(MiniObject *));
        if (l->ob_item == NULL) { Mini_DECREF(l); return MiniErr_NoMemory(); }
    }
    l->allocated = len;
    l->ob_base.ob_size = len;
    return (MiniObject *)l;
}

/* A list of len items left UNINITIALISED, for a caller that fills every one of them before
 * anything else runs (no allocation, no Python code in between: the cycle collector must not
 * see the list half filled). Spares MiniList_New's zeroing of a large item array. */
static MiniObject *list_new_to_fill(Mini_ssize_t len) {
    if (len * (Mini_ssize_t)sizeof(MiniObject *) <= 128) return MiniList_New(len);   /* free-list sizes */
    if ((size_t)len > (size_t)MINI_SSIZE_T_MAX / sizeof(MiniObject *)) return MiniErr_NoMemory();
    MiniListObject *l = MiniObject_NEW(MiniListObject, &MiniList_Type);
    if (l == NULL) return NULL;
    l->ob_item = malloc((size_t)len * sizeof(MiniObject *));
    if (l->ob_item == NULL) { Mini_DECREF(l); return MiniErr_NoMemory(); }
    l->allocated = len;
    l->ob_base.ob_size = len;
    return (MiniObject *)l;
}

static Mini_ssize_t list_size_unlocked(MiniObject *list) {
    MINI_GUARD(list, "MiniList_Size", -1);
    if (require_list(list) < 0) return -1;
    return Mini_SIZE(list);
}

static MiniObject *list_getitem_unlocked(MiniObject *list, Mini_ssize_t i) {
    MINI_GUARD(list, "MiniList_GetItem", NULL);
    if (require_list(list) < 0) return NULL;
    if (i < 0 || i >= Mini_SIZE(list)) return MiniErr_Format(MiniExc_IndexError, "list index out of range");
    return LIST(list)->ob_item[i];
}

static int list_setitem_unlocked(MiniObject *list, Mini_ssize_t i, MiniObject *item) {
    MINI_CHECK_GIL_OBJECT(list, "MiniList_SetItem");
    if (list == NULL || require_list(list) < 0) {
        if (list == NULL) _MiniErr_BadInternalCall("MiniList_SetItem");
        Mini_XDECREF(item);
        return -1;
    }
    if (i < 0 || i >= Mini_SIZE(list)) {
        Mini_XDECREF(item);
        MiniErr_SetString(MiniExc_IndexError, "list assignment index out of range");
        return -1;
    }
    MiniObject *old = LIST(list)->ob_item[i];
    LIST(list)->ob_item[i] = item;
    if (old != NULL) _Mini_DecRefShared(old);
    return 0;
}

static int list_insert_unlocked(MiniObject *list, Mini_ssize_t where, MiniObject *item) {
    MINI_GUARD2(list, item, "MiniList_Insert", -1);
    if (require_list(list) < 0) return -1;
    MiniListObject *l = LIST(list);
    Mini_ssize_t n = Mini_SIZE(list);
    if (where < 0) { where += n; if (where < 0) where = 0; }
    if (where > n) where = n;
    if (list_resize(l, n + 1) < 0) return -1;
    memmove(&l->ob_item[where + 1], &l->ob_item[where], (size_t)(n - where) * sizeof(MiniObject *));
    l->ob_item[where] = Mini_NewRef(item);
    return 0;
}

static int list_append_unlocked(MiniObject *list, MiniObject *item) {
    MINI_GUARD2(list, item, "MiniList_Append", -1);
    if (require_list(list) < 0) return -1;
    MiniListObject *l = LIST(list);
    Mini_ssize_t n = Mini_SIZE(list);
    if (list_resize(l, n + 1) < 0) return -1;
    l->ob_item[n] = Mini_NewRef(item);
    return 0;
}

static MiniObject *list_getslice_unlocked(MiniObject *list, Mini_ssize_t lo, Mini_ssize_t hi) {
    MINI_GUARD(list, "MiniList_GetSlice", NULL);
    if (require_list(list) < 0) return NULL;
    Mini_ssize_t n = Mini_SIZE(list);
    if (lo < 0) lo = 0; else if (lo > n) lo = n;
    if (hi < lo) hi = lo; else if (hi > n) hi = n;
    MiniObject *res = list_new_to_fill(hi - lo);
    if (res == NULL) return NULL;
    copy_refs(LIST(res)->ob_item, LIST(list)->ob_item + lo, hi - lo);
    return res;
}

static MiniObject *list_astuple_unlocked(MiniObject *list) {
    MINI_GUARD(list, "MiniList_AsTuple", NULL);
    if (require_list(list) < 0) return NULL;
    Mini_ssize_t n = Mini_SIZE(list);
    MiniObject *t = MiniTuple_New(n);
    if (t == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < n; i++) MiniTuple_SET_ITEM(t, i, Mini_NewRef(LIST(list)->ob_item[i]));
    return t;
}

/* Appends the items of a list or tuple (which may be the list itself); the caller holds both
 * objects' sections. */
static int list_extend_copy_unlocked(MiniObject *list, MiniObject *iterable) {
    /* Snapshot the source size first: it may be the list itself. */
    Mini_ssize_t m = Mini_SIZE(iterable), n = Mini_SIZE(list);
    MiniObject **src;
    if (list_resize(LIST(list), n + m) < 0) return -1;
    src = MiniList_Check(iterable) ? LIST(iterable)->ob_item : ((MiniTupleObject *)iterable)->ob_item;
    copy_refs(LIST(list)->ob_item + n, src, m);
    return 0;
}

int MiniList_Extend(MiniObject *list, MiniObject *iterable) {
    MINI_GUARD2(list, iterable, "MiniList_Extend", -1);
    if (require_list(list) < 0) return -1;
    /* Subclasses may override __iter__, so only the exact types are copied directly (CPython). */
    if (MiniList_CheckExact(iterable) || MiniTuple_CheckExact(iterable) ||
        ((MiniList_Check(iterable) || MiniTuple_Check(iterable)) && Mini_TYPE(iterable)->tp_iter ==
         (MiniList_Check(iterable) ? MiniList_Type.tp_iter : MiniTuple_Type.tp_iter))) {
        int rc;
        Mini_BEGIN_CRITICAL_SECTION2(list, iterable);
        rc = list_extend_copy_unlocked(list, iterable);
        Mini_END_CRITICAL_SECTION2();
        return rc;
    }
    MiniObject *it = MiniObject_GetIter(iterable), *x;
    if (it == NULL) return -1;
    while ((x = MiniIter_Next(it)) != NULL) {
        int r = MiniList_Append(list, x);
        Mini_DECREF(x);
        if (r < 0) { Mini_DECREF(it); return -1; }
    }
    Mini_DECREF(it);
    return MiniErr_Occurred() ? -1 : 0;
}

int _MiniList_ExtendSteal(MiniObject *list, MiniObject *const *items, Mini_ssize_t n) {
    Mini_ssize_t size = Mini_SIZE(list);
    if (n <= 0) return 0;
    if (list_resize(LIST(list), size + n) < 0) return -1;
    memcpy(&LIST(list)->ob_item[size], items, (size_t)n * sizeof(MiniObject *));
    return 0;
}

static int list_reverse_unlocked(MiniObject *list) {
    MINI_GUARD(list, "MiniList_Reverse", -1);
    if (require_list(list) < 0) return -1;
    MiniObject **a = LIST(list)->ob_item;
    for (Mini_ssize_t i = 0, j = Mini_SIZE(list) - 1; i < j; i++, j--) {
        MiniObject *t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
    return 0;
}

/* ----- sorting ------------------------------------------------------------------------------------ */

#define SORT_RUN 8

/* Insertion sort of a[lo..hi). On a failed comparison every item is still somewhere in a. */
static int insertion_sort(MiniObject **a, Mini_ssize_t lo, Mini_ssize_t hi) {
    for (Mini_ssize_t i = lo + 1; i < hi; i++) {
        MiniObject *x = a[i];
        Mini_ssize_t j = i;
        while (j > lo) {
            int lt = MiniObject_RichCompareBool(x, a[j - 1], Mini_LT);
            if (lt < 0) { a[j] = x; return -1; }
            if (!lt) break;
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
    return 0;
}

/* Merges a[lo..mid) and a[mid..hi) through tmp; stable (ties keep the left item first). */
static int merge_runs(MiniObject **a, MiniObject **tmp, Mini_ssize_t lo, Mini_ssize_t mid, Mini_ssize_t hi) {
    Mini_ssize_t i = lo, j = mid, k = lo;
    int rc = 0;
    while (i < mid && j < hi) {
        int lt = MiniObject_RichCompareBool(a[j], a[i], Mini_LT);
        if (lt < 0) { rc = -1; break; }
        tmp[k++] = lt ? a[j++] : a[i++];
    }
    while (i < mid) tmp[k++] = a[i++];
    while (j < hi) tmp[k++] = a[j++];
    memcpy(&a[lo], &tmp[lo], (size_t)(hi - lo) * sizeof(MiniObject *));
    return rc;
}

static int merge_sort(MiniObject **a, Mini_ssize_t n) {
    for (Mini_ssize_t lo = 0; lo < n; lo += SORT_RUN)
        if (insertion_sort(a, lo, lo + SORT_RUN < n ? lo + SORT_RUN : n) < 0) return -1;
    if (n <= SORT_RUN) return 0;
    MiniObject **tmp = malloc((size_t)n * sizeof(MiniObject *));
    if (tmp == NULL) { MiniErr_NoMemory(); return -1; }
    int rc = 0;
    for (Mini_ssize_t width = SORT_RUN; width < n && rc == 0; width *= 2) {
        for (Mini_ssize_t lo = 0; lo < n - width; lo += 2 * width) {
            Mini_ssize_t mid = lo + width, hi = lo + 2 * width < n ? lo + 2 * width : n;
            if (merge_runs(a, tmp, lo, mid, hi) < 0) { rc = -1; break; }
        }
    }
    free(tmp);
    return rc;
}

static int list_sort_unlocked(MiniObject *list) {
    MINI_GUARD(list, "MiniList_Sort", -1);
    if (require_list(list) < 0) return -1;
    MiniListObject *l = LIST(list);
    MiniObject **items = l->ob_item;
    Mini_ssize_t n = Mini_SIZE(list), alloc = l->allocated;
    /* Detach the items so comparisons that look at the list see it empty. */
    l->ob_item = NULL;
    l->ob_base.ob_size = 0;
    l->allocated = 0;
    int rc = merge_sort(items, n);
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

/* ----- the public entry points: each takes the list's critical section ---------------------------- */

#define LOCKED(op, type, call) __extension__ ({ type _r; Mini_BEGIN_CRITICAL_SECTION(op); \
                                               _r = (call); Mini_END_CRITICAL_SECTION(); _r; })

Mini_ssize_t MiniList_Size(MiniObject *list) {
    if (list == NULL) return list_size_unlocked(list);
    return LOCKED(list, Mini_ssize_t, list_size_unlocked(list));
}

MiniObject *MiniList_GetItem(MiniObject *list, Mini_ssize_t i) {
    if (list == NULL) return list_getitem_unlocked(list, i);
    return LOCKED(list, MiniObject *, list_getitem_unlocked(list, i));
}

static MiniObject *list_getitemref_unlocked(MiniObject *list, Mini_ssize_t i) {
    MiniObject *item = list_getitem_unlocked(list, i);
    return item != NULL ? Mini_NewRef(item) : NULL;
}

MiniObject *MiniList_GetItemRef(MiniObject *list, Mini_ssize_t i) {
    if (list == NULL) return list_getitem_unlocked(list, i);
    return LOCKED(list, MiniObject *, list_getitemref_unlocked(list, i));
}

int MiniList_SetItem(MiniObject *list, Mini_ssize_t i, MiniObject *item) {
    if (list == NULL) return list_setitem_unlocked(list, i, item);
    return LOCKED(list, int, list_setitem_unlocked(list, i, item));
}

int MiniList_Insert(MiniObject *list, Mini_ssize_t where, MiniObject *item) {
    if (list == NULL) return list_insert_unlocked(list, where, item);
    return LOCKED(list, int, list_insert_unlocked(list, where, item));
}

int MiniList_Append(MiniObject *list, MiniObject *item) {
    if (list == NULL) return list_append_unlocked(list, item);
    return LOCKED(list, int, list_append_unlocked(list, item));
}

MiniObject *MiniList_GetSlice(MiniObject *list, Mini_ssize_t lo, Mini_ssize_t hi) {
    if (list == NULL) return list_getslice_unlocked(list, lo, hi);
    return LOCKED(list, MiniObject *, list_getslice_unlocked(list, lo, hi));
}

MiniObject *MiniList_AsTuple(MiniObject *list) {
    if (list == NULL) return list_astuple_unlocked(list);
    return LOCKED(list, MiniObject *, list_astuple_unlocked(list));
}

int MiniList_Reverse(MiniObject *list) {
    if (list == NULL) return list_reverse_unlocked(list);
    return LOCKED(list, int, list_reverse_unlocked(list));
}

int MiniList_Sort(MiniObject *list) {
    if (list == NULL) return list_sort_unlocked(list);
    return LOCKED(list, int, list_sort_unlocked(list));
}

/* ----- the type's slots ---------------------------------------------------------------------------- */

static void list_clear_items(MiniListObject *l) {
    MiniObject **items = l->ob_item;
    Mini_ssize_t n = l->ob_base.ob_size;
    l->ob_item = NULL;
    l->ob_base.ob_size = 0;
    l->allocated = 0;
    drop_refs(items, n);
    _MiniObject_FreeBlock(items);
}

static void list_dealloc(MiniObject *self) {
    list_clear_items(LIST(self));
    MiniObject_Free(self);
}

/* The cycle collector's slots: every item; clearing empties the list. */
static int list_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    MiniListObject *l = LIST(self);
    for (Mini_ssize_t i = Mini_SIZE(self) - 1; i >= 0; i--) Mini_VISIT(l->ob_item[i]);
    return 0;
}

static int list_gc_clear(MiniObject *self) {
    list_clear_items(LIST(self));
    return 0;
}

static MiniObject *list_repr_unlocked(MiniObject *self) {
    if (Mini_SIZE(self) == 0) return MiniUnicode_FromString("[]");
    int r = Mini_ReprEnter(self);
    if (r != 0) return r > 0 ? MiniUnicode_FromString("[...]") : NULL;
    _MiniStrBuf b;
    _MiniStrBuf_Init(&b);
    _MiniStrBuf_AppendChar(&b, '[');
    for (Mini_ssize_t i = 0; i < Mini_SIZE(self); i++) {
        if (i > 0) _MiniStrBuf_AppendC(&b, ", ");
        MiniObject *item = Mini_NewRef(LIST(self)->ob_item[i]);
        int rc = _MiniStrBuf_AppendRepr(&b, item);
        Mini_DECREF(item);
        if (rc < 0) break;
    }
    _MiniStrBuf_AppendChar(&b, ']');
    Mini_ReprLeave(self);
    return _MiniStrBuf_Finish(&b);
}

static MiniObject *list_richcompare_unlocked(MiniObject *v, MiniObject *w, int op) {
    if (!MiniList_Check(v) || !MiniList_Check(w)) Mini_RETURN_NOTIMPLEMENTED;
    if ((op == Mini_EQ || op == Mini_NE) && Mini_SIZE(v) != Mini_SIZE(w)) return MiniBool_FromLong(op == Mini_NE);
    Mini_ssize_t i;
    for (i = 0; i < Mini_SIZE(v) && i < Mini_SIZE(w); i++) {
        MiniObject *a = Mini_NewRef(LIST(v)->ob_item[i]), *b = Mini_NewRef(LIST(w)->ob_item[i]);
        int eq = MiniObject_RichCompareBool(a, b, Mini_EQ);
        if (eq == 0) {
            MiniObject *res = (op == Mini_EQ || op == Mini_NE) ? MiniBool_FromLong(op == Mini_NE)
                                                              : MiniObject_RichCompare(a, b, op);
            Mini_DECREF(a);
            Mini_DECREF(b);
            return res;
        }
        Mini_DECREF(a);
        Mini_DECREF(b);
        if (eq < 0) return NULL;
    }
    Mini_ssize_t na = Mini_SIZE(v), nb = Mini_SIZE(w);
    int r;
    switch (op) {
    case Mini_LT: r = na < nb; break;
    case Mini_LE: r = na <= nb; break;
    case Mini_EQ: r = na == nb; break;
    case Mini_NE: r = na != nb; break;
    case Mini_GT: r = na > nb; break;
    default: r = na >= nb; break;
    }
    return MiniBool_FromLong(r);
}

static Mini_ssize_t list_length_unlocked(MiniObject *self) { return Mini_SIZE(self); }

static MiniObject *list_item_unlocked(MiniObject *self, Mini_ssize_t i) {
    if (i < 0 || i >= Mini_SIZE(self)) return MiniErr_Format(MiniExc_IndexError, "list index out of range");
    return Mini_NewRef(LIST(self)->ob_item[i]);
}

static int list_ass_item_unlocked(MiniObject *self, Mini_ssize_t i, MiniObject *value) {
    if (i < 0 || i >= Mini_SIZE(self)) {
        MiniErr_SetString(MiniExc_IndexError, "list assignment index out of range");
        return -1;
    }
    MiniListObject *l = LIST(self);
    if (value != NULL) {
        MiniObject *prev = l->ob_item[i];
        l->ob_item[i] = Mini_NewRef(value);
        if (prev != NULL) _Mini_DecRefShared(prev);
        return 0;
    }
    MiniObject *old = l->ob_item[i];
    Mini_ssize_t n = Mini_SIZE(self);
    memmove(&l->ob_item[i], &l->ob_item[i + 1], (size_t)(n - i - 1) * sizeof(MiniObject *));
    list_resize(l, n - 1);   /* shrinking never fails */
    if (old != NULL) _Mini_DecRefShared(old);
    return 0;
}

static int list_contains_unlocked(MiniObject *self, MiniObject *item) {
    for (Mini_ssize_t i = 0; i < Mini_SIZE(self); i++) {
        MiniObject *x = Mini_NewRef(LIST(self)->ob_item[i]);
        int r = MiniObject_RichCompareBool(x, item, Mini_EQ);
        Mini_DECREF(x);
        if (r != 0) return r;
    }
    return 0;
}

/* A new list of the count items of self starting at start, step apart. */
static MiniObject *list_slice_unlocked(MiniObject *self, Mini_ssize_t start, Mini_ssize_t step, Mini_ssize_t count) {
    MiniObject *res = list_new_to_fill(count);
    if (res == NULL) return NULL;
    if (step == 1) copy_refs(LIST(res)->ob_item, LIST(self)->ob_item + start, count);
    else for (Mini_ssize_t i = 0, j = start; i < count; i++, j += step)
        LIST(res)->ob_item[i] = Mini_NewRef(LIST(self)->ob_item[j]);
    return res;
}

static MiniObject *list_subscript_unlocked(MiniObject *self, MiniObject *key) {
    if (MiniSlice_Check(key)) {
        Mini_ssize_t start, step, count;
        if (_MiniSlice_Indices(key, Mini_SIZE(self), &start, &step, &count) < 0) return NULL;
        return list_slice_unlocked(self, start, step, count);
    }
    Mini_ssize_t i;
    if (_Mini_SubscriptIndex(key, "list", &i) < 0) return NULL;
    if (i < 0) i += Mini_SIZE(self);
    return list_item_unlocked(self, i);
}

/* del self[start:start+count*step:step] */
static int list_delete_slice_unlocked(MiniListObject *l, Mini_ssize_t start, Mini_ssize_t step, Mini_ssize_t count) {
    if (count <= 0) return 0;
    if (step < 0) {   /* the same items, walked forwards */
        start = start + step * (count - 1);
        step = -step;
    }
    Mini_ssize_t n = l->ob_base.ob_size;
    MiniObject *garbage_on_stack[16];   /* the deleted items, dropped last */
    MiniObject **garbage = count <= 16 ? garbage_on_stack : malloc((size_t)count * sizeof(MiniObject *));
    if (garbage == NULL) { MiniErr_NoMemory(); return -1; }
    Mini_ssize_t out = start, g = 0;
    for (Mini_ssize_t i = start; i < n; i++) {
        if (g < count && i == start + g * step) garbage[g++] = l->ob_item[i];
        else l->ob_item[out++] = l->ob_item[i];
    }
    list_resize(l, n - count);   /* shrinking never fails */
    for (Mini_ssize_t i = 0; i < count; i++) Mini_DECREF(garbage[i]);
    if (garbage != garbage_on_stack) free(garbage);
    return 0;
}

/* self[slice] = value, or del self[slice] when value is NULL. */
static int list_ass_slice_unlocked(MiniObject *self, MiniObject *slice, MiniObject *value) {
    MiniListObject *l = LIST(self);
    Mini_ssize_t start, stop, step;
    if (_MiniSlice_Unpack(slice, &start, &stop, &step) < 0) return -1;
    Mini_ssize_t count = _MiniSlice_AdjustIndices(Mini_SIZE(self), &start, &stop, step);
    if (value == NULL) return list_delete_slice_unlocked(l, start, step, count);
    /* The new items: a tuple, or another list, as they are (nothing below runs Python code before
     * they are all copied in); a snapshot when value is the list itself, when another thread may
     * change value meanwhile (free-threaded mode holds only self's critical section), or when
     * value must be iterated. */
    MiniObject *seq;
    if (MiniTuple_CheckExact(value) || (MiniList_CheckExact(value) && value != self && !_Mini_FreeThreaded)) {
        seq = Mini_NewRef(value);
    } else if (MiniList_CheckExact(value)) {
        seq = MiniList_GetSlice(value, 0, Mini_SIZE(value));
    } else {
        if (Mini_TYPE(value)->tp_iter == NULL &&
            (Mini_TYPE(value)->tp_as_sequence == NULL || Mini_TYPE(value)->tp_as_sequence->sq_item == NULL)) {
            MiniErr_SetString(MiniExc_TypeError, step == 1 ? "can only assign an iterable"
                                                           : "must assign iterable to extended slice");
            return -1;
        }
        seq = _MiniSeq_List(value);
    }
    if (seq == NULL) return -1;
    Mini_ssize_t m = Mini_SIZE(seq);
    MiniObject **src = MiniList_Check(seq) ? LIST(seq)->ob_item : ((MiniTupleObject *)seq)->ob_item;
    int rc = 0;
    if (step == 1) {
        /* Replace items [start, start+count) with the m new ones. */
        Mini_ssize_t n = Mini_SIZE(self);
        if (stop < start) stop = start;
        Mini_ssize_t old = stop - start;
        MiniObject *garbage_on_stack[16];   /* the replaced items, dropped last */
        MiniObject **garbage = old <= 16 ? garbage_on_stack : malloc((size_t)old * sizeof(MiniObject *));
        if (garbage == NULL) { Mini_DECREF(seq); MiniErr_NoMemory(); return -1; }
        for (Mini_ssize_t i = 0; i < old; i++) garbage[i] = l->ob_item[start + i];
        if (m > old) {
            if (list_resize(l, n + m - old) < 0) {
                if (garbage != garbage_on_stack) free(garbage);
                Mini_DECREF(seq);
                return -1;
            }
            memmove(&l->ob_item[start + m], &l->ob_item[stop], (size_t)(n - stop) * sizeof(MiniObject *));
        } else if (m < old) {
            memmove(&l->ob_item[start + m], &l->ob_item[stop], (size_t)(n - stop) * sizeof(MiniObject *));
            list_resize(l, n + m - old);
        }
        copy_refs(l->ob_item + start, src, m);
        for (Mini_ssize_t i = 0; i < old; i++) Mini_DECREF(garbage[i]);
        if (garbage != garbage_on_stack) free(garbage);
    } else if (m != count) {
        MiniErr_Format(MiniExc_ValueError, "attempt to assign sequence of size %zd to extended slice of size %zd",
                       m, count);
        rc = -1;
    } else {
        /* The replaced items are dropped after the loop: a __del__ run by one of them must not
         * see the list half assigned, nor change value (src) under the loop. */
        MiniObject *garbage_on_stack[16];
        MiniObject **garbage = count <= 16 ? garbage_on_stack : malloc((size_t)count * sizeof(MiniObject *));
        if (garbage == NULL) { Mini_DECREF(seq); MiniErr_NoMemory(); return -1; }
        for (Mini_ssize_t i = 0, j = start; i < count; i++, j += step) {
            garbage[i] = l->ob_item[j];
            l->ob_item[j] = Mini_NewRef(src[i]);
        }
        for (Mini_ssize_t i = 0; i < count; i++) _Mini_DecRefShared(garbage[i]);
        if (garbage != garbage_on_stack) free(garbage);
    }
    Mini_DECREF(seq);
    return rc;
}

static int list_ass_subscript_unlocked(MiniObject *self, MiniObject *key, MiniObject *value) {
    if (MiniSlice_Check(key)) return list_ass_slice_unlocked(self, key, value);
    Mini_ssize_t i;
    if (_Mini_SubscriptIndex(key, "list", &i) < 0) return -1;
    if (i < 0) i += Mini_SIZE(self);
    return list_ass_item_unlocked(self, i, value);
}

/* a + b in one allocation of the final size, both lists read in one two-object section. */
static MiniObject *list_concat_unlocked(MiniObject *a, MiniObject *b) {
    Mini_ssize_t na = Mini_SIZE(a), nb = Mini_SIZE(b);
    if (na > MINI_SSIZE_T_MAX - nb) return MiniErr_NoMemory();
    MiniObject *res = list_new_to_fill(na + nb);
    if (res == NULL) return NULL;
    MiniObject **dst = LIST(res)->ob_item;
    copy_refs(dst, LIST(a)->ob_item, na);
    copy_refs(dst + na, LIST(b)->ob_item, nb);
    return res;
}

static MiniObject *list_concat(MiniObject *a, MiniObject *b) {
    if (!MiniList_Check(a) || !MiniList_Check(b)) Mini_RETURN_NOTIMPLEMENTED;
    MiniObject *res;
    Mini_BEGIN_CRITICAL_SECTION2(a, b);
    res = list_concat_unlocked(a, b);
    Mini_END_CRITICAL_SECTION2();
    return res;
}

static MiniObject *list_repeat_unlocked(MiniObject *a, MiniObject *b) {
    MiniObject *l = MiniList_Check(a) ? a : b, *count = l == a ? b : a;
    if (!MiniList_Check(l) || !MiniLong_Check(count)) Mini_RETURN_NOTIMPLEMENTED;
    Mini_ssize_t k = MiniNumber_AsSsize_t(count, MiniExc_OverflowError);
    if (k == -1 && MiniErr_Occurred()) return NULL;
    if (k < 0) k = 0;
    Mini_ssize_t n = Mini_SIZE(l), total;
    if (__builtin_mul_overflow(n, k, &total)) return MiniErr_NoMemory();
    MiniObject *res = MiniList_New(total);
    if (res == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < total; i++) LIST(res)->ob_item[i] = Mini_NewRef(LIST(l)->ob_item[i % n]);
    return res;
}

static int list_init_unlocked(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    if (kwargs != NULL && MiniDict_Size(kwargs) != 0) {
        MiniErr_SetString(MiniExc_TypeError, "list() takes no keyword arguments");
        return -1;
    }
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n > 1) {
        MiniErr_Format(MiniExc_TypeError, "list expected at most 1 argument, got %zd", n);
        return -1;
    }
    list_clear_items(LIST(self));
    return n == 1 ? MiniList_Extend(self, MiniTuple_GET_ITEM(args, 0)) : 0;
}

/* ----- methods ------------------------------------------------------------------------------------ */

static MiniObject *list_append(MiniObject *self, MiniObject *item) {
    if (MiniList_Append(self, item) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *list_extend(MiniObject *self, MiniObject *iterable) {
    if (!MiniList_Check(iterable) && !MiniTuple_Check(iterable) && Mini_TYPE(iterable)->tp_iter == NULL &&
        (Mini_TYPE(iterable)->tp_as_sequence == NULL || Mini_TYPE(iterable)->tp_as_sequence->sq_item == NULL))
        return MiniErr_Format(MiniExc_TypeError, "'%.200s' object is not iterable", Mini_TYPE(iterable)->tp_name);
    if (MiniList_Extend(self, iterable) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* An index argument (int or __index__) as Mini_ssize_t, clamped. */
static int index_arg(MiniObject *o, Mini_ssize_t *out) {
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    if (!MiniLong_Check(o) && (nb == NULL || nb->nb_index == NULL)) {
        MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer", Mini_TYPE(o)->tp_name);
        return -1;
    }
    *out = MiniNumber_AsSsize_t(o, NULL);
    return *out == -1 && MiniErr_Occurred() ? -1 : 0;
}

/* An index argument as Mini_ssize_t, not clamped: too big for it is CPython's OverflowError
 * "Python int too large to convert to C ssize_t" (list.insert, list.pop: their argument is a
 * C ssize_t in CPython, not a slice bound). */
static int ssize_arg(MiniObject *o, Mini_ssize_t *out) {
    MiniNumberMethods *nb = Mini_TYPE(o)->tp_as_number;
    if (!MiniLong_Check(o) && (nb == NULL || nb->nb_index == NULL)) {
        MiniErr_Format(MiniExc_TypeError, "'%.200s' object cannot be interpreted as an integer", Mini_TYPE(o)->tp_name);
        return -1;
    }
    MiniObject *i = MiniNumber_Index(o);
    if (i == NULL) return -1;
    *out = MiniLong_AsSsize_t(i);
    Mini_DECREF(i);
    return *out == -1 && MiniErr_Occurred() ? -1 : 0;
}

static MiniObject *list_insert(MiniObject *self, MiniObject *const *args, Mini_ssize_t n) {
    Mini_ssize_t where;
    if (n != 2) return MiniErr_Format(MiniExc_TypeError, "insert expected 2 arguments, got %zd", n);
    if (ssize_arg(args[0], &where) < 0) return NULL;
    if (MiniList_Insert(self, where, args[1]) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *list_pop_unlocked(MiniObject *self, MiniObject *const *args, Mini_ssize_t n) {
    Mini_ssize_t i = -1;
    if (n > 1) return MiniErr_Format(MiniExc_TypeError, "pop expected at most 1 argument, got %zd", n);
    if (n == 1 && ssize_arg(args[0], &i) < 0) return NULL;
    Mini_ssize_t size = Mini_SIZE(self);
    if (size == 0) return MiniErr_Format(MiniExc_IndexError, "pop from empty list");
    if (i < 0) i += size;
    if (i < 0 || i >= size) return MiniErr_Format(MiniExc_IndexError, "pop index out of range");
    MiniListObject *l = LIST(self);
    MiniObject *item = l->ob_item[i];
    memmove(&l->ob_item[i], &l->ob_item[i + 1], (size_t)(size - i - 1) * sizeof(MiniObject *));
    list_resize(l, size - 1);   /* shrinking never fails */
    return item;
}

/* The first index in [start, stop) holding an item equal to x, -1 if none, -2 on error. */
static Mini_ssize_t list_find_unlocked(MiniObject *self, MiniObject *x, Mini_ssize_t start, Mini_ssize_t stop) {
    for (Mini_ssize_t i = start; i < stop && i < Mini_SIZE(self); i++) {
        MiniObject *item = Mini_NewRef(LIST(self)->ob_item[i]);
        int eq = MiniObject_RichCompareBool(item, x, Mini_EQ);
        Mini_DECREF(item);
        if (eq < 0) return -2;
        if (eq) return i;
    }
    return -1;
}

static MiniObject *list_remove_unlocked(MiniObject *self, MiniObject *x) {
    Mini_ssize_t i = list_find_unlocked(self, x, 0, Mini_SIZE(self));
    if (i == -2) return NULL;
    if (i < 0) return MiniErr_Format(MiniExc_ValueError, "list.remove(x): x not in list");
    if (list_ass_item_unlocked(self, i, NULL) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* Normalises the optional start/stop of index(): negative values count from the end. */
static int index_bounds(MiniObject *args, const char *name, Mini_ssize_t size, MiniObject **x,
                        Mini_ssize_t *start, Mini_ssize_t *stop) {
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n < 1 || n > 3) {
        if (n < 1) MiniErr_Format(MiniExc_TypeError, "%s expected at least 1 argument, got 0", name);
        else MiniErr_Format(MiniExc_TypeError, "%s expected at most 3 arguments, got %zd", name, n);
        return -1;
    }
    *x = MiniTuple_GET_ITEM(args, 0);
    *start = 0;
    *stop = MINI_SSIZE_T_MAX;
    if (n > 1 && MiniTuple_GET_ITEM(args, 1) != Mini_None && index_arg(MiniTuple_GET_ITEM(args, 1), start) < 0) return -1;
    if (n > 2 && MiniTuple_GET_ITEM(args, 2) != Mini_None && index_arg(MiniTuple_GET_ITEM(args, 2), stop) < 0) return -1;
    if (*start < 0) { *start += size; if (*start < 0) *start = 0; }
    if (*stop < 0) { *stop += size; if (*stop < 0) *stop = 0; }
    return 0;
}

static MiniObject *list_index_unlocked(MiniObject *self, MiniObject *args) {
    MiniObject *x;
    Mini_ssize_t start, stop;
    if (index_bounds(args, "index", Mini_SIZE(self), &x, &start, &stop) < 0) return NULL;
    Mini_ssize_t i = list_find_unlocked(self, x, start, stop);
    if (i == -2) return NULL;
    if (i < 0) return MiniErr_Format(MiniExc_ValueError, "%R is not in list", x);
    return MiniLong_FromSsize_t(i);
}

static MiniObject *list_count_unlocked(MiniObject *self, MiniObject *x) {
    Mini_ssize_t count = 0;
    for (Mini_ssize_t i = 0; i < Mini_SIZE(self); i++) {
        MiniObject *item = Mini_NewRef(LIST(self)->ob_item[i]);
        int eq = MiniObject_RichCompareBool(item, x, Mini_EQ);
        Mini_DECREF(item);
        if (eq < 0) return NULL;
        count += eq;
    }
    return MiniLong_FromSsize_t(count);
}

static MiniObject *list_sort_method_unlocked(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    if (MiniTuple_GET_SIZE(args) != 0) return MiniErr_Format(MiniExc_TypeError, "sort() takes no positional arguments");
    MiniObject *key = NULL, *reverse = NULL;
    if (kwargs != NULL) {
        Mini_ssize_t pos = 0;
        MiniObject *k, *v;
        while (MiniDict_Next(kwargs, &pos, &k, &v)) {
            if (MiniUnicode_EqualToUTF8(k, "key")) key = v;
            else if (MiniUnicode_EqualToUTF8(k, "reverse")) reverse = v;
            else return MiniErr_Format(MiniExc_TypeError, "'%U' is an invalid keyword argument for sort()", k);
        }
    }
    int rev = 0;
    if (reverse != NULL && (rev = MiniObject_IsTrue(reverse)) < 0) return NULL;
    if (_MiniList_SortKey(self, key, rev) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *list_reverse(MiniObject *self, MiniObject *unused) {
    (void)unused;
    MiniList_Reverse(self);
    Mini_RETURN_NONE;
}

static MiniObject *list_copy(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return MiniList_GetSlice(self, 0, MINI_SSIZE_T_MAX);   /* clamped to the size under the lock */
}

static MiniObject *list_clear_method_unlocked(MiniObject *self, MiniObject *unused) {
    (void)unused;
    list_clear_items(LIST(self));
    Mini_RETURN_NONE;
}

static MiniObject *list_reversed(MiniObject *self, MiniObject *unused) {
    (void)unused;
    return _MiniReversed_New(self);
}

/* ----- the slots and methods, each in the list's critical section ---------------------------------- */

static MiniObject *list_repr(MiniObject *self) { return LOCKED(self, MiniObject *, list_repr_unlocked(self)); }

static MiniObject *list_richcompare(MiniObject *v, MiniObject *w, int op) {
    MiniObject *r;
    Mini_BEGIN_CRITICAL_SECTION2(v, w);
    r = list_richcompare_unlocked(v, w, op);
    Mini_END_CRITICAL_SECTION2();
    return r;
}

static Mini_ssize_t list_length(MiniObject *self) { return LOCKED(self, Mini_ssize_t, list_length_unlocked(self)); }

static MiniObject *list_item(MiniObject *self, Mini_ssize_t i) {
    return LOCKED(self, MiniObject *, list_item_unlocked(self, i));
}

static int list_ass_item(MiniObject *self, Mini_ssize_t i, MiniObject *value) {
    return LOCKED(self, int, list_ass_item_unlocked(self, i, value));
}

static int list_contains(MiniObject *self, MiniObject *item) {
    return LOCKED(self, int, list_contains_unlocked(self, item));
}

static MiniObject *list_subscript(MiniObject *self, MiniObject *key) {
    return LOCKED(self, MiniObject *, list_subscript_unlocked(self, key));
}

static int list_ass_subscript(MiniObject *self, MiniObject *key, MiniObject *value) {
    return LOCKED(self, int, list_ass_subscript_unlocked(self, key, value));
}

/* list *= k in place (the caller holds the section): the first n items copied k-1 more times. */
static MiniObject *list_inplace_repeat_unlocked(MiniObject *self, MiniObject *count) {
    MiniNumberMethods *nb = Mini_TYPE(count)->tp_as_number;
    if (!MiniLong_Check(count) && (nb == NULL || nb->nb_index == NULL))
        return MiniErr_Format(MiniExc_TypeError, "can't multiply sequence by non-int of type '%.200s'", MiniType_Name(Mini_TYPE(count)));
    Mini_ssize_t k = MiniNumber_AsSsize_t(count, MiniExc_OverflowError);
    if (k == -1 && MiniErr_Occurred()) return NULL;
    MiniListObject *l = LIST(self);
    Mini_ssize_t n = l->ob_base.ob_size, total;
    if (k <= 0 || n == 0) {
        if (n > 0) list_clear_items(l);
        return Mini_NewRef(self);
    }
    if (__builtin_mul_overflow(n, k, &total)) return MiniErr_NoMemory();
    if (list_resize(l, total) < 0) return NULL;
    for (Mini_ssize_t i = n; i < total; i++) l->ob_item[i] = Mini_NewRef(l->ob_item[i - n]);
    return Mini_NewRef(self);
}

MiniObject *_MiniList_InPlaceRepeat(MiniObject *list, MiniObject *count) {
    return LOCKED(list, MiniObject *, list_inplace_repeat_unlocked(list, count));
}

/* list.__iadd__(iterable): extends the list and returns it (what `l += x` does). */
static MiniObject *list_iadd_method(MiniObject *self, MiniObject *iterable) {
    MiniObject *r = list_extend(self, iterable);
    if (r == NULL) return NULL;
    Mini_DECREF(r);
    return Mini_NewRef(self);
}

static MiniObject *list_repeat(MiniObject *a, MiniObject *b) {
    MiniObject *l = MiniList_Check(a) ? a : b;
    return LOCKED(l, MiniObject *, list_repeat_unlocked(a, b));
}

static int list_init(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    return LOCKED(self, int, list_init_unlocked(self, args, kwargs));
}

static MiniObject *list_pop(MiniObject *self, MiniObject *const *args, Mini_ssize_t n) {
    return LOCKED(self, MiniObject *, list_pop_unlocked(self, args, n));
}

static MiniObject *list_remove(MiniObject *self, MiniObject *x) {
    return LOCKED(self, MiniObject *, list_remove_unlocked(self, x));
}

static MiniObject *list_index(MiniObject *self, MiniObject *args) {
    return LOCKED(self, MiniObject *, list_index_unlocked(self, args));
}

static MiniObject *list_count(MiniObject *self, MiniObject *x) {
    return LOCKED(self, MiniObject *, list_count_unlocked(self, x));
}

static MiniObject *list_sort_method(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    return LOCKED(self, MiniObject *, list_sort_method_unlocked(self, args, kwargs));
}

static MiniObject *list_clear_method(MiniObject *self, MiniObject *unused) {
    return LOCKED(self, MiniObject *, list_clear_method_unlocked(self, unused));
}

static MiniMethodDef list_methods[] = {
    { "append", list_append, MINI_METH_O, "Append object to the end of the list." },
    { "extend", list_extend, MINI_METH_O, "Extend list by appending elements from the iterable." },
    { "insert", _MiniCFunction_CAST(list_insert), MINI_METH_FASTCALL, "Insert object before index." },
    { "pop", _MiniCFunction_CAST(list_pop), MINI_METH_FASTCALL, "Remove and return item at index (default last)." },
    { "remove", list_remove, MINI_METH_O, "Remove first occurrence of value." },
    { "index", list_index, MINI_METH_VARARGS, "Return first index of value." },
    { "count", list_count, MINI_METH_O, "Return number of occurrences of value." },
    { "sort", _MiniCFunction_CAST(list_sort_method), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
      "Sort the list in ascending order and return None." },
    { "reverse", list_reverse, MINI_METH_NOARGS, "Reverse *IN PLACE*." },
    { "copy", list_copy, MINI_METH_NOARGS, "Return a shallow copy of the list." },
    { "clear", list_clear_method, MINI_METH_NOARGS, "Remove all items from list." },
    { "__reversed__", list_reversed, MINI_METH_NOARGS, "Return a reverse iterator over the list." },
    { "__iadd__", list_iadd_method, MINI_METH_O, "Implement self+=value." },
    { "__imul__", _MiniList_InPlaceRepeat, MINI_METH_O, "Implement self*=value." },
    { NULL, NULL, 0, NULL },
};

static MiniSequenceMethods list_as_sequence = {
    .sq_length = list_length,
    .sq_item = list_item,
    .sq_ass_item = list_ass_item,
    .sq_contains = list_contains,
};

static MiniMappingMethods list_as_mapping = {
    .mp_length = list_length,
    .mp_subscript = list_subscript,
    .mp_ass_subscript = list_ass_subscript,
};

static MiniNumberMethods list_as_number = {
    .nb_add = list_concat,
    .nb_multiply = list_repeat,
};

MiniTypeObject MiniList_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "list",
    .tp_basicsize = sizeof(MiniListObject),
    .tp_dealloc = list_dealloc,
    .tp_repr = list_repr,
    .tp_richcompare = list_richcompare,      /* no tp_hash: lists are unhashable */
    .tp_iter = _MiniSeqIter_New,
    .tp_as_number = &list_as_number,
    .tp_as_sequence = &list_as_sequence,
    .tp_as_mapping = &list_as_mapping,
    .tp_methods = list_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE | MINI_TPFLAGS_LIST_SUBCLASS | MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = list_traverse,
    .tp_clear = list_gc_clear,
    .tp_doc = "list(iterable=()) -> new list",
    .tp_new = MiniType_GenericNew,
    .tp_init = list_init,
};
