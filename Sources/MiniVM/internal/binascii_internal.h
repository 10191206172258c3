/* internal/binascii_internal.h: what the `binascii` module's two files share:
 * Modules/binasciimodule.c (the module, base64 lines, hex) and Modules/binascii_85.c (the loops of
 * base64.py's base32, base16 decoding, ascii85 and base85 functions). GIL held throughout. */
#ifndef MINI_BINASCII_INTERNAL_H
#define MINI_BINASCII_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "binascii_internal.h is part of the runtime's core tier: it compiles only inside MiniVM (MINI_BUILD_CORE)"
#endif

#include "mini.h"

/* binascii.Error (a ValueError subclass); owned by the module's init, NULL before it ran. */
extern MiniObject *_MiniBinascii_Error;

/* Fills *view with arg's bytes: any bytes-like object, or (str_ok) an ASCII-only str. 0, or -1
 * with TypeError "a bytes-like object is required, not 'X'" / ValueError "string argument should
 * contain only ASCII characters". Release the view with MiniBuffer_Release. */
int _MiniBinascii_GetInput(MiniObject *arg, MiniBuffer *view, int str_ok);
/* Raises binascii.Error with fmt (one %zd) formatted; returns NULL. */
MiniObject *_MiniBinascii_Error_Format(const char *fmt, Mini_ssize_t value);
/* The bytes of a hex text in[0:n]: new bytes, or NULL with binascii.Error "Odd-length string" /
 * "Non-hexadecimal digit found". */
MiniObject *_MiniBinascii_Unhexlify(const unsigned char *in, Mini_ssize_t n);

/* The module's base64.py helpers (binascii_85.c), METH_VARARGS / METH_O: new bytes, or NULL with
 * binascii.Error / ValueError / TypeError set (CPython's messages). */
MiniObject *_MiniBinascii_B32Encode(MiniObject *m, MiniObject *args);
MiniObject *_MiniBinascii_B32Decode(MiniObject *m, MiniObject *args);
MiniObject *_MiniBinascii_B16Decode(MiniObject *m, MiniObject *data);
MiniObject *_MiniBinascii_A85Encode(MiniObject *m, MiniObject *args);
MiniObject *_MiniBinascii_A85Decode(MiniObject *m, MiniObject *args);
MiniObject *_MiniBinascii_B85Encode(MiniObject *m, MiniObject *args);
MiniObject *_MiniBinascii_B85Decode(MiniObject *m, MiniObject *data);

#endif
