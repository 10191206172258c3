// ConvoyCommand.swift: `extdemo convoy`: the convoy effect (bpo-7946) reproduced, and the
// `prompt` policy's fix measured. An I/O-bound thread does short blocking operations (convoy.echo:
// socketpair round trips to an echo server thread, the GIL released around each send and recv as
// socket.send/recv do) first alone, then beside N CPU-bound interpreted threads
// (`while not stop[0]: n += 1`); the CPU threads also run alone, before and after, for their
// solo throughput. Per policy it prints the I/O thread's operations per second and p50/p99
// latency, and the CPU threads' throughput as a fraction of their solo throughput. `--sweep`
// repeats it over switch intervals and thread counts and prints one table.
//
// The experiment is the one ../shared/anchors/measure.py runs on CPython: the echo server is a
// Python-like thread that holds the GIL to handle each request (`--server native` makes it a
// plain pthread, a server in another process), and the server answers at once (`--server-us`
// adds a busy wait per request, off by default: an idle vCPU that waits out a 20 us think time
// falls asleep and its wake-ups, not the kit, dominated the figure "alone").
//
// Whether the convoy shows at one CPU thread depends on the scheduler as much as on the lock, for
// CPython as for the kit: it needs the CPU-bound thread back on a core as soon as it is woken, so
// it wins the lock in the gaps of the I/O threads' round trip. On a loaded machine it waits for a
// core and the I/O threads keep the lock among themselves (neither CPython's reference nor the
// kit convoys then). `--realtime` runs every thread of the measurement SCHED_FIFO (inherited by
// the threads it starts), so a woken thread gets a core at once, as on an idle machine: the
// figures become reproducible on a shared one (it needs CAP_SYS_NICE; the run says which
// scheduling it used).
//
// JSON: {"policies": [{"policy", "alone_p50_us", "contended_p50_us", "contended_p99_us",
//        "ops_per_second_alone", "ops_per_second_contended", "cpu_throughput_fraction"}], ...}

import CShims
import Foundation
import MiniPy

enum ConvoyCommand: Subcommand {
    static let name = "convoy"
    static let summary = "the convoy effect: an I/O thread beside CPU-bound threads, per GIL policy"
    static let options: [OptionSpec] = [
        .option("--policy", "LIST"), .option("--cpu-threads", "N"), .option("--switch-interval", "MS"),
        .option("--seconds", "S"), .option("--server-us", "US"), .option("--server", "python|native"),
        .flag("--sweep"), .flag("--json"), .flag("--realtime"),
        .flag("--stats"), .option("--trace", "FILE.json"), .option("--timeline", "FILE.svg|-"),
    ]

    static let help = """
    Usage: extdemo convoy [--policy LIST] [--cpu-threads N] [--switch-interval MS] [--seconds S]
                          [--server python|native] [--server-us US] [--sweep] [--json] [--realtime]
                          [--stats] [--trace FILE.json] [--timeline FILE.svg|-]

    Reproduces the convoy effect (bpo-7946): an I/O thread doing short blocking operations
    (64-byte round trips over a socketpair to an echo server thread, the GIL released around
    each send and recv) is measured alone, then beside --cpu-threads CPU-bound interpreted
    threads. Under the cpython policy every recv that returns while a CPU thread holds the lock
    waits a whole switch interval before it may even ask for it back; under prompt it asks at once.

    Options:
      --policy LIST          comma-separated policies: cpython, ticks, prompt (default: cpython,prompt)
      --cpu-threads N        CPU-bound interpreted threads beside the I/O thread (default: 1)
      --switch-interval MS   the GIL switch interval in milliseconds (default: 5)
      --seconds S            length of each measured phase (default: 1)
      --server python|native the echo server: a thread that holds the GIL to handle each request,
                             as a Python server does (default, as CPython's reference measures), or
                             a plain thread that never takes it (a server in another process)
      --server-us US         a busy wait per request in the server, outside the GIL (default: 0)
      --sweep                repeat for switch intervals 1, 5, 20 ms and 1, 2, 4, 8 CPU threads
                             (cpython and prompt unless --policy says otherwise) in one table
      --json                 print one JSON object instead of the table
      --realtime             run the measurement's threads SCHED_FIFO (needs CAP_SYS_NICE): a woken
                             thread gets a core at once, as on an idle machine, so the figures do
                             not depend on other work on a shared machine
      --stats, --trace FILE.json, --timeline FILE.svg|-   see the lock (as on the other commands)
      -h, --help             show this help
    """

    struct Row {
        let policy: String
        let interval: Double
        let cpuThreads: Int
        let aloneOps: Int, aloneNs: Double, aloneP50: Double, aloneP99: Double
        let contOps: Int, contNs: Double, contP50: Double, contP99: Double
        let cpuSolo: Double, cpuContended: Double
        /// The prompt policy's decisions during the contended phase (zero under the others).
        let granted: Int, refused: Int, bursts: Int, chargedNs: Double

        var aloneRate: Double { aloneNs > 0 ? Double(aloneOps) / aloneNs * 1e9 : 0 }
        var contRate: Double { contNs > 0 ? Double(contOps) / contNs * 1e9 : 0 }
        var cpuFraction: Double { cpuSolo > 0 ? cpuContended / cpuSolo : 0 }

        var json: JSON {
            .object([
                ("policy", .string(policy)), ("switch_interval_ms", .number(interval)), ("cpu_threads", .int(cpuThreads)),
                ("alone_p50_us", .number(aloneP50 / 1000)), ("alone_p99_us", .number(aloneP99 / 1000)),
                ("contended_p50_us", .number(contP50 / 1000)), ("contended_p99_us", .number(contP99 / 1000)),
                ("ops_per_second_alone", .number(aloneRate)), ("ops_per_second_contended", .number(contRate)),
                ("cpu_throughput_fraction", .number(cpuFraction)),
                ("prompt_granted", .int(granted)), ("prompt_refused", .int(refused)), ("prompt_bursts", .int(bursts)),
                ("prompt_charged_ms", .number(chargedNs / 1e6)),
            ])
        }
    }

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        let policyText = arguments.values["--policy"] ?? "cpython,prompt"
        var policies: [(String, Int32, UInt)] = []
        for part in policyText.split(separator: ",", omittingEmptySubsequences: false) {
            let word = part.trimmingCharacters(in: .whitespaces)
            let (p, n) = try GILRecording.parsePolicy(word, option: "--policy")
            policies.append((word.lowercased(), p, n))
        }
        let cpuThreads = try arguments.integer("--cpu-threads", default: 1, max: 64)
        let interval = try arguments.positiveNumber("--switch-interval", default: 5, max: 1000)
        let seconds = try arguments.positiveNumber("--seconds", default: 1, max: 600)
        let thinkUs = try serverMicroseconds(arguments.values["--server-us"])
        let pythonServer: Bool
        switch arguments.values["--server"] ?? "python" {
        case "python": pythonServer = true
        case "native": pythonServer = false
        case let other: throw UsageError("--server: unknown server '\(other)' (choose python or native)")
        }
        let sweep = arguments.flag("--sweep")
        let json = arguments.flag("--json")
        let realtime = arguments.flag("--realtime")

        try Runtime.start()
        try Runtime.importModule("convoy")
        MiniPy.prepare()
        // A tiny warm-up run imports what the program uses (cached, as in sys.modules) before the
        // leak-check baseline is taken.
        let warm = MiniPy.runSource(program(cpuThreads: 1, seconds: 0.001, thinkUs: 0, pythonServer: pythonServer),
                                    filename: "<convoy warm-up>")
        guard warm.exitCode == 0 else { throw RunFailure("cannot start the interpreter: \(warm.stderr)") }
        Runtime.markBaseline()
        if realtime { try RealtimeScheduling.enter() }
        defer { if realtime { RealtimeScheduling.leave() } }
        let configurations: [(Double, Int)] = sweep
            ? [1.0, 5.0, 20.0].flatMap { i in [1, 2, 4, 8].map { (i, $0) } }
            : [(interval, cpuThreads)]
        var rows: [Row] = []
        defer { _ = MiniGIL_SetPolicy(Int32(MINI_GILPOLICY_CPYTHON.rawValue), 0) }
        for (ms, n) in configurations {
            for (name, policy, param) in policies {
                if !json { writeError("convoy: \(name), \(formatNumber(ms)) ms, \(n) CPU thread\(n == 1 ? "" : "s") ...\n") }
                _ = MiniGIL_SetPolicy(policy, param)
                _ = MiniSys_SetSwitchInterval(ms / 1000)
                rows.append(try measure(policy: name, interval: ms, cpuThreads: n, seconds: seconds, thinkUs: thinkUs,
                                        pythonServer: pythonServer))
            }
        }
        _ = MiniSys_SetSwitchInterval(0.005)
        if json {
            var pairs: [(String, JSON)] = [("policies", .array(rows.map(\.json))), ("seconds_per_phase", .number(seconds)),
                                           ("cores", .int(activeCores)), ("machine", .string(GILRecording.machine)),
                                           ("scheduling", .string(realtime ? "fifo" : "normal"))]
            if let stats = GILRecording.jsonStats() { pairs.append(("gil_trace_stats", stats)) }
            print(JSON.object(pairs).encoded())
        } else {
            print(table(rows, realtime: realtime))
        }
        return 0
    }

    /// --server-us: 0 by default; 0 or more microseconds (at most a second).
    static func serverMicroseconds(_ text: String?) throws(UsageError) -> Double {
        guard let text else { return 0 }
        guard let us = Double(text), us >= 0, us <= 1_000_000 else {
            throw UsageError("--server-us needs a number of microseconds in 0...1000000, got '\(text)'")
        }
        return us
    }

    /// The program: CPU threads alone, the I/O thread alone, then both together.
    static func program(cpuThreads: Int, seconds: Double, thinkUs: Double, pythonServer: Bool) -> String {
        """
        import threading, time, convoy
        N = \(cpuThreads)
        SECONDS = \(seconds)
        THINK_US = \(thinkUs)
        PYTHON_SERVER = \(pythonServer ? 1 : 0)
        stop = [False]
        counts = [0] * N

        def spin(i):
            n = 0
            while not stop[0]:
                n += 1
            counts[i] = n

        def cpu_phase(during):
            stop[0] = False
            for i in range(N):
                counts[i] = 0
            threads = [threading.Thread(target=spin, args=(i,), name="cpu-" + str(i + 1)) for i in range(N)]
            start = time.perf_counter()
            for t in threads:
                t.start()
            result = during()
            stop[0] = True
            for t in threads:
                t.join()
            return sum(counts) / (time.perf_counter() - start), result

        def io():
            return convoy.echo(100000000, SECONDS, 64, THINK_US, PYTHON_SERVER)

        # The CPU threads' solo rate is measured before and after, and averaged, so a drift in
        # the machine's load during the run does not masquerade as the policy's effect.
        solo1, _ = cpu_phase(lambda: time.sleep(SECONDS))
        alone = io()
        convoy.decisions(1)
        contended_rate, contended = cpu_phase(io)
        decisions = convoy.decisions(1)
        solo2, _ = cpu_phase(lambda: time.sleep(SECONDS))
        solo = (solo1 + solo2) / 2
        print("RESULT", alone[0], alone[1], alone[2], alone[3], contended[0], contended[1], contended[2], contended[3], solo, contended_rate,
              decisions[0], decisions[1], decisions[2], decisions[3])
        """
    }

    static func measure(policy: String, interval: Double, cpuThreads: Int, seconds: Double, thinkUs: Double,
                        pythonServer: Bool) throws -> Row {
        let result = MiniPy.runSource(program(cpuThreads: cpuThreads, seconds: seconds, thinkUs: thinkUs, pythonServer: pythonServer),
                                      filename: "<convoy>")
        guard result.exitCode == 0 else { throw RunFailure("the convoy program failed (exit \(result.exitCode)):\n\(result.stderr)") }
        guard let line = result.stdout.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }) else {
            throw RunFailure("the convoy program printed no result:\n\(result.stdout)\(result.stderr)")
        }
        let v = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard v.count == 14 else { throw RunFailure("the convoy program printed a malformed result: \(line)") }
        return Row(policy: policy, interval: interval, cpuThreads: cpuThreads,
                   aloneOps: Int(v[0]), aloneNs: v[1], aloneP50: v[2], aloneP99: v[3],
                   contOps: Int(v[4]), contNs: v[5], contP50: v[6], contP99: v[7], cpuSolo: v[8], cpuContended: v[9],
                   granted: Int(v[10]), refused: Int(v[11]), bursts: Int(v[12]), chargedNs: v[13])
    }

    static func table(_ rows: [Row], realtime: Bool = false) -> String {
        func us(_ ns: Double) -> String { ns >= 10_000_000 ? String(format: "%.0f", ns / 1000) : String(format: "%.1f", ns / 1000) }
        let header = ["policy", "interval", "cpu thr", "alone p50 us", "alone ops/s", "contended p50 us", "p99 us",
                      "contended ops/s", "p50 x alone", "CPU kept", "prompt bursts"]
        var body: [[String]] = []
        for r in rows {
            body.append([r.policy, formatNumber(r.interval) + " ms", "\(r.cpuThreads)", us(r.aloneP50), String(format: "%.0f", r.aloneRate),
                         us(r.contP50), us(r.contP99), String(format: "%.0f", r.contRate),
                         r.aloneP50 > 0 ? String(format: "%.1fx", r.contP50 / r.aloneP50) : "-",
                         String(format: "%.1f%%", 100 * r.cpuFraction),
                         r.granted + r.refused > 0 ? "\(r.bursts) (\(r.granted) served, \(r.refused) refused)" : "-"])
        }
        let widths = header.indices.map { i in max(header[i].count, body.map { $0[i].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i == 0 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0) : c.leftPadded(to: widths[i]) }
                .joined(separator: "  ")
        }
        var out = ["convoy: 64-byte socketpair round trips (GIL released around each send and recv) alone, then beside",
                   "CPU-bound interpreted threads; \(activeCores) cores; \(GILRecording.machine)"
                       + (realtime ? "; threads SCHED_FIFO (--realtime)" : ""),
                   line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += body.map(line)
        out.append("p50 x alone: the I/O thread's median latency beside the CPU threads over its median alone.")
        out.append("CPU kept: the CPU threads' iterations/s beside the I/O thread over their iterations/s alone.")
        out.append("prompt bursts: runs of prompt services charged to the credit (requests served at once, refused for want of credit).")
        return out.joined(separator: "\n")
    }
}
