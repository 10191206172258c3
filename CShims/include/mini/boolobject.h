/* mini/boolobject.h: bool, a subtype of int with the two immortal instances True and False. */
#ifndef MINI_BOOLOBJECT_H
#define MINI_BOOLOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
extern MiniTypeObject MiniBool_Type;   /* "bool" */
#define MiniBool_Check(op) Mini_IS_TYPE((op), &MiniBool_Type)
extern MiniObject _Mini_TrueStruct;
extern MiniObject _Mini_FalseStruct;
#define Mini_True (&_Mini_TrueStruct)
#define Mini_False (&_Mini_FalseStruct)
/* For Swift: borrowed references to the singletons. */
MINI_INLINE MiniObject *Mini_GetTrue(void) { return &_Mini_TrueStruct; }
MINI_INLINE MiniObject *Mini_GetFalse(void) { return &_Mini_FalseStruct; }
/* New reference to True or False. Never fails. */
MiniObject *MiniBool_FromLong(long v);
#define Mini_RETURN_TRUE return Mini_NewRef(Mini_True)
#define Mini_RETURN_FALSE return Mini_NewRef(Mini_False)
#define Mini_IsTrue(op) ((op) == Mini_True)
#define Mini_IsFalse(op) ((op) == Mini_False)
#define Mini_IsNone(op) ((op) == Mini_None)

MINI_END_DECLS
#endif /* MINI_BOOLOBJECT_H */
