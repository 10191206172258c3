// Workers.swift: runs T tasks over N OS threads the way N interpreted Python threads would.
//
// Each worker is a plain pthread that enters the runtime through MiniGILState_Ensure (so it gets
// its own thread state), takes the GIL, and runs tasks with the lock held: a task calls into an
// extension through the Mini API, and the extension decides whether to let the lock go. Between
// tasks a worker polls the eval breaker, as bytecode does at a loop's back edge, so a thread that
// has waited a switch interval gets its turn.
//
// Timing is fair to every mode: the threads are created, have their thread states and have
// released the lock before the clock starts; they then wait on one gate that the main thread
// opens, so all of them start together. The main thread does not hold the GIL while the phase
// runs (it would be one more contender): it waits with the lock released, drawing progress.
// Lock statistics are reset just before the gate opens and read as soon as the last worker ends.

import Foundation
import MiniKit
import Synchronization

/// Object pointers shared between the threads of a phase. Not thread-safe by itself: the GIL is
/// the lock, as it is for every object. Read and write it only while holding the GIL.
final class ObjectSlots: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<MiniObjectPointer?>
    let count: Int

    init(count: Int) {
        self.count = count
        slots = UnsafeMutablePointer<MiniObjectPointer?>.allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: max(count, 1))
    }

    deinit { slots.deallocate() }

    /// The object in slot i (borrowed), or nil.
    subscript(i: Int) -> MiniObjectPointer? { slots[i] }

    /// Stores a new reference in slot i, dropping the previous occupant. GIL required.
    func store(_ object: MiniObjectPointer, at i: Int) {
        let old = slots[i]
        slots[i] = object
        if let old { Mini_DECREF(old) }
    }

    /// Drops every reference. GIL required.
    func clear() {
        for i in 0..<count {
            if let o = slots[i] {
                slots[i] = nil
                Mini_DECREF(o)
            }
        }
    }
}

/// What a phase measured.
struct PhaseMeasurement: Sendable {
    var seconds: Double
    var gil: MiniGILStats
    var threads: Int
    /// Spawn and transfer costs of a processes run (not part of `seconds`).
    var costs: ProcessCosts? = nil
}

/// One task, run by a worker holding the GIL. Throwing stops the phase.
typealias TaskBody = @Sendable (_ task: Int) throws(MiniError) -> Void

/// State the threads of one phase share.
private final class Phase: Sendable {
    let tasks: Int
    let nextTask = Atomic<Int>(0)
    let completed = Atomic<Int>(0)
    let ready: Latch
    let go = Gate()
    let done: Latch
    let failure = Mutex<(task: Int, error: MiniError)?>(nil)

    init(tasks: Int, threads: Int) {
        self.tasks = tasks
        ready = Latch(count: threads)
        done = Latch(count: threads)
    }
}

enum Workers {
    /// Runs tasks 0..<tasks on `threads` new OS threads (each task exactly once, handed out in
    /// order as threads become free). Must be called holding the GIL; returns holding it.
    /// Throws the first task's failure, or a RunFailure if threads cannot be started.
    static func run(label: String, threads: Int, tasks: Int, progress: ProgressLine?,
                    body: @escaping TaskBody) throws -> PhaseMeasurement {
        let phase = Phase(tasks: tasks, threads: threads)
        var started: [OSThread] = []
        started.reserveCapacity(threads)
        for index in 0..<threads {
            guard let thread = OSThread.start({ workerMain(index: index, phase: phase, body: body) }) else {
                // Let the ones already running finish with nothing to do.
                phase.nextTask.store(tasks, ordering: .relaxed)
                for _ in index..<threads {
                    phase.ready.countDown()
                    phase.done.countDown()
                }
                withGILReleased { phase.go.open(); phase.done.wait() }
                started.forEach { $0.join() }
                throw RunFailure("cannot start thread \(index + 1) of \(threads): the system refused (try fewer --threads)")
            }
            started.append(thread)
        }

        // Let the workers take the lock to set up, and wait until all are parked at the gate.
        withGILReleased { phase.ready.wait() }
        MiniRuntime.resetGILStats()
        let measured: PhaseMeasurement = withGILReleased {
            let start = MiniRuntime.monotonicNanoseconds
            phase.go.open()
            if let progress {
                while !phase.done.wait(milliseconds: 100) {
                    progress.update(label, done: phase.completed.load(ordering: .relaxed), of: tasks)
                }
            } else {
                phase.done.wait()
            }
            let end = MiniRuntime.monotonicNanoseconds
            return PhaseMeasurement(seconds: Double(end - start) / 1e9, gil: MiniRuntime.gilStats, threads: threads)
        }
        started.forEach { $0.join() }
        progress?.clear()
        if let failure = phase.failure.withLock({ $0 }) {
            throw RunFailure("\(label): task \(failure.task + 1) failed: \(failure.error)")
        }
        return measured
    }

    /// The life of one worker: enter the runtime, wait at the gate, run tasks, leave.
    private static func workerMain(index: Int, phase: Phase, body: TaskBody) {
        withGIL {
            MiniRuntime.nameCurrentThread("worker-\(index + 1)")
            withGILReleased {
                phase.ready.countDown()
                phase.go.wait()
            }
            // Holding the GIL from here, as an interpreted thread does between calls.
            while true {
                let task = phase.nextTask.wrappingAdd(1, ordering: .relaxed).oldValue
                if task >= phase.tasks { break }
                do throws(MiniError) {
                    try body(task)
                    phase.completed.add(1, ordering: .relaxed)
                    try miniPoll()   // the loop's back edge: hand the lock over if asked
                } catch {
                    phase.failure.withLock { if $0 == nil { $0 = (task, error) } }
                    phase.nextTask.store(phase.tasks, ordering: .relaxed)   // stop the others
                    break
                }
            }
        }
        phase.done.countDown()
    }
}

// ----- calling an extension the way interpreted code does -----------------------------------------

/// module.function(a[, b], **kwargs): imports the module (a dict lookup once it is cached), looks
/// the function up and calls it, as `import matmul; matmul.matmul(a, b, release=r)` would.
/// Arguments are borrowed; the result is a new reference. Requires the GIL. Written against the C
/// API rather than MiniKit's MiniRef/array helpers on purpose: it runs inside timed regions and
/// must allocate nothing on the Swift side.
func callExtension(_ module: String, _ function: String, _ a: MiniObjectPointer,
                   _ b: MiniObjectPointer? = nil, kwargs: MiniObjectPointer? = nil) throws(MiniError) -> MiniObjectPointer {
    guard let mod = MiniImport_ImportModule(module) else { throw MiniError.fetch() }
    defer { Mini_DECREF(mod) }
    guard let fn = MiniObject_GetAttrString(mod, function) else { throw MiniError.fetch() }
    defer { Mini_DECREF(fn) }
    guard let args = MiniTuple_New(b == nil ? 1 : 2) else { throw MiniError.fetch() }
    defer { Mini_DECREF(args) }
    Mini_INCREF(a)
    if MiniTuple_SetItem(args, 0, a) < 0 { throw MiniError.fetch() }
    if let b {
        Mini_INCREF(b)
        if MiniTuple_SetItem(args, 1, b) < 0 { throw MiniError.fetch() }
    }
    guard let result = MiniObject_Call(fn, args, kwargs) else { throw MiniError.fetch() }
    return result
}

/// A new dict {"release": True/False}: the keyword arguments the modes pass. Requires the GIL.
func releaseKeyword(_ release: Bool) throws(MiniError) -> MiniRef {
    let kw = try MiniRef(checking: MiniDict_New())
    try miniCheck(MiniDict_SetItemString(kw.pointer, "release", release ? Mini_GetTrue() : Mini_GetFalse()))
    return kw
}
