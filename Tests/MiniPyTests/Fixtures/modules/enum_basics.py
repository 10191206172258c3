# enum: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, functional API, errors.
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique, StrEnum

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self):
        return '%s is %d' % (self.name, self.value)
    @classmethod
    def favourite(cls):
        return cls.GREEN

print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, Color(2), Color['BLUE'])
print(list(Color), len(Color), Color.CRIMSON is Color.RED, Color.RED in Color)
print(Color.RED == Color.RED, Color.RED == 1, Color.RED != Color.BLUE, hash(Color.RED) == hash(Color.RED))
print(Color.RED.describe(), Color.favourite(), type(Color.RED), isinstance(Color.GREEN, Color))
print(list(Color.__members__), Color, {Color.RED: 'r'}[Color.CRIMSON], f'{Color.GREEN}', sorted(Color, key=lambda c: c.value))
for bad in [lambda: Color(7), lambda: Color['PINK']]:
    try:
        bad()
    except (ValueError, KeyError) as e:
        print(type(e).__name__, e)
try:
    Color.RED = 5
except AttributeError as e:
    print('AttributeError', e)

class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH.value, round(Planet.EARTH.gravity, 2), Planet.MERCURY.mass)

class Shape(IntEnum):
    CIRCLE = 1
    SQUARE = 2
print(Shape.CIRCLE, repr(Shape.SQUARE), Shape.CIRCLE == 1, Shape.SQUARE + 1, sorted([Shape.SQUARE, Shape.CIRCLE]), f'{Shape.CIRCLE}', int(Shape.SQUARE))

class Auto(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()
print([(m.name, m.value) for m in Auto])

class Mode(StrEnum):
    READ = auto()
    WRITE = 'w'
print(Mode.READ, repr(Mode.READ), Mode.WRITE == 'w', Mode.READ.upper())

class Perm(Flag):
    R = 4
    W = 2
    X = 1
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(Perm(0)), rw & Perm.R, list(rw), repr(~Perm.R))

class Color2(Flag):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
print([m.value for m in Color2], Color2.RED | Color2.BLUE)

class Open(IntFlag):
    RD = 1
    WR = 2
print(Open.RD | Open.WR, repr(Open.RD | Open.WR), Open.RD | 8, Open.WR & 2)

Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value, Animal(3))
try:
    @unique
    class Dup(Enum):
        ONE = 1
        UNO = 1
except ValueError as e:
    print('ValueError', e)
try:
    class More(Color):
        PINK = 4
except TypeError as e:
    print('TypeError', e)
