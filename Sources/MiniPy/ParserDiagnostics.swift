// ParserDiagnostics.swift: assignment-target validation and CPython 3.11's friendlier syntax errors.
//
// CPython parses a failing file a second time with extra "invalid_*" grammar rules that recognise
// common mistakes and explain them ("cannot assign to function call here. Maybe you meant '=='
// instead of '='?", "invalid syntax. Perhaps you forgot a comma?", "Missing parentheses in call to
// 'print'..."). This parser has a single pass; the functions here are called at the points where those
// rules would match and reproduce their messages and locations. They only run on code that is already
// invalid, so they may re-parse a little (with `probe`) without costing valid programs anything.

extension Parser {
    enum TargetContext {
        case store, forTarget, del
    }

    /// The first sub-expression that cannot be assigned (or deleted), or nil if `e` is a valid target.
    func invalidTarget(_ e: Expr, _ context: TargetContext) -> Expr? {
        switch e.kind {
        case .name, .attribute, .subscript:
            return nil
        case .list(let elts), .tuple(let elts):
            for x in elts {
                if let bad = invalidTarget(x, context) { return bad }
            }
            return nil
        case .starred(let value):
            if context == .del { return e }
            return invalidTarget(value, context)
        case .compare(let left, let ops, _):
            if context == .forTarget {
                return ops[0] == .in ? invalidTarget(left, context) : nil
            }
            return e
        default:
            return e
        }
    }

    /// How CPython's messages name a kind of expression ("function call", "literal", ...).
    func exprName(_ e: Expr) -> String {
        switch e.kind {
        case .attribute: return "attribute"
        case .subscript: return "subscript"
        case .starred: return "starred"
        case .name: return "name"
        case .list: return "list"
        case .tuple: return "tuple"
        case .lambda: return "lambda"
        case .call: return "function call"
        case .boolOp, .binOp, .unaryOp: return "expression"
        case .await: return "await expression"
        case .generatorExp: return "generator expression"
        case .yield, .yieldFrom: return "yield expression"
        case .listComp: return "list comprehension"
        case .setComp: return "set comprehension"
        case .dictComp: return "dict comprehension"
        case .dict: return "dict literal"
        case .set: return "set display"
        case .joinedStr, .formattedValue: return "f-string expression"
        case .constant(let c):
            switch c {
            case .none: return "None"
            case .bool(let b): return b ? "True" : "False"
            case .ellipsis: return "ellipsis"
            default: return "literal"
            }
        case .compare: return "comparison"
        case .ifExp: return "conditional expression"
        case .namedExpr: return "named expression"
        case .slice: return "slice"
        }
    }

    /// Parses from token `index` (default: here) speculatively, then puts everything back.
    /// Returns the result and the last token it consumed.
    func probe<T>(at index: Int? = nil, _ body: () throws -> T) -> (T, Token)? {
        let saveP = p, saveLast = last, saveFurthest = furthest
        if let index = index { p = index }
        speculating += 1
        defer {
            speculating -= 1
            p = saveP
            last = saveLast
            furthest = saveFurthest
        }
        guard let value = try? body() else { return nil }
        return (value, last)
    }

    func checkAnnotationTarget(_ e: Expr) throws {
        switch e.kind {
        case .name, .attribute, .subscript:
            return
        case .tuple:
            throw error("only single target (not tuple) can be annotated", e.loc)
        case .list:
            throw error("only single target (not list) can be annotated", e.loc)
        default:
            throw error("illegal target for annotation", e.loc)
        }
    }

    /// `t1 = t2 = ... = value`: every target must be assignable.
    func checkAssignmentTargets(_ targets: [Expr], firstEqual: Int) throws {
        var bad: Expr?
        for t in targets {
            if let b = invalidTarget(t, .store) {
                if !t.parenthesized, case .yield = t.kind {
                    throw error("assignment to yield expression not possible", t.loc)
                }
                if !t.parenthesized, case .yieldFrom = t.kind {
                    throw error("assignment to yield expression not possible", t.loc)
                }
                bad = b
                break
            }
        }
        guard let invalid = bad else { return }
        if speculating == 0 {
            var element = targets[0]
            if case .tuple(let elts) = element.kind, !element.parenthesized, let lastElt = elts.last {
                element = lastElt
            }
            if let failure = equalsMistake(element, equalIndex: firstEqual) { throw failure }
        }
        throw error("cannot assign to \(exprName(invalid))", invalid.loc)
    }

    /// `e = ...` where only an expression was expected (an `if` condition, a list element, ...).
    func checkEqualsInExpression(_ e: Expr) throws {
        if let failure = equalsMistake(e, equalIndex: p) { throw failure }
    }

    /// CPython's invalid_named_expression: `name = x` suggests '==' or ':='; `f() = x` (any
    /// bitwise-or level expression but a list, tuple, generator or True/False/None) suggests '=='.
    /// Both need a bitwise-or expression after the '=' that is not followed by another '=' or ':='.
    func equalsMistake(_ e: Expr, equalIndex: Int) -> Failure? {
        if !e.parenthesized {
            switch e.kind {
            case .compare, .boolOp, .lambda, .ifExp, .namedExpr, .starred, .yield, .yieldFrom, .tuple:
                return nil
            case .unaryOp(let op, _) where op == .not:
                return nil
            default:
                break
            }
        }
        var isName = false
        if case .name = e.kind, !e.parenthesized { isName = true }
        if !isName && startsWithExcludedAtom(e) { return nil }
        guard let (rhs, _) = probe(at: equalIndex + 1, { () throws -> (Expr, TokenKind) in
            let value = try self.bitwiseOr()
            return (value, self.kind)
        }) else { return nil }
        let (value, following) = rhs
        if following == .equal || following == .colonEqual { return nil }
        if isName {
            return error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", Loc(from: e.loc, to: value.loc))
        }
        return error("cannot assign to \(exprName(e)) here. Maybe you meant '==' instead of '='?", e.loc)
    }

    /// Whether the expression's first atom is a list display, a parenthesized tuple or generator,
    /// or True/False/None (CPython's `!(list|tuple|genexp|'True'|'None'|'False')` lookahead).
    func startsWithExcludedAtom(_ e: Expr) -> Bool {
        var x = e
        while !x.parenthesized {
            switch x.kind {
            case .call(let f, _, _): x = f
            case .attribute(let v, _): x = v
            case .subscript(let v, _): x = v
            case .binOp(let l, _, _): x = l
            case .list: return true
            case .constant(let c): return c == .none || c == .bool(true) || c == .bool(false)
            default: return false
            }
        }
        switch x.kind {
        case .tuple, .generatorExp: return true
        default: return false
        }
    }

    /// Called when an expression is directly followed by something that starts another expression.
    /// Reports `print x` (Python 2 style) and, inside brackets, a missing comma: `[1, 2 3]`.
    func checkJuxtaposedExpressions(_ a: Expr, startIndex: Int) throws {
        if case .name(let id) = a.kind, !a.parenthesized, id == "print" || id == "exec" {
            if kind != .lpar, let (b, _) = probe({ try self.starExpressions() }) {
                throw error("Missing parentheses in call to '\(id)'. Did you mean \(id)(...)?", Loc(from: a.loc, to: b.loc))
            }
            return
        }
        let first = tokens[startIndex]
        if first.kind == .name {
            if startIndex + 1 < tokens.count && tokens[startIndex + 1].kind == .string { return }
            let word = text(first)
            if word == "match" || word == "case" || word == "_" { return }
        }
        if let (b, lastToken) = probe({ try self.expression() }), lastToken.level > 0 {
            throw error("invalid syntax. Perhaps you forgot a comma?", Loc(from: a.loc, to: b.loc))
        }
    }
}
