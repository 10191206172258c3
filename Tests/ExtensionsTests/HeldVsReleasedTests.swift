// HeldVsReleasedTests: the kit's headline, proven by counting through the real extensions.
// N threads, each with its own thread state, call matmul.matmul / hashing.sha256 through the Mini
// API exactly as interpreted threads would. A gate at kernel entry waits until all N kernels are
// in flight (or a timeout passes). Released, all N meet inside the kernel; held, never more than
// one is inside — whatever the machine's speed or load. No wall-clock assertions.
import XCTest
import Foundation
import MiniKit
import MiniExtensions

private struct GateConfig { var expected: Int32; var timeout: Double }

private let rendezvousGate: miniext_kernel_gate_fn = { _, ctx in
    let cfg = ctx!.assumingMemoryBound(to: GateConfig.self).pointee
    let deadline = Date().addingTimeInterval(cfg.timeout)
    while miniext_kernels_max_in_flight() < cfg.expected && Date() < deadline { sched_yield() }
}

final class HeldVsReleasedTests: XCTestCase {
    private var baseline: (total: Int, live: Int) = (0, 0)

    override func setUp() {
        MiniRuntime.start(checked: true)
        XCTAssertNoThrow(try MiniRuntime.install(module: "matmul", initializer: MiniInit_matmul))
        XCTAssertNoThrow(try MiniRuntime.install(module: "hashing", initializer: MiniInit_hashing))
        baseline = MiniRuntime.referenceBaseline
    }

    override func tearDown() {
        miniext_set_kernel_gate(nil, nil)
        let now = MiniRuntime.referenceBaseline
        XCTAssertEqual(now.live, baseline.live, "live objects leaked")
        XCTAssertEqual(now.total, baseline.total, "total refcount changed")
    }

    /// Runs `threads` threads that each call `work` (with the GIL held, in their own thread
    /// state) and returns the most kernels seen in flight together, and whether all calls worked.
    private func run(threads: Int, gateTimeout: Double, work: @escaping @Sendable () throws -> Void) -> (maxInFlight: Int, ok: Bool) {
        let config = UnsafeMutablePointer<GateConfig>.allocate(capacity: 1)
        config.initialize(to: GateConfig(expected: Int32(threads), timeout: gateTimeout))
        defer { config.deallocate() }
        miniext_kernels_reset()
        miniext_set_kernel_gate(rendezvousGate, config)
        let failures = Failures()
        let group = DispatchGroup()
        withGILReleased {
            for _ in 0..<threads {
                group.enter()
                Thread.detachNewThread {
                    withGIL {
                        do { try work() } catch { failures.add("\(error)") }
                    }
                    group.leave()
                }
            }
            group.wait()
        }
        miniext_set_kernel_gate(nil, nil)
        return (Int(miniext_kernels_max_in_flight()), failures.isEmpty)
    }

    private static func matmulCall(release: Bool) throws {
        let mod = try miniImport("matmul")
        let n = try MiniRef.int(48), seed = try MiniRef.int(7)
        let a = try mod.callMethod("random", [n.pointer, n.pointer, seed.pointer])
        let flag = MiniRef.bool(release)
        _ = try mod.callMethod("matmul", [a.pointer, a.pointer], keywords: [("release", flag.pointer)])
    }

    private static func hashCall(release: Bool) throws {
        let mod = try miniImport("hashing")
        let data = try MiniRef.bytes([UInt8](repeating: 0x61, count: 64 * 1024))
        let flag = MiniRef.bool(release)
        _ = try mod.callMethod("sha256", [data.pointer], keywords: [("release", flag.pointer)])
    }

    func testMatmulReleasedKernelsAllRunTogether() {
        let r = run(threads: 4, gateTimeout: 60) { try Self.matmulCall(release: true) }
        XCTAssertTrue(r.ok)
        XCTAssertEqual(r.maxInFlight, 4)
    }

    func testMatmulHeldKernelsRunOneAtATime() {
        let r = run(threads: 4, gateTimeout: 0.03) { try Self.matmulCall(release: false) }
        XCTAssertTrue(r.ok)
        XCTAssertEqual(r.maxInFlight, 1)
    }

    func testSha256ReleasedKernelsAllRunTogether() {
        let r = run(threads: 3, gateTimeout: 60) { try Self.hashCall(release: true) }
        XCTAssertTrue(r.ok)
        XCTAssertEqual(r.maxInFlight, 3)
    }

    func testSha256HeldKernelsRunOneAtATime() {
        let r = run(threads: 3, gateTimeout: 0.03) { try Self.hashCall(release: false) }
        XCTAssertTrue(r.ok)
        XCTAssertEqual(r.maxInFlight, 1)
    }

    func testSmallHashesKeepTheLockEvenWhenAskedToRelease() {
        // Below hashing.GIL_MINSIZE (2048 bytes) releasing costs more than hashing: the lock stays.
        let r = run(threads: 3, gateTimeout: 0.03) {
            let mod = try miniImport("hashing")
            let data = try MiniRef.bytes([UInt8](repeating: 1, count: 100))
            _ = try mod.callMethod("sha256", [data.pointer])
        }
        XCTAssertTrue(r.ok)
        XCTAssertEqual(r.maxInFlight, 1)
    }
}

/// Errors collected from worker threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var isEmpty: Bool { lock.lock(); defer { lock.unlock() }; return items.isEmpty }
}
