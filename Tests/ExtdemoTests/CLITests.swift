// CLITests.swift: the extdemo command line, tested from outside: each test runs the built
// binary as a subprocess (found next to the test bundle, or at $EXTDEMO_BIN) and checks its exit
// status, stdout and stderr. Runs are kept small (64x64 matrices, 64 KiB buffers) so the suite
// is quick. The binary runs with EXTDEMO_CHECK=1, so the runtime's checked mode is on and the tool
// reports any object a command leaked; every test asserts that no such report appears.

import Foundation
import XCTest

final class CLITests: XCTestCase {
    // ----- running the binary -----------------------------------------------------------------

    typealias Outcome = ExtdemoOutcome

    /// The extdemo executable (see ExtdemoProcess).
    static var binary: String { ExtdemoProcess.binary }

    /// Runs the binary; asserts that checked mode reported no leaked object.
    @discardableResult
    func run(_ arguments: [String], stdin: Data? = nil, cwd: URL? = nil,
             file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        let outcome = try ExtdemoProcess.run(arguments, stdin: stdin, cwd: cwd, file: file, line: line)
        XCTAssertFalse(outcome.stderr.contains("leak check"), "leaked objects: \(outcome.stderr)", file: file, line: line)
        return outcome
    }

    func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(object as? [String: Any], "not a JSON object: \(text)", file: file, line: line)
    }

    // ----- --json reports -----------------------------------------------------------------------

    /// Checks the stable keys of a workload report and returns its results by mode.
    func checkReport(_ report: [String: Any], workload: String, rateKey: String, modes: [String],
                     file: StaticString = #filePath, line: UInt = #line) throws -> [String: [String: Any]] {
        for key in ["workload", "size", "threads", "tasks", "cores", "verified", "results"] {
            XCTAssertNotNil(report[key], "missing key \(key)", file: file, line: line)
        }
        XCTAssertEqual(report["workload"] as? String, workload, file: file, line: line)
        XCTAssertEqual(report["verified"] as? Bool, true, file: file, line: line)
        let results = try XCTUnwrap(report["results"] as? [[String: Any]], file: file, line: line)
        XCTAssertEqual(results.compactMap { $0["mode"] as? String }, modes, file: file, line: line)
        var byMode: [String: [String: Any]] = [:]
        for r in results {
            for key in ["mode", "seconds", "speedup", "efficiency", rateKey, "gil"] {
                XCTAssertNotNil(r[key], "missing key \(key) in \(r)", file: file, line: line)
            }
            let gil = try XCTUnwrap(r["gil"] as? [String: Any], file: file, line: line)
            for key in ["held_fraction", "switches", "drop_requests"] {
                XCTAssertNotNil(gil[key], "missing gil key \(key)", file: file, line: line)
            }
            XCTAssertGreaterThan(try XCTUnwrap(r["seconds"] as? Double, file: file, line: line), 0, file: file, line: line)
            byMode[r["mode"] as! String] = r
        }
        XCTAssertEqual(byMode["sequential"]?["speedup"] as? Double, 1.0, file: file, line: line)
        return byMode
    }

    func testMatmulJSONHasTheStableKeysAndIsVerified() throws {
        let r = try run(["matmul", "--threads", "2", "--size", "64", "--tasks", "4", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let report = try json(r.stdout)
        let modes = try checkReport(report, workload: "matmul", rateKey: "gflops", modes: ["sequential", "held", "released", "processes", "interpreted", "raw"])
        XCTAssertEqual(report["size"] as? Int, 64)
        XCTAssertEqual(report["threads"] as? Int, 2)
        XCTAssertEqual(report["tasks"] as? Int, 4)
        XCTAssertNotNil(report["kernel"] as? String)
        XCTAssertEqual(report["switch_interval_ms"] as? Double, 5)
        // Held keeps the lock for nearly the whole run; released does not.
        let heldGIL = try XCTUnwrap(modes["held"]?["gil"] as? [String: Any])
        XCTAssertGreaterThan(try XCTUnwrap(heldGIL["held_fraction"] as? Double), 0.5)
    }

    func testHashJSONAndEqualsFormOfOptions() throws {
        let r = try run(["hash", "--threads=2", "--bytes=64KiB", "--tasks=3", "--mode", "all", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try json(r.stdout)
        _ = try checkReport(report, workload: "hash", rateKey: "bytes_per_second", modes: ["sequential", "held", "released", "processes", "raw"])
        XCTAssertEqual(report["size"] as? Int, 65536)
        XCTAssertEqual(report["tasks"] as? Int, 3)
    }

    func testModeSubsetStillRunsTheBaseline() throws {
        let r = try run(["hash", "--threads", "2", "--bytes", "4KiB", "--mode", "released", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        _ = try checkReport(try json(r.stdout), workload: "hash", rateKey: "bytes_per_second", modes: ["sequential", "released"])
    }

    func testCountdownJSON() throws {
        let r = try run(["countdown", "--threads", "2", "--count", "20000", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try json(r.stdout)
        _ = try checkReport(report, workload: "countdown", rateKey: "iterations_per_second", modes: ["sequential", "held", "processes", "interpreted", "raw"])
        XCTAssertEqual(report["size"] as? Int, 20000)
    }

    func testHumanTableExplainsTheNumbers() throws {
        let r = try run(["matmul", "--threads", "3", "--size", "64", "--tasks", "3"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("verified: every task's checksum equals the sequential run's"), r.stdout)
        for word in ["sequential", "held", "released", "speedup", "efficiency", "GFLOPS", "GIL held", "switches", "drop requests"] {
            XCTAssertTrue(r.stdout.contains(word), "table lacks \(word): \(r.stdout)")
        }
        // The rows are explained only when the baseline checked clean (Truthfulness.swift); on a
        // busy machine the report says so instead, and explains nothing.
        if r.stdout.contains("baseline: clean (") {
            XCTAssertTrue(r.stdout.contains("released: "), r.stdout)
            XCTAssertTrue(r.stdout.contains("held: "), r.stdout)
        } else {
            XCTAssertTrue(r.stdout.contains("baseline: NOT CLEAN — "), r.stdout)
            XCTAssertFalse(r.stdout.contains("released: "), r.stdout)
            XCTAssertFalse(r.stdout.contains("held: "), r.stdout)
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if cores < 3 {
            XCTAssertTrue(r.stdout.contains("note: 3 threads on \(cores) core"), r.stdout)
        }
    }

    // ----- bad input ----------------------------------------------------------------------------

    func testEachBadInputIsOneLineWithStatus2() throws {
        let cases: [([String], String)] = [
            (["matmul", "--threads", "0"], "extdemo: matmul: --threads must be at least 1, got 0"),
            (["matmul", "--threads", "-2"], "extdemo: matmul: --threads must be at least 1, got -2"),
            (["matmul", "--threads", "abc"], "extdemo: matmul: --threads must be a number, got 'abc'"),
            (["matmul", "--threads=", "--json"], "extdemo: matmul: --threads must be a number, got ''"),
            (["matmul", "--size", "0"], "extdemo: matmul: --size must be at least 1, got 0"),
            (["matmul", "--size", "-64"], "extdemo: matmul: --size must be at least 1, got -64"),
            (["matmul", "--size", "big"], "extdemo: matmul: --size must be a number, got 'big'"),
            (["matmul", "--size", "1.5"], "extdemo: matmul: --size must be a whole number, got '1.5'"),
            (["matmul", "--tasks", "0"], "extdemo: matmul: --tasks must be at least 1, got 0"),
            (["matmul", "--repeat", "0"], "extdemo: matmul: --repeat must be at least 1, got 0"),
            (["matmul", "--mode", "fast"], "extdemo: matmul: --mode: unknown mode 'fast' (choose sequential, held, released, interpreted, processes, raw, free-threaded or all)"),
            (["matmul", "--switch-interval", "0"], "extdemo: matmul: --switch-interval must be greater than 0, got 0"),
            (["matmul", "--switch-interval", "soon"], "extdemo: matmul: --switch-interval must be a number, got 'soon'"),
            (["matmul", "--threads"], "extdemo: matmul: option --threads needs a value (--threads N)"),
            (["matmul", "--bogus"], "extdemo: matmul: unknown option '--bogus' (see 'extdemo matmul --help')"),
            (["matmul", "--json=yes"], "extdemo: matmul: option --json takes no value"),
            (["matmul", "extra"], "extdemo: matmul: unexpected argument 'extra'"),
            (["hash", "--bytes", "12XB"], "extdemo: hash: --bytes must be a size such as 4096, 64KiB, 16MiB or 1GiB, got '12XB'"),
            (["hash", "--bytes", "0"], "extdemo: hash: --bytes must be at least 1 byte, got '0'"),
            (["hash", "--bytes", "-4KiB"], "extdemo: hash: --bytes must be a size such as 4096, 64KiB, 16MiB or 1GiB, got '-4KiB'"),
            (["hash", "--mode", "interpreted"], "extdemo: hash: --mode: unknown mode 'interpreted' (choose sequential, held, released, processes, raw or all)"),
            (["countdown", "--count", "-5"], "extdemo: countdown: --count must be at least 1, got -5"),
            (["countdown", "--mode", "released"], "extdemo: countdown: --mode: unknown mode 'released' (choose sequential, held, interpreted, processes, raw, free-threaded or all)"),
            (["bench", "--fast"], "extdemo: bench: unknown option '--fast' (see 'extdemo bench --help')"),
            (["frobnicate"], "extdemo: unknown command 'frobnicate' (commands: matmul, hash, sha256sum, countdown, bench, race, compare, convoy, advise, run, dis, build-ext, stress; see 'extdemo --help')"),
            (["--frobnicate"], "extdemo: unknown option '--frobnicate' (commands: matmul, hash, sha256sum, countdown, bench, race, compare, convoy, advise, run, dis, build-ext, stress; see 'extdemo --help')"),
        ]
        for (arguments, message) in cases {
            let r = try run(arguments)
            XCTAssertEqual(r.status, 2, "\(arguments)")
            XCTAssertEqual(r.stderr, message + "\n", "\(arguments)")
            XCTAssertEqual(r.stdout, "", "\(arguments)")
        }
    }

    func testMatricesThatDoNotFitAreRefusedWithTheMemoryNeeded() throws {
        let r = try run(["matmul", "--size", "1000000", "--threads", "2"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("extdemo: matmul: --size 1000000 needs 43.7 TiB (6 matrices of 7.3 TiB) but only "), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix(" of memory is available\n"), r.stderr)
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1)
    }

    func testNoArgumentsPrintsUsageWithStatus2() throws {
        let r = try run([])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("Usage: extdemo <command> [options]"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    // ----- help and version ---------------------------------------------------------------------

    func testHelpTextSnapshots() throws {
        for (arguments, expected) in HelpSnapshots.all {
            let r = try run(arguments)
            XCTAssertEqual(r.status, 0, "\(arguments)")
            XCTAssertEqual(r.stdout, expected, "help text of \(arguments) changed: update HelpSnapshots.swift if intended")
            XCTAssertEqual(r.stderr, "")
        }
        // -h and `help <command>` print the same text.
        XCTAssertEqual(try run(["hash", "-h"]).stdout, try run(["hash", "--help"]).stdout)
        XCTAssertEqual(try run(["help", "countdown"]).stdout, try run(["countdown", "--help"]).stdout)
    }

    func testVersion() throws {
        let r = try run(["--version"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.hasPrefix("extdemo 0.1.0 ("), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix(")\n"), r.stdout)
    }

    // ----- sha256sum ----------------------------------------------------------------------------

    /// name -> (contents, expected digest), digests computed once with python3's hashlib.
    static let knownFiles: [(String, Data, String)] = [
        ("empty", Data(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc.txt", Data("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("hello world.txt", Data("hello world\n".utf8), "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447"),
        // Just over one 1 MiB read chunk, and exactly three: both sides of the chunk boundary.
        ("chunk+3.bin", pattern((1 << 20) + 3), "7c4002c6cc766d66d90d6ba188d02b67d62836db724b3fcf23208fada7f85973"),
        ("three-chunks.bin", pattern(3 << 20), "afc1870aca87b6a47c1b53dd68ab77b780493a1a4d67a6cf9fe145dcb3233257"),
    ]

    static func pattern(_ count: Int) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
    }

    func makeFiles() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("extdemo-sha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, contents, _) in Self.knownFiles {
            try contents.write(to: dir.appendingPathComponent(name))
        }
        try Data("odd".utf8).write(to: dir.appendingPathComponent("back\\slash"))
        try Data("odd".utf8).write(to: dir.appendingPathComponent("new\nline"))
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testSha256sumPrintsKnownDigestsInArgumentOrder() throws {
        let dir = try makeFiles()
        for threads in ["1", "3"] {
            let names = Self.knownFiles.map(\.0)
            let r = try run(["sha256sum", "--threads", threads] + names, cwd: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stderr, "")
            let expected = Self.knownFiles.map { "\($0.2)  \($0.0)\n" }.joined()
            XCTAssertEqual(r.stdout, expected)
        }
    }

    func testSha256sumReadsStandardInput() throws {
        let r = try run(["sha256sum"], stdin: Data("abc".utf8))
        XCTAssertEqual(r.stdout, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n")
        let dash = try run(["sha256sum", "-"], stdin: Self.pattern((1 << 20) + 3))
        XCTAssertEqual(dash.stdout, "7c4002c6cc766d66d90d6ba188d02b67d62836db724b3fcf23208fada7f85973  -\n")
        XCTAssertEqual(dash.status, 0)
    }

    func testSha256sumReportsMissingFilesAndCarriesOn() throws {
        let dir = try makeFiles()
        let r = try run(["sha256sum", "abc.txt", "missing", "empty", "."], cwd: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, """
            ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  abc.txt
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty

            """)
        XCTAssertEqual(r.stderr, "sha256sum: missing: No such file or directory\n"
                       + "sha256sum: .: Is a directory\n")
    }

    /// The escaped names (a backslash, a newline), as coreutils 9.1 printed them (recorded once).
    func testSha256sumEscapesNamesAsCoreutils() throws {
        let dir = try makeFiles()
        let ours = try run(["sha256sum", "back\\slash", "new\nline"], cwd: dir)
        XCTAssertEqual(ours.status, 0)
        XCTAssertEqual(ours.stdout, "\\990cb8ebd0afb7150da453a213036a92f2c05e091df0d803e62d257ea7796c27  back\\\\slash\n"
                       + "\\990cb8ebd0afb7150da453a213036a92f2c05e091df0d803e62d257ea7796c27  new\\nline\n")
    }
}
