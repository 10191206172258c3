// MatmulCommand.swift: `extdemo matmul`: T independent float64 matrix products over N threads,
// each thread calling `matmul.matmul(a, b, release=...)` holding the GIL as an interpreted thread
// would. `held` runs the kernel with the lock kept (the threads take turns), `released` lets it go
// around the kernel (the threads compute in parallel); the kernel is the same.

import Foundation
import MiniExtensions
import MiniKit

enum MatmulCommand: Subcommand {
    static let name = "matmul"
    static let summary = "multiply matrices on N threads, the GIL held or released"
    static let modes: [Mode] = [.sequential, .held, .released, .interpreted, .processes, .raw]
    static let options: [OptionSpec] = [
        .option("--threads", "N"), .option("--size", "N"), .option("--tasks", "T"), .option("--repeat", "R"),
        .option("--mode", "MODE"), CommandLineArguments.switchIntervalOption, .flag("--json"),
    ] + GILRecording.options
    static let defaultSize = 1024

    static let help = """
    Usage: extdemo matmul [--threads N] [--size N] [--tasks T] [--repeat R] [--mode MODE]
                          [--switch-interval MS] [--json]

    Multiplies pairs of random square float64 matrices with the matmul extension, --tasks
    products spread over --threads OS threads. Each thread has its own thread state and takes
    the GIL before it calls matmul.matmul(a, b, release=...), exactly as an interpreted thread
    would. Every result is verified against the sequential run (and that run against an
    independent check).

    Modes:
      sequential   one thread runs every task: the baseline (always run)
      held         N threads; the kernel keeps the GIL (release=False): they take turns
      released     N threads; the kernel runs without the GIL (release=True): in parallel
      interpreted  N threads run a pure MiniPy triple loop (at most 64x64, compared by GFLOPS)
      processes    N worker processes (this binary), one runtime and GIL each; inputs and
                   results cross pipes; spawn and transfer costs are reported apart
      raw          the kernel on plain pthreads, no runtime and no lock: the physical limit
      all          all of the above (default)
      free-threaded  (only when named) the held run again in a child started with --gil off:
                   no GIL, so the kernels run at once even without releasing it

    Options:
      --threads N            worker threads (default: the number of cores)
      --size N               rows and columns of each matrix (default: \(defaultSize))
      --tasks T              multiplications per run (default: N, one per thread)
      --repeat R             run every mode R times and keep its fastest run (default: as
                             many as fit in about 3 s, at most 5)
      --mode MODE            sequential, held, released, interpreted, processes, raw or all; a comma-separated list is fine
      \(CommandLineArguments.switchIntervalHelp)
      --json                 print one JSON object instead of the table
      \(GILRecording.help)
      -h, --help             show this help
    """

    struct Config {
        var threads: Int
        var size: Int
        var tasks: Int
        /// nil: automatic (Harness.autoSeconds)
        var rounds: Int?
        var modes: [Mode]
        var switchIntervalMs: Double
    }

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        let threads = try arguments.integer("--threads", default: activeCores, max: 4096)
        let config = Config(
            threads: threads,
            size: try arguments.integer("--size", default: defaultSize, max: 1 << 20),
            tasks: try arguments.integer("--tasks", default: threads, max: 1_000_000),
            rounds: try arguments.optionalInteger("--repeat", max: 1000),
            modes: try FreeThreadedRow.modes(arguments, available: modes),
            switchIntervalMs: try arguments.switchIntervalMs() ?? 5)
        try checkMemory(config)
        let json = arguments.flag("--json")
        let (report, failure) = try measure(config, progress: ProgressLine.make(json: json))
        let ft = config.modes.contains(.freeThreaded) ? try FreeThreadedRow.measure(command: name, arguments: arguments) : nil
        return finish(FreeThreadedRow.add(ft, to: report), failure: failure, json: json)
    }

    /// Distinct input pairs: one per thread (tasks beyond that reuse them), so memory stays
    /// bounded by the threads, not the tasks.
    static func inputPairs(_ config: Config) -> Int { min(config.tasks, config.threads) }

    /// Refuses sizes whose matrices cannot fit: two inputs per pair plus one result per task.
    static func checkMemory(_ config: Config) throws(UsageError) {
        let n = Double(config.size)
        let matrixBytes = n * n * 8
        let count = 2 * inputPairs(config) + config.tasks
        let needed = matrixBytes * Double(count)
        let maxElements = Double(MiniMatrix_MaxElements())
        if n * n > maxElements {
            throw UsageError("--size \(config.size) is too large: a matrix may have at most 2^40 elements")
        }
        let available = availableMemory()
        if needed > available * 0.9 {
            throw UsageError("--size \(config.size) needs \(formatBytes(needed)) (\(count) matrices of \(formatBytes(matrixBytes))) "
                             + "but only \(formatBytes(available)) of memory is available")
        }
    }

    /// Runs the modes and builds the report; nil failure when every result was verified.
    static func measure(_ config: Config, progress: ProgressLine?) throws -> (RunReport, String?) {
        try Runtime.start(switchIntervalMs: config.switchIntervalMs)
        try Runtime.importModule("matmul")
        if config.modes.contains(.interpreted) { try InterpretedRun.prepare(threads: config.threads) }
        let workload = try MatmulWorkload(size: config.size, pairs: inputPairs(config), tasks: config.tasks)
        defer { workload.close() }
        let (results, rounds, failure) = try Harness.run(
            workload, modes: config.modes.filter { $0 != .interpreted && $0 != .freeThreaded }, threads: config.threads, tasks: config.tasks, rounds: config.rounds,
            progress: progress, switchIntervalMs: config.switchIntervalMs)
        let n = config.size
        let kernel = String(cString: miniext_dgemm_kernel_name())
        let flops = 2 * Double(n) * Double(n) * Double(n) * Double(config.tasks)
        let interpreted = config.modes.contains(.interpreted)
            ? try InterpretedRun.matmul(size: n, tasks: config.tasks, threads: config.threads, nativeFlops: flops) : nil
        let report = RunReport(
            workload: "matmul",
            title: "matmul: \(config.tasks) task\(config.tasks == 1 ? "" : "s") of \(n)x\(n) @ \(n)x\(n) float64 on "
                + "\(config.threads) thread\(config.threads == 1 ? "" : "s"), \(activeCores) core\(activeCores == 1 ? "" : "s")\n"
                + "kernel: \(kernel); switch interval \(formatNumber(config.switchIntervalMs)) ms"
                + (rounds > 1 ? "; fastest of \(rounds) runs per mode" : "")
                + (interpreted.map { "\n" + $0.1.summary } ?? ""),
            size: n, threads: config.threads, tasks: config.tasks, cores: activeCores,
            verified: failure == nil, verification: workload.verificationSummary,
            throughput: Throughput(key: "gflops", heading: "GFLOPS", workPerRun: flops, scale: 1e9,
                                   cell: { $0 >= 1e9 ? String(format: "%.1f", $0 / 1e9) : String(format: "%.3f", $0 / 1e9) }),
            results: Harness.ordered(results, interpreted.map { [$0.0] } ?? []),
            extra: [("kernel", .string(kernel)), ("switch_interval_ms", .number(config.switchIntervalMs)),
                    ("repeat", .int(rounds)), ("flops_per_task", .number(flops / Double(config.tasks)))]
                + (interpreted.map { [("interpreted", $0.1.json)] } ?? []),
            kernelNoun: "kernel")
        return (report, failure)
    }
}

/// The matmul tasks: task i multiplies input pair i % pairs.
final class MatmulWorkload: Workload {
    let name = "matmul"
    let size: Int
    let pairs: Int
    let tasks: Int
    /// a0, b0, a1, b1, ...: the inputs, made once and shared by every phase.
    private let inputs: ObjectSlots
    /// {"release": False}, {"release": True}
    private let keywords = ObjectSlots(count: 2)

    var verificationSummary: String {
        "every task's checksum equals the sequential run's, whose products passed Freivalds' test"
    }

    /// Makes the inputs with matmul.random (GIL held).
    init(size: Int, pairs: Int, tasks: Int) throws {
        self.size = size
        self.pairs = pairs
        self.tasks = tasks
        inputs = ObjectSlots(count: 2 * pairs)
        do {
            keywords.store(try releaseKeyword(false).release(), at: 0)
            keywords.store(try releaseKeyword(true).release(), at: 1)
            let n = try MiniRef.int(size)
            for i in 0..<(2 * pairs) {
                let seed = try MiniRef.int(i + 1)
                let random = try miniImport("matmul").attribute("random")
                inputs.store(try random.call([n.pointer, n.pointer, seed.pointer]).release(), at: i)
            }
        } catch {
            close()
            throw RunFailure("cannot make the \(size)x\(size) input matrices: \(error)")
        }
    }

    /// Drops the inputs (GIL held).
    func close() {
        inputs.clear()
        keywords.clear()
    }

    func task(mode: Mode, results: ObjectSlots) throws -> TaskBody {
        let inputs = self.inputs, keywords = self.keywords, pairs = self.pairs
        let kw = mode.releasesGIL ? 1 : 0
        return { (task: Int) throws(MiniError) in
            let pair = task % pairs
            let product = try callExtension("matmul", "matmul", inputs[2 * pair]!, inputs[2 * pair + 1]!,
                                            kwargs: keywords[kw])
            results.store(product, at: task)
        }
    }

    func verify(mode: Mode, results: ObjectSlots, reference: [Fingerprint]?) throws -> [Fingerprint] {
        var prints: [Fingerprint] = []
        for i in 0..<tasks {
            guard let product = results[i] else {
                throw VerificationFailure(message: "task \(i + 1) produced no result")
            }
            do {
                let sum = try MiniRef(checking: try callExtension("matmul", "checksum", product)).asDouble()
                prints.append(.number(sum))
            } catch {
                throw VerificationFailure(message: "task \(i + 1): checksum failed: \(error)")
            }
        }
        if reference == nil {
            for pair in 0..<min(pairs, tasks) {
                try freivalds(a: inputs[2 * pair]!, b: inputs[2 * pair + 1]!, c: results[pair]!, task: pair)
            }
        }
        // Tasks sharing an input pair must agree with each other too.
        for i in pairs..<max(pairs, tasks) where prints[i] != prints[i % pairs] {
            throw VerificationFailure(message: "task \(i + 1): checksum \(prints[i]) differs from task \(i % pairs + 1)'s \(prints[i % pairs]) (same inputs)")
        }
        try Harness.compare(prints, with: reference, what: "checksum")
        return prints
    }

    /// Freivalds' test: C = A B only if C x = A (B x) for a random vector x. Costs three
    /// matrix-vector products, O(n^2), and is independent of the kernel under test. The tolerance
    /// is relative to |A| (|B| |x|), the scale rounding errors can reach.
    private func freivalds(a: MiniObjectPointer, b: MiniObjectPointer, c: MiniObjectPointer, task: Int) throws {
        let n = size
        guard let A = MiniMatrix_Data(a), let B = MiniMatrix_Data(b), let C = MiniMatrix_Data(c) else {
            throw VerificationFailure(message: "task \(task + 1): the result is not a matrix")
        }
        guard MiniMatrix_Rows(c) == n, MiniMatrix_Cols(c) == n else {
            throw VerificationFailure(message: "task \(task + 1): the result is \(MiniMatrix_Rows(c))x\(MiniMatrix_Cols(c)), not \(n)x\(n)")
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(task)
        let x = (0..<n).map { _ -> Double in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        func multiply(_ m: UnsafeMutablePointer<Double>, _ v: [Double], absolute: Bool) -> [Double] {
            var out = [Double](repeating: 0, count: n)
            for r in 0..<n {
                let row = m + r * n
                var s = 0.0
                if absolute {
                    for k in 0..<n { s += abs(row[k]) * v[k] }
                } else {
                    for k in 0..<n { s += row[k] * v[k] }
                }
                out[r] = s
            }
            return out
        }
        let cx = multiply(C, x, absolute: false)
        let abx = multiply(A, multiply(B, x, absolute: false), absolute: false)
        let scale = multiply(A, multiply(B, x.map(abs), absolute: true), absolute: true)
        for r in 0..<n where !(abs(cx[r] - abx[r]) <= 1e-9 * scale[r] + 1e-300) {
            throw VerificationFailure(message: "task \(task + 1): the product is wrong (Freivalds' test fails at row \(r): \(cx[r]) vs \(abx[r]))")
        }
    }
}

/// Bytes of memory the system can give without swapping (MemAvailable), or all physical memory.
func availableMemory() -> Double {
    if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let parts = line.split(separator: " ")
            if parts.count >= 2, let kib = Double(parts[1]) { return kib * 1024 }
        }
    }
    return Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE)))
}

// ----- processes and raw (ProcessMode.swift, RawMode.swift) ---------------------------------------

extension MatmulWorkload: ProcessWorkload, RawWorkload {
    /// u64 n, then the task's A and B as row-major float64.
    func payload(task: Int) throws -> [UInt8] {
        let pair = task % pairs
        return Wire.u64(UInt64(size)) + MatrixWire.bytes(inputs[2 * pair]!) + MatrixWire.bytes(inputs[2 * pair + 1]!)
    }

    /// u64 n, then C: a new matrix.
    func result(task: Int, bytes: [UInt8]) throws -> MiniObjectPointer {
        guard Wire.u64(bytes) == UInt64(size), bytes.count == 8 + 8 * size * size else {
            throw VerificationFailure(message: "task \(task + 1): the worker sent a malformed product")
        }
        return try MatrixWire.matrix(bytes, offset: 8, n: size)
    }

    /// mini_dgemm straight on the arrays, into result matrices made beforehand, one kernel per core.
    func rawPlan() throws -> RawPlan {
        let n = size, pairs = self.pairs
        let outputs = ObjectSlots(count: tasks)
        var a: [RawPointer] = [], b: [RawPointer] = [], c: [RawPointer] = []
        for pair in 0..<pairs {
            a.append(RawPointer(address: UnsafeMutableRawPointer(MiniMatrix_Data(inputs[2 * pair]!)!)))
            b.append(RawPointer(address: UnsafeMutableRawPointer(MiniMatrix_Data(inputs[2 * pair + 1]!)!)))
        }
        for task in 0..<tasks {
            guard let m = MiniMatrix_New(n, n) else { outputs.clear(); throw RunFailure("cannot allocate a result: \(MiniError.fetch())") }
            outputs.store(m, at: task)
            c.append(RawPointer(address: UnsafeMutableRawPointer(MiniMatrix_Data(m)!)))
        }
        let slots = CoreSlots(count: activeCores)
        let (ca, cb, cc) = (a, b, c)
        return RawPlan(
            run: { task in
                let p = task % pairs
                slots.take()
                mini_dgemm(n, n, n, ca[p].address.assumingMemoryBound(to: Double.self), n,
                           cb[p].address.assumingMemoryBound(to: Double.self), n,
                           cc[task].address.assumingMemoryBound(to: Double.self), n)
                slots.give()
            },
            finish: { results in
                for task in 0..<self.tasks {
                    Mini_INCREF(outputs[task]!)
                    results.store(outputs[task]!, at: task)
                }
                outputs.clear()
            })
    }
}
