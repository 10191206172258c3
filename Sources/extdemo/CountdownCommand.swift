// CountdownCommand.swift: `extdemo countdown`: the classic proof that the GIL serialises pure
// CPU work. `while n > 0: n -= 1` counted down once on one thread, then split over N threads: with
// the lock held by the loop (it only lets go when a waiter asks, at its eval-breaker polls) the
// threads take turns and finish no sooner. Until the interpreter runs the loop as bytecode, the
// `cloop` extension runs it in C the way bytecode does: boxed ints, one poll per iteration.

import Foundation
import MiniKit
import Synchronization

enum CountdownCommand: Subcommand {
    static let name = "countdown"
    static let summary = "the classic GIL proof: a CPU-bound loop split over N threads"
    static let modes: [Mode] = [.sequential, .held, .interpreted, .processes, .raw]
    static let options: [OptionSpec] = [
        .option("--threads", "N"), .option("--count", "N"), .option("--repeat", "R"), .option("--mode", "MODE"),
        CommandLineArguments.switchIntervalOption, .flag("--json"),
    ] + GILRecording.options
    static let defaultCount = 20_000_000

    static let help = """
    Usage: extdemo countdown [--threads N] [--count N] [--repeat R] [--mode MODE]
                             [--switch-interval MS] [--json]

    Runs `while n > 0: n -= 1` for --count iterations, first on one thread, then split evenly
    over --threads threads. The loop (cloop.countdown, a C loop that works like bytecode: boxed ints, an
    eval-breaker poll per iteration) holds the GIL, so the threads take turns: expect about 1.0x,
    and see the lock change hands at every switch interval.

    Modes:
      sequential   one thread counts everything: the baseline (always run)
      held         N threads each count their share, holding the GIL as bytecode does
      interpreted  the loop as real MiniPy bytecode on N threads (threading.Thread; at most
                   \(InterpretedRun.maxCount) iterations, compared by iterations/s)
      processes    N worker processes (this binary), each counting its share with cloop under
                   its own runtime and GIL; spawn and transfer costs are reported apart
      raw          the loop on a machine integer on plain pthreads: no runtime, no lock
      all          all of the above (default)
      free-threaded  (only when named) the held run again in a child started with --gil off:
                   no GIL, so the threads count at once

    Options:
      --threads N            threads (default: 2)
      --count N              the total count, split evenly over the threads (default: \(defaultCount))
      --repeat R             run every mode R times and keep its fastest run (default: as
                             many as fit in about 3 s, at most 5)
      --mode MODE            sequential, held, interpreted, processes, raw, all or
                             free-threaded (comma-separated)
      \(CommandLineArguments.switchIntervalHelp)
      --json                 print one JSON object instead of the table
      \(GILRecording.help)
      -h, --help             show this help
    """

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        let threads = try arguments.integer("--threads", default: 2, max: 4096)
        let count = try arguments.integer("--count", default: defaultCount, max: Int(Int64.max))
        let requestedRounds = try arguments.optionalInteger("--repeat", max: 1000)
        let chosen = try FreeThreadedRow.modes(arguments, available: modes)
        let interval = try arguments.switchIntervalMs() ?? 5
        let json = arguments.flag("--json")

        try Runtime.start(switchIntervalMs: interval)
        try Runtime.importModule("cloop")
        if chosen.contains(.interpreted) { try InterpretedRun.prepare(threads: threads) }
        let workload = try CountdownWorkload(count: count, tasks: threads)
        defer { workload.close() }
        let (results, rounds, failure) = try Harness.run(workload, modes: chosen.filter { $0 != .interpreted && $0 != .freeThreaded }, threads: threads, tasks: threads,
                                                 rounds: requestedRounds, progress: ProgressLine.make(json: json),
                                                 switchIntervalMs: interval)
        let interpreted = chosen.contains(.interpreted) ? try InterpretedRun.countdown(count: count, threads: threads) : nil
        let report = RunReport(
            workload: "countdown",
            title: "countdown: while n > 0: n -= 1, \(count) iterations in all, on 1 thread and split over "
                + "\(threads) thread\(threads == 1 ? "" : "s"), \(activeCores) core\(activeCores == 1 ? "" : "s")\n"
                + "loop: cloop.countdown (C, boxed ints, an eval-breaker poll per iteration); "
                + "switch interval \(formatNumber(interval)) ms"
                + (rounds > 1 ? "; fastest of \(rounds) runs per mode" : "")
                + (interpreted.map { "\n" + $0.1.summary } ?? ""),
            size: count, threads: threads, tasks: threads, cores: activeCores,
            verified: failure == nil, verification: workload.verificationSummary,
            throughput: Throughput(key: "iterations_per_second", heading: "iterations/s",
                                   workPerRun: Double(count), scale: 1, cell: { formatRate($0, unit: "/s") }),
            results: Harness.ordered(results, interpreted.map { [$0.0] } ?? []),
            extra: [("loop", .string("cloop.countdown")), ("switch_interval_ms", .number(interval)),
                    ("repeat", .int(rounds))] + (interpreted.map { [("interpreted", $0.1.json)] } ?? []),
            kernelNoun: "loop")
        let ft = chosen.contains(.freeThreaded) ? try FreeThreadedRow.measure(command: name, arguments: arguments) : nil
        return finish(FreeThreadedRow.add(ft, to: report), failure: failure, json: json)
    }
}

/// The countdown tasks: task i counts its share of the total.
final class CountdownWorkload: Workload {
    let name = "countdown"
    let tasks: Int
    /// The start value of each task, as int objects.
    private let starts: ObjectSlots

    var verificationSummary: String { "every share was counted down to zero" }

    init(count: Int, tasks: Int) throws {
        self.tasks = tasks
        starts = ObjectSlots(count: tasks)
        for i in 0..<tasks {
            let share = count / tasks + (i < count % tasks ? 1 : 0)
            guard let n = MiniLong_FromLong(share) else {
                close()
                throw RunFailure("cannot make the counts: \(MiniError.fetch())")
            }
            starts.store(n, at: i)
        }
    }

    func close() { starts.clear() }

    func task(mode: Mode, results: ObjectSlots) throws -> TaskBody {
        let starts = self.starts
        return { (task: Int) throws(MiniError) in
            results.store(try callExtension("cloop", "countdown", starts[task]!), at: task)
        }
    }

    func verify(mode: Mode, results: ObjectSlots, reference: [Fingerprint]?) throws -> [Fingerprint] {
        for i in 0..<tasks where results[i] != Mini_GetNone() {
            throw VerificationFailure(message: "task \(i + 1) did not finish its countdown")
        }
        return Array(repeating: .none, count: tasks)
    }
}

// ----- processes and raw (ProcessMode.swift, RawMode.swift) ---------------------------------------

extension CountdownWorkload: ProcessWorkload, RawWorkload {
    /// The share as a u64.
    func payload(task: Int) throws -> [UInt8] { Wire.u64(UInt64(MiniLong_AsLong(starts[task]!))) }

    /// [1] when the worker's loop returned None.
    func result(task: Int, bytes: [UInt8]) throws -> MiniObjectPointer {
        if bytes == [1] { return Mini_NewRef(Mini_GetNone()) }
        return Mini_NewRef(Mini_GetFalse())
    }

    /// The loop on a machine integer; an atomic relaxed store per step keeps it a real loop.
    func rawPlan() throws -> RawPlan {
        let shares = (0..<tasks).map { MiniLong_AsLong(starts[$0]!) }
        let finished = RawPointer(address: UnsafeMutableRawPointer.allocate(byteCount: 8 * max(tasks, 1), alignment: 8))
        let tasks = self.tasks
        return RawPlan(
            run: { task in
                let n = Atomic<Int>(shares[task])
                while n.load(ordering: .relaxed) > 0 { n.store(n.load(ordering: .relaxed) - 1, ordering: .relaxed) }
                finished.address.storeBytes(of: n.load(ordering: .relaxed), toByteOffset: 8 * task, as: Int.self)
            },
            finish: { results in
                defer { finished.address.deallocate() }
                for task in 0..<tasks {
                    let left = finished.address.load(fromByteOffset: 8 * task, as: Int.self)
                    results.store(Mini_NewRef(left == 0 ? Mini_GetNone() : Mini_GetFalse()), at: task)
                }
            })
    }
}
