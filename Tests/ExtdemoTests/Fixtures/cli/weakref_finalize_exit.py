# weakref.finalize at interpreter exit: finalizers still alive with atexit=True run after the
# program's last line, newest first, together with atexit's functions (registered later = run
# earlier); one with atexit=False never runs, even when its object dies during the shutdown.
import atexit
import weakref


class Thing:
    def __init__(self, name):
        self.name = name


def say(text):
    print(text)


first = Thing("first")
second = Thing("second")
quiet = Thing("quiet")
f1 = weakref.finalize(first, say, "finalizer of first")
atexit.register(say, "atexit function registered after the first finalizer")
f2 = weakref.finalize(second, say, "finalizer of second")
f3 = weakref.finalize(quiet, say, "finalizer of quiet (must not run)")
f3.atexit = False
print(f1.atexit, f3.atexit, f1.alive)
done = Thing("done")
f5 = weakref.finalize(done, say, "finalizer of done, called early")
f5()
print(f5.alive, f5.atexit, f5())
print("last line")
