async def gather(*coros):
    tasks = [loop.create_task(c) for c in coros]
    results = []
    for t in tasks:
        try:
            results.append(await t)
        except BaseException as e:
            results.append(type(e).__name__)
    return results

