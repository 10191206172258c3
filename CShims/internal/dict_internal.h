/* internal/dict_internal.h: the dict's layout and version tags, for the interpreter's inline caches
 * (specialize.c). Core tier: never included by extensions.
 *
 * Versions (as CPython's PEP 509 ma_version_tag): every mutation gives the dict a new version from
 * one counter shared by all dicts, so (dict, version) names one state of one dict and two dicts
 * share a version only while both are new and empty (version 0). A dict that a type's attribute
 * lookup has consulted is "watched": mutating it also advances _MiniType_Epoch, which is how
 * cached type lookups (method and attribute caches) learn that a class changed. The epoch also
 * advances when a type object is freed, so a new type at the same address is never mistaken for
 * the old one. Both counters need the GIL; in free-threaded mode they are advanced atomically
 * and read with relaxed atomic loads (the same instructions as plain ones on x86-64 and arm64). */
#ifndef MINI_DICT_INTERNAL_H
#define MINI_DICT_INTERNAL_H
#ifndef MINI_BUILD_CORE
#error "dict_internal.h is part of the runtime's core tier: it compiles only inside CShims and MiniVM (MINI_BUILD_CORE); extensions include <mini.h> alone"
#endif

#include "mini.h"

typedef struct {
    Mini_hash_t hash;
    MiniObject *key;     /* owned; NULL for a deleted entry */
    MiniObject *value;   /* owned */
} MiniDictEntry;

/* A dict's table: ONE allocation holding this header, then the index table (1 << log2_size
 * slots of 1 << log2_ix_bytes bytes each: 1-byte indices up to 128 slots, 2-byte up to 32768,
 * then 4 and 8), then the entries. Everything a lookup needs is reached from the one pointer
 * MiniDictObject.keys, so a reader that loaded it sees a size, index width and entry array that
 * belong together (a resize publishes a whole new block). */
typedef struct MiniDictKeys {
    Mini_ssize_t nentries;   /* entries[0..nentries) in use, holes included */
    Mini_ssize_t capacity;   /* length of entries: size * 2 / 3 */
    MiniDictEntry *entries;  /* inside this block, after the index table */
    uint8_t log2_size;       /* index slots: 1 << log2_size (at least 8) */
    uint8_t log2_ix_bytes;   /* bytes per index slot: 1 << log2_ix_bytes */
} MiniDictKeys;

typedef struct MiniDictObject {
    MiniObject_HEAD
    Mini_ssize_t used;       /* live entries */
    MiniDictKeys *keys;      /* the table (dictobject.c), or NULL before the first insertion */
    uint64_t version;        /* a new value from _MiniDict_VersionCounter on every mutation */
    int watched;             /* a type's dict consulted by MiniType_Lookup: mutations advance the epoch */
} MiniDictObject;

/* d's table (NULL when it never held an item), loaded once: free-threaded readers that run
 * without d's critical section (the eval loop's caches) must take every field from one block. */
MINI_INLINE MiniDictKeys *_MiniDict_Keys(MiniObject *d) {
    return __atomic_load_n(&((MiniDictObject *)d)->keys, __ATOMIC_ACQUIRE);
}

extern uint64_t _MiniDict_VersionCounter;
/* Advances whenever a watched dict changes or a type is freed; starts at 1. */
extern uint64_t _MiniType_Epoch;

MINI_INLINE uint64_t _MiniDict_Version(MiniObject *d) {
    return __atomic_load_n(&((MiniDictObject *)d)->version, __ATOMIC_RELAXED);
}
/* The type epoch now. */
MINI_INLINE uint64_t _MiniType_EpochGet(void) { return __atomic_load_n(&_MiniType_Epoch, __ATOMIC_RELAXED); }
/* Advances the type epoch (atomically in free-threaded mode). */
MINI_INLINE void _MiniType_EpochBump(void) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) __atomic_fetch_add(&_MiniType_Epoch, 1, __ATOMIC_RELAXED);
    else _MiniType_Epoch++;
}
/* A fresh dict version (atomically in free-threaded mode, so no two states share one). */
MINI_INLINE uint64_t _MiniDict_NextVersion(void) {
    if (MINI_UNLIKELY(_Mini_FreeThreaded)) return __atomic_add_fetch(&_MiniDict_VersionCounter, 1, __ATOMIC_RELAXED);
    return ++_MiniDict_VersionCounter;
}

/* Marks d (a type's dict) watched. Several threads may look a type up at once without a GIL:
 * the flag is set once, atomically (read atomically by dictobject.c's free-threaded path). */
MINI_INLINE void _MiniDict_Watch(MiniObject *d) {
    int *w = &((MiniDictObject *)d)->watched;
    if (!__atomic_load_n(w, __ATOMIC_RELAXED)) __atomic_store_n(w, 1, __ATOMIC_RELAXED);
}

/* The value (borrowed) of entry `hint` when that entry's key is `key` itself; else NULL. */
MINI_INLINE MiniObject *_MiniDict_HintValue(MiniObject *op, MiniObject *key, Mini_ssize_t hint) {
    MiniDictKeys *k = _MiniDict_Keys(op);
    if (k != NULL && (size_t)hint < (size_t)k->nentries && k->entries[hint].key == key) return k->entries[hint].value;
    return NULL;
}

/* The value (borrowed) of live entry ix (an index _MiniDict_StrIndex just returned). */
MINI_INLINE MiniObject *_MiniDict_ValueAt(MiniObject *op, Mini_ssize_t ix) {
    return _MiniDict_Keys(op)->entries[ix].value;
}

/* The number of entries in use, holes included (where the next insertion lands). */
MINI_INLINE Mini_ssize_t _MiniDict_NEntries(MiniObject *op) {
    MiniDictKeys *k = _MiniDict_Keys(op);
    return k != NULL ? k->nentries : 0;
}

/* The entry index of an exact-str key (-1 when absent). Cannot fail: str keys compare without
 * running code. */
Mini_ssize_t _MiniDict_StrIndex(MiniObject *d, MiniObject *key);

/* Replaces the value of entry `ix` (whose key is live) with value (a new reference is taken);
 * gives the dict a new version and drops the old value. */
void _MiniDict_ReplaceAt(MiniObject *d, Mini_ssize_t ix, MiniObject *value);

#endif
