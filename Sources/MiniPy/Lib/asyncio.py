"""asyncio: a single-threaded event loop for coroutines (written for MiniPy).

The loop waits on a `selectors` selector, keeps timers in a heap and runs ready callbacks in
FIFO order. Futures and Tasks follow the coroutine protocol of the VM: awaiting a pending Future
yields the Future itself to the Task driving the coroutine, which resumes when it is done.
Threads (run_in_executor, to_thread, call_soon_threadsafe) wake the loop through a socketpair.
Also here: sleep, gather, wait, wait_for, timeout, as_completed, TaskGroup, Queue, Lock, Event,
Semaphore, Condition and socket streams (open_connection, start_server).

Exceptions stored in Futures lose their traceback (it would tie the exception to the frames of
the task that raised it in a reference cycle). TaskGroup raises the builtin ExceptionGroup.
"""
import _asyncio
import collections
import heapq
import selectors
import socket
import threading
import time

__all__ = ['run', 'sleep', 'create_task', 'gather', 'wait', 'wait_for', 'timeout',
           'as_completed', 'get_running_loop', 'get_event_loop', 'new_event_loop',
           'current_task', 'all_tasks', 'set_event_loop', 'iscoroutinefunction', 'Runner', 'ensure_future', 'to_thread', 'shield',
           'Future', 'Task', 'TaskGroup', 'Queue', 'LifoQueue', 'PriorityQueue',
           'QueueEmpty', 'QueueFull', 'Lock', 'Event', 'Semaphore', 'BoundedSemaphore',
           'Condition', 'CancelledError', 'TimeoutError', 'InvalidStateError',
           'FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED', 'iscoroutine',
           'StreamReader', 'StreamWriter', 'open_connection', 'start_server',
           'IncompleteReadError', 'LimitOverrunError']

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'


class CancelledError(BaseException):
    """The Task or Future was cancelled."""


class InvalidStateError(Exception):
    """The operation does not fit the Future's state."""


TimeoutError = TimeoutError



def _strip(exc):
    # Drop tracebacks along the chain: they reference frames that reference the task.
    seen = 0
    while exc is not None and seen < 20:
        exc.__traceback__ = None
        exc = exc.__context__
        seen += 1


def iscoroutine(obj):
    return hasattr(obj, 'send') and hasattr(obj, 'throw') and hasattr(obj, '__await__')


# ---------------------------------------------------------------- running loop
_running = threading.local()


def _get_running_loop():
    return getattr(_running, 'loop', None)


def _set_running_loop(loop):
    _running.loop = loop


def get_running_loop():
    loop = _get_running_loop()
    if loop is None:
        raise RuntimeError('no running event loop')
    return loop


_current_loop = None


def get_event_loop():
    """The running loop, else the one given to set_event_loop (no loop is made implicitly)."""
    loop = _get_running_loop()
    if loop is None:
        loop = _current_loop
    if loop is None:
        raise RuntimeError('There is no current event loop (MiniPy makes none implicitly)')
    return loop


def set_event_loop(loop):
    global _current_loop
    _current_loop = loop


def iscoroutinefunction(func):
    code = getattr(func, '__code__', None)
    return code is not None and bool(code.co_flags & 0x80)


def current_task(loop=None):
    if loop is None:
        loop = get_running_loop()
    return loop._current


def all_tasks(loop=None):
    if loop is None:
        loop = get_running_loop()
    return {t for t in loop._tasks if not t.done()}


# ---------------------------------------------------------------- futures

# How the hot paths stay cheap (async_tree builds trees of ~56,000 tasks; issue 11): Future and
# Task are C (below); Handle keeps its fields in __slots__; the ready queue is a plain list
# holding Handles and (callback, argument) pairs (EventLoop._run_once).


# Future and Task are C types (Modules/_asynciomodule.c), as CPython 3.11 runs asyncio with its
# C `_asyncio`: state, callbacks and a task's steps in C, the loop in Python. The C side appends
# task steps and done callbacks to loop._ready as (callback, argument) pairs, reads
# loop._current / loop._tasks, and calls the objects given to _setup below.
Future = _asyncio.Future
Task = _asyncio.Task
_asyncio._setup(get_running_loop, CancelledError, InvalidStateError, iscoroutine, _strip)


class _Yield:
    """Awaitable that gives the loop one turn (sleep(0))."""

    def __await__(self):
        yield None


async def _coroutine_probe():
    pass

_probe = _coroutine_probe()
_CoroutineType = type(_probe)
_probe.close()
del _probe, _coroutine_probe

def ensure_future(obj, *, loop=None):
    if isinstance(obj, Future):
        return obj
    if loop is None:
        loop = get_running_loop()
    if iscoroutine(obj):
        return loop.create_task(obj)
    if hasattr(obj, '__await__'):
        async def _wrap():
            return await obj
        return loop.create_task(_wrap())
    raise TypeError('An asyncio.Future, a coroutine or an awaitable is required')


def create_task(coro, *, name=None, context=None):
    return get_running_loop().create_task(coro, name=name)


# ---------------------------------------------------------------- the loop
class Handle:
    """A scheduled callback; cancel() keeps it from running."""

    __slots__ = ('_callback', '_args', '_cancelled', '_loop', '__dict__', '__weakref__')

    def __init__(self, callback, args, loop):
        self._callback = callback
        self._args = args
        self._cancelled = False
        self._loop = loop

    def cancel(self):
        self._cancelled = True
        self._callback = None
        self._args = None

    def cancelled(self):
        return self._cancelled

    def _run(self):
        try:
            self._callback(*self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as e:
            self._loop.call_exception_handler({'message': 'Exception in callback', 'exception': e})


class TimerHandle(Handle):
    __slots__ = ('_when',)

    def __init__(self, when, callback, args, loop):
        self._callback = callback
        self._args = args
        self._cancelled = False
        self._loop = loop
        self._when = when

    def when(self):
        return self._when


class EventLoop:
    """Selector event loop: ready queue, timer heap, I/O callbacks, thread wake-up."""

    def __init__(self):
        self._ready = []   # swapped for a new list by each _run_once (see there)
        self._scheduled = []
        self._seq = 0
        self._selector = selectors.DefaultSelector()
        self._tasks = set()
        self._current = None
        self._exception_handler = None
        self._stopping = False
        self._running = False
        self._closed = False
        self._executor = None
        self._ssock, self._csock = socket.socketpair()
        self._ssock.setblocking(False)
        self._csock.setblocking(False)
        self.add_reader(self._ssock.fileno(), self._drain_wakeup)

    # -- callbacks and timers
    def time(self):
        return time.monotonic()

    def call_soon(self, callback, *args, context=None):
        h = Handle(callback, args, self)
        self._ready.append(h)
        return h

    def call_soon_threadsafe(self, callback, *args, context=None):
        h = self.call_soon(callback, *args)
        try:
            self._csock.send(b'\0')
        except OSError:
            pass
        return h

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args)

    def call_at(self, when, callback, *args, context=None):
        h = TimerHandle(when, callback, args, self)
        self._seq += 1
        heapq.heappush(self._scheduled, (when, self._seq, h))
        return h

    def _drain_wakeup(self):
        try:
            while self._ssock.recv(4096):
                pass
        except OSError:
            pass

    # -- futures and tasks
    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        return Task(coro, loop=self, name=name)

    def set_exception_handler(self, handler):
        if handler is not None and not callable(handler):
            raise TypeError('A callable object or None is expected, got %r' % (handler,))
        self._exception_handler = handler

    def get_exception_handler(self):
        return self._exception_handler

    def call_exception_handler(self, context):
        if self._exception_handler is not None:
            self._exception_handler(self, context)
            return
        import sys
        exc = context.get('exception')
        sys.stderr.write('%s: %r\n' % (context.get('message'), exc))

    # -- I/O readiness
    def _io(self, fd, index, handle):
        key = self._selector.get_map().get(fd)
        if key is None:
            if handle is None:
                return False
            pair = [None, None]
            pair[index] = handle
            self._selector.register(fd, selectors.EVENT_READ if index == 0 else selectors.EVENT_WRITE, pair)
            return True
        pair = key.data
        had = pair[index] is not None
        pair[index] = handle
        events = (selectors.EVENT_READ if pair[0] is not None else 0) | \
                 (selectors.EVENT_WRITE if pair[1] is not None else 0)
        if events:
            self._selector.modify(fd, events, pair)
        else:
            self._selector.unregister(fd)
        return had

    def add_reader(self, fd, callback, *args):
        self._io(_fd(fd), 0, Handle(callback, args, self))

    def remove_reader(self, fd):
        return self._io(_fd(fd), 0, None)

    def add_writer(self, fd, callback, *args):
        self._io(_fd(fd), 1, Handle(callback, args, self))

    def remove_writer(self, fd):
        return self._io(_fd(fd), 1, None)

    # -- running
    def _run_once(self):
        if self._ready or self._stopping:
            timeout = 0
        elif self._scheduled:
            timeout = max(0, self._scheduled[0][0] - self.time())
        else:
            timeout = None
        for key, events in self._selector.select(timeout):
            reader, writer = key.data
            if events & selectors.EVENT_READ and reader is not None:
                self._ready.append(reader)
            if events & selectors.EVENT_WRITE and writer is not None:
                self._ready.append(writer)
        now = self.time()
        while self._scheduled and self._scheduled[0][0] <= now:
            h = heapq.heappop(self._scheduled)[2]
            if not h._cancelled:
                self._ready.append(h)
        # The queue holds Handles (call_soon, timers, I/O) and (callback, argument) pairs (task
        # steps, done callbacks of futures; see the note above Future). It is a plain list: this
        # turn runs what was ready when it began, and what those callbacks schedule goes into a
        # fresh list for the next turn (list.append is C; a deque here costs a Python call per
        # append and per pop).
        ready = self._ready
        if not ready:
            return
        self._ready = []
        it = iter(ready)
        try:
            for h in it:
                if type(h) is tuple:
                    try:
                        h[0](h[1])
                    except (SystemExit, KeyboardInterrupt):
                        raise
                    except BaseException as e:
                        self.call_exception_handler({'message': 'Exception in callback', 'exception': e})
                elif not h._cancelled:
                    h._run()
        except BaseException:
            # SystemExit / KeyboardInterrupt leave the loop: what did not run stays queued first.
            self._ready[:0] = list(it)
            raise

    def run_forever(self):
        if self._running:
            raise RuntimeError('This event loop is already running')
        if _get_running_loop() is not None:
            raise RuntimeError('Cannot run the event loop while another loop is running')
        self._running = True
        _set_running_loop(self)
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._running = False
            _set_running_loop(None)

    def run_until_complete(self, future):
        if self._closed:
            raise RuntimeError('Event loop is closed')
        future = ensure_future(future, loop=self)
        future.add_done_callback(self._stop_cb)
        try:
            self.run_forever()
        finally:
            future.remove_done_callback(self._stop_cb)
        if not future.done():
            raise RuntimeError('Event loop stopped before Future completed.')
        return future.result()

    def _stop_cb(self, fut):
        self.stop()

    def stop(self):
        self._stopping = True

    def is_running(self):
        return self._running

    def is_closed(self):
        return self._closed

    def close(self):
        if self._running:
            raise RuntimeError('Cannot close a running event loop')
        if self._closed:
            return
        self._closed = True
        self._ready.clear()
        self._scheduled = []
        self._tasks.clear()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        self._selector.close()
        self._ssock.close()
        self._csock.close()

    # -- threads
    def run_in_executor(self, executor, func, *args):
        if executor is None:
            if self._executor is None:
                import concurrent.futures
                self._executor = concurrent.futures.ThreadPoolExecutor()
            executor = self._executor
        return self.wrap_future(executor.submit(func, *args))

    def wrap_future(self, cfut):
        fut = self.create_future()
        loop = self

        def _done(cf):
            loop.call_soon_threadsafe(_copy_state, cf, fut)
        cfut.add_done_callback(_done)
        return fut

    async def shutdown_default_executor(self):
        if self._executor is not None:
            ex = self._executor
            self._executor = None
            await to_thread(ex.shutdown, True)

    # -- streams
    async def sock_connect(self, sock, address):
        sock.setblocking(True)
        try:
            sock.connect(address)
        finally:
            sock.setblocking(False)


def _copy_state(cf, fut):
    if fut.done():
        return
    if cf.cancelled():
        fut.cancel()
        return
    exc = cf.exception()
    if exc is not None:
        fut.set_exception(exc)
    else:
        fut.set_result(cf.result())


def _fd(obj):
    return obj if isinstance(obj, int) else obj.fileno()


def new_event_loop():
    return EventLoop()


def run(main, *, debug=None):
    """Runs coroutine `main` on a new loop, cancels what is left, closes the loop."""
    if _get_running_loop() is not None:
        raise RuntimeError('asyncio.run() cannot be called from a running event loop')
    if not iscoroutine(main):
        raise ValueError('a coroutine was expected, got %r' % (main,))
    loop = EventLoop()
    try:
        return loop.run_until_complete(main)
    finally:
        try:
            _finish_loop(loop)
        finally:
            loop.close()


class Runner:
    """Runs several coroutines on one loop: `with asyncio.Runner() as r: r.run(coro)`."""

    def __init__(self, *, debug=None, loop_factory=None):
        self._factory = loop_factory or EventLoop
        self._loop = None

    def get_loop(self):
        if self._loop is None:
            self._loop = self._factory()
        return self._loop

    def run(self, coro, *, context=None):
        if _get_running_loop() is not None:
            raise RuntimeError('Runner.run() cannot be called from a running event loop')
        return self.get_loop().run_until_complete(coro)

    def close(self):
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            _finish_loop(loop)
        finally:
            loop.close()

    def __enter__(self):
        self.get_loop()
        return self

    def __exit__(self, *exc):
        self.close()


def _finish_loop(loop):
    left = [t for t in loop._tasks if not t.done()]
    for t in left:
        t.cancel()
    if left:
        loop.run_until_complete(gather(*left, loop=loop, return_exceptions=True))
    loop.run_until_complete(loop.shutdown_default_executor())


# ---------------------------------------------------------------- coroutine helpers
def _set_if_pending(fut, value):
    if not fut.done():
        fut.set_result(value)


async def sleep(delay, result=None):
    if delay <= 0:
        await _Yield()
        return result
    loop = get_running_loop()
    fut = loop.create_future()
    h = loop.call_later(delay, _set_if_pending, fut, result)
    try:
        return await fut
    finally:
        h.cancel()


class _GatheringFuture(Future):
    __slots__ = ('_children', '_cancel_requested')

    def __init__(self, children, loop):
        Future.__init__(self, loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for c in self._children:
            if c.cancel(msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def gather(*aws, return_exceptions=False, loop=None):
    if loop is None:
        loop = get_running_loop()
    children = []
    futures = {}   # each distinct awaitable once, in the order first seen
    for a in aws:
        f = futures.get(a)
        if f is None:
            if type(a) is _CoroutineType:
                f = loop.create_task(a)
            else:
                f = ensure_future(a, loop=loop)
            futures[a] = f
        children.append(f)
    outer = _GatheringFuture(children, loop)
    if not children:
        outer.set_result([])
        return outer
    pending = len(futures)

    def _child_done(fut):
        nonlocal pending
        pending -= 1
        if outer.done():
            return
        if not return_exceptions:
            if fut.cancelled():
                outer.set_exception(CancelledError())
                return
            exc = fut.exception()
            if exc is not None:
                outer.set_exception(exc)
                return
        if pending == 0:
            results = []
            for c in outer._children:
                if c.cancelled():
                    results.append(CancelledError())
                else:
                    e = c._exception
                    results.append(e if e is not None else c._result)
            if outer._cancel_requested:
                Future.cancel(outer)
            else:
                outer.set_result(results)
            outer._children = []

    for c in futures.values():
        c.add_done_callback(_child_done)
    return outer


def shield(arg):
    inner = ensure_future(arg)
    if inner.done():
        return inner
    outer = inner._loop.create_future()

    def _inner_done(f):
        if not outer.done():
            _copy_state(f, outer)

    inner.add_done_callback(_inner_done)
    return outer


class Timeout:
    """Async context manager that cancels the current task when the deadline passes."""

    def __init__(self, when):
        self._when = when
        self._task = None
        self._handle = None
        self._expired = False

    def when(self):
        return self._when

    def reschedule(self, when):
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self._when = when
        if when is not None and self._task is not None:
            loop = self._task._loop
            if when <= loop.time():
                self._handle = loop.call_soon(self._on_timeout)
            else:
                self._handle = loop.call_at(when, self._on_timeout)

    def expired(self):
        return self._expired

    def _on_timeout(self):
        self._expired = True
        self._handle = None
        self._task.cancel()

    async def __aenter__(self):
        self._task = current_task()
        if self._task is None:
            raise RuntimeError('Timeout should be used inside a task')
        self.reschedule(self._when)
        return self

    async def __aexit__(self, et, exc, tb):
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        task = self._task
        self._task = None
        if self._expired:
            if task.uncancel() == 0 and et is CancelledError:
                raise TimeoutError from None
        return None


def timeout(delay):
    return Timeout(None if delay is None else get_running_loop().time() + delay)


def timeout_at(when):
    return Timeout(when)


async def wait_for(aw, timeout):
    if timeout is None:
        return await aw
    fut = ensure_future(aw)
    if timeout <= 0 and fut.done():
        return fut.result()
    async with Timeout(get_running_loop().time() + timeout):
        return await fut


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    fs = set(fs)
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    for f in fs:
        if not isinstance(f, Future):
            raise TypeError('expected Futures or Tasks, got %r' % (f,))
    loop = get_running_loop()
    waiter = loop.create_future()
    counter = [len(fs)]

    def _check():
        if waiter.done():
            return True
        if return_when == FIRST_COMPLETED:
            return any(f.done() for f in fs)
        if return_when == FIRST_EXCEPTION:
            if any(f.done() and not f.cancelled() and f.exception() is not None for f in fs):
                return True
        return all(f.done() for f in fs)

    def _on_done(f):
        if _check() and not waiter.done():
            waiter.set_result(None)

    h = None
    if not _check():
        for f in fs:
            f.add_done_callback(_on_done)
        if timeout is not None:
            h = loop.call_later(timeout, _set_if_pending, waiter, None)
        try:
            await waiter
        finally:
            if h is not None:
                h.cancel()
            for f in fs:
                f.remove_done_callback(_on_done)
    done = {f for f in fs if f.done()}
    return done, fs - done


def as_completed(fs, *, timeout=None):
    """Iterator of awaitables giving the results in the order the futures finish."""
    loop = get_running_loop()
    todo = [ensure_future(f, loop=loop) for f in set(fs)]
    slots = [loop.create_future() for _ in todo]
    filled = [0]

    def _on_done(f):
        if filled[0] < len(slots):
            slots[filled[0]].set_result(f)
            filled[0] += 1

    for f in todo:
        f.add_done_callback(_on_done)
    handle = None
    if timeout is not None:
        def _expire():
            for s in slots:
                if not s.done():
                    s.set_exception(TimeoutError())
        handle = loop.call_later(timeout, _expire)

    async def _next(slot):
        f = await slot
        if all(s.done() for s in slots) and handle is not None:
            handle.cancel()
        return f.result()

    for s in slots:
        yield _next(s)


async def to_thread(func, *args, **kwargs):
    loop = get_running_loop()
    if kwargs:
        return await loop.run_in_executor(None, lambda: func(*args, **kwargs))
    return await loop.run_in_executor(None, func, *args)


# ---------------------------------------------------------------- TaskGroup
class TaskGroup:
    """Structured concurrency: the block waits for its tasks; an error cancels the rest."""

    def __init__(self):
        self._entered = False
        self._exiting = False
        self._aborting = False
        self._loop = None
        self._parent = None
        self._parent_cancel_requested = False
        self._tasks = set()
        self._errors = []
        self._waiter = None

    async def __aenter__(self):
        if self._entered:
            raise RuntimeError('TaskGroup has already been entered')
        self._entered = True
        self._loop = get_running_loop()
        self._parent = current_task()
        if self._parent is None:
            raise RuntimeError('TaskGroup cannot determine the parent task')
        return self

    def create_task(self, coro, *, name=None, context=None):
        if not self._entered:
            raise RuntimeError('TaskGroup has not been entered')
        if self._exiting and not self._tasks:
            raise RuntimeError('TaskGroup is finished')
        if self._aborting:
            raise RuntimeError('TaskGroup is shutting down')
        t = self._loop.create_task(coro, name=name)
        self._tasks.add(t)
        t.add_done_callback(self._on_task_done)
        return t

    def _abort(self):
        self._aborting = True
        for t in list(self._tasks):
            if not t.done():
                t.cancel()

    def _on_task_done(self, task):
        self._tasks.discard(task)
        if self._waiter is not None and not self._tasks and not self._waiter.done():
            self._waiter.set_result(None)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        self._errors.append(exc)
        if not self._aborting:
            self._abort()
        if not self._exiting and not self._parent_cancel_requested:
            self._parent_cancel_requested = True
            self._parent.cancel()

    async def __aexit__(self, et, exc, tb):
        self._exiting = True
        propagate = None
        if exc is not None and not isinstance(exc, CancelledError):
            _strip(exc)
            self._errors.append(exc)
        if et is CancelledError:
            if self._parent_cancel_requested and self._parent.uncancel() == 0:
                self._parent_cancel_requested = False
            else:
                propagate = exc
        if et is not None and not self._aborting:
            self._abort()
        while self._tasks:
            self._waiter = self._loop.create_future()
            try:
                await self._waiter
            except CancelledError as e:
                if not self._aborting:
                    propagate = e
                    self._abort()
            self._waiter = None
        if self._parent_cancel_requested:
            self._parent.uncancel()
            self._parent_cancel_requested = False
        errors = self._errors
        self._errors = []
        self._parent = None
        if errors:
            if any(isinstance(e, (KeyboardInterrupt, SystemExit)) for e in errors):
                raise errors[0]
            raise ExceptionGroup('unhandled errors in a TaskGroup', errors)
        if propagate is not None:
            raise propagate
        return None


# ---------------------------------------------------------------- synchronisation
class Lock:
    def __init__(self):
        self._locked = False
        self._waiters = collections.deque()

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and not any(not w.cancelled() for w in self._waiters):
            self._locked = True
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
        except CancelledError:
            if fut.done() and not fut.cancelled():
                self._locked = False
                self._wake_one()
            raise
        finally:
            try:
                self._waiters.remove(fut)
            except ValueError:
                pass
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError('Lock is not acquired.')
        self._locked = False
        self._wake_one()

    def _wake_one(self):
        for w in self._waiters:
            if not w.done():
                w.set_result(True)
                return

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, *exc):
        self.release()


class Event:
    def __init__(self):
        self._value = False
        self._waiters = collections.deque()

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for w in self._waiters:
                if not w.done():
                    w.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError('Semaphore initial value must be >= 0')
        self._value = value
        self._waiters = collections.deque()

    def locked(self):
        return self._value == 0

    async def acquire(self):
        while self._value <= 0:
            fut = get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
            finally:
                try:
                    self._waiters.remove(fut)
                except ValueError:
                    pass
        self._value -= 1
        return True

    def release(self):
        self._value += 1
        for w in self._waiters:
            if not w.done():
                w.set_result(True)
                return

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, *exc):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        self._bound_value = value
        super().__init__(value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError('BoundedSemaphore released too many times')
        super().release()


class Condition:
    def __init__(self, lock=None):
        self._lock = lock if lock is not None else Lock()
        self._waiters = collections.deque()

    def locked(self):
        return self._lock.locked()

    async def acquire(self):
        return await self._lock.acquire()

    def release(self):
        self._lock.release()

    async def __aenter__(self):
        await self._lock.acquire()
        return None

    async def __aexit__(self, *exc):
        self._lock.release()

    async def wait(self):
        if not self._lock.locked():
            raise RuntimeError('cannot wait on un-acquired lock')
        self._lock.release()
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            try:
                self._waiters.remove(fut)
            except ValueError:
                pass
            while True:
                try:
                    await self._lock.acquire()
                    break
                except CancelledError:
                    pass

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._lock.locked():
            raise RuntimeError('cannot notify on un-acquired lock')
        done = 0
        for w in self._waiters:
            if done >= n:
                break
            if not w.done():
                done += 1
                w.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


# ---------------------------------------------------------------- queues
class QueueEmpty(Exception):
    """get_nowait() on an empty queue."""


class QueueFull(Exception):
    """put_nowait() on a full queue."""


class Queue:
    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._getters = collections.deque()
        self._putters = collections.deque()
        self._unfinished = 0
        self._finished = Event()
        self._finished.set()
        self._init()

    def _init(self):
        self._queue = collections.deque()

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.popleft()

    @property
    def maxsize(self):
        return self._maxsize

    def qsize(self):
        return len(self._queue)

    def empty(self):
        return not self._queue

    def full(self):
        return self._maxsize > 0 and self.qsize() >= self._maxsize

    @staticmethod
    def _wake(waiters):
        while waiters:
            w = waiters.popleft()
            if not w.done():
                w.set_result(None)
                return

    async def put(self, item):
        while self.full():
            fut = get_running_loop().create_future()
            self._putters.append(fut)
            try:
                await fut
            except CancelledError:
                try:
                    self._putters.remove(fut)
                except ValueError:
                    pass
                if not self.full() and not fut.cancelled():
                    self._wake(self._putters)
                raise
        self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._put(item)
        self._unfinished += 1
        self._finished.clear()
        self._wake(self._getters)

    async def get(self):
        while self.empty():
            fut = get_running_loop().create_future()
            self._getters.append(fut)
            try:
                await fut
            except CancelledError:
                try:
                    self._getters.remove(fut)
                except ValueError:
                    pass
                if not self.empty() and not fut.cancelled():
                    self._wake(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._get()
        self._wake(self._putters)
        return item

    def task_done(self):
        if self._unfinished <= 0:
            raise ValueError('task_done() called too many times')
        self._unfinished -= 1
        if self._unfinished == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished > 0:
            await self._finished.wait()


class PriorityQueue(Queue):
    def _init(self):
        self._queue = []

    def _put(self, item):
        heapq.heappush(self._queue, item)

    def _get(self):
        return heapq.heappop(self._queue)


class LifoQueue(Queue):
    def _init(self):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()


# ---------------------------------------------------------------- streams
class IncompleteReadError(EOFError):
    def __init__(self, partial, expected):
        super().__init__('%d bytes read on a total of %r expected bytes' % (len(partial), expected))
        self.partial = partial
        self.expected = expected


class LimitOverrunError(Exception):
    def __init__(self, message, consumed):
        super().__init__(message)
        self.consumed = consumed


class _SocketChannel:
    """A non-blocking socket fed by loop readiness callbacks, shared by reader and writer."""

    def __init__(self, loop, sock):
        self.loop = loop
        self.sock = sock
        self.fd = sock.fileno()
        sock.setblocking(False)
        self.outgoing = b''
        self.reader = None
        self.closing = False
        self.closed = loop.create_future()
        self.drained = None
        self.reading = False

    def start_reading(self):
        if not self.reading and not self.closing:
            self.reading = True
            self.loop.add_reader(self.fd, self._on_readable)

    def stop_reading(self):
        if self.reading:
            self.reading = False
            self.loop.remove_reader(self.fd)

    def _on_readable(self):
        try:
            data = self.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as e:
            self.stop_reading()
            self.reader._set_exception(e)
            return
        if data:
            self.reader._feed(data)
        else:
            self.stop_reading()
            self.reader._feed_eof()

    def write(self, data):
        if self.closing:
            raise RuntimeError('unable to write; the stream is closing')
        if not self.outgoing:
            try:
                n = self.sock.send(data)
            except (BlockingIOError, InterruptedError):
                n = 0
            data = data[n:]
            if not data:
                return
            self.loop.add_writer(self.fd, self._on_writable)
        self.outgoing += data

    def _on_writable(self):
        try:
            n = self.sock.send(self.outgoing)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            n = len(self.outgoing)
        self.outgoing = self.outgoing[n:]
        if not self.outgoing:
            self.loop.remove_writer(self.fd)
            if self.drained is not None and not self.drained.done():
                self.drained.set_result(None)
            self.drained = None
            if self.closing:
                self._close_now()

    def close(self):
        if self.closing:
            return
        self.closing = True
        self.stop_reading()
        if not self.outgoing:
            self._close_now()

    def _close_now(self):
        self.sock.close()
        if self.reader is not None:
            self.reader._feed_eof()
        self.reader = None
        if not self.closed.done():
            self.closed.set_result(None)


class StreamReader:
    """Buffered bytes from a connection: read, readline, readexactly, readuntil."""

    def __init__(self, limit=2 ** 16, loop=None):
        self._buffer = b''
        self._eof = False
        self._waiter = None
        self._exception = None
        self._limit = limit
        self._channel = None

    def _wake(self):
        w = self._waiter
        self._waiter = None
        if w is not None and not w.done():
            w.set_result(None)

    def _feed(self, data):
        self._buffer += data
        self._wake()

    def feed_data(self, data):
        self._feed(data)

    def _feed_eof(self):
        self._eof = True
        self._wake()

    feed_eof = _feed_eof

    def _set_exception(self, exc):
        self._exception = exc
        w = self._waiter
        self._waiter = None
        if w is not None and not w.done():
            w.set_exception(exc)

    set_exception = _set_exception

    def at_eof(self):
        return self._eof and not self._buffer

    async def _wait(self):
        if self._exception is not None:
            raise self._exception
        self._waiter = get_running_loop().create_future()
        if self._channel is not None:
            self._channel.start_reading()
        try:
            await self._waiter
        finally:
            self._waiter = None

    async def read(self, n=-1):
        if n == 0:
            return b''
        if n < 0:
            while not self._eof:
                await self._wait()
            data, self._buffer = self._buffer, b''
            return data
        while not self._buffer and not self._eof:
            await self._wait()
        data, self._buffer = self._buffer[:n], self._buffer[n:]
        return data

    async def readexactly(self, n):
        if n < 0:
            raise ValueError('readexactly size can not be less than zero')
        while len(self._buffer) < n:
            if self._eof:
                partial, self._buffer = self._buffer, b''
                raise IncompleteReadError(partial, n)
            await self._wait()
        data, self._buffer = self._buffer[:n], self._buffer[n:]
        return data

    async def readuntil(self, separator=b'\n'):
        while True:
            i = self._buffer.find(separator)
            if i >= 0:
                end = i + len(separator)
                data, self._buffer = self._buffer[:end], self._buffer[end:]
                return data
            if len(self._buffer) > self._limit:
                raise LimitOverrunError('Separator is not found, and chunk exceed the limit',
                                        len(self._buffer))
            if self._eof:
                partial, self._buffer = self._buffer, b''
                raise IncompleteReadError(partial, None)
            await self._wait()

    async def readline(self):
        try:
            return await self.readuntil(b'\n')
        except IncompleteReadError as e:
            return e.partial

    def __aiter__(self):
        return self

    async def __anext__(self):
        line = await self.readline()
        if line == b'':
            raise StopAsyncIteration
        return line


class StreamWriter:
    """Writes to a connection; drain() waits until the buffer is flushed."""

    def __init__(self, channel, reader):
        self._channel = channel
        self._reader = reader

    @property
    def transport(self):
        return self

    def write(self, data):
        self._channel.write(bytes(data))

    def writelines(self, data):
        for d in data:
            self.write(d)

    def can_write_eof(self):
        return True

    def write_eof(self):
        try:
            self._channel.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    async def drain(self):
        ch = self._channel
        if ch.outgoing:
            if ch.drained is None:
                ch.drained = ch.loop.create_future()
            await ch.drained

    def is_closing(self):
        return self._channel.closing

    def close(self):
        self._channel.close()

    async def wait_closed(self):
        await self._channel.closed
        self._reader = None

    def get_extra_info(self, name, default=None):
        sock = self._channel.sock
        try:
            if name == 'peername':
                return sock.getpeername()
            if name == 'sockname':
                return sock.getsockname()
            if name == 'socket':
                return sock
        except OSError:
            return default
        return default


def _make_streams(loop, sock, limit):
    ch = _SocketChannel(loop, sock)
    reader = StreamReader(limit)
    reader._channel = ch
    ch.reader = reader
    return reader, StreamWriter(ch, reader)


async def open_connection(host=None, port=None, *, limit=2 ** 16, **kwds):
    """Connects on a worker thread (name lookup and connect block) and returns reader, writer."""
    loop = get_running_loop()
    sock = await loop.run_in_executor(None, socket.create_connection, (host, port))
    return _make_streams(loop, sock, limit)


class Server:
    """Listening sockets accepting connections into client_connected_cb tasks."""

    def __init__(self, loop, sockets, callback, limit):
        self._loop = loop
        self.sockets = sockets
        self._callback = callback
        self._limit = limit
        self._serving = False
        self._closed = loop.create_future()

    def is_serving(self):
        return self._serving

    async def start_serving(self):
        self._start()

    def _start(self):
        if self._serving:
            return
        self._serving = True
        for s in self.sockets:
            s.setblocking(False)
            self._loop.add_reader(s.fileno(), self._accept, s)

    def _accept(self, lsock):
        try:
            conn, addr = lsock.accept()
        except (BlockingIOError, InterruptedError):
            return
        reader, writer = _make_streams(self._loop, conn, self._limit)
        res = self._callback(reader, writer)
        if iscoroutine(res):
            self._loop.create_task(res)

    def close(self):
        if self._serving:
            for s in self.sockets:
                self._loop.remove_reader(s.fileno())
            self._serving = False
        for s in self.sockets:
            s.close()
        self.sockets = []
        if not self._closed.done():
            self._closed.set_result(None)

    async def wait_closed(self):
        await self._closed

    async def serve_forever(self):
        self._start()
        await self._closed

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        await self.wait_closed()


async def start_server(client_connected_cb, host=None, port=None, *, limit=2 ** 16,
                       backlog=100, start_serving=True, **kwds):
    loop = get_running_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host or '127.0.0.1', port or 0))
        sock.listen(backlog)
    except BaseException:
        sock.close()
        raise
    server = Server(loop, [sock], client_connected_cb, limit)
    if start_serving:
        server._start()
    return server
