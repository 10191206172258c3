// Truthfulness.swift: whether a speedup may be explained at all, and the explanation derived from
// what was measured (issue 14, item 6).
//
// A speedup is a ratio to the sequential run, so it is only as good as that baseline. Before any
// explanation is printed, `BaselineCheck` looks at the baseline itself:
// - CPU time against wall time of each sequential round: a single-threaded run that got much
//   less than one CPU for its wall time was slowed by other work on the machine;
// - the cores the process may actually use (sched_getaffinity), not the machine's count;
// - the load average before the run, against those cores;
// - the spread of the sequential wall times over the repeated rounds.
// When any of them says the machine was busy or the rounds disagree, the report says so instead
// of explaining the figures. Otherwise `Explainer` explains each parallel row from its measured
// lock statistics — the share of the wall time the GIL was held and the share of the threads'
// time spent without it (native code) — never from the speedup alone: a held row is "the
// threads took turns" because the lock was held nearly all the time, not because the speedup was
// near 1. The tests feed both synthetic measurements (TruthfulnessTests).

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One round of the sequential baseline: its wall time and the process CPU time it used.
struct BaselineRound: Equatable {
    var wallSeconds: Double
    var cpuSeconds: Double
}

/// What the machine and the sequential baseline looked like during a run.
struct BaselineCheck: Equatable {
    var cores: Int
    /// The 1-minute load average just before the run (nil when unreadable).
    var loadBefore: Double?
    var rounds: [BaselineRound]

    /// Below this share of one CPU, the sequential run was starved by other work.
    static let minCPUShare = 0.85
    /// Above this relative spread ((max - min) / min) of the sequential rounds, the figure is noise.
    static let maxSpread = 0.10
    /// Above this load per usable core before the run, the machine was busy.
    static let maxLoadPerCore = 0.75

    /// The smallest CPU/wall share over the rounds (1 = the run had a CPU to itself).
    var cpuShare: Double? {
        let shares = rounds.filter { $0.wallSeconds > 0 }.map { $0.cpuSeconds / $0.wallSeconds }
        return shares.min()
    }

    /// (max - min) / min of the sequential wall times; nil with fewer than two rounds.
    var spread: Double? {
        let walls = rounds.map(\.wallSeconds).filter { $0 > 0 }
        guard walls.count >= 2, let lo = walls.min(), let hi = walls.max() else { return nil }
        return (hi - lo) / lo
    }

    /// Why the baseline cannot be trusted; empty when it can.
    var problems: [String] {
        var out: [String] = []
        if let share = cpuShare, share < BaselineCheck.minCPUShare {
            out.append(String(format: "the sequential run got %.0f%% of a CPU for its wall time (other work was running)", share * 100))
        }
        if let load = loadBefore, load > BaselineCheck.maxLoadPerCore * Double(cores) {
            out.append(String(format: "the load average was %.2f on %d usable core%@ before the run", load, cores, cores == 1 ? "" : "s"))
        }
        if let s = spread, s > BaselineCheck.maxSpread {
            out.append(String(format: "the sequential rounds differ by %.0f%% (%d rounds)", s * 100, rounds.count))
        }
        return out
    }

    /// One line: the verdict and the figures behind it.
    var summary: String {
        var figures: [String] = []
        if let share = cpuShare { figures.append(String(format: "sequential run %.0f%% of a CPU", share * 100)) }
        if let s = spread { figures.append(String(format: "spread %.1f%% over %d rounds", s * 100, rounds.count)) }
        else { figures.append("\(rounds.count) round\(rounds.count == 1 ? "" : "s"): spread not measured") }
        if let load = loadBefore { figures.append(String(format: "load %.2f", load)) }
        figures.append("\(cores) usable core\(cores == 1 ? "" : "s")")
        let p = problems
        if p.isEmpty { return "baseline: clean (" + figures.joined(separator: ", ") + ")" }
        return "baseline: NOT CLEAN — " + p.joined(separator: "; ")
            + ": the speedups above are not explained; rerun on an idle machine (" + figures.joined(separator: ", ") + ")"
    }

    var json: JSON {
        .object([("clean", .bool(problems.isEmpty)), ("cpu_share", cpuShare.map(JSON.number) ?? .null),
                 ("spread", spread.map(JSON.number) ?? .null), ("load_before", loadBefore.map(JSON.number) ?? .null),
                 ("usable_cores", .int(cores)), ("rounds", .int(rounds.count)),
                 ("problems", .array(problems.map(JSON.string)))])
    }
}

/// The measured figures of one parallel row that an explanation may use.
struct RowFigures {
    var mode: String
    var threads: Int
    var speedup: Double
    /// The share of the wall time some thread held the GIL (0...1).
    var heldFraction: Double
    /// The share of the worker threads' time spent neither holding nor waiting for the GIL:
    /// native code with the lock released (0...1).
    var withoutLockFraction: Double
    var switches: UInt64
    var dropRequests: UInt64
    /// "bytecode", "kernel", ...
    var noun: String
}

enum Explainer {
    /// At or above this held share the lock serialised the work.
    static let serialisedHeld = 0.9
    /// Below this held share the lock cannot be what bounds a released row's speedup.
    static let negligibleHeld = 0.2

    /// The lines explaining `rows`, or only the baseline's verdict when it is not clean.
    static func lines(baseline: BaselineCheck, rows: [RowFigures]) -> [String] {
        guard baseline.problems.isEmpty else { return [baseline.summary] }
        return [baseline.summary] + rows.map { explain($0, cores: baseline.cores) }
    }

    static func explain(_ r: RowFigures, cores: Int) -> String {
        let x = String(format: "%.2fx", r.speedup)
        let held = String(format: "%.0f%%", r.heldFraction * 100)
        let without = String(format: "%.0f%%", r.withoutLockFraction * 100)
        let ideal = min(r.threads, cores)
        let on = "\(r.threads) thread\(r.threads == 1 ? "" : "s") on \(cores) usable core\(cores == 1 ? "" : "s")"
        if r.heldFraction >= serialisedHeld {
            return "\(r.mode): \(x) — the GIL was held \(held) of the wall time, so the \(r.noun) ran one thread at a time: the threads took turns (\(r.switches) switches, \(r.dropRequests) drop requests)"
        }
        if ideal <= 1 {
            return "\(r.mode): \(x) — \(on): nothing can run in parallel here, whatever the lock does (GIL held \(held) of the wall time)"
        }
        var line = "\(r.mode): \(x), \(on) — the GIL was held \(held) of the wall time and the threads spent \(without) of their time without it"
        if r.heldFraction < negligibleHeld {
            line += ", so up to \(ideal) could run at once; any gap to \(ideal)x is not the lock (memory bandwidth, task sizes, other work)"
        } else {
            line += String(format: ", so the lock bounds the speedup near %.1fx (the time without it runs in parallel, the held time does not)",
                           min(Double(ideal), 1 / max(r.heldFraction, 1e-9)))
        }
        return line
    }
}

/// The cores this process may run on: sched_getaffinity's mask (what taskset or a container
/// allows), not the machine's count.
var usableCores: Int {
    #if canImport(Glibc)
    // Glibc declares sched_getaffinity only under _GNU_SOURCE, which Swift's module does not
    // define: look the function up instead (int sched_getaffinity(pid_t, size_t, cpu_set_t *)).
    typealias GetAffinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
    if let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_getaffinity") {
        let getAffinity = unsafeBitCast(sym, to: GetAffinity.self)
        var mask = [UInt8](repeating: 0, count: 128)   // 1024 CPUs, glibc's cpu_set_t
        if mask.withUnsafeMutableBytes({ getAffinity(0, 128, $0.baseAddress!) }) == 0 {
            let n = mask.reduce(0) { $0 + $1.nonzeroBitCount }
            if n > 0 { return n }
        }
    }
    #endif
    return ProcessInfo.processInfo.activeProcessorCount
}

/// The 1-minute load average, or nil.
func loadAverage() -> Double? {
    var l = [Double](repeating: 0, count: 3)
    return getloadavg(&l, 1) == 1 ? l[0] : nil
}

/// CPU time (user + system) used so far by this process, in seconds.
func processCPUSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
        + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}

/// CPU time (user + system) used so far by this process's waited-for children, in seconds.
func childrenCPUSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
        + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}
