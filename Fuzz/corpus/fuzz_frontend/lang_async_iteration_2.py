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

