/* mini/listobject.h: list objects: a growable array of owned references. All require the GIL
 * (in the free-threaded mode: an attached thread). Every function takes the list's critical
 * section (mini/critical_section.h) around its work, so lists may be shared between threads
 * without a GIL; the macros MiniList_GET_ITEM / MiniList_GET_SIZE do not, and are safe only on a
 * list no other thread can see, or inside Mini_BEGIN_CRITICAL_SECTION(list). */
#ifndef MINI_LISTOBJECT_H
#define MINI_LISTOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
typedef struct MiniListObject {
    MiniObject_VAR_HEAD
    MiniObject **ob_item;    /* ob_item[0 .. ob_size-1] are owned references */
    Mini_ssize_t allocated;
} MiniListObject;
extern MiniTypeObject MiniList_Type;   /* "list" */
#define MiniList_Check(op) MiniObject_TypeCheck((op), &MiniList_Type)
#define MiniList_CheckExact(op) Mini_IS_TYPE((op), &MiniList_Type)
/* New reference to a list of len NULL slots, to be filled with MiniList_SetItem before the list
 * is used elsewhere. ValueError for negative len. */
MiniObject *MiniList_New(Mini_ssize_t len);
Mini_ssize_t MiniList_Size(MiniObject *list);                /* -1 with TypeError for non-lists */
/* Borrowed reference to list[i]; NULL with IndexError "list index out of range". Without a GIL
 * another thread may remove the item and free it at once: use MiniList_GetItemRef there. */
MiniObject *MiniList_GetItem(MiniObject *list, Mini_ssize_t i);
/* New reference to list[i] (as CPython 3.13's PyList_GetItemRef), taken inside the list's
 * critical section, so it stays valid whatever other threads do to the list. NULL with
 * IndexError "list index out of range", or TypeError for a non-list. */
MiniObject *MiniList_GetItemRef(MiniObject *list, Mini_ssize_t i);
/* list[i] = item, stealing the reference to item (even on failure, like CPython); 0 / -1. */
int MiniList_SetItem(MiniObject *list, Mini_ssize_t i, MiniObject *item);
/* Appends item (not stolen: the list takes its own reference). 0 / -1. */
int MiniList_Append(MiniObject *list, MiniObject *item);
int MiniList_Insert(MiniObject *list, Mini_ssize_t where, MiniObject *item);
/* New reference: list[lo:hi]. */
MiniObject *MiniList_GetSlice(MiniObject *list, Mini_ssize_t lo, Mini_ssize_t hi);
/* New reference: a tuple with the list's items. */
MiniObject *MiniList_AsTuple(MiniObject *list);
/* list.extend(iterable): appends every item (new references taken). 0 / -1. */
int MiniList_Extend(MiniObject *list, MiniObject *iterable);
/* In-place stable sort by "<" (0 / -1; on a failed comparison the list keeps all its items in
 * some order; ValueError "list modified during sort" if a comparison changed it), reversal. */
int MiniList_Sort(MiniObject *list);
int MiniList_Reverse(MiniObject *list);
#define MiniList_GET_ITEM(op, i) (((MiniListObject *)(op))->ob_item[i])
#define MiniList_GET_SIZE(op) Mini_SIZE(op)

MINI_END_DECLS
#endif /* MINI_LISTOBJECT_H */
