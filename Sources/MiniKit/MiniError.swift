// MiniError.swift: the thread's error indicator as a Swift error.
//
// A C function that fails returns NULL or -1 and leaves an exception in the calling thread's
// indicator. `MiniError.fetch()` moves it out (clearing the indicator) into a Swift value that
// keeps the exception's type name and message as strings, so the error is Sendable and can be
// thrown across any boundary without holding a reference.

/// An exception raised by the Mini runtime, as a Swift error.
public struct MiniError: Error, CustomStringConvertible, Equatable {
    /// The exception type's name: "TypeError", "ValueError", ...
    public let typeName: String
    /// str(exception): the message.
    public let message: String

    public init(typeName: String, message: String) {
        self.typeName = typeName
        self.message = message
    }

    /// Takes the pending exception out of the indicator (requires the GIL). If none is set,
    /// reports a SystemError, as CPython does for "error return without exception set".
    public static func fetch() -> MiniError {
        guard let exc = MiniErr_GetRaisedException() else {
            return MiniError(typeName: "SystemError", message: "error return without exception set")
        }
        defer { Mini_DECREF(exc) }
        let name = String(cString: MiniType_Name(Mini_TYPE(exc)))
        var message = ""
        if let s = MiniObject_Str(exc) {
            if let utf8 = MiniUnicode_AsUTF8(s) { message = String(cString: utf8) }
            Mini_DECREF(s)
        } else {
            MiniErr_Clear()
        }
        return MiniError(typeName: name, message: message)
    }

    /// Sets the indicator from this error (for Swift-written extension functions that fail).
    public func raise() {
        let type = MiniKit.exceptionType(named: typeName) ?? MiniExc_RuntimeError
        MiniErr_SetString(type, message)
    }

    /// "TypeError: message", as Python prints the last line of a traceback.
    public var description: String { message.isEmpty ? typeName : "\(typeName): \(message)" }
}

public enum MiniKit {
    /// The built-in exception type with this name, if any.
    public static func exceptionType(named name: String) -> MiniObjectPointer? {
        switch name {
        case "TypeError": return MiniExc_TypeError
        case "ValueError": return MiniExc_ValueError
        case "OverflowError": return MiniExc_OverflowError
        case "ZeroDivisionError": return MiniExc_ZeroDivisionError
        case "MemoryError": return MiniExc_MemoryError
        case "RuntimeError": return MiniExc_RuntimeError
        case "IndexError": return MiniExc_IndexError
        case "KeyError": return MiniExc_KeyError
        case "ImportError": return MiniExc_ImportError
        case "KeyboardInterrupt": return MiniExc_KeyboardInterrupt
        case "AttributeError": return MiniExc_AttributeError
        case "BufferError": return MiniExc_BufferError
        case "OSError": return MiniExc_OSError
        default: return nil
        }
    }
}

/// Throws the pending exception if `status` is negative (the C "-1 on error" convention).
@inlinable
public func miniCheck(_ status: Int32) throws(MiniError) {
    if status < 0 { throw MiniError.fetch() }
}
