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

