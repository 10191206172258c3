class Sleep:
    def __init__(self, tag):
        self.tag = tag
    def __await__(self):
        yield self.tag
        return self.tag.upper()

def run(coro):
    """Drive a coroutine, printing what it yields to the 'loop'."""
    trace = []
    value = None
    while True:
        try:
            y = coro.send(value)
        except StopIteration as e:
            print("loop trace:", trace)
            return e.value
        trace.append(y)
        value = None

async def ticker(n):
    for i in range(n):
        await Sleep(f"t{i}")
        yield i * i
    print("ticker exhausted")

async def double(src):
    async for x in src:
        yield x * 2

class ARange:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await Sleep("ar")
        return self.i

class Res:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        print("enter", self.name)
        await Sleep("enter")
        return self
    async def __aexit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None, v)
        await Sleep("exit")
        return self.name == "swallow"

async def main():
    out = []
    async for v in double(ticker(3)):
        out.append(v)
    print("pipeline", out)
    print("comp", [x async for x in ARange(3)])
    print("comp2", {x: await Sleep(str(x)) async for x in ARange(2)})
    print("await in comp", [await Sleep(c) for c in "ab"])
    async for i in ARange(5):
        if i == 2:
            continue
        if i == 4:
            break
        print("loop", i)
    else:
        print("no else")
    async with Res("plain") as r:
        print("inside", r.name)
    async with Res("swallow"):
        raise KeyError("gone")
    try:
        async with Res("propagate"):
            raise ValueError("bad")
    except ValueError as e:
        print("propagated", e)
    async with Res("a") as a, Res("b") as b:
        print("both", a.name, b.name)
    for i in range(3):
        async with Res(f"ret{i}"):
            if i == 1:
                return "returned from with"
    return "end"

print(run(main()))

async def agen():
    try:
        yield 1
        yield 2
    finally:
        print("agen cleanup")

async def protocol():
    g = agen()
    print(type(g).__name__, g.__name__)
    print(await g.__anext__())
    print(await g.asend(None))
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    g = agen()
    print(await g.__anext__())
    await g.aclose()
    print("aclosed")
    g = agen()
    print(await g.__anext__())
    try:
        await g.athrow(KeyError("thrown"))
    except KeyError as e:
        print("athrow raised", repr(e))
    async def echo():
        got = None
        while True:
            got = yield got
    e = echo()
    print(await e.asend(None))
    print(await e.asend("hello"))
    await e.aclose()
    async def stubborn():
        try:
            yield 1
        except GeneratorExit:
            yield 2
    s = stubborn()
    await s.__anext__()
    try:
        await s.aclose()
    except RuntimeError as ex:
        print("RuntimeError:", ex)
    gexp = (x * 10 async for x in ARange(3))
    print(type(gexp).__name__, [y async for y in gexp])
    try:
        async for x in 5:
            pass
    except TypeError as ex:
        print("TypeError:", ex)
    try:
        async with 5:
            pass
    except TypeError as ex:
        print("TypeError:", ex)
    async def bad_stop():
        raise StopIteration
        yield
    try:
        await bad_stop().__anext__()
    except RuntimeError as ex:
        print("RuntimeError:", ex)
    return "protocol done"

print(run(protocol()))
