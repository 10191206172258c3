# Exception groups as the traceback module and the default hook draw them: numbered members,
# "| " margins, 15 members at most, 10 levels deep, chains inside and around groups. Output
# recorded once from CPython 3.11.
import traceback
def boom(i):
    raise ValueError(i)
def collect(n):
    errs = []
    for i in range(n):
        try:
            boom(i)
        except ValueError as e:
            errs.append(e)
    return errs
cases = []
try:
    raise ExceptionGroup("wide", collect(17))
except ExceptionGroup as e:
    cases.append(e)
try:
    try:
        raise KeyError("first")
    except KeyError:
        raise ExceptionGroup("during", [TypeError("x")])
except ExceptionGroup as e:
    cases.append(e)
try:
    try:
        raise ExceptionGroup("inner", collect(2))
    except ExceptionGroup as g:
        raise RuntimeError("wrapped") from g
except RuntimeError as e:
    cases.append(e)
try:
    try:
        raise ExceptionGroup("star", [ValueError(1), OSError(2)])
    except* ValueError:
        raise ZeroDivisionError("in handler")
except ExceptionGroup as e:
    cases.append(e)
deep = ValueError("leaf")
for i in range(12):
    deep = ExceptionGroup(f"level{i}", [deep])
cases.append(deep)
try:
    raise ExceptionGroup("two nested", [ExceptionGroup("a", collect(1)), ExceptionGroup("b", [KeyError(3)])])
except ExceptionGroup as e:
    cases.append(e)
for c in cases:
    print("".join(traceback.format_exception(c)))
    print("=====")
print("".join(traceback.format_exception_only(cases[0])))
