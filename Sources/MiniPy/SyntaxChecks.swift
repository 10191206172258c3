// SyntaxChecks.swift: the syntax errors CPython only raises after parsing succeeds.
//
// Some mistakes parse fine and are rejected by CPython's symbol-table pass or compiler instead:
// `return`/`yield` outside a function, `break`/`continue` outside a loop, `nonlocal` at module level,
// a duplicate parameter name, a starred expression where none is allowed, a repeated keyword
// argument. Running them here, on the finished tree, keeps the order CPython reports them in: a
// real parse error anywhere in the file comes first, then symbol-table errors (in source order),
// then compiler errors (in source order). The compiler can rely on a tree that passed these checks.

enum SyntaxChecks {
    static func check(_ body: [Stmt], source: Source) throws {
        var checker = Checker(source: source)
        checker.block(body, Scope(function: false, loop: false, module: true))
        if let e = checker.symtableError ?? checker.compileError { throw e }
    }

    struct Scope {
        var function: Bool
        var loop: Bool
        var module: Bool
        /// Inside a comprehension: its kind ("list comprehension", ...), where yield is refused.
        var comprehension: String? = nil
        /// Directly inside an `async def` (or a comprehension in one).
        var asyncFunction: Bool = false
    }

    struct Checker {
        let source: Source
        var symtableError: SyntaxError?
        var compileError: SyntaxError?

        init(source: Source) {
            self.source = source
        }

        func make(_ message: String, _ l: Loc) -> SyntaxError {
            SyntaxError(kind: .syntaxError, message: message, filename: source.filename, line: l.line,
                        column: source.byteColumn(line: l.line, charColumn: l.col) + 1, endLine: l.endLine,
                        endColumn: source.byteColumn(line: l.endLine, charColumn: l.endCol) + 1,
                        text: source.lineText(l.line, includeNewline: true))
        }

        mutating func symtable(_ message: String, _ l: Loc) {
            if symtableError == nil { symtableError = make(message, l) }
        }

        mutating func compile(_ message: String, _ l: Loc) {
            if compileError == nil { compileError = make(message, l) }
        }

        mutating func block(_ body: [Stmt], _ scope: Scope) {
            for s in body { stmt(s, scope) }
        }

        mutating func arguments(_ a: Arguments, _ scope: Scope) {
            for d in a.defaults { expr(d, scope) }
            for case let d? in a.kwDefaults { expr(d, scope) }
            var seen = Set<String>()
            var all = a.posonly + a.args
            if let v = a.vararg { all.append(v) }
            all += a.kwonly
            if let k = a.kwarg { all.append(k) }
            for arg in all {
                if let ann = arg.annotation { expr(ann, scope) }
                if !seen.insert(arg.name).inserted {
                    symtable("duplicate argument '\(arg.name)' in function definition", arg.loc)
                }
            }
        }

        mutating func keywords(_ ks: [Keyword], _ scope: Scope) {
            var seen = Set<String>()
            for k in ks {
                expr(k.value, scope)
                if let name = k.name, !seen.insert(name).inserted {
                    compile("keyword argument repeated: \(name)", k.loc)
                }
            }
        }

        mutating func stmt(_ s: Stmt, _ scope: Scope) {
            switch s.kind {
            case .functionDef(let f):
                for d in f.decorators { expr(d, scope) }
                arguments(f.args, scope)
                if let r = f.returns { expr(r, scope) }
                block(f.body, Scope(function: true, loop: false, module: false, asyncFunction: f.isAsync))
            case .classDef(let c):
                for d in c.decorators { expr(d, scope) }
                starAllowed(c.bases, scope)
                keywords(c.keywords, scope)
                block(c.body, Scope(function: false, loop: false, module: false))
            case .return(let value):
                if !scope.function { compile("'return' outside function", s.loc) }
                if let v = value { expr(v, scope) }
            case .delete(let targets):
                for t in targets { expr(t, scope) }
            case .assign(let targets, let value):
                expr(value, scope)
                for t in targets { target(t, scope) }
            case .augAssign(let t, _, let value):
                expr(t, scope)
                expr(value, scope)
            case .annAssign(let t, let annotation, let value, _):
                if let v = value { expr(v, scope) }
                target(t, scope)
                expr(annotation, scope)
            case .for(let t, let iter, let body, let orelse):
                expr(iter, scope)
                target(t, scope)
                var inner = scope
                inner.loop = true
                block(body, inner)
                block(orelse, scope)
            case .while(let test, let body, let orelse):
                expr(test, scope)
                var inner = scope
                inner.loop = true
                block(body, inner)
                block(orelse, scope)
            case .if(let test, let body, let orelse):
                expr(test, scope)
                block(body, scope)
                block(orelse, scope)
            case .with(let items, let body):
                for item in items {
                    expr(item.context, scope)
                    if let v = item.vars { target(v, scope) }
                }
                block(body, scope)
            case .raise(let exc, let cause):
                if let e = exc { expr(e, scope) }
                if let c = cause { expr(c, scope) }
            case .try(let body, let handlers, let orelse, let finalbody):
                block(body, scope)
                for h in handlers {
                    if let t = h.type { expr(t, scope) }
                    block(h.body, scope)
                }
                block(orelse, scope)
                block(finalbody, scope)
            case .assert(let test, let msg):
                expr(test, scope)
                if let m = msg { expr(m, scope) }
            case .nonlocal:
                if scope.module { symtable("nonlocal declaration not allowed at module level", s.loc) }
            case .expr(let e):
                expr(e, scope)
            case .break:
                if !scope.loop { compile("'break' outside loop", s.loc) }
            case .continue:
                if !scope.loop { compile("'continue' not properly in loop", s.loc) }
            case .import, .importFrom, .global, .pass:
                break
            case .asyncFor(let t, let iter, let body, let orelse):
                if !scope.asyncFunction { compile("'async for' outside async function", s.loc) }
                expr(iter, scope)
                target(t, scope)
                var inner = scope
                inner.loop = true
                block(body, inner)
                block(orelse, scope)
            case .asyncWith(let items, let body):
                if !scope.asyncFunction { compile("'async with' outside async function", s.loc) }
                for item in items {
                    expr(item.context, scope)
                    if let v = item.vars { target(v, scope) }
                }
                block(body, scope)
            case .match(let subject, let cases):
                expr(subject, scope)
                for c in cases {
                    patternExprs(c.pattern, scope)
                    if let g = c.guard_ { expr(g, scope) }
                    block(c.body, scope)
                }
            }
        }

        /// The expressions inside a pattern (values, class names, mapping keys).
        mutating func patternExprs(_ p: Pattern, _ scope: Scope) {
            switch p.kind {
            case .value(let e): expr(e, scope)
            case .singleton, .star: break
            case .sequence(let ps), .or(let ps): for x in ps { patternExprs(x, scope) }
            case .mapping(let keys, let ps, _):
                for k in keys { expr(k, scope) }
                for x in ps { patternExprs(x, scope) }
            case .classPattern(let cls, let ps, _, let kps):
                expr(cls, scope)
                for x in ps + kps { patternExprs(x, scope) }
            case .as(let q, _): if let q = q { patternExprs(q, scope) }
            }
        }

        /// Whether a comprehension is asynchronous: an `async for` clause, an `await` in it, or a
        /// nested asynchronous comprehension that is not a generator expression.
        static func isAsyncComprehension(_ gens: [Comprehension], _ parts: [Expr]) -> Bool {
            if gens.contains(where: { $0.isAsync }) { return true }
            var exprs = parts
            for (i, g) in gens.enumerated() {
                if i > 0 { exprs.append(g.iter) }
                exprs += g.ifs
            }
            return exprs.contains { containsAwait($0) }
        }

        /// An `await` (or a nested async list/set/dict comprehension) in e, outside lambdas.
        static func containsAwait(_ e: Expr) -> Bool {
            var found = false
            func visit(_ e: Expr) {
                if found { return }
                switch e.kind {
                case .await: found = true
                case .lambda, .generatorExp: return
                case .listComp(let elt, let gens), .setComp(let elt, let gens):
                    if isAsyncComprehension(gens, [elt]) { found = true; return }
                    visit(gens[0].iter)
                case .dictComp(let k, let v, let gens):
                    if isAsyncComprehension(gens, [k, v]) { found = true; return }
                    visit(gens[0].iter)
                default:
                    forEachChild(e, visit)
                }
            }
            visit(e)
            return found
        }

        /// Calls f on each direct sub-expression of e (not entering lambda bodies' scopes specially).
        static func forEachChild(_ e: Expr, _ f: (Expr) -> Void) {
            switch e.kind {
            case .boolOp(_, let vs), .set(let vs), .list(let vs), .tuple(let vs), .joinedStr(let vs): vs.forEach(f)
            case .namedExpr(let t, let v): f(t); f(v)
            case .binOp(let l, _, let r): f(l); f(r)
            case .unaryOp(_, let o), .starred(let o), .await(let o), .yieldFrom(let o): f(o)
            case .lambda(_, let b): f(b)
            case .ifExp(let a, let b, let c): f(a); f(b); f(c)
            case .dict(let ks, let vs): ks.forEach { if let k = $0 { f(k) } }; vs.forEach(f)
            case .listComp(let elt, let gens), .setComp(let elt, let gens), .generatorExp(let elt, let gens):
                f(elt)
                for g in gens { f(g.iter); g.ifs.forEach(f) }
            case .dictComp(let k, let v, let gens):
                f(k); f(v)
                for g in gens { f(g.iter); g.ifs.forEach(f) }
            case .yield(let v): if let v = v { f(v) }
            case .compare(let l, _, let rs): f(l); rs.forEach(f)
            case .call(let fn, let args, let kws): f(fn); args.forEach(f); kws.forEach { f($0.value) }
            case .formattedValue(let v, _, let spec): f(v); if let s = spec { f(s) }
            case .attribute(let v, _): f(v)
            case .subscript(let v, let i): f(v); f(i)
            case .slice(let a, let b, let c): [a, b, c].forEach { if let x = $0 { f(x) } }
            case .constant, .name: break
            }
        }

        /// An assignment target (stored to).
        mutating func target(_ t: Expr, _ scope: Scope) {
            switch t.kind {
            case .starred:
                compile("starred assignment target must be in a list or tuple", t.loc)
            case .tuple(let elts), .list(let elts):
                var stars = 0
                for e in elts {
                    if case .starred(let inner) = e.kind {
                        stars += 1
                        target(inner, scope)
                    } else {
                        target(e, scope)
                    }
                }
                if stars > 1 { compile("multiple starred expressions in assignment", t.loc) }
            default:
                expr(t, scope)
            }
        }

        /// Elements where `*x` is allowed (displays, call arguments).
        mutating func starAllowed(_ elts: [Expr], _ scope: Scope) {
            for e in elts {
                if case .starred(let inner) = e.kind {
                    expr(inner, scope)
                } else {
                    expr(e, scope)
                }
            }
        }

        mutating func comprehension(_ e: Expr, _ gens: [Comprehension], _ scope: Scope, _ what: String, _ parts: [Expr]) {
            var inner = scope
            inner.comprehension = what
            if Checker.isAsyncComprehension(gens, parts) {
                if what != "generator expression" && !scope.asyncFunction {
                    compile("asynchronous comprehension outside of an asynchronous function", e.loc)
                }
                inner.asyncFunction = true
            }
            for (i, g) in gens.enumerated() {
                expr(g.iter, i == 0 ? scope : inner)
                target(g.target, inner)
                for c in g.ifs { expr(c, inner) }
            }
            for p in parts { expr(p, inner) }
        }

        mutating func yieldCheck(_ e: Expr, _ scope: Scope) {
            if let what = scope.comprehension {
                symtable("'yield' inside \(what)", e.loc)
            } else if !scope.function {
                compile("'yield' outside function", e.loc)
            }
        }

        mutating func expr(_ e: Expr, _ scope: Scope) {
            switch e.kind {
            case .boolOp(_, let values):
                for v in values { expr(v, scope) }
            case .namedExpr(let t, let value):
                expr(value, scope)
                expr(t, scope)
            case .binOp(let l, _, let r):
                expr(l, scope)
                expr(r, scope)
            case .unaryOp(_, let operand):
                expr(operand, scope)
            case .lambda(let args, let body):
                arguments(args, scope)
                expr(body, Scope(function: true, loop: false, module: false))
            case .ifExp(let test, let body, let orelse):
                expr(test, scope)
                expr(body, scope)
                expr(orelse, scope)
            case .dict(let keys, let values):
                for (k, v) in zip(keys, values) {
                    if let k = k { expr(k, scope) }
                    expr(v, scope)
                }
            case .set(let elts), .list(let elts), .tuple(let elts):
                starAllowed(elts, scope)
            case .listComp(let elt, let gens):
                comprehension(e, gens, scope, "list comprehension", [elt])
            case .setComp(let elt, let gens):
                comprehension(e, gens, scope, "set comprehension", [elt])
            case .generatorExp(let elt, let gens):
                comprehension(e, gens, scope, "generator expression", [elt])
            case .dictComp(let key, let value, let gens):
                comprehension(e, gens, scope, "dict comprehension", [key, value])
            case .yield(let value):
                yieldCheck(e, scope)
                if let v = value { expr(v, scope) }
            case .yieldFrom(let value):
                yieldCheck(e, scope)
                if scope.asyncFunction && scope.comprehension == nil && scope.function {
                    compile("'yield from' inside async function", e.loc)
                }
                expr(value, scope)
            case .await(let value):
                if !scope.asyncFunction {
                    compile(scope.function ? "'await' outside async function" : "'await' outside function", e.loc)
                }
                expr(value, scope)
            case .compare(let left, _, let comparators):
                expr(left, scope)
                for c in comparators { expr(c, scope) }
            case .call(let f, let args, let kws):
                expr(f, scope)
                starAllowed(args, scope)
                keywords(kws, scope)
            case .formattedValue(let value, _, let spec):
                expr(value, scope)
                if let sp = spec { expr(sp, scope) }
            case .joinedStr(let values):
                for v in values { expr(v, scope) }
            case .attribute(let value, _):
                expr(value, scope)
            case .subscript(let value, let index):
                expr(value, scope)
                expr(index, scope)
            case .starred:
                compile("can't use starred expression here", e.loc)
            case .slice(let lower, let upper, let step):
                if let x = lower { expr(x, scope) }
                if let x = upper { expr(x, scope) }
                if let x = step { expr(x, scope) }
            case .constant, .name:
                break
            }
        }
    }
}
