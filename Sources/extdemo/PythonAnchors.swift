// PythonAnchors.swift: the reference figures `extdemo bench` compares against, measured on this
// machine in the same run by python3 when it is installed: hashlib's SHA-256 throughput,
// numpy/OpenBLAS's one-thread matmul GFLOPS, and, when the anchor extension's source is found
// (../shared/anchors/anchorext.c) and a C compiler and Python.h are available, CPython's own
// BEGIN/END_ALLOW_THREADS pair cost and its held/released speedups of a C kernel at 8 threads.
// Nothing here is required: every missing piece becomes a note in the report.

import Foundation

struct PythonAnchors {
    /// The figures measured (keys as in `script`'s output); empty when python3 is absent.
    var figures: [String: Double] = [:]
    /// Why some figures are missing.
    var notes: [String] = []
    /// "3.11.2", when python3 ran.
    var pythonVersion: String?

    func value(_ key: String) -> Double? { figures[key] }

    /// Measures what it can. `quick` shortens the CPython kernel runs and the repetitions.
    static func measure(quick: Bool, progress: ProgressLine?) -> PythonAnchors {
        var anchors = PythonAnchors()
        guard let python = findExecutable(ProcessInfo.processInfo.environment["EXTDEMO_PYTHON"] ?? "python3") else {
            anchors.notes.append("python3 not found: numpy, hashlib and CPython's own figures were not measured")
            return anchors
        }
        let source = findAnchorSource()
        if source == nil {
            anchors.notes.append("../shared/anchors/anchorext.c not found (set EXTDEMO_ANCHORS to its directory): "
                                 + "CPython's own pair cost and kernel speedups were not measured")
        }
        progress?.status("bench: measuring the python3 anchors (numpy, hashlib, CPython)...")
        var arguments = ["-c", script, quick ? "quick" : "full"]
        if let source { arguments.append(source) }
        let (status, output, errors) = runProcess(python, arguments)
        progress?.clear()
        guard status == 0, let data = output.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            let reason = errors.split(separator: "\n").last.map(String.init) ?? "exit status \(status)"
            anchors.notes.append("python3 anchors failed: \(reason)")
            return anchors
        }
        for (key, value) in object {
            if let number = value as? Double {
                anchors.figures[key] = number
            } else if let number = value as? Int {
                anchors.figures[key] = Double(number)
            } else if key == "python", let version = value as? String {
                anchors.pythonVersion = version
            } else if key == "notes", let list = value as? [String] {
                anchors.notes.append(contentsOf: list)
            }
        }
        return anchors
    }

    /// The directory of anchorext.c: $EXTDEMO_ANCHORS, else ../shared/anchors relative to the
    /// current directory or to the package the executable was built in (.build/<config>/extdemo).
    static func findAnchorSource() -> String? {
        var candidates: [String] = []
        if let dir = ProcessInfo.processInfo.environment["EXTDEMO_ANCHORS"] { candidates.append(dir) }
        candidates.append(FileManager.default.currentDirectoryPath + "/../shared/anchors")
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.path + "/../shared/anchors")
            dir = dir.deletingLastPathComponent()
        }
        for candidate in candidates {
            let file = URL(fileURLWithPath: candidate).standardizedFileURL.path + "/anchorext.c"
            if FileManager.default.fileExists(atPath: file) { return file }
        }
        return nil
    }

    /// The Python side. Prints one JSON object; a figure it cannot measure is left out and a note
    /// says why. argv: quick|full [path of anchorext.c].
    static let script = #"""
import hashlib, json, os, subprocess, sys, sysconfig, tempfile, threading, time
quick = sys.argv[1] == "quick"
source = sys.argv[2] if len(sys.argv) > 2 else None
out = {"python": sys.version.split()[0], "notes": []}

def fastest(fn, rounds):
    times = []
    for _ in range(rounds):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return min(times)

data = bytes(range(256)) * (64 << 12)        # 64 MiB
out["hashlib_sha256_bytes_per_second"] = len(data) / fastest(lambda: hashlib.sha256(data).digest(), 3)
del data

numpy_code = (
    "import numpy, time\n"
    "n = 1024\n"
    "a = numpy.random.rand(n, n); b = numpy.random.rand(n, n)\n"
    "times = []\n"
    "for _ in range(%d):\n"
    "    t = time.perf_counter(); a @ b; times.append(time.perf_counter() - t)\n"
    "print(2 * n ** 3 / min(times) / 1e9)\n" % (3 if quick else 5))
env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
p = subprocess.run([sys.executable, "-c", numpy_code], capture_output=True, text=True, env=env)
if p.returncode == 0:
    out["numpy_matmul_1024_gflops"] = float(p.stdout)
else:
    out["notes"].append("numpy not measured: " + (p.stderr.strip().splitlines() or ["failed"])[-1])

def cpython_anchors():
    include = sysconfig.get_paths()["include"]
    if not os.path.exists(os.path.join(include, "Python.h")):
        out["notes"].append("Python.h not found (python3-dev): CPython's own figures were not measured")
        return
    build = tempfile.mkdtemp(prefix="extdemo-anchors-")
    target = os.path.join(build, "anchorext" + sysconfig.get_config_var("EXT_SUFFIX"))
    cc = os.environ.get("CC", "cc")
    b = subprocess.run([cc, "-O2", "-shared", "-fPIC", "-I", include, source, "-o", target],
                       capture_output=True, text=True)
    if b.returncode != 0:
        out["notes"].append("anchorext.c did not build: " + (b.stderr.strip().splitlines() or ["?"])[-1])
        return
    sys.path.insert(0, build)
    import anchorext
    pairs = 2_000_000
    out["cpython_allow_threads_pair_ns"] = fastest(lambda: anchorext.allow_loop(pairs), 3) / pairs * 1e9
    iters = 50_000_000 if quick else 200_000_000
    def threaded(count, release):
        workers = [threading.Thread(target=anchorext.spin, args=(iters // count, release)) for _ in range(count)]
        t = time.perf_counter()
        for w in workers: w.start()
        for w in workers: w.join()
        return time.perf_counter() - t
    one = threaded(1, True)
    out["cpython_kernel_held_speedup_8"] = one / threaded(8, False)
    out["cpython_kernel_released_speedup_8"] = one / threaded(8, True)

if source:
    try:
        cpython_anchors()
    except Exception as e:
        out["notes"].append("CPython anchors failed: %s" % e)
print(json.dumps(out))
"""#
}

/// The full path of an executable found on PATH (or the path itself if it contains a slash).
func findExecutable(_ name: String) -> String? {
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Runs a program to completion: (exit status, stdout, stderr).
func runProcess(_ executable: String, _ arguments: [String]) -> (Int32, String, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch { return (-1, "", "\(error)") }
    // Drain both pipes concurrently so a chatty child cannot block on a full pipe.
    final class Collected: @unchecked Sendable { var data = Data() }   // written before join, read after
    let errors = Collected()
    let handle = err.fileHandleForReading
    let reader = OSThread.start { errors.data = handle.readDataToEndOfFile() }
    let outputData = out.fileHandleForReading.readDataToEndOfFile()
    reader?.join()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errors.data, as: UTF8.self))
}
