// RawMode.swift: `--mode raw`: the workload's kernel on plain pthreads with no runtime and no
// lock at all: no thread states, no GIL, no objects created or touched while the clock runs.
// It is the physical limit of the kernel on this machine, printed as the table's last row, so
// the gap between the `released` row and it is everything the runtime and its lock cost.
//
// Inputs and result buffers are prepared before the clock starts (GIL held), the threads then
// run task indices from a shared counter exactly as the workers of the threaded modes do, and
// afterwards the results become objects the harness verifies like every other mode's.
//   matmul     mini_dgemm on the input matrices' arrays, admitting one kernel per core as the
//              extension does (a semaphore sized to the online cores)
//   hash       the SHA-256 kernel, miniext_sha256, on the buffer
//   countdown  `while n > 0: n -= 1` on a machine integer (an atomic store per step so the
//              compiler keeps the loop): no boxed ints exist without a runtime

import Foundation
import MiniExtensions
import MiniKit
import Synchronization

extension Mode {
    /// The kernel on plain pthreads: no runtime, no lock. Always printed last.
    static let raw = Mode(name: "raw", parallel: true, releasesGIL: true, runner: .raw)
}

/// Work prepared for a raw run: a kernel call per task that needs no runtime, and how to turn
/// what it computed into result objects afterwards.
struct RawPlan {
    /// Runs task i. Must not call any Mini_* function.
    let run: @Sendable (Int) -> Void
    /// Stores each task's result object in the slots (GIL held).
    let finish: (ObjectSlots) throws -> Void
}

/// A workload that can run its kernel with no runtime.
protocol RawWorkload: Workload {
    /// Prepares every task's inputs and output space (GIL held).
    func rawPlan() throws -> RawPlan
}

/// A counting semaphore admitting one kernel per online core, as matmul.c's core slots do.
final class CoreSlots: @unchecked Sendable {
    private let sem = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    init(count: Int) { sem_init(sem, 0, UInt32(max(count, 1))) }
    deinit { sem_destroy(sem); sem.deallocate() }
    func take() { while sem_wait(sem) != 0 {} }
    func give() { sem_post(sem) }
}

enum RawRunner {
    /// Runs the plan's tasks on `threads` plain pthreads. Called holding the GIL; releases it
    /// while the threads run (they never touch the runtime) and holds it again on return.
    static func run(_ workload: RawWorkload, threads: Int, tasks: Int, results: ObjectSlots) throws -> PhaseMeasurement {
        let plan = try workload.rawPlan()
        let ready = Latch(count: threads), done = Latch(count: threads)
        let go = Gate()
        var started: [OSThread] = []
        let shared = RawShared(plan: plan, tasks: tasks)
        for index in 0..<threads {
            guard let t = OSThread.start({
                ready.countDown()
                go.wait()
                while true {
                    let task = shared.next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if task >= shared.tasks { break }
                    shared.plan.run(task)
                }
                done.countDown()
            }) else {
                shared.next.store(tasks, ordering: .relaxed)
                for _ in index..<threads { ready.countDown(); done.countDown() }
                withGILReleased { go.open(); done.wait() }
                started.forEach { $0.join() }
                throw RunFailure("cannot start thread \(index + 1) of \(threads): the system refused (try fewer --threads)")
            }
            started.append(t)
        }
        let seconds: Double = withGILReleased {
            ready.wait()
            let start = Mini_MonotonicNs()
            go.open()
            done.wait()
            return Double(Mini_MonotonicNs() - start) / 1e9
        }
        started.forEach { $0.join() }
        try plan.finish(results)
        return PhaseMeasurement(seconds: seconds, gil: MiniGILStats(), threads: threads)
    }
}

private final class RawShared: Sendable {
    let next = Atomic<Int>(0)
    let plan: RawPlan
    let tasks: Int
    init(plan: RawPlan, tasks: Int) {
        self.plan = plan
        self.tasks = tasks
    }
}

extension RawPlan: @unchecked Sendable {}

/// Raw pointers handed to kernels that run without the runtime.
struct RawPointer: @unchecked Sendable {
    let address: UnsafeMutableRawPointer
}
