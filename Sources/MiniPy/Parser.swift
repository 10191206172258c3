// Parser.swift: the MiniPy parser's entry points, token plumbing, error resolution and statements.
//
// A hand-written recursive-descent parser over the lexer's token array, following the shape of
// CPython 3.11's PEG grammar. The pieces live in several files:
//   Parser.swift            entry points, token access, CPython's error-selection rules, statements
//   ParserExpressions.swift expressions, displays, comprehensions, call arguments, parameters
//   ParserDiagnostics.swift assignment-target checks and the "did you mean" messages that CPython's
//                           second ("invalid_*") parsing pass produces
//   StringLiterals.swift    string/bytes escapes, implicit concatenation and f-strings
//   SyntaxChecks.swift      the errors CPython only reports after parsing (run by parseModule)
//
// Errors: parse functions throw `Parser.Failure`, either a specific SyntaxError or "generic" (plain
// "invalid syntax" at the furthest token looked at, like CPython's first pass). `resolve` then applies
// CPython's precedence rules: a lexer error already reached wins; an INDENT there means "unexpected
// indent"; EOF inside brackets means "'(' was never closed"; and the rest of the file is checked for
// an immediate tokenizer error or an earlier unclosed bracket, which take priority.

public final class Parser {
    /// A parse failure: a specific error, or `nil` for a generic "invalid syntax".
    struct Failure: Error {
        var error: SyntaxError?
    }

    let source: Source
    let s: [UInt32]
    let lexed: Lexer.Output
    let tokens: [Token]
    /// Whether this parser reads an f-string replacement field (errors are reported by the caller).
    let inFString: Bool
    var p = 0
    /// The furthest token looked at, as CPython's first parsing pass would have read it.
    var furthest = 0
    /// The furthest token ever looked at, speculation included: reading the final token when it
    /// is a lexer error or EOF inside brackets raises that error at once, as in CPython.
    var fetched = 0
    /// The last token consumed (for end positions).
    var last: Token
    /// > 0 while parsing speculatively: the checks that build CPython's friendlier messages are off.
    var speculating = 0
    /// Current expression nesting, bounded so that absurd inputs (`- - - ... 1`) cannot exhaust
    /// the stack (CPython's parser gives up similarly, with a MemoryError).
    var nesting = 0
    static let maxNesting = 1000
    /// The deepest expression tree (Expr.height) and the longest chain of nested `if`/`elif`
    /// statements the parser builds. Deeper input gets CPython's "RecursionError: maximum
    /// recursion depth exceeded during compilation" (CPython's compiler passes stop near 3000 levels
    /// too), so the passes after the parser never recurse without bound.
    static let maxDepth: Int32 = 2990
    /// Nested `if`/`elif` clauses on the way to the statement being parsed.
    var statementDepth: Int32 = 0

    init(source: Source, lexed: Lexer.Output, inFString: Bool = false) {
        self.source = source
        self.s = source.scalars
        self.lexed = lexed
        self.tokens = lexed.tokens
        self.inFString = inFString
        self.last = lexed.tokens[0]
    }

    // MARK: - Entry points

    /// Parses a whole file. Throws `SyntaxError`.
    public static func parseModule(_ source: Source) throws -> Module {
        let parser = Parser(source: source, lexed: Lexer.tokenize(source))
        let body: [Stmt]
        do {
            body = try parser.fileBody()
        } catch let failure as Failure {
            throw parser.resolve(failure)
        }
        try SyntaxChecks.check(body, source: source)
        return Module(body: body, source: source)
    }

    /// Parses a whole file given as text. Throws `SyntaxError`.
    public static func parseModule(_ text: String, filename: String = "<string>") throws -> Module {
        try parseModule(Source(text, filename: filename))
    }

    /// Parses a single expression (what `eval()` accepts: star expressions, then only newlines).
    public static func parseExpression(_ text: String, filename: String = "<string>") throws -> Expr {
        let source = Source(text, filename: filename)
        let parser = Parser(source: source, lexed: Lexer.tokenize(source))
        do {
            let e = try parser.starExpressions()
            while parser.kind == .newline { parser.advance() }
            if parser.kind != .endMarker { throw Failure(error: nil) }
            return e
        } catch let failure as Failure {
            throw parser.resolve(failure)
        }
    }

    func fileBody() throws -> [Stmt] {
        var body: [Stmt] = []
        while kind != .endMarker {
            try statement(into: &body)
        }
        return body
    }

    // MARK: - Tokens

    @inline(__always) func peek(_ ahead: Int = 0) -> Token {
        var i = p + ahead
        if i >= tokens.count { i = tokens.count - 1 }
        if i > furthest {
            furthest = i
            if i > fetched { fetched = i }
        }
        return tokens[i]
    }

    @inline(__always) var kind: TokenKind { peek().kind }

    @discardableResult @inline(__always) func advance() -> Token {
        let t = peek()
        if p < tokens.count - 1 { p += 1 }
        last = t
        return t
    }

    @inline(__always) func accept(_ k: TokenKind) -> Bool {
        if kind == k {
            advance()
            return true
        }
        return false
    }

    @discardableResult func expect(_ k: TokenKind) throws -> Token {
        if kind == k { return advance() }
        throw Failure(error: nil)
    }

    /// The text of a token (names, numbers).
    func text(_ t: Token) -> String {
        Source.string(s, Int(t.start), Int(t.end))
    }

    func loc(_ t: Token) -> Loc {
        Loc(line: Int(t.line), col: Int(t.col), endLine: Int(t.endLine), endCol: Int(t.endCol))
    }

    /// From the start of `t` to the end of the last consumed token.
    func loc(from t: Token) -> Loc {
        Loc(line: Int(t.line), col: Int(t.col), endLine: Int(last.endLine), endCol: Int(last.endCol))
    }

    /// Runs `body` speculatively: on failure the position is restored and nil returned.
    func attempt<T>(restoreFurthest: Bool = true, _ body: () throws -> T) throws -> T? {
        let saveP = p, saveLast = last, saveFurthest = furthest
        speculating += 1
        defer { speculating -= 1 }
        do {
            return try body()
        } catch let tooDeep as CompileDepthError {
            throw tooDeep
        } catch {
            p = saveP
            last = saveLast
            if restoreFurthest { furthest = saveFurthest }
            return nil
        }
    }

    /// Throws CompileDepthError when `e` is taller than the compiler passes accept.
    @inline(__always) func checkHeight(_ e: Expr) throws -> Expr {
        if e.height > Parser.maxDepth { throw CompileDepthError() }
        return e
    }

    /// Enters one level of expression nesting (pair with `nesting -= 1`).
    @inline(__always) func enterNesting() throws {
        nesting += 1
        if nesting > Parser.maxNesting {
            throw error("too many nested expressions", at: peek())
        }
    }

    // MARK: - Errors

    func lineText(_ line: Int) -> String {
        source.lineText(line, includeNewline: true)
    }

    /// An error over a known range (`offset` = col + 1, like RAISE_SYNTAX_ERROR_KNOWN_LOCATION).
    /// Like CPython 3.11's parser, columns are counted in UTF-8 bytes.
    func error(_ message: String, _ l: Loc, kind: SyntaxError.Kind = .syntaxError) -> Failure {
        Failure(error: SyntaxError(kind: kind, message: message, filename: source.filename, line: l.line,
                                   column: source.byteColumn(line: l.line, charColumn: l.col) + 1, endLine: l.endLine,
                                   endColumn: source.byteColumn(line: l.endLine, charColumn: l.endCol) + 1,
                                   text: lineText(l.line)))
    }

    func error(_ message: String, at t: Token, kind: SyntaxError.Kind = .syntaxError) -> Failure {
        error(message, loc(t), kind: kind)
    }

    /// An error at the furthest token read, placed the way CPython's RAISE_SYNTAX_ERROR does it
    /// (layout tokens have no column: the tokenizer cursor stands in, with no end).
    func errorAtLastToken(_ message: String, kind: SyntaxError.Kind = .syntaxError) -> Failure {
        let t = tokens[furthest]
        let line = Int(t.line)
        let column = t.col == -1 ? Int(t.cursor) : source.byteColumn(line: line, charColumn: Int(t.col)) + 1
        let endColumn = t.endCol == -1 ? -1 : source.byteColumn(line: Int(t.endLine), charColumn: Int(t.endCol)) + 1
        return Failure(error: SyntaxError(kind: kind, message: message, filename: source.filename, line: line,
                                          column: column, endLine: Int(t.endLine), endColumn: endColumn,
                                          text: lineText(line)))
    }

    /// Turns a failure into the SyntaxError CPython would report (see the file comment).
    func resolve(_ failure: Failure) -> SyntaxError {
        var failure = failure
        if failure.error == nil && startsExpression(tokens[furthest].kind) {
            // CPython's second pass tries to read an expression where the first one stopped (to
            // suggest a missing comma). Reading can run into a lexer error, which then wins. A
            // brace display there is read with the friendly-message rules on, and their message
            // replaces "invalid syntax" (`x = 1 {a b}` suggests a comma between a and b).
            if tokens[furthest].kind == .lbrace {
                let saveP = p, saveLast = last, saveFurthest = furthest, saveSpeculating = speculating
                p = furthest
                speculating = 0
                do {
                    _ = try expression()
                } catch let inner as Failure {
                    if inner.error != nil { failure = inner }
                } catch {}
                p = saveP
                last = saveLast
                furthest = saveFurthest
                speculating = saveSpeculating
            } else {
                _ = probe(at: furthest) { try self.expression() }
            }
        }
        let lastIndex = tokens.count - 1
        if fetched >= lastIndex {
            if tokens[lastIndex].kind == .lexError, let e = lexed.error { return e }
            if let open = lexed.openBrackets[lastIndex], tokens[lastIndex].kind == .endMarker {
                return Lexer.unclosedError(open, source: source)
            }
        }
        let f = tokens[furthest]
        let err: SyntaxError
        if let specific = failure.error {
            if inFString { return specific }
            err = specific
        } else {
            switch f.kind {
            case .indent:
                return errorAtLastToken("unexpected indent", kind: .indentationError).error!
            case .dedent:
                return errorAtLastToken("unexpected unindent", kind: .indentationError).error!
            default:
                break
            }
            err = error("invalid syntax", at: f).error!
            if inFString { return err }
        }
        // CPython tokenizes the rest of the file: a tokenizer error there takes precedence, and so
        // does a bracket left open on a line before the error. (Only the lexer's final token can
        // be an error or an end of file inside brackets.)
        let end = tokens[lastIndex]
        if end.kind == .lexError && lexed.errorIsImmediate, let e = lexed.error { return e }
        // CPython compares with the furthest token read by either of its passes.
        if let open = lexed.openBrackets[lastIndex], open.line < Int(tokens[max(furthest, fetched)].line) {
            return Lexer.unclosedError(open, source: source)
        }
        return err
    }

    // MARK: - Statements

    func statement(into body: inout [Stmt]) throws {
        switch kind {
        case .kwDef, .at: body.append(try decoratedDefinition())
        case .kwClass: body.append(try classDef(decorators: []))
        case .kwIf: body.append(try ifStatement())
        case .kwWhile: body.append(try whileStatement())
        case .kwFor: body.append(try forStatement())
        case .kwTry: body.append(try tryStatement())
        case .kwWith: body.append(try withStatement())
        case .kwAsync: body.append(try asyncStatement())
        case .name where isMatchStatement(): body.append(try matchStatement())
        default: try simpleStatements(into: &body)
        }
    }

    /// simple_stmt (';' simple_stmt)* [';'] NEWLINE
    func simpleStatements(into body: inout [Stmt]) throws {
        while true {
            body.append(try simpleStatement())
            if accept(.semi) {
                if kind == .newline { break }
                continue
            }
            break
        }
        try expect(.newline)
    }

    /// A block after ':': an indented suite, or simple statements on the same line.
    func block(_ what: String, line: Int32) throws -> [Stmt] {
        var body: [Stmt] = []
        if kind == .newline {
            advance()
            if kind != .indent {
                throw errorAtLastToken("expected an indented block after \(what) on line \(line)", kind: .indentationError)
            }
            advance()
            while kind != .dedent && kind != .endMarker {
                try statement(into: &body)
            }
            try expect(.dedent)
            return body
        }
        try simpleStatements(into: &body)
        return body
    }

    /// ':' after a compound statement header. CPython forces it (always "expected ':'") after some
    /// headers; after others it only says so when the line ends there.
    func expectColon(forced: Bool) throws {
        if kind == .colon {
            advance()
            return
        }
        if forced { throw error("expected ':'", at: peek()) }
        if kind == .newline { throw errorAtLastToken("expected ':'") }
        throw Failure(error: nil)
    }

    func endLoc(_ start: Token, _ body: [Stmt]) -> Loc {
        if let lastStmt = body.last { return Loc(from: loc(start), to: lastStmt.loc) }
        return loc(from: start)
    }

    func simpleStatement() throws -> Stmt {
        let start = peek()
        switch start.kind {
        case .kwPass:
            advance()
            return Stmt(.pass, loc(start))
        case .kwBreak:
            advance()
            return Stmt(.break, loc(start))
        case .kwContinue:
            advance()
            return Stmt(.continue, loc(start))
        case .kwReturn:
            advance()
            let value = startsStarExpression(kind) ? try starExpressions() : nil
            return Stmt(.return(value), loc(from: start))
        case .kwRaise:
            advance()
            var exc: Expr?, cause: Expr?
            if startsExpression(kind) {
                exc = try expression()
                if accept(.kwFrom) { cause = try expression() }
            }
            return Stmt(.raise(exc: exc, cause: cause), loc(from: start))
        case .kwGlobal, .kwNonlocal:
            advance()
            var names: [String] = []
            repeat {
                names.append(text(try expect(.name)))
            } while accept(.comma)
            return Stmt(start.kind == .kwGlobal ? .global(names) : .nonlocal(names), loc(from: start))
        case .kwDel:
            return try deleteStatement()
        case .kwAssert:
            advance()
            let test = try expression()
            let msg = accept(.comma) ? try expression() : nil
            return Stmt(.assert(test: test, msg: msg), loc(from: start))
        case .kwImport:
            return try importStatement()
        case .kwFrom:
            return try importFromStatement()
        default:
            return try expressionStatement()
        }
    }

    func deleteStatement() throws -> Stmt {
        let start = advance()
        let e = try starExpressions()
        let targets: [Expr]
        if case .tuple(let elts) = e.kind, !e.parenthesized { targets = elts } else { targets = [e] }
        for t in targets {
            if let bad = invalidTarget(t, .del) {
                throw error("cannot delete \(exprName(bad))", bad.loc)
            }
        }
        if kind != .newline && kind != .semi { throw Failure(error: nil) }
        return Stmt(.delete(targets), loc(from: start))
    }

    func dottedName() throws -> String {
        var name = text(try expect(.name))
        while kind == .dot {
            advance()
            name += "." + text(try expect(.name))
        }
        return name
    }

    func importStatement() throws -> Stmt {
        let start = advance()
        var names: [Alias] = []
        repeat {
            let first = peek()
            let name = try dottedName()
            let asname = accept(.kwAs) ? text(try expect(.name)) : nil
            names.append(Alias(name: name, asname: asname, loc: loc(from: first)))
        } while accept(.comma)
        return Stmt(.import(names), loc(from: start))
    }

    func importFromStatement() throws -> Stmt {
        let start = advance()
        var level = 0
        while kind == .dot || kind == .ellipsis {
            level += kind == .dot ? 1 : 3
            advance()
        }
        var module: String?
        if kind == .name || level == 0 { module = try dottedName() }
        try expect(.kwImport)
        var names: [Alias] = []
        if kind == .star {
            let t = advance()
            names.append(Alias(name: "*", asname: nil, loc: loc(t)))
        } else {
            let parens = accept(.lpar)
            repeat {
                if parens && kind == .rpar && !names.isEmpty { break }
                let first = try expect(.name)
                let asname = accept(.kwAs) ? text(try expect(.name)) : nil
                names.append(Alias(name: text(first), asname: asname, loc: loc(from: first)))
                if !parens && kind == .comma && peek(1).kind == .newline {
                    advance()
                    throw errorAtLastToken("trailing comma not allowed without surrounding parentheses")
                }
            } while accept(.comma)
            if parens { try expect(.rpar) }
        }
        return Stmt(.importFrom(module: module, names: names, level: level), loc(from: start))
    }

    /// Expression statements and the assignment forms.
    func expressionStatement() throws -> Stmt {
        let start = peek()
        let first = kind == .kwYield ? try yieldExpression() : try starExpressions()
        let next = peek()
        if next.kind == .colon {
            if !first.parenthesized {
                switch first.kind {
                case .starred, .yield, .yieldFrom: throw Failure(error: nil) // no annotation rule starts so
                default: break
                }
            }
            advance()
            let annotation = try expression()
            try checkAnnotationTarget(first)
            var value: Expr?
            if accept(.equal) {
                value = kind == .kwYield ? try yieldExpression() : try starExpressions()
            }
            var simple = false
            if case .name = first.kind, !first.parenthesized { simple = true }
            return Stmt(.annAssign(target: first, annotation: annotation, value: value, simple: simple), loc(from: start))
        }
        if next.kind == .equal {
            var targets = [first]
            let firstEqual = p
            var value = first
            while accept(.equal) {
                let e = kind == .kwYield ? try yieldExpression() : try starExpressions()
                if kind == .equal {
                    targets.append(e)
                } else {
                    value = e
                }
            }
            try checkAssignmentTargets(targets, firstEqual: firstEqual)
            return Stmt(.assign(targets: targets, value: value), loc(from: start))
        }
        if next.kind.isAugAssign {
            let opTok = advance()
            switch first.kind {
            case .name, .attribute, .subscript:
                break
            default:
                throw error("'\(exprName(first))' is an illegal expression for augmented assignment", first.loc)
            }
            let value = kind == .kwYield ? try yieldExpression() : try starExpressions()
            return Stmt(.augAssign(target: first, op: Parser.augOp(opTok.kind), value: value), loc(from: start))
        }
        return Stmt(.expr(first), loc(from: start))
    }

    static func augOp(_ k: TokenKind) -> BinOp {
        switch k {
        case .plusEqual: return .add
        case .minEqual: return .sub
        case .starEqual: return .mult
        case .atEqual: return .matMult
        case .slashEqual: return .div
        case .percentEqual: return .mod
        case .doubleStarEqual: return .pow
        case .leftShiftEqual: return .lShift
        case .rightShiftEqual: return .rShift
        case .vbarEqual: return .bitOr
        case .circumflexEqual: return .bitXor
        case .amperEqual: return .bitAnd
        default: return .floorDiv
        }
    }

    // MARK: Compound statements

    func decoratedDefinition() throws -> Stmt {
        var decorators: [Expr] = []
        while kind == .at {
            advance()
            decorators.append(try namedExpression())
            try expect(.newline)
        }
        if kind == .kwClass { return try classDef(decorators: decorators) }
        var asyncTok: Token? = nil
        if kind == .kwAsync && peek(1).kind == .kwDef { asyncTok = advance() }
        if kind != .kwDef { throw Failure(error: nil) }
        let defTok = advance()
        let name = text(try expect(.name))
        if kind != .lpar { throw error("expected '('", at: peek()) }
        advance()
        let args = try parameters(closer: .rpar, annotations: true)
        try expect(.rpar)
        var returns: Expr?
        if kind == .rarrow {
            let arrow = peek()
            returns = try attempt(restoreFurthest: false) { () throws -> Expr in
                self.advance()
                return try self.expression()
            }
            if returns == nil { throw error("expected ':'", at: arrow) }
        }
        try expectColon(forced: true)
        let body = try block("function definition", line: defTok.line)
        let def = FunctionDef(name: name, args: args, body: body, decorators: decorators, returns: returns,
                              isAsync: asyncTok != nil)
        return Stmt(.functionDef(def), endLoc(asyncTok ?? defTok, body))
    }

    func classDef(decorators: [Expr]) throws -> Stmt {
        let classTok = advance()
        let name = text(try expect(.name))
        var bases: [Expr] = [], keywords: [Keyword] = []
        if kind == .lpar {
            let open = advance()
            (bases, keywords) = try callArguments(open: open)
            try expect(.rpar)
        }
        try expectColon(forced: false)
        let body = try block("class definition", line: classTok.line)
        let def = ClassDef(name: name, bases: bases, keywords: keywords, body: body, decorators: decorators)
        return Stmt(.classDef(def), endLoc(classTok, body))
    }

    /// `if` with its `elif` clauses read in a loop (a long chain must not recurse in the parser);
    /// the nested If statements are built from the last clause back.
    func ifStatement() throws -> Stmt {
        var clauses: [(tok: Token, test: Expr, body: [Stmt])] = []
        let outerDepth = statementDepth
        defer { statementDepth = outerDepth }
        repeat {
            statementDepth += 1
            if statementDepth > Parser.maxDepth { throw CompileDepthError() }
            let tok = advance()
            let test = try namedExpression()
            try expectColon(forced: false)
            let body = try block(tok.kind == .kwIf ? "'if' statement" : "'elif' statement", line: tok.line)
            clauses.append((tok, test, body))
        } while kind == .kwElif
        var orelse: [Stmt] = kind == .kwElse ? try elseBlock() : []
        for clause in clauses.reversed() {
            orelse = [Stmt(.if(test: clause.test, body: clause.body, orelse: orelse),
                           endLoc(clause.tok, orelse.isEmpty ? clause.body : orelse))]
        }
        return orelse[0]
    }

    func elseBlock() throws -> [Stmt] {
        let elseTok = advance()
        try expectColon(forced: true)
        return try block("'else' statement", line: elseTok.line)
    }

    func whileStatement() throws -> Stmt {
        let whileTok = advance()
        let test = try namedExpression()
        try expectColon(forced: false)
        let body = try block("'while' statement", line: whileTok.line)
        let orelse = kind == .kwElse ? try elseBlock() : []
        return Stmt(.while(test: test, body: body, orelse: orelse), endLoc(whileTok, orelse.isEmpty ? body : orelse))
    }

    func forStatement() throws -> Stmt {
        let forTok = advance()
        let target = try targetList()
        if let bad = invalidTarget(target, .forTarget) {
            throw error("cannot assign to \(exprName(bad))", bad.loc)
        }
        try expect(.kwIn)
        let iter = try starExpressions()
        try expectColon(forced: false)
        let body = try block("'for' statement", line: forTok.line)
        let orelse = kind == .kwElse ? try elseBlock() : []
        return Stmt(.for(target: target, iter: iter, body: body, orelse: orelse), endLoc(forTok, orelse.isEmpty ? body : orelse))
    }

    func withItem() throws -> WithItem {
        let context = try expression()
        var vars: Expr?
        if accept(.kwAs) {
            let target = try starTarget()
            if let bad = invalidTarget(target, .store) {
                throw error("cannot assign to \(exprName(bad))", bad.loc)
            }
            vars = target
        }
        return WithItem(context: context, vars: vars)
    }

    func withStatement() throws -> Stmt {
        let withTok = advance()
        var items: [WithItem]? = nil
        if kind == .lpar {
            // with (a as b, c): ... -- unless the parentheses belong to an expression.
            items = try attempt(restoreFurthest: false) { () throws -> [WithItem] in
                self.advance()
                var list: [WithItem] = []
                repeat {
                    if self.kind == .rpar && !list.isEmpty { break }
                    list.append(try self.withItem())
                } while self.accept(.comma)
                try self.expect(.rpar)
                if self.kind != .colon { throw Failure(error: nil) }
                return list
            }
        }
        if items == nil {
            var list: [WithItem] = []
            repeat {
                list.append(try withItem())
            } while accept(.comma)
            items = list
        }
        try expectColon(forced: false)
        let body = try block("'with' statement", line: withTok.line)
        return Stmt(.with(items!, body: body), endLoc(withTok, body))
    }

    /// `async def`, `async for`, `async with` (where they are allowed is checked after parsing).
    func asyncStatement() throws -> Stmt {
        let asyncTok = peek()
        switch peek(1).kind {
        case .kwDef:
            return try decoratedDefinition()
        case .kwFor:
            advance()
            let st = try forStatement()
            guard case .for(let target, let iter, let body, let orelse) = st.kind else { throw Failure(error: nil) }
            return Stmt(.asyncFor(target: target, iter: iter, body: body, orelse: orelse), Loc(from: loc(asyncTok), to: st.loc))
        case .kwWith:
            advance()
            let st = try withStatement()
            guard case .with(let items, let body) = st.kind else { throw Failure(error: nil) }
            return Stmt(.asyncWith(items, body: body), Loc(from: loc(asyncTok), to: st.loc))
        default:
            advance()
            throw Failure(error: nil)
        }
    }

    func tryStatement() throws -> Stmt {
        let tryTok = advance()
        try expectColon(forced: true)
        let body = try block("'try' statement", line: tryTok.line)
        var handlers: [ExceptHandler] = []
        var sawStar: Bool?
        while kind == .kwExcept {
            let exceptTok = advance()
            let star = kind == .star   // PEP 654's except*
            if let first = sawStar, first != star {
                throw error("cannot have both 'except' and 'except*' on the same 'try'",
                            Loc(from: loc(exceptTok), to: star ? loc(peek()) : loc(exceptTok)))
            }
            sawStar = star
            if star {
                advance()
                if kind == .colon { throw error("expected one or more exception types", at: peek()) }
            }
            var type: Expr?, name: String?
            if kind != .colon {
                let first = try expression()
                if kind == .comma {
                    var lastExpr = first
                    while accept(.comma) {
                        if !startsExpression(kind) { break }
                        lastExpr = try expression()
                    }
                    throw error("multiple exception types must be parenthesized", Loc(from: first.loc, to: lastExpr.loc))
                }
                type = first
                if accept(.kwAs) { name = text(try expect(.name)) }
            }
            try expectColon(forced: false)
            let handlerBody = try block("'except' statement", line: exceptTok.line)
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, loc: endLoc(exceptTok, handlerBody),
                                          isStar: star))
        }
        let orelse = (!handlers.isEmpty && kind == .kwElse) ? try elseBlock() : []
        var finalbody: [Stmt] = []
        if kind == .kwFinally {
            let finallyTok = advance()
            try expectColon(forced: true)
            finalbody = try block("'finally' statement", line: finallyTok.line)
        }
        if handlers.isEmpty && finalbody.isEmpty {
            throw error("expected 'except' or 'finally' block", at: peek())
        }
        let tail: [Stmt] = !finalbody.isEmpty ? finalbody : (!orelse.isEmpty ? orelse : handlers.last!.body)
        return Stmt(.try(body: body, handlers: handlers, orelse: orelse, finalbody: finalbody), endLoc(tryTok, tail))
    }
}
