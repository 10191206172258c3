// GILTraceCLITests.swift: seeing the lock from the command line: `--trace` (Chrome/Perfetto JSON
// with the required fields; per the trace at most one holder at any instant and every hold
// preceded by a wait), `--stats` (equal to the figures recomputed from the trace), `--timeline`
// (a well-formed SVG with one lane per thread; a terminal picture that fits the width), the same
// program output with recording on and off, and `--gil-policy` validation. Orderings and counts
// only: no timing thresholds.

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

final class GILTraceCLITests: XCTestCase {
    typealias Outcome = ExtdemoOutcome

    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("extdemo-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try Data(Self.script.utf8).write(to: scratch.appendingPathComponent("mixed.py"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A CPU-bound thread beside one that sleeps: holds, waits, drop requests and blocked time.
    static let script = """
    import threading, time
    results = {}
    def cpu():
        n = 0
        for i in range(200000):
            n += i
        results["cpu"] = n
    def io():
        for i in range(5):
            time.sleep(0.002)
        results["io"] = "done"
    ts = [threading.Thread(target=cpu, name="cpu"), threading.Thread(target=io, name="io")]
    for t in ts: t.start()
    for t in ts: t.join()
    print("cpu", results["cpu"], "io", results["io"])
    """

    /// Runs the built binary in `scratch` (see ExtdemoProcess); asserts no leaked object.
    @discardableResult
    func extdemo(_ arguments: [String], environment extra: [String: String] = [:],
                 file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        let outcome = try ExtdemoProcess.run(arguments, cwd: scratch, environment: extra, file: file, line: line)
        XCTAssertFalse(outcome.stderr.contains("leak check"), outcome.stderr, file: file, line: line)
        return outcome
    }

    func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    func traceEvents(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path(name)))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try XCTUnwrap(object["traceEvents"] as? [[String: Any]])
    }

    /// Slices of the trace: (thread, state, start_ns, dur_ns).
    func slices(_ events: [[String: Any]]) -> [(Int, String, Int, Int)] {
        events.filter { $0["ph"] as? String == "X" }.compactMap { e in
            guard let tid = e["tid"] as? Int, let args = e["args"] as? [String: Any], let state = args["state"] as? String,
                  let start = args["start_ns"] as? Int, let dur = args["dur_ns"] as? Int else { return nil }
            return (tid, state, start, dur)
        }
    }

    // ----- --trace -----------------------------------------------------------------------------

    func testTraceHasTheRequiredFieldsAndOneHolderAtATime() throws {
        let r = try extdemo(["run", "--trace", "t.json", "mixed.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let events = try traceEvents("t.json")
        for e in events {
            for key in ["ph", "name", "pid"] { XCTAssertNotNil(e[key], "missing \(key) in \(e)") }
            if e["ph"] as? String != "M" { XCTAssertNotNil(e["ts"], "missing ts in \(e)") }
            if e["ph"] as? String == "X" { XCTAssertNotNil(e["dur"], "missing dur in \(e)") }
        }
        // One named track per thread, named as the Python thread is.
        let names = events.filter { $0["name"] as? String == "thread_name" }
            .compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        XCTAssertTrue(names.contains("cpu"), "\(names)")
        XCTAssertTrue(names.contains("io"), "\(names)")
        XCTAssertTrue(names.contains("MainThread"), "\(names)")
        let s = slices(events)
        XCTAssertEqual(Set(s.map(\.1)).subtracting(["holding", "waiting", "forced", "native", "blocked"]), [])
        XCTAssertTrue(s.contains { $0.1 == "blocked" }, "time.sleep must show as blocked")
        // At most one holder at any instant.
        let holds = s.filter { $0.1 == "holding" }.sorted { $0.2 < $1.2 }
        XCTAssertGreaterThan(holds.count, 2)
        for (a, b) in zip(holds, holds.dropFirst()) {
            XCTAssertLessThanOrEqual(a.2 + a.3, b.2, "thread \(a.0) still held the lock when thread \(b.0) took it")
        }
        // Every hold of a thread (after its first) begins where one of its waits ends, or where
        // it let the lock go if it got it back at once (an uncontended take waits zero time, and
        // zero-length slices are not drawn; the runtime's READY-before-RESUMED order is asserted on
        // the raw events by GILRecordTests).
        let byThread = Dictionary(grouping: s, by: \.0)
        for (_, list) in byThread {
            let sorted = list.sorted { $0.2 < $1.2 }
            for (prev, next) in zip(sorted, sorted.dropFirst()) where next.1 == "holding" {
                XCTAssertNotEqual(prev.1, "holding", "two holds in a row in \(sorted.prefix(8))")
                XCTAssertEqual(prev.2 + prev.3, next.2, "a gap before a hold in \(sorted.prefix(8))")
            }
        }
        // Drop requests: an instant on the requester's track and a flow arrow to the holder's.
        let starts = events.filter { $0["ph"] as? String == "s" }
        let finishes = events.filter { $0["ph"] as? String == "f" }
        XCTAssertEqual(starts.count, finishes.count)
        XCTAssertEqual(starts.count, events.filter { $0["ph"] as? String == "i" && $0["name"] as? String == "drop request" }.count)
    }

    /// `compare` gives the recording options to every mode's child run: one trace per mode, named
    /// after it, and each child's statistics on stderr under the mode's name; stdout (the table)
    /// is what it is without them.
    func testCompareRecordsEveryModeInItsOwnFile() throws {
        let countdown = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/compare/countdown.py").path
        let r = try extdemo(["compare", "--workers", "2", "--stats", "--trace", "c.json", countdown, "20000"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("verified: every mode printed the same output"), r.stdout)
        for mode in ["sequential", "threads", "processes", "free-threaded"] {
            XCTAssertTrue(r.stderr.contains("compare: \(mode) run (--stats --trace c.\(mode).json):\nGIL statistics"), r.stderr)
            let names = try traceEvents("c.\(mode).json").filter { $0["name"] as? String == "thread_name" }
                .compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
            XCTAssertTrue(names.contains("MainThread"), "\(mode): \(names)")
        }
        // The threads mode's file shows its pool's threads; compare's own process recorded nothing.
        let threads = try traceEvents("c.threads.json").filter { $0["name"] as? String == "thread_name" }
            .compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        XCTAssertGreaterThanOrEqual(threads.filter { $0.hasPrefix("ThreadPoolExecutor") }.count, 1, "\(threads)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("c.json")))
    }

    func testCompareRejectsABadPolicyBeforeRunningAnything() throws {
        let r = try extdemo(["compare", "--gil-policy", "fast", "mixed.py"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "extdemo: compare: --gil-policy: unknown policy 'fast' (choose cpython, ticks, ticks:N or prompt)\n")
    }

    /// `stress` takes the recording options: the trace has a lane per worker (the warm-up run's
    /// workers too, so the names carry a "#N" where they repeat) and the statistics follow the
    /// run's own report.
    func testStressRecordsItsThreads() throws {
        let r = try extdemo(["stress", "--threads", "3", "--seconds", "0.05", "--stats", "--trace", "s.json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("GIL statistics (exact"), r.stderr)
        let names = try traceEvents("s.json").filter { $0["name"] as? String == "thread_name" }
            .compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        for w in ["worker-0", "worker-1", "worker-2"] { XCTAssertTrue(names.contains { $0.hasPrefix(w) }, "\(names.prefix(16))") }
    }

    /// The lanes carry CPython's thread names: MainThread, "Thread-N (target)", and a name a
    /// running thread gives itself, whole however long (the recorder once cut them at 31 bytes).
    func testThreadsAreNamedAsCPythonNamesThem() throws {
        try Data("""
        import threading
        def worker():
            pass
        def renamer():
            threading.current_thread().name = "renamed: a name longer than thirty-one bytes, kept whole"
        t = threading.Thread(target=worker)
        t.start(); t.join()
        u = threading.Thread(target=renamer)
        u.start(); u.join()
        print(threading.current_thread().name, t.name, u.name)
        """.utf8).write(to: scratch.appendingPathComponent("names.py"))
        let r = try extdemo(["run", "--stats", "--trace", "n.json", "names.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let long = "renamed: a name longer than thirty-one bytes, kept whole"
        XCTAssertEqual(r.stdout, "MainThread Thread-1 (worker) \(long)\n")
        let names = try traceEvents("n.json").filter { $0["name"] as? String == "thread_name" }
            .compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        XCTAssertEqual(Set(names), ["MainThread", "Thread-1 (worker)", long], "\(names)")
        for name in ["MainThread", "Thread-1 (worker)", long] {
            XCTAssertTrue(r.stderr.contains(name), "--stats does not name \(name):\n\(r.stderr)")
        }
    }

    /// A socket call that has to wait releases the lock once, as a blocking call, as CPython's
    /// blocking sockets do: 40 round trips by the main thread to an echo server thread show as
    /// one "blocked" slice per send and per recv on the main thread's track (the join at the end
    /// adds at most one) and never as "native" (an attempt, a wait and a retry each released as
    /// ordinary native work, with the lock taken back between them, did before).
    func testASocketCallReleasesTheLockOnceAsABlockingCall() throws {
        try Data("""
        import socket, threading
        a, b = socket.socketpair()
        def echo():
            while True:
                data = b.recv(64)
                if not data:
                    return
                b.send(data)
        t = threading.Thread(target=echo, name="echo")
        t.start()
        got = 0
        for i in range(40):
            a.send(b"x" * 64)
            got += len(a.recv(64))
        a.close()
        t.join()
        b.close()
        print(got)
        """.utf8).write(to: scratch.appendingPathComponent("echo.py"))
        let r = try extdemo(["run", "--trace", "e.json", "echo.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "2560\n")
        let events = try traceEvents("e.json")
        let mainTid = try XCTUnwrap(events.first {
            $0["name"] as? String == "thread_name" && ($0["args"] as? [String: Any])?["name"] as? String == "MainThread"
        }?["tid"] as? Int)
        let mine = slices(events).filter { $0.0 == mainTid }
        XCTAssertEqual(mine.filter { $0.1 == "native" }.count, 0, "\(mine.prefix(12))")
        let blocked = mine.filter { $0.1 == "blocked" }.count
        XCTAssertGreaterThanOrEqual(blocked, 80, "\(mine.prefix(12))")
        XCTAssertLessThanOrEqual(blocked, 82, "\(mine.prefix(12))")   // + the thread's start and join
    }

    /// `race` is a demo subcommand too: its counter race can be traced, one track per thread.
    func testRaceCounterCanBeTraced() throws {
        let r = try extdemo(["race", "counter", "--threads", "2", "--count", "2000", "--checkpoints", "backedges",
                             "--stats", "--trace", "race.json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("GIL statistics"), r.stderr)
        let names = try traceEvents("race.json").filter { $0["name"] as? String == "thread_name" }
        XCTAssertGreaterThanOrEqual(names.count, 3, "the main thread and two counting threads: \(names)")
    }

    // ----- --stats equals the trace -----------------------------------------------------------

    func testStatsEqualFiguresRecomputedFromTheTrace() throws {
        let r = try extdemo(["countdown", "--threads", "2", "--count", "100000", "--mode", "interpreted", "--repeat", "1",
                             "--json", "--stats", "--trace", "c.json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let stats = try XCTUnwrap(report["gil_trace_stats"] as? [String: Any])
        for key in ["duration_ns", "held_wall_ns", "held_fraction", "thread_seconds", "wall_seconds", "switches",
                    "drop_requests_issued", "drop_requests_honoured", "longest_wait", "wait_histogram", "threads"] {
            XCTAssertNotNil(stats[key], "missing \(key)")
        }
        let s = slices(try traceEvents("c.json"))
        let threads = try XCTUnwrap(stats["threads"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(threads.count, 3)
        for th in threads {
            let id = try XCTUnwrap(th["id"] as? Int)
            for state in ["holding", "waiting", "forced", "native", "blocked"] {
                let fromTrace = s.filter { $0.0 == id && $0.1 == state }.reduce(0) { $0 + $1.3 }
                XCTAssertEqual(th[state + "_ns"] as? Int, fromTrace, "thread \(id) \(state)")
            }
        }
        let held = s.filter { $0.1 == "holding" }.reduce(0) { $0 + $1.3 }
        XCTAssertEqual(stats["held_wall_ns"] as? Int, held)
        let waits = s.filter { $0.1 == "waiting" }.count
        let histogram = try XCTUnwrap(stats["wait_histogram"] as? [[String: Any]])
        XCTAssertEqual(histogram.compactMap { $0["count"] as? Int }.reduce(0, +), waits)
        XCTAssertEqual(stats["drop_requests_issued"] as? Int,
                       try traceEvents("c.json").filter { $0["ph"] as? String == "i" && $0["name"] as? String == "drop request" }.count)
    }

    // ----- --timeline --------------------------------------------------------------------------

    final class LaneCounter: NSObject, XMLParserDelegate {
        var lanes = 0
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "g", attributes["class"] == "lane" { lanes += 1 }
        }
    }

    func testSVGIsWellFormedWithOneLanePerThread() throws {
        let r = try extdemo(["run", "--timeline", "t.svg", "--trace", "t.json", "mixed.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let parser = try XCTUnwrap(XMLParser(contentsOf: URL(fileURLWithPath: path("t.svg"))))
        let counter = LaneCounter()
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")
        let threads = try traceEvents("t.json").filter { $0["name"] as? String == "thread_name" }.count
        XCTAssertEqual(counter.lanes, threads)
        let svg = try String(contentsOfFile: path("t.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains("extdemo run --timeline t.svg"), "the title names the command")
        XCTAssertTrue(svg.contains("waiting for the GIL"), "the legend names the states")
    }

    func testTerminalTimelineFitsTheWidthAndIsPlainWhenNotATerminal() throws {
        for width in [40, 72, 132] {
            let r = try extdemo(["run", "--timeline", "-", "mixed.py"], environment: ["COLUMNS": "\(width)"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("GIL timeline"), r.stderr)
            for line in r.stderr.split(separator: "\n") {
                XCTAssertLessThanOrEqual(line.count, width, "line wider than \(width): \(line)")
            }
            XCTAssertFalse(r.stderr.contains("\u{1B}["), "escape codes on a pipe")
            XCTAssertTrue(r.stderr.contains("cpu"))
        }
    }

    // ----- on and off ----------------------------------------------------------------------------

    func testRecordingOnAndOffGiveTheSameProgramOutput() throws {
        let off = try extdemo(["run", "mixed.py"])
        let on = try extdemo(["run", "--stats", "--trace", "x.json", "--timeline", "x.svg", "mixed.py"])
        XCTAssertEqual(off.status, 0, off.stderr)
        XCTAssertEqual(on.status, 0, on.stderr)
        XCTAssertEqual(on.stdout, off.stdout)
        XCTAssertEqual(off.stderr, "")
        XCTAssertTrue(on.stderr.contains("GIL statistics"), on.stderr)
    }

    func testBadPolicyAndTraceArgumentsAreUsageErrors() throws {
        let bad = try extdemo(["countdown", "--gil-policy", "fifo"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "extdemo: countdown: --gil-policy: unknown policy 'fifo' (choose cpython, ticks, ticks:N or prompt)\n")
        let badTicks = try extdemo(["run", "--gil-policy", "ticks:0", "mixed.py"])
        XCTAssertEqual(badTicks.status, 2)
        XCTAssertTrue(badTicks.stderr.hasPrefix("extdemo: run: --gil-policy ticks:N"), badTicks.stderr)
        let stdoutTrace = try extdemo(["hash", "--trace", "-"])
        XCTAssertEqual(stdoutTrace.status, 2)
        let unwritable = try extdemo(["countdown", "--trace", "/nonexistent-dir/t.json"])
        XCTAssertEqual(unwritable.status, 2)
        XCTAssertEqual(unwritable.stderr, "extdemo: countdown: --trace: cannot write '/nonexistent-dir/t.json'\n")
    }

    func testEveryPolicyRunsTheProgramToTheSameOutput() throws {
        let reference = try extdemo(["run", "mixed.py"]).stdout
        for policy in ["cpython", "ticks", "ticks:10", "prompt"] {
            let r = try extdemo(["run", "--gil-policy", policy, "mixed.py"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, reference, policy)
        }
    }
}

final class ConvoyCLITests: XCTestCase {
    func testConvoyJSONHasTheIssuesShapeForEachPolicy() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["convoy", "--seconds", "0.2", "--policy", "cpython,prompt,ticks", "--json"]
        var env = ProcessInfo.processInfo.environment
        env["EXTDEMO_CHECK"] = "1"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, errors)
        XCTAssertFalse(errors.contains("leak check"), errors)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let policies = try XCTUnwrap(object["policies"] as? [[String: Any]])
        XCTAssertEqual(policies.compactMap { $0["policy"] as? String }, ["cpython", "prompt", "ticks"])
        for p in policies {
            for key in ["alone_p50_us", "contended_p50_us", "contended_p99_us", "ops_per_second_alone",
                        "ops_per_second_contended", "cpu_throughput_fraction", "cpu_lock_fraction"] {
                let value = try XCTUnwrap(p[key] as? Double, "missing \(key) in \(p)")
                XCTAssertGreaterThan(value, 0, key)
            }
            // The prompt policy's decisions are counted; the others make none.
            let granted = try XCTUnwrap(p["prompt_granted"] as? Int), refused = try XCTUnwrap(p["prompt_refused"] as? Int)
            let bursts = try XCTUnwrap(p["prompt_bursts"] as? Int)
            if p["policy"] as? String == "prompt" {
                XCTAssertGreaterThan(granted, 0, "\(p)")
                XCTAssertLessThanOrEqual(bursts, granted + refused, "\(p)")
            } else {
                XCTAssertEqual([granted, refused, bursts], [0, 0, 0], "\(p)")
            }
        }
    }

    /// --sweep runs every switch interval and CPU-thread count (one row each per policy), with
    /// the Python I/O side; the C one and either kind of its echo server run one configuration
    /// each. The JSON says which I/O side ran.
    func testConvoySweepCoversEveryIntervalAndThreadCount() throws {
        for (side, io) in [(["--sweep"], "python"), (["--io", "c", "--server", "python"], "c"),
                           (["--io", "c", "--server", "native", "--server-us", "1"], "c, native server")] {
            let server = io
            let sweep = side.first == "--sweep"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLITests.binary)
            process.arguments = ["convoy", "--seconds", "0.01", "--policy", "cpython", "--json"] + side
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, errors)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            let rows = try XCTUnwrap(object["policies"] as? [[String: Any]])
            let grid = Set(rows.compactMap { r -> String? in
                guard let ms = r["switch_interval_ms"] as? Double, let n = r["cpu_threads"] as? Int else { return nil }
                return "\(Int(ms))/\(n)"
            })
            XCTAssertEqual(grid, sweep ? Set(["1", "5", "20"].flatMap { ms in ["1", "2", "4", "8"].map { "\(ms)/\($0)" } }) : ["5/1"],
                           server)
            XCTAssertEqual(rows.count, sweep ? 12 : 1, server)
            for r in rows { XCTAssertGreaterThan(r["ops_per_second_contended"] as? Double ?? 0, 0, server) }
            XCTAssertEqual(object["io"] as? String, io)
        }
    }

    /// --realtime either runs SCHED_FIFO (and says so in the JSON, leaving the policies' rows as
    /// usual) or, where the process may not, fails with one clear line and the run-failure status.
    func testConvoyRealtimeRunsOrSaysWhyNot() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["convoy", "--realtime", "--seconds", "0.02", "--policy", "cpython", "--json"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 0 {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            XCTAssertEqual(object["scheduling"] as? String, "fifo")
            XCTAssertEqual((object["policies"] as? [[String: Any]])?.count, 1)
        } else {
            XCTAssertEqual(process.terminationStatus, 1, errors)
            XCTAssertTrue(errors.hasPrefix("extdemo: convoy: --realtime: cannot switch to SCHED_FIFO: "), errors)
            XCTAssertEqual(errors.filter { $0 == "\n" }.count, 1, errors)
        }
    }

    func testConvoyRejectsAnUnknownServerOrIOSide() throws {
        let cases: [([String], String)] = [
            (["--io", "c", "--server", "rust"], "extdemo: convoy: --server: unknown server 'rust' (choose python or native)\n"),
            (["--io", "go"], "extdemo: convoy: --io: unknown I/O side 'go' (choose python or c)\n"),
            (["--server", "native"], "extdemo: convoy: --server and --server-us apply to the C I/O side only (add --io c)\n"),
            (["--server-us", "20"], "extdemo: convoy: --server and --server-us apply to the C I/O side only (add --io c)\n"),
        ]
        for (arguments, expected) in cases {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLITests.binary)
            process.arguments = ["convoy"] + arguments
            let err = Pipe()
            process.standardError = err
            process.standardOutput = Pipe()
            try process.run()
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 2, "\(arguments)")
            XCTAssertEqual(errors, expected)
        }
    }

    func testConvoyRejectsAnUnknownPolicy() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["convoy", "--policy", "cpython,nope"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 2)
        XCTAssertEqual(errors, "extdemo: convoy: --policy: unknown policy 'nope' (choose cpython, ticks, ticks:N or prompt)\n")
    }
}

final class AdviseCLITests: XCTestCase {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/scripts")

    func advise(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["advise", "--json"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["EXTDEMO_CHECK"] = "1"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, errors)
        // The verdict is the last JSON object printed, after the program's own output.
        let start = try XCTUnwrap(text.range(of: "{\n", options: .backwards), text)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text[start.lowerBound...].utf8)) as? [String: Any])
    }

    func testCountdownIsCPUBoundAndIOBoundSleepIsIOBound() throws {
        let cpu = try advise(["--threads", "4", Self.scripts.appendingPathComponent("countdown.py").path, "300000"])
        XCTAssertEqual(cpu["classification"] as? String, "CPU-bound in interpreted code", "\(cpu)")
        let predicted = try XCTUnwrap(cpu["predicted_speedup"] as? Double)
        XCTAssertLessThan(predicted, 1.5, "a lock held most of the time leaves little to parallelise")
        XCTAssertTrue(cpu["measured_speedup"] is NSNull, "no --verify, no measurement")
        let io = try advise(["--verify", "--threads", "2", Self.scripts.appendingPathComponent("io_bound_sleep.py").path, "4", "0.1"])
        XCTAssertGreaterThan(try XCTUnwrap(io["measured_speedup"] as? Double), 0)
        XCTAssertEqual(io["classification"] as? String, "I/O-bound", "\(io)")
        for key in ["held_fraction", "native_fraction", "handoff_fraction", "blocked_fraction", "idle_fraction",
                    "native_thread_fraction", "predicted_speedup", "threads", "cores"] {
            XCTAssertNotNil(io[key], key)
        }
    }

    /// Writes `source` to a fresh temporary file and returns its path.
    func script(_ name: String, _ source: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("extdemo-advise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(name)
        try Data(source.utf8).write(to: url)
        return url.path
    }

    /// The teaching scripts whose comments call them CPU-bound are classified so (small arguments:
    /// the lock's share does not depend on the machine's speed).
    func testCPUBoundTeachingScriptsAreClassifiedCPUBound() throws {
        for (name, args) in [("sum_of_squares.py", ["200000", "2"]), ("thread_scaling.py", ["200000"])] {
            let v = try advise(["--threads", "4", Self.scripts.appendingPathComponent(name).path] + args)
            XCTAssertEqual(v["classification"] as? String, "CPU-bound in interpreted code", "\(name): \(v)")
            XCTAssertLessThan(try XCTUnwrap(v["predicted_speedup"] as? Double), 1.5, name)
        }
    }

    /// Native code that releases the lock, on two threads for a fixed wall time each: classified
    /// as such, and the prediction counts the cores (at most min(threads, cores), at least 1).
    func testNativeCodeThatReleasesTheLockIsClassifiedNativeAndPredictedUpToTheCores() throws {
        let path = try script("native.py", """
        import threading, time, sleeper
        def spin_for(seconds):
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                sleeper.spin(20000000, release=True)
        ts = [threading.Thread(target=spin_for, args=(0.15,)) for _ in range(2)]
        for t in ts: t.start()
        for t in ts: t.join()
        print("done")
        """)
        let v = try advise(["--threads", "8", path])
        XCTAssertEqual(v["classification"] as? String, "native with the lock released", "\(v)")
        let predicted = try XCTUnwrap(v["predicted_speedup"] as? Double)
        let cores = Double(try XCTUnwrap(v["cores"] as? Int))
        func f(_ key: String) throws -> Double { try XCTUnwrap(v[key + "_fraction"] as? Double, key) }
        let serial = try f("held") + f("handoff"), native = try f("native"), waits = try f("blocked") + f("idle")
        let total = serial + native + waits
        // The model: Amdahl with the lock's share serial, native over min(N, cores), waits over N.
        let model = total / (serial + native / min(8, cores) + waits / 8)
        XCTAssertEqual(predicted, model, accuracy: 1e-9, "\(v)")
        if cores < 8 {
            let plainAmdahl = total / (serial + (native + waits) / 8)
            XCTAssertLessThan(predicted, plainAmdahl, "native time needs a core: \(v)")
        }
    }

    /// A third interpreted, a third native without the lock, a third asleep (each for a fixed wall
    /// time): none dominates, so hybrid.
    func testAProgramWithInterpretedNativeAndBlockedThirdsIsHybrid() throws {
        let path = try script("mixed.py", """
        import time, sleeper
        def for_a_while(f, seconds):
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                f()
        def python_work():
            n = 0
            for i in range(2000):
                n += i
        for_a_while(python_work, 0.1)
        for_a_while(lambda: sleeper.spin(20000000, release=True), 0.1)
        time.sleep(0.1)
        print("done")
        """)
        let v = try advise([path])
        XCTAssertEqual(v["classification"] as? String, "hybrid", "\(v)")
    }

    /// A program that fails, or runs too briefly, is still reported, with notes saying so, and
    /// advise exits with the program's status.
    func testAFailingOrBriefProgramIsReportedWithNotes() throws {
        let path = try script("fails.py", "raise SystemExit(3)\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["advise", "--json", path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 3)
        let v = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
        let notes = try XCTUnwrap(v["notes"] as? [String])
        XCTAssertTrue(notes.contains { $0.contains("exited with status 3") }, "\(notes)")
        // "Too short" is judged from the recorded wall time (under 50 ms); on a loaded machine
        // even this program can take longer, and then the note must not appear.
        let seconds = try XCTUnwrap(v["seconds"] as? Double)
        XCTAssertEqual(notes.contains { $0.contains("too short") }, seconds < 0.050, "\(seconds) s: \(notes)")
    }

    /// A program that only sleeps: I/O-bound, and the prediction grows with the threads (waits
    /// need no core).
    func testWaitingIsIOBoundAndItsPredictionGrowsWithTheThreads() throws {
        let path = try script("sleepy.py", """
        import threading, time
        ts = [threading.Thread(target=time.sleep, args=(0.15,)) for _ in range(3)]
        for t in ts: t.start()
        for t in ts: t.join()
        time.sleep(0.15)
        print("done")
        """)
        let two = try advise(["--threads", "2", path]), eight = try advise(["--threads", "8", path])
        XCTAssertEqual(two["classification"] as? String, "I/O-bound", "\(two)")
        XCTAssertEqual(eight["classification"] as? String, "I/O-bound", "\(eight)")
        XCTAssertGreaterThan(try XCTUnwrap(eight["predicted_speedup"] as? Double), try XCTUnwrap(two["predicted_speedup"] as? Double))
    }
}
