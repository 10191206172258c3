/* Python/getargs.c: argument parsing for C functions, as CPython's PyArg_ParseTuple family. A format
 * string lists one unit per parameter ("O!|n:matmul"); each unit converts one argument object
 * to a C value stored through the pointers that follow the format. The parsers report the
 * errors CPython reports, worded the same way, so a Mini extension fails like a CPython one:
 * wrong counts ("function takes exactly 2 arguments (3 given)"), wrong types ("matmul()
 * argument 1 must be matrix, not int"), missing or unknown keywords. A ";text" suffix replaces
 * the count and type messages. On failure, buffer views already filled by y* units are released
 * so the caller has nothing to clean up. Every function requires the GIL. */
#include "mini.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Largest number of y* units one format may hold (their views are tracked for clean-up). */
#define MAX_HELD_BUFFERS 32

typedef struct {
    MiniBuffer *views[MAX_HELD_BUFFERS];
    int count;
} HeldBuffers;

static void release_held(HeldBuffers *held)
{
    for (int i = 0; i < held->count; i++) MiniBuffer_Release(held->views[i]);
    held->count = 0;
}

/* What converting one argument gave. */
enum {
    CONV_OK = 0,
    CONV_RAISED = -1,   /* an exception is set and is final */
    CONV_MISMATCH = 1,  /* wrong type: *expected names what was wanted; the caller words it */
};

#define IS_END_OF_FORMAT(c) ((c) == '\0' || (c) == ':' || (c) == ';')

static const char *type_name_of(MiniObject *o)
{
    return o == Mini_None ? "None" : MiniType_Name(Mini_TYPE(o));
}

/* Sets SystemError for a format the parser does not understand. */
static int bad_format(char c, const char *api)
{
    MiniErr_Format(MiniExc_SystemError, "bad format char '%c' in the format of %s", c, api);
    return CONV_RAISED;
}

/* The integer value of arg for the integer units (b h i l L n): an int, a bool, or anything with
 * __index__, as CPython 3.10+ accepts. Anything else, float included, raises TypeError "'float'
 * object cannot be interpreted as an integer". An int too big for a C long sets *overflow
 * (+1 / -1) with no exception. 0 / -1. */
static int integer_value(MiniObject *arg, long *out, int *overflow)
{
    long v = MiniLong_AsLongAndOverflow(arg, overflow);
    if (v == -1 && *overflow == 0 && MiniErr_Occurred() != NULL) return -1;
    *out = v;
    return 0;
}

/* Integer in [lo, hi] for the sized integer units: OverflowError "<what> is less than minimum"
 * or "... is greater than maximum" (CPython's wording) outside it. 0 / -1. */
static int ranged_integer(MiniObject *arg, long lo, long hi, const char *what, long *out)
{
    int overflow;
    long v;
    if (integer_value(arg, &v, &overflow) < 0) return -1;
    if (overflow < 0 || (overflow == 0 && v < lo)) {
        MiniErr_Format(MiniExc_OverflowError, "%s is less than minimum", what);
        return -1;
    }
    if (overflow > 0 || v > hi) {
        MiniErr_Format(MiniExc_OverflowError, "%s is greater than maximum", what);
        return -1;
    }
    *out = v;
    return 0;
}

/* The value of arg for the d and f units: float, int or bool; TypeError "must be real number,
 * not str" otherwise. 0 / -1. */
static int real_value(MiniObject *arg, double *out)
{
    if (MiniFloat_Check(arg)) {
        *out = MiniFloat_AS_DOUBLE(arg);
        return 0;
    }
    if (MiniBool_Check(arg)) {
        *out = arg == Mini_True;
        return 0;
    }
    if (MiniLong_Check(arg)) {
        double v = MiniLong_AsDouble(arg);
        if (v == -1.0 && MiniErr_Occurred() != NULL) return -1;
        *out = v;
        return 0;
    }
    MiniErr_Format(MiniExc_TypeError, "must be real number, not %.200s", MiniType_Name(Mini_TYPE(arg)));
    return -1;
}

/* Decodes the first UTF-8 sequence of s (assumed valid) into a code point. */
static int first_code_point(const unsigned char *s)
{
    if (s[0] < 0x80) return s[0];
    if ((s[0] & 0xE0) == 0xC0) return ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    if ((s[0] & 0xF0) == 0xE0) return ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    return ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

/* Converts arg by the unit at *pfmt, storing through the next pointer(s) in va, and moves *pfmt
 * past the unit. Returns CONV_OK, CONV_RAISED, or CONV_MISMATCH with *expected set. */
static int convert_item(MiniObject *arg, const char **pfmt, va_list *va, HeldBuffers *held,
                        const char **expected, const char *api)
{
    const char *f = *pfmt;
    char c = *f++;
    long lv;
    int overflow;
    double dv;
    switch (c) {
    case 'b': {  /* unsigned char, 0..255 (CPython's range check for 'b') */
        unsigned char *p = va_arg(*va, unsigned char *);
        if (ranged_integer(arg, 0, UCHAR_MAX, "unsigned byte integer", &lv) < 0) return CONV_RAISED;
        *p = (unsigned char)lv;
        break;
    }
    case 'h': {
        short *p = va_arg(*va, short *);
        if (ranged_integer(arg, SHRT_MIN, SHRT_MAX, "signed short integer", &lv) < 0) return CONV_RAISED;
        *p = (short)lv;
        break;
    }
    case 'i': {
        int *p = va_arg(*va, int *);
        if (ranged_integer(arg, INT_MIN, INT_MAX, "signed integer", &lv) < 0) return CONV_RAISED;
        *p = (int)lv;
        break;
    }
    case 'l':
    case 'L':
    case 'n': {
        void *p = va_arg(*va, void *);
        if (integer_value(arg, &lv, &overflow) < 0) return CONV_RAISED;
        if (overflow != 0) {
            MiniErr_Format(MiniExc_OverflowError, "Python int too large to convert to C %s",
                           c == 'l' ? "long" : c == 'L' ? "long long" : "ssize_t");
            return CONV_RAISED;
        }
        if (c == 'l') *(long *)p = lv;
        else if (c == 'L') *(long long *)p = lv;
        else *(Mini_ssize_t *)p = (Mini_ssize_t)lv;
        break;
    }
    case 'd': {
        double *p = va_arg(*va, double *);
        if (real_value(arg, &dv) < 0) return CONV_RAISED;
        *p = dv;
        break;
    }
    case 'f': {
        float *p = va_arg(*va, float *);
        if (real_value(arg, &dv) < 0) return CONV_RAISED;
        *p = (float)dv;
        break;
    }
    case 'p': {
        int *p = va_arg(*va, int *);
        int truth = MiniObject_IsTrue(arg);
        if (truth < 0) return CONV_RAISED;
        *p = truth;
        break;
    }
    case 'C': {
        int *p = va_arg(*va, int *);
        if (!MiniUnicode_Check(arg) || MiniUnicode_GetLength(arg) != 1) {
            *expected = "a unicode character";
            return CONV_MISMATCH;
        }
        const char *s = MiniUnicode_AsUTF8(arg);
        if (s == NULL) return CONV_RAISED;
        *p = first_code_point((const unsigned char *)s);
        break;
    }
    case 's':
    case 'z': {
        const char **p = va_arg(*va, const char **);
        if (c == 'z' && arg == Mini_None) {
            *p = NULL;
            break;
        }
        if (!MiniUnicode_Check(arg)) {
            *expected = c == 'z' ? "str or None" : "str";
            return CONV_MISMATCH;
        }
        Mini_ssize_t size;
        const char *s = MiniUnicode_AsUTF8AndSize(arg, &size);
        if (s == NULL) return CONV_RAISED;
        if ((Mini_ssize_t)strlen(s) != size) {
            MiniErr_SetString(MiniExc_ValueError, "embedded null character");
            return CONV_RAISED;
        }
        *p = s;
        break;
    }
    case 'y': {
        if (*f != '*') return bad_format(c, api);
        f++;
        MiniBuffer *p = va_arg(*va, MiniBuffer *);
        if (held->count == MAX_HELD_BUFFERS) {
            MiniErr_Format(MiniExc_SystemError, "too many y* units in the format of %s", api);
            return CONV_RAISED;
        }
        if (MiniObject_GetBuffer(arg, p, MINI_BUF_SIMPLE) < 0) return CONV_RAISED;
        held->views[held->count++] = p;
        break;
    }
    case 'O':
        if (*f == '!') {
            f++;
            MiniTypeObject *type = va_arg(*va, MiniTypeObject *);
            MiniObject **p = va_arg(*va, MiniObject **);
            if (type == NULL) {
                MiniErr_Format(MiniExc_SystemError, "NULL type for O! in the format of %s", api);
                return CONV_RAISED;
            }
            if (!MiniObject_TypeCheck(arg, type)) {
                *expected = MiniType_Name(type);
                return CONV_MISMATCH;
            }
            *p = arg;
        } else if (*f == '&') {
            f++;
            int (*converter)(MiniObject *, void *) = va_arg(*va, int (*)(MiniObject *, void *));
            void *p = va_arg(*va, void *);
            if (!converter(arg, p)) {
                if (MiniErr_Occurred() == NULL) {
                    MiniErr_Format(MiniExc_SystemError,
                                   "O& converter failed without setting an exception in %s", api);
                }
                return CONV_RAISED;
            }
        } else {
            MiniObject **p = va_arg(*va, MiniObject **);
            *p = arg;
        }
        break;
    default:
        return bad_format(c, api);
    }
    *pfmt = f;
    return CONV_OK;
}

/* Length in characters of the unit at f (2 for y* O! O&), or -1 with SystemError for a
 * character that starts no unit. Lets the parsers refuse a bad format before converting
 * anything, even when the arguments given stop before the bad unit. */
static int unit_length(const char *f, const char *api)
{
    switch (f[0]) {
    case 'b': case 'h': case 'i': case 'l': case 'L': case 'n': case 'd': case 'f': case 'p':
    case 'C': case 's': case 'z':
        return 1;
    case 'y':
        if (f[1] != '*') return bad_format(f[0], api);
        return 2;
    case 'O':
        return f[1] == '!' || f[1] == '&' ? 2 : 1;
    default:
        return bad_format(f[0], api);
    }
}

/* Consumes the pointers of the unit at *pfmt without converting anything (an optional keyword
 * parameter that was not given) and moves *pfmt past it. 0 / -1 (SystemError). */
static int skip_item(const char **pfmt, va_list *va, const char *api)
{
    const char *f = *pfmt;
    char c = *f++;
    switch (c) {
    case 'b': case 'h': case 'i': case 'l': case 'L': case 'n': case 'd': case 'f': case 'p':
    case 'C': case 's': case 'z':
        (void)va_arg(*va, void *);
        break;
    case 'y':
        if (*f != '*') return bad_format(c, api);
        f++;
        (void)va_arg(*va, void *);
        break;
    case 'O':
        if (*f == '!' || *f == '&') {
            f++;
            (void)va_arg(*va, void *);
        }
        (void)va_arg(*va, void *);
        break;
    default:
        return bad_format(c, api);
    }
    *pfmt = f;
    return 0;
}

/* "matmul()" when the format named the function, else the fallback ("function"). */
static void label(char *buf, size_t size, const char *fname, const char *fallback)
{
    if (fname != NULL) snprintf(buf, size, "%.200s()", fname);
    else snprintf(buf, size, "%s", fallback);
}

/* Raises the TypeError for a conversion that reported CONV_MISMATCH: "matmul() argument 1 must
 * be matrix, not int" ("argument 1 must be ..." without a name), or the ";text" message. */
static void set_mismatch(Mini_ssize_t iarg, const char *expected, MiniObject *arg,
                         const char *fname, const char *message)
{
    if (message != NULL) {
        MiniErr_SetString(MiniExc_TypeError, message);
        return;
    }
    char buf[600];
    snprintf(buf, sizeof buf, "%.200s%sargument %zd must be %.50s, not %.50s",
             fname != NULL ? fname : "", fname != NULL ? "() " : "", iarg, expected,
             type_name_of(arg));
    MiniErr_SetString(MiniExc_TypeError, buf);
}

/* Finds the ":name" and ";text" parts of a format. */
static void format_tail(const char *format, const char **fname, const char **message)
{
    *fname = NULL;
    *message = NULL;
    for (const char *f = format; *f; f++) {
        if (*f == ':') {
            *fname = f + 1;
            return;
        }
        if (*f == ';') {
            *message = f + 1;
            return;
        }
    }
}

static int parse_tuple(MiniObject *args, const char *format, va_list *va)
{
    static const char api[] = "MiniArg_ParseTuple";
    if (args == NULL || format == NULL) {
        MiniErr_BadInternalCall();
        return 0;
    }
    if (!MiniTuple_Check(args)) {
        MiniErr_SetString(MiniExc_SystemError,
                          "new style getargs format but argument is not a tuple");
        return 0;
    }
    const char *fname, *message;
    format_tail(format, &fname, &message);

    /* Count the units: max in all, min before the '|'. */
    int min = -1, max = 0;
    for (const char *f = format; !IS_END_OF_FORMAT(*f);) {
        if (*f == '|') {
            if (min >= 0) {
                MiniErr_SetString(MiniExc_SystemError, "Invalid format string (| specified twice)");
                return 0;
            }
            min = max;
            f++;
        } else if (*f == '$') {
            MiniErr_SetString(MiniExc_SystemError,
                              "'$' (keyword-only) needs MiniArg_ParseTupleAndKeywords");
            return 0;
        } else {
            int n = unit_length(f, api);
            if (n < 0) return 0;
            f += n;
            max++;
        }
    }
    if (min < 0) min = max;

    Mini_ssize_t nargs = MiniTuple_GET_SIZE(args);
    if (nargs < min || nargs > max) {
        if (message != NULL) {
            MiniErr_SetString(MiniExc_TypeError, message);
        } else {
            char who[220];
            label(who, sizeof who, fname, "function");
            int bound = nargs < min ? min : max;
            MiniErr_Format(MiniExc_TypeError, "%s takes %s %d argument%s (%zd given)", who,
                           min == max ? "exactly" : nargs < min ? "at least" : "at most", bound,
                           bound == 1 ? "" : "s", nargs);
        }
        return 0;
    }

    HeldBuffers held = {.count = 0};
    const char *f = format;
    for (Mini_ssize_t i = 0; i < nargs; i++) {
        if (*f == '|') f++;
        MiniObject *arg = MiniTuple_GET_ITEM(args, i);
        const char *expected = NULL;
        int r = convert_item(arg, &f, va, &held, &expected, api);
        if (r != CONV_OK) {
            if (r == CONV_MISMATCH) set_mismatch(i + 1, expected, arg, fname, message);
            release_held(&held);
            return 0;
        }
    }
    return 1;
}

/* Number of entries of a NULL-terminated keyword list. */
static int keyword_count(char **keywords)
{
    int n = 0;
    while (keywords[n] != NULL) n++;
    return n;
}

/* The keyword parser, following the algorithm of CPython's vgetargskeywords so that the same
 * calls fail with the same messages. */
static int parse_tuple_and_keywords(MiniObject *args, MiniObject *kwargs, const char *format,
                                    char **keywords, va_list *va)
{
    static const char api[] = "MiniArg_ParseTupleAndKeywords";
    if (args == NULL || !MiniTuple_Check(args) || (kwargs != NULL && !MiniDict_Check(kwargs)) ||
        format == NULL || keywords == NULL) {
        MiniErr_BadInternalCall();
        return 0;
    }
    const char *fname, *message;
    format_tail(format, &fname, &message);
    /* The "f()" label of error messages, built only when one is raised (building it up front
     * cost each call an snprintf, ~700 instructions). */
    char who[220];
    who[0] = '\0';
#define WHO() (who[0] != '\0' ? who : (label(who, sizeof who, fname, "function"), who))
    for (const char *f = format; !IS_END_OF_FORMAT(*f);) {
        if (*f == '|' || *f == '$') {
            f++;
            continue;
        }
        int n = unit_length(f, api);
        if (n < 0) return 0;
        f += n;
    }

    /* Leading empty names are positional-only parameters. */
    int npos = 0;
    while (keywords[npos] != NULL && keywords[npos][0] == '\0') npos++;
    int len = keyword_count(keywords);
    for (int i = npos; i < len; i++) {
        if (keywords[i][0] == '\0') {
            MiniErr_SetString(MiniExc_SystemError, "Empty keyword parameter name");
            return 0;
        }
    }

    Mini_ssize_t nargs = MiniTuple_GET_SIZE(args);
    Mini_ssize_t nkwargs = kwargs != NULL ? MiniDict_Size(kwargs) : 0;
    if (nargs + nkwargs > len) {
        MiniErr_Format(MiniExc_TypeError, "%s takes at most %d %sargument%s (%zd given)", WHO(), len,
                       nargs == 0 ? "keyword " : "", len == 1 ? "" : "s", nargs + nkwargs);
        return 0;
    }

    HeldBuffers held = {.count = 0};
    int min = INT_MAX, max = INT_MAX;
    int skip = 0;  /* a positional-only parameter is missing: report once min/max are known */
    const char *f = format;
    int i;
    for (i = 0; i < len; i++) {
        if (*f == '|') {
            if (min != INT_MAX) {
                MiniErr_SetString(MiniExc_SystemError, "Invalid format string (| specified twice)");
                goto fail;
            }
            if (max != INT_MAX) {
                MiniErr_SetString(MiniExc_SystemError, "Invalid format string ($ before |)");
                goto fail;
            }
            min = i;
            f++;
        }
        if (*f == '$') {
            if (max != INT_MAX) {
                MiniErr_SetString(MiniExc_SystemError, "Invalid format string ($ specified twice)");
                goto fail;
            }
            max = i;
            f++;
            if (max < npos) {
                MiniErr_SetString(MiniExc_SystemError, "Empty parameter name after $");
                goto fail;
            }
            if (skip) break;
            if (max < nargs) {
                if (max == 0) {
                    MiniErr_Format(MiniExc_TypeError, "%s takes no positional arguments", WHO());
                } else {
                    MiniErr_Format(MiniExc_TypeError,
                                   "%s takes %s %d positional argument%s (%zd given)", WHO(),
                                   min != INT_MAX ? "at most" : "exactly", max,
                                   max == 1 ? "" : "s", nargs);
                }
                goto fail;
            }
        }
        if (IS_END_OF_FORMAT(*f)) {
            MiniErr_Format(MiniExc_SystemError,
                           "More keyword list entries (%d) than format specifiers (%d)", len, i);
            goto fail;
        }
        if (!skip) {
            MiniObject *arg = NULL;
            if (i < nargs) {
                arg = MiniTuple_GET_ITEM(args, i);
            } else if (nkwargs > 0 && i >= npos) {
                arg = MiniDict_GetItemString(kwargs, keywords[i]);
                if (arg != NULL) nkwargs--;
            }
            if (arg != NULL) {
                const char *expected = NULL;
                int r = convert_item(arg, &f, va, &held, &expected, api);
                if (r != CONV_OK) {
                    if (r == CONV_MISMATCH) set_mismatch(i + 1, expected, arg, fname, message);
                    goto fail;
                }
                continue;
            }
            if (i < min) {
                if (i < npos) {
                    skip = 1;
                } else {
                    MiniErr_Format(MiniExc_TypeError,
                                   "%s missing required argument '%.200s' (pos %d)", WHO(),
                                   keywords[i], i + 1);
                    goto fail;
                }
            }
            /* All required parameters are filled and no keywords are left: done. */
            if (nkwargs == 0 && !skip) return 1;
        }
        if (skip_item(&f, va, api) < 0) goto fail;
    }

    if (skip) {
        int bound = npos < min ? npos : min;
        MiniErr_Format(MiniExc_TypeError, "%s takes %s %d positional argument%s (%zd given)", WHO(),
                       bound < i ? "at least" : "exactly", bound, bound == 1 ? "" : "s", nargs);
        goto fail;
    }
    if (!IS_END_OF_FORMAT(*f) && *f != '|' && *f != '$') {
        MiniErr_Format(MiniExc_SystemError,
                       "more argument specifiers than keyword list entries (remaining format:'%s')",
                       f);
        goto fail;
    }

    if (nkwargs > 0) {
        /* A parameter given both by position and by name? */
        for (int k = npos; k < nargs && k < len; k++) {
            if (MiniDict_GetItemString(kwargs, keywords[k]) != NULL) {
                MiniErr_Format(MiniExc_TypeError,
                               "argument for %s given by name ('%.200s') and position (%d)", WHO(),
                               keywords[k], k + 1);
                goto fail;
            }
        }
        /* An unknown name? */
        char who_kw[220];
        label(who_kw, sizeof who_kw, fname, "this function");
        Mini_ssize_t pos = 0;
        MiniObject *key;
        while (MiniDict_Next(kwargs, &pos, &key, NULL)) {
            if (!MiniUnicode_Check(key)) {
                MiniErr_SetString(MiniExc_TypeError, "keywords must be strings");
                goto fail;
            }
            int match = 0;
            for (int k = npos; k < len && !match; k++) match = MiniUnicode_EqualToUTF8(key, keywords[k]);
            if (!match) {
                const char *name = MiniUnicode_AsUTF8(key);
                if (name == NULL) goto fail;
                MiniErr_Format(MiniExc_TypeError, "'%.200s' is an invalid keyword argument for %s",
                               name, who_kw);
                goto fail;
            }
        }
        MiniErr_Format(MiniExc_TypeError, "invalid keyword argument for %s", who_kw);
        goto fail;
    }
    return 1;

fail:
    release_held(&held);
    return 0;
#undef WHO
}

/* Parses the positional tuple args by format (units in mini/modsupport.h), storing through the
 * pointers that follow. 1 on success; 0 with TypeError / OverflowError / ValueError (or
 * SystemError for a bad format or a non-tuple args) on failure, after releasing the views
 * already filled by y* units. Stored objects (O, O!) and strings (s, z) are borrowed from args.
 * Requires the GIL. */
int MiniArg_ParseTuple(MiniObject *args, const char *format, ...)
{
    MINI_CHECK_GIL("MiniArg_ParseTuple");
    va_list va;
    va_start(va, format);
    int r = parse_tuple(args, format, &va);
    va_end(va);
    return r;
}

/* As MiniArg_ParseTuple, also taking parameters by name from kwargs (a dict or NULL) using the
 * NULL-terminated keywords list (one entry per unit; leading "" entries are positional-only).
 * Units after '$' can only be given by name. Optional parameters that are not given leave their
 * C variables untouched. 1 / 0 as above. Requires the GIL. */
int MiniArg_ParseTupleAndKeywords(MiniObject *args, MiniObject *kwargs, const char *format,
                                  char **keywords, ...)
{
    MINI_CHECK_GIL("MiniArg_ParseTupleAndKeywords");
    va_list va;
    va_start(va, keywords);
    int r = parse_tuple_and_keywords(args, kwargs, format, keywords, &va);
    va_end(va);
    return r;
}

/* Checks that args is a tuple of min..max items and stores them (borrowed) through the
 * MiniObject ** pointers that follow; pointers beyond the number given are left untouched.
 * 1 on success; 0 with TypeError "f expected 2 arguments, got 3" ("unpacked tuple should have 2
 * elements, but has 3" when name is NULL), or SystemError when args is not a tuple. Requires
 * the GIL. */
int MiniArg_UnpackTuple(MiniObject *args, const char *name, Mini_ssize_t min, Mini_ssize_t max, ...)
{
    MINI_CHECK_GIL("MiniArg_UnpackTuple");
    if (args == NULL || !MiniTuple_Check(args)) {
        MiniErr_SetString(MiniExc_SystemError, "MiniArg_UnpackTuple() argument list is not a tuple");
        return 0;
    }
    Mini_ssize_t n = MiniTuple_GET_SIZE(args);
    if (n < min || n > max) {
        Mini_ssize_t bound = n < min ? min : max;
        const char *qualifier = min == max ? "" : n < min ? "at least " : "at most ";
        if (name != NULL) {
            MiniErr_Format(MiniExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name,
                           qualifier, bound, bound == 1 ? "" : "s", n);
        } else {
            MiniErr_Format(MiniExc_TypeError,
                           "unpacked tuple should have %s%zd element%s, but has %zd", qualifier,
                           bound, bound == 1 ? "" : "s", n);
        }
        return 0;
    }
    va_list va;
    va_start(va, max);
    for (Mini_ssize_t i = 0; i < n; i++) {
        MiniObject **p = va_arg(va, MiniObject **);
        *p = MiniTuple_GET_ITEM(args, i);
    }
    va_end(va);
    return 1;
}
