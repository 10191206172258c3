# a imports b, which imports a name a has not bound yet: CPython's circular-import error.
from importcirc import b
A = 1
