"""multiprocessing.pool: Pool (processes) and ThreadPool, the same interface run by threads.

ThreadPool's workers are threads of this process: calls are not pickled and share the one GIL,
so it helps I/O-bound work and native code that releases the GIL, not pure-Python CPU work.
"""

import threading

from multiprocessing import Pool, AsyncResult


class ThreadPool(Pool):
    def __init__(self, processes=None, initializer=None, initargs=()):
        if processes is None:
            import multiprocessing
            processes = multiprocessing.cpu_count()
        if processes < 1:
            raise ValueError('Number of processes must be at least 1')
        self._pending = []
        self._cond = threading.Condition()
        self._state = 'RUN'
        self._broken = None
        self._children = []
        self._size = processes
        self._threads = [threading.Thread(target=self._work, args=(initializer, tuple(initargs)), daemon=True)
                         for _ in range(processes)]
        for t in self._threads:
            t.start()

    def _check(self, fn, args, kwargs):
        pass

    def _work(self, initializer, initargs):
        if initializer is not None:
            initializer(*initargs)
        while True:
            with self._cond:
                while not self._pending and self._state == 'RUN':
                    self._cond.wait()
                if not self._pending:
                    return
                fn, args, kwargs, result = self._pending.pop(0)
            try:
                value = fn(*args, **kwargs)
            except BaseException as e:
                result._set(False, e)
            else:
                result._set(True, value)

    def terminate(self):
        with self._cond:
            self._state = 'TERMINATE'
            self._pending = []
            self._cond.notify_all()
        self.join()

    def join(self):
        if self._state == 'RUN':
            raise ValueError('Pool is still running')
        for t in self._threads:
            t.join()


__all__ = ['Pool', 'ThreadPool', 'AsyncResult']
