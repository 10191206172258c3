/* Objects/intmethods.c: int.from_bytes(bytes, byteorder='big', *, signed=False), a classmethod
 * (the VM installs it in int's dict at start-up, since C types have no class-method flag): the
 * bytes (or any iterable of ints in range(256), or a buffer) read as a big- or little-endian
 * unsigned or two's-complement number; for a subclass, cls(value). CPython's messages. */
#include "vm_internal.h"

#include <string.h>

MiniObject *_MiniVM_IntFromBytes(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs, MiniObject *kwnames) {
    (void)self;
    MiniObject *cls = nargs > 0 ? args[0] : NULL, *data = NULL, *order = NULL, *sgn = NULL;
    if (nargs > 3) return MiniErr_Format(MiniExc_TypeError, "from_bytes() takes at most 2 positional arguments (%zd given)", nargs - 1);
    if (nargs > 1) data = args[1];
    if (nargs > 2) order = args[2];
    for (Mini_ssize_t k = 0, nk = kwnames ? MiniTuple_GET_SIZE(kwnames) : 0; k < nk; k++) {
        MiniObject *key = MiniTuple_GET_ITEM(kwnames, k), *v = args[nargs + k];
        if (MiniUnicode_EqualToUTF8(key, "bytes") && data == NULL) data = v;
        else if (MiniUnicode_EqualToUTF8(key, "byteorder") && order == NULL) order = v;
        else if (MiniUnicode_EqualToUTF8(key, "signed")) sgn = v;
        else return MiniErr_Format(MiniExc_TypeError, "from_bytes() got an unexpected keyword argument '%U'", key);
    }
    if (cls == NULL || !MiniType_Check(cls)) return MiniErr_Format(MiniExc_TypeError, "from_bytes() needs a class");
    if (data == NULL) return MiniErr_Format(MiniExc_TypeError, "from_bytes() missing required argument 'bytes' (pos 1)");
    int little = 0;
    if (order != NULL) {
        if (!MiniUnicode_Check(order))
            return MiniErr_Format(MiniExc_TypeError, "from_bytes() argument 'byteorder' must be str, not %s",
                                  MiniType_Name(Mini_TYPE(order)));
        if (MiniUnicode_EqualToUTF8(order, "little")) little = 1;
        else if (!MiniUnicode_EqualToUTF8(order, "big"))
            return MiniErr_Format(MiniExc_ValueError, "byteorder must be either 'little' or 'big'");
    }
    int is_signed = 0;
    if (sgn != NULL && (is_signed = MiniObject_IsTrue(sgn)) < 0) return NULL;
    MiniObject *b = MiniBytes_Check(data) ? Mini_NewRef(data) : MiniObject_CallOneArg((MiniObject *)&MiniBytes_Type, data);
    if (b == NULL) return NULL;
    Mini_ssize_t n = MiniBytes_Size(b);
    const unsigned char *p = (const unsigned char *)MiniBytes_AsString(b);
    char *hex = MiniMem_Malloc((size_t)n * 2 + 2);
    if (hex == NULL) { Mini_DECREF(b); return MiniErr_NoMemory(); }
    static const char digits[] = "0123456789abcdef";
    for (Mini_ssize_t i = 0; i < n; i++) {
        unsigned char c = p[little ? n - 1 - i : i];
        hex[2 * i] = digits[c >> 4];
        hex[2 * i + 1] = digits[c & 15];
    }
    if (n == 0) { hex[0] = '0'; hex[1] = '\0'; } else hex[2 * n] = '\0';
    int negative = is_signed && n > 0 && (p[little ? n - 1 : 0] & 0x80);
    Mini_DECREF(b);
    MiniObject *v = MiniVM_LongFromString(hex, 16);
    MiniMem_Free(hex);
    if (v != NULL && negative) {
        /* Two's complement: v - 2**(8n). */
        MiniObject *one = MiniLong_FromLong(1), *bits = MiniLong_FromSsize_t(8 * n), *big = NULL;
        if (one != NULL && bits != NULL) {
            MiniObject *sh[2] = { one, bits };
            big = _MiniVM_BinaryOp(sh[0], sh[1], MINI_NB_LSHIFT);
        }
        MiniObject *r = big ? MiniNumber_Subtract(v, big) : NULL;
        Mini_XDECREF(one);
        Mini_XDECREF(bits);
        Mini_XDECREF(big);
        Mini_SETREF(v, r);
    }
    if (v != NULL && cls != (MiniObject *)&MiniLong_Type) Mini_SETREF(v, MiniObject_CallOneArg(cls, v));
    return v;
}
