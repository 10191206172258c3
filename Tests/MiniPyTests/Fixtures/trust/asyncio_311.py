# asyncio as people write it with Python 3.11: a worker pool on a Queue, Semaphore, gather with
# return_exceptions, wait_for, wait(FIRST_COMPLETED), Event, run_in_executor, async
# comprehensions, asyncio.timeout, TaskGroup with except*, to_thread, Condition,
# PriorityQueue, cancellation. Output recorded once from CPython 3.11.
import asyncio, random, time


async def worker(name, queue, results):
    while True:
        item = await queue.get()
        try:
            await asyncio.sleep(0.001 * (item % 3))
            results.append((name, item * item, item))
        finally:
            queue.task_done()

async def limited(sem, i):
    async with sem:
        await asyncio.sleep(0.001)
        return i * 2

async def failing():
    await asyncio.sleep(0)
    raise ValueError("nope")

async def slow():
    await asyncio.sleep(10)

async def main():
    queue = asyncio.Queue(maxsize=5)
    results = []
    workers = [asyncio.create_task(worker(f"w{i}", queue, results)) for i in range(3)]
    for i in range(20):
        await queue.put(i)
    await queue.join()
    for w in workers:
        w.cancel()
    res = await asyncio.gather(*workers, return_exceptions=True)
    print(sorted(r[1] for r in results)[:5], len(results), [type(r).__name__ for r in res])
    sem = asyncio.Semaphore(2)
    print(await asyncio.gather(*(limited(sem, i) for i in range(6))))
    print(await asyncio.gather(failing(), limited(sem, 1), return_exceptions=True))
    try:
        await asyncio.wait_for(slow(), timeout=0.01)
    except asyncio.TimeoutError:
        print("timeout ok")
    done, pending = await asyncio.wait([asyncio.create_task(asyncio.sleep(0.001, result=1)), asyncio.create_task(slow())], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), [t.result() for t in done])
    for p in pending:
        p.cancel()
    ev = asyncio.Event()
    async def setter():
        await asyncio.sleep(0.001); ev.set()
    asyncio.create_task(setter())
    await ev.wait()
    print("event", ev.is_set())
    loop = asyncio.get_running_loop()
    r = await loop.run_in_executor(None, sum, [1, 2, 3])
    print("executor", r)
    fut = loop.create_future()
    loop.call_later(0.001, fut.set_result, "later")
    print(await fut)
    async def agen():
        for i in range(3):
            await asyncio.sleep(0)
            yield i
    print([x async for x in agen()])
    try:
        async with asyncio.timeout(0.01):
            await slow()
    except TimeoutError:
        print("asyncio.timeout ok")
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(limited(sem, 5))
        t2 = tg.create_task(limited(sem, 6))
    print(t1.result(), t2.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(failing())
            tg.create_task(slow())
    except* ValueError as eg:
        print("taskgroup", [str(e) for e in eg.exceptions])
    print(await asyncio.to_thread(lambda: "thread"))
    lock = asyncio.Lock()
    cond = asyncio.Condition(lock)
    items = []
    async def consumer():
        async with cond:
            await cond.wait_for(lambda: items)
            return items.pop()
    c = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    async with cond:
        items.append(42); cond.notify()
    print("cond", await c)
    q = asyncio.PriorityQueue()
    for p in (3, 1, 2): q.put_nowait((p, str(p)))
    print([q.get_nowait() for _ in range(3)])
    t = asyncio.create_task(slow(), name="sleeper")
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled", t.cancelled(), t.get_name())
    print(asyncio.iscoroutinefunction(main), asyncio.current_task().get_name().startswith("Task-"))

asyncio.run(main())
