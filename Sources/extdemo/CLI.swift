// CLI.swift: the `extdemo` command: finds the subcommand, parses its options, runs it, and maps
// outcomes to exit statuses: 0 success, 1 the run failed (an exception, a failed verification, a
// file sha256sum could not read), 2 the command line was wrong. Usage errors and failures are one
// line on stderr: "extdemo: <command>: <message>".

import CShims
import Foundation

/// A subcommand: its name, a one-line summary, its help text and options, and its body.
protocol Subcommand {
    static var name: String { get }
    static var summary: String { get }
    static var help: String { get }
    static var options: [OptionSpec] { get }
    static var takesOperands: Bool { get }
    /// True when the first operand ends the options: every later word is an operand, even one
    /// that starts with "-" (`run FILE.py args...`: the script's arguments are its own).
    static var operandsEndOptions: Bool { get }
    /// True when, in checked mode, the command compares live objects with the start-up baseline
    /// afterwards (false for `run`, whose scripts legitimately keep the modules they import).
    static var checksLeaks: Bool { get }
    /// True when the command's runs happen in child processes (`compare`), which get its
    /// --stats/--trace/--timeline/--gil-policy themselves: this process records nothing.
    static var recordsInChildren: Bool { get }
    /// Runs with parsed arguments; returns the exit status.
    static func run(_ arguments: CommandLineArguments) throws -> Int32
}

extension Subcommand {
    static var takesOperands: Bool { false }
    static var operandsEndOptions: Bool { false }
    static var checksLeaks: Bool { true }
    static var recordsInChildren: Bool { false }
    static var entry: CommandEntry {
        CommandEntry(name: name, summary: summary, help: help, options: options, takesOperands: takesOperands,
                     operandsEndOptions: operandsEndOptions, checksLeaks: checksLeaks,
                     recordsInChildren: recordsInChildren, run: run)
    }
}

/// A subcommand as a value, for the command table.
struct CommandEntry {
    let name: String
    let summary: String
    let help: String
    let options: [OptionSpec]
    let takesOperands: Bool
    let operandsEndOptions: Bool
    let checksLeaks: Bool
    let recordsInChildren: Bool
    let run: (CommandLineArguments) throws -> Int32
}

enum CLI {
    static let version = "0.1.0"

    static var subcommands: [CommandEntry] {
        [MatmulCommand.entry, HashCommand.entry, Sha256sumCommand.entry, CountdownCommand.entry, BenchCommand.entry, RaceCommand.entry, CompareCommand.entry, ConvoyCommand.entry, AdviseCommand.entry,
         RunCommand.entry, DisCommand.entry, BuildExtCommand.entry, StressCommand.entry]
    }

    static var help: String {
        let width = subcommands.map { $0.name.count }.max()!
        let list = subcommands.map { "  " + $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary }
        return """
        Usage: extdemo <command> [options]

        Shows what a GIL does, with numbers: C extensions called from many threads through a
        miniature CPython-style C API, with the lock held or released around their kernels.

        Commands:
        \(list.joined(separator: "\n"))

        Options:
          -h, --help     show this help (or a command's, after its name)
          --version      print the version
          --gil on|off|auto
                         after a command's name: run with the GIL (on, the default) or
                         free-threaded (off: no GIL at all; auto: until an extension that has
                         not declared Mini_MOD_GIL_NOT_USED is imported). Also EXTDEMO_GIL=1|0|auto.

        Run 'extdemo <command> --help' for a command's options.
        """
    }

    static func main(_ words: [String]) -> Int32 {
        guard let first = words.first else {
            writeError(help + "\n")
            return 2
        }
        switch first {
        case "-h", "--help", "help":
            if first == "help", words.count > 1, let sub = subcommands.first(where: { $0.name == words[1] }) {
                print(sub.help)
            } else {
                print(help)
            }
            return 0
        case "--version", "-V":
            print("extdemo \(version) (\(Runtime.version))")
            return 0
        default:
            break
        }
        // A worker process of `--mode processes` (not a user command, not in the help).
        if first == "__worker" { return ProcessWorker.main(Array(words.dropFirst())) }
        // A child of multiprocessing's spawn start method (Lib/multiprocessing): not in the help.
        if first == "__mp_child" { return SpawnChild.main(Array(words.dropFirst())) }
        // The C API reference generator (Scripts/gen_c_api_doc.sh, CAPIDoc.swift): not in the help.
        if first == "__c-api-doc" { return CAPIDocCommand.main(Array(words.dropFirst())) }
        // sha256sum parses its options as coreutils does (Sha256sumOptions), not with the generic parser.
        if first == Sha256sumCommand.name { return Sha256sumCommand.main(Array(words.dropFirst())) }
        // A measurement aid: EXTDEMO_GIL_RECORD=1 records every GIL transition for the whole
        // command without analysing it, to time the recorder's cost on any command (bench).
        if ProcessInfo.processInfo.environment["EXTDEMO_GIL_RECORD"] == "1" { MiniGILRecord_Start() }
        guard let command = subcommands.first(where: { $0.name == first }) else {
            let names = subcommands.map(\.name).joined(separator: ", ")
            if first.hasPrefix("-") {
                writeError("extdemo: unknown option '\(first)' (commands: \(names); see 'extdemo --help')\n")
            } else {
                writeError("extdemo: unknown command '\(first)' (commands: \(names); see 'extdemo --help')\n")
            }
            return 2
        }
        do {
            let arguments = try CommandLineArguments(command: command.name, words: Array(words.dropFirst()),
                                                     options: command.options, takesOperands: command.takesOperands,
                                                     operandsEndOptions: command.operandsEndOptions)
            if arguments.wantsHelp {
                print(command.help)
                return 0
            }
            try GILSetting.apply(arguments)
            let records = command.options.contains { $0.name == "--stats" } && !command.recordsInChildren
            if records { try GILRecording.begin(arguments, words: words) }
            var status = try command.run(arguments)
            if records, !GILRecording.end(command: command.name), status == 0 { status = 1 }
            if command.checksLeaks { Runtime.reportLeaks(command: command.name) }
            return status
        } catch let error as UsageError {
            writeError("extdemo: \(command.name): \(error.message)\n")
            return 2
        } catch let error as RunFailure {
            writeError("extdemo: \(command.name): \(error.message)\n")
            return 1
        } catch {
            writeError("extdemo: \(command.name): \(error)\n")
            return 1
        }
    }
}

/// Writes to stderr, unbuffered.
func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
