// GILRecording.swift: the options every demo subcommand (and `run`) shares for seeing the lock:
// `--stats`, `--trace FILE.json`, `--timeline FILE.svg|-` and `--gil-policy`. `begin` sets the
// policy and turns the runtime's recording on before the command starts the runtime; the report
// (`finish` in Harness.swift) stops it so `--json` can carry the statistics; `end` writes the
// files and prints the text views on stderr, so a program's own stdout is the same with
// recording on or off.

import CShims
import Foundation

enum GILRecording {
    static let options: [OptionSpec] = [
        .flag("--stats"), .option("--trace", "FILE.json"), .option("--timeline", "FILE.svg|-"), .option("--gil-policy", "POLICY"),
    ]

    static let help = """
    --stats                exact GIL statistics after the run (stderr; in the JSON with --json)
      --trace FILE.json      write a Chrome/Perfetto trace of every GIL transition
      --timeline FILE.svg    draw the threads' lock states as an SVG; '-' draws them in the terminal
      --gil-policy POLICY    cpython (default), ticks[:N] (pre-3.2: release every N check points),
                             or prompt (a thread back from a blocking call is served at once, within
                             a budget that leaves CPU-bound threads >= 90% of the lock)
    """

    struct Request {
        var stats = false
        var trace: String?
        var timeline: String?
        var wantsRecording: Bool { stats || trace != nil || timeline != nil }
    }

    nonisolated(unsafe) private static var request = Request()
    nonisolated(unsafe) private static var startNs: UInt64 = 0
    nonisolated(unsafe) private static var endNs: UInt64 = 0
    nonisolated(unsafe) private static var recorded: GILTimeline?
    nonisolated(unsafe) private static var commandLine = ""
    nonisolated(unsafe) private static var statsInJSON = false

    /// Parses "cpython", "ticks", "ticks:N", "prompt". Throws a UsageError naming the option.
    static func parsePolicy(_ text: String, option: String = "--gil-policy") throws(UsageError) -> (Int32, UInt) {
        let parts = text.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first ?? "" {
        case "cpython" where parts.count == 1: return (Int32(MINI_GILPOLICY_CPYTHON.rawValue), 0)
        case "prompt" where parts.count == 1: return (Int32(MINI_GILPOLICY_PROMPT.rawValue), 0)
        case "ticks":
            if parts.count == 1 { return (Int32(MINI_GILPOLICY_TICKS.rawValue), 100) }
            guard let n = UInt(parts[1]), n >= 1, n <= 1_000_000_000 else {
                throw UsageError("\(option) ticks:N needs N, the check points between releases, in 1...1000000000, got '\(parts[1])'")
            }
            return (Int32(MINI_GILPOLICY_TICKS.rawValue), n)
        default:
            throw UsageError("\(option): unknown policy '\(text)' (choose cpython, ticks, ticks:N or prompt)")
        }
    }

    static func policyName(_ policy: Int32) -> String {
        switch policy {
        case Int32(MINI_GILPOLICY_TICKS.rawValue): return "ticks"
        case Int32(MINI_GILPOLICY_PROMPT.rawValue): return "prompt"
        default: return "cpython"
        }
    }

    /// Validates the options and, when any view is asked for, starts recording.
    static func begin(stats: Bool, trace: String?, timeline: String?, policy: String?, words: [String]) throws(UsageError) {
        if let policy {
            let (p, n) = try parsePolicy(policy)
            _ = MiniGIL_SetPolicy(p, UInt(n))
        }
        for (name, path) in [("--trace", trace), ("--timeline", timeline)] {
            guard let path, path != "-" else { continue }
            if path.isEmpty { throw UsageError("\(name) needs a file name") }
            if !FileManager.default.createFile(atPath: path, contents: nil) {
                throw UsageError("\(name): cannot write '\(path)'")
            }
        }
        if trace == "-" { throw UsageError("--trace needs a file name ('-' is for --timeline)") }
        request = Request(stats: stats, trace: trace, timeline: timeline)
        commandLine = (["extdemo"] + words).joined(separator: " ")
        recorded = nil
        guard request.wantsRecording else { return }
        MiniGILRecord_Start()
        startNs = Mini_MonotonicNs()
    }

    static func begin(_ arguments: CommandLineArguments, words: [String]) throws(UsageError) {
        try begin(stats: arguments.flag("--stats"), trace: arguments.values["--trace"],
                  timeline: arguments.values["--timeline"], policy: arguments.values["--gil-policy"], words: words)
    }

    /// Stops recording (once) and returns the timeline, or nil when nothing was asked for.
    static func stop() -> GILTimeline? {
        guard request.wantsRecording else { return nil }
        if let recorded { return recorded }
        MiniGILRecord_Stop()
        endNs = Mini_MonotonicNs()
        let t = GILTimeline.collect(startNs: startNs, endNs: endNs)
        recorded = t
        return t
    }

    /// Starts the recording afresh, dropping what the runtime's own start-up recorded (advise
    /// judges the program, not the kit's initialisation). Call with no other thread in the runtime.
    static func restart() {
        guard request.wantsRecording else { return }
        MiniGILRecord_Start()
        startNs = Mini_MonotonicNs()
    }

    /// Forgets the request after a command has used the recording itself (advise).
    static func discard() {
        request = Request()
        statsInJSON = false
    }

    /// The "gil_trace_stats" entry for a command's --json report (stops the recording), or nil.
    static func jsonStats() -> JSON? {
        guard request.stats, let t = stop() else { return nil }
        statsInJSON = true
        return GILTraceStats(t).json
    }

    /// Writes the files and prints the text views (the stats only if they did not go into the
    /// command's JSON). Returns false (after a one-line message) if a file cannot be written.
    @discardableResult
    static func end(command: String) -> Bool {
        guard let t = stop() else { return true }
        fflush(nil)   // the program's output first, then the views on stderr
        var ok = true
        if let path = request.trace {
            ok = write(GILTimelineViews.chromeTrace(t, command: commandLine, machine: machine), to: path, command: command) && ok
        }
        if let path = request.timeline {
            if path == "-" {
                let tty = isatty(2) != 0
                writeError(GILTimelineViews.terminal(t, width: terminalWidth(), colour: tty && ProcessInfo.processInfo.environment["NO_COLOR"] == nil))
            } else {
                ok = write(GILTimelineViews.svg(t, command: commandLine, machine: machine), to: path, command: command) && ok
            }
        }
        if request.stats, !statsInJSON { writeError(GILTraceStats(t).text + "\n") }
        request = Request()
        statsInJSON = false
        return ok
    }

    private static func write(_ text: String, to path: String, command: String) -> Bool {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return true
        } catch {
            writeError("extdemo: \(command): cannot write '\(path)': \(error.localizedDescription)\n")
            return false
        }
    }

    /// COLUMNS if set, else stderr's terminal width, else 100.
    static func terminalWidth() -> Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 { return n }
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }

    /// "hostname, N cores, Linux 6.x x86_64".
    static var machine: String {
        var u = utsname()
        uname(&u)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        }
        return "\(ProcessInfo.processInfo.hostName), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + "\(field(u.sysname)) \(field(u.release)) \(field(u.machine))"
    }
}
