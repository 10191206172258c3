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
