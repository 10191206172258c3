# asyncio: sleep ordering, tasks, gather, cancellation, wait_for/timeout, wait, as_completed.
import asyncio

U = 0.05  # one time unit: wide enough that a loaded machine keeps the order

log = []


async def sleeper(name, delay, value):
    await asyncio.sleep(delay)
    log.append(name)
    return value


async def failing(delay, msg):
    await asyncio.sleep(delay)
    raise ValueError(msg)


async def forever(name):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print(name, "got CancelledError at its await")
        raise


async def main():
    # sleep ordering: shorter delays finish first whatever the creation order
    tasks = [asyncio.create_task(sleeper(n, d * U, d)) for n, d in [("c", 3), ("a", 1), ("b", 2)]]
    for t in tasks:
        await t
    print("sleep order", log)
    print("results", [t.result() for t in tasks], [t.done() for t in tasks])

    # gather keeps argument order; return_exceptions collects errors
    print("gather", await asyncio.gather(sleeper("x", 2 * U, 1), sleeper("y", 1 * U, 2), asyncio.sleep(0, 3)))
    res = await asyncio.gather(sleeper("z", 0, "ok"), failing(1 * U, "boom"), return_exceptions=True)
    print("gather return_exceptions", [type(r).__name__ + ":" + str(r) for r in res])
    try:
        await asyncio.gather(failing(1 * U, "first"), sleeper("w", 2 * U, 0))
    except ValueError as e:
        print("gather raised", e)
    print("empty gather", await asyncio.gather())

    # cancellation: CancelledError raised inside the coroutine at its await point
    t = asyncio.create_task(forever("t1"))
    await asyncio.sleep(0)
    print("cancel returns", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting a cancelled task raises CancelledError")
    print("cancelled()", t.cancelled(), "done()", t.done())
    print("cancel again", t.cancel())

    # a task that swallows the cancellation carries on
    async def stubborn():
        try:
            await asyncio.sleep(100)
        except asyncio.CancelledError:
            return "swallowed"
    s = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    s.cancel()
    print("stubborn", await s, s.cancelled())

    # done callbacks run on the loop, in registration order
    f = asyncio.get_running_loop().create_future()
    f.add_done_callback(lambda fut: print("callback 1", fut.result()))
    f.add_done_callback(lambda fut: print("callback 2", fut.result()))
    f.set_result(42)
    print("before callbacks run")
    await asyncio.sleep(0)
    try:
        f.set_result(1)
    except asyncio.InvalidStateError:
        print("InvalidStateError on second set_result")
    g = asyncio.get_running_loop().create_future()
    try:
        g.result()
    except asyncio.InvalidStateError as e:
        print("not ready:", e)
    g.set_exception(KeyError("k"))
    print("exception()", repr(g.exception()))

    # wait_for and timeout
    try:
        await asyncio.wait_for(forever("wf"), U)
    except TimeoutError:
        print("wait_for timed out")
    print("wait_for in time", await asyncio.wait_for(sleeper("q", 0, "fast"), 1))
    try:
        async with asyncio.timeout(U):
            await forever("tm")
    except TimeoutError:
        print("timeout() raised TimeoutError")
    async with asyncio.timeout(1):
        await asyncio.sleep(0)
    print("timeout not hit")

    # wait
    ts = [asyncio.create_task(sleeper("w%d" % i, U * i, i), name="w%d" % i) for i in (1, 2, 3)]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print("FIRST_COMPLETED", sorted(t.get_name() for t in done), sorted(t.get_name() for t in pending))
    done, pending = await asyncio.wait(ts)
    print("ALL_COMPLETED", sorted(t.get_name() for t in done), len(pending))
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("wait empty:", e)

    # as_completed yields results in finishing order
    order = []
    for aw in asyncio.as_completed([sleeper("p", 3 * U, "slow"), sleeper("q", 1 * U, "quick"), sleeper("r", 2 * U, "mid")]):
        order.append(await aw)
    print("as_completed", order)

    print("current task is a Task", isinstance(asyncio.current_task(), asyncio.Task))


asyncio.run(main())
print("run returns", asyncio.run(sleeper("end", 0, "value")))
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("outside:", e)


async def crash():
    raise KeyError("from main")

try:
    asyncio.run(crash())
except KeyError as e:
    print("run propagates", repr(e))


# Runner keeps one loop for several runs; set_event_loop/get_event_loop outside a running loop
with asyncio.Runner() as runner:
    print("runner", runner.run(sleeper("r1", 0, 1)), runner.run(sleeper("r2", 0, 2)))
    loop = runner.get_loop()
    print("same loop", loop is runner.get_loop(), loop.is_closed())
print("closed after with", loop.is_closed())
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print("get_event_loop", asyncio.get_event_loop() is loop)
print("run_until_complete", loop.run_until_complete(sleeper("ruc", 0, "done")))
loop.close()
asyncio.set_event_loop(None)
print("iscoroutinefunction", asyncio.iscoroutinefunction(sleeper), asyncio.iscoroutinefunction(print))
