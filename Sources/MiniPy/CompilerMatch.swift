// CompilerMatch.swift: code generation for `match` statements (PEP 634).
//
// The subject is evaluated once and stays on the stack; every case but the last works on a
// copy. A pattern consumes the value on top of the stack: it pops it when it matches, and when a
// test fails it jumps to a "fail-pop" label that pops whatever the pattern still had on the stack
// (`onTop`) and goes on to the next case. Sequences are unpacked after MATCH_SEQUENCE and a
// length test, mappings fetch their keys with MATCH_KEYS, class patterns fetch their attributes
// with MATCH_CLASS, and each sub-pattern then consumes one of the pushed values. Captures are
// stored as soon as they match (CPython stores them only once the whole pattern succeeds; PEP
// 634 leaves the names bound by a failed match unspecified). Value patterns compare with ==,
// None/True/False with `is`.
//
// The compile-time errors are CPython's: a capture or wildcard that makes later cases (or later
// alternatives of an or-pattern) unreachable, a name bound twice, alternatives binding different
// names, two starred names in a sequence, a literal key repeated in a mapping, a keyword repeated
// in a class pattern.

import CShims

/// The state of the pattern being compiled.
struct PatternContext {
    /// Values on the stack that a failure must pop.
    var onTop = 0
    /// Fail-pop labels by the number of values they pop.
    var failPop: [Int: Int] = [:]
    /// Names this pattern binds, in order.
    var stores: [String] = []
    /// Whether an irrefutable pattern is allowed here (see `checkIrrefutable`).
    var allowIrrefutable = true
}

extension Compiler {
    mutating func match(_ s: Stmt, _ subject: Expr, _ cases: [MatchCase]) throws {
        try expr(subject)
        let end = newLabel()
        for (i, c) in cases.enumerated() {
            let last = i == cases.count - 1
            var pc = PatternContext()
            pc.allowIrrefutable = c.guard_ != nil || last
            try at(c.pattern.loc) { comp in
                if !last { comp.emit(.copy, 1) }
                pc.onTop = 1
                try comp.pattern(c.pattern, &pc)
            }
            if let g = c.guard_ {
                try jumpIf(g, false, failLabel(&pc, 0))
            }
            if !last { at(c.pattern.loc) { comp in comp.emit(.popTop) } }
            try statements(c.body)
            emit(.jump, end)
            emitFailPops(&pc)
        }
        place(end)
    }

    func failLabel(_ pc: inout PatternContext, _ n: Int) -> Int {
        if let l = pc.failPop[n] { return l }
        let l = newLabel()
        pc.failPop[n] = l
        return l
    }

    /// Jumps to the failure path when the value on top of the stack is false (popping it).
    func jumpIfFalseToFail(_ pc: inout PatternContext) {
        emit(.jumpIfFalse, failLabel(&pc, pc.onTop))
    }

    /// The fail-pop chain: label n pops n values then falls into label n-1.
    func emitFailPops(_ pc: inout PatternContext) {
        guard let most = pc.failPop.keys.max() else { return }
        for n in stride(from: most, through: 0, by: -1) {
            place(failLabel(&pc, n))
            if n > 0 { emit(.popTop) }
        }
    }

    func storePatternName(_ name: String, _ p: Pattern, _ pc: inout PatternContext) throws {
        if pc.stores.contains(name) {
            throw symbols.error("multiple assignments to name '\(name)' in pattern", p.loc)
        }
        pc.stores.append(name)
        nameOp(name, .store)
        pc.onTop -= 1
    }

    mutating func pattern(_ p: Pattern, _ pc: inout PatternContext) throws {
        try at(p.loc) { c in try c.patternBody(p, &pc) }
    }

    mutating func subpattern(_ p: Pattern, _ pc: inout PatternContext) throws {
        let saved = pc.allowIrrefutable
        pc.allowIrrefutable = true
        try pattern(p, &pc)
        pc.allowIrrefutable = saved
    }

    mutating func patternBody(_ p: Pattern, _ pc: inout PatternContext) throws {
        switch p.kind {
        case .as(.none, let name):
            if !pc.allowIrrefutable {
                if let n = name { throw symbols.error("name capture '\(n)' makes remaining patterns unreachable", p.loc) }
                throw symbols.error("wildcard makes remaining patterns unreachable", p.loc)
            }
            if let n = name {
                try storePatternName(n, p, &pc)
            } else {
                emit(.popTop)
                pc.onTop -= 1
            }
        case .as(let inner?, let name):
            emit(.copy, 1)
            pc.onTop += 1
            try pattern(inner, &pc)
            if let n = name { try storePatternName(n, p, &pc) } else { emit(.popTop); pc.onTop -= 1 }
        case .value(let e):
            try expr(e)
            emit(.compareOp, Int(Mini_EQ))
            pc.onTop -= 1
            jumpIfFalseToFail(&pc)
        case .singleton(let c):
            switch c {
            case .none: loadConst(.none)
            case .bool(let b): loadConst(.bool(b))
            default: break
            }
            emit(.isOp, 0)
            pc.onTop -= 1
            jumpIfFalseToFail(&pc)
        case .star:
            // Only reached through sequencePattern, which handles stars itself.
            emit(.popTop)
            pc.onTop -= 1
        case .sequence(let ps):
            try sequencePattern(p, ps, &pc)
        case .mapping(let keys, let ps, let rest):
            try mappingPattern(p, keys, ps, rest, &pc)
        case .classPattern(let cls, let ps, let names, let kps):
            try classPattern(p, cls, ps, names, kps, &pc)
        case .or(let alts):
            try orPattern(p, alts, &pc)
        }
    }

    mutating func sequencePattern(_ p: Pattern, _ ps: [Pattern], _ pc: inout PatternContext) throws {
        var star = -1
        for (i, x) in ps.enumerated() {
            if case .star = x.kind {
                if star >= 0 { throw symbols.error("multiple starred names in sequence pattern", p.loc) }
                star = i
            }
        }
        emit(.matchSequence)
        jumpIfFalseToFail(&pc)
        emit(.getLen)
        if star < 0 {
            loadConst(.int(Int64(ps.count)))
            emit(.compareOp, Int(Mini_EQ))
        } else {
            loadConst(.int(Int64(ps.count - 1)))
            emit(.compareOp, Int(Mini_GE))
        }
        jumpIfFalseToFail(&pc)
        if star < 0 {
            emit(.unpackSequence, ps.count)
        } else {
            emit(.unpackEx, star | ((ps.count - star - 1) << 8))
        }
        pc.onTop += ps.count - 1
        for x in ps {
            if case .star(let name) = x.kind {
                if let n = name { try storePatternName(n, x, &pc) } else { emit(.popTop); pc.onTop -= 1 }
            } else {
                try subpattern(x, &pc)
            }
        }
    }

    mutating func mappingPattern(_ p: Pattern, _ keys: [Expr], _ ps: [Pattern], _ rest: String?,
                                 _ pc: inout PatternContext) throws {
        emit(.matchMapping)
        jumpIfFalseToFail(&pc)
        if keys.isEmpty && rest == nil {
            emit(.popTop)
            pc.onTop -= 1
            return
        }
        if !keys.isEmpty {
            emit(.getLen)
            loadConst(.int(Int64(keys.count)))
            emit(.compareOp, Int(Mini_GE))
            jumpIfFalseToFail(&pc)
        }
        var seen: [ConstValue] = []
        for k in keys {
            if let c = constantValue(k) {
                if seen.contains(c) {
                    throw symbols.error("mapping pattern checks duplicate key (\(keyRepr(k)))", p.loc)
                }
                seen.append(c)
            }
            try expr(k)
        }
        emit(.buildTuple, keys.count)
        pc.onTop += 1
        emit(.matchKeys)
        pc.onTop += 1
        emit(.copy, 1)
        loadConst(.none)
        emit(.isOp, 1)
        jumpIfFalseToFail(&pc)
        emit(.unpackSequence, keys.count)
        pc.onTop += keys.count - 1
        for x in ps { try subpattern(x, &pc) }
        // Left: subject, keys.
        if let r = rest {
            emit(.copyDictWithoutKeys)
            try storePatternName(r, p, &pc)
            emit(.popTop)
            pc.onTop -= 1
        } else {
            emit(.popTop)
            emit(.popTop)
            pc.onTop -= 2
        }
    }

    func keyRepr(_ k: Expr) -> String {
        if case .constant(.str(let s)) = k.kind { return "'\(s)'" }
        if case .constant(.int(let i)) = k.kind { return i.radix == 10 ? i.digits : (i.int64Value.map(String.init) ?? i.digits) }
        return k.dump()
    }

    mutating func classPattern(_ p: Pattern, _ cls: Expr, _ ps: [Pattern], _ names: [String], _ kps: [Pattern],
                               _ pc: inout PatternContext) throws {
        var seen = Set<String>()
        for (n, kp) in zip(names, kps) where !seen.insert(n).inserted {
            throw symbols.error("attribute name repeated in class pattern: \(n)", kp.loc)
        }
        try expr(cls)
        loadConst(.tuple(names.map { .str($0) }))
        emit(.matchClass, ps.count)
        emit(.copy, 1)
        loadConst(.none)
        emit(.isOp, 1)
        jumpIfFalseToFail(&pc)
        let n = ps.count + kps.count
        emit(.unpackSequence, n)
        pc.onTop += n - 1
        for x in ps + kps { try subpattern(x, &pc) }
    }

    mutating func orPattern(_ p: Pattern, _ alts: [Pattern], _ pc: inout PatternContext) throws {
        let end = newLabel()
        var firstNames: [String]? = nil
        let outerStores = pc.stores
        var allStores = pc.stores
        for (i, alt) in alts.enumerated() {
            let last = i == alts.count - 1
            var sub = PatternContext()
            sub.stores = outerStores
            sub.allowIrrefutable = last && pc.allowIrrefutable
            if !last {
                emit(.copy, 1)
                sub.onTop = 1
            } else {
                sub.onTop = 1
                sub.failPop = [:]
            }
            try pattern(alt, &sub)
            let bound = Array(sub.stores.dropFirst(outerStores.count))
            if let f = firstNames {
                if Set(f) != Set(bound) { throw symbols.error("alternative patterns bind different names", alt.loc) }
            } else {
                firstNames = bound
                allStores = sub.stores
            }
            if !last {
                // Matched: drop the subject this or-pattern was testing.
                emit(.popTop)
                emit(.jump, end)
                emitFailPops(&sub)
            } else {
                // The last alternative fails like the whole pattern: its leftovers, then ours.
                if !sub.failPop.isEmpty { emit(.jump, end) }
                for (n, label) in sub.failPop.sorted(by: { $0.key < $1.key }) {
                    place(label)
                    for _ in 0..<n { emit(.popTop) }
                    emit(.jump, failLabel(&pc, pc.onTop - 1))
                }
            }
        }
        place(end)
        pc.onTop -= 1
        pc.stores = allStores
    }
}
