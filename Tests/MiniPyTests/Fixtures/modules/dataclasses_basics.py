# dataclasses: fields, defaults, default_factory, order, frozen, asdict, replace, errors.
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, InitVar, FrozenInstanceError
from typing import List, ClassVar

@dataclass
class Point:
    x: int
    y: int = 0

p = Point(1, 2)
print(p, Point(5), Point(y=3, x=4), p == Point(1, 2), p != Point(2, 1), p.x, p.y)
print([f.name for f in fields(Point)], is_dataclass(p), is_dataclass(Point), is_dataclass(3))

@dataclass
class Inventory:
    name: str
    items: List[str] = field(default_factory=list)
    count: int = field(default=0, repr=False)
    secret: str = field(default='s', compare=False)
    total: ClassVar[int] = 0

a = Inventory('a')
b = Inventory('b')
a.items.append('apple')
print(a, b, a.items is b.items, Inventory.total, a == Inventory('a', ['apple'], 0, 'other'))

@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
print(sorted([Version(1, 5), Version(0, 9), Version(1, 0)]), Version(1) < Version(1, 1), Version(2) >= Version(1, 9))

@dataclass(frozen=True)
class Frozen:
    name: str
    tags: tuple = ()
fz = Frozen('f', ('a',))
print(fz, hash(fz) == hash(Frozen('f', ('a',))), {fz: 1}[Frozen('f', ('a',))])

@dataclass
class Line:
    start: Point
    end: Point
    label: str = 'line'
ln = Line(Point(0, 0), Point(3, 4))
print(asdict(ln), astuple(ln))
print(replace(ln, label='new'), replace(p, y=10), ln)

@dataclass
class WithPost:
    a: int
    b: int = 0
    scale: InitVar[int] = 1
    total: int = field(init=False, default=0)
    def __post_init__(self, scale):
        self.total = (self.a + self.b) * scale
print(WithPost(1, 2), WithPost(1, 2, 10))

@dataclass
class Child(Point):
    z: int = 0
print(Child(1, 2, 3), Child(1), [f.name for f in fields(Child)])

@dataclass(eq=False)
class NoEq:
    v: int
print(NoEq(1) == NoEq(1), NoEq(2))

@dataclass(kw_only=True)
class Options:
    verbose: bool = False
    level: int
print(Options(level=3))

@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)
tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(tree)
print(asdict(tree))
print(Point.__match_args__, Point.__doc__, Point(1) == (1, 0))
print(Point.__eq__.__qualname__ if hasattr(Point.__eq__, '__qualname__') else '')

for bad in [lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=3), lambda: Point(1, x=2),
            lambda: Options(), lambda: asdict(p.__class__), lambda: fields(3), lambda: replace(p, z=1),
            lambda: Version(1) < Point(1)]:
    try:
        bad()
        print('no error')
    except TypeError as e:
        print('TypeError', e)
try:
    @dataclass
    class Bad:
        a: list = []
except ValueError as e:
    print('ValueError', e)
try:
    @dataclass
    class Bad2:
        a: int = 1
        b: int
except TypeError as e:
    print('TypeError', e)
try:
    field(default=1, default_factory=list)
except ValueError as e:
    print('ValueError', e)
