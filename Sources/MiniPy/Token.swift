// Token.swift: the tokens the MiniPy lexer produces for the parser.
//
// A token is a small value: its kind, the scalar range it covers in the Source, its start and end
// positions (1-based lines, 0-based character columns) and the bracket nesting level after it (as
// CPython's tokenizer reports it). Names, numbers and strings carry no decoded payload: the parser
// reads their text from the source range, so the lexer never builds strings it does not need.
// INDENT, DEDENT and ENDMARKER have no column of their own (col == -1, as in CPython); for them
// `cursor` records where the tokenizer stood, which CPython uses to place some error carets.

public enum TokenKind: UInt8, Sendable {
    case endMarker, newline, indent, dedent
    case name, number, string
    /// A character that starts no token ('$', '?', '`', a lone '!'); the parser rejects it.
    case errorToken
    /// The lexer stopped on an error here; `Lexer.Output.error` says which.
    case lexError

    // Operators and delimiters.
    case lpar, rpar, lsqb, rsqb, lbrace, rbrace
    case colon, comma, semi, dot, ellipsis, rarrow, at, colonEqual
    case plus, minus, star, slash, doubleSlash, percent, doubleStar
    case vbar, amper, circumflex, tilde, leftShift, rightShift
    case less, greater, equal, eqEqual, notEqual, lessEqual, greaterEqual
    case plusEqual, minEqual, starEqual, slashEqual, doubleSlashEqual, percentEqual, doubleStarEqual
    case atEqual, amperEqual, vbarEqual, circumflexEqual, leftShiftEqual, rightShiftEqual

    // Keywords.
    case kwFalse, kwNone, kwTrue, kwAnd, kwAs, kwAssert, kwAsync, kwAwait, kwBreak, kwClass
    case kwContinue, kwDef, kwDel, kwElif, kwElse, kwExcept, kwFinally, kwFor, kwFrom, kwGlobal
    case kwIf, kwImport, kwIn, kwIs, kwLambda, kwNonlocal, kwNot, kwOr, kwPass, kwRaise
    case kwReturn, kwTry, kwWhile, kwWith, kwYield

    /// Whether this is a reserved word.
    public var isKeyword: Bool { rawValue >= TokenKind.kwFalse.rawValue }

    /// Whether this is an augmented assignment operator (`+=`, `**=`, ...).
    public var isAugAssign: Bool {
        switch self {
        case .plusEqual, .minEqual, .starEqual, .slashEqual, .doubleSlashEqual, .percentEqual,
             .doubleStarEqual, .atEqual, .amperEqual, .vbarEqual, .circumflexEqual, .leftShiftEqual,
             .rightShiftEqual:
            return true
        default:
            return false
        }
    }

    static let keywords: [String: TokenKind] = [
        "False": .kwFalse, "None": .kwNone, "True": .kwTrue, "and": .kwAnd, "as": .kwAs,
        "assert": .kwAssert, "async": .kwAsync, "await": .kwAwait, "break": .kwBreak,
        "class": .kwClass, "continue": .kwContinue, "def": .kwDef, "del": .kwDel, "elif": .kwElif,
        "else": .kwElse, "except": .kwExcept, "finally": .kwFinally, "for": .kwFor, "from": .kwFrom,
        "global": .kwGlobal, "if": .kwIf, "import": .kwImport, "in": .kwIn, "is": .kwIs,
        "lambda": .kwLambda, "nonlocal": .kwNonlocal, "not": .kwNot, "or": .kwOr, "pass": .kwPass,
        "raise": .kwRaise, "return": .kwReturn, "try": .kwTry, "while": .kwWhile, "with": .kwWith,
        "yield": .kwYield,
    ]
}

public struct Token: Sendable {
    public var kind: TokenKind
    /// Bracket nesting level once this token has been read ('(' counts itself, ')' does not).
    public var level: Int32
    /// Scalar offsets into `Source.scalars`: the token is `start..<end`.
    public var start: Int32
    public var end: Int32
    public var line: Int32
    /// 0-based start column in characters; -1 for INDENT, DEDENT and ENDMARKER.
    public var col: Int32
    public var endLine: Int32
    public var endCol: Int32
    /// For col == -1 tokens: CPython's tokenizer cursor column (see the file comment).
    public var cursor: Int32

    public init(kind: TokenKind, level: Int32, start: Int, end: Int, line: Int, col: Int, endLine: Int, endCol: Int, cursor: Int = 0) {
        self.kind = kind
        self.level = level
        self.start = Int32(start)
        self.end = Int32(end)
        self.line = Int32(line)
        self.col = Int32(col)
        self.endLine = Int32(endLine)
        self.endCol = Int32(endCol)
        self.cursor = Int32(cursor)
    }
}
