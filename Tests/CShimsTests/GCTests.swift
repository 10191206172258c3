// GCTests: the cycle collector and weak references through the C API (mini/objimpl.h,
// mini/weakrefobject.h): reference cycles of lists, dicts, tuples and heap-type instances are
// freed by MiniGC_Collect (live objects and the reference total back at their baseline),
// reachable cycles survive, untracked objects are left alone, deep structures are freed without
// recursion, and weak references are cleared when their object goes.
import XCTest
import CShims
import CShimsTestSupport

final class GCTests: MiniObjectTestCase {
    override func setUp() {
        super.setUp()
        _ = MiniGC_Collect()   // garbage of earlier tests must not count against this one
        baseRefs = Mini_TotalRefCount()
        baseLive = Mini_LiveObjects()
    }

    func testSelfReferencingListIsCollected() {
        let l = MiniList_New(0)!
        XCTAssertEqual(MiniList_Append(l, l), 0)
        XCTAssertEqual(MiniObject_GC_IsTracked(l), 1)
        Mini_DECREF(l)
        XCTAssertEqual(Mini_LiveObjects(), baseLive + 1, "the cycle keeps the list alive")
        XCTAssertGreaterThanOrEqual(MiniGC_Collect(), 1)
        XCTAssertEqual(MiniGC_Collect(), 0)
        assertBalanced()
    }

    func testDictListTupleCycleIsCollected() {
        let d = MiniDict_New()!
        let l = list([str("payload"), float(2.5)])
        let t = tuple([Mini_NewRef(l), Mini_NewRef(d)])
        XCTAssertEqual(MiniDict_SetItemString(d, "t", t), 0)
        XCTAssertEqual(MiniList_Append(l, d), 0)
        Mini_DECREF(t); Mini_DECREF(l); Mini_DECREF(d)
        XCTAssertGreaterThan(Mini_LiveObjects(), baseLive)
        XCTAssertGreaterThanOrEqual(MiniGC_Collect(), 3)
        assertBalanced()
    }

    func testReachableCycleSurvives() {
        let l = MiniList_New(0)!
        XCTAssertEqual(MiniList_Append(l, l), 0)
        XCTAssertEqual(MiniGC_Collect(), 0, "an externally referenced cycle is not garbage")
        XCTAssertEqual(MiniList_Size(l), 1)
        XCTAssertTrue(MiniList_GetItem(l, 0) == l)
        Mini_DECREF(l)
        XCTAssertGreaterThanOrEqual(MiniGC_Collect(), 1)
        assertBalanced()
    }

    func testUntrackedObjectsAreLeftAlone() {
        let l = MiniList_New(0)!
        XCTAssertEqual(MiniList_Append(l, l), 0)
        MiniObject_GC_UnTrack(l)
        XCTAssertEqual(MiniObject_GC_IsTracked(l), 0)
        Mini_DECREF(l)
        XCTAssertEqual(MiniGC_Collect(), 0, "an untracked cycle is invisible to the collector")
        XCTAssertEqual(Mini_LiveObjects(), baseLive + 1)
        MiniObject_GC_Track(l)
        XCTAssertGreaterThanOrEqual(MiniGC_Collect(), 1)
        assertBalanced()
    }

    func testIsGCAndTypesWithoutTheFlag() {
        let i = int(123456), s = str("x"), e = MiniTuple_New(0)!, t = tuple([int(1)])
        XCTAssertEqual(MiniObject_IS_GC(i), 0)
        XCTAssertEqual(MiniObject_IS_GC(s), 0)
        XCTAssertEqual(MiniObject_IS_GC(e), 0, "the static empty tuple has no GC header")
        XCTAssertEqual(MiniObject_IS_GC(t), 1)
        XCTAssertEqual(MiniObject_GC_IsTracked(i), 0)
        XCTAssertNil(MiniObject_GC_New(type("int")), "GC_New of a type without the flag fails")
        XCTAssertEqual(takeError(), "SystemError: MiniObject_GC_New: type 'int' does not have MINI_TPFLAGS_HAVE_GC")
        for o in [i, s, e, t] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testGCNewIsUntrackedUntilTracked() {
        let l = MiniObject_GC_New(type("list"))!
        XCTAssertEqual(MiniObject_GC_IsTracked(l), 0)
        MiniObject_GC_Track(l)
        XCTAssertEqual(MiniObject_GC_IsTracked(l), 1)
        Mini_DECREF(l)
        assertBalanced()
    }

    func testHeapTypeInstanceCycleIsCollected() {
        let cls = MiniType_NewHeap("mod.Thing", nil, nil)!
        for _ in 0..<10 {
            let a = MiniObject_CallNoArgs(cls)!, b = MiniObject_CallNoArgs(cls)!
            XCTAssertEqual(MiniObject_SetAttrString(a, "other", b), 0)
            XCTAssertEqual(MiniObject_SetAttrString(b, "other", a), 0)
            Mini_DECREF(a); Mini_DECREF(b)
        }
        XCTAssertGreaterThanOrEqual(MiniGC_Collect(), 20)
        Mini_DECREF(cls)
        _ = MiniGC_Collect()
        assertBalanced()
    }

    /// A ring of 200,000 lists: found, cleared and freed without deep recursion.
    func testLongRingIsCollectedWithoutRecursion() {
        let head = MiniList_New(0)!
        var cur = Mini_NewRef(head)
        for _ in 0..<200_000 {
            let next = MiniList_New(0)!
            XCTAssertEqual(MiniList_Append(cur, next), 0)
            Mini_DECREF(cur)
            cur = next
        }
        XCTAssertEqual(MiniList_Append(cur, head), 0)
        Mini_DECREF(cur)
        Mini_DECREF(head)
        XCTAssertGreaterThanOrEqual(MiniGC_Collect(), 200_001)
        assertBalanced()
    }

    func testWeakReferenceIsClearedWhenItsObjectGoes() {
        let cls = MiniType_NewHeap("mod.Target", nil, nil)!
        let s = MiniObject_CallNoArgs(cls)!
        let r = MiniWeakref_NewRef(s, nil)!
        XCTAssertEqual(MiniWeakref_Count(s), 1)
        XCTAssertTrue(MiniWeakref_NewRef(s, nil)! == r, "a plain ref is shared")
        Mini_DECREF(r)
        var obj: Obj? = nil
        XCTAssertEqual(MiniWeakref_GetRef(r, &obj), 1)
        XCTAssertTrue(obj == s)
        Mini_DECREF(obj!)
        Mini_DECREF(s)
        XCTAssertEqual(MiniWeakref_GetRef(r, &obj), 0)
        XCTAssertNil(obj)
        Mini_DECREF(r)
        Mini_DECREF(cls)
        assertBalanced()
    }

    func testWeakReferenceToGarbageCycleIsCleared() {
        let cls = MiniType_NewHeap("mod.Node", nil, nil)!
        let a = MiniObject_CallNoArgs(cls)!
        XCTAssertEqual(MiniObject_SetAttrString(a, "me", a), 0)
        let r = MiniWeakref_NewRef(a, nil)!
        Mini_DECREF(a)
        var obj: Obj? = nil
        XCTAssertEqual(MiniWeakref_GetRef(r, &obj), 1)
        Mini_DECREF(obj!)
        // The instance alone: its attributes live in its values array, not in a dict object
        // (instvalues_internal.h); the cycle runs through that array.
        XCTAssertGreaterThanOrEqual(MiniGC_Collect(), 1)
        XCTAssertEqual(MiniWeakref_GetRef(r, &obj), 0)
        Mini_DECREF(r)
        Mini_DECREF(cls)
        _ = MiniGC_Collect()
        assertBalanced()
    }

    func testWeakReferencesToUnsupportedTypesFail() {
        for o in [int(5), str("s"), list([]), MiniDict_New()!] {
            XCTAssertNil(MiniWeakref_NewRef(o, nil))
            let name = String(cString: MiniType_Name(Mini_TYPE(o)))
            XCTAssertEqual(takeError(), "TypeError: cannot create weak reference to '\(name)' object")
            XCTAssertEqual(MiniWeakref_Count(o), 0)
            Mini_DECREF(o)
        }
        assertBalanced()
    }

    func testEnableDisable() {
        XCTAssertEqual(MiniGC_IsEnabled(), 1)
        XCTAssertEqual(MiniGC_Disable(), 1)
        XCTAssertEqual(MiniGC_IsEnabled(), 0)
        XCTAssertEqual(MiniGC_Enable(), 0)
        XCTAssertEqual(MiniGC_IsEnabled(), 1)
        assertBalanced()
    }
}
