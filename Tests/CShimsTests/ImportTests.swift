// ImportTests: the module cache, the finder hook, the inittab (registered across a
// Finalize/Initialize cycle, since registration is refused once the runtime runs), and loading
// shared-library extensions built here with cc: success, ABI mismatch, missing init function,
// unloadable files.
import XCTest
import Foundation
import CShims
import CShimsTestSupport

final class ImportTests: MiniAPITestCase {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Removes name from the module cache and frees the module (clearing its namespace first).
    func forget(_ name: String) {
        let cache = MiniImport_GetModuleDict()!
        guard let m = MiniDict_GetItemString(cache, name) else { return }
        Mini_INCREF(m)
        XCTAssertEqual(MiniDict_DelItemString(cache, name), 0)
        XCTAssertEqual(MiniModule_ClearNamespace(m), 0)
        Mini_DECREF(m)
    }

    func testUnknownModule() {
        XCTAssertNil(MiniImport_ImportModule("no_such_module_xyz"))
        XCTAssertEqual(takeError(), "ModuleNotFoundError: No module named 'no_such_module_xyz'")
        let five = int(5)
        XCTAssertNil(MiniImport_Import(five))
        XCTAssertEqual(takeError(), "TypeError: module name must be str, not int")
        Mini_DECREF(five)
        XCTAssertGreaterThanOrEqual(MiniDict_Size(MiniImport_GetModuleDict()), 0)
        assertBalanced()
    }

    func testFinderIsAskedForUnknownNamesAndResultsAreCached() {
        var calls: Int32 = 0
        withUnsafeMutablePointer(to: &calls) { counter in
            MiniImport_SetFinder(ts_finder, counter)
            defer { MiniImport_SetFinder(nil, nil) }
            let m = MiniImport_ImportModule("ts_found")
            XCTAssertNotNil(m, takeError() ?? "")
            XCTAssertEqual(counter.pointee, 1)
            let name = str("ts_found")
            let again = MiniImport_Import(name)
            Mini_DECREF(name)
            XCTAssertEqual(again, m, "a second import gives the cached module")
            XCTAssertEqual(counter.pointee, 1, "the finder is not asked again")
            XCTAssertEqual(MiniDict_GetItemString(MiniImport_GetModuleDict(), "ts_found"), m)
            Mini_XDECREF(m)
            Mini_XDECREF(again)
            forget("ts_found")

            XCTAssertNil(MiniImport_ImportModule("ts_finder_error"))
            XCTAssertEqual(takeError(), "ImportError: finder failed")
            XCTAssertNil(MiniImport_ImportModule("ts_unknown"))
            XCTAssertEqual(takeError(), "ModuleNotFoundError: No module named 'ts_unknown'")
            XCTAssertEqual(counter.pointee, 3)
        }
        assertBalanced()
    }

    func testInittabAcrossAFinalizeCycle() {
        // Registration is refused while the runtime runs ...
        XCTAssertEqual(MiniImport_AppendInittab("ts_builtin", ts_init_builtin), -1)
        XCTAssertEqual(MiniImport_IsBuiltin("ts_builtin"), 0)
        // ... so stop it, register, and start again. Checked mode goes off around the restart:
        // the GIL check refuses calls made by the init hooks before Mini_Initialize completes.
        Mini_SetCheckedMode(0)
        Mini_Finalize()
        XCTAssertEqual(Mini_IsInitialized(), 0)
        XCTAssertEqual(MiniImport_AppendInittab("ts_builtin", ts_init_builtin), 0)
        XCTAssertEqual(MiniImport_AppendInittab("ts_builtin", ts_init_builtin), -1, "duplicate name")
        XCTAssertEqual(MiniImport_AppendInittab("ts_silent", ts_init_silent_failure), 0)
        XCTAssertEqual(MiniImport_AppendInittab("ts_raising", ts_init_raising), 0)
        XCTAssertEqual(MiniImport_AppendInittab("ts_notmod", ts_init_not_module), 0)
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        markBaseline()
        XCTAssertEqual(MiniImport_IsBuiltin("ts_builtin"), 1)
        XCTAssertEqual(MiniImport_IsBuiltin("ts_nothing"), 0)

        let before = ts_init_calls()
        let m = MiniImport_ImportModule("ts_builtin")
        XCTAssertNotNil(m, takeError() ?? "")
        XCTAssertEqual(ts_init_calls(), before + 1)
        if let m {
            XCTAssertEqual(reprConsuming(MiniObject_GetAttrString(m, "answer")), "42")
            let again = MiniImport_ImportModule("ts_builtin")
            XCTAssertEqual(again, m)
            XCTAssertEqual(ts_init_calls(), before + 1, "init runs once")
            Mini_XDECREF(again)
            Mini_DECREF(m)
        }
        forget("ts_builtin")

        XCTAssertNil(MiniImport_ImportModule("ts_silent"))
        XCTAssertEqual(takeError(), "ImportError: initialization of ts_silent failed without raising an exception")
        XCTAssertNil(MiniImport_ImportModule("ts_raising"))
        XCTAssertEqual(takeError(), "ValueError: init failed on purpose")
        XCTAssertNil(MiniImport_ImportModule("ts_notmod"))
        XCTAssertEqual(takeError(), "SystemError: initialization of ts_notmod did not return an extension module")
        XCTAssertNil(MiniDict_GetItemString(MiniImport_GetModuleDict(), "ts_silent"), "failures are not cached")
        assertBalanced()
    }

    // ----- shared-library extensions -----

    /// Compiles C source into dir/<name>.so; returns the path, or nil (with a test failure).
    func buildExtension(_ name: String, _ source: String, in dir: URL) -> String? {
        let c = dir.appendingPathComponent("\(name).c")
        let so = dir.appendingPathComponent("\(name).so")
        do { try source.write(to: c, atomically: true, encoding: .utf8) } catch {
            XCTFail("cannot write \(c.path): \(error)")
            return nil
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["cc", "-shared", "-fPIC", "-I", Self.repoRoot.appendingPathComponent("CShims/include").path,
                       "-o", so.path, c.path]
        let err = Pipe()
        p.standardError = err
        do { try p.run() } catch {
            XCTFail("cannot run cc: \(error)")
            return nil
        }
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTFail("cc failed for \(name): \(text)")
            return nil
        }
        return so.path
    }

    func makeTempDir() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mini-import-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func moduleSource(name: String, abi: String = "MiniModuleDef_HEAD_INIT", initName: String? = nil) -> String {
        """
        #include <mini.h>
        static MiniObject *hello(MiniObject *self, MiniObject *unused) {
            (void)unused;
            return MiniUnicode_FromFormat("hello from %s", MiniModule_GetName(self));
        }
        static MiniMethodDef methods[] = {{"hello", hello, MINI_METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
        static MiniModuleDef def = {\(abi), "\(name)", "a dynamically loaded module", 0, methods};
        MiniObject *MiniInit_\(initName ?? name)(void) { return MiniModule_Create(&def); }
        """
    }

    func testLoadDynamicModule() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let path = buildExtension("dyn_good", moduleSource(name: "dyn_good"), in: dir) else { return }
        markBaseline()
        let m = MiniImport_LoadDynamicModule("dyn_good", path)
        guard let m else {
            XCTFail("loading failed: \(takeError() ?? "<no exception>")")
            return
        }
        XCTAssertEqual(repr(m), "<module 'dyn_good' from '\(path)'>")
        XCTAssertEqual(reprConsuming(MiniObject_GetAttrString(m, "__file__")), "'\(path)'")
        XCTAssertEqual(reprConsuming(ts_call_method_objargs(m, "hello", nil)), "'hello from dyn_good'")
        let again = MiniImport_LoadDynamicModule("dyn_good", path)
        XCTAssertEqual(again, m, "a loaded module is cached")
        let imported = MiniImport_ImportModule("dyn_good")
        XCTAssertEqual(imported, m)
        Mini_XDECREF(again)
        Mini_XDECREF(imported)
        Mini_DECREF(m)
        forget("dyn_good")
        assertBalanced()
    }

    func testDynamicModuleBuiltForAnotherABI() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let path = buildExtension("dyn_abi", moduleSource(name: "dyn_abi", abi: "{7, 0}"), in: dir) else { return }
        markBaseline()
        XCTAssertNil(MiniImport_LoadDynamicModule("dyn_abi", path))
        XCTAssertEqual(takeError(), "ImportError: module 'dyn_abi' was compiled for Mini ABI 7, this runtime is ABI 2")
        XCTAssertNil(MiniDict_GetItemString(MiniImport_GetModuleDict(), "dyn_abi"))
        assertBalanced()
    }

    func testDynamicModuleWithoutInitFunction() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let path = buildExtension("dyn_noinit", moduleSource(name: "dyn_noinit", initName: "something_else"),
                                        in: dir) else { return }
        XCTAssertNil(MiniImport_LoadDynamicModule("dyn_noinit", path))
        XCTAssertEqual(takeError(), "ImportError: dynamic module \(path) does not define init function MiniInit_dyn_noinit")
        assertBalanced()
    }

    func testUnloadableFiles() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let garbage = dir.appendingPathComponent("garbage.so")
        try "not an ELF file".write(to: garbage, atomically: true, encoding: .utf8)
        XCTAssertNil(MiniImport_LoadDynamicModule("garbage", garbage.path))
        var e = takeError() ?? ""
        XCTAssertTrue(e.hasPrefix("ImportError: cannot load \(garbage.path): "), e)
        XCTAssertTrue(e.contains("ELF") || e.contains("too short"), "dlerror's reason should be included: \(e)")
        let missing = dir.appendingPathComponent("missing.so").path
        XCTAssertNil(MiniImport_LoadDynamicModule("missing", missing))
        e = takeError() ?? ""
        XCTAssertTrue(e.hasPrefix("ImportError: cannot load \(missing): "), e)
        XCTAssertTrue(e.contains("No such file"), e)
        assertBalanced()
    }
}
