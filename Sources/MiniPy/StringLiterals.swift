// StringLiterals.swift: string, bytes and f-string literals for the MiniPy parser.
//
// The lexer delivers each literal as one STRING token, prefix and quotes included. Here a run of
// adjacent STRING tokens becomes one constant (implicit concatenation) or, if any of them is an
// f-string, one `joinedStr`. Escapes are decoded as CPython does (\n \t \\ \' \" \a \b \f \v \r,
// octal \0-\777, \xhh, \uXXXX, \UXXXXXXXX, \N{name}; unknown escapes keep their backslash) unless
// the literal is raw; bytes accept only ASCII and keep \u, \U and \N as written.
//
// f-strings follow CPython 3.11: the body is split into literal text ("{{" and "}}" are braces) and
// replacement fields `{expr[=][!conv][:spec]}`; the end of `expr` is found by a character scan
// (quotes and brackets tracked; a backslash or '#' is an error) and `expr` is then parsed in place by
// a sub-parser, as if parenthesized, so its nodes keep their true positions. Format specs may hold
// nested fields, two levels deep. Errors use CPython's wording and positions: scan errors point at
// the token after the literal; errors inside `expr` are reported against the text "(expr)" and
// prefixed with "f-string: ", exactly as 3.11 does.

extension Parser {
    struct FStringBuilder {
        var values: [Expr] = []
        var literal = String.UnicodeScalarView()
        /// The location given to the pieces: the whole run of literals.
        let loc: Loc
        /// The literal token being read (format specs take its location, as in CPython).
        var tokenLoc: Loc

        init(loc: Loc) {
            self.loc = loc
            self.tokenLoc = loc
        }

        /// Ends the pending literal text. CPython places it at the whole literal run, except for the
        /// text ending a format spec, which gets the spec's token (`at`).
        mutating func flush(at place: Loc? = nil) {
            if !literal.isEmpty {
                values.append(Expr(.constant(.str(String(literal))), place ?? loc))
                literal = String.UnicodeScalarView()
            }
        }

        mutating func append(_ e: Expr) {
            flush()
            values.append(e)
        }
    }

    @inline(__always) func scalar(_ c: UInt32) -> Unicode.Scalar {
        Unicode.Scalar(c) ?? "\u{FFFD}"
    }

    func isSpace(_ c: UInt32) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C
    }

    /// STRING+ : one constant or f-string.
    func strings() throws -> Expr {
        var parts: [Token] = []
        while kind == .string { parts.append(advance()) }
        _ = peek() // CPython places literal errors at the token after the literals.
        let fullLoc = Loc(from: loc(parts[0]), to: loc(parts[parts.count - 1]))
        var sawBytes = false, sawText = false, sawF = false
        var builder = FStringBuilder(loc: fullLoc)
        var bytes: [UInt8] = []
        for t in parts {
            let start = Int(t.start), end = Int(t.end)
            var i = start
            var isBytes = false, isRaw = false, isF = false
            while s[i] != 0x22 && s[i] != 0x27 {
                switch s[i] | 0x20 {
                case 0x62: isBytes = true
                case 0x72: isRaw = true
                case 0x66: isF = true
                default: break
                }
                i += 1
            }
            let quote = s[i]
            let quoteSize = (s[i + 1] == quote && end - i > 2) ? 3 : 1
            let bodyStart = i + quoteSize, bodyEnd = end - quoteSize
            if isBytes { sawBytes = true } else { sawText = true }
            if sawBytes && sawText {
                throw errorAtLastToken("cannot mix bytes and nonbytes literals")
            }
            if isBytes {
                for k in bodyStart..<bodyEnd where s[k] >= 0x80 {
                    throw error("bytes can only contain ASCII literal characters", at: t)
                }
                if isRaw {
                    for k in bodyStart..<bodyEnd { bytes.append(UInt8(s[k])) }
                } else {
                    try decodeBytes(bodyStart, bodyEnd, into: &bytes)
                }
            } else if isF {
                sawF = true
                builder.tokenLoc = loc(t)
                _ = try fstringLiteralAndFields(bodyStart, bodyEnd, raw: isRaw, recurse: 0, into: &builder)
            } else if isRaw {
                for k in bodyStart..<bodyEnd { builder.literal.append(scalar(s[k])) }
            } else {
                try decodeString(bodyStart, bodyEnd, into: &builder.literal)
            }
        }
        if sawBytes { return Expr(.constant(.bytes(bytes)), fullLoc) }
        if sawF {
            builder.flush()
            return Expr(.joinedStr(builder.values), fullLoc)
        }
        return Expr(.constant(.str(String(builder.literal))), fullLoc)
    }

    // MARK: - Escapes

    /// CPython reports escape errors at byte positions of the literal body after it has rewritten
    /// each non-ASCII character as a 10-byte "\UXXXXXXXX" escape.
    func escapedPosition(_ bodyStart: Int, _ k: Int) -> Int {
        var n = 0
        var i = bodyStart
        while i < k {
            n += s[i] < 0x80 ? 1 : 10
            i += 1
        }
        return n
    }

    func unicodeError(_ bodyStart: Int, _ from: Int, _ to: Int, _ reason: String) -> Failure {
        let a = escapedPosition(bodyStart, from), b = escapedPosition(bodyStart, to) - 1
        let position = a >= b ? "byte 0x5c in position \(a)" : "bytes in position \(a)-\(b)"
        return errorAtLastToken("(unicode error) 'unicodeescape' codec can't decode \(position): \(reason)")
    }

    func hexValue(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }

    /// Decodes a non-raw str body `s[start..<end]`.
    func decodeString(_ start: Int, _ end: Int, into out: inout String.UnicodeScalarView) throws {
        var i = start
        while i < end {
            let c = s[i]
            if c != 0x5C {
                out.append(scalar(c))
                i += 1
                continue
            }
            let escape = i
            i += 1
            if i >= end {
                // Only in an f-string piece cut before a brace ("\\{"): CPython keeps the backslash.
                out.append("\\")
                break
            }
            let e = s[i]
            i += 1
            switch e {
            case 0x0A: break
            case 0x5C: out.append("\\")
            case 0x27: out.append("'")
            case 0x22: out.append("\"")
            case 0x61: out.append("\u{07}")
            case 0x62: out.append("\u{08}")
            case 0x66: out.append("\u{0C}")
            case 0x6E: out.append("\n")
            case 0x72: out.append("\r")
            case 0x74: out.append("\t")
            case 0x76: out.append("\u{0B}")
            case 0x30...0x37:
                var value = e - 0x30
                var n = 1
                while n < 3 && i < end && s[i] >= 0x30 && s[i] <= 0x37 {
                    value = value * 8 + (s[i] - 0x30)
                    i += 1
                    n += 1
                }
                out.append(scalar(value))
            case 0x78, 0x75, 0x55:
                let count = e == 0x78 ? 2 : (e == 0x75 ? 4 : 8)
                var value: UInt32 = 0
                var n = 0
                while n < count && i < end, let h = hexValue(s[i]) {
                    value = value * 16 + h
                    i += 1
                    n += 1
                }
                if n < count {
                    let reason = e == 0x78 ? "truncated \\xXX escape" : (e == 0x75 ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape")
                    throw unicodeError(start, escape, i, reason)
                }
                guard value <= 0x10FFFF, let u = Unicode.Scalar(value) else {
                    if value > 0x10FFFF { throw unicodeError(start, escape, i, "illegal Unicode character") }
                    // A lone surrogate cannot live in a Swift string: substitute U+FFFD.
                    out.append("\u{FFFD}")
                    continue
                }
                out.append(u)
            case 0x4E:
                guard i < end && s[i] == 0x7B, let close = (i..<end).first(where: { s[$0] == 0x7D }), close > i + 1 else {
                    throw unicodeError(start, escape, min(i + 1, end), "malformed \\N character escape")
                }
                let name = Source.string(s, i + 1, close)
                guard let value = Parser.lookupCharacterName(name) else {
                    throw unicodeError(start, escape, close + 1, "unknown Unicode character name")
                }
                out.append(scalar(value))
                i = close + 1
            default:
                out.append("\\")
                out.append(scalar(e))
            }
        }
    }

    /// \N{NAME}: the scalar whose Unicode name (or name alias) is NAME, case-insensitively.
    static func lookupCharacterName(_ name: String) -> UInt32? {
        let wanted = name.uppercased()
        for range in [0x20...0x2FFFF, 0xE0000...0xE01EF] as [ClosedRange<UInt32>] {
            for v in range {
                guard let u = Unicode.Scalar(v) else { continue }
                let props = u.properties
                if props.name == wanted || props.nameAlias == wanted { return v }
            }
        }
        return nil
    }

    /// Decodes a non-raw bytes body (already checked to be ASCII).
    func decodeBytes(_ start: Int, _ end: Int, into out: inout [UInt8]) throws {
        var i = start
        while i < end {
            let c = s[i]
            if c != 0x5C {
                out.append(UInt8(c))
                i += 1
                continue
            }
            let escape = i
            i += 1
            if i >= end {
                throw errorAtLastToken("(value error) Trailing \\ in string")
            }
            let e = s[i]
            i += 1
            switch e {
            case 0x0A: break
            case 0x5C: out.append(0x5C)
            case 0x27: out.append(0x27)
            case 0x22: out.append(0x22)
            case 0x61: out.append(0x07)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x76: out.append(0x0B)
            case 0x30...0x37:
                var value = e - 0x30
                var n = 1
                while n < 3 && i < end && s[i] >= 0x30 && s[i] <= 0x37 {
                    value = value * 8 + (s[i] - 0x30)
                    i += 1
                    n += 1
                }
                out.append(UInt8(value & 0xFF))
            case 0x78:
                guard i + 1 < end, let h1 = hexValue(s[i]), let h2 = hexValue(s[i + 1]) else {
                    throw errorAtLastToken("(value error) invalid \\x escape at position \(escape - start)")
                }
                out.append(UInt8(h1 * 16 + h2))
                i += 2
            default:
                out.append(0x5C)
                out.append(UInt8(e))
            }
        }
    }

    // MARK: - f-strings

    /// Literal text and replacement fields of an f-string body from `start`. Returns where it
    /// stopped: `end`, or (inside a format spec, `recurse` > 0) at the '}' closing the field.
    func fstringLiteralAndFields(_ start: Int, _ end: Int, raw: Bool, recurse: Int, into b: inout FStringBuilder) throws -> Int {
        var i = start
        while true {
            var literalStart = i
            while i < end {
                var ch = s[i]
                i += 1
                if !raw && ch == 0x5C && i < end {
                    ch = s[i]
                    i += 1
                    if ch == 0x4E {
                        // Skip the braces of \N{...}: they do not start a field.
                        if i < end {
                            let next = s[i]
                            i += 1
                            if next == 0x7B {
                                while i < end {
                                    let c = s[i]
                                    i += 1
                                    if c == 0x7D { break }
                                }
                            }
                        }
                        continue
                    }
                }
                if ch == 0x7B || ch == 0x7D {
                    if recurse == 0 {
                        if i < end && s[i] == ch {
                            try appendLiteral(literalStart, i, raw: raw, into: &b.literal)
                            i += 1
                            literalStart = i
                            continue
                        }
                        if ch == 0x7D { throw errorAtLastToken("f-string: single '}' is not allowed") }
                    }
                    i -= 1
                    break
                }
            }
            try appendLiteral(literalStart, i, raw: raw, into: &b.literal)
            if i >= end || s[i] == 0x7D { return i }
            i = try replacementField(i, end, raw: raw, recurse: recurse, into: &b)
        }
    }

    func appendLiteral(_ start: Int, _ end: Int, raw: Bool, into out: inout String.UnicodeScalarView) throws {
        if start >= end { return }
        if raw {
            for k in start..<end { out.append(scalar(s[k])) }
        } else {
            try decodeString(start, end, into: &out)
        }
    }

    /// `{expr[=][!conv][:spec]}` starting at the '{' at `open`; returns the index after its '}'.
    func replacementField(_ open: Int, _ end: Int, raw: Bool, recurse: Int, into b: inout FStringBuilder) throws -> Int {
        if recurse >= 2 { throw errorAtLastToken("f-string: expressions nested too deeply") }
        var i = open + 1
        let exprStart = i
        var quote: UInt32 = 0
        var tripleQuoted = false
        var brackets: [UInt32] = []
        while i < end {
            let ch = s[i]
            if ch == 0x5C { throw errorAtLastToken("f-string expression part cannot include a backslash") }
            if quote != 0 {
                if ch == quote {
                    if tripleQuoted {
                        if i + 2 < end && s[i + 1] == ch && s[i + 2] == ch {
                            i += 3
                            quote = 0
                            tripleQuoted = false
                            continue
                        }
                    } else {
                        i += 1
                        quote = 0
                        continue
                    }
                }
                i += 1
                continue
            }
            if ch == 0x27 || ch == 0x22 {
                if i + 2 < end && s[i + 1] == ch && s[i + 2] == ch {
                    tripleQuoted = true
                    i += 2
                } else {
                    tripleQuoted = false
                }
                quote = ch
            } else if ch == 0x5B || ch == 0x7B || ch == 0x28 {
                if brackets.count >= 200 { throw errorAtLastToken("f-string: too many nested parenthesis") }
                brackets.append(ch)
            } else if ch == 0x23 {
                throw errorAtLastToken("f-string expression part cannot include '#'")
            } else if brackets.isEmpty && (ch == 0x21 || ch == 0x3A || ch == 0x7D || ch == 0x3D || ch == 0x3C || ch == 0x3E) {
                if i + 1 < end && s[i + 1] == 0x3D && ch != 0x3A && ch != 0x7D {
                    i += 2 // != == <= >=
                    continue
                }
                if ch == 0x3C || ch == 0x3E {
                    i += 1
                    continue
                }
                break
            } else if ch == 0x5D || ch == 0x7D || ch == 0x29 {
                guard let opening = brackets.popLast() else {
                    throw errorAtLastToken("f-string: unmatched '\(String(scalar(ch)))'")
                }
                let matches = (opening == 0x28 && ch == 0x29) || (opening == 0x5B && ch == 0x5D) || (opening == 0x7B && ch == 0x7D)
                if !matches {
                    throw errorAtLastToken("f-string: closing parenthesis '\(String(scalar(ch)))' does not match opening parenthesis '\(String(scalar(opening)))'")
                }
            }
            i += 1
        }
        let exprEnd = i
        if quote != 0 { throw errorAtLastToken("f-string: unterminated string") }
        if let opening = brackets.last { throw errorAtLastToken("f-string: unmatched '\(String(scalar(opening)))'") }
        if i >= end { throw errorAtLastToken("f-string: expecting '}'") }
        let value = try fstringExpression(exprStart, exprEnd)

        var debugText: String?
        if s[i] == 0x3D {
            i += 1
            while i < end && isSpace(s[i]) { i += 1 }
            if i >= end { throw errorAtLastToken("f-string: expecting '}'") }
            debugText = Source.string(s, exprStart, i)
        }
        var conversion: Conversion?
        if s[i] == 0x21 {
            i += 1
            if i >= end { throw errorAtLastToken("f-string: expecting '}'") }
            let c = s[i]
            i += 1
            switch c {
            case 0x73: conversion = .str
            case 0x72: conversion = .repr
            case 0x61: conversion = .ascii
            default: throw errorAtLastToken("f-string: invalid conversion character: expected 's', 'r', or 'a'")
            }
        }
        if i >= end { throw errorAtLastToken("f-string: expecting '}'") }
        var spec: Expr?
        if s[i] == 0x3A {
            i += 1
            if i >= end { throw errorAtLastToken("f-string: expecting '}'") }
            var specBuilder = FStringBuilder(loc: b.loc)
            specBuilder.tokenLoc = b.tokenLoc
            i = try fstringLiteralAndFields(i, end, raw: raw, recurse: recurse + 1, into: &specBuilder)
            specBuilder.flush(at: b.tokenLoc)
            spec = Expr(.joinedStr(specBuilder.values), b.tokenLoc)
        }
        if i >= end || s[i] != 0x7D { throw errorAtLastToken("f-string: expecting '}'") }
        i += 1
        if let text = debugText {
            b.literal.append(contentsOf: text.unicodeScalars)
            if conversion == nil && spec == nil { conversion = .repr }
        }
        b.append(Expr(.formattedValue(value, conversion: conversion, formatSpec: spec), b.loc))
        return i
    }

    /// Parses the expression of a replacement field, in place, as if it were parenthesized.
    func fstringExpression(_ start: Int, _ end: Int) throws -> Expr {
        if (start..<end).allSatisfy({ isSpace(s[$0]) }) {
            throw errorAtLastToken("f-string: empty expression not allowed")
        }
        var lexer = Lexer(source: source, start: start, end: end)
        let sub = Parser(source: source, lexed: lexer.run(), inFString: true)
        // The braces stand for the parentheses CPython puts around the expression.
        let (line, col) = source.position(of: start - 1)
        let brace = Token(kind: .lpar, level: 1, start: start - 1, end: start, line: line, col: col, endLine: line, endCol: col + 1)
        do {
            return try sub.parenthesized(open: brace, closer: .endMarker)
        } catch let failure as Failure {
            let resolved = sub.resolve(failure)
            // Tokenizer errors keep their plain message; parser errors get the "f-string: " prefix.
            let fromLexer = sub.lexed.error.map { $0 == resolved } ?? false
            throw Failure(error: fstringError(resolved, start: start, end: end, prefix: !fromLexer))
        }
    }

    /// Re-expresses an error inside a replacement field the way CPython 3.11 reports it: against
    /// the text "(expr)", with a "f-string: " prefix.
    func fstringError(_ e: SyntaxError, start: Int, end: Int, prefix: Bool) -> SyntaxError {
        var r = e
        if prefix { r.message = "f-string: " + e.message }
        let (startLine, startCol) = source.position(of: start)
        let wrapped = "(" + Source.string(s, start, end) + ")"
        let lines = wrapped.split(separator: "\n", omittingEmptySubsequences: false)
        let index = e.line - startLine
        if index >= 0 && index < lines.count {
            r.text = String(lines[index]) + "\n"
        }
        if e.line == startLine {
            // Parser errors count bytes, tokenizer errors characters (see Source.byteColumn).
            let shift = prefix ? source.byteColumn(line: startLine, charColumn: startCol) : startCol
            if e.column > 0 { r.column = e.column - shift + 1 }
            if e.endLine == startLine && e.endColumn > 0 { r.endColumn = e.endColumn - shift + 1 }
        }
        return r
    }
}
