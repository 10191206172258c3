/* Modules/randommodule.c: the `random` module, producing CPython's exact sequences. The generator
 * is the Mersenne Twister MT19937, seeded as CPython seeds it (an int's absolute value cut into
 * 32-bit words, least significant first, through init_by_array; a str or bytes through its bytes
 * followed by their SHA-512 digest; a float through its hash; None from the OS's entropy), and
 * every method consumes the generator's words in the same order as CPython 3.11's random.py:
 *   random()      (a*67108864 + b) / 2**53 with a = word >> 5, b = word >> 6
 *   getrandbits   words little-endian, the last one shifted right to the remaining bits
 *   randrange, randint, choice, shuffle, sample   through _randbelow: k = n.bit_length(),
 *                 getrandbits(k) until the value is below n
 *   choices, uniform, triangular, gauss, normalvariate, expovariate ...   CPython's formulas
 * so `random.seed(42); random.random()` prints 0.6394267984578837 under both. The module
 * functions are the bound methods of a hidden Random instance, as in CPython. Nothing here
 * releases the GIL: the generator state is protected by it. */
#include "stdlib_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/* ----- MT19937 -------------------------------------------------------------------------------- */

#define MT_N 624
#define MT_M 397

typedef struct {
    MiniObject_HEAD
    uint32_t mt[MT_N];
    int index;                      /* next word to hand out; MT_N: regenerate first */
    int has_gauss;                  /* gauss() keeps its second value for the next call */
    double gauss_next;
} RandomObject;

#define RANDOM(op) ((RandomObject *)(op))

static void init_genrand(RandomObject *r, uint32_t s) {
    r->mt[0] = s;
    for (int i = 1; i < MT_N; i++)
        r->mt[i] = 1812433253U * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (uint32_t)i;
    r->index = MT_N;
}

static void init_by_array(RandomObject *r, const uint32_t *key, size_t len) {
    init_genrand(r, 19650218U);
    uint32_t *mt = r->mt;
    size_t i = 1, j = 0;
    for (size_t k = MT_N > len ? MT_N : len; k > 0; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
        i++; j++;
        if (i >= MT_N) { mt[0] = mt[MT_N - 1]; i = 1; }
        if (j >= len) j = 0;
    }
    for (size_t k = MT_N - 1; k > 0; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint32_t)i;
        i++;
        if (i >= MT_N) { mt[0] = mt[MT_N - 1]; i = 1; }
    }
    mt[0] = 0x80000000U;
    r->index = MT_N;
}

static uint32_t genrand(RandomObject *r) {
    uint32_t *mt = r->mt, y;
    if (r->index >= MT_N) {
        int k;
        for (k = 0; k < MT_N - MT_M; k++) {
            y = (mt[k] & 0x80000000U) | (mt[k + 1] & 0x7fffffffU);
            mt[k] = mt[k + MT_M] ^ (y >> 1) ^ ((y & 1U) ? 0x9908b0dfU : 0U);
        }
        for (; k < MT_N - 1; k++) {
            y = (mt[k] & 0x80000000U) | (mt[k + 1] & 0x7fffffffU);
            mt[k] = mt[k + (MT_M - MT_N)] ^ (y >> 1) ^ ((y & 1U) ? 0x9908b0dfU : 0U);
        }
        y = (mt[MT_N - 1] & 0x80000000U) | (mt[0] & 0x7fffffffU);
        mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ ((y & 1U) ? 0x9908b0dfU : 0U);
        r->index = 0;
    }
    y = mt[r->index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

/* A float in [0, 1) with 53 random bits. */
static double random_double(RandomObject *r) {
    uint32_t a = genrand(r) >> 5, b = genrand(r) >> 6;
    return ((double)a * 67108864.0 + (double)b) * (1.0 / 9007199254740992.0);
}

/* getrandbits(k) for 0 < k <= 64, consuming words as CPython does. */
static uint64_t randbits64(RandomObject *r, int k) {
    if (k <= 32) return genrand(r) >> (32 - k);
    uint64_t lo = genrand(r);
    uint64_t hi = genrand(r) >> (64 - k);
    return lo | (hi << 32);
}

static int bit_length64(uint64_t n) { return n == 0 ? 0 : 64 - __builtin_clzll(n); }

/* _randbelow(n) for 0 < n < 2**64. */
static uint64_t randbelow64(RandomObject *r, uint64_t n) {
    int k = bit_length64(n);
    uint64_t v = randbits64(r, k);
    while (v >= n) v = randbits64(r, k);
    return v;
}

/* ----- seeding -------------------------------------------------------------------------------- */

/* Seeds from the 32-bit words of a non-negative integer (least significant first; trailing
 * zero words dropped, at least one kept). */
static void seed_words(RandomObject *r, uint32_t *words, size_t n) {
    while (n > 1 && words[n - 1] == 0) n--;
    if (n == 0) { uint32_t zero = 0; init_by_array(r, &zero, 1); return; }
    init_by_array(r, words, n);
}

/* Seeds from a non-negative int object of any size. 0 / -1. */
static int seed_from_int(RandomObject *r, MiniObject *n) {
    int overflow;
    long long v = MiniLong_AsLongAndOverflow(n, &overflow);
    if (v == -1 && !overflow && MiniErr_Occurred()) return -1;
    if (!overflow) {
        unsigned long long u = v < 0 ? (unsigned long long)(-(v + 1)) + 1 : (unsigned long long)v;
        uint32_t words[2] = {(uint32_t)u, (uint32_t)(u >> 32)};
        seed_words(r, words, 2);
        return 0;
    }
    /* Beyond 64 bits: peel 32-bit words off |n| with the number protocol. */
    MiniObject *x = MiniNumber_Absolute(n);
    MiniObject *base = MiniLong_FromLongLong(4294967296LL);
    size_t cap = 8, len = 0;
    uint32_t *words = malloc(cap * sizeof(uint32_t));
    int result = -1;
    if (x == NULL || base == NULL || words == NULL) { if (words == NULL) MiniErr_NoMemory(); goto done; }
    for (;;) {
        int zero = MiniObject_Not(x);
        if (zero < 0) goto done;
        if (zero) break;
        MiniObject *rem = MiniNumber_Remainder(x, base);
        MiniObject *quo = rem ? MiniNumber_FloorDivide(x, base) : NULL;
        if (quo == NULL) { Mini_XDECREF(rem); goto done; }
        long long w = MiniLong_AsLongLong(rem);
        Mini_DECREF(rem);
        Mini_SETREF(x, quo);
        if (len == cap) {
            uint32_t *g = realloc(words, cap * 2 * sizeof(uint32_t));
            if (g == NULL) { MiniErr_NoMemory(); goto done; }
            words = g;
            cap *= 2;
        }
        words[len++] = (uint32_t)w;
    }
    seed_words(r, words, len);
    result = 0;
done:
    Mini_XDECREF(x);
    Mini_XDECREF(base);
    free(words);
    return result;
}

/* Version 2 seeding of bytes: the big-endian integer of data + sha512(data). */
static void seed_from_bytes(RandomObject *r, const unsigned char *data, size_t len) {
    size_t total = len + 64;
    unsigned char *all = malloc(total);
    uint32_t *words = malloc((total / 4 + 1) * sizeof(uint32_t));
    if (all == NULL || words == NULL) {
        free(all); free(words);
        init_genrand(r, (uint32_t)len);   /* cannot happen in practice; stay deterministic */
        return;
    }
    memcpy(all, data, len);
    _MiniStd_SHA512(data, len, all + len);
    size_t n = 0;
    for (size_t end = total; end > 0; ) {
        uint32_t w = 0;
        size_t start = end >= 4 ? end - 4 : 0;
        for (size_t i = start; i < end; i++) w = (w << 8) | all[i];
        words[n++] = w;
        end = start;
    }
    seed_words(r, words, n);
    free(all);
    free(words);
}

/* Seeds from the OS's entropy (time and pid if it has none). */
static void seed_from_os(RandomObject *r) {
    uint32_t key[MT_N];
    size_t got = 0;
    while (got < sizeof key) {
        ssize_t n = getrandom((char *)key + got, sizeof key - got, 0);
        if (n <= 0) break;
        got += (size_t)n;
    }
    if (got < sizeof key) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint32_t k[4] = {(uint32_t)ts.tv_sec, (uint32_t)ts.tv_nsec, (uint32_t)getpid(), (uint32_t)clock()};
        init_by_array(r, k, 4);
        return;
    }
    init_by_array(r, key, MT_N);
}

/* Decodes one UTF-8 code point at *p (advancing it). */
static uint32_t utf8_next(const unsigned char **p, const unsigned char *end) {
    const unsigned char *s = *p;
    uint32_t c = *s++;
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (extra) c &= 0x3F >> extra;
    while (extra-- > 0 && s < end) c = (c << 6) | (*s++ & 0x3F);
    *p = s;
    return c;
}

/* seed(a=None, version=2): CPython's rules. 0 / -1. */
static int seed_impl(RandomObject *r, MiniObject *a, int version) {
    r->has_gauss = 0;
    if (a == NULL || a == Mini_None) { seed_from_os(r); return 0; }
    int is_str = MiniUnicode_Check(a), is_bytes = MiniBytes_Check(a);
    if (version == 1 && (is_str || is_bytes)) {
        /* The old string hash of Python 2's random. */
        const unsigned char *s, *end;
        Mini_ssize_t n;
        if (is_str) {
            s = (const unsigned char *)MiniUnicode_AsUTF8AndSize(a, &n);
            if (s == NULL) return -1;
        } else {
            s = (const unsigned char *)MiniBytes_AsString(a);
            n = MiniBytes_Size(a);
        }
        end = s + n;
        uint64_t x = 0, len = 0;
        int first = 1;
        while (s < end) {
            uint32_t c = is_str ? utf8_next(&s, end) : *s++;
            if (first) { x = (uint64_t)c << 7; first = 0; }
            x = (1000003ULL * x) ^ c;
            len++;
        }
        x ^= len;
        uint32_t words[2] = {(uint32_t)x, (uint32_t)(x >> 32)};
        seed_words(r, words, 2);   /* x is never -1 as a non-negative 64-bit value */
        return 0;
    }
    if (version == 2 && (is_str || is_bytes)) {
        const char *s;
        Mini_ssize_t n;
        if (is_str) {
            if ((s = MiniUnicode_AsUTF8AndSize(a, &n)) == NULL) return -1;
        } else {
            s = MiniBytes_AsString(a);
            n = MiniBytes_Size(a);
        }
        seed_from_bytes(r, (const unsigned char *)s, (size_t)n);
        return 0;
    }
    if (MiniLong_Check(a)) return seed_from_int(r, a);
    if (MiniFloat_Check(a)) {
        Mini_hash_t h = MiniObject_Hash(a);
        if (h == -1 && MiniErr_Occurred()) return -1;
        MiniObject *hv = MiniLong_FromSsize_t(h);
        if (hv == NULL) return -1;
        int rc = seed_from_int(r, hv);
        Mini_DECREF(hv);
        return rc;
    }
    MiniErr_SetString(MiniExc_TypeError,
                      "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
    return -1;
}

/* ----- helpers on ints ------------------------------------------------------------------------ */

/* getrandbits(k) as an int object, for any k >= 0. */
static MiniObject *randbits_object(RandomObject *r, long long k) {
    if (k <= 64) return MiniLong_FromUnsignedLongLong(k == 0 ? 0 : randbits64(r, (int)k));
    /* Generate the words least significant first, as CPython, then build the int from the top. */
    size_t nwords = (size_t)((k - 1) / 32 + 1);
    uint32_t *w = malloc(nwords * sizeof(uint32_t));
    if (w == NULL) return MiniErr_NoMemory();
    long long left = k;
    for (size_t i = 0; i < nwords; i++, left -= 32) {
        uint32_t x = genrand(r);
        if (left < 32) x >>= (32 - left);
        w[i] = x;
    }
    MiniObject *base = MiniLong_FromLongLong(4294967296LL), *acc = MiniLong_FromLong(0);
    for (size_t i = nwords; acc != NULL && base != NULL && i-- > 0; ) {
        MiniObject *word = MiniLong_FromUnsignedLongLong(w[i]);
        MiniObject *shifted = word ? MiniNumber_Multiply(acc, base) : NULL;
        MiniObject *sum = shifted ? MiniNumber_Add(shifted, word) : NULL;
        Mini_XDECREF(word);
        Mini_XDECREF(shifted);
        Mini_SETREF(acc, sum);
    }
    if (base == NULL) Mini_CLEAR(acc);
    Mini_XDECREF(base);
    free(w);
    return acc;
}

/* _randbelow(n) for a positive int object n of any size. New reference. */
static MiniObject *randbelow_object(RandomObject *r, MiniObject *n) {
    int overflow;
    long long v = MiniLong_AsLongAndOverflow(n, &overflow);
    if (v == -1 && !overflow && MiniErr_Occurred()) return NULL;
    if (!overflow && v > 0) return MiniLong_FromUnsignedLongLong(randbelow64(r, (uint64_t)v));
    MiniObject *bl = MiniObject_CallMethodObjArgs(n, "bit_length", NULL);
    if (bl == NULL) return NULL;
    long long k = MiniLong_AsLongLong(bl);
    Mini_DECREF(bl);
    if (k == -1 && MiniErr_Occurred()) return NULL;
    for (;;) {
        MiniObject *x = randbits_object(r, k);
        if (x == NULL) return NULL;
        int ge = MiniObject_RichCompareBool(x, n, Mini_GE);
        if (ge == 0) return x;
        Mini_DECREF(x);
        if (ge < 0) return NULL;
    }
}

/* A randrange argument as an int: ints pass, integral floats are accepted (CPython 3.11 warns
 * and accepts them), other floats and strings give ValueError "non-integer <what> for
 * randrange()". New reference or NULL. */
static MiniObject *range_arg(MiniObject *o, const char *what) {
    if (MiniLong_Check(o)) return MiniNumber_Index(o);
    if (MiniFloat_Check(o)) {
        double d = MiniFloat_AS_DOUBLE(o);
        if (isfinite(d) && d == floor(d)) return MiniLong_FromDouble(d);
        if (!isfinite(d)) return MiniLong_FromDouble(d);   /* OverflowError / ValueError as int() */
    } else if (!MiniUnicode_Check(o) && !MiniBytes_Check(o)) {
        MiniObject *i = MiniNumber_Index(o);
        if (i != NULL || !MiniErr_ExceptionMatches(MiniExc_TypeError)) return i;
        MiniErr_Clear();
        return MiniErr_Format(MiniExc_TypeError, "int() argument must be a string, a bytes-like object "
                              "or a real number, not '%.100s'", Mini_TYPE(o)->tp_name);
    }
    return MiniErr_Format(MiniExc_ValueError, "non-integer %s for randrange()", what);
}

/* randrange(start, stop=None, step=1), CPython 3.11's algorithm. */
static MiniObject *randrange_impl(RandomObject *r, MiniObject *start, MiniObject *stop, MiniObject *step) {
    MiniObject *istart = range_arg(start, "arg 1"), *istop = NULL, *istep = NULL, *width = NULL,
               *n = NULL, *res = NULL, *zero = NULL;
    if (istart == NULL) return NULL;
    if (stop == NULL || stop == Mini_None) {
        if (step != NULL && !(MiniLong_CheckExact(step) && MiniLong_AsLong(step) == 1)) {
            MiniErr_Clear();
            MiniErr_SetString(MiniExc_TypeError, "Missing a non-None stop argument");
            goto done;
        }
        if ((zero = MiniLong_FromLong(0)) == NULL) goto done;
        int pos = MiniObject_RichCompareBool(istart, zero, Mini_GT);
        if (pos < 0) goto done;
        if (pos) res = randbelow_object(r, istart);
        else MiniErr_SetString(MiniExc_ValueError, "empty range for randrange()");
        goto done;
    }
    if ((istop = range_arg(stop, "stop")) == NULL) goto done;
    if ((width = MiniNumber_Subtract(istop, istart)) == NULL) goto done;
    if ((istep = step == NULL ? MiniLong_FromLong(1) : range_arg(step, "step")) == NULL) goto done;
    if ((zero = MiniLong_FromLong(0)) == NULL) goto done;
    long st = MiniLong_AsLong(istep);
    int step_is_one = st == 1 && !MiniErr_Occurred();
    MiniErr_Clear();
    if (step_is_one) {
        int pos = MiniObject_RichCompareBool(width, zero, Mini_GT);
        if (pos < 0) goto done;
        if (!pos) {
            MiniErr_Format(MiniExc_ValueError, "empty range for randrange() (%S, %S, %S)", istart, istop, width);
            goto done;
        }
        MiniObject *k = randbelow_object(r, width);
        if (k != NULL) { res = MiniNumber_Add(istart, k); Mini_DECREF(k); }
        goto done;
    }
    int positive = MiniObject_RichCompareBool(istep, zero, Mini_GT);
    int negative = positive == 0 ? MiniObject_RichCompareBool(istep, zero, Mini_LT) : 0;
    if (positive < 0 || negative < 0) goto done;
    if (!positive && !negative) {
        MiniErr_SetString(MiniExc_ValueError, "zero step for randrange()");
        goto done;
    }
    /* n = (width + istep - 1) // istep  or  (width + istep + 1) // istep */
    MiniObject *one = MiniLong_FromLong(positive ? -1 : 1);
    MiniObject *t1 = one ? MiniNumber_Add(width, istep) : NULL;
    MiniObject *t2 = t1 ? MiniNumber_Add(t1, one) : NULL;
    n = t2 ? MiniNumber_FloorDivide(t2, istep) : NULL;
    Mini_XDECREF(one); Mini_XDECREF(t1); Mini_XDECREF(t2);
    if (n == NULL) goto done;
    int empty = MiniObject_RichCompareBool(n, zero, Mini_LE);
    if (empty < 0) goto done;
    if (empty) {
        MiniErr_SetString(MiniExc_ValueError, "empty range for randrange()");
        goto done;
    }
    MiniObject *k = randbelow_object(r, n);
    MiniObject *off = k ? MiniNumber_Multiply(istep, k) : NULL;
    if (off != NULL) res = MiniNumber_Add(istart, off);
    Mini_XDECREF(k);
    Mini_XDECREF(off);
done:
    Mini_XDECREF(istart); Mini_XDECREF(istop); Mini_XDECREF(istep);
    Mini_XDECREF(width); Mini_XDECREF(n); Mini_XDECREF(zero);
    return res;
}

/* ----- the Random type: construction ---------------------------------------------------------- */

static MiniObject *random_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    (void)args; (void)kwargs;
    RandomObject *r = (RandomObject *)MiniObject_New(type);
    if (r != NULL) init_genrand(r, 5489U);   /* __init__ seeds it properly */
    return (MiniObject *)r;
}

/* Random(x=None) */
static int random_init(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"x", NULL};
    MiniObject *x = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|O:Random", keywords, &x)) return -1;
    return seed_impl(RANDOM(op), x, 2);
}

/* ----- methods -------------------------------------------------------------------------------- */

/* seed(a=None, version=2) */
static MiniObject *random_seed(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"a", "version", NULL};
    MiniObject *a = Mini_None;
    int version = 2;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|Oi:seed", keywords, &a, &version)) return NULL;
    if (seed_impl(RANDOM(op), a, version) < 0) return NULL;
    Mini_RETURN_NONE;
}

/* random() -> float in [0, 1) */
static MiniObject *random_random(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniFloat_FromDouble(random_double(RANDOM(op)));
}

/* getrandbits(k) -> int with k random bits */
static MiniObject *random_getrandbits(MiniObject *op, MiniObject *arg) {
    MiniObject *i = MiniNumber_Index(arg);
    if (i == NULL) return NULL;
    long long k = MiniLong_AsLongLong(i);
    Mini_DECREF(i);
    if (k == -1 && MiniErr_Occurred()) return NULL;
    if (k < 0) {
        MiniErr_SetString(MiniExc_ValueError, "number of bits must be non-negative");
        return NULL;
    }
    return randbits_object(RANDOM(op), k);
}

/* randrange(start, stop=None, step=1) */
static MiniObject *random_randrange(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"start", "stop", "step", NULL};
    MiniObject *start, *stop = Mini_None, *step = NULL;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|OO:randrange", keywords, &start, &stop, &step))
        return NULL;
    return randrange_impl(RANDOM(op), start, stop, step);
}

/* randint(a, b): randrange(a, b + 1) */
static MiniObject *random_randint(MiniObject *op, MiniObject *args) {
    MiniObject *a, *b;
    if (!MiniArg_UnpackTuple(args, "randint", 2, 2, &a, &b)) return NULL;
    MiniObject *one = MiniLong_FromLong(1);
    MiniObject *stop = one ? MiniNumber_Add(b, one) : NULL;
    Mini_XDECREF(one);
    if (stop == NULL) return NULL;
    MiniObject *r = randrange_impl(RANDOM(op), a, stop, NULL);
    Mini_DECREF(stop);
    return r;
}

/* seq[i] for a C index. New reference. */
static MiniObject *item_at(MiniObject *seq, Mini_ssize_t i) {
    if (MiniList_CheckExact(seq) && i < MiniList_GET_SIZE(seq)) return Mini_NewRef(MiniList_GET_ITEM(seq, i));
    if (MiniTuple_CheckExact(seq) && i < MiniTuple_GET_SIZE(seq)) return Mini_NewRef(MiniTuple_GET_ITEM(seq, i));
    MiniObject *key = MiniLong_FromSsize_t(i);
    if (key == NULL) return NULL;
    MiniObject *v = MiniObject_GetItem(seq, key);
    Mini_DECREF(key);
    return v;
}

/* choice(seq) */
static MiniObject *random_choice(MiniObject *op, MiniObject *seq) {
    Mini_ssize_t n = MiniObject_Length(seq);
    if (n < 0) return NULL;
    if (n == 0) {
        MiniErr_SetString(MiniExc_IndexError, "Cannot choose from an empty sequence");
        return NULL;
    }
    return item_at(seq, (Mini_ssize_t)randbelow64(RANDOM(op), (uint64_t)n));
}

/* shuffle(x): in place, for i from len-1 down to 1: swap x[i] and x[randbelow(i + 1)]. */
static MiniObject *random_shuffle(MiniObject *op, MiniObject *x) {
    RandomObject *r = RANDOM(op);
    Mini_ssize_t n = MiniObject_Length(x);
    if (n < 0) return NULL;
    for (Mini_ssize_t i = n - 1; i > 0; i--) {
        Mini_ssize_t j = (Mini_ssize_t)randbelow64(r, (uint64_t)i + 1);
        if (MiniList_CheckExact(x) && MiniList_GET_SIZE(x) == n) {
            MiniObject **items = ((MiniListObject *)x)->ob_item;
            MiniObject *t = items[i]; items[i] = items[j]; items[j] = t;
            continue;
        }
        MiniObject *a = item_at(x, i), *b = a ? item_at(x, j) : NULL;
        MiniObject *ki = b ? MiniLong_FromSsize_t(i) : NULL, *kj = ki ? MiniLong_FromSsize_t(j) : NULL;
        int bad = kj == NULL || MiniObject_SetItem(x, ki, b) < 0 || MiniObject_SetItem(x, kj, a) < 0;
        Mini_XDECREF(a); Mini_XDECREF(b); Mini_XDECREF(ki); Mini_XDECREF(kj);
        if (bad) return NULL;
    }
    Mini_RETURN_NONE;
}

/* A set of C indices (open addressing), for sample()'s large-population path. */
typedef struct { Mini_ssize_t *slots; size_t mask; } IndexSet;

static int indexset_init(IndexSet *s, Mini_ssize_t k) {
    size_t cap = 16;
    while (cap < (size_t)k * 2 + 2) cap *= 2;
    s->slots = malloc(cap * sizeof(Mini_ssize_t));
    if (s->slots == NULL) { MiniErr_NoMemory(); return -1; }
    for (size_t i = 0; i < cap; i++) s->slots[i] = -1;
    s->mask = cap - 1;
    return 0;
}
/* Adds v; returns 1 if it was new, 0 if present. */
static int indexset_add(IndexSet *s, Mini_ssize_t v) {
    size_t i = ((size_t)v * 0x9E3779B97F4A7C15ULL) & s->mask;
    while (s->slots[i] != -1) {
        if (s->slots[i] == v) return 0;
        i = (i + 1) & s->mask;
    }
    s->slots[i] = v;
    return 1;
}

/* The k indices sample() picks from a population of n (CPython's two strategies, chosen by the
 * same size test). Returns a malloc'ed array or NULL with an exception. */
static Mini_ssize_t *sample_indices(RandomObject *r, Mini_ssize_t n, Mini_ssize_t k) {
    Mini_ssize_t *result = malloc(((size_t)k + 1) * sizeof(Mini_ssize_t));
    if (result == NULL) { MiniErr_NoMemory(); return NULL; }
    Mini_ssize_t setsize = 21;
    if (k > 5) setsize += (Mini_ssize_t)pow(4.0, ceil(log((double)(k * 3)) / log(4.0)));
    if (n <= setsize) {
        Mini_ssize_t *pool = malloc(((size_t)n + 1) * sizeof(Mini_ssize_t));
        if (pool == NULL) { free(result); MiniErr_NoMemory(); return NULL; }
        for (Mini_ssize_t i = 0; i < n; i++) pool[i] = i;
        for (Mini_ssize_t i = 0; i < k; i++) {
            Mini_ssize_t j = (Mini_ssize_t)randbelow64(r, (uint64_t)(n - i));
            result[i] = pool[j];
            pool[j] = pool[n - i - 1];
        }
        free(pool);
    } else {
        IndexSet seen;
        if (indexset_init(&seen, k) < 0) { free(result); return NULL; }
        for (Mini_ssize_t i = 0; i < k; i++) {
            Mini_ssize_t j = (Mini_ssize_t)randbelow64(r, (uint64_t)n);
            while (!indexset_add(&seen, j)) j = (Mini_ssize_t)randbelow64(r, (uint64_t)n);
            result[i] = j;
        }
        free(seen.slots);
    }
    return result;
}

/* 1 if o is a set or a frozenset (not sequences, so sample() refuses them as CPython does). */
static int is_set_like(MiniObject *o) {
    const char *name = Mini_TYPE(o)->tp_name;
    return strcmp(name, "set") == 0 || strcmp(name, "frozenset") == 0;
}

/* The running sums of an iterable (itertools.accumulate) as a list. New reference. */
static MiniObject *accumulate(MiniObject *iterable) {
    MiniObject *it = MiniObject_GetIter(iterable), *item, *total = NULL;
    if (it == NULL) return NULL;
    MiniObject *list = MiniList_New(0);
    if (list == NULL) { Mini_DECREF(it); return NULL; }
    while ((item = MiniIter_Next(it)) != NULL) {
        MiniObject *next = total == NULL ? Mini_NewRef(item) : MiniNumber_Add(total, item);
        Mini_DECREF(item);
        Mini_XDECREF(total);
        total = next;
        if (total == NULL || MiniList_Append(list, total) < 0) goto fail;
    }
    if (MiniErr_Occurred()) goto fail;
    Mini_XDECREF(total);
    Mini_DECREF(it);
    return list;
fail:
    Mini_XDECREF(total);
    Mini_DECREF(it);
    Mini_DECREF(list);
    return NULL;
}

/* bisect_right(a, x, lo, hi) on a list. -1 on error. */
static Mini_ssize_t bisect_right(MiniObject *a, MiniObject *x, Mini_ssize_t lo, Mini_ssize_t hi) {
    while (lo < hi) {
        Mini_ssize_t mid = (lo + hi) / 2;
        int lt = MiniObject_RichCompareBool(x, MiniList_GET_ITEM(a, mid), Mini_LT);
        if (lt < 0) return -1;
        if (lt) hi = mid; else lo = mid + 1;
    }
    return lo;
}

/* sample(population, k, *, counts=None) */
static MiniObject *random_sample(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"population", "k", "counts", NULL};
    MiniObject *population, *kobj, *counts = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "OO|$O:sample", keywords, &population, &kobj, &counts))
        return NULL;
    RandomObject *r = RANDOM(op);
    if (MiniDict_Check(population) || is_set_like(population)) {
        MiniErr_SetString(MiniExc_TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
        return NULL;
    }
    Mini_ssize_t n = MiniObject_Length(population);
    if (n < 0) return NULL;
    MiniObject *cum = NULL;
    if (counts != Mini_None) {
        if ((cum = accumulate(counts)) == NULL) return NULL;
        if (MiniList_GET_SIZE(cum) != n) {
            Mini_DECREF(cum);
            MiniErr_SetString(MiniExc_ValueError, "The number of counts does not match the population");
            return NULL;
        }
        MiniObject *total = n > 0 ? Mini_NewRef(MiniList_GET_ITEM(cum, n - 1)) : NULL;
        if (total == NULL) {
            Mini_DECREF(cum);
            MiniErr_SetString(MiniExc_IndexError, "pop from empty list");
            return NULL;
        }
        /* cum_counts.pop(): the last running sum is the total, not a boundary. */
        MiniObject *shorter = MiniList_GetSlice(cum, 0, n - 1);
        Mini_DECREF(cum);
        cum = shorter;
        Mini_ssize_t tv = MiniLong_Check(total) ? MiniLong_AsSsize_t(total) : -2;
        Mini_DECREF(total);
        if (cum == NULL || (tv == -1 && MiniErr_Occurred())) { Mini_XDECREF(cum); return NULL; }
        if (tv == -2) {
            Mini_DECREF(cum);
            MiniErr_SetString(MiniExc_TypeError, "Counts must be integers");
            return NULL;
        }
        if (tv <= 0) {
            Mini_DECREF(cum);
            MiniErr_SetString(MiniExc_ValueError, "Total of counts must be greater than zero");
            return NULL;
        }
        n = tv;   /* sample from range(total), then map through the running sums */
    }
    MiniObject *ki = MiniNumber_Index(kobj);
    Mini_ssize_t k = ki ? MiniLong_AsSsize_t(ki) : -1;
    Mini_XDECREF(ki);
    if (ki == NULL || (k == -1 && MiniErr_Occurred())) { Mini_XDECREF(cum); return NULL; }
    if (k < 0 || k > n) {
        Mini_XDECREF(cum);
        MiniErr_SetString(MiniExc_ValueError, "Sample larger than population or is negative");
        return NULL;
    }
    Mini_ssize_t *picks = sample_indices(r, n, k);
    if (picks == NULL) { Mini_XDECREF(cum); return NULL; }
    MiniObject *result = MiniList_New(k);
    for (Mini_ssize_t i = 0; result != NULL && i < k; i++) {
        Mini_ssize_t at = picks[i];
        if (cum != NULL) {
            MiniObject *s = MiniLong_FromSsize_t(at);
            at = s ? bisect_right(cum, s, 0, MiniList_GET_SIZE(cum)) : -1;
            Mini_XDECREF(s);
        }
        MiniObject *v = at >= 0 ? item_at(population, at) : NULL;
        if (v == NULL) { Mini_CLEAR(result); break; }
        MiniList_SetItem(result, i, v);
    }
    free(picks);
    Mini_XDECREF(cum);
    return result;
}

/* choices(population, weights=None, *, cum_weights=None, k=1) */
static MiniObject *random_choices(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"population", "weights", "cum_weights", "k", NULL};
    MiniObject *population, *weights = Mini_None, *cum_weights = Mini_None;
    Mini_ssize_t k = 1;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "O|O$On:choices", keywords, &population, &weights,
                                       &cum_weights, &k))
        return NULL;
    RandomObject *r = RANDOM(op);
    Mini_ssize_t n = MiniObject_Length(population);
    if (n < 0) return NULL;
    if (k < 0) k = 0;
    MiniObject *cum = NULL;
    if (cum_weights == Mini_None) {
        if (weights == Mini_None) {
            double nf = (double)n;
            MiniObject *result = MiniList_New(k);
            for (Mini_ssize_t i = 0; result != NULL && i < k; i++) {
                MiniObject *v = item_at(population, (Mini_ssize_t)floor(random_double(r) * nf));
                if (v == NULL) { Mini_CLEAR(result); break; }
                MiniList_SetItem(result, i, v);
            }
            return result;
        }
        if ((cum = accumulate(weights)) == NULL) {
            if (MiniLong_Check(weights) && MiniErr_ExceptionMatches(MiniExc_TypeError)) {
                MiniErr_Clear();
                MiniErr_Format(MiniExc_TypeError, "The number of choices must be a keyword argument: k=%S", weights);
            }
            return NULL;
        }
    } else {
        if (weights != Mini_None) {
            MiniErr_SetString(MiniExc_TypeError, "Cannot specify both weights and cumulative weights");
            return NULL;
        }
        MiniObject *list = MiniList_New(0);
        if (list == NULL || MiniList_Extend(list, cum_weights) < 0) { Mini_XDECREF(list); return NULL; }
        cum = list;
    }
    MiniObject *result = NULL;
    if (MiniList_GET_SIZE(cum) != n) {
        MiniErr_SetString(MiniExc_ValueError, "The number of weights does not match the population");
        goto done;
    }
    if (n == 0) {
        MiniErr_SetString(MiniExc_IndexError, "list index out of range");
        goto done;
    }
    double total = MiniFloat_AsDouble(MiniList_GET_ITEM(cum, n - 1));
    if (total == -1.0 && MiniErr_Occurred()) goto done;
    total += 0.0;
    if (total <= 0.0) {
        MiniErr_SetString(MiniExc_ValueError, "Total of weights must be greater than zero");
        goto done;
    }
    if (!isfinite(total)) {
        MiniErr_SetString(MiniExc_ValueError, "Total of weights must be finite");
        goto done;
    }
    result = MiniList_New(k);
    for (Mini_ssize_t i = 0; result != NULL && i < k; i++) {
        MiniObject *x = MiniFloat_FromDouble(random_double(r) * total);
        Mini_ssize_t at = x ? bisect_right(cum, x, 0, n - 1) : -1;
        Mini_XDECREF(x);
        MiniObject *v = at >= 0 ? item_at(population, at) : NULL;
        if (v == NULL) { Mini_CLEAR(result); break; }
        MiniList_SetItem(result, i, v);
    }
done:
    Mini_DECREF(cum);
    return result;
}

/* uniform(a, b): a + (b - a) * random(), with Python's arithmetic on the arguments. */
static MiniObject *random_uniform(MiniObject *op, MiniObject *args) {
    MiniObject *a, *b;
    if (!MiniArg_UnpackTuple(args, "uniform", 2, 2, &a, &b)) return NULL;
    MiniObject *diff = MiniNumber_Subtract(b, a);
    MiniObject *u = diff ? MiniFloat_FromDouble(random_double(RANDOM(op))) : NULL;
    MiniObject *scaled = u ? MiniNumber_Multiply(diff, u) : NULL;
    MiniObject *res = scaled ? MiniNumber_Add(a, scaled) : NULL;
    Mini_XDECREF(diff); Mini_XDECREF(u); Mini_XDECREF(scaled);
    return res;
}

/* triangular(low=0.0, high=1.0, mode=None) */
static MiniObject *random_triangular(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"low", "high", "mode", NULL};
    double low = 0.0, high = 1.0;
    MiniObject *mode = Mini_None;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|ddO:triangular", keywords, &low, &high, &mode)) return NULL;
    double u = random_double(RANDOM(op)), c = 0.5;
    if (mode != Mini_None) {
        double md = MiniFloat_AsDouble(mode);
        if (md == -1.0 && MiniErr_Occurred()) return NULL;
        if (high - low == 0) return MiniFloat_FromDouble(low);
        c = (md - low) / (high - low);
    }
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        double t = low; low = high; high = t;
    }
    return MiniFloat_FromDouble(low + (high - low) * sqrt(u * c));
}

/* Parses (mu=0.0, sigma=1.0)-style pairs. */
static int two_floats(MiniObject *args, MiniObject *kwargs, const char *fmt, char **kw, double *a, double *b) {
    return MiniArg_ParseTupleAndKeywords(args, kwargs, fmt, kw, a, b);
}

/* gauss(mu=0.0, sigma=1.0): Box-Muller, keeping the second value for the next call. */
static MiniObject *random_gauss(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"mu", "sigma", NULL};
    double mu = 0.0, sigma = 1.0;
    if (!two_floats(args, kwargs, "|dd:gauss", keywords, &mu, &sigma)) return NULL;
    RandomObject *r = RANDOM(op);
    double z;
    if (r->has_gauss) {
        z = r->gauss_next;
        r->has_gauss = 0;
    } else {
        double x2pi = random_double(r) * (2.0 * 3.141592653589793);
        double g2rad = sqrt(-2.0 * log(1.0 - random_double(r)));
        z = cos(x2pi) * g2rad;
        r->gauss_next = sin(x2pi) * g2rad;
        r->has_gauss = 1;
    }
    return MiniFloat_FromDouble(mu + z * sigma);
}

static double normal_sample(RandomObject *r) {
    const double magic = 4 * exp(-0.5) / sqrt(2.0);
    for (;;) {
        double u1 = random_double(r);
        double u2 = 1.0 - random_double(r);
        double z = magic * (u1 - 0.5) / u2;
        if (z * z / 4.0 <= -log(u2)) return z;
    }
}

/* normalvariate(mu=0.0, sigma=1.0): Kinderman and Monahan's method. */
static MiniObject *random_normalvariate(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"mu", "sigma", NULL};
    double mu = 0.0, sigma = 1.0;
    if (!two_floats(args, kwargs, "|dd:normalvariate", keywords, &mu, &sigma)) return NULL;
    return MiniFloat_FromDouble(mu + normal_sample(RANDOM(op)) * sigma);
}

/* lognormvariate(mu, sigma) */
static MiniObject *random_lognormvariate(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"mu", "sigma", NULL};
    double mu, sigma;
    if (!two_floats(args, kwargs, "dd:lognormvariate", keywords, &mu, &sigma)) return NULL;
    return MiniFloat_FromDouble(exp(mu + normal_sample(RANDOM(op)) * sigma));
}

/* expovariate(lambd) */
static MiniObject *random_expovariate(MiniObject *op, MiniObject *args, MiniObject *kwargs) {
    static char *keywords[] = {"lambd", NULL};
    double lambd;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "d:expovariate", keywords, &lambd)) return NULL;
    double u = random_double(RANDOM(op));
    if (lambd == 0) {
        MiniErr_SetString(MiniExc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    return MiniFloat_FromDouble(-log(1.0 - u) / lambd);
}

/* paretovariate(alpha) */
static MiniObject *random_paretovariate(MiniObject *op, MiniObject *arg) {
    double alpha = MiniFloat_AsDouble(arg);
    if (alpha == -1.0 && MiniErr_Occurred()) return NULL;
    double u = 1.0 - random_double(RANDOM(op));
    return MiniFloat_FromDouble(pow(u, -1.0 / alpha));
}

/* weibullvariate(alpha, beta) */
static MiniObject *random_weibullvariate(MiniObject *op, MiniObject *args) {
    double alpha, beta;
    if (!MiniArg_ParseTuple(args, "dd:weibullvariate", &alpha, &beta)) return NULL;
    double u = 1.0 - random_double(RANDOM(op));
    return MiniFloat_FromDouble(alpha * pow(-log(u), 1.0 / beta));
}

/* randbytes(n): getrandbits(n * 8).to_bytes(n, 'little') */
static MiniObject *random_randbytes(MiniObject *op, MiniObject *arg) {
    MiniObject *i = MiniNumber_Index(arg);
    if (i == NULL) return NULL;
    Mini_ssize_t n = MiniLong_AsSsize_t(i);
    Mini_DECREF(i);
    if (n == -1 && MiniErr_Occurred()) return NULL;
    if (n < 0) {
        MiniErr_SetString(MiniExc_ValueError, "number of bits must be non-negative");
        return NULL;
    }
    MiniObject *b = MiniBytes_FromStringAndSize(NULL, n);
    if (b == NULL) return NULL;
    unsigned char *out = (unsigned char *)MiniBytes_AsString(b);
    for (Mini_ssize_t pos = 0; pos < n; pos += 4) {
        Mini_ssize_t chunk = n - pos < 4 ? n - pos : 4;
        uint32_t w = genrand(RANDOM(op));
        if (chunk < 4) w >>= (32 - 8 * chunk);
        for (Mini_ssize_t j = 0; j < chunk; j++) out[pos + j] = (unsigned char)(w >> (8 * j));
    }
    return b;
}

/* getstate() -> (3, (625 ints), gauss_next) */
static MiniObject *random_getstate(MiniObject *op, MiniObject *unused) {
    (void)unused;
    RandomObject *r = RANDOM(op);
    MiniObject *words = MiniTuple_New(MT_N + 1);
    if (words == NULL) return NULL;
    for (int i = 0; i < MT_N; i++) {
        MiniObject *v = MiniLong_FromUnsignedLongLong(r->mt[i]);
        if (v == NULL) { Mini_DECREF(words); return NULL; }
        MiniTuple_SET_ITEM(words, i, v);
    }
    MiniObject *idx = MiniLong_FromLong(r->index);
    if (idx == NULL) { Mini_DECREF(words); return NULL; }
    MiniTuple_SET_ITEM(words, MT_N, idx);
    MiniObject *g = r->has_gauss ? MiniFloat_FromDouble(r->gauss_next) : Mini_NewRef(Mini_None);
    if (g == NULL) { Mini_DECREF(words); return NULL; }
    return Mini_BuildValue("(iNN)", 3, words, g);
}

/* setstate(state): the inverse of getstate(). */
static MiniObject *random_setstate(MiniObject *op, MiniObject *state) {
    RandomObject *r = RANDOM(op);
    if (!MiniTuple_Check(state) || MiniTuple_GET_SIZE(state) != 3)
        return MiniErr_Format(MiniExc_ValueError, "state with version %S passed to Random.setstate() "
                              "of version 3", MiniTuple_Check(state) && MiniTuple_GET_SIZE(state) > 0
                              ? MiniTuple_GET_ITEM(state, 0) : state);
    MiniObject *words = MiniTuple_GET_ITEM(state, 1), *g = MiniTuple_GET_ITEM(state, 2);
    if (!MiniTuple_Check(words) || MiniTuple_GET_SIZE(words) != MT_N + 1)
        return MiniErr_Format(MiniExc_ValueError, "state vector is the wrong size");
    uint32_t mt[MT_N];
    for (int i = 0; i < MT_N; i++) {
        long long v = MiniLong_AsLongLong(MiniTuple_GET_ITEM(words, i));
        if (v == -1 && MiniErr_Occurred()) return NULL;
        if (v < 0 || v > 0xFFFFFFFFLL) return MiniErr_Format(MiniExc_OverflowError, "Python int too large to convert to C unsigned long");
        mt[i] = (uint32_t)v;
    }
    long idx = MiniLong_AsLong(MiniTuple_GET_ITEM(words, MT_N));
    if (idx == -1 && MiniErr_Occurred()) return NULL;
    if (idx < 0 || idx > MT_N) return MiniErr_Format(MiniExc_ValueError, "invalid state");
    double gn = 0;
    if (g != Mini_None && (gn = MiniFloat_AsDouble(g)) == -1.0 && MiniErr_Occurred()) return NULL;
    memcpy(r->mt, mt, sizeof mt);
    r->index = (int)idx;
    r->has_gauss = g != Mini_None;
    r->gauss_next = gn;
    Mini_RETURN_NONE;
}

#define KW MINI_METH_VARARGS | MINI_METH_KEYWORDS
static MiniMethodDef random_methods[] = {
    {"seed", _MiniCFunction_CAST(random_seed), KW, "seed(a=None, version=2): initialise the generator."},
    {"random", random_random, MINI_METH_NOARGS, "random() -> float in [0, 1)."},
    {"getrandbits", random_getrandbits, MINI_METH_O, "getrandbits(k) -> int with k random bits."},
    {"randrange", _MiniCFunction_CAST(random_randrange), KW, "randrange(start, stop=None, step=1)"},
    {"randint", random_randint, MINI_METH_VARARGS, "randint(a, b) -> int in [a, b]."},
    {"choice", random_choice, MINI_METH_O, "choice(seq): a random element."},
    {"shuffle", random_shuffle, MINI_METH_O, "shuffle(x): shuffle the list in place."},
    {"sample", _MiniCFunction_CAST(random_sample), KW, "sample(population, k, *, counts=None)"},
    {"choices", _MiniCFunction_CAST(random_choices), KW, "choices(population, weights=None, *, cum_weights=None, k=1)"},
    {"uniform", random_uniform, MINI_METH_VARARGS, "uniform(a, b) -> float between a and b."},
    {"triangular", _MiniCFunction_CAST(random_triangular), KW, "triangular(low=0.0, high=1.0, mode=None)"},
    {"gauss", _MiniCFunction_CAST(random_gauss), KW, "gauss(mu=0.0, sigma=1.0)"},
    {"normalvariate", _MiniCFunction_CAST(random_normalvariate), KW, "normalvariate(mu=0.0, sigma=1.0)"},
    {"lognormvariate", _MiniCFunction_CAST(random_lognormvariate), KW, "lognormvariate(mu, sigma)"},
    {"expovariate", _MiniCFunction_CAST(random_expovariate), KW, "expovariate(lambd)"},
    {"paretovariate", random_paretovariate, MINI_METH_O, "paretovariate(alpha)"},
    {"weibullvariate", random_weibullvariate, MINI_METH_VARARGS, "weibullvariate(alpha, beta)"},
    {"randbytes", random_randbytes, MINI_METH_O, "randbytes(n) -> n random bytes."},
    {"getstate", random_getstate, MINI_METH_NOARGS, "getstate() -> the generator's state."},
    {"setstate", random_setstate, MINI_METH_O, "setstate(state): restore a getstate() result."},
    {NULL, NULL, 0, NULL},
};

static MiniTypeObject Random_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "random.Random",
    .tp_basicsize = sizeof(RandomObject),
    .tp_dealloc = MiniObject_Free,
    .tp_methods = random_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "Random(x=None): a Mersenne Twister generator, CPython-compatible.",
    .tp_new = random_new,
    .tp_init = random_init,
};

static MiniModuleDef random_module = {
    MiniModuleDef_HEAD_INIT, "random",
    "Pseudo-random numbers: CPython's Mersenne Twister, seeded and consumed the same way.", 0, NULL,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the random module (its functions are the bound methods of one Random
 * instance seeded from the OS), or NULL with an exception. */
MiniObject *MiniInit_random(void) {
    MiniObject *m = MiniModule_Create(&random_module);
    if (m == NULL) return NULL;
    if (MiniModule_AddType(m, &Random_Type) < 0) goto fail;
    MiniObject *inst = MiniObject_CallNoArgs((MiniObject *)&Random_Type);
    if (inst == NULL) goto fail;
    for (MiniMethodDef *d = random_methods; d->ml_name != NULL; d++) {
        MiniObject *bound = MiniObject_GetAttrString(inst, d->ml_name);
        if (bound == NULL || MiniModule_AddObject(m, d->ml_name, bound) < 0) {
            Mini_XDECREF(bound);
            Mini_DECREF(inst);
            goto fail;
        }
    }
    if (MiniModule_AddObject(m, "_inst", inst) < 0) { Mini_DECREF(inst); goto fail; }
    return m;
fail:
    MiniModule_ClearNamespace(m);
    Mini_DECREF(m);
    return NULL;
}
