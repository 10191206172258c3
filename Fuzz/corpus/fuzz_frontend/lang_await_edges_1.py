# Awaiting inside except and finally blocks, deep await chains, close/throw through yield from,
# an async generator holding an async with that is abandoned after break.
class Y:
    def __await__(self):
        yield "tick"
def drive(c):
    out = []
    try:
        while True:
            out.append(c.send(None))
    except StopIteration as e:
        return out, e.value
