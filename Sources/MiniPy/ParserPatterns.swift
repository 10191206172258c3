// ParserPatterns.swift: the `match` statement (PEP 634) for the MiniPy parser.
//
// `match` and `case` are soft keywords: a line starting with the name `match` is a match
// statement only when what follows reads as `match <subject>:` (so `match = 1` and `match(x)`
// stay ordinary statements). Patterns follow CPython 3.11's grammar: literals (numbers, signed
// and complex numbers, strings, None/True/False), captures, the wildcard `_`, dotted value
// patterns, groups and sequences in () or [], `*rest`, mappings with `**rest`, class patterns with
// positional and keyword sub-patterns, or-patterns and `as`. The checks CPython makes when it
// compiles patterns (unreachable cases, names bound twice, alternatives binding different names)
// are in CompilerMatch.swift.

extension Parser {
    /// Whether the statement starting here is a match statement (looks ahead without consuming).
    func isMatchStatement() -> Bool {
        guard peek().kind == .name, text(peek()) == "match" else { return false }
        switch peek(1).kind {
        case .equal, .dot, .newline, .colon, .semi, .comma, .rpar, .rsqb, .rbrace, .endMarker:
            return false
        default:
            if peek(1).kind.isAugAssign { return false }
        }
        let saveP = p, saveLast = last, saveFurthest = furthest
        speculating += 1
        defer {
            speculating -= 1
            p = saveP
            last = saveLast
            furthest = saveFurthest
        }
        do {
            advance()
            _ = try subjectExpression()
            return kind == .colon
        } catch {
            return false
        }
    }

    func matchStatement() throws -> Stmt {
        let matchTok = advance()
        let subject = try subjectExpression()
        try expectColon(forced: false)
        if kind != .newline { throw Failure(error: nil) }
        advance()
        if kind != .indent {
            throw errorAtLastToken("expected an indented block after 'match' statement on line \(matchTok.line)",
                                   kind: .indentationError)
        }
        advance()
        var cases: [MatchCase] = []
        while kind != .dedent && kind != .endMarker {
            guard kind == .name, text(peek()) == "case" else { throw Failure(error: nil) }
            let caseTok = advance()
            let pattern = try patterns()
            var guardExpr: Expr?
            if accept(.kwIf) { guardExpr = try namedExpression() }
            try expectColon(forced: false)
            let body = try block("'case' statement", line: caseTok.line)
            cases.append(MatchCase(pattern: pattern, guard_: guardExpr, body: body))
        }
        try expect(.dedent)
        return Stmt(.match(subject: subject, cases: cases), endLoc(matchTok, cases.last?.body ?? []))
    }

    /// subject_expr: `a`, `a, b`, `*a, b`.
    func subjectExpression() throws -> Expr {
        let start = peek()
        let first = try starNamedExpression()
        if kind == .comma {
            var elts = [first]
            while accept(.comma) {
                if kind == .colon { break }
                elts.append(try starNamedExpression())
            }
            return Expr(.tuple(elts), loc(from: start))
        }
        if case .starred = first.kind { throw Failure(error: nil) }
        return first
    }

    /// patterns: an open sequence `a, *b` or one pattern.
    func patterns() throws -> Pattern {
        let start = peek()
        let first = try maybeStarPattern()
        if kind == .comma {
            var ps = [first]
            while accept(.comma) {
                if kind == .colon || kind == .kwIf { break }
                ps.append(try maybeStarPattern())
            }
            return Pattern(.sequence(ps), loc(from: start))
        }
        if case .star = first.kind { return Pattern(.sequence([first]), first.loc) }
        return first
    }

    func maybeStarPattern() throws -> Pattern {
        if kind == .star {
            let star = advance()
            let n = try expect(.name)
            let name = text(n)
            return Pattern(.star(name == "_" ? nil : name), loc(from: star))
        }
        return try pattern()
    }

    /// as_pattern | or_pattern
    func pattern() throws -> Pattern {
        let start = peek()
        let p = try orPattern()
        if kind == .kwAs {
            advance()
            let t = peek()
            guard t.kind == .name else { throw error("invalid pattern target", at: t) }
            advance()
            let name = text(t)
            if name == "_" { throw error("cannot use '_' as a target", at: t) }
            return Pattern(.as(p, name), loc(from: start))
        }
        return p
    }

    func orPattern() throws -> Pattern {
        let start = peek()
        let first = try closedPattern()
        if kind != .vbar { return first }
        var ps = [first]
        while accept(.vbar) { ps.append(try closedPattern()) }
        return Pattern(.or(ps), loc(from: start))
    }

    func closedPattern() throws -> Pattern {
        let t = peek()
        switch t.kind {
        case .number, .minus, .string:
            let e = try literalExpression()
            return Pattern(.value(e), e.loc)
        case .kwNone:
            advance()
            return Pattern(.singleton(.none), loc(t))
        case .kwTrue:
            advance()
            return Pattern(.singleton(.bool(true)), loc(t))
        case .kwFalse:
            advance()
            return Pattern(.singleton(.bool(false)), loc(t))
        case .name:
            let e = try nameOrAttribute()
            if kind == .lpar { return try classPattern(e) }
            if case .name(let n) = e.kind {
                return Pattern(.as(nil, n == "_" ? nil : n), e.loc)
            }
            return Pattern(.value(e), e.loc)
        case .lpar:
            advance()
            if accept(.rpar) { return Pattern(.sequence([]), loc(from: t)) }
            let first = try maybeStarPattern()
            if kind == .comma {
                var ps = [first]
                while accept(.comma) {
                    if kind == .rpar { break }
                    ps.append(try maybeStarPattern())
                }
                try expect(.rpar)
                return Pattern(.sequence(ps), loc(from: t))
            }
            try expect(.rpar)
            if case .star = first.kind { return Pattern(.sequence([first]), loc(from: t)) }
            return first
        case .lsqb:
            advance()
            var ps: [Pattern] = []
            while kind != .rsqb {
                ps.append(try maybeStarPattern())
                if !accept(.comma) { break }
            }
            try expect(.rsqb)
            return Pattern(.sequence(ps), loc(from: t))
        case .lbrace:
            return try mappingPattern()
        default:
            throw Failure(error: nil)
        }
    }

    /// NAME ('.' NAME)*
    func nameOrAttribute() throws -> Expr {
        let start = peek()
        let first = try expect(.name)
        var e = Expr(.name(text(first)), loc(first))
        while kind == .dot {
            advance()
            let n = try expect(.name)
            e = Expr(.attribute(e, text(n)), loc(from: start))
        }
        return e
    }

    /// A literal pattern's value: strings (no f-strings), signed numbers and `real +/- imag`.
    func literalExpression() throws -> Expr {
        let start = peek()
        if kind == .string {
            let e = try strings()
            if case .joinedStr = e.kind {
                throw error("patterns may only match literals and attribute lookups", e.loc)
            }
            return e
        }
        var e: Expr
        if kind == .minus {
            advance()
            let n = try expect(.number)
            e = Expr(.unaryOp(.uSub, Expr(.constant(try numberLiteral(n)), loc(n))), loc(from: start))
        } else {
            let n = try expect(.number)
            e = Expr(.constant(try numberLiteral(n)), loc(n))
        }
        if kind == .plus || kind == .minus {
            let op: BinOp = kind == .plus ? .add : .sub
            advance()
            let n = try expect(.number)
            let imag = Expr(.constant(try numberLiteral(n)), loc(n))
            guard case .constant(.complex) = imag.kind else {
                throw error("imaginary number required in complex literal", imag.loc)
            }
            e = Expr(.binOp(e, op, imag), loc(from: start))
        }
        return e
    }

    func mappingPattern() throws -> Pattern {
        let open = advance()
        var keys: [Expr] = [], ps: [Pattern] = []
        var rest: String?
        while kind != .rbrace {
            if kind == .doubleStar {
                advance()
                let n = try expect(.name)
                rest = text(n)
                if rest == "_" { throw Failure(error: nil) }
                _ = accept(.comma)
                break
            }
            let key: Expr
            switch kind {
            case .kwNone, .kwTrue, .kwFalse:
                let t = advance()
                let c: Constant = t.kind == .kwNone ? .none : .bool(t.kind == .kwTrue)
                key = Expr(.constant(c), loc(t))
            case .name:
                key = try nameOrAttribute()
                if case .name = key.kind { throw Failure(error: nil) }
            default:
                key = try literalExpression()
            }
            try expect(.colon)
            keys.append(key)
            ps.append(try pattern())
            if !accept(.comma) { break }
        }
        try expect(.rbrace)
        return Pattern(.mapping(keys: keys, patterns: ps, rest: rest), loc(from: open))
    }

    func classPattern(_ cls: Expr) throws -> Pattern {
        advance()
        var ps: [Pattern] = [], names: [String] = [], kps: [Pattern] = []
        while kind != .rpar {
            if kind == .name && peek(1).kind == .equal {
                let n = advance()
                advance()
                names.append(text(n))
                kps.append(try pattern())
            } else {
                let p = try pattern()
                if !names.isEmpty {
                    throw error("positional patterns follow keyword patterns", p.loc)
                }
                ps.append(p)
            }
            if !accept(.comma) { break }
        }
        try expect(.rpar)
        return Pattern(.classPattern(cls: cls, patterns: ps, kwdAttrs: names, kwdPatterns: kps), loc(from: Token(
            kind: .name, level: 0, start: 0, end: 0, line: cls.loc.line, col: cls.loc.col, endLine: cls.loc.endLine,
            endCol: cls.loc.endCol)))
    }
}
