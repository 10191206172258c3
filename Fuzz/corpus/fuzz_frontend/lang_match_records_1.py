# match over the kinds of records programs pass around: tuples from a parser, JSON-like dicts,
# and small classes with __match_args__ (the shape dataclasses give them).
class Add:
    __match_args__ = ("left", "right")
    def __init__(self, left, right):
        self.left, self.right = left, right

