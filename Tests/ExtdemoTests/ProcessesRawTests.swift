// ProcessesRawTests.swift: `--mode processes` and `--mode raw` of matmul, hash and countdown, run
// through the built binary: the rows are verified like every other mode's (the workers' results
// crossed a pipe and were checked against the sequential run), the spawn and transfer costs are
// reported apart from the compute time, raw is the last row, and a worker that crashes is
// reported with its signal and exit status 1 instead of being waited for.

import Foundation
import XCTest

extension CLITests {
    func testProcessesAndRawRowsAreVerifiedWithCostsApart() throws {
        let r = try run(["matmul", "--threads", "2", "--size", "48", "--tasks", "3", "--mode", "released,processes,raw",
                         "--repeat", "1", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try json(r.stdout)
        let modes = try checkReport(report, workload: "matmul", rateKey: "gflops", modes: ["sequential", "released", "processes", "raw"])
        let costs = try XCTUnwrap(modes["processes"]?["processes"] as? [String: Any])
        for key in ["spawn_seconds", "transfer_in_seconds", "collect_seconds", "worker_compute_seconds"] {
            XCTAssertGreaterThan(try XCTUnwrap(costs[key] as? Double, key), 0, key)
        }
        // Three tasks, each shipping two 48x48 float64 matrices plus its index and size.
        XCTAssertEqual(costs["bytes_in"] as? Int, 3 * (16 + 2 * 48 * 48 * 8))
        XCTAssertEqual(costs["bytes_out"] as? Int, 3 * (16 + 48 * 48 * 8))
        let compute = try XCTUnwrap(modes["processes"]?["seconds"] as? Double)
        let whole = try XCTUnwrap(modes["processes"]?["end_to_end_seconds"] as? Double)
        XCTAssertGreaterThan(whole, compute, "spawn and transfer are not part of the compute time")
        XCTAssertNil(modes["raw"]?["processes"])
    }

    func testHashAndCountdownRunInProcessesAndRaw() throws {
        let h = try run(["hash", "--threads", "2", "--bytes", "64KiB", "--tasks", "3", "--mode", "processes,raw", "--repeat", "1", "--json"])
        XCTAssertEqual(h.status, 0, h.stderr)
        _ = try checkReport(try json(h.stdout), workload: "hash", rateKey: "bytes_per_second", modes: ["sequential", "processes", "raw"])
        let c = try run(["countdown", "--threads", "2", "--count", "30001", "--mode", "processes,raw", "--repeat", "1"])
        XCTAssertEqual(c.status, 0, c.stderr)
        let rows = c.stdout.split(separator: "\n").map(String.init)
        let table = rows.filter { $0.hasPrefix("sequential") || $0.hasPrefix("processes ") || $0.hasPrefix("raw ") }
        XCTAssertEqual(table.map { String($0.prefix(4)) }, ["sequ", "proc", "raw "], "raw is the last row:\n\(c.stdout)")
        XCTAssertTrue(c.stdout.contains("verified: every share was counted down to zero"), c.stdout)
        XCTAssertTrue(c.stdout.contains("not in the wall: spawn"), c.stdout)
        // The raw row is explained only on a clean baseline (Truthfulness.swift).
        XCTAssertEqual(c.stdout.contains("no runtime and no lock"), c.stdout.contains("baseline: clean ("), c.stdout)
    }

    func testACrashingWorkerIsReportedNotWaitedFor() throws {
        setenv("EXTDEMO_TEST_CRASH_WORKER", "2", 1)
        defer { unsetenv("EXTDEMO_TEST_CRASH_WORKER") }
        let r = try run(["countdown", "--threads", "3", "--count", "3000", "--mode", "processes", "--repeat", "1"])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("worker 2 (pid "), r.stderr)
        XCTAssertTrue(r.stderr.contains("was killed by signal 11 (SIGSEGV)"), r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("extdemo: countdown: "), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)")
    }

    func testTheWorkerEntryRefusesAnUnknownWorkload() throws {
        let r = try run(["__worker", "nonsense"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("unknown workload 'nonsense'"), r.stdout)
    }
}
