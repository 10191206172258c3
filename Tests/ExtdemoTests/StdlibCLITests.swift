// StdlibCLITests.swift: standard-library behaviour that needs a real process around the script:
// standard input (sys.stdin, input()), exit statuses (sys.exit, argparse's 2, unittest's 1), what
// goes to stderr (atexit's and unittest's reports, argparse's errors), signals and subprocesses.
//
// Each program Fixtures/cli/NAME.py runs as `extdemo run NAME.py` in that directory, with
// NAME.stdin as its standard input when that file exists. Its stdout, stderr and exit status were
// recorded once from CPython 3.11 into NAME.out, NAME.err and NAME.status by
// Scripts/record_cli_outputs.sh (the tests need no python3); the fixture directory's absolute path
// is written <dir> on both sides, and so is unittest's "Ran N tests in 0.012s" time (as "in <T>s").
// Runs are in checked mode (EXTDEMO_CHECK=1), so a leaked object would show in stderr and fail the
// comparison.

import Foundation
import XCTest

final class StdlibCLITests: XCTestCase {
    static let fixturesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cli")

    func programNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Self.fixturesDir.path)
            .filter { $0.hasSuffix(".py") }.map { String($0.dropLast(3)) }.sorted()
    }

    func fixture(_ name: String, _ ext: String) -> String? {
        try? String(contentsOfFile: Self.fixturesDir.appendingPathComponent("\(name).\(ext)").path, encoding: .utf8)
    }

    /// The parts of an output that differ from run to run: unittest's elapsed time.
    func normalize(_ text: String) -> String {
        text.replacingOccurrences(of: #"(Ran [0-9]+ tests? in )[0-9]+\.[0-9]+s"#, with: "$1<T>s",
                                  options: .regularExpression)
    }

    func checkProgram(_ name: String) throws {
        let stdin = fixture(name, "stdin").map { Data($0.utf8) }
        let r = try ExtdemoProcess.run(["run", "\(name).py"], stdin: stdin, cwd: Self.fixturesDir)
        let dir = Self.fixturesDir.standardizedFileURL.path
        let out = r.stdout.replacingOccurrences(of: dir, with: "<dir>")
        let err = r.stderr.replacingOccurrences(of: dir, with: "<dir>")
        XCTAssertEqual(normalize(out), normalize(fixture(name, "out") ?? ""), "\(name).py: stdout differs from CPython's")
        XCTAssertEqual(normalize(err), normalize(fixture(name, "err") ?? ""), "\(name).py: stderr differs from CPython's")
        let status = Int32((fixture(name, "status") ?? "0").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        XCTAssertEqual(r.status, status, "\(name).py: exit status")
    }

    func testEveryProgramMatchesCPython() throws {
        let names = try programNames()
        XCTAssertFalse(names.isEmpty)
        for name in names {
            XCTAssertNotNil(fixture(name, "out"), "\(name).py has no fixture (run Scripts/record_cli_outputs.sh \(name))")
            try checkProgram(name)
        }
    }
}
