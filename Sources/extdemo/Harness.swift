// Harness.swift: runs a workload in each requested mode, times it, and verifies every result.
//
// The sequential baseline runs first: its results are checked independently (each workload knows
// how: Freivalds' test for matmul, the C kernel called directly for hashing) and become the
// reference every other mode's results must equal exactly. The modes run in R interleaved rounds
// (sequential, held, released, sequential, ...) and each keeps its fastest round, so a burst of
// load from elsewhere on the machine hurts one round, not one mode. R is --repeat, or by default
// as many rounds as fit in about three seconds (at most five).

import Foundation
import MiniKit

/// A workload the harness can run: a task body per mode, and a check of a phase's results.
protocol Workload {
    /// "matmul", "hash", "countdown": used in progress lines and messages.
    var name: String { get }
    /// The body that runs task i in `mode`, storing its result in `results` slot i.
    func task(mode: Mode, results: ObjectSlots) throws -> TaskBody
    /// Checks the results of one phase (GIL held). `reference` is nil for the first sequential
    /// round, whose results are checked independently and whose fingerprints become the reference;
    /// later phases must reproduce them. Returns the fingerprints, or throws VerificationFailure.
    func verify(mode: Mode, results: ObjectSlots, reference: [Fingerprint]?) throws -> [Fingerprint]
    /// One sentence saying how the results were verified, for the report.
    var verificationSummary: String { get }
}

/// What identifies one task's result: a checksum, a digest.
enum Fingerprint: Equatable, CustomStringConvertible {
    case number(Double)
    case bytes([UInt8])
    case none

    var description: String {
        switch self {
        case .number(let d): return String(d)
        case .bytes(let b): return b.map { String(format: "%02x", $0) }.joined()
        case .none: return "None"
        }
    }
}

/// A result that is wrong: the run must fail loudly.
struct VerificationFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

enum Harness {
    static let autoSeconds = 3.0
    static let autoMaxRounds = 5
    /// Runs `modes` (the sequential baseline is always added first), `rounds` times each.
    /// Returns the fastest measurement of each mode and the verification outcome (nil when every
    /// result was right, else the first failure). Requires the GIL.
    /// With `rounds` nil, the number of rounds is chosen after the first: enough for about
    /// `autoSeconds` in all, at most `autoMaxRounds`.
    static func run(_ workload: Workload, modes requested: [Mode], threads: Int, tasks: Int,
                    rounds requestedRounds: Int?, progress: ProgressLine?,
                    switchIntervalMs: Double = 5) throws -> (results: [ModeResult], rounds: Int, failure: String?) {
        let modes = [Mode.sequential] + requested.filter { $0 != .sequential }
        var best: [Mode: PhaseMeasurement] = [:]
        var rawOneThread: Double?   // the raw kernel on one pthread: the raw row's own baseline
        var reference: [Fingerprint]?
        var failure: String?
        var rounds = requestedRounds ?? 1
        var round = 0
        // The baseline's own check (Truthfulness.swift): the load before, and per sequential
        // round its wall time and the CPU time the process used meanwhile.
        var baseline = BaselineCheck(cores: usableCores, loadBefore: loadAverage(), rounds: [])
        let started = Mini_MonotonicNs()
        while round < rounds {
            defer {
                round += 1
                if round == 1, requestedRounds == nil {
                    let first = Double(Mini_MonotonicNs() - started) / 1e9
                    rounds = max(1, min(autoMaxRounds, Int(autoSeconds / max(first, 1e-6))))
                }
            }
            for mode in modes {
                let results = ObjectSlots(count: tasks)
                defer { results.clear() }
                let label = "\(workload.name) \(mode.name)" + (rounds > 1 ? " (run \(round + 1) of \(rounds))" : "")
                let measured: PhaseMeasurement
                switch mode.runner {
                case .threads:
                    let body = try workload.task(mode: mode, results: results)
                    let cpuBefore = processCPUSeconds()
                    measured = try Workers.run(label: label, threads: mode.parallel ? threads : 1,
                                               tasks: tasks, progress: progress, body: body)
                    if mode == .sequential {
                        baseline.rounds.append(BaselineRound(wallSeconds: measured.seconds,
                                                             cpuSeconds: processCPUSeconds() - cpuBefore))
                    }
                case .processes:
                    guard let w = workload as? ProcessWorkload else { throw RunFailure("\(workload.name) cannot run in processes") }
                    measured = try ProcessRunner.run(w, workers: threads, tasks: tasks, results: results,
                                                     switchIntervalMs: switchIntervalMs, progress: progress, label: label)
                case .raw:
                    guard let w = workload as? RawWorkload else { throw RunFailure("\(workload.name) has no raw kernel") }
                    let one = try RawRunner.run(w, threads: 1, tasks: tasks, results: results)
                    rawOneThread = min(rawOneThread ?? one.seconds, one.seconds)
                    measured = try RawRunner.run(w, threads: threads, tasks: tasks, results: results)
                }
                if best[mode].map({ measured.seconds < $0.seconds }) ?? true { best[mode] = measured }
                do {
                    let prints = try workload.verify(mode: mode, results: results, reference: reference)
                    if reference == nil { reference = prints }
                } catch let error as VerificationFailure {
                    failure = failure ?? "\(mode.name): \(error.message)"
                }
            }
        }
        let ordered = modes.filter { requested.contains($0) || $0 == .sequential }
        return (ordered.map { ModeResult(mode: $0, measurement: best[$0]!,
                                         ownBaselineSeconds: $0.runner == .raw ? rawOneThread : nil,
                                         baseline: $0 == .sequential ? baseline : nil) }, rounds, failure)
    }

    /// The rows in table order: the harness's, then `extra` (the interpreted row), the raw row
    /// always last so the gap to the physical limit reads at the bottom.
    static func ordered(_ results: [ModeResult], _ extra: [ModeResult] = []) -> [ModeResult] {
        let all = results + extra
        return all.filter { $0.mode.runner != .raw } + all.filter { $0.mode.runner == .raw }
    }

    /// Compares one phase's fingerprints with the reference: the first mismatch, if any.
    static func compare(_ prints: [Fingerprint], with reference: [Fingerprint]?, what: String) throws {
        guard let reference else { return }
        for (i, (got, want)) in zip(prints, reference).enumerated() where got != want {
            throw VerificationFailure(message: "task \(i + 1): \(what) \(got) differs from the sequential run's \(want)")
        }
    }
}

/// Prints the report and turns a verification failure into exit status 1, loudly.
func finish(_ report: RunReport, failure: String?, json: Bool) -> Int32 {
    report.print(json: json)
    if let failure {
        let message = "extdemo: \(report.workload): VERIFICATION FAILED: \(failure)\n"
            + "extdemo: \(report.workload): the results above are not to be trusted\n"
        FileHandle.standardError.write(Data(message.utf8))
        return 1
    }
    return 0
}
