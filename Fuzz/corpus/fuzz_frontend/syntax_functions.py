import functools
from os import path as p, sep

@functools.lru_cache(maxsize=None)
def f(a, /, b=2, *args, c, d=4, **kw) -> int:
    global g
    g = lambda x, *y, **z: (x, y, z)
    def inner():
        nonlocal a
        a += 1
        return a
    return inner() + b + c + d

async def co(xs):
    async with xs as x:
        async for y in x:
            await y
    return [z async for z in xs]
