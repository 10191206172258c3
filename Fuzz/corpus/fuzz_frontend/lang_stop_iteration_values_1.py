# Values that travel inside StopIteration (tuples, from generators, coroutines, yield from and
# async generators), and tuple values yielded by async generators.
def g():
    yield 1
    return (1, 2)
it = g(); next(it)
try:
    next(it)
except StopIteration as e:
    print(e.value, e.args)
