async def c():
    return (3, 4)
try:
    c().send(None)
except StopIteration as e:
    print(e.value)
def h():
    r = yield from g()
    print("r", r)
list(h())
async def agen(n):
    for i in range(n):
        yield i, 10
async def main():
    print([x async for x in agen(2)])
    g = agen(2)
    print(await g.__anext__())
    async for x in agen(2):
        print(x)
    async for a, b in agen(2):
        print(a, b)
