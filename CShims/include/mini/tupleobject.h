/* mini/tupleobject.h: tuple objects: fixed-size arrays of owned references. All require the GIL. */
#ifndef MINI_TUPLEOBJECT_H
#define MINI_TUPLEOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
typedef struct MiniTupleObject {
    MiniObject_VAR_HEAD
    MiniObject *ob_item[1];  /* ob_size owned references */
} MiniTupleObject;
extern MiniTypeObject MiniTuple_Type;  /* "tuple" */
#define MiniTuple_Check(op) MiniObject_TypeCheck((op), &MiniTuple_Type)
#define MiniTuple_CheckExact(op) Mini_IS_TYPE((op), &MiniTuple_Type)
/* New reference to a tuple of len NULL slots to be filled with MiniTuple_SetItem before use.
 * The empty tuple is a shared immortal. */
MiniObject *MiniTuple_New(Mini_ssize_t len);
Mini_ssize_t MiniTuple_Size(MiniObject *t);                  /* -1 with TypeError for non-tuples */
/* Borrowed reference to t[i]; NULL with IndexError "tuple index out of range". */
MiniObject *MiniTuple_GetItem(MiniObject *t, Mini_ssize_t i);
/* Sets t[i], stealing the reference to item (even on failure). Only for freshly created tuples
 * (refcount 1); SystemError otherwise. 0 / -1. */
int MiniTuple_SetItem(MiniObject *t, Mini_ssize_t i, MiniObject *item);
/* New reference to a tuple of the n borrowed objects given. */
MiniObject *MiniTuple_Pack(Mini_ssize_t n, ...);
MiniObject *MiniTuple_GetSlice(MiniObject *t, Mini_ssize_t lo, Mini_ssize_t hi);
#define MiniTuple_GET_ITEM(op, i) (((MiniTupleObject *)(op))->ob_item[i])
#define MiniTuple_SET_ITEM(op, i, v) (((MiniTupleObject *)(op))->ob_item[i] = (v))
#define MiniTuple_GET_SIZE(op) Mini_SIZE(op)

MINI_END_DECLS
#endif /* MINI_TUPLEOBJECT_H */
