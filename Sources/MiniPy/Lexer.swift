// Lexer.swift: turns MiniPy source into tokens, following CPython 3.11's tokenizer rules.
//
// The lexer runs over the Source's scalar array in one pass and returns the whole token list, which
// the parser then indexes freely. It implements Python's layout rules (INDENT/DEDENT from a stack of
// indentation columns, tabs to multiples of 8 and a tab-size-1 shadow column for TabError, implicit
// line joining inside brackets, backslash continuation, blank and comment-only lines ignored), numbers
// with underscores and CPython's literal checks, and string literals with every prefix (their contents
// are decoded later by StringLiterals.swift). f-strings are single STRING tokens, as in 3.11.
//
// Errors come in the two flavours CPython has, because they surface differently:
//  - "immediate" errors (unterminated string, bad number, unmatched bracket, invalid character) raise
//    as soon as the tokenizer meets them, and take precedence over a parser error found earlier;
//  - "deferred" errors (bad dedent, TabError, junk after a backslash, EOF after a backslash) are only
//    reported if the parser actually asks for that token.
// Either way the lexer stops, appends a `.lexError` token and records the error in `Output`. A
// character that starts no token ('$', '?') is not an error here: it becomes an `.errorToken` the
// parser rejects with "invalid syntax" (CPython passes them on as operators). EOF inside brackets
// ends with an `.endMarker` whose innermost open bracket is recorded, so the parser can report
// "'(' was never closed".

public struct Lexer {
    /// An opening bracket not yet closed.
    public struct OpenBracket: Sendable, Equatable {
        public var char: UInt32
        public var line: Int
        public var col: Int
    }

    /// What the lexer produces.
    public struct Output: Sendable {
        public var tokens: [Token]
        /// Set when the last token is `.lexError`.
        public var error: SyntaxError?
        /// Whether `error` is raised by CPython as soon as it is tokenized (see the file comment).
        public var errorIsImmediate = false
        /// For `.lexError` and `.endMarker` tokens: the innermost bracket open there.
        public var openBrackets: [Int: OpenBracket] = [:]
    }

    struct Failure: Error {
        var error: SyntaxError
        var immediate: Bool
    }

    static let EOF: UInt32 = 0xFFFF_FFFF

    let source: Source
    let s: [UInt32]
    var pos: Int
    let end: Int
    var line: Int
    var lineStart: Int
    /// Brackets that are implicitly open (1 inside an f-string replacement field).
    let baseLevel: Int
    var tokens: [Token] = []
    var indents: [Int] = [0]
    var altIndents: [Int] = [0]
    var brackets: [OpenBracket] = []
    var atLineStart: Bool
    var blankLine = false
    var lineHasTokens = false
    var openAt: [Int: OpenBracket] = [:]

    /// A lexer for a whole file.
    public init(source: Source) {
        self.source = source
        self.s = source.scalars
        self.pos = 0
        self.end = source.scalars.count
        self.line = 1
        self.lineStart = 0
        self.baseLevel = 0
        self.atLineStart = true
    }

    /// A lexer for `source.scalars[start..<end]` read as if inside brackets (no layout tokens): how
    /// f-string replacement fields are tokenized. Positions stay those of the enclosing file.
    public init(source: Source, start: Int, end: Int) {
        self.source = source
        self.s = source.scalars
        self.pos = start
        self.end = end
        let (l, c) = source.position(of: start)
        self.line = l
        self.lineStart = start - c
        self.baseLevel = 1
        self.atLineStart = false
    }

    /// Tokenizes everything (see `Output`).
    public static func tokenize(_ source: Source) -> Output {
        var lexer = Lexer(source: source)
        return lexer.run()
    }

    public mutating func run() -> Output {
        tokens.reserveCapacity((end - pos) / 3 + 16)
        do {
            try rejectNullBytes()
            try scanAll()
            var out = Output(tokens: tokens)
            out.openBrackets = openAt
            return out
        } catch let failure {
            var errorToken = Token(kind: .lexError, level: level, start: pos, end: pos, line: line,
                                   col: pos - lineStart, endLine: line, endCol: pos - lineStart)
            errorToken.cursor = errorToken.col
            if let innermost = brackets.last { openAt[tokens.count] = innermost }
            tokens.append(errorToken)
            var out = Output(tokens: tokens, error: failure.error, errorIsImmediate: failure.immediate)
            out.openBrackets = openAt
            return out
        }
    }

    var level: Int32 { Int32(brackets.count + baseLevel) }

    /// A NUL anywhere in a file, in a comment or a string literal too, is CPython's "source code
    /// cannot contain null bytes", reported before any other error of the file, on the NUL's line
    /// with the text before it and no caret (offset 0). (The kit used to run NULs in comments and
    /// strings, and to report one elsewhere only when the tokenizer reached it.)
    mutating func rejectNullBytes() throws(Failure) {
        guard baseLevel == 0, let nul = s[pos..<end].firstIndex(of: 0) else { return }
        let (l, c) = source.position(of: nul)
        pos = nul
        line = l
        lineStart = nul - c
        var before = String.UnicodeScalarView()
        for v in s[lineStart..<nul] { if let u = Unicode.Scalar(v) { before.append(u) } }
        let error = SyntaxError(kind: .syntaxError, message: "source code cannot contain null bytes",
                                filename: source.filename, line: l, column: 0, endLine: l, endColumn: 0,
                                text: String(before))
        throw Failure(error: error, immediate: true)
    }

    // MARK: - Main loop

    mutating func scanAll() throws(Failure) {
        while true {
            if atLineStart {
                atLineStart = false
                try indentation()
            }
            while pos < end {
                let c = s[pos]
                if c == 0x20 || c == 0x09 || c == 0x0C { pos += 1 } else { break }
            }
            if pos >= end {
                try finish()
                return
            }
            let start = pos
            let c = s[pos]
            switch c {
            case 0x23: // '#'
                while pos < end && s[pos] != 0x0A { pos += 1 }
            case 0x0A:
                pos += 1
                if brackets.count + baseLevel > 0 || blankLine || !lineHasTokens {
                    if brackets.count + baseLevel == 0 { atLineStart = true }
                    blankLine = false
                    line += 1
                    lineStart = pos
                    continue
                }
                emit(.newline, start, start)
                lineHasTokens = false
                line += 1
                lineStart = pos
                atLineStart = true
            case 0x5C: // '\\'
                try continuation()
            case 0x22, 0x27: // quotes
                try scanString(tokenStart: start)
            case 0x30...0x39:
                try scanNumber()
            case 0x2E: // '.'
                if pos + 1 < end && isDigit(s[pos + 1]) {
                    try scanNumber()
                } else if pos + 2 < end && s[pos + 1] == 0x2E && s[pos + 2] == 0x2E {
                    pos += 3
                    emit(.ellipsis, start, pos)
                } else {
                    pos += 1
                    emit(.dot, start, pos)
                }
            default:
                if isIdentifierStart(c) {
                    try scanName()
                } else {
                    try scanOperator()
                }
            }
        }
    }

    @inline(__always) func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    @inline(__always) func isIdentifierStart(_ c: UInt32) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c >= 0x80
    }

    @inline(__always) func isIdentifierChar(_ c: UInt32) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || isDigit(c) || (c >= 0x80 && c != Lexer.EOF)
    }

    mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
        tokens.append(Token(kind: kind, level: level, start: start, end: end, line: line,
                            col: start - lineStart, endLine: line, endCol: end - lineStart))
        if kind != .newline { lineHasTokens = true }
    }

    /// INDENT/DEDENT/ENDMARKER: no column of their own.
    mutating func emitLayout(_ kind: TokenKind, line: Int, cursor: Int) {
        tokens.append(Token(kind: kind, level: level, start: pos, end: pos, line: line, col: -1,
                            endLine: line, endCol: -1, cursor: cursor))
    }

    // MARK: - Layout

    mutating func indentation() throws(Failure) {
        var col = 0, altcol = 0
        // A backslash continuation inside the indentation: the column where the first one stood
        // is the line's indentation (CPython 3.11).
        var continuationCol = 0
        while pos < end {
            let c = s[pos]
            if c == 0x20 {
                col += 1; altcol += 1
            } else if c == 0x09 {
                col = (col / 8 + 1) * 8
                altcol += 1
            } else if c == 0x0C {
                col = 0; altcol = 0
            } else if c == 0x5C {
                if continuationCol == 0 { continuationCol = col }
                try continuation()
                continue
            } else {
                break
            }
            pos += 1
        }
        if continuationCol != 0 {
            col = continuationCol
            altcol = continuationCol
        }
        let c = pos < end ? s[pos] : Lexer.EOF
        if c == 0x23 || c == 0x0A || c == Lexer.EOF {
            blankLine = true
            return
        }
        blankLine = false
        let cursor = pos - lineStart
        if col == indents.last! {
            if altcol != altIndents.last! { throw tabError() }
        } else if col > indents.last! {
            if indents.count >= 100 {
                throw Failure(error: makeError(.indentationError, "too many levels of indentation", line: line, column: 1, endColumn: 0), immediate: false)
            }
            if altcol <= altIndents.last! { throw tabError() }
            indents.append(col)
            altIndents.append(altcol)
            emitLayout(.indent, line: line, cursor: cursor)
        } else {
            var depth = indents.count
            while depth > 1 && col < indents[depth - 1] { depth -= 1 }
            if col != indents[depth - 1] {
                // Reported before any of the DEDENTs, as CPython's tokenizer does.
                let length = source.byteColumn(line: line, charColumn: source.lineEnd(line) - lineStart)
                throw Failure(error: makeError(.indentationError, "unindent does not match any outer indentation level",
                                               line: line, column: length + 1, endColumn: -1), immediate: false)
            }
            while indents.count > depth {
                indents.removeLast()
                altIndents.removeLast()
                emitLayout(.dedent, line: line, cursor: cursor)
            }
            if altcol != altIndents.last! { throw tabError() }
        }
    }

    func tabError() -> Failure {
        Failure(error: makeError(.tabError, "inconsistent use of tabs and spaces in indentation", line: line, column: 1, endColumn: 0),
                immediate: false)
    }

    /// Where CPython's tokenizer cursor stands at end of file (see Token.cursor): reading a file, it
    /// has moved past the last line.
    let eofCursor = 0

    /// The column CPython reports for "unexpected EOF" after a final backslash: past the end of a
    /// last line without newline, else 0.
    var backslashEOFColumn: Int {
        if source.scalars.isEmpty || source.endsWithNewline { return 0 }
        let last = source.lineCount
        return source.byteColumn(line: last, charColumn: source.lineEnd(last) - source.lineStarts[last - 1]) + 1
    }

    mutating func finish() throws(Failure) {
        let eofLine = baseLevel > 0 ? line : source.lineCount
        if baseLevel > 0 {
            // The end of an f-string field stands where CPython's sub-parser sees its closing ')'.
            tokens.append(Token(kind: .endMarker, level: level, start: pos, end: pos, line: line,
                                col: pos - lineStart, endLine: line, endCol: pos - lineStart + 1))
            return
        }
        if brackets.count > 0 {
            if let innermost = brackets.last { openAt[tokens.count] = innermost }
            emitLayout(.endMarker, line: eofLine, cursor: eofCursor)
            return
        }
        if lineHasTokens {
            emit(.newline, pos, pos)
            lineHasTokens = false
        }
        let cursor = eofCursor
        while indents.count > 1 {
            indents.removeLast()
            emitLayout(.dedent, line: eofLine, cursor: cursor)
        }
        emitLayout(.endMarker, line: eofLine, cursor: cursor)
    }

    mutating func continuation() throws(Failure) {
        // At a backslash: it must be followed by a newline.
        let backslash = pos
        if pos + 1 < end && s[pos + 1] == 0x0A {
            pos += 2
            line += 1
            lineStart = pos
            if pos >= end { throw eofError() }
            return
        }
        if pos + 1 >= end { throw eofError() }
        let col = source.byteColumn(line: line, charColumn: backslash - lineStart)
        throw Failure(error: makeError(.syntaxError, "unexpected character after line continuation character",
                                       line: line, column: col + 2, endColumn: 0), immediate: false)
    }

    /// End of file right after a backslash continuation.
    func eofError() -> Failure {
        if let open = brackets.last {
            return Failure(error: Lexer.unclosedError(open, source: source), immediate: false)
        }
        let last = source.lineCount
        return Failure(error: makeError(.syntaxError, "unexpected EOF while parsing", line: last, column: backslashEOFColumn, endColumn: -1),
                       immediate: false)
    }

    /// "'(' was never closed", reported at the bracket.
    public static func unclosedError(_ open: OpenBracket, source: Source) -> SyntaxError {
        SyntaxError(kind: .syntaxError, message: "'\(String(UnicodeScalar(open.char)!))' was never closed",
                    filename: source.filename, line: open.line,
                    column: source.byteColumn(line: open.line, charColumn: open.col) + 1, endLine: open.line,
                    endColumn: 0, text: source.lineText(open.line, includeNewline: true))
    }

    func makeError(_ kind: SyntaxError.Kind, _ message: String, line: Int, column: Int, endColumn: Int) -> SyntaxError {
        SyntaxError(kind: kind, message: message, filename: source.filename, line: line, column: column,
                    endLine: line, endColumn: endColumn, text: source.lineText(line, includeNewline: true))
    }

    /// An immediate error located at the cursor (`offset` = cursor column, as CPython's tokenizer does).
    func errorAtCursor(_ message: String) -> Failure {
        let col = pos - lineStart
        return Failure(error: makeError(.syntaxError, message, line: line, column: col, endColumn: col), immediate: true)
    }

    // MARK: - Names

    static let keywordTable: [UInt64: TokenKind] = {
        var table: [UInt64: TokenKind] = [:]
        for (word, kind) in TokenKind.keywords {
            var key: UInt64 = 0
            for b in word.utf8 { key = key << 8 | UInt64(b) }
            table[key] = kind
        }
        return table
    }()

    mutating func scanName() throws(Failure) {
        let start = pos
        var nonASCII = false
        while pos < end && isIdentifierChar(s[pos]) {
            if s[pos] >= 0x80 { nonASCII = true }
            pos += 1
        }
        // String prefixes: r, u, b, f and the two-letter combinations of r with b or f.
        if pos < end && (s[pos] == 0x22 || s[pos] == 0x27) && pos - start <= 2 {
            var sawB = false, sawR = false, sawU = false, sawF = false, ok = true
            for i in start..<pos {
                switch s[i] | 0x20 {
                case 0x62: if sawB || sawU || sawF { ok = false }; sawB = true
                case 0x72: if sawR || sawU { ok = false }; sawR = true
                case 0x75: if sawU || sawB || sawR || sawF || pos - start > 1 { ok = false }; sawU = true
                case 0x66: if sawF || sawB || sawU { ok = false }; sawF = true
                default: ok = false
                }
            }
            if ok {
                try scanString(tokenStart: start)
                return
            }
        }
        if nonASCII {
            for i in start..<pos where s[i] >= 0x80 {
                let props = Unicode.Scalar(s[i])!.properties
                if i == start ? !props.isXIDStart : !props.isXIDContinue {
                    pos = i + 1
                    let col = pos - lineStart
                    throw Failure(error: makeError(.syntaxError, Lexer.invalidCharacterMessage(s[i]), line: line, column: col, endColumn: col),
                                  immediate: true)
                }
            }
            emit(.name, start, pos)
            return
        }
        if pos - start <= 8 {
            var key: UInt64 = 0
            for i in start..<pos { key = key << 8 | UInt64(s[i]) }
            if let kw = Lexer.keywordTable[key] {
                emit(kw, start, pos)
                return
            }
        }
        emit(.name, start, pos)
    }

    static func invalidCharacterMessage(_ c: UInt32) -> String {
        var hex = String(c, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        if isPrintable(c) {
            return "invalid character '\(String(UnicodeScalar(c)!))' (U+\(hex))"
        }
        return "invalid non-printable character U+\(hex)"
    }

    /// Python's str.isprintable for one character.
    static func isPrintable(_ c: UInt32) -> Bool {
        if c == 0x20 { return true }
        guard let u = Unicode.Scalar(c) else { return false }
        switch u.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    // MARK: - Strings

    /// Scans a string literal whose prefix (if any) starts at `tokenStart`; `pos` is at the quote.
    mutating func scanString(tokenStart: Int) throws(Failure) {
        let startLine = line, startLineStart = lineStart
        let quote = s[pos]
        var quoteSize = 1
        if pos + 2 < end && s[pos + 1] == quote && s[pos + 2] == quote {
            quoteSize = 3
            pos += 3
        } else {
            pos += 1
        }
        var closing = 0
        while closing != quoteSize {
            if pos >= end {
                throw unterminated(tokenStart, startLine, startLineStart, quoteSize, detectedAt: baseLevel > 0 ? line : source.lineCount)
            }
            let c = s[pos]
            pos += 1
            if c == quote {
                closing += 1
                continue
            }
            closing = 0
            if c == 0x0A {
                if quoteSize == 1 {
                    throw unterminated(tokenStart, startLine, startLineStart, quoteSize, detectedAt: line)
                }
                line += 1
                lineStart = pos
            } else if c == 0x5C && pos < end {
                let n = s[pos]
                pos += 1
                if n == 0x0A {
                    line += 1
                    lineStart = pos
                }
            }
        }
        tokens.append(Token(kind: .string, level: level, start: tokenStart, end: pos, line: startLine,
                            col: tokenStart - startLineStart, endLine: line, endCol: pos - lineStart))
        lineHasTokens = true
    }

    func unterminated(_ start: Int, _ startLine: Int, _ startLineStart: Int, _ quoteSize: Int, detectedAt: Int) -> Failure {
        let message = quoteSize == 3
            ? "unterminated triple-quoted string literal (detected at line \(detectedAt))"
            : "unterminated string literal (detected at line \(detectedAt))"
        let col = start - startLineStart + 1
        return Failure(error: makeError(.syntaxError, message, line: startLine, column: col, endColumn: col), immediate: true)
    }

    // MARK: - Numbers

    @inline(__always) mutating func nextc() -> UInt32 {
        if pos < end {
            let c = s[pos]
            pos += 1
            return c
        }
        return Lexer.EOF
    }

    @inline(__always) mutating func backup(_ c: UInt32) {
        if c != Lexer.EOF { pos -= 1 }
    }

    func isHex(_ c: UInt32) -> Bool {
        isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
    }

    /// Digits with single underscores between them; returns the first character after them (consumed).
    mutating func decimalTail() throws(Failure) -> UInt32 {
        var c: UInt32
        while true {
            repeat { c = nextc() } while isDigit(c)
            if c != 0x5F { break }
            c = nextc()
            if !isDigit(c) {
                backup(c)
                throw errorAtCursor("invalid decimal literal")
            }
        }
        return c
    }

    /// CPython accepts a literal directly followed by some keywords ("1if x else y"), with a warning.
    mutating func verifyEndOfNumber(_ c: UInt32, _ kind: String) throws(Failure) {
        // The rest of the keyword must follow, and end there ("1else" but not "1else6").
        func ahead(_ word: String) -> Bool {
            var i = pos
            for b in word.utf8 {
                if i >= end || s[i] != UInt32(b) { return false }
                i += 1
            }
            return i >= end || !isIdentifierChar(s[i])
        }
        var keywordFollows = false
        switch c {
        case 0x61: keywordFollows = ahead("nd")
        case 0x65: keywordFollows = ahead("lse")
        case 0x66: keywordFollows = ahead("or")
        case 0x69: keywordFollows = pos < end && (s[pos] == 0x66 || s[pos] == 0x6E || s[pos] == 0x73)
        case 0x6F: keywordFollows = ahead("r")
        case 0x6E: keywordFollows = ahead("ot")
        default: break
        }
        if keywordFollows { return }
        if isIdentifierChar(c) {
            backup(c)
            throw errorAtCursor("invalid \(kind) literal")
        }
    }

    mutating func scanNumber() throws(Failure) {
        let start = pos
        var c = nextc()
        enum Next { case fraction, exponent, imaginary, done }
        var next = Next.done
        if c == 0x2E {
            c = nextc()
            next = .fraction
        } else if c == 0x30 {
            c = nextc()
            if c == 0x78 || c == 0x58 {
                c = nextc()
                repeat {
                    if c == 0x5F { c = nextc() }
                    if !isHex(c) {
                        backup(c)
                        throw errorAtCursor("invalid hexadecimal literal")
                    }
                    repeat { c = nextc() } while isHex(c)
                } while c == 0x5F
                try verifyEndOfNumber(c, "hexadecimal")
                backup(c)
                emit(.number, start, pos)
                return
            } else if c == 0x6F || c == 0x4F || c == 0x62 || c == 0x42 {
                let octal = c == 0x6F || c == 0x4F
                let kind = octal ? "octal" : "binary"
                let limit: UInt32 = octal ? 0x38 : 0x32
                c = nextc()
                repeat {
                    if c == 0x5F { c = nextc() }
                    if c < 0x30 || c >= limit {
                        if isDigit(c) { throw errorAtCursor("invalid digit '\(String(UnicodeScalar(c)!))' in \(kind) literal") }
                        backup(c)
                        throw errorAtCursor("invalid \(kind) literal")
                    }
                    repeat { c = nextc() } while c >= 0x30 && c < limit
                } while c == 0x5F
                if isDigit(c) { throw errorAtCursor("invalid digit '\(String(UnicodeScalar(c)!))' in \(kind) literal") }
                try verifyEndOfNumber(c, kind)
                backup(c)
                emit(.number, start, pos)
                return
            } else {
                var nonzero = false
                while true {
                    if c == 0x5F {
                        c = nextc()
                        if !isDigit(c) {
                            backup(c)
                            throw errorAtCursor("invalid decimal literal")
                        }
                    }
                    if c != 0x30 { break }
                    c = nextc()
                }
                let zerosEnd = pos
                if isDigit(c) {
                    nonzero = true
                    c = try decimalTail()
                }
                if c == 0x2E {
                    c = nextc()
                    next = .fraction
                } else if c == 0x65 || c == 0x45 {
                    next = .exponent
                } else if c == 0x6A || c == 0x4A {
                    next = .imaginary
                } else if nonzero {
                    backup(c)
                    let col = start - lineStart + 1
                    throw Failure(error: makeError(.syntaxError, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                                                   line: line, column: col, endColumn: zerosEnd - lineStart), immediate: true)
                } else {
                    try verifyEndOfNumber(c, "decimal")
                    backup(c)
                    emit(.number, start, pos)
                    return
                }
            }
        } else {
            c = try decimalTail()
            if c == 0x2E {
                c = nextc()
                next = .fraction
            } else if c == 0x65 || c == 0x45 {
                next = .exponent
            } else if c == 0x6A || c == 0x4A {
                next = .imaginary
            }
        }
        if next == .fraction {
            if isDigit(c) { c = try decimalTail() }
            if c == 0x65 || c == 0x45 { next = .exponent } else if c == 0x6A || c == 0x4A { next = .imaginary }
        }
        if next == .exponent {
            let e = c
            c = nextc()
            if c == 0x2B || c == 0x2D {
                c = nextc()
                if !isDigit(c) {
                    backup(c)
                    throw errorAtCursor("invalid decimal literal")
                }
            } else if !isDigit(c) {
                backup(c)
                try verifyEndOfNumber(e, "decimal")
                backup(e)
                emit(.number, start, pos)
                return
            }
            c = try decimalTail()
            if c == 0x6A || c == 0x4A { next = .imaginary }
        }
        if next == .imaginary {
            c = nextc()
            try verifyEndOfNumber(c, "imaginary")
        } else {
            try verifyEndOfNumber(c, "decimal")
        }
        backup(c)
        emit(.number, start, pos)
    }

    // MARK: - Operators

    mutating func scanOperator() throws(Failure) {
        let start = pos
        let c = s[pos]
        let c1 = pos + 1 < end ? s[pos + 1] : Lexer.EOF
        let c2 = pos + 2 < end ? s[pos + 2] : Lexer.EOF
        var kind: TokenKind
        var length = 1
        switch c {
        case 0x28, 0x5B, 0x7B: // ( [ {
            if brackets.count >= 200 {
                pos += 1
                throw errorAtCursor("too many nested parentheses")
            }
            brackets.append(OpenBracket(char: c, line: line, col: pos - lineStart))
            kind = c == 0x28 ? .lpar : (c == 0x5B ? .lsqb : .lbrace)
        case 0x29, 0x5D, 0x7D: // ) ] }
            pos += 1
            guard let open = brackets.last else {
                throw errorAtCursor("unmatched '\(String(UnicodeScalar(c)!))'")
            }
            let expected: UInt32 = open.char == 0x28 ? 0x29 : (open.char == 0x5B ? 0x5D : 0x7D)
            if c != expected {
                var message = "closing parenthesis '\(String(UnicodeScalar(c)!))' does not match opening parenthesis '\(String(UnicodeScalar(open.char)!))'"
                if open.line != line { message += " on line \(open.line)" }
                throw errorAtCursor(message)
            }
            pos -= 1
            brackets.removeLast()
            kind = c == 0x29 ? .rpar : (c == 0x5D ? .rsqb : .rbrace)
        case 0x3A: // :
            if c1 == 0x3D { kind = .colonEqual; length = 2 } else { kind = .colon }
        case 0x2C: kind = .comma
        case 0x3B: kind = .semi
        case 0x2B: if c1 == 0x3D { kind = .plusEqual; length = 2 } else { kind = .plus }
        case 0x2D:
            if c1 == 0x3D { kind = .minEqual; length = 2 } else if c1 == 0x3E { kind = .rarrow; length = 2 } else { kind = .minus }
        case 0x2A:
            if c1 == 0x2A {
                if c2 == 0x3D { kind = .doubleStarEqual; length = 3 } else { kind = .doubleStar; length = 2 }
            } else if c1 == 0x3D { kind = .starEqual; length = 2 } else { kind = .star }
        case 0x2F:
            if c1 == 0x2F {
                if c2 == 0x3D { kind = .doubleSlashEqual; length = 3 } else { kind = .doubleSlash; length = 2 }
            } else if c1 == 0x3D { kind = .slashEqual; length = 2 } else { kind = .slash }
        case 0x25: if c1 == 0x3D { kind = .percentEqual; length = 2 } else { kind = .percent }
        case 0x40: if c1 == 0x3D { kind = .atEqual; length = 2 } else { kind = .at }
        case 0x26: if c1 == 0x3D { kind = .amperEqual; length = 2 } else { kind = .amper }
        case 0x7C: if c1 == 0x3D { kind = .vbarEqual; length = 2 } else { kind = .vbar }
        case 0x5E: if c1 == 0x3D { kind = .circumflexEqual; length = 2 } else { kind = .circumflex }
        case 0x7E: kind = .tilde
        case 0x3C:
            if c1 == 0x3C {
                if c2 == 0x3D { kind = .leftShiftEqual; length = 3 } else { kind = .leftShift; length = 2 }
            } else if c1 == 0x3D { kind = .lessEqual; length = 2 } else { kind = .less }
        case 0x3E:
            if c1 == 0x3E {
                if c2 == 0x3D { kind = .rightShiftEqual; length = 3 } else { kind = .rightShift; length = 2 }
            } else if c1 == 0x3D { kind = .greaterEqual; length = 2 } else { kind = .greater }
        case 0x3D: if c1 == 0x3D { kind = .eqEqual; length = 2 } else { kind = .equal }
        case 0x21: if c1 == 0x3D { kind = .notEqual; length = 2 } else { kind = .errorToken }
        case 0x00:
            pos += 1
            throw errorAtCursor("source code cannot contain null bytes")
        default:
            if c < 0x80 && Lexer.isPrintable(c) {
                kind = .errorToken
            } else {
                pos += 1
                throw errorAtCursor(Lexer.invalidCharacterMessage(c))
            }
        }
        pos += length
        emit(kind, start, pos)
    }
}
