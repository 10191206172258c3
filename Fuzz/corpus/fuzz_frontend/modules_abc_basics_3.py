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
