// ProcessMode.swift: `--mode processes` of matmul, hash and countdown: the remedy multiprocessing
// offers. The tasks run in N worker processes, each the kit's own binary (`extdemo __worker`)
// with its own runtime and therefore its own GIL, so N workers compute in parallel even though
// every one of them holds its lock throughout.
//
// A run has four phases, each timed on its own so the table's wall time is compute only:
//   spawn     start N workers; each starts its runtime and imports the module, then says READY
//   transfer  send each worker its tasks' inputs over its pipe (matrices, the buffer, the count);
//             the worker turns them into objects and says LOADED
//   compute   GO to every worker; each runs its tasks and says DONE (this is the row's wall)
//   collect   each worker sends its results back; the parent turns them into objects and the
//             harness verifies them exactly as it verifies the threads' results
// Task i goes to worker i % N. A worker that dies (crash, kill) is noticed as the end of its
// pipe: the run stops, the others are killed, and the report says which worker died and how.
// Ctrl-C reaches every worker (they share the terminal's process group), and a worker whose
// parent dies is killed by the kernel (PR_SET_PDEATHSIG), so none outlives the tool.

import Foundation
import MiniKit

extension Mode {
    /// N worker processes, one runtime and one GIL each; inputs and results cross pipes.
    static let processes = Mode(name: "processes", parallel: true, releasesGIL: false, runner: .processes)
}

/// A workload whose tasks can be shipped to a worker process.
protocol ProcessWorkload: Workload {
    /// The bytes a worker needs to run task i (GIL held).
    func payload(task: Int) throws -> [UInt8]
    /// Turns the bytes a worker sent back for task i into the result object (new reference,
    /// GIL held); throws VerificationFailure when they are malformed.
    func result(task: Int, bytes: [UInt8]) throws -> MiniObjectPointer
}

/// What a processes run cost apart from computing.
struct ProcessCosts: Sendable {
    var spawnSeconds: Double
    var transferInSeconds: Double
    var collectSeconds: Double
    var bytesIn: Int
    var bytesOut: Int
    /// The slowest worker's own compute time (its DONE), without the GO/DONE messages.
    var workerComputeSeconds: Double

    var endToEnd: (Double) -> Double { { compute in self.spawnSeconds + self.transferInSeconds + compute + self.collectSeconds } }

    var json: JSON {
        .object([("spawn_seconds", .number(spawnSeconds)), ("transfer_in_seconds", .number(transferInSeconds)),
                 ("collect_seconds", .number(collectSeconds)), ("bytes_in", .int(bytesIn)), ("bytes_out", .int(bytesOut)),
                 ("worker_compute_seconds", .number(workerComputeSeconds))])
    }
}

enum ProcessRunner {
    /// Environment variable naming a worker (1-based) that crashes with SIGSEGV when told GO:
    /// how the tests check that a dead worker is reported rather than waited for.
    static let crashHook = "EXTDEMO_TEST_CRASH_WORKER"

    /// Runs `tasks` tasks of `workload` on `workers` processes, storing result objects in
    /// `results`. Requires the GIL (kept by this thread throughout: the workers have their own).
    static func run(_ workload: ProcessWorkload, workers: Int, tasks: Int, results: ObjectSlots,
                    switchIntervalMs: Double, progress: ProgressLine?, label: String) throws -> PhaseMeasurement {
        let count = min(workers, max(tasks, 1))
        var started: [WorkerProcess] = []
        defer { started.forEach { $0.finish(kill: true) } }
        func dead(_ w: WorkerProcess, _ e: PipeBroken) -> RunFailure {
            RunFailure("\(label): \(w.death(e)); the run is abandoned")
        }
        func expect(_ w: WorkerProcess, _ tag: FrameTag) throws -> [UInt8] {
            let (got, payload): (FrameTag, [UInt8])
            do { (got, payload) = try w.fromWorker.read() } catch { throw dead(w, error) }
            if got == .error {
                throw RunFailure("\(label): worker \(w.index + 1) failed: \(String(decoding: payload, as: UTF8.self))")
            }
            guard got == tag else { throw RunFailure("\(label): worker \(w.index + 1) sent \(got) instead of \(tag)") }
            return payload
        }
        func send(_ w: WorkerProcess, _ tag: FrameTag, _ payload: [UInt8] = []) throws {
            do { try w.toWorker.write(tag, payload) } catch { throw dead(w, error) }
        }

        // Spawn: until every worker has its runtime up.
        progress?.update(label + ": starting workers", done: 0, of: count)
        let t0 = Mini_MonotonicNs()
        for i in 0..<count {
            started.append(try WorkerProcess.spawn(index: i, arguments: [
                workload.name, "--index", String(i + 1), "--switch-interval", String(switchIntervalMs)]))
        }
        for w in started { _ = try expect(w, .ready) }
        let t1 = Mini_MonotonicNs()

        // Transfer: every worker's inputs.
        var bytesIn = 0
        for w in started {
            for task in stride(from: w.index, to: tasks, by: count) {
                let payload = Wire.u64(UInt64(task)) + (try workload.payload(task: task))
                bytesIn += payload.count
                try send(w, .task, payload)
            }
            try send(w, .loadEnd)
            progress?.update(label + ": sending inputs", done: w.index + 1, of: count)
        }
        for w in started { _ = try expect(w, .loaded) }
        let t2 = Mini_MonotonicNs()

        // Compute.
        for w in started { try send(w, .go) }
        var slowest: UInt64 = 0
        for w in started {
            let done = try expect(w, .done)
            slowest = max(slowest, Wire.u64(done) ?? 0)
            progress?.update(label, done: w.index + 1, of: count)
        }
        let t3 = Mini_MonotonicNs()

        // Collect.
        var bytesOut = 0
        for w in started {
            try send(w, .collect)
            while true {
                let (tag, payload): (FrameTag, [UInt8])
                do { (tag, payload) = try w.fromWorker.read() } catch { throw dead(w, error) }
                if tag == .end { break }
                guard tag == .result, let task = Wire.u64(payload).map(Int.init), task < tasks else {
                    throw RunFailure("\(label): worker \(w.index + 1) sent a malformed result")
                }
                bytesOut += payload.count
                results.store(try workload.result(task: task, bytes: Array(payload[8...])), at: task)
            }
        }
        let t4 = Mini_MonotonicNs()
        for w in started {
            let how = w.finish()
            if how != "exited with status 0" {
                throw RunFailure("\(label): worker \(w.index + 1) (pid \(w.pid)) \(how) after its work")
            }
        }
        progress?.clear()
        let costs = ProcessCosts(spawnSeconds: Double(t1 - t0) / 1e9, transferInSeconds: Double(t2 - t1) / 1e9,
                                 collectSeconds: Double(t4 - t3) / 1e9, bytesIn: bytesIn, bytesOut: bytesOut,
                                 workerComputeSeconds: Double(slowest) / 1e9)
        return PhaseMeasurement(seconds: Double(t3 - t2) / 1e9, gil: MiniGILStats(), threads: count, costs: costs)
    }
}
