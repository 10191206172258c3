// ConvoyCommand.swift: `extdemo convoy`: the convoy effect (bpo-7946) reproduced, and the
// `prompt` policy's fix measured. An I/O-bound thread does short blocking operations (64-byte
// socketpair round trips to an echo server thread) first alone, then beside N CPU-bound
// interpreted threads (`while not stop[0]: n += 1`); the CPU threads also run alone, before and
// after, for their solo throughput. Per policy it prints the I/O thread's operations per second
// and p50/p99 latency, and the CPU threads' throughput as a fraction of their solo throughput.
// `--sweep` repeats it over switch intervals and thread counts and prints one table.
//
// The experiment is the one ../shared/anchors/measure.py runs on CPython, and by default
// (`--io python`) it is written the same way: the client and the echo server are Python threads
// running in MiniPy over the kit's socket module, so each send and recv releases the lock once
// for the blocking call and takes it back, and the bytecode between the calls runs with it held,
// as in CPython. `--io c` is the earlier C version (Examples/extensions/convoy.c: the same round
// trips with the client's and server's steps in C, well under a microsecond each with the lock
// held); it is kept because it alone offers `--server native` (a plain pthread that never takes
// the lock: a server in another process) and `--server-us` (a busy wait per request outside the
// lock, which Python cannot express), and because the two side by side show how much the convoy
// at one CPU thread depends on the I/O side holding the lock long enough between its calls for a
// woken CPU thread to win it (session 5: the C side sat on a knife edge there).
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
//        "ops_per_second_alone", "ops_per_second_contended", "cpu_throughput_fraction",
//        "cpu_lock_fraction" (the CPU threads' exact share of the lock beside the I/O thread over
//        alone: what the policy gives away, which the machine's speed does not move), "cpu_run_fraction"
//        (their CPU time, beside over alone: what the operating system gave them)}], ...}

import CShims
import Foundation
import MiniPy

enum ConvoyCommand: Subcommand {
    static let name = "convoy"
    static let summary = "the convoy effect: an I/O thread beside CPU-bound threads, per GIL policy"
    static let options: [OptionSpec] = [
        .option("--policy", "LIST"), .option("--cpu-threads", "N"), .option("--switch-interval", "MS"),
        .option("--seconds", "S"), .option("--io", "python|c"), .option("--server-us", "US"),
        .option("--server", "python|native"),
        .flag("--sweep"), .flag("--json"), .flag("--realtime"),
        .flag("--stats"), .option("--trace", "FILE.json"), .option("--timeline", "FILE.svg|-"),
    ]

    static let help = """
    Usage: extdemo convoy [--policy LIST] [--cpu-threads N] [--switch-interval MS] [--seconds S]
                          [--io python|c] [--server python|native] [--server-us US] [--sweep]
                          [--json] [--realtime] [--stats] [--trace FILE.json] [--timeline FILE.svg|-]

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
      --io python|c          the client and echo server: Python threads over the socket module, as
                             CPython's reference measures (default), or the C ones of the convoy
                             extension (Examples/extensions/convoy.c)
      --server python|native (--io c) the echo server: a thread that holds the GIL to handle each
                             request, as a Python server does (default), or a plain thread that
                             never takes it (a server in another process)
      --server-us US         (--io c) a busy wait per request in the server, outside the GIL
                             (default: 0)
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
        /// The CPU threads' lock share (GIL-held time summed over the threads / wall time), alone
        /// and beside the I/O thread: exact, unlike the rates, which the machine's speed moves.
        let lockSolo: Double, lockContended: Double
        /// The CPU threads' CPU time (CLOCK_THREAD_CPUTIME_ID, summed / wall time), alone and beside
        /// the I/O thread: how much the operating system ran them. With the lock share it splits a
        /// throughput loss into what the policy took (lock), what the machine took (ran below
        /// lock: the thread held the lock but was not running), and what made each CPU second
        /// slower (caches, a busy sibling core: kept below ran).
        let runSolo: Double, runContended: Double
        /// The prompt policy's refusals and charge before the contended phase (the solo and
        /// I/O-alone phases, where nobody should pay much): a diagnostic for a contended phase
        /// that starts without credit.
        let refusedBefore: Int, chargedBeforeNs: Double

        var aloneRate: Double { aloneNs > 0 ? Double(aloneOps) / aloneNs * 1e9 : 0 }
        var contRate: Double { contNs > 0 ? Double(contOps) / contNs * 1e9 : 0 }
        var cpuFraction: Double { cpuSolo > 0 ? cpuContended / cpuSolo : 0 }
        var lockFraction: Double { lockSolo > 0 ? lockContended / lockSolo : 0 }
        var runFraction: Double { runSolo > 0 ? runContended / runSolo : 0 }

        var json: JSON {
            .object([
                ("policy", .string(policy)), ("switch_interval_ms", .number(interval)), ("cpu_threads", .int(cpuThreads)),
                ("alone_p50_us", .number(aloneP50 / 1000)), ("alone_p99_us", .number(aloneP99 / 1000)),
                ("contended_p50_us", .number(contP50 / 1000)), ("contended_p99_us", .number(contP99 / 1000)),
                ("ops_per_second_alone", .number(aloneRate)), ("ops_per_second_contended", .number(contRate)),
                ("cpu_throughput_fraction", .number(cpuFraction)),
                ("cpu_lock_fraction", .number(lockFraction)),
                ("cpu_run_fraction", .number(runFraction)),
                ("prompt_granted", .int(granted)), ("prompt_refused", .int(refused)), ("prompt_bursts", .int(bursts)),
                ("prompt_charged_ms", .number(chargedNs / 1e6)),
                ("prompt_refused_before_contended", .int(refusedBefore)),
                ("prompt_charged_before_contended_ms", .number(chargedBeforeNs / 1e6)),
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
        let side = try ioSide(arguments)
        let sweep = arguments.flag("--sweep")
        let json = arguments.flag("--json")
        let realtime = arguments.flag("--realtime")

        try Runtime.start()
        try Runtime.importModule("convoy")
        MiniPy.prepare()
        // A tiny warm-up run imports what the program uses (cached, as in sys.modules) before the
        // leak-check baseline is taken.
        let warm = MiniPy.runSource(program(cpuThreads: 1, seconds: 0.001, side: side),
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
                rows.append(try measure(policy: name, interval: ms, cpuThreads: n, seconds: seconds, side: side))
            }
        }
        _ = MiniSys_SetSwitchInterval(0.005)
        if json {
            var pairs: [(String, JSON)] = [("policies", .array(rows.map(\.json))), ("seconds_per_phase", .number(seconds)),
                                           ("cores", .int(activeCores)), ("machine", .string(GILRecording.machine)),
                                           ("scheduling", .string(realtime ? "fifo" : "normal")),
                                           ("io", .string(side.name))]
            if let stats = GILRecording.jsonStats() { pairs.append(("gil_trace_stats", stats)) }
            print(JSON.object(pairs).encoded())
        } else {
            print(table(rows, realtime: realtime, side: side))
        }
        return 0
    }

    /// The I/O side: the Python client and server (default), or the C ones with their server's
    /// options. The C-only options with `--io python` are a usage error.
    enum IOSide {
        case python
        case c(pythonServer: Bool, thinkUs: Double)

        var name: String {
            switch self {
            case .python: return "python"
            case .c(let server, _): return server ? "c" : "c, native server"
            }
        }
    }

    static func ioSide(_ arguments: CommandLineArguments) throws -> IOSide {
        let thinkUs = try serverMicroseconds(arguments.values["--server-us"])
        let pythonServer: Bool
        switch arguments.values["--server"] ?? "python" {
        case "python": pythonServer = true
        case "native": pythonServer = false
        case let other: throw UsageError("--server: unknown server '\(other)' (choose python or native)")
        }
        switch arguments.values["--io"] ?? "python" {
        case "python":
            if arguments.values["--server"] != nil || arguments.values["--server-us"] != nil {
                throw UsageError("--server and --server-us apply to the C I/O side only (add --io c)")
            }
            return .python
        case "c": return .c(pythonServer: pythonServer, thinkUs: thinkUs)
        case let other: throw UsageError("--io: unknown I/O side '\(other)' (choose python or c)")
        }
    }

    /// --server-us: 0 by default; 0 or more microseconds (at most a second).
    static func serverMicroseconds(_ text: String?) throws(UsageError) -> Double {
        guard let text else { return 0 }
        guard let us = Double(text), us >= 0, us <= 1_000_000 else {
            throw UsageError("--server-us needs a number of microseconds in 0...1000000, got '\(text)'")
        }
        return us
    }

    /// The I/O side's code: `io()` returns (ops, elapsed_ns, p50_ns, p99_ns). The Python one is
    /// measure.py's experiment written in the kit's dialect of the same language: a client timing
    /// send + recv round trips from before the send to after the reply, an echo server thread
    /// that sends back what it receives until the client closes.
    static func ioCode(_ side: IOSide) -> String {
        switch side {
        case .c(let pythonServer, let thinkUs):
            return """
            def io():
                return convoy.echo(100000000, SECONDS, 64, \(thinkUs), \(pythonServer ? 1 : 0))
            """
        case .python:
            return """
            import socket
            PAYLOAD = b"x" * 64

            def echo_server(sock):
                while True:
                    data = sock.recv(64)
                    if not data:
                        return
                    sock.send(data)

            def io():
                client, server_end = socket.socketpair()
                server = threading.Thread(target=echo_server, args=(server_end,), name="echo-server")
                server.start()
                clock = time.perf_counter_ns
                latencies = []
                start = clock()
                limit = start + int(SECONDS * 1e9)
                while True:
                    t0 = clock()
                    if t0 >= limit:
                        break
                    client.send(PAYLOAD)
                    reply = client.recv(64)
                    while len(reply) < 64:   # a stream may split the reply (loopback hardly ever does)
                        reply += client.recv(64 - len(reply))
                    latencies.append(clock() - t0)
                elapsed = clock() - start
                client.close()
                server.join()
                server_end.close()
                latencies.sort()
                n = len(latencies)
                return n, elapsed, latencies[(n - 1) // 2], latencies[int((n - 1) * 0.99)]
            """
        }
    }

    /// The program: CPU threads alone, the I/O thread alone, then both together.
    static func program(cpuThreads: Int, seconds: Double, side: IOSide) -> String {
        """
        import threading, time, convoy
        N = \(cpuThreads)
        SECONDS = \(seconds)
        stop = [False]
        counts = [0] * N
        held = [0] * N
        ran = [0] * N

        def spin(i):
            h = convoy.held_ns()
            c = time.thread_time_ns()
            n = 0
            while not stop[0]:
                n += 1
            counts[i] = n
            ran[i] = time.thread_time_ns() - c
            held[i] = convoy.held_ns() - h

        def cpu_phase(during):
            stop[0] = False
            for i in range(N):
                counts[i] = 0
                held[i] = 0
                ran[i] = 0
            threads = [threading.Thread(target=spin, args=(i,), name="cpu-" + str(i + 1)) for i in range(N)]
            start = time.perf_counter()
            for t in threads:
                t.start()
            result = during()
            stop[0] = True
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - start
            return sum(counts) / elapsed, result, sum(held) / 1e9 / elapsed, sum(ran) / 1e9 / elapsed

        \(ioCode(side))

        # The CPU threads' solo rate is measured before and after, and averaged, so a drift in
        # the machine's load during the run does not masquerade as the policy's effect.
        # The lock share (the CPU threads' exact GIL-held time over the phase's wall time) is
        # measured beside the rate: it is what the policy gives away, free of the machine's speed.
        # The CPU time they got (thread_time) is measured too: the operating system's share of the loss.
        solo1, _, share1, ran1 = cpu_phase(lambda: time.sleep(SECONDS))
        alone = io()
        before = convoy.decisions(1)
        contended_rate, contended, contended_share, contended_ran = cpu_phase(io)
        decisions = convoy.decisions(1)
        solo2, _, share2, ran2 = cpu_phase(lambda: time.sleep(SECONDS))
        solo = (solo1 + solo2) / 2
        print("RESULT", alone[0], alone[1], alone[2], alone[3], contended[0], contended[1], contended[2], contended[3], solo, contended_rate,
              decisions[0], decisions[1], decisions[2], decisions[3], (share1 + share2) / 2, contended_share,
              before[1], before[3], (ran1 + ran2) / 2, contended_ran)
        """
    }

    /// The issue's convoy goals in one run, for `extdemo bench`: cpython then prompt, one CPU
    /// thread, the 5 ms interval, the Python echo server. Needs the runtime started; imports the
    /// convoy module, restores the cpython policy and the 5 ms interval.
    static func goalRows(seconds: Double) throws -> (cpython: Row, prompt: Row) {
        try Runtime.importModule("convoy")
        MiniPy.prepare()
        defer {
            _ = MiniGIL_SetPolicy(Int32(MINI_GILPOLICY_CPYTHON.rawValue), 0)
            _ = MiniSys_SetSwitchInterval(0.005)
        }
        _ = MiniSys_SetSwitchInterval(0.005)
        _ = MiniGIL_SetPolicy(Int32(MINI_GILPOLICY_CPYTHON.rawValue), 0)
        let cpython = try measure(policy: "cpython", interval: 5, cpuThreads: 1, seconds: seconds, side: .python)
        _ = MiniGIL_SetPolicy(Int32(MINI_GILPOLICY_PROMPT.rawValue), 0)
        let prompt = try measure(policy: "prompt", interval: 5, cpuThreads: 1, seconds: seconds, side: .python)
        return (cpython, prompt)
    }

    static func measure(policy: String, interval: Double, cpuThreads: Int, seconds: Double, side: IOSide) throws -> Row {
        let result = MiniPy.runSource(program(cpuThreads: cpuThreads, seconds: seconds, side: side), filename: "<convoy>")
        guard result.exitCode == 0 else { throw RunFailure("the convoy program failed (exit \(result.exitCode)):\n\(result.stderr)") }
        guard let line = result.stdout.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }) else {
            throw RunFailure("the convoy program printed no result:\n\(result.stdout)\(result.stderr)")
        }
        let v = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard v.count == 20 else { throw RunFailure("the convoy program printed a malformed result: \(line)") }
        return Row(policy: policy, interval: interval, cpuThreads: cpuThreads,
                   aloneOps: Int(v[0]), aloneNs: v[1], aloneP50: v[2], aloneP99: v[3],
                   contOps: Int(v[4]), contNs: v[5], contP50: v[6], contP99: v[7], cpuSolo: v[8], cpuContended: v[9],
                   granted: Int(v[10]), refused: Int(v[11]), bursts: Int(v[12]), chargedNs: v[13],
                   lockSolo: v[14], lockContended: v[15], runSolo: v[18], runContended: v[19],
                   refusedBefore: Int(v[16]), chargedBeforeNs: v[17])
    }

    static func table(_ rows: [Row], realtime: Bool = false, side: IOSide = .python) -> String {
        func us(_ ns: Double) -> String { ns >= 10_000_000 ? String(format: "%.0f", ns / 1000) : String(format: "%.1f", ns / 1000) }
        let header = ["policy", "interval", "cpu thr", "alone p50 us", "alone ops/s", "contended p50 us", "p99 us",
                      "contended ops/s", "p50 x alone", "CPU kept", "CPU lock", "CPU ran", "prompt bursts"]
        var body: [[String]] = []
        for r in rows {
            body.append([r.policy, formatNumber(r.interval) + " ms", "\(r.cpuThreads)", us(r.aloneP50), String(format: "%.0f", r.aloneRate),
                         us(r.contP50), us(r.contP99), String(format: "%.0f", r.contRate),
                         r.aloneP50 > 0 ? String(format: "%.1fx", r.contP50 / r.aloneP50) : "-",
                         String(format: "%.1f%%", 100 * r.cpuFraction), String(format: "%.1f%%", 100 * r.lockFraction),
                         String(format: "%.1f%%", 100 * r.runFraction),
                         r.granted + r.refused > 0 ? "\(r.bursts) (\(r.granted) served, \(r.refused) refused)" : "-"])
        }
        let widths = header.indices.map { i in max(header[i].count, body.map { $0[i].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i == 0 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0) : c.leftPadded(to: widths[i]) }
                .joined(separator: "  ")
        }
        let who: String
        switch side {
        case .python: who = "a Python client and echo server over the socket module"
        case .c(let server, _): who = "the C client and " + (server ? "echo server (convoy.c)" : "native echo server (convoy.c)")
        }
        var out = ["convoy: 64-byte socketpair round trips (GIL released around each send and recv) by \(who),",
                   "alone, then beside CPU-bound interpreted threads; \(activeCores) cores; \(GILRecording.machine)"
                       + (realtime ? "; threads SCHED_FIFO (--realtime)" : ""),
                   line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += body.map(line)
        out.append("p50 x alone: the I/O thread's median latency beside the CPU threads over its median alone.")
        out.append("CPU kept: the CPU threads' iterations/s beside the I/O thread over their iterations/s alone.")
        out.append("CPU lock: the CPU threads' share of the lock (exact GIL-held time over wall time) beside the I/O thread over alone.")
        out.append("CPU ran: the CPU time the CPU threads got (thread_time) beside the I/O thread over alone.")
        out.append("prompt bursts: runs of prompt services charged to the credit (requests served at once, refused for want of credit).")
        return out.joined(separator: "\n")
    }
}
