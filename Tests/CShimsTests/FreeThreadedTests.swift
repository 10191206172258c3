// FreeThreadedTests: the free-threaded runtime (CShims/Python/refcount.c, brc.c, qsbr.c,
// ftmode.c) checked by counting, never by timing: reference counts balance in both modes when
// many threads share objects, objects handed to their owner are merged and freed, objects whose
// owner exited are freed by whoever drops them, immortals are never written, values dropped by
// containers under concurrent readers are freed, and the module slot decides whether an import
// enables the GIL. Each test restarts the runtime in the mode it needs (as ImportTests does for
// the inittab) and leaves it in GIL mode, with live objects and the reference total back at the
// values they had after the restart.
import XCTest
import CShims
import CShimsTestSupport

final class FreeThreadedTests: XCTestCase {
    /// Restarts the runtime with `setting`, runs body, checks the totals and restarts in GIL mode.
    private func withRuntime(_ setting: Int32, file: StaticString = #filePath, line: UInt = #line, _ body: () -> Void) {
        let checked = Mini_GetCheckedMode()
        Mini_SetCheckedMode(0)
        if Mini_IsInitialized() != 0 { Mini_Finalize() }
        XCTAssertEqual(ft_test_register_modules(), 0)
        XCTAssertEqual(MiniRuntime_SetGIL(setting), 0)
        Mini_Initialize()
        Mini_SetCheckedMode(checked)
        let live = Mini_LiveObjects(), total = Mini_TotalRefCount()
        body()
        XCTAssertEqual(Mini_LiveObjects(), live, "live objects", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), total, "reference total", file: file, line: line)
        Mini_SetCheckedMode(0)
        Mini_Finalize()
        XCTAssertEqual(MiniRuntime_SetGIL(Int32(MINI_GIL_DEFAULT)), 0)
        Mini_Initialize()
        Mini_SetCheckedMode(checked)
    }

    /// Drops a module from the import cache (as ImportTests does), so the totals balance.
    private func forget(_ name: String) {
        let cache = MiniImport_GetModuleDict()!
        guard let m = MiniDict_GetItemString(cache, name) else { return }
        Mini_INCREF(m)
        XCTAssertEqual(MiniDict_DelItemString(cache, name), 0)
        XCTAssertEqual(MiniModule_ClearNamespace(m), 0)
        Mini_DECREF(m)
    }

    private var off: Int32 { Int32(MINI_GIL_OFF) }
    private var on: Int32 { Int32(MINI_GIL_ON) }

    func testModesAndGILFlag() {
        withRuntime(on) {
            XCTAssertEqual(MiniRuntime_IsFreeThreaded(), 0)
            XCTAssertEqual(MiniRuntime_IsGILEnabled(), 1)
        }
        withRuntime(off) {
            XCTAssertEqual(MiniRuntime_IsFreeThreaded(), 1)
            XCTAssertEqual(MiniRuntime_IsGILEnabled(), 0)
        }
        XCTAssertEqual(MiniRuntime_SetGIL(7), -1)
        XCTAssertEqual(MiniRuntime_ParseGIL("off"), Int32(MINI_GIL_OFF))
        XCTAssertEqual(MiniRuntime_ParseGIL("1"), Int32(MINI_GIL_ON))
        XCTAssertEqual(MiniRuntime_ParseGIL("auto"), Int32(MINI_GIL_AUTO))
        XCTAssertEqual(MiniRuntime_ParseGIL("maybe"), -1)
    }

    func testSharedCountsBalanceUnderTheGIL() {
        withRuntime(on) {
            var c = ft_test_counts()
            XCTAssertEqual(ft_test_shared_counts(4, 2000, 16, &c), 0)
            XCTAssertEqual(c.refcnt_after_phases, c.objects, "every object back at one reference")
            XCTAssertEqual(c.queued_merges, 0, "no queues in GIL mode")
            XCTAssertEqual(c.freed, c.objects)
        }
    }

    func testBiasedCountsMergeThroughTheOwnersQueue() {
        withRuntime(off) {
            var c = ft_test_counts()
            XCTAssertEqual(ft_test_shared_counts(8, 2000, 32, &c), 0)
            XCTAssertEqual(c.refcnt_after_phases, c.objects, "local + shared is the true count")
            XCTAssertEqual(c.queued_merges, c.objects, "each object went below zero once and was queued once")
            XCTAssertEqual(c.freed, c.objects, "the owner's last DECREF freed every merged object")
        }
    }

    func testObjectsOfAnExitedOwnerAreFreed() {
        withRuntime(off) { XCTAssertEqual(ft_test_owner_exited(50), 0) }
        withRuntime(on) { XCTAssertEqual(ft_test_owner_exited(50), 0) }
    }

    func testImmortalsAreNeverCounted() {
        withRuntime(off) { XCTAssertEqual(ft_test_immortals_untouched(10_000), 1) }
        withRuntime(on) { XCTAssertEqual(ft_test_immortals_untouched(10_000), 1) }
    }

    func testDelayedDropsAreAllDone() {
        withRuntime(off) { XCTAssertEqual(ft_test_delayed_drops(4, 3000), 0) }
        withRuntime(on) { XCTAssertEqual(ft_test_delayed_drops(4, 3000), 0) }
    }

    /// Free-threaded mode's per-thread float and int free lists (freelist.c): a dropped float or
    /// one-word int is parked on the dropping thread's list (up to the cap of 256), no longer
    /// counts as live, comes back with the value it is made with, a big int is never parked, and
    /// the lists are emptied when the thread state is deleted. GIL mode never uses them, nor does
    /// checked mode (which other suites leave on: it is switched off around the scenario).
    func testFloatAndIntFreeListsArePerThread() {
        let checked = Mini_GetCheckedMode()
        Mini_SetCheckedMode(0)
        defer { Mini_SetCheckedMode(checked) }
        withRuntime(off) {
            var r = ft_test_freelists()
            XCTAssertEqual(ft_test_freelists_run(10, &r), 0)
            XCTAssertEqual(r.floats_parked, 256, "300 floats dropped, the list holds its cap")
            XCTAssertEqual(r.ints_parked, 256)
            XCTAssertEqual(r.live_after_drop, 0, "parked objects are not live")
            XCTAssertEqual(r.floats_after_reuse, 246, "10 floats taken back from the list")
            XCTAssertEqual(r.live_while_reused, 20)
            XCTAssertEqual(r.wrong_values, 0)
            XCTAssertEqual(r.big_int_parked, 0)
            XCTAssertEqual(r.floats_after_exit, 0, "thread exit empties the lists")
            XCTAssertEqual(r.live_after_exit, 0)
        }
        withRuntime(on) {
            var r = ft_test_freelists()
            XCTAssertEqual(ft_test_freelists_run(10, &r), 0)
            XCTAssertEqual(r.floats_parked, 0, "GIL mode does not use the per-thread lists")
            XCTAssertEqual(r.ints_parked, 0)
            XCTAssertEqual(r.live_after_drop, 0)
            XCTAssertEqual(r.live_while_reused, 20)
            XCTAssertEqual(r.wrong_values, 0)
            XCTAssertEqual(r.live_after_exit, 0)
        }
    }

    func testModuleWithoutSlotEnablesTheGILInAutoMode() {
        withRuntime(Int32(MINI_GIL_AUTO)) {
            XCTAssertEqual(MiniRuntime_IsGILEnabled(), 0)
            let declared = MiniImport_ImportModule("ft_slot")
            XCTAssertNotNil(declared)
            XCTAssertEqual(MiniRuntime_IsGILEnabled(), 0, "a module declaring Mini_MOD_GIL_NOT_USED keeps it off")
            let plain = MiniImport_ImportModule("ft_noslot")
            XCTAssertNotNil(plain)
            XCTAssertEqual(MiniRuntime_IsGILEnabled(), 1, "a module without the slot enables the GIL")
            XCTAssertEqual(MiniRuntime_IsFreeThreaded(), 1, "the counting stays biased")
            Mini_XDECREF(declared)
            Mini_XDECREF(plain)
            forget("ft_slot")
            forget("ft_noslot")
        }
    }

    func testForcedOffKeepsTheGILDisabled() {
        withRuntime(off) {
            let plain = MiniImport_ImportModule("ft_noslot")
            XCTAssertNotNil(plain)
            XCTAssertEqual(MiniRuntime_IsGILEnabled(), 0, "--gil off: imports never enable the GIL")
            Mini_XDECREF(plain)
            forget("ft_noslot")
        }
    }
}
