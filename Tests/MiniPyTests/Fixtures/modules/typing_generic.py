# typing.Generic: user generic classes (needs __class_getitem__).
from typing import Generic, TypeVar, List
T = TypeVar('T')
class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()
s = Stack()
s.push(1)
s.push(2)
print(s.pop(), s.items)

print(Stack[int], Stack[int]().items)
from typing import NamedTuple
Employee = NamedTuple('Employee', [('name', str), ('id', int)])
e = Employee('ann', 3)
print(e.name, e.id)
from typing import TypedDict
class Movie(TypedDict):
    title: str
    year: int
print(Movie.__required_keys__ == frozenset({'title', 'year'}))
from typing import List, Dict
print(isinstance([], List), isinstance({}, Dict))
try:
    isinstance([], List[int])
except TypeError as e:
    print('TypeError', e)
