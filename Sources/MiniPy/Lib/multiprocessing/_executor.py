"""concurrent.futures.ProcessPoolExecutor for the kit (reached as concurrent.futures.ProcessPoolExecutor).

max_workers spawned children (multiprocessing's spawn start method), each fed one call at a time
by a thread in the parent that waits for its reply with the GIL released. submit() pickles the
call in the caller, so an unpicklable function or argument raises pickle's error right there.
When a worker dies (a crash, a kill, os._exit) the executor is broken: the call it was running
and every pending one fail with BrokenProcessPool, and later submits raise it at once, as
CPython's does; nothing waits forever.
"""

import concurrent.futures as _cf
import pickle
import threading

import multiprocessing as _mp


class BrokenProcessPool(_cf.BrokenExecutor):
    """A worker process ended abruptly: the pool cannot be used any more."""


class ProcessPoolExecutor:
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=()):
        if max_workers is None:
            max_workers = _mp.cpu_count()
        if max_workers <= 0:
            raise ValueError('max_workers must be greater than 0')
        self._max_workers = max_workers
        self._initializer = initializer
        self._initargs = tuple(initargs)
        self._pending = []
        self._cond = threading.Condition()
        self._shutdown = False
        self._broken = None
        self._children = []
        self._threads = []

    def _start_workers(self):
        # Spawned on the first submit, as CPython does.
        for i in range(self._max_workers):
            _mp._counter[0] += 1
            child = _mp._Child('SpawnProcess-%d' % _mp._counter[0])
            if self._initializer is not None:
                child.send(('call', -1, self._initializer, self._initargs, {}))
            self._children.append(child)
            t = threading.Thread(target=self._feed, args=(child,), daemon=True)
            t.start()
            self._threads.append(t)

    def _feed(self, child):
        if self._initializer is not None:
            reply = child.receive()
            if reply is None or reply[0] == 'err':
                self._break(BrokenProcessPool('A child process terminated abruptly, the process pool is not usable anymore'
                                              if reply is None else 'A process in the process pool failed its initializer'))
                return
        while True:
            with self._cond:
                while not self._pending and not self._shutdown and self._broken is None:
                    self._cond.wait()
                if not self._pending or self._broken is not None:
                    break
                future, fn, args, kwargs = self._pending.pop(0)
            if not future.set_running_or_notify_cancel():
                continue
            try:
                child.send(('call', 0, fn, args, kwargs))
                reply = child.receive()
            except OSError:
                reply = None
            if reply is None:
                error = BrokenProcessPool('A process in the process pool was terminated abruptly while the future was '
                                          'running or pending. (worker %s, pid %d, %s)'
                                          % (child.name, child.pid, child.death()))
                future.set_exception(error)
                self._break(error)
                return
            if reply[0] == 'ok':
                future.set_result(reply[2])
            else:
                future.set_exception(_mp._rebuild(reply[2]))
        child.stop()

    def _break(self, error):
        with self._cond:
            if self._broken is None:
                self._broken = error
            pending, self._pending = self._pending, []
            self._cond.notify_all()
        for future, _, _, _ in pending:
            if future.set_running_or_notify_cancel():
                future.set_exception(error)

    def submit(self, fn, /, *args, **kwargs):
        pickle.dumps((fn, args, kwargs))
        with self._cond:
            if self._broken is not None:
                raise BrokenProcessPool(str(self._broken))
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if not self._children:
                self._start_workers()
            future = _cf.Future()
            self._pending.append((future, fn, args, kwargs))
            self._cond.notify()
            return future

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        futures = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            for f in futures:
                yield f.result(timeout)
        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._cond:
            self._shutdown = True
            if cancel_futures:
                for future, _, _, _ in self._pending:
                    future.cancel()
                self._pending = []
            self._cond.notify_all()
        if wait:
            for t in self._threads:
                t.join()
            for child in self._children:
                child.stop()
                child.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown(wait=True)
        return False
