// ScriptComparisonTests.swift: the teaching programs in Examples/scripts/ must print under the
// kit's interpreter what they print under CPython, timing lines aside.
//
// Each script's expected output was recorded once from python3 (Scripts/record_script_outputs.sh)
// into Tests/MiniPyTests/Fixtures/scripts/NAME.expected, with the lines that start with
// "[timing]" (timings, speeds, the kit-only native parts) left out; NAME.args holds the small
// arguments the tests run it with. The kit test runs `extdemo run NAME.py ARGS` as a subprocess
// (a crash or a hang fails only that script), drops the "[timing]" lines and compares the rest
// with the fixture; it also wants exit status 0 and an empty stderr. Scripts that reach the kit's
// native modules must also show, on their kit-only lines, that the native results were right.
// Another test runs every script in this process through MiniPy.runSource (without the native
// modules, which only the extdemo binary registers) to check that each run gives back every
// object and reference it took. A last one runs every script under python3, when there is one,
// to check that the fixtures still match CPython.
import Foundation
import XCTest
import CShims
import MiniVM
import MiniKit
@testable import MiniPy

final class ScriptComparisonTests: XCTestCase {
    // ----- where things are ---------------------------------------------------------------------

    static let marker = "[timing]"
    /// Longest a script may run before it counts as hung and is killed.
    static let timeout: TimeInterval = 120

    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scriptsDir = repoRoot.appendingPathComponent("Examples/scripts")
    static let fixturesDir = repoRoot.appendingPathComponent("Tests/MiniPyTests/Fixtures/scripts")

    /// The extdemo executable: $EXTDEMO_BIN, else next to the test bundle (.build/<config>/).
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["EXTDEMO_BIN"] { return path }
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = me.deletingLastPathComponent()
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("extdemo").path
    }()

    /// Lines the kit's output must contain (on its "[timing]" lines, which the fixtures leave out)
    /// when the script runs in the extdemo binary, where the native modules exist.
    static let kitOnlyExpectations: [String: [String]] = [
        "matmul_compare": [
            "native equals the exact pure-Python product bit for bit: True; checksums equal: True",
            "native random product close to pure Python (rel 1e-9, abs 1e-12): True",
        ],
        "release_demo": ["every spin returned the same checksum: True"],
    ]

    // ----- the scripts, one test each -----------------------------------------------------------

    func testCountdown() throws { try checkUnderKit("countdown") }
    func testSumOfSquares() throws { try checkUnderKit("sum_of_squares") }
    func testCounterRace() throws { try checkUnderKit("counter_race") }
    func testIOBoundSleep() throws { try checkUnderKit("io_bound_sleep") }
    func testSyncPrimitives() throws { try checkUnderKit("sync_primitives") }
    func testThreadPool() throws { try checkUnderKit("thread_pool") }
    func testMatmulCompare() throws { try checkUnderKit("matmul_compare") }
    func testSwitchInterval() throws { try checkUnderKit("switch_interval") }
    func testRefcount() throws { try checkUnderKit("refcount") }
    func testReleaseDemo() throws { try checkUnderKit("release_demo") }
    func testThreadScaling() throws { try checkUnderKit("thread_scaling") }
    func testCPUVersusIO() throws { try checkUnderKit("cpu_vs_io") }

    /// Every script has a fixture and a test above; every fixture has its script.
    func testEveryScriptIsCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.scriptsDir.path)
        let scripts = Set(files.filter { $0.hasSuffix(".py") }.map { String($0.dropLast(3)) })
        XCTAssertFalse(scripts.isEmpty, "no scripts in \(Self.scriptsDir.path)")
        let fixtureFiles = try FileManager.default.contentsOfDirectory(atPath: Self.fixturesDir.path)
        let fixtures = Set(fixtureFiles.filter { $0.hasSuffix(".expected") }.map { String($0.dropLast(9)) })
        XCTAssertEqual(scripts.subtracting(fixtures).sorted(), [], "scripts without a fixture (run Scripts/record_script_outputs.sh)")
        XCTAssertEqual(fixtures.subtracting(scripts).sorted(), [], "fixtures without a script")
        let tested: Set<String> = ["countdown", "sum_of_squares", "counter_race", "io_bound_sleep", "sync_primitives",
                                   "thread_pool", "matmul_compare", "switch_interval", "refcount", "release_demo",
                                   "thread_scaling", "cpu_vs_io"]
        XCTAssertEqual(scripts.subtracting(tested).sorted(), [], "scripts without a test method here")
    }

    /// The fixtures still describe CPython: every script under python3 prints them.
    func testFixturesMatchPython3() throws {
        guard let python = Self.findExecutable("python3") else {
            throw XCTSkip("python3 not found on PATH: the fixtures cannot be checked against CPython here")
        }
        for name in try scriptNames() {
            let run = try runProcess(python, [scriptPath(name)] + (try arguments(name)))
            XCTAssertEqual(run.status, 0, "\(name).py failed under python3: \(run.stderr)")
            assertMatchesFixture(name, run.stdout, interpreter: "python3")
        }
    }

    // ----- checking one script under the kit ------------------------------------------------------

    /// Free-threaded (issue 13): every script prints the same with the GIL off (EXTDEMO_GIL=0),
    /// checked mode on and no leak reported, as with the GIL.
    func testEveryScriptFreeThreaded() throws {
        for name in try scriptNames() {
            try checkUnderKit(name, environment: ["EXTDEMO_GIL": "0"])
        }
    }

    /// Free-threaded without checked mode (issue 13, ft-speed): the runtime then runs the
    /// free-threaded eval loop (_MiniEval_FreeThreaded: biased reference ops compiled in, list[i]
    /// read and stored under the list's lock alone), which checked mode never reaches. Every script
    /// prints the same there too.
    func testEveryScriptFreeThreadedLoop() throws {
        for name in try scriptNames() {
            try checkUnderKit(name, environment: ["EXTDEMO_GIL": "0", "EXTDEMO_CHECK": "0"])
        }
    }

    func checkUnderKit(_ name: String, environment extra: [String: String] = [:],
                       file: StaticString = #filePath, line: UInt = #line) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            XCTFail("extdemo binary not found at \(Self.binary) (build it, or set EXTDEMO_BIN)", file: file, line: line)
            throw XCTSkip("no binary")
        }
        let run = try runProcess(Self.binary, ["run", scriptPath(name)] + (try arguments(name)),
                                 environment: ["EXTDEMO_CHECK": "1"].merging(extra) { $1 })
        XCTAssertFalse(run.timedOut, "\(name).py did not finish within \(Int(Self.timeout)) s", file: file, line: line)
        XCTAssertEqual(run.status, 0, "\(name).py exit status; stderr:\n\(run.stderr)", file: file, line: line)
        XCTAssertEqual(run.stderr, "", "\(name).py wrote to stderr", file: file, line: line)
        assertMatchesFixture(name, run.stdout, interpreter: "extdemo run", file: file, line: line)
        for wanted in Self.kitOnlyExpectations[name] ?? [] {
            XCTAssertTrue(run.stdout.contains(wanted), "\(name).py under the kit should print \"\(wanted)\";"
                          + " it printed:\n\(run.stdout)", file: file, line: line)
        }
    }

    /// Every script, run in this process, gives back every object and reference it took (and
    /// prints its fixture there too, its native parts skipped).
    func testEveryScriptGivesBackItsReferences() throws {
        for name in try scriptNames() {
            let result = runInProcess(name, try arguments(name))
            XCTAssertEqual(result.exitCode, 0, "\(name).py in-process exit status; stderr:\n\(result.stderr)")
            XCTAssertEqual(result.stderr, "", "\(name).py in-process wrote to stderr")
            assertMatchesFixture(name, result.stdout, interpreter: "MiniPy.runSource")
        }
    }

    /// Compares output minus its "[timing]" lines with the fixture, reporting the first difference.
    func assertMatchesFixture(_ name: String, _ output: String, interpreter: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        guard let expected = try? String(contentsOf: Self.fixturesDir.appendingPathComponent("\(name).expected"),
                                         encoding: .utf8) else {
            XCTFail("no fixture \(name).expected (run Scripts/record_script_outputs.sh)", file: file, line: line)
            return
        }
        let got = Self.deterministicLines(output)
        let want = Self.deterministicLines(expected)
        if got == want { return }
        var message = "\(name).py under \(interpreter) differs from the fixture"
        if let i = (0..<min(got.count, want.count)).first(where: { got[$0] != want[$0] }) {
            message += " at deterministic line \(i + 1):\n  expected: \(want[i])\n  got:      \(got[i])"
        } else {
            message += ": expected \(want.count) deterministic lines, got \(got.count)"
        }
        message += "\nfull output:\n\(output)"
        XCTFail(message, file: file, line: line)
    }

    /// The lines of text that do not start with the timing marker (a final newline ends the last).
    static func deterministicLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines.filter { !$0.hasPrefix(marker) }
    }

    // ----- scripts and fixtures ----------------------------------------------------------------

    func scriptNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Self.scriptsDir.path)
            .filter { $0.hasSuffix(".py") }.map { String($0.dropLast(3)) }.sorted()
    }

    func scriptPath(_ name: String) -> String { Self.scriptsDir.appendingPathComponent("\(name).py").path }

    /// The test arguments of a script: NAME.args split on whitespace, or none.
    func arguments(_ name: String) throws -> [String] {
        let url = Self.fixturesDir.appendingPathComponent("\(name).args")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try String(contentsOf: url, encoding: .utf8).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            .map(String.init)
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    // ----- running a subprocess --------------------------------------------------------------

    struct ProcessRun {
        let status: Int32
        let stdout: String
        let stderr: String
        let timedOut: Bool
    }

    /// Runs a program in the scripts directory with stdin closed, collecting stdout and stderr;
    /// kills it if it runs longer than `timeout`.
    func runProcess(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = Self.scriptsDir
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // Drain both pipes on their own threads so a chatty child cannot block on a full pipe.
        let outData = Collector(out.fileHandleForReading), errData = Collector(err.fileHandleForReading)
        var timedOut = false
        if finished.wait(timeout: .now() + Self.timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        return ProcessRun(status: process.terminationStatus, stdout: outData.text(), stderr: errData.text(),
                          timedOut: timedOut)
    }

    /// Reads a pipe to its end on a thread of its own.
    final class Collector: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            let thread = Thread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
            thread.start()
        }

        /// Waits for end of file, then returns what was read.
        func text() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }

    // ----- running in this process --------------------------------------------------------------

    /// Runs a script through MiniPy.runSource. runSource sets sys.argv to the file name alone, so
    /// the script's first line (a comment in every script here) is replaced by an assignment to
    /// sys.argv, which keeps every other line where it was. The script runs twice, the first run
    /// warming the caches, and the second must give back every object and reference it took.
    func runInProcess(_ name: String, _ args: [String], file: StaticString = #filePath,
                      line: UInt = #line) -> MiniPy.RunResult {
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        MiniPy.prepare()
        Self.initLibraryBuiltins()
        guard let text = try? String(contentsOfFile: scriptPath(name), encoding: .utf8) else {
            XCTFail("cannot read \(name).py", file: file, line: line)
            return MiniPy.RunResult(exitCode: 2, stdout: "", stderr: "")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines[0].hasPrefix("#") else {
            XCTFail("\(name).py must start with a comment line (the in-process run replaces it)", file: file, line: line)
            return MiniPy.RunResult(exitCode: 2, stdout: "", stderr: "")
        }
        let argv = ([scriptPath(name)] + args).map { "'\($0)'" }.joined(separator: ", ")
        lines[0] = "import sys; sys.argv = [\(argv)]"
        let source = lines.joined(separator: "\n")
        _MiniStdlib_ResetForRun()
        _ = MiniPy.runSource(source, filename: scriptPath(name))
        XCTAssertEqual(_MiniThreading_JoinAll(), 0, "\(name).py left daemon threads running", file: file, line: line)
        _MiniStdlib_ResetForRun()
        let objects = Mini_LiveObjects(), refs = Mini_TotalRefCount()
        let result = MiniPy.runSource(source, filename: scriptPath(name))
        XCTAssertEqual(_MiniThreading_JoinAll(), 0, "\(name).py left daemon threads running", file: file, line: line)
        XCTAssertEqual(Mini_LiveObjects(), objects, "\(name).py: live objects leaked", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), refs, "\(name).py: references leaked", file: file, line: line)
        return result
    }

    /// Registers the library builtins (sorted, set, min, ...) in case start-up does not yet; the
    /// registration skips names already present. Looked up by name: its header is runtime-private.
    static func initLibraryBuiltins() {
        typealias InitFn = @convention(c) () -> Int32
        guard let sym = dlsym(nil, "_MiniLib_InitBuiltins") else { return }
        if unsafeBitCast(sym, to: InitFn.self)() < 0 { MiniErr_Print() }
    }
}
