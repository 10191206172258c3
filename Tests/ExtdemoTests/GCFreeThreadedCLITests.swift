// GCFreeThreadedCLITests.swift: the cycle collector in free-threaded mode (issue 13, gc.c),
// through the built binary with the GIL off and checked mode on (ExtdemoProcess sets
// EXTDEMO_CHECK=1, so a double free or a leaked object fails the run): classes that end up in
// garbage cycles are freed (a fresh class was made immortal in free-threaded mode before).
// Counted, never timed.
import Foundation
import XCTest

extension CLITests {
    private func gcScript(_ source: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gcft-\(UUID().uuidString).py")
        try source.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testClassesInGarbageCyclesAreFreedWithoutTheGIL() throws {
        // A class always sits in a cycle (its __mro__ holds it). With the GIL off it must be
        // collected like any other: the weak references to the classes die.
        let url = try gcScript("""
        import gc, sys, weakref
        refs = []
        for i in range(20):
            class C:
                def m(self):
                    return C
            C().m()
            refs.append(weakref.ref(C))
            del C
        gc.collect()
        print(sys._is_gil_enabled(), sum(r() is None for r in refs))
        """)
        defer { try? FileManager.default.removeItem(at: url) }
        for gil in ["off", "on"] {
            let r = try run(["run", "--gil", gil, url.path])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "\(gil == "on" ? "True" : "False") 20\n", "--gil \(gil)")
            XCTAssertEqual(r.stderr, "")
        }
    }
}
