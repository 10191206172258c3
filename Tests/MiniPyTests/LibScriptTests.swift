// LibScriptTests.swift: the library of built-in types and functions (CShims/lib/ and the object
// core's methods) seen from Python: big ints, str / list / tuple / dict / bytes / float methods,
// slicing, set and frozenset, the builtin iterators, min/max/sorted/round/... Each program runs
// through MiniPy.runSource and its output is compared with what CPython 3.11 printed for the same
// program (recorded once; the tests do not need python3). Every run must give back every object
// and reference it took.
import XCTest
import CShims
import MiniKit
@testable import MiniPy

#if canImport(Glibc)
import Glibc
#endif

/// Registers the library builtins (min, max, sorted, set, ...) with the VM. The lead wires
/// _MiniLib_InitBuiltins into start-up; until then (and harmlessly after: it skips names already
/// present) the tests call it themselves. It is declared in a runtime-private header Swift cannot
/// see, so it is looked up by name in the test executable, which exports its C symbols.
func initLibraryBuiltins() {
    typealias InitFn = @convention(c) () -> Int32
    // RTLD_DEFAULT (a null handle on Linux): search the executable and its libraries.
    guard let sym = dlsym(nil, "_MiniLib_InitBuiltins") else {
        XCTFail("_MiniLib_InitBuiltins not found")
        return
    }
    let fn = unsafeBitCast(sym, to: InitFn.self)
    if fn() < 0 { MiniErr_Print() }
}

class LibScriptTestCase: XCTestCase {
    override func setUp() {
        super.setUp()
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        MiniPy.prepare()
        initLibraryBuiltins()
    }

    /// Runs src twice (the first run warms caches such as interned names), checks that the second
    /// run leaves live objects and the reference total where they were, and returns its result.
    @discardableResult
    func run(_ src: String, file: StaticString = #filePath, line: UInt = #line) -> MiniPy.RunResult {
        _ = MiniPy.runSource(src, filename: "t.py")
        let objects = Mini_LiveObjects(), refs = Mini_TotalRefCount()
        let r = MiniPy.runSource(src, filename: "t.py")
        XCTAssertEqual(Mini_LiveObjects(), objects, "live objects leaked", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), refs, "references leaked", file: file, line: line)
        return r
    }

    /// src must print exactly out (CPython's output) and nothing on stderr.
    func expect(_ src: String, _ out: String, file: StaticString = #filePath, line: UInt = #line) {
        let r = run(src, file: file, line: line)
        XCTAssertEqual(r.stdout, out, file: file, line: line)
        XCTAssertEqual(r.stderr, "", file: file, line: line)
        XCTAssertEqual(r.exitCode, 0, file: file, line: line)
    }
}

/// A development aid, inert unless LIB_CASES names a directory: runs every NAME.py there (with the
/// library builtins registered) and compares stdout with NAME.out recorded from python3.
final class LibScratchTests: LibScriptTestCase {
    func testCaseDirectory() throws {
        guard let dir = ProcessInfo.processInfo.environment["LIB_CASES"] else { return }
        let only = ProcessInfo.processInfo.environment["LIB_ONLY"]
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".py") }.sorted()
        for f in files {
            let base = String(f.dropLast(3))
            if let only, base != only { continue }
            let path = dir + "/" + f
            let src = try String(contentsOfFile: path, encoding: .utf8)
            _ = MiniPy.runSource(src, filename: path)
            let objects = Mini_LiveObjects(), refs = Mini_TotalRefCount()
            let r = MiniPy.runSource(src, filename: path)
            let leakedObjects = Mini_LiveObjects() - objects, leakedRefs = Mini_TotalRefCount() - refs
            let out = (try? String(contentsOfFile: dir + "/" + base + ".out", encoding: .utf8)) ?? ""
            if r.stdout != out || leakedObjects != 0 || leakedRefs != 0 || !r.stderr.isEmpty {
                print("=== \(base): objects \(leakedObjects) refs \(leakedRefs)")
                print("--- got stdout:\n\(r.stdout)--- stderr:\n\(r.stderr)")
                try? r.stdout.write(toFile: dir + "/" + base + ".got", atomically: true, encoding: .utf8)
                XCTFail("\(base) differs")
            } else {
                print("=== \(base): ok")
            }
        }
    }
}
