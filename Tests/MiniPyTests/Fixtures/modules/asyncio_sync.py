# asyncio: TaskGroup (sibling cancellation, ExceptionGroup), Queue, Lock, Event, Semaphore,
# Condition, to_thread and run_in_executor.
import asyncio
import threading

U = 0.05  # one time unit: wide enough that a loaded machine keeps the order


async def worker(name, delay, log):
    try:
        await asyncio.sleep(delay)
        log.append(name)
        return name
    except asyncio.CancelledError:
        log.append(name + " cancelled")
        raise


async def fail_after(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def taskgroups():
    log = []
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(worker("a", 2 * U, log))
        b = tg.create_task(worker("b", U, log))
    print("taskgroup ok", log, a.result(), b.result())

    log = []
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("slow", 10 * U, log))
            tg.create_task(fail_after(U, ValueError("bad child")))
            await asyncio.sleep(20 * U)
            log.append("body not cancelled?")
    except Exception as eg:
        print("taskgroup error", type(eg).__name__, str(eg))
        print("sub-exceptions", [repr(e) for e in eg.exceptions])
    print("siblings", log)

    log = []
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("sib", 10 * U, log))
            await asyncio.sleep(0)
            raise KeyError("body")
    except Exception as eg:
        print("body error", type(eg).__name__, [repr(e) for e in eg.exceptions])
    print("after body error", log)

    # the group as a whole can be cancelled from outside
    async def grouped():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("inner", 10 * U, log))
            await asyncio.sleep(10 * U)
    log = []
    outer = asyncio.create_task(grouped())
    await asyncio.sleep(U)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled", log)


async def queues():
    q = asyncio.Queue(maxsize=2)
    got = []

    async def producer():
        for i in range(5):
            await q.put(i)
            got.append("put %d" % i)
        await q.put(None)

    async def consumer():
        while True:
            item = await q.get()
            q.task_done()
            if item is None:
                break
            got.append("get %d" % item)
            await asyncio.sleep(0)

    await asyncio.gather(producer(), consumer())
    await q.join()
    print("queue", got)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    q.put_nowait(1)
    q.put_nowait(2)
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print("QueueFull", q.qsize(), q.full())
    pq = asyncio.PriorityQueue()
    for x in (5, 1, 3):
        pq.put_nowait(x)
    print("priority", [pq.get_nowait() for _ in range(3)])


async def primitives():
    lock = asyncio.Lock()
    trace = []

    async def critical(name):
        async with lock:
            trace.append(name + " in")
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            trace.append(name + " out")

    await asyncio.gather(critical("A"), critical("B"), critical("C"))
    print("lock", trace, lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("release unlocked:", e)

    ev = asyncio.Event()

    async def waiter(n):
        await ev.wait()
        return n * 10

    ws = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("event set?", ev.is_set(), [w.done() for w in ws])
    ev.set()
    print("event", await asyncio.gather(*ws))

    sem = asyncio.Semaphore(2)
    active = [0]
    peak = [0]

    async def limited(i):
        async with sem:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
            await asyncio.sleep(0)
            active[0] -= 1
            return i

    print("semaphore", await asyncio.gather(*[limited(i) for i in range(5)]), "peak", peak[0])
    bs = asyncio.BoundedSemaphore(1)
    try:
        bs.release()
    except ValueError as e:
        print("bounded:", e)

    cond = asyncio.Condition()
    items = []

    async def consume(name):
        async with cond:
            await cond.wait_for(lambda: items)
            return name + ":" + items.pop(0)

    cs = [asyncio.create_task(consume("c%d" % i)) for i in range(2)]
    await asyncio.sleep(0)
    async with cond:
        items.append("x")
        items.append("y")
        cond.notify_all()
    print("condition", await asyncio.gather(*cs))


def blocking(a, b):
    return (a + b, threading.current_thread() is not threading.main_thread())


async def threads():
    print("to_thread", await asyncio.to_thread(blocking, 2, 3))
    loop = asyncio.get_running_loop()
    print("run_in_executor", await loop.run_in_executor(None, blocking, 10, 20))
    results = await asyncio.gather(*[asyncio.to_thread(pow, 2, i) for i in range(6)])
    print("many threads", results)

    def boom():
        raise OSError("in thread")
    try:
        await asyncio.to_thread(boom)
    except OSError as e:
        print("thread error", e)


async def main():
    await taskgroups()
    await queues()
    await primitives()
    await threads()

asyncio.run(main())
