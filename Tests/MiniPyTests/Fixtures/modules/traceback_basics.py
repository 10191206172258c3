# traceback: format_exception / format_exc / extract_tb print what the interpreter prints.
import sys
import traceback

def inner(x):
    return 10 / x

def outer():
    return inner(0)

try:
    outer()
except ZeroDivisionError as e:
    print(''.join(traceback.format_exception(e)).replace(__file__, 'FILE'))
    print(traceback.format_exc().replace(__file__, 'FILE'))
    print(traceback.format_exception_only(type(e), e), traceback.format_exception_only(e))
    for fs in traceback.extract_tb(e.__traceback__):
        print(fs.filename == __file__, fs.lineno, fs.name, fs.line)
    summary = traceback.extract_tb(e.__traceback__)
    print(len(summary), summary[-1].name, list(summary[0])[1:])
    print(''.join(traceback.format_tb(e.__traceback__)).replace(__file__, 'FILE'))
    print(''.join(traceback.format_list([tuple(fs) for fs in summary])).replace(__file__, 'FILE'))
    print(''.join(traceback.format_exception(e, limit=1)).replace(__file__, 'FILE'))
    te = traceback.TracebackException.from_exception(e)
    print(te.exc_type.__name__, str(te), ''.join(te.format_exception_only()))

def fail_with_context():
    try:
        {}['missing']
    except KeyError:
        raise ValueError('bad value')

try:
    fail_with_context()
except ValueError as e:
    text = ''.join(traceback.format_exception(e)).replace(__file__, 'FILE')
    print(text)
    print(''.join(traceback.format_exception(e, chain=False)).replace(__file__, 'FILE'))

try:
    try:
        int('x')
    except ValueError as err:
        raise RuntimeError('wrapped') from err
except RuntimeError as e:
    print(''.join(traceback.format_exception(type(e), e, e.__traceback__)).replace(__file__, 'FILE'))

class Collect:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
c = Collect()
try:
    [].pop()
except IndexError:
    traceback.print_exc(file=c)
print(''.join(c.parts).replace(__file__, 'FILE'))
print(traceback.format_exception_only(None), traceback.format_exc())
