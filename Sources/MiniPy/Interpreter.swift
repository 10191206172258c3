// Interpreter.swift: MiniPy's entry points: run a script file as python3 would (exit statuses
// included), run source text for tests with its output captured, disassemble a file.
//
// A run compiles the source, creates the `__main__` module, executes it in the VM with the
// calling thread holding the GIL, reports an uncaught exception the way CPython's excepthook
// does, and then tears the script's objects down: the module namespaces are cleared (breaking
// module <-> function cycles), modules imported from .py files are dropped, and the end-of-run
// sweep breaks the cycles closures, classes and suspended generators can form. With no cycle
// collector in the runtime, that is what brings Mini_LiveObjects() back to its value before the
// run, which the tests check.

import CShims
import MiniVM
import MiniKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum MiniPy {
    /// What running source text produced.
    public struct RunResult: Sendable {
        public let exitCode: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Starts the runtime (idempotent), the VM and the compiler hook imports use. The calling
    /// thread must be the one holding the GIL afterwards (the main thread after Mini_Initialize).
    public static func prepare() {
        Mini_Initialize()
        if MiniVM_Init() < 0 {
            MiniErr_Print()
            return
        }
        MiniVM_SetCompiler(compileHook)
        MiniVM_SetCompilerMode(compileModeHook)   // compile() / eval() / exec() (CompilerEval.swift)
        MiniVM_SetFrozenLookup(frozenLookup)
    }

    /// Runs a script file like `python3 FILE ARGS...`: 0 on success, 1 after printing an
    /// uncaught exception's traceback (or a syntax error), 2 if the file cannot be opened, the
    /// code of SystemExit, 130 after KeyboardInterrupt. `switchInterval` is in seconds
    /// (sys.setswitchinterval). Output goes to the process's stdout and stderr.
    /// A path of "-" reads the program from standard input, as `python3 -` (file name "<stdin>").
    public static func runFile(path: String, arguments: [String] = [], switchInterval: Double? = nil) -> Int32 {
        let fromStdin = path == "-"
        guard let bytes = fromStdin ? readStream(fdopen(dup(0), "rb")) : readFile(path) else {
            let err = errno
            let reason = String(cString: strerror(err))
            writeStderr("extdemo: can't open file '\(path)': [Errno \(err)] \(reason)\n")
            return 2
        }
        let text: String
        do {
            // The absolute path, as CPython names the main script in this message too.
            text = try SourceDecoding.decode(bytes, filename: fromStdin ? "<stdin>" : mainScriptName(path))
        } catch let e as SourceDecodeError {
            writeStderr("SyntaxError: \(e.message)\n")
            return 1
        } catch {
            return 1
        }
        prepare()
        if let s = switchInterval, MiniSys_SetSwitchInterval(s) < 0 {
            MiniErr_Clear()
        }
        setArgv([path] + arguments)
        setSearchPath([fromStdin ? "." : directory(of: realPath(path))] + extraSearchPath)
        _ = MiniOS_InstallInterruptHandler()
        var status = execute(text, filename: fromStdin ? "<stdin>" : mainScriptName(path))
        MiniVM_Flush()
        // Output that failed only when flushed at the end (a full disk, a closed pipe).
        let failure = MiniVM_StdoutError()
        if failure == EPIPE {
            status = 1
        } else if failure != 0 && status == 0 {
            writeStderr("OSError: [Errno \(failure)] \(String(cString: strerror(failure)))\n")
            status = 1
        }
        return status
    }

    /// The child of multiprocessing's spawn start method (helper beyond, issue 13): runs the
    /// parent's script as the module `__mp_main__` (so its `if __name__ == "__main__":` block does
    /// not run again; sys.modules maps both names to it, so functions pickled as `__main__.f`
    /// resolve), then `epilogue` in that module's namespace (the worker loop). Exit status as
    /// runFile's.
    /// searchPath, when given, is the parent's sys.path at spawn time and becomes the child's
    /// whole search path (as CPython's spawn hands sys.path to its child), so a module the parent
    /// found through --ext-path or a sys.path.insert is found by the child too.
    public static func runSpawnChild(path: String, arguments: [String] = [], epilogue: String,
                                     searchPath: [String]? = nil) -> Int32 {
        guard let bytes = readFile(path) else {
            writeStderr("extdemo: can't open file '\(path)': [Errno \(errno)] \(String(cString: strerror(errno)))\n")
            return 2
        }
        // The parent already decoded this file; lossy decoding here only follows its success.
        let text = (try? SourceDecoding.decode(bytes, filename: path)) ?? String(decoding: bytes, as: UTF8.self)
        prepare()
        setArgv([path] + arguments)
        setSearchPath(searchPath ?? ([directory(of: path)] + extraSearchPath))
        _ = MiniOS_InstallInterruptHandler()
        let status = execute(text, filename: path, moduleName: "__mp_main__", epilogue: epilogue)
        MiniVM_Flush()
        return status
    }

    /// Runs source text as a `__main__` module, capturing what it prints. The exit code follows
    /// runFile's rules. Imports look in the directory of `filename` (the current one when it has
    /// no directory part).
    public static func runSource(_ source: String, filename: String = "<string>") -> RunResult {
        prepare()
        _MiniStdlib_ResetForRun()
        setSearchPath([directory(of: filename)])
        let capture = OutputCapture()
        let ctx = Unmanaged.passRetained(capture)
        MiniVM_SetOutput(captureWrite, ctx.toOpaque())
        setArgv([filename])
        let status = execute(source, filename: filename)
        MiniVM_SetOutput(nil, nil)
        ctx.release()
        return RunResult(exitCode: status, stdout: String(decoding: capture.out, as: UTF8.self),
                         stderr: String(decoding: capture.err, as: UTF8.self))
    }

    /// The bytecode of a file, like `python3 -m dis FILE`, with the instructions where the eval
    /// loop polls the eval breaker (where the GIL can change hands) marked `GIL`. A file that
    /// cannot be read or compiled gives the error text instead.
    public static func disassemble(path: String) -> String {
        guard let bytes = readFile(path) else {
            let err = errno
            return "extdemo: can't open file '\(path)': [Errno \(err)] \(String(cString: strerror(err)))\n"
        }
        guard let text = try? SourceDecoding.decode(bytes, filename: path) else {
            do { _ = try SourceDecoding.decode(bytes, filename: path) } catch let e as SourceDecodeError {
                return "SyntaxError: \(e.message)\n"
            } catch {}
            return ""
        }
        return disassemble(source: text, filename: path)
    }

    /// As disassemble(path:) for source text.
    public static func disassemble(source: String, filename: String = "<string>") -> String {
        prepare()
        do {
            let code = try Compiler.compile(source: source, filename: filename)
            defer { Mini_DECREF(code) }
            return Disassembler().render(code)
        } catch let e as SyntaxError {
            return e.formatted()
        } catch is PendingException {
            return MiniError.fetch().description + "\n"
        } catch {
            return "\(error)\n"
        }
    }

    // MARK: running

    /// Compiles and runs text as __main__; returns the exit status. Cleans up after itself.
    static func execute(_ text: String, filename: String, moduleName: String = "__main__", epilogue: String? = nil) -> Int32 {
        registerSource(text, filename: filename)
        let mark = MiniVM_Mark()
        let code: MiniObjectPointer
        do {
            code = try Compiler.compile(source: text, filename: filename)
        } catch let e as SyntaxError {
            write(2, e.formatted())
            return 1
        } catch is PendingException {
            return MiniVM_HandleUncaught()
        } catch {
            write(2, "\(error)\n")
            return 1
        }
        guard let module = MiniModule_New(moduleName) else {
            Mini_DECREF(code)
            return MiniVM_HandleUncaught()
        }
        let dict = MiniModule_GetDict(module)!
        if let f = MiniUnicode_FromString(filename) {
            _ = MiniDict_SetItemString(dict, "__file__", f)
            Mini_DECREF(f)
        }
        let modules = MiniImport_GetModuleDict()
        if let modules {
            _ = MiniDict_SetItemString(modules, "__main__", module)
            if moduleName != "__main__" { _ = MiniDict_SetItemString(modules, moduleName, module) }
        }
        var status: Int32 = 0
        if let result = MiniVM_EvalCode(code, dict, dict) {
            Mini_DECREF(result)
            if let epilogue { status = runEpilogue(epilogue, dict: dict) }
        } else if MiniVM_StdoutError() == EPIPE && MiniErr_ExceptionMatches(MiniExc_BrokenPipeError) != 0 {
            // The reader of our stdout went away (`| head`): stop quietly, as CLI tools do.
            MiniErr_Clear()
            status = 1
        } else {
            status = MiniVM_HandleUncaught()
        }
        // As CPython's threading._shutdown: wait for the non-daemon threads before tearing down.
        if _MiniThreading_JoinAll() < 0 {
            status = MiniVM_HandleUncaught()
        }
        // Then the atexit callbacks, and the run's signal handlers go.
        _ = MiniStdlib_RunAtexit()
        MiniStdlib_ResetSignals()
        MiniVM_Flush()
        // CPython's exit collection: gc.callbacks run while every module is still intact.
        MiniVM_CollectAtExit(1)
        if let modules, MiniDict_GetItemString(modules, "__main__") == module {
            _ = MiniDict_DelItemString(modules, "__main__")
        }
        if moduleName != "__main__", let modules, MiniDict_GetItemString(modules, moduleName) == module {
            _ = MiniDict_DelItemString(modules, moduleName)
        }
        _ = MiniModule_ClearNamespace(module)
        Mini_DECREF(module)
        Mini_DECREF(code)
        MiniVM_ClearPyModules()
        // The cycle collector first, so that finalizers (__del__) and weakref callbacks of cyclic
        // garbage run with their objects intact; the sweep then breaks whatever is left. No
        // gc.callbacks here: their modules' globals are gone (CPython calls none either).
        MiniVM_CollectAtExit(0)
        MiniVM_SweepSince(mark)
        if MiniErr_Occurred() != nil { MiniErr_Clear() }
        return status
    }

    /// Compiles and runs `source` in the namespace `dict` after a module body; exit status.
    private static func runEpilogue(_ source: String, dict: MiniObjectPointer) -> Int32 {
        guard let code = try? Compiler.compile(source: source, filename: "<spawn>") else {
            if MiniErr_Occurred() != nil { return MiniVM_HandleUncaught() }
            write(2, "extdemo: the spawn epilogue does not compile\n")
            return 1
        }
        defer { Mini_DECREF(code) }
        guard let result = MiniVM_EvalCode(code, dict, dict) else { return MiniVM_HandleUncaught() }
        Mini_DECREF(result)
        return 0
    }

    static func registerSource(_ text: String, filename: String) {
        var t = text
        t.withUTF8 { buf in
            filename.withCString { f in
                MiniVM_RegisterSource(f, UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self), buf.count)
            }
        }
    }

    static func setArgv(_ args: [String]) {
        var cstrings = args.map { strdup($0) }
        defer { for p in cstrings { free(p) } }
        cstrings.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buf.count) { p in
                _ = MiniVM_SetArgv(p, buf.count)
            }
        }
    }

    /// Directories runFile searches after the script's own (`extdemo run --ext-path`, EXTDEMO_PATH).
    nonisolated(unsafe) public static var extraSearchPath: [String] = []

    /// The directories `import` searches for NAME.py and NAME.so.
    public static func setSearchPath(_ dirs: [String]) {
        var cstrings = dirs.map { strdup($0) }
        defer { for p in cstrings { free(p) } }
        cstrings.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buf.count) { p in
                _ = MiniVM_SetSearchPath(p, buf.count)
            }
        }
    }

    /// The file's bytes (decode them with SourceDecoding), or nil with errno set.
    static func readFile(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        return readStream(f)
    }

    /// Everything left in a stream, or nil with errno set (EISDIR for a directory).
    static func readStream(_ f: UnsafeMutablePointer<FILE>?) -> [UInt8]? {
        guard let f else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(f) != 0 { errno = EISDIR; return nil }
                break
            }
        }
        return bytes
    }

    /// The script's name in tracebacks, warnings and `__file__`, as CPython 3.11 makes it: a
    /// relative path joined to the current directory as written (`./a.py` stays `/cwd/./a.py`).
    static func mainScriptName(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let cwd = getcwd(nil, 0) else { return path }
        defer { free(cwd) }
        return String(cString: cwd) + "/" + path
    }

    /// The script with symbolic links and `.`/`..` resolved: CPython's sys.path[0] is its
    /// directory, so modules imported beside it show their canonical absolute paths.
    static func realPath(_ path: String) -> String {
        guard let r = realpath(path, nil) else { return mainScriptName(path) }
        defer { free(r) }
        return String(cString: r)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    static func write(_ stream: Int32, _ text: String) {
        var t = text
        t.withUTF8 { buf in
            MiniVM_Write(stream, UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self), buf.count)
        }
    }

    /// Writes to the process's stderr (through the VM's default sink, which needs no GIL).
    static func writeStderr(_ text: String) {
        write(2, text)
        MiniVM_Flush()
    }
}

/// Collects what a run prints (see MiniPy.runSource).
final class OutputCapture {
    var out: [UInt8] = []
    var err: [UInt8] = []
}

private let captureWrite: MiniVMWriteFunc = { stream, data, len, ctx in
    guard let ctx, let data, len > 0 else { return }
    let capture = Unmanaged<OutputCapture>.fromOpaque(ctx).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: len)
    if stream == 2 { capture.err.append(contentsOf: bytes) } else { capture.out.append(contentsOf: bytes) }
}

/// The compiler as the VM's import machinery calls it: source bytes in, code object out, or
/// NULL with SyntaxError (or the runtime's exception) set.
private let compileHook: MiniVMCompileFunc = { src, len, fname in
    guard let src, let fname else { return nil }
    let filename = String(cString: fname)
    let text: String
    do {
        text = try SourceDecoding.decode(Array(UnsafeRawBufferPointer(start: src, count: len)), filename: filename)
    } catch {
        MiniErr_SetString(MiniExc_SyntaxError, (error as? SourceDecodeError)?.message ?? "\(error)")
        return nil
    }
    do {
        return try Compiler.compile(source: text, filename: filename)
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
