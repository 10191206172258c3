// Sha256sumCheck.swift: `extdemo sha256sum -c`: reads checksum lines from each FILE (or standard
// input) and checks the files they name, as coreutils does: both the GNU form
// ("<hex>  name" / "<hex> *name", a leading backslash meaning an escaped name) and the BSD form
// --tag writes ("SHA256 (name) = <hex>"); lines starting with '#' are comments. Per file it prints
// "name: OK" (not with --quiet), "name: FAILED", or "name: FAILED open or read" after the reason on
// stderr (--ignore-missing skips missing files silently); --status prints none of it. At the end
// of each checksum file: the WARNING lines (improperly formatted lines, files not read, checksums
// that did not match; not with --status), "no properly formatted checksum lines found", or with
// --ignore-missing "no file was verified". --warn names each improperly formatted line, --strict
// makes them fail the run.

import Foundation

struct Sha256sumCheck {
    let options: Sha256sumOptions
    let out: Sha256sumOutput

    /// One checksum line: the expected digest and the file it names.
    struct Entry {
        let hex: String
        let name: String
    }

    /// True when every listed file matched (and, with --strict, every line was well formed).
    func run() -> Bool {
        let lists = options.files.isEmpty ? ["-"] : options.files
        var ok = true
        for list in lists where !checkList(list) { ok = false }
        return ok
    }

    /// The text of a checksum file, or nil after reporting why it could not be read.
    private func read(_ list: String) -> [UInt8]? {
        if list == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        let fd = open(list, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            out.error("\(Sha256sumCommand.quoteName(list)): \(String(cString: strerror(errno)))")
            return nil
        }
        defer { close(fd) }
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n < 0 {
                if errno == EINTR { continue }
                out.error("\(Sha256sumCommand.quoteName(list)): \(String(cString: strerror(errno)))")
                return nil
            }
            if n == 0 { break }
            data += chunk[0..<n]
        }
        return data
    }

    private func checkList(_ list: String) -> Bool {
        let display = list == "-" ? "standard input" : Sha256sumCommand.quoteName(list)
        guard let data = read(list) else { return false }
        var entries: [Entry] = []
        var malformed = 0
        var lineNumber = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if raw.isEmpty && lineNumber > 1 && raw.startIndex == data.endIndex { break }   // after the last newline
            var line = String(decoding: raw, as: UTF8.self)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.hasPrefix("#") { continue }
            if line.isEmpty && raw.startIndex == data.endIndex { break }
            if let e = Sha256sumCheck.parse(line) {
                entries.append(e)
            } else {
                malformed += 1
                if options.warn {
                    out.error("\(display): \(lineNumber): improperly formatted SHA256 checksum line")
                }
            }
        }
        if entries.isEmpty {
            out.error("\(display): no properly formatted checksum lines found")
            return false
        }
        let outcomes = Sha256sumCommand.hashAll(entries.map(\.name), threads: options.threads)
        var mismatched = 0, unreadable = 0, verified = 0
        for (e, outcome) in zip(entries, outcomes) {
            let shown = Sha256sumCheck.shownName(e.name)
            switch outcome {
            case .failure(let err, let reason):
                if options.ignoreMissing && err == ENOENT { continue }
                out.error("\(Sha256sumCommand.quoteName(e.name)): \(reason)")
                unreadable += 1
                if !options.status { out.write("\(shown): FAILED open or read\n") }
            case .digest(let hex):
                verified += 1
                if hex == e.hex.lowercased() {
                    if !options.status && !options.quiet { out.write("\(shown): OK\n") }
                } else {
                    mismatched += 1
                    if !options.status { out.write("\(shown): FAILED\n") }
                }
            }
        }
        if !options.status {
            if malformed > 0 {
                out.error("WARNING: \(malformed) line\(malformed == 1 ? " is" : "s are") improperly formatted")
            }
            if unreadable > 0 {
                out.error("WARNING: \(unreadable) listed file\(unreadable == 1 ? "" : "s") could not be read")
            }
            if mismatched > 0 {
                out.error("WARNING: \(mismatched) computed checksum\(mismatched == 1 ? "" : "s") did NOT match")
            }
        }
        if options.ignoreMissing && verified == 0 && unreadable == 0 {
            out.error("\(display): no file was verified")
            return false
        }
        return mismatched == 0 && unreadable == 0 && !(options.strict && malformed > 0)
    }

    /// A file name in a result line: as is, or escaped with a leading backslash when it holds a
    /// backslash-escaped newline or carriage return.
    static func shownName(_ name: String) -> String {
        guard name.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return name }
        let (_, escaped) = Sha256sumCommand.escapeName(name)
        return "\\" + escaped
    }

    /// Parses one line in the GNU or the BSD (--tag) form; nil when it is neither.
    static func parse(_ text: String) -> Entry? {
        var line = Substring(text)
        while line.first == " " || line.first == "\t" { line = line.dropFirst() }
        var escaped = false
        if line.first == "\\" { escaped = true; line = line.dropFirst() }
        // BSD: SHA256 (name) = hex
        if line.hasPrefix("SHA256") {
            var rest = line.dropFirst(6)
            if rest.first == " " { rest = rest.dropFirst() }
            if rest.first == "(", let close = rest.range(of: ") = ", options: .backwards) {
                let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound]
                let hex = rest[close.upperBound...]
                if isHex(hex), let n = unescape(name, escaped) { return Entry(hex: String(hex), name: n) }
                return nil
            }
        }
        // GNU: 64 hex digits, a space, ' ' or '*', the name.
        guard line.count > 66 else { return nil }
        let hex = line.prefix(64)
        let afterHex = line.dropFirst(64)
        guard isHex(hex), afterHex.first == " " else { return nil }
        let mode = afterHex.dropFirst().first
        guard mode == " " || mode == "*" else { return nil }
        let name = afterHex.dropFirst(2)
        guard !name.isEmpty, let n = unescape(name, escaped) else { return nil }
        return Entry(hex: String(hex), name: n)
    }

    private static func isHex(_ s: Substring) -> Bool {
        s.count == 64 && s.allSatisfy { $0.isHexDigit }
    }

    /// Undoes the escaping of an escaped name (\\ \n \r); nil on any other escape.
    private static func unescape(_ name: Substring, _ escaped: Bool) -> String? {
        guard escaped else { return String(name) }
        var out = ""
        var it = name.makeIterator()
        while let c = it.next() {
            guard c == "\\" else { out.append(c); continue }
            switch it.next() {
            case "\\": out.append("\\")
            case "n": out.append("\n")
            case "r": out.append("\r")
            default: return nil
            }
        }
        return out
    }
}
