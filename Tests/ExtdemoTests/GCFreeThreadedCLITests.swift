// GCFreeThreadedCLITests.swift: the cycle collector in free-threaded mode (issue 13, gc.c),
// through the built binary with the GIL off and checked mode on (ExtdemoProcess sets
// EXTDEMO_CHECK=1, so a double free, a write to freed memory or a leaked object fails the run):
// automatic collections run while several threads make cycles (session 3 skipped them with the
// GIL off), weak references to garbage are cleared and their callbacks and __del__ methods run
// exactly once per object when eight threads made them at once (the VM's tracking list was
// corrupted by concurrent threads and a collection then wrote into freed instances), and classes
// that end up in garbage cycles are freed (a fresh class was made immortal in free-threaded mode
// before). Counted, never timed.
import Foundation
import XCTest

extension CLITests {
    private func gcScript(_ source: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gcft-\(UUID().uuidString).py")
        try source.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testAutomaticCollectionsRunWithoutTheGIL() throws {
        // Four threads leave 4 x 3,000 cycles behind with the GIL off. Generation 0's threshold is
        // 700 allocations, so scheduled collections must have run (on the worker threads: the
        // main thread waits in join(); main ran none), and what they left is freed by one
        // gc.collect().
        let url = try gcScript("""
        import gc, sys, threading
        class Node:
            pass
        def work(k):
            for i in range(3000):
                a = Node(); b = Node(); a.b = b; b.a = a
                l = [a, k]; l.append(l)
        gc.collect()
        base = sys.getallocatedblocks()
        before = gc.get_stats()[0]['collections']
        ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in ts: t.start()
        for t in ts: t.join()
        automatic = gc.get_stats()[0]['collections'] - before
        gc.collect()
        left = sys.getallocatedblocks() - base
        print(sys._is_gil_enabled(), automatic > 0, left < 100)
        """)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try run(["run", "--gil", "off", url.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "False True True\n")
        XCTAssertEqual(r.stderr, "")
    }

    func testWeakrefCallbacksAndFinalizersRunOnceWithoutTheGIL() throws {
        // Cycles with a __del__ and a weak reference with a callback each, made by eight threads
        // while automatic collections run: every finalizer and every callback runs exactly once,
        // and every weak reference is dead at the end.
        let url = try gcScript("""
        import gc, sys, threading, weakref
        deleted, called, refs = [], [], []
        class Node:
            def __del__(self):
                deleted.append(1)
        def work(k):
            mine = []
            for i in range(1000):
                a = Node(); a.me = a
                l = [a]; l.append(l)
                mine.append(weakref.ref(a, lambda wr: called.append(1)))
            refs.extend(mine)
        ts = [threading.Thread(target=work, args=(k,)) for k in range(8)]
        for t in ts: t.start()
        for t in ts: t.join()
        gc.collect()
        print(len(deleted), len(called), sum(r() is None for r in refs))
        """)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try run(["run", "--gil", "off", url.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "8000 8000 8000\n")
        XCTAssertEqual(r.stderr, "")
    }

    func testClassesInGarbageCyclesAreFreedWithoutTheGIL() throws {
        // A class always sits in a cycle (its __mro__ holds it). With the GIL off it must be
        // collected like any other: the weak references to the classes die.
        let url = try gcScript("""
        import gc, sys, weakref
        refs = []
        for i in range(20):
            class C:
                def m(self):
                    return C
            C().m()
            refs.append(weakref.ref(C))
            del C
        gc.collect()
        print(sys._is_gil_enabled(), sum(r() is None for r in refs))
        """)
        defer { try? FileManager.default.removeItem(at: url) }
        for gil in ["off", "on"] {
            let r = try run(["run", "--gil", gil, url.path])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "\(gil == "on" ? "True" : "False") 20\n", "--gil \(gil)")
            XCTAssertEqual(r.stderr, "")
        }
    }
}
