// Compiler.swift: turns a parsed module into code objects for the VM, statement by statement.
//
// The compiler walks the AST once per code object (module, class body, function, lambda,
// comprehension) with the scopes the symbol-table pass resolved, emitting instructions into a
// `CodeUnit`: the instruction list (with labels and exception-handler markers still symbolic),
// the constants, the names and the fast locals. Code generation mirrors CPython 3.11's compiler —
// the same instruction sequences for loops, try/except/finally, with, comprehensions and calls —
// so `dis` output reads like Python's and tracebacks point where CPython's do (every instruction
// carries the source range of the node that produced it). Exception handling is "zero cost": a
// try block costs nothing at run time; the unit records which handler protects each instruction
// and the assembler (CompilerAssembler.swift) turns that into the code's exception table.
// Expressions are in CompilerExpressions.swift.

import CShims
import MiniVM
import MiniKit

/// The compiler's record of one instruction.
struct Instr {
    var op: Op
    var arg: Int
    var pos: MiniVMPosition
    /// Index into the unit's handler table of the innermost handler protecting it, or -1.
    var handler: Int
}

/// An exception handler of a code unit: where it starts, whether the VM pushes the faulting
/// instruction's index under the exception, and the handlers active around it.
struct Handler {
    let label: Int
    let lasti: Bool
    let outer: [Int]
    /// Values on the stack at the set-up point that the handler does not keep (the result of
    /// __enter__ for a with block).
    var dropped = 0
    var depth = -1
}

/// A block that break/continue/return must unwind (CPython's "fblock").
struct FBlock {
    enum Kind { case whileLoop, forLoop, tryExcept, finallyTry, finallyEnd, with, asyncWith, handlerCleanup, popValue,
                exceptStarHandler }
    let kind: Kind
    var start = -1
    var exit = -1
    var finalBody: [Stmt] = []
    var name: String? = nil
    var loc: Loc? = nil
}

/// The code object being built.
final class CodeUnit {
    let scope: Scope
    let name: String
    let qualname: String
    let firstLine: Int
    var instrs: [Instr] = []
    var consts: [ConstValue] = []
    var constIndex: [ConstValue: Int] = [:]
    var names: [String] = []
    var nameIndex: [String: Int] = [:]
    var fast: [String] = []
    var kinds: [UInt8] = []
    var fastIndex: [String: Int] = [:]
    var argcount = 0, posonly = 0, kwonly = 0
    var flags: Int32 = 0
    var labelCount = 0
    var handlers: [Handler] = []
    var handlerStack: [Int] = []
    var fblocks: [FBlock] = []
    var loc: Loc
    var anchor: (kind: Int32, a: Int32, b: Int32) = (0, 0, 0)

    init(scope: Scope, name: String, qualname: String, firstLine: Int, loc: Loc) {
        self.scope = scope
        self.name = name
        self.qualname = qualname
        self.firstLine = firstLine
        self.loc = loc
    }
}

public struct Compiler {
    let source: Source
    var symbols: SymbolTableBuilder
    var units: [CodeUnit] = []

    var unit: CodeUnit { units[units.count - 1] }

    init(source: Source) {
        self.source = source
        self.symbols = SymbolTableBuilder(source: source)
    }

    /// Compiles a module to a code object (new reference). Throws SyntaxError for the errors the
    /// compiler detects, MiniError when the runtime fails.
    public static func compile(_ module: Module) throws -> MiniObjectPointer {
        var c = Compiler(source: module.source)
        let top = try c.symbols.build(module)
        return try c.compileModule(module, top)
    }

    /// Parses and compiles source text (throws SyntaxError or MiniError).
    /// Input nested deeper than the compiler's passes accept raises RecursionError (see
    /// CompileLimits.swift); large sources are compiled on a thread with a large stack.
    public static func compile(source text: String, filename: String) throws -> MiniObjectPointer {
        try guardedFrontEnd(size: text.utf8.count) {
            let module = try Parser.parseModule(text, filename: filename)
            return try compile(module)
        }
    }

    // MARK: units

    mutating func enterUnit(_ scope: Scope, name: String, qualname: String, firstLine: Int, loc: Loc) {
        let u = CodeUnit(scope: scope, name: name, qualname: qualname, firstLine: firstLine, loc: loc)
        units.append(u)
        // Fast locals: parameters first, then the other locals in order of appearance, then cells
        // that are not parameters, then free variables.
        if scope.isFunctionLike {
            for p in scope.params { addFast(p, kind: UInt8(MINI_LK_LOCAL)) }
            for n in scope.order where scope.scopes[n] == .local || scope.scopes[n] == .cell {
                addFast(n, kind: UInt8(MINI_LK_LOCAL))
            }
            for c in scope.cells {
                if let i = u.fastIndex[c] { u.kinds[i] |= UInt8(MINI_LK_CELL) }
            }
        }
        if scope.kind == .classBody && scope.needsClassCell { addFast("__class__", kind: UInt8(MINI_LK_CELL)) }
        for f in scope.frees { addFast(f, kind: UInt8(MINI_LK_FREE)) }
    }

    func addFast(_ n: String, kind: UInt8) {
        if unit.fastIndex[n] != nil { return }
        unit.fastIndex[n] = unit.fast.count
        unit.fast.append(n)
        unit.kinds.append(kind)
    }

    /// The qualified name of a definition called `name` made in the current unit.
    func qualname(for name: String) -> String {
        let s = unit.scope
        switch s.kind {
        case .module:
            return name
        case .classBody, .comprehension:
            // As CPython: no "<locals>" after a class or a comprehension.
            return unit.qualname + "." + name
        case .function, .lambda:
            return unit.qualname + ".<locals>." + name
        }
    }

    // MARK: emitting

    var currentPosition: MiniVMPosition {
        let l = unit.loc
        if l.line <= 0 { return MiniVMPosition(line: 0, end_line: 0, col: -1, end_col: -1, anchor_kind: 0, anchor_a: 0, anchor_b: 0) }
        return MiniVMPosition(line: Int32(l.line), end_line: Int32(l.endLine),
                              col: Int32(source.byteColumn(line: l.line, charColumn: l.col)),
                              end_col: Int32(source.byteColumn(line: l.endLine, charColumn: l.endCol)),
                              anchor_kind: unit.anchor.kind, anchor_a: unit.anchor.a, anchor_b: unit.anchor.b)
    }

    func emit(_ op: Op, _ arg: Int = 0) {
        unit.instrs.append(Instr(op: op, arg: arg, pos: currentPosition, handler: unit.handlerStack.last ?? -1))
    }

    func newLabel() -> Int {
        unit.labelCount += 1
        return unit.labelCount - 1
    }

    func place(_ label: Int) {
        unit.instrs.append(Instr(op: .label, arg: label, pos: currentPosition, handler: -1))
    }

    /// Starts a region protected by a handler at `label`.
    @discardableResult
    func setup(_ label: Int, lasti: Bool, dropped: Int = 0) -> Int {
        let id = unit.handlers.count
        unit.handlers.append(Handler(label: label, lasti: lasti, outer: unit.handlerStack, dropped: dropped))
        emit(.setupHandler, id)
        unit.handlerStack.append(id)
        return id
    }

    /// Ends the innermost protected region (CPython's POP_BLOCK).
    func popBlock() {
        if !unit.handlerStack.isEmpty { unit.handlerStack.removeLast() }
    }

    /// Places a handler's label; the code after it is protected by the handlers outside it.
    func enterHandler(_ id: Int) {
        place(unit.handlers[id].label)
        unit.handlerStack = unit.handlers[id].outer
    }

    /// Runs body with the location set to loc (anchors cleared), restoring it afterwards.
    mutating func at<R>(_ loc: Loc, _ body: (inout Compiler) throws -> R) rethrows -> R {
        let saved = unit.loc, savedAnchor = unit.anchor
        unit.loc = loc
        unit.anchor = (0, 0, 0)
        defer { unit.loc = saved; unit.anchor = savedAnchor }
        return try body(&self)
    }

    func addConst(_ c: ConstValue) -> Int {
        // Swift's String equality is canonical equivalence ("K" == "\u{212A}", "é" == "e\u{301}"),
        // Python's is code point by code point: reuse a constant only when it is the same text.
        if let i = unit.constIndex[c], unit.consts[i].sameCodePoints(c) { return i }
        unit.consts.append(c)
        unit.constIndex[c] = unit.consts.count - 1
        return unit.consts.count - 1
    }

    func loadConst(_ c: ConstValue) { emit(.loadConst, addConst(c)) }

    func addName(_ n: String) -> Int {
        if let i = unit.nameIndex[n] { return i }
        unit.names.append(n)
        unit.nameIndex[n] = unit.names.count - 1
        return unit.names.count - 1
    }

    // MARK: names

    enum NameOp { case load, store, delete }

    /// Emits the load, store or delete of a variable according to its scope.
    func nameOp(_ n: String, _ what: NameOp) {
        let scope = unit.scope.scope(of: n)
        switch scope {
        case .local:
            let i = unit.fastIndex[n]!
            switch what {
            case .load: emit(.loadFast, i)
            case .store: emit(.storeFast, i)
            case .delete: emit(.deleteFast, i)
            }
        case .cell, .free:
            let i = unit.fastIndex[n]!
            switch what {
            case .load: emit(unit.scope.kind == .classBody ? .loadClassDeref : .loadDeref, i)
            case .store: emit(.storeDeref, i)
            case .delete: emit(.deleteDeref, i)
            }
        case .classDeref:
            let i = unit.fastIndex[n]!
            switch what {
            case .load: emit(.loadClassDeref, i)
            case .store: emit(.storeName, addName(n))
            case .delete: emit(.deleteName, addName(n))
            }
        case .globalExplicit, .globalImplicit:
            if scope == .globalImplicit && !unit.scope.isFunctionLike {
                switch what {
                case .load: emit(.loadName, addName(n))
                case .store: emit(.storeName, addName(n))
                case .delete: emit(.deleteName, addName(n))
                }
                return
            }
            switch what {
            case .load: emit(.loadGlobal, addName(n) << 1)
            case .store: emit(.storeGlobal, addName(n))
            case .delete: emit(.deleteGlobal, addName(n))
            }
        case .name:
            switch what {
            case .load: emit(.loadName, addName(n))
            case .store: emit(.storeName, addName(n))
            case .delete: emit(.deleteName, addName(n))
            }
        }
    }

    /// The fast-local slot of n when it is a plain local of the current function.
    func fastSlot(_ n: String) -> Int? {
        unit.scope.scope(of: n) == .local ? unit.fastIndex[n] : nil
    }

    /// The fused `name = name op value` instruction for a variable held in a dict (module or
    /// class namespace, or a global), with its argument; nil for other scopes.
    func dictBinOp(_ n: String, _ binArg: Int) -> (Op, Int)? {
        let scope = unit.scope.scope(of: n)
        switch scope {
        case .name:
            return (.binaryOpStoreName, binArg | (addName(n) << 8))
        case .globalImplicit where !unit.scope.isFunctionLike:
            return (.binaryOpStoreName, binArg | (addName(n) << 8))
        case .globalExplicit:
            return (.binaryOpStoreGlobal, binArg | (addName(n) << 8))
        default:
            return nil
        }
    }

    // MARK: module, functions, classes

    mutating func compileModule(_ m: Module, _ top: Scope) throws -> MiniObjectPointer {
        enterUnit(top, name: "<module>", qualname: "<module>", firstLine: 1, loc: Loc(line: 0, col: -1, endLine: 0, endCol: -1))
        emit(.resume, 0)
        var body = m.body
        if let first = body.first, case .expr(let e) = first.kind, case .constant(.str(let doc)) = e.kind {
            try at(first.loc) { c in
                c.loadConst(.str(doc))
                c.nameOp("__doc__", .store)
            }
            body.removeFirst()
        }
        setupAnnotations(body)
        try statements(body)
        unit.loc = Loc(line: 0, col: -1, endLine: 0, endCol: -1)
        loadConst(.none)
        emit(.returnValue)
        let u = units.removeLast()
        return try Assembler(unit: u, source: source).assemble().take()
    }

    mutating func finishUnit() throws -> ConstValue {
        let u = units.removeLast()
        return .code(try Assembler(unit: u, source: source).assemble())
    }

    /// The prologue of a function-like unit: cells, free variables, RESUME.
    func prologue() {
        for (i, k) in unit.kinds.enumerated() where (k & UInt8(MINI_LK_CELL)) != 0 { emit(.makeCell, i) }
        if !unit.scope.frees.isEmpty { emit(.copyFreeVars, unit.scope.frees.count) }
        emit(.resume, 0)
    }

    /// Loads the closure tuple a child scope needs (or nothing); returns whether it did.
    func loadClosure(_ child: Scope) -> Bool {
        if child.frees.isEmpty { return false }
        for f in child.frees {
            guard let i = unit.fastIndex[f] else { continue }
            emit(.loadClosure, i)
        }
        emit(.buildTuple, child.frees.count)
        return true
    }

    /// Builds the defaults tuple and kw-defaults dict of a parameter list; returns MAKE_FUNCTION flags.
    mutating func defaults(_ a: Arguments) throws -> Int {
        var flags = 0
        if !a.defaults.isEmpty {
            if let consts = constantTuple(a.defaults) {
                loadConst(consts)
            } else {
                for d in a.defaults { try expr(d) }
                emit(.buildTuple, a.defaults.count)
            }
            flags |= Int(MINI_MF_DEFAULTS)
        }
        var kw: [(String, Expr)] = []
        for (i, p) in a.kwonly.enumerated() { if let d = a.kwDefaults[i] { kw.append((p.name, d)) } }
        if !kw.isEmpty {
            for (_, d) in kw { try expr(d) }
            loadConst(.tuple(kw.map { .str($0.0) }))
            emit(.buildConstKeyMap, kw.count)
            flags |= Int(MINI_MF_KWDEFAULTS)
        }
        return flags
    }

    mutating func functionDef(_ st: Stmt, _ f: FunctionDef) throws {
        // Decorators: [dec, func] then CALL 0 (dec(func)), as CPython 3.11; no PUSH_NULL, which
        // left a NULL on the stack and broke the depth at a decorated def inside try.
        for d in f.decorators {
            try expr(d)
        }
        let flags0 = try defaults(f.args)
        guard let scope = symbols.scopeOf[ObjectIdentifier(st)] else { return }
        let qn = qualname(for: f.name)
        let code = try functionBody(scope, name: f.name, qualname: qn, args: f.args, loc: st.loc) { c in
            var body = f.body
            if let first = body.first, case .expr(let e) = first.kind, case .constant(.str(let doc)) = e.kind {
                _ = c.addConst(.str(doc))
                body.removeFirst()
            } else {
                _ = c.addConst(.none)
            }
            try c.statements(body)
            c.unit.loc = Loc(line: f.body.last?.loc.endLine ?? st.loc.line, col: -1, endLine: f.body.last?.loc.endLine ?? st.loc.line, endCol: -1)
            c.loadConst(.none)
            c.emit(.returnValue)
        }
        var flags = flags0
        if loadClosure(scope) { flags |= Int(MINI_MF_CLOSURE) }
        loadConst(code)
        emit(.makeFunction, flags)
        for _ in f.decorators { emit(.call, 0) }
        nameOp(f.name, .store)
    }

    /// Compiles a function-like scope into a code constant.
    mutating func functionBody(_ scope: Scope, name: String, qualname: String, args: Arguments?, loc: Loc,
                               _ body: (inout Compiler) throws -> Void) throws -> ConstValue {
        enterUnit(scope, name: name, qualname: qualname, firstLine: loc.line, loc: loc)
        if let a = args {
            unit.argcount = a.posonly.count + a.args.count
            unit.posonly = a.posonly.count
            unit.kwonly = a.kwonly.count
            if a.vararg != nil { unit.flags |= Int32(MINI_CO_VARARGS) }
            if a.kwarg != nil { unit.flags |= Int32(MINI_CO_VARKEYWORDS) }
        } else if scope.kind == .comprehension {
            unit.argcount = 1
        }
        unit.flags |= Int32(MINI_CO_OPTIMIZED | MINI_CO_NEWLOCALS)
        if scope.parent?.kind != .module { unit.flags |= Int32(MINI_CO_NESTED) }
        if scope.isCoroutine {
            unit.flags |= Int32(scope.isGenerator ? MINI_CO_ASYNC_GENERATOR : MINI_CO_COROUTINE)
        } else if scope.isGenerator {
            unit.flags |= Int32(MINI_CO_GENERATOR)
        }
        prologue()
        try body(&self)
        return try finishUnit()
    }

    mutating func classDef(_ st: Stmt, _ cd: ClassDef) throws {
        // Decorators: [dec, func] then CALL 0 (dec(func)), as CPython 3.11; no PUSH_NULL, which
        // left a NULL on the stack and broke the depth at a decorated def inside try.
        for d in cd.decorators {
            try expr(d)
        }
        guard let scope = symbols.scopeOf[ObjectIdentifier(st)] else { return }
        let qn = qualname(for: cd.name)
        emit(.pushNull)
        emit(.loadBuildClass)
        enterUnit(scope, name: cd.name, qualname: qn, firstLine: st.loc.line, loc: st.loc)
        if scope.needsClassCell { emit(.makeCell, unit.fastIndex["__class__"]!) }
        if !scope.frees.isEmpty { emit(.copyFreeVars, scope.frees.count) }
        emit(.resume, 0)
        nameOp("__name__", .load)
        nameOp("__module__", .store)
        loadConst(.str(qn))
        nameOp("__qualname__", .store)
        var body = cd.body
        if let first = body.first, case .expr(let e) = first.kind, case .constant(.str(let doc)) = e.kind {
            try at(first.loc) { c in
                c.loadConst(.str(doc))
                c.nameOp("__doc__", .store)
            }
            body.removeFirst()
        }
        setupAnnotations(body)
        try statements(body)
        unit.loc = Loc(line: cd.body.last?.loc.endLine ?? st.loc.line, col: -1, endLine: cd.body.last?.loc.endLine ?? st.loc.line, endCol: -1)
        if scope.needsClassCell {
            emit(.loadClosure, unit.fastIndex["__class__"]!)
            emit(.copy, 1)
            emit(.storeName, addName("__classcell__"))
        } else {
            loadConst(.none)
        }
        emit(.returnValue)
        let code = try finishUnit()
        var flags = 0
        if loadClosure(scope) { flags |= Int(MINI_MF_CLOSURE) }
        loadConst(code)
        emit(.makeFunction, flags)
        loadConst(.str(cd.name))
        try callArguments(cd.bases, cd.keywords, extra: 2)
        for _ in cd.decorators { emit(.call, 0) }
        nameOp(cd.name, .store)
    }

    /// `__annotations__ = {}` at the start of a module or class body that annotates a name
    /// (stdlib-pure: dataclasses and typing read it). Looks into compound statements, not defs.
    mutating func setupAnnotations(_ body: [Stmt]) {
        func annotates(_ stmts: [Stmt]) -> Bool {
            stmts.contains { s in
                switch s.kind {
                case .annAssign(_, _, _, let simple): return simple
                case .if(_, let b, let o), .for(_, _, let b, let o), .while(_, let b, let o):
                    return annotates(b) || annotates(o)
                case .with(_, let b): return annotates(b)
                default: return false
                }
            }
        }
        guard annotates(body) else { return }
        emit(.buildMap, 0)
        nameOp("__annotations__", .store)
    }

    // MARK: statements

    mutating func statements(_ body: [Stmt]) throws {
        for s in body { try statement(s) }
    }

    mutating func statement(_ s: Stmt) throws {
        try at(s.loc) { c in try c.statementBody(s) }
    }

    mutating func statementBody(_ s: Stmt) throws {
        switch s.kind {
        case .functionDef(let f):
            try functionDef(s, f)
        case .classDef(let cd):
            try classDef(s, cd)
        case .return(let value):
            if value != nil && unit.scope.isCoroutine && unit.scope.isGenerator && unit.scope.kind == .function {
                throw symbols.error("'return' with value in async generator", s.loc)
            }
            try refuseLeavingExceptStar(loop: false, s.loc)
            if let v = value { try expr(v) } else { loadConst(.none) }
            let saved = unit.handlerStack
            _ = try unwindStack(preserveTOS: true, wantLoop: false)
            at(s.loc) { c in c.emit(.returnValue) }
            unit.handlerStack = saved
        case .delete(let targets):
            for t in targets { try deleteTarget(t) }
        case .assign(let targets, let value):
            if targets.count == 1, case .name(let n) = targets[0].kind, let slot = fastSlot(n),
               case .binOp(let l, let op, let r) = value.kind {
                // local = a op b: one instruction computes and stores (in place when it can).
                try expr(l)
                try expr(r)
                at(value.loc) { c in
                    c.setBinOpAnchor(l, r)
                    c.emit(.binaryOpStoreFast, binaryOpArg(op) | (slot << 8))
                }
                return
            }
            try expr(value)
            for (i, t) in targets.enumerated() {
                if i < targets.count - 1 { emit(.copy, 1) }
                try store(t)
            }
        case .augAssign(let target, let op, let value):
            try augAssign(s, target, op, value)
        case .annAssign(let target, let annotation, let value, let simple):
            if let v = value {
                try expr(v)
                try store(target)
            }
            // Module and class bodies record `name: annotation` in __annotations__ (as CPython's
            // SETUP_ANNOTATIONS + STORE_SUBSCR), for dataclasses and typing.get_type_hints.
            if simple, unit.scope.kind == .module || unit.scope.kind == .classBody,
               case .name(let name) = target.kind {
                try expr(annotation)
                nameOp("__annotations__", .load)
                loadConst(.str(name))
                emit(.storeSubscr)
            }
        case .for(let target, let iter, let body, let orelse):
            try forLoop(s, target, iter, body, orelse)
        case .while(let test, let body, let orelse):
            try whileLoop(s, test, body, orelse)
        case .if(let test, let body, let orelse):
            let end = newLabel()
            let next = orelse.isEmpty ? end : newLabel()
            try jumpIf(test, false, next)
            try statements(body)
            if !orelse.isEmpty {
                emit(.jump, end)
                place(next)
                try statements(orelse)
            }
            place(end)
        case .with(let items, let body):
            try with(s, items, 0, body)
        case .asyncFor(let target, let iter, let body, let orelse):
            try asyncForLoop(s, target, iter, body, orelse)
        case .asyncWith(let items, let body):
            try asyncWith(s, items, 0, body)
        case .match(let subject, let cases):
            try match(s, subject, cases)
        case .raise(let exc, let cause):
            var n = 0
            if let e = exc { try expr(e); n = 1 }
            if let c = cause { try expr(c); n = 2 }
            emit(.raiseVarargs, n)
        case .try(let body, let handlers, let orelse, let finalbody):
            if finalbody.isEmpty {
                if handlers.first?.isStar == true {
                    try tryStarExcept(s, body, handlers, orelse)
                } else {
                    try tryExcept(s, body, handlers, orelse)
                }
            } else {
                try tryFinally(s, body, handlers, orelse, finalbody)
            }
        case .assert(let test, let msg):
            let end = newLabel()
            try jumpIf(test, true, end)
            emit(.loadAssertionError)
            if let m = msg {
                try expr(m)
                emit(.call, 0)
            }
            emit(.raiseVarargs, 1)
            place(end)
        case .import(let names):
            for a in names {
                loadConst(.int(0))
                // `import a.b` binds the top-level package a (fromlist None); `import a.b as c`
                // binds the submodule itself, which IMPORT_NAME returns for a non-empty fromlist.
                if a.asname != nil, let leaf = a.name.split(separator: ".").last, a.name.contains(".") {
                    loadConst(.tuple([.str(String(leaf))]))
                } else {
                    loadConst(.none)
                }
                emit(.importName, addName(a.name))
                if let asname = a.asname {
                    nameOp(asname, .store)
                } else {
                    nameOp(String(a.name.split(separator: ".").first ?? Substring(a.name)), .store)
                }
            }
        case .importFrom(let module, let names, let level):
            loadConst(.int(Int64(level)))
            if names.count == 1 && names[0].name == "*" {
                loadConst(.tuple([.str("*")]))
                emit(.importName, addName(module ?? ""))
                emit(.importStar)
                return
            }
            loadConst(.tuple(names.map { .str($0.name) }))
            emit(.importName, addName(module ?? ""))
            for a in names {
                at(a.loc) { c in c.emit(.importFrom, c.addName(a.name)) }
                nameOp(a.asname ?? a.name, .store)
            }
            emit(.popTop)
        case .global, .nonlocal, .pass:
            break
        case .expr(let e):
            if case .constant = e.kind { return }
            try expr(e)
            emit(.popTop)
        case .break:
            try refuseLeavingExceptStar(loop: true, s.loc)
            let saved = unit.handlerStack
            guard let loop = try unwindStack(preserveTOS: false, wantLoop: true) else {
                throw symbols.error("'break' outside loop", s.loc)
            }
            unwind(loop, preserveTOS: false)
            emit(.jump, loop.exit)
            unit.handlerStack = saved
        case .continue:
            try refuseLeavingExceptStar(loop: true, s.loc)
            let saved = unit.handlerStack
            guard let loop = try unwindStack(preserveTOS: false, wantLoop: true) else {
                throw symbols.error("'continue' not properly in loop", s.loc)
            }
            emit(.jump, loop.start)
            unit.handlerStack = saved
        }
    }

    mutating func augAssign(_ s: Stmt, _ target: Expr, _ op: BinOp, _ value: Expr) throws {
        let arg = binaryOpArg(op, inplace: true)
        switch target.kind {
        case .name(let n):
            at(target.loc) { c in c.nameOp(n, .load) }
            try expr(value)
            if let slot = fastSlot(n) {
                at(s.loc) { c in c.emit(.binaryOpStoreFast, arg | (slot << 8)) }
            } else if let (op, a) = dictBinOp(n, arg) {
                at(s.loc) { c in c.emit(op, a) }
            } else {
                at(s.loc) { c in c.emit(.binaryOp, arg) }
                at(target.loc) { c in c.nameOp(n, .store) }
            }
        case .attribute(let obj, let attr):
            try expr(obj)
            emit(.copy, 1)
            at(target.loc) { c in c.emit(.loadAttr, c.addName(attr)) }
            try expr(value)
            at(s.loc) { c in c.emit(.binaryOp, arg) }
            emit(.swap, 2)
            at(target.loc) { c in c.emit(.storeAttr, c.addName(attr)) }
        case .subscript(let obj, let index):
            try expr(obj)
            try subscriptIndex(index)
            emit(.copy, 2)
            emit(.copy, 2)
            at(target.loc) { c in
                c.unit.anchor = (Int32(MINI_ANCHOR_SUBSCRIPT), c.byteCol(obj.loc.endLine, obj.loc.endCol), c.byteCol(index.loc.endLine, index.loc.endCol))
                c.emit(.binarySubscr)
            }
            try expr(value)
            at(s.loc) { c in c.emit(.binaryOp, arg) }
            emit(.swap, 3)
            emit(.swap, 2)
            emit(.storeSubscr)
        default:
            throw symbols.error("'\(target)' is an illegal expression for augmented assignment", target.loc)
        }
    }

    mutating func whileLoop(_ s: Stmt, _ test: Expr, _ body: [Stmt], _ orelse: [Stmt]) throws {
        let loop = newLabel(), bodyLabel = newLabel(), anchor = newLabel(), end = newLabel()
        let forever = isConstantTrue(test)
        place(loop)
        if !forever { try jumpIf(test, false, anchor) }
        place(bodyLabel)
        unit.fblocks.append(FBlock(kind: .whileLoop, start: loop, exit: end))
        try statements(body)
        unit.fblocks.removeLast()
        if forever {
            emit(.jump, loop)
        } else {
            try jumpIf(test, true, bodyLabel)
        }
        place(anchor)
        try statements(orelse)
        place(end)
    }

    mutating func forLoop(_ s: Stmt, _ target: Expr, _ iter: Expr, _ body: [Stmt], _ orelse: [Stmt]) throws {
        let start = newLabel(), cleanup = newLabel(), end = newLabel()
        try expr(iter)
        at(iter.loc) { c in c.emit(.getIter) }
        place(start)
        emit(.forIter, cleanup)
        try store(target)
        unit.fblocks.append(FBlock(kind: .forLoop, start: start, exit: end))
        try statements(body)
        unit.fblocks.removeLast()
        emit(.jump, start)
        place(cleanup)
        try statements(orelse)
        place(end)
    }

    /// `with a as x, b as y:` — one context manager per level of recursion.
    mutating func with(_ s: Stmt, _ items: [WithItem], _ i: Int, _ body: [Stmt]) throws {
        let item = items[i]
        let final = newLabel(), exit = newLabel(), cleanup = newLabel(), suppress = newLabel()
        try expr(item.context)
        at(s.loc) { c in c.emit(.beforeWith) }
        let h = setup(final, lasti: true, dropped: 1)
        unit.fblocks.append(FBlock(kind: .with, loc: s.loc))
        if let v = item.vars { try store(v) } else { emit(.popTop) }
        if i + 1 < items.count { try with(s, items, i + 1, body) } else { try statements(body) }
        unit.fblocks.removeLast()
        popBlock()
        at(s.loc) { c in c.callExitWithNones() }
        emit(.jump, exit)
        // The exception path: call __exit__ with the exception; a true result suppresses it.
        at(s.loc) { c in
            c.enterHandler(h)
            c.setup(cleanup, lasti: true)
            c.emit(.pushExcInfo)
            c.emit(.withExceptStart)
            c.emit(.jumpIfTrue, suppress)
            c.emit(.reraise, 2)
            c.place(suppress)
            c.emit(.popTop)
            c.popBlock()
            c.emit(.popExcept)
            c.emit(.popTop)
            c.emit(.popTop)
            c.emit(.jump, exit)
            c.popExceptAndReraise(cleanup)
        }
        place(exit)
    }

    /// exit(None, None, None) with the bound __exit__ on the stack, result dropped.
    func callExitWithNones() {
        loadConst(.none)
        loadConst(.none)
        loadConst(.none)
        emit(.call, 2)
        emit(.popTop)
    }

    /// The shared cleanup handler: restore the previous exception and re-raise.
    func popExceptAndReraise(_ cleanup: Int) {
        let outer = unit.handlers.firstIndex(where: { $0.label == cleanup }).map { unit.handlers[$0].outer } ?? unit.handlerStack
        place(cleanup)
        unit.handlerStack = outer
        emit(.copy, 3)
        emit(.popExcept)
        emit(.reraise, 1)
    }

    mutating func tryExcept(_ s: Stmt, _ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt]) throws {
        let except = newLabel(), end = newLabel(), cleanup = newLabel()
        let outerHandlers = unit.handlerStack
        let h = setup(except, lasti: false)
        unit.fblocks.append(FBlock(kind: .tryExcept))
        try statements(body)
        unit.fblocks.removeLast()
        popBlock()
        try statements(orelse)
        emit(.jump, end)
        enterHandler(h)
        let cleanupId = setup(cleanup, lasti: true)
        emit(.pushExcInfo)
        for handler in handlers {
            try at(handler.loc) { c in
                let next = c.newLabel()
                if let t = handler.type {
                    try c.expr(t)
                    c.emit(.checkExcMatch)
                    c.emit(.jumpIfFalse, next)
                }
                if let name = handler.name {
                    c.nameOp(name, .store)
                    let cleanupEnd = c.newLabel()
                    let inner = c.setup(cleanupEnd, lasti: true)
                    c.unit.fblocks.append(FBlock(kind: .handlerCleanup, name: name))
                    try c.statements(handler.body)
                    c.unit.fblocks.removeLast()
                    c.popBlock()
                    c.popBlock()
                    c.emit(.popExcept)
                    c.loadConst(.none)
                    c.nameOp(name, .store)
                    c.nameOp(name, .delete)
                    c.emit(.jump, end)
                    c.enterHandler(inner)
                    c.loadConst(.none)
                    c.nameOp(name, .store)
                    c.nameOp(name, .delete)
                    c.emit(.reraise, 1)
                } else {
                    c.emit(.popTop)
                    c.unit.fblocks.append(FBlock(kind: .handlerCleanup))
                    try c.statements(handler.body)
                    c.unit.fblocks.removeLast()
                    c.popBlock()
                    c.emit(.popExcept)
                    c.emit(.jump, end)
                }
                c.place(next)
                // The code after a handler is still inside the cleanup region.
                c.unit.handlerStack = c.unit.handlers[h].outer + [cleanupId]
            }
        }
        emit(.reraise, 0)
        popExceptAndReraise(cleanup)
        place(end)
        unit.handlerStack = outerHandlers
    }

    /// try/except* (PEP 654), as CPython 3.11 compiles it. The handler region keeps
    /// [prev, orig, raised, rest]: orig the exception caught, raised a list of what the handlers
    /// raised, rest the part no clause has matched yet. Each clause splits rest by its type
    /// (CHECK_EG_MATCH: [rest, match], match None when nothing matched) and runs its body on
    /// the match; an exception from the body is appended to raised. After the last clause
    /// PREP_RERAISE_STAR combines raised and rest into what to raise (None: nothing).
    mutating func tryStarExcept(_ s: Stmt, _ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt]) throws {
        let except = newLabel(), end = newLabel(), cleanup = newLabel(), reraise = newLabel()
        let outerHandlers = unit.handlerStack
        let h = setup(except, lasti: false)
        unit.fblocks.append(FBlock(kind: .tryExcept))
        try statements(body)
        unit.fblocks.removeLast()
        popBlock()
        try statements(orelse)
        emit(.jump, end)
        enterHandler(h)
        let cleanupId = setup(cleanup, lasti: true)
        emit(.pushExcInfo)          // [prev, exc]
        emit(.copy, 1)              // [prev, orig, exc]
        emit(.buildList, 0)
        emit(.swap, 2)              // [prev, orig, raised, rest]
        for handler in handlers {
            try at(handler.loc) { c in
                let noMatch = c.newLabel(), next = c.newLabel()
                if let t = handler.type { try c.expr(t) }
                c.emit(.checkEgMatch)   // [prev, orig, raised, rest, match]
                c.emit(.copy, 1)
                c.loadConst(.none)
                c.emit(.isOp, 0)
                c.emit(.jumpIfTrue, noMatch)
                if let name = handler.name { c.nameOp(name, .store) } else { c.emit(.popTop) }
                let failed = c.newLabel()
                let inner = c.setup(failed, lasti: true)
                c.unit.fblocks.append(FBlock(kind: .exceptStarHandler, name: handler.name))
                try c.statements(handler.body)
                c.unit.fblocks.removeLast()
                c.popBlock()
                c.clearHandlerName(handler.name)
                c.emit(.jump, next)
                c.enterHandler(inner)   // the body raised: [prev, orig, raised, rest, lasti, exc]
                c.clearHandlerName(handler.name)
                c.emit(.listAppend, 3)
                c.emit(.popTop)
                c.emit(.jump, next)
                c.place(noMatch)
                c.emit(.popTop)         // the None match
                c.place(next)
                c.unit.handlerStack = c.unit.handlers[h].outer + [cleanupId]
            }
        }
        emit(.listAppend, 1)            // rest joins raised: [prev, orig, raised]
        emit(.prepReraiseStar)          // [prev, result]
        emit(.copy, 1)
        loadConst(.none)
        emit(.isOp, 1)
        emit(.jumpIfTrue, reraise)
        emit(.popTop)
        popBlock()                      // both exits leave the cleanup region before POP_EXCEPT
        emit(.popExcept)
        emit(.jump, end)
        place(reraise)
        emit(.swap, 2)
        emit(.popExcept)
        emit(.reraise, 0)
        popExceptAndReraise(cleanup)
        place(end)
        unit.handlerStack = outerHandlers
    }

    /// `name = None; del name` after an `except ... as name` handler.
    func clearHandlerName(_ name: String?) {
        guard let name else { return }
        loadConst(.none)
        nameOp(name, .store)
        nameOp(name, .delete)
    }

    mutating func tryFinally(_ s: Stmt, _ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt],
                             _ finalbody: [Stmt]) throws {
        let end = newLabel(), exit = newLabel(), cleanup = newLabel()
        let outerHandlers = unit.handlerStack
        let h = setup(end, lasti: false)
        unit.fblocks.append(FBlock(kind: .finallyTry, finalBody: finalbody))
        if handlers.isEmpty {
            try statements(body)
        } else if handlers[0].isStar {
            try tryStarExcept(s, body, handlers, orelse)
        } else {
            try tryExcept(s, body, handlers, orelse)
        }
        unit.fblocks.removeLast()
        popBlock()
        try statements(finalbody)
        emit(.jump, exit)
        enterHandler(h)
        setup(cleanup, lasti: true)
        emit(.pushExcInfo)
        unit.fblocks.append(FBlock(kind: .finallyEnd))
        try statements(finalbody)
        unit.fblocks.removeLast()
        emit(.reraise, 0)
        popExceptAndReraise(cleanup)
        place(exit)
        unit.handlerStack = outerHandlers
    }

    // MARK: unwinding for break / continue / return

    /// Emits what leaving the innermost blocks requires, down to the innermost loop when
    /// wantLoop (that loop itself is returned, not unwound).
    mutating func unwindStack(preserveTOS: Bool, wantLoop: Bool) throws -> FBlock? {
        guard let top = unit.fblocks.last else { return nil }
        if wantLoop && (top.kind == .whileLoop || top.kind == .forLoop) { return top }
        let saved = unit.fblocks.removeLast()
        defer { unit.fblocks.append(saved) }
        if saved.kind == .finallyTry {
            popBlock()
            if preserveTOS { unit.fblocks.append(FBlock(kind: .popValue)) }
            try statements(saved.finalBody)
            if preserveTOS { unit.fblocks.removeLast() }
        } else {
            unwind(saved, preserveTOS: preserveTOS)
        }
        return try unwindStack(preserveTOS: preserveTOS, wantLoop: wantLoop)
    }

    func unwind(_ b: FBlock, preserveTOS: Bool) {
        switch b.kind {
        case .whileLoop, .finallyTry:
            break
        case .forLoop:
            if preserveTOS { emit(.swap, 2) }
            emit(.popTop)
        case .tryExcept:
            popBlock()
        case .finallyEnd:
            if preserveTOS { emit(.swap, 2) }
            emit(.popTop)
            if preserveTOS { emit(.swap, 2) }
            popBlock()
            emit(.popExcept)
        case .with:
            popBlock()
            if preserveTOS { emit(.swap, 2) }
            callExitWithNones()
        case .asyncWith:
            popBlock()
            if preserveTOS { emit(.swap, 2) }
            callAsyncExitWithNones()
        case .handlerCleanup:
            if b.name != nil { popBlock() }
            if preserveTOS { emit(.swap, 2) }
            popBlock()
            emit(.popExcept)
            if let n = b.name {
                loadConst(.none)
                nameOp(n, .store)
                nameOp(n, .delete)
            }
        case .popValue:
            if preserveTOS { emit(.swap, 2) }
            emit(.popTop)
        case .exceptStarHandler:
            break   // never unwound: refuseLeavingExceptStar stops return/break/continue first
        }
    }

    /// `return`, `break` and `continue` may not leave an except* handler (PEP 654): the
    /// handler's raised exceptions must all be collected. A loop inside the handler is fine.
    func refuseLeavingExceptStar(loop: Bool, _ loc: Loc) throws {
        for b in unit.fblocks.reversed() {
            if loop && (b.kind == .whileLoop || b.kind == .forLoop) { return }
            if b.kind == .exceptStarHandler {
                throw symbols.error("'break', 'continue' and 'return' cannot appear in an except* block", loc)
            }
        }
    }

    func byteCol(_ line: Int, _ col: Int) -> Int32 {
        Int32(source.byteColumn(line: line, charColumn: col))
    }

    func isConstantTrue(_ e: Expr) -> Bool {
        switch e.kind {
        case .constant(.bool(true)): return true
        case .constant(.int(let i)): return i.int64Value.map { $0 != 0 } ?? true
        case .constant(.str(let s)): return !s.isEmpty
        default: return false
        }
    }
}
