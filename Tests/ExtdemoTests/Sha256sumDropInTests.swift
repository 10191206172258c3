// Sha256sumDropInTests.swift: `extdemo sha256sum` against coreutils' own outputs. Every case of
// Fixtures/sha256sum/cases.txt (plain, --tag, -z, -b/-t, stdin and -, missing files and
// directories, -c with --quiet/--status/--strict/--warn/--ignore-missing, BSD lines checked by
// -c, escaped names, malformed and unreadable checksum files, bad options and meaningless
// combinations) was run once with GNU coreutils 9.1's sha256sum by
// Scripts/record_sha256sum_fixtures.sh; here extdemo runs the same arguments in a copy of the same
// inputs and must give the same stdout, stderr and exit status, byte for byte. coreutils is never
// run by the tests. Also: a write error on stdout (/dev/full) is "sha256sum: write error" and
// status 1, as coreutils 9.1 printed it.
import XCTest

final class Sha256sumDropInTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sha256sum")

    struct Case {
        let name: String
        let arguments: [String]
        let stdinFile: String?
    }

    static func cases() throws -> [Case] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("cases.txt"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> Case? in
            guard !line.hasPrefix("#"), let tab = line.firstIndex(of: "\t") else { return nil }
            let name = String(line[..<tab])
            var words: [String] = []
            var stdin: String?
            let args = line[line.index(after: tab)...].replacingOccurrences(of: "\\ ", with: "\u{1}")
            for w in args.split(separator: " ") {
                let word = w.replacingOccurrences(of: "\u{1}", with: " ")
                if word.hasPrefix("<") { stdin = String(word.dropFirst()) } else { words.append(word) }
            }
            return Case(name: name, arguments: words, stdinFile: stdin)
        }
    }

    private func copyInputs() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("extdemo-sha-dropin-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("inputs"), to: dir)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testEveryRecordedCaseMatchesCoreutils() throws {
        let cases = try Self.cases()
        XCTAssertGreaterThanOrEqual(cases.count, 40)
        for c in cases {
            let dir = try copyInputs()
            let input = try c.stdinFile.map { try Data(contentsOf: dir.appendingPathComponent($0)) } ?? Data()
            let r = try ExtdemoProcess.run(["sha256sum"] + c.arguments, stdin: input, cwd: dir)
            let out = try String(contentsOf: Self.fixtures.appendingPathComponent(c.name + ".out"), encoding: .utf8)
            let err = try String(contentsOf: Self.fixtures.appendingPathComponent(c.name + ".err"), encoding: .utf8)
            let status = try String(contentsOf: Self.fixtures.appendingPathComponent(c.name + ".status"), encoding: .utf8)
            XCTAssertEqual(r.stdout, out, "\(c.name): stdout of sha256sum \(c.arguments)")
            XCTAssertEqual(r.stderr, err, "\(c.name): stderr of sha256sum \(c.arguments)")
            XCTAssertEqual(String(r.status), status.trimmingCharacters(in: .whitespacesAndNewlines), "\(c.name): exit status")
        }
    }

    func testWriteErrorIsStatus1() throws {
        let dir = try copyInputs()
        for args in [["a.txt"], ["-c", "good.sums"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ExtdemoProcess.binary)
            process.arguments = ["sha256sum"] + args
            process.currentDirectoryURL = dir
            process.standardOutput = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
            let err = Pipe()
            process.standardError = err
            try process.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 1, "\(args): \(message)")
            XCTAssertEqual(message, "sha256sum: write error\n", "\(args)")
        }
    }
}
