// SysModuleTests.swift: the systems and concurrency modules of the standard library (queue, the
// threading additions, os, io, open, sys, ...) seen from Python. Each program runs through
// MiniPy.runSource and its output is compared with what CPython 3.11 printed for the same program
// (recorded once with python3 into this file; the tests do not need python3). Every run must give
// back every object and reference it took (LibScriptTestCase.run checks it).
import XCTest
import CShims
import MiniKit
@testable import MiniPy

final class SysModuleTests: LibScriptTestCase {
    func testQueueBasics() {
        expect(#"""
        import queue, threading

        q = queue.Queue()
        results = []
        def producer(n):
            for i in range(n):
                q.put(i)
        def consumer():
            while True:
                item = q.get()
                if item is None:
                    q.task_done()
                    break
                results.append(item * 2)
                q.task_done()

        ps = [threading.Thread(target=producer, args=(500,)) for _ in range(3)]
        cs = [threading.Thread(target=consumer) for _ in range(4)]
        for t in ps + cs: t.start()
        for t in ps: t.join()
        q.join()
        for _ in cs: q.put(None)
        for t in cs: t.join()
        print(len(results), sum(results), q.qsize(), q.empty())

        lq = queue.LifoQueue()
        for i in range(5): lq.put(i)
        print([lq.get() for _ in range(5)])
        pq = queue.PriorityQueue()
        for x in [5, 1, 4, 2, 3, (0, 'a')][:5]: pq.put(x)
        print([pq.get_nowait() for _ in range(5)])
        pq2 = queue.PriorityQueue()
        for t in [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'Z')]: pq2.put(t)
        print([pq2.get() for _ in range(4)])
        bq = queue.Queue(maxsize=2)
        bq.put(1); bq.put(2)
        print(bq.full(), bq.qsize(), bq.maxsize)
        try:
            bq.put(3, timeout=0.01)
        except queue.Full as e:
            print('Full', repr(e), type(e).__name__)
        try:
            bq.put_nowait(3)
        except queue.Full:
            print('Full nowait')
        bq.get(); bq.get()
        try:
            bq.get(timeout=0.01)
        except queue.Empty as e:
            print('Empty', repr(e))
        try:
            bq.get(block=False)
        except queue.Empty:
            print('Empty noblock')
        try:
            bq.get(timeout=-1)
        except ValueError as e:
            print('ValueError', e)
        bq.task_done(); bq.task_done()
        try:
            bq.task_done()
        except ValueError as e:
            print('ValueError', e)
        sq = queue.SimpleQueue()
        sq.put('a'); sq.put_nowait('b')
        print(sq.qsize(), sq.get(), sq.get_nowait(), sq.empty())
        try:
            sq.get(timeout=0.01)
        except queue.Empty:
            print('simple Empty')
        print(queue.Empty, queue.Full, issubclass(queue.Empty, Exception))
        print(queue.Queue, queue.LifoQueue, queue.PriorityQueue, queue.SimpleQueue)
        print(isinstance(lq, queue.Queue), q.maxsize)
        class MyQ(queue.Queue):
            def __init__(self):
                super().__init__(3)
                self.extra = 1
        m = MyQ(); m.put(1)
        print(m.qsize(), m.maxsize, m.extra, m.get())
        """# + "\n", #"""
        1500 748500 0 True
        [4, 3, 2, 1, 0]
        [1, 2, 3, 4, 5]
        [(1, 'Z'), (1, 'a'), (2, 'b'), (3, 'c')]
        True 2 2
        Full Full() Full
        Full nowait
        Empty Empty()
        Empty noblock
        ValueError 'timeout' must be a non-negative number
        ValueError task_done() called too many times
        2 a b True
        simple Empty
        <class '_queue.Empty'> <class 'queue.Full'> True
        <class 'queue.Queue'> <class 'queue.LifoQueue'> <class 'queue.PriorityQueue'> <class '_queue.SimpleQueue'>
        True 0
        1 3 1 1
        """# + "\n")
    }

    func testThreadingExtras() {
        expect(#"""
        import threading, time

        data = threading.local()
        data.x = 'main'
        seen = []
        def work(n):
            seen.append((n, hasattr(data, 'x')))
            data.x = n
            time.sleep(0.01)
            seen.append((n, data.x))
        ts = [threading.Thread(target=work, args=(i,)) for i in range(3)]
        for t in ts: t.start()
        for t in ts: t.join()
        print(sorted(seen), data.x)
        for i in range(3):
            t = threading.Thread(target=work, args=(10 + i,)); t.start(); t.join()
        print(sorted(seen)[-6:])

        class MyLocal(threading.local):
            def __init__(self, v):
                self.v = v
                self.items = []
        ml = MyLocal(5)
        ml.v = 7
        def w2():
            ml.items.append(threading.current_thread().name)
            print('in thread', ml.v, ml.items)
        t = threading.Thread(target=w2, name='W'); t.start(); t.join()
        print('main', ml.v, ml.items)
        try:
            threading.local(1)
        except TypeError as e:
            print('TypeError', e)

        fired = []
        tm = threading.Timer(0.05, lambda a, b=0: fired.append(a + b), args=(1,), kwargs={'b': 2})
        tm.start(); tm.join()
        print('fired', fired, tm.finished.is_set(), isinstance(tm, threading.Thread))
        tm2 = threading.Timer(5, lambda: fired.append('no'))
        tm2.start(); tm2.cancel(); tm2.join()
        print('cancelled', fired)

        def hook(args):
            print('hook:', args.exc_type.__name__, args.exc_value, args.thread.name, args.exc_traceback is not None)
        threading.excepthook = hook
        def boom():
            raise ValueError('bad')
        t = threading.Thread(target=boom, name='B'); t.start(); t.join()
        threading.excepthook = threading.__excepthook__
        print(threading.get_ident() == threading.main_thread().ident, threading.active_count(), len(threading.enumerate()))
        print(type(threading.get_native_id()).__name__, threading.main_thread().name)
        """# + "\n", #"""
        [(0, False), (0, 0), (1, False), (1, 1), (2, False), (2, 2)] main
        [(10, False), (10, 10), (11, False), (11, 11), (12, False), (12, 12)]
        in thread 5 ['W']
        main 7 []
        TypeError Initialization arguments are not supported
        fired [3] True True
        cancelled [3]
        hook: ValueError bad B True
        True 1 1
        int MainThread
        """# + "\n")
    }

}
