# kit_constraints.py: one of the kit's own suite programs (object graphs and method dispatch, the
# kind deltablue measures). A propagation network of connectors and constraints (adders,
# multipliers, constants, probes) in the style of the classic SICP example: setting one value
# walks the graph through many small virtual calls, list scans and attribute updates, then the
# values are forgotten and the next one set. Checks its result.
import pyperf


class Connector:
    def __init__(self, name):
        self.name = name
        self.value = None
        self.informant = None
        self.constraints = []

    def has_value(self):
        return self.value is not None

    def set(self, value, informant):
        if self.value is None:
            self.value = value
            self.informant = informant
            for c in self.constraints:
                if c is not informant:
                    c.new_value()
        elif self.value != value:
            raise ValueError("contradiction at %s" % self.name)

    def forget(self, retractor):
        if retractor is self.informant:
            self.informant = None
            self.value = None
            for c in self.constraints:
                if c is not retractor:
                    c.forget_value()

    def connect(self, constraint):
        if constraint not in self.constraints:
            self.constraints.append(constraint)
        if self.value is not None:
            constraint.new_value()


class Constraint:
    def forget_value(self):
        for c in self.connectors():
            c.forget(self)
        self.new_value()


class Adder(Constraint):
    def __init__(self, a, b, total):
        self.a, self.b, self.total = a, b, total
        for c in (a, b, total):
            c.connect(self)

    def connectors(self):
        return (self.a, self.b, self.total)

    def new_value(self):
        a, b, t = self.a, self.b, self.total
        if a.has_value() and b.has_value():
            t.set(a.value + b.value, self)
        elif a.has_value() and t.has_value():
            b.set(t.value - a.value, self)
        elif b.has_value() and t.has_value():
            a.set(t.value - b.value, self)


class Multiplier(Constraint):
    def __init__(self, a, b, product):
        self.a, self.b, self.product = a, b, product
        for c in (a, b, product):
            c.connect(self)

    def connectors(self):
        return (self.a, self.b, self.product)

    def new_value(self):
        a, b, p = self.a, self.b, self.product
        if (a.has_value() and a.value == 0) or (b.has_value() and b.value == 0):
            p.set(0, self)
        elif a.has_value() and b.has_value():
            p.set(a.value * b.value, self)
        elif a.has_value() and p.has_value():
            b.set(p.value / a.value, self)
        elif b.has_value() and p.has_value():
            a.set(p.value / b.value, self)


class Constant(Constraint):
    def __init__(self, value, connector):
        self.connector = connector
        connector.connect(self)
        connector.set(value, self)

    def connectors(self):
        return (self.connector,)

    def new_value(self):
        pass


class Probe(Constraint):
    def __init__(self, connector, sink):
        self.connector = connector
        self.sink = sink
        connector.connect(self)

    def connectors(self):
        return (self.connector,)

    def new_value(self):
        self.sink.append(self.connector.value)

    def forget_value(self):
        pass


def chain(length, sink):
    """x -> (x * 9 / 5 + 32) repeated `length` times, each stage probed."""
    first = Connector("x0")
    current = first
    for i in range(length):
        scaled, nine, five, ratio, offset, out = (Connector("s%d" % i), Connector("n%d" % i), Connector("f%d" % i),
                                                  Connector("r%d" % i), Connector("o%d" % i), Connector("x%d" % (i + 1)))
        Constant(9, nine)
        Constant(5, five)
        Constant(32, offset)
        Multiplier(current, nine, scaled)
        Multiplier(ratio, five, scaled)
        Adder(ratio, offset, out)
        Probe(out, sink)
        current = out
    return first, current


def bench():
    sink = []
    first, last = chain(40, sink)
    user = object()
    total = 0.0
    for k in range(30):
        first.set(float(k % 7) - 3.0, user)
        total += last.value / 1e50
        first.forget(user)
        last.set(float(k), user)
        total += first.value
        last.forget(user)
    return round(total, 6), len(sink)


EXPECTED = (-1200.0, 2400)   # recorded with CPython 3.11

if __name__ == "__main__":
    result = bench()
    if EXPECTED is not None and result != EXPECTED:
        raise SystemExit("kit_constraints: wrong result %r" % (result,))
    runner = pyperf.Runner()
    runner.metadata["description"] = "the kit's constraint-propagation program"
    runner.bench_func("kit_constraints", bench)
