// Report.swift: what a workload run prints. One table row per mode (wall time, speedup against
// the sequential run, parallel efficiency, throughput, GIL held %, switches, drop requests) and a
// line saying what the numbers mean; or, with --json, one object whose keys are stable:
//
//   { "workload", "size", "threads", "tasks", "cores", "verified",
//     "results": [ { "mode", "seconds", "speedup", "efficiency", "gflops" | "bytes_per_second",
//                    "gil": { "held_fraction", "switches", "drop_requests" } } ] }
//
// plus extra keys (kernel, switch interval, ...) that may grow. Efficiency is the speedup divided
// by the parallelism the machine can give, min(threads, cores).

import Foundation
import MiniKit

/// A JSON value that keeps its object keys in insertion order.
indirect enum JSON {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    func encoded(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .number(let d):
            guard d.isFinite else { return "null" }
            if d == d.rounded(), abs(d) < 1e15 { return String(format: "%.1f", d) }
            return String(d)
        case .string(let s): return JSON.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.encoded(indent: indent + 1) }.joined(separator: ",\n") + "\n" + closePad + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { pad + JSON.quote($0.0) + ": " + $0.1.encoded(indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + closePad + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// The throughput a workload reports, and how to compute it from a run.
struct Throughput {
    /// JSON key: "gflops", "bytes_per_second", "iterations_per_second".
    let key: String
    /// Table column heading.
    let heading: String
    /// Units of work in one run of all tasks (floating-point operations, bytes, iterations).
    let workPerRun: Double
    /// The JSON value and the table cell for a run of `seconds`.
    let scale: Double   // divide work/s by this for JSON (1e9 for GFLOPS)
    let cell: (Double) -> String
}

/// One mode's best measurement.
struct ModeResult {
    let mode: Mode
    let measurement: PhaseMeasurement
    /// The time this row's speedup is measured against, when it is not the sequential run's: the
    /// interpreted mode runs smaller work and compares its N threads with its own single thread.
    var ownBaselineSeconds: Double? = nil
    /// The sequential row's check of itself and of the machine (Truthfulness.swift).
    var baseline: BaselineCheck? = nil
}

/// Everything a workload run produced.
struct RunReport {
    let workload: String
    var title: String
    let size: Int
    let threads: Int
    let tasks: Int
    let cores: Int
    var verified: Bool
    let verification: String
    let throughput: Throughput
    var results: [ModeResult]
    var extra: [(String, JSON)]
    /// What the parallel modes mean for this workload, for the explanation line.
    let kernelNoun: String

    var baselineSeconds: Double? {
        results.first { $0.mode == .sequential }?.measurement.seconds
    }

    func speedup(_ r: ModeResult) -> Double? {
        guard let base = r.ownBaselineSeconds ?? baselineSeconds, r.measurement.seconds > 0 else { return nil }
        return base / r.measurement.seconds
    }

    func efficiency(_ r: ModeResult) -> Double? {
        guard let s = speedup(r) else { return nil }
        return s / Double(min(r.measurement.threads, cores))
    }

    static func heldFraction(_ m: PhaseMeasurement) -> Double {
        m.seconds > 0 ? Double(m.gil.held_ns) / (m.seconds * 1e9) : 0
    }

    // ----- JSON --------------------------------------------------------------------------------

    var json: JSON {
        var pairs: [(String, JSON)] = [
            ("workload", .string(workload)),
            ("size", .int(size)),
            ("threads", .int(threads)),
            ("tasks", .int(tasks)),
            ("cores", .int(cores)),
            ("verified", .bool(verified)),
            ("results", .array(results.map(resultJSON))),
        ]
        pairs.append(("verification", .string(verification)))
        pairs.append(("threads_exceed_cores", .bool(threads > cores)))
        pairs.append(("baseline", baselineCheck.json))
        pairs.append(contentsOf: extra)
        // --stats with --json: the recording stops here and its figures join the report.
        if let stats = GILRecording.jsonStats() { pairs.append(("gil_trace_stats", stats)) }
        return .object(pairs)
    }

    private func resultJSON(_ r: ModeResult) -> JSON {
        let m = r.measurement
        let rate = m.seconds > 0 ? throughput.workPerRun / m.seconds / throughput.scale : 0
        let costs: [(String, JSON)] = m.costs.map { c in
            [("processes", c.json), ("end_to_end_seconds", .number(c.endToEnd(m.seconds))),
             ("end_to_end_speedup", baselineSeconds.map { .number($0 / c.endToEnd(m.seconds)) } ?? .null)]
        } ?? []
        return .object(costs.isEmpty ? resultPairs(r, m, rate) : resultPairs(r, m, rate) + costs)
    }

    private func resultPairs(_ r: ModeResult, _ m: PhaseMeasurement, _ rate: Double) -> [(String, JSON)] {
        [
            ("mode", .string(r.mode.name)),
            ("threads", .int(m.threads)),
            ("seconds", .number(m.seconds)),
            ("speedup", speedup(r).map(JSON.number) ?? .null),
            ("efficiency", efficiency(r).map(JSON.number) ?? .null),
            (throughput.key, .number(rate)),
            ("gil", .object([
                ("held_fraction", .number(RunReport.heldFraction(m))),
                ("switches", .int(Int(m.gil.switches))),
                ("drop_requests", .int(Int(m.gil.drop_requests_issued))),
                ("drop_requests_honoured", .int(Int(m.gil.drop_requests_honoured))),
                ("acquisitions", .int(Int(m.gil.acquisitions))),
                ("explicit_releases", .int(Int(m.gil.explicit_releases))),
                ("wait_seconds", .number(Double(m.gil.wait_ns) / 1e9)),
            ])),
        ]
    }

    // ----- the table ---------------------------------------------------------------------------

    var table: String {
        var lines = [title]
        if threads > cores {
            lines.append("note: \(threads) threads on \(cores) core\(cores == 1 ? "" : "s"): efficiency is measured against \(cores), the parallelism the machine can give")
        }
        let header = ["mode", "threads", "wall", "speedup", "efficiency", throughput.heading, "GIL held", "switches", "drop requests"]
        var rows: [[String]] = [header]
        for r in results {
            let m = r.measurement
            let rate = m.seconds > 0 ? throughput.workPerRun / m.seconds : 0
            rows.append([
                r.mode.name,
                String(m.threads),
                formatDuration(m.seconds) + (r.ownBaselineSeconds != nil ? "*" : ""),
                speedup(r).map { String(format: "%.2fx", $0) } ?? "-",
                efficiency(r).map { String(format: "%.0f%%", $0 * 100) } ?? "-",
                throughput.cell(rate),
                String(format: "%.1f%%", RunReport.heldFraction(m) * 100),
                String(m.gil.switches),
                String(m.gil.drop_requests_issued),
            ])
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max()! }
        for (i, row) in rows.enumerated() {
            let cells = row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[c] - cell.count) + cell
            }
            lines.append(cells.joined(separator: "  "))
            if i == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        if results.contains(where: { $0.mode == .interpreted }) {
            lines.append("* interpreted: its time is scaled to the native work, and its speedup is its N threads against its own 1 thread")
        }
        if results.contains(where: { $0.mode.runner == .raw }) {
            lines.append("* raw: its speedup is its N pthreads against the same raw kernel on 1 pthread")
        }
        lines.append((verified ? "verified: " : "VERIFICATION FAILED: ") + verification)
        lines.append(contentsOf: explanations)
        return lines.joined(separator: "\n")
    }

    /// The sequential baseline's check (cores, load, CPU share, spread).
    var baselineCheck: BaselineCheck {
        results.first { $0.mode == .sequential }?.baseline ?? BaselineCheck(cores: cores, loadBefore: nil, rounds: [])
    }

    /// The baseline's verdict, then (only when it is clean) one line per parallel mode saying
    /// what its number means, derived from its measured lock figures (Truthfulness.swift). The
    /// processes row's spawn and transfer costs are measurements and are printed either way.
    var explanations: [String] {
        let check = baselineCheck
        let clean = check.problems.isEmpty
        return [check.summary] + results.compactMap { r -> String? in
            guard r.mode.parallel, let s = speedup(r) else { return nil }
            let x = String(format: "%.2fx", s)
            let on = "on \(check.cores) usable core\(check.cores == 1 ? "" : "s")"
            // The processes row's costs are measurements, printed whatever the baseline.
            if let c = r.measurement.costs { return processesLine(r, x: x, on: on, costs: c) }
            guard clean else { return nil }
            if r.mode.runner == .raw { return rawLine(x: x, on: on) }
            if r.mode.name == "free-threaded" {
                let ideal = min(r.measurement.threads, check.cores)
                return "\(r.mode.name): \(x) \(on) — no GIL at all: the threads run at once"
                    + (s >= 0.9 * Double(max(ideal, 1)) ? "" : ", short of \(ideal)x (a busy machine, or shared objects whose counts the threads contend for)")
            }
            return Explainer.explain(figures(r, speedup: s), cores: check.cores)
        }
    }

    /// A row's measured figures for the explainer.
    func figures(_ r: ModeResult, speedup s: Double) -> RowFigures {
        let m = r.measurement
        let threadNs = Double(m.threads) * m.seconds * 1e9
        let without = threadNs > 0 ? (threadNs - Double(m.gil.held_ns) - Double(m.gil.wait_ns)) / threadNs : 0
        return RowFigures(mode: r.mode.name, threads: m.threads, speedup: s, heldFraction: min(1, RunReport.heldFraction(m)),
                          withoutLockFraction: max(0, min(1, without)), switches: m.gil.switches,
                          dropRequests: m.gil.drop_requests_issued,
                          noun: r.mode == .interpreted ? "bytecode" : kernelNoun)
    }

    /// What the processes row means, with the costs its wall time leaves out.
    private func processesLine(_ r: ModeResult, x: String, on: String, costs c: ProcessCosts) -> String {
        let total = c.endToEnd(r.measurement.seconds)
        let whole = baselineSeconds.map { String(format: " = %.2fx", $0 / total) } ?? ""
        return "\(r.mode.name): \(x) \(on) — \(r.measurement.threads) worker processes, each with its own runtime and GIL, so none waits for another's lock; "
            + "not in the wall: spawn \(formatDuration(c.spawnSeconds)), inputs \(formatDuration(c.transferInSeconds)) (\(formatBytes(Double(c.bytesIn)))), "
            + "results \(formatDuration(c.collectSeconds)) (\(formatBytes(Double(c.bytesOut)))); end to end \(formatDuration(total))\(whole)"
    }

    /// What the raw row means, and how close the released row comes to it.
    private func rawLine(x: String, on: String) -> String {
        var line = "raw: \(x) \(on) — the \(kernelNoun) on plain pthreads, no runtime and no lock: the physical limit here"
        if let raw = results.last(where: { $0.mode.runner == .raw }).flatMap(speedup),
           let released = results.first(where: { $0.mode.releasesGIL && $0.mode.runner == .threads }).flatMap(speedup), raw > 0 {
            line += String(format: "; released reaches %.1f%% of it", 100 * released / raw)
        }
        return line
    }

    /// Prints the report (JSON or table) to stdout.
    func print(json asJSON: Bool) {
        Swift.print(asJSON ? json.encoded() : table)
    }
}

/// The number of cores the process may use (its affinity mask: Truthfulness.swift).
var activeCores: Int { usableCores }

/// "1.234 s", "54.2 ms", "812 µs".
func formatDuration(_ seconds: Double) -> String {
    if seconds >= 1 { return String(format: "%.3f s", seconds) }
    if seconds >= 1e-3 { return String(format: "%.1f ms", seconds * 1e3) }
    return String(format: "%.0f µs", seconds * 1e6)
}

/// "1.23 GB/s" style rates.
func formatRate(_ perSecond: Double, unit: String) -> String {
    let prefixes: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
    for (scale, prefix) in prefixes where perSecond >= scale {
        return String(format: "%.2f", perSecond / scale) + " " + prefix + unit
    }
    return String(format: "%.0f", perSecond) + " " + unit
}
