/* internal/formatter_internal.h: a growable UTF-8 string builder and the printf-like formatter
 * shared by MiniUnicode_FromFormat and MiniErr_Format (formatter.c). The builder produces a str
 * object; every runtime repr()/str() implementation builds its text with it. */
#ifndef MINI_FORMATTER_INTERNAL_H
#define MINI_FORMATTER_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "formatter_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"
#include <stdarg.h>

typedef struct _MiniStrBuf {
    char *buf;
    size_t len, cap;
    int failed;       /* an append failed (exception set); Finish then returns NULL */
} _MiniStrBuf;

void _MiniStrBuf_Init(_MiniStrBuf *b);
/* Appends n bytes of valid UTF-8. 0, or -1 with MemoryError. */
int _MiniStrBuf_Append(_MiniStrBuf *b, const char *s, size_t n);
int _MiniStrBuf_AppendC(_MiniStrBuf *b, const char *s);
int _MiniStrBuf_AppendChar(_MiniStrBuf *b, char c);
/* n copies of c, the room reserved in one allocation (a huge padding fails at once with
 * MemoryError instead of growing the buffer step by step). 0, or -1 with MemoryError. */
int _MiniStrBuf_AppendRepeat(_MiniStrBuf *b, char c, size_t n);
/* Appends arbitrary bytes as UTF-8, replacing invalid sequences with U+FFFD; maxchars < 0 means
 * no limit, else at most that many code points. */
int _MiniStrBuf_AppendLossy(_MiniStrBuf *b, const char *s, size_t n, Mini_ssize_t maxchars);
/* Appends a str object's contents (TypeError for non-str). */
int _MiniStrBuf_AppendStr(_MiniStrBuf *b, MiniObject *s);
/* Appends repr(o) / str(o). 0 or -1 with the exception raised by repr/str. */
int _MiniStrBuf_AppendRepr(_MiniStrBuf *b, MiniObject *o);
int _MiniStrBuf_AppendObjStr(_MiniStrBuf *b, MiniObject *o);
/* Appends a formatted message (units documented at MiniErr_Format). 0 / -1. */
int _MiniStrBuf_AppendFormatV(_MiniStrBuf *b, const char *format, va_list ap);
int _MiniStrBuf_AppendFormat(_MiniStrBuf *b, const char *format, ...);
/* The built str (new reference) or NULL with an exception; the builder is reset either way. */
MiniObject *_MiniStrBuf_Finish(_MiniStrBuf *b);
void _MiniStrBuf_Discard(_MiniStrBuf *b);

/* Python/formatter_unicode.c keeps the interned name "__format__" for the runtime's lifetime:
 * _MiniTypes_Init creates it (0, or -1 with an exception), _MiniTypes_Fini drops it. GIL held. */
int _MiniFormatter_Init(void);
void _MiniFormatter_Fini(void);

#endif
