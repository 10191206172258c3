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

    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
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
        for (k, v) in extra { env[k] = v }
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

    /// A pyperformance folder in the layout pyperformance ships: its pyproject.toml and bm_*.toml
    /// variants each become a program with their extra_opts; a variant for a newer Python is left
    /// out; a folder with requirements.txt (third-party packages) is skipped.
    func testListGivesEachPyperformanceVariantItsExtraOpts() throws {
        let perf = scratch.appendingPathComponent("perf")
        func write(_ path: String, _ text: String) throws {
            let url = perf.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try write("bm_tree/run_benchmark.py", "print('x')\n")
        try write("bm_tree/pyproject.toml", """
            [project]
            name = "pyperformance_bm_tree"
            requires-python = ">=3.8"

            [tool.pyperformance]
            name = "tree"
            extra_opts = ["none"]
            """)
        try write("bm_tree/bm_tree_io_tg.toml", """
            [project]
            requires-python = ">=3.11"
            [tool.pyperformance]
            name = "tree_io_tg"
            extra_opts = ["io", '--task-groups']  # a comment
            """)
        try write("bm_tree/bm_tree_eager.toml", """
            [project]
            requires-python = ">=3.12"
            [tool.pyperformance]
            extra_opts = ["eager"]
            """)
        try write("bm_plain/run_benchmark.py", "print('x')\n")
        try write("bm_plain/pyproject.toml", "[tool.pyperformance]\nname = \"plain\"\n")
        try write("bm_needs_pkgs/run_benchmark.py", "print('x')\n")
        try write("bm_needs_pkgs/requirements.txt", "numpy\n")
        let env = ["EXTDEMO_PYPERFORMANCE": perf.path]
        let r = try run(["bench", "--suite", "python", "--list", "--only", "bm_tree,bm_tree_io_tg,plain"], environment: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        let script = perf.path + "/bm_tree/run_benchmark.py"
        XCTAssertEqual(r.stdout.split(separator: "\n").map(String.init), [
            "bm_plain pyperformance \(perf.path)/bm_plain/run_benchmark.py",
            "bm_tree pyperformance \(script) none",
            "bm_tree_io_tg pyperformance \(script) io --task-groups",
        ])
        let eager = try run(["bench", "--suite", "python", "--list", "--only", "bm_tree_eager"], environment: env)
        XCTAssertEqual(eager.status, 2, "a variant for Python 3.12 is not a program")
        let all = try run(["bench", "--suite", "python", "--list"], environment: env)
        XCTAssertFalse(all.stdout.contains("bm_needs_pkgs"), all.stdout)
        XCTAssertTrue(all.stdout.contains("kit_"), all.stdout)
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
