# A small event loop in the style of asyncio: tasks, sleeping by virtual time, cancellation,
# gather, timeouts via throw.
import heapq

class CancelledError(BaseException):
    pass

class Future:
    def __init__(self, loop):
        self.loop = loop
        self._done = False
        self._result = None
        self._exc = None
        self._callbacks = []
    def done(self):
        return self._done
    def set_result(self, v):
        self._done = True
        self._result = v
        for cb in self._callbacks:
            self.loop.call_soon(cb, self)
    def set_exception(self, e):
        self._done = True
        self._exc = e
        for cb in self._callbacks:
            self.loop.call_soon(cb, self)
    def add_done_callback(self, cb):
        if self._done:
            self.loop.call_soon(cb, self)
        else:
            self._callbacks.append(cb)
    def result(self):
        if self._exc is not None:
            raise self._exc
        return self._result
    def __await__(self):
        if not self._done:
            yield self
        return self.result()

class Task(Future):
    def __init__(self, loop, coro, name):
        super().__init__(loop)
        self.coro = coro
        self.name = name
        self._must_cancel = False
        loop.call_soon(self._step)
    def cancel(self):
        self._must_cancel = True
    def _step(self, _fut=None):
        try:
            if self._must_cancel:
                self._must_cancel = False
                fut = self.coro.throw(CancelledError())
            elif _fut is not None and _fut._exc is not None:
                fut = self.coro.throw(_fut._exc)
            else:
                fut = self.coro.send(None)
        except StopIteration as e:
            self.set_result(e.value)
        except CancelledError as e:
            self.set_exception(e)
        except Exception as e:
            self.set_exception(e)
        else:
            fut.add_done_callback(self._wake)
    def _wake(self, fut):
        self._step(fut)

class Loop:
    def __init__(self):
        self.now = 0
        self.ready = []
        self.timers = []
        self.seq = 0
    def call_soon(self, cb, *args):
        self.ready.append((cb, args))
    def call_at(self, when, cb, *args):
        self.seq += 1
        heapq.heappush(self.timers, (when, self.seq, cb, args))
    def create_task(self, coro, name="task"):
        return Task(self, coro, name)
    def sleep(self, delay, result=None):
        f = Future(self)
        self.call_at(self.now + delay, f.set_result, result)
        return f
    def run_until_complete(self, coro):
        t = self.create_task(coro, "main")
        while not t.done():
            if not self.ready and self.timers:
                when, _, cb, args = heapq.heappop(self.timers)
                self.now = when
                self.ready.append((cb, args))
            batch, self.ready = self.ready, []
            for cb, args in batch:
                cb(*args)
        return t.result()

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

async def gather(*coros):
    tasks = [loop.create_task(c) for c in coros]
    results = []
    for t in tasks:
        try:
            results.append(await t)
        except BaseException as e:
            results.append(type(e).__name__)
    return results

async def failing():
    await loop.sleep(2)
    raise KeyError("nope")

async def main():
    log = []
    res = await gather(worker("a", [1, 3, 1], log), worker("b", [2, 2], log), failing())
    print("gather:", res)
    for entry in log:
        print(" ", entry)
    log.clear()
    t = loop.create_task(worker("c", [5, 5, 5], log), "c")
    await loop.sleep(7)
    t.cancel()
    try:
        await t
    except CancelledError:
        print("task c was cancelled at", loop.now)
    for entry in log:
        print(" ", entry)
    async def agen(n):
        for i in range(n):
            await loop.sleep(1)
            yield i, loop.now
    print("agen:", [x async for x in agen(3)])
    return "main done at %d" % loop.now

print(loop.run_until_complete(main()))
