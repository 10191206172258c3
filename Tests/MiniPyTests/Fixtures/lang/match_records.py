# match over the kinds of records programs pass around: tuples from a parser, JSON-like dicts,
# and small classes with __match_args__ (the shape dataclasses give them).
class Add:
    __match_args__ = ("left", "right")
    def __init__(self, left, right):
        self.left, self.right = left, right

class Mul:
    __match_args__ = ("left", "right")
    def __init__(self, left, right):
        self.left, self.right = left, right

class Num:
    __match_args__ = ("value",)
    def __init__(self, value):
        self.value = value

def evaluate(node):
    match node:
        case Num(v):
            return v
        case Add(Num(0), other) | Add(other, Num(0)):
            return evaluate(other)
        case Mul(Num(1), other) | Mul(other, Num(1)):
            return evaluate(other)
        case Add(l, r):
            return evaluate(l) + evaluate(r)
        case Mul(l, r):
            return evaluate(l) * evaluate(r)
        case _:
            raise ValueError(f"bad node {node!r}")

tree = Add(Mul(Num(3), Num(4)), Add(Num(0), Mul(Num(1), Num(5))))
print("evaluate", evaluate(tree))
try:
    evaluate("oops")
except ValueError as e:
    print("ValueError:", e)

events = [
    {"event": "click", "pos": (10, 20), "button": "left"},
    {"event": "click", "pos": (5, 5)},
    {"event": "key", "key": "q", "mods": []},
    {"event": "key", "key": "s", "mods": ["ctrl"]},
    {"event": "resize", "size": [800, 600]},
    {"event": "scroll", "delta": -3, "extra": 1},
    {"unknown": True},
    ("move", 1, 2),
    ("move", 1, 2, 3),
    ["quit"],
]

for ev in events:
    match ev:
        case {"event": "click", "pos": (x, y), "button": b}:
            print(f"click {b} at {x},{y}")
        case {"event": "click", "pos": (x, y)}:
            print(f"click at {x},{y}")
        case {"event": "key", "key": "q", "mods": []}:
            print("quit key")
        case {"event": "key", "key": k, "mods": [*mods]} if "ctrl" in mods:
            print(f"ctrl+{k}")
        case {"event": "resize", "size": [int(w), int(h)]}:
            print(f"resize {w}x{h}")
        case {"event": str(name), **rest}:
            print(f"other event {name} with {rest}")
        case ("move", dx, dy):
            print("move", dx, dy)
        case ("move", *coords):
            print("move in", len(coords), "dimensions")
        case [("quit" | "exit") as word]:
            print("leaving via", word)
        case other:
            print("unrecognised", other)

def classify(value):
    match value:
        case bool(b):
            return f"bool {b}"
        case int(i) if i < 0:
            return "negative int"
        case int(i):
            return f"int {i}"
        case float(f):
            return f"float {f}"
        case str() | bytes():
            return "text-ish"
        case [int(), *_] as seq:
            return f"ints starting {seq[0]}"
        case dict() if not value:
            return "empty dict"
        case _:
            return type(value).__name__

for v in [True, -4, 7, 2.5, "s", b"b", [3, "x"], {}, {1: 2}, None]:
    print(repr(v), "->", classify(v))

LIMIT = 10
class Colors:
    RED = "red"
    GREEN = "green"

for v in [10, "red", "green", "blue"]:
    match v:
        case Colors.RED:
            print("it is red")
        case Colors.GREEN:
            print("it is green")
        case LIMIT:
            print("captured", LIMIT)
