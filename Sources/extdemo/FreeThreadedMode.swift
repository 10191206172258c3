// FreeThreadedMode.swift: the `free-threaded` row of the matmul and countdown tables, and the
// child runs that the race and compare commands use for their free-threaded rows.
//
// A runtime counts references one way for its whole life (CShims/Python/ftmode.c), so a table
// measured under the GIL cannot switch to free-threaded in the middle. The row is measured by a
// child: this binary, run as the same command with `--gil off --mode held --json`: the same
// tasks on the same threads, the kernel "holding" a lock that no longer exists. Its time is set
// against this table's sequential run (GIL mode, one thread), so the speedup is what dropping the
// GIL buys over the classic baseline; the child's own sequential run is reported beside it, which
// is what free-threading costs a single thread.

import CShims
import Foundation

extension Mode {
    /// N threads in a runtime started with the GIL off (a child process of this binary).
    static let freeThreaded: Mode = Mode(name: "free-threaded", parallel: true, releasesGIL: false, runner: .threads)
}

enum FreeThreadedRow {
    /// Options not forwarded to the child (it gets its own --mode, --json and --gil).
    static let notForwarded: Set<String> = ["--mode", "--json", "--gil", "--stats", "--trace", "--timeline", "--gil-policy"]

    /// Runs `extdemo COMMAND <the same options> --gil off --mode sequential,held --json` and returns
    /// the held row as this table's free-threaded row, and the child's sequential seconds.
    static func measure(command: String, arguments: CommandLineArguments) throws -> (ModeResult, Double?) {
        var words = [command]
        for (name, value) in arguments.values.sorted(by: { $0.key < $1.key }) where !notForwarded.contains(name) {
            words += [name, value]
        }
        words += ["--gil", "off", "--mode", "sequential,held", "--json"]
        let output = try ChildRun.stdout(words)
        guard let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
              let results = object["results"] as? [[String: Any]],
              let held = results.first(where: { $0["mode"] as? String == "held" }),
              let seconds = held["seconds"] as? Double else {
            throw RunFailure("the free-threaded run printed no result:\n\(output)")
        }
        if object["verified"] as? Bool == false {
            throw RunFailure("the free-threaded run failed its verification:\n\(output)")
        }
        let threads = held["threads"] as? Int ?? 1
        let sequential = results.first(where: { $0["mode"] as? String == "sequential" })?["seconds"] as? Double
        let measurement = PhaseMeasurement(seconds: seconds, gil: MiniGILStats(), threads: threads)
        return (ModeResult(mode: .freeThreaded, measurement: measurement), sequential)
    }

    /// The note under a table with a free-threaded row.
    static func note(childSequential: Double?, gilSequential: Double?) -> String {
        var text = "free-threaded: the held run again in a child started with --gil off (no GIL, biased reference counting)"
        if let ft = childSequential, let gil = gilSequential, gil > 0 {
            text += String(format: "; one thread there took %@ (%+.0f%% against this table's sequential run)",
                           formatDuration(ft), (ft / gil - 1) * 100)
        }
        return text
    }
}

/// Runs this binary with some words and returns what it printed (stderr is collected so a full
/// pipe cannot block the child). Throws RunFailure with the child's stderr when it fails.
enum ChildRun {
    static func stdout(_ words: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: WorkerProcess.executablePath)
        process.arguments = words
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw RunFailure("cannot start 'extdemo \(words.joined(separator: " "))': \(error)") }
        let collector = CompareCommand.ErrorCollector()
        let reader = Thread { collector.data = err.fileHandleForReading.readDataToEndOfFile(); collector.done.signal() }
        reader.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        collector.done.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RunFailure("'extdemo \(words.joined(separator: " "))' failed (exit \(process.terminationStatus)):\n"
                             + String(decoding: collector.data, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}

extension FreeThreadedRow {
    /// The modes named by --mode plus free-threaded when it was named explicitly (it is not part
    /// of `all`: it starts a child process).
    static func modes(_ arguments: CommandLineArguments, available: [Mode]) throws(UsageError) -> [Mode] {
        let chosen = try arguments.modes(available: available + [Mode.freeThreaded])
        let text: String = (arguments.values["--mode"] ?? "").lowercased()
        var named = false
        for part in text.split(separator: ",") where part.trimmingCharacters(in: .whitespaces) == "free-threaded" { named = true }
        return named ? chosen : chosen.filter { $0.name != "free-threaded" }
    }
    /// The report with the free-threaded row added (before the raw row) and its note in the title.
    static func add(_ row: (ModeResult, Double?)?, to report: RunReport) -> RunReport {
        guard let row else { return report }
        var updated = report
        updated.title = report.title + "\n" + note(childSequential: row.1, gilSequential: report.baselineSeconds)
        let others = report.results.filter { $0.mode.runner != .raw }
        let raw = report.results.filter { $0.mode.runner == .raw }
        updated.results = others + [row.0] + raw

        return updated
    }
}
