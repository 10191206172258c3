/* modules/picklemodule.c: the `pickle` module: dumps/loads (and dump/load on files) in CPython's
 * binary pickle format, protocols 4 and 5, so the kit and python3 can exchange data, and so
 * multiprocessing can send arguments and results between processes.
 *
 * dumps writes exactly the bytes CPython 3.11's pickler writes for the built-in types (None,
 * bool, int of any size, float, str, bytes, tuple, list, dict, set, frozenset), for functions
 * and classes (by reference: module and qualified name, STACK_GLOBAL) and for instances of
 * classes defined in Python (class by reference, NEWOBJ, then the instance __dict__ and BUILD):
 * other objects through their class's __reduce_ex__/__reduce__ (callable, arguments, REDUCE, then
 * list items, dict items and state as CPython's save_reduce; array.array uses it) and
 * __getstate__; the same opcode choices, the same memo (an object met twice is written once and fetched back
 * with BINGET; str, bytes, tuple, list, dict, set, frozenset and globals are memoized; numbers
 * are not), the same 1000-item batches and the same 64 KiB frames. Unpicklable values raise
 * CPython's errors: PicklingError "Can't pickle <function <lambda> ...>: attribute lookup ...
 * failed", AttributeError "Can't pickle local object 'f.<locals>.g'", TypeError "cannot pickle
 * 'generator' object". loads reads every opcode CPython writes for those types under protocols 2
 * to 5; malformed input raises UnpicklingError ("pickle data was truncated", "invalid load key,
 * 'x'.") or EOFError "Ran out of input", never crashes. Protocols 0-3 are not written (ValueError).
 * The Pickler and Unpickler classes (pickleclasses.c) reuse this machinery through
 * pickle_internal.h, with a memo that lasts across their dump()/load() calls.
 * Speed (session 7, as CPython's _pickle): the pickler's memo is an open-addressing table keyed
 * by object address holding a reference to each object (pickle_memo.c; dumps reuses the thread's
 * spare table, so a warm dumps allocates no memo); its
 * output starts in a 4 KiB buffer inside its state and grows geometrically; exact lists and dicts
 * are walked directly (no items() view, no iterator, no tuple per item); ints of up to 64 bits
 * are encoded without calls. The unpickler's stack is a C array (64 slots inline), TUPLE/LIST
 * take their items from it in one move, APPENDS extends a list with one resize, and MEMOIZE's
 * index is a running count.
 * Holds the GIL throughout; recursion is bounded by the interpreter's recursion limit. */
#include "stdlib_internal.h"
#include "lib_internal.h"
#include "longobject_internal.h"
#include "mini_vm.h"
#include "pickle_internal.h"
#include "unicodeobject_internal.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ----- opcodes (the format's, as documented in CPython's pickletools) ------------------------ */
enum {
    OP_MARK = '(', OP_STOP = '.', OP_POP = '0', OP_POP_MARK = '1', OP_NONE = 'N',
    OP_BININT = 'J', OP_BININT1 = 'K', OP_BININT2 = 'M', OP_BINFLOAT = 'G',
    OP_BINUNICODE = 'X', OP_APPEND = 'a', OP_APPENDS = 'e', OP_BUILD = 'b', OP_GLOBAL = 'c',
    OP_DICT = 'd', OP_EMPTY_DICT = '}', OP_BINGET = 'h', OP_LONG_BINGET = 'j', OP_LIST = 'l',
    OP_EMPTY_LIST = ']', OP_BINPUT = 'q', OP_LONG_BINPUT = 'r', OP_REDUCE = 'R', OP_SETITEM = 's',
    OP_SETITEMS = 'u', OP_TUPLE = 't', OP_EMPTY_TUPLE = ')', OP_BINBYTES = 'B', OP_SHORT_BINBYTES = 'C',
    OP_PROTO = 0x80, OP_NEWOBJ = 0x81, OP_TUPLE1 = 0x85, OP_TUPLE2 = 0x86, OP_TUPLE3 = 0x87,
    OP_NEWTRUE = 0x88, OP_NEWFALSE = 0x89, OP_LONG1 = 0x8a, OP_LONG4 = 0x8b,
    OP_SHORT_BINUNICODE = 0x8c, OP_BINUNICODE8 = 0x8d, OP_BINBYTES8 = 0x8e, OP_EMPTY_SET = 0x8f,
    OP_ADDITEMS = 0x90, OP_FROZENSET = 0x91, OP_STACK_GLOBAL = 0x93, OP_MEMOIZE = 0x94, OP_FRAME = 0x95,
};

#define HIGHEST_PROTOCOL 5
#define DEFAULT_PROTOCOL 4
#define BATCHSIZE 1000
#define FRAME_SIZE_TARGET (64 * 1024)
#define FRAME_SIZE_MIN 4
#define FRAME_HEADER_SIZE 9

static MiniObject *PickleError, *PicklingError, *UnpicklingError;

/* ===== the pickler =============================================================================== */

#define INLINE_BUF 4096    /* most pickles fit here without a malloc */

typedef struct MiniPicklerState {
    char *buf;                     /* inline_buf, or a malloc'd block once the pickle outgrew it */
    Mini_ssize_t len, cap;
    Mini_ssize_t frame_start;      /* offset of the current frame's reserved header, or -1 */
    int proto;
    _MiniPickleMemo memo;          /* object address -> index (pickle_memo.c) */
    int depth;
    char inline_buf[INLINE_BUF];
} Pickler;

static void p_init(Pickler *p, int proto, int pooled_memo) {
    p->buf = p->inline_buf;
    p->cap = INLINE_BUF;
    p->len = 0;
    p->frame_start = -1;
    p->proto = proto;
    _MiniPickleMemo_Init(&p->memo, pooled_memo);
    p->depth = 0;
}

/* Grows the buffer geometrically so that extra more bytes fit: 0, or -1 with MemoryError. */
static int p_grow(Pickler *p, Mini_ssize_t extra) {
    Mini_ssize_t cap = p->cap;
    while (cap < p->len + extra) {
        if (cap > MINI_SSIZE_T_MAX / 2) { MiniErr_NoMemory(); return -1; }
        cap *= 2;
    }
    char *b = p->buf == p->inline_buf ? malloc((size_t)cap) : realloc(p->buf, (size_t)cap);
    if (b == NULL) { MiniErr_NoMemory(); return -1; }
    if (p->buf == p->inline_buf) memcpy(b, p->inline_buf, (size_t)p->len);
    p->buf = b;
    p->cap = cap;
    return 0;
}

static inline int p_reserve(Pickler *p, Mini_ssize_t extra) {
    if (MINI_LIKELY(p->len + extra <= p->cap)) return 0;
    return p_grow(p, extra);
}

static inline int p_write(Pickler *p, const void *data, Mini_ssize_t n) {
    if (p_reserve(p, n) < 0) return -1;
    memcpy(p->buf + p->len, data, (size_t)n);
    p->len += n;
    return 0;
}

static inline int p_op(Pickler *p, int op) {
    if (p_reserve(p, 1) < 0) return -1;
    p->buf[p->len++] = (char)op;
    return 0;
}

static void put_le(unsigned char *out, uint64_t v, int n) {
    for (int i = 0; i < n; i++) out[i] = (unsigned char)(v >> (8 * i));
}

/* Starts a frame: reserves its header. */
static int p_frame_start(Pickler *p) {
    if (p->proto < 4) return 0;
    p->frame_start = p->len;
    if (p_reserve(p, FRAME_HEADER_SIZE) < 0) return -1;
    p->len += FRAME_HEADER_SIZE;
    return 0;
}

/* Ends the current frame: writes its header, or drops the reservation for a frame under
 * FRAME_SIZE_MIN bytes (CPython leaves those unframed). */
static void p_frame_commit(Pickler *p) {
    if (p->frame_start < 0) return;
    Mini_ssize_t size = p->len - p->frame_start - FRAME_HEADER_SIZE;
    char *header = p->buf + p->frame_start;
    if (size >= FRAME_SIZE_MIN) {
        header[0] = (char)OP_FRAME;
        put_le((unsigned char *)header + 1, (uint64_t)size, 8);
    } else {
        memmove(header, header + FRAME_HEADER_SIZE, (size_t)size);
        p->len -= FRAME_HEADER_SIZE;
    }
    p->frame_start = -1;
}

/* After each object: a frame that reached the target size is closed and a new one opened. */
static inline int p_boundary(Pickler *p) {
    if (MINI_LIKELY(p->frame_start < 0 || p->len - p->frame_start - FRAME_HEADER_SIZE < FRAME_SIZE_TARGET))
        return 0;
    p_frame_commit(p);
    return p_frame_start(p);
}

/* An opcode header and a payload; payloads of a frame's size or more go outside any frame. */
static int p_write_payload(Pickler *p, const unsigned char *header, int hlen, const char *data, Mini_ssize_t n) {
    if (p->frame_start >= 0 && n >= FRAME_SIZE_TARGET) {
        p_frame_commit(p);
        if (p_write(p, header, hlen) < 0 || p_write(p, data, n) < 0) return -1;
        return p_frame_start(p);
    }
    if (p_reserve(p, hlen + n) < 0) return -1;
    memcpy(p->buf + p->len, header, (size_t)hlen);
    memcpy(p->buf + p->len + hlen, data, (size_t)n);
    p->len += hlen + n;
    return 0;
}

static inline Mini_ssize_t memo_find(Pickler *p, MiniObject *o) { return _MiniPickleMemo_Find(&p->memo, o); }

/* Records o in the memo (MEMOIZE for protocol 4+, BINPUT before). */
static int p_memoize(Pickler *p, MiniObject *o) {
    Mini_ssize_t idx = p->memo.count;
    if (_MiniPickleMemo_Put(&p->memo, o) < 0) return -1;
    if (p->proto >= 4) return p_op(p, OP_MEMOIZE);
    unsigned char b[5];
    if (idx < 256) { b[0] = OP_BINPUT; b[1] = (unsigned char)idx; return p_write(p, b, 2); }
    b[0] = OP_LONG_BINPUT; put_le(b + 1, (uint64_t)idx, 4);
    return p_write(p, b, 5);
}

static int p_get(Pickler *p, Mini_ssize_t idx) {
    unsigned char b[5];
    if (idx < 256) { b[0] = OP_BINGET; b[1] = (unsigned char)idx; return p_write(p, b, 2); }
    b[0] = OP_LONG_BINGET; put_le(b + 1, (uint64_t)idx, 4);
    return p_write(p, b, 5);
}

static int save(Pickler *p, MiniObject *o);

/* An int that fits in 64 bits and not in BININT's 32: LONG1 with CPython's encode_long bytes,
 * computed directly (no bit_length/to_bytes calls). */
static int save_long64(Pickler *p, long long v) {
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int nbits = mag == 0 ? 0 : 64 - __builtin_clzll(mag);
    int n = (nbits >> 3) + 1;
    unsigned char b[2 + 9];
    b[0] = OP_LONG1;
    put_le(b + 2, (uint64_t)v, 8);
    b[10] = v < 0 ? 0xff : 0;
    if (v < 0 && n > 1 && b[2 + n - 1] == 0xff && (b[2 + n - 2] & 0x80)) n--;
    b[1] = (unsigned char)n;
    return p_write(p, b, 2 + n);
}

/* CPython's encode_long: little-endian two's complement in (bits / 8) + 1 bytes, a redundant
 * trailing 0xff of a negative number dropped. */
static int save_long(Pickler *p, MiniObject *o) {
    int overflow = 0;
    long long v = MiniLong_AsLongLong(o);
    if (v == -1 && MiniErr_Occurred()) {
        if (!MiniErr_ExceptionMatches(MiniExc_OverflowError)) return -1;
        MiniErr_Clear();
        overflow = 1;
    }
    unsigned char b[9];
    if (!overflow) {
        if (v >= 0 && v <= 0xff) { b[0] = OP_BININT1; b[1] = (unsigned char)v; return p_write(p, b, 2); }
        if (v >= 0 && v <= 0xffff) { b[0] = OP_BININT2; put_le(b + 1, (uint64_t)v, 2); return p_write(p, b, 3); }
        if (v >= -0x80000000LL && v <= 0x7fffffffLL) { b[0] = OP_BININT; put_le(b + 1, (uint64_t)v, 4); return p_write(p, b, 5); }
        return save_long64(p, v);
    }
    Mini_ssize_t n = (Mini_ssize_t)(_MiniLong_NumBits(o) >> 3) + 1;
    MiniObject *len = MiniLong_FromSsize_t(n), *order = MiniUnicode_FromString("little");
    MiniObject *args = (len && order) ? MiniTuple_Pack(2, len, order) : NULL;
    Mini_XDECREF(len); Mini_XDECREF(order);
    MiniObject *kw = args ? MiniDict_New() : NULL;
    if (kw == NULL || MiniDict_SetItemString(kw, "signed", Mini_True) < 0) { Mini_XDECREF(args); Mini_XDECREF(kw); return -1; }
    MiniObject *meth = MiniObject_GetAttrString(o, "to_bytes");
    MiniObject *bytes = meth ? MiniObject_Call(meth, args, kw) : NULL;
    Mini_XDECREF(meth); Mini_DECREF(args); Mini_DECREF(kw);
    if (bytes == NULL) return -1;
    const unsigned char *d = (const unsigned char *)MiniBytes_AsString(bytes);
    if (_MiniLong_Sign(o) < 0 && n > 1 && d[n - 1] == 0xff && (d[n - 2] & 0x80)) n--;
    unsigned char h[5];
    int hlen;
    if (n < 256) { h[0] = OP_LONG1; h[1] = (unsigned char)n; hlen = 2; }
    else { h[0] = OP_LONG4; put_le(h + 1, (uint64_t)n, 4); hlen = 5; }
    int r = p_write_payload(p, h, hlen, (const char *)d, n);
    Mini_DECREF(bytes);
    return r;
}

static int save_float(Pickler *p, MiniObject *o) {
    double v = MiniFloat_AsDouble(o);
    uint64_t bits;
    memcpy(&bits, &v, 8);
    unsigned char b[9];
    b[0] = OP_BINFLOAT;
    for (int i = 0; i < 8; i++) b[1 + i] = (unsigned char)(bits >> (56 - 8 * i));   /* big-endian */
    return p_write(p, b, 9);
}

/* str and bytes: short (1-byte length), 4-byte, or 8-byte length forms. */
static int save_sized(Pickler *p, int op_short, int op4, int op8, const char *data, Mini_ssize_t n) {
    unsigned char h[9];
    int hlen;
    if (n <= 0xff) { h[0] = (unsigned char)op_short; h[1] = (unsigned char)n; hlen = 2; }
    else if ((uint64_t)n > 0xffffffffULL) { h[0] = (unsigned char)op8; put_le(h + 1, (uint64_t)n, 8); hlen = 9; }
    else { h[0] = (unsigned char)op4; put_le(h + 1, (uint64_t)n, 4); hlen = 5; }
    return p_write_payload(p, h, hlen, data, n);
}

static int save_str(Pickler *p, MiniObject *o) {   /* o is an exact str: its UTF-8 is at hand */
    if (save_sized(p, OP_SHORT_BINUNICODE, OP_BINUNICODE, OP_BINUNICODE8, _MiniUnicode_DATA(o), _MiniUnicode_NBYTES(o)) < 0)
        return -1;
    return p_memoize(p, o);
}

static int save_bytes(Pickler *p, MiniObject *o) {
    if (save_sized(p, OP_SHORT_BINBYTES, OP_BINBYTES, OP_BINBYTES8, MiniBytes_AsString(o), MiniBytes_Size(o)) < 0) return -1;
    return p_memoize(p, o);
}

/* The items of any iterable (a list or dict subclass, or the iterators of a __reduce__ result) in
 * batches, as CPython's C pickler writes them (its batch_list/batch_dict): MARK items... `many`
 * per batch of up to 1000, except that a batch of one item is that item + `one`. */
static int save_batched(Pickler *p, MiniObject *seq, int one, int many, int pairs) {
    MiniObject *it = MiniObject_GetIter(seq);
    if (it == NULL) return -1;
    MiniObject *batch[BATCHSIZE];
    for (;;) {
        int n = 0;
        MiniObject *x;
        while (n < BATCHSIZE && (x = MiniIter_Next(it)) != NULL) batch[n++] = x;
        int rc = 0;
        if (MiniErr_Occurred()) rc = -1;
        if (rc == 0 && n > 1 && p_op(p, OP_MARK) < 0) rc = -1;
        for (int i = 0; rc == 0 && i < n; i++) {
            if (pairs) {
                if (!MiniTuple_Check(batch[i]) || MiniTuple_GET_SIZE(batch[i]) != 2) {
                    MiniErr_SetString(PicklingError, "dict items iterator must return 2-tuples");
                    rc = -1;
                } else if (save(p, MiniTuple_GET_ITEM(batch[i], 0)) < 0 || save(p, MiniTuple_GET_ITEM(batch[i], 1)) < 0) rc = -1;
            } else if (save(p, batch[i]) < 0) rc = -1;
        }
        if (rc == 0 && n > 0 && p_op(p, n > 1 ? many : one) < 0) rc = -1;
        for (int i = 0; i < n; i++) Mini_DECREF(batch[i]);
        if (rc < 0) { Mini_DECREF(it); return -1; }
        if (n < BATCHSIZE) break;
    }
    Mini_DECREF(it);
    return 0;
}

/* list[i] as a new reference, or NULL past the end (the list may shrink while its items are
 * saved: __reduce__ runs Python code). Taken inside the list's critical section. */
static MiniObject *list_item_ref(MiniObject *list, Mini_ssize_t i) {
    MiniObject *x = NULL;
    Mini_BEGIN_CRITICAL_SECTION(list);
    if (i < MiniList_GET_SIZE(list)) x = Mini_NewRef(MiniList_GET_ITEM(list, i));
    Mini_END_CRITICAL_SECTION();
    return x;
}

/* The items of an exact list, as CPython's batch_list_exact: one item is item + APPEND; more are
 * MARK items... APPENDS per batch of up to 1000 (a last batch of one included). */
static int save_list_items(Pickler *p, MiniObject *list) {
    Mini_ssize_t total = 0;
    MiniObject *x;
    if (MiniList_GET_SIZE(list) == 1) {
        if ((x = list_item_ref(list, 0)) == NULL) return 0;
        int rc = save(p, x);
        Mini_DECREF(x);
        return rc < 0 ? -1 : p_op(p, OP_APPEND);
    }
    do {
        if (p_op(p, OP_MARK) < 0) return -1;
        for (int batch = 0; batch < BATCHSIZE && (x = list_item_ref(list, total)) != NULL; batch++) {
            int rc = save(p, x);
            Mini_DECREF(x);
            if (rc < 0) return -1;
            total++;
        }
        if (p_op(p, OP_APPENDS) < 0) return -1;
    } while (total < MiniList_GET_SIZE(list));
    return 0;
}

static int save_list(Pickler *p, MiniObject *o) {
    if (p_op(p, OP_EMPTY_LIST) < 0 || p_memoize(p, o) < 0) return -1;
    return MiniList_GET_SIZE(o) == 0 ? 0 : save_list_items(p, o);
}

/* The next key and value of dict d from *pos as new references: 1, or 0 at the end. Taken inside
 * the dict's critical section (MiniDict_Next's references are borrowed). */
static int dict_next_ref(MiniObject *d, Mini_ssize_t *pos, MiniObject **k, MiniObject **v) {
    int more;
    Mini_BEGIN_CRITICAL_SECTION(d);
    more = MiniDict_Next(d, pos, k, v);
    if (more) { Mini_INCREF(*k); Mini_INCREF(*v); }
    Mini_END_CRITICAL_SECTION();
    return more;
}

static int save_pair(Pickler *p, MiniObject *k, MiniObject *v) {
    int rc = (save(p, k) < 0 || save(p, v) < 0) ? -1 : 0;
    Mini_DECREF(k);
    Mini_DECREF(v);
    return rc;
}

/* The items of an exact dict, as CPython's batch_dict_exact: one item is key value SETITEM; more
 * are MARK pairs... SETITEMS per batch of 1000, and after a full batch another batch follows even
 * when it is empty (so exactly 1000 items end with an empty MARK SETITEMS, as CPython writes). */
static int save_dict_items(Pickler *p, MiniObject *d) {
    Mini_ssize_t size = MiniDict_Size(d), pos = 0;
    MiniObject *k, *v;
    if (size == 1) {
        if (!dict_next_ref(d, &pos, &k, &v)) return 0;
        return save_pair(p, k, v) < 0 ? -1 : p_op(p, OP_SETITEM);
    }
    int n;
    do {
        if (p_op(p, OP_MARK) < 0) return -1;
        for (n = 0; n < BATCHSIZE && dict_next_ref(d, &pos, &k, &v); n++)
            if (save_pair(p, k, v) < 0) return -1;
        if (p_op(p, OP_SETITEMS) < 0) return -1;
        if (MiniDict_Size(d) != size) {
            MiniErr_SetString(MiniExc_RuntimeError, "dictionary changed size during iteration");
            return -1;
        }
    } while (n == BATCHSIZE);
    return 0;
}

static int save_dict(Pickler *p, MiniObject *o) {
    if (p_op(p, OP_EMPTY_DICT) < 0 || p_memoize(p, o) < 0) return -1;
    return MiniDict_Size(o) == 0 ? 0 : save_dict_items(p, o);
}

static int save_tuple(Pickler *p, MiniObject *o) {
    Mini_ssize_t n = MiniTuple_Size(o);
    if (n == 0) return p_op(p, OP_EMPTY_TUPLE);
    if (n > 3 && p_op(p, OP_MARK) < 0) return -1;
    for (Mini_ssize_t i = 0; i < n; i++)
        if (save(p, MiniTuple_GetItem(o, i)) < 0) return -1;
    Mini_ssize_t again = memo_find(p, o);
    if (again >= 0) {   /* a recursive tuple: throw the items away and fetch it from the memo */
        if (n > 3) { if (p_op(p, OP_POP_MARK) < 0) return -1; }
        else for (Mini_ssize_t i = 0; i < n; i++) if (p_op(p, OP_POP) < 0) return -1;
        return p_get(p, again);
    }
    static const int sized[] = {0, OP_TUPLE1, OP_TUPLE2, OP_TUPLE3};
    if (p_op(p, n <= 3 ? sized[n] : OP_TUPLE) < 0) return -1;
    return p_memoize(p, o);
}

/* set: EMPTY_SET, then MARK items ADDITEMS per batch of 1000 (even a batch of one), and after a
 * full batch another, possibly empty, one (CPython's save_set). RuntimeError when the set changes
 * size meanwhile. */
static int save_set(Pickler *p, MiniObject *o) {
    if (p_op(p, OP_EMPTY_SET) < 0 || p_memoize(p, o) < 0) return -1;
    Mini_ssize_t size = MiniSet_Size(o);
    if (size == 0) return 0;
    MiniObject *it = MiniObject_GetIter(o);
    if (it == NULL) return -1;
    int n = 0, rc = 0;
    do {
        MiniObject *x = NULL;
        if (p_op(p, OP_MARK) < 0) rc = -1;
        for (n = 0; rc == 0 && n < BATCHSIZE && (x = MiniIter_Next(it)) != NULL; n++) {
            rc = save(p, x);
            Mini_DECREF(x);
            /* checked per item, before the iterator would see the change and raise its own error */
            if (rc == 0 && MiniSet_Size(o) != size) {
                MiniErr_SetString(MiniExc_RuntimeError, "set changed size during iteration");
                rc = -1;
            }
        }
        if (rc == 0 && MiniErr_Occurred()) rc = -1;
        if (rc == 0 && p_op(p, OP_ADDITEMS) < 0) rc = -1;
    } while (rc == 0 && n == BATCHSIZE);
    Mini_DECREF(it);
    return rc;
}

/* frozenset: MARK items FROZENSET, memoized; a frozenset that reached itself through its items
 * (by a __reduce__) is thrown away (POP_MARK) and fetched from the memo instead. */
static int save_frozenset(Pickler *p, MiniObject *o) {
    if (p_op(p, OP_MARK) < 0) return -1;
    MiniObject *it = MiniObject_GetIter(o), *x;
    if (it == NULL) return -1;
    while ((x = MiniIter_Next(it)) != NULL) {
        int r = save(p, x);
        Mini_DECREF(x);
        if (r < 0) { Mini_DECREF(it); return -1; }
    }
    Mini_DECREF(it);
    if (MiniErr_Occurred()) return -1;
    Mini_ssize_t again = memo_find(p, o);
    if (again >= 0) return p_op(p, OP_POP_MARK) < 0 ? -1 : p_get(p, again);
    if (p_op(p, OP_FROZENSET) < 0) return -1;
    return p_memoize(p, o);
}

/* getattr(module, "a.b.c") step by step; NULL with AttributeError when a step is missing. */
static MiniObject *get_dotted(MiniObject *module, const char *qualname) {
    MiniObject *cur = Mini_NewRef(module);
    const char *start = qualname;
    for (;;) {
        const char *dot = strchr(start, '.');
        size_t len = dot ? (size_t)(dot - start) : strlen(start);
        char *part = malloc(len + 1);
        if (part == NULL) { Mini_DECREF(cur); MiniErr_NoMemory(); return NULL; }
        memcpy(part, start, len);
        part[len] = '\0';
        MiniObject *next = MiniObject_GetAttrString(cur, part);
        free(part);
        Mini_DECREF(cur);
        if (next == NULL) return NULL;
        cur = next;
        if (dot == NULL) return cur;
        start = dot + 1;
    }
}

/* The module called `name`, or for "builtins" the VM's builtins dict (the kit has no importable
 * builtins module yet). New reference, or NULL with an exception. */
static MiniObject *import_for_pickle(const char *name) {
    if (strcmp(name, "builtins") == 0) return Mini_NewRef(MiniVM_Builtins());
    return MiniImport_ImportModule(name);
}

/* getattr for modules, item lookup for the builtins dict. New reference or NULL. */
static MiniObject *lookup_in(MiniObject *where, const char *qualname) {
    if (MiniDict_Check(where)) {
        MiniObject *r = MiniDict_GetItemString(where, qualname);
        if (r == NULL) { MiniErr_Format(MiniExc_AttributeError, "no attribute %s", qualname); return NULL; }
        return Mini_NewRef(r);
    }
    return get_dotted(where, qualname);
}

/* Functions and classes, by reference: module name, qualified name, STACK_GLOBAL. The name must
 * lead back to the very object, as CPython checks. */
static int save_global(Pickler *p, MiniObject *o) {
    MiniObject *qual = MiniObject_GetAttrString(o, "__qualname__");
    if (qual == NULL) {
        MiniErr_Clear();
        qual = MiniObject_GetAttrString(o, "__name__");
        if (qual == NULL) return -1;
    }
    MiniObject *modname = MiniObject_GetAttrString(o, "__module__");
    if (modname == NULL || modname == Mini_None) {
        MiniErr_Clear();
        Mini_XDECREF(modname);
        /* CPython's whichmodule searches sys.modules; built-in functions without a __module__
         * here are the builtins module's. */
        int builtin = strcmp(Mini_TYPE(o)->tp_name, "builtin_function_or_method") == 0;
        modname = MiniUnicode_FromString(builtin ? "builtins" : "__main__");
        if (modname == NULL) { Mini_DECREF(qual); return -1; }
    }
    const char *q = MiniUnicode_AsUTF8(qual), *m = MiniUnicode_AsUTF8(modname);
    int rc = -1;
    if (q == NULL || m == NULL) goto done;
    if (strstr(q, "<locals>") != NULL) {
        MiniErr_Format(MiniExc_AttributeError, "Can't pickle local object '%s'", q);
        goto done;
    }
    MiniObject *module = import_for_pickle(m);
    MiniObject *found = module ? lookup_in(module, q) : NULL;
    Mini_XDECREF(module);
    if (found == NULL) {
        MiniErr_Clear();
        MiniObject *r = MiniObject_Repr(o);
        if (r != NULL)
            MiniErr_Format(PicklingError, "Can't pickle %s: attribute lookup %s on %s failed", MiniUnicode_AsUTF8(r), q, m);
        Mini_XDECREF(r);
        goto done;
    }
    Mini_DECREF(found);
    if (found != o) {
        MiniObject *r = MiniObject_Repr(o);
        if (r != NULL)
            MiniErr_Format(PicklingError, "Can't pickle %s: it's not the same object as %s.%s", MiniUnicode_AsUTF8(r), m, q);
        Mini_XDECREF(r);
        goto done;
    }
    if (save(p, modname) < 0 || save(p, qual) < 0 || p_op(p, OP_STACK_GLOBAL) < 0) goto done;
    rc = p_memoize(p, o);
done:
    Mini_DECREF(qual);
    Mini_DECREF(modname);
    return rc;
}

/* The attribute name of o's type (borrowed, or NULL when no class in its MRO defines it). */
static MiniObject *type_attr(MiniObject *o, const char *name) {
    MiniObject *key = MiniUnicode_InternFromString(name);
    if (key == NULL) { MiniErr_Clear(); return NULL; }
    MiniObject *r = MiniType_Lookup(Mini_TYPE(o), key);
    Mini_DECREF(key);
    return r;
}

/* An instance of a class defined in Python: the class, an empty argument tuple and NEWOBJ, then
 * its state and BUILD, as object.__reduce_ex__(2+) describes it. The state is what the class's
 * __getstate__ returns (nothing when None), else its __dict__ when not empty. */
static int save_instance(Pickler *p, MiniObject *o) {
    MiniObject *cls = (MiniObject *)Mini_TYPE(o);
    if (save(p, cls) < 0 || p_op(p, OP_EMPTY_TUPLE) < 0 || p_op(p, OP_NEWOBJ) < 0 || p_memoize(p, o) < 0) return -1;
    if (MiniList_Check(o) && save_batched(p, o, OP_APPEND, OP_APPENDS, 0) < 0) return -1;
    if (MiniDict_Check(o)) {   /* a dict subclass: its items, as copyreg's reduction gives them */
        MiniObject *items = MiniObject_CallMethodObjArgs(o, "items", NULL);
        int rc = items ? save_batched(p, items, OP_SETITEM, OP_SETITEMS, 1) : -1;
        Mini_XDECREF(items);
        if (rc < 0) return -1;
    }
    int custom = type_attr(o, "__getstate__") != NULL;
    MiniObject *state = custom ? MiniObject_CallMethodObjArgs(o, "__getstate__", NULL)
                               : MiniObject_GetAttrString(o, "__dict__");
    if (state == NULL) {
        if (custom) return -1;
        MiniErr_Clear();
        return 0;
    }
    int rc = 0;
    if (custom ? state != Mini_None : (MiniDict_Check(state) && MiniDict_Size(state) > 0))
        rc = (save(p, state) < 0 || p_op(p, OP_BUILD) < 0) ? -1 : 0;
    Mini_DECREF(state);
    return rc;
}

/* Writes what a __reduce__/__reduce_ex__ result rv describes, as CPython's save_reduce:
 * callable, argument tuple, REDUCE (memoized), then list items (APPENDS), dict items (SETITEMS)
 * and the state (BUILD) when given. A str result names o as a global. */
static int save_reduce_value(Pickler *p, MiniObject *o, MiniObject *rv) {
    if (MiniUnicode_Check(rv)) return save_global(p, o);
    Mini_ssize_t n = MiniTuple_Check(rv) ? MiniTuple_GET_SIZE(rv) : -1;
    if (n < 2 || n > 6) {
        if (n < 0) MiniErr_SetString(PicklingError, "__reduce__ must return a string or tuple");
        else MiniErr_SetString(PicklingError, "tuple returned by __reduce__ must contain 2 through 6 elements");
        return -1;
    }
    MiniObject *f = MiniTuple_GET_ITEM(rv, 0), *args = MiniTuple_GET_ITEM(rv, 1);
    MiniObject *extra[4] = {Mini_None, Mini_None, Mini_None, Mini_None};
    for (Mini_ssize_t i = 2; i < n; i++) extra[i - 2] = MiniTuple_GET_ITEM(rv, i);
    if (!MiniCallable_Check(f)) { MiniErr_SetString(PicklingError, "first item of the tuple returned by __reduce__ must be callable"); return -1; }
    if (!MiniTuple_Check(args)) { MiniErr_SetString(PicklingError, "second item of the tuple returned by __reduce__ must be a tuple"); return -1; }
    if (extra[3] != Mini_None) {
        MiniErr_SetString(MiniExc_NotImplementedError, "a state setter in __reduce__'s tuple is not supported by MiniPy's pickle");
        return -1;
    }
    if (save(p, f) < 0 || save(p, args) < 0 || p_op(p, OP_REDUCE) < 0 || p_memoize(p, o) < 0) return -1;
    for (int k = 0; k < 2; k++) {
        if (extra[k + 1] == Mini_None) continue;
        if (save_batched(p, extra[k + 1], k ? OP_SETITEM : OP_APPEND, k ? OP_SETITEMS : OP_APPENDS, k) < 0) return -1;
    }
    if (extra[0] != Mini_None && (save(p, extra[0]) < 0 || p_op(p, OP_BUILD) < 0)) return -1;
    return 0;
}

/* o through its class's own __reduce_ex__(proto) or __reduce__ (object defines neither in the
 * kit): 1 when written, 0 when the class has neither, -1 on error. */
static int save_by_reduce(Pickler *p, MiniObject *o) {
    const char *how = type_attr(o, "__reduce_ex__") ? "__reduce_ex__" : type_attr(o, "__reduce__") ? "__reduce__" : NULL;
    if (how == NULL) return 0;
    MiniObject *rv;
    if (strcmp(how, "__reduce_ex__") == 0) {
        MiniObject *proto = MiniLong_FromLong(p->proto);
        rv = proto ? MiniObject_CallMethodObjArgs(o, how, proto, NULL) : NULL;
        Mini_XDECREF(proto);
    } else rv = MiniObject_CallMethodObjArgs(o, how, NULL);
    if (rv == NULL) return -1;
    int rc = save_reduce_value(p, o, rv);
    Mini_DECREF(rv);
    return rc < 0 ? -1 : 1;
}

static int is_global(MiniObject *o) {
    MiniTypeObject *t = Mini_TYPE(o);
    if (MiniType_Check(o) || MiniCFunction_Check(o)) return 1;
    return strcmp(t->tp_name, "function") == 0 || strcmp(t->tp_name, "builtin_function_or_method") == 0;
}

static int save(Pickler *p, MiniObject *o) {
    if (++p->depth > 1000) {
        p->depth--;
        MiniErr_SetString(MiniExc_RecursionError, "maximum recursion depth exceeded while pickling an object");
        return -1;
    }
    int rc;
    Mini_ssize_t idx;
    /* The atoms first (never memoized, as in CPython), then a memo fetch, then by type. */
    if (o == Mini_None) rc = p_op(p, OP_NONE);
    else if (o == Mini_True) rc = p_op(p, OP_NEWTRUE);
    else if (o == Mini_False) rc = p_op(p, OP_NEWFALSE);
    else if (MiniLong_CheckExact(o)) rc = save_long(p, o);
    else if (MiniFloat_CheckExact(o)) rc = save_float(p, o);
    else if ((idx = memo_find(p, o)) >= 0) rc = p_get(p, idx);
    else if (MiniUnicode_CheckExact(o)) rc = save_str(p, o);
    else if (MiniBytes_CheckExact(o)) rc = save_bytes(p, o);
    else if (MiniTuple_CheckExact(o)) rc = save_tuple(p, o);
    else if (Mini_IS_TYPE(o, &MiniList_Type)) rc = save_list(p, o);
    else if (MiniDict_CheckExact(o)) rc = save_dict(p, o);
    else if (Mini_IS_TYPE(o, &MiniSet_Type)) rc = save_set(p, o);
    else if (Mini_IS_TYPE(o, &MiniFrozenSet_Type)) rc = save_frozenset(p, o);
    else if (is_global(o)) rc = save_global(p, o);
    else if ((rc = save_by_reduce(p, o)) != 0) rc = rc < 0 ? -1 : 0;
    else if ((Mini_TYPE(o)->tp_flags & MINI_TPFLAGS_HEAPTYPE) && !MiniExceptionInstance_Check(o)) rc = save_instance(p, o);
    else {
        MiniErr_Format(MiniExc_TypeError, "cannot pickle '%s' object", Mini_TYPE(o)->tp_name);
        rc = -1;
    }
    p->depth--;
    if (rc == 0) rc = p_boundary(p);
    return rc;
}

/* One whole pickle of o (PROTO, frames, STOP) as a new bytes object; the memo is kept, so an
 * object met in an earlier dump of the same pickler is written as a memo fetch (as CPython's
 * Pickler.dump). NULL with an error set. */
static MiniObject *pickler_dump(Pickler *p, MiniObject *o) {
    p->len = 0;
    p->frame_start = -1;
    p->depth = 0;
    unsigned char head[2] = {OP_PROTO, (unsigned char)p->proto};
    if (p_write(p, head, 2) < 0 || p_frame_start(p) < 0 || save(p, o) < 0 || p_op(p, OP_STOP) < 0) return NULL;
    p_frame_commit(p);
    return MiniBytes_FromStringAndSize(p->buf, p->len);
}

/* Forgets every memoized object (Pickler.clear_memo, and before freeing). Never fails. */
static int pickler_clear_memo(Pickler *p) {
    _MiniPickleMemo_Clear(&p->memo);
    return 0;
}

static void pickler_release(Pickler *p) {
    _MiniPickleMemo_Release(&p->memo);
    if (p->buf != p->inline_buf) free(p->buf);
    p->buf = p->inline_buf;
    p->cap = INLINE_BUF;
}

/* The whole pickle of o in protocol proto as a new bytes object (the pickler's state, its first
 * 4 KiB of output included, lives on the C stack). */
static MiniObject *pickle_to_bytes(MiniObject *o, int proto) {
    Pickler p;
    p_init(&p, proto, 1);
    MiniObject *result = pickler_dump(&p, o);
    pickler_release(&p);
    return result;
}

MiniPicklerState *_MiniPickle_PicklerNew(int proto) {
    Pickler *p = malloc(sizeof *p);
    if (p == NULL) { MiniErr_NoMemory(); return NULL; }
    p_init(p, proto, 0);
    return p;
}

MiniObject *_MiniPickle_PicklerDump(MiniPicklerState *p, MiniObject *obj) { return pickler_dump(p, obj); }

int _MiniPickle_PicklerClearMemo(MiniPicklerState *p) { return pickler_clear_memo(p); }

void _MiniPickle_PicklerFree(MiniPicklerState *p) {
    if (p == NULL) return;
    pickler_release(p);
    free(p);
}

/* The protocol argument: None (default), -1 (highest), 4 or 5. */
int _MiniPickle_Protocol(MiniObject *arg, int *proto) {
    if (arg == NULL || arg == Mini_None) { *proto = DEFAULT_PROTOCOL; return 0; }
    long v = MiniLong_AsLong(arg);
    if (v == -1 && MiniErr_Occurred()) return -1;
    if (v < 0) v = HIGHEST_PROTOCOL;
    if (v > HIGHEST_PROTOCOL) {
        MiniErr_Format(MiniExc_ValueError, "pickle protocol must be <= %d", HIGHEST_PROTOCOL);
        return -1;
    }
    if (v < 4) {
        MiniErr_Format(MiniExc_ValueError, "pickle protocol %ld is not supported by this kit (use 4 or 5)", v);
        return -1;
    }
    *proto = (int)v;
    return 0;
}

/* ===== the unpickler ============================================================================= */

#define INLINE_STACK 64     /* most pickles never need a malloc'd stack */

typedef struct MiniUnpicklerState {
    const unsigned char *data;
    Mini_ssize_t len, pos;
    /* the stack: owned references stack[0 .. sp-1], inline_stack until it outgrows it */
    MiniObject **stack;
    Mini_ssize_t sp, capstack;
    Mini_ssize_t *marks;
    Mini_ssize_t nmarks, capmarks;
    MiniObject **memo;
    Mini_ssize_t memo_len;      /* slots */
    Mini_ssize_t memo_count;    /* filled slots: MEMOIZE's next index, as CPython's */
    MiniObject *inline_stack[INLINE_STACK];
} Unpickler;

static int truncated(void) {
    MiniErr_SetString(UnpicklingError, "pickle data was truncated");
    return -1;
}

static inline int u_read(Unpickler *u, Mini_ssize_t n, const unsigned char **out) {
    if (MINI_UNLIKELY(n < 0 || u->len - u->pos < n)) return truncated();
    *out = u->data + u->pos;
    u->pos += n;
    return 0;
}

static uint64_t get_le(const unsigned char *b, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v |= (uint64_t)b[i] << (8 * i);
    return v;
}

/* Drops the stack's items from k on. */
static void stack_truncate(Unpickler *u, Mini_ssize_t k) {
    while (u->sp > k) {
        MiniObject *x = u->stack[--u->sp];
        Mini_DECREF(x);
    }
}

static int stack_grow(Unpickler *u) {
    Mini_ssize_t cap = u->capstack * 2;
    MiniObject **s = u->stack == u->inline_stack ? malloc((size_t)cap * sizeof *s)
                                                 : realloc(u->stack, (size_t)cap * sizeof *s);
    if (s == NULL) { MiniErr_NoMemory(); return -1; }
    if (u->stack == u->inline_stack) memcpy(s, u->inline_stack, (size_t)u->sp * sizeof *s);
    u->stack = s;
    u->capstack = cap;
    return 0;
}

static inline __attribute__((always_inline)) int u_push(Unpickler *u, MiniObject *o) {   /* steals o */
    if (MINI_UNLIKELY(o == NULL)) return -1;
    if (MINI_UNLIKELY(u->sp == u->capstack) && stack_grow(u) < 0) { Mini_DECREF(o); return -1; }
    u->stack[u->sp++] = o;
    return 0;
}

static Mini_ssize_t u_floor(Unpickler *u) { return u->nmarks ? u->marks[u->nmarks - 1] : 0; }

/* A pop below the floor: CPython's two messages (a MARK in the way, or an empty stack). */
static int underflow(Unpickler *u) {
    MiniErr_SetString(UnpicklingError, u->nmarks ? "unexpected MARK found" : "unpickling stack underflow");
    return -1;
}

static inline MiniObject *u_pop(Unpickler *u) {            /* new reference or NULL */
    if (MINI_UNLIKELY(u->sp <= u_floor(u))) { underflow(u); return NULL; }
    return u->stack[--u->sp];
}

static inline MiniObject *u_top(Unpickler *u) {            /* borrowed or NULL */
    if (MINI_UNLIKELY(u->sp <= u_floor(u))) { underflow(u); return NULL; }
    return u->stack[u->sp - 1];
}

/* Removes the last MARK: the items above it are stack[*start .. sp-1], still on the stack. */
static int u_pop_mark_pos(Unpickler *u, Mini_ssize_t *start) {
    if (u->nmarks == 0) { MiniErr_SetString(UnpicklingError, "could not find MARK"); return -1; }
    *start = u->marks[--u->nmarks];
    return 0;
}

/* Moves stack[k .. sp-1] into a new tuple (or list), emptying the stack down to k. */
static MiniObject *stack_take(Unpickler *u, Mini_ssize_t k, int as_list) {
    Mini_ssize_t n = u->sp - k;
    MiniObject *r = as_list ? MiniList_New(n) : MiniTuple_New(n);
    if (r == NULL) return NULL;
    MiniObject **items = as_list ? ((MiniListObject *)r)->ob_item : ((MiniTupleObject *)r)->ob_item;
    if (n > 0) memcpy(items, u->stack + k, (size_t)n * sizeof *items);
    u->sp = k;
    return r;
}

/* Pops everything above the last MARK as a new list. */
static MiniObject *u_pop_mark(Unpickler *u) {
    Mini_ssize_t k;
    if (u_pop_mark_pos(u, &k) < 0) return NULL;
    return stack_take(u, k, 1);
}

static int u_memo_put(Unpickler *u, Mini_ssize_t idx, MiniObject *o) {
    if (idx >= u->memo_len) {
        Mini_ssize_t len = idx + 1 > u->memo_len * 2 ? idx + 1 : u->memo_len * 2;
        if (len < 128) len = 128;
        if (len > (Mini_ssize_t)1 << 32) { MiniErr_SetString(UnpicklingError, "memo index too large"); return -1; }
        MiniObject **m = realloc(u->memo, (size_t)len * sizeof *m);
        if (m == NULL) { MiniErr_NoMemory(); return -1; }
        for (Mini_ssize_t i = u->memo_len; i < len; i++) m[i] = NULL;
        u->memo = m;
        u->memo_len = len;
    }
    MiniObject *old = u->memo[idx];
    u->memo[idx] = Mini_NewRef(o);
    if (old == NULL) u->memo_count++;
    else Mini_DECREF(old);
    return 0;
}

static int u_memo_get(Unpickler *u, Mini_ssize_t idx) {
    if (idx >= u->memo_len || u->memo[idx] == NULL) {
        MiniErr_Format(UnpicklingError, "Memo value not found at index %zd", idx);
        return -1;
    }
    return u_push(u, Mini_NewRef(u->memo[idx]));
}

static MiniObject *find_class(const char *module, const char *name) {
    if (strcmp(module, "__main__") == 0) {
        /* A spawned multiprocessing child runs the script as __mp_main__: __main__ means it. */
        MiniObject *alias = MiniImport_ImportModule("__mp_main__");
        if (alias != NULL) {
            MiniObject *r = get_dotted(alias, name);
            Mini_DECREF(alias);
            if (r != NULL) return r;
        }
        MiniErr_Clear();
    }
    MiniObject *m = import_for_pickle(module);
    if (m == NULL) return NULL;
    MiniObject *r = lookup_in(m, name);
    Mini_DECREF(m);
    if (r == NULL && MiniErr_ExceptionMatches(MiniExc_AttributeError)) {
        MiniErr_Clear();
        MiniErr_Format(MiniExc_AttributeError, "Can't get attribute '%s' on <module '%s'>", name, module);
    }
    return r;
}

/* 1 when s[0:n] is all ASCII, tested 8 bytes at a time. */
static int all_ascii(const unsigned char *s, Mini_ssize_t n) {
    uint64_t acc = 0, w;
    Mini_ssize_t i = 0;
    for (; i + 8 <= n; i += 8) { memcpy(&w, s + i, 8); acc |= w; }
    for (; i < n; i++) acc |= s[i];
    return (acc & 0x8080808080808080ULL) == 0;
}

/* A str from pickled UTF-8: ASCII (the common case) is valid UTF-8 without the byte-by-byte
 * check; anything else is checked (UnicodeDecodeError as before). */
static MiniObject *str_from_utf8(const unsigned char *d, Mini_ssize_t n) {
    if (all_ascii(d, n)) return _MiniUnicode_FromUTF8Unchecked((const char *)d, n);
    return MiniUnicode_FromStringAndSize((const char *)d, n);
}

static int load_sized_str(Unpickler *u, Mini_ssize_t n, int is_bytes) {
    const unsigned char *d;
    if (u_read(u, n, &d) < 0) return -1;
    return u_push(u, is_bytes ? MiniBytes_FromStringAndSize((const char *)d, n) : str_from_utf8(d, n));
}

/* Little-endian two's complement of n bytes as an int: 8 bytes or fewer directly, longer ones
 * 32 bits at a time from the top, minus 2**(8n) when the sign bit is set. */
static MiniObject *long_from_le_bytes(const unsigned char *d, Mini_ssize_t n) {
    if (n == 0) return MiniLong_FromLong(0);
    if (n <= 8) {
        uint64_t v = get_le(d, (int)n);
        if (n < 8 && (d[n - 1] & 0x80)) v |= ~(uint64_t)0 << (8 * n);
        return MiniLong_FromLongLong((long long)v);
    }
    MiniObject *value = MiniLong_FromLong(0), *shift = MiniLong_FromLong(32);
    if (value == NULL || shift == NULL) goto fail;
    for (Mini_ssize_t top = n; top > 0; ) {
        Mini_ssize_t take = top % 4 ? top % 4 : 4;
        top -= take;
        MiniObject *chunk = MiniLong_FromLongLong((long long)get_le(d + top, (int)take));
        MiniObject *bits = MiniLong_FromLong((long)(8 * take));
        MiniObject *shifted = (chunk && bits) ? _MiniLong_Lshift(value, bits) : NULL;
        MiniObject *next = shifted ? _MiniLong_Or(shifted, chunk) : NULL;
        Mini_XDECREF(chunk); Mini_XDECREF(bits); Mini_XDECREF(shifted);
        Mini_DECREF(value);
        value = next;
        if (value == NULL) goto fail;
    }
    if (d[n - 1] & 0x80) {
        MiniObject *one = MiniLong_FromLong(1), *bits = MiniLong_FromSsize_t(8 * n);
        MiniObject *bound = (one && bits) ? _MiniLong_Lshift(one, bits) : NULL;
        MiniObject *neg = bound ? _MiniLong_Subtract(value, bound) : NULL;
        Mini_XDECREF(one); Mini_XDECREF(bits); Mini_XDECREF(bound);
        Mini_DECREF(value);
        value = neg;
    }
    Mini_DECREF(shift);
    return value;
fail:
    Mini_XDECREF(value);
    Mini_XDECREF(shift);
    return NULL;
}

static int load_long(Unpickler *u, Mini_ssize_t n) {
    const unsigned char *d;
    if (u_read(u, n, &d) < 0) return -1;
    return u_push(u, long_from_le_bytes(d, n));
}

/* target.extend(items) or, when it has no extend, target.append(x) per item (CPython's
 * do_append for anything but an exact list): 0, or -1 with the error (AttributeError for an
 * object with neither). The items stay on the stack. */
static int append_by_methods(Unpickler *u, MiniObject *target, Mini_ssize_t k) {
    MiniObject *extend = MiniObject_GetAttrString(target, "extend");
    if (extend != NULL) {
        MiniObject *items = MiniList_New(u->sp - k), *r = NULL;
        if (items != NULL) {
            for (Mini_ssize_t i = k; i < u->sp; i++) MiniList_GET_ITEM(items, i - k) = Mini_NewRef(u->stack[i]);
            r = MiniObject_CallOneArg(extend, items);
            Mini_DECREF(items);
        }
        Mini_DECREF(extend);
        Mini_XDECREF(r);
        return r ? 0 : -1;
    }
    if (!MiniErr_ExceptionMatches(MiniExc_AttributeError)) return -1;
    MiniErr_Clear();
    MiniObject *append = MiniObject_GetAttrString(target, "append");
    if (append == NULL) return -1;
    int rc = 0;
    for (Mini_ssize_t i = k; rc == 0 && i < u->sp; i++) {
        MiniObject *r = MiniObject_CallOneArg(append, u->stack[i]);
        rc = r ? 0 : -1;
        Mini_XDECREF(r);
    }
    Mini_DECREF(append);
    return rc;
}

/* stack[k .. sp-1] appended to target: an exact list grows once and takes the stack's references
 * as they are (no temporary tuple); anything else through its methods. On failure the items stay
 * on the stack (the caller truncates it). */
static int extend_list(Unpickler *u, MiniObject *target, Mini_ssize_t k) {
    if (!MiniList_CheckExact(target)) return append_by_methods(u, target, k);
    if (_MiniList_ExtendSteal(target, u->stack + k, u->sp - k) < 0) return -1;
    u->sp = k;
    return 0;
}

/* stack[k .. sp-1] added to target: a set directly, anything else through its add method. */
static int add_to_set(Unpickler *u, MiniObject *target, Mini_ssize_t k) {
    if (MiniSet_Check(target)) {
        for (Mini_ssize_t i = k; i < u->sp; i++)
            if (MiniSet_Add(target, u->stack[i]) < 0) return -1;
        return 0;
    }
    MiniObject *add = MiniObject_GetAttrString(target, "add");
    if (add == NULL) return -1;
    int rc = 0;
    for (Mini_ssize_t i = k; rc == 0 && i < u->sp; i++) {
        MiniObject *r = MiniObject_CallOneArg(add, u->stack[i]);
        rc = r ? 0 : -1;
        Mini_XDECREF(r);
    }
    Mini_DECREF(add);
    return rc;
}

/* key/value pairs stack[k .. sp-1] stored into target (item assignment; an exact dict directly). */
static int set_items(Unpickler *u, MiniObject *target, Mini_ssize_t k) {
    if ((u->sp - k) % 2) { MiniErr_SetString(UnpicklingError, "odd number of items for SETITEMS"); return -1; }
    int exact = MiniDict_CheckExact(target), rc = 0;
    for (Mini_ssize_t i = k; rc == 0 && i < u->sp; i += 2)
        rc = exact ? MiniDict_SetItem(target, u->stack[i], u->stack[i + 1])
                   : MiniObject_SetItem(target, u->stack[i], u->stack[i + 1]);
    return rc;
}

/* APPENDS (kind 'l'), SETITEMS ('d') and ADDITEMS ('s'): the items above the last MARK go into
 * the object below it, then leave the stack. */
static int load_additems(Unpickler *u, int kind) {
    Mini_ssize_t k;
    if (u_pop_mark_pos(u, &k) < 0) return -1;
    int rc;
    if (k <= u_floor(u)) rc = underflow(u);
    else if (kind == 'd') rc = set_items(u, u->stack[k - 1], k);
    else if (kind == 'l') rc = extend_list(u, u->stack[k - 1], k);
    else rc = add_to_set(u, u->stack[k - 1], k);
    stack_truncate(u, k);
    return rc;
}

static int load_build(Unpickler *u) {
    MiniObject *state = u_pop(u);
    if (state == NULL) return -1;
    MiniObject *inst = u_top(u);
    int rc = -1;
    if (inst == NULL) goto done;
    MiniObject *setstate = MiniObject_GetAttrString(inst, "__setstate__");
    if (setstate != NULL) {
        MiniObject *r = MiniObject_CallOneArg(setstate, state);
        Mini_DECREF(setstate);
        rc = r ? 0 : -1;
        Mini_XDECREF(r);
        goto done;
    }
    MiniErr_Clear();
    if (!MiniDict_Check(state)) { MiniErr_SetString(UnpicklingError, "state is not a dictionary"); goto done; }
    Mini_ssize_t pos = 0;
    MiniObject *k, *v;
    rc = 0;
    while (rc == 0 && MiniDict_Next(state, &pos, &k, &v))
        rc = MiniObject_SetAttr(inst, k, v);
done:
    Mini_DECREF(state);
    return rc;
}

static int load_newobj(Unpickler *u) {
    MiniObject *args = u_pop(u), *cls = args ? u_pop(u) : NULL;
    int rc = -1;
    if (cls == NULL) goto done;
    if (!MiniType_Check(cls) || !MiniTuple_Check(args)) {
        MiniErr_SetString(UnpicklingError, "NEWOBJ expected a class and an argument tuple");
        goto done;
    }
    /* cls.__new__(cls, *args): the type's allocation slot, without running __init__. */
    MiniTypeObject *type = (MiniTypeObject *)cls;
    if (type->tp_new == NULL) {
        MiniErr_Format(UnpicklingError, "cannot create '%s' instances", type->tp_name);
        goto done;
    }
    rc = u_push(u, type->tp_new(type, args, NULL));
done:
    Mini_XDECREF(args);
    Mini_XDECREF(cls);
    return rc;
}

/* An int 0..65535 (BININT1/BININT2): the shared small int without a call when there is one. */
static inline MiniObject *small_or_new_int(long v) {
    if (v <= MINI_SMALL_INT_MAX) return Mini_NewRef((MiniObject *)&_Mini_SmallInts[v - MINI_SMALL_INT_MIN]);
    return MiniLong_FromLong(v);
}

/* Runs one opcode; 1 at STOP, 0 to go on, -1 on error. */
static int u_step(Unpickler *u) {
    const unsigned char *b;
    if (u->pos >= u->len) {
        MiniErr_SetString(MiniExc_EOFError, "Ran out of input");
        return -1;
    }
    int op = u->data[u->pos++];
    switch (op) {
    case OP_PROTO: if (u_read(u, 1, &b) < 0) return -1;
        if (b[0] > HIGHEST_PROTOCOL) { MiniErr_Format(MiniExc_ValueError, "unsupported pickle protocol: %d", b[0]); return -1; }
        return 0;
    case OP_FRAME: if (u_read(u, 8, &b) < 0) return -1;
        if ((uint64_t)(u->len - u->pos) < get_le(b, 8)) return truncated();
        return 0;
    case OP_STOP: return 1;
    case OP_MARK:
        if (u->nmarks == u->capmarks) {
            Mini_ssize_t cap = u->capmarks ? u->capmarks * 2 : 16;
            Mini_ssize_t *m = realloc(u->marks, (size_t)cap * sizeof *m);
            if (m == NULL) { MiniErr_NoMemory(); return -1; }
            u->marks = m; u->capmarks = cap;
        }
        u->marks[u->nmarks++] = u->sp;
        return 0;
    case OP_POP: { MiniObject *o = u_pop(u); if (o == NULL) return -1; Mini_DECREF(o); return 0; }
    case OP_POP_MARK: { Mini_ssize_t k; if (u_pop_mark_pos(u, &k) < 0) return -1; stack_truncate(u, k); return 0; }
    case OP_NONE: return u_push(u, Mini_NewRef(Mini_None));
    case OP_NEWTRUE: return u_push(u, Mini_NewRef(Mini_True));
    case OP_NEWFALSE: return u_push(u, Mini_NewRef(Mini_False));
    case OP_BININT1: if (u_read(u, 1, &b) < 0) return -1; return u_push(u, small_or_new_int(b[0]));
    case OP_BININT2: if (u_read(u, 2, &b) < 0) return -1; return u_push(u, small_or_new_int((long)get_le(b, 2)));
    case OP_BININT: if (u_read(u, 4, &b) < 0) return -1; return u_push(u, MiniLong_FromLong((long)(int32_t)get_le(b, 4)));
    case OP_LONG1: if (u_read(u, 1, &b) < 0) return -1; return load_long(u, b[0]);
    case OP_LONG4: if (u_read(u, 4, &b) < 0) return -1;
        if ((int32_t)get_le(b, 4) < 0) { MiniErr_SetString(UnpicklingError, "LONG pickle has negative byte count"); return -1; }
        return load_long(u, (Mini_ssize_t)get_le(b, 4));
    case OP_BINFLOAT: {
        if (u_read(u, 8, &b) < 0) return -1;
        uint64_t bits = 0;
        for (int i = 0; i < 8; i++) bits = (bits << 8) | b[i];
        double v;
        memcpy(&v, &bits, 8);
        return u_push(u, MiniFloat_FromDouble(v));
    }
    case OP_SHORT_BINUNICODE: if (u_read(u, 1, &b) < 0) return -1; return load_sized_str(u, b[0], 0);
    case OP_BINUNICODE: if (u_read(u, 4, &b) < 0) return -1; return load_sized_str(u, (Mini_ssize_t)get_le(b, 4), 0);
    case OP_BINUNICODE8: if (u_read(u, 8, &b) < 0) return -1;
        if (get_le(b, 8) > (uint64_t)INT64_MAX) return truncated();
        return load_sized_str(u, (Mini_ssize_t)get_le(b, 8), 0);
    case OP_SHORT_BINBYTES: if (u_read(u, 1, &b) < 0) return -1; return load_sized_str(u, b[0], 1);
    case OP_BINBYTES: if (u_read(u, 4, &b) < 0) return -1; return load_sized_str(u, (Mini_ssize_t)get_le(b, 4), 1);
    case OP_BINBYTES8: if (u_read(u, 8, &b) < 0) return -1;
        if (get_le(b, 8) > (uint64_t)INT64_MAX) return truncated();
        return load_sized_str(u, (Mini_ssize_t)get_le(b, 8), 1);
    case OP_EMPTY_TUPLE: return u_push(u, MiniTuple_New(0));
    case OP_TUPLE1: case OP_TUPLE2: case OP_TUPLE3: {
        int n = op - OP_TUPLE1 + 1;
        if (u->sp - u_floor(u) < n) return underflow(u);
        return u_push(u, stack_take(u, u->sp - n, 0));
    }
    case OP_TUPLE: { Mini_ssize_t k; if (u_pop_mark_pos(u, &k) < 0) return -1; return u_push(u, stack_take(u, k, 0)); }
    case OP_EMPTY_LIST: return u_push(u, MiniList_New(0));
    case OP_LIST: { MiniObject *items = u_pop_mark(u); return items ? u_push(u, items) : -1; }
    case OP_EMPTY_DICT: return u_push(u, MiniDict_New());
    case OP_DICT: {
        MiniObject *items = u_pop_mark(u), *d = items ? MiniDict_New() : NULL;
        if (d == NULL) { Mini_XDECREF(items); return -1; }
        Mini_ssize_t n = MiniList_Size(items);
        int rc = (n % 2) ? (MiniErr_SetString(UnpicklingError, "odd number of items for DICT"), -1) : 0;
        for (Mini_ssize_t i = 0; rc == 0 && i < n; i += 2)
            rc = MiniDict_SetItem(d, MiniList_GetItem(items, i), MiniList_GetItem(items, i + 1));
        Mini_DECREF(items);
        if (rc < 0) { Mini_DECREF(d); return -1; }
        return u_push(u, d);
    }
    case OP_APPEND: {   /* as APPENDS of the one item on top */
        if (u->sp - u_floor(u) < 2) return underflow(u);
        Mini_ssize_t k = u->sp - 1;
        int rc = extend_list(u, u->stack[k - 1], k);
        stack_truncate(u, k);
        return rc;
    }
    case OP_APPENDS: return load_additems(u, 'l');
    case OP_SETITEM: {
        MiniObject *v = u_pop(u), *k = v ? u_pop(u) : NULL, *d = k ? u_top(u) : NULL;
        int rc = d ? MiniObject_SetItem(d, k, v) : -1;
        Mini_XDECREF(v); Mini_XDECREF(k); return rc; }
    case OP_SETITEMS: return load_additems(u, 'd');
    case OP_EMPTY_SET: return u_push(u, MiniSet_New(NULL));
    case OP_ADDITEMS: return load_additems(u, 's');
    case OP_FROZENSET: { MiniObject *items = u_pop_mark(u); if (items == NULL) return -1;
        MiniObject *f = MiniFrozenSet_New(items); Mini_DECREF(items); return u_push(u, f); }
    case OP_MEMOIZE: { MiniObject *t = u_top(u); return t ? u_memo_put(u, u->memo_count, t) : -1; }
    case OP_BINPUT: { if (u_read(u, 1, &b) < 0) return -1; MiniObject *t = u_top(u); return t ? u_memo_put(u, b[0], t) : -1; }
    case OP_LONG_BINPUT: { if (u_read(u, 4, &b) < 0) return -1; MiniObject *t = u_top(u);
        return t ? u_memo_put(u, (Mini_ssize_t)get_le(b, 4), t) : -1; }
    case OP_BINGET: if (u_read(u, 1, &b) < 0) return -1; return u_memo_get(u, b[0]);
    case OP_LONG_BINGET: if (u_read(u, 4, &b) < 0) return -1; return u_memo_get(u, (Mini_ssize_t)get_le(b, 4));
    case OP_STACK_GLOBAL: {
        MiniObject *name = u_pop(u), *module = name ? u_pop(u) : NULL;
        int rc = -1;
        if (module != NULL) {
            if (!MiniUnicode_Check(name) || !MiniUnicode_Check(module))
                MiniErr_SetString(UnpicklingError, "STACK_GLOBAL requires str");
            else rc = u_push(u, find_class(MiniUnicode_AsUTF8(module), MiniUnicode_AsUTF8(name)));
        }
        Mini_XDECREF(name); Mini_XDECREF(module); return rc;
    }
    case OP_GLOBAL: {
        const unsigned char *nl1 = memchr(u->data + u->pos, '\n', (size_t)(u->len - u->pos));
        if (nl1 == NULL) return truncated();
        const unsigned char *nl2 = memchr(nl1 + 1, '\n', (size_t)(u->data + u->len - nl1 - 1));
        if (nl2 == NULL) return truncated();
        char *module = strndup((const char *)u->data + u->pos, (size_t)(nl1 - (u->data + u->pos)));
        char *name = strndup((const char *)nl1 + 1, (size_t)(nl2 - nl1 - 1));
        u->pos = nl2 + 1 - u->data;
        int rc = (module && name) ? u_push(u, find_class(module, name)) : (MiniErr_NoMemory(), -1);
        free(module); free(name);
        return rc;
    }
    case OP_REDUCE: {
        MiniObject *args = u_pop(u), *fn = args ? u_pop(u) : NULL;
        int rc = -1;
        if (fn != NULL) {
            if (!MiniTuple_Check(args)) MiniErr_SetString(UnpicklingError, "REDUCE expected an argument tuple");
            else rc = u_push(u, MiniObject_Call(fn, args, NULL));
        }
        Mini_XDECREF(args); Mini_XDECREF(fn); return rc;
    }
    case OP_NEWOBJ: return load_newobj(u);
    case OP_BUILD: return load_build(u);
    default:
        if (op >= 0x20 && op < 0x7f) MiniErr_Format(UnpicklingError, "invalid load key, '%c'.", op);
        else MiniErr_Format(UnpicklingError, "invalid load key, '\\x%02x'.", op);
        return -1;
    }
}

/* Reads one pickle from data[0:len] with a fresh stack and the memo kept from earlier loads of
 * this unpickler (as CPython's Unpickler.load); *consumed is set to the bytes read up to STOP.
 * New reference, or NULL with an error set. */
static MiniObject *unpickler_load(Unpickler *u, const char *data, Mini_ssize_t len, Mini_ssize_t *consumed) {
    u->data = (const unsigned char *)data;
    u->len = len;
    u->pos = 0;
    u->nmarks = 0;
    u->stack = u->inline_stack;
    u->capstack = INLINE_STACK;
    u->sp = 0;
    MiniObject *result = NULL;
    int rc;
    while ((rc = u_step(u)) == 0) {}
    if (rc == 1) result = u_pop(u);
    stack_truncate(u, 0);
    if (u->stack != u->inline_stack) free(u->stack);
    u->stack = NULL;
    u->data = NULL;
    if (consumed != NULL) *consumed = u->pos;
    return result;
}

static void unpickler_release(Unpickler *u) {
    for (Mini_ssize_t i = 0, left = u->memo_count; left > 0 && i < u->memo_len; i++)
        if (u->memo[i] != NULL) { left--; Mini_DECREF(u->memo[i]); }
    free(u->memo);
    free(u->marks);
    u->memo = NULL;
    u->marks = NULL;
    u->memo_len = u->memo_count = u->nmarks = u->capmarks = 0;
}

/* The whole of one pickle in data[0:len] (the unpickler, its first 64 stack slots included, on
 * the C stack). */
static MiniObject *unpickle_bytes(const char *data, Mini_ssize_t len) {
    Unpickler u;
    memset(&u, 0, offsetof(Unpickler, inline_stack));
    MiniObject *result = unpickler_load(&u, data, len, NULL);
    unpickler_release(&u);
    return result;
}

MiniUnpicklerState *_MiniPickle_UnpicklerNew(void) {
    Unpickler *u = calloc(1, sizeof *u);
    if (u == NULL) MiniErr_NoMemory();
    return u;
}

MiniObject *_MiniPickle_UnpicklerLoad(MiniUnpicklerState *u, const char *data, Mini_ssize_t len, Mini_ssize_t *consumed) {
    return unpickler_load(u, data, len, consumed);
}

void _MiniPickle_UnpicklerFree(MiniUnpicklerState *u) {
    if (u == NULL) return;
    unpickler_release(u);
    free(u);
}

/* ===== the module ================================================================================ */

/* dumps(obj, protocol=None): new bytes; the errors listed at the top. */
static MiniObject *pickle_dumps(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)self;
    static char *kwlist[] = {"obj", "protocol", NULL};
    MiniObject *obj, *protocol = NULL;
    int proto;
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if ((kwargs == NULL || MiniDict_Size(kwargs) == 0) && (n == 1 || n == 2)) {
        obj = MiniTuple_GET_ITEM(args, 0);   /* the common call, without parsing a format */
        protocol = n == 2 ? MiniTuple_GET_ITEM(args, 1) : NULL;
    } else if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|O:dumps", kwlist, &obj, &protocol)) return NULL;
    if (_MiniPickle_Protocol(protocol, &proto) < 0) return NULL;
    return pickle_to_bytes(obj, proto);
}

/* loads(data): the object; TypeError when data is not bytes. */
static MiniObject *pickle_loads(MiniObject *self, MiniObject *data) {
    (void)self;
    if (!MiniBytes_Check(data)) {
        return MiniErr_Format(MiniExc_TypeError, "a bytes-like object is required, not '%s'", Mini_TYPE(data)->tp_name);
    }
    return unpickle_bytes(MiniBytes_AsString(data), MiniBytes_Size(data));
}

/* dump(obj, file, protocol=None): file.write(dumps(obj)); None. */
static MiniObject *pickle_dump(MiniObject *self, MiniObject *args, MiniObject *kwargs) {
    (void)self;
    static char *kwlist[] = {"obj", "file", "protocol", NULL};
    MiniObject *obj, *file, *protocol = NULL;
    int proto;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "OO|O:dump", kwlist, &obj, &file, &protocol)) return NULL;
    if (_MiniPickle_Protocol(protocol, &proto) < 0) return NULL;
    MiniObject *bytes = pickle_to_bytes(obj, proto);
    if (bytes == NULL) return NULL;
    MiniObject *r = MiniObject_CallMethodObjArgs(file, "write", bytes, NULL);
    Mini_DECREF(bytes);
    if (r == NULL) return NULL;
    Mini_DECREF(r);
    Mini_RETURN_NONE;
}

/* load(file): loads(file.read()). */
static MiniObject *pickle_load(MiniObject *self, MiniObject *file) {
    MiniObject *data = MiniObject_CallMethodObjArgs(file, "read", NULL);
    if (data == NULL) return NULL;
    MiniObject *r = pickle_loads(self, data);
    Mini_DECREF(data);
    return r;
}

static MiniMethodDef pickle_methods[] = {
    {"dumps", _MiniCFunction_CAST(pickle_dumps), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "dumps(obj, protocol=None)\n--\n\nReturn the pickled representation of obj as bytes."},
    {"loads", pickle_loads, MINI_METH_O, "loads(data)\n--\n\nRead a pickled object from bytes."},
    {"dump", _MiniCFunction_CAST(pickle_dump), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "dump(obj, file, protocol=None)\n--\n\nWrite the pickled representation of obj to file."},
    {"load", pickle_load, MINI_METH_O, "load(file)\n--\n\nRead a pickled object from file."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef pickle_module = {MiniModuleDef_HEAD_INIT, "pickle",
                                      "CPython-compatible pickling of built-in types (protocols 4 and 5).", -1,
                                      pickle_methods,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED};

MiniObject *MiniInit_pickle(void) {
    MiniObject *m = MiniModule_Create(&pickle_module);
    if (m == NULL) return NULL;
    Mini_XDECREF(PickleError); Mini_XDECREF(PicklingError); Mini_XDECREF(UnpicklingError);
    PickleError = MiniErr_NewException("_pickle.PickleError", MiniExc_Exception, NULL);
    PicklingError = PickleError ? MiniErr_NewException("_pickle.PicklingError", PickleError, NULL) : NULL;
    UnpicklingError = PickleError ? MiniErr_NewException("_pickle.UnpicklingError", PickleError, NULL) : NULL;
    if (UnpicklingError == NULL || PicklingError == NULL ||
        MiniModule_AddObjectRef(m, "PickleError", PickleError) < 0 ||
        MiniModule_AddObjectRef(m, "PicklingError", PicklingError) < 0 ||
        MiniModule_AddObjectRef(m, "UnpicklingError", UnpicklingError) < 0 ||
        MiniModule_AddIntConstant(m, "HIGHEST_PROTOCOL", HIGHEST_PROTOCOL) < 0 ||
        MiniModule_AddIntConstant(m, "DEFAULT_PROTOCOL", DEFAULT_PROTOCOL) < 0 ||
        _MiniPickle_AddClasses(m) < 0) {
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}
