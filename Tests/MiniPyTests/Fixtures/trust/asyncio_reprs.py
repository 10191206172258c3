# The reprs of asyncio's Future and Task, as CPython 3.11 writes them: the state, result= (through
# reprlib, so long values are shortened) or exception=, the done callbacks (cb=[...], first and last
# with a count between), a task's name=, coro=<...> (where its coroutine is suspended, or where
# it was defined once done), wait_for=<the future it awaits> and 'cancelling' (tasks are named:
# the default Task-N counter runs across the whole process). File names are
# replaced by FILE so the output does not depend on where the script lives.
import asyncio
import functools


def show(x):
    print(repr(x).replace(__file__, 'FILE'))


class K:
    def meth(self, f):
        pass


def cb(f, *a, **k):
    pass


async def work(x):
    await asyncio.sleep(0)
    return x


async def waiter(fut):
    return await fut


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    show(f)
    f.add_done_callback(cb)
    show(f)
    f.add_done_callback(K().meth)
    show(f)
    f.add_done_callback(functools.partial(cb, 1, k='v'))
    f.add_done_callback(print)
    show(f)
    t = asyncio.create_task(work(1), name='T1')
    show(t)
    await asyncio.sleep(0)
    show(t)
    await t
    show(t)
    f.set_result('x' * 50)
    show(f)
    f2 = loop.create_future()
    f2.set_exception(ValueError('bad'))
    show(f2)
    f2.exception()
    f3 = loop.create_future()
    f3.cancel()
    show(f3)
    g = loop.create_future()
    t2 = asyncio.create_task(waiter(g), name='W2')
    await asyncio.sleep(0)
    show(g)
    t2.cancel()
    show(t2)
    try:
        await t2
    except asyncio.CancelledError:
        pass
    show(t2)
    h = loop.create_future()
    h.set_result(list(range(20)))
    show(h)
    t3 = asyncio.create_task(waiter(h), name='W3')
    await t3
    show(t3)
    t4 = asyncio.create_task(work({'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5}), name='W4')
    await t4
    show(t4)


asyncio.run(main())
