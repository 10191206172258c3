class Sleep:
    def __init__(self, tag):
        self.tag = tag
    def __await__(self):
        yield self.tag
        return self.tag.upper()

def run(coro):
    """Drive a coroutine, printing what it yields to the 'loop'."""
    trace = []
    value = None
    while True:
        try:
            y = coro.send(value)
        except StopIteration as e:
            print("loop trace:", trace)
            return e.value
        trace.append(y)
        value = None

