// Sha256sumCommand.swift: `extdemo sha256sum`: a drop-in for coreutils sha256sum (issue 14,
// item 8): the same lines ("<hex>  <name>", `*` for -b, BSD-style with --tag, NUL-terminated with
// -z, names with a backslash, newline or carriage return escaped and the line prefixed with a
// backslash), the same messages ("sha256sum: ...") and exit statuses; -c and its options are in
// Sha256sumCheck.swift, option parsing and output in Sha256sumOptions.swift. Files are hashed
// concurrently on N threads.
//
// Each worker holds the GIL as an interpreted thread would and streams a file through an
// incremental hasher (hashing.sha256_hasher().update(chunk)). The lock is released twice per
// chunk: around read(2), by this file, and around the SHA-256 kernel, by the extension. Reading
// goes straight into a bytes object this thread alone owns, as CPython's os.read does, so no copy
// is made under the lock. Results are printed by the main thread in argument order. A file that
// cannot be opened or read is reported on stderr, the others carry on, and the exit status is 1.

import Foundation
import MiniKit
import Synchronization

enum Sha256sumCommand: Subcommand {
    static let name = "sha256sum"
    static let summary = "print SHA-256 checksums of files, hashed in parallel (like coreutils)"
    static let options: [OptionSpec] = [.option("--threads", "N")]
    static let takesOperands = true
    /// Bytes read and hashed per step.
    static let chunkSize = 1 << 20

    static let help = """
    Usage: extdemo sha256sum [OPTION]... [FILE]...
    Print or check SHA256 (256-bit) checksums, as coreutils sha256sum does (same output,
    messages and exit statuses); files are hashed concurrently on N threads, each streaming its
    file through hashing.sha256_hasher() with the GIL released around reading and hashing.

    With no FILE, or when FILE is -, read standard input.
      -b, --binary          read in binary mode
      -c, --check           read checksums from the FILEs and check them
          --tag             create a BSD-style checksum
      -t, --text            read in text mode (default)
      -z, --zero            end each output line with NUL, not newline,
                              and disable file name escaping

    The following five options are useful only when verifying checksums:
          --ignore-missing  don't fail or report status for missing files
          --quiet           don't print OK for each successfully verified file
          --status          don't output anything, status code shows success
          --strict          exit non-zero for improperly formatted checksum lines
      -w, --warn            warn about improperly formatted checksum lines

          --threads N       threads hashing files at once (default: the number of cores)
      -h, --help            show this help

    Exit status: 0 success; 1 a file could not be read, a checksum did not match, a bad
    option (coreutils' rule), or a write error.
    """

    /// What happened to one file: its digest, or why it could not be read (strerror's text).
    enum Outcome: Sendable {
        case digest(String)
        case failure(errno: Int32, reason: String)
    }

    /// Outcomes posted by the workers, collected by the main thread.
    final class Board: @unchecked Sendable {
        private let lock = NSCondition()
        private var outcomes: [Outcome?]

        init(count: Int) { outcomes = Array(repeating: nil, count: count) }

        func post(_ outcome: Outcome, at i: Int) {
            lock.lock()
            outcomes[i] = outcome
            lock.broadcast()
            lock.unlock()
        }

        func wait(for i: Int) -> Outcome {
            lock.lock()
            defer { lock.unlock() }
            while outcomes[i] == nil { lock.wait() }
            return outcomes[i]!
        }
    }

    /// The generic option parser is bypassed (CLI.main sends the words here): the options follow
    /// coreutils' getopt_long rules (clustered short options, abbreviated long ones, options
    /// after operands, "--").
    static func run(_ arguments: CommandLineArguments) throws -> Int32 { main(arguments.operands) }

    static func main(_ words: [String]) -> Int32 {
        let parsed: Sha256sumOptions
        switch Sha256sumOptions.parse(words) {
        case .success(let o): parsed = o
        case .failure(let e):
            writeError("sha256sum: \(e.message)\n" + (e.tryHelp ? "Try 'sha256sum --help' for more information.\n" : ""))
            return 1
        }
        if parsed.help { print(help); return 0 }
        do {
            try Runtime.start()
            try Runtime.importModule("hashing")
        } catch {
            writeError("sha256sum: \(error)\n")
            return 1
        }
        let output = Sha256sumOutput()
        let ok = parsed.check ? Sha256sumCheck(options: parsed, out: output).run() : printSums(parsed, output)
        if !output.finish() { return 1 }
        return ok ? 0 : 1
    }

    /// The default mode: one line per file. False when a file could not be read.
    static func printSums(_ o: Sha256sumOptions, _ out: Sha256sumOutput) -> Bool {
        let files = o.files.isEmpty ? ["-"] : o.files
        let outcomes = hashAll(files, threads: o.threads)
        var ok = true
        for (file, outcome) in zip(files, outcomes) {
            switch outcome {
            case .digest(let hex):
                let (escaped, name) = o.zero ? (false, file) : escapeName(file)
                let line = o.tag ? "SHA256 (\(name)) = \(hex)" : "\(hex) \(o.binary == true ? "*" : " ")\(name)"
                out.write((escaped ? "\\" : "") + line + (o.zero ? "\0" : "\n"))
            case .failure(_, let reason):
                out.error("\(quoteName(file)): \(reason)")
                ok = false
            }
        }
        return ok
    }

    /// Hashes `files` on up to `threads` threads (GIL held on entry and on return); outcomes in order.
    static func hashAll(_ files: [String], threads requested: Int) -> [Outcome] {
        if files.isEmpty { return [] }
        let board = Board(count: files.count)
        let nextBox = AtomicCounter()
        var started: [OSThread] = []
        for _ in 0..<max(1, min(requested, files.count)) {
            guard let worker = OSThread.start({ hashFiles(files, next: nextBox, board: board) }) else { break }
            started.append(worker)
        }
        if started.isEmpty { return files.map { _ in .failure(errno: EAGAIN, reason: "cannot start a thread") } }
        let workers = started
        return withGILReleased {
            let outcomes = files.indices.map { board.wait(for: $0) }
            // Workers that found no file left still need the lock to leave: join without it.
            workers.forEach { $0.join() }
            return outcomes
        }
    }

    /// A worker: hashes files, taking the next unclaimed one each time, until none is left.
    private static func hashFiles(_ files: [String], next: AtomicCounter, board: Board) {
        withGIL {
            var buffer: MiniObjectPointer?   // a chunk-sized bytes object, reused while we own it alone
            while true {
                let i = next.counter.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= files.count { break }
                board.post(hashFile(files[i], buffer: &buffer), at: i)
            }
            if let buffer { Mini_DECREF(buffer) }
        }
    }

    /// Hashes one file (GIL held; released around each read and each kernel run).
    private static func hashFile(_ name: String, buffer: inout MiniObjectPointer?) -> Outcome {
        let (fd, openErrno): (Int32, Int32) = name == "-" ? (STDIN_FILENO, 0) : withGILReleased {
            let fd = open(name, O_RDONLY | O_CLOEXEC)
            return (fd, fd < 0 ? errno : 0)
        }
        if fd < 0 { return .failure(errno: openErrno, reason: String(cString: strerror(openErrno))) }
        defer { if fd != STDIN_FILENO { close(fd) } }
        do {
            let hasher = try miniImport("hashing").attribute("sha256_hasher").call()
            let update = try hasher.attribute("update")
            while true {
                if buffer == nil || Mini_REFCNT(buffer!) != 1 {
                    if let old = buffer { Mini_DECREF(old) }
                    buffer = try MiniRef(checking: MiniBytes_FromStringAndSize(nil, Sha256sumCommand.chunkSize)).release()
                }
                let chunk = buffer!
                // Only this thread references `chunk`, and its memory stays put while we hold that
                // reference, so filling it without the GIL is safe; no object is touched meanwhile.
                let memory = RawMemory(base: UnsafeMutableRawPointer(MiniBytes_AsString(chunk)!), count: chunkSize)
                let (count, readErrno) = withGILReleased { fill(fd, memory) }
                if count < 0 { return .failure(errno: readErrno, reason: String(cString: strerror(readErrno))) }
                if count == 0 { break }
                if count == chunkSize {
                    _ = try update.call([chunk])
                } else {
                    let tail = try MiniRef(checking: MiniBytes_FromStringAndSize(MiniBytes_AsString(chunk), count))
                    _ = try update.call([tail.pointer])
                    break   // a short fill means end of file
                }
            }
            return .digest(try hasher.callMethod("hexdigest").asString())
        } catch {
            return .failure(errno: EIO, reason: "\(error)")
        }
    }

    /// Reads until `memory` is full or the file ends; (bytes read, 0) or (-1, errno). No GIL.
    private static func fill(_ fd: Int32, _ memory: RawMemory) -> (Int, Int32) {
        var total = 0
        while total < memory.count {
            let n = read(fd, memory.base + total, memory.count - total)
            if n < 0 {
                if errno == EINTR { continue }
                return (-1, errno)
            }
            if n == 0 { break }
            total += n
        }
        return (total, 0)
    }

    /// coreutils' escaping: "\\" -> "\\\\", newline -> "\\n", carriage return -> "\\r"; the line
    /// then starts with a backslash.
    static func escapeName(_ name: String) -> (escaped: Bool, name: String) {
        guard name.contains(where: { $0 == "\\" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return (false, name) }
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return (true, out)
    }
}

/// Memory a thread owns exclusively, handed to code running without the GIL.
struct RawMemory: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let count: Int
}

/// A shared counter for handing out work.
final class AtomicCounter: Sendable {
    let counter = Atomic<Int>(0)
}
