// RefcountRaceTests.swift: the reference-count race of `extdemo race refcount` (race.c), called
// directly. With the GIL, N threads taking and dropping references lose nothing and the total
// reference count is back at its baseline; the unsafe run's accounting is consistent (lost
// increments and decrements are never negative and explain the final count exactly) and it never
// touches the runtime's objects or totals. Whether the unsafe run actually loses updates depends
// on the threads overlapping on real cores, which a test cannot demand; `extdemo race refcount
// --runs 10` measures that.
//
// testUnsafeRefcountRaceAccounting is excluded from the ThreadSanitizer run by name (.ci/run): its
// unprotected read-modify-write of one counter from several threads is the demonstration itself.
import XCTest
import CShims
import MiniKit
import MiniExtensions

final class RefcountRaceTests: XCTestCase {
    var baseLive = 0
    var baseTotal = 0

    override func setUp() {
        super.setUp()
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        baseLive = Mini_LiveObjects()
        baseTotal = Mini_TotalRefCount()
    }

    func assertBaseline(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(MiniErr_Occurred(), "an exception was left set", file: file, line: line)
        XCTAssertEqual(Mini_LiveObjects(), baseLive, "live objects", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), baseTotal, "total reference count", file: file, line: line)
    }

    func testWithTheGILNothingIsLost() {
        for threads: Int32 in [1, 2, 4] {
            var out = miniext_race_result()
            XCTAssertEqual(miniext_race_refcount(MINIEXT_RACE_GIL, threads, 20_000, &out), 0, "\(MiniError.fetch())")
            XCTAssertEqual(out.lost, 0)
            XCTAssertEqual(out.lost_increfs, 0)
            XCTAssertEqual(out.lost_decrefs, 0)
            XCTAssertEqual(out.observed, out.expected)
            XCTAssertEqual(out.middle_observed, out.expected + Int64(threads) * 20_000, "every INCREF landed")
            XCTAssertEqual(out.would_have_freed, 0)
        }
        assertBaseline()
    }

    func testUnsafeRefcountRaceAccounting() {
        for _ in 0..<3 {
            var out = miniext_race_result()
            XCTAssertEqual(miniext_race_refcount(MINIEXT_RACE_UNSAFE, 2, 200_000, &out), 0)
            XCTAssertGreaterThanOrEqual(out.lost_increfs, 0)
            XCTAssertGreaterThanOrEqual(out.lost_decrefs, 0)
            XCTAssertEqual(out.lost, out.lost_increfs + out.lost_decrefs)
            XCTAssertEqual(out.middle_observed, out.middle_expected - out.lost_increfs)
            XCTAssertEqual(out.observed - out.expected, out.lost_decrefs - out.lost_increfs, "the losses explain the final count")
        }
        assertBaseline()   // the sacrificial object is not the runtime's: no live object or total moved
    }

    func testBadArgumentsRaiseValueError() {
        var out = miniext_race_result()
        XCTAssertEqual(miniext_race_refcount(MINIEXT_RACE_GIL, 0, 10, &out), -1)
        XCTAssertTrue(MiniErr_ExceptionMatches(MiniExc_ValueError) != 0)
        MiniErr_Clear()
        XCTAssertEqual(miniext_race_refcount(MINIEXT_RACE_UNSAFE, 2, 0, &out), -1)
        MiniErr_Clear()
        assertBaseline()
    }
}
