// SignalTests.swift: Ctrl-C and shutdown, with real signals sent to a child extdemo process.
// SIGINT raises KeyboardInterrupt in the main thread through the eval breaker (the handler only
// sets a flag; the main thread sees it at its next check point, or when its blocking wait is
// woken), the traceback ends with "KeyboardInterrupt" and the exit status is 130, as python3.
// Each program prints "ready" when it is inside the wait; the signal is sent then. Also: daemon
// threads still running (and wanting the lock) while the runtime finalizes do not crash it.
import Foundation
import XCTest

final class SignalTests: XCTestCase {
    func interrupt(_ program: String, delay: TimeInterval = 0.3, file: StaticString = #filePath, line: UInt = #line) throws -> ChildResult {
        let dir = try ChildProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try program.write(to: dir.appendingPathComponent("p.py"), atomically: true, encoding: .utf8)
        let r = try ChildProcess.run(["run", "p.py"], directory: dir, timeout: 60, signal: SIGINT, after: "ready", delay: delay)
        XCTAssertFalse(r.timedOut, "hung after SIGINT", file: file, line: line)
        XCTAssertFalse(r.signaled, "died of signal \(r.status): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.status, 130, r.stderr, file: file, line: line)
        XCTAssertEqual(r.lastErrorLine, "KeyboardInterrupt", r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("Traceback (most recent call last):\n"), r.stderr, file: file, line: line)
        return r
    }

    func testCtrlCDuringAnInterpretedLoop() throws {
        let r = try interrupt("print('ready', flush=True)\ni = 0\nwhile True:\n    i += 1\n")
        XCTAssertFalse(r.stdout.contains("never"))
    }

    func testCtrlCDuringTimeSleep() throws {
        try interrupt("import time\nprint('ready', flush=True)\ntime.sleep(60)\nprint('never')\n")
    }

    func testCtrlCDuringEventWait() throws {
        try interrupt("import threading\ne = threading.Event()\nprint('ready', flush=True)\ne.wait()\n")
    }

    /// The joined thread finishes its (short) work; the main thread gets KeyboardInterrupt.
    func testCtrlCDuringJoin() throws {
        let r = try interrupt("import threading, time\nt = threading.Thread(target=time.sleep, args=(1,))\nt.start()\n"
                              + "print('ready', flush=True)\nt.join()\nprint('never')\n")
        XCTAssertFalse(r.stdout.contains("never"))
    }

    /// A native call with the lock released runs to its end; the interrupt follows it.
    func testCtrlCDuringANativeCallWithTheLockReleased() throws {
        let r = try interrupt("import sleeper\nprint('ready', flush=True)\nsleeper.sleep(1)\nprint('never')\n")
        XCTAssertFalse(r.stdout.contains("never"))
    }

    /// Daemon threads spinning and sleeping (so wanting the lock) while the main thread ends.
    func testDaemonThreadsWantingTheLockAtFinalization() throws {
        let program = """
        import threading, time
        def spin():
            x = 0
            while True:
                x += 1
        def nap():
            while True:
                time.sleep(0.001)
        for i in range(4):
            threading.Thread(target=spin, daemon=True).start()
            threading.Thread(target=nap, daemon=True).start()
        time.sleep(0.05)
        print('done')

        """
        for _ in 0..<3 {
            let r = try ChildProcess.runScript(program, timeout: 60)
            XCTAssertFalse(r.timedOut)
            XCTAssertFalse(r.signaled, "died of signal \(r.status): \(r.stderr)")
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "done\n")
        }
    }
}
