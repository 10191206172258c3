// InterpreterCLITests.swift: the interpreter side of the extdemo command line, tested from
// outside like CLITests: `run` (output, sys.argv, exit statuses, --ext-path / EXTDEMO_PATH),
// `dis` (GIL marks, errors), `build-ext` (a tiny C extension compiled and imported, the missing
// init function reported as an ImportError), and the headers embedded in the binary, which must
// equal the files in CShims/include (the build embeds them: embed-files.txt).

import Foundation
import XCTest

final class InterpreterCLITests: XCTestCase {
    typealias Outcome = ExtdemoOutcome

    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("extdemo-int-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Runs the built binary in `scratch` (see ExtdemoProcess).
    @discardableResult
    func extdemo(_ arguments: [String], environment extra: [String: String] = [:],
                 file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        try ExtdemoProcess.run(arguments, cwd: scratch, environment: extra, file: file, line: line)
    }

    func write(_ text: String, to name: String) throws {
        let url = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// The repository root, from this file's path (Tests/ExtdemoTests/...).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var haveCompiler: Bool {
        if let cc = ProcessInfo.processInfo.environment["CC"], !cc.isEmpty { return true }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return ["cc", "clang", "gcc"].contains { name in
            path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
    }

    // ----- run --------------------------------------------------------------------------------

    func testRunPrintsTheScriptsOutputAndExitsZero() throws {
        try write("import threading\ntotal = 0\nfor i in range(10):\n    total += i * i\nprint('sum', total)\n", to: "ok.py")
        let r = try extdemo(["run", "ok.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "sum 285\n")
        XCTAssertFalse(r.stderr.contains("leak check"), r.stderr)
    }

    func testArgumentsAfterTheFileGoToSysArgv() throws {
        try write("import sys\nprint(sys.argv)\n", to: "argv.py")
        let r = try extdemo(["run", "--switch-interval", "1", "argv.py", "a", "--switch-interval", "-x"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "['argv.py', 'a', '--switch-interval', '-x']\n")
    }

    func testUncaughtExceptionExitsOneWithATraceback() throws {
        try write("def f():\n    raise ValueError('boom')\nprint('before')\nf()\n", to: "bad.py")
        let r = try extdemo(["run", "bad.py"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "before\n")
        XCTAssertTrue(r.stderr.hasPrefix("Traceback (most recent call last):"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 2, in f"), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("ValueError: boom\n"), r.stderr)
    }

    func testSystemExitCodeAndUsageErrors() throws {
        try write("import sys\nsys.exit(3)\n", to: "exit3.py")
        XCTAssertEqual(try extdemo(["run", "exit3.py"]).status, 3)
        let missing = try extdemo(["run", "no_such_file.py"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("can't open file 'no_such_file.py'"), missing.stderr)
        XCTAssertEqual(try extdemo(["run"]).status, 2)
        let unknown = try extdemo(["run", "--bogus", "exit3.py"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("unknown option '--bogus'"), unknown.stderr)
    }

    /// Every command that takes a script refuses one it cannot open before it records or spawns
    /// anything: one line with python3's wording, exit status 2, nothing on stdout (advise used to
    /// classify the empty run of a missing file as "hybrid" and predict a 4x speedup for it).
    func testScriptCommandsRefuseAScriptTheyCannotOpen() throws {
        for command in ["advise", "compare", "dis"] {
            let r = try extdemo([command, "no_such_file.py"])
            XCTAssertEqual(r.status, 2, command)
            XCTAssertEqual(r.stdout, "", command)
            XCTAssertEqual(r.stderr, "extdemo: \(command): can't open file 'no_such_file.py': [Errno 2] No such file or directory\n")
        }
        let dir = try extdemo(["advise", "."])
        XCTAssertEqual(dir.status, 2)
        XCTAssertTrue(dir.stderr.contains("[Errno 21] Is a directory"), dir.stderr)
    }

    /// `run --counters FILE` writes the lock's always-on counters for the run: two pure-Python
    /// threads hold the GIL for most of the run and hand it over; free-threaded, nobody waits.
    func testRunCountersWritesTheLocksFigures() throws {
        try write("""
        import threading
        def spin():
            n = 300000
            while n > 0:
                n -= 1
        ts = [threading.Thread(target=spin) for _ in range(2)]
        for t in ts: t.start()
        for t in ts: t.join()
        print("done")

        """, to: "spin2.py")
        for (gil, enabled) in [("on", true), ("off", false)] {
            let r = try extdemo(["run", "--gil", gil, "--counters", "counters.json", "spin2.py"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "done\n")
            let data = try Data(contentsOf: scratch.appendingPathComponent("counters.json"))
            let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            XCTAssertEqual(o["gil_enabled"] as? Bool, enabled)
            let seconds = try XCTUnwrap(o["seconds"] as? Double), held = try XCTUnwrap(o["held_ns"] as? Int)
            XCTAssertGreaterThan(seconds, 0)
            if enabled {
                XCTAssertGreaterThan(held, 0)
                XCTAssertGreaterThan(try XCTUnwrap(o["acquisitions"] as? Int), 2)
            } else {
                // No lock: threads never wait or hand over (held_ns is then attached thread time).
                XCTAssertEqual(o["wait_ns"] as? Int, 0)
                XCTAssertEqual(o["switches"] as? Int, 0)
            }
        }
        let bad = try extdemo(["run", "--counters", "/nonexistent-dir/c.json", "spin2.py"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("extdemo: run: cannot write '/nonexistent-dir/c.json'"), bad.stderr)
    }

    func testScriptsImportTheKitsExtensionsAndModulesFromTheSearchPath() throws {
        try write("def double(x):\n    return 2 * x\n", to: "lib/helper.py")
        try write("import helper, matmul, sleeper\nprint(helper.double(21), sleeper.spin(10) >= 0)\n", to: "use.py")
        XCTAssertEqual(try extdemo(["run", "use.py"]).status, 1, "helper.py is not beside the script")
        let viaOption = try extdemo(["run", "--ext-path", "lib", "use.py"])
        XCTAssertEqual(viaOption.status, 0, viaOption.stderr)
        XCTAssertEqual(viaOption.stdout, "42 True\n")
        let viaEnvironment = try extdemo(["run", "use.py"], environment: ["EXTDEMO_PATH": "/nonexistent:" + scratch.appendingPathComponent("lib").path])
        XCTAssertEqual(viaEnvironment.status, 0, viaEnvironment.stderr)
        XCTAssertEqual(viaEnvironment.stdout, "42 True\n")
    }

    // ----- the interpreted mode ---------------------------------------------------------------

    func testInterpretedModeRunsRealBytecodeAndReportsItsOwnScaling() throws {
        let r = try extdemo(["countdown", "--threads", "2", "--count", "200000", "--mode", "interpreted", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stderr.contains("leak check"), r.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let results = try XCTUnwrap(report["results"] as? [[String: Any]])
        XCTAssertEqual(results.compactMap { $0["mode"] as? String }, ["sequential", "interpreted"])
        let own = try XCTUnwrap(report["interpreted"] as? [String: Any])
        XCTAssertEqual(own["threads"] as? Int, 2)
        // The scaling figure is reported (how fast is a benchmark's business: `extdemo bench`, not a
        // test on a shared machine); both threads must have taken the lock to run their bytecode.
        XCTAssertGreaterThan(try XCTUnwrap(own["scaling"] as? Double), 0)
        let gil = try XCTUnwrap(results.last?["gil"] as? [String: Any])
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(gil["acquisitions"] as? Int), 2)

        let m = try extdemo(["matmul", "--threads", "2", "--size", "128", "--tasks", "2", "--mode", "interpreted", "--repeat", "1"])
        XCTAssertEqual(m.status, 0, m.stderr)
        XCTAssertTrue(m.stdout.contains("interpreted: pure MiniPy triple loops on 64x64"), m.stdout)
        XCTAssertTrue(m.stdout.contains("scaled to the 128x128 work"), m.stdout)
        XCTAssertTrue(m.stdout.split(separator: "\n").contains { $0.hasPrefix("interpreted ") }, m.stdout)
    }

    // ----- dis --------------------------------------------------------------------------------

    func testDisMarksWhereTheGILCanChangeHands() throws {
        try write("n = 3\nwhile n > 0:\n    n -= 1\n", to: "loop.py")
        let r = try extdemo(["dis", "loop.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let marked = r.stdout.split(separator: "\n").filter { $0.contains(" GIL ") }
        XCTAssertTrue(marked.contains { $0.contains("JUMP_BACKWARD") }, r.stdout)
        XCTAssertTrue(r.stdout.contains("LOAD_CONST"), r.stdout)

        try write("def f(:\n", to: "syntax.py")
        let bad = try extdemo(["dis", "syntax.py"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("SyntaxError"), bad.stderr)

        let missing = try extdemo(["dis", "missing.py"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr.split(separator: "\n").count, 1, missing.stderr)
    }

    // ----- build-ext --------------------------------------------------------------------------

    static let tinyExtension = """
    #include <mini.h>
    static MiniObject *tiny_add(MiniObject *self, MiniObject *args) {
        long a, b;
        (void)self;
        if (!MiniArg_ParseTuple(args, "ll:add", &a, &b)) return NULL;
        long r;
        Mini_BEGIN_ALLOW_THREADS
        r = a + b;
        Mini_END_ALLOW_THREADS
        return MiniLong_FromLong(r);
    }
    static MiniMethodDef tiny_methods[] = {
        {"add", tiny_add, MINI_METH_VARARGS, "add(a, b)"},
        {NULL, NULL, 0, NULL},
    };
    static MiniModuleDef tiny_module = {MiniModuleDef_HEAD_INIT, "tiny", "test", 0, tiny_methods};
    MiniObject *MiniInit_tiny(void) { return MiniModule_Create(&tiny_module); }

    """

    func testBuildExtThenImportRoundTrip() throws {
        guard Self.haveCompiler else { throw XCTSkip("no C compiler (cc, clang, gcc) on PATH") }
        try write(Self.tinyExtension, to: "src/tiny.c")
        let build = try extdemo(["build-ext", "src/tiny.c"])
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stdout, "built src/tiny.so\nuse it: import tiny   (extdemo run finds tiny.so beside the script, or with --ext-path src)\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("src/tiny.so").path))
        try write("import tiny\nprint(tiny.add(40, 2))\n", to: "src/use_tiny.py")
        let r = try extdemo(["run", "src/use_tiny.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "42\n")

        // -o elsewhere, found through --ext-path.
        let built = try extdemo(["build-ext", "src/tiny.c", "-o", "out/tiny.so"])
        XCTAssertEqual(built.status, 1, "out/ does not exist")
        XCTAssertEqual(built.stderr, "extdemo: build-ext: cannot write 'out/tiny.so': No such file or directory\n")
        try write("", to: "file")
        let notDir = try extdemo(["build-ext", "src/tiny.c", "-o", "file/tiny.so"])
        XCTAssertEqual(notDir.status, 1)
        XCTAssertEqual(notDir.stderr, "extdemo: build-ext: cannot write 'file/tiny.so': Not a directory\n")
        let isDir = try extdemo(["build-ext", "src/tiny.c", "-o", "src"])
        XCTAssertEqual(isDir.stderr, "extdemo: build-ext: cannot write 'src': Is a directory\n")
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("out"), withIntermediateDirectories: true)
        XCTAssertEqual(try extdemo(["build-ext", "src/tiny.c", "-o", "out/tiny.so"]).status, 0)
        try write("import tiny\nprint(tiny.add(1, 2))\n", to: "elsewhere.py")
        let r2 = try extdemo(["run", "--ext-path", "out", "elsewhere.py"])
        XCTAssertEqual(r2.stdout, "3\n", r2.stderr)
    }

    func testBuildExtReportsCompilerErrors() throws {
        guard Self.haveCompiler else { throw XCTSkip("no C compiler (cc, clang, gcc) on PATH") }
        try write("#include <mini.h>\nint broken = ;\n", to: "broken.c")
        let r = try extdemo(["build-ext", "broken.c"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("broken.c:2"), "the compiler's message passes through: \(r.stderr)")
        XCTAssertTrue(r.stderr.hasSuffix("extdemo: build-ext: compilation failed\n"), r.stderr)
    }

    func testAnExtensionWithoutItsInitFunctionFailsTheBuild() throws {
        guard Self.haveCompiler else { throw XCTSkip("no C compiler (cc, clang, gcc) on PATH") }
        try write("#include <mini.h>\nint noinit_helper(void) { return 1; }\n", to: "noinit.c")
        let b = try extdemo(["build-ext", "noinit.c"])
        XCTAssertEqual(b.status, 1, b.stderr)
        XCTAssertEqual(b.stderr, "extdemo: build-ext: noinit.so does not export MiniInit_noinit (define `MiniObject *MiniInit_noinit(void)` in noinit.c: `import noinit` calls it); noinit.so removed\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("noinit.so").path))
        // -o renames the module: the init must match the new name.
        try write(Self.tinyExtension, to: "tiny.c")
        let renamed = try extdemo(["build-ext", "tiny.c", "-o", "other.so"])
        XCTAssertEqual(renamed.status, 1, renamed.stderr)
        XCTAssertTrue(renamed.stderr.contains("other.so does not export MiniInit_other"), renamed.stderr)
        // A .so that slipped past the check (renamed by hand) still fails at import, with ImportError.
        XCTAssertEqual(try extdemo(["build-ext", "tiny.c"]).status, 0)
        try FileManager.default.moveItem(at: scratch.appendingPathComponent("tiny.so"), to: scratch.appendingPathComponent("noinit.so"))
        try write("try:\n    import noinit\nexcept ImportError as e:\n    print('ImportError:', e)\n", to: "imp.py")
        let r = try extdemo(["run", "imp.py"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("ImportError:"), r.stdout)
        XCTAssertTrue(r.stdout.contains("MiniInit_noinit"), r.stdout)
    }

    func testBuildExtBadOperandsAreOneLineWithStatus2() throws {
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("adir"), withIntermediateDirectories: true)
        try write("print(1)\n", to: "script.py")
        for (args, message) in [
            (["adir"], "extdemo: build-ext: 'adir' is a directory, not a C source file (expected FILE.c)\n"),
            (["missing.c"], "extdemo: build-ext: cannot read 'missing.c': No such file or directory\n"),
            (["script.py"], "extdemo: build-ext: 'script.py' is not a C source file (expected FILE.c)\n"),
            ([], "extdemo: build-ext: missing FILE.c (see 'extdemo build-ext --help')\n"),
        ] {
            let r = try extdemo(["build-ext"] + args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr, message, "\(args)")
        }
    }

    func testEmbeddedHeadersEqualTheFilesInTheTree() throws {
        let out = try extdemo(["build-ext", "--write-headers", "hdrs"])
        XCTAssertEqual(out.status, 0, out.stderr)
        let include = Self.root.appendingPathComponent("CShims/include")
        var expected = ["mini.h"]
        expected += try FileManager.default.contentsOfDirectory(atPath: include.appendingPathComponent("mini").path)
            .filter { $0.hasSuffix(".h") }.map { "mini/" + $0 }
        let written = scratch.appendingPathComponent("hdrs")
        let got = try FileManager.default.contentsOfDirectory(atPath: written.appendingPathComponent("mini").path)
            .map { "mini/" + $0 } + ["mini.h"]
        XCTAssertEqual(Set(got), Set(expected), "the build embeds CShims/include (embed-files.txt)")
        for path in expected {
            let onDisk = try Data(contentsOf: include.appendingPathComponent(path))
            let embedded = try Data(contentsOf: written.appendingPathComponent(path))
            XCTAssertEqual(embedded, onDisk, "\(path) differs from the embedded copy")
        }
    }
}
