// MatmulTests: the matmul sample extension. First its DGEMM kernel on its own (every micro-kernel
// path this CPU supports, forced one at a time, against a naive triple loop on awkward shapes,
// with leading dimensions, concurrently from several threads), then the module through the Mini
// API exactly as a script would use it (results, argument and shape errors with CPython-style
// messages, buffers unpinned afterwards, and reference counts back to baseline on every path).
// Held-versus-released GIL concurrency is tested elsewhere (the lead's GIL tests).
import XCTest
import Foundation
import CShims
import MiniExtensions

private typealias Obj = UnsafeMutablePointer<MiniObject>

// MARK: - Deterministic data and the naive reference

/// splitmix64 values mapped to [-1, 1), the same generator matmul.random uses.
private func randomValues(_ count: Int, seed: UInt64) -> [Double] {
    var state = seed
    return (0..<count).map { _ in
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1.0p-52 - 1.0
    }
}

/// Element (i, j) of A * B by the textbook sum, and the sum of |terms| (the scale against which
/// rounding error is measured, so cancellation cannot make a tiny result look wrong).
private func naiveEntry(_ A: UnsafeBufferPointer<Double>, lda: Int, _ B: UnsafeBufferPointer<Double>,
                        ldb: Int, i: Int, j: Int, K: Int) -> (value: Double, scale: Double) {
    var sum = 0.0, mag = 0.0
    for k in 0..<K {
        let t = A[i * lda + k] * B[k * ldb + j]
        sum += t
        mag += abs(t)
    }
    return (sum, mag)
}

/// The paths to exercise: every one this CPU and build can run.
private let allPaths: [(path: mini_dgemm_path, name: String)] = [
    (MINI_DGEMM_PORTABLE, "portable"), (MINI_DGEMM_AVX2, "avx2"), (MINI_DGEMM_AVX512, "avx512"),
]
private var supportedPaths: [(path: mini_dgemm_path, name: String)] {
    allPaths.filter { mini_dgemm_path_supported($0.path) == 1 }
}

final class MatmulTests: XCTestCase {
    /// The module, created once per process (module creation interns names that stay alive, so it
    /// happens before any test takes its baseline) and kept for the life of the process.
    nonisolated(unsafe) private static var moduleObject: Obj?

    private var module: Obj { Self.moduleObject! }
    private var liveAtStart = 0
    private var refsAtStart = 0

    override func setUp() {
        super.setUp()
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        if Self.moduleObject == nil {
            Self.moduleObject = MiniInit_matmul()
            XCTAssertNotNil(Self.moduleObject, "MiniInit_matmul failed")
        }
        liveAtStart = Mini_LiveObjects()
        refsAtStart = Mini_TotalRefCount()
    }

    /// Every test ends here: no exception left set, and every object and reference it made given back.
    private func assertBalanced(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(MiniErr_Occurred(), "an exception was left set", file: file, line: line)
        MiniErr_Clear()
        XCTAssertEqual(Mini_LiveObjects(), liveAtStart, "live objects leaked", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), refsAtStart, "references leaked", file: file, line: line)
    }

    // MARK: - Kernel

    /// Runs one product with a forced path, with C pre-filled with NaN (the kernel must write every
    /// element and never read C) and checks every element against the naive sum.
    private func checkKernel(path: mini_dgemm_path, name: String, M: Int, N: Int, K: Int,
                             seed: UInt64, padding: Int = 0,
                             file: StaticString = #filePath, line: UInt = #line) {
        let lda = K + padding, ldb = N + padding, ldc = N + padding
        let A = randomValues(M * lda, seed: seed)
        let B = randomValues(K * ldb, seed: seed &+ 1)
        var C = [Double](repeating: .nan, count: M * ldc)
        let rc = C.withUnsafeMutableBufferPointer { c in
            mini_dgemm_with(path, M, N, K, A, lda, B, ldb, c.baseAddress, ldc)
        }
        XCTAssertEqual(rc, 0, "\(name) refused \(M)x\(K) * \(K)x\(N)", file: file, line: line)
        var worst = 0.0
        A.withUnsafeBufferPointer { a in
            B.withUnsafeBufferPointer { b in
                for i in 0..<M {
                    for j in 0..<N {
                        let (ref, scale) = naiveEntry(a, lda: lda, b, ldb: ldb, i: i, j: j, K: K)
                        let err = abs(C[i * ldc + j] - ref) / max(scale, Double.leastNormalMagnitude)
                        if !(err <= worst) { worst = err.isNaN ? .infinity : err }
                    }
                    // Padding columns of C (between N and ldc) must be left alone.
                    for j in N..<ldc where !C[i * ldc + j].isNaN {
                        XCTFail("\(name) wrote C[\(i), \(j)] beyond column \(N)", file: file, line: line)
                    }
                }
            }
        }
        XCTAssertLessThanOrEqual(worst, 1e-9, "\(name) \(M)x\(K) * \(K)x\(N): relative error \(worst)",
                                 file: file, line: line)
    }

    /// 1x1, single rows and columns, primes, sizes off every micro-tile (8x24, 6x8, 4x8) and block
    /// boundary (KC 256, NC 240, MC 1536), K == 1.
    private let awkwardShapes: [(M: Int, N: Int, K: Int)] = [
        (1, 1, 1), (1, 1, 7), (1, 64, 3), (1, 300, 17), (53, 1, 9), (300, 1, 2), (7, 13, 1),
        (13, 7, 5), (2, 3, 4), (8, 24, 256), (9, 25, 257), (31, 37, 41), (97, 101, 103),
        (257, 511, 129), (16, 48, 520), (120, 75, 530), (1601, 9, 11),
    ]

    func testEveryPathMatchesNaiveOnAwkwardShapes() {
        XCTAssertTrue(supportedPaths.contains { $0.name == "portable" })
        for (path, name) in supportedPaths {
            for (n, s) in awkwardShapes.enumerated() {
                checkKernel(path: path, name: name, M: s.M, N: s.N, K: s.K, seed: UInt64(100 + n))
            }
        }
    }

    func testEveryPathHonoursLeadingDimensions() {
        // Operands that are windows of wider arrays: rows further apart than their length.
        for (path, name) in supportedPaths {
            for (n, s) in [(5, 9, 3), (33, 29, 67), (130, 70, 300)].enumerated() {
                checkKernel(path: path, name: name, M: s.0, N: s.1, K: s.2, seed: UInt64(7 + n), padding: 5)
            }
        }
    }

    func testEveryPathOn1024Squares() {
        // 1024^3 by the naive loop is too slow in a debug test build, so each path is checked on
        // 512 sampled entries against the naive sum, and all paths against each other everywhere.
        let n = 1024
        let A = randomValues(n * n, seed: 11), B = randomValues(n * n, seed: 12)
        var results: [(String, [Double])] = []
        for (path, name) in supportedPaths {
            var C = [Double](repeating: .nan, count: n * n)
            XCTAssertEqual(C.withUnsafeMutableBufferPointer {
                mini_dgemm_with(path, n, n, n, A, n, B, n, $0.baseAddress, n)
            }, 0)
            let samples = randomValues(1024, seed: 13).map { Int(($0 + 1) / 2 * Double(n)) }
            A.withUnsafeBufferPointer { a in
                B.withUnsafeBufferPointer { b in
                    for s in 0..<512 {
                        let i = samples[2 * s], j = samples[2 * s + 1]
                        let (ref, scale) = naiveEntry(a, lda: n, b, ldb: n, i: i, j: j, K: n)
                        XCTAssertLessThanOrEqual(abs(C[i * n + j] - ref) / scale, 1e-9, "\(name) at (\(i), \(j))")
                    }
                }
            }
            results.append((name, C))
        }
        for (name, C) in results.dropFirst() {
            let base = results[0].1
            var worst = 0.0
            for i in 0..<(n * n) {
                let e = abs(C[i] - base[i]) / max(abs(base[i]), 1.0)
                if !(e <= worst) { worst = e.isNaN ? .infinity : e }
            }
            XCTAssertLessThanOrEqual(worst, 1e-12, "\(name) differs from \(results[0].0)")
        }
    }

    func testZeroSizedProducts() {
        for (path, name) in supportedPaths {
            // K == 0: the product is all zeros, and C's old contents must not survive.
            var C = [Double](repeating: .nan, count: 12)
            XCTAssertEqual(mini_dgemm_with(path, 3, 4, 0, [], 1, [], 4, &C, 4), 0)
            XCTAssertEqual(C, [Double](repeating: 0, count: 12), name)
            // M == 0 or N == 0: nothing to write.
            var D = [Double](repeating: 7, count: 4)
            XCTAssertEqual(mini_dgemm_with(path, 0, 4, 3, [], 3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 4, &D, 4), 0)
            XCTAssertEqual(mini_dgemm_with(path, 2, 0, 2, [1, 2, 3, 4], 2, [], 1, &D, 1), 0)
            XCTAssertEqual(D, [7, 7, 7, 7], name)
        }
    }

    func testSpecialValuesPropagate() {
        // inf * 0 is NaN; inf + finite is inf: the kernel must not "lose" them through packing.
        for (path, name) in supportedPaths {
            let A: [Double] = [.infinity, 1, 2, 3]    // 2x2
            let B: [Double] = [1, 0, 1, 1]            // 2x2
            var C = [Double](repeating: 0, count: 4)
            XCTAssertEqual(mini_dgemm_with(path, 2, 2, 2, A, 2, B, 2, &C, 2), 0)
            XCTAssertEqual(C[0], .infinity, name)
            XCTAssertTrue(C[1].isNaN, name)
            XCTAssertEqual(C[2], 5, name)
            XCTAssertEqual(C[3], 3, name)
        }
    }

    func testPathSelectionAndNames() {
        let selected = mini_dgemm_selected_path()
        XCTAssertEqual(mini_dgemm_path_supported(selected), 1)
        let name = String(cString: miniext_dgemm_kernel_name())
        XCTAssertEqual(name, String(cString: mini_dgemm_path_name(MINI_DGEMM_AUTO)))
        XCTAssertEqual(name, String(cString: mini_dgemm_path_name(selected)))
        XCTAssertTrue(name.hasPrefix("portable") || name.hasPrefix("avx2") || name.hasPrefix("avx512"), name)
        if ProcessInfo.processInfo.environment["EXTDEMO_DGEMM"] == nil {
            // Without a forced choice the best supported path wins.
            let best = supportedPaths.last!.path
            XCTAssertEqual(selected, best)
        }
        // The parser EXTDEMO_DGEMM goes through.
        var p = MINI_DGEMM_PORTABLE
        XCTAssertEqual(mini_dgemm_path_from_string("avx512", &p), 0); XCTAssertEqual(p, MINI_DGEMM_AVX512)
        XCTAssertEqual(mini_dgemm_path_from_string("avx2", &p), 0); XCTAssertEqual(p, MINI_DGEMM_AVX2)
        XCTAssertEqual(mini_dgemm_path_from_string("portable", &p), 0); XCTAssertEqual(p, MINI_DGEMM_PORTABLE)
        XCTAssertEqual(mini_dgemm_path_from_string("auto", &p), 0); XCTAssertEqual(p, MINI_DGEMM_AUTO)
        XCTAssertEqual(mini_dgemm_path_from_string(nil, &p), 0); XCTAssertEqual(p, MINI_DGEMM_AUTO)
        p = MINI_DGEMM_AVX2
        XCTAssertEqual(mini_dgemm_path_from_string("sse9", &p), -1); XCTAssertEqual(p, MINI_DGEMM_AVX2)
        // An unsupported path is refused without touching C.
        var C: [Double] = [42]
        XCTAssertEqual(mini_dgemm_with(mini_dgemm_path(rawValue: 99), 1, 1, 1, [2], 1, [3], 1, &C, 1), -1)
        XCTAssertEqual(C, [42])
        for (path, _) in allPaths where mini_dgemm_path_supported(path) == 0 {
            XCTAssertEqual(mini_dgemm_with(path, 1, 1, 1, [2], 1, [3], 1, &C, 1), -1)
            XCTAssertEqual(C, [42])
        }
    }

    func testConcurrentCallsAreIndependent() {
        // The kernel itself is thread-safe (per-call packing buffers): 4 threads x every path
        // multiply different matrices at the same time and each gets its own exact answer.
        let jobs = supportedPaths.flatMap { p in (0..<4).map { (p.path, p.name, UInt64($0)) } }
        let (M, N, K) = (150, 130, 170)
        let expected: [[Double]] = jobs.map { job in
            let A = randomValues(M * K, seed: 500 + job.2), B = randomValues(K * N, seed: 600 + job.2)
            var C = [Double](repeating: 0, count: M * N)
            _ = mini_dgemm_with(MINI_DGEMM_PORTABLE, M, N, K, A, K, B, N, &C, N)
            return C
        }
        let results = UnsafeMutablePointer<[Double]>.allocate(capacity: jobs.count)
        results.initialize(repeating: [], count: jobs.count)
        defer { results.deinitialize(count: jobs.count); results.deallocate() }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: jobs.count) { idx in
            let job = jobs[idx]
            let A = randomValues(M * K, seed: 500 + job.2), B = randomValues(K * N, seed: 600 + job.2)
            var C = [Double](repeating: .nan, count: M * N)
            for _ in 0..<5 { _ = mini_dgemm_with(job.0, M, N, K, A, K, B, N, &C, N) }
            out[idx] = C
        }
        for (idx, job) in jobs.enumerated() {
            let got = results[idx], want = expected[idx]
            XCTAssertEqual(got.count, want.count)
            let worst = zip(got, want).map { abs($0 - $1) / max(abs($1), 1) }.max() ?? .infinity
            XCTAssertLessThanOrEqual(worst, 1e-12, "\(job.1) job \(job.2)")
        }
    }

    // MARK: - Module helpers (raw C API, as an embedder would write it)

    private func pyInt(_ v: Int) -> Obj { MiniLong_FromLong(v)! }
    private func pyFloat(_ v: Double) -> Obj { MiniFloat_FromDouble(v)! }
    private func pyStr(_ s: String) -> Obj { MiniUnicode_FromString(s)! }
    private func pyBool(_ v: Bool) -> Obj { MiniBool_FromLong(v ? 1 : 0)! }

    /// Calls module.name(*args, **kwargs). The arguments are stolen (so literals can be built
    /// inline); returns a new reference, or nil with the exception left set.
    private func call(_ name: String, _ args: [Obj], _ kwargs: [(String, Obj)] = []) -> Obj? {
        let fn = MiniObject_GetAttrString(module, name)
        XCTAssertNotNil(fn, "matmul has no function \(name)")
        guard let fn else { return nil }
        defer { Mini_DECREF(fn) }
        let tuple = MiniTuple_New(args.count)!
        for (i, a) in args.enumerated() { XCTAssertEqual(MiniTuple_SetItem(tuple, i, a), 0) }
        defer { Mini_DECREF(tuple) }
        var dict: Obj? = nil
        if !kwargs.isEmpty {
            dict = MiniDict_New()!
            for (k, v) in kwargs {
                XCTAssertEqual(MiniDict_SetItemString(dict, k, v), 0)
                Mini_DECREF(v)
            }
        }
        defer { if let dict { Mini_DECREF(dict) } }
        return MiniObject_Call(fn, tuple, dict)
    }

    /// Takes the pending exception: "TypeName: message", and clears the indicator.
    private func takeError(file: StaticString = #filePath, line: UInt = #line) -> String {
        guard let exc = MiniErr_GetRaisedException() else {
            XCTFail("expected an exception", file: file, line: line)
            return ""
        }
        var buf = [CChar](repeating: 0, count: 512)
        MiniErr_FormatExceptionOnly(exc, &buf, buf.count)
        Mini_DECREF(exc)
        return buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Asserts the call failed with exactly this "Type: message".
    private func assertFails(_ result: Obj?, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        if let result {
            XCTFail("expected \(expected), got a result", file: file, line: line)
            Mini_DECREF(result)
            return
        }
        XCTAssertEqual(takeError(file: file, line: line), expected, file: file, line: line)
    }

    /// A new matrix object holding rows (built through the C API, not the module).
    private func makeMatrix(_ rows: Int, _ cols: Int, _ values: [Double]) -> Obj {
        let m = MiniMatrix_New(rows, cols)!
        let d = MiniMatrix_Data(m)!
        for i in 0..<(rows * cols) { d[i] = values[i] }
        return m
    }

    private func elements(_ m: Obj) -> [Double] {
        let n = MiniMatrix_Rows(m) * MiniMatrix_Cols(m)
        return Array(UnsafeBufferPointer(start: MiniMatrix_Data(m), count: n))
    }

    private func shape(_ m: Obj) -> [Int] { [MiniMatrix_Rows(m), MiniMatrix_Cols(m)] }

    private func exports(_ m: Obj) -> Int {
        m.withMemoryRebound(to: MiniMatrixObject.self, capacity: 1) { $0.pointee.exports }
    }

    // MARK: - Module

    func testMatmulSmallExact() {
        let a = makeMatrix(2, 3, [1, 2, 3, 4, 5, 6])
        let b = makeMatrix(3, 2, [7, 8, 9, 10, 11, 12])
        for release in [true, false] {
            let c = call("matmul", [Mini_NewRef(a), Mini_NewRef(b)], [("release", pyBool(release))])
            XCTAssertNotNil(c)
            guard let c else { continue }
            XCTAssertEqual(shape(c), [2, 2])
            XCTAssertEqual(elements(c), [58, 64, 139, 154])
            XCTAssertEqual(Mini_REFCNT(c), 1, "the result must come back with exactly one reference")
            Mini_DECREF(c)
        }
        // The views taken during the call are all released: nothing stays pinned.
        XCTAssertEqual(exports(a), 0)
        XCTAssertEqual(exports(b), 0)
        XCTAssertEqual(MiniMatrix_Resize(a, 3, 3), 0)
        Mini_DECREF(a)
        Mini_DECREF(b)
        assertBalanced()
    }

    func testMatmulMatchesKernelOnAwkwardShapes() {
        for (n, s) in [(1, 1, 1), (1, 17, 5), (17, 1, 5), (7, 11, 13), (37, 41, 43), (65, 9, 130)].enumerated() {
            let a = call("random", [pyInt(s.0), pyInt(s.2), pyInt(10 + n)])!
            let b = call("random", [pyInt(s.2), pyInt(s.1), pyInt(20 + n)])!
            let c = call("matmul", [Mini_NewRef(a), Mini_NewRef(b)])!
            XCTAssertEqual(shape(c), [s.0, s.1])
            let A = elements(a), B = elements(b), C = elements(c)
            A.withUnsafeBufferPointer { ap in
                B.withUnsafeBufferPointer { bp in
                    for i in 0..<s.0 {
                        for j in 0..<s.1 {
                            let (ref, scale) = naiveEntry(ap, lda: s.2, bp, ldb: s.1, i: i, j: j, K: s.2)
                            XCTAssertLessThanOrEqual(abs(C[i * s.1 + j] - ref) / scale, 1e-9)
                        }
                    }
                }
            }
            // Held or released, the same kernel gives the same bits.
            let held = call("matmul", [Mini_NewRef(a), Mini_NewRef(b)], [("release", pyBool(false))])!
            XCTAssertEqual(elements(held), C)
            // a @ a when square: the same object as both operands.
            if s.0 == s.2 {
                let sq = call("matmul", [Mini_NewRef(a), Mini_NewRef(a)])!
                XCTAssertEqual(shape(sq), [s.0, s.0])
                XCTAssertEqual(exports(a), 0)
                Mini_DECREF(sq)
            }
            for o in [a, b, c, held] { Mini_DECREF(o) }
        }
        assertBalanced()
    }

    func testMatmulShapeMismatch() {
        let a = call("matrix", [pyInt(2), pyInt(3)])!
        let b = call("matrix", [pyInt(4), pyInt(5)])!
        assertFails(call("matmul", [Mini_NewRef(a), Mini_NewRef(b)]),
                    "ValueError: matmul: shapes (2, 3) and (4, 5) are not aligned: 3 (dim 1) != 4 (dim 0)")
        assertFails(call("matmul", [Mini_NewRef(b), Mini_NewRef(a)], [("release", pyBool(false))]),
                    "ValueError: matmul: shapes (4, 5) and (2, 3) are not aligned: 5 (dim 1) != 2 (dim 0)")
        XCTAssertEqual(exports(a), 0)
        XCTAssertEqual(exports(b), 0)
        Mini_DECREF(a)
        Mini_DECREF(b)
        assertBalanced()
    }

    func testMatmulArgumentErrors() {
        let m = call("matrix", [pyInt(2), pyInt(2)])!
        assertFails(call("matmul", [pyInt(1), Mini_NewRef(m)]), "TypeError: matmul() argument 1 must be matrix, not int")
        assertFails(call("matmul", [Mini_NewRef(m), pyStr("x")]), "TypeError: matmul() argument 2 must be matrix, not str")
        assertFails(call("matmul", [Mini_NewRef(Mini_GetNone())!, Mini_NewRef(m)]),
                    "TypeError: matmul() argument 1 must be matrix, not None")   // CPython says None, not NoneType
        // Arity and keywords: the exact wording is the parser's; the type is TypeError.
        XCTAssertNil(call("matmul", [Mini_NewRef(m)]))
        XCTAssertTrue(takeError().hasPrefix("TypeError: "))
        XCTAssertNil(call("matmul", [Mini_NewRef(m), Mini_NewRef(m), pyBool(true)]))   // release is keyword-only
        XCTAssertTrue(takeError().hasPrefix("TypeError: "))
        XCTAssertNil(call("matmul", [Mini_NewRef(m), Mini_NewRef(m)], [("relase", pyBool(true))]))
        XCTAssertEqual(takeError(), "TypeError: 'relase' is an invalid keyword argument for matmul()")
        XCTAssertEqual(exports(m), 0)
        Mini_DECREF(m)
        assertBalanced()
    }

    func testMatrixAndRandomConstructors() {
        let z = call("matrix", [pyInt(3), pyInt(4)])!
        XCTAssertEqual(shape(z), [3, 4])
        XCTAssertEqual(elements(z), [Double](repeating: 0, count: 12))
        let f = call("matrix", [pyInt(2), pyInt(2)], [("fill", pyFloat(-1.5))])!
        XCTAssertEqual(elements(f), [-1.5, -1.5, -1.5, -1.5])
        let g = call("matrix", [pyInt(1), pyInt(3), pyInt(2)])!   // an int fill is accepted
        XCTAssertEqual(elements(g), [2, 2, 2])
        assertFails(call("matrix", [pyInt(0), pyInt(3)]), "ValueError: matrix dimensions must be positive")
        assertFails(call("matrix", [pyInt(2), pyInt(-1)]), "ValueError: matrix dimensions must be positive")
        XCTAssertNil(call("matrix", [pyStr("2"), pyInt(2)]))
        XCTAssertTrue(takeError().hasPrefix("TypeError: "))

        // random: deterministic, in [-1, 1), and the documented splitmix64 mapping.
        let r1 = call("random", [pyInt(20), pyInt(30), pyInt(42)])!
        let r2 = call("random", [pyInt(20), pyInt(30)], [("seed", pyInt(42))])!
        let r3 = call("random", [pyInt(20), pyInt(30), pyInt(43)])!
        XCTAssertEqual(elements(r1), elements(r2))
        XCTAssertNotEqual(elements(r1), elements(r3))
        XCTAssertEqual(elements(r1), randomValues(600, seed: 42))
        XCTAssertTrue(elements(r1).allSatisfy { $0 >= -1 && $0 < 1 })
        let neg = call("random", [pyInt(1), pyInt(2), pyInt(-1)])!
        XCTAssertEqual(elements(neg), randomValues(2, seed: UInt64.max))
        XCTAssertNil(call("random", [pyInt(2), pyInt(2)]))   // the seed is required
        XCTAssertTrue(takeError().hasPrefix("TypeError: "))
        assertFails(call("random", [pyInt(-2), pyInt(2), pyInt(1)]), "ValueError: matrix dimensions must be positive")
        for o in [z, f, g, r1, r2, r3, neg] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testFromList() {
        let rows = MiniList_New(2)!
        for (i, vals) in [[1.0, 2.5], [3.0, -4.0]].enumerated() {
            let row = MiniList_New(2)!
            XCTAssertEqual(MiniList_SetItem(row, 0, pyFloat(vals[0])), 0)
            XCTAssertEqual(MiniList_SetItem(row, 1, i == 1 ? pyInt(-4) : pyFloat(vals[1])), 0)
            XCTAssertEqual(MiniList_SetItem(rows, i, row), 0)
        }
        let m = call("from_list", [Mini_NewRef(rows)])!
        XCTAssertEqual(shape(m), [2, 2])
        XCTAssertEqual(elements(m), [1, 2.5, 3, -4])
        XCTAssertNil(call("from_list", [pyInt(3)]))
        XCTAssertNotNil(MiniErr_Occurred())
        MiniErr_Clear()
        Mini_DECREF(m)
        Mini_DECREF(rows)
        assertBalanced()
    }

    func testAllclose() {
        let a = makeMatrix(2, 2, [1, 2, 3, 4])
        let b = makeMatrix(2, 2, [1, 2, 3, 4 + 1e-12])
        let c = makeMatrix(2, 2, [1, 2, 3, 4.1])
        let nan = makeMatrix(2, 2, [1, 2, 3, .nan])
        let inf = makeMatrix(2, 2, [1, 2, 3, .infinity])
        let wide = makeMatrix(1, 4, [1, 2, 3, 4])
        func isTrue(_ r: Obj?) -> Bool? {
            guard let r else { return nil }
            defer { Mini_DECREF(r) }
            return r == Mini_GetTrue() ? true : (r == Mini_GetFalse() ? false : nil)
        }
        XCTAssertEqual(isTrue(call("allclose", [Mini_NewRef(a), Mini_NewRef(b)])), true)
        XCTAssertEqual(isTrue(call("allclose", [Mini_NewRef(a), Mini_NewRef(c)])), false)
        XCTAssertEqual(isTrue(call("allclose", [Mini_NewRef(a), Mini_NewRef(c)], [("rel_tol", pyFloat(0.05))])), true)
        XCTAssertEqual(isTrue(call("allclose", [Mini_NewRef(a), Mini_NewRef(c)], [("abs_tol", pyFloat(0.2))])), true)
        XCTAssertEqual(isTrue(call("allclose", [Mini_NewRef(nan), Mini_NewRef(nan)])), false)
        XCTAssertEqual(isTrue(call("allclose", [Mini_NewRef(inf), Mini_NewRef(inf)])), true)
        XCTAssertEqual(isTrue(call("allclose", [Mini_NewRef(inf), Mini_NewRef(a)], [("abs_tol", pyFloat(1e300))])), false)
        assertFails(call("allclose", [Mini_NewRef(a), Mini_NewRef(wide)]), "ValueError: allclose: shapes (2, 2) and (1, 4) differ")
        assertFails(call("allclose", [Mini_NewRef(a), Mini_NewRef(b)], [("rel_tol", pyFloat(-1))]),
                    "ValueError: tolerances must be non-negative")
        assertFails(call("allclose", [Mini_NewRef(a), pyInt(3)]), "TypeError: allclose() argument 2 must be matrix, not int")
        for o in [a, b, c, nan, inf, wide] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testChecksumAndKernelName() {
        let m = makeMatrix(2, 3, [1, 2, 3, 4, 5, 6.5])
        let s = call("checksum", [Mini_NewRef(m)])!
        XCTAssertEqual(MiniFloat_AsDouble(s), 21.5)
        Mini_DECREF(s)
        let r = call("random", [pyInt(50), pyInt(40), pyInt(9)])!
        let rs = call("checksum", [Mini_NewRef(r)])!
        XCTAssertEqual(MiniFloat_AsDouble(rs), randomValues(2000, seed: 9).reduce(0, +))
        Mini_DECREF(rs)
        assertFails(call("checksum", [pyInt(5)]), "TypeError: checksum() argument must be matrix, not int")

        let k = call("kernel", [])!
        XCTAssertEqual(String(cString: MiniUnicode_AsUTF8(k)), String(cString: miniext_dgemm_kernel_name()))
        Mini_DECREF(k)
        XCTAssertNil(call("kernel", [pyInt(1)]))
        XCTAssertTrue(takeError().hasPrefix("TypeError: "))
        Mini_DECREF(m)
        Mini_DECREF(r)
        assertBalanced()
    }

    func testLargeProductThroughModule() {
        // 300 x 200 @ 200 x 250 through the module equals the kernel called directly, bit for bit.
        let a = call("random", [pyInt(300), pyInt(200), pyInt(1)])!
        let b = call("random", [pyInt(200), pyInt(250), pyInt(2)])!
        let c = call("matmul", [Mini_NewRef(a), Mini_NewRef(b)])!
        var direct = [Double](repeating: 0, count: 300 * 250)
        mini_dgemm(300, 250, 200, MiniMatrix_Data(a), 200, MiniMatrix_Data(b), 250, &direct, 250)
        XCTAssertEqual(elements(c), direct)
        let sum = call("checksum", [Mini_NewRef(c)])!
        XCTAssertEqual(MiniFloat_AsDouble(sum), direct.reduce(0, +))
        for o in [a, b, c, sum] { Mini_DECREF(o) }
        assertBalanced()
    }
}
