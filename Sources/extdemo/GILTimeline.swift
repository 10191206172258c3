// GILTimeline.swift: the runtime's GIL recording (mini/gilrecord.h) turned into per-thread state
// slices, and the exact statistics computed from them. `--stats`, `--trace`, `--timeline` and
// `advise` all read this one model, so the trace file, the picture and the figures agree.
//
// Each thread is, at every instant of its life, in one state:
//   holding  it has the lock (from RESUMED to SUSPENDED)
//   waiting  it wants the lock (from READY to RESUMED)
//   forced   it dropped the lock because a waiter asked (or the ticks policy made it) and has not
//            asked for it back yet (forced switching)
//   native   it let the lock go with BEGIN_ALLOW_THREADS to run code that touches no objects
//   blocked  it let the lock go around a blocking call (sleep, I/O, a lock or join wait)
// A thread's life starts at its first event (or at the start of the recording, if its first
// event shows it already held or wanted the lock) and ends at EXITED or the end of the recording.

import CShims
import Foundation

enum GILState: String, CaseIterable {
    case holding, waiting, forced, native, blocked

    /// What a trace viewer shows as the slice's name.
    var title: String {
        switch self {
        case .holding: return "running (holds the GIL)"
        case .waiting: return "waiting for the GIL"
        case .forced: return "dropped on request"
        case .native: return "native (GIL released)"
        case .blocked: return "blocked (GIL released)"
        }
    }
}

struct GILSlice {
    let thread: Int
    let state: GILState
    let start: UInt64   // ns since the recording's start
    let end: UInt64
    var duration: UInt64 { end - start }
}

/// A drop request: `requester` asked `holder` at `time` (ns since the start).
struct GILDropRequest {
    let requester: Int
    let holder: Int
    let time: UInt64
}

struct GILTimeline {
    struct ThreadInfo {
        let id: Int
        let name: String
    }

    /// Threads in order of first appearance.
    var threads: [ThreadInfo] = []
    var slices: [GILSlice] = []
    var dropRequests: [GILDropRequest] = []
    /// Instants at which a holder began a forced-switch wait: (thread, ns).
    var forcedWaits: [(thread: Int, time: UInt64)] = []
    /// Acquisitions that took the lock from another thread.
    var switches = 0
    var acquisitions = 0
    var honoured = 0
    /// Length of the recording in ns.
    var duration: UInt64 = 0
    var lostEvents: UInt64 = 0

    /// Reads the runtime's recording. `startNs`/`endNs`: Mini_MonotonicNs at start and stop.
    static func collect(startNs: UInt64, endNs: UInt64) -> GILTimeline {
        let count = MiniGILRecord_Events(nil, 0)
        var events = [MiniGILEvent](repeating: MiniGILEvent(), count: max(count, 0))
        if count > 0 {
            let got = events.withUnsafeMutableBufferPointer { MiniGILRecord_Events($0.baseAddress, count) }
            if got < count { events.removeLast(count - max(got, 0)) }
        }
        let nThreads = MiniGILRecord_Threads(nil, 0)
        var infos = [MiniGILRecordThread](repeating: MiniGILRecordThread(), count: max(nThreads, 0))
        if nThreads > 0 { _ = infos.withUnsafeMutableBufferPointer { MiniGILRecord_Threads($0.baseAddress, nThreads) } }
        // The names are whole (the recorder's copies, valid until the next recording starts).
        let names = infos.map { info -> ThreadInfo in
            ThreadInfo(id: Int(info.id), name: info.name.map { String(cString: $0) } ?? "thread-\(info.id)")
        }
        var timeline = build(events: events, threads: names, startNs: startNs, endNs: endNs)
        timeline.lostEvents = MiniGILRecord_Lost()
        return timeline
    }

    /// Builds the slices from time-ordered events.
    static func build(events: [MiniGILEvent], threads: [ThreadInfo], startNs: UInt64, endNs: UInt64) -> GILTimeline {
        var t = GILTimeline()
        t.threads = threads
        let first = min(startNs, events.first?.time_ns ?? startNs)
        let last = max(endNs, events.last?.time_ns ?? endNs)
        t.duration = last - first
        var state: [Int: (GILState, UInt64)] = [:]
        var seen = Set<Int>()
        var lastHolder: Int?
        func rel(_ ns: UInt64) -> UInt64 { ns - first }
        func close(_ thread: Int, at time: UInt64) {
            if let (s, since) = state[thread] {
                if time > since { t.slices.append(GILSlice(thread: thread, state: s, start: since, end: time)) }
                state[thread] = nil
            }
        }
        func enter(_ thread: Int, _ s: GILState, at time: UInt64) {
            close(thread, at: time)
            state[thread] = (s, time)
        }
        for e in events {
            let thread = Int(e.thread)
            let now = rel(e.time_ns)
            let kind = UInt32(e.kind)
            if !seen.contains(thread), kind != MINI_GILEV_STARTED.rawValue {
                seen.insert(thread)
                // Infer what the thread was doing when the recording began.
                switch kind {
                case MINI_GILEV_SUSPENDED.rawValue, MINI_GILEV_FORCED_WAIT.rawValue: state[thread] = (.holding, 0)
                case MINI_GILEV_RESUMED.rawValue, MINI_GILEV_DROP_REQUEST.rawValue: state[thread] = (.waiting, 0)
                default: break
                }
            }
            switch kind {
            case MINI_GILEV_READY.rawValue:
                enter(thread, .waiting, at: now)
            case MINI_GILEV_RESUMED.rawValue:
                enter(thread, .holding, at: now)
                t.acquisitions += 1
                if let lastHolder, lastHolder != thread { t.switches += 1 }
                lastHolder = thread
            case MINI_GILEV_SUSPENDED.rawValue:
                switch UInt32(e.reason) {
                case MINI_GILREASON_DROP_REQUEST.rawValue: t.honoured += 1; enter(thread, .forced, at: now)
                case MINI_GILREASON_TICKS.rawValue: enter(thread, .forced, at: now)
                case MINI_GILREASON_BLOCKING.rawValue: enter(thread, .blocked, at: now)
                case MINI_GILREASON_EXIT.rawValue: close(thread, at: now)
                default: enter(thread, .native, at: now)
                }
            case MINI_GILEV_DROP_REQUEST.rawValue:
                t.dropRequests.append(GILDropRequest(requester: thread, holder: Int(e.other), time: now))
            case MINI_GILEV_FORCED_WAIT.rawValue:
                t.forcedWaits.append((thread, now))
            case MINI_GILEV_EXITED.rawValue:
                close(thread, at: now)
            default:
                break
            }
        }
        for thread in state.keys.sorted() { close(thread, at: t.duration) }
        t.slices.sort { ($0.start, $0.thread) < ($1.start, $1.thread) }
        return t
    }

    func name(of thread: Int) -> String {
        threads.first { $0.id == thread }?.name ?? "thread-\(thread)"
    }
}

/// Total length of the union of intervals.
func unionLength(_ intervals: [(UInt64, UInt64)]) -> UInt64 {
    let sorted = intervals.filter { $0.1 > $0.0 }.sorted { $0.0 < $1.0 }
    var total: UInt64 = 0
    var current: (UInt64, UInt64)?
    for iv in sorted {
        if let c = current, iv.0 <= c.1 {
            current = (c.0, max(c.1, iv.1))
        } else {
            if let c = current { total += c.1 - c.0 }
            current = iv
        }
    }
    if let c = current { total += c.1 - c.0 }
    return total
}

/// The exact figures `--stats` prints, computed from a timeline.
struct GILTraceStats {
    struct PerThread {
        let id: Int
        let name: String
        /// Nanoseconds this thread spent in each state (thread-seconds).
        var ns: [GILState: UInt64]
        var acquisitions: Int
        var dropRequestsIssued: Int
    }

    let durationNs: UInt64
    /// Wall-clock nanoseconds during which the lock was held by some thread.
    let heldWallNs: UInt64
    /// Per state: sum over threads (thread-seconds) and time some thread was in it (wall).
    let threadNs: [GILState: UInt64]
    let wallNs: [GILState: UInt64]
    let threads: [PerThread]
    let switches: Int
    let acquisitions: Int
    let dropRequestsIssued: Int
    let dropRequestsHonoured: Int
    /// The longest wait (READY to RESUMED) and the thread that held the lock most of it.
    let longestWait: (thread: Int, start: UInt64, ns: UInt64, heldBy: Int?)?
    /// Wait histogram: (upper bound in ns or nil for the last bucket, count).
    let histogram: [(label: String, count: Int)]
    let lostEvents: UInt64

    static let bucketBounds: [(UInt64, String)] = [
        (1_000, "< 1 us"), (10_000, "1-10 us"), (100_000, "10-100 us"), (1_000_000, "0.1-1 ms"),
        (10_000_000, "1-10 ms"), (100_000_000, "10-100 ms"), (UInt64.max, ">= 100 ms"),
    ]

    init(_ t: GILTimeline) {
        durationNs = t.duration
        var perThread: [Int: PerThread] = [:]
        for info in t.threads {
            perThread[info.id] = PerThread(id: info.id, name: info.name, ns: [:], acquisitions: 0, dropRequestsIssued: 0)
        }
        var threadNs: [GILState: UInt64] = [:]
        var byState: [GILState: [(UInt64, UInt64)]] = [:]
        for s in t.slices {
            perThread[s.thread, default: PerThread(id: s.thread, name: t.name(of: s.thread), ns: [:], acquisitions: 0, dropRequestsIssued: 0)]
                .ns[s.state, default: 0] += s.duration
            threadNs[s.state, default: 0] += s.duration
            byState[s.state, default: []].append((s.start, s.end))
            if s.state == .holding { perThread[s.thread]!.acquisitions += 1 }
        }
        for r in t.dropRequests { perThread[r.requester]?.dropRequestsIssued += 1 }
        var wallNs: [GILState: UInt64] = [:]
        for state in GILState.allCases { wallNs[state] = unionLength(byState[state] ?? []) }
        self.threadNs = threadNs
        self.wallNs = wallNs
        heldWallNs = wallNs[.holding] ?? 0
        threads = t.threads.compactMap { perThread[$0.id] }
        switches = t.switches
        acquisitions = t.acquisitions
        dropRequestsIssued = t.dropRequests.count
        dropRequestsHonoured = t.honoured
        lostEvents = t.lostEvents
        let waits = t.slices.filter { $0.state == .waiting }
        var counts = Array(repeating: 0, count: Self.bucketBounds.count)
        for w in waits {
            let i = Self.bucketBounds.firstIndex { w.duration < $0.0 } ?? Self.bucketBounds.count - 1
            counts[i] += 1
        }
        histogram = zip(Self.bucketBounds, counts).map { ($0.0.1, $0.1) }
        if let longest = waits.max(by: { $0.duration < $1.duration }) {
            var overlap: [Int: UInt64] = [:]
            for h in t.slices where h.state == .holding && h.end > longest.start && h.start < longest.end {
                overlap[h.thread, default: 0] += min(h.end, longest.end) - max(h.start, longest.start)
            }
            let holder = overlap.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
            longestWait = (longest.thread, longest.start, longest.duration, holder)
        } else {
            longestWait = nil
        }
    }

    var heldFraction: Double { durationNs > 0 ? Double(heldWallNs) / Double(durationNs) : 0 }

    func name(_ id: Int) -> String { threads.first { $0.id == id }?.name ?? "thread-\(id)" }

    var json: JSON {
        func states(_ d: [GILState: UInt64]) -> JSON {
            .object(GILState.allCases.map { ($0.rawValue + "_ns", .int(Int(d[$0] ?? 0))) })
        }
        var pairs: [(String, JSON)] = [
            ("duration_ns", .int(Int(durationNs))),
            ("held_wall_ns", .int(Int(heldWallNs))),
            ("held_fraction", .number(heldFraction)),
            ("thread_seconds", states(threadNs)),
            ("wall_seconds", states(wallNs)),
            ("switches", .int(switches)),
            ("acquisitions", .int(acquisitions)),
            ("drop_requests_issued", .int(dropRequestsIssued)),
            ("drop_requests_honoured", .int(dropRequestsHonoured)),
        ]
        if let w = longestWait {
            pairs.append(("longest_wait", .object([
                ("thread", .int(w.thread)), ("thread_name", .string(name(w.thread))), ("start_ns", .int(Int(w.start))),
                ("wait_ns", .int(Int(w.ns))), ("held_by", w.heldBy.map { .int($0) } ?? .null),
                ("held_by_name", w.heldBy.map { .string(name($0)) } ?? .null),
            ])))
        } else {
            pairs.append(("longest_wait", .null))
        }
        pairs.append(("wait_histogram", .array(histogram.map { .object([("bucket", .string($0.label)), ("count", .int($0.count))]) })))
        pairs.append(("threads", .array(threads.map { th in
            var p: [(String, JSON)] = [("id", .int(th.id)), ("name", .string(th.name))]
            p += GILState.allCases.map { ($0.rawValue + "_ns", .int(Int(th.ns[$0] ?? 0))) }
            p += [("acquisitions", .int(th.acquisitions)), ("drop_requests_issued", .int(th.dropRequestsIssued))]
            return .object(p)
        })))
        pairs.append(("lost_events", .int(Int(lostEvents))))
        return .object(pairs)
    }

    /// The human-readable report.
    var text: String {
        func ms(_ ns: UInt64) -> String { String(format: "%.3f", Double(ns) / 1e6) }
        func pct(_ ns: UInt64) -> String { durationNs > 0 ? String(format: "%5.1f%%", 100 * Double(ns) / Double(durationNs)) : "  -  " }
        var lines: [String] = []
        lines.append("GIL statistics (exact, from every recorded transition; \(ms(durationNs)) ms recorded)")
        lines.append(String(format: "  lock held: %@ ms of wall time = %.1f%%", ms(heldWallNs), 100 * heldFraction))
        lines.append("  switches: \(switches) (of \(acquisitions) acquisitions); drop requests: \(dropRequestsIssued) issued, \(dropRequestsHonoured) honoured")
        let nameWidth = max(20, threads.map { $0.name.count }.max() ?? 8)
        func row(_ label: String, _ cells: [String]) -> String {
            label.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0) + cells.map { $0.leftPadded(to: 16) }.joined()
        }
        lines.append("  per thread, in thread-milliseconds (% of the recording's wall time):")
        lines.append("  " + row("thread", GILState.allCases.map { $0.rawValue }))
        for th in threads {
            lines.append("  " + row(th.name, GILState.allCases.map { "\(ms(th.ns[$0] ?? 0)) \(pct(th.ns[$0] ?? 0))" }))
        }
        lines.append("  " + row("sum (thread-ms)", GILState.allCases.map { ms(threadNs[$0] ?? 0) }))
        lines.append("  " + row("wall ms (any thread)", GILState.allCases.map { ms(wallNs[$0] ?? 0) }))
        lines.append("  (thread-ms add up across threads: two threads waiting 1 ms each = 2 thread-ms but 1 wall ms)")
        if let w = longestWait {
            lines.append("  longest wait: \(name(w.thread)) waited \(ms(w.ns)) ms from t=\(ms(w.start)) ms"
                + (w.heldBy.map { "; \(name($0)) held the lock" } ?? "; nobody held the lock"))
        }
        lines.append("  wait histogram: " + histogram.map { "\($0.label): \($0.count)" }.joined(separator: ", "))
        if lostEvents > 0 { lines.append("  WARNING: \(lostEvents) events were lost (a thread's buffer was full)") }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
