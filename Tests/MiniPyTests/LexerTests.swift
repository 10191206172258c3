// LexerTests.swift: the MiniPy tokenizer and Source line mapping.
//
// Layout tokens (INDENT/DEDENT/NEWLINE), implicit and explicit line joining, literals, operators,
// positions, and how lexer errors are recorded (immediate vs deferred, unclosed brackets). The
// rendered error messages are checked against CPython 3.11 in ParserErrorTests.swift.

import XCTest
@testable import MiniPy

final class LexerTests: XCTestCase {
    func lex(_ text: String) -> Lexer.Output {
        Lexer.tokenize(Source(text, filename: "prog.py"))
    }

    func kinds(_ text: String) -> [TokenKind] {
        lex(text).tokens.map { $0.kind }
    }

    func texts(_ text: String) -> [String] {
        let source = Source(text)
        return Lexer.tokenize(source).tokens.map { source.text(from: Int($0.start), to: Int($0.end)) }
    }

    // MARK: - Source

    func testSourceLinesAndNewlineNormalisation() {
        let source = Source("\u{FEFF}a = 1\r\nbb\rccc\n\nd", filename: "f.py")
        XCTAssertEqual(source.filename, "f.py")
        XCTAssertEqual(source.lineCount, 5)
        XCTAssertEqual(source.lineText(1), "a = 1")
        XCTAssertEqual(source.lineText(1, includeNewline: true), "a = 1\n")
        XCTAssertEqual(source.lineText(2), "bb")
        XCTAssertEqual(source.lineText(3), "ccc")
        XCTAssertEqual(source.lineText(4), "")
        XCTAssertEqual(source.lineText(5, includeNewline: true), "d")
        XCTAssertEqual(source.lineText(6), "")
        XCTAssertFalse(source.endsWithNewline)
        XCTAssertEqual(source.position(of: 0).line, 1)
        XCTAssertEqual(source.position(of: 7).line, 2)
        XCTAssertEqual(source.position(of: 7).column, 1)
        XCTAssertEqual(source.position(of: 15).line, 5)
    }

    func testTrailingNewlineDoesNotStartALine() {
        XCTAssertEqual(Source("x\n").lineCount, 1)
        XCTAssertEqual(Source("x\n\n").lineCount, 2)
        XCTAssertEqual(Source("").lineCount, 1)
        XCTAssertTrue(Source("x\n").endsWithNewline)
    }

    func testByteColumns() {
        let source = Source("é = 'π'\nabc")
        XCTAssertEqual(source.byteColumn(line: 1, charColumn: 0), 0)
        XCTAssertEqual(source.byteColumn(line: 1, charColumn: 1), 2)
        XCTAssertEqual(source.byteColumn(line: 1, charColumn: 7), 9)
        XCTAssertEqual(source.byteColumn(line: 2, charColumn: 2), 2)
    }

    // MARK: - Layout

    func testSimpleStatement() {
        XCTAssertEqual(kinds("x = 1\n"), [.name, .equal, .number, .newline, .endMarker])
        XCTAssertEqual(kinds(""), [.endMarker])
        XCTAssertEqual(kinds("\n\n# only a comment"), [.endMarker])
    }

    func testIndentAndDedent() {
        XCTAssertEqual(kinds("if a:\n    b\n    if c:\n        d\ne\n"), [
            .kwIf, .name, .colon, .newline, .indent, .name, .newline,
            .kwIf, .name, .colon, .newline, .indent, .name, .newline,
            .dedent, .dedent, .name, .newline, .endMarker,
        ])
    }

    func testBlankAndCommentLinesAreIgnored() {
        XCTAssertEqual(kinds("a\n\n   \n  # comment\n\t\nb # trailing\n"), [.name, .newline, .name, .newline, .endMarker])
        // A comment at an odd indentation inside a block changes nothing.
        XCTAssertEqual(kinds("if a:\n    b\n  # odd\n    c\n"), [
            .kwIf, .name, .colon, .newline, .indent, .name, .newline, .name, .newline, .dedent, .endMarker,
        ])
    }

    func testMissingFinalNewline() {
        XCTAssertEqual(kinds("if a:\n    b"), [.kwIf, .name, .colon, .newline, .indent, .name, .newline, .dedent, .endMarker])
    }

    func testTabsIndentToMultiplesOfEight() {
        XCTAssertEqual(kinds("if a:\n\tb\n\tif c:\n\t\td\n"), [
            .kwIf, .name, .colon, .newline, .indent, .name, .newline,
            .kwIf, .name, .colon, .newline, .indent, .name, .newline, .dedent, .dedent, .endMarker,
        ])
        // Spaces then a tab: column 8 both times, consistently written.
        XCTAssertEqual(kinds("if a:\n  \tb\n  \tc\n"), [
            .kwIf, .name, .colon, .newline, .indent, .name, .newline, .name, .newline, .dedent, .endMarker,
        ])
    }

    func testInconsistentTabsAreTabError() {
        let out = lex("if a:\n\tb\n        c\n")
        XCTAssertEqual(out.tokens.last?.kind, .lexError)
        XCTAssertEqual(out.error?.kind, .tabError)
        XCTAssertEqual(out.error?.message, "inconsistent use of tabs and spaces in indentation")
        XCTAssertEqual(out.error?.line, 3)
        XCTAssertFalse(out.errorIsImmediate)
    }

    func testImplicitLineJoiningInsideBrackets() {
        let out = lex("x = (1,\n  [2,\n\n 3], {4:\n5})\ny\n")
        XCTAssertEqual(out.tokens.map { $0.kind }, [
            .name, .equal, .lpar, .number, .comma, .lsqb, .number, .comma, .number, .rsqb, .comma,
            .lbrace, .number, .colon, .number, .rbrace, .rpar, .newline, .name, .newline, .endMarker,
        ])
        XCTAssertEqual(out.tokens.map { $0.level }, [0, 0, 1, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 1, 0, 0, 0, 0, 0])
    }

    func testBackslashContinuation() {
        XCTAssertEqual(kinds("x = 1 + \\\n    2\n"), [.name, .equal, .number, .plus, .number, .newline, .endMarker])
        XCTAssertEqual(kinds("if a and \\\n  b:\n    pass\n"), [
            .kwIf, .name, .kwAnd, .name, .colon, .newline, .indent, .kwPass, .newline, .dedent, .endMarker,
        ])
    }

    // MARK: - Literals and operators

    func testNumbers() {
        let text = "0x_1F 0o17 0b1010 1_000 1_000.5 .5 1e-9 1E+10 5. 00 0_0 123456789012345678901234567890\n"
        XCTAssertEqual(kinds(text), Array(repeating: .number, count: 12) + [.newline, .endMarker])
        XCTAssertEqual(texts(text).prefix(12), ["0x_1F", "0o17", "0b1010", "1_000", "1_000.5", ".5", "1e-9", "1E+10", "5.", "00", "0_0",
                                                "123456789012345678901234567890"])
    }

    func testNumberFollowedByKeyword() {
        // CPython accepts these (with a SyntaxWarning).
        XCTAssertEqual(kinds("1if x else 2\n"), [.number, .kwIf, .name, .kwElse, .number, .newline, .endMarker])
        XCTAssertEqual(kinds("0o7for\n"), [.number, .kwFor, .newline, .endMarker])
        XCTAssertEqual(kinds("0x1for\n"), [.number, .kwOr, .newline, .endMarker]) // 0x1f, then `or`
        XCTAssertEqual(kinds("1e5and 2\n"), [.number, .kwAnd, .number, .newline, .endMarker])
    }

    func testStringPrefixesAndQuotes() {
        let text = "r'a' b'b' rb'c' BR'd' f'e' Rf'f' u'g' '''h\ni''' \"\"\"j\"\"\" '' \"\" 'k\\'l'\n"
        XCTAssertEqual(kinds(text), Array(repeating: .string, count: 12) + [.newline, .endMarker])
        XCTAssertEqual(texts(text)[7], "'''h\ni'''")
        XCTAssertEqual(texts(text)[11], "'k\\'l'")
        // Not prefixes: names followed by strings.
        XCTAssertEqual(kinds("ub'x' bu'y'\n"), [.name, .string, .name, .string, .newline, .endMarker])
    }

    func testOperators() {
        let text = "( ) [ ] { } : , ; . ... -> @ := + - * / // % ** | & ^ ~ << >> < > = == != <= >= += -= *= /= //= %= **= @= &= |= ^= <<= >>=\n"
        XCTAssertEqual(kinds(text), [
            .lpar, .rpar, .lsqb, .rsqb, .lbrace, .rbrace, .colon, .comma, .semi, .dot, .ellipsis, .rarrow, .at,
            .colonEqual, .plus, .minus, .star, .slash, .doubleSlash, .percent, .doubleStar, .vbar, .amper,
            .circumflex, .tilde, .leftShift, .rightShift, .less, .greater, .equal, .eqEqual, .notEqual,
            .lessEqual, .greaterEqual, .plusEqual, .minEqual, .starEqual, .slashEqual, .doubleSlashEqual,
            .percentEqual, .doubleStarEqual, .atEqual, .amperEqual, .vbarEqual, .circumflexEqual,
            .leftShiftEqual, .rightShiftEqual, .newline, .endMarker,
        ])
    }

    func testKeywordsAndNames() {
        let words = "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield"
        let k = kinds(words + "\n")
        XCTAssertEqual(k.count, 37)
        XCTAssertTrue(k.dropLast(2).allSatisfy { $0.isKeyword })
        XCTAssertEqual(kinds("match case _ print Ifx iff é π_1\n"), Array(repeating: .name, count: 8) + [.newline, .endMarker])
    }

    func testStrayCharactersBecomeErrorTokens() {
        XCTAssertEqual(kinds("x = $ ? ` !\n"), [.name, .equal, .errorToken, .errorToken, .errorToken, .errorToken, .newline, .endMarker])
    }

    // MARK: - Positions

    func testTokenPositions() {
        let out = lex("x = foo(1)\n  # c\nif y:\n    z\n")
        let t = out.tokens
        XCTAssertEqual(t[3].kind, .lpar)
        XCTAssertEqual([t[3].line, t[3].col, t[3].endLine, t[3].endCol], [1, 7, 1, 8])
        XCTAssertEqual(t[2].kind, .name)
        XCTAssertEqual([t[2].col, t[2].endCol], [4, 7])
        // NEWLINE is zero-width at the newline character.
        XCTAssertEqual(t[6].kind, .newline)
        XCTAssertEqual([t[6].line, t[6].col, t[6].endCol], [1, 10, 10])
        XCTAssertEqual(t[7].kind, .kwIf)
        XCTAssertEqual(t[7].line, 3)
        // INDENT has no column; its cursor is the indentation width.
        let indent = t.first { $0.kind == .indent }!
        XCTAssertEqual([indent.line, indent.col, indent.cursor], [4, -1, 4])
        XCTAssertEqual(t.last!.kind, .endMarker)
        XCTAssertEqual(t.last!.line, 4)
    }

    func testMultilineStringPositions() {
        let t = lex("s = '''a\nbc'''\nt\n").tokens
        XCTAssertEqual(t[2].kind, .string)
        XCTAssertEqual([t[2].line, t[2].col, t[2].endLine, t[2].endCol], [1, 4, 2, 5])
        XCTAssertEqual(t[3].kind, .newline)
        XCTAssertEqual(t[3].line, 2)
        XCTAssertEqual(t[4].line, 3)
    }

    func testColumnsCountCharacters() {
        let t = lex("é = 'πx' + b\n").tokens
        XCTAssertEqual([t[2].col, t[2].endCol], [4, 8])
        XCTAssertEqual([t[4].col, t[4].endCol], [11, 12])
    }

    // MARK: - Errors

    func testImmediateErrorStopsTheLexer() {
        let out = lex("x = 'abc\ny = 2\n")
        XCTAssertEqual(out.tokens.map { $0.kind }, [.name, .equal, .lexError])
        XCTAssertTrue(out.errorIsImmediate)
        XCTAssertEqual(out.error?.message, "unterminated string literal (detected at line 1)")
        XCTAssertEqual(out.error?.line, 1)
        XCTAssertEqual(out.error?.column, 5)
    }

    func testNumberErrors() {
        let cases: [(String, String, Int)] = [
            ("x = 1abc\n", "invalid decimal literal", 5),
            ("x = 0x\n", "invalid hexadecimal literal", 6),
            ("x = 0b12\n", "invalid digit '2' in binary literal", 8),
            ("x = 0o8\n", "invalid digit '8' in octal literal", 7),
            ("x = 1__0\n", "invalid decimal literal", 6),
            ("x = 1_\n", "invalid decimal literal", 6),
            ("x = 1e+\n", "invalid decimal literal", 7),
            ("x = 012\n", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 5),
        ]
        for (text, message, column) in cases {
            let out = lex(text)
            XCTAssertEqual(out.error?.message, message, text)
            XCTAssertEqual(out.error?.column, column, text)
            XCTAssertTrue(out.errorIsImmediate, text)
        }
    }

    func testBracketErrors() {
        XCTAssertEqual(lex("x = )\n").error?.message, "unmatched ')'")
        XCTAssertEqual(lex("x = (]\n").error?.message, "closing parenthesis ']' does not match opening parenthesis '('")
        XCTAssertEqual(lex("x = [\n)\n").error?.message, "closing parenthesis ')' does not match opening parenthesis '[' on line 1")
        let deep = lex("x = " + String(repeating: "(", count: 201) + "\n")
        XCTAssertEqual(deep.error?.message, "too many nested parentheses")
    }

    func testUnclosedBracketIsRecordedAtEndOfFile() {
        let out = lex("x = [1,\n  (2,\n")
        XCTAssertNil(out.error)
        let last = out.tokens.count - 1
        XCTAssertEqual(out.tokens[last].kind, .endMarker)
        XCTAssertEqual(out.openBrackets[last], Lexer.OpenBracket(char: 0x28, line: 2, col: 2))
    }

    func testDeferredLayoutErrors() {
        let dedent = lex("if x:\n    y\n  z\n")
        XCTAssertEqual(dedent.error?.kind, .indentationError)
        XCTAssertEqual(dedent.error?.message, "unindent does not match any outer indentation level")
        XCTAssertFalse(dedent.errorIsImmediate)
        let continuation = lex("x = 1 \\ 2\n")
        XCTAssertEqual(continuation.error?.message, "unexpected character after line continuation character")
        XCTAssertFalse(continuation.errorIsImmediate)
        let eof = lex("x = 1 + \\")
        XCTAssertEqual(eof.error?.message, "unexpected EOF while parsing")
    }

    func testInvalidCharacters() {
        XCTAssertEqual(lex("x = €\n").error?.message, "invalid character '€' (U+20AC)")
        XCTAssertEqual(lex("x = \u{7}\n").error?.message, "invalid non-printable character U+0007")
        XCTAssertEqual(lex("a€ = 1\n").error?.message, "invalid character '€' (U+20AC)")
    }

    func testFieldLexerReadsARangeAsIfParenthesized() {
        let source = Source("f'{a +\n b}'\n")
        var lexer = Lexer(source: source, start: 3, end: 9)
        let out = lexer.run()
        XCTAssertEqual(out.tokens.map { $0.kind }, [.name, .plus, .name, .endMarker])
        XCTAssertEqual(out.tokens.map { $0.level }, [1, 1, 1, 1])
        XCTAssertEqual([out.tokens[2].line, out.tokens[2].col], [2, 1])
        // The end stands where CPython's sub-parser sees the closing ')'.
        XCTAssertEqual([out.tokens[3].line, out.tokens[3].col, out.tokens[3].endCol], [2, 2, 3])
    }
}
