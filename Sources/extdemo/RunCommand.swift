// RunCommand.swift: `extdemo run [options] FILE.py [args...]` runs a script with the MiniPy
// interpreter as `python3 FILE.py args...` would, with the same exit statuses (0; 1 after an
// uncaught exception's traceback; 2 on usage errors and unreadable files; 130 after Ctrl-C; a
// SystemExit's code). Options must come before FILE: everything after it is the script's
// sys.argv[1:]. The kit's extension modules (matmul, hashing, sleeper, cloop, swiftext) are
// built in; `import NAME` also finds NAME.py / NAME.so beside the script, then in each
// --ext-path directory, then in each directory of EXTDEMO_PATH (colon-separated).

import Foundation
import MiniPy

enum RunCommand: Subcommand {
    static let name = "run"
    static let summary = "run a Python script with the MiniPy interpreter (like python3 FILE.py)"
    static let takesOperands = true
    static let options: [OptionSpec] = [.option("--switch-interval", "MS"), .option("--ext-path", "DIR")] + GILRecording.options

    static let help = """
    Usage: extdemo run [--switch-interval MS] [--ext-path DIR]... [--stats] [--trace FILE.json]
                       [--timeline FILE.svg|-] [--gil-policy POLICY] FILE.py [args...]

    Runs FILE.py with the MiniPy interpreter, as `python3 FILE.py args...` would: the script
    sees args in sys.argv[1:], and the exit status is python3's (0; 1 after an uncaught
    exception; 2 on usage errors or a file that cannot be read; 130 after Ctrl-C). Options go
    before FILE.py; everything after it belongs to the script.

    `import NAME` finds the built-in modules (threading, time, sys, math, random,
    concurrent.futures, and the kit's matmul, hashing, sleeper, cloop, swiftext), then NAME.py
    or NAME.so (see 'extdemo build-ext') beside the script, in each --ext-path DIR, and in each
    directory of $EXTDEMO_PATH (colon-separated), in that order.

    Options:
      --switch-interval MS   the GIL switch interval in milliseconds (default: 5)
      --ext-path DIR         another directory to import modules from (repeatable)
      \(GILRecording.help)
      -h, --help             show this help
    """

    /// Never reached through the generic parser (CLI hands `run` its raw words), kept so the
    /// command appears in the command table and `extdemo help run` works.
    static func run(_ arguments: CommandLineArguments) throws -> Int32 { 2 }

    /// Runs with the words after `run`. Returns the exit status.
    static func main(_ words: [String]) -> Int32 {
        var interval: Double?
        var extPaths: [String] = []
        var recording: [String: String] = [:]
        var i = 0
        func usage(_ message: String) -> Int32 {
            writeError("extdemo: run: \(message)\n")
            return 2
        }
        // extdemo's options, up to the first word that is not one: FILE.
        while i < words.count {
            let word = words[i]
            if word == "--" { i += 1; break }
            guard word.hasPrefix("-"), word != "-" else { break }
            if word == "-h" || word == "--help" { print(help); return 0 }
            var name = word, value: String?
            if let eq = word.firstIndex(of: "="), word.hasPrefix("--") {
                name = String(word[..<eq])
                value = String(word[word.index(after: eq)...])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                return usage("unknown option '\(name)' (options go before FILE.py; see 'extdemo run --help')")
            }
            i += 1
            if spec.value == nil {
                guard value == nil else { return usage("option \(name) takes no value") }
                recording[name] = ""
                continue
            }
            if value == nil {
                guard i < words.count else { return usage("option \(name) needs a value") }
                value = words[i]
                i += 1
            }
            if name == "--ext-path" {
                extPaths.append(value!)
            } else if name != "--switch-interval" {
                recording[name] = value!
            } else {
                guard let ms = Double(value!), ms > 0, ms <= 60_000 else {
                    return usage("--switch-interval must be a number of milliseconds in (0, 60000], not '\(value!)'")
                }
                interval = ms
            }
        }
        guard i < words.count else { return usage("missing FILE.py (see 'extdemo run --help')") }
        let file = words[i]
        let scriptArguments = Array(words[(i + 1)...])
        let envPath = (ProcessInfo.processInfo.environment["EXTDEMO_PATH"] ?? "")
            .split(separator: ":").map(String.init).filter { !$0.isEmpty }
        do {
            try GILRecording.begin(stats: recording["--stats"] != nil, trace: recording["--trace"],
                                   timeline: recording["--timeline"], policy: recording["--gil-policy"],
                                   words: ["run"] + words)
        } catch {
            return usage(error.message)
        }
        do {
            // Registers the kit's modules and the stdlib, then starts the runtime.
            try Runtime.start()
        } catch {
            writeError("extdemo: run: \(error)\n")
            return 1
        }
        MiniPy.extraSearchPath = extPaths + envPath
        let status = MiniPy.runFile(path: file, arguments: scriptArguments, switchInterval: interval.map { $0 / 1000 })
        return GILRecording.end(command: name) || status != 0 ? status : 1
    }
}
