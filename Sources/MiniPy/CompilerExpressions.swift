// CompilerExpressions.swift: code generation for expressions, assignment targets, conditions,
// calls, comprehensions, lambdas and f-strings (the statement side is in Compiler.swift). Every
// expression is emitted with its own source range as the instructions' position, so a failing
// instruction's traceback caret lands on the sub-expression CPython would mark; binary
// operations and subscripts also record the operand columns CPython's ~~^~~ anchors use.

import CShims
import MiniVM

extension Compiler {
    // MARK: helpers

    /// The constant an expression folds to, if it is one (literals, -literal, tuples of them).
    func constantValue(_ e: Expr) -> ConstValue? {
        switch e.kind {
        case .constant(let c):
            switch c {
            case .none: return ConstValue.none
            case .bool(let b): return .bool(b)
            case .ellipsis: return .ellipsis
            case .int(let i):
                if let v = i.int64Value { return .int(v) }
                return .bigInt(i.digits, i.radix)
            case .float(let d): return .float(d.bitPattern)
            case .str(let s): return .str(s)
            case .bytes(let b): return .bytes(b)
            case .complex(let d): return .complex(0, d.bitPattern)
            }
        case .unaryOp(.uSub, let operand):
            guard case .constant(let c) = operand.kind else { return nil }
            if case .int(let i) = c, let v = i.int64Value { return .int(-v) }
            if case .float(let d) = c { return .float((-d).bitPattern) }
            return nil
        case .tuple(let elts):
            return constantTuple(elts)
        default:
            return nil
        }
    }

    func constantTuple(_ elts: [Expr]) -> ConstValue? {
        var items: [ConstValue] = []
        for x in elts {
            guard let c = constantValue(x) else { return nil }
            items.append(c)
        }
        return .tuple(items)
    }

    /// The ~~^~~ anchors of a binary operation on one line.
    func setBinOpAnchor(_ l: Expr, _ r: Expr) {
        if l.loc.endLine == r.loc.line && l.loc.line == r.loc.endLine {
            unit.anchor = (Int32(MINI_ANCHOR_BINOP), byteCol(l.loc.endLine, l.loc.endCol), byteCol(r.loc.line, r.loc.col))
        }
    }

    func isStarred(_ e: Expr) -> Bool {
        if case .starred = e.kind { return true }
        return false
    }

    // MARK: expressions

    mutating func expr(_ e: Expr) throws {
        try at(e.loc) { c in try c.exprBody(e) }
    }

    mutating func exprBody(_ e: Expr) throws {
        if let k = constantValue(e) {
            loadConst(k)
            return
        }
        switch e.kind {
        case .constant:
            break
        case .name(let n):
            nameOp(n, .load)
        case .binOp(let l, let op, let r):
            try expr(l)
            try expr(r)
            setBinOpAnchor(l, r)
            emit(.binaryOp, binaryOpArg(op))
        case .unaryOp(let op, let operand):
            try expr(operand)
            switch op {
            case .uSub: emit(.unaryNegative)
            case .uAdd: emit(.unaryPositive)
            case .not: emit(.unaryNot)
            case .invert: emit(.unaryInvert)
            }
        case .boolOp(let op, let values):
            let end = newLabel()
            for (i, v) in values.enumerated() {
                try expr(v)
                if i < values.count - 1 { emit(op == .and ? .jumpIfFalseOrPop : .jumpIfTrueOrPop, end) }
            }
            place(end)
        case .compare(let left, let ops, let rights):
            try compare(left, ops, rights)
        case .ifExp(let test, let body, let orelse):
            let other = newLabel(), end = newLabel()
            try jumpIf(test, false, other)
            try expr(body)
            emit(.jump, end)
            place(other)
            try expr(orelse)
            place(end)
        case .namedExpr(let target, let value):
            try expr(value)
            emit(.copy, 1)
            try store(target)
        case .call(let f, let args, let keywords):
            try call(f, args, keywords)
        case .attribute(let obj, let attr):
            try expr(obj)
            emit(.loadAttr, addName(attr))
        case .subscript(let obj, let index):
            try expr(obj)
            try subscriptIndex(index)
            if obj.loc.endLine == index.loc.endLine && e.loc.line == e.loc.endLine {
                unit.anchor = (Int32(MINI_ANCHOR_SUBSCRIPT), byteCol(obj.loc.endLine, obj.loc.endCol),
                               byteCol(index.loc.endLine, index.loc.endCol))
            }
            emit(.binarySubscr)
        case .slice:
            try subscriptIndex(e)
        case .list(let elts):
            try sequence(elts, build: .buildList, isTuple: false)
        case .tuple(let elts):
            try sequence(elts, build: .buildTuple, isTuple: true)
        case .set(let elts):
            if elts.contains(where: isStarred) {
                emit(.buildSet, 0)
                for x in elts {
                    if case .starred(let inner) = x.kind { try expr(inner); emit(.setUpdate, 1) }
                    else { try expr(x); emit(.setAdd, 1) }
                }
            } else {
                for x in elts { try expr(x) }
                emit(.buildSet, elts.count)
            }
        case .dict(let keys, let values):
            try dict(keys, values)
        case .listComp(let elt, let gens):
            try comprehension(e, "listcomp", gens, [elt])
        case .setComp(let elt, let gens):
            try comprehension(e, "setcomp", gens, [elt])
        case .dictComp(let k, let v, let gens):
            try comprehension(e, "dictcomp", gens, [k, v])
        case .generatorExp(let elt, let gens):
            try comprehension(e, "genexpr", gens, [elt])
        case .lambda(let args, let body):
            try lambda(e, args, body)
        case .yield(let v):
            if let v = v { try expr(v) } else { loadConst(.none) }
            if unit.scope.isCoroutine { emit(.asyncGenWrap) }
            emit(.yieldValue)
            emit(.resume, 1)
        case .yieldFrom(let v):
            try expr(v)
            emit(.getYieldFromIter)
            loadConst(.none)
            let start = newLabel(), exit = newLabel()
            place(start)
            emit(.send, exit)
            emit(.yieldValue)
            emit(.resume, 2)
            emit(.jump, start)
            place(exit)
        case .await(let v):
            try expr(v)
            emit(.getAwaitable, 0)
            awaitLoop()
        case .joinedStr(let values):
            try joinedStr(values)
        case .formattedValue:
            try joinedStr([e])
        case .starred:
            throw symbols.error("can't use starred expression here", e.loc)
        }
    }

    mutating func compare(_ left: Expr, _ ops: [CmpOp], _ rights: [Expr]) throws {
        try expr(left)
        if ops.count == 1 {
            try expr(rights[0])
            compareInstr(ops[0])
            return
        }
        let cleanup = newLabel(), end = newLabel()
        for i in 0..<(ops.count - 1) {
            try expr(rights[i])
            emit(.swap, 2)
            emit(.copy, 2)
            compareInstr(ops[i])
            emit(.jumpIfFalseOrPop, cleanup)
        }
        try expr(rights[rights.count - 1])
        compareInstr(ops[ops.count - 1])
        emit(.jump, end)
        place(cleanup)
        emit(.swap, 2)
        emit(.popTop)
        place(end)
    }

    func compareInstr(_ op: CmpOp) {
        switch op {
        case .is: emit(.isOp, 0)
        case .isNot: emit(.isOp, 1)
        case .in: emit(.containsOp, 0)
        case .notIn: emit(.containsOp, 1)
        default: emit(.compareOp, compareArg(op)!)
        }
    }

    /// Evaluates e as a condition and jumps to label when its truth equals cond.
    mutating func jumpIf(_ e: Expr, _ cond: Bool, _ label: Int) throws {
        switch e.kind {
        case .unaryOp(.not, let x):
            try at(e.loc) { c in try c.jumpIf(x, !cond, label) }
            return
        case .boolOp(let op, let values):
            let cond2 = op == .or
            var next2 = label
            if cond2 != cond { next2 = newLabel() }
            for v in values.dropLast() { try jumpIf(v, cond2, next2) }
            try jumpIf(values[values.count - 1], cond, label)
            if next2 != label { place(next2) }
            return
        case .compare(let left, let ops, let rights) where ops.count == 1:
            try at(e.loc) { c in
                try c.expr(left)
                try c.expr(rights[0])
                c.compareInstr(ops[0])
                c.emit(cond ? .jumpIfTrue : .jumpIfFalse, label)
            }
            return
        case .constant:
            if let k = constantValue(e), let t = k.truth {
                if t == cond { emit(.jump, label) }
                return
            }
        default:
            break
        }
        try expr(e)
        at(e.loc) { c in c.emit(cond ? .jumpIfTrue : .jumpIfFalse, label) }
    }

    mutating func subscriptIndex(_ index: Expr) throws {
        if case .slice(let lo, let hi, let step) = index.kind {
            try at(index.loc) { c in
                if let lo = lo { try c.expr(lo) } else { c.loadConst(.none) }
                if let hi = hi { try c.expr(hi) } else { c.loadConst(.none) }
                if let step = step {
                    try c.expr(step)
                    c.emit(.buildSlice, 3)
                } else {
                    c.emit(.buildSlice, 2)
                }
            }
            return
        }
        try expr(index)
    }

    mutating func sequence(_ elts: [Expr], build: Op, isTuple: Bool) throws {
        if !elts.contains(where: isStarred) {
            for x in elts { try expr(x) }
            emit(build, elts.count)
            return
        }
        emit(.buildList, 0)
        for x in elts {
            if case .starred(let inner) = x.kind {
                try expr(inner)
                emit(.listExtend, 1)
            } else {
                try expr(x)
                emit(.listAppend, 1)
            }
        }
        if isTuple { emit(.listToTuple) }
    }

    mutating func dict(_ keys: [Expr?], _ values: [Expr]) throws {
        if keys.contains(where: { $0 == nil }) {
            emit(.buildMap, 0)
            for (k, v) in zip(keys, values) {
                if let k = k {
                    try expr(k)
                    try expr(v)
                    emit(.mapAdd, 1)
                } else {
                    try expr(v)
                    emit(.dictUpdate, 1)
                }
            }
            return
        }
        let constKeys = keys.compactMap { $0.flatMap { constantValue($0) } }
        if keys.count > 1 && constKeys.count == keys.count && Set(constKeys).count == keys.count {
            for v in values { try expr(v) }
            loadConst(.tuple(constKeys))
            emit(.buildConstKeyMap, keys.count)
            return
        }
        for (k, v) in zip(keys, values) {
            try expr(k!)
            try expr(v)
        }
        emit(.buildMap, keys.count)
    }

    // MARK: calls

    mutating func call(_ f: Expr, _ args: [Expr], _ keywords: [Keyword]) throws {
        let plain = !args.contains(where: isStarred) && !keywords.contains(where: { $0.name == nil })
        if plain, case .attribute(let obj, let attr) = f.kind {
            try expr(obj)
            at(f.loc) { c in c.emit(.loadMethod, c.addName(attr)) }
            try callArguments(args, keywords, extra: 0)
            return
        }
        emit(.pushNull)
        try expr(f)
        try callArguments(args, keywords, extra: 0)
    }

    /// Pushes the arguments and emits the call; `extra` positional arguments are already on the
    /// stack (the class body function and name for __build_class__).
    mutating func callArguments(_ args: [Expr], _ keywords: [Keyword], extra: Int) throws {
        let plain = !args.contains(where: isStarred) && !keywords.contains(where: { $0.name == nil })
        if plain {
            for a in args { try expr(a) }
            for k in keywords { try expr(k.value) }
            if !keywords.isEmpty { emit(.kwNames, addConst(.tuple(keywords.map { .str($0.name!) }))) }
            emit(.call, extra + args.count + keywords.count)
            return
        }
        emit(.buildList, extra)
        for a in args {
            if case .starred(let inner) = a.kind {
                try expr(inner)
                emit(.listExtend, 1)
            } else {
                try expr(a)
                emit(.listAppend, 1)
            }
        }
        emit(.listToTuple)
        if keywords.isEmpty {
            emit(.callFunctionEx, 0)
            return
        }
        emit(.buildMap, 0)
        for k in keywords {
            if let name = k.name {
                loadConst(.str(name))
                try expr(k.value)
                emit(.mapAdd, 1)
            } else {
                try expr(k.value)
                emit(.dictMerge, 1)
            }
        }
        emit(.callFunctionEx, 1)
    }

    // MARK: functions in expressions

    mutating func lambda(_ e: Expr, _ args: Arguments, _ body: Expr) throws {
        guard let scope = symbols.scopeOf[ObjectIdentifier(e)] else { return }
        var flags = try defaults(args)
        let code = try functionBody(scope, name: "<lambda>", qualname: qualname(for: "<lambda>"), args: args, loc: e.loc) { c in
            _ = c.addConst(.none)   // a lambda has no docstring
            try c.expr(body)
            c.emit(.returnValue)
        }
        if loadClosure(scope) { flags |= Int(MINI_MF_CLOSURE) }
        loadConst(code)
        emit(.makeFunction, flags)
    }

    mutating func comprehension(_ e: Expr, _ kind: String, _ gens: [Comprehension], _ parts: [Expr]) throws {
        guard let scope = symbols.scopeOf[ObjectIdentifier(e)] else { return }
        let name = "<\(kind)>"
        let code = try functionBody(scope, name: name, qualname: qualname(for: name), args: nil, loc: e.loc) { c in
            switch kind {
            case "listcomp": c.emit(.buildList, 0)
            case "setcomp": c.emit(.buildSet, 0)
            case "dictcomp": c.emit(.buildMap, 0)
            default: break
            }
            try c.comprehensionLoop(gens, 0, kind, parts)
            if kind == "genexpr" { c.loadConst(.none) }
            c.emit(.returnValue)
        }
        var flags = 0
        if loadClosure(scope) { flags |= Int(MINI_MF_CLOSURE) }
        loadConst(code)
        emit(.makeFunction, flags)
        try expr(gens[0].iter)
        at(gens[0].iter.loc) { c in c.emit(gens[0].isAsync ? .getAIter : .getIter) }
        emit(.call, 0)
        if scope.isCoroutine && kind != "genexpr" {
            // An asynchronous list/set/dict comprehension is a coroutine: awaited on the spot.
            emit(.getAwaitable, 0)
            awaitLoop()
        }
    }

    mutating func comprehensionLoop(_ gens: [Comprehension], _ i: Int, _ kind: String, _ parts: [Expr]) throws {
        let g = gens[i]
        let start = newLabel(), anchor = newLabel()
        if i == 0 {
            emit(.loadFast, 0)
        } else {
            try expr(g.iter)
            at(g.iter.loc) { c in c.emit(g.isAsync ? .getAIter : .getIter) }
        }
        place(start)
        var asyncHandler = -1
        if g.isAsync {
            asyncHandler = setup(anchor, lasti: false)
            emit(.getANext)
            awaitLoop()
            popBlock()
        } else {
            emit(.forIter, anchor)
        }
        try store(g.target)
        for cond in g.ifs { try jumpIf(cond, false, start) }
        if i + 1 < gens.count {
            try comprehensionLoop(gens, i + 1, kind, parts)
        } else {
            let depth = gens.count + 1
            switch kind {
            case "genexpr":
                try expr(parts[0])
                if unit.scope.isCoroutine { emit(.asyncGenWrap) }
                emit(.yieldValue)
                emit(.resume, 1)
                emit(.popTop)
            case "listcomp":
                try expr(parts[0])
                emit(.listAppend, depth)
            case "setcomp":
                try expr(parts[0])
                emit(.setAdd, depth)
            default:
                try expr(parts[0])
                try expr(parts[1])
                emit(.mapAdd, depth)
            }
        }
        emit(.jump, start)
        if asyncHandler >= 0 {
            enterHandler(asyncHandler)
            emit(.endAsyncFor)
        } else {
            place(anchor)
        }
    }

    /// The loop that drives an awaitable on the stack to completion, passing what it yields up to
    /// the caller (CPython 3.11's SEND / YIELD_VALUE / RESUME 3 sequence).
    func awaitLoop() {
        loadConst(.none)
        let start = newLabel(), exit = newLabel()
        place(start)
        emit(.send, exit)
        emit(.yieldValue)
        emit(.resume, 3)
        emit(.jump, start)
        place(exit)
    }

    // MARK: f-strings

    mutating func joinedStr(_ values: [Expr]) throws {
        var count = 0
        for v in values {
            switch v.kind {
            case .constant(.str(let s)):
                if s.isEmpty { continue }
                loadConst(.str(s))
            case .formattedValue(let value, let conversion, let spec):
                try expr(value)
                var flags = Int(MINI_FVC_NONE)
                switch conversion {
                case .str?: flags = Int(MINI_FVC_STR)
                case .repr?: flags = Int(MINI_FVC_REPR)
                case .ascii?: flags = Int(MINI_FVC_ASCII)
                case nil: break
                }
                if let sp = spec {
                    try expr(sp)
                    flags |= Int(MINI_FVS_HAVE_SPEC)
                }
                at(v.loc) { c in c.emit(.formatValue, flags) }
            default:
                try expr(v)
            }
            count += 1
        }
        if count == 0 {
            loadConst(.str(""))
        } else if count > 1 {
            emit(.buildString, count)
        }
    }

    // MARK: targets

    mutating func store(_ t: Expr) throws {
        try at(t.loc) { c in try c.storeBody(t) }
    }

    mutating func storeBody(_ t: Expr) throws {
        switch t.kind {
        case .name(let n):
            nameOp(n, .store)
        case .attribute(let obj, let attr):
            try expr(obj)
            emit(.storeAttr, addName(attr))
        case .subscript(let obj, let index):
            try expr(obj)
            try subscriptIndex(index)
            emit(.storeSubscr)
        case .tuple(let elts), .list(let elts):
            if let star = elts.firstIndex(where: isStarred) {
                let after = elts.count - star - 1
                if star > 255 || after > 255 {
                    throw symbols.error("too many expressions in star-unpacking assignment", t.loc)
                }
                emit(.unpackEx, star | (after << 8))
            } else {
                emit(.unpackSequence, elts.count)
            }
            for x in elts {
                if case .starred(let inner) = x.kind { try store(inner) } else { try store(x) }
            }
        case .starred:
            throw symbols.error("starred assignment target must be in a list or tuple", t.loc)
        default:
            throw symbols.error("cannot assign to expression", t.loc)
        }
    }

    mutating func deleteTarget(_ t: Expr) throws {
        try at(t.loc) { c in
            switch t.kind {
            case .name(let n):
                c.nameOp(n, .delete)
            case .attribute(let obj, let attr):
                try c.expr(obj)
                c.emit(.deleteAttr, c.addName(attr))
            case .subscript(let obj, let index):
                try c.expr(obj)
                try c.subscriptIndex(index)
                c.emit(.deleteSubscr)
            case .tuple(let elts), .list(let elts):
                for x in elts { try c.deleteTarget(x) }
            default:
                throw c.symbols.error("cannot delete expression", t.loc)
            }
        }
    }
}
