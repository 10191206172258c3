// Fuzz/fuzz_frontend.swift: the libFuzzer target for MiniPy's front end. Each input is the bytes
// of a source file: they go through source decoding (PEP 263, UTF-8 checks), the lexer, the
// parser, the syntax checks, the symbol table and the compiler down to a code object, once as a
// module ("exec") and once as an expression ("eval", as eval() compiles); a SyntaxError is also
// rendered as CPython's report (the caret line). Compiled code is never run: a program can loop
// for ever, and the VM has no instruction budget to stop it. Any SyntaxError, RecursionError or
// other Python exception is a fine answer; a crash, a sanitizer report, a Swift runtime trap, an
// internal compiler error (the assembler's consistency checks) or a hang is a bug. Scripts/fuzz.sh compiles this file into the MiniPy module itself (so it reaches
// the front end's internal entry points) with swiftc -sanitize=fuzzer,address.
import CShims
import MiniVM

private var frontEndReady = false

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontEnd(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if !frontEndReady {
        frontEndReady = true
        MiniPy.prepare()
    }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text: String
    do {
        text = try SourceDecoding.decode(bytes, filename: "<fuzz>")
    } catch {
        return 0
    }
    for mode: Int32 in [0, 1] {
        do {
            let code = try Compiler.compile(source: text, filename: "<fuzz>", mode: mode)
            Mini_DECREF(code)
        } catch let e as SyntaxError {
            _ = e.formatted()
            _ = e.description
        } catch let e as InternalCompilerError {
            // The assembler's own consistency checks (stack depth, argument ranges): the front end
            // let through a program it cannot compile. `extdemo run` reports it as a SystemError;
            // here it is a bug to report (session 6 found one: a comprehension in an annotation).
            fatalError("internal compiler error: \(e)")
        } catch {
            // A pending Python exception (RecursionError, MemoryError, ...) or a MiniError.
        }
        if MiniErr_Occurred() != nil { MiniErr_Clear() }
    }
    return 0
}
