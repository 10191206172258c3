// CompilerSymbols.swift: the symbol-table pass. Before emitting code the compiler needs to know,
// for every name in every scope, where it lives: a fast local, a cell (a local captured by an
// inner function), a free variable (captured from an enclosing function), a global, or — in module
// and class bodies — a name looked up by the dict-based NAME instructions.
//
// Scopes follow CPython: the module, each class body, each function and lambda, and each
// comprehension or generator expression (a hidden function whose parameter `.0` is the first
// iterable, which is evaluated in the enclosing scope). Class bodies are not visible to the
// functions nested in them. A method that mentions `super` or `__class__` gets an implicit free
// variable `__class__` the class body provides as a cell. Errors: "no binding for nonlocal 'x'
// found" (SyntaxError, as CPython's symtable raises it).

/// Where a name lives in one scope.
enum NameScope {
    case local          // fast local (functions)
    case cell           // fast local captured by an inner scope
    case free           // captured from an enclosing function
    case globalExplicit // declared `global`
    case globalImplicit // not bound anywhere visible
    case name           // module / class body: dict lookup (LOAD_NAME)
    case classDeref     // class body reading an enclosing function's variable
}

final class Scope {
    enum Kind { case module, classBody, function, lambda, comprehension }

    let kind: Kind
    let name: String
    let loc: Loc
    weak var parent: Scope?
    var children: [Scope] = []

    /// Names in order of first appearance, with what the body does with them.
    var order: [String] = []
    var bound = Set<String>()
    var used = Set<String>()
    var params: [String] = []
    var globals = Set<String>()
    var nonlocals: [String: Loc] = [:]

    var isGenerator = false
    /// `async def`, or an asynchronous comprehension: calling it makes a coroutine (an async
    /// generator when it also yields).
    var isCoroutine = false
    var usesClassCell = false      // function: uses super / __class__
    var needsClassCell = false     // class: provides __class__
    var comprehensionKind = ""     // "listcomp", ...

    // Results of the analysis.
    var scopes: [String: NameScope] = [:]
    var cells: [String] = []       // ordered
    var frees: [String] = []       // ordered

    init(kind: Kind, name: String, loc: Loc, parent: Scope?) {
        self.kind = kind
        self.name = name
        self.loc = loc
        self.parent = parent
    }

    var isFunctionLike: Bool { kind == .function || kind == .lambda || kind == .comprehension }

    func note(_ n: String) {
        if !bound.contains(n) && !used.contains(n) && !params.contains(n) { order.append(n) }
    }
    func bind(_ n: String) { note(n); bound.insert(n) }
    func use(_ n: String) { note(n); used.insert(n) }

    func scope(of n: String) -> NameScope {
        if let s = scopes[n] { return s }
        switch kind {
        case .module: return .name
        case .classBody: return .name
        default: return .globalImplicit
        }
    }
}

/// Builds the scope tree of a module and resolves every name.
struct SymbolTableBuilder {
    let source: Source
    /// Child scopes by the AST node that creates them.
    var scopeOf: [ObjectIdentifier: Scope] = [:]

    /// The first error the collection pass found (CPython's symtable errors: a name declared
    /// global/nonlocal after its use, a parameter declared global, a comprehension variable
    /// rebound by `:=`, `import *` in a function); thrown once collection is done.
    var firstError: SyntaxError? = nil

    init(source: Source) { self.source = source }

    mutating func fail(_ message: String, _ l: Loc) {
        if firstError == nil { firstError = error(message, l) }
    }

    mutating func build(_ module: Module) throws -> Scope {
        let top = Scope(kind: .module, name: "<module>", loc: Loc(line: 1, col: 0, endLine: 1, endCol: 0), parent: nil)
        for s in module.body { stmt(s, top) }
        if let e = firstError { throw e }
        _ = try analyze(top, visible: [])
        return top
    }

    // MARK: collection

    mutating func newScope(_ kind: Scope.Kind, _ name: String, _ loc: Loc, _ parent: Scope, key: AnyObject) -> Scope {
        let s = Scope(kind: kind, name: name, loc: loc, parent: parent)
        parent.children.append(s)
        scopeOf[ObjectIdentifier(key)] = s
        return s
    }

    mutating func stmts(_ body: [Stmt], _ s: Scope) {
        for st in body { stmt(st, s) }
    }

    mutating func arguments(_ a: Arguments, _ outer: Scope) {
        for d in a.defaults { expr(d, outer) }
        for case let d? in a.kwDefaults { expr(d, outer) }
    }

    mutating func params(_ a: Arguments, _ s: Scope) {
        var names = (a.posonly + a.args).map { $0.name }
        names += a.kwonly.map { $0.name }
        if let v = a.vararg { names.append(v.name) }
        if let k = a.kwarg { names.append(k.name) }
        for n in names {
            if !s.params.contains(n) { s.params.append(n) }
            s.bound.insert(n)
        }
    }

    mutating func stmt(_ st: Stmt, _ s: Scope) {
        switch st.kind {
        case .functionDef(let f):
            for d in f.decorators { expr(d, s) }
            arguments(f.args, s)
            s.bind(f.name)
            let fs = newScope(.function, f.name, st.loc, s, key: st)
            fs.isCoroutine = f.isAsync
            params(f.args, fs)
            stmts(f.body, fs)
        case .classDef(let c):
            for d in c.decorators { expr(d, s) }
            for b in c.bases { expr(b, s) }
            for k in c.keywords { expr(k.value, s) }
            s.bind(c.name)
            let cs = newScope(.classBody, c.name, st.loc, s, key: st)
            stmts(c.body, cs)
        case .return(let v):
            if let v = v { expr(v, s) }
        case .delete(let targets):
            for t in targets { target(t, s) }
        case .assign(let targets, let value):
            expr(value, s)
            for t in targets { target(t, s) }
        case .augAssign(let t, _, let value):
            expr(value, s)
            if case .name(let n) = t.kind { s.use(n); s.bind(n) } else { target(t, s); loadParts(t, s) }
        case .annAssign(let t, let annotation, let value, let simple):
            if let v = value { expr(v, s); target(t, s) }
            else if case .name(let n) = t.kind { s.bind(n) }
            // The compiler evaluates a simple name's annotation in module and class bodies (into
            // __annotations__): its names and its comprehension/lambda scopes must be known here
            // (`x: [i for i in y]` once reached the assembler with no scope for the comprehension).
            if simple, s.kind == .module || s.kind == .classBody, case .name = t.kind { expr(annotation, s) }
        case .for(let t, let iter, let body, let orelse):
            expr(iter, s)
            target(t, s)
            stmts(body, s)
            stmts(orelse, s)
        case .while(let test, let body, let orelse):
            expr(test, s)
            stmts(body, s)
            stmts(orelse, s)
        case .if(let test, let body, let orelse):
            expr(test, s)
            stmts(body, s)
            stmts(orelse, s)
        case .with(let items, let body):
            for i in items {
                expr(i.context, s)
                if let v = i.vars { target(v, s) }
            }
            stmts(body, s)
        case .raise(let exc, let cause):
            if let e = exc { expr(e, s) }
            if let c = cause { expr(c, s) }
        case .try(let body, let handlers, let orelse, let finalbody):
            stmts(body, s)
            for h in handlers {
                if let t = h.type { expr(t, s) }
                if let n = h.name { s.bind(n) }
                stmts(h.body, s)
            }
            stmts(orelse, s)
            stmts(finalbody, s)
        case .assert(let test, let msg):
            expr(test, s)
            if let m = msg { expr(m, s) }
        case .import(let names):
            for a in names {
                let n = a.asname ?? String(a.name.split(separator: ".").first ?? Substring(a.name))
                s.bind(n)
            }
        case .importFrom(_, let names, _):
            for a in names where a.name != "*" { s.bind(a.asname ?? a.name) }
            if s.kind != .module, let star = names.first(where: { $0.name == "*" }) {
                fail("import * only allowed at module level", star.loc)
            }
        case .global(let names):
            for n in names { declared(n, "global", st.loc, s); s.note(n); s.globals.insert(n) }
        case .nonlocal(let names):
            for n in names { declared(n, "nonlocal", st.loc, s); s.note(n); s.nonlocals[n] = st.loc }
        case .expr(let e):
            expr(e, s)
        case .pass, .break, .continue:
            break
        case .asyncFor(let t, let iter, let body, let orelse):
            expr(iter, s)
            target(t, s)
            stmts(body, s)
            stmts(orelse, s)
        case .asyncWith(let items, let body):
            for i in items {
                expr(i.context, s)
                if let v = i.vars { target(v, s) }
            }
            stmts(body, s)
        case .match(let subject, let cases):
            expr(subject, s)
            for c in cases {
                pattern(c.pattern, s)
                if let g = c.guard_ { expr(g, s) }
                stmts(c.body, s)
            }
        }
    }

    mutating func pattern(_ p: Pattern, _ s: Scope) {
        switch p.kind {
        case .value(let e): expr(e, s)
        case .singleton: break
        case .star(let n): if let n = n { s.bind(n) }
        case .sequence(let ps), .or(let ps): for x in ps { pattern(x, s) }
        case .mapping(let keys, let ps, let rest):
            for k in keys { expr(k, s) }
            for x in ps { pattern(x, s) }
            if let r = rest { s.bind(r) }
        case .classPattern(let cls, let ps, _, let kps):
            expr(cls, s)
            for x in ps + kps { pattern(x, s) }
        case .as(let q, let n):
            if let q = q { pattern(q, s) }
            if let n = n { s.bind(n) }
        }
    }

    /// CPython's checks on a `global`/`nonlocal` declaration of n in s, in its order.
    mutating func declared(_ n: String, _ what: String, _ l: Loc, _ s: Scope) {
        if s.globals.contains(n) || s.nonlocals[n] != nil { return }
        if s.params.contains(n) { fail("name '\(n)' is parameter and \(what)", l) }
        else if s.bound.contains(n) { fail("name '\(n)' is assigned to before \(what) declaration", l) }
        else if s.used.contains(n) { fail("name '\(n)' is used prior to \(what) declaration", l) }
    }

    /// The loads an augmented assignment to an attribute or subscript performs.
    mutating func loadParts(_ t: Expr, _ s: Scope) {
        switch t.kind {
        case .attribute(let v, _): expr(v, s)
        case .subscript(let v, let i): expr(v, s); expr(i, s)
        default: break
        }
    }

    mutating func target(_ t: Expr, _ s: Scope) {
        switch t.kind {
        case .name(let n): s.bind(n)
        case .tuple(let elts), .list(let elts): for e in elts { target(e, s) }
        case .starred(let e): target(e, s)
        case .attribute(let v, _): expr(v, s)
        case .subscript(let v, let i): expr(v, s); expr(i, s)
        default: expr(t, s)
        }
    }

    mutating func comprehension(_ e: Expr, _ kind: String, _ gens: [Comprehension], _ parts: [Expr], _ s: Scope) {
        // The first iterable is evaluated in the enclosing scope.
        expr(gens[0].iter, s)
        let cs = newScope(.comprehension, "<\(kind)>", e.loc, s, key: e)
        cs.comprehensionKind = kind
        cs.params = [".0"]
        cs.bound.insert(".0")
        if kind == "genexpr" { cs.isGenerator = true }
        cs.isCoroutine = SyntaxChecks.Checker.isAsyncComprehension(gens, parts)
        for (i, g) in gens.enumerated() {
            if i > 0 { expr(g.iter, cs) }
            target(g.target, cs)
            for c in g.ifs { expr(c, cs) }
        }
        for p in parts { expr(p, cs) }
    }

    mutating func expr(_ e: Expr, _ s: Scope) {
        switch e.kind {
        case .boolOp(_, let values): for v in values { expr(v, s) }
        case .namedExpr(let t, let v):
            expr(v, s)
            // An assignment expression in a comprehension binds in the enclosing function.
            var owner = s
            while owner.kind == .comprehension, let p = owner.parent { owner = p }
            if case .name(let n) = t.kind {
                var c: Scope? = s
                while let comp = c, comp.kind == .comprehension {
                    if comp.bound.contains(n) {
                        fail("assignment expression cannot rebind comprehension iteration variable '\(n)'", t.loc)
                        break
                    }
                    c = comp.parent
                }
                owner.bind(n)
                if owner !== s { s.use(n); s.nonlocals[n] = nil }
            }
        case .binOp(let l, _, let r): expr(l, s); expr(r, s)
        case .unaryOp(_, let o): expr(o, s)
        case .lambda(let args, let body):
            arguments(args, s)
            let ls = newScope(.lambda, "<lambda>", e.loc, s, key: e)
            params(args, ls)
            expr(body, ls)
        case .ifExp(let t, let b, let o): expr(t, s); expr(b, s); expr(o, s)
        case .dict(let keys, let values):
            for k in keys { if let k = k { expr(k, s) } }
            for v in values { expr(v, s) }
        case .set(let elts), .list(let elts), .tuple(let elts): for x in elts { expr(x, s) }
        case .listComp(let elt, let gens): comprehension(e, "listcomp", gens, [elt], s)
        case .setComp(let elt, let gens): comprehension(e, "setcomp", gens, [elt], s)
        case .generatorExp(let elt, let gens): comprehension(e, "genexpr", gens, [elt], s)
        case .dictComp(let k, let v, let gens): comprehension(e, "dictcomp", gens, [k, v], s)
        case .yield(let v):
            s.isGenerator = true
            if let v = v { expr(v, s) }
        case .yieldFrom(let v):
            s.isGenerator = true
            expr(v, s)
        case .compare(let l, _, let rs): expr(l, s); for r in rs { expr(r, s) }
        case .call(let f, let args, let keywords):
            expr(f, s)
            for a in args { expr(a, s) }
            for k in keywords { expr(k.value, s) }
        case .formattedValue(let v, _, let spec):
            expr(v, s)
            if let sp = spec { expr(sp, s) }
        case .joinedStr(let values): for v in values { expr(v, s) }
        case .constant: break
        case .attribute(let v, _): expr(v, s)
        case .subscript(let v, let i): expr(v, s); expr(i, s)
        case .starred(let v): expr(v, s)
        case .name(let n):
            s.use(n)
            if n == "super" || n == "__class__" {
                // super() needs the class and the first argument: make __class__ reachable.
                var f: Scope? = s
                while let c = f, c.kind == .comprehension { f = c.parent }
                if let fn = f, fn.kind == .function || fn.kind == .lambda { fn.usesClassCell = true }
            }
        case .await(let v):
            expr(v, s)
        case .slice(let a, let b, let c):
            if let a = a { expr(a, s) }
            if let b = b { expr(b, s) }
            if let c = c { expr(c, s) }
        }
    }

    // MARK: analysis

    func error(_ message: String, _ l: Loc) -> SyntaxError {
        SyntaxError(kind: .syntaxError, message: message, filename: source.filename, line: l.line,
                    column: source.byteColumn(line: l.line, charColumn: l.col) + 1, endLine: l.endLine,
                    endColumn: source.byteColumn(line: l.endLine, charColumn: l.endCol) + 1,
                    text: source.lineText(l.line, includeNewline: true))
    }

    /// Resolves the names of s and its children. `visible` are the names bound in enclosing
    /// function scopes. Returns the names s needs from its enclosing scopes (its free variables).
    func analyze(_ s: Scope, visible: Set<String>) throws -> [String] {
        // Names this scope binds as locals.
        var locals = Set<String>()
        if s.isFunctionLike {
            for n in s.bound where !s.globals.contains(n) && s.nonlocals[n] == nil { locals.insert(n) }
            for n in s.params { locals.insert(n) }
            for (n, l) in s.nonlocals where !visible.contains(n) {
                throw error("no binding for nonlocal '\(n)' found", l)
            }
        }
        var childVisible = visible
        if s.isFunctionLike { childVisible.formUnion(locals) }
        if s.kind == .classBody { childVisible.insert("__class__") }
        var childFrees: [String] = []
        for c in s.children {
            let f = try analyze(c, visible: childVisible)
            for n in f where !childFrees.contains(n) { childFrees.append(n) }
        }
        if s.usesClassCell && s.isFunctionLike && !locals.contains("__class__") {
            if visible.contains("__class__") && !childFrees.contains("__class__") { childFrees.append("__class__") }
        }
        var frees: [String] = []
        func addFree(_ n: String) { if !frees.contains(n) { frees.append(n) } }
        switch s.kind {
        case .module:
            for n in s.order { s.scopes[n] = s.globals.contains(n) ? .globalExplicit : .name }
        case .classBody:
            for n in s.order {
                if s.globals.contains(n) { s.scopes[n] = .globalExplicit }
                else if s.nonlocals[n] != nil { s.scopes[n] = .free; addFree(n) }
                else if s.bound.contains(n) { s.scopes[n] = .name }
                else if visible.contains(n) && n != "__class__" { s.scopes[n] = .classDeref; addFree(n) }
                else { s.scopes[n] = .name }
            }
            for n in childFrees {
                if n == "__class__" { s.needsClassCell = true; continue }
                addFree(n)
            }
        case .function, .lambda, .comprehension:
            for n in s.order + s.params {
                if s.globals.contains(n) { s.scopes[n] = .globalExplicit }
                else if s.nonlocals[n] != nil { s.scopes[n] = .free; addFree(n) }
                else if locals.contains(n) { s.scopes[n] = .local }
                else if visible.contains(n) { s.scopes[n] = .free; addFree(n) }
                else { s.scopes[n] = .globalImplicit }
            }
            if s.usesClassCell && visible.contains("__class__") && !locals.contains("__class__") {
                s.scopes["__class__"] = .free
                addFree("__class__")
            }
            for n in childFrees {
                if locals.contains(n) {
                    s.scopes[n] = .cell
                    if !s.cells.contains(n) { s.cells.append(n) }
                } else {
                    if s.scopes[n] == nil || s.scopes[n] == .globalImplicit { s.scopes[n] = .free }
                    addFree(n)
                }
            }
        }
        s.frees = frees
        return frees
    }
}
