// AdviseCommand.swift: `extdemo advise FILE.py [args...] [--threads N]`: runs a script with the
// GIL recording on and says what kind of program it is, the way the teaching material's decision
// framework does, from measured wall-time fractions (each instant counted once, in the first of
// these that holds: some thread holds the lock; some thread runs native code with the lock
// released; the lock is changing hands (threads wait for it, nobody holds it: on a busy machine
// the scheduler's delay in waking the next holder); some thread is blocked; nothing):
//
//   CPU-bound in interpreted code  the lock is held or changing hands >= 60% of the time, and
//                                  native code without the lock runs < 25% of it (summed over
//                                  threads): threads will not help (use processes, a native
//                                  extension that releases the lock, or a free-threaded build)
//   native, lock released          native code without the lock >= 60%: threads help
//   I/O-bound                      blocked >= 60%: threads (or asyncio) help
//   hybrid                         none of these dominates
//
// and predicts the speedup of N threads with Amdahl's law, the lock's share s (held or changing
// hands) being the serial part; of the rest, native time (which needs a core) spreads over
// C = min(N, cores) and blocked or idle time (which needs none) over N:
//
//     speedup = 1 / (s + native / C + (blocked + idle) / N)
//
// (pure interpreted code: about 1x; pure native code: about min(N, cores)x; pure waiting: about
// Nx). --verify measures it: the script's code run once on one thread, then N copies at once on
// N threads, twice in turn, the fastest of each kept; speedup = N x T1 / TN (throughput, as
// Amdahl's law for N shares of work predicts).

import CShims
import Foundation
import MiniPy

enum AdviseCommand: Subcommand {
    static let name = "advise"
    static let summary = "run a script with the GIL recorded and say whether threads will help"
    static let takesOperands = true
    static let options: [OptionSpec] = [.option("--threads", "N"), .flag("--verify"), .flag("--json")]

    static let help = """
    Usage: extdemo advise [--threads N] [--verify] [--json] FILE.py [args...]

    Runs FILE.py (as `extdemo run` does) with every GIL transition recorded, then classifies it
    from the measured fractions of wall time: CPU-bound in interpreted code, I/O-bound, native
    with the lock released, or hybrid, and predicts the speedup of --threads threads by Amdahl's
    law with the lock's share as the serial part and the cores counted. Options go before FILE.py.

    Options:
      --threads N   the thread count to predict for (default: 4)
      --verify      also measure it: run the script's code once on one thread, then N copies
                    at once on N threads (exec in threading.Thread), twice in turn, and print
                    the measured throughput speedup N x T1 / TN (the fastest of each) beside the
                    prediction (the script's output then appears 2 x (1 + N) more times)
      --json        print the verdict as one JSON object (after the program's own output)
      -h, --help    show this help
    """

    struct Fractions {
        /// Exclusive wall-time fractions (they sum to 1): some thread holds the lock; else some
        /// thread runs native code without it; else the lock is changing hands (threads wait for
        /// it or were just made to drop it, nobody holds it); else some thread is blocked; else
        /// nothing (no thread alive in the recording).
        var held = 0.0, native = 0.0, handoff = 0.0, blocked = 0.0, idle = 0.0
        /// Native time summed over threads, over the wall time (native work that overlaps a
        /// holder is hidden from `native` but still runs in parallel).
        var nativeThreads = 0.0
        /// What the lock serialises: holding it, and handing it over.
        var serial: Double { held + handoff }
    }

    /// Exclusive wall-time fractions: each instant goes to the first of held, native, hand-off,
    /// blocked, idle.
    static func fractions(_ t: GILTimeline) -> Fractions {
        guard t.duration > 0 else { return Fractions() }
        var points: [(UInt64, GILState, Int)] = []
        var f = Fractions()
        for s in t.slices {
            points.append((s.start, s.state, 1))
            points.append((s.end, s.state, -1))
            if s.state == .native { f.nativeThreads += Double(s.duration) / Double(t.duration) }
        }
        points.sort { $0.0 < $1.0 }
        var active: [GILState: Int] = [:]
        var last: UInt64 = 0
        func any(_ s: GILState) -> Bool { (active[s] ?? 0) > 0 }
        for (time, state, delta) in points {
            let span = Double(time - last) / Double(t.duration)
            if any(.holding) { f.held += span }
            else if any(.native) { f.native += span }
            else if any(.waiting) || any(.forced) { f.handoff += span }
            else if any(.blocked) { f.blocked += span }
            else { f.idle += span }
            active[state, default: 0] += delta
            last = time
        }
        f.idle += Double(t.duration - last) / Double(t.duration)
        return f
    }

    /// The share of wall time at which one kind of time dominates (the same for every kind, so a
    /// program split evenly between computing and waiting is hybrid, as cpu_vs_io.py's comments
    /// call it).
    static let dominant = 0.6

    /// The decision framework: interpreted code that holds the lock (with no substantial native
    /// work running beside it), native code without the lock, waiting, or a mix.
    static func classify(_ f: Fractions) -> (String, String) {
        if f.serial >= dominant && f.nativeThreads < 0.25 {
            return ("CPU-bound in interpreted code",
                    "threads will not help: the lock serialises the bytecode. Use processes, a native extension that releases the lock, or a free-threaded build.")
        }
        if f.native >= dominant {
            return ("native with the lock released", "threads help: the native parts run in parallel, up to the number of cores.")
        }
        if f.blocked >= dominant {
            return ("I/O-bound", "threads (or asyncio) help: the waits overlap.")
        }
        return ("hybrid", "threads help only with the parts that do not hold the lock; see the prediction.")
    }

    /// The cores the threads can use (this process's, as the scheduler gives them).
    static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Amdahl's law with the lock's share (held or changing hands) as the serial part, native time spread over
    /// min(N, cores) and blocked or idle time over N (see the top of the file).
    static func predict(_ f: Fractions, threads n: Int, cores: Int) -> Double {
        let total = f.serial + f.native + f.blocked + f.idle
        guard total > 0, n >= 1 else { return 1 }
        let c = Double(max(1, min(n, cores)))
        let time = (f.serial + f.native / c + (f.blocked + f.idle) / Double(n)) / total
        return time > 0 ? 1 / time : Double(n)
    }

    /// Seconds to run `copies` copies of the script's code at once, each on its own thread.
    static func timeCopies(_ source: String, file: String, arguments: [String], copies: Int) throws -> Double {
        let argv = ([file] + arguments).map(JSON.quote).joined(separator: ", ")
        let program = """
        import sys, threading, time
        sys.argv = [\(argv)]
        code = compile(\(JSON.quote(source)), \(JSON.quote(file)), "exec")
        def one():
            exec(code, {"__name__": "__main__"})
        threads = [threading.Thread(target=one) for _ in range(\(copies))]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print("ADVISE_VERIFY", time.perf_counter() - start)
        """
        let result = MiniPy.runSource(program, filename: "<advise --verify>")
        FileHandle.standardOutput.write(Data(result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("ADVISE_VERIFY ") }.joined(separator: "\n").utf8))
        FileHandle.standardError.write(Data(result.stderr.utf8))
        guard result.exitCode == 0,
              let line = result.stdout.split(separator: "\n").last(where: { $0.hasPrefix("ADVISE_VERIFY ") }),
              let seconds = Double(line.dropFirst("ADVISE_VERIFY ".count)), seconds > 0 else {
            throw RunFailure("--verify: running \(copies) cop\(copies == 1 ? "y" : "ies") of \(file) failed (exit \(result.exitCode))")
        }
        return seconds
    }

    /// --verify times one copy and N copies alternately this many times and keeps the fastest of
    /// each: the first run of a short script in a process is slower than the later ones (its
    /// heap and caches are cold), which alone made one-then-N measure 1.2-1.45x for CPU-bound
    /// scripts of a few hundred ms whose prediction (and later runs) say 1.0x (session 7).
    static let verifyRounds = 2

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        let threads = try arguments.integer("--threads", default: 4, max: 4096)
        guard let file = arguments.operands.first else { throw UsageError("missing FILE.py (see 'extdemo advise --help')") }
        try requireReadableScript(file)
        let scriptArguments = Array(arguments.operands.dropFirst())
        try GILRecording.begin(stats: true, trace: nil, timeline: nil, policy: nil, words: ["advise", file])
        try Runtime.start()
        MiniPy.prepare()
        GILRecording.restart()   // the kit's start-up is not the program's
        let status = MiniPy.runFile(path: file, arguments: scriptArguments, switchInterval: nil)
        guard let timeline = GILRecording.stop() else { return status }
        GILRecording.discard()
        fflush(nil)
        let f = fractions(timeline)
        let (kind, advice) = classify(f)
        let predicted = predict(f, threads: threads, cores: cores)
        var measured: Double?
        if arguments.flag("--verify"), status == 0 {
            guard let source = try? String(contentsOfFile: file, encoding: .utf8) else { throw RunFailure("cannot read \(file)") }
            var one: [Double] = [], many: [Double] = []
            for _ in 0..<verifyRounds {
                one.append(try timeCopies(source, file: file, arguments: scriptArguments, copies: 1))
                many.append(try timeCopies(source, file: file, arguments: scriptArguments, copies: threads))
            }
            measured = Double(threads) * one.min()! / many.min()!
        }
        var notes: [String] = []
        if status != 0 { notes.append("the program exited with status \(status): the figures cover only what ran before it stopped") }
        if timeline.duration < 50_000_000 {
            notes.append(String(format: "only %.1f ms of wall time were recorded: too short for the fractions to say much (start-up dominates)",
                                Double(timeline.duration) / 1e6))
        }
        if arguments.flag("--json") {
            print(JSON.object([
                ("file", .string(file)), ("classification", .string(kind)), ("advice", .string(advice)),
                ("held_fraction", .number(f.held)), ("native_fraction", .number(f.native)),
                ("handoff_fraction", .number(f.handoff)), ("blocked_fraction", .number(f.blocked)),
                ("idle_fraction", .number(f.idle)), ("native_thread_fraction", .number(f.nativeThreads)),
                ("threads", .int(threads)), ("cores", .int(cores)), ("predicted_speedup", .number(predicted)),
                ("measured_speedup", measured.map(JSON.number) ?? .null),
                ("seconds", .number(Double(timeline.duration) / 1e9)), ("exit_status", .int(Int(status))),
                ("notes", .array(notes.map(JSON.string))),
            ]).encoded())
        } else {
            print("""
            advise: \(file): \(kind)
              measured over \(String(format: "%.3f", Double(timeline.duration) / 1e9)) s of wall time (each instant counted once):
                lock held \(pct(f.held)), native without the lock \(pct(f.native)), lock changing hands \(pct(f.handoff)),
                blocked \(pct(f.blocked)), idle \(pct(f.idle)); native time summed over threads \(pct(f.nativeThreads))
              \(advice)
              predicted speedup on \(threads) threads: \(String(format: "%.2fx", predicted))
                (Amdahl: the lock's \(pct(f.serial)) is serial, native time spreads over \(min(threads, cores)) of \(cores) cores, waits over \(threads) threads)
            """ + (measured.map { String(format: "\n  measured (--verify: %d copies at once vs one): %.2fx", threads, $0) } ?? "")
              + notes.map { "\n  note: " + $0 }.joined())
        }
        return status
    }

    static func pct(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
}
