// BuildExtCommand.swift: `extdemo build-ext FILE.c [-o NAME.so]`: compiles a user's C extension
// into a shared object `import NAME` can load. The kit's public headers travel inside the binary
// (the EmbeddedHeaders table, generated at build time from CShims/include by the EmbedFiles
// plugin, see embed-files.txt; never committed); they are written to a temporary
// include directory for the compiler, so this works from any directory without the source tree.
// The compiler is $CC, else the first of cc, clang, gcc on PATH; its messages pass straight
// through. After a successful compile the shared object is loaded (dlopen, RTLD_LAZY) and
// `MiniInit_<name>` looked up (dlsym), <name> being the output's basename up to its first dot,
// what `import <name>` will call: a missing init is reported at build time (exit 1, the .so
// removed) instead of at import. Bad operands (a directory, a missing file, a file that is not
// C source) are one line and exit status 2, before any compiler runs.

import Foundation

enum BuildExtCommand: Subcommand {
    static let name = "build-ext"
    static let summary = "compile your own C extension (FILE.c -> NAME.so) against the kit's headers"
    static let takesOperands = true
    static let options: [OptionSpec] = [.option("-o", "NAME.so"), .option("--write-headers", "DIR")]

    static let help = """
    Usage: extdemo build-ext FILE.c [-o NAME.so]
           extdemo build-ext --write-headers DIR

    Compiles a C extension written against <mini.h> into a shared object, with the system C
    compiler ($CC, else cc, clang or gcc) as: -shared -fPIC -O2 -I <the kit's headers>. The
    headers ship inside extdemo, so no source tree is needed. The module must define
    `MiniObject *MiniInit_NAME(void)`, which `import NAME` calls (in `extdemo run`, NAME.so is
    found beside the script, in --ext-path directories or on EXTDEMO_PATH); the build checks
    that the shared object exports it, and prints the import line to use.

    Exit status: 0 built, 1 the compiler failed, MiniInit_NAME is missing (the .so is
    removed) or the output cannot be written there, 2 a bad command line (FILE.c missing, a
    directory, or not a .c file).

    Options:
      -o NAME.so            the output (default: FILE's basename with .so, beside FILE)
      --write-headers DIR   write the embedded headers (mini.h, mini/*.h) to DIR and stop
      -h, --help            show this help
    """

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        if let dir = arguments.values["--write-headers"] {
            guard arguments.operands.isEmpty else { throw UsageError("--write-headers takes no FILE") }
            try writeHeaders(to: dir)
            return 0
        }
        guard arguments.operands.count == 1, let source = arguments.operands.first else {
            throw UsageError(arguments.operands.isEmpty ? "missing FILE.c (see 'extdemo build-ext --help')"
                                                         : "expected one FILE.c, got \(arguments.operands.count)")
        }
        try checkSource(source)
        let output = arguments.values["-o"] ?? defaultOutput(for: source)
        let module = moduleName(of: output)
        guard !module.isEmpty else { throw UsageError("-o '\(output)' gives no module name (expected NAME.so)") }
        try checkOutput(output)
        guard let compiler = findCompiler() else {
            throw RunFailure("no C compiler found (set CC, or install cc, clang or gcc)")
        }
        let includeDir = FileManager.default.temporaryDirectory
            .appendingPathComponent("extdemo-headers-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        try writeHeaders(to: includeDir)
        defer { try? FileManager.default.removeItem(atPath: includeDir) }
        // $CC may carry flags ("ccache gcc", "clang -m64"): split on spaces as make does.
        let words = compiler.split(separator: " ").map(String.init)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = words + ["-shared", "-fPIC", "-O2", "-I", includeDir, source, "-o", output]
        do {
            try process.run()
        } catch {
            throw RunFailure("cannot run the C compiler '\(compiler)': \(error)")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw RunFailure("compilation failed")
        }
        if let problem = initProblem(output, module: module) {
            try? FileManager.default.removeItem(atPath: output)
            throw RunFailure("\(problem) (define `MiniObject *MiniInit_\(module)(void)` in \(source): `import \(module)` calls it); \(output) removed")
        }
        print("built \(output)")
        let dir = (output as NSString).deletingLastPathComponent
        print("use it: import \(module)   (extdemo run finds \(module).so beside the script\(dir.isEmpty ? "" : ", or with --ext-path \(dir)"))")
        return 0
    }

    /// A usage error for an operand that cannot be a C source file: missing, a directory,
    /// unreadable, or not named *.c.
    static func checkSource(_ source: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDir) else {
            throw UsageError("cannot read '\(source)': No such file or directory")
        }
        if isDir.boolValue { throw UsageError("'\(source)' is a directory, not a C source file (expected FILE.c)") }
        guard source.hasSuffix(".c") else { throw UsageError("'\(source)' is not a C source file (expected FILE.c)") }
        guard FileManager.default.isReadableFile(atPath: source) else {
            throw UsageError("cannot read '\(source)': Permission denied")
        }
    }

    /// The output's folder must exist and be writable, and the output must not be a folder: said in
    /// one line before any compiler runs (the linker's "cannot open output file" came through
    /// before, followed by "compilation failed"). Exit status 1.
    static func checkOutput(_ output: String) throws {
        let dir = (output as NSString).deletingLastPathComponent
        let folder = dir.isEmpty ? "." : dir
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDir), isDir.boolValue {
            throw RunFailure("cannot write '\(output)': Is a directory")
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw RunFailure("cannot write '\(output)': No such file or directory")
        }
        guard isDir.boolValue else { throw RunFailure("cannot write '\(output)': Not a directory") }
        guard access(folder, W_OK) == 0 else { throw RunFailure("cannot write '\(output)': Permission denied") }
    }

    /// What `import` will call the module: the output's basename up to its first dot.
    static func moduleName(of output: String) -> String {
        let base = URL(fileURLWithPath: output).lastPathComponent
        return String(base.prefix { $0 != "." })
    }

    /// nil when `path` loads and exports MiniInit_<module>, else what is wrong. The object's
    /// Mini_* references resolve against this executable (it exports them), as at import.
    static func initProblem(_ path: String, module: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let handle = dlopen(absolute, RTLD_LAZY | RTLD_LOCAL) else {
            return "\(path) cannot be loaded: " + (dlerror().map { String(cString: $0) } ?? "unknown error")
        }
        defer { dlclose(handle) }
        return dlsym(handle, "MiniInit_" + module) == nil ? "\(path) does not export MiniInit_\(module)" : nil
    }

    /// FILE.c -> FILE.so in the same directory.
    static func defaultOutput(for source: String) -> String {
        let url = URL(fileURLWithPath: source)
        let base = url.deletingPathExtension().lastPathComponent
        let dir = (source as NSString).deletingLastPathComponent
        return dir.isEmpty ? base + ".so" : (dir as NSString).appendingPathComponent(base + ".so")
    }

    /// $CC when set and non-empty, else the first of cc, clang, gcc found on PATH.
    static func findCompiler() -> String? {
        if let cc = ProcessInfo.processInfo.environment["CC"], !cc.trimmingCharacters(in: .whitespaces).isEmpty {
            return cc
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["cc", "clang", "gcc"] {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return name
            }
        }
        return nil
    }

    /// Writes mini.h and mini/*.h under `dir` (created as needed).
    static func writeHeaders(to dir: String) throws {
        do {
            for file in EmbeddedHeaders.files {
                let url = URL(fileURLWithPath: dir).appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            }
        } catch {
            throw RunFailure("cannot write the headers to \(dir): \(error.localizedDescription)")
        }
    }
}
