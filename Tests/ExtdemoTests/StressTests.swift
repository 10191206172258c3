// StressTests.swift: `extdemo stress` (issue 14, item 4) as a subprocess: 64 threads mixing
// interpreted work, native calls with the GIL released, sleeps, locks, a bounded queue and
// callbacks from foreign pthreads through GILState, at a 0.1 ms switch interval, for a few
// seconds. Asserted: exit status 0, every check line (results verified, every thread did every
// kind of step, refcounts balanced), and no sanitizer report in the child's output (CI runs this
// suite under ThreadSanitizer too, where the child is the TSan build). The watchdog's self-test
// makes one worker keep the GIL forever and asserts the dump (who holds the GIL, who waits) and
// exit status 3. No timing thresholds: the watchdog's stall limit is generous, and the
// starvation check counts steps.
import XCTest

final class StressTests: XCTestCase {
    func testSixtyFourThreadsMixingEveryLockUse() throws {
        let seconds = ProcessInfo.processInfo.environment["EXTDEMO_STRESS_SECONDS"] ?? "3"
        let r = try ExtdemoProcess.run(["stress", "--threads", "64", "--seconds", seconds,
                                        "--switch-interval", "0.1"])
        XCTAssertEqual(r.status, 0, "stdout:\n\(r.stdout)\nstderr:\n\(r.stderr)")
        XCTAssertTrue(r.stdout.contains("stress: 64 threads x \(seconds) s at a 0.1 ms switch interval"), r.stdout)
        XCTAssertTrue(r.stdout.contains("references: 0 more, live objects: 0 more"), r.stdout)
        XCTAssertTrue(r.stdout.contains("stress: passed: 0 deadlocks"), r.stdout)
        XCTAssertTrue(r.stdout.contains("(sums equal: True)"), r.stdout)
        XCTAssertFalse(r.stdout.contains("ERROR"), r.stdout)
        XCTAssertFalse(r.stderr.contains("ThreadSanitizer"), r.stderr)
        XCTAssertFalse(r.stderr.contains("AddressSanitizer"), r.stderr)
        XCTAssertFalse(r.stderr.contains("leak check"), r.stderr)
        // Every kind of step happened, and the foreign callbacks all ran (3 per foreign step).
        let steps = r.stdout.split(separator: "\n").first { $0.contains("  steps: ") }.map(String.init) ?? ""
        for kind in ["interpreted", "native", "sleep", "lock", "queue", "foreign"] {
            XCTAssertTrue(steps.contains(kind + " "), "no \(kind) steps: \(steps)")
        }
        XCTAssertTrue(r.stdout.contains("fewest steps of one kind by one thread "), r.stdout)
    }

    func testWatchdogDumpsWhoHoldsTheGIL() throws {
        let r = try ExtdemoProcess.run(["stress", "--threads", "4", "--seconds", "1",
                                        "--stall-seconds", "1", "--self-test", "hang"])
        XCTAssertEqual(r.status, 3, r.stderr)
        // The hung worker-0 holds the GIL, so every other worker stalls too: whichever stall the
        // watchdog sees first is named (on a loaded machine a sleeper's can be older), and the
        // dump shows worker-0 holding the lock.
        XCTAssertNotNil(r.stderr.range(of: #"extdemo: stress: watchdog: worker-\d+ made no progress for"#,
                                       options: .regularExpression), r.stderr)
        XCTAssertTrue(r.stderr.contains("thread worker-0 (id"), r.stderr)
        XCTAssertTrue(r.stderr.contains("HOLDS the GIL"), r.stderr)
        XCTAssertTrue(r.stderr.contains("waits for the GIL"), r.stderr)
        XCTAssertTrue(r.stderr.contains("1 holding"), r.stderr)
    }

    func testBadOptionsAreOneLineWithStatus2() throws {
        for (args, message) in [
            (["--threads", "0"], "extdemo: stress: --threads must be"),
            (["--seconds", "-1"], "extdemo: stress: --seconds must be greater than 0"),
            (["--switch-interval", "x"], "extdemo: stress: --switch-interval must be a number"),
            (["--self-test", "crash"], "extdemo: stress: --self-test must be 'hang'"),
        ] {
            let r = try ExtdemoProcess.run(["stress"] + args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix(message), "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
    }
}
