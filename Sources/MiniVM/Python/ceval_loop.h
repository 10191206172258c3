/* Python/ceval_loop.h: the body of the eval loop, included twice by ceval.c (see there): with
 * MINI_EVAL_INSTRUMENTED 0 it polls only where the default policy says; with 1 it also follows
 * the "every N instructions" and "never" policies and counts polls. Not a header to include
 * anywhere else.
 *
 * Dispatch is threaded (computed goto): every instruction ends by fetching the next one and
 * jumping to its label. The value stack lives after the frame's fast locals; sp points one past
 * the top. Each instruction owns the references it pops and pushes. On an error the loop goes
 * to `error`, which records a traceback entry for this frame and then looks for a handler in
 * the code's exception table; without one the frame is dropped and the error continues in the
 * caller's frame (same C activation) or is returned to C (entry frame). */

MiniObject *MINI_EVAL_NAME(MiniVMThread *ts, MiniFrame *frame, int throwflag) {
    static void *const dispatch_table[MINI_OP_COUNT_] = {
#define LABEL_(name, kind, flags) &&TARGET_##name,
        MINI_OPCODES(LABEL_)
#undef LABEL_
    };
    MiniFrame *const entry_frame = frame;
    MiniCodeObject *co;
    uint32_t *ip, *first_instr;
    MiniObject **sp, **localsplus;
    MiniObject *const *consts, *const *names;
    uintptr_t ic_bias;   /* IC_HERE's base, set by LOAD_FRAME */
    uint32_t word, oparg;
    int opcode;
    MiniObject *kwnames = NULL;
    MiniObject *dict_binop_target = NULL;
    /* Reference-count changes made by this loop are added to _Mini_RefTotal in batches (it lives
     * in memory, and one increment per INCREF would chain every instruction through it); the
     * batch is flushed whenever the loop may let the GIL go or returns, so the total is exact
     * whenever another thread (or the caller) can read it. */
    Mini_ssize_t rt_delta = 0;
    /* Free-threaded mode (CShims' refcount.c): this thread's id, and whether the owner's
     * increments and decrements may be done here (not in checked mode). The owner's local count
     * is bumped inline and batched into rt_delta like GIL mode's; immortals are skipped; anything
     * else (another thread's object, the local count reaching zero) goes out of line. GIL mode
     * never looks at these: it stays behind the one predictable _Mini_RefSlow branch. */
#if MINI_EVAL_FT
    /* The free-threaded loop (ft-speed, issue 13): both are constants, so every reference op is
     * the owner test and the local count change, with no mode test (ceval.c picks this loop only
     * when free-threaded and not in checked mode). */
    const int ft_fast = 1;
    const int ref_slow = 1;
#elif !MINI_EVAL_INSTRUMENTED
    /* The default loop (loop, issue 11): _MiniEval_EvalFrame picks it only while _Mini_RefSlow is
     * 0 (GIL mode, not checked), so every reference op is the plain count change with no mode test
     * and nothing of the free-threaded path is compiled in; checked mode runs the instrumented loop. */
    const int ft_fast = 0;
    const int ref_slow = 0;
#else
    const int ft_fast = _Mini_FreeThreaded && !_Mini_CheckedMode;
    /* _Mini_RefSlow read once (it is set at start-up and never changes while code runs): a test
     * of a local instead of an address load and a test of the global on every reference op. */
    const int ref_slow = _Mini_RefSlow != 0;
#endif
#if MINI_EVAL_FT && defined(__x86_64__) && defined(__clang__)
    /* The owner id read where it is compared: the thread pointer's own slot (%fs:0, which is what
     * _MiniFT_ThreadId returns) as a memory operand of the compare, so the id takes no register
     * in a loop that has none to spare (kept in a local, it was spilled and cost the dispatch
     * register moves). ft-speed. */
#define ft_tid (*(const volatile uintptr_t __attribute__((address_space(257))) *)0)
#else
    const uintptr_t ft_tid = ft_fast ? _MiniFT_ThreadId() : 0;
#endif
#define RT_FLUSH() do { if (rt_delta != 0) { \
        if (ft_fast) _MiniEvalRef_FlushFT(rt_delta); else _Mini_RefTotal += rt_delta; \
        rt_delta = 0; } } while (0)
#undef Mini_INCREF
#undef Mini_XINCREF
#undef Mini_DECREF
#undef Mini_XDECREF
#undef Mini_NewRef
#define Mini_INCREF(op) _MiniEvalRef_Inc(_MiniObject_CAST(op), ref_slow, ft_fast, ft_tid, &rt_delta)
#define Mini_XINCREF(op) _MiniEvalRef_XInc(_MiniObject_CAST(op), ref_slow, ft_fast, ft_tid, &rt_delta)
#define Mini_DECREF(op) _MiniEvalRef_Dec(_MiniObject_CAST(op), ref_slow, ft_fast, ft_tid, &rt_delta)
#define Mini_XDECREF(op) _MiniEvalRef_XDec(_MiniObject_CAST(op), ref_slow, ft_fast, ft_tid, &rt_delta)
#define Mini_NewRef(op) _MiniEvalRef_New(_MiniObject_CAST(op), ref_slow, ft_fast, ft_tid, &rt_delta)
#undef Mini_REFCNT
#define Mini_REFCNT(op) _MiniEvalRef_Cnt(_MiniObject_CAST(op), MINI_EVAL_FT, ref_slow)
/* Reference ops that know more about their value (ft-speed, issue 13; the free-threaded loop's
 * forms, GIL mode's are the plain ones above, so its code is unchanged):
 * Mini_INCREF_IMM / Mini_DECREF_IMM: for a value that is usually immortal (a constant, the right
 * operand of int arithmetic), the immortal test first. REFCNT_IS(op, n): Mini_REFCNT(op) == n for
 * the in-place reuse tests, without the biased sum. NEW_IMMORTAL(op) / DROP_IMMORTAL(op): for an
 * object that is immortal whenever the free-threaded loop runs (None, True, False, the small
 * ints): no count at all there. SMALL_INT(v) / MAKE_INT(v): small_int / make_int with that. */
#if MINI_EVAL_FT
#define Mini_INCREF_IMM(op) _MiniEvalRef_IncImm(_MiniObject_CAST(op), ref_slow, ft_fast, ft_tid, &rt_delta)
#define Mini_DECREF_IMM(op) _MiniEvalRef_DecImm(_MiniObject_CAST(op), ref_slow, ft_fast, ft_tid, &rt_delta)
#define NEW_IMMORTAL(op) (op)
#define DROP_IMMORTAL(op) ((void)0)
#define SMALL_INT(v) ((MiniObject *)&_Mini_SmallInts[(v) - MINI_SMALL_INT_MIN])
#define MAKE_INT(v) (IS_SMALL_INT(v) ? SMALL_INT(v) : _MiniVM_NewInt(v))
#define REFCNT_IS(op, n) _MiniEvalRef_CntIs(_MiniObject_CAST(op), (n), 1)
#else
#define Mini_INCREF_IMM(op) Mini_INCREF(op)
#define Mini_DECREF_IMM(op) Mini_DECREF(op)
#define NEW_IMMORTAL(op) Mini_NewRef(op)
#define DROP_IMMORTAL(op) Mini_DECREF(op)
#define SMALL_INT(v) small_int(v)
#define MAKE_INT(v) make_int(v)
#define REFCNT_IS(op, n) (Mini_REFCNT(op) == (n))   /* the loop's own count: plain in the default loop */
#endif

#define LOAD_FRAME() do { \
        co = frame->f_code; first_instr = co->co_code; ip = frame->f_ip; sp = frame->f_sp; \
        localsplus = frame->localsplus; \
        consts = &MiniTuple_GET_ITEM(co->co_consts, 0); \
        names = &MiniTuple_GET_ITEM(co->co_names, 0); \
        ic_bias = (uintptr_t)co->co_cache - sizeof(MiniICache) - (uintptr_t)first_instr * (sizeof(MiniICache) / 4); \
    } while (0)
#define SAVE_FRAME() do { frame->f_ip = ip; frame->f_sp = sp; } while (0)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define THIRD() (sp[-3])
#define PEEK(n) (sp[-(Mini_ssize_t)(n)])
#define SET_TOP(v) (sp[-1] = (v))
#define SET_SECOND(v) (sp[-2] = (v))
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define STACK_SHRINK(n) (sp -= (n))
#define GETLOCAL(i) (localsplus[i])
#define SETLOCAL(i, v) do { MiniObject *_old = localsplus[i]; localsplus[i] = (v); Mini_XDECREF(_old); } while (0)
#define JUMPTO(x) (ip = first_instr + (x))
/* The current instruction's inline cache, co_cache[ip - first_instr - 1], as one scaled add of ip
 * to a per-frame bias (LOAD_FRAME; the instruction words are 4 bytes, a cache entry 64). */
#define IC_HERE() ((MiniICache *)(ic_bias + (uintptr_t)ip * (sizeof(MiniICache) / 4)))
#define TARGET(op) TARGET_##op:
#define NEXTOPARG() do { word = *ip++; opcode = (int)(word & 0xFF); oparg = word >> 8; } while (0)
#define BOOL_OBJ(b) ((b) ? Mini_True : Mini_False)
#define HANDLE_BREAKER() do { if (MINI_UNLIKELY(MiniEval_BreakerPending())) { RT_FLUSH(); \
        if (MiniEval_HandleBreaker() < 0) goto error; } } while (0)

#if MINI_EVAL_INSTRUMENTED
#define INSTR_HOOK() do { \
        if (_MiniVM_PollPolicy == MINI_VM_POLL_EVERY_N && --ts->countdown <= 0) { \
            ts->countdown = _MiniVM_PollN; \
            if (_MiniVM_PollCounting) _MiniVM_PollCounter++; \
            HANDLE_BREAKER(); \
        } } while (0)
#define POLL_POINT() do { \
        if (_MiniVM_PollPolicy == MINI_VM_POLL_CALLS_BACKEDGES) { \
            if (_MiniVM_PollCounting) _MiniVM_PollCounter++; \
            HANDLE_BREAKER(); \
        } } while (0)
#else
#define INSTR_HOOK() ((void)0)
#define POLL_POINT() HANDLE_BREAKER()
#endif
#define DISPATCH() do { INSTR_HOOK(); NEXTOPARG(); goto *dispatch_table[opcode]; } while (0)
/* Runs generator g's frame inside this activation (3.12's way for `for` and `yield from`): the
 * caller's state is saved, the value sent (None) goes onto the generator's stack unless it has not
 * started, and the loop continues in the generator's frame. Its YIELD_VALUE comes back here with
 * the value pushed for the caller; its RETURN_VALUE or an escaping exception ends it and continues
 * the caller's SEND or FOR_ITER (see those and the unwinding at the end). Callers have checked
 * _MiniGen_CanRunInline. Off with the other specialisations (MINIPY_SPECIALIZE=0), so tests can compare
 * both ways. */
#define ENTER_GEN_INLINE(g) do { \
        MiniGenObject *g_ = (g); \
        if (MINI_UNLIKELY(ts->depth >= _MiniVM_RecursionLimit)) { \
            MiniErr_SetString(LOOP_EXC(RecursionError), "maximum recursion depth exceeded"); goto error; } \
        MiniFrame *gf_ = &g_->gi_frame; \
        if (g_->gi_state == MINI_GEN_SUSPENDED) *gf_->f_sp++ = Mini_NewRef(Mini_None); \
        g_->gi_state = MINI_GEN_RUNNING; \
        SAVE_FRAME(); \
        gf_->f_back = frame; \
        gf_->f_entry = 0; \
        ts->depth++; \
        frame = gf_; \
        ts->frame = frame; \
        LOAD_FRAME(); \
        DISPATCH(); \
    } while (0)

/* Runs a class's Python __getitem__ / __setitem__ (df, from _MiniVM_InlineSubscr) in this
 * activation, as CALL runs a Python function (PEP 659's BINARY_SUBSCR_GETITEM, here also for the
 * store): the n_ arguments, whose references the caller has already taken off its stack, become
 * the callee's first locals; its RETURN_VALUE pushes the result for the caller, or drops it when
 * the frame is marked MINI_FRAME_DISCARD (a store). The callee's RESUME is the check point a
 * call through the slot would reach. */
#define ENTER_DUNDER_INLINE(df, n_, a0, a1, a2, mark_) do { \
        SAVE_FRAME(); \
        MiniFrame *nf_ = _MiniVM_PushDunderFrame(ts, (df), (n_), (a0), (a1), (a2), (mark_)); \
        if (nf_ == NULL) goto error; \
        nf_->f_back = frame; \
        frame = nf_; \
        ts->frame = frame; \
        ts->depth++; \
        LOAD_FRAME(); \
        DISPATCH(); \
    } while (0)

    frame->f_entry = 1;
    frame->f_back = ts->frame;
    if (MINI_UNLIKELY(ts->depth >= _MiniVM_RecursionLimit)) {
        MiniErr_SetString(LOOP_EXC(RecursionError), "maximum recursion depth exceeded");
        discard_entry_frame(ts, frame);
        return NULL;
    }
    ts->frame = frame;
    ts->depth++;
    LOAD_FRAME();
    if (throwflag) goto error;
    DISPATCH();

    TARGET(NOP) { DISPATCH(); }

    TARGET(POP_TOP) {
        MiniObject *v = POP();
        Mini_XDECREF(v);
        DISPATCH();
    }

    TARGET(PUSH_NULL) { PUSH(NULL); DISPATCH(); }

    TARGET(COPY) {
        MiniObject *v = PEEK(oparg);
        Mini_INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(SWAP) {
        MiniObject *t = TOP();
        SET_TOP(PEEK(oparg));
        PEEK(oparg) = t;
        DISPATCH();
    }

    TARGET(RESUME) {
        if (oparg < 2) POLL_POINT();
        DISPATCH();
    }

    TARGET(LOAD_CONST) {
        MiniObject *v = consts[oparg];
        Mini_INCREF_IMM(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(LOAD_FAST) {
        MiniObject *v = GETLOCAL(oparg);
        if (MINI_UNLIKELY(v == NULL)) { unbound_local(co, (int)oparg); goto error; }
        Mini_INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_FAST) {
        MiniObject *v = POP();
        SETLOCAL(oparg, v);
        DISPATCH();
    }

    TARGET(DELETE_FAST) {
        if (GETLOCAL(oparg) == NULL) { unbound_local(co, (int)oparg); goto error; }
        SETLOCAL(oparg, NULL);
        DISPATCH();
    }

    TARGET(LOAD_FAST__LOAD_FAST) {
        uint32_t a = oparg & 0xFFF, b = oparg >> 12;
        MiniObject *v = GETLOCAL(a), *w = GETLOCAL(b);
        if (MINI_UNLIKELY(v == NULL)) { unbound_local(co, (int)a); goto error; }
        if (MINI_UNLIKELY(w == NULL)) { unbound_local(co, (int)b); goto error; }
        Mini_INCREF(v);
        Mini_INCREF(w);
        PUSH(v);
        PUSH(w);
        DISPATCH();
    }

    TARGET(LOAD_FAST__LOAD_CONST) {
        uint32_t a = oparg & 0xFFF;
        MiniObject *v = GETLOCAL(a), *w = consts[oparg >> 12];
        if (MINI_UNLIKELY(v == NULL)) { unbound_local(co, (int)a); goto error; }
        Mini_INCREF(v);
        Mini_INCREF_IMM(w);
        PUSH(v);
        PUSH(w);
        DISPATCH();
    }

    TARGET(STORE_FAST__LOAD_FAST) {
        uint32_t a = oparg & 0xFFF, b = oparg >> 12;
        MiniObject *v = POP();
        SETLOCAL(a, v);
        MiniObject *w = GETLOCAL(b);
        if (MINI_UNLIKELY(w == NULL)) { unbound_local(co, (int)b); goto error; }
        Mini_INCREF(w);
        PUSH(w);
        DISPATCH();
    }

    TARGET(STORE_FAST__STORE_FAST) {
        uint32_t a = oparg & 0xFFF, b = oparg >> 12;
        MiniObject *v = POP();
        SETLOCAL(a, v);
        v = POP();
        SETLOCAL(b, v);
        DISPATCH();
    }

    TARGET(LOAD_NAME) {
        MiniObject *name = names[oparg], *locals = frame->f_locals, *v;
        if (locals == NULL) {
            MiniErr_Format(LOOP_EXC(SystemError), "no locals when loading %R", name);
            goto error;
        }
        if (MiniDict_CheckExact(locals)) {
            v = MiniDict_GetItemWithError(locals, name);
            if (v != NULL) Mini_INCREF(v);
            else if (MiniErr_Occurred()) goto error;
        } else {
            v = MiniObject_GetItem(locals, name);
            if (v == NULL) {
                if (!MiniErr_ExceptionMatches(LOOP_EXC(KeyError))) goto error;
                MiniErr_Clear();
            }
        }
        if (v == NULL) {
            v = load_global(frame->f_globals, frame->f_builtins, name);
            if (v == NULL) goto error;
        }
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_NAME) {
        MiniObject *name = names[oparg], *locals = frame->f_locals, *v = POP();
        int err;
        if (locals == NULL) {
            Mini_DECREF(v);
            MiniErr_Format(LOOP_EXC(SystemError), "no locals found when storing %R", name);
            goto error;
        }
        err = MiniDict_CheckExact(locals) ? MiniDict_SetItem(locals, name, v) : MiniObject_SetItem(locals, name, v);
        Mini_DECREF(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DELETE_NAME) {
        MiniObject *name = names[oparg], *locals = frame->f_locals;
        if (locals == NULL) {
            MiniErr_Format(LOOP_EXC(SystemError), "no locals when deleting %R", name);
            goto error;
        }
        if (MiniObject_DelItem(locals, name) < 0) {
            if (MiniErr_ExceptionMatches(LOOP_EXC(KeyError))) { MiniErr_Clear(); name_error(name); }
            goto error;
        }
        DISPATCH();
    }

    TARGET(LOAD_GLOBAL) {
        /* Inline cache (vm/specialize.h): valid while neither dict has changed. */
        MiniICache *ic = IC_HERE();
        MiniObject *name = names[oparg >> 1];
        MiniObject *v = _MiniIC_Global(ic, frame->f_globals, frame->f_builtins, name);
        if (MINI_UNLIKELY(v == NULL)) {
            v = MiniDict_GetItemWithError(frame->f_globals, name);
            if (v == NULL) {
                if (MiniErr_Occurred()) goto error;
                v = MiniDict_GetItemWithError(frame->f_builtins, name);
                if (v == NULL) {
                    if (!MiniErr_Occurred()) name_error(name);
                    goto error;
                }
            }
            _MiniIC_FillGlobal(ic, frame->f_globals, frame->f_builtins, name, v);
        }
        Mini_INCREF(v);
        if (oparg & 1) PUSH(NULL);
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_GLOBAL) {
        MiniObject *v = POP();
        int err = MiniDict_SetItem(frame->f_globals, names[oparg], v);
        Mini_DECREF(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DELETE_GLOBAL) {
        if (MiniDict_DelItem(frame->f_globals, names[oparg]) < 0) {
            if (MiniErr_ExceptionMatches(LOOP_EXC(KeyError))) { MiniErr_Clear(); name_error(names[oparg]); }
            goto error;
        }
        DISPATCH();
    }

    TARGET(MAKE_CELL) {
        MiniObject *cell = _MiniCell_New(GETLOCAL(oparg));
        if (cell == NULL) goto error;
        SETLOCAL(oparg, cell);
        DISPATCH();
    }

    TARGET(COPY_FREE_VARS) {
        MiniObject *closure = ((MiniFunctionObject *)frame->f_func)->func_closure;
        int offset = co->co_nlocalsplus - (int)oparg;
        for (uint32_t i = 0; i < oparg; i++)
            localsplus[offset + (int)i] = Mini_NewRef(MiniTuple_GET_ITEM(closure, i));
        DISPATCH();
    }

    TARGET(LOAD_CLOSURE) {
        MiniObject *v = GETLOCAL(oparg);
        Mini_INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(LOAD_DEREF) {
        MiniObject *v = ((MiniCellObject *)GETLOCAL(oparg))->ob_ref;
        if (MINI_UNLIKELY(v == NULL)) { unbound_local(co, (int)oparg); goto error; }
        Mini_INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_DEREF) {
        MiniCellObject *cell = (MiniCellObject *)GETLOCAL(oparg);
        MiniObject *old = cell->ob_ref;
        cell->ob_ref = POP();
        Mini_XDECREF(old);
        DISPATCH();
    }

    TARGET(DELETE_DEREF) {
        MiniCellObject *cell = (MiniCellObject *)GETLOCAL(oparg);
        if (cell->ob_ref == NULL) { unbound_local(co, (int)oparg); goto error; }
        Mini_CLEAR(cell->ob_ref);
        DISPATCH();
    }

    TARGET(LOAD_CLASSDEREF) {
        MiniObject *name = MiniTuple_GET_ITEM(co->co_localsplusnames, oparg), *v = NULL;
        if (frame->f_locals != NULL && MiniDict_Check(frame->f_locals)) {
            v = MiniDict_GetItemWithError(frame->f_locals, name);
            if (v == NULL && MiniErr_Occurred()) goto error;
        }
        if (v == NULL) {
            v = ((MiniCellObject *)GETLOCAL(oparg))->ob_ref;
            if (v == NULL) { unbound_local(co, (int)oparg); goto error; }
        }
        Mini_INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    TARGET(LOAD_ATTR) {
        MiniObject *owner = TOP(), *res;
        MiniICache *ic = IC_HERE();
        if (!_MiniIC_LoadAttr(ic, owner, names[oparg], &res)) {
            if (_MiniIC_ShouldSpecialize(ic)) _MiniIC_SpecializeLoadAttr(ic, owner, names[oparg]);
            res = MiniObject_GetAttr(owner, names[oparg]);
        }
        Mini_DECREF(owner);
        SET_TOP(res);
        if (res == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(STORE_ATTR) {
        MiniObject *owner = TOP(), *v = SECOND();
        STACK_SHRINK(2);
        MiniICache *ic = IC_HERE();
        int err;
        if (!_MiniIC_StoreAttr(ic, owner, names[oparg], v, &err)) {
            if (_MiniIC_ShouldSpecialize(ic)) _MiniIC_SpecializeStoreAttr(ic, owner, names[oparg]);
            err = MiniObject_SetAttr(owner, names[oparg], v);
        }
        Mini_DECREF(v);
        Mini_DECREF(owner);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DELETE_ATTR) {
        MiniObject *owner = POP();
        int err = MiniObject_SetAttr(owner, names[oparg], NULL);
        Mini_DECREF(owner);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(LOAD_METHOD) {
        /* Pushes (function, self) when the attribute is a plain method found on the type, so
         * that CALL need not build a bound method; (NULL, attribute) otherwise. */
        MiniObject *name = names[oparg], *obj = TOP();
        MiniICache *ic = IC_HERE();
        MiniObject *meth = _MiniIC_Method(ic, obj, name);
        if (MINI_LIKELY(meth != NULL)) {
            Mini_INCREF(meth);
            SET_TOP(meth);
            PUSH(obj);
            DISPATCH();
        }
        MiniObject *modattr = _MiniIC_ModuleAttr(ic, obj, name);   /* math.sqrt(x): (NULL, attribute) */
        if (modattr != NULL) {
            Mini_INCREF(modattr);
            SET_TOP(NULL);
            Mini_DECREF(obj);
            PUSH(modattr);
            DISPATCH();
        }
        if (_MiniIC_ShouldSpecialize(ic)) _MiniIC_SpecializeLoadMethod(ic, obj, name);
        MiniTypeObject *tp = Mini_TYPE(obj);
        if (tp->tp_getattro == MiniObject_GenericGetAttr) {
            MiniObject *descr = MiniType_Lookup(tp, name);
            if (descr != NULL && (Mini_TYPE(descr) == &MiniFunction_Type || Mini_TYPE(descr) == &MiniMethodDescr_Type)) {
                MiniObject **dictptr = _MiniObject_DictPtr(obj);
                MiniObject *shadow = NULL;
                if (dictptr != NULL && *dictptr != NULL) {
                    shadow = MiniDict_GetItemWithError(*dictptr, name);
                    if (shadow == NULL && MiniErr_Occurred()) goto error;
                } else if (dictptr != NULL) {
                    shadow = _MiniInst_Lookup(obj, name);
                }
                if (shadow == NULL) {
                    Mini_INCREF(descr);
                    SET_TOP(descr);
                    PUSH(obj);
                    DISPATCH();
                }
                Mini_INCREF(shadow);
                SET_TOP(NULL);
                Mini_DECREF(obj);
                PUSH(shadow);
                DISPATCH();
            }
        }
        MiniObject *res = MiniObject_GetAttr(obj, name);
        if (res == NULL) goto error;
        SET_TOP(NULL);
        Mini_DECREF(obj);
        PUSH(res);
        DISPATCH();
    }

/* container[sub] by the fast paths: a new reference, or NULL (see subscr_fast). GIL mode reads a
 * list or tuple item borrowed and takes the reference here (batched count, no mode test);
 * free-threaded, subscr_fast reads a list under its lock (ft-speed). */
#if MINI_EVAL_FT
#define SUBSCR_FAST(c, s) subscr_fast((c), (s), 1)
#else
#define SUBSCR_FAST(c, s) __extension__({ MiniObject *b_ = subscr_borrowed((c), (s)); \
        b_ != NULL ? Mini_NewRef(b_) : subscr_fast((c), (s), 0); })
#endif

    TARGET(BINARY_SUBSCR) {
        MiniObject *sub = TOP(), *container = SECOND(), *res = SUBSCR_FAST(container, sub);
        if (res == NULL) {
            if (MiniErr_Occurred()) goto error;
            MiniObject *df = _MiniVM_InlineSubscr(Mini_TYPE(container), 0);
            if (df != NULL) {
                STACK_SHRINK(2);
                ENTER_DUNDER_INLINE(df, 2, container, sub, NULL, 0);
            }
            res = MiniObject_GetItem(container, sub);
            if (res == NULL) goto error;
        }
        STACK_SHRINK(1);
        Mini_DECREF(sub);
        Mini_DECREF(container);
        SET_TOP(res);
        DISPATCH();
    }

#define VAR_GET(enc) (((enc) & MINI_VAR_CELL) ? ((MiniCellObject *)localsplus[(enc) & (MINI_VAR_SLOTS - 1)])->ob_ref \
                                               : localsplus[(enc) & (MINI_VAR_SLOTS - 1)])

    TARGET(BINARY_SUBSCR_VAR) {
        /* TOS[var]: the index is read in place. */
        MiniObject *sub = VAR_GET(oparg), *container = TOP(), *res;
        if (MINI_UNLIKELY(sub == NULL)) { unbound_local(co, (int)(oparg & (MINI_VAR_SLOTS - 1))); goto error; }
        res = SUBSCR_FAST(container, sub);
        if (res == NULL) {
            if (MiniErr_Occurred()) goto error;
            MiniObject *df = _MiniVM_InlineSubscr(Mini_TYPE(container), 0);
            if (df != NULL) {
                STACK_SHRINK(1);
                ENTER_DUNDER_INLINE(df, 2, container, Mini_NewRef(sub), NULL, 0);
            }
            res = MiniObject_GetItem(container, sub);
            if (res == NULL) goto error;
        }
        SET_TOP(res);
        Mini_DECREF(container);
        DISPATCH();
    }

    TARGET(BINARY_SUBSCR_VARS) {
        /* a[b] for two variables, both read in place. */
        uint32_t ea = oparg & 0xFFF, eb = oparg >> 12;
        MiniObject *container = VAR_GET(ea), *sub = VAR_GET(eb), *res;
        if (MINI_UNLIKELY(container == NULL)) { unbound_local(co, (int)(ea & (MINI_VAR_SLOTS - 1))); goto error; }
        if (MINI_UNLIKELY(sub == NULL)) { unbound_local(co, (int)(eb & (MINI_VAR_SLOTS - 1))); goto error; }
        res = SUBSCR_FAST(container, sub);
        if (res == NULL) {
            if (MiniErr_Occurred()) goto error;
            MiniObject *df = _MiniVM_InlineSubscr(Mini_TYPE(container), 0);
            if (df != NULL) ENTER_DUNDER_INLINE(df, 2, Mini_NewRef(container), Mini_NewRef(sub), NULL, 0);
            res = MiniObject_GetItem(container, sub);
            if (res == NULL) goto error;
        }
        PUSH(res);
        DISPATCH();
    }
#undef VAR_GET

    TARGET(STORE_SUBSCR) {
        MiniObject *sub = TOP(), *container = SECOND(), *v = THIRD();
        int err;
        /* The in-place list fast path; free-threaded, the store is made inside the list's
         * lock (list_store_ft, ft-speed). */
        if (Mini_TYPE(container) == &MiniList_Type && is_compact_int(sub)) {
            if (MINI_UNLIKELY(_Mini_CriticalSectionsOn)) {
                MiniObject *old;
                if (list_store_ft(container, sub, v, MINI_EVAL_FT, &old)) {
                    STACK_SHRINK(3);
                    /* The replaced item (leaf form only): dropped here with the loop's own
                     * DECREF when no other thread is attached, else the delayed way as
                     * list_setitem does (ft-speed). */
                    if (old != NULL) {
                        if (__atomic_load_n(&_MiniFT_Attached, __ATOMIC_SEQ_CST) > 1) _Mini_DecRefDelayed(old);
                        else Mini_DECREF(old);
                    }
                    Mini_DECREF(sub);
                    Mini_DECREF(container);
                    DISPATCH();
                }
            } else {
                int64_t i = compact_value(sub), n = Mini_SIZE(container);
                if (i < 0) i += n;
                if (i >= 0 && i < n) {
                    MiniObject **slot = &((MiniListObject *)container)->ob_item[i];
                    MiniObject *old = *slot;
                    *slot = v;
                    STACK_SHRINK(3);
                    Mini_DECREF(old);
                    Mini_DECREF(sub);
                    Mini_DECREF(container);
                    DISPATCH();
                }
            }
        }
        MiniObject *df = _MiniVM_InlineSubscr(Mini_TYPE(container), 1);
        if (df != NULL) {
            STACK_SHRINK(3);
            ENTER_DUNDER_INLINE(df, 3, container, sub, v, MINI_FRAME_DISCARD);
        }
        STACK_SHRINK(3);
        err = MiniObject_SetItem(container, sub, v);
        Mini_DECREF(v);
        Mini_DECREF(container);
        Mini_DECREF(sub);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DELETE_SUBSCR) {
        MiniObject *sub = TOP(), *container = SECOND();
        STACK_SHRINK(2);
        int err = MiniObject_DelItem(container, sub);
        Mini_DECREF(container);
        Mini_DECREF(sub);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(BUILD_SLICE) {
        MiniObject *step = oparg == 3 ? POP() : NULL, *stop = POP(), *start = TOP();
        MiniObject *res = MiniSlice_New(start, stop, step);
        Mini_DECREF(start);
        Mini_DECREF(stop);
        Mini_XDECREF(step);
        SET_TOP(res);
        if (res == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(UNARY_POSITIVE) {
        MiniObject *v = TOP(), *res = MiniNumber_Positive(v);
        Mini_DECREF(v);
        SET_TOP(res);
        if (res == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(UNARY_NEGATIVE) {
        MiniObject *v = TOP(), *res;
        if (is_compact_int(v) && compact_value(v) != INT64_MIN) res = make_int(-compact_value(v));
        else if (Mini_TYPE(v) == &MiniFloat_Type) res = _MiniVM_NewFloat(-MiniFloat_AS_DOUBLE(v));
        else res = MiniNumber_Negative(v);
        Mini_DECREF(v);
        SET_TOP(res);
        if (res == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(UNARY_NOT) {
        MiniObject *v = TOP();
        int t = MiniObject_IsTrue(v);
        Mini_DECREF(v);
        if (t < 0) { STACK_SHRINK(1); goto error; }
        SET_TOP(Mini_NewRef(BOOL_OBJ(!t)));
        DISPATCH();
    }

    TARGET(UNARY_INVERT) {
        MiniObject *v = TOP(), *res = _MiniVM_Invert(v);
        Mini_DECREF(v);
        SET_TOP(res);
        if (res == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

/* BINARY_OP's float result r of lhs op rhs ends the instruction: written into an operand that only
 * the stack references (and that the caller says is a float), else a new float. */
#define FLOAT_BINOP_RESULT(r, lhs_is_float, rhs_is_float) do { \
        if ((lhs_is_float) && REFCNT_IS(lhs, 1)) { \
            ((MiniFloatObject *)lhs)->ob_fval = (r); \
            STACK_SHRINK(1); \
            Mini_DECREF(rhs); \
            DISPATCH(); \
        } \
        if ((rhs_is_float) && REFCNT_IS(rhs, 1)) { \
            ((MiniFloatObject *)rhs)->ob_fval = (r); \
            STACK_SHRINK(1); \
            Mini_DECREF(lhs); \
            SET_TOP(rhs); \
            DISPATCH(); \
        } \
        res = _MiniVM_NewFloat(r); \
        goto binop_done; \
    } while (0)

    TARGET(BINARY_OP) {
        MiniObject *rhs = TOP(), *lhs = SECOND(), *res;
        int op = (int)(oparg & ~(uint32_t)MINI_NB_INPLACE);
        if (is_compact_int(lhs) && is_compact_int(rhs)) {
            int64_t r;
            if (int_binop(op, compact_value(lhs), compact_value(rhs), &r)) {
                if (IS_SMALL_INT(r)) {
                    res = SMALL_INT(r);
                } else if (REFCNT_IS(lhs, 1)) {
                    /* The stack holds the only reference: reuse the object. */
                    ((MiniLongObject *)lhs)->ob_ival = r;
                    STACK_SHRINK(1);
                    Mini_DECREF(rhs);
                    DISPATCH();
                } else if (REFCNT_IS(rhs, 1)) {
                    ((MiniLongObject *)rhs)->ob_ival = r;
                    STACK_SHRINK(1);
                    Mini_DECREF(lhs);
                    SET_TOP(rhs);
                    DISPATCH();
                } else {
                    res = _MiniVM_NewInt(r);
                }
                goto binop_done;
            }
            if (op == MINI_NB_TRUE_DIVIDE) {
                double a, b;
                if (as_float_operand(lhs, &a) && as_float_operand(rhs, &b) && b != 0.0) {
                    res = _MiniVM_NewFloat(a / b);
                    goto binop_done;
                }
            }
        } else if (Mini_TYPE(lhs) == &MiniFloat_Type && Mini_TYPE(rhs) == &MiniFloat_Type &&
                   (unsigned)op <= MINI_NB_MULTIPLY) {
            /* float + - * float (ADD, SUBTRACT, MULTIPLY are 0, 1, 2): no operand conversion and
             * no operator switch; the result reuses an operand only the stack references. */
            double a = ((MiniFloatObject *)lhs)->ob_fval, b = ((MiniFloatObject *)rhs)->ob_fval;
            double r = op == MINI_NB_MULTIPLY ? a * b : op == MINI_NB_ADD ? a + b : a - b;
            FLOAT_BINOP_RESULT(r, 1, 1);
        } else if (Mini_TYPE(lhs) == &MiniFloat_Type || Mini_TYPE(rhs) == &MiniFloat_Type) {
            double a, b, r;
            if (as_float_operand(lhs, &a) && as_float_operand(rhs, &b) && float_binop(op, a, b, &r)) {
                FLOAT_BINOP_RESULT(r, Mini_TYPE(lhs) == &MiniFloat_Type, Mini_TYPE(rhs) == &MiniFloat_Type);
            }
        } else if (op == MINI_NB_ADD && MiniUnicode_CheckExact(lhs) && MiniUnicode_CheckExact(rhs)) {
            res = MiniUnicode_Concat(lhs, rhs);
            goto binop_done;
        }
        res = _MiniVM_BinaryOp(lhs, rhs, (int)oparg);
    binop_done:
        STACK_SHRINK(1);
        Mini_DECREF(lhs);
        Mini_DECREF(rhs);
        SET_TOP(res);
        if (res == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(BINARY_OP_STORE_FAST) {
        /* local = TOS1 op TOS (`x += y`, `x = a op b`). When the local holds an int or float
         * nobody else references (the stack aside), the result is written into it in place. */
        MiniObject *rhs = TOP(), *lhs = SECOND(), *res;
        int op = (int)(oparg & 0xFF) & ~MINI_NB_INPLACE;
        uint32_t idx = oparg >> 8;
        MiniObject *cur = GETLOCAL(idx);
        Mini_ssize_t others = 1 + (cur == lhs) + (cur == rhs);
        if (is_compact_int(lhs) && is_compact_int(rhs)) {
            int64_t r;
            if (int_binop(op, compact_value(lhs), compact_value(rhs), &r)) {
                if (!IS_SMALL_INT(r) && cur != NULL && is_compact_int(cur) && REFCNT_IS(cur, others)) {
                    ((MiniLongObject *)cur)->ob_ival = r;
                    STACK_SHRINK(2);
                    Mini_DECREF(rhs);
                    Mini_DECREF(lhs);
                    DISPATCH();
                }
                res = MAKE_INT(r);
                goto binop_store_done;
            }
        } else if (Mini_TYPE(lhs) == &MiniFloat_Type || Mini_TYPE(rhs) == &MiniFloat_Type) {
            double a, b, r;
            if (as_float_operand(lhs, &a) && as_float_operand(rhs, &b) && float_binop(op, a, b, &r)) {
                if (cur != NULL && Mini_TYPE(cur) == &MiniFloat_Type && REFCNT_IS(cur, others)) {
                    ((MiniFloatObject *)cur)->ob_fval = r;
                    STACK_SHRINK(2);
                    Mini_DECREF(rhs);
                    Mini_DECREF(lhs);
                    DISPATCH();
                }
                res = _MiniVM_NewFloat(r);
                goto binop_store_done;
            }
        }
        res = _MiniVM_BinaryOp(lhs, rhs, (int)(oparg & 0xFF));
    binop_store_done:
        STACK_SHRINK(2);
        Mini_DECREF(rhs);
        Mini_DECREF(lhs);
        if (res == NULL) goto error;
        SETLOCAL(idx, res);
        DISPATCH();
    }

    /* name = TOS1 op TOS for a dict-held variable (module or class level: the locals dict;
     * `global` names: the globals dict). When the dict's current value is the left operand and
     * only the dict and the stack reference it, an int or float result is written into it in
     * place, sparing the allocation and the dict store. */
    TARGET(BINARY_OP_STORE_NAME) {
        if (frame->f_locals == NULL) {
            MiniErr_Format(LOOP_EXC(SystemError), "no locals found when storing %R", names[oparg >> 8]);
            goto error;
        }
        dict_binop_target = frame->f_locals;
        goto binop_store_dict;
    }

    TARGET(BINARY_OP_STORE_GLOBAL) {
        dict_binop_target = frame->f_globals;
    binop_store_dict:
        {
            MiniObject *rhs = TOP(), *lhs = SECOND(), *res, *name = names[oparg >> 8];
            MiniObject *d = dict_binop_target;
            int op = (int)(oparg & 0xFF) & ~MINI_NB_INPLACE;
            /* Free-threaded, never in place (ft-speed): the dict's reference is shared, so another
             * thread may take the value between the count check and the write and see it change
             * (ThreadSanitizer: counter_race.py's `counter += 1`). */
            if (!(MINI_EVAL_FT || (ref_slow && _Mini_FreeThreaded)) && Mini_REFCNT(lhs) == 2 && MiniDict_CheckExact(d)) {
                if (is_compact_int(lhs) && is_compact_int(rhs)) {
                    int64_t r;
                    if (int_binop(op, compact_value(lhs), compact_value(rhs), &r) && !IS_SMALL_INT(r) &&
                        MiniDict_GetItemWithError(d, name) == lhs) {
                        ((MiniLongObject *)lhs)->ob_ival = r;
                        STACK_SHRINK(2);
                        Mini_DECREF(rhs);
                        Mini_DECREF(lhs);
                        DISPATCH();
                    }
                } else if (Mini_TYPE(lhs) == &MiniFloat_Type) {
                    double b, r;
                    if (as_float_operand(rhs, &b) && float_binop(op, MiniFloat_AS_DOUBLE(lhs), b, &r) &&
                        MiniDict_GetItemWithError(d, name) == lhs) {
                        ((MiniFloatObject *)lhs)->ob_fval = r;
                        STACK_SHRINK(2);
                        Mini_DECREF(rhs);
                        Mini_DECREF(lhs);
                        DISPATCH();
                    }
                }
                if (MiniErr_Occurred()) goto error;
            }
            if (is_compact_int(lhs) && is_compact_int(rhs)) {
                int64_t r;
                if (int_binop(op, compact_value(lhs), compact_value(rhs), &r)) { res = make_int(r); goto binop_dict_done; }
            }
            res = _MiniVM_BinaryOp(lhs, rhs, (int)(oparg & 0xFF));
        binop_dict_done:
            STACK_SHRINK(2);
            Mini_DECREF(rhs);
            Mini_DECREF(lhs);
            if (res == NULL) goto error;
            int err = MiniDict_CheckExact(d) ? MiniDict_SetItem(d, name, res) : MiniObject_SetItem(d, name, res);
            Mini_DECREF(res);
            if (err < 0) goto error;
            DISPATCH();
        }
    }

    TARGET(COMPARE_OP) {
        MiniObject *right = TOP(), *left = SECOND(), *res;
        int t;
        if (is_compact_int(left) && is_compact_int(right)) {
            t = compare_int((int)oparg, compact_value(left), compact_value(right));
        } else if (Mini_TYPE(left) == &MiniFloat_Type && Mini_TYPE(right) == &MiniFloat_Type) {
            t = compare_double((int)oparg, MiniFloat_AS_DOUBLE(left), MiniFloat_AS_DOUBLE(right));
        } else if ((oparg == Mini_EQ || oparg == Mini_NE) && MiniUnicode_CheckExact(left) &&
                   MiniUnicode_CheckExact(right)) {
            t = _MiniUnicode_Eq(left, right) == (oparg == Mini_EQ);
        } else {
            res = MiniObject_RichCompare(left, right, (int)oparg);
            STACK_SHRINK(1);
            Mini_DECREF(left);
            Mini_DECREF(right);
            SET_TOP(res);
            if (res == NULL) { STACK_SHRINK(1); goto error; }
            DISPATCH();
        }
        STACK_SHRINK(2);
        Mini_DECREF(left);
        Mini_DECREF_IMM(right);
        /* Fuse with a following conditional jump: no bool object, one dispatch less. */
        uint32_t next = *ip;
        switch (next & 0xFF) {
        case MINI_OP_POP_JUMP_IF_FALSE:
            ip++;
            if (!t) JUMPTO(next >> 8);
            DISPATCH();
        case MINI_OP_POP_JUMP_IF_TRUE:
            ip++;
            if (t) JUMPTO(next >> 8);
            DISPATCH();
        case MINI_OP_POP_JUMP_BACKWARD_IF_TRUE:
            ip++;
            if (t) { POLL_POINT(); JUMPTO(next >> 8); }
            DISPATCH();
        case MINI_OP_POP_JUMP_BACKWARD_IF_FALSE:
            ip++;
            if (!t) { POLL_POINT(); JUMPTO(next >> 8); }
            DISPATCH();
        default:
            PUSH(NEW_IMMORTAL(BOOL_OBJ(t)));
            DISPATCH();
        }
    }

    TARGET(IS_OP) {
        MiniObject *right = POP(), *left = TOP();
        int t = (left == right) ^ (int)oparg;
        Mini_DECREF(left);
        Mini_DECREF(right);
        SET_TOP(Mini_NewRef(BOOL_OBJ(t)));
        DISPATCH();
    }

    TARGET(CONTAINS_OP) {
        MiniObject *right = POP(), *left = TOP();
        int r = MiniSequence_Contains(right, left);
        Mini_DECREF(left);
        Mini_DECREF(right);
        if (r < 0) { STACK_SHRINK(1); goto error; }
        SET_TOP(Mini_NewRef(BOOL_OBJ(r ^ (int)oparg)));
        DISPATCH();
    }

    TARGET(BUILD_TUPLE) {
        MiniObject *t = MiniTuple_New(oparg);
        if (t == NULL) goto error;
        for (uint32_t i = oparg; i > 0; i--) MiniTuple_SET_ITEM(t, i - 1, POP());
        PUSH(t);
        DISPATCH();
    }

    TARGET(BUILD_LIST) {
        MiniObject *l = MiniList_New(oparg);
        if (l == NULL) goto error;
        for (uint32_t i = oparg; i > 0; i--) ((MiniListObject *)l)->ob_item[i - 1] = POP();
        PUSH(l);
        DISPATCH();
    }

    TARGET(BUILD_SET) {
        MiniObject *set = MiniSet_New(NULL);
        if (set == NULL) goto error;
        int err = 0;
        for (MiniObject **p = sp - oparg; p < sp; p++)
            if (err == 0) err = MiniSet_Add(set, *p);
        for (uint32_t i = 0; i < oparg; i++) { MiniObject *x = POP(); Mini_DECREF(x); }
        if (err < 0) { Mini_DECREF(set); goto error; }
        PUSH(set);
        DISPATCH();
    }

    TARGET(BUILD_MAP) {
        MiniObject *d = MiniDict_New();
        if (d == NULL) goto error;
        for (uint32_t i = oparg; i > 0; i--) {
            MiniObject *k = PEEK(2 * i), *v = PEEK(2 * i - 1);
            if (MiniDict_SetItem(d, k, v) < 0) { Mini_DECREF(d); goto error; }
        }
        for (uint32_t i = 0; i < 2 * oparg; i++) { MiniObject *x = POP(); Mini_DECREF(x); }
        PUSH(d);
        DISPATCH();
    }

    TARGET(BUILD_CONST_KEY_MAP) {
        MiniObject *keys = TOP(), *d = MiniDict_New();
        if (d == NULL) goto error;
        for (uint32_t i = 0; i < oparg; i++) {
            if (MiniDict_SetItem(d, MiniTuple_GET_ITEM(keys, i), PEEK(1 + (int)oparg - (int)i)) < 0) {
                Mini_DECREF(d);
                goto error;
            }
        }
        for (uint32_t i = 0; i < oparg + 1; i++) { MiniObject *x = POP(); Mini_DECREF(x); }
        PUSH(d);
        DISPATCH();
    }

    TARGET(BUILD_STRING) {
        MiniObject *s = build_string(sp - oparg, oparg);
        if (s == NULL) goto error;
        for (uint32_t i = 0; i < oparg; i++) { MiniObject *x = POP(); Mini_DECREF(x); }
        PUSH(s);
        DISPATCH();
    }

    TARGET(LIST_APPEND) {
        MiniObject *v = POP();
        int err = MiniList_Append(PEEK(oparg), v);
        Mini_DECREF(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(SET_ADD) {
        MiniObject *v = POP();
        int err = MiniSet_Add(PEEK(oparg), v);
        Mini_DECREF(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(MAP_ADD) {
        MiniObject *v = POP(), *k = POP();
        int err = MiniDict_SetItem(PEEK(oparg), k, v);
        Mini_DECREF(v);
        Mini_DECREF(k);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(LIST_EXTEND) {
        MiniObject *iterable = POP();
        int err = list_extend(PEEK(oparg), iterable);
        Mini_DECREF(iterable);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(SET_UPDATE) {
        MiniObject *iterable = POP(), *set = PEEK(oparg);
        MiniObject *r = MiniObject_CallMethodObjArgs(set, "update", iterable, NULL);
        Mini_DECREF(iterable);
        if (r == NULL) goto error;
        Mini_DECREF(r);
        DISPATCH();
    }

    TARGET(DICT_UPDATE) {
        MiniObject *update = POP(), *d = PEEK(oparg);
        int err;
        if (!MiniDict_Check(update)) {
            MiniErr_Format(LOOP_EXC(TypeError), "'%.200s' object is not a mapping", Mini_TYPE(update)->tp_name);
            err = -1;
        } else {
            err = MiniDict_Update(d, update);
        }
        Mini_DECREF(update);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DICT_MERGE) {
        MiniObject *update = POP(), *d = PEEK(oparg), *callable = PEEK(oparg + 2);
        int err = dict_merge(callable, d, update);
        Mini_DECREF(update);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(LIST_TO_TUPLE) {
        MiniObject *l = TOP(), *t = MiniList_AsTuple(l);
        Mini_DECREF(l);
        SET_TOP(t);
        if (t == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(FORMAT_VALUE) {
        MiniObject *spec = (oparg & MINI_FVS_HAVE_SPEC) ? POP() : NULL;
        MiniObject *value = TOP();
        MiniObject *res = format_value(value, spec, (int)(oparg & 3));
        SET_TOP(res);
        if (res == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(JUMP_FORWARD) {
        JUMPTO(oparg);
        DISPATCH();
    }

    TARGET(JUMP_BACKWARD) {
        POLL_POINT();
        JUMPTO(oparg);
        DISPATCH();
    }

#if MINI_EVAL_FT
/* Free-threaded: True and False are immortal, so only another object's reference is dropped. */
#define POP_JUMP_IF(want_true, backward) do { \
        MiniObject *cond = POP(); \
        int t_; \
        if (cond == Mini_True) t_ = 1; \
        else if (cond == Mini_False) t_ = 0; \
        else { \
            t_ = MiniObject_IsTrue(cond); \
            Mini_DECREF(cond); \
            if (t_ < 0) goto error; \
        } \
        if (t_ == (want_true)) { if (backward) POLL_POINT(); JUMPTO(oparg); } \
        DISPATCH(); \
    } while (0)
#else
#define POP_JUMP_IF(want_true, backward) do { \
        MiniObject *cond = POP(); \
        int t_; \
        if (cond == Mini_True) t_ = 1; \
        else if (cond == Mini_False) t_ = 0; \
        else { \
            t_ = MiniObject_IsTrue(cond); \
            if (t_ < 0) { Mini_DECREF(cond); goto error; } \
        } \
        Mini_DECREF(cond); \
        if (t_ == (want_true)) { if (backward) POLL_POINT(); JUMPTO(oparg); } \
        DISPATCH(); \
    } while (0)
#endif

    TARGET(POP_JUMP_IF_FALSE) { POP_JUMP_IF(0, 0); }
    TARGET(POP_JUMP_IF_TRUE) { POP_JUMP_IF(1, 0); }
    TARGET(POP_JUMP_BACKWARD_IF_FALSE) { POP_JUMP_IF(0, 1); }
    TARGET(POP_JUMP_BACKWARD_IF_TRUE) { POP_JUMP_IF(1, 1); }
#undef POP_JUMP_IF

    TARGET(POP_JUMP_IF_NONE) {
        MiniObject *v = POP();
        if (v == Mini_None) { JUMPTO(oparg); DROP_IMMORTAL(v); }
        else Mini_DECREF(v);
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_NOT_NONE) {
        MiniObject *v = POP();
        if (v != Mini_None) { JUMPTO(oparg); Mini_DECREF(v); }
        else DROP_IMMORTAL(v);
        DISPATCH();
    }

    TARGET(JUMP_IF_FALSE_OR_POP) {
        MiniObject *cond = TOP();
        int t = cond == Mini_True ? 1 : cond == Mini_False ? 0 : MiniObject_IsTrue(cond);
        if (t < 0) goto error;
        if (!t) { JUMPTO(oparg); DISPATCH(); }
        STACK_SHRINK(1);
        Mini_DECREF(cond);
        DISPATCH();
    }

    TARGET(JUMP_IF_TRUE_OR_POP) {
        MiniObject *cond = TOP();
        int t = cond == Mini_True ? 1 : cond == Mini_False ? 0 : MiniObject_IsTrue(cond);
        if (t < 0) goto error;
        if (t) { JUMPTO(oparg); DISPATCH(); }
        STACK_SHRINK(1);
        Mini_DECREF(cond);
        DISPATCH();
    }

    TARGET(GET_ITER) {
        MiniObject *iterable = TOP(), *it = MiniObject_GetIter(iterable);
        Mini_DECREF(iterable);
        SET_TOP(it);
        if (it == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(FOR_ITER) {
        /* The next item; when the loop stores it straight into a local (FOR_ITER, STORE_FAST),
         * the store is done here, and a range's int is written into the local's old int when
         * nothing else references that one. */
        MiniObject *it = TOP(), *next;
        MiniTypeObject *itt = Mini_TYPE(it);
        uint32_t nw = *ip;
        int store = (nw & 0xFF) == MINI_OP_STORE_FAST;
        if (itt == &MiniVMRangeIter_Type) {
            MiniVMRangeIter *r = (MiniVMRangeIter *)it;
            if (r->remaining > 0) {
                int64_t v = r->next;
                r->next += r->step;
                r->remaining--;
                if (store) {
                    MiniObject *cur = GETLOCAL(nw >> 8);
                    ip++;
                    if (cur != NULL && REFCNT_IS(cur, 1) && is_compact_int(cur) && !IS_SMALL_INT(v) &&
                        !IS_SMALL_INT(compact_value(cur))) {
                        ((MiniLongObject *)cur)->ob_ival = v;
                        DISPATCH();
                    }
                    next = MAKE_INT(v);
                    if (next == NULL) goto error;
                    SETLOCAL(nw >> 8, next);
                    DISPATCH();
                }
                next = MAKE_INT(v);
                if (next == NULL) goto error;
                PUSH(next);
                DISPATCH();
            }
        }
#if MINI_EVAL_FT
        /* Free-threaded, a list's step under its lock alone (ft-speed; ceval.c). */
        else if (itt == &_MiniSeqIter_Type && (list_iter_next_leaf(it, &next) || tuple_iter_next_ft(it, &next)))
            goto for_iter_next;
#endif
        else {
            if (itt == &MiniGen_Type && _MiniVM_Specialize && _MiniGen_CanRunInline((MiniGenObject *)it, ts->exc_info))
                ENTER_GEN_INLINE((MiniGenObject *)it);
#if !MINI_EVAL_FT
            /* An exact list or tuple under the GIL (no critical sections): the item is read in
             * place, as the iterator's tp_iternext would (the length is read each step, so a
             * list that grows or shrinks meanwhile is followed the same way). */
            if (itt == &_MiniSeqIter_Type && !_Mini_CriticalSectionsOn) {
                MiniSeqIterObject *si = (MiniSeqIterObject *)it;
                MiniObject *seq = si->seq;
                if (seq != NULL && (Mini_TYPE(seq) == &MiniList_Type || Mini_TYPE(seq) == &MiniTuple_Type)) {
                    Mini_ssize_t i = si->index;
                    if (i < Mini_SIZE(seq)) {
                        next = Mini_TYPE(seq) == &MiniList_Type ? ((MiniListObject *)seq)->ob_item[i]
                                                                : MiniTuple_GET_ITEM(seq, i);
                        Mini_INCREF(next);
                        si->index = i + 1;
                        goto for_iter_next;
                    }
                    si->seq = NULL;
                    Mini_DECREF(seq);
                    goto for_iter_done;
                }
            }
#endif
            next = itt->tp_iternext(it);
            if (next != NULL) {
            for_iter_next:   /* also from the in-place list steps above */
                if (store) {
                    ip++;
                    SETLOCAL(nw >> 8, next);
                    DISPATCH();
                }
                PUSH(next);
                DISPATCH();
            }
            if (MiniErr_Occurred()) {
                if (!MiniErr_ExceptionMatches(LOOP_EXC(StopIteration))) goto error;
                MiniErr_Clear();
            }
        }
    for_iter_done: __attribute__((unused));   /* from the in-place list steps above */
        STACK_SHRINK(1);
        Mini_DECREF(it);
        JUMPTO(oparg);
        DISPATCH();
    }

    TARGET(KW_NAMES) {
        kwnames = consts[oparg];
        DISPATCH();
    }

    TARGET(CALL) {
        int is_meth = PEEK(oparg + 2) != NULL;
        Mini_ssize_t total = (Mini_ssize_t)oparg + is_meth;
        MiniObject *callable = PEEK(total + 1);
        if (!is_meth && Mini_TYPE(callable) == &MiniMethod_Type) {
            MiniMethodObject *m = (MiniMethodObject *)callable;
            PEEK(oparg + 1) = Mini_NewRef(m->im_self);
            PEEK(oparg + 2) = Mini_NewRef(m->im_func);
            Mini_DECREF(callable);
            is_meth = 1;
            total++;
            callable = PEEK(total + 1);
        }
        MiniObject **args = sp - total;
        Mini_ssize_t npos = total - (kwnames ? MiniTuple_GET_SIZE(kwnames) : 0);
        if (Mini_TYPE(callable) == &MiniFunction_Type) {
            MiniFunctionObject *func = (MiniFunctionObject *)callable;
            MiniCodeObject *fco = (MiniCodeObject *)func->func_code;
            if (MINI_LIKELY(!(fco->co_flags & MINI_CO_GENLIKE))) {
                if (MINI_UNLIKELY(ts->depth >= _MiniVM_RecursionLimit)) {
                    MiniErr_SetString(LOOP_EXC(RecursionError), "maximum recursion depth exceeded");
                    kwnames = NULL;
                    goto error;
                }
                MiniFrame *nf = _MiniVM_PushFrameFast(ts, fco);
                if (nf == NULL) { kwnames = NULL; goto error; }
                MiniObject *names_ = kwnames;
                kwnames = NULL;
                /* The frame takes the callable's reference; the arguments are stolen. */
                nf->f_func = callable;
                nf->f_globals = func->func_globals;
                nf->f_builtins = _MiniVM_BuiltinsDict;
                sp -= (Mini_ssize_t)oparg + 2;
                SAVE_FRAME();
                if (names_ == NULL && npos == fco->co_argcount && fco->co_kwonlyargcount == 0 &&
                    !(fco->co_flags & (MINI_CO_VARARGS | MINI_CO_VARKEYWORDS))) {
                    for (Mini_ssize_t i = 0; i < npos; i++) nf->localsplus[i] = args[i];
                } else if (_MiniVM_BindArgs(func, nf->localsplus, args, npos, names_) < 0) {
                    _MiniVM_PopFrame(ts, nf);
                    goto error;
                }
                nf->f_back = frame;
                frame = nf;
                ts->frame = frame;
                ts->depth++;
                LOAD_FRAME();
                DISPATCH();
            }
            /* A generator (coroutine, async generator) function: the call creates the object.
             * The frame's position is saved so a warning about it (a coroutine never awaited)
             * names this line. */
            frame->f_ip = ip;
            MiniGenObject *gen = _MiniGen_New(func);
            MiniObject *names_ = kwnames;
            kwnames = NULL;
            if (gen == NULL) goto error;
            sp -= (Mini_ssize_t)oparg + 2;
            int bind = _MiniVM_BindArgs(func, gen->gi_frame.localsplus, args, npos, names_);
            Mini_DECREF(callable);
            if (bind < 0) { Mini_DECREF(gen); goto error; }
            PUSH((MiniObject *)gen);
            DISPATCH();
        }
        if (!is_meth && Mini_TYPE(callable) == &MiniType_Type) {
            /* `C(...)` for a plain Python class (vmclass.c, _MiniVM_InlineInit): the instance is
             * made here, takes the call's result slot at once, and its __init__ runs in this
             * activation as self's first call; RETURN_VALUE of that frame (f_init) checks the
             * None and leaves the instance as the result. */
            MiniObject *init = _MiniVM_InlineInit((MiniTypeObject *)callable);
            if (init != NULL) {
                MiniFunctionObject *func = (MiniFunctionObject *)init;
                MiniCodeObject *fco = (MiniCodeObject *)func->func_code;
                if (MINI_UNLIKELY(ts->depth >= _MiniVM_RecursionLimit)) {
                    MiniErr_SetString(LOOP_EXC(RecursionError), "maximum recursion depth exceeded");
                    kwnames = NULL;
                    goto error;
                }
                MiniObject *self = _MiniVM_NewPlainInstance((MiniTypeObject *)callable);
                if (self == NULL) { kwnames = NULL; goto error; }
                MiniFrame *nf = _MiniVM_PushFrameFast(ts, fco);
                if (nf == NULL) { Mini_DECREF(self); kwnames = NULL; goto error; }
                MiniObject *names_ = kwnames;
                kwnames = NULL;
                nf->f_func = Mini_NewRef(init);
                nf->f_globals = func->func_globals;
                nf->f_builtins = _MiniVM_BuiltinsDict;
                nf->f_init = MINI_FRAME_INIT;
                /* The stack was [NULL, class, args...]: it becomes [instance] for the caller and
                 * [instance, args...] as __init__'s arguments (stolen by the frame). */
                MiniObject **slot = sp - (Mini_ssize_t)oparg - 2;
                slot[0] = self;
                slot[1] = Mini_NewRef(self);
                Mini_DECREF(callable);
                sp = slot + 1;
                SAVE_FRAME();
                if (names_ == NULL && npos + 1 == fco->co_argcount && fco->co_kwonlyargcount == 0 &&
                    !(fco->co_flags & (MINI_CO_VARARGS | MINI_CO_VARKEYWORDS))) {
                    for (Mini_ssize_t i = 0; i <= npos; i++) nf->localsplus[i] = slot[1 + i];
                } else if (_MiniVM_BindArgs(func, nf->localsplus, slot + 1, npos + 1, names_) < 0) {
                    _MiniVM_PopFrame(ts, nf);
                    goto error;
                }
                nf->f_back = frame;
                frame = nf;
                ts->frame = frame;
                ts->depth++;
                LOAD_FRAME();
                DISPATCH();
            }
        }
        if (Mini_TYPE(callable) == &MiniVMBuiltin_Type &&
            ((MiniVMBuiltinObject *)callable)->fn == _MiniVM_BuiltinSum && oparg == 1 && !is_meth &&
            kwnames == NULL && Mini_TYPE(TOP()) == &MiniGen_Type && _MiniVM_Specialize &&
            ts->depth < _MiniVM_RecursionLimit && _MiniGen_CanRunInline((MiniGenObject *)TOP(), ts->exc_info)) {
            /* sum(generator) (loop, issue 11): the generator runs in this activation and each value
             * it yields is added where sum's C loop would add it (YIELD_VALUE, MINI_FRAME_SUM), with
             * no resume through gen_iternext per item. The stack [NULL, sum, gen] becomes
             * [NULL, 0, gen]: the middle slot is the running total; the generator's end leaves the
             * total as the call's result (RETURN_VALUE), an error in it unwinds the three slots. */
            PEEK(2) = small_int(0);
            Mini_DECREF(callable);
            ((MiniGenObject *)TOP())->gi_frame.f_init = MINI_FRAME_SUM;
            ENTER_GEN_INLINE((MiniGenObject *)TOP());
        }
        {
            RT_FLUSH();
            MiniObject *res = _MiniVM_Call(callable, args, npos, kwnames);
            kwnames = NULL;
            for (Mini_ssize_t i = 0; i < (Mini_ssize_t)oparg + 2; i++) {
                MiniObject *x = POP();
                Mini_XDECREF(x);
            }
            if (res == NULL) goto error;
            PUSH(res);
            POLL_POINT();
            DISPATCH();
        }
    }

    TARGET(CALL_FUNCTION_EX) {
        MiniObject *kwargs = (oparg & 1) ? POP() : NULL;
        MiniObject *callargs = POP(), *func = POP(), *null = POP(), *res = NULL;
        Mini_XDECREF(null);
        if (!MiniTuple_CheckExact(callargs)) {
            MiniObject *l = MiniList_New(0);
            if (l != NULL && list_extend(l, callargs) == 0) {
                MiniObject *t = MiniList_AsTuple(l);
                Mini_DECREF(callargs);
                callargs = t;
            } else if (MiniErr_ExceptionMatches(LOOP_EXC(TypeError))) {
                MiniErr_Clear();
                MiniErr_Format(LOOP_EXC(TypeError), "%S argument after * must be an iterable, not %.200s",
                               func, Mini_TYPE(callargs)->tp_name);
                Mini_DECREF(callargs);
                callargs = NULL;
            } else {
                Mini_DECREF(callargs);
                callargs = NULL;
            }
            Mini_XDECREF(l);
        }
        RT_FLUSH();
        if (callargs != NULL) {
            if (kwargs == NULL || MiniDict_Size(kwargs) == 0) {
                res = _MiniVM_Call(func, &MiniTuple_GET_ITEM(callargs, 0), MiniTuple_GET_SIZE(callargs), NULL);
            } else {
                res = MiniObject_Call(func, callargs, kwargs);
            }
        }
        Mini_XDECREF(callargs);
        Mini_XDECREF(kwargs);
        Mini_DECREF(func);
        if (res == NULL) goto error;
        PUSH(res);
        POLL_POINT();
        DISPATCH();
    }

    TARGET(MAKE_FUNCTION) {
        MiniObject *code = POP();
        MiniFunctionObject *f = (MiniFunctionObject *)make_function(code, frame->f_globals);
        Mini_DECREF(code);
        if (f == NULL) goto error;
        if (oparg & MINI_MF_CLOSURE) f->func_closure = POP();
        if (oparg & MINI_MF_ANNOTATIONS) { MiniObject *a = POP(); Mini_DECREF(a); }
        if (oparg & MINI_MF_KWDEFAULTS) f->func_kwdefaults = POP();
        if (oparg & MINI_MF_DEFAULTS) f->func_defaults = POP();
        PUSH((MiniObject *)f);
        DISPATCH();
    }

    TARGET(RETURN_VALUE) {
        MiniObject *retval = POP();
        ts->depth--;
        if (frame == entry_frame) {
            RT_FLUSH();
            frame->f_sp = sp;
            ts->frame = frame->f_back;
            ts->yielded = 0;
            if (frame->f_owner == MINI_FRAME_OWNED_BY_THREAD) _MiniVM_PopFrame(ts, frame);
            else _MiniFrame_Clear(frame);
            return retval;
        }
        if (frame->f_owner == MINI_FRAME_OWNED_BY_GENERATOR) {
            /* An inline generator frame returned: the caller's SEND ends its yield-from with the
             * value, or its FOR_ITER ends the loop. */
            MiniGenObject *gen = (MiniGenObject *)frame->f_gen;
            int summing = frame->f_init == MINI_FRAME_SUM;
            frame->f_init = 0;
            frame->f_sp = sp;
            frame = frame->f_back;
            ts->frame = frame;
            _MiniGen_InlineEnded(ts, gen, 0);
            LOAD_FRAME();
            uint32_t w = ip[-1];
            MiniObject *receiver = POP();
            Mini_DECREF(receiver);
            if (summing) {
                /* sum(generator) is done: [NULL, total] becomes [total]; the check point of a
                 * CALL that returned from C follows. */
                Mini_DECREF(retval);
                MiniObject *total = POP();
                STACK_SHRINK(1);
                PUSH(total);
                POLL_POINT();
                DISPATCH();
            }
            if ((w & 0xFF) == MINI_OP_SEND) PUSH(retval);
            else Mini_DECREF(retval);
            JUMPTO(w >> 8);
            DISPATCH();
        }
        /* Back to the caller in this activation: drop the frame's references, pop it. */
        MiniFrame *caller = frame->f_back;
        int was_init = frame->f_init;
        for (MiniObject **p = localsplus; p < sp; p++) Mini_XDECREF(*p);
        if (frame->f_locals != NULL) Mini_DECREF(frame->f_locals);
        Mini_DECREF(frame->f_func);
        ts->chunk->top = (char *)frame;
        if (MINI_UNLIKELY(ts->chunk->top == ts->chunk->data)) _MiniVM_ReleaseChunk(ts);
        frame = caller;
        ts->frame = frame;
        LOAD_FRAME();
        if (MINI_UNLIKELY(was_init)) {
            /* A __setitem__ run in place by STORE_SUBSCR: the store has no result. */
            if (was_init == MINI_FRAME_DISCARD) { Mini_DECREF(retval); DISPATCH(); }
            /* An __init__ CALL ran in place: the instance is already the caller's result. */
            if (retval != Mini_None) {
                MiniErr_Format(LOOP_EXC(TypeError), "__init__() should return None, not '%.200s'",
                               Mini_TYPE(retval)->tp_name);
                Mini_DECREF(retval);
                goto error;
            }
            Mini_DECREF(retval);
            DISPATCH();
        }
        PUSH(retval);
        DISPATCH();
    }

/* sum()'s step in place (YIELD_VALUE of a generator run by CALL of sum): *tp = *tp + v when both
 * are floats, a float and an int that fits 64 bits, or two such ints whose sum fits, the results
 * sum's C loop and the generic addition give; the total is updated in place when only the stack
 * holds it. Consumes v's reference and sets ok_ to 1; otherwise changes nothing (ok_ 0). */
#define SUM_STEP(tp, v, ok_) do { \
        MiniObject *t_ = *(tp), *n_; \
        (ok_) = 0; \
        if (Mini_TYPE(t_) == &MiniFloat_Type) { \
            double b_; \
            if (Mini_TYPE(v) == &MiniFloat_Type) b_ = MiniFloat_AS_DOUBLE(v); \
            else if (is_compact_int(v)) b_ = (double)compact_value(v); \
            else break; \
            double r_ = MiniFloat_AS_DOUBLE(t_) + b_; \
            if (Mini_REFCNT(t_) == 1) { ((MiniFloatObject *)t_)->ob_fval = r_; Mini_DECREF(v); (ok_) = 1; break; } \
            if ((n_ = _MiniVM_NewFloat(r_)) == NULL) { MiniErr_Clear(); break; } \
        } else if (is_compact_int(t_) && Mini_TYPE(v) == &MiniFloat_Type) { \
            double r_ = (double)compact_value(t_) + MiniFloat_AS_DOUBLE(v); \
            if (Mini_REFCNT(v) == 1) { ((MiniFloatObject *)v)->ob_fval = r_; *(tp) = v; Mini_DECREF(t_); (ok_) = 1; break; } \
            if ((n_ = _MiniVM_NewFloat(r_)) == NULL) { MiniErr_Clear(); break; } \
        } else if (is_compact_int(t_) && is_compact_int(v)) { \
            int64_t r_; \
            if (__builtin_add_overflow(compact_value(t_), compact_value(v), &r_)) break; \
            if (IS_SMALL_INT(r_)) n_ = small_int(r_); \
            else if (Mini_REFCNT(t_) == 1 && !IS_SMALL_INT(compact_value(t_))) { \
                ((MiniLongObject *)t_)->ob_ival = r_; Mini_DECREF(v); (ok_) = 1; break; } \
            else if ((n_ = make_int(r_)) == NULL) { MiniErr_Clear(); break; } \
        } else break; \
        /* n_ is a new reference: it replaces the total */ \
        Mini_DECREF(v); \
        *(tp) = n_; \
        Mini_DECREF(t_); \
        (ok_) = 1; \
    } while (0)

    TARGET(YIELD_VALUE) {
        MiniObject *retval = POP();
        if (frame != entry_frame) {
            if (frame->f_init == MINI_FRAME_SUM) {
                /* Run inline by sum() (CALL): an int or float value is added to the total in the
                 * caller's stack here and the generator goes on, past its RESUME/POP_TOP when
                 * nothing is pending (as gen_iternext resumes it), else through them. */
                int added;
                SUM_STEP(&frame->f_back->f_sp[-2], retval, added);
                if (added) {
                    if (ip[0] == MiniVM_MakeInstr(MINI_OP_RESUME, 1) && (ip[1] & 0xFF) == MINI_OP_POP_TOP &&
                        !MiniEval_BreakerPending()) ip += 2;
                    else PUSH(Mini_NewRef(Mini_None));
                    DISPATCH();
                }
            }
            /* A generator frame run inline (ENTER_GEN_INLINE): suspend it and give the value to
             * the SEND or FOR_ITER that resumed it. An exception it is handling stays its own. */
            MiniGenObject *gen = (MiniGenObject *)frame->f_gen;
            int summing = frame->f_init == MINI_FRAME_SUM;
            frame->f_init = 0;
            SAVE_FRAME();
            ts->depth--;
            gen->gi_state = MINI_GEN_SUSPENDED;
            if (MINI_UNLIKELY(ts->exc_info != NULL)) { gen->gi_exc = ts->exc_info; ts->exc_info = NULL; }
            frame = frame->f_back;
            ts->frame = frame;
            LOAD_FRAME();
            if (MINI_UNLIKELY(summing)) {
                /* sum() met a value that is neither int nor float: the rest is its generic
                 * addition, resuming the generator from C ([NULL, total, gen] -> [result]). */
                MiniObject *total = PEEK(2);
                PEEK(2) = NULL;
                RT_FLUSH();
                MiniObject *res = _MiniVM_SumRest(total, retval, TOP());
                MiniObject *g = POP();
                Mini_DECREF(g);
                STACK_SHRINK(2);
                if (res == NULL) goto error;
                PUSH(res);
                POLL_POINT();
                DISPATCH();
            }
            PUSH(retval);
            DISPATCH();
        }
        RT_FLUSH();
        SAVE_FRAME();
        ts->depth--;
        ts->frame = frame->f_back;
        ts->yielded = 1;
        return retval;
    }

    TARGET(GET_YIELD_FROM_ITER) {
        MiniObject *iterable = TOP();
        if (Mini_TYPE(iterable) != &MiniGen_Type) {
            if (Mini_TYPE(iterable) == &MiniCoro_Type && !(co->co_flags & MINI_CO_ITERABLE_COROUTINE)) {
                MiniErr_SetString(LOOP_EXC(TypeError), "cannot 'yield from' a coroutine object in a non-coroutine generator");
                goto error;
            }
            MiniObject *it = MiniObject_GetIter(iterable);
            Mini_DECREF(iterable);
            SET_TOP(it);
            if (it == NULL) { STACK_SHRINK(1); goto error; }
        }
        DISPATCH();
    }

    TARGET(SEND) {
        if (TOP() == Mini_None && (Mini_TYPE(SECOND()) == &MiniGen_Type || Mini_TYPE(SECOND()) == &MiniCoro_Type) &&
            _MiniVM_Specialize && _MiniGen_CanRunInline((MiniGenObject *)SECOND(), ts->exc_info)) {
            STACK_SHRINK(1);   /* the None: ENTER_GEN_INLINE sends its own */
            Mini_DECREF(Mini_None);
            ENTER_GEN_INLINE((MiniGenObject *)TOP());
        }
        MiniObject *v = POP(), *receiver = TOP(), *res = NULL;
        int status;   /* 0 yielded, 1 returned, -1 error */
        /* A generator sent None (every step of `yield from gen` but the first send) goes the
         * way of next(): its tp_iternext resumes it without the send() bookkeeping, and its end
         * comes back as a StopIteration carrying the value (or no exception for None). */
        if (Mini_TYPE(receiver) == &MiniCoro_Type || (Mini_TYPE(receiver) == &MiniGen_Type && v != Mini_None)) {
            status = _MiniGen_Send((MiniGenObject *)receiver, v, &res);
        } else if (Mini_TYPE(receiver) == &MiniAsyncGenASend_Type) {
            /* `async for` / `await anext()`: the item comes back without a StopIteration. */
            status = _MiniAsyncGen_ASendStep(receiver, v, &res);
        } else {
            if (v == Mini_None) res = Mini_TYPE(receiver)->tp_iternext(receiver);
            else res = MiniObject_CallMethodObjArgs(receiver, "send", v, NULL);
            status = 0;
            if (res == NULL) {
                status = -1;
                if (!MiniErr_Occurred()) {
                    status = 1;
                    res = Mini_NewRef(Mini_None);
                } else if (MiniErr_ExceptionMatches(LOOP_EXC(StopIteration))) {
                    MiniObject *e = take_exception();
                    res = MiniObject_GetAttrString(e, "value");
                    Mini_DECREF(e);
                    status = res ? 1 : -1;
                }
            }
        }
        Mini_DECREF(v);
        if (status < 0) goto error;
        if (status == 1) {
            STACK_SHRINK(1);
            Mini_DECREF(receiver);
            PUSH(res);
            JUMPTO(oparg);
            DISPATCH();
        }
        PUSH(res);
        DISPATCH();
    }

    TARGET(RAISE_VARARGS) {
        MiniObject *cause = NULL, *exc = NULL;
        if (oparg == 2) cause = POP();
        if (oparg >= 1) exc = POP();
        if (do_raise(ts, exc, cause)) goto exception_unwind;
        goto error;
    }

    TARGET(RERAISE) {
        MiniObject *exc = POP();
        if (oparg) {
            /* The lasti saved below the exception: tracebacks keep the original line. */
        }
        restore_exception(exc);
        goto exception_unwind;
    }

    TARGET(PUSH_EXC_INFO) {
        MiniObject *value = TOP(), *prev = ts->exc_info;
        SET_TOP(prev != NULL ? prev : Mini_NewRef(Mini_None));
        ts->exc_info = Mini_NewRef(value);
        PUSH(value);
        DISPATCH();
    }

    TARGET(POP_EXCEPT) {
        MiniObject *prev = POP(), *old = ts->exc_info;
        if (prev == Mini_None) { Mini_DECREF(prev); prev = NULL; }
        ts->exc_info = prev;
        Mini_XDECREF(old);
        DISPATCH();
    }

    TARGET(CHECK_EXC_MATCH) {
        MiniObject *right = POP(), *left = TOP();
        if (check_except_type(right) < 0) { Mini_DECREF(right); goto error; }
        int r = MiniErr_GivenExceptionMatches(left, right);
        Mini_DECREF(right);
        PUSH(Mini_NewRef(BOOL_OBJ(r)));
        DISPATCH();
    }

    /* except*: [exc, type] -> [rest, match] (the match becomes the handled exception), or
     * [exc, None] when nothing matches. */
    TARGET(CHECK_EG_MATCH) {
        MiniObject *type = POP(), *exc = TOP(), *rest;
        if (check_except_star_type(type) < 0) { Mini_DECREF(type); goto error; }
        MiniObject *match = _MiniExcGroup_Match(exc, type, &rest);
        Mini_DECREF(type);
        if (match == NULL) goto error;
        if (match == Mini_None) {
            Mini_XDECREF(rest);
            PUSH(match);
            DISPATCH();
        }
        SET_TOP(rest != NULL ? rest : Mini_NewRef(Mini_None));
        Mini_DECREF(exc);
        PUSH(match);
        MiniObject *handled = ts->exc_info;
        ts->exc_info = Mini_NewRef(match);
        Mini_XDECREF(handled);
        DISPATCH();
    }

    /* After the last except* clause: [orig, list of raised and rest] -> [what to raise or None]. */
    TARGET(PREP_RERAISE_STAR) {
        MiniObject *excs = POP(), *orig = TOP();
        MiniObject *val = _MiniExcGroup_PrepReraise(orig, excs);
        Mini_DECREF(excs);
        if (val == NULL) goto error;
        SET_TOP(val);
        Mini_DECREF(orig);
        DISPATCH();
    }

    TARGET(BEFORE_WITH) {
        MiniObject *mgr = TOP();
        MiniObject *enter = lookup_special(mgr, _MiniVM_Str.__enter__), *exit, *res;
        if (enter == NULL) {
            if (!MiniErr_Occurred())
                MiniErr_Format(LOOP_EXC(TypeError), "'%.200s' object does not support the context manager protocol",
                               Mini_TYPE(mgr)->tp_name);
            goto error;
        }
        exit = lookup_special(mgr, _MiniVM_Str.__exit__);
        if (exit == NULL) {
            if (!MiniErr_Occurred())
                MiniErr_Format(LOOP_EXC(TypeError), "'%.200s' object does not support the context manager protocol "
                               "(missed __exit__ method)", Mini_TYPE(mgr)->tp_name);
            Mini_DECREF(enter);
            goto error;
        }
        SET_TOP(exit);
        Mini_DECREF(mgr);
        res = _MiniVM_Call(enter, NULL, 0, NULL);
        Mini_DECREF(enter);
        if (res == NULL) goto error;
        PUSH(res);
        DISPATCH();
    }

    TARGET(WITH_EXCEPT_START) {
        MiniObject *val = TOP(), *exit_func = PEEK(4);
        MiniObject *tb = ((MiniBaseExceptionObject *)val)->traceback;
        MiniObject *args[3] = { (MiniObject *)Mini_TYPE(val), val, tb ? tb : Mini_None };
        MiniObject *res = _MiniVM_Call(exit_func, args, 3, NULL);
        if (res == NULL) goto error;
        PUSH(res);
        DISPATCH();
    }

    TARGET(IMPORT_NAME) {
        MiniObject *fromlist = POP(), *level = TOP();
        long lv = MiniLong_Check(level) ? MiniLong_AsLong(level) : 0;
        MiniObject *res = _MiniVM_ImportName(names[oparg], fromlist, lv, frame->f_globals);
        Mini_DECREF(level);
        Mini_DECREF(fromlist);
        SET_TOP(res);
        if (res == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(IMPORT_FROM) {
        MiniObject *res = import_from(TOP(), names[oparg]);
        if (res == NULL) goto error;
        PUSH(res);
        DISPATCH();
    }

    TARGET(IMPORT_STAR) {
        MiniObject *from = POP();
        int err = frame->f_locals ? import_all_from(frame->f_locals, from) : -1;
        if (frame->f_locals == NULL) MiniErr_SetString(LOOP_EXC(SystemError), "no locals found during 'import *'");
        Mini_DECREF(from);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(UNPACK_SEQUENCE) {
        MiniObject *seq = POP();
#if MINI_EVAL_FT
        /* Free-threaded, a list is copied out under its lock alone (ft-speed; ceval.c). */
        if (Mini_TYPE(seq) == &MiniList_Type && list_unpack_leaf(seq, oparg, sp)) {
            sp += oparg;
            Mini_DECREF(seq);
            DISPATCH();
        }
#endif
        /* A list is read in place only under the GIL (free-threaded: through its iterator, which
         * takes the list's critical section per item; ft-objects). */
        if ((Mini_TYPE(seq) == &MiniTuple_Type ||
             (Mini_TYPE(seq) == &MiniList_Type && MINI_LIKELY(!_Mini_CriticalSectionsOn))) &&
            Mini_SIZE(seq) == (Mini_ssize_t)oparg) {
            MiniObject **items = Mini_TYPE(seq) == &MiniTuple_Type ? ((MiniTupleObject *)seq)->ob_item
                                                                   : ((MiniListObject *)seq)->ob_item;
            for (uint32_t i = oparg; i > 0; i--) PUSH(Mini_NewRef(items[i - 1]));
        } else {
            if (unpack_iterable(seq, (int)oparg, -1, sp + oparg) < 0) { Mini_DECREF(seq); goto error; }
            sp += oparg;
        }
        Mini_DECREF(seq);
        DISPATCH();
    }

    TARGET(UNPACK_EX) {
        int before = (int)(oparg & 0xFF), after = (int)(oparg >> 8);
        MiniObject *seq = POP();
        if (unpack_iterable(seq, before, after, sp + before + after + 1) < 0) { Mini_DECREF(seq); goto error; }
        sp += before + after + 1;
        Mini_DECREF(seq);
        DISPATCH();
    }

    TARGET(LOAD_BUILD_CLASS) {
        MiniObject *bc = MiniDict_GetItemWithError(frame->f_builtins, _MiniVM_Str.__build_class__);
        if (bc == NULL) {
            if (!MiniErr_Occurred()) MiniErr_SetString(LOOP_EXC(NameError), "__build_class__ not found");
            goto error;
        }
        PUSH(Mini_NewRef(bc));
        DISPATCH();
    }

    TARGET(LOAD_ASSERTION_ERROR) {
        PUSH(Mini_NewRef(LOOP_EXC(AssertionError)));
        DISPATCH();
    }

    /* ----- lang-async (issue 10): coroutines, async iteration, match statements --------------- */

    TARGET(GET_AWAITABLE) {
        MiniObject *o = TOP();
        MiniObject *it = _MiniVM_GetAwaitable(o, (int)oparg);
        Mini_DECREF(o);
        SET_TOP(it);
        if (it == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(GET_AITER) {
        MiniObject *o = TOP();
        MiniObject *it = _MiniVM_GetAIter(o);
        Mini_DECREF(o);
        SET_TOP(it);
        if (it == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(GET_ANEXT) {
        MiniObject *aw = _MiniVM_GetANext(TOP());
        if (aw == NULL) goto error;
        PUSH(aw);
        DISPATCH();
    }

    TARGET(BEFORE_ASYNC_WITH) {
        MiniObject *mgr = TOP(), *exit;
        MiniObject *res = _MiniVM_BeforeAsyncWith(mgr, &exit);
        if (res == NULL) goto error;
        SET_TOP(exit);
        Mini_DECREF(mgr);
        PUSH(res);
        DISPATCH();
    }

    TARGET(END_ASYNC_FOR) {
        /* The handler of an `async for`: StopAsyncIteration ends the loop, anything else goes on. */
        MiniObject *exc = POP();
        if (MiniErr_GivenExceptionMatches(exc, LOOP_EXC(StopAsyncIteration))) {
            MiniObject *aiter = POP();
            Mini_DECREF(exc);
            Mini_DECREF(aiter);
            DISPATCH();
        }
        restore_exception(exc);
        goto exception_unwind;
    }

    TARGET(ASYNC_GEN_WRAP) {
        MiniObject *w = _MiniAsyncGen_Wrap(TOP());
        SET_TOP(w);
        if (w == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(GET_LEN) {
        Mini_ssize_t n = MiniObject_Length(TOP());
        if (n < 0) goto error;
        MiniObject *len = MiniLong_FromSsize_t(n);
        if (len == NULL) goto error;
        PUSH(len);
        DISPATCH();
    }

    TARGET(MATCH_MAPPING) {
        MiniObject *res = BOOL_OBJ(_MiniVM_MatchIsMapping(TOP()));
        PUSH(Mini_NewRef(res));
        DISPATCH();
    }

    TARGET(MATCH_SEQUENCE) {
        MiniObject *res = BOOL_OBJ(_MiniVM_MatchIsSequence(TOP()));
        PUSH(Mini_NewRef(res));
        DISPATCH();
    }

    TARGET(MATCH_KEYS) {
        MiniObject *values = _MiniVM_MatchKeys(SECOND(), TOP());
        if (values == NULL) goto error;
        PUSH(values);
        DISPATCH();
    }

    TARGET(MATCH_CLASS) {
        MiniObject *names = POP(), *type = POP(), *subject = TOP();
        MiniObject *attrs = _MiniVM_MatchClass(subject, type, (Mini_ssize_t)oparg, names);
        Mini_DECREF(names);
        Mini_DECREF(type);
        Mini_DECREF(subject);
        SET_TOP(attrs);
        if (attrs == NULL) { STACK_SHRINK(1); goto error; }
        DISPATCH();
    }

    TARGET(COPY_DICT_WITHOUT_KEYS) {
        MiniObject *keys = TOP();
        MiniObject *rest = _MiniVM_DictWithoutKeys(SECOND(), keys);
        if (rest == NULL) goto error;
        SET_TOP(rest);
        Mini_DECREF(keys);
        DISPATCH();
    }

    /* ----- errors ----------------------------------------------------------------------------- */
error:
    kwnames = NULL;
    {
        MiniThreadState *t = _Mini_tstate_current;
        if (t->curexc == NULL) MiniErr_SetString(LOOP_EXC(SystemError), "error return without exception set");
        _MiniTraceback_Here(t->curexc, co, ip - first_instr - 1);
        _MiniVM_SetContext(ts, t->curexc);
    }
exception_unwind:
    {
        Mini_ssize_t lasti = ip - first_instr - 1;
        const MiniExcTableEntry *h = find_handler(co, lasti);
        if (h != NULL) {
            MiniObject **base = localsplus + co->co_nlocalsplus + h->depth;
            while (sp > base) { MiniObject *x = POP(); Mini_XDECREF(x); }
            if (h->lasti) {
                MiniObject *li = index_object(lasti);
                PUSH(li != NULL ? li : Mini_NewRef(Mini_None));
                if (li == NULL) MiniErr_Clear();
            }
            PUSH(take_exception());
            JUMPTO(h->target);
            DISPATCH();
        }
    }
    /* No handler here: the frame ends with the exception. */
    {
        MiniObject **base = localsplus + co->co_nlocalsplus;
        while (sp > base) { MiniObject *x = POP(); Mini_XDECREF(x); }
        frame->f_sp = sp;
        ts->depth--;
        if (frame == entry_frame) {
            RT_FLUSH();
            ts->frame = frame->f_back;
            ts->yielded = 0;
            if (frame->f_owner == MINI_FRAME_OWNED_BY_THREAD) _MiniVM_PopFrame(ts, frame);
            else _MiniFrame_Clear(frame);
            return NULL;
        }
        MiniFrame *caller = frame->f_back;
        if (frame->f_owner == MINI_FRAME_OWNED_BY_GENERATOR) {
            frame->f_init = 0;   /* a sum() in place ends too: the caller unwinds its slots */
            ts->frame = caller;
            _MiniGen_InlineEnded(ts, (MiniGenObject *)frame->f_gen, 1);
        } else {
            _MiniVM_PopFrame(ts, frame);
        }
        frame = caller;
        ts->frame = frame;
        LOAD_FRAME();
        goto error;
    }

#undef RT_FLUSH
#undef Mini_INCREF
#undef Mini_XINCREF
#undef Mini_DECREF
#undef Mini_XDECREF
#undef Mini_NewRef
#define Mini_INCREF(op) Mini_INCREF(_MiniObject_CAST(op))
#define Mini_XINCREF(op) Mini_XINCREF(_MiniObject_CAST(op))
#define Mini_DECREF(op) _MiniVM_DecRef(_MiniObject_CAST(op))
#define Mini_XDECREF(op) _MiniVM_XDecRef(_MiniObject_CAST(op))
#define Mini_NewRef(op) Mini_NewRef(_MiniObject_CAST(op))
#undef Mini_REFCNT
#define Mini_REFCNT(op) Mini_REFCNT(_MiniObject_CAST(op))
#undef LOAD_FRAME
#undef SAVE_FRAME
#undef TOP
#undef SECOND
#undef THIRD
#undef PEEK
#undef SET_TOP
#undef SET_SECOND
#undef PUSH
#undef POP
#undef STACK_SHRINK
#undef GETLOCAL
#undef SETLOCAL
#undef JUMPTO
#undef IC_HERE
#undef TARGET
#undef NEXTOPARG
#undef BOOL_OBJ
#undef HANDLE_BREAKER
#undef INSTR_HOOK
#undef POLL_POINT
#undef DISPATCH
#undef ENTER_GEN_INLINE
#undef FLOAT_BINOP_RESULT
#undef Mini_INCREF_IMM
#undef Mini_DECREF_IMM
#undef NEW_IMMORTAL
#undef DROP_IMMORTAL
#undef SMALL_INT
#undef MAKE_INT
#undef REFCNT_IS
#if MINI_EVAL_FT && defined(__x86_64__) && defined(__clang__)
#undef ft_tid
#endif
#undef SUM_STEP
#undef SUBSCR_FAST
}
