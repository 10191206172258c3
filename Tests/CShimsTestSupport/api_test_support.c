/* api_test_support.c: the C side of ArgParseTests, BuildValueTests, ModuleTests,
 * MatrixBufferTests and ImportTests (see api_test_support.h). The parse harness gives every
 * format unit its own pattern-filled storage and passes one pointer per slot after the format,
 * so one generic function can drive any format string from Swift. */
#include "api_test_support.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----- errors and small helpers ------------------------------------------------------------- */

int ts_take_error(char *out, size_t outsize)
{
    if (outsize > 0) out[0] = '\0';
    MiniObject *exc = MiniErr_GetRaisedException();
    if (exc == NULL) return 0;
    MiniErr_FormatExceptionOnly(exc, out, outsize);
    Mini_DECREF(exc);
    return 1;
}

MiniObject *ts_tuple(MiniObject *const *items, Mini_ssize_t n)
{
    MiniObject *t = MiniTuple_New(n);
    if (t == NULL) return NULL;
    for (Mini_ssize_t i = 0; i < n; i++) MiniTuple_SetItem(t, i, Mini_NewRef(items[i]));
    return t;
}

/* Appends printf output to a bounded buffer. */
typedef struct {
    char *s;
    size_t size, len;
} Out;

static void out_printf(Out *o, const char *fmt, ...)
{
    if (o->len >= o->size) return;
    va_list va;
    va_start(va, fmt);
    int n = vsnprintf(o->s + o->len, o->size - o->len, fmt, va);
    va_end(va);
    if (n > 0) o->len += (size_t)n;
    if (o->len >= o->size) o->len = o->size - 1;
}

static void out_repr(Out *o, MiniObject *obj)
{
    MiniObject *r = MiniObject_Repr(obj);
    const char *s = r != NULL ? MiniUnicode_AsUTF8(r) : NULL;
    out_printf(o, "%s", s != NULL ? s : "<repr failed>");
    if (s == NULL) MiniErr_Clear();
    Mini_XDECREF(r);
}

/* ----- the parse harness -------------------------------------------------------------------- */

#define TS_UNITS 16
#define TS_PATTERN 0xA5

typedef union {
    unsigned char b;
    short h;
    int i;
    long l;
    long long L;
    Mini_ssize_t n;
    double d;
    float f;
    const char *s;
    MiniObject *o;
    MiniBuffer view;
} Slot;

static int unset(const void *p, size_t size)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < size; i++) {
        if (c[i] != TS_PATTERN) return 0;
    }
    return 1;
}

/* O& converter: a non-negative int into a long. */
static int ts_converter(MiniObject *o, void *p)
{
    long v = MiniLong_AsLong(o);
    if (v == -1 && MiniErr_Occurred() != NULL) return 0;
    if (v < 0) {
        MiniErr_SetString(MiniExc_ValueError, "negative");
        return 0;
    }
    *(long *)p = v;
    return 1;
}

int ts_parse(MiniObject *args, MiniObject *kwargs, const char *format, const char *keywords_csv,
             MiniTypeObject *otype, char *out, size_t outsize)
{
    Slot store[TS_UNITS];
    char kinds[TS_UNITS][3];
    void *ptrs[2 * TS_UNITS + 4] = {0};
    int nunits = 0, nptrs = 0;
    memset(store, TS_PATTERN, sizeof store);

    for (const char *f = format; *f && *f != ':' && *f != ';' && nunits < TS_UNITS; f++) {
        char c = *f;
        if (c == '|' || c == '$') continue;
        Slot *slot = &store[nunits];
        kinds[nunits][0] = c;
        kinds[nunits][1] = '\0';
        if (c == 'y' && f[1] == '*') {
            strcpy(kinds[nunits], "y*");
            f++;
        } else if (c == 'O' && f[1] == '!') {
            strcpy(kinds[nunits], "O!");
            ptrs[nptrs++] = otype;
            f++;
        } else if (c == 'O' && f[1] == '&') {
            strcpy(kinds[nunits], "O&");
            int (*conv)(MiniObject *, void *) = ts_converter;
            memcpy(&ptrs[nptrs++], &conv, sizeof(void *));
            f++;
        }
        ptrs[nptrs++] = slot;
        nunits++;
    }

    char *kwlist[TS_UNITS + 1];
    char kwbuf[512];
    int ok;
#define TS_PTRS ptrs[0], ptrs[1], ptrs[2], ptrs[3], ptrs[4], ptrs[5], ptrs[6], ptrs[7], ptrs[8], \
    ptrs[9], ptrs[10], ptrs[11], ptrs[12], ptrs[13], ptrs[14], ptrs[15], ptrs[16], ptrs[17], \
    ptrs[18], ptrs[19], ptrs[20], ptrs[21], ptrs[22], ptrs[23]
    if (keywords_csv == NULL) {
        ok = MiniArg_ParseTuple(args, format, TS_PTRS);
    } else {
        int nk = 0;
        snprintf(kwbuf, sizeof kwbuf, "%s", keywords_csv);
        if (kwbuf[0] != '\0' || strchr(keywords_csv, ',') != NULL) {
            char *p = kwbuf;
            for (;;) {
                kwlist[nk++] = p;
                char *comma = strchr(p, ',');
                if (comma == NULL || nk == TS_UNITS) break;
                *comma = '\0';
                p = comma + 1;
            }
        }
        kwlist[nk] = NULL;
        ok = MiniArg_ParseTupleAndKeywords(args, kwargs, format, kwlist, TS_PTRS);
    }
#undef TS_PTRS

    if (!ok) {
        if (!ts_take_error(out, outsize)) snprintf(out, outsize, "failed without an exception");
        return 0;
    }

    Out o = {out, outsize, 0};
    out[0] = '\0';
    for (int u = 0; u < nunits; u++) {
        Slot *s = &store[u];
        const char *k = kinds[u];
        if (u > 0) out_printf(&o, " ");
        out_printf(&o, "%s=", k);
        switch (k[0]) {
        case 'b': if (unset(&s->b, sizeof s->b)) goto unset_; out_printf(&o, "%u", s->b); break;
        case 'h': if (unset(&s->h, sizeof s->h)) goto unset_; out_printf(&o, "%d", s->h); break;
        case 'i': if (unset(&s->i, sizeof s->i)) goto unset_; out_printf(&o, "%d", s->i); break;
        case 'p': if (unset(&s->i, sizeof s->i)) goto unset_; out_printf(&o, "%d", s->i); break;
        case 'C': if (unset(&s->i, sizeof s->i)) goto unset_; out_printf(&o, "U+%04X", (unsigned)s->i); break;
        case 'l': if (unset(&s->l, sizeof s->l)) goto unset_; out_printf(&o, "%ld", s->l); break;
        case 'L': if (unset(&s->L, sizeof s->L)) goto unset_; out_printf(&o, "%lld", s->L); break;
        case 'n': if (unset(&s->n, sizeof s->n)) goto unset_; out_printf(&o, "%zd", s->n); break;
        case 'd': if (unset(&s->d, sizeof s->d)) goto unset_; out_printf(&o, "%.15g", s->d); break;
        case 'f': if (unset(&s->f, sizeof s->f)) goto unset_; out_printf(&o, "%.7g", (double)s->f); break;
        case 's': case 'z':
            if (unset(&s->s, sizeof s->s)) goto unset_;
            if (s->s == NULL) out_printf(&o, "NULL");
            else out_printf(&o, "'%s'", s->s);
            break;
        case 'y':
            if (unset(&s->view, sizeof s->view)) goto unset_;
            out_printf(&o, "%zd:%s:%d:%s", s->view.len, s->view.format, s->view.ndim,
                       s->view.readonly ? "ro" : "rw");
            MiniBuffer_Release(&s->view);
            break;
        case 'O':
            if (k[1] == '&') {
                if (unset(&s->l, sizeof s->l)) goto unset_;
                out_printf(&o, "%ld", s->l);
            } else {
                if (unset(&s->o, sizeof s->o)) goto unset_;
                out_repr(&o, s->o);
            }
            break;
        default:
            out_printf(&o, "?");
        }
        continue;
    unset_:
        out_printf(&o, "unset");
    }
    return 1;
}

int ts_unpack(MiniObject *args, const char *name, Mini_ssize_t min, Mini_ssize_t max,
              MiniObject **a, MiniObject **b, MiniObject **c)
{
    return MiniArg_UnpackTuple(args, name, min, max, a, b, c);
}

/* ----- Mini_BuildValue scenarios ---------------------------------------------------------- */

static MiniObject *conv_to_str(void *p) { return MiniUnicode_FromString((const char *)p); }

MiniObject *ts_build(const char *sc, MiniObject *obj)
{
#define CASE(name) if (strcmp(sc, name) == 0)
    CASE("none") return Mini_BuildValue("");
    CASE("spaces") return Mini_BuildValue("  ");
    CASE("int") return Mini_BuildValue("i", 42);
    CASE("ints")
        return Mini_BuildValue("(bBhHiIlkLKn)", -5, 200, -300, 65535, -70000, 4000000000u,
                               -5000000000L, 6000000000UL, -7000000000LL, 8000000000ULL,
                               (Mini_ssize_t)-9);
    CASE("floats") return Mini_BuildValue("(df)", 2.5, (double)1.25f);
    CASE("str") return Mini_BuildValue("s", "h\xc3\xa9llo");
    CASE("str_null") return Mini_BuildValue("s", (const char *)NULL);
    CASE("str_len") return Mini_BuildValue("s#", "abcdef", (Mini_ssize_t)3);
    CASE("z_null") return Mini_BuildValue("z", (const char *)NULL);
    CASE("z_len_null") return Mini_BuildValue("z#", (const char *)NULL, (Mini_ssize_t)0);
    CASE("bytes") return Mini_BuildValue("y", "ab");
    CASE("bytes_len") return Mini_BuildValue("y#", "a\0b", (Mini_ssize_t)3);
    CASE("char") return Mini_BuildValue("c", 'x');
    CASE("C") return Mini_BuildValue("C", 0xE9);
    CASE("C4") return Mini_BuildValue("C", 0x1F600);
    CASE("bools") return Mini_BuildValue("(pp)", 1, 0);
    CASE("O") return Mini_BuildValue("O", obj);
    CASE("S") return Mini_BuildValue("S", obj);
    CASE("N") return Mini_BuildValue("N", obj);
    CASE("tuple") return Mini_BuildValue("(ii)", 1, 2);
    CASE("tuple1") return Mini_BuildValue("(i)", 7);
    CASE("empty_tuple") return Mini_BuildValue("()");
    CASE("list") return Mini_BuildValue("[i,s]", 1, "a");
    CASE("empty_list") return Mini_BuildValue("[]");
    CASE("dict") return Mini_BuildValue("{s:i,s:d}", "a", 1, "b", 2.5);
    CASE("empty_dict") return Mini_BuildValue("{}");
    CASE("nested") return Mini_BuildValue("(i,[s,{s:(ii)}],())", 1, "x", "k", 2, 3);
    CASE("multi") return Mini_BuildValue("is", 1, "a");
    CASE("separators") return Mini_BuildValue("i, i : i\ti", 1, 2, 3, 4);
    CASE("O&") return Mini_BuildValue("O&", conv_to_str, (void *)"converted");
    CASE("ON") return Mini_BuildValue("(ON)", obj, obj);
    /* errors */
    CASE("bad_char") return Mini_BuildValue("iQ", 1);
    CASE("unmatched") return Mini_BuildValue("(ii", 1, 2);
    CASE("unmatched_close") return Mini_BuildValue("ii)", 1, 2);
    CASE("mismatched") return Mini_BuildValue("(i]", 1);
    CASE("null_O") return Mini_BuildValue("O", (MiniObject *)NULL);
    CASE("bad_dict") return Mini_BuildValue("{i}", 1);
    CASE("bad_C") return Mini_BuildValue("C", 0x110000);
    /* N is stolen even when the build fails */
    CASE("N_then_bad_C") return Mini_BuildValue("(N,C)", obj, 0x110000);
    CASE("null_then_N") return Mini_BuildValue("(O,N)", (MiniObject *)NULL, obj);
    CASE("N_in_failed_dict") return Mini_BuildValue("{s:O,s:N}", "a", (MiniObject *)NULL, "b", obj);
    CASE("N_in_failed_list") return Mini_BuildValue("[C,[N]]", -1, obj);
    CASE("N_unmatched") return Mini_BuildValue("(N", obj);
    CASE("N_null_then_N") return Mini_BuildValue("NN", (MiniObject *)NULL, obj);
    CASE("N_then_null") return Mini_BuildValue("NO", obj, (MiniObject *)NULL);
#undef CASE
    MiniErr_Format(MiniExc_ValueError, "unknown scenario %s", sc);
    return NULL;
}

/* ----- a module and functions ---------------------------------------------------------------- */

typedef struct {
    int calls;
} TsState;

static MiniObject *tsmod_calls(MiniObject *self, MiniObject *unused)
{
    (void)unused;
    TsState *st = MiniModule_GetState(self);
    if (st == NULL) return NULL;
    return MiniLong_FromLong(++st->calls);
}

static MiniObject *tsmod_echo(MiniObject *self, MiniObject *arg)
{
    (void)self;
    return Mini_NewRef(arg);
}

static MiniObject *tsmod_args(MiniObject *self, MiniObject *args)
{
    (void)self;
    return Mini_NewRef(args);
}

static MiniObject *tsmod_kw(MiniObject *self, MiniObject *args, MiniObject *kwargs)
{
    (void)self;
    static char *keywords[] = {"a", "b", "c", NULL};
    long a, b = 0;
    const char *c = "";
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "l|l$s:kw", keywords, &a, &b, &c)) return NULL;
    return Mini_BuildValue("(lls)", a, b, c);
}

static MiniMethodDef tsmod_methods[] = {
    {"calls", tsmod_calls, MINI_METH_NOARGS, "calls() -> number of calls so far"},
    {"echo", tsmod_echo, MINI_METH_O, NULL},
    {"args", tsmod_args, MINI_METH_VARARGS, NULL},
    {"kw", _MiniCFunction_CAST(tsmod_kw), MINI_METH_VARARGS | MINI_METH_KEYWORDS, NULL},
    {"badflags", tsmod_args, 0x40, NULL},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef tsmod_def = {
    MiniModuleDef_HEAD_INIT, "tsmod", "A module for the tests.", sizeof(TsState), tsmod_methods,
};
static MiniModuleDef tsmod_def_abi7 = {
    {7, 0}, "tsmod7", NULL, 0, tsmod_methods,
};

MiniObject *ts_module_create(int abi_ok)
{
    return MiniModule_Create(abi_ok ? &tsmod_def : &tsmod_def_abi7);
}

int ts_module_counter(MiniObject *m)
{
    TsState *st = MiniModule_GetState(m);
    return st != NULL ? st->calls : -1;
}

static MiniObject *null_without_error(MiniObject *self, MiniObject *unused)
{
    (void)self;
    (void)unused;
    return NULL;
}

static MiniObject *result_with_error(MiniObject *self, MiniObject *unused)
{
    (void)self;
    (void)unused;
    MiniErr_SetString(MiniExc_ValueError, "stray");
    return MiniLong_FromLong(1);
}

static MiniMethodDef standalone[] = {
    {"f", tsmod_calls, MINI_METH_NOARGS, NULL},
    {"g", tsmod_echo, MINI_METH_O, "g(x) -> x"},
    {"h", tsmod_args, MINI_METH_VARARGS, NULL},
    {"null_noerr", null_without_error, MINI_METH_NOARGS, NULL},
    {"result_with_error", result_with_error, MINI_METH_NOARGS, NULL},
};

MiniObject *ts_call_function_objargs(MiniObject *callable, MiniObject *a, MiniObject *b)
{
    return MiniObject_CallFunctionObjArgs(callable, a, b, NULL);
}

MiniObject *ts_call_method_objargs(MiniObject *o, const char *name, MiniObject *a)
{
    return MiniObject_CallMethodObjArgs(o, name, a, NULL);
}

MiniObject *ts_function(const char *which, MiniObject *self)
{
    for (size_t i = 0; i < sizeof standalone / sizeof standalone[0]; i++) {
        if (strcmp(standalone[i].ml_name, which) == 0) return MiniCFunction_New(&standalone[i], self);
    }
    MiniErr_SetString(MiniExc_ValueError, "no such function");
    return NULL;
}

/* ----- inittab and finder -------------------------------------------------------------------- */

static int init_calls;

static MiniModuleDef builtin_def = {MiniModuleDef_HEAD_INIT, "ts_builtin", NULL, 0, NULL};

MiniObject *ts_init_builtin(void)
{
    init_calls++;
    MiniObject *m = MiniModule_Create(&builtin_def);
    if (m == NULL) return NULL;
    if (MiniModule_AddIntConstant(m, "answer", 42) < 0) {
        Mini_DECREF(m);
        return NULL;
    }
    return m;
}

MiniObject *ts_init_silent_failure(void)
{
    init_calls++;
    return NULL;
}

MiniObject *ts_init_raising(void)
{
    init_calls++;
    MiniErr_SetString(MiniExc_ValueError, "init failed on purpose");
    return NULL;
}

MiniObject *ts_init_not_module(void)
{
    init_calls++;
    return MiniLong_FromLong(5);
}

int ts_init_calls(void) { return init_calls; }

MiniObject *ts_finder(const char *name, void *context)
{
    if (context != NULL) (*(int *)context)++;
    if (strcmp(name, "ts_found") == 0) return MiniModule_New("ts_found");
    if (strcmp(name, "ts_finder_error") == 0) {
        MiniErr_SetString(MiniExc_ImportError, "finder failed");
        return NULL;
    }
    return NULL;
}

/* ----- matrices and buffers ---------------------------------------------------------------- */

Mini_ssize_t ts_matrix_exports(MiniObject *m) { return ((MiniMatrixObject *)m)->exports; }

MiniBuffer *ts_view_get(MiniObject *o, int flags)
{
    MiniBuffer *view = malloc(sizeof *view);
    if (view == NULL) return (MiniBuffer *)MiniErr_NoMemory();
    if (MiniObject_GetBuffer(o, view, flags) < 0) {
        if (view->obj != NULL) {
            MiniErr_SetString(MiniExc_SystemError, "failed GetBuffer left view->obj set");
        }
        free(view);
        return NULL;
    }
    return view;
}

void ts_view_describe(MiniBuffer *v, char *out, size_t outsize)
{
    snprintf(out, outsize, "len=%zd itemsize=%zd ndim=%d format=%s shape=%zdx%zd strides=%zd,%zd "
             "ro=%d aligned=%d obj=%d", v->len, v->itemsize, v->ndim, v->format, v->shape[0],
             v->shape[1], v->strides[0], v->strides[1], v->readonly,
             ((uintptr_t)v->buf % 64) == 0, v->obj != NULL);
}

void ts_view_write_double(MiniBuffer *view, Mini_ssize_t i, double value)
{
    ((double *)view->buf)[i] = value;
}

void ts_view_release(MiniBuffer *view)
{
    MiniBuffer_Release(view);
    free(view);
}

void ts_view_release_twice(MiniBuffer *view)
{
    MiniBuffer_Release(view);
    MiniBuffer_Release(view);
    free(view);
}

MiniTypeObject *ts_matrix_type(void) { return &MiniMatrix_Type; }
MiniTypeObject *ts_cfunction_type(void) { return &MiniCFunction_Type; }
MiniTypeObject *ts_module_type(void) { return &MiniModule_Type; }

static int exporter_getbuffer(MiniObject *self, MiniBuffer *view, int flags)
{
    static char data[] = "exporter";
    return MiniBuffer_FillInfo(view, self, data, 8, 1, flags);
}

static MiniBufferProcs exporter_as_buffer = {exporter_getbuffer, NULL};

static MiniTypeObject exporter_type = {
    MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "tsexp.Exporter",
    .tp_basicsize = sizeof(MiniObject),
    .tp_as_buffer = &exporter_as_buffer,
    .tp_new = MiniType_GenericNew,
};

MiniObject *ts_new_exporter(void)
{
    if (MiniType_Ready(&exporter_type) < 0) return NULL;
    return MiniObject_New(&exporter_type);
}
