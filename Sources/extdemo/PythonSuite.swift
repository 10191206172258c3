// PythonSuite.swift: `extdemo bench --suite python`: MiniPy against CPython on real programs.
//
// Each program runs twice, back to back, in child processes: `extdemo run` (MiniPy) and python3
// (when present), both timed by the same harness, the kit's pyperf stand-in (Benchmarks/python/
// pyperf.py, embedded in the binary and written with the kit's programs to a temporary directory
// that goes first on both interpreters' import path). The stand-in prints one
// `#pyperf-result NAME MEDIAN MIN LOOPS VALUES` line per benchmark; the ratio is MiniPy's median
// time per loop over CPython's, and the summary is their geometric mean.
//
// The programs: the kit's own (Benchmarks/python/kit_*.py: OO, constraint graphs, floats,
// recursion, generators, dict/str), always; and pyperformance's pure-Python programs
// (benchmarks/bm_*/run_benchmark.py, MIT licence) when Scripts/fetch_pyperformance.sh has put
// them in Benchmarks/pyperformance (or $EXTDEMO_PYPERFORMANCE), run unchanged. A program MiniPy
// cannot run yet is listed with the last line of its error and left out of the mean. The kit's
// interpreter rows (countdown, pure-Python matmul with locals and at module level, 2/8 threads)
// follow. Exit status 0, or 2 on usage errors (unknown --only names).

import Foundation

enum PythonSuite {
    /// One program's outcome under both interpreters.
    struct Result {
        let bench: String          // the benchmark name the program reported (or the program's)
        let program: String        // "bm_richards" / "kit_oo_sim"
        let source: String         // "pyperformance" / "kit"
        var minipy: Double?        // median seconds per loop
        var minipyBase: Double?    // with --ab: MiniPy with its inline caches off (MINIPY_SPECIALIZE=0)
        var cpython: Double?
        var minipyError: String?
        var cpythonError: String?
        var ratio: Double? { (minipy != nil && cpython != nil && cpython! > 0) ? minipy! / cpython! : nil }
    }

    struct Program {
        let name: String
        let source: String
        let path: String
        var arguments: [String] = []   // after the script: pyperformance's extra_opts
    }

    /// Programs that need more than the harness stand-in can give (they time commands).
    static let unsupported: Set<String> = ["bm_python_startup", "bm_hg_startup"]

    static func run(quick: Bool, json: Bool, only: [String]?, ab: Bool = false, progress: ProgressLine?) throws -> Int32 {
        let started = Date()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("extdemo-suite-\(UUID().uuidString)")
        try writePrograms(to: dir.path)
        defer { try? FileManager.default.removeItem(at: dir) }

        var notes: [String] = []
        let programs = try selectPrograms(kitDir: dir.path, only: only, notes: &notes)

        let python = findExecutable(ProcessInfo.processInfo.environment["EXTDEMO_PYTHON"] ?? "python3")
        if python == nil { notes.append("python3 not found: MiniPy's times only, no ratios") }
        let pythonVersion = python.flatMap { runChild($0, ["-c", "import sys; print(sys.version.split()[0])"],
                                                      environment: [:], directory: nil, timeout: 30).output }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // Both modes calibrate the loop count so one value lasts at least min-time: a single call of a
        // microsecond-scale benchmark would measure the timer and the warm-up, not the program.
        let harness = quick ? ["--values", "1", "--min-time", "0.05"] : ["--values", "3", "--min-time", "0.1"]
        let timeout: Double = quick ? 300 : 900
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let exe = FileManager.default.isExecutableFile(atPath: me) ? me : (Bundle.main.executablePath ?? me)

        var results: [Result] = []
        for (i, program) in programs.enumerated() {
            progress?.status("bench --suite python: \(program.name) (\(i + 1)/\(programs.count))...")
            let directory = (program.path as NSString).deletingLastPathComponent
            let mine = runChild(exe, ["run", "--ext-path", dir.path, program.path] + program.arguments + harness,
                                environment: ["EXTDEMO_PATH": ""], directory: directory, timeout: timeout)
            var theirs: ChildOutcome?
            if let python {
                theirs = runChild(python, [program.path] + program.arguments + harness,
                                  environment: ["PYTHONPATH": dir.path, "PYTHONHASHSEED": "0"],
                                  directory: directory, timeout: timeout)
            }
            var combined = combine(program, mine, theirs)
            if ab {
                let base = runChild(exe, ["run", "--ext-path", dir.path, program.path] + program.arguments + harness,
                                    environment: ["EXTDEMO_PATH": "", "MINIPY_SPECIALIZE": "0"],
                                    directory: directory, timeout: timeout)
                let figures = parse(base.output ?? "")
                for i in combined.indices { combined[i].minipyBase = figures.first { $0.0 == combined[i].bench }?.1 }
            }
            results += combined
        }
        progress?.clear()

        progress?.status("bench --suite python: the interpreter rows...")
        try Runtime.start()
        try Runtime.importModule("matmul")
        let interp = InterpreterBench.measure(quick: quick)
        progress?.clear()
        notes += interp.notes
        #if DEBUG
        notes.append("this is a debug build of the Swift code: build with -c release for figures worth quoting")
        #endif
        let ratios = results.compactMap(\.ratio)
        let geomean = geometricMean(ratios)
        let pyperfRatios = results.filter { $0.source == "pyperformance" }.compactMap(\.ratio)
        let kitRatios = results.filter { $0.source == "kit" }.compactMap(\.ratio)
        let worst = results.filter { $0.ratio != nil }.max { $0.ratio! < $1.ratio! }
        let failed = results.filter { $0.minipy == nil }
        let pyperfPrograms = Set(programs.filter { $0.source == "pyperformance" }.map(\.name))
        let pyperfRunning = Set(results.filter { $0.source == "pyperformance" && $0.minipy != nil }.map(\.program))
        let seconds = Date().timeIntervalSince(started)

        if json {
            let rows: [JSON] = results.map { r in
                .object([("bench", .string(r.bench)), ("program", .string(r.program)), ("source", .string(r.source)),
                         ("minipy_seconds", r.minipy.map(JSON.number) ?? .null),
                         ("minipy_unspecialized_seconds", r.minipyBase.map(JSON.number) ?? .null),
                         ("cpython_seconds", r.cpython.map(JSON.number) ?? .null),
                         ("ratio", r.ratio.map(JSON.number) ?? .null),
                         ("minipy_error", r.minipyError.map(JSON.string) ?? .null),
                         ("cpython_error", r.cpythonError.map(JSON.string) ?? .null)])
            }
            var interpFigures: [(String, JSON)] = []
            for (k, v) in interp.kit.sorted(by: { $0.key < $1.key }) { interpFigures.append(("minipy_" + k, .number(v))) }
            for (k, v) in interp.cpython.sorted(by: { $0.key < $1.key }) { interpFigures.append(("cpython_" + k, .number(v))) }
            let object: JSON = .object([
                ("workload", .string("bench --suite python")), ("quick", .bool(quick)),
                ("machine", .string(machineDescription())), ("cores", .int(activeCores)),
                ("python", pythonVersion.map(JSON.string) ?? .null), ("seconds", .number(seconds)),
                ("results", .array(rows)),
                ("geometric_mean", geomean.map(JSON.number) ?? .null),
                ("geometric_mean_pyperformance", geometricMean(pyperfRatios).map(JSON.number) ?? .null),
                ("geometric_mean_kit", geometricMean(kitRatios).map(JSON.number) ?? .null),
                ("worst", worst.map { .object([("bench", .string($0.bench)), ("ratio", .number($0.ratio!))]) } ?? .null),
                ("pyperformance_programs", .int(pyperfPrograms.count)),
                ("pyperformance_programs_running", .int(pyperfRunning.count)),
                ("interpreter", .object(interpFigures)),
                ("goals", .array([
                    goalJSON("geometric_mean", "<= 1.0x CPython", geomean.map { $0 <= 1.0 }),
                    goalJSON("worst_program", "<= 1.5x CPython", worst.map { $0.ratio! <= 1.5 }),
                ])),
                ("notes", .array(notes.map(JSON.string))),
            ])
            print(object.encoded())
            return 0
        }

        print("extdemo bench --suite python\(quick ? " --quick" : ""): \(machineDescription()), \(activeCores) cores"
              + (pythonVersion.map { ", against Python \($0)" } ?? ""))
        var table: [[String]] = [["program", "source", "MiniPy", "CPython", "ratio", "<= 1.5x"]
                                 + (ab ? ["no caches", "caches gain"] : [])]
        for r in results where r.minipy != nil {
            table.append([r.bench, r.source, formatSeconds(r.minipy), formatSeconds(r.cpython),
                          r.ratio.map { String(format: "%.2fx", $0) } ?? "-",
                          r.ratio.map { $0 <= 1.5 ? "PASS" : "MISS" } ?? "n/a"]
                         + (ab ? [formatSeconds(r.minipyBase),
                                  r.minipyBase.map { String(format: "%.2fx", $0 / r.minipy!) } ?? "-"] : []))
        }
        printColumns(table)
        if let geomean {
            print(String(format: "geometric mean of %d ratios: %.2fx CPython's time (goal <= 1.0x: %@; stretch 0.8x)",
                         ratios.count, geomean, geomean <= 1.0 ? "PASS" : "MISS"))
            if let g = geometricMean(pyperfRatios) { print(String(format: "  pyperformance programs: %.2fx over %d", g, pyperfRatios.count)) }
            if let g = geometricMean(kitRatios) { print(String(format: "  kit programs:           %.2fx over %d", g, kitRatios.count)) }
        }
        if let worst { print(String(format: "slowest relative to CPython: %@ at %.2fx (goal <= 1.5x)", worst.bench, worst.ratio!)) }
        if !pyperfPrograms.isEmpty {
            print("pyperformance programs MiniPy runs: \(pyperfRunning.count) of \(pyperfPrograms.count) tried")
        }
        if !failed.isEmpty {
            print("not running under MiniPy yet:")
            for r in failed { print("  \(r.program): \(r.minipyError ?? "no result")") }
        }
        for r in results where r.minipy != nil && r.cpython == nil && python != nil {
            print("  (CPython could not run \(r.program): \(r.cpythonError ?? "no result"))")
        }
        printInterpreterRows(interp)
        for note in notes { print("note: \(note)") }
        print(String(format: "(%.1f s)", seconds))
        return 0
    }

    // ----- programs -----------------------------------------------------------------------------

    /// The kit's programs (written to kitDir) and pyperformance's, narrowed to `only`; a note when
    /// pyperformance's folder is missing. Throws a UsageError for names in `only` that are unknown.
    static func selectPrograms(kitDir: String, only: [String]?, notes: inout [String]) throws -> [Program] {
        var programs = EmbeddedSuite.files.map(\.path).filter { $0.hasPrefix("kit_") }.sorted().map {
            Program(name: String($0.dropLast(3)), source: "kit", path: kitDir + "/" + $0)
        }
        if let pyperf = findPyperformance() {
            programs += pyperformancePrograms(in: pyperf)
        } else {
            notes.append("pyperformance's programs not found: run Scripts/fetch_pyperformance.sh "
                         + "(or set EXTDEMO_PYPERFORMANCE to a folder of bm_*/run_benchmark.py); kit programs only")
        }
        guard let only else { return programs }
        let known = Set(programs.map(\.name))
        let wanted = Set(only.map { known.contains($0) ? $0 : (known.contains("bm_" + $0) ? "bm_" + $0 : $0) })
        let unknown = wanted.subtracting(known)
        if !unknown.isEmpty {
            throw UsageError("--only: no program named \(unknown.sorted().joined(separator: ", ")) "
                             + "(known: \(programs.map(\.name).joined(separator: " ")))")
        }
        return programs.filter { wanted.contains($0.name) }
    }

    /// `--list`: one line per program the suite would run: name, source, script and its arguments.
    static func list(only: [String]?) throws -> Int32 {
        var notes: [String] = []
        for p in try selectPrograms(kitDir: "", only: only, notes: &notes) {
            let script = p.source == "kit" ? (p.path as NSString).lastPathComponent : p.path
            print(([p.name, p.source, script] + p.arguments).joined(separator: " "))
        }
        for note in notes { print("note: \(note)") }
        return 0
    }

    /// Writes the pyperf stand-in and the kit's programs into `path` (created if needed).
    static func writePrograms(to path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in EmbeddedSuite.files {
            try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    /// The folder of bm_* programs: $EXTDEMO_PYPERFORMANCE, ./Benchmarks/pyperformance, or
    /// Benchmarks/pyperformance in the package the binary was built in (.build/<config>/extdemo).
    static func findPyperformance() -> String? {
        var candidates: [String] = []
        if let dir = ProcessInfo.processInfo.environment["EXTDEMO_PYPERFORMANCE"], !dir.isEmpty { candidates.append(dir) }
        candidates.append(FileManager.default.currentDirectoryPath + "/Benchmarks/pyperformance")
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.path + "/Benchmarks/pyperformance")
            dir = dir.deletingLastPathComponent()
        }
        for c in candidates {
            let path = URL(fileURLWithPath: c).standardizedFileURL.path
            if let entries = try? FileManager.default.contentsOfDirectory(atPath: path), entries.contains(where: { $0.hasPrefix("bm_") }) {
                return path
            }
        }
        return nil
    }

    /// The pure-Python programs in `dir`: bm_*/run_benchmark.py without a requirements.txt (those
    /// need third-party packages) and not in `unsupported`, once per benchmark its TOML files
    /// describe, with their extra_opts (PyperformanceManifest).
    static func pyperformancePrograms(in dir: String) -> [Program] {
        let fm = FileManager.default
        let entries = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix("bm_") }.sorted()
        return entries.flatMap { name -> [Program] in
            let base = dir + "/" + name
            guard fm.fileExists(atPath: base + "/run_benchmark.py"), !fm.fileExists(atPath: base + "/requirements.txt"),
                  !unsupported.contains(name) else { return [] }
            return PyperformanceManifest.entries(in: base).map {
                Program(name: $0.name, source: "pyperformance", path: base + "/run_benchmark.py", arguments: $0.arguments)
            }
        }
    }

    // ----- results ------------------------------------------------------------------------------

    /// `#pyperf-result NAME MEDIAN MIN LOOPS VALUES` lines: NAME -> median seconds per loop.
    static func parse(_ output: String) -> [(String, Double)] {
        output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count >= 3, parts[0] == "#pyperf-result", let median = Double(parts[2]) else { return nil }
            return (String(parts[1]), median)
        }
    }

    static func combine(_ program: Program, _ mine: ChildOutcome, _ theirs: ChildOutcome?) -> [Result] {
        let a = parse(mine.output ?? ""), b = parse(theirs?.output ?? "")
        var names = a.map(\.0)
        for (n, _) in b where !names.contains(n) { names.append(n) }
        if names.isEmpty { names = [program.name] }
        return names.map { name in
            var r = Result(bench: name, program: program.name, source: program.source)
            r.minipy = a.first { $0.0 == name }?.1
            r.cpython = b.first { $0.0 == name }?.1
            if r.minipy == nil { r.minipyError = mine.reason }
            if r.cpython == nil, let theirs { r.cpythonError = theirs.reason }
            return r
        }
    }

    static func geometricMean(_ values: [Double]) -> Double? {
        let v = values.filter { $0 > 0 }
        guard !v.isEmpty else { return nil }
        return exp(v.map { log($0) }.reduce(0, +) / Double(v.count))
    }

    static func goalJSON(_ name: String, _ text: String, _ pass: Bool?) -> JSON {
        .object([("name", .string(name)), ("goal", .string(text)),
                 ("result", pass.map { .string($0 ? "PASS" : "MISS") } ?? .null)])
    }

    static func formatSeconds(_ s: Double?) -> String {
        guard let s else { return "-" }
        if s >= 1 { return String(format: "%.2f s", s) }
        if s >= 1e-3 { return String(format: "%.1f ms", s * 1e3) }
        if s >= 1e-6 { return String(format: "%.1f us", s * 1e6) }
        return String(format: "%.1f ns", s * 1e9)
    }

    static func printColumns(_ rows: [[String]]) {
        guard let first = rows.first else { return }
        let widths = (0..<first.count).map { c in rows.map { $0[c].count }.max()! }
        for (i, row) in rows.enumerated() {
            print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            if i == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }

    /// The kit's interpreter rows, as `extdemo bench` shows them.
    static func printInterpreterRows(_ interp: (kit: [String: Double], cpython: [String: Double], notes: [String])) {
        print("interpreter rows (MiniPy / CPython):")
        func row(_ label: String, _ key: String, _ format: String, _ goal: String, _ better: (Double, Double) -> Bool) {
            guard let k = interp.kit[key] else { return }
            let c = interp.cpython[key]
            let verdict = c.map { better(k, $0) ? "PASS" : "MISS" } ?? "n/a"
            print("  \(label): " + String(format: format, k) + (c.map { " / " + String(format: format, $0) } ?? "")
                  + "  (goal \(goal): \(verdict))")
        }
        row("countdown ns/iteration", "countdown_ns_per_iter", "%.1f", "<= 0.5x CPython") { $0 <= 0.5 * $1 }
        row("matmul MFLOPS, locals", "matmul_mflops", "%.1f", ">= 1.2x CPython") { $0 >= 1.2 * $1 }
        row("matmul MFLOPS, module level", "matmul_module_mflops", "%.1f", ">= 1.2x CPython") { $0 >= 1.2 * $1 }
        for t in [2, 8] {
            if let s = interp.kit["countdown_speedup_\(t)"] {
                print("  countdown on \(t) threads: " + String(format: "%.2fx of one thread", s)
                      + "  (goal 0.9x-1.1x: \(s >= 0.9 && s <= 1.1 ? "PASS" : "MISS"))")
            }
        }
    }
}

/// What a child process left: its stdout (nil if it could not start), and why it failed.
struct ChildOutcome {
    let status: Int32
    let output: String?
    let errors: String
    let timedOut: Bool

    /// One line: the last line of stderr (the exception), a timeout, or the exit status.
    var reason: String {
        if timedOut { return "timed out" }
        if let last = errors.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            return String(last.prefix(200))
        }
        return output == nil ? "could not start" : "exit status \(status), no result line"
    }
}

/// Runs executable with arguments, extra environment variables (an empty value removes one) and
/// working directory; kills it (SIGTERM, then SIGKILL) after `timeout` seconds.
func runChild(_ executable: String, _ arguments: [String], environment: [String: String], directory: String?,
              timeout: Double) -> ChildOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { if v.isEmpty { env.removeValue(forKey: k) } else { env[k] = v } }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return ChildOutcome(status: -1, output: nil, errors: "\(error)", timedOut: false) }
    final class Flag: @unchecked Sendable { var value = false; var data = Data() }
    let timedOut = Flag(), errors = Flag()
    let pid = process.processIdentifier
    let watchdog = DispatchWorkItem {
        timedOut.value = true
        kill(pid, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + 5) { if process.isRunning { kill(pid, SIGKILL) } }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    let handle = err.fileHandleForReading
    let reader = OSThread.start { errors.data = handle.readDataToEndOfFile() }
    let outputData = out.fileHandleForReading.readDataToEndOfFile()
    reader?.join()
    process.waitUntilExit()
    watchdog.cancel()
    return ChildOutcome(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                        errors: String(decoding: errors.data, as: UTF8.self), timedOut: timedOut.value)
}
