// MultiprocessingTests.swift: the kit's multiprocessing (Sources/MiniPy/Lib/multiprocessing and
// the C module _mpio) through the built binary, since a spawned child is `extdemo __mp_child`:
// Pool (map, imap, apply_async, a worker's exception re-raised in the parent), the child running
// the script as __mp_main__ (its main block does not run again; instances of the script's classes
// it returns, pickled as __mp_main__.Cls, load in the parent), Process (target and subclass),
// Queue, Pipe, Value and Array in shared memory under a process-shared lock (counted: 2 x 200
// increments must give 400), ProcessPoolExecutor, BrokenProcessPool when a worker is killed
// (reported, not waited for), ThreadPool, and pickle's error for an unpicklable callable.
import Foundation
import XCTest

extension InterpreterCLITests {
    static let poolScript = """
    import multiprocessing as mp

    def module_name(x):
        return __name__

    def square(x):
        return x * x

    def whoami(x):
        return mp.current_process().name

    def boom(x):
        raise ValueError('bad %d' % x)

    class Point:
        def __init__(self, x):
            self.x = x

        def __repr__(self):
            return 'Point(%d)' % self.x

    def make_point(x):
        return Point(x)

    if __name__ == '__main__':
        print(mp.cpu_count() >= 1, mp.current_process().name)
        with mp.Pool(2) as pool:
            print(pool.map(module_name, [1, 2]))
            print(pool.map(square, range(10)))
            print(list(pool.imap(square, [1, 2, 3])), pool.starmap(pow, [(2, 3), (3, 2)]))
            print(pool.apply_async(square, (7,)).get(timeout=30))
            print(pool.map(make_point, [1, 2]))
            try:
                pool.apply(boom, (3,))
            except ValueError as e:
                print('ValueError', e)
            print(sorted(set(pool.map(whoami, range(8), chunksize=1)))[0].startswith('SpawnPoolWorker-'))
        try:
            mp.Pool(1).map(lambda x: x, [1])
        except Exception as e:
            print(type(e).__name__, str(e).split(' at ')[0])
    """

    func testPoolMapsInChildProcessesAndCarriesErrors() throws {
        try write(Self.poolScript, to: "pool.py")
        let r = try extdemo(["run", "pool.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
        True MainProcess
        ['__mp_main__', '__mp_main__']
        [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
        [1, 4, 9] [8, 9]
        49
        [Point(1), Point(2)]
        ValueError bad 3
        True
        PicklingError Can't pickle <function <lambda>

        """)
    }

    /// The script imports a module found only through `run --ext-path` (EXTDEMO_PATH empty), as
    /// `extdemo bench --suite` runs pyperformance's programs with the pyperf stand-in: the spawned
    /// child gets the parent's sys.path and imports it too (it exited with status 1 before).
    func testPoolChildSearchesTheParentsPath() throws {
        try write("def twice(x):\n    return 2 * x\n", to: "extlib/helper_mod.py")
        try write("""
        import multiprocessing as mp
        import helper_mod

        def work(x):
            return helper_mod.twice(x)

        if __name__ == '__main__':
            with mp.Pool(2) as pool:
                print(pool.map(work, [1, 2, 3]))
        """, to: "app/extpool.py")
        let lib = scratch.appendingPathComponent("extlib").path
        let r = try extdemo(["run", "--ext-path", lib, "app/extpool.py"], environment: ["EXTDEMO_PATH": ""])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "[2, 4, 6]\n")
    }

    static let processScript = """
    import multiprocessing as mp
    from multiprocessing.pool import ThreadPool
    from concurrent.futures import ProcessPoolExecutor, BrokenProcessPool

    def add(v, arr, n):
        for _ in range(n):
            with v.get_lock():
                v.value += 1
        arr[1] = 7.25

    def producer(q, conn):
        for i in range(3):
            q.put(('item', i))
        conn.send({'hello': [1, 2], 'name': mp.current_process().name})

    def crash(x):
        import _mpio
        _mpio.kill(_mpio.getpid(), 9)

    def cube(x):
        return x ** 3

    class Worker(mp.Process):
        def run(self):
            print('subclass run', self.name == 'W')

    if __name__ == '__main__':
        v = mp.Value('i', 0)
        arr = mp.Array('d', [1.5, 2.5])
        ps = [mp.Process(target=add, args=(v, arr, 200)) for _ in range(2)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print('value', v.value, 'array', arr[:], [p.exitcode for p in ps])
        q = mp.Queue()
        a, b = mp.Pipe()
        p = mp.Process(target=producer, args=(q, b), name='Prod')
        p.start()
        print([q.get() for _ in range(3)], a.recv())
        p.join()
        w = Worker(name='W')
        w.start()
        w.join()
        with ProcessPoolExecutor(max_workers=2) as ex:
            print(list(ex.map(cube, range(5))), ex.submit(cube, 3).result())
        ex = ProcessPoolExecutor(max_workers=2)
        f = ex.submit(crash, 1)
        try:
            f.result(timeout=30)
        except BrokenProcessPool as e:
            print('BrokenProcessPool', 'terminated abruptly' in str(e), 'signal 9' in str(e))
        try:
            ex.submit(cube, 1)
        except BrokenProcessPool:
            print('later submits: BrokenProcessPool')
        with ThreadPool(3) as tp:
            print(tp.map(lambda x: x + 1, range(5)))
    """

    func testProcessQueuePipeSharedMemoryExecutorAndACrashedWorker() throws {
        try write(Self.processScript, to: "procs.py")
        let r = try extdemo(["run", "procs.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        // The child's line may come before or after the parent's (each flushes at its own exit).
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.filter { $0 == "subclass run True" }.count, 1, r.stdout)
        XCTAssertEqual(lines.filter { $0 != "subclass run True" }.joined(separator: "\n"), """
        value 400 array [1.5, 7.25] [0, 0]
        [('item', 0), ('item', 1), ('item', 2)] {'hello': [1, 2], 'name': 'Prod'}
        [0, 1, 8, 27, 64] 27
        BrokenProcessPool True True
        later submits: BrokenProcessPool
        [1, 2, 3, 4, 5]

        """)
    }

    func testAFailingProcessHasExitCodeOne() throws {
        try write("""
        import multiprocessing as mp
        def fail():
            raise KeyError('k')
        if __name__ == '__main__':
            p = mp.Process(target=fail, name='F')
            p.start()
            p.join()
            print(p.exitcode, p.is_alive())
        """, to: "fail.py")
        let r = try extdemo(["run", "fail.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "1 False\n")
        XCTAssertTrue(r.stderr.contains("Process F:\nKeyError: 'k'"), r.stderr)
    }
}

extension InterpreterCLITests {
    /// `extdemo compare` runs the script in every mode, checks the outputs agree and reports each.
    func testCompareRunsEveryModeAndChecksTheOutputs() throws {
        let example = Self.root.appendingPathComponent("Examples/compare/primes.py")
        try write(try String(contentsOf: example, encoding: .utf8), to: "primes.py")
        let r = try extdemo(["compare", "--workers", "2", "--json", "primes.py", "2000"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["same_output"] as? Bool, true)
        let rows = try XCTUnwrap(report["results"] as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["mode"] as? String }, ["sequential", "threads", "processes", "free-threaded"])
        XCTAssertEqual(rows.compactMap { $0["workers"] as? Int }, [1, 2, 2, 2])

        try write("""
        import sys
        print('mode', sys.argv[1])
        """, to: "differs.py")
        let d = try extdemo(["compare", "differs.py"])
        XCTAssertEqual(d.status, 1)
        XCTAssertTrue(d.stdout.contains("OUTPUT DIFFERS between modes"), d.stdout)
        let missing = try extdemo(["compare"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "extdemo: compare: missing FILE.py (see 'extdemo compare --help')\n")
    }
}
