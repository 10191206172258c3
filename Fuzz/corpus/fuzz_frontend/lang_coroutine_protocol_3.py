async def ping(n, tag):
    total = []
    for i in range(n):
        r = await Future(f"{tag}{i}")
        print(tag, i, r)
        total.append(r)
    return len(total)

async def nested(x):
    a = await inner(x)
    b = await inner(x + 1)
    return a + b

