/* mini/dictobject.h: dict objects: insertion-ordered hash tables keyed by any hashable object.
 * All functions require the GIL. Lookups call the keys' __hash__ and __eq__, which may fail. */
#ifndef MINI_DICTOBJECT_H
#define MINI_DICTOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
extern MiniTypeObject MiniDict_Type;   /* "dict" */
#define MiniDict_Check(op) MiniObject_TypeCheck((op), &MiniDict_Type)
#define MiniDict_CheckExact(op) Mini_IS_TYPE((op), &MiniDict_Type)
MiniObject *MiniDict_New(void);                              /* new reference */
/* d[key] = value; neither is stolen. TypeError for unhashable keys. 0 / -1. */
int MiniDict_SetItem(MiniObject *d, MiniObject *key, MiniObject *value);
int MiniDict_SetItemString(MiniObject *d, const char *key, MiniObject *value);
/* Borrowed reference to d[key], or NULL with no exception when absent (errors while hashing
 * or comparing are cleared, as in CPython's PyDict_GetItem). */
MiniObject *MiniDict_GetItem(MiniObject *d, MiniObject *key);
MiniObject *MiniDict_GetItemString(MiniObject *d, const char *key);
/* As MiniDict_GetItem, but NULL with an exception set on error, NULL without one when absent. */
MiniObject *MiniDict_GetItemWithError(MiniObject *d, MiniObject *key);
/* del d[key]: KeyError when absent. 0 / -1. */
int MiniDict_DelItem(MiniObject *d, MiniObject *key);
int MiniDict_DelItemString(MiniObject *d, const char *key);
int MiniDict_Contains(MiniObject *d, MiniObject *key);       /* 1, 0, -1 */
Mini_ssize_t MiniDict_Size(MiniObject *d);
void MiniDict_Clear(MiniObject *d);
/* Iterates: start with *pos = 0; each call returns 1 and sets borrowed *key and *value (either
 * may be NULL), or 0 when done. The dict must not change size during the iteration. */
int MiniDict_Next(MiniObject *d, Mini_ssize_t *pos, MiniObject **key, MiniObject **value);
MiniObject *MiniDict_Keys(MiniObject *d);                    /* new reference: a list */
MiniObject *MiniDict_Values(MiniObject *d);                  /* new reference: a list */
MiniObject *MiniDict_Items(MiniObject *d);                   /* new reference: a list of pairs */
MiniObject *MiniDict_Copy(MiniObject *d);                    /* new reference */
int MiniDict_Update(MiniObject *d, MiniObject *other);       /* other: a dict */

MINI_END_DECLS
#endif /* MINI_DICTOBJECT_H */
