/* Fuzz/fuzz_capi.c: a libFuzzer target for the C API's text-driven entry points. The first input
 * byte picks the entry point, the rest is its text:
 *   0  int(text, base) and MiniLong_FromString      1  float(text)
 *   2  text % (args)   (the printf-style mini-language, several argument shapes)
 *   3  format(value, text) and text.format(values)  (the format-spec mini-language)
 *   4  MiniArg_ParseTuple(args, text, ...) over a safe unit alphabet (no O!, O&: those read
 *      caller-supplied types and functions from the argument list)
 *   5  Mini_BuildValue(text, ...) over the units that read only ints, doubles and C strings
 * Any result or Python exception is fine; a crash, a sanitizer report or a hang is a bug. Built by Scripts/fuzz.sh with clang -fsanitize=fuzzer,address
 * against the CShims sources. */
#include "mini.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int started;

static void start(void) {
    if (started) return;
    started = 1;
    Mini_Initialize();
}

/* The text as a str object (invalid UTF-8 is replaced by the decoder or rejected: NULL). */
static MiniObject *text_object(const uint8_t *d, size_t n) {
    MiniObject *s = MiniUnicode_FromStringAndSize((const char *)d, (Mini_ssize_t)n);
    if (s == NULL) MiniErr_Clear();
    return s;
}

/* A run of 7+ digits in a format text asks for a width or precision of ten million or more:
 * CPython and the kit both try to build that string, which is memory, not a bug; skipped. */
static int asks_for_huge_width(const uint8_t *d, size_t n) {
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        run = (d[i] >= '0' && d[i] <= '9') ? run + 1 : 0;
        if (run >= 7) return 1;
    }
    return 0;
}

/* As asks_for_huge_width for a str.format() text, where a nested field ({0} inside a field's
 * spec) supplies text: each nested field counts as five digits of the run it sits in (the
 * harness's -98765 makes '{0:^{0:^}183}' a width of 98,765,183: a 98 MB string, which is memory,
 * not a bug, and took seconds under ASan). */
static int asks_for_huge_width_nested(const uint8_t *d, size_t n) {
    size_t run = 0;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] == '{') {
            if (depth > 0) run += 5;
            else run = 0;
            depth++;
        } else if (d[i] == '}') {
            if (depth > 0 && --depth == 0) run = 0;
        } else if (depth <= 1) {
            run = (d[i] >= '0' && d[i] <= '9') ? run + 1 : 0;
        }
        if (run >= 7) return 1;
    }
    return 0;
}

static void drop(MiniObject *o) {
    if (o != NULL) Mini_DECREF(o);
    else MiniErr_Clear();
}

static void fuzz_int(const uint8_t *d, size_t n) {
    char *buf = malloc(n + 1);
    memcpy(buf, d, n);
    buf[n] = 0;
    int base = n > 0 ? d[0] % 38 : 10;
    if (base == 1) base = 0;
    drop(MiniLong_FromString(buf, NULL, base));
    MiniObject *s = text_object(d, n);
    if (s != NULL) {
        MiniObject *b = MiniLong_FromLong(base);
        MiniObject *args = Mini_BuildValue("(OO)", s, b);
        if (args != NULL) drop(MiniObject_Call((MiniObject *)&MiniLong_Type, args, NULL));
        else MiniErr_Clear();
        Mini_XDECREF(args);
        Mini_DECREF(b);
        drop(MiniObject_CallOneArg((MiniObject *)&MiniLong_Type, s));
        Mini_DECREF(s);
    }
    free(buf);
}

static void fuzz_float(const uint8_t *d, size_t n) {
    MiniObject *s = text_object(d, n);
    if (s == NULL) return;
    MiniObject *f = MiniObject_CallOneArg((MiniObject *)&MiniFloat_Type, s);
    if (f != NULL) drop(MiniObject_Repr(f));
    drop(f);
    Mini_DECREF(s);
}

static void fuzz_percent(const uint8_t *d, size_t n) {
    if (asks_for_huge_width(d, n)) return;
    MiniObject *fmt = text_object(d, n);
    if (fmt == NULL) return;
    MiniObject *shapes[5];
    shapes[0] = Mini_BuildValue("(isd)", 42, "text", 2.5);
    shapes[1] = Mini_BuildValue("(ddd)", -1.0e300, 3.25, 0.0);
    shapes[2] = Mini_BuildValue("{s:i,s:s}", "a", 7, "b", "bee");
    shapes[3] = MiniLong_FromLong(-123456789);
    shapes[4] = Mini_BuildValue("(LLL)", (long long)1 << 62, -5LL, 0LL);
    for (int i = 0; i < 5; i++) {
        if (shapes[i] == NULL) { MiniErr_Clear(); continue; }
        drop(MiniNumber_Remainder(fmt, shapes[i]));
        Mini_DECREF(shapes[i]);
    }
    Mini_DECREF(fmt);
}

static void fuzz_format_spec(const uint8_t *d, size_t n) {
    if (asks_for_huge_width(d, n)) return;
    MiniObject *spec = text_object(d, n);
    if (spec == NULL) return;
    MiniObject *values[5] = { MiniLong_FromLong(-98765), MiniFloat_FromDouble(1234.5678),
                              MiniUnicode_FromString("abc"), NULL, MiniBool_FromLong(1) };
    MiniObject *ten = MiniLong_FromLong(10), *eighty = MiniLong_FromLong(80);
    values[3] = MiniNumber_Power(ten, eighty, Mini_None);   /* a big int */
    if (values[3] == NULL) MiniErr_Clear();
    Mini_XDECREF(ten);
    Mini_XDECREF(eighty);
    for (int i = 0; i < 5; i++) {
        if (values[i] == NULL) continue;
        drop(MiniObject_CallMethodObjArgs(values[i], "__format__", spec, NULL));
    }
    if (!asks_for_huge_width_nested(d, n))
        drop(MiniObject_CallMethodObjArgs(spec, "format", values[0], values[1], values[2], NULL));
    for (int i = 0; i < 5; i++) Mini_XDECREF(values[i]);
    Mini_DECREF(spec);
}

/* Every pointer argument of ParseTuple points into this arena (zeroed, generously sized). */
typedef union { char bytes[64]; void *p; long long q; double d; } Slot;

static void fuzz_parsetuple(const uint8_t *d, size_t n) {
    static const char alphabet[] = "bBhHiIlkLKnfdcsyzOSUpC()|$:;#*ew";
    if (n < 1) return;
    char fmt[33];
    size_t len = n - 1 < 32 ? n - 1 : 32;
    for (size_t i = 0; i < len; i++) {
        char c = alphabet[d[1 + i] % (sizeof alphabet - 1)];
        fmt[i] = c;
    }
    fmt[len] = 0;
    /* Refuse what reads a caller-supplied pointer as input (es/et take an encoding string). */
    for (size_t i = 0; i < len; i++) if (fmt[i] == 'e') fmt[i] = 'i';
    MiniObject *args;
    switch (d[0] % 4) {
    case 0: args = Mini_BuildValue("(isdO)", 5, "xyz", 1.5, Mini_None); break;
    case 1: args = Mini_BuildValue("((ii)y)", 1, 2, "by"); break;
    case 2: args = Mini_BuildValue("(LsL)", (long long)1 << 40, "", -1LL); break;
    default: args = Mini_BuildValue("()"); break;
    }
    if (args == NULL) { MiniErr_Clear(); return; }
    Slot *s = calloc(40, sizeof(Slot));
#define A(i) (void *)&s[i]
    int ok = MiniArg_ParseTuple(args, fmt, A(0), A(1), A(2), A(3), A(4), A(5), A(6), A(7), A(8), A(9),
                                A(10), A(11), A(12), A(13), A(14), A(15), A(16), A(17), A(18), A(19),
                                A(20), A(21), A(22), A(23), A(24), A(25), A(26), A(27), A(28), A(29),
                                A(30), A(31), A(32), A(33), A(34), A(35), A(36), A(37), A(38), A(39));
#undef A
    if (ok) {
        /* Buffers filled by s* / y* / w* units must be released. */
        for (size_t i = 0, slot = 0; i < len && slot < 40; i++) {
            char c = fmt[i];
            if (strchr("()|$:;", c) != NULL) continue;
            if (fmt[i + 1] == '*' && (c == 's' || c == 'y' || c == 'w' || c == 'z')) {
                MiniBuffer *b = (MiniBuffer *)&s[slot];
                if (b->obj != NULL) MiniBuffer_Release(b);
                i++;
            } else if (fmt[i + 1] == '#') {
                slot++;
                i++;
            }
            slot++;
        }
    } else {
        MiniErr_Clear();
    }
    free(s);
    Mini_DECREF(args);
}

static void fuzz_buildvalue(const uint8_t *d, size_t n) {
    static const char alphabet[] = "ibhlkKLnfdcsyz()[]{}:, ";
    char fmt[33];
    size_t len = n < 32 ? n : 32;
    for (size_t i = 0; i < len; i++) fmt[i] = alphabet[d[i] % (sizeof alphabet - 1)];
    fmt[len] = 0;
    static const char text[] = "value";
    /* 40 pointer-sized arguments: every unit here reads an int, a long, a double (from the
     * floating-point save area) or a C string; the pointers all point at a NUL-terminated string. */
#define T (const char *)text
    MiniObject *r = Mini_BuildValue(fmt, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T,
                                    T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T);
#undef T
    drop(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    start();
    if (size < 1) return 0;
    const uint8_t *d = data + 1;
    size_t n = size - 1;
    switch (data[0] % 6) {
    case 0: fuzz_int(d, n); break;
    case 1: fuzz_float(d, n); break;
    case 2: fuzz_percent(d, n); break;
    case 3: fuzz_format_spec(d, n); break;
    case 4: fuzz_parsetuple(d, n); break;
    default: fuzz_buildvalue(d, n); break;
    }
    if (MiniErr_Occurred() != NULL) MiniErr_Clear();
    return 0;
}
