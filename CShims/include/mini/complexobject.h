/* mini/complexobject.h: complex numbers (two C doubles), as Python's complex. All functions
 * require the GIL. */
#ifndef MINI_COMPLEXOBJECT_H
#define MINI_COMPLEXOBJECT_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

MINI_BEGIN_DECLS
typedef struct MiniComplex {
    double real, imag;
} MiniComplex;

typedef struct MiniComplexObject {
    MiniObject_HEAD
    MiniComplex cval;
} MiniComplexObject;
extern MiniTypeObject MiniComplex_Type;  /* "complex" */
#define MiniComplex_Check(op) MiniObject_TypeCheck((op), &MiniComplex_Type)
#define MiniComplex_CheckExact(op) Mini_IS_TYPE((op), &MiniComplex_Type)
/* complex(real, imag): new reference; NULL with MemoryError. */
MiniObject *MiniComplex_FromDoubles(double real, double imag);
/* The parts of a complex, or of an int/float (imaginary part 0). -1.0 with TypeError ("must be
 * real number, not str" for the real part of a non-number) on failure. */
double MiniComplex_RealAsDouble(MiniObject *op);
double MiniComplex_ImagAsDouble(MiniObject *op);
/* The value of a complex, int or float (or an object with __complex__); {-1, 0} with TypeError. */
MiniComplex MiniComplex_AsCComplex(MiniObject *op);

MINI_END_DECLS
#endif /* MINI_COMPLEXOBJECT_H */
