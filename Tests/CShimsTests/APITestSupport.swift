// APITestSupport: shared helpers for ArgParseTests, BuildValueTests, ModuleTests,
// MatrixBufferTests and ImportTests: object constructors, error capture, and the reference
// balance check every test ends with.
import XCTest
import CShims
import CShimsTestSupport

typealias Obj = UnsafeMutablePointer<MiniObject>

/// Base class: starts the runtime (checked mode on) and records the reference totals at the start
/// of each test so that `assertBalanced()` can prove the test gave every reference back.
class MiniAPITestCase: XCTestCase {
    var startRefs = 0
    var startLive = 0

    override func setUp() {
        super.setUp()
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        markBaseline()
    }

    func markBaseline() {
        startRefs = Mini_TotalRefCount()
        startLive = Mini_LiveObjects()
    }

    func assertBalanced(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(MiniErr_Occurred(), "an exception was left set: \(takeError() ?? "")", file: file, line: line)
        XCTAssertEqual(Mini_LiveObjects(), startLive, "live objects differ from the start of the test",
                       file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), startRefs, "total refcount differs from the start of the test",
                       file: file, line: line)
    }

    // ----- objects -----

    func str(_ s: String) -> Obj { MiniUnicode_FromString(s)! }
    func int(_ v: Int) -> Obj { MiniLong_FromLong(v)! }
    func float(_ v: Double) -> Obj { MiniFloat_FromDouble(v)! }
    func bytes(_ s: String) -> Obj {
        let u = Array(s.utf8)
        return u.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: u.count) {
                MiniBytes_FromStringAndSize($0, u.count)!
            }
        }
    }
    /// New references to the singletons.
    var none: Obj { Mini_NewRef(Mini_GetNone()) }
    var trueObj: Obj { Mini_NewRef(Mini_GetTrue()) }

    /// A tuple holding new references to items; the items themselves are DECREF'd (consumed).
    func tuple(consuming items: [Obj]) -> Obj {
        let opt: [Obj?] = items
        let t = opt.withUnsafeBufferPointer { ts_tuple($0.baseAddress, items.count)! }
        items.forEach { Mini_DECREF($0) }
        return t
    }

    /// A dict of the pairs; the values are DECREF'd (consumed).
    func dict(consuming pairs: [(String, Obj)]) -> Obj {
        let d = MiniDict_New()!
        for (k, v) in pairs {
            XCTAssertEqual(MiniDict_SetItemString(d, k, v), 0)
            Mini_DECREF(v)
        }
        return d
    }

    func repr(_ o: Obj) -> String {
        guard let r = MiniObject_Repr(o) else { return "<repr failed: \(takeError() ?? "")>" }
        defer { Mini_DECREF(r) }
        return String(cString: MiniUnicode_AsUTF8(r))
    }

    /// repr of o, then DECREF it. Returns the pending error text when o is nil.
    func reprConsuming(_ o: Obj?) -> String {
        guard let o = o else { return "ERROR " + (takeError() ?? "<no exception set>") }
        defer { Mini_DECREF(o) }
        return repr(o)
    }

    /// "TypeError: message" for the pending exception (clearing it), or nil.
    @discardableResult
    func takeError() -> String? {
        var buf = [CChar](repeating: 0, count: 1024)
        let had = ts_take_error(&buf, buf.count)
        return had != 0 ? cString(buf) : nil
    }

    /// The NUL-terminated text in a C buffer.
    func cString(_ buf: [CChar]) -> String {
        let bytes = buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    func matrixType() -> UnsafeMutablePointer<MiniTypeObject> { ts_matrix_type() }
}
