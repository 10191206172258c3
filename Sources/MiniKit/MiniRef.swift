// MiniRef.swift: owned and borrowed references to Mini objects.
//
// `MiniRef` owns one reference: creating it from a C function's "new reference" result takes
// that reference over, and its deinit gives it back with Mini_DECREF. It is ~Copyable, so the
// compiler makes sure the reference is given back exactly once: copying would double-DECREF,
// forgetting would leak. It is explicitly not Sendable: an object reference must not travel to
// code that may run without the GIL (see `withGILReleased`). All uses require the GIL.

/// An owned reference to a Mini object. Requires the GIL for its whole life (including deinit).
public struct MiniRef: ~Copyable {
    /// The object. Valid while this MiniRef lives; do not DECREF it yourself.
    public let pointer: MiniObjectPointer

    /// Takes over a new reference (the result of a C function documented "new reference").
    public init(stealing pointer: MiniObjectPointer) { self.pointer = pointer }

    /// Takes a new reference to an object borrowed from elsewhere (INCREFs it).
    public init(retaining pointer: MiniObjectPointer) {
        Mini_INCREF(pointer)
        self.pointer = pointer
    }

    /// Takes over a C result, throwing the pending exception when it is NULL.
    public init(checking pointer: MiniObjectPointer?) throws(MiniError) {
        guard let pointer else { throw MiniError.fetch() }
        self.pointer = pointer
    }

    deinit { Mini_DECREF(pointer) }

    /// Gives up ownership without DECREF: for C functions that steal a reference
    /// (MiniList_SetItem, MiniTuple_SetItem, Mini_BuildValue's "N").
    public consuming func release() -> MiniObjectPointer {
        let p = pointer
        discard self
        return p
    }

    /// A second owned reference to the same object.
    public func copy() -> MiniRef { MiniRef(retaining: pointer) }

    /// Lends a borrowed view for the duration of body. The view is `borrowing` and ~Copyable:
    /// it cannot be stored, returned or captured beyond the call, so it cannot outlive `self`.
    public func withBorrowed<R, E: Error>(_ body: (borrowing MiniBorrowed) throws(E) -> R) throws(E) -> R {
        let view = MiniBorrowed(unsafePointer: pointer)
        return try body(view)
    }

    /// The object's type name ("int", "matrix").
    public var typeName: String { String(cString: MiniType_Name(Mini_TYPE(pointer))) }
    /// The current reference count.
    public var refcount: Int { Mini_REFCNT(pointer) }
}

@available(*, unavailable, message: "an object reference must not cross into code that may run without the GIL")
extension MiniRef: Sendable {}

/// A borrowed reference: valid only while its owner keeps the object alive. Obtained from
/// `MiniRef.withBorrowed` (or `MiniBorrowed.with(unowned:)` for a pointer the C API lent you);
/// it never changes the reference count.
public struct MiniBorrowed: ~Copyable {
    public let pointer: MiniObjectPointer

    fileprivate init(unsafePointer: MiniObjectPointer) { self.pointer = unsafePointer }

    /// Lends a view of a pointer that C code lent you ("borrowed reference"), for body only.
    public static func with<R, E: Error>(unowned pointer: MiniObjectPointer,
                                         _ body: (borrowing MiniBorrowed) throws(E) -> R) throws(E) -> R {
        let view = MiniBorrowed(unsafePointer: pointer)
        return try body(view)
    }

    /// Takes a new owned reference to the object.
    public func retain() -> MiniRef { MiniRef(retaining: pointer) }

    public var typeName: String { String(cString: MiniType_Name(Mini_TYPE(pointer))) }
}

@available(*, unavailable, message: "an object reference must not cross into code that may run without the GIL")
extension MiniBorrowed: Sendable {}
