// ConcurrentObjectsTests: one list, one dict and one set mutated by N threads with the runtime
// started free-threaded (no GIL: only the objects' critical sections protect them). Every
// invariant is counted by the C scenarios in ft_test_support.c (sums, sizes, membership against
// each thread's own record), never timed. The runtime is restarted in GIL mode afterwards.
import XCTest
import CShims
import CShimsTestSupport

final class ConcurrentObjectsTests: XCTestCase {
    private var live: Mini_ssize_t = 0
    private var refs: Mini_ssize_t = 0

    override func setUp() {
        Mini_Initialize()
        XCTAssertEqual(ft_test_restart(Int32(MINI_GIL_OFF)), 1, "the runtime did not start free-threaded")
        live = Mini_LiveObjects()
        refs = Mini_TotalRefCount()
    }

    override func tearDown() {
        XCTAssertEqual(Mini_LiveObjects(), live, "objects leaked or freed twice")
        XCTAssertEqual(Mini_TotalRefCount(), refs)
        XCTAssertEqual(ft_test_restart(Int32(MINI_GIL_DEFAULT)), 0)
    }

    func testListInvariantsUnderConcurrentMutation() {
        let r = ft_test_list(4, 2000)
        XCTAssertEqual(r.errors, 0)
        XCTAssertEqual(r.bad_items, 0, "an item that is not one of the ints pushed: a torn read")
        XCTAssertEqual(r.observed_len, r.expected_len, "pushes minus pops must equal len(list)")
        XCTAssertEqual(r.observed_sum, r.expected_sum, "the items must be exactly those pushed and not popped")
        XCTAssertGreaterThan(r.iterations, 0)
    }

    func testDictInvariantsUnderConcurrentMutation() {
        let r = ft_test_dict(4, 3000)
        XCTAssertEqual(r.errors, 0)
        XCTAssertEqual(r.bad_items, 0)
        XCTAssertEqual(r.mismatches, 0, "a key's presence or value differs from its thread's record")
        XCTAssertEqual(r.observed_len, r.expected_len)
        XCTAssertEqual(r.hot_inserted - r.hot_popped, r.hot_present,
                       "setdefault/pop on one key: every insertion is popped at most once")
        XCTAssertGreaterThan(r.iterations, 0)
    }

    func testSetInvariantsUnderConcurrentMutation() {
        let r = ft_test_set(4, 1000)
        XCTAssertEqual(r.errors, 0)
        XCTAssertEqual(r.mismatches, 0)
        XCTAssertEqual(r.observed_len, r.expected_len)
        XCTAssertGreaterThan(r.constructed, 0)
    }

    func testByteArrayLengthUnderConcurrentAppendAndPop() {
        var expected = 0, errors = 0
        // Warm-up on one thread: the first attribute lookups on bytearray after the restart create
        // objects that live as long as the runtime (10 here); the baseline is taken after them.
        _ = ft_test_bytearray(1, 1, &expected, &errors)
        live = Mini_LiveObjects()
        refs = Mini_TotalRefCount()
        let observed = ft_test_bytearray(4, 3000, &expected, &errors)
        XCTAssertEqual(errors, 0)
        XCTAssertEqual(observed, expected, "appends minus pops must equal len(bytearray)")
    }
}
