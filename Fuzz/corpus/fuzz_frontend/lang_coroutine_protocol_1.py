

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

