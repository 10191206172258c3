// ASTDump.swift: the syntax tree's S-expression form, `dump()`, which the parser and compiler
// tests compare against, and the compiler uses to compare mapping-pattern keys. E.g. `x = f(1, *a, k=2)`
// dumps as `(Assign x = (Call f 1 (* a) (kw k 2)))`; `dump(locations: true)` adds
// `@line:col-endLine:endCol` after each expression and statement. The form of every node is
// documented on `Dumper` below; the node types themselves are in AST.swift.

extension Expr {
    /// The S-expression form (see `Dumper`); with `locations`, each node carries `@line:col-endLine:endCol`.
    public func dump(locations: Bool = false) -> String {
        var d = Dumper(locations: locations)
        d.expr(self)
        return d.out
    }
}

extension Stmt {
    /// The S-expression form (see `Dumper`); with `locations`, each node carries `@line:col-endLine:endCol`.
    public func dump(locations: Bool = false) -> String {
        var d = Dumper(locations: locations)
        d.stmt(self)
        return d.out
    }
}

extension Module {
    /// One line per top-level statement.
    public func dump(locations: Bool = false) -> String {
        body.map { $0.dump(locations: locations) }.joined(separator: "\n")
    }
}

/// The S-expression printer behind `dump()`.
///
///   names `x`; constants `None True False ... 42 0x1f 1.5 'text' b'bytes'`;
///   operators `(+ a b)` `(- a)` `(not a)` `(and a b)` `(or a b)` `(Compare a < b in c)`
///   `(IfExp test body orelse)` `(:= x v)` `(Lambda (args ...) body)` `(. value attr)`
///   `([] value index)` `(Slice lo hi step)` with `_` for a missing part, `(* x)` starred,
///   `(Call f arg (* args) (kw name value) (** kwargs))`, `(Tuple ...)` `(List ...)` `(Set ...)`
///   `(Dict (k v) (** m))`, `(ListComp elt (for target iter (if cond)...)...)` and likewise
///   SetComp/GeneratorExp/`(DictComp k v ...)`, `(Yield x)` `(YieldFrom x)`,
///   `(JoinedStr 'text' (Fmt value !r (JoinedStr ...)))`.
///   Statements: `(Expr e)` `(Assign t1 = t2 = value)` `(AugAssign t += v)` `(AnnAssign t ann [v])`
///   (`AnnAssign*` when not simple) `(If test [body] [orelse])` `(While ...)` `(For t iter [..] [..])`
///   `(With (as ctx var) ctx2 [body])` `(Try [body] (except T name [..]) (else [..]) (finally [..]))`
///   `(Raise exc (from cause))` `(Assert test msg)` `(Import a.b (as a c))` `(ImportFrom ..mod (as b c) d)`
///   `(Global a b)` `(Nonlocal a)` `(Delete a b)` `(Return v)` `(Pass)` `(Break)` `(Continue)`
///   `(FunctionDef name (args a b:int=1 / c *d e=2 **f) [body] (-> ret) (@ dec...))`
///   `(ClassDef name (bases B) (kw k v) [body] (@ dec...))`. Empty optional parts are omitted.
struct Dumper {
    var out = ""
    /// Append each expression's and statement's location as `@line:col-endLine:endCol` after its head.
    var locations = false

    init(locations: Bool = false) {
        self.locations = locations
    }

    static func insertLocation(_ text: String, _ loc: Loc) -> String {
        guard text.hasPrefix("("), let cut = text.firstIndex(where: { $0 == " " || $0 == ")" }) else {
            return text + "@\(loc)"
        }
        return String(text[..<cut]) + "@\(loc)" + String(text[cut...])
    }

    mutating func expr(_ e: Expr) {
        if !locations {
            exprBody(e)
            return
        }
        var inner = Dumper(locations: true)
        inner.exprBody(e)
        out += Dumper.insertLocation(inner.out, e.loc)
    }

    mutating func stmt(_ s: Stmt) {
        if !locations {
            stmtBody(s)
            return
        }
        var inner = Dumper(locations: true)
        inner.stmtBody(s)
        out += Dumper.insertLocation(inner.out, s.loc)
    }

    mutating func list(_ items: [Expr]) {
        for e in items {
            out += " "
            expr(e)
        }
    }

    mutating func optional(_ e: Expr?) {
        if let e = e { expr(e) } else { out += "_" }
    }

    mutating func block(_ body: [Stmt]) {
        out += " ["
        for (i, s) in body.enumerated() {
            if i > 0 { out += " " }
            stmt(s)
        }
        out += "]"
    }

    mutating func generators(_ gens: [Comprehension]) {
        for g in gens {
            out += g.isAsync ? " (async-for " : " (for "
            expr(g.target)
            out += " "
            expr(g.iter)
            for c in g.ifs {
                out += " (if "
                expr(c)
                out += ")"
            }
            out += ")"
        }
    }

    mutating func keyword(_ k: Keyword) {
        if let name = k.name {
            out += "(kw \(name) "
        } else {
            out += "(** "
        }
        expr(k.value)
        out += ")"
    }

    static func repr(_ s: String) -> String {
        var r = "'"
        for u in s.unicodeScalars {
            switch u {
            case "\\": r += "\\\\"
            case "'": r += "\\'"
            case "\n": r += "\\n"
            case "\t": r += "\\t"
            case "\r": r += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    r += "\\x" + (u.value < 16 ? "0" : "") + String(u.value, radix: 16)
                } else {
                    r.unicodeScalars.append(u)
                }
            }
        }
        return r + "'"
    }

    static func repr(_ b: [UInt8]) -> String {
        var r = "b'"
        for c in b {
            switch c {
            case 0x5C: r += "\\\\"
            case 0x27: r += "\\'"
            case 0x0A: r += "\\n"
            case 0x09: r += "\\t"
            case 0x0D: r += "\\r"
            default:
                if c < 0x20 || c >= 0x7F {
                    r += "\\x" + (c < 16 ? "0" : "") + String(c, radix: 16)
                } else {
                    r.unicodeScalars.append(UnicodeScalar(c))
                }
            }
        }
        return r + "'"
    }

    mutating func constant(_ c: Constant) {
        switch c {
        case .none: out += "None"
        case .bool(let b): out += b ? "True" : "False"
        case .ellipsis: out += "..."
        case .int(let i):
            switch i.radix {
            case 16: out += "0x" + i.digits
            case 8: out += "0o" + i.digits
            case 2: out += "0b" + i.digits
            default: out += i.digits
            }
        case .float(let d): out += "\(d)"
        case .str(let s): out += Dumper.repr(s)
        case .bytes(let b): out += Dumper.repr(b)
        case .complex(let d): out += "\(d)j"
        }
    }

    mutating func arguments(_ a: Arguments) {
        out += "(args"
        let positional = a.posonly + a.args
        let firstDefault = positional.count - a.defaults.count
        func arg(_ p: Arg, _ d: inout Dumper) {
            d.out += " " + p.name
            if let ann = p.annotation {
                d.out += ":"
                d.expr(ann)
            }
        }
        for (i, p) in positional.enumerated() {
            arg(p, &self)
            if i >= firstDefault {
                out += "="
                expr(a.defaults[i - firstDefault])
            }
            if i == a.posonly.count - 1 { out += " /" }
        }
        if let v = a.vararg {
            out += " *" + v.name
            if let ann = v.annotation {
                out += ":"
                expr(ann)
            }
        } else if !a.kwonly.isEmpty {
            out += " *"
        }
        for (i, p) in a.kwonly.enumerated() {
            arg(p, &self)
            if let d = a.kwDefaults[i] {
                out += "="
                expr(d)
            }
        }
        if let k = a.kwarg {
            out += " **" + k.name
            if let ann = k.annotation {
                out += ":"
                expr(ann)
            }
        }
        out += ")"
    }

    mutating func exprBody(_ e: Expr) {
        switch e.kind {
        case .boolOp(let op, let values):
            out += op == .and ? "(and" : "(or"
            list(values)
            out += ")"
        case .namedExpr(let target, let value):
            out += "(:= "
            expr(target)
            out += " "
            expr(value)
            out += ")"
        case .binOp(let l, let op, let r):
            out += "(" + op.rawValue + " "
            expr(l)
            out += " "
            expr(r)
            out += ")"
        case .unaryOp(let op, let operand):
            out += "(" + op.rawValue + " "
            expr(operand)
            out += ")"
        case .lambda(let args, let body):
            out += "(Lambda "
            arguments(args)
            out += " "
            expr(body)
            out += ")"
        case .ifExp(let test, let body, let orelse):
            out += "(IfExp "
            expr(test)
            out += " "
            expr(body)
            out += " "
            expr(orelse)
            out += ")"
        case .dict(let keys, let values):
            out += "(Dict"
            for (k, v) in zip(keys, values) {
                if let k = k {
                    out += " ("
                    expr(k)
                    out += " "
                } else {
                    out += " (** "
                }
                expr(v)
                out += ")"
            }
            out += ")"
        case .set(let elts):
            out += "(Set"
            list(elts)
            out += ")"
        case .listComp(let elt, let gens):
            out += "(ListComp "
            expr(elt)
            generators(gens)
            out += ")"
        case .setComp(let elt, let gens):
            out += "(SetComp "
            expr(elt)
            generators(gens)
            out += ")"
        case .generatorExp(let elt, let gens):
            out += "(GeneratorExp "
            expr(elt)
            generators(gens)
            out += ")"
        case .dictComp(let key, let value, let gens):
            out += "(DictComp "
            expr(key)
            out += " "
            expr(value)
            generators(gens)
            out += ")"
        case .yield(let value):
            out += "(Yield"
            if let v = value {
                out += " "
                expr(v)
            }
            out += ")"
        case .yieldFrom(let value):
            out += "(YieldFrom "
            expr(value)
            out += ")"
        case .compare(let left, let ops, let comparators):
            out += "(Compare "
            expr(left)
            for (op, c) in zip(ops, comparators) {
                out += " " + op.rawValue + " "
                expr(c)
            }
            out += ")"
        case .call(let f, let args, let keywords):
            out += "(Call "
            expr(f)
            list(args)
            for k in keywords {
                out += " "
                keyword(k)
            }
            out += ")"
        case .formattedValue(let value, let conversion, let spec):
            out += "(Fmt "
            expr(value)
            if let c = conversion { out += " !" + String(c.rawValue) }
            if let s = spec {
                out += " "
                expr(s)
            }
            out += ")"
        case .joinedStr(let values):
            out += "(JoinedStr"
            list(values)
            out += ")"
        case .constant(let c):
            constant(c)
        case .attribute(let value, let attr):
            out += "(. "
            expr(value)
            out += " " + attr + ")"
        case .subscript(let value, let index):
            out += "([] "
            expr(value)
            out += " "
            expr(index)
            out += ")"
        case .starred(let value):
            out += "(* "
            expr(value)
            out += ")"
        case .name(let id):
            out += id
        case .list(let elts):
            out += "(List"
            list(elts)
            out += ")"
        case .tuple(let elts):
            out += "(Tuple"
            list(elts)
            out += ")"
        case .await(let v):
            out += "(Await "
            expr(v)
            out += ")"
        case .slice(let lower, let upper, let step):
            out += "(Slice "
            optional(lower)
            out += " "
            optional(upper)
            out += " "
            optional(step)
            out += ")"
        }
    }

    mutating func pattern(_ p: Pattern) {
        switch p.kind {
        case .value(let e): expr(e)
        case .singleton(let c): constant(c)
        case .sequence(let ps):
            out += "(SeqP"
            for x in ps { out += " "; pattern(x) }
            out += ")"
        case .mapping(let keys, let ps, let rest):
            out += "(MapP"
            for (k, x) in zip(keys, ps) { out += " ("; expr(k); out += " "; pattern(x); out += ")" }
            if let r = rest { out += " (** \(r))" }
            out += ")"
        case .classPattern(let cls, let ps, let names, let kps):
            out += "(ClassP "
            expr(cls)
            for x in ps { out += " "; pattern(x) }
            for (n, x) in zip(names, kps) { out += " (kw \(n) "; pattern(x); out += ")" }
            out += ")"
        case .star(let n): out += "(* \(n ?? "_"))"
        case .as(let q, let n):
            if let q = q {
                out += "(as "
                pattern(q)
                out += " \(n ?? "_"))"
            } else {
                out += n ?? "_"
            }
        case .or(let ps):
            out += "(|"
            for x in ps { out += " "; pattern(x) }
            out += ")"
        }
    }

    mutating func withItems(_ items: [WithItem]) {
        for item in items {
            out += " "
            if let v = item.vars {
                out += "(as "
                expr(item.context)
                out += " "
                expr(v)
                out += ")"
            } else {
                expr(item.context)
            }
        }
    }

    mutating func stmtBody(_ s: Stmt) {
        switch s.kind {
        case .asyncFor(let target, let iter, let body, let orelse):
            out += "(AsyncFor "
            expr(target)
            out += " "
            expr(iter)
            block(body)
            if !orelse.isEmpty { block(orelse) }
            out += ")"
        case .asyncWith(let items, let body):
            out += "(AsyncWith"
            withItems(items)
            block(body)
            out += ")"
        case .match(let subject, let cases):
            out += "(Match "
            expr(subject)
            for c in cases {
                out += " (case "
                pattern(c.pattern)
                if let g = c.guard_ {
                    out += " (if "
                    expr(g)
                    out += ")"
                }
                block(c.body)
                out += ")"
            }
            out += ")"

        case .functionDef(let f):
            out += (f.isAsync ? "(AsyncFunctionDef " : "(FunctionDef ") + f.name + " "
            arguments(f.args)
            block(f.body)
            if let r = f.returns {
                out += " (-> "
                expr(r)
                out += ")"
            }
            if !f.decorators.isEmpty {
                out += " (@"
                list(f.decorators)
                out += ")"
            }
            out += ")"
        case .classDef(let c):
            out += "(ClassDef " + c.name
            if !c.bases.isEmpty {
                out += " (bases"
                list(c.bases)
                out += ")"
            }
            for k in c.keywords {
                out += " "
                keyword(k)
            }
            block(c.body)
            if !c.decorators.isEmpty {
                out += " (@"
                list(c.decorators)
                out += ")"
            }
            out += ")"
        case .return(let value):
            out += "(Return"
            if let v = value {
                out += " "
                expr(v)
            }
            out += ")"
        case .delete(let targets):
            out += "(Delete"
            list(targets)
            out += ")"
        case .assign(let targets, let value):
            out += "(Assign"
            for t in targets {
                out += " "
                expr(t)
                out += " ="
            }
            out += " "
            expr(value)
            out += ")"
        case .augAssign(let target, let op, let value):
            out += "(AugAssign "
            expr(target)
            out += " " + op.rawValue + "= "
            expr(value)
            out += ")"
        case .annAssign(let target, let annotation, let value, let simple):
            out += simple ? "(AnnAssign " : "(AnnAssign* "
            expr(target)
            out += " "
            expr(annotation)
            if let v = value {
                out += " "
                expr(v)
            }
            out += ")"
        case .for(let target, let iter, let body, let orelse):
            out += "(For "
            expr(target)
            out += " "
            expr(iter)
            block(body)
            if !orelse.isEmpty { block(orelse) }
            out += ")"
        case .while(let test, let body, let orelse):
            out += "(While "
            expr(test)
            block(body)
            if !orelse.isEmpty { block(orelse) }
            out += ")"
        case .if(let test, let body, let orelse):
            out += "(If "
            expr(test)
            block(body)
            if !orelse.isEmpty { block(orelse) }
            out += ")"
        case .with(let items, let body):
            out += "(With"
            for item in items {
                out += " "
                if let v = item.vars {
                    out += "(as "
                    expr(item.context)
                    out += " "
                    expr(v)
                    out += ")"
                } else {
                    expr(item.context)
                }
            }
            block(body)
            out += ")"
        case .raise(let exc, let cause):
            out += "(Raise"
            if let e = exc {
                out += " "
                expr(e)
            }
            if let c = cause {
                out += " (from "
                expr(c)
                out += ")"
            }
            out += ")"
        case .try(let body, let handlers, let orelse, let finalbody):
            out += "(Try"
            block(body)
            for h in handlers {
                out += " (except"
                if let t = h.type {
                    out += " "
                    expr(t)
                }
                if let n = h.name { out += " " + n }
                block(h.body)
                out += ")"
            }
            if !orelse.isEmpty {
                out += " (else"
                block(orelse)
                out += ")"
            }
            if !finalbody.isEmpty {
                out += " (finally"
                block(finalbody)
                out += ")"
            }
            out += ")"
        case .assert(let test, let msg):
            out += "(Assert "
            expr(test)
            if let m = msg {
                out += " "
                expr(m)
            }
            out += ")"
        case .import(let names):
            out += "(Import"
            aliases(names)
            out += ")"
        case .importFrom(let module, let names, let level):
            out += "(ImportFrom " + String(repeating: ".", count: level) + (module ?? "")
            aliases(names)
            out += ")"
        case .global(let names):
            out += "(Global " + names.joined(separator: " ") + ")"
        case .nonlocal(let names):
            out += "(Nonlocal " + names.joined(separator: " ") + ")"
        case .expr(let e):
            out += "(Expr "
            expr(e)
            out += ")"
        case .pass:
            out += "(Pass)"
        case .break:
            out += "(Break)"
        case .continue:
            out += "(Continue)"
        }
    }

    mutating func aliases(_ names: [Alias]) {
        for a in names {
            if let asname = a.asname {
                out += " (as " + a.name + " " + asname + ")"
            } else {
                out += " " + a.name
            }
        }
    }
}
