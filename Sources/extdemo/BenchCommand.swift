// BenchCommand.swift: `extdemo bench`: every performance goal of the kit measured in one run,
// side by side with its anchor measured on the same machine at the same time (CPython, numpy,
// hashlib through python3 when present), with the ratio and PASS or MISS:
//
//   - the uncontended BEGIN/END_ALLOW_THREADS pair: at most 33 ns (and CPython's own pair);
//   - the hand-off: p50/p99 wait for the lock from a holder polling the breaker, per interval;
//   - matmul 1024x1024 on one thread: at least 80% of numpy/OpenBLAS (one BLAS thread);
//   - SHA-256 of 64 MiB: at least 95% of hashlib;
//   - matmul at 8 threads: released >= 1.95x, held within 0.95x-1.05x (CPython's C kernel as anchor);
//   - and, like for like with that anchor, the same kind of kernel (a C loop with no memory
//     traffic, sleeper.spin) held and released at 8 threads;
//   - the convoy (issue 12), cpython and prompt policies at one CPU thread and 5 ms: cpython's
//     contended p50 >= 100x its alone p50, prompt's <= 10x with the CPU thread keeping >= 90%.

import Foundation
import MiniExtensions
import MiniKit

enum BenchCommand: Subcommand {
    static let name = "bench"
    static let summary = "measure every goal against CPython, numpy and hashlib in one run"
    static let options: [OptionSpec] = [.flag("--quick"), .flag("--json"), .option("--suite", "NAME"),
                                        .option("--only", "PROGRAMS"), .option("--write-programs", "DIR"), .flag("--ab"),
                                        .flag("--list")]

    static let help = """
    Usage: extdemo bench [--quick] [--json]
           extdemo bench --suite python [--quick] [--json] [--only PROGRAMS] [--ab]
           extdemo bench --suite python --write-programs DIR
           extdemo bench --suite python --list [--only PROGRAMS]

    Measures the kit's performance goals in one run, next to their anchors measured on this
    machine now (and the convoy's goals: `extdemo convoy` at one CPU thread, cpython and prompt):
    CPython's own BEGIN/END_ALLOW_THREADS pair and C-kernel speedups (built from
    ../shared/anchors/anchorext.c, or $EXTDEMO_ANCHORS), numpy/OpenBLAS matmul on one thread and
    hashlib SHA-256, all through python3 when it is installed (a note says what is missing
    otherwise). Prints each figure, its anchor, the ratio, the goal and PASS or MISS.

    With --suite python it runs real Python programs instead: the kit's own (OO, constraint
    graphs, floats, recursion, generators, dict/str) and pyperformance's pure-Python programs
    when Scripts/fetch_pyperformance.sh has put them in Benchmarks/pyperformance (or
    $EXTDEMO_PYPERFORMANCE), each under MiniPy and python3 in the same run, timed by the kit's
    pyperf stand-in; prints each program's time ratio, their geometric mean (goal <= 1.0x,
    no program above 1.5x), which programs MiniPy cannot run yet and why, and the interpreter
    rows (countdown, pure-Python matmul, 2/8 threads). A pyperformance folder runs once per
    benchmark its pyproject.toml and bm_*.toml files describe, with their extra_opts (argparse's
    many_optionals and subparsers, async_tree's variants); variants needing Python > 3.11 are
    left out.

    Options:
      --quick               shorter runs (noisier figures)
      --json                print one JSON object instead of the table
      --suite python        the Python program suite (see above)
      --only PROGRAMS       comma-separated program names (kit_float, richards or bm_richards)
      --ab                  also run MiniPy with its inline caches off (MINIPY_SPECIALIZE=0): A/B
      --write-programs DIR  write the suite's own programs and pyperf stand-in to DIR and exit
      --list                print the programs the suite would run, with their arguments, and exit
      -h, --help            show this help
    """

    /// The convoy rows: cpython's contended p50 over its alone p50 (goal >= 100x), prompt's
    /// (<= 10x) and the CPU thread's throughput kept under prompt (>= 90%), from one run each.
    static func convoyRows(_ c: (cpython: ConvoyCommand.Row, prompt: ConvoyCommand.Row), figures: inout [(String, JSON)],
                           goal: (String, String, Bool?) -> String) -> [Row] {
        func ratio(_ r: ConvoyCommand.Row) -> Double { r.aloneP50 > 0 ? r.contP50 / r.aloneP50 : 0 }
        for (name, r) in [("cpython", c.cpython), ("prompt", c.prompt)] {
            figures += [("convoy_\(name)_alone_p50_us", .number(r.aloneP50 / 1000)),
                        ("convoy_\(name)_contended_p50_us", .number(r.contP50 / 1000)),
                        ("convoy_\(name)_cpu_throughput_fraction", .number(r.cpuFraction)),
                        ("convoy_\(name)_cpu_lock_fraction", .number(r.lockFraction))]
        }
        let cp = ratio(c.cpython), pr = ratio(c.prompt)
        return [
            Row(name: "convoy cpython, 1 CPU thread: p50", value: String(format: "%.1f us", c.cpython.contP50 / 1000),
                anchor: String(format: "%.1f us (alone)", c.cpython.aloneP50 / 1000), ratio: String(format: "%.0fx", cp),
                goal: ">= 100x alone", verdict: goal("convoy_cpython_p50", ">= 100x alone at 5 ms", cp >= 100)),
            Row(name: "convoy prompt, 1 CPU thread: p50", value: String(format: "%.1f us", c.prompt.contP50 / 1000),
                anchor: String(format: "%.1f us (alone)", c.prompt.aloneP50 / 1000), ratio: String(format: "%.1fx", pr),
                goal: "<= 10x alone", verdict: goal("convoy_prompt_p50", "<= 10x alone at 5 ms", pr <= 10)),
            Row(name: "convoy prompt: CPU thread keeps", value: String(format: "%.0f%%", 100 * c.prompt.cpuFraction),
                anchor: "its solo throughput", ratio: "-", goal: ">= 90%",
                verdict: goal("convoy_prompt_cpu", ">= 90% of solo throughput", c.prompt.cpuFraction >= 0.9)),
        ]
    }

    /// One line of the report.
    struct Row {
        let name: String
        let value: String
        let anchor: String
        let ratio: String
        let goal: String
        let verdict: String
    }

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        let quick = arguments.flag("--quick"), json = arguments.flag("--json")
        let progress = ProgressLine.make(json: json)
        if let suite = arguments.values["--suite"] {
            guard suite == "python" else { throw UsageError("--suite: unknown suite '\(suite)' (the one suite is 'python')") }
            if let dir = arguments.values["--write-programs"] {
                do { try PythonSuite.writePrograms(to: dir) } catch { throw RunFailure("cannot write to \(dir): \(error)") }
                return 0
            }
            let only = arguments.values["--only"].map { $0.split(separator: ",").map(String.init) }
            if arguments.flag("--list") { return try PythonSuite.list(only: only) }
            return try PythonSuite.run(quick: quick, json: json, only: only, ab: arguments.flag("--ab"), progress: progress)
        }
        if arguments.values["--only"] != nil || arguments.values["--write-programs"] != nil || arguments.flag("--ab")
            || arguments.flag("--list") {
            throw UsageError("--only, --ab, --list and --write-programs go with --suite python")
        }
        let started = Date()

        let anchors = PythonAnchors.measure(quick: quick, progress: progress)
        try Runtime.start()
        for module in ["matmul", "hashing"] { try Runtime.importModule(module) }

        var rows: [Row] = []
        var figures: [(String, JSON)] = []
        var goals: [JSON] = []
        func goal(_ name: String, _ text: String, _ pass: Bool?) -> String {
            goals.append(.object([("name", .string(name)), ("goal", .string(text)),
                                  ("result", pass.map { .string($0 ? "PASS" : "MISS") } ?? .null)]))
            return pass.map { $0 ? "PASS" : "MISS" } ?? "n/a"
        }

        // 1. The uncontended pair, with the GIL recording off and (interleaved, in the same run) on.
        progress?.status("bench: BEGIN/END_ALLOW_THREADS pair...")
        let pairs = quick ? 500_000 : 2_000_000
        let recording = RecordingOverhead.pair(pairs: pairs, runs: quick ? 3 : 5)
        let pairNs = recording.off
        let cpythonPair = anchors.value("cpython_allow_threads_pair_ns")
        figures += [("allow_threads_pair_ns", .number(pairNs)),
                    ("cpython_allow_threads_pair_ns", cpythonPair.map(JSON.number) ?? .null),
                    ("allow_threads_pair_recording_on_ns", recording.on.map(JSON.number) ?? .null)]
        rows.append(Row(name: "BEGIN/END_ALLOW_THREADS pair", value: String(format: "%.1f ns", pairNs),
                        anchor: cpythonPair.map { String(format: "%.1f ns (CPython)", $0) } ?? "-",
                        ratio: cpythonPair.map { String(format: "%.2fx", pairNs / $0) } ?? "-",
                        goal: "<= 33 ns", verdict: goal("allow_threads_pair", "<= 33 ns", pairNs <= 33)))
        if let on = recording.on {
            rows.append(Row(name: "the pair, GIL recording on", value: String(format: "%.1f ns", on),
                            anchor: String(format: "%.1f ns (recording off)", pairNs),
                            ratio: String(format: "%.2fx", on / pairNs), goal: "as low as possible", verdict: "info"))
        }

        // 2. The hand-off, against the switch interval.
        var handoffs: [JSON] = []
        for (intervalMs, samples) in [(5.0, quick ? 40 : 200), (1.0, quick ? 100 : 500)] {
            progress?.status("bench: hand-off latency at \(formatNumber(intervalMs)) ms...")
            var stats = miniext_handoff_stats()
            if miniext_handoff_latency(intervalMs / 1000, samples, &stats) < 0 {
                throw RunFailure("hand-off measurement failed: \(MiniError.fetch())")
            }
            handoffs.append(.object([
                ("switch_interval_ms", .number(intervalMs)), ("samples", .int(samples)),
                ("p50_us", .number(stats.p50_us)), ("p99_us", .number(stats.p99_us)),
                ("max_us", .number(stats.max_us)), ("mean_us", .number(stats.mean_us)),
            ]))
            rows.append(Row(name: "hand-off p50 / p99 at \(formatNumber(intervalMs)) ms",
                            value: String(format: "%.3f / %.3f ms", stats.p50_us / 1000, stats.p99_us / 1000),
                            anchor: "interval \(formatNumber(intervalMs)) ms",
                            ratio: String(format: "%.2fx", stats.p50_us / (intervalMs * 1000)),
                            goal: "-", verdict: "info"))
        }
        figures.append(("handoff", .array(handoffs)))

        // 3. matmul 1024 on one thread.
        progress?.status("bench: matmul 1024x1024 on one thread...")
        let gflops = try oneThreadMatmulGflops(size: 1024, rounds: quick ? 2 : 4)
        let numpy = anchors.value("numpy_matmul_1024_gflops")
        figures += [("matmul_1024_gflops", .number(gflops)), ("numpy_matmul_1024_gflops", numpy.map(JSON.number) ?? .null),
                    ("matmul_kernel", .string(String(cString: miniext_dgemm_kernel_name())))]
        rows.append(Row(name: "matmul 1024 one thread", value: String(format: "%.1f GFLOPS", gflops),
                        anchor: numpy.map { String(format: "%.1f GFLOPS (numpy)", $0) } ?? "-",
                        ratio: numpy.map { String(format: "%.0f%%", gflops / $0 * 100) } ?? "-",
                        goal: ">= 80% of numpy", verdict: goal("matmul_vs_numpy", ">= 80% of numpy", numpy.map { gflops >= 0.8 * $0 })))

        // 4. SHA-256 of 64 MiB.
        progress?.status("bench: SHA-256 of 64 MiB...")
        let sha = try sha256Throughput(bytes: 64 << 20, rounds: 3)
        let hashlib = anchors.value("hashlib_sha256_bytes_per_second")
        figures += [("sha256_bytes_per_second", .number(sha)), ("hashlib_sha256_bytes_per_second", hashlib.map(JSON.number) ?? .null),
                    ("sha256_kernel", .string(String(cString: miniext_sha256_kernel_name())))]
        rows.append(Row(name: "sha256 64 MiB", value: formatRate(sha, unit: "B/s"),
                        anchor: hashlib.map { formatRate($0, unit: "B/s") + " (hashlib)" } ?? "-",
                        ratio: hashlib.map { String(format: "%.0f%%", sha / $0 * 100) } ?? "-",
                        goal: ">= 95% of hashlib", verdict: goal("sha256_vs_hashlib", ">= 95% of hashlib", hashlib.map { sha >= 0.95 * $0 })))

        // 5. Held and released at 8 threads.
        let config = MatmulCommand.Config(threads: 8, size: quick ? 512 : 1024, tasks: 8, rounds: quick ? 1 : 2,
                                          modes: [.sequential, .held, .released], switchIntervalMs: 5)
        let (report, failure) = try MatmulCommand.measure(config, progress: progress)
        let speedups = Dictionary(uniqueKeysWithValues: report.results.map { ($0.mode.name, report.speedup($0) ?? 0) })
        let released = speedups["released"]!, held = speedups["held"]!
        // The speedup goals are judged only on a clean baseline (Truthfulness.swift): on a busy
        // machine the verdict is "n/a" and the note says why.
        let check = report.baselineCheck
        let judge = { (pass: Bool) -> Bool? in check.problems.isEmpty ? pass : nil }
        let cpReleased = anchors.value("cpython_kernel_released_speedup_8"), cpHeld = anchors.value("cpython_kernel_held_speedup_8")
        figures += [("matmul_8_threads", report.json),
                    ("released_speedup_8", .number(released)), ("held_speedup_8", .number(held)),
                    ("cpython_kernel_released_speedup_8", cpReleased.map(JSON.number) ?? .null),
                    ("cpython_kernel_held_speedup_8", cpHeld.map(JSON.number) ?? .null)]
        let size = "\(config.size)x\(config.size)"
        rows.append(Row(name: "matmul \(size) released, 8 threads", value: String(format: "%.2fx", released),
                        anchor: cpReleased.map { String(format: "%.2fx (CPython spin loop)", $0) } ?? "-",
                        ratio: cpReleased.map { String(format: "%.3f", released / $0) } ?? "-",
                        goal: ">= 1.95x", verdict: goal("released_speedup_8", ">= 1.95x", judge(released >= 1.95))))
        rows.append(Row(name: "matmul \(size) held, 8 threads", value: String(format: "%.2fx", held),
                        anchor: cpHeld.map { String(format: "%.2fx (CPython spin loop)", $0) } ?? "-",
                        ratio: "-", goal: "0.95x - 1.05x",
                        verdict: goal("held_speedup_8", "0.95x - 1.05x", judge(held >= 0.95 && held <= 1.05))))

        // 6. Like for like with CPython's anchor: a C busy loop with no memory traffic (sleeper.spin),
        // so the figure shows the threading and the lock alone, not how the kernel shares caches.
        try Runtime.importModule("sleeper")
        let spin = try SpinWorkload(iterations: (quick ? 50_000_000 : 200_000_000) / 8, tasks: 8)
        let (spinResults, _, spinFailure) = try Harness.run(spin, modes: [.sequential, .held, .released], threads: 8,
                                                            tasks: 8, rounds: quick ? 1 : 2, progress: progress)
        spin.close()
        let spinBase = spinResults[0].measurement.seconds
        let spinSpeedup = { (mode: Mode) -> Double in
            spinBase / spinResults.first { $0.mode == mode }!.measurement.seconds
        }
        let spinReleased = spinSpeedup(.released), spinHeld = spinSpeedup(.held)
        figures += [("spin_released_speedup_8", .number(spinReleased)), ("spin_held_speedup_8", .number(spinHeld))]
        rows.append(Row(name: "C spin loop released, 8 threads", value: String(format: "%.2fx", spinReleased),
                        anchor: cpReleased.map { String(format: "%.2fx (CPython spin loop)", $0) } ?? "-",
                        ratio: cpReleased.map { String(format: "%.3f", spinReleased / $0) } ?? "-",
                        goal: "like for like", verdict: "info"))
        rows.append(Row(name: "C spin loop held, 8 threads", value: String(format: "%.2fx", spinHeld),
                        anchor: cpHeld.map { String(format: "%.2fx (CPython spin loop)", $0) } ?? "-",
                        ratio: "-", goal: "like for like", verdict: "info"))
        // 7. The convoy goals (issue 12), cpython and prompt in one run.
        progress?.status("bench: the convoy, cpython and prompt policies...")
        let convoy = try ConvoyCommand.goalRows(seconds: quick ? 0.3 : 1)
        rows += convoyRows(convoy, figures: &figures, goal: goal)
        // 8. The interpreter: MiniPy against CPython on the same program, in this run.
        progress?.status("bench: the interpreter against python3...")
        let interp = InterpreterBench.measure(quick: quick)
        progress?.status("bench: the countdown on 2 threads, recording off and on...")
        if let c = RecordingOverhead.countdown(iterations: quick ? 3_000_000 : 10_000_000, runs: quick ? 3 : 5) {
            figures += [("countdown_2_threads_recording_off_ns_per_iter", .number(c.off)),
                        ("countdown_2_threads_recording_on_ns_per_iter", c.on.map(JSON.number) ?? .null)]
            if let on = c.on {
                let overhead = on / c.off - 1
                rows.append(Row(name: "countdown on 2 threads, GIL recording on", value: String(format: "%.1f ns/iter", on),
                                anchor: String(format: "%.1f ns/iter (recording off)", c.off),
                                ratio: String(format: "%+.1f%%", 100 * overhead), goal: "<= +5%",
                                verdict: goal("recording_on_countdown", "<= 5% over recording off", overhead <= 0.05)))
            }
        }
        func kit(_ key: String) -> Double? { interp.kit[key] }
        func cp(_ key: String) -> Double? { interp.cpython[key] }
        for (key, value) in interp.kit { figures.append(("minipy_" + key, .number(value))) }
        for (key, value) in interp.cpython { figures.append(("cpython_" + key, .number(value))) }
        if let ns = kit("countdown_ns_per_iter") {
            let anchor = cp("countdown_ns_per_iter")
            rows.append(Row(name: "interpreted countdown, per iteration", value: String(format: "%.1f ns", ns),
                            anchor: anchor.map { String(format: "%.1f ns (CPython)", $0) } ?? "-",
                            ratio: anchor.map { String(format: "%.2fx", ns / $0) } ?? "-",
                            goal: "<= CPython", verdict: goal("interpreted_countdown", "<= CPython's ns/iteration",
                                                                anchor.map { ns <= $0 })))
        }
        if let mflops = kit("matmul_mflops") {
            let anchor = cp("matmul_mflops")
            rows.append(Row(name: "pure-Python \(quick ? 64 : 96)x\(quick ? 64 : 96) matmul", value: String(format: "%.1f MFLOPS", mflops),
                            anchor: anchor.map { String(format: "%.1f MFLOPS (CPython)", $0) } ?? "-",
                            ratio: anchor.map { String(format: "%.2fx", mflops / $0) } ?? "-",
                            goal: ">= CPython", verdict: goal("interpreted_matmul", ">= CPython's MFLOPS",
                                                                anchor.map { mflops >= $0 })))
        }
        if let mflops = kit("matmul_module_mflops") {
            let anchor = cp("matmul_module_mflops")
            rows.append(Row(name: "pure-Python matmul, module level", value: String(format: "%.1f MFLOPS", mflops),
                            anchor: anchor.map { String(format: "%.1f MFLOPS (CPython)", $0) } ?? "-",
                            ratio: anchor.map { String(format: "%.2fx", mflops / $0) } ?? "-",
                            goal: ">= CPython", verdict: goal("interpreted_matmul_module", ">= CPython's MFLOPS",
                                                                anchor.map { mflops >= $0 })))
        }
        for threads in [2, 8] {
            guard let s = kit("countdown_speedup_\(threads)") else { continue }
            let anchor = cp("countdown_speedup_\(threads)")
            rows.append(Row(name: "interpreted countdown, \(threads) threads", value: String(format: "%.2fx", s),
                            anchor: anchor.map { String(format: "%.2fx (CPython)", $0) } ?? "-", ratio: "-",
                            goal: "0.9x - 1.1x", verdict: goal("interpreted_countdown_\(threads)", "0.9x - 1.1x",
                                                                 s >= 0.9 && s <= 1.1)))
        }
        if let s = kit("script_native_released_speedup_8") {
            rows.append(Row(name: "script: native matmul released, 8 thr", value: String(format: "%.2fx", s),
                            anchor: "-", ratio: "-", goal: ">= 1.9x",
                            verdict: goal("script_native_released_8", ">= 1.9x", s >= 1.9)))
        }
        if let s = kit("script_native_held_speedup_8") {
            rows.append(Row(name: "script: native matmul held, 8 threads", value: String(format: "%.2fx", s),
                            anchor: "-", ratio: "-", goal: "~1.0x", verdict: "info"))
        }
        progress?.clear()

        var notes = anchors.notes + interp.notes
        notes.append("matmul 8 threads: " + check.summary)
        #if DEBUG
        notes.append("this is a debug build of the Swift code: build with -c release for figures worth quoting")
        #endif
        if failure != nil { notes.append("matmul verification FAILED: \(failure!)") }
        if spinFailure != nil { notes.append("spin verification FAILED: \(spinFailure!)") }
        let seconds = Date().timeIntervalSince(started)
        let machine = machineDescription()

        if json {
            let object: JSON = .object([
                ("workload", .string("bench")), ("quick", .bool(quick)), ("machine", .string(machine)),
                ("cores", .int(activeCores)), ("python", anchors.pythonVersion.map(JSON.string) ?? .null),
                ("seconds", .number(seconds)),
            ] + figures + [("goals", .array(goals)), ("notes", .array(notes.map(JSON.string)))])
            print(object.encoded())
        } else {
            print("extdemo bench\(quick ? " --quick" : ""): \(machine), \(activeCores) cores"
                  + (anchors.pythonVersion.map { ", anchors from Python \($0)" } ?? ""))
            printTable(rows)
            for note in notes { print("note: \(note)") }
            print(String(format: "(%.1f s)", seconds))
        }
        return failure == nil && spinFailure == nil ? 0 : 1
    }

    /// Best GFLOPS of matmul.matmul(a, b) on the calling thread (GIL held; released by the kernel).
    static func oneThreadMatmulGflops(size: Int, rounds: Int) throws -> Double {
        do {
            let random = try miniImport("matmul").attribute("random")
            let n = try MiniRef.int(size)
            let seedA = try MiniRef.int(1), seedB = try MiniRef.int(2)
            let a = try random.call([n.pointer, n.pointer, seedA.pointer])
            let b = try random.call([n.pointer, n.pointer, seedB.pointer])
            var best = Double.infinity
            for _ in 0..<rounds {
                let start = Mini_MonotonicNs()
                let c = try MiniRef(checking: try callExtension("matmul", "matmul", a.pointer, b.pointer))
                best = min(best, Double(Mini_MonotonicNs() - start) / 1e9)
                _ = consume c
            }
            return 2 * pow(Double(size), 3) / best / 1e9
        } catch {
            throw RunFailure("matmul failed: \(error)")
        }
    }

    /// Best bytes per second of hashing.sha256(data) on the calling thread.
    static func sha256Throughput(bytes: Int, rounds: Int) throws -> Double {
        do {
            let data = try MiniRef(checking: MiniBytes_FromStringAndSize(nil, bytes))
            memset(MiniBytes_AsString(data.pointer), 0x78, bytes)
            var best = Double.infinity
            for _ in 0..<rounds {
                let start = Mini_MonotonicNs()
                let digest = try MiniRef(checking: try callExtension("hashing", "sha256", data.pointer))
                best = min(best, Double(Mini_MonotonicNs() - start) / 1e9)
                _ = consume digest
            }
            return Double(bytes) / best
        } catch {
            throw RunFailure("sha256 failed: \(error)")
        }
    }

    static func printTable(_ rows: [Row]) {
        let header = Row(name: "measurement", value: "extdemo", anchor: "anchor", ratio: "ratio", goal: "goal", verdict: "result")
        let all = [header] + rows
        let columns: [(Row) -> String] = [{ $0.name }, { $0.value }, { $0.anchor }, { $0.ratio }, { $0.goal }, { $0.verdict }]
        let widths = columns.map { col in all.map { col($0).count }.max()! }
        for (i, row) in all.enumerated() {
            print(zip(columns, widths).map { col, w in col(row).padding(toLength: w, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            if i == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }
}

/// sleeper.spin(iterations, release=...) as tasks: CPU work that touches no memory, the same
/// kind as CPython's anchor kernel. Every task returns the same checksum.
final class SpinWorkload: Workload {
    let name = "spin"
    let tasks: Int
    /// [iterations, {"release": False}, {"release": True}]
    private let objects = ObjectSlots(count: 3)

    var verificationSummary: String { "every task's checksum equals the sequential run's" }

    init(iterations: Int, tasks: Int) throws {
        self.tasks = tasks
        do {
            objects.store(try MiniRef.int(iterations).release(), at: 0)
            objects.store(try releaseKeyword(false).release(), at: 1)
            objects.store(try releaseKeyword(true).release(), at: 2)
        } catch {
            close()
            throw RunFailure("cannot build the spin arguments: \(error)")
        }
    }

    func close() { objects.clear() }

    func task(mode: Mode, results: ObjectSlots) throws -> TaskBody {
        let objects = self.objects
        let kw = mode.releasesGIL ? 2 : 1
        return { (task: Int) throws(MiniError) in
            results.store(try callExtension("sleeper", "spin", objects[0]!, kwargs: objects[kw]), at: task)
        }
    }

    func verify(mode: Mode, results: ObjectSlots, reference: [Fingerprint]?) throws -> [Fingerprint] {
        var prints: [Fingerprint] = []
        for i in 0..<tasks {
            guard let r = results[i] else { throw VerificationFailure(message: "task \(i + 1) produced no result") }
            let v = MiniLong_AsLongLong(r)
            if v == -1, MiniErr_Occurred() != nil {
                MiniErr_Clear()
                throw VerificationFailure(message: "task \(i + 1) returned no int")
            }
            prints.append(.number(Double(v)))
        }
        if let first = prints.first, prints.contains(where: { $0 != first }) {
            throw VerificationFailure(message: "the tasks' checksums differ")
        }
        try Harness.compare(prints, with: reference, what: "checksum")
        return prints
    }
}

/// "AMD EPYC 9B14, Linux 6.1": the CPU model and OS, for reports.
func machineDescription() -> String {
    var cpu = "unknown CPU"
    if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
       let colon = line.firstIndex(of: ":") {
        cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    var name = utsname()
    uname(&name)
    let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
    return "\(cpu), Linux \(release)"
}
