// FrozenModuleTests.swift: the standard-library modules written in Python and shipped inside the
// binary (Sources/MiniPy/Lib, embedded by the EmbedFiles build plugin, compiled on first import).
//
// Each program Fixtures/modules/NAME.py exercises one module, normal and error cases (errors are
// printed from `except` blocks); its output under CPython 3.11 was recorded once into NAME.expected
// by Scripts/record_module_outputs.sh, so the tests need no python3. Every program runs in this
// process through MiniPy.runSource, twice: the second run must print the fixture and leave live
// objects and the reference total where they were. Other tests check the mechanism itself: the
// import order, `<frozen NAME>` in tracebacks, packages, and that every frozen module compiles.
import Foundation
import XCTest
import CShims
import MiniKit
@testable import MiniPy

final class FrozenModuleTests: LibScriptTestCase {
    static let fixturesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/modules")

    /// Programs that need language features other helpers are adding right now; they are not
    /// run until those land (each entry says what is missing). This list only shrinks.
    static let awaitingLanguage: [String: String] = [:]

    /// Frozen modules that cannot compile until a language feature lands (not imported by the
    /// others until then: their importers catch the SyntaxError).
    static let awaitingModules: [String: String] = [:]

    func programNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Self.fixturesDir.path)
            .filter { $0.hasSuffix(".py") }.map { String($0.dropLast(3)) }.sorted()
    }

    /// Runs Fixtures/modules/NAME.py in-process and compares its output with NAME.expected.
    func checkProgram(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = Self.fixturesDir.appendingPathComponent("\(name).py").path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let expected = try String(contentsOfFile: Self.fixturesDir.appendingPathComponent("\(name).expected").path,
                                  encoding: .utf8)
        let r = run(source, filename: path, file: file, line: line)
        XCTAssertEqual(r.stderr, "", "\(name).py wrote to stderr", file: file, line: line)
        XCTAssertEqual(r.exitCode, 0, "\(name).py exit status", file: file, line: line)
        if r.stdout != expected {
            let got = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            var msg = "\(name).py differs from CPython's output"
            if let i = (0..<min(got.count, want.count)).first(where: { got[$0] != want[$0] }) {
                msg += " at line \(i + 1):\n  expected: \(want[i])\n  got:      \(got[i])"
            } else {
                msg += ": expected \(want.count) lines, got \(got.count)"
            }
            XCTFail(msg + "\nfull output:\n\(r.stdout)", file: file, line: line)
        }
    }

    /// Every recorded program prints what CPython printed and gives back what it took.
    func testEveryProgramMatchesCPython() throws {
        let names = try programNames()
        XCTAssertFalse(names.isEmpty)
        for name in names where Self.awaitingLanguage[name] == nil {
            XCTAssertTrue(FileManager.default.fileExists(atPath: Self.fixturesDir.appendingPathComponent("\(name).expected").path),
                          "\(name).py has no fixture (run Scripts/record_module_outputs.sh \(name))")
            try checkProgram(name)
        }
    }

    /// The programs that need a process of their own (stdin, stderr, exit status: atexit, signal,
    /// subprocess, argparse, unittest) are recorded beside the CLI tests (StdlibCLITests).
    static let cliFixturesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ExtdemoTests/Fixtures/cli")

    /// Every public frozen module is imported by at least one recorded program (here or in the CLI fixtures).
    func testEveryFrozenModuleHasAProgram() throws {
        var texts: [String] = []
        for name in try programNames() {
            texts.append(try String(contentsOfFile: Self.fixturesDir.appendingPathComponent("\(name).py").path, encoding: .utf8))
        }
        for file in (try? FileManager.default.contentsOfDirectory(atPath: Self.cliFixturesDir.path)) ?? [] where file.hasSuffix(".py") {
            texts.append(try String(contentsOfFile: Self.cliFixturesDir.appendingPathComponent(file).path, encoding: .utf8))
        }
        let packages = Set(FrozenModules.names.map { String($0.split(separator: ".")[0]) })
        for module in packages.sorted() where !module.hasPrefix("_") {
            let imported = texts.contains { t in
                t.contains("import \(module)\n") || t.contains("import \(module) ") || t.contains("import \(module),")
                    || t.contains("from \(module) import")
            }
            XCTAssertTrue(imported, "frozen module \(module) is imported by no program in Fixtures/modules or ExtdemoTests/Fixtures/cli")
        }
    }

    /// While developing: FROZEN_PROGRAM=/path/to/x.py runs one program with the leak check.
    func testProgramNamedInTheEnvironment() throws {
        guard let path = ProcessInfo.processInfo.environment["FROZEN_PROGRAM"] else {
            throw XCTSkip("set FROZEN_PROGRAM to a .py file to run it here")
        }
        let r = run(try String(contentsOfFile: path, encoding: .utf8), filename: path)
        print(r.stdout, r.stderr)
    }

    /// Every frozen module imports cleanly (compiles and runs its body) on its own.
    func testEveryFrozenModuleImports() {
        for module in FrozenModules.names where Self.awaitingModules[module] == nil {
            let r = run("import \(module)\nprint('ok')\n")
            XCTAssertEqual(r.stdout, "ok\n", "import \(module): \(r.stderr)")
        }
    }

    /// An exception raised inside a frozen module shows `<frozen NAME>` (and no source line) in
    /// its traceback, as CPython's frozen modules do.
    func testTracebackNamesTheFrozenModule() {
        let r = run("import bisect\nbisect.bisect_left([], 1, -1)\n")
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.contains("File \"<frozen bisect>\", line "), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("ValueError: lo must be non-negative\n"), r.stderr)
    }

    /// The table built by the plugin is what the finder sees; a missing module still says so.
    func testLookupAndMissingModule() {
        XCTAssertTrue(FrozenModules.names.contains("bisect"))
        let r = run("try:\n    import no_such_module_here\nexcept ModuleNotFoundError as e:\n    print(e)\n")
        XCTAssertEqual(r.stdout, "No module named 'no_such_module_here'\n")
    }

    /// asyncio's C core (Modules/_asynciomodule.c) in the extdemo binary, free-threaded
    /// (EXTDEMO_GIL=0) and in GIL mode with checked mode off (EXTDEMO_CHECK=0: pools and free
    /// lists in use): the same output as CPython's.
    func testAsyncioTaskCoreFreeThreadedAndUnchecked() throws {
        let name = "asyncio_task_core"
        let src = try String(contentsOfFile: Self.fixturesDir.appendingPathComponent(name + ".py").path, encoding: .utf8)
        let expected = try String(contentsOfFile: Self.fixturesDir.appendingPathComponent(name + ".expected").path, encoding: .utf8)
        for env in [["EXTDEMO_GIL": "0"], ["EXTDEMO_CHECK": "0"]] {
            let r = try ChildProcess.runScript(src, name: name + ".py", environment: env)
            XCTAssertEqual(r.status, 0, "\(name) \(env): \(r.stderr)")
            XCTAssertEqual(r.stdout, expected, "\(name) \(env)")
            XCTAssertEqual(r.stderr, "", "\(name) \(env)")
        }
    }

    /// Nothing is compiled at start-up: a program that imports nothing has no frozen module in
    /// sys.modules, and importing one adds exactly it.
    func testNothingLoadedUntilImported() {
        let r = run("import sys\nprint('bisect' in sys.modules)\nimport bisect\nprint('bisect' in sys.modules)\n")
        XCTAssertEqual(r.stdout, "False\nTrue\n")
    }

    func run(_ src: String, filename: String, file: StaticString = #filePath, line: UInt = #line) -> MiniPy.RunResult {
        _ = MiniPy.runSource(src, filename: filename)
        let objects = Mini_LiveObjects(), refs = Mini_TotalRefCount()
        let r = MiniPy.runSource(src, filename: filename)
        XCTAssertEqual(Mini_LiveObjects(), objects, "live objects leaked by \(filename)", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), refs, "references leaked by \(filename)", file: file, line: line)
        return r
    }
}
