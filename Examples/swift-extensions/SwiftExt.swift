// SwiftExt.swift: a Mini extension module written in Swift, `swiftext`.
//
// It is the Swift twin of Examples/extensions/sleeper.c: the same release pattern, but the lock
// is let go only through MiniKit's `withGILReleased { }`, whose closure is @Sendable. Everything
// the closure captures is plain data (an Int, a PinnedMemory) — capturing a MiniRef or a raw
// object pointer there does not compile. Functions:
//   spin(iterations, release=True)   a busy loop, with or without the lock
//   checksum(data, release=True)     sum of the bytes of any buffer exporter (bytes, matrix)
//   meet(expected, timeout, release=True)
//                                    enters a section and waits there until `expected` threads
//                                    have been inside at once (or the timeout ends); returns the
//                                    most threads seen inside together: the held-vs-released
//                                    proof, counted rather than timed.
import Foundation
import MiniKit
import Synchronization

private let inside = Atomic<Int>(0)
private let maxInside = Atomic<Int>(0)

/// Resets the `meet` counters between runs (tests call it with the GIL held).
public func swiftextResetMeet() {
    inside.store(0, ordering: .sequentiallyConsistent)
    maxInside.store(0, ordering: .sequentiallyConsistent)
}

@inline(never)
private func busyLoop(_ iterations: Int) -> Double {
    var x = 1.0
    for _ in 0..<iterations { x = x * 1.0000001 + 1e-9 }
    return x
}

private func meetSection(expected: Int, timeout: Double) -> Int {
    let now = inside.add(1, ordering: .sequentiallyConsistent).newValue
    var seen = maxInside.load(ordering: .sequentiallyConsistent)
    while now > seen {
        let (exchanged, original) = maxInside.compareExchange(expected: seen, desired: now, ordering: .sequentiallyConsistent)
        if exchanged { break }
        seen = original
    }
    let deadline = Date().addingTimeInterval(timeout)
    while maxInside.load(ordering: .sequentiallyConsistent) < expected && Date() < deadline {
        sched_yield()
    }
    inside.subtract(1, ordering: .sequentiallyConsistent)
    return maxInside.load(ordering: .sequentiallyConsistent)
}

private func releaseFlag(_ kwargs: MiniObjectPointer?, function: String) throws(MiniError) -> Bool {
    guard let kwargs, MiniDict_Size(kwargs) > 0 else { return true }
    var release = true
    var pos = 0
    var key: MiniObjectPointer?
    var value: MiniObjectPointer?
    while MiniDict_Next(kwargs, &pos, &key, &value) != 0 {
        let name = String(cString: MiniUnicode_AsUTF8(key!))
        guard name == "release" else {
            throw MiniError(typeName: "TypeError", message: "'\(name)' is an invalid keyword argument for \(function)()")
        }
        let truth = MiniObject_IsTrue(value!)
        if truth < 0 { throw MiniError.fetch() }
        release = truth == 1
    }
    return release
}

private let methods: [MiniMethodSpec] = [
    MiniMethodSpec(name: "spin", flags: MINI_METH_VARARGS | MINI_METH_KEYWORDS,
                   doc: "spin(iterations, release=True): a Swift busy loop; returns its float result",
                   function: unsafeBitCast({ (_: MiniObjectPointer?, args: MiniObjectPointer?, kwargs: MiniObjectPointer?) -> MiniObjectPointer? in
        miniFunctionBody { () throws(MiniError) -> MiniRef in
            let a = try miniUnpackArgs(args, function: "spin", min: 1, max: 1)
            let n = try MiniRef(retaining: a[0]).asInt()
            if n < 0 { throw MiniError(typeName: "ValueError", message: "iterations must be >= 0") }
            let release = try releaseFlag(kwargs, function: "spin")
            // The pattern: only an Int crosses into the released region.
            let result = release ? withGILReleased { busyLoop(n) } : busyLoop(n)
            return try .float(result)
        }
    } as @convention(c) (MiniObjectPointer?, MiniObjectPointer?, MiniObjectPointer?) -> MiniObjectPointer?, to: MiniCFunction.self)),

    MiniMethodSpec(name: "checksum", flags: MINI_METH_VARARGS | MINI_METH_KEYWORDS,
                   doc: "checksum(data, release=True): sum of the bytes of a buffer exporter",
                   function: unsafeBitCast({ (_: MiniObjectPointer?, args: MiniObjectPointer?, kwargs: MiniObjectPointer?) -> MiniObjectPointer? in
        miniFunctionBody { () throws(MiniError) -> MiniRef in
            let a = try miniUnpackArgs(args, function: "checksum", min: 1, max: 1)
            let release = try releaseFlag(kwargs, function: "checksum")
            let view = try MiniBufferView(of: a[0])      // pins the exporter's memory
            let memory = view.memory                     // Sendable: may cross into the region
            let sum: UInt64 = {
                let work: @Sendable () -> UInt64 = { memory.bytes.reduce(0) { $0 &+ UInt64($1) } }
                return release ? withGILReleased(work) : work()
            }()
            return try .int(Int(truncatingIfNeeded: sum))  // view is released after this, with the GIL
        }
    } as @convention(c) (MiniObjectPointer?, MiniObjectPointer?, MiniObjectPointer?) -> MiniObjectPointer?, to: MiniCFunction.self)),

    MiniMethodSpec(name: "meet", flags: MINI_METH_VARARGS | MINI_METH_KEYWORDS,
                   doc: "meet(expected, timeout, release=True): wait inside until `expected` threads are in at once",
                   function: unsafeBitCast({ (_: MiniObjectPointer?, args: MiniObjectPointer?, kwargs: MiniObjectPointer?) -> MiniObjectPointer? in
        miniFunctionBody { () throws(MiniError) -> MiniRef in
            let a = try miniUnpackArgs(args, function: "meet", min: 2, max: 2)
            let expected = try MiniRef(retaining: a[0]).asInt()
            let timeout = try MiniRef(retaining: a[1]).asDouble()
            let release = try releaseFlag(kwargs, function: "meet")
            let seen = release ? withGILReleased { meetSection(expected: expected, timeout: timeout) }
                               : meetSection(expected: expected, timeout: timeout)
            return try .int(seen)
        }
    } as @convention(c) (MiniObjectPointer?, MiniObjectPointer?, MiniObjectPointer?) -> MiniObjectPointer?, to: MiniCFunction.self)),
]

nonisolated(unsafe) private let definition = MiniModuleDefinition.make(
    name: "swiftext", doc: "A Mini extension module written in Swift (the release pattern via withGILReleased).",
    methods: methods)

/// The module's init function, for MiniImport_AppendInittab("swiftext", MiniInit_swiftext).
public let MiniInit_swiftext: MiniInitFunc = { MiniModule_Create(definition) }
