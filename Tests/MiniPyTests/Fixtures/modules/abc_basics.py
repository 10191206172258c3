# abc: abstract methods enforced, virtual subclasses, __subclasshook__.
from abc import ABC, ABCMeta, abstractmethod

class Shape(ABC):
    @abstractmethod
    def area(self):
        ...
    @abstractmethod
    def perimeter(self):
        ...
    def describe(self):
        return '%s with area %s' % (type(self).__name__, self.area())

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
    def perimeter(self):
        return 4 * self.s

print(Square(3).describe(), isinstance(Square(1), Shape), sorted(Shape.__abstractmethods__))
for cls in (Shape,):
    try:
        cls()
    except TypeError as e:
        print('TypeError', e)
class Half(Shape):
    def area(self):
        return 0
try:
    Half()
except TypeError as e:
    print('TypeError', e)

class Plugin(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Plugin:
            return hasattr(C, 'run')
        return NotImplemented
class Duck:
    def run(self):
        pass
print(issubclass(Duck, Plugin), isinstance(Duck(), Plugin), issubclass(int, Plugin))
class Registered:
    pass
Plugin.register(Registered)
print(issubclass(Registered, Plugin), Plugin.register(Duck) is Duck)
