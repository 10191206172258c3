# The builtins aiter() and anext(): anext with and without a default over async generators and
# classes with __anext__, an __anext__ returning a custom awaitable, send/throw/close on the
# awaitable anext(it, default) returns, and CPython's TypeErrors for objects that are not async
# iterators / iterables, and the awaitable as a GC object. Driven by a loop of its own (nothing
# here really suspends).
def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value
    raise RuntimeError("suspended")

class Countdown:
    def __init__(self, n): self.n = n
    def __aiter__(self): return self
    async def __anext__(self):
        if self.n == 0: raise StopAsyncIteration
        self.n -= 1
        return self.n

class BadAIter:
    def __aiter__(self): return 5

class AwaitableNext:
    def __aiter__(self): return self
    def __anext__(self): return self
    def __await__(self):
        yield from ()
        raise StopAsyncIteration

class Boom(Exception): pass

async def agen():
    yield 1
    yield 2

async def catcher():
    try:
        yield "first"
    except Boom:
        yield "caught"

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

async def main():
    g = agen()
    print("anext", await anext(g), await anext(g))
    try:
        await anext(g)
    except StopAsyncIteration as e:
        print("exhausted: StopAsyncIteration", repr(e.args))
    print("default", await anext(g, "done"), await anext(agen(), "unused"))
    it = Countdown(2)
    print("class", await anext(it), await anext(it, -1), await anext(it, -1), await anext(it, None))
    print("aiter is self", aiter(it) is it)
    print("awaitable __anext__", await anext(AwaitableNext(), "dflt"))
    async for x in aiter(Countdown(3)):
        print("async for", x)
    show("anext(1)", lambda: anext(1))
    show("anext([], 0)", lambda: anext([], 0))
    show("anext()", lambda: anext())
    show("anext(g, 1, 2)", lambda: anext(g, 1, 2))
    show("aiter(1)", lambda: aiter(1))
    show("aiter([])", lambda: aiter([]))
    show("aiter(BadAIter())", lambda: aiter(BadAIter()))
    show("aiter()", lambda: aiter())
    aw = anext(agen(), 0)
    print("awaitable has", hasattr(aw, "__await__"), hasattr(aw, "send"), hasattr(aw, "throw"), hasattr(aw, "close"))
    aw.close()
    itr = anext(Countdown(0), "d").__await__()
    try:
        itr.send(None)
    except StopIteration as e:
        print("send on exhausted: StopIteration", repr(e.value))
    c = catcher()
    print("catcher", await anext(c, "none"))
    w = anext(c, "none")
    w.__await__()
    try:
        w.throw(Boom())
    except StopIteration as e:
        print("throw caught inside:", repr(e.value))
    w2 = anext(c, "none")
    try:
        w2.throw(Boom())
    except Boom:
        print("throw not caught: Boom")
    print("after", await anext(c, "none"))
    return "ok"

print(run(main()))

# The awaitable anext(it, default) returns is a GC object: a cycle through its default is collected.
import gc
import weakref
class Box:
    pass
box = Box()
box.aw = anext(agen(), box)
print("anext awaitable tracked", gc.is_tracked(box.aw))
ref = weakref.ref(box)
del box
gc.collect()
print("cycle through the default collected", ref() is None)
