"""multiprocessing for the kit: one interpreter and one GIL per process, the spawn start method.

A child is the kit's own binary (`extdemo __mp_child R W --path DIR... -- SCRIPT`, the parent's
sys.path as the --path pairs): it runs the parent's script as ``__mp_main__`` (so the
``if __name__ == "__main__":`` block does not run again) and then a worker loop that reads
pickled calls from its pipe R and writes pickled results to its pipe W. Functions cross by
qualified name, arguments and results by the kit's pickle (CPython's format), so an unpicklable
argument raises pickle's error in the parent before anything is sent. The OS half
(spawning, framed pipes, waiting, shared memory) is the C module _mpio; every blocking call in it
releases the GIL.

Provided: Process, Pool (map, starmap, imap, imap_unordered, apply, apply_async, map_async, close,
terminate, join, context manager), Queue, Pipe, Value, Array, Lock (a process-shared mutex in
shared memory), cpu_count, current_process, active_children, get_start_method, ProcessError,
and concurrent.futures.ProcessPoolExecutor with BrokenProcessPool (in ._executor). A worker that
dies makes the pending calls fail instead of waiting forever: Pool raises ProcessError,
ProcessPoolExecutor BrokenProcessPool. Children die with the parent and share its process group,
so Ctrl-C reaches every one. Only spawn exists: fork and forkserver are refused.
"""

import _mpio
import pickle
import sys
import threading
import time

# A child runs the script as __mp_main__, so the instances of classes defined in the script come
# back pickled as __mp_main__.Cls: in the parent that name is the main module, as in CPython.
if '__main__' in sys.modules and '__mp_main__' not in sys.modules:
    sys.modules['__mp_main__'] = sys.modules['__main__']

__all__ = ['Process', 'Pool', 'Queue', 'Pipe', 'Value', 'Array', 'Lock', 'cpu_count', 'current_process',
           'active_children', 'get_start_method', 'set_start_method', 'ProcessError']


class ProcessError(Exception):
    pass


class AuthenticationError(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


def cpu_count():
    return _mpio.cpu_count()


def get_start_method(allow_none=False):
    return 'spawn'


def set_start_method(method, force=False):
    if method != 'spawn':
        raise ValueError('cannot use start method %r: this kit only has spawn' % (method,))


class _ProcessIdentity:
    """What current_process() returns in a child (and for the main process)."""

    def __init__(self, name, pid):
        self.name = name
        self.pid = pid
        self.daemon = False

    @property
    def ident(self):
        return self.pid

    def __repr__(self):
        return '<%s name=%r pid=%d>' % (type(self).__name__, self.name, self.pid)


_current = _ProcessIdentity('MainProcess', _mpio.getpid())
_children = []
_counter = [0]


def current_process():
    return _current


def parent_process():
    return None


def active_children():
    return [p for p in _children if p.is_alive()]


# ----- the exceptions a child raised, carried back by name --------------------------------------

_BUILTIN_ERRORS = {}
for _cls in (Exception, ValueError, TypeError, KeyError, IndexError, ZeroDivisionError, RuntimeError,
             AttributeError, NameError, ArithmeticError, OverflowError, AssertionError,
             NotImplementedError, OSError, LookupError, StopIteration, RecursionError, MemoryError,
             ImportError, UnicodeError, PermissionError, FileNotFoundError, TimeoutError, ProcessError):
    _BUILTIN_ERRORS[_cls.__name__] = _cls
del _cls


def _describe(exc):
    """A picklable description of an exception: its class (by reference when it can be), name, args."""
    cls = type(exc)
    try:
        pickle.dumps(cls)
        carried = cls
    except Exception:
        carried = None
    try:
        args = exc.args
        pickle.dumps(args)
    except Exception:
        args = (str(exc),)
    return (carried, cls.__name__, args)


def _rebuild(description):
    cls, name, args = description
    if cls is None:
        cls = _BUILTIN_ERRORS.get(name)
    if cls is None:
        return RuntimeError('%s: %s' % (name, ', '.join(str(a) for a in args)))
    try:
        return cls(*args)
    except Exception:
        return RuntimeError('%s: %s' % (name, ', '.join(str(a) for a in args)))


# ----- the child ----------------------------------------------------------------------------------

def _child_main(rfd, wfd):
    """The worker loop of a spawned child: ('init', name), then ('call', id, fn, args, kwargs)
    answered by ('ok', id, result) or ('err', id, description), until ('stop',) or end of input."""
    global _current
    status = 0
    while True:
        data = _mpio.recv(rfd)
        if data is None:
            break
        message = pickle.loads(data)
        kind = message[0]
        if kind == 'stop':
            break
        if kind == 'init':
            _current = _ProcessIdentity(message[1], _mpio.getpid())
            continue
        if kind == 'run':
            # A Process: run it; an exception is printed as CPython does and sets exit status 1.
            process = message[1]
            try:
                process.run()
            except SystemExit as e:
                status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            except BaseException as e:
                sys.stderr.write('Process %s:\n%s: %s\n' % (process.name, type(e).__name__, e))
                status = 1
            continue
        _, ident, fn, args, kwargs = message
        try:
            reply = ('ok', ident, fn(*args, **kwargs))
            payload = pickle.dumps(reply)
        except BaseException as e:
            payload = pickle.dumps(('err', ident, _describe(e)))
        _mpio.send(wfd, payload)
    if status:
        sys.exit(status)


def _search_path_words():
    """sys.path as `--path DIR` pairs ended by `--`: the child searches exactly where the parent
    does (its script's imports found through `run --ext-path` or a sys.path.insert)."""
    words = []
    for entry in sys.path:
        if isinstance(entry, str):
            words += ['--path', entry]
    return words + ['--']


class _Child:
    """A spawned child process and the parent's ends of its two pipes."""

    def __init__(self, name):
        prefix = [_mpio.executable(), '__mp_child']
        self.pid, self.wfd, self.rfd = _mpio.spawn(prefix, _search_path_words() + list(sys.argv))
        self.name = name
        self.exitcode = None
        self.send(('init', name))

    def send(self, message):
        _mpio.send(self.wfd, pickle.dumps(message))

    def receive(self):
        """The next reply, or None when the child has died (its pipe ended)."""
        data = _mpio.recv(self.rfd)
        return None if data is None else pickle.loads(data)

    def stop(self):
        try:
            self.send(('stop',))
        except OSError:
            pass

    def wait(self, block=True):
        if self.exitcode is None:
            code = _mpio.waitpid(self.pid, block)
            if code is not None:
                self.exitcode = code
                _mpio.close(self.wfd)
                _mpio.close(self.rfd)
        return self.exitcode

    def kill(self, sig=9):
        if self.exitcode is None:
            _mpio.kill(self.pid, sig)

    def death(self):
        """How the child ended, for error messages."""
        code = self.wait()
        if code < 0:
            return 'was killed by signal %d' % (-code)
        return 'exited with status %d' % code


# ----- Process -----------------------------------------------------------------------------------

class Process:
    """Runs target(*args, **kwargs) (or an overridden run()) in a new process."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        _counter[0] += 1
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs or {})
        self.name = name or 'Process-%d' % _counter[0]
        self.daemon = bool(daemon)
        self._child = None

    def run(self):
        if self._target is not None:
            self._target(*self._args, **self._kwargs)

    def __getstate__(self):
        state = dict(self.__dict__)
        state['_child'] = None
        return state

    def __setstate__(self, state):
        for k in state:
            setattr(self, k, state[k])

    def start(self):
        if self._child is not None:
            raise AssertionError('cannot start a process twice')
        message = pickle.dumps(('run', _Shipped(self)))   # unpicklable targets fail here, in the parent
        self._child = _Child(self.name)
        _mpio.send(self._child.wfd, message)
        self._child.stop()
        _children.append(self)

    def join(self, timeout=None):
        if self._child is None:
            raise AssertionError('can only join a started process')
        if timeout is None:
            self._child.wait()
            return
        deadline = time.monotonic() + timeout
        while self._child.wait(False) is None and time.monotonic() < deadline:
            time.sleep(0.005)

    def is_alive(self):
        return self._child is not None and self._child.wait(False) is None

    def terminate(self):
        if self._child is not None:
            self._child.kill(15)

    def kill(self):
        if self._child is not None:
            self._child.kill(9)

    def close(self):
        pass

    @property
    def pid(self):
        return None if self._child is None else self._child.pid

    ident = pid

    @property
    def exitcode(self):
        return None if self._child is None else self._child.wait(False)

    def __repr__(self):
        state = 'initial' if self._child is None else ('started' if self.exitcode is None else 'stopped')
        return '<Process name=%r %s>' % (self.name, state)


class _Shipped:
    """A Process as it crosses to the child: its state without the parent's handles."""

    def __init__(self, process):
        self.cls = type(process)
        self.state = process.__getstate__()

    def __setstate__(self, state):
        cls = state['cls']
        process = cls.__new__(cls)
        process.__setstate__(state['state'])
        self.cls = cls
        self.state = state['state']
        self.process = process

    def run(self):
        self.process.run()

    @property
    def name(self):
        return self.state['name']


# ----- Pool --------------------------------------------------------------------------------------

class AsyncResult:
    """The result of a call sent to a pool: get(timeout), wait(timeout), ready(), successful()."""

    def __init__(self, callback=None, error_callback=None):
        self._done = threading.Event()
        self._ok = None
        self._value = None
        self._callback = callback
        self._error_callback = error_callback

    def _set(self, ok, value):
        self._ok = ok
        self._value = value
        if ok and self._callback is not None:
            self._callback(value)
        if not ok and self._error_callback is not None:
            self._error_callback(value)
        self._done.set()

    def ready(self):
        return self._done.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError('%r not ready' % (self,))
        return self._ok

    def wait(self, timeout=None):
        self._done.wait(timeout)

    def get(self, timeout=None):
        if not self._done.wait(timeout):
            raise TimeoutError
        if self._ok:
            return self._value
        raise self._value


class Pool:
    """N worker processes; each has a thread in the parent that feeds it calls one at a time."""

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        if processes is None:
            processes = cpu_count()
        if processes < 1:
            raise ValueError('Number of processes must be at least 1')
        self._pending = []
        self._cond = threading.Condition()
        self._state = 'RUN'
        self._broken = None
        self._children = []
        self._threads = []
        self._size = processes
        for i in range(processes):
            _counter[0] += 1
            child = _Child('SpawnPoolWorker-%d' % _counter[0])
            if initializer is not None:
                child.send(('call', -1, initializer, tuple(initargs), {}))
            self._children.append(child)
        for child in self._children:
            t = threading.Thread(target=self._feed, args=(child, initializer is not None), daemon=True)
            t.start()
            self._threads.append(t)

    # The feeder thread of one child: takes the next call, sends it, waits for the reply (the GIL
    # is released while it waits), delivers it.
    def _feed(self, child, initialised):
        if initialised:
            reply = child.receive()
            if reply is None or reply[0] == 'err':
                self._break(child, reply)
                return
        while True:
            with self._cond:
                while not self._pending and self._state == 'RUN' and self._broken is None:
                    self._cond.wait()
                if not self._pending or self._broken is not None:
                    break
                fn, args, kwargs, result = self._pending.pop(0)
            try:
                child.send(('call', 0, fn, args, kwargs))
            except OSError:
                self._break(child, None, result)
                return
            reply = child.receive()
            if reply is None:
                self._break(child, None, result)
                return
            if reply[0] == 'ok':
                result._set(True, reply[2])
            else:
                result._set(False, _rebuild(reply[2]))
        child.stop()

    def _break(self, child, reply, current=None):
        error = self._error_for(child, reply)
        with self._cond:
            if self._broken is None:
                self._broken = error
            pending, self._pending = self._pending, []
            self._cond.notify_all()
        if current is not None:
            current._set(False, error)
        for entry in pending:
            entry[3]._set(False, error)

    def _error_for(self, child, reply):
        if reply is not None and reply[0] == 'err':
            return _rebuild(reply[2])
        return ProcessError('worker %s (pid %d) %s; its task and the pending ones are abandoned'
                            % (child.name, child.pid, child.death()))

    def _submit(self, fn, args, kwargs, callback=None, error_callback=None):
        if self._state != 'RUN':
            raise ValueError('Pool not running')
        self._check(fn, args, kwargs)
        result = AsyncResult(callback, error_callback)
        with self._cond:
            if self._broken is not None:
                result._set(False, self._broken)
                return result
            self._pending.append((fn, args, kwargs, result))
            self._cond.notify()
        return result

    def _check(self, fn, args, kwargs):
        pickle.dumps((fn, args, kwargs))   # unpicklable values fail here, with pickle's error

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        return self._submit(func, tuple(args), dict(kwds), callback, error_callback)

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def _chunks(self, iterable, chunksize):
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), self._size * 4)
            if extra:
                chunksize += 1
        chunksize = max(1, chunksize)
        return [items[i:i + chunksize] for i in range(0, len(items), chunksize)]

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        parts = [self._submit(_map_chunk, (func, chunk, False), {}) for chunk in self._chunks(iterable, chunksize)]
        return _Joined(parts, callback, error_callback)

    def map(self, func, iterable, chunksize=None):
        return self.map_async(func, iterable, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        parts = [self._submit(_map_chunk, (func, chunk, True), {}) for chunk in self._chunks(iterable, chunksize)]
        return _Joined(parts).get()

    def imap(self, func, iterable, chunksize=1):
        parts = [self._submit(_map_chunk, (func, chunk, False), {}) for chunk in self._chunks(iterable, chunksize)]
        for part in parts:
            for value in part.get():
                yield value

    def imap_unordered(self, func, iterable, chunksize=1):
        parts = [self._submit(_map_chunk, (func, chunk, False), {}) for chunk in self._chunks(iterable, chunksize)]
        while parts:
            ready = [p for p in parts if p.ready()]
            if not ready:
                parts[0].wait(0.01)
                continue
            for p in ready:
                parts.remove(p)
                for value in p.get():
                    yield value

    def close(self):
        with self._cond:
            self._state = 'CLOSE'
            self._cond.notify_all()

    def terminate(self):
        with self._cond:
            self._state = 'TERMINATE'
            self._pending = []
            self._cond.notify_all()
        for child in self._children:
            child.kill()
        self.join()

    def join(self):
        if self._state == 'RUN':
            raise ValueError('Pool is still running')
        for t in self._threads:
            t.join()
        for child in self._children:
            child.stop()
            child.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.terminate()


class _Joined:
    """Several AsyncResults (map's chunks) seen as one list-valued result."""

    def __init__(self, parts, callback=None, error_callback=None):
        self._parts = parts
        self._callback = callback
        self._error_callback = error_callback

    def ready(self):
        return all(p.ready() for p in self._parts)

    def successful(self):
        return all(p.successful() for p in self._parts)

    def wait(self, timeout=None):
        for p in self._parts:
            p.wait(timeout)

    def get(self, timeout=None):
        out = []
        try:
            for p in self._parts:
                out.extend(p.get(timeout))
        except BaseException as e:
            if self._error_callback is not None:
                self._error_callback(e)
            raise
        if self._callback is not None:
            self._callback(out)
        return out


def _map_chunk(func, chunk, star):
    if star:
        return [func(*args) for args in chunk]
    return [func(x) for x in chunk]


# ----- shared memory: Value, Array, Lock ------------------------------------------------------------

_SIZES = {'b': 1, 'B': 1, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 8, 'L': 8, 'q': 8, 'Q': 8, 'f': 4, 'd': 8,
          'c': 1}


class _Block:
    """A shared memory block (a memfd children inherit) holding a process-shared mutex and data."""

    def __init__(self, size):
        self.size = size
        self.fd = _mpio.shm_new(size)
        self.addr = _mpio.shm_map(self.fd, size)

    def __getstate__(self):
        return {'size': self.size, 'fd': self.fd}

    def __setstate__(self, state):
        self.size = state['size']
        self.fd = state['fd']
        self.addr = _mpio.shm_map(self.fd, self.size)


class Lock:
    """A lock shared by processes (and threads): a mutex in shared memory."""

    def __init__(self, _block=None):
        self._block = _block if _block is not None else _Block(8)

    def acquire(self, block=True, timeout=None):
        _mpio.shm_lock(self._block.addr)
        return True

    def release(self):
        _mpio.shm_unlock(self._block.addr)

    def __enter__(self):
        self.acquire()
        return True

    def __exit__(self, *exc):
        self.release()


RLock = Lock


class Value:
    """One typed value in shared memory: .value, get_lock()."""

    def __init__(self, typecode_or_type, *args, lock=True):
        code = _typecode(typecode_or_type)
        self._code = code
        self._block = _Block(_SIZES[code])
        self._lock = Lock(self._block)
        self.value = args[0] if args else 0

    @property
    def value(self):
        return _mpio.shm_get(self._block.addr, self._code, 0)

    @value.setter
    def value(self, v):
        _mpio.shm_set(self._block.addr, self._code, 0, v)

    def get_lock(self):
        return self._lock

    def get_obj(self):
        return self

    def __repr__(self):
        return '<Synchronized wrapper for c_%s(%r)>' % (self._code, self.value)


class Array:
    """A fixed-length typed array in shared memory: indexing, len, slicing to a list, get_lock()."""

    def __init__(self, typecode_or_type, size_or_initializer, *, lock=True):
        code = _typecode(typecode_or_type)
        if isinstance(size_or_initializer, int):
            values = [0] * size_or_initializer
        else:
            values = list(size_or_initializer)
        self._code = code
        self._len = len(values)
        self._block = _Block(_SIZES[code] * max(1, len(values)))
        self._lock = Lock(self._block)
        for i, v in enumerate(values):
            _mpio.shm_set(self._block.addr, code, i, v)

    def _index(self, i):
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError('invalid index')
        return i

    def __len__(self):
        return self._len

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._len))]
        return _mpio.shm_get(self._block.addr, self._code, self._index(i))

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            for k, x in zip(range(*i.indices(self._len)), v):
                self[k] = x
            return
        _mpio.shm_set(self._block.addr, self._code, self._index(i), v)

    def __iter__(self):
        return iter(self[:])

    def get_lock(self):
        return self._lock

    def get_obj(self):
        return self

    def __repr__(self):
        return '<SynchronizedArray wrapper for %r>' % (self[:],)


def _typecode(t):
    if isinstance(t, str) and t in _SIZES and t != 'c':
        return t
    raise TypeError('unsupported type for shared memory: %r (use an array typecode like "i" or "d")' % (t,))


# ----- Queue and Pipe -------------------------------------------------------------------------------

class Queue:
    """A FIFO between processes: a pipe children inherit, writers and readers serialised by
    process-shared locks. put() pickles in the caller, so unpicklable items fail there."""

    def __init__(self, maxsize=0):
        self._r, self._w = _mpio.pipe()
        self._rlock = Lock()
        self._wlock = Lock()

    def put(self, obj, block=True, timeout=None):
        data = pickle.dumps(obj)
        with self._wlock:
            _mpio.send(self._w, data)

    def put_nowait(self, obj):
        self.put(obj, False)

    def get(self, block=True, timeout=None):
        with self._rlock:
            if not block or timeout is not None:
                if not _mpio.poll(self._r, 0 if not block else timeout):
                    raise _Empty()
            data = _mpio.recv(self._r)
        if data is None:
            raise EOFError
        return pickle.loads(data)

    def get_nowait(self):
        return self.get(False)

    def close(self):
        pass

    def join_thread(self):
        pass


class _Empty(Exception):
    """queue.Empty's stand-in until the kit has a queue module."""


Empty = _Empty


class Connection:
    """One end of a Pipe: send/recv pickled objects, poll, close."""

    def __init__(self, rfd, wfd):
        self._r = rfd
        self._w = wfd

    def send(self, obj):
        _mpio.send(self._w, pickle.dumps(obj))

    def recv(self):
        data = _mpio.recv(self._r)
        if data is None:
            raise EOFError
        return pickle.loads(data)

    def send_bytes(self, data):
        _mpio.send(self._w, bytes(data))

    def recv_bytes(self):
        data = _mpio.recv(self._r)
        if data is None:
            raise EOFError
        return data

    def poll(self, timeout=0.0):
        return _mpio.poll(self._r, -1.0 if timeout is None else timeout)

    def close(self):
        pass


def Pipe(duplex=True):
    """Two connected ends (each can send and receive when duplex)."""
    r1, w1 = _mpio.pipe()
    r2, w2 = _mpio.pipe()
    return Connection(r1, w2), Connection(r2, w1)


from multiprocessing._executor import ProcessPoolExecutor, BrokenProcessPool  # noqa: E402
