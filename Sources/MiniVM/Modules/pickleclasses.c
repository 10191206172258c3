/* modules/pickleclasses.c: the `pickle` module's Pickler and Unpickler classes, over the machinery
 * of picklemodule.c (through pickle_internal.h). As CPython's accelerated classes they are named
 * `_pickle.Pickler` / `_pickle.Unpickler` (so `Pickler.__module__` is "_pickle", which is how
 * pyperformance tells the C pickler is in use), and each keeps its memo across calls:
 * Pickler(file, protocol=None).dump(obj) writes one whole pickle with file.write, an object
 * already written by this pickler becoming a memo fetch (clear_memo() forgets them);
 * Unpickler(file).load() reads one pickle, resolving those fetches.
 *
 * Reading: load() takes what file.read() returns (everything up to the end of the file) and
 * unpickles from it; when bytes are left over after STOP it seeks the file back by that many
 * (file.seek(-n, 1)), so the file is positioned just after the pickle as with CPython, or, when
 * the file cannot seek, keeps them for the next load(). So a pipe or socket is read to its end
 * on the first load(). Not supported: persistent_id/persistent_load, dispatch_table,
 * reducer_override, find_class overrides, the memo attribute, buffer_callback/buffers (accepted,
 * ignored when None) and protocols 0-3 (ValueError, as dumps). A dump()/load() started again on
 * the same object while it runs (from a __reduce__ or a class lookup) raises RuntimeError (the
 * state it would share is mid-use). Everything runs with the GIL held. */
#include "stdlib_internal.h"
#include "pickle_internal.h"

typedef struct {
    MiniObject_HEAD
    MiniObject *file;
    MiniPicklerState *state;
    int busy;                     /* inside dump(): a nested dump() on the same pickler is refused */
} PicklerObject;

typedef struct {
    MiniObject_HEAD
    MiniObject *file;
    MiniUnpicklerState *state;
    MiniObject *pending;          /* bytes read from file and not unpickled yet, or NULL */
    Mini_ssize_t pending_pos;
    int busy;                     /* inside load(): a nested load() on the same unpickler is refused */
} UnpicklerObject;

/* ----- Pickler ---------------------------------------------------------------------------------- */

static MiniObject *pickler_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    static char *kwlist[] = {"file", "protocol", "fix_imports", "buffer_callback", NULL};
    MiniObject *file = NULL, *protocol = NULL, *fix = NULL, *callback = NULL;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|OOOO:Pickler", kwlist, &file, &protocol, &fix, &callback))
        return NULL;
    if (file == NULL) return MiniErr_Format(MiniExc_TypeError, "Pickler() missing required argument 'file' (pos 1)");
    int proto;
    if (_MiniPickle_Protocol(protocol, &proto) < 0) return NULL;
    if (callback != NULL && callback != Mini_None)
        return MiniErr_Format(MiniExc_NotImplementedError, "Pickler(buffer_callback=...) is not supported by this kit");
    if (!MiniObject_HasAttrString(file, "write"))
        return MiniErr_Format(MiniExc_TypeError, "file must have a 'write' attribute");
    PicklerObject *p = (PicklerObject *)MiniObject_New(type);
    if (p == NULL) return NULL;
    p->file = Mini_NewRef(file);
    p->busy = 0;
    p->state = _MiniPickle_PicklerNew(proto);
    if (p->state == NULL) { Mini_DECREF(p); return NULL; }
    return (MiniObject *)p;
}

static void pickler_dealloc(MiniObject *op) {
    PicklerObject *p = (PicklerObject *)op;
    Mini_XDECREF(p->file);
    _MiniPickle_PicklerFree(p->state);
    MiniObject_Free(op);
}

/* Pickler.dump(obj): file.write(one pickle of obj); None. */
static MiniObject *pickler_dump_method(MiniObject *op, MiniObject *obj) {
    PicklerObject *p = (PicklerObject *)op;
    if (p->busy) return MiniErr_Format(MiniExc_RuntimeError, "Pickler.dump() called again while it runs");
    p->busy = 1;
    MiniObject *bytes = _MiniPickle_PicklerDump(p->state, obj);
    p->busy = 0;
    if (bytes == NULL) return NULL;
    MiniObject *r = MiniObject_CallMethodObjArgs(p->file, "write", bytes, NULL);
    Mini_DECREF(bytes);
    if (r == NULL) return NULL;
    Mini_DECREF(r);
    Mini_RETURN_NONE;
}

static MiniObject *pickler_clear_memo_method(MiniObject *op, MiniObject *unused) {
    (void)unused;
    if (((PicklerObject *)op)->busy) return MiniErr_Format(MiniExc_RuntimeError, "Pickler.clear_memo() called while dump() runs");
    (void)_MiniPickle_PicklerClearMemo(((PicklerObject *)op)->state);
    Mini_RETURN_NONE;
}

static MiniMethodDef pickler_methods[] = {
    {"dump", pickler_dump_method, MINI_METH_O, "dump(obj)\n--\n\nWrite a pickled representation of obj to the file."},
    {"clear_memo", pickler_clear_memo_method, MINI_METH_NOARGS, "clear_memo()\n--\n\nForget the objects already pickled."},
    {NULL, NULL, 0, NULL},
};

static MiniTypeObject Pickler_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_pickle.Pickler",
    .tp_basicsize = sizeof(PicklerObject),
    .tp_dealloc = pickler_dealloc,
    .tp_methods = pickler_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "Pickler(file, protocol=None): writes pickles of objects to a binary file.",
    .tp_new = pickler_new,
};

/* ----- Unpickler -------------------------------------------------------------------------------- */

static MiniObject *unpickler_new(MiniTypeObject *type, MiniObject *args, MiniObject *kwargs) {
    static char *kwlist[] = {"file", "fix_imports", "encoding", "errors", "buffers", NULL};
    MiniObject *file = NULL, *fix = NULL, *encoding = NULL, *errors = NULL, *buffers = NULL;
    if (!MiniArg_ParseTupleAndKeywords(args, kwargs, "|OOOOO:Unpickler", kwlist, &file, &fix, &encoding, &errors,
                                       &buffers))
        return NULL;
    if (file == NULL) return MiniErr_Format(MiniExc_TypeError, "Unpickler() missing required argument 'file' (pos 1)");
    if (!MiniObject_HasAttrString(file, "read") || !MiniObject_HasAttrString(file, "readline"))
        return MiniErr_Format(MiniExc_TypeError, "file must have 'read' and 'readline' attributes");
    UnpicklerObject *u = (UnpicklerObject *)MiniObject_New(type);
    if (u == NULL) return NULL;
    u->file = Mini_NewRef(file);
    u->pending = NULL;
    u->pending_pos = 0;
    u->busy = 0;
    u->state = _MiniPickle_UnpicklerNew();
    if (u->state == NULL) { Mini_DECREF(u); return NULL; }
    return (MiniObject *)u;
}

static void unpickler_dealloc(MiniObject *op) {
    UnpicklerObject *u = (UnpicklerObject *)op;
    Mini_XDECREF(u->file);
    Mini_XDECREF(u->pending);
    _MiniPickle_UnpicklerFree(u->state);
    MiniObject_Free(op);
}

/* Makes sure u->pending holds unread bytes, reading the rest of the file when it holds none.
 * 0 or -1 (the read failed, or did not return bytes). */
static int unpickler_fill(UnpicklerObject *u) {
    if (u->pending != NULL && u->pending_pos < MiniBytes_Size(u->pending)) return 0;
    Mini_CLEAR(u->pending);
    u->pending_pos = 0;
    MiniObject *data = MiniObject_CallMethodObjArgs(u->file, "read", NULL);
    if (data == NULL) return -1;
    if (!MiniBytes_Check(data)) {
        MiniErr_Format(MiniExc_TypeError, "a bytes-like object is required, not '%.100s'", Mini_TYPE(data)->tp_name);
        Mini_DECREF(data);
        return -1;
    }
    u->pending = data;
    return 0;
}

/* After a load: give the bytes after the pickle back to the file when it can seek. */
static void unpickler_give_back(UnpicklerObject *u) {
    Mini_ssize_t left = MiniBytes_Size(u->pending) - u->pending_pos;
    if (left == 0) { Mini_CLEAR(u->pending); return; }
    MiniObject *offset = MiniLong_FromSsize_t(-left), *whence = MiniLong_FromLong(1);
    MiniObject *r = (offset && whence) ? MiniObject_CallMethodObjArgs(u->file, "seek", offset, whence, NULL) : NULL;
    Mini_XDECREF(offset);
    Mini_XDECREF(whence);
    if (r == NULL) { MiniErr_Clear(); return; }   /* not seekable: keep them for the next load() */
    Mini_DECREF(r);
    Mini_CLEAR(u->pending);
    u->pending_pos = 0;
}

/* Unpickler.load(): the next object from the file; EOFError "Ran out of input" at its end. */
static MiniObject *unpickler_load_method(MiniObject *op, MiniObject *unused) {
    (void)unused;
    UnpicklerObject *u = (UnpicklerObject *)op;
    if (u->busy) return MiniErr_Format(MiniExc_RuntimeError, "Unpickler.load() called again while it runs");
    if (unpickler_fill(u) < 0) return NULL;
    Mini_ssize_t consumed = 0;
    MiniObject *pending = Mini_NewRef(u->pending);
    u->busy = 1;
    MiniObject *obj = _MiniPickle_UnpicklerLoad(u->state, MiniBytes_AsString(pending) + u->pending_pos,
                                                MiniBytes_Size(pending) - u->pending_pos, &consumed);
    u->busy = 0;
    Mini_DECREF(pending);
    if (obj == NULL) {
        Mini_CLEAR(u->pending);   /* what a failed load read is gone, as with CPython's */
        u->pending_pos = 0;
        return NULL;
    }
    u->pending_pos += consumed;
    unpickler_give_back(u);
    return obj;
}

static MiniMethodDef unpickler_methods[] = {
    {"load", unpickler_load_method, MINI_METH_NOARGS, "load()\n--\n\nRead a pickled object from the file."},
    {NULL, NULL, 0, NULL},
};

static MiniTypeObject Unpickler_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "_pickle.Unpickler",
    .tp_basicsize = sizeof(UnpicklerObject),
    .tp_dealloc = unpickler_dealloc,
    .tp_methods = unpickler_methods,
    .tp_flags = MINI_TPFLAGS_BASETYPE,
    .tp_doc = "Unpickler(file): reads pickled objects from a binary file.",
    .tp_new = unpickler_new,
};

int _MiniPickle_AddClasses(MiniObject *m) {
    if (MiniType_Ready(&Pickler_Type) < 0 || MiniType_Ready(&Unpickler_Type) < 0) return -1;
    if (MiniModule_AddObjectRef(m, "Pickler", (MiniObject *)&Pickler_Type) < 0) return -1;
    return MiniModule_AddObjectRef(m, "Unpickler", (MiniObject *)&Unpickler_Type);
}
