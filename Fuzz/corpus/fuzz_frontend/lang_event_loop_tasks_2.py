loop = Loop()

async def worker(name, delays, log):
    total = 0
    try:
        for d in delays:
            got = await loop.sleep(d, d * 10)
            log.append((loop.now, name, got))
            total += got
        return total
    except CancelledError:
        log.append((loop.now, name, "cancelled"))
        raise
    finally:
        log.append((loop.now, name, "finally"))

