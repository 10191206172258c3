// AST.swift: the syntax tree the MiniPy parser builds and the compiler walks.
//
// Shape: `Expr` and `Stmt` are final classes (cheap to pass around, identity for compiler side
// tables) holding a `kind` enum and a `Loc`. Switch on `kind` to walk. The node set follows CPython's
// `ast` module, minus what MiniPy does not support (type comments):
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
// after each expression and statement (ASTDump.swift).

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
    /// `except*` (PEP 654): every handler of one `try` has the same value (the parser checks).
    public var isStar = false
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
}
