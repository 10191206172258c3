tests = [0, 2, -3, "hello", None, True, [], (), [7], [1, 2, 3, 4], (4, 5, 6), [9, 8, 7, 6],
         {"type": "user", "name": "ann", "age": 3, "id": 9}, {"x": 1, "y": 2, "z": 3}, {"q": 1},
         Point(0, 0), Point(0, 5), Point(3, 3), Point(4, 1), Circle(Point(1, 2), 20), Circle(Point(1, 2), 2),
         500, 7, 2.5, "abc", b"bytes", {1, 2}, "hi there"]
