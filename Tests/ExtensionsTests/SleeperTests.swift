// SleeperTests.swift: tests of the minimal `sleeper` extension (Examples/extensions/sleeper.c):
// its results, its errors, that it releases the GIL exactly when it says it does (GIL statistics),
// that two sleeping threads overlap, and that every path gives back the references it takes.
// Helpers (MiniCall.call, SharedObjectPointer, runThreadsWithoutGIL) live in HashingTests.swift.
import XCTest
import Foundation
import CShims
import MiniKit
import MiniExtensions

final class SleeperTests: XCTestCase {
    nonisolated(unsafe) static var module: MiniObjectPointer?

    var module: MiniObjectPointer { Self.module! }
    var baseLive = 0
    var baseTotal = 0

    override func setUp() {
        super.setUp()
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        if Self.module == nil {
            guard let m = MiniInit_sleeper() else {
                XCTFail("MiniInit_sleeper failed: \(MiniError.fetch())")
                return
            }
            Self.module = m
            // Warm-up: first lookups may cache interned names.
            let zero = MiniCall.int(0)
            for name in ["sleep", "spin"] { if let r = MiniCall.callMethod(m, name, [zero]) { Mini_DECREF(r) } }
            Mini_DECREF(zero)
            MiniErr_Clear()
        }
        baseLive = Mini_LiveObjects()
        baseTotal = Mini_TotalRefCount()
    }

    func assertBaseline(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(MiniErr_Occurred(), "an exception was left set", file: file, line: line)
        XCTAssertEqual(Mini_LiveObjects(), baseLive, "live objects", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), baseTotal, "total reference count", file: file, line: line)
    }

    func explicitReleases() -> UInt64 {
        var stats = MiniGILStats()
        MiniGIL_GetThreadStats(MiniThreadState_Get(), &stats)
        return stats.explicit_releases
    }

    /// spin's checksum computed in Swift: the LCG state after n steps from 1, shifted right by 2.
    func expectedSpin(_ n: Int) -> Int {
        var x: UInt64 = 1
        for _ in 0..<n { x = x &* 6364136223846793005 &+ 1442695040888963407 }
        return Int(x >> 2)
    }

    func testSpinResultAndReleasePolicy() {
        let n = MiniCall.int(1000)
        let no = MiniCall.bool(false)
        var before = explicitReleases()
        let r1 = MiniCall.callMethod(module, "spin", [n])!
        XCTAssertEqual(explicitReleases() - before, 1, "release=True lets the GIL go once")
        XCTAssertEqual(MiniLong_AsLongLong(r1), Int64(expectedSpin(1000)))
        before = explicitReleases()
        let r2 = MiniCall.callMethod(module, "spin", [n], ["release": no])!
        XCTAssertEqual(explicitReleases() - before, 0, "release=False keeps it")
        XCTAssertEqual(MiniLong_AsLongLong(r2), Int64(expectedSpin(1000)))
        let zero = MiniCall.int(0)
        let r3 = MiniCall.callMethod(module, "spin", [zero])!
        XCTAssertEqual(MiniLong_AsLongLong(r3), 0)
        Mini_DECREF(r1); Mini_DECREF(r2); Mini_DECREF(r3)
        Mini_DECREF(n); Mini_DECREF(no); Mini_DECREF(zero)
        assertBaseline()
    }

    func testSleepingThreadsOverlap() {
        // Two threads sleep 0.3 s each. With the GIL released during nanosleep they overlap (about
        // 0.3 s in all); holding it would serialise them (0.6 s).
        let sleep = SharedObjectPointer(MiniObject_GetAttrString(module, "sleep")!)
        let seconds = SharedObjectPointer(MiniFloat_FromDouble(0.3)!)
        let start = Date()
        runThreadsWithoutGIL(2) { _ in
            let state = MiniGILState_Ensure()
            if let r = MiniCall.call(sleep.pointer, [seconds.pointer]) { Mini_DECREF(r) } else { MiniErr_Clear() }
            MiniGILState_Release(state)
        }
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 0.29)
        XCTAssertLessThan(elapsed, 0.55, "the two sleeps did not overlap")
        Mini_DECREF(sleep.pointer); Mini_DECREF(seconds.pointer)
        assertBaseline()
    }

    func testErrors() {
        let minus = MiniCall.int(-1)
        let text = MiniCall.str("x")
        let one = MiniCall.int(1)
        var r = MiniCall.callMethod(module, "sleep", [minus])
        XCTAssertNil(r)
        XCTAssertEqual(MiniError.fetch(), MiniError(typeName: "ValueError", message: "sleep length must be non-negative"))
        r = MiniCall.callMethod(module, "sleep", [text])
        XCTAssertNil(r)
        XCTAssertEqual(MiniError.fetch().typeName, "TypeError")
        r = MiniCall.callMethod(module, "spin", [one], ["bogus": one])
        XCTAssertNil(r)
        XCTAssertEqual(MiniError.fetch(), MiniError(typeName: "TypeError", message: "'bogus' is an invalid keyword argument for spin()"))
        Mini_DECREF(minus); Mini_DECREF(text); Mini_DECREF(one)
        assertBaseline()
    }
}
