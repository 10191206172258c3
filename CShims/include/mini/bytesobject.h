/* mini/bytesobject.h: bytes objects: immutable byte strings, always NUL-terminated after their
 * last byte. They export a read-only buffer (format "B"), which is what "y*" parses. */
#ifndef MINI_BYTESOBJECT_H
#define MINI_BYTESOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
extern MiniTypeObject MiniBytes_Type;  /* "bytes" */
#define MiniBytes_Check(op) MiniObject_TypeCheck((op), &MiniBytes_Type)
#define MiniBytes_CheckExact(op) Mini_IS_TYPE((op), &MiniBytes_Type)
/* New reference holding a copy of len bytes at v (v may be NULL: uninitialised contents to be
 * filled by the caller before sharing). ValueError on negative len; MemoryError. */
MiniObject *MiniBytes_FromStringAndSize(const char *v, Mini_ssize_t len);
MiniObject *MiniBytes_FromString(const char *v);
/* Borrowed pointer to the internal bytes (valid while o lives); NULL with TypeError
 * "expected bytes, str found" for other types. */
char *MiniBytes_AsString(MiniObject *o);
/* Length, or -1 with TypeError. */
Mini_ssize_t MiniBytes_Size(MiniObject *o);

MINI_END_DECLS
#endif /* MINI_BYTESOBJECT_H */
