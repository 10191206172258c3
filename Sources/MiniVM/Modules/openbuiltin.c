/* Modules/openbuiltin.c: the builtins the systems part of the standard library provides: open(),
 * which is io.open (written in Python, Sources/MiniPy/Lib/io.py, as CPython's builtin open is
 * io.open). The builtin imports io on its first call, so programs that never open a file never
 * load it. It also makes sure every builtin exception class CPython has is a builtin name (the
 * OSError family that open(), os and socket raise: FileExistsError, IsADirectoryError,
 * ConnectionResetError, ...), adding those the interpreter's own list lacks. */
#include "stdlib_internal.h"
#include "exceptions_internal.h"
#include "mini_vm.h"

/* open(file, mode='r', ...): forwards every argument to io.open. */
static MiniObject *builtin_open(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    MiniObject *io = MiniImport_ImportModule("io");
    if (io == NULL) return NULL;
    MiniObject *open = MiniObject_GetAttrString(io, "open");
    Mini_DECREF(io);
    if (open == NULL) return NULL;
    MiniObject *r = MiniVM_Call(open, args, nargs, kwnames);
    Mini_DECREF(open);
    return r;
}

int _MiniStdlib_AddBuiltins(void) {
    MiniObject *b = MiniVM_Builtins();
    if (b == NULL) return -1;
    /* ExceptionGroup has two bases: it is made here, where the interpreter's class creation is in place. */
    if (_MiniExcGroup_MakeExceptionGroup() < 0) return -1;
    MiniObject *all = MiniDict_New();
    if (all == NULL || MiniExc_AddBuiltins(all) < 0) { Mini_XDECREF(all); return -1; }
    Mini_ssize_t pos = 0;
    MiniObject *key, *value;
    while (MiniDict_Next(all, &pos, &key, &value)) {
        if (MiniDict_GetItem(b, key) != NULL) continue;
        if (MiniDict_SetItem(b, key, value) < 0) { Mini_DECREF(all); return -1; }
    }
    Mini_DECREF(all);
    if (MiniDict_GetItemString(b, "open") != NULL) return 0;
    MiniObject *f = MiniVM_NewFunction("open", builtin_open, NULL);
    int r = f != NULL ? MiniVM_AddBuiltin("open", f) : -1;
    Mini_XDECREF(f);
    return r;
}
