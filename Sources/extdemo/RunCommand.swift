// RunCommand.swift: `extdemo run [options] FILE.py [args...]` runs a script with the MiniPy
// interpreter as `python3 FILE.py args...` would, with the same exit statuses (0; 1 after an
// uncaught exception's traceback; 2 on usage errors and unreadable files; 130 after Ctrl-C; a
// SystemExit's code). Options must come before FILE: everything after it is the script's
// sys.argv[1:]. The kit's extension modules (matmul, hashing, sleeper, cloop, swiftext) are
// built in; `import NAME` also finds NAME.py / NAME.so beside the script, then in each
// --ext-path directory, then in each directory of EXTDEMO_PATH (colon-separated).
// `--counters FILE.json` writes the lock's always-on counters for the whole run at exit (no
// recording, so no overhead): `extdemo compare` explains its table from them.

import Foundation
import CShims
import MiniPy

enum RunCommand: Subcommand {
    static let name = "run"
    static let summary = "run a Python script with the MiniPy interpreter (like python3 FILE.py)"
    static let takesOperands = true
    static let operandsEndOptions = true
    static let checksLeaks = false
    static let options: [OptionSpec] = [CommandLineArguments.switchIntervalOption, .option("--ext-path", "DIR"),
                                        .flag("--show-refcount"), .option("--counters", "FILE.json")] + GILRecording.options

    static let help = """
    Usage: extdemo run [--gil on|off|auto] [--switch-interval MS] [--ext-path DIR]... [--show-refcount] [--counters FILE.json] [--stats]
                       [--trace FILE.json] [--timeline FILE.svg|-] [--gil-policy POLICY]
                       FILE.py|- [args...]

    Runs FILE.py with the MiniPy interpreter, as `python3 FILE.py args...` would: the script
    sees args in sys.argv[1:], and the exit status is python3's (0; 1 after an uncaught
    exception; 2 on usage errors or a file that cannot be read; 130 after Ctrl-C). Options go
    before FILE.py; everything after it belongs to the script. FILE.py `-` reads the program
    from standard input (as `python3 -`; sys.argv[0] is then '-').

    `import NAME` finds the built-in modules (threading, time, sys, math, random,
    concurrent.futures, and the kit's matmul, hashing, sleeper, cloop, swiftext), then NAME.py
    or NAME.so (see 'extdemo build-ext') beside the script, in each --ext-path DIR, and in each
    directory of $EXTDEMO_PATH (colon-separated), in that order.

    Options:
      \(CommandLineArguments.switchIntervalHelp)
      --ext-path DIR         another directory to import modules from (repeatable)
      \(GILSetting.help)
      --show-refcount        at exit, print "[N refs, M blocks]" to stderr: the reference
                             total and the live objects (as python3 -X showrefcount)
      \(GILRecording.help)
      -h, --help             show this help
    """

    /// Runs FILE.py with the words after it as its sys.argv[1:]. Returns the exit status.
    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        guard let file = arguments.operands.first else { throw UsageError("missing FILE.py (see 'extdemo run --help')") }
        let scriptArguments = Array(arguments.operands.dropFirst())
        let interval = try arguments.switchIntervalMs()
        let envPath = (ProcessInfo.processInfo.environment["EXTDEMO_PATH"] ?? "")
            .split(separator: ":").map(String.init).filter { !$0.isEmpty }
        do {
            // Registers the kit's modules and the stdlib, then starts the runtime.
            try Runtime.start()
        } catch {
            throw RunFailure("\(error)")
        }
        MiniPy.extraSearchPath = arguments.allValues["--ext-path", default: []] + envPath
        let counters = arguments.values["--counters"]
        if counters?.isEmpty == true { throw UsageError("--counters needs a file name") }
        let started = Mini_MonotonicNs()
        let status = MiniPy.runFile(path: file, arguments: scriptArguments, switchInterval: interval.map { $0 / 1000 })
        if let counters, !writeCounters(to: counters, since: started) { return status == 0 ? 1 : status }
        // EXTDEMO_CHECK_TRACE=1: objects an extension allocated and never released (objtrace.c).
        _ = MiniRefDebug_ReportLeaks(2)
        if arguments.flag("--show-refcount") {
            writeError("[\(Mini_TotalRefCount()) refs, \(Mini_LiveObjects()) blocks]\n")
        }
        return status
    }

    /// The lock's counters since start-up (MiniGIL_GetStats) and the script's wall time, as one
    /// JSON object in `path`. False after a one-line message when the file cannot be written.
    static func writeCounters(to path: String, since started: UInt64) -> Bool {
        var stats = MiniGILStats()
        MiniGIL_GetStats(&stats)
        let seconds = Double(Mini_MonotonicNs() - started) / 1e9
        let json = JSON.object([
            ("seconds", .number(seconds)), ("gil_enabled", .bool(MiniRuntime_IsGILEnabled() != 0)),
            ("held_ns", .int(Int(stats.held_ns))), ("wait_ns", .int(Int(stats.wait_ns))),
            ("acquisitions", .int(Int(stats.acquisitions))), ("switches", .int(Int(stats.switches))),
            ("drop_requests_issued", .int(Int(stats.drop_requests_issued))),
            ("drop_requests_honoured", .int(Int(stats.drop_requests_honoured))),
            ("explicit_releases", .int(Int(stats.explicit_releases))),
        ])
        do {
            try Data((json.encoded() + "\n").utf8).write(to: URL(fileURLWithPath: path))
            return true
        } catch {
            writeError("extdemo: run: cannot write '\(path)': \(error.localizedDescription)\n")
            return false
        }
    }
}
