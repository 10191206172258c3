

class Future:
    def __init__(self, name):
        self.name = name
        self.done = False
        self.result = None
    def set(self, v):
        self.done = True
        self.result = v
    def __await__(self):
        if not self.done:
            yield self
        return self.result

class Loop:
    def __init__(self):
        self.ready = []
        self.log = []
    def spawn(self, coro):
        self.ready.append((coro, None))
    def run(self):
        while self.ready:
            coro, value = self.ready.pop(0)
            try:
                fut = coro.send(value)
            except StopIteration as e:
                self.log.append(("done", coro.__name__, e.value))
                continue
            except Exception as e:
                self.log.append(("error", coro.__name__, type(e).__name__, str(e)))
                continue
            # resolve immediately, resume at the back of the queue
            fut.set(fut.name + "!")
            self.ready.append((coro, None))

async def ping(n, tag):
    total = []
    for i in range(n):
        r = await Future(f"{tag}{i}")
        print(tag, i, r)
        total.append(r)
    return len(total)

async def nested(x):
    a = await inner(x)
    b = await inner(x + 1)
    return a + b

async def inner(x):
    r = await Future(str(x))
    return int(r[:-1]) * 10

async def boom():
    await Future("b")
    raise ValueError("kaboom")

loop = Loop()
loop.spawn(ping(3, "a"))
loop.spawn(ping(2, "b"))
loop.spawn(nested(4))
loop.spawn(boom())
loop.run()
for entry in loop.log:
    print(entry)

# protocol details
async def simple():
    return 42
c = simple()
print(type(c).__name__, c.__name__, c.__qualname__, c.cr_running)
try:
    c.send(None)
except StopIteration as e:
    print("stop", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

async def catcher():
    try:
        await Future("x")
    except KeyError as e:
        print("caught", repr(e))
        return "recovered"
    finally:
        print("finally in catcher")

c = catcher()
f = c.send(None)
print("yielded", f.name)
try:
    c.throw(KeyError("k"))
except StopIteration as e:
    print("stop", e.value)

async def outer():
    try:
        return await catcher()
    finally:
        print("outer finally")
c = outer()
c.send(None)
try:
    c.throw(KeyError("deep"))
except StopIteration as e:
    print("deep stop", e.value)

c = outer()
c.send(None)
c.close()
print("closed")

async def ignore_exit():
    try:
        await Future("z")
    except GeneratorExit:
        await Future("again")
c = ignore_exit()
c.send(None)
try:
    c.close()
except RuntimeError as e:
    print("RuntimeError:", e)

w = simple().__await__()
print(type(w).__name__)
try:
    next(w)
except StopIteration as e:
    print("wrapper stop", e.value)

async def bad_await():
    await 5
c = bad_await()
try:
    c.send(None)
except TypeError as e:
    print("TypeError:", e)

async def reuse():
    co = simple()
    print(await co)
    print(await co)
c = reuse()
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

try:
    c = simple()
    c.send(1)
except TypeError as e:
    print("TypeError:", e)
c.close()

def gen_based():
    x = yield "g"
    return x * 2
class GA:
    def __await__(self):
        return gen_based()
async def use_ga():
    return await GA()
c = use_ga()
print(c.send(None))
try:
    c.send(21)
except StopIteration as e:
    print("ga", e.value)
