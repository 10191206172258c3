// MisuseAndCLITests.swift: an extension's misuse of the C API, caught in checked mode, and the
// CLI's care with its input and output. Each case runs in a child extdemo process
// (ChildProcess.swift). Misuse: a C extension written here is built with `extdemo build-ext`
// (skipped without a C compiler) and each of its functions breaks one rule. A broken result
// contract is a Python SystemError with CPython's wording; a broken rule of the API is fatal: the
// named message, then the C backtrace with the extension's own frame, and death by SIGABRT
// (exit status 134 in a shell) without the Swift runtime's crash dump.
import Foundation
import XCTest

final class MisuseAndCLITests: XCTestCase {
    static let misuseExtension = """
    #include <mini.h>
    /* Returns NULL and sets no exception. */
    MiniObject *bad_null_without_exception(MiniObject *self, MiniObject *unused) {
        (void)self; (void)unused;
        return NULL;
    }
    /* Returns a value with an exception still set. */
    MiniObject *bad_result_with_exception(MiniObject *self, MiniObject *unused) {
        (void)self; (void)unused;
        MiniErr_SetString(MiniExc_ValueError, "stray");
        Mini_RETURN_NONE;
    }
    /* Drops a reference it does not own, twice: the count goes below zero. */
    MiniObject *bad_refcount_underflow(MiniObject *self, MiniObject *unused) {
        (void)self; (void)unused;
        MiniObject *l = MiniList_New(0);
        Mini_DECREF(l);
        Mini_DECREF(l);
        Mini_RETURN_NONE;
    }
    /* Calls the object API with the lock released. */
    MiniObject *bad_api_without_gil(MiniObject *self, MiniObject *unused) {
        (void)self; (void)unused;
        MiniObject *l = NULL;
        Mini_BEGIN_ALLOW_THREADS
        l = MiniList_New(0);
        Mini_END_ALLOW_THREADS
        return l;
    }
    /* Keeps a borrowed reference (an item of a list) past its owner (the list). */
    MiniObject *bad_borrowed_past_owner(MiniObject *self, MiniObject *unused) {
        (void)self; (void)unused;
        MiniObject *l = Mini_BuildValue("[d]", 2.5);
        MiniObject *item = MiniList_GetItem(l, 0);   /* borrowed from l */
        Mini_DECREF(l);                              /* frees l, and item with it */
        MiniObject *r = MiniObject_Repr(item);
        if (r == NULL) return NULL;
        Mini_DECREF(r);
        Mini_RETURN_NONE;
    }
    /* Returns an object after dropping its last reference. */
    MiniObject *bad_return_freed(MiniObject *self, MiniObject *unused) {
        (void)self; (void)unused;
        MiniObject *l = MiniList_New(0);
        Mini_DECREF(l);
        return l;
    }
    /* Declared with two calling conventions at once (METH_VARARGS | METH_NOARGS). */
    MiniObject *bad_flags(MiniObject *self, MiniObject *args) {
        (void)self; (void)args;
        Mini_RETURN_NONE;
    }
    /* Makes a list and forgets it: a leak. */
    MiniObject *bad_leak(MiniObject *self, MiniObject *unused) {
        (void)self; (void)unused;
        MiniObject *forgotten = Mini_BuildValue("[iii]", 1, 2, 3);
        (void)forgotten;
        Mini_RETURN_NONE;
    }
    static MiniMethodDef bad_methods[] = {
        {"borrowed_past_owner", bad_borrowed_past_owner, MINI_METH_NOARGS, NULL},
        {"return_freed", bad_return_freed, MINI_METH_NOARGS, NULL},
        {"flags", bad_flags, MINI_METH_VARARGS | MINI_METH_NOARGS, NULL},
        {"leak", bad_leak, MINI_METH_NOARGS, NULL},
        {"null_without_exception", bad_null_without_exception, MINI_METH_NOARGS, NULL},
        {"result_with_exception", bad_result_with_exception, MINI_METH_NOARGS, NULL},
        {"refcount_underflow", bad_refcount_underflow, MINI_METH_NOARGS, NULL},
        {"api_without_gil", bad_api_without_gil, MINI_METH_NOARGS, NULL},
        {NULL, NULL, 0, NULL},
    };
    static MiniModuleDef bad_module = {MiniModuleDef_HEAD_INIT, "bad", "misuse cases", 0, bad_methods};
    MiniObject *MiniInit_bad(void) { return MiniModule_Create(&bad_module); }

    """

    var dir: URL!

    override func setUpWithError() throws {
        dir = try ChildProcess.scratch()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    static var haveCompiler: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return ["cc", "clang", "gcc"].contains { name in
            path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
    }

    func buildMisuseExtension() throws {
        guard Self.haveCompiler else { throw XCTSkip("no C compiler (cc, clang, gcc) on PATH") }
        try Self.misuseExtension.write(to: dir.appendingPathComponent("bad.c"), atomically: true, encoding: .utf8)
        let b = try ChildProcess.run(["build-ext", "bad.c"], directory: dir)
        XCTAssertEqual(b.status, 0, b.stderr)
    }

    func runPython(_ source: String) throws -> ChildResult {
        try source.write(to: dir.appendingPathComponent("prog.py"), atomically: true, encoding: .utf8)
        return try ChildProcess.run(["run", "prog.py"], directory: dir)
    }

    // MARK: the result contract: SystemError, as CPython's _Py_CheckFunctionResult words it

    func testNullWithoutExceptionIsSystemError() throws {
        try buildMisuseExtension()
        let r = try runPython("import bad\nbad.null_without_exception()\n")
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.lastErrorLine, "SystemError: <built-in function null_without_exception> returned NULL without setting an exception")
    }

    func testResultWithExceptionSetIsSystemError() throws {
        try buildMisuseExtension()
        let r = try runPython("import bad\ntry:\n    bad.result_with_exception()\nexcept SystemError as e:\n"
                              + "    print(e)\n    print(type(e.__context__).__name__, e.__context__)\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "<built-in function result_with_exception> returned a result with an exception set\nValueError stray\n")
    }

    // MARK: fatal misuse: message, C backtrace, SIGABRT, no Swift crash dump

    func assertFatal(_ call: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try buildMisuseExtension()
        let r = try runPython("import bad\nbad.\(call)()\nprint('not reached')\n")
        XCTAssertTrue(r.signaled, "should die of SIGABRT; status \(r.status), stderr: \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.status, SIGABRT, file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix(message), "stderr: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains("C backtrace (most recent call first):"), r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.contains("bad_\(call)+0x"), "the extension's frame is named: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains("in bad.so"), r.stderr, file: file, line: line)
        XCTAssertFalse(r.stderr.contains("Program crashed"), "the Swift runtime's dump: \(r.stderr)", file: file, line: line)
        XCTAssertFalse(r.stderr.contains("Registers"), "the Swift runtime's dump: \(r.stderr)", file: file, line: line)
    }

    // MARK: issue 14 item 5: the catalogue's remaining cases

    func testWrongMethodFlagsAreSystemError() throws {
        try buildMisuseExtension()
        let r = try runPython("import bad\nbad.flags()\n")
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.lastErrorLine, "SystemError: bad.flags() method: bad call flags 0x5")
    }

    func testBorrowedReferenceKeptPastItsOwnerIsFatalAndNamesTheFree() throws {
        try assertFatal("borrowed_past_owner", "Fatal Mini error: MiniObject_Repr: use of a freed object at 0x")
        let r = try runPython("import bad\nbad.borrowed_past_owner()\n")
        XCTAssertTrue(r.stderr.contains(": a 'float' object; set EXTDEMO_CHECK_TRACE=1"), r.stderr)
        XCTAssertTrue(r.stderr.contains("set EXTDEMO_CHECK_TRACE=1 for the C backtrace of the free"), r.stderr)
        // With the trace on, the free's own backtrace names the owner's dealloc and the culprit.
        let traced = try ChildProcess.run(["run", "prog.py"], directory: dir, environment: ["EXTDEMO_CHECK_TRACE": "1"])
        XCTAssertEqual(traced.status, SIGABRT, traced.stderr)
        XCTAssertTrue(traced.stderr.contains("its last DECREF (most recent call first):"), traced.stderr)
        XCTAssertTrue(traced.stderr.contains("bad_borrowed_past_owner+0x"), traced.stderr)
    }

    func testReturningAFreedObjectNamesTheCulpritAndTheFree() throws {
        // The function has returned, so its frame is not on the stack at the check: the message names it.
        try buildMisuseExtension()
        let r = try runPython("import bad\nbad.return_freed()\nprint('not reached')\n")
        XCTAssertTrue(r.signaled, r.stderr)
        XCTAssertEqual(r.status, SIGABRT)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("Fatal Mini error: <built-in function return_freed>: returned a freed object at 0x"), r.stderr)
        XCTAssertTrue(r.stderr.contains(": a 'list' object; set EXTDEMO_CHECK_TRACE=1"), r.stderr)
        XCTAssertTrue(r.stderr.contains("C backtrace (most recent call first):"), r.stderr)
        let traced = try ChildProcess.run(["run", "prog.py"], directory: dir, environment: ["EXTDEMO_CHECK_TRACE": "1"])
        XCTAssertEqual(traced.status, SIGABRT, traced.stderr)
        XCTAssertTrue(traced.stderr.contains(": a 'list' object; its last DECREF (most recent call first):"), traced.stderr)
        XCTAssertTrue(traced.stderr.contains("bad_return_freed+0x"), traced.stderr)
    }

    func testLeakedObjectReportNamesTheAllocationSite() throws {
        try buildMisuseExtension()
        try "import bad\nbad.leak()\nprint('done')\n".write(to: dir.appendingPathComponent("prog.py"), atomically: true, encoding: .utf8)
        let r = try ChildProcess.run(["run", "prog.py"], directory: dir, environment: ["EXTDEMO_CHECK_TRACE": "1"])
        XCTAssertEqual(r.status, 0, "the report does not change the exit status: \(r.stderr)")
        XCTAssertEqual(r.stdout, "done\n")
        XCTAssertTrue(r.stderr.hasPrefix("Leaked objects (checked mode, EXTDEMO_CHECK_TRACE=1): alive at exit, allocated by extension code outside its MiniInit_ function:\n"), r.stderr)
        XCTAssertTrue(r.stderr.contains(": a 'list' object with 1 reference, allocated at (most recent call first):"), r.stderr)
        XCTAssertTrue(r.stderr.contains("bad_leak+0x"), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("1 leaked object\n"), r.stderr)
        // The module and what its init made are not leaks; without the trace there is no report.
        XCTAssertFalse(r.stderr.contains("'module'"), r.stderr)
        let quiet = try ChildProcess.run(["run", "prog.py"], directory: dir)
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertEqual(quiet.stderr, "")
    }

    func testRefcountUnderflowIsFatal() throws {
        try assertFatal("refcount_underflow", "Fatal Mini error: Mini_DECREF")
    }

    func testObjectAPIWithoutTheGILIsFatal() throws {
        try assertFatal("api_without_gil", "Fatal Mini error: MiniList_New: the function must be called with the GIL held")
    }

    // MARK: the CLI

    func testRunDashReadsTheProgramFromStdin() throws {
        let r = try ChildProcess.run(["run", "-", "x", "y"], stdin: Data("import sys\nprint(6 * 7, sys.argv)\n".utf8), directory: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "42 ['-', 'x', 'y']\n")
        let bad = try ChildProcess.run(["run", "-"], stdin: Data("1/0\n".utf8), directory: dir)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("File \"<stdin>\", line 1"), bad.stderr)
    }

    func testShowRefcountPrintsTheTotalsAtExit() throws {
        let r = try ChildProcess.run(["run", "--show-refcount", "-"], stdin: Data("x = [1, 2]\n".utf8), directory: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertNotNil(r.stderr.range(of: #"^\[-?[0-9]+ refs, [0-9]+ blocks\]\n$"#, options: .regularExpression), r.stderr)
    }

    /// `> /dev/full`: the failed write is an OSError and exit status 1 (as python3).
    func testWriteErrorOnStdoutIsOSError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        try "print('hello')\n".write(to: dir.appendingPathComponent("p.py"), atomically: true, encoding: .utf8)
        let r = try ChildProcess.run(["/bin/sh", "-c", "\"$0\" run p.py > /dev/full", ChildProcess.binary], directory: dir, shell: true)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("OSError: [Errno 28] No space left on device"), r.stderr)
    }

    /// `| head -1`: the reader goes away; the kit stops quietly (no traceback, no SIGPIPE death).
    func testClosedPipeExitsQuietly() throws {
        try "i = 0\nwhile True:\n    print(i)\n    i += 1\n".write(to: dir.appendingPathComponent("p.py"), atomically: true, encoding: .utf8)
        let r = try ChildProcess.run(["/bin/bash", "-c", "\"$0\" run p.py | head -1; echo \"status ${PIPESTATUS[0]}\" >&2",
                                      ChildProcess.binary], directory: dir, shell: true)
        XCTAssertEqual(r.stdout, "0\n")
        XCTAssertEqual(r.stderr, "status 1\n")
    }
}
