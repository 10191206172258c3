# kit_recursion.py: one of the kit's own suite programs (deep and wide Python-to-Python calls).
# Naive Fibonacci, the Takeuchi function, building and folding binary trees of tuples, a
# recursive permutation count and mutual recursion: nearly all of its time is call and return.
# Checks its result.
import pyperf


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def tak(x, y, z):
    if y >= x:
        return z
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


def build(depth, label):
    if depth == 0:
        return label
    return (build(depth - 1, label * 2), build(depth - 1, label * 2 + 1))


def fold(tree):
    if type(tree) is int:
        return tree & 7
    left, right = tree
    return fold(left) + 2 * fold(right)


def count_perms(items, used, depth):
    if depth == len(items):
        return 1
    total = 0
    for i in range(len(items)):
        if not used[i]:
            used[i] = True
            total += count_perms(items, used, depth + 1)
            used[i] = False
    return total


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def bench():
    a = fib(20)
    b = tak(14, 9, 3)
    c = fold(build(11, 1))
    d = count_perms(list(range(6)), [False] * 6, 0)
    e = sum(1 for k in range(200) if is_even(k))
    return a, b, c, d, e


EXPECTED = (6765, 9, 826686, 720, 100)   # recorded with CPython 3.11

if __name__ == "__main__":
    result = bench()
    if EXPECTED is not None and result != EXPECTED:
        raise SystemExit("kit_recursion: wrong result %r" % (result,))
    runner = pyperf.Runner()
    runner.metadata["description"] = "the kit's recursion program"
    runner.bench_func("kit_recursion", bench)
