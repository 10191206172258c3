# Awaiting inside except and finally blocks, deep await chains, close/throw through yield from,
# an async generator holding an async with that is abandoned after break.
class Y:
    def __await__(self):
        yield "tick"
def drive(c):
    out = []
    try:
        while True:
            out.append(c.send(None))
    except StopIteration as e:
        return out, e.value
async def handler():
    try:
        raise ValueError("inner")
    except ValueError:
        await Y()
        print("after await")
        try:
            raise
        except ValueError as e:
            return "reraised " + str(e)
print(drive(handler()))
async def deep(n):
    if n == 0:
        await Y()
        return 0
    return 1 + await deep(n - 1)
print(drive(deep(120))[1])
async def finally_await():
    try:
        return "body"
    finally:
        await Y()
        print("finally awaited")
print(drive(finally_await()))
def plain_gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")
def deleg():
    yield from plain_gen()
g = deleg()
next(g)
g.close()
print("closed delegating generator")
g = deleg()
next(g)
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("KeyError through delegation", e)
async def ctx_in_gen():
    class M:
        async def __aenter__(self):
            return "m"
        async def __aexit__(self, *a):
            print("aexit", a[0])
    async with M() as m:
        yield m
        yield m + "2"
async def use():
    out = []
    async for v in ctx_in_gen():
        out.append(v)
        if len(out) == 1:
            break
    return out
print(drive(use()))
