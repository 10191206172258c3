// HashCommand.swift: `extdemo hash`: T SHA-256 computations of a SIZE-byte buffer over N
// threads, each thread calling `hashing.sha256(data, release=...)` holding the GIL. The hashing
// extension releases the lock around its kernel (for inputs of 2 KiB and more) unless told not to.

import Foundation
import MiniExtensions
import MiniKit

enum HashCommand: Subcommand {
    static let name = "hash"
    static let summary = "SHA-256 a buffer on N threads, the GIL held or released"
    static let modes: [Mode] = [.sequential, .held, .released, .processes, .raw]
    static let options: [OptionSpec] = [
        .option("--threads", "N"), .option("--bytes", "SIZE"), .option("--tasks", "T"), .option("--repeat", "R"),
        .option("--mode", "MODE"), CommandLineArguments.switchIntervalOption, .flag("--json"),
    ] + GILRecording.options
    static let defaultBytes = 64 << 20

    static let help = """
    Usage: extdemo hash [--threads N] [--bytes SIZE] [--tasks T] [--repeat R] [--mode MODE]
                        [--switch-interval MS] [--json]

    Hashes a buffer of --bytes bytes --tasks times with hashing.sha256(data, release=...),
    spread over --threads OS threads, each with its own thread state, taking the GIL before each
    call. Every digest is verified against the SHA-256 kernel called directly.

    Modes:
      sequential   one thread runs every task: the baseline (always run)
      held         N threads; the kernel keeps the GIL (release=False): they take turns
      released     N threads; the kernel runs without the GIL (release=True): in parallel
      processes    N worker processes (this binary), one runtime and GIL each; inputs and
                   results cross pipes; spawn and transfer costs are reported apart
      raw          the kernel on plain pthreads, no runtime and no lock: the physical limit
      all          all of the above (default)

    Options:
      --threads N            worker threads (default: the number of cores)
      --bytes SIZE           bytes per task, e.g. 4096, 64KiB, 16MiB, 1GiB (default: 64MiB)
      --tasks T              hashes per run (default: N, one per thread)
      --repeat R             run every mode R times and keep its fastest run (default: as
                             many as fit in about 3 s, at most 5)
      --mode MODE            sequential, held, released, processes, raw or all; a comma-separated list is fine
      \(CommandLineArguments.switchIntervalHelp)
      --json                 print one JSON object instead of the table
      \(GILRecording.help)
      -h, --help             show this help
    """

    struct Config {
        var threads: Int
        var bytes: Int
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
            bytes: try arguments.byteSize("--bytes", default: defaultBytes),
            tasks: try arguments.integer("--tasks", default: threads, max: 1_000_000),
            rounds: try arguments.optionalInteger("--repeat", max: 1000),
            modes: try arguments.modes(available: modes),
            switchIntervalMs: try arguments.switchIntervalMs() ?? 5)
        let available = availableMemory()
        if Double(config.bytes) > available * 0.9 {
            throw UsageError("--bytes \(arguments.values["--bytes"] ?? "") needs \(formatBytes(Double(config.bytes))) "
                             + "but only \(formatBytes(available)) of memory is available")
        }
        let json = arguments.flag("--json")
        let (report, failure) = try measure(config, progress: ProgressLine.make(json: json))
        return finish(report, failure: failure, json: json)
    }

    static func measure(_ config: Config, progress: ProgressLine?) throws -> (RunReport, String?) {
        try Runtime.start(switchIntervalMs: config.switchIntervalMs)
        try Runtime.importModule("hashing")
        let workload = try HashWorkload(bytes: config.bytes, tasks: config.tasks)
        defer { workload.close() }
        let (results, rounds, failure) = try Harness.run(
            workload, modes: config.modes, threads: config.threads, tasks: config.tasks, rounds: config.rounds,
            progress: progress, switchIntervalMs: config.switchIntervalMs)
        let kernel = String(cString: miniext_sha256_kernel_name())
        let report = RunReport(
            workload: "hash",
            title: "hash: \(config.tasks) SHA-256 task\(config.tasks == 1 ? "" : "s") of \(formatBytes(Double(config.bytes))) on "
                + "\(config.threads) thread\(config.threads == 1 ? "" : "s"), \(activeCores) core\(activeCores == 1 ? "" : "s")\n"
                + "kernel: \(kernel); switch interval \(formatNumber(config.switchIntervalMs)) ms"
                + (config.bytes < 2048 ? "; inputs under 2 KiB are hashed with the GIL held even when released" : "")
                + (rounds > 1 ? "; fastest of \(rounds) runs per mode" : ""),
            size: config.bytes, threads: config.threads, tasks: config.tasks, cores: activeCores,
            verified: failure == nil, verification: workload.verificationSummary,
            throughput: Throughput(key: "bytes_per_second", heading: "throughput",
                                   workPerRun: Double(config.bytes) * Double(config.tasks), scale: 1,
                                   cell: { formatRate($0, unit: "B/s") }),
            results: Harness.ordered(results),
            extra: [("kernel", .string(kernel)), ("switch_interval_ms", .number(config.switchIntervalMs)),
                    ("repeat", .int(rounds))],
            kernelNoun: "hash")
        return (report, failure)
    }
}

/// The hash tasks: every task hashes the same buffer, so every digest must equal the expected one.
final class HashWorkload: Workload {
    let name = "hash"
    let tasks: Int
    /// [data, {"release": False}, {"release": True}]
    private let objects = ObjectSlots(count: 3)
    private let expected: [UInt8]

    var verificationSummary: String {
        "every digest equals the sequential run's and the SHA-256 kernel's, called directly"
    }

    /// Makes a buffer of deterministic pseudo-random bytes and its expected digest (GIL held).
    init(bytes: Int, tasks: Int) throws {
        self.tasks = tasks
        guard let data = MiniBytes_FromStringAndSize(nil, bytes) else {
            throw RunFailure("cannot allocate \(formatBytes(Double(bytes))): \(MiniError.fetch())")
        }
        objects.store(data, at: 0)
        let raw = UnsafeMutableRawPointer(MiniBytes_AsString(data)!)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let words = bytes / 8
        let w = raw.bindMemory(to: UInt64.self, capacity: words)
        for i in 0..<words {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            w[i] = state
        }
        for i in (words * 8)..<bytes { raw.storeBytes(of: UInt8(truncatingIfNeeded: i), toByteOffset: i, as: UInt8.self) }
        var digest = [UInt8](repeating: 0, count: 32)
        miniext_sha256(raw, bytes, &digest)
        expected = digest
        do {
            objects.store(try releaseKeyword(false).release(), at: 1)
            objects.store(try releaseKeyword(true).release(), at: 2)
        } catch {
            close()
            throw RunFailure("cannot build the keyword arguments: \(error)")
        }
    }

    func close() { objects.clear() }

    func task(mode: Mode, results: ObjectSlots) throws -> TaskBody {
        let objects = self.objects
        let kw = mode.releasesGIL ? 2 : 1
        return { (task: Int) throws(MiniError) in
            results.store(try callExtension("hashing", "sha256", objects[0]!, kwargs: objects[kw]), at: task)
        }
    }

    func verify(mode: Mode, results: ObjectSlots, reference: [Fingerprint]?) throws -> [Fingerprint] {
        var prints: [Fingerprint] = []
        for i in 0..<tasks {
            guard let digest = results[i], let p = MiniBytes_AsString(digest) else {
                MiniErr_Clear()
                throw VerificationFailure(message: "task \(i + 1) produced no digest (bytes)")
            }
            let got = Array(UnsafeRawBufferPointer(start: p, count: MiniBytes_Size(digest)))
            if got != expected {
                throw VerificationFailure(message: "task \(i + 1): digest \(Fingerprint.bytes(got)) differs from the kernel's \(Fingerprint.bytes(expected))")
            }
            prints.append(.bytes(got))
        }
        try Harness.compare(prints, with: reference, what: "digest")
        return prints
    }
}

// ----- processes and raw (ProcessMode.swift, RawMode.swift) ---------------------------------------

extension HashWorkload: ProcessWorkload, RawWorkload {
    /// The whole buffer: every task ships it, as a pool would pickle it per call.
    func payload(task: Int) throws -> [UInt8] {
        let data = objects[0]!
        return Array(UnsafeRawBufferPointer(start: MiniBytes_AsString(data)!, count: MiniBytes_Size(data)))
    }

    /// The 32-byte digest: a bytes object.
    func result(task: Int, bytes: [UInt8]) throws -> MiniObjectPointer {
        guard let digest = bytes.withUnsafeBufferPointer({ p in
            MiniBytes_FromStringAndSize(UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: CChar.self), p.count)
        }) else { throw MiniError.fetch() }
        return digest
    }

    /// miniext_sha256 on the buffer into a digest array per task.
    func rawPlan() throws -> RawPlan {
        let data = objects[0]!
        let source = RawPointer(address: UnsafeMutableRawPointer(MiniBytes_AsString(data)!))
        let count = MiniBytes_Size(data), tasks = self.tasks
        let digests = RawPointer(address: UnsafeMutableRawPointer.allocate(byteCount: 32 * max(tasks, 1), alignment: 8))
        return RawPlan(
            run: { task in
                miniext_sha256(source.address, count, digests.address.advanced(by: 32 * task).assumingMemoryBound(to: UInt8.self))
            },
            finish: { results in
                defer { digests.address.deallocate() }
                for task in 0..<tasks {
                    guard let d = MiniBytes_FromStringAndSize(digests.address.advanced(by: 32 * task).assumingMemoryBound(to: CChar.self), 32) else {
                        throw MiniError.fetch()
                    }
                    results.store(d, at: task)
                }
            })
    }
}
