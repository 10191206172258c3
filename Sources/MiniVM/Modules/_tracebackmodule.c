/* Modules/_tracebackmodule.c: the C half of the traceback module (Sources/MiniPy/Lib/traceback.py).
 * Tracebacks hold code objects, not frames, and the source-line cache and the caret logic live in
 * Python/traceback.c; these functions hand them to Python so traceback.format_exception prints
 * exactly what the interpreter's excepthook prints. All take and return objects; all need the
 * GIL (they run as ordinary module functions). */
#include "vm_internal.h"
#include "stdlib_internal.h"

/* format_exception(exc, chain=True) -> str: the excepthook's text for exc. */
static MiniObject *tb_format_exception(MiniObject *self, MiniObject *args) {
    (void)self;
    MiniObject *exc;
    int chain = 1;
    if (!MiniArg_ParseTuple(args, "O|p:format_exception", &exc, &chain)) return NULL;
    return _MiniVM_FormatException(exc, chain);
}

/* format_exception_only(exc) -> str: "Type: message\n" (SyntaxErrors with their caret block). */
static MiniObject *tb_format_exception_only(MiniObject *self, MiniObject *exc) {
    (void)self;
    return _MiniVM_FormatExceptionOnly(exc);
}

/* format_tb(tb) -> str: the "  File ..." entries of a traceback chain (None gives ""). */
static MiniObject *tb_format_tb(MiniObject *self, MiniObject *tb) {
    (void)self;
    return _MiniVM_FormatTraceback(tb);
}

/* extract_tb(tb) -> [(filename, lineno, name, line or None), ...], outermost first. */
static MiniObject *tb_extract_tb(MiniObject *self, MiniObject *tb) {
    (void)self;
    return _MiniVM_ExtractTraceback(tb);
}

/* handled() -> the exception being handled in this thread, or None (sys.exc_info()[1]). */
static MiniObject *tb_handled(MiniObject *self, MiniObject *unused) {
    (void)self;
    (void)unused;
    return _MiniVM_HandledException();
}

static MiniMethodDef traceback_functions[] = {
    {"format_exception", tb_format_exception, MINI_METH_VARARGS, "format_exception(exc, chain=True) -> str"},
    {"format_exception_only", tb_format_exception_only, MINI_METH_O, "format_exception_only(exc) -> str"},
    {"format_tb", tb_format_tb, MINI_METH_O, "format_tb(tb) -> str"},
    {"extract_tb", tb_extract_tb, MINI_METH_O, "extract_tb(tb) -> list of (file, line, name, text)"},
    {"handled", tb_handled, MINI_METH_NOARGS, "handled() -> the exception being handled, or None"},
    {NULL, NULL, 0, NULL},
};

static MiniModuleDef traceback_module = {
    MiniModuleDef_HEAD_INIT, "_traceback", "Helpers of the traceback module (MiniPy).", 0, traceback_functions,
    .m_slots = MiniModuleDef_SLOTS_GIL_NOT_USED,
};

/* New reference to the _traceback module, or NULL with an exception. */
MiniObject *MiniInit__traceback(void) { return MiniModule_Create(&traceback_module); }
