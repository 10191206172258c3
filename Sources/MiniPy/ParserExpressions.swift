// ParserExpressions.swift: expressions for the MiniPy parser (see Parser.swift for the overview).
//
// Precedence, loosest first, as in CPython's grammar: lambda, `a if c else b`, or, and, not,
// comparisons (chained), |, ^, &, << >>, + -, * / // % @, unary + - ~, ** (right-associative and
// binding tighter than a unary minus on its left), await-less primaries (attribute, call, subscript)
// and atoms. The binary levels from | to * share one precedence-climbing loop. Also here: displays
// and comprehensions, call arguments, subscripts and slices, and parameter lists (def and lambda).

extension Parser {
    // MARK: - Token classes

    /// Whether a token can begin an expression (not counting a leading '*').
    func startsExpression(_ k: TokenKind) -> Bool {
        switch k {
        case .name, .number, .string, .lpar, .lsqb, .lbrace, .minus, .plus, .tilde, .ellipsis,
             .kwNone, .kwTrue, .kwFalse, .kwNot, .kwLambda, .kwAwait:
            return true
        default:
            return false
        }
    }

    /// `for` or `async for` starting a comprehension clause.
    var startsComprehension: Bool {
        kind == .kwFor || (kind == .kwAsync && peek(1).kind == .kwFor)
    }

    func startsStarExpression(_ k: TokenKind) -> Bool {
        k == .star || startsExpression(k)
    }

    // MARK: - Expression lists

    /// star_expressions: `a`, `a, b`, `a,`, `*a, b` (a tuple without parentheses when there are commas).
    func starExpressions() throws -> Expr {
        let start = peek()
        let first = try starExpression()
        if kind != .comma { return first }
        var elts = [first]
        while accept(.comma) {
            if !startsStarExpression(kind) { break }
            elts.append(try starExpression())
        }
        return Expr(.tuple(elts), loc(from: start))
    }

    /// '*' bitwise_or | expression
    func starExpression() throws -> Expr {
        if kind == .star {
            let star = advance()
            let value = try bitwiseOr()
            return Expr(.starred(value), loc(from: star))
        }
        return try expression()
    }

    /// '*' bitwise_or | named_expression (elements of displays)
    func starNamedExpression() throws -> Expr {
        if kind == .star {
            let star = advance()
            let value = try bitwiseOr()
            return Expr(.starred(value), loc(from: star))
        }
        return try namedExpression()
    }

    /// NAME ':=' expression | expression
    func namedExpression() throws -> Expr {
        let start = peek()
        if start.kind == .name && peek(1).kind == .colonEqual {
            advance()
            advance()
            let value = try expression()
            return Expr(.namedExpr(target: Expr(.name(text(start)), loc(start)), value: value), loc(from: start))
        }
        let e = try expression()
        if speculating == 0 {
            if kind == .colonEqual {
                throw error("cannot use assignment expressions with \(exprName(e))", e.loc)
            }
            if kind == .equal { try checkEqualsInExpression(e) }
        }
        return e
    }

    /// disjunction ['if' disjunction 'else' expression] | lambdef
    func expression() throws -> Expr {
        try enterNesting()
        defer { nesting -= 1 }
        if kind == .kwLambda { return try lambda() }
        let startIndex = p
        let start = peek()
        let body = try disjunction()
        if kind == .kwIf {
            advance()
            let test = try disjunction()
            if kind != .kwElse {
                if kind != .colon && speculating == 0 {
                    throw error("expected 'else' after 'if' expression", Loc(from: body.loc, to: test.loc))
                }
                throw Failure(error: nil)
            }
            advance()
            let orelse = try expression()
            return Expr(.ifExp(test: test, body: body, orelse: orelse), loc(from: start))
        }
        if speculating == 0 && startsExpression(kind) {
            try checkJuxtaposedExpressions(body, startIndex: startIndex)
        }
        return body
    }

    func yieldExpression() throws -> Expr {
        let start = advance()
        if accept(.kwFrom) {
            let value = try expression()
            return Expr(.yieldFrom(value), loc(from: start))
        }
        if startsStarExpression(kind) {
            let value = try starExpressions()
            return Expr(.yield(value), loc(from: start))
        }
        return Expr(.yield(nil), loc(start))
    }

    func lambda() throws -> Expr {
        let start = advance()
        let args = try parameters(closer: .colon, annotations: false)
        try expect(.colon)
        let body = try expression()
        return Expr(.lambda(args, body), loc(from: start))
    }

    // MARK: - Boolean and comparison levels

    func disjunction() throws -> Expr {
        let start = peek()
        let first = try conjunction()
        if kind != .kwOr { return first }
        var values = [first]
        while accept(.kwOr) { values.append(try conjunction()) }
        return Expr(.boolOp(.or, values), loc(from: start))
    }

    func conjunction() throws -> Expr {
        let start = peek()
        let first = try inversion()
        if kind != .kwAnd { return first }
        var values = [first]
        while accept(.kwAnd) { values.append(try inversion()) }
        return Expr(.boolOp(.and, values), loc(from: start))
    }

    func inversion() throws -> Expr {
        if kind == .kwNot {
            let start = advance()
            try enterNesting()
            defer { nesting -= 1 }
            let operand = try inversion()
            return Expr(.unaryOp(.not, operand), loc(from: start))
        }
        return try comparison()
    }

    func comparisonOperator() -> CmpOp? {
        switch kind {
        case .eqEqual: return .eq
        case .notEqual: return .notEq
        case .less: return .lt
        case .lessEqual: return .ltE
        case .greater: return .gt
        case .greaterEqual: return .gtE
        case .kwIn: return .in
        case .kwIs: return peek(1).kind == .kwNot ? .isNot : .is
        case .kwNot: return peek(1).kind == .kwIn ? .notIn : nil
        default: return nil
        }
    }

    func comparison() throws -> Expr {
        let start = peek()
        let first = try bitwiseOr()
        guard var op = comparisonOperator() else { return first }
        var ops: [CmpOp] = [], comparators: [Expr] = []
        while true {
            advance()
            if op == .isNot || op == .notIn { advance() }
            ops.append(op)
            comparators.append(try bitwiseOr())
            guard let next = comparisonOperator() else { break }
            op = next
        }
        return Expr(.compare(first, ops, comparators), loc(from: start))
    }

    // MARK: - Arithmetic levels

    @inline(__always) func binaryOperator(_ k: TokenKind) -> (BinOp, Int)? {
        switch k {
        case .vbar: return (.bitOr, 1)
        case .circumflex: return (.bitXor, 2)
        case .amper: return (.bitAnd, 3)
        case .leftShift: return (.lShift, 4)
        case .rightShift: return (.rShift, 4)
        case .plus: return (.add, 5)
        case .minus: return (.sub, 5)
        case .star: return (.mult, 6)
        case .slash: return (.div, 6)
        case .doubleSlash: return (.floorDiv, 6)
        case .percent: return (.mod, 6)
        case .at: return (.matMult, 6)
        default: return nil
        }
    }

    func bitwiseOr() throws -> Expr {
        try binary(1)
    }

    /// Left-associative binary operators of precedence >= minLevel.
    func binary(_ minLevel: Int) throws -> Expr {
        let start = peek()
        var left = try factor()
        while let (op, level) = binaryOperator(kind), level >= minLevel {
            advance()
            let right = try binary(level + 1)
            left = try checkHeight(Expr(.binOp(left, op, right), loc(from: start)))
        }
        return left
    }

    /// ('+' | '-' | '~') factor | power
    func factor() throws -> Expr {
        let start = peek()
        let op: UnaryOp
        switch start.kind {
        case .minus: op = .uSub
        case .plus: op = .uAdd
        case .tilde: op = .invert
        default: return try power()
        }
        advance()
        try enterNesting()
        defer { nesting -= 1 }
        let operand = try factor()
        return Expr(.unaryOp(op, operand), loc(from: start))
    }

    /// await_primary ['**' factor]
    func power() throws -> Expr {
        let start = peek()
        var base: Expr
        if kind == .kwAwait {
            advance()
            try enterNesting()
            defer { nesting -= 1 }
            let operand = try primary()
            base = Expr(.await(operand), loc(from: start))
        } else {
            base = try primary()
        }
        if kind == .doubleStar {
            advance()
            try enterNesting()
            defer { nesting -= 1 }
            let exponent = try factor()
            return Expr(.binOp(base, .pow, exponent), loc(from: start))
        }
        return base
    }

    /// atom followed by attribute references, calls and subscripts.
    func primary() throws -> Expr {
        let start = peek()
        var e = try atom()
        while true {
            switch kind {
            case .dot:
                advance()
                let name = try expect(.name)
                e = try checkHeight(Expr(.attribute(e, text(name)), loc(from: start)))
            case .lpar:
                let open = advance()
                let (args, keywords) = try callArguments(open: open)
                try expect(.rpar)
                e = try checkHeight(Expr(.call(e, args: args, keywords: keywords), loc(from: start)))
            case .lsqb:
                advance()
                let index = try slices()
                try expect(.rsqb)
                e = try checkHeight(Expr(.subscript(e, index), loc(from: start)))
            default:
                return e
            }
        }
    }

    // MARK: - Atoms

    func atom() throws -> Expr {
        let t = peek()
        switch t.kind {
        case .name:
            advance()
            return Expr(.name(text(t)), loc(t))
        case .number:
            advance()
            return Expr(.constant(try numberLiteral(t)), loc(t))
        case .string:
            return try strings()
        case .kwNone:
            advance()
            return Expr(.constant(.none), loc(t))
        case .kwTrue:
            advance()
            return Expr(.constant(.bool(true)), loc(t))
        case .kwFalse:
            advance()
            return Expr(.constant(.bool(false)), loc(t))
        case .ellipsis:
            advance()
            return Expr(.constant(.ellipsis), loc(t))
        case .lpar:
            advance()
            return try parenthesized(open: t, closer: .rpar)
        case .lsqb:
            return try listDisplay()
        case .lbrace:
            return try braceDisplay()
        default:
            throw Failure(error: nil)
        }
    }

    func numberLiteral(_ t: Token) throws -> Constant {
        var chars: [UInt32] = []
        chars.reserveCapacity(Int(t.end - t.start))
        for i in Int(t.start)..<Int(t.end) where s[i] != 0x5F { chars.append(s[i]) }
        let last = chars.last!
        if last == 0x6A || last == 0x4A {
            let literal = Source.string(chars, 0, chars.count - 1)
            return .complex(Double(literal) ?? Double.nan)
        }
        if chars.count > 2 && chars[0] == 0x30 {
            let radix: Int
            switch chars[1] | 0x20 {
            case 0x78: radix = 16
            case 0x6F: radix = 8
            case 0x62: radix = 2
            default: radix = 0
            }
            if radix != 0 {
                var digits = Source.string(chars, 2, chars.count)
                while digits.count > 1 && digits.hasPrefix("0") { digits.removeFirst() }
                return .int(IntLiteral(digits: digits.lowercased(), radix: radix))
            }
        }
        if chars.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }) {
            let literal = Source.string(chars, 0, chars.count)
            return .float(Double(literal) ?? Double.nan)
        }
        var digits = Source.string(chars, 0, chars.count)
        while digits.count > 1 && digits.hasPrefix("0") { digits.removeFirst() }
        if let message = LiteralLimits.decimalLiteralError(digits) {
            // CPython's location for it: the literal's line, offset and end offset 0 (no caret).
            let line = Int(t.line)
            throw Failure(error: SyntaxError(kind: .syntaxError, message: message, filename: source.filename, line: line,
                                             column: 0, endLine: line, endColumn: 0, text: lineText(line)))
        }
        return .int(IntLiteral(digits: digits, radix: 10))
    }

    /// What follows '(' (or fills an f-string replacement field): a group, tuple, generator
    /// expression or parenthesized yield. `open` is the '(' token (in an f-string, its '{').
    func parenthesized(open: Token, closer: TokenKind) throws -> Expr {
        if kind == closer {
            advance()
            return Expr(.tuple([]), loc(from: open), parenthesized: true)
        }
        if kind == .kwYield {
            let y = try yieldExpression()
            try expect(closer)
            return y.withParens()
        }
        let first = try starNamedExpression()
        if startsComprehension {
            if case .starred = first.kind {
                throw error("iterable unpacking cannot be used in comprehension", first.loc)
            }
            let generators = try comprehensionClauses()
            try expect(closer)
            return Expr(.generatorExp(first, generators), loc(from: open), parenthesized: true)
        }
        if kind == .comma {
            var elts = [first]
            while accept(.comma) {
                if kind == closer { break }
                elts.append(try starNamedExpression())
            }
            try expect(closer)
            return Expr(.tuple(elts), loc(from: open), parenthesized: true)
        }
        try expect(closer)
        if case .starred = first.kind {
            throw error("cannot use starred expression here", first.loc)
        }
        return first.withParens()
    }

    func listDisplay() throws -> Expr {
        let open = advance()
        if accept(.rsqb) { return Expr(.list([]), loc(from: open)) }
        let first = try starNamedExpression()
        if startsComprehension {
            if case .starred = first.kind {
                throw error("iterable unpacking cannot be used in comprehension", first.loc)
            }
            let generators = try comprehensionClauses()
            try expect(.rsqb)
            return Expr(.listComp(first, generators), loc(from: open))
        }
        var elts = [first]
        while accept(.comma) {
            if kind == .rsqb { break }
            elts.append(try starNamedExpression())
        }
        try expect(.rsqb)
        return Expr(.list(elts), loc(from: open))
    }

    /// '{' ... '}': dict or set display or comprehension.
    func braceDisplay() throws -> Expr {
        let open = advance()
        if accept(.rbrace) { return Expr(.dict(keys: [], values: []), loc(from: open)) }
        var keys: [Expr?] = [], values: [Expr] = []
        var firstDoubleStar: Token?
        if kind == .doubleStar {
            firstDoubleStar = advance()
            values.append(try bitwiseOr())
            keys.append(nil)
        } else {
            let first = try starNamedExpression()
            if kind == .colon, !isStarred(first) {
                advance()
                let value = try expression()
                if startsComprehension {
                    let generators = try comprehensionClauses()
                    try expect(.rbrace)
                    return Expr(.dictComp(key: first, value: value, generators), loc(from: open))
                }
                keys.append(first)
                values.append(value)
            } else {
                // A set.
                if startsComprehension {
                    if isStarred(first) {
                        throw error("iterable unpacking cannot be used in comprehension", first.loc)
                    }
                    let generators = try comprehensionClauses()
                    try expect(.rbrace)
                    return Expr(.setComp(first, generators), loc(from: open))
                }
                var elts = [first]
                while accept(.comma) {
                    if kind == .rbrace { break }
                    elts.append(try starNamedExpression())
                }
                try expect(.rbrace)
                return Expr(.set(elts), loc(from: open))
            }
        }
        if startsComprehension, let star = firstDoubleStar {
            throw error("dict unpacking cannot be used in dict comprehension", at: star)
        }
        while accept(.comma) {
            if kind == .rbrace { break }
            if accept(.doubleStar) {
                values.append(try bitwiseOr())
                keys.append(nil)
            } else {
                keys.append(try expression())
                try expect(.colon)
                values.append(try expression())
            }
        }
        try expect(.rbrace)
        return Expr(.dict(keys: keys, values: values), loc(from: open))
    }

    func isStarred(_ e: Expr) -> Bool {
        if case .starred = e.kind { return true }
        return false
    }

    /// ('for' star_targets 'in' disjunction ('if' disjunction)*)+
    func comprehensionClauses() throws -> [Comprehension] {
        var generators: [Comprehension] = []
        while startsComprehension {
            let isAsync = accept(.kwAsync)
            advance()
            let target = try targetList()
            if let bad = invalidTarget(target, .forTarget) {
                throw error("cannot assign to \(exprName(bad))", bad.loc)
            }
            try expect(.kwIn)
            let iter = try disjunction()
            var ifs: [Expr] = []
            while accept(.kwIf) { ifs.append(try disjunction()) }
            generators.append(Comprehension(target: target, iter: iter, ifs: ifs, isAsync: isAsync))
        }
        return generators
    }

    // MARK: - Targets

    /// star_targets, read at bitwise-or level so that `in` ends them (`for a, *b in x`).
    func targetList() throws -> Expr {
        let start = peek()
        let first = try starTarget()
        if kind != .comma { return first }
        var elts = [first]
        while accept(.comma) {
            if !startsStarExpression(kind) { break }
            elts.append(try starTarget())
        }
        return Expr(.tuple(elts), loc(from: start))
    }

    func starTarget() throws -> Expr {
        if kind == .star {
            let star = advance()
            let value = try starTarget()
            return Expr(.starred(value), loc(from: star))
        }
        return try bitwiseOr()
    }

    // MARK: - Subscripts

    func slices() throws -> Expr {
        let start = peek()
        let first = try sliceItem()
        if kind != .comma {
            // `a[*b]` indexes with a one-element tuple.
            if case .starred = first.kind { return Expr(.tuple([first]), first.loc) }
            return first
        }
        var elts = [first]
        while accept(.comma) {
            if kind == .rsqb { break }
            elts.append(try sliceItem())
        }
        return Expr(.tuple(elts), loc(from: start))
    }

    /// [lower] ':' [upper] [':' [step]] | '*' expr | named_expression
    func sliceItem() throws -> Expr {
        let start = peek()
        if start.kind == .star { return try starExpression() }
        var lower: Expr?
        if start.kind != .colon {
            let e = try namedExpression()
            if kind != .colon { return e }
            lower = e
        }
        try expect(.colon)
        var upper: Expr?, step: Expr?
        if kind != .colon && kind != .rsqb && kind != .comma { upper = try expression() }
        if accept(.colon) {
            if kind != .rsqb && kind != .comma { step = try expression() }
        }
        return Expr(.slice(lower, upper, step), loc(from: start))
    }

    // MARK: - Call arguments

    /// Arguments after '(' up to (not including) ')'. Positional (and `*x`) come first, then
    /// keywords (`name=x`, `*x`, `**x`); a lone generator expression needs no parentheses.
    func callArguments(open: Token) throws -> ([Expr], [Keyword]) {
        var args: [Expr] = [], keywords: [Keyword] = []
        var sawKeyword = false, sawDoubleStar = false
        var misplaced = false
        while kind != .rpar {
            let start = peek()
            if start.kind == .star {
                advance()
                let value = try expression()
                if sawDoubleStar && speculating == 0 {
                    throw error("iterable argument unpacking follows keyword argument unpacking", loc(start))
                }
                args.append(Expr(.starred(value), loc(from: start)))
            } else if start.kind == .doubleStar {
                advance()
                let value = try expression()
                keywords.append(Keyword(name: nil, value: value, loc: loc(from: start)))
                sawDoubleStar = true
                sawKeyword = true
            } else if start.kind == .name && peek(1).kind == .equal {
                advance()
                advance()
                let value = try expression()
                keywords.append(Keyword(name: text(start), value: value, loc: loc(from: start)))
                sawKeyword = true
            } else {
                var e: Expr
                if start.kind == .name && peek(1).kind == .colonEqual {
                    e = try namedExpression()
                } else {
                    e = try expression()
                    if kind == .equal && speculating == 0 {
                        if case .constant(let c) = e.kind, c == .none || c == .bool(true) || c == .bool(false) {
                            throw error("cannot assign to \(exprName(e))", Loc(from: e.loc, to: loc(peek())))
                        }
                        throw error("expression cannot contain assignment, perhaps you meant \"==\"?", Loc(from: e.loc, to: loc(peek())))
                    }
                }
                if startsComprehension {
                    let generators = try comprehensionClauses()
                    if !(args.isEmpty && keywords.isEmpty && kind == .rpar) {
                        if speculating > 0 { throw Failure(error: nil) }
                        let lastItem = generators.last!.ifs.last ?? generators.last!.iter
                        throw error("Generator expression must be parenthesized", Loc(from: e.loc, to: lastItem.loc))
                    }
                    e = Expr(.generatorExp(e, generators), Loc(from: loc(open), to: loc(peek())), parenthesized: true)
                } else if sawKeyword {
                    misplaced = true
                }
                args.append(e)
            }
            if !accept(.comma) { break }
        }
        if misplaced {
            throw errorAtLastToken(sawDoubleStar
                ? "positional argument follows keyword argument unpacking"
                : "positional argument follows keyword argument")
        }
        return (args, keywords)
    }

    // MARK: - Parameters

    /// A parameter list up to (not including) `closer`: ')' for def, ':' for lambda.
    func parameters(closer: TokenKind, annotations: Bool) throws -> Arguments {
        var a = Arguments()
        var sawDefault = false, sawSlash = false, sawStar = false
        var bareStar: Token?
        func annotation() throws -> Expr? {
            if annotations && accept(.colon) { return try expression() }
            return nil
        }
        while kind != closer {
            let start = peek()
            switch start.kind {
            case .slash:
                advance()
                if sawStar { throw error("/ must be ahead of *", at: start) }
                if sawSlash { throw error("/ may appear only once", at: start) }
                if a.args.isEmpty { throw Failure(error: nil) }
                a.posonly = a.args
                a.args = []
                sawSlash = true
            case .star:
                advance()
                if sawStar { throw error("* argument may appear only once", at: start) }
                sawStar = true
                if kind == .comma || kind == closer {
                    bareStar = start
                } else {
                    let name = try expect(.name)
                    let ann = try annotation()
                    a.vararg = Arg(name: text(name), annotation: ann, loc: loc(from: name))
                }
            case .doubleStar:
                advance()
                let name = try expect(.name)
                let ann = try annotation()
                a.kwarg = Arg(name: text(name), annotation: ann, loc: loc(from: name))
                _ = accept(.comma)
                if kind != closer {
                    throw error("arguments cannot follow var-keyword argument", at: peek())
                }
                continue
            default:
                let name = try expect(.name)
                let ann = try annotation()
                let arg = Arg(name: text(name), annotation: ann, loc: loc(from: name))
                var value: Expr?
                if accept(.equal) { value = try expression() }
                if sawStar {
                    a.kwonly.append(arg)
                    a.kwDefaults.append(value)
                } else {
                    if let v = value {
                        a.defaults.append(v)
                        sawDefault = true
                    } else if sawDefault && (kind == .comma || kind == closer) {
                        throw error("non-default argument follows default argument", arg.loc)
                    }
                    a.args.append(arg)
                }
            }
            if !accept(.comma) { break }
        }
        if let star = bareStar, a.kwonly.isEmpty {
            // CPython points at the '*' in a def, at the token after it in a lambda.
            if closer == .colon { throw errorAtLastToken("named arguments must follow bare *") }
            throw error("named arguments must follow bare *", at: star)
        }
        return a
    }
}
