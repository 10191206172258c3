class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
    def perimeter(self):
        return 4 * self.s

print(Square(3).describe(), isinstance(Square(1), Shape), sorted(Shape.__abstractmethods__))
