// Bytecode.swift: the compiler's view of the VM's instruction set.
//
// Opcodes are defined once, in C (CShims/include/mini_vm.h, the MINI_OPCODES X-macro); this file
// gives them Swift names, adds the compiler's pseudo-instructions (labels, exception-handler
// set-up markers, direction-neutral jumps that the assembler turns into forward or backward
// jumps), and knows each instruction's effect on the value stack, which the assembler needs to
// size frames and to record the stack depth of every exception handler.

import CShims
import MiniVM

/// An opcode: a real VM opcode (0..<count) or a compiler pseudo-op (>= 1000).
struct Op: Hashable, Sendable {
    let raw: Int

    init(_ c: MiniOpcode) { raw = Int(c.rawValue) }
    init(pseudo: Int) { raw = pseudo }
    init(raw: Int) { self.raw = raw }

    var isPseudo: Bool { raw >= 1000 }
    var name: String {
        if let p = Op.pseudoNames[raw] { return p }
        return MiniVM_OpName(Int32(raw)).map { String(cString: $0) } ?? "<\(raw)>"
    }

    static let nop = Op(MINI_OP_NOP)
    static let popTop = Op(MINI_OP_POP_TOP)
    static let pushNull = Op(MINI_OP_PUSH_NULL)
    static let copy = Op(MINI_OP_COPY)
    static let swap = Op(MINI_OP_SWAP)
    static let resume = Op(MINI_OP_RESUME)
    static let loadConst = Op(MINI_OP_LOAD_CONST)
    static let loadFast = Op(MINI_OP_LOAD_FAST)
    static let storeFast = Op(MINI_OP_STORE_FAST)
    static let deleteFast = Op(MINI_OP_DELETE_FAST)
    static let loadFastLoadFast = Op(MINI_OP_LOAD_FAST__LOAD_FAST)
    static let loadFastLoadConst = Op(MINI_OP_LOAD_FAST__LOAD_CONST)
    static let storeFastLoadFast = Op(MINI_OP_STORE_FAST__LOAD_FAST)
    static let storeFastStoreFast = Op(MINI_OP_STORE_FAST__STORE_FAST)
    static let loadName = Op(MINI_OP_LOAD_NAME)
    static let storeName = Op(MINI_OP_STORE_NAME)
    static let deleteName = Op(MINI_OP_DELETE_NAME)
    static let loadGlobal = Op(MINI_OP_LOAD_GLOBAL)
    static let storeGlobal = Op(MINI_OP_STORE_GLOBAL)
    static let deleteGlobal = Op(MINI_OP_DELETE_GLOBAL)
    static let makeCell = Op(MINI_OP_MAKE_CELL)
    static let copyFreeVars = Op(MINI_OP_COPY_FREE_VARS)
    static let loadClosure = Op(MINI_OP_LOAD_CLOSURE)
    static let loadDeref = Op(MINI_OP_LOAD_DEREF)
    static let storeDeref = Op(MINI_OP_STORE_DEREF)
    static let deleteDeref = Op(MINI_OP_DELETE_DEREF)
    static let loadClassDeref = Op(MINI_OP_LOAD_CLASSDEREF)
    static let loadAttr = Op(MINI_OP_LOAD_ATTR)
    static let storeAttr = Op(MINI_OP_STORE_ATTR)
    static let deleteAttr = Op(MINI_OP_DELETE_ATTR)
    static let loadMethod = Op(MINI_OP_LOAD_METHOD)
    static let binarySubscr = Op(MINI_OP_BINARY_SUBSCR)
    static let binarySubscrVar = Op(MINI_OP_BINARY_SUBSCR_VAR)
    static let binarySubscrVars = Op(MINI_OP_BINARY_SUBSCR_VARS)
    static let storeSubscr = Op(MINI_OP_STORE_SUBSCR)
    static let deleteSubscr = Op(MINI_OP_DELETE_SUBSCR)
    static let buildSlice = Op(MINI_OP_BUILD_SLICE)
    static let unaryPositive = Op(MINI_OP_UNARY_POSITIVE)
    static let unaryNegative = Op(MINI_OP_UNARY_NEGATIVE)
    static let unaryNot = Op(MINI_OP_UNARY_NOT)
    static let unaryInvert = Op(MINI_OP_UNARY_INVERT)
    static let binaryOp = Op(MINI_OP_BINARY_OP)
    static let binaryOpStoreFast = Op(MINI_OP_BINARY_OP_STORE_FAST)
    static let binaryOpStoreName = Op(MINI_OP_BINARY_OP_STORE_NAME)
    static let binaryOpStoreGlobal = Op(MINI_OP_BINARY_OP_STORE_GLOBAL)
    static let compareOp = Op(MINI_OP_COMPARE_OP)
    static let isOp = Op(MINI_OP_IS_OP)
    static let containsOp = Op(MINI_OP_CONTAINS_OP)
    static let buildTuple = Op(MINI_OP_BUILD_TUPLE)
    static let buildList = Op(MINI_OP_BUILD_LIST)
    static let buildSet = Op(MINI_OP_BUILD_SET)
    static let buildMap = Op(MINI_OP_BUILD_MAP)
    static let buildConstKeyMap = Op(MINI_OP_BUILD_CONST_KEY_MAP)
    static let buildString = Op(MINI_OP_BUILD_STRING)
    static let listAppend = Op(MINI_OP_LIST_APPEND)
    static let setAdd = Op(MINI_OP_SET_ADD)
    static let mapAdd = Op(MINI_OP_MAP_ADD)
    static let listExtend = Op(MINI_OP_LIST_EXTEND)
    static let setUpdate = Op(MINI_OP_SET_UPDATE)
    static let dictUpdate = Op(MINI_OP_DICT_UPDATE)
    static let dictMerge = Op(MINI_OP_DICT_MERGE)
    static let listToTuple = Op(MINI_OP_LIST_TO_TUPLE)
    static let formatValue = Op(MINI_OP_FORMAT_VALUE)
    static let jumpForward = Op(MINI_OP_JUMP_FORWARD)
    static let jumpBackward = Op(MINI_OP_JUMP_BACKWARD)
    static let popJumpIfFalse = Op(MINI_OP_POP_JUMP_IF_FALSE)
    static let popJumpIfTrue = Op(MINI_OP_POP_JUMP_IF_TRUE)
    static let popJumpIfNone = Op(MINI_OP_POP_JUMP_IF_NONE)
    static let popJumpIfNotNone = Op(MINI_OP_POP_JUMP_IF_NOT_NONE)
    static let popJumpBackwardIfFalse = Op(MINI_OP_POP_JUMP_BACKWARD_IF_FALSE)
    static let popJumpBackwardIfTrue = Op(MINI_OP_POP_JUMP_BACKWARD_IF_TRUE)
    static let jumpIfFalseOrPop = Op(MINI_OP_JUMP_IF_FALSE_OR_POP)
    static let jumpIfTrueOrPop = Op(MINI_OP_JUMP_IF_TRUE_OR_POP)
    static let getIter = Op(MINI_OP_GET_ITER)
    static let forIter = Op(MINI_OP_FOR_ITER)
    static let kwNames = Op(MINI_OP_KW_NAMES)
    static let call = Op(MINI_OP_CALL)
    static let callFunctionEx = Op(MINI_OP_CALL_FUNCTION_EX)
    static let makeFunction = Op(MINI_OP_MAKE_FUNCTION)
    static let returnValue = Op(MINI_OP_RETURN_VALUE)
    static let yieldValue = Op(MINI_OP_YIELD_VALUE)
    static let getYieldFromIter = Op(MINI_OP_GET_YIELD_FROM_ITER)
    static let send = Op(MINI_OP_SEND)
    static let raiseVarargs = Op(MINI_OP_RAISE_VARARGS)
    static let reraise = Op(MINI_OP_RERAISE)
    static let pushExcInfo = Op(MINI_OP_PUSH_EXC_INFO)
    static let popExcept = Op(MINI_OP_POP_EXCEPT)
    static let checkExcMatch = Op(MINI_OP_CHECK_EXC_MATCH)
    static let beforeWith = Op(MINI_OP_BEFORE_WITH)
    static let withExceptStart = Op(MINI_OP_WITH_EXCEPT_START)
    static let importName = Op(MINI_OP_IMPORT_NAME)
    static let importFrom = Op(MINI_OP_IMPORT_FROM)
    static let importStar = Op(MINI_OP_IMPORT_STAR)
    static let unpackSequence = Op(MINI_OP_UNPACK_SEQUENCE)
    static let unpackEx = Op(MINI_OP_UNPACK_EX)
    static let loadBuildClass = Op(MINI_OP_LOAD_BUILD_CLASS)
    static let loadAssertionError = Op(MINI_OP_LOAD_ASSERTION_ERROR)
    // lang-async: coroutines, async iteration, match statements.
    static let getAwaitable = Op(MINI_OP_GET_AWAITABLE)
    static let getAIter = Op(MINI_OP_GET_AITER)
    static let getANext = Op(MINI_OP_GET_ANEXT)
    static let beforeAsyncWith = Op(MINI_OP_BEFORE_ASYNC_WITH)
    static let endAsyncFor = Op(MINI_OP_END_ASYNC_FOR)
    static let asyncGenWrap = Op(MINI_OP_ASYNC_GEN_WRAP)
    static let getLen = Op(MINI_OP_GET_LEN)
    static let matchMapping = Op(MINI_OP_MATCH_MAPPING)
    static let matchSequence = Op(MINI_OP_MATCH_SEQUENCE)
    static let matchKeys = Op(MINI_OP_MATCH_KEYS)
    static let matchClass = Op(MINI_OP_MATCH_CLASS)
    static let copyDictWithoutKeys = Op(MINI_OP_COPY_DICT_WITHOUT_KEYS)
    // except* (PEP 654).
    static let checkEgMatch = Op(MINI_OP_CHECK_EG_MATCH)
    static let prepReraiseStar = Op(MINI_OP_PREP_RERAISE_STAR)

    // Pseudo-instructions: never reach the VM.
    /// Marks the position of a label (arg = label id).
    static let label = Op(pseudo: 1000)
    /// Unconditional jump; becomes JUMP_FORWARD or JUMP_BACKWARD.
    static let jump = Op(pseudo: 1001)
    /// Conditional jumps; become the forward or backward form.
    static let jumpIfFalse = Op(pseudo: 1002)
    static let jumpIfTrue = Op(pseudo: 1003)
    /// Start of a region protected by handler `arg` (an index into the unit's handler table).
    static let setupHandler = Op(pseudo: 1004)

    static let pseudoNames: [Int: String] = [
        1000: "LABEL", 1001: "JUMP", 1002: "POP_JUMP_IF_FALSE", 1003: "POP_JUMP_IF_TRUE",
        1004: "SETUP_HANDLER",
    ]

    /// True for instructions whose argument is a label until assembly.
    var hasLabelArg: Bool {
        if self == .jump || self == .jumpIfFalse || self == .jumpIfTrue { return true }
        if isPseudo { return false }
        return MiniVM_OpArgKind(Int32(raw)) == MINI_ARG_JUMP
    }

    /// Never falls through to the next instruction.
    var isTerminal: Bool {
        if self == .jump { return true }
        if isPseudo { return false }
        return (MiniVM_OpFlags(Int32(raw)) & MINI_OPF_NOFALL) != 0
    }
}

/// The BINARY_OP argument of an operator.
func binaryOpArg(_ op: BinOp, inplace: Bool = false) -> Int {
    let base: Int32
    switch op {
    case .add: base = MINI_NB_ADD
    case .sub: base = MINI_NB_SUBTRACT
    case .mult: base = MINI_NB_MULTIPLY
    case .div: base = MINI_NB_TRUE_DIVIDE
    case .floorDiv: base = MINI_NB_FLOOR_DIVIDE
    case .mod: base = MINI_NB_REMAINDER
    case .pow: base = MINI_NB_POWER
    case .matMult: base = MINI_NB_MATMUL
    case .lShift: base = MINI_NB_LSHIFT
    case .rShift: base = MINI_NB_RSHIFT
    case .bitAnd: base = MINI_NB_AND
    case .bitOr: base = MINI_NB_OR
    case .bitXor: base = MINI_NB_XOR
    }
    return Int(base) | (inplace ? Int(MINI_NB_INPLACE) : 0)
}

/// The COMPARE_OP argument of a rich comparison.
func compareArg(_ op: CmpOp) -> Int? {
    switch op {
    case .lt: return Int(Mini_LT)
    case .ltE: return Int(Mini_LE)
    case .eq: return Int(Mini_EQ)
    case .notEq: return Int(Mini_NE)
    case .gt: return Int(Mini_GT)
    case .gtE: return Int(Mini_GE)
    default: return nil
    }
}

/// Stack effect of an instruction: on fall-through (jump == false) or when it jumps.
func stackEffect(_ op: Op, _ arg: Int, jump: Bool) -> Int {
    switch op {
    case .nop, .swap, .resume, .deleteFast, .deleteName, .deleteGlobal, .makeCell, .copyFreeVars,
         .deleteDeref, .loadAttr, .unaryPositive, .unaryNegative, .unaryNot, .unaryInvert,
         .listToTuple, .jumpForward, .jumpBackward, .jump, .getIter, .kwNames, .getYieldFromIter,
         .checkExcMatch, .label, .storeFastLoadFast, .yieldValue, .checkEgMatch:
        return 0
    case .binarySubscrVar:
        return 0
    case .binarySubscrVars:
        return 1
    case .popTop, .storeFast, .storeName, .storeGlobal, .storeDeref, .deleteAttr, .binarySubscr,
         .binaryOp, .compareOp, .isOp, .containsOp, .listAppend, .setAdd, .listExtend, .setUpdate,
         .dictUpdate, .dictMerge, .returnValue, .reraise, .popExcept, .importName, .importStar,
         .prepReraiseStar:
        return -1
    case .pushNull, .copy, .loadConst, .loadFast, .loadName, .loadClosure, .loadDeref,
         .loadClassDeref, .loadMethod, .pushExcInfo, .beforeWith, .withExceptStart, .importFrom,
         .loadBuildClass, .loadAssertionError:
        return 1
    case .loadFastLoadFast, .loadFastLoadConst:
        return 2
    case .storeFastStoreFast, .storeAttr, .deleteSubscr, .mapAdd, .binaryOpStoreFast, .binaryOpStoreName,
         .binaryOpStoreGlobal:
        return -2
    case .storeSubscr:
        return -3
    case .loadGlobal:
        return 1 + (arg & 1)
    case .buildSlice:
        return arg == 3 ? -2 : -1
    case .buildTuple, .buildList, .buildSet, .buildString:
        return 1 - arg
    case .buildMap:
        return 1 - 2 * arg
    case .buildConstKeyMap:
        return -arg
    case .formatValue:
        return (arg & Int(MINI_FVS_HAVE_SPEC)) != 0 ? -1 : 0
    case .popJumpIfFalse, .popJumpIfTrue, .popJumpIfNone, .popJumpIfNotNone,
         .popJumpBackwardIfFalse, .popJumpBackwardIfTrue, .jumpIfFalse, .jumpIfTrue:
        return -1
    case .jumpIfFalseOrPop, .jumpIfTrueOrPop:
        return jump ? 0 : -1
    case .forIter:
        return jump ? -1 : 1
    case .call:
        return -(arg + 1)
    case .callFunctionEx:
        return -(2 + (arg & 1))
    case .makeFunction:
        return -((arg & 1) + ((arg >> 1) & 1) + ((arg >> 2) & 1) + ((arg >> 3) & 1))
    case .send:
        return jump ? -1 : 0
    case .raiseVarargs:
        return -arg
    case .unpackSequence:
        return arg - 1
    case .unpackEx:
        return (arg & 0xFF) + (arg >> 8)
    case .setupHandler:
        return 0
    case .getAwaitable, .getAIter, .asyncGenWrap, .copyDictWithoutKeys:
        return 0
    case .getANext, .beforeAsyncWith, .getLen, .matchMapping, .matchSequence, .matchKeys:
        return 1
    case .endAsyncFor, .matchClass:
        return -2
    default:
        return 0
    }
}
