// GILScope.swift: taking and releasing the GIL from Swift.
//
// `withGILReleased` is the only way MiniKit lets the lock go. Its closure is `@Sendable`, and
// `MiniRef`, `MiniBorrowed` and raw object pointers are not Sendable, so the compiler rejects a
// closure that captures an object: the mistake a C author makes by touching an object between
// BEGIN_ALLOW_THREADS and END_ALLOW_THREADS becomes a compile-time error in Swift. This is the
// compile-time form of PyO3's `Ungil` bound on `Python::allow_threads`. What the closure may
// capture is plain Sendable data and `PinnedMemory`, memory an object lent through the buffer
// protocol and keeps pinned until the view is released (after the closure returns).
//
// The closure must not call the Mini API (that is a run-time rule: checked mode reports it), and
// must not return objects: its result type is Sendable, which MiniRef is not.

/// Runs `body` with the GIL released, then takes the lock back (blocking while another thread
/// holds it). The calling thread must hold the GIL. Never nest it inside itself.
///
///     let digest = try view.memory.withUnsafeBytes { ... }   // not allowed: would capture view
///     let mem = view.memory                                   // PinnedMemory is Sendable
///     let sum = withGILReleased { kernel(mem) }               // runs in parallel with others
@inlinable
public func withGILReleased<T: Sendable, E: Error>(_ body: @Sendable () throws(E) -> T) throws(E) -> T {
    let saved = MiniEval_SaveThread()
    defer { MiniEval_RestoreThread(saved) }
    return try body()
}

/// Runs `body` holding the GIL from any thread, including threads the runtime did not create
/// (Dispatch workers, pthreads): MiniGILState_Ensure before, MiniGILState_Release after. Nests.
@inlinable
public func withGIL<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    let state = MiniGILState_Ensure()
    defer { MiniGILState_Release(state) }
    return try body()
}

/// Polls the eval breaker, as interpreted code does at backward jumps: gives the GIL to a thread
/// that has waited a whole switch interval. Throws KeyboardInterrupt if one is pending.
@inlinable
public func miniPoll() throws(MiniError) {
    if MiniEval_Poll() < 0 { throw MiniError.fetch() }
}

/// Memory lent by an object through the buffer protocol and pinned for as long as the
/// `MiniBufferView` that produced it lives. Safe to use without the GIL; not safe to use after
/// the view is released. Other threads may write the same memory: pinning is not locking.
public struct PinnedMemory: @unchecked Sendable {
    public let base: UnsafeMutableRawPointer
    public let count: Int
    public let readonly: Bool

    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
    public func doubles() -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(start: base.assumingMemoryBound(to: Double.self),
                                   count: count / MemoryLayout<Double>.stride)
    }
}

/// A buffer view of an object (MiniObject_GetBuffer), released when it ends. Requires the GIL to
/// create and to end; its `memory` may be used without the GIL while it lives.
public struct MiniBufferView: ~Copyable {
    private let storage: UnsafeMutablePointer<MiniBuffer>
    public var view: MiniBuffer { storage.pointee }

    /// Borrows the memory of `object`; throws TypeError for non-exporters, BufferError when
    /// `writable` is requested of a read-only exporter.
    public init(of object: MiniObjectPointer, writable: Bool = false) throws(MiniError) {
        let s = UnsafeMutablePointer<MiniBuffer>.allocate(capacity: 1)
        s.initialize(to: MiniBuffer())
        if MiniObject_GetBuffer(object, s, writable ? MINI_BUF_WRITABLE : MINI_BUF_SIMPLE) < 0 {
            s.deallocate()
            throw MiniError.fetch()
        }
        storage = s
    }

    deinit {
        MiniBuffer_Release(storage)
        storage.deallocate()
    }

    public var memory: PinnedMemory {
        PinnedMemory(base: view.buf, count: Int(view.len), readonly: view.readonly != 0)
    }
    public var shape: (Int, Int) { (Int(view.shape.0), Int(view.shape.1)) }
}

/// Starting and inspecting the runtime from Swift.
public enum MiniRuntime {
    /// Registers built-in modules (must happen before `start`).
    public static func register(module name: String, initializer: MiniInitFunc) {
        _ = MiniImport_AppendInittab(name, initializer)
    }

    /// Makes a module importable after start-up, when the inittab is closed: runs its init
    /// function once and places the result in the module cache (sys.modules). Does nothing if a
    /// module of that name is already cached. Requires the GIL.
    public static func install(module name: String, initializer: MiniInitFunc) throws(MiniError) {
        guard let modules = MiniImport_GetModuleDict() else { throw MiniError.fetch() }
        if MiniDict_GetItemString(modules, name) != nil { return }
        let module = try MiniRef(checking: initializer())
        try miniCheck(MiniDict_SetItemString(modules, name, module.pointer))
    }

    /// Starts the runtime; the calling thread then holds the GIL. Idempotent.
    public static func start(checked: Bool? = nil) {
        Mini_Initialize()
        if let checked { Mini_SetCheckedMode(checked ? 1 : 0) }
    }

    /// Starts the lock statistics afresh (every thread's and the totals). Requires the GIL.
    public static func resetGILStats() { MiniGIL_ResetStats() }

    /// The runtime's monotonic clock (the one the lock statistics use), in nanoseconds. No GIL needed.
    public static var monotonicNanoseconds: UInt64 { Mini_MonotonicNs() }

    /// Names the calling thread's thread state (shown in statistics and GIL timelines). Requires the GIL.
    public static func nameCurrentThread(_ name: String) { MiniThreadState_SetName(MiniThreadState_Get(), name) }

    /// Totals of the lock statistics since the last reset.
    public static var gilStats: MiniGILStats {
        var s = MiniGILStats()
        MiniGIL_GetStats(&s)
        return s
    }

    /// (total refcount, live objects): compare before and after to prove nothing leaked.
    public static var referenceBaseline: (total: Int, live: Int) {
        (Mini_TotalRefCount(), Mini_LiveObjects())
    }
}
