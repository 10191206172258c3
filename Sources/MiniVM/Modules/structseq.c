/* Modules/structseq.c: small named tuples for the stdlib's results, like CPython's struct
 * sequences and namedtuples (sys.version_info, concurrent.futures' DoneAndNotDoneFutures): a
 * tuple that also answers its field names as attributes and prints as
 * "name(field=value, ...)". It compares, hashes, indexes, slices and unpacks as its tuple does. */
#include "stdlib_internal.h"

#include <string.h>

typedef struct {
    MiniObject_HEAD
    const MiniStdStructSeqDesc *desc;   /* static */
    MiniObject *tuple;                  /* owned: the values */
} StructSeqObject;

#define SS(op) ((StructSeqObject *)(op))

static void ss_dealloc(MiniObject *op) {
    Mini_CLEAR(SS(op)->tuple);
    MiniObject_Free(op);
}

static Mini_ssize_t ss_length(MiniObject *op) { return MiniTuple_GET_SIZE(SS(op)->tuple); }

static MiniObject *ss_item(MiniObject *op, Mini_ssize_t i) {
    MiniObject *t = SS(op)->tuple;
    if (i < 0) i += MiniTuple_GET_SIZE(t);
    return Mini_XNewRef(MiniTuple_GetItem(t, i));
}

static MiniObject *ss_subscript(MiniObject *op, MiniObject *key) { return MiniObject_GetItem(SS(op)->tuple, key); }
static MiniObject *ss_iter(MiniObject *op) { return MiniObject_GetIter(SS(op)->tuple); }
static Mini_hash_t ss_hash(MiniObject *op) { return MiniObject_Hash(SS(op)->tuple); }
static int ss_contains(MiniObject *op, MiniObject *v) { return MiniSequence_Contains(SS(op)->tuple, v); }

static MiniObject *ss_richcompare(MiniObject *a, MiniObject *b, int op) {
    MiniObject *other = Mini_TYPE(b) == Mini_TYPE(a) ? SS(b)->tuple : b;
    return MiniObject_RichCompare(SS(a)->tuple, other, op);
}

static MiniObject *ss_getattro(MiniObject *op, MiniObject *name) {
    const MiniStdStructSeqDesc *d = SS(op)->desc;
    for (int i = 0; i < d->nfields; i++)
        if (MiniUnicode_EqualToUTF8(name, d->fields[i])) return Mini_NewRef(MiniTuple_GET_ITEM(SS(op)->tuple, i));
    return MiniObject_GenericGetAttr(op, name);
}

static MiniObject *ss_repr(MiniObject *op) {
    const MiniStdStructSeqDesc *d = SS(op)->desc;
    MiniObject *out = MiniUnicode_FromFormat("%s(", d->name);
    for (int i = 0; out != NULL && i < d->nfields; i++) {
        MiniObject *part = MiniUnicode_FromFormat("%s%s=%R", i ? ", " : "", d->fields[i],
                                                  MiniTuple_GET_ITEM(SS(op)->tuple, i));
        MiniObject *joined = part ? MiniUnicode_Concat(out, part) : NULL;
        Mini_XDECREF(part);
        Mini_SETREF(out, joined);
    }
    if (out == NULL) return NULL;
    MiniObject *close = MiniUnicode_FromString(")");
    MiniObject *r = close ? MiniUnicode_Concat(out, close) : NULL;
    Mini_XDECREF(close);
    Mini_DECREF(out);
    return r;
}

static MiniSequenceMethods ss_as_sequence = { .sq_length = ss_length, .sq_item = ss_item, .sq_contains = ss_contains };
static MiniMappingMethods ss_as_mapping = { .mp_length = ss_length, .mp_subscript = ss_subscript };

static MiniTypeObject StructSeq_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "structseq",
    .tp_basicsize = sizeof(StructSeqObject),
    .tp_dealloc = ss_dealloc,
    .tp_repr = ss_repr,
    .tp_hash = ss_hash,
    .tp_richcompare = ss_richcompare,
    .tp_getattro = ss_getattro,
    .tp_iter = ss_iter,
    .tp_as_sequence = &ss_as_sequence,
    .tp_as_mapping = &ss_as_mapping,
    .tp_doc = "A tuple with named fields.",
};

MiniObject *_MiniStd_StructSeq_New(const MiniStdStructSeqDesc *desc, MiniObject *tuple) {
    if (tuple == NULL) return NULL;
    if (!MiniTuple_Check(tuple) || MiniTuple_GET_SIZE(tuple) != desc->nfields) {
        Mini_DECREF(tuple);
        MiniErr_BadInternalCall();
        return NULL;
    }
    if (!(StructSeq_Type.tp_flags & MINI_TPFLAGS_READY) && MiniType_Ready(&StructSeq_Type) < 0) {
        Mini_DECREF(tuple);
        return NULL;
    }
    StructSeqObject *s = (StructSeqObject *)MiniObject_New(&StructSeq_Type);
    if (s == NULL) { Mini_DECREF(tuple); return NULL; }
    s->desc = desc;
    s->tuple = tuple;
    return (MiniObject *)s;
}
