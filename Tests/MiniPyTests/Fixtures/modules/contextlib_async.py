# contextlib: redirect_stdout/redirect_stderr, asynccontextmanager, AsyncExitStack, aclosing.
import contextlib
import sys
import types

class Buffer:
    def __init__(self):
        self.text = ''
    def write(self, s):
        self.text += s
        return len(s)
    def flush(self):
        pass

buf = Buffer()
with contextlib.redirect_stdout(buf) as target:
    print('captured', 1, 2)
    print('second line', end='!')
print('buffer held:', repr(buf.text), target is buf, sys.stdout is sys.__stdout__)
err = Buffer()
with contextlib.redirect_stderr(err):
    sys.stderr.write('to stderr\n')
print('stderr held:', repr(err.text))

@contextlib.asynccontextmanager
async def resource(name):
    print('open', name)
    try:
        yield name.upper()
    finally:
        print('close', name)

class Closer:
    async def aclose(self):
        print('aclosed')

async def main():
    async with resource('a') as r:
        print('using', r)
    try:
        async with resource('b'):
            raise KeyError('inside')
    except KeyError as e:
        print('KeyError', e)
    async with contextlib.AsyncExitStack() as stack:
        x = await stack.enter_async_context(resource('c'))
        y = stack.enter_context(contextlib.nullcontext('sync'))
        async def cb(tag):
            print('async callback', tag)
        stack.push_async_callback(cb, 'z')
        print('inside stack', x, y)
    async with contextlib.aclosing(Closer()) as c:
        print('closing', type(c).__name__)
    return 'done'

coro = main()
print(isinstance(coro, types.CoroutineType))
try:
    coro.send(None)
except StopIteration as stop:
    print('result', stop.value)
