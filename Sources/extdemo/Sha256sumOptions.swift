// Sha256sumOptions.swift: `extdemo sha256sum`'s command line and output, as coreutils': options
// parsed the getopt_long way (clustered short options "-bz", unambiguous abbreviations of long
// ones "--chec", options anywhere among the operands, "--" ending them), coreutils' messages for
// bad options and for options that make no sense together (each followed by "Try 'sha256sum
// --help' ..." and exit status 1, coreutils' usage status), names quoted in diagnostics as its
// quotef does, and stdout written through one buffer whose write error ends the command with
// "sha256sum: write error" and status 1.

import Foundation

struct Sha256sumOptions {
    var binary: Bool?          // -b true, -t false, neither nil
    var check = false, tag = false, zero = false
    var ignoreMissing = false, quiet = false, status = false, strict = false, warn = false
    var help = false
    var threads = activeCores
    var files: [String] = []

    struct Failure: Error {
        let message: String
        var tryHelp = true
    }

    private static let longOptions = ["binary", "check", "tag", "text", "zero", "ignore-missing", "quiet", "status",
                                      "strict", "warn", "help", "threads"]

    static func parse(_ words: [String]) -> Result<Sha256sumOptions, Failure> {
        var o = Sha256sumOptions()
        var i = 0
        var onlyOperands = false
        func apply(_ long: String) -> Failure? {
            switch long {
            case "binary": o.binary = true
            case "text": o.binary = false
            case "check": o.check = true
            case "tag": o.tag = true
            case "zero": o.zero = true
            case "ignore-missing": o.ignoreMissing = true
            case "quiet": o.quiet = true
            case "status": o.status = true
            case "strict": o.strict = true
            case "warn": o.warn = true
            case "help": o.help = true
            default: return Failure(message: "unrecognized option '--\(long)'")
            }
            return nil
        }
        while i < words.count {
            let w = words[i]
            i += 1
            if onlyOperands || w == "-" || !w.hasPrefix("-") { o.files.append(w); continue }
            if w == "--" { onlyOperands = true; continue }
            if w.hasPrefix("--") {
                let body = String(w.dropFirst(2))
                let (key, value): (String, String?) = body.firstIndex(of: "=").map { (String(body[..<$0]), String(body[body.index(after: $0)...])) } ?? (body, nil)
                let matches = longOptions.filter { $0.hasPrefix(key) }
                let exact = longOptions.contains(key) ? [key] : matches
                guard !key.isEmpty, exact.count == 1, let long = exact.first else {
                    if matches.count > 1 {
                        return .failure(Failure(message: "option '--\(key)' is ambiguous; possibilities:" + matches.map { " '--\($0)'" }.joined()))
                    }
                    return .failure(Failure(message: "unrecognized option '\(w)'"))
                }
                if long == "threads" {
                    var text = value
                    if text == nil {
                        guard i < words.count else { return .failure(Failure(message: "option '--threads' requires an argument")) }
                        text = words[i]
                        i += 1
                    }
                    guard let n = Int(text!), n >= 1, n <= 4096 else {
                        return .failure(Failure(message: "invalid number of threads: '\(text!)' (1 to 4096)"))
                    }
                    o.threads = n
                    continue
                }
                if value != nil { return .failure(Failure(message: "option '--\(long)' doesn't allow an argument")) }
                if let f = apply(long) { return .failure(f) }
                continue
            }
            for c in w.dropFirst() {
                switch c {
                case "b": o.binary = true
                case "t": o.binary = false
                case "c": o.check = true
                case "z": o.zero = true
                case "w": o.warn = true
                case "h": o.help = true
                default: return .failure(Failure(message: "invalid option -- '\(c)'"))
                }
            }
        }
        if o.help { return .success(o) }
        // The combinations coreutils refuses, in its order.
        if o.tag && o.binary == false { return .failure(Failure(message: "--tag does not support --text mode")) }
        if o.zero && o.check { return .failure(Failure(message: "the --zero option is not supported when verifying checksums")) }
        if o.tag && o.check { return .failure(Failure(message: "the --tag option is meaningless when verifying checksums")) }
        if o.binary != nil && o.check {
            return .failure(Failure(message: "the --binary and --text options are meaningless when verifying checksums"))
        }
        for (set, name) in [(o.ignoreMissing, "ignore-missing"), (o.status, "status"), (o.warn, "warn"), (o.quiet, "quiet"),
                            (o.strict, "strict")] where set && !o.check {
            return .failure(Failure(message: "the --\(name) option is meaningful only when verifying checksums"))
        }
        return .success(o)
    }
}

/// Standard output through a buffer written to fd 1 with write(2); a failed write is remembered
/// and reported once at the end ("sha256sum: write error", as coreutils 9.1 words it), except a
/// closed pipe, which ends quietly (the kit's rule for `| head`).
final class Sha256sumOutput {
    private var buffer: [UInt8] = []
    private var failure: Int32 = 0

    func write(_ text: String) {
        buffer += Array(text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        var done = 0
        while done < buffer.count, failure == 0 {
            let n = buffer.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + done, buffer.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
            } else {
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// A diagnostic on stderr, after flushing stdout so the two interleave in order.
    func error(_ message: String) {
        flush()
        writeError("sha256sum: \(message)\n")
    }

    /// Flushes stdout; false (after the message) when something could not be written.
    func finish() -> Bool {
        flush()
        guard failure != 0 else { return true }
        if failure != EPIPE { writeError("sha256sum: write error\n") }
        return false
    }
}

extension Sha256sumCommand {
    /// A file name in a diagnostic, as coreutils' quotef: as is when it holds only characters a
    /// shell would not need quoted, else in single quotes (a quote inside becoming '\'').
    static func quoteName(_ name: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/+-,:@%^=")
        if !name.isEmpty, name.allSatisfy({ plain.contains($0) }) { return name }
        return "'" + name.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
