// LockTests: MiniMutex and critical sections (mini/lock.h, mini/critical_section.h), asserted
// with counts and step numbers from the C scenarios in lock_test_support.c, never with times.
import XCTest
import CShims
import CShimsTestSupport

final class LockTests: XCTestCase {
    private var liveBaseline: Mini_ssize_t = 0
    private var refBaseline: Mini_ssize_t = 0

    override func setUp() {
        Mini_Initialize()
        liveBaseline = Mini_LiveObjects()
        refBaseline = Mini_TotalRefCount()
    }

    override func tearDown() {
        XCTAssertEqual(lock_test_section_depth(), 0, "a critical section was left open")
        XCTAssertEqual(Mini_LiveObjects(), liveBaseline)
        XCTAssertEqual(Mini_TotalRefCount(), refBaseline)
    }

    func testMutexKeepsPlainCounterExact() {
        var parked = 0
        let total = lock_test_mutex_counter(4, 50_000, &parked)
        XCTAssertEqual(total, 200_000, "a lost update means two threads were inside at once")
    }

    func testMutexWaiterDetachesWhileParked() {
        XCTAssertEqual(lock_test_mutex_parks_detached(), 1)
    }

    func testSectionsNestTwoObjectsAndSameObject() {
        XCTAssertEqual(lock_test_sections_single_thread(), 1)
    }

    func testSectionSuspendedWhileThreadDetached() {
        XCTAssertEqual(lock_test_section_suspended_while_detached(), 1)
    }

    func testSectionsAreNoOpsInGILMode() {
        // Sections off (GIL mode): the macros take no lock and push nothing.
        lock_test_set_sections(0)
        let list = MiniList_New(0)!
        XCTAssertEqual(MiniCriticalSection_IsHeld(list), 1, "under the GIL the holder may touch anything")
        Mini_DECREF(list)
    }
}
