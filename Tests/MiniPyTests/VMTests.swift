// VMTests.swift: the interpreter core end to end: programs as source text run through
// MiniPy.runSource, their captured output compared with what CPython 3.11 prints for the same
// program, and every run checked to give back every object and reference it took.
import XCTest
import CShims
import MiniKit
@testable import MiniPy

final class VMTests: XCTestCase {
    override func setUp() {
        super.setUp()
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        MiniPy.prepare()
    }

    /// Runs src twice (the first run warms caches such as interned names), checks the second run
    /// leaves live objects and the reference total where they were, and returns its result.
    @discardableResult
    func run(_ src: String, file: StaticString = #filePath, line: UInt = #line) -> MiniPy.RunResult {
        _ = MiniPy.runSource(src, filename: "t.py")
        let objects = Mini_LiveObjects(), refs = Mini_TotalRefCount()
        let r = MiniPy.runSource(src, filename: "t.py")
        XCTAssertEqual(Mini_LiveObjects(), objects, "live objects leaked", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), refs, "references leaked", file: file, line: line)
        return r
    }

    func expect(_ src: String, _ out: String, file: StaticString = #filePath, line: UInt = #line) {
        let r = run(src, file: file, line: line)
        XCTAssertEqual(r.stdout, out, file: file, line: line)
        XCTAssertEqual(r.stderr, "", file: file, line: line)
        XCTAssertEqual(r.exitCode, 0, file: file, line: line)
    }

    func testSmoke() {
        expect("print(1 + 2)\n", "3\n")
        expect("x = 5\ndef f(n):\n    while n > 0:\n        n -= 1\n    return n\nprint(f(x), 'done')\n", "0 done\n")
    }
}

/// A development aid, inert unless MINIPY_CASES names a directory: runs every NAME.py there and
/// compares its stdout and stderr with NAME.out / NAME.err recorded from python3.
final class VMScratchTests: XCTestCase {
    func testCaseDirectory() throws {
        guard let dir = ProcessInfo.processInfo.environment["MINIPY_CASES"] else { return }
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        MiniPy.prepare()
        let only = ProcessInfo.processInfo.environment["MINIPY_ONLY"]
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
            let err = (try? String(contentsOfFile: dir + "/" + base + ".err", encoding: .utf8)) ?? ""
            let ok = r.stdout == out && r.stderr == err
            print("CASE \(base): \(ok ? "ok" : "FAIL") exit=\(r.exitCode) leak=\(leakedObjects)/\(leakedRefs)")
            if !ok {
                print("--- got stdout\n\(r.stdout)--- want stdout\n\(out)--- got stderr\n\(r.stderr)--- want stderr\n\(err)---")
            }
        }
    }
}

/// A development aid, inert unless MINIPY_BENCH names a script: prints the wall time of running it.
final class VMBenchScratchTests: XCTestCase {
    func testBenchFile() throws {
        guard let path = ProcessInfo.processInfo.environment["MINIPY_BENCH"] else { return }
        Mini_Initialize()
        MiniPy.prepare()
        let src = try String(contentsOfFile: path, encoding: .utf8)
        for _ in 0..<3 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let r = MiniPy.runSource(src, filename: path)
            let t1 = DispatchTime.now().uptimeNanoseconds
            print("BENCH \(path): \(Double(t1 - t0) / 1e6) ms exit=\(r.exitCode) \(r.stderr)")
        }
    }
}

/// A development aid, inert unless MINIPY_DIS names a script: prints its disassembly.
final class VMDisScratchTests: XCTestCase {
    func testDisFile() throws {
        guard let path = ProcessInfo.processInfo.environment["MINIPY_DIS"] else { return }
        Mini_Initialize()
        MiniPy.prepare()
        print(MiniPy.disassemble(path: path))
    }
}
