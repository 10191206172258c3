// CompareCommand.swift: `extdemo compare FILE.py [args...]`: one workload run every way the kit
// offers, in one table: sequentially, on threads sharing the GIL, and on processes with one GIL
// each, and on threads in a free-threaded runtime (no GIL).
//
// The script chooses how to run from its first two arguments: `FILE.py MODE WORKERS [args...]`,
// MODE being sequential, threads or processes (typically an executor chosen by it:
// ThreadPoolExecutor or ProcessPoolExecutor). Each mode is a fresh `extdemo run` of the script, so
// modes cannot disturb each other. The script may print a line `elapsed: SECONDS` for the part it
// timed itself (without start-up); otherwise the whole run is timed. Every mode must print the
// same output (apart from the elapsed line): the table says so, and exit status 1 says otherwise.
// Examples/compare/primes.py is a ready example.
//
// Each child also writes the lock's always-on counters (`run --counters`, no recording and so no
// overhead). When the baseline is clean the explanation under the table comes from them and from
// the children's CPU time: the share of the sequential run that held the GIL bounds what threads
// can give (Amdahl), the threads run's own share shows whether they took turns, the extra CPU
// time of the processes run is what spawning and pickling cost, and the free-threaded run is
// checked to have run with no lock.
//
// --stats, --trace, --timeline and --gil-policy go to every mode's child run (this process runs no
// Python): each child records its own lock, files get the mode in their name (t.json ->
// t.threads.json), and the children's statistics and terminal timelines are copied to stderr
// under the mode's name. In `processes` the recording is the parent run's (the workers are other
// processes).

import Foundation

enum CompareCommand: Subcommand {
    static let name = "compare"
    static let summary = "run one script sequentially, on threads, on processes and free-threaded; compare"
    static let takesOperands = true
    static let options: [OptionSpec] = [.option("--workers", "N"), .option("--repeat", "R"), .flag("--json")]
        + GILRecording.options
    static let recordsInChildren = true

    static let help = """
    Usage: extdemo compare [--workers N] [--repeat R] [--json] [--stats] [--trace FILE.json]
                           [--timeline FILE.svg|-] [--gil-policy POLICY] FILE.py [args...]

    Runs FILE.py once per mode as `extdemo run FILE.py MODE N [args...]` and prints one table of
    wall time, speedup over sequential and efficiency (speedup / min(N, cores)):
      sequential   MODE=sequential: the baseline
      threads      MODE=threads: N threads in one process, sharing one GIL
      processes    MODE=processes: N worker processes, one runtime and one GIL each
      free-threaded  MODE=threads under `extdemo run --gil off`: N threads, no GIL at all
    The script picks its executor from MODE (see Examples/compare/primes.py). If it prints a line
    `elapsed: SECONDS`, that time is used; otherwise the whole run's. Every mode must print the
    same output apart from that line.

    Options:
      --workers N    threads or processes (default: the number of cores)
      --repeat R     run every mode R times and keep the fastest (default: 1)
      --json         print JSON instead of the table
      --stats, --trace FILE.json, --timeline FILE.svg|-, --gil-policy POLICY
                     given to every mode's run: files are named per mode (FILE.threads.json, ...,
                     the last round's with --repeat), statistics and terminal timelines go to
                     stderr under the mode's name (in processes mode: the parent process's lock)
      -h, --help     show this help

    Exit status: 0 when every mode printed the same output, 1 when one failed or differed,
    2 for a bad command line.
    """

    struct Run {
        let mode: String
        let seconds: Double
        let output: String
        /// The child's whole wall time and the CPU time it used (for the baseline check).
        var wall: Double = 0
        var cpu: Double = 0
        /// The child's lock counters (`run --counters`), nil if it wrote none.
        var counters: Counters?
    }

    /// What `run --counters` wrote: the script's wall time and the lock's held time over it.
    struct Counters {
        let seconds: Double
        let heldNs: Double
        let switches: Int
        let gilEnabled: Bool
        /// The share of the run's wall time some thread held the GIL (0...1).
        var heldShare: Double { seconds > 0 ? min(1, heldNs / 1e9 / seconds) : 0 }

        init?(json data: Data) {
            guard let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let seconds = o["seconds"] as? Double, let held = o["held_ns"] as? NSNumber,
                  let switches = o["switches"] as? Int, let enabled = o["gil_enabled"] as? Bool else { return nil }
            self.seconds = seconds
            heldNs = held.doubleValue
            self.switches = switches
            gilEnabled = enabled
        }
    }

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        guard let file = arguments.operands.first else { throw UsageError("missing FILE.py (see 'extdemo compare --help')") }
        try requireReadableScript(file)
        let workers = try arguments.integer("--workers", default: activeCores, max: 256)
        let rounds = try arguments.integer("--repeat", default: 1, max: 100)
        let extra = Array(arguments.operands.dropFirst())
        let recording = try recordingArguments(arguments)
        var best: [String: Run] = [:]
        let modes = ["sequential", "threads", "processes", "free-threaded"]
        var baseline = BaselineCheck(cores: usableCores, loadBefore: loadAverage(), rounds: [])
        for _ in 0..<rounds {
            for mode in modes {
                let r = try runOnce(file: file, mode: mode, workers: mode == "sequential" ? 1 : workers, extra: extra,
                                    recording: recording(mode))
                if mode == "sequential" { baseline.rounds.append(BaselineRound(wallSeconds: r.wall, cpuSeconds: r.cpu)) }
                if best[mode].map({ r.seconds < $0.seconds }) ?? true { best[mode] = r }
            }
        }
        let runs = modes.map { best[$0]! }
        let same = runs.allSatisfy { $0.output == runs[0].output }
        let base = runs[0].seconds
        func speedup(_ r: Run) -> Double { r.seconds > 0 ? base / r.seconds : 0 }
        func efficiency(_ r: Run) -> Double { speedup(r) / Double(min(r.mode == "sequential" ? 1 : workers, activeCores)) }
        if arguments.flag("--json") {
            let rows: [JSON] = runs.map { r in
                .object([("mode", .string(r.mode)), ("workers", .int(r.mode == "sequential" ? 1 : workers)),
                         ("seconds", .number(r.seconds)), ("speedup", .number(speedup(r))), ("efficiency", .number(efficiency(r))),
                         ("cpu_seconds", .number(r.cpu)),
                         ("gil_held_fraction", r.counters.map { .number($0.heldShare) } ?? .null)])
            }
            print(JSON.object([("file", .string(file)), ("cores", .int(activeCores)), ("same_output", .bool(same)),
                               ("results", .array(rows)), ("baseline", baseline.json)]).encoded())
        } else {
            print("compare: \(file) with \(workers) worker\(workers == 1 ? "" : "s"), \(activeCores) core\(activeCores == 1 ? "" : "s")"
                  + (rounds > 1 ? "; fastest of \(rounds) runs per mode" : ""))
            let header = ["mode", "workers", "wall", "speedup", "efficiency"]
            var rows = [header]
            for r in runs {
                rows.append([r.mode, String(r.mode == "sequential" ? 1 : workers), formatDuration(r.seconds),
                             String(format: "%.2fx", speedup(r)), String(format: "%.0f%%", efficiency(r) * 100)])
            }
            let widths = header.indices.map { c in rows.map { $0[c].count }.max()! }
            for (i, row) in rows.enumerated() {
                print(row.enumerated().map { c, cell in
                    c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                           : String(repeating: " ", count: widths[c] - cell.count) + cell
                }.joined(separator: "  "))
                if i == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
            }
            print(same ? "verified: every mode printed the same output" : "OUTPUT DIFFERS between modes")
            // The baseline's verdict first; the modes are described only when it is clean (no
            // lock statistics cross the process boundary, so nothing more is explained).
            print(baseline.summary)
            if baseline.problems.isEmpty {
                for line in explanation(runs, workers: workers, speedup: speedup) { print(line) }
            }
        }
        if !same {
            for r in runs where r.output != runs[0].output {
                writeError("extdemo: compare: \(r.mode) printed different output from sequential:\n\(r.output)")
            }
            return 1
        }
        return 0
    }

    /// The lines under the table, each from a measured figure (the caller prints them only when
    /// the baseline is clean).
    static func explanation(_ runs: [Run], workers: Int, speedup: (Run) -> Double) -> [String] {
        func run(_ mode: String) -> Run? { runs.first { $0.mode == mode } }
        func pct(_ x: Double) -> String { String(format: "%.0f%%", 100 * x) }
        func x(_ v: Double) -> String { String(format: "%.2fx", v) }
        let n = Double(min(workers, activeCores))
        var lines: [String] = []
        if let seq = run("sequential"), let threads = run("threads"), let s = seq.counters, let t = threads.counters {
            // Amdahl: the held share of the sequential run is serial; the rest can spread over n cores.
            let bound = 1 / (s.heldShare + (1 - s.heldShare) / n)
            lines.append("threads: the sequential run held the GIL \(pct(s.heldShare)) of its time, so \(workers) threads could give "
                         + "at most \(x(bound)) (Amdahl, the held share serial); they gave \(x(speedup(threads))), holding it "
                         + "\(pct(t.heldShare)) of their run with \(t.switches) hand-offs"
                         + (t.heldShare >= 0.9 ? ": they took turns" : ""))
        }
        if let seq = run("sequential"), let procs = run("processes") {
            let extra = procs.cpu - seq.cpu
            lines.append("processes: one interpreter and one GIL per worker; they gave \(x(speedup(procs))) and used "
                         + String(format: "%.2f s", max(0, extra)) + " more CPU than the sequential run "
                         + "(starting \(workers) interpreters, pickling arguments and results)")
        }
        if let ft = run("free-threaded"), let c = ft.counters {
            lines.append(c.gilEnabled
                ? "free-threaded: the GIL was re-enabled during the run (an extension that did not declare it safe without it), "
                  + "so this row is threads again: \(x(speedup(ft)))"
                : "free-threaded: no GIL (biased reference counting, per-object locks): the threads gave \(x(speedup(ft))) "
                  + "where \(workers) workers on \(activeCores) cores allow at most \(x(n))")
        }
        return lines
    }

    /// The recording options for one mode's child run: --stats, --trace/--timeline with the mode in
    /// the file name ('-' stays the terminal), --gil-policy (checked here, so a bad one is a usage
    /// error before anything runs).
    static func recordingArguments(_ arguments: CommandLineArguments) throws -> (String) -> [String] {
        let stats = arguments.flag("--stats")
        let trace = arguments.values["--trace"], timeline = arguments.values["--timeline"]
        let policy = arguments.values["--gil-policy"]
        if let policy { _ = try GILRecording.parsePolicy(policy) }
        if trace == "-" { throw UsageError("--trace needs a file name ('-' is for --timeline)") }
        for (name, path) in [("--trace", trace), ("--timeline", timeline)] where path?.isEmpty == true {
            throw UsageError("\(name) needs a file name")
        }
        return { mode in
            var words: [String] = stats ? ["--stats"] : []
            if let trace { words += ["--trace", perMode(trace, mode)] }
            if let timeline { words += ["--timeline", timeline == "-" ? "-" : perMode(timeline, mode)] }
            if let policy { words += ["--gil-policy", policy] }
            return words
        }
    }

    /// "dir/t.json" -> "dir/t.threads.json"; a name without an extension gets ".threads" appended.
    static func perMode(_ path: String, _ mode: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path + "." + mode }
        return String(path[..<dot]) + "." + mode + String(path[dot...])
    }

    /// One `extdemo run FILE MODE N args...`: its time and its output without the elapsed line.
    /// With recording options the child's stderr (its statistics, its terminal timeline) is
    /// copied to ours under the mode's name.
    static func runOnce(file: String, mode: String, workers: Int, extra: [String], recording: [String] = []) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: WorkerProcess.executablePath)
        let countersFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("extdemo-compare-\(getpid())-\(mode).json").path
        defer { try? FileManager.default.removeItem(atPath: countersFile) }
        let options = recording + ["--counters", countersFile]
        process.arguments = mode == "free-threaded" ? ["run", "--gil", "off"] + options + [file, "threads", String(workers)] + extra
                                                    : ["run"] + options + [file, mode, String(workers)] + extra
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuBefore = childrenCPUSeconds()
        do { try process.run() } catch { throw RunFailure("cannot start \(mode) run: \(error)") }
        let errCollector = ErrorCollector()
        let reader = Thread { errCollector.data = err.fileHandleForReading.readDataToEndOfFile(); errCollector.done.signal() }
        reader.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        errCollector.done.wait()
        process.waitUntilExit()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = childrenCPUSeconds() - cpuBefore
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw RunFailure("the \(mode) run failed (exit \(process.terminationStatus)):\n"
                             + String(decoding: errCollector.data, as: UTF8.self))
        }
        if !recording.isEmpty, !errCollector.data.isEmpty {
            writeError("compare: \(mode) run (\(recording.joined(separator: " "))):\n" + String(decoding: errCollector.data, as: UTF8.self))
        }
        var seconds = wall
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("elapsed: "), let s = Double(line.dropFirst(9).trimmingCharacters(in: .whitespaces)) {
                seconds = s
            } else {
                kept.append(line)
            }
        }
        let counters = (try? Data(contentsOf: URL(fileURLWithPath: countersFile))).flatMap(Counters.init(json:))
        return Run(mode: mode, seconds: seconds, output: kept.joined(separator: "\n"), wall: wall, cpu: cpu, counters: counters)
    }

    final class ErrorCollector: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }
}
