# typing_protocols.py: isinstance against @runtime_checkable protocols checks members (methods,
# attributes, annotations, those of extended protocols; a method member set to None fails), the
# Supports* protocols are runtime-checkable, other protocols raise TypeError, concrete subclasses
# are checked nominally, protocols cannot be instantiated. Output recorded from CPython 3.11.
from typing import Protocol, runtime_checkable, SupportsInt, SupportsFloat, SupportsIndex, SupportsAbs, Iterable, Sized
@runtime_checkable
class HasX(Protocol):
    x: int
    def area(self) -> float: ...
class A:
    x = 1
    def area(self): return 1.0
class B:
    def area(self): return 2.0
class C:
    x = 2
class D:
    x = 3
    area = None
print(isinstance(A(), HasX), isinstance(B(), HasX), isinstance(C(), HasX), isinstance(D(), HasX), isinstance(3, HasX))
print(isinstance(3, SupportsInt), isinstance('x', SupportsInt), isinstance(2.0, SupportsFloat),
      isinstance(3, SupportsIndex), isinstance(2.5, SupportsIndex), isinstance(-1, SupportsAbs), isinstance([], Sized), isinstance(3, Iterable))
class Plain(Protocol):
    def go(self): ...
try:
    isinstance(A(), Plain)
except TypeError as e:
    print('TypeError', e)
class Impl(HasX):
    def __init__(self):
        self.x = 5
    def area(self):
        return 9.0
print(isinstance(Impl(), HasX), isinstance(Impl(), Impl), isinstance(A(), Impl), Impl().area())
@runtime_checkable
class Closeable(Protocol):
    def close(self): ...
@runtime_checkable
class Both(Closeable, Protocol):
    def open(self): ...
class F:
    def close(self): pass
class G(F):
    def open(self): pass
print(isinstance(F(), Closeable), isinstance(F(), Both), isinstance(G(), Both), isinstance(open(__file__), Closeable))
try:
    runtime_checkable(A)
except TypeError as e:
    print('TypeError', e)
try:
    Plain()
except TypeError as e:
    print('TypeError', e)
