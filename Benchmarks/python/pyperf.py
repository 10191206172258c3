# pyperf.py: the kit's own stand-in for the `pyperf` benchmark harness, just enough of its API
# (Runner.bench_func / bench_time_func / metadata / argparser / parse_args, perf_counter) for
# pyperformance's run_benchmark.py files to run unchanged under MiniPy and CPython alike. It is
# not pyperf: no worker processes, no statistics beyond a median. `extdemo bench --suite python`
# puts its directory first on the import path of both interpreters, so both are timed by the same
# code. Each benchmark prints one line on stdout:
#     #pyperf-result NAME MEDIAN_SECONDS_PER_LOOP MIN_SECONDS_PER_LOOP LOOPS VALUES
# Options read from sys.argv (anything else is left for the script's own arguments):
#     --values N     timed repetitions (default 3)      --min-time S  seconds per value (default 0.2)
#     --loops N      fixed loop count (default: calibrated so one value takes >= min-time)
import sys
import time

perf_counter = time.perf_counter


def python_implementation():
    return sys.implementation.name if hasattr(sys, "implementation") else "minipy"


def python_has_jit():
    return False


class _Namespace:
    def __init__(self, **values):
        for key in values:
            setattr(self, key, values[key])

    def __repr__(self):
        return "Namespace(%r)" % (self.__dict__,)


class _Option:
    def __init__(self, names, options):
        self.names = names
        self.positional = not names[0].startswith("-")
        dest = options.get("dest")
        if dest is None:
            longest = names[0]
            for name in names:
                if name.startswith("--"):
                    longest = name
                    break
            dest = longest.lstrip("-").replace("-", "_")
        self.dest = dest
        self.action = options.get("action", "store")
        self.nargs = options.get("nargs")
        self.convert = options.get("type")
        self.choices = options.get("choices")
        if "default" in options:
            self.default = options["default"]
        elif self.action == "store_true":
            self.default = False
        elif self.action == "store_false":
            self.default = True
        elif self.nargs in ("*", "+"):
            self.default = []
        else:
            self.default = None

    def value(self, text):
        if self.convert is not None:
            text = self.convert(text)
        if self.choices is not None and text not in self.choices:
            raise SystemExit("pyperf stand-in: invalid choice %r for %s" % (text, self.names[0]))
        return text


class _ArgumentParser:
    """The small part of argparse.ArgumentParser the benchmark scripts use."""

    def __init__(self, description=None):
        self.description = description
        self.options = []

    def add_argument(self, *names, **options):
        option = _Option(list(names), options)
        self.options.append(option)
        return option

    def set_defaults(self, **values):
        for option in self.options:
            if option.dest in values:
                option.default = values[option.dest]

    def _find(self, word):
        for option in self.options:
            if word in option.names:
                return option
        return None

    def parse_args(self, args=None):
        words = list(sys.argv[1:] if args is None else args)
        values = {}
        for option in self.options:
            values[option.dest] = option.default
        positionals = [o for o in self.options if o.positional]
        rest = []
        i = 0
        while i < len(words):
            word = words[i]
            i += 1
            if word.startswith("-") and len(word) > 1:
                text = None
                if "=" in word:
                    word, text = word.split("=", 1)
                option = self._find(word)
                if option is None:
                    if word in _RUNNER_OPTIONS and text is None:
                        i += 1
                    continue
                if option.action == "store_true":
                    values[option.dest] = True
                elif option.action == "store_false":
                    values[option.dest] = False
                else:
                    if text is None:
                        text = words[i]
                        i += 1
                    if option.action == "append":
                        values[option.dest] = list(values[option.dest] or []) + [option.value(text)]
                    else:
                        values[option.dest] = option.value(text)
            else:
                rest.append(word)
        for option in positionals:
            if option.nargs in ("*", "+"):
                values[option.dest] = [option.value(w) for w in rest]
                rest = []
            elif rest:
                values[option.dest] = option.value(rest.pop(0))
        return _Namespace(**values)


_RUNNER_OPTIONS = ("--values", "--min-time", "--loops")


def _runner_option(name, convert, default):
    words = sys.argv
    for i in range(len(words)):
        if words[i] == name and i + 1 < len(words):
            return convert(words[i + 1])
        if words[i].startswith(name + "="):
            return convert(words[i][len(name) + 1:])
    return default


class Runner:
    """Times benchmark functions in this process and prints one result line per benchmark."""

    def __init__(self, values=None, processes=None, loops=0, min_time=None, metadata=None,
                 show_name=True, program_args=None, add_cmdline_args=None, **ignored):
        self.metadata = dict(metadata or {})
        self.argparser = _ArgumentParser()
        self.args = None
        self.values = _runner_option("--values", int, values or 3)
        self.min_time = _runner_option("--min-time", float, min_time or 0.2)
        self.loops = _runner_option("--loops", int, loops or 0)
        self.results = []

    def parse_args(self, args=None):
        self.args = self.argparser.parse_args(args)
        return self.args

    def _measure(self, name, timer, inner_loops):
        if self.args is None:
            self.parse_args()
        inner = inner_loops or 1
        first = timer(1)                      # warm-up, and the calibration run
        loops = self.loops
        if loops <= 0:
            loops = 1
            if first > 0:
                loops = int(self.min_time / first) + 1
            if loops > 1000000:
                loops = 1000000
        samples = []
        for _ in range(self.values):
            samples.append(timer(loops) / (loops * inner))
        samples.sort()
        median = samples[len(samples) // 2]
        line = "#pyperf-result %s %r %r %d %d" % (name, median, samples[0], loops, len(samples))
        print(line)
        self.results.append((name, median))
        return median

    def bench_func(self, name, func, *args, inner_loops=None, metadata=None):
        def timer(loops):
            start = perf_counter()
            for _ in range(loops):
                func(*args)
            return perf_counter() - start
        return self._measure(name, timer, inner_loops)

    def bench_time_func(self, name, time_func, *args, inner_loops=None, metadata=None):
        return self._measure(name, lambda loops: time_func(loops, *args), inner_loops)

    def bench_async_func(self, name, func, *args, inner_loops=None, metadata=None):
        import asyncio

        def timer(loops):
            start = perf_counter()
            for _ in range(loops):
                asyncio.run(func(*args))
            return perf_counter() - start
        return self._measure(name, timer, inner_loops)

    def bench_command(self, name, command):
        raise NotImplementedError("the pyperf stand-in does not run commands")
