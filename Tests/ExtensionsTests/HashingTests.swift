// HashingTests.swift: tests of the SHA-256 kernel (Sources/SHA256Kernel/sha256*) and of the
// `hashing` extension module that wraps it.
//
// The kernel is checked, on every implementation this CPU can run (portable, and SHA-NI when
// present), against the FIPS 180-4 examples and against hashlib's digests of every length 0...1024
// and a few larger sizes of a byte pattern (Fixtures/sha256_vectors.txt, recorded once by
// Scripts/gen_sha256_vectors.py). The module is driven through the Mini API as the interpreter
// would: MiniInit_hashing(), attribute lookups and MiniObject_Call. Those tests also check the
// GIL-release policy through the GIL statistics, concurrent updates of one hasher from two threads,
// the error messages, and that every path (errors included) gives back every reference it takes.
import XCTest
import Foundation
import CShims
import MiniKit
import MiniExtensions

/// Lets a raw object pointer cross into a test thread. The threads only use it while holding the
/// GIL (inside MiniGILState_Ensure/Release), which is what makes sharing it sound.
final class SharedObjectPointer: @unchecked Sendable {
    let pointer: MiniObjectPointer
    init(_ pointer: MiniObjectPointer) { self.pointer = pointer }
}

/// Runs body(i) for i in 0..<count on fresh OS threads, with the calling thread's GIL released
/// until they have all finished. The caller must hold the GIL.
func runThreadsWithoutGIL(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    let saved = MiniEval_SaveThread()
    for i in 0..<count {
        group.enter()
        let thread = Thread {
            body(i)
            group.leave()
        }
        thread.start()
    }
    group.wait()
    MiniEval_RestoreThread(saved)
}

/// Small helpers over the raw C API. Every function returning a pointer returns a new reference.
enum MiniCall {
    static func bytes(_ data: [UInt8]) -> MiniObjectPointer {
        data.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buf.count, 1)) {
                MiniBytes_FromStringAndSize($0, buf.count)!
            }
        }
    }
    static func bytes(_ s: String) -> MiniObjectPointer { bytes(Array(s.utf8)) }
    static func str(_ s: String) -> MiniObjectPointer { MiniUnicode_FromString(s)! }
    static func int(_ v: Int) -> MiniObjectPointer { MiniLong_FromLong(v)! }
    static func bool(_ v: Bool) -> MiniObjectPointer { MiniBool_FromLong(v ? 1 : 0)! }

    /// The contents of a bytes object.
    static func bytesValue(_ o: MiniObjectPointer) -> [UInt8] {
        let n = MiniBytes_Size(o)
        guard n >= 0, let p = MiniBytes_AsString(o) else { return [] }
        return p.withMemoryRebound(to: UInt8.self, capacity: n) { Array(UnsafeBufferPointer(start: $0, count: n)) }
    }
    /// The contents of a str object.
    static func strValue(_ o: MiniObjectPointer) -> String? {
        guard let p = MiniUnicode_AsUTF8(o) else { return nil }
        return String(cString: p)
    }

    /// A tuple of the given (borrowed) items.
    static func tuple(_ items: [MiniObjectPointer]) -> MiniObjectPointer {
        let t = MiniTuple_New(items.count)!
        for (i, item) in items.enumerated() {
            Mini_INCREF(item)
            _ = MiniTuple_SetItem(t, i, item)   // steals the reference just taken
        }
        return t
    }

    /// callable(*args, **kwargs) with borrowed arguments. New reference or NULL with an exception.
    static func call(_ callable: MiniObjectPointer, _ args: [MiniObjectPointer] = [],
                     _ kwargs: KeyValuePairs<String, MiniObjectPointer> = [:]) -> MiniObjectPointer? {
        let t = tuple(args)
        defer { Mini_DECREF(t) }
        var d: MiniObjectPointer? = nil
        if kwargs.count > 0 {
            d = MiniDict_New()!
            for (k, v) in kwargs { _ = MiniDict_SetItemString(d, k, v) }
        }
        defer { if let d { Mini_DECREF(d) } }
        return MiniObject_Call(callable, t, d)
    }

    /// obj.name(*args, **kwargs). New reference or NULL with an exception.
    static func callMethod(_ obj: MiniObjectPointer, _ name: String, _ args: [MiniObjectPointer] = [],
                           _ kwargs: KeyValuePairs<String, MiniObjectPointer> = [:]) -> MiniObjectPointer? {
        guard let f = MiniObject_GetAttrString(obj, name) else { return nil }
        defer { Mini_DECREF(f) }
        return call(f, args, kwargs)
    }
}

/// Hex string of a digest.
func hexString(_ digest: [UInt8]) -> String { digest.map { String(format: "%02x", $0) }.joined() }

/// The kernel implementations this CPU can run.
func availableImpls() -> [miniext_sha256_impl] {
    var impls = [MINIEXT_SHA256_PORTABLE]
    if miniext_sha256_impl_available(MINIEXT_SHA256_SHANI) != 0 { impls.append(MINIEXT_SHA256_SHANI) }
    return impls
}

func implName(_ impl: miniext_sha256_impl) -> String { String(cString: miniext_sha256_impl_name(impl)) }

/// One-shot digest of data with a given implementation.
func kernelDigest(_ impl: miniext_sha256_impl, _ data: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 32)
    let rc = data.withUnsafeBytes { buf in
        out.withUnsafeMutableBufferPointer { miniext_sha256_impl_oneshot(impl, buf.baseAddress, buf.count, $0.baseAddress) }
    }
    precondition(rc == 0, "implementation \(implName(impl)) unavailable")
    return out
}

/// A kernel context, with Swift-friendly update/digest.
struct KernelHasher {
    var ctx = miniext_sha256_ctx()
    init(_ impl: miniext_sha256_impl) { precondition(miniext_sha256_init_impl(&ctx, impl) == 0) }
    mutating func update(_ data: ArraySlice<UInt8>) {
        data.withUnsafeBytes { miniext_sha256_update(&ctx, $0.baseAddress, $0.count) }
    }
    func digest() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var copy = ctx
        out.withUnsafeMutableBufferPointer { miniext_sha256_digest(&copy, $0.baseAddress) }
        return out
    }
}

/// Odd chunk sizes straddling the 64-byte block and the 2048-byte GIL threshold.
let oddChunkSizes = [1, 3, 63, 64, 65, 7, 127, 129, 1000, 2047, 2048, 2049, 4097, 31, 65536 + 5]

final class HashingTests: XCTestCase {
    /// The module, created once per test process (MiniInit_hashing readies the static type).
    nonisolated(unsafe) static var module: MiniObjectPointer?

    var module: MiniObjectPointer { Self.module! }
    var baseLive = 0
    var baseTotal = 0

    override func setUp() {
        super.setUp()
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        if Self.module == nil {
            guard let m = MiniInit_hashing() else {
                XCTFail("MiniInit_hashing failed: \(MiniError.fetch())")
                return
            }
            Self.module = m
            warmUp()
        }
        baseLive = Mini_LiveObjects()
        baseTotal = Mini_TotalRefCount()
    }

    /// Every test ends here: all references taken were given back.
    func assertBaseline(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(MiniErr_Occurred(), "an exception was left set", file: file, line: line)
        XCTAssertEqual(Mini_LiveObjects(), baseLive, "live objects", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), baseTotal, "total reference count", file: file, line: line)
    }

    /// Runs each kind of call once so that anything the runtime caches on first use (interned
    /// attribute names, type dictionaries) exists before the per-test baselines are taken.
    func warmUp() {
        let data = MiniCall.bytes("abc")
        defer { Mini_DECREF(data) }
        for name in ["sha256", "hexdigest"] {
            if let r = MiniCall.callMethod(module, name, [data]) { Mini_DECREF(r) }
            MiniErr_Clear()
        }
        if let h = MiniCall.callMethod(module, "sha256_hasher", [data]) {
            for name in ["update", "digest", "hexdigest", "copy"] {
                if let r = MiniCall.callMethod(h, name, name == "update" ? [data] : []) { Mini_DECREF(r) }
            }
            for name in ["name", "digest_size", "block_size"] {
                if let r = MiniObject_GetAttrString(h, name) { Mini_DECREF(r) }
            }
            Mini_DECREF(h)
        }
        MiniErr_Clear()
    }

    /// Checks that result is NULL with exception typeName(message), clearing it.
    func assertRaises(_ result: MiniObjectPointer?, _ typeName: String, _ message: String,
                      file: StaticString = #filePath, line: UInt = #line) {
        if let result {
            XCTFail("expected \(typeName), got a result", file: file, line: line)
            Mini_DECREF(result)
            return
        }
        let error = MiniError.fetch()
        XCTAssertEqual(error.typeName, typeName, file: file, line: line)
        XCTAssertEqual(error.message, message, file: file, line: line)
    }

    /// Calls and unwraps a result that must be bytes; returns its contents.
    func digestCall(_ f: () -> MiniObjectPointer?, file: StaticString = #filePath, line: UInt = #line) -> [UInt8] {
        guard let r = f() else {
            XCTFail("call failed: \(MiniError.fetch())", file: file, line: line)
            return []
        }
        defer { Mini_DECREF(r) }
        XCTAssertEqual(String(cString: MiniType_Name(Mini_TYPE(r))), "bytes", file: file, line: line)
        return MiniCall.bytesValue(r)
    }

    func strCall(_ f: () -> MiniObjectPointer?, file: StaticString = #filePath, line: UInt = #line) -> String {
        guard let r = f() else {
            XCTFail("call failed: \(MiniError.fetch())", file: file, line: line)
            return ""
        }
        defer { Mini_DECREF(r) }
        return MiniCall.strValue(r) ?? "<not a str>"
    }

    /// This thread's count of explicit GIL releases (BEGIN_ALLOW_THREADS).
    func explicitReleases() -> UInt64 {
        var stats = MiniGILStats()
        MiniGIL_GetThreadStats(MiniThreadState_Get(), &stats)
        return stats.explicit_releases
    }

    // ===== the kernel ==========================================================================

    func testFIPSVectorsOnEveryImplementation() {
        for impl in availableImpls() {
            for v in sha256FIPSVectors {
                // One-shot over the whole message ...
                let message = Array(String(repeating: v.message, count: v.repeats).utf8)
                XCTAssertEqual(hexString(kernelDigest(impl, message)), v.hex, "\(implName(impl)) one-shot \(v.message.prefix(8))")
                // ... and incrementally, one repetition at a time.
                var h = KernelHasher(impl)
                let unit = Array(v.message.utf8)
                for _ in 0..<v.repeats { h.update(unit[...]) }
                XCTAssertEqual(hexString(h.digest()), v.hex, "\(implName(impl)) incremental \(v.message.prefix(8))")
            }
        }
    }

    func testEveryLengthUpTo1024MatchesHashlib() {
        let pattern = sha256Pattern(1024)
        XCTAssertEqual(sha256PatternDigests.count, 1025)
        for impl in availableImpls() {
            for n in 0...1024 {
                let got = hexString(kernelDigest(impl, Array(pattern[0..<n])))
                XCTAssertEqual(got, sha256PatternDigests[n], "\(implName(impl)) length \(n)")
            }
        }
    }

    func testLargeInputsMatchHashlib() {
        let pattern = sha256Pattern(sha256PatternLargeDigests.map(\.length).max()!)
        for impl in availableImpls() {
            for v in sha256PatternLargeDigests {
                XCTAssertEqual(hexString(kernelDigest(impl, Array(pattern[0..<v.length]))), v.hex,
                               "\(implName(impl)) length \(v.length)")
            }
        }
    }

    func testIncrementalOddChunksEqualOneShot() {
        let v = sha256PatternLargeDigests.first { $0.length == (3 << 20) + 17 }!
        let pattern = sha256Pattern(v.length)
        for impl in availableImpls() {
            var h = KernelHasher(impl)
            var pos = 0, i = 0
            while pos < pattern.count {
                let n = min(oddChunkSizes[i % oddChunkSizes.count], pattern.count - pos)
                h.update(pattern[pos..<(pos + n)])
                pos += n
                i += 1
                // digest() does not disturb the running state.
                if pos == 1024 { XCTAssertEqual(hexString(h.digest()), sha256PatternDigests[1024]) }
            }
            XCTAssertEqual(hexString(h.digest()), v.hex, implName(impl))
            XCTAssertEqual(hexString(h.digest()), v.hex, "\(implName(impl)): digest twice")
        }
    }

    func testCopiedContextIsIndependent() {
        let pattern = sha256Pattern(1024)
        for impl in availableImpls() {
            var a = KernelHasher(impl)
            a.update(pattern[0..<300])
            var b = a                                   // the context is plain data: this forks it
            a.update(pattern[300..<1024])
            XCTAssertEqual(hexString(a.digest()), sha256PatternDigests[1024])
            XCTAssertEqual(hexString(b.digest()), sha256PatternDigests[300])
            b.update(pattern[300..<777])
            XCTAssertEqual(hexString(b.digest()), sha256PatternDigests[777])
            XCTAssertEqual(hexString(a.digest()), sha256PatternDigests[1024])
        }
    }

    func testImplementationChoiceAndNames() {
        XCTAssertEqual(miniext_sha256_impl_available(MINIEXT_SHA256_PORTABLE), 1)
        XCTAssertEqual(miniext_sha256_impl_available(MINIEXT_SHA256_AUTO), 1)
        var ctx = miniext_sha256_ctx()
        XCTAssertEqual(miniext_sha256_init_impl(&ctx, miniext_sha256_impl(rawValue: 99)), -1)
        let hasSHANI = miniext_sha256_impl_available(MINIEXT_SHA256_SHANI) != 0
        if !hasSHANI { XCTAssertEqual(miniext_sha256_init_impl(&ctx, MINIEXT_SHA256_SHANI), -1) }
        // AUTO: SHA-NI when the CPU has it, unless EXTDEMO_SHA256=portable forced the C path.
        let forced = ProcessInfo.processInfo.environment["EXTDEMO_SHA256"]
        let expected = (hasSHANI && forced != "portable") ? "sha-ni" : "portable"
        XCTAssertEqual(String(cString: miniext_sha256_kernel_name()), expected)
        XCTAssertEqual(implName(miniext_sha256_active_impl()), expected)
        XCTAssertEqual(implName(MINIEXT_SHA256_AUTO), "auto")
        // The module reports the same choice.
        let kernel = MiniObject_GetAttrString(module, "kernel")!
        XCTAssertEqual(MiniCall.strValue(kernel), expected)
        Mini_DECREF(kernel)
        assertBaseline()
    }

    func testKernelIsThreadSafeOnSeparateContexts() {
        // Four threads hash different lengths at once with no locking at all: the kernel keeps no
        // shared mutable state, so each must get hashlib's answer.
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 8)
        results.initialize(repeating: false)
        defer { results.deallocate() }
        let box = ResultSlots(results)
        let pattern = sha256Pattern(1024)
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            var ok = true
            for impl in availableImpls() {
                for n in stride(from: i, through: 1024, by: 8) {
                    ok = ok && hexString(kernelDigest(impl, Array(pattern[0..<n]))) == sha256PatternDigests[n]
                }
            }
            box.buffer[i] = ok
        }
        XCTAssertEqual(Array(results), Array(repeating: true, count: 8))
    }

    // ===== the module: one-shot functions =======================================================

    func testModuleSha256AndHexdigest() {
        let sha = MiniObject_GetAttrString(module, "sha256")!
        let hexf = MiniObject_GetAttrString(module, "hexdigest")!
        let abc = MiniCall.bytes("abc")
        let abcHex = sha256FIPSVectors[0].hex
        XCTAssertEqual(hexString(digestCall { MiniCall.call(sha, [abc]) }), abcHex)
        XCTAssertEqual(strCall { MiniCall.call(hexf, [abc]) }, abcHex)
        // data may be passed by keyword.
        XCTAssertEqual(strCall { MiniCall.call(hexf, [], ["data": abc]) }, abcHex)
        Mini_DECREF(abc)

        // Around the GIL threshold and beyond, with the GIL released and held.
        let pattern = sha256Pattern(1 << 20)
        let yes = MiniCall.bool(true), no = MiniCall.bool(false)
        for v in sha256PatternLargeDigests where v.length <= pattern.count {
            let data = MiniCall.bytes(Array(pattern[0..<v.length]))
            XCTAssertEqual(hexString(digestCall { MiniCall.call(sha, [data]) }), v.hex)
            XCTAssertEqual(hexString(digestCall { MiniCall.call(sha, [data], ["release": yes]) }), v.hex)
            XCTAssertEqual(hexString(digestCall { MiniCall.call(sha, [data], ["release": no]) }), v.hex)
            XCTAssertEqual(strCall { MiniCall.call(hexf, [data], ["release": no]) }, v.hex)
            Mini_DECREF(data)
        }
        for n in [0, 1, 55, 56, 64, 1000, 1024] {
            let data = MiniCall.bytes(Array(pattern[0..<n]))
            XCTAssertEqual(strCall { MiniCall.call(hexf, [data]) }, sha256PatternDigests[n])
            Mini_DECREF(data)
        }
        Mini_DECREF(yes); Mini_DECREF(no)
        Mini_DECREF(sha); Mini_DECREF(hexf)
        assertBaseline()
    }

    func testAnyBufferExporterIsAccepted() {
        // A matrix exports its doubles through the buffer protocol: hashing it hashes those bytes.
        let m = MiniMatrix_New(3, 5)!
        for r in 0..<3 { for c in 0..<5 { XCTAssertEqual(MiniMatrix_SetItem(m, r, c, Double(r * 10 + c) + 0.25), 0) } }
        let raw = UnsafeRawBufferPointer(start: MiniMatrix_Data(m), count: 15 * MemoryLayout<Double>.size)
        let expected = hexString(kernelDigest(MINIEXT_SHA256_AUTO, Array(raw)))
        XCTAssertEqual(strCall { MiniCall.callMethod(module, "hexdigest", [m]) }, expected)
        let h = MiniCall.callMethod(module, "sha256_hasher", [m])!
        XCTAssertEqual(strCall { MiniCall.callMethod(h, "hexdigest") }, expected)
        Mini_DECREF(h)
        Mini_DECREF(m)
        assertBaseline()
    }

    func testGILIsReleasedOnlyForLargeInputsAndWhenAllowed() {
        let sha = MiniObject_GetAttrString(module, "sha256")!
        let small = MiniCall.bytes(sha256Pattern(2047))
        let large = MiniCall.bytes(sha256Pattern(2048))
        let no = MiniCall.bool(false)
        func releases(_ args: [MiniObjectPointer], _ kwargs: KeyValuePairs<String, MiniObjectPointer> = [:]) -> UInt64 {
            let before = explicitReleases()
            if let r = MiniCall.call(sha, args, kwargs) { Mini_DECREF(r) } else { XCTFail("\(MiniError.fetch())") }
            return explicitReleases() - before
        }
        XCTAssertEqual(releases([small]), 0, "below GIL_MINSIZE the GIL is kept")
        XCTAssertEqual(releases([large]), 1, "at GIL_MINSIZE the GIL is released once")
        XCTAssertEqual(releases([large], ["release": no]), 0, "release=False keeps the GIL")

        // The hasher follows the same policy.
        let h = MiniCall.callMethod(module, "sha256_hasher")!
        var before = explicitReleases()
        if let r = MiniCall.callMethod(h, "update", [small]) { Mini_DECREF(r) }
        XCTAssertEqual(explicitReleases() - before, 0)
        before = explicitReleases()
        if let r = MiniCall.callMethod(h, "update", [large]) { Mini_DECREF(r) }
        XCTAssertEqual(explicitReleases() - before, 1)
        Mini_DECREF(h)

        let minsize = MiniObject_GetAttrString(module, "GIL_MINSIZE")!
        XCTAssertEqual(MiniLong_AsLong(minsize), 2048)
        Mini_DECREF(minsize)
        Mini_DECREF(small); Mini_DECREF(large); Mini_DECREF(no); Mini_DECREF(sha)
        assertBaseline()
    }

    // ===== the module: the incremental hasher ===================================================

    func testHasherIncrementalEqualsOneShot() {
        let v = sha256PatternLargeDigests.first { $0.length == 1 << 20 }!
        let pattern = sha256Pattern(v.length)
        let h = MiniCall.callMethod(module, "sha256_hasher")!
        let update = MiniObject_GetAttrString(h, "update")!
        var pos = 0, i = 0
        while pos < pattern.count {
            let n = min(oddChunkSizes[i % oddChunkSizes.count], pattern.count - pos)
            let chunk = MiniCall.bytes(Array(pattern[pos..<(pos + n)]))
            guard let r = MiniCall.call(update, [chunk]) else { XCTFail("\(MiniError.fetch())"); break }
            XCTAssertTrue(r == Mini_GetNone(), "update returns None")
            Mini_DECREF(r)
            Mini_DECREF(chunk)
            pos += n
            i += 1
            if pos == 1024 {
                // digest() in the middle does not disturb the running state.
                XCTAssertEqual(strCall { MiniCall.callMethod(h, "hexdigest") }, sha256PatternDigests[1024])
            }
        }
        XCTAssertEqual(hexString(digestCall { MiniCall.callMethod(h, "digest") }), v.hex)
        XCTAssertEqual(strCall { MiniCall.callMethod(h, "hexdigest") }, v.hex)
        Mini_DECREF(update)
        Mini_DECREF(h)
        assertBaseline()
    }

    func testHasherAttributesAndConstructor() {
        let abc = MiniCall.bytes("abc")
        let h = MiniCall.callMethod(module, "sha256_hasher", [abc])!
        XCTAssertEqual(strCall { MiniCall.callMethod(h, "hexdigest") }, sha256FIPSVectors[0].hex)
        let name = MiniObject_GetAttrString(h, "name")!
        let size = MiniObject_GetAttrString(h, "digest_size")!
        let block = MiniObject_GetAttrString(h, "block_size")!
        XCTAssertEqual(MiniCall.strValue(name), "sha256")
        XCTAssertEqual(MiniLong_AsLong(size), 32)
        XCTAssertEqual(MiniLong_AsLong(block), 64)
        Mini_DECREF(name); Mini_DECREF(size); Mini_DECREF(block)
        XCTAssertEqual(String(cString: MiniType_Name(Mini_TYPE(h))), "SHA256Hasher")
        Mini_DECREF(h)

        // data by keyword, and the empty default.
        let k = MiniCall.callMethod(module, "sha256_hasher", [], ["data": abc])!
        XCTAssertEqual(strCall { MiniCall.callMethod(k, "hexdigest") }, sha256FIPSVectors[0].hex)
        Mini_DECREF(k)
        let e = MiniCall.callMethod(module, "sha256_hasher")!
        XCTAssertEqual(strCall { MiniCall.callMethod(e, "hexdigest") }, sha256PatternDigests[0])
        Mini_DECREF(e)

        // The type itself is callable too (its tp_new builds a fully initialised hasher).
        let type = MiniObject_GetAttrString(module, "SHA256Hasher")!
        if let t = MiniCall.call(type, [abc]) {
            XCTAssertEqual(strCall { MiniCall.callMethod(t, "hexdigest") }, sha256FIPSVectors[0].hex)
            Mini_DECREF(t)
        } else {
            XCTFail("SHA256Hasher(b'abc') failed: \(MiniError.fetch())")
        }
        Mini_DECREF(type)
        Mini_DECREF(abc)
        assertBaseline()
    }

    func testHasherCopyIsIndependent() {
        let pattern = sha256Pattern(1024)
        let first = MiniCall.bytes(Array(pattern[0..<300]))
        let rest = MiniCall.bytes(Array(pattern[300..<1024]))
        let middle = MiniCall.bytes(Array(pattern[300..<777]))
        let a = MiniCall.callMethod(module, "sha256_hasher", [first])!
        let b = MiniCall.callMethod(a, "copy")!
        XCTAssertFalse(a == b)
        if let r = MiniCall.callMethod(a, "update", [rest]) { Mini_DECREF(r) }
        XCTAssertEqual(strCall { MiniCall.callMethod(a, "hexdigest") }, sha256PatternDigests[1024])
        XCTAssertEqual(strCall { MiniCall.callMethod(b, "hexdigest") }, sha256PatternDigests[300])
        if let r = MiniCall.callMethod(b, "update", [middle]) { Mini_DECREF(r) }
        XCTAssertEqual(strCall { MiniCall.callMethod(b, "hexdigest") }, sha256PatternDigests[777])
        XCTAssertEqual(strCall { MiniCall.callMethod(a, "hexdigest") }, sha256PatternDigests[1024])
        // The copy outlives the original.
        Mini_DECREF(a)
        XCTAssertEqual(strCall { MiniCall.callMethod(b, "hexdigest") }, sha256PatternDigests[777])
        Mini_DECREF(b)
        Mini_DECREF(first); Mini_DECREF(rest); Mini_DECREF(middle)
        assertBaseline()
    }

    func testConcurrentUpdatesOfOneHasher() {
        // Two threads update the same hasher at once: one with large chunks (hashed with the GIL
        // released, under the object's mutex), one with small chunks (hashed holding the GIL, after
        // waiting for the mutex without it). Every chunk is the same byte, so whatever order the
        // updates land in, the result is the digest of that byte repeated: a lost or torn update
        // would change it.
        let largeSize = 256 * 1024 + 3, smallSize = 37
        let largeCount = 32, smallCount = 2000
        let h = SharedObjectPointer(MiniCall.callMethod(module, "sha256_hasher")!)
        let large = SharedObjectPointer(MiniCall.bytes([UInt8](repeating: 0x5A, count: largeSize)))
        let small = SharedObjectPointer(MiniCall.bytes([UInt8](repeating: 0x5A, count: smallSize)))
        let failures = LockedCounter()
        runThreadsWithoutGIL(3) { i in
            let state = MiniGILState_Ensure()
            let (chunk, count) = i == 2 ? (small, smallCount) : (large, largeCount)
            for _ in 0..<count {
                if let r = MiniCall.callMethod(h.pointer, "update", [chunk.pointer]) { Mini_DECREF(r) } else {
                    MiniErr_Clear()
                    failures.increment()
                }
            }
            MiniGILState_Release(state)
        }
        XCTAssertEqual(failures.value, 0)
        let total = 2 * largeCount * largeSize + smallCount * smallSize
        let expected = hexString(kernelDigest(MINIEXT_SHA256_AUTO, [UInt8](repeating: 0x5A, count: total)))
        XCTAssertEqual(strCall { MiniCall.callMethod(h.pointer, "hexdigest") }, expected)
        Mini_DECREF(h.pointer); Mini_DECREF(large.pointer); Mini_DECREF(small.pointer)
        assertBaseline()
    }

    // ===== errors ===============================================================================

    func testWrongTypesAndArguments() {
        let five = MiniCall.int(5)
        let text = MiniCall.str("abc")
        let abc = MiniCall.bytes("abc")
        let sha = MiniObject_GetAttrString(module, "sha256")!
        let hexf = MiniObject_GetAttrString(module, "hexdigest")!

        // Non-buffers: the one-shot functions parse with "y*", update() asks for a buffer itself.
        for f in [sha, hexf] {
            assertRaises(MiniCall.call(f, [five]), "TypeError", "a bytes-like object is required, not 'int'")
            assertRaises(MiniCall.call(f, [text]), "TypeError", "a bytes-like object is required, not 'str'")
        }
        let h = MiniCall.callMethod(module, "sha256_hasher")!
        assertRaises(MiniCall.callMethod(h, "update", [five]), "TypeError", "a bytes-like object is required, not 'int'")
        assertRaises(MiniCall.callMethod(h, "update", [text]), "TypeError", "Strings must be encoded before hashing")
        assertRaises(MiniCall.callMethod(h, "update"), "TypeError", "SHA256Hasher.update() takes exactly one argument (0 given)")
        // A failed update leaves the state alone.
        XCTAssertEqual(strCall { MiniCall.callMethod(h, "hexdigest") }, sha256PatternDigests[0])
        Mini_DECREF(h)

        // Argument-count and keyword errors come from the argument parser.
        var r = MiniCall.call(sha, [])
        XCTAssertNil(r); XCTAssertEqual(MiniError.fetch().typeName, "TypeError")
        r = MiniCall.call(sha, [abc, abc])
        XCTAssertNil(r); XCTAssertEqual(MiniError.fetch().typeName, "TypeError")
        assertRaises(MiniCall.call(sha, [abc], ["bogus": abc]), "TypeError", "'bogus' is an invalid keyword argument for sha256()")
        assertRaises(MiniCall.callMethod(module, "sha256_hasher", [five]), "TypeError",
                     "a bytes-like object is required, not 'int'")

        Mini_DECREF(sha); Mini_DECREF(hexf)
        Mini_DECREF(five); Mini_DECREF(text); Mini_DECREF(abc)
        assertBaseline()
    }
}

/// A buffer of per-thread results shared with DispatchQueue.concurrentPerform; each iteration
/// writes only its own slot.
final class ResultSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Bool>
    init(_ buffer: UnsafeMutableBufferPointer<Bool>) { self.buffer = buffer }
}

/// A counter the test threads bump (they hold the GIL when they do, but a lock keeps it honest).
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
