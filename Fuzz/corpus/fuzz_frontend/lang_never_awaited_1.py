# A coroutine created and dropped without being awaited: CPython warns on stderr.
async def fetch(n):
    return n * 2


async def main():
    fetch(1)          # forgot the await
    v = await fetch(2)
    print("awaited", v)
    return v


c = main()
