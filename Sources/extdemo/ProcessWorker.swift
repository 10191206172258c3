// ProcessWorker.swift: the other side of `--mode processes`: `extdemo __worker WORKLOAD --index I
// --switch-interval MS`, started by the parent with pipes on stdin and stdout (not for users; it
// is not listed in the help). The worker starts its own runtime (its own GIL), imports the
// workload's module and says READY; it then decodes its tasks' inputs into objects, runs them on
// GO exactly as a thread of the threaded modes would (the module function called through the
// Mini API, the GIL held), and sends the results back on COLLECT. Any failure is one ERROR frame
// and exit status 1. The worker dies with its parent (PR_SET_PDEATHSIG) and ends at end of input.

import Foundation
import MiniExtensions
import MiniKit

enum ProcessWorker {
    /// The worker's main: returns its exit status.
    static func main(_ words: [String]) -> Int32 {
        dieWithParent()
        let out = FramedFD(fd: 1), input = FramedFD(fd: 0)
        guard let workload = words.first, let kernel = WorkerKernel.named(workload) else {
            try? out.write(.error, Array("unknown workload '\(words.first ?? "")'".utf8))
            return 1
        }
        var index = 0, interval = 5.0
        var i = 1
        while i + 1 < words.count {
            if words[i] == "--index" { index = Int(words[i + 1]) ?? 0 }
            if words[i] == "--switch-interval" { interval = Double(words[i + 1]) ?? 5 }
            i += 2
        }
        do {
            try Runtime.start(switchIntervalMs: interval)
            try Runtime.importModule(kernel.module)
            try serve(kernel: kernel, index: index, input: input, output: out)
            return 0
        } catch let broken as PipeBroken {
            _ = broken   // the parent went away: nothing to tell it
            return 1
        } catch {
            try? out.write(.error, Array("\(error)".utf8))
            return 1
        }
    }

    /// prctl(PR_SET_PDEATHSIG, SIGKILL): the kernel kills this worker if the parent dies. prctl
    /// is variadic, which Swift cannot call, so it is looked up as a fixed-argument function.
    static func dieWithParent() {
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") else { return }
        let prSetPdeathsig: Int32 = 1
        _ = unsafeBitCast(symbol, to: Prctl.self)(prSetPdeathsig, UInt(SIGKILL), 0, 0, 0)
    }

    /// The protocol, one phase after another (GIL held throughout).
    private static func serve(kernel: WorkerKernel, index: Int, input: FramedFD, output: FramedFD) throws {
        try output.write(.ready)
        let inputs = ObjectSlotsList()
        defer { inputs.clear() }
        var tasks: [Int] = []
        while true {
            let (tag, payload) = try input.read()
            if tag == .loadEnd { break }
            guard tag == .task, let task = Wire.u64(payload) else { throw RunFailure("expected a task, got \(tag)") }
            tasks.append(Int(task))
            inputs.append(try kernel.decode(Array(payload[8...])))
        }
        try output.write(.loaded)
        guard try input.read().0 == .go else { throw RunFailure("expected GO") }
        if ProcessInfo.processInfo.environment[ProcessRunner.crashHook] == String(index) {
            // The tests' crashing worker: die of SIGSEGV at once (the default action, not the
            // Swift runtime's backtrace handler, which would print and carry on after a kill).
            signal(SIGSEGV, SIG_DFL)
            raise(SIGSEGV)
        }
        let results = ObjectSlotsList()
        defer { results.clear() }
        let start = Mini_MonotonicNs()
        for k in 0..<tasks.count {
            do { results.append(try kernel.compute(inputs[k])) } catch {
                throw RunFailure("task \(tasks[k] + 1): \(error)")
            }
            try miniPoll()
        }
        let elapsed = Mini_MonotonicNs() - start
        try output.write(.done, Wire.u64(elapsed))
        guard try input.read().0 == .collect else { throw RunFailure("expected COLLECT") }
        for k in 0..<tasks.count {
            try output.write(.result, Wire.u64(UInt64(tasks[k])) + (try kernel.encode(results[k])))
        }
        try output.write(.end)
    }
}

/// A growable list of owned object references (GIL required).
final class ObjectSlotsList {
    private var items: [MiniObjectPointer] = []
    func append(_ o: MiniObjectPointer) { items.append(o) }
    subscript(i: Int) -> MiniObjectPointer { items[i] }
    func clear() {
        let old = items
        items = []
        old.forEach { Mini_DECREF($0) }
    }
}

/// How a worker turns bytes into a task's objects, runs it and encodes its result, per workload.
/// The wire formats match the parent's ProcessWorkload conformances.
struct WorkerKernel: @unchecked Sendable {
    let module: String
    /// Bytes -> the task's input object (new reference; GIL held).
    let decode: ([UInt8]) throws -> MiniObjectPointer
    /// Input -> result (new reference; GIL held): the same call a thread makes.
    let compute: (MiniObjectPointer) throws -> MiniObjectPointer
    /// Result -> bytes (GIL held).
    let encode: (MiniObjectPointer) throws -> [UInt8]

    static func named(_ name: String) -> WorkerKernel? {
        switch name {
        case "matmul": return matmul
        case "hash": return hash
        case "countdown": return countdown
        default: return nil
        }
    }

    /// matmul: u64 n, then A and B (n*n float64 each, row-major) -> a tuple (A, B); result: u64
    /// n then C.
    static let matmul = WorkerKernel(
        module: "matmul",
        decode: { bytes in
            guard let n = Wire.u64(bytes).map(Int.init), bytes.count == 8 + 16 * n * n else {
                throw RunFailure("malformed matmul task")
            }
            let a = try MatrixWire.matrix(bytes, offset: 8, n: n)
            let b = try MatrixWire.matrix(bytes, offset: 8 + 8 * n * n, n: n)
            let pair = try MiniRef(checking: MiniTuple_New(2))
            MiniTuple_SetItem(pair.pointer, 0, a)
            MiniTuple_SetItem(pair.pointer, 1, b)
            return pair.release()
        },
        compute: { pair in
            try callExtension("matmul", "matmul", MiniTuple_GetItem(pair, 0)!, MiniTuple_GetItem(pair, 1)!)
        },
        encode: { c in
            let n = Int(MiniMatrix_Rows(c))
            return Wire.u64(UInt64(n)) + MatrixWire.bytes(c)
        })

    /// hash: the buffer -> bytes; result: the 32-byte digest.
    static let hash = WorkerKernel(
        module: "hashing",
        decode: { bytes in
            try bytes.withUnsafeBufferPointer { p in
                try MiniRef(checking: MiniBytes_FromStringAndSize(UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: CChar.self), p.count)).release()
            }
        },
        compute: { data in try callExtension("hashing", "sha256", data) },
        encode: { digest in
            guard let p = MiniBytes_AsString(digest) else { throw MiniError.fetch() }
            return Array(UnsafeRawBufferPointer(start: p, count: MiniBytes_Size(digest)))
        })

    /// countdown: u64 share -> int; result: nothing (the loop returns None).
    static let countdown = WorkerKernel(
        module: "cloop",
        decode: { bytes in
            guard let n = Wire.u64(bytes) else { throw RunFailure("malformed countdown task") }
            return try MiniRef(checking: MiniLong_FromLong(Int(n))).release()
        },
        compute: { n in try callExtension("cloop", "countdown", n) },
        encode: { r in r == Mini_GetNone() ? [1] : [0] })
}

/// Matrices as bytes: row-major float64, native byte order (parent and worker are one binary on
/// one machine).
enum MatrixWire {
    /// A new n x n matrix from bytes[offset...] (new reference; GIL held).
    static func matrix(_ bytes: [UInt8], offset: Int, n: Int) throws -> MiniObjectPointer {
        let m = try MiniRef(checking: MiniMatrix_New(n, n))
        guard let data = MiniMatrix_Data(m.pointer) else { throw MiniError.fetch() }
        bytes.withUnsafeBytes { src in
            UnsafeMutableRawPointer(data).copyMemory(from: src.baseAddress! + offset, byteCount: 8 * n * n)
        }
        return m.release()
    }

    /// The matrix's elements as bytes (GIL held).
    static func bytes(_ m: MiniObjectPointer) -> [UInt8] {
        let count = Int(MiniMatrix_Rows(m)) * Int(MiniMatrix_Cols(m))
        guard count > 0, let data = MiniMatrix_Data(m) else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: 8 * count))
    }
}
