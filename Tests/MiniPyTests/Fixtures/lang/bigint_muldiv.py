# Big-int multiplication and floor division against CPython: products where either operand is the
# short one (one digit times many, many times one, many times many), and divmod over every sign
# combination, with quotients of one digit (pidigits' shape) and of many digits. The operands come
# from a fixed linear congruential generator, so the program needs no random module.
M = 1000000007
state = 12345


def bits(n):
    """The next n pseudo-random bits as an int (n >= 1)."""
    global state
    value = 0
    for _ in range((n + 29) // 30):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2 ** 64
        value = (value << 30) | (state >> 34)
    return value >> ((n + 29) // 30 * 30 - n) | 1 << (n - 1)


def digest(values):
    total = 0
    for v in values:
        total = (total * 31 + v % M) % M
    return total


products = []
quotients = []
for size_a, size_b in ((1, 1), (30, 30), (31, 2000), (2000, 31), (2000, 60), (900, 1700), (64, 64), (3000, 2990)):
    for k in range(12):
        a = bits(size_a + k)
        b = bits(size_b + 3 * k)
        for sa in (1, -1):
            for sb in (1, -1):
                x, y = sa * a, sb * b
                products.append(x * y)
                q, r = divmod(x, y)
                assert q * y + r == x and (r == 0 or (r < 0) == (y < 0)) and abs(r) < abs(y)
                quotients.append(q)
                quotients.append(r)
                quotients.append((x * 10 + 7) // (y * 10 + 3))
print("products", len(products), digest(products))
print("quotients", len(quotients), digest(quotients))

# Values a reader can check by eye.
x = 10 ** 300 + 12345
print(x * x // (x - 1) - x, (x * x) % 999999999999999999999, x * 7 - 7 * x, 3 * x // x)
print(divmod(-(10 ** 100), 7), divmod(10 ** 100, -(10 ** 40 + 1)))
print((2 ** 2000 - 1) // (2 ** 1000 + 1) == 2 ** 1000 - 1, (2 ** 2000) % (2 ** 1000 - 1))
print(0 * (10 ** 50), (10 ** 50) * 0, -1 * (10 ** 30), (2 ** 90) * (2 ** 90) == 2 ** 180)
try:
    (10 ** 40) // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
