// PythonSuiteTests.swift: `extdemo bench --suite python` from outside: the programs embedded in
// the binary equal Benchmarks/python (the build embeds them: embed-files.txt); every kit program
// runs under `extdemo run` through the pyperf stand-in, computes the result CPython computed
// (recorded in the program) and prints its result line; bad suite options are usage errors.
// No timing is asserted.

import Foundation
import XCTest

final class PythonSuiteTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("extdemo-suite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard FileManager.default.isExecutableFile(atPath: CLITests.binary) else {
            XCTFail("extdemo binary not found at \(CLITests.binary)")
            throw XCTSkip("no binary")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["EXTDEMO_CHECK"] = "1"
        env.removeValue(forKey: "EXTDEMO_PATH")
        process.environment = env
        process.currentDirectoryURL = scratch
        let out = scratch.appendingPathComponent("out-\(UUID().uuidString)")
        let err = scratch.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    func testEmbeddedProgramsEqualTheFilesInTheTree() throws {
        let r = try run(["bench", "--suite", "python", "--write-programs", "progs"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let tree = InterpreterCLITests.root.appendingPathComponent("Benchmarks/python")
        let expected = try FileManager.default.contentsOfDirectory(atPath: tree.path).filter { $0.hasSuffix(".py") }.sorted()
        let written = try FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("progs").path).sorted()
        XCTAssertEqual(written, expected, "the build embeds Benchmarks/python (embed-files.txt)")
        XCTAssertTrue(expected.contains("pyperf.py"))
        for name in expected {
            let onDisk = try Data(contentsOf: tree.appendingPathComponent(name))
            let embedded = try Data(contentsOf: scratch.appendingPathComponent("progs/" + name))
            XCTAssertEqual(embedded, onDisk, "\(name) differs from the embedded copy")
        }
    }

    func testEveryKitProgramRunsAndComputesCPythonsResult() throws {
        XCTAssertEqual(try run(["bench", "--suite", "python", "--write-programs", "progs"]).status, 0)
        let dir = scratch.appendingPathComponent("progs")
        let programs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("kit_") }.sorted()
        XCTAssertGreaterThanOrEqual(programs.count, 6)
        for program in programs {
            let r = try run(["run", dir.appendingPathComponent(program).path, "--values", "1", "--loops", "1"])
            XCTAssertEqual(r.status, 0, "\(program): \(r.stderr)")
            let name = String(program.dropLast(3))
            XCTAssertTrue(r.stdout.contains("#pyperf-result \(name) "), "\(program): \(r.stdout)")
        }
    }

    func testTheStandInParsesScriptOptionsLikeArgparse() throws {
        XCTAssertEqual(try run(["bench", "--suite", "python", "--write-programs", "."]).status, 0)
        let script = """
        import pyperf
        runner = pyperf.Runner()
        runner.argparser.add_argument("--level", type=int, default=25, choices=[1, 2, 25])
        runner.argparser.add_argument("--fast", action="store_true")
        runner.argparser.add_argument("names", nargs="*")
        args = runner.parse_args()
        print(args.level, args.fast, args.names)
        runner.bench_time_func("t", lambda loops: 0.5 * loops)
        runner.bench_func("f", lambda a, b: a + b, 1, 2, inner_loops=4)
        """
        try script.write(to: scratch.appendingPathComponent("s.py"), atomically: true, encoding: .utf8)
        let r = try run(["run", "s.py", "--level", "2", "x", "--fast", "--values", "2", "--loops", "3", "y"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "2 True ['x', 'y']")
        XCTAssertTrue(lines.contains("#pyperf-result t 0.5 0.5 3 2"), r.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("#pyperf-result f ") && $0.hasSuffix(" 3 2") }, r.stdout)
    }

    func testBadSuiteOptionsAreUsageErrors() throws {
        let unknown = try run(["bench", "--suite", "nope"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("unknown suite 'nope'"), unknown.stderr)
        let only = try run(["bench", "--suite", "python", "--only", "no_such_program"])
        XCTAssertEqual(only.status, 2)
        XCTAssertTrue(only.stderr.contains("no program named no_such_program"), only.stderr)
        let stray = try run(["bench", "--only", "kit_float"])
        XCTAssertEqual(stray.status, 2)
    }
}
