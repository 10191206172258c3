/* mini/dictobject.h: dict objects: insertion-ordered hash tables keyed by any hashable object.
 * All functions require the GIL (in the free-threaded mode: an attached thread). Lookups call the
 * keys' __hash__ and __eq__, which may fail. Every function takes the dict's critical section
 * (mini/critical_section.h) around its table work, so dicts may be shared between threads
 * without a GIL. The functions returning BORROWED references (MiniDict_GetItem*, MiniDict_Next)
 * are not safe there: another thread may remove the item and free it at once. Use the *Ref
 * functions (new references, as CPython 3.13's PyDict_GetItemRef, ...) or hold
 * Mini_BEGIN_CRITICAL_SECTION(d) around the borrowed use. */
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
/* Strong-reference lookup (CPython 3.13's PyDict_GetItemRef): 1 with *result a new reference to
 * d[key]; 0 with *result NULL when absent (no exception); -1 with *result NULL and an exception
 * (unhashable key, a failing __eq__, d not a dict: SystemError). */
int MiniDict_GetItemRef(MiniObject *d, MiniObject *key, MiniObject **result);
int MiniDict_GetItemStringRef(MiniObject *d, const char *key, MiniObject **result);
/* d.setdefault(key, default_value), atomically (CPython 3.13's PyDict_SetDefaultRef): 1 if key was
 * present, 0 if default_value was inserted; either way *result (if result is not NULL) gets a
 * new reference to the value now in d. -1 with an exception (and *result NULL) on error. */
int MiniDict_SetDefaultRef(MiniObject *d, MiniObject *key, MiniObject *default_value, MiniObject **result);
/* Removes d[key] atomically (CPython 3.13's PyDict_Pop): 1 with *result (if result is not NULL)
 * the removed value, a new reference; 0 when absent (no exception, *result NULL); -1 with an
 * exception. */
int MiniDict_Pop(MiniObject *d, MiniObject *key, MiniObject **result);
int MiniDict_PopString(MiniObject *d, const char *key, MiniObject **result);
/* del d[key]: KeyError when absent. 0 / -1. */
int MiniDict_DelItem(MiniObject *d, MiniObject *key);
int MiniDict_DelItemString(MiniObject *d, const char *key);
int MiniDict_Contains(MiniObject *d, MiniObject *key);       /* 1, 0, -1 */
Mini_ssize_t MiniDict_Size(MiniObject *d);
void MiniDict_Clear(MiniObject *d);
/* Iterates: start with *pos = 0; each call returns 1 and sets borrowed *key and *value (either
 * may be NULL), or 0 when done. The dict must not change size during the iteration. Without a
 * GIL, wrap the whole loop in Mini_BEGIN_CRITICAL_SECTION(d) (as CPython 3.13t requires). */
int MiniDict_Next(MiniObject *d, Mini_ssize_t *pos, MiniObject **key, MiniObject **value);
MiniObject *MiniDict_Keys(MiniObject *d);                    /* new reference: a list */
MiniObject *MiniDict_Values(MiniObject *d);                  /* new reference: a list */
MiniObject *MiniDict_Items(MiniObject *d);                   /* new reference: a list of pairs */
MiniObject *MiniDict_Copy(MiniObject *d);                    /* new reference */
int MiniDict_Update(MiniObject *d, MiniObject *other);       /* other: a dict */

MINI_END_DECLS
#endif /* MINI_DICTOBJECT_H */
