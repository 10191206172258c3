
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

