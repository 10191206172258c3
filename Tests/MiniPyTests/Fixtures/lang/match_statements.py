class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

class Circle:
    def __init__(self, center, r):
        self.center = center
        self.r = r

def describe(obj):
    match obj:
        case 0 | 1 | 2:
            return "small int"
        case -3:
            return "minus three"
        case "hello":
            return "greeting"
        case None:
            return "nothing"
        case True:
            return "yes"
        case [] | ():
            return "empty sequence"
        case [x]:
            return f"one element {x}"
        case [1, 2, *rest]:
            return f"starts 1,2 then {rest}"
        case (a, b, c):
            return f"triple {a} {b} {c}"
        case [first, *_, last]:
            return f"first {first} last {last}"
        case {"type": "user", "name": str(name), **extra}:
            return f"user {name} extra {sorted(extra)}"
        case {"x": x, "y": y}:
            return f"dict point {x},{y}"
        case {}:
            return "some mapping"
        case Point(x=0, y=0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point(x=px) as p:
            return f"point with x {px} ({type(p).__name__})"
        case Circle(center=Point(x, y), r=r) if r > 10:
            return f"big circle at {x},{y}"
        case Circle():
            return "some circle"
        case int(n) if n > 100:
            return f"big int {n}"
        case int() | float():
            return "a number"
        case str() as s:
            return f"string {s!r}"
        case _:
            return "something else"

tests = [0, 2, -3, "hello", None, True, [], (), [7], [1, 2, 3, 4], (4, 5, 6), [9, 8, 7, 6],
         {"type": "user", "name": "ann", "age": 3, "id": 9}, {"x": 1, "y": 2, "z": 3}, {"q": 1},
         Point(0, 0), Point(0, 5), Point(3, 3), Point(4, 1), Circle(Point(1, 2), 20), Circle(Point(1, 2), 2),
         500, 7, 2.5, "abc", b"bytes", {1, 2}, "hi there"]
for t in tests:
    print(repr(t) if not isinstance(t, (Point, Circle)) else type(t).__name__, "->", describe(t))

# captures escape, subject evaluated once
calls = []
def subject():
    calls.append(1)
    return (1, (2, 3))
match subject():
    case (1, (two, three)) if two + three == 5:
        print("nested", two, three)
print("evaluated", len(calls))

def command(cmd):
    match cmd.split():
        case ["go", ("north" | "south") as direction]:
            return "going " + direction
        case ["take", item, *others] if others:
            return f"take {item} and {len(others)} more"
        case ["take", item]:
            return "take " + item
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return "unknown verb " + verb
        case []:
            return "empty"

for c in ["go north", "go east", "take lamp", "take lamp key rope", "quit", "exit", "dance now", ""]:
    print(repr(c), "->", command(c))

# no case matches: nothing happens
match 42:
    case 1:
        print("no")
print("after unmatched")

# errors at run time
class NoArgs:
    pass
try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError:", e)
try:
    match 5:
        case describe(1):
            pass
except TypeError as e:
    print("TypeError:", e)

class BadArgs:
    __match_args__ = ["a"]
try:
    match BadArgs():
        case BadArgs(z):
            pass
except TypeError as e:
    print("TypeError:", e)

match = 3
print("match as a name", match)
def match_fn(match):
    return match * 2
print(match_fn(4))
case = 5
print(case)
