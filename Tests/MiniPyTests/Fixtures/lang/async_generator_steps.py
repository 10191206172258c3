# async_generator_steps.py: every way an async generator step ends (a yielded value, a value sent in,
# athrow, aclose, the generator ending, a reused awaitable, an exception escaping, nested async for)
# through SEND's StopIteration-free path (ceval_loop.h, _MiniAsyncGen_ASendStep). Recorded from CPython 3.11.
import asyncio
async def agen(n):
    for i in range(n):
        got = yield i
        if got is not None:
            print("agen got", got)
    return

async def tree(d):
    if d:
        async for x in tree(d - 1):
            yield x
    yield d
    if d:
        async for x in tree(d - 1):
            yield x

async def main():
    print([x async for x in agen(4)])
    print([x async for x in tree(3)])
    g = agen(5)
    print(await g.__anext__())
    print(await g.asend("hello"))
    print(await g.__anext__())
    try:
        await g.athrow(ValueError("thrown"))
    except ValueError as e:
        print("athrow raised", e)
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("stopped")
    print("default")
    a = agen(3).__anext__()
    print(await a)
    try:
        await a
    except RuntimeError as e:
        print("RT", e)
    async def bad():
        yield 1
        raise KeyError("k")
    try:
        async for v in bad():
            print("bad", v)
    except KeyError as e:
        print("caught", repr(e))
    g2 = agen(10)
    async for v in g2:
        if v == 2:
            break
    await g2.aclose()
    print("closed", g2.ag_running)
    async def with_await():
        for i in range(3):
            await asyncio.sleep(0)
            yield i * 10
    print([v async for v in with_await()])
    s = 0
    async for v in tree(12):
        s += v
    print(s)
asyncio.run(main())
