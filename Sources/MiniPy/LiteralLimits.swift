// LiteralLimits.swift: the int-to-str digit limit (sys.set_int_max_str_digits, default 4300) as
// it applies to decimal literals in source. CPython converts a literal while parsing, so a
// decimal literal past the limit is a SyntaxError at the literal ("Exceeds the limit (4300
// digits) for integer string conversion: value has N digits; use sys.set_int_max_str_digits()
// to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal
// conversion limits."), and nothing in the file runs. The kit converted big literals only when
// the code object was assembled and printed a bare ValueError without a location.
import CShims
import MiniVM

enum LiteralLimits {
    /// sys.set_int_max_str_digits accepts 0 (no limit) or at least 640: shorter literals always convert.
    static let smallestLimit = 640

    /// The message of the SyntaxError for a decimal literal's digits (no sign, no underscores),
    /// or nil when it converts under the current limit (or fails for another reason, which the
    /// assembler reports as before). Needs the runtime (the limit is the live sys setting).
    static func decimalLiteralError(_ digits: String) -> String? {
        guard digits.utf8.count > smallestLimit else { return nil }
        if let o = MiniVM_LongFromString(digits, 10) {
            Mini_DECREF(o)
            return nil
        }
        guard MiniErr_ExceptionMatches(MiniExc_ValueError) != 0, let exc = MiniErr_GetRaisedException() else {
            MiniErr_Clear()
            return nil
        }
        defer { Mini_DECREF(exc) }
        guard let text = MiniObject_Str(exc) else {
            MiniErr_Clear()
            return nil
        }
        defer { Mini_DECREF(text) }
        guard let utf8 = MiniUnicode_AsUTF8(text) else {
            MiniErr_Clear()
            return nil
        }
        return String(cString: utf8) + " - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."
    }
}
