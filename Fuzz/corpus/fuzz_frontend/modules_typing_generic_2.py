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
