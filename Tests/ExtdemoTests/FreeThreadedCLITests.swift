// FreeThreadedCLITests.swift: issue 13's free-threaded mode through the built binary: `--gil` and
// EXTDEMO_GIL, sys._is_gil_enabled(), `race refcount --mode free-threaded` losing exactly nothing
// (and its row in a GIL run, from a child), the counter race's free-threaded rows, and one-line
// errors for bad settings. Exact properties only, never timings.
import Foundation
import XCTest

extension CLITests {
    private func script(_ source: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ft-\(UUID().uuidString).py")
        try source.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testGILOptionAndIsGILEnabled() throws {
        let url = try script("import sys\nprint(sys._is_gil_enabled())\n")
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertEqual(try run(["run", url.path]).stdout, "True\n")
        XCTAssertEqual(try run(["run", "--gil", "off", url.path]).stdout, "False\n")
        XCTAssertEqual(try run(["run", "--gil", "on", url.path]).stdout, "True\n")
        XCTAssertEqual(try ExtdemoProcess.run(["run", url.path], environment: ["EXTDEMO_GIL": "0"]).stdout, "False\n")
        XCTAssertEqual(try ExtdemoProcess.run(["run", "--gil", "on", url.path], environment: ["EXTDEMO_GIL": "0"]).stdout, "True\n",
                       "the option wins over the environment")
        // The kit's own modules declare Mini_MOD_GIL_NOT_USED: importing them keeps the GIL off.
        let imports = try script("import sys, math, time, threading, matmul, hashing\nprint(sys._is_gil_enabled())\n")
        defer { try? FileManager.default.removeItem(at: imports) }
        let auto = try run(["run", "--gil", "auto", imports.path])
        XCTAssertEqual(auto.stdout, "False\n")
        XCTAssertEqual(auto.stderr, "", "no RuntimeWarning for modules that declare the slot")
    }

    func testBadGILSettings() throws {
        let r = try run(["run", "--gil", "sometimes", "x.py"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "extdemo: run: --gil must be on, off or auto (got 'sometimes')\n")
        let e = try ExtdemoProcess.run(["countdown", "--mode", "sequential", "--count", "1000"], environment: ["EXTDEMO_GIL": "perhaps"])
        XCTAssertEqual(e.status, 2)
        XCTAssertEqual(e.stderr, "extdemo: countdown: EXTDEMO_GIL must be 1, 0, on, off or auto (got 'perhaps')\n")
    }

    func testThreadsShareObjectsWithoutTheGIL() throws {
        // Threads mutating one list and one dict and sharing objects: exact counts, no leak
        // reported by checked mode (ExtdemoProcess sets EXTDEMO_CHECK=1).
        let url = try script("""
        import threading
        items, table = [], {}
        shared = [object() for _ in range(10)]
        def work(k):
            for i in range(2000):
                items.append(shared[i % 10])
                table[(k, i % 50)] = shared[i % 10]
                items.pop()
        ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in ts: t.start()
        for t in ts: t.join()
        print(len(items), len(table))
        """)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try run(["run", "--gil", "off", url.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "0 200\n")
        XCTAssertEqual(r.stderr, "")
    }

    func testListIndexingUnderContentionInTheFreeThreadedLoop() throws {
        // Without checked mode the free-threaded eval loop runs (ft-speed): list[i] reads and
        // list[i] = v stores take the list's lock alone when it is free and fall back to a full
        // critical section when another thread holds it. Two writers store only their own values
        // into their own slots of one shared list while two readers index every slot and a fifth
        // thread appends and pops at the end (so the lock is contended and the array moves).
        // Counted: every value a reader saw is one some writer stored (or the initial 0); each
        // writer's slots end with its last value; the list's length is back where it started.
        let url = try script("""
        import threading
        N = 64
        shared = [0] * N
        bad = []
        def writer(k):
            for r in range(1, 3001):
                for i in range(k, N, 2):
                    shared[i] = k * 100000 + r
        def reader():
            seen = 0
            for r in range(300):
                for i in range(N):
                    v = shared[i]
                    if v != 0 and (v // 100000 != i % 2 or not 1 <= v % 100000 <= 3000):
                        bad.append((i, v))
                    seen += 1
            counts.append(seen)
        def churn():
            for r in range(3000):
                shared.append(-1)
                shared.pop()
        counts = []
        ts = [threading.Thread(target=writer, args=(k,)) for k in (0, 1)]
        ts += [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=churn)]
        for t in ts: t.start()
        for t in ts: t.join()
        print(len(shared), bad, counts)
        print(all(shared[i] == (i % 2) * 100000 + 3000 for i in range(N)))
        """)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try ExtdemoProcess.run(["run", "--gil", "off", url.path], environment: ["EXTDEMO_CHECK": "0"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "64 [] [19200, 19200]\nTrue\n")
        XCTAssertEqual(r.stderr, "")
    }

    func testFreeThreadedLoopImmortalAndReuseShortcutsKeepCountsExact() throws {
        // The free-threaded loop's shortcuts (ft-speed): no count for True/False/None/small ints
        // (pushed by comparisons and range, popped by conditional jumps), immortal-first constants,
        // the in-place reuse test of a float/int only the stack or one local references, a
        // tuple's items read in place by `for`, a replaced list item dropped by the loop. Counted:
        // the values (an alias of a reused operand keeps its value), and the total reference count
        // and allocated blocks unchanged over a warm call of the function (exact, both runs).
        let url = try script("""
        import sys
        def work():
            t = (1.5, 2, None, "s", True)
            out = []
            for x in t:
                out.append(x)
            a = 2.5; b = a; a += 1.0
            c = 1000; d = c; c += 1
            e = 0
            f = None
            for i in range(300):
                e = e + (i % 7)
                f = i < 150
                g = None if i % 2 else i
                if g is not None: e += 1
                if g is None: e -= 1
            l = [0.0] * 8
            for i in range(8):
                l[i] = l[i] + i * 0.5
            return out, a, b, c, d, e, l, f
        print(work())
        work()
        for k in range(3):   # the first round binds the module's names t0 ... b1
            t0, b0 = sys.gettotalrefcount(), sys.getallocatedblocks()
            work()
            t1, b1 = sys.gettotalrefcount(), sys.getallocatedblocks()
            if k: print(t1 - t0, b1 - b0)
        """)
        defer { try? FileManager.default.removeItem(at: url) }
        let expected = "([1.5, 2, None, 's', True], 3.5, 2.5, 1001, 1000, 897, [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5], False)\n0 0\n0 0\n"
        for check in ["0", "1"] {   // 0: the free-threaded loop; 1: checked mode's generic loop
            let r = try ExtdemoProcess.run(["run", "--gil", "off", url.path], environment: ["EXTDEMO_CHECK": check])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, expected, "EXTDEMO_CHECK=\(check)")
            XCTAssertEqual(r.stderr, "")
        }
    }

    func testListIterationAndUnpackingUnderContentionInTheFreeThreadedLoop() throws {
        // The free-threaded loop's `for x in a_list` step and `a, b, c = a_list` copy take the
        // list's lock alone (ft-speed). Two writers replace the items of shared lists with their
        // own values (the old ones die, so a reader that read an item without its reference in
        // time would see freed memory) while a churn thread appends and pops (the array moves and
        // the length changes under the iterators: an unpack may meet 4 items and raise). Counted:
        // every item iterated or unpacked is one a writer stored (or the initial 0.0); every
        // ValueError is the length one; the lists end with the writers' last values.
        let url = try script("""
        import threading
        N = 32
        shared = [0.0] * N
        triple = [0.0, 0.0, 0.0]
        bad, sizes = [], []
        def ok(v):
            return v == 0.0 or (v // 100000 in (1.0, 2.0) and 1 <= v % 100000 <= 2000)
        def writer(k):
            for r in range(1, 2001):
                v = k * 100000.0 + r
                for i in range(N):
                    shared[i] = v
                triple[k] = v
        def reader():
            n = 0
            for r in range(200):
                for v in shared:
                    if v != -1.0 and not ok(v): bad.append(v)
                    n += 1
                try:
                    a, b, c = triple
                    if not (ok(a) and ok(b) and ok(c)): bad.append((a, b, c))
                except ValueError as e:
                    if "unpack" not in str(e): bad.append(str(e))
            sizes.append(n >= 200 * N)
        def churn():
            for r in range(2000):
                shared.append(-1.0)
                shared.pop()
                triple.append(-1.0)
                triple.pop()
        ts = [threading.Thread(target=writer, args=(k,)) for k in (1, 2)]
        ts += [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=churn)]
        for t in ts: t.start()
        for t in ts: t.join()
        print(len(shared), len(triple), bad, sizes)
        print(all(v in (102000.0, 202000.0) for v in shared), triple[1:] == [102000.0, 202000.0])
        """)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try ExtdemoProcess.run(["run", "--gil", "off", url.path], environment: ["EXTDEMO_CHECK": "0"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "32 3 [] [True, True]\nTrue True\n")
        XCTAssertEqual(r.stderr, "")
    }

    func testRaceRefcountFreeThreadedLosesNothing() throws {
        let r = try run(["race", "refcount", "--mode", "free-threaded", "--threads", "4", "--ops", "50000", "--runs", "2", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 2)
        for row in rows {
            XCTAssertEqual(row["mode"] as? String, "free-threaded")
            XCTAssertEqual(row["lost"] as? Int, 0)
            XCTAssertEqual(row["observed"] as? Int, row["expected"] as? Int)
        }
        // Beside gil in one GIL-mode run: the free-threaded row comes from a child.
        let both = try run(["race", "refcount", "--mode", "gil,free-threaded", "--threads", "2", "--ops", "20000", "--json"])
        XCTAssertEqual(both.status, 0, both.stderr)
        let pair = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(pair.map { $0["mode"] as? String }, ["gil", "free-threaded"])
        XCTAssertEqual(pair.map { $0["lost"] as? Int }, [0, 0])
    }

    func testRaceCounterFreeThreadedRowsAndLockFix() throws {
        let r = try run(["race", "counter", "--checkpoints", "free-threaded", "--count", "20000", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["mode"] as? String }, ["free-threaded", "free-threaded+lock"])
        XCTAssertLessThanOrEqual(try XCTUnwrap(rows[0]["observed"] as? Int), 40000)
        XCTAssertEqual(rows[1]["lost"] as? Int, 0, "the lock fixes it without a GIL too")
    }
}
