// SHA256Vectors.swift: the expected SHA-256 digests the hashing tests compare the kernel with,
// read from the data fixture Fixtures/sha256_vectors.txt (computed once with Python's hashlib by
// Scripts/gen_sha256_vectors.py; the tests never need Python): the FIPS 180-4 examples and the
// digest of every prefix length 0...1024 (and a few MiB) of a deterministic byte pattern.

import Foundation

/// Byte i of the test pattern: (131 * i + 7 * (i >> 9) + 5) mod 256.
func sha256PatternByte(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: 131 &* i &+ 7 &* (i >> 9) &+ 5) }

/// The first n bytes of the test pattern.
func sha256Pattern(_ n: Int) -> [UInt8] { (0..<n).map(sha256PatternByte) }

/// The parsed fixture. A missing or malformed file is a test-setup error: it stops the run with
/// the file's path and the offending line.
private let sha256Fixture: (fips: [(message: String, repeats: Int, hex: String)], pattern: [Int: String]) = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sha256_vectors.txt")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { fatalError("cannot read \(url.path)") }
    var fips: [(message: String, repeats: Int, hex: String)] = []
    var pattern: [Int: String] = [:]
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
        let f = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        switch (f.first, f.count) {
        case ("fips", 3), ("fips", 4):
            guard let r = Int(f[1]) else { fatalError("bad line in \(url.path): \(line)") }
            fips.append((f.count == 4 ? f[3] : "", r, f[2]))
        case ("pattern", 3):
            guard let n = Int(f[1]) else { fatalError("bad line in \(url.path): \(line)") }
            pattern[n] = f[2]
        default:
            fatalError("bad line in \(url.path): \(line)")
        }
    }
    return (fips, pattern)
}()

/// FIPS 180-4 example messages (as ASCII strings, with a repeat count) and their digests.
let sha256FIPSVectors = sha256Fixture.fips

/// sha256PatternDigests[n] is the hex digest of sha256Pattern(n), for n in 0...1024.
let sha256PatternDigests: [String] = (0...1024).map { sha256Fixture.pattern[$0] ?? "missing" }

/// Larger prefixes of the pattern: (length, hex digest).
let sha256PatternLargeDigests: [(length: Int, hex: String)] =
    sha256Fixture.pattern.filter { $0.key > 1024 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
