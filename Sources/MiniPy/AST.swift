// AST.swift: the syntax tree the MiniPy parser builds and the compiler walks.
//
// Shape: `Expr` and `Stmt` are final classes (cheap to pass around, identity for compiler side
// tables) holding a `kind` enum and a `Loc`. Switch on `kind` to walk. The node set follows CPython's
// `ast` module, minus what MiniPy does not support (type comments, `except*`):
//
//   Module      body: [Stmt]
//   Stmt.Kind   functionDef(FunctionDef) classDef(ClassDef) return(Expr?) delete([Expr])
//               assign(targets: [Expr], value) augAssign(target, op, value)
//               annAssign(target, annotation, value?, simple)  -- simple: a bare name, no parens
//               for(target, iter, body, orelse) while(test, body, orelse) if(test, body, orelse)
//               with([WithItem], body) raise(exc?, cause?) try(body, [ExceptHandler], orelse, finalbody)
//               assert(test, msg?) import([Alias]) importFrom(module?, [Alias], level)
//               global([String]) nonlocal([String]) expr(Expr) pass break continue
//               asyncFor(...) asyncWith(...) (as for/with) match(subject, [MatchCase])
//               -- `async def` is a functionDef with isAsync; `async for` clauses of
//               comprehensions have Comprehension.isAsync
//   Expr.Kind   boolOp(op, [Expr]) namedExpr(target, value) binOp(left, op, right) unaryOp(op, operand)
//               lambda(Arguments, body) ifExp(test, body, orelse) dict(keys: [Expr?], values)
//               (a nil key is `**value`) set([Expr]) listComp/setComp/generatorExp(elt, [Comprehension])
//               dictComp(key, value, [Comprehension]) yield(Expr?) yieldFrom(Expr)
//               compare(left, [CmpOp], [Expr]) call(func, args, keywords) -- `*x` args are .starred,
//               `**x` keywords have a nil name; constant(Constant) joinedStr([Expr]) -- an f-string:
//               .constant(.str) pieces and formattedValue(value, conversion, formatSpec: joinedStr?)
//               attribute(value, name) subscript(value, index) -- `a[i, j]` indexes with a tuple,
//               slices are .slice(lower?, upper?, step?) starred(Expr) name(String) list([Expr])
//               tuple([Expr]) await(Expr)
//   Pattern     (match statements, PEP 634) value(Expr) singleton(Constant) sequence([Pattern])
//               mapping(keys, patterns, rest) classPattern(cls, patterns, kwdAttrs, kwdPatterns)
//               star(name?) as(pattern?, name?) -- capture `x` is as(nil, x), `_` is as(nil, nil)
//               or([Pattern])
//   Constant    none, bool, ellipsis, int(IntLiteral: digits kept as text + radix), float(Double),
//               str(String), bytes([UInt8])
//
// Assignment targets are ordinary expressions (name/attribute/subscript/tuple/list/starred); the
// statement holding them (assign, augAssign, annAssign, for, with, delete, comprehension) says
// whether they are stored or deleted, so there is no load/store context field. The parser has
// already checked that targets are assignable.
//
// Locations: `Loc` holds 1-based lines and 0-based columns counted in characters (CPython counts
// UTF-8 bytes in `col_offset`; `Source.byteColumn` converts). End columns are exclusive. Ranges are
// CPython's: a node spans from its first token to its last, parentheses included when they enclose
// an operand (`(a + b) * c` starts at the '('), while a parenthesized expression itself keeps its
// inner range and sets `parenthesized`. f-string pieces carry the range of the whole literal.
//
// `dump()` renders a compact S-expression used by the tests, e.g. `x = f(1, *a, k=2)` is
// `(Assign x = (Call f 1 (* a) (kw k 2)))`; `dump(locations: true)` adds `@line:col-endLine:endCol`
// after each expression and statement. The form of every node is in `Dumper` below.

/// A source range: start line/column to end line/column (exclusive).
public struct Loc: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var col: Int
    public var endLine: Int
    public var endCol: Int

    public init(line: Int, col: Int, endLine: Int, endCol: Int) {
        self.line = line
        self.col = col
        self.endLine = endLine
        self.endCol = endCol
    }

    /// From the start of `a` to the end of `b`.
    public init(from a: Loc, to b: Loc) {
        self.init(line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol)
    }

    public var description: String { "\(line):\(col)-\(endLine):\(endCol)" }
}

public enum BoolOp: Sendable { case and, or }

public enum BinOp: String, Sendable {
    case add = "+", sub = "-", mult = "*", matMult = "@", div = "/", mod = "%", pow = "**"
    case lShift = "<<", rShift = ">>", bitOr = "|", bitXor = "^", bitAnd = "&", floorDiv = "//"
}

public enum UnaryOp: String, Sendable {
    case invert = "~", not = "not", uAdd = "+", uSub = "-"
}

public enum CmpOp: String, Sendable {
    case eq = "==", notEq = "!=", lt = "<", ltE = "<=", gt = ">", gtE = ">="
    case `is` = "is", isNot = "is not", `in` = "in", notIn = "not in"
}

/// An integer literal as written: `digits` without prefix or underscores, in base `radix`.
public struct IntLiteral: Equatable, Sendable {
    public var digits: String
    public var radix: Int

    public init(digits: String, radix: Int) {
        self.digits = digits
        self.radix = radix
    }

    /// The value when it fits in an Int64 (literals are never negative).
    public var int64Value: Int64? { Int64(digits, radix: radix) }
}

public enum Constant: Equatable, Sendable {
    case none
    case bool(Bool)
    case ellipsis
    case int(IntLiteral)
    case float(Double)
    case str(String)
    case bytes([UInt8])
    /// An imaginary literal (`3j`): the imaginary part.
    case complex(Double)
}

/// `!s`, `!r`, `!a` in an f-string replacement field.
public enum Conversion: Character, Sendable {
    case str = "s", repr = "r", ascii = "a"
}

public final class Expr: Sendable {
    public let kind: Kind
    public let loc: Loc
    /// True when the expression was written inside its own parentheses, e.g. `(a)` or `(a, b)`.
    public let parenthesized: Bool
    /// Levels of nested expressions from this node down to its deepest leaf (a leaf is 1). The
    /// parser bounds it (Parser.maxDepth) so that no later pass recurses without limit.
    public let height: Int32

    public init(_ kind: Kind, _ loc: Loc, parenthesized: Bool = false) {
        self.kind = kind
        self.loc = loc
        self.parenthesized = parenthesized
        self.height = Expr.height(of: kind)
    }

    /// 1 + the tallest direct sub-expression of `kind` (children already know their own height).
    static func height(of kind: Kind) -> Int32 {
        func h(_ e: Expr?) -> Int32 { e?.height ?? 0 }
        func h(_ es: [Expr]) -> Int32 { es.reduce(0) { max($0, $1.height) } }
        func h(_ gens: [Comprehension]) -> Int32 {
            gens.reduce(0) { max($0, $1.target.height, $1.iter.height, h($1.ifs)) }
        }
        let tallest: Int32
        switch kind {
        case .boolOp(_, let v), .set(let v), .joinedStr(let v), .list(let v), .tuple(let v): tallest = h(v)
        case .namedExpr(let a, let b), .binOp(let a, _, let b), .subscript(let a, let b): tallest = max(a.height, b.height)
        case .unaryOp(_, let a), .yieldFrom(let a), .await(let a), .attribute(let a, _), .starred(let a): tallest = a.height
        case .lambda(let args, let body): tallest = max(body.height, h(args.defaults), h(args.kwDefaults.compactMap { $0 }))
        case .ifExp(let a, let b, let c): tallest = max(a.height, b.height, c.height)
        case .dict(let keys, let values): tallest = max(h(keys.compactMap { $0 }), h(values))
        case .listComp(let e, let g), .setComp(let e, let g), .generatorExp(let e, let g): tallest = max(e.height, h(g))
        case .dictComp(let k, let v, let g): tallest = max(k.height, v.height, h(g))
        case .yield(let a): tallest = h(a)
        case .compare(let a, _, let rest): tallest = max(a.height, h(rest))
        case .call(let f, let args, let keywords): tallest = max(f.height, h(args), h(keywords.map { $0.value }))
        case .formattedValue(let v, _, let spec): tallest = max(v.height, h(spec))
        case .slice(let a, let b, let c): tallest = max(h(a), h(b), h(c))
        case .constant, .name: tallest = 0
        }
        return tallest + 1
    }

    public indirect enum Kind: Sendable {
        case boolOp(BoolOp, [Expr])
        case namedExpr(target: Expr, value: Expr)
        case binOp(Expr, BinOp, Expr)
        case unaryOp(UnaryOp, Expr)
        case lambda(Arguments, Expr)
        case ifExp(test: Expr, body: Expr, orelse: Expr)
        case dict(keys: [Expr?], values: [Expr])
        case set([Expr])
        case listComp(Expr, [Comprehension])
        case setComp(Expr, [Comprehension])
        case dictComp(key: Expr, value: Expr, [Comprehension])
        case generatorExp(Expr, [Comprehension])
        case yield(Expr?)
        case yieldFrom(Expr)
        case compare(Expr, [CmpOp], [Expr])
        case call(Expr, args: [Expr], keywords: [Keyword])
        case formattedValue(Expr, conversion: Conversion?, formatSpec: Expr?)
        case joinedStr([Expr])
        case constant(Constant)
        case attribute(Expr, String)
        case `subscript`(Expr, Expr)
        case starred(Expr)
        case name(String)
        case list([Expr])
        case tuple([Expr])
        case slice(Expr?, Expr?, Expr?)
        case await(Expr)
    }

    /// The same node marked as written inside parentheses (a group keeps its inner location).
    func withParens() -> Expr { Expr(kind, loc, parenthesized: true) }

    /// The S-expression form (see `Dumper`); with `locations`, each node carries `@line:col-endLine:endCol`.
    public func dump(locations: Bool = false) -> String {
        var d = Dumper(locations: locations)
        d.expr(self)
        return d.out
    }
}

/// One `for target in iter if cond...` clause of a comprehension.
public struct Comprehension: Sendable {
    public var target: Expr
    public var iter: Expr
    public var ifs: [Expr]
    /// `async for`.
    public var isAsync: Bool = false
}

/// `name=value` in a call or class header; `name == nil` for `**value`.
public struct Keyword: Sendable {
    public var name: String?
    public var value: Expr
    public var loc: Loc
}

/// A parameter.
public struct Arg: Sendable {
    public var name: String
    public var annotation: Expr?
    public var loc: Loc
}

/// A parameter list: `posonly / args, *vararg, kwonly, **kwarg`. `defaults` belong to the last
/// positional parameters (posonly and args together); `kwDefaults` parallels `kwonly`.
public struct Arguments: Sendable {
    public var posonly: [Arg] = []
    public var args: [Arg] = []
    public var defaults: [Expr] = []
    public var vararg: Arg?
    public var kwonly: [Arg] = []
    public var kwDefaults: [Expr?] = []
    public var kwarg: Arg?

    public init() {}
}

/// `import name as asname` / `from m import name as asname`; name may be dotted or "*".
public struct Alias: Sendable {
    public var name: String
    public var asname: String?
    public var loc: Loc
}

/// `with context as vars`.
public struct WithItem: Sendable {
    public var context: Expr
    public var vars: Expr?
}

/// `except type as name: body`.
public struct ExceptHandler: Sendable {
    public var type: Expr?
    public var name: String?
    public var body: [Stmt]
    public var loc: Loc
}

public struct FunctionDef: Sendable {
    public var name: String
    public var args: Arguments
    public var body: [Stmt]
    public var decorators: [Expr]
    public var returns: Expr?
    /// `async def`.
    public var isAsync: Bool = false
}

public struct ClassDef: Sendable {
    public var name: String
    public var bases: [Expr]
    public var keywords: [Keyword]
    public var body: [Stmt]
    public var decorators: [Expr]
}

public final class Stmt: Sendable {
    public let kind: Kind
    public let loc: Loc

    public init(_ kind: Kind, _ loc: Loc) {
        self.kind = kind
        self.loc = loc
    }

    public enum Kind: Sendable {
        case functionDef(FunctionDef)
        case classDef(ClassDef)
        case `return`(Expr?)
        case delete([Expr])
        case assign(targets: [Expr], value: Expr)
        case augAssign(target: Expr, op: BinOp, value: Expr)
        case annAssign(target: Expr, annotation: Expr, value: Expr?, simple: Bool)
        case `for`(target: Expr, iter: Expr, body: [Stmt], orelse: [Stmt])
        case `while`(test: Expr, body: [Stmt], orelse: [Stmt])
        case `if`(test: Expr, body: [Stmt], orelse: [Stmt])
        case with([WithItem], body: [Stmt])
        case raise(exc: Expr?, cause: Expr?)
        case `try`(body: [Stmt], handlers: [ExceptHandler], orelse: [Stmt], finalbody: [Stmt])
        case assert(test: Expr, msg: Expr?)
        case `import`([Alias])
        case importFrom(module: String?, names: [Alias], level: Int)
        case global([String])
        case nonlocal([String])
        case expr(Expr)
        case pass
        case `break`
        case `continue`
        case asyncFor(target: Expr, iter: Expr, body: [Stmt], orelse: [Stmt])
        case asyncWith([WithItem], body: [Stmt])
        case match(subject: Expr, cases: [MatchCase])
    }

    /// The S-expression form (see `Dumper`); with `locations`, each node carries `@line:col-endLine:endCol`.
    public func dump(locations: Bool = false) -> String {
        var d = Dumper(locations: locations)
        d.stmt(self)
        return d.out
    }
}

/// A pattern of a `case` clause.
public final class Pattern: Sendable {
    public let kind: Kind
    public let loc: Loc

    public init(_ kind: Kind, _ loc: Loc) {
        self.kind = kind
        self.loc = loc
    }

    public indirect enum Kind: Sendable {
        /// A literal (numbers, strings, negative and complex numbers) or a dotted name.
        case value(Expr)
        /// None, True, False (compared with `is`).
        case singleton(Constant)
        case sequence([Pattern])
        /// `{k: p, **rest}`.
        case mapping(keys: [Expr], patterns: [Pattern], rest: String?)
        case classPattern(cls: Expr, patterns: [Pattern], kwdAttrs: [String], kwdPatterns: [Pattern])
        /// `*name` / `*_` in a sequence pattern.
        case star(String?)
        /// `p as name`; a capture is as(nil, name), the wildcard `_` is as(nil, nil).
        case `as`(Pattern?, String?)
        case or([Pattern])
    }

    /// A pattern that always succeeds (a capture or the wildcard, possibly inside an or-pattern).
    public var isIrrefutable: Bool {
        switch kind {
        case .as(let p, _): return p == nil || p!.isIrrefutable
        case .or(let ps): return ps.contains { $0.isIrrefutable }
        default: return false
        }
    }
}

/// `case pattern if guard: body`.
public struct MatchCase: Sendable {
    public var pattern: Pattern
    public var guard_: Expr?
    public var body: [Stmt]
}

/// A parsed file.
public final class Module: Sendable {
    public let body: [Stmt]
    public let source: Source

    public init(body: [Stmt], source: Source) {
        self.body = body
        self.source = source
    }

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
