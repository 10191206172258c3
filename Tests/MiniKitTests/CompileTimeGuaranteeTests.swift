// CompileTimeGuaranteeTests: `withGILReleased` refuses, at compile time, a closure that captures
// an object reference. Each case type-checks a small client file against the built MiniKit
// module with the same compiler; a control case that captures only plain data must compile, so
// a failure can only come from the capture.
import XCTest
import Foundation

final class CompileTimeGuaranteeTests: XCTestCase {
    private func buildDirectory() -> URL? {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Modules/MiniKit.swiftmodule").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    private func swiftc() -> String? {
        for p in ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc"] where FileManager.default.isExecutableFile(atPath: p) { return p }
        return nil
    }

    /// Type-checks `body` as a client of MiniKit; returns (succeeded, diagnostics).
    private func typecheck(_ body: String) throws -> (Bool, String) {
        guard let build = buildDirectory(), let swiftc = swiftc() else {
            throw XCTSkip("cannot locate the built MiniKit module or swiftc")
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gilscope-\(UUID().uuidString).swift")
        try ("import MiniKit\n" + body).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: swiftc)
        p.arguments = ["-typecheck", "-swift-version", "6", "-I", build.appendingPathComponent("Modules").path,
                       "-Xcc", "-fmodule-map-file=" + build.appendingPathComponent("CShims.build/module.modulemap").path,
                       "-Xcc", "-I" + repo.appendingPathComponent("CShims/include").path, file.path]
        let pipe = Pipe()
        p.standardError = pipe
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus == 0, out)
    }

    func testPlainDataAndPinnedMemoryMayCross() throws {
        let (ok, out) = try typecheck("""
        func fine(_ n: Int, _ mem: PinnedMemory) -> Int {
            withGILReleased { n + mem.count }
        }
        """)
        XCTAssertTrue(ok, out)
    }

    func testCapturingAnOwnedReferenceDoesNotCompile() throws {
        let (ok, out) = try typecheck("""
        func bad(_ list: borrowing MiniRef) -> Int {
            withGILReleased { Int(MiniList_Size(list.pointer)) }
        }
        """)
        XCTAssertFalse(ok)
        XCTAssertTrue(out.contains("non-Sendable type 'MiniRef'"), out)
    }

    func testCapturingARawObjectPointerDoesNotCompile() throws {
        let (ok, out) = try typecheck("""
        func bad(_ p: MiniObjectPointer) -> Int {
            withGILReleased { Int(MiniList_Size(p)) }
        }
        """)
        XCTAssertFalse(ok)
        XCTAssertTrue(out.contains("non-Sendable type"), out)
    }

    func testReturningAnObjectFromTheRegionDoesNotCompile() throws {
        let (ok, out) = try typecheck("""
        func bad() -> MiniObjectPointer? {
            withGILReleased { MiniList_New(0) }
        }
        """)
        XCTAssertFalse(ok, out)
    }
}
