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

