/* mini/floatobject.h: float objects (a C double). All functions require the GIL. */
#ifndef MINI_FLOATOBJECT_H
#define MINI_FLOATOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
typedef struct MiniFloatObject {
    MiniObject_HEAD
    double ob_fval;
} MiniFloatObject;
extern MiniTypeObject MiniFloat_Type;  /* "float" */
#define MiniFloat_Check(op) MiniObject_TypeCheck((op), &MiniFloat_Type)
#define MiniFloat_CheckExact(op) Mini_IS_TYPE((op), &MiniFloat_Type)
/* New reference; NULL with MemoryError. */
MiniObject *MiniFloat_FromDouble(double v);
/* The value of a float, or of an int converted; TypeError "must be real number, not str" for
 * others. Returns -1.0 with an exception set on failure. */
double MiniFloat_AsDouble(MiniObject *o);
#define MiniFloat_AS_DOUBLE(op) (((MiniFloatObject *)(op))->ob_fval)

MINI_END_DECLS
#endif /* MINI_FLOATOBJECT_H */
