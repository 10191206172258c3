// RaceCommandTests.swift: `extdemo race refcount` and `extdemo race counter` through the built
// binary: the JSON keys the issue fixes, gil losing exactly nothing, the accounting of the unsafe
// run, the counter race hidden by back-edge-only check points and fixed by a lock (both exact
// properties, not timings), and one-line errors with status 2 for bad command lines.
import Foundation
import XCTest

extension CLITests {
    func testRaceRefcountJSON() throws {
        let r = try run(["race", "refcount", "--mode", "gil,unsafe", "--threads", "3", "--ops", "30000", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["mode"] as? String }, ["gil", "unsafe"])
        for row in rows {
            for key in ["mode", "threads", "ops", "expected", "observed", "lost"] { XCTAssertNotNil(row[key], key) }
            XCTAssertEqual(row["threads"] as? Int, 3)
            XCTAssertEqual(row["ops"] as? Int, 30000)
        }
        XCTAssertEqual(rows[0]["lost"] as? Int, 0)
        XCTAssertEqual(rows[0]["observed"] as? Int, rows[0]["expected"] as? Int)
        let u = rows[1]
        let lost = try XCTUnwrap(u["lost"] as? Int), inc = try XCTUnwrap(u["lost_increfs"] as? Int), dec = try XCTUnwrap(u["lost_decrefs"] as? Int)
        XCTAssertEqual(lost, inc + dec)
        XCTAssertEqual((u["observed"] as! Int) - (u["expected"] as! Int), dec - inc)
    }

    func testRaceRefcountSingleRunIsOneObject() throws {
        let r = try run(["race", "refcount", "--mode", "gil", "--threads", "2", "--ops", "1000", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try json(r.stdout)
        XCTAssertEqual(report["mode"] as? String, "gil")
        XCTAssertEqual(report["lost"] as? Int, 0)
    }

    func testRaceCounterHiddenByBackedgesAndFixedByALock() throws {
        let r = try run(["race", "counter", "--checkpoints", "backedges,every-instruction", "--count", "20000", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 3)
        for row in rows {
            XCTAssertEqual(row["expected"] as? Int, 40000)
            XCTAssertLessThanOrEqual(try XCTUnwrap(row["observed"] as? Int), 40000)
        }
        // No check point falls inside `counter += 1` when only back edges and calls poll.
        XCTAssertEqual(rows[0]["checkpoints"] as? String, "backedges")
        XCTAssertEqual(rows[0]["lost"] as? Int, 0)
        // The lock fix, under the placement that exposes the race.
        XCTAssertEqual(rows[2]["lock"] as? Bool, true)
        XCTAssertEqual(rows[2]["checkpoints"] as? String, "every-instruction")
        XCTAssertEqual(rows[2]["lost"] as? Int, 0)
    }

    func testRaceBadCommandLines() throws {
        let cases: [([String], String)] = [
            (["race"], "extdemo: race: say which race: 'extdemo race refcount' or 'extdemo race counter'"),
            (["race", "deadlock"], "extdemo: race: unknown race 'deadlock' (choose refcount or counter)"),
            (["race", "refcount", "--mode", "nogil"],
             "extdemo: race: --mode: unknown mode 'nogil' (choose gil, unsafe, free-threaded or all)"),
            (["race", "refcount", "--gil", "maybe"], "extdemo: race: --gil must be on, off or auto (got 'maybe')"),
            (["race", "refcount", "--ops", "0"], "extdemo: race: --ops must be at least 1, got 0"),
            (["race", "counter", "--checkpoints", "sometimes"],
             "extdemo: race: --checkpoints: unknown placement 'sometimes' (choose backedges, every-instruction, never, free-threaded or all)"),
            (["race", "counter", "--ops", "5"], "extdemo: race: --ops belongs to 'race refcount'"),
        ]
        for (arguments, message) in cases {
            let r = try run(arguments)
            XCTAssertEqual(r.status, 2, "\(arguments)")
            XCTAssertEqual(r.stderr, message + "\n", "\(arguments)")
        }
    }
}
