// RaceCommand.swift: `extdemo race refcount|counter`: the two races of the teaching material.
//
// refcount: what the GIL prevents. N threads take and drop M references each to one shared
// object (race.c): with the GIL every update lands; `unsafe` (no runtime, no lock, a sacrificial
// object) loses them and says how many, and how often a real object would have been freed while
// still referenced.
//
// counter: what the GIL does not prevent. `counter += 1` from N interpreted threads is three
// bytecodes (load, add, store); whether a switch can fall between the load and the store depends
// on where the interpreter checks for a switch (its check points):
//   backedges          at calls and backward jumps only, as CPython 3.10+: never inside the
//                      statement, so the race hides (it is still a bug: any call inside the
//                      statement, e.g. a __add__, opens the window again)
//   every-instruction  before every instruction, as CPython before 3.10 could: the race shows,
//                      one lost update and usually a whole time slice of the other thread's
//   never              no check points: each thread runs to its end, nothing interleaves
// and once more with the fix, `with lock: counter += 1`, which loses nothing under any policy.

import Foundation
import MiniExtensions
import MiniKit
import MiniPy
import MiniVM

enum RaceCommand: Subcommand {
    static let name = "race"
    static let summary = "the race the GIL prevents (refcounts) and one it does not (counter += 1)"
    static let takesOperands = true
    static let options: [OptionSpec] = [
        .option("--mode", "MODE"), .option("--threads", "N"), .option("--ops", "M"), .option("--runs", "R"),
        .option("--count", "N"), .option("--checkpoints", "WHERE"), .option("--switch-interval", "MS"), .flag("--json"),
        // See the lock (issue 12: every demo subcommand); not --gil-policy, which counter's
        // --checkpoints sets itself.
        .flag("--stats"), .option("--trace", "FILE.json"), .option("--timeline", "FILE.svg|-"),
    ]

    static let help = """
    Usage: extdemo race refcount [--mode MODE] [--threads N] [--ops M] [--runs R] [--json]
           extdemo race counter [--checkpoints WHERE] [--threads N] [--count N] [--runs R]
                                [--switch-interval MS] [--json]

    refcount: N threads each take M references to one shared object, then drop them. Without a
    lock, two threads that read the same count both write count+1 and one update is lost; the
    report counts the lost increments (the object would be freed while still in use), the lost
    decrements (it would never be freed) and the decrements that reached zero early.
      --mode MODE     gil (Mini_INCREF/Mini_DECREF holding the GIL: nothing is lost),
                      unsafe (plain load-add-store, no runtime, no lock, on a sacrificial object
                      that is never freed), free-threaded (the gil code in a runtime started
                      with the GIL off: biased reference counting, nothing is lost), or all
                      (default: the three; the rows of the runtime kind this process was not
                      started with come from a child run of this binary)
      --threads N     threads (default: the number of cores, at least 2; at most 256)
      --ops M         references each thread takes and drops (default: 5000000)

    counter: `counter += 1` from N interpreted threads, the lost-update race the GIL does NOT
    prevent, run with each check-point placement and once with the threading.Lock fix.
      --checkpoints WHERE   backedges (CPython 3.10+: calls and backward jumps), every-instruction
                            (before every bytecode), never, free-threaded (no GIL at all, in a
                            child run with --gil off, with and without the lock), or all (default)
      --threads N           threads (default: 2)
      --count N             increments per thread (default: 300000)
      --switch-interval MS  the GIL switch interval in milliseconds (default: 1)

    Both:
      --runs R        run every case R times (default: 1)
      --json          print JSON: one object per run
                      {"mode", "threads", "ops", "expected", "observed", "lost", ...}
      --stats, --trace FILE.json, --timeline FILE.svg|-   see the lock, as on the other demos
                      (this process only: rows that come from a child run are not recorded)
      -h, --help      show this help

    Exit status: 0 when every protected case (gil, the lock fix) lost nothing; 1 when one did;
    2 for a bad command line.
    """

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        guard arguments.operands.count == 1, let which = arguments.operands.first else {
            throw UsageError("say which race: 'extdemo race refcount' or 'extdemo race counter'")
        }
        switch which {
        case "refcount": return try RefcountRace.run(arguments)
        case "counter": return try CounterRace.run(arguments)
        default: throw UsageError("unknown race '\(which)' (choose refcount or counter)")
        }
    }
}

/// One race run, as printed and as JSON.
struct RaceRow {
    let mode: String
    let run: Int
    let threads: Int
    let ops: Int
    let expected: Int
    let observed: Int
    let lost: Int
    /// Whether this case is supposed to be safe (a loss is then a bug: exit 1).
    let protected: Bool
    let seconds: Double
    let extra: [(String, JSON)]

    var json: JSON {
        .object([("mode", .string(mode)), ("threads", .int(threads)), ("ops", .int(ops)), ("expected", .int(expected)),
                 ("observed", .int(observed)), ("lost", .int(lost)), ("run", .int(run)), ("seconds", .number(seconds))] + extra)
    }
}

/// Prints rows as a table (with notes) or JSON; returns the exit status.
func finishRace(title: String, columns: [String], cells: (RaceRow) -> [String], rows: [RaceRow], notes: [String], json: Bool) -> Int32 {
    if json {
        print(rows.count == 1 ? rows[0].json.encoded() : JSON.array(rows.map(\.json)).encoded())
    } else {
        var table = [columns] + rows.map(cells)
        let widths = columns.indices.map { c in table.map { $0[c].count }.max()! }
        table.insert(widths.map { String(repeating: "-", count: $0) }, at: 1)
        print(title)
        for row in table {
            print(row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  "))
        }
        notes.forEach { print($0) }
    }
    if let bad = rows.first(where: { $0.protected && $0.lost != 0 }) {
        writeError("extdemo: race: \(bad.mode) lost \(bad.lost) update\(bad.lost == 1 ? "" : "s") although it is protected: this is a bug\n")
        return 1
    }
    return 0
}

enum RefcountRace {
    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        let text = arguments.values["--mode"] ?? "all"
        var modes: [String] = []
        for word in text.split(separator: ",").map({ $0.lowercased() }) {
            switch word {
            case "all": modes += ["gil", "unsafe", "free-threaded"]
            case "gil", "unsafe", "free-threaded": modes.append(word)
            default: throw UsageError("--mode: unknown mode '\(word)' (choose gil, unsafe, free-threaded or all)")
            }
        }
        for unused in ["--count", "--checkpoints", "--switch-interval"] where arguments.values[unused] != nil {
            throw UsageError("\(unused) belongs to 'race counter'")
        }
        let threads = try arguments.integer("--threads", default: max(2, activeCores), max: 256)
        let ops = try arguments.integer("--ops", default: 5_000_000, max: 1_000_000_000)
        let runs = try arguments.integer("--runs", default: 1, max: 1000)
        // A runtime counts references one way for its whole life: when only free-threaded rows
        // (and unsafe ones, which need no runtime) are asked for and no --gil was given, start
        // free-threaded; rows of the other kind come from a child run (FreeThreadedMode.swift).
        if modes.allSatisfy({ $0 != "gil" }), modes.contains("free-threaded"),
           arguments.values["--gil"] == nil, (ProcessEnvironment.current["EXTDEMO_GIL"] ?? "").isEmpty {
            _ = MiniRuntime_SetGIL(Int32(MINI_GIL_OFF))
        }
        try Runtime.start()
        let freeThreadedRuntime = MiniRuntime_IsFreeThreaded() != 0
        var rows: [RaceRow] = []
        for mode in modes {
            if mode != "unsafe" && (mode == "free-threaded") != freeThreadedRuntime {
                rows += try childRows(mode: mode, threads: threads, ops: ops, runs: runs)
                continue
            }
            for r in 1...runs {
                var out = miniext_race_result()
                let kind = mode == "gil" ? MINIEXT_RACE_GIL : mode == "unsafe" ? MINIEXT_RACE_UNSAFE : MINIEXT_RACE_FREE_THREADED
                if miniext_race_refcount(kind, Int32(threads), Int64(ops), &out) < 0 {
                    throw RunFailure("\(mode): \(MiniError.fetch())")
                }
                rows.append(RaceRow(
                    mode: mode, run: r, threads: threads, ops: ops, expected: Int(out.expected), observed: Int(out.observed),
                    lost: Int(out.lost), protected: mode != "unsafe", seconds: out.seconds,
                    extra: [("lost_increfs", .int(Int(out.lost_increfs))), ("lost_decrefs", .int(Int(out.lost_decrefs))),
                            ("after_increfs_expected", .int(Int(out.middle_expected))),
                            ("after_increfs_observed", .int(Int(out.middle_observed))),
                            ("would_have_freed", .int(Int(out.would_have_freed)))]))
            }
        }
        let unsafeRows = rows.filter { $0.mode == "unsafe" }
        var notes: [String] = []
        if rows.contains(where: { $0.mode == "gil" }) {
            notes.append("gil: every INCREF and DECREF is made holding the lock, so no two threads ever read the same count: nothing is lost")
        }
        if rows.contains(where: { $0.mode == "free-threaded" }) {
            notes.append("free-threaded: no GIL at all, and still nothing is lost: the object's owner counts in its own field, every other thread adds to a shared count with an atomic read-modify-write (biased reference counting)")
        }
        if !unsafeRows.isEmpty {
            let losing = unsafeRows.filter { $0.lost > 0 }.count
            notes.append("unsafe: \(losing) of \(unsafeRows.count) run\(unsafeRows.count == 1 ? "" : "s") lost updates: two threads read the same count and both wrote count+1 (or count-1). "
                + "A lost INCREF leaves the count too low: the object is freed while references remain (use after free); a lost DECREF leaves it too high: it is never freed (a leak). "
                + "This is the corruption the GIL prevents; the object here is a sacrificial header that is never freed.")
            if unsafeRows.allSatisfy({ $0.lost == 0 }) {
                notes.append("unsafe: no update was lost this time: the threads did not overlap (a busy machine, or too few --ops); the race is still there")
            }
        }
        return finishRace(
            title: "race refcount: \(threads) threads each take \(ops) references to one shared object, then drop them; \(activeCores) core\(activeCores == 1 ? "" : "s")",
            columns: ["mode", "run", "expected", "observed", "lost", "lost increfs", "lost decrefs", "early zero", "time"],
            cells: { r in
                let e = Dictionary(r.extra.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
                func int(_ k: String) -> String { if case .int(let v)? = e[k] { return String(v) }; return "-" }
                return [r.mode, String(r.run), String(r.expected), String(r.observed), String(r.lost), int("lost_increfs"),
                        int("lost_decrefs"), int("would_have_freed"), formatDuration(r.seconds)]
            },
            rows: rows, notes: notes, json: arguments.flag("--json"))
    }
}

extension RefcountRace {
    /// The rows of one mode measured by a child run with the other GIL setting.
    static func childRows(mode: String, threads: Int, ops: Int, runs: Int) throws -> [RaceRow] {
        let output = try ChildRun.stdout(["race", "refcount", "--mode", mode, "--gil", mode == "gil" ? "on" : "off",
                                          "--threads", String(threads), "--ops", String(ops), "--runs", String(runs), "--json"])
        let parsed = try? JSONSerialization.jsonObject(with: Data(output.utf8))
        guard let objects = (parsed as? [[String: Any]]) ?? (parsed as? [String: Any]).map({ [$0] }) else {
            throw RunFailure("the \(mode) run printed no rows:\n\(output)")
        }
        let keys = ["lost_increfs", "lost_decrefs", "after_increfs_expected", "after_increfs_observed", "would_have_freed"]
        var rows: [RaceRow] = []
        for o in objects {
            func int(_ k: String) -> Int { o[k] as? Int ?? 0 }
            var extra: [(String, JSON)] = []
            for k in keys { extra.append((k, JSON.int(int(k)))) }
            let seconds: Double = o["seconds"] as? Double ?? 0
            rows.append(RaceRow(mode: mode, run: int("run"), threads: int("threads"), ops: int("ops"), expected: int("expected"),
                                observed: int("observed"), lost: int("lost"), protected: true, seconds: seconds, extra: extra))
        }
        return rows
    }
}

enum CounterRace {
    /// Where the interpreter checks for a switch, as named on the command line.
    static let checkpoints: [(name: String, policy: Int32)] = [
        ("backedges", MINI_VM_POLL_CALLS_BACKEDGES), ("every-instruction", MINI_VM_POLL_EVERY_N), ("never", MINI_VM_POLL_NEVER),
    ]

    static func program(threads: Int, count: Int, locked: Bool) -> String {
        """
        import threading, time
        counter = 0
        lock = threading.Lock()
        go = threading.Event()

        def work(n):
            global counter
            go.wait()
            for _ in range(n):
        \(locked ? "        with lock:\n                    counter += 1" : "        counter += 1")

        threads = [threading.Thread(target=work, args=(\(count),)) for _ in range(\(threads))]
        start = time.perf_counter()
        for t in threads:
            t.start()
        go.set()
        for t in threads:
            t.join()
        print("RESULT", counter, time.perf_counter() - start)
        """
    }

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        for unused in ["--mode", "--ops"] where arguments.values[unused] != nil {
            throw UsageError("\(unused) belongs to 'race refcount'")
        }
        let text = arguments.values["--checkpoints"] ?? "all"
        var chosen: [(name: String, policy: Int32)] = []
        var freeThreaded = false
        for word in text.split(separator: ",").map({ $0.lowercased() }) {
            if word == "all" { chosen = checkpoints; freeThreaded = true; continue }
            if word == "free-threaded" { freeThreaded = true; continue }
            guard let c = checkpoints.first(where: { $0.name == word }) else {
                throw UsageError("--checkpoints: unknown placement '\(word)' (choose backedges, every-instruction, never, free-threaded or all)")
            }
            chosen.append(c)
        }
        let threads = try arguments.integer("--threads", default: 2, max: 256)
        let count = try arguments.integer("--count", default: 300_000, max: 100_000_000)
        let runs = try arguments.integer("--runs", default: 1, max: 1000)
        let interval = try arguments.positiveNumber("--switch-interval", default: 1, max: 60_000)
        try Runtime.start(switchIntervalMs: interval)
        MiniPy.prepare()
        var previousN = 0, previousCount: Int32 = 0
        let previous = MiniVM_GetPollPolicy(&previousN, &previousCount)
        defer { MiniVM_SetPollPolicy(previous, previousN, previousCount) }

        var rows: [RaceRow] = []
        let cases = chosen.isEmpty ? [] : chosen.map { ($0, false) } + [(chosen.first { $0.name == "every-instruction" } ?? chosen[0], true)]
        for (placement, locked) in cases {
            MiniVM_SetPollPolicy(placement.policy, 1, 0)
            for r in 1...runs {
                let (observed, seconds) = try runOnce(program(threads: threads, count: count, locked: locked))
                let expected = threads * count
                rows.append(RaceRow(
                    mode: locked ? "gil+lock" : "gil", run: r, threads: threads, ops: count, expected: expected, observed: observed,
                    lost: expected - observed, protected: locked, seconds: seconds,
                    extra: [("checkpoints", .string(placement.name)), ("lock", .bool(locked))]))
            }
        }
        MiniVM_SetPollPolicy(previous, previousN, previousCount)
        if freeThreaded {
            for locked in [false, true] {
                for r in 1...runs {
                    let (observed, seconds) = try runFreeThreaded(program(threads: threads, count: count, locked: locked))
                    let expected = threads * count
                    rows.append(RaceRow(
                        mode: locked ? "free-threaded+lock" : "free-threaded", run: r, threads: threads, ops: count, expected: expected,
                        observed: observed, lost: expected - observed, protected: locked, seconds: seconds,
                        extra: [("checkpoints", .string("no GIL")), ("lock", .bool(locked))]))
                }
            }
        }
        Runtime.markBaseline()
        return finishRace(
            title: "race counter: `counter += 1` from \(threads) interpreted threads, \(count) times each; switch interval \(formatNumber(interval)) ms",
            columns: ["mode", "check points", "run", "expected", "observed", "lost", "time"],
            cells: { r in
                let where_ = r.extra.first { $0.0 == "checkpoints" }.map { if case .string(let s) = $0.1 { return s }; return "" } ?? ""
                return [r.mode, where_, String(r.run), String(r.expected), String(r.observed), String(r.lost), formatDuration(r.seconds)]
            },
            rows: rows, notes: notes(rows), json: arguments.flag("--json"))
    }

    private static func notes(_ rows: [RaceRow]) -> [String] {
        var notes: [String] = []
        func placement(_ r: RaceRow) -> String {
            r.extra.first { $0.0 == "checkpoints" }.map { if case .string(let s) = $0.1 { return s }; return "" } ?? ""
        }
        let unlocked = rows.filter { $0.mode == "gil" }
        if unlocked.contains(where: { placement($0) == "every-instruction" && $0.lost > 0 }) {
            notes.append("every-instruction: a switch can fall between `counter`'s load and its store: the thread later stores a stale value, wiping out every increment the others made meanwhile")
        }
        if unlocked.contains(where: { placement($0) == "backedges" }) {
            notes.append("backedges: the lock changes hands only at calls and backward jumps, never inside `counter += 1`, so the race hides, as in CPython 3.10+; "
                + "the statement is still not atomic (a call inside it, such as a Python __add__ or __index__, reopens the window)")
        }
        if unlocked.contains(where: { placement($0) == "never" }) {
            notes.append("never: no check points, so each thread runs to its end before the next starts: nothing interleaves, nothing is lost, nothing runs concurrently")
        }
        notes.append("gil+lock: `with lock: counter += 1` makes the load and the store one step for every other thread: nothing is lost under any placement")
        if rows.contains(where: { $0.mode == "free-threaded" }) {
            notes.append("free-threaded: no GIL at all: the threads really run at once, so loads and stores of `counter` interleave all the time and updates are lost at once; the lock fixes it here too")
        }
        return notes
    }

    /// The program in a child `extdemo run --gil off`: its RESULT line.
    private static func runFreeThreaded(_ source: String) throws -> (Int, Double) {
        let path = NSTemporaryDirectory() + "extdemo-race-counter-\(getpid()).py"
        guard FileManager.default.createFile(atPath: path, contents: Data(source.utf8)) else {
            throw RunFailure("cannot write \(path)")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try parseResult(try ChildRun.stdout(["run", "--gil", "off", path]), stderr: "")
    }

    private static func parseResult(_ stdout: String, stderr: String) throws -> (Int, Double) {
        guard let line = stdout.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }) else {
            throw RunFailure("the counter program printed no result:\n\(stdout)\(stderr)")
        }
        let words = line.split(separator: " ")
        guard words.count == 3, let observed = Int(words[1]), let seconds = Double(words[2]) else {
            throw RunFailure("the counter program printed a malformed result: \(line)")
        }
        return (observed, seconds)
    }

    private static func runOnce(_ source: String) throws -> (Int, Double) {
        let result = MiniPy.runSource(source, filename: "<race counter>")
        guard result.exitCode == 0,
              let line = result.stdout.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }) else {
            throw RunFailure("the counter program failed (exit \(result.exitCode)):\n\(result.stdout)\(result.stderr)")
        }
        let words = line.split(separator: " ")
        guard words.count == 3, let observed = Int(words[1]), let seconds = Double(words[2]) else {
            throw RunFailure("the counter program printed a malformed result: \(line)")
        }
        return (observed, seconds)
    }
}
