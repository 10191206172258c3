// CompilerAssembler.swift: the last step of compilation, from a CodeUnit's symbolic instruction
// list to a VM code object.
//
//   1. peephole: adjacent instructions are fused into the VM's superinstructions
//      (LOAD_FAST__LOAD_FAST, LOAD_FAST__LOAD_CONST, STORE_FAST__LOAD_FAST, STORE_FAST__STORE_FAST)
//      when no label or exception-region boundary separates them;
//   2. stack depth: a walk over the control-flow graph computes the frame's value-stack size and
//      the depth at every exception handler's set-up point;
//   3. layout: labels get addresses, direction-neutral jumps become forward or backward ones (a
//      backward jump is a poll point), set-up markers disappear;
//   4. the exception table: consecutive instructions protected by the same handler become one
//      range (start, end, target, depth, lasti);
//   5. constants become objects and MiniCode_New builds the code object.

import CShims
import MiniVM
import MiniKit

/// A compilation step failed inside the runtime: the exception is in the thread's indicator.
struct PendingException: Error {}

/// A bug in the compiler (an inconsistency the assembler detected).
struct InternalCompilerError: Error, CustomStringConvertible {
    let message: String
    var description: String { "SystemError: compiler: \(message)" }
}

/// An owned reference to a code object, usable as a dictionary key (by identity).
final class CodeHandle: Hashable {
    let pointer: MiniObjectPointer
    init(stealing p: MiniObjectPointer) { pointer = p }
    deinit { Mini_DECREF(pointer) }
    /// A new reference for the caller.
    func take() -> MiniObjectPointer {
        Mini_INCREF(pointer)
        return pointer
    }
    static func == (a: CodeHandle, b: CodeHandle) -> Bool { a === b }
    func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
}

/// A constant of a code object, with Python's notion of identity for de-duplication (1, 1.0 and
/// True are different constants; so are 0.0 and -0.0).
enum ConstValue: Hashable {
    case none
    case ellipsis
    case bool(Bool)
    case int(Int64)
    case bigInt(String, Int)
    case float(UInt64)
    case str(String)
    case bytes([UInt8])
    /// real and imaginary parts' bit patterns
    case complex(UInt64, UInt64)
    case tuple([ConstValue])
    case code(CodeHandle)

    /// Equality with Python's meaning for strings (the same code points); Hashable's == compares
    /// Swift Strings by canonical equivalence, which would merge "K" with the Kelvin sign.
    func sameCodePoints(_ other: ConstValue) -> Bool {
        switch (self, other) {
        case (.str(let a), .str(let b)): return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameCodePoints($1) }
        default: return self == other
        }
    }

    /// The truth value when it is known at compile time.
    var truth: Bool? {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let bits): return Double(bitPattern: bits) != 0
        case .complex(let re, let im): return Double(bitPattern: re) != 0 || Double(bitPattern: im) != 0
        case .str(let s): return !s.isEmpty
        case .bytes(let b): return !b.isEmpty
        case .tuple(let t): return !t.isEmpty
        default: return nil
        }
    }

    /// A new reference to the object, or nil with the exception set.
    func makeObject() -> MiniObjectPointer? {
        switch self {
        case .none:
            let p = Mini_GetNone()
            Mini_INCREF(p)
            return p
        case .ellipsis:
            return MiniVM_Ellipsis()
        case .bool(let b):
            return MiniBool_FromLong(b ? 1 : 0)
        case .int(let v):
            return MiniLong_FromLongLong(v)
        case .bigInt(let digits, let radix):
            return MiniVM_LongFromString(digits, Int32(radix))
        case .float(let bits):
            return MiniFloat_FromDouble(Double(bitPattern: bits))
        case .complex(let re, let im):
            return MiniComplex_FromDoubles(Double(bitPattern: re), Double(bitPattern: im))
        case .str(let s):
            var s = s
            return s.withUTF8 { buf in
                MiniUnicode_FromStringAndSize(UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self),
                                             buf.count)
            }
        case .bytes(let b):
            if b.isEmpty { return MiniBytes_FromStringAndSize("", 0) }
            return b.withUnsafeBufferPointer { buf in
                MiniBytes_FromStringAndSize(UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self), buf.count)
            }
        case .tuple(let items):
            guard let t = MiniTuple_New(items.count) else { return nil }
            for (i, item) in items.enumerated() {
                guard let o = item.makeObject() else {
                    Mini_DECREF(t)
                    return nil
                }
                MiniTuple_SetItem(t, i, o)
            }
            return t
        case .code(let h):
            return h.take()
        }
    }
}

struct Assembler {
    let unit: CodeUnit
    let source: Source

    /// Builds the code object (owned).
    func assemble() throws -> CodeHandle {
        var instrs = fuse(unit.instrs)
        var handlers = unit.handlers

        // Labels: where each one is in the list.
        var labelAt = [Int: Int]()
        for (i, ins) in instrs.enumerated() where ins.op == .label { labelAt[ins.arg] = i }

        // Stack depth over the control-flow graph.
        var depthAt = [Int?](repeating: nil, count: instrs.count)
        var maxDepth = 0
        var work: [(Int, Int)] = [(0, 0)]
        while let (start, d0) = work.popLast() {
            var i = start, d = d0
            while i < instrs.count {
                if let seen = depthAt[i] {
                    if seen != d {
                        throw InternalCompilerError(message: "inconsistent stack depth in \(unit.qualname) at \(i): \(seen) vs \(d)")
                    }
                    break
                }
                depthAt[i] = d
                maxDepth = max(maxDepth, d)
                let ins = instrs[i]
                if ins.op == .setupHandler {
                    let hd = d - handlers[ins.arg].dropped
                    handlers[ins.arg].depth = hd
                    let target = hd + (handlers[ins.arg].lasti ? 2 : 1)
                    maxDepth = max(maxDepth, target)
                    if let t = labelAt[handlers[ins.arg].label] { work.append((t, target)) }
                    i += 1
                    continue
                }
                if ins.op.hasLabelArg, let t = labelAt[ins.arg] {
                    let jd = d + stackEffect(ins.op, ins.arg, jump: true)
                    maxDepth = max(maxDepth, jd)
                    work.append((t, jd))
                }
                d += stackEffect(ins.op, ins.arg, jump: false)
                if d < 0 { throw InternalCompilerError(message: "negative stack depth in \(unit.qualname) at \(i)") }
                maxDepth = max(maxDepth, d)
                if ins.op.isTerminal { break }
                i += 1
            }
        }

        // Layout: real instruction indices.
        var address = [Int](repeating: 0, count: instrs.count)
        var n = 0
        for (i, ins) in instrs.enumerated() {
            address[i] = n
            if ins.op != .label && ins.op != .setupHandler { n += 1 }
        }
        func target(_ label: Int) -> Int { labelAt[label].map { address[$0] } ?? 0 }

        var code: [UInt32] = []
        var positions: [MiniVMPosition] = []
        var handlerOf: [Int] = []
        code.reserveCapacity(n)
        for i in instrs.indices {
            var ins = instrs[i]
            if ins.op == .label || ins.op == .setupHandler { continue }
            let here = code.count
            if ins.op.hasLabelArg {
                let t = target(ins.arg)
                let backward = t <= here
                switch ins.op {
                case .jump: ins.op = backward ? .jumpBackward : .jumpForward
                case .jumpIfFalse: ins.op = backward ? .popJumpBackwardIfFalse : .popJumpIfFalse
                case .jumpIfTrue: ins.op = backward ? .popJumpBackwardIfTrue : .popJumpIfTrue
                default: break
                }
                ins.arg = t
            }
            if ins.arg < 0 || ins.arg > Int(MINI_OPARG_MAX) {
                throw InternalCompilerError(message: "instruction argument out of range in \(unit.qualname)")
            }
            code.append(MiniVM_MakeInstr(Int32(ins.op.raw), UInt32(ins.arg)))
            positions.append(ins.pos)
            handlerOf.append(ins.handler)
            instrs[i] = ins
        }

        // The exception table.
        var table: [MiniExcTableEntry] = []
        var i = 0
        while i < handlerOf.count {
            let h = handlerOf[i]
            if h < 0 { i += 1; continue }
            var j = i + 1
            while j < handlerOf.count && handlerOf[j] == h { j += 1 }
            let hd = handlers[h]
            table.append(MiniExcTableEntry(start: Int32(i), end: Int32(j), target: Int32(target(hd.label)),
                                           depth: Int32(max(hd.depth, 0)), lasti: hd.lasti ? 1 : 0))
            i = j
        }

        return try makeCode(code: code, positions: positions, table: table, stackSize: maxDepth + 1)
    }

    /// Fuses instructions into superinstructions: a subscript whose container and/or index are
    /// variables read in place, then pairs of fast-local loads and stores.
    func fuse(_ input: [Instr]) -> [Instr] {
        // A variable operand in the BINARY_SUBSCR_VAR(S) encoding, if ins is a plain load of one.
        func varOperand(_ ins: Instr) -> Int? {
            guard ins.arg < Int(MINI_VAR_SLOTS) else { return nil }
            if ins.op == .loadFast { return ins.arg }
            if ins.op == .loadDeref { return ins.arg | Int(MINI_VAR_CELL) }
            return nil
        }
        var pass1: [Instr] = []
        pass1.reserveCapacity(input.count)
        for ins in input {
            if ins.op == .binarySubscr, let b = pass1.last, b.handler == ins.handler, let vb = varOperand(b) {
                pass1.removeLast()
                var fused = ins
                if let a = pass1.last, a.handler == ins.handler, let va = varOperand(a) {
                    pass1.removeLast()
                    fused.op = .binarySubscrVars
                    fused.arg = va | (vb << 12)
                } else {
                    fused.op = .binarySubscrVar
                    fused.arg = vb
                }
                pass1.append(fused)
                continue
            }
            pass1.append(ins)
        }
        var out: [Instr] = []
        out.reserveCapacity(pass1.count)
        for ins in pass1 {
            if let last = out.last, last.handler == ins.handler, ins.arg < 4096, last.arg < 4096 {
                var fused: Op?
                switch (last.op, ins.op) {
                case (.loadFast, .loadFast): fused = .loadFastLoadFast
                case (.loadFast, .loadConst): fused = .loadFastLoadConst
                case (.storeFast, .loadFast): fused = .storeFastLoadFast
                case (.storeFast, .storeFast): fused = .storeFastStoreFast
                default: fused = nil
                }
                // FOR_ITER stores into a following STORE_FAST itself: keep that one plain.
                if (last.op == .storeFast) && out.count >= 2 && out[out.count - 2].op == .forIter { fused = nil }
                if let f = fused {
                    out[out.count - 1].op = f
                    out[out.count - 1].arg = last.arg | (ins.arg << 12)
                    continue
                }
            }
            out.append(ins)
        }
        return out
    }

    func makeCode(code: [UInt32], positions: [MiniVMPosition], table: [MiniExcTableEntry], stackSize: Int) throws -> CodeHandle {
        func objects(_ items: [MiniObjectPointer?]) throws -> MiniObjectPointer {
            guard let t = MiniTuple_New(items.count) else { throw PendingException() }
            for (i, o) in items.enumerated() {
                guard let o else {
                    Mini_DECREF(t)
                    throw PendingException()
                }
                MiniTuple_SetItem(t, i, o)
            }
            return t
        }
        var made: [MiniObjectPointer?] = []
        for c in unit.consts {
            let o = c.makeObject()
            if o == nil {
                for p in made { if let p { Mini_DECREF(p) } }
                throw PendingException()
            }
            made.append(o)
        }
        let consts = try objects(made)
        defer { Mini_DECREF(consts) }
        let names = try objects(unit.names.map { ConstValue.str($0).makeObject() })
        defer { Mini_DECREF(names) }
        let lpnames = try objects(unit.fast.map { ConstValue.str($0).makeObject() })
        defer { Mini_DECREF(lpnames) }
        let kinds = unit.kinds
        let obj: MiniObjectPointer? = code.withUnsafeBufferPointer { cbuf in
            positions.withUnsafeBufferPointer { pbuf in
                table.withUnsafeBufferPointer { tbuf in
                    kinds.withUnsafeBufferPointer { kbuf in
                        source.filename.withCString { fname in
                            unit.name.withCString { name in
                                unit.qualname.withCString { qual in
                                    var spec = MiniCodeSpec()
                                    spec.code = cbuf.baseAddress
                                    spec.ncode = cbuf.count
                                    spec.positions = pbuf.baseAddress
                                    spec.consts = consts
                                    spec.names = names
                                    spec.localsplusnames = lpnames
                                    spec.localspluskinds = kbuf.baseAddress
                                    spec.exctable = tbuf.baseAddress
                                    spec.nexctable = tbuf.count
                                    spec.argcount = Int32(unit.argcount)
                                    spec.posonlyargcount = Int32(unit.posonly)
                                    spec.kwonlyargcount = Int32(unit.kwonly)
                                    spec.flags = unit.flags
                                    spec.stacksize = Int32(stackSize)
                                    spec.firstlineno = Int32(unit.firstLine)
                                    spec.filename = fname
                                    spec.name = name
                                    spec.qualname = qual
                                    return MiniCode_New(&spec)
                                }
                            }
                        }
                    }
                }
            }
        }
        guard let obj else { throw PendingException() }
        return CodeHandle(stealing: obj)
    }
}
