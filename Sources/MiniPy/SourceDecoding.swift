// SourceDecoding.swift: source bytes to text, as CPython's tokenizer decodes a file (PEP 263).
//
// A file is UTF-8 unless one of its first two lines declares another encoding
// (`# -*- coding: latin-1 -*-`). Bytes that are not valid UTF-8 in an undeclared file are a
// SyntaxError with CPython's message ("Non-UTF-8 code starting with '\xff' in file F on line N,
// but no encoding declared; see https://peps.python.org/pep-0263/ for details"), never silently
// replaced. The kit knows UTF-8, ASCII and Latin-1 (ISO-8859-1); any other declared encoding is
// "encoding problem: NAME", as CPython says for an encoding it has no codec for. A NUL byte before
// the first undecodable one is left to the lexer (Lexer.rejectNullBytes), as CPython reports it.

/// Why source bytes could not be decoded; `message` is the SyntaxError's text.
struct SourceDecodeError: Error {
    let message: String
}

enum SourceDecoding {
    /// The text of `bytes`, or SourceDecodeError with CPython's message.
    static func decode(_ bytes: [UInt8], filename: String) throws -> String {
        let declared = declaredEncoding(bytes)
        switch declared.map(normalize) {
        case nil, "utf-8":
            // Whichever comes first wins, as in CPython: a NUL before the first undecodable byte
            // is the lexer's "source code cannot contain null bytes" (the bytes after it are
            // replaced here and never tokenized).
            if let bad = firstInvalidUTF8(bytes), !(bytes[..<bad].contains(0)) {
                let line = 1 + bytes[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                let hex = String(bytes[bad], radix: 16)
                let shown = "\\x" + (hex.count == 1 ? "0" + hex : hex)
                if declared != nil {
                    throw SourceDecodeError(message: "(unicode error) 'utf-8' codec can't decode byte 0x"
                                            + shown.dropFirst(2) + " in position \(bad): invalid start byte")
                }
                throw SourceDecodeError(message: "Non-UTF-8 code starting with '\(shown)' in file \(filename) on line \(line), "
                                        + "but no encoding declared; see https://peps.python.org/pep-0263/ for details")
            }
            return String(decoding: bytes, as: UTF8.self)
        case "latin-1":
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case "ascii":
            if let bad = bytes.firstIndex(where: { $0 >= 0x80 }) {
                throw SourceDecodeError(message: "(unicode error) 'ascii' codec can't decode byte 0x"
                                        + String(bytes[bad], radix: 16) + " in position \(bad): ordinal not in range(128)")
            }
            return String(decoding: bytes, as: UTF8.self)
        default:
            throw SourceDecodeError(message: "encoding problem: \(declared!)")
        }
    }

    /// The canonical name of an encoding the kit can decode, else the name as given.
    static func normalize(_ name: String) -> String {
        let n = name.lowercased().replacingOccurrences(of: "_", with: "-")
        if n == "utf-8" || n == "utf8" || n.hasPrefix("utf-8-") { return "utf-8" }
        if ["latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "iso-latin-1"].contains(where: { n == $0 || n.hasPrefix($0 + "-") }) {
            return "latin-1"
        }
        if n == "ascii" || n == "us-ascii" { return "ascii" }
        return name
    }

    /// The encoding a comment on line 1 or 2 declares (`coding[:=]\s*([-\w.]+)`), if any. Line 2
    /// counts only when line 1 is blank or a comment, as in CPython.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        for _ in 0..<2 {
            guard start < bytes.count else { return nil }
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = Array(bytes[start..<end])
            let body = line.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0C })
            if body.first == UInt8(ascii: "#") {
                if let name = codingName(in: Array(body)) { return name }
            } else if !body.allSatisfy({ $0 == 0x0D }) {
                return nil
            }
            start = end + 1
        }
        return nil
    }

    static func codingName(in comment: [UInt8]) -> String? {
        let word = Array("coding".utf8)
        var i = 0
        while i + word.count < comment.count {
            if Array(comment[i..<(i + word.count)]) == word,
               comment[i + word.count] == UInt8(ascii: ":") || comment[i + word.count] == UInt8(ascii: "=") {
                var j = i + word.count + 1
                while j < comment.count && (comment[j] == 0x20 || comment[j] == 0x09) { j += 1 }
                var name: [UInt8] = []
                while j < comment.count {
                    let c = comment[j]
                    let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                        || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".")
                    if !ok { break }
                    name.append(c)
                    j += 1
                }
                if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
            }
            i += 1
        }
        return nil
    }

    /// The offset of the first byte that does not begin (or continue) a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            for k in 1...need {
                if i + k >= n { return i }
                let d = b[i + k]
                let (l, h) = k == 1 ? (lo, hi) : (UInt8(0x80), UInt8(0xBF))
                if d < l || d > h { return i }
            }
            i += need + 1
        }
        return nil
    }
}
