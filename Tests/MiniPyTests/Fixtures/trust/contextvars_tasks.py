# contextvars (PEP 567): ContextVar get/set/reset and Token, Context.run/copy and its mapping,
# the errors, and asyncio: each task runs in a copy of the context current when it was made.
# Output recorded once from CPython 3.11.
import asyncio, contextvars
request_id = contextvars.ContextVar("request_id", default="-")
user = contextvars.ContextVar("user")
print(repr(request_id.get()), request_id.name)
try:
    user.get()
except LookupError as e:
    print("LookupError", type(e).__name__, e is not None)
print(user.get("dflt"))
tok = user.set("alice")
print(user.get(), tok.var is user, tok.old_value is contextvars.Token.MISSING, repr(contextvars.Token.MISSING))
tok2 = user.set("bob")
print(tok2.old_value)
user.reset(tok2)
print(user.get())
try:
    user.reset(tok2)
except RuntimeError as e:
    print("RuntimeError used")
user.reset(tok)
print(user.get("gone"))
ctx = contextvars.copy_context()
def inside(x):
    user.set("in-run")
    return user.get(), x
print(ctx.run(inside, 5), user.get("outside"), ctx[user], user in ctx, len(ctx), list(ctx.keys()) == [user])
try:
    ctx.run(lambda: ctx.run(print))
except RuntimeError as e:
    print("RuntimeError", str(e).startswith("cannot enter context"))
try:
    ctx["x"]
except TypeError as e:
    print("TypeError", e)
c2 = contextvars.Context()
print(len(c2), c2.get(user, 7))

async def handler(n):
    request_id.set(f"req-{n}")
    await asyncio.sleep(0.001 * (3 - n))
    await sub()
    return request_id.get()

async def sub():
    assert request_id.get().startswith("req-")

async def main():
    request_id.set("main")
    results = await asyncio.gather(*(handler(i) for i in range(3)))
    print(results, request_id.get())
    async with asyncio.TaskGroup() as tg:
        ts = [tg.create_task(handler(i)) for i in range(2)]
    print([t.result() for t in ts], request_id.get())
    c = contextvars.copy_context()
    t = asyncio.create_task(handler(9), context=c)
    await t
    print(c[request_id], request_id.get())
asyncio.run(main())
print(request_id.get())
