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
    func testOsAndFiles() {
        expect(#"""
        import os, os.path, io, sys
        base = os.path.join('/tmp', 'minipy_sys_test_%d' % os.getpid())
        os.makedirs(os.path.join(base, 'a', 'b'), exist_ok=True)
        os.makedirs(os.path.join(base, 'a', 'b'), exist_ok=True)
        try:
            os.makedirs(os.path.join(base, 'a'))
        except FileExistsError as e:
            print('FileExistsError', e.errno, e.strerror)
        p = os.path.join(base, 'a', 'data.txt')
        with open(p, 'w') as f:
            print(f.write('héllo\nwörld\n'), f.closed, f.mode, f.encoding)
            f.write('third line')
        print(f.closed)
        with open(p) as f:
            print(repr(f.read()))
        with open(p, encoding='utf-8') as f:
            print([line.rstrip('\n') for line in f])
        with open(p, 'rb') as f:
            data = f.read()
            print(len(data), data[:7], type(f).__name__)
        with open(p, 'r', encoding='latin-1') as f:
            print(repr(f.readline()))
        with open(p, 'a') as f:
            f.write('\nappended')
        with open(p) as f:
            lines = f.readlines()
            print(len(lines), lines[-1])
        with open(p, 'wb') as f:
            f.write(b'\x00\x01binary\r\nline2\rline3')
        with open(p) as f:
            print(repr(f.read()))
        with open(p, newline='') as f:
            print(repr(f.read()))
        print(os.path.getsize(p), os.path.exists(p), os.path.isfile(p), os.path.isdir(p), os.path.isdir(base))
        print(sorted(os.listdir(os.path.join(base, 'a'))))
        for root, dirs, files in os.walk(base):
            print(root[len(base):], sorted(dirs), sorted(files))
        print(sorted(e.name for e in os.scandir(os.path.join(base, 'a'))))
        os.rename(p, p + '.bak')
        print(os.path.exists(p), os.path.exists(p + '.bak'))
        os.remove(p + '.bak')
        for bad in [os.path.join(base, 'missing.txt'), base]:
            try:
                open(bad)
            except OSError as e:
                print(type(e).__name__, e.errno, str(e).replace(base, 'BASE'))
        try:
            os.remove(os.path.join(base, 'nope'))
        except FileNotFoundError as e:
            print('remove:', str(e).replace(base, 'BASE'))
        try:
            open(p, 'rw')
        except ValueError as e:
            print('ValueError', e)
        try:
            open(p, 'rb', encoding='utf-8')
        except ValueError as e:
            print('ValueError', e)
        os.rmdir(os.path.join(base, 'a', 'b'))
        os.rmdir(os.path.join(base, 'a'))
        os.rmdir(base)
        print(os.path.exists(base))
        print(os.path.join('a', 'b', 'c'), os.path.join('/x', '/y', 'z'), os.path.split('/a/b/c.txt'))
        print(os.path.splitext('archive.tar.gz'), os.path.splitext('.bashrc'), os.path.basename('/a/b/'), os.path.dirname('/a/b/c'))
        print(os.path.normpath('/a//b/./c/../d/'), os.path.normpath(''), os.path.isabs('/x'), os.path.relpath('/a/b/c', '/a/d'))
        print(os.path.abspath('/x/../y'), os.path.commonprefix(['/usr/lib', '/usr/local']), os.path.expanduser('~') == os.environ['HOME'])
        os.environ['MINIPY_TEST_VAR'] = 'value 1'
        print(os.environ['MINIPY_TEST_VAR'], os.getenv('MINIPY_TEST_VAR'), os.getenv('MINIPY_NOPE', 'dflt'), 'MINIPY_TEST_VAR' in os.environ)
        del os.environ['MINIPY_TEST_VAR']
        print(os.environ.get('MINIPY_TEST_VAR'), os.sep, os.linesep == '\n', os.name, os.curdir)
        print(len(os.urandom(16)), os.cpu_count() >= 1, os.getpid() > 0, type(os.getcwd()).__name__)
        s = io.StringIO()
        s.write('abc')
        print('def', file=s)
        print(repr(s.getvalue()), s.tell())
        s.seek(0)
        print(repr(s.read(2)), repr(s.readline()), repr(s.read()))
        s2 = io.StringIO('x\ny\nz')
        print(list(s2), s2.closed)
        b = io.BytesIO(b'12345')
        b.seek(2)
        b.write(b'ab')
        print(b.getvalue(), b.read(), b.tell())
        with io.StringIO() as s3:
            s3.write('q')
        print(s3.closed)
        try:
            s3.getvalue()
        except ValueError as e:
            print('ValueError', e)
        sys.stdout.write('direct write\n')
        sys.stdout.flush()
        """# + "\n", #"""
        FileExistsError 17 File exists
        12 False w UTF-8
        True
        'héllo\nwörld\nthird line'
        ['héllo', 'wörld', 'third line']
        24 b'h\xc3\xa9llo\n' BufferedReader
        'hÃ©llo\n'
        4 appended
        '\x00\x01binary\nline2\nline3'
        '\x00\x01binary\r\nline2\rline3'
        21 True True False True
        ['b', 'data.txt']
         ['a'] []
        /a ['b'] ['data.txt']
        /a/b [] []
        ['b', 'data.txt']
        False True
        FileNotFoundError 2 [Errno 2] No such file or directory: 'BASE/missing.txt'
        IsADirectoryError 21 [Errno 21] Is a directory: 'BASE'
        remove: [Errno 2] No such file or directory: 'BASE/nope'
        ValueError must have exactly one of create/read/write/append mode
        ValueError binary mode doesn't take an encoding argument
        False
        a/b/c /y/z ('/a/b', 'c.txt')
        ('archive.tar', '.gz') ('.bashrc', '')  /a/b
        /a/b/d . True ../b/c
        /y /usr/l True
        value 1 value 1 dflt True
        None / True posix .
        16 True True str
        'abcdef\n' 7
        'ab' 'cdef\n' ''
        ['x\n', 'y\n', 'z'] False
        b'12ab5' b'5' 5
        True
        ValueError I/O operation on closed file
        direct write
        """# + "\n")
    }

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
