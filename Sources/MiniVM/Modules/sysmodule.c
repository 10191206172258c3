/* Modules/sysmodule.c: the `sys` module: argv, exit(), the GIL switch interval, reference counts
 * (getrefcount, and gettotalrefcount / getallocatedblocks, which a debug CPython has and which
 * let a script watch its references), the recursion limit (held by the VM), version strings,
 * maxsize, platform, modules, the int/str conversion limit, and stdout / stderr objects whose
 * write() goes through the VM's output sink (so print(..., file=sys.stderr) lands where the
 * interpreter's own output does).
 *
 * sys.stdin reads the standard-input buffer input() shares (Python/vmstdin.c): readline, read,
 * readlines and line iteration. sys.path is the VM's search path list (Python/vmimport.c), read
 * like argv below. exc_info()/exception() give the exception being handled in this thread.
 *
 * sys.argv is the VM's argv list, looked up when read (a module __getattr__, PEP 562), so it is
 * the list of the current run even when `sys` was imported by an earlier one; _MiniSys_SetArgv
 * (or the VM's MiniVM_SetArgv) fills it, before or after start-up. A script may still assign
 * sys.argv; that stays until the next _MiniSys_SetArgv. */
#include "stdlib_internal.h"
#include "vm_internal.h"
#include "mini_vm.h"
#include "longobject_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VERSION_TEXT "3.11.0 (extdemo MiniPy)"

/* ----- argv ----------------------------------------------------------------------------------- */

static pthread_mutex_t argv_mu = PTHREAD_MUTEX_INITIALIZER;
static char **pending_argv;         /* set before the runtime started; applied at import */
static int pending_argc = -1;

/* The VM's argv list from C strings (with the GIL); a script's own `sys.argv = ...` is forgotten
 * so the new list shows. 0 / -1. */
static int apply_argv(int argc, char **argv) {
    if (MiniVM_SetArgv((const char *const *)argv, argc) < 0) return -1;
    MiniObject *modules = MiniImport_GetModuleDict();
    MiniObject *sys = modules != NULL ? MiniDict_GetItemString(modules, "sys") : NULL;
    MiniObject *dict = sys != NULL && MiniModule_Check(sys) ? MiniModule_GetDict(sys) : NULL;
    if (dict != NULL && MiniDict_GetItemString(dict, "argv") != NULL && MiniDict_DelItemString(dict, "argv") < 0)
        return -1;
    return 0;
}

void _MiniSys_SetArgv(int argc, char **argv) {
    if (argc < 0 || (argc > 0 && argv == NULL)) return;
    if (Mini_IsInitialized() && MiniGILState_Check()) {
        if (apply_argv(argc, argv) < 0) MiniErr_Clear();
        return;
    }
    char **copy = calloc((size_t)argc + 1, sizeof(char *));
    if (copy == NULL) return;
    for (int i = 0; i < argc; i++) {
        if ((copy[i] = strdup(argv[i] ? argv[i] : "")) == NULL) {
            for (int j = 0; j < i; j++) free(copy[j]);
            free(copy);
            return;
        }
    }
    pthread_mutex_lock(&argv_mu);
    char **old = pending_argv;
    int oldc = pending_argc;
    pending_argv = copy;
    pending_argc = argc;
    pthread_mutex_unlock(&argv_mu);
    for (int i = 0; i < oldc; i++) free(old[i]);
    free(old);
}

/* ----- stdout / stderr ------------------------------------------------------------------------ */

typedef struct {
    MiniObject_HEAD
    int stream;                     /* 0 stdin, 1 stdout, 2 stderr (MiniVM_Write's numbering) */
} StreamObject;

#define STREAM(op) ((StreamObject *)(op))

/* write(s) -> int: the number of characters written. */
static MiniObject *stream_write(MiniObject *op, MiniObject *arg) {
    if (STREAM(op)->stream == 0) return MiniErr_Format(MiniExc_OSError, "not writable");
    if (!MiniUnicode_Check(arg))
        return MiniErr_Format(MiniExc_TypeError, "write() argument must be str, not %.100s",
                              Mini_TYPE(arg)->tp_name);
    Mini_ssize_t n;
    const char *s = MiniUnicode_AsUTF8AndSize(arg, &n);
    if (s == NULL) return NULL;
    MiniVM_Write(STREAM(op)->stream, s, n);
    return MiniLong_FromSsize_t(MiniUnicode_GetLength(arg));
}

/* writelines(lines): write() each item. */
static MiniObject *stream_writelines(MiniObject *op, MiniObject *lines) {
    MiniObject *it = MiniObject_GetIter(lines), *item;
    if (it == NULL) return NULL;
    while ((item = MiniIter_Next(it)) != NULL) {
        MiniObject *r = stream_write(op, item);
        Mini_DECREF(item);
        if (r == NULL) { Mini_DECREF(it); return NULL; }
        Mini_DECREF(r);
    }
    Mini_DECREF(it);
    if (MiniErr_Occurred()) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *stream_flush(MiniObject *op, MiniObject *unused) {
    (void)op; (void)unused;
    MiniVM_Flush();
    Mini_RETURN_NONE;
}

static MiniObject *stream_fileno(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniLong_FromLong(STREAM(op)->stream);
}

static MiniObject *stream_isatty(MiniObject *op, MiniObject *unused) {
    (void)unused;
    return MiniBool_FromLong(isatty(STREAM(op)->stream));
}

static MiniObject *stream_writable(MiniObject *op, MiniObject *unused) { (void)unused; return MiniBool_FromLong(STREAM(op)->stream != 0); }
static MiniObject *stream_readable(MiniObject *op, MiniObject *unused) { (void)unused; return MiniBool_FromLong(STREAM(op)->stream == 0); }
static MiniObject *stream_false(MiniObject *op, MiniObject *unused) { (void)op; (void)unused; Mini_RETURN_FALSE; }

/* The size argument of read/readline: None or an int (negative: no limit). 0 / -1. */
static int size_arg(MiniObject *args, const char *fname, Mini_ssize_t *size) {
    *size = -1;
    if (MiniTuple_GET_SIZE(args) > 1) {
        MiniErr_Format(MiniExc_TypeError, "%s expected at most 1 argument, got %zd", fname, MiniTuple_GET_SIZE(args));
        return -1;
    }
    if (MiniTuple_GET_SIZE(args) == 0 || MiniTuple_GET_ITEM(args, 0) == Mini_None) return 0;
    MiniObject *o = MiniTuple_GET_ITEM(args, 0);
    if (!MiniLong_Check(o)) {
        MiniErr_Format(MiniExc_TypeError, "argument should be integer or None, not '%.100s'", Mini_TYPE(o)->tp_name);
        return -1;
    }
    *size = MiniLong_AsSsize_t(o);
    return *size == -1 && MiniErr_Occurred() ? -1 : 0;
}

static int require_readable(MiniObject *op) {
    if (STREAM(op)->stream == 0) return 0;
    MiniErr_SetString(MiniExc_OSError, "not readable");
    return -1;
}

/* stdin.readline(size=-1) -> str: one line with its newline ('' at end of input). */
static MiniObject *stream_readline(MiniObject *op, MiniObject *args) {
    Mini_ssize_t size;
    if (require_readable(op) < 0 || size_arg(args, "readline", &size) < 0) return NULL;
    return _MiniVM_StdinRead(size, 1, NULL);
}

/* stdin.read(size=-1) -> str: up to size bytes' worth of text, or everything to the end. */
static MiniObject *stream_read(MiniObject *op, MiniObject *args) {
    Mini_ssize_t size;
    if (require_readable(op) < 0 || size_arg(args, "read", &size) < 0) return NULL;
    return _MiniVM_StdinRead(size, 0, NULL);
}

/* stdin.readlines() -> list of str. */
static MiniObject *stream_readlines(MiniObject *op, MiniObject *unused) {
    (void)unused;
    if (require_readable(op) < 0) return NULL;
    MiniObject *l = MiniList_New(0);
    while (l != NULL) {
        int eof;
        MiniObject *line = _MiniVM_StdinRead(-1, 1, &eof);
        if (line == NULL) { Mini_CLEAR(l); break; }
        if (eof) { Mini_DECREF(line); break; }
        if (MiniList_Append(l, line) < 0) Mini_CLEAR(l);
        Mini_DECREF(line);
    }
    return l;
}

static MiniObject *stream_iter(MiniObject *op) { return Mini_NewRef(op); }

static MiniObject *stream_iternext(MiniObject *op) {
    if (require_readable(op) < 0) return NULL;
    int eof;
    MiniObject *line = _MiniVM_StdinRead(-1, 1, &eof);
    if (line != NULL && eof) Mini_CLEAR(line);   /* NULL without an exception: StopIteration */
    return line;
}

static MiniObject *stream_enter(MiniObject *op, MiniObject *unused) { (void)unused; return Mini_NewRef(op); }
static MiniObject *stream_exit(MiniObject *op, MiniObject *args) { (void)op; (void)args; Mini_RETURN_NONE; }

static const char *stream_label(MiniObject *op) {
    return STREAM(op)->stream == 0 ? "<stdin>" : STREAM(op)->stream == 1 ? "<stdout>" : "<stderr>";
}

static MiniObject *stream_get_name(MiniObject *op, void *closure) {
    (void)closure;
    return MiniUnicode_FromString(stream_label(op));
}
static MiniObject *stream_get_encoding(MiniObject *op, void *closure) {
    (void)op; (void)closure;
    return MiniUnicode_FromString("utf-8");
}
static MiniObject *stream_get_mode(MiniObject *op, void *closure) {
    (void)closure;
    return MiniUnicode_FromString(STREAM(op)->stream == 0 ? "r" : "w");
}
static MiniObject *stream_get_closed(MiniObject *op, void *closure) {
    (void)op; (void)closure;
    Mini_RETURN_FALSE;
}

static MiniObject *stream_repr(MiniObject *op) {
    return MiniUnicode_FromFormat("<_io.TextIOWrapper name='%s' mode='%s' encoding='utf-8'>",
                                  stream_label(op), STREAM(op)->stream == 0 ? "r" : "w");
}

static MiniMethodDef stream_methods[] = {
    {"write", stream_write, MINI_METH_O, "write(s) -> int: write a str through the interpreter's output."},
    {"writelines", stream_writelines, MINI_METH_O, "writelines(lines): write each str."},
    {"flush", stream_flush, MINI_METH_NOARGS, "flush(): push buffered output out."},
    {"fileno", stream_fileno, MINI_METH_NOARGS, NULL},
    {"isatty", stream_isatty, MINI_METH_NOARGS, NULL},
    {"writable", stream_writable, MINI_METH_NOARGS, NULL},
    {"readable", stream_readable, MINI_METH_NOARGS, NULL},
    {"readline", stream_readline, MINI_METH_VARARGS, "readline(size=-1) -> str: one line of standard input."},
    {"read", stream_read, MINI_METH_VARARGS, "read(size=-1) -> str: standard input up to size, or to its end."},
    {"readlines", stream_readlines, MINI_METH_NOARGS, "readlines() -> list: the remaining lines."},
    {"__enter__", stream_enter, MINI_METH_NOARGS, NULL},
    {"__exit__", stream_exit, MINI_METH_VARARGS, NULL},
    {"seekable", stream_false, MINI_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static MiniGetSetDef stream_getset[] = {
    {"name", stream_get_name, NULL, NULL, NULL},
    {"encoding", stream_get_encoding, NULL, NULL, NULL},
    {"mode", stream_get_mode, NULL, NULL, NULL},
    {"closed", stream_get_closed, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MiniTypeObject Stream_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_io.TextIOWrapper",
    .tp_basicsize = sizeof(StreamObject),
    .tp_dealloc = MiniObject_Free,
    .tp_repr = stream_repr,
    .tp_iter = stream_iter,
    .tp_iternext = stream_iternext,
    .tp_methods = stream_methods,
    .tp_getset = stream_getset,
    .tp_doc = "A text stream: standard input, or the interpreter's stdout or stderr.",
};

static MiniObject *stream_new(int stream) {
    StreamObject *s = (StreamObject *)MiniObject_New(&Stream_Type);
    if (s != NULL) s->stream = stream;
    return (MiniObject *)s;
}

/* ----- version_info --------------------------------------------------------------------------- */

static const char *const version_fields[] = {"major", "minor", "micro", "releaselevel", "serial"};
static const MiniStdStructSeqDesc version_desc = {"sys.version_info", version_fields, 5};
static const char *const impl_fields[] = {"name", "cache_tag", "version"};
static const MiniStdStructSeqDesc impl_desc = {"namespace", impl_fields, 3};

static MiniObject *version_info_new(void) {
    return _MiniStd_StructSeq_New(&version_desc, Mini_BuildValue("(iiisi)", 3, 11, 0, "final", 0));
}

/* sys.implementation: name 'minipy', no bytecode cache, the language version it follows. */
static MiniObject *implementation_new(void) {
    MiniObject *v = version_info_new();
    if (v == NULL) return NULL;
    return _MiniStd_StructSeq_New(&impl_desc, Mini_BuildValue("(sON)", "minipy", Mini_None, v));
}

/* sys.flags: the command-line flags, all off (MiniPy takes none of CPython's). */
static const char *const flag_fields[] = {
    "debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site", "no_site",
    "ignore_environment", "verbose", "bytes_warning", "quiet", "hash_randomization", "isolated",
    "dev_mode", "utf8_mode", "warn_default_encoding", "safe_path", "int_max_str_digits",
};
static const MiniStdStructSeqDesc flags_desc = {"sys.flags", flag_fields, 18};

static MiniObject *flags_new(void) {
    /* As CPython without options: dont_write_bytecode (MiniPy writes no .pyc) and
     * hash_randomization on, dev_mode and safe_path False, int_max_str_digits -1 (the default). */
    return _MiniStd_StructSeq_New(&flags_desc,
        Mini_BuildValue("(iiiiiiiiiiiiiOiiOi)", 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, Mini_False, 0, 0, Mini_False, -1));
}

/* The path of the running program (the extdemo binary), or "" when the system does not say. */
static MiniObject *executable_new(void) {
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    return MiniUnicode_FromStringAndSize(n > 0 ? buf : "", n > 0 ? n : 0);
}

/* The names of the modules compiled into the binary (C, from the inittab). */
static MiniObject *builtin_names_new(void) {
    static const char *const names[] = {
        "_mpio", "_pickle", "_sha2", "_signal", "_socket", "_traceback", "atexit", "builtins", "concurrent", "math", "posix",
        "queue", "random", "select", "sys", "threading", "time",
    };
    size_t n = sizeof names / sizeof names[0];
    MiniObject *t = MiniTuple_New((Mini_ssize_t)n);
    for (size_t i = 0; t != NULL && i < n; i++) {
        MiniObject *s = MiniUnicode_FromString(names[i]);
        if (s == NULL) { Mini_CLEAR(t); break; }
        MiniTuple_SET_ITEM(t, (Mini_ssize_t)i, s);
    }
    return t;
}

/* ----- module functions ----------------------------------------------------------------------- */

/* exit([status]): raises SystemExit(status); the interpreter turns it into the exit status. */
static MiniObject *sys_exit(MiniObject *m, MiniObject *args) {
    (void)m;
    if (MiniTuple_GET_SIZE(args) > 1)
        return MiniErr_Format(MiniExc_TypeError, "exit expected at most 1 argument, got %zd",
                              MiniTuple_GET_SIZE(args));
    MiniObject *exc = MiniObject_CallObject(MiniExc_SystemExit, args);
    if (exc == NULL) return NULL;
    MiniErr_SetRaisedException(exc);
    return NULL;
}

/* getrefcount(obj) -> int: obj's reference count. As in CPython the figure includes the
 * reference the caller's stack holds on the argument while the call runs (the VM keeps one, as
 * CPython's eval loop does), so `x = object(); sys.getrefcount(x)` gives 2 under both. */
static MiniObject *sys_getrefcount(MiniObject *m, MiniObject *obj) {
    (void)m;
    return MiniLong_FromSsize_t(Mini_REFCNT(obj));
}

/* gettotalrefcount() -> int: the sum of all reference counts (a debug CPython's figure). */
static MiniObject *sys_gettotalrefcount(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniLong_FromSsize_t(Mini_TotalRefCount());
}

/* _is_gil_enabled() -> bool: False while the runtime runs free-threaded without the GIL (as
 * CPython 3.13's sys._is_gil_enabled); True in GIL mode and after an import enabled the GIL. */
static MiniObject *sys_is_gil_enabled(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniBool_FromLong(MiniRuntime_IsGILEnabled());
}

/* getallocatedblocks() -> int: objects alive now. */
static MiniObject *sys_getallocatedblocks(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniLong_FromSsize_t(Mini_LiveObjects());
}

/* setswitchinterval(seconds): how long a thread waits for the GIL before asking for it. */
static MiniObject *sys_setswitchinterval(MiniObject *m, MiniObject *arg) {
    (void)m;
    double v = MiniFloat_AsDouble(arg);
    if (v == -1.0 && MiniErr_Occurred()) return NULL;
    if (MiniSys_SetSwitchInterval(v) < 0) return NULL;
    Mini_RETURN_NONE;
}

static MiniObject *sys_getswitchinterval(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniFloat_FromDouble(MiniSys_GetSwitchInterval());
}

static MiniObject *sys_getrecursionlimit(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniLong_FromLong(MiniVM_GetRecursionLimit());
}

/* setrecursionlimit(n): the VM's limit on nested Python calls (RecursionError beyond it). */
static MiniObject *sys_setrecursionlimit(MiniObject *m, MiniObject *arg) {
    (void)m;
    MiniObject *i = MiniNumber_Index(arg);
    if (i == NULL) return NULL;
    int overflow;
    long n = MiniLong_AsLongAndOverflow(i, &overflow);
    Mini_DECREF(i);
    if (n == -1 && MiniErr_Occurred()) return NULL;
    if (overflow > 0 || n > 0x7fffffffL) {
        MiniErr_SetString(MiniExc_OverflowError, "Python int too large to convert to C int");
        return NULL;
    }
    if (overflow < 0 || n < 1) {
        MiniErr_SetString(MiniExc_ValueError, "recursion limit must be greater or equal than 1");
        return NULL;
    }
    MiniVM_SetRecursionLimit((int)n);
    Mini_RETURN_NONE;
}

static MiniObject *sys_get_int_max_str_digits(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniLong_FromLong(_MiniLong_MaxStrDigits);
}

/* set_int_max_str_digits(maxdigits): the limit on int <-> decimal str conversions (0: none). */
static MiniObject *sys_set_int_max_str_digits(MiniObject *m, MiniObject *args, MiniObject *kwargs) {
    (void)m;
    static char *keywords[] = {"maxdigits", NULL};
    int maxdigits;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "i:set_int_max_str_digits", keywords, &maxdigits)) return NULL;
    if (maxdigits != 0 && maxdigits < 640) {
        MiniErr_SetString(MiniExc_ValueError, "maxdigits must be 0 or larger than 640");
        return NULL;
    }
    _MiniLong_MaxStrDigits = maxdigits;
    Mini_RETURN_NONE;
}

/* __getattr__(name): the attributes computed when read (PEP 562): argv. */
static MiniObject *sys_getattr(MiniObject *m, MiniObject *name) {
    (void)m;
    if (MiniUnicode_EqualToUTF8(name, "argv")) return Mini_XNewRef(MiniVM_Argv());
    if (MiniUnicode_EqualToUTF8(name, "path")) return Mini_XNewRef(_MiniVM_SysPath());
    /* Frame introspection stays an AttributeError (code that probes for it catches that), with
     * the reason in the message. */
    if (MiniUnicode_EqualToUTF8(name, "_getframe") || MiniUnicode_EqualToUTF8(name, "_current_frames"))
        return MiniErr_Format(MiniExc_AttributeError, "module 'sys' has no attribute '%S' (frame objects are not supported by MiniPy)", name);
    return MiniErr_Format(MiniExc_AttributeError, "module 'sys' has no attribute '%S'", name);
}

/* exc_info() -> (type, value, traceback) of the exception being handled, or (None, None, None). */
static MiniObject *sys_exc_info(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    MiniObject *exc = _MiniVM_HandledException();
    if (exc == NULL) return NULL;
    if (exc == Mini_None) { Mini_DECREF(exc); return Mini_BuildValue("(OOO)", Mini_None, Mini_None, Mini_None); }
    MiniObject *tb = ((MiniBaseExceptionObject *)exc)->traceback;
    MiniObject *res = Mini_BuildValue("(OOO)", (MiniObject *)Mini_TYPE(exc), exc, tb != NULL ? tb : Mini_None);
    Mini_DECREF(exc);
    return res;
}

/* exception() -> the exception being handled, or None (3.11). */
static MiniObject *sys_exception(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return _MiniVM_HandledException();
}

/* intern(s) -> the interned str equal to s. */
static MiniObject *sys_intern(MiniObject *m, MiniObject *arg) {
    (void)m;
    if (!MiniUnicode_CheckExact(arg))
        return MiniErr_Format(MiniExc_TypeError, "intern() argument must be str, not %.100s", Mini_TYPE(arg)->tp_name);
    Mini_INCREF(arg);
    MiniUnicode_InternInPlace(&arg);
    return arg;
}

/* getsizeof(obj[, default]) -> int: obj.__sizeof__() when its class defines one, else the size of
 * its C struct plus its items; the default when that fails with TypeError. */
static MiniObject *sys_getsizeof(MiniObject *m, MiniObject *args) {
    (void)m;
    MiniObject *obj, *dflt = NULL;
    if (!MiniArg_ParseTuple(args, "O|O:getsizeof", &obj, &dflt)) return NULL;
    MiniObject *meth = MiniObject_GetAttrString((MiniObject *)Mini_TYPE(obj), "__sizeof__");
    if (meth != NULL) {
        MiniObject *r = MiniObject_CallOneArg(meth, obj);
        Mini_DECREF(meth);
        if (r == NULL && dflt != NULL && MiniErr_ExceptionMatches(MiniExc_TypeError)) {
            MiniErr_Clear();
            return Mini_NewRef(dflt);
        }
        if (r != NULL && !MiniLong_Check(r)) {
            Mini_DECREF(r);
            return MiniErr_Format(MiniExc_TypeError, "an integer is required");
        }
        return r;
    }
    MiniErr_Clear();
    MiniTypeObject *t = Mini_TYPE(obj);
    Mini_ssize_t size = t->tp_basicsize;
    if (t->tp_itemsize != 0) {
        Mini_ssize_t n = Mini_SIZE(obj);
        size += (n < 0 ? -n : n) * t->tp_itemsize;
    }
    if (MiniList_Check(obj)) size += MiniList_GET_SIZE(obj) * (Mini_ssize_t)sizeof(MiniObject *);
    if (MiniUnicode_Check(obj)) {
        Mini_ssize_t n;
        if (MiniUnicode_AsUTF8AndSize(obj, &n) == NULL) return NULL;
        size += n + 1;
    }
    if (MiniBytes_Check(obj)) size += MiniBytes_Size(obj) + 1;
    return MiniLong_FromSsize_t(size + 16);   /* as CPython, the collector's header on top */
}

static MiniObject *sys_utf8(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    return MiniUnicode_FromString("utf-8");
}

/* sys.settrace(f) / sys.setprofile(f): None (no tracing, what a program resets to) is accepted;
 * a function is NotImplementedError (no per-line or per-call hooks in MiniPy's eval loop). */
static MiniObject *sys_settrace(MiniObject *m, MiniObject *fn) {
    (void)m;
    if (fn != Mini_None)
        return MiniErr_Format(MiniExc_NotImplementedError, "sys.settrace()/setprofile() with a function is not supported by MiniPy");
    Mini_RETURN_NONE;
}

/* sys.gettrace() / sys.getprofile(): always None (nothing can be installed). */
static MiniObject *sys_gettrace(MiniObject *m, MiniObject *unused) {
    (void)m; (void)unused;
    Mini_RETURN_NONE;
}

/* _getframemodulename(depth=0): the __name__ in the globals of the frame `depth` calls above the
 * caller (CPython 3.12's function; MiniPy has no frame objects for sys._getframe), or None when
 * the chain is shorter. collections.namedtuple uses it to set __module__ to its caller's module,
 * so that pickle finds the class. Holds the GIL; never fails but for a bad argument. */
static MiniObject *sys_getframemodulename(MiniObject *self, MiniObject *args) {
    (void)self;
    long depth = 0;
    if (!MiniArg_ParseTuple(args, "|l:_getframemodulename", &depth)) return NULL;
    MiniVMThread *ts = (MiniVMThread *)_Mini_tstate_current->vm_data;
    MiniFrame *f = ts != NULL ? ts->frame : NULL;
    for (; f != NULL && depth > 0; depth--) f = f->f_back;
    MiniObject *name = f != NULL && f->f_globals != NULL && MiniDict_Check(f->f_globals)
                           ? MiniDict_GetItemString(f->f_globals, "__name__") : NULL;
    return Mini_NewRef(name != NULL ? name : Mini_None);
}

static MiniMethodDef sys_functions[] = {
    {"_getframemodulename", sys_getframemodulename, MINI_METH_VARARGS,
     "_getframemodulename(depth=0): the module name of the frame depth calls up, or None."},
    {"settrace", sys_settrace, MINI_METH_O, "settrace(None); a trace function is not supported by MiniPy."},
    {"setprofile", sys_settrace, MINI_METH_O, "setprofile(None); a profile function is not supported by MiniPy."},
    {"gettrace", sys_gettrace, MINI_METH_NOARGS, "gettrace() -> None"},
    {"getprofile", sys_gettrace, MINI_METH_NOARGS, "getprofile() -> None"},
    {"exc_info", sys_exc_info, MINI_METH_NOARGS, "exc_info() -> (type, value, traceback) of the exception being handled."},
    {"exception", sys_exception, MINI_METH_NOARGS, "exception() -> the exception being handled, or None."},
    {"intern", sys_intern, MINI_METH_O, "intern(string) -> the interned string."},
    {"getsizeof", sys_getsizeof, MINI_METH_VARARGS, "getsizeof(object[, default]) -> int: size in bytes."},
    {"getdefaultencoding", sys_utf8, MINI_METH_NOARGS, "getdefaultencoding() -> 'utf-8'"},
    {"getfilesystemencoding", sys_utf8, MINI_METH_NOARGS, "getfilesystemencoding() -> 'utf-8'"},
    {"__getattr__", sys_getattr, MINI_METH_O, NULL},
    {"exit", sys_exit, MINI_METH_VARARGS, "exit([status]): leave the interpreter by raising SystemExit."},
    {"getrefcount", sys_getrefcount, MINI_METH_O, "getrefcount(obj) -> int: the object's reference count."},
    {"gettotalrefcount", sys_gettotalrefcount, MINI_METH_NOARGS,
     "gettotalrefcount() -> int: the total of all reference counts (as a debug build of CPython)."},
    {"getallocatedblocks", sys_getallocatedblocks, MINI_METH_NOARGS, "getallocatedblocks() -> int: objects alive."},
    {"_is_gil_enabled", sys_is_gil_enabled, MINI_METH_NOARGS,
     "_is_gil_enabled() -> bool: whether the GIL is enabled (False when free-threaded)."},
    {"setswitchinterval", sys_setswitchinterval, MINI_METH_O, "setswitchinterval(seconds)"},
    {"getswitchinterval", sys_getswitchinterval, MINI_METH_NOARGS, "getswitchinterval() -> float"},
    {"getrecursionlimit", sys_getrecursionlimit, MINI_METH_NOARGS, "getrecursionlimit() -> int"},
    {"setrecursionlimit", sys_setrecursionlimit, MINI_METH_O, "setrecursionlimit(n)"},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, MINI_METH_NOARGS, "get_int_max_str_digits() -> int"},
    {"set_int_max_str_digits", _MiniCFunction_CAST(sys_set_int_max_str_digits), MINI_METH_VARARGS | MINI_METH_KEYWORDS,
     "set_int_max_str_digits(maxdigits): limit int/str conversions to maxdigits digits (0: no limit)."},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef sys_module = {
    MiniModuleDef_HEAD_INIT, "sys", "The interpreter's own settings and state.", 0, sys_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* Adds name = value, stealing value (which may be NULL after a failed constructor). 0 / -1. */
static int add_owned(MiniObject *m, const char *name, MiniObject *value) {
    if (value == NULL) return -1;
    int r = MiniModule_AddObjectRef(m, name, value);
    Mini_DECREF(value);
    return r;
}

/* New reference to the sys module, or NULL with an exception. */
MiniObject *MiniInit_sys(void) {
    MiniObject *m = MiniModule_Create(&sys_module);
    if (m == NULL) return NULL;
    if (MiniType_Ready(&Stream_Type) < 0) goto fail;
    pthread_mutex_lock(&argv_mu);
    char **pending = pending_argv;
    int pendingc = pending_argc;
    pending_argv = NULL;
    pending_argc = -1;
    pthread_mutex_unlock(&argv_mu);
    if (pending != NULL) {
        int r = MiniVM_SetArgv((const char *const *)pending, pendingc);
        for (int i = 0; i < pendingc; i++) free(pending[i]);
        free(pending);
        if (r < 0) goto fail;
    }
    MiniObject *argv = MiniVM_Argv();
    if (argv == NULL) goto fail;
    if (pending == NULL && MiniList_GET_SIZE(argv) == 0) {
        MiniObject *empty = MiniUnicode_FromString("");
        int r = empty != NULL ? MiniList_Append(argv, empty) : -1;
        Mini_XDECREF(empty);
        if (r < 0) goto fail;
    }
    MiniObject *out = stream_new(1), *err = stream_new(2), *in = stream_new(0);
    if (out == NULL || err == NULL || in == NULL) { Mini_XDECREF(out); Mini_XDECREF(err); Mini_XDECREF(in); goto fail; }
    int r = MiniModule_AddObjectRef(m, "stdout", out) | MiniModule_AddObjectRef(m, "__stdout__", out) |
            MiniModule_AddObjectRef(m, "stderr", err) | MiniModule_AddObjectRef(m, "__stderr__", err) |
            MiniModule_AddObjectRef(m, "stdin", in) | MiniModule_AddObjectRef(m, "__stdin__", in);
    Mini_DECREF(out);
    Mini_DECREF(err);
    Mini_DECREF(in);
    if (r < 0) goto fail;
    if (MiniModule_AddStringConstant(m, "version", VERSION_TEXT) < 0 ||
        add_owned(m, "version_info", version_info_new()) < 0 ||
        add_owned(m, "implementation", implementation_new()) < 0 ||
        MiniModule_AddIntConstant(m, "hexversion", 0x030b00f0) < 0 ||
        MiniModule_AddStringConstant(m, "platform", "linux") < 0 ||
        MiniModule_AddStringConstant(m, "byteorder", "little") < 0 ||
        add_owned(m, "maxsize", MiniLong_FromSsize_t(MINI_SSIZE_T_MAX)) < 0 ||
        add_owned(m, "executable", executable_new()) < 0 ||
        add_owned(m, "flags", flags_new()) < 0 ||
        add_owned(m, "builtin_module_names", builtin_names_new()) < 0 ||
        add_owned(m, "meta_path", MiniList_New(0)) < 0 ||
        add_owned(m, "path_hooks", MiniList_New(0)) < 0 ||
        add_owned(m, "path_importer_cache", MiniDict_New()) < 0 ||
        add_owned(m, "warnoptions", MiniList_New(0)) < 0 ||
        MiniModule_AddObjectRef(m, "dont_write_bytecode", Mini_True) < 0 ||
        MiniModule_AddObjectRef(m, "pycache_prefix", Mini_None) < 0 ||
        MiniModule_AddStringConstant(m, "prefix", "/usr/local") < 0 ||
        MiniModule_AddStringConstant(m, "base_prefix", "/usr/local") < 0 ||
        MiniModule_AddStringConstant(m, "exec_prefix", "/usr/local") < 0 ||
        MiniModule_AddStringConstant(m, "mini_version", Mini_GetVersion()) < 0)
        goto fail;
    MiniObject *modules = MiniImport_GetModuleDict();
    if (modules != NULL && MiniModule_AddObjectRef(m, "modules", modules) < 0) goto fail;
    return m;
fail:
    MiniModule_ClearNamespace(m);
    Mini_DECREF(m);
    return NULL;
}
