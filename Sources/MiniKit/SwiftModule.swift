// SwiftModule.swift: writing Mini extension modules in Swift.
//
// A module's method table and definition must outlive the module, and the C API calls its
// functions through C function pointers. `MiniModuleDefinition.make` builds both in permanent C
// memory; an extension function is a `@convention(c)` closure that captures nothing and wraps
// its Swift body in `miniFunctionBody`, which turns a thrown MiniError into the C convention
// (exception set, NULL returned) and hands an owned result over to the caller.
//
//     let spinDef = MiniModuleDefinition.make(name: "swiftspin", doc: "...", methods: [
//         .init(name: "spin", flags: MINI_METH_VARARGS, doc: "...") { _, args in
//             miniFunctionBody { () throws(MiniError) -> MiniRef in ... }
//         },
//     ])
//     let MiniInit_swiftspin: MiniInitFunc = { MiniModule_Create(spinDef) }

import Foundation

/// One entry of a method table.
public struct MiniMethodSpec: @unchecked Sendable {  // a C function pointer and strings: immutable
    public let name: String
    public let flags: Int32
    public let doc: String
    public let function: MiniCFunction

    public init(name: String, flags: Int32, doc: String, function: MiniCFunction) {
        self.name = name
        self.flags = flags
        self.doc = doc
        self.function = function
    }
}

public enum MiniModuleDefinition {
    /// Builds a NULL-terminated method table in permanent memory.
    public static func methodTable(_ methods: [MiniMethodSpec]) -> UnsafeMutablePointer<MiniMethodDef> {
        let table = UnsafeMutablePointer<MiniMethodDef>.allocate(capacity: methods.count + 1)
        for (i, m) in methods.enumerated() {
            table[i] = MiniMethodDef(ml_name: UnsafePointer(strdup(m.name)), ml_meth: m.function,
                                     ml_flags: m.flags, ml_doc: UnsafePointer(strdup(m.doc)))
        }
        table[methods.count] = MiniMethodDef(ml_name: nil, ml_meth: nil, ml_flags: 0, ml_doc: nil)
        return table
    }

    /// Builds a module definition (stamped with this runtime's ABI version) in permanent memory.
    public static func make(name: String, doc: String, methods: [MiniMethodSpec]) -> UnsafeMutablePointer<MiniModuleDef> {
        let def = UnsafeMutablePointer<MiniModuleDef>.allocate(capacity: 1)
        def.initialize(to: MiniModuleDef(
            m_base: MiniModuleDef_Base(m_abi_version: MINI_ABI_VERSION, m_reserved: 0),
            m_name: UnsafePointer(strdup(name)), m_doc: UnsafePointer(strdup(doc)),
            m_size: -1, m_methods: methodTable(methods), m_slots: gilNotUsedSlots))
        return def
    }

    /// The slots every module made here carries: Mini_mod_gil = Mini_MOD_GIL_NOT_USED (a Swift
    /// extension function runs with an attached thread state and touches only its arguments).
    nonisolated(unsafe) static let gilNotUsedSlots: UnsafeMutablePointer<MiniModuleDef_Slot> = {
        let slots = UnsafeMutablePointer<MiniModuleDef_Slot>.allocate(capacity: 2)
        slots[0] = MiniModuleDef_Slot(slot: Mini_mod_gil, value: UnsafeMutableRawPointer(bitPattern: 1))
        slots[1] = MiniModuleDef_Slot(slot: 0, value: nil)
        return slots
    }()
}

/// Runs the Swift body of an extension function and converts its outcome to the C convention:
/// the owned result is handed to the caller, or the thrown error is set and NULL returned.
@inlinable
public func miniFunctionBody(_ body: () throws(MiniError) -> MiniRef) -> MiniObjectPointer? {
    do {
        return try body().release()
    } catch {
        if MiniErr_Occurred() == nil { error.raise() }
        return nil
    }
}

/// The positional arguments of a MINI_METH_VARARGS call, checked for count like
/// MiniArg_UnpackTuple: TypeError "spin expected at most 2 arguments, got 3".
public func miniUnpackArgs(_ args: MiniObjectPointer?, function: String, min: Int, max: Int) throws(MiniError) -> [MiniObjectPointer] {
    guard let args else { return [] }
    let n = MiniTuple_Size(args)
    if n < 0 { throw MiniError.fetch() }
    if n < min {
        throw MiniError(typeName: "TypeError", message: "\(function) expected at least \(min) argument\(min == 1 ? "" : "s"), got \(n)")
    }
    if n > max {
        throw MiniError(typeName: "TypeError", message: "\(function) expected at most \(max) argument\(max == 1 ? "" : "s"), got \(n)")
    }
    return (0..<n).map { MiniTuple_GetItem(args, $0)! }
}
