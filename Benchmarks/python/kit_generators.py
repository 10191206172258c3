# kit_generators.py: one of the kit's own suite programs (generators). Pipelines of generator
# functions (a counter, filters, windows), `yield from` walks over a tree, generator expressions
# consumed by sum/max/any, and send() into a running-average coroutine. Checks its result.
import pyperf


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(source):
    for x in source:
        if x % 2 == 0:
            yield x


def scaled(source, k):
    for x in source:
        yield x * k


def windows(source, size):
    window = []
    for x in source:
        window.append(x)
        if len(window) == size:
            yield tuple(window)
            window.pop(0)


class Node:
    def __init__(self, value, children):
        self.value = value
        self.children = children


def tree(depth, value):
    if depth == 0:
        return Node(value, [])
    return Node(value, [tree(depth - 1, value * 3 + k) for k in range(3)])


def walk(node):
    yield node.value
    for child in node.children:
        yield from walk(child)


def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count


def bench():
    a = sum(scaled(evens(numbers(20000)), 3))
    b = max(w[0] + w[-1] for w in windows(numbers(5000), 4))
    c = sum(walk(tree(6, 1)))
    d = any(x > 10 ** 9 for x in walk(tree(5, 2)))
    avg = averager()
    next(avg)
    e = 0.0
    for x in numbers(5000):
        e = avg.send(x * 0.5)
    return a, b, c, d, round(e, 6)


EXPECTED = (299970000, 9995, 896260, False, 1249.75)   # recorded with CPython 3.11

if __name__ == "__main__":
    result = bench()
    if EXPECTED is not None and result != EXPECTED:
        raise SystemExit("kit_generators: wrong result %r" % (result,))
    runner = pyperf.Runner()
    runner.metadata["description"] = "the kit's generator program"
    runner.bench_func("kit_generators", bench)
