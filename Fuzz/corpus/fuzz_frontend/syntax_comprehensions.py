a = [x * y for x in range(3) if x for y in range(x)]
b = {k: v for k, v in zip("ab", (1, 2))}
c = {*a, *b}
d = (i for i in a)
e = {**b, "z": 0}
f = a[::-1], a[1:], (*a,), [*d]
g = x if y else z
h = not a == b != c < d <= e > f >= g
print(*a, sep="", end="\n", **e)
