/* Python/threadstate.c: thread states and GILState.
 *
 * Every OS thread that uses the runtime has a MiniThreadState: its error indicator, its GIL
 * statistics, the interpreter's per-thread data. The runtime keeps them in a doubly linked list
 * (guarded by `list_mutex`) so statistics can be summed. A thread holds the GIL exactly when it
 * has a current thread state (_Mini_tstate_current, thread-local). GILState adds a second
 * thread-local, the thread state "belonging" to the thread whether or not it is current, so
 * foreign threads (pthreads, Dispatch workers) can enter with MiniGILState_Ensure without
 * knowing whether they already hold the lock. */
#include "gil_internal.h"
#include "ftmode_internal.h"
#include "freelist_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Thread_local MiniThreadState *_Mini_tstate_gilstate;

static pthread_mutex_t list_mutex = PTHREAD_MUTEX_INITIALIZER;
static MiniThreadState *list_head;
static uint64_t next_id = 1;
int _MiniThreadStates_Live;   /* thread states in existence (atomic): ftmode.c's freeze test */

void _MiniThreadStates_Init(void) { }

void _MiniThreadStates_Fini(void) {
    pthread_mutex_lock(&list_mutex);
    next_id = 1;
    pthread_mutex_unlock(&list_mutex);
}

void _MiniThreadStates_ForEach(void (*fn)(MiniThreadState *, void *), void *arg) {
    pthread_mutex_lock(&list_mutex);
    for (MiniThreadState *t = list_head; t != NULL; t = t->next) fn(t, arg);
    pthread_mutex_unlock(&list_mutex);
}

void _MiniThreadStates_AfterFork(MiniThreadState *keep) {
    pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;
    list_mutex = fresh;
    /* The other threads no longer exist; their states are unreachable garbage we leave be. */
    list_head = keep;
    if (keep != NULL) keep->prev = keep->next = NULL;
}

MiniThreadState *MiniThreadState_New(void) {
    MiniThreadState *t = calloc(1, sizeof *t);
    if (t == NULL) return NULL;
    pthread_mutex_lock(&list_mutex);
    t->id = next_id++;
    __atomic_fetch_add(&_MiniThreadStates_Live, 1, __ATOMIC_SEQ_CST);
    snprintf(t->default_name, sizeof t->default_name, "thread-%llu", (unsigned long long)t->id);
    t->name = t->default_name;
    t->rec = &_Mini_gilrec_closed;   /* no recording buffer yet (gilrecord.c) */
    t->next = list_head;
    if (list_head != NULL) list_head->prev = t;
    list_head = t;
    pthread_mutex_unlock(&list_mutex);
    return t;
}

void MiniThreadState_Delete(MiniThreadState *t) {
    if (t == NULL) return;
    if (t == _Mini_tstate_current)
        Mini_FatalError("MiniThreadState_Delete", "the thread state is still current "
                        "(use MiniThreadState_DeleteCurrent)");
    if (t->curexc != NULL)
        Mini_FatalError("MiniThreadState_Delete", "the thread state still has an exception set "
                        "(clear it with the GIL held first)");
    pthread_mutex_lock(&list_mutex);
    if (t->prev) t->prev->next = t->next; else list_head = t->next;
    if (t->next) t->next->prev = t->prev;
    __atomic_fetch_sub(&_MiniThreadStates_Live, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&list_mutex);
    _MiniGIL_FoldRetired(&t->gil);
    if (_Mini_tstate_gilstate == t) _Mini_tstate_gilstate = NULL;
    if (t->name != t->default_name) free(t->name);
    free(t);
}

void MiniThreadState_DeleteCurrent(void) {
    MiniThreadState *t = _Mini_tstate_current;
    if (t == NULL)
        Mini_FatalError("MiniThreadState_DeleteCurrent",
                        "the function must be called with the GIL held, but the GIL is released "
                        "(the current thread state is NULL)");
    if (t->curexc != NULL) MiniErr_Clear();
    if (_Mini_FreeThreaded) {
        _MiniQSBR_ThreadExit(t);
        _MiniFT_ThreadExit();
        _MiniFreeList_ClearThread();
        _MiniObject_ClearThreadFreeLists();
    }
    _MiniGIL_Drop(t, MINI_GILREASON_EXIT);
    MINI_GILREC(t, MINI_GILEV_EXITED, MINI_GILREASON_NONE, 0);
    MiniThreadState_Delete(t);
}

MiniThreadState *MiniThreadState_Get(void) {
    MiniThreadState *t = _Mini_tstate_current;
    if (t == NULL)
        Mini_FatalError("MiniThreadState_Get",
                        "the function must be called with the GIL held, but the GIL is released "
                        "(the current thread state is NULL)");
    return t;
}

MiniThreadState *_MiniThreadState_GetChecked(const char *func) {
    MiniThreadState *t = _Mini_tstate_current;
    if (MINI_UNLIKELY(t == NULL))
        Mini_FatalError(func, "the function must be called with the GIL held, but the GIL is "
                              "released (the current thread state is NULL)");
    return t;
}

MiniThreadState *MiniThreadState_GetUnchecked(void) { return _Mini_tstate_current; }

MiniThreadState *MiniThreadState_Swap(MiniThreadState *t) {
    MiniThreadState *old = _Mini_tstate_current;
    _Mini_tstate_current = t;
    return old;
}

uint64_t MiniThreadState_GetID(MiniThreadState *t) { return t != NULL ? t->id : 0; }

void MiniThreadState_SetName(MiniThreadState *t, const char *name) {
    if (t == NULL || name == NULL) return;
    char *copy = strdup(name);
    if (copy == NULL) return;                        /* out of memory: the old name stays */
    pthread_mutex_lock(&list_mutex);
    char *old = t->name;
    t->name = copy;
    pthread_mutex_unlock(&list_mutex);
    if (old != t->default_name) free(old);
    _MiniGILRec_Rename(t, name);
}

char *_MiniThreadState_CopyName(MiniThreadState *t) {
    pthread_mutex_lock(&list_mutex);
    char *copy = strdup(t->name);
    pthread_mutex_unlock(&list_mutex);
    return copy;
}

void _MiniThreadState_NameInto(MiniThreadState *t, char *buf, size_t size) {
    if (size == 0) return;
    if (pthread_mutex_trylock(&list_mutex) == 0) {
        snprintf(buf, size, "%s", t->name);
        pthread_mutex_unlock(&list_mutex);
    } else {
        snprintf(buf, size, "id %llu", (unsigned long long)t->id);
    }
}

void *MiniThreadState_GetVMData(MiniThreadState *t) { return t != NULL ? t->vm_data : NULL; }
void MiniThreadState_SetVMData(MiniThreadState *t, void *data) { if (t != NULL) t->vm_data = data; }

/* ----- GILState ------------------------------------------------------------------------------- */

MiniGILState_STATE MiniGILState_Ensure(void) {
    if (!Mini_IsInitialized())
        Mini_FatalError("MiniGILState_Ensure", "the runtime is not initialized (call Mini_Initialize first)");
    MiniThreadState *t = _Mini_tstate_gilstate;
    if (t == NULL) {
        t = MiniThreadState_New();
        if (t == NULL) Mini_FatalError("MiniGILState_Ensure", "out of memory creating a thread state");
        t->gilstate_owned = 1;
        _Mini_tstate_gilstate = t;
    }
    if (_Mini_tstate_current == t) {
        t->gilstate_counter++;
        return MINI_GILSTATE_LOCKED;
    }
    if (_Mini_tstate_current != NULL)
        Mini_FatalError("MiniGILState_Ensure", "this thread holds the GIL with another thread state");
    _MiniGIL_Take(t);
    t->gilstate_counter++;
    return MINI_GILSTATE_UNLOCKED;
}

void MiniGILState_Release(MiniGILState_STATE state) {
    MiniThreadState *t = _Mini_tstate_gilstate;
    if (t == NULL || t->gilstate_counter <= 0)
        Mini_FatalError("MiniGILState_Release", "no matching MiniGILState_Ensure for this thread "
                        "(releasing a lock the thread does not hold)");
    if (_Mini_tstate_current != t)
        Mini_FatalError("MiniGILState_Release", "the GIL is not held by this thread's GILState "
                        "thread state (releasing a lock the thread does not hold)");
    t->gilstate_counter--;
    if (t->gilstate_counter == 0 && t->gilstate_owned) {
        /* The outermost Ensure created this state: release the lock and destroy it. */
        _Mini_tstate_gilstate = NULL;
        MiniThreadState_DeleteCurrent();
    } else if (state == MINI_GILSTATE_UNLOCKED) {
        _MiniGIL_Drop(t, MINI_GILREASON_ALLOW_THREADS);
    }
}

MiniThreadState *MiniGILState_GetThisThreadState(void) { return _Mini_tstate_gilstate; }

static void count_one(MiniThreadState *t, void *arg) { (void)t; (*(Mini_ssize_t *)arg)++; }

Mini_ssize_t MiniThreadState_CountLive(void) {
    Mini_ssize_t n = 0;
    _MiniThreadStates_ForEach(count_one, &n);
    return n;
}
