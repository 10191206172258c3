/* Objects/iterobject.c: the generic sequence iterator: walks anything with sq_item (list, tuple, str,
 * bytes, extension sequences) by index until the index reaches the current length (or sq_item
 * raises IndexError when there is no sq_length). It holds a reference to the sequence until it
 * is exhausted. */
#include "mini.h"
#include "objimpl_internal.h"

/* MiniSeqIterObject is in objimpl_internal.h (the free-threaded loop reads a list's step inline). */

MiniObject *_MiniSeqIter_New(MiniObject *seq) {
    MiniSeqIterObject *it = MiniObject_NEW(MiniSeqIterObject, &_MiniSeqIter_Type);
    if (it == NULL) return NULL;
    it->index = 0;
    it->seq = Mini_NewRef(seq);
    return (MiniObject *)it;
}

static void seqiter_dealloc(MiniObject *self) {
    Mini_CLEAR(((MiniSeqIterObject *)self)->seq);
    MiniObject_Free(self);
}

/* The cycle collector's slot: the sequence (a list holding its own iterator is a cycle). */
static int seqiter_traverse(MiniObject *self, Mini_visitproc visit, void *arg) {
    Mini_VISIT(((MiniSeqIterObject *)self)->seq);
    return 0;
}

static MiniObject *seqiter_next(MiniObject *self) {
    MiniSeqIterObject *it = (MiniSeqIterObject *)self;
    MiniObject *seq = it->seq;
    if (seq == NULL) return NULL;
    MiniSequenceMethods *sq = Mini_TYPE(seq)->tp_as_sequence;
    if (sq->sq_length != NULL) {
        Mini_ssize_t n = sq->sq_length(seq);
        if (n < 0) return NULL;
        if (it->index >= n) { Mini_CLEAR(it->seq); return NULL; }
    }
    MiniObject *item = sq->sq_item(seq, it->index);
    if (item == NULL) {
        if (MiniErr_ExceptionMatches(MiniExc_IndexError) || MiniErr_ExceptionMatches(MiniExc_StopIteration)) {
            MiniErr_Clear();
            Mini_CLEAR(it->seq);
        }
        return NULL;
    }
    it->index++;
    return item;
}

static MiniObject *seqiter_iter(MiniObject *self) { return Mini_NewRef(self); }

MiniTypeObject _MiniSeqIter_Type = {
    .ob_base = MiniObject_HEAD_INIT(&MiniType_Type)
    .tp_name = "iterator",
    .tp_basicsize = sizeof(MiniSeqIterObject),
    .tp_dealloc = seqiter_dealloc,
    .tp_iter = seqiter_iter,
    .tp_iternext = seqiter_next,
    .tp_flags = MINI_TPFLAGS_HAVE_GC,
    .tp_traverse = seqiter_traverse,
};
