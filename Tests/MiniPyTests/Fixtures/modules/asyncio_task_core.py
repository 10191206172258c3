# asyncio's task core, the paths issue 11's speed work rewrote: the order of task steps and done
# callbacks, exceptions and cancellation through await / gather / TaskGroup, current_task, task
# names and repr, futures awaited twice, duplicate awaitables in gather, bad yields.
import asyncio

trace = []


async def leaf(name, value=None, fail=None):
    trace.append("start " + name)
    await asyncio.sleep(0)
    trace.append("end " + name)
    if fail is not None:
        raise fail
    return value


async def order_of_steps():
    # tasks start in creation order; each sleep(0) lets every ready task take one step
    ts = [asyncio.create_task(leaf(n, n.upper())) for n in "abc"]
    print("before await", trace)
    print("results", [await t for t in ts])
    print("trace", trace)
    trace.clear()


async def done_callbacks():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    seen = []
    for i in range(3):
        f.add_done_callback(lambda fut, i=i: seen.append(("cb", i, fut.result())))
    loop.call_soon(seen.append, "call_soon before set_result")
    f.set_result("R")
    loop.call_soon(seen.append, "call_soon after set_result")
    f.add_done_callback(lambda fut: seen.append("added when done"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("callback order", seen)
    g = loop.create_future()
    cb = seen.append
    g.add_done_callback(cb)
    g.add_done_callback(cb)
    print("removed", g.remove_done_callback(cb), g.remove_done_callback(cb))
    g.set_result(1)
    await asyncio.sleep(0)
    # a callback that raises is reported and the loop carries on
    h = loop.create_future()
    h.add_done_callback(lambda fut: 1 / 0)
    h.add_done_callback(lambda fut: print("second callback still runs"))
    loop.set_exception_handler(lambda lp, ctx: print("handler:", ctx["message"].split(" ")[:3], type(ctx["exception"]).__name__))
    h.set_result(None)
    await asyncio.sleep(0)
    loop.set_exception_handler(None)


async def exceptions_through_await():
    async def inner():
        await asyncio.sleep(0)
        raise KeyError("inner")

    async def middle():
        try:
            return await inner()
        except KeyError as e:
            raise ValueError("middle") from e

    t = asyncio.create_task(middle())
    try:
        await t
    except ValueError as e:
        print("await raised", repr(e), "cause", repr(e.__cause__))
    print("task done", t.done(), "exception", repr(t.exception()))
    try:
        t.result()
    except ValueError as e:
        print("result() raises again", repr(e))


async def gather_paths():
    trace.clear()
    r = await asyncio.gather(leaf("g1", 1), leaf("g2", 2), leaf("g3", 3))
    print("gather", r, trace)
    c = leaf("dup", "D")
    print("duplicate coroutine", await asyncio.gather(c, c))
    f = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(f.set_result, "F")
    print("future twice", await asyncio.gather(f, f, leaf("x", "X")))
    try:
        await asyncio.gather(leaf("ok", 1), leaf("bad", fail=KeyError("g")))
    except KeyError as e:
        print("gather propagates", repr(e))
    r = await asyncio.gather(leaf("ok2", 1), leaf("bad2", fail=KeyError("h")), return_exceptions=True)
    print("return_exceptions", [repr(x) for x in r])

    async def slow():
        await asyncio.sleep(10)

    t1 = asyncio.create_task(slow())
    t2 = asyncio.create_task(slow())
    g = asyncio.gather(t1, t2, return_exceptions=True)
    await asyncio.sleep(0)
    t1.cancel()
    t2.cancel()
    r = await g
    print("children cancelled, return_exceptions", [type(x).__name__ for x in r])
    g = asyncio.gather(asyncio.create_task(slow()), asyncio.create_task(slow()))
    await asyncio.sleep(0)
    print("gather.cancel()", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("cancelled gather raises CancelledError", g.cancelled())
    trace.clear()


async def cancellation():
    started = asyncio.Event()

    async def victim():
        try:
            started.set()
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            print("victim sees", type(e).__name__, e.args)
            raise

    t = asyncio.create_task(victim())
    await started.wait()
    print("cancel with message", t.cancel("stop now"), "cancelling", t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiter sees", type(e).__name__, e.args)
    print("cancelled", t.cancelled())

    # cancel before the first step: the coroutine never starts
    ran = []

    async def never():
        ran.append(1)

    t = asyncio.create_task(never())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled before start, ran:", ran)

    # cancelling the awaiting task cancels the future it waits on
    fut = asyncio.get_running_loop().create_future()

    async def waiter():
        await fut

    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)
    print("inner future cancelled", fut.cancelled(), "task", t.done())
    try:
        await t
    except asyncio.CancelledError:
        pass
    print("after", t.cancelled())


async def task_groups():
    results = []

    async def child(n):
        await asyncio.sleep(0)
        results.append(n)
        return n * 10

    async with asyncio.TaskGroup() as tg:
        ts = [tg.create_task(child(i)) for i in range(3)]
    print("taskgroup results", results, [t.result() for t in ts])

    async def boom():
        await asyncio.sleep(0)
        raise ValueError("tg boom")

    async def sibling():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("sibling cancelled by the group")
            raise

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sibling())
            tg.create_task(boom())
    except BaseException as eg:
        print("group raised", type(eg).__name__, [repr(e) for e in eg.exceptions])


async def identity():
    me = asyncio.current_task()
    print("current_task name", me.get_name() == "main-task", me in asyncio.all_tasks())

    async def who():
        return asyncio.current_task()

    t = asyncio.create_task(who(), name="named")
    print("inside the task", (await t) is t, t.get_name(), repr(t).startswith("<Task finished name='named'"))
    t.set_name(123)
    print("set_name", repr(t.get_name()))
    u = asyncio.create_task(who())
    print("default name form", u.get_name().startswith("Task-"), u.get_name()[5:].isdigit())
    await u
    print("done task not in all_tasks", u not in asyncio.all_tasks())

    async def bad_yield():
        class Bad:
            def __await__(self):
                yield "not a future"
        await Bad()

    try:
        await asyncio.create_task(bad_yield())
    except RuntimeError as e:
        print("bad yield:", str(e).split(":")[0])

    fut = asyncio.get_running_loop().create_future()
    fut.set_result(5)
    print("await done future twice", await fut, await fut)
    print("task is a future", isinstance(t, asyncio.Future), t.done(), t.cancelled())
    try:
        t.set_result(1)
    except RuntimeError as e:
        print("set_result on task:", e)


class TaggedFuture(asyncio.Future):
    def __init__(self, tag, **kw):
        super().__init__(**kw)
        self.tag = tag


class CountingTask(asyncio.Task):
    steps = 0

    def __init__(self, coro, **kw):
        super().__init__(coro, **kw)
        self.label = "counted"


async def subclasses():
    loop = asyncio.get_running_loop()
    f = TaggedFuture("t", loop=loop)
    loop.call_soon(f.set_result, 7)
    print("future subclass", await f, f.tag, type(f).__name__, isinstance(f, asyncio.Future))
    g = loop.create_future()
    g.extra = 1
    print("attribute on a future", g.extra, repr(g))
    g.set_exception(KeyError)
    print("exception class instantiated", repr(g.exception()), repr(g))
    try:
        g.set_exception(StopIteration())
    except BaseException as e:
        print(type(e).__name__)
    h = loop.create_future()
    try:
        h.set_exception(StopIteration())
    except TypeError as e:
        print("StopIteration refused:", e)
    t = CountingTask(leaf("sub", "S"), loop=loop)
    print("task subclass", await t, t.label, isinstance(t, asyncio.Task), t.cancel())
    trace.clear()
    r = loop.create_future()
    r.set_result([1])
    c = loop.create_future()
    c.cancel()
    print("reprs", repr(r), repr(c))
    try:
        asyncio.Task(42)
    except TypeError as e:
        print("not a coroutine:", e)


async def main():
    asyncio.current_task().set_name("main-task")
    await subclasses()
    await order_of_steps()
    await done_callbacks()
    await exceptions_through_await()
    await gather_paths()
    await cancellation()
    await task_groups()
    await identity()


asyncio.run(main())
print("end")
