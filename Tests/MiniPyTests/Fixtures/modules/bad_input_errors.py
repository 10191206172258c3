# Bad input CPython 3.11 reports with a precise exception: a missing module names itself in the
# message and in `name`; open() of a missing file, a directory, a missing parent, an empty name, a
# bad mode, an unknown encoding, a non-path and a path with a NUL byte; os calls on missing paths;
# OSError(errno, ...) constructs the errno's subclass; ImportError's name/path keywords.
import os
import sys

for name in ("no_such_module_here", "os.no_such_submodule", "json.no_such_submodule"):
    try:
        __import__(name)
    except ImportError as e:
        print(type(e).__name__, "|", e, "|", e.name, e.path)

# One directory per process, so two test runs at once do not collide; messages print it as <base>.
base = "/tmp/minipy_bad_input_fixture_%d" % os.getpid()


def shown(e):
    return str(e).replace(base, "<base>")


os.makedirs(base, exist_ok=True)
cases = (
    (base + "/missing",), (base,), (base, "w"), (base + "/missing/x", "w"), ("",),
    (base + "/f", "rw"), (base + "/f", "w", -1, "no-such-encoding"), (3.5,), (base + "/x\0y",),
    (base + "/f", "r", 0),
)
for args in cases:
    try:
        with open(*args) as f:
            print("opened", args)
    except Exception as e:
        print(type(e).__name__, "|", shown(e), "|", getattr(e, "errno", None), isinstance(e, OSError))
for label, call in (("listdir", lambda: os.listdir(base + "/missing")),
                    ("remove", lambda: os.remove(base + "/missing")),
                    ("mkdir", lambda: os.mkdir(base)),
                    ("rmdir", lambda: os.rmdir(base + "/missing")),
                    ("stat", lambda: os.stat(base + "/missing")),
                    ("chdir", lambda: os.chdir(base + "/missing")),
                    ("rename", lambda: os.rename(base + "/missing", base + "/z")),
                    ("listdir file", lambda: os.listdir(base + "/f")),
                    ("stat nul", lambda: os.stat("a\0b"))):
    try:
        call()
    except (OSError, ValueError) as e:
        print(label, type(e).__name__, "|", shown(e))
for leftover in os.listdir(base):
    os.remove(os.path.join(base, leftover))
os.rmdir(base)

for errno_value in (2, 13, 17, 21, 20, 1, 4, 10, 3, 32, 111, 104, 103, 110, 11, 5, 999):
    e = OSError(errno_value, "message", "file.txt")
    print(errno_value, type(e).__name__, e.errno, e.strerror, e.filename)
print(type(OSError(2)).__name__, type(OSError("2", "x")).__name__, type(OSError()).__name__)
print(type(FileNotFoundError(13, "x")).__name__, OSError(2, "x").args)


class MyOSError(OSError):
    pass


print(type(MyOSError(2, "x")).__name__)

e = ImportError("message", name="mod", path="/p/mod.py")
print(e, e.msg, e.name, e.path, e.args)
e.name = "other"
print(e.name, ImportError().name, ModuleNotFoundError("m", name="x").name, repr(ImportError("a")))
try:
    ImportError("a", bogus=1)
except TypeError as x:
    print("TypeError", x)
sys.settrace(None)
sys.setprofile(None)
print(sys.gettrace(), sys.getprofile())
import threading
threading.settrace(None)
threading.setprofile(None)
print(threading.gettrace(), threading.getprofile())
