# except* (PEP 654): clauses split a group, a bare exception is wrapped, handlers that raise
# or re-raise, else/finally, nesting, notes and causes, and the syntax errors. Output recorded
# once from CPython 3.11.
import sys

def raise_group():
    raise ExceptionGroup("many", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3), KeyError(4)])])

# 1. split over clauses; unhandled rest re-raised in the original shape
try:
    try:
        raise_group()
    except* ValueError as eg:
        print("ValueError part:", repr(eg), type(sys.exc_info()[1]).__name__)
    except* TypeError:
        print("TypeError part:", repr(sys.exc_info()[1]))
except ExceptionGroup as rest:
    print("rest:", repr(rest), rest.__traceback__ is not None)

# 2. a bare exception is wrapped for the handler and not re-raised
try:
    raise ValueError("bare")
except* ValueError as eg:
    print("bare:", repr(eg), repr(eg.exceptions[0]))

# 3. a bare exception nobody matches propagates unwrapped
try:
    try:
        raise KeyError("k")
    except* ValueError:
        print("not here")
except KeyError as e:
    print("unwrapped:", repr(e))

# 4. a handler that raises: new exception grouped with the unhandled rest
try:
    try:
        raise_group()
    except* TypeError:
        raise RuntimeError("handler failed")
except ExceptionGroup as eg:
    print("raised+rest:", repr(eg))
    print("  context:", repr(eg.exceptions[0].__context__))

# 5. bare raise re-raises the matched part; result keeps the original shape
try:
    try:
        raise_group()
    except* ValueError:
        raise
except ExceptionGroup as eg:
    print("reraised:", repr(eg))

# 6. everything handled: nothing propagates; else/finally
try:
    raise_group()
except* (ValueError, TypeError):
    print("A")
except* KeyError as k:
    print("B", repr(k))
else:
    print("no else")
finally:
    print("finally")

# 7. no exception: else runs
try:
    x = 1
except* ValueError:
    print("no")
else:
    print("else ran")

# 8. except* with an ExceptionGroup type is refused
try:
    try:
        raise_group()
    except* ExceptionGroup:
        pass
except TypeError as e:
    print("TypeError:", e)

# 9. a single new exception from one handler while everything else was handled
try:
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError:
        raise KeyError("new")
except KeyError as e:
    print("single new:", repr(e))
except ExceptionGroup as e:
    print("group?", repr(e))

# 10. BaseExceptionGroup with KeyboardInterrupt
try:
    raise BaseExceptionGroup("b", [KeyboardInterrupt(), ValueError(5)])
except* KeyboardInterrupt as k:
    print("KI:", repr(k))
except* ValueError as v:
    print("V:", repr(v))

# 11. loops inside a handler may break; functions inside may return
for i in range(2):
    try:
        raise ValueError(i)
    except* ValueError:
        for j in range(3):
            if j == 1:
                break
        def f():
            return 42
        print("loop ok", i, f())

# 12. in a function, with a name deleted after the handler
def g():
    try:
        raise TypeError("t")
    except* TypeError as e:
        pass
    try:
        e
    except NameError as n:
        print("name cleared:", n)
g()

# 13. nested except*
try:
    try:
        raise ExceptionGroup("outer", [ValueError(1), TypeError(2)])
    except* ValueError:
        try:
            raise ExceptionGroup("x", [OSError(3)])
        except* OSError as o:
            print("inner handled", repr(o))
except* TypeError as t:
    print("outer rest", repr(t))

# 14. notes, cause survive split
try:
    try:
        eg = ExceptionGroup("noted", [ValueError(1), TypeError(2)])
        eg.add_note("a note")
        raise eg from RuntimeError("cause")
    except* ValueError as v:
        print("v notes", v.__notes__, repr(v.__cause__))
except* TypeError as t:
    print("t notes", t.__notes__, repr(t.__cause__))
print("done")

for src in ["try:\n  pass\nexcept* ValueError:\n  pass\nexcept TypeError:\n  pass\n",
            "try:\n  pass\nexcept*:\n  pass\n",
            "for i in range(3):\n  try:\n    pass\n  except* ValueError:\n    break\n",
            "def f():\n  try:\n    pass\n  except* ValueError:\n    return 1\n",
            "try:\n  pass\nexcept* ValueError:\n  for i in range(3):\n    break\n"]:
    try:
        compile(src, "<src>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
