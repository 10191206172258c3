/* mini/unicodeobject.h: str objects, stored as UTF-8 with a cached code-point length and hash.
 * Indexing and len() count code points, as Python does. All functions require the GIL. */
#ifndef MINI_UNICODEOBJECT_H
#define MINI_UNICODEOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

#include <stdarg.h>

MINI_BEGIN_DECLS
extern MiniTypeObject MiniUnicode_Type;  /* "str" */
#define MiniUnicode_Check(op) MiniObject_TypeCheck((op), &MiniUnicode_Type)
#define MiniUnicode_CheckExact(op) Mini_IS_TYPE((op), &MiniUnicode_Type)
/* New reference from a NUL-terminated UTF-8 string; UnicodeError for invalid UTF-8. */
MiniObject *MiniUnicode_FromString(const char *u);
MiniObject *MiniUnicode_FromStringAndSize(const char *u, Mini_ssize_t size);
/* printf-style, with the same units as MiniErr_Format. New reference. SystemError for an
 * unknown unit. */
MiniObject *MiniUnicode_FromFormat(const char *format, ...);
/* As MiniUnicode_FromFormat with a va_list (callable from Swift through withVaList). */
MiniObject *MiniUnicode_FromFormatV(const char *format, va_list ap);
/* chr(cp): new reference to a one-character str; ValueError "chr() arg not in range(0x110000)". */
MiniObject *MiniUnicode_FromOrdinal(int cp);
/* Borrowed pointer to the NUL-terminated UTF-8 contents (valid while o lives); NULL with
 * TypeError for non-str. MiniUnicode_AsUTF8AndSize also gives the byte length. */
const char *MiniUnicode_AsUTF8(MiniObject *o);
const char *MiniUnicode_AsUTF8AndSize(MiniObject *o, Mini_ssize_t *size);
/* Number of code points, or -1 with TypeError. */
Mini_ssize_t MiniUnicode_GetLength(MiniObject *o);
/* New reference to a + b; TypeError unless both are str. */
MiniObject *MiniUnicode_Concat(MiniObject *a, MiniObject *b);
/* 1 if o is a str equal to the C string s, else 0. Never fails. */
int MiniUnicode_EqualToUTF8(MiniObject *o, const char *s);
/* Interned str for a C string (same object for equal strings): new reference. */
MiniObject *MiniUnicode_InternFromString(const char *s);
/* Replaces *p (a str, reference owned by the caller) with the interned equal string, interning
 * it if it is the first. Never fails (on failure *p is left as is). */
void MiniUnicode_InternInPlace(MiniObject **p);

MINI_END_DECLS
#endif /* MINI_UNICODEOBJECT_H */
