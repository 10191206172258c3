/* objinit.c: start-up and shut-down of the object layer (called by Mini_Initialize and
 * Mini_Finalize with the GIL held). Start-up fills the small-int cache and makes every built-in
 * type ready (object and type first, since readying anything else creates dicts and strings).
 * Shut-down drops the runtime's own references: the intern table, the dicts of every static
 * type made ready (built-in and extension types alike), and the checked-mode quarantine. */
#include "mini.h"
#include "longobject_internal.h"
#include "object_internal.h"
#include "objimpl_internal.h"
#include "refdebug_internal.h"
#include "unicodeobject_internal.h"

static MiniTypeObject *const builtin_types[] = {
    &MiniBaseObject_Type, &MiniType_Type,
    &MiniNone_Type, &MiniNotImplemented_Type,
    &MiniLong_Type, &MiniBool_Type, &MiniFloat_Type,
    &MiniUnicode_Type, &MiniBytes_Type,
    &MiniList_Type, &MiniTuple_Type, &MiniDict_Type,
    &MiniMethodDescr_Type, &MiniGetSetDescr_Type,
    &_MiniSeqIter_Type, &_MiniDictIter_Type,
};

int _MiniTypes_Init(void) {
    _MiniLong_InitSmallInts();
    for (size_t i = 0; i < sizeof builtin_types / sizeof builtin_types[0]; i++)
        if (MiniType_Ready(builtin_types[i]) < 0) return -1;
    return 0;
}

void _MiniTypes_Fini(void) {
    _MiniUnicode_ClearInterned();
    _MiniType_ClearStaticDicts();
    _MiniRefDebug_FlushQuarantine();
}
