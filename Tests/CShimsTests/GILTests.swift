// GILTests: the lock's behaviour, asserted with counts and orderings (never wall-clock times).
// Held vs released through a rendezvous, mutual exclusion, forced switching, errno, GILState
// nesting, statistics, and every checked-mode misuse in a child process.
import XCTest
import CShims
import CShimsTestSupport

final class GILTests: XCTestCase {
    override func setUp() {
        Mini_Initialize()
        Mini_SetCheckedMode(1)
    }

    func testHeldSectionAdmitsOneThreadAtATime() {
        // Each thread waits inside up to 50 ms for the others; with the lock held none can come in.
        let r = gil_test_rendezvous(6, 0, 0.05)
        XCTAssertEqual(r.max_inside, 1, "with the GIL held, at most one thread may be inside")
        XCTAssertEqual(r.met, 0)
    }

    func testReleasedSectionLetsAllThreadsMeet() {
        // Generous timeout: it only bounds a broken run. A passing run meets at once.
        let r = gil_test_rendezvous(8, 1, 60)
        XCTAssertEqual(r.max_inside, 8, "with the GIL released, all threads must be inside together")
        XCTAssertEqual(r.met, 8)
    }

    func testMutualExclusionKeepsNonAtomicCounterExact() {
        var switches: UInt = 0
        let total = gil_test_mutual_exclusion(4, 100_000, &switches)
        XCTAssertEqual(total, 400_000)
    }

    func testForcedSwitchingGivesWaiterTheLockFirst() {
        for _ in 0..<3 {
            var honoured: UInt = 0
            let order = gil_test_forced_switch(&honoured)
            XCTAssertEqual(order, 1, "the holder retook the GIL before the waiter had it (or timed out)")
            XCTAssertGreaterThanOrEqual(honoured, 1)
        }
    }

    func testErrnoPreservedAcrossReacquire() {
        XCTAssertEqual(gil_test_errno_preserved(), 1)
    }

    func testGILStateNesting() {
        XCTAssertEqual(gil_test_gilstate_nesting(), 1)
    }

    func testSwitchIntervalValidation() {
        let old = MiniSys_GetSwitchInterval()
        XCTAssertEqual(old, 0.005, accuracy: 1e-9)
        XCTAssertEqual(MiniSys_SetSwitchInterval(0.001), 0)
        XCTAssertEqual(MiniSys_GetSwitchInterval(), 0.001, accuracy: 1e-9)
        XCTAssertEqual(MiniSys_SetSwitchInterval(0), -1)
        XCTAssertNotNil(MiniErr_Occurred())
        XCTAssertEqual(MiniErr_ExceptionMatches(MiniExc_ValueError), 1)
        MiniErr_Clear()
        XCTAssertEqual(MiniSys_SetSwitchInterval(-1), -1)
        MiniErr_Clear()
        XCTAssertEqual(MiniSys_SetSwitchInterval(old), 0)
    }

    func testStatisticsCountReleasesAndSwitches() {
        MiniGIL_ResetStats()
        var s = MiniGILStats()
        MiniGIL_GetStats(&s)
        XCTAssertEqual(s.explicit_releases, 0)
        let r = gil_test_rendezvous(4, 1, 60)
        XCTAssertEqual(r.met, 4)
        MiniGIL_GetStats(&s)
        // The caller released once around the joins; each of 4 threads released once in the section.
        XCTAssertGreaterThanOrEqual(s.explicit_releases, 5)
        // Each worker took the lock twice (entry, after the section); the caller once more.
        XCTAssertGreaterThanOrEqual(s.acquisitions, 9)
        XCTAssertGreaterThanOrEqual(s.switches, 4)
        XCTAssertGreaterThan(s.held_ns, 0)
        var mine = MiniGILStats()
        MiniGIL_GetThreadStats(MiniThreadState_Get(), &mine)
        XCTAssertGreaterThanOrEqual(mine.explicit_releases, 1)
    }

    func testMainThreadHoldsGILAfterInitialize() {
        XCTAssertEqual(Mini_IsInitialized(), 1)
        XCTAssertEqual(MiniGILState_Check(), 1)
        let ts = MiniEval_SaveThread()
        XCTAssertEqual(MiniGILState_Check(), 0)
        MiniEval_RestoreThread(ts)
        XCTAssertEqual(MiniGILState_Check(), 1)
    }

    // MARK: checked-mode misuse, each in a forked child

    private func misuse(_ which: String) -> (status: Int32, stderr: String) {
        var buf = [CChar](repeating: 0, count: 4096)
        let status = gil_test_misuse_in_child(which, &buf, Int32(buf.count))
        return (status, String(cString: buf))
    }

    private func assertFatal(_ which: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        if ProcessInfo.processInfo.environment["EXTDEMO_SKIP_FORK_TESTS"] != nil {
            throw XCTSkip("fork-based tests disabled (EXTDEMO_SKIP_FORK_TESTS)")
        }
        let (status, err) = misuse(which)
        XCTAssertNotEqual(status, -1, "fork failed", file: file, line: line)
        XCTAssertTrue(gil_test_signalled(status) != 0 || gil_test_exit_code(status) != 0,
                      "\(which): the child should have died", file: file, line: line)
        XCTAssertTrue(err.contains(expected), "\(which): stderr was: \(err)", file: file, line: line)
    }

    func testChildWithoutMisuseExitsCleanly() throws {
        if ProcessInfo.processInfo.environment["EXTDEMO_SKIP_FORK_TESTS"] != nil { throw XCTSkip("fork tests disabled") }
        let (status, err) = misuse("none")
        XCTAssertEqual(gil_test_exited(status), 1)
        XCTAssertEqual(gil_test_exit_code(status), 0)
        XCTAssertEqual(err, "")
    }

    func testMisuseListAppendWithoutGIL() throws {
        try assertFatal("list-append-without-gil",
            "Fatal Mini error: MiniList_Append: the function must be called with the GIL held, but the GIL is released (the current thread state is NULL)")
    }

    func testMisuseEndWithoutBegin() throws {
        try assertFatal("end-without-begin", "MiniEval_RestoreThread: this thread already holds the GIL")
    }

    func testMisuseNestedBegin() throws {
        try assertFatal("nested-begin", "MiniEval_SaveThread: the GIL is not held by this thread")
    }

    func testMisuseReleaseNotHeld() throws {
        try assertFatal("release-not-held", "MiniGILState_Release: no matching MiniGILState_Ensure")
    }

    func testMisuseDecrefOfZeroCount() throws {
        try assertFatal("decref-zero", "Mini_DECREF")
    }

    func testMisuseUseAfterFree() throws {
        try assertFatal("use-after-free", "freed")
    }

    func testMisuseNullObject() throws {
        try assertFatal("null-object", "MiniList_Append")
    }
}
