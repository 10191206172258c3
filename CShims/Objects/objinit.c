/* Objects/objinit.c: start-up and shut-down of the object layer (called by Mini_Initialize and
 * Mini_Finalize with the GIL held). Start-up fills the small-int, one-character-string and
 * one-byte bytes caches, makes every built-in type ready (object and type first, since readying
 * anything else creates dicts and strings), including the library types of CShims/Objects/, and
 * installs the class methods (dict.fromkeys, str.maketrans).
 * Shut-down drops the runtime's own references: the intern table, the dicts of every static
 * type made ready (built-in and extension types alike), and the checked-mode quarantine. */
#include "mini.h"
#include "gc_internal.h"
#include "longobject_internal.h"
#include "object_internal.h"
#include "objimpl_internal.h"
#include "formatter_internal.h"
#include "freelist_internal.h"
#include "lib_internal.h"
#include "refdebug_internal.h"
#include "unicodeobject_internal.h"

static MiniTypeObject *const builtin_types[] = {
    &MiniBaseObject_Type, &MiniType_Type,
    &MiniNone_Type, &MiniNotImplemented_Type,
    &MiniLong_Type, &MiniBool_Type, &MiniFloat_Type, &MiniComplex_Type,
    &MiniUnicode_Type, &MiniBytes_Type,
    &MiniList_Type, &MiniTuple_Type, &MiniDict_Type,
    &MiniMethodDescr_Type, &MiniGetSetDescr_Type,
    &_MiniSeqIter_Type, &_MiniDictIter_Type, &_MiniDictValueIter_Type, &_MiniDictItemIter_Type,
    &_MiniUnicodeIter_Type,
    /* sets, slices, dict views, enumerate/zip/reversed (map and filter: the VM readies them) */
    &MiniSlice_Type, &MiniSet_Type, &MiniFrozenSet_Type, &_MiniSetIter_Type,
    &_MiniDictKeys_Type, &_MiniDictValues_Type, &_MiniDictItems_Type,
    &MiniEnumerate_Type, &MiniZip_Type, &MiniReversed_Type,
    &_MiniListRevIter_Type,
    &MiniWeakrefRef_Type, &MiniWeakrefProxy_Type, &MiniWeakrefCallableProxy_Type,
};

int _MiniTypes_Init(void) {
    _MiniLong_InitSmallInts();
    _MiniUnicode_InitCharCache();
    _MiniBytes_InitCharCache();
    for (size_t i = 0; i < sizeof builtin_types / sizeof builtin_types[0]; i++)
        if (MiniType_Ready(builtin_types[i]) < 0) return -1;
    if (_MiniDict_InitClassMethods() < 0 || _MiniUnicode_InitClassMethods() < 0 ||
        _MiniBytes_InitClassMethods() < 0 || _MiniFormatter_Init() < 0)
        return -1;
    return 0;
}

void _MiniTypes_Fini(void) {
    _MiniGC_Fini();
    _MiniFormatter_Fini();
    _MiniUnicode_ClearInterned();
    _MiniType_ClearStaticDicts();
    _MiniRefDebug_FlushQuarantine();
    _MiniFreeList_ClearThread();
    _MiniObject_ClearFreeLists();
}
