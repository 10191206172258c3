/* mini/methodobject.h: C functions exposed as objects: the method table entry (MiniMethodDef)
 * and the builtin-function object that binds it to a module or an instance. */
#ifndef MINI_METHODOBJECT_H
#define MINI_METHODOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
/* Signatures of ml_meth, chosen by ml_flags:
 *   MINI_METH_NOARGS              MiniObject *f(MiniObject *self, MiniObject *unused /+ NULL +/)
 *   MINI_METH_O                   MiniObject *f(MiniObject *self, MiniObject *arg)
 *   MINI_METH_VARARGS             MiniObject *f(MiniObject *self, MiniObject *args /+ tuple +/)
 *   MINI_METH_VARARGS|KEYWORDS    MiniObject *f(MiniObject *self, MiniObject *args, MiniObject *kwargs)
 *   MINI_METH_FASTCALL            MiniObject *f(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs)
 * MINI_METH_FASTCALL (as CPython's METH_FASTCALL) receives the positional arguments as a borrowed
 * array (valid for the call only), so a call made by the interpreter builds no argument tuple;
 * it takes no keyword arguments (the call raises TypeError if given some); the function checks
 * nargs itself.  * self is the module for module functions and the instance for methods. The function is called
 * with the GIL held and must return with it held (it may release it in between). It returns a
 * new reference, or NULL with an exception set. */
typedef MiniObject *(*MiniCFunction)(MiniObject *self, MiniObject *args);
typedef MiniObject *(*MiniCFunctionWithKeywords)(MiniObject *self, MiniObject *args, MiniObject *kwargs);
typedef MiniObject *(*MiniCFunctionFast)(MiniObject *self, MiniObject *const *args, Mini_ssize_t nargs);

#define MINI_METH_VARARGS  0x0001
#define MINI_METH_KEYWORDS 0x0002
#define MINI_METH_NOARGS   0x0004
#define MINI_METH_O        0x0008
#define MINI_METH_FASTCALL 0x0080

typedef struct MiniMethodDef {
    const char *ml_name;     /* the Python-visible name */
    MiniCFunction ml_meth;   /* the C function (cast to MiniCFunction when it takes keywords) */
    int ml_flags;            /* MINI_METH_* */
    const char *ml_doc;      /* docstring, may be NULL */
} MiniMethodDef;
/* Cast helper, as _PyCFunction_CAST. */
#define _MiniCFunction_CAST(f) ((MiniCFunction)(void (*)(void))(f))

typedef struct MiniCFunctionObject {
    MiniObject_HEAD
    MiniMethodDef *m_ml;     /* borrowed: method tables are static */
    MiniObject *m_self;      /* owned or NULL */
    MiniObject *m_module;    /* owned or NULL: the module's name, for repr */
} MiniCFunctionObject;
extern MiniTypeObject MiniCFunction_Type;   /* "builtin_function_or_method" */
#define MiniCFunction_Check(op) MiniObject_TypeCheck((op), &MiniCFunction_Type)
/* New reference to a callable binding ml to self (borrowed, may be NULL). */
MiniObject *MiniCFunction_NewEx(MiniMethodDef *ml, MiniObject *self, MiniObject *module);
#define MiniCFunction_New(ml, self) MiniCFunction_NewEx((ml), (self), NULL)

MINI_END_DECLS
#endif /* MINI_METHODOBJECT_H */
