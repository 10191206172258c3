// Conversions.swift: Swift values to and from Mini objects, attribute access and calls, all
// through owned references and throwing errors. Everything here requires the GIL.

extension MiniRef {
    public static func int(_ v: Int) throws(MiniError) -> MiniRef { try MiniRef(checking: MiniLong_FromLong(v)) }
    public static func float(_ v: Double) throws(MiniError) -> MiniRef { try MiniRef(checking: MiniFloat_FromDouble(v)) }
    public static func bool(_ v: Bool) -> MiniRef { MiniRef(stealing: MiniBool_FromLong(v ? 1 : 0)) }
    public static var none: MiniRef { MiniRef(retaining: Mini_GetNone()) }
    public static func string(_ s: String) throws(MiniError) -> MiniRef {
        let utf8 = Array(s.utf8)
        let p = utf8.withUnsafeBufferPointer { u in
            MiniUnicode_FromStringAndSize(UnsafeRawPointer(u.baseAddress)?.assumingMemoryBound(to: CChar.self), u.count)
        }
        return try MiniRef(checking: p)
    }
    public static func bytes(_ b: some Collection<UInt8>) throws(MiniError) -> MiniRef {
        let a = Array(b)
        let p = a.withUnsafeBufferPointer { u in
            MiniBytes_FromStringAndSize(UnsafeRawPointer(u.baseAddress)?.assumingMemoryBound(to: CChar.self), u.count)
        }
        return try MiniRef(checking: p)
    }
    /// A tuple of the given objects (each gets a new reference).
    public static func tuple(_ items: [MiniObjectPointer]) throws(MiniError) -> MiniRef {
        let t = try MiniRef(checking: MiniTuple_New(items.count))
        for (i, item) in items.enumerated() {
            Mini_INCREF(item)
            try miniCheck(MiniTuple_SetItem(t.pointer, i, item))
        }
        return t
    }

    public func asInt() throws(MiniError) -> Int {
        let v = MiniLong_AsLong(pointer)
        if v == -1, MiniErr_Occurred() != nil { throw MiniError.fetch() }
        return v
    }
    public func asDouble() throws(MiniError) -> Double {
        let v = MiniFloat_AsDouble(pointer)
        if v == -1, MiniErr_Occurred() != nil { throw MiniError.fetch() }
        return v
    }
    public func asString() throws(MiniError) -> String {
        guard let s = MiniUnicode_AsUTF8(pointer) else { throw MiniError.fetch() }
        return String(cString: s)
    }
    public func asBytes() throws(MiniError) -> [UInt8] {
        let n = MiniBytes_Size(pointer)
        guard n >= 0, let p = MiniBytes_AsString(pointer) else { throw MiniError.fetch() }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }
    /// str(self)
    public func str() throws(MiniError) -> String { try MiniRef(checking: MiniObject_Str(pointer)).asString() }
    /// repr(self)
    public func repr() throws(MiniError) -> String { try MiniRef(checking: MiniObject_Repr(pointer)).asString() }

    /// self.name
    public func attribute(_ name: String) throws(MiniError) -> MiniRef {
        try MiniRef(checking: MiniObject_GetAttrString(pointer, name))
    }
    /// self(*args, **kwargs) with positional objects and keyword objects (borrowed).
    public func call(_ args: [MiniObjectPointer] = [], keywords: [(String, MiniObjectPointer)] = []) throws(MiniError) -> MiniRef {
        let t = try MiniRef.tuple(args)
        if keywords.isEmpty { return try MiniRef(checking: MiniObject_Call(pointer, t.pointer, nil)) }
        let kw = try MiniRef(checking: MiniDict_New())
        for (k, v) in keywords { try miniCheck(MiniDict_SetItemString(kw.pointer, k, v)) }
        return try MiniRef(checking: MiniObject_Call(pointer, t.pointer, kw.pointer))
    }
    /// self.name(*args, **kwargs)
    public func callMethod(_ name: String, _ args: [MiniObjectPointer] = [],
                           keywords: [(String, MiniObjectPointer)] = []) throws(MiniError) -> MiniRef {
        try attribute(name).call(args, keywords: keywords)
    }
}

/// Imports a module by name (built-in, cached or found by the interpreter's finder).
public func miniImport(_ name: String) throws(MiniError) -> MiniRef {
    try MiniRef(checking: MiniImport_ImportModule(name))
}
