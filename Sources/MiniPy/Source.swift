// Source.swift: a MiniPy source file prepared for the lexer.
//
// The text is decoded once into an array of Unicode scalar values (so the lexer indexes integers and
// a column is simply `offset - lineStart`, counted in characters as CPython reports them), with
// universal newlines applied ("\r\n" and lone "\r" become "\n") and a leading byte-order mark dropped.
// `lineStarts` maps line numbers to offsets; `lineText` recovers a line for error messages.

public final class Source: @unchecked Sendable {
    /// The name shown in error messages and tracebacks (for example "prog.py").
    public let filename: String
    /// The normalised text as Unicode scalar values.
    public let scalars: [UInt32]
    /// `lineStarts[n - 1]` is the offset of the first character of line `n` (1-based lines).
    public let lineStarts: [Int]
    /// For text with non-ASCII characters, `utf8Offsets[k]` is the UTF-8 length of `scalars[0..<k]`
    /// (so byteColumn is constant time, not linear in the column: long lines compile in linear
    /// time); nil for ASCII text, where byte and character columns coincide.
    let utf8Offsets: [Int]?

    public init(_ text: String, filename: String = "<string>") {
        self.filename = filename
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count)
        var starts: [Int] = [0]
        var previousWasCR = false
        var first = true
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if first {
                first = false
                if v == 0xFEFF { continue }
            }
            if v == 0x0D {
                out.append(0x0A)
                starts.append(out.count)
                previousWasCR = true
                continue
            }
            if v == 0x0A {
                if previousWasCR { previousWasCR = false; continue }
                out.append(0x0A)
                starts.append(out.count)
                continue
            }
            previousWasCR = false
            out.append(v)
        }
        // A trailing newline does not start a new (empty) line.
        if starts.count > 1 && starts.last == out.count { starts.removeLast() }
        scalars = out
        lineStarts = starts
        if out.allSatisfy({ $0 < 0x80 }) {
            utf8Offsets = nil
        } else {
            var offsets = [Int](repeating: 0, count: out.count + 1)
            for (k, c) in out.enumerated() {
                offsets[k + 1] = offsets[k] + (c < 0x80 ? 1 : (c < 0x800 ? 2 : (c < 0x10000 ? 3 : 4)))
            }
            utf8Offsets = offsets
        }
    }

    /// Number of lines; a final newline does not start a new line, an empty file has one (empty) line.
    public var lineCount: Int { lineStarts.count }

    /// Whether the text ends with a newline (CPython's end-of-file positions depend on it).
    public var endsWithNewline: Bool { scalars.last == 0x0A }

    /// Offset just past line `line`'s last character, excluding its newline.
    public func lineEnd(_ line: Int) -> Int {
        guard line >= 1 && line <= lineStarts.count else { return scalars.count }
        var end = line < lineStarts.count ? lineStarts[line] : scalars.count
        if end > lineStarts[line - 1] && end <= scalars.count && end > 0 && scalars[end - 1] == 0x0A { end -= 1 }
        return end
    }

    /// Line `line` (1-based) as a String, with its trailing newline when it has one and
    /// `includeNewline` is set. Out-of-range lines give "".
    public func lineText(_ line: Int, includeNewline: Bool = false) -> String {
        guard line >= 1 && line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = lineEnd(line)
        if includeNewline && end < scalars.count && scalars[end] == 0x0A { end += 1 }
        return Source.string(scalars, start, end)
    }

    /// The line and 0-based column of a scalar offset.
    public func position(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, offset - lineStarts[lo])
    }

    /// CPython 3.11 reports most syntax-error columns in UTF-8 bytes (only its tokenizer counts
    /// characters): the byte column of character column `charColumn` (0-based) on line `line`.
    public func byteColumn(line: Int, charColumn: Int) -> Int {
        guard line >= 1 && line <= lineStarts.count && charColumn > 0 else { return charColumn }
        let start = lineStarts[line - 1]
        // Past the end of the text, each missing character counts as one byte.
        let inText = min(charColumn, scalars.count - start)
        guard let offsets = utf8Offsets else { return charColumn }
        if inText >= 0 { return offsets[start + inText] - offsets[start] + (charColumn - inText) }
        var bytes = 0
        var i = 0
        while i < charColumn {
            let k = start + i
            let c: UInt32 = k < scalars.count ? scalars[k] : 0x20
            bytes += c < 0x80 ? 1 : (c < 0x800 ? 2 : (c < 0x10000 ? 3 : 4))
            i += 1
        }
        return bytes
    }

    /// The text of `scalars[start..<end]`.
    public func text(from start: Int, to end: Int) -> String {
        Source.string(scalars, start, end)
    }

    static func string(_ s: [UInt32], _ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        var i = start
        while i < end {
            if let u = Unicode.Scalar(s[i]) { view.append(u) }
            i += 1
        }
        return String(view)
    }
}
