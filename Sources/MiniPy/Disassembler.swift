// Disassembler.swift: renders code objects the way Python 3.11's `dis` module does — line number,
// jump-target marker `>>`, offset, opcode name, argument and its meaning in parentheses, then the
// exception table — and marks with `GIL` (in the column dis uses for the current-instruction
// arrow) every instruction where the eval loop polls the eval breaker under the current policy:
// where another thread can get the lock. Nested code objects (functions, classes,
// comprehensions) follow, each under a "Disassembly of <code object ...>:" header.

import CShims
import MiniVM
import MiniKit

struct Disassembler {
    func render(_ code: MiniObjectPointer) -> String {
        var out = "# GIL = the eval loop polls the eval breaker here: the lock can change hands\n"
        var queue: [MiniObjectPointer] = [code]
        var first = true
        while !queue.isEmpty {
            let co = queue.removeFirst()
            if !first {
                out += "\nDisassembly of \(repr(co)):\n"
            }
            first = false
            out += one(co)
            let consts = MiniCode_Consts(co)!
            for i in 0..<MiniTuple_Size(consts) {
                let c = MiniTuple_GetItem(consts, i)!
                if MiniVM_IsCode(c) != 0 { queue.append(c) }
            }
        }
        return out
    }

    func repr(_ o: MiniObjectPointer) -> String {
        guard let r = MiniObject_Repr(o) else {
            MiniErr_Clear()
            return "<?>"
        }
        defer { Mini_DECREF(r) }
        return String(cString: MiniUnicode_AsUTF8(r))
    }

    func str(_ tuple: MiniObjectPointer, _ i: Int) -> String {
        guard i < MiniTuple_Size(tuple), let o = MiniTuple_GetItem(tuple, i) else { return "?" }
        return MiniUnicode_AsUTF8(o).map { String(cString: $0) } ?? "?"
    }

    func one(_ co: MiniObjectPointer) -> String {
        var count = 0
        let code = MiniCode_Instructions(co, &count)!
        let positions = MiniCode_Positions(co)!
        let consts = MiniCode_Consts(co)!
        let names = MiniCode_Names(co)!
        let locals = MiniCode_LocalsPlusNames(co)!
        var ntable = 0
        let table = MiniCode_ExceptionTable(co, &ntable)!

        var targets = Set<Int>()
        for i in 0..<count {
            let op = Int32(code[i] & 0xFF), arg = Int(code[i] >> 8)
            if MiniVM_OpArgKind(op) == MINI_ARG_JUMP { targets.insert(arg) }
        }
        for e in 0..<ntable { targets.insert(Int(table[e].target)) }
        var maxLine = 0
        for i in 0..<count { maxLine = max(maxLine, Int(positions[i].line)) }
        let linenoWidth = maxLine >= 1000 ? String(maxLine).count : 3
        let offsetWidth = max(4, String((count - 1) * 2).count)

        var out = ""
        var lastLine = -1
        for i in 0..<count {
            let op = Int32(code[i] & 0xFF), arg = Int(code[i] >> 8)
            let line = Int(positions[i].line)
            var fields: [String] = []
            if line != lastLine {
                if i > 0 { out += "\n" }
                fields.append(pad(String(line), linenoWidth, left: true))
                lastLine = line
            } else {
                fields.append(String(repeating: " ", count: linenoWidth))
            }
            fields.append(MiniVM_IsPollPoint(op) != 0 ? "GIL" : "   ")
            fields.append(targets.contains(i) ? ">>" : "  ")
            fields.append(pad(String(i * 2), offsetWidth, left: true))
            let name = String(cString: MiniVM_OpName(op))
            fields.append(pad(name, 20, left: false))
            let kind = MiniVM_OpArgKind(op)
            if kind != MINI_ARG_NONE {
                fields.append(pad(String(arg), 5, left: true))
                let detail = argRepr(kind, op, arg, consts, names, locals)
                if !detail.isEmpty { fields.append("(" + detail + ")") }
            }
            var row = fields.joined(separator: " ")
            while row.hasSuffix(" ") { row.removeLast() }
            out += row + "\n"
        }
        if ntable > 0 {
            out += "ExceptionTable:\n"
            for e in 0..<ntable {
                let t = table[e]
                out += "  \(Int(t.start) * 2) to \(Int(t.end - 1) * 2) -> \(Int(t.target) * 2) [\(t.depth)]\(t.lasti != 0 ? " lasti" : "")\n"
            }
        }
        return out
    }

    func pad(_ s: String, _ width: Int, left: Bool) -> String {
        if s.count >= width { return s }
        let p = String(repeating: " ", count: width - s.count)
        return left ? p + s : s + p
    }

    func argRepr(_ kind: Int32, _ op: Int32, _ arg: Int, _ consts: MiniObjectPointer, _ names: MiniObjectPointer,
                 _ locals: MiniObjectPointer) -> String {
        switch kind {
        case MINI_ARG_CONST:
            guard let c = MiniTuple_GetItem(consts, arg) else { MiniErr_Clear(); return "?" }
            return repr(c)
        case MINI_ARG_NAME:
            return str(names, arg)
        case MINI_ARG_GLOBAL:
            return ((arg & 1) != 0 ? "NULL + " : "") + str(names, arg >> 1)
        case MINI_ARG_LOCAL:
            return str(locals, arg)
        case MINI_ARG_LOCAL2:
            return str(locals, arg & 0xFFF) + ", " + str(locals, arg >> 12)
        case MINI_ARG_LOCALCONST:
            guard let c = MiniTuple_GetItem(consts, arg >> 12) else { MiniErr_Clear(); return "?" }
            return str(locals, arg & 0xFFF) + ", " + repr(c)
        case MINI_ARG_BINOP_NAME:
            let sym = MiniVM_BinOpSymbol(Int32(arg & 0xFF)).map { String(cString: $0) } ?? "?"
            return str(names, arg >> 8) + " " + sym
        case MINI_ARG_VAR:
            return str(locals, arg & (Int(MINI_VAR_SLOTS) - 1))
        case MINI_ARG_VAR2:
            return str(locals, arg & (Int(MINI_VAR_SLOTS) - 1)) + ", " + str(locals, (arg >> 12) & (Int(MINI_VAR_SLOTS) - 1))
        case MINI_ARG_JUMP:
            return "to \(arg * 2)"
        case MINI_ARG_COMPARE:
            return ["<", "<=", "==", "!=", ">", ">="][min(max(arg, 0), 5)]
        case MINI_ARG_BINOP:
            return MiniVM_BinOpSymbol(Int32(arg)).map { String(cString: $0) } ?? "?"
        case MINI_ARG_BINOP_LOCAL:
            let sym = MiniVM_BinOpSymbol(Int32(arg & 0xFF)).map { String(cString: $0) } ?? "?"
            return str(locals, arg >> 8) + " " + sym
        case MINI_ARG_FORMAT:
            var parts: [String] = []
            switch arg & 3 {
            case 1: parts.append("str")
            case 2: parts.append("repr")
            case 3: parts.append("ascii")
            default: break
            }
            if (arg & Int(MINI_FVS_HAVE_SPEC)) != 0 { parts.append("with format") }
            return parts.joined(separator: ", ")
        default:
            if op == Int32(MINI_OP_MAKE_FUNCTION.rawValue) {
                var parts: [String] = []
                if (arg & Int(MINI_MF_DEFAULTS)) != 0 { parts.append("defaults") }
                if (arg & Int(MINI_MF_KWDEFAULTS)) != 0 { parts.append("kwdefaults") }
                if (arg & Int(MINI_MF_ANNOTATIONS)) != 0 { parts.append("annotations") }
                if (arg & Int(MINI_MF_CLOSURE)) != 0 { parts.append("closure") }
                return parts.joined(separator: ", ")
            }
            if op == Int32(MINI_OP_IS_OP.rawValue) || op == Int32(MINI_OP_CONTAINS_OP.rawValue) {
                return ""
            }
            return ""
        }
    }
}
