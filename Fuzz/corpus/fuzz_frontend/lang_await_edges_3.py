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
