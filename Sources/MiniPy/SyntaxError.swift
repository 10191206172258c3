// SyntaxError.swift: the error the MiniPy lexer and parser throw, and its CPython-style rendering.
//
// The fields mirror CPython's SyntaxError attributes: `line`/`column` are its `lineno`/`offset`
// (1-based; a column of 0 or less means "no caret"), `endLine`/`endColumn` its `end_lineno`/
// `end_offset` (exclusive; 0 or -1 mean unknown) and `text` the offending source line. `formatted()`
// reproduces what CPython 3.11 prints for an uncaught syntax error, caret rules included (leading
// whitespace stripped, carets clipped to the line, a single caret for IndentationError/TabError).

public struct SyntaxError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case syntaxError = "SyntaxError"
        case indentationError = "IndentationError"
        case tabError = "TabError"
    }

    public var kind: Kind
    public var message: String
    public var filename: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int
    /// The source line the error is reported on, with its newline when the source has one.
    public var text: String?

    public init(kind: Kind = .syntaxError, message: String, filename: String, line: Int, column: Int,
                endLine: Int, endColumn: Int, text: String?) {
        self.kind = kind
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.text = text
    }

    /// "SyntaxError: message (prog.py, line 3)", like str() of a CPython SyntaxError with its type.
    public var description: String {
        "\(kind.rawValue): \(message) (\(filename), line \(line))"
    }

    /// The report CPython 3.11 writes to stderr for this error when it is not caught, e.g.
    ///
    ///       File "prog.py", line 3
    ///         x = (1 +
    ///             ^
    ///     SyntaxError: '(' was never closed
    public func formatted() -> String {
        var out = "  File \"\(filename)\", line \(line)\n"
        if let text = text {
            let chars = Array(text.unicodeScalars)
            // Subclasses (IndentationError, TabError) are printed with a single caret.
            var end = kind == .syntaxError ? endColumn : -1
            let lineSize = text.utf8.count
            if kind == .syntaxError && endLine > line { end = lineSize }
            if end > lineSize + 1 { end = lineSize + 1 }
            let carets = (end > 0 && end > column) ? end - column : 1
            var offset = column - 1
            var start = 0
            while start < chars.count && (chars[start] == " " || chars[start] == "\t" || chars[start] == "\u{0C}") {
                start += 1
                offset -= 1
            }
            var length = chars.count - start
            if length > 0 && chars[chars.count - 1] == "\n" { length -= 1 }
            var shown = String.UnicodeScalarView()
            shown.append(contentsOf: chars[start..<(start + length)])
            // CPython clips the caret to the line's length in UTF-8 bytes.
            let byteLength = String(shown).utf8.count
            if offset > byteLength { offset = byteLength }
            let (safe, escaped) = SyntaxError.escapingControls(shown)
            out += "    " + safe + "\n"
            if offset >= 0 && !escaped {
                out += "    " + String(repeating: " ", count: offset) + String(repeating: "^", count: carets) + "\n"
            }
        }
        out += "\(kind.rawValue): \(message)\n"
        return out
    }

    /// The line with every terminal control character (C0 but tab and form feed, DEL, C1) written
    /// as \xNN, and whether there was one: a binary file run by mistake (`extdemo run /bin/ls`:
    /// the bytes before its first NUL) must not send escape sequences to the terminal. CPython
    /// writes them raw; the kit then leaves the caret out (its columns would not line up). The
    /// runtime's renderer (traceback.c) does the same for SyntaxErrors raised at run time.
    static func escapingControls(_ line: String.UnicodeScalarView) -> (String, Bool) {
        var out = ""
        var escaped = false
        for u in line {
            let v = u.value
            if (v < 0x20 && v != 0x09 && v != 0x0C) || (v >= 0x7F && v <= 0x9F) {
                out += "\\x" + (v < 0x10 ? "0" : "") + String(v, radix: 16)
                escaped = true
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return (out, escaped)
    }
}
