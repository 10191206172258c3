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

