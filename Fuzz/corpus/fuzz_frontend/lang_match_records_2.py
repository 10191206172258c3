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

