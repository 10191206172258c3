// MiniKitTests: the Swift face of the C API — owned references give back exactly what they
// take, errors become throws, withGILReleased really lets the lock go, buffer views pin their
// exporter, and the Swift-written extension `swiftext` releases the lock like a C one.
import XCTest
import Foundation
import MiniKit
import SwiftExtensions

final class MiniKitTests: XCTestCase {
    private var baseline: (total: Int, live: Int) = (0, 0)
    override func setUp() {
        MiniRuntime.start(checked: true)
        // Other suites in this process may have started the runtime before this one could add
        // `swiftext` to the inittab, so place it in the module cache directly (as sys.modules).
        XCTAssertNoThrow(try MiniRuntime.install(module: "swiftext", initializer: MiniInit_swiftext))
        baseline = MiniRuntime.referenceBaseline
    }

    override func tearDown() {
        let now = MiniRuntime.referenceBaseline
        XCTAssertEqual(now.live, baseline.live, "live objects leaked")
        XCTAssertEqual(now.total, baseline.total, "total refcount changed")
    }

    /// XCTAssertThrowsError needs a Copyable result; MiniRef is not, so discard it in a closure.
    private func assertMiniError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line,
                                 _ check: (MiniError) -> Void) {
        do {
            try body()
            XCTFail("expected a MiniError", file: file, line: line)
        } catch let e as MiniError {
            check(e)
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
    }

    func testOwnedReferenceGivesBackItsReference() throws {
        let before = MiniRuntime.referenceBaseline
        do {
            let list = try MiniRef(checking: MiniList_New(0))
            XCTAssertEqual(list.refcount, 1)
            let second = list.copy()
            XCTAssertEqual(list.refcount, 2)
            _ = consume second
            XCTAssertEqual(list.refcount, 1)
            XCTAssertEqual(MiniRuntime.referenceBaseline.live, before.live + 1)
        }
        XCTAssertEqual(MiniRuntime.referenceBaseline.live, before.live)
        XCTAssertEqual(MiniRuntime.referenceBaseline.total, before.total)
    }

    func testReleaseHandsOwnershipToAStealingCall() throws {
        let list = try MiniRef(checking: MiniList_New(1))
        let item = try MiniRef.int(12345)
        try miniCheck(MiniList_SetItem(list.pointer, 0, item.release()))   // SetItem steals
        XCTAssertEqual(try MiniRef(retaining: MiniList_GetItem(list.pointer, 0)).asInt(), 12345)
    }

    func testBorrowedViewDoesNotChangeTheCount() throws {
        let s = try MiniRef.string("héllo")
        let count = s.withBorrowed { view in Mini_REFCNT(view.pointer) }
        XCTAssertEqual(count, s.refcount)
        XCTAssertEqual(s.withBorrowed { $0.typeName }, "str")
        XCTAssertEqual(try s.asString(), "héllo")
    }

    func testErrorsBecomeThrows() throws {
        assertMiniError({ _ = try MiniRef(checking: MiniLong_FromLong(1)).attribute("nope") }) { error in
            let e = error
            XCTAssertEqual(e.typeName, "AttributeError")
            XCTAssertEqual(e.message, "'int' object has no attribute 'nope'")
        }
        XCTAssertNil(MiniErr_Occurred(), "fetch must clear the indicator")
        assertMiniError({ _ = try miniImport("no_such_module") }) { error in
            XCTAssertEqual(error.description, "ModuleNotFoundError: No module named 'no_such_module'")
        }
    }

    func testConversionsRoundTrip() throws {
        XCTAssertEqual(try MiniRef.int(-42).asInt(), -42)
        XCTAssertEqual(try MiniRef.float(2.5).asDouble(), 2.5)
        XCTAssertEqual(try MiniRef.bytes([1, 2, 255]).asBytes(), [1, 2, 255])
        XCTAssertEqual(try MiniRef.float(0.1).repr(), "0.1")
        assertMiniError({ _ = try MiniRef.string("x").asInt() }) { _ in }
    }

    func testWithGILReleasedLetsTheLockGo() {
        XCTAssertEqual(MiniGILState_Check(), 1)
        let heldInside = withGILReleased { MiniGILState_Check() }
        XCTAssertEqual(heldInside, 0)
        XCTAssertEqual(MiniGILState_Check(), 1)
    }

    func testBufferViewPinsItsExporter() throws {
        let data = try MiniRef.bytes(Array(repeating: 3, count: 1000))
        let before = data.refcount
        do {
            let view = try MiniBufferView(of: data.pointer)
            XCTAssertEqual(data.refcount, before + 1, "a view owns a reference to its exporter")
            let mem = view.memory
            let sum = withGILReleased { mem.bytes.reduce(0) { $0 + Int($1) } }
            XCTAssertEqual(sum, 3000)
        }
        XCTAssertEqual(data.refcount, before)
        assertMiniError({ _ = try MiniBufferView(of: try MiniRef.int(1).pointer) }) { error in
            XCTAssertEqual(error.typeName, "TypeError")
        }
    }

    func testSwiftExtensionFunctions() throws {
        let mod = try miniImport("swiftext")
        let n = try MiniRef.int(1000)
        let r1 = try mod.callMethod("spin", [n.pointer]).asDouble()
        let r2 = try mod.callMethod("spin", [n.pointer], keywords: [("release", Mini_GetFalse())]).asDouble()
        XCTAssertEqual(r1, r2)
        let data = try MiniRef.bytes([1, 2, 3, 250])
        XCTAssertEqual(try mod.callMethod("checksum", [data.pointer]).asInt(), 256)
        assertMiniError({ _ = try mod.callMethod("spin", []) }) { error in
            XCTAssertEqual(error.message, "spin expected at least 1 argument, got 0")
        }
        assertMiniError({ _ = try mod.callMethod("spin", [n.pointer], keywords: [("fast", Mini_GetTrue())]) }) { error in
            XCTAssertEqual(error.message, "'fast' is an invalid keyword argument for spin()")
        }
    }

    /// Held vs released through the Swift extension: threads call swiftext.meet from their own
    /// thread states. Released, all meet inside; held, never more than one.
    private func meet(threads: Int, release: Bool, timeout: Double) throws -> Int {
        swiftextResetMeet()
        let group = DispatchGroup()
        let results = UnsafeMutablePointer<Int>.allocate(capacity: threads)
        defer { results.deallocate() }
        let resultsAddress = Int(bitPattern: results)
        withGILReleased {
            for i in 0..<threads {
                group.enter()
                Thread.detachNewThread {
                    let seen: Int = withGIL {
                        do {
                            let mod = try miniImport("swiftext")
                            let e = try MiniRef.int(threads)
                            let t = try MiniRef.float(timeout)
                            let flag = MiniRef.bool(release)
                            return try mod.callMethod("meet", [e.pointer, t.pointer], keywords: [("release", flag.pointer)]).asInt()
                        } catch { return -1 }
                    }
                    UnsafeMutablePointer<Int>(bitPattern: resultsAddress)![i] = seen
                    group.leave()
                }
            }
            group.wait()
        }
        return (0..<threads).map { results[$0] }.max() ?? 0
    }

    func testSwiftExtensionReleasedThreadsMeet() throws {
        XCTAssertEqual(try meet(threads: 4, release: true, timeout: 60), 4)
    }

    func testSwiftExtensionHeldThreadsNeverOverlap() throws {
        XCTAssertEqual(try meet(threads: 4, release: false, timeout: 0.05), 1)
    }
}
