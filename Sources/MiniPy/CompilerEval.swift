// CompilerEval.swift: the compiler as the builtins compile(), eval() and exec() reach it. The VM
// calls MiniVM_SetCompilerMode's hook with the source text, the file name and the mode CPython's
// compile() takes: "exec" compiles a module, "eval" a single expression whose value the code
// object returns (a module body made of `return <expression>`, so names resolve through the
// globals and locals the caller passes), "single" is compiled like "exec".
import CShims
import MiniVM
import MiniKit

extension Compiler {
    /// Compiles text in the given mode (0 exec, 1 eval, 2 single). Throws SyntaxError or MiniError.
    public static func compile(source text: String, filename: String, mode: Int32) throws -> MiniObjectPointer {
        guard mode == 1 else { return try compile(source: text, filename: filename) }
        return try guardedFrontEnd(size: text.utf8.count) { try compileExpression(text, filename: filename) }
    }

    /// The eval-mode front end (run by compile(source:filename:mode:) under guardedFrontEnd).
    static func compileExpression(_ text: String, filename: String) throws -> MiniObjectPointer {
        let source = Source(text, filename: filename)
        let parser = Parser(source: source, lexed: Lexer.tokenize(source))
        let e: Expr
        do {
            e = try parser.starExpressions()
            while parser.kind == .newline { parser.advance() }
            if parser.kind != .endMarker { throw Parser.Failure(error: nil) }
        } catch let failure as Parser.Failure {
            throw parser.resolve(failure)
        }
        return try compile(Module(body: [Stmt(.return(e), e.loc)], source: source))
    }
}

/// The hook behind compile()/eval()/exec(): NULL with SyntaxError (or the runtime's error) set.
let compileModeHook: MiniVMCompileModeFunc = { src, len, fname, mode in
    guard let src, let fname else { return nil }
    let text = String(decoding: UnsafeRawBufferPointer(start: src, count: len), as: UTF8.self)
    let filename = String(cString: fname)
    do {
        return try Compiler.compile(source: text, filename: filename, mode: mode)
    } catch let e as SyntaxError {
        MiniVM_SetSyntaxError(e.kind.rawValue, e.message, e.filename, Int32(e.line), Int32(e.column), e.text,
                              Int32(e.endLine), Int32(e.endColumn))
        return nil
    } catch is PendingException {
        return nil
    } catch {
        MiniErr_SetString(MiniExc_SystemError, "\(error)")
        return nil
    }
}
